"""What an evidence pack reports: the carbon footprint split, the datasets with their
provenance, the options and the report id, against independent calculations."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.lca.engine import assess
from greendesign.model.part import TransportLeg
from greendesign.model.vocab import TransportMode
from greendesign.report.pack_data import (
    CARBON_METHODS,
    GWP100,
    ExportOptions,
    PackError,
    gather,
    report_id,
)

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture(scope="module")
def kettle():
    return load_project(next(p for p in demo_products() if p.stem == "electric_kettle"))


def test_the_footprint_splits_into_fossil_biogenic_and_land_use(kettle, bg):
    data = gather(kettle, ExportOptions(designs=("baseline", "pp-body"), iterations=50),
                  background=bg)
    for name, design in data.designs.items():
        independent = assess(kettle.design(name), list(CARBON_METHODS), background=bg,
                             allow_gaps=True)
        total, fossil, biogenic, land_use = (float(v) for v in independent.total)
        carbon = design.carbon
        assert carbon.total_kg == pytest.approx(total, rel=1e-12)
        assert carbon.fossil_kg == pytest.approx(fossil, rel=1e-12)
        assert carbon.biogenic_kg == pytest.approx(biogenic, abs=1e-9)
        assert carbon.land_use_kg == pytest.approx(land_use, abs=1e-9)
        # the IPCC 2021 split is exhaustive: its parts add up to the total
        assert abs(carbon.split_residual_kg) <= 1e-6 * total
        assert sum(carbon.by_stage_kg.values()) == pytest.approx(total, rel=1e-9)
        assert carbon.credits_beyond_boundary_kg == pytest.approx(
            float(independent.credits[0]), rel=1e-12)
        assert carbon.per_year_kg == pytest.approx(
            total / kettle.design(name).service_life_years)
        assert carbon.p2_5_kg < total < carbon.p97_5_kg
    assert data.comparison is not None and data.paired is not None
    assert set(data.comparison.designs) == {"baseline", "pp-body"}


def test_aircraft_emissions_are_the_air_freight_lines(kettle, bg):
    product = kettle.design("baseline").model_copy(deep=True)
    product.scenario.distribution.append(TransportLeg(mode=TransportMode.AIR,
                                                      distance_km=1200.0))
    project = kettle.model_copy(update={"product": product, "variants": []})
    data = gather(project, ExportOptions(iterations=0), background=bg)
    # by hand: product mass (t) x km x the air dataset's cradle-to-gate GWP100 per t*km
    per_tkm = float(bg.H[bg.method_row[GWP100], bg.column["air"]])
    expected = product.mass_kg / 1000.0 * 1200.0 * per_tkm
    assert expected > 0
    assert data.main.carbon.aircraft_kg == pytest.approx(expected, rel=1e-12)
    assert data.main.carbon.p2_5_kg is None and data.main.monte_carlo is None


def test_every_dataset_used_is_listed_with_its_provenance(kettle, bg):
    data = gather(kettle, ExportOptions(iterations=0), background=bg)
    used = {line.dataset for line in data.main.result.model.lines}
    listed = {record.code: record for record in data.datasets}
    assert set(listed) == used
    steel = listed["steel_stainless_304"]
    assert steel.geography == "RNA" and steel.year and "USLCI" in steel.source
    assert len(steel.pedigree) == 5 and all(1 <= p <= 5 for p in steel.pedigree)
    assert steel.name_zh  # the catalogue's Chinese name
    # the Chinese grids are life-cycle datasets from the CEC/NBS generation mixes
    grids = [r for r in data.datasets if r.code.startswith("electricity_CN")]
    assert grids and not any(r.ghg_only for r in grids)
    assert all("CEC" in r.source and r.proxy_zh for r in grids)


def test_the_methods_always_hold_the_carbon_footprint(kettle, bg):
    only = ("EF v3.1", "acidification", "accumulated exceedance (AE)")
    data = gather(kettle, ExportOptions(methods=(only,), iterations=0), background=bg)
    assert data.methods[0] == only
    assert all(m in data.methods for m in CARBON_METHODS)
    assert len(data.units) == len(data.methods)
    j = data.method_index(only)
    assert float(data.main.result.total[j]) == pytest.approx(float(assess(
        kettle.product, [only], background=bg, allow_gaps=True).total[0]), rel=1e-12)


def test_bad_options_are_refused_with_a_fix(kettle, bg):
    with pytest.raises(PackError, match="language"):
        ExportOptions(language="fr")
    with pytest.raises(PackError, match="section"):
        ExportOptions(sections=("cover", "appendix_z"))
    with pytest.raises(PackError, match="iterations"):
        ExportOptions(iterations=1)
    with pytest.raises(PackError, match="no design 'nope'"):
        gather(kettle, ExportOptions(designs=("nope",)), background=bg)
    with pytest.raises(PackError, match="not installed"):
        gather(kettle, ExportOptions(methods=(("X", "y", "z"),)), background=bg)
    with pytest.raises(PackError, match="cancelled"):
        gather(kettle, ExportOptions(iterations=0), background=bg, cancelled=lambda: True)


def test_options_survive_json_and_the_report_id_names_the_day(kettle):
    options = ExportOptions(designs=("baseline", "pp-body"), language="both", iterations=10,
                            seed=7, sections=("cover", "lca"))
    assert ExportOptions.from_json(options.to_json()) == options
    moment = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    first = report_id(kettle, moment)
    assert re.fullmatch(r"GD-20261201-[0-9A-F]{10}", first)
    assert report_id(kettle, moment) == first
    assert report_id(kettle, moment.replace(minute=31)) != first
