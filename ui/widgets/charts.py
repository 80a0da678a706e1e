"""Result charts drawn with pyqtgraph: stacked stage bars, a clickable Pareto
chart, the Monte Carlo histogram and the tornado chart.

The charts take plain numbers and labels (the pages translate and format
them) and know nothing of the LCA core. Bars run horizontally so that long
part and stage names read on the left axis instead of being rotated.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QWidget

from ui.widgets.formatting import format_number

pg.setConfigOptions(antialias=True, background="w", foreground="#333")

PALETTE = ("#2e6b3a", "#4f9bd1", "#e39b3b", "#8c6bb1", "#d35d6e", "#5bb5a2", "#b5a642",
           "#7f7f7f")
"""Colours of the series, in order (the first is the app's accent green)."""
CREDIT_COLOUR = "#b9c2b9"
LABEL_CHARS = 34
"""Longest axis label, in characters; longer names are cut with an ellipsis."""


def legend_html(entries: Sequence[tuple[str, str]]) -> str:
    """A one-line legend (rich text) of ``(name, colour)`` entries, shown below a chart
    so that it never covers the bars."""
    return "&nbsp;&nbsp;&nbsp;".join(
        f'<span style="color:{colour}; font-size:14px;">\u25a0</span>&nbsp;{name}'
        for name, colour in entries)


def elide(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


class _Chart(pg.PlotWidget):
    """A plot with a white background, no mouse zoom and category labels on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_item = self.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.showGrid(x=True, y=False, alpha=0.25)
        self.setMinimumHeight(180)
        self.plot_item.getAxis("bottom").enableAutoSIPrefix(False)
        self._texts: list[pg.TextItem] = []
        self.legend_entries: list[tuple[str, str]] = []

    def clear_chart(self) -> None:
        """Remove every series and label."""
        self.plot_item.clear()
        self._texts = []
        self.legend_entries = []

    def set_categories(self, labels: Sequence[str]) -> None:
        """Category labels on the left axis, first at the top; sizes the axis to fit."""
        axis = self.plot_item.getAxis("left")
        shown = [elide(label) for label in labels]
        axis.setTicks([[(i, text) for i, text in enumerate(shown)]])
        metrics = QFontMetrics(axis.font() if hasattr(axis, "font") else QFont())
        width = max((metrics.horizontalAdvance(text) for text in shown), default=40)
        axis.setWidth(min(300, width + 18))
        self.plot_item.getViewBox().invertY(True)
        self.plot_item.setYRange(-0.6, len(labels) - 0.4, padding=0)

    def add_text(self, x: float, y: float, text: str, anchor=(0, 0.5),
                 colour: str = "#333") -> None:
        item = pg.TextItem(text, color=colour, anchor=anchor)
        item.setPos(x, y)
        self.plot_item.addItem(item)
        self._texts.append(item)

    def fit_x(self, low: float, high: float, room: float = 0.28) -> None:
        """Show ``low..high`` with extra room on the right for the value labels."""
        low, high = min(low, 0.0), max(high, 0.0)
        span = (high - low) or 1.0
        self.plot_item.setXRange(low - (0.04 * span if low < 0 else 0), high + room * span,
                                 padding=0)


class StageChart(_Chart):
    """Horizontal bars, one per life cycle stage, stacked by kind of contribution,
    with the credits beyond the system boundary as a separate grey bar."""

    def show_stages(self, stages: Sequence[str], series: dict[str, Sequence[float]],
                    unit: str, credit_label: str | None = None, credit: float = 0.0) -> None:
        """Draw the chart.

        Parameters
        ----------
        stages
            Stage names, top to bottom.
        series
            Kind of contribution -> one value per stage (stacked in this order).
        unit
            The unit shown after each stage total.
        credit_label, credit
            A last bar for the credits (not part of the total) when a label is given.
        """
        self.clear_chart()
        rows = list(stages) + ([credit_label] if credit_label else [])
        positive = np.zeros(len(stages))
        negative = np.zeros(len(stages))
        for i, (name, values) in enumerate(series.items()):
            values = np.asarray(values, dtype=float)
            if not np.any(values):
                continue
            start = np.where(values >= 0, positive, negative)
            colour = PALETTE[i % len(PALETTE)]
            bars = pg.BarGraphItem(x0=start, y=np.arange(len(stages)), height=0.62,
                                   width=values, brush=colour, pen=pg.mkPen("w", width=0.5))
            self.plot_item.addItem(bars)
            self.legend_entries.append((name, colour))
            positive += np.where(values >= 0, values, 0.0)
            negative += np.where(values < 0, values, 0.0)
        totals = positive + negative
        high = float(max(positive.max(initial=0.0), 0.0))
        low = float(min(negative.min(initial=0.0), credit if credit_label else 0.0))
        for i, value in enumerate(totals):
            self.add_text(max(positive[i], 0.0) + 0.01 * (high - low or 1.0), i,
                          f"{format_number(value)} {unit}")
        if credit_label:
            y = len(stages)
            self.plot_item.addItem(pg.BarGraphItem(
                x0=[min(credit, 0.0)], y=[y], height=0.62, width=[abs(credit)],
                brush=CREDIT_COLOUR, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine)))
            self.add_text(max(credit, 0.0) + 0.01 * (high - low or 1.0), y,
                          f"{format_number(credit)} {unit}", colour="#666")
        self.set_categories(rows)
        self.fit_x(low, high, room=0.5)
        self.plot_item.getAxis("bottom").setLabel(unit)


class _ClickableBars(pg.BarGraphItem):
    """Horizontal bars at y = 0, 1, 2 ... that report which one was clicked or hovered."""

    def __init__(self, chart: ParetoChart, **opts) -> None:
        super().__init__(**opts)
        self.chart = chart
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def _index_at(self, pos: QPointF) -> int | None:
        index = int(round(pos.y()))
        if 0 <= index < len(self.chart.keys) and abs(pos.y() - index) <= 0.4:
            return index
        return None

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph override)
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        index = self._index_at(ev.pos())
        if index is not None:
            ev.accept()
            self.chart.barClicked.emit(self.chart.keys[index])

    def hoverEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph override)
        if ev.isExit():
            self.setToolTip("")
            return
        index = self._index_at(ev.pos())
        self.setToolTip(self.chart.tooltips[index] if index is not None else "")


class ParetoChart(_Chart):
    """Largest contributors first, as horizontal bars with their share and the
    cumulative share; a click on a bar emits :attr:`barClicked` with its key.

    Signals
    -------
    barClicked(str)
        The key (part id or material code) of the clicked bar.
    """

    barClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys: list[str] = []
        self.tooltips: list[str] = []
        self.bars: _ClickableBars | None = None

    def show_bars(self, keys: Sequence[str], labels: Sequence[str], values: Sequence[float],
                  total: float, unit: str, tooltips: Sequence[str] | None = None) -> None:
        """Bars of ``values`` (already sorted, largest first), with shares of ``total``."""
        self.clear_chart()
        self.keys = list(keys)
        self.tooltips = list(tooltips or labels)
        values = np.asarray(values, dtype=float)
        if not len(values):
            self.bars = None
            self.set_categories([])
            return
        self.bars = _ClickableBars(self, x0=np.minimum(values, 0.0), y=np.arange(len(values)),
                                   height=0.66, width=np.abs(values), brush=PALETTE[0],
                                   pen=pg.mkPen("w", width=0.5))
        self.plot_item.addItem(self.bars)
        cumulative = np.cumsum(values)
        high, low = float(values.max(initial=0.0)), float(values.min(initial=0.0))
        for i, value in enumerate(values):
            share = value / total if total else 0.0
            cum = cumulative[i] / total if total else 0.0
            self.add_text(max(value, 0.0) + 0.01 * (high - low or 1.0), i,
                          f"{format_number(value)}  ({format_number(share * 100, 3)} %, "
                          f"\u03a3 {format_number(cum * 100, 3)} %)")
        self.set_categories(labels)
        self.fit_x(low, high, room=0.55)
        self.plot_item.getAxis("bottom").setLabel(unit)

    def bar_centre(self, index: int) -> QPoint:
        """Where bar ``index`` is drawn, in the widget's viewport coordinates (for tests)."""
        width = float(self.bars.opts["width"][index]) if self.bars is not None else 0.0
        x0 = float(self.bars.opts["x0"][index]) if self.bars is not None else 0.0
        scene = self.plot_item.getViewBox().mapViewToScene(QPointF(x0 + width / 2, index))
        return self.mapFromScene(scene)


class HistogramChart(pg.PlotWidget):
    """Histogram of Monte Carlo samples with the 2.5, 50 and 97.5 % lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=True, y=True, alpha=0.2)
        item.getAxis("bottom").enableAutoSIPrefix(False)
        self.setMinimumHeight(200)

    def show_samples(self, samples: np.ndarray, deterministic: float, unit: str,
                     labels: Sequence[str]) -> None:
        """Draw ``samples``; ``labels``: texts of the 2.5 %, median, 97.5 % and
        deterministic lines."""
        item = self.getPlotItem()
        item.clear()
        samples = np.asarray(samples, dtype=float)
        counts, edges = np.histogram(samples, bins=min(40, max(10, len(samples) // 25)))
        item.addItem(pg.BarGraphItem(x0=edges[:-1], width=np.diff(edges), y0=0, height=counts,
                                     brush=QColor(79, 155, 209, 170), pen=pg.mkPen("w")))
        p_low, median, p_high = np.percentile(samples, [2.5, 50.0, 97.5])
        lines = ((p_low, labels[0], "#d35d6e", Qt.PenStyle.DashLine, 0.95),
                 (median, labels[1], "#333333", Qt.PenStyle.SolidLine, 0.85),
                 (p_high, labels[2], "#d35d6e", Qt.PenStyle.DashLine, 0.95),
                 (deterministic, labels[3], "#2e6b3a", Qt.PenStyle.DotLine, 0.72))
        for value, text, colour, style, position in lines:
            item.addItem(pg.InfiniteLine(
                pos=value, angle=90, pen=pg.mkPen(colour, width=1.6, style=style),
                label=text, labelOpts={"position": position, "color": colour,
                                       "fill": (255, 255, 255, 200), "movable": False}))
        span = edges[-1] - edges[0] or 1.0
        item.setXRange(edges[0] - 0.05 * span, edges[-1] + 0.05 * span, padding=0)
        item.setYRange(0, counts.max() * 1.15 if counts.max() else 1, padding=0)
        item.getAxis("bottom").setLabel(unit)


class TornadoChart(_Chart):
    """One-at-a-time sensitivity: for each parameter a bar from its low to its
    high result around the baseline (a vertical line)."""

    def show_swings(self, labels: Sequence[str], low: Sequence[float], high: Sequence[float],
                    baseline: float, unit: str, legend: tuple[str, str]) -> None:
        """Draw one row per parameter, the widest swing at the top."""
        self.clear_chart()
        self.plot_item.showGrid(x=True, y=False, alpha=0.25)
        low, high = np.asarray(low, float), np.asarray(high, float)
        rows = np.arange(len(labels))
        for values, colour, name in ((low, "#4f9bd1", legend[0]), (high, "#e39b3b", legend[1])):
            self.plot_item.addItem(pg.BarGraphItem(
                x0=np.minimum(values, baseline), y=rows, height=0.6,
                width=np.abs(values - baseline), brush=colour, pen=pg.mkPen("w")))
            self.legend_entries.append((name, colour))
        self.plot_item.addItem(pg.InfiniteLine(pos=baseline, angle=90,
                                               pen=pg.mkPen("#333", width=1.2)))
        self.set_categories(list(labels))
        if len(labels):
            lo, hi = float(min(low.min(), high.min())), float(max(low.max(), high.max()))
            span = (hi - lo) or abs(baseline) * 0.01 or 1.0
            self.plot_item.setXRange(lo - 0.1 * span, hi + 0.35 * span, padding=0)
        self.plot_item.getAxis("bottom").setLabel(unit)
