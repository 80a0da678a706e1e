"""The Inventory page: search the datasets and read where their numbers come from.

The list and the provenance come from the bundled files alone
(:func:`~greendesign.inventory.catalogue.load_catalogue`,
:func:`~greendesign.inventory.datasets.load_datasets`), so they show before
the local inventory is installed. The cradle-to-gate impacts need the
installed inventory: :meth:`InventoryBrowser.inventory_ready` loads the
precomputed intensities (:func:`~greendesign.lca.background.load_background`)
in a background thread and shows them once they are there.

User databases (:mod:`greendesign.inventory.user_databases`) are imported
with **Import database…** (:class:`~ui.user_db_dialog.ImportDatabaseDialog`)
and removed with **Remove database…**; their datasets join the list with
their database as source. The work runs in the page's own worker thread
(:class:`~ui.lca_service.JobThread`): imports, removals, and for a user
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
"""

from __future__ import annotations

import contextlib
import html
import logging
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import GreenDesignError
from greendesign.inventory.catalogue import Catalogue, Entry, load_catalogue, normalise
from greendesign.inventory.datasets import FACTORY_ELECTRICITY, Dataset, load_datasets, load_uslci
from greendesign.inventory.user_databases import UserDataset
from ui.errors import error_summary
from ui.formatting import format_number
from ui.i18n import _tr
from ui.lca_service import LcaJob
from ui.material_names import refresh_catalogue, ui_language
from ui.prompts import UserPrompts
from ui.table_models import ListTableModel
from ui.user_db_jobs import (
    ExchangeRow,
    ImportJob,
    ImportRequest,
    exchanges_work,
    impacts_work,
    import_thread,
    import_work,
    remove_work,
)

log = logging.getLogger("greendesign.ui")

_Index = QModelIndex | QPersistentModelIndex

GROUPS = ("material", "process", "transport", "end_of_life", "electricity")
_KIND_GROUP = {"material": "material", "process": "process", "transport": "transport",
               "landfill": "end_of_life", "incineration": "end_of_life",
               "pretreatment": "end_of_life", "recycling": "end_of_life",
               "credit": "end_of_life", "grid": "electricity", "renewable": "electricity"}
ELECTRICITY_PREFIX = "electricity_"
SEARCH_DELAY_MS = 150
CODE_CHARS = 30
"""The code column is at most this many characters wide; longer codes are elided."""
USER_GROUP = "user"
"""The group of every user-database dataset; ``user:<database>`` is one database's."""
BUNDLED_SOURCE = "GreenDesign"
"""What the Source column says for the bundled datasets."""


@dataclass(frozen=True)
class DatasetRow:
    """One dataset of the list: a bundled dataset with its catalogue entry and group, or a
    dataset of a user database (:attr:`user`, with the database's pedigree)."""

    dataset: Dataset | None
    entry: Entry | None
    group: str
    user: UserDataset | None = None
    user_pedigree: tuple[int, ...] = ()

    @property
    def code(self) -> str:
        """The reference a part stores: the bundled code, or ``user:<database>|<code>``."""
        return self.user.ref if self.user is not None else self.dataset.code

    @property
    def sort_key(self) -> tuple[int, str, str]:
        """Bundled datasets by code, then user datasets by name and location."""
        if self.user is not None:
            return (1, self.user.name.casefold(), self.user.location.casefold())
        return (0, self.code.casefold(), "")

    @property
    def shown_code(self) -> str:
        return self.user.code if self.user is not None else self.dataset.code

    def name(self, language: str) -> str:
        if self.user is not None:
            return self.user.name
        if self.entry is None:
            return self.code
        if language == "zh" and self.entry.name_zh:
            return self.entry.name_zh
        return self.entry.name_en

    @property
    def labels(self) -> tuple[str, ...]:
        if self.user is not None:
            u = self.user
            return (u.ref, u.code, u.name, u.product, u.location, u.source)
        return (self.code, *(self.entry.labels() if self.entry else ()))

    @property
    def unit(self) -> str:
        return self.user.unit if self.user is not None else self.dataset.unit

    @property
    def geography(self) -> str:
        return self.user.location if self.user is not None else self.dataset.geography

    @property
    def year(self) -> str:
        return "" if self.user is not None else self.dataset.year

    @property
    def pedigree(self) -> tuple[int, ...]:
        return self.user_pedigree if self.user is not None else tuple(self.dataset.pedigree)

    @property
    def ghg_only(self) -> bool:
        return self.user is None and self.dataset.ghg_only

    @property
    def ghg_only_sources(self) -> tuple[str, ...]:
        return () if self.user is not None else self.dataset.ghg_only_sources

    @property
    def proxy(self) -> str:
        return "" if self.user is not None else self.dataset.proxy

    @property
    def source(self) -> str:
        """The user database the dataset comes from; empty for a bundled one."""
        return self.user.source if self.user is not None else ""


