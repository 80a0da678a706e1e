"""Improvement suggestions scored change by change give what scoring every changed design
afresh gives: the same levers, texts, parts and numbers, in the same order.

:func:`reference_suggestions` is the straightforward algorithm (a deep copy of the design
per candidate change, scored again from scratch with :func:`score_product`); the demo
products and a synthetic 200-part product with every kind of candidate (priority parts
behind access covers and permanent joints, fastener-named parts, restricted substances,
wrong and missing markings, packaging, nested assemblies) are compared with it.
"""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from bench.synthetic import synthetic_product
from greendesign.bundled import demo_products
from greendesign.errors import GreenDesignError
from greendesign.i18n import _
from greendesign.inventory.families import FAMILIES
from greendesign.io.project_file import load_project
from greendesign.model import Assembly, Part, Product, Substance
from greendesign.model.product import BASELINE
from greendesign.model.vocab import JointType
from greendesign.scoring import ScoreInputs, joint_table, suggest_improvements
from greendesign.scoring import suggestions as suggestions_module
from greendesign.scoring.index import evaluate_index, profile_for
from greendesign.scoring.metrics import score_product
from greendesign.scoring.suggestions import Suggestion, _candidates, _gwp


def reference_suggestions(product, profile, inputs=None, *, scores=None, recycled_target=0.3,
                          load_cases=None, limit=10):
    """The suggestions of :func:`suggest_improvements`, each change scored on a deep copy."""
    inputs = (inputs or ScoreInputs()).resolved()
    scores = scores or score_product(product, inputs)
    before = evaluate_index(scores.metrics, profile).index
    gwp_before, basis = _gwp(product, inputs)
    out = []
    for lever, text, ids, change, details in _candidates(product, scores, inputs,
                                                         recycled_target, load_cases):
        changed = product.model_copy(deep=True)
        try:
            change(changed)
        except (GreenDesignError, ValueError, KeyError):
            continue
        after_scores = score_product(changed, inputs)
        after = evaluate_index(after_scores.metrics, profile).index
        gwp_change = None
        gwp_basis = basis
        if gwp_before is not None:
            gwp_after, _basis = _gwp(changed, inputs)
            if gwp_after is not None:
                gwp_change = gwp_after - gwp_before
            if lever == "recycled_content" and inputs.gwp_of_product is None and \
                    inputs.gwp_secondary_per_kg is None:
                gwp_change = None
                gwp_basis = _("needs a GWP factor of the recycled grade or the LCA engine")
        out.append(Suggestion(lever, text, ids, before, after, gwp_change, gwp_basis, details))

    def key(s):
        change = s.index_change if s.index_change is not None else 0.0
        gwp = s.gwp_change_kg if s.gwp_change_kg is not None else 0.0
        return (-round(change, 9), gwp, s.description)

    out.sort(key=key)
    return out[:limit] if limit else out


def _shares(recycling, energy, yield_):
    return SimpleNamespace(recycling=recycling, energy_recovery=energy,
                           landfill=1 - recycling - energy, recycling_yield=yield_)


# A test table of its own (round values, not the inventory's): every family.
EOL = {("GLO", family): _shares(0.8 if family in {"ferrous", "stainless", "aluminium", "copper"}
                                else 0.3, 0.0 if family == "glass" else 0.3, 0.9)
       for family in FAMILIES}
GWP = {"steel_sheet_cold_rolled": 2.1, "steel_stainless_304": 5.0, "aluminium_extruded": 9.0,
       "pp": 2.0, "abs": 3.5, "pc_abs": 4.0, "pp_gf30": 2.6, "copper": 4.2, "glass_float": 1.2,
       "pcb_assembly": 60.0, "pa66_gf30": 7.0, "steel_carbon": 2.0, "brass": 3.0}
GWP_SECONDARY = {"steel_sheet_cold_rolled": 0.8, "aluminium_extruded": 1.1, "pp": 0.9,
                 "abs": 1.0, "copper": 1.5}


def _life_cycle_gwp(product: Product) -> float:
    """A stand-in for the LCA engine: any number that follows the design."""
    return sum(part.material_input_kg * count * (2.0 - part.recycled_content)
               for part, count in product.parts())


def _same(fast: list[Suggestion], slow: list[Suggestion]) -> None:
    assert [(s.lever, s.description, s.part_ids, s.gwp_basis, s.details) for s in fast] == \
        [(s.lever, s.description, s.part_ids, s.gwp_basis, s.details) for s in slow]
    for a, b in zip(fast, slow, strict=True):
        for name in ("index_before", "index_after", "gwp_change_kg"):
            x, y = getattr(a, name), getattr(b, name)
            assert (x is None) == (y is None), (a.description, name)
            if x is not None:
                assert x == pytest.approx(y, rel=1e-9, abs=1e-12), (a.description, name)


