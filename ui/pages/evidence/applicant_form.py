"""The applicant's details and management system certificates, checked as they are typed.

The credit code, e-mail and telephone fields are :class:`~ui.widgets.line_edits.CheckedLineEdit`
editors with the core's checks (GB 32100-2015 check character, address and number formats): a
refused text is marked red with its reason and not applied. A field is applied when editing
finishes (Enter or leaving the field), as one undoable change; :attr:`ApplicantForm.changed`
carries the new :class:`~greendesign.evidence.record.Applicant` and a text for the Edit menu.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greendesign.evidence.credit_code import credit_code_problem
from greendesign.evidence.record import (
    Applicant,
    ManagementCertificate,
    email_problem,
    phone_problem,
)
from greendesign.evidence.spec_model import SYSTEM_NAMES, SystemStandard
from ui.services.material_names import ui_language
from ui.widgets.line_edits import CheckedLineEdit

NO_DATE = QDate(2000, 1, 1)


def _optional_code(text: str) -> str | None:
    return credit_code_problem(text) if text.strip() else None


class ApplicantForm(QWidget):
    """Company, contact and certificates of the applicant.

    Signals
    -------
    changed(object, str)
        The new :class:`Applicant` and the undo text of the change.
    """

    changed = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.applicant = Applicant()
        self._filling = False
        self.edits: dict[str, QLineEdit] = {}
        labels = {
            "company_name_zh": self.tr("Company name (Chinese)"),
            "company_name_en": self.tr("Company name (English)"),
            "credit_code": self.tr("Unified social credit code"),
            "address": self.tr("Address"),
            "contact_person": self.tr("Contact person"),
            "phone": self.tr("Telephone"),
            "email": self.tr("E-mail"),
            "legal_representative": self.tr("Legal representative"),
        }
        self.labels = labels
        checks = {"credit_code": _optional_code, "email": email_problem, "phone": phone_problem}
        form = QFormLayout()
        for name, label in labels.items():
            edit = CheckedLineEdit(checks[name]) if name in checks else QLineEdit()
            edit.setObjectName(f"applicant_{name}")
            edit.editingFinished.connect(lambda n=name: self._field_done(n))
            self.edits[name] = edit
            form.addRow(label, edit)
        self.edits["credit_code"].setMaxLength(24)
        self.edits["credit_code"].setPlaceholderText(self.tr("18 characters, e.g. 91350100M000100Y43"))
        self.edits["email"].setPlaceholderText("name@example.com")
        company = QGroupBox(self.tr("Applicant"))
        company.setLayout(form)

        self.certificates = QTableWidget(0, 5)
        self.certificates.setObjectName("certificateTable")
        self.certificates.setHorizontalHeaderLabels([
            self.tr("Standard"), self.tr("Other standard"), self.tr("Certificate number"),
            self.tr("Issuer"), self.tr("Valid until")])
        self.certificates.verticalHeader().hide()
        self.certificates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.certificates.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.certificates.itemChanged.connect(lambda _item: self._certificates_done())
        self.add_certificate_button = QPushButton(self.tr("Add certificate"))
        self.add_certificate_button.setObjectName("addCertificate")
        self.add_certificate_button.clicked.connect(lambda _c=False: self.add_certificate())
        self.remove_certificate_button = QPushButton(self.tr("Remove certificate"))
        self.remove_certificate_button.clicked.connect(lambda _c=False: self.remove_certificate())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_certificate_button)
        buttons.addWidget(self.remove_certificate_button)
        buttons.addStretch(1)
        certs = QGroupBox(self.tr("Management system certificates"))
        certs_layout = QVBoxLayout(certs)
        certs_layout.addWidget(self.certificates, 1)
        certs_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(company)
        layout.addWidget(certs, 1)

    # --- showing ------------------------------------------------------------------------
    def set_applicant(self, applicant: Applicant) -> None:
        """Show ``applicant`` (without emitting :attr:`changed`)."""
        self._filling = True
        try:
            self.applicant = applicant
            for name, edit in self.edits.items():
                value = getattr(applicant, name)
                if edit.text() != value:
                    edit.setText(value)
                if isinstance(edit, CheckedLineEdit):
                    edit.revalidate()
            self.certificates.setRowCount(0)
            for cert in applicant.certificates:
                self._append_row(cert)
        finally:
            self._filling = False

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        self.certificates.setEnabled(not read_only)
        self.add_certificate_button.setEnabled(not read_only)
        self.remove_certificate_button.setEnabled(not read_only)

    def _standard_box(self, standard: SystemStandard) -> QComboBox:
        box = QComboBox()
        zh = ui_language() == "zh"
        for value in SystemStandard:
            english, chinese = SYSTEM_NAMES[value]
            box.addItem(chinese if zh else english, value.value)
        box.setCurrentIndex(box.findData(standard.value))
        box.currentIndexChanged.connect(lambda _i: self._certificates_done())
        return box

    def _date_edit(self, day: dt.date | None) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("no end date"))
        edit.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)
        edit.editingFinished.connect(self._certificates_done)
        return edit

    def _append_row(self, cert: ManagementCertificate) -> None:
        row = self.certificates.rowCount()
        self.certificates.blockSignals(True)
        self.certificates.insertRow(row)
        self.certificates.setCellWidget(row, 0, self._standard_box(cert.standard))
        for column, text in ((1, cert.standard_name), (2, cert.number), (3, cert.issuer)):
            self.certificates.setItem(row, column, QTableWidgetItem(text))
        self.certificates.setCellWidget(row, 4, self._date_edit(cert.valid_until))
        self.certificates.blockSignals(False)

    # --- editing ------------------------------------------------------------------------
    def _field_done(self, name: str) -> None:
        if self._filling:
            return
        edit = self.edits[name]
        if isinstance(edit, CheckedLineEdit) and edit.revalidate():
            edit.show_error()
            return
        text = edit.text().strip()
        if text == getattr(self.applicant, name):
            return
        new = self.applicant.model_copy(update={name: text})
        new = Applicant.model_validate(new.model_dump())  # normalised (credit code)
        self.changed.emit(new, self.tr("Edit {field}").format(field=self.labels[name]))

    def read_certificates(self) -> list[ManagementCertificate]:
        """The certificates as the table shows them (rows that are not valid are skipped)."""
        out = []
        for row in range(self.certificates.rowCount()):
            box = self.certificates.cellWidget(row, 0)
            date = self.certificates.cellWidget(row, 4).date()
            texts = [(self.certificates.item(row, c).text().strip()
                      if self.certificates.item(row, c) else "") for c in (1, 2, 3)]
            standard = SystemStandard(box.currentData())
            try:
                out.append(ManagementCertificate(
                    standard=standard, standard_name=texts[0], number=texts[1],
                    issuer=texts[2], valid_until=None if date == NO_DATE else dt.date(
                        date.year(), date.month(), date.day())))
            except ValueError:
                # an "other" standard without its name: keep it as typed once named
                out.append(ManagementCertificate(
                    standard=standard, standard_name=texts[0] or self.tr("(unnamed)"),
                    number=texts[1], issuer=texts[2]))
        return out

    def _certificates_done(self) -> None:
        if self._filling:
            return
        certificates = self.read_certificates()
        if certificates == self.applicant.certificates:
            return
        new = self.applicant.model_copy(update={"certificates": certificates})
        self.changed.emit(new, self.tr("Edit the certificates"))

    def add_certificate(self, standard: SystemStandard = SystemStandard.ISO14001) -> None:
        """Add a certificate row (one change)."""
        certificates = [*self.applicant.certificates, ManagementCertificate(standard=standard)]
        new = self.applicant.model_copy(update={"certificates": certificates})
        self.changed.emit(new, self.tr("Add a certificate"))

    def remove_certificate(self) -> None:
        rows = sorted({i.row() for i in self.certificates.selectedIndexes()}, reverse=True)
        if not rows and self.certificates.currentRow() >= 0:
            rows = [self.certificates.currentRow()]
        if not rows:
            return
        certificates = [c for i, c in enumerate(self.applicant.certificates) if i not in rows]
        new = self.applicant.model_copy(update={"certificates": certificates})
        self.changed.emit(new, self.tr("Remove a certificate"))
