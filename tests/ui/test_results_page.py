"""The Results page on the real inventory: headline, Pareto clicks, tables, Monte Carlo.

The inventory is unpacked once per module from the session's ready-built
template (see ``tests/conftest.py``); the kettle demo is assessed live.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt

from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.lca.background import load_background
from greendesign.lca.engine import GWP100, assess, method_label
from greendesign.model import Product, Project
from greendesign.model.part import iter_parts
from ui.document.document import ProjectDocument
from ui.pages.results.results_page import ResultsPage
from ui.services.lca_service import LcaJob, LcaService, ServiceState
from ui.widgets.formatting import format_number, format_percent

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


def kettle_project() -> tuple[Project, object]:
    path = next(p for p in demo_products() if p.stem == "electric_kettle")
    return load_project(path), path


@pytest.fixture
def kettle(qtbot):
    """A document showing the kettle demo, its service and a Results page, with a result."""
    document = ProjectDocument()
    service = LcaService(document)
    page = ResultsPage(document, service)
    qtbot.addWidget(page)
    page.resize(1300, 850)
    project, path = kettle_project()
    with qtbot.waitSignal(service.resultChanged, timeout=120_000,
                          check_params_cb=lambda result: result is not None):
        document.set_project(project, path)
    yield document, service, page
    service.stop()
    document.undo_stack.cleanChanged.disconnect()  # the document goes before its stack


def test_headline_total_equals_assess_of_the_shown_design(kettle):
    document, service, page = kettle
    expected = assess(document.product, [GWP100], background=load_background(),
                      allow_gaps=True)
    total, unit = float(expected.total[0]), expected.units[0]
    assert page.method == GWP100
    assert service.gwp100 == pytest.approx(total, rel=1e-12)
    assert page.headline.text() == f"{format_number(total)} {unit}"
    assert page.per_year.text().startswith(format_number(total / 5.0))
    credit = float(expected.credits[0])
    assert credit < 0
    assert format_number(credit) in page.credits_label.text()
    assert "not included in the total" in page.credits_label.text()
    assert page.stack.currentIndex() == 1


def test_notes_name_ghg_only_data_and_gaps(kettle):
    _document, service, page = kettle
    assert not page.ghg_note.isHidden() and "electricity_CN" in "".join(
        service.result.ghg_only_notes()["dataset"])
    assert "other than climate change" in page.ghg_note.text()
    gaps = service.result.model.gaps
    assert gaps and not page.gaps_note.isHidden()
    assert f"{len(gaps)} references" in page.gaps_note.text()
    # the kettle's excluded mass share: the parts without data over the product mass
    product = service.result.model
    left_out = sum(g.mass_kg for g in gaps if g.field == "material")
    assert format_percent(left_out / product.product_mass_kg) in page.gaps_note.text()


def test_method_selector_switches_family_and_category(kettle, qtbot):
    _document, service, page = kettle
    families = [page.family_combo.itemText(i) for i in range(page.family_combo.count())]
    assert families == ["IPCC 2021", "EF v3.1", "CED", "ReCiPe 2016 midpoint (H)", "CML v4.8"]
    page.family_combo.setCurrentIndex(families.index("EF v3.1"))
    assert page.method[0] == "EF v3.1"
    j = service.result.methods.index(page.method)
    assert page.headline.text().startswith(format_number(float(service.result.total[j])))
    page.family_combo.setCurrentIndex(0)
    assert page.method == GWP100


def test_clicking_a_pareto_bar_selects_that_part(kettle, qtbot):
    _document, service, page = kettle
    page.show()
    qtbot.waitExposed(page)
    parts = service.result.by_part(rollup=False)[method_label(GWP100)]
    top = parts.sort_values(ascending=False).index[0]
    assert page.pareto.keys[0] == top
    second = page.pareto.keys[1]
    for index, part_id in ((0, top), (1, second)):
        with qtbot.waitSignal(page.partSelected, timeout=5000) as blocker:
            qtbot.mouseClick(page.pareto.viewport(), Qt.MouseButton.LeftButton,
                             pos=page.pareto.bar_centre(index))
        assert blocker.args == [part_id]
    page.materials_button.setChecked(True)  # materials: no part to select
    assert "steel_stainless_304" in page.pareto.keys
    with qtbot.assertNotEmitted(page.partSelected, wait=200):
        qtbot.mouseClick(page.pareto.viewport(), Qt.MouseButton.LeftButton,
                         pos=page.pareto.bar_centre(0))


def test_tables_by_process_flow_and_inventory(kettle, qtbot):
    _document, service, page = kettle
    assert page.process_model.rowCount() > 0
    assert page.lci_model.rowCount() == len(service.result.lci())
    page.tabs.setCurrentWidget(page.flows_tab)
    qtbot.waitUntil(lambda: page.flow_model.rowCount() > 0, timeout=60_000)
    scores = page.flow_model.frame["score"].sum()
    assert scores == pytest.approx(service.gwp100, rel=1e-6)
    view = page.flow_table
    proxy = view.model()
    top = proxy.data(proxy.index(0, 5), Qt.ItemDataRole.UserRole)
    assert top == pytest.approx(page.flow_model.frame["score"].max())
    view.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    assert proxy.data(proxy.index(0, 5), Qt.ItemDataRole.UserRole) == pytest.approx(
        page.flow_model.frame["score"].min())


def test_monte_carlo_runs_and_can_be_cancelled(kettle, qtbot):
    _document, service, page = kettle
    panel = page.uncertainty
    panel.iterations.setValue(200)
    panel.seed.setValue(7)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert panel.progress_bar.isVisibleTo(panel) and panel.cancel_button.isVisibleTo(panel)
    qtbot.waitUntil(lambda: panel.runs is not None or "fail" in panel.status.text(), timeout=60_000)
    assert panel.runs is not None, panel.status.text()
    assert panel.runs.samples.shape == (200, len(service.result.methods))
    assert panel.runs.seed == 7
    samples = panel.runs.samples[:, service.result.methods.index(GWP100)]
    assert np.percentile(samples, 2.5) < service.gwp100 < np.percentile(samples, 97.5)
    assert "95 % interval" in panel.statistics.text()
    assert panel.tornado_frame is not None and len(panel.tornado_frame)
    assert not panel.cancel_button.isVisibleTo(panel)

    # hold the worker with another job so that the cancel certainly comes first
    gate = threading.Event()
    service.submit(LcaJob("gate", lambda progress, cancelled: gate.wait(30)))
    previous = panel.runs
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    job = panel.job
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        gate.set()
    assert panel.status.text() == "Monte Carlo cancelled."
    assert panel.runs is previous and panel.job is None
    assert panel.run_button.isEnabled()


def test_empty_states(qtbot):
    document = ProjectDocument()
    waiting = LcaService(document, autostart=False)
    page = ResultsPage(document, waiting)
    qtbot.addWidget(page)
    assert waiting.state == ServiceState.WAITING
    assert page.message.text() == "Setting up the local inventory\u2026"

    service = LcaService(document)
    page = ResultsPage(document, service)
    qtbot.addWidget(page)
    empty = Project(product=Product(name="Nothing yet", functional_unit="one",
                                    service_life_years=2))
    with qtbot.waitSignal(service.stateChanged, timeout=60_000,
                          check_params_cb=lambda state: state == ServiceState.READY):
        document.set_project(empty, None)
    assert page.stack.currentIndex() == 0
    assert page.message.text() == "Add parts to the BOM to see results"
    service.stop()


def test_core_error_is_shown_inline(kettle, qtbot):
    document, service, page = kettle
    product = document.product
    data = product.model_dump()
    data["scenario"]["use"]["grid"] = "XX"  # no such grid dataset
    broken = Product.model_validate(data)
    with qtbot.waitSignal(service.errorChanged, timeout=5000) as blocker:
        document.put_product(document.design_name, broken)
    assert "electricity_XX" in blocker.args[0]
    assert service.result is None
    assert page.stack.currentIndex() == 0 and "electricity_XX" in page.message.text()
    with qtbot.waitSignal(service.resultChanged, timeout=5000,
                          check_params_cb=lambda result: result is not None):
        document.put_product(document.design_name, product)
    assert page.stack.currentIndex() == 1


def test_editing_a_mass_in_the_bom_moves_the_total_by_the_part_share(kettle, qtbot):
    """The cell edit goes through the real BOM editor; every line of a part whose processes
    take the part's own mass scales with that mass, so the total moves by the part's old
    contribution times (new mass / old mass - 1), plus the distribution of the heavier
    product (its stage scales with the product mass). Undo restores the total."""
    from ui.pages.product.product_page import ProductPage

    document, service, _page = kettle
    product_page = ProductPage(document)
    qtbot.addWidget(product_page)
    with qtbot.waitSignal(service.resultChanged, timeout=10_000):
        document.projectReplaced.emit()  # the new page shows the open project
    result = service.result
    part, count = next((p, n) for p, n in iter_parts(document.product.bom)
                       if p.processes and all(u.amount is None for u in p.processes)
                       and not p.eol_override)
    column = " | ".join(GWP100)
    share = float(result.by_part(rollup=False).loc[part.id, column])
    distribution = float(result.by_stage().loc["distribution", column])
    product_mass = document.product.mass_kg
    old_mass = part.mass_kg
    before = service.gwp100
    assert share > 0
    with qtbot.waitSignal(service.resultChanged, timeout=10_000):
        product_page.editor.set_fields(part.id, {"mass_kg": old_mass * 1.5})
    heavier = (product_mass + 0.5 * old_mass * count) / product_mass
    assert service.gwp100 == pytest.approx(
        before + share * 0.5 + distribution * (heavier - 1.0), rel=1e-9)
    with qtbot.waitSignal(service.resultChanged, timeout=10_000):
        document.undo_stack.undo()
    assert service.gwp100 == pytest.approx(before, rel=1e-12)


def test_tables_by_part_and_material(kettle, qtbot):
    """The part table keeps the tree order; its own scores add up to the parts' share of
    the total, each assembly's rolled-up score holds its sub-parts; clicking a row names
    the part. The material table names every material and sums to ``by_material``."""
    from ui.services.material_names import dataset_name, ui_language

    _document, service, page = kettle
    page.show()
    qtbot.waitExposed(page)
    result = service.result
    column = method_label(GWP100)
    total = service.gwp100
    own = result.by_part(rollup=False)[column]
    rolled = result.by_part(rollup=True)[column]
    assert page.part_model._pending is not None  # hidden tab: not made yet
    page.tabs.setCurrentWidget(page.part_table)
    frame = page.part_model.frame
    assert list(frame["part_id"]) == list(result.model.tree)  # tree order
    np.testing.assert_allclose(frame["own"], own.to_numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(frame["rolled"], rolled.to_numpy(), rtol=1e-9, atol=1e-15)
    parts_share = own.sum() / total * 100.0
    assert frame.loc[frame["depth"] == 0, "share"].sum() == pytest.approx(parts_share,
                                                                           rel=1e-9)
    assert frame["own"].sum() / total * 100.0 == pytest.approx(parts_share, rel=1e-9)
    assert frame["share"].iloc[0] == pytest.approx(rolled.iloc[0] / total * 100.0)
    jug = frame.set_index("part_id").loc["body_shell"]
    assert jug["label"].endswith("Body shell with spout") and jug["label"].startswith("\u2003")

    view = page.part_table
    proxy = view.model()
    for row in (0, 3):
        rect = view.visualRect(proxy.index(row, 0))
        with qtbot.waitSignal(page.partSelected, timeout=5000) as blocker:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert blocker.args == [frame["part_id"].iloc[row]]

    page.tabs.setCurrentWidget(page.material_table)
    materials = page.material_model.frame
    by_material = result.by_material()[column]
    assert materials["score"].sum() == pytest.approx(by_material.sum(), rel=1e-9)
    steel = materials.set_index("code").loc["steel_stainless_304"]
    assert steel["name"] == dataset_name("steel_stainless_304", ui_language())
    assert steel["share"] == pytest.approx(by_material["steel_stainless_304"] / total * 100)
    proxy = page.material_table.model()  # sorted largest first, kept over tab changes
    page.tabs.setCurrentIndex(0)
    page.tabs.setCurrentWidget(page.material_table)
    assert proxy.data(proxy.index(0, 2), Qt.ItemDataRole.UserRole) == pytest.approx(
        materials["score"].max())


def test_part_table_follows_edits_and_method(kettle, qtbot):
    document, service, page = kettle
    page.tabs.setCurrentWidget(page.part_table)
    before = page.part_model.frame.set_index("part_id")["own"]
    product = document.product.model_copy(deep=True)
    product.scenario.production.factory_electricity_kwh += 1.0  # not a part: parts keep
    with qtbot.waitSignal(service.resultChanged, timeout=5000):
        document.put_product(document.design_name, product)
    after = page.part_model.frame.set_index("part_id")["own"]
    np.testing.assert_allclose(after.to_numpy(), before.to_numpy(), rtol=1e-12)
    ced = next(m for m in service.result.methods if m[0].startswith("Cumulative"))
    page.set_method(ced)
    frame = page.part_model.frame
    expected = service.result.by_part(rollup=False)[method_label(ced)]
    np.testing.assert_allclose(frame["own"], expected.to_numpy(), rtol=1e-12, atol=1e-15)
