"""The wheel is complete: built from this tree and installed into a fresh virtual
environment, every module imports, the bundled data is found, and both commands
answer ``--version``.

The fresh environment gets only the wheel; the libraries it depends on are made
visible from the test's own environment by a ``.pth`` line (installing PySide6 and
Brightway again would need the network and minutes), after the wheel's own
site-packages, so nothing of GreenDesign can come from the source tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def module_names(package: str) -> list[str]:
    names = []
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] == "__main__":
            continue
        names.append(".".join(parts))
    return names


@pytest.fixture(scope="module")
def fresh_install(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(dist), str(ROOT)],
        capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stdout + build.stderr
    wheel = next(dist.glob("greendesign-*.whl"))
    env_dir = work / "fresh"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", str(wheel)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stdout + install.stderr
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig."
                              "get_paths()['purelib'])"], capture_output=True, text=True,
                             check=True).stdout.strip()
    (Path(purelib) / "zz_test_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return env_dir, python, wheel


def run(args, **kwargs):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    return subprocess.run(args, capture_output=True, text=True, timeout=300, env=env,
                          **kwargs)


def test_every_module_imports_from_the_installed_wheel(fresh_install, tmp_path):
    env_dir, python, _ = fresh_install
    modules = module_names("greendesign") + module_names("ui")
    assert "greendesign.cli" in modules and "ui.app" in modules
    script = (
        "import importlib, json, sys\n"
        f"names = {modules!r}\n"
        "files = {n: importlib.import_module(n).__file__ for n in names}\n"
        "from greendesign.bundled import lca_data_dir, resources_dir\n"
        "print(json.dumps({'files': files, 'lca_data': str(lca_data_dir()),\n"
        "                  'resources': str(resources_dir())}))\n")
    result = run([str(python), "-c", script], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    outside = {n: f for n, f in found["files"].items() if not f.startswith(str(env_dir))}
    assert outside == {}, "modules not taken from the wheel"
    assert found["lca_data"].startswith(str(env_dir / "share" / "greendesign"))
    resources = Path(found["resources"])
    assert sorted(p.name for p in (resources / "demo").glob("*.gdproj")) == sorted(
        p.name for p in (ROOT / "resources" / "demo").glob("*.gdproj"))
    assert (resources / "translations" / "greendesign_zh_CN.qm").is_file()
    assert sorted(p.name for p in (resources / "fonts").glob("*.ttf")) == [
        "GreenDesignSansSC-Bold.ttf", "GreenDesignSansSC-Regular.ttf"]
    assert (env_dir / "share" / "applications" / "greendesign.desktop").is_file()
    assert (env_dir / "share" / "icons" / "hicolor" / "scalable" / "apps"
            / "greendesign.svg").is_file()
    assert (resources / "icons" / "greendesign-256.png").is_file()


def test_both_commands_answer_version(fresh_install, tmp_path):
    from greendesign import __version__
    from greendesign.inventory.datasets import data_version

    env_dir, _, _ = fresh_install
    for program in ("greendesign-cli", "greendesign"):
        result = run([str(env_dir / "bin" / program), "--version"], cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == f"GreenDesign {__version__} ({program})"
        # the installed lca_data hashes to the same inventory version as the source tree
        assert f"inventory data {data_version()}" in lines
        assert any(line.startswith("Brightway: bw2data 4.") for line in lines)
        assert any(line.startswith("PySide6 6.") for line in lines)
        assert lines[-1].startswith(f"Python CPython {sys.version.split()[0]}")


def test_the_wheel_validates_a_demo_with_the_installed_catalogue(fresh_install, tmp_path):
    env_dir, _, _ = fresh_install
    demo = env_dir / "share" / "greendesign" / "resources" / "demo" / "office_chair.gdproj"
    result = run([str(env_dir / "bin" / "greendesign-cli"), "validate", str(demo)],
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "valid project" in result.stdout
