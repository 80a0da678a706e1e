"""Validation rules of the product model, each with the message it gives."""

from __future__ import annotations

import math

import pytest

from greendesign.errors import ModelValidationError
from greendesign.model import (
    Assembly,
    EndOfLifeMix,
    OperatingMode,
    Part,
    Product,
    Project,
    Substance,
    UsePhase,
    Variant,
    cas_is_valid,
)


def _part(**kw):
    base = dict(id="P1", name="Lid", mass_kg=0.1, material="pp")
    base.update(kw)
    return Part(**base)


def _one_problem(excinfo) -> str:
    problems = excinfo.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0])


def test_mass_total_by_hand(small_product):
    # 2 x (0.25 + 4 x 0.002) + 1.0 + 0.984, computed by hand
    assert small_product.mass_kg == pytest.approx(2 * 0.258 + 1.0 + 0.984, rel=1e-12)
    counts = {p.id: n for p, n in small_product.parts()}
    assert counts == {"LID": 2.0, "SCR": 8.0, "BODY": 1.0, "BASE": 1.0}


@pytest.mark.parametrize("text,unit,kg", [
    ("250 g", "g", 0.25), ("1.5kg", "kg", 1.5), ("0,5 t", "t", 500.0),
    ("2 lb", "lb", 0.90718474), ("16 oz", "oz", 0.45359237), ("300 克", "g", 0.3),
])
def test_mass_units_are_stored_in_kg(text, unit, kg):
    part = Part(id="P", name="n", mass=text, material="pp")
    assert part.mass_unit == unit
    assert math.isclose(part.mass_kg, kg, rel_tol=1e-12)


def test_mass_number_with_unit_field():
    part = Part(id="P", name="n", mass=120, mass_unit="g", material="pp")
    assert part.mass_kg == pytest.approx(0.12)
    assert part.mass_unit == "g"


@pytest.mark.parametrize("field,value,expected", [
    ("mass_kg", -1.0, "'mass_kg': Input should be greater than 0; got -1.0"),
    ("mass_kg", 0.0, "'mass_kg': Input should be greater than 0; got 0.0"),
    ("quantity", 0, "'quantity': Input should be greater than 0; got 0"),
    ("quantity", -3, "'quantity': Input should be greater than 0; got -3"),
    ("recycled_content", 1.2, "'recycled_content': Input should be less than or equal to 1"),
    ("recycled_content", -0.1, "'recycled_content': Input should be greater than or equal to 0"),
    ("mass_kg", float("nan"), "'mass_kg': Input should be a finite number"),
    ("mass_kg", float("inf"), "'mass_kg': Input should be a finite number"),
    ("scrap_rate", float("-inf"), "'scrap_rate': Input should be a finite number"),
    ("joint", "glue", "'joint': Input should be 'screw', 'bolt'"),
])
def test_part_field_rules_name_part_and_field(field, value, expected):
    with pytest.raises(ModelValidationError) as excinfo:
        _part(**{field: value})
    message = _one_problem(excinfo)
    assert "part 'P1' (Lid)" in message
    assert expected in message
    assert excinfo.value.problems[0].field == field
    assert excinfo.value.problems[0].part_id == "P1"


def test_unknown_unit_is_refused_with_the_list_of_units():
    with pytest.raises(ModelValidationError) as excinfo:
        Part(id="P9", name="Foot", mass=3, mass_unit="stone", material="pp")
    message = _one_problem(excinfo)
    assert "part 'P9'" in message and "unknown mass unit 'stone'" in message
    assert "g, kg, t, lb, oz" in message


def test_assignment_is_validated():
    part = _part()
    with pytest.raises(ModelValidationError) as excinfo:
        part.mass_kg = -5
    assert "part 'P1' (Lid), field 'mass_kg'" in _one_problem(excinfo)
    assert part.mass_kg == 0.1  # unchanged


