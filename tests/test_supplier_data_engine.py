"""Supplier data in the LCA: a declared value replaces the dataset it stands for.

Every expected number is built from the dataset's own intensity in the background matrix
(``bg.H``, what Brightway computed for one unit of the dataset) and the part's mass, not
from the engine's results.
"""

from __future__ import annotations

import numpy as np
import pytest

from greendesign.errors import ModelValidationError
from greendesign.inventory.datasets import load_datasets
from greendesign.lca.declared import inventory_total
from greendesign.lca.engine import GWP100, assess
from greendesign.lca.lifecycle import build_model
from greendesign.lca.uncertainty import ForegroundDistributions, monte_carlo
from greendesign.model import Part, ProcessUse, Product
from greendesign.model.declared import DeclaredValue
from greendesign.model.part import EndOfLifeMix

pytestmark = pytest.mark.inventory

EF_CLIMATE = ("EF v3.1", "climate change", "global warming potential (GWP100)")
EF_FOSSIL = ("EF v3.1", "climate change: fossil", "global warming potential (GWP100)")
EF_BIOGENIC = ("EF v3.1", "climate change: biogenic", "global warming potential (GWP100)")
IPCC_FOSSIL = ("IPCC 2021", "climate change: fossil", "global warming potential (GWP100)")
ACID = ("EF v3.1", "acidification", "accumulated exceedance (AE)")
GWP20 = ("IPCC 2021", "climate change", "global warming potential (GWP20)")
METHODS = [GWP100, EF_CLIMATE, EF_FOSSIL, EF_BIOGENIC, IPCC_FOSSIL, ACID, GWP20]


def epd(value: float, **extra) -> DeclaredValue:
    return DeclaredValue(gwp_kgco2e=value, source="EPD S-P-01234 (International EPD System)",
                         year=2024, geography="CN", verification="third_party_verified",
                         pedigree=(1, 2, 1, 2, 1), **extra)


def h(bg, method, code: str) -> float:
    """The dataset's own intensity for ``method`` per unit."""
    return float(bg.H[bg.method_row[method], bg.column[code]])


def dataset_of(product: Product, part_id: str, kind: str = "material") -> str:
    """The dataset the lifecycle model gives a part's line of ``kind`` (a regional one such
    as ``pp@CN`` where the inventory has it)."""
    return next(line.dataset for line in build_model(product).lines
                if line.part_id == part_id and line.kind == kind)


def product(*parts: Part, supplier_data=None) -> Product:
    return Product(name="Supplier test", functional_unit="one unit", service_life_years=1,
                   bom=list(parts), supplier_data=supplier_data or {})


def body(**extra) -> Part:
    return Part(id="BODY", name="Body", mass_kg=0.8, material="pp", scrap_rate=0.25,
                eol_override=EndOfLifeMix(landfill=1.0), **extra)


def test_declared_per_kg_replaces_the_material_dataset_by_the_difference(bg):
    before = assess(product(body()), METHODS, background=bg)
    after = assess(product(body(declared=epd(2.0))), METHODS, background=bg)
    bought = 0.8 * 1.25
    pp = dataset_of(product(body()), "BODY")
    for method in (GWP100, EF_CLIMATE):
        j = METHODS.index(method)
        expected = (2.0 - h(bg, method, pp)) * bought
        assert after.total[j] - before.total[j] == pytest.approx(expected, rel=1e-9)
    # the sub-indicators follow the declaration, never the replaced dataset's split
    j = METHODS.index(EF_FOSSIL)
    assert after.total[j] - before.total[j] == pytest.approx(
        (2.0 - h(bg, EF_FOSSIL, pp)) * bought, rel=1e-9)
    j = METHODS.index(EF_BIOGENIC)
    assert after.total[j] - before.total[j] == pytest.approx(
        -h(bg, EF_BIOGENIC, pp) * bought, rel=1e-9, abs=1e-15)
    for method in (ACID, GWP20):  # not declared: the dataset stays
        j = METHODS.index(method)
        assert after.total[j] == before.total[j]
    assert GWP20 in after.declared.kept_climate
    # primary data share: the declared GWP over the new total
    share = 2.0 * bought / (before.total[0] + (2.0 - h(bg, GWP100, pp)) * bought)
    assert after.primary_data_share == pytest.approx(share, rel=1e-9)
    assert before.primary_data_share == 0.0
    # what the Brightway check compares with: the datasets alone, as before
    assert inventory_total(after) == pytest.approx(before.total, rel=1e-12)


