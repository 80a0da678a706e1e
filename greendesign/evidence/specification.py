"""Specification profiles: the bundled ones, import from JSON or XLSX, the XLSX template.

Bundled profiles are JSON files in ``lca_data/specifications/`` (their README lists the sources
of every benchmark). A profile file is validated on load (:class:`SpecificationError` names the
file and each field's JSON path) and its metrics are checked against
:data:`greendesign.scoring.metrics.METRICS` (or ``lca:<method label>``).

An XLSX profile has one row per indicator on its first sheet (or the sheet named
``Indicators`` / ``评价指标``), with a header row in English or Chinese
(:data:`INDICATOR_COLUMNS`); an optional ``Profile`` / ``规范信息`` sheet holds ``key | value``
rows (id, name, category, standard ...; a ``source`` row may repeat), and an optional
``Basic requirements`` / ``基本要求`` sheet one row per requirement
(:data:`REQUIREMENT_COLUMNS`). Errors name the sheet, the row (the header is row 1) and the
column as the file spells it. :func:`export_specification_xlsx` writes a profile in that layout,
so a bundled profile is the template of one's own.
"""

from __future__ import annotations

import io
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from greendesign.bundled import lca_data_dir
from greendesign.errors import GreenDesignError, Problem
from greendesign.evidence.record import EvidenceRecord
from greendesign.evidence.spec_model import (
    EVIDENCE_KIND_NAMES,
    LCA_PREFIX,
    STAGE_NAMES,
    SpecificationProfile,
    SystemStandard,
)
from greendesign.i18n import _
from greendesign.io.atomic import atomic_write_bytes
from greendesign.model.base import json_path
from greendesign.scoring.index import GROUP_NAMES

GENERIC_PROFILE = "gbt32161_generic"
CATEGORY_PROFILES = {"household_appliance": "household_appliance_kettle",
                     "furniture": "furniture_office_chair",
                     "electronics": "electronics_bluetooth_speaker"}
"""The bundled profile proposed for each product category (the generic one otherwise)."""

#: field -> (English header, Chinese header) of the indicator sheet, in export order
INDICATOR_COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("id", "编号"),
    "group": ("group", "一级指标"),
    "name": ("name", "二级指标(英文)"),
    "name_zh": ("name_zh", "二级指标"),
    "unit": ("unit", "单位"),
    "comparison": ("comparison", "比较符"),
    "benchmark_value": ("benchmark_value", "基准值"),
    "benchmark_text": ("benchmark_text", "基准值说明(英文)"),
    "benchmark_text_zh": ("benchmark_text_zh", "基准值说明"),
    "basis": ("basis", "判定依据(英文)"),
    "basis_zh": ("basis_zh", "判定依据"),
    "stage": ("stage", "所属阶段"),
    "metric": ("metric", "计算指标"),
    "evidence": ("evidence", "证据类型"),
    "evidence_required": ("evidence_required", "需提供证据"),
    "source": ("source", "基准值来源"),
    "illustrative": ("illustrative", "示意值"),
}
REQUIREMENT_COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("id", "编号"),
    "text": ("text", "基本要求(英文)"),
    "text_zh": ("text_zh", "基本要求"),
    "basis": ("basis", "判定依据(英文)"),
    "basis_zh": ("basis_zh", "判定依据"),
    "certificate": ("certificate", "体系证书"),
    "evidence": ("evidence", "证据类型"),
    "source": ("source", "来源"),
    "illustrative": ("illustrative", "示意值"),
}
PROFILE_KEYS = ("id", "name", "name_zh", "category", "standard", "standard_zh", "version",
                "description", "description_zh", "source")
SHEETS = {"indicators": ("Indicators", "评价指标"), "profile": ("Profile", "规范信息"),
          "requirements": ("Basic requirements", "基本要求")}
_COMPARISONS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "=": "=",
                "==": "="}
_BENCHMARK = re.compile(r"^\s*(≥|≤|>=|<=|==|>|<|=)\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)")
_YES = {"yes", "y", "true", "1", "是", "x", "✓"}
_NO = {"no", "n", "false", "0", "否", ""}


class SpecificationError(GreenDesignError):
    """A specification profile file is malformed; nothing was imported."""


# --- reading and checking ---------------------------------------------------------------------

