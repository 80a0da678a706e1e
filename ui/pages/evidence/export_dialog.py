"""The export wizard of the evidence pack: what goes in, where, and the export with a progress
bar and Cancel.

The dialog collects :class:`greendesign.report.pack_data.ExportOptions` (designs, LCIA methods,
language zh / en / both, sections, Monte Carlo iterations, zip) and a target folder, then runs
:func:`greendesign.report.pack.export_pack` as an :class:`~ui.services.lca_service.LcaJob` in a
:class:`~ui.services.lca_service.JobThread` of its own: the core's ``progress`` and
``cancelled`` callbacks drive the bar and the Cancel button (a cancelled export leaves nothing
behind). At the end the pack's folder can be opened. The report modules are imported when the
dialog is built, so the window starts without them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greendesign.model import BASELINE
from ui.services.lca_service import JobThread, LcaJob


class ExportDialog(QDialog):
    """Options, target folder and the running export of an evidence pack.

    Parameters
    ----------
    document
        The open project.
    lca
        The window's LCA service (its loaded background and methods are reused), or None.
    export
        The export function (``greendesign.report.pack.export_pack`` when None).

    Signals
    -------
    exported(object)
        The :class:`~greendesign.report.pack.PackResult` of a finished export.
    """

    exported = Signal(object)

    def __init__(self, document, lca=None, export=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from greendesign.report import pack_data  # deferred: the report modules

        self._pack_data = pack_data
        if export is None:
            from greendesign.report.pack import export_pack

            export = export_pack
        self._export = export
        self.document = document
        self.lca = lca
        self.result = None
        self.error = ""
        self.job: LcaJob | None = None
        self.worker = JobThread("pack-export", self)
        self.setWindowTitle(self.tr("Export the evidence pack"))
        self.setObjectName("exportPackDialog")
        self._build()

    # --- construction ------------------------------------------------------------------
    def _build(self) -> None:
        project = self.document.project
        shown = self.document.design_name
        self.designs = QListWidget()
        self.designs.setObjectName("packDesigns")
        for name in project.design_names:
            label = self.tr("Baseline") if name == BASELINE else name
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name == shown
                               else Qt.CheckState.Unchecked)
            self.designs.addItem(item)
        self.designs.setMaximumHeight(110)
        self.methods = QListWidget()
        self.methods.setObjectName("packMethods")
        background = getattr(self.lca, "background", None) if self.lca is not None else None
        for method in (background.methods if background is not None else []):
            item = QListWidgetItem(" | ".join(method))
            item.setData(Qt.ItemDataRole.UserRole, tuple(method))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.methods.addItem(item)
        self.methods.setMaximumHeight(130)
        self.methods.setToolTip(self.tr(
            "None checked: the project's methods, else the default set; the carbon footprint "
            "methods are always included"))
        self.language = QComboBox()
        self.language.setObjectName("packLanguage")
        for code, label in (("zh_CN", self.tr("Chinese")), ("en", self.tr("English")),
                            ("both", self.tr("Chinese and English"))):
            self.language.addItem(label, code)
        self.sections = QListWidget()
        self.sections.setObjectName("packSections")
        labels = self._section_labels()
        for section in self._pack_data.SECTIONS:
            item = QListWidgetItem(labels.get(section, section))
            item.setData(Qt.ItemDataRole.UserRole, section)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.sections.addItem(item)
        self.sections.setMaximumHeight(150)
        self.iterations = QSpinBox()
        self.iterations.setRange(0, 100_000)
        self.iterations.setSingleStep(100)
        self.iterations.setValue(1000)
        self.iterations.setToolTip(self.tr("Monte Carlo iterations for the uncertainty of the "
                                           "carbon footprint (0: none)"))
        self.zip_box = QCheckBox(self.tr("Also write a zip of the pack"))
        self.zip_box.setChecked(True)
        path = self.document.path
        self.target = QLineEdit(str(path.parent) if path else str(Path.home()))
        self.target.setObjectName("packTarget")
        browse = QPushButton(self.tr("Browse\u2026"))
        browse.clicked.connect(lambda _c=False: self._browse())
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Designs (the first is the one the pack is for):"), self.designs)
        form.addRow(self.tr("LCIA methods:"), self.methods)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Sections:"), self.sections)
        form.addRow(self.tr("Monte Carlo:"), self.iterations)
        form.addRow("", self.zip_box)
        form.addRow(self.tr("Folder:"), target_row)

        self.progress = QProgressBar()
        self.progress.setObjectName("packProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton(self.tr("Open folder"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        self.export_button.clicked.connect(lambda _c=False: self.start())
        self.cancel_button.clicked.connect(lambda _c=False: self.cancel())
        self.open_button.clicked.connect(lambda _c=False: self.open_folder())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(640, 720)

    def _section_labels(self) -> dict[str, str]:
        return {"cover": self.tr("Cover"), "declaration": self.tr("Declaration"),
                "basic_information": self.tr("Basic information"),
                "conformity": self.tr("Conformity with the specification"),
                "lca": self.tr("Life cycle assessment"),
                "carbon_footprint": self.tr("Carbon footprint"),
                "green_design": self.tr("Green design scores"),
                "comparison": self.tr("Comparison of designs"),
                "conclusions": self.tr("Conclusions"), "clause_matrix": self.tr("Clause matrix"),
                "provenance": self.tr("Data provenance"),
                "attachments": self.tr("Attachments")}

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the pack"),
                                                  self.target.text())
        if folder:
            self.target.setText(folder)

    # --- options and the job -----------------------------------------------------------
    @staticmethod
    def _checked(widget: QListWidget) -> list:
        return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]

    def options(self):
        """The :class:`ExportOptions` the dialog shows (the shown design first)."""
        designs = self._checked(self.designs)
        shown = self.document.design_name
        if shown in designs:
            designs.remove(shown)
            designs.insert(0, shown)
        return self._pack_data.ExportOptions(
            designs=tuple(designs), methods=tuple(self._checked(self.methods)),
            language=self.language.currentData(), sections=tuple(self._checked(self.sections)),
            iterations=self.iterations.value(), zip=self.zip_box.isChecked())

    def start(self) -> LcaJob | None:
        """Start the export in the dialog's worker thread; None when the options are refused."""
        from greendesign.errors import GreenDesignError

        if self.job is not None and not self.job.done:
            return self.job
        try:
            options = self.options()
        except GreenDesignError as exc:
            self.status.setText(exc.message + (" " + exc.hint if exc.hint else ""))
            return None
        target = Path(self.target.text().strip() or ".")
        project = self.document.project.model_copy(deep=True)
        project_path = self.document.path
        background = getattr(self.lca, "background", None) if self.lca is not None else None
        export = self._export

        def work(progress, cancelled):
            return export(project, target, options, project_path=project_path,
                          background=background, progress=progress, cancelled=cancelled)

        job = LcaJob("pack_export", work)
        job.progress.connect(self._progress)
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.job = job
        self.export_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.progress.setValue(0)
        self.status.setText(self.tr("Exporting\u2026"))
        return self.worker.submit(job)

    def cancel(self) -> None:
        """Cancel a running export (nothing is left behind), else close the dialog."""
        if self.job is not None and not self.job.done:
            self.job.cancel()
            self.status.setText(self.tr("Cancelling\u2026"))
            return
        self.reject()

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if message:
            self.status.setText(message)

    def _finished(self, result) -> None:
        self.result = result
        self.progress.setValue(1000)
        missing = len(getattr(result, "missing", []) or [])
        text = self.tr("Wrote the pack {id} to {folder}.").format(
            id=result.report_id, folder=str(result.folder))
        if missing:
            text += " " + self.tr("{count} parts are missing; see the manifest.").format(
                count=missing)
        self.status.setText(text)
        self.export_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.exported.emit(result)

    def _failed(self, message: str) -> None:
        self.error = message
        self.status.setText(self.tr("The export failed: {error}").format(error=message))
        self.export_button.setEnabled(True)

    def _cancelled(self) -> None:
        self.status.setText(self.tr("The export was cancelled; nothing was written."))
        self.progress.setValue(0)
        self.export_button.setEnabled(True)

    def open_folder(self) -> bool:
        """Open the folder of the finished pack in the file manager."""
        if self.result is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.folder)))

    def done(self, code: int) -> None:  # noqa: D102 - stop the worker with the dialog
        if self.job is not None and not self.job.done:
            self.job.cancel()
        self.worker.stop()
        super().done(code)
