"""Fuzzing of BOM imports (CSV and XLSX): every input imports or raises the typed error.

Property checked on every input: :func:`import_bom` either returns nodes (and then
:func:`product_from_bom` builds a product or raises a :class:`GreenDesignError`),
or raises :class:`BomImportError` with a non-empty message whose problems name
their row and column. Any other exception, or an example running into the hang
guard, fails the test.

The example count is bounded for the normal suite; ``make fuzz`` raises it
through ``GREENDESIGN_FUZZ_EXAMPLES``, which also enables the 100,000-row cases.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import functools
import io
import os
import re
import signal
import warnings
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from greendesign.errors import BomImportError, GreenDesignError
from greendesign.io.bom_import import import_bom, product_from_bom

EXAMPLES = int(os.environ.get("GREENDESIGN_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])  # tmp_path: one file
#: Files built with openpyxl are slower: a third of the examples, at least 20.
FUZZ_XLSX = settings(FUZZ, max_examples=max(20, EXAMPLES // 3))
#: An example still running after this many seconds is a hang (the slowest take ~1 s).
HANG_SECONDS = 120


@contextlib.contextmanager
def _hang_guard(seconds: int = HANG_SECONDS):
    def alarm(_signum, _frame):
        raise AssertionError(f"the import did not finish within {seconds} s (hang)")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _mentions(text: str, column: str) -> bool:
    return column in text or repr(column) in text


def _check_error(exc: GreenDesignError) -> None:
    assert isinstance(exc, BomImportError), type(exc)
    assert exc.message.strip() and str(exc).strip()
    in_rows = "in the BOM; nothing was imported" in exc.message
    for problem in exc.problems:
        text = str(problem)
        assert problem.message.strip(), exc
        if problem.row is not None:
            assert f"row {problem.row}" in text, text
        if problem.column:
            assert _mentions(text, problem.column), text
        if in_rows and not problem.message.startswith("... and "):
            assert problem.row is not None, text  # a cell or row problem names its row


def outcome(path, **kwargs):
    """Import ``path``: the nodes, or ``None`` after checking the typed error."""
    with _hang_guard():
        try:
            result = import_bom(path, **kwargs)
        except GreenDesignError as exc:
            _check_error(exc)
            return None
        except Exception as exc:  # noqa: BLE001 - the property under test
            pytest.fail(f"{type(exc).__name__} escaped the BOM import: {exc}")
        assert result.nodes
        try:
            product_from_bom(result, name="Fuzz", functional_unit="one", service_life_years=1)
        except GreenDesignError as exc:
            assert str(exc).strip()
        return result


def problems(path, **kwargs):
    """The problems of an import that must fail."""
    with pytest.raises(BomImportError) as info:
        import_bom(path, **kwargs)
    _check_error(info.value)
    return info.value.problems


# --- writing files ---------------------------------------------------------------------

def csv_text(rows, delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def write_csv(path, rows, encoding="utf-8", bom=b""):
    path.write_bytes(bom + csv_text(rows).encode(encoding))
    return path


def write_xlsx(path, rows, cached=None):
    """Write rows with openpyxl; ``=...`` text is a formula, saved without a value.

    ``cached`` (a number) is stored as the saved value of every formula, as Excel does.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:  # control characters cannot be stored in a worksheet
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c
                      for c in row])
    book.save(path)
    if cached is not None:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    content = content.replace(b"</f><v></v>", f"</f><v>{cached}</v>".encode())
                    content = content.replace(b"</f><v/>", f"</f><v>{cached}</v>".encode())
                target.writestr(item, content)
    return path


def write_table(path, rows, kind):
    if kind == "xlsx":
        return write_xlsx(path.with_suffix(".xlsx"), rows)
    return write_csv(path.with_suffix(".csv"), rows)


# --- strategies ------------------------------------------------------------------------

SAFE = st.text(st.characters(codec="utf-8", categories=("L", "N"),
                             exclude_characters="\x00"), min_size=1, max_size=12)
NAMES = SAFE | st.sampled_from(["Top cover", "上盖", "螺钉 M4", "Batterie", "café", "外壳组件"])
MATERIALS = st.sampled_from(["pp", "abs", "steel", "li_ion", "pc_abs", "铝"])
UNITS = st.sampled_from(["g", "kg", "t", "lb", "oz", "克", "公斤", "磅", "gram", "lbs"])
MASSES = st.floats(min_value=1e-6, max_value=1e6).map(lambda v: f"{v:.6g}")

