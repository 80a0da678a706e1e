"""pack.json and its PACT product footprint block, against independent calculations."""

from __future__ import annotations

import csv
import json
import math
import re
from datetime import UTC, datetime

import numpy as np
import pytest

from greendesign.bundled import demo_products, lca_data_dir
from greendesign.inventory.datasets import load_carbon_content, table_files
from greendesign.io.project_file import load_project, project_from_dict
from greendesign.lca.engine import assess
from greendesign.model import Assembly, Part, Product, Project
from greendesign.report import pact
from greendesign.report.pack_data import (
    CARBON_METHODS,
    GWP100,
    GWP100_BIOGENIC,
    GWP100_FOSSIL,
    GWP100_LAND_USE,
    ExportOptions,
    gather,
    report_id,
)
from greendesign.report.pack_json import PACK_FORMAT, pack_json, pack_json_bytes, plain

MOMENT = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
TOP_LEVEL = ["format", "pack_schema", "report_id", "created", "language", "versions",
             "options", "project", "methods", "calculation", "monte_carlo", "designs",
             "comparison", "datasets", "evidence", "product_footprints", "pact_problems",
             "texts"]

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture(scope="module")
def kettle():
    return load_project(next(p for p in demo_products() if p.stem == "electric_kettle"))


@pytest.fixture(scope="module")
def data(kettle, bg):
    return gather(kettle, ExportOptions(designs=("baseline", "pp-body"), iterations=60,
                                        language="en"), background=bg, created=MOMENT)


@pytest.fixture(scope="module")
def doc(data):
    return json.loads(pack_json_bytes(data))


def test_the_layout_and_the_recipe_to_recompute(doc, data, kettle):
    assert list(doc) == TOP_LEVEL
    assert doc["format"] == PACK_FORMAT and doc["report_id"] == data.report_id
    assert doc["created"] == MOMENT.isoformat()
    assert doc["versions"]["inventory_data"] and doc["versions"]["greendesign"]
    assert ExportOptions.from_json(doc["options"]) == data.options
    assert doc["monte_carlo"]["iterations"] == 60 and doc["monte_carlo"]["seed"] == 1
    assert doc["monte_carlo"]["distributions"]["mass_rel_sd"] == pytest.approx(
        kettle.settings.mass_tolerance / 2)
    assert doc["calculation"]["residual"] < 1e-9 and doc["calculation"]["solver"]
    assert [m["method"] for m in doc["methods"]] == [list(m) for m in data.methods]
    assert all(m["unit"] for m in doc["methods"])
    # the project inside loads as a project file does and gives the same report id
    project = project_from_dict(doc["project"])
    assert report_id(project, datetime.fromisoformat(doc["created"])) == doc["report_id"]
    assert project.model_dump() == kettle.model_dump()


def test_the_numbers_are_the_engine_s(doc, kettle, bg, data):
    methods = data.methods
    for entry in doc["designs"]:
        independent = assess(kettle.design(entry["name"]), methods, background=bg,
                             allow_gaps=True)
        for j, row in enumerate(entry["summary"]):
            assert row["method"] == list(methods[j])
            assert row["total"] == pytest.approx(float(independent.total[j]), rel=1e-12)
            assert row["credits_beyond_boundary"] == pytest.approx(
                float(independent.credits[j]), rel=1e-12, abs=1e-15)
            assert row["per_year"] == pytest.approx(
                float(independent.total[j]) / kettle.design(entry["name"]).service_life_years)
        stages = {r["stage"]: np.array(r["values"], dtype=float) for r in entry["by_stage"]}
        total = np.array([r["total"] for r in entry["summary"]])
        in_total = sum(v for s, v in stages.items() if s != "credits_beyond_boundary")
        np.testing.assert_allclose(in_total, total, rtol=1e-9, atol=1e-15)
        np.testing.assert_allclose(stages["credits_beyond_boundary"],
                                   [r["credits_beyond_boundary"] for r in entry["summary"]])
        # each node's own lines plus the product-level lines make the total
        own = np.array([p["values"] for p in entry["by_part"]], dtype=float).sum(axis=0)
        product_level = [line for line in independent.model.lines
                         if not line.part_id and line.stage != "credits_beyond_boundary"]
        j = methods.index(GWP100)
        rest = sum(float(bg.H[bg.method_row[GWP100], bg.column[line.dataset]]) * line.amount
                   for line in product_level)
        assert own[j] + rest == pytest.approx(total[j], rel=1e-9)
        # an assembly with its children is the sum of its subtree's own values
        rows = {p["part_id"]: p for p in entry["by_part"]}
        for pid, row in rows.items():
            subtree = [pid]
            for other in rows:
                parent = rows[other]["parent"]
                while parent:
                    if parent == pid:
                        subtree.append(other)
                        break
                    parent = rows[parent]["parent"]
            assert row["rolled_up"][j] == pytest.approx(
                sum(rows[p]["values"][j] for p in subtree), rel=1e-9, abs=1e-12)
        # the inventory: amounts of every elementary flow, G d by hand
        demand = np.zeros(len(bg.codes))
        for line in independent.model.lines:
            if line.stage != "credits_beyond_boundary":
                demand[bg.column[line.dataset]] += line.amount
        flows = bg.G @ demand
        by_code = {(r["code"], r["compartment"]): r["amount"] for r in entry["lci"]}
        for i, (code, _name, compartment, _unit) in enumerate(bg.flows):
            if flows[i] != 0:
                assert by_code[(code, compartment)] == pytest.approx(flows[i], rel=1e-9)
        assert len(by_code) == int(np.count_nonzero(flows))


