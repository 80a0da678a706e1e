"""The export wizard writing a real evidence pack: the core's export_pack in the dialog's
worker thread, on the installed inventory, checked afterwards with verify_pack."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from greendesign.report.pack import MANIFEST, pdf_name
from greendesign.report.verify import verify_pack
from ui.document.document import ProjectDocument
from ui.pages.evidence.evidence_page import EvidencePage

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture
def document(qtbot, demo_file):
    doc = ProjectDocument()
    doc.open(demo_file)
    yield doc
    doc.undo_stack.clear()


def test_the_wizard_writes_a_pack_that_verifies(qtbot, document, tmp_path):
    page = EvidencePage(document, None, None)
    qtbot.addWidget(page)
    assert page.export_button.isEnabled()
    dialog = page.open_export()
    qtbot.addWidget(dialog)
    target = tmp_path / "packs"
    target.mkdir()
    dialog.target.setText(str(target))
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    for i in range(dialog.designs.count()):  # baseline and the PP body variant
        dialog.designs.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.iterations.setValue(0)
    dialog.zip_box.setChecked(True)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None or bool(dialog.error), timeout=240_000)
    assert dialog.error == "", dialog.status.text()
    result = dialog.result
    folder = result.folder
    assert folder.parent == target and folder.name == result.report_id
    assert (folder / MANIFEST).is_file() and (folder / pdf_name("zh_CN")).is_file()
    assert (target / f"{result.report_id}.zip").is_file()
    assert [p.name for p in target.iterdir() if p.name.startswith(".")] == []  # no temp left
    report = verify_pack(folder)
    assert report.ok, report.text()
    assert report.recomputed and report.numbers_checked > 100
    assert report.files_checked == len(list(p for p in folder.rglob("*") if p.is_file())) - 1
    assert result.report_id in dialog.status.text()
    assert dialog.progress.value() == 1000 and dialog.open_button.isEnabled()
    dialog.done(0)
