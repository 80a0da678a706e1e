"""The Inventory page: search the bundled datasets and read where their numbers come from.

The list and the provenance come from the bundled files alone
(:func:`~greendesign.inventory.catalogue.load_catalogue`,
:func:`~greendesign.inventory.datasets.load_datasets`), so they show before
the local inventory is installed. The cradle-to-gate impacts need the
installed inventory: :meth:`InventoryBrowser.inventory_ready` loads the
precomputed intensities (:func:`~greendesign.lca.background.load_background`)
in a background thread and shows them once they are there.
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
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
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
from ui.errors import error_summary
from ui.formatting import format_number
from ui.i18n import _tr
from ui.material_names import ui_language
from ui.table_models import ListTableModel

log = logging.getLogger("greendesign.ui")

_Index = QModelIndex | QPersistentModelIndex

GROUPS = ("material", "process", "transport", "end_of_life", "electricity")
_KIND_GROUP = {"material": "material", "process": "process", "transport": "transport",
               "landfill": "end_of_life", "incineration": "end_of_life",
               "pretreatment": "end_of_life", "recycling": "end_of_life",
               "credit": "end_of_life", "grid": "electricity", "renewable": "electricity"}
ELECTRICITY_PREFIX = "electricity_"
SEARCH_DELAY_MS = 150


@dataclass(frozen=True)
class DatasetRow:
    """One dataset of the list: the dataset with its catalogue entry and group."""

    dataset: Dataset
    entry: Entry | None
    group: str

    @property
    def code(self) -> str:
        return self.dataset.code

    def name(self, language: str) -> str:
        if self.entry is None:
            return self.code
        if language == "zh" and self.entry.name_zh:
            return self.entry.name_zh
        return self.entry.name_en

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.code, *(self.entry.labels() if self.entry else ()))


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
    first, then prefixes, then other substrings, each by code.
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
        ranked.append((rank, row.code.casefold(), row))
    ranked.sort(key=lambda item: item[:2])
    return [item[2] for item in ranked]


class DatasetTableModel(ListTableModel):
    """The datasets found: code, name, unit, geography, year, quality, flags."""

    COLUMNS = ("code", "name", "unit", "geography", "year", "quality", "ghg_only", "proxy")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((self.tr("Code"), self.tr("Name"), self.tr("Unit"),
                          self.tr("Geography"), self.tr("Year"), self.tr("Pedigree"),
                          self.tr("GHG-only"), self.tr("Proxy")), parent)
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
        ds = row.dataset
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "code":
                return ds.code
            if column == "name":
                return row.name(self.language)
            if column == "unit":
                return ds.unit
            if column == "geography":
                return ds.geography
            if column == "year":
                return ds.year
            if column == "quality":
                return " ".join(str(p) for p in ds.pedigree)
            if column == "ghg_only":
                if role == Qt.ItemDataRole.ToolTipRole:
                    return ", ".join(ds.ghg_only_sources)
                return self.tr("GHG-only") if ds.ghg_only else (
                    self.tr("partly") if ds.ghg_only_sources else "")
            if column == "proxy":
                if role == Qt.ItemDataRole.ToolTipRole:
                    return ds.proxy
                return self.tr("proxy") if ds.proxy else ""
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
    """Search the inventory datasets and read their provenance, recipe and impacts.

    Signals
    -------
    backgroundLoaded
        The cradle-to-gate intensities are loaded (after :meth:`inventory_ready`).
    """

    backgroundLoaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inventoryBrowser")
        self.background: Any | None = None
        self.impacts: list[tuple[tuple[str, ...], float | None, str]] = []
        self._loading = False
        self._load_error: str | None = None
        self._relay = _BackgroundRelay(self)
        self._relay.loaded.connect(self._background_loaded)
        self._relay.failed.connect(self._background_failed)
        self._build()
        self.all_rows: list[DatasetRow] = []
        self._load_bundled()
        self.refresh()

    # --- construction ------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Inventory"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        title.setFont(font)
        self.import_button = QPushButton(self.tr("Import database\u2026"))
        self.import_button.setEnabled(False)
        self.import_button.setToolTip(self.tr(
            "Importing a user database (EcoSpold 2 folder or Excel) is not available yet."))
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.import_button)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("inventorySearch")
        self.search_edit.setPlaceholderText(self.tr(
            "Search code, English or Chinese name, alias (e.g. SUS304, \u4e0d\u9508\u94a2)"))
        self.search_edit.setClearButtonEnabled(True)
        self.group_combo = QComboBox()
        self.group_combo.addItem(self.tr("All groups"), "")
        for group, label in zip(GROUPS, (self.tr("Materials"), self.tr("Processes"),
                                         self.tr("Transport"), self.tr("End of life"),
                                         self.tr("Electricity")), strict=True):
            self.group_combo.addItem(label, group)
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
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = QTextBrowser()
        self.detail.setObjectName("datasetDetail")
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
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

    def _load_bundled(self) -> None:
        try:
            self.all_rows = dataset_rows(load_catalogue(), load_datasets())
        except GreenDesignError as exc:
            log.warning("inventory datasets not readable: %s", exc)
            self.all_rows = []
            self.detail.setPlainText(self.tr("The bundled inventory cannot be read: {error}")
                                     .format(error=error_summary(exc)))

    # --- public API --------------------------------------------------------------------
    def inventory_ready(self) -> None:
        """The local inventory is installed: load the impacts (in a background thread)."""
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
        self._background_loaded(background)

    def refresh(self) -> None:
        """Apply the search text and the filters to the list."""
        self._search_timer.stop()
        rows = search_rows(self.all_rows, self.search_edit.text())
        group = self.group_combo.currentData()
        if group:
            rows = [r for r in rows if r.group == group]
        if self.ghg_only_check.isChecked():
            rows = [r for r in rows if r.dataset.ghg_only]
        if self.proxy_check.isChecked():
            rows = [r for r in rows if r.dataset.proxy]
        current = self.selected_code()
        self.model.set_rows(rows)
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
        if row is None:
            self.impacts = []
            self.detail.setHtml("<p style='color:#555'>" + html.escape(self.tr(
                "Select a dataset to see its source, quality, recipe and impacts.")) + "</p>")
            return
        self.detail.setHtml(self._detail_html(row))

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
        parts.append(self._impacts_html(ds))
        return "".join(parts)

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

    def _impacts_html(self, ds: Dataset) -> str:
        esc = html.escape
        bg = self.background
        self.impacts = []
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

        column = bg.column.get(ds.code)
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
            unit = bg.method_units[row]
            not_covered = ds.ghg_only and value == 0.0 and "climate change" not in method[1]
            self.impacts.append((tuple(method), None if not_covered else value, unit))
            label = method[0] if method[0].startswith("Cumulative") else \
                f"{method[0]}: {method[1]}"
            shown = self.tr("not covered") if not_covered else format_number(value)
            rows.append(f"<tr><td title='{esc(' | '.join(method))}'>{esc(label)}</td>"
                        f"<td align='right'>{esc(shown)}</td><td>"
                        f"{esc(_tr('{unit} per {per}').format(unit=unit, per=ds.unit))}"
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
            _tr("Method"), _tr("Value"), _tr("{unit} per {per}"))
