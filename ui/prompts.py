"""Questions the file workflow asks the user, behind one small interface.

:class:`ProjectActions` never calls a dialog directly; it asks a
:class:`UserPrompts`. The app uses the Qt dialogs below; tests pass an object
with the same methods that answers from a script, so the workflow is tested
without modal dialogs or monkeypatched message boxes.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.errors import show_error


class SaveChoice(Enum):
    """Answer to "save the changes?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class UserPrompts:
    """The real, modal dialogs."""

    def ask_save_changes(self, parent: QWidget | None, name: str) -> SaveChoice:
        """Ask whether to save unsaved changes to ``name`` before they are lost."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(parent.tr("Unsaved changes") if parent else "GreenDesign")
        box.setText(parent.tr("Save the changes to \u201c{name}\u201d?").format(name=name)
                    if parent else name)
        box.setInformativeText(parent.tr("Your changes are lost if you don't save them.")
                               if parent else "")
        box.setStandardButtons(QMessageBox.StandardButton.Save
                               | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return SaveChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return SaveChoice.DISCARD
        return SaveChoice.CANCEL

    def open_path(self, parent: QWidget | None, caption: str, directory: str,
                  filters: str) -> Path | None:
        """Pick an existing file; None when cancelled."""
        path, _filter = QFileDialog.getOpenFileName(parent, caption, directory, filters)
        return Path(path) if path else None

    def save_path(self, parent: QWidget | None, caption: str, suggested: str,
                  filters: str) -> Path | None:
        """Pick a file to write (the dialog confirms overwriting); None when cancelled."""
        path, _filter = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
        return Path(path) if path else None

    def show_error(self, parent: QWidget | None, exc: BaseException, title: str) -> None:
        """Show a core error with its problems and hint."""
        show_error(parent, exc, title)
