"""Import a bill of materials from a CSV or XLSX file.

Two steps, so a user interface can show the columns and let the user map them
between the two:

1. :func:`read_bom_table` reads the file into a :class:`BomTable` (header and
   cell text), detecting the CSV encoding and delimiter or reading the XLSX
   cached values;
2. :func:`import_bom` maps the headers onto the BOM columns
   (:mod:`greendesign.io.bom_columns`), checks every cell, builds the tree from
   the ``level`` or ``parent`` column and returns validated
   :class:`~greendesign.model.Part` and :class:`~greendesign.model.Assembly`
   nodes.

An import with any error raises :class:`~greendesign.errors.BomImportError`
listing every problem with its row (1-based line of the file, header = row 1)
and column (the header as written); nothing is returned then. The file format
is documented for users in ``docs/bom-format.md``.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from greendesign.errors import BomImportError, Problem
from greendesign.io import xlsx_scan
from greendesign.io.bom_columns import RECOGNISED_COLUMNS, REQUIRED_COLUMNS, guess_mapping
from greendesign.io.bom_rows import build_nodes
from greendesign.io.xlsx_scan import cell_text as _xlsx_text
from greendesign.model import Assembly, Part, Product, ProductCategory

_log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
_HEADER_SEARCH_ROWS = 10
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


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


@dataclass
class BomImport:
    """The result of a BOM import: top-level nodes, warnings and the mapping used."""

    nodes: list[Part | Assembly]
    warnings: list[Problem]
    mapping: dict[str, str]
    source: Path


def _fail(source: Path, message: str, hint: str = "",
          problems: list[Problem] | None = None) -> BomImportError:
    return BomImportError(f"{source}: {message}", hint=hint, problems=problems)


# --- reading ---------------------------------------------------------------------------

def read_bom_table(path: str | Path, *, encoding: str | None = None,
                   sheet: str | None = None) -> BomTable:
    """Read a CSV or XLSX BOM file into header and cell text.

    Parameters
    ----------
    path
        A ``.csv`` (also ``.txt``, ``.tsv``) or ``.xlsx`` (``.xlsm``) file. Other
        suffixes are read by content: a ZIP file as XLSX, anything else as CSV.
    encoding
        CSV text encoding; by default UTF-8 (with or without BOM) is tried
        strictly, then GB18030 (which includes GBK and GB2312). UTF-16 files with
        a byte order mark are recognised.
    sheet
        XLSX worksheet name; by default the first sheet.

    Returns
    -------
    BomTable
        The header row, the non-empty data rows and their file row numbers. The
        header is the first row unless one of the next rows is the one with
        recognised BOM headers (title rows above the header are skipped).

    Raises
    ------
    BomImportError
        The file is missing, too large (over 50 MB or 200,000 rows), not a CSV
        or XLSX file, in an unknown encoding, or an XLSX formula has no saved value.
    """
    source = Path(path)
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise _fail(source, "the file does not exist.") from None
    except OSError as exc:
        raise _fail(source, f"cannot read the file: {exc.strerror or exc}.") from None
    if source.is_dir():
        raise _fail(source, "this is a folder, not a BOM file.")
    if size > MAX_FILE_BYTES:
        raise _fail(source, f"the file is {size / 2**20:.0f} MiB; BOM files of at most "
                    f"{MAX_FILE_BYTES // 2**20} MiB are read.",
                    hint="Split the BOM, or remove columns and sheets it does not need.")
    suffix = source.suffix.lower()
    if suffix == ".xls":
        raise _fail(source, "old Excel 97-2003 (.xls) files are not read.",
                    hint="Open it in Excel or WPS and save it as .xlsx or as CSV UTF-8.")
    try:
        with source.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise _fail(source, f"cannot read the file: {exc.strerror or exc}.") from None
    if suffix in (".xlsx", ".xlsm") or magic == b"PK\x03\x04":
        return _read_xlsx(source, sheet)
    return _read_csv(source, encoding)


def _decode(source: Path, raw: bytes, encoding: str | None) -> tuple[str, str]:
    save_hint = "Save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8)."
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except LookupError:
            raise _fail(source, f"unknown text encoding {encoding!r}.",
                        hint="Use utf-8, utf-8-sig or gb18030.") from None
        except UnicodeDecodeError as exc:
            raise _fail(source, f"the file is not {encoding} text (byte {exc.start}).",
                        hint=save_hint) from None
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: same start
        try:
            return raw.decode("utf-32"), "utf-32"
        except UnicodeDecodeError:
            raise _fail(source, "the file is damaged UTF-32 text.", hint=save_hint) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise _fail(source, "the file is damaged UTF-16 text.", hint=save_hint) from None
    if b"\x00" in raw[:65536]:
        raise _fail(source, "the file is not a CSV text file (it holds binary data).",
                    hint="Choose a .csv or .xlsx file. " + save_hint)
    try:
        text = raw.decode("utf-8-sig")
        return text, "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise _fail(source, f"the file is neither UTF-8 nor GBK/GB18030 text (byte {exc.start}).",
                    hint=save_hint) from None


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_count = ",", 0
    for delimiter in (",", ";", "\t"):
        try:
            counts = [len(cells) for cells in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # e.g. a cell over the field size limit: the reader reports it
            continue
        count = max(counts, default=0)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _too_many_rows(source: Path) -> BomImportError:
    return _fail(source, f"the file has more than {MAX_ROWS:,} rows.",
                 hint="Split the BOM into several files (for example one per module).")


def _read_csv(source: Path, encoding: str | None) -> BomTable:
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise _fail(source, f"cannot read the file: {exc.strerror or exc}.") from None
    text, used = _decode(source, raw, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    records: list[tuple[int, list[str]]] = []
    last_line = 0
    try:
        for cells in reader:
            start, last_line = last_line + 1, reader.line_num
            cells = [cell.strip() for cell in cells]
            if any(cells):
                records.append((start, cells))
                if len(records) > MAX_ROWS + _HEADER_SEARCH_ROWS:
                    raise _too_many_rows(source)
    except csv.Error as exc:
        raise _fail(source, f"line {reader.line_num}: {exc}.",
                    hint="Check the quotes on that line.") from None
    return _table(source, records, encoding=used, sheet=None)


def _table(source: Path, records: list[tuple[int, list[str]]], *, encoding: str | None,
           sheet: str | None) -> BomTable:
    if not records:
        raise _fail(source, "the file is empty.", hint="A BOM file needs a header row and "
                    "one row per part; see docs/bom-format.md.")
    header_at = 0
    if len(guess_mapping(records[0][1])) < 2:
        for i, (_row, cells) in enumerate(records[1:_HEADER_SEARCH_ROWS], start=1):
            if len(guess_mapping(cells)) >= 2:
                header_at = i
                break
    headers = records[header_at][1]
    while headers and not headers[-1]:
        headers = headers[:-1]
    data = records[header_at + 1:]
    if len(data) > MAX_ROWS:
        raise _too_many_rows(source)
    return BomTable(source=source, headers=headers, rows=[cells for _row, cells in data],
                    encoding=encoding, sheet=sheet, row_numbers=[row for row, _ in data],
                    header_row=records[header_at][0])


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


def _read_xlsx(source: Path, sheet: str | None) -> BomTable:
    """Read an XLSX worksheet with calamine, or with openpyxl when the checks say so.

    Both give the same table and the same errors; calamine (with the checks of
    :mod:`greendesign.io.xlsx_scan`) takes a fifth of the time. Workbooks those checks
    cannot vouch for (damaged, unusually laid out, or with a cell grid too large to
    allocate) are read by openpyxl, which then also reports a damaged file as before.
    """
    try:
        return _read_xlsx_calamine(source, sheet)
    except xlsx_scan.Unsupported as exc:
        _log.info("%s: read with openpyxl: %s", source, exc)
    return _read_xlsx_openpyxl(source, sheet)


def _open_calamine(source: Path, handle):
    from python_calamine import CalamineWorkbook

    if source.suffix.lower() in (".xlsx", ".xlsm"):
        return CalamineWorkbook.from_path(str(source))
    return CalamineWorkbook.from_filelike(handle)  # any suffix: detected by content


def _read_xlsx_calamine(source: Path, sheet: str | None) -> BomTable:
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
                    raise _fail(source, f"there is no sheet {name!r}.",
                                hint=f"Sheets in the file: {', '.join(names)}.")
                if not workbook.parts[name]:
                    raise xlsx_scan.Unsupported(f"sheet {name!r} is not a worksheet part")
                # before calamine allocates the sheet's grid: is it of a sane size?
                scan = xlsx_scan.scan_worksheet(archive, workbook.parts[name], workbook.dates)
                cal_sheet = book.get_sheet_by_name(name)
                end = cal_sheet.end
                if end is not None and (end[0] >= scan.rows or end[1] >= scan.columns):
                    raise xlsx_scan.Unsupported("calamine read a larger grid than checked")
                with _no_gc():  # millions of new objects, none of them garbage
                    grid = cal_sheet.to_python(skip_empty_area=False)
            finally:
                book.close()
            if len(grid) != (end[0] + 1 if end is not None else 0) or (
                    grid and len(grid[0]) != end[1] + 1):
                raise xlsx_scan.Unsupported("calamine gave the grid in another shape")
            with _no_gc():
                records, missing, numbers = _calamine_records(source, grid, scan)
            del grid
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
    return _table(source, records, encoding=None, sheet=name)


@contextlib.contextmanager
def _no_gc():
    """Pause the cyclic garbage collector: each of its passes over a large open project
    while the grid's objects are made would cost more than the reading itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _calamine_records(source: Path, grid: list[list], scan: xlsx_scan.SheetScan) -> tuple[
        list[tuple[int, list[str]]], list[tuple[int, int]], dict[tuple[int, int], list[str]]]:
    """The non-empty rows of a calamine grid as cell texts, as openpyxl gave them.

    Returns the records (file row, texts), the formula cells without a saved value,
    and the number cells to read again from the XML (integers beyond 2**53, ``nan``,
    ``inf``) with the texts list holding each.
    """
    limit = MAX_ROWS + _HEADER_SEARCH_ROWS
    formulas, values = scan.formulas, scan.values
    records: list[tuple[int, list[str]]] = []
    missing: list[tuple[int, int]] = []
    numbers: dict[tuple[int, int], list[str]] = {}
    odd: list[int] = []  # a float calamine cannot give exactly: set by _value_text
    known: dict[float, str] = {}  # float -> text (quantities, shares ... repeat)
    convert, known_text = _value_text(odd, known), known.get
    str_, float_ = str, float
    number = 0
    for number, row in enumerate(grid, start=1):
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
                raise _too_many_rows(source)
    # formula cells without a value below or right of every value: outside the grid
    for row in sorted(r for r in formulas if r > number):
        texts = []
        for col in formulas[row]:
            missing.append((row, col))
            _put(texts, col, "=")
        records.append((row, texts))
    return records, missing, numbers


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


