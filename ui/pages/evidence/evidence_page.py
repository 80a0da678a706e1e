"""The Evidence pack page: what the project holds for a green design evidence pack.

Three tabs and a list beside them:

* **Applicant**: company, credit code, contact, legal representative and the management
  system certificates (:class:`~ui.pages.evidence.applicant_form.ApplicantForm`);
* **Specification**: the profile chooser (the bundled profiles, or one imported from a JSON
  or XLSX file and kept in the project), the XLSX template export, and the conformity table
  of the shown design (:func:`greendesign.evidence.conformity.evaluate_conformity`: the values
  come from the same scores as the Green design page and from the window's LCA result);
* **Evidence register**: the documents with their attached files (copied into
  ``<project>.evidence/`` beside the project), edited in place; expired ones in red;
* **Completeness** (beside the tabs): :func:`greendesign.evidence.completeness.completeness`,
  blocking items first; double-click an item to go where it is fixed.

Every change is one :class:`~ui.pages.evidence.evidence_commands.SetEvidenceCommand` on the
document's undo stack. The page follows the document (project, design, product) and the
LCA service's results, recomputing shortly after the last change.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import GreenDesignError
from greendesign.evidence.attachments import add_attachment, attachment_path, file_sha256
from greendesign.evidence.completeness import Gap, completeness
from greendesign.evidence.conformity import Conformity, design_scores, evaluate_conformity
from greendesign.evidence.record import EvidenceItem, EvidenceRecord
from greendesign.evidence.spec_model import EvidenceKind, SpecificationProfile
from greendesign.evidence.specification import (
    export_specification_xlsx,
    import_specification,
    load_specifications,
    resolve_specification,
    specification_for_category,
)
from greendesign.model import BASELINE
from ui.errors import error_summary
from ui.pages.evidence.applicant_form import ApplicantForm
from ui.pages.evidence.evidence_commands import SetEvidenceCommand
from ui.pages.evidence.evidence_views import CompletenessPanel, ConformityView
from ui.pages.evidence.register_model import (
    ChoiceDelegate,
    RegisterModel,
    kind_choices,
    verdict_choices,
)
from ui.services.material_names import ui_language
from ui.widgets.page_parts import RefreshWhenShown, page_title

log = logging.getLogger("greendesign.ui")

DEBOUNCE_MS = 150
DOCUMENT_SUFFIXES = ("*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.xls *.xlsx *.ofd "
                     "*.zip")


class EvidencePage(QWidget):
    """Applicant, specification profile, evidence register, conformity and completeness.

    Parameters
    ----------
    document
        The open project (:class:`~ui.document.document.ProjectDocument`).
    lca
        The window's :class:`~ui.services.lca_service.LcaService` (results of the shown design);
        None in tests that need no LCA.
    prompts
        File dialogs and error boxes (:class:`~ui.prompts.UserPrompts` or a scripted one).

    Signals
    -------
    evidenceChanged
        The project's evidence record was changed (an edit, Undo or Redo).
    updated
        The conformity table and the completeness list were recomputed.
    statusMessage(str)
        A short message for the status bar.
    """

    evidenceChanged = Signal()
    updated = Signal()
    statusMessage = Signal(str)

    def __init__(self, document, lca=None, prompts=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePage")
        self.document = document
        self.lca = lca
        self.prompts = prompts
        self.day = dt.date.today()
        self.conformity: Conformity | None = None
        self.gaps: list[Gap] = []
        self._profiles: dict[str, SpecificationProfile] = {}
        self._hashes: dict[str, tuple[int, int, str, int]] = {}
        self._refresh = RefreshWhenShown(self, DEBOUNCE_MS, self.recompute)
        self._build()
        document.projectReplaced.connect(self._project_replaced)
        document.designChanged.connect(lambda _name: self.schedule())
        document.productChanged.connect(self.schedule)
        document.pathChanged.connect(self.schedule)
        if lca is not None:
            lca.resultChanged.connect(lambda _result: self.schedule())
        self._project_replaced()

    # --- construction ------------------------------------------------------------------
    def _build(self) -> None:
        title = page_title(self.tr("Evidence pack"))
        self.design_label = QLabel()
        self.design_label.setStyleSheet("color: #555;")
        self.export_button = QPushButton(self.tr("Export pack\u2026"))
        self.export_button.setObjectName("exportPack")
        self.export_button.setToolTip(self.tr(
            "Write the pack: PDF report, workbook, data, charts, attachments and manifest"))
        self.export_button.clicked.connect(lambda _c=False: self.open_export())
        self.export_dialog = None
        self.note = QLabel(self.tr("Report, workbook, data and attachments in one folder."))
        self.note.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.design_label, 1)
        top.addWidget(self.note)
        top.addWidget(self.export_button)

        self.applicant_form = ApplicantForm()
        self.applicant_form.changed.connect(
            lambda applicant, text: self.push(self.record.model_copy(
                update={"applicant": applicant}), text))

        # specification tab
        self.spec_view = ConformityView()
        self.profile_combo = self.spec_view.profile_combo
        self.import_button = self.spec_view.import_button
        self.template_button = self.spec_view.template_button
        self.profile_note = self.spec_view.profile_note
        self.conformity_table = self.spec_view.conformity_table
        self.counts_label = self.spec_view.counts_label
        self.profile_combo.activated.connect(lambda _i: self._profile_chosen())
        self.import_button.clicked.connect(lambda _c=False: self.import_profile())
        self.template_button.clicked.connect(lambda _c=False: self.export_template())

        # register tab
        self.register_model = RegisterModel(self)
        self.register_model.commit.connect(self._item_edited)
        self.register_model.refused.connect(self.statusMessage.emit)
        self.register_view = QTableView()
        self.register_view.setObjectName("registerTable")
        self.register_view.setModel(self.register_model)
        self.register_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.register_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.register_view.verticalHeader().hide()
        self.register_view.setAlternatingRowColors(True)
        self.register_view.setItemDelegateForColumn(
            RegisterModel.COLUMNS.index("kind"), ChoiceDelegate(kind_choices, self))
        self.register_view.setItemDelegateForColumn(
            RegisterModel.COLUMNS.index("verdict"), ChoiceDelegate(verdict_choices, self))
        rhead = self.register_view.horizontalHeader()
        rhead.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rhead.setSectionResizeMode(RegisterModel.COLUMNS.index("title"),
                                   QHeaderView.ResizeMode.Stretch)
        self.register_view.doubleClicked.connect(self._register_double_clicked)
        self.add_file_button = QPushButton(self.tr("Add file\u2026"))
        self.add_file_button.setObjectName("addEvidenceFile")
        self.add_file_button.setToolTip(self.tr(
            "Copy a document into the attachments folder beside the project and add it to "
            "the register"))
        self.add_file_button.clicked.connect(lambda _c=False: self.add_file())
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(lambda _c=False: self.remove_item())
        self.open_button = QPushButton(self.tr("Open file"))
        self.open_button.clicked.connect(lambda _c=False: self.open_item())
        self.folder_label = QLabel()
        self.folder_label.setStyleSheet("color: #555;")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reg_buttons = QHBoxLayout()
        for button in (self.add_file_button, self.remove_button, self.open_button):
            reg_buttons.addWidget(button)
        reg_buttons.addWidget(self.folder_label, 1)
        register = QWidget()
        reg_layout = QVBoxLayout(register)
        reg_layout.setContentsMargins(0, 4, 0, 0)
        reg_layout.addWidget(self.register_view, 1)
        reg_layout.addLayout(reg_buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.applicant_form, self.tr("Applicant"))
        self.tabs.addTab(self.spec_view, self.tr("Specification and conformity"))
        self.tabs.addTab(register, self.tr("Evidence register"))

        # completeness
        side = self.completeness_panel = CompletenessPanel()
        self.completeness_title = side.title
        self.completeness_summary = side.summary
        self.completeness_list = side.list
        self.completeness_list.itemDoubleClicked.connect(self.go_to)

        splitter = QSplitter()
        splitter.addWidget(self.tabs)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a3261d;")
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)

    # --- the record ---------------------------------------------------------------------
    @property
    def record(self) -> EvidenceRecord:
        project = self.document.project
        return project.evidence if project is not None else EvidenceRecord()

    @property
    def editable(self) -> bool:
        return self.document.project is not None and not self.document.read_only

    def push(self, new: EvidenceRecord, text: str) -> bool:
        """Apply ``new`` as one undoable change; False when it is refused or changes nothing."""
        if not self.editable:
            return False
        try:
            new = EvidenceRecord.model_validate(new.model_dump())
        except GreenDesignError as exc:
            self.statusMessage.emit(error_summary(exc))
            return False
        old = self.record
        if new == old:
            return False
        self.document.undo_stack.push(SetEvidenceCommand(self.put_evidence, old, new, text))
        return True

    def put_evidence(self, record: EvidenceRecord) -> None:
        """Install a record in the project and redraw (the undo commands call this)."""
        if self.document.project is None:
            return
        self.document.project.evidence = record
        self._show_record()
        self.evidenceChanged.emit()
        self.schedule()

    def _project_replaced(self) -> None:
        self._hashes.clear()
        self._fill_profiles()
        self._show_record()
        self.schedule()

    def _show_record(self) -> None:
        record = self.record
        self.applicant_form.set_applicant(record.applicant)
        self.applicant_form.set_read_only(not self.editable)
        self.register_model.read_only = not self.editable
        self.register_model.set_items(record.register, self.day)
        for widget in (self.profile_combo, self.import_button, self.add_file_button,
                       self.remove_button):
            widget.setEnabled(self.editable)
        self.export_button.setEnabled(self.document.project is not None)
        self._select_profile_in_combo()
        path = self.document.path
        self.folder_label.setText(
            self.tr("Attachments: {folder}").format(folder=str(path.with_name(
                path.stem + ".evidence"))) if path else
            self.tr("Save the project to attach files (they are kept beside it)."))

    # --- profiles -----------------------------------------------------------------------
    def _fill_profiles(self) -> None:
        try:
            self._profiles = load_specifications()
        except GreenDesignError as exc:
            log.warning("specification profiles not readable: %s", exc)
            self._profiles = {}
        self._select_profile_in_combo()

    def _select_profile_in_combo(self) -> None:
        zh = ui_language() == "zh"
        record = self.record
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        self.profile_combo.addItem(self.tr("(none chosen)"), "")
        for profile in self._profiles.values():
            self.profile_combo.addItem((profile.name_zh or profile.name) if zh else profile.name,
                                       profile.id)
        imported = record.imported_specification
        if imported is not None:
            name = (imported.name_zh or imported.name) if zh else imported.name
            self.profile_combo.addItem(self.tr("{name} (imported)").format(name=name),
                                       "imported:" + imported.id)
            wanted = "imported:" + imported.id
        else:
            wanted = record.specification
        index = self.profile_combo.findData(wanted)
        if index < 0 and wanted:
            self.profile_combo.addItem(self.tr("{id} (not found)").format(id=wanted), wanted)
            index = self.profile_combo.count() - 1
        self.profile_combo.setCurrentIndex(max(0, index))
        self.profile_combo.blockSignals(False)

    def choose_profile(self, profile_id: str) -> bool:
        """Choose a bundled profile by id (``""`` for none); undoable."""
        record = self.record
        return self.push(record.model_copy(update={"specification": profile_id,
                                                   "imported_specification": None}),
                         self.tr("Choose the specification profile"))

    def _profile_chosen(self) -> None:
        data = self.profile_combo.currentData() or ""
        if data.startswith("imported:"):
            return
        if not self.choose_profile(data):
            self._select_profile_in_combo()

    def import_profile(self, path: str | Path | None = None) -> bool:
        """Import a profile from a JSON or XLSX file into the project; undoable."""
        if not self.editable:
            return False
        if path is None and self.prompts is not None:
            path = self.prompts.open_path(self, self.tr("Import a specification profile"), "",
                                          self.tr("Specification profiles (*.json *.xlsx)"))
        if path is None:
            return False
        try:
            profile = import_specification(path)
        except GreenDesignError as exc:
            if self.prompts is not None:
                self.prompts.show_error(self, exc, self.tr("Cannot import the profile"))
            return False
        record = self.record
        done = self.push(record.model_copy(update={"specification": profile.id,
                                                   "imported_specification": profile}),
                         self.tr("Import the profile \u201c{name}\u201d").format(
                             name=profile.name))
        if done:
            self.statusMessage.emit(self.tr("Imported {count} indicators from {name}").format(
                count=len(profile.indicators), name=Path(path).name))
        return done

    def export_template(self, path: str | Path | None = None) -> Path | None:
        """Write the chosen profile (or the category's) as an XLSX file."""
        profile = self.profile()
        if profile is None:
            return None
        if path is None and self.prompts is not None:
            path = self.prompts.save_path(self, self.tr("Export the profile as XLSX"),
                                          f"{profile.id}.xlsx", self.tr("Workbooks (*.xlsx)"))
        if path is None:
            return None
        language = "zh_CN" if ui_language() == "zh" else "en"
        try:
            written = export_specification_xlsx(profile, path, language)
        except GreenDesignError as exc:
            if self.prompts is not None:
                self.prompts.show_error(self, exc, self.tr("Cannot export the profile"))
            return None
        self.statusMessage.emit(self.tr("Wrote {name}").format(name=written.name))
        return written

    def profile(self) -> SpecificationProfile | None:
        """The chosen profile, else the one proposed for the product's category."""
        profile = resolve_specification(self.record, self._profiles)
        if profile is None and not self.record.specification and self.document.product:
            profile = self._profiles.get(specification_for_category(
                self.document.product.category.value))
        return profile

    # --- register -----------------------------------------------------------------------
    def add_file(self, path: str | Path | None = None,
                 kind: EvidenceKind = EvidenceKind.TEST_REPORT) -> EvidenceItem | None:
        """Copy a document beside the project and add it to the register; undoable."""
        if not self.editable:
            return None
        if path is None and self.prompts is not None:
            path = self.prompts.open_path(self, self.tr("Add a document to the register"), "",
                                          self.tr("Documents ({patterns});;All files (*)"
                                                  ).format(patterns=DOCUMENT_SUFFIXES))
        if path is None:
            return None
        try:
            added = add_attachment(self.document.path, path)
        except GreenDesignError as exc:
            if self.prompts is not None:
                self.prompts.show_error(self, exc, self.tr("Cannot add the file"))
            return None
        record = self.record
        item = EvidenceItem(id=record.next_item_id(), kind=kind,
                            title=Path(path).stem[:300] or added.name, file=added.name,
                            sha256=added.sha256, size=added.size, date=self.day)
        if self.push(record.model_copy(update={"register": [*record.register, item]}),
                     self.tr("Add {name} to the register").format(name=added.name)):
            if added.name != Path(path).name:
                self.statusMessage.emit(self.tr(
                    "Another file is already called {original}: kept as {name}").format(
                    original=Path(path).name, name=added.name))
            self.tabs.setCurrentIndex(2)
            self.register_view.selectRow(len(self.record.register) - 1)
            return item
        return None

    def _item_edited(self, row: int, item: EvidenceItem) -> None:
        record = self.record
        register = list(record.register)
        register[row] = item
        self.push(record.model_copy(update={"register": register}),
                  self.tr("Edit {id} in the register").format(id=item.id))

    def selected_row(self) -> int | None:
        rows = self.register_view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def remove_item(self, row: int | None = None) -> bool:
        """Take a document off the register (its file stays in the folder); undoable."""
        row = self.selected_row() if row is None else row
        record = self.record
        if row is None or not 0 <= row < len(record.register):
            return False
        item = record.register[row]
        register = [i for i in record.register if i.id != item.id]
        return self.push(record.model_copy(update={"register": register}),
                         self.tr("Remove {id} from the register").format(id=item.id))

    def open_item(self, row: int | None = None) -> bool:
        """Open a document's attached file with the system's viewer."""
        row = self.selected_row() if row is None else row
        record = self.record
        if row is None or not 0 <= row < len(record.register) or self.document.path is None:
            return False
        item = record.register[row]
        if not item.file:
            return False
        path = attachment_path(self.document.path, item.file)
        if not path.is_file():
            self.statusMessage.emit(self.tr("{name} is missing from the attachments folder"
                                            ).format(name=item.file))
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _register_double_clicked(self, index) -> None:
        if RegisterModel.COLUMNS[index.column()] == "file":
            self.open_item(index.row())

    # --- recompute ----------------------------------------------------------------------
    def schedule(self) -> None:
        """Recompute the conformity table and the completeness list shortly.

        A hidden page only remembers that it is out of date and recomputes when it is shown
        (scoring a large BOM takes a noticeable time).
        """
        self._refresh.schedule()

    def _digest(self, path: Path) -> tuple[str, int]:
        """SHA-256 and size, kept while the file's size and modification time stay."""
        stat = path.stat()
        key = str(path)
        cached = self._hashes.get(key)
        if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            return cached[2], cached[3]
        sha256, size = file_sha256(path)
        self._hashes[key] = (stat.st_mtime_ns, stat.st_size, sha256, size)
        return sha256, size

    def recompute(self) -> None:
        """Evaluate the shown design against the profile and list what is missing, now."""
        self._refresh.started()
        project = self.document.project
        if project is None:
            self.conformity, self.gaps = None, []
            self._show_conformity(None, None)
            self._show_gaps()
            return
        design = self.document.design_name
        shown = self.tr("Baseline") if design == BASELINE else design
        product = self.document.product
        name = product.name_zh if ui_language() == "zh" and product.name_zh else product.name
        self.design_label.setText(self.tr("{product} \u2014 design {design}").format(
            product=name, design=shown))
        result = self.lca.result if self.lca is not None else None
        if result is not None and getattr(result, "variant", design) != design:
            result = None  # the result of another design is still being replaced
        profile = self.profile()
        gwp = None
        if self.lca is not None and self.lca.background is not None:
            from greendesign.cli_lca import material_gwp_lookup  # deferred: loads numpy

            gwp = material_gwp_lookup(self.lca.background)
        try:
            self.conformity = None
            if profile is not None:
                scores = design_scores(project, design, gwp, result)
                self.conformity = evaluate_conformity(profile, project.evidence, scores, result,
                                                      design=design, day=self.day)
            self.gaps = completeness(project.evidence, result=result,
                                     project_path=self.document.path, day=self.day,
                                     bundled=self._profiles, conformity=self.conformity,
                                     digest=self._digest)
        except GreenDesignError as exc:
            self.error_label.setText(self.tr("The evidence cannot be checked: {error}").format(
                error=error_summary(exc)))
            self.error_label.show()
            return
        self.error_label.hide()
        self._show_conformity(profile, self.conformity)
        self._show_gaps()
        self.updated.emit()

    # --- showing ------------------------------------------------------------------------
    def _show_conformity(self, profile: SpecificationProfile | None,
                         table: Conformity | None) -> None:
        self.spec_view.show(profile, table,
                            profile is not None and bool(self.record.specification))

    def _show_gaps(self) -> None:
        self.completeness_panel.show(self.gaps)

    def go_to(self, item: QListWidgetItem) -> None:
        """Show where a completeness item is fixed."""
        where = item.data(Qt.ItemDataRole.UserRole) or ""
        if where.startswith("applicant."):
            self.tabs.setCurrentIndex(0)
            edit = self.applicant_form.edits.get(where.split(".", 1)[1])
            if edit is not None:
                edit.setFocus()
        elif where == "certificates":
            self.tabs.setCurrentIndex(0)
            self.applicant_form.certificates.setFocus()
        elif where.startswith("register:"):
            self.tabs.setCurrentIndex(2)
            ids = [i.id for i in self.record.register]
            wanted = where.split(":", 1)[1]
            if wanted in ids:
                self.register_view.selectRow(ids.index(wanted))
        elif where.startswith(("indicator:", "requirement:", "specification")):
            self.tabs.setCurrentIndex(1)
            wanted = where.split(":", 1)[1] if ":" in where else ""
            for row in range(self.conformity_table.rowCount()):
                if self.conformity_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == wanted:
                    self.conformity_table.selectRow(row)
                    break
        elif where.startswith("part:") or where == "lca":
            self.statusMessage.emit(item.text())

    def open_export(self, export=None):
        """Open the export wizard (:class:`~ui.pages.evidence.export_dialog.ExportDialog`)."""
        if self.document.project is None:
            return None
        from ui.pages.evidence.export_dialog import ExportDialog  # deferred: report modules

        self.export_dialog = ExportDialog(self.document, self.lca, export, self)
        self.export_dialog.exported.connect(lambda result: self.statusMessage.emit(
            self.tr("Wrote the evidence pack {id}").format(id=result.report_id)))
        self.export_dialog.open()
        return self.export_dialog

    def set_read_only(self, read_only: bool) -> None:
        """Follow the window's read-only state (the document's flag is already set)."""
        self._show_record()

    def attachments_folder(self) -> Path | None:
        path = self.document.path
        return path.with_name(path.stem + ".evidence") if path else None
