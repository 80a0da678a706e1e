"""Quick checks on the raw XML of an XLSX workbook, for the BOM import.

The BOM import reads worksheet values with python-calamine, a Rust reader several
times faster than openpyxl. Calamine does not give everything the import needs, and
it trusts a file more than a desktop import may, so before a worksheet is handed to
it this module looks at the XML itself, mostly with byte searches:

* which worksheet part a sheet name stands for (workbook and relationship parts,
  found the way calamine finds them);
* the size of what calamine will allocate. Calamine keeps a sheet as a dense grid
  from cell ``A1`` to the last cell, so a damaged file with one cell at ``ZZZZZZ2``
  asks for tens of gigabytes and aborts the process (a Rust allocation failure cannot
  be caught); it reserves the shared string table from its declared count likewise;
* that the XML is well formed (expat, as openpyxl), and that number cells, shared
  string indexes and booleans hold what openpyxl could read: calamine reads on where
  openpyxl refused a damaged file;
* the cells holding a formula: calamine gives a formula cell's saved value, or an
  empty cell when there is none, and the import must name such a cell;
* the cells whose text calamine does not give as openpyxl did: error values such as
  ``#N/A`` (calamine: an empty cell), ISO dates (``t="d"``), numbers in a date style
  (decided by openpyxl's own rules) and, on request, the digits of integers beyond
  2**53 (calamine: the nearest float).

The sizes are checked before calamine reads anything of the sheet; the other checks
of a worksheet (:meth:`WorksheetScan.finish`) may run while calamine reads it, since
calamine's result is used only when they pass.

It relies on the layout every spreadsheet writer uses (Excel, WPS, LibreOffice,
openpyxl, XlsxWriter ...): each cell's first attribute is its reference (``<c r="B3"``).
Whatever it cannot vouch for raises :class:`Unsupported`; the import then reads the
file with openpyxl, as before.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from xml.etree import ElementTree
from xml.parsers import expat

#: Cells of the grid calamine allocates (about 32 bytes each, held twice while it builds
#: the sheet): 200,000 rows of 50 columns.
MAX_CELLS = 10_000_000
#: Worksheet XML read for the checks (decompressed); a 50 MB file of a 200,000-row BOM
#: holds far less.
MAX_SHEET_BYTES = 768 * 2**20
#: Entries of the shared string table (calamine reserves room for the declared count).
MAX_SHARED_STRINGS = 5_000_000
_SMALL_PART_BYTES = 64 * 2**20  # workbook and relationship parts
_HEAD_BYTES = 1 << 16  # where the root element is looked for

_ROW_REF = re.compile(rb'row r="([0-9]+)"')
_CELL_REF = re.compile(rb'c r="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_TAG_REST = re.compile(rb'c r="([A-Z]{1,3})([0-9]{1,7})"[^<>]*\Z')  # up to an attribute
_CELL_START = re.compile(rb'c r="([A-Z]{1,3})([0-9]{1,7})"([^<>]*)>')
_FORMULA_TAG = (re.compile(rb"<f[\s>/]"), re.compile(rb":f[\s>/]"))
_PREFIX = re.compile(rb"[\w.-]+")
_ANY_CELL = re.compile(rb"[<:]c[\s>/]")
_SPECIAL_TYPE = re.compile(rb't="([ed])"')  # an attribute when whitespace precedes it
_TYPE_ATTR = re.compile(rb'\st="([^"]*)"')
# what may follow a cell's start tag: an optional formula, then the value or the end tag
_VALUE = re.compile(
    rb'\s*(?:<(?:[\w.-]+:)?f(?:\s[^>]*)?(?:/>|>[^<]*</(?:[\w.-]+:)?f>)\s*)?'
    rb'(?:<(?:[\w.-]+:)?v(?:\s[^>]*)?(?:/>|>([^<]*)</(?:[\w.-]+:)?v>)|(</(?:[\w.-]+:)?c>))')
# a value element that is not a plain number (or nothing) closing its cell: openpyxl and
# calamine read those alike. Text, a second value, attributes, an element inside ... are
# looked at one by one.
_CELL_END = rb"\s*</(?:[\w.-]+:)?c>"
_NUMBER = rb"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_ODD_VALUE = tuple(re.compile(re.escape(p) + rb"v(?!(?:>(?:" + _NUMBER + rb")?</(?:[\w.-]+:)?v>"
                              rb"|\s*/>)" + _CELL_END + rb")(?=[\s>/])") for p in (b"<", b":"))
_TEXT_VALUE = re.compile(rb"(?:\s[^<>]*)?(?:>[^<]*</(?:[\w.-]+:)?v>|/>)" + _CELL_END)
# a shared string index that is not digits, a boolean that is not 0 or 1
_ODD_INDEX = re.compile(rb't="(?:s"[^<>]*+>\s*+<(?:[\w.-]+:)?v>(?![0-9]+</)'
                        rb'|b"[^<>]*+>\s*+<(?:[\w.-]+:)?v>(?![01]</))')
_ROOT = re.compile(rb"<(?:[\w.-]+:)?(worksheet|chartsheet|dialogsheet|macrosheet)[\s>/]")
_NUMBER_FORMAT_ID = re.compile(rb"""numFmtId\s*=\s*["']\s*([0-9]+)""")
_CUSTOM_FORMAT = re.compile(rb"<(?:[\w.-]+:)?numFmt[\s/>]")
#: openpyxl's built-in number formats that are dates or times (openpyxl.styles.numbers)
_BUILTIN_DATE_FORMATS = frozenset([*range(14, 23), 45, 46, 47])
_UNIQUE_COUNT = re.compile(rb"""\suniqueCount\s*=\s*["']([^"']*)["']""")