def bundled_specification_dir() -> Path:
    """``lca_data/specifications``."""
    return lca_data_dir() / "specifications"


def metric_problem(metric: str) -> str | None:
    """Why ``metric`` names no value the app computes, or None."""
    from greendesign.scoring.metrics import METRICS  # deferred: the scores load the catalogue

    if not metric or metric in METRICS or (metric.startswith(LCA_PREFIX)
                                           and len(metric) > len(LCA_PREFIX)):
        return None
    return _("metric {metric!r} is unknown; use one of {known}, or lca:<method>").format(
        metric=metric, known=", ".join(METRICS))


def parse_specification(data: Any, where: str = "profile") -> SpecificationProfile:
    """Validate profile data; :class:`SpecificationError` names ``where`` and each field."""
    try:
        profile = SpecificationProfile.model_validate(data)
    except GreenDesignError as exc:
        raise SpecificationError(
            _("The specification profile {where} has {count} problems.").format(
                where=where, count=len(exc.problems)),
            problems=[Problem(f"{where}: {p}", location=f"{where}: {p.location}",
                              field=p.field) for p in exc.problems],
            hint=_("Fix the fields named below.")) from None
    problems = []
    for index, indicator in enumerate(profile.indicators):
        problem = metric_problem(indicator.metric)
        if problem:
            path = json_path(("indicators", index, "metric"))
            problems.append(Problem(f"{where}: {path}: {problem}", location=f"{where}: {path}",
                                    field="metric"))
    if problems:
        raise SpecificationError(
            _("The specification profile {where} has {count} problems.").format(
                where=where, count=len(problems)), problems=problems,
            hint=_("Fix the fields named below."))
    return profile


