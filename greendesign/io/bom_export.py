"""Export a product's BOM to CSV or XLSX in the format the import reads.

One row per part or assembly, depth first, with a ``level`` column for the
tree and the columns of :data:`~greendesign.io.bom_columns.CANONICAL_COLUMNS`.
Importing the file gives back an equal BOM: masses are written in each part's
own unit with the shortest digits that convert back to the exact same
kilograms (see :func:`mass_cell`), other numbers with the shortest text that
reads back as the same float. Fields the flat format cannot hold (transport
legs, substances, end-of-life overrides, process units, mass source) stay in
the project file; ``docs/bom-format.md`` lists them.

CSV files are UTF-8 with a byte order mark so that Excel shows Chinese text,
and text cells that begin with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or a quote get a leading single quote so that a spreadsheet never runs
them as formulas (CSV injection; the import removes that quote again). XLSX
cells are typed: numbers as numbers (except the rare float that needs 17
significant digits, which openpyxl would round: it is stored as text), text
always as text, never as formulas.
Both are written atomically.
"""

from __future__ import annotations

import csv
import io
import math
import os
from decimal import Decimal
from pathlib import Path

from greendesign.errors import SaveError
from greendesign.i18n import _
from greendesign.io.atomic import atomic_write_bytes
from greendesign.io.bom_columns import CANONICAL_COLUMNS, format_number
from greendesign.model import Assembly, Part, Product, walk
from greendesign.units import MASS_UNITS

_NUMERIC = {"level", "quantity", "mass", "recycled_content", "scrap_rate", "joint_count",
            "process_amount"}
_INJECTION_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def mass_cell(mass_kg: float, unit: str) -> str:
    """The text of the mass cell for a mass in kilograms shown in ``unit``.

    The import converts a mass with :func:`greendesign.units.to_kg`, i.e.
    ``float(text) * MASS_UNITS[unit]``. This returns the shortest number
    ``x`` (tried: ``mass_kg / factor`` rounded to 15, 16 and 17 significant
    digits and its neighbouring floats) for which that product is exactly
    ``mass_kg``. Some masses in kilograms are not the product of any float
    and the factor (about 2 % of random masses in grams, 7 % in pounds); for
    them the cell holds the mass in kilograms with its unit (``"0.1234 kg"``),
    which the import reads exactly while the ``mass_unit`` column keeps the
    part's display unit.

    Parameters
    ----------
    mass_kg
        The part's mass in kilograms.
    unit
        The part's mass unit (a key of :data:`greendesign.units.MASS_UNITS`).

    Returns
    -------
    str
        A number in ``unit``, or a number followed by ``" kg"``.
    """
    factor = MASS_UNITS[unit]
    if factor == 1.0:
        return format_number(mass_kg)
    exact = mass_kg / factor
    tried = [float(f"{exact:.{digits}g}") for digits in (15, 16, 17)]
    below = above = exact
    for _step in range(4):
        below, above = math.nextafter(below, -math.inf), math.nextafter(above, math.inf)
        tried += [below, above]
    fits = [value for value in tried if value * factor == mass_kg]
    if fits:
        return min((format_number(value) for value in fits), key=len)
    return f"{format_number(mass_kg)} kg"


def share_cell(share: float) -> str:
    """The text of a fraction cell: the float itself up to 1, an exact percentage above.

    The import refuses bare numbers above 1 (is 1.5 a fraction or a
    percentage?), so a scrap rate of 1.5 is written ``"150%"``: the shortest
    percentage that the import's exact decimal conversion reads back as the
    same float.
    """
    if share <= 1.0:
        return format_number(share)
    percent = Decimal(share) * 100  # exact: a float is a finite binary fraction
    for digits in range(1, 60):
        text = format(Decimal(format(percent, f".{digits}g")), "f")
        if float(Decimal(text) / Decimal(100)) == share:
            return f"{text}%"
    return f"{percent}%"  # pragma: no cover - the exact value always reads back


