"""Import BOM dialog: pick a CSV/XLSX file, map its columns, preview, check, apply.

The dialog reads the file with :func:`greendesign.io.bom_import.read_bom_table`,
proposes a column mapping with :func:`guess_mapping`, and runs
:func:`import_bom` on **Check and import**. Problems (row, column, message)
are listed in a table and nothing changes; on success the user chooses to
replace the shown design's BOM or to start a new project from it, and the
caller applies :attr:`ImportBomDialog.outcome`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import BomImportError, GreenDesignError
from greendesign.io.bom_columns import (
    RECOGNISED_COLUMNS,
    REQUIRED_COLUMNS,
    guess_mapping,
)
from greendesign.io.bom_import import import_bom, product_from_bom, read_bom_table
from greendesign.model import Assembly, Part, Product
from greendesign.model.part import iter_parts
from ui.document.document import DEFAULT_FUNCTIONAL_UNIT
from ui.errors import error_summary
from ui.widgets.formatting import format_mass

_COLUMNS = RECOGNISED_COLUMNS
"""The columns an import reads, including import-only ones such as ``parent``."""

PREVIEW_ROWS = 20
IGNORE = ""
ENCODINGS = ("utf-8", "gb18030", "utf-16", "big5", "cp1252")
_NO_PARENT = QModelIndex()  # the invalid index: "top level"


class ImportChoice(Enum):
    """What to do with a successfully imported BOM."""

    REPLACE_BOM = "replace"
    NEW_PROJECT = "new"

@dataclass(frozen=True)
class ImportOutcome:
    """The user's decision: the nodes, and the new product when one was asked for."""

    choice: ImportChoice
    nodes: list[Part | Assembly]
    product: Product | None
    source: str

def _row_values(row: Any, headers: Sequence[str]) -> list[str]:
    if isinstance(row, dict):
        return ["" if row.get(h) is None else str(row.get(h)) for h in headers]
    values = ["" if v is None else str(v) for v in row]
    return values + [""] * (len(headers) - len(values))

