"""The one-folder desktop build: cold start to window shown, beside the venv's app.

Runs only when ``make package`` has built ``dist/greendesign``; otherwise says so. Each
start uses a new data folder (first run: the ready-built inventory is unpacked in the
background, as for a new user) and Qt's offscreen platform, so no display is needed.
The time is from launch to the app's own "main window shown" log line (its epoch), so
the interpreter's and the bundle's boot are included.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from bench.timing import row

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "greendesign" / "greendesign"
VENV_APP = ROOT / ".venv" / "bin" / "greendesign"
DEMO = ROOT / "resources" / "demo" / "electric_kettle.gdproj"
SHOWN = re.compile(r"main window shown \d+ ms after main\(\) started \(epoch ([0-9.]+)\)")
GOAL_S = 1.5


def cold_start(program: Path) -> float:
    """Seconds from launch to the main window shown, in a fresh data folder."""
    with tempfile.TemporaryDirectory(prefix="gd-bench-start-") as home:
        shot = Path(home) / "window.png"
        env = dict(os.environ, GREENDESIGN_HOME=home, QT_QPA_PLATFORM="offscreen")
        launched = time.time()
        subprocess.run([str(program), str(DEMO), "--screenshot", str(shot)], env=env,
                       capture_output=True, timeout=120, check=True)
        log = "\n".join(p.read_text("utf-8", "replace")
                        for p in (Path(home) / "logs").glob("greendesign*.log"))
        found = SHOWN.search(log)
        if found is None:
            raise RuntimeError(f"{program} logged no 'main window shown' line")
        return float(found.group(1)) - launched


def run() -> None:
    if not BUNDLE.is_file():
        print("bundle cold start to window shown: skipped (no dist/greendesign: make package)")
        return
    bundle = min(cold_start(BUNDLE) for _ in range(3))
    venv = min(cold_start(VENV_APP) for _ in range(3))
    row("bundle cold start to window shown (kettle open)", bundle, "venv app, same run", venv)
    verdict = "met" if bundle <= GOAL_S else "not met"
    print(f"  goal: bundle cold start <= {GOAL_S:g} s: {bundle:.2f} s, {verdict}")
