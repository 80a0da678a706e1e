"""Desktop benchmarks: cold start to window shown, one BOM edit to updated results.

The large-project ones (open 10,000 parts, peak memory of a page tour) are in
:mod:`bench.ui_large`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from bench.timing import best_of, row

COLD_START = r"""
import sys, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QCoreApplication
app = QApplication(sys.argv)
from ui.main_window import MainWindow
w = MainWindow()
w.show()
w.open_file(sys.argv[1])
QCoreApplication.processEvents()
print("SHOWN", time.perf_counter() - t0)
print("BW" if "bw2data" in sys.modules else "NOBW")
"""


def _python(code: str, *args: str, env=None) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", code, *args], check=True,
                         capture_output=True, text=True, env=env).stdout
    return time.perf_counter() - start, out


def bench_cold_start() -> None:
    from greendesign.bundled import demo_products

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "GREENDESIGN_HOME": tempfile.mkdtemp(prefix="gd-bench-ui-")}
    kettle = str([p for p in demo_products() if "kettle" in p.name][0])
    shown = min(_python(COLD_START, kettle, env=env)[0] for _ in range(3))
    base = min(_python("pass")[0] for _ in range(3))
    brightway = min(_python("import bw2data, bw2calc")[0] for _ in range(3)) - base
    row("cold start to window shown (kettle open)", shown, "import bw2data+bw2calc alone",
        brightway)


def _window(n_parts: int, page: str):
    """The app's window with a synthetic ``n_parts`` project open on ``page``, after its
    first LCA result."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from bench.synthetic import synthetic_product
    from greendesign.inventory.brightway_setup import ensure_inventory
    from greendesign.io.project_file import save_project
    from greendesign.model import Project
    from ui.app import GIL_SWITCH_S

    app = QApplication.instance() or QApplication([])
    sys.setswitchinterval(GIL_SWITCH_S)  # as ui.app.main
    ensure_inventory()
    from ui.main_window import MainWindow

    window = MainWindow()
    path = os.path.join(tempfile.mkdtemp(), "big.gdproj")
    save_project(Project(product=synthetic_product(n_parts)), path)
    window.open_file(path)
    window.show()
    window.show_page(page)
    window.lca.inventory_ready()
    loop = QEventLoop()
    window.lca.resultChanged.connect(lambda r: r is not None and loop.quit())
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    return app, window


def _close(app, window) -> None:
    window.document._set_modified(False)  # noqa: SLF001 - close without asking
    window.close()
    app.processEvents()


def bench_edit_to_results(n_parts: int = 1000) -> None:
    """One mass edit in an ``n_parts`` BOM until the status bar and charts show the result."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    app, window = _window(n_parts, "results")
    editor = window.product_page.editor
    part = window.document.product.bom[0].children[0]
    times = []
    for i in range(5):
        done = QEventLoop()
        window.lca.resultChanged.connect(done.quit)
        start = time.perf_counter()
        editor.set_fields(part.id, {"mass_kg": 0.5 + i * 0.01})
        done.exec()
        QCoreApplication.processEvents()  # paint the charts and the status bar
        times.append(time.perf_counter() - start)
        window.lca.resultChanged.disconnect(done.quit)
    from greendesign.lca.engine import assess

    lca = window.lca
    engine = best_of(lambda: assess(window.document.product, list(lca.background.methods),
                                    variant=window.document.design_name,
                                    background=lca.background, allow_gaps=True), repeat=3)
    row(f"edit a mass, {n_parts:,} parts -> status bar + charts", min(times),
        f"core assess alone, {len(lca.background.methods)} methods", engine)
    _close(app, window)


def bench_scoring_stall(n_parts: int = 10_000, edits: int = 3) -> None:
    """The longest the window does not answer while the Green design page scores an edit
    in its worker, with the app's GIL switch interval and with Python's default (5 ms)."""
    from PySide6.QtCore import QCoreApplication

    from ui.app import GIL_SWITCH_S

    app, window = _window(n_parts, "green_design")
    page = window.green_page
    editor = window.product_page.editor
    part = window.document.product.bom[0].children[0]

    def worst_stall(interval: float) -> float:
        sys.setswitchinterval(interval)
        worst = 0.0
        for i in range(edits):
            editor.set_fields(part.id, {"mass_kg": 0.5 + i * 0.01})
            settled = time.perf_counter() + 0.5  # the page's debounce, then the scoring
            while page.busy() or time.perf_counter() < settled:
                start = time.perf_counter()
                QCoreApplication.processEvents()
                worst = max(worst, time.perf_counter() - start)
                time.sleep(0.002)
        return worst

    worst_stall(GIL_SWITCH_S)  # warm: first scores, caches
    default = worst_stall(0.005)
    ours = worst_stall(GIL_SWITCH_S)
    sys.setswitchinterval(GIL_SWITCH_S)
    row(f"Green design scoring {n_parts:,} parts: longest GUI stall", ours,
        "same, Python's 5 ms GIL switch", default)
    _close(app, window)


def run() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # run alone (not from bench/__main__.py): never the real user data home
    os.environ.setdefault("GREENDESIGN_HOME", tempfile.mkdtemp(prefix="gd-bench-"))
    bench_cold_start()
    bench_edit_to_results(1000)
    bench_edit_to_results(10_000)
    bench_scoring_stall(10_000)
    from bench.ui_large import run as bench_ui_large

    bench_ui_large()
