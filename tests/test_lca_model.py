"""Lifecycle model and fast engine on hand-made inventories (no Brightway).

Every expected number is computed by hand in the test from the stated inputs.
"""

from __future__ import annotations

import numpy as np
import pytest

from greendesign.errors import ModelValidationError
from greendesign.inventory.reference_data import EolShares, Provenance
from greendesign.lca.background import Background, MethodNotInstalledError
from greendesign.lca.engine import assess
from greendesign.lca.lifecycle import CREDIT, Inventory, build_model
from greendesign.lca.uncertainty import (
    ForegroundDistributions,
    monte_carlo,
    pedigree_sigma,
    probability_lower,
    tornado,
)
from greendesign.model import Assembly, Part, ProcessUse, Product, TransportLeg
from greendesign.model.part import EndOfLifeMix
from greendesign.model.scenario import (
    EndOfLifeScenario,
    LifecycleScenario,
    ProductionScenario,
    UsePhase,
)

PROV = Provenance("test", "", "here", 2024, "GLO", (1, 1, 1, 1, 1), True, "")
CODES = ("pp", "steel", "recycling_plastic_pp", "recycling_ferrous", "credit_plastic_pp",
         "credit_ferrous", "injection_moulding", "electricity_CN", "electricity_PV",
         "truck_16-32t", "landfill", "incineration_energy_recovery", "credit_energy_recovery")


def inventory() -> Inventory:
    units = {code: "kg" for code in CODES}
    units.update({"electricity_CN": "kWh", "electricity_PV": "kWh", "truck_16-32t": "t*km"})
    return Inventory(
        units=units, factory_kwh={"injection_moulding": 0.5}, carbon={},
        families={"pp": "plastic_pp", "steel": "ferrous"},
        eol={("CN", "plastic_pp"): EolShares("CN", "plastic_pp", 0.2, 0.3, 0.5, 0.8, PROV),
             ("CN", "ferrous"): EolShares("CN", "ferrous", 0.9, 0.0, 0.1, 1.0, PROV)})


def product(**scenario) -> Product:
    body = Part(id="BODY", name="Body", quantity=3, mass_kg=2.0, material="pp",
                scrap_rate=0.1, recycled_content=0.25,
                processes=[ProcessUse(dataset="injection_moulding")],
                transport_legs=[TransportLeg(mode="truck_16-32t", distance_km=100)])
    plate = Part(id="PLATE", name="Plate", mass_kg=1.0, material="steel")
    return Product(name="Test", functional_unit="one unit for 5 years", service_life_years=5,
                   bom=[Assembly(id="ASM", name="Assembly", quantity=2,
                                 children=[body, plate])],
                   scenario=LifecycleScenario(**scenario))


def amounts(model, **match) -> float:
    return sum(line.amount for line in model.lines
               if all(getattr(line, k) == v for k, v in match.items()))


def test_raw_materials_split_primary_and_recycled_content():
    model = build_model(product(), inventory())
    # body: 2 kg x 1.1 (scrap) x 3 per assembly x 2 assemblies = 13.2 kg input
    assert amounts(model, dataset="pp") == pytest.approx(13.2 * 0.75)
    assert amounts(model, dataset="recycling_plastic_pp", stage="raw_materials") == \
        pytest.approx(13.2 * 0.25)
    # inbound leg carries the input mass: 13.2 kg = 0.0132 t x 100 km
    assert amounts(model, dataset="truck_16-32t", stage="raw_materials") == \
        pytest.approx(1.32)
    assert amounts(model, dataset="steel") == pytest.approx(2.0)


def test_manufacturing_uses_part_mass_and_factory_grid_with_green_share():
    scen = {"production": ProductionScenario(grid="CN", green_power_share=0.4,
                                             factory_electricity_kwh=10.0)}
    model = build_model(product(**scen), inventory())
    # moulding: the part's own mass (2 kg) x 6 units = 12 kg, 0.5 kWh/kg = 6 kWh, plus 10 kWh
    assert amounts(model, dataset="injection_moulding") == pytest.approx(12.0)
    assert amounts(model, dataset="electricity_CN", stage="manufacturing") == \
        pytest.approx(16.0 * 0.6)
    assert amounts(model, dataset="electricity_PV", stage="manufacturing") == \
        pytest.approx(16.0 * 0.4)


