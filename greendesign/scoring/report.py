"""Scores of a project design as plain data (for the CLI ``score`` command) and as text.

:func:`score_json` scores the baseline or a named variant of a project with
every score of ``greendesign.scoring`` and returns a JSON-ready dict;
:func:`format_score_table` renders that dict as a plain-text table.

Rates are percentages (0-100); the MCI is a fraction (0-1); masses in kg,
times in seconds, GWP in kg CO2-eq. Packaging (module ``packaging``) is left
out of the product scores and reported as ``packaging_kg``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from greendesign.i18n import _, pick
from greendesign.model.product import BASELINE, Project
from greendesign.scoring.index import (
    GROUP_NAMES,
    Profile,
    evaluate_index,
    group_name,
    load_profiles,
    profile_for,
)
from greendesign.scoring.metrics import ScoreInputs, score_product
from greendesign.scoring.suggestions import suggest_improvements

GwpArgument = Callable[[str], "float | None"] | Mapping[str, float] | float | None

SOURCES = {
    "recyclability": "IEC TR 62635:2012 RCR/RVR; ISO 22628:2002 Rcyc/Rcov",
    "recycled_content": "ISO 14021 (recycled content by mass)",
    "mci": "Ellen MacArthur Foundation & Granta Design, Circularity Indicators: Methodology "
           "(2015); LFI = (V + W) / (2M + (W_F - W_C)/2), F(X) = 0.9/X",
    "disassembly_time": "eDiM, Vanegas et al. (2018), Resour. Conserv. Recycl. 135:323-334; "
                        "per-joint times in lca_data/scoring/joints.csv (estimates, unverified)",
    "repairability": "EN 45554:2020 parameters aggregated as in Regulation (EU) 2023/1669 "
                     "Annex IV; lca_data/scoring/repairability.csv",
    "modularity_q": "Newman (2006), PNAS 103(23):8577-8582",
    "restricted_substances": "GB/T 26572-2011 (China RoHS) limits per homogeneous material",
    "plastic_marking": "ISO 11469",
    "lightweighting": "Ashby, Materials Selection in Mechanical Design (material indices)",
    "green_design_index": "indicator groups of GB/T 32161-2015; profile benchmarks as stated "
                          "per indicator",
}


def _gwp_inputs(gwp: GwpArgument) -> dict[str, Any]:
    if gwp is None:
        return {}
    if isinstance(gwp, bool):
        raise TypeError(_("gwp must be a callable, a mapping of material codes or a number"))
    if isinstance(gwp, int | float):
        return {"gwp_total_kg": float(gwp)}
    if isinstance(gwp, Mapping):
        table = dict(gwp)
        return {"gwp_per_kg": lambda code: table.get(code)}
    if callable(gwp):
        return {"gwp_per_kg": gwp}
    raise TypeError(_("gwp must be a callable, a mapping of material codes or a number"))


def _round(value: Any, digits: int = 4) -> Any:
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: _round(v, digits) for k, v in value.items()}
    if isinstance(value, list):
        return [_round(v, digits) for v in value]
    return value


def score_json(project: Project, variant: str | None = None, gwp: GwpArgument = None, *,
               profile: Profile | str | None = None, inputs: ScoreInputs | None = None,
               suggestions: bool = True) -> dict[str, Any]:
    """Every score of one design of a project, as a JSON-ready dict.

    Parameters
    ----------
    project
        The project.
    variant
        A variant name; ``None`` (or ``"baseline"``) scores the baseline.
    gwp
        Optional GWP data from the LCA engine: a callable ``material code ->
        kg CO2-eq per kg`` (cradle-to-gate, ``None`` when unknown), a mapping
        of such factors, or a number (life cycle GWP of the design, kg CO2-eq).
        Without it the GWP entries are ``None`` and a note says so.
    profile
        A profile or profile id; default: the profile of the product category.
    inputs
        Reference tables and options (:class:`ScoreInputs`); the reference
        design, utility and GWP fields are filled in here.

    The dict holds at least ``mass_kg``, ``recyclability_rate``,
    ``recoverability_rate``, ``recycled_content``, ``mci``,
    ``reversible_joint_share``, ``disassembly_time_s``, ``repairability``,
    ``modularity_q``, ``restricted_substance_findings`` and
    ``green_design_index``.
    """
    design = variant or BASELINE
    product = project.design(design)
    reference_name = project.settings.reference_variant
    reference = project.design(reference_name) if reference_name != design else None
    if isinstance(profile, str):
        chosen = load_profiles()[profile] if profile else None
    else:
        chosen = profile
    if chosen is None:
        chosen = profile_for(product.category)
    base = inputs or ScoreInputs()
    fields: dict[str, Any] = {
        "reference": reference,
        "intensity_ratio": project.settings.intensity_of_use,
        "reference_life_years": (base.reference_life_years
                                 if base.reference_life_years is not None
                                 else chosen.reference_service_life_years),
        **_gwp_inputs(gwp),
    }
    resolved = ScoreInputs(**{**base.__dict__, **fields}).resolved()
    scores = score_product(product, resolved)
    index = evaluate_index(scores.metrics, chosen)
    ranked = (suggest_improvements(product, chosen, resolved, scores=scores)
              if suggestions else [])
    circ = scores.circularity
    rec = scores.recycling
    result: dict[str, Any] = {
        "product": product.name,
        "product_zh": product.name_zh,
        "design": design,
        "category": product.category.value,
        "profile": chosen.id,
        "reference_design": reference_name if reference is not None else None,
        "service_life_years": product.service_life_years,
        "mass_kg": scores.mass.total_kg,
        "packaging_kg": scores.mass.packaging_kg,
        "material_input_kg": scores.mass.material_input_kg,
        "material_efficiency": scores.mass.material_efficiency,
        "mass_reduction_pct": scores.mass_reduction_pct,
        "mass_by_module": scores.mass.by_module,
        "mass_by_assembly": scores.mass.by_assembly,
        "recyclability_rate": rec.recyclability_rate,
        "recoverability_rate": rec.recoverability_rate,
        "iso22628": {"rcyc": rec.recyclability_rate, "rcov": rec.recoverability_rate,
                     "reuse_kg": rec.reused_kg, "metals_recycled_kg": rec.metals_recycled_kg,
                     "non_metals_recycled_kg": rec.non_metals_recycled_kg,
                     "energy_recovery_kg": rec.energy_recovery_kg},
        "end_of_life_by_part": [
            {"part_id": f.part_id, "material": f.material, "family": f.family,
             "mass_kg": f.mass_kg, "reuse": f.reuse, "recycling": f.recycling,
             "energy_recovery": f.energy_recovery, "landfill": f.landfill,
             "recycling_yield": f.recycling_yield, "basis": f.basis} for f in rec.fates],
        "recycled_content": scores.recycled_content_pct,
        "mci": circ.mci if circ else None,
        "mci_terms": ({"M": circ.mass_kg, "V": circ.virgin_kg, "W0": circ.waste_unrecovered_kg,
                       "W_C": circ.waste_collection_kg, "W_F": circ.waste_feedstock_kg,
                       "W": circ.waste_kg, "LFI": circ.lfi, "X": circ.utility,
                       "F_X": circ.fx} if circ else None),
        "reversible_joint_share": scores.shares.reversible_share,
        "standard_fastener_share": scores.shares.standard_fastener_share,
        "joints": scores.shares.joints,
        "joints_by_type": scores.shares.by_type,
        "disassembly_time_s": scores.disassembly_time_s,
        "full_disassembly_time_s": scores.full_disassembly_time_s,
        "priority_parts": [
            {"part_id": p.part_id, "name": p.name, "kind": p.priority_kind, "depth": p.depth,
             "time_s": p.time_s,
             "steps": [{"node_id": s.node_id, "joint": s.joint.value,
                        "joint_count": s.joint_count, "tool": s.tool,
                        "tool_class": s.tool_class, "fastener_class": s.fastener_class,
                        "time_s": s.time_s} for s in p.steps]}
            for p in scores.priority],
        "repairability": {
            "index": scores.repair.index, "class": scores.repair.rating_class,
            "assessed": scores.repair.assessed, "not_assessed": scores.repair.not_assessed,
            "parts": [{"part_id": p.part_id, "name": p.name, "depth": p.depth,
                       "scores": p.scores, "index": p.index, "class": p.rating_class}
                      for p in scores.repair.parts],
            "note": scores.repair.note},
        "modularity_q": scores.modularity_q,
        "modules": {module: {"nodes": ids,
                             "mass_kg": scores.mass.by_module.get(module, 0.0)}
                    for module, ids in scores.graph.modules().items()},
        "module_interfaces": [{"modules": list(pair), "joints": count}
                              for pair, count in scores.graph.module_interfaces().items()],
        "restricted_substance_findings": [f.to_dict() for f in scores.substances],
        "plastic_marking_findings": [f.to_dict() for f in scores.markings],
        "combination_findings": [f.to_dict() for f in scores.combinations],
        "gwp": {"materials_kg": scores.gwp_materials_kg, "total_kg": resolved.gwp_total_kg,
                "missing_factors": scores.gwp_missing,
                "note": ("" if resolved.gwp_per_kg or resolved.gwp_total_kg is not None else
                         _("no GWP given: GWP columns are None"))},
        "green_design_index": index.to_dict(),
        "suggestions": [s.to_dict() for s in ranked],
        "notes": scores.notes,
        "sources": SOURCES,
    }
    return _round(result, 6)


def _fmt(value: Any, digits: int = 1, unit: str = "") -> str:
    if value is None:
        return _("n/a")
    if isinstance(value, float | int) and not isinstance(value, bool):
        text = f"{value:.{digits}f}"
        return f"{text} {unit}".rstrip()
    return str(value)


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns."""
    return text + " " * max(0, width - _width(text))


