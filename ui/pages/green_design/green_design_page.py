"""The Green design page: score cards, the green design index, findings and improvements.

Everything shown comes from one :func:`greendesign.scoring.score_json` run on
the shown design, so the page and the CLI ``score`` command always agree. It
runs again (debounced) whenever the document's product, design or project
changes. These refreshes score a snapshot of the design in worker threads
(:mod:`ui.pages.green_design.scoring_job`; a 10,000-part BOM takes about a second,
its improvement search much longer) and keep the last result on screen
meanwhile; :meth:`GreenDesignPage.recompute` scores in the calling thread, for
callers that read :attr:`GreenDesignPage.result` at once. Optional GWP factors
(material code -> kg CO2-eq per kg) arrive with
:meth:`GreenDesignPage.set_gwp_lookup` once the local inventory is ready.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import GreenDesignError
from greendesign.i18n import pick
from greendesign.model import BASELINE
from greendesign.scoring import score_json
from greendesign.scoring.index import GROUP_NAMES, Profile, load_profiles
from ui.document.document import ProjectDocument
from ui.document.variant_commands import (
    add_variant_with_product,
    suggested_product,
    unique_variant_name,
)
from ui.errors import error_summary
from ui.pages.green_design.scorecards import (
    NONE,
    FindingsTableModel,
    IndicatorTableModel,
    LightLegend,
    ScoreCard,
    SuggestionTableModel,
    benchmark_text,
    number_text,
    traffic_light,
    ui_language,
    worst_first,
)
from ui.pages.green_design.scoring_job import (
    Scored,
    ScoreRequest,
    ScoringRunner,
    Snapshot,
    safe_lookup,
)
from ui.widgets.formatting import format_mass, format_number
from ui.widgets.page_parts import RefreshWhenShown, page_title

log = logging.getLogger("greendesign.ui")

DASH = "\u2014"

DEBOUNCE_MS = 120
"""Edits within this time are scored once."""


class GreenDesignPage(QWidget):
    """Scores, the green design index and ranked improvements of the shown design.

    Parameters
    ----------
    document
        The open project; the page scores its shown design.

    Signals
    -------
    scoresUpdated
        A new scoring result is shown (:attr:`result`).
    statusMessage(str)
        A short message for the status bar.
    """

    scoresUpdated = Signal()
    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("greenDesignPage")
        self.document = document
        self.result: dict[str, Any] | None = None
        self._gwp_lookup: Callable[[str], float | None] | None = None
        self._profiles: dict[str, Profile] = {}
        self._refresh = RefreshWhenShown(self, DEBOUNCE_MS, lambda: self.recompute(wait=False))
        self.runner = ScoringRunner(self)
        self.runner.scored.connect(self._scored)
        self.runner.failed.connect(self._show_error)
        self.runner.suggestionsFound.connect(self._suggestions_found)
        self.runner.suggestionsFailed.connect(lambda _message: self._suggestions_found([]))
        self._build()
        document.productChanged.connect(self.schedule)
        document.designChanged.connect(lambda _name: self.schedule())
        document.projectReplaced.connect(self.schedule)
        self.schedule()

    # --- construction ------------------------------------------------------------------
    def _build(self) -> None:
        title = page_title(self.tr("Green design"))
        self.design_label = QLabel()
        self.design_label.setStyleSheet("color: #555;")
        self.profile_combo = QComboBox()
        self.profile_combo.setObjectName("profileSelector")
        self.profile_combo.setToolTip(self.tr(
            "The index profile: indicators, benchmarks and weights for a product category"))
        self._fill_profiles()
        self.profile_combo.currentIndexChanged.connect(lambda _i: self.recompute(wait=False))
        self.scoring_label = QLabel(self.tr("Scoring\u2026"))
        self.scoring_label.setObjectName("scoringState")
        self.scoring_label.setStyleSheet("color: #555; font-style: italic;")
        self.scoring_label.hide()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.design_label, 1)
        top.addWidget(self.scoring_label)
        top.addWidget(QLabel(self.tr("Profile:")))
        top.addWidget(self.profile_combo)

        self.index_value = QLabel("\u2014")
        self.index_value.setObjectName("indexValue")
        big = self.index_value.font()
        big.setPointSizeF(big.pointSizeF() * 2.4)
        big.setBold(True)
        self.index_value.setFont(big)
        self.index_caption = QLabel(self.tr("Green design index (0\u2013100, GB/T 32161 groups)"))
        self.index_caption.setStyleSheet("font-weight: bold;")
        self.profile_label = QLabel()
        self.profile_label.setStyleSheet("color: #555;")
        self.groups_label = QLabel()
        self.groups_label.setStyleSheet("color: #333;")
        index_text = QVBoxLayout()
        index_text.setSpacing(2)
        for label in (self.index_caption, self.profile_label, self.groups_label):
            index_text.addWidget(label)
        self.index_frame = QFrame()
        self.index_frame.setObjectName("productHeader")
        index_row = QHBoxLayout(self.index_frame)
        index_row.setContentsMargins(14, 8, 14, 8)
        index_row.addWidget(self.index_value)
        index_row.addSpacing(16)
        index_row.addLayout(index_text, 1)
        index_row.addWidget(LightLegend(), 0, Qt.AlignmentFlag.AlignBottom)

        self.cards = {"lightweighting": ScoreCard(self.tr("Lightweighting")),
                      "modularity": ScoreCard(self.tr("Modularity, disassembly, repair")),
                      "recycling": ScoreCard(self.tr("Recyclability and circularity"))}
        light = self.cards["lightweighting"]
        light.add_row("mass", self.tr("Mass (without packaging)"))
        light.add_row("mass_reduction", self.tr("Mass reduction vs reference"))
        light.add_row("material_efficiency", self.tr("Material efficiency"))
        light.add_row("packaging", self.tr("Packaging (not scored)"))
        light.add_row("material_gwp", self.tr("Material GWP, cradle to gate"))
        mod = self.cards["modularity"]
        mod.add_row("reversible_joints", self.tr("Reversible joints"))
        mod.add_row("standard_fasteners", self.tr("Standard fasteners"))
        mod.add_row("disassembly_time", self.tr("Disassembly time, priority parts"))
        mod.add_row("repairability", self.tr("Repairability index (class)"))
        mod.add_row("modularity_q", self.tr("Modularity Q (Newman)"))
        rec = self.cards["recycling"]
        rec.add_row("recyclability_rate", self.tr("Recyclability rate RCR"))
        rec.add_row("recoverability_rate", self.tr("Recoverability rate RVR"))
        rec.add_row("recycled_content", self.tr("Recycled content"))
        rec.add_row("mci", self.tr("Material Circularity Indicator"))
        rec.add_row("restricted_substances", self.tr("Restricted substance findings"))
        rec.add_row("unmarked_plastics", self.tr("Unmarked plastics (ISO 11469)"))
        rec.add_row("combinations", self.tr("Material combinations hindering recycling"))
        cards_row = QHBoxLayout()
        cards_row.setSpacing(10)
        for card in self.cards.values():
            cards_row.addWidget(card, 1)

        self.indicator_model = IndicatorTableModel(self)
        self.indicator_view = QTableView()
        self.indicator_view.setObjectName("indicatorTable")
        self._setup_table(self.indicator_view, self.indicator_model)
        header = self.indicator_view.horizontalHeader()
        for column in range(len(IndicatorTableModel.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(7, 260)
        header.setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)

        self.findings_model = FindingsTableModel(
            (self.tr("Severity"), self.tr("Part"), self.tr("Finding")),
            {"fail": self.tr("fail"), "warning": self.tr("warning"), "info": self.tr("info")},
            self)
        self.findings_tree = QTreeView()  # a view of the model: rows made when drawn
        self.findings_tree.setObjectName("findingsList")
        self.findings_tree.setModel(self.findings_model)
        self.findings_tree.setRootIsDecorated(False)
        self.findings_tree.setUniformRowHeights(True)
        self.findings_tree.setAlternatingRowColors(True)
        findings_header = self.findings_tree.header()
        findings_header.setResizeContentsPrecision(200)  # widths from the first rows only
        findings_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        findings_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #555;")
        findings = QWidget()
        findings_layout = QVBoxLayout(findings)
        findings_layout.setContentsMargins(0, 4, 0, 0)
        findings_layout.addWidget(self.findings_tree, 1)
        findings_layout.addWidget(self.notes_label)

        self.suggestion_model = SuggestionTableModel(self)
        self.suggestion_view = QTableView()
        self.suggestion_view.setObjectName("suggestionTable")
        self._setup_table(self.suggestion_view, self.suggestion_model)
        self.suggestion_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        sheader = self.suggestion_view.horizontalHeader()
        for column in range(len(SuggestionTableModel.COLUMNS)):
            sheader.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        sheader.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.suggestion_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_apply())
        self.suggestion_view.doubleClicked.connect(
            lambda _index: self.apply_button.isEnabled() and self.apply_suggestion())
        self.apply_button = QPushButton(self.tr("Apply to a new variant"))
        self.apply_button.setObjectName("applySuggestion")
        self.apply_button.setToolTip(self.tr(
            "Copy the shown design into a new variant with the selected improvement applied "
            "(undoable)"))
        self.apply_button.clicked.connect(lambda _checked=False: self.apply_suggestion())
        self.apply_message = QLabel()
        self.apply_message.setWordWrap(True)
        self.apply_message.setStyleSheet("color: #555;")
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.apply_button)
        apply_row.addWidget(self.apply_message, 1)
        improvements = QWidget()
        improvements_layout = QVBoxLayout(improvements)
        improvements_layout.setContentsMargins(0, 4, 0, 0)
        improvements_layout.addWidget(self.suggestion_view, 1)
        improvements_layout.addLayout(apply_row)

        self.tabs = QTabWidget()
        self.tabs.addTab(improvements, self.tr("Improvements"))
        self.tabs.addTab(self.indicator_view, self.tr("Index indicators"))
        self.tabs.addTab(findings, self.tr("Findings"))

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a3261d;")
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.index_frame)
        layout.addLayout(cards_row)
        layout.addWidget(self.tabs, 1)
        self._update_apply()

    @staticmethod
    def _setup_table(view: QTableView, model: QAbstractTableModel) -> None:
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def _fill_profiles(self) -> None:
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        self.profile_combo.addItem(self.tr("By product category"), "")
        try:
            self._profiles = load_profiles()
        except GreenDesignError as exc:
            log.warning("index profiles not readable: %s", exc)
            self._profiles = {}
        zh = ui_language() == "zh"
        for profile in self._profiles.values():
            name = (profile.name_zh or profile.name) if zh else profile.name
            self.profile_combo.addItem(name, profile.id)
        self.profile_combo.blockSignals(False)

    # --- public API --------------------------------------------------------------------
    def set_gwp_lookup(self, lookup: Callable[[str], float | None] | None) -> None:
        """Use ``lookup`` (material code -> kg CO2-eq per kg, None when unknown) for GWP."""
        self._gwp_lookup = lookup
        self.schedule()

    def set_profile(self, profile_id: str) -> None:
        """Score against a profile by id (at once); ``""`` chooses it by the product
        category."""
        index = self.profile_combo.findData(profile_id)
        if index < 0:
            raise KeyError(profile_id)
        self.profile_combo.blockSignals(True)
        self.profile_combo.setCurrentIndex(index)
        self.profile_combo.blockSignals(False)
        self.recompute()

    def schedule(self) -> None:
        """Score again shortly, in the worker (edits in quick succession are scored once).

        A hidden page only remembers that it is out of date and scores when it is
        shown: scoring a large BOM takes a noticeable time.
        """
        self._refresh.schedule()

    def busy(self) -> bool:
        """Whether scores or suggestions of the shown design are still to come."""
        return self.runner.busy or (self._refresh.dirty and self.isVisible())

    def stop(self) -> None:
        """Drop the pending scoring and end the worker threads (on close)."""
        self._refresh.started()
        self.runner.stop()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override; the page alone)
        self.stop()
        super().closeEvent(event)

    def recompute(self, suggestions_in_background: bool = False, *, wait: bool = True) -> None:
        """Score the shown design and show the result.

        With ``wait`` the scores are computed in the calling thread and shown on
        return, the improvement suggestions too unless ``suggestions_in_background``
        (then the worker finds them). Without ``wait`` (the page's own refreshes) a
        snapshot of the design is scored and searched in the worker and shown when
        ready; the last result stays on screen meanwhile. A new request drops the
        results of older ones.
        """
        self._refresh.started()
        project = self.document.project
        if project is None:
            self.runner.drop()
            self._set_scoring(False)
            self.result = None
            self._clear()
            return
        try:
            if not wait:
                self.runner.score(self._request(project))
                self._set_scoring(True)
                return
            self.runner.drop()
            self._set_scoring(False)
            request = self._request(project) if suggestions_in_background else None
            result = score_json(project, self.document.design_name, self._gwp(),
                                profile=self._profile(),
                                suggestions=not suggestions_in_background)
        except GreenDesignError as exc:
            self.runner.drop()
            self._show_error(error_summary(exc))
            return
        self._show_result(result)
        if request is not None:
            self.runner.find_suggestions(request)
            self.statusMessage.emit(self.tr("Finding improvements\u2026"))

    def _gwp(self) -> Callable[[str], float | None] | None:
        return safe_lookup(self._gwp_lookup) if self._gwp_lookup is not None else None

    def _profile(self) -> str | None:
        return self.profile_combo.currentData() or None

    def _request(self, project) -> ScoreRequest:
        """A snapshot of the shown design and what its scoring needs (raises like
        ``score_json`` when the design is not in the project)."""
        return ScoreRequest(Snapshot.take(project, self.document.design_name), self._gwp(),
                            self._profile())

    def _set_scoring(self, scoring: bool) -> None:
        if scoring:
            self.statusMessage.emit(self.tr("Scoring\u2026"))
        self.scoring_label.setVisible(scoring)
        self._update_apply()

    def _show_error(self, message: str) -> None:
        self._set_scoring(False)
        self.result = None
        self._clear()
        self.error_label.setText(self.tr("The design cannot be scored: {error}").format(
            error=message))
        self.error_label.show()

    def _show_result(self, result: dict[str, Any], findings=None) -> None:
        self.error_label.hide()
        self.result = result
        self._show(result, findings)
        self.scoresUpdated.emit()

    def _scored(self, scored: Scored) -> None:
        self._set_scoring(False)
        self._show_result(scored.result, scored.findings)
        if self.runner.searching:
            self.statusMessage.emit(self.tr("Finding improvements\u2026"))

    def _suggestions_found(self, found: list) -> None:
        if self.result is None:
            return
        self.result["suggestions"] = found
        self._show_suggestions(found)
        self.statusMessage.emit(self.tr("Improvements found: {count}").format(count=len(found)))

    def apply_suggestion(self, row: int | None = None) -> str | None:
        """Add a variant of the shown design with suggestion ``row`` (default: the selected
        one) applied, and show it; undoable. Returns the new variant's name, or None."""
        if row is None:
            rows = self.suggestion_view.selectionModel().selectedRows()
            row = rows[0].row() if rows else None
        if self.result is None or row is None or self.document.read_only:
            return None
        if not 0 <= row < len(self.suggestion_model.suggestions):
            return None
        suggestion = self.suggestion_model.suggestions[row]
        project = self.document.project
        design = self.document.design_name
        try:
            product = suggested_product(project, design, suggestion)
            shown = self.tr("Baseline") if design == BASELINE else design
            name = unique_variant_name(project, self.tr("{design} + {change}").format(
                design=shown, change=self._lever_label(suggestion.get("lever", ""))))
            add_variant_with_product(
                self.document, name, product, suggestion.get("description", ""),
                self.tr("Apply \u201c{change}\u201d to a new variant").format(
                    change=suggestion.get("description", "")))
        except GreenDesignError as exc:
            self.apply_message.setText(error_summary(exc))
            self.statusMessage.emit(exc.message)
            return None
        message = self.tr("Added the variant \u201c{name}\u201d with the improvement applied"
                          ).format(name=name)
        self.apply_message.setText(message)
        self.statusMessage.emit(message)
        return name

    # --- showing results ---------------------------------------------------------------
    def _lever_label(self, lever: str) -> str:
        labels = {"reversible_joints": self.tr("reversible joints"),
                  "separable_joint": self.tr("separable joint"),
                  "plastic_marking": self.tr("plastic marking"),
                  "restricted_substance": self.tr("substance substitution"),
                  "recycled_content": self.tr("recycled content"),
                  "material_substitution": self.tr("material substitution")}
        return labels.get(lever, lever.replace("_", " "))

    def _clear(self) -> None:
        self.design_label.clear()
        self.index_value.setText("\u2014")
        self.profile_label.clear()
        self.groups_label.clear()
        for card in self.cards.values():
            for key in card.rows:
                card.set_row(key, "\u2014")
        self.indicator_model.set_indicators([])
        self.suggestion_model.set_suggestions([])
        self.findings_model.set_findings([])
        self.notes_label.clear()
        self._update_apply()

    def indicator_for(self, metric: str) -> dict[str, Any] | None:
        """The index indicator of the shown result that reads ``metric``, if any."""
        if self.result is None:
            return None
        for item in self.result["green_design_index"]["indicators"]:
            if item["metric"] == metric:
                return item
        return None

    def _light_tip(self, item: dict[str, Any] | None) -> str:
        if item is None:
            return self.tr("The profile has no benchmark for this score.")
        if item["value"] is None:
            return self.tr("Not assessed: the value is not known.")
        return self.tr("Benchmark {benchmark} {unit}; indicator score {score} of 100, "
                       "weight {weight}").format(
            benchmark=benchmark_text(item), unit=item["unit"],
            score=format_number((item["score"] or 0.0) * 100, 3),
            weight=format_number(item["weight"]))

    def _set(self, card: str, key: str, text: str, metric: str | None) -> None:
        item = self.indicator_for(metric) if metric else None
        light = traffic_light(item) if item is not None else NONE
        self.cards[card].set_row(key, text, light, self._light_tip(item))

    def _show(self, r: dict[str, Any], findings=None) -> None:
        language = ui_language()
        design = self.tr("Baseline") if r["design"] == BASELINE else r["design"]
        self.design_label.setText(self.tr("{product} \u2014 design {design}").format(
            product=pick(r["product"], r.get("product_zh")), design=design))
        gdi = r["green_design_index"]
        self.index_value.setText(number_text(gdi["index"], 3))
        profile = self._profiles.get(gdi["profile"])
        profile_name = profile.name if profile else gdi["profile"]
        if profile and language == "zh" and profile.name_zh:
            profile_name = profile.name_zh
        how = (self.tr("chosen") if self.profile_combo.currentData()
               else self.tr("by product category"))
        self.profile_label.setText(self.tr(
            "Profile: {name} ({how}); {coverage} % of the weight assessed").format(
            name=profile_name, how=how, coverage=format_number(gdi["coverage_pct"], 3)))
        groups = []
        for group, names in GROUP_NAMES.items():
            score = gdi["groups"].get(group)
            groups.append(f"{names[1] if language == 'zh' else names[0]} {number_text(score, 3)}")
        self.groups_label.setText("  \u00b7  ".join(groups))

        percent = " %"
        self._set("lightweighting", "mass", format_mass(r["mass_kg"]), "mass_kg")
        if r["reference_design"] is None:
            self._set("lightweighting", "mass_reduction", self.tr("\u2014 (the reference)"),
                      None)
        else:
            self._set("lightweighting", "mass_reduction",
                      number_text(r["mass_reduction_pct"], 3) + percent, "mass_reduction_pct")
        self._set("lightweighting", "material_efficiency",
                  number_text(r["material_efficiency"], 3) + percent, "material_efficiency_pct")
        self._set("lightweighting", "packaging", format_mass(r["packaging_kg"]), None)
        gwp = r["gwp"]["materials_kg"]
        self._set("lightweighting", "material_gwp",
                  self.tr("not known") if gwp is None
                  else self.tr("{value} kg CO2-eq").format(value=format_number(gwp, 3)),
                  "gwp_materials_kg")

        self._set("modularity", "reversible_joints",
                  number_text(r["reversible_joint_share"], 3) + percent, "reversible_joint_share_pct")
        self._set("modularity", "standard_fasteners",
                  number_text(r["standard_fastener_share"], 3) + percent, "standard_fastener_share_pct")
        time_s = r["disassembly_time_s"]
        self._set("modularity", "disassembly_time",
                  "\u2014" if time_s is None else f"{format_number(time_s, 3)} s",
                  "disassembly_time_s")
        rep = r["repairability"]
        self._set("modularity", "repairability",
                  f"{number_text(rep['index'], 3)} ({rep['class'] or DASH})", "repairability_index")
        self._set("modularity", "modularity_q", number_text(r["modularity_q"], 3), "modularity_q")

        self._set("recycling", "recyclability_rate", number_text(r["recyclability_rate"], 3) + percent,
                  "recyclability_rate_pct")
        self._set("recycling", "recoverability_rate",
                  number_text(r["recoverability_rate"], 3) + percent, "recoverability_rate_pct")
        self._set("recycling", "recycled_content", number_text(r["recycled_content"], 3) + percent,
                  "recycled_content_pct")
        self._set("recycling", "mci", number_text(r["mci"], 3), "mci")
        self._set("recycling", "restricted_substances",
                  str(len(r["restricted_substance_findings"])), "restricted_substance_findings")
        unmarked = len(r["plastic_marking_findings"])
        share = self.indicator_for("unmarked_plastic_share_pct")
        text = self.tr("{count} parts").format(count=unmarked)
        if share is not None and share["value"] is not None:
            text += self.tr(" ({share} % of plastic mass)").format(
                share=format_number(share["value"], 3))
        self._set("recycling", "unmarked_plastics", text, "unmarked_plastic_share_pct")
        hindering = sum(1 for f in r["combination_findings"] if f["severity"] != "info")
        self._set("recycling", "combinations", str(hindering), "hindering_combinations")

        self.indicator_model.set_indicators(gdi["indicators"], language)
        self._show_findings(r, findings)
        self._show_suggestions(r["suggestions"])

    def _show_findings(self, r: dict[str, Any], findings=None) -> None:
        """Show the findings of ``r`` (``findings``: already sorted by the worker)."""
        findings = worst_first(r) if findings is None else findings
        self.findings_model.set_findings(findings)
        self.tabs.setTabText(2, self.tr("Findings ({count})").format(count=len(findings)))
        notes = r.get("notes") or []
        self.notes_label.setText(
            self.tr("Notes:") + "\n" + "\n".join(f"\u2022 {n}" for n in notes) if notes else "")

    def _show_suggestions(self, suggestions: list[dict[str, Any]]) -> None:
        self.suggestion_model.set_suggestions(suggestions)
        self.tabs.setTabText(0, self.tr("Improvements ({count})").format(
            count=len(suggestions)))
        if suggestions:
            self.suggestion_view.selectRow(0)
        self._update_apply()

    def _update_apply(self) -> None:
        selected = bool(self.suggestion_view.selectionModel().selectedRows())
        # while the scores are on their way, the shown improvements are of the design before
        # the edit
        self.apply_button.setEnabled(selected and not self.document.read_only
                                     and self.document.project is not None
                                     and not self.runner.scoring)
