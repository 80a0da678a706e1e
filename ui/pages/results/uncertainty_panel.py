"""The uncertainty panel of the Results page: Monte Carlo and the tornado chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greendesign.lca.engine import GWP100
from ui.services.lca_service import LcaJob, LcaService
from ui.widgets.charts import HistogramChart, TornadoChart, legend_html
from ui.widgets.formatting import format_number, format_percent

TORNADO_MIN_SWING = 0.005
"""Tornado rows whose swing is below this share of the widest one are left out."""


class UncertaintyPanel(QWidget):
    """Monte Carlo (iterations, seed, Run, progress, Cancel, histogram, statistics)
    and the tornado chart of one method."""

    def __init__(self, service: LcaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.job: LcaJob | None = None
        self.method: tuple[str, ...] = GWP100
        self.runs = None          # MonteCarlo of the last completed run
        self.run_result = None    # the Result it sampled
        self.tornado_frame: pd.DataFrame | None = None
        self.iterations = QSpinBox()
        self.iterations.setRange(2, 100_000)
        self.iterations.setSingleStep(100)
        self.iterations.setValue(1000)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(1)
        self.run_button = QPushButton(self.tr("Run Monte Carlo"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(220)
        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")
        self.histogram = HistogramChart()
        self.statistics = QLabel()
        self.statistics.setWordWrap(True)
        self.statistics.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tornado = TornadoChart()
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Iterations:")))
        controls.addWidget(self.iterations)
        controls.addSpacing(10)
        controls.addWidget(QLabel(self.tr("Seed:")))
        controls.addWidget(self.seed)
        controls.addSpacing(10)
        controls.addWidget(self.run_button)
        controls.addWidget(self.progress_bar)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.status, 1)
        left = QVBoxLayout()
        left.addWidget(self._caption(self.tr("Distribution of the total")))
        left.addWidget(self.histogram, 1)
        left.addWidget(self.statistics)
        right = QVBoxLayout()
        right.addWidget(self._caption(self.tr(
            "Sensitivity: each parameter at its 2.5 % and 97.5 % values, the others fixed")))
        right.addWidget(self.tornado, 1)
        self.tornado_legend = QLabel()
        right.addWidget(self.tornado_legend)
        charts = QHBoxLayout()
        charts.addLayout(left, 1)
        charts.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(charts, 1)
        note = QLabel(self.tr(
            "Background datasets vary with their data quality (pedigree); part masses, "
            "service life, use-phase energy and end-of-life shares with their own "
            "distributions. The same seed gives the same draws."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self._set_busy(False)

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionCaption")
        label.setWordWrap(True)
        return label

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.run_button.setEnabled(not busy and self.service.result is not None)

    def run(self) -> LcaJob | None:
        """Start a Monte Carlo run of the current result; returns its job."""
        if self.service.result is None:
            return None
        self.job = job = self.service.run_monte_carlo(
            self.iterations.value(), self.seed.value(), self.method)
        job.follow(lambda: self.job, self._progress, self._finished, self._failed,
                   self._cancelled)
        self.progress_bar.setValue(0)
        self.status.setText(self.tr("Starting\u2026"))
        self._set_busy(True)
        return job

    def cancel(self) -> None:
        """Stop the running Monte Carlo."""
        if self.job is not None:
            self.job.cancel()

    def _progress(self, fraction: float, _message: str) -> None:
        self.progress_bar.setValue(int(fraction * 1000))
        self.status.setText(self.tr("Sampling\u2026 {percent}").format(
            percent=format_percent(fraction)))

    def _finished(self, value) -> None:
        self.runs, self.tornado_frame, self.run_result = value
        self.job = None
        self._set_busy(False)
        self.status.setText(self.tr("{n} iterations, seed {seed}").format(
            n=self.runs.samples.shape[0], seed=self.runs.seed))
        self.refresh()

    def _failed(self, message: str) -> None:
        self.job = None
        self._set_busy(False)
        self.status.setText(self.tr("Monte Carlo failed: {message}").format(message=message))

    def _cancelled(self) -> None:
        self.job = None
        self._set_busy(False)
        self.status.setText(self.tr("Monte Carlo cancelled."))

    def set_method(self, method: tuple[str, ...]) -> None:
        """Show the samples and the sensitivity of ``method``."""
        if method == self.method:
            return
        self.method = method
        if self.run_result is not None:
            from greendesign.lca.uncertainty import tornado  # deferred: loads pandas

            self.tornado_frame = tornado(self.run_result, method)
        self.refresh()

    def result_changed(self, result) -> None:
        """The design changed: the last run no longer describes it."""
        self._set_busy(self.job is not None)
        if self.runs is not None and result is not self.run_result:
            self.status.setText(self.tr("The design changed since the last run: run again "
                                        "to update the distribution."))

    def refresh(self) -> None:
        """Draw the histogram, statistics and tornado of the last run."""
        if self.runs is None or self.method not in self.runs.methods:
            self.histogram.getPlotItem().clear()
            self.tornado.clear_chart()
            self.statistics.setText(self.tr("Run Monte Carlo to see how uncertain the "
                                            "total is."))
            return
        j = self.runs.methods.index(self.method)
        unit = self.runs.units[j]
        samples = self.runs.samples[:, j]
        deterministic = float(self.runs.deterministic[j])
        self.histogram.show_samples(samples, deterministic, unit, (
            self.tr("2.5 %"), self.tr("median"), self.tr("97.5 %"), self.tr("deterministic")))
        low, median, high = np.percentile(samples, [2.5, 50.0, 97.5])
        mean, sd = float(samples.mean()), float(samples.std(ddof=1))
        self.statistics.setText(self.tr(
            "Mean {mean}, median {median}, standard deviation {sd} {unit} "
            "(coefficient of variation {cv}); 95 % interval {low} \u2013 {high} {unit}; "
            "deterministic result {det} {unit}.").format(
            mean=format_number(mean), median=format_number(median), sd=format_number(sd),
            unit=unit, cv=format_percent(sd / mean) if mean else "\u2013",
            low=format_number(low), high=format_number(high), det=format_number(deterministic)))
        frame = self.tornado_frame
        if frame is None or frame.empty:
            self.tornado.clear_chart()
            return
        frame = frame[frame["swing"] >= TORNADO_MIN_SWING * frame["swing"].max()]
        labels = [self._parameter_label(name) for name in frame["parameter"]]
        self.tornado.show_swings(labels, frame["low"].to_numpy(), frame["high"].to_numpy(),
                                 float(frame.attrs.get("baseline", deterministic)), unit,
                                 (self.tr("low value"), self.tr("high value")))
        self.tornado_legend.setText(legend_html(self.tornado.legend_entries))

    def _parameter_label(self, name: str) -> str:
        if name.startswith("mass: "):
            return self.tr("mass: {part}").format(part=name[len("mass: "):])
        return {"service life": self.tr("service life"),
                "use-phase energy": self.tr("use-phase energy")}.get(name, name)
