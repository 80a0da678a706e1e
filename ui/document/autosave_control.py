"""Autosave of the open project, and the offer to recover after a crash.

:class:`AutosaveController` writes a recovery copy of the open project through
:class:`greendesign.io.autosave.Autosaver` every N seconds (the
``autosave_interval_s`` setting, 60 s by default) while there are unsaved
changes, and removes it when the project is saved, the changes are undone, or
the project is closed. At the next start, :func:`recoverable_copies` lists
copies left by a process that is gone and newer than their file; the main
window offers each one to the user.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from greendesign.errors import GreenDesignError
from greendesign.io.autosave import Autosaver, Recovery, discard_recovery, find_recoverable
from ui.document.document import ProjectDocument

log = logging.getLogger("greendesign.ui")

__all__ = ["AutosaveController", "Recovery", "discard_recovery", "recoverable_copies"]


def recoverable_copies() -> list[Recovery]:
    """Autosaved copies that can be recovered, newest first (never raises)."""
    try:
        return find_recoverable()
    except OSError as exc:
        log.warning("could not look for autosaved copies: %s", exc)
        return []


class AutosaveController(QObject):
    """Keeps a recovery copy of the document's project while it has unsaved changes.

    Parameters
    ----------
    document
        The open project.
    interval_s
        Seconds between two copies while the project is modified.

    Signals
    -------
    statusMessage(str)
        A failed autosave, for the status bar.
    """

    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, interval_s: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.enabled = True
        self.autosaver: Autosaver | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, int(interval_s)) * 1000)
        self.timer.timeout.connect(self.autosave_now)
        document.projectReplaced.connect(self._project_replaced)
        document.modifiedChanged.connect(self._modified_changed)
        document.saved.connect(self._saved)

    @property
    def interval_s(self) -> int:
        """Seconds between two copies."""
        return self.timer.interval() // 1000

    def autosave_now(self) -> Path | None:
        """Write the recovery copy now if there are unsaved changes; returns its path."""
        if not self.enabled or self.autosaver is None or self.document.project is None \
                or not self.document.modified:
            return None
        try:
            path = self.autosaver.write(self.document.project)
        except (GreenDesignError, OSError) as exc:
            log.warning("autosave failed: %s", exc)
            self.statusMessage.emit(self.tr("Autosave failed: {error}").format(error=exc))
            return None
        log.info("autosaved %s", path.name)
        return path

    def discard(self) -> None:
        """Remove the recovery copy (the project was saved or closed on purpose)."""
        if self.autosaver is not None:
            self.autosaver.discard()

    def stop(self) -> None:
        """Stop autosaving and remove the copy (a clean close)."""
        self.timer.stop()
        self.discard()

    def _project_replaced(self) -> None:
        self.discard()  # the previous project was saved or its changes were let go
        self.autosaver = Autosaver(self.document.path) if self.document.project else None
        self._modified_changed(self.document.modified)

    def _modified_changed(self, modified: bool) -> None:
        if modified and self.enabled:
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()
            if not modified:
                self.discard()

    def _saved(self, path: Path) -> None:
        if self.autosaver is None:
            return
        if self.autosaver.original != path:
            self.autosaver.rename(path)  # removes the copy under the old name
        else:
            self.autosaver.discard()
