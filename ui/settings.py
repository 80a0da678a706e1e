"""Window state the desktop app remembers between sessions.

Stored with :class:`QSettings` in an INI file under the app data directory
(``greendesign.paths.data_home()/ui-state.ini``), so ``GREENDESIGN_HOME``
moves it with the rest of the user data and tests never touch the real one.
The file carries a version number; a file from another version is reset.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from greendesign.paths import data_home

SETTINGS_VERSION = 1
MAX_RECENT_FILES = 10
FILE_NAME = "ui-state.ini"


class UiSettings:
    """Recent files, last project and window geometry.

    Parameters
    ----------
    path
        The INI file; ``data_home()/ui-state.ini`` when omitted.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_home() / FILE_NAME
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)
        version = self._store.value("version")
        if version is not None and str(version) != str(SETTINGS_VERSION):
            self._store.clear()
        self._store.setValue("version", SETTINGS_VERSION)

    def recent_files(self) -> list[Path]:
        """Recently opened project files, newest first; files no longer on disk are
        pruned from the list (and from the stored settings)."""
        raw = self._store.value("recent_files", [])
        if isinstance(raw, str):
            raw = [raw]
        paths = [Path(p) for p in (raw or []) if p]
        existing = [p for p in dict.fromkeys(paths) if p.is_file()][:MAX_RECENT_FILES]
        if existing != paths:
            self._write_recent(existing)
        return existing

    def add_recent_file(self, path: Path) -> list[Path]:
        """Put ``path`` at the top of the recent files (at most 10) and return the list."""
        path = Path(path).resolve()
        files = [path] + [p for p in self.recent_files() if p != path]
        files = files[:MAX_RECENT_FILES]
        self._write_recent(files)
        return files

    def clear_recent_files(self) -> None:
        """Forget every recent file."""
        self._write_recent([])

    def _write_recent(self, files: list[Path]) -> None:
        self._store.setValue("recent_files", [str(p) for p in files])
        self._store.sync()

    @property
    def last_project(self) -> Path | None:
        """The project open when the app was last closed, if it still exists."""
        value = self._store.value("last_project")
        if not value:
            return None
        path = Path(str(value))
        return path if path.is_file() else None

    @last_project.setter
    def last_project(self, path: Path | None) -> None:
        self._store.setValue("last_project", str(path) if path else "")

    def window_geometry(self) -> QByteArray | None:
        """The saved main-window geometry, or None on first run."""
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        """The saved toolbar and splitter state, or None on first run."""
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        """Remember the main window's geometry and state."""
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)
        self._store.sync()

    def value(self, key: str, default: object = None) -> object:
        """Any other stored value (splitter sizes of a page, say)."""
        return self._store.value(key, default)

    def set_value(self, key: str, value: object) -> None:
        """Store any other value under ``key``."""
        self._store.setValue(key, value)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._store.sync()