# Cell texts aimed at each column's edge cases.
BAD_MASSES = ["-1", "0", "-0", "NaN", "nan", "inf", "-inf", "Infinity", "1e308", "1e308 t",
              "1e309", "1e-320", "9" * 400, "1e99999", "0x10", "1_000", "1,250", "250 g",
              "0,25 kg", "2 kgg", "3 gramm", "4磅", "5 磅", "", " ", "abc", "—", "1.2.3", "1e",
              "١٢", "12", "½"]
BAD_UNITS = ["kgg", "gramm", "磅", "g", "kg", "", "KG", "Lbs", "克", "tonne", "%", "mg", "μg"]
BAD_QUANTITIES = ["0", "-1", "-0.5", "1e308", "nan", "inf", "4 pcs", "4个", "two", "", "1e-320",
                  "0,5", "3 pcs pcs"]
BAD_LEVELS = ["1", "2", "3", "0", "-1", "1.5", "", ".1", "..2", "...", "..3", "1e308", "1e400",
              "nan", "inf", "." * 150, "101", "一"]
BAD_SHARES = ["30%", "0.3", "1.5", "-0.1", "2000%", "2001%", "30", "%", "nan%", "1e308%",
              "1e-999999999%", "", "0,3"]
BAD_MISC = ["", "x", "=1+2", "'=SUM(A1)", "+1", "-", "@x", "a;b", ";", "a;;b", "1;-2", "x;1",
            "yes", "no", "battery", "电池", "screw", "螺钉", "unknown joint", "0", "10001",
            "1e308", "PP", ">PP<", " " * 3, "\t", "A" * 300, "🙂", "\u202e", "\ufeff"]
IDS = ["A", "B", "C", "A", "", "has space", "a/b", "x" * 65, "P001", "P002", "🙂"]

HEADER_POOL = ["level", "id", "name", "name_zh", "quantity", "mass", "mass_unit", "material",
               "recycled_content", "scrap_rate", "process", "process_amount", "joint",
               "joint_count", "module", "priority_part", "plastic_marking", "notes", "parent",
               "层级", "编号", "名称", "质量(g)", "材料", "数量", "Mass (lb)", "Weight [kg]",
               "Recycled content (%)", "Description", "No.", "Part Number", "父项", "单位",
               "", "junk", "Unit", "质量（g）", "重量/kg", "Mass (%)", "ｎａｍｅ"]

_COLUMN_VALUES = {
    "mass": BAD_MASSES, "quantity": BAD_QUANTITIES, "level": BAD_LEVELS, "id": IDS,
    "parent": IDS + ["missing"], "mass_unit": BAD_UNITS, "recycled_content": BAD_SHARES,
    "scrap_rate": BAD_SHARES,
}


def _cells_for(header: str):
    from greendesign.io.bom_columns import guess_mapping

    column = guess_mapping([header]).get(header, "")
    pool = _COLUMN_VALUES.get(column, BAD_MISC)
    return st.sampled_from(pool) | st.sampled_from(BAD_MISC) | st.text(max_size=8)


@st.composite
def valid_bom(draw, max_rows=8):
    """A BOM that must import: header and rows of good cells, flat or with levels."""
    with_levels = draw(st.booleans())
    count = draw(st.integers(1, max_rows))
    levels = [1]
    for _ in range(count - 1):
        levels.append(draw(st.integers(1, levels[-1] + 1)) if with_levels else 1)
    header = ["level"] * with_levels + ["id", "name", "quantity", "mass", "mass_unit",
                                        "material"]
    rows = [header]
    for i, level in enumerate(levels):
        leaf = i + 1 == len(levels) or levels[i + 1] <= level
        mass, unit, material = ((draw(MASSES), draw(UNITS), draw(MATERIALS)) if leaf
                                else ("", "", ""))
        rows.append([str(level)] * with_levels + [f"R{i}", draw(NAMES),
                                                  str(draw(st.integers(1, 9))), mass, unit,
                                                  material])
    return rows, levels


# --- random and re-encoded files -------------------------------------------------------

@FUZZ
@given(raw=st.binary(max_size=3000) | st.builds(lambda head, tail: head + tail, st.sampled_from(
    [b"PK\x03\x04", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
     codecs.BOM_UTF32_LE, b"name,mass,material\n", "名称,质量,材料\n".encode("gbk")]),
    st.binary(max_size=3000)),
    suffix=st.sampled_from([".csv", ".xlsx", ".txt", ".tsv", ".bom", ".xlsm"]))
