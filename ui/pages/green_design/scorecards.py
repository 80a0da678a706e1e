"""Score cards and tables of the Green design page: headline numbers with a traffic
light each, the index indicators and the ranked improvements.

A traffic light compares a value with the benchmark of the index profile's
indicator for the same metric (:mod:`greendesign.scoring.index`):

* green: the benchmark is met (``v >= b`` for ``higher``, ``v <= b`` for ``lower``);
* amber: not met, but the indicator still scores above 0 (a linear indicator
  between its ``zero_at`` value and the benchmark);
* red: the indicator scores 0 (a failed threshold, or at or beyond ``zero_at``);
* grey: the profile has no indicator for the metric, or the value is unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from greendesign.scoring.index import GROUP_NAMES
from ui.services.material_names import ui_language  # noqa: F401 - re-exported
from ui.widgets.formatting import format_number
from ui.widgets.table_models import ListTableModel

GREEN, AMBER, RED, NONE = "green", "amber", "red", "none"
_Index = QModelIndex | QPersistentModelIndex
LIGHT_COLOURS = {GREEN: "#2e9e45", AMBER: "#e0a100", RED: "#c8372d", NONE: "#b8bcb8"}


def meets_benchmark(value: float, benchmark: float, direction: str) -> bool:
    """Whether ``value`` meets ``benchmark`` in the indicator's ``direction``."""
    return value >= benchmark if direction == "higher" else value <= benchmark


def traffic_light(indicator: Mapping[str, Any] | None) -> str:
    """The light of an indicator of a ``score_json`` index result (module docstring)."""
    if indicator is None or indicator.get("value") is None:
        return NONE
    if meets_benchmark(indicator["value"], indicator["benchmark"], indicator["direction"]):
        return GREEN
    score = indicator.get("score")
    return AMBER if score is not None and score > 0 else RED


def light_colour(state: str) -> QColor:
    """The colour a light state is drawn in."""
    return QColor(LIGHT_COLOURS.get(state, LIGHT_COLOURS[NONE]))


class TrafficLight(QLabel):
    """A small round light; :attr:`state` is ``green``, ``amber``, ``red`` or ``none``."""

    SIZE = 14

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(self.SIZE, self.SIZE)
        self.state = NONE
        self.set_state(NONE)

    def set_state(self, state: str, tooltip: str = "") -> None:
        """Show ``state`` and explain it in the tooltip."""
        self.state = state
        colour = LIGHT_COLOURS.get(state, LIGHT_COLOURS[NONE])
        self.setStyleSheet(f"background: {colour}; border-radius: {self.SIZE // 2}px;"
                           f"border: 1px solid rgba(0, 0, 0, 60);")
        self.setToolTip(tooltip)


@dataclass
class ScoreRow:
    """One line of a card: caption, value and light."""

    caption: QLabel
    value: QLabel
    light: TrafficLight


class ScoreCard(QGroupBox):
    """A titled card of score lines, each with a value and a traffic light."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName("scoreCard")
        self.rows: dict[str, ScoreRow] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(10, 8, 10, 8)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(5)
        self._grid.setColumnStretch(1, 1)

    def add_row(self, key: str, caption: str) -> ScoreRow:
        """Add a line ``key`` with its caption; values come with :meth:`set_row`."""
        row = len(self.rows)
        light = TrafficLight()
        label = QLabel(caption)
        label.setStyleSheet("color: #444;")
        value = QLabel("\u2014")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._grid.addWidget(light, row, 0, Qt.AlignmentFlag.AlignVCenter)
        self._grid.addWidget(label, row, 1)
        self._grid.addWidget(value, row, 2)
        self.rows[key] = ScoreRow(label, value, light)
        self._grid.setRowStretch(row + 1, 1)
        self._grid.setRowStretch(row, 0)
        return self.rows[key]

    def set_row(self, key: str, text: str, light: str = NONE, tooltip: str = "") -> None:
        """Show a value and its light; the tooltip explains the benchmark."""
        row = self.rows[key]
        row.value.setText(text)
        row.light.set_state(light, tooltip)
        row.value.setToolTip(tooltip)
        row.caption.setToolTip(tooltip)


class LightLegend(QWidget):
    """What the four light colours mean, in one line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for state, text in ((GREEN, self.tr("meets the benchmark")),
                            (AMBER, self.tr("part of the way")),
                            (RED, self.tr("scores 0")),
                            (NONE, self.tr("no benchmark in the profile"))):
            light = TrafficLight()
            light.set_state(state)
            label = QLabel(text)
            label.setStyleSheet("color: #555;")
            layout.addWidget(light)
            layout.addWidget(label)
            layout.addSpacing(8)
        layout.addStretch(1)


def number_text(value: float | None, digits: int = 4) -> str:
    return "\u2014" if value is None else format_number(float(value), digits)


def signed_text(value: float | None) -> str:
    """A change with its sign (``+1.2``, ``-0.35``, ``0``); a dash when unknown."""
    if value is None:
        return "\u2014"
    if abs(value) < 1e-12:
        return "0"
    text = format_number(value, 3)
    return text if text.startswith("-") else "+" + text


