"""Reference tables of the scores, read from ``lca_data/scoring`` and the inventory.

Files (UTF-8 CSV, header on row 1, every number with its source and a
``verified`` column saying whether it was checked against that source):

* ``joints.csv``: per joint type of :class:`~greendesign.model.JointType`,
  whether it is reversible, a standard fastener, its EN 45554 fastener class
  (``reusable``, ``removable``, ``neither``), the tool class it needs
  (``none``, ``basic``, ``product_specific``, ``commercial``, ``proprietary``)
  and eDiM-style times in seconds per operation (tool change, identify,
  manipulate, position, disconnect, remove; Vanegas et al. 2018).
* ``restricted_substances.csv``: substance, CAS number, limit as a mass
  fraction of the homogeneous material, regime (GB/T 26572 ...), and a regular
  expression matched against declared substance names.
* ``repairability.csv``: weights, class limits and the score scales of the
  repairability index (EN 45554 parameters, aggregated as in Regulation (EU)
  2023/1669).

Material properties and end-of-life shares come from
``greendesign.inventory.reference_data`` (``material_properties()`` and
``eol_scenarios()``); every scoring function also takes these tables as
arguments so it can run on tables of its own.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from greendesign.bundled import lca_data_dir
from greendesign.errors import GreenDesignError, Problem
from greendesign.i18n import _, ngettext
from greendesign.model.vocab import JointType

TOOL_CLASSES = ("none", "basic", "product_specific", "commercial", "proprietary")
FASTENER_CLASSES = ("reusable", "removable", "neither")
_TIME_COLUMNS = ("t_tool_change_s", "t_identify_s", "t_manipulate_s", "t_position_s",
                 "t_disconnect_s", "t_remove_s")
_JOINT_COLUMNS = ("joint_type", "reversible", "standard_fastener", "en45554_fastener",
                  "tool_class", "tool", *_TIME_COLUMNS, "source", "year", "verified", "note")
_SUBSTANCE_COLUMNS = ("substance", "name_zh", "cas", "limit_mass_fraction", "regime",
                      "pattern", "source", "year", "verified", "note")
_REPAIR_COLUMNS = ("parameter", "key", "value", "source", "verified", "note")


class ScoringDataError(GreenDesignError):
    """A scoring data file (joints, substances, repairability, profile) is malformed."""


@dataclass(frozen=True)
class JointData:
    """Properties and eDiM-style operation times of one joint type (seconds)."""

    joint: JointType
    reversible: bool
    standard_fastener: bool
    fastener_class: str
    tool_class: str
    tool: str
    t_tool_change: float
    t_identify: float
    t_manipulate: float
    t_position: float
    t_disconnect: float
    t_remove: float
    source: str = ""
    verified: str = ""
    note: str = ""


@dataclass(frozen=True)
class RestrictedSubstance:
    """A restricted substance with its limit in the homogeneous material."""

    name: str
    name_zh: str
    cas: str
    limit: float
    regime: str
    pattern: re.Pattern[str]
    source: str = ""
    verified: str = ""
    note: str = ""

    def matches(self, name: str, cas: str = "") -> bool:
        """Whether a declared substance (name, CAS) is this one."""
        if cas and self.cas and cas.strip() == self.cas:
            return True
        return bool(self.pattern.search(name))


@dataclass(frozen=True)
class RepairabilityScale:
    """Weights, class limits and score scales of the repairability index."""

    weights: dict[str, float]
    classes: tuple[tuple[str, float], ...]
    depth: tuple[tuple[float, float], ...]
    fastener: dict[str, float]
    tool: dict[str, float]

    def depth_score(self, steps: int) -> float:
        for max_steps, score in self.depth:
            if steps <= max_steps:
                return score
        return self.depth[-1][1]

    def class_of(self, value: float) -> str:
        for name, minimum in self.classes:
            if value >= minimum - 1e-12:
                return name
        return "-"


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ScoringDataError(_("The scoring data file {file} is missing.").format(file=path),
                               hint=_("Reinstall GreenDesign or restore the file.")) from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or tuple(c.strip() for c in rows[0]) != columns:
        got = ",".join(rows[0]) if rows else _("nothing")
        raise ScoringDataError(_("{file}: the header must be {expected}, got {found}.").format(
            file=path.name, expected=",".join(columns), found=got),
            problems=[Problem(_("wrong header"), location=_("{file}, row {row}").format(
                file=path.name, row=1), row=1)])
    out = []
    problems = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            problems.append(Problem(_("{count} cells, expected {expected}").format(
                count=len(row), expected=len(columns)),
                location=_("{file}, row {row}").format(file=path.name, row=number), row=number,
                hint=_("quote a cell that contains a comma")))
            continue
        out.append((number, {c: v.strip() for c, v in zip(columns, row, strict=True)}))
    if problems:
        raise ScoringDataError(ngettext("{file} has {count} malformed row.",
                                        "{file} has {count} malformed rows.",
                                        len(problems)).format(file=path.name,
                                                              count=len(problems)),
                               problems=problems)
    return out


def _problems_text(file: str, count: int) -> str:
    return ngettext("{file} has {count} problem.", "{file} has {count} problems.",
                    count).format(file=file, count=count)


def _number(value: str, where: str, column: str, problems: list[Problem],
            minimum: float = 0.0) -> float:
    try:
        number = float(value)
    except ValueError:
        problems.append(Problem(_("column {column!r}: {value!r} is not a number").format(
            column=column, value=value), location=where, column=column))
        return math.nan
    if not math.isfinite(number) or number < minimum:
        problems.append(Problem(_("column {column!r}: {value!r} must be a number >= "
                                  "{minimum}").format(column=column, value=value,
                                                      minimum=f"{minimum:g}"),
                                location=where, column=column))
    return number


def _yes(value: str, where: str, column: str, problems: list[Problem]) -> bool:
    if value.lower() in ("yes", "true", "1"):
        return True
    if value.lower() in ("no", "false", "0"):
        return False
    problems.append(Problem(_("column {column!r}: write yes or no, got {value!r}").format(
        column=column, value=value), location=where, column=column))
    return False


def read_joint_table(path: str | Path) -> dict[JointType, JointData]:
    """Read a ``joints.csv`` file; every joint type of the model must have a row."""
    path = Path(path)
    problems: list[Problem] = []
    table: dict[JointType, JointData] = {}
    for number, row in _read_rows(path, _JOINT_COLUMNS):
        where = _("{file}, row {row}").format(file=path.name, row=number)
        try:
            joint = JointType(row["joint_type"])
        except ValueError:
            problems.append(Problem(_("column 'joint_type': {value!r} is not a joint type "
                                      "({choices})").format(
                value=row["joint_type"], choices=", ".join(j.value for j in JointType)),
                location=where, column="joint_type"))
            continue
        if row["en45554_fastener"] not in FASTENER_CLASSES:
            problems.append(Problem(_("column {column!r}: {value!r} is not one of "
                                      "{choices}").format(
                column="en45554_fastener", value=row["en45554_fastener"],
                choices=", ".join(FASTENER_CLASSES)), location=where,
                column="en45554_fastener"))
        if row["tool_class"] not in TOOL_CLASSES:
            problems.append(Problem(_("column {column!r}: {value!r} is not one of "
                                      "{choices}").format(
                column="tool_class", value=row["tool_class"], choices=", ".join(TOOL_CLASSES)),
                location=where, column="tool_class"))
        if not row["source"]:
            problems.append(Problem(_("column 'source' is empty: every number needs a source"),
                                    location=where, column="source"))
        times = [_number(row[c], where, c, problems) for c in _TIME_COLUMNS]
        table[joint] = JointData(
            joint=joint,
            reversible=_yes(row["reversible"], where, "reversible", problems),
            standard_fastener=_yes(row["standard_fastener"], where, "standard_fastener",
                                   problems),
            fastener_class=row["en45554_fastener"], tool_class=row["tool_class"],
            tool=row["tool"], t_tool_change=times[0], t_identify=times[1],
            t_manipulate=times[2], t_position=times[3], t_disconnect=times[4],
            t_remove=times[5], source=row["source"], verified=row["verified"],
            note=row["note"])
    missing = [j.value for j in JointType if j not in table]
    if missing:
        problems.append(Problem(_("no row for joint types {types}").format(
            types=", ".join(missing)), location=path.name))
    if problems:
        raise ScoringDataError(_problems_text(path.name, len(problems)), problems=problems)
    return table


def read_restricted_substances(path: str | Path) -> list[RestrictedSubstance]:
    """Read a ``restricted_substances.csv`` file."""
    path = Path(path)
    problems: list[Problem] = []
    out = []
    for number, row in _read_rows(path, _SUBSTANCE_COLUMNS):
        where = _("{file}, row {row}").format(file=path.name, row=number)
        limit = _number(row["limit_mass_fraction"], where, "limit_mass_fraction", problems)
        try:
            pattern = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as exc:
            problems.append(Problem(_("column 'pattern': not a regular expression "
                                      "({error})").format(error=exc), location=where,
                                    column="pattern"))
            continue
        out.append(RestrictedSubstance(row["substance"], row["name_zh"], row["cas"], limit,
                                       row["regime"], pattern, row["source"], row["verified"],
                                       row["note"]))
    if problems:
        raise ScoringDataError(_problems_text(path.name, len(problems)), problems=problems)
    return out


def read_repairability_scale(path: str | Path) -> RepairabilityScale:
    """Read a ``repairability.csv`` file."""
    path = Path(path)
    problems: list[Problem] = []
    weights: dict[str, float] = {}
    classes: list[tuple[str, float]] = []
    depth: list[tuple[float, float]] = []
    fastener: dict[str, float] = {}
    tool: dict[str, float] = {}
    for number, row in _read_rows(path, _REPAIR_COLUMNS):
        where = _("{file}, row {row}").format(file=path.name, row=number)
        value = _number(row["value"], where, "value", problems)
        parameter, key = row["parameter"], row["key"]
        if parameter == "weight":
            weights[key] = value
        elif parameter == "class":
            classes.append((key, value))
        elif parameter == "depth_max_steps":
            depth.append((math.inf if key == "inf" else float(key), value))
        elif parameter == "fastener":
            fastener[key] = value
        elif parameter == "tool":
            tool[key] = value
        else:
            problems.append(Problem(_("column 'parameter': unknown parameter "
                                      "{parameter!r}").format(parameter=parameter),
                                    location=where, column="parameter"))
    for needed, have in (("fastener", fastener), ("tool", tool)):
        wanted = FASTENER_CLASSES if needed == "fastener" else TOOL_CLASSES
        for key in wanted:
            if key not in have:
                problems.append(Problem(_("no {needed} score for {key!r}").format(
                    needed=needed, key=key), location=path.name))
    if problems:
        raise ScoringDataError(_problems_text(path.name, len(problems)), problems=problems)
    return RepairabilityScale(weights, tuple(sorted(classes, key=lambda c: -c[1])),
                              tuple(sorted(depth)), fastener, tool)


def scoring_dir() -> Path:
    """The bundled ``lca_data/scoring`` folder."""
    return lca_data_dir() / "scoring"


@functools.cache
def joint_table() -> dict[JointType, JointData]:
    """The bundled joint table (``lca_data/scoring/joints.csv``), cached."""
    return read_joint_table(scoring_dir() / "joints.csv")


@functools.cache
def restricted_substances() -> tuple[RestrictedSubstance, ...]:
    """The bundled restricted substance list, cached."""
    return tuple(read_restricted_substances(scoring_dir() / "restricted_substances.csv"))


@functools.cache
def repairability_scale() -> RepairabilityScale:
    """The bundled repairability scale, cached."""
    return read_repairability_scale(scoring_dir() / "repairability.csv")


# --- inventory reference data (material properties, end-of-life shares) ---------------------

def default_material_properties() -> tuple[Mapping[str, Any], str]:
    """``(table, note)``: ``reference_data.material_properties()`` or an empty table.

    The note is empty when the table was loaded, and says why not otherwise.
    """
    try:
        from greendesign.inventory import reference_data
    except ImportError:
        return {}, _("material property table not available (inventory reference data "
                     "missing)")
    return reference_data.material_properties(), ""


def default_eol_scenarios() -> tuple[Mapping[tuple[str, str], Any], str]:
    """``(table, note)``: ``reference_data.eol_scenarios()`` or an empty table."""
    try:
        from greendesign.inventory import reference_data
    except ImportError:
        return {}, _("end-of-life scenario table not available (inventory reference data "
                     "missing)")
    return reference_data.eol_scenarios(), ""


GLOBAL_REGION = "GLO"


def eol_entry(table: Mapping[tuple[str, str], Any], region: str, family: str | None
              ) -> tuple[Any | None, str]:
    """The end-of-life shares of a family in a region, falling back to ``GLO``.

    Returns ``(entry, region used)``; ``(None, "")`` when neither is known.
    """
    if family is None:
        return None, ""
    for key in ((region, family), (GLOBAL_REGION, family)):
        if key in table:
            return table[key], key[0]
    return None, ""


def attr(obj: Any, name: str, default: float | None = None) -> Any:
    """Attribute or mapping item ``name`` of ``obj`` (reference tables may be either)."""
    if obj is None:
        return default
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


GwpPerKg = Callable[[str], "float | None"]
