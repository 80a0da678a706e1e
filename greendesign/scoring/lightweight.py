"""Lightweighting: mass, mass reduction, material efficiency, Ashby advisor, break-even.

Formulas
--------
* Product mass ``M = sum_i n_i m_i`` over the leaf parts in scope (``n_i``
  units per product, ``m_i`` kg per unit).
* Mass reduction against a reference design, % :
  ``(M_ref - M) / M_ref x 100`` (positive when the design is lighter).
* Material efficiency, % : ``M / sum_i n_i m_i (1 + s_i) x 100`` with scrap
  rate ``s_i`` (material input per unit = mass x (1 + scrap rate), as in the
  product model).
* Ashby minimum-mass material indices (Ashby, *Materials Selection in
  Mechanical Design*; REFERENCES.md "Scores"), to be maximised:

  ============  ==================  =====================
  load case     stiffness-limited   strength-limited
  ============  ==================  =====================
  tie           E / rho             sigma_y / rho
  beam          E^(1/2) / rho       sigma_y^(2/3) / rho
  panel         E^(1/3) / rho       sigma_y^(1/2) / rho
  ============  ==================  =====================

  For the same load, stiffness or strength and the same fixed dimensions
  (length; width for a panel), the mass of the component scales as
  ``1 / index``: ``m_new = m_old x M_old / M_new``.
* Use-phase break-even for moving products: a mass change ``dm`` (kg,
  negative when lighter) changes use-phase energy by ``dm x f x d`` over a
  distance ``d`` (``f`` the mass-induced energy factor, energy per kg per km,
  set by the user) and GWP by ``dm x f x d x g`` (``g`` kg CO2-eq per unit of
  energy). The extra production burden ``dG`` (kg CO2-eq) is paid back after
  ``d* = dG / (-dm x f x g)`` km.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from greendesign.i18n import N_, _, translate
from greendesign.model.part import Assembly, Part
from greendesign.model.product import Product
from greendesign.scoring.bom import DEFAULT_EXCLUDE, NO_MODULE, PACKAGING, NodeInfo, iter_scope
from greendesign.scoring.data import attr, default_material_properties

# --- mass -------------------------------------------------------------------------------------


@dataclass
class MassSummary:
    """Mass of a product (kg per product) and its material efficiency.

    ``by_assembly`` holds, for every assembly in scope, its mass times its
    units per product; ``by_module`` the mass of the parts of each module.
    """

    total_kg: float
    material_input_kg: float
    material_efficiency: float | None
    packaging_kg: float
    by_assembly: dict[str, float] = field(default_factory=dict)
    by_module: dict[str, float] = field(default_factory=dict)


def mass_summary(product: Product, exclude_modules: Iterable[str] = DEFAULT_EXCLUDE
                 ) -> MassSummary:
    """Total, per-assembly and per-module mass, material input and efficiency (%).

    Material efficiency = product mass / material input incl. scrap x 100.
    """
    total = 0.0
    material_input = 0.0
    by_assembly: dict[str, float] = {}
    by_module: dict[str, float] = {}
    for info in iter_scope(product, exclude_modules):
        node = info.node
        if isinstance(node, Assembly):
            by_assembly[node.id] = node.mass_kg * info.count
        elif isinstance(node, Part):
            mass = node.mass_kg * info.count
            total += mass
            material_input += node.material_input_kg * info.count
            by_module[info.module] = by_module.get(info.module, 0.0) + mass
    packaging = sum(info.node.mass_kg * info.count for info in iter_scope(product, ())
                    if info.is_part and info.module.casefold() == PACKAGING)
    efficiency = total / material_input * 100.0 if material_input > 0 else None
    return MassSummary(total, material_input, efficiency, packaging, by_assembly,
                       dict(sorted(by_module.items(), key=lambda kv: (kv[0] == NO_MODULE,
                                                                       kv[0]))))


def mass_reduction(product: Product, reference: Product,
                   exclude_modules: Iterable[str] = DEFAULT_EXCLUDE) -> float | None:
    """Mass reduction against a reference design, % (positive when lighter)."""
    ref = mass_summary(reference, exclude_modules).total_kg
    if ref <= 0:
        return None
    return (ref - mass_summary(product, exclude_modules).total_kg) / ref * 100.0


# --- Ashby advisor ----------------------------------------------------------------------------

LOAD_CASES = ("tie", "beam", "panel")
LIMITS = ("stiffness", "strength")
#: Load cases and limits as messages name them (the code itself in English).
CASE_NAMES = {"tie": N_("tie"), "beam": N_("beam"), "panel": N_("panel"),
              "stiffness": N_("stiffness"), "strength": N_("strength")}


def case_name(word: str) -> str:
    """A load case or limit (``beam``, ``stiffness``) in the current language."""
    return translate(CASE_NAMES[word]) if word in CASE_NAMES else word

#: (load case, limit) -> (property attribute, exponent, formula text)
INDEX_FORMS: dict[tuple[str, str], tuple[str, float, str]] = {
    ("tie", "stiffness"): ("youngs_modulus_gpa", 1.0, "E/rho"),
    ("beam", "stiffness"): ("youngs_modulus_gpa", 1.0 / 2.0, "E^(1/2)/rho"),
    ("panel", "stiffness"): ("youngs_modulus_gpa", 1.0 / 3.0, "E^(1/3)/rho"),
    ("tie", "strength"): ("yield_strength_mpa", 1.0, "sigma_y/rho"),
    ("beam", "strength"): ("yield_strength_mpa", 2.0 / 3.0, "sigma_y^(2/3)/rho"),
    ("panel", "strength"): ("yield_strength_mpa", 1.0 / 2.0, "sigma_y^(1/2)/rho"),
}


def _check_case(case: str, limit: str) -> tuple[str, float, str]:
    try:
        return INDEX_FORMS[(case, limit)]
    except KeyError:
        raise ValueError(_("unknown load case {case!r}/{limit!r}; use one of {cases} with "
                           "{limits}").format(case=case, limit=limit, cases=", ".join(LOAD_CASES),
                                              limits=" or ".join(LIMITS))) from None


def material_index(properties: Any, case: str, limit: str) -> float | None:
    """Ashby minimum-mass index of one material (E in GPa, sigma_y in MPa, rho in kg/m3).

    ``None`` when the density or the needed property is missing or not positive.
    """
    prop, exponent, _formula = _check_case(case, limit)
    rho = attr(properties, "density_kg_m3")
    value = attr(properties, prop)
    if rho is None or value is None or rho <= 0 or value <= 0:
        return None
    return float(value) ** exponent / float(rho)


@dataclass
class AshbyCandidate:
    """A candidate material for one part, with the resulting mass and GWP change.

    Masses are per product (part mass x units per product); ``gwp_change_kg``
    is the change of cradle-to-gate material GWP incl. scrap (kg CO2-eq per
    product), ``None`` when a GWP factor is unknown or none was given.
    """

    material: str
    index: float
    mass_ratio: float
    mass_kg: float
    mass_change_kg: float
    gwp_change_kg: float | None
    source: str = ""


@dataclass
class AshbyResult:
    part_id: str
    material: str
    case: str
    limit: str
    formula: str
    reference_index: float | None
    mass_kg: float
    candidates: list[AshbyCandidate]
    note: str = ""


def ashby_advisor(part: Part, case: str, limit: str, *, count: float = 1.0,
                  properties: Mapping[str, Any] | None = None,
                  gwp_per_kg: Callable[[str], float | None] | None = None,
                  candidates: Iterable[str] | None = None, top: int | None = None
                  ) -> AshbyResult:
    """Rank candidate materials for a part by the minimum-mass index of its load case.

    Parameters
    ----------
    part, count
        The part and its units per product.
    case, limit
        ``tie``, ``beam`` or ``panel``; ``stiffness`` or ``strength``.
    properties
        Material code -> properties with ``density_kg_m3``,
        ``youngs_modulus_gpa``, ``yield_strength_mpa`` (default: the inventory
        reference data).
    gwp_per_kg
        Material code -> kg CO2-eq per kg cradle-to-gate; without it the GWP
        change is ``None``.
    candidates
        Material codes to consider (default: every material with the needed
        properties).

    The part's mass scales as ``m_new = m x M_ref / M_new``, the index ratio
    (fixed geometry constraints, same performance). Candidates are sorted by
    index, best (lightest) first.
    """
    _prop, _exp, formula = _check_case(case, limit)
    note = ""
    if properties is None:
        properties, note = default_material_properties()
    ref_props = properties.get(part.material)
    ref_index = material_index(ref_props, case, limit) if ref_props is not None else None
    mass = part.mass_kg * count
    if ref_index is None:
        note = (note + "; " if note else "") + _(
            "no {formula} index for the part's own material {material!r}: its density or "
            "property is missing, so no mass change can be computed").format(
            formula=formula, material=part.material)
        return AshbyResult(part.id, part.material, case, limit, formula, None, mass, [], note)
    codes = list(candidates) if candidates is not None else list(properties)
    gwp_old = gwp_per_kg(part.material) if gwp_per_kg else None
    input_factor = 1.0 + part.scrap_rate
    out: list[AshbyCandidate] = []
    for code in codes:
        props = properties.get(code)
        index = material_index(props, case, limit) if props is not None else None
        if index is None:
            continue
        ratio = ref_index / index
        new_mass = mass * ratio
        gwp_change = None
        if gwp_per_kg is not None:
            gwp_new = gwp_per_kg(code)
            if gwp_new is not None and gwp_old is not None:
                gwp_change = (new_mass * gwp_new - mass * gwp_old) * input_factor
        source = attr(props, "source") or attr(attr(props, "provenance"), "source") or ""
        out.append(AshbyCandidate(code, index, ratio, new_mass, new_mass - mass, gwp_change,
                                  str(source)))
    out.sort(key=lambda c: (-c.index, c.material))
    if gwp_per_kg is None:
        note = (note + "; " if note else "") + _("GWP change not computed: no GWP factors "
                                                 "given")
    return AshbyResult(part.id, part.material, case, limit, formula, ref_index, mass,
                       out[:top] if top else out, note)


# --- use-phase break-even ---------------------------------------------------------------------


@dataclass
class BreakEven:
    """Break-even between extra production burden and use-phase saving.

    ``saving_per_km_kg`` is the GWP saved per km by the mass change (negative
    when the design got heavier); ``break_even_km`` is ``None`` when the
    design never pays back, 0 when it is better from the start.
    """

    mass_change_kg: float
    production_gwp_change_kg: float
    saving_per_km_kg: float
    break_even_km: float | None
    lifetime_km: float | None
    net_gwp_change_over_life_kg: float | None
    pays_back: bool | None


def use_phase_break_even(mass_change_kg: float, production_gwp_change_kg: float,
                         energy_per_kg_km: float, gwp_per_energy: float,
                         lifetime_km: float | None = None) -> BreakEven:
    """Distance after which a mass change pays back its production burden.

    ``energy_per_kg_km`` is the user-set mass-induced energy factor (e.g. kWh
    or MJ per kg per km) and ``gwp_per_energy`` the GWP per unit of that
    energy (kg CO2-eq). Saving per km: ``s = -dm x f x g``; break-even
    distance ``d* = dG / s``; net change over a lifetime distance ``L``:
    ``dG - s x L``.
    """
    if energy_per_kg_km < 0 or gwp_per_energy < 0:
        raise ValueError(_("the energy factor and the GWP per energy must not be negative"))
    saving = -mass_change_kg * energy_per_kg_km * gwp_per_energy
    if production_gwp_change_kg <= 0 and saving >= 0:
        distance: float | None = 0.0
    elif saving <= 0:
        distance = None
    else:
        distance = production_gwp_change_kg / saving
    net = None if lifetime_km is None else production_gwp_change_kg - saving * lifetime_km
    pays = None if lifetime_km is None else (distance is not None and distance <= lifetime_km)
    return BreakEven(mass_change_kg, production_gwp_change_kg, saving, distance, lifetime_km,
                     net, pays)


def material_gwp(product: Product, gwp_per_kg: Callable[[str], float | None],
                 exclude_modules: Iterable[str] = DEFAULT_EXCLUDE,
                 secondary_per_kg: Callable[[str], float | None] | None = None
                 ) -> tuple[float, list[str]]:
    """Cradle-to-gate GWP of the materials of a product, kg CO2-eq.

    ``sum_i n_i m_i (1 + s_i) [(1 - rc_i) G(material_i) + rc_i G2(material_i)]``
    with ``G`` the primary factor (``gwp_per_kg``) and ``G2`` the factor of the
    recycled grade (``secondary_per_kg``; without it, or when it has no value,
    ``G`` is used, i.e. recycled content is not credited). Returns the total and
    the material codes without a factor (left out of the total).
    """
    return material_gwp_of(iter_scope(product, exclude_modules), gwp_per_kg, secondary_per_kg)


def material_gwp_of(nodes: Iterable[NodeInfo], gwp_per_kg: Callable[[str], float | None],
                    secondary_per_kg: Callable[[str], float | None] | None = None
                    ) -> tuple[float, list[str]]:
    """:func:`material_gwp` of the parts among the given nodes in scope."""
    total = 0.0
    missing: list[str] = []
    for info in nodes:
        node = info.node
        if not isinstance(node, Part):
            continue
        factor = gwp_per_kg(node.material)
        if factor is None:
            if node.material not in missing:
                missing.append(node.material)
            continue
        secondary = secondary_per_kg(node.material) if secondary_per_kg else None
        if secondary is None:
            secondary = factor
        rc = node.recycled_content
        total += node.material_input_kg * info.count * ((1 - rc) * factor + rc * secondary)
    return total, missing
