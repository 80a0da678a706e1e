"""A Qt item model over a product's bill of materials tree.

One row per part or assembly; the model holds a light index of the tree
(parent and row of every node, and the node of every id) and reads values from
the product model on demand, so a BOM of thousands of parts costs nothing per
cell until a cell is shown.

Every field shown can be edited in its cell (an assembly's mass is the sum of
its parts and is not). :meth:`BomModel.setData` reads the typed text with
:mod:`ui.pages.product.bom_cells`, which checks it against the core model; a refused value
leaves the product unchanged, marks the cell (red, with the reason as its
tooltip) and is reported through :attr:`BomModel.editRejected`. An accepted
value is handed to the edit handler: the Product page makes it an undoable
command; without one the model applies it at once. The structural methods
(:meth:`insert_node`, :meth:`remove_node`) and :meth:`apply_fields` are what
the undo commands call, so the view stays in step with every change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QLocale,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from greendesign.errors import GreenDesignError
from greendesign.io.bom_table import paused_gc
from greendesign.model import Assembly, Part, Product
from ui.errors import error_summary
from ui.pages.product import bom_cells
from ui.pages.product.part_details import supplier_data_text
from ui.services.material_names import dataset_label, dataset_name
from ui.widgets.formatting import (
    format_mass,
    format_mass_for_edit,
    format_percent,
    format_quantity,
)

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
"""Data role returning the :class:`Part` or :class:`Assembly` of a row."""

AnyIndex = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()  # the invalid index: "top level"


class Column(IntEnum):
    """The columns of the BOM tree, in display order."""

    NAME = 0
    ID = 1
    QTY = 2
    MASS = 3
    MATERIAL = 4
    RECYCLED = 5
    JOINT = 6
    MODULE = 7
    PRIORITY = 8


_NUMERIC = {Column.QTY, Column.MASS, Column.RECYCLED}
_COLUMNS = tuple(Column)
_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.DecorationRole)) | {NODE_ROLE}
"""The roles :meth:`BomModel.data` answers."""

COLUMN_FIELDS = {
    Column.NAME: bom_cells.NAME, Column.ID: bom_cells.ID, Column.QTY: bom_cells.QUANTITY,
    Column.MASS: bom_cells.MASS, Column.MATERIAL: bom_cells.MATERIAL,
    Column.RECYCLED: bom_cells.RECYCLED, Column.JOINT: bom_cells.JOINT,
    Column.MODULE: bom_cells.MODULE, Column.PRIORITY: bom_cells.PRIORITY,
}
"""The field of :mod:`ui.pages.product.bom_cells` each column edits."""

REJECTED_BACKGROUND = QColor("#f8d7d3")
SUPPLIER_DATA_COLOUR = QColor("#2e6b3a")
"""The mark of a material cell whose part carries supplier data (its tooltip says which)."""

EditHandler = Callable[[str, dict[str, Any]], None]
"""Receives ``(node id, validated changes)`` of an accepted cell edit."""

DropHandler = Callable[[list[str], str | None, int], bool]
"""Receives ``(dragged node ids, target assembly id or None, row or -1)`` of a drop;
returns whether the nodes were moved."""

NODE_IDS_MIME = "application/x-greendesign-bom-ids"
"""MIME type of dragged BOM rows: a JSON list of node ids."""


class _Item:
    """Where a node sits in the tree: its parent item and its row under it."""

    __slots__ = ("node", "parent", "row", "children")

    def __init__(self, node: Part | Assembly | None, parent: _Item | None, row: int) -> None:
        self.node = node
        self.parent = parent
        self.row = row
        self.children: list[_Item] = []


class BomModel(QAbstractItemModel):
    """Tree model of a :class:`Product`'s BOM.

    Signals
    -------
    edited(str)
        A value or the structure changed; carries the id of the node concerned.
    editRejected(str)
        An edit was refused; carries the reason (the core's error message).
    """

    edited = Signal(str)
    editRejected = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._product: Product | None = None
        self._root = _Item(None, None, 0)
        self._by_id: dict[str, _Item] = {}
        self._rejected: dict[tuple[str, int], tuple[str, str]] = {}
        self._edit_handler: EditHandler | None = None
        self._drop_handler: DropHandler | None = None
        self._read_only = False
        self._flag_table: dict[bool, tuple[Qt.ItemFlag, ...]] | None = None
        self._language = "zh" if QLocale().language() == QLocale.Language.Chinese else "en"
        # in Chinese the Name column shows and edits the Chinese name (the English one is in
        # the part's fields and the tooltip)
        self._fields = dict(COLUMN_FIELDS)
        if self._language == "zh":
            self._fields[Column.NAME] = bom_cells.NAME_ZH
        self._bold = QFont()
        self._bold.setBold(True)
        self._rejected_brush = QBrush(REJECTED_BACKGROUND)
        self._headers = [
            self.tr("Name"), self.tr("ID"), self.tr("Qty"), self.tr("Mass"),
            self.tr("Material"), self.tr("Recycled"), self.tr("Joint"), self.tr("Module"),
            self.tr("Priority"),
        ]
        self._header_tips = {
            Column.QTY: self.tr("Units per unit of the parent assembly"),
            Column.MASS: self.tr("Mass of one unit; an assembly shows the sum of its parts"),
            Column.MATERIAL: self.tr("Type part of a material name in English or Chinese"),
            Column.RECYCLED: self.tr("Recycled content of the material, in percent"),
            Column.JOINT: self.tr("How the part is joined to its parent (and how many joints)"),
            Column.PRIORITY: self.tr("Priority part for repair or depollution (battery, "
                                     "display, PCB ...)"),
        }

    # --- the product -------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        """Whether the cells and the structure can be changed (False: a viewer window)."""
        return self._read_only

    @read_only.setter
    def read_only(self, value: bool) -> None:
        self._read_only = bool(value)
        self._flag_table = None

    @property
    def product(self) -> Product | None:
        """The product whose BOM is shown."""
        return self._product

    def set_product(self, product: Product | None) -> None:
        """Show another product (or the same one after its BOM was replaced)."""
        self.beginResetModel()
        self._product = product
        self._root = _Item(None, None, 0)
        self._by_id = {}
        self._rejected = {}
        if product is not None:
            with paused_gc():  # one small object per row, none of them garbage
                self._build(self._root, product.bom)
        self.endResetModel()

    def set_edit_handler(self, handler: EditHandler | None) -> None:
        """Send accepted cell edits to ``handler`` (an undo stack) instead of applying them."""
        self._edit_handler = handler

    def set_drop_handler(self, handler: DropHandler | None) -> None:
        """Send dropped rows to ``handler`` (the editor moves them as one undo step)."""
        self._drop_handler = handler
        self._flag_table = None

    def _build(self, item: _Item, nodes: list[Part | Assembly]) -> None:
        stack = [(item, nodes)]
        while stack:
            parent, children = stack.pop()
            for row, node in enumerate(children):
                child = _Item(node, parent, row)
                parent.children.append(child)
                self._by_id[node.id] = child
                if isinstance(node, Assembly) and node.children:
                    stack.append((child, node.children))

    def node(self, index: AnyIndex) -> Part | Assembly | None:
        """The part or assembly of a row, or None for the invisible root."""
        item = self._item(index)
        return item.node if item is not self._root else None

    def find(self, node_id: str) -> Part | Assembly:
        """The part or assembly with this id (``KeyError`` if the product has none)."""
        return self._by_id[node_id].node

    def index_of(self, node_id: str, column: int = 0) -> QModelIndex:
        """The index of the node with this id (invalid if absent)."""
        item = self._by_id.get(node_id)
        if item is None:
            return QModelIndex()
        return self.createIndex(item.row, column, item)

    def has_id(self, node_id: str) -> bool:
        """Whether a part or assembly of the shown product uses this id."""
        return node_id in self._by_id

    def parent_id(self, node_id: str) -> str | None:
        """The id of the assembly holding ``node_id`` (None at the top level)."""
        parent = self._by_id[node_id].parent
        return None if parent is None or parent is self._root else parent.node.id

    def row_of(self, node_id: str) -> int:
        """The row of ``node_id`` under its parent."""
        return self._by_id[node_id].row

    def siblings(self, parent_id: str | None) -> list[Part | Assembly]:
        """The children list of an assembly (the top-level BOM for None); the live list."""
        if parent_id is None:
            return self._product.bom
        node = self._by_id[parent_id].node
        if not isinstance(node, Assembly):
            raise KeyError(f"{parent_id!r} is a part, not an assembly")
        return node.children

    def depth_of(self, node_id: str) -> int:
        """0 for a top-level row, 1 below it and so on."""
        depth, item = 0, self._by_id[node_id].parent
        while item is not None and item is not self._root:
            depth, item = depth + 1, item.parent
        return depth

    def _item(self, index: AnyIndex) -> _Item:
        if index.isValid():
            return index.internalPointer()
        return self._root

    def _parent_item(self, parent_id: str | None) -> _Item:
        return self._root if parent_id is None else self._by_id[parent_id]

    def _index_of_item(self, item: _Item, column: int = 0) -> QModelIndex:
        if item is self._root:
            return QModelIndex()
        return self.createIndex(item.row, column, item)

    # --- structure ---------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = _NO_PARENT) -> QModelIndex:
        item = self._item(parent)
        if 0 <= row < len(item.children) and 0 <= column < len(Column):
            return self.createIndex(row, column, item.children[row])
        return QModelIndex()

    def parent(self, index: AnyIndex = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        item: _Item = index.internalPointer()
        parent = item.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._item(parent).children)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return len(Column)

    def hasChildren(self, parent: AnyIndex = _NO_PARENT) -> bool:
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips.get(Column(section))
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- values ------------------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the view asks each shown cell for a dozen roles; most of them are not answered
        if role not in _ROLES or not index.isValid():
            return None
        node = index.internalPointer().node
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, column)
        if role == Qt.ItemDataRole.EditRole:
            rejected = self._rejected.get((node.id, column))
            return rejected[0] if rejected else self._edit_text(node, column)
        if role == NODE_ROLE:
            return node
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and isinstance(node, Assembly) \
                and column == Column.NAME:
            return self._bold
        if self._rejected and role in (Qt.ItemDataRole.BackgroundRole,
                                       Qt.ItemDataRole.ToolTipRole):
            rejected = self._rejected.get((node.id, column))
            if rejected:
                if role == Qt.ItemDataRole.BackgroundRole:
                    return self._rejected_brush
                return self.tr("Not accepted: {text}\n{reason}").format(
                    text=rejected[0], reason=rejected[1])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.DecorationRole and column == Column.MATERIAL \
                and self.declared_value(node) is not None:
            return SUPPLIER_DATA_COLOUR
        return None

    def declared_value(self, node: Part | Assembly):
        """The supplier data that apply to a part (its own, else its material's), or None."""
        if not isinstance(node, Part):
            return None
        if node.declared is not None:
            return node.declared
        return self._product.supplier_data.get(node.material) if self._product else None

    def _edit_text(self, node: Part | Assembly, column: Column) -> str:
        part = node if isinstance(node, Part) else None
        if column == Column.QTY:
            return f"{node.quantity:.10g}"
        if column == Column.MASS and part is not None:
            return format_mass_for_edit(part.mass_kg, part.mass_unit)
        if column == Column.MATERIAL and part is not None:
            return part.material
        if column == Column.RECYCLED and part is not None:
            return f"{part.recycled_content * 100:.10g} %"
        if column == Column.JOINT:
            count = f" \u00d7{node.joint_count}" if node.joint_count > 1 else ""
            return f"{node.joint.value}{count}"
        if column == Column.NAME and self._language == "zh":
            return node.name_zh
        return self._display(node, column)

    def _display(self, node: Part | Assembly, column: Column) -> str:
        part = node if isinstance(node, Part) else None
        if column == Column.NAME:
            return node.name_zh or node.name if self._language == "zh" else node.name
        if column == Column.ID:
            return node.id
        if column == Column.QTY:
            return format_quantity(node.quantity)
        if column == Column.MASS:
            return format_mass(node.mass_kg, part.mass_unit if part else None)
        if column == Column.JOINT:
            if node.joint.value == "none":
                return ""
            count = f" \u00d7{node.joint_count}" if node.joint_count > 1 else ""
            return f"{node.joint.value}{count}"
        if column == Column.MODULE:
            return node.module
        if part is None:
            return ""
        if column == Column.MATERIAL:
            return dataset_label(part.material, self._language)
        if column == Column.RECYCLED:
            return format_percent(part.recycled_content) if part.recycled_content else ""
        if column == Column.PRIORITY:
            if not part.priority_part:
                return ""
            return part.priority_kind or self.tr("yes")
        return ""

    def _tooltip(self, node: Part | Assembly, column: Column) -> str | None:
        if column == Column.NAME and node.name_zh:
            return f"{node.name}\n{node.name_zh}"
        if column == Column.MASS and isinstance(node, Assembly):
            return self.tr("Sum of {count} child rows, quantities applied").format(
                count=len(node.children))
        if column == Column.MATERIAL and isinstance(node, Part):
            name_zh = dataset_name(node.material, "zh")
            label = dataset_label(node.material)
            text = f"{label}\n{name_zh}" if name_zh and name_zh not in label else label
            declared = self.declared_value(node)
            if declared is not None:
                text += "\n" + self.tr("Supplier data: {value}").format(
                    value=supplier_data_text(declared))
            return text
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():  # the empty area below the rows: drop at the top level
            return Qt.ItemFlag.ItemIsDropEnabled if self._can_move() else Qt.ItemFlag.NoItemFlags
        # the tree asks for the flags of every row it lays out: looked up, not worked out
        table = self._flag_table or self._make_flag_table()
        return table[isinstance(index.internalPointer().node, Assembly)][index.column()]

    def _make_flag_table(self) -> dict[bool, tuple[Qt.ItemFlag, ...]]:
        """The flags of each column of a part row (False) and of an assembly row (True)."""
        table = {}
        for is_assembly in (False, True):
            row = []
            for column in Column:
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if not is_assembly:  # lets the tree skip asking a part for its children
                    flags |= Qt.ItemFlag.ItemNeverHasChildren
                if not self.read_only and bom_cells.kind_has_field(not is_assembly,
                                                                   self._fields[column]):
                    flags |= Qt.ItemFlag.ItemIsEditable
                if self._can_move():
                    flags |= Qt.ItemFlag.ItemIsDragEnabled
                    if is_assembly:
                        flags |= Qt.ItemFlag.ItemIsDropEnabled
                row.append(flags)
            table[is_assembly] = tuple(row)
        self._flag_table = table
        return table

    # --- drag and drop -------------------------------------------------------------------
    def _can_move(self) -> bool:
        return not self.read_only and self._drop_handler is not None

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt override)
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt override)
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt override)
        return [NODE_IDS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt override)
        """The ids of the dragged rows (each row once, in the order given)."""
        ids = list(dict.fromkeys(self._item(i).node.id for i in indexes if i.isValid()))
        data = QMimeData()
        data.setData(NODE_IDS_MIME, QByteArray(json.dumps(ids).encode("utf-8")))
        data.setText("\n".join(ids))
        return data

    @staticmethod
    def dragged_ids(data: QMimeData | None) -> list[str]:
        """The node ids carried by drag data (empty when it carries none)."""
        if data is None or not data.hasFormat(NODE_IDS_MIME):
            return []
        try:
            ids = json.loads(bytes(data.data(NODE_IDS_MIME).data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return []
        return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                        column: int, parent: AnyIndex) -> bool:
        if not self._can_move() or action != Qt.DropAction.MoveAction:
            return False
        ids = [i for i in self.dragged_ids(data) if i in self._by_id]
        target = self._item(parent).node if parent.isValid() else None
        return bool(ids) and (target is None or isinstance(target, Assembly))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                     column: int, parent: AnyIndex) -> bool:
        """Move the dragged rows into ``parent`` (an assembly, or the top level) at ``row``
        (-1: at the end) through the drop handler; the view never removes rows itself."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = [i for i in self.dragged_ids(data) if i in self._by_id]
        target = self._item(parent).node.id if parent.isValid() else None
        return bool(self._drop_handler(ids, target, row))

    # --- editing -----------------------------------------------------------------------
    def field_error(self, index: AnyIndex, text: Any) -> str | None:
        """Why ``text`` would be refused in this cell, or None (the editors check as you type)."""
        node = self._item(index).node if index.isValid() else None
        if node is None:
            return None
        return bom_cells.cell_error(node, self._fields[index.column()], text,
                                    self._id_taken(node))

    def _id_taken(self, node: Part | Assembly) -> Callable[[str], bool]:
        return lambda new_id: new_id != node.id and new_id in self._by_id

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Set a field from user text, validated by the core model.

        The mass accepts ``"250 g"``, ``"1,2 kg"`` or a bare number in the part's
        current unit; the material a code or an English or Chinese name; the
        recycled content a percentage. A refused value emits
        :attr:`editRejected` with the reason, marks the cell and returns False;
        the product is unchanged.
        """
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        item = self._item(index)
        node = item.node
        column = index.column()
        key = (node.id, column)
        try:
            changes = bom_cells.parse_field(node, self._fields[column], value,
                                            self._id_taken(node))
        except GreenDesignError as exc:
            reason = error_summary(exc)
            self._rejected[key] = (str(value), reason)
            self._emit_row(item)
            self.editRejected.emit(reason)
            return False
        if self._rejected.pop(key, None) is not None:
            self._emit_row(item)
        if changes:
            if self._edit_handler is not None:
                self._edit_handler(node.id, changes)
            else:
                self.apply_fields(node.id, changes)
        return True

    def apply_fields(self, node_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Set already validated fields of a node and update the view.

        Returns the previous values of the fields (what undoing needs).
        """
        item = self._by_id[node_id]
        node = item.node
        old = {key: getattr(node, key) for key in changes}
        for key, value in changes.items():  # each assignment validated by the model
            setattr(node, key, value)
        if node.id != node_id:
            del self._by_id[node_id]
            self._by_id[node.id] = item
            self._rejected = {k: v for k, v in self._rejected.items() if k[0] != node_id}
        self._emit_row(item)
        self._emit_ancestor_masses(item)
        self.edited.emit(node.id)
        return old

    def insert_node(self, parent_id: str | None, row: int, node: Part | Assembly) -> None:
        """Insert ``node`` (a part or a whole assembly) at ``row`` under ``parent_id``."""
        parent = self._parent_item(parent_id)
        siblings = self.siblings(parent_id)
        row = max(0, min(row, len(siblings)))
        self.beginInsertRows(self._index_of_item(parent), row, row)
        siblings.insert(row, node)
        item = _Item(node, parent, row)
        parent.children.insert(row, item)
        self._by_id[node.id] = item
        if isinstance(node, Assembly) and node.children:
            self._build(item, node.children)
        self._renumber(parent, row)
        self.endInsertRows()
        self._emit_ancestor_masses(item)
        self.edited.emit(node.id)

    def remove_node(self, parent_id: str | None, row: int) -> Part | Assembly:
        """Remove and return the node at ``row`` under ``parent_id`` (with its sub-tree)."""
        parent = self._parent_item(parent_id)
        siblings = self.siblings(parent_id)
        self.beginRemoveRows(self._index_of_item(parent), row, row)
        node = siblings.pop(row)
        item = parent.children.pop(row)
        stack = [item]
        while stack:
            current = stack.pop()
            self._by_id.pop(current.node.id, None)
            stack.extend(current.children)
        self._renumber(parent, row)
        self.endRemoveRows()
        if parent is not self._root:
            self._emit_row(parent)
            self._emit_ancestor_masses(parent)
        self.edited.emit(parent.node.id if parent is not self._root else node.id)
        return node

    @staticmethod
    def _renumber(parent: _Item, start: int) -> None:
        for row in range(start, len(parent.children)):
            parent.children[row].row = row

    def _emit_row(self, item: _Item) -> None:
        last = len(Column) - 1
        self.dataChanged.emit(self.createIndex(item.row, 0, item),
                              self.createIndex(item.row, last, item))

    def _emit_ancestor_masses(self, item: _Item) -> None:
        ancestor = item.parent
        while ancestor is not None and ancestor is not self._root:
            mass = self.createIndex(ancestor.row, Column.MASS, ancestor)
            self.dataChanged.emit(mass, mass)
            ancestor = ancestor.parent
