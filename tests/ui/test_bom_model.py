"""The BOM tree model: rows, displayed values, validated edits, large BOMs."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from ui_helpers import expected_mass_kg, make_kettle

from greendesign.model import Assembly, Part, Product, walk
from ui.pages.product.bom_model import NODE_ROLE, BomModel, Column


def all_indexes(model, parent=None):
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from all_indexes(model, index)


@pytest.fixture
def model(qapp):
    bom = BomModel()
    QAbstractItemModelTester(bom, QAbstractItemModelTester.FailureReportingMode.Fatal)
    bom.set_product(make_kettle())
    return bom


def test_rows_follow_the_tree(model):
    assert model.rowCount() == 3
    assert len(list(all_indexes(model))) == 8  # 3 top-level + 3 in body + 2 in base
    body = model.index(0, 0)
    assert model.rowCount(body) == 3
    screw = model.index(2, 0, body)
    assert model.data(screw) == "Screw M3"
    assert model.parent(screw) == body
    assert model.data(screw, NODE_ROLE).id == "screw"


def test_displayed_values(model):
    body = model.index(0, 0)
    shell = model.index(0, 0, body)
    row = [model.data(model.index(0, c, body)) for c in range(model.columnCount())]
    assert row[:4] == ["Shell", "shell", "1", "250 g"]
    assert row[Column.RECYCLED] == "30 %"
    assert row[Column.JOINT] == "weld"
    assert model.data(model.index(1, Column.JOINT, body)) == "screw \u00d72"
    # body = 250 + 80 + 4 x 2 g
    assert model.data(model.index(0, Column.MASS)) == "338 g"
    assert model.data(model.index(0, Column.PRIORITY, model.index(1, 0))) == "PCB"
    assert model.data(shell, Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(body, Qt.ItemDataRole.ToolTipRole) == "Body assembly\n壶身组件"


def test_every_field_is_editable_except_an_assembly_sum(model):
    body = model.index(0, 0)
    editable = Qt.ItemFlag.ItemIsEditable
    for column in Column:
        assert model.flags(model.index(0, column, body)) & editable, column
    assert not model.flags(model.index(0, Column.MASS)) & editable  # assembly mass is a sum
    assert not model.flags(model.index(0, Column.MATERIAL)) & editable
    assert model.flags(model.index(0, Column.NAME)) & editable
    model.read_only = True
    assert not model.flags(model.index(0, Column.NAME)) & editable


def test_mass_edit_updates_assembly_and_product(model, qtbot):
    product = model.product
    body = model.index(0, 0)
    screw_mass = model.index(2, Column.MASS, body)
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.internalPointer().node.id,
                                                           a.column(), b.column())))
    with qtbot.waitSignal(model.edited) as edited:
        assert model.setData(screw_mass, "5 g")
    assert edited.args == ["screw"]
    screw = product.find("screw")
    assert screw.mass_kg == pytest.approx(0.005)
    assert screw.mass_unit == "g"
    assert model.data(screw_mass) == "5 g"
    assert model.data(model.index(0, Column.MASS)) == "350 g"  # 250 + 80 + 4 x 5
    assert product.mass_kg == pytest.approx(expected_mass_kg(product)) == pytest.approx(0.56)
    assert ("screw", 0, len(Column) - 1) in changed
    assert ("body", Column.MASS, Column.MASS) in changed


def test_mass_in_another_unit_and_bare_number(model):
    body = model.index(0, 0)
    shell_mass = model.index(0, Column.MASS, body)
    assert model.setData(shell_mass, "0,3 kg")
    assert model.product.find("shell").mass_kg == pytest.approx(0.3)
    assert model.data(shell_mass) == "0.3 kg"
    assert model.setData(shell_mass, "120")  # bare number: the part's current unit (kg)
    assert model.product.find("shell").mass_kg == pytest.approx(120.0)


@pytest.mark.parametrize("text, fragment", [
    ("-3 g", "greater than 0"),
    ("0", "greater than 0"),
    ("abc", "'abc' is not a mass"),
    ("5 furlongs", "unknown mass unit 'furlongs'"),
    ("", "needs a mass"),
])
def test_invalid_mass_is_refused_with_the_core_message(model, qtbot, text, fragment):
    body = model.index(0, 0)
    shell_mass = model.index(0, Column.MASS, body)
    before = model.product.mass_kg
    with qtbot.waitSignal(model.editRejected) as rejected:
        assert not model.setData(shell_mass, text)
    assert fragment in rejected.args[0]
    assert "shell" in rejected.args[0]
    assert model.product.find("shell").mass_kg == 0.25
    assert model.product.find("shell").mass_unit == "g"
    assert model.product.mass_kg == before


def test_quantity_edit_and_refusal(model, qtbot):
    base = model.index(1, 0)
    cord_qty = model.index(1, Column.QTY, base)
    assert model.setData(cord_qty, "2")
    assert model.data(model.index(1, Column.MASS)) == "270 g"  # 30 + 2 x 120
    with qtbot.waitSignal(model.editRejected) as rejected:
        assert not model.setData(cord_qty, "-1")
    assert "quantity" in rejected.args[0]
    with qtbot.waitSignal(model.editRejected) as rejected:
        assert not model.setData(cord_qty, "two")
    assert "'two' is not a number" in rejected.args[0]
    assert model.product.find("cord").quantity == 2


def big_product(assemblies: int = 50, parts_each: int = 40) -> Product:
    bom = [Assembly(id=f"a{i}", name=f"Assembly {i}", children=[
        Part(id=f"a{i}p{j}", name=f"Part {i}.{j}", mass_kg=0.001 * (j + 1), mass_unit="g",
             material="pp", quantity=1 + j % 3) for j in range(parts_each)])
        for i in range(assemblies)]
    return Product(name="Big", functional_unit="one", service_life_years=1, bom=bom)


def test_two_thousand_parts_load_and_edit_fast(qapp):
    product = big_product()
    assert sum(1 for node, *_ in walk(product.bom) if isinstance(node, Part)) == 2000
    model = BomModel()
    started = time.perf_counter()
    model.set_product(product)
    rows = sum(model.rowCount(model.index(r, 0)) for r in range(model.rowCount()))
    load = time.perf_counter() - started
    assert rows == 2000
    index = model.index(39, Column.MASS, model.index(49, 0))
    started = time.perf_counter()
    assert model.setData(index, "1 kg")
    texts = [model.data(model.index(r, Column.MASS)) for r in range(model.rowCount())]
    edit = time.perf_counter() - started
    assert texts[49] != texts[48]
    assert load < 0.5 and edit < 0.1, (load, edit)


def test_in_chinese_the_name_column_is_the_chinese_name(qapp, qtbot):
    from PySide6.QtCore import QLocale

    saved = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        bom = BomModel()
    finally:
        QLocale.setDefault(saved)
    bom.set_product(make_kettle())
    body = bom.index(0, 0)
    shell = bom.index(0, 0, body)
    assert bom.data(body) == "壶身组件"  # the Chinese name where there is one
    assert bom.data(shell) == "Shell"  # else the English one, and an empty editor
    assert bom.data(shell, Qt.ItemDataRole.EditRole) == ""
    assert bom.data(body, Qt.ItemDataRole.EditRole) == "壶身组件"
    assert bom.setData(shell, "外壳")  # typing in the column sets the Chinese name
    node = bom.data(shell, NODE_ROLE)
    assert (node.name, node.name_zh) == ("Shell", "外壳")
    assert bom.data(bom.index(0, 0, body)) == "外壳"
