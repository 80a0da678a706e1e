"""The editable fields of the selected part or assembly, above the details panel.

Each field is a line edit checked as the user types (red with the reason when
the text would be refused); a value is applied when the user presses Enter or
leaves the field, as one undoable edit through the :class:`BomEditor`. A
refused value is never applied: the field stays red and the status bar says why.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from greendesign.errors import GreenDesignError
from greendesign.model import Assembly, Part
from ui.errors import error_summary
from ui.pages.product import bom_cells
from ui.services.material_names import dataset_label
from ui.widgets.formatting import format_mass_for_edit
from ui.widgets.line_edits import CheckedLineEdit, MaterialCompleter


def edit_text(node: Part | Assembly, field: str) -> str:
    """The text a field shows for editing (full precision, units, percentages)."""
    if field == bom_cells.QUANTITY:
        return f"{node.quantity:.10g}"
    if field == bom_cells.MASS:
        return format_mass_for_edit(node.mass_kg, node.mass_unit)
    if field == bom_cells.MATERIAL:
        return dataset_label(node.material)
    if field in (bom_cells.RECYCLED, bom_cells.SCRAP):
        return f"{getattr(node, field) * 100:.10g} %"
    return str(getattr(node, field))


class PartFieldsForm(QGroupBox):
    """Line edits for the main fields of one BOM node.

    Parameters
    ----------
    apply
        Called with ``(node id, validated changes)`` for an accepted value.
    id_taken
        Tells whether another row already uses an id.

    Signals
    -------
    statusMessage(str)
        Why a value was refused.
    """

    statusMessage = Signal(str)

    def __init__(self, apply: Callable[[str, dict], None],
                 id_taken: Callable[[str], bool] = lambda _id: False,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit"), parent)
        self.setObjectName("partFields")
        self._apply = apply
        self._id_taken = id_taken
        self.node: Part | Assembly | None = None
        self.read_only = False
        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(8, 6, 8, 6)
        self.editors: dict[str, CheckedLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for field, label in (
                (bom_cells.NAME, self.tr("Name")),
                (bom_cells.NAME_ZH, self.tr("Chinese name")),
                (bom_cells.QUANTITY, self.tr("Quantity")),
                (bom_cells.MASS, self.tr("Mass per unit")),
                (bom_cells.MATERIAL, self.tr("Material")),
                (bom_cells.RECYCLED, self.tr("Recycled content")),
                (bom_cells.SCRAP, self.tr("Scrap rate")),
                (bom_cells.MODULE, self.tr("Module")),
                (bom_cells.MASS_SOURCE, self.tr("Mass source")),
                (bom_cells.NOTES, self.tr("Notes"))):
            editor = CheckedLineEdit(lambda text, f=field: self._error(f, text))
            editor.setObjectName(f"field_{field}")
            editor.editingFinished.connect(lambda f=field: self.commit(f))
            self.editors[field] = editor
            self.labels[field] = QLabel(label)
            self.layout_.addRow(self.labels[field], editor)
        material = self.editors[bom_cells.MATERIAL]
        MaterialCompleter(material).attach(material)
        material.setPlaceholderText(self.tr("search: stainless, 不锈钢, PP \u2026"))
        self.editors[bom_cells.RECYCLED].setPlaceholderText("0 %")
        self.show_node(None)

    def _error(self, field: str, text: str) -> str | None:
        if self.node is None or not bom_cells.field_applies(self.node, field):
            return None
        return bom_cells.cell_error(self.node, field, text, self._taken)

    def _taken(self, new_id: str) -> bool:
        return self.node is not None and new_id != self.node.id and self._id_taken(new_id)

    def show_node(self, node: Part | Assembly | None) -> None:
        """Fill the fields from ``node`` (empty and disabled for None)."""
        self.node = node
        for field, editor in self.editors.items():
            applies = node is not None and bom_cells.field_applies(node, field)
            editor.setVisible(node is None or applies)
            self.labels[field].setVisible(node is None or applies)
            editor.blockSignals(True)
            editor.setText(edit_text(node, field) if applies else "")
            editor.blockSignals(False)
            editor.revalidate()
            editor.setEnabled(applies and not self.read_only)
            editor.setCursorPosition(0)

    def commit(self, field: str) -> bool:
        """Apply the field's text if it is valid; True when accepted (or unchanged)."""
        node, editor = self.node, self.editors[field]
        if node is None or self.read_only or not bom_cells.field_applies(node, field):
            return False
        try:
            changes = bom_cells.parse_field(node, field, editor.text(), self._taken)
        except GreenDesignError as exc:
            editor.revalidate()
            self.statusMessage.emit(error_summary(exc))
            return False
        if changes:
            self._apply(node.id, changes)
        return True
