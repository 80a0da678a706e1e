"""The final tables of a batch: ``results.parquet``, ``results.xlsx``, ``failures.csv``.

The results combine the stored rows of every design of the run (computed now or stored
by an earlier run), in the order of the tasks, each row named by its task's file. All
three files are written atomically.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
from pathlib import Path

from greendesign.io.atomic import atomic_write_bytes, atomic_write_text, fsync_dir

FAILURE_COLUMNS = ("file", "variant", "row", "input_hash", "error")
#: Data rows of one results sheet (Excel holds 1,048,576 rows a sheet, header included).
SHEET_ROWS = 1_000_000
_SAFE = re.compile(r"[^\w.-]+")


def pack_path(out: Path, task, key: str) -> Path:
    """Where the evidence pack of a design goes: ``<out>/packs/<file>-<variant>-<hash>.zip``."""
    stem = _SAFE.sub("_", Path(task.file).stem)[:80]
    return out / "packs" / f"{stem}-{_SAFE.sub('_', task.variant)}-{key[:12]}.zip"


def combined_table(store, ordered, fresh=None):
    """The rows of ``ordered`` ((task, hash) pairs), the file column from the task: those
    computed now from ``fresh`` (hash -> Arrow table), the others read from the store."""
    import pyarrow as pa  # deferred: loads Arrow

    from greendesign.batch.compute import COLUMNS  # deferred: start-up speed

    fresh = fresh or {}
    stored = store.rows([key for _task, key in ordered if key not in fresh])
    tables = []
    for task, key in ordered:
        table = fresh.get(key)
        if table is None:
            table = stored[key]
        table = table.select(list(COLUMNS))
        tables.append(table.set_column(0, "file", pa.array([task.file] * table.num_rows,
                                                            pa.string())))
    if not tables:
        return pa.table({c: pa.array([], pa.string()) for c in COLUMNS})
    return pa.concat_tables(tables, promote_options="default")


def _parquet_bytes(table) -> bytes:
    import pyarrow.parquet as pq  # deferred: loads Arrow

    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def _failure_rows(failures) -> list[list]:
    return [[f.file, f.variant, f.row, f.input_hash, f.error] for f in failures]


def _rows(table):
    """The rows of an Arrow table, a batch at a time (memory stays small)."""
    for batch in table.to_batches(max_chunksize=20_000):
        yield from zip(*(column.to_pylist() for column in batch.columns), strict=True)


def write_xlsx(path: Path, table, failures) -> None:
    """The results and failures sheets, written into a temporary file then renamed."""
    from greendesign.report.xlsx_stream import XlsxBook  # deferred: the pack's writer

    columns = table.column_names
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with XlsxBook(tmp, title="GreenDesign batch results", compresslevel=1) as book:
            for start in range(0, max(1, table.num_rows), SHEET_ROWS):  # Excel's row limit
                book.sheet("results" if not start else f"results {start // SHEET_ROWS + 1}",
                           columns, _rows(table.slice(start, SHEET_ROWS)))
            book.sheet("failures", list(FAILURE_COLUMNS), _failure_rows(failures))
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def write_tables(out: Path, store, ordered, failures, fresh=None) -> None:
    table = combined_table(store, ordered, fresh)
    atomic_write_bytes(out / "results.parquet", _parquet_bytes(table))
    write_xlsx(out / "results.xlsx", table, failures)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(FAILURE_COLUMNS)
    writer.writerows(_failure_rows(failures))
    atomic_write_text(out / "failures.csv", "\ufeff" + text.getvalue())
