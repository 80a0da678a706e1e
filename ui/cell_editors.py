"""Editors for BOM values: a checked line edit, the material search, the tree's delegate.

The tree draws every cell itself (model/view, no widget per cell) and opens
one line edit only for the cell being edited. While the user types, the
editor asks the model whether the text would be accepted and turns red with
the reason as its tooltip when it would not; Enter and Tab then keep the
editor open instead of committing. The material field searches the catalogue
in English and Chinese as the user types.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from greendesign.model.vocab import JointType
from ui.bom_cells import material_choices
from ui.bom_model import BomModel, Column

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


class BomItemDelegate(QStyledItemDelegate):
    """Line editors for the BOM tree: checked while typing, never committed when invalid."""

    def __init__(self, model: BomModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex) -> QWidget:
        persistent = QPersistentModelIndex(index)
        editor = CheckedLineEdit(lambda text: self.model.field_error(persistent, text), parent)
        editor.setFrame(False)
        if index.column() == Column.MATERIAL:
            MaterialCompleter(editor).attach(editor)
            editor.setPlaceholderText(self.tr("material name or code, e.g. stainless / 不锈钢"))
        elif index.column() == Column.JOINT:
            joints = QCompleter([j.value for j in JointType], editor)
            joints.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            editor.setCompleter(joints)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        # Qt also commits while a view is torn down, when the editor may already be a bare
        # QWidget wrapper: nothing to commit then
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        """Keep an editor with refused text open on Enter or Tab, showing the reason."""
        if isinstance(editor, CheckedLineEdit) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab,
                                    Qt.Key.Key_Backtab):
            popup = editor.completer().popup() if editor.completer() else None
            if not (popup and popup.isVisible()) and editor.revalidate():
                editor.show_error()
                return True
        return super().eventFilter(editor, event)
