"""The Green design page: the same numbers as ``score_json``, lights that follow the
benchmarks, and improvements applied to a new, undoable variant."""

from __future__ import annotations

import pytest

from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.model import BASELINE
from greendesign.model.part import iter_parts
from greendesign.scoring import score_json
from ui.document.document import ProjectDocument
from ui.pages.green_design.green_design_page import GreenDesignPage
from ui.pages.green_design.scorecards import (
    AMBER,
    GREEN,
    NONE,
    RED,
    meets_benchmark,
    number_text,
    traffic_light,
)

DEMOS = demo_products()
DEMO_DESIGNS = [(path, name) for path in DEMOS for name in load_project(path).design_names]

#: score card line -> the metric whose indicator gives its light
CARD_METRICS = {
    ("lightweighting", "material_efficiency"): "material_efficiency_pct",
    ("modularity", "reversible_joints"): "reversible_joint_share_pct",
    ("modularity", "standard_fasteners"): "standard_fastener_share_pct",
    ("modularity", "disassembly_time"): "disassembly_time_s",
    ("modularity", "repairability"): "repairability_index",
    ("modularity", "modularity_q"): "modularity_q",
    ("recycling", "recyclability_rate"): "recyclability_rate_pct",
    ("recycling", "recoverability_rate"): "recoverability_rate_pct",
    ("recycling", "recycled_content"): "recycled_content_pct",
    ("recycling", "mci"): "mci",
    ("recycling", "restricted_substances"): "restricted_substance_findings",
    ("recycling", "unmarked_plastics"): "unmarked_plastic_share_pct",
    ("recycling", "combinations"): "hindering_combinations",
}


@pytest.fixture
def document(qtbot):
    doc = ProjectDocument()
    yield doc
    doc.undo_stack.clear()  # an empty stack emits nothing while it is destroyed


def open_page(qtbot, document, path) -> GreenDesignPage:
    document.open(path)
    page = GreenDesignPage(document)
    qtbot.addWidget(page)
    page.recompute()
    return page


def kettle_path():
    return next(p for p in DEMOS if "kettle" in p.stem)


def test_three_demo_products_are_bundled():
    assert len(DEMOS) == 3


@pytest.mark.parametrize(("path", "design"), DEMO_DESIGNS,
                         ids=[f"{p.stem}:{d}" for p, d in DEMO_DESIGNS])
def test_index_and_rcr_equal_score_json(qtbot, document, path, design):
    page = open_page(qtbot, document, path)
    document.set_design(design)
    page.recompute()
    expected = score_json(load_project(path), design)
    gdi = expected["green_design_index"]
    assert page.result["green_design_index"]["index"] == pytest.approx(gdi["index"], abs=1e-9)
    assert page.result["green_design_index"]["profile"] == gdi["profile"]
    assert page.result["recyclability_rate"] == pytest.approx(expected["recyclability_rate"],
                                                              abs=1e-9)
    assert page.index_value.text() == number_text(gdi["index"], 3)
    rcr = page.cards["recycling"].rows["recyclability_rate"].value.text()
    assert rcr == number_text(expected["recyclability_rate"], 3) + " %"
    assert page.indicator_model.rowCount() == len(gdi["indicators"])
    assert page.suggestion_model.rowCount() == len(expected["suggestions"])


@pytest.mark.parametrize("path", DEMOS, ids=[p.stem for p in DEMOS])
def test_traffic_lights_follow_value_against_benchmark(qtbot, document, path):
    page = open_page(qtbot, document, path)
    indicators = {i["metric"]: i for i in page.result["green_design_index"]["indicators"]}
    seen = set()
    for (card, key), metric in CARD_METRICS.items():
        state = page.cards[card].rows[key].light.state
        indicator = indicators.get(metric)
        if indicator is None or indicator["value"] is None:
            assert state == NONE, (card, key)
            continue
        met = (indicator["value"] >= indicator["benchmark"] if indicator["direction"] == "higher"
               else indicator["value"] <= indicator["benchmark"])
        if met:
            assert state == GREEN, (card, key, indicator)
        else:
            assert state == (RED if indicator["score"] == 0 else AMBER), (card, key, indicator)
        seen.add(state)
    assert len(seen) >= 2  # the demos are neither all good nor all bad
    assert page.cards["lightweighting"].rows["mass"].light.state == NONE  # no benchmark


def test_traffic_light_rule():
    base = {"benchmark": 65.0, "direction": "higher", "score": 0.5, "value": 30.0}
    assert traffic_light(base) == AMBER
    assert traffic_light({**base, "value": 65.0, "score": 1.0}) == GREEN
    assert traffic_light({**base, "value": 0.0, "score": 0.0}) == RED
    assert traffic_light({**base, "value": None, "score": None}) == NONE
    assert traffic_light(None) == NONE
    assert meets_benchmark(0.0, 0.0, "lower") and not meets_benchmark(1.0, 0.0, "lower")


