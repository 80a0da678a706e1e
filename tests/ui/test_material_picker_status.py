"""The material picker says, for each entry, what the inventory holds for it: a full
inventory, greenhouse-gas-only data, a proxy or no data, and the data's geography; the
status words go through the interface's translation, so they are Chinese in Chinese mode.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QLineEdit

from greendesign.inventory.datasets import load_datasets
from ui.widgets.line_edits import CODE_ROLE, MaterialCompleter

#: The Chinese the catalogue gives these words (resources/translations, empty context).
CHINESE = {"inventory": "完整清单", "GHG only": "仅温室气体", "proxy": "代用数据",
           "no data": "无数据", ", ": "、"}


class _Chinese(QTranslator):
    """The interface catalogue's Chinese for the status words."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
        return CHINESE.get(source, "") if context == "" else ""

    def isEmpty(self):  # noqa: N802 - Qt's name
        return False


def labels(qtbot, text: str) -> dict[str, str]:
    """Code -> label of the picker's entries for ``text``."""
    editor = QLineEdit()
    qtbot.addWidget(editor)
    completer = MaterialCompleter(editor)
    completer.attach(editor)
    completer.refresh(text)
    model = completer.model()
    return {model.item(row).data(CODE_ROLE): model.item(row).text()
            for row in range(model.rowCount())}


def test_each_entry_shows_its_data_status_and_geography(qtbot):
    datasets = load_datasets()
    assert datasets["pa66"].proxy and datasets["pa66"].ghg_only
    assert labels(qtbot, "pa66")["pa66"].endswith(
        f"[proxy, GHG only \u00b7 {datasets['pa66'].geography}]")
    assert labels(qtbot, "brass")["brass"].endswith("[proxy \u00b7 GLO]")
    assert "titanium" not in datasets
    assert labels(qtbot, "titanium")["titanium"].endswith("[no data]")
    assert not datasets["pp"].proxy and not datasets["pp"].ghg_only
    assert labels(qtbot, "polypropylene")["pp"].endswith(
        f"[inventory \u00b7 {datasets['pp'].geography}]")
    # the name and code stay in front
    assert labels(qtbot, "brass")["brass"].startswith("Brass (brass)")


@pytest.fixture
def chinese_catalogue(qapp):
    translator = _Chinese(qapp)
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_status_is_chinese_in_chinese_mode(qtbot, chinese_catalogue):
    assert labels(qtbot, "pa66")["pa66"].endswith(
        f"[代用数据、仅温室气体 \u00b7 {load_datasets()['pa66'].geography}]")
    assert labels(qtbot, "钛合金")["titanium"].endswith("[无数据]")
    assert labels(qtbot, "304")["steel_stainless_304"].endswith("[完整清单 \u00b7 RNA]")
