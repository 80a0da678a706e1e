"""Import BOM dialog: Chinese headers, mapping, preview, problems, applying the result."""

from __future__ import annotations

import pytest

pytest.importorskip("greendesign.io.bom_import")

from PySide6.QtCore import Qt  # noqa: E402
from ui_helpers import expected_mass_kg  # noqa: E402

from ui.document.bom_import_dialog import ImportBomDialog, ImportChoice  # noqa: E402

CSV_ZH = (
    "层级,零件编号,零件名称,数量,单重(g),材质,供应商\n"
    "1,BODY,壶身组件,1,,,\n"
    "2,SHELL,壶身,1,250,steel_stainless_304,甲厂\n"
    "2,HANDLE,把手,2,80,pp,乙厂\n"
    "1,LID,壶盖,1,60,pp,乙厂\n"
)


@pytest.fixture
def zh_csv(tmp_path):
    path = tmp_path / "水壶BOM.csv"
    path.write_bytes(CSV_ZH.encode("gb18030"))  # as saved by Excel on a Chinese Windows
    return path


@pytest.fixture
def dialog(qtbot):
    dlg = ImportBomDialog(has_project=True)
    qtbot.addWidget(dlg)
    return dlg


def test_chinese_headers_are_mapped_and_previewed(dialog, zh_csv):
    assert dialog.load_file(zh_csv)
    assert "encoding: gb18030" in dialog.source_info.text()
    assert "4 rows, 7 columns" in dialog.source_info.text()
    assert dialog.mapping() == {"层级": "level", "零件编号": "id", "零件名称": "name",
                                "数量": "quantity", "单重(g)": "mass", "材质": "material"}
    assert dialog.mapping_table.rowCount() == 7
    assert dialog.mapping_table.cellWidget(6, 1).currentText() == "(ignore)"
    preview = dialog.preview_model
    assert preview.rowCount() == 4
    assert preview.data(preview.index(1, 2)) == "壶身"
    assert preview.headerData(4, Qt.Orientation.Horizontal) == "单重(g)\n\u2192 mass"
    assert preview.headerData(0, Qt.Orientation.Vertical) == "2"  # the header is row 1


def test_successful_import_offers_replace_or_new_project(dialog, zh_csv):
    dialog.load_file(zh_csv)
    assert dialog.run_import()
    assert dialog.result_stack.currentIndex() == 2
    assert dialog.ok_button.isEnabled()
    assert "Read 3 parts, 470 g in all." in dialog.success_label.text()  # 250 + 2 x 80 + 60
    assert "供应商" in dialog.success_label.text()  # the ignored column is a warning
    dialog.new_radio.setChecked(True)
    dialog.name_edit.setText("Kettle from BOM")
    dialog.life_spin.setValue(8)
    dialog.accept()
    outcome = dialog.outcome
    assert outcome.choice is ImportChoice.NEW_PROJECT
    assert outcome.product.name == "Kettle from BOM"
    assert outcome.product.service_life_years == 8
    assert expected_mass_kg(outcome.product) == pytest.approx(0.47)


def test_problems_are_listed_and_nothing_is_imported(dialog, zh_csv):
    dialog.load_file(zh_csv)
    dialog.set_column("材质", "")  # ignore the material column
    assert "材质" not in dialog.mapping()
    assert not dialog.run_import()
    assert dialog.result_stack.currentIndex() == 1
    assert not dialog.ok_button.isEnabled()
    messages = [dialog.problems_table.item(r, 2).text()
                for r in range(dialog.problems_table.rowCount())]
    assert any("required column 'material' is not mapped" in m for m in messages)
    assert "Nothing was imported." in dialog.problems_label.text()
    dialog.accept()
    assert dialog.outcome is None


def test_bad_cell_names_row_and_column(dialog, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(CSV_ZH.replace("2,80,pp", "2,八十,pp"), encoding="utf-8")
    dialog.load_file(path)
    assert not dialog.run_import()
    rows = [(dialog.problems_table.item(r, 0).text(), dialog.problems_table.item(r, 1).text())
            for r in range(dialog.problems_table.rowCount())]
    assert ("4", "单重(g)") in rows


def test_import_replaces_the_design_bom(window, kettle_file, zh_csv, monkeypatch):
    window.open_file(kettle_file)

    def scripted_exec(dlg):
        dlg.load_file(zh_csv)
        assert dlg.run_import()
        dlg.replace_radio.setChecked(True)
        dlg.accept()
        return 1

    monkeypatch.setattr(ImportBomDialog, "exec", scripted_exec)
    assert window.commands.import_bom()
    product = window.document.product
    assert [node.id for node in product.bom] == ["BODY", "LID"]
    assert window.product_page.model.rowCount() == 2
    assert window.mass_label.text() == "Mass: 0.47 kg"
    assert window.isWindowModified()
    assert window.document.path == kettle_file.resolve()