def test_fuzz_bom_random_bytes(tmp_path, raw, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(raw)
    outcome(path)


@FUZZ
@given(text=st.text(max_size=400), delimiter=st.sampled_from([",", ";", "\t"]))
def test_fuzz_bom_random_text_after_header(tmp_path, text, delimiter):
    header = delimiter.join(["level", "id", "parent", "name", "mass", "material", "qty"])
    path = tmp_path / "text.csv"
    path.write_text(header + "\n" + text, encoding="utf-8")
    outcome(path)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1",
             "cp1252", "gbk", "gb18030", "big5", "shift_jis"]
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]


@FUZZ
@given(bom=valid_bom(), encoding=st.sampled_from(ENCODINGS), prefix=st.sampled_from(BOMS),
       label=st.none() | st.sampled_from(ENCODINGS + ["ascii", "no-such-codec", "rot13",
                                                      "idna", "base64"]))
def test_fuzz_bom_wrong_encodings(tmp_path, bom, encoding, prefix, label):
    rows, _levels = bom
    path = tmp_path / "encoded.csv"
    path.write_bytes(prefix + csv_text(rows).encode(encoding, errors="replace"))
    result = outcome(path, encoding=label)
    # what the format promises to read must read back exactly
    supported = {"utf-8": b"", "utf-8-sig": b"", "utf-16": b""}
    if label is None and supported.get(encoding) == prefix:
        assert result is not None
        names = [row[rows[0].index("name")] for row in rows[1:]]
        read = []
        stack = list(reversed(result.nodes))
        while stack:
            node = stack.pop()
            read.append(node.name)
            stack.extend(reversed(getattr(node, "children", [])))
        assert read == names


# --- columns, headers and cells --------------------------------------------------------

@st.composite
def messy_table(draw):
    headers = draw(st.lists(st.sampled_from(HEADER_POOL), min_size=0, max_size=12))
    headers = draw(st.permutations(headers))
    count = draw(st.integers(0, 6))
    rows = [list(headers)]
    for _ in range(count):
        cells = [draw(_cells_for(h)) for h in headers]
        extra = draw(st.lists(st.sampled_from(["", "x", "1"]), max_size=2))  # too many cells
        cut = draw(st.integers(0, len(cells)))  # too few cells
        rows.append(cells[:cut] + extra if draw(st.booleans()) else cells)
    return rows


@FUZZ
@given(rows=messy_table())
def test_fuzz_bom_messy_csv(tmp_path, rows):
    outcome(write_table(tmp_path / "messy", rows, "csv"))


@FUZZ_XLSX
@given(rows=messy_table(), extra=st.lists(st.sampled_from(
    [float("nan"), float("inf"), -float("inf"), 1e308, -0.0, 0, -1, 10**20, True, None,
     "=1/0", "=B2*2", "=SUM(A:A)"]), max_size=3))
def test_fuzz_bom_messy_xlsx(tmp_path, rows, extra):
    if len(rows) > 1:
        rows[-1] = rows[-1] + extra
    outcome(write_table(tmp_path / "messy", rows, "xlsx"))


@FUZZ
@given(bom=valid_bom(), data=st.data())
def test_fuzz_bom_mutated_valid_csv(tmp_path, bom, data):
    rows, _levels = bom
    text = csv_text(rows)
    mutation = data.draw(st.sampled_from(["truncate", "insert", "delete", "duplicate_line",
                                          "swap_headers", "drop_column", "duplicate_header"]))
    if mutation == "truncate":
        text = text[:data.draw(st.integers(0, len(text)))]
    elif mutation == "insert":
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(['"', ",", "\n", "\r", ";", "\t", "\x00",
                                                      "\ufeff", "\u2028", "'"])) + text[at:]
    elif mutation == "delete":
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + text[at + 1:]
    elif mutation == "duplicate_line":
        lines = text.splitlines(keepends=True)
        at = data.draw(st.integers(0, len(lines) - 1))
        text = "".join(lines[:at + 1] + lines[at:])
    else:
        header = rows[0]
        i = data.draw(st.integers(0, len(header) - 1))
        j = data.draw(st.integers(0, len(header) - 1))
        if mutation == "swap_headers":
            header[i], header[j] = header[j], header[i]
        elif mutation == "duplicate_header":
            header[i] = header[j]
        else:
            rows = [row[:i] + row[i + 1:] for row in rows]
        text = csv_text(rows)
    path = tmp_path / "mutated.csv"
    path.write_text(text, encoding="utf-8")
    outcome(path)


# --- tree structure --------------------------------------------------------------------

