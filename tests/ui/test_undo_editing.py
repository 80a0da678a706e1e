"""Editing the BOM through the undo stack: fields, structure, imports, variants."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from greendesign.io.project_file import load_project, save_project
from greendesign.model import Assembly, Part, Product, Project, walk
from ui.pages.product.bom_model import Column


def bom_dump(window):
    return [node.model_dump() for node in window.document.product.bom]


def ids(window):
    return [node.id for node, *_ in walk(window.document.product.bom)]


@pytest.fixture
def opened(window, kettle_file):
    assert window.open_file(kettle_file)
    return window


def test_field_edit_is_undoable_and_the_title_follows(opened):
    window, page = opened, opened.product_page
    stack = window.document.undo_stack
    shell_mass = page.model.index(0, Column.MASS, page.model.index_of("body"))
    assert page.model.setData(shell_mass, "300 g")
    assert window.document.product.find("shell").mass_kg == pytest.approx(0.3)
    assert window.isWindowModified() and stack.count() == 1
    assert window.undo_action.isEnabled()
    assert "mass" in window.undo_action.text() and "Shell" in window.undo_action.text()

    window.undo_action.trigger()
    assert window.document.product.find("shell").mass_kg == pytest.approx(0.25)
    assert page.model.data(shell_mass) == "250 g"
    assert not window.isWindowModified()
    assert window.mass_label.text() == "Mass: 0.548 kg"
    window.redo_action.trigger()
    assert window.document.product.find("shell").mass_kg == pytest.approx(0.3)
    assert window.isWindowModified()

    assert window.commands.save()
    assert not window.isWindowModified()  # the save is the new clean state
    window.undo_action.trigger()
    assert window.isWindowModified()
    window.redo_action.trigger()
    assert not window.isWindowModified()


def test_shortcuts_of_undo_and_redo(opened):
    shortcuts = {s.toString() for s in opened.redo_action.shortcuts()}
    assert shortcuts == {"Ctrl+Shift+Z", "Ctrl+Y"}
    assert opened.undo_action.shortcut().toString() == "Ctrl+Z"
    assert [a.text().replace("&", "") for a in opened.menuBar().actions()][:2] == \
        ["File", "Edit"]


@pytest.mark.parametrize("column, text, check", [
    (Column.NAME, "Steel shell", lambda p: p.name == "Steel shell"),
    (Column.ID, "shell-2", lambda p: p.id == "shell-2"),
    (Column.QTY, "2", lambda p: p.quantity == 2),
    (Column.MATERIAL, "316不锈钢", lambda p: p.material == "steel_stainless_316"),
    (Column.MATERIAL, "Polypropylene", lambda p: p.material == "pp"),
    (Column.MATERIAL, "聚丙烯", lambda p: p.material == "pp"),
    (Column.RECYCLED, "45 %", lambda p: p.recycled_content == pytest.approx(0.45)),
    (Column.RECYCLED, "12.5", lambda p: p.recycled_content == pytest.approx(0.125)),
    (Column.JOINT, "rivet \u00d73", lambda p: p.joint == "rivet" and p.joint_count == 3),
    (Column.MODULE, "outer", lambda p: p.module == "outer"),
    (Column.PRIORITY, "display", lambda p: p.priority_part and p.priority_kind == "display"),
])
def test_each_cell_edits_its_field_and_undoes(opened, column, text, check):
    page = opened.product_page
    before = bom_dump(opened)
    index = page.model.index(0, column, page.model.index_of("body"))
    assert page.model.setData(index, text)
    shell = page.model.node(page.model.index(0, 0, page.model.index_of("body")))
    assert check(shell)
    opened.document.undo_stack.undo()
    assert bom_dump(opened) == before


@pytest.mark.parametrize("column, text, fragment", [
    (Column.NAME, "", "at least 1 character"),
    (Column.ID, "handle", "already used"),
    (Column.ID, "with space", "pattern"),
    (Column.MATERIAL, "unobtainium", "not a material of the catalogue"),
    (Column.MATERIAL, "stainless", "did you mean"),
    (Column.RECYCLED, "130 %", "less than or equal to 1"),
    (Column.RECYCLED, "lots", "is not a number"),
    (Column.JOINT, "glue", "not a joint type"),
    (Column.QTY, "0", "greater than 0"),
])
def test_invalid_cell_input_is_marked_and_never_applied(opened, column, text, fragment):
    page = opened.product_page
    before = bom_dump(opened)
    index = page.model.index(0, column, page.model.index_of("body"))
    assert page.model.field_error(index, text) is not None
    assert not page.model.setData(index, text)
    assert bom_dump(opened) == before
    assert opened.document.undo_stack.count() == 0
    assert not opened.isWindowModified()
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    tip = page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert fragment in tip and text in tip
    assert fragment in opened.statusBar().currentMessage()
    assert page.model.data(index, Qt.ItemDataRole.EditRole) == text  # kept for correcting
    valid = {Column.NAME: "Shell", Column.ID: "shell", Column.MATERIAL: "pp",
             Column.RECYCLED: "0", Column.JOINT: "weld", Column.QTY: "1"}[column]
    assert page.model.setData(index, valid)
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole) is None


def test_structure_edits_and_their_undo(opened):
    window, editor = opened, opened.product_page.editor
    page = window.product_page
    original = bom_dump(window)
    page.select_node("handle")
    new_id = editor.add_part()
    assert ids(window)[:5] == ["body", "shell", "handle", new_id, "screw"]
    assert window.document.product.find(new_id).material == "pp"  # from the selected part
    assert page.selected_node().id == new_id
    page.select_node("base")
    assembly_id = editor.add_assembly()
    top = [n.id for n in window.document.product.bom]
    assert top == ["body", "base", assembly_id, "lid"]
    page.select_node("lid")
    editor.indent()  # into the new assembly above
    assert window.document.product.find(assembly_id).children[0].id == "lid"
    editor.outdent()
    assert [n.id for n in window.document.product.bom][-1] == "lid"
    editor.move(-1)
    assert [n.id for n in window.document.product.bom] == ["body", "base", "lid", assembly_id]
    page.select_node("body")
    copies = editor.duplicate()
    assert copies == ["body-copy"]
    copy = window.document.product.find("body-copy")
    assert [c.id for c in copy.children] == ["shell-copy", "handle-copy", f"{new_id}-copy",
                                             "screw-copy"]
    page.select_node("body-copy")
    editor.delete()
    assert "body-copy" not in ids(window)
    window.document.product.check()  # the tree stays valid all along
    assert window.isWindowModified()

    stack = window.document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert bom_dump(window) == original
    assert not window.isWindowModified()
    while stack.canRedo():
        stack.redo()
    assert [n.id for n in window.document.product.bom] == ["body", "base", "lid", assembly_id]
    assert page.model.rowCount() == 4
    assert page.model.rowCount(page.model.index_of("body")) == 4


def test_refused_structure_edits_say_why(opened):
    window, editor, page = opened, opened.product_page.editor, opened.product_page
    page.select_node("body")
    editor.indent_action.trigger()  # first row: nothing above
    assert "not an assembly" in window.statusBar().currentMessage()
    editor.outdent_action.trigger()
    assert "top level" in window.statusBar().currentMessage()
    editor.move_up_action.trigger()
    assert "cannot move further" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == 0


def test_deleting_several_rows_is_one_undo_step(opened):
    from PySide6.QtCore import QItemSelectionModel

    page = opened.product_page
    selection = page.tree.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for node_id in ("shell", "lid", "body"):  # shell is inside body: deleted with it
        selection.select(page.model.index_of(node_id), flags)
    page.editor.delete()
    assert [n.id for n in opened.document.product.bom] == ["base"]
    assert opened.document.undo_stack.count() == 1
    opened.undo_action.trigger()
    assert [n.id for n in opened.document.product.bom] == ["body", "base", "lid"]


def test_side_panel_fields_edit_through_the_stack(opened):
    page = opened.product_page
    page.select_node("handle")
    form = page.fields
    form.editors["name_zh"].setText("把手")
    assert form.commit("name_zh")
    assert opened.document.product.find("handle").name_zh == "把手"
    form.editors["scrap_rate"].setText("-5 %")
    assert form.editors["scrap_rate"].error is not None
    assert not form.commit("scrap_rate")
    assert opened.document.product.find("handle").scrap_rate == 0
    assert "scrap_rate" in opened.statusBar().currentMessage()
    form.editors["mass"].setText("0,1 kg")
    assert form.commit("mass")
    assert opened.document.product.find("handle").mass_unit == "kg"
    assert opened.document.undo_stack.count() == 2
    opened.undo_action.trigger()
    assert form.editors["mass"].text() == "80 g"
    page.select_node("body")
    assert not form.editors["mass"].isVisible()  # an assembly's mass is a sum


def test_cell_editor_checks_while_typing_and_offers_materials(opened, qtbot):
    page = opened.product_page
    index = page.model.index(0, Column.MATERIAL, page.model.index_of("body"))
    page.tree.setCurrentIndex(index)
    page.tree.edit(index)
    editor = page.tree.indexWidget(index) or page.tree.focusWidget()
    assert editor is not None and hasattr(editor, "revalidate")
    editor.setText("no such material")
    assert editor.property("invalid") is True
    editor.completer().refresh("不锈钢")
    assert editor.completer().choices()[0] == "steel_stainless_304"
    editor.setText("不锈钢")
    assert editor.property("invalid") is False


def test_imported_bom_replacement_is_undoable(opened):
    window = opened
    before = window.document.product
    nodes = [Part(id="solo", name="Solo", mass_kg=1.0, material="pp")]
    window.document.replace_bom(nodes)
    assert [n.id for n in window.document.product.bom] == ["solo"]
    assert window.product_page.model.rowCount() == 1
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert window.document.product is before
    assert window.product_page.model.rowCount() == 3
    assert not window.isWindowModified()


def test_variants_are_added_and_deleted_with_undo(opened, prompts):
    window = opened
    prompts.texts = ["light"]
    assert window.new_variant()
    assert window.document.design_name == "light"
    combo = window.design_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["baseline", "light"]
    assert combo.currentData() == "light"
    page = window.product_page
    assert page.model.setData(page.model.index(2, Column.MASS), "10 g")  # the variant's lid
    assert window.document.project.product.find("lid").mass_kg == pytest.approx(0.06)
    assert not window.new_variant("light")  # the name is taken
    assert "already exists" in prompts.errors[-1][0].message

    combo.setCurrentIndex(0)  # back to the baseline; undo goes back to the variant
    window.undo_action.trigger()
    assert window.document.design_name == "light"
    assert window.document.product.find("lid").mass_kg == pytest.approx(0.06)
    assert window.delete_variant()
    assert window.document.design_name == "baseline" and combo.count() == 1
    window.undo_action.trigger()
    assert [combo.itemData(i) for i in range(combo.count())] == ["baseline", "light"]
    while window.document.undo_stack.canUndo():
        window.undo_action.trigger()
    assert window.document.project.variants == []
    assert not window.isWindowModified()


def test_a_new_project_forgets_the_undo_history(opened):
    page = opened.product_page
    page.model.setData(page.model.index(2, Column.QTY), "3")
    assert opened.commands.new()
    assert opened.document.undo_stack.count() == 0
    assert not opened.undo_action.isEnabled()


def test_large_bom_edits_and_undo_stay_fast(window, tmp_path):
    bom = [Assembly(id=f"a{i}", name=f"Assembly {i}", children=[
        Part(id=f"a{i}p{j}", name=f"Part {i}.{j}", mass_kg=0.001 * (j + 1), mass_unit="g",
             material="pp") for j in range(40)]) for i in range(25)]
    path = tmp_path / "big.gdproj"
    save_project(Project(product=Product(name="Big", functional_unit="one",
                                         service_life_years=1, bom=bom)), path)
    assert window.open_file(path)
    page = window.product_page
    index = page.model.index(39, Column.MASS, page.model.index_of("a24"))
    started = time.perf_counter()
    assert page.model.setData(index, "1 kg")
    window.undo_action.trigger()
    window.redo_action.trigger()
    page.select_node("a24p39")
    page.editor.duplicate()
    window.undo_action.trigger()
    elapsed = time.perf_counter() - started
    assert window.document.product.find("a24p39").mass_kg == 1.0
    assert elapsed < 0.5, elapsed
    assert load_project(path).product.find("a24p39").mass_kg == pytest.approx(0.04)


