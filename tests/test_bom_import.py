"""BOM import: encodings, header mapping, cell values, tree building, errors, limits."""

from __future__ import annotations

import io
import sys
import zipfile

import openpyxl
import pytest

from greendesign.errors import BomImportError
from greendesign.io import bom_import, bom_table, bom_xlsx
from greendesign.io.bom_columns import guess_mapping, normalise_header, split_header
from greendesign.io.bom_import import import_bom, product_from_bom, read_bom_table
from greendesign.model import Assembly, Part

LB = 0.45359237


def write(tmp_path, text, name="bom.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def csv_of(tmp_path, header, *rows, name="bom.csv"):
    return write(tmp_path, "\n".join([header, *rows]) + "\n", name=name)


def problems_of(path, **kwargs):
    with pytest.raises(BomImportError) as info:
        import_bom(path, **kwargs)
    return info.value.problems


def one_problem(path, **kwargs):
    problems = problems_of(path, **kwargs)
    assert len(problems) == 1, problems
    return problems[0]


CHINESE = ("层级,编号,名称,中文名称,质量(g),材料,数量,连接方式,再生料比例,备注\n"
           "1,A1,Housing,外壳组件,,,1,螺钉,,\n"
           "2,P1,Top cover,上盖,250,pp,1,卡扣,30%,注塑件\n"
           "2,P2,Bottom cover,下盖,\"0,3 kg\",abs,2,胶粘,0.1,\n"
           "1,P3,Battery,电池,45.5,li_ion,1,无,,\n")


@pytest.mark.parametrize("encoding, reported", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"),
                                                ("gbk", "gb18030"), ("gb18030", "gb18030"),
                                                ("utf-16", "utf-16")])
def test_chinese_headers_in_each_encoding(tmp_path, encoding, reported):
    path = write(tmp_path, CHINESE, encoding=encoding)
    assert read_bom_table(path).encoding == reported
    result = import_bom(path)
    assert result.warnings == []
    housing, battery = result.nodes
    assert isinstance(housing, Assembly) and isinstance(battery, Part)
    top, bottom = housing.children
    assert (housing.id, housing.name_zh, housing.joint) == ("A1", "外壳组件", "screw")
    assert (top.mass_kg, top.mass_unit, top.material) == (0.25, "g", "pp")
    assert (top.joint, top.recycled_content, top.notes) == ("snap-fit", 0.3, "注塑件")
    assert (bottom.mass_kg, bottom.mass_unit, bottom.quantity) == (0.3, "kg", 2.0)
    assert (bottom.joint, bottom.recycled_content) == ("adhesive", 0.1)
    assert (battery.mass_kg, battery.joint) == (0.0455, "none")
    assert result.mapping["质量(g)"] == "mass" and result.mapping["中文名称"] == "name_zh"


def test_header_mapping_is_tolerant():
    assert normalise_header("Part_Name") == normalise_header(" PART-NAME ") == "partname"
    assert normalise_header("Ｐａｒｔ　Ｎａｍｅ") == "partname"  # full-width letters and space
    assert split_header("质量（g）") == ("质量", "g")
    assert split_header("重量/kg") == ("重量", "kg")
    assert split_header("Weight [lb]") == ("Weight", "lb")
    assert split_header("P/N") == ("P/N", None)
    headers = ["Item No", "Part Name", "Description", "Qty", "Weight (g)", "Material Code",
               "Vendor", "Remark", "Level"]
    assert guess_mapping(headers) == {
        "Item No": "id", "Part Name": "name", "Qty": "quantity", "Weight (g)": "mass",
        "Material Code": "material", "Remark": "notes", "Level": "level"}
    # 'Description' is the name, or the notes when another column gives the name
    assert guess_mapping(["Part Name", "Description"])["Description"] == "notes"
    assert guess_mapping(["Description", "Part Name"]) == {"Description": "name"}
    # a serial-number column does not hide the part number
    assert guess_mapping(["No.", "Part Number", "Name"]) == {"Part Number": "id", "Name": "name"}
    assert guess_mapping(["No.", "Name"]) == {"No.": "id", "Name": "name"}
    chinese = ["料号", "物料名称", "单重", "材质", "用量", "级别", "父项", "损耗率", "加工工艺",
               "连接数量", "模块", "关键部件", "塑料标识", "单位", "再生材料含量"]
    assert list(guess_mapping(chinese).values()) == [
        "id", "name", "mass", "material", "quantity", "level", "parent", "scrap_rate", "process",
        "joint_count", "module", "priority_part", "plastic_marking", "mass_unit",
        "recycled_content"]


def test_english_synonyms_and_unit_in_header(tmp_path):
    path = csv_of(tmp_path, "P/N,Description,Qty,Weight [lb],Material,Vendor",
                  "100-1,Bracket,4,2,steel,ACME")
    result = import_bom(path)
    part = result.nodes[0]
    assert (part.id, part.name, part.quantity, part.mass_unit) == ("100-1", "Bracket", 4.0, "lb")
    assert part.mass_kg == 2 * LB
    assert [w.column for w in result.warnings] == ["Vendor"]
    assert "ignored" in result.warnings[0].message


@pytest.mark.parametrize("cell, unit_cell, kg, unit", [
    ("250 g", "", 0.25, "g"), ("0,25 kg", "", 0.25, "kg"), ("1.5千克", "", 1.5, "kg"),
    ("3", "公斤", 3.0, "kg"), ("16", "oz", LB, "oz"), ("2", "t", 2000.0, "t"),
    ("500", "克", 0.5, "g"), ("0.5 kg", "g", 0.5, "g"),  # cell unit reads, column shows
])
def test_mass_units(tmp_path, cell, unit_cell, kg, unit):
    path = csv_of(tmp_path, "name,mass,mass_unit,material", f'Part,"{cell}",{unit_cell},pp')
    part = import_bom(path).nodes[0]
    assert part.mass_kg == pytest.approx(kg, rel=1e-15)
    assert part.mass_unit == unit


