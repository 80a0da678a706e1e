"""The user-database parts of the Inventory page (:class:`~ui.pages.inventory.inventory_browser.InventoryBrowser`).

- :func:`user_rows`: the datasets of every user database as rows of the list;
- :class:`UserDatabaseActions`: **Import database…** and **Remove database…**, the
  label of the job under way, and the import and removal jobs;
- :class:`UserDetails`: the exchanges and cradle-to-gate impacts of a user dataset
  (read and solved in the page's worker thread) and its detail HTML;
- :class:`EolBox`: **At end of life, treat as** under the detail of a user dataset per kg.

The page composes these; they reach back to it (``page``) for its shared state: the
worker thread, the prompts, the read-only and inventory-ready flags and its signals.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
)

from greendesign.errors import GreenDesignError
from greendesign.inventory.catalogue import Entry, load_bundled_catalogue
from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.inventory.user_databases import (
    UserDataset,
    datasets,
    eol_map,
    guess_eol_material,
    list_databases,
    set_eol_material,
    user_provenance,
)
from ui.errors import error_summary
from ui.i18n import _tr
from ui.pages.inventory.inventory_rows import USER_GROUP, DatasetRow, PedigreeNames
from ui.pages.inventory.user_db_dialog import ImportDatabaseDialog, percent
from ui.pages.inventory.user_db_jobs import (
    ExchangeRow,
    ImportJob,
    ImportRequest,
    exchanges_work,
    impacts_work,
    import_work,
    remove_work,
)
from ui.services.lca_service import LcaJob
from ui.services.material_names import refresh_catalogue, ui_language
from ui.widgets.formatting import format_number

if TYPE_CHECKING:
    from ui.pages.inventory.inventory_browser import InventoryBrowser

log = logging.getLogger("greendesign.ui")


def guessed_material(ds: UserDataset) -> str | None:
    """The bundled material code guessed from a user dataset's product or name, or None."""
    return guess_eol_material(ds)


def user_rows() -> list[DatasetRow]:
    """The datasets of every user database (from its registry; Brightway is not opened)."""
    pedigree = {db.name: tuple(db.pedigree) for db in list_databases()}
    return [DatasetRow(None, None, f"{USER_GROUP}:{ds.source}", ds,
                       pedigree.get(ds.source, ())) for ds in datasets()]


