"""Read an XLSX BOM worksheet into cell text, as openpyxl read it.

The worksheet is read with python-calamine, a Rust reader several times faster
than openpyxl, after the checks of :mod:`greendesign.io.xlsx_scan` on its raw XML;
a workbook those checks cannot vouch for is read with openpyxl (the reader before
calamine), which gives the same table and the same errors.

Formulas are never calculated: the value saved with a formula is used, and a
formula without one is an error naming its cell (``Sheet1!D7``).
"""

from __future__ import annotations

import logging
import re
import threading
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from greendesign.errors import BomImportError, Problem
from greendesign.i18n import _, ngettext
from greendesign.io import bom_table, xlsx_scan
from greendesign.io.bom_table import BomTable, fail, make_table, paused_gc, too_many_rows
from greendesign.io.xlsx_scan import cell_text as _xlsx_text

_log = logging.getLogger(__name__)

_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(source: Path) -> bool:
    """Whether any worksheet of the XLSX file holds a formula (an ``<f>`` element)."""
    with zipfile.ZipFile(source) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as handle:
                tail = b""
                while chunk := handle.read(1 << 20):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    return False


def read_xlsx(source: Path, sheet: str | None) -> BomTable:
    """Read an XLSX worksheet with calamine, or with openpyxl when the checks say so.

    Both give the same table and the same errors; calamine (with the checks of
    :mod:`greendesign.io.xlsx_scan`) takes a fifth of the time. Workbooks those checks
    cannot vouch for (damaged, unusually laid out, or with a cell grid too large to
    allocate) are read by openpyxl, which then also reports a damaged file as before.
    """
    try:
        return read_xlsx_calamine(source, sheet)
    except xlsx_scan.Unsupported as exc:
        _log.info("%s: read with openpyxl: %s", source, exc)
    return read_xlsx_openpyxl(source, sheet)


def _open_calamine(source: Path, handle):
    from python_calamine import CalamineWorkbook

    if source.suffix.lower() in (".xlsx", ".xlsm"):
        return CalamineWorkbook.from_path(str(source))
    return CalamineWorkbook.from_filelike(handle)  # any suffix: detected by content


def read_xlsx_calamine(source: Path, sheet: str | None) -> BomTable:
    """Read an XLSX worksheet with calamine, after the checks of :mod:`~greendesign.io.xlsx_scan`.

    Raises
    ------
    Unsupported
        The checks cannot vouch for the file, or calamine failed on it: openpyxl reads it.
    BomImportError
        There is no such sheet, a formula has no saved value, or the sheet has too
        many rows.
    """
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        raise xlsx_scan.Unsupported("python-calamine is not installed") from None
    try:
        with source.open("rb") as handle, zipfile.ZipFile(handle) as archive:
            workbook = xlsx_scan.read_workbook(archive)  # checks the shared strings too
            handle.seek(0)
            book = _open_calamine(source, handle)
            try:
                names = workbook.names
                if list(book.sheet_names) != names:
                    raise xlsx_scan.Unsupported("calamine lists other sheets")
                if not names:
                    raise xlsx_scan.Unsupported("no sheets")
                name = sheet if sheet is not None else names[0]
                if name not in names:
                    raise _no_sheet(source, name, names)
                if not workbook.parts[name]:
                    raise xlsx_scan.Unsupported(f"sheet {name!r} is not a worksheet part")
                # before calamine allocates the sheet's grid: is it of a sane size?
                check = xlsx_scan.WorksheetScan(archive, workbook.parts[name])
                scan, cal_sheet = _scan_while_reading(check, workbook.dates, book, name)
                end = cal_sheet.end
                if end is not None and (end[0] >= scan.rows or end[1] >= scan.columns):
                    raise xlsx_scan.Unsupported("calamine read a larger grid than checked")
                # the rows from A1, one at a time when the cells start there (no grid held)
                rows = cal_sheet.iter_rows() if end is not None and cal_sheet.start == (0, 0) \
                    else cal_sheet.to_python(skip_empty_area=False)
                with paused_gc():  # millions of new objects, none of them garbage
                    records, missing, numbers, shape = _calamine_records(source, rows, scan)
                del rows
            finally:
                book.close()
            if shape != ((end[0] + 1, end[1] + 1) if end is not None else (0, None)):
                raise xlsx_scan.Unsupported("calamine gave the grid in another shape")
            if numbers:  # integers beyond 2**53, nan, inf: read their digits as written
                found = xlsx_scan.number_texts(archive, scan.part, list(numbers))
                for (row, col), text in found.items():
                    numbers[(row, col)][col] = text
    except (BomImportError, xlsx_scan.Unsupported):
        raise
    except BaseException as exc:  # calamine raises its own errors, and Rust panics
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise xlsx_scan.Unsupported(f"{type(exc).__name__}: {exc}") from None
    if missing:
        raise _formula_error(source, name, records, missing)
    return make_table(source, records, encoding=None, sheet=name)


