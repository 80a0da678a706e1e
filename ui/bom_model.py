"""A Qt item model over a product's bill of materials tree.

One row per part or assembly; the model holds a light index of the tree
(parent and row of every node) and reads values from the product model on
demand, so a BOM of thousands of parts costs nothing per cell until a cell is
shown. Quantity and mass are editable; every edit is validated by the core
model (``Part`` assignments are validated by pydantic) and a rejected value
leaves the product unchanged and is reported through :attr:`BomModel.editRejected`.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from greendesign.errors import GreenDesignError, ModelValidationError, UnitError
from greendesign.model import Assembly, Part, Product
from greendesign.units import parse_mass, to_kg
from ui.errors import error_summary
from ui.formatting import (
    format_mass,
    format_mass_for_edit,
    format_percent,
    format_quantity,
    parse_number,
)
from ui.material_names import dataset_label, dataset_name

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
        A value was changed; carries the id of the edited node.
    editRejected(str)
        An edit was refused; carries the reason (the core's error message).
    """

    edited = Signal(str)
    editRejected = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._product: Product | None = None
        self._root = _Item(None, None, 0)
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = [
            self.tr("Name"), self.tr("ID"), self.tr("Qty"), self.tr("Mass"),
            self.tr("Material"), self.tr("Recycled"), self.tr("Joint"), self.tr("Module"),
            self.tr("Priority"),
        ]
        self._header_tips = {
            Column.QTY: self.tr("Units per unit of the parent assembly"),
            Column.MASS: self.tr("Mass of one unit; an assembly shows the sum of its parts"),
            Column.RECYCLED: self.tr("Recycled content of the material"),
            Column.JOINT: self.tr("How the part is joined to its parent (and how many joints)"),
            Column.PRIORITY: self.tr("Priority part for repair or depollution (battery, "
                                     "display, PCB ...)"),
        }

    # --- the product -------------------------------------------------------------------
    @property
    def product(self) -> Product | None:
        """The product whose BOM is shown."""
        return self._product

    def set_product(self, product: Product | None) -> None:
        """Show another product (or the same one after its BOM was replaced)."""
        self.beginResetModel()
        self._product = product
        self._root = _Item(None, None, 0)
        if product is not None:
            self._build(self._root, product.bom)
        self.endResetModel()

    def _build(self, item: _Item, nodes: list[Part | Assembly]) -> None:
        stack = [(item, nodes)]
        while stack:
            parent, children = stack.pop()
            for row, node in enumerate(children):
                child = _Item(node, parent, row)
                parent.children.append(child)
                if isinstance(node, Assembly) and node.children:
                    stack.append((child, node.children))

    def node(self, index: AnyIndex) -> Part | Assembly | None:
        """The part or assembly of a row, or None for the invisible root."""
        item = self._item(index)
        return item.node if item is not self._root else None

    def index_of(self, node_id: str, column: int = 0) -> QModelIndex:
        """The index of the node with this id (invalid if absent)."""
        stack = list(self._root.children)
        while stack:
            item = stack.pop()
            if item.node.id == node_id:
                return self.createIndex(item.row, column, item)
            stack.extend(item.children)
        return QModelIndex()

    def _item(self, index: AnyIndex) -> _Item:
        if index.isValid():
            return index.internalPointer()
        return self._root

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
        if not index.isValid():
            return None
        node = self._item(index).node
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == Column.QTY:
                return f"{node.quantity:.10g}"
            if column == Column.MASS and isinstance(node, Part):
                return format_mass_for_edit(node.mass_kg, node.mass_unit)
            return self._display(node, column)
        if role == NODE_ROLE:
            return node
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and isinstance(node, Assembly) \
                and column == Column.NAME:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        return None

    def _display(self, node: Part | Assembly, column: Column) -> str:
        part = node if isinstance(node, Part) else None
        if column == Column.NAME:
            return node.name
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
            return dataset_label(part.material)
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
        if column in (Column.QTY, Column.MASS):
            return self.tr("Double-click to edit")
        if column == Column.MATERIAL and isinstance(node, Part):
            name_zh = dataset_name(node.material, "zh")
            label = dataset_label(node.material)
            return f"{label}\n{name_zh}" if name_zh and name_zh not in label else label
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        node = self._item(index).node
        if index.column() == Column.QTY or (index.column() == Column.MASS
                                            and isinstance(node, Part)):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # --- editing -----------------------------------------------------------------------
    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Set a quantity or a part mass from user text, validated by the core model.

        The mass accepts ``"250 g"``, ``"1,2 kg"`` or a bare number in the part's
        current unit. A refused value emits :attr:`editRejected` with the
        reason and returns False; the product is unchanged.
        """
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        item = self._item(index)
        node = item.node
        try:
            if index.column() == Column.QTY:
                changed = self._set_quantity(node, value)
            elif index.column() == Column.MASS and isinstance(node, Part):
                changed = self._set_mass(node, value)
            else:
                return False
        except GreenDesignError as exc:
            self.editRejected.emit(error_summary(exc))
            return False
        if changed:
            self._emit_changed(item)
            self.edited.emit(node.id)
        return True

    def _set_quantity(self, node: Part | Assembly, value: Any) -> bool:
        where = f"{node.kind} {node.id!r}, field 'quantity'"
        try:
            quantity = parse_number(value) if isinstance(value, str) else float(value)
        except (TypeError, ValueError) as exc:
            raise ModelValidationError(f"{where}: {exc}.",
                                       hint="Enter a positive number such as 2 or 0.5.") from None
        if quantity == node.quantity:
            return False
        node.quantity = quantity  # validated by the model: must be > 0
        return True

    def _set_mass(self, part: Part, value: Any) -> bool:
        where = f"part {part.id!r}, field 'mass'"
        if isinstance(value, int | float):
            amount, unit = float(value), part.mass_unit
        else:
            text = str(value).strip()
            if not text:
                raise UnitError(f"{where}: a part needs a mass.",
                                hint="Write a number with an optional unit, e.g. '250 g'.")
            amount, unit = parse_mass(text, default_unit=part.mass_unit, where=where)
        mass_kg = to_kg(amount, unit)
        if mass_kg == part.mass_kg and unit == part.mass_unit:
            return False
        part.mass_kg = mass_kg  # validated first: a refused mass leaves the unit as it was
        part.mass_unit = unit
        return True

    def _emit_changed(self, item: _Item) -> None:
        last = len(Column) - 1
        self.dataChanged.emit(self.createIndex(item.row, 0, item),
                              self.createIndex(item.row, last, item))
        ancestor = item.parent
        while ancestor is not None and ancestor is not self._root:
            mass = self.createIndex(ancestor.row, Column.MASS, ancestor)
            self.dataChanged.emit(mass, mass)
            ancestor = ancestor.parent