@pytest.mark.parametrize("cell, words", [
    ("-5", "not greater than 0"), ("0", "not greater than 0"), ("nan", "not a mass"),
    ("heavy", "not a mass"), ("5 furlongs", "unknown mass unit"), ("1e999", "not a finite"),
])
def test_bad_mass_names_row_and_column(tmp_path, cell, words):
    path = csv_of(tmp_path, "Name,Mass (g),Material", "Good,10,pp", f"Bad,{cell},pp")
    problem = one_problem(path)
    assert (problem.row, problem.column, problem.field) == (3, "Mass (g)", "mass")
    assert problem.part_id == "P002"
    assert words in problem.message
    assert problem.hint


def test_unknown_unit_column_and_header_conflict(tmp_path):
    path = csv_of(tmp_path, "name,mass,unit,material", "A,5,stone,pp")
    problem = one_problem(path)
    assert (problem.row, problem.column) == (2, "unit")
    assert "stone" in problem.message and "kg" in problem.hint
    path = csv_of(tmp_path, "name,Mass (g),mass unit,material", "A,5,kg,pp")
    problem = one_problem(path)
    assert (problem.row, problem.column) == (2, "mass unit") and "contradicts" in problem.message


def test_missing_mass_and_material_on_leaf_only(tmp_path):
    path = csv_of(tmp_path, "level,name,mass,material", "1,Frame,,", "2,Tube,1.2,steel",
                  "1,Seat,,")
    problems = problems_of(path)
    assert [(p.row, p.column) for p in problems] == [(4, "mass"), (4, "material")]
    assert "empty" in problems[0].message


def test_quantity_default_and_errors(tmp_path):
    path = csv_of(tmp_path, "name,qty,mass,material", "A,,1,pp", "B,3 pcs,1,pp", "C,2个,1,pp")
    assert [n.quantity for n in import_bom(path).nodes] == [1.0, 3.0, 2.0]
    path = csv_of(tmp_path, "name,qty,mass,material", "A,0,1,pp", "B,-2,1,pp", "C,two,1,pp")
    problems = problems_of(path)
    assert [(p.row, p.column) for p in problems] == [(2, "qty"), (3, "qty"), (4, "qty")]
    assert "greater than 0" in problems[0].message and "not a number" in problems[2].message


def test_fractions(tmp_path):
    path = csv_of(tmp_path, "name,mass,material,recycled content,Scrap rate (%)",
                  "A,1,pp,30%,5", "B,1,pp,0.25,150", "C,1,pp,,")
    a, b, c = import_bom(path).nodes
    assert (a.recycled_content, a.scrap_rate) == (0.3, 0.05)
    assert (b.recycled_content, b.scrap_rate) == (0.25, 1.5)
    assert (c.recycled_content, c.scrap_rate) == (0.0, 0.0)
    path = csv_of(tmp_path, "name,mass,material,recycled_content,scrap_rate",
                  "A,1,pp,30,", "B,1,pp,130%,", "C,1,pp,,2.5")
    problems = problems_of(path)
    assert [(p.row, p.column) for p in problems] == [
        (2, "recycled_content"), (3, "recycled_content"), (4, "scrap_rate")]
    assert "0.3 or 30%" in problems[0].hint
    assert "outside 0 to 1" in problems[1].message
    assert "0.025 or 2.5%" in problems[2].hint


def test_processes_with_amounts(tmp_path):
    path = csv_of(tmp_path, "name,mass,material,process,process_amount",
                  "A,1,pp,injection_moulding;painting,;0.2", "B,1,pp,machining,",
                  "C,1,pp,,")
    a, b, c = import_bom(path).nodes
    assert [(p.dataset, p.amount) for p in a.processes] == [
        ("injection_moulding", None), ("painting", 0.2)]
    assert [(p.dataset, p.amount) for p in b.processes] == [("machining", None)]
    assert c.processes == []
    path = csv_of(tmp_path, "name,mass,material,process,process_amount",
                  "A,1,pp,a;b,1", "B,1,pp,a,-1", "C,1,pp,a;;b,")
    problems = problems_of(path)
    assert [(p.row, p.column) for p in problems] == [
        (2, "process_amount"), (3, "process_amount"), (4, "process")]
    assert "2 process" in problems[0].message


@pytest.mark.parametrize("cell, joint", [
    ("Screw", "screw"), ("螺丝", "screw"), ("螺栓", "bolt"), ("snap fit", "snap-fit"),
    ("卡扣", "snap-fit"), ("夹子", "clip"), ("过盈配合", "press-fit"), ("Press Fit", "press-fit"),
    ("glue", "adhesive"), ("粘接", "adhesive"), ("焊接", "weld"), ("锡焊", "solder"),
    ("铆接", "rivet"), ("缝合", "sewn"), ("无", "none"), ("", "none"), ("SNAP_FIT", "snap-fit"),
])
def test_joint_synonyms(tmp_path, cell, joint):
    path = csv_of(tmp_path, "name,mass,material,joint,joint_count", f"A,1,pp,{cell},3")
    part = import_bom(path).nodes[0]
    assert (part.joint.value, part.joint_count) == (joint, 3)


def test_unknown_joint_lists_vocabulary(tmp_path):
    path = csv_of(tmp_path, "name,mass,material,连接方式,连接数量", "A,1,pp,velcro,1", "B,1,pp,,0.5")
    problems = problems_of(path)
    assert [(p.row, p.column) for p in problems] == [(2, "连接方式"), (3, "连接数量")]
    assert "velcro" in problems[0].message
    assert "screw, bolt, snap-fit, clip, press-fit" in problems[0].hint


