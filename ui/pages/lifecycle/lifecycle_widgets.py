"""The small widgets and helpers of the Lifecycle page.

:class:`NumberField` (a number typed as text), :class:`EffectLabel` (the
GWP100 of a stage and its last change), :class:`MaterialDelegate` (a
consumable's material picked with the catalogue search), the error styles and
the helpers :func:`location_choices` and :func:`problem_text`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from greendesign.errors import GreenDesignError
from ui.services.material_names import location_names
from ui.widgets.formatting import format_number, parse_number
from ui.widgets.line_edits import MaterialCompleter

ERROR_STYLE = "border: 1px solid #c0392b; background: #fdecea;"
ERROR_BRUSH = QBrush(QColor("#fdecea"))


def location_choices(kind: str) -> list[tuple[str, str]]:
    """``(code, "name (code)")`` of the catalogue's locations of ``kind``."""
    return [(code, f"{name} ({code})") for code, name in location_names(kind)]


def problem_text(exc: GreenDesignError) -> str:
    """The first problem of a validation error (what the field shows), or its message."""
    return exc.problems[0].message if exc.problems else exc.message


class NumberField(QLineEdit):
    """A number typed as text, committed on Enter or focus out.

    Signals
    -------
    committed(object)
        The parsed number (None for an empty field when ``blank_allowed``) when
        it differs from the value shown last.
    """

    committed = Signal(object)

    def __init__(self, placeholder: str = "", blank_allowed: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blank_allowed = blank_allowed
        self._shown: float | None = None
        self.setPlaceholderText(placeholder)
        self.setMaximumWidth(140)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editingFinished.connect(self._finish)

    def set_value(self, value: float | None) -> None:
        """Show ``value`` (None: empty) and clear any error."""
        self._shown = value
        self.setText("" if value is None else format_number(value, 6))
        self.set_error("")

    def set_error(self, message: str) -> None:
        """Mark the field as refused with ``message`` as its tooltip (empty: clear)."""
        self.setStyleSheet(ERROR_STYLE if message else "")
        self.setToolTip(message)
        self.error = message

    def _finish(self) -> None:
        text = self.text().strip()
        if not text and self.blank_allowed:
            value = None
        else:
            try:
                value = parse_number(text)
            except ValueError:
                self.set_error(self.tr("\u201c{text}\u201d is not a number.").format(text=text))
                return
        if value == self._shown and not self.error:
            return
        self.committed.emit(value)


class EffectLabel(QLabel):
    """GWP100 of a stage and its change since the last edit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #2e6b3a;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_effect(self, caption: str, value: float | None, change: float | None,
                    unit: str) -> None:
        if value is None:
            self.setText(caption + ": \u2013")
            return
        text = f"{caption}: {format_number(value)} {unit}"
        if change:
            arrow = "\u25b2" if change > 0 else "\u25bc"
            text += "  " + self.tr("({arrow} {change} since the last edit)").format(
                arrow=arrow, change=f"{change:+.4g}")
        self.setText(text)


class MaterialDelegate(QStyledItemDelegate):
    """Edits a consumable's material with the catalogue search (English or Chinese);
    choosing a match puts its code into the cell."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.completer = None  # the open editor's search (tests read its choices)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setPlaceholderText(self.tr("material name or code, e.g. citric acid / 柠檬酸"))
        self.completer = MaterialCompleter(editor)
        self.completer.attach(editor)
        return editor
