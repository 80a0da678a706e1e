"""The Evidence pack page: the applicant form checked as typed, files added beside the project,
the completeness list following the edits, the conformity table, and Undo."""

from __future__ import annotations

import datetime as dt
import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from greendesign.bundled import demo_products
from greendesign.evidence.attachments import attachments_dir
from greendesign.evidence.conformity import design_scores, evaluate_conformity
from greendesign.evidence.specification import export_specification_xlsx, load_specifications
from greendesign.scoring import score_json
from ui.document.document import ProjectDocument
from ui.pages.evidence.evidence_page import EvidencePage
from ui.pages.evidence.register_model import EXPIRED, RegisterModel

VALID_CODE = "91350100M000100Y43"


@pytest.fixture
def document(qtbot, demo_file):
    doc = ProjectDocument()
    doc.open(demo_file)
    yield doc
    doc.undo_stack.clear()


@pytest.fixture
def page(qtbot, document, prompts):
    widget = EvidencePage(document, None, prompts)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.recompute()
    return widget


def codes(page):
    return [(g.severity, g.code, g.where) for g in page.gaps]


def type_into(qtbot, edit, text):
    edit.setFocus()
    edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest types Latin-1 only; an input method inserts the rest like this
        edit.insert(text)
    edit.editingFinished.emit()


def test_the_form_checks_the_credit_code_as_typed(qtbot, page):
    edit = page.applicant_form.edits["credit_code"]
    type_into(qtbot, edit, VALID_CODE[:-1] + "4")  # a wrong check character
    assert edit.error and "3" in edit.error and edit.property("invalid")
    assert page.document.project.evidence.applicant.credit_code == ""  # not applied
    assert not page.document.undo_stack.canUndo()
    edit.clear()
    type_into(qtbot, edit, VALID_CODE.lower())
    assert edit.error is None
    assert page.document.project.evidence.applicant.credit_code == VALID_CODE
    assert page.document.modified
    page.recompute()
    assert ("blocking", "applicant_missing", "applicant.credit_code") not in codes(page)
    page.document.undo_stack.undo()
    assert page.document.project.evidence.applicant.credit_code == ""
    assert edit.text() == ""


def test_filling_the_form_updates_completeness_and_undo(qtbot, page):
    before = codes(page)
    assert ("blocking", "applicant_missing", "applicant.company_name_zh") in before
    type_into(qtbot, page.applicant_form.edits["company_name_zh"], "福州绿设电器有限公司")
    type_into(qtbot, page.applicant_form.edits["email"], "wang@example")
    assert page.applicant_form.edits["email"].error  # refused, not applied
    page.applicant_form.edits["email"].end(False)
    qtbot.keyClicks(page.applicant_form.edits["email"], ".com")
    page.applicant_form.edits["email"].editingFinished.emit()
    qtbot.waitUntil(lambda: page.document.project.evidence.applicant.email ==
                    "wang@example.com", timeout=2000)
    page.recompute()
    after = codes(page)
    assert ("blocking", "applicant_missing", "applicant.company_name_zh") not in after
    assert ("blocking", "applicant_missing", "applicant.email") not in after
    assert len(after) == len(before) - 2
    assert page.document.undo_stack.count() == 2
    page.document.undo_stack.undo()
    page.document.undo_stack.undo()
    page.recompute()
    assert codes(page) == before
    assert page.applicant_form.edits["company_name_zh"].text() == ""


def test_certificates_are_added_and_edited(qtbot, page):
    page.choose_profile("household_appliance_kettle")
    page.recompute()
    assert ("blocking", "certificate_missing", "certificates") in codes(page)
    page.applicant_form.add_certificate()
    record = page.document.project.evidence
    assert [c.standard.value for c in record.applicant.certificates] == ["iso14001"]
    table = page.applicant_form.certificates
    table.item(0, 2).setText("CN-EMS-0001")
    assert page.document.project.evidence.applicant.certificates[0].number == "CN-EMS-0001"
    page.recompute()
    missing = [g for g in page.gaps if g.code == "certificate_missing"]
    assert len(missing) == 1  # ISO 9001 still missing
    page.document.undo_stack.undo()
    page.document.undo_stack.undo()
    assert page.document.project.evidence.applicant.certificates == []