class UserDatabaseActions(QObject):
    """Import and remove user databases for ``page``: the buttons, the remove menu, the
    label of the job under way and the jobs (in ``page.jobs``)."""

    def __init__(self, page: InventoryBrowser) -> None:
        super().__init__(page)
        self.page = page
        self.busy_job: LcaJob | None = None  # the import or removal under way
        self.import_dialog: Any | None = None  # ImportDatabaseDialog while it is open
        self.import_job: ImportJob | None = None
        self.last_import: Any | None = None  # ImportResult of the last import
        self.import_button = QPushButton(self.tr("Import database\u2026"))
        self.import_button.setObjectName("importDatabase")
        self._import_tip = self.tr(
            "Import a user database: an EcoSpold 2 folder or zip (e.g. ecoinvent, openLCA "
            "exports), EcoSpold 1 files (e.g. a USLCI release), an openLCA JSON-LD export "
            "(e.g. the Federal LCA Commons), a SimaPro CSV export, an Excel workbook in the "
            "Brightway format, or a database of a Brightway project")
        self.import_button.setToolTip(self._import_tip)
        self.import_button.clicked.connect(lambda: self.open_import_dialog())
        self.remove_button = QPushButton(self.tr("Remove database\u2026"))
        self.remove_button.setObjectName("removeDatabase")
        self.remove_button.setToolTip(self.tr("Remove an imported user database"))
        self.remove_menu = QMenu(self.remove_button)
        self.remove_menu.aboutToShow.connect(self.fill_remove_menu)
        self.remove_button.setMenu(self.remove_menu)
        self.job_label = QLabel()
        self.job_label.setObjectName("userDatabaseJob")
        self.job_label.setStyleSheet("color: #555;")

    def open_import_dialog(self):
        """Show the import dialog (non-modal: the window stays usable); returns it."""
        if self.import_dialog is None:
            dialog = ImportDatabaseDialog(self.page)
            dialog.importRequested.connect(self._start_import)
            dialog.finished.connect(lambda _code, d=dialog: self._dialog_closed(d))
            self.import_dialog = dialog
        self.import_dialog.show()
        self.import_dialog.raise_()
        self.import_dialog.activateWindow()
        return self.import_dialog

    def _dialog_closed(self, dialog) -> None:
        if dialog is self.import_dialog:
            self.import_dialog = None
        dialog.deleteLater()

    def _start_import(self, request: ImportRequest) -> None:
        page = self.page
        dialog = self.sender() if self.sender() is not None else self.import_dialog
        if self.busy_job is not None:
            dialog.show_error(self.tr("A user database is being imported or removed; wait "
                                      "for it to finish."))
            return
        job = ImportJob("import", import_work(request))
        self.import_job = job
        page.importStarted.emit(job)
        if dialog is not None:
            dialog.start(job)  # first, so the dialog shows the outcome before it is announced
        job.progress.connect(lambda fraction, _message, j=job: self._job_progress(
            j, self.tr("Importing \u201c{name}\u201d\u2026 {percent} %").format(
                name=request.name, percent=int(fraction * 100))))
        job.finished.connect(lambda result, j=job: self._import_finished(j, result))
        job.failed.connect(lambda message, j=job: self._import_failed(j, message))
        job.cancelled.connect(lambda j=job: self._import_cancelled(j))
        self.set_busy(job, self.tr("Importing \u201c{name}\u201d\u2026").format(
            name=request.name))
        page.jobs.submit(job)

    def _job_progress(self, job: LcaJob, text: str) -> None:
        if job is self.busy_job:
            self.job_label.setText(text)

    def _import_finished(self, job: ImportJob, result) -> None:
        page = self.page
        self.set_busy(None)
        self.last_import = result
        page._ready = True  # an import needs the installed inventory
        db = result.database
        page._databases_changed()
        message = self.tr(
            "Imported the user database \u201c{name}\u201d: {datasets} datasets, {unlinked} "
            "exchanges not linked.").format(name=db.name, datasets=db.activities,
                                            unlinked=len(result.unlinked))
        report = getattr(result, "report", None)
        share = report.elementary_link_share if report is not None else None
        if share is not None:
            message += " " + self.tr("{share} of the elementary exchanges were linked.").format(
                share=percent(share, 1))
        page.statusMessage.emit(message)
        page.importFinished.emit(result)

    def _import_failed(self, job: ImportJob, message: str) -> None:
        self.set_busy(None)
        error = job.error if job.error is not None else RuntimeError(message)
        self.page.prompts.show_error(self.import_dialog or self.page, error,
                                     self.tr("Import database"))
        self.page.importFailed.emit(message)

    def _import_cancelled(self, job: ImportJob) -> None:
        self.set_busy(None)
        self.page.statusMessage.emit(self.tr("The import was cancelled; nothing was written."))
        self.page.importCancelled.emit()

    def fill_remove_menu(self) -> None:

        self.remove_menu.clear()
        for db in list_databases():
            action = self.remove_menu.addAction(self.tr(
                "{name} ({datasets} datasets)").format(name=db.name, datasets=db.activities))
            action.setData(db.name)
            action.triggered.connect(lambda _checked=False, n=db.name: self.remove_database(n))

    def remove_database(self, name: str) -> LcaJob | None:
        """Ask, then remove the user database ``name`` in the worker; returns the job."""
        page = self.page
        db = next((d for d in list_databases() if d.name == name), None)
        if db is None or page.read_only or self.busy_job is not None:
            return None
        if not page.prompts.confirm(
                page, self.tr("Remove database"),
                self.tr("Remove the user database \u201c{name}\u201d ({datasets} datasets)?")
                .format(name=name, datasets=db.activities),
                self.tr("Its datasets are deleted from the local inventory; the source "
                        "files are not touched. Parts that use them show no data until you "
                        "choose other datasets or import it again."),
                self.tr("Remove")):
            return None
        job = LcaJob("remove", remove_work(name))
        job.finished.connect(lambda _name, j=job: self._removed(j, name))
        job.failed.connect(lambda message, j=job: self._remove_failed(j, message))
        job.cancelled.connect(lambda j=job: self.set_busy(None))
        self.set_busy(job, self.tr("Removing \u201c{name}\u201d\u2026").format(name=name))
        return page.jobs.submit(job)

    def _removed(self, job: LcaJob, name: str) -> None:
        page = self.page
        self.set_busy(None)
        page._databases_changed()
        page.statusMessage.emit(self.tr("Removed the user database \u201c{name}\u201d.")
                                .format(name=name))
        page.databaseRemoved.emit(name)

    def _remove_failed(self, job: LcaJob, message: str) -> None:
        self.set_busy(None)
        error = job.error if job.error is not None else RuntimeError(message)
        self.page.prompts.show_error(self.page, error, self.tr("Remove database"))

    def set_busy(self, job: LcaJob | None, text: str = "") -> None:
        self.busy_job = job
        self.job_label.setText(text)
        self.update_buttons()

    def update_buttons(self) -> None:

        page = self.page
        # user databases are written into the local inventory: not before it is set up
        idle = self.busy_job is None and not page.read_only and page._ready
        self.import_button.setEnabled(idle)
        try:
            any_database = bool(list_databases())
        except GreenDesignError:
            any_database = False
        self.remove_button.setEnabled(idle and any_database)
        if page.read_only:
            tip = self.tr("This window is read-only: import user databases in the window "
                          "that edits.")
        elif not page._ready:
            tip = self.tr("Available once the local inventory is set up (status bar).")
        else:
            tip = self._import_tip
        self.import_button.setToolTip(tip)


