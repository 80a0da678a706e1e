"""Line edits that more than one page uses: one that checks its text as the user types,
and the catalogue search for materials (English or Chinese) that puts the chosen code in.

The BOM tree's cell editor, the part side panel and the Lifecycle page's consumables use
them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QToolTip, QWidget

from ui.services.material_names import material_choices

CODE_ROLE = Qt.ItemDataRole.UserRole + 7
INVALID_STYLE = ("QLineEdit[invalid=\"true\"] { border: 2px solid #c0392b; "
                 "background: #fdecea; }")


class MaterialCompleter(QCompleter):
    """A popup of catalogue materials matching the typed text (English or Chinese);
    choosing one puts its code into the line edit."""

    def __init__(self, parent: QObject | None = None, limit: int = 20) -> None:
        self._items = QStandardItemModel()
        super().__init__(self._items, parent)
        self._items.setParent(self)  # Qt owns it: deleted with the completer, never by GC
        self.limit = limit
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompletionRole(CODE_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)
        self.popup().setMinimumWidth(420)  # labels carry English name, code and Chinese name

    def attach(self, editor: QLineEdit) -> None:
        """Search as the user types in ``editor``."""
        editor.setCompleter(self)
        editor.textEdited.connect(self.refresh)

    def refresh(self, text: str) -> None:
        """Fill the popup with the materials matching ``text`` and show it."""
        self._items.clear()
        for code, label in material_choices(text, self.limit):
            item = QStandardItem(label)
            item.setData(code, CODE_ROLE)
            self._items.appendRow(item)
        if self._items.rowCount() and self.widget() is not None and self.widget().isVisible():
            self.complete()

    def choices(self) -> list[str]:
        """The codes offered now (tests read them)."""
        return [self._items.item(row).data(CODE_ROLE) for row in range(self._items.rowCount())]


class CheckedLineEdit(QLineEdit):
    """A line edit that checks its text as it changes.

    Parameters
    ----------
    check
        Returns why a text would be refused, or None when it is fine.
    """

    def __init__(self, check: Callable[[str], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.error: str | None = None
        self.setStyleSheet(INVALID_STYLE)
        self.textChanged.connect(self.revalidate)

    def revalidate(self, text: str | None = None) -> str | None:
        """Check the text now; mark the editor and return the reason when it is refused."""
        self.error = self.check(self.text() if text is None else text)
        self.setProperty("invalid", self.error is not None)
        self.setToolTip(self.error or "")
        self.style().unpolish(self)
        self.style().polish(self)
        return self.error

    def show_error(self) -> None:
        """Show the reason next to the editor."""
        if self.error:
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), self.error, self)
