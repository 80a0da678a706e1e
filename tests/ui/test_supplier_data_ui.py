"""Supplier data in the app: File > Import Supplier Data, the BOM tree, the Results page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from greendesign.model.declared import DeclaredValue
from ui.pages.product.bom_model import Column

CSV = (
    "part_id,material,gwp_kgco2e,unit,source,year,geography,verification,pedigree\n"
    'shell,,3.1,kg CO2e/part,PCF 2024-17 of Shell Co.,2024,CN,measured,"1,1,2,1,1"\n'
    'nope,,3.1,kg CO2e/part,PCF 2024-18,2024,CN,measured,"1,1,2,1,1"\n'
    ',pp,1.9,kg CO2e/kg,EPD S-P-01234,2023,CN,third_party_verified,"1,2,1,2,1"\n'
)


@pytest.fixture
def opened(window, kettle_file, tmp_path, prompts):
    assert window.open_file(kettle_file)
    path = tmp_path / "suppliers.csv"
    path.write_text(CSV, encoding="utf-8")
    prompts.next_open_path = path
    return window


def test_the_menu_action_applies_and_undoes(opened, prompts):
    window = opened
    assert window.supplier_data.import_action in window.file_menu.actions()
    assert window.supplier_data.import_action.isEnabled()
    window.supplier_data.import_action.trigger()
    assert prompts.confirmations == ["suppliers.csv: declared values read: 2; rows refused: 1."]
    product = window.document.product
    assert product.find("shell").declared.source == "PCF 2024-17 of Shell Co."
    assert product.find("shell").declared.basis == "part"
    assert product.supplier_data["pp"].gwp_kgco2e == 1.9
    stack = window.document.undo_stack
    assert stack.count() == 1 and window.isWindowModified()
    model = window.product_page.model
    for node_id in ("shell", "lid"):  # its own value, and the material's
        cell = model.index_of(node_id).siblingAtColumn(Column.MATERIAL)
        assert model.data(cell, Qt.ItemDataRole.DecorationRole) is not None, node_id
        assert "PCF 2024-17" in model.data(model.index_of("shell").siblingAtColumn(
            Column.MATERIAL), Qt.ItemDataRole.ToolTipRole)
    cord = model.index_of("cord").siblingAtColumn(Column.MATERIAL)
    assert model.data(cord, Qt.ItemDataRole.DecorationRole) is None
    window.product_page.select_node("shell")
    assert "PCF 2024-17 of Shell Co." in window.product_page.details.toPlainText()
    window.undo_action.trigger()
    product = window.document.product
    assert product.find("shell").declared is None and product.supplier_data == {}
    assert model.data(model.index_of("shell").siblingAtColumn(Column.MATERIAL),
                      Qt.ItemDataRole.DecorationRole) is None
    window.redo_action.trigger()
    assert window.document.product.find("shell").declared is not None


def test_cancel_changes_nothing(opened, prompts):
    prompts.confirm_answer = False
    assert not opened.supplier_data.import_supplier_data()
    assert opened.document.product.find("shell").declared is None
    assert opened.document.undo_stack.count() == 0 and prompts.confirmations


def test_a_file_with_no_good_row_is_an_error(opened, prompts, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(CSV.splitlines()[0] + "\n" + CSV.splitlines()[2] + "\n", encoding="utf-8")
    assert not opened.supplier_data.import_supplier_data(path)
    error, _title = prompts.errors[-1]
    assert "bad.csv, row 2, column 'part_id'" in str(error)
    assert opened.document.undo_stack.count() == 0


@pytest.mark.inventory
def test_the_results_page_shows_the_primary_data_share(qtbot):
    from greendesign.lca.background import load_background
    from greendesign.lca.engine import GWP100, assess
    from greendesign.model import Part, Product, Project
    from ui.document.document import ProjectDocument
    from ui.pages.results.results_page import ResultsPage
    from ui.services.lca_service import LcaService
    from ui.widgets.formatting import format_percent

    value = DeclaredValue(gwp_kgco2e=2.0, source="EPD S-P-01234", year=2024, geography="CN",
                          pedigree=(1, 2, 1, 2, 1))
    product = Product(name="Two parts", functional_unit="one", service_life_years=2, bom=[
        Part(id="A", name="A", mass_kg=1.0, material="pp", declared=value),
        Part(id="B", name="B", mass_kg=1.0, material="steel_stainless_304")])
    document = ProjectDocument()
    service = LcaService(document)
    page = ResultsPage(document, service)
    qtbot.addWidget(page)
    with qtbot.waitSignal(service.resultChanged, timeout=120_000,
                          check_params_cb=lambda result: result is not None):
        document.set_project(Project(product=product), None)
    expected = assess(product, [GWP100], background=load_background())
    share = 2.0 / float(expected.total[0])
    assert expected.primary_data_share == pytest.approx(share, rel=1e-12)
    assert not page.supplier_note.isHidden()
    assert format_percent(share) in page.supplier_note.text()
    assert "EPD S-P-01234" in page.supplier_note.toolTip()
    service.stop()
    document.undo_stack.cleanChanged.disconnect()
