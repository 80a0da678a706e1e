"""A BOM file as read, before its headers are mapped: :class:`BomTable`.

The readers (:mod:`greendesign.io.bom_csv` for CSV, :mod:`greendesign.io.bom_xlsx`
for XLSX) give the non-empty rows of a file as cell text with their file row
numbers; :func:`make_table` finds the header row among them (title rows above it
are skipped) and applies the row limit. The limits and the typed errors of
reading live here, shared by both readers.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from greendesign.errors import BomImportError, Problem
from greendesign.i18n import _, ngettext
from greendesign.io.bom_columns import guess_mapping

#: Data rows read at most (the rows above a header found below row 1 are not counted).
MAX_ROWS = 200_000
#: Rows searched for the header, from the first non-empty one.
HEADER_SEARCH_ROWS = 10


@dataclass
class BomTable:
    """A BOM file as read, before its headers are mapped.

    Attributes
    ----------
    source
        The file read.
    headers
        The header row, as written (surrounding spaces removed).
    rows
        The data rows as cell text ('' for an empty cell); empty rows are left out.
    encoding
        The text encoding of a CSV file (``utf-8``, ``utf-8-sig``, ``gb18030``,
        ``utf-16``), ``None`` for XLSX.
    sheet
        The worksheet read from an XLSX file, ``None`` for CSV.
    row_numbers
        The file row of each entry of ``rows`` (header = row 1 when the header is
        the first line); empty means ``rows[i]`` is file row ``i + header_row + 1``.
    header_row
        The file row of the header (rows above it, such as a title, are skipped).
    """

    source: Path
    headers: list[str]
    rows: list[list[str]]
    encoding: str | None = None
    sheet: str | None = None
    row_numbers: list[int] = field(default_factory=list)
    header_row: int = 1

    def row_number(self, index: int) -> int:
        """The file row of ``rows[index]``."""
        if self.row_numbers:
            return self.row_numbers[index]
        return self.header_row + 1 + index


def fail(source: Path, message: str, hint: str = "",
         problems: list[Problem] | None = None) -> BomImportError:
    """The error of a file that cannot be read: ``message`` (translated) after the file name."""
    return BomImportError(_("{file}: {message}").format(file=source, message=message),
                          hint=hint, problems=problems)


def too_many_rows(source: Path) -> BomImportError:
    """The error of a file over :data:`MAX_ROWS` rows."""
    return fail(source, ngettext("the file has more than {count} row.",
                                 "the file has more than {count} rows.", MAX_ROWS).format(
                    count=f"{MAX_ROWS:,}"),
                hint=_("Split the BOM into several files (for example one per module)."))


def record_limit() -> int:
    """Non-empty rows a reader keeps before it refuses the file (data, header, title rows)."""
    return MAX_ROWS + HEADER_SEARCH_ROWS


def make_table(source: Path, records: list[tuple[int, list[str]]], *, encoding: str | None,
               sheet: str | None) -> BomTable:
    """The table of a file's non-empty rows ``(file row, cell texts)``.

    The header is the first row, unless it has fewer than two recognised headers
    and one of the next :data:`HEADER_SEARCH_ROWS` rows has them.

    Raises
    ------
    BomImportError
        There are no rows, or more than :data:`MAX_ROWS` below the header.
    """
    if not records:
        raise fail(source, _("the file is empty."), hint=_(
            "A BOM file needs a header row and one row per part; see docs/bom-format.md."))
    header_at = 0
    if len(guess_mapping(records[0][1])) < 2:
        for i, (_row, cells) in enumerate(records[1:HEADER_SEARCH_ROWS], start=1):
            if len(guess_mapping(cells)) >= 2:
                header_at = i
                break
    headers = records[header_at][1]
    while headers and not headers[-1]:
        headers = headers[:-1]
    data = records[header_at + 1:]
    if len(data) > MAX_ROWS:
        raise too_many_rows(source)
    return BomTable(source=source, headers=headers, rows=[cells for _row, cells in data],
                    encoding=encoding, sheet=sheet, row_numbers=[row for row, _ in data],
                    header_row=records[header_at][0])


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a reader or the row checks make their objects.

    A BOM of 100,000 rows makes about a million container objects (cell lists, nodes,
    their field dicts and lists), none of them garbage: each pass of the collector over
    a large open project while they are made would cost more than the work itself.

    At the end they are moved into the collector's oldest generation, where the
    objects of the open project already are, rather than left in the youngest: the
    collector would otherwise traverse all of them once more, as young objects, at its
    next pass (0.4 s for 100,000 rows). This moves every object the collector tracks
    (``gc.freeze`` then ``gc.unfreeze``), so it is only done when no object is frozen
    already (by a host that uses ``gc.freeze`` itself); cyclic garbage among them is
    collected at the next full collection, as garbage in the oldest generation is.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
