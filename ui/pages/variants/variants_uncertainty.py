"""The paired Monte Carlo controls of the Variants page.

:class:`PairedMonteCarloPanel` holds the iterations, seed, Run and Cancel
buttons, the progress bar and the status of the run; the page runs the job
(:func:`paired_monte_carlo_work`) in the :class:`~ui.services.lca_service.LcaService`
and reads P(design < reference) with :func:`probabilities`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSpinBox, QWidget

from greendesign.lca.engine import method_label
from ui.widgets.formatting import format_number


def probabilities(uncertainty, method: tuple[str, ...]) -> dict[tuple[str, bool], float]:
    """P(design < reference) of a paired run by ``(design, per year)`` (empty: no run)."""
    if uncertainty is None:
        return {}
    frame = uncertainty.frame
    frame = frame[frame["method"] == method_label(method)]
    out = {}
    for _i, row in frame.iterrows():
        out[(row["design"], False)] = row["p_lower"]
        out[(row["design"], True)] = row["p_lower_per_year"]
    return out

def paired_monte_carlo_work(comparison, iterations: int, seed: int):
    """The work of a paired Monte Carlo job of every design of ``comparison``."""

    def work(progress, cancelled):
        from greendesign.compare import paired_uncertainty  # deferred: loads pandas

        return paired_uncertainty(comparison, iterations, seed, progress=progress,
                                  cancelled=cancelled)

    return work

class PairedMonteCarloPanel(QWidget):
    """Iterations, seed, Run, progress, Cancel and the status of a paired Monte Carlo run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.iterations = QSpinBox()
        self.iterations.setRange(2, 20_000)
        self.iterations.setSingleStep(100)
        self.iterations.setValue(1000)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(1)
        self.run_button = QPushButton(self.tr("Run paired Monte Carlo"))
        self.run_button.setToolTip(self.tr(
            "Sample every design with the same random draws and count how often each one "
            "is lower than the reference"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(220)
        self.mc_status = QLabel()
        self.mc_status.setStyleSheet("color: #555;")
        self.mc_status.setWordWrap(True)
        controls = QHBoxLayout(self)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(QLabel(self.tr("Iterations:")))
        controls.addWidget(self.iterations)
        controls.addSpacing(8)
        controls.addWidget(QLabel(self.tr("Seed:")))
        controls.addWidget(self.seed)
        controls.addSpacing(8)
        controls.addWidget(self.run_button)
        controls.addWidget(self.progress_bar)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.mc_status, 1)

    def set_busy(self, busy: bool, can_run: bool) -> None:
        """Show the progress and Cancel while a run is ``busy``; Run only when ``can_run``."""
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.run_button.setEnabled(not busy and can_run)

    def show_started(self) -> None:
        self.progress_bar.setValue(0)
        self.mc_status.setText(self.tr("Starting\u2026"))

    def show_progress(self, fraction: float) -> None:
        self.progress_bar.setValue(int(fraction * 1000))
        self.mc_status.setText(self.tr("Sampling\u2026 {percent} %").format(
            percent=format_number(fraction * 100, 3)))

    def show_stale(self) -> None:
        self.mc_status.setText(self.tr("The designs changed during the run: run again."))

    def show_finished(self, value) -> None:
        self.mc_status.setText(self.tr(
            "{n} paired iterations, seed {seed}: P(design < reference) in the last rows; "
            "green from 95 %, red up to 5 %.").format(n=value.iterations, seed=value.seed))

    def show_failed(self, message: str) -> None:
        self.mc_status.setText(self.tr("Monte Carlo failed: {message}").format(
            message=message))

    def show_cancelled(self) -> None:
        self.mc_status.setText(self.tr("Paired Monte Carlo cancelled."))
