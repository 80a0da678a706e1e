"""The result store of a batch: ``<out>/store/``, one Parquet file per completed chunk.

A chunk's successful designs are stored together as ``<chunk key>.parquet`` (their rows
of the results table; each row carries its design's ``input_hash``); a design that failed
leaves ``<input hash>.error.json`` (file, variant, message) instead, and is tried again on
the next run. Every file is written atomically (:mod:`greendesign.io.atomic`): a crash
leaves either no file or a whole one, never half of one, so a stored hash is a finished
design and a re-run skips it.

The Parquet files are the truth: :meth:`ResultStore.done` reads the ``input_hash`` column
of each of them (once per file and store object; a stored file is never rewritten). A hash
already stored is never written again (:meth:`ResultStore.write_chunk` leaves it out), so
each design's rows are stored exactly once, whatever Dask runs twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
from pathlib import Path

from greendesign.errors import GreenDesignError
from greendesign.i18n import _
from greendesign.io.atomic import atomic_write_bytes, atomic_write_text

RESULT_SUFFIX = ".parquet"
ERROR_SUFFIX = ".error.json"
HASH_COLUMN = "input_hash"


def table_bytes(columns) -> bytes:
    """A results table (``column -> values``, or an Arrow table) as Parquet bytes."""
    import pyarrow as pa  # deferred: loads Arrow
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    table = columns if isinstance(columns, pa.Table) else pa.table(columns)
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def chunk_key(keys) -> str:
    """The name of the file of a chunk: derived from the input hashes it holds."""
    return hashlib.sha256("".join(keys).encode()).hexdigest()[:32]


class ResultStore:
    """The store folder (created when missing)."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._where: dict[str, Path] = {}   # stored hash -> its file
        self._read: set[str] = set()        # names of the files already read
        self._errors = {p.name[:-len(ERROR_SUFFIX)] for p in self.folder.glob(f"*{ERROR_SUFFIX}")}

    def result_files(self) -> list[Path]:
        return sorted(p for p in self.folder.glob(f"*{RESULT_SUFFIX}")
                      if not p.name.startswith("."))

    def error_path(self, key: str) -> Path:
        return self.folder / f"{key}{ERROR_SUFFIX}"

    def done(self) -> set[str]:
        """The input hashes of every stored result (the files written since the last call
        by another process included)."""
        for path in self.result_files():
            if path.name not in self._read:
                for key in _hashes(path):
                    self._where.setdefault(key, path)
                self._read.add(path.name)
        return set(self._where)

    def stored(self) -> set[str]:
        """The hashes known to be stored (read by :meth:`done` or written), no new read."""
        return set(self._where)

    def write_chunk(self, table) -> list[str]:
        """Store the rows (an Arrow table with ``input_hash``) of the designs not stored
        yet, as one file; gives back the hashes written."""
        import pyarrow as pa  # deferred: loads Arrow
        import pyarrow.compute as pc

        keys = list(dict.fromkeys(table.column(HASH_COLUMN).to_pylist()))
        new = [k for k in keys if k not in self._where]
        if not new:
            return []
        if len(new) < len(keys):
            table = table.filter(pc.is_in(table.column(HASH_COLUMN),
                                          value_set=pa.array(new, pa.string())))
        path = self.folder / f"{chunk_key(new)}{RESULT_SUFFIX}"
        atomic_write_bytes(path, table_bytes(table))
        self._read.add(path.name)
        for key in new:
            self._where[key] = path
            if key in self._errors:  # a failure of an earlier run, now fixed
                self._errors.discard(key)
                with contextlib.suppress(FileNotFoundError):
                    self.error_path(key).unlink()
        return new

    def write_error(self, key: str, failure: dict) -> None:
        atomic_write_text(self.error_path(key), json.dumps(failure, ensure_ascii=False,
                                                           indent=1))
        self._errors.add(key)

    def rows(self, keys) -> dict:
        """hash -> its stored rows (Arrow), for the ``keys`` that are stored; each file
        holding one of them is read once."""
        import pyarrow.parquet as pq  # deferred: loads Arrow

        by_file: dict[Path, set[str]] = {}
        for key in keys:
            if key in self._where:
                by_file.setdefault(self._where[key], set()).add(key)
        found = {}
        for path, wanted in by_file.items():
            table = _read(path, lambda p: pq.ParquetFile(p).read())
            found.update({k: t for k, t in _split(table).items() if k in wanted})
        return found


def _split(table) -> dict:
    """hash -> its rows, for a table whose rows of one hash are contiguous (as written)."""
    keys = table.column(HASH_COLUMN).to_pylist()
    parts, start = {}, 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            parts.setdefault(keys[start], table.slice(start, i - start))
            start = i
    return parts


def _hashes(path: Path) -> set[str]:
    import pyarrow.parquet as pq  # deferred: loads Arrow

    # ParquetFile.read: a third of read_table's cost for a small file (no dataset layer)
    table = _read(path, lambda p: pq.ParquetFile(p).read(columns=[HASH_COLUMN]))
    return set(table.column(HASH_COLUMN).unique().to_pylist())


def _read(path: Path, reader):
    try:
        return reader(path)
    except (OSError, ValueError, KeyError) as exc:  # Arrow's errors derive from these
        raise GreenDesignError(
            _("The batch store file {file} cannot be read: {reason}").format(
                file=path, reason=exc),
            hint=_("Delete the file; its designs are computed again on the next run.")) from exc
