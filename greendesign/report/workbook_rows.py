"""The rows of the pack workbook's sheets (:mod:`greendesign.report.workbook` writes them).

Each function yields the rows of one sheet, in the pack's language, from the
:class:`~greendesign.report.pack_data.PackData` of the export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from greendesign.i18n import _
from greendesign.lca.lifecycle import CREDIT, STAGES
from greendesign.model.declared import verification_name
from greendesign.report.pack_data import GWP100, PackData
from greendesign.report.pack_json import PACK_JSON, supplier_records
from greendesign.report.texts import part_name, pick_text, say, stage_label

Cancelled = Callable[[], bool]


class WriteCancelled(Exception):
    """Raised inside the writer when ``cancelled()`` turns true (the caller cleans up)."""


def method_headers(data: PackData) -> list[str]:
    return [f"{' | '.join(m)} [{u}]" for m, u in zip(data.methods, data.units, strict=True)]


def long_rows(data: PackData, language: str, stop: Cancelled) -> Iterator[list[Any]]:
    """Rows of the long table: design, method, unit, stage, stage name, part id, part name,
    material, process, value."""
    product_level = say(language, lambda: _("(product level)"))
    stage_names = {s: stage_label(language, s) for s in STAGES}
    labels = [" | ".join(m) for m in data.methods]
    for name, item in data.designs.items():
        result = item.result
        lines = result.lines
        keep = (lines["stage"] != CREDIT).to_numpy()
        process = np.where(lines["kind"].str.contains("process").to_numpy(),
                           lines["dataset"].to_numpy(), "")
        keys = list(zip(lines["stage"].to_numpy()[keep], lines["part_id"].to_numpy()[keep],
                        lines["material"].to_numpy()[keep], process[keep], strict=True))
        index: dict[tuple, int] = {}
        group = np.fromiter((index.setdefault(k, len(index)) for k in keys), dtype=np.intp,
                            count=len(keys))
        sums = np.zeros((len(index), len(labels)))
        np.add.at(sums, group, result.scores[keep])
        tree = result.model.tree
        names: dict[str, str] = {}
        for j, label in enumerate(labels):
            if stop():
                raise WriteCancelled
            unit = result.units[j]
            column = sums[:, j]
            for (stage, pid, material, proc), k in index.items():
                value = float(column[k])
                if value == 0.0:
                    continue
                part = names.setdefault(pid, part_name(language, result.model, pid)
                                        if pid in tree else product_level)
                yield [name, label, unit, stage, stage_names.get(stage, stage), pid, part,
                       material, proc, value]


def bom_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    from greendesign.model.part import Part, walk  # deferred with the model

    names = catalogue_names(language)
    for name, item in data.designs.items():
        for node, count, depth, parent in walk(item.product.bom):
            part = isinstance(node, Part)
            processes = ", ".join(p.dataset + (f" ({p.amount:g} {p.unit})" if p.amount else "")
                                  for p in node.processes)
            yield [name, depth + 1, node.id, pick_text(language, node.name, node.name_zh),
                   parent.id if parent is not None else "", node.kind, node.quantity, count,
                   node.mass_kg if part else None, node.mass_kg * count,
                   node.material if part else "", names(node.material) if part else "",
                   node.recycled_content if part else None, node.scrap_rate if part else None,
                   processes, node.joint.value, node.module, node.mass_source if part else ""]


def catalogue_names(language: str) -> Callable[[str], str]:
    from greendesign.report.pack_json import _catalogue_names

    return _catalogue_names(language)


def flatten(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from flatten(f"{prefix}.{key}" if prefix else str(key), item)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from flatten(f"{prefix}[{i}]", item)
    else:
        yield prefix, value.value if hasattr(value, "value") else value


def scenario_rows(data: PackData) -> Iterator[list[Any]]:
    for name, item in data.designs.items():
        scenario = item.product.scenario.model_dump(mode="json")
        for key, value in flatten("", scenario):
            yield [name, key, value]
        yield [name, "service_life_years", item.product.service_life_years]
        yield [name, "functional_unit", item.product.functional_unit]


def wide(data: PackData, frames: Callable[[Any], Any],
          keys: Callable[[str, Any, Any], list[Any]]) -> Iterator[list[Any]]:
    """Rows of a design x key table with one column a method."""
    labels = [" | ".join(m) for m in data.methods]
    for name, item in data.designs.items():
        frame = frames(item.result)
        values = frame[labels].to_numpy(dtype=float)
        for index, row in zip(frame.index, values, strict=True):
            yield [*keys(name, index, frame), *(float(v) for v in row)]


SCORE_KEYS = (
    ("mass_kg", "kg"), ("packaging_kg", "kg"), ("material_input_kg", "kg"),
    ("material_efficiency", "%"), ("mass_reduction_pct", "%"), ("recyclability_rate", "%"),
    ("recoverability_rate", "%"), ("recycled_content", "%"), ("mci", "-"),
    ("reversible_joint_share", "%"), ("standard_fastener_share", "%"),
    ("disassembly_time_s", "s"), ("full_disassembly_time_s", "s"), ("modularity_q", "-"),
)


def score_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    index_name = say(language, lambda: _("Green design index"))
    for name, item in data.designs.items():
        scores = item.scores
        for key, unit in SCORE_KEYS:
            yield [name, key, key, scores.get(key), unit, ""]
        repair = scores.get("repairability") or {}
        yield [name, "repairability.index", "repairability", repair.get("index"), "-",
               repair.get("class") or ""]
        gdi = scores.get("green_design_index") or {}
        yield [name, "green_design_index", index_name, gdi.get("index"), "/100",
               gdi.get("profile") or ""]
        yield [name, "green_design_index.coverage_pct", index_name, gdi.get("coverage_pct"),
               "%", ""]
        for ind in gdi.get("indicators") or []:
            yield [name, f"indicator:{ind['id']}",
                   pick_text(language, ind.get("name") or ind["id"], ind.get("name_zh")),
                   ind.get("value"), ind.get("unit") or "",
                   f"{ind.get('benchmark')} (w {ind.get('weight')}, score {ind.get('score')})"]


def carbon_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    for name, item in data.designs.items():
        carbon = item.carbon.to_json()
        for key in ("total_kg", "fossil_kg", "biogenic_kg", "land_use_kg", "aircraft_kg",
                    "credits_beyond_boundary_kg", "per_year_kg", "p2_5_kg", "p97_5_kg"):
            yield [name, key, carbon[key]]
        for stage, value in carbon["by_stage_kg"].items():
            yield [name, f"by_stage.{stage} ({stage_label(language, stage)})", value]


def uncertainty_rows(data: PackData) -> Iterator[list[Any]]:
    for name, item in data.designs.items():
        if item.monte_carlo is None:
            continue
        stats = item.monte_carlo.statistics()
        for row in stats.itertuples(index=False):
            yield [name, row.method, row.unit, float(row.deterministic), float(row.mean),
                   float(row.median), float(row.sd), float(row.p2_5), float(row.p97_5)]


def conformity_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    from greendesign.report.texts import languages

    code = languages(language)[0]
    for name, item in data.designs.items():
        table = item.conformity.get(code)
        if table is None:
            continue
        others = [item.conformity[c] for c in languages(language)[1:] if c in item.conformity]
        for k, row in enumerate(table.outcomes):
            names = [row.name] + [o.outcomes[k].name for o in others
                                  if o.outcomes[k].name != row.name]
            value = row.value if isinstance(row.value, int | float | str) else None
            yield [name, row.id, row.kind, row.group, " / ".join(names), row.benchmark,
                   row.unit, value, row.status, ", ".join(e.id for e in row.evidence),
                   row.note, row.source]


def comparison_rows(data: PackData) -> Iterator[list[Any]]:
    frame = data.comparison.differences()
    pairs = {}
    if data.paired is not None:
        for row in data.paired.frame.itertuples(index=False):
            pairs[(row.design, row.method)] = row
    for row in frame.itertuples(index=False):
        pair = pairs.get((row.design, row.method))
        yield [row.design, row.method, row.unit, float(row.total), float(row.reference_total),
               float(row.difference), float(row.difference_pct), float(row.per_year),
               float(row.per_year_difference), float(row.per_year_difference_pct),
               float(pair.p_lower) if pair is not None else None,
               float(pair.p_lower_per_year) if pair is not None else None,
               float(pair.difference_p2_5) if pair is not None else None,
               float(pair.difference_p97_5) if pair is not None else None]


def gap_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    cut_off = say(language, lambda: _("cut-off: no inventory data"))
    ghg = say(language, lambda: _("covers greenhouse gases only"))
    for name, item in data.designs.items():
        model = item.result.model
        for gap in model.gaps:
            share = gap.mass_kg / model.product_mass_kg if model.product_mass_kg else None
            yield [name, cut_off, gap.part_id, gap.part_name, gap.field, gap.code,
                   gap.mass_kg, share, None]
        notes = item.result.ghg_only_notes()
        for row in notes.itertuples(index=False):
            yield [name, ghg, "", "", "dataset", row.dataset, None, None,
                   row.share_of_gwp100]


def dataset_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    """The datasets, each with the supplier data that replace it in some lines, then one row
    per declared value (code ``supplier:<part id or material:code>``)."""
    records = supplier_records(data)
    replaced: dict[str, list[str]] = {}
    for e in records:
        for code in e["datasets"]:
            replaced.setdefault(code, []).append(f"{e['design']}: {e['key']}")
    for r in data.datasets:
        yield [r.code, pick_text(language, r.name_en, r.name_zh), r.unit, r.source, r.year,
               r.geography, ";".join(map(str, r.pedigree)), r.proxy, r.proxy_zh, r.ghg_only,
               r.user_database, "; ".join(replaced.get(r.code, []))]
    for e in records:
        yield [f"supplier:{e['key']}", f"{e['design']}: {e['key']}", e["unit"], e["source"],
               e["year"], e["geography"], ";".join(map(str, e["pedigree"])), "", "", False,
               False, say(language, lambda e=e: verification_name(e["verification"]))
               + f", {e['scope']}"]


def stage_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    labels = [" | ".join(m) for m in data.methods]
    for name, item in data.designs.items():
        stages = item.result.by_stage()[labels]
        for stage in stages.index:
            yield [name, stage, stage_label(language, stage),
                   *(float(v) for v in stages.loc[stage])]
        yield [name, CREDIT, stage_label(language, CREDIT),
               *(float(v) for v in item.result.credits)]


def part_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    labels = [" | ".join(m) for m in data.methods]
    gwp = " | ".join(GWP100)
    for name, item in data.designs.items():
        own = item.result.by_part(rollup=False)
        rolled = item.result.by_part(rollup=True)[gwp].to_numpy(dtype=float)
        values = own[labels].to_numpy(dtype=float)
        for k, pid in enumerate(own.index):
            yield [name, pid, part_name(language, item.result.model, pid), own.at[pid, "parent"],
                   int(own.at[pid, "depth"]) + 1, *(float(v) for v in values[k]),
                   float(rolled[k])]


def readme_rows(data: PackData, language: str, steps) -> Iterator[list[Any]]:
    """The README sheet: the pack's facts, then what each sheet holds (sheet names are
    rendered as :func:`write_workbook` writes them)."""
    def h(render):
        return say(language, render)

    yield [h(lambda: _("Report id")), data.report_id]
    yield [h(lambda: _("Created (UTC)")), data.created.isoformat()]
    yield [h(lambda: _("Language")), language]
    for key, value in data.versions.items():
        yield [h(lambda key=key: _("Version: {name}").format(name=key)), value]
    yield [h(lambda: _("Designs")), ", ".join(data.designs)]
    yield [h(lambda: _("Methods")), str(len(data.methods))]
    yield [h(lambda: _("Monte Carlo")), h(lambda: _(
        "{iterations} iterations, seed {seed}").format(iterations=data.options.iterations,
                                                      seed=data.options.seed))]
    yield [h(lambda: _("Machine-readable data")), h(lambda: _(
        "{file} in the same folder holds every number of this workbook and the project it "
        "was computed from; greendesign-cli verify recomputes them.").format(file=PACK_JSON))]
    yield [h(lambda: _("Credits beyond the system boundary")), h(lambda: _(
        "Reported apart (EN 15804 module D) and never added to the totals."))]
    yield ["", ""]
    yield [h(lambda: _("Sheet")), h(lambda: _("What it holds"))]
    for name, (_name_of, what, _write) in steps:
        yield [name, say(language, what)]
