"""The Results page: the shown design's life cycle impacts, live while editing.

A method selector (family, then category) drives everything below it: the
headline total (with the value per year of service and the credits beyond the
system boundary shown apart), the stages as stacked bars, a Pareto chart of
the parts (or materials) that contribute most, tables by process, by
elementary flow and of the whole inventory, and the uncertainty panel (Monte
Carlo and the tornado chart). Notes say when greenhouse-gas-only data leave
other categories incomplete and which references have no data. The numbers
come from :class:`~ui.lca_service.LcaService`; the page only shows them.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greendesign.lca.engine import GWP100, method_label
from greendesign.lca.lifecycle import STAGES
from ui.charts import HistogramChart, ParetoChart, StageChart, TornadoChart, legend_html
from ui.formatting import format_number, format_percent
from ui.lca_service import LcaJob, LcaService, ServiceState
from ui.material_names import catalogue, dataset_name

FAMILIES = (  # (method family in the inventory, short name shown)
    ("IPCC 2021", "IPCC 2021"),
    ("EF v3.1", "EF v3.1"),
    ("Cumulative Energy Demand (CED)", "CED"),
    ("ReCiPe 2016 v1.03, midpoint (H)", "ReCiPe 2016 midpoint (H)"),
    ("CML v4.8 2016", "CML v4.8"),
)
PARETO_TOP = 12
"""Bars in the Pareto chart."""
GAPS_SHOWN = 5
"""Data gaps named in the note; the tooltip lists them all."""
TORNADO_MIN_SWING = 0.005
"""Tornado rows whose swing is below this share of the widest one are left out."""


def ui_language() -> str:
    """``"zh"`` when the interface runs in Chinese, else ``"en"``."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def location_names(kind: str) -> list[tuple[str, str]]:
    """``(code, name)`` of the catalogue's locations of ``kind`` (``grid``,
    ``eol_region``, ``renewable``), named in the interface language."""
    cat = catalogue()
    if cat is None:
        return []
    zh = ui_language() == "zh"
    return [(e.code, e.name_zh if zh and e.name_zh else e.name_en) for e in cat.entries(kind)]


def is_climate(method: tuple[str, ...]) -> bool:
    """Whether a method measures climate change (GHG-only data are complete for it)."""
    return len(method) > 1 and method[1].startswith("climate change")


class FrameTableModel(QAbstractTableModel):
    """A read-only table of a pandas DataFrame: formatted text to show, raw values to sort.

    ``columns`` lists ``(key, header, numeric)``: the frame column, its header
    text and whether it holds numbers (right-aligned, formatted).
    """

    SORT_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, columns: list[tuple[str, str, bool]], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.frame = pd.DataFrame(columns=[c[0] for c in columns])
        self._values: list = [[] for _ in columns]  # column-wise, for fast cell access

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame.reset_index(drop=True)
        self._values = [self.frame[key].to_numpy() if key in self.frame else
                        np.full(len(self.frame), "", dtype=object)
                        for key, _header, _numeric in self.columns]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        _key, _header, numeric = self.columns[index.column()]
        value = self._values[index.column()][index.row()]
        if role == self.SORT_ROLE:
            return float(value) if numeric else str(value)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if numeric:
                return format_number(float(value))
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][1]
        return None


