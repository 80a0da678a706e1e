"""The Lifecycle page: how the shown design is made, shipped, used and disposed of.

Four sections edit the product's :class:`~greendesign.model.scenario.LifecycleScenario`:
production (grid, green-power share and source, factory electricity),
distribution legs, the use phase (grid, annual energy or operating modes,
years, consumables with a catalogue search for their material, replacement
parts picked from the BOM) and the end of life (region, transport to treatment).
Every edit builds a validated copy of the product and swaps it in with the
document's undoable :class:`~ui.document.edit_commands.ReplaceProductCommand`; input
the model refuses is shown on its field and changes nothing. Beside each
section, the GWP100 of its stage from :class:`~ui.services.lca_service.LcaService` and
how much the last edit changed it.

The small widgets live in :mod:`ui.pages.lifecycle.lifecycle_widgets`, the use-phase section
in :mod:`ui.pages.lifecycle.lifecycle_use`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import GreenDesignError
from greendesign.lca.engine import GWP100, method_label
from greendesign.model import Product
from greendesign.model.vocab import ElectricityAccounting, GreenPowerSource, TransportMode
from ui.document.edit_commands import ReplaceProductCommand
from ui.pages.lifecycle.lifecycle_use import UsePhaseSection
from ui.pages.lifecycle.lifecycle_widgets import (
    ERROR_BRUSH,
    EffectLabel,
    NumberField,
    location_choices,
    problem_text,
)
from ui.services.material_names import dataset_name, ui_language
from ui.widgets.formatting import format_number, parse_number


class LifecyclePage(UsePhaseSection, QWidget):
    """Production, distribution, use and end of life of the shown design.

    Parameters
    ----------
    document
        The window's :class:`~ui.document.document.ProjectDocument`.
    service
        The window's :class:`~ui.services.lca_service.LcaService` (for the effect of each section).

    Signals
    -------
    statusMessage(str)
        A refused edit, for the status bar.
    """

    statusMessage = Signal(str)

    def __init__(self, document, service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.service = service
        self.read_only = False
        self._filling = False
        self._stages: dict[str, float] | None = None
        self._changes: dict[str, float] = {}
        self._reset_changes = True
        self.effects: dict[str, EffectLabel] = {}
        self.errors: dict[str, QLabel] = {}

        self.empty = QLabel(self.tr("Open or create a project to describe its life cycle."))
        self.empty.setStyleSheet("color: #555; font-size: 12pt;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.total_label = EffectLabel()
        font = self.total_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.total_label.setFont(font)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(16, 12, 16, 12)
        column.addWidget(self.total_label)
        column.addWidget(self._build_production())
        column.addWidget(self._build_distribution())
        column.addWidget(self._build_use())
        column.addWidget(self._build_end_of_life())
        column.addStretch(1)
        self.body = body
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        self.scroll = scroll

        document.productChanged.connect(self.refresh)
        document.designChanged.connect(lambda _name: self._new_design())
        document.projectReplaced.connect(self._new_design)
        service.resultChanged.connect(self.show_result)
        self.refresh()
        self.show_result(service.result)

    # --- construction ------------------------------------------------------------------
    def _section(self, key: str, title: str) -> tuple[QGroupBox, QVBoxLayout]:
        box = QGroupBox(title)
        outer = QVBoxLayout(box)
        effect = EffectLabel()
        error = QLabel()
        error.setStyleSheet("color: #a8322d;")
        error.setWordWrap(True)
        error.hide()
        outer.addWidget(effect)
        self.effects[key] = effect
        self.errors[key] = error
        inner = QVBoxLayout()
        outer.addLayout(inner)
        outer.addWidget(error)
        return box, inner

    def _build_production(self) -> QGroupBox:
        box, inner = self._section("manufacturing", self.tr("Production"))
        self.production_grid = QComboBox()
        self.green_share = NumberField("0")
        self.green_source = QComboBox()
        self.green_source.setMaximumWidth(420)
        names = {"pv": self.tr("Solar PV"), "wind": self.tr("Wind"), "hydro": self.tr("Hydro")}
        for source in GreenPowerSource:
            label = dataset_name(source.value.upper(), ui_language()) or names[source.value]
            self.green_source.addItem(label, source.value)
        self.factory_kwh = NumberField("0")
        self.accounting = QComboBox()
        self.accounting.addItem(self.tr("Life cycle of the supply (GB/T 24067, all categories)"),
                                ElectricityAccounting.LIFE_CYCLE.value)
        self.accounting.addItem(self.tr("Published CO2 factor (MEE/NBS, carbon-market style, "
                                        "CO2 only)"),
                                ElectricityAccounting.PUBLISHED_CO2_FACTOR.value)
        self.accounting.setToolTip(self.tr(
            "How the electricity of production and use is counted: over the supply system's "
            "life cycle (fuel chains, generation, grid losses) in every impact category, or "
            "with the grid's published CO2 emission factor only."))
        form = QFormLayout()
        form.addRow(self.tr("Electricity grid:"), self.production_grid)
        form.addRow(self.tr("Green-power share (%):"), self.green_share)
        form.addRow(self.tr("Green-power source:"), self.green_source)
        form.addRow(self.tr("Factory electricity (kWh per product):"), self.factory_kwh)
        form.addRow(self.tr("Electricity accounting:"), self.accounting)
        inner.addLayout(form)
        self.accounting.currentIndexChanged.connect(lambda _i: self._apply(
            "manufacturing", self.tr("Change electricity accounting"),
            lambda s: s.update(electricity_accounting=self.accounting.currentData())))
        self.production_grid.currentIndexChanged.connect(lambda _i: self._set_production(
            "grid", self.production_grid.currentData(), self.tr("Change production grid")))
        self.green_source.currentIndexChanged.connect(lambda _i: self._set_production(
            "green_power_source", self.green_source.currentData(),
            self.tr("Change green-power source")))
        self.green_share.committed.connect(self._share_committed)
        self.factory_kwh.committed.connect(lambda value: self._set_production(
            "factory_electricity_kwh", value, self.tr("Change factory electricity"),
            self.factory_kwh))
        return box

    def _build_distribution(self) -> QGroupBox:
        box, inner = self._section("distribution", self.tr("Distribution"))
        self.legs = self._table([self.tr("Mode"), self.tr("Distance (km)"),
                                 self.tr("Description")])
        inner.addWidget(self.legs)
        inner.addLayout(self._add_remove(self._add_leg, lambda: self._remove_row(
            self.legs, "distribution", self.tr("Remove distribution leg"))))
        self.legs.itemChanged.connect(lambda _item: self._legs_edited())
        return box

    def _build_end_of_life(self) -> QGroupBox:
        box, inner = self._section("end_of_life", self.tr("End of life"))
        self.eol_region = QComboBox()
        self.eol_km = NumberField("0")
        form = QFormLayout()
        form.addRow(self.tr("Region (end-of-life scenario):"), self.eol_region)
        form.addRow(self.tr("Transport to treatment (km):"), self.eol_km)
        inner.addLayout(form)
        self.eol_region.currentIndexChanged.connect(lambda _i: self._apply(
            "end_of_life", self.tr("Change end-of-life region"),
            lambda s: s["end_of_life"].update(region=self.eol_region.currentData())))
        self.eol_km.committed.connect(lambda value: self._apply(
            "end_of_life", self.tr("Change end-of-life transport"),
            lambda s: s["end_of_life"].update(transport_km=value), self.eol_km))
        return box

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(90)
        table.setMaximumHeight(150)
        return table

    def _add_remove(self, add: Callable[[], None], remove: Callable[[], None]) -> QHBoxLayout:
        row = QHBoxLayout()
        add_button = QPushButton(self.tr("Add"))
        remove_button = QPushButton(self.tr("Remove"))
        add_button.clicked.connect(add)
        remove_button.clicked.connect(remove)
        row.addWidget(add_button)
        row.addWidget(remove_button)
        row.addStretch(1)
        return row

    # --- filling from the product ------------------------------------------------------
    def _new_design(self) -> None:
        self._reset_changes = True
        self.refresh()

    def refresh(self) -> None:
        """Show the shown design's scenario (after any change of the document)."""
        product = self.document.product
        self.empty.setVisible(product is None)
        self.scroll.setVisible(product is not None)
        if product is None:
            return
        scen = product.scenario
        self._filling = True
        try:
            self._fill_combo(self.production_grid, location_choices("grid"),
                             scen.production.grid)
            self.green_share.set_value(scen.production.green_power_share * 100.0)
            self.green_source.setCurrentIndex(
                max(0, self.green_source.findData(scen.production.green_power_source.value)))
            self.factory_kwh.set_value(scen.production.factory_electricity_kwh)
            self.accounting.setCurrentIndex(
                max(0, self.accounting.findData(scen.electricity_accounting.value)))
            self._fill_rows(self.legs, [
                (leg.mode.value, format_number(leg.distance_km, 6), leg.display_description)
                for leg in scen.distribution], mode_column=0)
            use = scen.use
            self._fill_combo(self.use_grid, location_choices("grid"), use.grid)
            self.years.set_value(use.years)
            self.years.setPlaceholderText(self.tr("{years} (service life)").format(
                years=format_number(product.service_life_years)))
            by_modes = bool(use.operating_modes)
            self.modes_button.setChecked(by_modes)
            self.annual_button.setChecked(not by_modes)
            self.annual_kwh.set_value(use.annual_energy_kwh())
            self.annual_kwh.setEnabled(not by_modes and not self.read_only)
            self._fill_rows(self.modes, [
                (m.name, format_number(m.power_w, 6), format_number(m.hours_per_year, 6))
                for m in use.operating_modes])
            self.modes.setEnabled(by_modes and not self.read_only)
            self._fill_rows(self.consumables, [
                (c.name, c.material, format_number(c.amount_per_year, 6), c.unit)
                for c in use.consumables])
            for row, item in enumerate(use.consumables):
                cell = self.consumables.item(row, 1)
                cell.setToolTip(dataset_name(item.material, ui_language()) or item.material)
            self._fill_replacements(product)
            self._fill_combo(self.eol_region, location_choices("eol_region"),
                             scen.end_of_life.region)
            self.eol_km.set_value(scen.end_of_life.transport_km)
            for error in self.errors.values():
                error.hide()
        finally:
            self._filling = False

    @staticmethod
    def _fill_combo(combo: QComboBox, choices: list[tuple[str, str]], current: str) -> None:
        combo.setMaximumWidth(420)
        combo.blockSignals(True)
        combo.clear()
        for code, label in choices:
            combo.addItem(label, code)
        if combo.findData(current) < 0:
            combo.addItem(current, current)  # a code the catalogue lacks stays visible
        combo.setCurrentIndex(combo.findData(current))
        combo.blockSignals(False)

    def _fill_rows(self, table: QTableWidget, rows: list[tuple[str, ...]],
                   mode_column: int | None = None) -> None:
        table.blockSignals(True)
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                if c == mode_column:
                    table.setCellWidget(r, c, self._mode_combo(r, value))
                self._set_cell(table, r, c, value)
        table.blockSignals(False)

    @staticmethod
    def _set_cell(table: QTableWidget, row: int, column: int, text: str) -> None:
        """Show ``text`` in a cell, keeping its item (an editor open on it stays valid)."""
        item = table.item(row, column)
        if item is None:
            table.setItem(row, column, QTableWidgetItem(text))
            return
        item.setText(text)
        item.setData(Qt.ItemDataRole.BackgroundRole, None)

    def _mode_combo(self, row: int, value: str) -> QComboBox:
        combo = QComboBox()
        for mode in TransportMode:
            combo.addItem(dataset_name(mode.value, ui_language()) or mode.value, mode.value)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        combo.currentIndexChanged.connect(lambda _i, r=row, c=combo: self._leg_mode_chosen(r, c))
        return combo

    # --- edits -------------------------------------------------------------------------
    def _apply(self, section: str, text: str, change: Callable[[dict[str, Any]], None],
               field: NumberField | None = None) -> bool:
        """Validate the product with ``change`` made to its scenario and push the edit.

        Returns False (and shows why on ``field`` or in the section) when the
        model refuses the value; the product is unchanged then.
        """
        product = self.document.product
        if self._filling or product is None:
            return False
        if self.read_only or getattr(self.document, "read_only", False):
            self.refresh()
            return False
        data = product.model_dump()
        change(data["scenario"])
        try:
            replacement = Product.model_validate(data)
        except GreenDesignError as exc:
            self._show_error(section, problem_text(exc), field)
            return False
        self.errors[section].hide()
        if field is not None:
            field.set_error("")
        if replacement == product:
            return True
        self.document.undo_stack.push(ReplaceProductCommand(
            self.document, self.document.design_name, product, replacement, text))
        return True

    def _show_error(self, section: str, message: str, field: NumberField | None) -> None:
        if field is not None:
            field.set_error(message)
        label = self.errors[section]
        label.setText(message)
        label.show()
        self.statusMessage.emit(message)

    def _set_production(self, key: str, value, text: str,
                        field: NumberField | None = None) -> bool:
        return self._apply("manufacturing", text,
                           lambda s: s["production"].update({key: value}), field)

    def _share_committed(self, percent: float) -> None:
        if not 0.0 <= percent <= 100.0:
            self._show_error("manufacturing", self.tr(
                "Enter a green-power share between 0 and 100 %."), self.green_share)
            return
        self._set_production("green_power_share", percent / 100.0,
                             self.tr("Change green-power share"), self.green_share)

    def _read_rows(self, table: QTableWidget, numeric: tuple[int, ...]
                   ) -> list[list] | None:
        """The table's rows with ``numeric`` columns parsed; None (cell marked) when one is not
        a number."""
        rows = []
        for r in range(table.rowCount()):
            values: list = []
            for c in range(table.columnCount()):
                item = table.item(r, c)
                text = item.text().strip() if item is not None else ""
                if c in numeric:
                    try:
                        values.append(parse_number(text))
                    except ValueError:
                        table.blockSignals(True)
                        item.setBackground(ERROR_BRUSH)
                        table.blockSignals(False)
                        return None
                else:
                    values.append(text)
            rows.append(values)
        return rows

    def _table_edit(self, table: QTableWidget, section: str, numeric: tuple[int, ...],
                    text: str, change: Callable[[dict, list[list]], None]) -> None:
        if self._filling:
            return
        rows = self._read_rows(table, numeric)
        if rows is None:
            self._show_error(section.split(".")[0], self.tr("Enter a number."), None)
            return
        if not self._apply(section.split(".")[0], text, lambda s: change(s, rows)):
            table.blockSignals(True)
            for r in range(table.rowCount()):
                for c in numeric:
                    if table.item(r, c) is not None:
                        table.item(r, c).setBackground(ERROR_BRUSH)
            table.blockSignals(False)

    def _legs_edited(self) -> None:
        self._table_edit(self.legs, "distribution", (1,), self.tr("Edit distribution leg"),
                         lambda s, rows: s.update(distribution=[
                             {"mode": self.legs.cellWidget(r, 0).currentData(),
                              "distance_km": row[1], "description": row[2]}
                             for r, row in enumerate(rows)]))

    def _leg_mode_chosen(self, row: int, combo: QComboBox) -> None:
        self._apply("distribution", self.tr("Change transport mode"),
                    lambda s: s["distribution"][row].update(mode=combo.currentData()))

    def _add_leg(self) -> None:
        self._apply("distribution", self.tr("Add distribution leg"),
                    lambda s: s["distribution"].append(
                        {"mode": TransportMode.TRUCK_LARGE.value, "distance_km": 100.0,
                         "description": ""}))

    def _remove_row(self, table: QTableWidget, path: str, text: str) -> None:
        row = table.currentRow()
        if row < 0:
            row = table.rowCount() - 1
        if row < 0:
            return
        keys = path.split(".")

        def change(s: dict) -> None:
            target = s
            for key in keys[:-1]:
                target = target[key]
            del target[keys[-1]][row]

        self._apply(keys[0] if keys[0] != "use" else "use", text, change)

    def set_read_only(self, read_only: bool) -> None:
        """Show the scenario without letting it be edited."""
        self.read_only = read_only
        self.body.setEnabled(not read_only)

    # --- effects -----------------------------------------------------------------------
    def show_result(self, result) -> None:
        """Show each stage's GWP100 and its change since the previous result."""
        labels = {"manufacturing": self.tr("Manufacturing"),
                  "distribution": self.tr("Distribution"), "use": self.tr("Use"),
                  "end_of_life": self.tr("End of life")}
        if result is None or GWP100 not in result.methods:
            for key, label in self.effects.items():
                label.show_effect(labels[key], None, None, "")
            self.total_label.show_effect(self.tr("Total GWP100"), None, None, "")
            return
        unit = result.units[result.methods.index(GWP100)]
        column = result.by_stage()[method_label(GWP100)]
        stages = {stage: float(value) for stage, value in column.items()}
        stages["total"] = float(result.total[result.methods.index(GWP100)])
        if self._stages is not None and not self._reset_changes:
            changes = {k: v - self._stages.get(k, 0.0) for k, v in stages.items()}
            if any(abs(c) > 1e-12 for c in changes.values()):
                self._changes = changes
        else:
            self._changes = {}
        self._reset_changes = False
        self._stages = stages
        for key, label in self.effects.items():
            label.show_effect(labels[key], stages[key], self._changes.get(key), unit)
        self.total_label.show_effect(self.tr("Total GWP100"), stages["total"],
                                     self._changes.get("total"), unit)

    def stage_gwp(self, stage: str) -> float | None:
        """The GWP100 of ``stage`` (or ``total``) last shown."""
        return None if self._stages is None else self._stages.get(stage)
