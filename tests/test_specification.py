"""Specification profiles: the bundled ones load and cite their sources, XLSX and JSON import
with errors naming the row and column, and the conformity table of the demo products against
independent calculations of their metrics."""

from __future__ import annotations

import datetime as dt
import json
import re
from types import SimpleNamespace

import numpy as np
import pytest
from openpyxl import Workbook

from greendesign.bundled import demo_products
from greendesign.evidence.conformity import (
    design_scores,
    evaluate_conformity,
    lca_total,
    stated_number,
)
from greendesign.evidence.record import (
    Applicant,
    EvidenceItem,
    EvidenceRecord,
    ManagementCertificate,
)
from greendesign.evidence.spec_model import Benchmark
from greendesign.evidence.specification import (
    INDICATOR_COLUMNS,
    SpecificationError,
    export_specification_xlsx,
    import_specification,
    load_specifications,
    resolve_specification,
    specification_for_category,
)
from greendesign.io.project_file import load_project
from greendesign.model.part import iter_parts
from greendesign.scoring.bom import DEFAULT_EXCLUDE
from greendesign.scoring.report import score_json

DAY = dt.date(2026, 6, 1)
STANDARD_NUMBER = re.compile(r"\b(GB(?:/T)?|T/[A-Z]+|SJ/T)\s?\d")


@pytest.fixture(scope="module")
def profiles():
    return load_specifications()


def demo(name: str):
    return load_project(next(p for p in demo_products() if p.stem == name))


def test_bundled_profiles_load_and_cite_their_sources(profiles):
    assert set(profiles) == {"gbt32161_generic", "household_appliance_kettle",
                             "furniture_office_chair", "electronics_bluetooth_speaker"}
    for profile in profiles.values():
        assert profile.sources and "GB/T 32161-2015" in " ".join(profile.sources)
        ids = {r.id for r in profile.basic_requirements}
        assert {"pollutant_discharge", "environmental_management", "quality_management",
                "product_quality", "no_serious_accident"} <= ids
        for indicator in profile.indicators:
            assert indicator.source
            if indicator.illustrative:
                assert "llustrative" in indicator.source
            else:  # a published benchmark names its standard
                assert STANDARD_NUMBER.search(indicator.source), indicator.id
        assert profile.illustrative  # every bundled table has illustrative rows and says so
    assert not profiles["household_appliance_kettle"].indicator(
        "restricted_substances").illustrative
    generic = profiles["gbt32161_generic"]
    assert all(i.illustrative for i in generic.indicators)
    assert {i.group for i in generic.indicators} == {"resource", "energy", "environment",
                                                     "product"}


def test_profile_per_demo_category(profiles):
    for name in ("electric_kettle", "office_chair", "bluetooth_speaker"):
        project = demo(name)
        chosen = specification_for_category(project.product.category.value)
        assert chosen in profiles and profiles[chosen].category == project.product.category
    assert specification_for_category("other") == "gbt32161_generic"
    record = EvidenceRecord(specification="furniture_office_chair")
    assert resolve_specification(record, profiles).id == "furniture_office_chair"
    assert resolve_specification(EvidenceRecord(specification="nope"), profiles) is None


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_xlsx_template_round_trip(tmp_path, profiles, language):
    for profile in profiles.values():
        path = export_specification_xlsx(profile, tmp_path / f"{profile.id}.xlsx", language)
        assert import_specification(path) == profile


def write_sheet(path, header, rows, title="评价指标"):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_errors_name_row_and_column(tmp_path):
    header = [INDICATOR_COLUMNS[k][1] for k in ("id", "group", "name_zh", "unit", "benchmark_value",
                                                "stage", "metric", "evidence", "source")]
    rows = [
        ["rcr", "资源属性", "可再生利用率", "%", "≥ 65", "废弃回收处理", "recyclability_rate_pct", "",
         "my target"],
        ["noise", "声学属性", "噪声", "dB(A)", "≤ 60", "产品使用", "", "检测报告", "my target"],
        ["bad_metric", "能源属性", "能效", "", "≥ 1", "产品使用", "no_such_metric", "", "x"],
        ["no_source", "产品属性", "安全", "", "符合 GB 4706.1", "产品使用", "", "检测报告", ""],
        ["nothing", "产品属性", "空", "", "", "产品使用", "", "", "x"],
    ]
    path = write_sheet(tmp_path / "mine.xlsx", header, rows)
    with pytest.raises(SpecificationError) as excinfo:
        import_specification(path)
    problems = excinfo.value.problems
    found = {(p.row, p.column) for p in problems}
    assert (3, "一级指标") in found           # an unknown group
    assert (5, "基准值来源") in found          # no source
    assert (6, "基准值") in found              # no benchmark at all
    assert all(p.row != 2 for p in problems)  # the good row
    assert any("row 3" in p.message and "一级指标" in p.message for p in problems)
    # the metric is checked once the rows are valid: fix the others and it is named by path
    good = [rows[0], rows[2]]
    path = write_sheet(tmp_path / "mine2.xlsx", header, good)
    with pytest.raises(SpecificationError) as excinfo:
        import_specification(path)
    assert any("no_such_metric" in p.message and "indicators[1].metric" in p.location
               for p in excinfo.value.problems)
    # and an English header with a valid table imports, the id taken from the file name
    english = [INDICATOR_COLUMNS[k][0] for k in ("id", "group", "name", "unit", "comparison",
                                                 "benchmark_value", "stage", "metric", "source")]
    path = write_sheet(tmp_path / "My Spec 2026.xlsx", english,
                       [["rcr", "Resource attributes", "Recyclability", "%", ">=", 70,
                         "end_of_life", "recyclability_rate_pct", "own target"]], "Indicators")
    profile = import_specification(path)
    assert profile.id == "my_spec_2026" and profile.indicators[0].benchmark.value == 70
    assert profile.indicators[0].illustrative  # unless the file says otherwise


