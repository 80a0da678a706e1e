"""The BOM file format: its columns and the mapping of a file's headers onto them.

A BOM file (CSV or XLSX) has one header row and one row per part or assembly.
The columns are described for users in ``docs/bom-format.md``; this module
holds the same facts as data: the canonical column names in export order, the
English and Chinese headers recognised for each, and the unit a header may
carry ("Mass (g)", "重量/kg", "Recycled content (%)").

Headers are compared after :func:`normalise_header`: Unicode NFKC (full-width
letters and brackets become ASCII), case folding, and removal of spaces,
underscores, hyphens, dots and colons, so ``Part_Name``, ``PART NAME`` and
``Part-Name`` are the same header.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from greendesign.errors import ModelValidationError, UnitError
from greendesign.i18n import _, ngettext
from greendesign.model import ProcessUse
from greendesign.units import normalise_mass_unit

#: The columns of the BOM format, in the order :mod:`greendesign.io.bom_export` writes them.
CANONICAL_COLUMNS: tuple[str, ...] = (
    "level", "id", "name", "name_zh", "quantity", "mass", "mass_unit", "material",
    "recycled_content", "scrap_rate", "process", "process_amount", "joint", "joint_count",
    "module", "priority_part", "plastic_marking", "notes",
)

#: Columns an import needs; ``mass`` and ``material`` are needed on leaf rows only.
REQUIRED_COLUMNS: tuple[str, ...] = ("name", "mass", "material")

#: Columns read on import but never written: ``parent`` links a row to its parent's id
#: (the alternative to ``level``).
IMPORT_ONLY_COLUMNS: tuple[str, ...] = ("parent",)

#: Every column an import understands.
RECOGNISED_COLUMNS: tuple[str, ...] = CANONICAL_COLUMNS + IMPORT_ONLY_COLUMNS

# Headers recognised for each column, before normalisation. Order matters where one
# header could mean two columns: ``description`` is the name unless another column
# already gives the name, then it is read as notes.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "level": ("level", "bom level", "lvl", "lev", "explosion level", "indent", "indent level",
              "depth", "层级", "级别", "层次", "阶层", "阶次", "层"),
    "id": ("id", "part number", "part no", "part num", "part#", "p/n", "pn", "item no",
           "item number", "item#", "item id", "part id", "component number", "number", "no",
           "article number", "编号", "零件号", "零件编号", "物料编码", "物料编号", "物料号",
           "料号", "图号", "代号", "部件编号"),
    "name": ("name", "part name", "item name", "component", "component name",
             "part description", "description", "title", "english name", "name (en)",
             "name en", "零件名称", "名称", "部件名称", "物料名称", "品名", "英文名称", "英文名"),
    "name_zh": ("name_zh", "chinese name", "name (zh)", "name (cn)", "name zh", "name cn",
                "中文名称", "中文名", "名称(中文)"),
    "quantity": ("quantity", "qty", "qty per", "quantity per", "quantity per assembly",
                 "count", "pcs", "units", "数量", "用量", "单机用量", "件数", "单台用量"),
    "mass": ("mass", "weight", "net weight", "unit weight", "unit mass", "part weight",
             "part mass", "mass per unit", "质量", "重量", "单重", "净重", "单件重量", "单件质量"),
    "mass_unit": ("mass_unit", "mass unit", "weight unit", "unit", "units of mass", "单位",
                  "质量单位", "重量单位"),
    "material": ("material", "material code", "material name", "materials", "mat",
                 "material dataset", "材料", "材质", "材料名称", "材料牌号", "材料代码"),
    "recycled_content": ("recycled_content", "recycled content", "recycled", "recycled share",
                         "recycled fraction", "recycled%", "pcr", "pcr content",
                         "再生料比例", "再生材料含量", "回收料含量", "再生料含量", "再生料"),
    "scrap_rate": ("scrap_rate", "scrap rate", "scrap", "scrap factor", "waste rate",
                   "loss rate", "scrap%", "废料率", "损耗率", "报废率", "损耗"),
    "process": ("process", "processes", "manufacturing process", "process code",
                "工艺", "加工工艺", "制造工艺", "工艺代码"),
    "process_amount": ("process_amount", "process amount", "process quantity",
                       "工艺量", "工艺用量", "工艺数量"),
    "joint": ("joint", "joint type", "joining", "joining method", "connection", "fastening",
              "连接方式", "连接", "连接类型", "紧固方式"),
    "joint_count": ("joint_count", "joint count", "number of joints", "joints",
                    "fastener count", "连接数量", "连接数", "紧固件数量"),
    "module": ("module", "modules", "模块", "所属模块"),
    "priority_part": ("priority_part", "priority part", "priority", "key part",
                      "critical part", "关键部件", "优先部件", "重点部件"),
    "plastic_marking": ("plastic_marking", "plastic marking", "marking", "iso 11469",
                        "塑料标识", "塑料标记"),
    "notes": ("notes", "note", "remarks", "remark", "comment", "comments", "description",
              "备注", "说明"),
    "parent": ("parent", "parent id", "parent part", "parent number", "parent item",
               "父项", "上级", "父项编号", "上级编号", "父件", "父级"),
}

_STRIP = re.compile(r"[\s_\-.:：]+")
_BRACKETED = re.compile(r"^(.*?)\s*[(\[{<]\s*([^)\]}>]*?)\s*[)\]}>]\s*$")
_SUFFIXED = re.compile(r"^(.*?)\s*[/,]\s*([^/,]+?)\s*$")
_PERCENT = re.compile(r"^(.*?)\s*%\s*$")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip()


def _key(text: str) -> str:
    return _STRIP.sub("", _fold(text).casefold())


def _as_unit(text: str) -> str | None:
    """A mass unit or ``%`` in canonical spelling, or ``None`` for anything else."""
    text = text.strip()
    if text in ("%", "percent", "百分比"):
        return "%"
    if not text:
        return None
    try:
        return normalise_mass_unit(text)
    except UnitError:
        return None


def split_header(text: str) -> tuple[str, str | None]:
    """Split a header into its base text and the unit it carries.

    ``"Mass (g)"`` gives ``("Mass", "g")``, ``"重量/kg"`` gives ``("重量", "kg")``,
    ``"Weight [lb]"`` gives ``("Weight", "lb")``, ``"Recycled content (%)"`` gives
    ``("Recycled content", "%")``. A bracket that holds no known unit, as in
    ``"Name (EN)"``, is removed from the base and the unit is ``None``; a slash
    or comma is only a unit separator when a known unit follows it (``"P/N"``
    stays whole).

    Parameters
    ----------
    text
        The header as written in the file.

    Returns
    -------
    tuple of (str, str or None)
        The header without its unit, and the unit (a canonical mass unit or
        ``"%"``) or ``None``.
    """
    folded = _fold(text)
    match = _BRACKETED.match(folded)
    if match and match.group(1):
        return match.group(1), _as_unit(match.group(2))
    match = _SUFFIXED.match(folded)
    if match and match.group(1) and _as_unit(match.group(2)):
        return match.group(1), _as_unit(match.group(2))
    match = _PERCENT.match(folded)
    if match and match.group(1):
        return match.group(1), "%"
    return folded, None


def normalise_header(text: str) -> str:
    """Return the comparison key of a header.

    The key is the header after Unicode NFKC normalisation and case folding,
    with a trailing unit removed (see :func:`split_header`) and spaces,
    underscores, hyphens, dots and colons dropped: ``"Part_Name"``,
    ``" PART NAME "`` and ``"Ｐａｒｔ－Ｎａｍｅ"`` all give ``"partname"``;
    ``"Mass (g)"`` gives ``"mass"``.

    Parameters
    ----------
    text
        A header as written in a BOM file.

    Returns
    -------
    str
        The key used to look the header up among the recognised headers.
    """
    base, _unit = split_header(text)
    return _key(base)


def header_unit(text: str) -> str | None:
    """The unit a header carries (``"g"`` for ``"质量(g)"``, ``"%"`` for ``"PCR %"``), if any."""
    return split_header(text)[1]


def _build_lookup() -> dict[str, list[str]]:
    lookup: dict[str, list[str]] = {}
    for column in RECOGNISED_COLUMNS:
        for synonym in (column, *_SYNONYMS.get(column, ())):
            for key in {_key(synonym), normalise_header(synonym)}:
                targets = lookup.setdefault(key, [])
                if column not in targets:
                    targets.append(column)
    return lookup


_LOOKUP = _build_lookup()
#: Headers that often mean something else (a serial number, a generic "unit"): they give
#: their column only when no other header does.
_WEAK = {_key(h) for h in ("no", "number", "item", "item no", "item number", "item#", "units",
                           "count", "marking", "priority", "connection", "joints")}


def candidates(header: str) -> list[str]:
    """The columns a header may mean, best first (empty when it is not recognised)."""
    whole = _key(header)
    if whole in _LOOKUP:
        return list(_LOOKUP[whole])
    return list(_LOOKUP.get(normalise_header(header), []))


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Guess which BOM column each header of a file holds.

    Each recognised header is mapped to a column of :data:`RECOGNISED_COLUMNS`.
    When two headers could give the same column, the header listed first in
    the file wins; a header with a second meaning (``Description``: the name,
    else the notes) takes that meaning when its first is already taken.
    Unrecognised headers and headers that lost to an earlier one are absent
    from the result (the import reports them as ignored columns).

    Parameters
    ----------
    headers
        The header row as written in the file.

    Returns
    -------
    dict
        Source header -> column, for recognised headers only.

    Examples
    --------
    >>> guess_mapping(["Part No.", "零件名称", "Weight (g)", "材质", "Vendor"])
    {'Part No.': 'id', '零件名称': 'name', 'Weight (g)': 'mass', '材质': 'material'}
    """
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    # strong headers before weak ones (a serial "No." column must not hide "Part Number");
    # within each, first meanings before second meanings
    for weak, rank in ((False, 0), (False, 1), (True, 0), (True, 1), (True, 2)):
        for header in headers:
            if header in mapping or not str(header).strip():
                continue
            if (_key(header) in _WEAK) != weak:
                continue
            options = candidates(header)
            if rank < len(options) and options[rank] not in taken:
                # a header whose first meaning is free never waits for a later pass
                if rank > 0 and any(o not in taken for o in options[:rank]):
                    continue
                mapping[header] = options[rank]
                taken.add(options[rank])
    return {h: mapping[h] for h in headers if h in mapping}