@pytest.mark.parametrize("cell, flag, kind", [
    ("yes", True, ""), ("No", False, ""), ("TRUE", True, ""), ("0", False, ""), ("是", True, ""),
    ("否", False, ""), ("y", True, ""), ("battery", True, "battery"), ("电池", True, "battery"),
    ("显示屏", True, "display"), ("", False, ""),
])
def test_priority_part(tmp_path, cell, flag, kind):
    path = csv_of(tmp_path, "name,mass,material,关键部件", f"A,1,pp,{cell}")
    part = import_bom(path).nodes[0]
    assert (part.priority_part, part.priority_kind) == (flag, kind)


def test_plastic_marking_brackets_added(tmp_path):
    path = csv_of(tmp_path, "name,mass,material,塑料标识", "A,1,pp,PC+ABS", "B,1,pp,>PP<")
    assert [n.plastic_marking for n in import_bom(path).nodes] == [">PC+ABS<", ">PP<"]
    path = csv_of(tmp_path, "name,mass,material,塑料标识", "A,1,pp,>PP")
    problem = one_problem(path)
    assert (problem.row, problem.column) == (2, "塑料标识") and "ISO 11469" in problem.message


# --- tree -----------------------------------------------------------------------------

def test_integer_levels_build_the_tree(tmp_path):
    path = csv_of(tmp_path, "level,id,name,mass,material,qty",
                  "1,A,Frame,,,1", "2,A1,Side,,,2", "3,P1,Tube,0.5,steel,4", "2,P2,Bolt,0.01,steel,8",
                  "1,P3,Seat,2,pu,1")
    result = import_bom(path)
    frame, seat = result.nodes
    assert [c.id for c in frame.children] == ["A1", "P2"]
    assert [c.id for c in frame.children[0].children] == ["P1"]
    assert seat.id == "P3" and isinstance(seat, Part)
    product = product_from_bom(result, name="Chair", functional_unit="one chair, 10 years",
                               service_life_years=10)
    assert product.mass_kg == pytest.approx(2 * 4 * 0.5 + 8 * 0.01 + 2)


def test_dotted_sap_levels(tmp_path):
    path = csv_of(tmp_path, "Explosion level,Component number,Description,Weight (kg),Material",
                  ".1,A,Drive,,", "..2,A1,Motor unit,,", "...3,P1,Stator,1.2,copper",
                  "...3,P2,Rotor,0.8,steel", "..2,P3,Belt,0.1,rubber", ".1,P4,Cover,0.4,abs")
    drive, cover = import_bom(path).nodes
    motor, belt = drive.children
    assert [c.id for c in motor.children] == ["P1", "P2"]
    assert (belt.id, cover.id, cover.mass_kg) == ("P3", "P4", 0.4)


def test_level_zero_product_row_is_skipped_with_warning(tmp_path):
    path = csv_of(tmp_path, "level,name,mass,material", "0,Kettle,,", "1,Body,0.3,pp",
                  "1,Lid,0.1,pp")
    result = import_bom(path)
    assert [n.name for n in result.nodes] == ["Body", "Lid"]
    assert result.warnings[0].row == 2 and "product itself" in result.warnings[0].message
    path = csv_of(tmp_path, "level,name,mass,material", "1,Body,0.3,pp", "0,Lid,0.1,pp")
    problem = one_problem(path)
    assert (problem.row, problem.column) == (3, "level") and "only allowed once" in problem.message


def test_level_jump_is_an_error(tmp_path):
    path = csv_of(tmp_path, "level,id,name,mass,material", "1,A,Frame,,", "3,P1,Tube,1,steel")
    problem = one_problem(path)
    assert (problem.row, problem.column, problem.part_id) == (3, "level", "P1")
    assert "row 2 above it is at level 1" in problem.message
    path = csv_of(tmp_path, "level,name,mass,material", "2,Tube,1,steel")
    assert "first row" in one_problem(path).message


def test_bad_or_empty_level(tmp_path):
    path = csv_of(tmp_path, "level,name,mass,material", "1,A,1,pp", ",B,1,pp", "1.5,C,1,pp",
                  "..3,D,1,pp")
    problems = problems_of(path)
    assert [(p.row, p.column) for p in problems] == [(3, "level"), (4, "level"), (5, "level")]
    assert "empty" in problems[0].message and "whole number" in problems[1].message
    assert "2 dots" in problems[2].message


def test_parent_column(tmp_path):
    path = csv_of(tmp_path, "id,parent,name,mass,material", "P1,A,Tube,0.5,steel", "A,,Frame,,",
                  "P2,A,Bolt,0.01,steel", "P3,,Seat,2,pu")
    frame, seat = import_bom(path).nodes
    assert frame.id == "A" and [c.id for c in frame.children] == ["P1", "P2"]
    assert seat.id == "P3"


def test_level_column_wins_over_parent_column_with_one_warning(tmp_path):
    path = csv_of(tmp_path, "id,level,parent,name,mass,material", "A,1,,Frame,,",
                  "P1,2,P2,Tube,0.5,steel", "P2,1,A,Seat,2,pu")
    result = import_bom(path)
    assert [n.id for n in result.nodes] == ["A", "P2"]  # the levels, not the parents
    assert [c.id for c in result.nodes[0].children] == ["P1"]
    assert [(w.column, w.message) for w in result.warnings] == [
        ("parent", "column 'parent' (parent) was ignored: the tree comes from the level column")]


