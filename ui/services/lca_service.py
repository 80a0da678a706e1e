"""Live LCA results of the shown design, and the heavy calculations in the background.

:class:`LcaService` belongs to one window and observes its
:class:`~ui.document.document.ProjectDocument`. Once the local inventory is installed it
loads the fast-path matrices (:func:`greendesign.lca.background.load_background`)
in its worker thread; from then on every change of the shown design is
assessed again in the GUI thread (the fast path takes milliseconds), a short
while after the last change so that a burst of edits costs one assessment.

Slow work runs as an :class:`LcaJob` in the service's single worker thread,
one job after the other: loading the matrices, the characterisation factors
of a method (Brightway I/O), Monte Carlo, the Brightway reference path. A job
turns the core's ``progress(fraction, message)`` and ``cancelled()`` callbacks
into signals and a :meth:`LcaJob.cancel` that is safe to call from the GUI
thread.
"""

from __future__ import annotations

import logging
import math
import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from greendesign.errors import GreenDesignError
from greendesign.inventory.user_databases import dataset_map
from greendesign.lca.lifecycle import default_inventory
from ui.errors import error_summary

log = logging.getLogger("greendesign.ui")

DEBOUNCE_MS = 10
"""Delay between the last change of the design and its new assessment."""

Work = Callable[[Callable[[float, str], None], Callable[[], bool]], Any]
"""A job's work: called with ``progress(fraction, message)`` and ``cancelled()``."""


WORKER_BUILD_LINES = 2_000
"""Designs of this many part lines or more have their live model built in the worker
(about 50 ms at 2,000 lines, 1.5 s at 50,000); an edit's update stays in the GUI thread
(milliseconds)."""


class ServiceState:
    """Where the service stands (the values of :attr:`LcaService.state`)."""

    WAITING = "waiting"  # the local inventory is not installed yet
    LOADING = "loading"  # the fast-path matrices are being loaded
    READY = "ready"      # results follow the design
    FAILED = "failed"    # the matrices could not be loaded


