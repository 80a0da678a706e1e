"""The Results page: the shown design's life cycle impacts, live while editing.

A method selector (family, then category) drives everything below it: the
headline total (with the value per year of service and the credits beyond the
system boundary shown apart), the stages as stacked bars, a Pareto chart of
the parts (or materials) that contribute most, tables by part (tree order,
rolled up), by material, by process, by elementary flow and of the whole
inventory, and the uncertainty panel (Monte Carlo and the tornado chart).
Tables are filled only while their tab is shown, from groupings computed once
per result. Notes say when greenhouse-gas-only data leave
other categories incomplete and which references have no data. The numbers
come from :class:`~ui.services.lca_service.LcaService`; the page only shows them.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greendesign.lca.declared import inventory_total
from greendesign.lca.engine import GWP100, method_label
from greendesign.lca.lifecycle import STAGES
from greendesign.model.declared import verification_name
from ui.pages.results.results_tables import (
    ghg_only_share,
    in_total,
    material_frame,
    part_frame,
    part_scores,
    stage_series,
)
from ui.pages.results.uncertainty_panel import UncertaintyPanel
from ui.services.lca_service import LcaJob, LcaService, ServiceState
from ui.services.material_names import dataset_name, location_names, ui_language
from ui.widgets.charts import ParetoChart, StageChart, legend_html
from ui.widgets.formatting import format_number, format_percent
from ui.widgets.frame_table import FrameTableModel, LazyTabs, make_table
from ui.widgets.method_choice import FAMILIES, MethodChoice

PARETO_TOP = 12
"""Bars in the Pareto chart."""
GAPS_SHOWN = 5
"""Data gaps named in the note; the tooltip lists them all."""


def is_climate(method: tuple[str, ...]) -> bool:
    """Whether a method measures climate change (GHG-only data are complete for it)."""
    return len(method) > 1 and method[1].startswith("climate change")


class ResultsPage(QWidget):
    """Impacts of the shown design by stage, part, material, process and flow.

    Parameters
    ----------
    document
        The window's :class:`~ui.document.document.ProjectDocument`.
    service
        The window's :class:`~ui.services.lca_service.LcaService`.

    Signals
    -------
    partSelected(str)
        The id of a part the user picked in the Pareto chart or the table by part.
    """

    partSelected = Signal(str)

    def __init__(self, document, service: LcaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.service = service
        self.result = None
        self.method: tuple[str, ...] = GWP100
        self._reference_job: LcaJob | None = None
        self._groups: dict[str, object] = {}  # groupings of self.result, made once

        self.choice = MethodChoice("method", self)
        self.family_combo = self.choice.family_combo
        self.category_combo = self.choice.category_combo
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

        self.choice.methodChosen.connect(self._method_chosen)
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
        self.supplier_note = QLabel()
        self.supplier_note.setObjectName("supplierDataNote")
        for note in (self.ghg_note, self.gaps_note, self.supplier_note):
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
        self.part_model = FrameTableModel([
            ("label", self.tr("Part"), False), ("part_id", self.tr("ID"), False),
            ("own", self.tr("Own score"), True), ("rolled", self.tr("With sub-parts"), True),
            ("share", self.tr("Share of total (%)"), True)], self)
        self.material_model = FrameTableModel([
            ("name", self.tr("Material"), False), ("code", self.tr("Code"), False),
            ("score", self.tr("Score"), True), ("share", self.tr("Share of total (%)"), True)],
            self)
        self.part_table = make_table(self.part_model, None)  # tree order
        self.part_table.setToolTip(self.tr("Click a part to select it in the BOM"))
        self.part_table.clicked.connect(self._part_row_clicked)
        self.material_table = make_table(self.material_model, "score")
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
        self.tabs.addTab(self.part_table, self.tr("Parts"))
        self.tabs.addTab(self.material_table, self.tr("Materials"))
        self.tabs.addTab(self.process_table, self.tr("Processes"))
        self.tabs.addTab(flows, self.tr("Elementary flows"))
        self.tabs.addTab(self.lci_table, self.tr("Inventory (LCI)"))
        self.tabs.addTab(self.uncertainty, self.tr("Uncertainty"))
        self.flows_tab = flows
        self.lazy_tables = LazyTabs(self.tabs)
        for view in (self.part_table, self.material_table, self.process_table, self.lci_table):
            self.lazy_tables.add(view)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(header)
        layout.addWidget(self.ghg_note)
        layout.addWidget(self.gaps_note)
        layout.addWidget(self.supplier_note)
        layout.addWidget(self.tabs, 1)
        return content

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionCaption")
        return label

    # --- method selection ----------------------------------------------------------------
    def _fill_families(self) -> None:
        self.method = self.choice.set_methods(self.result.methods, self.method)

    def _method_chosen(self, method: tuple[str, ...]) -> None:
        if self.result is not None:
            self.method = method
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
        self._groups = {}
        self.uncertainty.result_changed(result)
        if self._update_message() or result is None:
            return
        if self.method not in result.methods:
            self.method = GWP100 if GWP100 in result.methods else result.methods[0]
        self._fill_families()
        self._show_method()

    def _column(self) -> str:
        return method_label(self.method)

    def _grouping(self, key: str):
        """A grouping of the result for all methods, computed once per result."""
        if key not in self._groups:
            result = self.result
            j = result.methods.index(self.method) if key.startswith("parts") else 0
            make = {"total": lambda: result.total, "credits": lambda: result.credits,
                    "counted": lambda: in_total(result),
                    "notes": lambda: ghg_only_share(result, self._grouping("counted"),
                                                    self._grouping("total")),
                    "materials": result.by_material, "processes": result.by_process,
                    "lci": result.lci}.get(key) or (
                lambda: part_scores(result, j, self._grouping("counted")))
            self._groups[key] = make()
        return self._groups[key]

    def _parts(self):
        """Each part's own score for the shown method (``score``), in tree order."""
        return self._grouping(f"parts {self._column()}")

    def _total(self) -> float:
        return float(self._grouping("total")[self.result.methods.index(self.method)])

    def _show_method(self) -> None:
        result = self.result
        if result is None:
            return
        j = result.methods.index(self.method)
        unit = result.units[j]
        total, credit = self._total(), float(self._grouping("credits")[j])
        family = dict(FAMILIES).get(self.method[0], self.method[0])
        design = self.document.design_name
        design_text = self.tr("baseline") if design == "baseline" else design
        product = self.document.product
        name = product.display_name if product is not None else result.product
        unit_of_function = (product.display_functional_unit if product is not None
                            else result.functional_unit)
        self.headline_caption.setText(self.tr(
            "{product} ({design}) \u00b7 {family}: {category} \u00b7 per {unit_of_function}"
        ).format(product=name, design=design_text, family=family,
                 category=" | ".join(self.method[1:]), unit_of_function=unit_of_function))
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
        self._show_tables()
        self._show_flows()
        self.uncertainty.set_method(self.method)
        if self.uncertainty.runs is None:
            self.uncertainty.refresh()

    def _show_notes(self) -> None:
        result = self.result
        codes, share = self._grouping("notes")
        if codes:
            names = "; ".join(self._dataset_text(code) for code in codes)
            text = self.tr(
                "Greenhouse-gas-only data: {count} datasets ({names}) give greenhouse gases "
                "only, together {share} of GWP100. Categories other than climate change "
                "leave out their other emissions and are incomplete.").format(
                count=len(codes), names=names, share=format_percent(share))
            if not is_climate(self.method):
                text = "\u26a0 " + text
            self.ghg_note.setText(text)
        self.ghg_note.setVisible(bool(codes))
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
        self._show_supplier_data(result)

    def _show_supplier_data(self, result) -> None:
        """The primary data share and the declared values behind it (hidden without any)."""
        entries = [e for e in result.supplier_data() if e["applied"]]
        share = result.primary_data_share
        if entries:
            self.supplier_note.setText(self.tr(
                "Primary data share: {share} of GWP100 rests on supplier data ({count} "
                "declared values; their lines replace the inventory datasets for the "
                "categories they declare).").format(
                share=format_percent(share) if share is not None else "\u2013",
                count=len(entries)))
            self.supplier_note.setToolTip("\n".join(
                f"{e['key']}: {e['source']} "
                f"({verification_name(e['verification'])}, {e['year']})" for e in entries))
        self.supplier_note.setVisible(bool(entries))

    def _gap_text(self, gap) -> str:
        fields = {"material": self.tr("material"), "process": self.tr("process"),
                  "consumable": self.tr("consumable")}
        return f"{gap.display_name}: {fields.get(gap.field, gap.field)} {gap.code}"

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
        series = stage_series(self.result, self.result.methods.index(self.method),
                              self._kind_group)
        names = self._stage_names()
        self.stage_chart.show_stages([names[s] for s in STAGES], series, unit,
                                     self.tr("Credits (not in total)"), credit)
        self.stage_legend.setText(legend_html(self.stage_chart.legend_entries))

    def _show_pareto(self) -> None:
        result = self.result
        if result is None:
            return
        j = result.methods.index(self.method)
        total = self._total()
        column = self._column()
        unit = result.units[j]
        if self.parts_button.isChecked():
            frame = self._parts()
            values = frame["score"]
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
            values = self._grouping("materials")[column]
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

    def _part_row_clicked(self, index) -> None:
        row = self.part_table.model().mapToSource(index).row()
        if row >= 0:
            self.partSelected.emit(str(self.part_model.value(row, "part_id")))

    def _show_tables(self) -> None:
        """Give each table the rows of this result and method, made when its tab is shown."""
        column, total = self._column(), self._total()
        self.part_model.set_frame(lambda: part_frame(self._parts(), "score", total))
        self.material_model.set_frame(lambda: material_frame(
            self._grouping("materials")[column], total, self._dataset_text))
        self.process_model.set_frame(lambda: self._process_frame(column, total))
        self.lci_model.set_frame(lambda: self._grouping("lci"))

    def _process_frame(self, column: str, total: float):
        frame = self._grouping("processes")[[column]].rename(columns={column: "score"})
        frame = frame.reset_index().rename(columns={"index": "dataset"})
        frame["name"] = [self._dataset_text(code) for code in frame["dataset"]]
        frame["share"] = frame["score"] / total * 100.0 if total else 0.0
        return frame.sort_values("score", ascending=False, key=np.abs)

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
            if fast.declared is not None:  # Brightway knows the inventory datasets only
                ours = float(inventory_total(fast)[j])
            difference = abs(ours - theirs) / abs(theirs) if theirs else abs(ours - theirs)
            self.reference_label.setText(self.tr(
                "Brightway: {value} {unit} (relative difference {diff})").format(
                value=format_number(theirs), unit=fast.units[j], diff=f"{difference:.1e}")
                + ("" if fast.declared is None else " " + self.tr(
                    "(inventory datasets only, without the supplier data)")))
            self.reference_button.setEnabled(True)

        def failed(message: str) -> None:
            self.reference_label.setText(self.tr("Brightway check failed: {message}").format(
                message=message))
            self.reference_button.setEnabled(True)

        job.finished.connect(finished)
        job.failed.connect(failed)
        job.cancelled.connect(lambda: self.reference_button.setEnabled(True))
        return job