def catalogue_entry(catalogue: Catalogue, code: str) -> Entry | None:
    """The catalogue entry a dataset code stands for (``electricity_CN`` -> grid ``CN``)."""
    if code.startswith(ELECTRICITY_PREFIX):
        location = code[len(ELECTRICITY_PREFIX):]
        for kind in ("grid", "renewable"):
            if catalogue.has(location, kind):
                return catalogue.get(location, kind)
        return None
    for group in ("material", "process", "treatment"):
        if catalogue.has(code, group):
            return catalogue.get(code, group)
    return None


def dataset_rows(catalogue: Catalogue, datasets: dict[str, Dataset]) -> list[DatasetRow]:
    """Every dataset with its catalogue entry and group, sorted by code."""
    rows = []
    for code in sorted(datasets, key=str.casefold):
        entry = catalogue_entry(catalogue, code)
        if entry is not None:
            group = _KIND_GROUP.get(entry.kind, "")
        elif code.startswith(ELECTRICITY_PREFIX):
            group = "electricity"
        else:  # elementary-flow datasets the end-of-life model adds (CO2 of burning)
            group = "end_of_life" if code.startswith("emission_") else ""
        rows.append(DatasetRow(datasets[code], entry, group))
    return rows


def search_rows(rows: list[DatasetRow], text: str) -> list[DatasetRow]:
    """Rows whose code, English or Chinese name or an alias contains ``text``.

    Matching as :meth:`Catalogue.search` (NFKC, case-folded); exact matches
    first, then prefixes, then other substrings, each by code (user datasets after
    the bundled ones, by name).
    """
    query = normalise(text)
    if not query:
        return list(rows)
    ranked = []
    for row in rows:
        keys = [normalise(k) for k in row.labels if k]
        if query in keys:
            rank = 0
        elif any(k.startswith(query) for k in keys):
            rank = 1
        elif any(query in k for k in keys):
            rank = 2
        else:
            continue
        ranked.append((rank, row.sort_key, row))
    ranked.sort(key=lambda item: item[:2])
    return [item[2] for item in ranked]


def guessed_material(ds: UserDataset) -> str | None:
    """The bundled material code guessed from a user dataset's product or name, or None."""
    from greendesign.inventory.user_databases import guess_eol_material

    return guess_eol_material(ds)


def user_rows() -> list[DatasetRow]:
    """The datasets of every user database (from its registry; Brightway is not opened)."""
    from greendesign.inventory.user_databases import datasets, list_databases

    pedigree = {db.name: tuple(db.pedigree) for db in list_databases()}
    return [DatasetRow(None, None, f"{USER_GROUP}:{ds.source}", ds,
                       pedigree.get(ds.source, ())) for ds in datasets()]


class DatasetTableModel(ListTableModel):
    """The datasets found: code, name, unit, geography, year, quality, flags, source."""

    COLUMNS = ("code", "name", "unit", "geography", "year", "quality", "ghg_only", "proxy",
               "source")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((self.tr("Code"), self.tr("Name"), self.tr("Unit"),
                          self.tr("Geography"), self.tr("Year"), self.tr("Pedigree"),
                          self.tr("GHG-only"), self.tr("Proxy"), self.tr("Source")), parent)
        self.language = ui_language()

    @property
    def rows(self) -> list[DatasetRow]:
        return self.items

    def set_rows(self, rows: list[DatasetRow]) -> None:
        self.set_items(rows)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and self.COLUMNS[section] == "quality":
            return PedigreeNames().tooltip()
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "code":
                return row.code if role == Qt.ItemDataRole.ToolTipRole else row.shown_code
            if column == "name":
                if role == Qt.ItemDataRole.ToolTipRole and row.user is not None \
                        and row.user.product:
                    return self.tr("{name}; reference product: {product}").format(
                        name=row.user.name, product=row.user.product)
                return row.name(self.language)
            if column == "unit":
                return row.unit
            if column == "geography":
                return row.geography
            if column == "year":
                return row.year
            if column == "quality":
                if row.user is not None and not row.pedigree:
                    return self.tr("not rated")
                return " ".join(str(p) for p in row.pedigree)
            if column == "ghg_only":
                if role == Qt.ItemDataRole.ToolTipRole:
                    return ", ".join(row.ghg_only_sources)
                return self.tr("GHG-only") if row.ghg_only else (
                    self.tr("partly") if row.ghg_only_sources else "")
            if column == "proxy":
                if role == Qt.ItemDataRole.ToolTipRole:
                    return row.proxy
                return self.tr("proxy") if row.proxy else ""
            if column == "source":
                if row.user is None:
                    return BUNDLED_SOURCE if role == Qt.ItemDataRole.DisplayRole else \
                        self.tr("The inventory bundled with GreenDesign")
                return row.source if role == Qt.ItemDataRole.DisplayRole else \
                    self.tr("User database {name}").format(name=row.source)
        if role == Qt.ItemDataRole.UserRole:
            return row.code
        return None


