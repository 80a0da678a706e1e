"""Questions the file workflow asks the user, behind one small interface.

:class:`ProjectActions` never calls a dialog directly; it asks a
:class:`UserPrompts`. The app uses the Qt dialogs below; tests pass an object
with the same methods that answers from a script, so the workflow is tested
without modal dialogs or monkeypatched message boxes.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from greendesign.io.autosave import Recovery
from ui.errors import show_error
from ui.i18n import _tr


class SaveChoice(Enum):
    """Answer to "save the changes?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class RecoverChoice(Enum):
    """Answer to "recover the autosaved copy?"."""

    RECOVER = "recover"
    OPEN_SAVED = "open_saved"
    LATER = "later"


class UserPrompts:
    """The real, modal dialogs."""

    def ask_save_changes(self, parent: QWidget | None, name: str) -> SaveChoice:
        """Ask whether to save unsaved changes to ``name`` before they are lost."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_tr("Unsaved changes"))
        box.setText(_tr("Save the changes to \u201c{name}\u201d?").format(name=name))
        box.setInformativeText(_tr("Your changes are lost if you don't save them."))
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

    def ask_text(self, parent: QWidget | None, title: str, label: str,
                 text: str = "") -> str | None:
        """Ask for one line of text; None when cancelled or left empty."""
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        return value.strip() if ok and value.strip() else None

    def ask_recovery(self, parent: QWidget | None, recovery: Recovery) -> RecoverChoice:
        """Offer an autosaved copy left by a GreenDesign that did not close normally."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_tr("Recover unsaved changes"))
        name = recovery.original.name if recovery.original else (
            recovery.product_name or _tr("an unsaved project"))
        when = QLocale().toString(recovery.saved_at.astimezone(),
                                  QLocale.FormatType.ShortFormat)
        box.setText(_tr("GreenDesign did not close normally. An autosaved copy of "
                        "\u201c{name}\u201d from {when} has changes that are not in the "
                        "saved file.").format(name=name, when=when))
        box.setInformativeText(_tr("Recover the copy, open the saved file instead (the copy "
                                   "is deleted), or decide at the next start."))
        recover = box.addButton(_tr("Recover"), QMessageBox.ButtonRole.AcceptRole)
        saved = box.addButton(_tr("Open the saved file"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_tr("Decide later"), QMessageBox.ButtonRole.RejectRole)
        if recovery.original is None or not recovery.original.exists():
            saved.setText(_tr("Discard the copy"))
        box.setDefaultButton(recover)
        box.exec()
        clicked = box.clickedButton()
        if clicked is recover:
            return RecoverChoice.RECOVER
        if clicked is saved:
            return RecoverChoice.OPEN_SAVED
        return RecoverChoice.LATER

    def ask_open_read_only(self, parent: QWidget | None, holder_pid: int | None) -> bool:
        """Another GreenDesign is running: True to open read-only, False to quit."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_tr("GreenDesign is already running"))
        who = _tr(" (process {pid})").format(pid=holder_pid) if holder_pid else ""
        box.setText(_tr("GreenDesign is already open in another window{who}.").format(who=who))
        box.setInformativeText(_tr(
            "Only one window can edit projects at a time, so that autosave, settings and the "
            "local inventory stay intact. This window can open read-only: you can look at "
            "and export projects, but not change or save them."))
        read_only = box.addButton(_tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(read_only)
        box.exec()
        return box.clickedButton() is read_only

    def confirm(self, parent: QWidget | None, title: str, text: str, informative: str,
                action: str) -> bool:
        """Ask before something that cannot be undone; True when ``action`` was chosen."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(informative)
        chosen = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is chosen

    def show_info(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user something that needs no answer."""
        QMessageBox.information(parent, title, text)
