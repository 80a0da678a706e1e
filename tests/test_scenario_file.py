"""The scenario file beside a BOM: reading JSON and XLSX, dotted overrides, errors, and the
LCA of a BOM with a scenario against the project and an independent calculation."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from greendesign.errors import GreenDesignError
from greendesign.io.project_file import load_project
from greendesign.io.scenario_file import (
    ScenarioFileError,
    apply_scenario,
    parse_dotted,
    read_scenario,
)

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
KETTLE = DEMO / "electric_kettle.gdproj"
KETTLE_SCENARIO = DEMO / "electric_kettle.scenario.json"
GWP = "IPCC 2021|climate change|global warming potential (GWP100)"


def flatten(data, prefix: str = "") -> dict:
    """Dotted keys (list entries from 1) of a nested dict: the XLSX sheet's rows."""
    out = {}
    items = enumerate(data, start=1) if isinstance(data, list) else data.items()
    for key, value in items:
        name = f"{prefix}{key}"
        if isinstance(value, dict | list) and value:
            out.update(flatten(value, name + "."))
        elif value is not None and value != [] and value != {}:
            out[name] = value
    return out


def write_sheet(path: Path, rows: list[tuple], header=("字段", "值")) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "BOM"
    book.active.append(["name", "mass", "material"])
    sheet = book.create_sheet("scenario")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def kettle():
    return load_project(KETTLE).product


def bare(product):
    """The product with the default scenario, as a BOM file alone gives it."""
    from greendesign.model import LifecycleScenario

    return product.model_copy(update={"scenario": LifecycleScenario()})


def problems_of(excinfo) -> list:
    assert excinfo.value.problems, str(excinfo.value)
    return excinfo.value.problems


# --- reading -------------------------------------------------------------------------------

def test_bundled_scenario_is_the_kettle_projects():
    product = kettle()
    applied = apply_scenario(bare(product), read_scenario(KETTLE_SCENARIO))
    assert applied.scenario == product.scenario
    assert applied.service_life_years == product.service_life_years == 5.0
    assert applied.manufacturer_region == product.manufacturer_region


def test_json_and_xlsx_read_to_the_same_scenario(tmp_path):
    data = json.loads(KETTLE_SCENARIO.read_text(encoding="utf-8"))
    rows = list(flatten(data).items())
    assert ("distribution.2.distance_km", 100.0) in rows
    assert ("use.operating_modes.1.power_w", 2200.0) in rows
    book = write_sheet(tmp_path / "kettle.xlsx", [("# comment row", "ignored")] + rows)
    from_json, from_xlsx = read_scenario(KETTLE_SCENARIO), read_scenario(book)
    assert from_xlsx.service_life_years == from_json.service_life_years == 5.0
    assert from_xlsx.rows["use.operating_modes.1.power_w"] == 3 + rows.index(
        ("use.operating_modes.1.power_w", 2200.0))
    base = bare(kettle())
    assert apply_scenario(base, from_xlsx).scenario == apply_scenario(base, from_json).scenario
    # the English header is read the same; further columns (a unit, a note) are ignored
    english = write_sheet(tmp_path / "en.xlsx", [(k, v, "note") for k, v in rows],
                          header=("Field", "Value", "Note"))
    assert apply_scenario(base, read_scenario(english)).scenario == kettle().scenario


def test_dotted_overrides_change_only_what_they_name():
    product = kettle()
    changed = apply_scenario(product, {"production.grid": "CN-East", "use.years": 5,
                                       "distribution.1.mode": "rail",
                                       "distribution.1.distance_km": 800}, where="manifest")
    assert changed.scenario.production.grid == "CN-East"
    assert changed.scenario.production.factory_electricity_kwh == 1.2  # kept
    assert changed.scenario.use.years == 5.0
    assert [(leg.mode.value, leg.distance_km) for leg in changed.scenario.distribution] == [
        ("rail", 800.0)]  # a list given replaces the list whole
    assert changed.scenario.use.operating_modes == product.scenario.use.operating_modes
    assert product.scenario.production.grid == "CN-South"  # the original is untouched
    # one energy source given replaces the other
    measured = apply_scenario(product, {"use.energy_kwh_per_year": 130})
    assert measured.scenario.use.operating_modes == []
    assert measured.scenario.use.annual_energy_kwh() == 130.0