class Unsupported(Exception):
    """The workbook is left to openpyxl; the message says why."""


@dataclass
class Workbook:
    """The worksheets of a workbook, in workbook order, as calamine finds them."""

    names: list[str]
    parts: dict[str, str]  # sheet name -> zip member of its part ('' for a non-worksheet)
    dates: DateStyles = field(default_factory=lambda: DateStyles(frozenset(), frozenset(), None))


@dataclass(frozen=True)
class DateStyles:
    """The cell styles openpyxl reads numbers of as dates, and the workbook's epoch."""

    dates: frozenset[int]
    durations: frozenset[int]
    epoch: object  # datetime of day 0 (openpyxl's WINDOWS_EPOCH or CALENDAR_MAC_1904)


@dataclass
class SheetScan:
    """What calamine does not tell about one worksheet."""

    part: str
    rows: int  # upper bound of the grid calamine allocates
    columns: int
    formulas: dict[int, list[int]]  # 1-based row -> 0-based columns of cells with a formula
    values: dict[int, dict[int, str]]  # 1-based row -> 0-based column -> cell text


def column_index(letters: bytes) -> int:
    """1-based index of a column name (``b"A"`` is 1, ``b"AA"`` is 27)."""
    index = 0
    for char in letters:
        index = index * 26 + char - 64
    return index


def _check_xml(data: bytes) -> None:
    """Refuse XML that is not well formed, as openpyxl's parser (expat) does.

    Calamine's XML reader accepts, for example, end tags that do not match: such a
    damaged part must be reported, not read (openpyxl names the row).
    """
    try:
        expat.ParserCreate().Parse(data, True)
    except expat.ExpatError as exc:
        raise Unsupported(f"the XML is not well formed ({exc})") from None


# --- workbook ----------------------------------------------------------------------------

def _members(archive: zipfile.ZipFile) -> dict[bytes, str]:
    names = archive.namelist()
    if len(set(names)) != len(names):
        raise Unsupported("the ZIP archive names a part twice")
    # calamine finds parts ignoring ASCII case and with '\' read as '/'
    return {name.replace("\\", "/").encode("utf-8", "surrogateescape").lower(): name
            for name in names}


def _member(members: dict[bytes, str], path: str) -> str | None:
    return members.get(path.encode("utf-8", "surrogateescape").lower())


def _read_small(archive: zipfile.ZipFile, member: str) -> bytes:
    if archive.getinfo(member).file_size > _SMALL_PART_BYTES:
        raise Unsupported(f"part {member} is unusually large")
    with archive.open(member) as handle:
        data = handle.read(_SMALL_PART_BYTES + 1)
    if len(data) > _SMALL_PART_BYTES:
        raise Unsupported(f"part {member} is unusually large")
    return data


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _relationships(archive: zipfile.ZipFile, members: dict[bytes, str],
                   path: str) -> list[dict[str, str]]:
    member = _member(members, path)
    if member is None:
        raise Unsupported(f"no part {path}")
    root = ElementTree.fromstring(_read_small(archive, member))
    return [dict(element.attrib) for element in root.iter()
            if _local(element.tag) == "Relationship"]