def test_every_problem_is_reported_at_once():
    with pytest.raises(ModelValidationError) as excinfo:
        _part(mass_kg=-1, quantity=0, recycled_content=2)
    fields = sorted(p.field for p in excinfo.value.problems)
    assert fields == ["mass_kg", "quantity", "recycled_content"]


def test_duplicate_ids_are_refused(small_product):
    data = small_product.model_dump()
    data["bom"].append(dict(kind="part", id="LID", name="Second lid", mass_kg=0.1,
                            material="pp"))
    with pytest.raises(ModelValidationError) as excinfo:
        Product.model_validate(data)
    assert "part id 'LID' is used 2 times" in _one_problem(excinfo)


def test_part_that_is_its_own_ancestor_is_refused(small_product):
    top = small_product.find("TOP")
    top.children.append(top)  # an editor bug or a drag-and-drop onto itself
    with pytest.raises(ModelValidationError) as excinfo:
        small_product.check()
    assert "assembly 'TOP' is its own ancestor (TOP > TOP)" in str(excinfo.value)


def test_node_placed_twice_is_refused(small_product):
    small_product.bom.append(small_product.find("BODY"))
    with pytest.raises(ModelValidationError) as excinfo:
        small_product.check()
    assert "part 'BODY' is placed twice" in str(excinfo.value)


def test_nested_error_has_json_path_and_part(small_product):
    data = small_product.model_dump(mode="json")
    data["bom"][0]["children"][1]["mass_kg"] = 0
    with pytest.raises(ModelValidationError) as excinfo:
        Product.model_validate(data)
    problem = excinfo.value.problems[0]
    assert problem.location == "$.bom[0].children[1].mass_kg"
    assert problem.part_id == "SCR"
    assert "part 'SCR' (Screw M4)" in problem.message


def test_missing_kind_is_inferred_and_bad_kind_refused(small_product):
    data = small_product.model_dump(mode="json")
    del data["bom"][0]["kind"]
    del data["bom"][1]["kind"]
    assert Product.model_validate(data) == small_product
    data["bom"][1]["kind"] = "widget"
    with pytest.raises(ModelValidationError) as excinfo:
        Product.model_validate(data)
    assert "'kind' must be 'part' or 'assembly'" in _one_problem(excinfo)


def test_unknown_fields_are_refused():
    with pytest.raises(ModelValidationError) as excinfo:
        _part(colour="red")
    assert "'colour': Extra inputs are not permitted" in _one_problem(excinfo)


@pytest.mark.parametrize("cas,valid", [
    ("7439-92-1", True),   # lead
    ("7439-97-6", True),   # mercury
    ("7440-43-9", True),   # cadmium
    ("18540-29-9", True),  # chromium(VI)
    ("7439-92-2", False), ("743992-1", False), ("", False),
])
def test_cas_check_digit(cas, valid):
    assert cas_is_valid(cas) is valid


def test_substances_and_marking():
    part = _part(substances=[Substance(name="Lead", cas="7439-92-1", mass_fraction=0.0005)],
                 plastic_marking=">PC+ABS<")
    assert part.substances[0].cas == "7439-92-1"
    with pytest.raises(ModelValidationError) as excinfo:
        _part(substances=[{"name": "Lead", "cas": "7439-92-2", "mass_fraction": 0.001}])
    assert "not a valid CAS number" in _one_problem(excinfo)
    with pytest.raises(ModelValidationError) as excinfo:
        _part(plastic_marking="PP")
    assert "ISO 11469" in _one_problem(excinfo)


def test_end_of_life_shares_must_sum_to_one():
    assert EndOfLifeMix(recycling=0.7, landfill=0.3).recycling == 0.7
    with pytest.raises(ModelValidationError) as excinfo:
        EndOfLifeMix(recycling=0.7, landfill=0.2)
    assert "add up to 0.9" in _one_problem(excinfo)


