"""The pack's workbook (XLSX): every result as numbers an evaluator can filter and pivot.

Sheets, in order (names and headers in the pack's language; both joined in ``both``):

1. README: what each sheet holds, the report id, creation time, versions, designs, methods.
2. Results: one tidy long table, a row per design x method x stage x part (x process for
   manufacturing lines, with the part's material), the value and its unit. The rows of a
   design and method add up to its total; credits beyond the system boundary are not in this
   table (sheet By stage has them apart). Rows whose value is exactly 0 are left out.
3. BOM: every part and assembly of every design (tree depth, parent, quantities, masses,
   material, recycled content, scrap, processes, joint, module, mass source).
4. Scenario: the lifecycle scenario of every design, one field a row.
5. LCI: the elementary flows of every design (life cycle inventory, totals).
6. By stage, By part, By material, By process: one column a method, the unit in the header;
   By part holds each node's own lines and, apart, its value with its children (GWP100).
7. Carbon footprint, Uncertainty (Monte Carlo statistics), Scores, Indicators (the conformity
   table of the specification profile, when the project chose one), Comparison (several
   designs), Data gaps (cut-offs and GHG-only datasets), Datasets (every dataset used, with
   its source, year, geography, pedigree and proxy note, in English and in Chinese).

Text is written as text, never as a formula (see :mod:`.xlsx_stream`): a part named
``=HYPERLINK(...)`` stays that text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from greendesign.i18n import _
from greendesign.lca.lifecycle import CREDIT, STAGES
from greendesign.model.declared import verification_name
from greendesign.report.pack_data import GWP100, PackData
from greendesign.report.pack_json import PACK_JSON, supplier_records
from greendesign.report.texts import part_name, pick_text, say, stage_label
from greendesign.report.xlsx_stream import XlsxBook, safe_sheet_name

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]
SHEET_SEPARATOR = " "
"""Sheet names of a bilingual pack join the languages with a space ("/" is not allowed)."""


class _Cancelled(Exception):
    """Raised inside the writer when ``cancelled()`` turns true (the caller cleans up)."""


def _method_headers(data: PackData) -> list[str]:
    return [f"{' | '.join(m)} [{u}]" for m, u in zip(data.methods, data.units, strict=True)]


def _long_rows(data: PackData, language: str, stop: Cancelled) -> Iterator[list[Any]]:
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
                raise _Cancelled
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


def _bom_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    from greendesign.model.part import Part, walk  # deferred with the model

    names = _names(language)
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


def _names(language: str) -> Callable[[str], str]:
    from greendesign.report.pack_json import _catalogue_names

    return _catalogue_names(language)


def _flatten(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(f"{prefix}.{key}" if prefix else str(key), item)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _flatten(f"{prefix}[{i}]", item)
    else:
        yield prefix, value.value if hasattr(value, "value") else value


def _scenario_rows(data: PackData) -> Iterator[list[Any]]:
    for name, item in data.designs.items():
        scenario = item.product.scenario.model_dump(mode="json")
        for key, value in _flatten("", scenario):
            yield [name, key, value]
        yield [name, "service_life_years", item.product.service_life_years]
        yield [name, "functional_unit", item.product.functional_unit]


def _wide(data: PackData, frames: Callable[[Any], Any],
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


def _score_rows(data: PackData, language: str) -> Iterator[list[Any]]:
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


def _carbon_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    for name, item in data.designs.items():
        carbon = item.carbon.to_json()
        for key in ("total_kg", "fossil_kg", "biogenic_kg", "land_use_kg", "aircraft_kg",
                    "credits_beyond_boundary_kg", "per_year_kg", "p2_5_kg", "p97_5_kg"):
            yield [name, key, carbon[key]]
        for stage, value in carbon["by_stage_kg"].items():
            yield [name, f"by_stage.{stage} ({stage_label(language, stage)})", value]


def _uncertainty_rows(data: PackData) -> Iterator[list[Any]]:
    for name, item in data.designs.items():
        if item.monte_carlo is None:
            continue
        stats = item.monte_carlo.statistics()
        for row in stats.itertuples(index=False):
            yield [name, row.method, row.unit, float(row.deterministic), float(row.mean),
                   float(row.median), float(row.sd), float(row.p2_5), float(row.p97_5)]


def _conformity_rows(data: PackData, language: str) -> Iterator[list[Any]]:
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


def _comparison_rows(data: PackData) -> Iterator[list[Any]]:
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


def _gap_rows(data: PackData, language: str) -> Iterator[list[Any]]:
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


def _dataset_rows(data: PackData, language: str) -> Iterator[list[Any]]:
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


def write_workbook(data: PackData, path: str | Path, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> Path:
    """Write the pack's workbook to ``path`` (module docstring); returns ``path``.

    ``cancelled()`` true stops it with :class:`greendesign.report.pack_data.PackError` (the
    half-written file is the caller's to remove: the pack writes into a temporary folder).
    """
    from greendesign.report.pack_data import PackError

    path = Path(path)
    language = data.options.language
    report = progress or (lambda _f, _m: None)
    stop = cancelled or (lambda: False)

    def h(render: Callable[[], str]) -> str:
        return say(language, render)

    def title(render: Callable[[], str]) -> str:
        return say(language, render, SHEET_SEPARATOR)

    design, method, unit = h(lambda: _("Design")), h(lambda: _("Method")), h(lambda: _("Unit"))
    methods = _method_headers(data)
    try:
        with XlsxBook(path, data.created, h(lambda: _("Green design evidence pack {report}")
                                              .format(report=data.report_id))) as book:
            readme = title(lambda: _("README"))
            steps: list[tuple[Callable[[], str], Callable[[], str], Callable[[], Any]]] = []

            def sheet(name_of, what, write) -> None:
                steps.append((name_of, what, write))

            sheet(lambda: _("Results"), lambda: _(
                "Long table: a row per design, method, life cycle stage and part (and process "
                "for manufacturing); the rows of a design and method add up to its total. "
                "Credits beyond the system boundary are not in it (see By stage)."),
                lambda name: book.sheet(name, [
                    design, method, unit, h(lambda: _("Stage")), h(lambda: _("Stage name")),
                    h(lambda: _("Part id")), h(lambda: _("Part")), h(lambda: _("Material")),
                    h(lambda: _("Process")), h(lambda: _("Value"))],
                    _long_rows(data, language, stop), widths=[12, 48, 14, 14, 18, 14, 28, 22,
                                                              20, 16]))
            sheet(lambda: _("BOM"), lambda: _(
                "Every part and assembly of every design: level, parent, quantity per parent "
                "and per product, masses, material, recycled content, scrap rate, processes, "
                "joint, module and the source of the mass."),
                lambda name: book.sheet(name, [
                    design, h(lambda: _("Level")), h(lambda: _("Id")), h(lambda: _("Name")),
                    h(lambda: _("Parent")), h(lambda: _("Kind")),
                    h(lambda: _("Quantity per parent")), h(lambda: _("Units per product")),
                    h(lambda: _("Mass each (kg)")), h(lambda: _("Mass per product (kg)")),
                    h(lambda: _("Material")), h(lambda: _("Material name")),
                    h(lambda: _("Recycled content (fraction)")),
                    h(lambda: _("Scrap rate (fraction)")), h(lambda: _("Processes")),
                    h(lambda: _("Joint")), h(lambda: _("Module")), h(lambda: _("Mass source"))],
                    _bom_rows(data, language), widths=[12, 6, 16, 30, 16, 10, 10, 10, 12, 12,
                                                       22, 22, 10, 10, 28, 10, 12, 30]))
            sheet(lambda: _("Scenario"), lambda: _(
                "The lifecycle scenario of every design (production, distribution, use, end "
                "of life), one field a row."),
                lambda name: book.sheet(name, [design, h(lambda: _("Field")),
                                               h(lambda: _("Value"))],
                                        _scenario_rows(data), widths=[12, 48, 30]))
            sheet(lambda: _("LCI"), lambda: _(
                "Life cycle inventory: every elementary flow of every design's product "
                "system (credits beyond the boundary not included)."),
                lambda name: book.sheet(name, [
                    design, h(lambda: _("Flow code")), h(lambda: _("Flow")),
                    h(lambda: _("Compartment")), unit, h(lambda: _("Amount"))],
                    ([n, *r] for n, i in data.designs.items()
                     for r in i.result.lci().itertuples(index=False, name=None)),
                    widths=[12, 38, 40, 30, 12, 16]))
            sheet(lambda: _("By stage"), lambda: _(
                "Results by life cycle stage, one column a method (unit in the header); the "
                "credits beyond the system boundary are the last row of each design, never "
                "part of the total."),
                lambda name: book.sheet(name, [design, h(lambda: _("Stage")),
                                               h(lambda: _("Stage name")), *methods],
                                        _stage_rows(data, language),
                                        widths=[12, 24, 22] + [18] * len(methods)))
            sheet(lambda: _("By part"), lambda: _(
                "Results by part and assembly: each node's own lines, one column a method; "
                "the last column is GWP100 with the node's children included."),
                lambda name: book.sheet(name, [
                    design, h(lambda: _("Part id")), h(lambda: _("Part")),
                    h(lambda: _("Parent")), h(lambda: _("Level")), *methods,
                    h(lambda: _("GWP100 with children [kg CO2-Eq]"))],
                    _part_rows(data, language), widths=[12, 16, 30, 16, 6] + [18] * (len(methods) + 1)))
            names = _names(language)
            sheet(lambda: _("By material"), lambda: _(
                "Results by material (its production, recycled share, transport and end of "
                "life), one column a method."),
                lambda name: book.sheet(name, [design, h(lambda: _("Material")),
                                               h(lambda: _("Material name")), *methods],
                                        _wide(data, lambda r: r.by_material(),
                                              lambda n, i, f: [n, str(i), names(str(i))]),
                                        widths=[12, 22, 26] + [18] * len(methods)))
            sheet(lambda: _("By process"), lambda: _(
                "Results by manufacturing process, one column a method."),
                lambda name: book.sheet(name, [design, h(lambda: _("Process")),
                                               h(lambda: _("Process name")), *methods],
                                        _wide(data, lambda r: r.by_process(),
                                              lambda n, i, f: [n, str(i), names(str(i))]),
                                        widths=[12, 22, 26] + [18] * len(methods)))
            sheet(lambda: _("Carbon footprint"), lambda: _(
                "Product carbon footprint (ISO 14067, IPCC 2021 GWP100) in kg CO2-eq per "
                "functional unit: total, fossil, biogenic and land-use parts, aircraft, "
                "credits apart, per year, Monte Carlo 95 % interval, by stage."),
                lambda name: book.sheet(name, [design, h(lambda: _("Quantity")),
                                               h(lambda: _("Value [kg CO2-Eq]"))],
                                        _carbon_rows(data, language), widths=[12, 48, 18]))
            if any(i.monte_carlo is not None for i in data.designs.values()):
                sheet(lambda: _("Uncertainty"), lambda: _(
                    "Monte Carlo statistics of every method (iterations and seed in README)."),
                    lambda name: book.sheet(name, [
                        design, method, unit, h(lambda: _("Deterministic")),
                        h(lambda: _("Mean")), h(lambda: _("Median")),
                        h(lambda: _("Standard deviation")), h(lambda: _("2.5th percentile")),
                        h(lambda: _("97.5th percentile"))], _uncertainty_rows(data),
                        widths=[12, 48, 14] + [16] * 6))
            sheet(lambda: _("Scores"), lambda: _(
                "Green design scores of every design and the indicators of the green design "
                "index, with their units."),
                lambda name: book.sheet(name, [design, h(lambda: _("Key")),
                                               h(lambda: _("Score")), h(lambda: _("Value")),
                                               unit, h(lambda: _("Note"))],
                                        _score_rows(data, language),
                                        widths=[12, 34, 36, 14, 8, 30]))
            if any(i.conformity for i in data.designs.values()):
                sheet(lambda: _("Indicators"), lambda: _(
                    "The conformity table of the specification profile: each basic "
                    "requirement and indicator with its benchmark, value, verdict and "
                    "evidence."),
                    lambda name: book.sheet(name, [
                        design, h(lambda: _("Id")), h(lambda: _("Kind")),
                        h(lambda: _("Group")), h(lambda: _("Requirement or indicator")),
                        h(lambda: _("Benchmark")), unit, h(lambda: _("Value")),
                        h(lambda: _("Verdict")), h(lambda: _("Evidence")),
                        h(lambda: _("Note")), h(lambda: _("Source"))],
                        _conformity_rows(data, language),
                        widths=[12, 16, 12, 12, 36, 20, 8, 14, 12, 16, 30, 30]))
            if data.comparison is not None:
                sheet(lambda: _("Comparison"), lambda: _(
                    "Every design against the reference design: totals, differences, per "
                    "year of service, and the paired Monte Carlo probability that the design "
                    "is lower."),
                    lambda name: book.sheet(name, [
                        design, method, unit, h(lambda: _("Total")),
                        h(lambda: _("Reference total")), h(lambda: _("Difference")),
                        h(lambda: _("Difference (%)")), h(lambda: _("Per year")),
                        h(lambda: _("Per-year difference")),
                        h(lambda: _("Per-year difference (%)")),
                        h(lambda: _("P(lower than reference)")),
                        h(lambda: _("P(lower per year)")),
                        h(lambda: _("Difference, 2.5th percentile")),
                        h(lambda: _("Difference, 97.5th percentile"))],
                        _comparison_rows(data), widths=[12, 48, 14] + [16] * 11))
            sheet(lambda: _("Data gaps"), lambda: _(
                "What the results leave out: references without inventory data (cut-off, "
                "with the mass and its share of the product) and datasets that cover "
                "greenhouse gases only (with their share of GWP100)."),
                lambda name: book.sheet(name, [
                    design, h(lambda: _("What")), h(lambda: _("Part id")), h(lambda: _("Part")),
                    h(lambda: _("Field")), h(lambda: _("Code")), h(lambda: _("Mass (kg)")),
                    h(lambda: _("Share of product mass")), h(lambda: _("Share of GWP100"))],
                    _gap_rows(data, language), widths=[12, 26, 16, 28, 12, 24, 12, 12, 12]))
            sheet(lambda: _("Datasets"), lambda: _(
                "Every dataset the results use, with its source, year, geography, pedigree "
                "scores (reliability; completeness; temporal; geographical; technological), "
                "proxy and whether it covers greenhouse gases only; then the values declared "
                "by suppliers (supplier:...), which replace the datasets they name."),
                lambda name: book.sheet(name, [
                    h(lambda: _("Code")), h(lambda: _("Name")), unit, h(lambda: _("Source")),
                    h(lambda: _("Year")), h(lambda: _("Geography")), h(lambda: _("Pedigree")),
                    h(lambda: _("Proxy")), h(lambda: _("Proxy (Chinese)")),
                    h(lambda: _("GHG only")), h(lambda: _("User database")),
                    h(lambda: _("Supplier data"))],
                    _dataset_rows(data, language),
                    widths=[24, 30, 8, 60, 8, 10, 12, 30, 30, 8, 8, 30],
                    wrap=(3,)))
            planned: list[str] = [readme]
            for name_of, _what, _write in steps:
                planned.append(safe_sheet_name(title(name_of), planned))
            book.sheet(readme, [h(lambda: _("Item")), h(lambda: _("Value"))],
                       _readme_rows(data, language, zip(planned[1:], steps, strict=True)),
                       widths=[30, 100], wrap=(1,), autofilter=False)
            for k, (name, (_name_of, _what, write)) in enumerate(
                    zip(planned[1:], steps, strict=True), start=1):
                if stop():
                    raise _Cancelled
                report(k / len(planned), say(language, lambda: _("Writing the workbook")))
                write(name)
    except _Cancelled:
        raise PackError(_("The export was cancelled."), hint=_("Nothing was written.")) from None
    return path


def _stage_rows(data: PackData, language: str) -> Iterator[list[Any]]:
    labels = [" | ".join(m) for m in data.methods]
    for name, item in data.designs.items():
        stages = item.result.by_stage()[labels]
        for stage in stages.index:
            yield [name, stage, stage_label(language, stage),
                   *(float(v) for v in stages.loc[stage])]
        yield [name, CREDIT, stage_label(language, CREDIT),
               *(float(v) for v in item.result.credits)]


def _part_rows(data: PackData, language: str) -> Iterator[list[Any]]:
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


def _readme_rows(data: PackData, language: str, steps) -> Iterator[list[Any]]:
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
