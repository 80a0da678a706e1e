"""``pack.json``: everything an evidence pack reports, as data, enough to recompute it.

Layout (:data:`PACK_FORMAT`, :data:`PACK_SCHEMA`); ``values`` lists are in the order of
``methods``::

    {
      "format": "greendesign-evidence-pack", "pack_schema": 1,
      "report_id": "GD-20261201-0A1B2C3D4E", "created": "2026-12-01T08:30:00+00:00",
      "language": "both", "versions": {...},          # app, inventory data, libraries
      "options": {...},                                # ExportOptions.to_json()
      "project": {...},                                # the whole .gdproj (project_to_dict)
      "methods": [{"method": [family, category, indicator], "label": ..., "unit": ...}],
      "calculation": {"engine", "solver", "residual", "inventory_data_version",
                      "system_boundary", "allocation", "cut_off"},
      "monte_carlo": {"iterations", "seed", "distributions", "background"},
      "designs": [{"name", "product", "functional_unit", "service_life_years", "mass_kg",
                   "summary": [{"method", "unit", "total", "credits_beyond_boundary",
                                "per_year"}],
                   "by_stage": [{"stage", "label", "values"}],   # credits as a last row
                   "by_part": [{"part_id", "name", "parent", "depth", "values",
                                "rolled_up"}],                   # own lines / with children
                   "by_material": [{"material", "name", "values"}],
                   "by_process": [{"process", "name", "values"}],
                   "lci": [{"code", "flow", "compartment", "unit", "amount"}],
                   "scores": {...}, "carbon_footprint": {...},
                   "monte_carlo": {...} | null, "tornado": [...] | null,
                   "data_gaps": [...], "excluded_mass_share", "ghg_only_datasets": [...],
                   "primary_data_share", "supplier_data": [...],   # greendesign.lca.declared
                   "warnings": [...], "conformity": {...} | null}],
      "comparison": {...} | null,                      # Comparison.to_json + paired uncertainty
      "datasets": [{code, name_en, name_zh, unit, source, year, geography, pedigree,
                    proxy, proxy_zh, ghg_only, user_database,
                    supplier_data: [{design, key, source, verification, year}]}],
      "evidence": {"applicant", "specification", "register", "completeness"} | null,
      "product_footprints": [{PACT ProductFootprint}],  # one a design (greendesign.report.pact)
      "pact_problems": {design: [...]},
      "texts": {...}                                   # the pack's statements, in its language
    }

Numbers are plain JSON numbers (``NaN`` and infinities become ``null``); the file is UTF-8
with the keys in this order. ``greendesign-cli verify`` loads ``project`` and ``options``,
calls :func:`greendesign.report.pack_data.gather` with ``created`` and compares every number
of ``designs``, ``comparison``, ``datasets`` and ``product_footprints``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import asdict, is_dataclass
from typing import Any

import numpy as np

from greendesign.i18n import _
from greendesign.report.pack_data import GWP100, PackData
from greendesign.report.pact import pact_problems, product_footprint
from greendesign.report.texts import part_name, pick_text, say, stage_label

PACK_FORMAT = "greendesign-evidence-pack"
PACK_SCHEMA = 1
PACK_JSON = "pack.json"


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: numpy scalars and arrays as Python values, NaN and
    infinities as None, tuples as lists, dates as ISO text, dataclasses as dicts."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return [plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if hasattr(value, "model_dump"):
        return plain(value.model_dump(mode="json"))
    return str(value)


def _rows(frame, key: str, names=None) -> list[dict[str, Any]]:
    """Rows of a result frame (index: ``key``; one column a method) with a ``values`` list."""
    out = []
    values = frame.to_numpy(dtype=float)
    for index, row in zip(frame.index, values, strict=True):
        entry: dict[str, Any] = {key: str(index)}
        if names is not None:
            entry["name"] = names(str(index))
        entry["values"] = [plain(v) for v in row]
        out.append(entry)
    return out


def _catalogue_names(language: str):
    """Dataset code -> its catalogue name in the pack's language (the code when unknown)."""
    from greendesign.inventory.user_catalogue import load_catalogue  # deferred: reads lca_data

    catalogue = load_catalogue()

    def name(code: str) -> str:
        entry = catalogue.dataset_entry(code)  # a regional dataset: its base code's
        return pick_text(language, entry.name_en, entry.name_zh) if entry else code

    return name


