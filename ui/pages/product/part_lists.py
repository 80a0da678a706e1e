"""Side-panel editors of a part's lists: processes, declared substances, inbound transport.

Each list is a small table (the end-of-life override, the priority part and the
ISO 11469 marking are a form of their own, :mod:`compliance_panel`). Every change is checked by the core model on a copy of the node
(:func:`validated_changes`) and only then handed to ``apply`` (the BOM editor's
``set_fields``, one undoable command); a refused change is never applied: the
row or field turns red with the reason as its tooltip and the reason goes to
the status bar.

A table row added with "+" stays in the table only until it is complete and
valid; it is then applied with the others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import GreenDesignError, ModelValidationError
from greendesign.model import Assembly, Part
from greendesign.model.vocab import TransportMode
from ui.errors import error_summary
from ui.i18n import _tr
from ui.services.material_names import catalogue, dataset_label, with_data_status
from ui.widgets.formatting import parse_number
from ui.widgets.line_edits import (
    CODE_ROLE,
    MaterialCompleter,
)

Node = Part | Assembly
Apply = Callable[[str, dict[str, Any]], None]
REFUSED = QColor("#f8d7d3")


def validated_changes(node: Node, changes: dict[str, Any]) -> dict[str, Any]:
    """Check ``changes`` against the core model on a copy of ``node``.

    Returns the values as the model stores them (lists of model objects);
    raises :class:`GreenDesignError` with the model's reason; ``node`` is
    never modified.
    """
    trial = node.model_copy()
    for key, value in changes.items():
        setattr(trial, key, value)  # validated assignment (field and whole-part rules)
    return {key: getattr(trial, key) for key in changes}


def transport_mode_names() -> dict[str, str]:
    """The transport modes named in the interface language."""
    return {
        TransportMode.TRUCK_SMALL.value: _tr("Truck 3.5\u20137.5 t"),
        TransportMode.TRUCK_MEDIUM.value: _tr("Truck 7.5\u201316 t"),
        TransportMode.TRUCK_LARGE.value: _tr("Truck 16\u201332 t"),
        TransportMode.TRUCK_HEAVY.value: _tr("Truck over 32 t"),
        TransportMode.RAIL.value: _tr("Rail"),
        TransportMode.BARGE.value: _tr("Barge"),
        TransportMode.SHIP.value: _tr("Container ship"),
        TransportMode.AIR.value: _tr("Air freight"),
    }


def process_unit(code: str) -> str:
    """The reference unit of a catalogue process (empty when unknown)."""
    cat = catalogue()
    try:
        return cat.get(code, "process").unit if cat is not None else ""
    except (KeyError, LookupError, GreenDesignError):
        return ""


def resolve_process(text: str) -> str:
    """The catalogue process code named by ``text`` (code, name, alias or label)."""
    text = text.strip()
    cat = catalogue()
    if not text:
        raise ModelValidationError(_tr("Choose a process from the catalogue."))
    if cat is None:
        return text
    if text.endswith(")") and "(" in text:
        inner = text[text.rfind("(") + 1:-1].strip()
        if cat.has(inner, "process"):
            return inner
    if cat.has(text, "process"):
        return text
    code = cat.resolve(text, "process")
    if code is None:
        raise ModelValidationError(
            _tr("{text!r} is not a process of the dataset catalogue.").format(text=text),
            hint=_tr("Type part of its name and pick it from the list."))
    return code


def parse_percent(text: str, what: str) -> float:
    cleaned = text.strip().removesuffix("%").strip()
    if not cleaned:
        return 0.0
    try:
        return parse_number(cleaned) / 100.0
    except ValueError:
        raise ModelValidationError(_tr("{what}: {text!r} is not a percentage.").format(
            what=what, text=text)) from None


def percent_text(value: float) -> str:
    return f"{value * 100:.6g} %"


class ProcessCompleter(MaterialCompleter):
    """The material search, over the catalogue's processes."""

    def refresh(self, text: str) -> None:
        """Fill the popup with the processes matching ``text`` and show it."""
        self._items.clear()
        cat = catalogue()
        for entry in cat.search(text, "process", limit=self.limit) if cat else []:
            label = dataset_label(entry.code)
            if entry.name_zh and entry.name_zh not in label:
                label = f"{label}  \u00b7  {entry.name_zh}"
            item = QStandardItem(with_data_status(entry.code, label))
            item.setData(entry.code, CODE_ROLE)
            self._items.appendRow(item)
        if self._items.rowCount() and self.widget() is not None and self.widget().isVisible():
            self.complete()


