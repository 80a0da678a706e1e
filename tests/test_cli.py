"""greendesign-cli: exit codes and messages."""

from __future__ import annotations

import json
import subprocess
import sys

from greendesign.cli import EXIT_INVALID, EXIT_OK, main
from greendesign.io.project_file import dumps_project, save_project


def test_validate_valid_project(tmp_path, small_project, capsys):
    path = tmp_path / "p.gdproj"
    save_project(small_project, path)
    assert main(["validate", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    # 2 x 0.258 + 1.0 + 0.984 = 2.500 kg, 4 leaf parts, 1 variant
    assert "valid project 'Test product', 1 variant(s), 4 parts, 2.500 kg" in out


def test_validate_invalid_project_lists_problems(tmp_path, small_project, capsys):
    data = json.loads(dumps_project(small_project))
    data["product"]["bom"][2]["mass_kg"] = -2
    data["product"]["bom"][1]["quantity"] = 0
    path = tmp_path / "bad.gdproj"
    path.write_text(json.dumps(data), "utf-8")
    assert main(["validate", str(path)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "$.product.bom[2].mass_kg: part 'BASE' (Base), field 'mass_kg'" in err
    assert "$.product.bom[1].quantity: part 'BODY' (Body), field 'quantity'" in err


def test_validate_missing_file(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.gdproj")]) == EXIT_INVALID
    assert "does not exist" in capsys.readouterr().err


def test_cli_entry_point_help():
    out = subprocess.run([sys.executable, "-m", "greendesign.cli", "validate", "--help"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert "Exit 0 when valid, 2 with the list of problems" in out.stdout


def test_convert_csv_with_chinese_headers_in_gbk(tmp_path, capsys):
    bom = tmp_path / "水壶.csv"
    bom.write_bytes(("层级,零件名称,数量,质量(g),材料\n"
                     "1,壶体组件,1,,\n"
                     "2,壶身,1,420,steel_stainless_304\n"
                     "2,把手,1,85,pp\n"
                     "1,电源线,1,120,power_cable\n").encode("gbk"))
    out = tmp_path / "kettle.gdproj"
    assert main(["convert", str(bom), "-o", str(out), "--service-life", "5"]) == EXIT_OK
    assert "3 parts, 0.625 kg" in capsys.readouterr().out  # 420 + 85 + 120 g
    assert main(["validate", str(out)]) == EXIT_OK
    assert main(["convert", str(bom), "-o", str(out), "--service-life", "5"]) == 1  # exists
    assert "add --force" in capsys.readouterr().err


def test_convert_bad_bom_changes_nothing(tmp_path, capsys):
    bom = tmp_path / "bad.csv"
    bom.write_text("name,mass,material\nLid,-3 g,pp\n", "utf-8")
    out = tmp_path / "bad.gdproj"
    assert main(["convert", str(bom), "-o", str(out), "--service-life", "5"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "row 2" in err and "mass" in err
    assert not out.exists()


# --- validate: codes against the dataset catalogue ------------------------------------------

KETTLE_BOM = """\
level,id,name,quantity,mass,mass_unit,material,recycled_content,process,joint,module
1,BODY-ASM,Body assembly,1,,,,,,none,body
2,SHELL,Body shell,1,420,g,steel_stainless_304,0.2,sheet_deep_drawing,weld,body
2,HANDLE,Handle,2,85,g,SUS304,0,injection_moulding,screw,body
1,FRAME,Frame,1,0.12,kg,titanium,0,,none,base
"""


def test_validate_bom_names_row_part_and_closest_code(tmp_path, capsys):
    bom = tmp_path / "kettle.csv"
    bom.write_text(KETTLE_BOM, "utf-8")
    assert main(["validate", str(bom)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "valid BOM, 4 rows\n2 warning(s):\n" in out
    assert ("  - row 3, column 'process': part 'SHELL' (Body shell): process "
            "'sheet_deep_drawing' is not in the dataset catalogue (did you mean "
            "'deep_drawing'?)\n") in out
    # an alias is not a code: the code it stands for is named
    assert ("  - row 4, column 'material': part 'HANDLE' (Handle): material 'SUS304' is not "
            "in the dataset catalogue (use the code 'steel_stainless_304')\n") in out
    # in the catalogue without data: the cut-off assess states, listed apart
    assert ("1 reference(s) have no inventory data yet and are left out of the LCA (a stated "
            "cut-off):\n  - row 5, column 'material': part 'FRAME' (Frame): material "
            "'titanium' has no inventory data (0.12 kg per product left out) (why: ") in out
    assert main(["validate", "--strict", str(bom)]) == EXIT_INVALID


def test_validate_strict_fails_on_a_cut_off_alone(tmp_path, capsys):
    bom = tmp_path / "cord.csv"
    bom.write_text("name,mass,material\nFrame,120 g,titanium\nLid,20 g,pp\n", "utf-8")
    assert main(["validate", str(bom)]) == EXIT_OK
    assert "warning(s)" not in capsys.readouterr().out
    assert main(["validate", "--strict", str(bom)]) == EXIT_INVALID
    assert "row 2, column 'material': part 'P001' (Frame)" in capsys.readouterr().out
    bom.write_text("name,mass,material,process\nLid,20 g,pp,injection_moulding\n", "utf-8")
    assert main(["validate", "--strict", str(bom)]) == EXIT_OK
    assert capsys.readouterr().out.endswith("valid BOM, 1 rows\n")


def test_validate_bom_rows_follow_ids_with_parent_column_and_generated_ids(tmp_path, capsys):
    # a parent column orders the tree unlike the rows; rows without an id get P001 ...
    bom = tmp_path / "tree.csv"
    bom.write_text("id,parent,name,mass,material,process\n"
                   "P001,TOP,Screw,2 g,steel_fastner,\n"
                   ",TOP,Cover,50 g,pp,injection_molding\n"
                   "TOP,,Top,,,\n", "utf-8")
    assert main(["validate", str(bom)]) == EXIT_OK
    out = capsys.readouterr().out
    assert ("row 2, column 'material': part 'P001' (Screw): material 'steel_fastner' is not in "
            "the dataset catalogue (did you mean 'steel_fastener'?)") in out
    assert ("row 3, column 'process': part 'P002' (Cover): process 'injection_molding' is not "
            "in the dataset catalogue (did you mean 'injection_moulding'?)") in out


def test_validate_chinese_xlsx_bom_names_the_header_as_written(tmp_path, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    for row in (["层级", "名称", "质量(g)", "材料", "工艺"], [0, "水壶", None, None, None],
                [1, "壶身", 420, "不锈钢板", "拉伸成型"]):
        book.active.append(row)
    path = tmp_path / "水壶.xlsx"
    book.save(path)
    assert main(["validate", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    # the level-0 product row is skipped but keeps its id P001: the part is P002 on row 3
    assert ("row 3, column '材料': part 'P002' (壶身): material '不锈钢板' is not in the dataset "
            "catalogue (did you mean 'steel_stainless_304'?)") in out
    assert "process '拉伸成型' is not in the dataset catalogue (use the code 'deep_drawing')" in out


def test_validate_project_suggests_codes_once_for_designs_that_share_them(
        tmp_path, small_project, capsys):
    data = json.loads(dumps_project(small_project))
    for product in [data["product"], *(v["product"] for v in data["variants"])]:
        product["bom"][2]["material"] = "polypropylen"
    data["variants"][0]["product"]["bom"][1]["material"] = "steel_stainles_304"
    path = tmp_path / "typos.gdproj"
    path.write_text(json.dumps(data), "utf-8")
    assert main(["validate", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert ("$.bom[2].material: [baseline, light] part 'BASE' (Base): material 'polypropylen' "
            "is not in the dataset catalogue (did you mean 'pp'?)") in out
    assert ("$.bom[1].material: [light] part 'BODY' (Body): material 'steel_stainles_304' is "
            "not in the dataset catalogue (did you mean 'steel_stainless_304' or "
            "'steel_stainless_430'?)") in out
    assert main(["validate", "--strict", str(path)]) == EXIT_INVALID


def test_closest_codes_of_the_catalogue():
    from greendesign.inventory.catalogue import did_you_mean, load_bundled_catalogue

    cat = load_bundled_catalogue()
    assert cat.closest("sheet_deep_drawing", "process") == ["deep_drawing"]
    assert cat.closest("stainless_steel_304", "material")[0] == "steel_stainless_304"
    assert cat.closest("ABS plastic", "material") == ["abs"]
    assert cat.closest("injection_molding", "material") == []  # a process, not a material
    assert cat.closest("fairy dust", "material") == []
    assert did_you_mean(["a"]) == "did you mean 'a'?"
    assert did_you_mean(["a", "b", "c"]) == "did you mean 'a', 'b' or 'c'?"


def test_inventory_import_records_the_source_as_an_absolute_path(tmp_path, monkeypatch,
                                                                  capsys):
    from greendesign.inventory import user_databases as ud

    seen = []

    from greendesign.inventory.import_report import ImportReport

    class Result:
        warnings, unlinked, report = [], [], ImportReport()

        def summary(self):
            return "imported"

    def fake(*args, **kwargs):
        seen.append((args, kwargs.get("base_dir")))
        return Result()

    for name in ("import_excel", "import_ecospold2", "import_brightway"):
        monkeypatch.setattr(ud, name, fake)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert main(["inventory", "import", "excel", "supplier.xlsx", "--name", "s",
                 "--quiet"]) == EXIT_OK
    assert main(["inventory", "import", "ecospold2", "~/ecoinvent/datasets", "--name", "e",
                 "--quiet"]) == EXIT_OK
    assert main(["inventory", "import", "brightway", "my-project", "--database", "db",
                 "--name", "b", "--base-dir", "bw", "--quiet"]) == EXIT_OK
    assert seen[0][0][0] == tmp_path / "supplier.xlsx"
    assert seen[1][0][0] == tmp_path / "home" / "ecoinvent" / "datasets"
    assert seen[2] == (("my-project", "db", "b"), tmp_path / "bw")