def test_carbon_footprint_scores_and_monte_carlo_are_there(doc, data):
    for entry in doc["designs"]:
        design = data.designs[entry["name"]]
        carbon = entry["carbon_footprint"]
        assert carbon["total_kg"] == design.carbon.total_kg
        assert carbon["fossil_kg"] + carbon["biogenic_kg"] + carbon["land_use_kg"] == \
            pytest.approx(carbon["total_kg"], rel=1e-6)
        assert entry["scores"]["recyclability_rate"] == design.scores["recyclability_rate"]
        stats = {r["method"]: r for r in entry["monte_carlo"]["statistics"]}
        gwp = stats[" | ".join(GWP100)]
        samples = design.monte_carlo.samples[:, data.method_index(GWP100)]
        assert gwp["mean"] == pytest.approx(float(samples.mean()), rel=1e-12)
        assert gwp["p2_5"] == pytest.approx(float(np.percentile(samples, 2.5)), rel=1e-12)
        assert entry["tornado"]["rows"][0]["swing"] >= entry["tornado"]["rows"][-1]["swing"]
        assert entry["excluded_mass_share"] == pytest.approx(
            design.result.model.excluded_mass_share)
        assert {g["code"] for g in entry["data_gaps"]} == \
            {g.code for g in design.result.model.gaps}
        model = design.result.model
        assert sum(g["mass_share"] for g in entry["data_gaps"] if g["field"] == "material") == \
            pytest.approx(model.excluded_mass_share, rel=1e-12)
        assert {g["dataset"] for g in entry["ghg_only_datasets"]} >= {"electricity_CN"}


def test_comparison_and_datasets(doc, data):
    comparison = doc["comparison"]
    assert comparison["reference"] == "baseline"
    assert {d["design"] for d in comparison["designs"]} == {"baseline", "pp-body"}
    pairs = comparison["paired_uncertainty"]["pairs"]
    assert comparison["paired_uncertainty"]["iterations"] == 60
    pp = next(p for p in pairs if p["design"] == "pp-body" and p["method"] == " | ".join(GWP100))
    assert pp["p_lower"] == pytest.approx(data.paired.probability("pp-body"))
    used = {line.dataset for d in data.designs.values() for line in d.result.model.lines}
    assert {r["code"] for r in doc["datasets"]} == used
    assert all(len(r["pedigree"]) == 5 for r in doc["datasets"] if not r["user_database"]
               and r["source"].startswith("USLCI"))
    # the proxy notes of datasets.csv in both languages, through Brightway and the background
    notes = {}
    for path in table_files(lca_data_dir() / "datasets", "datasets"):
        with open(path, encoding="utf-8-sig") as handle:
            notes.update({r["code"]: (r["proxy"], r["proxy_zh"]) for r in csv.DictReader(handle)})
    bundled = [r for r in doc["datasets"] if r["code"] in notes]
    assert [(r["proxy"], r["proxy_zh"]) for r in bundled] == [notes[r["code"]] for r in bundled]
    assert any(r["proxy_zh"] for r in bundled)


