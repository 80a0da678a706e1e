"""The desktop packaging, without building it: the PyInstaller spec's inputs, the desktop
entry, the icons and ``make install-desktop``.

The spec is executed with stand-ins for PyInstaller's Analysis/PYZ/EXE/COLLECT, so
what it would hand to PyInstaller is checked in a second (the real build is
``make package``, tried by ``make package-test``).
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "greendesign.spec"
DESKTOP = ROOT / "packaging" / "greendesign.desktop"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
TEMPLATE = ROOT / "build" / "greendesign-inventory-template.zip"


# --- the PyInstaller spec -------------------------------------------------------------------

class _Recorder:
    calls: list = []

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        type(self).calls.append(self)


class FakeAnalysis(_Recorder):
    calls: list = []

    def __init__(self, scripts, **kwargs):
        super().__init__(scripts, **kwargs)
        self.scripts = [("pyiboot01_bootstrap", "bootstrap.py", "PYSOURCE")] + [
            (Path(s).stem, s, "PYSOURCE") for s in scripts]
        self.pure, self.binaries = [], []
        self.datas = [(dest, src, "DATA") for src, dest in kwargs.get("datas", [])]


class FakePYZ(_Recorder):
    calls: list = []


class FakeEXE(_Recorder):
    calls: list = []


class FakeCOLLECT(_Recorder):
    calls: list = []


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    """The spec executed with stand-ins; its namespace and what each stand-in was given."""
    pytest.importorskip("PyInstaller.utils.hooks")
    tmp = tmp_path_factory.mktemp("spec")
    old = os.environ.get("GREENDESIGN_INVENTORY_TEMPLATE")
    if not TEMPLATE.is_file():  # `make inventory` not run yet: a stand-in template
        fake = tmp / TEMPLATE.name
        with zipfile.ZipFile(fake, "w") as archive:
            archive.writestr("stamp.json", "{}")
        os.environ["GREENDESIGN_INVENTORY_TEMPLATE"] = str(fake)
    for cls in (FakeAnalysis, FakePYZ, FakeEXE, FakeCOLLECT):
        cls.calls = []
    namespace = {"SPECPATH": str(SPEC.parent), "workpath": str(tmp / "work"),
                 "DISTPATH": str(tmp / "dist"), "SPEC": str(SPEC), "specnm": "greendesign",
                 "Analysis": FakeAnalysis, "PYZ": FakePYZ, "EXE": FakeEXE,
                 "COLLECT": FakeCOLLECT, "os": os, "__file__": str(SPEC)}
    try:
        exec(compile(SPEC.read_text("utf-8"), str(SPEC), "exec"), namespace)
    finally:
        if old is None:
            os.environ.pop("GREENDESIGN_INVENTORY_TEMPLATE", None)
        else:
            os.environ["GREENDESIGN_INVENTORY_TEMPLATE"] = old
    [analysis] = FakeAnalysis.calls
    return {"ns": namespace, "analysis": analysis, "exes": FakeEXE.calls,
            "collects": FakeCOLLECT.calls}


def _bundled(spec) -> dict[str, Path]:
    """Bundle path -> source file, of everything the spec lists."""
    return {str(Path(dest) / Path(src).name): Path(src)
            for src, dest in spec["analysis"].kwargs["datas"]}


def test_spec_lists_only_existing_files(spec):
    datas = spec["analysis"].kwargs["datas"]
    assert len(datas) > 100
    # files, and the distribution metadata folders (*.dist-info) copy_metadata gives
    missing = [src for src, _dest in datas if not (Path(src).is_file() or
                                                   src.endswith((".dist-info", ".egg-info")))]
    assert not missing
    for source, _dest in spec["ns"]["BUNDLED_DATA"]:
        assert list(ROOT.glob(source)), f"nothing matches {source}"


def test_spec_bundles_the_app_files(spec):
    bundled = _bundled(spec)
    for name in ("GreenDesignSansSC-Regular.ttf", "GreenDesignSansSC-Bold.ttf", "OFL.txt"):
        assert f"resources/fonts/{name}" in bundled
    assert "resources/translations/greendesign_zh_CN.qm" in bundled
    demos = {p.name for p in (ROOT / "resources" / "demo").glob("*.gdproj")}
    assert demos and all(f"resources/demo/{d}" in bundled for d in demos)
    assert "resources/icons/greendesign.svg" in bundled
    assert all(f"resources/icons/greendesign-{n}.png" in bundled for n in ICON_SIZES)
    assert "share/applications/greendesign.desktop" in bundled
    # the whole lca_data folder, at the same relative paths (greendesign.bundled reads it)
    lca = {str(p.relative_to(ROOT)) for p in (ROOT / "lca_data").rglob("*")
           if p.is_file() and "__pycache__" not in p.parts}
    assert lca <= set(bundled)
    # the ready-built inventory where template_path() looks in a frozen build
    assert "build/greendesign-inventory-template.zip" in bundled


def test_spec_bundles_brightway_data_and_metadata(spec):
    bundled = set(_bundled(spec))
    assert any(p.startswith("bw2io/data/lcia/") and p.endswith(".zip") for p in bundled)
    assert any(p.startswith("randonneur_data/data/") for p in bundled)
    assert any(p.startswith("bw_migrations/data/") for p in bundled)
    for dist in ("bw2data", "bw2calc", "bw2io", "bw2parameters", "numpy", "pandas"):
        assert any(p.startswith(f"{dist}-") and ".dist-info/" in p for p in bundled), dist
    assert not any("/tests/" in p for p in bundled)


def test_spec_builds_two_programs_in_one_folder(spec):
    analysis = spec["analysis"]
    scripts = [Path(s) for s in analysis.args[0]]
    assert len(scripts) == 2 and all(s.is_file() for s in scripts)
    texts = " ".join(s.read_text("utf-8") for s in scripts)
    assert "from ui.app import main" in texts and "from greendesign.cli import main" in texts
    for script in scripts:
        compile(script.read_text("utf-8"), str(script), "exec")
    exes = {e.kwargs["name"]: e for e in spec["exes"]}
    assert set(exes) == {"greendesign", "greendesign-cli"}
    assert exes["greendesign-cli"].kwargs["console"] is True
    assert exes["greendesign"].kwargs["console"] is False
    for name, exe in exes.items():
        own = [entry[0] for entry in exe.args[1] if entry[0].startswith("gd_entry_")]
        assert own == [f"gd_entry_{name.replace('-', '_')}"]  # each runs only its own script
    [collect] = spec["collects"]
    assert collect.kwargs["name"] == "greendesign"
    assert set(collect.args[:2]) == set(spec["exes"])
    excludes = analysis.kwargs["excludes"]
    assert {"tkinter", "PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.Qt3DCore"} <= \
        set(excludes)
    assert "pandas.tests" in excludes


# --- desktop entry ----------------------------------------------------------------------------

def _desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text("utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def test_desktop_entry_keys():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    for key in ("Name", "Name[zh_CN]", "Comment", "Comment[zh_CN]", "Exec", "Icon",
                "Categories", "MimeType"):
        assert entry.get(key), key
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["Name[zh_CN]"])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["Comment[zh_CN]"])
    assert entry["Icon"] == "greendesign"
    assert entry["Exec"].split()[0] == "greendesign" and "%f" in entry["Exec"]
    assert entry["Categories"].endswith(";")
    assert "application/x-greendesign-project;" in entry["MimeType"]
    assert entry["Terminal"] == "false"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (desktop-file-utils)")
def test_desktop_entry_validates():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


# --- icons -----------------------------------------------------------------------------------

def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", path
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_has_the_size_in_its_name(size):
    assert _png_size(ICONS / f"greendesign-{size}.png") == (size, size)


def test_icon_svg_is_well_formed():
    root = ET.parse(ICONS / "greendesign.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 64 64"


# --- make install-desktop ------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("where", ["XDG_DATA_HOME", "PREFIX"])
def test_install_desktop(tmp_path, where):
    target = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_DATA_HOME", "PREFIX")}
    env["HOME"] = str(tmp_path / "home")
    if where == "PREFIX":
        env["PREFIX"], share = str(target), target / "share"
    else:
        env["XDG_DATA_HOME"], share = str(target), target
    # -o: take the venv as it is (never rebuild it from a test)
    result = subprocess.run(["make", "-s", "-o", ".venv/.installed", "install-desktop"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    installed = (share / "applications" / "greendesign.desktop").read_text("utf-8")
    venv_app = (ROOT / ".venv" / "bin" / "greendesign").absolute()
    assert f'Exec="{venv_app}" %f' in installed
    for size in ICON_SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "greendesign.png"
        assert _png_size(icon) == (size, size)
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "greendesign.svg").is_file()
    mime = ET.parse(share / "mime" / "packages" / "greendesign.xml").getroot()
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    assert mime.find(f"{ns}mime-type/{ns}glob").get("pattern") == "*.gdproj"
    assert not (tmp_path / "home" / ".local").exists()
