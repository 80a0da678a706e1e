"""Supplier data: the model, old project files, the file reader and the command line."""

from __future__ import annotations

import json

import pytest

from greendesign.bundled import demo_products
from greendesign.cli import main
from greendesign.errors import BomImportError, ModelValidationError
from greendesign.io.project_file import load_project, project_from_dict, save_project
from greendesign.io.supplier_data import apply_supplier_data
from greendesign.lca.declared import read_supplier_file
from greendesign.model import Part, Product, Project
from greendesign.model.declared import DeclaredValue, Verification

GOOD = dict(gwp_kgco2e=2.1, source="EPD S-P-01234 (International EPD System)", year=2024,
            geography="CN", pedigree=[1, 2, 1, 2, 1])


# --- the model -------------------------------------------------------------------------

def test_a_declared_value_is_checked_field_by_field():
    value = DeclaredValue(**GOOD, verification="measured")
    assert value.verification is Verification.MEASURED and value.unit == "kg CO2e/kg"
    assert value.pedigree == (1, 2, 1, 2, 1) and value.scope == "cradle-to-gate"
    for bad, field in ((dict(gwp_kgco2e=0), "gwp_kgco2e"), (dict(pedigree=[1, 2, 3]),
                                                             "pedigree"),
                       (dict(pedigree=[1, 2, 6, 1, 1]), "pedigree"),
                       (dict(verification="audited"), "verification"),
                       (dict(source=""), "source"), (dict(year=1900), "year")):
        with pytest.raises(ModelValidationError) as caught:
            DeclaredValue(**{**GOOD, **bad})
        assert caught.value.problems[0].location.startswith(f"$.{field}"), bad


def test_the_climate_change_parts_must_add_up():
    fossil = "EF v3.1 | climate change: fossil | global warming potential (GWP100)"
    biogenic = "EF v3.1 | climate change: biogenic | global warming potential (GWP100)"
    total = "IPCC 2021 | climate change | global warming potential (GWP100)"
    with pytest.raises(ModelValidationError, match="add up"):
        DeclaredValue(**GOOD, indicators={fossil: 1.0, biogenic: 0.5})
    with pytest.raises(ModelValidationError, match="negative"):
        DeclaredValue(**GOOD, indicators={biogenic: 3.0})
    with pytest.raises(ModelValidationError, match="gwp_kgco2e"):
        DeclaredValue(**GOOD, indicators={total: 3.0})
    value = DeclaredValue(**GOOD, indicators={biogenic: 0.6})
    assert value.value_for(tuple(fossil.split(" | "))) == pytest.approx(1.5)
    assert value.value_for(("EF v3.1", "acidification", "accumulated exceedance (AE)")) is None


def test_a_material_value_is_per_kg_and_a_document_is_a_plain_name():
    part = Part(id="A", name="A", mass_kg=1, material="pp")
    with pytest.raises(ModelValidationError, match="per part"):
        Product(name="x", functional_unit="y", service_life_years=1, bom=[part],
                supplier_data={"pp": {**GOOD, "basis": "part"}})
    product = Product(name="x", functional_unit="y", service_life_years=1,
                      bom=[part.model_copy(update={"declared": DeclaredValue(
                          **GOOD, document="../epd.pdf")})])
    with pytest.raises(ModelValidationError, match="folder parts"):
        Project(product=product)


def test_old_project_files_load_unchanged(tmp_path):
    for path in demo_products():  # schema 3 files written before supplier data existed
        project = load_project(path)
        assert project.product.supplier_data == {}
        assert all(p.declared is None for p, _n in project.product.parts())
    old = {"schema_version": 2, "product": {
        "name": "Old", "functional_unit": "one", "service_life_years": 2,
        "bom": [{"kind": "part", "id": "A", "name": "A", "mass_kg": 1.0, "material": "pp"}]}}
    project = project_from_dict(old)
    assert project.product.find("A").declared is None
    # and a declared value survives a save and a load
    project.product.find("A").declared = DeclaredValue(**GOOD)
    project.product.supplier_data = {"pp": DeclaredValue(**{**GOOD, "gwp_kgco2e": 1.9})}
    again = load_project(save_project(project, tmp_path / "p.gdproj"))
    assert again.product.find("A").declared == project.product.find("A").declared
    assert again.product.supplier_data["pp"].gwp_kgco2e == 1.9


# --- the file --------------------------------------------------------------------------

HEADER = "material,part_id,gwp_kgco2e,unit,source,year,geography,verification,pedigree,note\n"
ROWS = [
    'pp,,1.9,kg CO2e/kg,EPD S-P-01234,2024,CN,third_party_verified,"1,2,1,2,1",good\n',  # 2
    'unobtainium,,2.0,kg CO2e/kg,EPD X,2024,CN,measured,"1,1,1,1,1",\n',              # 3
    ',BODY,-1,kg CO2e/part,PCF of supplier,2024,CN,measured,"1,1,1,1,1",\n',           # 4
    ',BODY,3.5,kg CO2e/part,PCF of supplier,2024,CN,measured,"1,1,7,1,1",\n',          # 5
    ',BODY,3.5,kg CO2e/part,PCF of supplier,2024,CN,audited,"1,1,1,1,1",\n',           # 6
    ',BODY,3.5,kg CO2e/part,,2024,CN,measured,"1,1,1,1,1",\n',                         # 7
    ',LID,0.4,kg CO2e/part,PCF 2024-17 of Lid Co.,2023,CN-East,self_declared,12233,\n',  # 8
    '不锈钢,,4.2,kg CO2e/kg,EPD S-P-05678,2022,CN,第三方验证,1/2/2/2/1,\n',              # 9
    'pp,,2.2,kg CO2e/kg,EPD again,2024,CN,measured,"1,1,1,1,1",\n',                    # 10
]


