"""Supplier data in the evidence pack, the PACT footprint and the ``assess`` command."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from greendesign.cli import main
from greendesign.io.project_file import save_project
from greendesign.lca.engine import GWP100, assess
from greendesign.lca.lifecycle import build_model
from greendesign.model import Part, Product, Project
from greendesign.model.declared import DeclaredValue
from greendesign.report import pact
from greendesign.report.pack_data import ExportOptions, gather
from greendesign.report.pack_json import pack_json_bytes

pytestmark = pytest.mark.inventory

MOMENT = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
EPD = DeclaredValue(gwp_kgco2e=5.0, source="EPD S-P-05678 (International EPD System)",
                    year=2023, geography="CN", verification="third_party_verified",
                    pedigree=(1, 2, 2, 2, 1))


def _product(declared: DeclaredValue | None) -> Product:
    body = Part(id="BODY", name="Body", mass_kg=1.0, material="steel_stainless_304",
                recycled_content=0.3, scrap_rate=0.1, declared=declared)
    base = Part(id="BASE", name="Base", mass_kg=0.5, material="pp")
    return Product(name="Pack test", functional_unit="one unit used for 5 years",
                   service_life_years=5, bom=[body, base])


def _gate(result) -> float:
    j = result.methods.index(GWP100)
    return sum(float(result.scores[k, j]) for k, line in enumerate(result.model.lines)
               if line.stage in ("raw_materials", "manufacturing"))


@pytest.fixture(scope="module")
def packs(bg):
    out = {}
    for label, declared in (("before", None), ("after", EPD)):
        data = gather(Project(product=_product(declared)),
                      ExportOptions(iterations=0, language="en"), background=bg,
                      created=MOMENT)
        out[label] = data, json.loads(pack_json_bytes(data))
    return out


def test_pact_primary_data_share_by_hand(packs, bg):
    (before, _doc), (after, _doc2) = packs["before"], packs["after"]
    row = bg.method_row[GWP100]
    lines = build_model(_product(None)).lines
    steel, recycling = (next(line.dataset for line in lines
                             if line.part_id == "BODY" and line.kind == kind)
                        for kind in ("material", "recycled_content"))
    replaced = 1.1 * (0.7 * bg.H[row, bg.column[steel]] + 0.3 * bg.H[row, bg.column[recycling]])
    gate = _gate(before.main.result) - replaced + 5.0 * 1.1
    pcf = pact.product_footprint(after, "baseline")["pcf"]
    assert pcf["primaryDataShare"] == pytest.approx(100 * 5.5 / gate, abs=1e-6)  # 6 decimals
    assert float(pcf["pCfExcludingBiogenic"]) == pytest.approx(gate / 1.5, rel=1e-9)
    assert pact.product_footprint(before, "baseline")["pcf"]["primaryDataShare"] == 0
    footprint = pact.product_footprint(after, "baseline")
    assert "EPD S-P-05678" in footprint["comment"]
    assert pact.pact_problems(footprint) == []


def test_pack_json_labels_the_declared_value(packs):
    _data, doc = packs["after"]
    design = doc["designs"][0]
    entry = design["supplier_data"][0]
    assert (entry["key"], entry["source"], entry["verification"], entry["year"]) == (
        "BODY", EPD.source, "third_party_verified", 2023)
    assert entry["gwp100_kg"] == pytest.approx(5.5, rel=1e-12)
    lines = build_model(_product(None)).lines
    body = {line.dataset for line in lines if line.part_id == "BODY"
            and line.kind in ("material", "recycled_content")}
    assert {line["dataset"] for line in entry["lines"]} == body and len(body) == 2
    total = next(s["total"] for s in design["summary"] if s["method"] == list(GWP100))
    assert design["primary_data_share"] == pytest.approx(5.5 / total, rel=1e-9)
    records = {r["code"]: r for r in doc["datasets"]}
    for code in body:
        assert records[code]["supplier_data"] == [{
            "design": "baseline", "key": "BODY", "source": EPD.source,
            "verification": "third_party_verified", "year": 2023}]
    base = next(line.dataset for line in lines if line.part_id == "BASE")
    assert records[base]["supplier_data"] == []
    assert doc["project"]["product"]["bom"][0]["declared"]["source"] == EPD.source
    assert packs["before"][1]["designs"][0]["supplier_data"] == []


def test_assess_prints_the_share_in_every_format(tmp_path, capsys, bg):
    path = save_project(Project(product=_product(EPD)), tmp_path / "p.gdproj")
    result = assess(_product(EPD), [GWP100], background=bg)
    share = result.primary_data_share
    assert main(["--lang", "en", "assess", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["primary_data_share"] == pytest.approx(share, rel=1e-12)
    assert data["supplier_data"][0]["source"] == EPD.source
    assert main(["--lang", "en", "assess", str(path), "--format", "csv", "--method",
                 " | ".join(GWP100).replace(" | ", "|")]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0].split(",")
    assert float(lines[1].split(",")[header.index("supplier_data_share")]) == pytest.approx(
        share, rel=1e-9)
    assert main(["--lang", "en", "assess", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"Primary data share (GWP100 resting on supplier data): {share:.1%}" in out
    assert "third-party verified, 2023" in out


def test_workbook_and_pdf_list_the_declared_value(packs, tmp_path):
    import pandas as pd

    from greendesign.report.pdf import write_report
    from greendesign.report.workbook import write_workbook

    data, _doc = packs["after"]
    path = write_workbook(data, tmp_path / "pack.xlsx")
    datasets = pd.read_excel(path, sheet_name="Datasets").set_index("Code")
    row = datasets.loc["supplier:BODY"]
    assert (row["Source"], int(row["Year"]), row["Pedigree"]) == (EPD.source, 2023, "1;2;2;2;1")
    assert row["Supplier data"].startswith("third-party verified")
    body = {line.dataset for line in build_model(_product(None)).lines
            if line.part_id == "BODY" and line.kind in ("material", "recycled_content")}
    for code in body:
        assert datasets.loc[code, "Supplier data"] == "baseline: BODY"
    from pypdf import PdfReader

    pdf = write_report(data, tmp_path / "en.pdf", "en")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", " ")
    assert "Supplier data: part Body" in text and "EPD S-P-05678" in text
    assert "partly replaced by supplier data" in text
