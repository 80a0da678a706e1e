"""BOM export: rows, CSV/XLSX files, CSV injection guard, exact round trip."""

from __future__ import annotations

import math

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greendesign.errors import SaveError
from greendesign.io.bom_columns import CANONICAL_COLUMNS
from greendesign.io.bom_export import bom_rows, export_bom, mass_cell, share_cell
from greendesign.io.bom_import import import_bom, product_from_bom
from greendesign.model import Assembly, JointType, Part, ProcessUse, Product
from greendesign.units import MASS_UNITS

PRODUCT_FIELDS = {"name": "Kettle", "functional_unit": "boiling water for 5 years",
                  "service_life_years": 5.0}


def kettle() -> Product:
    body = Part(id="P1", name="Body", name_zh="壶身", mass=250, mass_unit="g", material="pp",
                recycled_content=0.3, scrap_rate=0.05, joint="snap-fit", joint_count=4,
                processes=[ProcessUse(dataset="injection_moulding"),
                           ProcessUse(dataset="painting", amount=0.02)],
                plastic_marking=">PP<", module="housing")
    element = Part(id="P2", name="Heating element", mass=0.5, mass_unit="lb",
                   material="stainless_steel", priority_part=True, priority_kind="heater",
                   scrap_rate=1.5, notes="=cmd|' /C calc'!A0")
    screw = Part(id="P3", name="Screw", mass=1.2, mass_unit="g", material="steel", quantity=6,
                 joint="screw", priority_part=True)
    base = Assembly(id="A1", name="Base", name_zh="底座", children=[element, screw],
                    joint="bolt")
    return Product(**PRODUCT_FIELDS, bom=[body, base])


def test_bom_rows_values():
    rows = bom_rows(kettle())
    assert list(rows[0]) == list(CANONICAL_COLUMNS)
    body, base, element, screw = rows
    assert body == {
        "level": "1", "id": "P1", "name": "Body", "name_zh": "壶身", "quantity": "1",
        "mass": "250", "mass_unit": "g", "material": "pp", "recycled_content": "0.3",
        "scrap_rate": "0.05", "process": "injection_moulding;painting",
        "process_amount": ";0.02", "joint": "snap-fit", "joint_count": "4",
        "module": "housing", "priority_part": "no", "plastic_marking": ">PP<", "notes": ""}
    # assembly: level 1, its mass is the sum of its parts in kg, part-only cells empty
    assert base["level"] == "1" and base["mass_unit"] == "kg"
    assert float(base["mass"]) == pytest.approx(0.5 * 0.45359237 + 6 * 0.0012)
    assert base["material"] == base["recycled_content"] == base["priority_part"] == ""
    assert (element["level"], element["mass"], element["mass_unit"]) == ("2", "0.5", "lb")
    assert (element["scrap_rate"], element["priority_part"]) == ("150%", "heater")
    assert (screw["quantity"], screw["mass"], screw["priority_part"]) == ("6", "1.2", "yes")