@FUZZ
@given(parents=st.lists(st.integers(-2, 7), min_size=1, max_size=8))
def test_fuzz_bom_parent_cycles(tmp_path, parents):
    """Parent links: -1 top level, -2 a missing id, i the row i (itself or another)."""
    n = len(parents)
    links = [p if p < n else -1 for p in parents]
    rows = [["id", "parent", "name", "mass", "material"]]
    for i, p in enumerate(links):
        parent = {-1: "", -2: "NOPE"}.get(p, f"R{p}")
        rows.append([f"R{i}", parent, f"row {i}", "1", "pp"])
    path = write_csv(tmp_path / "parents.csv", rows)
    in_cycle = set()
    for start in range(n):
        seen, current = [], start
        while current >= 0 and current not in seen:
            seen.append(current)
            current = links[current]
        if current >= 0:
            in_cycle.update(seen[seen.index(current):])
    if not in_cycle and -2 not in links:
        result = outcome(path)
        assert result is not None
        assert [node.id for node in result.nodes] == [f"R{i}" for i in range(n) if links[i] < 0]
        return
    found = problems(path)
    assert all(p.column == "parent" for p in found)
    cycle_rows = {p.row - 2 for p in found if "ancestor" in p.message}
    assert bool(cycle_rows) == bool(in_cycle) and cycle_rows <= in_cycle
    missing_rows = {p.row - 2 for p in found if "is not the id" in p.message}
    assert missing_rows == {i for i in range(n) if links[i] == -2}


@FUZZ
@given(levels=st.lists(st.integers(0, 5), min_size=1, max_size=10))
def test_fuzz_bom_level_jumps(tmp_path, levels):
    rows = [["level", "name", "mass", "material"]]
    for i, level in enumerate(levels):
        rows.append([str(level), f"row {i}", "1", "pp"])
    path = write_csv(tmp_path / "levels.csv", rows)
    expected = set()
    previous = 0
    for i, level in enumerate(levels):
        if level == 0 and i == 0:
            continue
        if level == 0 or level > previous + 1:
            expected.add(i + 2)
        previous = max(1, min(level, previous + 1))
    if levels == [0]:
        with pytest.raises(BomImportError, match="no part rows"):
            import_bom(path)
    elif expected:
        found = problems(path)
        assert {p.row for p in found if p.column == "level"} == expected
    else:
        assert outcome(path) is not None


@FUZZ
@given(ids=st.lists(st.sampled_from(["A", "B", "C", "D", ""]), min_size=1, max_size=8))
def test_fuzz_bom_duplicate_ids(tmp_path, ids):
    rows = [["id", "name", "mass", "material"]] + [[i, "x", "1", "pp"] for i in ids]
    path = write_csv(tmp_path / "ids.csv", rows)
    duplicates = {n + 2 for n, i in enumerate(ids) if i and i in ids[:n]}
    if duplicates:
        assert {(p.row, p.column) for p in problems(path)} == {(r, "id") for r in duplicates}
    else:
        assert outcome(path) is not None


# --- masses, units and quantities ------------------------------------------------------

@FUZZ
@given(mass=st.sampled_from(BAD_MASSES) | st.floats().map(repr) | st.text(max_size=10),
       unit=st.sampled_from(BAD_UNITS), quantity=st.sampled_from(BAD_QUANTITIES),
       kind=st.sampled_from(["csv", "xlsx"]))
def test_fuzz_bom_masses_units_quantities(tmp_path, mass, unit, quantity, kind):
    rows = [["name", "mass", "mass_unit", "material", "qty"], ["Part", mass, unit, "pp", quantity],
            ["Good", "1", "kg", "pp", "1"]]
    result = outcome(write_table(tmp_path / "mass", rows, kind))
    if result is None:
        return
    part = result.nodes[0]
    assert 0 < part.mass_kg < float("inf") and 0 < part.quantity < float("inf")


def test_fuzz_bom_masses_units_quantities_name_their_cell(tmp_path):
    cases = [("mass", "-1", "g", "1"), ("mass", "0", "g", "1"), ("mass", "NaN", "g", "1"),
             ("mass", "inf", "g", "1"), ("mass", "1e308 t", "", "1"), ("mass", "abc", "g", "1"),
             ("mass_unit", "1", "kgg", "1"), ("mass_unit", "1", "gramm", "1"),
             ("mass", "2 kgg", "", "1"), ("quantity", "1", "g", "0"),
             ("quantity", "1", "g", "-3"), ("quantity", "1", "g", "nan")]
    for column, mass, unit, quantity in cases:
        rows = [["name", "mass", "mass_unit", "material", "quantity"],
                ["Part", mass, unit, "pp", quantity]]
        (problem,) = problems(write_csv(tmp_path / "cell.csv", rows))
        assert (problem.row, problem.column) == (2, column), (mass, unit, quantity, problem)
    rows = [["name", "mass", "mass_unit", "material"], ["Part", "1", "磅", "pp"]]
    assert outcome(write_csv(tmp_path / "lb.csv", rows)).nodes[0].mass_unit == "lb"