def test_parent_cycle_and_unknown_parent(tmp_path):
    path = csv_of(tmp_path, "编号,父项,名称,质量,材料", "A,C,Frame,,", "B,A,Side,,", "C,B,Corner,,",
                  "D,,Seat,1,pu", "E,X,Loose,1,pu", "F,F,Self,1,pu")
    problems = problems_of(path)
    cycle = [p for p in problems if "own ancestor" in p.message]
    assert len(cycle) == 2
    assert "rows 2, 3, 4" in cycle[0].message and cycle[0].column == "父项"
    assert cycle[1].row == 7 and cycle[1].part_id == "F" and "(F > F; row 7)" in cycle[1].message
    unknown = [p for p in problems if "not the id" in p.message]
    assert [(p.row, p.column) for p in unknown] == [(6, "父项")]


def test_parent_without_id_column(tmp_path):
    path = csv_of(tmp_path, "parent,name,mass,material", ",Frame,,", "P001,Tube,1,steel")
    with pytest.raises(BomImportError, match="no id column") as info:
        import_bom(path)
    assert info.value.problems[0].column == "parent"


def test_ids_generated_and_duplicates(tmp_path):
    path = csv_of(tmp_path, "id,name,mass,material", ",A,1,pp", "P002,B,1,pp", ",C,1,pp")
    assert [n.id for n in import_bom(path).nodes] == ["P001", "P002", "P003"]
    path = csv_of(tmp_path, "name,mass,material", "A,1,pp", "B,1,pp")
    assert [n.id for n in import_bom(path).nodes] == ["P001", "P002"]
    path = csv_of(tmp_path, "id,name,mass,material", "X1,A,1,pp", "X2,B,1,pp", "X1,C,1,pp",
                  "has space,D,1,pp")
    problems = problems_of(path)
    assert [(p.row, p.column) for p in problems] == [(4, "id"), (5, "id")]
    assert "rows 2 and 4" in problems[0].message
    assert "no spaces" in problems[1].hint


def test_assembly_mass_is_checked_as_warning(tmp_path):
    header = "level,id,name,mass,material,qty"
    path = csv_of(tmp_path, header, "1,A,Frame,1.2,,1", "2,P1,Tube,0.5,steel,2")
    warning = import_bom(path).warnings[0]
    assert (warning.row, warning.column, warning.part_id) == (2, "mass", "A")
    assert "1.2" in warning.message and "1 kg" in warning.message
    path = csv_of(tmp_path, header, "1,A,Frame,1.04,,1", "2,P1,Tube,0.5,steel,2")
    assert import_bom(path).warnings == []  # within 5 %


def test_part_columns_on_assembly_are_ignored_with_warning(tmp_path):
    path = csv_of(tmp_path, "level,id,name,mass,material", "1,A,Frame,,steel",
                  "2,P1,Tube,0.5,steel")
    warning = import_bom(path).warnings[0]
    assert warning.row == 2 and "'material'" in warning.message


# --- mapping --------------------------------------------------------------------------

def test_explicit_mapping_overrides_guess(tmp_path):
    path = csv_of(tmp_path, "Col A,Col B,Col C,Weight", "Bracket,0.2,steel,999")
    mapping = {"Col A": "name", "Col B": "mass", "Col C": "material"}
    result = import_bom(path, mapping=mapping)
    assert result.nodes[0].mass_kg == 0.2 and result.mapping == mapping
    assert [w.column for w in result.warnings] == ["Weight"]


def test_mapping_without_required_column_lists_headers(tmp_path):
    path = csv_of(tmp_path, "Col A,Col B,Col C", "Bracket,0.2,steel")
    with pytest.raises(BomImportError) as info:
        import_bom(path, mapping={"Col A": "name", "Col B": "mass"})
    assert "'material'" in str(info.value) and "'Col A', 'Col B', 'Col C'" in str(info.value)
    with pytest.raises(BomImportError) as info:
        import_bom(path)  # nothing recognised
    assert [p.field for p in info.value.problems] == ["name", "mass", "material"]


def test_invalid_mapping(tmp_path):
    path = csv_of(tmp_path, "a,b,c", "x,1,pp")
    problems = problems_of(path, mapping={"a": "name", "b": "mass", "c": "material",
                                          "zz": "notes"})
    assert problems[0].column == "zz" and "not in the file" in problems[0].message
    problems = problems_of(path, mapping={"a": "name", "b": "mass", "c": "colour"})
    assert "not a BOM column" in problems[0].message
    problems = problems_of(path, mapping={"a": "name", "b": "mass", "c": "mass"})
    assert "both mapped" in problems[0].message


# --- CSV reading ----------------------------------------------------------------------

@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_delimiters(tmp_path, delimiter):
    text = delimiter.join(["name", "mass", "material"]) + "\n" + delimiter.join(
        ["Bracket", "0,2", "steel"]) + "\n"
    part = import_bom(write(tmp_path, text)).nodes[0]
    assert (part.name, part.mass_kg) == ("Bracket", 0.2)


def test_empty_lines_and_short_rows_keep_file_row_numbers(tmp_path):
    path = write(tmp_path, "name,mass,material,notes\n\nA,1,pp\n\n\nB,-1,pp,x\n")
    problem = one_problem(path)
    assert problem.row == 6 and problem.column == "mass"


def test_extra_cells_are_an_error_unless_empty(tmp_path):
    path = csv_of(tmp_path, "name,mass,material", "A,1,pp,,", "B,1,pp,oops")
    problem = one_problem(path)
    assert problem.row == 3 and "extra cell 'oops'" in problem.message


def test_title_rows_above_header_are_skipped(tmp_path):
    path = csv_of(tmp_path, "BOM export from PLM", "Product: kettle", "名称,质量,材料",
                  "Body,0.3,pp")
    result = import_bom(path)
    assert result.nodes[0].name == "Body"
    assert "rows 1 to 2" in result.warnings[0].message


