"""All scores of one design at once, and the flat metric table the index reads.

:func:`score_product` runs the lightweighting, disassembly, recyclability and
circularity scores with one set of reference tables (:class:`ScoreInputs`)
and collects their headline numbers in :attr:`ProductScores.metrics`, keyed
by the metric names of :data:`METRICS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from greendesign.i18n import N_, _, translate
from greendesign.inventory.catalogue import Catalogue
from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.model.product import Product
from greendesign.model.vocab import JointType
from greendesign.scoring.bom import DEFAULT_EXCLUDE
from greendesign.scoring.data import (
    JointData,
    RepairabilityScale,
    RestrictedSubstance,
    default_eol_scenarios,
    joint_table,
    repairability_scale,
    restricted_substances,
)
from greendesign.scoring.disassembly import (
    JointGraph,
    JointShares,
    Repairability,
    full_disassembly_time,
    joint_graph,
    joint_shares,
    modularity_q,
    priority_paths,
    repairability,
)
from greendesign.scoring.lightweight import MassSummary, mass_summary, material_gwp
from greendesign.scoring.recyclability import (
    Circularity,
    Finding,
    Recyclability,
    combination_findings,
    marking_findings,
    material_circularity,
    part_fates,
    recyclability,
    recycled_content,
    restricted_substance_findings,
    unmarked_plastic_share,
)

#: metric name -> (unit, description; translated where shown, see :func:`metric_description`).
#: Indicators of a profile refer to these names.
METRICS: dict[str, tuple[str, str]] = {
    "mass_kg": ("kg", N_("product mass without packaging")),
    "mass_reduction_pct": ("%", N_("mass reduction against the reference design")),
    "material_efficiency_pct": ("%", N_("product mass / material input incl. scrap")),
    "recycled_content_pct": ("%", N_("recycled content by mass")),
    "recyclability_rate_pct": ("%", N_("recyclability rate RCR (IEC TR 62635)")),
    "recoverability_rate_pct": ("%", N_("recoverability rate RVR (IEC TR 62635)")),
    "mci": ("-", N_("Material Circularity Indicator (EMF 2015)")),
    "use_energy_kwh_per_year": ("kWh/a", N_("use-phase electricity per year")),
    "factory_electricity_kwh": ("kWh", N_("factory electricity per product")),
    "green_power_share_pct": ("%", N_("green power share of factory electricity")),
    "gwp_kg": ("kg CO2-eq", N_("life cycle GWP of one product (from the LCA engine)")),
    "gwp_materials_kg": ("kg CO2-eq", N_("cradle-to-gate GWP of the materials incl. scrap")),
    "restricted_substance_findings": ("count", N_("restricted substances above their limit")),
    "unmarked_plastic_share_pct": ("%", N_("plastic mass without ISO 11469 marking")),
    "hindering_combinations": ("count", N_("material combinations that hinder recycling")),
    "reversible_joint_share_pct": ("%", N_("share of reversible joints")),
    "standard_fastener_share_pct": ("%", N_("share of joints made with standard fasteners")),
    "disassembly_time_s": ("s", N_("eDiM time to reach the priority parts (sum)")),
    "repairability_index": ("1-5", N_("repairability index in the EN 45554 manner")),
    "modularity_q": ("-", N_("Newman modularity Q of the module partition")),
    "service_life_years": ("a", N_("design service life")),
}


def metric_description(metric: str) -> str:
    """The description of a metric of :data:`METRICS` in the current language."""
    return translate(METRICS[metric][1]) if metric in METRICS else metric


@dataclass
class ScoreInputs:
    """Reference tables and options shared by every score of a run.

    Tables left ``None`` are loaded from ``lca_data`` by :meth:`resolved`.
    ``gwp_per_kg`` maps a material code to kg CO2-eq per kg cradle-to-gate;
    ``gwp_secondary_per_kg`` the same for its recycled grade (used to credit
    recycled content in :func:`material_gwp`); ``gwp_total_kg`` is a life cycle
    GWP from the LCA engine; ``gwp_of_product`` recomputes such a total for a
    changed design (improvement suggestions).
    """

    eol: Mapping[tuple[str, str], Any] | None = None
    properties: Mapping[str, Any] | None = None
    catalogue: Catalogue | None = None
    joints: Mapping[JointType, JointData] | None = None
    scale: RepairabilityScale | None = None
    substances: Sequence[RestrictedSubstance] | None = None
    exclude_modules: tuple[str, ...] = DEFAULT_EXCLUDE
    reference: Product | None = None
    gwp_per_kg: Callable[[str], float | None] | None = None
    gwp_secondary_per_kg: Callable[[str], float | None] | None = None
    gwp_total_kg: float | None = None
    gwp_of_product: Callable[[Product], float | None] | None = None
    repair_scores: Mapping[str, float] | None = None
    access: Mapping[str, Sequence[str]] | None = None
    reference_life_years: float | None = None
    intensity_ratio: float = 1.0
    notes: tuple[str, ...] = ()

    def resolved(self) -> ScoreInputs:
        """A copy with every table loaded (defaults from ``lca_data``)."""
        notes = list(self.notes)
        eol = self.eol
        if eol is None:
            eol, note = default_eol_scenarios()
            if note:
                notes.append(note)
        return replace(self, eol=eol, catalogue=self.catalogue or load_catalogue(),
                       joints=self.joints or joint_table(),
                       scale=self.scale or repairability_scale(),
                       substances=(self.substances if self.substances is not None
                                   else restricted_substances()),
                       notes=tuple(dict.fromkeys(notes)))


@dataclass
class ProductScores:
    """Every score of one design; ``metrics`` holds the headline numbers by metric name."""

    product: Product
    mass: MassSummary
    mass_reduction_pct: float | None
    graph: JointGraph
    shares: JointShares
    modularity_q: float | None
    priority: list
    disassembly_time_s: float | None
    full_disassembly_time_s: float
    repair: Repairability
    recycling: Recyclability
    recycled_content_pct: float | None
    circularity: Circularity | None
    substances: list[Finding]
    markings: list[Finding]
    combinations: list[Finding]
    gwp_materials_kg: float | None
    gwp_missing: list[str]
    metrics: dict[str, float | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def score_product(product: Product, inputs: ScoreInputs | None = None) -> ProductScores:
    """Run every score on one design (see the modules of ``greendesign.scoring``)."""
    inputs = (inputs or ScoreInputs()).resolved()
    exclude: Iterable[str] = inputs.exclude_modules
    notes = list(inputs.notes)
    mass = mass_summary(product, exclude)
    reduction = None
    if inputs.reference is not None:
        ref_mass = mass_summary(inputs.reference, exclude).total_kg
        if ref_mass > 0:
            reduction = (ref_mass - mass.total_kg) / ref_mass * 100.0
    graph = joint_graph(product, exclude, inputs.joints)
    shares = joint_shares(graph)
    q = modularity_q(graph)
    paths = priority_paths(product, access=inputs.access, exclude_modules=exclude,
                           joints=inputs.joints)
    repair = repairability(product, paths=paths, extra_scores=inputs.repair_scores,
                           scale=inputs.scale)
    fates = part_fates(product, inputs.eol, catalogue=inputs.catalogue, exclude_modules=exclude)
    recycling = recyclability(product, fates=fates)
    circularity = material_circularity(product, fates=fates,
                                       reference_life_years=inputs.reference_life_years,
                                       intensity_ratio=inputs.intensity_ratio)
    substances = restricted_substance_findings(product, inputs.substances,
                                               exclude_modules=exclude)
    markings = marking_findings(product, catalogue=inputs.catalogue, exclude_modules=exclude)
    combinations = combination_findings(product, catalogue=inputs.catalogue,
                                        joints=inputs.joints, exclude_modules=exclude)
    gwp_materials = None
    gwp_missing: list[str] = []
    if inputs.gwp_per_kg is not None:
        gwp_materials, gwp_missing = material_gwp(product, inputs.gwp_per_kg, exclude,
                                                  inputs.gwp_secondary_per_kg)
        if gwp_missing:
            notes.append(_("no GWP factor for {codes}: left out of the material GWP").format(
                codes=", ".join(gwp_missing)))
    else:
        notes.append(_("GWP not computed: no GWP factors were given"))
    scenario = product.scenario
    disassembly_time = sum(p.time_s for p in paths) if paths else None
    result = ProductScores(
        product=product, mass=mass, mass_reduction_pct=reduction, graph=graph, shares=shares,
        modularity_q=q, priority=paths, disassembly_time_s=disassembly_time,
        full_disassembly_time_s=full_disassembly_time(product, exclude, inputs.joints),
        repair=repair, recycling=recycling,
        recycled_content_pct=recycled_content(product, exclude), circularity=circularity,
        substances=substances, markings=markings, combinations=combinations,
        gwp_materials_kg=gwp_materials, gwp_missing=gwp_missing, notes=notes)
    result.metrics = {
        "mass_kg": mass.total_kg,
        "mass_reduction_pct": reduction,
        "material_efficiency_pct": mass.material_efficiency,
        "recycled_content_pct": result.recycled_content_pct,
        "recyclability_rate_pct": recycling.recyclability_rate,
        "recoverability_rate_pct": recycling.recoverability_rate,
        "mci": circularity.mci if circularity else None,
        "use_energy_kwh_per_year": scenario.use.annual_energy_kwh(),
        "factory_electricity_kwh": scenario.production.factory_electricity_kwh,
        "green_power_share_pct": scenario.production.green_power_share * 100.0,
        "gwp_kg": inputs.gwp_total_kg,
        "gwp_materials_kg": gwp_materials,
        "restricted_substance_findings": float(len(substances)),
        "unmarked_plastic_share_pct": unmarked_plastic_share(
            product, catalogue=inputs.catalogue, exclude_modules=exclude),
        "hindering_combinations": float(sum(1 for f in combinations
                                            if f.severity != "info")),
        "reversible_joint_share_pct": shares.reversible_share,
        "standard_fastener_share_pct": shares.standard_fastener_share,
        "disassembly_time_s": disassembly_time,
        "repairability_index": repair.index,
        "modularity_q": q,
        "service_life_years": product.service_life_years,
    }
    for sub in (recycling.notes, circularity.notes if circularity else []):
        for note in sub:
            if note not in result.notes:
                result.notes.append(note)
    if repair.note and repair.note not in result.notes:
        result.notes.append(repair.note)
    return result
