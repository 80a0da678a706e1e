"""The design space as a scatter: GWP per year of service against a second objective.

:class:`SweepChart` draws every candidate as a small grey point (one
``ScatterPlotItem``, so ten thousand points stay fluid), the Pareto front as a
green line with larger points and the design as it is as an orange star.
Hovering shows the nearest candidate in a tooltip and a click selects it
(found in pixel space with numpy, no item per point). :class:`SweepChartPanel`
adds the choice of the y axis (green design index, mass or MCI), the details
of the selected candidate and the "Make variant" button.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from greendesign.sweep.pareto import pareto_front
from ui.widgets.charts import PALETTE

POINT_COLOUR = QColor(120, 130, 125, 110)
FRONT_COLOUR = PALETTE[0]
DESIGN_COLOUR = PALETTE[2]
SELECTED_COLOUR = PALETTE[4]
PICK_PIXELS = 8.0
"""How near (in pixels) the mouse must be to a point to show or select it."""


def front_mask(x: np.ndarray, y: np.ndarray, maximise: bool) -> np.ndarray:
    """Candidates not dominated for the lowest ``x`` and the highest (or lowest) ``y``."""
    return pareto_front(x, y if maximise else -np.asarray(y, dtype=float))


class SweepChart(pg.PlotWidget):
    """Candidates, their Pareto front and the design itself; hover and click pick one.

    Signals
    -------
    pointSelected(int)
        The candidate (its row in the sweep) picked by a click or :meth:`select`.
    """

    pointSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=True, y=True, alpha=0.2)
        for axis in ("bottom", "left"):
            item.getAxis(axis).enableAutoSIPrefix(False)
        self.setMinimumHeight(240)
        self.tip: Callable[[int], str] | None = None
        self.x = self.y = np.empty(0)
        self.rows = np.empty(0, dtype=int)  # candidate of each plotted point
        self.selected: int | None = None
        self.points = pg.ScatterPlotItem(size=5, pen=None, brush=POINT_COLOUR)
        self.front = pg.PlotDataItem(pen=pg.mkPen(FRONT_COLOUR, width=2), symbol="o",
                                     symbolSize=8, symbolPen=pg.mkPen("w", width=0.8),
                                     symbolBrush=FRONT_COLOUR)
        self.design = pg.ScatterPlotItem(size=18, symbol="star", pen=pg.mkPen("#8a5a12"),
                                         brush=DESIGN_COLOUR)
        self.design_label = pg.TextItem(color="#8a5a12", anchor=(0, 1))
        self.marker = pg.ScatterPlotItem(size=16, symbol="o", brush=None,
                                         pen=pg.mkPen(SELECTED_COLOUR, width=2.2))
        for part in (self.points, self.front, self.design, self.marker, self.design_label):
            item.addItem(part)
        self.front.setZValue(2)
        self.design.setZValue(3)
        self.marker.setZValue(4)
        self.scene().sigMouseMoved.connect(self._hover)
        self.scene().sigMouseClicked.connect(self._clicked)

    # --- data --------------------------------------------------------------------------
    def show_points(self, x: np.ndarray, y: np.ndarray, front: np.ndarray,
                    design: int | None, design_text: str, labels: tuple[str, str]) -> None:
        """Plot candidates ``x``/``y`` (NaN: left out), the ``front`` mask joined by a line
        and the ``design`` row as a star labelled ``design_text``."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        known = ~(np.isnan(x) | np.isnan(y))
        self.rows = np.flatnonzero(known)
        self.x, self.y = x[known], y[known]
        self.points.setData(x=self.x, y=self.y)
        on_front = np.flatnonzero(front & known)
        order = on_front[np.argsort(x[on_front], kind="stable")]
        self.front.setData(x=x[order], y=y[order])
        self.front_rows = order
        if design is not None and known[design]:
            self.design.setData(x=[x[design]], y=[y[design]])
            self.design_label.setText(design_text)
            self.design_label.setPos(float(x[design]), float(y[design]))
            self.design_label.show()
        else:
            self.design.setData(x=[], y=[])
            self.design_label.hide()
        item = self.getPlotItem()
        item.setLabel("bottom", labels[0])
        item.setLabel("left", labels[1])
        self._place_marker()
        item.autoRange(padding=0.06)
        if design is not None and known[design]:
            low, high = item.getViewBox().viewRange()[0]
            right = float(x[design]) > (low + high) / 2  # the label on the inner side
            self.design_label.setAnchor((1.0, 1.0) if right else (0.0, 1.0))

    def clear_points(self) -> None:
        self.show_points(np.empty(0), np.empty(0), np.empty(0, dtype=bool), None, "", ("", ""))
        self.select(None)

    @property
    def point_count(self) -> int:
        """Candidates plotted (those with both values known)."""
        return len(self.rows)

    @property
    def front_count(self) -> int:
        return len(self.front_rows)

    # --- picking -----------------------------------------------------------------------
    def nearest(self, scene_pos: QPointF) -> int | None:
        """The candidate plotted nearest to a scene position, within :data:`PICK_PIXELS`."""
        if not len(self.rows):
            return None
        box = self.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        view = box.viewRect()
        if view.width() <= 0 or view.height() <= 0:
            return None
        at = box.mapSceneToView(scene_pos)
        size = box.geometry()
        dx = (self.x - at.x()) * (size.width() / view.width())
        dy = (self.y - at.y()) * (size.height() / view.height())
        distance = dx * dx + dy * dy
        k = int(np.argmin(distance))
        return int(self.rows[k]) if distance[k] <= PICK_PIXELS ** 2 else None

    def _hover(self, pos: QPointF) -> None:
        row = self.nearest(pos)
        if row is None or self.tip is None:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), self.tip(row), self)

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        row = self.nearest(event.scenePos())
        if row is not None:
            self.select(row)

    def select(self, row: int | None) -> None:
        """Select candidate ``row`` (None: none) and tell :attr:`pointSelected`."""
        self.selected = row
        self._place_marker()
        if row is not None:
            self.pointSelected.emit(row)

    def _place_marker(self) -> None:
        where = np.flatnonzero(self.rows == self.selected) if self.selected is not None else []
        if len(where):
            k = int(where[0])
            self.marker.setData(x=[self.x[k]], y=[self.y[k]])
        else:
            self.marker.setData(x=[], y=[])