def test_declared_per_part_covers_the_processes_cradle_to_gate(bg):
    moulded = dict(processes=[ProcessUse(dataset="injection_moulding")], quantity=2)
    before = assess(product(body(**moulded)), METHODS, background=bg)
    after = assess(product(body(**moulded, declared=epd(3.0, basis="part"))), METHODS,
                   background=bg)
    kwh = load_datasets()["injection_moulding"].factory_kwh * 0.8 * 2
    pp = dataset_of(product(body(**moulded)), "BODY")
    grid = dataset_of(product(body(**moulded)), "BODY", "electricity")
    for method in (GWP100, EF_CLIMATE):
        j = METHODS.index(method)
        replaced = (h(bg, method, pp) * 0.8 * 1.25 * 2
                    + h(bg, method, "injection_moulding") * 0.8 * 2
                    + h(bg, method, grid) * kwh)
        assert after.total[j] - before.total[j] == pytest.approx(3.0 * 2 - replaced, rel=1e-9)
    j = METHODS.index(ACID)
    assert after.total[j] == pytest.approx(before.total[j], rel=1e-12)
    covered = [line.kind for line, key in zip(after.model.lines, after.declared.keys,
                                              strict=True) if key]
    assert sorted(covered) == ["electricity", "material", "process"]
    assert after.primary_data_share == pytest.approx(6.0 / after.total[0], rel=1e-12)


def test_material_value_applies_to_parts_without_their_own(bg):
    lid = Part(id="LID", name="Lid", mass_kg=0.2, material="pp",
               eol_override=EndOfLifeMix(landfill=1.0))
    own = body(declared=epd(2.0))
    before = assess(product(own, lid), [GWP100], background=bg)
    pp = dataset_of(product(own, lid), "LID")
    after = assess(product(own, lid, supplier_data={"pp": epd(1.5)}), [GWP100],
                   background=bg)
    # the body keeps its own value; only the lid moves to the material's
    assert after.total[0] - before.total[0] == pytest.approx(
        (1.5 - h(bg, GWP100, pp)) * 0.2, rel=1e-9)
    keys = {d["key"]: d for d in after.supplier_data()}
    assert set(keys) == {"BODY", "material:pp"}
    assert keys["material:pp"]["gwp100_kg"] == pytest.approx(0.3, rel=1e-12)
    assert keys["BODY"]["source"].startswith("EPD S-P-01234")


def test_declared_sub_indicators_are_used(bg):
    value = epd(2.0, indicators={" | ".join(EF_BIOGENIC): 0.5, " | ".join(ACID): 0.01})
    result = assess(product(body(declared=value)), METHODS, background=bg)
    lines = [i for i, key in enumerate(result.declared.keys) if key]
    scores = result.scores[lines].sum(axis=0)
    bought = 0.8 * 1.25
    assert scores[METHODS.index(EF_BIOGENIC)] == pytest.approx(0.5 * bought)
    assert scores[METHODS.index(EF_FOSSIL)] == pytest.approx(1.5 * bought)
    assert scores[METHODS.index(ACID)] == pytest.approx(0.01 * bought)
    assert scores[METHODS.index(IPCC_FOSSIL)] == pytest.approx(2.0 * bought)


def test_an_indicator_that_is_no_installed_method_is_refused(bg):
    value = epd(2.0, indicators={"EF v3.1 | acidification | nope": 0.1})
    with pytest.raises(ModelValidationError) as caught:
        assess(product(body(declared=value)), [GWP100], background=bg)
    assert caught.value.problems[0].part_id == "BODY"
    assert "nope" in str(caught.value)


def test_monte_carlo_uses_the_declared_pedigree(bg):
    poor = epd(2.0).model_copy(update={"pedigree": (5, 5, 5, 5, 5)})
    good = epd(2.0).model_copy(update={"pedigree": (1, 1, 1, 1, 1)})
    dist = ForegroundDistributions(mass_rel_sd=0.0, service_life_bounds=(1.0, 1.0),
                                   use_energy_rel_sd=0.0, eol_concentration=0.0)
    spread = []
    for value in (poor, good):
        result = assess(product(body(declared=value)), [GWP100], background=bg)
        mc = monte_carlo(result, iterations=400, seed=3, dist=dist)
        declared = [i for i, key in enumerate(result.declared.keys) if key]
        assert result.scores[declared, 0].sum() == pytest.approx(2.0)
        spread.append(float(np.std(np.log(mc.samples[:, 0]))))
    assert spread[0] > 2 * spread[1]
