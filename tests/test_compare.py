"""Design comparison on a hand-made inventory (no Brightway).

Intensities (one method, "M | one | x"): pp 2.0, steel 3.0, recycled PP 0.5,
injection moulding 1.0 per kg, electricity 0.5 per kWh, landfill 0.1 per kg.
Every part goes to landfill (CN), so the end of life is 0.1 per kg of part.

Baseline: BODY 2 kg PP moulded, PLATE 1 kg steel, 10 kWh a year for 5 years::

    raw materials   2 x 2.0 + 1 x 3.0 = 7.0
    manufacturing   2 kg moulded x 1.0 = 2.0
    use             10 x 5 kWh x 0.5  = 25.0
    end of life     3 kg x 0.1        = 0.3
    total                               34.3   (6.86 per year)
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from greendesign.compare import LEVERS, compare_designs, paired_uncertainty
from greendesign.inventory.reference_data import EolShares, Provenance
from greendesign.lca.background import Background
from greendesign.lca.lifecycle import Inventory
from greendesign.model import Part, ProcessUse, Product, Project
from greendesign.model.scenario import EndOfLifeScenario, LifecycleScenario, UsePhase

PROV = Provenance("test", "", "here", 2024, "GLO", (1, 1, 1, 1, 1), True, "")
CODES = ("pp", "steel", "recycling_plastic_pp", "injection_moulding", "electricity_CN",
         "landfill")
M = ("M", "one", "x")
COL = "M | one | x"
H = {"pp": 2.0, "steel": 3.0, "recycling_plastic_pp": 0.5, "injection_moulding": 1.0,
     "electricity_CN": 0.5, "landfill": 0.1}


def inventory() -> Inventory:
    units = {code: "kg" for code in CODES}
    units["electricity_CN"] = "kWh"
    return Inventory(
        units=units, factory_kwh={}, carbon={},
        families={"pp": "plastic_pp", "steel": "ferrous"},
        eol={("CN", "plastic_pp"): EolShares("CN", "plastic_pp", 0.0, 0.0, 1.0, 1.0, PROV),
             ("CN", "ferrous"): EolShares("CN", "ferrous", 0.0, 0.0, 1.0, 1.0, PROV)})


def background() -> Background:
    matrix = np.array([[H.get(c, 0.0) for c in CODES]])
    prov = {c: {"pedigree": [1, 1, 1, 1, 1], "ghg_only": False} for c in CODES}
    return Background(CODES, (M,), ("kg",), matrix, np.eye(len(CODES)),
                      tuple((c, c, "air", "kg") for c in CODES), {c: () for c in CODES},
                      prov, "test", 0.0, "test")


def baseline() -> Product:
    body = Part(id="BODY", name="Body", mass_kg=2.0, material="pp",
                processes=[ProcessUse(dataset="injection_moulding")])
    plate = Part(id="PLATE", name="Plate", mass_kg=1.0, material="steel")
    scenario = LifecycleScenario(use=UsePhase(energy_kwh_per_year=10.0),
                                 end_of_life=EndOfLifeScenario(region="CN"))
    return Product(name="Test", functional_unit="one unit over its life", service_life_years=5,
                   bom=[body, plate], scenario=scenario)


def project() -> Project:
    project = Project(product=baseline())
    project.add_variant("lighter").product.find("BODY").mass_kg = 1.5
    steel = project.add_variant("steel-body").product.find("BODY")
    steel.material, steel.mass_kg = "steel", 1.0
    project.add_variant("recycled").product.find("BODY").recycled_content = 0.5
    long_life = project.add_variant("long-life").product
    long_life.service_life_years = 10
    long_life.bom = [long_life.bom[0],
                     Part(id="DOOR", name="Door", mass_kg=0.5, material="pp")]  # PLATE removed
    project.add_variant("copy")
    return project


@pytest.fixture
def comparison():
    return compare_designs(project(), [M], background(), inventory=inventory())


def test_totals_stages_and_differences_by_hand(comparison):
    summary = comparison.summary()
    assert comparison.reference == "baseline"
    assert summary.loc["baseline", "total"] == pytest.approx(34.3)
    assert summary.loc["baseline", "per_year"] == pytest.approx(6.86)
    assert summary.loc["baseline", "raw_materials"] == pytest.approx(7.0)
    assert summary.loc["baseline", "manufacturing"] == pytest.approx(2.0)
    assert summary.loc["baseline", "use"] == pytest.approx(25.0)
    assert summary.loc["baseline", "end_of_life"] == pytest.approx(0.3)
    assert summary.loc["baseline", "mass_kg"] == pytest.approx(3.0)
    # lighter: body 1.5 kg -> raw 3.0 + 3.0, moulding 1.5, end of life 0.25 = 32.75
    assert summary.loc["lighter", "total"] == pytest.approx(32.75)
    assert summary.loc["lighter", "difference"] == pytest.approx(-1.55)
    assert summary.loc["lighter", "difference_pct"] == pytest.approx(-1.55 / 34.3 * 100)
    assert summary.loc["lighter", "per_year_difference"] == pytest.approx(-1.55 / 5)
    assert summary.loc["baseline", "difference"] == 0.0
    assert summary.loc["copy", "difference"] == 0.0
    diffs = comparison.differences().set_index("design")
    assert diffs.loc["lighter", "difference"] == pytest.approx(-1.55)
    assert comparison.totals().loc["steel-body", COL] == pytest.approx(32.2)
    assert comparison.credits().loc["baseline", COL] == 0.0


def test_different_service_lives_are_compared_per_year(comparison):
    summary = comparison.summary()
    # long-life: body raw 4.0 + door 1.0, moulding 2.0, use 10 x 10 x 0.5 = 50,
    # end of life (2 + 0.5) x 0.1 = 0.25: total 57.25 over 10 years
    assert summary.loc["long-life", "total"] == pytest.approx(57.25)
    assert summary.loc["long-life", "difference"] == pytest.approx(22.95)  # worse in total
    assert summary.loc["long-life", "per_year"] == pytest.approx(5.725)
    assert summary.loc["long-life", "per_year_difference"] == pytest.approx(5.725 - 6.86)
    assert summary.loc["long-life", "per_year_difference_pct"] == pytest.approx(
        (5.725 - 6.86) / 6.86 * 100)  # better per year
    assert comparison.service_life_differs("long-life")
    assert not comparison.service_life_differs("lighter")
    assert comparison.per_year_needed
    assert len(comparison.notes) == 1 and "per year of service" in comparison.notes[0]
    same = compare_designs(project(), [M], background(), inventory=inventory(),
                           designs=["baseline", "lighter"])
    assert same.designs == ["baseline", "lighter"] and same.notes == []


def test_attribution_by_stage_part_and_lever(comparison):
    stages = comparison.stage_attribution("lighter")["difference"]
    assert stages["raw_materials"] == pytest.approx(-1.0)
    assert stages["manufacturing"] == pytest.approx(-0.5)
    assert stages["end_of_life"] == pytest.approx(-0.05)
    levers = comparison.lever_attribution("lighter").set_index("lever")["difference"]
    assert list(levers.index) == list(LEVERS)
    assert levers["mass"] == pytest.approx(-1.0)
    assert levers["material"] == pytest.approx(0.0, abs=1e-12)
    assert levers["process"] == pytest.approx(-0.5)
    assert levers["end_of_life"] == pytest.approx(-0.05)
    # steel body, 1 kg: raw 3.0 instead of 4.0 = mass effect 4.0 x (0.5 - 1) = -2.0
    # plus material effect 3.0 - 4.0 x 0.5 = +1.0; moulding 1 kg: -1.0; end of life -0.1
    levers = comparison.lever_attribution("steel-body").set_index("lever")["difference"]
    assert levers["mass"] == pytest.approx(-2.0)
    assert levers["material"] == pytest.approx(1.0)
    assert levers["process"] == pytest.approx(-1.0)
    assert levers["end_of_life"] == pytest.approx(-0.1)
    assert levers.sum() == pytest.approx(-2.1)
    # recycled content: 1 kg primary PP (2.0) + 1 kg recycled (0.5) instead of 4.0
    levers = comparison.lever_attribution("recycled").set_index("lever")["difference"]
    assert levers["material"] == pytest.approx(-1.5)
    assert levers["mass"] == pytest.approx(0.0, abs=1e-12)
    parts = comparison.part_attribution("steel-body").set_index("part_id")
    assert parts.loc["BODY", "status"] == "changed"
    assert parts.loc["BODY", "changes"] == "material, mass"
    assert parts.loc["BODY", "difference"] == pytest.approx(-1.0 - 1.0 - 0.1)
    assert parts.loc["PLATE", "status"] == "unchanged"


def test_added_and_removed_parts_and_product_level(comparison):
    parts = comparison.part_attribution("long-life").set_index("part_id")
    assert parts.loc["DOOR", "status"] == "added"
    assert parts.loc["DOOR", "difference"] == pytest.approx(1.0 + 0.05)
    assert parts.loc["PLATE", "status"] == "removed"
    assert parts.loc["PLATE", "difference"] == pytest.approx(-3.1)
    assert parts.loc["", "status"] == "product"
    assert parts.loc["", "difference"] == pytest.approx(25.0)  # use-phase energy
    assert parts["difference"].sum() == pytest.approx(22.95)
    levers = comparison.lever_attribution("long-life").set_index("lever")["difference"]
    assert levers["use_phase"] == pytest.approx(25.0)
    assert levers["parts_added_removed"] == pytest.approx(1.05 - 3.1)
    assert levers.sum() == pytest.approx(22.95)


def test_another_reference_design():
    comparison = compare_designs(project(), [M], background(), reference="lighter",
                                 inventory=inventory())
    assert comparison.summary().loc["baseline", "difference"] == pytest.approx(1.55)
    assert comparison.lever_attribution("baseline").set_index("lever").loc[
        "mass", "difference"] == pytest.approx(1.0)


def test_paired_monte_carlo_probabilities(comparison):
    half = project()
    variant = half.add_variant("half")
    for node in variant.product.bom:
        node.mass_kg = node.mass_kg / 2
    variant.product.scenario.use.energy_kwh_per_year = 5.0
    both = compare_designs(half, [M], background(), inventory=inventory(),
                           designs=["baseline", "copy", "half", "long-life"])
    calls = []
    runs = paired_uncertainty(both, 300, seed=11, progress=lambda f, m: calls.append(f))
    assert runs.probability("copy", M) == 0.0           # identical: never lower
    assert runs.probability("copy", M, per_year=True) == 0.0
    assert runs.probability("half", M) == 1.0           # lower in every paired draw
    assert math.isnan(runs.probability("baseline", M))
    assert runs.probability("long-life", M) == 0.0      # worse in total ...
    assert runs.probability("long-life", M, per_year=True) > 0.9   # ... better per year
    assert calls[-1] == pytest.approx(1.0) and calls == sorted(calls)
    again = paired_uncertainty(both, 300, seed=11)
    assert again.frame.equals(runs.frame)


def test_cancelled_paired_monte_carlo_raises(comparison):
    from greendesign.lca.background import EngineError

    with pytest.raises(EngineError, match="cancelled"):
        paired_uncertainty(comparison, 300, seed=1, cancelled=lambda: True)


def test_to_json_is_plain_data(comparison):
    runs = paired_uncertainty(comparison, 50, seed=2)
    data = json.loads(json.dumps(comparison.to_json(uncertainty=runs)))
    assert data["reference"] == "baseline" and data["per_year_comparison_needed"]
    designs = {d["design"]: d for d in data["designs"]}
    assert designs["lighter"]["results"][0]["difference"] == pytest.approx(-1.55)
    assert designs["long-life"]["results"][0]["per_year"] == pytest.approx(5.725)
    assert "attribution" not in designs["baseline"]
    lever = {r["lever"]: r["difference"] for r in designs["lighter"]["attribution"]["by_lever"]}
    assert lever["mass"] == pytest.approx(-1.0)
    assert data["paired_uncertainty"]["iterations"] == 50