class UserDetails(QObject):
    """The exchanges and cradle-to-gate impacts of the user datasets shown on ``page``:
    read and solved in ``page.jobs``, kept until a user database comes or goes."""

    def __init__(self, page: InventoryBrowser) -> None:
        super().__init__(page)
        self.page = page
        self.jobs: dict[tuple[str, str], LcaJob] = {}
        self.exchanges: dict[str, list[ExchangeRow]] = {}
        self.errors: dict[tuple[str, str], str] = {}
        self.background: Any | None = None  # matrices with user datasets solved

    def clear(self) -> None:
        """Forget what was read and solved (a user database came or went)."""
        self.exchanges.clear()
        self.errors.clear()
        self.background = None

    def background_for(self, ref: str) -> Any | None:
        for bg in (self.background, self.page.background):
            if bg is not None and ref in bg.column:
                return bg
        return None

    def request(self, ref: str) -> None:
        """Read the exchanges and solve the impacts of ``ref`` unless known or under way."""
        if not self.page._ready:
            return
        for key, job in list(self.jobs.items()):
            if key[1] != ref and not job.running:
                job.cancel()  # the user moved on before it started
        wanted = []
        if ref not in self.exchanges:
            wanted.append(("exchanges", exchanges_work(ref)))
        if self.background_for(ref) is None:
            wanted.append(("impacts", impacts_work(ref)))
        for kind, work in wanted:
            key = (kind, ref)
            if key in self.jobs or key in self.errors:
                continue
            job = LcaJob(kind, work)
            job.finished.connect(lambda value, k=key: self._loaded(k, value))
            job.failed.connect(lambda message, k=key: self._failed(k, message))
            job.cancelled.connect(lambda k=key: self.jobs.pop(k, None))
            self.jobs[key] = job
            self.page.jobs.submit(job)

    def _loaded(self, key: tuple[str, str], value: Any) -> None:
        self.jobs.pop(key, None)
        kind, ref = key
        if kind == "exchanges":
            self.exchanges[ref] = value[1]
        else:
            self.background = value[1]
        if self.page.selected_code() == ref:
            self.page._show_detail()
        self.page.userDetailsLoaded.emit(ref)

    def _failed(self, key: tuple[str, str], message: str) -> None:
        self.jobs.pop(key, None)
        log.warning("%s of %s not loaded: %s", key[0], key[1], message)
        self.errors[key] = message
        if self.page.selected_code() == key[1]:
            self.page._show_detail()
        self.page.userDetailsLoaded.emit(key[1])

    def detail_html(self, row: DatasetRow) -> str:
        """The detail of a user dataset: provenance, exchanges and impacts."""
        ds = row.user
        esc = html.escape
        ref = row.code
        parts = [f"<h3 style='margin-bottom:2px'>{esc(ds.name)}</h3>",
                 f"<p style='color:#555; margin-top:0'><code>{esc(ref)}</code>"
                 f" \u00b7 {esc(_tr('per {unit}').format(unit=ds.unit))}</p>",
                 "<p style='background:#e8f0fb; padding:4px; border:1px solid #9db7de'>"
                 + esc(self.tr("From the user database \u201c{name}\u201d, imported by you; "
                               "GreenDesign has not reviewed its data.").format(name=ds.source))
                 + "</p>"]
        provenance = user_provenance([ref]).get(ref, {})
        if row.pedigree:
            names = PedigreeNames().names()
            quality = "; ".join(f"{name} {score}" for name, score in zip(
                names, row.pedigree, strict=False))
        else:
            quality = self.tr("not rated: worst case in Monte Carlo")
        parts.append(f"<h4>{esc(_tr('Provenance'))}</h4><table cellspacing='0' "
                     "cellpadding='2'>")
        for caption, value in ((self.tr("Source"), provenance.get("source", "")),
                               (self.tr("Reference product"), ds.product),
                               (self.tr("Geography"), ds.location),
                               (self.tr("Pedigree (1 best, 5 worst)"), quality),
                               (self.tr("Database"), ds.database),
                               (self.tr("Code"), ds.code)):
            parts.append(f"<tr><td valign='top' style='color:#555; padding-right:8px'>"
                         f"{esc(caption)}</td><td>{esc(value)}</td></tr>")
        parts.append("</table>")

        parts.append(f"<h4>{esc(_tr('Exchanges per {unit}').format(unit=ds.unit))}</h4>")
        parts.append(self.exchanges_html(ref))
        parts.append(f"<h4>{esc(_tr('Cradle-to-gate impacts per {unit}').format(unit=ds.unit))}"
                     "</h4>")
        parts.append(self.page.details.impacts_html(ref, ds.unit, False, self.background_for(ref),
                                             user=True))
        return "".join(parts)

    def exchanges_html(self, ref: str) -> str:
        esc = html.escape
        rows = self.exchanges.get(ref)
        if rows is None:
            error = self.errors.get(("exchanges", ref))
            if error:
                text = self.tr("The exchanges cannot be read: {error}").format(error=error)
            elif not self.page._ready:
                text = self.tr("The exchanges appear when the local inventory is ready.")
            else:
                text = self.tr("Reading the exchanges from the local inventory\u2026")
            return f"<p style='color:#555'>{esc(text)}</p>"
        kinds = {"production": self.tr("output"), "technosphere": self.tr("input"),
                 "substitution": self.tr("substitution"),
                 "biosphere": self.tr("elementary flow")}
        out = ["<table cellspacing='0' cellpadding='2' width='100%'>"
               f"<tr style='background:#eef2ee'><th align='left'>{esc(_tr('Type'))}</th>"
               f"<th align='left'>{esc(_tr('Flow'))}</th>"
               f"<th align='right'>{esc(_tr('Amount'))}</th>"
               f"<th align='left'>{esc(_tr('Unit'))}</th>"
               f"<th align='left'>{esc(_tr('Location or compartment'))}</th></tr>"]
        for exc in rows:
            out.append(f"<tr><td style='color:#555'>{esc(kinds.get(exc.type, exc.type))}</td>"
                       f"<td title='{esc(exc.database)}'>{esc(exc.name)}</td>"
                       f"<td align='right'>{esc(format_number(exc.amount))}</td>"
                       f"<td>{esc(exc.unit)}</td><td>{esc(exc.where)}</td></tr>")
        out.append("</table>")
        if not rows:
            out.append(f"<p style='color:#555'>{esc(_tr('No exchanges.'))}</p>")
        return "".join(out)