def _compare(product, inputs, *, load_cases=None, limit=None, profile=None):
    """Both algorithms on one design; returns the suggestions (checked equal)."""
    profile = profile or profile_for(product.category)
    inputs = inputs.resolved()
    scores = score_product(product, inputs)
    fast = suggest_improvements(product, profile, inputs, scores=scores, load_cases=load_cases,
                                limit=limit)
    slow = reference_suggestions(product, profile, inputs, scores=scores,
                                 load_cases=load_cases, limit=limit)
    _same(fast, slow)
    return fast


# --- the demo products ------------------------------------------------------------------------

PROJECTS = {p.stem: load_project(p) for p in demo_products()}
DESIGNS = [(name, design) for name, project in PROJECTS.items()
           for design in project.design_names]
GWP_INPUTS = {
    "no GWP": {},
    "material GWP": {"gwp_per_kg": GWP.get},
    "material GWP with recycled grades": {"gwp_per_kg": GWP.get,
                                          "gwp_secondary_per_kg": GWP_SECONDARY.get},
    "life cycle GWP": {"gwp_of_product": _life_cycle_gwp},
}


@pytest.mark.parametrize("gwp", list(GWP_INPUTS))
@pytest.mark.parametrize(("name", "design"), DESIGNS)
def test_demo_suggestions_match_the_reference(name, design, gwp):
    project = PROJECTS[name]
    reference = project.settings.reference_variant
    inputs = ScoreInputs(eol=EOL, reference=project.design(reference)
                         if reference != design else None, **GWP_INPUTS[gwp])
    found = _compare(project.design(design), inputs)
    assert found, "every demo design has something to improve"


def test_demo_suggestions_cover_every_lever_of_the_demos():
    levers = set()
    for name, design in DESIGNS:
        product = PROJECTS[name].design(design)
        levers |= {s.lever for s in _compare(product, ScoreInputs(eol=EOL, gwp_per_kg=GWP.get))}
    assert {"reversible_joints", "separable_joint", "plastic_marking", "restricted_substance",
            "recycled_content"} <= levers


def test_top_ten_of_the_speaker_match():
    product = PROJECTS["bluetooth_speaker"].product
    assert len(_compare(product, ScoreInputs(eol=EOL, gwp_per_kg=GWP.get), limit=10)) == 10


# --- a synthetic 200-part product with every kind of candidate --------------------------------


def _rich_product() -> Product:
    """``synthetic_product(200)`` with what the suggestions act on (see the module docstring)."""
    product = synthetic_product(200)
    assemblies = product.bom
    parts = [part for assembly in assemblies for part in assembly.children]
    for k, part in enumerate(parts):
        if k % 23 == 5:
            part.priority_part = True
            part.priority_kind = "wear part"
        if k % 17 == 3:  # a fastener by its name once it is screwed (see is_fastener_part)
            part.name = f"Rivet nut {k}"
            part.joint = JointType.WELD
        if k % 31 == 7:
            part.substances = [Substance(name="lead", cas="7439-92-1", mass_fraction=0.02),
                               Substance(name="DEHP", mass_fraction=0.0005)]
        if k % 29 == 11 and part.material in ("pp", "abs", "pc_abs", "pp_gf30"):
            part.plastic_marking = ">PA<"  # differs from the material's
        if k % 13 == 2 and part.material == "pp":
            part.plastic_marking = ">PP<"
        if k % 11 == 4:
            part.joint = JointType.ADHESIVE
    # a sub-assembly glued into an assembly, holding a priority part joined by nothing
    first = assemblies[1]
    inner = Assembly(id="SUB1", name="Glued sub-assembly", joint="adhesive",
                     children=first.children[:6])
    inner.children[2].priority_part = True
    inner.children[2].joint = JointType.NONE
    first.children = [inner, *first.children[6:]]
    # an assembly joined by nothing on the way to a priority part
    assemblies[2].joint = JointType.NONE
    # packaging inside an assembly (out of scope, still part of the host material)
    assemblies[3].children.append(Part(id="PK1", name="Foam screw cap", mass_kg=0.4,
                                       material="pp", module="packaging", joint="adhesive"))
    product.bom.append(Assembly(id="PACK", name="Box", module="packaging", children=[
        Part(id="PK2", name="Tray", mass_kg=0.3, material="pp", joint="adhesive",
             priority_part=True)]))
    # a glued plate named like a fastener: screwed, it weighs in no host material, so the
    # cover's material, not steel, is then the host of the lens
    product.bom.append(Assembly(id="HOST", name="Lamp", children=[
        Part(id="H1", name="Screw boss plate", mass_kg=1.5,
             material="steel_sheet_cold_rolled", joint="adhesive"),
        Part(id="H2", name="Lens", mass_kg=0.2, material="pp", joint="adhesive"),
        Part(id="H3", name="Frame", mass_kg=0.5, material="aluminium_extruded"),
        Part(id="H4", name="Cover", mass_kg=0.6, material="pp", joint="snap-fit"),
        Part(id="H5", name="Glass", mass_kg=0.1, material="glass_float", joint="adhesive")]))
    # a part at the top of the BOM, welded, with a restricted substance
    product.bom.append(Part(id="TOP1", name="Bracket", mass_kg=0.8,
                            material="steel_sheet_cold_rolled", joint="weld",
                            priority_part=True,
                            substances=[Substance(name="cadmium", mass_fraction=0.01)]))
    product.check()
    return Product.model_validate(product.model_dump())


