"""China's grids over the life cycle of the supply (lca_data/build/china_grids.py).

The generation mixes (factors/grid_mix_cn.csv) with the technology datasets give each
grid's CO2 at the power plants; it is checked against the MEE/NBS 2023 factors of the
same region, which count the same CO2 of fossil generation per kWh. The life-cycle
datasets in Brightway are then checked for what the published factor leaves out.
"""

from __future__ import annotations

import csv
import importlib.util
import math
from pathlib import Path

import pytest

from greendesign.bundled import lca_data_dir
from greendesign.inventory.datasets import load_datasets
from greendesign.model import ElectricityAccounting, LifecycleScenario, Part, Product, UsePhase
from greendesign.model.scenario import ProductionScenario

FACTORS = lca_data_dir() / "factors"
REGIONS = ("CN", "CN-North", "CN-Northeast", "CN-East", "CN-Central", "CN-Northwest",
           "CN-South", "CN-Southwest")
#: MEE/NBS announcement of the 2023 electricity CO2 factors (shared REFERENCES.md), kg CO2/kWh
MEE_2023 = {"CN": 0.5306, "CN-North": 0.6361, "CN-Northeast": 0.5122, "CN-East": 0.5500,
            "CN-Central": 0.5271, "CN-Northwest": 0.5543, "CN-South": 0.4042,
            "CN-Southwest": 0.2472}
#: Stack CO2 per MJ of electricity of the USLCI plants, read off the extracted exchanges
#: by hand (lca_data/uslci/exchanges.csv, flow 349b29d1 "Carbon dioxide, fossil", air)
USLCI_STACK_CO2_PER_MJ = {"gas": 0.16240555555555555,
                          "bituminous coal": 0.27613055555555555}


