"""The part side panel's compliance form: end-of-life override, priority part, plastic marking.

The four end-of-life shares are applied together; the priority flag and the ISO 11469
marking on their own. As for the list editors (:mod:`part_lists`), every change is
checked by the core model on a copy of the node first and a refused one is never
applied.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import GreenDesignError
from greendesign.model import Part
from greendesign.model.part import EndOfLifeMix
from ui.errors import error_summary
from ui.pages.product.part_lists import (
    Apply,
    Node,
    parse_percent,
    percent_text,
    validated_changes,
)
from ui.widgets.line_edits import (
    INVALID_STYLE,
    CheckedLineEdit,
)

EOL_FIELDS = ("reuse", "recycling", "energy_recovery", "landfill")
"""The shares of an end-of-life override, in the order of the form."""


class CompliancePanel(QWidget):
    """End-of-life override, priority part and plastic marking of a part.

    The four end-of-life shares are applied together with "Apply" (they must
    add up to 100 %); unticking the override removes it at once.
    """

    statusMessage = Signal(str)

    def __init__(self, apply: Apply, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self.node: Node | None = None
        self.read_only = False
        self.eol_error: str | None = None
        self.override = QCheckBox(self.tr("Override the scenario's end of life for this part"))
        self.override.setObjectName("eolOverride")
        self.override.toggled.connect(self._override_toggled)
        self.shares: dict[str, CheckedLineEdit] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        self.captions = captions = {"reuse": self.tr("Reuse"), "recycling": self.tr("Recycling"),
                    "energy_recovery": self.tr("Energy recovery"),
                    "landfill": self.tr("Landfill")}
        for i, key in enumerate(EOL_FIELDS):
            editor = CheckedLineEdit(lambda _text: self._eol_check())
            editor.setObjectName(f"eol_{key}")
            editor.setPlaceholderText("0 %")
            editor.returnPressed.connect(self.apply_eol)
            editor.textChanged.connect(lambda _text, k=key: self._revalidate_others(k))
            self.shares[key] = editor
            grid.addWidget(QLabel(captions[key]), i // 2, (i % 2) * 2)
            grid.addWidget(editor, i // 2, (i % 2) * 2 + 1)
        self.eol_sum = QLabel()
        self.eol_sum.setStyleSheet("color: #666;")
        self.eol_apply = QPushButton(self.tr("Apply"))
        self.eol_apply.setObjectName("eolApply")
        self.eol_apply.clicked.connect(self.apply_eol)
        sum_row = QHBoxLayout()
        sum_row.addWidget(self.eol_sum, 1)
        sum_row.addWidget(self.eol_apply)

        self.priority = QCheckBox(self.tr("Priority part (repair, depollution)"))
        self.priority.setObjectName("priorityPart")
        self.priority.toggled.connect(lambda _on: self.commit_priority())
        self.priority_kind = CheckedLineEdit(lambda _text: None)
        self.priority_kind.setObjectName("priorityKind")
        self.priority_kind.setPlaceholderText(self.tr("battery, display, PCB \u2026"))
        self.priority_kind.editingFinished.connect(self.commit_priority)
        self.marking = CheckedLineEdit(self._marking_check)
        self.marking.setObjectName("plasticMarking")
        self.marking.setPlaceholderText(">PP<, >PC+ABS<")
        self.marking.editingFinished.connect(self.commit_marking)

        eol_caption = QLabel(self.tr("End of life"))
        eol_caption.setStyleSheet("font-weight: bold; color: #2e6b3a;")
        other_caption = QLabel(self.tr("Priority part and marking"))
        other_caption.setStyleSheet("font-weight: bold; color: #2e6b3a;")
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.priority)
        form.addRow(self.tr("Priority kind"), self.priority_kind)
        form.addRow(self.tr("Plastic marking (ISO 11469)"), self.marking)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(eol_caption)
        layout.addWidget(self.override)
        layout.addLayout(grid)
        layout.addLayout(sum_row)
        layout.addSpacing(6)
        layout.addWidget(other_caption)
        layout.addLayout(form)
        layout.addStretch(1)
        self.setStyleSheet(INVALID_STYLE)
        self.show_node(None)

    # --- showing -------------------------------------------------------------------------
    def show_node(self, node: Node | None) -> None:
        """Fill the fields from a part (disabled for an assembly or None)."""
        self.node = node
        part = node if isinstance(node, Part) else None
        editable = part is not None and not self.read_only
        widgets = [self.override, self.priority, self.priority_kind, self.marking,
                   *self.shares.values()]
        for widget in widgets:
            widget.blockSignals(True)
        mix = part.eol_override if part is not None else None
        self.override.setChecked(mix is not None)
        for key, editor in self.shares.items():
            editor.setText(percent_text(getattr(mix, key)) if mix is not None else "")
        self.priority.setChecked(bool(part and part.priority_part))
        self.priority_kind.setText(part.priority_kind if part else "")
        self.marking.setText(part.plastic_marking if part else "")
        for widget in widgets:
            widget.blockSignals(False)
        self.override.setEnabled(editable)
        self.priority.setEnabled(editable)
        self.priority_kind.setEnabled(editable)
        self.marking.setEnabled(editable)
        self.marking.revalidate()
        self._eol_enable()

    def _eol_enable(self) -> None:
        on = self.override.isChecked() and isinstance(self.node, Part) and not self.read_only
        for editor in self.shares.values():
            editor.setEnabled(on)
            editor.revalidate()
        self.eol_apply.setEnabled(on)

    # --- end of life ---------------------------------------------------------------------
    def _eol_mix(self) -> EndOfLifeMix:
        values = {key: parse_percent(editor.text(), self.captions[key])
                  for key, editor in self.shares.items()}
        return EndOfLifeMix(**values)

    def _revalidate_others(self, key: str) -> None:
        for other, editor in self.shares.items():  # the sum concerns all four
            if other != key:
                editor.revalidate()

    def _eol_check(self) -> str | None:
        if not self.override.isChecked():
            self.eol_sum.clear()
            return None
        try:
            values = {key: parse_percent(e.text(), self.captions[key])
                      for key, e in self.shares.items()}
        except GreenDesignError as exc:
            return error_summary(exc)
        total = sum(values.values())
        self.eol_sum.setText(self.tr("Sum: {total} (must be 100 %)").format(
            total=percent_text(total)))
        try:
            EndOfLifeMix(**values)
        except GreenDesignError as exc:
            return error_summary(exc)
        return None

    def _override_toggled(self, on: bool) -> None:
        part = self.node
        if not isinstance(part, Part):
            return
        if on and all(not e.text().strip() for e in self.shares.values()):
            self.shares["landfill"].setText("100 %")  # a valid start; the user adjusts
        self._eol_enable()
        if not on and part.eol_override is not None:
            self._apply_changes({"eol_override": None})

    def apply_eol(self) -> bool:
        """Apply the four shares as the part's override; True when accepted."""
        part = self.node
        if not isinstance(part, Part) or self.read_only or not self.override.isChecked():
            return False
        try:
            mix = self._eol_mix()
        except GreenDesignError as exc:
            self.eol_error = error_summary(exc)
            for editor in self.shares.values():
                editor.revalidate()
            self.statusMessage.emit(self.eol_error)
            return False
        self.eol_error = None
        if mix == part.eol_override:
            return True
        return self._apply_changes({"eol_override": mix})

    # --- priority and marking ------------------------------------------------------------
    def commit_priority(self) -> bool:
        """Apply the priority check box and kind; True when accepted."""
        part = self.node
        if not isinstance(part, Part) or self.read_only:
            return False
        changes = {"priority_part": self.priority.isChecked(),
                   "priority_kind": self.priority_kind.text().strip()}
        changes = {k: v for k, v in changes.items() if getattr(part, k) != v}
        return self._apply_changes(changes) if changes else True

    def _marking_check(self, text: str) -> str | None:
        if not isinstance(self.node, Part) or not text.strip():
            return None
        try:
            validated_changes(self.node, {"plastic_marking": text.strip()})
        except GreenDesignError as exc:
            return error_summary(exc)
        return None

    def commit_marking(self) -> bool:
        """Apply the plastic marking if valid; True when accepted."""
        part = self.node
        if not isinstance(part, Part) or self.read_only:
            return False
        text = self.marking.text().strip()
        return True if text == part.plastic_marking else \
            self._apply_changes({"plastic_marking": text}, self.marking)

    def _apply_changes(self, changes: dict[str, Any], editor: CheckedLineEdit | None = None
                       ) -> bool:
        try:
            changes = validated_changes(self.node, changes)
        except GreenDesignError as exc:
            if editor is not None:
                editor.revalidate()
            self.statusMessage.emit(error_summary(exc))
            return False
        self._apply(self.node.id, changes)
        return True
