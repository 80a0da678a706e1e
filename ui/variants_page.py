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
:class:`~ui.lca_service.LcaService`, with progress and Cancel) adds
P(design < reference) to the table.

The numbers come from :mod:`greendesign.compare`; the page computes them again
(debounced) when the project changes while it is visible, once the fast-path
matrices are loaded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greendesign.lca.engine import GWP100, method_label
from greendesign.lca.lifecycle import STAGES
from ui.charts import PALETTE, _Chart, legend_html
from ui.errors import error_summary
from ui.formatting import format_number
from ui.frame_table import FrameTableModel, make_table
from ui.lca_service import LcaJob, LcaService, ServiceState
from ui.results_page import FAMILIES

RECOMPUTE_MS = 150
"""Delay between the last change of the project and the new comparison."""
BETTER, WORSE = QColor("#e3f1e5"), QColor("#fbe3e0")
BETTER_TEXT, WORSE_TEXT = QColor("#1f6b30"), QColor("#a8322d")
VALUE_ROLE = Qt.ItemDataRole.UserRole
"""Item data role of a table cell's raw value (a float, NaN when there is none)."""


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


class VariantsPage(QWidget):
    """The designs of the project compared with the reference design.

    Parameters
    ----------
    document
        The window's :class:`~ui.document.ProjectDocument`.
    service
        The window's :class:`~ui.lca_service.LcaService` (its background and worker).
    """

    ROWS = ("total", "total_difference", "total_difference_pct", "per_year",
            "per_year_difference", "per_year_difference_pct", *STAGES, "credits", "mass_kg",
            "service_life_years", "green_design_index", "rcr", "mci", "p_lower",
            "p_lower_per_year")
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
        self._dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOMPUTE_MS)
        self._timer.timeout.connect(self.recompute)

        self.family_combo = QComboBox()
        self.family_combo.setObjectName("variantsMethodFamily")
        self.family_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("variantsMethodCategory")
        self.category_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_combo.setMinimumContentsLength(40)
        self._categories: list[tuple[str, ...]] = []
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
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self._build_content())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.selector)
        layout.addWidget(self.stack, 1)

        self.family_combo.currentIndexChanged.connect(self._family_chosen)
        self.category_combo.currentIndexChanged.connect(self._category_chosen)
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

        self.iterations = QSpinBox()
        self.iterations.setRange(2, 20_000)
        self.iterations.setSingleStep(100)
        self.iterations.setValue(1000)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(1)
        self.run_button = QPushButton(self.tr("Run paired Monte Carlo"))
        self.run_button.setToolTip(self.tr(
            "Sample every design with the same random draws and count how often each one "
            "is lower than the reference"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(220)
        self.mc_status = QLabel()
        self.mc_status.setStyleSheet("color: #555;")
        self.mc_status.setWordWrap(True)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(QLabel(self.tr("Iterations:")))
        controls.addWidget(self.iterations)
        controls.addSpacing(8)
        controls.addWidget(QLabel(self.tr("Seed:")))
        controls.addWidget(self.seed)
        controls.addSpacing(8)
        controls.addWidget(self.run_button)
        controls.addWidget(self.progress_bar)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.mc_status, 1)

        self.table = QTableWidget(len(self.ROWS), 0)
        self.table.setObjectName("comparisonTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.chart = DesignStageChart()
        self.chart_legend = QLabel()
        self.chart_legend.setWordWrap(True)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 4, 0, 0)
        chart_layout.addWidget(self.chart, 1)
        chart_layout.addWidget(self.chart_legend)

        self.design_combo = QComboBox()
        self.design_combo.setObjectName("attributionDesign")
        self.design_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.changed_only = QComboBox()
        self.changed_only.addItem(self.tr("Parts that differ"), True)
        self.changed_only.addItem(self.tr("All parts"), False)
        self.attribution_caption = QLabel()
        self.attribution_caption.setStyleSheet("color: #555;")
        self.attribution_caption.setWordWrap(True)
        self.part_model = FrameTableModel([
            ("name", self.tr("Part"), False), ("status_text", self.tr("Status"), False),
            ("changes_text", self.tr("What changed"), False),
            ("reference", self.tr("Reference"), True), ("design", self.tr("Design"), True),
            ("difference", self.tr("Difference"), True)], self)
        self.lever_model = FrameTableModel([
            ("lever_text", self.tr("Lever"), False),
            ("difference", self.tr("Difference"), True),
            ("share", self.tr("Share of the difference (%)"), True)], self)
        self.part_table = make_table(self.part_model, None)
        self.lever_table = make_table(self.lever_model, None)
        self.lever_table.setToolTip(self.tr(
            "Material change: another material, recycled content or supply transport of a "
            "part in both designs. Mass change: its material input mass, at the reference "
            "material. Process change: the manufacturing stage. Use phase: energy, "
            "consumables and replacements. Parts added or removed: everything those parts "
            "carry."))
        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Design:")))
        picker.addWidget(self.design_combo)
        picker.addWidget(self.changed_only)
        picker.addWidget(self.attribution_caption, 1)
        tables = QSplitter(Qt.Orientation.Horizontal)
        for caption, view in ((self.tr("By part"), self.part_table),
                              (self.tr("By lever"), self.lever_table)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            title = QLabel(caption)
            title.setObjectName("sectionCaption")
            box_layout.addWidget(title)
            box_layout.addWidget(view, 1)
            tables.addWidget(box)
        tables.setSizes([720, 480])
        attribution = QWidget()
        attribution_layout = QVBoxLayout(attribution)
        attribution_layout.setContentsMargins(0, 4, 0, 0)
        attribution_layout.addLayout(picker)
        attribution_layout.addWidget(tables, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(chart_box, self.tr("By stage"))
        self.tabs.addTab(attribution, self.tr("Attribution of the difference"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.tabs)
        split.setSizes([470, 330])

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.note)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        layout.addWidget(self.gaps_note)
        return content

    # --- texts -------------------------------------------------------------------------
    def _row_names(self) -> dict[str, str]:
        return {
            "total": self.tr("Total"),
            "total_difference": self.tr("\u0394 total vs reference"),
            "total_difference_pct": self.tr("\u0394 total vs reference (%)"),
            "per_year": self.tr("Per year of service"),
            "per_year_difference": self.tr("\u0394 per year vs reference"),
            "per_year_difference_pct": self.tr("\u0394 per year vs reference (%)"),
            "raw_materials": self.tr("Raw materials"),
            "manufacturing": self.tr("Manufacturing"),
            "distribution": self.tr("Distribution"), "use": self.tr("Use"),
            "end_of_life": self.tr("End of life"),
            "credits": self.tr("Credits beyond the boundary (not in total)"),
            "mass_kg": self.tr("Mass (kg)"),
            "service_life_years": self.tr("Service life (years)"),
            "green_design_index": self.tr("Green design index (0-100)"),
            "rcr": self.tr("Recyclability rate RCR (%)"),
            "mci": self.tr("Material Circularity Indicator (MCI)"),
            "p_lower": self.tr("P(total < reference)"),
            "p_lower_per_year": self.tr("P(per year < reference)"),
        }

    def _stage_names(self) -> dict[str, str]:
        names = self._row_names()
        return {stage: names[stage] for stage in STAGES}

    def design_text(self, design: str) -> str:
        """The name shown for a design (``baseline`` translated)."""
        return self.tr("baseline") if design == "baseline" else design

    def _lever_names(self) -> dict[str, str]:
        return {"material": self.tr("Material change"),
                "mass": self.tr("Mass change"),
                "process": self.tr("Process change"),
                "use_phase": self.tr("Use phase"),
                "end_of_life": self.tr("End of life"),
                "distribution": self.tr("Distribution"),
                "parts_added_removed": self.tr("Parts added or removed")}

    def _status_names(self) -> dict[str, str]:
        return {"changed": self.tr("changed"), "unchanged": self.tr("unchanged"),
                "added": self.tr("added"), "removed": self.tr("removed"),
                "product": self.tr("product level")}

    def _change_names(self) -> dict[str, str]:
        return {"material": self.tr("material"), "mass": self.tr("mass"),
                "quantity": self.tr("quantity"), "recycled_content": self.tr("recycled content"),
                "scrap_rate": self.tr("scrap rate"), "process": self.tr("processes"),
                "end_of_life": self.tr("end of life"), "transport": self.tr("transport"),
                "replacement": self.tr("replacements"), "kind": self.tr("part or assembly")}

    # --- recomputing -------------------------------------------------------------------
    def schedule(self) -> None:
        """Compare the designs again shortly (now or when the page is next shown)."""
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._dirty:
            self._timer.start()

    def recompute(self) -> None:
        """Assess and compare every design now (fast path, GUI thread)."""
        self._timer.stop()
        self._dirty = False
        if self.job is not None:  # its samples would describe the old designs
            self.job.cancel()
        self.comparison, self.scores, self.uncertainty, self.error = None, {}, None, ""
        project = self.document.project
        background = self.service.background
        if (project is not None and background is not None and len(project.design_names) > 1
                and any(project.design(name).bom for name in project.design_names)):
            from greendesign.compare import compare_designs

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
        from greendesign.scoring.report import score_json

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

    # --- method selection --------------------------------------------------------------
    def _fill_families(self) -> None:
        methods = self.comparison.methods
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
        methods = [m for m in self.comparison.methods if m[0] == family]
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
        if self.comparison is None or family is None:
            return
        preferred = {"IPCC 2021": GWP100}.get(family)
        if preferred is not None and preferred in self.comparison.methods:
            self.method = preferred
        self._fill_categories()
        self._show()

    def _category_chosen(self, index: int) -> None:
        if 0 <= index < len(self._categories):
            self.method = self._categories[index]
            self._show()

    def set_method(self, method: tuple[str, ...]) -> None:
        """Compare the designs for ``method`` (an installed method tuple)."""
        self.method = tuple(method)
        if self.comparison is not None:
            self._fill_families()
            self._show()

    def _fill_designs(self) -> None:
        comparison = self.comparison
        current = self.design_combo.currentData()
        others = [d for d in comparison.designs if d != comparison.reference]
        shown = self.document.design_name
        wanted = current if current in others else (shown if shown in others else others[0])
        self.design_combo.blockSignals(True)
        self.design_combo.clear()
        for design in others:
            self.design_combo.addItem(self.design_text(design), design)
        self.design_combo.setCurrentIndex(self.design_combo.findData(wanted))
        self.design_combo.blockSignals(False)

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
        comparison = self.comparison
        summary = comparison.summary(self.method)
        unit = comparison.unit(self.method)
        names = self._row_names()
        labels = []
        for key in self.ROWS:
            label = names[key]
            if key in ("total", "per_year", "total_difference", "per_year_difference",
                       "credits", *STAGES):
                label = f"{label} ({unit})"
            labels.append(label)
        self.table.setColumnCount(len(comparison.designs))
        self.table.setVerticalHeaderLabels(labels)
        headers = []
        for design in comparison.designs:
            text = self.design_text(design)
            if design == comparison.reference:
                text = self.tr("{design} (reference)").format(design=text)
            headers.append(text)
        self.table.setHorizontalHeaderLabels(headers)
        p = self._probabilities()
        for column, design in enumerate(comparison.designs):
            row = summary.loc[design]
            score = self.scores.get(design, {})
            index = (score.get("green_design_index") or {}).get("index")
            is_ref = design == comparison.reference
            values = {
                "total": row["total"], "per_year": row["per_year"],
                "total_difference": row["difference"],
                "total_difference_pct": row["difference_pct"],
                "per_year_difference": row["per_year_difference"],
                "per_year_difference_pct": row["per_year_difference_pct"],
                **{s: row[s] for s in STAGES}, "credits": row["credits"],
                "mass_kg": row["mass_kg"], "service_life_years": row["service_life_years"],
                "green_design_index": index, "rcr": score.get("recyclability_rate"),
                "mci": score.get("mci"),
                "p_lower": p.get((design, False)), "p_lower_per_year": p.get((design, True)),
            }
            for r, key in enumerate(self.ROWS):
                value = values[key]
                value = math.nan if value is None else float(value)
                item = QTableWidgetItem(self._cell_text(key, value, is_ref))
                item.setData(VALUE_ROLE, value)
                item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter))
                self._colour(item, key, value, is_ref, row)
                self.table.setItem(r, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def _cell_text(self, key: str, value: float, is_reference: bool) -> str:
        if key.startswith(("total_difference", "per_year_difference", "p_lower")) \
                and is_reference:
            return self.tr("reference")
        if not math.isfinite(value):
            return "\u2013"
        if key.endswith("_pct"):
            return f"{value:+.1f} %"
        if key.endswith("difference"):
            return ("+" if value > 0 else "") + format_number(value)
        if key.startswith("p_lower"):
            return f"{value * 100:.1f} %"
        return format_number(value)

    @staticmethod
    def _colour(item: QTableWidgetItem, key: str, value: float, is_reference: bool,
                row: pd.Series) -> None:
        if is_reference or not math.isfinite(value):
            if is_reference and key.startswith(("total_difference", "per_year_difference",
                                                 "p_lower")):
                item.setForeground(QBrush(QColor("#888")))
            return
        better = None
        if key.startswith(("total_difference", "per_year_difference")) and abs(value) > 1e-12:
            better = value < 0
        elif key.startswith("p_lower"):
            better = True if value >= 0.95 else (False if value <= 0.05 else None)
        if better is None:
            return
        item.setBackground(QBrush(BETTER if better else WORSE))
        item.setForeground(QBrush(BETTER_TEXT if better else WORSE_TEXT))

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
        comparison = self.comparison
        stages = comparison.by_stage(self.method)
        credits = comparison.credits()[method_label(self.method)]
        names = self._stage_names()
        categories = [names[s] for s in STAGES] + [self.tr("Credits (not in total)")]
        values = np.array([[*stages[d].to_numpy(), float(credits[d])]
                           for d in comparison.designs])
        designs = [self.design_text(d) for d in comparison.designs]
        self.chart.show_groups(categories, designs, values, comparison.unit(self.method))
        self.chart_legend.setText(legend_html(self.chart.legend_entries))

    def _show_attribution(self) -> None:
        comparison = self.comparison
        design = self.design_combo.currentData()
        if comparison is None or design is None:
            return
        unit = comparison.unit(self.method)
        parts = comparison.part_attribution(design, self.method)
        if self.changed_only.currentData():
            parts = parts[(parts["status"] != "unchanged") & ((parts["status"] != "product")
                                                              | (parts["difference"] != 0))]
        statuses, changes = self._status_names(), self._change_names()
        parts = parts.assign(
            name=[self.tr("(product level: use energy, distribution, factory)")
                  if s == "product" else n for n, s in zip(parts["name"], parts["status"],
                                                           strict=True)],
            status_text=[statuses.get(s, s) for s in parts["status"]],
            changes_text=[", ".join(changes.get(c, c) for c in text.split(", ") if c)
                          for text in parts["changes"]])
        self.part_model.set_frame(parts.sort_values("difference", key=np.abs,
                                                    ascending=False))
        levers = comparison.lever_attribution(design, self.method)
        names = self._lever_names()
        levers = levers.assign(lever_text=[names[k] for k in levers["lever"]],
                               share=levers["share_of_difference"] * 100.0)
        self.lever_model.set_frame(levers)
        total = levers.attrs["total_difference"]
        self.attribution_caption.setText(self.tr(
            "{design} vs {reference}: {difference} {unit} in total; the rows add up to "
            "this difference.").format(
            design=self.design_text(design),
            reference=self.design_text(comparison.reference),
            difference=("+" if total > 0 else "") + format_number(total), unit=unit))

    # --- paired Monte Carlo ------------------------------------------------------------
    def _probabilities(self) -> dict[tuple[str, bool], float]:
        if self.uncertainty is None:
            return {}
        frame = self.uncertainty.frame
        frame = frame[frame["method"] == method_label(self.method)]
        out = {}
        for _i, row in frame.iterrows():
            out[(row["design"], False)] = row["p_lower"]
            out[(row["design"], True)] = row["p_lower_per_year"]
        return out

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.run_button.setEnabled(not busy and self.comparison is not None)

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

        def work(progress, cancelled):
            from greendesign.compare import paired_uncertainty

            return paired_uncertainty(comparison, iterations, seed, progress=progress,
                                      cancelled=cancelled)

        self.job = job = self.service.submit(LcaJob("paired_monte_carlo", work))
        job.progress.connect(lambda f, _m, j=job: j is self.job and self._mc_progress(f))
        job.finished.connect(lambda value, j=job, c=comparison: j is self.job
                             and self._mc_finished(value, c))
        job.failed.connect(lambda message, j=job: j is self.job and self._mc_failed(message))
        job.cancelled.connect(lambda j=job: j is self.job and self._mc_cancelled())
        self.progress_bar.setValue(0)
        self.mc_status.setText(self.tr("Starting\u2026"))
        self._set_busy(True)
        return job

    def cancel_monte_carlo(self) -> None:
        """Stop the running paired Monte Carlo."""
        if self.job is not None:
            self.job.cancel()

    def _mc_progress(self, fraction: float) -> None:
        self.progress_bar.setValue(int(fraction * 1000))
        self.mc_status.setText(self.tr("Sampling\u2026 {percent} %").format(
            percent=format_number(fraction * 100, 3)))

    def _mc_finished(self, value, comparison) -> None:
        self.job = None
        self._set_busy(False)
        if comparison is not self.comparison:
            self.mc_status.setText(self.tr("The designs changed during the run: run again."))
            return
        self.uncertainty = value
        self.mc_status.setText(self.tr(
            "{n} paired iterations, seed {seed}: P(design < reference) in the last rows; "
            "green from 95 %, red up to 5 %.").format(n=value.iterations, seed=value.seed))
        self._show_table()

    def _mc_failed(self, message: str) -> None:
        self.job = None
        self._set_busy(False)
        self.mc_status.setText(self.tr("Monte Carlo failed: {message}").format(
            message=message))

    def _mc_cancelled(self) -> None:
        self.job = None
        self._set_busy(False)
        self.mc_status.setText(self.tr("Paired Monte Carlo cancelled."))