def benchmark_text(indicator: dict[str, Any]) -> str:
    sign = "\u2265" if indicator["direction"] == "higher" else "\u2264"
    return f"{sign} {format_number(indicator['benchmark'])}"


class IndicatorTableModel(ListTableModel):
    """The indicators of the green design index, one row each (read-only)."""

    COLUMNS = ("group", "indicator", "value", "unit", "benchmark", "score", "weight",
               "evidence", "source")

    def __init__(self, parent=None) -> None:
        super().__init__((self.tr("Group"), self.tr("Indicator"), self.tr("Value"),
                          self.tr("Unit"), self.tr("Benchmark"), self.tr("Score"),
                          self.tr("Weight"), self.tr("Evidence"), self.tr("Source")), parent)
        self.language = "en"

    @property
    def indicators(self) -> list[dict[str, Any]]:
        return self.items

    def set_indicators(self, indicators: list[dict[str, Any]], language: str = "en") -> None:
        """Show the ``indicators`` list of a ``score_json`` index result."""
        self.language = language
        self.set_items(indicators)

    def _text(self, item: dict[str, Any], column: str) -> str:
        zh = self.language == "zh"
        if column == "group":
            names = GROUP_NAMES.get(item["group"], (item["group"], item["group"]))
            return names[1] if zh else names[0]
        if column == "indicator":
            return (item.get("name_zh") or item["name"]) if zh else item["name"]
        if column == "value":
            return number_text(item["value"])
        if column == "unit":
            return item["unit"]
        if column == "benchmark":
            return benchmark_text(item)
        if column == "score":
            return "\u2014" if item["score"] is None else format_number(item["score"] * 100, 3)
        if column == "weight":
            return format_number(item["weight"])
        return str(item.get(column, ""))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.indicators[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in ("evidence", "source"):
                return item.get(column, "")
            if column == "score":
                rule = (self.tr("pass/fail at the benchmark") if item["scoring"] == "threshold"
                        else self.tr("linear from {zero} (0) to the benchmark (100)").format(
                            zero=format_number(item["zero_at"])))
                return rule
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == "score":
            return light_colour(traffic_light(item))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("value", "benchmark",
                                                                    "score", "weight"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None


class SuggestionTableModel(ListTableModel):
    """Improvement suggestions ranked by their effect on the index, then on GWP."""

    COLUMNS = ("rank", "description", "parts", "index_change", "gwp_change_kg")

    def __init__(self, parent=None) -> None:
        super().__init__((self.tr("#"), self.tr("Improvement"), self.tr("Parts"),
                          self.tr("Index change (points)"), self.tr("GWP change (kg CO2-eq)")),
                         parent)

    @property
    def suggestions(self) -> list[dict[str, Any]]:
        return self.items

    def set_suggestions(self, suggestions: list[dict[str, Any]]) -> None:
        self.set_items(suggestions)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.suggestions[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "rank":
                return str(index.row() + 1)
            if column == "parts":
                return ", ".join(item.get("parts") or [])
            if column == "index_change":
                change = item.get("index_change")
                return "\u2014" if change is None else f"{change:+.1f}"
            if column == "gwp_change_kg":
                return signed_text(item.get("gwp_change_kg"))
            return item.get("description", "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "gwp_change_kg":
                return item.get("gwp_basis", "")
            if column == "description":
                return item.get("description", "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("rank", "index_change",
                                                                    "gwp_change_kg"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None


class FindingsTableModel(ListTableModel):
    """The findings list: one row per finding (worst first), made when a row is drawn.

    A BOM of thousands of parts has thousands of findings; the view asks only for
    the rows on screen, so showing new scores costs one reset, not a widget per row.
    """

    COLUMNS = ("severity", "part", "message")

    def __init__(self, headers: tuple[str, str, str], severity_text: dict[str, str],
                 parent=None) -> None:
        super().__init__(headers, parent)
        self._severity_text = severity_text
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def findings(self) -> list[dict[str, Any]]:
        return self.items

    def set_findings(self, findings: list[dict[str, Any]]) -> None:
        """Show ``findings`` (as :func:`worst_first` orders them)."""
        self.set_items(findings)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        finding = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        severity = finding["severity"]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "severity":
                return self._severity_text.get(severity, severity)
            if column == "part":
                return finding.get("part_name") or finding["part_id"]
            return finding["message"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding["part_id"] if column == "part" else \
                finding["message"] if column == "message" else None
        if column == "severity":
            if role == Qt.ItemDataRole.DecorationRole:
                return light_colour(SEVERITY_COLOURS.get(severity, NONE))
            if role == Qt.ItemDataRole.FontRole and severity == "fail":
                return self._bold
        if role == Qt.ItemDataRole.UserRole:
            return finding
        return None


SEVERITY_ORDER = {"fail": 0, "warning": 1, "info": 2}
SEVERITY_COLOURS = {"fail": "red", "warning": "amber", "info": NONE}


def worst_first(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings of a scoring result, failures first, then warnings, then notes."""
    findings = (result["restricted_substance_findings"] + result["combination_findings"]
                + result["plastic_marking_findings"])
    return sorted(findings, key=lambda f: SEVERITY_ORDER.get(f["severity"], 3))