def test_use_phase_energy_and_end_of_life_with_module_d():
    scen = {"use": UsePhase(grid="CN", energy_kwh_per_year=20.0),
            "end_of_life": EndOfLifeScenario(region="CN", transport_km=50)}
    model = build_model(product(**scen), inventory())
    assert amounts(model, dataset="electricity_CN", stage="use") == pytest.approx(100.0)
    # body mass at end of life: 12 kg; PP in CN: 20 % recycled, 30 % burnt, 50 % landfill
    assert amounts(model, dataset="landfill", material="pp") == pytest.approx(6.0)
    assert amounts(model, dataset="incineration_energy_recovery") == pytest.approx(3.6)
    assert amounts(model, dataset="credit_energy_recovery") == pytest.approx(-3.6)
    # net scrap = 12 x 0.2 x 0.8 yield - 13.2 x 0.25 recycled input = 1.92 - 3.3 = -1.38
    assert amounts(model, dataset="credit_plastic_pp") == pytest.approx(1.38)
    assert amounts(model, dataset="recycling_plastic_pp", stage=CREDIT) == pytest.approx(-1.38)
    # steel: 2 kg, 90 % recycled, no recycled input: credit of 1.8 kg primary
    assert amounts(model, dataset="credit_ferrous") == pytest.approx(-1.8)
    # transport to treatment: (12 + 2) kg = 0.014 t x 50 km
    assert amounts(model, dataset="truck_16-32t", stage="end_of_life") == pytest.approx(0.7)


def test_burning_a_plastic_emits_its_carbon_as_co2():
    inv = inventory()
    inv.units.update({"emission_co2_fossil_air": "kg", "emission_co2_non_fossil_air": "kg"})
    # PP, (C3H6)n: 3 x 12.011 / (3 x 12.011 + 6 x 1.008) = 0.8563 fossil carbon
    inv.carbon["pp"] = (36.033 / 42.081, 0.0)
    model = build_model(product(end_of_life=EndOfLifeScenario(region="CN")), inv)
    burnt = 12.0 * 0.3
    assert amounts(model, dataset="emission_co2_fossil_air") == pytest.approx(
        burnt * 36.033 / 42.081 * 44.009 / 12.011)
    assert amounts(model, dataset="emission_co2_non_fossil_air") == 0.0


def test_part_override_replaces_the_regional_mix():
    p = product(end_of_life=EndOfLifeScenario(region="CN"))
    p.bom[0].children[1].eol_override = EndOfLifeMix(landfill=1.0)
    model = build_model(p, inventory())
    assert amounts(model, dataset="landfill", material="steel") == pytest.approx(2.0)
    assert amounts(model, dataset="credit_ferrous") == 0.0


def test_unknown_material_is_named_with_its_part():
    p = product()
    p.bom[0].children[1].material = "unobtainium"
    with pytest.raises(ModelValidationError) as err:
        build_model(p, inventory())
    assert err.value.problems[0].part_id == "PLATE"
    assert "unobtainium" in err.value.problems[0].message


def background(h: dict[str, float], extra_method: dict[str, float] | None = None) -> Background:
    methods = [("M", "one", "x")] + ([("M", "two", "y")] if extra_method else [])
    H = np.array([[h.get(c, 0.0) for c in CODES]]
                 + ([[extra_method.get(c, 0.0) for c in CODES]] if extra_method else []))
    G = np.eye(len(CODES))
    flows = tuple((c, c, "air", "kg") for c in CODES)
    prov = {c: {"pedigree": [1, 1, 1, 1, 1], "ghg_only": False} for c in CODES}
    return Background(CODES, tuple(methods), tuple("kg" for _ in methods), H, G, flows,
                      {c: () for c in CODES}, prov, "test", 0.0, "test")


