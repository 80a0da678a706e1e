"""Undoable edits of the open project, as :class:`QUndoCommand` objects.

Every change the user makes to a project goes through one of these commands
on the document's undo stack, so each can be undone and redone, and the stack's
clean state tells whether the project differs from its file.

BOM commands are small and exact: a field change keeps the old and new values
of the fields it touched; a structural change is made of inserting or removing
one node at a place in the tree (a move is a removal and an insertion). They
work through a :class:`BomTarget`, which first shows the design the edit
belongs to, so undoing an edit of a variant while the baseline is shown brings
the variant back into view. Whole-product and variant changes (an imported
BOM, a new variant) keep both versions and swap them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoCommand

from greendesign.model import Assembly, Part, Product, Variant
from ui.i18n import _tr

if TYPE_CHECKING:
    from ui.document.document import ProjectDocument
    from ui.pages.product.bom_model import BomModel



class BomTarget(Protocol):
    """Where BOM commands apply their changes (the Product page's editor)."""

    def model_for(self, design: str) -> BomModel:
        """Show ``design`` and return the model showing it."""

    def after_edit(self, focus_id: str | None, edited: list[str] | None = None) -> None:
        """Tell the document the product changed (``edited``: only the fields of these
        nodes; None: the tree changed) and select ``focus_id``."""


class SetFieldsCommand(QUndoCommand):
    """Change fields of one part or assembly (already validated)."""

    def __init__(self, target: BomTarget, design: str, node_id: str, old: dict[str, Any],
                 new: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self.target, self.design = target, design
        self.old_id = node_id
        self.new_id = str(new.get("id", node_id))
        self.old, self.new = dict(old), dict(new)

    def redo(self) -> None:
        self.target.model_for(self.design).apply_fields(self.old_id, self.new)
        self.target.after_edit(self.new_id, self._edited())

    def undo(self) -> None:
        self.target.model_for(self.design).apply_fields(self.new_id, self.old)
        self.target.after_edit(self.old_id, self._edited())

    def _edited(self) -> list[str] | None:
        """The node whose fields changed; None when its id did (the tree changed)."""
        return None if self.old_id != self.new_id else [self.new_id]


class InsertNodeCommand(QUndoCommand):
    """Put a node (a new part, a copy, an assembly with its parts) into the tree."""

    def __init__(self, target: BomTarget, design: str, parent_id: str | None, row: int,
                 node: Part | Assembly, text: str, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.target, self.design = target, design
        self.parent_id, self.row, self.node = parent_id, row, node

    def redo(self) -> None:
        self.target.model_for(self.design).insert_node(self.parent_id, self.row, self.node)
        self.target.after_edit(self.node.id)

    def undo(self) -> None:
        self.target.model_for(self.design).remove_node(self.parent_id, self.row)
        self.target.after_edit(self.parent_id)


class RemoveNodeCommand(QUndoCommand):
    """Take a node (with its sub-tree) out of the tree."""

    def __init__(self, target: BomTarget, design: str, parent_id: str | None, row: int,
                 text: str, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.target, self.design = target, design
        self.parent_id, self.row = parent_id, row
        self.node: Part | Assembly | None = None

    def redo(self) -> None:
        model = self.target.model_for(self.design)
        self.node = model.remove_node(self.parent_id, self.row)
        siblings = model.siblings(self.parent_id)
        focus = siblings[min(self.row, len(siblings) - 1)].id if siblings else self.parent_id
        self.target.after_edit(focus)

    def undo(self) -> None:
        assert self.node is not None
        self.target.model_for(self.design).insert_node(self.parent_id, self.row, self.node)
        self.target.after_edit(self.node.id)


class MoveNodeCommand(QUndoCommand):
    """Move a node to another place in the tree (indent, outdent, up, down)."""

    def __init__(self, target: BomTarget, design: str, source: tuple[str | None, int],
                 destination: tuple[str | None, int], text: str) -> None:
        super().__init__(text)
        self.target, self.design = target, design
        self.source, self.destination = source, destination

    def _move(self, source: tuple[str | None, int], destination: tuple[str | None, int]) -> None:
        model = self.target.model_for(self.design)
        node = model.remove_node(*source)
        model.insert_node(destination[0], destination[1], node)
        self.target.after_edit(node.id)

    def redo(self) -> None:
        self._move(self.source, self.destination)

    def undo(self) -> None:
        self._move(self.destination, self.source)


class ReplaceProductCommand(QUndoCommand):
    """Swap a design's whole product (an imported BOM replaces the old one)."""

    def __init__(self, document: ProjectDocument, design: str, old: Product, new: Product,
                 text: str) -> None:
        super().__init__(text)
        self.document, self.design = document, design
        self.old, self.new = old, new

    def redo(self) -> None:
        self.document.put_product(self.design, self.new)

    def undo(self) -> None:
        self.document.put_product(self.design, self.old)


class SetVariantsCommand(QUndoCommand):
    """Change the project's list of variants (add, rename or delete one)."""

    def __init__(self, document: ProjectDocument, old: list[Variant], new: list[Variant],
                 show_after: str, show_before: str, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.old, self.new = list(old), list(new)
        self.show_after, self.show_before = show_after, show_before

    def redo(self) -> None:
        self.document.put_variants(self.new, self.show_after)

    def undo(self) -> None:
        self.document.put_variants(self.old, self.show_before)


def field_edit_text(node: Part | Assembly, changes: dict[str, Any]) -> str:
    """The undo menu text of a field edit: ``Edit mass of “Shell”``."""
    names = {
        "name": _tr("name"), "name_zh": _tr("Chinese name"), "id": _tr("ID"),
        "quantity": _tr("quantity"), "mass_kg": _tr("mass"), "mass_unit": _tr("mass"),
        "material": _tr("material"), "recycled_content": _tr("recycled content"),
        "scrap_rate": _tr("scrap rate"), "joint": _tr("joint"), "joint_count": _tr("joint"),
        "module": _tr("module"), "priority_part": _tr("priority"),
        "priority_kind": _tr("priority"), "mass_source": _tr("mass source"),
        "notes": _tr("notes"),
    }
    fields = list(dict.fromkeys(names.get(key, key) for key in changes))
    return _tr("Edit {fields} of \u201c{name}\u201d").format(fields=", ".join(fields),
                                                             name=node.display_name)