def format_score_table(result: Mapping[str, Any]) -> str:
    """A plain-text table of a :func:`score_json` result, in the current language."""
    rep = result.get("repairability") or {}
    gdi = result.get("green_design_index") or {}
    rows = [
        (_("Mass (without packaging)"), _fmt(result.get("mass_kg"), 3, "kg")),
        (_("Packaging"), _fmt(result.get("packaging_kg"), 3, "kg")),
        (_("Material efficiency"), _fmt(result.get("material_efficiency"), 1, "%")),
        (_("Mass reduction vs reference"), _fmt(result.get("mass_reduction_pct"), 1, "%")),
        (_("Recyclability rate RCR"), _fmt(result.get("recyclability_rate"), 1, "%")),
        (_("Recoverability rate RVR"), _fmt(result.get("recoverability_rate"), 1, "%")),
        (_("Recycled content"), _fmt(result.get("recycled_content"), 1, "%")),
        (_("Material Circularity Indicator"), _fmt(result.get("mci"), 3)),
        (_("Reversible joints"), _fmt(result.get("reversible_joint_share"), 1, "%")),
        (_("Standard fasteners"), _fmt(result.get("standard_fastener_share"), 1, "%")),
        (_("Disassembly time, priority parts"), _fmt(result.get("disassembly_time_s"), 0, "s")),
        (_("Repairability index"),
         _("{index} (class {rating})").format(index=_fmt(rep.get("index"), 2),
                                              rating=rep.get("class") or _("n/a"))),
        (_("Modularity Q"), _fmt(result.get("modularity_q"), 3)),
        (_("Restricted substance findings"),
         str(len(result.get("restricted_substance_findings") or []))),
        (_("Unmarked or mismarked plastics"),
         str(len(result.get("plastic_marking_findings") or []))),
        (_("Material GWP"), _fmt((result.get("gwp") or {}).get("materials_kg"), 2, "kg CO2-eq")),
        (_("Green design index"),
         _("{index} / 100 (profile {profile}, coverage {coverage} %)").format(
             index=_fmt(gdi.get("index"), 1), profile=gdi.get("profile"),
             coverage=_fmt(gdi.get("coverage_pct"), 0))),
    ]
    width = max(_width(name) for name, _value in rows)
    product = pick(str(result.get("product")), result.get("product_zh"))
    design = result.get("design")
    lines = [_("{product} - design {design}").format(
        product=product, design=_("baseline") if design == BASELINE else design), ""]
    lines += [f"{_pad(name, width)}  {value}" for name, value in rows]
    indicators = gdi.get("indicators") or []
    if indicators:
        lines += ["", _("Green design index indicators:")]
        for group in GROUP_NAMES:
            members = [i for i in indicators if i["group"] == group]
            if not members:
                continue
            score = (gdi.get("groups") or {}).get(group)
            lines.append(f"  {group_name(group)} ({_fmt(score, 0)})")
            for item in members:
                mark = _("n/a") if item["score"] is None else f"{item['score'] * 100:.0f}"
                name = pick(item["name"], item.get("name_zh"))
                lines.append("    " + _("{name} {value} {unit} benchmark {benchmark} w {weight} "
                                        "score {score}").format(
                    name=_pad(name, 46), value=f"{_fmt(item['value'], 2):>9}",
                    unit=f"{item['unit']:<6}", benchmark=f"{item['benchmark']:g}",
                    weight=f"{item['weight']:g}", score=mark))
    findings = (result.get("restricted_substance_findings") or []) + \
        [f for f in result.get("combination_findings") or [] if f["severity"] != "info"]
    if findings:
        severities = {"fail": _("fail"), "warning": _("warning"), "info": _("info")}
        lines += ["", _("Findings:")]
        lines += [f"  [{severities.get(f['severity'], f['severity'])}] {f['part_id']}: "
                  f"{f['message']}" for f in findings]
    suggestions = result.get("suggestions") or []
    if suggestions:
        lines += ["", _("Improvements (ranked by effect on the index, then GWP):")]
        for s in suggestions[:5]:
            gwp = _fmt(s.get("gwp_change_kg"), 3, "kg CO2-eq")
            lines.append("  " + _("{change} pts  GWP {gwp} {description}").format(
                change=f"{_fmt(s.get('index_change'), 1):>5}", gwp=f"{gwp:<16}",
                description=s["description"]))
    notes = result.get("notes") or []
    if notes:
        lines += ["", _("Notes:")] + [f"  - {n}" for n in notes]
    return "\n".join(lines)
