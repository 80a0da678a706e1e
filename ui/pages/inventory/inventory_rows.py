"""The rows of the Inventory page: every dataset (bundled or of a user database), the
search over them, the table model that lists them, and the pedigree indicator names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from greendesign.inventory.catalogue import Catalogue, Entry, normalise
from greendesign.inventory.datasets import Dataset
from greendesign.inventory.regional import regional_code, split_regional
from greendesign.inventory.user_databases import UserDataset
from greendesign.model.vocab import electricity_grid
from ui.services.material_names import ui_language
from ui.widgets.table_models import ListTableModel

_Index = QModelIndex | QPersistentModelIndex

GROUPS = ("material", "process", "transport", "end_of_life", "electricity")
_KIND_GROUP = {"material": "material", "process": "process", "transport": "transport",
               "landfill": "end_of_life", "incineration": "end_of_life",
               "pretreatment": "end_of_life", "recycling": "end_of_life",
               "credit": "end_of_life", "grid": "electricity", "renewable": "electricity"}
ELECTRICITY_PREFIX = "electricity_"
#: one kWh sent out by a power plant of a technology (``power_coal_CN``), which the grids
#: are made of
POWER_PLANT_PREFIX = "power_"
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

    def proxy_note(self, language: str) -> str:
        """The proxy note in ``language`` (``"zh"``: the Chinese one when there is one)."""
        if self.user is not None:
            return ""
        if language == "zh" and self.dataset.proxy_zh:
            return self.dataset.proxy_zh
        return self.dataset.proxy

    @property
    def source(self) -> str:
        """The user database the dataset comes from; empty for a bundled one."""
        return self.user.source if self.user is not None else ""


def catalogue_entry(catalogue: Catalogue, code: str) -> Entry | None:
    """The catalogue entry a dataset code stands for (``electricity_CN`` -> grid ``CN``)."""
    grid = electricity_grid(code)
    if grid is not None:
        location = grid[0]
        for kind in ("grid", "renewable"):
            if catalogue.has(location, kind):
                return catalogue.get(location, kind)
        return None
    for group in ("material", "process", "treatment"):
        entry = catalogue.dataset_entry(code, group)  # <code>@CN: the entry of <code>
        if entry is not None:
            return entry
    return None


def dataset_rows(catalogue: Catalogue, datasets: dict[str, Dataset]) -> list[DatasetRow]:
    """Every dataset with its catalogue entry and group, sorted by code."""
    rows = []
    for code in sorted(datasets, key=str.casefold):
        entry = catalogue_entry(catalogue, code)
        if entry is not None:
            group = _KIND_GROUP.get(entry.kind, "")
        elif code.startswith((ELECTRICITY_PREFIX, POWER_PLANT_PREFIX)):
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
        #: codes that have a regional dataset (``pp`` when ``pp@CN`` is listed)
        self.regional = regional_bases(row.code for row in rows)
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
                if role == Qt.ItemDataRole.ToolTipRole and row.user is None:
                    notes = RegionalNotes()
                    return " ".join(filter(None, (row.geography, notes.fit(row),
                                                  notes.use(row, self.regional))))
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
                    return row.proxy_note(self.language)
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


def regional_bases(codes) -> set[str]:
    """The codes of ``codes`` that a regional dataset (``<code>@CN``) of ``codes`` belongs to."""
    return {base for base, region in map(split_regional, codes) if region}


class RegionalNotes(QObject):
    """What a bundled dataset's geography means for the product it is used in, translated."""

    def fit(self, row: DatasetRow) -> str:
        """The geographical correlation of the pedigree, which is rated for a product made in
        China."""
        return self.tr("Geographical correlation {score} of 5 (1 best) for a product made in "
                       "China.").format(score=row.pedigree[3])

    def use(self, row: DatasetRow, regional: set[str]) -> str:
        """Which products use the dataset when the material has a China dataset too."""
        base, region = split_regional(row.code)
        if region == "CN":
            return self.tr("Used for products made in China; products made elsewhere use "
                           "{code}.").format(code=base)
        if row.code in regional:
            return self.tr("Used for products made outside China; products made in China use "
                           "{code}.").format(code=regional_code(row.code, "CN"))
        return ""


class PedigreeNames(QObject):
    """The five indicators of the Weidema pedigree matrix, translated."""

    def names(self) -> tuple[str, ...]:
        return (self.tr("reliability"), self.tr("completeness"), self.tr("temporal correlation"),
                self.tr("geographical correlation"), self.tr("further technological correlation"))

    def tooltip(self) -> str:
        return self.tr("Pedigree scores, 1 best to 5 worst: {names}").format(
            names=", ".join(self.names()))

