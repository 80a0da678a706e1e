"""The "Import database" dialog of the Inventory page.

The user picks a format (EcoSpold 2 folder, EcoSpold 1 file, folder or zip,
Excel workbook in the Brightway format, or a database of another Brightway
project), its source, the name the
database gets in GreenDesign (suggested from the source), optional pedigree
scores and whether to replace a database of that name. The input is checked
in the dialog; on **Import** the dialog emits :attr:`ImportDatabaseDialog.importRequested`
with an :class:`~ui.pages.inventory.user_db_jobs.ImportRequest`, and the Inventory page runs
the import in its worker thread and hands the job back with
:meth:`ImportDatabaseDialog.start`. The dialog then shows the progress with a
Cancel button, and at the end the summary with the exchanges that could not
be linked and, for EcoSpold 1, the schema violations passed over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greendesign.inventory.user_databases import MAX_NAME
from ui.pages.inventory.import_checks import ImportRequestCheck, suggested_name
from ui.pages.inventory.inventory_rows import PedigreeNames
from ui.pages.inventory.user_db_jobs import ImportRequest
from ui.services.lca_service import LcaJob
from ui.widgets.formatting import format_number

FORMATS = ("ecospold2", "ecospold1", "excel", "brightway")
UNLINKED_ROWS = 200
"""Unlinked exchanges listed in the dialog; the report file has them all."""
WARNING_LINES = 5
"""Lines of the source's passed-over problems listed in the dialog; the tooltip has them all."""
DEFAULT_SCORE = 3


