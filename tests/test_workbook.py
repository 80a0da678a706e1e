"""The pack's workbook: numbers read back equal the command line's, text stays text."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from datetime import UTC, datetime

import openpyxl
import pandas as pd
import pytest

from greendesign import i18n
from greendesign.bundled import demo_products
from greendesign.cli import main
from greendesign.io.project_file import load_project
from greendesign.model import Assembly, Part, Product, Project
from greendesign.report import xlsx_stream
from greendesign.report.pack_data import GWP100, ExportOptions, PackError, gather
from greendesign.report.workbook import write_workbook

MOMENT = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
TRICKY = ['=HYPERLINK("http://example.com","click")', "+1+2", "-3", "@SUM(A1:A2)"]

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture(scope="module")
def kettle_path():
    return next(p for p in demo_products() if p.stem == "electric_kettle")


@pytest.fixture(scope="module")
def book(kettle_path, bg, tmp_path_factory):
    project = load_project(kettle_path)
    data = gather(project, ExportOptions(designs=("baseline", "pp-body"), iterations=30,
                                         language="en"), background=bg, created=MOMENT)
    path = tmp_path_factory.mktemp("workbook") / "results.xlsx"
    write_workbook(data, path)
    return path, data


def cli_json(*argv: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(argv)) == 0
    return json.loads(out.getvalue())


def test_the_numbers_read_back_equal_assess(book, kettle_path):
    path, data = book
    results = pd.read_excel(path, sheet_name="Results")
    stages = pd.read_excel(path, sheet_name="By stage")
    assert list(results.columns) == ["Design", "Method", "Unit", "Stage", "Stage name",
                                     "Part id", "Part", "Material", "Process", "Value"]
    assert results["Value"].dtype == float
    for design in ("baseline", "pp-body"):
        cli = cli_json("--lang", "en", "assess", str(kettle_path), "--variant", design,
                       "--format", "json")
        mine = results[results["Design"] == design]
        for entry in cli["results"]:
            label = " | ".join(entry["method"])
            rows = mine[mine["Method"] == label]
            if rows.empty:  # rows of value 0 are left out: a method that is 0 everywhere
                assert entry["total"] == 0
            else:
                assert set(rows["Unit"]) == {entry["unit"]}
            assert rows["Value"].sum() == pytest.approx(entry["total"], rel=1e-9, abs=1e-12)
            for stage, value in entry["by_stage"].items():
                assert rows.loc[rows["Stage"] == stage, "Value"].sum() == pytest.approx(
                    value, rel=1e-9, abs=1e-12)
            header = f"{label} [{entry['unit']}]"
            by_stage = stages[stages["Design"] == design].set_index("Stage")[header]
            for stage, value in entry["by_stage"].items():
                assert by_stage[stage] == pytest.approx(value, rel=1e-12, abs=1e-15)
            assert by_stage["credits_beyond_boundary"] == pytest.approx(
                entry["credits_beyond_boundary"], rel=1e-12, abs=1e-15)


def test_every_sheet_is_there_with_units_in_the_headers(book):
    path, data = book
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["README", "Results", "BOM", "Scenario", "LCI", "By stage",
                            "By part", "By material", "By process", "Carbon footprint",
                            "Uncertainty", "Scores", "Comparison", "Data gaps", "Datasets"]
    readme = sheets["README"]
    assert data.report_id in readme["Value"].tolist()
    described = set(readme["Item"].dropna())
    assert set(sheets) - {"README"} <= described
    assert f"{' | '.join(GWP100)} [kg CO2-Eq]" in sheets["By part"].columns
    bom = sheets["BOM"]
    assert len(bom) == sum(len(list(d.product.parts())) + sum(
        1 for node in _walk(d.product) if isinstance(node, Assembly))
        for d in data.designs.values())
    assert bom["Mass per product (kg)"].dtype == float
    gwp = f"{' | '.join(GWP100)} [kg CO2-Eq]"
    by_material = sheets["By material"].set_index(["Design", "Material"])[gwp]
    for name, design in data.designs.items():
        frame = design.result.by_material()[" | ".join(GWP100)]
        for material, value in frame.items():
            assert by_material[(name, material)] == pytest.approx(float(value), rel=1e-12)
    carbon = sheets["Carbon footprint"].set_index(["Design", "Quantity"])["Value [kg CO2-Eq]"]
    assert carbon[("baseline", "total_kg")] == pytest.approx(data.main.carbon.total_kg)
    datasets = sheets["Datasets"]
    assert set(datasets["Code"]) == {r.code for r in data.datasets}
    notes = datasets.set_index("Code")[["Proxy", "Proxy (Chinese)"]].fillna("")
    assert {code: tuple(notes.loc[code]) for code in notes.index} == {
        r.code: (r.proxy, r.proxy_zh) for r in data.datasets}
    assert any(r.proxy_zh for r in data.datasets)
    comparison = sheets["Comparison"]
    pp = comparison[(comparison["Design"] == "pp-body")
                    & (comparison["Method"] == " | ".join(GWP100))]
    assert pp["P(lower than reference)"].iloc[0] == pytest.approx(
        data.paired.probability("pp-body"))


def _walk(product):
    from greendesign.model import walk

    return (node for node, *_rest in walk(product.bom))


def test_text_is_never_a_formula(bg, tmp_path):
    parts = [Part(id=f"P{i}", name=name, mass_kg=0.2, material="pp")
             for i, name in enumerate(TRICKY)]
    product = Product(name="=cmd|' /C calc'!A0", functional_unit="one unit for 2 years",
                      service_life_years=2, bom=[Assembly(id="A", name="-assembly",
                                                          children=parts)])
    data = gather(Project(product=product), ExportOptions(iterations=0, language="en"),
                  background=bg, created=MOMENT)
    path = write_workbook(data, tmp_path / "tricky.xlsx")
    book = openpyxl.load_workbook(path)
    for sheet in ("BOM", "Results", "By part"):
        cells = [c for row in book[sheet].iter_rows() for c in row if c.value in TRICKY]
        assert {c.value for c in cells} == set(TRICKY), sheet
        assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    frame = pd.read_excel(path, sheet_name="BOM")
    assert set(TRICKY) <= set(frame["Name"])


def test_headers_follow_the_pack_language(bg, tmp_path, kettle_path):
    project = load_project(kettle_path)
    for language, sheet, header in (("zh_CN", "结果", "设计方案"),
                                    ("both", "结果 Results", "设计方案 / Design")):
        data = gather(project, ExportOptions(iterations=0, language=language), background=bg,
                      created=MOMENT)
        path = write_workbook(data, tmp_path / f"{language}.xlsx")
        frame = pd.read_excel(path, sheet_name=sheet)
        assert frame.columns[0] == header
        assert frame[header].iloc[0] == "baseline"
    with i18n.language("zh_CN"):  # the pack's language, not the caller's, decides
        data = gather(project, ExportOptions(iterations=0, language="en"), background=bg,
                      created=MOMENT)
        path = write_workbook(data, tmp_path / "en.xlsx")
    assert pd.read_excel(path, sheet_name="Results").columns[0] == "Design"


def test_cancel_stops_the_workbook(book, tmp_path):
    _path, data = book
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(PackError, match="cancelled"):
        write_workbook(data, tmp_path / "cancelled.xlsx", cancelled=cancelled)


# --- the writer itself ----------------------------------------------------------------------

def test_column_letters_and_sheet_names():
    expected = {0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA",
                16383: "XFD"}
    assert {i: xlsx_stream.column_letters(i) for i in expected} == expected
    assert xlsx_stream.safe_sheet_name("a/b[c]:d*e?f\\g") == "a b c  d e f g"
    assert len(xlsx_stream.safe_sheet_name("x" * 40)) == 31
    assert xlsx_stream.safe_sheet_name("Results", ["results"]) == "Results (2)"


def test_values_round_trip(tmp_path):
    values = [0.1 + 0.2, 1e-300, -2.5e17, 3, True, None, float("nan"), float("inf"),
              "a\x01b<&>\"'", "x" * 40000, "中文"]
    path = tmp_path / "values.xlsx"
    with xlsx_stream.XlsxBook(path) as book:
        book.sheet("Values", [f"c{i}" for i in range(len(values))], [values])
    row = [c.value for c in openpyxl.load_workbook(path)["Values"][2]]
    assert row[0] == 0.1 + 0.2 and row[1] == 1e-300 and row[2] == -2.5e17 and row[3] == 3
    assert row[4] is True and row[5] is None and row[6] is None and row[7] is None
    assert row[8] == "ab<&>\"'" and len(row[9]) == 32767 and row[10] == "中文"


def test_the_indicator_table_when_the_project_chose_a_profile(bg, tmp_path, kettle_path):
    project = load_project(kettle_path)
    project.evidence.specification = "household_appliance_kettle"
    data = gather(project, ExportOptions(iterations=0, language="en"), background=bg,
                  created=MOMENT)
    table = data.main.conformity["en"]
    path = write_workbook(data, tmp_path / "indicators.xlsx")
    frame = pd.read_excel(path, sheet_name="Indicators")
    assert list(frame["Id"]) == [row.id for row in table.outcomes]
    assert list(frame["Verdict"]) == [row.status for row in table.outcomes]
    computed = [row for row in table.outcomes if isinstance(row.value, float)]
    assert computed
    for row in computed:
        value = frame.loc[frame["Id"] == row.id, "Value"].iloc[0]
        assert float(value) == pytest.approx(row.value, rel=1e-12)