def read_workbook(archive: zipfile.ZipFile) -> Workbook:
    """The sheets of the workbook, their parts, and a check of the shared string table.

    Raises
    ------
    Unsupported
        The archive is not laid out as an XLSX workbook that calamine reads (for
        example an .xlsb or .ods file), or its shared string table declares more
        entries than :data:`MAX_SHARED_STRINGS`.
    """
    members = _members(archive)
    target = None
    for rel in _relationships(archive, members, "_rels/.rels"):
        if rel.get("Type", "").endswith("/relationships/officeDocument"):
            target = rel.get("Target")
    if target is None:
        raise Unsupported("no office document in _rels/.rels")
    slash = target.rfind("/")
    base = target[:slash + 1].removeprefix("/") if slash >= 0 else ""
    if _member(members, f"{base}workbook.xml") is None:
        raise Unsupported(f"no part {base}workbook.xml (not an XLSX workbook)")
    rels = {rel.get("Id", ""): rel for rel in _relationships(
        archive, members, f"{base}_rels/workbook.xml.rels")}
    root = ElementTree.fromstring(_read_small(archive, _member(members, f"{base}workbook.xml")))
    names: list[str] = []
    parts: dict[str, str] = {}
    for element in root.iter():
        if _local(element.tag) != "sheet":
            continue
        name, rel_id = element.get("name", ""), None
        for key, value in element.attrib.items():
            if key == "id" or key.endswith("}id"):
                rel_id = value
        rel = rels.get(rel_id or "")
        if rel is None:
            raise Unsupported(f"sheet {name!r} has no relationship")
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        link = rel.get("Target", "")
        path = link[1:] if link.startswith("/") else base + link
        member = _member(members, path)
        if kind == "worksheet" and member is not None and member.lower().endswith(".xml"):
            parts[name] = member
        else:
            parts[name] = ""  # a chart sheet, a missing part ...: openpyxl reports it
        names.append(name)
    _check_shared_strings(archive, _member(members, f"{base}sharedStrings.xml"))
    for name in ("[Content_Types].xml", "xl/styles.xml"):  # openpyxl parses both
        if name in archive.NameToInfo:
            _check_xml(_read_small(archive, name))
    return Workbook(names=names, parts=parts,
                    dates=_date_styles(archive, _member(members, f"{base}workbook.xml")))


def _date_styles(archive: zipfile.ZipFile, workbook: str | None) -> DateStyles:
    """Date styles and epoch as openpyxl's reader takes them (with openpyxl's own code).

    Calamine recognises date formats by its own rules; the import keeps openpyxl's, so
    the cells in these styles are read from the XML (:func:`scan_worksheet`).
    """
    none = DateStyles(frozenset(), frozenset(), None)
    try:
        styles = _read_small(archive, "xl/styles.xml")  # openpyxl reads this name only
    except KeyError:
        return none
    ids = {int(i) for i in _NUMBER_FORMAT_ID.findall(styles)}
    if not _CUSTOM_FORMAT.search(styles) and not ids & _BUILTIN_DATE_FORMATS:
        return none  # no date style: openpyxl (slow to import) is not needed
    from openpyxl.packaging.workbook import WorkbookPackage
    from openpyxl.styles.stylesheet import Stylesheet
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH

    epoch = WINDOWS_EPOCH
    if workbook is not None:
        package = WorkbookPackage.from_tree(ElementTree.fromstring(_read_small(archive, workbook)))
        if package.properties and package.properties.date1904:
            epoch = CALENDAR_MAC_1904
    sheet = Stylesheet.from_tree(ElementTree.fromstring(styles))
    if not sheet.cell_styles:  # openpyxl then keeps a new workbook's styles: no dates
        return DateStyles(frozenset(), frozenset(), epoch)
    return DateStyles(frozenset(sheet.date_formats), frozenset(sheet.timedelta_formats), epoch)


def _check_shared_strings(archive: zipfile.ZipFile, member: str | None) -> None:
    """Well-formed XML, and no count calamine would reserve too much room for."""
    if member is None:
        return
    parser = expat.ParserCreate()
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(1 << 22):
            for count in _UNIQUE_COUNT.findall(tail + chunk):
                if count.strip().isdigit() and int(count) > MAX_SHARED_STRINGS:
                    raise Unsupported(f"the shared string table declares {int(count):,} entries")
            tail = chunk[-256:]
            try:
                parser.Parse(chunk, False)
            except expat.ExpatError as exc:
                raise Unsupported(f"the XML is not well formed ({exc})") from None
    try:
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise Unsupported(f"the XML is not well formed ({exc})") from None