def _scan_while_reading(check: xlsx_scan.WorksheetScan, dates: xlsx_scan.DateStyles, book,
                        name: str):
    """Finish the checks of the worksheet while calamine reads it in another thread.

    Calamine reads without holding the interpreter lock, so the checks (Python and
    expat) and its reading take the time of the longer of the two. A failed check wins
    over calamine's own error, as when the checks ran first; either leaves the file to
    openpyxl.
    """
    outcome: list = []

    def read() -> None:
        try:
            outcome.append(book.get_sheet_by_name(name))
        except BaseException as exc:  # noqa: BLE001 - calamine's errors and Rust panics
            outcome.append(exc)

    reader = threading.Thread(target=read, name="calamine", daemon=True)
    reader.start()
    try:
        scan = check.finish(dates)
    finally:
        reader.join()  # the book stays in use until calamine is done
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return scan, outcome[0]


def _calamine_records(source: Path, grid: Iterable[list], scan: xlsx_scan.SheetScan) -> tuple[
        list[tuple[int, list[str]]], list[tuple[int, int]], dict[tuple[int, int], list[str]],
        tuple[int, int | None]]:
    """The non-empty rows of a calamine grid (its rows from A1) as cell texts, as openpyxl
    gave them.

    Returns the records (file row, texts), the formula cells without a saved value,
    the number cells to read again from the XML (integers beyond 2**53, ``nan``,
    ``inf``) with the texts list holding each, and the shape of the grid read (rows,
    cells of the first row).
    """
    limit = bom_table.record_limit()
    formulas, values = scan.formulas, scan.values
    records: list[tuple[int, list[str]]] = []
    missing: list[tuple[int, int]] = []
    numbers: dict[tuple[int, int], list[str]] = {}
    odd: list[int] = []  # a float calamine cannot give exactly: set by _value_text
    known: dict[float, str] = {}  # float -> text (quantities, shares ... repeat)
    convert, known_text = _value_text(odd, known), known.get
    str_, float_ = str, float
    number, width = 0, None
    for number, row in enumerate(grid, start=1):
        if width is None:
            width = len(row)
        texts = [(value.strip() if value else value) if (kind := value.__class__) is str_ else
                 (known_text(value) or convert(value)) if kind is float_ else convert(value)
                 for value in row]
        if odd:  # see _value_text: numbers to read again from the XML
            given = values.get(number, {})
            for col, value in enumerate(row):
                kind = value.__class__
                if col not in given and ((kind is float and _inexact(value)) or kind in _DATES):
                    numbers[(number, col)] = texts
            odd.clear()
        if values and number in values:
            for col, text in values[number].items():
                _put(texts, col, text)
        if formulas and number in formulas:
            for col in formulas[number]:
                if col >= len(texts) or not texts[col]:
                    missing.append((number, col))
                    _put(texts, col, "=")
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            records.append((number, texts))
            if len(records) > limit:
                raise too_many_rows(source)
    # formula cells without a value below or right of every value: outside the grid
    for row in sorted(r for r in formulas if r > number):
        texts = []
        for col in formulas[row]:
            missing.append((row, col))
            _put(texts, col, "=")
        records.append((row, texts))
    return records, missing, numbers, (number, width)


def _put(texts: list[str], col: int, text: str) -> None:
    if col >= len(texts):
        texts.extend([""] * (col + 1 - len(texts)))
    texts[col] = text


_EXACT = float(2 ** 53)
_DATES = (date, datetime, time, timedelta)


def _inexact(value: float) -> bool:
    """A float that may stand for digits openpyxl kept exactly (or refused): see _value_text."""
    return not -_EXACT < value < _EXACT