def test_use_phase_energy():
    use = UsePhase(operating_modes=[OperatingMode(name="boil", power_w=2200, hours_per_year=73),
                                    OperatingMode(name="standby", power_w=0.5,
                                                  hours_per_year=8000)])
    assert use.annual_energy_kwh() == pytest.approx(2200 * 73 / 1000 + 0.5 * 8000 / 1000)
    with pytest.raises(ModelValidationError):
        UsePhase(operating_modes=[OperatingMode(name="on", power_w=5, hours_per_year=10)],
                 energy_kwh_per_year=3)
    with pytest.raises(ModelValidationError) as excinfo:
        OperatingMode(name="on", power_w=5, hours_per_year=9000)
    assert "'hours_per_year'" in _one_problem(excinfo)


def test_replacement_of_unknown_part_is_refused(small_product):
    data = small_product.model_dump()
    data["scenario"]["use"]["replacements"] = [{"part_id": "NOPE", "count": 1}]
    with pytest.raises(ModelValidationError) as excinfo:
        Product.model_validate(data)
    assert "replaces part 'NOPE', which is not in the BOM" in _one_problem(excinfo)


def test_variants(small_project):
    assert small_project.design_names == ["baseline", "light"]
    light = small_project.design("light")
    assert light.find("BODY").mass_kg == 0.8
    assert small_project.product.find("BODY").mass_kg == 1.0  # a full, separate copy
    assert small_project.product.mass_kg - light.mass_kg == pytest.approx(0.2)
    with pytest.raises(ModelValidationError) as excinfo:
        small_project.design("heavy")
    assert "baseline, light" in str(excinfo.value)


def test_variant_rules(small_product):
    copy = small_product.model_copy(deep=True)
    with pytest.raises(ModelValidationError, match="names the project's own product"):
        Variant(name="baseline", product=copy)
    with pytest.raises(ModelValidationError) as excinfo:
        Project(product=small_product, variants=[
            Variant(name="a", based_on="b", product=copy),
            Variant(name="b", based_on="a", product=copy.model_copy(deep=True))])
    assert "derived from itself" in str(excinfo.value)
    with pytest.raises(ModelValidationError) as excinfo:
        Project(product=small_product, variants=[Variant(name="a", based_on="zz", product=copy)])
    assert "based on 'zz', which is not in the project" in str(excinfo.value)
    with pytest.raises(ModelValidationError) as excinfo:
        Project(product=small_product, variants=[
            Variant(name="a", product=copy), Variant(name="a", product=copy)])
    assert "variant name 'a' is used twice" in str(excinfo.value)


def test_product_rules():
    with pytest.raises(ModelValidationError) as excinfo:
        Product(name="X", functional_unit="", service_life_years=0)
    fields = sorted(p.field for p in excinfo.value.problems)
    assert fields == ["functional_unit", "service_life_years"]


def test_assembly_mass_is_sum_of_children(small_product):
    top = small_product.find("TOP")
    assert isinstance(top, Assembly)
    assert top.mass_kg == pytest.approx(0.25 + 4 * 0.002)


def test_bom_depth_is_limited():
    from greendesign.model.part import MAX_BOM_DEPTH

    node = Part(id="LEAF", name="leaf", mass_kg=1, material="pp")
    for depth in range(MAX_BOM_DEPTH):
        node = Assembly(id=f"A{depth}", name="a", children=[node])
    with pytest.raises(ModelValidationError) as excinfo:
        Product(name="deep", functional_unit="f", service_life_years=1, bom=[node])
    assert f"is {MAX_BOM_DEPTH + 1} levels deep; a BOM may have at most {MAX_BOM_DEPTH}" in str(
        excinfo.value)
    ok = node.children[0]
    assert Product(name="ok", functional_unit="f", service_life_years=1, bom=[ok]).mass_kg == 1


def test_a_product_mass_that_overflows_is_refused():
    from greendesign.errors import ModelValidationError
    from greendesign.model import Part, Product

    huge = Part(id="P", name="Huge", mass_kg=1e308, material="pp", quantity=1e308)
    with pytest.raises(ModelValidationError, match="too large to compute"):
        Product(name="X", functional_unit="one", service_life_years=1, bom=[huge])