# --- worksheet ---------------------------------------------------------------------------

def read_part(archive: zipfile.ZipFile, member: str) -> bytes:
    """A worksheet part, decompressed (at most :data:`MAX_SHEET_BYTES`)."""
    if archive.getinfo(member).file_size > MAX_SHEET_BYTES:
        raise Unsupported("the worksheet is too large to check")
    with archive.open(member) as handle:
        data = handle.read(MAX_SHEET_BYTES + 1)
    if len(data) > MAX_SHEET_BYTES:
        raise Unsupported("the worksheet is too large to check")
    return data


def _sheet_data(data: bytes) -> tuple[int, int]:
    """Start and end of the ``sheetData`` element (all cells are inside)."""
    root = _ROOT.search(data, 0, _HEAD_BYTES)
    if root is None or root.group(1) != b"worksheet":
        raise Unsupported("the part is not a worksheet")
    start = data.find(b"sheetData", root.end())
    if start < 0:
        return 0, 0
    return start, data.rfind(b"sheetData") + len(b"sheetData")


def _grid(data: bytes, start: int, end: int) -> tuple[int, int]:
    """Bounds (rows, columns) of the grid calamine allocates for the cells with a value."""
    last = data.rfind(b'row r="', start, end)
    if last < 0:  # no row numbers: fine only without cells
        if _ANY_CELL.search(data, start, end):
            raise Unsupported("rows without a row number")
        return 0, 0
    digits = _ROW_REF.match(data, last)
    row_digits = len(digits.group(1)) if digits else 7
    if row_digits > 7:
        raise Unsupported("a row number beyond the worksheet limits")
    columns = 26
    for prefix in (b"<", b":"):
        # a cell whose reference is not one letter and at most `row_digits` digits
        odd = re.compile(re.escape(prefix) + rb'c(?! r="[A-Z][0-9]{1,%d}")(?=[\s>/])'
                         % row_digits)
        for match in odd.finditer(data, start, end):
            wide = _CELL_REF.match(data, match.start() + len(prefix))
            if wide is None or len(wide.group(2)) > row_digits:
                raise Unsupported("a cell reference calamine would read differently "
                                  f"({data[match.start():match.start() + 24]!r})")
            columns = max(columns, column_index(wide.group(1)))
    rows = 10 ** row_digits - 1
    if rows * columns > MAX_CELLS:  # find the last row exactly
        longest = re.compile(rb'c r="[A-Z]{1,3}([0-9]{%d})"' % row_digits).findall(
            data, start, end)
        rows = int(max(longest)) if longest else 10 ** (row_digits - 1) - 1
    if rows * columns > MAX_CELLS:
        raise Unsupported(f"the cell grid is {rows:,} rows by {columns:,} columns")
    return rows, columns


def _cell_before(data: bytes, start: int, at: int) -> tuple[int, int, int]:
    """Row, column (0-based) and start of the cell whose start tag ends at, or holds, ``at``."""
    begin = data.rfind(b'c r="', start, at)
    match = _CELL_TAG_REST.match(data, begin, at) if begin > start else None
    if match is None or data[begin - 1:begin] not in (b"<", b":") or match.group().endswith(b"/"):
        raise Unsupported("a formula or typed value outside a cell")
    return int(match.group(2)), column_index(match.group(1)) - 1, begin


def _formulas(data: bytes, start: int, end: int) -> dict[int, list[int]]:
    """The cells with a formula (an ``f`` element, always a cell's first child)."""
    cells: dict[int, list[int]] = {}
    for pattern in _FORMULA_TAG:
        for match in pattern.finditer(data, start, end):
            opening = match.start()
            if data[opening:opening + 1] == b":":  # <x:f ...>: the tag starts before its prefix
                opening = data.rfind(b"<", start, opening)
                if opening < 0 or not _PREFIX.fullmatch(data, opening + 1, match.start()):
                    raise Unsupported("a formula tag calamine would read differently")
            close = data.rfind(b">", start, opening)
            if close < 0 or data[close + 1:opening].strip():
                raise Unsupported("a formula that is not a cell's first element")
            row, col, _begin = _cell_before(data, start, close)
            cells.setdefault(row, []).append(col)
    for cols in cells.values():
        cols.sort()
    return cells


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return html.unescape(text) if "&" in text else text


