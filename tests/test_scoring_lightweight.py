"""Mass, material efficiency, Ashby indices and break-even, checked by hand."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from greendesign.model import Part
from greendesign.scoring import (
    ashby_advisor,
    mass_reduction,
    mass_summary,
    material_index,
    use_phase_break_even,
)


def props(rho, e, sigma):
    return SimpleNamespace(density_kg_m3=rho, youngs_modulus_gpa=e, yield_strength_mpa=sigma,
                           source="test")


PROPS = {"steel_bar": props(7850, 200, 250), "aluminium_extruded": props(2700, 70, 150),
         "pp": props(905, 1.5, 30), "no_data": props(None, None, None)}


def test_mass_and_material_efficiency(small_product):
    summary = mass_summary(small_product)
    # 2 x (0.25 + 4 x 0.002) + 1.0 + 0.984 = 2.5 kg; input adds 10 % scrap on the 1 kg body
    assert summary.total_kg == pytest.approx(2.5)
    assert summary.material_input_kg == pytest.approx(2.6)
    assert summary.material_efficiency == pytest.approx(2.5 / 2.6 * 100)
    assert summary.by_assembly == {"TOP": pytest.approx(0.516)}


def test_mass_reduction_against_the_reference(small_project):
    light = small_project.design("light")
    # body 1.0 -> 0.8 kg: (2.5 - 2.3) / 2.5 = 8 %
    assert mass_reduction(light, small_project.product) == pytest.approx(8.0)


def test_packaging_is_reported_apart(small_product):
    small_product.bom[2].module = "packaging"
    summary = mass_summary(small_product)
    assert summary.total_kg == pytest.approx(2.5 - 0.984)
    assert summary.packaging_kg == pytest.approx(0.984)


# Exponents of the minimum-mass indices, from REFERENCES.md (Scores), typed independently.
EXPONENTS = {("tie", "stiffness"): ("E", 1.0), ("beam", "stiffness"): ("E", 0.5),
             ("panel", "stiffness"): ("E", 1 / 3), ("tie", "strength"): ("s", 1.0),
             ("beam", "strength"): ("s", 2 / 3), ("panel", "strength"): ("s", 0.5)}


@pytest.mark.parametrize(("case", "limit"), list(EXPONENTS))
def test_material_indices(case, limit):
    prop, n = EXPONENTS[(case, limit)]
    value = 200 if prop == "E" else 250
    assert material_index(PROPS["steel_bar"], case, limit) == pytest.approx(value ** n / 7850)


def test_ashby_beam_stiffness_steel_to_aluminium_by_hand():
    part = Part(id="beam", name="Beam", mass_kg=1.0, material="steel_bar")
    gwp = {"steel_bar": 2.0, "aluminium_extruded": 10.0}.get
    result = ashby_advisor(part, "beam", "stiffness", properties=PROPS, gwp_per_kg=gwp,
                           count=2)
    assert result.formula == "E^(1/2)/rho"
    assert [c.material for c in result.candidates][:2] == ["aluminium_extruded", "steel_bar"]
    alu = result.candidates[0]
    # m_al / m_st = (rho_al / rho_st) sqrt(E_st / E_al) = 0.343949 x 1.690309 = 0.581380
    assert alu.mass_ratio == pytest.approx(2700 / 7850 * math.sqrt(200 / 70))
    assert alu.mass_kg == pytest.approx(2 * 0.581380, abs=1e-5)
    # GWP: 2 x (0.58138 x 10 - 1 x 2) = 7.6276
    assert alu.gwp_change_kg == pytest.approx(2 * (0.581380 * 10 - 2), abs=1e-4)
    assert all(c.material != "no_data" for c in result.candidates)


def test_ashby_without_gwp_says_so():
    part = Part(id="tie", name="Tie", mass_kg=1.0, material="steel_bar")
    result = ashby_advisor(part, "tie", "strength", properties=PROPS)
    assert all(c.gwp_change_kg is None for c in result.candidates)
    assert "GWP" in result.note
    # tie strength: m_pp / m_steel = (905 / 7850) (250 / 30) = 0.960722
    pp = next(c for c in result.candidates if c.material == "pp")
    assert pp.mass_ratio == pytest.approx(905 / 7850 * 250 / 30)


def test_ashby_rejects_unknown_cases_and_missing_own_data():
    part = Part(id="x", name="X", mass_kg=1.0, material="unknown_material")
    with pytest.raises(ValueError, match="load case"):
        ashby_advisor(part, "shell", "stiffness", properties=PROPS)
    assert ashby_advisor(part, "tie", "stiffness", properties=PROPS).candidates == []


def test_break_even_by_hand():
    # 10 kg lighter, +50 kg CO2-eq in production, 0.0005 kWh/(kg km), 0.6 kg CO2-eq/kWh:
    # saving 10 x 0.0005 x 0.6 = 0.003 kg/km; break-even 50 / 0.003 = 16 667 km
    result = use_phase_break_even(-10.0, 50.0, 0.0005, 0.6, lifetime_km=200_000)
    assert result.saving_per_km_kg == pytest.approx(0.003)
    assert result.break_even_km == pytest.approx(50 / 0.003)
    assert result.net_gwp_change_over_life_kg == pytest.approx(50 - 600)
    assert result.pays_back is True
    assert use_phase_break_even(2.0, 5.0, 0.001, 0.5).break_even_km is None
    assert use_phase_break_even(-1.0, -2.0, 0.001, 0.5).break_even_km == 0.0
