"""The Variants page on the real inventory: totals per design, the per-year verdict,
paired Monte Carlo with Cancel, and the empty states."""

from __future__ import annotations

import math

import pytest

from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.lca.background import load_background
from greendesign.lca.engine import GWP100, assess
from greendesign.model import Project
from ui.document.document import ProjectDocument
from ui.pages.variants.variants_page import VariantsPage
from ui.services.lca_service import LcaService
from ui.widgets.formatting import format_number

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


def demo(stem: str):
    path = next(p for p in demo_products() if p.stem == stem)
    return load_project(path), path


@pytest.fixture
def page(qtbot):
    """A shown Variants page with its document and service, the matrices loaded."""
    document = ProjectDocument()
    service = LcaService(document)
    page = VariantsPage(document, service)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitUntil(lambda: service.background is not None, timeout=120_000)
    yield page
    service.stop()
    document.undo_stack.cleanChanged.disconnect()  # the document goes before its stack


def open_demo(qtbot, page, stem: str) -> Project:
    project, path = demo(stem)
    page.document.set_project(project, path)
    qtbot.waitUntil(lambda: page.comparison is not None
                    and page.comparison.designs == project.design_names, timeout=20_000)
    return project


def test_table_shows_the_totals_of_assess_for_every_design(qtbot, page):
    project = open_demo(qtbot, page, "electric_kettle")
    background = load_background()
    assert page.method == GWP100
    assert page.stack.currentIndex() == 1
    assert page.table.columnCount() == len(project.design_names) == 3
    reference = assess(project.product, [GWP100], background=background, allow_gaps=True)
    for design in project.design_names:
        expected = assess(project.design(design), [GWP100], variant=design,
                          background=background, allow_gaps=True)
        total = float(expected.total[0])
        assert page.value("total", design) == pytest.approx(total, rel=1e-12)
        assert page.text("total", design) == format_number(total)
        assert page.value("per_year", design) == pytest.approx(total / 5.0, rel=1e-12)
        assert page.value("credits", design) == pytest.approx(float(expected.credits[0]))
        assert page.value("total_difference", design) == pytest.approx(
            total - float(reference.total[0]), abs=1e-9)
        assert 0 < page.value("green_design_index", design) <= 100
        assert 0 <= page.value("mci", design) <= 1
    assert page.text("total_difference", "baseline") == "reference"
    assert page.note.isHidden()  # same service lives: nothing to say
    # another method: the table follows the selector
    page.family_combo.setCurrentIndex(page.family_combo.findData("EF v3.1"))
    assert page.method[0] == "EF v3.1"
    j = page.comparison.methods.index(page.method)
    expected = assess(project.product, [page.method], background=background, allow_gaps=True)
    assert page.value("total", "baseline") == pytest.approx(float(expected.total[0]))
    assert j >= 0


def test_replaceable_battery_is_worse_in_total_but_better_per_year(qtbot, page):
    open_demo(qtbot, page, "bluetooth_speaker")
    design = "replaceable-battery"
    assert page.value("total_difference", design) > 0
    assert page.value("per_year_difference", design) < 0
    assert page.value("service_life_years", design) == 7.0
    assert not page.note.isHidden()
    text = page.note.text()
    assert "per year of service" in text
    assert "replaceable-battery is worse in total" in text and "better per year" in text
    # the colours say the same: red for the total, green per year
    row = page.ROWS.index("total_difference")
    column = page.comparison.designs.index(design)
    assert page.table.item(row, column).background().color().name() == "#fbe3e0"
    row = page.ROWS.index("per_year_difference")
    assert page.table.item(row, column).background().color().name() == "#e3f1e5"
    # attribution of that design: the levers add up to the difference, mostly use phase
    page.design_combo.setCurrentIndex(page.design_combo.findData(design))
    levers = page.lever_model.frame.set_index("lever")["difference"]
    assert levers.sum() == pytest.approx(page.value("total_difference", design))
    assert levers.abs().idxmax() == "use_phase"
    parts = page.part_model.frame
    assert "added" in set(parts["status"]) and "removed" in set(parts["status"])


def test_paired_monte_carlo_runs_and_can_be_cancelled(qtbot, page):
    open_demo(qtbot, page, "bluetooth_speaker")
    page.iterations.setValue(200)
    assert page.run_button.isEnabled()
    job = page.run_monte_carlo()
    assert not page.cancel_button.isHidden()
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: page.job is None)
    assert page.uncertainty.iterations == 200
    p_total = page.value("p_lower", "replaceable-battery")
    p_year = page.value("p_lower_per_year", "replaceable-battery")
    assert 0.0 <= p_total <= 0.05 and p_year >= 0.95
    assert math.isnan(page.value("p_lower", "baseline"))
    assert page.cancel_button.isHidden() and page.run_button.isEnabled()
    # a long run, cancelled: the page goes back to idle and keeps no probabilities
    page.iterations.setValue(20_000)
    job = page.run_monte_carlo()
    with qtbot.waitSignal(job.cancelled, timeout=60_000):
        page.cancel_button.click()
    qtbot.waitUntil(lambda: page.job is None)
    assert "cancelled" in page.mc_status.text()
    assert page.run_button.isEnabled() and page.cancel_button.isHidden()
    assert math.isnan(page.value("p_lower", "replaceable-battery"))


def test_empty_states_and_recompute_on_changes(qtbot, page):
    assert page.stack.currentIndex() == 0
    qtbot.waitUntil(lambda: "Open or create a project" in page.message.text(), timeout=5_000)
    project = Project(product=demo("electric_kettle")[0].product)
    page.document.set_project(project, None)
    qtbot.waitUntil(lambda: "one design" in page.message.text(), timeout=5_000)
    page.document.add_variant("copy")  # variantsChanged: the page compares again
    qtbot.waitUntil(lambda: page.comparison is not None, timeout=5_000)
    assert page.comparison.designs == ["baseline", "copy"]
    assert page.value("total_difference", "copy") == 0.0
    # hidden: no work until the page is shown again
    page.hide()
    page.document.undo_stack.undo()
    qtbot.wait(400)
    assert page.comparison.designs == ["baseline", "copy"]
    page.show()
    qtbot.waitUntil(lambda: page.comparison is None and "one design" in page.message.text(),
                    timeout=5_000)