def test_engine_totals_stages_parts_and_credits_by_hand():
    scen = {"use": UsePhase(energy_kwh_per_year=20.0),
            "end_of_life": EndOfLifeScenario(region="CN")}
    p = product(**scen)
    bg = background({"pp": 2.0, "steel": 3.0, "recycling_plastic_pp": 0.5,
                     "injection_moulding": 1.0, "electricity_CN": 0.6, "landfill": 0.1,
                     "incineration_energy_recovery": 1.5, "credit_energy_recovery": 0.4,
                     "credit_ferrous": 3.0, "truck_16-32t": 0.1})
    model = build_model(p, inventory())
    result = assess(p, [("M", "one", "x")], background=bg, model=model)
    raw = 9.9 * 2.0 + 3.3 * 0.5 + 1.32 * 0.1 + 2.0 * 3.0
    manufacturing = 12.0 * 1.0 + 6.0 * 0.6
    use = 100.0 * 0.6
    eol = 6.0 * 0.1 + 0.2 * 0.1 + 3.6 * 1.5
    stages = result.by_stage()["M | one | x"]
    assert stages["raw_materials"] == pytest.approx(raw)
    assert stages["manufacturing"] == pytest.approx(manufacturing)
    assert stages["use"] == pytest.approx(use)
    assert stages["end_of_life"] == pytest.approx(eol)
    assert result.total[0] == pytest.approx(raw + manufacturing + use + eol)
    # credits: energy recovery -3.6 x 0.4; steel -1.8 x 3.0; PP net scrap +1.38 x (0 - 0.5)
    assert result.credits[0] == pytest.approx(-3.6 * 0.4 - 1.8 * 3.0 + 1.38 * 0 - 1.38 * 0.5)
    parts = result.by_part()
    body_own = 9.9 * 2 + 3.3 * 0.5 + 0.132 + 12.0 + 6.0 * 0.6 + 0.6 + 5.4
    assert parts.loc["BODY", "M | one | x"] == pytest.approx(body_own)
    assert parts.loc["ASM", "M | one | x"] == pytest.approx(
        body_own + parts.loc["PLATE", "M | one | x"])
    assert result.by_material().loc["pp"].iloc[0] == pytest.approx(body_own - 12.0 - 3.6)
    # the flow view sums to the total when G is the identity and H = C G
    assert result.lci()["amount"].sum() == pytest.approx(result.demand().sum())


def test_unknown_method_is_a_typed_error():
    with pytest.raises(MethodNotInstalledError, match="not installed"):
        assess(product(), [("No", "such", "method")], background=background({"pp": 1}),
               model=build_model(product(), inventory()))


def test_pedigree_sigma_from_the_ecoinvent_factors():
    # basic 0.0006 + (2: 0.0006) + (3: 0.0006) + (4: 0.008) + (5: 0.002) + (3: 0.008)
    assert pedigree_sigma((2, 3, 4, 5, 3)) == pytest.approx(np.sqrt(0.0198))
    assert pedigree_sigma((1, 1, 1, 1, 1)) == pytest.approx(np.sqrt(0.0006))


def test_monte_carlo_is_reproducible_paired_and_centred():
    scen = {"use": UsePhase(energy_kwh_per_year=20.0),
            "end_of_life": EndOfLifeScenario(region="CN")}
    bg = background({"pp": 2.0, "steel": 3.0, "electricity_CN": 0.6, "landfill": 0.1,
                     "injection_moulding": 1.0})
    p = product(**scen)
    result = assess(p, [("M", "one", "x")], background=bg, model=build_model(p, inventory()))
    a = monte_carlo(result, 400, seed=7)
    b = monte_carlo(result, 400, seed=7)
    assert np.array_equal(a.samples, b.samples)
    stats = a.statistics().iloc[0]
    assert stats["p2_5"] < result.total[0] < stats["p97_5"]
    assert abs(stats["median"] - result.total[0]) / result.total[0] < 0.05
    # no uncertainty at all: every sample is the deterministic total
    none = ForegroundDistributions(mass_rel_sd=0, service_life_bounds=(1.0, 1.0),
                                   use_energy_rel_sd=0, eol_concentration=0, background=False)
    flat = monte_carlo(result, 10, seed=1, dist=none)
    assert np.allclose(flat.samples[:, 0], result.total[0])
    # paired: a variant with the same design shares every draw, so P(A < B) is 0
    assert probability_lower(a, b)[0] == 0.0


def test_tornado_swings_by_hand():
    p = product(use=UsePhase(energy_kwh_per_year=20.0))
    bg = background({"pp": 2.0, "electricity_CN": 0.6})
    result = assess(p, [("M", "one", "x")], background=bg, model=build_model(p, inventory()))
    dist = ForegroundDistributions(mass_rel_sd=0.05, use_energy_rel_sd=0.1)
    frame = tornado(result, dist=dist).set_index("parameter")
    energy = frame.loc["use-phase energy"]
    # use energy contributes 100 kWh x 0.6 = 60; +/- 1.96 x 10 %
    assert energy["high"] - energy["low"] == pytest.approx(2 * 1.959964 * 0.1 * 60, rel=1e-4)
