"""Import a bill of materials from a CSV or XLSX file.

Two steps, so a user interface can show the columns and let the user map them
between the two:

1. :func:`read_bom_table` reads the file into a :class:`BomTable` (header and
   cell text), detecting the CSV encoding and delimiter
   (:mod:`greendesign.io.bom_csv`) or reading the XLSX cached values
   (:mod:`greendesign.io.bom_xlsx`);
2. :func:`import_bom` maps the headers onto the BOM columns
   (:mod:`greendesign.io.bom_columns`), checks every cell, builds the tree from
   the ``level`` or ``parent`` column (:mod:`greendesign.io.bom_rows`) and returns
   validated :class:`~greendesign.model.Part` and :class:`~greendesign.model.Assembly`
   nodes.

An import with any error raises :class:`~greendesign.errors.BomImportError`
listing every problem with its row (1-based line of the file, header = row 1)
and column (the header as written); nothing is returned then. The file format
is documented for users in ``docs/bom-format.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from greendesign.errors import Problem
from greendesign.i18n import _, ngettext
from greendesign.io import bom_table
from greendesign.io.bom_columns import RECOGNISED_COLUMNS, REQUIRED_COLUMNS, guess_mapping
from greendesign.io.bom_csv import read_csv
from greendesign.io.bom_rows import build_nodes
from greendesign.io.bom_table import BomTable, fail, too_many_rows
from greendesign.io.bom_xlsx import read_xlsx
from greendesign.io.bom_xlsx import read_xlsx_openpyxl as _read_xlsx_openpyxl  # noqa: F401
from greendesign.model import Assembly, Part, Product, ProductCategory

__all__ = ["BomImport", "BomTable", "import_bom", "product_from_bom", "read_bom_table"]

#: Files read at most, bytes.
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass
class BomImport:
    """The result of a BOM import: top-level nodes, warnings and the mapping used."""

    nodes: list[Part | Assembly]
    warnings: list[Problem]
    mapping: dict[str, str]
    source: Path


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
        raise fail(source, _("the file does not exist.")) from None
    except OSError as exc:
        raise fail(source, _("cannot read the file: {reason}.").format(
            reason=exc.strerror or exc)) from None
    if source.is_dir():
        raise fail(source, _("this is a folder, not a BOM file."))
    if size > MAX_FILE_BYTES:
        raise fail(source, _("the file is {size} MiB; BOM files of at most {most} MiB are "
                             "read.").format(size=f"{size / 2**20:.0f}",
                                             most=MAX_FILE_BYTES // 2**20),
                   hint=_("Split the BOM, or remove columns and sheets it does not need."))
    suffix = source.suffix.lower()
    if suffix == ".xls":
        raise fail(source, _("old Excel 97-2003 (.xls) files are not read."),
                   hint=_("Open it in Excel or WPS and save it as .xlsx or as CSV UTF-8."))
    try:
        with source.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise fail(source, _("cannot read the file: {reason}.").format(
            reason=exc.strerror or exc)) from None
    if suffix in (".xlsx", ".xlsm") or magic == b"PK\x03\x04":
        return read_xlsx(source, sheet)
    return read_csv(source, encoding)


# --- import ----------------------------------------------------------------------------

def _check_mapping(table: BomTable, mapping: dict[str, str] | None,
                   warnings: list[Problem]) -> dict[str, str]:
    headers = table.headers
    listed = ", ".join(repr(h) for h in headers if h) or _("(none)")
    if mapping is None:
        used = guess_mapping(headers)
    else:
        used = {h: c for h, c in mapping.items() if c}
        problems = []
        for header, column in used.items():
            if header not in headers:
                problems.append(Problem(
                    _("the mapping names column {column!r}, which is not in the file").format(
                        column=header),
                    hint=_("headers in the file: {headers}").format(headers=listed),
                    column=header))
            if column not in RECOGNISED_COLUMNS:
                problems.append(Problem(
                    _("column {column!r} is mapped to {target!r}, which is not a BOM "
                      "column").format(column=header, target=column),
                    hint=_("use one of {columns}").format(columns=", ".join(RECOGNISED_COLUMNS)),
                    column=header))
        seen: dict[str, str] = {}
        for header, column in used.items():
            if column in seen:
                problems.append(Problem(
                    _("columns {first!r} and {second!r} are both mapped to {target!r}").format(
                        first=seen[column], second=header, target=column),
                    hint=_("map only one of them"), column=header))
            seen[column] = header
        if problems:
            raise fail(table.source, _("the column mapping is not valid."), problems=problems)
    targets = set(used.values())
    missing = [c for c in REQUIRED_COLUMNS if c not in targets]
    if missing:
        raise fail(table.source, _("no column gives {columns}.").format(
            columns=", ".join(repr(c) for c in missing)),
            hint=_("Headers in the file: {headers}. Map a header to each of them, or rename the "
                   "headers (e.g. 'name'/'名称', 'mass'/'质量', 'material'/'材料'); see "
                   "docs/bom-format.md.").format(headers=listed),
            problems=[Problem(_("required column {column!r} is not mapped").format(column=c),
                              field=c, hint=_("headers in the file: {headers}").format(
                                  headers=listed)) for c in missing])
    reported = ""  # the parent column left out for the level column, reported already
    if "level" in targets and "parent" in targets:
        reported = next(h for h, c in used.items() if c == "parent")
        warnings.append(Problem(_("column {column!r} (parent) was ignored: the tree comes from "
                                  "the level column").format(column=reported), column=reported))
        used = {h: c for h, c in used.items() if c != "parent"}
    for index, header in enumerate(headers):
        if header in used and headers.index(header) == index:
            continue
        if reported and header == reported and headers.index(header) == index:
            continue
        filled = any(index < len(row) and row[index] for row in table.rows)
        if not header and not filled:
            continue
        twice = header in used or (reported and header == reported)
        reason = (_("its header appears twice") if twice else
                  _("it is not a BOM column") if mapping is None or not header else
                  _("it is not mapped"))
        message = _("column {column!r} was ignored: {reason}").format(
            column=header, reason=reason) if header else _(
            "column number {number} (no header) was ignored: {reason}").format(
            number=index + 1, reason=reason)
        warnings.append(Problem(message, column=header or None,
                                hint=_("see docs/bom-format.md for the recognised headers")))
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
    if len(table.rows) > bom_table.MAX_ROWS:
        raise too_many_rows(table.source)
    warnings: list[Problem] = []
    if table.header_row > 1:
        last = table.header_row - 1
        warnings.append(Problem(ngettext("row {last} above the header row was skipped",
                                         "rows 1 to {last} above the header row were skipped",
                                         last).format(last=last), row=table.header_row))
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
