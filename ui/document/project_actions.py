"""The File menu's commands: new, open, save, save as, import and export a BOM.

The logic lives in :class:`ProjectActions` methods that tests call directly;
the :class:`QAction` objects only carry text, shortcut and tooltip and call
those methods. Questions to the user go through a
:class:`~ui.prompts.UserPrompts`, so every command runs without clicking.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from greendesign.errors import GreenDesignError
from greendesign.io.bom_table import paused_gc
from greendesign.io.project_file import SUFFIX
from greendesign.model import Project
from ui.document.document import ProjectDocument, new_project
from ui.prompts import SaveChoice, UserPrompts
from ui.settings import UiSettings

log = logging.getLogger("greendesign.ui")


class ProjectActions(QObject):
    """File commands over a :class:`ProjectDocument`.

    Parameters
    ----------
    document
        The open project.
    settings
        Where recent files and the last project are remembered.
    prompts
        Asks the user (dialogs in the app, a script in tests).
    window
        The parent of the dialogs.

    Signals
    -------
    recentFilesChanged
        The recent-files list changed.
    statusMessage(str)
        A short confirmation for the status bar.
    """

    recentFilesChanged = Signal()
    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, settings: UiSettings, prompts: UserPrompts,
                 window: QWidget) -> None:
        super().__init__(window)
        self.document = document
        self.settings = settings
        self.prompts = prompts
        self.window = window
        self.project_filter = self.tr("GreenDesign projects (*{suffix})").format(suffix=SUFFIX)
        self.bom_filter = self.tr("BOM tables (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)")
        self.new_action = self._action(self.tr("&New"), QKeySequence.StandardKey.New,
                                       self.tr("Start an empty project"), self.new)
        self.open_action = self._action(self.tr("&Open\u2026"), QKeySequence.StandardKey.Open,
                                        self.tr("Open a GreenDesign project file"),
                                        lambda: self.open())
        self.save_action = self._action(self.tr("&Save"), QKeySequence.StandardKey.Save,
                                        self.tr("Save the project"), self.save)
        self.save_as_action = self._action(self.tr("Save &As\u2026"),
                                           QKeySequence.StandardKey.SaveAs,
                                           self.tr("Save the project under a new name"),
                                           lambda: self.save_as())
        self.import_action = self._action(self.tr("&Import BOM\u2026"), QKeySequence("Ctrl+I"),
                                          self.tr("Read a bill of materials from CSV or Excel"),
                                          self.import_bom)
        self.export_action = self._action(self.tr("&Export BOM\u2026"), QKeySequence("Ctrl+E"),
                                          self.tr("Write the shown design's BOM to CSV or Excel"),
                                          lambda: self.export_bom())

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, tip: str,
                slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- unsaved changes -----------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """Ask to save unsaved changes; True when it is fine to replace or close the project."""
        if not self.document.modified:
            return True
        choice = self.prompts.ask_save_changes(self.window, self.document.display_name)
        if choice is SaveChoice.CANCEL:
            return False
        if choice is SaveChoice.SAVE:
            return self.save()
        return True

    # --- commands ----------------------------------------------------------------------
    def new(self) -> bool:
        """Start an empty, unsaved project (after asking about unsaved changes)."""
        if not self.confirm_discard():
            return False
        self.document.set_project(new_project(self.tr("Untitled product")), None)
        return True

    def open(self, path: str | Path | None = None) -> bool:
        """Open a project file, asking for one when ``path`` is None.

        A file that cannot be read shows the core's error and the open project
        stays as it was. Returns True when the file was opened.
        """
        if not self.confirm_discard():
            return False
        if path is None:
            start = str(self.document.path.parent) if self.document.path else ""
            path = self.prompts.open_path(self.window, self.tr("Open project"), start,
                                          self.project_filter)
            if path is None:
                return False
        error: GreenDesignError | None = None
        with paused_gc():  # the project, its views and the recent files' list: no garbage
            try:
                self.document.open(path)
            except GreenDesignError as exc:
                error = exc
            else:
                self._remember(self.document.path)
        if error is not None:
            log.info("could not open %s: %s", path, error.message)
            self.prompts.show_error(self.window, error, self.tr("Cannot open the project"))
            return False
        self.statusMessage.emit(self.tr("Opened {path}").format(path=self.document.path))
        return True

    def save(self) -> bool:
        """Save to the current file, or ask for one; True when saved."""
        if self.document.project is None:
            return False
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self, path: str | Path | None = None) -> bool:
        """Save under a new name (asked when ``path`` is None); True when saved."""
        if self.document.project is None:
            return False
        if path is None:
            name = self.document.path.name if self.document.path else \
                self._file_stem(self.document.project) + SUFFIX
            folder = self.document.path.parent if self.document.path else Path.home()
            path = self.prompts.save_path(self.window, self.tr("Save project as"),
                                          str(folder / name), self.project_filter)
            if path is None:
                return False
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            saved = self.document.save(path)
        except GreenDesignError as exc:
            self.prompts.show_error(self.window, exc, self.tr("Cannot save the project"))
            return False
        self._remember(saved)
        self.statusMessage.emit(self.tr("Saved {path}").format(path=saved))
        return True

    def import_bom(self) -> bool:
        """Run the Import BOM dialog and apply its outcome; True when something changed."""
        from ui.document.bom_import_dialog import (  # pulls in the importer
            ImportBomDialog,
            ImportChoice,
        )

        dialog = ImportBomDialog(self.window, has_project=self.document.project is not None)
        if not dialog.exec() or dialog.outcome is None:
            return False
        outcome = dialog.outcome
        try:
            if outcome.choice is ImportChoice.REPLACE_BOM:
                self.document.replace_bom(outcome.nodes)
                self.statusMessage.emit(self.tr("Replaced the BOM of {design} from {file}")
                                        .format(design=self.document.design_name,
                                                file=outcome.source))
                return True
            if not self.confirm_discard():
                return False
            self.document.set_project(Project(product=outcome.product), None, modified=True)
        except GreenDesignError as exc:
            self.prompts.show_error(self.window, exc, self.tr("Cannot use the imported BOM"))
            return False
        return True

    def export_bom(self, path: str | Path | None = None) -> bool:
        """Write the shown design's BOM to CSV or XLSX (asked when ``path`` is None)."""
        product = self.document.product
        if product is None:
            return False
        if path is None:
            folder = self.document.path.parent if self.document.path else Path.home()
            suggested = folder / f"{self._file_stem(self.document.project)}_bom.xlsx"
            path = self.prompts.save_path(self.window, self.tr("Export BOM"), str(suggested),
                                          self.bom_filter)
            if path is None:
                return False
        try:
            from greendesign.io.bom_export import export_bom  # deferred: loads openpyxl
        except ImportError as exc:
            self.prompts.show_error(self.window, GreenDesignError(
                self.tr("BOM export is not available in this build: {error}").format(error=exc)),
                self.tr("Cannot export the BOM"))
            return False
        try:
            written = export_bom(product, Path(path))
        except GreenDesignError as exc:
            self.prompts.show_error(self.window, exc, self.tr("Cannot export the BOM"))
            return False
        self.statusMessage.emit(self.tr("Exported the BOM to {path}").format(path=written))
        return True

    # --- helpers -----------------------------------------------------------------------
    def _remember(self, path: Path | None) -> None:
        if path is None:
            return
        self.settings.add_recent_file(path)
        self.settings.last_project = path
        self.recentFilesChanged.emit()

    @staticmethod
    def _file_stem(project: Project | None) -> str:
        name = project.product.name if project else "project"
        stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in name).strip("_")
        return stem.lower() or "project"