class PreviewModel(QAbstractTableModel):
    """The first rows of the file, headed "source header -> column"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.mapping: dict[str, str] = {}
        self.row_numbers: list[int] = []

    def set_table(self, headers: Sequence[str], rows: Sequence[Any],
                  row_numbers: Sequence[int] = ()) -> None:
        """Show up to :data:`PREVIEW_ROWS` rows of a table, numbered as in the file."""
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [_row_values(r, self.headers) for r in list(rows)[:PREVIEW_ROWS]]
        numbers = list(row_numbers)[:len(self.rows)]
        self.row_numbers = numbers if len(numbers) == len(self.rows) else [
            i + 2 for i in range(len(self.rows))]  # the header is row 1
        self.endResetModel()

    def set_mapping(self, mapping: dict[str, str]) -> None:
        """Update the header captions after the mapping changed."""
        self.mapping = dict(mapping)
        if self.headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)

    def rowCount(self, parent: QModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() \
                and self.headers[index.column()] not in self.mapping:
            return Qt.GlobalColor.gray
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self.row_numbers[section])
        header = self.headers[section]
        column = self.mapping.get(header)
        ignored = self.tr("ignored")
        return f"{header}\n\u2192 {column}" if column else f"{header}\n({ignored})"

class ImportBomDialog(QDialog):
    """Import a BOM from CSV or XLSX; see the module docstring for the steps.

    Parameters
    ----------
    parent
        The main window.
    has_project
        Whether a project is open (otherwise only "new project" is offered).
    """

    def __init__(self, parent: QWidget | None = None, *, has_project: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import BOM"))
        self.resize(1000, 720)
        self.table = None
        self.result = None
        self.outcome: ImportOutcome | None = None
        self._path: Path | None = None

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("Choose a CSV or Excel file\u2026"))
        browse = QPushButton(self.tr("Browse\u2026"))
        browse.clicked.connect(self._browse)
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItem(self.tr("Detect"), None)
        for name in ENCODINGS:
            self.encoding_combo.addItem(name, name)
        self.encoding_combo.activated.connect(lambda _i: self._reload())
        self.sheet_combo = QComboBox()
        self.sheet_combo.activated.connect(lambda _i: self._reload())
        self.source_info = QLabel()
        self.source_info.setStyleSheet("color: #555;")
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("File:")))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        file_row.addWidget(QLabel(self.tr("Encoding:")))
        file_row.addWidget(self.encoding_combo)
        self.sheet_label = QLabel(self.tr("Sheet:"))
        file_row.addWidget(self.sheet_label)
        file_row.addWidget(self.sheet_combo)

        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Read as"), self.tr("Example")])
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        mapping_box = self._boxed(self.tr("Column mapping"), self.mapping_table)
        preview_box = self._boxed(self.tr("Preview (first {n} rows)").format(n=PREVIEW_ROWS),
                                  self.preview)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(mapping_box)
        upper.addWidget(preview_box)
        upper.setSizes([440, 560])

        self.result_stack = QStackedWidget()
        self.idle_label = QLabel(self.tr(
            "Check the mapping, then press \u201cCheck and import\u201d. Required columns: "
            "{columns}.").format(columns=", ".join(REQUIRED_COLUMNS)))
        self.idle_label.setWordWrap(True)
        self.problems_table = QTableWidget(0, 3)
        self.problems_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.problems_table.verticalHeader().setVisible(False)
        self.problems_table.horizontalHeader().setStretchLastSection(True)
        self.problems_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #a0281e; font-weight: bold;")
        problems_page = QWidget()
        problems_layout = QVBoxLayout(problems_page)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_label)
        problems_layout.addWidget(self.problems_table)
        self.result_stack.addWidget(self.idle_label)
        self.result_stack.addWidget(problems_page)
        self.result_stack.addWidget(self._build_success_page(has_project))

        self.check_button = QPushButton(self.tr("Check and import"))
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(self.run_import)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Apply"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.result_stack)
        splitter.setSizes([460, 220])
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.source_info)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def _boxed(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def _build_success_page(self, has_project: bool) -> QWidget:
        page = QWidget()
        self.success_label = QLabel()
        self.success_label.setWordWrap(True)
        self.replace_radio = QRadioButton(self.tr("Replace the BOM of the design shown"))
        self.new_radio = QRadioButton(self.tr("Start a new project from this BOM"))
        self.replace_radio.setEnabled(has_project)
        (self.replace_radio if has_project else self.new_radio).setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.replace_radio)
        group.addButton(self.new_radio)
        self.name_edit = QLineEdit()
        self.functional_unit_edit = QLineEdit(DEFAULT_FUNCTIONAL_UNIT)
        self.life_spin = QDoubleSpinBox()
        self.life_spin.setRange(0.1, 200.0)
        self.life_spin.setDecimals(1)
        self.life_spin.setValue(5.0)
        self.life_spin.setSuffix(" " + self.tr("years"))
        self.new_form = QWidget()
        form = QFormLayout(self.new_form)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow(self.tr("Product name:"), self.name_edit)
        form.addRow(self.tr("Functional unit:"), self.functional_unit_edit)
        form.addRow(self.tr("Service life:"), self.life_spin)
        self.new_radio.toggled.connect(self.new_form.setEnabled)
        self.new_form.setEnabled(self.new_radio.isChecked())
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.success_label)
        layout.addWidget(self.replace_radio)
        layout.addWidget(self.new_radio)
        layout.addWidget(self.new_form)
        layout.addStretch(1)
        return page

    # --- reading the file --------------------------------------------------------------
    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import BOM"), str(self._path.parent if self._path else ""),
            self.tr("BOM tables (*.csv *.xlsx *.txt);;All files (*)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str | Path) -> bool:
        """Read a BOM file and propose a mapping; False (with the reason shown) on failure."""
        self._path = Path(path)
        self.path_edit.setText(str(self._path))
        is_excel = self._path.suffix.lower() in (".xlsx", ".xlsm")
        self.encoding_combo.setEnabled(not is_excel)
        self.sheet_combo.clear()
        if is_excel:
            for name in self._sheet_names(self._path):
                self.sheet_combo.addItem(name, name)
        self.sheet_combo.setEnabled(self.sheet_combo.count() > 1)
        self.sheet_combo.setVisible(is_excel)
        self.sheet_label.setVisible(is_excel)
        self.encoding_combo.setCurrentIndex(0)
        return self._reload(guess=True)

    @staticmethod
    def _sheet_names(path: Path) -> list[str]:
        try:
            from openpyxl import load_workbook  # deferred: loads openpyxl

            workbook = load_workbook(path, read_only=True)
            try:
                return list(workbook.sheetnames)
            finally:
                workbook.close()
        except Exception:  # the importer reports an unreadable file properly
            return []

    def _reload(self, guess: bool = False) -> bool:
        if self._path is None:
            return False
        self._clear_result()
        try:
            self.table = read_bom_table(self._path, encoding=self.encoding_combo.currentData(),
                                        sheet=self.sheet_combo.currentData())
        except GreenDesignError as exc:
            self.table = None
            self.source_info.setText(error_summary(exc))
            self.mapping_table.setRowCount(0)
            self.preview_model.set_table([], [])
            self.check_button.setEnabled(False)
            self._show_problems(exc)
            return False
        headers = [str(h) for h in self.table.headers]
        details = [self.tr("{rows} rows, {columns} columns").format(
            rows=len(self.table.rows), columns=len(headers))]
        if self.table.encoding:
            details.append(self.tr("encoding: {encoding}").format(encoding=self.table.encoding))
        if self.table.sheet:
            details.append(self.tr("sheet: {sheet}").format(sheet=self.table.sheet))
        self.source_info.setText(" \u00b7 ".join(details))
        mapping = guess_mapping(headers) if guess or not self._combos() else self.mapping()
        self._fill_mapping(headers, mapping)
        self.preview_model.set_table(headers, self.table.rows,
                                     getattr(self.table, "row_numbers", ()))
        self.preview_model.set_mapping(self.mapping())
        self.preview.resizeColumnsToContents()
        self.check_button.setEnabled(True)
        return True

    def _fill_mapping(self, headers: list[str], mapping: dict[str, str]) -> None:
        self.mapping_table.setRowCount(len(headers))
        values = [_row_values(r, headers) for r in self.table.rows[:PREVIEW_ROWS]]
        first = [next((v[i] for v in values if v[i].strip()), "") for i in range(len(headers))]
        for row, header in enumerate(headers):
            self.mapping_table.setItem(row, 0, QTableWidgetItem(header))
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), IGNORE)
            for column in _COLUMNS:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(header, IGNORE))))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping_table.setCellWidget(row, 1, combo)
            self.mapping_table.setItem(row, 2, QTableWidgetItem(first[row][:60]))

    def _combos(self) -> list[tuple[str, QComboBox]]:
        return [(self.mapping_table.item(r, 0).text(), self.mapping_table.cellWidget(r, 1))
                for r in range(self.mapping_table.rowCount())]

    def mapping(self) -> dict[str, str]:
        """The mapping chosen: source header -> column, ignored headers left out."""
        return {header: combo.currentData() for header, combo in self._combos()
                if combo.currentData()}

    def set_column(self, header: str, column: str) -> None:
        """Map a source header to a column (``""`` ignores it), as the combo would."""
        for name, combo in self._combos():
            if name == header:
                combo.setCurrentIndex(combo.findData(column))
                return
        raise KeyError(header)

    def _mapping_changed(self) -> None:
        self.preview_model.set_mapping(self.mapping())
        self._clear_result()

    # --- importing ---------------------------------------------------------------------
    def run_import(self) -> bool:
        """Import with the chosen mapping; show problems or the choice of what to do."""
        if self.table is None:
            return False
        try:
            self.result = import_bom(self.table, self.mapping())
        except BomImportError as exc:
            self.result = None
            self._show_problems(exc)
            return False
        parts = list(iter_parts(self.result.nodes))
        mass = sum(part.mass_kg * count for part, count in parts)
        text = self.tr("Read {count} parts, {mass} in all.").format(
            count=len(parts), mass=format_mass(mass))
        if self.result.warnings:
            text += "\n" + self.tr("Warnings:") + "\n" + "\n".join(
                f"\u2022 {w}" for w in self.result.warnings[:10])
        self.success_label.setText(text)
        if not self.name_edit.text():
            self.name_edit.setText(self._path.stem.replace("_", " ") if self._path else "")
        self.result_stack.setCurrentIndex(2)
        self.ok_button.setEnabled(True)
        return True

    def _show_problems(self, exc: GreenDesignError) -> None:
        problems = exc.problems
        self.problems_label.setText(exc.message + (" " + exc.hint if exc.hint else "")
                                    + " " + self.tr("Nothing was imported."))
        self.problems_table.setRowCount(len(problems))
        for i, problem in enumerate(problems):
            values = ["" if problem.row is None else str(problem.row), problem.column or "",
                      problem.message + (f" ({problem.hint})" if problem.hint else "")]
            for column, value in enumerate(values):
                self.problems_table.setItem(i, column, QTableWidgetItem(value))
        self.problems_table.resizeColumnToContents(0)
        self.problems_table.resizeColumnToContents(1)
        self.result_stack.setCurrentIndex(1)
        self.ok_button.setEnabled(False)

    def _clear_result(self) -> None:
        self.result = None
        self.result_stack.setCurrentIndex(0)
        self.ok_button.setEnabled(False)

    def accept(self) -> None:
        """Build :attr:`outcome` from the import and the user's choice, then close."""
        if self.result is None:
            return
        source = str(self._path) if self._path else ""
        if self.replace_radio.isChecked():
            self.outcome = ImportOutcome(ImportChoice.REPLACE_BOM, list(self.result.nodes),
                                         None, source)
        else:
            try:
                product = product_from_bom(
                    self.result, name=self.name_edit.text().strip() or self.tr("Imported product"),
                    functional_unit=self.functional_unit_edit.text().strip()
                    or DEFAULT_FUNCTIONAL_UNIT,
                    service_life_years=self.life_spin.value())
            except GreenDesignError as exc:
                self.success_label.setText(error_summary(exc))
                return
            self.outcome = ImportOutcome(ImportChoice.NEW_PROJECT, list(product.bom), product,
                                         source)
        super().accept()
