"""The BOM editor's commands: edit fields, add, delete, duplicate, indent, outdent, move.

:class:`BomEditor` turns each user command into an undoable command on the
document's stack (see :mod:`ui.document.edit_commands`) after checking it can be done;
a command that cannot be done raises :class:`GreenDesignError` saying why, and
nothing changes. The :class:`QAction` objects only carry text and shortcut and
call the methods, which tests call directly.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTreeView, QWidget

from greendesign.errors import GreenDesignError, ModelValidationError
from greendesign.model import Assembly, Part
from greendesign.model.part import MAX_BOM_DEPTH, walk
from ui.document.document import ProjectDocument
from ui.document.edit_commands import (
    InsertNodeCommand,
    MoveNodeCommand,
    RemoveNodeCommand,
    SetFieldsCommand,
    field_edit_text,
)
from ui.errors import error_summary
from ui.i18n import _tr
from ui.pages.product.bom_model import BomModel

NEW_PART_MASS_KG = 0.1
"""Mass given to a new part until the user types its own (a part must have one)."""
DEFAULT_MATERIAL = "pp"
"""Material of a new part when no part is selected to take it from."""


class BomEditor(QObject):
    """Undoable editing of the shown design's BOM.

    Parameters
    ----------
    document
        The open project and its undo stack.
    model
        The BOM tree model showing the document's current design.
    tree
        The view, for the selection and to reveal changed rows.

    Signals
    -------
    statusMessage(str)
        A refusal or a hint for the status bar.
    """

    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, model: BomModel, tree: QTreeView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = model
        self.tree = tree
        model.set_edit_handler(self.set_fields)
        model.set_drop_handler(self.drop_nodes)
        self.add_part_action = self._action(
            self.tr("Add &Part"), [QKeySequence("Insert"), QKeySequence("Ctrl+Shift+P")],
            self.tr("Add a part after the selected row, or inside the selected assembly"),
            self.add_part)
        self.add_assembly_action = self._action(
            self.tr("Add &Assembly"), [QKeySequence("Ctrl+Insert"), QKeySequence("Ctrl+Shift+A")],
            self.tr("Add an empty assembly after the selected row"), self.add_assembly)
        self.delete_action = self._action(
            self.tr("&Delete"), [QKeySequence(QKeySequence.StandardKey.Delete)],
            self.tr("Delete the selected rows (an assembly with its parts)"), self.delete)
        self.duplicate_action = self._action(
            self.tr("D&uplicate"), [QKeySequence("Ctrl+D")],
            self.tr("Copy the selected row below itself, with new ids"), self.duplicate)
        self.indent_action = self._action(
            self.tr("&Indent"), [QKeySequence("Alt+Shift+Right"), QKeySequence("Ctrl+]")],
            self.tr("Move the row into the assembly above it"), self.indent)
        self.outdent_action = self._action(
            self.tr("&Outdent"), [QKeySequence("Alt+Shift+Left"), QKeySequence("Ctrl+[")],
            self.tr("Move the row out of its assembly, below it"), self.outdent)
        self.move_up_action = self._action(
            self.tr("Move &Up"), [QKeySequence("Alt+Shift+Up")],
            self.tr("Move the row above the one before it"), lambda: self.move(-1))
        self.move_down_action = self._action(
            self.tr("Move Do&wn"), [QKeySequence("Alt+Shift+Down")],
            self.tr("Move the row below the one after it"), lambda: self.move(1))

    @property
    def actions(self) -> list[QAction]:
        """The editing actions, in menu order."""
        return [self.add_part_action, self.add_assembly_action, self.duplicate_action,
                self.delete_action, self.indent_action, self.outdent_action,
                self.move_up_action, self.move_down_action]

    def _action(self, text: str, shortcuts: list[QKeySequence], tip: str, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(shortcuts)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setStatusTip(tip)
        keys = shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})")
        action.triggered.connect(lambda _checked=False: self._run(slot))
        self.tree.addAction(action)
        return action

    def _run(self, slot) -> None:
        try:
            slot()
        except GreenDesignError as exc:
            self.statusMessage.emit(error_summary(exc))

    def set_enabled(self, enabled: bool) -> None:
        """Enable or disable every editing action (no project, read-only window)."""
        for action in self.actions:
            action.setEnabled(enabled)

    # --- BomTarget -----------------------------------------------------------------------
    def model_for(self, design: str) -> BomModel:
        """Show ``design`` (the page reloads the model) and return the model."""
        self.document.set_design(design)
        return self.model

    def after_edit(self, focus_id: str | None, edited: list[str] | None = None) -> None:
        """Refresh what depends on the product and select the changed row (``edited``:
        the nodes whose fields alone changed; None: the tree changed)."""
        self.document.product_edited(edited)
        if focus_id is not None:
            index = self.model.index_of(focus_id)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)

    # --- commands ----------------------------------------------------------------------
    def _check_editable(self) -> None:
        if self.document.read_only:
            raise GreenDesignError(self.tr("This window is read-only: another GreenDesign "
                                           "window is editing projects."))
        if self.document.product is None:
            raise GreenDesignError(self.tr("Open or create a project first."))

    def _push(self, command) -> None:
        self.document.undo_stack.push(command)

    def set_fields(self, node_id: str, changes: dict[str, Any]) -> None:
        """Change validated fields of a node (cell editors and the side panel call this)."""
        self._check_editable()
        node = self.model.find(node_id)
        old = {key: getattr(node, key) for key in changes}
        self._push(SetFieldsCommand(self, self.document.design_name, node_id, old, changes,
                                    _edit_text(node, changes)))

    def selected_ids(self) -> list[str]:
        """Ids of the selected rows in tree order, without rows inside a selected assembly."""
        rows = self.tree.selectionModel().selectedRows() if self.tree.selectionModel() else []
        if not rows and self.tree.currentIndex().isValid():
            rows = [self.tree.currentIndex()]
        chosen = {self.model.node(index).id for index in rows}
        ordered = [node.id for node, *_ in walk(self.model.product.bom) if node.id in chosen]
        return [i for i in ordered if not any(a in chosen for a in self._ancestors(i))]

    def _ancestors(self, node_id: str) -> list[str]:
        found, current = [], self.model.parent_id(node_id)
        while current is not None:
            found.append(current)
            current = self.model.parent_id(current)
        return found

    def _current_id(self) -> str | None:
        ids = self.selected_ids()
        return ids[0] if ids else None

    def _insert_place(self, into_assembly: bool) -> tuple[str | None, int]:
        current = self._current_id()
        if current is None:
            return None, len(self.model.product.bom)
        node = self.model.find(current)
        if into_assembly and isinstance(node, Assembly):
            return current, len(node.children)
        return self.model.parent_id(current), self.model.row_of(current) + 1

    def add_part(self) -> str:
        """Add a new part after the selected row (inside a selected assembly); returns its id."""
        self._check_editable()
        current = self._current_id()
        template = self.model.find(current) if current else None
        material = template.material if isinstance(template, Part) else DEFAULT_MATERIAL
        unit = template.mass_unit if isinstance(template, Part) else "g"
        part = Part(id=self._numbered("P"),
                    name=self.tr("New part"), mass_kg=NEW_PART_MASS_KG, mass_unit=unit,
                    material=material)
        parent_id, row = self._insert_place(into_assembly=True)
        self._check_depth(parent_id, part)
        self._push(InsertNodeCommand(self, self.document.design_name, parent_id, row, part,
                                     self.tr("Add part")))
        self.statusMessage.emit(self.tr("Added a part: type its name, mass and material."))
        return part.id

    def add_assembly(self) -> str:
        """Add an empty assembly after the selected row; returns its id."""
        self._check_editable()
        assembly = Assembly(id=self._numbered("A"), name=self.tr("New assembly"))
        parent_id, row = self._insert_place(into_assembly=False)
        self._check_depth(parent_id, assembly)
        self._push(InsertNodeCommand(self, self.document.design_name, parent_id, row, assembly,
                                     self.tr("Add assembly")))
        return assembly.id

    def _numbered(self, prefix: str) -> str:
        for n in itertools.count(1):
            candidate = f"{prefix}{n:03d}"
            if not self.model.has_id(candidate):
                return candidate
        raise AssertionError("unreachable")

    def delete(self) -> None:
        """Delete the selected rows (an assembly with everything in it), as one undo step."""
        self._check_editable()
        ids = self.selected_ids()
        if not ids:
            raise GreenDesignError(self.tr("Select the rows to delete first."))
        self._check_not_replaced(ids)
        design = self.document.design_name
        stack = self.document.undo_stack
        names = ", ".join(self.model.find(i).name for i in ids[:3])
        stack.beginMacro(self.tr("Delete \u201c{names}\u201d").format(names=names)
                         if len(ids) <= 3 else self.tr("Delete {count} rows").format(
                             count=len(ids)))
        for node_id in reversed(ids):  # later rows first: earlier rows keep their places
            stack.push(RemoveNodeCommand(self, design, self.model.parent_id(node_id),
                                         self.model.row_of(node_id), ""))
        stack.endMacro()

    def _check_not_replaced(self, ids: list[str]) -> None:
        product = self.model.product
        replaced = {r.part_id for r in product.scenario.use.replacements}
        for node_id in ids:
            inside = {n.id for n, *_ in walk([self.model.find(node_id)])}
            hit = sorted(inside & replaced)
            if hit:
                raise ModelValidationError(
                    self.tr("{ids} cannot be deleted: the use phase replaces it.").format(
                        ids=", ".join(hit)),
                    hint=self.tr("Remove the replacement from the lifecycle scenario first."))

    def duplicate(self) -> list[str]:
        """Copy each selected row (with its sub-tree) below itself with new ids."""
        self._check_editable()
        ids = self.selected_ids()
        if not ids:
            raise GreenDesignError(self.tr("Select the rows to duplicate first."))
        design = self.document.design_name
        stack = self.document.undo_stack
        stack.beginMacro(self.tr("Duplicate {count} row(s)").format(count=len(ids)))
        copies = []
        for node_id in reversed(ids):
            copy = self._renamed_copy(self.model.find(node_id))
            stack.push(InsertNodeCommand(self, design, self.model.parent_id(node_id),
                                         self.model.row_of(node_id) + 1, copy, ""))
            copies.append(copy.id)
        stack.endMacro()
        return copies[::-1]

    def _renamed_copy(self, node: Part | Assembly) -> Part | Assembly:
        copy = node.model_copy(deep=True)
        taken = {n.id for n, *_ in walk(self.model.product.bom)}
        for inner, *_ in walk([copy]):
            stem = f"{inner.id}-copy"[:60]
            new_id, n = stem, 2
            while new_id in taken:
                new_id, n = f"{stem}{n}", n + 1
            taken.add(new_id)
            inner.id = new_id
        return copy

    def indent(self) -> None:
        """Move the selected row into the assembly just above it (as its last child)."""
        self._check_editable()
        node_id = self._require_one()
        parent_id, row = self.model.parent_id(node_id), self.model.row_of(node_id)
        siblings = self.model.siblings(parent_id)
        if row == 0 or not isinstance(siblings[row - 1], Assembly):
            raise GreenDesignError(self.tr("Indent moves a row into the assembly just above it; "
                                           "the row above is not an assembly."),
                                   hint=self.tr("Add an assembly above it first (Ctrl+Insert)."))
        target = siblings[row - 1]
        self._check_depth(target.id, siblings[row])
        self._push(MoveNodeCommand(self, self.document.design_name, (parent_id, row),
                                   (target.id, len(target.children)), self.tr("Indent")))

    def outdent(self) -> None:
        """Move the selected row out of its assembly, just below that assembly."""
        self._check_editable()
        node_id = self._require_one()
        parent_id = self.model.parent_id(node_id)
        if parent_id is None:
            raise GreenDesignError(self.tr("The row is already at the top level."))
        destination = (self.model.parent_id(parent_id), self.model.row_of(parent_id) + 1)
        self._push(MoveNodeCommand(self, self.document.design_name,
                                   (parent_id, self.model.row_of(node_id)), destination,
                                   self.tr("Outdent")))

    def move(self, step: int) -> None:
        """Move the selected row up (``-1``) or down (``1``) among its siblings."""
        self._check_editable()
        node_id = self._require_one()
        parent_id, row = self.model.parent_id(node_id), self.model.row_of(node_id)
        target = row + step
        if not 0 <= target < len(self.model.siblings(parent_id)):
            raise GreenDesignError(self.tr("The row cannot move further."))
        self._push(MoveNodeCommand(self, self.document.design_name, (parent_id, row),
                                   (parent_id, target),
                                   self.tr("Move up") if step < 0 else self.tr("Move down")))

    # --- drag and drop -------------------------------------------------------------------
    def drop_refusal(self, ids: list[str], parent_id: str | None) -> str | None:
        """Why moving ``ids`` into ``parent_id`` is refused (an assembly into itself), or None."""
        if parent_id is None or not self.model.has_id(parent_id):
            return None
        inside = {parent_id, *self._ancestors(parent_id)}
        for node_id in ids:
            if node_id in inside:
                node = self.model.find(node_id)
                return self.tr("\u201c{name}\u201d cannot be moved into itself or into one of "
                               "its own sub-assemblies.").format(name=node.display_name)
        return None

    def drop_nodes(self, ids: list[str], parent_id: str | None, row: int) -> bool:
        """Move dropped rows (the model's drop handler); a refusal goes to the status bar."""
        try:
            return self.move_nodes(ids, parent_id, row)
        except GreenDesignError as exc:
            self.statusMessage.emit(error_summary(exc))
            return False

    def move_nodes(self, ids: list[str], parent_id: str | None, row: int = -1) -> bool:
        """Move nodes into ``parent_id`` (an assembly, None for the top level) before
        ``row`` of its current children (-1: at the end), as one undo step.

        Ids and sub-trees are kept; the moved rows are selected afterwards. Returns
        False when nothing moved (dropped where they already are).
        """
        self._check_editable()
        known = [i for i in ids if self.model.has_id(i)]
        chosen = set(known)
        ordered = [n.id for n, *_ in walk(self.model.product.bom) if n.id in chosen]
        ordered = [i for i in ordered if not any(a in chosen for a in self._ancestors(i))]
        if not ordered:
            return False
        reason = self.drop_refusal(ordered, parent_id)
        if reason:
            raise GreenDesignError(reason)
        if parent_id is not None and not isinstance(self.model.find(parent_id),
                                                    Assembly):
            raise GreenDesignError(self.tr("Rows can only be dropped onto an assembly or "
                                           "between rows."))
        for node_id in ordered:
            self._check_depth(parent_id, self.model.find(node_id))
        moves = []
        design = self.document.design_name
        names = ", ".join(self.model.find(i).name for i in ordered[:3])
        text = self.tr("Move \u201c{names}\u201d").format(names=names) if len(ordered) <= 3 \
            else self.tr("Move {count} rows").format(count=len(ordered))
        stack = self.document.undo_stack
        for node_id in ordered:
            source = (self.model.parent_id(node_id), self.model.row_of(node_id))
            count = len(self.model.siblings(parent_id))
            if row < 0 or row > count:
                target_row = count - (1 if source[0] == parent_id else 0)
            else:
                target_row = row - (1 if source[0] == parent_id and source[1] < row else 0)
            if (parent_id, target_row) == source:
                row = -1 if row < 0 else target_row + 1
                continue
            if not moves and len(ordered) > 1:
                stack.beginMacro(text)
            command = MoveNodeCommand(self, design, source, (parent_id, target_row), text)
            moves.append(command)
            stack.push(command)
            row = -1 if row < 0 else self.model.row_of(node_id) + 1
        if moves and len(ordered) > 1:
            stack.endMacro()
        if not moves:
            return False
        self._select(ordered)
        return True

    def _select(self, ids: list[str]) -> None:
        selection = self.tree.selectionModel()
        if selection is None:
            return
        flags = (selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        selection.clearSelection()
        for node_id in ids:
            index = self.model.index_of(node_id)
            if index.isValid():
                selection.select(index, flags)
        first = self.model.index_of(ids[0])
        if first.isValid():
            selection.setCurrentIndex(first, selection.SelectionFlag.NoUpdate)
            self.tree.scrollTo(first)

    def _require_one(self) -> str:
        node_id = self._current_id()
        if node_id is None:
            raise GreenDesignError(self.tr("Select a row first."))
        return node_id

    def _check_depth(self, parent_id: str | None, node: Part | Assembly) -> None:
        below = max(depth for _n, _c, depth, _p in walk([node]))
        depth = 0 if parent_id is None else self.model.depth_of(parent_id) + 1
        if depth + below + 1 > MAX_BOM_DEPTH:
            raise GreenDesignError(self.tr("A BOM may have at most {levels} levels.").format(
                levels=MAX_BOM_DEPTH))



def _edit_text(node: Part | Assembly, changes: dict[str, Any]) -> str:
    """The undo text of a field edit, naming the side panel's list fields too."""
    names = {"processes": _tr("processes"), "substances": _tr("substances"),
             "transport_legs": _tr("transport"), "eol_override": _tr("end of life"),
             "plastic_marking": _tr("plastic marking")}
    if not all(key in names for key in changes):
        return field_edit_text(node, changes)
    fields = list(dict.fromkeys(names[key] for key in changes))
    return _tr("Edit {fields} of \u201c{name}\u201d").format(fields=", ".join(fields),
                                                             name=node.display_name)
