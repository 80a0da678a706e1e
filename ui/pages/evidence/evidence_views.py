"""The two views of the evaluated evidence on the Evidence pack page.

* :class:`ConformityView`, the **Specification** tab: the profile chooser (its buttons are
  connected by the page), the profile's note and the conformity table of the shown design;
* :class:`CompletenessPanel`, beside the tabs: the completeness items, blocking first,
  each in the colour of its severity.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greendesign.evidence.completeness import Gap
from greendesign.evidence.conformity import Conformity
from greendesign.evidence.spec_model import SpecificationProfile
from greendesign.scoring.index import GROUP_NAMES
from ui.services.material_names import ui_language
from ui.widgets.formatting import format_number

RED, AMBER, GREEN, GREY = (QColor("#c0392b"), QColor("#d68910"), QColor("#1e8449"),
                           QColor("#7f8c8d"))


class ConformityView(QWidget):
    """The profile chooser, the profile's note, the conformity table and its counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile_combo = QComboBox()
        self.profile_combo.setObjectName("specificationSelector")
        self.profile_combo.setMinimumWidth(320)
        self.import_button = QPushButton(self.tr("Import\u2026"))
        self.import_button.setObjectName("importSpecification")
        self.import_button.setToolTip(self.tr(
            "Import a specification profile from a JSON or XLSX file; it is kept in the project"))
        self.template_button = QPushButton(self.tr("Export as XLSX\u2026"))
        self.template_button.setToolTip(self.tr(
            "Write the chosen profile as an XLSX file: a template for a profile of your own"))
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Specification profile:")))
        chooser.addWidget(self.profile_combo, 1)
        chooser.addWidget(self.import_button)
        chooser.addWidget(self.template_button)
        self.profile_note = QLabel()
        self.profile_note.setWordWrap(True)
        self.profile_note.setStyleSheet("color: #555;")
        self.conformity_table = QTableWidget(0, 6)
        self.conformity_table.setObjectName("conformityTable")
        self.conformity_table.setHorizontalHeaderLabels([
            self.tr("Requirement or indicator"), self.tr("Group"), self.tr("Benchmark"),
            self.tr("Value"), self.tr("Result"), self.tr("Evidence")])
        self.conformity_table.verticalHeader().hide()
        self.conformity_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conformity_table.setAlternatingRowColors(True)
        self.conformity_table.setWordWrap(False)
        head = self.conformity_table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        head.resizeSection(0, 280)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        head.resizeSection(2, 220)
        head.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.counts_label = QLabel()
        spec_layout = QVBoxLayout(self)
        spec_layout.setContentsMargins(0, 4, 0, 0)
        spec_layout.addLayout(chooser)
        spec_layout.addWidget(self.profile_note)
        spec_layout.addWidget(self.conformity_table, 1)
        spec_layout.addWidget(self.counts_label)

    def _status_text(self, status: str) -> tuple[str, QColor]:
        return {"pass": (self.tr("pass"), GREEN), "fail": (self.tr("fail"), RED),
                "not_assessed": (self.tr("not assessed"), GREY)}[status]

    def show(self, profile: SpecificationProfile | None, table: Conformity | None,
             chosen: bool = True) -> None:
        """Show ``profile``'s note and ``table``'s outcomes (``chosen``: the record names
        the profile; otherwise it is the one proposed for the product category)."""
        zh = ui_language() == "zh"
        self.conformity_table.setRowCount(0)
        if profile is None:
            self.profile_note.setText(self.tr("Choose a specification profile to see the "
                                              "conformity table."))
            self.counts_label.clear()
            return
        notes = [profile.standard_zh if zh and profile.standard_zh else profile.standard]
        if not chosen:
            notes.insert(0, self.tr("Proposed for the product category (not chosen yet)."))
        if profile.illustrative:
            notes.append(self.tr("Rows marked \u201cillustrative\u201d are not values of a "
                                 "published specification."))
        self.profile_note.setText("\n".join(notes))
        if table is None:
            return
        requirement = self.tr("Basic requirement")
        for outcome in table.outcomes:
            row = self.conformity_table.rowCount()
            self.conformity_table.insertRow(row)
            group = requirement if outcome.kind == "requirement" else \
                GROUP_NAMES[outcome.group][1 if zh else 0]
            value = outcome.value
            if isinstance(value, float):
                value = f"{format_number(value, 3)} {outcome.unit}".rstrip()
            name = outcome.name + (self.tr(" (illustrative)") if outcome.illustrative else "")
            status, colour = self._status_text(outcome.status)
            evidence = outcome.primary_evidence
            evidence_text = ""
            if evidence is not None:
                evidence_text = evidence.id + (f" ({evidence.date.isoformat()})"
                                               if evidence.date else "")
            if outcome.note:
                evidence_text = f"{evidence_text} \u2014 {outcome.note}" if evidence_text \
                    else outcome.note
            cells = [name, group, outcome.benchmark, "" if value is None else str(value),
                     status, evidence_text]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(outcome.source if column in (0, 2) else text)
                item.setData(Qt.ItemDataRole.UserRole, outcome.id)
                if column == 4:
                    item.setForeground(QBrush(colour))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.conformity_table.setItem(row, column, item)
        counts = table.counts()
        self.counts_label.setText(self.tr(
            "{passed} pass, {failed} fail, {open} not assessed").format(
            passed=counts["pass"], failed=counts["fail"], open=counts["not_assessed"]))


class CompletenessPanel(QWidget):
    """The completeness items: a title, a summary and the list (``UserRole``: where the
    item is fixed, ``UserRole + 1``: its severity)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Completeness"))
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("completenessList")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.setToolTip(self.tr("Double-click an item to go where it is fixed"))
        side_layout = QVBoxLayout(self)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(self.title)
        side_layout.addWidget(self.summary)
        side_layout.addWidget(self.list, 1)

    def show(self, gaps: list[Gap]) -> None:
        """List ``gaps``, each in the colour of its severity."""
        self.list.clear()
        blocking = sum(1 for g in gaps if g.severity == "blocking")
        warnings = len(gaps) - blocking
        if not gaps:
            self.summary.setText(self.tr("Nothing is missing for the pack."))
        else:
            self.summary.setText(self.tr(
                "{blocking} blocking, {warnings} warnings").format(
                blocking=blocking, warnings=warnings))
        labels = {"blocking": (self.tr("blocking"), RED), "warning": (self.tr("warning"), AMBER)}
        for gap in gaps:
            text, colour = labels[gap.severity]
            item = QListWidgetItem(self.tr("{severity}: {message}").format(
                severity=text, message=gap.message))
            item.setForeground(QBrush(colour))
            item.setData(Qt.ItemDataRole.UserRole, gap.where)
            item.setData(Qt.ItemDataRole.UserRole + 1, gap.severity)
            self.list.addItem(item)