def test_csv_file_is_utf8_with_bom_and_guards_formulas(tmp_path):
    path = export_bom(kettle(), tmp_path / "kettle.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == ",".join(CANONICAL_COLUMNS)
    assert "壶身" in lines[1]
    assert lines[3].endswith(",'=cmd|' /C calc'!A0")  # quote-prefixed, never a formula
    assert [p.name for p in tmp_path.iterdir()] == ["kettle.csv"]  # no temporary file left


def test_xlsx_cells_are_typed_and_text_is_never_a_formula(tmp_path):
    path = export_bom(kettle(), tmp_path / "kettle.xlsx")
    book = openpyxl.load_workbook(path)  # not data_only: a formula would show as one
    sheet = book["BOM"]
    assert [c.value for c in sheet[1]] == list(CANONICAL_COLUMNS)
    notes = sheet.cell(row=4, column=CANONICAL_COLUMNS.index("notes") + 1)
    assert (notes.value, notes.data_type) == ("=cmd|' /C calc'!A0", "s")
    mass = sheet.cell(row=2, column=CANONICAL_COLUMNS.index("mass") + 1)
    assert (mass.value, mass.data_type) == (250, "n")
    rc = sheet.cell(row=2, column=CANONICAL_COLUMNS.index("recycled_content") + 1)
    assert rc.value == 0.3


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip(tmp_path, suffix):
    product = kettle()
    path = export_bom(product, tmp_path / f"kettle{suffix}")
    result = import_bom(path)
    assert result.warnings == []
    assert product_from_bom(result, **PRODUCT_FIELDS) == product


def test_unknown_suffix(tmp_path):
    with pytest.raises(SaveError, match=".csv or .xlsx"):
        export_bom(kettle(), tmp_path / "kettle.ods")


def test_mass_cell_is_exact_and_falls_back_to_kg():
    factor = MASS_UNITS["g"]
    assert mass_cell(0.25, "g") == "250"
    assert float(mass_cell(0.0455, "g")) * factor == 0.0455
    # find a mass in kg that no float times 0.001 gives: it is written in kg
    mass = 0.123
    while any(math.isclose(v * factor, mass, rel_tol=0) for v in _near(mass / factor)):
        mass = math.nextafter(mass, 1.0)
    text = mass_cell(mass, "g")
    assert text.endswith(" kg") and float(text[:-3]) == mass


def _near(value, steps=6):
    out, low, high = [value], value, value
    for _ in range(steps):
        low, high = math.nextafter(low, -math.inf), math.nextafter(high, math.inf)
        out += [low, high]
    return out


def test_fallback_mass_round_trips_with_display_unit(tmp_path):
    mass = 0.123
    while not mass_cell(mass, "g").endswith(" kg"):
        mass = math.nextafter(mass, 1.0)
    product = Product(**PRODUCT_FIELDS, bom=[Part(id="P1", name="Odd", mass_kg=mass,
                                                  mass_unit="g", material="pp")])
    for suffix in (".csv", ".xlsx"):
        imported = import_bom(export_bom(product, tmp_path / f"odd{suffix}"))
        assert (imported.nodes[0].mass_kg, imported.nodes[0].mass_unit) == (mass, "g")


@pytest.mark.parametrize("share, text", [(0.0, "0"), (0.3, "0.3"), (1.0, "1"), (1.5, "150%"),
                                         (20.0, "2000%")])
def test_share_cell(share, text):
    assert share_cell(share) == text


# --- property: random valid trees survive export and import ------------------------------

_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20)
_code = st.from_regex(r"[a-z][a-z0-9_.]{0,15}", fullmatch=True)
_positive = st.floats(min_value=1e-6, max_value=1e4, allow_nan=False, allow_infinity=False)


@st.composite
def _fields(draw):
    processes = draw(st.lists(st.tuples(_code, st.none() | _positive), max_size=3))
    return {
        "name": draw(_text.filter(lambda s: s.strip())),
        "name_zh": draw(_text),
        "quantity": draw(st.floats(min_value=0.001, max_value=1000)),
        "joint": draw(st.sampled_from(list(JointType))),
        "joint_count": draw(st.integers(1, 10_000)),
        "module": draw(_text),
        "notes": draw(_text),
        "processes": [ProcessUse(dataset=c, amount=a) for c, a in processes],
    }


@st.composite
def _part(draw):
    unit = draw(st.sampled_from(list(MASS_UNITS)))
    priority = draw(st.booleans())
    mass = ({"mass_kg": draw(_positive)} if draw(st.booleans())
            else {"mass": draw(_positive)})  # either any float in kg, or a value in the unit
    return {"kind": "part", **draw(_fields()), **mass, "mass_unit": unit,
            "material": draw(_code),
            "recycled_content": draw(st.floats(min_value=0, max_value=1)),
            "scrap_rate": draw(st.floats(min_value=0, max_value=20)),
            "priority_part": priority,
            "priority_kind": draw(st.sampled_from(["", "battery", "display"])) if priority else "",
            "plastic_marking": draw(st.sampled_from(["", ">PP<", ">PC+ABS<"]))}


_tree = st.recursive(
    _part(), lambda children: st.builds(
        lambda fields, kids: {"kind": "assembly", **fields, "children": kids},
        _fields(), st.lists(children, min_size=1, max_size=4)), max_leaves=12)


def _with_ids(nodes, counter):
    out = []
    for node in nodes:
        counter[0] += 1
        node = {**node, "id": f"N{counter[0]}"}
        if node["kind"] == "assembly":
            node["children"] = _with_ids(node["children"], counter)
            out.append(Assembly(**{k: v for k, v in node.items() if k != "kind"}))
        else:
            out.append(Part(**{k: v for k, v in node.items() if k != "kind"}))
    return out


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(bom=st.lists(_tree, min_size=1, max_size=4), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_round_trip_property(tmp_path, bom, suffix):
    product = Product(**PRODUCT_FIELDS, bom=_with_ids(bom, [0]))
    path = export_bom(product, tmp_path / f"random{suffix}")
    result = import_bom(path)
    assert not [w for w in result.warnings if "differs" in w.message]
    assert product_from_bom(result, **PRODUCT_FIELDS) == product
