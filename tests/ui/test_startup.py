"""App start in a subprocess: no Brightway at startup, screenshots, the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys, time
started = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.main_window import MainWindow
window = MainWindow()
assert window.open_file(sys.argv[1])
window.show()
app.processEvents()
heavy = sorted(m for m in ("bw2data", "bw2calc", "bw2io", "pandas") if m in sys.modules)
print("HEAVY=" + ",".join(heavy))
print("ROWS=%d" % window.product_page.model.rowCount())
print("MS=%.0f" % ((time.perf_counter() - started) * 1000))
"""


def run(args, home, timeout=60):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GREENDESIGN_HOME=str(home))
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_startup_does_not_import_brightway(demo_file, greendesign_home):
    result = run(["-c", PROBE, str(demo_file)], greendesign_home)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert lines["HEAVY"] == ""
    assert int(lines["ROWS"]) > 0
    assert int(lines["MS"]) < 5000


def test_screenshot_option_writes_a_png_and_quits(demo_file, greendesign_home, tmp_path):
    target = tmp_path / "shots" / "main.png"
    result = run(["-m", "ui.app", str(demo_file), "--screenshot", str(target)],
                 greendesign_home)
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert width >= 800 and height >= 500
    log = (greendesign_home / "logs" / "greendesign.log").read_text(encoding="utf-8")
    assert "main window shown" in log


def test_start_page_without_a_file(greendesign_home, tmp_path):
    target = tmp_path / "start.png"
    result = run(["-m", "ui.app", "--screenshot", str(target)], greendesign_home)
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 1000


def test_importing_ui_app_imports_no_qt():
    result = subprocess.run(
        [sys.executable, "-c", "import sys, ui.app; print('PySide6' in sys.modules)"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
