"""The tables of the Variants page: the comparison of the designs and the attribution.

:class:`ComparisonTable` has one column per design (baseline and variants),
the rows of :attr:`ComparisonTable.ROWS`, differences against the reference
coloured (green lower, red higher). :class:`AttributionPanel` splits one
design's difference against the reference by part and by lever.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greendesign.lca.lifecycle import STAGES
from ui.widgets.formatting import format_number
from ui.widgets.frame_table import FrameTableModel, make_table

BETTER, WORSE = QColor("#e3f1e5"), QColor("#fbe3e0")
BETTER_TEXT, WORSE_TEXT = QColor("#1f6b30"), QColor("#a8322d")
VALUE_ROLE = Qt.ItemDataRole.UserRole
"""Item data role of a table cell's raw value (a float, NaN when there is none)."""


class ComparisonTable(QTableWidget):
    """One column per design, one row per key of :attr:`ROWS`.

    Parameters
    ----------
    design_text
        The name shown for a design (``baseline`` translated).
    """

    ROWS = ("total", "total_difference", "total_difference_pct", "per_year",
            "per_year_difference", "per_year_difference_pct", *STAGES, "credits", "mass_kg",
            "service_life_years", "green_design_index", "rcr", "mci", "p_lower",
            "p_lower_per_year")
    """Keys of the comparison table's rows, top to bottom."""

    def __init__(self, design_text: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(len(self.ROWS), 0, parent)
        self.design_text = design_text
        self.setObjectName("comparisonTable")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def row_names(self) -> dict[str, str]:
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

    def stage_names(self) -> dict[str, str]:
        names = self.row_names()
        return {stage: names[stage] for stage in STAGES}

    def show_comparison(self, comparison, method: tuple[str, ...], scores: dict[str, dict],
                        p: dict[tuple[str, bool], float]) -> None:
        """Fill the table for ``method``; ``p``: P(design < reference) by (design, per year)."""
        summary = comparison.summary(method)
        unit = comparison.unit(method)
        names = self.row_names()
        labels = []
        for key in self.ROWS:
            label = names[key]
            if key in ("total", "per_year", "total_difference", "per_year_difference",
                       "credits", *STAGES):
                label = f"{label} ({unit})"
            labels.append(label)
        self.setColumnCount(len(comparison.designs))
        self.setVerticalHeaderLabels(labels)
        headers = []
        for design in comparison.designs:
            text = self.design_text(design)
            if design == comparison.reference:
                text = self.tr("{design} (reference)").format(design=text)
            headers.append(text)
        self.setHorizontalHeaderLabels(headers)
        for column, design in enumerate(comparison.designs):
            row = summary.loc[design]
            score = scores.get(design, {})
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
                self.setItem(r, column, item)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

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


class AttributionPanel(QWidget):
    """One design's difference against the reference, by part and by lever.

    Parameters
    ----------
    design_text
        The name shown for a design (``baseline`` translated).
    """

    def __init__(self, design_text: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.design_text = design_text
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
        attribution_layout = QVBoxLayout(self)
        attribution_layout.setContentsMargins(0, 4, 0, 0)
        attribution_layout.addLayout(picker)
        attribution_layout.addWidget(tables, 1)

    # --- texts -------------------------------------------------------------------------
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

    # --- showing -----------------------------------------------------------------------
    def fill_designs(self, comparison, shown: str | None) -> None:
        """List the designs other than the reference; keep the chosen one, else ``shown``."""
        current = self.design_combo.currentData()
        others = [d for d in comparison.designs if d != comparison.reference]
        wanted = current if current in others else (shown if shown in others else others[0])
        self.design_combo.blockSignals(True)
        self.design_combo.clear()
        for design in others:
            self.design_combo.addItem(self.design_text(design), design)
        self.design_combo.setCurrentIndex(self.design_combo.findData(wanted))
        self.design_combo.blockSignals(False)

    def show_attribution(self, comparison, method: tuple[str, ...]) -> None:
        """Attribute the chosen design's difference for ``method``."""
        design = self.design_combo.currentData()
        if comparison is None or design is None:
            return
        unit = comparison.unit(method)
        parts = comparison.part_attribution(design, method)
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
        levers = comparison.lever_attribution(design, method)
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