def _read_xlsx_openpyxl(source: Path, sheet: str | None) -> BomTable:
    """The reader before calamine, for the files :mod:`~greendesign.io.xlsx_scan` leaves to it."""
    import openpyxl

    def load(data_only: bool):
        return openpyxl.load_workbook(source, read_only=True, data_only=data_only)

    try:
        formulas = _has_formulas(source)
        book = load(True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise _fail(source, f"the file is not a readable XLSX workbook ({exc}).",
                    hint="Open it in Excel or WPS and save it again as .xlsx, or as CSV UTF-8."
                    ) from None
    formula_book = None
    number = 0
    try:
        names = book.sheetnames
        name = sheet if sheet is not None else names[0]
        if name not in names:
            raise _fail(source, f"there is no sheet {name!r}.",
                        hint=f"Sheets in the file: {', '.join(names)}.")
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
                if len(records) > MAX_ROWS + _HEADER_SEARCH_ROWS:
                    raise _too_many_rows(source)
    except BomImportError:
        raise
    except Exception as exc:  # a damaged worksheet fails only when its rows are read
        raise _fail(source, f"the file is not a readable XLSX workbook (row {number + 1} or "
                    f"below: {exc}).",
                    hint="Open it in Excel or WPS and save it again as .xlsx, or as CSV UTF-8."
                    ) from None
    finally:
        book.close()
        if formula_book is not None:
            formula_book.close()
    if missing:
        raise _formula_error(source, name, records, missing)
    return _table(source, records, encoding=None, sheet=name)


def _formula_error(source: Path, sheet: str, records: list[tuple[int, list[str]]],
                   missing: list[tuple[int, int]]) -> BomImportError:
    from openpyxl.utils import get_column_letter

    headers = records[0][1] if records else []
    problems = []
    for row, col in missing[:100]:
        cell = f"{sheet}!{get_column_letter(col + 1)}{row}"
        header = headers[col] if col < len(headers) and records[0][0] < row else None
        problems.append(Problem(
            message=f"cell {cell} holds a formula with no saved value",
            location=f"row {row}" + (f", column {header!r}" if header else ""),
            hint="formulas are never calculated on import; open the file in Excel or WPS and "
                 "save it (to store the results), or copy the column and paste values",
            row=row, column=header))
    return _fail(source, f"{len(missing)} formula cell(s) have no saved value; nothing was "
                 "imported.", problems=problems)


# --- import ----------------------------------------------------------------------------

def _check_mapping(table: BomTable, mapping: dict[str, str] | None,
                   warnings: list[Problem]) -> dict[str, str]:
    headers = table.headers
    listed = ", ".join(repr(h) for h in headers if h) or "(none)"
    if mapping is None:
        used = guess_mapping(headers)
    else:
        used = {h: c for h, c in mapping.items() if c}
        problems = []
        for header, column in used.items():
            if header not in headers:
                problems.append(Problem(f"the mapping names column {header!r}, which is not in "
                                        "the file", hint=f"headers in the file: {listed}",
                                        column=header))
            if column not in RECOGNISED_COLUMNS:
                problems.append(Problem(f"column {header!r} is mapped to {column!r}, which is "
                                        "not a BOM column",
                                        hint=f"use one of {', '.join(RECOGNISED_COLUMNS)}",
                                        column=header))
        seen: dict[str, str] = {}
        for header, column in used.items():
            if column in seen:
                problems.append(Problem(f"columns {seen[column]!r} and {header!r} are both "
                                        f"mapped to {column!r}", hint="map only one of them",
                                        column=header))
            seen[column] = header
        if problems:
            raise _fail(table.source, "the column mapping is not valid.", problems=problems)
    targets = set(used.values())
    missing = [c for c in REQUIRED_COLUMNS if c not in targets]
    if missing:
        raise _fail(table.source, f"no column gives {', '.join(repr(c) for c in missing)}.",
                    hint=f"Headers in the file: {listed}. Map a header to each of them, or "
                         "rename the headers (e.g. 'name'/'名称', 'mass'/'质量', "
                         "'material'/'材料'); see docs/bom-format.md.",
                    problems=[Problem(f"required column {c!r} is not mapped", field=c,
                                      hint=f"headers in the file: {listed}") for c in missing])
    if "level" in targets and "parent" in targets:
        parent = next(h for h, c in used.items() if c == "parent")
        warnings.append(Problem(f"column {parent!r} (parent) was ignored: the tree comes from "
                                "the level column", column=parent))
        used = {h: c for h, c in used.items() if c != "parent"}
    for index, header in enumerate(headers):
        if header in used and headers.index(header) == index:
            continue
        filled = any(index < len(row) and row[index] for row in table.rows)
        if not header and not filled:
            continue
        label = repr(header) if header else f"number {index + 1} (no header)"
        reason = ("its header appears twice" if header in used else
                  "it is not a BOM column" if mapping is None or not header else "it is not mapped")
        warnings.append(Problem(f"column {label} was ignored: {reason}",
                                column=header or None,
                                hint="see docs/bom-format.md for the recognised headers"))
    return used


def import_bom(source: str | Path | BomTable, mapping: dict[str, str] | None = None, *,
               encoding: str | None = None, sheet: str | None = None) -> BomImport:
    """Import a BOM file (or a table already read) into validated BOM nodes.

    Parameters
    ----------
    source
        A CSV/XLSX file, or a :class:`BomTable` from :func:`read_bom_table`.
    mapping
        Source header -> BOM column, as chosen in a column-mapping step. It
        replaces the guess of :func:`~greendesign.io.bom_columns.guess_mapping`;
        headers left out (or mapped to ``""``) are ignored.
    encoding, sheet
        Passed to :func:`read_bom_table` when ``source`` is a path.

    Returns
    -------
    BomImport
        The top-level nodes (ready for ``Product(bom=...)``), warnings (ignored
        columns, assembly masses that differ from their parts by more than 5 %,
        a skipped level-0 product row ...), the mapping used and the source.

    Raises
    ------
    BomImportError
        Any error in the file; its ``problems`` name every bad row and column.
        Nothing is imported then.
    """
    table = source if isinstance(source, BomTable) else read_bom_table(
        source, encoding=encoding, sheet=sheet)
    if len(table.rows) > MAX_ROWS:
        raise _too_many_rows(table.source)
    warnings: list[Problem] = []
    if table.header_row > 1:
        warnings.append(Problem(f"rows 1 to {table.header_row - 1} above the header row were "
                                "skipped", row=table.header_row))
    used = _check_mapping(table, mapping, warnings)
    nodes = build_nodes(table, used, warnings)
    return BomImport(nodes=nodes, warnings=warnings, mapping=used, source=table.source)


def product_from_bom(result: BomImport, *, name: str, functional_unit: str,
                     service_life_years: float,
                     category: ProductCategory = ProductCategory.OTHER) -> Product:
    """Make a new product around an imported BOM.

    Parameters
    ----------
    result
        The result of :func:`import_bom`.
    name, functional_unit, service_life_years, category
        The product's identity (see :class:`~greendesign.model.Product`); the
        lifecycle scenario starts with its defaults.

    Raises
    ------
    ModelValidationError
        One of the product fields is invalid.
    """
    return Product(name=name, functional_unit=functional_unit,
                   service_life_years=service_life_years, category=category,
                   bom=list(result.nodes))