def test_adding_a_file_copies_it_and_changes_completeness(qtbot, page, prompts, tmp_path):
    page.choose_profile("household_appliance_kettle")
    page.recompute()
    assert ("blocking", "evidence_missing", "indicator:noise") in codes(page)
    report = tmp_path / "噪声检测报告.pdf"
    report.write_bytes(b"%PDF-1.4 noise 58 dB(A)")
    prompts.next_open_path = report
    item = page.add_file()
    assert item is not None and item.id == "EV-1" and item.file == report.name
    copied = attachments_dir(page.document.path) / report.name
    assert copied.read_bytes() == report.read_bytes()
    assert page.register_model.rowCount() == 1
    # say what the report shows, in the table
    model = page.register_model
    column = RegisterModel.COLUMNS.index
    assert model.setData(model.index(0, column("indicators")), "noise")
    assert model.setData(model.index(0, column("stated_value")), "58 dB(A)")
    assert not model.setData(model.index(0, column("date")), "yesterday")  # refused
    page.recompute()
    found = codes(page)
    assert ("blocking", "evidence_missing", "indicator:noise") not in found
    outcome = page.conformity.outcome("noise")
    assert (outcome.status, outcome.primary_evidence.id) == ("pass", "EV-1")
    row = next(r for r in range(page.conformity_table.rowCount())
               if page.conformity_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == "noise")
    assert page.conformity_table.item(row, 4).text() == "pass"
    assert "EV-1" in page.conformity_table.item(row, 5).text()
    # a changed attachment is blocking, by name
    copied.write_bytes(b"edited")
    page._hashes.clear()
    page.recompute()
    assert ("blocking", "attachment_changed", "register:EV-1") in codes(page)
    # undo the three edits and the addition: the register is empty, the file stays
    for _ in range(3):
        page.document.undo_stack.undo()
    assert page.document.project.evidence.register == []
    assert copied.exists()


def test_files_need_a_saved_project_and_a_safe_name(qtbot, prompts, tmp_path):
    doc = ProjectDocument()
    source = next(p for p in demo_products() if p.stem == "office_chair")
    from greendesign.io.project_file import load_project

    doc.set_project(load_project(source), None)
    page = EvidencePage(doc, None, prompts)
    qtbot.addWidget(page)
    report = tmp_path / "r.pdf"
    report.write_bytes(b"x")
    assert page.add_file(report) is None
    assert "Save the project first" in str(prompts.errors[-1][0])
    doc.undo_stack.clear()


def test_expired_items_are_marked(qtbot, page, tmp_path):
    report = tmp_path / "old.pdf"
    report.write_bytes(b"old")
    page.add_file(report)
    model = page.register_model
    column = RegisterModel.COLUMNS.index
    assert model.setData(model.index(0, column("date")), "2020-01-01")
    assert model.setData(model.index(0, column("valid_until")), "2021-01-01")
    index = model.index(0, column("status"))
    assert index.data() == "expired"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == EXPIRED
    page.recompute()
    assert ("blocking", "item_expired", "register:EV-1") in codes(page)


def test_conformity_values_are_the_screens(qtbot, page):
    page.choose_profile("household_appliance_kettle")
    page.recompute()
    project = page.document.project
    screen = score_json(project, suggestions=False)
    assert page.conformity.outcome("recyclability_rate").value == pytest.approx(
        screen["recyclability_rate"], abs=1e-6)
    expected = evaluate_conformity(load_specifications()["household_appliance_kettle"],
                                   project.evidence, design_scores(project), day=page.day)
    assert [o.status for o in page.conformity.outcomes] == [o.status for o in
                                                            expected.outcomes]
    assert page.conformity_table.rowCount() == len(expected.outcomes)
    assert "illustrative" in page.profile_note.text()


