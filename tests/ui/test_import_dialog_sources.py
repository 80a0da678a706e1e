"""The import dialog's sources and its report: the openLCA JSON-LD and SimaPro CSV formats,
EcoSpold 2 as a folder or a zip, the checks of each source, and the import report shown
after an import.

The report is that of a made-up import (an :class:`ImportResult` built here), so the
numbers it must show are worked out from the counts given to it; the check of good
sources uses the small openLCA and SimaPro exports of tests/data/user_db.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from greendesign.inventory import user_databases as ud
from greendesign.inventory.import_report import ImportReport
from greendesign.inventory.user_readers import UnlinkedExchange
from tests.user_db_fixtures import write_ecospold2
from ui.pages.inventory.import_checks import ImportRequestCheck, suggested_name
from ui.pages.inventory.user_db_dialog import FORMATS, REPORT_LINES, ImportDatabaseDialog
from ui.pages.inventory.user_db_jobs import ImportJob, ImportRequest
from ui.services.lca_service import LcaJob

DATA = Path(__file__).resolve().parents[1] / "data" / "user_db"
JSONLD = DATA / "openlca_jsonld_small.zip"
SIMAPRO = DATA / "simapro9_small.csv"


@pytest.fixture
def dialog(qtbot):
    widget = ImportDatabaseDialog()
    qtbot.addWidget(widget)
    return widget


def why_not(fmt: str, source: Path | str) -> str | None:
    return ImportRequestCheck().why_not(ImportRequest(fmt, name="checked", source=str(source)))


def test_every_format_of_the_core_is_offered(dialog):
    combo = dialog.format_combo
    assert [combo.itemData(i) for i in range(combo.count())] == list(FORMATS)
    assert sorted(FORMATS) == sorted(ud.FORMATS)
    assert "JSON-LD" in combo.itemText(combo.findData("jsonld"))
    assert "SimaPro CSV" in combo.itemText(combo.findData("simapro"))
    assert "zip" in combo.itemText(combo.findData("ecospold2"))


def test_each_format_sets_its_caption_note_and_buttons(dialog):
    dialog.set_format("jsonld")
    assert dialog.path_caption.text() == "Zip or folder:"
    assert ".zip" in dialog.path_edit.placeholderText()
    note = dialog.path_note.text()
    assert all(word in note for word in ("Federal LCA Commons", "synonyms", "FEDEFL", "CAS",
                                         "allocation factors", "not allocated"))
    assert dialog.browse_folder_button.isVisibleTo(dialog)

    dialog.set_format("simapro")
    assert dialog.path_caption.text() == "Export:"
    assert ".csv" in dialog.path_edit.placeholderText()
    assert "File > Export" in dialog.path_note.text() and "CAS" in dialog.path_note.text()
    assert not dialog.browse_folder_button.isVisibleTo(dialog)

    dialog.set_format("ecospold2")
    assert dialog.path_caption.text() == "Folder or zip:"
    assert "openLCA" in dialog.path_note.text() and ".zip" in dialog.path_note.text()
    assert dialog.browse_folder_button.isVisibleTo(dialog)
    assert dialog.browse_button.toolTip() != dialog.browse_folder_button.toolTip()


@pytest.mark.parametrize(("fmt", "button", "expected"), [
    ("jsonld", "browse_button", "(*.zip)"),
    ("simapro", "browse_button", "(*.csv)"),
    ("ecospold2", "browse_button", "(*.zip)"),
    ("jsonld", "browse_folder_button", None),
    ("ecospold2", "browse_folder_button", None),
])
def test_browsing_offers_the_files_of_the_format(dialog, qtbot, monkeypatch, tmp_path, fmt,
                                                 button, expected):
    asked = []
    chosen = str(tmp_path / "chosen")

    def open_file(parent, title, start, filters):
        asked.append(("file", filters))
        return chosen, filters

    def open_folder(parent, title, start):
        asked.append(("folder", None))
        return chosen

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_file))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(open_folder))
    dialog.set_format(fmt)
    getattr(dialog, button).click()
    if expected:
        assert len(asked) == 1 and asked[0][0] == "file" and expected in asked[0][1]
    else:
        assert asked == [("folder", None)]
    assert dialog.path_edit.text() == chosen
    assert dialog.name_edit.text() == "chosen"


@pytest.mark.parametrize(("fmt", "source", "name"), [
    ("jsonld", "/data/uslci_fy18_olca1_5_jsonld.zip", "uslci_fy18_olca1_5_jsonld"),
    ("jsonld", "/data/USLCI FY18", "USLCI FY18"),
    ("simapro", "/exports/steel mill.csv", "steel mill"),
    ("ecospold2", "/data/uslci_fy18_q1_01_olca1_5_ecospold2.zip",
     "uslci_fy18_q1_01_olca1_5_ecospold2"),
    ("ecospold2", "/data/ecoinvent 3.10/datasets", "ecoinvent 3.10"),
])
def test_the_name_is_suggested_from_the_source(fmt, source, name):
    assert suggested_name(fmt, source) == name


def write_zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
    return path


def bad_source(kind: str, tmp: Path) -> tuple[str, Path, str]:
    """``(format, source, what the refusal says)`` of a source the check refuses."""
    if kind == "jsonld-missing":
        return "jsonld", tmp / "nowhere.zip", "does not exist"
    if kind == "jsonld-json":
        path = tmp / "process.json"
        path.write_text("{}", encoding="utf-8")
        return "jsonld", path, "is not a .zip file"
    if kind == "jsonld-damaged":
        path = tmp / "cut.zip"
        path.write_bytes(JSONLD.read_bytes()[:400])
        return "jsonld", path, "not a readable zip"
    if kind == "jsonld-no-processes":
        return "jsonld", write_zip(tmp / "flows.zip", {"flows/a.json": b"{}"}), \
            "holds no 'processes' folder"
    if kind == "jsonld-folder":
        folder = tmp / "release" / "one" / "two"  # processes two levels down: not looked for
        (folder / "processes").mkdir(parents=True)
        return "jsonld", tmp / "release", "has no 'processes' folder"
    if kind == "simapro-missing":
        return "simapro", tmp / "export.csv", "does not exist"
    if kind == "simapro-suffix":
        path = tmp / "export.txt"
        path.write_bytes(SIMAPRO.read_bytes())
        return "simapro", path, "is not a .csv file"
    if kind == "simapro-folder":
        folder = tmp / "exports.csv"
        folder.mkdir()
        return "simapro", folder, "is not a .csv file"
    if kind == "simapro-bom":
        path = tmp / "bom.csv"
        path.write_text("level,id,name\n1,BODY,body\n", encoding="utf-8")
        return "simapro", path, "is not a SimaPro CSV export"
    if kind == "ecospold2-missing":
        return "ecospold2", tmp / "missing", "does not exist"
    if kind == "ecospold2-suffix":
        path = tmp / "datasets.7z"
        path.write_bytes(b"7z")
        return "ecospold2", path, "neither a folder nor a .zip"
    if kind == "ecospold2-damaged":
        path = tmp / "release.zip"
        path.write_bytes(b"PK\x03\x04 truncated")
        return "ecospold2", path, "not a readable zip"
    if kind == "ecospold2-no-spold":
        return "ecospold2", write_zip(tmp / "ecospold1.zip", {"a.xml": b"<x/>"}), \
            "holds no .spold files"
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", [
    "jsonld-missing", "jsonld-json", "jsonld-damaged", "jsonld-no-processes", "jsonld-folder",
    "simapro-missing", "simapro-suffix", "simapro-folder", "simapro-bom",
    "ecospold2-missing", "ecospold2-suffix", "ecospold2-damaged", "ecospold2-no-spold",
])
def test_unusable_sources_are_refused_naming_the_path(tmp_path, kind):
    fmt, source, expected = bad_source(kind, tmp_path)
    problem = why_not(fmt, source)
    assert problem is not None and expected in problem
    assert str(source) in problem


@pytest.mark.parametrize("fmt", ["jsonld", "simapro", "ecospold2"])
def test_an_empty_source_asks_for_one(fmt):
    assert why_not(fmt, "").startswith("Choose the")


def test_usable_sources_pass_the_check(tmp_path):
    assert why_not("jsonld", JSONLD) is None
    with zipfile.ZipFile(JSONLD) as archive:  # unpacked into a folder of its own
        archive.extractall(tmp_path / "release" / "uslci")
    assert why_not("jsonld", tmp_path / "release") is None
    assert why_not("jsonld", tmp_path / "release" / "uslci") is None
    assert why_not("simapro", SIMAPRO) is None

    folder = write_ecospold2(tmp_path / "es2" / "datasets")
    spold = sorted(folder.glob("*.spold"))
    release = write_zip(tmp_path / "uslci_fy18_q1_01_olca1_5_ecospold2.zip",
                        {f"datasets/{p.name}": p.read_bytes() for p in spold})
    assert why_not("ecospold2", release) is None
    assert why_not("ecospold2", folder) is None
    assert why_not("ecospold2", tmp_path / "es2") is None  # the .spold files a level down


def test_the_format_and_source_reach_the_import(dialog):
    dialog.set_format("jsonld")
    dialog.path_edit.setText(str(JSONLD))
    request = dialog.request()
    assert (request.format, request.source, request.name) == (
        "jsonld", str(JSONLD), "openlca_jsonld_small")
    requested = []
    dialog.importRequested.connect(requested.append)
    dialog.accept()
    assert requested == [request] and not dialog.error_label.text()


def made_up_result(name: str = "uslci-made-up") -> ud.ImportResult:
    """An import of 4 datasets, 3 written: 30 of 40 elementary and 9 of 10 technosphere
    exchanges linked, one process file left out."""
    report = ImportReport(
        source="/data/uslci.zip", format="jsonld", producer="openLCA",
        datasets_read=4, datasets_imported=3,
        skipped=[("processes/p-broken-0000.json", "the process has no quantitative reference")],
        exchanges={"technosphere": {"linked": 9, "unlinked": 1},
                   "biosphere": {"linked": 30, "unlinked": 10},
                   "production": {"linked": 3, "unlinked": 0}},
        elementary_by_method={"synonym": 12, "name": 18},
        unlinked_by_reason={"no biosphere3 flow of this name": 10},
        top_unlinked=[("Imaginary gas", "air", "kg", 7), ("Unobtainium", "soil", "kg", 3)],
        gwp_unlinked_share=0.0123)
    unlinked = [UnlinkedExchange(name, "smelting", "US", "Imaginary gas", "biosphere", 0.5,
                                 "kilogram", "air", "no biosphere3 flow of this name")
                for _i in range(10)]
    database = ud.UserDatabase(name=name, format="jsonld", source="/data/uslci.zip",
                               bw_databases=[name], imported_at="2026-12-02T10:00:00",
                               activities=3, exchanges=42, unlinked=len(unlinked),
                               report=f"/reports/{name}.csv")
    return ud.ImportResult(database, unlinked, 2.5, [], report)


def finish(dialog, result) -> None:
    """Run the dialog through an import whose job ends with ``result``."""
    job = LcaJob("import", lambda progress, cancelled: result)
    dialog.start(job)
    job.finished.emit(result)


def test_the_report_of_an_import_is_shown(dialog):
    dialog.show()
    finish(dialog, made_up_result())
    assert dialog.state == ImportDatabaseDialog.DONE
    assert dialog.report_text.isVisibleTo(dialog) and dialog.report_text.isReadOnly()
    lines = dialog.report_text.toPlainText().splitlines()
    text = "\n".join(lines)
    assert lines[0] == "Datasets: 3 of 4 imported, 1 left out (listed below) (files written " \
                       "by openLCA)"
    elementary = f"{100 * 30 / (30 + 10):.1f} %"
    technosphere = f"{100 * 9 / (9 + 1):.1f} %"
    assert elementary == "75.0 %" and technosphere == "90.0 %"
    assert f"Elementary exchanges: 30 of 40 linked ({elementary})" in lines
    assert f"Technosphere exchanges: 9 of 10 linked ({technosphere})" in lines
    assert lines.index(f"Elementary exchanges: 30 of 40 linked ({elementary})") == 1
    # the most used way first
    assert "Elementary exchanges linked by: name and compartment 18, synonym 12" in lines
    assert f"{100 * 0.0123:.2f} %" in text and "GWP100" in text
    assert "  7 \u00d7 Imaginary gas [air] (kg)" in lines
    assert "  3 \u00d7 Unobtainium [soil] (kg)" in lines

    # the datasets left out, with the reason
    assert dialog.skipped_table.isVisibleTo(dialog)
    assert "1 dataset(s) were left out" in dialog.skipped_label.text()
    table = dialog.skipped_table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "processes/p-broken-0000.json"
    assert table.item(0, 1).text() == "the process has no quantitative reference"

    # the unlinked exchanges and the report file as before
    assert dialog.unlinked_table.rowCount() == 10
    assert dialog.open_report_button.isVisibleTo(dialog)
    assert "/reports/uslci-made-up.csv" in dialog.report_label.text()

    # the report is shown whole (it has fewer lines than the box), and the dialog grows to
    # show the results without leaving the screen
    QApplication.processEvents()
    assert len(lines) <= REPORT_LINES
    assert dialog.report_text.verticalScrollBar().maximum() == 0
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.height() >= dialog.layout().totalMinimumSize().height()
    assert dialog.height() <= screen.height()


def test_a_copied_brightway_database_has_no_report_block(dialog):
    result = made_up_result("copied")
    result.report = ImportReport()
    result.database.format = "brightway"
    finish(dialog, result)
    assert dialog.state == ImportDatabaseDialog.DONE
    assert not dialog.report_text.isVisibleTo(dialog)
    assert not dialog.skipped_table.isVisibleTo(dialog)
    assert not dialog.skipped_label.isVisibleTo(dialog)


def test_many_datasets_left_out_are_listed_in_part(dialog):
    from ui.pages.inventory.user_db_dialog import SKIPPED_ROWS

    result = made_up_result()
    result.report.skipped = [(f"processes/p-{i}.json", "no flow") for i in range(250)]
    finish(dialog, result)
    assert dialog.skipped_table.rowCount() == SKIPPED_ROWS
    assert "250 dataset(s) were left out" in dialog.skipped_label.text()
    assert f"the first {SKIPPED_ROWS} are listed" in dialog.skipped_label.text()


def test_the_page_message_gives_the_elementary_link_share(qtbot):
    from ui.pages.inventory.inventory_browser import InventoryBrowser

    browser = InventoryBrowser()
    qtbot.addWidget(browser, before_close_func=lambda w: w.stop())
    messages = []
    browser.statusMessage.connect(messages.append)
    result = made_up_result()
    actions = browser.user_actions
    actions._import_finished(ImportJob("import", lambda p, c: result), result)
    assert f"{100 * 30 / 40:.1f} % of the elementary exchanges were linked" in messages[-1]
    assert "3 datasets, 10 exchanges not linked" in messages[-1]

    result.report = ImportReport()  # no elementary exchange: nothing said about the share
    actions._import_finished(ImportJob("import", lambda p, c: result), result)
    assert "elementary" not in messages[-1]
    browser.stop()
