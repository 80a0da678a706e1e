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