def test_json_is_plain_and_strict(data):
    assert plain(float("nan")) is None and plain(np.float32(1.5)) == 1.5
    assert plain((1, np.int64(2))) == [1, 2]
    text = pack_json_bytes(data).decode("utf-8")
    assert "NaN" not in text and "Infinity" not in text
    json.loads(text)


def test_texts_come_in_the_pack_s_language(kettle, bg):
    zh = gather(kettle, ExportOptions(iterations=0, language="zh_CN"), background=bg,
                created=MOMENT)
    both = gather(kettle, ExportOptions(iterations=0, language="both"), background=bg,
                  created=MOMENT)
    stage = pack_json(zh)["designs"][0]["by_stage"][0]
    assert stage["stage"] == "raw_materials" and stage["label"] == "原材料获取"
    assert pack_json(both)["designs"][0]["by_stage"][0]["label"] == "原材料获取 / Raw materials"
    assert "碳足迹" in pack_json(zh)["texts"]["carbon_footprint"]


# --- the PACT product footprint ----------------------------------------------------------------

def _gate(result, method) -> float:
    j = result.methods.index(method)
    return sum(float(result.scores[k, j]) for k, line in enumerate(result.model.lines)
               if line.stage in ("raw_materials", "manufacturing"))


def _validate_types(footprint: dict) -> None:
    """An independent reading of the field list of PACT 2.3.3 (mandatory fields, types)."""
    mandatory = ["id", "specVersion", "version", "created", "status", "comment", "companyName",
                 "companyIds", "productDescription", "productIds", "productCategoryCpc",
                 "productNameCompany", "pcf"]
    mandatory_pcf = ["declaredUnit", "unitaryProductAmount", "pCfExcludingBiogenic",
                     "fossilGhgEmissions", "fossilCarbonContent", "biogenicCarbonContent",
                     "characterizationFactors", "ipccCharacterizationFactorsSources",
                     "crossSectoralStandardsUsed", "crossSectoralStandards",
                     "boundaryProcessesDescription", "referencePeriodStart",
                     "referencePeriodEnd", "exemptedEmissionsPercent",
                     "exemptedEmissionsDescription", "packagingEmissionsIncluded",
                     # O*: mandatory for reference periods from 2025 on
                     "pCfIncludingBiogenic", "dLucGhgEmissions", "landManagementGhgEmissions",
                     "otherBiogenicGhgEmissions", "biogenicCarbonWithdrawal",
                     "biogenicAccountingMethodology", "primaryDataShare", "dqi"]
    assert all(name in footprint for name in mandatory)
    pcf = footprint["pcf"]
    assert all(name in pcf for name in mandatory_pcf)
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
                        footprint["id"])
    assert isinstance(footprint["version"], int) and footprint["status"] == "Active"
    assert all(i.startswith("urn:") for i in footprint["companyIds"] + footprint["productIds"])
    decimals = [k for k in pcf if k.endswith(("Biogenic", "Emissions", "Content", "Withdrawal",
                                              "Amount", "DeclaredUnit"))]
    assert len(decimals) >= 12
    for name in decimals:
        assert isinstance(pcf[name], str) and re.fullmatch(r"[+-]?\d+(\.\d+)?", pcf[name]), name
    for name in ("exemptedEmissionsPercent", "primaryDataShare"):
        assert isinstance(pcf[name], float | int) and not isinstance(pcf[name], bool)
    assert isinstance(pcf["packagingEmissionsIncluded"], bool)
    assert all(1 <= pcf["dqi"][k] <= 3 for k in pcf["dqi"] if k.endswith("DQR"))
    assert pcf["declaredUnit"] == "kilogram" and pcf["characterizationFactors"] == "AR6"
    for stamp in (footprint["created"], pcf["referencePeriodStart"], pcf["referencePeriodEnd"]):
        datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")