class SweepChartPanel(QWidget):
    """The scatter with its y-axis choice, and the selected candidate's details.

    Signals
    -------
    makeVariant(int)
        "Make variant" was clicked for the selected candidate.
    """

    makeVariant = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = None
        self.details_text: Callable[[int], str] | None = None
        self.y_combo = QComboBox()
        self.y_combo.addItem(self.tr("Green design index"), "index")
        self.y_combo.addItem(self.tr("Mass"), "mass_kg")
        self.y_combo.addItem(self.tr("Material Circularity Indicator (MCI)"), "mci")
        self.legend = QLabel(self._legend())
        self.legend.setWordWrap(True)
        self.chart = SweepChart()
        self.details = QLabel(self.tr("Click a point to see the candidate."))
        self.details.setObjectName("sweepDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.make_button = QPushButton(self.tr("Make variant"))
        self.make_button.setToolTip(self.tr("Add the selected candidate as a new variant"))
        self.make_button.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Y axis:")))
        top.addWidget(self.y_combo)
        top.addWidget(self.legend, 1)
        scroll = QScrollArea()  # the details of a sweep of many factors run long
        scroll.setWidget(self.details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side = QVBoxLayout()
        side.addWidget(scroll, 1)
        side.addWidget(self.make_button)
        side.addWidget(self.status)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(220)
        side_widget.setMaximumWidth(320)
        body = QHBoxLayout()
        body.addWidget(self.chart, 1)
        body.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        self.y_combo.currentIndexChanged.connect(lambda _i: self._plot())
        self.chart.pointSelected.connect(self._selected)
        self.make_button.clicked.connect(self._make)

    def _legend(self) -> str:
        dot = '<span style="color:{c}; font-size:14px;">{s}</span>&nbsp;{t}'
        return "&nbsp;&nbsp;&nbsp;".join((
            dot.format(c="#8c948f", s="\u25cf", t=self.tr("candidates")),
            dot.format(c=FRONT_COLOUR, s="\u25cf\u2014", t=self.tr("Pareto front")),
            dot.format(c=DESIGN_COLOUR, s="\u2605", t=self.tr("the design as it is"))))

    def axis_labels(self) -> tuple[str, str]:
        y = {"index": self.tr("Green design index (0-100)"),
             "mass_kg": self.tr("Mass (kg)"),
             "mci": self.tr("Material Circularity Indicator (MCI, 0-1)")}
        return (self.tr("GWP100 per year of service (kg CO2-eq/year)"),
                y[self.y_combo.currentData()])

    def show_result(self, result, tip: Callable[[int], str],
                    details: Callable[[int], str]) -> None:
        """Plot a sweep ``result``; ``tip``/``details``: the texts of a candidate."""
        self.result = result
        self.chart.tip = tip
        self.details_text = details
        self.chart.selected = None
        self.details.setText(self.tr("Click a point to see the candidate."))
        self.make_button.setEnabled(False)
        self.status.setText("")
        self._plot()

    def clear(self) -> None:
        self.result = None
        self.chart.clear_points()
        self.details.setText(self.tr("Run the sweep to see the design space."))
        self.make_button.setEnabled(False)

    def _plot(self) -> None:
        result = self.result
        if result is None:
            return
        key = self.y_combo.currentData()
        y = np.asarray(getattr(result, key), dtype=float)
        front = result.pareto if key == "index" else front_mask(result.gwp_per_year, y,
                                                                 key == "mci")
        self.chart.show_points(result.gwp_per_year, y, np.asarray(front, dtype=bool),
                               result.baseline, self.tr("the design as it is"),
                               self.axis_labels())

    def _selected(self, row: int) -> None:
        if self.details_text is not None:
            self.details.setText(self.details_text(row))
        self.make_button.setEnabled(True)
        self.status.setText("")

    def _make(self) -> None:
        if self.chart.selected is not None:
            self.makeVariant.emit(self.chart.selected)
