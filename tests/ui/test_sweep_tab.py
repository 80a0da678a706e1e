"""The design-space tab of the Variants page on the real inventory: default factors,
a sweep run in the worker, the scatter and its Pareto front, a candidate made a
variant (undoable), and Cancel."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt

from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.lca.background import load_background
from greendesign.lca.engine import GWP100, assess
from greendesign.model import Project
from greendesign.sweep.spec import MaterialFactor, level_count
from ui.document.document import ProjectDocument
from ui.pages.variants.sweep_factors import ashby_options, material_class
from ui.pages.variants.variants_page import VariantsPage
from ui.services.lca_service import LcaService

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


def kettle() -> Project:
    path = next(p for p in demo_products() if p.stem == "electric_kettle")
    return Project(product=load_project(path).product)  # the baseline only


@pytest.fixture
def page(qtbot):
    """A shown Variants page holding the kettle's baseline only, the matrices loaded."""
    document = ProjectDocument()
    service = LcaService(document)
    page = VariantsPage(document, service)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: service.background is not None, timeout=120_000)
    document.set_project(kettle(), None)
    qtbot.waitUntil(lambda: "one design" in page.message.text(), timeout=10_000)
    yield page
    service.stop()
    document.undo_stack.cleanChanged.disconnect()  # the document goes before its stack


def run_to_end(qtbot, tab):
    job = tab.run()
    assert job is not None
    qtbot.waitUntil(lambda: tab.job is None, timeout=120_000)
    assert tab.result is not None, tab.status.text()
    return tab.result


def test_default_factors_of_the_kettle(page):
    tab = page.sweep
    assert page.stack.currentIndex() == 0  # one design: the tab sits under the message
    assert tab.isVisibleTo(page) and page.tabs.indexOf(tab) < 0
    spec = tab.factors.spec()
    # the heaviest metal part is the stainless body shell (0.32 kg)
    product = page.document.product
    heaviest = max(((p, n) for p, n in product.parts() if material_class(p.material)),
                   key=lambda pn: pn[0].mass_kg * pn[1])[0]
    assert heaviest.id == "body_shell"
    kinds = [f.kind for f in spec.factors]
    assert kinds == ["material", "recycled_content", "green_power_share", "service_life"]
    material = spec.factors[0]
    assert isinstance(material, MaterialFactor) and material.part_id == "body_shell"
    assert len(material.options) == 3
    # the Ashby masses: the part's mass scaled by the index ratio, per unit
    lightest = {o.material: o.mass_kg for o in ashby_options(heaviest, 1.0, 3)}
    assert {o.material: o.mass_kg for o in material.options} == lightest
    assert all(0 < m < heaviest.mass_kg for m in lightest.values())
    assert spec.factors[3].levels == [5.0, 7.5]
    # (as designed + 3 materials) x 3 recycled contents x 3 green-power shares x 2 lives
    assert spec.size == 4 * 3 * 3 * 2 == math.prod(level_count(f) for f in spec.factors)
    assert tab.factors.count_label.text() == "72 candidates"
    tab.factors.add_factor("eol_region")  # the design's own region ticked: one level
    assert tab.factors.spec().size == 72
    regions = tab.factors.boxes[-1].regions
    unticked = next(r for r in range(regions.count())
                    if regions.item(r).checkState() == Qt.CheckState.Unchecked)
    regions.item(unticked).setCheckState(Qt.CheckState.Checked)  # a second region
    assert tab.factors.spec().size == 144
    assert tab.factors.count_label.text() == "144 candidates"