def test_parse_dotted_nests_and_numbers_from_one():
    assert parse_dotted({"use.operating_modes.2.name": "standby",
                         "use.operating_modes.1.name": "on", "use.grid": "CN"}, "m") == {
        "use": {"operating_modes": [{"name": "on"}, {"name": "standby"}], "grid": "CN"}}
    with pytest.raises(ScenarioFileError) as excinfo:
        parse_dotted({"distribution.1.mode": "rail", "distribution.3.mode": "air"}, "m")
    assert problems_of(excinfo)[0].field == "distribution"
    with pytest.raises(ScenarioFileError):
        parse_dotted({"use.grid": "CN", "use.grid.x": 1}, "m")


# --- errors --------------------------------------------------------------------------------

def _json(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("data", "field", "location"), [
    ({"use": {"energy_kwh_per_yaer": 100}}, "use.energy_kwh_per_yaer",
     "$.use.energy_kwh_per_yaer"),
    ({"distribution": [{"mode": "rail", "distance_km": 10},
                       {"mode": "rail", "distance_km": -5}]},
     "distribution.2.distance_km", "$.distribution[1].distance_km"),
    ({"production": {"green_power_share": 1.5}}, "production.green_power_share",
     "$.production.green_power_share"),
    ({"production": {"grid": "CN-Est"}}, "production.grid", "$.production.grid"),
    ({"use": {"energy_kwh_per_year": 100,
              "operating_modes": [{"name": "on", "power_w": 5, "hours_per_year": 10}]}},
     "use", "$.use"),
    ({"service_life_years": -1}, "service_life_years", "$.service_life_years"),
])
def test_bad_fields_are_named(tmp_path, data, field, location):
    path = _json(tmp_path, data)
    with pytest.raises(ScenarioFileError) as excinfo:
        read_scenario(path)
    problem = problems_of(excinfo)[0]
    assert (problem.field, problem.location) == (field, location)
    assert str(path) in str(excinfo.value)
    assert isinstance(excinfo.value, GreenDesignError)


def test_unknown_field_and_grid_suggest_the_known_ones(tmp_path):
    with pytest.raises(ScenarioFileError) as excinfo:
        read_scenario(_json(tmp_path, {"use": {"energy_kwh_per_yaer": 100}}))
    assert "'energy_kwh_per_year'" in problems_of(excinfo)[0].hint
    assert "operating_modes" in problems_of(excinfo)[0].hint
    with pytest.raises(ScenarioFileError) as excinfo:
        read_scenario(_json(tmp_path, {"end_of_life": {"region": "cn"}, "use": {"grid": "XX"}}))
    found = {p.field: p.hint for p in problems_of(excinfo)}
    assert "'CN'" in found["end_of_life.region"] and "GLO" in found["end_of_life.region"]
    assert "CN-East" in found["use.grid"] and "DE" in found["use.grid"]


def test_bad_row_of_the_sheet_is_named(tmp_path):
    book = write_sheet(tmp_path / "bad.xlsx", [
        ("service_life_years", 8), ("use.operating_modes.1.name", "on"),
        ("use.operating_modes.1.power_w", -3), ("use.operating_modes.1.hours_per_year", 100),
        ("use.grid", "CN")])
    with pytest.raises(ScenarioFileError) as excinfo:
        read_scenario(book)
    problem = problems_of(excinfo)[0]
    assert (problem.row, problem.field) == (4, "use.operating_modes.1.power_w")
    assert "4" in problem.location and "scenario" in problem.location
    book = write_sheet(tmp_path / "typo.xlsx", [("use.grid", "CN"), ("end_of_life.regoin", "CN")])
    with pytest.raises(ScenarioFileError) as excinfo:
        read_scenario(book)
    assert (problems_of(excinfo)[0].row, problems_of(excinfo)[0].field) == (
        3, "end_of_life.regoin")


