"""The scenario file beside a BOM: use phase, distribution, end of life and factory energy.

A BOM file holds the parts only. A scenario file (JSON, or the sheet ``scenario`` of an
XLSX workbook, which may hold the BOM on its first sheet) gives the lifecycle scenario
of :class:`~greendesign.model.scenario.LifecycleScenario`, in part or whole, and
optionally the product's ``service_life_years``, ``functional_unit``, ``name`` and
``manufacturer_region``.

* JSON: one object, its keys the scenario's (``production``, ``distribution``, ``use``,
  ``end_of_life``, ``electricity_accounting``) and the product fields.
* XLSX: a two-column table ``field`` | ``value`` (or ``字段`` | ``值``) with dotted keys
  (``production.grid``, ``use.energy_kwh_per_year``); list entries are numbered from 1
  (``distribution.1.mode``, ``use.operating_modes.2.power_w``). An empty value leaves the
  field as it is; rows whose field starts with ``#`` and further columns are ignored.

:func:`apply_scenario` merges it onto a product's scenario (a list given replaces the
list whole). Every problem is reported with the file, the sheet row or JSON path and
the field; the format is documented for users in ``docs/bom-format.md``.
"""

from __future__ import annotations

import copy
import csv
import difflib
import functools
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from greendesign.errors import BomImportError, GreenDesignError, Problem
from greendesign.i18n import _, ngettext, translate
from greendesign.model import Product
from greendesign.model.base import json_path, problems_from_validation
from greendesign.model.scenario import LifecycleScenario

__all__ = ["ScenarioFileError", "ScenarioInput", "apply_scenario", "parse_dotted",
           "read_scenario"]

#: The worksheet of an XLSX workbook that holds the scenario.
SHEET = "scenario"
#: Product fields a scenario file may set besides the scenario.
PRODUCT_FIELDS = ("name", "functional_unit", "service_life_years", "manufacturer_region")
MAX_FILE_BYTES = 4 * 1024 * 1024
_HEADERS = {("field", "value"), ("字段", "值")}
#: Scenario paths holding a location code, and the catalogue kind the code must be of.
_LOCATIONS = {("production", "grid"): "grid", ("use", "grid"): "grid",
              ("end_of_life", "region"): "eol_region"}


class ScenarioFileError(GreenDesignError):
    """A scenario file or scenario overrides cannot be read or applied; nothing changed."""


@dataclass(frozen=True)
class ScenarioInput:
    """A scenario file as read: the partial scenario and the product fields it sets.

    ``rows`` maps each dotted key of an XLSX sheet (``use.operating_modes.1.power_w``) to
    its row, so that errors found later name the row; it is empty for JSON.
    """

    scenario: dict
    service_life_years: float | None = None
    functional_unit: str | None = None
    name: str | None = None
    manufacturer_region: str | None = None
    source: str = ""
    sheet: str | None = None
    rows: Mapping[str, int] = field(default_factory=dict)

    def overrides(self) -> dict:
        """The nested overrides: the scenario and the product fields given."""
        data = copy.deepcopy(self.scenario)
        for key in PRODUCT_FIELDS:
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


# --- where a problem is -----------------------------------------------------------------

def dotted(path: tuple) -> str:
    """``use.operating_modes.1.power_w`` for ``("use", "operating_modes", 0, "power_w")``."""
    return ".".join(str(p + 1) if isinstance(p, int) else str(p) for p in path)


@dataclass(frozen=True)
class _Locator:
    """Names a place of the overrides: JSON path, sheet row or dotted key."""

    source: str
    style: str = "dotted"            # "json", "sheet" or "dotted"
    sheet: str | None = None
    rows: Mapping[str, int] = field(default_factory=dict)

    def row(self, path: tuple) -> int | None:
        key = dotted(path)
        if key in self.rows:
            return self.rows[key]
        inside = [r for k, r in self.rows.items() if k.startswith(key + ".")] if key else []
        return min(inside) if inside else None

    def problem(self, path: tuple, message: str, hint: str = "") -> Problem:
        key = dotted(path)
        row = self.row(path) if self.style == "sheet" else None
        if self.style == "json":
            location = json_path(path)
        elif row is not None:
            location = _("sheet {sheet!r}, row {row} ({field})").format(
                sheet=self.sheet, row=row, field=key) if key else _(
                "sheet {sheet!r}, row {row}").format(sheet=self.sheet, row=row)
        else:
            location = key
        return Problem(message=message, location=location, hint=hint, field=key or None,
                       row=row)


