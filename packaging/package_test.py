"""Try the PyInstaller folder (``make package-test``): its programs must run, not just exist.

    .venv/bin/python packaging/package_test.py [--dist dist/greendesign] [--venv .venv]

Against ``dist/greendesign`` (built by ``make package``), each in a fresh
temporary ``GREENDESIGN_HOME``:

- the folder holds both programs and the bundled files (fonts, translations,
  demos, icons, desktop entry, lca_data, the ready-built inventory, Brightway's data);
- ``greendesign-cli --version`` prints exactly what the venv's prints (so the
  distribution metadata and the lca_data hash travelled), ``greendesign --version`` runs;
- ``greendesign-cli setup`` installs the inventory from the bundled ready-built copy;
- ``greendesign-cli assess DEMO --format json`` gives a positive GWP total, equal to
  the same command run by ``.venv/bin/greendesign-cli``, as are all other totals;
- ``greendesign-cli -m greendesign.inventory.user_readers`` (how the app runs a helper
  process with ``sys.executable``) reaches that module in the frozen build;
- the bundled GUI starts on X11 (Qt's xcb platform, under Xvfb) in English and in
  Chinese, shows its window and writes a ``--screenshot`` PNG; the Chinese run must
  load Qt's and the app's translations and the bundled font. Screenshots are kept in
  ``build/package-test/``.

Start-up is timed for the bundle and for ``.venv/bin/greendesign`` in the same run:
the app logs "main window shown N ms after main() started (epoch T)"; N is printed,
and T minus the launch time gives the wall time from starting the program to the
window shown (the bundle's boot loader and unpacking included). Each run uses a new
data folder (first start); the files themselves may be in the OS cache.

Plain Python, standard library only. Prints PASS/FAIL lines; exits 1 on any failure.
Without a display server it re-runs itself under ``xvfb-run``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GWP = ["IPCC 2021", "climate change", "global warming potential (GWP100)"]
SHOWN = re.compile(r"main window shown (\d+) ms after main\(\) started \(epoch ([0-9.]+)\)")
XVFB_MARK = "GREENDESIGN_PACKAGE_TEST_XVFB"
GUI_TIMEOUT_S = 180
CLI_TIMEOUT_S = 600


class Checks:
    """Collects PASS/FAIL lines."""

    def __init__(self) -> None:
        self.failed: list[str] = []

    def check(self, ok: bool, name: str, detail: str = "") -> bool:
        print(f"{'PASS' if ok else 'FAIL'} {name}" + (f": {detail}" if detail else ""), flush=True)
        if not ok:
            self.failed.append(name)
        return ok


def run(cmd: list, home: Path, timeout: float = CLI_TIMEOUT_S, **env) -> subprocess.CompletedProcess:
    """Run ``cmd`` with ``GREENDESIGN_HOME=home`` (and ``env``); never raises on exit codes."""
    environment = {k: v for k, v in os.environ.items() if k != "BRIGHTWAY2_DIR"}
    environment.update(GREENDESIGN_HOME=str(home), **env)
    try:
        return subprocess.run([str(c) for c in cmd], env=environment, capture_output=True,
                              text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired as exc:
        return subprocess.CompletedProcess(cmd, -9, exc.stdout or "",
                                           f"timed out after {timeout:.0f} s")
    except OSError as exc:
        return subprocess.CompletedProcess(cmd, -1, "", str(exc))


def tail(text: str, lines: int = 12) -> str:
    kept = (text or "").strip().splitlines()[-lines:]
    return ("\n    " + "\n    ".join(kept)) if kept else ""


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) from a PNG's header, or None when the file is no PNG."""
    try:
        head = path.read_bytes()[:24]
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def totals(report: dict) -> dict[tuple, float]:
    return {tuple(r["method"]): float(r["total"]) for r in report.get("results", [])}


# --- the steps ----------------------------------------------------------------------------

