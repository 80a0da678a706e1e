"""Recyclability, recycled content, MCI and material findings, checked by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from greendesign.model import Assembly, EndOfLifeMix, Part, Product, Substance, cas_is_valid
from greendesign.scoring import (
    MaterialFlow,
    combination_findings,
    marking_findings,
    material_circularity,
    mci_from_flows,
    recyclability,
    recycled_content,
    restricted_substance_findings,
    restricted_substances,
)


def shares(recycling, energy, yield_):
    return SimpleNamespace(recycling=recycling, energy_recovery=energy,
                           landfill=1 - recycling - energy, recycling_yield=yield_, source="test")


# ferrous only for CN, plastic_pp only for GLO (tests the GLO fallback); no glass at all.
EOL = {("CN", "ferrous"): shares(0.9, 0.0, 0.95), ("GLO", "plastic_pp"): shares(0.4, 0.4, 0.8)}


@pytest.fixture
def three_parts() -> Product:
    return Product(
        name="Three parts", functional_unit="one unit for 10 years", service_life_years=10,
        bom=[
            Part(id="A", name="Steel plate", mass_kg=2.0, material="steel_sheet_cold_rolled",
                 recycled_content=0.5),
            Part(id="B", name="PP cover", mass_kg=1.0, material="pp", plastic_marking=">PP<"),
            Part(id="C", name="Glass window", mass_kg=1.0, material="glass_float",
                 eol_override=EndOfLifeMix(reuse=0.5, landfill=0.5)),
        ])


def test_rcr_and_rvr_by_hand(three_parts):
    result = recyclability(three_parts, EOL)
    # recyclable: A 2 x 0.9 x 0.95 = 1.71; B 1 x 0.4 x 0.8 = 0.32; C reuse 0.5 -> 2.53 of 4 kg
    assert result.mass_kg == pytest.approx(4.0)
    assert result.recyclability_rate == pytest.approx(63.25)
    # recoverable adds B's energy recovery 0.4 kg -> 2.93 kg
    assert result.recoverability_rate == pytest.approx(73.25)
    # ISO 22628 split: reuse 0.5 kg, metals 1.71 kg, non-metals 0.32 kg, energy 0.4 kg
    assert result.reused_kg == pytest.approx(0.5)
    assert result.metals_recycled_kg == pytest.approx(1.71)
    assert result.non_metals_recycled_kg == pytest.approx(0.32)
    assert result.energy_recovery_kg == pytest.approx(0.4)
    bases = {f.part_id: f.basis for f in result.fates}
    assert bases == {"A": "scenario CN/ferrous", "B": "scenario GLO/plastic_pp",
                     "C": "part override"}


def test_unknown_family_counts_as_landfill_and_says_so(three_parts):
    three_parts.bom[2].eol_override = None
    result = recyclability(three_parts, EOL)
    assert result.recyclability_rate == pytest.approx((1.71 + 0.32) / 4 * 100)
    assert any("glass" in note for note in result.notes)


def test_recycled_content_by_hand(three_parts):
    # 2 kg x 0.5 of 4 kg
    assert recycled_content(three_parts) == pytest.approx(25.0)


def test_mci_of_the_three_part_product_by_hand(three_parts):
    # V = 2(1-0.5) + 1 + 1 = 3; W0 = 2(0.1) + 1(0.6) + 1(0.5) = 1.3
    # W_C = 2(0.05)(0.9) + 1(0.2)(0.4) = 0.17; W_F = 2(0.05)(0.5)/0.95 = 0.0526316
    # W = 1.3 + (0.0526316 + 0.17)/2 = 1.4113158
    # LFI = (3 + 1.4113158) / (2*4 + (0.0526316 - 0.17)/2) = 0.5554893
    # X = (10/5)(1) = 2, F(X) = 0.45, MCI = 1 - 0.5554893 x 0.45 = 0.7500298
    result = material_circularity(three_parts, EOL, reference_life_years=5)
    assert result.virgin_kg == pytest.approx(3.0)
    assert result.waste_unrecovered_kg == pytest.approx(1.3)
    assert result.waste_collection_kg == pytest.approx(0.17)
    assert result.waste_feedstock_kg == pytest.approx(0.0526316, abs=1e-7)
    assert result.lfi == pytest.approx(0.5554893, abs=1e-7)
    assert result.utility == pytest.approx(2.0)
    assert result.mci == pytest.approx(0.7500298, abs=1e-7)


def test_mci_uses_the_methodology_denominator_not_w_over_2():
    # One stream: 1 kg, 100 % collected, 50 % yield. V = 1, W0 = 0, W_C = 0.5, W = 0.25.
    # Methodology: LFI = 1.25 / (2 - 0.25) = 0.7142857; the wrong 2M + W/2 gives 0.5556.
    result = mci_from_flows([MaterialFlow(1.0, collected_recycling=1.0, yield_collection=0.5)])
    assert result.lfi == pytest.approx(1.25 / 1.75)
    assert result.mci == pytest.approx(1 - 0.9 * 1.25 / 1.75)


def test_fully_linear_product_at_average_utility_scores_0_1():
    assert mci_from_flows([MaterialFlow(5.0)]).mci == pytest.approx(0.1)
    linear = Product(name="Linear", functional_unit="one unit", service_life_years=3,
                     bom=[Part(id="P", name="P", mass_kg=1.5, material="steel_bar")])
    no_recycling = {("GLO", "ferrous"): shares(0.0, 0.0, 0.9)}
    assert material_circularity(linear, no_recycling,
                                reference_life_years=3).mci == pytest.approx(0.1)


def test_fully_restorative_product_scores_1():
    flow = MaterialFlow(2.0, recycled_feedstock=1.0, collected_recycling=1.0,
                        yield_collection=1.0, yield_feedstock=1.0)
    assert mci_from_flows([flow]).mci == pytest.approx(1.0)


def test_mci_is_never_negative():
    assert mci_from_flows([MaterialFlow(1.0)], utility=0.5).mci == 0.0


def _part_with(name: str, fraction: float, cas: str = "", material: str = "brass") -> Part:
    return Part(id="X", name="X", mass_kg=0.01, material=material,
                substances=[Substance(name=name, cas=cas, mass_fraction=fraction)])


@pytest.mark.parametrize(("name", "cas", "fraction", "found"), [
    ("lead", "", 0.02, True),             # 2 % > 0.1 %
    ("Lead (Pb)", "", 0.0005, False),     # 0.05 % <= 0.1 %
    ("cadmium", "", 0.0002, True),        # 0.02 % > 0.01 %
    ("cadmium", "", 0.00005, False),
    ("hexavalent chromium", "", 0.002, True),
    ("chromium (metallic, trivalent process)", "", 0.01, False),
    ("lead-free solder alloy", "", 0.5, False),
    ("trade name X", "7439-97-6", 0.005, True),  # mercury by CAS
    ("decaBDE", "", 0.002, True),
    ("tetrabromobisphenol A (reacted into FR-4)", "", 0.03, False),
    ("diisononyl phthalate (DINP)", "", 0.25, False),
    ("DEHP", "", 0.002, True),
])
def test_restricted_substances(name, cas, fraction, found):
    product = Product(name="P", functional_unit="one unit", service_life_years=1,
                      bom=[_part_with(name, fraction, cas)])
    findings = restricted_substance_findings(product)
    assert bool(findings) is found
    if found:
        assert findings[0].severity == "fail"


def test_restricted_substance_list_has_valid_cas_numbers_and_gb_limits():
    table = {s.name: s for s in restricted_substances()}
    for substance in table.values():
        assert not substance.cas or cas_is_valid(substance.cas), substance.name
        assert substance.source
    assert table["cadmium"].limit == pytest.approx(0.0001)
    assert table["lead"].limit == pytest.approx(0.001)
    gb = [s for s in table.values() if s.regime == "GB/T 26572"]
    assert len(gb) == 6


def test_plastic_marking_findings():
    product = Product(name="P", functional_unit="one unit", service_life_years=1, bom=[
        Part(id="U", name="Unmarked", mass_kg=0.1, material="pp"),
        Part(id="W", name="Wrong", mass_kg=0.1, material="abs", plastic_marking=">PP<"),
        Part(id="OK", name="Right", mass_kg=0.1, material="pc_abs", plastic_marking=">PC+ABS<"),
        Part(id="S", name="Steel", mass_kg=0.1, material="steel_bar"),
    ])
    found = {f.part_id: f for f in marking_findings(product)}
    assert set(found) == {"U", "W"}
    assert found["U"].details["expected"] == ">PP<"


def test_glued_dissimilar_materials_and_coatings_are_flagged():
    housing = Assembly(id="H", name="Housing", children=[
        Part(id="shell", name="Shell", mass_kg=0.5, material="pp", plastic_marking=">PP<",
             processes=[{"dataset": "wet_painting", "amount": 0.1}]),
        Part(id="weight", name="Weight", mass_kg=0.1, material="steel_bar", joint="adhesive"),
        Part(id="rib", name="Rib", mass_kg=0.05, material="pp", joint="weld",
             plastic_marking=">PP<"),
    ])
    product = Product(name="P", functional_unit="one unit", service_life_years=1,
                      bom=[housing])
    findings = combination_findings(product)
    by_part = {(f.part_id, f.severity) for f in findings}
    assert ("weight", "warning") in by_part        # steel glued into a PP assembly
    assert ("shell", "warning") in by_part         # painted plastic
    assert not any(f.part_id == "rib" for f in findings)  # PP welded to PP is fine
