"""Where GreenDesign keeps user data.

One place decides it: the appdirs user data directory of the app, or the
directory named by the ``GREENDESIGN_HOME`` environment variable (tests and
scripts use it to keep their data apart). Below it:

- ``settings.json``: the app settings;
- ``autosave/``: autosaved copies of open projects, for crash recovery;
- ``brightway/``: the app's own Brightway base directory (never the user's
  default Brightway location);
- ``logs/``: the rotating log file.
"""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

APP_NAME = "GreenDesign"
APP_AUTHOR = "GreenDesign"
HOME_ENV = "GREENDESIGN_HOME"


def data_home() -> Path:
    """Return the root of the user data directory, creating it if needed."""
    override = os.environ.get(HOME_ENV)
    root = Path(override).expanduser() if override else Path(
        appdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    root.mkdir(parents=True, exist_ok=True)
    return root


def _subdir(name: str) -> Path:
    path = data_home() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings_file() -> Path:
    """Path of the app settings file (may not exist yet)."""
    return data_home() / "settings.json"


def autosave_dir() -> Path:
    """Directory holding autosaved copies of open projects."""
    return _subdir("autosave")


def brightway_dir() -> Path:
    """The app's own Brightway base directory (``BRIGHTWAY2_DIR`` points here)."""
    return _subdir("brightway")


def log_dir() -> Path:
    """Directory of the rotating log file."""
    return _subdir("logs")
