"""The result store of a batch: ``<out>/store/``, one small file per finished task.

A task's result is ``<input hash>.parquet`` (its rows of the results table); a task that
failed leaves ``<input hash>.error.json`` (file, variant, message) instead, and is tried
again on the next run. Every file is written atomically (:mod:`greendesign.io.atomic`):
a crash leaves either no file or a whole one, never half of one, so a stored hash is a
finished task and a re-run skips it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

from greendesign.io.atomic import atomic_write_bytes, atomic_write_text

RESULT_SUFFIX = ".parquet"
ERROR_SUFFIX = ".error.json"


def table_bytes(columns: dict) -> bytes:
    """A results table (``column -> values``) as Parquet bytes."""
    import pyarrow as pa  # deferred: loads Arrow
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.table(columns), sink, compression="zstd")
    return sink.getvalue()


class ResultStore:
    """The store folder (created when missing)."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def result_path(self, key: str) -> Path:
        return self.folder / f"{key}{RESULT_SUFFIX}"

    def error_path(self, key: str) -> Path:
        return self.folder / f"{key}{ERROR_SUFFIX}"

    def done(self) -> set[str]:
        """The hashes of every stored result."""
        return {p.name[:-len(RESULT_SUFFIX)] for p in self.folder.glob(f"*{RESULT_SUFFIX}")
                if not p.name.startswith(".")}

    def write_result(self, key: str, data: bytes) -> None:
        atomic_write_bytes(self.result_path(key), data)
        with contextlib.suppress(FileNotFoundError):
            self.error_path(key).unlink()  # a failure of an earlier run, now fixed

    def write_error(self, key: str, failure: dict) -> None:
        atomic_write_text(self.error_path(key), json.dumps(failure, ensure_ascii=False,
                                                           indent=1))