def test_unknown_columns_are_named(tmp_path):
    path = write_sheet(tmp_path / "x.xlsx", ["id", "source", "colour"], [["a", "b", "red"]])
    with pytest.raises(SpecificationError) as excinfo:
        import_specification(path)
    assert any(p.row == 1 and p.column == "colour" for p in excinfo.value.problems)


def test_json_import_errors_name_the_path(tmp_path, profiles):
    data = json.loads(profiles["gbt32161_generic"].model_dump_json())
    data["indicators"][2]["benchmark"] = {"comparison": ">="}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(SpecificationError) as excinfo:
        import_specification(path)
    assert any("$.indicators[2].benchmark" in p.location for p in excinfo.value.problems)
    with pytest.raises(SpecificationError, match="neither"):
        import_specification(tmp_path / "p.csv")


def test_benchmark_rules():
    b = Benchmark(comparison=">=", value=65)
    assert b.met_by(65.0) and not b.met_by(64.99) and b.met_by(None) is None
    assert Benchmark(comparison="<=", value=0).met_by(0.0)
    assert Benchmark(text="符合 GB 4706.1").met_by(1.0) is None
    assert stated_number("52 dB(A)") == 52 and stated_number("１级") == 1
    assert stated_number("合格") is None


def independent_metrics(product):
    """Mass, recycled content and restricted substance findings counted by hand."""
    excluded = set(DEFAULT_EXCLUDE)

    def module_of(path_modules):
        return next((m for m in reversed(path_modules) if m), "")

    mass = recycled = 0.0

    def walk(nodes, count, modules):
        nonlocal mass, recycled
        for node in nodes:
            here = [*modules, node.module]
            n = count * node.quantity
            if module_of(here) in excluded:
                continue
            if getattr(node, "children", None):
                walk(node.children, n, here)
            else:
                mass += node.mass_kg * n
                recycled += node.mass_kg * n * node.recycled_content

    walk(product.bom, 1.0, [])
    return mass, recycled / mass * 100.0


@pytest.mark.parametrize(("name", "profile_id"), [
    ("electric_kettle", "household_appliance_kettle"),
    ("office_chair", "furniture_office_chair"),
    ("bluetooth_speaker", "electronics_bluetooth_speaker")])
def test_conformity_of_the_demo_products(profiles, name, profile_id):
    project = demo(name)
    profile = profiles[profile_id]
    scores = design_scores(project)
    table = evaluate_conformity(profile, project.evidence, scores, day=DAY)
    screen = score_json(project, suggestions=False)  # what the Green design page shows
    rows = {o.id: o for o in table.outcomes}
    assert len(rows) == len(profile.basic_requirements) + len(profile.indicators)
    # computed values are the screen's values
    rcr = rows.get("recyclability_rate")
    assert rcr.value == pytest.approx(screen["recyclability_rate"], abs=1e-6)
    assert rcr.status == ("pass" if screen["recyclability_rate"] >= 65 else "fail")
    mass, recycled = independent_metrics(project.product)
    assert scores.metrics["mass_kg"] == pytest.approx(mass, rel=1e-9)
    recycled_row = rows.get("recycled_content") or rows.get("recycled_plastics")
    assert recycled_row.value == pytest.approx(recycled, abs=1e-9)
    assert rows["repairability"].value == pytest.approx(screen["repairability"]["index"],
                                                        abs=1e-6)
    if "restricted_substances" in rows:
        findings = len(screen["restricted_substance_findings"])
        assert rows["restricted_substances"].value == findings
        assert rows["restricted_substances"].status == ("pass" if findings == 0 else "fail")
        assert "evidence missing" in rows["restricted_substances"].note
    # with an empty register the documents' rows are not assessed, the certificates missing
    for o in table.outcomes:
        if o.assessed_by in ("evidence", "certificate"):
            assert o.status == "not_assessed" and o.evidence == []
    assert table.counts()["pass"] + table.counts()["fail"] + table.counts()["not_assessed"] \
        == len(rows)


