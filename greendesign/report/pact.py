"""The product carbon footprint as a PACT ``ProductFootprint`` (Pathfinder data model).

Follows the *Technical Specifications for PCF Data Exchange*, version 2.3.3 (PACT / WBCSD,
11 December 2025, methodological basis PACT Methodology 2.0;
https://wbcsd.github.io/data-exchange-protocol/v2/): :data:`SPEC_VERSION`. The field list with
its types and obligations is :data:`PRODUCT_FOOTPRINT_FIELDS`, :data:`CARBON_FOOTPRINT_FIELDS`
and :data:`DQI_FIELDS`; :func:`pact_problems` checks a footprint against it. Decimals are JSON
strings of dotted-decimal numbers (spec data type ``Decimal``), percentages JSON numbers.

What the pack fills, and how (``comment`` of the footprint says the same to its reader):

* The PACT footprint is **cradle to gate** (PACT Methodology 2.0): the raw-material and
  manufacturing stages of the pack's cradle-to-grave model; the other stages are in the pack's
  results, not here. Values are **per kilogram of product** (``declaredUnit`` ``kilogram``,
  the 2.x data model has no "piece"): ``unitaryProductAmount`` is the product's mass without
  packaging, and every emission is the product's value divided by it.
* ``pCfExcludingBiogenic`` = IPCC 2021 (AR6) GWP100 of those stages: this method gives
  biogenic CO2 the factor 0 and counts biogenic methane, as the field asks ("excluding biogenic
  CO2"). ``fossilGhgEmissions``, ``dLucGhgEmissions`` and ``otherBiogenicGhgEmissions`` are
  its "fossil", "land use" and "biogenic" parts (IPCC 2021 categories, whose sum is the
  total). ``pCfIncludingBiogenic`` adds the biogenic CO2 of the cradle-to-gate inventory as
  the datasets record it: non-fossil CO2 emitted minus CO2 taken up from air (-1/+1).
  ``aircraftGhgEmissions`` are the air-freight lines of those stages.
* ``fossilCarbonContent`` / ``biogenicCarbonContent``: kg C per kg of product from the
  materials' carbon fractions (``lca_data/properties/carbon_content.csv``); a material without
  a fraction counts as carbon-free and is named in ``comment``.
  ``biogenicCarbonWithdrawal`` = -(44.009 / 12.011) x the biogenic carbon content.
* ``exemptedEmissionsPercent``: PACT means the share of *emissions* left out; the pack knows
  the *mass* it left out for lack of data (the cut-off). The emissions are estimated as that
  mass times the average cradle-to-gate GWP100 per kg of the modelled materials:
  ``p = 100 E / (PCF + E)`` with ``E = m_cut x GWP_raw / m_modelled``. Electronic parts
  usually carry more per kg than the average, so the estimate can be low; the description
  names the parts left out.
* ``primaryDataShare`` is the percent of the cradle-to-gate ``pCfExcludingBiogenic`` that
  rests on supplier data (declared values of parts and materials,
  :func:`greendesign.lca.declared.primary_data_share`): the PACT Methodology's
  "emissions computed with primary data / total emissions x 100"; 0 when every emission
  factor comes from a secondary dataset (the bundled inventory or an imported database). The
  activity data (masses, energy) are the applicant's own and are not counted.
  ``dqi`` maps the Weidema pedigree scores (1-5) of the datasets (and of the declared values,
  each with its own pedigree) carrying more than 5 % of the footprint to the PACT rating
  (1-3) by ``1 + (p - 1) / 2``, weighted by their share; ``coveragePercent`` is the share of
  the footprint those datasets carry. Supplier data bring no elementary flows: the biogenic
  CO2 of ``pCfIncludingBiogenic`` is that of the lines they do not cover.
* Fields the project cannot give truthfully are filled as the spec allows and named in
  ``comment``: ``productCategoryCpc`` (no CPC code is recorded), ``companyName`` /
  ``companyIds`` when the applicant is not filled in, ``referencePeriodStart/End`` (the
  calendar year of the pack), ``landManagementGhgEmissions`` (0: not modelled apart).
"""

from __future__ import annotations

import hashlib
import math
import re
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from urllib.parse import quote

import numpy as np

from greendesign.i18n import _
from greendesign.lca.declared import primary_data_share
from greendesign.report.pack_data import (
    AIR_FREIGHT,
    GWP100,
    GWP100_BIOGENIC,
    GWP100_FOSSIL,
    GWP100_LAND_USE,
    DesignData,
    PackData,
)
from greendesign.report.pact_check import (  # noqa: F401 - the field list, re-exported
    _COUNTRY,
    CARBON_FOOTPRINT_FIELDS,
    DQI_FIELDS,
    PRODUCT_FOOTPRINT_FIELDS,
    pact_problems,
)
from greendesign.report.texts import say