def _read(name: str) -> list[dict[str, str]]:
    with open(FACTORS / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _build_module():
    path = lca_data_dir() / "build" / "china_grids.py"
    spec = importlib.util.spec_from_file_location("china_grids_build", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mix() -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for row in _read("grid_mix_cn.csv"):
        out.setdefault(row["region"], {})[row["technology"]] = float(row["share"])
    return out


def _system() -> dict[str, float]:
    return {row["code"]: float(row["value"]) for row in _read("power_system_cn.csv")}


def test_the_grid_datasets_are_the_build_of_the_cited_files():
    datasets, recipes = _build_module().build()
    folder = lca_data_dir() / "datasets"
    assert (folder / "datasets_china_grids.csv").read_text(encoding="utf-8") == datasets
    assert (folder / "recipes_china_grids.csv").read_text(encoding="utf-8") == recipes


def test_every_mix_is_cited_and_sums_to_one():
    rows = _read("grid_mix_cn.csv")
    assert {r["region"] for r in rows} == set(REGIONS)
    for region, shares in _mix().items():
        assert sum(shares.values()) == pytest.approx(1.0, abs=0.005), region
    for row in rows:
        assert row["source"] and row["year"] == "2023" and row["verified"] in ("yes", "no")
        assert len(row["pedigree"].split(";")) == 5
    # the national mix is the sum of the regions' generation
    twh = {}
    for row in rows:
        twh.setdefault(row["technology"], {})[row["region"]] = float(row["generation_twh"])
    for tech, by_region in twh.items():
        regional = sum(v for k, v in by_region.items() if k != "CN")
        assert regional == pytest.approx(by_region.get("CN", 0.0), rel=0.002, abs=0.2), tech


def _generation_co2(region: str) -> float:
    """kg CO2 at the power plants per kWh generated in ``region``, by hand: coal from the
    Chinese supply rate (g standard coal per kWh x 29.3076 MJ/kgce x 94.6 kg CO2/GJ, IPCC
    2006 default for bituminous coal), gas at the USLCI plant's stack CO2, biomass,
    nuclear, hydro, wind and solar without fossil CO2 at the plant."""
    system = _system()
    coal = system["coal_supply_gce_per_kwh_CN"] / 1000.0 * 29.3076 * 94.6 / 1000.0
    gas = USLCI_STACK_CO2_PER_MJ["gas"] * 3.6
    mix = _mix()[region]
    return mix.get("coal", 0.0) * coal + mix.get("gas", 0.0) * gas


def test_generation_co2_matches_the_mee_factors():
    """Within 3 % for the nation and 12 % for each region. The MEE/NBS factors are
    consumption-side: a region's factor includes the electricity it imports (East and
    South take hydro from the Southwest over the West-to-East lines, which lowers theirs
    against their own generation, and raises the Southwest's), while the mixes here are
    each region's own generation; the regional thermal split uses the national gas share
    (gas-rich South and East get slightly too much coal)."""
    assert _generation_co2("CN") == pytest.approx(MEE_2023["CN"], rel=0.03)
    for region in REGIONS[1:]:
        assert _generation_co2(region) == pytest.approx(MEE_2023[region], rel=0.12), region
    # the exporting hydro region is below its factor and the importers above
    assert _generation_co2("CN-Southwest") < MEE_2023["CN-Southwest"]
    assert _generation_co2("CN-East") > MEE_2023["CN-East"]


def test_recipes_carry_the_losses_and_the_coal_scaling():
    datasets = load_datasets()
    loss = _system()["line_loss_CN"]
    for region in REGIONS:
        lines = datasets[f"electricity_{region}"].lines
        assert sum(line.amount for line in lines) == pytest.approx(
            sum(_mix()[region].values()) / (1.0 - loss), rel=1e-8)
    (coal,) = datasets["power_coal_CN"].lines
    expected = _generation_co2_coal_per_mj()
    assert coal.amount == pytest.approx(3.6 * expected / USLCI_STACK_CO2_PER_MJ[
        "bituminous coal"], rel=1e-6)
    # the published factors stay as the explicit alternative, CO2 only
    for region in REGIONS:
        published = datasets[f"electricity_co2_{region}"]
        assert published.ghg_only and published.lines[0].target == region


def _generation_co2_coal_per_mj() -> float:
    system = _system()
    return system["coal_supply_gce_per_kwh_CN"] / 1000.0 * 29.3076 * 94.6 / 1000.0 / 3.6


def _kettle_like(accounting: ElectricityAccounting) -> Product:
    part = Part(id="body", name="Body", mass_kg=1.0, material="steel_stainless_304")
    return Product(name="Kettle", functional_unit="boiling", service_life_years=5,
                   bom=[part], scenario=LifecycleScenario(
                       production=ProductionScenario(grid="CN-South"),
                       use=UsePhase(grid="CN-South", energy_kwh_per_year=36.0),
                       electricity_accounting=accounting))


@pytest.mark.inventory
def test_life_cycle_grid_covers_what_the_published_factor_leaves_out(bg):
    from greendesign.lca.engine import CED_TOTAL, GWP100, assess, default_methods

    methods = default_methods(bg)
    life = assess(_kettle_like(ElectricityAccounting.LIFE_CYCLE), methods, background=bg)
    published = assess(_kettle_like(ElectricityAccounting.PUBLISHED_CO2_FACTOR), methods,
                       background=bg)
    kwh = 36.0 * 5
    use_life = life.by_stage().loc["use"]
    use_pub = published.by_stage().loc["use"]
    gwp = " | ".join(GWP100)
    # the published choice is exactly kWh x the MEE/NBS factor, and nothing else
    assert use_pub[gwp] == pytest.approx(kwh * MEE_2023["CN-South"], rel=1e-9)
    assert use_pub[" | ".join(CED_TOTAL)] == 0.0
    # the life cycle adds the fuel chains (coal-mine methane, transport) and the losses
    generation = _generation_co2("CN-South")
    assert use_life[gwp] / kwh > generation / (1.0 - _system()["line_loss_CN"])
    assert use_life[gwp] / kwh == pytest.approx(float(
        bg.H[bg.method_row[GWP100], bg.column["electricity_CN-South"]]), rel=1e-9)
    assert 1.0 < use_life[gwp] / use_pub[gwp] < 1.5
    # CED and the combustion-driven categories are no longer zero
    covered = ["Cumulative Energy Demand (CED) | total | energy content (HHV)",
               "EF v3.1 | acidification | accumulated exceedance (AE)",
               "EF v3.1 | particulate matter formation | impact on human health",
               "EF v3.1 | eutrophication: terrestrial | accumulated exceedance (AE)",
               "EF v3.1 | photochemical oxidant formation: human health | tropospheric ozone "
               "concentration increase",
               "EF v3.1 | energy resources: non-renewable | abiotic depletion potential (ADP): "
               "fossil fuels"]
    for label in covered:
        assert use_life[label] > 0 and use_pub[label] == 0.0, label
    # CED per kWh: at least the coal's own heating value per kWh delivered
    coal_mj = _system()["coal_supply_gce_per_kwh_CN"] / 1000.0 * 29.3076
    ced = use_life[" | ".join(CED_TOTAL)] / kwh
    assert ced > _mix()["CN-South"]["coal"] * coal_mj
    assert math.isfinite(ced) and ced < 15.0


def test_accounting_is_a_saved_choice(tmp_path: Path):
    from greendesign.io.project_file import load_project, save_project
    from greendesign.lca.lifecycle import grid_dataset
    from greendesign.model import Project

    product = _kettle_like(ElectricityAccounting.PUBLISHED_CO2_FACTOR)
    path = tmp_path / "kettle.gdproj"
    save_project(Project(product=product), path)
    loaded = load_project(path).product
    assert loaded.scenario.electricity_accounting is ElectricityAccounting.PUBLISHED_CO2_FACTOR
    assert Product.model_validate({"name": "x", "functional_unit": "y",
                                   "service_life_years": 1}).scenario.electricity_accounting \
        is ElectricityAccounting.LIFE_CYCLE
    known = {"electricity_CN", "electricity_co2_CN", "electricity_DE"}
    assert grid_dataset("CN", ElectricityAccounting.PUBLISHED_CO2_FACTOR, known) == \
        "electricity_co2_CN"
    assert grid_dataset("CN", ElectricityAccounting.LIFE_CYCLE, known) == "electricity_CN"
    # a grid without a published factor of its own keeps its dataset
    assert grid_dataset("DE", ElectricityAccounting.PUBLISHED_CO2_FACTOR, known) == \
        "electricity_DE"
