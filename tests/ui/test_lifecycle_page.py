"""The Lifecycle page on the real inventory: edits are validated, undoable and move
the stage results by the amounts the model says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.lca.engine import GWP100
from ui.document import ProjectDocument
from ui.lca_service import LcaService
from ui.lifecycle_page import LifecyclePage


@pytest.fixture(autouse=True)
def greendesign_home(inventory_home, monkeypatch):  # overrides the per-test empty home
    monkeypatch.setenv("GREENDESIGN_HOME", str(inventory_home))
    return inventory_home


@pytest.fixture(autouse=True)
def _app_home(inventory_home, monkeypatch):  # overrides tests/conftest.py's home too
    monkeypatch.setenv("GREENDESIGN_HOME", str(inventory_home))
    return inventory_home


@pytest.fixture
def kettle(qtbot):
    document = ProjectDocument()
    service = LcaService(document)
    page = LifecyclePage(document, service)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    path = next(p for p in demo_products() if p.stem == "electric_kettle")
    with qtbot.waitSignal(service.resultChanged, timeout=120_000,
                          check_params_cb=lambda result: result is not None):
        document.set_project(load_project(path), path)
    yield document, service, page
    service.stop()
    document.undo_stack.cleanChanged.disconnect()  # the document goes before its stack


def gwp_stage(service: LcaService, stage: str) -> float:
    result = service.result
    return float(result.by_stage().loc[stage].iloc[result.methods.index(GWP100)])


def commit(qtbot, field, text: str) -> None:
    field.setText(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_green_power_share_moves_manufacturing_by_the_hand_computed_amount(kettle, qtbot):
    document, service, page = kettle
    scenario = document.product.scenario.production
    assert (scenario.grid, scenario.green_power_share, scenario.green_power_source.value) == (
        "CN-South", 0.0, "pv")
    assert page.production_grid.currentText() == "China Southern regional grid (CN-South)"
    before = gwp_stage(service, "manufacturing")
    result = service.result
    lines = result.lines
    electricity = lines[(lines["stage"] == "manufacturing") & (lines["kind"] == "electricity")]
    assert set(electricity["dataset"]) == {"electricity_CN-South"}
    kwh = float(electricity["amount"].sum())  # factory 1.2 kWh plus the processes' own
    assert kwh > 1.2
    bg, row = result.bg, result.bg.method_row[GWP100]
    grid = bg.H[row, bg.column["electricity_CN-South"]]
    pv = bg.H[row, bg.column["electricity_PV"]]
    # 40 % of the factory's kWh move from the grid to PV
    expected = 0.4 * kwh * (pv - grid)
    assert expected < 0

    with qtbot.waitSignal(service.resultChanged, timeout=5000):
        commit(qtbot, page.green_share, "40")
    assert document.product.scenario.production.green_power_share == pytest.approx(0.4)
    assert document.undo_stack.count() == 1
    after = gwp_stage(service, "manufacturing")
    assert after - before == pytest.approx(expected, rel=1e-9)
    assert page.stage_gwp("manufacturing") == pytest.approx(after)
    assert f"{expected:+.4g}" in page.effects["manufacturing"].text()
    assert "since the last edit" in page.effects["manufacturing"].text()

    with qtbot.waitSignal(service.resultChanged, timeout=5000):
        document.undo_stack.undo()
    assert gwp_stage(service, "manufacturing") == pytest.approx(before, rel=1e-12)
    assert document.product.scenario.production.green_power_share == 0.0
    assert page.green_share.text() == "0"
    assert f"{-expected:+.4g}" in page.effects["manufacturing"].text()


def test_invalid_input_is_shown_on_the_field_and_not_accepted(kettle, qtbot):
    document, _service, page = kettle
    product = document.product
    for text in ("150", "abc", "-5"):
        commit(qtbot, page.green_share, text)
        assert page.green_share.error, text
        assert "border" in page.green_share.styleSheet()
        assert document.product is product and document.undo_stack.count() == 0
    assert "between 0 and 100" in page.green_share.error or "number" in page.green_share.error
    commit(qtbot, page.factory_kwh, "-1")
    assert "greater than or equal to 0" in page.factory_kwh.error
    assert not page.errors["manufacturing"].isHidden()
    assert document.product is product
    commit(qtbot, page.factory_kwh, "2.5")
    assert page.factory_kwh.error == ""
    assert document.product.scenario.production.factory_electricity_kwh == 2.5


def test_distribution_legs_add_edit_remove_with_undo(kettle, qtbot):
    document, service, page = kettle
    legs = page.legs
    assert legs.rowCount() == 2
    before = gwp_stage(service, "distribution")
    with qtbot.waitSignal(service.resultChanged, timeout=5000):
        page._add_leg()
    assert legs.rowCount() == 3 and len(document.product.scenario.distribution) == 3
    assert gwp_stage(service, "distribution") > before
    legs.item(2, 1).setText("-5")  # refused: a distance is positive
    assert len(document.product.scenario.distribution) == 3
    assert document.product.scenario.distribution[2].distance_km == 100.0
    assert not page.errors["distribution"].isHidden()
    legs.item(2, 1).setText("250")
    assert document.product.scenario.distribution[2].distance_km == 250.0
    legs.setCurrentCell(2, 1)
    page._remove_row(legs, "distribution", "Remove distribution leg")
    assert len(document.product.scenario.distribution) == 2
    for _ in range(3):
        document.undo_stack.undo()
    assert len(document.product.scenario.distribution) == 2 and legs.rowCount() == 2
    with qtbot.waitSignal(service.resultChanged, timeout=5000):
        pass
    assert gwp_stage(service, "distribution") == pytest.approx(before, rel=1e-12)


def test_use_phase_grid_and_energy(kettle, qtbot):
    document, service, page = kettle
    use_before = gwp_stage(service, "use")
    assert page.modes_button.isChecked() and page.modes.rowCount() == 2
    index = page.use_grid.findData("CN-Southwest")
    with qtbot.waitSignal(service.resultChanged, timeout=5000):
        page.use_grid.setCurrentIndex(index)
    assert document.product.scenario.use.grid == "CN-Southwest"
    assert gwp_stage(service, "use") < use_before  # a mostly hydro grid
    page.annual_button.click()
    use = document.product.scenario.use
    assert use.operating_modes == [] and use.energy_kwh_per_year == pytest.approx(121.0)
    commit(qtbot, page.annual_kwh, "100")
    assert document.product.scenario.use.energy_kwh_per_year == 100.0
    commit(qtbot, page.years, "")
    assert document.product.scenario.use.years is None
    commit(qtbot, page.eol_km, "80")
    assert document.product.scenario.end_of_life.transport_km == 80.0
    assert document.undo_stack.count() == 4