SPEC_VERSION = "2.3.3"
"""The PACT Technical Specifications version the footprint follows."""
CRADLE_TO_GATE = ("raw_materials", "manufacturing")
CO2_PER_C = 44.009 / 12.011
DQR_THRESHOLD = 0.05
"""Datasets above this share of the footprint enter the data quality rating (PACT 2.0)."""
NOT_CLASSIFIED = "not classified"
PLACEHOLDER_COMPANY_ID = "urn:pact:company:customcode:vendor-assigned:not-stated"


# --- numbers as the spec writes them -------------------------------------------------------

def decimal(value: float) -> str:
    """A PACT ``Decimal``: the shortest dotted-decimal text of ``value`` (no exponent)."""
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a number a PACT Decimal can hold")
    if value == 0:
        return "0"
    return np.format_float_positional(value, trim="-")


def footprint_uuid(report_id: str, design: str) -> str:
    """A UUID version 4 in form, derived from the report id and the design (so a pack's
    footprint keeps its id when the pack is recomputed)."""
    digest = bytearray(hashlib.sha256(f"{report_id}\x1f{design}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x40
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _urn_part(text: str) -> str:
    return quote(text.strip(), safe="-._~!$&'()*+,;=@") or "unnamed"


# --- what the footprint is computed from ---------------------------------------------------

def _stage_mask(result, stages: Iterable[str]) -> np.ndarray:
    return result.lines["stage"].isin(list(stages)).to_numpy()


def _gate_total(result, method) -> float:
    j = result.methods.index(method)
    return float(result.scores[_stage_mask(result, CRADLE_TO_GATE), j].sum())


def _biogenic_co2(result) -> float:
    """kg of non-fossil CO2 emitted minus CO2 taken up from air, cradle to gate."""
    bg = result.bg
    mask = _stage_mask(result, CRADLE_TO_GATE)
    if result.declared is not None:  # a declared value has no elementary flows
        mask = mask & ~result.declared.covered
    demand = np.zeros(len(bg.codes))
    cols = result.lines["dataset"].map(bg.column).to_numpy()[mask]
    np.add.at(demand, cols, result.lines["amount"].to_numpy()[mask])
    flows = bg.G @ demand
    emitted = taken = 0.0
    for i, (_code, name, compartment, _unit) in enumerate(bg.flows):
        if name.startswith("Carbon dioxide, non-fossil") and compartment.startswith("air"):
            emitted += float(flows[i])
        elif name == "Carbon dioxide, in air" and compartment.startswith("natural resource"):
            taken += float(flows[i])
    return emitted - taken


def _nodes(product) -> list[tuple[Any, float, bool]]:
    """(node, units per product, is packaging) of every BOM node."""
    from greendesign.scoring.bom import PACKAGING, iter_scope  # deferred: loads the catalogue

    return [(info.node, info.count, info.module.strip().casefold() == PACKAGING)
            for info in iter_scope(product, ())]


def _carbon_content(product) -> tuple[float, float, list[str]]:
    """kg fossil C, kg biogenic C of the product without packaging, and the materials with no
    carbon fraction."""
    from greendesign.inventory.datasets import load_carbon_content  # deferred: reads lca_data
    from greendesign.model.part import Part

    fractions = load_carbon_content()
    fossil = biogenic = 0.0
    unknown: list[str] = []
    for node, count, packaging in _nodes(product):
        if packaging or not isinstance(node, Part):
            continue
        if node.material in fractions:
            f, b = fractions[node.material]
            fossil += f * node.mass_kg * count
            biogenic += b * node.mass_kg * count
        elif node.material not in unknown:
            unknown.append(node.material)
    return fossil, biogenic, unknown


def _packaging(design: DesignData) -> tuple[float, bool]:
    """The cradle-to-gate GWP100 (kg CO2-eq) of the packaging, and whether there is any."""
    product, result = design.product, design.result
    ids = {node.id for node, _count, packaging in _nodes(product) if packaging}
    if not ids:
        return 0.0, False
    mask = _stage_mask(result, CRADLE_TO_GATE) & result.lines["part_id"].isin(ids).to_numpy()
    j = result.methods.index(GWP100)
    return float(result.scores[mask, j].sum()), True


def exempted_share(result, gate_total: float) -> tuple[float, float]:
    """(percent of emissions left out, the estimated kg CO2-eq left out) (module docstring)."""
    model = result.model
    cut = sum(g.mass_kg for g in model.gaps if g.field == "material")
    if cut <= 0 or gate_total <= 0:
        return 0.0, 0.0
    modelled = max(model.product_mass_kg - cut, 0.0)
    j = result.methods.index(GWP100)
    raw = float(result.scores[_stage_mask(result, ("raw_materials",)), j].sum())
    if modelled <= 0:
        return 100.0, math.inf
    estimate = cut * raw / modelled
    return 100.0 * estimate / (gate_total + estimate), estimate


def data_quality(data: PackData, result) -> dict[str, float]:
    """PACT data quality indicators from the datasets' pedigree scores (module docstring)."""
    j = result.methods.index(GWP100)
    mask = _stage_mask(result, CRADLE_TO_GATE)
    shares: dict[str, float] = {}
    codes = result.lines["dataset"].to_numpy().astype(object)
    pedigree = {r.code: r.pedigree for r in data.datasets}
    if result.declared is not None:  # a declared value counts with its own pedigree
        keys = np.array(result.declared.keys, dtype=object)
        for d in result.declared.declarations:
            codes[keys == d.key] = f"supplier:{d.key}"
            pedigree[f"supplier:{d.key}"] = d.value.pedigree
    for code, score in zip(codes[mask], result.scores[mask, j], strict=True):
        shares[code] = shares.get(code, 0.0) + float(score)
    total = sum(shares.values())
    big = {c: s / total for c, s in shares.items() if total > 0 and s / total > DQR_THRESHOLD}
    weight = sum(big.values())
    dqr = [0.0] * 5  # reliability, completeness, temporal, geographical, technological
    for code, share in big.items():
        scores = list(pedigree.get(code) or ()) or [5, 5, 5, 5, 5]
        for k in range(5):
            dqr[k] += share / weight * (1.0 + (scores[k] - 1) / 2.0)
    if not big:
        dqr = [3.0] * 5
    return {"coveragePercent": round(100.0 * weight, 6),
            "technologicalDQR": round(dqr[4], 6), "temporalDQR": round(dqr[2], 6),
            "geographicalDQR": round(dqr[3], 6), "completenessDQR": round(dqr[1], 6),
            "reliabilityDQR": round(dqr[0], 6)}


def emission_factor_sources(data: PackData) -> list[dict[str, str]]:
    """The secondary databases behind the datasets used (``EmissionFactorDS`` items)."""
    from greendesign.inventory.user_registry import get_database, parse_ref

    out = [{"name": "GreenDesign lca_data (bundled inventory)",
            "version": data.versions.get("inventory_data", "") or "unknown"}]
    if any("USLCI" in r.source for r in data.datasets):
        out.append({"name": "USLCI (U.S. Federal LCA Commons)", "version": "FY2018"})
    seen = set()
    for record in data.datasets:
        ref = parse_ref(record.code)
        if ref is None or ref[0] in seen:
            continue
        seen.add(ref[0])
        try:
            version = f"imported {get_database(ref[0]).imported_at}"
        except Exception:  # a database removed since: its name is still the source
            version = "as imported"
        out.append({"name": ref[0], "version": version})
    return out


def _geography(region: str) -> dict[str, str]:
    country = (region or "").strip().split("-")[0].upper()
    return {"geographyCountry": country} if _COUNTRY.match(country) else {}


def _company(data: PackData, language: str) -> tuple[str, list[str], list[str]]:
    """(companyName, companyIds, notes) from the applicant of the evidence record."""
    applicant = getattr(getattr(data.project, "evidence", None), "applicant", None)
    notes = []
    name = ""
    if applicant is not None:
        name = say(language, lambda: _pick(applicant.company_name_en,
                                           applicant.company_name_zh))
    if not name:
        name = say(language, lambda: _("(company not stated)"))
        notes.append(say(language, lambda: _(
            "companyName: the applicant's company name is not filled in.")))
    ids = []
    code = getattr(applicant, "credit_code", "") if applicant is not None else ""
    if code and _credit_code_valid(code):
        ids.append(f"urn:uscc:{code}")
    else:
        ids.append(PLACEHOLDER_COMPANY_ID)
        notes.append(say(language, lambda: _(
            "companyIds: no valid unified social credit code is recorded; the id is a "
            "placeholder ({urn}).").format(urn=PLACEHOLDER_COMPANY_ID)))
    return name, ids, notes


def _pick(english: str, chinese: str) -> str:
    from greendesign.i18n import pick

    return pick(english, chinese) or english or chinese


def _credit_code_valid(code: str) -> bool:
    try:
        from greendesign.evidence.credit_code import credit_code_problem
    except ImportError:  # without the evidence package only the form is checked
        return bool(re.fullmatch(r"[0-9A-Z]{18}", code))
    return credit_code_problem(code) is None


def _rules(data: PackData) -> list[dict[str, Any]]:
    """The product-category specification the project follows, as PACT rules."""
    try:
        from greendesign.evidence.specification import resolve_specification
    except ImportError:
        return []
    profile = resolve_specification(data.project.evidence)
    if profile is None:
        return []
    return [{"operator": "Other", "ruleNames": [profile.standard],
             "otherOperatorName": "Standardization Administration of China (SAC) / MIIT"}]


def product_footprint(data: PackData, design: str, language: str | None = None
                      ) -> dict[str, Any]:
    """The PACT ``ProductFootprint`` of one design of the pack (module docstring)."""
    language = language or data.options.language
    item = data.designs[design]
    product, result = item.product, item.result
    mass = float(item.scores.get("mass_kg") or 0.0)  # without packaging
    per = 1.0 / mass if mass > 0 else math.nan
    total = _gate_total(result, GWP100)
    fossil = _gate_total(result, GWP100_FOSSIL)
    biogenic = _gate_total(result, GWP100_BIOGENIC)
    land_use = _gate_total(result, GWP100_LAND_USE)
    j = result.methods.index(GWP100)
    air = [k for k, line in enumerate(result.model.lines)
           if line.dataset == AIR_FREIGHT and line.stage in CRADLE_TO_GATE]
    aircraft = float(result.scores[air, j].sum()) if air else 0.0
    fossil_c, biogenic_c, no_carbon = _carbon_content(product)
    pack_gwp, has_packaging = _packaging(item)
    share, estimate = exempted_share(result, total)
    notes: list[str] = []

    def note(render) -> None:
        notes.append(say(language, render))

    note(lambda: _("Cradle-to-gate footprint (raw materials and manufacturing) per kilogram of "
                   "product ({mass} kg without packaging), computed with GreenDesign {app} "
                   "under ISO 14067:2018 (GB/T 24067-2024), IPCC 2021 (AR6) GWP100; the "
                   "pack {report} holds the cradle-to-grave results.").format(
        mass=f"{mass:.6g}", app=data.versions.get("greendesign", ""), report=data.report_id))
    note(lambda: _("pCfExcludingBiogenic is the IPCC 2021 GWP100 (biogenic CO2 at factor 0); "
                   "pCfIncludingBiogenic adds the non-fossil CO2 emitted minus the CO2 taken "
                   "up from air, as the datasets record them."))
    company, company_ids, company_notes = _company(data, language)
    notes += company_notes
    note(lambda: _("productCategoryCpc: the project records no UN CPC code; the field says "
                   "'{value}'.").format(value=NOT_CLASSIFIED))
    note(lambda: _("referencePeriodStart/End: the project states no reference period; the "
                   "calendar year of the pack is given."))
    note(lambda: _("landManagementGhgEmissions: not modelled apart by the inventory; 0 is "
                   "given."))
    primary = primary_data_share(result, CRADLE_TO_GATE) or 0.0
    sources = sorted({d.value.source for d in result.declared.declarations}) \
        if result.declared is not None else []
    if primary > 0:
        note(lambda: _("primaryDataShare: {share} % of the footprint rests on values declared "
                       "by suppliers ({sources}); the rest on secondary datasets (bundled "
                       "inventory or imported database). Declared values carry no biogenic "
                       "CO2 flows.").format(share=f"{100 * primary:.4g}",
                                            sources="; ".join(sources)))
    else:
        note(lambda: _("primaryDataShare: every emission factor comes from a secondary dataset "
                       "(bundled inventory or imported database); the activity data are the "
                       "applicant's own."))
    if no_carbon:
        note(lambda: _("Carbon content: no carbon fraction is known for {materials}; they "
                       "count as carbon-free.").format(materials=", ".join(no_carbon)))
    if share > 5.0:
        note(lambda: _("exemptedEmissionsPercent is above the 5 % PACT allows: this footprint "
                       "does not meet the PACT cut-off rule."))
    if mass <= 0:
        note(lambda: _("The product has no mass: no value per kilogram can be given."))
    gaps = list(result.model.gaps)
    if gaps:
        listed = "; ".join(f"{g.part_name} ({g.field} {g.code}, {g.mass_kg:.4g} kg)"
                           for g in gaps)
        exempted = say(language, lambda: _(
            "Left out for lack of inventory data: {gaps}. Emissions estimated as the mass "
            "left out times the average cradle-to-gate GWP100 per kg of the modelled "
            "materials: {estimate} kg CO2-eq per product.").format(
            gaps=listed, estimate=f"{estimate:.6g}"))
    else:
        exempted = ""
    created = data.created
    year = created.year
    dqi = data_quality(data, result)
    pcf: dict[str, Any] = {
        "declaredUnit": "kilogram",
        "unitaryProductAmount": decimal(mass) if mass > 0 else "0",
        "productMassPerDeclaredUnit": "1",
        "pCfExcludingBiogenic": _per(total, per),
        "pCfIncludingBiogenic": _per(total + _biogenic_co2(result), per),
        "fossilGhgEmissions": _per(fossil, per),
        "fossilCarbonContent": _per(fossil_c, per),
        "biogenicCarbonContent": _per(biogenic_c, per),
        "dLucGhgEmissions": _per(land_use, per),
        "landManagementGhgEmissions": "0",
        "otherBiogenicGhgEmissions": _per(biogenic, per),
        "biogenicCarbonWithdrawal": _per(-CO2_PER_C * biogenic_c, per),
        "aircraftGhgEmissions": _per(aircraft, per),
        "characterizationFactors": "AR6",
        "ipccCharacterizationFactorsSources": ["AR6"],
        "crossSectoralStandardsUsed": ["ISO Standard 14067", "ISO Standard 14044"],
        "crossSectoralStandards": ["ISO14067", "ISO14040-44"],
        "productOrSectorSpecificRules": _rules(data),
        "biogenicAccountingMethodology": "ISO",
        "boundaryProcessesDescription": say(language, lambda: _(
            "Raw materials: production of each part's material (primary and recycled share) "
            "with its scrap and inbound transport. Manufacturing: the parts' processes and the "
            "factory electricity on the production grid ({grid}). Distribution, use and end of "
            "life are outside this cradle-to-gate footprint.").format(
            grid=product.scenario.production.grid)),
        "referencePeriodStart": f"{year:04d}-01-01T00:00:00Z",
        "referencePeriodEnd": f"{year + 1:04d}-01-01T00:00:00Z",
        **_geography(product.manufacturer_region),
        "secondaryEmissionFactorSources": emission_factor_sources(data),
        "exemptedEmissionsPercent": round(share, 6),
        "exemptedEmissionsDescription": exempted,
        "packagingEmissionsIncluded": has_packaging,
        "allocationRulesDescription": say(language, lambda: _(
            "Cut-off (recycled content) approach: secondary material carries only its "
            "recycling; multi-output processes of the inventory are allocated by mass.")),
        "primaryDataShare": round(100.0 * primary, 6),
        "dqi": dqi,
    }
    if has_packaging:
        pcf["packagingGhgEmissions"] = _per(pack_gwp, per)
    if item.monte_carlo is not None and item.carbon.p2_5_kg is not None:
        pcf["uncertaintyAssessmentDescription"] = say(language, lambda: _(
            "Monte Carlo, {iterations} iterations (seed {seed}), of the cradle-to-grave "
            "GWP100 per product: 95 % interval {low} to {high} kg CO2-eq around {total}.").format(
            iterations=data.options.iterations, seed=data.options.seed,
            low=f"{item.carbon.p2_5_kg:.6g}", high=f"{item.carbon.p97_5_kg:.6g}",
            total=f"{item.carbon.total_kg:.6g}"))
    name = say(language, lambda: product.display_name)
    code = product.model_number or product.name
    product_id = "urn:pathfinder:product:customcode:vendor-assigned:" + _urn_part(code)
    if not product.model_number and design != data.options.designs[0]:
        product_id += ":" + _urn_part(design)
    return {
        "id": footprint_uuid(data.report_id, design),
        "specVersion": SPEC_VERSION,
        "version": 1,
        "created": _utc(created),
        "status": "Active",
        "companyName": company,
        "companyIds": company_ids,
        "productDescription": product.description or product.functional_unit,
        "productIds": [product_id],
        "productCategoryCpc": NOT_CLASSIFIED,
        "productNameCompany": name or product.name,
        "comment": " ".join(notes),
        "pcf": pcf,
    }


def _per(value: float, per: float) -> str:
    scaled = value * per
    return decimal(scaled) if math.isfinite(scaled) else "0"
