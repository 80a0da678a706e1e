"""The Simplified Chinese interface: a complete catalogue, compiled, and loaded at start."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui.i18n import LUPDATE_ARGS

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "greendesign_zh_CN.ts"
QM = TS.with_suffix(".qm")
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name") or "", m.findtext("source"), m.find("translation"))
            for ctx in root.iter("context") for m in ctx.iter("message")]


def test_every_entry_of_the_ts_file_is_translated():
    entries = messages(TS)
    assert len(entries) > 250
    untranslated = [(c, s) for c, s, t in entries
                    if t is None or not (t.text or "").strip() or t.get("type")]
    assert untranslated == []
    for _context, source, translation in entries:  # placeholders survive translation
        for token in ("{", "}", "\n"):
            assert source.count(token) == translation.text.count(token), source
    assert QM.is_file() and QM.stat().st_mtime >= TS.stat().st_mtime - 1


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")
def test_every_string_of_the_ui_is_in_the_ts_file(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    result = subprocess.run([str(LUPDATE), *LUPDATE_ARGS, *sources, "-ts", str(copy)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    new = [(c, s) for c, s, t in messages(copy) if t is not None and t.get("type")]
    assert new == [], "strings without a Chinese translation; update the .ts file"


@pytest.fixture
def chinese(qapp):
    from PySide6.QtCore import QLocale

    from ui.app import install_translations

    before = QLocale()
    loaded = install_translations(qapp, "zh_CN")
    yield loaded
    from PySide6.QtCore import QTranslator

    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(before)


def test_main_window_speaks_chinese(chinese, qtbot, prompts, kettle_file):
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    assert "greendesign" in chinese
    window = MainWindow(settings=UiSettings(), prompts=prompts)
    qtbot.addWidget(window)
    nav = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert nav == ["产品", "生命周期", "结果", "绿色设计", "设计变体", "清单数据", "证据包"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "设计方案(&D)", "设置(&S)"]
    assert window.undo_action.text().startswith("撤销")
    assert window.open_file(kettle_file)
    assert window.mass_label.text() == "质量：0.548 kg"
    from PySide6.QtCore import Qt

    header = window.product_page.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "名称"
    window.document._set_modified(False)


def test_language_comes_from_the_setting(qapp, greendesign_home):
    from greendesign.settings import AppSettings, save_settings
    from ui.app import chosen_language

    assert chosen_language(None) is None
    save_settings(AppSettings(language="zh_CN"))
    assert chosen_language(None) == "zh_CN"
    assert chosen_language("en") == "en"