def check_layout(c: Checks, dist: Path) -> None:
    gui, cli = dist / "greendesign", dist / "greendesign-cli"
    c.check(gui.is_file() and os.access(gui, os.X_OK), "GUI program", str(gui))
    c.check(cli.is_file() and os.access(cli, os.X_OK), "CLI program", str(cli))
    inside = dist / "_internal"
    expected = {
        "CJK font": ["resources/fonts/*.ttf", "resources/fonts/OFL.txt"],
        "translations": ["resources/translations/*.qm", "PySide6/Qt/translations/qtbase_zh_CN.qm"],
        "demo products": ["resources/demo/*.gdproj"],
        "app icon": ["resources/icons/greendesign.svg", "resources/icons/greendesign-*.png"],
        "desktop entry": ["share/applications/greendesign.desktop"],
        "lca_data": ["lca_data/catalogue/*.csv", "lca_data/uslci/*.csv",
                     "lca_data/uslci_fy21/*.csv", "lca_data/datasets/*"],
        "ready-built inventory": ["build/greendesign-inventory-template.zip"],
        "Brightway data": ["bw2io/data/lcia/*.zip", "bw2io/data/lci/*", "randonneur_data/data/*",
                           "bw_migrations/data/*"],
        "distribution metadata": ["bw2data-*.dist-info/METADATA", "bw2io-*.dist-info/METADATA",
                                  "greendesign-*.dist-info/METADATA"],
        "Qt platform plugins": ["PySide6/Qt/plugins/platforms/libqxcb.so",
                                "PySide6/Qt/plugins/platforms/libqoffscreen.so"],
    }
    for name, patterns in expected.items():
        missing = [p for p in patterns if not list(inside.glob(p))]
        c.check(not missing, f"bundled {name}", "missing " + ", ".join(missing) if missing
                else ", ".join(patterns))
    unwanted = [p for p in ("tkinter", "_tkinter*", "PySide6/Qt/lib/libQt6WebEngine*",
                            "PySide6/Qt/lib/libQt6Quick*", "PySide6/Qt/lib/libQt6Qml*",
                            "PySide6/Qt/lib/libQt63D*", "pandas/tests", "scipy/*/tests")
                if list(inside.glob(p))]
    c.check(not unwanted, "left out (tests, tkinter, QtWebEngine/Quick/QML/3D)",
            "found " + ", ".join(unwanted) if unwanted else "none bundled")
    print(f"INFO bundle size: {folder_size(dist) / 2**20:.0f} MiB ({dist})", flush=True)


def check_versions(c: Checks, dist: Path, venv: Path, home: Path) -> None:
    bundled = run([dist / "greendesign-cli", "--version"], home)
    reference = run([venv / "bin" / "greendesign-cli", "--version"], home)
    if c.check(bundled.returncode == 0, "greendesign-cli --version",
               tail(bundled.stdout + bundled.stderr, 8)):
        c.check(bundled.stdout == reference.stdout, "--version equals the venv's",
                "same app, inventory data, Brightway, PySide6 and Python versions"
                if bundled.stdout == reference.stdout else
                f"bundle:{tail(bundled.stdout)}\n  venv:{tail(reference.stdout)}")
    gui = run([dist / "greendesign", "--version"], home, QT_QPA_PLATFORM="offscreen")
    c.check(gui.returncode == 0 and gui.stdout.startswith("GreenDesign "),
            "greendesign --version", (gui.stdout + gui.stderr).strip().split("\n")[0])


def assess(c: Checks, program_dir: Path, home: Path, demo: Path, label: str) -> dict | None:
    """``setup`` then ``assess --format json`` with the programs in ``program_dir``."""
    start = time.perf_counter()
    setup = run([program_dir / "greendesign-cli", "setup", "--quiet"], home)
    seconds = time.perf_counter() - start
    if not c.check(setup.returncode == 0, f"{label} greendesign-cli setup",
                   f"{setup.stdout.strip()} [{seconds:.1f} s]" + tail(setup.stderr)):
        return None
    if label == "bundle":
        c.check("ready-built inventory" in setup.stdout, "bundle setup used the bundled "
                "ready-built inventory", "" if "ready-built" in setup.stdout else
                "it built the inventory from lca_data instead")
    result = run([program_dir / "greendesign-cli", "assess", demo, "--format", "json"], home)
    try:
        report = json.loads(result.stdout)
    except ValueError:
        report = None
    if not c.check(result.returncode == 0 and report is not None,
                   f"{label} greendesign-cli assess {demo.name} --format json",
                   f"exit {result.returncode}" + tail(result.stderr)):
        return None
    gwp = totals(report).get(tuple(GWP))
    c.check(gwp is not None and gwp > 0, f"{label} GWP total is positive",
            f"{gwp} kg CO2-eq" if gwp is not None else "no IPCC 2021 GWP100 result")
    return report