def test_conformity_with_evidence_and_certificates(profiles):
    project = demo("electric_kettle")
    profile = profiles["household_appliance_kettle"]
    record = EvidenceRecord(
        applicant=Applicant(certificates=[
            ManagementCertificate(standard="iso14001", number="EMS-1",
                                  valid_until=dt.date(2027, 1, 1)),
            ManagementCertificate(standard="iso9001", number="QMS-1",
                                  valid_until=dt.date(2026, 5, 31))]),
        specification=profile.id,
        register=[
            EvidenceItem(id="EV-1", kind="test_report", title="噪声检测报告",
                         date=dt.date(2026, 1, 5), indicators=["noise"],
                         stated_value="58 dB(A)"),
            EvidenceItem(id="EV-2", kind="test_report", title="旧噪声报告",
                         date=dt.date(2024, 1, 5), valid_until=dt.date(2025, 1, 5),
                         indicators=["noise"], stated_value="70 dB(A)"),
            EvidenceItem(id="EV-3", kind="test_report", title="加热效率", date=dt.date(2026, 2, 1),
                         indicators=["heating_efficiency"], stated_value="82 %"),
            EvidenceItem(id="EV-4", kind="test_report", title="安全", date=dt.date(2026, 2, 1),
                         indicators=["electrical_safety"], verdict="pass"),
            EvidenceItem(id="EV-5", kind="test_report", title="食品接触",
                         date=dt.date(2026, 2, 1), indicators=["food_contact"]),
            EvidenceItem(id="EV-6", kind="declaration", title="声明", date=dt.date(2026, 7, 1),
                         indicators=["no_serious_accident"])])
    table = evaluate_conformity(profile, record, design_scores(project), day=DAY)
    rows = {o.id: o for o in table.outcomes}
    assert rows["environmental_management"].status == "pass"
    assert rows["quality_management"].status == "fail"  # expired the day before
    assert (rows["noise"].status, rows["noise"].value) == ("pass", "58 dB(A)")
    assert rows["noise"].primary_evidence.id == "EV-1"  # the one in force, not the old one
    assert [e.id for e in rows["noise"].evidence] == ["EV-1", "EV-2"]
    assert rows["heating_efficiency"].status == "fail"  # 82 < 85
    assert rows["electrical_safety"].status == "pass"
    assert rows["food_contact"].status == "not_assessed"  # no verdict, text benchmark
    assert rows["no_serious_accident"].status == "not_assessed"  # dated after DAY
    assert rows["noise"].primary_evidence.date == dt.date(2026, 1, 5)


def test_lca_metrics_come_from_the_result(profiles):
    project = demo("electric_kettle")
    data = json.loads(profiles["gbt32161_generic"].model_dump_json())
    label = "IPCC 2021 | climate change | global warming potential (GWP100)"
    data["indicators"].append({
        "id": "gwp", "group": "environment", "name": "Life cycle GWP100", "unit": "kg CO2-eq",
        "benchmark": {"comparison": "<=", "value": 50}, "stage": "life_cycle",
        "metric": "lca:" + label, "source": "illustrative target of this test"})
    from greendesign.evidence.specification import parse_specification

    profile = parse_specification(data, "test")
    fake = SimpleNamespace(methods=[("IPCC 2021", "climate change",
                                     "global warming potential (GWP100)"), ("CED", "total", "x")],
                           total=np.array([42.5, 900.0]))
    assert lca_total(fake, label) == 42.5
    scores = design_scores(project, result=fake)
    assert scores.metrics["gwp_kg"] == 42.5
    table = evaluate_conformity(profile, project.evidence, scores, fake, day=DAY)
    assert (table.outcome("gwp").value, table.outcome("gwp").status) == (42.5, "pass")
    without = evaluate_conformity(profile, project.evidence, scores, None, day=DAY)
    assert without.outcome("gwp").status == "not_assessed"
    assert "LCA" in without.outcome("gwp").note


def test_parts_counted_once(profiles):
    # the independent mass agrees with the model's own (sanity of the helper above)
    project = demo("office_chair")
    total = sum(p.mass_kg * n for p, n in iter_parts(project.product.bom))
    mass, _ = independent_metrics(project.product)
    assert mass <= total
