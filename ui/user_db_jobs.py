"""Background work on user inventory databases: import, removal, exchanges, impacts.

The work runs as :class:`~ui.lca_service.LcaJob` objects in a
:class:`JobThread` of the Inventory page, one job after the other: bw2data
switches its SQLite connections whenever a project is set, so the page never
reads a database in one thread while it writes one in another. The thread is
not the :class:`~ui.lca_service.LcaService` worker: importing a licensed
database takes minutes and must not hold up the live results.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from greendesign.errors import GreenDesignError
from ui.errors import error_summary
from ui.lca_service import LcaJob, Work

log = logging.getLogger("greendesign.ui")

STOP_WAIT_MS = 300_000
"""How long closing waits for a running job (writing a large database cannot be cut short)."""


class _Runner(QObject):
    """Lives in the worker thread and runs the jobs it is handed, in order."""

    @Slot(object)
    def run(self, job: LcaJob) -> None:
        job.run()


class JobThread(QObject):
    """One worker thread running :class:`LcaJob` objects in the order they are submitted.

    The jobs stay in the GUI thread (their signals reach the widgets as queued
    calls); only their work runs in the thread, started on first use.
    """

    _submit = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread(self)
        self.thread.setObjectName(name)
        self._runner = _Runner()
        self._runner.moveToThread(self.thread)
        self._submit.connect(self._runner.run)
        self.jobs: list[LcaJob] = []

    def submit(self, job: LcaJob) -> LcaJob:
        """Queue ``job``; returns it."""
        if not self.thread.isRunning():
            self.thread.start()
        self.jobs.append(job)
        for signal in (job.finished, job.failed):
            signal.connect(lambda *_args, j=job: self._forget(j))
        job.cancelled.connect(lambda j=job: self._forget(j))
        self._submit.emit(job)
        return job

    def _forget(self, job: LcaJob) -> None:
        if job in self.jobs:
            self.jobs.remove(job)

    def busy(self, kind: str | None = None) -> bool:
        """Whether a job (of ``kind``) is queued or running."""
        return any(not j.done and (kind is None or j.kind == kind) for j in self.jobs)

    def stop(self) -> None:
        """Cancel the jobs and end the thread (on close); waits for the running one, which
        stops at its next check (an import being written finishes writing first)."""
        for job in list(self.jobs):
            job.cancel()
        if self.thread.isRunning():
            self.thread.quit()
            if not self.thread.wait(STOP_WAIT_MS):
                log.warning("%s: a job is still running at close", self.thread.objectName())


class ImportJob(LcaJob):
    """An import: it ends as finished whenever the database was written.

    Unlike other jobs, a Cancel that arrives after the last check of the
    import does not turn a written database into "cancelled"; the import is
    cancelled only when the core says so (:class:`ImportCancelled`).
    :attr:`error` holds the exception of a failed import.
    """

    @Slot()
    def run(self) -> None:
        from greendesign.inventory.user_databases import ImportCancelled

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

    format: str                   # "ecospold2", "excel" or "brightway"
    name: str                     # the database name in GreenDesign
    source: str = ""              # folder (ecospold2) or workbook (excel)
    project: str = ""             # Brightway project (brightway)
    database: str = ""            # its database (brightway)
    base_dir: str = ""            # its Brightway folder; empty: Brightway's default
    pedigree: tuple[int, ...] = ()
    replace: bool = False


def import_work(request: ImportRequest) -> Work:
    """The work of importing ``request`` (returns an :class:`ImportResult`)."""

    def work(progress, cancelled):
        from greendesign.inventory import user_databases as ud

        options: dict[str, Any] = {"replace": request.replace, "pedigree": request.pedigree,
                                   "progress": progress, "cancelled": cancelled}
        if request.format == "ecospold2":
            return ud.import_ecospold2(request.source, request.name, **options)
        if request.format == "excel":
            return ud.import_excel(request.source, request.name, **options)
        return ud.import_brightway(request.project, request.database, request.name,
                                   base_dir=request.base_dir, **options)

    return work


def remove_work(name: str) -> Work:
    """The work of removing the user database ``name`` (returns the name)."""

    def work(progress, cancelled):
        from greendesign.inventory.user_databases import remove_database

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
        from greendesign.inventory.brightway_setup import INVENTORY_PROJECT, activate
        from greendesign.inventory.user_databases import catalogue_unit, node_key

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
        from greendesign.lca.background import dataset_background

        return ref, dataset_background(ref, progress)

    return work