def _value_text(odd: list[int], known: dict[float, str]):
    """Cell text of a calamine value other than ``str``, as openpyxl's value gave it.

    Floats within 2**53 are remembered in ``known``. Any other float, and any date
    or time, is counted in ``odd``: the caller reads its number from the XML again
    unless the scan gave the cell's text already.
    """

    def convert(value: object) -> str:
        kind = value.__class__
        if kind is float:
            if -_EXACT < value < _EXACT:  # type: ignore[operator]
                text = repr(value)  # as _xlsx_text: 2.0 -> "2", 0.1 -> "0.1"
                if text[-2:] == ".0":
                    text = "0" if text == "-0.0" else text[:-2]
                if len(known) < 1_000_000:
                    known[value] = text  # type: ignore[index]
                return text
            odd.append(1)  # nan, inf, or an integer openpyxl read exactly: see _inexact
            return _xlsx_text(value)
        if kind is bool:
            return "true" if value else "false"
        if kind in _DATES:  # a date by calamine's rules: by openpyxl's, it is a number
            odd.append(1)  # (cells in openpyxl's date styles are in scan.values)
        return _xlsx_text(value)

    return convert


def read_xlsx_openpyxl(source: Path, sheet: str | None) -> BomTable:
    """The reader before calamine, for the files :mod:`~greendesign.io.xlsx_scan` leaves to it."""
    import openpyxl

    def load(data_only: bool):
        return openpyxl.load_workbook(source, read_only=True, data_only=data_only)

    try:
        formulas = _has_formulas(source)
        book = load(True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise fail(source, _("the file is not a readable XLSX workbook ({reason}).").format(
            reason=exc), hint=_resave_hint()) from None
    formula_book = None
    number = 0
    try:
        names = book.sheetnames
        name = sheet if sheet is not None else names[0]
        if name not in names:
            raise _no_sheet(source, name, names)
        values = book[name]
        values.reset_dimensions()
        rows = values.iter_rows(values_only=True)
        if formulas:
            formula_book = load(False)
            cells = formula_book[name]
            cells.reset_dimensions()
            formula_rows = cells.iter_rows(values_only=True)
        records: list[tuple[int, list[str]]] = []
        missing: list[tuple[int, int]] = []
        for number, row in enumerate(rows, start=1):
            texts = [_xlsx_text(value) for value in row]
            if formula_book is not None:
                raw = next(formula_rows, ())
                for col, (value, text) in enumerate(zip(raw, texts, strict=False)):
                    if text == "" and (type(value).__name__.endswith("Formula") or (
                            isinstance(value, str) and value.startswith("="))):
                        missing.append((number, col))
                        texts[col] = "="
            while texts and not texts[-1]:
                texts.pop()
            if any(texts):
                records.append((number, texts))
                if len(records) > bom_table.record_limit():
                    raise too_many_rows(source)
    except BomImportError:
        raise
    except Exception as exc:  # a damaged worksheet fails only when its rows are read
        raise fail(source, _("the file is not a readable XLSX workbook (row {row} or below: "
                             "{reason}).").format(row=number + 1, reason=exc),
                   hint=_resave_hint()) from None
    finally:
        book.close()
        if formula_book is not None:
            formula_book.close()
    if missing:
        raise _formula_error(source, name, records, missing)
    return make_table(source, records, encoding=None, sheet=name)


def _formula_error(source: Path, sheet: str, records: list[tuple[int, list[str]]],
                   missing: list[tuple[int, int]]) -> BomImportError:
    from openpyxl.utils import get_column_letter

    headers = records[0][1] if records else []
    problems = []
    for row, col in missing[:100]:
        cell = f"{sheet}!{get_column_letter(col + 1)}{row}"
        header = headers[col] if col < len(headers) and records[0][0] < row else None
        problems.append(Problem(
            message=_("cell {cell} holds a formula with no saved value").format(cell=cell),
            location=_("row {row}, column {column!r}").format(row=row, column=header)
            if header else _("row {row}").format(row=row),
            hint=_("formulas are never calculated on import; open the file in Excel or WPS "
                   "and save it (to store the results), or copy the column and paste values"),
            row=row, column=header))
    count = len(missing)
    return fail(source, ngettext(
        "{count} formula cell has no saved value; nothing was imported.",
        "{count} formula cells have no saved value; nothing was imported.", count).format(
            count=count), problems=problems)


def _resave_hint() -> str:
    return _("Open it in Excel or WPS and save it again as .xlsx, or as CSV UTF-8.")


def _no_sheet(source: Path, name: str, names: list[str]) -> BomImportError:
    return fail(source, _("there is no sheet {sheet!r}.").format(sheet=name),
                hint=_("Sheets in the file: {sheets}.").format(sheets=", ".join(names)))

