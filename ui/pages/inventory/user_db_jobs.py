"""Background work on user inventory databases: import, removal, exchanges, impacts.

The work runs as :class:`~ui.services.lca_service.LcaJob` objects in a
:class:`~ui.services.lca_service.JobThread` of the Inventory page, one job after the other: bw2data
switches its SQLite connections whenever a project is set, so the page never
reads a database in one thread while it writes one in another. The thread is
not the :class:`~ui.services.lca_service.LcaService` worker: importing a licensed
database takes minutes and must not hold up the live results.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Slot

from greendesign.errors import GreenDesignError
from greendesign.inventory import user_databases as ud
from greendesign.inventory.user_databases import (
    ImportCancelled,
    catalogue_unit,
    node_key,
    remove_database,
)
from ui.errors import error_summary
from ui.services.lca_service import JobThread, LcaJob, Work

log = logging.getLogger("greendesign.ui")

STOP_WAIT_MS = 300_000
"""How long closing waits for a running job (writing a large database cannot be cut short)."""

__all__ = ["STOP_WAIT_MS", "ImportJob", "JobThread", "import_thread"]


def import_thread(parent: QObject | None = None) -> JobThread:
    """The Inventory page's worker: waits up to :data:`STOP_WAIT_MS` at close."""
    return JobThread("user-databases", parent, stop_wait_ms=STOP_WAIT_MS)


class ImportJob(LcaJob):
    """An import: it ends as finished whenever the database was written.

    Unlike other jobs, a Cancel that arrives after the last check of the
    import does not turn a written database into "cancelled"; the import is
    cancelled only when the core says so (:class:`ImportCancelled`).
    :attr:`error` holds the exception of a failed import.
    """

    @Slot()
    def run(self) -> None:

        if self.is_cancelled():
            self.done = True
            self.cancelled.emit()
            return
        self.running = True
        try:
            value = self._work(self.progress.emit, self.is_cancelled)
        except ImportCancelled:
            self.running, self.done = False, True
            self.cancelled.emit()
            return
        except Exception as exc:  # noqa: BLE001 - reported to the GUI thread as it is
            self.running, self.done, self.error = False, True, exc
            if not isinstance(exc, GreenDesignError):
                log.exception("%s failed", self.kind)
            self.failed.emit(error_summary(exc))
            return
        self.running, self.done = False, True
        self.finished.emit(value)


@dataclass(frozen=True)
class ImportRequest:
    """What the import dialog asks for."""

    format: str                   # one of greendesign.inventory.user_registry.FORMATS
    name: str                     # the database name in GreenDesign
    source: str = ""              # folder or zip (ecospold2, jsonld), file/folder/zip
                                  # (ecospold1), workbook (excel), .csv export (simapro)
    project: str = ""             # Brightway project (brightway)
    database: str = ""            # its database (brightway)
    base_dir: str = ""            # its Brightway folder; empty: Brightway's default
    pedigree: tuple[int, ...] = ()
    replace: bool = False


def import_work(request: ImportRequest) -> Work:
    """The work of importing ``request`` (returns an :class:`ImportResult`)."""

    def work(progress, cancelled):

        options: dict[str, Any] = {"replace": request.replace, "pedigree": request.pedigree,
                                   "progress": progress, "cancelled": cancelled}
        if request.format == "ecospold2":
            return ud.import_ecospold2(request.source, request.name, **options)
        if request.format == "ecospold1":
            return ud.import_ecospold1(request.source, request.name, **options)
        if request.format == "excel":
            return ud.import_excel(request.source, request.name, **options)
        if request.format == "jsonld":
            return ud.import_jsonld(request.source, request.name, **options)
        if request.format == "simapro":
            return ud.import_simapro(request.source, request.name, **options)
        return ud.import_brightway(request.project, request.database, request.name,
                                   base_dir=request.base_dir, **options)

    return work


def remove_work(name: str) -> Work:
    """The work of removing the user database ``name`` (returns the name)."""

    def work(progress, cancelled):

        progress(0.1, "Removing")
        remove_database(name)
        return name

    return work


@dataclass(frozen=True)
class ExchangeRow:
    """One exchange of a user dataset, as the detail panel lists it."""

    type: str        # production, technosphere, biosphere, substitution
    name: str
    amount: float
    unit: str
    where: str       # the provider's location, or the flow's compartment
    database: str


def exchanges_work(ref: str) -> Work:
    """The work of reading the exchanges of the user dataset ``ref`` from Brightway."""

    def work(progress, cancelled):
        from greendesign.inventory.brightway_setup import (  # deferred: loads numpy and Brightway
            INVENTORY_PROJECT,
            activate,
        )

        bd = activate()
        if bd.projects.current != INVENTORY_PROJECT:
            bd.projects.set_current(INVENTORY_PROJECT)
        database, code = node_key(ref)
        node = bd.get_node(database=database, code=code)
        rows = []
        for exc in node.exchanges():
            flow = exc.input
            categories = flow.get("categories") or ()
            where = (flow.get("location") or "") if exc["type"] != "biosphere" else \
                "/".join(str(c) for c in categories)
            rows.append(ExchangeRow(str(exc["type"]), str(flow.get("name", "")),
                                    float(exc["amount"]),
                                    catalogue_unit(str(flow.get("unit", "") or "")), where,
                                    str(flow.get("database", ""))))
        order = {"production": 0, "technosphere": 1, "substitution": 2, "biosphere": 3}
        rows.sort(key=lambda r: (order.get(r.type, 4), r.name.casefold()))
        return ref, rows

    return work


def impacts_work(ref: str) -> Work:
    """The work of solving the user dataset ``ref`` alone (returns its fast-path matrices;
    browsing does not add it to the datasets the product results solve)."""

    def work(progress, cancelled):
        from greendesign.lca.background import dataset_background  # deferred: loads numpy

        return ref, dataset_background(ref, progress)

    return work