class ImportDatabaseDialog(QDialog):
    """Choose a user database to import, then follow the import.

    Signals
    -------
    importRequested(object)
        The checked :class:`~ui.pages.inventory.user_db_jobs.ImportRequest`; the receiver runs
        it and calls :meth:`start` with the job.
    """

    importRequested = Signal(object)

    FORM, RUNNING, DONE = "form", "running", "done"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request_check = ImportRequestCheck(self)
        self.setObjectName("importDatabaseDialog")
        self.setWindowTitle(self.tr("Import a user database"))
        self.state = self.FORM
        self.job: LcaJob | None = None
        self.result = None  # the ImportResult of a finished import
        self._name_edited = False
        self._build()
        self._format_changed()
        self._set_state(self.FORM)
        self.resize(860, 560)

    # --- construction ------------------------------------------------------------------
    def _build(self) -> None:
        intro = QLabel(self.tr(
            "Bring inventory datasets you hold a licence or data for into GreenDesign: parts "
            "can then use them as materials and processes, next to the bundled inventory. "
            "Elementary flows are linked to the inventory's biosphere; every exchange that "
            "cannot be linked is listed at the end."))
        intro.setWordWrap(True)

        self.format_combo = QComboBox()
        self.format_combo.setObjectName("formatCombo")
        for fmt, label in zip(FORMATS, (self.tr("EcoSpold 2 folder (e.g. ecoinvent datasets)"),
                                        self.tr("EcoSpold 1 file, folder or zip (e.g. a USLCI "
                                                "release)"),
                                        self.tr("Excel workbook (Brightway format)"),
                                        self.tr("Brightway project (e.g. Activity Browser)")),
                              strict=True):
            self.format_combo.addItem(label, fmt)

        # a folder, a workbook or an EcoSpold 1 file
        self.path_caption = QLabel()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("sourcePath")
        self.browse_button = QPushButton(self.tr("Browse\u2026"))
        self.browse_folder_button = QPushButton(self.tr("Folder\u2026"))  # EcoSpold 1 only
        self.browse_folder_button.setToolTip(self.tr("Choose a folder of EcoSpold 1 .xml "
                                                     "files instead of a file"))
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        path_row.addWidget(self.browse_folder_button)
        self.path_note = QLabel()
        self.path_note.setWordWrap(True)
        self.path_note.setStyleSheet("color: #555;")
        file_page = QWidget()
        file_form = QFormLayout(file_page)
        file_form.setContentsMargins(0, 0, 0, 0)
        file_form.addRow(self.path_caption, path_row)
        file_form.addRow("", self.path_note)

        # a database of another Brightway project
        self.project_edit = QLineEdit()
        self.project_edit.setPlaceholderText(self.tr("e.g. my-project"))
        self.database_edit = QLineEdit()
        self.database_edit.setPlaceholderText(self.tr("e.g. supplier-data"))
        self.base_dir_edit = QLineEdit()
        self.base_dir_edit.setPlaceholderText(self.tr("empty: Brightway's default folder"))
        self.base_browse_button = QPushButton(self.tr("Browse\u2026"))
        base_row = QHBoxLayout()
        base_row.setContentsMargins(0, 0, 0, 0)
        base_row.addWidget(self.base_dir_edit, 1)
        base_row.addWidget(self.base_browse_button)
        bw_note = QLabel(self.tr(
            "Names as Activity Browser shows them. The project is only read, never changed; "
            "the databases it depends on are copied too (biosphere excepted)."))
        bw_note.setWordWrap(True)
        bw_note.setStyleSheet("color: #555;")
        bw_page = QWidget()
        bw_form = QFormLayout(bw_page)
        bw_form.setContentsMargins(0, 0, 0, 0)
        bw_form.addRow(self.tr("Project:"), self.project_edit)
        bw_form.addRow(self.tr("Database:"), self.database_edit)
        bw_form.addRow(self.tr("Brightway folder:"), base_row)
        bw_form.addRow("", bw_note)

        self.source_pages = (file_page, bw_page)  # one shown at a time, as the format asks
        self.source_stack = QWidget()
        stack = QVBoxLayout(self.source_stack)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(file_page)
        stack.addWidget(bw_page)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("databaseName")
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setToolTip(self.tr(
            "Parts refer to its datasets as user:<name>|<code>; the name cannot be changed "
            "later without importing again."))
        self.replace_check = QCheckBox(self.tr("Replace it if a user database of this name "
                                               "exists"))

        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.source_stack)
        form.addRow(self.tr("Name in GreenDesign:"), self.name_edit)
        form.addRow("", self.replace_check)

        self.pedigree_box = QGroupBox(self.tr("Data quality (pedigree) of the whole database"))
        self.rated_check = QCheckBox(self.tr("Rate it (scores 1 best to 5 worst)"))
        self.rated_check.setObjectName("pedigreeRated")
        grid = QGridLayout()
        self.pedigree_spins: list[QSpinBox] = []
        for column, name in enumerate(PedigreeNames().names()):
            label = QLabel(name)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            spin = QSpinBox()
            spin.setRange(1, 5)
            spin.setValue(DEFAULT_SCORE)
            grid.addWidget(label, 0, column)
            grid.addWidget(spin, 1, column)
            self.pedigree_spins.append(spin)
        self.pedigree_note = QLabel()
        self.pedigree_note.setWordWrap(True)
        self.pedigree_note.setStyleSheet("color: #555;")
        box_layout = QVBoxLayout(self.pedigree_box)
        box_layout.addWidget(self.rated_check)
        box_layout.addLayout(grid)
        box_layout.addWidget(self.pedigree_note)

        self.form_widget = QWidget()
        form_layout = QVBoxLayout(self.form_widget)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(intro)
        form_layout.addLayout(form)
        form_layout.addWidget(self.pedigree_box)

        self.error_label = QLabel()
        self.error_label.setObjectName("importError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #b03a2e; background: #fdecea; padding: 4px; "
                                       "border: 1px solid #e6b0aa;")

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: #555;")

        self.summary_label = QLabel()
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        headers = (self.tr("Dataset"), self.tr("Location"), self.tr("Exchange"),
                   self.tr("Type"), self.tr("Amount"), self.tr("Unit"), self.tr("Compartment"),
                   self.tr("Reason"))
        self.unlinked_table = QTableWidget(0, len(headers))
        self.unlinked_table.setObjectName("unlinkedTable")
        self.unlinked_table.setHorizontalHeaderLabels(headers)
        self.unlinked_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unlinked_table.setAlternatingRowColors(True)
        self.unlinked_table.verticalHeader().hide()
        header = self.unlinked_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self.unlinked_table.setWordWrap(True)
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_label.setStyleSheet("color: #555;")
        self.open_report_button = QPushButton(self.tr("Open the report"))
        report_row = QHBoxLayout()
        report_row.addWidget(self.report_label, 1)
        report_row.addWidget(self.open_report_button)
        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("importWarnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings_label.setStyleSheet("color: #555;")
        self.result_widget = QWidget()
        result_layout = QVBoxLayout(self.result_widget)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.summary_label)
        result_layout.addWidget(self.unlinked_table, 1)
        result_layout.addLayout(report_row)
        result_layout.addWidget(self.warnings_label)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form_widget)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.result_widget, 1)
        layout.addStretch(0)
        layout.addWidget(self.buttons)

        self.format_combo.currentIndexChanged.connect(lambda _i: self._format_changed())
        self.browse_button.clicked.connect(self._browse)
        self.browse_folder_button.clicked.connect(self._browse_folder)
        self.base_browse_button.clicked.connect(self._browse_base)
        self.path_edit.textChanged.connect(lambda _t: self._suggest_name())
        self.database_edit.textChanged.connect(lambda _t: self._suggest_name())
        self.name_edit.textEdited.connect(self._name_typed)
        self.rated_check.toggled.connect(lambda _on: self._pedigree_changed())
        self.open_report_button.clicked.connect(self.open_report)
        self._pedigree_changed()

    # --- the form ------------------------------------------------------------------------
    @property
    def format(self) -> str:
        return self.format_combo.currentData()

    def set_format(self, fmt: str) -> None:
        """Choose the format (``ecospold2``, ``ecospold1``, ``excel`` or ``brightway``)."""
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(fmt)))

    def _format_changed(self) -> None:
        fmt = self.format
        self.source_pages[0].setVisible(fmt != "brightway")
        self.source_pages[1].setVisible(fmt == "brightway")
        self.browse_folder_button.setVisible(fmt == "ecospold1")
        if fmt == "ecospold1":
            self.path_caption.setText(self.tr("File or folder:"))
            self.path_edit.setPlaceholderText(self.tr("an EcoSpold 1 .xml file, a .zip of them "
                                                      "or their folder"))
            self.path_note.setText(self.tr(
                "For USLCI, the release's .zip or its unpacked folder (subfolders are read "
                "too). The files are read without schema validation; what is passed over is "
                "listed at the end. Exchanges are linked by name, categories, unit and "
                "location."))
        elif fmt == "excel":
            self.path_caption.setText(self.tr("Workbook:"))
            self.path_edit.setPlaceholderText(self.tr("an .xlsx file in the Brightway Excel "
                                                      "format"))
            self.path_note.setText(self.tr(
                "A 'Database' section, then one 'Activity' section per dataset with its "
                "'Exchanges' table; bundled datasets are used by their catalogue code with "
                "the database greendesign-lci."))
        else:
            self.path_caption.setText(self.tr("Folder:"))
            self.path_edit.setPlaceholderText(self.tr("the folder that holds the .spold files"))
            self.path_note.setText(self.tr(
                "For ecoinvent, the 'datasets' folder of the unpacked EcoSpold 2 release. "
                "A large release takes several minutes; you can keep working meanwhile."))
        self._clear_error()
        self._suggest_name()

    def _name_typed(self, text: str) -> None:
        self._name_edited = bool(text.strip())
        self._clear_error()

    def _suggest_name(self) -> None:
        if self._name_edited:
            return
        self.name_edit.setText(suggested_name(self.format, self.path_edit.text(),
                                              self.database_edit.text()))

    def _pedigree_changed(self) -> None:
        rated = self.rated_check.isChecked()
        for spin in self.pedigree_spins:
            spin.setEnabled(rated)
        self.pedigree_note.setText(self.tr(
            "These scores set the uncertainty of every dataset of the database in the Monte "
            "Carlo analysis.") if rated else self.tr(
            "Not rated: the Monte Carlo analysis treats its datasets as of the worst quality "
            "(5 5 5 5 5), so their uncertainty is not understated."))

    def _browse(self) -> None:
        start = self.path_edit.text().strip()
        if self.format == "excel":
            path, _filter = QFileDialog.getOpenFileName(
                self, self.tr("Choose the workbook"), start,
                self.tr("Excel workbooks (*.xlsx *.xlsm)"))
        elif self.format == "ecospold1":
            path, _filter = QFileDialog.getOpenFileName(
                self, self.tr("Choose the EcoSpold 1 file"), start,
                self.tr("EcoSpold 1 files (*.xml *.zip)"))
        else:
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Choose the folder of .spold files"), start)
        if path:
            self.path_edit.setText(path)

    def _browse_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the folder of EcoSpold 1 files"), self.path_edit.text().strip())
        if path:
            self.path_edit.setText(path)

    def _browse_base(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the Brightway folder"),
                                                self.base_dir_edit.text().strip())
        if path:
            self.base_dir_edit.setText(path)

    def request(self) -> ImportRequest:
        """The import the form describes (not checked; see :meth:`check`)."""
        pedigree = tuple(s.value() for s in self.pedigree_spins) \
            if self.rated_check.isChecked() else ()
        common = {"name": self.name_edit.text().strip(), "pedigree": pedigree,
                  "replace": self.replace_check.isChecked()}
        if self.format == "brightway":
            return ImportRequest("brightway", project=self.project_edit.text().strip(),
                                 database=self.database_edit.text().strip(),
                                 base_dir=self.base_dir_edit.text().strip(), **common)
        return ImportRequest(self.format, source=self.path_edit.text().strip(), **common)

    def check(self, request: ImportRequest) -> str | None:
        """Why ``request`` cannot be imported, or None when it can be tried."""
        return self.request_check.why_not(request)

    def show_error(self, message: str) -> None:
        """Show why the input cannot be imported (the dialog stays open)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _clear_error(self) -> None:
        self.show_error("")

    # --- the run -------------------------------------------------------------------------
    def accept(self) -> None:
        """Import: check the form and ask for the import (or close when done)."""
        if self.state == self.DONE:
            super().accept()
            return
        if self.state != self.FORM:
            return
        request = self.request()
        problem = self.check(request)
        if problem:
            self.show_error(problem)
            return
        self._clear_error()
        self.importRequested.emit(request)

    def reject(self) -> None:
        """Cancel: stop a running import (the dialog stays until it has stopped), or close."""
        if self.state == self.RUNNING:
            self.cancel_import()
            return
        super().reject()

    def cancel_import(self) -> None:
        """Ask the running import to stop; nothing is written then."""
        if self.job is not None and not self.job.done:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling\u2026"))

    def start(self, job: LcaJob) -> None:
        """Follow ``job``, the import the dialog asked for."""
        self.job = job
        self.result = None
        job.progress.connect(lambda f, m, j=job: j is self.job and self._progress(f, m))
        job.finished.connect(lambda value, j=job: j is self.job and self._finished(value))
        job.failed.connect(lambda message, j=job: j is self.job and self._failed(message))
        job.cancelled.connect(lambda j=job: j is self.job and self._cancelled())
        self.progress_bar.setValue(0)
        self.status_label.setText(self.tr("Starting\u2026"))
        self._set_state(self.RUNNING)

    def _progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if not self.job or not self.job.is_cancelled():
            self.status_label.setText(self.tr("Importing: {step}").format(step=message))

    def _finished(self, result) -> None:
        self.job = None
        self.result = result
        db = result.database
        text = self.tr("Imported \u201c{name}\u201d: {datasets} datasets and {exchanges} "
                       "exchanges in {seconds} s.").format(
            name=db.name, datasets=db.activities, exchanges=db.exchanges,
            seconds=format_number(result.seconds, 2))
        unlinked = result.unlinked
        if unlinked:
            text += " " + self.tr("{count} exchanges could not be linked and were left out; "
                                  "they are listed below.").format(count=len(unlinked))
        else:
            text += " " + self.tr("Every exchange was linked.")
        self.summary_label.setText(text)
        self.unlinked_table.setRowCount(0)
        for row in unlinked[:UNLINKED_ROWS]:
            index = self.unlinked_table.rowCount()
            self.unlinked_table.insertRow(index)
            values = (row.activity, row.location, row.exchange, row.type,
                      format_number(row.amount) if row.amount == row.amount else "",
                      row.unit, row.compartment, row.reason)
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                item.setToolTip(str(value))
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.unlinked_table.setItem(index, column, item)
        if db.report:
            shown = "" if len(unlinked) <= UNLINKED_ROWS else self.tr(
                "The first {shown} of {count} are shown. ").format(shown=UNLINKED_ROWS,
                                                                   count=len(unlinked))
            self.report_label.setText(shown + self.tr("All of them are in {path}").format(
                path=db.report))
        else:
            self.report_label.setText("")
        self._show_warnings(list(getattr(result, "warnings", None) or ()))
        self.unlinked_table.resizeRowsToContents()
        self.unlinked_table.setVisible(bool(unlinked))
        self.open_report_button.setVisible(bool(db.report))
        self.progress_bar.setValue(1000)
        self.status_label.setText("")
        self._set_state(self.DONE)

    def _show_warnings(self, warnings: list[str]) -> None:
        """List the first of the problems the import passed over in the source's metadata."""
        if not warnings:
            self.warnings_label.setText("")
            self.warnings_label.setToolTip("")
            self.warnings_label.setVisible(False)
            return
        lines = [self.tr("Passed over in the source's metadata:")]
        lines += [f"\u2022 {line}" for line in warnings[:WARNING_LINES]]
        if len(warnings) > WARNING_LINES:
            lines.append(self.tr("\u2026 and {count} more (see the tooltip)").format(
                count=len(warnings) - WARNING_LINES))
        self.warnings_label.setText("\n".join(lines))
        self.warnings_label.setToolTip("\n".join(warnings))
        self.warnings_label.setVisible(True)

    def _failed(self, message: str) -> None:
        self.job = None
        self._set_state(self.FORM)
        self.show_error(self.tr("The import failed: {message}").format(message=message))

    def _cancelled(self) -> None:
        self.job = None
        self._set_state(self.FORM)
        self.status_label.setText(self.tr("The import was cancelled; nothing was written."))
        self.status_label.setVisible(True)

    def open_report(self) -> bool:
        """Open the report of the unlinked exchanges (CSV) in the system's application."""
        report = self.result.database.report if self.result is not None else ""
        return bool(report) and QDesktopServices.openUrl(QUrl.fromLocalFile(report))

    def _set_state(self, state: str) -> None:
        self.state = state
        self.form_widget.setEnabled(state == self.FORM)
        self.form_widget.setVisible(state != self.DONE)
        self.progress_bar.setVisible(state == self.RUNNING)
        self.status_label.setVisible(state == self.RUNNING)
        self.result_widget.setVisible(state == self.DONE)
        self.import_button.setVisible(state == self.FORM)
        self.cancel_button.setVisible(state != self.DONE)
        self.cancel_button.setEnabled(True)
        self.close_button.setVisible(state == self.DONE)
        if state != self.FORM:
            self.error_label.setVisible(False)
        else:
            self.error_label.setVisible(bool(self.error_label.text()))