def design_json(data: PackData, name: str) -> dict[str, Any]:
    """One design's results (see the module docstring)."""
    language = data.options.language
    item = data.designs[name]
    result = item.result
    names = _catalogue_names(language)
    labels = [" | ".join(m) for m in result.methods]
    stages = result.by_stage()[labels]
    by_stage = [{"stage": str(s), "label": stage_label(language, str(s)),
                 "values": [plain(v) for v in stages.loc[s].to_numpy(dtype=float)]}
                for s in stages.index]
    by_stage.append({"stage": "credits_beyond_boundary",
                     "label": stage_label(language, "credits_beyond_boundary"),
                     "values": [plain(v) for v in result.credits]})
    own = result.by_part(rollup=False)
    rolled = result.by_part(rollup=True)
    own_values = own[labels].to_numpy(dtype=float)
    rolled_values = rolled[labels].to_numpy(dtype=float)
    model = result.model
    by_part = [{"part_id": str(pid), "name": part_name(language, model, str(pid)),
                "parent": str(own.loc[pid, "parent"]), "depth": int(own.loc[pid, "depth"]),
                "values": [plain(v) for v in own_values[i]],
                "rolled_up": [plain(v) for v in rolled_values[i]]}
               for i, pid in enumerate(own.index)]
    lci = result.lci()
    stats = item.monte_carlo.to_json() if item.monte_carlo is not None else None
    tornado = None
    if item.tornado is not None:
        tornado = {"method": list(GWP100), "baseline": plain(item.tornado.attrs.get("baseline")),
                   "rows": plain(item.tornado.to_dict(orient="records"))}
    full = result.to_json()
    conformity = item.conformity
    return {
        "name": name,
        "product": result.product,
        "product_name": pick_text(language, item.product.name, item.product.name_zh),
        "functional_unit": result.functional_unit,
        "service_life_years": plain(result.service_life_years),
        "mass_kg": plain(item.product.mass_kg),
        "summary": [{"method": list(m), "unit": result.units[j],
                     "total": plain(result.total[j]),
                     "credits_beyond_boundary": plain(result.credits[j]),
                     "per_year": plain(result.total[j] / result.service_life_years)}
                    for j, m in enumerate(result.methods)],
        "by_stage": by_stage,
        "by_part": by_part,
        "by_material": _rows(result.by_material()[labels], "material", names),
        "by_process": _rows(result.by_process()[labels], "process", names),
        "lci": plain(lci.to_dict(orient="records")),
        "scores": plain(item.scores),
        "carbon_footprint": plain(item.carbon.to_json()),
        "monte_carlo": plain(stats),
        "tornado": tornado,
        "data_gaps": [{**plain(gap), "mass_share": plain(
            gap["mass_kg"] / result.model.product_mass_kg if result.model.product_mass_kg
            else None)} for gap in full["data_gaps"]],
        "excluded_mass_share": plain(full["excluded_mass_share"]),
        "ghg_only_datasets": plain(full["ghg_only_datasets"]),
        "primary_data_share": plain(full["primary_data_share"]),
        "supplier_data": plain(full["supplier_data"]),
        "warnings": full["warnings"],
        "conformity": {code: plain(table.to_dict()) for code, table in conformity.items()}
        or None,
    }


def supplier_records(data: PackData) -> list[dict[str, Any]]:
    """Every declared value the pack's designs use (``Result.supplier_data`` entries), each
    with its ``design`` and the ``datasets`` whose lines it replaces."""
    out = []
    for name, item in data.designs.items():
        for entry in item.result.supplier_data():
            datasets = list(dict.fromkeys(line["dataset"] for line in entry["lines"]))
            out.append({**entry, "design": name, "datasets": datasets})
    return out


def _datasets(data: PackData) -> list[dict[str, Any]]:
    """The dataset records, each with the supplier data that replace it in some lines."""
    replaced: dict[str, list[dict[str, Any]]] = {}
    for entry in supplier_records(data):
        for code in entry["datasets"]:
            replaced.setdefault(code, []).append({
                "design": entry["design"], "key": entry["key"], "source": entry["source"],
                "verification": entry["verification"], "year": entry["year"]})
    return [{**plain(r.to_json()), "supplier_data": replaced.get(r.code, [])}
            for r in data.datasets]