def test_pact_values_by_hand(data, kettle):
    footprint = pact.product_footprint(data, "baseline")
    _validate_types(footprint)
    pcf = footprint["pcf"]
    design = data.designs["baseline"]
    result = design.result
    mass = design.scores["mass_kg"]  # without packaging
    assert float(pcf["unitaryProductAmount"]) == pytest.approx(mass, rel=1e-12)
    assert float(pcf["pCfExcludingBiogenic"]) == pytest.approx(_gate(result, GWP100) / mass,
                                                               rel=1e-12)
    assert float(pcf["fossilGhgEmissions"]) == pytest.approx(
        _gate(result, GWP100_FOSSIL) / mass, rel=1e-12)
    assert float(pcf["dLucGhgEmissions"]) == pytest.approx(
        _gate(result, GWP100_LAND_USE) / mass, abs=1e-15)
    assert float(pcf["otherBiogenicGhgEmissions"]) == pytest.approx(
        _gate(result, GWP100_BIOGENIC) / mass, abs=1e-15)
    # every material of the kettle has data (labelled proxies included): nothing is exempted
    assert [g for g in result.model.gaps if g.field == "material"] == []
    assert pcf["exemptedEmissionsPercent"] == 0
    assert pact.pact_problems(footprint) == []
    assert "does not meet the PACT cut-off rule" not in footprint["comment"]
    assert pcf["packagingEmissionsIncluded"] is True and float(pcf["packagingGhgEmissions"]) > 0
    assert footprint["id"] == pact.footprint_uuid(data.report_id, "baseline")
    assert pact.footprint_uuid(data.report_id, "pp-body") != footprint["id"]
    assert pcf["geographyCountry"] == "CN"
    assert footprint["companyIds"] == [pact.PLACEHOLDER_COMPANY_ID]
    assert "companyIds" in footprint["comment"] and "productCategoryCpc" in footprint["comment"]


def _plain_product() -> Product:
    """A product whose every material has inventory data: 2 x (0.25 kg pp lid + 4 x 2 g
    stainless screws), a 1 kg stainless body, a 0.984 kg pp base and a 0.1 kg paper sleeve."""
    lid = Part(id="LID", name="Lid", mass_kg=0.25, material="pp", joint="snap-fit")
    screws = Part(id="SCR", name="Screw M4", mass_kg=0.002, material="steel_stainless_304",
                  quantity=4, joint="screw")
    top = Assembly(id="TOP", name="Top assembly", quantity=2, children=[lid, screws])
    body = Part(id="BODY", name="Body", mass_kg=1.0, material="steel_stainless_304",
                recycled_content=0.3, scrap_rate=0.1)
    base = Part(id="BASE", name="Base", mass_kg=0.984, material="pp")
    sleeve = Part(id="SLEEVE", name="Paper sleeve", mass_kg=0.1, material="paper")
    return Product(name="Test product", functional_unit="one unit used for 5 years",
                   service_life_years=5, bom=[top, body, base, sleeve])


def test_a_product_without_gaps_conforms(bg):
    project = Project(product=_plain_product())
    project.evidence.applicant.company_name_zh = "示例家电有限公司"
    project.evidence.applicant.credit_code = "91350100M000100Y43"
    data = gather(project, ExportOptions(iterations=20, language="en"), background=bg,
                  created=MOMENT)
    assert data.main.result.model.gaps == []
    footprint = pact.product_footprint(data, "baseline")
    assert pact.pact_problems(footprint) == []
    _validate_types(footprint)
    pcf = footprint["pcf"]
    assert pcf["exemptedEmissionsPercent"] == 0 and pcf["exemptedEmissionsDescription"] == ""
    assert footprint["companyIds"] == ["urn:uscc:91350100M000100Y43"]
    assert footprint["companyName"] == "示例家电有限公司"
    assert pcf["packagingEmissionsIncluded"] is False and "packagingGhgEmissions" not in pcf
    # carbon content by hand (kg C per kg of product); stainless steel counts as carbon-free
    fractions = load_carbon_content()
    mass = 2 * (0.25 + 4 * 0.002) + 1.0 + 0.984 + 0.1
    fossil = fractions["pp"][0] * (2 * 0.25 + 0.984) + fractions["paper"][0] * 0.1
    biogenic = fractions["paper"][1] * 0.1
    assert float(pcf["unitaryProductAmount"]) == pytest.approx(mass, rel=1e-12)
    assert float(pcf["fossilCarbonContent"]) == pytest.approx(fossil / mass, rel=1e-12)
    assert float(pcf["biogenicCarbonContent"]) == pytest.approx(biogenic / mass, rel=1e-12)
    assert float(pcf["biogenicCarbonWithdrawal"]) == pytest.approx(
        -44.009 / 12.011 * biogenic / mass, rel=1e-12)
    assert "steel_stainless_304" in footprint["comment"]
    assert pcf["uncertaintyAssessmentDescription"].startswith("Monte Carlo, 20 iterations")