def _check_values(data: bytes, start: int, end: int) -> None:
    """Refuse values openpyxl refused, or that calamine would read otherwise.

    openpyxl cast a number cell's value with ``int()``/``float()`` and a shared string
    index with ``int()``, and refused the file when that failed; calamine reads such a
    value as text, or as shared string 0; of two values in a cell openpyxl took the first
    and calamine the last. Plain numbers are read alike by both.
    """
    for pattern in _ODD_VALUE:
        for match in pattern.finditer(data, start, end):
            begin = data.rfind(b'c r="', start, match.start())
            cell = _CELL_START.match(data, begin) if begin > start else None
            if cell is None or cell.end() > match.start() or \
                    data[begin - 1:begin] not in (b"<", b":"):
                raise Unsupported("a value outside a cell")
            kind = _TYPE_ATTR.search(cell.group(3))
            if kind is None or kind.group(1) not in (b"str", b"e", b"d", b"inlineStr") or \
                    not _TEXT_VALUE.match(data, match.end(), end):
                raise Unsupported("a cell value openpyxl did not read "
                                  f"({data[begin:begin + 80]!r})")
    odd = _ODD_INDEX.search(data, start, end)
    if odd:
        raise Unsupported(f"a shared string index or boolean that is not one ({odd.group()!r})")


def _typed_values(data: bytes, start: int, end: int) -> dict[int, dict[int, str]]:
    """Texts of error cells (``t="e"``) and ISO date cells (``t="d"``), as openpyxl read them."""
    from openpyxl.utils.datetime import from_ISO8601

    values: dict[int, dict[int, str]] = {}
    for match in _SPECIAL_TYPE.finditer(data, start, end):
        if not data[match.start() - 1:match.start()].isspace():
            continue  # ...t="e" in the middle of a word: not a type attribute
        row, col, _begin = _cell_before(data, start, match.start())
        tag_end = data.find(b">", match.end(), end)
        if tag_end < 0:
            raise Unsupported("an unfinished cell")
        if data[tag_end - 1:tag_end] == b"/":
            raw = None
        else:
            value = _VALUE.match(data, tag_end + 1, end)
            if value is None:
                raise Unsupported("a typed cell laid out unusually")
            raw = value.group(1)
        text = _text(raw) if raw else None  # openpyxl: findtext(...) or None
        if text is None:
            shown = ""
        elif match.group(1) == b"e":
            shown = text.strip()
        else:
            try:
                shown = cell_text(from_ISO8601(text))
            except (ValueError, TypeError) as exc:  # openpyxl refuses the file
                raise Unsupported(f"an ISO date openpyxl cannot read ({exc})") from None
        values.setdefault(row, {})[col] = shown
    return values


def _dated_values(data: bytes, start: int, end: int, styles: DateStyles,
                  values: dict[int, dict[int, str]]) -> None:
    """Texts of the number cells in a date style, as openpyxl's reader made them.

    openpyxl turned such a number into a datetime (a time below 1, a timedelta in an
    elapsed-time style, ``#VALUE!`` outside the calendar); calamine has its own rules
    (it gives a time for negative serials, for example), so these are taken from the XML.
    """
    from openpyxl.utils.datetime import from_excel

    if 0 in styles.dates:  # cells without a style attribute would be dates too
        raise Unsupported("the default cell style is a date format")
    ids = b"|".join(b"%d" % i for i in sorted(styles.dates, reverse=True))
    for match in re.compile(rb's="(%s)"' % ids).finditer(data, start, end):
        if not data[match.start() - 1:match.start()].isspace():
            continue
        row, col, begin = _cell_before(data, start, match.start())
        tag_end = data.find(b">", match.end(), end)
        if tag_end < 0:
            raise Unsupported("an unfinished cell")
        kind = _TYPE_ATTR.search(data, begin, tag_end)
        if (kind and kind.group(1) != b"n") or data[tag_end - 1:tag_end] == b"/":
            continue  # text, booleans ... and empty cells are not dates
        value = _VALUE.match(data, tag_end + 1, end)
        if value is None:
            raise Unsupported("a dated cell laid out unusually")
        if not value.group(1):
            continue
        number = _cast_number(_text(value.group(1)))
        try:
            shown = cell_text(from_excel(number, styles.epoch,
                                         timedelta=int(match.group(1)) in styles.durations))
        except (OverflowError, ValueError):
            shown = "#VALUE!"  # openpyxl: "outside the limits for dates", an error cell
        values.setdefault(row, {})[col] = shown