def export_pack(c: Checks, dist: Path, home: Path, demo: Path) -> None:
    """The bundled CLI writes a Chinese evidence pack (Typst PDF, charts, workbook) of the
    demo in ``home`` (set up by :func:`assess`) and ``verify`` checks it."""
    out = home / "packs"
    result = run([dist / "greendesign-cli", "--lang", "zh_CN", "export", demo, "-o", out,
                  "--iterations", "0", "--quiet"], home)
    if not c.check(result.returncode == 0, "bundle greendesign-cli export (Chinese pack)",
                   f"exit {result.returncode}" + tail(result.stderr + result.stdout)):
        return
    packs = [p for p in out.iterdir() if p.is_dir()]
    pdfs = [p for pack in packs for p in pack.glob("report_*.pdf")]
    c.check(len(packs) == 1 and len(pdfs) == 1 and pdfs[0].stat().st_size > 50_000,
            "bundle pack holds its PDF report", ", ".join(str(p) for p in pdfs))
    c.check("证据包" in result.stdout, "bundle export speaks Chinese (the core's catalogues)",
            tail(result.stdout, 3))
    if packs:
        check = run([dist / "greendesign-cli", "verify", packs[0]], home)
        c.check(check.returncode == 0, "bundle greendesign-cli verify of that pack",
                f"exit {check.returncode}" + tail(check.stdout + check.stderr))


def compare(c: Checks, bundled: dict, reference: dict) -> None:
    mine, theirs = totals(bundled), totals(reference)
    gwp_b, gwp_v = mine.get(tuple(GWP)), theirs.get(tuple(GWP))
    same = gwp_b is not None and gwp_v is not None and math.isclose(gwp_b, gwp_v, rel_tol=1e-9)
    c.check(same, "bundle GWP total equals the venv's",
            f"bundle {gwp_b!r}, venv {gwp_v!r}" + (" (bit-identical)" if gwp_b == gwp_v else ""))
    differ = [" | ".join(m) for m in theirs if m not in mine or
              not math.isclose(mine[m], theirs[m], rel_tol=1e-9, abs_tol=1e-300)]
    c.check(set(mine) == set(theirs) and not differ, "all method totals equal the venv's",
            f"{len(mine)} methods" if not differ else "differ: " + "; ".join(differ[:5]))


def check_reentry(c: Checks, dist: Path, home: Path) -> None:
    base = home / "other-brightway"
    base.mkdir(parents=True, exist_ok=True)
    result = run([dist / "greendesign-cli", "-m", "greendesign.inventory.user_readers",
                  "export", "--project", "no-such-project", "--database", "db",
                  "--out", home / "export.json"], home, BRIGHTWAY2_DIR=str(base))
    c.check(result.returncode == 2 and "there is no project" in result.stderr,
            "frozen `sys.executable -m greendesign.inventory.user_readers` runs the module",
            f"exit {result.returncode}" + tail(result.stderr, 3))


def start_gui(c: Checks, program: Path, label: str, lang: str, demo: Path, home: Path,
              shots: Path) -> dict | None:
    """Start the app until its window is shown and screenshotted; its timings, or None."""
    png = shots / f"{label}_{lang}.png"
    png.unlink(missing_ok=True)
    env = dict(os.environ, GREENDESIGN_HOME=str(home), QT_QPA_PLATFORM="xcb")
    env.pop("BRIGHTWAY2_DIR", None)
    launched = time.time()
    try:
        proc = subprocess.run([str(program), str(demo), "--lang", lang, "--screenshot", str(png)],
                              env=env, capture_output=True, text=True, timeout=GUI_TIMEOUT_S,
                              cwd=ROOT)
        code, err = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired:
        code, err = -9, f"no screenshot after {GUI_TIMEOUT_S} s"
    total = time.time() - launched
    logs = sorted((home / "logs").glob("greendesign*.log"))
    log = "\n".join(p.read_text("utf-8", "replace") for p in logs)
    name = f"{label} GUI ({lang})"
    c.check(code == 0, f"{name} started and quit", f"exit {code} after {total:.1f} s" + tail(err))
    size = png_size(png)
    c.check(size is not None and min(size) >= 200, f"{name} screenshot",
            f"{png.relative_to(ROOT) if png.is_relative_to(ROOT) else png} "
            f"{size[0]}x{size[1]}" if size else f"no PNG at {png}")
    problems = [line for line in (log + "\n" + err).splitlines()
                if "Traceback" in line or " ERROR " in line or " CRITICAL " in line]
    c.check(not problems, f"{name} log has no errors", tail("\n".join(problems), 6))
    c.check("no app icon" not in log, f"{name} found its window icon",
            _grep(log, "no app icon") or "resources/icons/greendesign-*.png")
    if lang.startswith("zh"):
        c.check("loaded ['qtbase', 'greendesign']" in log, f"{name} loaded Qt's and the app's "
                "Chinese translations", _grep(log, "language "))
        fonts_line = _grep(log, "bundled fonts:")
        c.check("GreenDesign Sans SC" in fonts_line and "no font for Chinese" not in log,
                f"{name} loaded the bundled CJK font", fonts_line)
    shown = SHOWN.search(log)
    if not c.check(shown is not None, f"{name} main window shown", "" if shown else
                   "no 'main window shown' line in the log" + tail(log, 5)):
        return None
    return {"in_main_ms": float(shown.group(1)),
            "wall_ms": (float(shown.group(2)) - launched) * 1000}