# --- XLSX formulas ---------------------------------------------------------------------

@FUZZ_XLSX
@given(bom=valid_bom(max_rows=5), data=st.data(),
       cached=st.none() | st.sampled_from([1, 0.25, 2]))
def test_fuzz_bom_xlsx_formulas(tmp_path, bom, data, cached):
    rows, _levels = bom
    cells = [(r, c) for r in range(1, len(rows)) for c in range(len(rows[0]))
             if rows[0][c] in ("mass", "quantity", "name")]
    chosen = data.draw(st.lists(st.sampled_from(cells), min_size=1, max_size=3, unique=True))
    for r, c in chosen:
        rows[r][c] = data.draw(st.sampled_from(["=1+1", "=B2*2", "=1/0", "=SUM(A:A)", '="x"']))
    path = write_xlsx(tmp_path / "formulas.xlsx", rows, cached=cached)
    result = outcome(path)
    if cached is None:
        assert result is None
        found = problems(path)
        from openpyxl.utils import get_column_letter

        named = {p.message.split()[1] for p in found}
        assert named == {f"Sheet!{get_column_letter(c + 1)}{r + 1}" for r, c in chosen}
        assert {p.row for p in found} == {r + 1 for r, _c in chosen}
    else:
        assert result is not None or not any("formula" in p.message for p in problems(path))


@functools.cache
def _good_xlsx() -> bytes:
    """A small valid workbook, made once (a saved file holds its save time)."""
    book = openpyxl.Workbook()
    for row in [["name", "mass", "material"], ["A", 1, "pp"], ["B", 2.5, "abs"]]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@FUZZ_XLSX
@given(data=st.data())
def test_fuzz_bom_damaged_xlsx(tmp_path, data):
    raw = _good_xlsx()
    good = tmp_path / "good.xlsx"
    good.write_bytes(raw)
    how = data.draw(st.sampled_from(["bytes", "sheet", "truncate"]))
    bad = tmp_path / "bad.xlsx"
    if how == "truncate":
        bad.write_bytes(raw[:data.draw(st.integers(0, len(raw)))])
    elif how == "bytes":
        at = data.draw(st.integers(0, len(raw) - 1))
        bad.write_bytes(raw[:at] + bytes([raw[at] ^ data.draw(st.integers(1, 255))])
                        + raw[at + 1:])
    else:
        with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    at = data.draw(st.integers(0, len(content)))
                    insert = data.draw(st.sampled_from(
                        [b"", b"<", b"&", b'"', b"<v>abc</v>", b"<v>" + b"9" * 5000 + b"</v>",
                         b'<c r="ZZZZZZ9">', b'<c r="B2" t="d"><v>x</v></c>', b"</row>"]))
                    cut = data.draw(st.integers(0, 20))
                    content = content[:at] + insert + content[at + cut:]
                target.writestr(item, content)
    outcome(bad)


# --- XLSX: the calamine reader against openpyxl's -------------------------------------

def _read_outcome(read, path):
    """The table read from ``path`` by ``read`` (file rows and cell texts), or its error."""
    try:
        table = read(path, None)
    except BomImportError as exc:
        return "error", str(exc), [(p.message, p.row, p.column) for p in exc.problems]
    return "table", table.headers, table.rows, table.row_numbers, table.header_row, table.sheet


def _with_calamine(path, sheet):
    from greendesign.io.bom_import import read_bom_table

    return read_bom_table(path, sheet=sheet)


def _with_openpyxl(path, sheet):
    from greendesign.io import bom_import

    return bom_import._read_xlsx_openpyxl(path, sheet)


_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")  # openpyxl writes it as it is; calamine decodes it
CELLS = (st.none() | st.booleans() | st.integers(-10**18, 10**18)
         | st.floats(allow_nan=False, allow_infinity=False)
         | st.datetimes(min_value=datetime.datetime(1900, 3, 1),
                        max_value=datetime.datetime(9999, 1, 1))
         | st.dates(min_value=datetime.date(1900, 3, 1)) | st.times() | st.timedeltas(
             min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=10**5))
         | st.sampled_from(["=1+1", "=B2*2", '="x"', "=NA()", " padded ", "上盖", "a\nb",
                           "a\r\nb"])
         | st.text(max_size=12).filter(lambda t: not _ESCAPE.search(t)))
