"""User databases on the Inventory page: the import dialog and its worker, progress and
Cancel, the summary of unlinked exchanges, the user datasets in the list, the pickers and
the detail panel, and removal.

Expected numbers come from the fixtures (tests/user_db_fixtures.py) and the
characterisation factors of the installed IPCC 2021 method.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from greendesign.inventory import user_databases as ud
from greendesign.lca.engine import GWP100
from tests.user_db_fixtures import CO2_FOSSIL_AIR, METHANE_FOSSIL_AIR, write_ecospold2, write_excel
from ui.pages.inventory.inventory_browser import USER_GROUP, InventoryBrowser
from ui.pages.inventory.user_db_dialog import ImportDatabaseDialog

TIMEOUT_MS = 120_000


@pytest.fixture
def greendesign_home(inventory_home, monkeypatch):  # overrides the per-test empty home
    monkeypatch.setenv("GREENDESIGN_HOME", str(inventory_home))
    return inventory_home


@pytest.fixture
def _app_home(inventory_home, monkeypatch):  # overrides tests/conftest.py's home too
    monkeypatch.setenv("GREENDESIGN_HOME", str(inventory_home))
    return inventory_home


@pytest.fixture
def browser(qtbot, prompts):
    widget = InventoryBrowser()
    widget.prompts = prompts
    qtbot.addWidget(widget, before_close_func=lambda w: w.stop())
    with qtbot.waitSignal(widget.backgroundLoaded, timeout=TIMEOUT_MS):
        widget.inventory_ready()
    yield widget
    widget.stop()
    for db in ud.list_databases():  # every test starts without user databases
        ud.remove_database(db.name)


@pytest.fixture(scope="module")
def gwp_factors(inventory_home):
    import os

    from greendesign.lca.background import load_background
    from greendesign.lca.engine import characterisation_factors

    saved = os.environ.get("GREENDESIGN_HOME")
    os.environ["GREENDESIGN_HOME"] = str(inventory_home)
    try:
        return characterisation_factors(load_background(), GWP100)
    finally:
        if saved is not None:
            os.environ["GREENDESIGN_HOME"] = saved


def search(browser, text: str) -> list[str]:
    browser.search_edit.setText(text)
    browser.refresh()
    return browser.codes()


def fill_ecospold2(browser, folder: Path, name: str) -> ImportDatabaseDialog:
    dialog = browser.open_import_dialog()
    dialog.set_format("ecospold2")
    dialog.path_edit.setText(str(folder))
    dialog.name_edit.setText(name)
    return dialog


def import_ecospold2(qtbot, browser, folder: Path, name: str):
    dialog = fill_ecospold2(browser, folder, name)
    with qtbot.waitSignal(browser.importFinished, timeout=TIMEOUT_MS) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return dialog, blocker.args[0]


def user_ref(name: str, database: str) -> str:
    return next(ds.ref for ds in ud.datasets() if ds.name == name and ds.source == database)


def test_import_and_remove_buttons(browser):
    assert browser.import_button.isEnabled()
    assert "EcoSpold 2" in browser.import_button.toolTip()
    assert not browser.remove_button.isEnabled()  # no user database yet
    browser.set_read_only(True)
    assert not browser.import_button.isEnabled()
    assert "read-only" in browser.import_button.toolTip()
    browser.set_read_only(False)
    assert browser.import_button.isEnabled()


def test_ecospold2_folder_imported_through_the_dialog(browser, qtbot, tmp_path, prompts,
                                                       gwp_factors):
    from ui.pages.product.part_lists import resolve_process
    from ui.services.material_names import material_choices

    folder = write_ecospold2(tmp_path / "supplier release" / "datasets")
    dialog = browser.open_import_dialog()
    dialog.path_edit.setText(str(folder))
    assert dialog.name_edit.text() == "supplier release"  # named after the release folder
    dialog, result = import_ecospold2(qtbot, browser, folder, "es2-ui")

    # the summary: two datasets, two unlinked exchanges listed and reported
    assert result.database.activities == 2 and len(result.unlinked) == 2
    assert dialog.state == ImportDatabaseDialog.DONE
    summary = dialog.summary_label.text()
    assert "2 datasets" in summary and "2 exchanges could not be linked" in summary
    table = dialog.unlinked_table
    assert table.rowCount() == 2
    assert {table.item(r, 2).text() for r in range(2)} == {"Imaginary gas", "unobtainium"}
    assert all(table.item(r, 7).text() for r in range(2))  # every row says why
    assert result.database.report in dialog.report_label.text()
    assert Path(result.database.report).is_file()
    assert dialog.open_report_button.isVisibleTo(dialog)
    assert not prompts.errors

    # the list shows the user datasets with their database as source
    widget = user_ref("widget production", "es2-ui")
    assert widget in search(browser, "widget")
    assert user_ref("sheet production", "es2-ui") in search(browser, "es2-ui")
    browser.group_combo.setCurrentIndex(browser.group_combo.findData(f"{USER_GROUP}:es2-ui"))
    assert len(browser.codes()) == 2
    browser.group_combo.setCurrentIndex(0)
    search(browser, "widget production")
    row = browser.codes().index(widget)
    source_column = browser.model.COLUMNS.index("source")
    assert browser.proxy_model.index(row, source_column).data() == "es2-ui"
    assert browser.remove_button.isEnabled()

    # the BOM editor's pickers offer them, without a restart
    assert widget in [code for code, _label in material_choices("widget")]
    assert resolve_process(widget) == widget

    # the detail panel: provenance, exchanges and impacts of the dataset
    assert browser.select(widget)
    qtbot.waitUntil(lambda: browser.impact(GWP100) is not None, timeout=TIMEOUT_MS)
    value, unit = browser.impact(GWP100)
    co2, ch4 = gwp_factors[CO2_FOSSIL_AIR], gwp_factors[METHANE_FOSSIL_AIR]
    assert ch4 > 25  # IPCC 2021 fossil methane: the lookup found the right flow
    assert value == pytest.approx(2.0 * co2 + 0.5 * (co2 + 0.01 * ch4), rel=1e-7)
    assert value == pytest.approx(2.649, abs=1e-3)
    assert unit.lower() == "kg co2-eq"
    qtbot.waitUntil(lambda: "sheet" in browser.detail.toPlainText(), timeout=TIMEOUT_MS)
    text = browser.detail.toPlainText()
    assert "User database 'es2-ui'" in text and "GLO" in text
    assert "not rated: worst case in Monte Carlo" in text
    assert "Carbon dioxide, fossil" in text and "elementary flow" in text
    assert "Imaginary gas" not in text  # left out, and listed in the report instead
    assert "per kg" in text


ES1_NS = "http://www.EcoInvent.org/EcoSpold01"


def es1_dataset(number: int, name: str, other: str, extra: str = "") -> str:
    """An EcoSpold 1 dataset: 1 kg ``name`` made from 0.5 kg ``other`` (and ``extra``)."""
    return (f'<dataset number="{number}"><metaInformation><processInformation>'
            f'<referenceFunction name="{name}" unit="kg" category="c" subCategory="s"/>'
            f'<geography location="CN"/></processInformation></metaInformation><flowData>'
            f'<exchange number="1" name="{name}" category="c" subCategory="s" location="CN" '
            f'unit="kg" meanValue="1"><outputGroup>0</outputGroup></exchange>'
            f'<exchange number="2" name="{other}" category="c" subCategory="s" location="CN" '
            f'unit="kg" meanValue="0.5"><inputGroup>5</inputGroup></exchange>'
            f'{extra}</flowData></dataset>')


def write_es1_file(path: Path) -> Path:
    """Two EcoSpold 1 datasets using each other; ``cast housing`` emits 2 kg fossil CO2,
    with a CAS number ``n.a.`` that breaks the schema (as do the missing metadata)."""
    co2 = ('<exchange number="3" name="Carbon dioxide, fossil" category="air" '
           'subCategory="unspecified" CASNumber="n.a." unit="kg" meanValue="2">'
           '<outputGroup>4</outputGroup></exchange>')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><ecoSpold xmlns="{ES1_NS}">'
                    + es1_dataset(1, "cast housing", "pig iron", co2)
                    + es1_dataset(2, "pig iron", "cast housing") + "</ecoSpold>", "utf-8")
    return path


def test_ecospold1_file_imported_through_the_dialog(browser, qtbot, tmp_path, prompts):
    path = write_es1_file(tmp_path / "uslci-castings.xml")
    dialog = browser.open_import_dialog()
    dialog.set_format("ecospold1")
    assert dialog.browse_folder_button.isVisibleTo(dialog)

    # the source: an .xml or .zip file, or a folder holding .xml files
    dialog.path_edit.setText(str(tmp_path / "notes.txt"))
    (tmp_path / "notes.txt").write_text("not EcoSpold")
    dialog.accept()
    assert "neither an .xml file nor a .zip" in dialog.error_label.text()
    empty = tmp_path / "empty"
    empty.mkdir()
    dialog.path_edit.setText(str(empty))
    dialog.accept()
    assert "holds no .xml files" in dialog.error_label.text()
    dialog.path_edit.setText(str(tmp_path / "missing.zip"))
    dialog.accept()
    assert "does not exist" in dialog.error_label.text()
    dialog.path_edit.setText(str(tmp_path))  # a folder with the file: accepted
    assert dialog.check(dialog.request()) is None

    dialog.path_edit.setText(str(path))
    assert dialog.name_edit.text() == "uslci-castings"  # named after the file
    with qtbot.waitSignal(browser.importFinished, timeout=TIMEOUT_MS) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.database.activities == 2 and result.unlinked == []
    assert result.database.format == "ecospold1"
    assert dialog.state == ImportDatabaseDialog.DONE
    assert "Every exchange was linked" in dialog.summary_label.text()
    assert not dialog.unlinked_table.isVisibleTo(dialog)

    # the schema violations passed over are listed, the first few in the dialog
    warnings = dialog.warnings_label
    assert result.warnings and warnings.isVisibleTo(dialog)
    assert warnings.text().startswith("Passed over in the source's metadata:")
    assert any("CASNumber" in line for line in result.warnings)
    assert "CASNumber" in warnings.toolTip()
    assert not prompts.errors

    # the datasets are in the list, linked to each other and to the biosphere
    housing = user_ref("cast housing", "uslci-castings")
    assert {housing, user_ref("pig iron", "uslci-castings")} <= set(
        search(browser, "uslci-castings"))
    assert browser.select(housing)
    qtbot.waitUntil(lambda: "pig iron" in browser.detail.toPlainText(), timeout=TIMEOUT_MS)
    assert "Carbon dioxide, fossil" in browser.detail.toPlainText()

    # an import without such problems shows none
    dialog._show_warnings([])
    assert not warnings.isVisibleTo(dialog)


def test_cancel_stops_the_import_midway_and_writes_nothing(browser, qtbot, tmp_path):
    folder = write_ecospold2(tmp_path / "datasets")
    reached, proceed = threading.Event(), threading.Event()

    def hold(_fraction, message):  # runs in the worker thread, at the first linking step
        if message.startswith("Linking") and not reached.is_set():
            reached.set()
            proceed.wait(30)

    jobs = []

    def started(job):
        jobs.append(job)
        job.progress.connect(hold, Qt.ConnectionType.DirectConnection)

    browser.importStarted.connect(started)
    dialog = fill_ecospold2(browser, folder, "es2-cancelled")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=TIMEOUT_MS)
    # the import is under way in its thread; the window answers meanwhile
    assert dialog.state == ImportDatabaseDialog.RUNNING
    assert dialog.progress_bar.isVisibleTo(dialog) and dialog.cancel_button.isVisibleTo(dialog)
    assert not browser.import_button.isEnabled()
    assert "steel_stainless_304" in search(browser, "stainless")
    with qtbot.waitSignal(browser.importCancelled, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert jobs[0].is_cancelled()
        proceed.set()
    assert dialog.state == ImportDatabaseDialog.FORM
    assert "cancelled" in dialog.status_label.text()
    assert browser.import_button.isEnabled()
    assert all(db.name != "es2-cancelled" for db in ud.list_databases())
    from greendesign.inventory.brightway_setup import INVENTORY_PROJECT, activate

    bd = activate()
    bd.projects.set_current(INVENTORY_PROJECT)
    assert "es2-cancelled" not in bd.databases
    assert not [c for c in search(browser, "") if c.startswith("user:")]


def test_removing_a_database_removes_its_rows(browser, qtbot, tmp_path, prompts):
    from ui.services.material_names import material_choices

    import_ecospold2(qtbot, browser, write_ecospold2(tmp_path / "datasets"), "es2-removed")
    widget = user_ref("widget production", "es2-removed")
    assert widget in search(browser, "")
    browser._fill_remove_menu()
    assert [a.data() for a in browser.remove_menu.actions()] == ["es2-removed"]

    prompts.confirm_answer = False  # the user says no: nothing happens
    assert browser.remove_database("es2-removed") is None
    assert widget in search(browser, "")

    prompts.confirm_answer = True
    with qtbot.waitSignal(browser.databaseRemoved, timeout=TIMEOUT_MS):
        assert browser.remove_database("es2-removed") is not None
    assert "es2-removed" in prompts.confirmations[-1]
    assert not [c for c in search(browser, "") if c.startswith("user:")]
    assert browser.group_combo.findData(f"{USER_GROUP}:es2-removed") == -1
    assert not browser.remove_button.isEnabled()
    assert widget not in [code for code, _label in material_choices("widget")]
    assert all(db.name != "es2-removed" for db in ud.list_databases())


@pytest.mark.parametrize(("name", "message"), [
    ("", "needs a name"),
    ("greendesign-lci", "belongs to the bundled inventory"),
    ("biosphere3", "belongs to the bundled inventory"),
    ("a|b", "cannot contain '|'"),
])
def test_unusable_names_are_refused_in_the_dialog(browser, qtbot, tmp_path, name, message):
    started = []
    browser.importStarted.connect(started.append)
    dialog = fill_ecospold2(browser, write_ecospold2(tmp_path / "datasets"), name)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert message in dialog.error_label.text()
    assert dialog.error_label.isVisibleTo(dialog)
    assert dialog.state == ImportDatabaseDialog.FORM and dialog.isVisible()
    assert started == []


def test_other_input_errors_are_shown_in_the_dialog(browser, qtbot, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    dialog = fill_ecospold2(browser, empty, "nothing-here")
    dialog.accept()
    assert "holds no .spold files" in dialog.error_label.text()
    dialog.path_edit.setText(str(tmp_path / "missing"))
    dialog.accept()
    assert "missing does not exist" in dialog.error_label.text()
    dialog.set_format("brightway")
    dialog.accept()
    assert "Brightway project" in dialog.error_label.text()
    dialog.project_edit.setText("my-project")
    dialog.database_edit.setText("suppliers")
    dialog.name_edit.setText("")
    dialog.name_edit.textEdited.emit("")
    dialog._suggest_name()
    assert dialog.name_edit.text() == "suppliers"  # named after the database
    dialog.rated_check.setChecked(True)
    dialog.pedigree_spins[2].setValue(4)
    request = dialog.request()
    assert (request.format, request.project, request.database, request.base_dir) == (
        "brightway", "my-project", "suppliers", "")
    assert request.pedigree == (3, 3, 4, 3, 3)


def test_existing_name_needs_replace_and_failures_show_the_error_dialog(
        browser, qtbot, tmp_path, prompts):
    path = write_excel(tmp_path / "bracket.xlsx")
    dialog = browser.open_import_dialog()
    dialog.set_format("excel")
    dialog.path_edit.setText(str(path))
    assert dialog.name_edit.text() == "bracket"
    with qtbot.waitSignal(browser.importFinished, timeout=TIMEOUT_MS) as blocker:
        dialog.accept()
    result = blocker.args[0]
    assert [u.exchange for u in result.unlinked] == ["Imaginary gas"]
    assert user_ref("moulded bracket", "bracket") in search(browser, "bracket")
    dialog.close()

    dialog = browser.open_import_dialog()
    dialog.set_format("excel")
    dialog.path_edit.setText(str(path))
    dialog.accept()
    assert "exists already" in dialog.error_label.text()

    import openpyxl

    broken = tmp_path / "broken.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Activity", "something"])
    workbook.save(broken)
    dialog.path_edit.setText(str(broken))
    dialog.name_edit.setText("broken-workbook")
    with qtbot.waitSignal(browser.importFailed, timeout=TIMEOUT_MS):
        dialog.accept()
    error, title = prompts.errors[-1]
    assert isinstance(error, ud.UserDatabaseError)
    assert "broken.xlsx" in error.message and "Database" in error.hint
    assert title == "Import database"
    assert dialog.state == ImportDatabaseDialog.FORM
    assert "broken.xlsx" in dialog.error_label.text()
    assert all(db.name != "broken-workbook" for db in ud.list_databases())


def import_granulate(qtbot, browser, tmp_path) -> str:
    """The Excel fixture as ``market for polypropylene, granulate``; returns its reference."""
    activity = "market for polypropylene, granulate"
    path = write_excel(tmp_path / "granulate.xlsx", activity=activity, code="pp-granulate")
    dialog = browser.open_import_dialog()
    dialog.set_format("excel")
    dialog.path_edit.setText(str(path))
    dialog.name_edit.setText("granulate")
    with qtbot.waitSignal(browser.importFinished, timeout=TIMEOUT_MS):
        dialog.accept()
    dialog.close()
    return user_ref(activity, "granulate")


def test_a_user_material_ends_its_life_as_chosen(browser, qtbot, tmp_path, prompts):
    from greendesign.inventory.user_catalogue import load_catalogue
    from ui.services.material_names import catalogue

    ref = import_granulate(qtbot, browser, tmp_path)
    assert ud.eol_map()[ref] == ("pp", True)
    assert {ref, "pp"} <= set(search(browser, "polypropylene"))
    assert browser.select(ref)
    combo, note = browser.eol_combo, browser.eol_note
    assert browser.eol_box.isVisibleTo(browser) and combo.isEnabled()

    # the guess comes first and is chosen: polypropylene, from the name
    assert combo.currentIndex() == 0 and browser.eol_choice() is None
    assert combo.currentText() == "Guess from the name (Polypropylene (pp))"
    assert combo.itemText(combo.findData("steel_sheet_cold_rolled")) == \
        "Cold-rolled carbon steel sheet (steel_sheet_cold_rolled)"
    assert "plastic_pp" in note.text() and "guessed from its name" in note.text()

    # typing searches the bundled materials (names and codes, anywhere in the text)
    completer = combo.completer()
    completer.setCompletionPrefix("cold-rolled")
    found = [completer.completionModel().index(r, 0).data()
             for r in range(completer.completionCount())]
    assert "Cold-rolled carbon steel sheet (steel_sheet_cold_rolled)" in found
    assert all("user:" not in text for text in found)  # bundled materials only

    # choosing steel from the search popup: the core records it, the family follows,
    # the window is told
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "cold-rolled carbon")
    qtbot.waitUntil(completer.popup().isVisible, timeout=5000)
    with qtbot.waitSignal(browser.eolChanged, timeout=5000) as blocker:
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert blocker.args == [ref]
    assert ud.eol_map()[ref] == ("steel_sheet_cold_rolled", False)
    assert browser.eol_choice() == "steel_sheet_cold_rolled"
    assert "ferrous" in note.text() and "guessed" not in note.text()
    assert load_catalogue().get(ref, "material").family == "ferrous"
    assert catalogue().get(ref, "material").family == "ferrous"  # the UI's cache too
    assert not prompts.errors

    # the choice is shown again after another dataset, and the guess is still named
    assert browser.select("pp") and not browser.eol_box.isVisibleTo(browser)  # bundled
    assert browser.select(ref)
    assert browser.eol_choice() == "steel_sheet_cold_rolled"
    assert combo.itemText(0) == "Guess from the name (Polypropylene (pp))"

    # text that names no material is put back on leaving the field
    combo.lineEdit().setText("no such material")
    combo.lineEdit().editingFinished.emit()
    assert combo.currentText() == "Cold-rolled carbon steel sheet (steel_sheet_cold_rolled)"
    assert ud.eol_map()[ref] == ("steel_sheet_cold_rolled", False)

    # back to the guess
    with qtbot.waitSignal(browser.eolChanged, timeout=5000):
        combo.setCurrentIndex(0)
    assert ud.eol_map()[ref] == ("pp", True)
    assert browser.eol_choice() is None
    assert "plastic_pp" in note.text() and "guessed from its name" in note.text()
    assert catalogue().get(ref, "material").family == "plastic_pp"

    browser.set_read_only(True)
    assert not combo.isEnabled()
    browser.set_read_only(False)
    assert combo.isEnabled()


def test_a_user_dataset_without_a_recognised_material_ends_its_life_as_other(
        browser, qtbot, tmp_path):
    path = write_excel(tmp_path / "bracket.xlsx")
    dialog = browser.open_import_dialog()
    dialog.set_format("excel")
    dialog.path_edit.setText(str(path))
    with qtbot.waitSignal(browser.importFinished, timeout=TIMEOUT_MS):
        dialog.accept()
    dialog.close()
    ref = user_ref("moulded bracket", "bracket")
    assert ref not in ud.eol_map()
    assert browser.select(ref)
    assert browser.eol_combo.currentText() == "Guess from the name (none: other)"
    assert "family: other" in browser.eol_note.text()


def test_the_window_reloads_the_results_after_a_change(qtbot, window, monkeypatch):
    calls = []
    monkeypatch.setattr(window.lca, "reload_background", lambda: calls.append(True))
    monkeypatch.setattr(window.lca, "schedule", lambda: calls.append("schedule"))
    browser = window.inventory_browser
    assert browser.prompts is window.prompts
    browser._databases_changed()
    assert calls == [True]
    browser.eolChanged.emit("user:db|code")  # an end-of-life choice: assess again
    assert calls == [True, "schedule"]
    window.set_read_only(True)
    assert not browser.import_button.isEnabled()


def test_closing_during_an_import_asks_first(qtbot, window, prompts):
    from ui.services.lca_service import LcaJob

    browser = window.inventory_browser
    browser._set_busy(LcaJob("import", lambda progress, cancelled: None), "Importing")
    prompts.confirm_answer = False
    assert not window.close()
    assert "being imported" in prompts.confirmations[-1]
    browser._set_busy(None)


def test_a_cancel_that_comes_too_late_does_not_hide_a_written_database(qtbot):
    from ui.pages.inventory.user_db_jobs import ImportJob

    job = ImportJob("import", lambda progress, cancelled: (job.cancel(), "written")[1])
    with qtbot.waitSignal(job.finished) as blocker:
        job.run()
    assert blocker.args == ["written"]

    def cancelled_in_the_core(progress, cancelled):
        raise ud.ImportCancelled("The import was cancelled; nothing was written.")

    job = ImportJob("import", cancelled_in_the_core)
    with qtbot.waitSignal(job.cancelled):
        job.run()


def test_user_databases_that_could_not_be_restored_are_shown_after_the_set_up(qtbot):
    from PySide6.QtWidgets import QStatusBar

    from greendesign.errors import Problem
    from greendesign.inventory.brightway_setup import SetupResult
    from ui.services.inventory_setup import InventorySetupStatus

    bar = QStatusBar()
    qtbot.addWidget(bar)
    status = InventorySetupStatus(bar)
    problem = Problem("user database 'gone' could not be restored: the folder is missing",
                      location="/data/gone", hint="Import it again from the Inventory page.")
    status._on_finished(SetupResult(True, "rebuilt; user databases restored", 1, 98, 1.0,
                                    warnings=(problem,)))
    assert "1 user database(s) could not be restored" in status.label.text()
    assert "'gone'" in status.label.toolTip()



def test_an_openlca_jsonld_zip_imported_through_the_dialog_shows_its_report(
        browser, qtbot, prompts):
    # tests/data/user_db/openlca_jsonld_small.zip: electricity (CO2 by its biosphere3 id,
    # CO2 and CH4 by openLCA ids), smelting with two products, allocated into two
    # datasets (each: electricity in, CO2 and N2O out), rolling (ingot, electricity and a
    # lubricant nothing in the release makes; CH4 out)
    source = Path(__file__).resolve().parents[1] / "data" / "user_db" / "openlca_jsonld_small.zip"
    datasets, elementary, technosphere = 1 + 2 + 1, 3 + 2 * 2 + 1, 2 * 1 + 3
    dialog = browser.open_import_dialog()
    dialog.set_format("jsonld")
    dialog.path_edit.setText(str(source))
    assert dialog.name_edit.text() == "openlca_jsonld_small"
    messages = []
    browser.statusMessage.connect(messages.append)
    with qtbot.waitSignal(browser.importFinished, timeout=TIMEOUT_MS) as blocker:
        dialog.accept()
    result = blocker.args[0]
    assert not prompts.errors and dialog.state == ImportDatabaseDialog.DONE
    assert result.database.activities == datasets

    lines = dialog.report_text.toPlainText().splitlines()
    assert lines[0] == f"Datasets: {datasets} of {datasets} imported"
    assert lines[1] == f"Elementary exchanges: {elementary} of {elementary} linked (100.0 %)"
    share = f"{100 * (technosphere - 1) / technosphere:.1f} %"  # the lubricant is left out
    assert f"Technosphere exchanges: {technosphere - 1} of {technosphere} linked ({share})" \
        in lines
    methods = next(line for line in lines if line.startswith("Elementary exchanges linked by"))
    assert "the source's flow id or exact name 1" in methods  # the one biosphere3 id
    assert "about 0.00 % of the datasets' direct GWP100" in dialog.report_text.toPlainText()
    assert not dialog.skipped_table.isVisibleTo(dialog)
    table = dialog.unlinked_table
    assert table.rowCount() == 1 and table.item(0, 2).text() == "Lubricating oil, test"
    from greendesign.inventory.user_registry import report_path

    saved = report_path("openlca_jsonld_small").with_suffix(".report.json")
    assert saved.is_file() and str(saved) in dialog.report_label.text()
    assert "100.0 % of the elementary exchanges were linked" in messages[-1]
