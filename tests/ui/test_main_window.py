"""The main window: opening, status bar, editing, saving, errors, recent files."""

from __future__ import annotations

import json

import pytest
from ui_helpers import expected_mass_kg

from greendesign.io.project_file import load_project, save_project
from greendesign.model import walk
from ui.pages.product.bom_model import Column
from ui.prompts import SaveChoice


def status_mass_kg(window) -> float:
    text = window.mass_label.text()
    assert text.startswith("Mass: ") and text.endswith(" kg"), text
    return float(text[len("Mass: "):-len(" kg")])


def tree_rows(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    count = model.rowCount(parent)
    return count + sum(tree_rows(model, model.index(r, 0, parent)) for r in range(count))


def test_starts_on_the_start_page_without_a_file(window):
    assert window.central.currentIndex() == 0
    assert window.windowTitle() == "GreenDesign"
    assert not window.commands.save_action.isEnabled()


def test_opens_a_project_and_shows_its_bom(window, demo_file):
    assert window.open_file(demo_file)
    product = load_project(demo_file).product
    page = window.product_page
    assert window.central.currentIndex() == 1
    assert tree_rows(page.model) == sum(1 for _ in walk(product.bom))
    assert page.model.rowCount() == len(product.bom)
    first = page.model.index(0, 0)
    if page.model.rowCount(first):
        assert page.tree.isExpanded(first)  # level 2 visible
    assert status_mass_kg(window) == pytest.approx(expected_mass_kg(product), rel=5e-4)
    assert window.parts_label.text() == f"{len(product.parts())} parts"
    assert window.path_label.text() == str(demo_file.resolve())
    assert window.windowTitle() == f"{demo_file.name}[*] \u2014 GreenDesign"
    assert not window.isWindowModified()
    assert page.header.title.text().startswith(product.name)


def test_editing_a_mass_updates_status_title_and_header(window, kettle_file):
    window.open_file(kettle_file)
    page = window.product_page
    body = page.model.index_of("body")
    screw_mass = page.model.index(2, Column.MASS, body)
    assert page.model.setData(screw_mass, "5 g")
    product = window.document.product
    assert status_mass_kg(window) == pytest.approx(0.56)
    assert status_mass_kg(window) == pytest.approx(expected_mass_kg(product), rel=5e-4)
    assert page.model.data(page.model.index(0, Column.MASS)) == "350 g"
    assert page.header.fields["mass"].text() == "560 g"
    assert window.isWindowModified()


def test_invalid_mass_is_shown_in_the_status_bar(window, kettle_file):
    window.open_file(kettle_file)
    page = window.product_page
    shell_mass = page.model.index(0, Column.MASS, page.model.index_of("body"))
    assert not page.model.setData(shell_mass, "-250 g")
    message = window.statusBar().currentMessage()
    assert "part 'shell'" in message and "greater than 0" in message
    assert status_mass_kg(window) == pytest.approx(0.548)
    assert not window.isWindowModified()


def test_save_and_reopen_round_trip(window, prompts, kettle_file, tmp_path):
    window.open_file(kettle_file)
    page = window.product_page
    page.model.setData(page.model.index(1, Column.QTY, page.model.index_of("base")), "2")
    target = tmp_path / "saved" / "copy"
    target.parent.mkdir()
    assert window.commands.save_as(target)
    saved = target.with_name("copy.gdproj")
    assert saved.is_file()
    assert not window.isWindowModified()
    assert window.windowTitle() == "copy.gdproj[*] \u2014 GreenDesign"
    assert load_project(saved).product.find("cord").quantity == 2

    assert window.commands.new()
    assert window.document.path is None
    assert window.parts_label.text() == "0 parts"
    assert window.open_file(saved)
    assert window.document.product.find("cord").quantity == 2
    assert status_mass_kg(window) == pytest.approx(0.548 + 0.120)
    assert window.settings.recent_files()[0] == saved.resolve()


def test_broken_file_shows_an_error_and_keeps_the_project(window, prompts, kettle_file,
                                                          tmp_path):
    window.open_file(kettle_file)
    before = window.document.project
    broken = tmp_path / "broken.gdproj"
    broken.write_text('{"format": "greendesign-project", "schema_version": 2, "product": ',
                      encoding="utf-8")
    assert not window.open_file(broken)
    assert len(prompts.errors) == 1
    error, title = prompts.errors[0]
    assert type(error).__name__ == "ProjectFileError"
    assert "is not valid JSON" in error.message
    assert title == "Cannot open the project"
    assert window.document.project is before
    assert window.document.path == kettle_file.resolve()
    assert status_mass_kg(window) == pytest.approx(0.548)

    data = json.loads(kettle_file.read_text(encoding="utf-8"))
    data["product"]["bom"][2]["mass_kg"] = -1
    invalid = tmp_path / "invalid.gdproj"
    invalid.write_text(json.dumps(data), encoding="utf-8")
    assert not window.open_file(invalid)
    error, _title = prompts.errors[1]
    assert type(error).__name__ == "ModelValidationError"
    assert any(p.part_id == "lid" and p.field == "mass_kg" for p in error.problems)
    data["schema_version"] = 99
    newer = tmp_path / "newer.gdproj"
    newer.write_text(json.dumps(data), encoding="utf-8")
    assert not window.open_file(newer)
    assert type(prompts.errors[2][0]).__name__ == "SchemaVersionError"
    assert window.document.project is before


def test_unsaved_changes_are_asked_about(window, prompts, kettle_file, tmp_path):
    window.open_file(kettle_file)
    page = window.product_page
    page.model.setData(page.model.index(2, Column.MASS), "70 g")
    prompts.save_choice = SaveChoice.CANCEL
    assert not window.commands.new()
    assert not window.close()
    assert window.document.path == kettle_file.resolve()
    assert prompts.asked_to_save == ["test_kettle.gdproj", "test_kettle.gdproj"]

    prompts.save_choice = SaveChoice.SAVE
    assert window.commands.new()
    assert load_project(kettle_file).product.find("lid").mass_kg == pytest.approx(0.07)
    assert window.document.project.product.name == "Untitled product"
    assert window.windowTitle() == "Untitled product[*] \u2014 GreenDesign"


def test_design_selector_switches_to_a_variant(window, kettle_file, tmp_path):
    project = load_project(kettle_file)
    variant = project.add_variant("aluminium body")
    variant.product.find("shell").mass_kg = 0.1
    path = tmp_path / "variants.gdproj"
    save_project(project, path)
    window.open_file(path)
    combo = window.design_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Baseline", "aluminium body"]
    combo.setCurrentIndex(1)
    assert window.document.design_name == "aluminium body"
    assert status_mass_kg(window) == pytest.approx(0.398)
    assert window.product_page.model.data(window.product_page.model.index(0, Column.MASS)) \
        == "188 g"


def test_recent_files_are_capped_and_pruned(window, kettle_file, tmp_path):
    files = []
    for i in range(12):
        path = tmp_path / f"p{i}.gdproj"
        path.write_bytes(kettle_file.read_bytes())
        files.append(path)
        assert window.open_file(path)
    recent = window.settings.recent_files()
    assert len(recent) == 10
    assert recent[0] == files[-1].resolve()
    files[-2].unlink()
    window.refresh_recent_files()
    assert files[-2].resolve() not in window.settings.recent_files()
    assert len(window.recent_menu.actions()) == 9 + 2  # files, separator, "Clear list"
    assert window.start_page.recent.count() == 9


def test_every_page_is_in_the_navigation(window):
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["Product", "Lifecycle", "Results", "Green design", "Variants",
                      "Inventory", "Evidence pack"]
    window.show_page("evidence")
    assert window.pages.currentWidget() is window.page_widgets["evidence"]
    from ui.pages.evidence.evidence_page import EvidencePage

    assert isinstance(window.page_widgets["evidence"], EvidencePage)  # no placeholder left
    assert "report" in window.page_widgets["evidence"].note.text().lower()


def test_results_and_lifecycle_pages_are_built_when_first_shown(window, kettle_file):
    from ui.pages.lifecycle.lifecycle_page import LifecyclePage
    from ui.pages.results.results_page import ResultsPage

    lazy = window.page_widgets["results"]
    window.open_file(kettle_file)
    assert lazy._page is None  # noqa: SLF001 - not built at start: no charts, no pandas
    window.show_page("results")
    assert isinstance(lazy._page, ResultsPage)  # noqa: SLF001
    assert isinstance(window.lifecycle_page, LifecyclePage)


def test_details_panel_shows_all_part_fields(window, kettle_file):
    window.open_file(kettle_file)
    page = window.product_page
    page.select_node("handle")
    text = page.details.toPlainText()
    for expected in ("Handle", "80 g", "pp", "screw", "Joint count", "2", ">PP<",
                     "Mass source", "Priority part", "Declared substances"):
        assert expected in text, expected
    page.select_node("pcb")
    assert "PCB" in page.details.toPlainText()


def test_start_page_lists_the_demos_and_opens_one(window, qtbot):
    from greendesign.bundled import demo_products

    demos = demo_products()
    if not demos:
        pytest.skip("the demo products are not built yet")
    assert window.start_page.demos.count() == len(demos)
    kettle = next(i for i in range(len(demos)) if demos[i].stem == "electric_kettle")
    item = window.start_page.demos.item(kettle)
    assert item.text().startswith(load_project(demos[kettle]).product.name)
    window.start_page.demos.itemClicked.emit(item)
    assert window.document.path == demos[kettle].resolve()
    assert window.central.currentIndex() == 1


def test_closing_remembers_geometry_and_last_project(window, kettle_file):
    from ui.settings import UiSettings

    window.open_file(kettle_file)
    window.resize(1111, 777)
    assert window.close()
    stored = UiSettings()
    assert stored.last_project == kettle_file.resolve()
    assert stored.window_geometry() is not None
    assert (stored.path.parent / "ui-state.ini").is_file()


def test_columns_fit_the_visible_width():
    from ui.pages.product.product_page import fit_widths

    wanted = {c: 100 for c in Column}
    wanted[Column.NAME], wanted[Column.MATERIAL] = 300, 400
    minimum = {c: 50 for c in Column}
    widths = fit_widths(wanted, minimum, 1200)
    assert sum(widths.values()) == pytest.approx(1200, abs=2)
    assert widths[Column.QTY] == 100  # only name, ID and material give up width
    assert widths[Column.MATERIAL] < 400 and widths[Column.NAME] < 300
    assert fit_widths(wanted, minimum, 5000) == wanted
