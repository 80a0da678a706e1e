"""Desktop benchmarks: cold start to window shown, one BOM edit to updated results."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from bench.timing import row

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


def bench_edit_to_results() -> None:
    """One mass edit in a 1,000-part BOM until the status bar and charts show the result."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from bench.synthetic import synthetic_product
    from greendesign.inventory.brightway_setup import ensure_inventory
    from greendesign.io.project_file import save_project
    from greendesign.model import Project

    app = QApplication.instance() or QApplication([])
    ensure_inventory()
    from ui.main_window import MainWindow

    window = MainWindow()
    path = os.path.join(tempfile.mkdtemp(), "big.gdproj")
    save_project(Project(product=synthetic_product(1000)), path)
    window.open_file(path)
    window.show()
    window.show_page("results")
    window.lca.inventory_ready()
    loop = QEventLoop()
    window.lca.resultChanged.connect(lambda r: r is not None and loop.quit())
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
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
    start = time.perf_counter()
    from greendesign.lca.engine import assess

    assess(window.document.product, list(window.lca.background.methods),
           background=window.lca.background, allow_gaps=True)
    engine = time.perf_counter() - start
    row("edit a mass, 1,000 parts -> status bar + charts", min(times),
        "fast path alone, all 98 methods", engine)
    window.document._set_modified(False)  # noqa: SLF001 - close without asking
    window.close()
    app.processEvents()


def run() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    bench_cold_start()
    bench_edit_to_results()