class PedigreeNames(QObject):
    """The five indicators of the Weidema pedigree matrix, translated."""

    def names(self) -> tuple[str, ...]:
        return (self.tr("reliability"), self.tr("completeness"), self.tr("temporal correlation"),
                self.tr("geographical correlation"), self.tr("further technological correlation"))

    def tooltip(self) -> str:
        return self.tr("Pedigree scores, 1 best to 5 worst: {names}").format(
            names=", ".join(self.names()))


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
        An import job (:class:`~ui.user_db_jobs.ImportJob`) is about to run.
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
        self.impacts: list[tuple[tuple[str, ...], float | None, str]] = []
        self.prompts: UserPrompts = UserPrompts()
        self.read_only = False
        self.import_dialog: Any | None = None  # ImportDatabaseDialog while it is open
        self.import_job: ImportJob | None = None
        self.last_import: Any | None = None  # ImportResult of the last import
        self._loading = False
        self._load_error: str | None = None
        self._ready = False  # the local inventory is installed (user-dataset details)
        self._relay = _BackgroundRelay(self)
        self._relay.loaded.connect(self._background_loaded)
        self._relay.failed.connect(self._background_failed)
        self.jobs = import_thread(self)
        self._busy_job: LcaJob | None = None  # the import or removal under way
        self._detail_jobs: dict[tuple[str, str], LcaJob] = {}
        self._exchanges: dict[str, list[ExchangeRow]] = {}
        self._detail_errors: dict[tuple[str, str], str] = {}
        self._user_background: Any | None = None  # matrices with user datasets solved
        self._eol_ref: str | None = None  # the user dataset the end-of-life choice is for
        self._build()
        self.all_rows: list[DatasetRow] = []
        self._load_rows()
        self._update_buttons()
        self.refresh()

    # --- construction ------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Inventory"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        title.setFont(font)
        self.import_button = QPushButton(self.tr("Import database\u2026"))
        self.import_button.setObjectName("importDatabase")
        self._import_tip = self.tr(
            "Import a user database: an EcoSpold 2 folder (e.g. ecoinvent), EcoSpold 1 files "
            "(e.g. a USLCI release), an Excel workbook in the Brightway format, or a database "
            "of a Brightway project")
        self.import_button.setToolTip(self._import_tip)
        self.import_button.clicked.connect(lambda: self.open_import_dialog())
        self.remove_button = QPushButton(self.tr("Remove database\u2026"))
        self.remove_button.setObjectName("removeDatabase")
        self.remove_button.setToolTip(self.tr("Remove an imported user database"))
        self.remove_menu = QMenu(self.remove_button)
        self.remove_menu.aboutToShow.connect(self._fill_remove_menu)
        self.remove_button.setMenu(self.remove_menu)
        self.job_label = QLabel()
        self.job_label.setObjectName("userDatabaseJob")
        self.job_label.setStyleSheet("color: #555;")
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
        self.eol_box = self._build_eol_box()
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

    def _build_eol_box(self) -> QFrame:
        """The end-of-life choice of a user dataset per kg (hidden for other datasets)."""
        box = QFrame()
        box.setObjectName("eolBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        label = QLabel(self.tr("At end of life, treat as:"))
        self.eol_combo = QComboBox()
        self.eol_combo.setObjectName("eolMaterial")
        self.eol_combo.setEditable(True)
        self.eol_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.eol_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.eol_combo.setMinimumContentsLength(16)
        self.eol_combo.setMaxVisibleItems(15)
        self.eol_combo.lineEdit().setPlaceholderText(self.tr("Search materials"))
        self.eol_combo.setToolTip(self.tr(
            "The bundled material whose end of life this dataset follows: the family "
            "that sets the recycling, energy-recovery and landfill shares of the region, "
            "and the carbon burnt at incineration. Type to search."))
        language = ui_language()
        self.eol_combo.addItem("", "")  # the guess: named per dataset in _show_eol
        try:
            from greendesign.inventory.catalogue import load_bundled_catalogue

            materials = load_bundled_catalogue().entries("material")
        except GreenDesignError as exc:
            log.warning("bundled materials not readable: %s", exc)
            materials = []
        for entry in materials:
            self.eol_combo.addItem(f"{self._material_name(entry, language)} ({entry.code})",
                                   entry.code)
        completer = QCompleter(self.eol_combo.model(), self.eol_combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.eol_combo.setCompleter(completer)
        self.eol_combo.currentIndexChanged.connect(self._eol_chosen)
        self.eol_combo.lineEdit().editingFinished.connect(self._eol_edit_finished)
        self.eol_note = QLabel()
        self.eol_note.setObjectName("eolFamily")
        self.eol_note.setWordWrap(True)
        self.eol_note.setStyleSheet("color: #555;")
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.eol_combo, 1)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.eol_note)
        box.hide()
        return box

    @staticmethod
    def _material_name(entry: Entry, language: str) -> str:
        return entry.name_zh if language == "zh" and entry.name_zh else entry.name_en

    def _fill_groups(self) -> None:
        """The group filter: the bundled groups, then the user databases."""
        from greendesign.inventory.user_databases import list_databases

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
                                      and self._busy_job is None and self._ready)
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
            from greendesign.lca.background import load_background

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
        self.eol_combo.setEnabled(not read_only)

    def busy(self) -> bool:
        """Whether a user database is being imported or removed."""
        return self._busy_job is not None

    def stop(self) -> None:
        """Cancel the user-database work and end its thread (on close)."""
        self.jobs.stop()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override; the page alone, in tests)
        self.stop()
        super().closeEvent(event)

    # --- user databases: import and removal ----------------------------------------------
    def open_import_dialog(self):
        """Show the import dialog (non-modal: the window stays usable); returns it."""
        from ui.user_db_dialog import ImportDatabaseDialog

        if self.import_dialog is None:
            dialog = ImportDatabaseDialog(self)
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
        dialog = self.sender() if self.sender() is not None else self.import_dialog
        if self._busy_job is not None:
            dialog.show_error(self.tr("A user database is being imported or removed; wait "
                                      "for it to finish."))
            return
        job = ImportJob("import", import_work(request))
        self.import_job = job
        self.importStarted.emit(job)
        if dialog is not None:
            dialog.start(job)  # first, so the dialog shows the outcome before it is announced
        job.progress.connect(lambda fraction, _message, j=job: self._job_progress(
            j, self.tr("Importing \u201c{name}\u201d\u2026 {percent} %").format(
                name=request.name, percent=int(fraction * 100))))
        job.finished.connect(lambda result, j=job: self._import_finished(j, result))
        job.failed.connect(lambda message, j=job: self._import_failed(j, message))
        job.cancelled.connect(lambda j=job: self._import_cancelled(j))
        self._set_busy(job, self.tr("Importing \u201c{name}\u201d\u2026").format(
            name=request.name))
        self.jobs.submit(job)

    def _job_progress(self, job: LcaJob, text: str) -> None:
        if job is self._busy_job:
            self.job_label.setText(text)

    def _import_finished(self, job: ImportJob, result) -> None:
        self._set_busy(None)
        self.last_import = result
        self._ready = True  # an import needs the installed inventory
        db = result.database
        self._databases_changed()
        self.statusMessage.emit(self.tr(
            "Imported the user database \u201c{name}\u201d: {datasets} datasets, {unlinked} "
            "exchanges not linked.").format(name=db.name, datasets=db.activities,
                                            unlinked=len(result.unlinked)))
        self.importFinished.emit(result)

    def _import_failed(self, job: ImportJob, message: str) -> None:
        self._set_busy(None)
        error = job.error if job.error is not None else RuntimeError(message)
        self.prompts.show_error(self.import_dialog or self, error,
                                self.tr("Import database"))
        self.importFailed.emit(message)

    def _import_cancelled(self, job: ImportJob) -> None:
        self._set_busy(None)
        self.statusMessage.emit(self.tr("The import was cancelled; nothing was written."))
        self.importCancelled.emit()

    def _fill_remove_menu(self) -> None:
        from greendesign.inventory.user_databases import list_databases

        self.remove_menu.clear()
        for db in list_databases():
            action = self.remove_menu.addAction(self.tr(
                "{name} ({datasets} datasets)").format(name=db.name, datasets=db.activities))
            action.setData(db.name)
            action.triggered.connect(lambda _checked=False, n=db.name: self.remove_database(n))

    def remove_database(self, name: str) -> LcaJob | None:
        """Ask, then remove the user database ``name`` in the worker; returns the job."""
        from greendesign.inventory.user_databases import list_databases

        db = next((d for d in list_databases() if d.name == name), None)
        if db is None or self.read_only or self._busy_job is not None:
            return None
        if not self.prompts.confirm(
                self, self.tr("Remove database"),
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
        job.cancelled.connect(lambda j=job: self._set_busy(None))
        self._set_busy(job, self.tr("Removing \u201c{name}\u201d\u2026").format(name=name))
        return self.jobs.submit(job)

    def _removed(self, job: LcaJob, name: str) -> None:
        self._set_busy(None)
        self._databases_changed()
        self.statusMessage.emit(self.tr("Removed the user database \u201c{name}\u201d.")
                                .format(name=name))
        self.databaseRemoved.emit(name)

    def _remove_failed(self, job: LcaJob, message: str) -> None:
        self._set_busy(None)
        error = job.error if job.error is not None else RuntimeError(message)
        self.prompts.show_error(self, error, self.tr("Remove database"))

    def _set_busy(self, job: LcaJob | None, text: str = "") -> None:
        self._busy_job = job
        self.job_label.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        from greendesign.inventory.user_databases import list_databases

        # user databases are written into the local inventory: not before it is set up
        idle = self._busy_job is None and not self.read_only and self._ready
        self.import_button.setEnabled(idle)
        try:
            any_database = bool(list_databases())
        except GreenDesignError:
            any_database = False
        self.remove_button.setEnabled(idle and any_database)
        if self.read_only:
            tip = self.tr("This window is read-only: import user databases in the window "
                          "that edits.")
        elif not self._ready:
            tip = self.tr("Available once the local inventory is set up (status bar).")
        else:
            tip = self._import_tip
        self.import_button.setToolTip(tip)

    def _databases_changed(self) -> None:
        """A user database came or went: list, pickers and cached details follow."""
        refresh_catalogue()
        self._exchanges.clear()
        self._detail_errors.clear()
        self._user_background = None
        self._fill_groups()
        self._load_rows()
        self._update_buttons()
        self.refresh()
        self.databasesChanged.emit()

    # --- user datasets: exchanges and impacts (in the worker) ------------------------------
    def _background_for(self, ref: str) -> Any | None:
        for bg in (self._user_background, self.background):
            if bg is not None and ref in bg.column:
                return bg
        return None

    def _request_user_details(self, ref: str) -> None:
        """Read the exchanges and solve the impacts of ``ref`` unless known or under way."""
        if not self._ready:
            return
        for key, job in list(self._detail_jobs.items()):
            if key[1] != ref and not job.running:
                job.cancel()  # the user moved on before it started
        wanted = []
        if ref not in self._exchanges:
            wanted.append(("exchanges", exchanges_work(ref)))
        if self._background_for(ref) is None:
            wanted.append(("impacts", impacts_work(ref)))
        for kind, work in wanted:
            key = (kind, ref)
            if key in self._detail_jobs or key in self._detail_errors:
                continue
            job = LcaJob(kind, work)
            job.finished.connect(lambda value, k=key: self._detail_loaded(k, value))
            job.failed.connect(lambda message, k=key: self._detail_failed(k, message))
            job.cancelled.connect(lambda k=key: self._detail_jobs.pop(k, None))
            self._detail_jobs[key] = job
            self.jobs.submit(job)

    def _detail_loaded(self, key: tuple[str, str], value: Any) -> None:
        self._detail_jobs.pop(key, None)
        kind, ref = key
        if kind == "exchanges":
            self._exchanges[ref] = value[1]
        else:
            self._user_background = value[1]
        if self.selected_code() == ref:
            self._show_detail()
        self.userDetailsLoaded.emit(ref)

    def _detail_failed(self, key: tuple[str, str], message: str) -> None:
        self._detail_jobs.pop(key, None)
        log.warning("%s of %s not loaded: %s", key[0], key[1], message)
        self._detail_errors[key] = message
        if self.selected_code() == key[1]:
            self._show_detail()
        self.userDetailsLoaded.emit(key[1])

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
        self._show_eol(row)
        if row is None:
            self.impacts = []
            self.detail.setHtml("<p style='color:#555'>" + html.escape(self.tr(
                "Select a dataset to see its source, quality, recipe and impacts.")) + "</p>")
            return
        if row.user is not None:
            self._request_user_details(row.code)
            self.detail.setHtml(self._user_detail_html(row))
            return
        self.detail.setHtml(self._detail_html(row))

    # --- end of life of a user material ---------------------------------------------------
    def _show_eol(self, row: DatasetRow | None) -> None:
        """Show the end-of-life choice of ``row`` when it is a user dataset per kg."""
        from greendesign.inventory.user_databases import eol_map

        if row is None or row.user is None or row.user.unit != "kg":
            self._eol_ref = None
            self.eol_box.hide()
            return
        ref = row.code
        self._eol_ref = None  # no writing while the combo is set below
        try:
            code, guessed = eol_map().get(ref, ("", True))
            guess = guessed_material(row.user)
            entry = load_catalogue().get(ref, "material")
            family = entry.family or "other"
        except (GreenDesignError, LookupError) as exc:
            log.warning("end-of-life choice of %s not readable: %s", ref, exc)
            self.eol_note.setText(self.tr("The end-of-life choice cannot be read: {error}")
                                  .format(error=error_summary(exc)
                                          if isinstance(exc, GreenDesignError) else exc))
            self.eol_combo.setEnabled(False)
            self.eol_box.show()
            return
        if guess is not None:
            index = self.eol_combo.findData(guess)
            guess_name = self.eol_combo.itemText(index) if index > 0 else guess
        else:
            guess_name = self.tr("none: other")
        current = 0 if guessed else max(0, self.eol_combo.findData(code))
        self.eol_combo.blockSignals(True)
        self.eol_combo.setItemText(0, self.tr("Guess from the name ({material})").format(
            material=guess_name))
        self.eol_combo.setCurrentIndex(current)
        self.eol_combo.setEditText(self.eol_combo.itemText(current))
        self.eol_combo.blockSignals(False)
        self.eol_combo.setEnabled(not self.read_only)
        if guessed and code:
            note = self.tr("End-of-life family: {family}, guessed from its name.")
        elif guessed:
            note = self.tr("End-of-life family: {family}; no bundled material was "
                           "recognised in its name.")
        else:
            note = self.tr("End-of-life family: {family}.")
        self.eol_note.setText(note.format(family=family))
        self.eol_box.show()
        self._eol_ref = ref

    def eol_choice(self) -> str | None:
        """The bundled material chosen in the end-of-life combo; None for the guess."""
        return self.eol_combo.currentData() or None

    def _eol_chosen(self, index: int) -> None:
        from greendesign.inventory.user_databases import set_eol_material

        ref = self._eol_ref
        if ref is None or self.read_only or index < 0:
            return
        material = self.eol_combo.itemData(index) or None
        try:
            set_eol_material(ref, material)
        except GreenDesignError as exc:
            self.prompts.show_error(self, exc, self.tr("At end of life, treat as"))
            self._show_eol(self._row(ref))
            return
        refresh_catalogue()
        row = self._row(ref)
        self._show_eol(row)
        name = row.user.name if row is not None and row.user is not None else ref
        if material is None:
            message = self.tr("\u201c{name}\u201d ends its life as guessed from its name.")
        else:
            message = self.tr("\u201c{name}\u201d ends its life as {material}.")
        self.statusMessage.emit(message.format(name=name,
                                               material=self.eol_combo.currentText()))
        self.eolChanged.emit(ref)

    def _eol_edit_finished(self) -> None:
        """Typed text that names no material: show the current choice again."""
        index = self.eol_combo.currentIndex()
        if index >= 0 and self.eol_combo.currentText() != self.eol_combo.itemText(index):
            self.eol_combo.setEditText(self.eol_combo.itemText(index))

    def _detail_html(self, row: DatasetRow) -> str:
        ds = row.dataset
        esc = html.escape
        language = ui_language()
        parts = [f"<h3 style='margin-bottom:2px'>{esc(row.name(language))}</h3>",
                 f"<p style='color:#555; margin-top:0'><code>{esc(ds.code)}</code>"]
        if row.entry is not None:
            other = row.entry.name_en if language == "zh" else row.entry.name_zh
            if other:
                parts.append(f" \u00b7 {esc(other)}")
        parts.append(f" \u00b7 {esc(_tr('per {unit}').format(unit=ds.unit))}</p>")
        if ds.ghg_only or ds.ghg_only_sources:
            text = (self.tr("GHG-only data: this dataset rests only on greenhouse-gas factors "
                            "({sources}); every impact category other than climate change is "
                            "left blank.") if ds.ghg_only else
                    self.tr("Partly GHG-only: some inputs rest on greenhouse-gas factors only "
                            "({sources}); other categories understate those inputs."))
            parts.append("<p style='background:#fff4d6; padding:4px; border:1px solid #e0c36a'>"
                         + esc(text.format(sources=", ".join(ds.ghg_only_sources))) + "</p>")

        parts.append(f"<h4>{esc(_tr('Provenance'))}</h4><table cellspacing='0' "
                     "cellpadding='2'>")
        names = PedigreeNames().names()
        pedigree = "; ".join(f"{name} {score}" for name, score in zip(names, ds.pedigree,
                                                                        strict=True))
        for caption, value in ((self.tr("Source"), ds.source), (self.tr("Year"), ds.year),
                               (self.tr("Geography"), ds.geography),
                               (self.tr("Pedigree (1 best, 5 worst)"), pedigree),
                               (self.tr("Proxy"), ds.proxy or self.tr("none")),
                               (self.tr("Note"), ds.note)):
            parts.append(f"<tr><td valign='top' style='color:#555; padding-right:8px'>"
                         f"{esc(caption)}</td><td>{esc(value)}</td></tr>")
        parts.append("</table>")

        parts.append(f"<h4>{esc(_tr('Recipe per {unit}').format(unit=ds.unit))}</h4>")
        parts.append("<table cellspacing='0' cellpadding='2' width='100%'>"
                     f"<tr style='background:#eef2ee'><th align='left'>{esc(_tr('Input'))}"
                     f"</th><th align='right'>{esc(_tr('Amount'))}</th>"
                     f"<th align='left'>{esc(_tr('Unit'))}</th>"
                     f"<th align='left'>{esc(_tr('Note'))}</th></tr>")
        for line in ds.lines:
            label, unit = self._input_label(line.prefix, line.target)
            parts.append(f"<tr><td>{esc(label)}</td><td align='right'>"
                         f"{esc(format_number(line.amount))}</td><td>{esc(unit)}</td>"
                         f"<td style='color:#555'>{esc(line.note)}</td></tr>")
        parts.append("</table>")
        if ds.factory_kwh:
            factory = self.tr(
                "Factory electricity: {kwh} kWh per {unit}, supplied in the life cycle model "
                "from the product's production grid and green-power share (not in the impacts "
                "below).").format(kwh=format_number(ds.factory_kwh), unit=ds.unit)
        else:
            factory = self.tr("Factory electricity: none.")
        parts.append(f"<p>{esc(factory)}</p>")

        parts.append(f"<h4>{esc(_tr('Cradle-to-gate impacts per {unit}').format(unit=ds.unit))}"
                     "</h4>")
        parts.append(self._impacts_html(ds.code, ds.unit, ds.ghg_only))
        return "".join(parts)

    def _user_detail_html(self, row: DatasetRow) -> str:
        from greendesign.inventory.user_databases import user_provenance

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
        parts.append(self._exchanges_html(ref))
        parts.append(f"<h4>{esc(_tr('Cradle-to-gate impacts per {unit}').format(unit=ds.unit))}"
                     "</h4>")
        parts.append(self._impacts_html(ref, ds.unit, False, self._background_for(ref),
                                        user=True))
        return "".join(parts)

    def _exchanges_html(self, ref: str) -> str:
        esc = html.escape
        rows = self._exchanges.get(ref)
        if rows is None:
            error = self._detail_errors.get(("exchanges", ref))
            if error:
                text = self.tr("The exchanges cannot be read: {error}").format(error=error)
            elif not self._ready:
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

    def _input_label(self, prefix: str, target: str) -> tuple[str, str]:
        if prefix == "uslci":
            uslci = load_uslci()
            activity = uslci.activities.get(uslci.by_name.get(target, ""))
            unit = activity.unit if activity else ""
            where = f" [{activity.location}]" if activity and activity.location else ""
            return self.tr("USLCI: {name}").format(name=target) + where, unit
        if prefix == "gd":
            if target == FACTORY_ELECTRICITY:
                return self.tr("factory electricity (product's grid)"), "kWh"
            row = self._row(target)
            name = row.name(ui_language()) if row else target
            return f"{name} ({target})", row.dataset.unit if row else ""
        if prefix == "gwp":
            from greendesign.inventory.reference_data import published_gwp

            factor = published_gwp().get(target)
            unit = factor.unit if factor else ""
            return self.tr("published GWP factor {code} (GHG-only)").format(code=target), \
                f"{unit}"
        if prefix == "grid":
            return self.tr("grid emission factor {code} (GHG-only)").format(code=target), "kWh"
        if prefix == "bio":
            return self.tr("elementary flow: {flow}").format(flow=target.replace("|", " / ")), \
                "kg"
        return self.tr("none (counted elsewhere)"), ""

    def _impacts_html(self, code: str, unit: str, ghg_only: bool, bg: Any | None = None,
                      user: bool = False) -> str:
        esc = html.escape
        bg = bg if user else self.background
        self.impacts = []
        if user and bg is None:
            error = self._detail_errors.get(("impacts", code))
            if error:
                text = self.tr("The impacts cannot be calculated: {error}").format(error=error)
            elif not self._ready:
                text = self.tr("The impacts appear when the local inventory is ready.")
            else:
                text = self.tr("Calculating the impacts with the local inventory\u2026")
            return f"<p style='color:#555'>{esc(text)}</p>"
        if bg is None:
            if self._load_error:
                text = self.tr("The impacts cannot be loaded: {error}").format(
                    error=self._load_error)
            elif self._loading:
                text = self.tr("Loading the impacts from the local inventory\u2026")
            else:
                text = self.tr("The impacts appear when the local inventory is ready.")
            return f"<p style='color:#555'>{esc(text)}</p>"
        from greendesign.lca.engine import default_methods

        column = bg.column.get(code)
        if column is None:
            return "<p style='color:#555'>" + esc(self.tr(
                "This dataset is not in the local inventory; set the inventory up again.")) + \
                "</p>"
        rows = ["<table cellspacing='0' cellpadding='2' width='100%'>"
                f"<tr style='background:#eef2ee'><th align='left'>{esc(_tr('Method'))}</th>"
                f"<th align='right'>{esc(_tr('Value'))}</th>"
                f"<th align='left'>{esc(_tr('Unit'))}</th></tr>"]
        for method in default_methods(bg):
            row = bg.method_row.get(tuple(method))
            if row is None:
                continue
            value = float(bg.H[row, column])
            method_unit = bg.method_units[row]
            not_covered = ghg_only and value == 0.0 and "climate change" not in method[1]
            self.impacts.append((tuple(method), None if not_covered else value, method_unit))
            label = method[0] if method[0].startswith("Cumulative") else \
                f"{method[0]}: {method[1]}"
            shown = self.tr("not covered") if not_covered else format_number(value)
            rows.append(f"<tr><td title='{esc(' | '.join(method))}'>{esc(label)}</td>"
                        f"<td align='right'>{esc(shown)}</td><td>"
                        f"{esc(_tr('{unit} per {per}').format(unit=method_unit, per=unit))}"
                        "</td></tr>")
        rows.append("</table>")
        return "".join(rows)

    def impact(self, method: tuple[str, ...]) -> tuple[float | None, str] | None:
        """The shown dataset's value and unit for ``method``, or None when not shown."""
        for shown, value, unit in self.impacts:
            if shown == tuple(method):
                return value, unit
        return None


def _f_string_labels() -> tuple[str, ...]:
    """Never called: lists the labels used inside f-strings above, where lupdate does not
    look, so that they are extracted into the translation file (empty context)."""
    return (_tr("per {unit}"), _tr("Provenance"), _tr("Recipe per {unit}"), _tr("Input"),
            _tr("Amount"), _tr("Unit"), _tr("Note"), _tr("Cradle-to-gate impacts per {unit}"),
            _tr("Method"), _tr("Value"), _tr("{unit} per {per}"), _tr("Exchanges per {unit}"),
            _tr("Type"), _tr("Flow"), _tr("Location or compartment"), _tr("No exchanges."))