def _fail(where: str, problems: list[Problem]) -> ScenarioFileError:
    count = len(problems)
    return ScenarioFileError(ngettext(
        "{file}: the scenario has {count} problem; nothing was applied.",
        "{file}: the scenario has {count} problems; nothing was applied.", count).format(
            file=where or _("scenario"), count=count), problems=problems,
        hint=_("See 'Scenario file' in docs/bom-format.md."))


# --- the fields a scenario knows ---------------------------------------------------------

def _model_of(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """(model class or None, is a list) of a field annotation."""
    if get_origin(annotation) is list:
        item = get_args(annotation)[0]
        return (item if isinstance(item, type) and issubclass(item, BaseModel) else None), True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def _known(model: type[BaseModel] | None, top: bool) -> dict[str, tuple[Any, bool]]:
    fields = {name: _model_of(f.annotation) for name, f in model.model_fields.items()}
    if top:
        fields.update((name, (None, False)) for name in PRODUCT_FIELDS)
    return fields


def check_fields(data: Any, locate: _Locator, model: type[BaseModel] = LifecycleScenario,
                 path: tuple = ()) -> list[Problem]:
    """Unknown keys and lists given without numbers, at every level of ``data``."""
    if not isinstance(data, dict):
        return []
    problems = []
    known = _known(model, top=not path)
    for key, value in data.items():
        if key not in known:
            names = sorted(known)
            close = difflib.get_close_matches(str(key), names, n=1)
            hint = _("did you mean {match!r}? Known fields here: {known}").format(
                match=close[0], known=", ".join(names)) if close else _(
                "known fields here: {known}").format(known=", ".join(names))
            problems.append(locate.problem(path + (key,), _("unknown field {field!r}").format(
                field=dotted(path + (key,))), hint))
            continue
        sub, is_list = known[key]
        if is_list and isinstance(value, dict):
            problems.append(locate.problem(path + (key,), _(
                "{field!r} is a list: number its entries from 1").format(
                    field=dotted(path + (key,))),
                _("e.g. {example}").format(example=dotted(path + (key, 0, "...")))))
        elif sub is not None and is_list and isinstance(value, list):
            for index, item in enumerate(value):
                problems += check_fields(item, locate, sub, path + (key, index))
        elif sub is not None:
            problems += check_fields(value, locate, sub, path + (key,))
    return problems


def _validate(model: type[BaseModel], data: dict, locate: _Locator, drop: tuple = ()):
    """``model`` validated from ``data``; raises a :class:`ScenarioFileError` naming each
    problem by the place in the overrides (locations under ``drop`` lose that prefix)."""
    try:
        return model.__pydantic_validator__.validate_python(data)
    except ValidationError as exc:
        texts = problems_from_validation(exc, data)
        problems = []
        for error, text in zip(exc.errors(include_url=False), texts, strict=True):
            loc = tuple(error.get("loc", ()))
            if drop and loc[:len(drop)] == drop:
                loc = loc[len(drop):]
            problems.append(locate.problem(loc, text.message))
        raise _fail(locate.source, problems) from None


@functools.cache
def bundled_locations() -> dict[str, tuple[str, ...]]:
    """Location kind (``grid``, ``eol_region``, ``renewable``) -> the codes of the bundled
    catalogue (``lca_data/catalogue/locations.csv``), sorted."""
    from greendesign.bundled import lca_data_dir  # deferred: start-up speed

    codes: dict[str, set[str]] = {}
    with (lca_data_dir() / "catalogue" / "locations.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            codes.setdefault(row["kind"].strip(), set()).add(row["code"].strip())
    return {kind: tuple(sorted(found, key=str.casefold)) for kind, found in codes.items()}


def _check_locations(data: dict, locate: _Locator,
                     locations: Mapping[str, Collection[str]] | None) -> list[Problem]:
    """Grid and end-of-life region codes given in ``data`` that ``locations`` lacks."""
    known = bundled_locations() if locations is None else locations
    problems = []
    for (group, key), kind in _LOCATIONS.items():
        value = data.get(group, {}).get(key) if isinstance(data.get(group), dict) else None
        codes = list(known.get(kind, ()))
        if not isinstance(value, str) or not codes or value.strip() in codes:
            continue
        folded = {c.casefold(): c for c in codes}
        close = [folded[value.strip().casefold()]] if value.strip().casefold() in folded else \
            difflib.get_close_matches(value, codes, n=1)
        what = _("electricity grid") if kind == "grid" else _("end-of-life region")
        message = _("unknown {what} {code!r}").format(what=what, code=value)
        hint = _("known codes: {codes}").format(codes=", ".join(codes))
        if close:
            hint = _("did you mean {match!r}? {hint}").format(match=close[0], hint=hint)
        problems.append(locate.problem((group, key), message, hint))
    return problems


# --- dotted keys --------------------------------------------------------------------------

def _nest(items: list[tuple[str, Any, int | None]], where: str, sheet: str | None) -> dict:
    """Nested dict of ``(dotted key, value, row)`` items; list entries numbered from 1."""
    locate = _Locator(where, "sheet" if sheet else "dotted", sheet)
    root: dict = {}
    seen: dict[str, int | None] = {}
    problems: list[Problem] = []

    def bad(key: str, row: int | None, message: str, hint: str = "") -> None:
        problems.append(locate.problem((key,), message, hint) if row is None else Problem(
            message, _("sheet {sheet!r}, row {row} ({field})").format(
                sheet=sheet, row=row, field=key), hint, field=key, row=row))

    for raw, value, row in items:
        key = str(raw).strip().lower()
        parts = key.split(".")
        if not all(parts):
            bad(key, row, _("field {field!r} has an empty part").format(field=key),
                _("write fields as production.grid or distribution.1.mode"))
            continue
        if key in seen:
            bad(key, row, _("field {field!r} is given twice").format(field=key),
                _("first at row {row}").format(row=seen[key]) if seen[key] else "")
            continue
        seen[key] = row
        node = root
        for depth, part in enumerate(parts):
            if part.isdigit() and int(part) < 1:
                bad(key, row, _("list entries are numbered from 1, not {number}").format(
                    number=part))
                break
            name: Any = int(part) if part.isdigit() else part
            last = depth == len(parts) - 1
            present = node.get(name)
            if last and present is not None or not last and present is not None and \
                    not isinstance(present, dict):
                bad(key, row, _("field {field!r} conflicts with another row").format(
                    field=key), _("give either {field} or the fields inside it").format(
                    field=".".join(parts[:depth + 1])))
                break
            if last:
                node[name] = value
            else:
                node = node.setdefault(name, {})
    if problems:
        raise _fail(where, problems)
    return _lists(root, (), where, locate)


def _lists(node: Any, path: tuple, where: str, locate: _Locator) -> Any:
    """Turn the dicts keyed by 1, 2, 3 ... into lists."""
    if not isinstance(node, dict):
        return node
    numbers = [k for k in node if isinstance(k, int)]
    if not numbers:
        return {k: _lists(v, path + (k,), where, locate) for k, v in node.items()}
    if len(numbers) != len(node) or sorted(numbers) != list(range(1, len(numbers) + 1)):
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        message = _("the entries of {field!r} must be numbered 1, 2, 3 ... without "
                    "gaps").format(field=dotted(path))
        hint = _("number {number} is missing").format(number=missing[0]) if missing else \
            _("do not mix numbered and named fields at one level")
        raise _fail(where, [locate.problem(path, message, hint)])
    return [_lists(node[i], path + (i - 1,), where, locate) for i in sorted(numbers)]


def parse_dotted(flat: Mapping[str, Any], where: str) -> dict:
    """The nested dict of dotted keys: ``{"use.operating_modes.1.power_w": 2200}`` ->
    ``{"use": {"operating_modes": [{"power_w": 2200}]}}`` (list entries numbered from 1).

    Raises :class:`ScenarioFileError` (``where`` names the source) for an empty key part,
    a key given twice, a key that is also the parent of another, or numbers with gaps.
    """
    return _nest([(k, v, None) for k, v in flat.items()], where, None)


# --- reading files ------------------------------------------------------------------------

def read_scenario(path: Path, *,
                  locations: Mapping[str, Collection[str]] | None = None) -> ScenarioInput:
    """Read a scenario file: JSON (``.json``) or the sheet ``scenario`` of an XLSX workbook.

    The fields are checked (unknown fields, values, grid and region codes) against the
    default scenario; :func:`apply_scenario` checks them again on the product.
    ``locations`` (kind ``grid`` / ``eol_region`` -> codes) are the codes accepted; by
    default those of the bundled catalogue (:func:`bundled_locations`).

    Raises
    ------
    ScenarioFileError
        The file is missing, unreadable, or has a problem; each is named with its sheet
        row or JSON path and field.
    """
    source = Path(path)
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ScenarioFileError(_("{file}: cannot read the scenario file: {reason}.").format(
            file=source, reason=exc.strerror or exc)) from None
    if size > MAX_FILE_BYTES or source.is_dir():
        raise ScenarioFileError(_("{file} is not a scenario file.").format(file=source),
                                hint=_("Give a .json file or an .xlsx workbook with a sheet "
                                       "named 'scenario'."))
    suffix = source.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        data, rows = _read_sheet(source)
        locate = _Locator(str(source), "sheet", SHEET, rows)
    elif suffix == ".json":
        data, locate = _read_json(source), _Locator(str(source), "json")
    else:
        raise ScenarioFileError(_("{file}: scenario files are .json or .xlsx.").format(
            file=source), hint=_("Give a .json file or an .xlsx workbook with a sheet named "
                                 "'scenario'."))
    return _input(data, locate, locations)


def _input(data: dict, locate: _Locator,
           locations: Mapping[str, Collection[str]] | None) -> ScenarioInput:
    problems = check_fields(data, locate) + _check_locations(data, locate, locations)
    if problems:
        raise _fail(locate.source, problems)
    product = {k: data.pop(k) for k in PRODUCT_FIELDS if k in data}
    merged = _merge(LifecycleScenario().model_dump(), data)
    _validate(LifecycleScenario, merged, locate)
    if product:
        base = {"name": "-", "functional_unit": "-", "service_life_years": 1.0}
        checked = _validate(Product, {**base, **product}, locate)
        product = {k: getattr(checked, k) for k in product}
    return ScenarioInput(scenario=data, source=locate.source, sheet=locate.sheet,
                         rows=dict(locate.rows), **product)


def _read_json(source: Path) -> dict:
    from greendesign.io.project_file import JSON_ERRORS  # deferred: start-up speed

    def constant(name: str) -> Any:
        raise ValueError(_("{name} is not a number JSON allows").format(name=name))

    try:
        data = json.loads(source.read_bytes().decode("utf-8-sig"), parse_constant=constant)
    except json.JSONDecodeError as exc:
        reason = translate(JSON_ERRORS[exc.msg]) if exc.msg in JSON_ERRORS else exc.msg
        raise ScenarioFileError(
            _("{file} is not valid JSON: {reason} at line {line}, column {column}.").format(
                file=source, reason=reason, line=exc.lineno, column=exc.colno)) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ScenarioFileError(_("{file} is not a scenario file: {reason}.").format(
            file=source, reason=exc), hint=_("Scenario files are UTF-8 JSON objects.")) from None
    if not isinstance(data, dict):
        raise ScenarioFileError(_("{file}: the top level must be an object, not a "
                                  "{type}.").format(file=source, type=type(data).__name__),
                                hint=_('e.g. {"use": {"energy_kwh_per_year": 120}}'))
    return data


def _read_sheet(source: Path) -> tuple[dict, dict[str, int]]:
    from greendesign.io.bom_xlsx import read_xlsx  # deferred: start-up speed

    try:
        table = read_xlsx(source, SHEET)
    except BomImportError as exc:
        raise ScenarioFileError(exc.message, problems=exc.problems, hint=exc.hint) from None
    records = [(table.header_row, table.headers)] + [
        (table.row_number(i), cells) for i, cells in enumerate(table.rows)]
    head = tuple(c.strip().casefold() for c in table.headers[:2])
    if head in _HEADERS:
        records = records[1:]
    elif not table.headers or "." not in table.headers[0] and \
            table.headers[0].strip().lower() not in _known(LifecycleScenario, True):
        raise ScenarioFileError(
            _("{file}: sheet {sheet!r} must start with the header row 'field' | 'value' "
              "(or '字段' | '值').").format(file=source, sheet=SHEET),
            hint=_("Row {row} holds {cells}.").format(row=table.header_row,
                                                        cells=" | ".join(table.headers)))
    items = [(cells[0], cells[1] if len(cells) > 1 else "", row) for row, cells in records
             if cells and not cells[0].startswith("#") and (cells[0] or any(cells[1:2]))]
    empty_key = [row for key, value, row in items if not key.strip()]
    if empty_key:
        raise _fail(str(source), [Problem(
            _("a value without a field name"), _("sheet {sheet!r}, row {row}").format(
                sheet=SHEET, row=row), _("write the field in column A"), row=row)
            for row in empty_key])
    given = [(k, v, r) for k, v, r in items if str(v).strip() != ""]
    rows = {dotted(tuple(int(p) - 1 if p.isdigit() else p
                         for p in k.strip().lower().split("."))): r for k, _v, r in given}
    return _nest(given, str(source), SHEET), rows


# --- applying -----------------------------------------------------------------------------

def _merge(base: dict, over: Mapping) -> dict:
    """``base`` with ``over`` merged in: dicts deeply, lists and values replaced whole."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _one_energy_source(base: dict, over: Mapping) -> None:
    """Overrides giving one kind of use energy drop the product's other kind."""
    use = over.get("use")
    if not isinstance(use, Mapping) or not isinstance(base.get("use"), dict):
        return
    if use.get("energy_kwh_per_year") is not None and "operating_modes" not in use:
        base["use"]["operating_modes"] = []
    if use.get("operating_modes") and "energy_kwh_per_year" not in use:
        base["use"]["energy_kwh_per_year"] = None


def apply_scenario(product: Product, overrides: Mapping[str, Any] | ScenarioInput,
                   where: str = "", *,
                   locations: Mapping[str, Collection[str]] | None = None) -> Product:
    """A copy of ``product`` with the scenario fields of ``overrides`` replaced.

    ``overrides`` is a :class:`ScenarioInput`, a nested dict in the shape of
    :class:`~greendesign.model.scenario.LifecycleScenario`, or a flat dict of dotted keys
    (``{"production.grid": "CN-East", "use.years": 5}``); ``service_life_years``,
    ``functional_unit``, ``name`` and ``manufacturer_region`` set the product's fields.
    Dicts are merged deeply, lists replaced whole; giving ``use.energy_kwh_per_year``
    alone clears the product's operating modes, and the other way round. ``where``
    names the source in errors (default: the file of a ``ScenarioInput``); ``locations``
    as for :func:`read_scenario`.

    Raises
    ------
    ScenarioFileError
        An unknown field, a bad value, an unknown grid or region, or a replacement of a
        part the BOM lacks; nothing is changed.
    """
    if isinstance(overrides, ScenarioInput):
        data = overrides.overrides()
        locate = _Locator(where or overrides.source, "sheet" if overrides.sheet else "json",
                          overrides.sheet, overrides.rows)
    elif any("." in str(key) for key in overrides):
        data, locate = parse_dotted(overrides, where), _Locator(where)
    else:
        data, locate = copy.deepcopy(dict(overrides)), _Locator(where)
    problems = check_fields(data, locate) + _check_locations(data, locate, locations)
    if problems:
        raise _fail(locate.source, problems)
    fields = {k: data.pop(k) for k in PRODUCT_FIELDS if k in data}
    base = product.scenario.model_dump()
    _one_energy_source(base, data)
    scenario = _validate(LifecycleScenario, _merge(base, data), locate)
    body = {**product.model_dump(), **fields, "scenario": scenario.model_dump()}
    return _validate(Product, body, locate, drop=("scenario",))