FORMATS = st.sampled_from([None, "yyyy-mm-dd", "0.00", "h:mm:ss", "[h]:mm:ss", "0%", "@",
                           'yyyy"年"m"月"d"日"', "mm:ss", "m/d/yy h:mm", '0.0 "kg"'])


@FUZZ_XLSX
@given(cells=st.lists(st.lists(st.tuples(CELLS, FORMATS), max_size=6), max_size=8),
       at=st.sampled_from(["A1", "C4"]), epoch_1904=st.booleans())
def test_fuzz_bom_xlsx_reader_reads_as_openpyxl(tmp_path, cells, at, epoch_1904):
    """Every cell text (numbers, dates in date styles, booleans ...) is the one openpyxl gave."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    top, left = coordinate_to_tuple(at)
    for header, column in enumerate(["name", "mass", "material"]):
        sheet.cell(top, left + header, column)
    for r, row in enumerate(cells, start=top + 1):
        for c, (value, number_format) in enumerate(row, start=left):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(r, c, value)
            if number_format:
                cell.number_format = number_format
    path = tmp_path / "cells.xlsx"
    try:
        book.save(path)
    except (ValueError, OverflowError):  # a value openpyxl cannot write
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl: "outside the limits for dates"
        assert _read_outcome(_with_calamine, path) == _read_outcome(_with_openpyxl, path)


@FUZZ_XLSX
@given(data=st.data())
def test_fuzz_bom_xlsx_damaged_cells_are_refused_as_before(tmp_path, data):
    """A worksheet openpyxl could not read is refused with the same message (naming the row)."""
    good = write_xlsx(tmp_path / "good.xlsx", [["name", "mass", "material", "qty"],
                                               ["A", 1, "pp", 2], ["B", 2.5, "abs", True],
                                               ["C", "=B2*2", "pp", 1]], cached=None)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                start, end = content.index(b"<sheetData>"), content.index(b"</sheetData>")
                for _ in range(data.draw(st.integers(1, 3))):
                    at = data.draw(st.integers(start, end))
                    insert = data.draw(st.sampled_from(
                        [b"", b"<", b"&", b'"', b"</row>", b"</c>", b"<f>", b"<v>", b"</v>",
                         b"<v>abc</v>", b"<v>nan</v>", b"<v>1e999</v>",
                         b"<v>" + b"9" * 5000 + b"</v>",
                         b' t="s"', b' t="b"', b' t="e"', b' t="d"', b' s="7"', b"<![CDATA[1]]>",
                         b"<!-- c -->", b'<c r="ZZZZZZ9"><v>1</v></c>', b'<c r="a1"><v>1</v></c>',
                         b"<c><v>5</v></c>", b"<is><t>x</t></is>", b"<v>1</v><v>2</v>"]))
                    content = content[:at] + insert + content[at + data.draw(st.integers(0, 8)):]
            target.writestr(item, content)
    outcome(bad)
    before = _read_outcome(_with_openpyxl, bad)
    if before[0] == "error" and "not a readable XLSX workbook" in before[1]:
        assert _read_outcome(_with_calamine, bad) == before


# --- fixed edge cases ------------------------------------------------------------------

def _wide(n):
    return [["name", "mass", "material"] + [f"extra {i}" for i in range(n)],
            ["A", "1", "pp"] + ["x"] * n]


EDGE_CASES = {
    # name: (rows or raw bytes, expected message fragment or None for a successful import)
    "empty file": (b"", "the file is empty"),
    "blank lines only": (b"\n\r\n  \n", "the file is empty"),
    "only a header": ([["name", "mass", "material"]], "a header but no part rows"),
    "no recognised header": ([["a", "b"], ["1", "2"]], "no column gives"),
    "10,000 columns in the header": (_wide(10_000), None),
    "10,000 cells in a data row": ([["name", "mass", "material"], ["A", "1", "pp"] + ["x"] * 10_000],
                                   "the row has 10003 or more cells"),
    "200-char name": ([["name", "mass", "material"], ["N" * 200, "1", "pp"]], None),
    "201-char name": ([["name", "mass", "material"], ["N" * 201, "1", "pp"]], "more than 200"),
    "100,000-char notes": ([["name", "mass", "material", "notes"], ["A", "1", "pp", "n" * 100_000]],
                           None),
    "200,000-char cell": ([["name", "mass", "material", "notes"], ["A", "1", "pp", "n" * 200_000]],
                          "field larger than field limit"),
    "self parent": ([["id", "parent", "name", "mass", "material"], ["A", "A", "a", "1", "pp"]],
                    "its own ancestor"),
    "parent cycle A>B>A": ([["id", "parent", "name", "mass", "material"],
                            ["A", "B", "a", "1", "pp"], ["B", "A", "b", "1", "pp"]],
                           "its own ancestor"),
    "parent without id column": ([["parent", "name", "mass", "material"], ["X", "a", "1", "pp"]],
                                 "no id column"),
    "level jump 1 to 3": ([["level", "name", "mass", "material"], ["1", "a", "", ""],
                           ["3", "b", "1", "pp"]], "jumps more than one level"),
    "level 101 deep": ([["level", "name", "mass", "material"]]
                       + [[str(i), f"n{i}", "1", "pp"] for i in range(1, 102)],
                       "deeper than 100 levels"),
    "duplicate ids": ([["id", "name", "mass", "material"], ["X", "a", "1", "pp"],
                       ["X", "b", "1", "pp"]], "used twice"),
    "duplicated header": ([["name", "name", "mass", "material"], ["a", "b", "1", "pp"]], None),
}
EDGE_PARAMS = [(case, kind) for case in sorted(EDGE_CASES) for kind in ("csv", "xlsx")
               if kind == "csv" or not isinstance(EDGE_CASES[case][0], bytes)]


@pytest.mark.parametrize("case, kind", EDGE_PARAMS)
def test_fuzz_bom_edge_cases(tmp_path, case, kind):
    content, expected = EDGE_CASES[case]
    if isinstance(content, bytes):
        path = tmp_path / "edge.csv"
        path.write_bytes(content)
    else:
        path = write_table(tmp_path / "edge", content, kind)
    if kind == "xlsx" and expected == "field larger than field limit":
        expected = None  # XLSX cells hold up to 32,767 characters; openpyxl writes more
    result = outcome(path)
    if expected is None:
        assert result is not None, case
    else:
        with pytest.raises(BomImportError) as info:
            import_bom(path)
        assert expected in str(info.value), (case, str(info.value))


def test_fuzz_bom_long_cell_is_reported_not_crashing(tmp_path):
    """Regression: a cell over the CSV field limit made the delimiter sniffing crash."""
    path = write_csv(tmp_path / "long.csv", [["name", "mass", "material"], ["A" * 200_000, "1",
                                                                           "pp"]])
    with pytest.raises(BomImportError, match="line 2: field larger than field limit"):
        import_bom(path)


def test_fuzz_bom_parent_without_id_names_the_column(tmp_path):
    """Regression: the problem named the column only in its ``column`` field, not its text."""
    path = write_csv(tmp_path / "parent.csv", [["name", "mass", "material", "父项"],
                                               ["A", "1", "pp", "X"]])
    (problem,) = problems(path)
    assert problem.column == "父项" and "'父项'" in str(problem)


def test_fuzz_bom_damaged_worksheet_is_typed_error(tmp_path):
    """Regression: damaged worksheet XML in a valid ZIP escaped as ParseError/ValueError."""
    good = write_xlsx(tmp_path / "good.xlsx", [["name", "mass", "material"], ["A", 1, "pp"]])
    for label, change in [("truncated", lambda b: b[:len(b) // 2]),
                          ("bad number", lambda b: b.replace(b"<v>1</v>", b"<v>abc</v>")),
                          ("huge number", lambda b: b.replace(b"<v>1</v>",
                                                              b"<v>1" + b"0" * 5000 + b"</v>")),
                          ("bad cell ref", lambda b: b.replace(b'r="B2"', b'r="ZZZZZZ2"'))]:
        bad = tmp_path / f"{label}.xlsx"
        with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    content = change(content)
                    assert content != source.read(item.filename)
                target.writestr(item, content)
        with pytest.raises(BomImportError, match="not a readable XLSX workbook") as info:
            import_bom(bad)
        assert "row " in str(info.value), label


def test_fuzz_bom_long_process_code_names_its_cell(tmp_path):
    """Regression: a process code over 200 characters escaped as a bare ModelValidationError."""
    path = write_csv(tmp_path / "process.csv", [["name", "mass", "material", "process"],
                                                ["A", "1", "pp", "ok;" + "p" * 201]])
    (problem,) = problems(path)
    assert (problem.row, problem.column) == (2, "process")
    assert "200 characters" in problem.message

# --- memoised cell parsing against parsing each cell on its own -----------------------

def _everything(path, **kwargs):
    """All an import gives: each node's fields as stored (types too) and the fields given,
    the warnings and the mapping; or the error with its problems."""
    import dataclasses

    from greendesign.model import walk

    try:
        result = import_bom(path, **kwargs)
    except BomImportError as exc:
        return "error", str(exc), [dataclasses.astuple(p) for p in exc.problems]
    nodes = []
    for node, _count, depth, _parent in walk(result.nodes):
        fields = {name: value for name, value in vars(node).items() if name != "children"}
        nodes.append((depth, type(node).__name__, repr(fields), sorted(node.model_fields_set),
                      [sorted(p.model_fields_set) for p in node.processes]))
    return "nodes", nodes, [dataclasses.astuple(p) for p in result.warnings], result.mapping


@FUZZ
@given(rows=messy_table().map(lambda rows: rows[:1] + rows[1:] * 3)
       | valid_bom(max_rows=20).map(lambda bom: bom[0]),
       kind=st.sampled_from(["csv", "csv", "xlsx"]))
def test_fuzz_bom_memoised_cells_read_as_each_cell_alone(tmp_path, rows, kind):
    """Each parser runs once per distinct text of its column (``bom_rows.Memo``): the
    import is the one that parsing every cell on its own gives, problems in the same order."""
    from greendesign.io import bom_rows

    path = write_table(tmp_path / "memo", rows, kind)
    memoised = _everything(path)
    size, bom_rows.MEMO_SIZE = bom_rows.MEMO_SIZE, 0
    try:
        assert _everything(path) == memoised
    finally:
        bom_rows.MEMO_SIZE = size


# --- 100,000 rows (make fuzz only) -----------------------------------------------------

BIG = pytest.mark.skipif(EXAMPLES < 1000, reason="100,000-row BOM files run under make fuzz "
                         "(GREENDESIGN_FUZZ_EXAMPLES >= 1000)")


def _big_rows(n=100_000):
    rows = [["level", "id", "name", "mass", "mass_unit", "material", "qty"]]
    for i in range(n):
        if i % 10 == 0:
            rows.append(["1", f"A{i}", f"Assembly {i}", "", "", "", "1"])
        else:
            rows.append(["2", f"P{i}", f"Part {i}", str(i % 97 + 1), "g", "steel", "2"])
    return rows


@BIG
@pytest.mark.parametrize("variant", ["valid", "duplicate id", "level jump", "bad mass",
                                     "truncated", "garbage line"])
def test_fuzz_bom_100k_rows_csv(tmp_path, variant):
    rows = _big_rows()
    if variant == "duplicate id":
        rows[70_001][1] = "P5"
    elif variant == "level jump":
        rows[50_002][0] = "4"
    elif variant == "bad mass":
        rows[-1][3] = "-1"
    text = csv_text(rows)
    if variant == "truncated":
        text = text[:len(text) // 2 + 3]
    elif variant == "garbage line":
        text = text.replace("\n", '\n"\x7f,;\t\n', 1)
    path = tmp_path / "big.csv"
    path.write_text(text, encoding="utf-8")
    result = outcome(path)
    assert (result is not None) == (variant == "valid")
    if variant == "truncated":  # the last row is cut after its id: only that row fails
        assert {p.row for p in problems(path)} == {text.count("\n") + 1}
    if variant == "duplicate id":
        assert [(p.row, p.column) for p in problems(path)] == [(70_002, "id")]
    elif variant == "level jump":
        assert [(p.row, p.column) for p in problems(path)] == [(50_003, "level")]
    elif variant == "bad mass":
        assert [(p.row, p.column) for p in problems(path)] == [(100_001, "mass")]


@BIG
@pytest.mark.parametrize("variant", ["valid", "formula without value", "damaged row"])
def test_fuzz_bom_100k_rows_xlsx(tmp_path, variant):
    rows = _big_rows()
    if variant == "formula without value":
        rows[99_999][3] = "=D3*2"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("BOM")
    for row in rows:
        sheet.append([float(c) if c.replace(".", "", 1).isdigit() else (c or None)
                      for c in row])
    path = tmp_path / "big.xlsx"
    book.save(path)
    if variant == "damaged row":  # an end tag that does not match, near the end
        damaged = tmp_path / "damaged.xlsx"
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename.startswith("xl/worksheets/"):
                    at = content.index(b'<row r="99999"')
                    content = content[:at] + content[at:].replace(b"</row>", b"</rwo>", 1)
                target.writestr(item, content)
        with pytest.raises(BomImportError, match="not a readable XLSX workbook"):
            import_bom(damaged)
        assert _read_outcome(_with_calamine, damaged) == _read_outcome(_with_openpyxl, damaged)
        return
    result = outcome(path)
    if variant == "valid":
        assert result is not None and len(result.nodes) == 10_000
    else:
        assert [(p.row, p.column) for p in problems(path)] == [(100_000, "mass")]