def test_profile_can_be_chosen(qtbot, document):
    page = open_page(qtbot, document, kettle_path())
    assert page.result["profile"] == "household_appliance"
    page.set_profile("furniture")
    assert page.result["profile"] == "furniture"
    expected = score_json(load_project(kettle_path()), profile="furniture")
    assert page.result["green_design_index"]["index"] == pytest.approx(
        expected["green_design_index"]["index"])
    page.set_profile("")
    assert page.result["profile"] == "household_appliance"


def test_edits_are_scored_again_debounced(qtbot, document):
    page = open_page(qtbot, document, kettle_path())
    page.show()
    qtbot.waitExposed(page)
    before = page.result["mass_kg"]
    product = document.product.model_copy(deep=True)
    part = next(p for p, _count in iter_parts(product.bom))
    part.mass_kg *= 2
    with qtbot.waitSignal(page.scoresUpdated, timeout=3000):
        document.put_product(BASELINE, product)
        document.productChanged.emit()  # a burst of signals is scored once
    assert page.result["mass_kg"] > before


def test_gwp_lookup_fills_material_gwp(qtbot, document):
    page = open_page(qtbot, document, kettle_path())
    assert page.result["gwp"]["materials_kg"] is None
    page.set_gwp_lookup(lambda code: 2.0)
    page.recompute()
    assert page.result["gwp"]["materials_kg"] > 0
    assert "kg CO2-eq" in page.cards["lightweighting"].rows["material_gwp"].value.text()
    page.set_gwp_lookup(lambda code: 1 / 0)  # a broken lookup does not stop the scores
    page.recompute()
    assert page.result is not None and page.result["gwp"]["missing_factors"]


def test_apply_suggestion_creates_variant_and_undo_removes_it(qtbot, document):
    page = open_page(qtbot, document, kettle_path())
    suggestion = page.result["suggestions"][0]
    assert suggestion["lever"] == "restricted_substance"
    names_before = list(document.project.design_names)
    assert page.apply_button.isEnabled()

    name = page.apply_suggestion(0)

    assert name is not None and name in document.project.design_names
    assert document.design_name == name
    variant = next(v for v in document.project.variants if v.name == name)
    assert variant.based_on == BASELINE
    assert variant.description == suggestion["description"]
    pins = variant.product.find(suggestion["parts"][0])
    assert all(s.name != "lead" for s in pins.substances)
    assert any(s.name == "lead" for s in document.project.product.find("plug_pins").substances)
    page.recompute()
    assert page.result["design"] == name
    assert page.result["green_design_index"]["index"] == pytest.approx(
        suggestion["index_after"], abs=1e-6)
    assert page.result["restricted_substance_findings"] == []

    assert document.undo_stack.canUndo()
    document.undo_stack.undo()
    assert document.project.design_names == names_before
    assert document.design_name == BASELINE
    document.undo_stack.redo()
    assert name in document.project.design_names


def test_apply_every_kettle_suggestion(qtbot, document):
    page = open_page(qtbot, document, kettle_path())
    count = len(page.result["suggestions"])
    for row in range(count):
        document.set_design(BASELINE)
        page.recompute()
        name = page.apply_suggestion(row)
        assert name is not None, page.apply_message.text()
    assert len(document.project.variants) == count + len(load_project(kettle_path()).variants)
    assert len(set(document.project.design_names)) == len(document.project.design_names)


def test_no_project_shows_nothing(qtbot, document):
    page = GreenDesignPage(document)
    qtbot.addWidget(page)
    page.recompute()
    assert page.result is None
    assert not page.apply_button.isEnabled()
    assert page.apply_suggestion(0) is None


def test_hidden_page_scores_when_shown_and_finds_suggestions_in_the_background(qtbot,
                                                                             document):
    page = open_page(qtbot, document, kettle_path())
    expected = score_json(document.project, BASELINE)
    product = document.product.model_copy(deep=True)
    next(p for p, _count in iter_parts(product.bom)).mass_kg *= 2
    document.put_product(BASELINE, product)
    document.productChanged.emit()
    qtbot.wait(300)
    assert page.result["mass_kg"] == pytest.approx(expected["mass_kg"])  # hidden: not yet
    with qtbot.waitSignal(page.scoresUpdated, timeout=5000):
        page.show()
    assert page.result["mass_kg"] > expected["mass_kg"]
    qtbot.waitUntil(lambda: page.suggestion_model.rowCount() > 0, timeout=20000)
    assert page.result["suggestions"] == score_json(document.project, BASELINE)["suggestions"]