def _product() -> Product:
    return Product(name="Supplier", functional_unit="one", service_life_years=2, bom=[
        Part(id="BODY", name="Body", mass_kg=1.0, material="steel_stainless_304"),
        Part(id="LID", name="Lid", mass_kg=0.2, material="pp")])


def test_bad_rows_are_refused_row_by_row_and_good_rows_import(tmp_path):
    path = tmp_path / "suppliers.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    found = read_supplier_file(path, _product())
    assert [e.row for e in found.entries] == [2, 8, 9]
    by_row = {p.row: p for p in found.problems}
    assert sorted(by_row) == [3, 4, 5, 6, 7, 10] and found.refused_rows == 6
    assert (by_row[3].column, by_row[4].column, by_row[5].column, by_row[6].column,
            by_row[7].column, by_row[10].column) == (
        "material", "gwp_kgco2e", "pedigree", "verification", "source", "material")
    for problem in found.problems:
        assert str(problem).startswith("suppliers.csv, row "), problem
        assert problem.hint, problem
    assert "unobtainium" in by_row[3].message and "row 2" in by_row[10].message
    stainless = next(e for e in found.entries if e.row == 9)
    assert stainless.material == "steel_stainless_304"
    assert stainless.value.verification is Verification.THIRD_PARTY_VERIFIED
    assert stainless.value.pedigree == (1, 2, 2, 2, 1)
    lid = next(e for e in found.entries if e.row == 8)
    assert lid.part_id == "LID" and lid.value.basis == "part"
    assert lid.value.pedigree == (1, 2, 2, 3, 3)
    product = _product()
    changed = apply_supplier_data(product, found.entries)
    assert product.supplier_data == {} and product.find("LID").declared is None  # untouched
    assert changed.find("LID").declared.gwp_kgco2e == 0.4
    assert set(changed.supplier_data) == {"pp", "steel_stainless_304"}


def test_chinese_headers_in_gb18030_and_xlsx(tmp_path):
    header = "材料,碳足迹 (kg CO2e/kg),数据来源,年份,地区,验证方式,数据质量,备注\n"
    row = "聚丙烯,1.8,EPD S-P-01234,2024,CN,实测,\"1,2,1,2,1\",供应商实测\n"
    path = tmp_path / "供应商.csv"
    path.write_bytes((header + row).encode("gb18030"))
    found = read_supplier_file(path, _product())
    assert found.problems == [] and found.entries[0].material == "pp"
    assert found.entries[0].value.note == "供应商实测"
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["part_id", "gwp_kgco2e", "unit", "source", "year", "geography",
                  "pedigree"])
    sheet.append(["BODY", 3.25, "kg CO2e/part", "PCF 77", 2025, "CN", "1,1,2,1,1"])
    sheet.append(["NOPE", 3.25, "kg CO2e/part", "PCF 77", 2025, "CN", "1,1,2,1,1"])
    book.save(tmp_path / "suppliers.xlsx")
    found = read_supplier_file(tmp_path / "suppliers.xlsx", _product())
    assert [(e.part_id, e.value.gwp_kgco2e, e.value.year) for e in found.entries] == [
        ("BODY", 3.25, 2025)]
    assert found.problems[0].row == 3 and found.problems[0].column == "part_id"


def test_a_file_without_the_required_columns_is_refused(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("material,gwp_kgco2e\npp,2\n", encoding="utf-8")
    with pytest.raises(BomImportError, match="'source'"):
        read_supplier_file(path, _product())


# --- the command line --------------------------------------------------------------------

def test_cli_import_saves_the_good_rows_and_lists_them(tmp_path, capsys):
    project_path = save_project(Project(product=_product()), tmp_path / "p.gdproj")
    path = tmp_path / "suppliers.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    assert main(["--lang", "en", "supplier-data", "import", str(project_path),
                 str(path)]) == 2
    out = capsys.readouterr()
    assert "3 declared values imported" in out.out and "6 rows were refused" in out.err
    assert "suppliers.csv, row 3, column 'material'" in out.err
    project = load_project(project_path)
    assert project.product.find("LID").declared.source == "PCF 2024-17 of Lid Co."
    assert main(["--lang", "en", "supplier-data", "list", str(project_path), "--format",
                 "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["target"] for r in rows} == {"LID", "material:pp", "material:steel_stainless_304"}
    assert main(["--lang", "en", "supplier-data", "import", str(project_path), str(path),
                 "--variant", "nope"]) == 2
    assert "nope" in capsys.readouterr().err