def _cast_number(text: str) -> int | float:
    """A number cell's text as openpyxl's reader cast it (an ``int`` unless it has . or e)."""
    try:
        return float(text) if "." in text or "E" in text or "e" in text else int(text)
    except ValueError as exc:  # openpyxl refused the file
        raise Unsupported(f"a number openpyxl cannot read ({exc})") from None


class WorksheetScan:
    """The checks of one worksheet part, in two steps.

    Making it reads the part and bounds the grid calamine allocates for the sheet
    (:attr:`rows`, :attr:`columns`): this must come before calamine reads the sheet.
    :meth:`finish` makes every other check; it may run while calamine reads.

    Raises
    ------
    Unsupported
        The worksheet is too large to check, not a worksheet, or its grid is over
        :data:`MAX_CELLS` or laid out in a way these checks do not cover.
    """

    def __init__(self, archive: zipfile.ZipFile, member: str) -> None:
        self.part = member
        self.data = read_part(archive, member)
        self.start, self.end = _sheet_data(self.data)
        self.rows, self.columns = _grid(self.data, self.start, self.end)

    def finish(self, styles: DateStyles | None = None) -> SheetScan:
        """Check the rest (see :func:`scan_worksheet`) and give what calamine does not tell.

        Raises
        ------
        Unsupported
            The XML is not well formed, or holds a value openpyxl refused or a cell
            these checks do not cover.
        """
        data, start, end = self.data, self.start, self.end
        self.data = b""  # the part is not kept past the checks
        _check_xml(data)
        _check_values(data, start, end)
        formulas: dict[int, list[int]] = {}
        if _FORMULA_TAG[0].search(data, start, end) or _FORMULA_TAG[1].search(data, start, end):
            formulas = _formulas(data, start, end)
        values = _typed_values(data, start, end) if _SPECIAL_TYPE.search(data, start, end) \
            else {}
        if styles is not None and styles.dates:
            _dated_values(data, start, end, styles, values)
        return SheetScan(part=self.part, rows=self.rows, columns=self.columns,
                         formulas=formulas, values=values)


def scan_worksheet(archive: zipfile.ZipFile, member: str,
                   styles: DateStyles | None = None) -> SheetScan:
    """Check one worksheet part before calamine reads it.

    Raises
    ------
    Unsupported
        The worksheet is laid out in a way these checks do not cover, its grid is
        over :data:`MAX_CELLS`, or it holds a value openpyxl refused.
    """
    return WorksheetScan(archive, member).finish(styles)


def number_texts(archive: zipfile.ZipFile, member: str,
                 cells: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """The number in each of ``cells`` (1-based row, 0-based column) as openpyxl read it.

    openpyxl read a number written without ``.`` or an exponent as a Python ``int``:
    its digits are kept exactly, where calamine gives the nearest float. ``nan``,
    ``inf`` and integers of more than 4,300 digits made openpyxl refuse the file.

    Raises
    ------
    Unsupported
        A cell is not found as expected, or openpyxl could not read its number.
    """
    from openpyxl.utils import get_column_letter

    data = read_part(archive, member)
    out: dict[tuple[int, int], str] = {}
    at = 0
    for row, col in sorted(cells):
        needle = b'c r="%s%d"' % (get_column_letter(col + 1).encode(), row)
        found = data.find(needle, at)
        if found < 0:
            found = data.find(needle)
        cell = _CELL_START.match(data, found) if found >= 0 else None
        value = _VALUE.match(data, cell.end()) if cell else None
        if cell is None or value is None or not value.group(1) or cell.group(3).endswith(b"/"):
            raise Unsupported(f"the number in row {row} is laid out unusually")
        kind = _TYPE_ATTR.search(cell.group(3))
        if kind and kind.group(1) != b"n":
            raise Unsupported(f"a number in a cell of type {kind.group(1)!r}")
        out[(row, col)] = cell_text(_cast_number(_text(value.group(1))))
        at = found
    return out


def cell_text(value: object) -> str:
    """The text of a cell value as openpyxl gives it (``1.0`` is ``"1"``, dates in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()
