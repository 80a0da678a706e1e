"""The Inventory page: search the datasets and read where their numbers come from.

The list and the provenance come from the bundled files alone
(:func:`~greendesign.inventory.catalogue.load_catalogue`,
:func:`~greendesign.inventory.datasets.load_datasets`), so they show before
the local inventory is installed. The cradle-to-gate impacts need the
installed inventory: :meth:`InventoryBrowser.inventory_ready` loads the
precomputed intensities (:func:`~greendesign.lca.background.load_background`)
in a background thread and shows them once they are there.

User databases (:mod:`greendesign.inventory.user_databases`) are imported
with **Import database…** (:class:`~ui.pages.inventory.user_db_dialog.ImportDatabaseDialog`)
and removed with **Remove database…**; their datasets join the list with
their database as source. The work runs in the page's own worker thread
(:class:`~ui.services.lca_service.JobThread`): imports, removals, and for a user
dataset its exchanges (read from Brightway) and its cradle-to-gate impacts
(the dataset solved into the fast-path matrices). After an import or a
removal the page emits :attr:`InventoryBrowser.databasesChanged`, on which
the window refreshes the BOM editor's pickers and the live results.

Under the detail of a user dataset per kg, **At end of life, treat as** picks the
bundled material whose end of life it follows (family, carbon burnt), or leaves it
to the guess from its name
(:func:`~greendesign.inventory.user_databases.set_eol_material`); the page then
emits :attr:`InventoryBrowser.eolChanged`, on which the window assesses the design
again (the matrices do not change).

The rows and their table model live in :mod:`ui.pages.inventory.inventory_rows`; the user-database
parts (the import and removal actions, the details of a user dataset, the end-of-life
box) in :mod:`ui.pages.inventory.inventory_user`. The page composes them.
"""

from __future__ import annotations

import contextlib
import html
import logging
import threading
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import GreenDesignError
from greendesign.inventory.datasets import load_datasets
from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.inventory.user_databases import list_databases
from ui.errors import error_summary
from ui.pages.inventory.dataset_details import DatasetDetails
from ui.pages.inventory.inventory_rows import (  # noqa: F401 - re-exported: imported from this module
    BUNDLED_SOURCE,
    ELECTRICITY_PREFIX,
    GROUPS,
    USER_GROUP,
    DatasetRow,
    DatasetTableModel,
    PedigreeNames,
    catalogue_entry,
    dataset_rows,
    search_rows,
)
from ui.pages.inventory.inventory_user import (  # noqa: F401 - guessed_material re-exported
    EolBox,
    UserDatabaseActions,
    UserDetails,
    guessed_material,
    user_rows,
)
from ui.pages.inventory.user_db_jobs import import_thread
from ui.prompts import UserPrompts
from ui.services.lca_service import LcaJob
from ui.services.material_names import refresh_catalogue
from ui.widgets.page_parts import page_title

log = logging.getLogger("greendesign.ui")

SEARCH_DELAY_MS = 150
CODE_CHARS = 30
"""The code column is at most this many characters wide; longer codes are elided."""


class _BackgroundRelay(QObject):
    """Carries the result of the loading thread into the GUI thread."""

    loaded = Signal(object)
    failed = Signal(object)