def test_the_check_finds_what_is_wrong(data):
    footprint = pact.product_footprint(data, "baseline")
    broken = json.loads(json.dumps(footprint))
    del broken["companyName"]
    broken["version"] = "1"
    broken["pcf"]["pCfExcludingBiogenic"] = 6.19          # a number, not a decimal string
    broken["pcf"]["fossilGhgEmissions"] = "-1"
    broken["pcf"]["declaredUnit"] = "piece"
    broken["pcf"]["exemptedEmissionsPercent"] = 1.0
    broken["pcf"]["geographyRegionOrSubregion"] = "Eastern Asia"  # beside geographyCountry
    broken["pcf"]["extraField"] = 1
    del broken["pcf"]["dqi"]
    problems = pact.pact_problems(broken)
    for expected in ("companyName is missing", "version must be an integer",
                     "pcf.pCfExcludingBiogenic must be a decimal number",
                     "pcf.fossilGhgEmissions must be 0 or more", "pcf.declaredUnit must be one",
                     "pcf.dqi is missing", "pcf.extraField is not a field",
                     "at most one of the geography fields"):
        assert any(expected in p for p in problems), expected
    assert not any("exemptedEmissionsPercent" in p for p in problems)


def test_decimals_are_dotted_without_exponent():
    assert pact.decimal(1.1086463065048704e-10) == "0.00000000011086463065048704"
    assert pact.decimal(-0.0) == "0" and pact.decimal(5.0) == "5"
    assert pact.decimal(328.76620705645723) == "328.76620705645723"
    assert float(pact.decimal(1e-300)) == 1e-300
    with pytest.raises(ValueError):
        pact.decimal(math.nan)


def test_carbon_methods_are_always_in_the_json(doc):
    methods = [tuple(m["method"]) for m in doc["methods"]]
    assert all(m in methods for m in CARBON_METHODS)


def test_the_conformity_table_and_the_evidence(kettle, bg):
    project = kettle.model_copy(deep=True)
    project.evidence.specification = "household_appliance_kettle"
    project.evidence.applicant.company_name_zh = "示例电器有限公司"
    data = gather(project, ExportOptions(iterations=0, language="both"), background=bg,
                  created=MOMENT)
    doc = pack_json(data)
    tables = doc["designs"][0]["conformity"]
    assert set(tables) == {"zh_CN", "en"}
    assert [r["id"] for r in tables["en"]["rows"]] == [r["id"] for r in tables["zh_CN"]["rows"]]
    assert tables["en"]["day"] == MOMENT.date().isoformat()
    evidence = doc["evidence"]
    assert evidence["applicant"]["company_name_zh"] == "示例电器有限公司"
    assert evidence["specification"]["id"] == "household_appliance_kettle"
    assert evidence["register"] == [] and evidence["completeness"]
    rules = doc["product_footprints"][0]["pcf"]["productOrSectorSpecificRules"]
    assert rules[0]["operator"] == "Other" and rules[0]["ruleNames"] == \
        [evidence["specification"]["standard"]]


def test_exempted_emissions_by_hand(bg):
    """A material without data (titanium, lca_data/datasets/missing.csv) is exempted: the
    mass left out times the raw-material GWP per kg modelled."""
    parts = [Part(id="body", name="Body", mass_kg=1.0, material="pp"),
             Part(id="pin", name="Pin", mass_kg=0.25, material="titanium")]
    product = Product(name="Two parts", functional_unit="one", service_life_years=1,
                      bom=[Assembly(id="a", name="A", children=parts)])
    result = assess(product, [GWP100], background=bg, allow_gaps=True)
    gate = _gate(result, GWP100)
    raw = float(result.by_stage().loc["raw_materials"].iloc[0])
    estimate = 0.25 * raw / 1.0
    share, left_out = pact.exempted_share(result, gate)
    assert left_out == pytest.approx(estimate, rel=1e-12)
    assert share == pytest.approx(100 * estimate / (gate + estimate), rel=1e-12)
    assert share > 5  # a fifth of the mass left out: more than PACT's cut-off rule allows
