"""First-run set-up of the local inventory, in the background.

All Brightway work runs in one dedicated worker thread (Brightway's SQLite
connections belong to the thread that opened them). The core's plain
``progress(fraction, message)`` and ``cancelled()`` callbacks become a progress
bar with a Cancel button in the status bar; the window stays usable meanwhile.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

log = logging.getLogger("greendesign.ui")


class InventoryWorker(QObject):
    """Runs :func:`greendesign.inventory.brightway_setup.ensure_inventory` off the GUI thread."""

    progress = Signal(float, str)
    finished = Signal(object)  # SetupResult
    failed = Signal(object)  # the exception

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the running set-up to stop at its next step (thread-safe)."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        from greendesign.inventory.brightway_setup import (
            ensure_inventory,  # deferred: loads numpy and Brightway
        )

        self._cancel.clear()
        try:
            result = ensure_inventory(progress=self.progress.emit,
                                      cancelled=self._cancel.is_set)
        except Exception as exc:  # noqa: BLE001 - reported to the GUI thread as it is
            log.exception("inventory set-up failed")
            self.failed.emit(exc)
        else:
            self.finished.emit(result)

class InventorySetupStatus(QObject):
    """Status-bar widgets (label, progress bar, Cancel) driving an :class:`InventoryWorker`."""

    ready = Signal(object)
    _start = Signal()

    def __init__(self, bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop setting up the inventory; it restarts "
                                              "the next time the app starts"))
        for widget in (self.label, self.progress_bar, self.cancel_button):
            bar.addPermanentWidget(widget)
        self._set_busy(False)
        self.thread = QThread(self)
        self.thread.setObjectName("brightway")
        self.worker = InventoryWorker()
        self.worker.moveToThread(self.thread)
        self._start.connect(self.worker.run)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        # Called directly, not as a queued slot: the worker thread is busy running the set-up.
        self.cancel_button.clicked.connect(lambda: self.worker.cancel())
        self.result = None
        self.error: Exception | None = None

    def start(self) -> None:
        """Start (or re-check) the inventory in the worker thread."""
        if not self.thread.isRunning():
            self.thread.start()
        self._set_busy(True)
        self.label.setText(self.tr("Checking the local inventory…"))
        self._start.emit()

    def stop(self) -> None:
        """Cancel any running set-up and end the worker thread (on window close)."""
        self.worker.cancel()
        self.thread.quit()
        self.thread.wait(30_000)

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(int(fraction * 1000))
        self.label.setText(self.tr("Setting up inventory: {0}").format(message))

    @Slot(object)
    def _on_finished(self, result) -> None:
        self._set_busy(False)
        self.result = result
        self.label.setText(self.tr("Inventory ready: {0} LCIA methods").format(result.methods))
        warnings = [str(w) for w in getattr(result, "warnings", ())]
        if warnings:  # user databases that could not be imported again after a rebuild
            self.label.setText(self.tr(
                "Inventory ready; {0} user database(s) could not be restored").format(
                len(warnings)))
            self.label.setToolTip("\n".join(warnings))
        self.ready.emit(result)

    @Slot(object)
    def _on_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.error = exc
        self.label.setText(self.tr("Inventory not set up: {0}").format(
            str(exc).splitlines()[0]))
        self.label.setToolTip(str(exc))
