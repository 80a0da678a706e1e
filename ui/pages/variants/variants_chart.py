"""The chart of the Variants page: the life cycle stages as grouped bars per design."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from greendesign.lca.engine import method_label
from greendesign.lca.lifecycle import STAGES
from ui.widgets.charts import PALETTE, _Chart, legend_html


class DesignStageChart(_Chart):
    """Horizontal bars grouped by life cycle stage, one bar per design in each group."""

    def show_groups(self, categories: Sequence[str], designs: Sequence[str],
                    values: np.ndarray, unit: str) -> None:
        """``values``: designs x categories."""
        self.clear_chart()
        values = np.asarray(values, dtype=float)
        n = max(1, len(designs))
        height = 0.8 / n
        rows = np.arange(len(categories), dtype=float)
        for k, design in enumerate(designs):
            colour = PALETTE[k % len(PALETTE)]
            row = values[k]
            self.plot_item.addItem(pg.BarGraphItem(
                x0=np.minimum(row, 0.0), y=rows - 0.4 + (k + 0.5) * height,
                height=height * 0.92, width=np.abs(row), brush=colour,
                pen=pg.mkPen("w", width=0.5)))
            self.legend_entries.append((design, colour))
        self.set_categories(list(categories))
        if values.size:
            self.fit_x(float(values.min()), float(values.max()), room=0.06)
        self.plot_item.getAxis("bottom").setLabel(unit)


class StageChartPanel(QWidget):
    """A :class:`DesignStageChart` of the stages and credits of every design, with its legend.

    Parameters
    ----------
    design_text
        The name shown for a design (``baseline`` translated).
    """

    def __init__(self, design_text: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.design_text = design_text
        self.chart = DesignStageChart()
        self.chart_legend = QLabel()
        self.chart_legend.setWordWrap(True)
        chart_layout = QVBoxLayout(self)
        chart_layout.setContentsMargins(0, 4, 0, 0)
        chart_layout.addWidget(self.chart, 1)
        chart_layout.addWidget(self.chart_legend)

    def show_comparison(self, comparison, method: tuple[str, ...],
                        stage_names: dict[str, str]) -> None:
        """Show the stages of every design for ``method``; ``stage_names``: the stages' rows."""
        stages = comparison.by_stage(method)
        credits = comparison.credits()[method_label(method)]
        categories = [stage_names[s] for s in STAGES] + [self.tr("Credits (not in total)")]
        values = np.array([[*stages[d].to_numpy(), float(credits[d])]
                           for d in comparison.designs])
        designs = [self.design_text(d) for d in comparison.designs]
        self.chart.show_groups(categories, designs, values, comparison.unit(method))
        self.chart_legend.setText(legend_html(self.chart.legend_entries))