class InventoryBrowser(QWidget):
    """Search the inventory datasets and read their provenance, recipe and impacts;
    import and remove user databases.

    Signals
    -------
    backgroundLoaded
        The cradle-to-gate intensities are loaded (after :meth:`inventory_ready`).
    databasesChanged
        A user database was imported or removed (the list shows it already).
    importStarted(object)
        An import job (:class:`~ui.pages.inventory.user_db_jobs.ImportJob`) is about to run.
    importFinished(object)
        An import ended with this :class:`~greendesign.inventory.user_databases.ImportResult`.
    importFailed(str)
        An import failed (message and hint); the error dialog was shown.
    importCancelled
        An import was cancelled; nothing was written.
    databaseRemoved(str)
        This user database was removed.
    userDetailsLoaded(str)
        The exchanges or the impacts of this user dataset arrived.
    eolChanged(str)
        The bundled material this user dataset is treated as at end of life changed
        (the catalogue caches are refreshed already).
    statusMessage(str)
        A line for the window's status bar.
    """

    backgroundLoaded = Signal()
    databasesChanged = Signal()
    importStarted = Signal(object)
    importFinished = Signal(object)
    importFailed = Signal(str)
    importCancelled = Signal()
    databaseRemoved = Signal(str)
    userDetailsLoaded = Signal(str)
    eolChanged = Signal(str)
    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inventoryBrowser")
        self.background: Any | None = None
        self.details = DatasetDetails(self)
        self.prompts: UserPrompts = UserPrompts()
        self.read_only = False
        self._loading = False
        self._load_error: str | None = None
        self._ready = False  # the local inventory is installed (user-dataset details)
        self._relay = _BackgroundRelay(self)
        self._relay.loaded.connect(self._background_loaded)
        self._relay.failed.connect(self._background_failed)
        self.jobs = import_thread(self)
        self.user_actions = UserDatabaseActions(self)
        self.user_details = UserDetails(self)
        self._build()
        self.all_rows: list[DatasetRow] = []
        self._load_rows()
        self._update_buttons()
        self.refresh()

    # --- construction ------------------------------------------------------------------
    def _build(self) -> None:
        title = page_title(self.tr("Inventory"))
        actions = self.user_actions
        self.import_button = actions.import_button
        self.remove_button = actions.remove_button
        self.remove_menu = actions.remove_menu
        self.job_label = actions.job_label
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.job_label, 1, Qt.AlignmentFlag.AlignRight)
        top.addWidget(self.import_button)
        top.addWidget(self.remove_button)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("inventorySearch")
        self.search_edit.setPlaceholderText(self.tr(
            "Search code, English or Chinese name, alias (e.g. SUS304, \u4e0d\u9508\u94a2)"))
        self.search_edit.setClearButtonEnabled(True)
        self.group_combo = QComboBox()
        self.ghg_only_check = QCheckBox(self.tr("GHG-only data only"))
        self.ghg_only_check.setToolTip(self.tr(
            "Datasets that rest only on greenhouse-gas factors: other categories are blank"))
        self.proxy_check = QCheckBox(self.tr("Proxies only"))
        self.proxy_check.setToolTip(self.tr("Datasets where other data stands in"))
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(QLabel(self.tr("Group:")))
        filters.addWidget(self.group_combo)
        filters.addWidget(self.ghg_only_check)
        filters.addWidget(self.proxy_check)
        filters.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignRight)

        self.model = DatasetTableModel(self)
        self.proxy_model = QSortFilterProxyModel(self)
        self.proxy_model.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("datasetTable")
        self.table.setModel(self.proxy_model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # search rank order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        for column in range(len(DatasetTableModel.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # user databases have long codes (ecoinvent's are 32 hex digits): sized in refresh()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = QTextBrowser()
        self.detail.setObjectName("datasetDetail")
        self.detail.setOpenLinks(False)
        self.eol_box = EolBox()
        self.eol_box.changed.connect(self._eol_changed)
        self.eol_box.failed.connect(self._eol_failed)
        self.eol_combo = self.eol_box.combo
        self.eol_note = self.eol_box.note
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.setSpacing(6)
        panel_layout.addWidget(self.detail, 1)
        panel_layout.addWidget(self.eol_box)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 520])

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.refresh)
        self.group_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.ghg_only_check.toggled.connect(lambda _on: self.refresh())
        self.proxy_check.toggled.connect(lambda _on: self.refresh())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self._fill_groups()

    def _fill_groups(self) -> None:
        """The group filter: the bundled groups, then the user databases."""
        current = self.group_combo.currentData()
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        self.group_combo.addItem(self.tr("All groups"), "")
        for group, label in zip(GROUPS, (self.tr("Materials"), self.tr("Processes"),
                                         self.tr("Transport"), self.tr("End of life"),
                                         self.tr("Electricity")), strict=True):
            self.group_combo.addItem(label, group)
        try:
            databases = list_databases()
        except GreenDesignError as exc:
            log.warning("user databases not readable: %s", exc)
            databases = []
        if databases:
            self.group_combo.addItem(self.tr("User databases"), USER_GROUP)
            for db in databases:
                self.group_combo.addItem(self.tr("User database: {name}").format(name=db.name),
                                         f"{USER_GROUP}:{db.name}")
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(current)))
        self.group_combo.blockSignals(False)
        self.remove_button.setEnabled(bool(databases) and not self.read_only
                                      and not self.busy() and self._ready)
        # the Source column tells bundled from user datasets: shown once there are both
        self.table.setColumnHidden(DatasetTableModel.COLUMNS.index("source"), not databases)

    def _load_rows(self) -> None:
        try:
            self.all_rows = dataset_rows(load_catalogue(), load_datasets())
        except GreenDesignError as exc:
            log.warning("inventory datasets not readable: %s", exc)
            self.all_rows = []
            self.detail.setPlainText(self.tr("The bundled inventory cannot be read: {error}")
                                     .format(error=error_summary(exc)))
        try:
            self.all_rows += user_rows()
        except GreenDesignError as exc:
            log.warning("user databases not readable: %s", exc)
            self.statusMessage.emit(error_summary(exc))

    # --- public API --------------------------------------------------------------------
    def inventory_ready(self) -> None:
        """The local inventory is installed: load the impacts (in a background thread)."""
        self._ready = True
        self._update_buttons()
        if self._loading or self.background is not None:
            return
        self._loading = True
        self._show_detail()
        relay = self._relay

        def load() -> None:
            from greendesign.lca.background import load_background  # deferred: loads numpy

            try:
                result = load_background()
            except Exception as exc:  # noqa: BLE001 - shown on the page, logged
                with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
                    relay.failed.emit(exc)
                return
            with contextlib.suppress(RuntimeError):
                relay.loaded.emit(result)

        threading.Thread(target=load, name="inventory-impacts", daemon=True).start()

    def set_background(self, background: Any) -> None:
        """Use already loaded intensities (:class:`~greendesign.lca.background.Background`)."""
        self._ready = True
        self._update_buttons()
        self._background_loaded(background)

    def refresh(self) -> None:
        """Apply the search text and the filters to the list."""
        self._search_timer.stop()
        rows = search_rows(self.all_rows, self.search_edit.text())
        group = self.group_combo.currentData()
        if group == USER_GROUP:
            rows = [r for r in rows if r.user is not None]
        elif group:
            rows = [r for r in rows if r.group == group]
        if self.ghg_only_check.isChecked():
            rows = [r for r in rows if r.ghg_only]
        if self.proxy_check.isChecked():
            rows = [r for r in rows if r.proxy]
        current = self.selected_code()
        self.model.set_rows(rows)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0),
                                         self.fontMetrics().horizontalAdvance("x" * CODE_CHARS)))
        self.count_label.setText(self.tr("{shown} of {total} datasets").format(
            shown=len(rows), total=len(self.all_rows)))
        if current is not None and not self.select(current) or current is None:
            self._show_detail()

    def codes(self) -> list[str]:
        """The dataset codes listed, in the order shown."""
        return [self.proxy_model.index(r, 0).data(Qt.ItemDataRole.UserRole)
                for r in range(self.proxy_model.rowCount())]

    def select(self, code: str) -> bool:
        """Select a listed dataset by code; False when it is not in the list."""
        for row in range(self.proxy_model.rowCount()):
            index = self.proxy_model.index(row, 0)
            if index.data(Qt.ItemDataRole.UserRole) == code:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def set_read_only(self, read_only: bool) -> None:
        """In a read-only window user databases can be browsed but not imported or removed."""
        self.read_only = read_only
        self._update_buttons()
        self.eol_box.set_read_only(read_only)

    def busy(self) -> bool:
        """Whether a user database is being imported or removed."""
        return self.user_actions.busy_job is not None

    def stop(self) -> None:
        """Cancel the user-database work and end its thread (on close)."""
        self.jobs.stop()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override; the page alone, in tests)
        self.stop()
        super().closeEvent(event)

    # --- user databases: import and removal (UserDatabaseActions) -------------------------
    @property
    def import_dialog(self) -> Any | None:
        """The ImportDatabaseDialog while it is open."""
        return self.user_actions.import_dialog

    @property
    def import_job(self) -> LcaJob | None:
        return self.user_actions.import_job

    @property
    def last_import(self) -> Any | None:
        """The ImportResult of the last import."""
        return self.user_actions.last_import

    def open_import_dialog(self):
        """Show the import dialog (non-modal: the window stays usable); returns it."""
        return self.user_actions.open_import_dialog()

    def remove_database(self, name: str) -> LcaJob | None:
        """Ask, then remove the user database ``name`` in the worker; returns the job."""
        return self.user_actions.remove_database(name)

    def _fill_remove_menu(self) -> None:
        self.user_actions.fill_remove_menu()

    def _set_busy(self, job: LcaJob | None, text: str = "") -> None:
        self.user_actions.set_busy(job, text)

    def _update_buttons(self) -> None:
        self.user_actions.update_buttons()

    def _databases_changed(self) -> None:
        """A user database came or went: list, pickers and cached details follow."""
        refresh_catalogue()
        self.user_details.clear()
        self._fill_groups()
        self._load_rows()
        self._update_buttons()
        self.refresh()
        self.databasesChanged.emit()

    # --- background ----------------------------------------------------------------------
    def _background_loaded(self, background: Any) -> None:
        self._loading = False
        self.background = background
        self._show_detail()
        self.backgroundLoaded.emit()

    def _background_failed(self, exc: BaseException) -> None:
        self._loading = False
        log.warning("inventory impacts not available: %s", exc)
        self._load_error = error_summary(exc)
        self._show_detail()

    # --- detail panel --------------------------------------------------------------------
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_detail()

    def _row(self, code: str) -> DatasetRow | None:
        return next((r for r in self.all_rows if r.code == code), None)

    def _show_detail(self) -> None:
        code = self.selected_code()
        row = self._row(code) if code else None
        self.eol_box.show_row(row)
        if row is None:
            self.details.impacts = []
            self.detail.setHtml("<p style='color:#555'>" + html.escape(self.tr(
                "Select a dataset to see its source, quality, recipe and impacts.")) + "</p>")
            return
        if row.user is not None:
            self.user_details.request(row.code)
            self.detail.setHtml(self.user_details.detail_html(row))
            return
        self.detail.setHtml(self.details.bundled_html(row))

    # --- end of life of a user material (EolBox) -------------------------------------------
    def eol_choice(self) -> str | None:
        """The bundled material chosen in the end-of-life combo; None for the guess."""
        return self.eol_box.choice()

    def _eol_changed(self, ref: str, message: str) -> None:
        self.statusMessage.emit(message)
        self.eolChanged.emit(ref)

    def _eol_failed(self, exc: GreenDesignError) -> None:
        self.prompts.show_error(self, exc, self.tr("At end of life, treat as"))

    def impact(self, method: tuple[str, ...]) -> tuple[float | None, str] | None:
        """The shown dataset's value and unit for ``method``, or None when not shown."""
        for shown, value, unit in self.details.impacts:
            if shown == tuple(method):
                return value, unit
        return None
