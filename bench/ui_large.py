"""Desktop benchmarks of large projects: open to a usable window, open to the first result,
peak memory of a page tour.

Every child process uses the bench's ``GREENDESIGN_HOME`` (the inventory is set
up there first) and ``QT_QPA_PLATFORM=offscreen``; the measured children run
one at a time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from bench.timing import row

GOAL_MB = 500

OPEN_TO_RESULT = r"""
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from ui.main_window import MainWindow
window = MainWindow()
window.show()
window.open_file(sys.argv[1])
loop, got = QEventLoop(), []
window.lca.resultChanged.connect(lambda r: r is not None and (got.append(r), loop.quit()))
window.start_inventory_setup()  # as the app does: check the inventory, then load the matrices
QTimer.singleShot(300_000, loop.quit)
if not got:
    loop.exec()
print("READY" if got else "TIMEOUT", time.perf_counter() - t0, flush=True)
window.document._set_modified(False)
window.stop_background_work()
import os; os._exit(0)
"""

USABLE_WINDOW = r"""
import sys, time
t0 = time.perf_counter()
from pathlib import Path
from PySide6.QtCore import QEventLoop, QLocale, Qt, QTimer, qVersion
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
# what ui.app.main does before the window, but the single-writer lock and the recovery offer
from greendesign.i18n import set_language
from greendesign.logging_setup import configure_logging, log_session_start
from ui.app import chosen_language, install_translations, load_app_icon, load_bundled_fonts
from ui.main_window import MainWindow
from ui.prompts import UserPrompts
from ui.settings import UiSettings
from ui.style import apply_style
configure_logging(file_name="greendesign.log")
log_session_start("GreenDesign app", qt_version=qVersion())
apply_style(app)
app.setWindowIcon(load_app_icon())
language = chosen_language(None)
install_translations(app, language)
set_language(language or QLocale.system().name())
load_bundled_fonts()
window = MainWindow(settings=UiSettings(Path(sys.argv[2])), prompts=UserPrompts())
window.show()
window.open_file(sys.argv[1])
loop = QEventLoop()
QTimer.singleShot(0, loop.quit)
loop.exec()  # what the open posted: the tree's layout, the pages' updates
window.grab()  # and one paint of the whole window
seconds = time.perf_counter() - t0
page, path = window.product_page, str(Path(sys.argv[1]).resolve())
current = page.tree.currentIndex()
usable = (page.model.rowCount() > 0 and current.isValid()
          and bool(page.model.flags(current) & Qt.ItemFlag.ItemIsEditable)
          and window.parts_label.text() != "" and window.path_label.text() == path)
print("READY" if usable else "INCOMPLETE", seconds, flush=True)
window.document._set_modified(False)
window.stop_background_work()
import os; os._exit(0)
"""

CORE_LOAD = r"""
import sys, time
t0 = time.perf_counter()
from greendesign.io.project_file import load_project
load_project(sys.argv[1])
print("READY", time.perf_counter() - t0, flush=True)
"""

CORE_OPEN = r"""
import sys, time
t0 = time.perf_counter()
from greendesign.io.project_file import load_project
from greendesign.lca.engine import assess
project = load_project(sys.argv[1])
assess(project.product, allow_gaps=True)
print("READY", time.perf_counter() - t0, flush=True)
"""

PEAK_RSS = r"""
import resource, subprocess, sys, time
t0 = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def row_mb(label: str, megabytes: float, peer_label: str, peer_megabytes: float) -> None:
    """Like :func:`bench.timing.row`, for memory in MB."""
    ratio = megabytes / peer_megabytes if peer_megabytes > 0 else float("inf")
    print(f"{label:<52} {megabytes:9.1f} MB   {peer_label:<34} {peer_megabytes:9.1f} MB"
          f"   ratio {ratio:6.2f}x")


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _child(code: str, *args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", code, *args], check=True,
                         capture_output=True, text=True, env=_env()).stdout
    return out.split()[-2:]


def _project(tmp: Path, n_parts: int) -> str:
    from bench.synthetic import synthetic_product
    from greendesign.io.project_file import save_project
    from greendesign.model import Project

    path = tmp / f"synthetic-{n_parts}.gdproj"
    if not path.exists():
        save_project(Project(product=synthetic_product(n_parts)), path)
    return str(path)


def _seconds_to_result(code: str, path: str, *args: str) -> float:
    status, seconds = _child(code, path, *args)
    if status != "READY":
        raise RuntimeError(f"{path}: the child process did not get ready ({status})")
    return float(seconds)