# --- cell values ------------------------------------------------------------------------

class CellError(ValueError):
    """A cell's text is not a valid value for its column (``message`` and ``hint``)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


#: Joint words accepted in the ``joint`` column, beyond the model's own values.
JOINT_SYNONYMS: dict[str, str] = {
    "snap fit": "snap-fit", "snapfit": "snap-fit", "snap": "snap-fit", "press fit": "press-fit",
    "pressfit": "press-fit", "interference fit": "press-fit", "glue": "adhesive",
    "glued": "adhesive", "bonded": "adhesive", "adhesive bonding": "adhesive",
    "screws": "screw", "screwed": "screw", "bolts": "bolt", "bolted": "bolt", "clips": "clip",
    "clipped": "clip", "welded": "weld", "welding": "weld", "soldered": "solder",
    "soldering": "solder", "rivets": "rivet", "riveted": "rivet", "sewing": "sewn",
    "stitched": "sewn", "sewed": "sewn", "loose": "none", "-": "none",
    "螺钉": "screw", "螺丝": "screw", "螺栓": "bolt", "卡扣": "snap-fit", "卡子": "clip",
    "夹子": "clip", "压配": "press-fit", "过盈配合": "press-fit", "胶粘": "adhesive",
    "粘接": "adhesive", "粘结": "adhesive", "胶接": "adhesive", "焊接": "weld", "锡焊": "solder",
    "铆接": "rivet", "缝合": "sewn", "无": "none",
}
JOINT_VALUES: tuple[str, ...] = ("screw", "bolt", "snap-fit", "clip", "press-fit", "adhesive",
                                 "weld", "solder", "rivet", "sewn", "none")

_TRUE = {"yes", "y", "true", "1", "是", "x", "√", "✓"}
_FALSE = {"no", "n", "false", "0", "否", ""}
#: Chinese priority part kinds, read as their English word.
PRIORITY_KINDS_ZH: dict[str, str] = {
    "电池": "battery", "显示屏": "display", "屏幕": "display", "显示器": "display",
    "电机": "motor", "马达": "motor", "压缩机": "compressor", "主板": "pcb",
    "电路板": "pcb", "印制电路板": "pcb", "电源": "power supply", "摄像头": "camera",
}

_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")
_COUNT_UNITS = {"", "pc", "pcs", "piece", "pieces", "ea", "each", "x", "个", "件", "只", "套",
                "台", "片", "根", "条", "颗"}


def parse_number(text: str) -> float:
    """Read a finite number; a single decimal comma (``"0,25"``) is a decimal point."""
    value = _fold(text)
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    if not _NUMBER.match(value):
        raise CellError(_("{text!r} is not a number").format(text=text),
                        _("write a plain number such as 2 or 0.5"))
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError(_("{text!r} is not a finite number").format(text=text))
    return number


def parse_quantity(text: str) -> float:
    """Read a quantity per parent (> 0); count words such as ``pcs`` or ``个`` are allowed."""
    value = _fold(text)
    match = re.match(r"^(\S+?)\s*([^\d\s.,]*)$", value)
    if match and match.group(2).casefold() in _COUNT_UNITS:
        value = match.group(1)
    number = parse_number(value)
    if number <= 0:
        raise CellError(_("quantity {text!r} is not greater than 0").format(text=text),
                        _("write how many of this part one unit of its parent holds, e.g. 1 "
                          "or 4"))
    return number


def parse_fraction(text: str, *, percent_header: bool = False, upper: float = 1.0) -> float:
    """Read a share as a fraction: ``0.3``, ``30%`` or, under a ``(%)`` header, ``30``.

    Percentages are converted with exact decimal arithmetic, so ``"30%"`` gives
    the same float as ``"0.3"``. A bare number above 1 is refused: it is
    ambiguous between a fraction and a percentage.
    """
    value = _fold(text)
    percent = value.endswith("%")
    if percent:
        value = value[:-1].strip()
    if percent or percent_header:
        number = parse_number(value)
        try:
            share = float(Decimal(value.replace(",", ".")) / Decimal(100))
        except InvalidOperation:  # pragma: no cover - parse_number accepted it
            share = number / 100.0
        shown = f"{text.strip()}" if percent else f"{text.strip()}%"
    else:
        share = parse_number(value)
        if share > 1.0:
            raise CellError(_("{text!r} is more than 1").format(text=text),
                            _("write a fraction or a percentage: {fraction} or "
                              "{percent}%").format(fraction=f"{share / 100:g}",
                                                   percent=f"{share:g}"))
        shown = text.strip()
    if share < 0.0 or share > upper:
        limit = f"{upper:g}" if upper != 1.0 else "1 (100%)"
        raise CellError(_("{text!r} is outside 0 to {limit}").format(text=shown, limit=limit),
                        _("write a share such as 0.3 or 30%"))
    return share


def parse_joint(text: str) -> str:
    """Read a joint type (model value, English or Chinese synonym); empty is ``none``."""
    value = _fold(text).casefold()
    value = re.sub(r"[\s_]+", " ", value)
    if not value:
        return "none"
    for candidate in (value, value.replace("-", " "), value.replace(" ", "-")):
        if candidate in JOINT_VALUES:
            return candidate
        if candidate in JOINT_SYNONYMS:
            return JOINT_SYNONYMS[candidate]
    raise CellError(_("unknown joint {text!r}").format(text=text.strip()),
                    _("use one of {joints} (or 螺钉, 卡扣, 胶粘, 焊接 ...)").format(
                        joints=", ".join(JOINT_VALUES)))


def parse_priority(text: str) -> tuple[bool, str]:
    """Read the ``priority_part`` cell: yes/no words, or a kind word such as ``battery``.

    Returns ``(priority_part, priority_kind)``; a kind word sets the part as a
    priority part of that kind (Chinese kind words are read as English).
    """
    value = _fold(text)
    lowered = value.casefold()
    if lowered in _TRUE:
        return True, ""
    if lowered in _FALSE:
        return False, ""
    return True, PRIORITY_KINDS_ZH.get(value, value)


def parse_level(text: str) -> int:
    """Read a BOM level: ``2``, ``2.0``, or SAP-style dotted ``..2`` (dots alone count)."""
    value = _fold(text)
    dots = len(value) - len(value.lstrip("."))
    rest = value[dots:].strip()
    if not rest and dots:
        return dots
    try:
        number = float(rest)
    except ValueError:
        number = float("nan")
    if not number.is_integer() or number < 0:
        raise CellError(_("level {text!r} is not a whole number").format(text=text.strip()),
                        _("write 1 for the top level, 2 below it ..., or dotted .1, ..2"))
    if dots and int(number) != dots:
        raise CellError(ngettext("level {text!r} has {count} dot but says {level}",
                                 "level {text!r} has {count} dots but says {level}", dots).format(
                            text=text.strip(), count=dots, level=int(number)),
                        _("write as many dots as the level number, e.g. ..2"))
    return int(number)


def parse_joint_count(text: str) -> int:
    """Read a number of joints: a whole number from 1 to 10,000."""
    number = parse_number(text)
    if not number.is_integer() or not 1 <= number <= 10_000:
        raise CellError(_("joint count {text!r} is not a whole number from 1 to {most}").format(
                            text=text, most=10000),
                        _("write how many joints hold this part, e.g. 4"))
    return int(number)


def parse_processes(codes_text: str, amounts_text: str) -> tuple[
        list[tuple[str, float | None]], list[tuple[str, str, str]]]:
    """Read a ``process`` cell and its ``process_amount`` cell.

    Codes and amounts are separated by ``;`` (or a full-width ``；``); an empty
    amount, or an empty amount cell, means the part's mass (``None``).

    Returns
    -------
    tuple
        The (dataset, amount) of each valid process, each validated as a
        :class:`~greendesign.model.ProcessUse` (the same values make an equal one), and
        the problems as (column, message, hint), ``column`` being ``process`` or
        ``process_amount``.
    """
    problems: list[tuple[str, str, str]] = []
    codes = [c.strip() for c in codes_text.replace("；", ";").split(";")] if codes_text else []
    amounts = [a.strip() for a in amounts_text.replace("；", ";").split(";")] \
        if amounts_text else [""] * len(codes)
    if any(not c for c in codes):
        problems.append(("process", _("process list {text!r} has an empty entry").format(
            text=codes_text), _("separate dataset codes with ';' and no empty entries")))
        return [], problems
    if len(amounts) != len(codes):
        given = ngettext("{count} process amount", "{count} process amounts",
                         len(amounts)).format(count=len(amounts))
        wanted = ngettext("{count} process", "{count} processes", len(codes)).format(
            count=len(codes))
        problems.append(("process_amount", _("{amounts} for {processes}").format(
            amounts=given, processes=wanted), _(
            "give one amount per process, separated by ';' (leave an entry empty for the "
            "part's mass), or leave the cell empty")))
        return [], problems
    processes: list[tuple[str, float | None]] = []
    for code, amount in zip(codes, amounts, strict=True):
        value = None
        if amount:
            try:
                value = parse_number(amount)
                if value <= 0:
                    raise CellError(_("process amount {text!r} is not greater than "
                                      "0").format(text=amount),
                                    _("leave it empty to use the part's mass"))
            except CellError as exc:
                problems.append(("process_amount", exc.message, exc.hint))
                continue
        try:
            ProcessUse(dataset=code, amount=value)
        except ModelValidationError as exc:  # e.g. a code over the length limit
            problems.extend(("process", problem.message, problem.hint)
                            for problem in exc.problems)
        else:
            processes.append((code, value))
    return processes, problems


def format_number(value: float) -> str:
    """Shortest text that reads back as the same float (whole numbers without ``.0``)."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)