class EolBox(QFrame):
    """The end-of-life choice of a user dataset per kg (hidden for other datasets).

    Signals
    -------
    changed(str, str)
        The choice of this user dataset was written (reference, status-bar message);
        the catalogue caches are refreshed already.
    failed(object)
        Writing the choice failed with this error; the box shows the stored choice again.
    """

    changed = Signal(str, str)
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.read_only = False
        self._row: DatasetRow | None = None  # the user dataset the choice is for
        self.setObjectName("eolBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        label = QLabel(self.tr("At end of life, treat as:"))
        self.combo = QComboBox()
        self.combo.setObjectName("eolMaterial")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(16)
        self.combo.setMaxVisibleItems(15)
        self.combo.lineEdit().setPlaceholderText(self.tr("Search materials"))
        self.combo.setToolTip(self.tr(
            "The bundled material whose end of life this dataset follows: the family "
            "that sets the recycling, energy-recovery and landfill shares of the region, "
            "and the carbon burnt at incineration. Type to search."))
        language = ui_language()
        self.combo.addItem("", "")  # the guess: named per dataset in show_row
        try:

            materials = load_bundled_catalogue().entries("material")
        except GreenDesignError as exc:
            log.warning("bundled materials not readable: %s", exc)
            materials = []
        for entry in materials:
            self.combo.addItem(f"{self._material_name(entry, language)} ({entry.code})",
                               entry.code)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.combo.setCompleter(completer)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.combo.lineEdit().editingFinished.connect(self._edit_finished)
        self.note = QLabel()
        self.note.setObjectName("eolFamily")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.hide()

    @staticmethod
    def _material_name(entry: Entry, language: str) -> str:
        return entry.name_zh if language == "zh" and entry.name_zh else entry.name_en

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.combo.setEnabled(not read_only)

    def choice(self) -> str | None:
        """The bundled material chosen in the combo; None for the guess."""
        return self.combo.currentData() or None

    def show_row(self, row: DatasetRow | None) -> None:
        """Show the end-of-life choice of ``row`` when it is a user dataset per kg."""
        if row is None or row.user is None or row.user.unit != "kg":
            self._row = None
            self.hide()
            return
        ref = row.code
        self._row = None  # no writing while the combo is set below
        try:
            code, guessed = eol_map().get(ref, ("", True))
            guess = guessed_material(row.user)
            entry = load_catalogue().get(ref, "material")
            family = entry.family or "other"
        except (GreenDesignError, LookupError) as exc:
            log.warning("end-of-life choice of %s not readable: %s", ref, exc)
            self.note.setText(self.tr("The end-of-life choice cannot be read: {error}")
                              .format(error=error_summary(exc)
                                      if isinstance(exc, GreenDesignError) else exc))
            self.combo.setEnabled(False)
            self.show()
            return
        if guess is not None:
            index = self.combo.findData(guess)
            guess_name = self.combo.itemText(index) if index > 0 else guess
        else:
            guess_name = self.tr("none: other")
        current = 0 if guessed else max(0, self.combo.findData(code))
        self.combo.blockSignals(True)
        self.combo.setItemText(0, self.tr("Guess from the name ({material})").format(
            material=guess_name))
        self.combo.setCurrentIndex(current)
        self.combo.setEditText(self.combo.itemText(current))
        self.combo.blockSignals(False)
        self.combo.setEnabled(not self.read_only)
        if guessed and code:
            note = self.tr("End-of-life family: {family}, guessed from its name.")
        elif guessed:
            note = self.tr("End-of-life family: {family}; no bundled material was "
                           "recognised in its name.")
        else:
            note = self.tr("End-of-life family: {family}.")
        self.note.setText(note.format(family=family))
        self.show()
        self._row = row

    def _chosen(self, index: int) -> None:

        row = self._row
        if row is None or self.read_only or index < 0:
            return
        ref = row.code
        material = self.combo.itemData(index) or None
        try:
            set_eol_material(ref, material)
        except GreenDesignError as exc:
            self.failed.emit(exc)
            self.show_row(row)
            return
        refresh_catalogue()
        self.show_row(row)
        if material is None:
            message = self.tr("\u201c{name}\u201d ends its life as guessed from its name.")
        else:
            message = self.tr("\u201c{name}\u201d ends its life as {material}.")
        self.changed.emit(ref, message.format(name=row.user.name,
                                              material=self.combo.currentText()))

    def _edit_finished(self) -> None:
        """Typed text that names no material: show the current choice again."""
        index = self.combo.currentIndex()
        if index >= 0 and self.combo.currentText() != self.combo.itemText(index):
            self.combo.setEditText(self.combo.itemText(index))