def test_csv_formula_text_is_text(tmp_path):
    path = csv_of(tmp_path, "name,mass,material,notes", '=1+2,1,pp,"=HYPERLINK(""x"")"',
                  "'=SUM(A1),1,pp,'plain")
    a, b = import_bom(path).nodes
    assert (a.name, a.notes) == ("=1+2", '=HYPERLINK("x")')
    assert (b.name, b.notes) == ("=SUM(A1)", "'plain")  # the injection guard quote is removed


def test_undecodable_file(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("name,mass,material\ncafé,1,pp\n".encode("latin-1") + b"\xff\xfe\x80")
    with pytest.raises(BomImportError) as info:
        read_bom_table(path)
    assert "bom.csv" in str(info.value) and "UTF-8" in str(info.value)
    path.write_bytes("name,mass,material\ncafé,1,pp\n".encode("latin-1"))
    assert import_bom(path, encoding="latin-1").nodes[0].name == "café"  # explicit wins
    path.write_bytes(b"\x00\x01binary")
    assert "binary" in str(pytest.raises(BomImportError, read_bom_table, path).value)


def test_missing_xls_empty_and_oversized_files(tmp_path, monkeypatch):
    with pytest.raises(BomImportError, match="does not exist"):
        read_bom_table(tmp_path / "nope.csv")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(BomImportError, match="xlsx"):
        read_bom_table(tmp_path / "old.xls")
    with pytest.raises(BomImportError, match="empty"):
        read_bom_table(write(tmp_path, "\n\n"))
    monkeypatch.setattr(bom_import, "MAX_FILE_BYTES", 100)
    with pytest.raises(BomImportError, match="at most"):
        read_bom_table(write(tmp_path, "name,mass,material\n" + "A,1,pp\n" * 30))


def test_too_many_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(bom_table, "MAX_ROWS", 5)
    path = csv_of(tmp_path, "name,mass,material", *["A,1,pp"] * 6)
    with pytest.raises(BomImportError, match="more than 5 rows"):
        import_bom(path)
    assert len(import_bom(csv_of(tmp_path, "name,mass,material", *["A,1,pp"] * 5)).nodes) == 5


def test_all_errors_are_reported_and_nothing_returned(tmp_path):
    path = csv_of(tmp_path, "name,mass,material,qty", ",1,pp,1", "B,x,pp,1", "C,1,,0")
    problems = problems_of(path)
    assert [(p.row, p.field) for p in problems] == [
        (2, "name"), (3, "mass"), (4, "quantity"), (4, "material")]
    assert all(p.location.startswith(f"row {p.row}, column") for p in problems)


# --- XLSX -----------------------------------------------------------------------------

def xlsx_of(path, rows, title="Sheet1", extra_sheet=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        other = book.create_sheet(extra_sheet[0])
        for row in extra_sheet[1]:
            other.append(row)
    book.save(path)
    return path


def test_xlsx_values_and_sheet_choice(tmp_path):
    path = xlsx_of(tmp_path / "bom.xlsx",
                   [["层级", "名称", "质量", "单位", "材料", "再生料比例", "数量"],
                    [1, "Body", 0.1, "kg", "pp", 0.3, 2], [1, "Lid", 250, "g", "abs", None, 1.0]],
                   extra_sheet=("Other", [["name", "mass", "material"], ["X", 7, "steel"]]))
    table = read_bom_table(path)
    assert (table.sheet, table.encoding) == ("Sheet1", None)
    assert table.rows[0] == ["1", "Body", "0.1", "kg", "pp", "0.3", "2"]
    body, lid = import_bom(path).nodes
    assert (body.mass_kg, body.recycled_content, body.quantity) == (0.1, 0.3, 2.0)
    assert (lid.mass_kg, lid.mass_unit) == (0.25, "g")
    assert import_bom(path, sheet="Other").nodes[0].mass_kg == 7.0
    with pytest.raises(BomImportError, match="Sheets in the file: Sheet1, Other"):
        import_bom(path, sheet="Missing")


def test_xlsx_formula_without_cached_value_is_refused(tmp_path):
    path = xlsx_of(tmp_path / "bom.xlsx", [["name", "mass", "material", "qty"],
                                           ["Body", 0.1, "pp", 1], ["Lid", "=B2*2", "abs", 1]])
    problem = one_problem(path)
    assert "Sheet1!B3" in problem.message and "paste values" in problem.hint
    assert (problem.row, problem.column) == (3, "mass")


def test_xlsx_formula_with_cached_value_uses_the_value(tmp_path):
    path = xlsx_of(tmp_path / "plain.xlsx", [["name", "mass", "material"], ["Body", 0.1, "pp"],
                                             ["Lid", "=B2*2", "abs"]])
    cached = tmp_path / "cached.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(cached, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>B2*2</f><v></v>" in data
                data = data.replace(b"<f>B2*2</f><v></v>", b"<f>B2*2</f><v>0.2</v>")
            target.writestr(item, data)
    body, lid = import_bom(cached).nodes
    assert lid.mass_kg == 0.2


def test_xlsx_damaged(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(BomImportError, match="not a readable XLSX"):
        read_bom_table(path)


def patch_sheet(path, target, *replacements, part="xl/worksheets/sheet1.xml"):
    """Copy the workbook at ``path`` to ``target``, replacing bytes in one of its parts."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                for old, new in replacements:
                    assert old in data, old
                    data = data.replace(old, new)
            out.writestr(item, data)
    return target


def both_readers(path, sheet=None):
    """The table read with calamine (the import's reader) and with openpyxl (the reader before)."""
    table = read_bom_table(path, sheet=sheet)
    before = bom_xlsx.read_xlsx_openpyxl(path, sheet)
    assert (table.headers, table.rows, table.row_numbers, table.header_row, table.sheet) == (
        before.headers, before.rows, before.row_numbers, before.header_row, before.sheet)
    return table


@pytest.fixture
def calamine_only(monkeypatch):
    """Fail when the import falls back to openpyxl (to prove calamine read the file)."""
    def refuse(source, sheet):
        raise AssertionError(f"{source} was read with openpyxl")

    monkeypatch.setattr(bom_xlsx, "read_xlsx_openpyxl", refuse)


def test_xlsx_numbers_are_read_as_before(tmp_path):
    """calamine gives every number as a float: the texts stay those openpyxl's int/float gave."""
    path = xlsx_of(tmp_path / "n.xlsx", [
        ["name", "mass", "material", "notes", "a", "b", "c", "d", "e"],
        ["P", 2, "pp", 1.0, 0.1, 1e-07, -0.0, 10**20, 2**53],
        ["Q", 1.5, "pp", True, False, 123456789012345, 0.30000000000000004, -3, 1e16]])
    table = both_readers(path)
    assert table.rows == [["P", "2", "pp", "1", "0.1", "1e-07", "0", "1e+20", "9007199254740992"],
                          ["Q", "1.5", "pp", "true", "false", "123456789012345",
                           "0.3", "-3", "1e+16"]]  # openpyxl writes 15 digits
    # digits beyond 2**53 (openpyxl kept them exactly as an int; calamine has a float)
    exact = patch_sheet(path, tmp_path / "exact.xlsx",
                        (b"<v>9007199254740992</v>", b"<v>12345678901234567891</v>"),
                        (b"<v>1e+16</v>", b"<v>1e999</v>"))
    table = both_readers(exact)
    assert (table.rows[0][8], table.rows[1][8]) == ("12345678901234567891", "inf")


@pytest.mark.filterwarnings("ignore:Cell J2 is marked as a date:UserWarning")  # openpyxl's
def test_xlsx_dates_are_read_as_before(tmp_path):
    from datetime import date, datetime, time, timedelta

    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "mass", "material", "a", "b", "c", "d", "e", "f", "g"])
    sheet.append(["P", 1, "pp", datetime(2024, 1, 2, 3, 4, 5, 250000), date(2024, 1, 2),
                  time(3, 4, 5), timedelta(hours=29, seconds=1), 45293, -1, 1e16])
    sheet["H2"].number_format = "yyyy-mm-dd"  # a number in a date style
    sheet["I2"].number_format = "yyyy-mm-dd"  # before 1900: calamine alone gives a time
    sheet["J2"].number_format = "yyyy-mm-dd"  # beyond year 9999: openpyxl's "#VALUE!"
    book.save(tmp_path / "d.xlsx")
    table = both_readers(tmp_path / "d.xlsx")
    assert table.rows[0][3:] == ["2024-01-02T03:04:05.250000", "2024-01-02T00:00:00", "03:04:05",
                                 "1 day, 5:00:01", "2024-01-02T00:00:00", "1899-12-29T00:00:00",
                                 "#VALUE!"]
    book.epoch = CALENDAR_MAC_1904
    book.save(tmp_path / "1904.xlsx")
    assert both_readers(tmp_path / "1904.xlsx").rows[0][3:5] == [
        "2024-01-02T03:04:05.250000", "2024-01-02T00:00:00"]
    iso = openpyxl.Workbook(iso_dates=True)  # dates written as ISO text (t="d")
    iso.active.append(["name", "mass", "material", "a", "b"])
    iso.active.append(["P", 1, "pp", date(2024, 1, 2), datetime(2024, 1, 2, 3, 4, 5)])
    iso.save(tmp_path / "iso.xlsx")
    assert both_readers(tmp_path / "iso.xlsx").rows[0][3:] == ["2024-01-02", "2024-01-02T03:04:05"]


def test_xlsx_is_read_with_calamine(tmp_path, calamine_only):
    path = xlsx_of(tmp_path / "bom.xlsx", [["name", "mass", "material"], ["Body", 0.1, "pp"],
                                           [" Lid ", 250, "abs"], [], ["Cap", 2, "pp"]])
    table = read_bom_table(path)
    assert table.rows == [["Body", "0.1", "pp"], ["Lid", "250", "abs"], ["Cap", "2", "pp"]]
    assert table.row_numbers == [2, 3, 5]
    assert len(import_bom(path).nodes) == 3


def test_xlsx_data_away_from_a1_keeps_file_rows_and_cells(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C4"], sheet["D4"], sheet["E4"] = "name", "mass", "material"
    sheet["C6"], sheet["D6"], sheet["E6"] = "Body", 2, "pp"
    sheet.merge_cells("C7:E7")
    sheet["C7"] = "Merged"
    book.save(tmp_path / "away.xlsx")
    table = both_readers(tmp_path / "away.xlsx")
    assert (table.header_row, table.row_numbers) == (4, [6, 7])
    assert table.rows == [["", "", "Body", "2", "pp"], ["", "", "Merged"]]
    sheet["D6"] = "=1+1"
    book.save(tmp_path / "formula.xlsx")
    problem = one_problem(tmp_path / "formula.xlsx")
    assert "Sheet!D6" in problem.message and (problem.row, problem.column) == (6, "mass")


def test_xlsx_formula_cells(tmp_path):
    rows = [["name", "mass", "material", "qty"], ["Body", 0.1, "pp", 1], ["Lid", "=1/0", "abs", 1],
            ["Cap", "=B2*2", "pp", "=D2"]]
    path = xlsx_of(tmp_path / "f.xlsx", rows)
    # a formula cell below and right of every value lies outside calamine's grid
    beyond = xlsx_of(tmp_path / "beyond.xlsx", rows + [[None, None, None, None, "=A1"]])
    found = problems_of(beyond)
    assert [p.message.split()[1] for p in found] == ["Sheet1!B3", "Sheet1!B4", "Sheet1!D4",
                                                     "Sheet1!E5"]
    # with saved values, one of them an error value: the values are read, the error as text
    cached = patch_sheet(path, tmp_path / "cached.xlsx",
                         (b"<f>1/0</f><v></v>", b"<f>1/0</f><v>#DIV/0!</v>"),
                         (b"<f>B2*2</f><v></v>", b"<f>B2*2</f><v>0.2</v>"),
                         (b"<f>D2</f><v></v>", b"<f>D2</f><v>1</v>"),
                         (b'<c r="B3">', b'<c r="B3" t="e">'))
    table = both_readers(cached)
    assert table.rows[1:] == [["Lid", "#DIV/0!", "abs", "1"], ["Cap", "0.2", "pp", "1"]]
    (problem,) = problems_of(cached)
    assert (problem.row, problem.column) == (3, "mass") and "formula" not in problem.message


def test_xlsm_and_other_suffixes_are_read(tmp_path, calamine_only):
    path = xlsx_of(tmp_path / "bom.xlsx", [["name", "mass", "material"], ["Body", 0.1, "pp"]])
    macro = patch_sheet(path, tmp_path / "bom.xlsm", (
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"), part="[Content_Types].xml")
    assert read_bom_table(macro).rows == [["Body", "0.1", "pp"]]
    other = tmp_path / "bom.dat"  # any suffix: a ZIP file is read as XLSX
    other.write_bytes(macro.read_bytes())
    assert read_bom_table(other).rows == [["Body", "0.1", "pp"]]


def test_xlsx_damaged_files_keep_their_errors(tmp_path):
    good = xlsx_of(tmp_path / "good.xlsx", [["name", "mass", "material"], ["A", 1, "pp"],
                                            ["B", 2, "abs"]])
    raw = good.read_bytes()
    damaged = {"truncated": raw[:len(raw) // 2], "not a workbook": b""}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a spreadsheet")
    damaged["not a workbook"] = buffer.getvalue()
    for label, data in damaged.items():
        path = tmp_path / f"{label}.xlsx"
        path.write_bytes(data)
        with pytest.raises(BomImportError, match="not a readable XLSX workbook"):
            read_bom_table(path)
    # XML that calamine's parser would read on (an end tag that does not match, a number
    # cell whose value is no number) is refused as before, naming the row
    for label, change in [("end tag", (b"</row>", b"</rwo>")),
                          ("text number", (b"<v>2</v>", b"<v>2x</v>"))]:
        bad = patch_sheet(good, tmp_path / f"{label}.xlsx", change)
        with pytest.raises(BomImportError, match="not a readable XLSX workbook") as info:
            read_bom_table(bad)
        assert "row " in str(info.value), label
    # two values in a cell: the first, as before (calamine would take the last)
    two = patch_sheet(good, tmp_path / "two.xlsx", (b"<v>2</v>", b"<v>2</v><v>3</v>"))
    assert both_readers(two).rows[1] == ["B", "2", "abs"]


def test_xlsx_grid_too_large_for_calamine_is_read_by_openpyxl(tmp_path):
    """Sizes calamine would allocate at once are left to openpyxl (a Rust abort kills the app).

    One cell at XFD1048576 makes calamine's grid 17 billion cells; a shared string table
    declaring 10**12 entries makes it reserve them.
    """
    good = xlsx_of(tmp_path / "good.xlsx", [["name", "mass", "material"], ["A", 1, "pp"]])
    far = patch_sheet(good, tmp_path / "far.xlsx", (b"</sheetData>", b'<row r="1048576">'
                      b'<c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'))
    assert problems_of(far)  # a typed error, read by openpyxl; the process is alive
    shared = tmp_path / "shared.xlsx"
    sst = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           b'uniqueCount="1000000000000"><si><t>A</t></si></sst>')
    cell = b'<c r="A2" t="inlineStr"><is><t>A</t></is></c>'
    relation = (b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument'
                b'/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    content_type = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                    b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(shared, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            data = {"xl/worksheets/sheet1.xml": lambda d: d.replace(cell, b'<c r="A2" t="s">'
                                                                    b'<v>0</v></c>'),
                    "xl/_rels/workbook.xml.rels": lambda d: d.replace(b"</Relationships>",
                                                                      relation),
                    "[Content_Types].xml": lambda d: d.replace(b"</Types>", content_type),
                    }.get(item.filename, lambda d: d)(data)
            out.writestr(item, data)
        out.writestr("xl/sharedStrings.xml", sst)
    assert both_readers(shared).rows == [["A", "1", "pp"]]


def test_xlsx_without_calamine_is_read_with_openpyxl(tmp_path, monkeypatch):
    path = xlsx_of(tmp_path / "bom.xlsx", [["name", "mass", "material"], ["Body", 0.1, "pp"]])
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails
    assert read_bom_table(path).rows == [["Body", "0.1", "pp"]]


def test_xlsx_excel_escapes_are_decoded(tmp_path):
    """Excel writes a carriage return in a cell as _x000D_: it is read as the character now.

    (openpyxl left the escape in the text: "a_x000D_" + "\\n" + "b".)
    """
    path = xlsx_of(tmp_path / "bom.xlsx", [["name", "mass", "material", "notes"],
                                           ["Body", 0.1, "pp", "line"]])
    escaped = patch_sheet(path, tmp_path / "escaped.xlsx",
                          (b"<t>line</t>", b"<t>one_x000D_\ntwo _x005F_x000D_</t>"))
    assert read_bom_table(escaped).rows[0][3] == "one\r\ntwo _x000D_"
    assert import_bom(escaped).nodes[0].notes == "one\r\ntwo _x000D_"


# --- size -----------------------------------------------------------------------------

def test_100k_rows_import(tmp_path):
    lines = ["level,id,name,mass,mass_unit,material,qty,process,joint"]
    expected_kg = 0.0
    for i in range(100_000):
        if i % 10 == 0:
            lines.append(f"1,A{i},Assembly {i},,,,1,assembly,screw")
        else:
            lines.append(f"2,P{i},Part {i},{i % 97 + 1},g,steel,{i % 3 + 1},moulding,snap fit")
            expected_kg += (i % 97 + 1) / 1000 * (i % 3 + 1)
    path = write(tmp_path, "\n".join(lines) + "\n")
    result = import_bom(path)  # its speed is measured by bench/bom.py (make bench)
    assert len(result.nodes) == 10_000
    assert sum(len(n.children) for n in result.nodes) == 90_000
    product = product_from_bom(result, name="Big", functional_unit="one", service_life_years=1)
    assert product.mass_kg == pytest.approx(expected_kg, rel=1e-12)


def test_utf32_with_byte_order_mark_is_read(tmp_path):
    text = "id,name,mass,material\nP1,Lid 盖子,0.25 kg,pp\n"
    path = tmp_path / "bom32.csv"
    path.write_bytes(text.encode("utf-32"))  # Python writes the byte order mark
    result = import_bom(path)
    assert result.nodes[0].name == "Lid 盖子"
    assert result.nodes[0].mass_kg == 0.25


# --- speed measures that must not change a result ---------------------------------------

def test_a_repeated_bad_cell_is_reported_in_every_row(tmp_path):
    """Each distinct text is parsed once (memoised): its error still names every row it is in."""
    path = csv_of(tmp_path, "name,mass,material,qty,joint,recycled_content,process,process_amount",
                  *["A,1,pp,two,glue,30,x;y,1"] * 2, "B,1,pp,2,nail,0.3,x;y,1;-2",
                  "C,1,pp,two,glue,30,x;y,1")
    problems = problems_of(path)
    assert [(p.row, p.field) for p in problems] == [
        (2, "quantity"), (2, "process_amount"), (2, "recycled_content"),
        (3, "quantity"), (3, "process_amount"), (3, "recycled_content"),
        (4, "joint"), (4, "process_amount"),
        (5, "quantity"), (5, "process_amount"), (5, "recycled_content")]
    assert len({p.message for p in problems if p.field == "quantity"}) == 1
    assert problems[0].message == "'two' is not a number"
    assert problems[7].message == "process amount '-2' is not greater than 0"


def test_injection_guard_quotes_are_removed_in_every_column_of_a_csv(tmp_path):
    """Only rows that hold a ' are looked at again for the guard quote; the others are as read."""
    path = csv_of(tmp_path, "id,name,mass,material,notes,module",
                  "'=P1,'=SUM(A1),1,'+pp,''quoted,'@m", "P2,it's,2,pp,don't,'x")
    first, second = import_bom(path).nodes
    assert (first.id, first.name, first.material, first.notes, first.module) == (
        "=P1", "=SUM(A1)", "+pp", "'quoted", "@m")
    assert (second.id, second.name, second.notes, second.module) == ("P2", "it's", "don't", "'x")
    xlsx = xlsx_of(tmp_path / "guard.xlsx", [["name", "mass", "material"], ["'=x", 1, "pp"]])
    assert import_bom(xlsx).nodes[0].name == "'=x"  # only CSV exports write the guard


def test_rows_of_any_length_read_the_columns_they_have(tmp_path):
    table = bom_table.BomTable(source=tmp_path / "t.csv", headers=["name", "mass", "material",
                                                                   "qty", "notes"],
                               rows=[["A", "1", "pp"], ["B", "2", "abs", "3", "n", ""]])
    first, second = import_bom(table).nodes
    assert (first.quantity, first.notes, second.quantity, second.notes) == (1.0, "", 3.0, "n")


def test_nodes_are_those_the_model_validates(tmp_path):
    """The import's nodes equal, field for field and in the fields given, the model's own."""
    path = csv_of(tmp_path, "level,id,name,qty,mass,mass_unit,material,process,joint,module",
                  "1,A,Asm,2,,,,weld,screw,m", "2,P,Part,1,250,g,pp,moulding,,m")
    (assembly,) = import_bom(path).nodes
    part = assembly.children[0]
    expected = Part(id="P", name="Part", quantity=1.0, mass_kg=0.25, mass_unit="g",
                    material="pp", processes=[{"dataset": "moulding", "amount": None}],
                    module="m", name_zh="", notes="", priority_part=False, priority_kind="",
                    plastic_marking="")
    assert part == expected and part.model_fields_set == expected.model_fields_set
    assert part.processes[0].model_fields_set == {"dataset", "amount"}
    assert assembly.model_fields_set == {"id", "name", "name_zh", "module", "notes", "quantity",
                                         "joint", "processes", "children"}
    assert assembly == Assembly(id="A", name="Asm", quantity=2.0, joint="screw", module="m",
                                name_zh="", notes="", processes=[{"dataset": "weld"}],
                                children=[expected])


def test_paused_gc_moves_what_was_made_to_the_oldest_generation():
    import gc

    from greendesign.io.bom_table import paused_gc

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        made = [[index] for index in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation=generation)}
    assert not young & {id(item) for item in made}
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()
    gc.freeze()  # a host that freezes objects itself: its frozen objects stay frozen
    try:
        with paused_gc():
            later = [[index] for index in range(10)]
        assert gc.get_freeze_count() > len(later) and gc.isenabled()
    finally:
        gc.unfreeze()
