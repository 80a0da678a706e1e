"""Recyclability, recycled content, circularity and material checks.

Per-part end-of-life fates
--------------------------
Each part in scope gets the shares of its material's end-of-life family in the
product's end-of-life region (``eol_scenarios()[(region, family)]``, falling
back to ``GLO``): reuse ``u`` (only from a part's ``eol_override``), recycling
``r``, energy recovery ``e``, landfill, and the recycling yield ``y`` of the
family's recycling route (1 when the table gives none, with a note). A part's
``eol_override`` replaces the shares; the family's yield still applies.

Formulas
--------
* Recyclability and recoverability rates (IEC TR 62635:2012):
  ``RCR = sum_i m_i (u_i + r_i y_i) / M x 100`` and
  ``RVR = sum_i m_i (u_i + r_i y_i + e_i) / M x 100`` with ``m_i`` the mass of
  part ``i`` per product and ``M`` the product mass.
* The same in the terms of ISO 22628:2002 (road vehicles):
  ``Rcyc = (m_P + m_D + m_M + m_Tr) / m_V x 100`` and
  ``Rcov = (m_P + m_D + m_M + m_Tr + m_Te) / m_V x 100``; here
  ``m_P + m_D`` (pre-treatment and dismantling for reuse) is the reused mass,
  ``m_M`` the recycled mass of metals, ``m_Tr`` the recycled mass of
  non-metals and ``m_Te`` the mass sent to energy recovery. With per-material
  rates both give the same numbers; the split is reported.
* Recycled content, % (ISO 14021 sense: share by mass of recycled material in
  the product): ``sum_i m_i rc_i / M x 100``.
* Material Circularity Indicator (Ellen MacArthur Foundation and Granta
  Design, *Circularity Indicators: Methodology*, 2015), summed over parts
  (``M_i`` part mass per product, ``F_R`` recycled content, ``F_U`` reused
  feedstock = 0 (not in the model), ``C_R = r``, ``C_U = u``, ``E_C = y``,
  ``E_F`` the yield of the recycling that made the recycled feedstock,
  taken equal to ``E_C`` unless given):
  ``V = sum M_i (1 - F_R - F_U)``; ``W0 = sum M_i (1 - C_R - C_U)``;
  ``W_C = sum M_i (1 - E_C) C_R``; ``W_F = sum M_i (1 - E_F) F_R / E_F``;
  ``W = W0 + (W_F + W_C) / 2``;
  ``LFI = (V + W) / (2M + (W_F - W_C) / 2)``;
  ``X = (L / L_av) (U / U_av)``; ``F(X) = 0.9 / X``;
  ``MCI = max(0, 1 - LFI F(X))``. A fully linear product (no recycled or
  reused input, nothing collected) at average utility scores 0.1.
  Energy recovery counts as waste (it is in ``W0``), as in the 2015 method.
* Restricted substances: each declared substance of a part (its mass
  fraction in the part's homogeneous material) is matched by CAS number or
  name against ``lca_data/scoring/restricted_substances.csv`` (GB/T 26572:
  Pb, Hg, Cr(VI), PBB, PBDE <= 0.1 %, Cd <= 0.01 %; the four EU RoHS
  phthalates); a fraction above the limit is a finding. Exemptions are not
  applied.
* ISO 11469 marking: every plastic part without a marking, or with a marking
  that differs from its material's, is listed.
* Combinations that hinder recycling: parts joined permanently (adhesive,
  weld, solder, rivet, sewn) to an assembly made mostly of another material
  family (its other parts, fasteners aside; electronics and batteries count
  as one family, as they go to WEEE pre-treatment together); adhesives and
  tapes as parts; coated or plated plastics; composite
  materials.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from greendesign.i18n import N_, _, pick, translate
from greendesign.inventory.catalogue import Catalogue
from greendesign.inventory.families import family_name
from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.model.part import Assembly, Part, iter_parts
from greendesign.model.product import Product
from greendesign.model.vocab import JointType, joint_name
from greendesign.scoring.bom import (
    DEFAULT_EXCLUDE,
    METAL_FAMILIES,
    NodeInfo,
    family_lookup,
    is_plastic_family,
    iter_scope,
    parts_in_scope,
)
from greendesign.scoring.data import (
    JointData,
    RestrictedSubstance,
    attr,
    default_eol_scenarios,
    eol_entry,
    joint_table,
    restricted_substances,
)
from greendesign.scoring.disassembly import is_fastener_part

# --- end-of-life fates ------------------------------------------------------------------------


@dataclass
class PartFate:
    """End-of-life shares of one part (per product) and where they come from."""

    part_id: str
    name: str
    material: str
    family: str | None
    mass_kg: float
    reuse: float
    recycling: float
    energy_recovery: float
    landfill: float
    recycling_yield: float
    basis: str
    recycled_content: float = 0.0

    @property
    def recycled_kg(self) -> float:
        """Mass recycled (after the yield of the recycling route)."""
        return self.mass_kg * self.recycling * self.recycling_yield

    @property
    def recyclable_kg(self) -> float:
        return self.mass_kg * self.reuse + self.recycled_kg

    @property
    def recoverable_kg(self) -> float:
        return self.recyclable_kg + self.mass_kg * self.energy_recovery


def part_fates(product: Product, eol: Mapping[tuple[str, str], Any] | None = None, *,
               catalogue: Catalogue | None = None,
               exclude_modules: Iterable[str] = DEFAULT_EXCLUDE
               ) -> tuple[list[PartFate], list[str]]:
    """End-of-life shares of every part in scope, and notes on what was missing."""
    notes: list[str] = []
    if eol is None:
        eol, note = default_eol_scenarios()
        if note:
            notes.append(note)
    catalogue = catalogue or load_catalogue()
    family_of = family_lookup(catalogue)
    region = product.scenario.end_of_life.region
    fates: list[PartFate] = []
    no_data: list[str] = []
    no_yield: list[str] = []
    for info in parts_in_scope(product, exclude_modules):
        part: Part = info.node  # type: ignore[assignment]
        family = family_of(part.material)
        entry, used = eol_entry(eol, region, family)
        raw_yield = attr(entry, "recycling_yield")
        if raw_yield is None:
            recycling_yield = 1.0
            if entry is not None and family not in no_yield:
                no_yield.append(str(family))
        else:
            recycling_yield = float(raw_yield)
        mass = part.mass_kg * info.count
        if part.eol_override is not None:
            mix = part.eol_override
            shares = (mix.reuse, mix.recycling, mix.energy_recovery, mix.landfill)
            basis = _("part override")
        elif entry is not None:
            shares = (float(attr(entry, "reuse", 0.0) or 0.0),
                      float(attr(entry, "recycling", 0.0) or 0.0),
                      float(attr(entry, "energy_recovery", 0.0) or 0.0),
                      float(attr(entry, "landfill", 0.0) or 0.0))
            basis = _("scenario {region}/{family}").format(region=used, family=family)
        else:
            shares = (0.0, 0.0, 0.0, 1.0)
            basis = _("no data: counted as landfill")
            no_data.append(f"{part.id} ({family or part.material})")
        fates.append(PartFate(part.id, part.display_name, part.material, family, mass, *shares,
                              recycling_yield, basis, part.recycled_content))
    if no_data:
        notes.append(_("no end-of-life shares for region {region!r} or GLO: {parts} counted "
                       "as landfill").format(region=region, parts=", ".join(no_data)))
    if no_yield:
        notes.append(_("no recycling yield for {families}: yield taken as 1").format(
            families=", ".join(no_yield)))
    return fates, notes


# --- recyclability ----------------------------------------------------------------------------


@dataclass
class Recyclability:
    """Recyclability (RCR, Rcyc) and recoverability (RVR, Rcov) rates, %."""

    mass_kg: float
    recyclable_kg: float
    recoverable_kg: float
    recyclability_rate: float | None
    recoverability_rate: float | None
    reused_kg: float
    metals_recycled_kg: float
    non_metals_recycled_kg: float
    energy_recovery_kg: float
    fates: list[PartFate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def recyclability(product: Product, eol: Mapping[tuple[str, str], Any] | None = None, *,
                  catalogue: Catalogue | None = None,
                  exclude_modules: Iterable[str] = DEFAULT_EXCLUDE,
                  fates: tuple[list[PartFate], list[str]] | None = None) -> Recyclability:
    """IEC TR 62635 RCR/RVR (= ISO 22628 Rcyc/Rcov here), see the module docstring."""
    parts, notes = fates or part_fates(product, eol, catalogue=catalogue,
                                       exclude_modules=exclude_modules)
    mass = sum(f.mass_kg for f in parts)
    recyclable = sum(f.recyclable_kg for f in parts)
    recoverable = sum(f.recoverable_kg for f in parts)
    reused = sum(f.mass_kg * f.reuse for f in parts)
    metals = sum(f.recycled_kg for f in parts if f.family in METAL_FAMILIES)
    others = sum(f.recycled_kg for f in parts if f.family not in METAL_FAMILIES)
    energy = sum(f.mass_kg * f.energy_recovery for f in parts)
    rcr = recyclable / mass * 100.0 if mass > 0 else None
    rvr = recoverable / mass * 100.0 if mass > 0 else None
    return Recyclability(mass, recyclable, recoverable, rcr, rvr, reused, metals, others, energy,
                         parts, list(notes))


def recycled_content(product: Product, exclude_modules: Iterable[str] = DEFAULT_EXCLUDE
                     ) -> float | None:
    """Recycled content by mass of the product, % (module docstring)."""
    return recycled_content_of(parts_in_scope(product, exclude_modules))


def recycled_content_of(parts: Sequence[NodeInfo]) -> float | None:
    """Recycled content by mass of the given parts in scope, %."""
    mass = sum(i.node.mass_kg * i.count for i in parts)
    if mass <= 0:
        return None
    return sum(i.node.mass_kg * i.count * i.node.recycled_content  # type: ignore[union-attr]
               for i in parts) / mass * 100.0


# --- material circularity indicator -----------------------------------------------------------


@dataclass
class Circularity:
    """The terms of the Material Circularity Indicator (kg, except the ratios)."""

    mass_kg: float
    virgin_kg: float
    waste_unrecovered_kg: float
    waste_collection_kg: float
    waste_feedstock_kg: float
    waste_kg: float
    lfi: float
    utility: float
    fx: float
    mci: float
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MaterialFlow:
    """One material stream of the MCI: mass and the fractions of the methodology."""

    mass_kg: float
    recycled_feedstock: float = 0.0
    reused_feedstock: float = 0.0
    collected_recycling: float = 0.0
    collected_reuse: float = 0.0
    yield_collection: float = 1.0
    yield_feedstock: float = 1.0


def mci_from_flows(flows: Sequence[MaterialFlow], utility: float = 1.0) -> Circularity:
    """MCI of a product made of the given material streams (module docstring).

    ``utility`` is ``X = (L / L_av) (U / U_av)``.
    """
    if utility <= 0:
        raise ValueError(_("the utility X must be positive, got {value}").format(value=utility))
    mass = v = w0 = wc = wf = 0.0
    for f in flows:
        if f.recycled_feedstock > 0 and f.yield_feedstock <= 0:
            raise ValueError(_("the feedstock recycling yield E_F must be positive when there "
                               "is recycled feedstock"))
        mass += f.mass_kg
        v += f.mass_kg * (1.0 - f.recycled_feedstock - f.reused_feedstock)
        w0 += f.mass_kg * (1.0 - f.collected_recycling - f.collected_reuse)
        wc += f.mass_kg * (1.0 - f.yield_collection) * f.collected_recycling
        if f.recycled_feedstock > 0:
            wf += f.mass_kg * (1.0 - f.yield_feedstock) * f.recycled_feedstock / f.yield_feedstock
    if mass <= 0:
        raise ValueError(_("the MCI needs a product with mass"))
    waste = w0 + (wf + wc) / 2.0
    lfi = (v + waste) / (2.0 * mass + (wf - wc) / 2.0)
    fx = 0.9 / utility
    mci = max(0.0, 1.0 - lfi * fx)
    return Circularity(mass, v, w0, wc, wf, waste, lfi, utility, fx, mci)


def utility_factor(service_life_years: float, reference_life_years: float | None,
                   intensity_ratio: float = 1.0) -> tuple[float, str]:
    """``X = (L / L_av) (U / U_av)``; ``(X, note)`` with a note when L_av is unknown."""
    if intensity_ratio <= 0:
        raise ValueError(_("the intensity of use ratio U/U_av must be positive"))
    if reference_life_years is None or reference_life_years <= 0:
        return intensity_ratio, _("no industry-average service life given: L/L_av taken as 1")
    return service_life_years / reference_life_years * intensity_ratio, ""


def material_circularity(product: Product, eol: Mapping[tuple[str, str], Any] | None = None,
                         *, reference_life_years: float | None = None,
                         intensity_ratio: float = 1.0,
                         feedstock_yield: Mapping[str, float] | None = None,
                         catalogue: Catalogue | None = None,
                         exclude_modules: Iterable[str] = DEFAULT_EXCLUDE,
                         fates: tuple[list[PartFate], list[str]] | None = None
                         ) -> Circularity | None:
    """The MCI of a product from its parts' recycled content and end-of-life fates.

    ``reference_life_years`` is the industry-average service life ``L_av``;
    ``intensity_ratio`` is ``U / U_av``; ``feedstock_yield`` maps an end-of-life
    family to ``E_F`` (default: the family's recycling yield ``E_C``).
    ``None`` for a product without mass.
    """
    parts, notes = fates or part_fates(product, eol, catalogue=catalogue,
                                       exclude_modules=exclude_modules)
    if not parts or sum(p.mass_kg for p in parts) <= 0:
        return None
    notes = list(notes)
    flows = []
    for fate in parts:
        e_f = (feedstock_yield or {}).get(fate.family or "", fate.recycling_yield)
        if e_f <= 0:
            e_f = 1.0
        flows.append(MaterialFlow(fate.mass_kg, fate.recycled_content, 0.0, fate.recycling,
                                  fate.reuse, fate.recycling_yield, e_f))
    x, note = utility_factor(product.service_life_years, reference_life_years, intensity_ratio)
    if note:
        notes.append(note)
    if feedstock_yield is None and any(f.recycled_feedstock > 0 for f in flows):
        notes.append(_("feedstock recycling yield E_F taken equal to the end-of-life yield "
                       "E_C"))
    result = mci_from_flows(flows, x)
    result.notes = notes
    return result


# --- findings ---------------------------------------------------------------------------------


@dataclass
class Finding:
    """A material or design finding: restricted substance, marking, combination.

    ``severity`` is ``fail`` (a legal limit is exceeded), ``warning`` (a design
    issue to fix) or ``info``.
    """

    kind: str
    severity: str
    part_id: str
    part_name: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "severity": self.severity, "part_id": self.part_id,
                "part_name": self.part_name, "message": self.message, **self.details}


def restricted_substance_findings(product: Product,
                                  substances: Sequence[RestrictedSubstance] | None = None, *,
                                  regimes: Iterable[str] | None = None,
                                  exclude_modules: Iterable[str] = DEFAULT_EXCLUDE
                                  ) -> list[Finding]:
    """Declared substances above their limit in a part's homogeneous material."""
    substances = list(substances if substances is not None else restricted_substances())
    if regimes is not None:
        wanted = set(regimes)
        substances = [s for s in substances if s.regime in wanted]
    out: list[Finding] = []
    for info in parts_in_scope(product, exclude_modules):
        out.extend(part_substance_findings(info.node, substances))  # type: ignore[arg-type]
    return out


def part_substance_findings(part: Part, substances: Sequence[RestrictedSubstance]
                            ) -> list[Finding]:
    """The declared substances of one part above their limit (``substances``: the rules)."""
    out: list[Finding] = []
    for declared in part.substances:
        for rule in substances:
            if not rule.matches(declared.name, declared.cas):
                continue
            if declared.mass_fraction > rule.limit + 1e-12:
                out.append(Finding(
                    "restricted_substance", "fail", part.id, part.display_name,
                    _("{declared} at {fraction} % of the homogeneous material exceeds the "
                      "{regime} limit of {limit} % for {substance}").format(
                        declared=declared.name, fraction=f"{declared.mass_fraction * 100:g}",
                        regime=rule.regime, limit=f"{rule.limit * 100:g}",
                        substance=pick(rule.name, rule.name_zh)),
                    {"substance": rule.name, "declared_as": declared.name,
                     "cas": declared.cas or rule.cas, "mass_fraction": declared.mass_fraction,
                     "limit": rule.limit, "regime": rule.regime,
                     "material": part.material,
                     "note": _("exemptions (e.g. EU RoHS Annex III) are not applied")}))
    return out


def _normal_marking(text: str) -> str:
    return text.replace(" ", "").upper()


def marking_findings(product: Product, *, catalogue: Catalogue | None = None,
                     exclude_modules: Iterable[str] = DEFAULT_EXCLUDE) -> list[Finding]:
    """Plastic parts without an ISO 11469 marking, or with one unlike their material's."""
    catalogue = catalogue or load_catalogue()
    family_of = family_lookup(catalogue)
    out: list[Finding] = []
    for info in parts_in_scope(product, exclude_modules):
        part: Part = info.node  # type: ignore[assignment]
        family = family_of(part.material)
        if not is_plastic_family(family):
            continue
        expected = catalogue.get(part.material, "material").iso11469
        mass_g = part.mass_kg * 1000.0
        if not part.plastic_marking:
            out.append(Finding("plastic_marking", "warning", part.id, part.display_name,
                               _("plastic part ({material}, {mass} g) has no ISO 11469 marking; "
                                 "mark it {expected}").format(
                                   material=catalogue.name_of(part.material, "material"),
                                                               mass=f"{mass_g:g}",
                                                               expected=expected),
                               {"material": part.material, "expected": expected,
                                "mass_kg": part.mass_kg * info.count}))
        elif expected and _normal_marking(part.plastic_marking) != _normal_marking(expected):
            out.append(Finding("plastic_marking", "warning", part.id, part.display_name,
                               _("marking {marking} differs from the material's "
                                 "{expected}").format(marking=part.plastic_marking,
                                                      expected=expected),
                               {"material": part.material, "expected": expected,
                                "marking": part.plastic_marking,
                                "mass_kg": part.mass_kg * info.count}))
    return out


def unmarked_plastic_share(product: Product, *, catalogue: Catalogue | None = None,
                           exclude_modules: Iterable[str] = DEFAULT_EXCLUDE) -> float | None:
    """Mass share of plastic parts without an ISO 11469 marking, % (None without plastics)."""
    catalogue = catalogue or load_catalogue()
    return unmarked_plastic_share_of(parts_in_scope(product, exclude_modules),
                                     family_lookup(catalogue))


def unmarked_plastic_share_of(parts: Iterable[NodeInfo],
                              family: Callable[[str], str | None]) -> float | None:
    """:func:`unmarked_plastic_share` of the given parts in scope (``family``: material code
    -> end-of-life family)."""
    plastic = unmarked = 0.0
    for info in parts:
        part: Part = info.node  # type: ignore[assignment]
        if is_plastic_family(family(part.material)):
            mass = part.mass_kg * info.count
            plastic += mass
            if not part.plastic_marking:
                unmarked += mass
    return unmarked / plastic * 100.0 if plastic > 0 else None


#: Process codes that put a coating on a part.
COATING_PROCESSES = frozenset({"powder_coating", "wet_painting", "electroplating_chrome",
                               "electroplating_nickel", "wood_finishing"})
#: Materials that are composites of several materials, with what they combine.
COMPOSITE_MATERIALS = {
    "pp_gf30": N_("glass-fibre reinforced polypropylene"),
    "pa66_gf30": N_("glass-fibre reinforced polyamide"),
    "pu_leather": N_("polyurethane coating on a textile backing"),
    "plywood": N_("veneers bonded with resin"),
    "mdf": N_("wood fibres bonded with resin"),
    "particle_board": N_("wood particles bonded with resin"),
}
#: Families that go together to WEEE pre-treatment (boards, cells, cables): joints among
#: them are not flagged.
_WEEE_FAMILIES = frozenset({"electronics", "battery"})
_PERMANENT = {JointType.ADHESIVE, JointType.WELD, JointType.SOLDER, JointType.RIVET,
              JointType.SEWN}


def _host_family(parent: Assembly, exclude: Part,
                 family_of: Callable[[str], str | None]) -> str | None:
    """Mass-dominant material family of an assembly's other parts (fasteners aside);
    ``family_of``: material code -> end-of-life family."""
    masses: dict[str, float] = {}
    for node, count in iter_parts(parent.children):
        if node is not exclude and not is_fastener_part(node):
            family = family_of(node.material)
            if family:
                masses[family] = masses.get(family, 0.0) + node.mass_kg * count
    if not masses:
        return None
    return max(masses.items(), key=lambda kv: (kv[1], kv[0]))[0]


def combination_findings(product: Product, *, catalogue: Catalogue | None = None,
                         joints: Mapping[JointType, JointData] | None = None,
                         exclude_modules: Iterable[str] = DEFAULT_EXCLUDE) -> list[Finding]:
    """Material combinations that hinder recycling (module docstring)."""
    catalogue = catalogue or load_catalogue()
    joints = joints or joint_table()
    family_of = family_lookup(catalogue)
    out: list[Finding] = []
    for info in iter_scope(product, exclude_modules):
        node = info.node
        if not isinstance(node, Part):
            continue
        family = family_of(node.material)
        out.extend(joint_finding(info, node, family, catalogue, family_of=family_of))
        if family == "other":
            out.append(Finding("combination", "info", node.id, node.display_name,
                               _("{material} is an adhesive or tape left on the parts it joins; "
                                 "no recycling stream takes it and it contaminates "
                                 "others").format(material=catalogue.name_of(node.material,
                                                                         "material")),
                               {"material": node.material}))
        coatings = sorted({p.dataset for p in node.processes} & COATING_PROCESSES)
        if coatings:
            plastic = is_plastic_family(family)
            text = (_("{processes} on a {family} part: coated or plated plastic is hard to "
                      "recycle") if plastic else
                    _("{processes} on a {family} part: the coating enters the recycling stream "
                      "with the part"))
            out.append(Finding(
                "combination", "warning" if plastic else "info", node.id, node.display_name,
                text.format(processes=", ".join(catalogue.name_of(code, "process")
                                                for code in coatings),
                            family=family_name(family) if family else node.material),
                {"material": node.material, "processes": coatings}))
        if node.material in COMPOSITE_MATERIALS:
            out.append(Finding("combination", "info", node.id, node.display_name,
                               _("{material} is a composite ({what}); its constituents cannot "
                                 "be separated for recycling").format(
                                   material=catalogue.name_of(node.material, "material"),
                                   what=translate(COMPOSITE_MATERIALS[node.material])),
                               {"material": node.material}))
    return out


def joint_finding(info: NodeInfo, part: Part, family: str | None, catalogue: Catalogue, *,
                  family_of: Callable[[str], str | None] | None = None) -> list[Finding]:
    """The finding of a part (``family`` its material's) joined permanently to an assembly
    made mostly of another material family, if any (module docstring); ``family_of`` looks
    families up (default: in ``catalogue``)."""
    parent = info.parent
    if parent is None or part.joint not in _PERMANENT or family in (None, "other") or \
            is_fastener_part(part):
        return []
    host = _host_family(parent, part, family_of or family_lookup(catalogue))
    if host is None or host == family or {host, family} <= _WEEE_FAMILIES:
        return []
    return [Finding("combination", "warning", part.id, part.display_name,
                    _("{part} ({family}) is joined by {joint} to {parent}, made mostly of "
                      "{host}: dissimilar materials joined permanently hinder separation for "
                      "recycling").format(part=part.display_name, family=family_name(family),
                                          joint=joint_name(part.joint), parent=parent.display_name,
                                          host=family_name(host)),
                    {"material": part.material, "family": family, "host_family": host,
                     "joint": part.joint.value, "parent": parent.id})]
