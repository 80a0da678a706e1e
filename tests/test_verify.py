"""The check of a pack: hashes against the manifest, every number recomputed."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from greendesign.bundled import demo_products
from greendesign.cli import main
from greendesign.io.project_file import load_project
from greendesign.lca.background import load_background
from greendesign.report import pack as pack_module
from greendesign.report.pack import MANIFEST, export_pack
from greendesign.report.pack_data import ExportOptions, PackError
from greendesign.report.verify import close_enough, verify_pack

MOMENT = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
GWP = "IPCC 2021 | climate change | global warming potential (GWP100)"

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture(scope="module")
def made(inventory_home, tmp_path_factory):
    """One pack (two designs, Monte Carlo, zip), made once for the module."""
    kettle = load_project(next(p for p in demo_products() if p.stem == "electric_kettle"))
    target = tmp_path_factory.mktemp("packs")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pack_module, "pdf_writer", lambda: None)
        mp.setattr(pack_module, "chart_writer", lambda: None)
        result = export_pack(kettle, target, ExportOptions(
            designs=("baseline", "pp-body"), iterations=40, language="both"),
            background=load_background(), created=MOMENT)
    return result


@pytest.fixture
def pack(made, tmp_path) -> Path:
    """A copy of the module's pack folder to tamper with."""
    return Path(shutil.copytree(made.folder, tmp_path / made.report_id))


def fix_hash(folder: Path, name: str) -> None:
    """Write the changed file's true hash and size into the manifest (a careful forger)."""
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    data = (folder / name).read_bytes()
    for entry in manifest["files"]:
        if entry["path"] == name:
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            entry["size"] = len(data)
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")


def test_a_fresh_pack_checks_out(made):
    for path in (made.folder, made.zip_path):
        report = verify_pack(path)
        assert report.ok, report.text()
        assert report.recomputed and report.report_id == made.report_id
        assert report.files_checked == 2 and report.numbers_checked > 5000
        assert "checks out" in report.text()


def test_a_changed_byte_of_the_workbook_is_named(pack):
    path = pack / "results.xlsx"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    report = verify_pack(pack)
    assert not report.ok
    assert [(f.kind, f.file) for f in report.findings] == [("changed", "results.xlsx")]
    assert "SHA-256" in report.findings[0].message


def test_a_changed_number_is_found_by_the_recomputation(pack):
    doc = json.loads((pack / "pack.json").read_text("utf-8"))
    design = next(d for d in doc["designs"] if d["name"] == "pp-body")
    stage = next(s for s in design["by_stage"] if s["stage"] == "use")
    method = [m["label"] for m in doc["methods"]].index(GWP)
    stage["values"][method] *= 0.9
    (pack / "pack.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
    assert not verify_pack(pack).ok  # the hash alone already tells
    fix_hash(pack, "pack.json")
    report = verify_pack(pack)
    assert [f.kind for f in report.findings] == ["recomputed"]
    message = report.findings[0].message
    for part in ("design pp-body", "by_stage", "stage use", f"method {GWP}",
                 "relative difference"):
        assert part in message, message


def test_a_part_s_number_names_the_part(pack):
    doc = json.loads((pack / "pack.json").read_text("utf-8"))
    part = doc["designs"][0]["by_part"][3]
    part["values"][0] += 1.0
    (pack / "pack.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
    fix_hash(pack, "pack.json")
    [finding] = verify_pack(pack).findings
    assert f"part {part['part_id']}" in finding.message and "design baseline" in finding.message


def test_missing_and_extra_files_are_named(pack):
    (pack / "results.xlsx").unlink()
    (pack / "notes.txt").write_text("added later", "utf-8")
    report = verify_pack(pack, recompute=False)
    assert {(f.kind, f.file) for f in report.findings} == {("missing", "results.xlsx"),
                                                          ("extra", "notes.txt")}


def test_another_version_is_said_and_not_compared(pack):
    doc = json.loads((pack / "pack.json").read_text("utf-8"))
    doc["versions"]["inventory_data"] = "0000000000000000"
    doc["designs"][0]["summary"][0]["total"] *= 2  # would be a difference with the same data
    (pack / "pack.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
    fix_hash(pack, "pack.json")
    report = verify_pack(pack)
    assert report.ok and not report.recomputed
    assert any("0000000000000000" in note and "not recomputed" in note
               for note in report.notes)


def test_the_zip_is_checked_too(made, tmp_path):
    copy = tmp_path / made.zip_path.name
    with zipfile.ZipFile(made.zip_path) as source, zipfile.ZipFile(copy, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("pack.json"):
                data = data.replace(b'"iterations": 40', b'"iterations": 41', 1)
            target.writestr(info, data)
    report = verify_pack(copy, recompute=False)
    assert [(f.kind, f.file) for f in report.findings] == [("changed", "pack.json")]


def test_not_a_pack(tmp_path):
    with pytest.raises(PackError, match="does not exist"):
        verify_pack(tmp_path / "nothing")
    with pytest.raises(PackError, match="manifest.json"):
        verify_pack(tmp_path)


def test_the_tolerance():
    assert close_enough(1.0, 1.0 + 5e-10) and not close_enough(1.0, 1.0 + 2e-9)
    assert close_enough(0.0, 1e-13) and not close_enough(0.0, 1e-11)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--lang", "en", *argv])
    return code, out.getvalue()


def test_the_command_line(made, pack, tmp_path, monkeypatch):
    code, text = run("verify", str(made.folder))
    assert code == 0 and "checks out" in text
    (pack / "results.xlsx").write_bytes(b"not a workbook")
    code, text = run("verify", str(pack))
    assert code == 2 and "results.xlsx" in text
    code, text = run("verify", "--format", "json", str(made.zip_path))
    assert code == 0 and json.loads(text)[0]["ok"] is True
    # export: a folder of packs, then verify checks each
    monkeypatch.setattr(pack_module, "pdf_writer", lambda: None)
    monkeypatch.setattr(pack_module, "chart_writer", lambda: None)
    kettle = next(p for p in demo_products() if p.stem == "electric_kettle")
    out = tmp_path / "packs"
    code, text = run("export", str(kettle), "-o", str(out), "--lang", "zh", "--iterations",
                     "0", "--zip", "--quiet")
    assert code == 0 and "Evidence pack GD-" in text
    [folder] = [p for p in out.iterdir() if p.is_dir()]
    assert json.loads((folder / "pack.json").read_text("utf-8"))["language"] == "zh_CN"
    code, text = run("verify", str(out))
    assert code == 0 and text.count("checks out") == 2  # the folder and its zip
