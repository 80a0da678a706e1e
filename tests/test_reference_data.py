"""The cited reference data files of lca_data and their loader."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from greendesign.bundled import lca_data_dir
from greendesign.errors import GreenDesignError
from greendesign.inventory import reference_data as rd
from greendesign.inventory.user_catalogue import load_catalogue

LOADERS = [rd.material_properties, rd.eol_scenarios, rd.published_gwp, rd.grid_factors]


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f.__name__)
def test_every_file_loads_with_provenance(loader):
    records = loader()
    assert records
    for record in records.values():
        prov = record.provenance
        assert prov.source.strip()
        assert prov.locator.strip()
        assert 1900 <= prov.year <= 2100
        assert prov.geography.strip()
        assert len(prov.pedigree) == 5 and all(1 <= s <= 5 for s in prov.pedigree)
        assert isinstance(prov.verified, bool)
        if not prov.verified:
            assert prov.note.strip()


def test_china_grid_factors_exactly_as_published():
    grid = rd.grid_factors()
    expected = {
        "CN": 0.5306, "CN-2021": 0.5568, "CN-2022": 0.5366,
        "CN-North": 0.6361, "CN-Northeast": 0.5122, "CN-East": 0.5500,
        "CN-Central": 0.5271, "CN-Northwest": 0.5543, "CN-South": 0.4042,
        "CN-Southwest": 0.2472,
    }
    for code, value in expected.items():
        assert grid[code].kgco2_per_kwh == value, code
        assert grid[code].gas_basis == "CO2"
    assert grid["CN-2021"].location == "CN"
    assert all(f.kgco2_per_kwh != 0.5703 for f in grid.values())


def test_grid_covers_six_other_countries_and_renewables():
    grid = rd.grid_factors()
    others = {f.location for f in grid.values()} - {"PV", "WIND", "HYDRO"}
    others = {c for c in others if not c.startswith("CN")}
    assert len(others) >= 6
    assert grid["PV"].kgco2_per_kwh == 0.048
    assert grid["WIND"].kgco2_per_kwh == 0.011
    assert grid["HYDRO"].kgco2_per_kwh == 0.024


def test_eol_shares_sum_to_one_for_every_region_and_family():
    scenarios = rd.eol_scenarios()
    catalogue = load_catalogue()
    regions = catalogue.codes("eol_region")
    families = {e.family for e in catalogue.entries("material")}
    for region in regions:
        for family in families:
            shares = scenarios[(region, family)]
            total = shares.recycling + shares.energy_recovery + shares.landfill
            assert total == pytest.approx(1.0, abs=1e-6)
            assert 0.0 <= shares.recycling_yield <= 1.0


def test_every_structural_material_has_properties():
    props = rd.material_properties()
    missing = [e.code for e in load_catalogue().entries("material")
               if rd.is_structural_family(e.family) and e.code not in rd.NON_STRUCTURAL_CODES
               and e.code not in props]
    assert missing == []
    for p in props.values():
        assert p.density_kg_m3 > 0 and p.youngs_modulus_gpa > 0 and p.yield_strength_mpa > 0


#: Literature values quoted only to check the inventory in tests (not shipped in lca_data,
#: not used in any calculation): the ICE database's licence does not cover software.
LITERATURE = Path(__file__).parent / "data" / "literature"


def test_published_gwp_covers_common_materials():
    shipped = rd.published_gwp()
    assert not [f for f in shipped.values() if "Inventory of Carbon" in f.provenance.source]
    gwp = {**rd.read_published_gwp(LITERATURE), **shipped}
    assert len(gwp) >= 25
    for code in ("steel_sheet_cold_rolled", "steel_stainless_304", "copper", "pp", "abs", "pc",
                 "pa66", "glass_float", "plywood"):
        assert code in gwp
    assert all(f.tolerance > 0 and f.unit == "kg" for f in gwp.values())


def _damaged_copy(tmp_path: Path, relative: Path, row: int, column: str, value: str) -> Path:
    folder = tmp_path / "lca_data"
    shutil.copytree(lca_data_dir(), folder)
    path = folder / relative
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return folder


@pytest.mark.parametrize(("relative", "reader", "column", "value"), [
    (rd.GRID_FILE, rd.read_grid_factors, "kgco2_per_kwh", "nan"),
    (rd.PROPERTIES_FILE, rd.read_material_properties, "pedigree", "2;3;9;1;1"),
    (rd.EOL_FILE, rd.read_eol_scenarios, "landfill", "0.9"),
    (rd.GWP_FILE, rd.read_published_gwp, "code", "unobtainium"),
    (rd.GWP_FILE, rd.read_published_gwp, "source", ""),
])
def test_damaged_file_names_file_row_and_column(tmp_path, relative, reader, column, value):
    folder = _damaged_copy(tmp_path, relative, 3, column, value)
    with pytest.raises(rd.ReferenceDataError) as info:
        reader(folder)
    assert isinstance(info.value, GreenDesignError)
    problem = info.value.problems[0]
    assert problem.row == 3
    assert problem.column == column
    assert relative.name in str(info.value)
    assert "row 3" in str(info.value)


def test_missing_file_is_reported(tmp_path):
    folder = tmp_path / "lca_data"
    shutil.copytree(lca_data_dir(), folder)
    (folder / rd.GRID_FILE).unlink()
    with pytest.raises(rd.ReferenceDataError, match="missing"):
        rd.read_grid_factors(folder)
