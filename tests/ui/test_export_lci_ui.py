"""File > Export LCI Model: the dialog, the export in the background, its outcome shown."""

from __future__ import annotations

import zipfile

import pytest

from ui.document.export_lci_actions import ExportChoice, ExportLciDialog

pytestmark = pytest.mark.inventory  # the export reads the installed inventory


def test_the_dialog_asks_a_project_name_only_for_brightway(qtbot):
    dialog = ExportLciDialog("Kettle")
    qtbot.addWidget(dialog)
    assert dialog.choice() == ExportChoice("brightway", "Kettle", False)
    dialog.project_edit.setText("  ")
    assert not dialog.ok_button.isEnabled()  # a Brightway project needs a name
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("jsonld"))
    assert dialog.ok_button.isEnabled() and not dialog.project_edit.isEnabled()
    assert dialog.choice().target == "jsonld"


def test_a_jsonld_export_runs_in_the_background_and_is_reported(window, demo_file, prompts,
                                                                 qtbot, tmp_path):
    assert window.open_file(demo_file)
    actions = window.export_lci
    assert actions.export_action in window.file_menu.actions()
    target = tmp_path / "kettle.zip"
    prompts.next_save_path = target
    with qtbot.waitSignal(actions.exportFinished, timeout=120_000) as finished:
        assert actions.export_lci(ExportChoice("jsonld"))
        assert not actions.export_action.isEnabled()  # one export at a time
    assert actions.export_action.isEnabled()
    assert finished.args[0].location == str(target)
    with zipfile.ZipFile(target) as archive:
        assert any(name.startswith("processes/") for name in archive.namelist())
    assert prompts.errors == []
    (title, text), = prompts.infos
    assert title == "LCI model exported" and text.startswith(str(target))


def test_an_export_to_a_bad_place_shows_the_error(window, demo_file, prompts, qtbot, tmp_path):
    assert window.open_file(demo_file)
    actions = window.export_lci
    prompts.next_save_path = tmp_path / "missing-folder" / "kettle.xlsx"
    assert actions.export_lci(ExportChoice("excel"))
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=120_000)
    assert actions.export_action.isEnabled()
    assert not (tmp_path / "missing-folder").exists()
