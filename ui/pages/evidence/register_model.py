"""The evidence register as a table: one row per document, edited in place.

A cell edit builds the changed item with the core's validation
(:class:`~greendesign.evidence.record.EvidenceItem`); an edit the core refuses changes nothing
and its reason is shown in the status bar. Accepted edits go to :attr:`RegisterModel.commit`,
which the page turns into an undoable command. Rows of documents that are expired or not yet
valid on the evaluation day are shown in red, with the reason in the Status column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from greendesign.errors import GreenDesignError
from greendesign.evidence.record import EvidenceItem
from greendesign.evidence.spec_model import EVIDENCE_KIND_NAMES, EvidenceKind
from ui.i18n import _tr
from ui.services.material_names import ui_language
from ui.widgets.formatting import format_number

EXPIRED = QColor("#a3261d")


def kind_label(kind: EvidenceKind) -> str:
    english, chinese = EVIDENCE_KIND_NAMES[kind]
    return chinese if ui_language() == "zh" else english


def verdict_labels() -> dict[str, str]:
    return {"": _tr("not stated"), "pass": _tr("pass"), "fail": _tr("fail")}


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return _tr("{size} B").format(size=size)
    if size < 1024 ** 2:
        return _tr("{size} KB").format(size=format_number(size / 1024, 3))
    return _tr("{size} MB").format(size=format_number(size / 1024 ** 2, 3))


class RegisterModel(QAbstractTableModel):
    """The register of the open project (a list of :class:`EvidenceItem`)."""

    COLUMNS = ("id", "kind", "title", "issuer", "date", "valid_until", "indicators",
               "stated_value", "verdict", "file", "size", "status")
    EDITABLE = {"kind", "title", "issuer", "date", "valid_until", "indicators",
                "stated_value", "verdict"}

    commit = Signal(int, object)  # row, the changed EvidenceItem
    refused = Signal(str)         # why an edit was not taken

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[EvidenceItem] = []
        self.day = dt.date.today()
        self.read_only = False

    def headers(self) -> list[str]:
        return [_tr("ID"), _tr("Kind"), _tr("Title"), _tr("Issuer"), _tr("Date"),
                _tr("Valid until"), _tr("Indicators"), _tr("Stated value"), _tr("Verdict"),
                _tr("File"), _tr("Size"), _tr("Status")]

    def set_items(self, items: list[EvidenceItem], day: dt.date) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.day = day
        self.endResetModel()

    # --- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and self.COLUMNS[index.column()] in self.EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def status_text(self, item: EvidenceItem) -> str:
        status = item.status_on(self.day)
        if status == "expired":
            return _tr("expired")
        if status == "not_yet_valid":
            return _tr("not yet valid")
        return _tr("in force")

    def _display(self, item: EvidenceItem, column: str) -> str:
        if column == "kind":
            return kind_label(item.kind)
        if column in ("date", "valid_until"):
            value = getattr(item, column)
            return value.isoformat() if value else ""
        if column == "indicators":
            return ", ".join(item.indicators)
        if column == "verdict":
            return verdict_labels()[item.verdict] if item.verdict else ""
        if column == "size":
            return size_text(item.size)
        if column == "status":
            return self.status_text(item)
        return str(getattr(item, column) or "")

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == "kind":
                return item.kind.value
            if column == "verdict":
                return item.verdict
            return self._display(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and item.status_on(self.day) != "valid":
            return QBrush(EXPIRED)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "file" and item.sha256:
                return _tr("SHA-256 {hash}").format(hash=item.sha256)
            if column == "indicators":
                return _tr("Ids of the indicators and requirements it supports, "
                           "separated by commas")
            if column in ("date", "valid_until"):
                return _tr("A date as YYYY-MM-DD; empty for none")
        return None

    def setData(self, index: QModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        item = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        text = str(value if value is not None else "").strip()
        try:
            update = {column: parse_cell(column, text)}
            changed = EvidenceItem.model_validate({**item.model_dump(), **update})
        except (GreenDesignError, ValueError) as exc:
            message = exc.problems[0].message if isinstance(exc, GreenDesignError) and \
                exc.problems else str(getattr(exc, "message", exc))
            self.refused.emit(message)
            return False
        if changed == item:
            return False
        self.commit.emit(index.row(), changed)
        return True


def parse_cell(column: str, text: str) -> Any:
    """The field value of a typed cell (dates as ISO text, indicators comma-separated)."""
    if column in ("date", "valid_until"):
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(_tr("{text} is not a date (YYYY-MM-DD)").format(text=text)) from None
    if column == "indicators":
        return [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]
    return text


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor for the Kind and Verdict columns (codes stored, labels shown)."""

    def __init__(self, choices: Callable[[], list[tuple[str, str]]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        box = QComboBox(parent)
        for code, label in self.choices():
            box.addItem(label, code)
        return box

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:  # noqa: N802
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(0, found))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, kind_label(kind)) for kind in EvidenceKind]


def verdict_choices() -> list[tuple[str, str]]:
    return list(verdict_labels().items())
