"""The rows of the conformity section (符合性评价), from the evidence model.

The profile is the one the project chose (``Project.evidence``,
:func:`greendesign.evidence.specification.resolve_specification`); when none is chosen, the
bundled profile proposed for the product category, and the section says so. The rows are
:func:`greendesign.evidence.conformity.evaluate_conformity` of the pack's main design on the
day the pack is made, with the scores of
:func:`greendesign.evidence.conformity.design_scores` (the calculation of the Green design and
Evidence pages) and the pack's LCA result for ``lca:`` metrics.

Should the evidence model be missing (a partial install), the section falls back to the
green design index profile of :mod:`greendesign.scoring.index` (its indicators, benchmarks and
sources, already scored in the pack) and is marked so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from greendesign.i18n import _, pick
from greendesign.report.pdf import numbers, terms

METRIC_SECTIONS = {
    "mass_kg": "green-light", "mass_reduction_pct": "green-light",
    "material_efficiency_pct": "green-light", "recycled_content_pct": "green-recycle",
    "recyclability_rate_pct": "green-recycle", "recoverability_rate_pct": "green-recycle",
    "mci": "green-recycle", "use_energy_kwh_per_year": "lca-inventory",
    "factory_electricity_kwh": "lca-inventory", "green_power_share_pct": "carbon-electricity",
    "gwp_kg": "carbon-results", "gwp_materials_kg": "lca-contributions",
    "restricted_substance_findings": "green-substances",
    "unmarked_plastic_share_pct": "green-substances",
    "hindering_combinations": "green-recycle", "reversible_joint_share_pct": "green-modular",
    "standard_fastener_share_pct": "green-modular", "disassembly_time_s": "green-modular",
    "repairability_index": "green-modular", "modularity_q": "green-modular",
    "service_life_years": "lca-scope-fu",
}
"""The report section that shows how a computed metric is obtained."""

INDEX_STAGES = {
    "recycled_content_pct": "raw_materials", "restricted_substance_findings": "raw_materials",
    "material_efficiency_pct": "production", "green_power_share_pct": "production",
    "factory_electricity_kwh": "production", "use_energy_kwh_per_year": "use",
    "service_life_years": "use", "recyclability_rate_pct": "end_of_life",
    "recoverability_rate_pct": "end_of_life", "mci": "life_cycle", "gwp_kg": "life_cycle",
}
"""所属阶段 of the index profile's metrics (which carry no stage); the others: design."""


@dataclass
class Row:
    """One row of the conformity section, in the language it was made in."""

    kind: str                      # "requirement" or "indicator"
    id: str
    group: str = ""
    name: str = ""
    unit: str = ""
    benchmark: str = ""
    basis: str = ""
    stage: str = ""
    value: Any = None
    status: str = "not_assessed"
    evidence: list[Any] = field(default_factory=list)   # EvidenceRef-like (id, date, status)
    note: str = ""
    source: str = ""
    illustrative: bool = False
    metric: str = ""


@dataclass
class Table:
    """The conformity section's content: where the profile comes from and its rows."""

    origin: str                    # "chosen", "proposed" or "index"
    profile_id: str
    profile_name: str
    standard: str
    description: str
    sources: list[str]
    rows: list[Row]
    index: dict[str, Any] | None = None

    def counts(self) -> dict[str, int]:
        out = {"pass": 0, "fail": 0, "not_assessed": 0}
        for row in self.rows:
            out[row.status] = out.get(row.status, 0) + 1
        return out

    @property
    def requirements(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "requirement"]

    @property
    def indicators(self) -> list[Row]:
        return [r for r in self.rows if r.kind == "indicator"]


def prepare(data, shared: dict[str, Any]) -> None:
    """Resolve the profile and score the main design once (both languages use them)."""
    try:
        from greendesign.evidence.conformity import design_scores
        from greendesign.evidence.specification import (
            load_specifications,
            resolve_specification,
            specification_for_category,
        )
    except ImportError:
        shared["conformity"] = None
        return
    record = data.project.evidence
    profile = resolve_specification(record)
    origin = "chosen"
    if profile is None:
        bundled = load_specifications()
        profile = bundled.get(specification_for_category(data.main.product.category.value))
        origin = "proposed"
    if profile is None:
        shared["conformity"] = None
        return
    result = data.main.result
    bg = result.bg
    row = bg.method_row.get(terms.GWP100)

    def gwp_per_kg(code: str) -> float | None:
        column = bg.column.get(code)
        return float(bg.H[row, column]) if column is not None and row is not None else None

    scores = design_scores(data.project, data.options.designs[0], gwp_per_kg, result)
    shared["conformity"] = (origin, profile, scores)


def build(data, shared: dict[str, Any]) -> Table:
    """The conformity table in the current language (:func:`prepare` first)."""
    prepared = shared.get("conformity")
    if prepared is None:
        return _from_index(data)
    from greendesign.evidence.conformity import evaluate_conformity

    origin, profile, scores = prepared
    conformity = evaluate_conformity(profile, data.project.evidence, scores, data.main.result,
                                     design=data.options.designs[0], day=data.created.date())
    specs = {i.id: i for i in profile.indicators}
    reqs = {r.id: r for r in profile.basic_requirements}
    rows = []
    for outcome in conformity.outcomes:
        spec = specs.get(outcome.id)
        req = reqs.get(outcome.id)
        row = Row(kind=outcome.kind, id=outcome.id, group=outcome.group, name=outcome.name,
                  unit=outcome.unit, benchmark=outcome.benchmark, value=outcome.value,
                  status=outcome.status, evidence=list(outcome.evidence), note=outcome.note,
                  source=outcome.source, illustrative=bool(outcome.illustrative))
        if spec is not None:
            row.basis = pick(spec.basis, spec.basis_zh)
            row.stage = spec.stage
            row.metric = spec.metric
        elif req is not None:
            row.basis = pick(req.basis, req.basis_zh)
        rows.append(row)
    return Table(origin, profile.id, pick(profile.name, profile.name_zh),
                 pick(profile.standard, profile.standard_zh),
                 pick(profile.description, profile.description_zh), list(profile.sources),
                 rows)


def _from_index(data) -> Table:
    """The green design index profile's indicators as the conformity rows (fallback)."""
    index = data.main.scores.get("green_design_index") or {}
    rows = []
    for item in index.get("indicators", []):
        sign = "\u2265" if item["direction"] == "higher" else "\u2264"
        passed = item.get("passed")
        illustrative = str(item.get("source", "")).startswith("Illustrative")
        rows.append(Row(
            kind="indicator", id=item["id"], group=item["group"],
            name=pick(item["name"], item.get("name_zh")), unit=item.get("unit", ""),
            benchmark=f"{sign} {numbers.sig(item['benchmark'], 3)} {item.get('unit', '')}"
            .rstrip(), basis="", stage=INDEX_STAGES.get(item["metric"], "design"),
            value=item.get("value"),
            status="not_assessed" if passed is None else ("pass" if passed else "fail"),
            source=item.get("source", ""), illustrative=illustrative, metric=item["metric"]))
    return Table("index", str(index.get("profile", "")), str(index.get("profile", "")),
                 _("GreenDesign green design index profile (GB/T 32161 indicator groups)"),
                 "", [], rows, index=index)
