"""Fixtures of the UI tests: offscreen Qt, a private data home per test, and
projects built from the model (or the bundled demos when they exist)."""

from __future__ import annotations

import os

# Before any Qt import: no display is needed, and none is used.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from ui_helpers import ScriptedPrompts, make_kettle  # noqa: E402

from greendesign.io.project_file import save_project  # noqa: E402
from greendesign.model import Project  # noqa: E402

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture(autouse=True)
def greendesign_home(request, tmp_path, monkeypatch):
    """Every test gets its own user data directory (settings, logs, autosave), or the
    module's installed inventory when it is marked ``inventory``."""
    if request.node.get_closest_marker("inventory"):
        home = request.getfixturevalue("inventory_home")
        monkeypatch.setenv("GREENDESIGN_HOME", str(home))
        return home
    home = tmp_path / "gd-home"
    home.mkdir()
    monkeypatch.setenv("GREENDESIGN_HOME", str(home))
    return home


@pytest.fixture
def kettle_file(tmp_path) -> Path:
    """A saved project file of :func:`make_kettle`."""
    path = tmp_path / "test_kettle.gdproj"
    save_project(Project(product=make_kettle()), path)
    return path


@pytest.fixture
def demo_file(tmp_path) -> Path:
    """The bundled electric kettle demo (a copy), or the model-built kettle."""
    demo = DEMO_DIR / "electric_kettle.gdproj"
    target = tmp_path / "electric_kettle.gdproj"
    if demo.is_file():
        target.write_bytes(demo.read_bytes())
    else:
        save_project(Project(product=make_kettle()), target)
    return target


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def window(qtbot, prompts):
    """A main window with a private settings file and scripted prompts."""
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    win = MainWindow(settings=UiSettings(), prompts=prompts)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.document._set_modified(False)  # close without questions at teardown