RICH = _rich_product()
ACCESS = {"P00028": ["P00027", "SUB1"], "P00120": ["A0007"]}


def _no_joint_is_permanent():
    table = joint_table()
    return {**table, JointType.NONE: replace(table[JointType.NONE], reversible=False)}


SYNTHETIC_INPUTS = {
    "defaults": {},
    "material GWP with recycled grades": {"gwp_per_kg": GWP.get,
                                          "gwp_secondary_per_kg": GWP_SECONDARY.get},
    "material GWP, access order, repair scores": {
        "gwp_per_kg": GWP.get, "access": ACCESS, "repair_scores": {"spare_parts": 4.0}},
    "a joint table where 'none' is not reversible": {"joints": _no_joint_is_permanent()},
    "life cycle GWP": {"gwp_of_product": _life_cycle_gwp},
    "reference design and service life": {"reference": synthetic_product(200),
                                          "reference_life_years": 8.0,
                                          "gwp_per_kg": GWP.get},
}


@pytest.mark.parametrize("case", list(SYNTHETIC_INPUTS))
def test_synthetic_suggestions_match_the_reference(case):
    found = _compare(RICH, ScoreInputs(eol=EOL, **SYNTHETIC_INPUTS[case]))
    levers = {s.lever for s in found}
    assert {"reversible_joints", "separable_joint", "plastic_marking", "restricted_substance",
            "recycled_content"} <= levers
    assert len(found) > 20


def test_synthetic_top_suggestions_are_the_reference_ranking_cut():
    inputs = ScoreInputs(eol=EOL, gwp_per_kg=GWP.get).resolved()
    scores = score_product(RICH, inputs)
    profile = profile_for(RICH.category)
    ranked = reference_suggestions(RICH, profile, inputs, scores=scores, limit=None)
    for limit in (1, 5, 10):
        _same(suggest_improvements(RICH, profile, inputs, scores=scores, limit=limit),
              ranked[:limit])
    _same(suggest_improvements(RICH, profile, inputs, scores=scores), ranked[:10])


def test_material_substitution_matches_the_reference():
    cases = {"P00010": ("beam", "stiffness"), "P00050": ("panel", "strength"),
             "P00077": ("tie", "strength"), "SUB1": ("beam", "stiffness")}
    found = _compare(RICH, ScoreInputs(eol=EOL, gwp_per_kg=GWP.get), load_cases=cases)
    assert any(s.lever == "material_substitution" for s in found)


@pytest.mark.parametrize("case", [case for case in SYNTHETIC_INPUTS
                                  if case not in ("defaults", "life cycle GWP")])
def test_every_metric_of_every_changed_design_matches_a_full_scoring(case):
    """Finer than the index, which saturates (e.g. at 10 hindering combinations)."""
    inputs = ScoreInputs(eol=EOL, **SYNTHETIC_INPUTS[case]).resolved()
    scores = score_product(RICH, inputs)
    rescorer = suggestions_module._Rescorer(RICH, scores, inputs)
    levers = set()
    for lever, _text, ids, change, _details in _candidates(RICH, scores, inputs, 0.3, None):
        changed = rescorer.apply(ids, change)
        assert changed is not None
        copy = RICH.model_copy(deep=True)
        change(copy)
        assert changed.product.model_dump() == copy.model_dump()
        assert rescorer.metrics(changed) == score_product(copy, inputs).metrics, (lever, ids)
        levers.add(lever)
    assert len(levers) == 5


def test_the_changed_designs_are_not_scored_afresh(monkeypatch):
    inputs = ScoreInputs(eol=EOL, gwp_per_kg=GWP.get).resolved()
    scores = score_product(RICH, inputs)
    calls = []

    def counted(product, inputs=None):
        calls.append(product)
        return score_product(product, inputs)

    monkeypatch.setattr(suggestions_module, "score_product", counted)
    found = suggest_improvements(RICH, profile_for(RICH.category), inputs, scores=scores,
                                 limit=None)
    assert len(found) > 20 and calls == []


def test_the_design_is_left_as_it_was():
    product = RICH.model_copy(deep=True)
    suggest_improvements(product, profile_for(product.category),
                         ScoreInputs(eol=EOL, gwp_per_kg=GWP.get), limit=None)
    assert product.model_dump() == RICH.model_dump()


def test_the_scores_of_the_baseline_design_are_used_as_given():
    project = PROJECTS["electric_kettle"]
    inputs = ScoreInputs(eol=EOL, gwp_per_kg=GWP.get).resolved()
    product = project.design(BASELINE)
    scores = score_product(product, inputs)
    profile = profile_for(product.category)
    _same(suggest_improvements(product, profile, inputs, scores=scores, limit=None),
          suggest_improvements(product, profile, inputs, limit=None))
