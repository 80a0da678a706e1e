"""With the app in Chinese, what the core says on the pages is Chinese too: the Green design
page's improvement suggestions and findings, the Results page's data-gap note, and the part
names wherever a part has a Chinese name.

The app sets both languages at start (Qt's translators and ``greendesign.i18n``); here the
``chinese`` fixture does the same and puts both back afterwards. The texts are checked with
:mod:`tests.chinese_text`, as in ``tests/test_core_speaks_chinese.py``.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from greendesign import i18n
from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.model import walk
from tests.chinese_text import project_data, untranslated
from ui.document.document import ProjectDocument

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture
def chinese(qapp):
    """The app in Chinese, as ``ui.app`` starts it: Qt's catalogue and the core's language."""
    from PySide6.QtCore import QLocale, QTranslator

    from ui.app import install_translations

    before = QLocale()
    install_translations(qapp, "zh_CN")
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(before)


@pytest.fixture
def document(qtbot):
    doc = ProjectDocument()
    yield doc
    doc.undo_stack.clear()


def demo(stem: str):
    return next(p for p in demo_products() if p.stem == stem)


def test_green_design_page_suggestions_and_findings_are_chinese(chinese, qtbot, document):
    from ui.pages.green_design.green_design_page import GreenDesignPage

    path = demo("office_chair")
    project = load_project(path)
    document.open(path)
    page = GreenDesignPage(document)
    qtbot.addWidget(page)
    page.recompute()
    model = page.suggestion_model
    suggestions = [model.data(model.index(row, 1)) for row in range(model.rowCount())]
    assert suggestions, "the chair has improvements to suggest"
    rows = page.findings_model
    findings = [[rows.index(i, column) for column in range(3)] for i in range(rows.rowCount())]
    assert findings
    texts = [("suggestion", text) for text in suggestions]
    texts += [("finding", message.data()) for _severity, _part, message in findings]
    texts += [("notes", page.notes_label.text()), ("design", page.design_label.text())]
    assert untranslated(texts, project_data(project)) == []
    # a finding names its part by the Chinese name when the part has one
    names_zh = {n.id: n.name_zh for n, *_rest in walk(project.product.bom) if n.name_zh}
    tip = Qt.ItemDataRole.ToolTipRole
    named = [(part.data(tip), part.data()) for _severity, part, _message in findings
             if part.data(tip) in names_zh]
    assert named and all(text == names_zh[pid] for pid, text in named)
    assert project.product.name_zh in page.design_label.text()


def test_results_page_data_gap_note_and_part_names_are_chinese(chinese, qtbot, document):
    from ui.pages.results.results_page import ResultsPage
    from ui.services.lca_service import LcaService

    path = demo("electric_kettle")
    project = load_project(path)
    service = LcaService(document)
    page = ResultsPage(document, service)
    qtbot.addWidget(page)
    with qtbot.waitSignal(service.resultChanged, timeout=120_000,
                          check_params_cb=lambda result: result is not None):
        document.set_project(project, path)
    try:
        gaps = service.result.model.gaps
        assert gaps and not page.gaps_note.isHidden()
        assert page.gaps_note.text().startswith("数据缺口")
        texts = [("gaps", page.gaps_note.text()), ("gaps tooltip", page.gaps_note.toolTip()),
                 ("ghg", page.ghg_note.text())]
        assert untranslated(texts, project_data(project)) == []
        # the parts without data are named in Chinese (the result was made in the worker)
        named = [g for g in gaps if g.part_name_zh]
        assert named and all(g.part_name_zh in page.gaps_note.toolTip() for g in named)
        # the table by part shows the Chinese names (English names in English)
        names_zh = {n.id: n.name_zh for n, *_rest in walk(project.product.bom) if n.name_zh}
        frame = page.part_model.frame
        rows = frame[frame["part_id"].isin(names_zh)]
        assert len(rows) and all(label.strip() == names_zh[pid] for label, pid in
                                 zip(rows["label"], rows["part_id"], strict=True))
        pid = rows["part_id"].iat[0]
        with i18n.language("en"):
            assert service.result.model.part_name(pid) == project.product.find(pid).name
    finally:
        service.stop()
        document.undo_stack.cleanChanged.disconnect()


def test_the_part_details_heading_follows_the_language(chinese, qtbot):
    from ui.pages.product.part_details import PartDetailsPanel

    project = load_project(demo("electric_kettle"))
    node = next(n for n, *_rest in walk(project.product.bom) if n.name_zh)
    details = PartDetailsPanel()
    qtbot.addWidget(details)
    details.show_node(node)
    html = details.toHtml()
    assert html.index(node.name_zh) < html.index(node.name)  # the Chinese name heads it
    i18n.set_language("en")
    details.show_node(node)
    html = details.toHtml()
    assert html.index(node.name) < html.index(node.name_zh)