def _grep(text: str, needle: str) -> str:
    return next((line.split(": ", 1)[-1] for line in text.splitlines() if needle in line), "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the PyInstaller build's programs.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "greendesign")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv")
    parser.add_argument("--demo", type=Path, default=ROOT / "resources" / "demo" /
                        "electric_kettle.gdproj")
    parser.add_argument("--shots", type=Path, default=ROOT / "build" / "package-test",
                        help="where the screenshots are kept")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folders")
    parser.add_argument("--no-gui", action="store_true", help="skip the GUI runs")
    args = parser.parse_args(argv)
    dist, venv, demo = args.dist.resolve(), args.venv.resolve(), args.demo.resolve()

    if not args.no_gui and not os.environ.get(XVFB_MARK):
        xvfb = shutil.which("xvfb-run")
        if xvfb:  # one X server for every GUI run: its start-up is not in the timings
            os.environ[XVFB_MARK] = "1"
            os.execv(xvfb, [xvfb, "-a", "-s", "-screen 0 1600x1000x24", sys.executable,
                            str(Path(__file__).resolve()), *(argv or sys.argv[1:])])
        if not os.environ.get("DISPLAY"):
            print("FAIL GUI: no display and no xvfb-run (apt-get install xvfb xauth)")
            return 1

    c = Checks()
    if not c.check(dist.is_dir(), "bundle folder", f"{dist}" + ("" if dist.is_dir() else
                                                              ": run `make package` first")):
        return 1
    c.check((venv / "bin" / "greendesign-cli").is_file(), "venv programs", str(venv / "bin"))
    c.check(demo.is_file(), "demo project", str(demo))
    scratch = Path(tempfile.mkdtemp(prefix="gd-package-test-"))
    try:
        check_layout(c, dist)
        check_versions(c, dist, venv, scratch / "versions")
        bundled = assess(c, dist, scratch / "cli-bundle", demo, "bundle")
        reference = assess(c, venv / "bin", scratch / "cli-venv", demo, "venv")
        if bundled and reference:
            compare(c, bundled, reference)
        if bundled:
            export_pack(c, dist, scratch / "cli-bundle", demo)
        check_reentry(c, dist, scratch / "reentry")
        if not args.no_gui:
            args.shots.mkdir(parents=True, exist_ok=True)
            timed = {}
            for label, program, lang in (("bundle", dist / "greendesign", "en"),
                                         ("venv", venv / "bin" / "greendesign", "en"),
                                         ("bundle", dist / "greendesign", "zh_CN")):
                found = start_gui(c, program, label, lang, demo, scratch / f"gui-{label}-{lang}",
                                  args.shots)
                if found and lang == "en":
                    timed[label] = found
            for label, found in timed.items():
                print(f"TIME {label:6} first start to main window shown: "
                      f"{found['wall_ms']:6.0f} ms from launch, {found['in_main_ms']:6.0f} ms "
                      f"inside main()", flush=True)
            if len(timed) == 2:
                b, v = timed["bundle"], timed["venv"]
                print(f"TIME ratio bundle/venv: {b['wall_ms'] / v['wall_ms']:.2f} from launch, "
                      f"{b['in_main_ms'] / v['in_main_ms']:.2f} inside main()", flush=True)
    finally:
        if args.keep:
            print(f"INFO data folders kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    if c.failed:
        print(f"package-test: {len(c.failed)} check(s) FAILED: " + "; ".join(c.failed))
        return 1
    print("package-test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
