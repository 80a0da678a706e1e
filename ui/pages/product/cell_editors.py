"""The BOM tree's delegate: one checked line edit for the cell being edited.

The tree draws every cell itself (model/view, no widget per cell) and opens
one line edit only for the cell being edited. While the user types, the
editor asks the model whether the text would be accepted and turns red with
the reason as its tooltip when it would not; Enter and Tab then keep the
editor open instead of committing. The material field searches the catalogue
in English and Chinese as the user types.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from greendesign.model.vocab import JointType
from ui.pages.product.bom_model import BomModel, Column
from ui.widgets.line_edits import CheckedLineEdit, MaterialCompleter


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
