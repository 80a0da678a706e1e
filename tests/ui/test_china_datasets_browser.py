"""The Inventory page lists a material's USLCI dataset and its China dataset as two rows,
each with its geography, its pedigree and which products use it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from greendesign.inventory.datasets import load_datasets
from greendesign.lca.engine import GWP100
from ui.pages.inventory.inventory_browser import InventoryBrowser


@pytest.fixture
def browser(qtbot):
    widget = InventoryBrowser()
    qtbot.addWidget(widget)
    return widget


def rows_of(browser, text: str) -> dict[str, dict[str, str]]:
    """code -> displayed cell and tooltip of the geography and pedigree columns."""
    browser.search_edit.setText(text)
    browser.refresh()
    model, columns = browser.proxy_model, browser.model.COLUMNS
    out = {}
    for r in range(model.rowCount()):
        def cell(column: str, role=Qt.ItemDataRole.DisplayRole, r=r):
            return model.index(r, columns.index(column)).data(role)
        out[cell("code")] = {"geography": cell("geography"), "quality": cell("quality"),
                             "tip": cell("geography", Qt.ItemDataRole.ToolTipRole)}
    return out


def test_both_datasets_of_primary_aluminium_are_listed_side_by_side(browser):
    found = rows_of(browser, "aluminium_primary_ingot")
    assert list(found)[:2] == ["aluminium_primary_ingot", "aluminium_primary_ingot@CN"]
    datasets = load_datasets()
    for code, shown in found.items():
        ds = datasets[code]
        assert shown["geography"] == ds.geography
        assert shown["quality"] == " ".join(str(p) for p in ds.pedigree)
        assert f"Geographical correlation {ds.pedigree[3]} of 5" in shown["tip"]
    assert found["aluminium_primary_ingot"]["geography"] == "RNA"
    assert found["aluminium_primary_ingot@CN"]["geography"] == "CN"
    assert "products made in China use aluminium_primary_ingot@CN" in \
        found["aluminium_primary_ingot"]["tip"]
    assert "products made elsewhere use aluminium_primary_ingot." in \
        found["aluminium_primary_ingot@CN"]["tip"]
    # the Chinese name finds both, and a material without a China dataset says nothing of it
    assert {"aluminium_primary_ingot", "aluminium_primary_ingot@CN"} <= set(rows_of(browser,
                                                                                    "原铝锭"))
    stainless = rows_of(browser, "steel_stainless_304")["steel_stainless_304"]["tip"]
    assert "Geographical correlation" in stainless and "Used for" not in stainless


def test_the_detail_of_each_states_its_quality_for_a_chinese_product(browser):
    datasets = load_datasets()
    for code in ("aluminium_primary_ingot", "aluminium_primary_ingot@CN"):
        rows_of(browser, code)
        assert browser.select(code)
        text = browser.detail.toPlainText()
        assert "Primary aluminium ingot" in text  # the China dataset has its base's name
        assert f"geographical correlation {datasets[code].pedigree[3]}" in text
        assert f"Geographical correlation {datasets[code].pedigree[3]} of 5" in text
    assert "Used for products made in China" in text
    assert "USLCI: Aluminum, primary, ingot, at plant, 1998" in text  # its recipe
    assert "electricity_CN" in text


@pytest.mark.inventory
def test_the_two_rows_show_their_own_impacts(browser, qtbot):
    with qtbot.waitSignal(browser.backgroundLoaded, timeout=300_000):
        browser.inventory_ready()
    values = {}
    for code in ("aluminium_primary_ingot", "aluminium_primary_ingot@CN"):
        rows_of(browser, code)
        assert browser.select(code)
        values[code] = browser.impact(GWP100)[0]
    # coal-heavy Chinese grid electricity for the smelting (16.3 kWh per kg) instead of the
    # hydro-heavy North American supply
    assert values["aluminium_primary_ingot@CN"] > 1.5 * values["aluminium_primary_ingot"]