def test_import_a_profile_and_undo(qtbot, page, prompts, tmp_path):
    profile = load_specifications()["gbt32161_generic"].model_copy(update={"id": "my_spec"})
    path = export_specification_xlsx(profile, tmp_path / "my_spec.xlsx")
    prompts.next_open_path = path
    assert page.import_profile()
    record = page.document.project.evidence
    assert record.specification == "my_spec" and record.imported_specification == profile
    assert page.profile_combo.currentData() == "imported:my_spec"
    page.document.undo_stack.undo()
    assert page.document.project.evidence.imported_specification is None
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    prompts.next_open_path = broken
    assert not page.import_profile()
    assert "not a readable XLSX" in str(prompts.errors[-1][0])


def test_saving_keeps_the_evidence(qtbot, page, tmp_path):
    type_into(qtbot, page.applicant_form.edits["company_name_en"], "Fuzhou Lvshe")
    page.document.save()
    from greendesign.io.project_file import load_project

    assert load_project(page.document.path).evidence.applicant.company_name_en == \
        "Fuzhou Lvshe"
    assert not page.document.modified


def test_the_window_shows_the_page(window, demo_file):
    assert window.open_file(demo_file)
    page = window.page_widgets["evidence"]
    assert isinstance(page, EvidencePage)
    window.show_page("evidence")
    page.recompute()
    assert page.completeness_list.count() == len(page.gaps) > 0
    first = page.completeness_list.item(0)
    assert first.text().startswith("blocking: ")
    assert page.export_button.isEnabled()
    assert page.export_button.toolTip()
    window.set_read_only(True)
    assert not page.add_file_button.isEnabled()
    window.set_read_only(False)
    _ = dt.date.today()


def test_export_wizard_passes_the_options_and_reports_progress(qtbot, document, tmp_path):
    calls = []

    def export(project, target, options, *, project_path, background, progress, cancelled):
        calls.append((project.product.name, target, options, project_path))
        for step in range(1, 5):
            progress(step / 4, f"step {step}")
        folder = target / "GD-TEST"
        folder.mkdir()
        return SimpleNamespace(report_id="GD-TEST", folder=folder, missing=[])

    document.add_variant("light")  # shows the variant: the pack is for it
    page = EvidencePage(document, None, None)
    qtbot.addWidget(page)
    dialog = page.open_export(export)
    qtbot.addWidget(dialog)
    dialog.target.setText(str(tmp_path))
    dialog.language.setCurrentIndex(dialog.language.findData("both"))
    for i in range(dialog.designs.count()):
        dialog.designs.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.sections.item(0).setCheckState(Qt.CheckState.Unchecked)  # no cover
    dialog.iterations.setValue(0)
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.start()
    assert blocker.args[0].report_id == "GD-TEST"
    (name, target, options, project_path), = calls
    assert name == document.project.product.name and target == tmp_path
    assert options.designs[0] == "light"
    assert sorted(options.designs) == sorted(document.project.design_names)
    assert options.language == "both" and options.iterations == 0
    assert "cover" not in options.sections and "conformity" in options.sections
    assert project_path == document.path
    assert dialog.progress.value() == 1000 and dialog.open_button.isEnabled()
    assert "GD-TEST" in dialog.status.text()
    dialog.done(0)


def test_export_wizard_cancel_stops_the_export(qtbot, document, tmp_path):
    started = threading.Event()

    def export(project, target, options, *, project_path, background, progress, cancelled):
        started.set()
        while not cancelled():
            progress(0.5, "working")
            threading.Event().wait(0.01)
        from greendesign.report.pack_data import PackError
        raise PackError("The export was cancelled.")

    page = EvidencePage(document, None, None)
    qtbot.addWidget(page)
    dialog = page.open_export(export)
    qtbot.addWidget(dialog)
    dialog.target.setText(str(tmp_path))
    job = dialog.start()
    qtbot.waitUntil(started.is_set, timeout=5000)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        dialog.cancel()
    assert "cancelled" in dialog.status.text() and dialog.export_button.isEnabled()
    assert dialog.result is None
    dialog.done(0)