def test_missing_sheet_and_replacement_of_an_unknown_part(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.save(tmp_path / "bom_only.xlsx")
    with pytest.raises(ScenarioFileError) as excinfo:
        read_scenario(tmp_path / "bom_only.xlsx")
    assert "scenario" in str(excinfo.value)
    with pytest.raises(ScenarioFileError):
        apply_scenario(kettle(), {"use.replacements.1.part_id": "no_such_part",
                                  "use.replacements.1.count": 1})


# --- LCA: the CLI on a BOM plus a scenario --------------------------------------------------

def _cli_gwp(capsys, *args: str) -> float:
    from greendesign.cli import main

    capsys.readouterr()
    assert main(["assess", *args, "--method", GWP, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["results"][0]["total"]


def _gwp(product, bg) -> float:
    from greendesign.lca.engine import GWP100, assess

    return float(assess(product, [GWP100], background=bg, allow_gaps=True).total[0])


@pytest.mark.inventory
def test_cli_bom_plus_scenario_equals_the_project(tmp_path, capsys, bg):
    from greendesign.io.bom_export import export_bom
    from greendesign.lca.engine import GWP100

    product = kettle()
    bom = export_bom(product, tmp_path / "kettle.csv")
    from_bom = _cli_gwp(capsys, str(bom), "--scenario", str(KETTLE_SCENARIO))
    # the flat BOM format holds no inbound transport legs of parts: the project without them
    data = product.model_dump()
    stack = list(data["bom"])
    legs = []
    while stack:
        node = stack.pop()
        stack += node.get("children", [])
        if node["kind"] == "part":
            legs += [(node, leg) for leg in node["transport_legs"]]
            node["transport_legs"] = []
    from greendesign.model import Product

    without_legs = Product.model_validate(data)
    assert math.isclose(from_bom, _gwp(without_legs, bg), rel_tol=1e-9)
    # ... and they are the whole difference to the project: t x km x the mode's GWP100
    row = bg.method_row[GWP100]
    legs_gwp = sum(n["mass_kg"] * (1 + n["scrap_rate"]) * n["quantity"] / 1000.0 *
                   leg["distance_km"] * float(bg.H[row, bg.column[str(leg["mode"])]])
                   for n, leg in legs)  # every leg part sits in quantity-1 assemblies
    assert len(legs) == 4 and legs_gwp > 0
    project_total = _cli_gwp(capsys, str(KETTLE))
    assert math.isclose(project_total, from_bom + legs_gwp, rel_tol=1e-9)
    # without the scenario file, a BOM needs --service-life; with it, it does not
    from greendesign.cli import main

    assert main(["assess", str(bom), "--method", GWP]) != 0


@pytest.mark.inventory
def test_use_phase_adds_kwh_times_the_grid_factor(bg):
    from greendesign.lca.engine import GWP100

    product = apply_scenario(bare(kettle()), read_scenario(KETTLE_SCENARIO))
    off = apply_scenario(product, {"use.operating_modes": []})
    with_use, without = _gwp(product, bg), _gwp(off, bg)
    assert with_use > without
    kwh_per_year = 2200.0 * 55.0 / 1000.0  # boiling; "off on base" draws 0 W
    years = 5.0  # use.years is not given: the service life
    intensity = float(bg.H[bg.method_row[GWP100], bg.column["electricity_CN"]])
    assert math.isclose(with_use - without, kwh_per_year * years * intensity, rel_tol=1e-9)


def test_bundled_locations_are_the_catalogues():
    from greendesign.inventory.user_catalogue import load_catalogue
    from greendesign.io.scenario_file import bundled_locations

    for kind in ("grid", "eol_region"):
        assert list(bundled_locations()[kind]) == load_catalogue().codes(kind)
    # a caller may give its own codes
    assert apply_scenario(kettle(), {"use.grid": "XX"}, locations={"grid": ["XX"]}
                          ).scenario.use.grid == "XX"
