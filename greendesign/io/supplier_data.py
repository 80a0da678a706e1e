"""Supplier data files: declared values for many parts and materials at once (CSV or XLSX).

One row a declared value (format: ``docs/supplier-data.md``). Columns, in English or
Chinese (header on the first row; spaces, case and a unit in brackets do not matter):

``material`` or ``part_id``
    The catalogue code (or a name or alias) of a material, for every part of it without a
    value of its own, or the id of one part. Both may be given: the part's material must
    then be that material.
``gwp_kgco2e``
    kg CO2e (IPCC AR6 GWP100) per unit, above 0.
``unit``
    ``kg CO2e/kg`` (default) or ``kg CO2e/part`` (part rows only).
``source``, ``year``, ``geography``, ``pedigree``
    Required: where the figure comes from, its reference year, its geography, and five
    Weidema pedigree scores 1-5 (``1,2,1,2,1``).
``verification``, ``scope``, ``note``, ``document``
    Optional: ``third_party_verified``, ``self_declared``, ``measured`` or ``unverified``
    (the default); the boundary (``cradle-to-gate``); a note; an attachment's file name.

Every bad row is refused with a :class:`~greendesign.errors.Problem` naming the file, the
row, the column and the fix; the good rows are returned. :func:`apply_supplier_data` makes
the new product; nothing changes before it is called. The file is read by the BOM readers
(:func:`greendesign.io.bom_import.read_bom_table`: encoding detection, XLSX with calamine).
This module knows no catalogue: the caller passes how a material text resolves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from greendesign.errors import BomImportError, ModelValidationError, Problem
from greendesign.i18n import _
from greendesign.io.bom_columns import CellError, _fold, _key, normalise_header, parse_number
from greendesign.io.bom_import import read_bom_table
from greendesign.model import Part, Product, walk
from greendesign.model.declared import DeclaredValue, Verification

COLUMNS: tuple[str, ...] = ("material", "part_id", "gwp_kgco2e", "unit", "source", "year",
                            "geography", "verification", "pedigree", "scope", "note",
                            "document")
REQUIRED: tuple[str, ...] = ("gwp_kgco2e", "source", "year", "geography", "pedigree")

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "material": ("material", "material code", "material name", "材料", "材质", "材料代码",
                 "材料名称"),
    "part_id": ("part_id", "part id", "part number", "part no", "id", "零件号", "零件编号",
                "物料编码", "编号"),
    "gwp_kgco2e": ("gwp_kgco2e", "gwp", "gwp100", "pcf", "carbon footprint", "kg co2e",
                   "declared gwp", "碳足迹", "全球变暖潜势", "碳排放因子", "排放因子"),
    "unit": ("unit", "declared unit", "gwp unit", "单位", "声明单位"),
    "source": ("source", "data source", "reference", "epd", "来源", "数据来源", "出处"),
    "year": ("year", "reference year", "data year", "年份", "数据年份", "参考年份"),
    "geography": ("geography", "region", "country", "location", "地理范围", "地区", "国家"),
    "verification": ("verification", "verified", "verification status", "验证", "验证方式",
                     "核查", "核查方式"),
    "pedigree": ("pedigree", "pedigree scores", "data quality", "数据质量", "谱系", "谱系矩阵"),
    "scope": ("scope", "system boundary", "boundary", "范围", "系统边界"),
    "note": ("note", "notes", "remarks", "comment", "备注", "说明"),
    "document": ("document", "attachment", "file", "附件", "文件", "证明文件"),
}
_LOOKUP = {_key(s): column for column, words in _SYNONYMS.items() for s in words}

_PER_KG = {"kgco2e/kg", "kgco2eq/kg", "kgco2e/kgmaterial", "kg", "/kg", "kgco2e/千克",
           "千克", "kgco2e/公斤"}
_PER_PART = {"kgco2e/part", "kgco2eq/part", "kgco2e/pc", "kgco2e/piece", "kgco2e/unit",
             "part", "/part", "piece", "kgco2e/件", "kgco2e/个", "件", "个"}
VERIFICATION_WORDS: dict[str, Verification] = {
    **{_key(v.value): v for v in Verification},
    **{_key(w): Verification.THIRD_PARTY_VERIFIED for w in (
        "third party verified", "third-party", "third party", "verified", "epd verified",
        "第三方验证", "第三方核查", "第三方")},
    **{_key(w): Verification.SELF_DECLARED for w in ("self declared", "self", "自我声明",
                                                     "自声明")},
    **{_key(w): Verification.MEASURED for w in ("measured", "metered", "实测", "测量")},
    **{_key(w): Verification.UNVERIFIED for w in ("unverified", "none", "未验证", "未核查")},
}


@dataclass(frozen=True)
class SupplierEntry:
    """One good row: a part's value (``part_id``) or a material's (``material``)."""

    row: int
    value: DeclaredValue
    part_id: str = ""
    material: str = ""

    @property
    def target(self) -> str:
        """The part id, or ``material:<code>``."""
        return self.part_id or f"material:{self.material}"


@dataclass
class SupplierImport:
    """What a supplier data file holds: the good rows and a problem for each bad one."""

    source: Path
    entries: list[SupplierEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refused_rows: int = 0


def column_of(header: str) -> str | None:
    """The column a header means, or None."""
    return _LOOKUP.get(_key(header)) or _LOOKUP.get(normalise_header(header))


def read_supplier_data(path: str | Path, product: Product,
                       resolve: Callable[[str], str | None],
                       suggest: Callable[[str], str] | None = None,
                       sheet: str | None = None) -> SupplierImport:
    """Read a supplier data file for ``product`` (module docstring).

    ``resolve`` turns a material text (code, name, alias) into its catalogue code, None when
    it names none; ``suggest`` gives a hint for a text that resolves to nothing ("did you
    mean ...?"). Raises :class:`BomImportError` when the file cannot be read or lacks a
    required column; every bad row is a problem of the result instead.
    """
    table = read_bom_table(path, sheet=sheet)
    source = table.source
    index: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        column = column_of(header) if header else None
        if column is not None and column not in index:
            index[column] = i
    missing = [c for c in REQUIRED if c not in index]
    if "material" not in index and "part_id" not in index:
        missing.insert(0, "material / part_id")
    if missing:
        raise BomImportError(
            _("{file}: the supplier data file has no column {columns}.").format(
                file=source, columns=", ".join(repr(c) for c in missing)),
            hint=_("The header row needs material (or part_id), gwp_kgco2e, source, year, "
                   "geography and pedigree; found: {headers}. See docs/supplier-data.md."
                   ).format(headers=", ".join(repr(h) for h in table.headers if h)))
    header = {column: table.headers[i] for column, i in index.items()}
    parts = {node.id: node for node, *_rest in walk(product.bom) if isinstance(node, Part)}
    result = SupplierImport(source)
    seen: dict[str, int] = {}
    for k, cells in enumerate(table.rows):
        row = table.row_number(k)
        text = {c: (cells[i].strip() if i < len(cells) else "") for c, i in index.items()}
        try:
            entry = _entry(row, text, parts, resolve, suggest)
            if entry.target in seen:
                raise _RowError("part_id" if entry.part_id else "material", _(
                    "{target} is already given at row {row}").format(
                    target=entry.target, row=seen[entry.target]),
                    _("Keep one row per part or material."))
        except _RowError as exc:
            result.refused_rows += 1
            for column, message, hint in exc.problems:
                name = header.get(column, column)
                result.problems.append(Problem(
                    message, location=_("{file}, row {row}, column {column!r}").format(
                        file=source.name, row=row, column=name),
                    hint=hint, row=row, column=name, field=column))
            continue
        seen[entry.target] = row
        result.entries.append(entry)
    return result


class _RowError(Exception):
    """The problems of one row: ``(column, message, hint)`` each."""

    def __init__(self, column: str, message: str, hint: str = "",
                 more: list[tuple[str, str, str]] | None = None) -> None:
        super().__init__(message)
        self.problems = [(column, message, hint), *(more or [])]


def _entry(row: int, text: dict[str, str], parts: dict[str, Part],
           resolve: Callable[[str], str | None],
           suggest: Callable[[str], str] | None) -> SupplierEntry:
    problems: list[tuple[str, str, str]] = []

    def bad(column: str, message: str, hint: str = "") -> None:
        problems.append((column, message, hint))

    part_id, material = text.get("part_id", ""), ""
    if text.get("material"):
        material = resolve(text["material"]) or ""
        if not material:
            bad("material", _("{text!r} is no material of the catalogue").format(
                text=text["material"]), (suggest(text["material"]) if suggest else "")
                or _("Write a material code of the inventory browser, e.g. pp or "
                     "steel_stainless_304."))
    if part_id and part_id not in parts:
        bad("part_id", _("the product has no part {id!r}").format(id=part_id),
            _("Write the id of a part (not an assembly) of the BOM."))
    elif part_id and material and parts[part_id].material != material:
        bad("material", _("part {id!r} is made of {have!r}, not {given!r}").format(
            id=part_id, have=parts[part_id].material, given=material),
            _("Leave the material empty on a part row, or correct it."))
    if not part_id and not text.get("material"):
        bad("material", _("the row names neither a material nor a part"),
            _("Fill in material (a catalogue code) or part_id."))
    basis = _basis(text.get("unit", ""), bad)
    if basis == "part" and not part_id:
        bad("unit", _("a material's value is per kg, not per part"),
            _("Give a per-part value on a row with part_id, or write kg CO2e/kg."))
    data: dict = {"basis": basis or "kg"}
    for column in ("source", "geography", "scope", "note", "document"):
        if text.get(column):
            data[column] = text[column]
    for column in ("source", "geography"):
        if not text.get(column):
            bad(column, _("{column} is empty").format(column=column),
                _("Every declared value needs its source and geography, e.g. \"EPD "
                  "S-P-01234 (International EPD System)\" and CN."))
    number = _number(text.get("gwp_kgco2e", ""), "gwp_kgco2e", bad)
    if number is not None and number <= 0:
        bad("gwp_kgco2e", _("{value} is not greater than 0").format(value=f"{number:g}"),
            _("Write the declared kg CO2e per unit, a number above 0."))
    data["gwp_kgco2e"] = number
    year = _number(text.get("year", ""), "year", bad)
    if year is not None and year != int(year):
        bad("year", _("{value!r} is not a year").format(value=text["year"]),
            _("Write the reference year, e.g. 2024."))
    data["year"] = int(year) if year is not None and year == int(year) else None
    data["pedigree"] = _pedigree(text.get("pedigree", ""), bad)
    if text.get("verification"):
        level = VERIFICATION_WORDS.get(_key(text["verification"]))
        if level is None:
            bad("verification", _("{text!r} is no verification level").format(
                text=text["verification"]), _("Write one of: {values}.").format(
                values=", ".join(v.value for v in Verification)))
        data["verification"] = level
    if problems:
        raise _RowError(*problems[0], more=problems[1:])
    try:
        value = DeclaredValue(**data)
    except ModelValidationError as exc:
        found = [(p.field if p.field in COLUMNS else "gwp_kgco2e", p.message, p.hint)
                 for p in exc.problems]
        raise _RowError(*found[0], more=found[1:]) from None
    return SupplierEntry(row, value, part_id=part_id, material="" if part_id else material)


def _number(text: str, column: str, bad) -> float | None:
    if not text:
        bad(column, _("{column} is empty").format(column=column),
            _("Write a number in this cell."))
        return None
    try:
        return parse_number(text)
    except CellError as exc:
        bad(column, exc.message, exc.hint)
        return None


def _basis(text: str, bad) -> str | None:
    folded = re.sub(r"[\s\-_]", "", _fold(text).casefold()).replace("co2eq", "co2e")
    folded = folded.replace("kgco2", "kgco2e") if "kgco2e" not in folded else folded
    if not folded or folded in _PER_KG:
        return "kg"
    if folded in _PER_PART:
        return "part"
    bad("unit", _("{text!r} is no unit of a declared value").format(text=text),
        _("Write kg CO2e/kg or kg CO2e/part."))
    return None


def _pedigree(text: str, bad) -> list[int] | None:
    scores = [s for s in re.split(r"[\s,;/|()\[\]，；、]+", _fold(text)) if s]
    if len(scores) == 1 and len(scores[0]) == 5:
        scores = list(scores[0])
    if len(scores) != 5 or not all(s.isdigit() and 1 <= int(s) <= 5 for s in scores):
        bad("pedigree", _("{text!r} is not five pedigree scores from 1 to 5").format(
            text=text), _("Write the five Weidema scores (reliability, completeness, "
                          "temporal, geographical, technological), e.g. 1,2,1,2,1."))
        return None
    return [int(s) for s in scores]


def apply_supplier_data(product: Product, entries: list[SupplierEntry]) -> Product:
    """A copy of ``product`` with the declared values of ``entries`` set (validated).

    A part row sets ``Part.declared``; a material row sets ``Product.supplier_data``. Values
    already there for the same part or material are replaced; others are kept.
    """
    changed = product.model_copy(deep=True)
    supplier = dict(changed.supplier_data)
    for entry in entries:
        if entry.part_id:
            changed.find(entry.part_id).declared = entry.value
        else:
            supplier[entry.material] = entry.value
    changed.supplier_data = supplier
    return Product.model_validate(changed.model_dump())