class _DatasetDelegate(QStyledItemDelegate):
    """Line editor with the process search popup for the dataset column."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setFrame(False)
        ProcessCompleter(editor).attach(editor)
        editor.setPlaceholderText(self.tr("search: moulding, 注塑 \u2026"))
        return editor


class RowsEditor(QWidget):
    """A table of one list field of a node, with buttons to add and remove rows.

    Subclasses say how a list item is shown (:meth:`cells`) and read back
    (:meth:`parse`). Signals: ``statusMessage(str)`` with why a change was refused.
    """

    statusMessage = Signal(str)
    field = ""
    parts_only = True

    def __init__(self, apply: Apply, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self.node: Node | None = None
        self.read_only = False
        self.error: str | None = None
        self._busy = False
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName(f"table_{self.field}")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(lambda _item: self.commit())
        self.add_button = QPushButton(self.tr("+ Add"))
        self.remove_button = QPushButton(self.tr("\u2212 Remove"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)

    def _widths(self, stretch: int, widths: dict[int, int]) -> None:
        """One column takes the room left; the others keep a compact width."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)

    # --- per list ----------------------------------------------------------------------
    def items_of(self, node: Node) -> list[Any]:
        return list(getattr(node, self.field))

    def cells(self, item: Any) -> list[str]:
        raise NotImplementedError

    def parse(self, texts: list[str]) -> dict[str, Any]:
        raise NotImplementedError

    def blank(self) -> list[str]:
        return [""] * self.table.columnCount()

    def editable_columns(self) -> set[int]:
        return set(range(self.table.columnCount()))

    def _row_widget_text(self, row: int, column: int) -> str | None:
        return None  # a cell widget (a combo box) instead of text

    def _set_row_widgets(self, row: int, texts: list[str]) -> None:
        pass

    # --- showing -------------------------------------------------------------------------
    def applies(self, node: Node | None) -> bool:
        return node is not None and (isinstance(node, Part) or not self.parts_only)

    def show_node(self, node: Node | None) -> None:
        """Show the list of ``node`` (empty for None or an assembly without the field)."""
        self.node = node
        if self._busy:  # inside our own edit: refill once Qt has finished with the cell
            QTimer.singleShot(0, self._fill)
        else:
            self._fill()

    def _fill(self) -> None:
        node = self.node
        rows = [self.cells(item) for item in self.items_of(node)] if self.applies(node) else []
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(0)
        for texts in rows:
            self._append(texts)
        self.table.blockSignals(False)
        self.error = None
        editable = self.applies(node) and not self.read_only
        self.table.setEnabled(self.applies(node))
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers)

    def _append(self, texts: list[str]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column not in self.editable_columns():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setForeground(QBrush(QColor("#555")))
            self.table.setItem(row, column, item)
        self._set_row_widgets(row, texts)
        return row

    def texts(self, row: int) -> list[str]:
        """The texts of a row as shown (a combo box gives its value)."""
        result = []
        for column in range(self.table.columnCount()):
            widget_text = self._row_widget_text(row, column)
            item = self.table.item(row, column)
            result.append(widget_text if widget_text is not None
                          else item.text() if item is not None else "")
        return result

    # --- editing ---------------------------------------------------------------------------
    def commit(self) -> bool:
        """Apply the table as the node's new list if every row is valid; True when accepted."""
        node = self.node
        if not self.applies(node) or self.read_only:
            return False
        items, bad_row = [], -1
        try:
            for row in range(self.table.rowCount()):
                bad_row = row
                items.append(self.parse(self.texts(row)))
            bad_row = -1
            changes = validated_changes(node, {self.field: items})
        except GreenDesignError as exc:
            self._refuse(error_summary(exc), bad_row)
            return False
        self._mark(-1, None)
        if changes[self.field] == getattr(node, self.field):
            return True
        self._busy = True
        try:
            self._apply(node.id, changes)
        except GreenDesignError as exc:
            self._refuse(error_summary(exc), -1)
            return False
        finally:
            self._busy = False
        return True

    def _refuse(self, reason: str, row: int) -> None:
        self._mark(row, reason)
        self.statusMessage.emit(reason)

    def _mark(self, bad_row: int, reason: str | None) -> None:
        self.error = reason
        self.table.setToolTip(reason or "")
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            refused = reason is not None and (bad_row == row or bad_row < 0)
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(QBrush(REFUSED) if refused else QBrush())
                    item.setToolTip(reason if refused else "")
        self.table.blockSignals(False)

    def add_row(self) -> int:
        """Add an empty row to fill in; it is applied once complete. Returns its row."""
        row = self._append(self.blank())
        self.table.setCurrentCell(row, 0)
        self.table.scrollToItem(self.table.item(row, 0))
        return row

    def remove_row(self, row: int | None = None) -> None:
        """Remove the selected row (or ``row``) and apply the shorter list."""
        row = self.table.currentRow() if row is None or isinstance(row, bool) else row
        if row < 0 or row >= self.table.rowCount():
            self.statusMessage.emit(self.tr("Select a row to remove first."))
            return
        self.table.removeRow(row)
        self.commit()


class ProcessesEditor(RowsEditor):
    """Manufacturing processes: dataset, amount (empty = the part's mass) and unit."""

    field = "processes"
    parts_only = False

    def __init__(self, apply: Apply, parent: QWidget | None = None) -> None:
        super().__init__(apply, [self.tr("Process"), self.tr("Amount"), self.tr("Unit")],
                         parent)
        self.table.setItemDelegateForColumn(0, _DatasetDelegate(self.table))
        self._widths(stretch=0, widths={1: 64, 2: 44})
        self.hint.setText(self.tr("Amount in the process unit; empty means the part's own "
                                  "mass in kg."))

    def editable_columns(self) -> set[int]:
        return {0, 1}

    def cells(self, item: Any) -> list[str]:
        amount = "" if item.amount is None else f"{item.amount:.10g}"
        return [dataset_label(item.dataset), amount, item.unit or process_unit(item.dataset)]

    def parse(self, texts: list[str]) -> dict[str, Any]:
        code = resolve_process(texts[0])
        amount: float | None = None
        if texts[1].strip():
            try:
                amount = parse_number(texts[1])
            except ValueError as exc:
                raise ModelValidationError(_tr("Amount: {reason}.").format(
                    reason=str(exc))) from None
        return {"dataset": code, "amount": amount, "unit": process_unit(code)}


class SubstancesEditor(RowsEditor):
    """Declared substances: name, CAS number and mass fraction in percent."""

    field = "substances"

    def __init__(self, apply: Apply, parent: QWidget | None = None) -> None:
        super().__init__(apply, [self.tr("Substance"), self.tr("CAS"),
                                 self.tr("Mass fraction")], parent)
        self._widths(stretch=0, widths={1: 84, 2: 84})
        self.hint.setText(self.tr("CAS as NNNNNNN-NN-N (its check digit is verified); "
                                  "mass fraction of the part in %."))

    def cells(self, item: Any) -> list[str]:
        return [item.name, item.cas, percent_text(item.mass_fraction)]

    def parse(self, texts: list[str]) -> dict[str, Any]:
        return {"name": texts[0].strip(), "cas": texts[1].strip(),
                "mass_fraction": parse_percent(texts[2], self.tr("Mass fraction"))}


class TransportEditor(RowsEditor):
    """Inbound transport legs: mode (a list), distance in km and a description."""

    field = "transport_legs"

    def __init__(self, apply: Apply, parent: QWidget | None = None) -> None:
        super().__init__(apply, [self.tr("Mode"), self.tr("Distance (km)"),
                                 self.tr("Description")], parent)
        self._widths(stretch=2, widths={0: 130, 1: 84})
        self.hint.setText(self.tr("Freight from the supplier to the factory, per unit of "
                                  "the part."))

    def editable_columns(self) -> set[int]:
        return {1, 2}

    def cells(self, item: Any) -> list[str]:
        return [item.mode.value, f"{item.distance_km:.10g}", item.description]

    def blank(self) -> list[str]:
        return [TransportMode.TRUCK_LARGE.value, "", ""]

    def _set_row_widgets(self, row: int, texts: list[str]) -> None:
        combo = QComboBox()
        combo.setObjectName("transportMode")
        for value, name in transport_mode_names().items():
            combo.addItem(name, value)
        combo.setCurrentIndex(max(0, combo.findData(texts[0])))
        combo.setEnabled(not self.read_only)
        combo.currentIndexChanged.connect(lambda _i: self.commit())
        self.table.setCellWidget(row, 0, combo)

    def _row_widget_text(self, row: int, column: int) -> str | None:
        if column != 0:
            return None
        combo = self.table.cellWidget(row, 0)
        return combo.currentData() if isinstance(combo, QComboBox) else None

    def mode_box(self, row: int) -> QComboBox:
        """The mode list of a row (tests choose from it)."""
        return self.table.cellWidget(row, 0)

    def parse(self, texts: list[str]) -> dict[str, Any]:
        text = texts[1].strip()
        if not text:
            raise ModelValidationError(_tr("Enter the distance in km."))
        try:
            distance = parse_number(text.removesuffix("km").strip())
        except ValueError as exc:
            raise ModelValidationError(_tr("Distance: {reason}.").format(
                reason=str(exc))) from None
        return {"mode": texts[0], "distance_km": distance, "description": texts[2].strip()}
