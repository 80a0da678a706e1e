"""File > Export LCI Model: the shown design's life-cycle model for other LCA tools.

:meth:`ExportLciActions.export_lci` asks where to (:class:`ExportLciDialog`: a Brightway
project for Activity Browser 3, a Brightway Excel workbook or an openLCA JSON-LD zip, then
the file for the two file targets) and runs the core export
(:func:`greendesign.lca.export_lci.export`) in a background thread, its progress in the
status bar: the Brightway project copies the inventory and takes seconds. The result, or
the error with its hint, is shown when it is done; the design is not changed.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import GreenDesignError
from ui.document.document import ProjectDocument
from ui.prompts import UserPrompts

log = logging.getLogger("greendesign.ui")

STATUS_TIMEOUT_MS = 8000


@dataclass(frozen=True)
class ExportChoice:
    """What the dialog asks for: the target and, for Brightway, the project."""

    target: str            # "brightway", "excel" or "jsonld"
    project: str = ""      # the Brightway project's name
    replace: bool = False  # replace a Brightway project of that name


class ExportLciDialog(QDialog):
    """Choose the target of the export and, for a Brightway project, its name."""

    def __init__(self, product_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export LCI model"))
        self.target_combo = QComboBox()
        self.target_combo.addItem(self.tr("Brightway project (Activity Browser 3)"), "brightway")
        self.target_combo.addItem(self.tr("Brightway Excel workbook (.xlsx)"), "excel")
        self.target_combo.addItem(self.tr("openLCA JSON-LD (.zip)"), "jsonld")
        self.project_edit = QLineEdit(product_name)
        self.replace_check = QCheckBox(self.tr("Replace a project of that name"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Export to:"), self.target_combo)
        form.addRow(self.tr("Project name:"), self.project_edit)
        form.addRow("", self.replace_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.target_combo.currentIndexChanged.connect(lambda _i: self._update())
        self.project_edit.textChanged.connect(lambda _t: self._update())
        self._update()

    def _update(self) -> None:
        brightway = self.target_combo.currentData() == "brightway"
        self.project_edit.setEnabled(brightway)
        self.replace_check.setEnabled(brightway)
        self.ok_button.setEnabled(not brightway or bool(self.project_edit.text().strip()))
        self.note.setText(self.tr(
            "The project is written to Brightway's default folder, where Activity Browser 3 "
            "finds it, with the inventory databases and LCIA methods it uses.") if brightway
            else self.tr("Choose the file in the next step."))

    def choice(self) -> ExportChoice:
        """The target and project chosen."""
        return ExportChoice(self.target_combo.currentData(), self.project_edit.text().strip(),
                            self.replace_check.isChecked())


class _Relay(QObject):
    """Carries the export thread's outcome to the GUI thread."""

    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)


class ExportLciActions(QObject):
    """The Export LCI Model command over a :class:`ProjectDocument`.

    Signals
    -------
    statusMessage(str)
        A short confirmation for the status bar.
    exportFinished(object)
        The :class:`~greendesign.lca.export_lci.ExportResult` of a finished export.
    """

    statusMessage = Signal(str)
    exportFinished = Signal(object)

    def __init__(self, document: ProjectDocument, prompts: UserPrompts,
                 window: QWidget) -> None:
        super().__init__(window)
        self.document = document
        self.prompts = prompts
        self.window = window
        self.running = False
        self.export_action = QAction(self.tr("Export &LCI Model\u2026"), self)
        tip = self.tr("Write the shown design's life-cycle model as a Brightway project, a "
                      "Brightway Excel workbook or an openLCA JSON-LD zip")
        self.export_action.setStatusTip(tip)
        self.export_action.setToolTip(tip)
        self.export_action.triggered.connect(lambda _checked=False: self.export_lci())
        self._relay = _Relay(self)
        self._relay.progress.connect(lambda _fraction, text: self.statusMessage.emit(text))
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)
        if isinstance(window, QMainWindow):
            self.statusMessage.connect(
                lambda text: window.statusBar().showMessage(text, STATUS_TIMEOUT_MS))
        document.projectReplaced.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.export_action.setEnabled(self.document.project is not None and not self.running)

    def export_lci(self, choice: ExportChoice | None = None, path=None) -> bool:
        """Ask for the target (unless given) and start the export; True when it started."""
        product = self.document.product
        if product is None or self.running:
            return False
        if choice is None:
            dialog = ExportLciDialog(product.name, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            choice = dialog.choice()
        where = choice.project
        if choice.target != "brightway":
            if path is None:
                suffix = ".xlsx" if choice.target == "excel" else ".zip"
                folder = self.document.path.parent if self.document.path else None
                suggested = str((folder / product.name).with_suffix(suffix)) if folder \
                    else product.name + suffix
                caption = self.tr("Export LCI model")
                filters = (self.tr("Excel workbook (*.xlsx)") if choice.target == "excel"
                           else self.tr("JSON-LD zip (*.zip)"))
                path = self.prompts.save_path(self.window, caption, suggested, filters)
                if path is None:
                    return False
            where = str(path)
        self._start(product.model_copy(deep=True), self.document.design_name, choice, where)
        return True

    def _start(self, product, variant: str, choice: ExportChoice, where: str) -> None:
        self.running = True
        self._update_enabled()
        self.statusMessage.emit(self.tr("Exporting the LCI model\u2026"))
        relay = self._relay

        def report(fraction: float, text: str) -> None:
            with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
                relay.progress.emit(fraction, text)

        def work() -> None:
            from greendesign.lca.export_lci import export  # deferred: loads Brightway

            try:
                result = export(product, choice.target, where, variant=variant,
                                replace=choice.replace, progress=report)
            except Exception as exc:  # noqa: BLE001 - shown in the GUI thread, logged
                if not isinstance(exc, GreenDesignError):
                    log.exception("export of the LCI model failed")
                with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
                    relay.failed.emit(exc)
                return
            with contextlib.suppress(RuntimeError):
                relay.finished.emit(result)

        threading.Thread(target=work, name="export-lci", daemon=True).start()

    def _finished(self, result) -> None:
        self.running = False
        self._update_enabled()
        text = result.summary()
        if result.notes:
            text += "\n\n" + "\n".join(result.notes)
        self.prompts.show_info(self.window, self.tr("LCI model exported"), text)
        self.statusMessage.emit(self.tr("LCI model exported: {where}").format(
            where=result.location))
        self.exportFinished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._update_enabled()
        self.prompts.show_error(self.window, exc, self.tr("Cannot export the LCI model"))