def _evidence(data: PackData) -> dict[str, Any] | None:
    record = getattr(data.project, "evidence", None)
    if record is None or data.completeness is None:
        return None
    from greendesign.evidence.specification import resolve_specification  # deferred

    profile = resolve_specification(record)
    return {"applicant": plain(record.applicant),
            "specification": plain(profile) if profile is not None else None,
            "register": plain(record.register),
            "completeness": [plain(gap) for gap in data.completeness]}


def texts(data: PackData) -> dict[str, str]:
    """The pack's statements a reader needs beside the numbers, in the pack's language."""
    language = data.options.language
    return {
        "title": say(language, lambda: _("Green design evidence pack {report}").format(
            report=data.report_id)),
        "system_boundary": say(language, lambda: _(
            "Cradle to grave: raw materials, manufacturing, distribution, use and end of life. "
            "Credits beyond the system boundary (EN 15804 module D) are reported apart and "
            "never added to the totals.")),
        "functional_unit": say(language, lambda: _(
            "One product over its service life, as the project states it; results per year "
            "of service divide by the service life.")),
        "cut_off": say(language, lambda: _(
            "A material, process or consumable without inventory data is left out and listed "
            "with the mass it concerns (data_gaps, excluded_mass_share).")),
        "ghg_only": say(language, lambda: _(
            "Datasets that cover greenhouse gases only contribute to climate change and leave "
            "the other categories blank (ghg_only_datasets).")),
        "carbon_footprint": say(language, lambda: _(
            "Product carbon footprint (ISO 14067:2018, GB/T 24067-2024): IPCC 2021 (AR6) "
            "GWP100, split into fossil, biogenic and land-use parts; aircraft emissions stated "
            "apart; credits beyond the system boundary never in the total.")),
        "reproduce": say(language, lambda: _(
            "greendesign-cli verify recomputes every number of this file from its project, "
            "options and creation time.")),
    }


def pack_json(data: PackData) -> dict[str, Any]:
    """The content of ``pack.json`` (module docstring).

    Texts the results produce themselves (part names, lever descriptions, notes) are made in
    the first language of the pack, so that a pack and its recomputation say the same.
    """
    from greendesign import i18n
    from greendesign.report.texts import languages

    with i18n.language(languages(data.options.language)[0]):
        return _pack_json(data)


def _pack_json(data: PackData) -> dict[str, Any]:
    from greendesign.io.project_file import project_to_dict  # deferred: the project file

    project = project_to_dict(data.project)
    project["saved_at"] = data.created.isoformat()
    first = data.main.result
    footprints = [product_footprint(data, name) for name in data.designs]
    mc = {"iterations": data.options.iterations, "seed": data.options.seed,
          "distributions": None, "background": None}
    carried = next((d.monte_carlo for d in data.designs.values() if d.monte_carlo), None)
    if carried is not None:
        distributions = dict(carried.parameters.get("distributions") or {})
        mc["background"] = distributions.pop("background", None)
        mc["distributions"] = plain(distributions)
    comparison = None
    if data.comparison is not None:
        comparison = plain(data.comparison.to_json(GWP100, uncertainty=data.paired))
    return {
        "format": PACK_FORMAT,
        "pack_schema": PACK_SCHEMA,
        "report_id": data.report_id,
        "created": data.created.isoformat(),
        "language": data.options.language,
        "versions": dict(data.versions),
        "options": data.options.to_json(),
        "project": project,
        "methods": [{"method": list(m), "label": " | ".join(m), "unit": u}
                    for m, u in zip(data.methods, data.units, strict=True)],
        "calculation": {
            "engine": "GreenDesign fast path: S = L H^T (greendesign.lca.engine), intensities "
                      "from bw2calc (greendesign.lca.background)",
            "solver": data.solver, "residual": plain(data.residual),
            "inventory_data_version": first.bg.data_version,
            "system_boundary": first.to_json()["system_boundary"],
        },
        "monte_carlo": mc,
        "designs": [design_json(data, name) for name in data.designs],
        "comparison": comparison,
        "datasets": _datasets(data),
        "evidence": _evidence(data),
        "product_footprints": footprints,
        "pact_problems": {name: pact_problems(pf)
                          for name, pf in zip(data.designs, footprints, strict=True)},
        "texts": texts(data),
    }


def pack_json_bytes(data: PackData) -> bytes:
    """``pack.json`` as UTF-8 bytes (indented, no NaN)."""
    return (json.dumps(pack_json(data), ensure_ascii=False, indent=1, allow_nan=False)
            + "\n").encode("utf-8")
