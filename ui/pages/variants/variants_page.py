"""The Variants page: every design of the project side by side, against the reference.

A method selector (family, then category) drives the page. The comparison
table has one column per design (baseline and variants): the total and the
value per year of service with their differences against the reference design
(coloured: green lower, red higher), the life cycle stages, the credits beyond
the system boundary, mass, service life and the green design scores (green
design index, recyclability rate RCR, Material Circularity Indicator, from
:func:`greendesign.scoring.report.score_json`). When the service lives differ
a note says that the designs must be compared per year of service, and names
the designs whose verdict turns around per year. Below: the stages as grouped
bars per design, and the attribution of one design's difference (by part and
by lever). A paired Monte Carlo run (a job of the
:class:`~ui.services.lca_service.LcaService`, with progress and Cancel) adds
P(design < reference) to the table. The "Design space" tab
(:mod:`ui.pages.variants.sweep_tab`) sweeps many candidate designs at once; while the
project has one design only it is shown under the page's message.

The numbers come from :mod:`greendesign.compare`; the page computes them again
(debounced) when the project changes while it is visible, once the fast-path
matrices are loaded.

The comparison and attribution tables live in :mod:`ui.pages.variants.variants_tables`, the
chart in :mod:`ui.pages.variants.variants_chart`, the paired Monte Carlo controls in
:mod:`ui.pages.variants.variants_uncertainty`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greendesign.lca.engine import GWP100, method_label
from greendesign.scoring.report import score_json
from ui.errors import error_summary
from ui.pages.variants.sweep_tab import SweepTab
from ui.pages.variants.variants_chart import StageChartPanel
from ui.pages.variants.variants_tables import VALUE_ROLE, AttributionPanel, ComparisonTable
from ui.pages.variants.variants_uncertainty import (
    PairedMonteCarloPanel,
    paired_monte_carlo_work,
    probabilities,
)
from ui.services.lca_service import LcaJob, LcaService, ServiceState
from ui.widgets.formatting import format_number
from ui.widgets.method_choice import MethodChoice
from ui.widgets.page_parts import RefreshWhenShown

RECOMPUTE_MS = 150
"""Delay between the last change of the project and the new comparison."""


class VariantsPage(QWidget):
    """The designs of the project compared with the reference design.

    Parameters
    ----------
    document
        The window's :class:`~ui.document.document.ProjectDocument`.
    service
        The window's :class:`~ui.services.lca_service.LcaService` (its background and worker).
    """

    ROWS = ComparisonTable.ROWS
    """Keys of the comparison table's rows, top to bottom."""

    def __init__(self, document, service: LcaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.service = service
        self.comparison = None
        self.scores: dict[str, dict] = {}
        self.uncertainty = None
        self.error = ""
        self.method: tuple[str, ...] = GWP100
        self.job: LcaJob | None = None
        self._refresh = RefreshWhenShown(self, RECOMPUTE_MS, self.recompute)

        self.choice = MethodChoice("variantsMethod", self)
        self.family_combo = self.choice.family_combo
        self.category_combo = self.choice.category_combo
        self.reference_label = QLabel()
        self.reference_label.setStyleSheet("color: #555;")
        selector = QHBoxLayout()
        selector.setContentsMargins(0, 0, 0, 0)
        selector.addWidget(QLabel(self.tr("Method:")))
        selector.addWidget(self.family_combo)
        selector.addWidget(self.category_combo)
        selector.addStretch(1)
        selector.addWidget(self.reference_label)
        self.selector = QWidget()
        self.selector.setLayout(selector)

        self.message = QLabel()
        self.message.setObjectName("variantsMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.sweep = SweepTab(document, service)
        self.message_page = QWidget()
        self.sweep_holder = QVBoxLayout(self.message_page)
        self.sweep_holder.setContentsMargins(0, 0, 0, 0)
        self.sweep_holder.addWidget(self.message, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message_page)
        self.stack.addWidget(self._build_content())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.selector)
        layout.addWidget(self.stack, 1)

        self.choice.methodChosen.connect(self._method_chosen)
        self.design_combo.currentIndexChanged.connect(lambda _i: self._show_attribution())
        self.changed_only.currentIndexChanged.connect(lambda _i: self._show_attribution())
        self.run_button.clicked.connect(self.run_monte_carlo)
        self.cancel_button.clicked.connect(self.cancel_monte_carlo)
        for signal in (document.productChanged, document.projectReplaced,
                       document.variantsChanged):
            signal.connect(self.schedule)
        document.designChanged.connect(lambda _name: self.schedule())
        service.stateChanged.connect(lambda _state: self.schedule())
        self._set_busy(False)
        self._update_message()

    # --- construction ------------------------------------------------------------------
    def _build_content(self) -> QWidget:
        self.note = QLabel()
        self.note.setObjectName("perYearNote")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setStyleSheet("background: #fff7e0; border: 1px solid #e8d8a8; "
                                "border-radius: 3px; padding: 4px 8px;")
        self.gaps_note = QLabel()
        self.gaps_note.setWordWrap(True)
        self.gaps_note.setStyleSheet("color: #555;")

        self.mc_panel = PairedMonteCarloPanel()
        self.iterations = self.mc_panel.iterations
        self.seed = self.mc_panel.seed
        self.run_button = self.mc_panel.run_button
        self.cancel_button = self.mc_panel.cancel_button
        self.progress_bar = self.mc_panel.progress_bar
        self.mc_status = self.mc_panel.mc_status

        self.table = ComparisonTable(self.design_text)

        self.chart_panel = StageChartPanel(self.design_text)
        self.chart = self.chart_panel.chart
        self.chart_legend = self.chart_panel.chart_legend

        self.attribution = AttributionPanel(self.design_text)
        self.design_combo = self.attribution.design_combo
        self.changed_only = self.attribution.changed_only
        self.attribution_caption = self.attribution.attribution_caption
        self.part_model = self.attribution.part_model
        self.lever_model = self.attribution.lever_model
        self.part_table = self.attribution.part_table
        self.lever_table = self.attribution.lever_table

        self.tabs = QTabWidget()
        self.tabs.addTab(self.chart_panel, self.tr("By stage"))
        self.tabs.addTab(self.attribution, self.tr("Attribution of the difference"))
        self.tabs.addTab(self.sweep, self.tr("Design space"))
        self.split = split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.tabs)
        split.setSizes([470, 330])
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.mc_panel)
        layout.addWidget(split, 1)
        layout.addWidget(self.gaps_note)
        return content

    # --- texts -------------------------------------------------------------------------
    def design_text(self, design: str) -> str:
        """The name shown for a design (``baseline`` translated)."""
        return self.tr("baseline") if design == "baseline" else design

    # --- recomputing -------------------------------------------------------------------
    def schedule(self) -> None:
        """Compare the designs again shortly (now or when the page is next shown)."""
        self._refresh.schedule()

    def recompute(self) -> None:
        """Assess and compare every design now (fast path, GUI thread)."""
        self._refresh.started()
        if self.job is not None:  # its samples would describe the old designs
            self.job.cancel()
        self.comparison, self.scores, self.uncertainty, self.error = None, {}, None, ""
        project = self.document.project
        background = self.service.background
        if (project is not None and background is not None and len(project.design_names) > 1
                and any(project.design(name).bom for name in project.design_names)):
            from greendesign.compare import compare_designs  # deferred: loads pandas

            try:
                self.comparison = compare_designs(project, list(background.methods),
                                                  background, allow_gaps=True)
            except Exception as exc:  # noqa: BLE001 - shown on the page
                self.error = error_summary(exc)
            if self.comparison is not None:
                self.scores = self._score(project)
        if self._update_message():
            return
        if self.method not in self.comparison.methods:
            self.method = GWP100 if GWP100 in self.comparison.methods else \
                self.comparison.methods[0]
        self._fill_families()
        self._fill_designs()
        self.mc_status.setText("")
        self._show()

    def _score(self, project) -> dict[str, dict]:

        comparison = self.comparison
        gwp = comparison.totals()[method_label(GWP100)] if GWP100 in comparison.methods \
            else None
        scores = {}
        for design in comparison.designs:
            try:
                total = float(gwp[design]) if gwp is not None else None
                scores[design] = score_json(project, design, gwp=total, suggestions=False)
            except Exception:  # noqa: BLE001 - scores are extra: the LCA still shows
                scores[design] = {}
        return scores

    def _update_message(self) -> bool:
        """Show the empty state when there is nothing to compare; True if shown."""
        project = self.document.project
        state = self.service.state
        text, error = "", False
        if self.service.background is None:
            if state == ServiceState.FAILED:
                text, error = (self.service.error
                               or self.tr("The results cannot be computed.")), True
            else:
                text = self.tr("Setting up the local inventory\u2026")
        elif project is None:
            text = self.tr("Open or create a project to compare its designs.")
        elif len(project.design_names) < 2:
            text = self.tr("This project has one design only. Add a variant on the Product "
                           "page to compare it with the baseline.")
        elif self.error:
            text, error = self.error, True
        elif self.comparison is None:
            text = self.tr("Add parts to the BOM to compare the designs.") if not any(
                project.design(n).bom for n in project.design_names) else \
                self.tr("Computing\u2026")
        self._place_sweep(project is not None and self.service.background is not None
                          and len(project.design_names) < 2)
        if text:
            self.message.setText(text)
            self.message.setStyleSheet("color: #a8322d; font-size: 11pt;" if error
                                       else "color: #555; font-size: 12pt;")
            self.stack.setCurrentIndex(0)
            self.selector.hide()
            self.run_button.setEnabled(False)
            return True
        self.stack.setCurrentIndex(1)
        self.selector.show()
        self._set_busy(self.job is not None)
        return False

    def _place_sweep(self, alone: bool) -> None:
        """The design-space tab under the message while there is one design only (a sweep
        is how variants are found), else among the tabs."""
        index = self.tabs.indexOf(self.sweep)
        if alone and index >= 0:
            self.tabs.removeTab(index)
            self.sweep_holder.addWidget(self.sweep, 1)
            self.sweep_holder.setStretchFactor(self.message, 0)
            self.sweep.show()
        elif not alone and index < 0:
            self.sweep_holder.removeWidget(self.sweep)
            self.sweep_holder.setStretchFactor(self.message, 1)
            self.tabs.addTab(self.sweep, self.tr("Design space"))
            self.tabs.setCurrentWidget(self.sweep)  # the sweep was what the page showed

    def _tab_changed(self) -> None:
        """The design space needs the room: the comparison table gets less meanwhile."""
        sweep = self.tabs.currentWidget() is self.sweep
        total = sum(self.split.sizes()) or 800
        self.split.setSizes([total // 4, total - total // 4] if sweep else
                            [total * 47 // 80, total - total * 47 // 80])

    # --- method selection --------------------------------------------------------------
    def _fill_families(self) -> None:
        self.method = self.choice.set_methods(self.comparison.methods, self.method)

    def _method_chosen(self, method: tuple[str, ...]) -> None:
        if self.comparison is not None:
            self.method = method
            self._show()

    def set_method(self, method: tuple[str, ...]) -> None:
        """Compare the designs for ``method`` (an installed method tuple)."""
        self.method = tuple(method)
        if self.comparison is not None:
            self._fill_families()
            self._show()

    def _fill_designs(self) -> None:
        self.attribution.fill_designs(self.comparison, self.document.design_name)

    # --- showing -----------------------------------------------------------------------
    def _show(self) -> None:
        if self.comparison is None:
            return
        comparison = self.comparison
        self.reference_label.setText(self.tr("Reference design: {design}").format(
            design=self.design_text(comparison.reference)))
        self._show_table()
        self._show_note()
        self._show_chart()
        self._show_attribution()

    def value(self, row: str, design: str) -> float:
        """The raw value of a cell of the comparison table (NaN when empty)."""
        column = self.comparison.designs.index(design)
        item = self.table.item(self.ROWS.index(row), column)
        return item.data(VALUE_ROLE) if item is not None else math.nan

    def text(self, row: str, design: str) -> str:
        """The text of a cell of the comparison table."""
        column = self.comparison.designs.index(design)
        item = self.table.item(self.ROWS.index(row), column)
        return item.text() if item is not None else ""

    def _show_table(self) -> None:
        self.table.show_comparison(self.comparison, self.method, self.scores,
                                   self._probabilities())

    def _show_note(self) -> None:
        comparison = self.comparison
        summary = comparison.summary(self.method)
        texts = []
        if comparison.per_year_needed:
            lives = ", ".join(self.tr("{design}: {years} years").format(
                design=self.design_text(d), years=format_number(comparison.service_life(d)))
                for d in comparison.designs)
            texts.append(self.tr(
                "The designs have different service lives ({lives}). Each total covers one "
                "product over its own service life, so compare the designs per year of "
                "service, not by their totals.").format(lives=lives))
        reference = self.design_text(comparison.reference)
        for design in comparison.designs:
            row = summary.loc[design]
            total, year = float(row["difference"]), float(row["per_year_difference"])
            if design == comparison.reference or total * year >= 0:
                continue
            values = {"design": self.design_text(design), "reference": reference,
                      "total": f"{abs(row['difference_pct']):.1f} %",
                      "year": f"{abs(row['per_year_difference_pct']):.1f} %"}
            if total > 0:
                texts.append(self.tr(
                    "{design} is worse in total ({total} higher) but better per year of "
                    "service ({year} lower) than {reference}.").format(**values))
            else:
                texts.append(self.tr(
                    "{design} is better in total ({total} lower) but worse per year of "
                    "service ({year} higher) than {reference}.").format(**values))
        self.note.setText(" ".join(texts))
        self.note.setVisible(bool(texts))
        gaps = sorted({g.code for r in comparison.results.values() for g in r.model.gaps})
        self.gaps_note.setText(self.tr(
            "Left out for lack of inventory data (in some designs): {codes}.").format(
            codes=", ".join(gaps)) if gaps else "")
        self.gaps_note.setVisible(bool(gaps))

    def _show_chart(self) -> None:
        self.chart_panel.show_comparison(self.comparison, self.method,
                                         self.table.stage_names())

    def _show_attribution(self) -> None:
        self.attribution.show_attribution(self.comparison, self.method)

    # --- paired Monte Carlo ------------------------------------------------------------
    def _probabilities(self) -> dict[tuple[str, bool], float]:
        return probabilities(self.uncertainty, self.method)

    def _set_busy(self, busy: bool) -> None:
        self.mc_panel.set_busy(busy, self.comparison is not None)

    def run_monte_carlo(self) -> LcaJob | None:
        """Start the paired Monte Carlo of every design in the worker; returns its job."""
        if self.comparison is None:
            return None
        if self.job is not None:
            self.job.cancel()
        comparison = self.comparison
        iterations, seed = self.iterations.value(), self.seed.value()
        if self.uncertainty is not None:  # the old probabilities go with the new run
            self.uncertainty = None
            self._show_table()

        work = paired_monte_carlo_work(comparison, iterations, seed)
        self.job = job = self.service.submit(LcaJob("paired_monte_carlo", work))
        job.follow(lambda: self.job, lambda f, _m: self._mc_progress(f),
                   lambda value: self._mc_finished(value, comparison), self._mc_failed,
                   self._mc_cancelled)
        self.mc_panel.show_started()
        self._set_busy(True)
        return job

    def cancel_monte_carlo(self) -> None:
        """Stop the running paired Monte Carlo."""
        if self.job is not None:
            self.job.cancel()

    def _mc_progress(self, fraction: float) -> None:
        self.mc_panel.show_progress(fraction)

    def _mc_finished(self, value, comparison) -> None:
        self.job = None
        self._set_busy(False)
        if comparison is not self.comparison:
            self.mc_panel.show_stale()
            return
        self.uncertainty = value
        self.mc_panel.show_finished(value)
        self._show_table()

    def _mc_failed(self, message: str) -> None:
        self.job = None
        self._set_busy(False)
        self.mc_panel.show_failed(message)

    def _mc_cancelled(self) -> None:
        self.job = None
        self._set_busy(False)
        self.mc_panel.show_cancelled()
