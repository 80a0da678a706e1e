"""Moving BOM rows by drag and drop, and editing a part's lists in the side panel.

Drops are real drop events sent to the tree's viewport, carrying the drag data
the model makes of the selected rows (what a mouse drag hands over); the side
panel is driven through its tables, check boxes, fields and buttons.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from greendesign.io.project_file import load_project
from greendesign.model import walk

MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def opened(window, kettle_file):
    assert window.open_file(kettle_file)
    return window


def tree_shape(window):
    return [(node.id, parent.id if parent else None)
            for node, _count, _depth, parent in walk(window.document.product.bom)]


def drag_and_drop(page, ids, target_id, where="on"):
    """Select ``ids`` in the tree, take the drag data of the selection and drop it
    on (``on``), just above (``above``) or below (``below``) the row of ``target_id``."""
    tree, model = page.tree, page.model
    selection = tree.selectionModel()
    selection.clearSelection()
    for node_id in ids:
        selection.select(model.index_of(node_id),
                         selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    data = model.mimeData(tree.selectedIndexes())
    assert model.dragged_ids(data) == ids
    target = model.index_of(target_id)
    tree.scrollTo(target)
    rect = tree.visualRect(target)
    y = {"on": rect.center().y(), "above": rect.top() + 1, "below": rect.bottom() - 1}[where]
    pos = QPoint(rect.left() + 20, y)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, MOVE, data, buttons, keys)
    QApplication.sendEvent(tree.viewport(), enter)  # makes the tree the drop target
    assert enter.isAccepted()
    QApplication.sendEvent(tree.viewport(), QDragMoveEvent(pos, MOVE, data, buttons, keys))
    drop = QDropEvent(QPointF(pos), MOVE, data, buttons, keys)
    QApplication.sendEvent(tree.viewport(), drop)
    return drop


def saved_part(window, tmp_path, part_id):
    path = tmp_path / "saved.gdproj"
    assert window.commands.save_as(path)
    return load_project(path).product.find(part_id)


# --- drag and drop -------------------------------------------------------------------------

def test_dragging_a_part_onto_an_assembly_moves_it_and_undo_puts_it_back(opened, tmp_path):
    page, stack = opened.product_page, opened.document.undo_stack
    before = tree_shape(opened)
    drag_and_drop(page, ["lid"], "base")
    assert ("lid", "base") in tree_shape(opened)
    assert [c.id for c in opened.document.product.find("base").children][-1] == "lid"
    assert stack.count() == 1 and "Lid" in opened.undo_action.text()
    assert page.selected_node().id == "lid"  # the moved row stays selected, same id
    assert opened.document.product.find("lid").name == "Lid"
    assert saved_part(opened, tmp_path, "lid") is not None
    reloaded = load_project(tmp_path / "saved.gdproj").product
    assert [c.id for c in reloaded.find("base").children] == ["pcb", "cord", "lid"]

    opened.undo_action.trigger()
    assert tree_shape(opened) == before
    opened.redo_action.trigger()
    assert ("lid", "base") in tree_shape(opened)


def test_dropping_between_rows_places_the_row_there(opened):
    page = opened.product_page
    drag_and_drop(page, ["lid"], "handle", where="above")
    assert [c.id for c in opened.document.product.find("body").children] == \
        ["shell", "lid", "handle", "screw"]
    opened.undo_action.trigger()
    assert [n.id for n in opened.document.product.bom] == ["body", "base", "lid"]


def test_several_rows_move_as_one_undo_step(opened):
    page, stack = opened.product_page, opened.document.undo_stack
    drag_and_drop(page, ["shell", "screw"], "base")
    assert [c.id for c in opened.document.product.find("base").children] == \
        ["pcb", "cord", "shell", "screw"]
    assert stack.count() == 1
    selected = page.tree.selectionModel().selectedRows()
    assert {page.model.node(index).id for index in selected} == {"shell", "screw"}
    opened.undo_action.trigger()
    assert [c.id for c in opened.document.product.find("body").children] == \
        ["shell", "handle", "screw"]


def test_an_assembly_cannot_be_dropped_into_its_own_child(opened):
    page, stack = opened.product_page, opened.document.undo_stack
    drag_and_drop(page, ["base"], "body")  # base becomes a sub-assembly of body
    assert ("base", "body") in tree_shape(opened)
    assert stack.count() == 1
    shape = tree_shape(opened)
    drop = drag_and_drop(page, ["body"], "base")  # body into its own child
    assert not drop.isAccepted()
    assert tree_shape(opened) == shape and stack.count() == 1
    assert "cannot be moved into itself" in opened.statusBar().currentMessage()
    drag_and_drop(page, ["body"], "body")  # onto itself
    assert tree_shape(opened) == shape and stack.count() == 1
    # the model refuses it too, whoever asks
    data = page.model.mimeData([page.model.index_of("body")])
    assert not page.model.dropMimeData(data, MOVE, -1, 0, page.model.index_of("pcb", 0)
                                       .parent())
    assert tree_shape(opened) == shape


def test_read_only_tree_offers_no_drag(opened):
    page = opened.product_page
    page.set_read_only(True)
    assert not page.model.flags(page.model.index_of("lid")) & Qt.ItemFlag.ItemIsDragEnabled
    page.set_read_only(False)
    assert page.model.flags(page.model.index_of("lid")) & Qt.ItemFlag.ItemIsDragEnabled


# --- side panel ------------------------------------------------------------------------------

def test_process_amount_is_edited_in_its_table(opened, qtbot, tmp_path):
    page, stack = opened.product_page, opened.document.undo_stack
    page.select_node("handle")
    page.side_tabs.setCurrentWidget(page.processes)
    table = page.processes.table
    page.processes.add_button.click()
    assert table.rowCount() == 1 and stack.count() == 0  # incomplete: not applied yet
    table.item(0, 0).setText("注塑")  # the Chinese name of injection moulding
    handle = opened.document.product.find("handle")
    assert [(p.dataset, p.amount, p.unit) for p in handle.processes] == \
        [("injection_moulding", None, "kg")]
    qtbot.waitUntil(lambda: table.item(0, 2).text() == "kg")

    # type the amount into the cell like a user: open the editor, type, Enter
    table.setCurrentCell(0, 1)
    table.editItem(table.item(0, 1))
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "0.12")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: opened.document.product.find("handle").processes[0].amount
                    == pytest.approx(0.12))
    assert stack.count() == 2 and "processes" in opened.undo_action.text()

    table.item(0, 1).setText("-3")  # refused by the model: amounts are positive
    assert page.processes.error and "greater than 0" in opened.statusBar().currentMessage()
    assert opened.document.product.find("handle").processes[0].amount == pytest.approx(0.12)
    assert stack.count() == 2

    part = saved_part(opened, tmp_path, "handle")
    assert [(p.dataset, p.amount, p.unit) for p in part.processes] == \
        [("injection_moulding", pytest.approx(0.12), "kg")]
    opened.undo_action.trigger()
    assert opened.document.product.find("handle").processes[0].amount is None
    opened.undo_action.trigger()
    assert opened.document.product.find("handle").processes == []


def test_process_search_offers_catalogue_processes(opened, qtbot):
    from ui.pages.product.part_lists import ProcessCompleter

    completer = ProcessCompleter()
    completer.refresh("moulding")
    assert "injection_moulding" in completer.choices()
    assert "pp" not in completer.choices()


def test_substance_with_a_bad_cas_is_refused_and_a_good_one_applied(opened, qtbot, tmp_path):
    page, stack = opened.product_page, opened.document.undo_stack
    page.select_node("cord")
    page.side_tabs.setCurrentWidget(page.substances)
    table = page.substances.table
    row = page.substances.add_row()
    table.item(row, 0).setText("Lead")
    table.item(row, 2).setText("0.1 %")
    assert stack.count() == 1  # lead without a CAS number is a valid declaration
    qtbot.waitUntil(lambda: table.item(0, 2).text() == "0.1 %")
    table.item(0, 1).setText("7439-92-2")  # wrong check digit
    assert "not a valid CAS number" in opened.statusBar().currentMessage()
    assert page.substances.error and stack.count() == 1
    assert opened.document.product.find("cord").substances[0].cas == ""
    assert table.item(0, 1).background().color().name() == "#f8d7d3"
    table.item(0, 1).setText("7439-92-1")
    cord = opened.document.product.find("cord")
    assert [(s.name, s.cas, s.mass_fraction) for s in cord.substances] == \
        [("Lead", "7439-92-1", pytest.approx(0.001))]
    assert stack.count() == 2

    part = saved_part(opened, tmp_path, "cord")
    assert [(s.name, s.cas) for s in part.substances] == [("Lead", "7439-92-1")]
    opened.undo_action.trigger()
    assert opened.document.product.find("cord").substances[0].cas == ""
    qtbot.waitUntil(lambda: table.item(0, 1).text() == "")
    table.selectRow(0)
    page.substances.remove_button.click()
    assert opened.document.product.find("cord").substances == []


def test_transport_leg_mode_and_distance(opened, qtbot):
    page = opened.product_page
    page.select_node("shell")
    editor = page.transport
    row = editor.add_row()
    box = editor.mode_box(row)
    box.setCurrentIndex(box.findData("rail"))
    assert opened.document.product.find("shell").transport_legs == []  # no distance yet
    editor.table.item(row, 1).setText("850")
    legs = opened.document.product.find("shell").transport_legs
    assert [(leg.mode.value, leg.distance_km) for leg in legs] == [("rail", 850)]
    qtbot.waitUntil(lambda: editor.mode_box(0).currentData() == "rail")
    assert editor.mode_box(0).currentText() == "Rail"


def test_end_of_life_override_must_sum_to_100_percent(opened, qtbot, tmp_path):
    page, stack = opened.product_page, opened.document.undo_stack
    page.select_node("shell")
    page.side_tabs.setCurrentIndex(4)
    panel = page.compliance
    panel.override.setChecked(True)
    assert stack.count() == 0  # ticking alone changes nothing
    for key, text in (("reuse", "10"), ("recycling", "70 %"), ("energy_recovery", "10"),
                      ("landfill", "0")):
        panel.shares[key].setText(text)
    assert panel.shares["reuse"].error  # red while typing: the shares add up to 90 %
    panel.eol_apply.click()
    assert opened.document.product.find("shell").eol_override is None
    assert "add up to 1" in opened.statusBar().currentMessage()
    assert stack.count() == 0

    panel.shares["landfill"].setText("10 %")
    assert panel.shares["reuse"].error is None
    panel.eol_apply.click()
    mix = opened.document.product.find("shell").eol_override
    assert (mix.reuse, mix.recycling, mix.energy_recovery, mix.landfill) == \
        pytest.approx((0.1, 0.7, 0.1, 0.1))
    assert stack.count() == 1 and "end of life" in opened.undo_action.text()

    part = saved_part(opened, tmp_path, "shell")
    assert part.eol_override.recycling == pytest.approx(0.7)
    opened.undo_action.trigger()
    assert opened.document.product.find("shell").eol_override is None
    assert not panel.override.isChecked()
    opened.redo_action.trigger()
    assert panel.override.isChecked()
    panel.override.setChecked(False)  # unticking removes the override, undoably
    assert opened.document.product.find("shell").eol_override is None
    assert stack.count() == 2


def test_priority_part_and_plastic_marking(opened, tmp_path):
    page = opened.product_page
    page.select_node("handle")
    panel = page.compliance
    panel.priority.setChecked(True)
    panel.priority_kind.setText("display")
    assert panel.commit_priority()
    handle = opened.document.product.find("handle")
    assert handle.priority_part and handle.priority_kind == "display"
    panel.marking.setText("PP")  # no angle brackets
    assert panel.marking.error
    assert not panel.commit_marking()
    assert opened.document.product.find("handle").plastic_marking == ">PP<"
    panel.marking.setText(">PP-T20<")
    assert panel.commit_marking()
    part = saved_part(opened, tmp_path, "handle")
    assert (part.priority_part, part.priority_kind, part.plastic_marking) == \
        (True, "display", ">PP-T20<")


def test_assembly_shows_only_what_it_has(opened):
    page = opened.product_page
    page.select_node("body")
    assert page.processes.add_button.isEnabled()  # assemblies have processes
    assert not page.substances.add_button.isEnabled()
    assert not page.compliance.override.isEnabled()
