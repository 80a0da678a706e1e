"""The reader of every CSV table under ``lca_data``: UTF-8 text, a fixed header, checked rows.

The catalogue, the cited reference data and the inventory datasets are all
tables of the same shape: UTF-8 (a byte-order mark is allowed), the column
names on row 1, one record a row. :func:`read_table` reads one of them and
records, instead of raising, what makes a file or a row unusable: the file is
missing or not UTF-8, the header is not the expected one, a row has too few or
too many cells. Each problem names the file and the row, so the caller can
report every problem of a file at once. Empty rows are skipped; row numbers
count the header as row 1.

What a cell must contain is the caller's business (codes, numbers,
provenance); this module imports nothing else of the inventory.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from greendesign.errors import Problem
from greendesign.i18n import _


@dataclass(frozen=True)
class TableRow:
    """One record of a table.

    Attributes
    ----------
    number
        Row number in the file (the header is row 1).
    values
        Column name -> cell text.
    where
        ``"<file>, row <number>"``, for messages.
    """

    number: int
    values: dict[str, str]
    where: str


def read_table(path: Path, columns: tuple[str, ...], problems: list[Problem], *,
               name: str | None = None, strip: bool = True) -> list[TableRow]:
    """The rows of the CSV file ``path``, whose header must be exactly ``columns``.

    Parameters
    ----------
    path
        The file.
    columns
        The expected column names, in order.
    problems
        Receives a :class:`~greendesign.errors.Problem` for a missing or
        undecodable file, a wrong header (then no rows are returned) and every
        row whose number of cells differs from the header (that row is left out).
    name
        How messages name the file (default: its file name).
    strip
        Remove the spaces around every cell (default); ``False`` keeps the cells
        exactly as written.
    """
    name = name or path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(Problem(_("{file} is missing").format(file=name), location=str(path),
                                hint=_("restore it from the lca_data folder of the source "
                                       "tree")))
        return []
    except UnicodeDecodeError as exc:
        problems.append(Problem(_("{file} is not UTF-8 text (byte {byte})").format(
            file=name, byte=exc.start), location=str(path), hint=_("save it as UTF-8 CSV")))
        return []
    records = list(csv.reader(text.splitlines()))
    header = tuple(cell.strip() for cell in records[0]) if records else ()
    if header != columns:
        problems.append(Problem(_("{file}: the header must be {expected}, got {found}").format(
            file=name, expected=",".join(columns), found=",".join(header) or _("nothing")),
            location=_("{file}, row {row}").format(file=name, row=1), row=1))
        return []
    rows: list[TableRow] = []
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        where = _("{file}, row {row}").format(file=name, row=number)
        if len(cells) != len(columns):
            problems.append(Problem(_("{where} has {count} cells, expected {expected}").format(
                where=where, count=len(cells), expected=len(columns)),
                location=where, row=number, hint=_("quote a cell that contains a comma")))
            continue
        values = {column: cell.strip() if strip else cell
                  for column, cell in zip(columns, cells, strict=True)}
        rows.append(TableRow(number, values, where))
    return rows
