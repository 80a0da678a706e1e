"""The "Design space" tab of the Variants page: sweep many candidate designs at once.

The designer picks the factors on the left (:class:`~ui.pages.variants.sweep_factors.FactorEditor`),
runs the sweep (:func:`greendesign.sweep.run_sweep`) as a job of the window's
:class:`~ui.services.lca_service.LcaService` with progress and Cancel, and sees
every candidate in the scatter (:class:`~ui.pages.variants.sweep_chart.SweepChartPanel`)
and the table below it, the Pareto front first. A candidate picked in the chart
or the table becomes a new variant of the design it came from in one undoable
step (:func:`ui.document.variant_commands.add_variant_with_product`).
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import GreenDesignError
from greendesign.sweep.candidates import level_text
from greendesign.sweep.spec import factor_title
from ui.document.variant_commands import add_variant_with_product, unique_variant_name
from ui.errors import error_summary
from ui.pages.variants.sweep_chart import SweepChartPanel
from ui.pages.variants.sweep_factors import FactorEditor
from ui.services.lca_service import LcaJob, LcaService
from ui.widgets.formatting import format_number
from ui.widgets.frame_table import FrameTableModel, make_table

VALUE_COLUMNS = ("gwp_per_year", "gwp", "index", "mass_kg", "mci")


def sweep_work(product, spec, background, intensity_ratio: float):
    """The work of a sweep job: :func:`greendesign.sweep.run_sweep` with progress and Cancel."""

    def work(progress, cancelled):
        # deferred: load pandas, scipy and (with a scheduler) Dask
        from greendesign.settings import dask_scheduler
        from greendesign.sweep import run_sweep
        from greendesign.sweep.run import connect_scheduler

        with connect_scheduler(dask_scheduler()) as client:  # None: in this worker thread
            return run_sweep(product, spec, background=background, progress=progress,
                             cancel=cancelled, intensity_ratio=intensity_ratio, client=client)

    return work


class SweepTab(QWidget):
    """Factors, Run/Cancel with progress, the scatter and the table of a sweep.

    Parameters
    ----------
    document
        The window's :class:`~ui.document.document.ProjectDocument`.
    service
        The window's :class:`~ui.services.lca_service.LcaService` (its background and worker).
    """

    def __init__(self, document, service: LcaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.service = service
        self.job: LcaJob | None = None
        self.result = None
        self.design = ""       # the design the result is of
        self.pareto = np.empty(0, dtype=bool)
        self._syncing = False

        self.factors = FactorEditor()
        self.run_button = QPushButton(self.tr("Run sweep"))
        self.run_button.setToolTip(self.tr(
            "Assess every candidate design and show them against each other"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.status = QLabel()
        self.status.setObjectName("sweepStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        self.chart_panel = SweepChartPanel()
        self.chart = self.chart_panel.chart
        self.model = FrameTableModel([])
        self.table = make_table(self.model, None)
        self.table.setSortingEnabled(True)

        run_row = QHBoxLayout()
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress_bar, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 4, 4, 0)
        left_layout.addWidget(self.factors, 1)
        left_layout.addLayout(run_row)
        left_layout.addWidget(self.status)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.chart_panel)
        right.addWidget(self.table)
        right.setSizes([380, 200])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([400, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(split)

        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.chart_panel.makeVariant.connect(self.make_variant)
        self.chart.pointSelected.connect(self._show_row)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._table_row(current.row()))
        self.factors.specChanged.connect(self._update_run)
        document.projectReplaced.connect(lambda: self._product_changed(reset=True))
        document.productChanged.connect(self._product_changed)
        document.designChanged.connect(lambda _name: self._product_changed())
        service.stateChanged.connect(lambda _state: self._update_run())
        self.chart_panel.clear()
        self._product_changed(reset=True)
        self._set_busy(False)

    # --- the design being swept --------------------------------------------------------
    def _product_changed(self, reset: bool = False) -> None:
        product = self.document.product
        if product is None:
            self.factors.product = None
            self.factors.set_factors([])
        elif reset or self.factors.product is None:
            self.factors.set_product(product, reset=True)
        else:
            self.factors.product = product  # the boxes keep their settings
        self._update_run()

    def _update_run(self) -> None:
        self._set_busy(self.job is not None)

    def _can_run(self) -> bool:
        if self.service.background is None or self.document.product is None:
            return False
        try:
            self.factors.spec()
        except (ValueError, GreenDesignError):
            return False
        return bool(self.document.product.bom)

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.run_button.setEnabled(not busy and self._can_run())

    # --- running -----------------------------------------------------------------------
    def run(self) -> LcaJob | None:
        """Start the sweep of the shown design in the worker; returns its job."""
        if not self._can_run():
            return None
        try:
            spec = self.factors.spec()
        except (ValueError, GreenDesignError) as exc:
            self.status.setText(error_summary(exc))
            return None
        if self.job is not None:
            self.job.cancel()
        project = self.document.project
        product = self.document.product.model_copy(deep=True)
        work = sweep_work(product, spec, self.service.background,
                          project.settings.intensity_of_use)
        self.job = job = self.service.submit(LcaJob("design_space", work))
        design = self.document.design_name
        job.follow(lambda: self.job, self._progress, lambda value: self._finished(value, design),
                   self._failed, self._cancelled)
        self.progress_bar.setValue(0)
        self.status.setText(self.tr("Starting\u2026"))
        self._set_busy(True)
        return job

    def cancel(self) -> None:
        """Stop the running sweep."""
        if self.job is not None:
            self.job.cancel()

    def _progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(int(fraction * 1000))
        self.status.setText(message)

    def _finished(self, result, design: str) -> None:
        self.job = None
        self._set_busy(False)
        self.show_result(result, design)

    def _failed(self, message: str) -> None:
        self.job = None
        self._set_busy(False)
        self.status.setText(self.tr("The sweep failed: {message}").format(message=message))

    def _cancelled(self) -> None:
        self.job = None
        self._set_busy(False)
        self.status.setText(self.tr("Sweep cancelled."))

    # --- showing -----------------------------------------------------------------------
    def show_result(self, result, design: str) -> None:
        """Show a sweep ``result`` of ``design`` in the chart and the table."""
        self.result, self.design = result, design
        self.pareto = np.asarray(result.pareto, dtype=bool)
        self.chart_panel.show_result(result, self.tip, self.details)
        self._fill_table()
        text = self.tr("{count} candidates, {front} on the Pareto front.").format(
            count=f"{len(result):,}", front=int(self.pareto.sum()))
        if np.isfinite(result.check_error):
            text += " " + self.tr("Largest deviation of sampled candidates from a direct "
                                  "assessment: {error} %.").format(
                error=format_number(result.check_error * 100, 2))
        self.status.setText(text)

    def level_texts(self, row: int) -> list[tuple[str, str]]:
        """``(factor, level)`` texts of candidate ``row``."""
        result = self.result
        return [(factor_title(f, result.product), level_text(f, int(result.levels[row, k]), result.product))
                for k, f in enumerate(result.spec.factors)]

    def value_texts(self, row: int) -> list[tuple[str, str]]:
        result = self.result
        unit = result.unit

        def num(values, digits=4):
            value = float(values[row])
            return format_number(value, digits) if np.isfinite(value) else "\u2013"

        return [(self.tr("GWP per year of service"), f"{num(result.gwp_per_year)} {unit}"),
                (self.tr("GWP over the service life"), f"{num(result.gwp)} {unit}"),
                (self.tr("Green design index"), num(result.index, 3)),
                (self.tr("Mass"), f"{num(result.mass_kg)} kg"),
                (self.tr("MCI"), num(result.mci, 3))]

    def tip(self, row: int) -> str:
        """The tooltip of candidate ``row``: its levels and values."""
        lines = [f"{html.escape(k)}: {html.escape(v)}" for k, v in
                 self.level_texts(row) + self.value_texts(row)]
        title = self.tr("Candidate {number}").format(number=row + 1)
        if self.pareto[row]:
            title += " \u00b7 " + self.tr("Pareto front")
        return f"<b>{html.escape(title)}</b><br>" + "<br>".join(lines)

    def details(self, row: int) -> str:
        """The details beside the chart of candidate ``row``."""
        return self.tip(row)

    def _fill_table(self) -> None:
        result = self.result
        factors = result.spec.factors
        keys = [f"factor_{k}" for k in range(len(factors))]
        frame = pd.DataFrame({"number": np.arange(1, len(result) + 1)})
        for k, factor in enumerate(factors):
            texts = [level_text(factor, level, result.product)
                     for level in range(int(result.levels[:, k].max()) + 1)]
            frame[keys[k]] = np.asarray(texts, dtype=object)[result.levels[:, k]]
        full = result.frame()
        for key in VALUE_COLUMNS:
            frame[key] = full[key].to_numpy(dtype=float)
        frame["pareto"] = np.where(self.pareto, "\u2713", "")
        frame = frame.iloc[np.lexsort((frame["gwp_per_year"].to_numpy(), ~self.pareto))]
        unit = result.unit
        columns = [("number", self.tr("#"), True), ("pareto", self.tr("Pareto"), False)]
        columns += [(key, factor_title(f, result.product), False)
                    for key, f in zip(keys, factors, strict=True)]
        columns += [("gwp_per_year", self.tr("GWP per year ({unit}/year)").format(unit=unit), True),
                    ("gwp", self.tr("GWP ({unit})").format(unit=unit), True),
                    ("index", self.tr("Green design index"), True),
                    ("mass_kg", self.tr("Mass (kg)"), True), ("mci", self.tr("MCI"), True)]
        self.model.columns = columns
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the frame's order
        self.model.set_frame(frame)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def _show_row(self, row: int) -> None:
        """Select candidate ``row`` in the table too."""
        if self._syncing or self.model.rowCount() == 0:
            return
        numbers = self.model.frame["number"].to_numpy()
        source = self.model.index(int(np.flatnonzero(numbers == row + 1)[0]), 0)
        proxy = self.table.model().mapFromSource(source)
        self._syncing = True
        self.table.selectRow(proxy.row())
        self.table.scrollTo(proxy)
        self._syncing = False

    def _table_row(self, proxy_row: int) -> None:
        if self._syncing or proxy_row < 0:
            return
        proxy = self.table.model()
        source = proxy.mapToSource(proxy.index(proxy_row, 0))
        number = int(self.model.value(source.row(), "number"))
        self._syncing = True
        self.chart.select(number - 1)
        self._syncing = False

    # --- making a variant --------------------------------------------------------------
    def make_variant(self, row: int) -> str | None:
        """Add candidate ``row`` as a variant of the design it came from (undoable)."""
        result, document = self.result, self.document
        project = document.project
        if result is None or project is None or document.read_only:
            return None
        if self.design not in project.design_names or \
                project.design(self.design) != result.product:
            self.chart_panel.status.setText(self.tr(
                "The design changed since the sweep: run the sweep again."))
            return None
        try:
            document.set_design(self.design)  # the variant is based on the swept design
            name = unique_variant_name(project, self.tr("sweep-{number}").format(
                number=row + 1))
            add_variant_with_product(document, name, result.candidate(row),
                                     result.describe(row),
                                     self.tr("Make design-space candidate {number} a variant"
                                             ).format(number=row + 1))
        except GreenDesignError as exc:
            self.chart_panel.status.setText(error_summary(exc))
            return None
        self.chart_panel.status.setText(self.tr("Added the variant \u201c{name}\u201d.").format(
            name=name))
        return name
