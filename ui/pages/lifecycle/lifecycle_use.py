"""The use phase of the Lifecycle page: grid, years, energy, consumables, replacements.

:class:`UsePhaseSection` is a part of :class:`~ui.pages.lifecycle.lifecycle_page.LifecyclePage`
(a mixin): it builds the "Use" section (electricity grid, years of use, energy
per year or operating modes, consumables per year with the catalogue search
for their material, replacement parts picked from the BOM) and turns its edits
into changes of the scenario with the page's ``_apply`` and ``_table_edit``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
)

from greendesign.model import Product
from greendesign.model.part import walk
from ui.pages.lifecycle.lifecycle_widgets import ERROR_BRUSH, MaterialDelegate, NumberField
from ui.services.material_names import catalogue, dataset_name
from ui.widgets.formatting import format_number


class UsePhaseSection:
    """The use-phase section of :class:`~ui.pages.lifecycle.lifecycle_page.LifecyclePage` (a mixin).

    It relies on the page's ``document``, ``_section``, ``_table``,
    ``_add_remove``, ``_remove_row``, ``_set_cell``, ``_apply``, ``_table_edit``
    and ``_show_error``.
    """

    def _build_use(self) -> QGroupBox:
        box, inner = self._section("use", self.tr("Use"))
        self.use_grid = QComboBox()
        self.years = NumberField(self.tr("service life"), blank_allowed=True)
        self.annual_button = QRadioButton(self.tr("Energy per year"))
        self.modes_button = QRadioButton(self.tr("Operating modes"))
        group = QButtonGroup(self)
        group.addButton(self.annual_button)
        group.addButton(self.modes_button)
        self.annual_kwh = NumberField("0")
        energy = QHBoxLayout()
        energy.addWidget(self.annual_button)
        energy.addWidget(self.annual_kwh)
        energy.addWidget(QLabel(self.tr("kWh per year")))
        energy.addSpacing(20)
        energy.addWidget(self.modes_button)
        energy.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Electricity grid:"), self.use_grid)
        form.addRow(self.tr("Years of use:"), self.years)
        inner.addLayout(form)
        inner.addLayout(energy)
        self.modes = self._table([self.tr("Mode"), self.tr("Power (W)"),
                                  self.tr("Hours per year")])
        self.modes_buttons = self._add_remove(self._add_mode, lambda: self._remove_row(
            self.modes, "use.operating_modes", self.tr("Remove operating mode")))
        inner.addWidget(self.modes)
        inner.addLayout(self.modes_buttons)
        inner.addWidget(QLabel(self.tr("Consumables per year:")))
        self.consumables = self._table([self.tr("Name"), self.tr("Material"),
                                        self.tr("Amount per year"), self.tr("Unit")])
        inner.addWidget(self.consumables)
        self.material_delegate = MaterialDelegate(self.consumables)
        self.consumables.setItemDelegateForColumn(1, self.material_delegate)
        inner.addLayout(self._add_remove(self._add_consumable, lambda: self._remove_row(
            self.consumables, "use.consumables", self.tr("Remove consumable"))))
        inner.addWidget(QLabel(self.tr("Replacement parts over the service life:")))
        self.replacements = self._table([self.tr("Part"), self.tr("Replacements")])
        inner.addWidget(self.replacements)
        inner.addLayout(self._add_remove(lambda: self._add_replacement(), lambda: self._remove_row(
            self.replacements, "use.replacements", self.tr("Remove replacement part"))))
        self.use_grid.currentIndexChanged.connect(lambda _i: self._apply(
            "use", self.tr("Change use-phase grid"),
            lambda s: s["use"].update(grid=self.use_grid.currentData())))
        self.years.committed.connect(lambda value: self._apply(
            "use", self.tr("Change years of use"),
            lambda s: s["use"].update(years=value), self.years))
        self.annual_kwh.committed.connect(lambda value: self._apply(
            "use", self.tr("Change use-phase energy"),
            lambda s: s["use"].update(energy_kwh_per_year=value, operating_modes=[]),
            self.annual_kwh))
        group.buttonClicked.connect(lambda _button: self._energy_kind_chosen())
        self.modes.itemChanged.connect(lambda _item: self._modes_edited())
        self.consumables.itemChanged.connect(lambda _item: self._consumables_edited())
        self.replacements.itemChanged.connect(lambda _item: self._replacements_edited())
        return box

    def _part_choices(self, product: Product) -> list[tuple[str, str]]:
        """``(id, label)`` of every part and assembly of the BOM, in tree order."""
        return [(node.id, "\u2003" * depth + f"{node.display_name} ({node.id})")
                for node, _count, depth, _parent in walk(product.bom)]

    def _fill_replacements(self, product: Product) -> None:
        table = self.replacements
        choices = self._part_choices(product)
        reps = product.scenario.use.replacements
        table.blockSignals(True)
        table.setRowCount(len(reps))
        for row, rep in enumerate(reps):
            combo = QComboBox()
            for part_id, label in choices:
                combo.addItem(label, part_id)
            combo.setCurrentIndex(max(0, combo.findData(rep.part_id)))
            combo.currentIndexChanged.connect(
                lambda _i, r=row, c=combo: self._replaced_part_chosen(r, c))
            table.setCellWidget(row, 0, combo)
            self._set_cell(table, row, 0, rep.part_id)
            self._set_cell(table, row, 1, format_number(rep.count, 6))
        table.blockSignals(False)

    # --- edits -------------------------------------------------------------------------
    def _energy_kind_chosen(self) -> None:
        product = self.document.product
        if product is None:
            return
        kwh = product.scenario.use.annual_energy_kwh()
        if self.modes_button.isChecked() and not product.scenario.use.operating_modes:
            mode = {"name": self.tr("in use"), "power_w": kwh, "hours_per_year": 1000.0}
            self._apply("use", self.tr("Use operating modes"), lambda s: s["use"].update(
                energy_kwh_per_year=None, operating_modes=[mode]))
        elif self.annual_button.isChecked() and product.scenario.use.operating_modes:
            self._apply("use", self.tr("Use energy per year"), lambda s: s["use"].update(
                energy_kwh_per_year=kwh, operating_modes=[]))

    def _modes_edited(self) -> None:
        self._table_edit(self.modes, "use", (1, 2), self.tr("Edit operating mode"),
                         lambda s, rows: s["use"].update(operating_modes=[
                             {"name": r[0], "power_w": r[1], "hours_per_year": r[2]}
                             for r in rows], energy_kwh_per_year=None))

    def _add_mode(self) -> None:
        self._apply("use", self.tr("Add operating mode"), lambda s: s["use"].update(
            energy_kwh_per_year=None, operating_modes=[
                *s["use"]["operating_modes"],
                {"name": self.tr("standby"), "power_w": 0.5, "hours_per_year": 1000.0}]))

    def _consumables_edited(self) -> None:
        product = self.document.product
        if self._filling or product is None:
            return
        known = {c.material for c in product.scenario.use.consumables}
        if catalogue() is not None:
            for r in range(self.consumables.rowCount()):
                item = self.consumables.item(r, 1)
                code = item.text().strip() if item is not None else ""
                if code not in known and dataset_name(code) is None:
                    self.consumables.blockSignals(True)
                    if item is not None:
                        item.setBackground(ERROR_BRUSH)
                    self.consumables.blockSignals(False)
                    self._show_error("use", self.tr(
                        "\u201c{code}\u201d is not a material of the catalogue: pick one from "
                        "the search.").format(code=code), None)
                    return
        self._table_edit(self.consumables, "use", (2,), self.tr("Edit consumable"),
                         lambda s, rows: s["use"].update(consumables=[
                             {"name": r[0], "material": r[1], "amount_per_year": r[2],
                              "unit": r[3] or "kg"} for r in rows]))

    def _add_consumable(self) -> None:
        self._apply("use", self.tr("Add consumable"), lambda s: s["use"]["consumables"].append(
            {"name": self.tr("consumable"), "material": "paper", "amount_per_year": 0.1,
             "unit": "kg"}))

    def _replaced_part_chosen(self, row: int, combo: QComboBox) -> None:
        self._apply("use", self.tr("Change replaced part"),
                    lambda s: s["use"]["replacements"][row].update(part_id=combo.currentData()))

    def _replacements_edited(self) -> None:
        table = self.replacements
        self._table_edit(table, "use", (1,), self.tr("Edit replacement part"),
                         lambda s, rows: s["use"].update(replacements=[
                             {"part_id": table.cellWidget(r, 0).currentData(), "count": row[1]}
                             for r, row in enumerate(rows)]))

    def _add_replacement(self, part_id: str | None = None, count: float = 1.0) -> None:
        """Replace ``part_id`` (default: the first part not replaced yet) ``count`` times."""
        product = self.document.product
        if product is None:
            return
        if part_id is None:
            taken = {r.part_id for r in product.scenario.use.replacements}
            ids = [pid for pid, _label in self._part_choices(product)]
            part_id = next((pid for pid in ids if pid not in taken), ids[0] if ids else None)
        if part_id is None:
            self._show_error("use", self.tr("Add parts to the BOM first."), None)
            return
        self._apply("use", self.tr("Add replacement part"),
                    lambda s: s["use"]["replacements"].append(
                        {"part_id": part_id, "count": count}))
