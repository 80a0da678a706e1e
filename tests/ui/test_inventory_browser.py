"""The Inventory page: search in English and Chinese, filters, provenance, and the
cradle-to-gate impacts of the installed inventory."""

from __future__ import annotations

import pytest

from greendesign.inventory.datasets import load_datasets
from greendesign.lca.engine import CED_TOTAL, GWP100
from ui.pages.inventory.inventory_browser import InventoryBrowser


@pytest.fixture
def browser(qtbot):
    widget = InventoryBrowser()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def installed(inventory_home, monkeypatch):
    """This test's app home is the module's home with the inventory installed."""
    monkeypatch.setenv("GREENDESIGN_HOME", str(inventory_home))
    return inventory_home


def search(browser, text: str) -> list[str]:
    browser.search_edit.setText(text)
    browser.refresh()
    return browser.codes()


def test_lists_every_dataset(browser):
    assert len(browser.codes()) == len(load_datasets())
    total = len(load_datasets())
    assert browser.count_label.text() == f"{total} of {total} datasets"


def test_chinese_and_english_search(browser):
    assert search(browser, "\u4e0d\u9508\u94a2")[0] == "steel_stainless_304"
    english = search(browser, "stainless")
    assert "steel_stainless_304" in english and "steel_stainless_316" in english
    assert search(browser, "SUS304")[0] == "steel_stainless_304"  # an alias
    assert search(browser, "electricity_cn")[0] == "electricity_CN"
    assert search(browser, "no such dataset xyz") == []


def test_filters_narrow_the_list(browser, qtbot):
    every = browser.codes()
    datasets = load_datasets()
    browser.group_combo.setCurrentIndex(browser.group_combo.findData("electricity"))
    electricity = browser.codes()
    assert 0 < len(electricity) < len(every)
    # the grids, the published factors and the power plants the grids are made of
    assert all(code.startswith(("electricity_", "power_")) for code in electricity)
    assert {"electricity_CN", "electricity_co2_CN", "power_coal_CN"} <= set(electricity)
    browser.group_combo.setCurrentIndex(browser.group_combo.findData("material"))
    materials = browser.codes()
    assert "steel_stainless_304" in materials and "electricity_CN" not in materials
    browser.group_combo.setCurrentIndex(0)

    browser.ghg_only_check.setChecked(True)
    ghg = browser.codes()
    assert 0 < len(ghg) < len(every)
    assert all(datasets[code].ghg_only for code in ghg)
    browser.ghg_only_check.setChecked(False)

    browser.proxy_check.setChecked(True)
    proxies = browser.codes()
    assert 0 < len(proxies) < len(every)
    assert all(datasets[code].proxy for code in proxies)
    narrower = search(browser, "steel")
    assert 0 < len(narrower) < len(proxies)
    assert "steel_stainless_304" not in narrower  # not a proxy
    browser.proxy_check.setChecked(False)
    search(browser, "")
    assert browser.codes() == every


def test_detail_shows_provenance_and_recipe_without_inventory(browser):
    search(browser, "steel_stainless_304")
    assert browser.select("steel_stainless_304")
    text = browser.detail.toPlainText()
    assert "USLCI" in text and "2008" in text and "RNA" in text
    for name in ("reliability", "completeness", "temporal correlation",
                 "geographical correlation", "further technological correlation"):
        assert name in text
    assert "Steel, stainless 304, flat rolled coil" in text  # the USLCI activity of its recipe
    assert "local inventory is ready" in text


def test_factory_electricity_is_shown(browser):
    code = next(c for c, d in load_datasets().items() if d.factory_kwh > 0)
    search(browser, code)
    assert browser.select(code)
    assert "kWh per" in browser.detail.toPlainText()


def test_import_waits_for_the_local_inventory(browser):
    assert not browser.import_button.isEnabled()  # nothing to import into yet
    assert "once the local inventory is set up" in browser.import_button.toolTip()
    assert not browser.remove_button.isEnabled()
    source = browser.model.COLUMNS.index("source")
    assert browser.proxy_model.index(0, source).data() == "GreenDesign"


def test_impacts_of_the_installed_inventory(installed, browser, qtbot):
    with qtbot.waitSignal(browser.backgroundLoaded, timeout=120_000):
        browser.inventory_ready()
    assert browser.import_button.isEnabled()
    search(browser, "electricity_co2_CN")
    assert browser.select("electricity_co2_CN")
    value, unit = browser.impact(GWP100)
    assert value == pytest.approx(0.5306, rel=1e-6)
    assert unit.lower() == "kg co2-eq"
    text = browser.detail.toPlainText()
    assert "0.5306" in text and "per kWh" in text
    assert "GHG-only" in text
    ced = browser.impact(CED_TOTAL)
    assert ced is not None and ced[0] is None  # not covered by a grid CO2 factor

    search(browser, "\u4e0d\u9508\u94a2")
    assert browser.select("steel_stainless_304")
    value, _unit = browser.impact(GWP100)
    assert 5.0 < value < 12.0
    assert "GHG-only data" not in browser.detail.toPlainText()
    assert browser.impact(CED_TOTAL)[0] > 0