class LcaJob(QObject):
    """One piece of slow work run in the service's worker thread.

    Signals
    -------
    progress(float, str)
        Fraction done (0-1) and what is being done.
    finished(object)
        The work's return value.
    failed(str)
        The error message (with its hint) when the work raised.
    cancelled
        The work stopped because :meth:`cancel` was called.
    """

    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, kind: str, work: Work) -> None:
        super().__init__()
        self.kind = kind
        self._work = work
        self._cancel = threading.Event()
        self.running = False
        self.done = False
        self.error: BaseException | None = None

    def cancel(self) -> None:
        """Ask the work to stop at its next check (thread-safe)."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._cancel.is_set()

    def follow(self, current: Callable[[], object], progress: Callable[[float, str], object],
               finished: Callable[[object], object], failed: Callable[[str], object],
               cancelled: Callable[[], object]) -> None:
        """Connect the job's signals to handlers that run only while ``current()`` is still
        this job (a widget that started a newer job ignores the old one's signals).

        The handlers hold the job weakly: a connection that held it would keep it, and
        all its work referred to, alive for good (the connection lives on the C++ side,
        where Python's garbage collector cannot see the cycle)."""
        me = weakref.ref(self)

        def live() -> bool:
            return me() is not None and current() is me()

        self.progress.connect(lambda f, m: live() and progress(f, m))
        self.finished.connect(lambda value: live() and finished(value))
        self.failed.connect(lambda message: live() and failed(message))
        self.cancelled.connect(lambda: live() and cancelled())

    @Slot()
    def run(self) -> None:
        """Run the work (in the worker thread) and report how it ended."""
        if self._cancel.is_set():
            self.done = True
            self.cancelled.emit()
            return
        self.running = True
        work, self._work = self._work, None  # what the work refers to is freed with it
        try:
            value = work(self.progress.emit, self._cancel.is_set)
        except Exception as exc:  # noqa: BLE001 - reported to the GUI thread as it is
            self.running, self.done, self.error = False, True, exc
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                if not isinstance(exc, GreenDesignError):
                    log.exception("%s failed", self.kind)
                self.failed.emit(error_summary(exc))
            return
        self.running, self.done = False, True
        if self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.finished.emit(value)


class _JobRunner(QObject):
    """Lives in the worker thread and runs the jobs it is handed, in order.

    The jobs themselves stay in the GUI thread, so their signals reach the
    widgets as queued calls and they are deleted there.
    """

    @Slot(object)
    def run(self, job: LcaJob) -> None:
        job.run()


class JobThread(QObject):
    """One worker thread running :class:`LcaJob` objects in the order they are submitted.

    The jobs stay in the GUI thread (their signals reach the widgets as queued
    calls); only their work runs in the thread, started on first use.
    """

    _submit = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None,
                 stop_wait_ms: int = 30_000) -> None:
        super().__init__(parent)
        self.thread = QThread(self)
        self.thread.setObjectName(name)
        self.stop_wait_ms = stop_wait_ms
        self._runner = _JobRunner()
        self._runner.moveToThread(self.thread)
        self._submit.connect(self._runner.run)
        self.jobs: list[LcaJob] = []

    def submit(self, job: LcaJob) -> LcaJob:
        """Queue ``job`` (the thread starts on first use); returns it."""
        if not self.thread.isRunning():
            self.thread.start()
        self.jobs.append(job)
        held = weakref.ref(job)  # see LcaJob.follow: a strong reference here would leak it
        for signal in (job.finished, job.failed):
            signal.connect(lambda *_args: self._forget(held()))
        job.cancelled.connect(lambda: self._forget(held()))
        self._submit.emit(job)
        return job

    def _forget(self, job: LcaJob) -> None:
        # Dropped, not deleteLater(): other receivers' queued calls may still be on their
        # way, and Python frees the job once nobody holds it.
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
            if not self.thread.wait(self.stop_wait_ms):
                log.warning("%s: a job is still running at close", self.thread.objectName())


class LcaService(QObject):
    """Results of the shown design, kept up to date, and background LCA jobs.

    Parameters
    ----------
    document
        The window's :class:`~ui.document.document.ProjectDocument`.
    autostart
        Try to load the inventory at once (in the worker); when it is not
        installed yet, the service waits for :meth:`inventory_ready`.

    Signals
    -------
    resultChanged(object)
        The new :class:`~greendesign.lca.engine.Result` of the shown design, or
        None (no project, inventory not ready, or an error).
    errorChanged(str)
        The message (with its hint) of the error that stops the assessment;
        empty when the error is gone. Data gaps are not errors.
    gwpChanged(float)
        IPCC 2021 GWP100 total in kg CO2-eq (NaN without a result).
    stateChanged(str)
        One of :class:`ServiceState`.
    factorsReady(object)
        The characterisation factors of this method are loaded, so
        ``result.by_flow(method)`` is quick now.
    """

    resultChanged = Signal(object)
    errorChanged = Signal(str)
    gwpChanged = Signal(float)
    stateChanged = Signal(str)
    factorsReady = Signal(object)
    def __init__(self, document, parent: QObject | None = None, *,
                 autostart: bool = True) -> None:
        super().__init__(parent)
        self.document = document
        self.background = None
        self.result = None
        self.error = ""
        self.state = ServiceState.WAITING
        self._announced = False  # inventory_ready() was called
        self._load_job: LcaJob | None = None
        self._reload_pending = False  # reload_background() came while a load was running
        self._factors: set[tuple[str, ...]] = set()
        self._factor_jobs: dict[tuple[str, ...], LcaJob] = {}
        self._live = None  # the LiveAssessment of the shown design
        self._build_job: LcaJob | None = None  # a full build of a large design, in the worker
        self._live_of: tuple[object, str] | None = None  # (product, design) of self._live
        self.worker = JobThread("lca", self)
        self.thread = self.worker.thread
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.recompute)
        document.productChanged.connect(self.schedule)
        document.designChanged.connect(lambda _name: self.schedule())
        document.projectReplaced.connect(self.schedule)
        if autostart:
            QTimer.singleShot(0, self._try_load)

    # --- inventory and matrices --------------------------------------------------------
    def inventory_ready(self, _setup_result: object = None) -> None:
        """The window's inventory set-up finished: load the matrices (again if needed)."""
        self._announced = True
        if self.background is None:
            self._try_load()

    def _try_load(self) -> None:
        if self.background is not None or (self._load_job and not self._load_job.done):
            return
        self._set_state(ServiceState.LOADING)

        def work(progress, cancelled):
            from greendesign.lca.background import load_background  # deferred: loads numpy

            background = load_background(progress)
            default_inventory()  # warm the inventory tables the fast path reads
            return background

        job = LcaJob("background", work)
        job.finished.connect(self._background_loaded)
        job.failed.connect(self._background_failed)
        self._load_job = job
        self.submit(job)

    @Slot(object)
    def _background_loaded(self, background) -> None:
        if self._reload_if_pending():
            return
        self.background = background
        self._set_state(ServiceState.READY)
        self.recompute()

    def _reload_if_pending(self) -> bool:
        if not self._reload_pending:
            return False
        self._reload_pending = False
        self._try_load()
        return True

    @Slot(str)
    def _background_failed(self, message: str) -> None:
        if self._reload_if_pending():
            return
        if self._announced:
            self._set_state(ServiceState.FAILED)
            self._set_error(message)
        else:  # probably not installed yet: wait for the set-up to announce it
            log.info("LCA matrices not loaded yet: %s", message)
            self._set_state(ServiceState.WAITING)

    def _solve_user_datasets(self, refs: list[str]) -> bool:
        """Solve user-database datasets in the worker; True while that is under way."""
        known = dataset_map()
        refs = [ref for ref in refs if ref in known]  # unknown ones are reported as gaps
        if not refs:
            return False
        if self._load_job is not None and not self._load_job.done:
            return True
        self._set_state(ServiceState.LOADING)

        def work(progress, cancelled):
            from greendesign.lca.background import load_background  # deferred: loads numpy

            return load_background(progress, extra=refs)

        job = LcaJob("user datasets", work)
        job.finished.connect(self._background_loaded)
        job.failed.connect(self._user_datasets_failed)
        self._load_job = job
        self.submit(job)
        return True

    @Slot(str)
    def _user_datasets_failed(self, message: str) -> None:
        if self._reload_if_pending():
            return
        self._set_state(ServiceState.READY)
        self._publish(None, message)

    def reload_background(self) -> None:
        """Forget the matrices (user databases changed) and load them again."""
        self.background = None
        if self._load_job is not None and not self._load_job.done:
            # a load under way may have read the databases before the change: load again
            # once it is done
            self._reload_pending = True
            return
        self._try_load()

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    # --- the live result ---------------------------------------------------------------
    def schedule(self) -> None:
        """Assess the shown design again shortly (restarts the delay on every call)."""
        self._timer.start()

    @Slot()
    def recompute(self) -> None:
        """Assess the shown design now (fast path, GUI thread) and tell the observers."""
        self._timer.stop()
        product = self.document.product
        if product is None or self.background is None:
            self._publish(None, "")
            return
        try:
            result = self._assess(product)
        except GreenDesignError as exc:
            self._publish(None, error_summary(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown inline, logged for the report
            self._live = None  # build it all again next time
            log.exception("assessment failed")
            self._publish(None, error_summary(exc))
            return
        if result is not None:
            self._publish(result, "")

    def _assess(self, product):
        """The result of ``product``: the live model updated where the design was edited
        (everything when the design, the matrices or the tree changed); None while user
        datasets it uses are being solved."""
        from greendesign.lca.live import LiveAssessment  # after set-up: pandas

        if self._build_job is not None:
            return None  # assessed when the build under way is done
        live, design = self._live, self.document.design_name
        full = live is None or live.background is not self.background
        if (full or not self.document.peek_edits()) and self._large(product):
            self._build_in_worker(product, design)
            return None
        edits = self.document.take_edits()
        try:
            if full:
                live = LiveAssessment(product, list(self.background.methods), self.background,
                                      design, allow_gaps=True)
                self._live = live
                self._live_of = (product, design)
            else:
                live.live.update(product, edits)
                live.variant = design
                self._live_of = (product, design)
        except GreenDesignError:
            self._live = None  # the model is not complete: build it all again next time
            raise
        pending = live.pending_user_datasets()
        if pending and self._solve_user_datasets(pending):
            return None  # assessed again when the user datasets are solved
        return live.result

    def _large(self, product) -> bool:
        summary = self.document.bom_summary()
        lines = summary.part_lines if summary is not None and product is self.document.product \
            else WORKER_BUILD_LINES
        return lines >= WORKER_BUILD_LINES

    def _build_in_worker(self, product, design: str) -> None:
        """Build the live model of a large design in the worker; the window stays usable.

        The build reads the design while the user may go on editing it: the edits
        recorded from its start are applied once it is in (an edit that changed the
        tree builds it again), so a node read half-edited is rebuilt from what it is."""
        from greendesign.lca.live import LiveAssessment  # after set-up: pandas

        self.document.take_edits()  # from here on, edits are recorded for the build
        background = self.background
        shown = self._live_of
        if shown is None or shown[0] is not product or shown[1] != design:
            self._publish(None, "")  # not the last result's design: no result meanwhile
        self._set_state(ServiceState.LOADING)

        def work(_progress, _cancelled):
            return LiveAssessment(product, list(background.methods), background, design,
                                  allow_gaps=True)

        job = LcaJob("live model", work)
        job.follow(lambda: self._build_job, lambda _f, _m: None,
                   lambda live: self._built(live, product, design), self._build_failed,
                   self._build_cancelled)
        self._build_job = job
        self.submit(job)

    def _built(self, live, product, design: str) -> None:
        self._build_job = None
        self._set_state(ServiceState.READY)
        if live.background is not self.background or product is not self.document.product \
                or design != self.document.design_name:
            self._live = None  # another design, project or inventory: build that one
            self.recompute()
            return
        self._live, self._live_of = live, (product, design)
        if self.document.peek_edits() == set():  # not edited while it was built
            pending = live.pending_user_datasets()
            if not (pending and self._solve_user_datasets(pending)):
                self._publish(live.result, "")
            return
        self.recompute()  # the edits made meanwhile are applied (or the tree built again)

    def _build_failed(self, message: str) -> None:
        self._build_job = None
        self._live = None
        self._set_state(ServiceState.READY)
        self._publish(None, message)

    def _build_cancelled(self) -> None:
        self._build_job = None
        self._set_state(ServiceState.READY)

    def _publish(self, result, error: str) -> None:
        self.result = result
        self._set_error(error)
        self.resultChanged.emit(result)
        self.gwpChanged.emit(self.gwp100 if self.gwp100 is not None else math.nan)

    def _set_error(self, message: str) -> None:
        if message != self.error:
            self.error = message
            self.errorChanged.emit(message)

    @property
    def gwp100(self) -> float | None:
        """IPCC 2021 GWP100 total of the current result, kg CO2-eq (None without one)."""
        if self.result is None:
            return None
        from greendesign.lca.engine import GWP100  # deferred: loads pandas

        if GWP100 not in self.result.methods:
            return None
        return float(self.result.total[self.result.methods.index(GWP100)])

    # --- jobs --------------------------------------------------------------------------
    def submit(self, job: LcaJob) -> LcaJob:
        """Queue a job in the worker thread (started on first use); returns it."""
        return self.worker.submit(job)

    @property
    def _jobs(self) -> list[LcaJob]:
        return self.worker.jobs

    def run_monte_carlo(self, iterations: int, seed: int, method=None,
                        distributions=None) -> LcaJob:
        """Monte Carlo of the current result (see :func:`greendesign.lca.uncertainty.monte_carlo`).

        The job finishes with ``(MonteCarlo, tornado frame of method)``; any
        Monte Carlo still running is cancelled first.
        """
        if self.result is None:
            raise RuntimeError("there is no result to sample")
        result = self.result
        for job in list(self._jobs):
            if job.kind == "monte_carlo":
                job.cancel()

        def work(progress, cancelled):
            from greendesign.lca.uncertainty import monte_carlo, tornado  # deferred: loads pandas

            runs = monte_carlo(result, iterations, seed, distributions, progress=progress,
                               cancelled=cancelled)
            return runs, tornado(result, method, distributions), result

        return self.submit(LcaJob("monte_carlo", work))

    def run_reference(self, methods) -> LcaJob:
        """Solve the shown design with Brightway (the reference path), stage by stage.

        Finishes with ``(ReferenceResult, fast Result)``; cancelling takes effect
        between the setup and the solve (Brightway's solve cannot be interrupted).
        """
        if self.result is None:
            raise RuntimeError("there is no result to check")
        result, product = self.result, self.document.product.model_copy(deep=True)

        def work(progress, cancelled):
            from greendesign.lca.background import EngineError  # deferred: loads numpy
            from greendesign.lca.reference import reference_assess  # deferred: loads numpy

            progress(0.05, "Solving with Brightway")
            if cancelled():
                raise EngineError("The reference calculation was cancelled.")
            reference = reference_assess(product, methods, model=result.model)
            progress(1.0, "Reference calculation done")
            return reference, result

        return self.submit(LcaJob("reference", work))

    def factors_loaded(self, method) -> bool:
        """Whether ``result.by_flow(method)`` can run without Brightway I/O."""
        return tuple(method) in self._factors

    def request_factors(self, method) -> bool:
        """Load ``method``'s characterisation factors in the worker (then
        :attr:`factorsReady`); True when they are loaded already."""
        method = tuple(method)
        if method in self._factors:
            return True
        if method in self._factor_jobs or self.background is None:
            return False
        background = self.background

        def work(progress, cancelled):
            from greendesign.lca.engine import characterisation_factors  # deferred: loads pandas

            characterisation_factors(background, method)
            return method

        job = LcaJob("factors", work)
        job.finished.connect(self._factors_loaded)
        job.failed.connect(lambda message, m=method: self._factors_failed(m, message))
        self._factor_jobs[method] = job
        self.submit(job)
        return False

    @Slot(object)
    def _factors_loaded(self, method) -> None:
        self._factor_jobs.pop(method, None)
        self._factors.add(method)
        self.factorsReady.emit(method)

    def _factors_failed(self, method, message: str) -> None:
        self._factor_jobs.pop(method, None)
        log.warning("characterisation factors of %s not loaded: %s", method, message)

    def stop(self) -> None:
        """Cancel the jobs and end the worker thread (on window close)."""
        self._timer.stop()
        self.worker.stop()