def make_table(model: FrameTableModel, sort_key: str) -> QTableView:
    """A sortable, read-only view of ``model``: first column stretched, the others
    sized to their content, sorted by ``sort_key`` (largest first) to begin with."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(FrameTableModel.SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    keys = [c[0] for c in model.columns]
    view.sortByColumn(keys.index(sort_key), Qt.SortOrder.DescendingOrder)
    return view


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
        job.progress.connect(lambda fraction, text, j=job: j is self.job and self._progress(
            fraction, text))
        job.finished.connect(lambda value, j=job: j is self.job and self._finished(value))
        job.failed.connect(lambda message, j=job: j is self.job and self._failed(message))
        job.cancelled.connect(lambda j=job: j is self.job and self._cancelled())
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
            from greendesign.lca.uncertainty import tornado

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


class ResultsPage(QWidget):
    """Impacts of the shown design by stage, part, material, process and flow.

    Parameters
    ----------
    document
        The window's :class:`~ui.document.ProjectDocument`.
    service
        The window's :class:`~ui.lca_service.LcaService`.

    Signals
    -------
    partSelected(str)
        The id of a part the user picked in the Pareto chart.
    """

    partSelected = Signal(str)

    def __init__(self, document, service: LcaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.service = service
        self.result = None
        self.method: tuple[str, ...] = GWP100
        self._reference_job: LcaJob | None = None

        self.family_combo = QComboBox()
        self.family_combo.setObjectName("methodFamily")
        self.family_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._categories: list[tuple[str, ...]] = []
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("methodCategory")
        self.category_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_combo.setMinimumContentsLength(40)
        selector = QHBoxLayout()
        selector.addWidget(QLabel(self.tr("Method:")))
        selector.addWidget(self.family_combo)
        selector.addWidget(self.category_combo)
        selector.addStretch(1)

        self.message = QLabel()
        self.message.setObjectName("resultsMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self._build_content())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.selector = QWidget()
        selector.setContentsMargins(0, 0, 0, 0)
        self.selector.setLayout(selector)
        layout.addWidget(self.selector)
        layout.addWidget(self.stack, 1)

        self.family_combo.currentIndexChanged.connect(self._family_chosen)
        self.category_combo.currentIndexChanged.connect(self._category_chosen)
        self.pareto.barClicked.connect(self._bar_clicked)
        self.parts_button.toggled.connect(lambda _on: self._show_pareto())
        self.tabs.currentChanged.connect(lambda _i: self._show_flows())
        self.reference_button.clicked.connect(self.check_with_brightway)
        service.resultChanged.connect(self.show_result)
        service.stateChanged.connect(lambda _state: self._update_message())
        service.errorChanged.connect(lambda _message: self._update_message())
        service.factorsReady.connect(lambda _method: self._show_flows())
        self.show_result(service.result)

    # --- construction ------------------------------------------------------------------
    def _build_content(self) -> QWidget:
        self.headline = QLabel()
        self.headline.setObjectName("resultsHeadline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headline_caption = QLabel()
        self.headline_caption.setStyleSheet("color: #555;")
        self.per_year = QLabel()
        self.credits_label = QLabel()
        self.credits_label.setStyleSheet("color: #555;")
        self.credits_label.setWordWrap(True)
        self.reference_button = QPushButton(self.tr("Check with Brightway"))
        self.reference_button.setToolTip(self.tr(
            "Solve this design again with Brightway on the full technosphere (slower) and "
            "compare the total"))
        self.reference_label = QLabel()
        self.reference_label.setStyleSheet("color: #555;")
        self.reference_label.setWordWrap(True)
        header = QFrame()
        header.setObjectName("productHeader")
        grid = QGridLayout(header)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.addWidget(self.headline_caption, 0, 0, 1, 2)
        grid.addWidget(self.headline, 1, 0)
        grid.addWidget(self.per_year, 1, 1, Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(self.reference_button, 1, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.credits_label, 2, 0, 1, 2)
        grid.addWidget(self.reference_label, 2, 2, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(1, 1)

        self.ghg_note = QLabel()
        self.gaps_note = QLabel()
        for note in (self.ghg_note, self.gaps_note):
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            note.setStyleSheet("background: #fff7e0; border: 1px solid #e8d8a8; "
                               "border-radius: 3px; padding: 4px 8px;")

        self.stage_chart = StageChart()
        self.pareto = ParetoChart()
        self.parts_button = QRadioButton(self.tr("Parts"))
        self.materials_button = QRadioButton(self.tr("Materials"))
        self.parts_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.parts_button)
        group.addButton(self.materials_button)
        self.pareto_note = QLabel()
        self.pareto_note.setStyleSheet("color: #555;")
        self.pareto_note.setWordWrap(True)
        stage_box = QWidget()
        stage_layout = QVBoxLayout(stage_box)
        stage_layout.setContentsMargins(0, 0, 0, 0)
        stage_layout.addWidget(self._caption(self.tr("By life cycle stage")))
        stage_layout.addWidget(self.stage_chart, 1)
        self.stage_legend = QLabel()
        self.stage_legend.setWordWrap(True)
        stage_layout.addWidget(self.stage_legend)
        pareto_box = QWidget()
        pareto_layout = QVBoxLayout(pareto_box)
        pareto_layout.setContentsMargins(0, 0, 0, 0)
        toggle = QHBoxLayout()
        toggle.addWidget(self._caption(self.tr("Largest contributors")))
        toggle.addStretch(1)
        toggle.addWidget(self.parts_button)
        toggle.addWidget(self.materials_button)
        pareto_layout.addLayout(toggle)
        pareto_layout.addWidget(self.pareto, 1)
        pareto_layout.addWidget(self.pareto_note)
        overview = QSplitter(Qt.Orientation.Horizontal)
        overview.addWidget(stage_box)
        overview.addWidget(pareto_box)
        overview.setSizes([500, 600])

        self.process_model = FrameTableModel([
            ("name", self.tr("Process"), False), ("dataset", self.tr("Dataset"), False),
            ("score", self.tr("Score"), True), ("share", self.tr("Share of total (%)"), True)],
            self)
        self.flow_model = FrameTableModel([
            ("flow", self.tr("Flow"), False), ("compartment", self.tr("Compartment"), False),
            ("amount", self.tr("Amount"), True), ("unit", self.tr("Unit"), False),
            ("factor", self.tr("Factor"), True), ("score", self.tr("Score"), True)], self)
        self.lci_model = FrameTableModel([
            ("flow", self.tr("Flow"), False), ("compartment", self.tr("Compartment"), False),
            ("amount", self.tr("Amount"), True), ("unit", self.tr("Unit"), False)], self)
        self.process_table = make_table(self.process_model, "score")
        self.flow_table = make_table(self.flow_model, "score")
        self.lci_table = make_table(self.lci_model, "amount")
        self.flow_status = QLabel()
        self.flow_status.setStyleSheet("color: #555;")
        flows = QWidget()
        flow_layout = QVBoxLayout(flows)
        flow_layout.addWidget(self.flow_status)
        flow_layout.addWidget(self.flow_table, 1)
        self.uncertainty = UncertaintyPanel(self.service)

        self.tabs = QTabWidget()
        self.tabs.addTab(overview, self.tr("Overview"))
        self.tabs.addTab(self.process_table, self.tr("Processes"))
        self.tabs.addTab(flows, self.tr("Elementary flows"))
        self.tabs.addTab(self.lci_table, self.tr("Inventory (LCI)"))
        self.tabs.addTab(self.uncertainty, self.tr("Uncertainty"))
        self.flows_tab = flows

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(header)
        layout.addWidget(self.ghg_note)
        layout.addWidget(self.gaps_note)
        layout.addWidget(self.tabs, 1)
        return content

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionCaption")
        return label

    # --- method selection ----------------------------------------------------------------
    def _fill_families(self) -> None:
        methods = self.result.methods
        installed = {m[0] for m in methods}
        self.family_combo.blockSignals(True)
        self.family_combo.clear()
        known = [f for f, _short in FAMILIES]
        for family, short in FAMILIES:
            if family in installed:
                self.family_combo.addItem(short, family)
        for family in sorted(installed - set(known)):
            self.family_combo.addItem(family, family)
        self.family_combo.setCurrentIndex(max(0, self.family_combo.findData(self.method[0])))
        self.family_combo.blockSignals(False)
        self._fill_categories()

    def _fill_categories(self) -> None:
        family = self.family_combo.currentData()
        methods = [m for m in self.result.methods if m[0] == family]
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self._categories = methods
        for method in methods:
            self.category_combo.addItem(" | ".join(method[1:]))
        index = methods.index(self.method) if self.method in methods else 0
        self.category_combo.setCurrentIndex(index)
        self.category_combo.blockSignals(False)
        if methods:
            self.method = methods[index]

    def _family_chosen(self, _index: int) -> None:
        family = self.family_combo.currentData()
        if self.result is None or family is None:
            return
        preferred = {"IPCC 2021": GWP100}.get(family)
        if preferred is not None and preferred in self.result.methods:
            self.method = preferred
        self._fill_categories()
        self._show_method()

    def _category_chosen(self, index: int) -> None:
        if 0 <= index < len(self._categories):
            self.method = self._categories[index]
            self._show_method()

    def set_method(self, method: tuple[str, ...]) -> None:
        """Show the results of ``method`` (an installed method tuple)."""
        self.method = tuple(method)
        if self.result is not None:
            self._fill_families()
            self._show_method()

    # --- showing results -----------------------------------------------------------------
    def _update_message(self) -> bool:
        """Show the empty-state message when there is nothing to chart; True if shown."""
        product = self.document.product
        state = self.service.state
        text, error = "", False
        if state in (ServiceState.WAITING, ServiceState.LOADING):
            text = self.tr("Setting up the local inventory\u2026")
        elif state == ServiceState.FAILED or self.service.error:
            text, error = self.service.error or self.tr("The results cannot be computed."), True
        elif product is None:
            text = self.tr("Open or create a project to see its results.")
        elif not product.bom:
            text = self.tr("Add parts to the BOM to see results")
        elif self.result is None:
            text = self.tr("Computing\u2026")
        if text:
            self.message.setText(text)
            self.message.setStyleSheet("color: #a8322d; font-size: 11pt;" if error
                                       else "color: #555; font-size: 12pt;")
            self.stack.setCurrentIndex(0)
            self.selector.hide()
            return True
        self.stack.setCurrentIndex(1)
        self.selector.show()
        return False

    def show_result(self, result) -> None:
        """Show a new result of the shown design (None: the empty state)."""
        self.result = result
        self.uncertainty.result_changed(result)
        if self._update_message() or result is None:
            return
        if self.method not in result.methods:
            self.method = GWP100 if GWP100 in result.methods else result.methods[0]
        self._fill_families()
        self._show_method()

    def _column(self) -> str:
        return method_label(self.method)

    def _show_method(self) -> None:
        result = self.result
        if result is None:
            return
        j = result.methods.index(self.method)
        unit = result.units[j]
        total, credit = float(result.total[j]), float(result.credits[j])
        family = dict(FAMILIES).get(self.method[0], self.method[0])
        design = self.document.design_name
        design_text = self.tr("baseline") if design == "baseline" else design
        self.headline_caption.setText(self.tr(
            "{product} ({design}) \u00b7 {family}: {category} \u00b7 per {unit_of_function}"
        ).format(product=result.product, design=design_text, family=family,
                 category=" | ".join(self.method[1:]), unit_of_function=result.functional_unit))
        self.headline.setText(f"{format_number(total)} {unit}")
        years = result.service_life_years
        self.per_year.setText(self.tr("{value} {unit} per year over {years} years").format(
            value=format_number(total / years if years else math.nan), unit=unit,
            years=format_number(years)))
        self.credits_label.setText(self.tr(
            "Credits beyond the system boundary (recycling and energy recovery, module D): "
            "{value} {unit}, not included in the total.").format(
            value=format_number(credit), unit=unit))
        self._show_notes()
        self._show_stages(unit, credit)
        self._show_pareto()
        self._show_processes()
        self._show_flows()
        self.lci_model.set_frame(result.lci())
        self.uncertainty.set_method(self.method)
        if self.uncertainty.runs is None:
            self.uncertainty.refresh()

    def _show_notes(self) -> None:
        result = self.result
        notes = result.ghg_only_notes()
        if len(notes):
            share = notes["share_of_gwp100"].fillna(0.0).sum()
            names = "; ".join(self._dataset_text(code) for code in notes["dataset"])
            text = self.tr(
                "Greenhouse-gas-only data: {count} datasets ({names}) give greenhouse gases "
                "only, together {share} of GWP100. Categories other than climate change "
                "leave out their other emissions and are incomplete.").format(
                count=len(notes), names=names, share=format_percent(share))
            if not is_climate(self.method):
                text = "\u26a0 " + text
            self.ghg_note.setText(text)
        self.ghg_note.setVisible(bool(len(notes)))
        gaps = result.model.gaps
        if gaps:
            texts = [self._gap_text(gap) for gap in gaps]
            shown = "; ".join(texts[:GAPS_SHOWN])
            if len(texts) > GAPS_SHOWN:
                shown += "; " + self.tr("and {count} more").format(
                    count=len(texts) - GAPS_SHOWN)
            self.gaps_note.setText(self.tr(
                "Data gaps: {count} references have no inventory data and are left out "
                "({share} of the product mass): {items}.").format(
                count=len(gaps), share=format_percent(result.model.excluded_mass_share),
                items=shown))
            self.gaps_note.setToolTip("\n".join(texts))
        self.gaps_note.setVisible(bool(gaps))

    def _gap_text(self, gap) -> str:
        fields = {"material": self.tr("material"), "process": self.tr("process"),
                  "consumable": self.tr("consumable")}
        return f"{gap.part_name}: {fields.get(gap.field, gap.field)} {gap.code}"

    def _dataset_text(self, code: str) -> str:
        name = dataset_name(code, ui_language())
        if name is None and code.startswith("electricity_"):
            grid = code[len("electricity_"):]
            place = dict(location_names("grid")).get(grid)
            if place is not None:
                name = self.tr("electricity, {grid}").format(grid=place)
        return name or code

    def _stage_names(self) -> dict[str, str]:
        return {"raw_materials": self.tr("Raw materials"),
                "manufacturing": self.tr("Manufacturing"),
                "distribution": self.tr("Distribution"), "use": self.tr("Use"),
                "end_of_life": self.tr("End of life")}

    def _kind_group(self, kind: str) -> str:
        if kind.startswith("replacement"):
            return self.tr("Replacement parts")
        return {"material": self.tr("Materials"), "recycled_content": self.tr("Materials"),
                "process": self.tr("Processes"), "electricity": self.tr("Electricity"),
                "energy": self.tr("Electricity"), "transport": self.tr("Transport"),
                "consumable": self.tr("Consumables")}.get(kind, self.tr("Treatment"))

    def _show_stages(self, unit: str, credit: float) -> None:
        result = self.result
        j = result.methods.index(self.method)
        lines = result.lines
        kinds = lines["kind"].to_numpy()
        group_of = {kind: self._kind_group(kind) for kind in dict.fromkeys(kinds)}
        groups = np.array([group_of[kind] for kind in kinds], dtype=object)
        stages = lines["stage"].to_numpy()
        series: dict[str, list[float]] = {}
        for group in dict.fromkeys(groups):
            series[group] = [float(result.scores[(stages == s) & (groups == group), j].sum())
                             for s in STAGES]
        names = self._stage_names()
        self.stage_chart.show_stages([names[s] for s in STAGES], series, unit,
                                     self.tr("Credits (not in total)"), credit)
        self.stage_legend.setText(legend_html(self.stage_chart.legend_entries))

    def _show_pareto(self) -> None:
        result = self.result
        if result is None:
            return
        j = result.methods.index(self.method)
        total = float(result.total[j])
        column = self._column()
        unit = result.units[j]
        if self.parts_button.isChecked():
            frame = result.by_part(rollup=False)
            values = frame[column]
            covered = float(values.sum())
            top = values[values != 0].sort_values(ascending=False, key=np.abs).head(PARETO_TOP)
            labels = [str(frame.loc[pid, "name"]) for pid in top.index]
            tips = [self.tr("{name} ({id}): click to select it in the BOM").format(
                name=name, id=pid) for name, pid in zip(labels, top.index, strict=True)]
            self.pareto_note.setText(self.tr(
                "Parts carry {share} of the total; the rest (use-phase energy, distribution, "
                "factory energy) belongs to the product as a whole. Click a bar to select "
                "the part.").format(share=format_percent(covered / total if total else 0.0)))
        else:
            values = result.by_material()[column]
            top = values[values != 0].sort_values(ascending=False, key=np.abs).head(PARETO_TOP)
            labels = [self._dataset_text(code) for code in top.index]
            tips = [f"{label} ({code})" for label, code in zip(labels, top.index, strict=True)]
            self.pareto_note.setText(self.tr(
                "Materials with their production, transport, end of life and replacements."))
        self.pareto.show_bars([str(k) for k in top.index], labels, top.to_numpy(), total, unit,
                              tips)

    def _bar_clicked(self, key: str) -> None:
        if self.parts_button.isChecked():
            self.partSelected.emit(key)

    def _show_processes(self) -> None:
        result = self.result
        j = result.methods.index(self.method)
        total = float(result.total[j])
        frame = result.by_process()[[self._column()]].rename(columns={self._column(): "score"})
        frame = frame.reset_index().rename(columns={"index": "dataset"})
        frame["name"] = [self._dataset_text(code) for code in frame["dataset"]]
        frame["share"] = frame["score"] / total * 100.0 if total else 0.0
        self.process_model.set_frame(frame.sort_values("score", ascending=False, key=np.abs))

    def _show_flows(self) -> None:
        result = self.result
        if result is None or self.tabs.currentWidget() is not self.flows_tab:
            return
        if not self.service.request_factors(self.method):
            self.flow_status.setText(self.tr("Loading the characterisation factors\u2026"))
            self.flow_model.set_frame(self.flow_model.frame.iloc[0:0])
            return
        frame = result.by_flow(self.method)
        j = result.methods.index(self.method)
        self.flow_status.setText(self.tr(
            "{count} elementary flows contribute to {category} ({unit}).").format(
            count=len(frame), category=" | ".join(self.method[1:]), unit=result.units[j]))
        self.flow_model.set_frame(frame)

    # --- Brightway reference ---------------------------------------------------------------
    def check_with_brightway(self) -> LcaJob | None:
        """Solve the design with Brightway for the shown method and compare the totals."""
        if self.result is None:
            return None
        method = self.method
        job = self.service.run_reference([method])
        self._reference_job = job
        self.reference_button.setEnabled(False)
        self.reference_label.setText(self.tr("Solving with Brightway\u2026"))

        def finished(value) -> None:
            reference, fast = value
            j = fast.methods.index(method)
            ours, theirs = float(fast.total[j]), float(reference.total[0])
            difference = abs(ours - theirs) / abs(theirs) if theirs else abs(ours - theirs)
            self.reference_label.setText(self.tr(
                "Brightway: {value} {unit} (relative difference {diff})").format(
                value=format_number(theirs), unit=fast.units[j], diff=f"{difference:.1e}"))
            self.reference_button.setEnabled(True)

        def failed(message: str) -> None:
            self.reference_label.setText(self.tr("Brightway check failed: {message}").format(
                message=message))
            self.reference_button.setEnabled(True)

        job.finished.connect(finished)
        job.failed.connect(failed)
        job.cancelled.connect(lambda: self.reference_button.setEnabled(True))
        return job
