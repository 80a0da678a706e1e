"""Run a batch of assessments on Dask distributed: :func:`run_batch`.

Where the work happens
    The client reads each input file once (its bytes make the input hash, see
    :func:`greendesign.batch.manifest.input_hash`) and sends the bytes with the task; the
    worker parses the file, applies the scenario, assesses and scores
    (:mod:`greendesign.batch.compute`). So the workers need no access to the client's
    folders (a remote cluster works as a local one) and the parsing runs in parallel.
    Ready :class:`~greendesign.model.Product` tasks are sent as they are.

The background
    The fast path's matrices are loaded once on the client and sent to every worker once
    with ``client.scatter(bg, broadcast=True)``; each task gets its future, not a copy.

Chunks
    Several designs go in one Dask task (``chunk_size``; by default about four chunks per
    worker thread, at most 25 designs each), so the scheduler's per-task cost stays small
    beside the assessment of small products. A chunk's key is derived from the input
    hashes of its designs.

Crash safety and re-runs
    The client stores each chunk's rows as its outcomes arrive: one atomic Parquet file
    for all of its successful designs (``<out>/store/<chunk key>.parquet``, each row with
    its ``input_hash``; :mod:`greendesign.batch.store`), written by one thread while the
    client waits for the next chunk. A worker that dies mid-run loses nothing: Dask runs
    its chunks again elsewhere, and a hash stored already (in this run or an earlier one)
    is never stored again. A new run skips every stored hash; failures are stored as
    ``<hash>.error.json`` and tried again. The final tables take the rows of the designs
    computed now from memory, the others from the store.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from greendesign.batch.compute import Item, Options, Outcome, compute_chunk, warm_up
from greendesign.batch.manifest import BatchTask, input_hash, product_task
from greendesign.batch.output import pack_path, write_tables
from greendesign.batch.store import ResultStore, chunk_key
from greendesign.i18n import _

Progress = Callable[[float, str], None]
MAX_CHUNK = 25


@dataclass
class Failure:
    file: str
    variant: str
    error: str
    input_hash: str = ""
    row: int | None = None


@dataclass
class BatchSummary:
    """What a run did: ``total`` designs, ``computed`` now, ``skipped`` (stored before),
    ``failed`` (listed in ``failures``)."""

    total: int = 0
    computed: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    cancelled: bool = False
    out_dir: Path | None = None
    #: hash -> rows (Arrow) of the designs computed now (the final table is made from them)
    fresh: dict[str, object] = field(default_factory=dict, repr=False)


@contextlib.contextmanager
def open_client(scheduler=None, workers: int | None = None):
    """A Dask client: of ``scheduler`` (an address, or a ``Client`` used as it is), else of
    a new ``LocalCluster`` with ``workers`` processes (default: the cores), one thread
    each."""
    from distributed import Client, LocalCluster  # deferred: loads Dask

    if scheduler is not None and not isinstance(scheduler, str):
        yield scheduler
        return
    if scheduler:
        with Client(scheduler) as client:
            client.run(warm_up)
            yield client
        return
    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                      processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.run(warm_up)  # part of the cluster's start, not of its first batch
        yield client


def _items(tasks: list[BatchTask], methods, version: str, summary: BatchSummary):
    """Each task with its :class:`Item` (hash made), one at a time; an unreadable file is
    a failure."""
    cache: dict[Path, bytes] = {}

    def read(path: Path) -> bytes:
        if path not in cache:
            cache[path] = Path(path).read_bytes()
        return cache[path]

    for task in tasks:
        # a ready product travels as its JSON (also hashed): pickling pydantic models costs
        # the client more than the workers' parsing of JSON
        text = task.product.model_dump_json().encode() if task.product is not None else None
        try:
            key = input_hash(task, methods, version, read, text)
        except OSError as exc:
            summary.failures.append(Failure(task.file, task.variant, _(
                "cannot read {file}: {reason}").format(file=exc.filename or task.file,
                                                      reason=exc.strerror or exc),
                row=task.row))
            continue
        item = Item(key=key, file=task.file, variant=task.variant, product_json=text,
                    service_life_years=task.service_life_years, overrides=task.overrides,
                    where=task.where)
        if task.path is not None:
            item.name, item.data = task.path.name, read(task.path)
        if task.scenario is not None:
            item.scenario_name, item.scenario_data = task.scenario.name, read(task.scenario)
        yield task, item


def _background(methods, bg=None):
    from greendesign.inventory.brightway_setup import ensure_inventory  # deferred: speed
    from greendesign.lca.background import load_background
    from greendesign.lca.engine import default_methods

    if bg is None:
        ensure_inventory()
        bg = load_background()
    chosen = [tuple(m) for m in (methods or default_methods(bg))]
    bg.rows_for(chosen)  # an unknown method stops the run before it starts
    return bg, chosen


def default_chunk_size(count: int, threads: int) -> int:
    return max(1, min(MAX_CHUNK, math.ceil(count / max(1, 4 * threads))))


def run_batch(tasks: Iterable, out_dir, methods=None, scheduler=None,
              workers: int | None = None, packs: bool = False,
              progress: Progress | None = None, cancel: Callable[[], bool] | None = None, *,
              allow_gaps: bool = False, score: bool = True,
              chunk_size: int | None = None, background=None) -> BatchSummary:
    """Assess (and score, and export the evidence packs of) every task; module docstring.

    ``tasks``: :class:`BatchTask` or ready ``Product`` objects. Writes ``<out>/store/``,
    ``<out>/results.parquet``, ``<out>/results.xlsx`` (sheets results and failures) and
    ``<out>/failures.csv``. ``scheduler``: ``"tcp://host:port"`` of a running cluster (or a
    ``distributed.Client``); default a LocalCluster of ``workers`` processes.
    ``cancel()`` true stops the run: the finished designs stay stored. ``background``: the
    fast path's matrices when the caller has them (else the inventory is checked and
    loaded).
    """
    from greendesign.inventory.datasets import data_version  # deferred: start-up speed

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tasks = [t if isinstance(t, BatchTask) else product_task(t) for t in tasks]
    summary = BatchSummary(total=len(tasks), out_dir=out)
    bg, chosen = _background(methods, background)
    store = ResultStore(out / "store")
    run = _Run(store, out, summary, progress or (lambda _f, _m: None), cancel)
    options = Options(methods=chosen, allow_gaps=allow_gaps, score=score, packs=packs,
                      pack_methods=tuple(methods or ()))
    done, seen, batch = store.done(), set(), []
    pairs = []
    with contextlib.ExitStack() as stack:
        # the tasks are hashed while the first chunks compute: the cluster is opened (and
        # the background scattered) when the first design to compute is found
        for task, item in _items(tasks, chosen, data_version(), summary):
            pairs.append((task, item.key))
            stored = item.key in done and (not packs or pack_path(out, task, item.key).exists())
            if stored or item.key in seen:
                summary.skipped += 1
                continue
            seen.add(item.key)
            run.tasks[item.key] = task
            batch.append(item)
            if run.client is None:
                run.start(stack.enter_context(open_client(scheduler, workers)), bg, options,
                          chunk_size)
            if len(batch) >= run.size:
                run.submit(batch)
                batch = []
            if run.cancelled():
                break
        if batch and not summary.cancelled:
            run.submit(batch)
        if run.client is not None:
            run.collect()
    keys_done = store.stored()
    summary.failed = len(summary.failures)
    write_tables(out, store, [(t, k) for t, k in pairs if k in keys_done], summary.failures,
                 summary.fresh)
    summary.fresh = {}
    return summary


class _Run:
    """The chunks of one run on a cluster: submitted as they are made, collected and stored
    as they complete."""

    def __init__(self, store: ResultStore, out: Path, summary: BatchSummary, report, cancel):
        self.store, self.out, self.summary = store, out, summary
        self.report, self.cancel = report, cancel
        self.client = None
        self.tasks: dict[str, BatchTask] = {}
        self.futures: dict = {}
        self.failed_keys: set[str] = set()

    def start(self, client, bg, options: Options, size: int | None) -> None:
        from distributed import as_completed  # deferred: loads Dask

        self.client, self.options = client, options
        threads = sum(client.nthreads().values()) or 1
        # about four chunks per worker thread, so that the last ones end close together
        self.size = size or default_chunk_size(self.summary.total, threads)
        self.bg_future = client.scatter(bg, broadcast=True, hash=False)
        self.queue = as_completed()

    def submit(self, chunk: list[Item]) -> None:
        key = "greendesign-batch-" + chunk_key([item.key for item in chunk])
        future = self.client.submit(compute_chunk, chunk, self.bg_future, self.options,
                                    key=key)
        self.futures[future] = chunk
        self.queue.add(future)

    def cancelled(self) -> bool:
        if self.cancel is not None and not self.summary.cancelled and self.cancel():
            if self.client is not None:
                self.client.cancel(list(self.futures))
            self.summary.cancelled = True
        return self.summary.cancelled

    def collect(self) -> None:
        count = sum(len(chunk) for chunk in self.futures.values())
        self.report(0.0, _("{count} design(s) to compute, {skipped} stored already").format(
            count=count, skipped=self.summary.skipped))
        finished, writes = 0, []
        # the files are written (and fsynced) by one thread while the client waits
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gd-batch-store") as writer:
            for future in self.queue:
                chunk = self.futures.pop(future)
                outcomes = _outcomes(future, chunk)
                writes.append(writer.submit(self._store_chunk, outcomes))
                finished += len(chunk)
                self.report(finished / count, _("{done}/{count} designs").format(
                    done=finished, count=count))
                if self.cancelled():
                    break
        self.client.cancel([self.bg_future])
        for write in writes:
            write.result()  # a file that could not be written stops the run here

    def _store_chunk(self, outcomes: list[Outcome]) -> None:
        """A chunk's results: its packs, one store file for its designs, its failures."""
        from greendesign.io.atomic import atomic_write_bytes

        good = [o for o in outcomes if o.columns is not None]
        for outcome in good:
            if outcome.pack is not None:
                target = pack_path(self.out, self.tasks[outcome.key], outcome.key)
                target.parent.mkdir(exist_ok=True)
                atomic_write_bytes(target, outcome.pack)
        if good:
            table = _chunk_table(good)
            self.store.write_chunk(table)  # leaves out the hashes stored already
            start = 0
            for outcome in good:
                rows = len(outcome.columns["input_hash"])
                self.summary.fresh[outcome.key] = table.slice(start, rows)
                self.summary.computed += 1
                start += rows
        for outcome in outcomes:
            if outcome.columns is None:
                self._fail(outcome)

    def _fail(self, outcome: Outcome) -> None:
        task = self.tasks[outcome.key]
        failure = Failure(task.file, task.variant, outcome.error or "", outcome.key, task.row)
        self.store.write_error(outcome.key, {**failure.__dict__, "detail": outcome.detail})
        if outcome.key not in self.failed_keys:
            self.failed_keys.add(outcome.key)
            self.summary.failures.append(failure)


def _chunk_table(outcomes: list[Outcome]):
    """The rows of the designs of a chunk as one Arrow table, in the chunk's order."""
    import pyarrow as pa  # deferred: loads Arrow

    names = list(outcomes[0].columns)
    return pa.table({c: list(chain.from_iterable(o.columns[c] for o in outcomes))
                     for c in names})


def _outcomes(future, chunk: list[Item]) -> list[Outcome]:
    try:
        outcomes = future.result()
    except Exception as exc:  # noqa: BLE001 - a lost chunk fails its designs, the rest go on
        outcomes = [Outcome(item.key, error=_("the worker failed: {error}").format(
            error=f"{type(exc).__name__}: {exc}")) for item in chunk]
    future.release()
    return outcomes