def _node_row(node: Part | Assembly, depth: int) -> dict[str, str]:
    amounts = [p.amount for p in node.processes]
    row = {
        "level": str(depth + 1),
        "id": node.id,
        "name": node.name,
        "name_zh": node.name_zh,
        "quantity": format_number(node.quantity),
        "process": ";".join(p.dataset for p in node.processes),
        "process_amount": ";".join("" if a is None else format_number(a) for a in amounts)
        if any(a is not None for a in amounts) else "",
        "joint": str(node.joint.value),
        "joint_count": str(node.joint_count),
        "module": node.module,
        "notes": node.notes,
    }
    if isinstance(node, Part):
        kind = node.priority_kind if node.priority_part and node.priority_kind else ""
        row.update({
            "mass": mass_cell(node.mass_kg, node.mass_unit),
            "mass_unit": node.mass_unit,
            "material": node.material,
            "recycled_content": share_cell(node.recycled_content),
            "scrap_rate": share_cell(node.scrap_rate),
            "priority_part": kind or ("yes" if node.priority_part else "no"),
            "plastic_marking": node.plastic_marking,
        })
    elif node.children:
        row.update({"mass": format_number(node.mass_kg), "mass_unit": "kg"})
    return {column: row.get(column, "") for column in CANONICAL_COLUMNS}


def bom_rows(product: Product) -> list[dict[str, str]]:
    """The rows of the BOM file of a product, one per node, depth first.

    Parameters
    ----------
    product
        The product whose BOM is exported.

    Returns
    -------
    list of dict
        One dict per part or assembly with every column of
        :data:`~greendesign.io.bom_columns.CANONICAL_COLUMNS`, in that order, as
        text. An assembly's mass is the sum of its parts in kg (the import checks
        it); part-only columns are empty on assembly rows.
    """
    return [_node_row(node, depth) for node, _count, depth, _parent in walk(product.bom)]


def _guard(text: str) -> str:
    """Prefix a quote to text a spreadsheet would read as a formula (CSV injection)."""
    return "'" + text if text.startswith(_INJECTION_STARTS) else text


def _csv_bytes(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CANONICAL_COLUMNS)
    for row in rows:
        writer.writerow([_guard(row[column]) for column in CANONICAL_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def _number(text: str) -> int | float | None:
    """The number to store for a numeric cell, when its text is exactly a number's text."""
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or format_number(value) != text:
        return None
    if float(f"{value:.16g}") != value:
        return None  # openpyxl writes 16 significant digits: keep 17-digit floats as text
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _xlsx_bytes(rows: list[dict[str, str]], title: str) -> bytes:
    # deferred: loads openpyxl
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("BOM")
    sheet.freeze_panes = "A2"
    widths = {"name": 28, "name_zh": 20, "material": 22, "process": 24, "notes": 30}
    for index, column in enumerate(CANONICAL_COLUMNS):
        letter = chr(ord("A") + index)
        sheet.column_dimensions[letter].width = widths.get(column, 12)

    def text_cell(text: str, bold: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if bold:
            cell.font = Font(bold=True)
        return cell

    sheet.append([text_cell(column, bold=True) for column in CANONICAL_COLUMNS])
    for row in rows:
        cells: list[object] = []
        for column in CANONICAL_COLUMNS:
            text = row[column]
            number = _number(text) if column in _NUMERIC and text else None
            cells.append(number if number is not None else (text_cell(text) if text else None))
        sheet.append(cells)
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_bom(product: Product, path: str | os.PathLike[str]) -> Path:
    """Write the product's BOM to a ``.csv`` or ``.xlsx`` file, atomically.

    Parameters
    ----------
    product
        The product to export.
    path
        The file to write; its suffix chooses the format.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    SaveError
        The suffix is neither ``.csv`` nor ``.xlsx``, or the file cannot be
        written (the previous file, if any, is unchanged).
    """
    target = Path(path)
    suffix = target.suffix.lower()
    rows = bom_rows(product)
    if suffix == ".csv":
        data = _csv_bytes(rows)
    elif suffix == ".xlsx":
        data = _xlsx_bytes(rows, title=f"{product.name} BOM")
    else:
        raise SaveError(_("Cannot export the BOM to {file}: unknown file type {suffix!r}.").format(
            file=target, suffix=suffix), hint=_("Use a file name ending in .csv or .xlsx."))
    atomic_write_bytes(target, data)
    return target