def test_sweep_fills_the_chart_and_a_candidate_becomes_a_variant(qtbot, page):
    tab = page.sweep
    assert tab.run_button.isEnabled()
    result = run_to_end(qtbot, tab)
    assert len(result) == 72
    known = np.isfinite(result.gwp_per_year) & np.isfinite(result.index)
    assert tab.chart.point_count == int(known.sum()) == 72
    assert tab.chart.front_count == int(result.pareto.sum()) > 0
    assert tab.model.rowCount() == 72
    # the table begins with the Pareto front, lowest GWP per year first
    front = int(result.pareto.sum())
    first = [tab.model.value(r, "gwp_per_year") for r in range(front)]
    assert all(tab.model.value(r, "pareto") == "\u2713" for r in range(front))
    assert first == sorted(first)
    # the design as it is: the star, with the total of a direct assessment
    background = load_background()
    base = result.baseline
    assert base is not None
    direct = assess(page.document.product, [GWP100], background=background, allow_gaps=True)
    assert result.gwp[base] == pytest.approx(float(direct.total[0]), rel=1e-6)
    # pick a Pareto candidate and make it a variant
    row = int(np.flatnonzero(result.pareto)[0])
    tab.chart.select(row)
    panel = tab.chart_panel
    assert panel.make_button.isEnabled()
    assert f"Candidate {row + 1}" in panel.details.text()
    candidate = result.candidate(row)
    check = assess(candidate, [GWP100], background=background, allow_gaps=True)
    assert result.gwp[row] == pytest.approx(float(check.total[0]), rel=1e-6)
    panel.make_button.click()
    project = page.document.project
    name = f"sweep-{row + 1}"
    assert project.design_names == ["baseline", name]
    variant = project.variants[0]
    assert variant.product == candidate
    assert variant.description == result.describe(row)
    assert variant.based_on == "baseline"
    assert page.document.design_name == name
    # two designs now: the page compares them and the sweep moves among the tabs, shown
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 1, timeout=20_000)
    assert page.tabs.currentWidget() is tab and tab.result is result
    # one undo step removes the variant
    page.document.undo_stack.undo()
    assert page.document.project.design_names == ["baseline"]
    assert page.document.design_name == "baseline"
    qtbot.waitUntil(lambda: page.tabs.indexOf(tab) < 0, timeout=20_000)
    # the swept design is unchanged: another candidate can still be made a variant
    other = int(np.flatnonzero(result.pareto)[-1])
    tab.chart.select(other)
    assert tab.make_variant(other) == f"sweep-{other + 1}"
    assert page.document.project.variants[0].product == result.candidate(other)


def test_chart_follows_the_y_axis_choice(qtbot, page):
    tab = page.sweep
    result = run_to_end(qtbot, tab)
    combo = tab.chart_panel.y_combo
    combo.setCurrentIndex(combo.findData("mass_kg"))
    assert np.allclose(np.sort(tab.chart.y), np.sort(result.mass_kg))
    # the front of (GWP per year, mass), both lowered, checked pair by pair
    x, y = result.gwp_per_year, result.mass_kg
    dominated = [any(x[j] <= x[i] and y[j] <= y[i] and (x[j] < x[i] or y[j] < y[i])
                     for j in range(len(x))) for i in range(len(x))]
    assert tab.chart.front_count == len(x) - sum(dominated)


def test_cancel_stops_a_run(qtbot, page):
    tab = page.sweep
    tab.factors.add_factor("production_grid")
    grids = tab.factors.boxes[-1].regions
    for r in range(grids.count()):
        grids.item(r).setCheckState(Qt.CheckState.Checked)
    assert tab.factors.spec().size == 72 * grids.count()
    job = tab.run()
    job.progress.connect(lambda *_a: tab.cancel())
    assert tab.cancel_button.isVisibleTo(tab)
    qtbot.waitUntil(lambda: tab.job is None, timeout=120_000)
    assert job.is_cancelled() and tab.result is None
    assert tab.status.text() == "Sweep cancelled."
    assert tab.cancel_button.isHidden() and tab.run_button.isEnabled()


def _same_factors(a, b) -> bool:
    """Equal factors; ticked parts, grids and regions in any order (the lists' own)."""
    def norm(factors):
        out = []
        for f in factors:
            if f.kind == "recycled_content":
                f = f.model_copy(update={"part_ids": sorted(f.part_ids)})
            elif f.kind in ("production_grid", "eol_region"):
                f = f.model_copy(update={"levels": sorted(f.levels)})
            out.append(f)
        return out
    return norm(a) == norm(b)


class _Prompts:
    """File dialogs answered in advance; errors recorded."""

    def __init__(self, path):
        self.path, self.errors = path, []

    def open_path(self, *_args):
        return self.path

    def save_path(self, *_args):
        return self.path

    def show_error(self, _parent, exc, _title):
        self.errors.append(str(exc))


def test_sweep_files_open_and_save(page, tmp_path):
    from greendesign.bundled import resources_dir
    from greendesign.sweep.spec import read_spec

    editor = page.sweep.factors
    bundled = resources_dir() / "demo" / "electric_kettle.sweep.json"
    editor.prompts = _Prompts(bundled)
    assert editor.open_file()
    assert editor.spec().size == read_spec(bundled).size == 10_368
    assert _same_factors(editor.spec().factors, read_spec(bundled).factors)
    saved = tmp_path / "again.json"
    editor.prompts = _Prompts(saved)
    assert editor.save_file()
    assert _same_factors(read_spec(saved).factors, read_spec(bundled).factors)
    # a file naming a part the design lacks is refused, and the editor keeps its factors
    bad = tmp_path / "bad.json"
    bad.write_text('{"factors": [{"kind": "recycled_content", "part_ids": ["no_such"], '
                   '"levels": [0.5]}]}', encoding="utf-8")
    editor.prompts = _Prompts(bad)
    assert not editor.open_file()
    assert "no_such" in editor.prompts.errors[0]
    assert editor.spec().size == 10_368
