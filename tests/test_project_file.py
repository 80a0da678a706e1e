"""The .gdproj project file: round trip, atomic save, migration, refusals."""

from __future__ import annotations

import json
import os

import pytest

from greendesign.errors import (
    ModelValidationError,
    ProjectFileError,
    SaveError,
    SchemaVersionError,
)
from greendesign.io import atomic
from greendesign.io.project_file import (
    SCHEMA_VERSION,
    dumps_project,
    load_project,
    parse_project_text,
    save_project,
)


def test_round_trip(tmp_path, small_project):
    path = tmp_path / "p.gdproj"
    save_project(small_project, path)
    loaded = load_project(path)
    assert loaded == small_project
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == "greendesign-project"
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["product"]["bom"][0]["children"][0]["mass_kg"] == 0.25
    assert data["product"]["bom"][0]["children"][0]["mass_unit"] == "g"


def test_chinese_text_is_kept_readable(tmp_path, small_project):
    small_project.product.name_zh = "测试产品"
    path = tmp_path / "p.gdproj"
    save_project(small_project, path)
    assert "测试产品" in path.read_text("utf-8")
    assert load_project(path).product.name_zh == "测试产品"


def test_failure_between_write_and_rename_keeps_old_file(tmp_path, small_project, monkeypatch):
    path = tmp_path / "p.gdproj"
    save_project(small_project, path)
    before = path.read_bytes()
    small_project.product.name = "Renamed"

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(SaveError) as excinfo:
        save_project(small_project, path)
    assert "No space left on device" in str(excinfo.value)
    assert "previous version of the file is unchanged" in str(excinfo.value)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["p.gdproj"]  # no temp file left behind


def test_failure_during_write_keeps_old_file(tmp_path, small_project, monkeypatch):
    path = tmp_path / "p.gdproj"
    save_project(small_project, path)
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(SaveError):
        save_project(small_project, path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["p.gdproj"]


def test_invalid_project_is_not_written(tmp_path, small_project):
    path = tmp_path / "p.gdproj"
    top = small_project.product.find("TOP")
    top.children.append(top)
    with pytest.raises(ModelValidationError):
        save_project(small_project, path)
    assert not path.exists()


def test_save_into_missing_folder(tmp_path, small_project):
    with pytest.raises(SaveError, match="does not exist"):
        save_project(small_project, tmp_path / "nope" / "p.gdproj")


def test_newer_schema_is_refused(tmp_path, small_project):
    data = json.loads(dumps_project(small_project))
    data["schema_version"] = SCHEMA_VERSION + 1
    path = tmp_path / "future.gdproj"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(SchemaVersionError) as excinfo:
        load_project(path)
    assert f"schema {SCHEMA_VERSION + 1}" in str(excinfo.value)
    assert "Update GreenDesign" in str(excinfo.value)


def _schema1(parts):
    return {
        "schema_version": 1,
        "product": {"name": "Kettle", "functional_unit": "boiling 1 L, 5 years",
                    "service_life_years": 5, "parts": parts},
        "variants": [],
    }


def test_schema_1_is_migrated():
    v1 = _schema1([
        {"id": "BODY-ASM", "name": "Body assembly"},
        {"id": "SHELL", "name": "Shell", "parent": "BODY-ASM", "mass_g": 420,
         "material": "steel_stainless_304"},
        {"id": "HANDLE", "name": "Handle", "parent": "BODY-ASM", "mass_g": 85, "material": "pp",
         "quantity": 1},
        {"id": "CORD", "name": "Cord", "mass_g": 120, "material": "cable"},
    ])
    project = parse_project_text(json.dumps(v1))
    bom = project.product.bom
    assert [n.id for n in bom] == ["BODY-ASM", "CORD"]
    assert [c.id for c in bom[0].children] == ["SHELL", "HANDLE"]
    assert bom[0].children[0].mass_kg == pytest.approx(0.42)
    assert bom[0].children[0].mass_unit == "g"
    assert project.product.mass_kg == pytest.approx(0.625)


def test_schema_1_cycle_is_reported_with_path():
    v1 = _schema1([
        {"id": "A", "name": "a", "parent": "B"},
        {"id": "B", "name": "b", "parent": "A"},
        {"id": "C", "name": "c", "mass_g": 1, "material": "pp"},
    ])
    with pytest.raises(ModelValidationError) as excinfo:
        parse_project_text(json.dumps(v1))
    messages = [str(p) for p in excinfo.value.problems]
    assert any("$.product.parts[0].parent: part 'A' is its own ancestor (A > B > A)" in m
               for m in messages)


@pytest.mark.parametrize("text,expected", [
    ("", "not valid JSON"),
    ("{", "not valid JSON"),
    ("[1, 2]", "the top level is a list"),
    ('{"format": "other", "schema_version": 2}', "format 'other'"),
    ('{"schema_version": "2"}', "'schema_version' must be a whole number"),
    ('{"schema_version": 0}', "schema_version 0 does not exist"),
    ('{"schema_version": 2, "product": {"name": "x", "functional_unit": "y", '
     '"service_life_years": NaN}}', "NaN is not a number JSON allows"),
    ("[" * 100000 + "]" * 100000, "nested too deeply"),
])
def test_bad_files_give_clear_errors(text, expected):
    with pytest.raises(ProjectFileError) as excinfo:
        parse_project_text(text, source="x.gdproj")
    assert expected in str(excinfo.value)
    assert "x.gdproj" in str(excinfo.value)


def test_every_invalid_value_is_reported_with_its_json_path(tmp_path, small_project):
    data = json.loads(dumps_project(small_project))
    data["product"]["bom"][1]["mass_kg"] = -1
    data["product"]["bom"][0]["children"][0]["recycled_content"] = 3
    data["variants"][0]["product"]["service_life_years"] = 0
    path = tmp_path / "bad.gdproj"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ModelValidationError) as excinfo:
        load_project(path)
    locations = sorted(p.location for p in excinfo.value.problems)
    assert locations == [
        "$.product.bom[0].children[0].recycled_content",
        "$.product.bom[1].mass_kg",
        "$.variants[0].product.service_life_years",
    ]
    assert str(path) in str(excinfo.value)


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(ProjectFileError, match="does not exist"):
        load_project(tmp_path / "missing.gdproj")
    path = tmp_path / "gbk.gdproj"
    path.write_bytes("名称,质量".encode("gbk"))
    with pytest.raises(ProjectFileError, match="not UTF-8"):
        load_project(path)
    with pytest.raises(ProjectFileError, match="is a folder"):
        load_project(tmp_path)


def test_new_file_gets_the_usual_permissions(tmp_path, small_project):
    mask = os.umask(0o022)
    try:
        path = tmp_path / "p.gdproj"
        save_project(small_project, path)
        assert path.stat().st_mode & 0o777 == 0o644
        os.chmod(path, 0o600)
        save_project(small_project, path)
        assert path.stat().st_mode & 0o777 == 0o600  # an existing file keeps its mode
    finally:
        os.umask(mask)