def _ui_state(tmp: Path, recent: str | None) -> str:
    """A new window-state file for one child: no recent files, or ``recent`` alone."""
    from ui.settings import UiSettings

    path = Path(tempfile.mkdtemp(prefix="gd-ui-state-", dir=tmp)) / "ui-state.ini"
    settings = UiSettings(path)
    if recent is not None:
        settings.add_recent_file(Path(recent))
    settings.sync()
    return str(path)


def bench_open_to_usable(tmp: Path, sizes: tuple[int, ...] = (10_000, 50_000),
                         repeat: int = 3) -> None:
    """Start the app and open an ``n_parts`` project; stop once the window is usable.

    Usable: the main window shown and painted, the BOM tree filled with a row
    selected that can be edited, the status bar naming the project; the LCA
    result comes later. Each child starts with its own window-state file: first
    with no recent files (a project opened for the first time), then, for the
    largest size, with the project in the recent files, which the start page
    lists (and reads) while the window is made. The peer is the core's
    ``load_project`` alone, also from the start of its process.
    """
    for n_parts in sizes:
        path = _project(tmp, n_parts)
        app = min(_seconds_to_result(USABLE_WINDOW, path, _ui_state(tmp, None))
                  for _ in range(repeat))
        core = min(_seconds_to_result(CORE_LOAD, path) for _ in range(repeat))
        row(f"open {n_parts:,} parts -> usable window", app, "core: load_project alone", core)
    n_parts = sizes[-1]
    path = _project(tmp, n_parts)
    again = min(_seconds_to_result(USABLE_WINDOW, path, _ui_state(tmp, path))
                for _ in range(repeat))
    core = min(_seconds_to_result(CORE_LOAD, path) for _ in range(repeat))
    row(f"open {n_parts:,} parts, in recent files -> usable", again,
        "core: load_project alone", core)


def bench_open_to_result(tmp: Path, n_parts: int = 10_000, repeat: int = 3) -> None:
    """Start the app, open an ``n_parts`` project; stop at the window's first LCA result."""
    path = _project(tmp, n_parts)
    app = min(_seconds_to_result(OPEN_TO_RESULT, path) for _ in range(repeat))
    core = min(_seconds_to_result(CORE_OPEN, path) for _ in range(repeat))
    row(f"open {n_parts:,} parts -> window + first result", app,
        "core: load_project + assess", core)


def _page_tour(project: str, shots: Path) -> tuple[float, float, float]:
    """Wall seconds, page-visit seconds (from the log) and peak RSS in MB of one tour."""
    command = [sys.executable, "-W", "ignore", "-m", "ui.app", project,
               "--screenshot-pages", str(shots)]
    wall, kib = _child(PEAK_RSS, *command)
    return float(wall), _visit_seconds(), int(kib) / 1024


def _visit_seconds() -> float:
    """Seconds from the engine's result to the last screenshot, from the app's log file."""
    from greendesign.paths import log_dir

    lines = (log_dir() / "greendesign.log").read_text("utf-8").splitlines()
    start = [x for x in lines if "screenshots: engine state" in x][-1]
    end = [x for x in lines if "screenshots saved" in x][-1]

    def stamp(line: str) -> datetime:
        return datetime.strptime(" ".join(line.split()[:2]), "%Y-%m-%d %H:%M:%S,%f")

    return (stamp(end) - stamp(start)).total_seconds()


def bench_page_tour_memory(tmp: Path, n_parts: int = 5_000) -> None:
    """Peak RSS and time of ``--screenshot-pages`` (every page) with a large project.

    Each tour runs under its own small wrapper process, so its children's
    ``ru_maxrss`` is the app's alone.
    """
    from greendesign.bundled import demo_products

    kettle = str([p for p in demo_products() if "kettle" in p.name][0])
    shots = Path(tempfile.mkdtemp(prefix="gd-shots-", dir=tmp))
    small_wall, small_visit, small_mb = _page_tour(kettle, shots / "kettle")
    big_wall, big_visit, big_mb = _page_tour(_project(tmp, n_parts), shots / "large")
    row_mb(f"peak RSS, {n_parts:,} parts, all pages (goal {GOAL_MB} MB)", big_mb,
           "peak RSS, demo kettle, all pages", small_mb)
    row(f"page tour {n_parts:,} parts (incl. fixed 0.7 s/page settle)", big_visit,
        "page tour, demo kettle", small_visit)
    row(f"app start + tour + quit, {n_parts:,} parts", big_wall, "same, demo kettle", small_wall)


def run() -> None:
    from greendesign.inventory.brightway_setup import ensure_inventory

    ensure_inventory()  # the children find the inventory in this GREENDESIGN_HOME
    with tempfile.TemporaryDirectory() as tmp:
        bench_open_to_usable(Path(tmp))
        bench_open_to_result(Path(tmp))
        bench_page_tour_memory(Path(tmp))
