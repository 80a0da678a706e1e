"""The "Import database" dialog of the Inventory page.

The user picks a format (EcoSpold 2 folder or zip, EcoSpold 1 file, folder or
zip, openLCA JSON-LD zip or folder, SimaPro CSV export, Excel workbook in the
Brightway format, or a database of another Brightway project), its source, the
name the database gets in GreenDesign (suggested from the source), optional pedigree
scores and whether to replace a database of that name. The input is checked
in the dialog; on **Import** the dialog emits :attr:`ImportDatabaseDialog.importRequested`
with an :class:`~ui.pages.inventory.user_db_jobs.ImportRequest`, and the Inventory page runs
the import in its worker thread and hands the job back with
:meth:`ImportDatabaseDialog.start`. The dialog then shows the progress with a
Cancel button, and at the end the summary: the import report (datasets read
and imported, the share of each kind of exchange linked, how the elementary
flows were linked, the share of GWP100 the unlinked ones carry, the most
frequent unlinked flows), the datasets left out with their reasons, the
exchanges that could not be linked and the problems passed over in the
source's metadata.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
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
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greendesign.inventory.import_report import ImportReport
from greendesign.inventory.user_databases import MAX_NAME
from greendesign.inventory.user_registry import report_path
from ui.pages.inventory.import_checks import ImportRequestCheck, suggested_name
from ui.pages.inventory.inventory_rows import PedigreeNames
from ui.pages.inventory.user_db_jobs import ImportRequest
from ui.services.lca_service import LcaJob
from ui.widgets.formatting import format_number

FORMATS = ("ecospold2", "ecospold1", "jsonld", "simapro", "excel", "brightway")
"""The formats in the order the dialog offers them (those of the core's registry)."""
FOLDER_FORMATS = ("ecospold2", "ecospold1", "jsonld")
"""The formats whose source may be a folder as well as a file (a second browse button)."""
UNLINKED_ROWS = 200
"""Unlinked exchanges listed in the dialog; the report file has them all."""
SKIPPED_ROWS = 200
"""Datasets left out listed in the dialog; the saved report has them all."""
REPORT_LINES = 9
"""Lines of the import report visible without scrolling."""
TABLE_ROWS = 4
"""Rows of the list of datasets left out visible without scrolling."""
SCREEN_MARGIN = 80
"""Pixels of the screen's height the finished dialog leaves free (title bar, panels)."""
KIND_ORDER = ("biosphere", "technosphere", "production", "substitution")
"""The order of the exchange kinds in the report: elementary flows first."""
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
        labels = {
            "ecospold2": self.tr("EcoSpold 2 folder or zip (e.g. ecoinvent, openLCA exports)"),
            "ecospold1": self.tr("EcoSpold 1 file, folder or zip (e.g. a USLCI release)"),
            "jsonld": self.tr("openLCA JSON-LD (.zip, e.g. the Federal LCA Commons)"),
            "simapro": self.tr("SimaPro CSV export (.csv)"),
            "excel": self.tr("Excel workbook (Brightway format)"),
            "brightway": self.tr("Brightway project (e.g. Activity Browser)")}
        for fmt in FORMATS:
            self.format_combo.addItem(labels[fmt], fmt)

        # a file (workbook, export, zip) or a folder
        self.path_caption = QLabel()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("sourcePath")
        self.browse_button = QPushButton(self.tr("Browse\u2026"))
        self.browse_folder_button = QPushButton(self.tr("Folder\u2026"))  # FOLDER_FORMATS
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
        self.report_text = QPlainTextEdit()
        self.report_text.setObjectName("importReport")
        self.report_text.setReadOnly(True)
        self.report_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.skipped_label = QLabel()
        self.skipped_label.setObjectName("skippedCaption")
        self.skipped_label.setWordWrap(True)
        self.skipped_table = QTableWidget(0, 2)
        self.skipped_table.setObjectName("skippedTable")
        self.skipped_table.setHorizontalHeaderLabels((self.tr("File or dataset"),
                                                      self.tr("Why it was left out")))
        self.skipped_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skipped_table.setAlternatingRowColors(True)
        self.skipped_table.verticalHeader().hide()
        skipped_header = self.skipped_table.horizontalHeader()
        skipped_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        skipped_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.skipped_table.setColumnWidth(0, 300)
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
        result_layout.addWidget(self.report_text)
        result_layout.addWidget(self.skipped_label)
        result_layout.addWidget(self.skipped_table)
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
        """Choose the format, one of :data:`FORMATS`."""
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(fmt)))

    def _format_changed(self) -> None:
        fmt = self.format
        self.source_pages[0].setVisible(fmt != "brightway")
        self.source_pages[1].setVisible(fmt == "brightway")
        self.browse_folder_button.setVisible(fmt in FOLDER_FORMATS)
        if fmt != "brightway":
            caption, placeholder, note, file_tip, folder_tip = self._source_texts(fmt)
            self.path_caption.setText(caption)
            self.path_edit.setPlaceholderText(placeholder)
            self.path_note.setText(note)
            self.browse_button.setToolTip(file_tip)
            self.browse_folder_button.setToolTip(folder_tip)
        self._clear_error()
        self._suggest_name()

    def _source_texts(self, fmt: str) -> tuple[str, str, str, str, str]:
        """The caption, placeholder and note of the source of ``fmt``, and the tooltips of
        the file and folder buttons (the folder one empty when there is none)."""
        if fmt == "ecospold1":
            return (self.tr("File or folder:"),
                    self.tr("an EcoSpold 1 .xml file, a .zip of them or their folder"),
                    self.tr("For USLCI, the release's .zip or its unpacked folder (subfolders "
                            "are read too). The files are read without schema validation; "
                            "what is passed over is listed at the end. Exchanges are linked "
                            "by name, categories, unit and location."),
                    self.tr("Choose an EcoSpold 1 .xml file or a .zip of them"),
                    self.tr("Choose a folder of EcoSpold 1 .xml files instead of a file"))
        if fmt == "jsonld":
            return (self.tr("Zip or folder:"),
                    self.tr("an openLCA JSON-LD .zip, or the folder it unpacks to"),
                    self.tr("What the U.S. Federal LCA Commons publishes and openLCA exports "
                            "as JSON-LD: the processes are read with their flows, units and "
                            "locations. Elementary flows are linked to the biosphere by flow "
                            "name (with synonyms), FEDEFL context and CAS number. Processes "
                            "with co-products are split by their allocation factors when "
                            "the factors cover every product; otherwise they are not "
                            "allocated and the co-products are left out (listed at the "
                            "end)."),
                    self.tr("Choose the .zip of a JSON-LD export"),
                    self.tr("Choose the unpacked folder of a JSON-LD export instead of a "
                            ".zip"))
        if fmt == "simapro":
            return (self.tr("Export:"),
                    self.tr("a .csv file exported from SimaPro"),
                    self.tr("In SimaPro, export the processes with File > Export as CSV. The "
                            "processes link to each other by name inside the file. "
                            "Elementary flows are linked to the biosphere by flow name (with "
                            "synonyms), compartment and CAS number. Processes with "
                            "co-products are split by the allocation percentages in the "
                            "export."),
                    self.tr("Choose the SimaPro CSV export"), "")
        if fmt == "excel":
            return (self.tr("Workbook:"),
                    self.tr("an .xlsx file in the Brightway Excel format"),
                    self.tr("A 'Database' section, then one 'Activity' section per dataset "
                            "with its 'Exchanges' table; bundled datasets are used by their "
                            "catalogue code with the database greendesign-lci."),
                    self.tr("Choose the workbook"), "")
        return (self.tr("Folder or zip:"),
                self.tr("the folder that holds the .spold files, or a .zip of them"),
                self.tr("For ecoinvent, the 'datasets' folder of the unpacked EcoSpold 2 "
                        "release; openLCA's EcoSpold 2 exports work too (e.g. USLCI's "
                        "\u2026_ecospold2.zip), as the .zip or unpacked. Elementary flows "
                        "link by their ecoinvent flow id, those of openLCA exports by flow "
                        "name (with synonyms), compartment and CAS number. A large release "
                        "takes several minutes; you can keep working meanwhile."),
                self.tr("Choose a .zip of EcoSpold 2 (.spold) files"),
                self.tr("Choose the folder of .spold files instead of a .zip"))

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
        title, filters = {
            "excel": (self.tr("Choose the workbook"),
                      self.tr("Excel workbooks (*.xlsx *.xlsm)")),
            "ecospold1": (self.tr("Choose the EcoSpold 1 file"),
                          self.tr("EcoSpold 1 files (*.xml *.zip)")),
            "jsonld": (self.tr("Choose the openLCA JSON-LD export"),
                       self.tr("openLCA JSON-LD (*.zip)")),
            "simapro": (self.tr("Choose the SimaPro CSV export"),
                        self.tr("SimaPro CSV exports (*.csv)")),
        }.get(self.format, (self.tr("Choose the .zip of EcoSpold 2 files"),
                            self.tr("EcoSpold 2 archives (*.zip)")))
        path, _filter = QFileDialog.getOpenFileName(self, title, start, filters)
        if path:
            self.path_edit.setText(path)

    def _browse_folder(self) -> None:
        title = {"ecospold1": self.tr("Choose the folder of EcoSpold 1 files"),
                 "jsonld": self.tr("Choose the unpacked JSON-LD export")}.get(
            self.format, self.tr("Choose the folder of .spold files"))
        path = QFileDialog.getExistingDirectory(self, title, self.path_edit.text().strip())
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
        job.follow(lambda: self.job, self._progress, self._finished, self._failed,
                   self._cancelled)
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
        saved = report_path(db.name).with_suffix(".report.json")
        if db.format != "brightway" and saved.is_file():
            self.report_label.setText("\n".join(filter(None, (
                self.report_label.text(),
                self.tr("The import report is saved as {path}").format(path=saved)))))
        self._show_report(getattr(result, "report", None) or ImportReport())
        self._show_warnings(list(getattr(result, "warnings", None) or ()))
        self.unlinked_table.resizeRowsToContents()
        self.unlinked_table.setVisible(bool(unlinked))
        self.open_report_button.setVisible(bool(db.report))
        self.progress_bar.setValue(1000)
        self.status_label.setText("")
        self._set_state(self.DONE)
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Make the dialog tall enough for the results, within the screen it is on."""
        screen = self.screen() or QApplication.primaryScreen()
        room = screen.availableGeometry().height() - SCREEN_MARGIN if screen else self.height()
        wanted = self.layout().totalSizeHint().height()
        if wanted > self.height():
            self.resize(self.width(), max(self.height(), min(wanted, room)))

    def _show_report(self, report: ImportReport) -> None:
        """Show the import report and list the datasets it left out (hidden when empty, as
        for a copied Brightway database)."""
        lines = self.report_lines(report) if report.datasets_read or report.exchanges else []
        self.report_text.setPlainText("\n".join(lines))
        self.report_text.setVisible(bool(lines))
        self.report_text.setFixedHeight(self._text_height(lines[:REPORT_LINES]))
        skipped = report.skipped
        self.skipped_table.setRowCount(0)
        for where, reason in skipped[:SKIPPED_ROWS]:
            index = self.skipped_table.rowCount()
            self.skipped_table.insertRow(index)
            for column, value in enumerate((where, reason)):
                item = QTableWidgetItem(str(value))
                item.setToolTip(str(value))
                self.skipped_table.setItem(index, column, item)
        caption = self.tr("{count} dataset(s) were left out:").format(count=len(skipped))
        if len(skipped) > SKIPPED_ROWS:
            caption += " " + self.tr("the first {shown} are listed; the saved report has "
                                     "them all.").format(shown=SKIPPED_ROWS)
        self.skipped_label.setText(caption)
        self.skipped_label.setVisible(bool(skipped))
        self.skipped_table.setVisible(bool(skipped))
        self.skipped_table.resizeRowsToContents()
        table = self.skipped_table
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + sum(table.rowHeight(r) for r in range(min(len(skipped),
                                                                         TABLE_ROWS)))
                             + 2 * table.frameWidth())

    def _text_height(self, lines: list[str]) -> int:
        """The height the report box needs to show ``lines`` unwrapped, measured with the
        fonts that draw them (a Chinese line is taller than a Latin one)."""
        document = QTextDocument()
        document.setDefaultFont(self.report_text.font())
        document.setDocumentMargin(self.report_text.document().documentMargin())
        document.setPlainText("\n".join(lines))
        slack = self.report_text.fontMetrics().lineSpacing() // 2  # the box scrolls by lines
        return math.ceil(document.size().height()) + 2 * self.report_text.frameWidth() + slack

    def report_lines(self, report: ImportReport) -> list[str]:
        """The import report as the dialog shows it: datasets, the share linked of each
        kind of exchange (elementary flows first), how the elementary flows were linked,
        the GWP100 share of the unlinked ones and the most frequent unlinked flows."""
        text = self.tr("Datasets: {imported} of {read} imported").format(
            imported=f"{report.datasets_imported:,}", read=f"{report.datasets_read:,}")
        if report.skipped:
            text += self.tr(", {count} left out (listed below)").format(
                count=f"{len(report.skipped):,}")
        if report.producer:
            text += self.tr(" (files written by {producer})").format(producer=report.producer)
        lines = [text]
        kinds = {"biosphere": self.tr("Elementary"), "technosphere": self.tr("Technosphere"),
                 "production": self.tr("Production"), "substitution": self.tr("Substitution")}
        order = sorted(report.exchanges, key=lambda k: (
            KIND_ORDER.index(k) if k in KIND_ORDER else len(KIND_ORDER), k))
        for kind in order:
            linked = report.exchanges[kind].get("linked", 0)
            total = linked + report.exchanges[kind].get("unlinked", 0)
            lines.append(self.tr("{kind} exchanges: {linked} of {total} linked ({share})").format(
                kind=kinds.get(kind, kind), linked=f"{linked:,}", total=f"{total:,}",
                share=percent(linked / total, 1) if total else "-"))
        if report.elementary_by_method:
            methods = sorted(report.elementary_by_method.items(), key=lambda kv: -kv[1])
            lines.append(self.tr("Elementary exchanges linked by: {methods}").format(
                methods=", ".join(f"{self._method_label(how)} {count:,}"
                                  for how, count in methods)))
        if report.gwp_unlinked_share is not None:
            lines.append(self.tr("Unlinked elementary exchanges carry about {share} of the "
                                 "datasets' direct GWP100 (estimated by flow name)").format(
                share=percent(report.gwp_unlinked_share, 2)))
        if report.top_unlinked:
            lines.append(self.tr("Most frequent unlinked flows (exchanges):"))
            lines.extend(f"  {count:,} \u00d7 {name} [{compartment}] ({unit})"
                         for name, compartment, unit, count in report.top_unlinked)
        return lines

    def _method_label(self, how: str) -> str:
        """The name of a way of linking elementary flows (the report's keys)."""
        return {"bw2io": self.tr("the source's flow id or exact name"),
                "synonym": self.tr("synonym"),
                "name": self.tr("name and compartment"),
                "name variant": self.tr("name variant"),
                "CAS number": self.tr("CAS number"),
                "flow id": self.tr("flow id's compartment"),
                "direction only": self.tr("name, only compartment of its direction")}.get(
            how, how)

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


def percent(fraction: float, decimals: int) -> str:
    """A share as the import report writes it: ``0.75 -> "75.0 %"``."""
    return f"{100 * fraction:.{decimals}f} %"