def read_specification(path: str | os.PathLike[str]) -> SpecificationProfile:
    """Read and validate a JSON profile file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise SpecificationError(_("The specification profile {path} does not exist.").format(
            path=str(path))) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SpecificationError(_("The specification profile {name} is not valid UTF-8 JSON: "
                                   "{error}.").format(name=path.name, error=exc)) from None
    return parse_specification(data, path.name)


@cache
def _bundled(folder: str) -> dict[str, SpecificationProfile]:
    profiles: dict[str, SpecificationProfile] = {}
    for path in sorted(Path(folder).glob("*.json")):
        profile = read_specification(path)
        profiles[profile.id] = profile
    return profiles


def load_specifications() -> dict[str, SpecificationProfile]:
    """The bundled profiles by id (read once; copies, so callers may change them)."""
    return {key: value.model_copy(deep=True)
            for key, value in _bundled(str(bundled_specification_dir())).items()}


def specification_for_category(category: str) -> str:
    """The id of the bundled profile proposed for a product category."""
    return CATEGORY_PROFILES.get(category, GENERIC_PROFILE)


def resolve_specification(record: EvidenceRecord,
                          bundled: Mapping[str, SpecificationProfile] | None = None
                          ) -> SpecificationProfile | None:
    """The profile a record chose: the embedded one, else the bundled one of that id."""
    if record.imported_specification is not None:
        return record.imported_specification
    if not record.specification:
        return None
    profiles = bundled if bundled is not None else load_specifications()
    return profiles.get(record.specification)


# --- import ------------------------------------------------------------------------------------

def import_specification(path: str | os.PathLike[str]) -> SpecificationProfile:
    """A profile from a ``.json`` or ``.xlsx`` file, validated (nothing is kept on an error)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_specification(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_specification_xlsx(path)
    raise SpecificationError(_("{name} is neither a JSON nor an XLSX file.").format(
        name=path.name), hint=_("Export a bundled profile as a template and fill it in."))


def _key(text: Any) -> str:
    value = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return re.sub(r"[\s_\-.:()]", "", value)


def _match_sheet(names: list[str], which: str) -> str | None:
    wanted = {_key(n) for n in SHEETS[which]}
    return next((n for n in names if _key(n) in wanted), None)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(sheet) -> list[list[str]]:
    return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _header_map(header: list[str], columns: Mapping[str, tuple[str, str]], sheet: str,
                problems: list[Problem]) -> dict[str, int]:
    lookup = {}
    for field, names in columns.items():
        for name in (field, *names):
            lookup[_key(name)] = field
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        if not text:
            continue
        field = lookup.get(_key(text))
        if field is None:
            problems.append(Problem(_("sheet {sheet}, row 1, column {column!r}: unknown column"
                                      ).format(sheet=sheet, column=text), row=1, column=text))
        elif field in found:
            problems.append(Problem(_("sheet {sheet}, row 1, column {column!r}: the column "
                                      "appears twice").format(sheet=sheet, column=text),
                                    row=1, column=text))
        else:
            found[field] = index
    return found


def _choice(text: str, names: Mapping[Any, tuple[str, str]]) -> str:
    """The key whose id, English or Chinese name is ``text`` (else ``text`` itself)."""
    key = _key(text)
    for value, (english, chinese) in names.items():
        if key in (_key(str(value)), _key(english), _key(chinese)):
            return str(value)
    return text


def _flag(text: str) -> bool | str:
    key = _key(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    return text


def _indicator(values: dict[str, str]) -> dict[str, Any]:
    comparison = _COMPARISONS.get(unicodedata.normalize("NFKC", values.get("comparison", "")),
                                  values.get("comparison") or None)
    raw = values.get("benchmark_value", "")
    number: Any = raw or None
    match = _BENCHMARK.match(unicodedata.normalize("NFKC", raw)) if raw else None
    if match:
        comparison = comparison or _COMPARISONS[match.group(1)]
        number = float(match.group(2))
    elif raw:
        try:
            number = float(raw)
        except ValueError:
            number = raw if comparison else None
            if not comparison:  # a requirement in words in the benchmark column
                key = "benchmark_text_zh" if re.search(r"[\u4e00-\u9fff]", raw) else \
                    "benchmark_text"
                values.setdefault(key, "")
                values[key] = values[key] or raw
    benchmark = {"comparison": comparison, "value": number,
                 "text": values.get("benchmark_text", ""),
                 "text_zh": values.get("benchmark_text_zh", "")}
    data: dict[str, Any] = {k: v for k, v in values.items()
                            if k in ("id", "name", "name_zh", "unit", "basis", "basis_zh",
                                     "metric", "source")}
    if not data.get("name"):  # a table in Chinese only: the Chinese name stands for both
        data["name"] = values.get("name_zh", "")
    data["benchmark"] = benchmark
    data["group"] = _choice(values.get("group", ""), GROUP_NAMES)
    data["stage"] = _choice(values.get("stage", ""), STAGE_NAMES)
    evidence = values.get("evidence", "")
    data["evidence"] = _choice(evidence, EVIDENCE_KIND_NAMES) if evidence else None
    data["evidence_required"] = _flag(values.get("evidence_required", ""))
    data["illustrative"] = _flag(values.get("illustrative", "yes") or "yes")
    return data


_FIELD_COLUMN = {"comparison": "comparison", "value": "benchmark_value",
                 "text": "benchmark_text", "text_zh": "benchmark_text_zh"}


def _row_problems(error: ValidationError, row: int, sheet: str, header: list[str],
                  positions: Mapping[str, int], columns: Mapping[str, tuple[str, str]]
                  ) -> list[Problem]:
    out = []
    for item in error.errors(include_url=False):
        loc = [k for k in item.get("loc", ()) if isinstance(k, str)]
        field = loc[-1] if loc else ""
        if loc[:1] == ["benchmark"]:
            field = _FIELD_COLUMN.get(field, "benchmark_value")
        index = positions.get(field)
        column = header[index] if index is not None else columns.get(field, (field, ""))[0]
        message = item.get("msg", "invalid value").removeprefix("Value error, ")
        text = _("sheet {sheet}, row {row}, column {column!r}: {message}").format(
            sheet=sheet, row=row, column=column or "-", message=message)
        out.append(Problem(text, row=row, column=column or None, field=field or None))
    return out


def read_specification_xlsx(path: str | os.PathLike[str]) -> SpecificationProfile:
    """Read a profile from an XLSX file (module docstring); errors name row and column."""
    from openpyxl import load_workbook  # deferred: loads openpyxl

    from greendesign.evidence.spec_model import BasicRequirement, SpecIndicator

    path = Path(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise SpecificationError(_("{path} does not exist.").format(path=str(path))) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise SpecificationError(_("{name} is not a readable XLSX file: {error}.").format(
            name=path.name, error=exc)) from None
    try:
        names = list(book.sheetnames)
        indicator_sheet = _match_sheet(names, "indicators") or names[0]
        problems: list[Problem] = []
        indicators = _read_table(book[indicator_sheet], indicator_sheet, INDICATOR_COLUMNS,
                                 _indicator, SpecIndicator, problems)
        requirements: list[dict] = []
        req_sheet = _match_sheet(names, "requirements")
        if req_sheet is not None:
            requirements = _read_table(book[req_sheet], req_sheet, REQUIREMENT_COLUMNS,
                                       _requirement, BasicRequirement, problems)
        meta: dict[str, Any] = {}
        profile_sheet = _match_sheet(names, "profile")
        if profile_sheet is not None:
            meta = _read_meta(book[profile_sheet], profile_sheet, problems)
    finally:
        book.close()
    if problems:
        raise SpecificationError(
            _("{name}: {count} problems; nothing was imported.").format(
                name=path.name, count=len(problems)), problems=problems,
            hint=_("Fix the cells named below and import the file again."))
    slug = re.sub(r"[^a-z0-9_]+", "_", path.stem.lower()).strip("_") or "imported"
    if not slug[0].isalpha():
        slug = "imported_" + slug
    data = {"id": meta.get("id") or slug, "name": meta.get("name") or path.stem,
            "name_zh": meta.get("name_zh", ""), "category": meta.get("category") or "other",
            "standard": meta.get("standard") or _("imported from {name}").format(name=path.name),
            "standard_zh": meta.get("standard_zh", ""),
            "version": meta.get("version") or "1", "description": meta.get("description", ""),
            "description_zh": meta.get("description_zh", ""),
            "sources": meta.get("sources", []), "basic_requirements": requirements,
            "indicators": indicators}
    return parse_specification(data, path.name)


def _requirement(values: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {k: v for k, v in values.items()
                            if k in ("id", "text", "text_zh", "basis", "basis_zh", "source")}
    if not data.get("text"):
        data["text"] = values.get("text_zh", "")
    certificate = values.get("certificate", "")
    data["certificate"] = _choice(certificate, _SYSTEM_CHOICES) if certificate else None
    evidence = values.get("evidence", "")
    data["evidence"] = _choice(evidence, EVIDENCE_KIND_NAMES) if evidence else None
    data["illustrative"] = _flag(values.get("illustrative", ""))
    return data


_SYSTEM_CHOICES = {s: (s.value.replace("iso", "ISO "), s.value.replace("iso", "ISO"))
                   for s in SystemStandard}


def _read_table(sheet, name: str, columns: Mapping[str, tuple[str, str]], build, model,
                problems: list[Problem]) -> list[dict[str, Any]]:
    rows = _rows(sheet)
    if not rows:
        problems.append(Problem(_("sheet {sheet} is empty").format(sheet=name)))
        return []
    header = rows[0]
    positions = _header_map(header, columns, name, problems)
    for required in ("id", "source"):
        if required not in positions:
            problems.append(Problem(_("sheet {sheet}: the column {column!r} is missing").format(
                sheet=name, column=columns[required][1]), row=1, column=columns[required][1]))
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        values = {field: row[index] if index < len(row) else ""
                  for field, index in positions.items()}
        data = build(dict(values))
        try:  # pydantic's own error, whose locations map onto the columns
            model.__pydantic_validator__.validate_python(data)
        except ValidationError as exc:
            problems.extend(_row_problems(exc, number, name, header, positions, columns))
            continue
        out.append(data)
    return out


def _read_meta(sheet, name: str, problems: list[Problem]) -> dict[str, Any]:
    meta: dict[str, Any] = {"sources": []}
    keys = {_key(k): k for k in PROFILE_KEYS}
    keys.update({_key("编号"): "id", _key("名称(英文)"): "name", _key("名称"): "name_zh",
                 _key("产品类别"): "category", _key("标准(英文)"): "standard",
                 _key("标准"): "standard_zh", _key("版本"): "version",
                 _key("说明(英文)"): "description", _key("说明"): "description_zh",
                 _key("来源"): "source"})
    for number, row in enumerate(_rows(sheet), start=1):
        if not row or not row[0]:
            continue
        key = keys.get(_key(row[0]))
        value = row[1] if len(row) > 1 else ""
        if key is None:
            if number > 1:  # row 1 may be a header
                problems.append(Problem(_("sheet {sheet}, row {row}: unknown key {key!r}"
                                          ).format(sheet=name, row=number, key=row[0]),
                                        row=number, column=row[0]))
            continue
        if key == "source":
            if value:
                meta["sources"].append(value)
        else:
            meta[key] = value
    return meta


# --- export ------------------------------------------------------------------------------------

def _indicator_row(indicator) -> dict[str, Any]:
    bench = indicator.benchmark
    return {"id": indicator.id, "group": indicator.group, "name": indicator.name,
            "name_zh": indicator.name_zh, "unit": indicator.unit,
            "comparison": bench.comparison or "", "benchmark_value": bench.value,
            "benchmark_text": bench.text, "benchmark_text_zh": bench.text_zh,
            "basis": indicator.basis, "basis_zh": indicator.basis_zh, "stage": indicator.stage,
            "metric": indicator.metric,
            "evidence": indicator.evidence.value if indicator.evidence else "",
            "evidence_required": "yes" if indicator.evidence_required else "no",
            "source": indicator.source, "illustrative": "yes" if indicator.illustrative else "no"}


def _requirement_row(requirement) -> dict[str, Any]:
    return {"id": requirement.id, "text": requirement.text, "text_zh": requirement.text_zh,
            "basis": requirement.basis, "basis_zh": requirement.basis_zh,
            "certificate": requirement.certificate.value if requirement.certificate else "",
            "evidence": requirement.evidence.value if requirement.evidence else "",
            "source": requirement.source,
            "illustrative": "yes" if requirement.illustrative else "no"}


def specification_xlsx_bytes(profile: SpecificationProfile, language: str = "zh_CN") -> bytes:
    """The XLSX file of a profile (headers in Chinese, or English for ``language="en"``)."""
    from openpyxl import Workbook  # deferred: loads openpyxl
    from openpyxl.styles import Font

    column = 0 if language == "en" else 1
    book = Workbook()
    sheet = book.active
    sheet.title = SHEETS["indicators"][column]
    _write_table(sheet, INDICATOR_COLUMNS, (_indicator_row(i) for i in profile.indicators),
                 column, Font)
    requirements = book.create_sheet(SHEETS["requirements"][column])
    _write_table(requirements, REQUIREMENT_COLUMNS,
                 (_requirement_row(r) for r in profile.basic_requirements), column, Font)
    meta = book.create_sheet(SHEETS["profile"][column])
    rows = [("id", profile.id), ("name", profile.name), ("name_zh", profile.name_zh),
            ("category", profile.category), ("standard", profile.standard),
            ("standard_zh", profile.standard_zh),
            ("version", profile.version), ("description", profile.description),
            ("description_zh", profile.description_zh)]
    rows += [("source", source) for source in profile.sources]
    for key, value in rows:
        meta.append([key, _text(value)])
    meta.column_dimensions["B"].width = 90
    book.properties.title = profile.name
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")) and \
            not _BENCHMARK.match(value):
        return "'" + value
    return value


def _write_table(sheet, columns: Mapping[str, tuple[str, str]], rows: Iterable[dict], column: int,
                 font) -> None:
    sheet.append([names[column] for names in columns.values()])
    for cell in sheet[1]:
        cell.font = font(bold=True)
    for row in rows:
        sheet.append([_text(row[field]) if row[field] != "" else None for field in columns])
    for index, field in enumerate(columns):
        letter = chr(ord("A") + index)
        sheet.column_dimensions[letter].width = 40 if field in (
            "name", "name_zh", "basis", "basis_zh", "source", "text", "text_zh",
            "benchmark_text", "benchmark_text_zh") else 14
    sheet.freeze_panes = "A2"


def export_specification_xlsx(profile: SpecificationProfile, path: str | os.PathLike[str],
                              language: str = "zh_CN") -> Path:
    """Write a profile as an XLSX template (atomically); returns the path."""
    target = Path(path)
    atomic_write_bytes(target, specification_xlsx_bytes(profile, language))
    return target
