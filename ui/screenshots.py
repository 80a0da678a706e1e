"""``greendesign --screenshot-pages DIR``: a PNG of every page, for review and the docs.

Waits until the LCA engine has a result for the open design (or gave up), then
shows each page in turn and saves ``DIR/<project>_<language>_<NN>_<page>.png``, then
the Variants page's design space after a sweep of the default factors and the
import dialog.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.services.lca_service import ServiceState

log = logging.getLogger("greendesign.ui")

SETTLE_MS = 700          # layout, charts and debounced recomputes after a page switch
ENGINE_TIMEOUT_S = 120.0


def memory_mb() -> tuple[float, float]:
    """The process's resident memory now and at its peak, in MB (0 where unknown)."""
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    except (ImportError, OSError):  # Windows
        peak = 0.0
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            now = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError, AttributeError):
        now = 0.0
    return now, peak


class PageShooter:
    """Drives the window through its pages and grabs each one, then quits the app."""

    def __init__(self, window, folder: str | Path, stem: str, language: str) -> None:
        self.window = window
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.prefix = f"{stem}_{language}"
        self.keys = list(window.page_widgets)
        self.started = time.monotonic()
        self.saved: list[Path] = []

    def start(self) -> None:
        QTimer.singleShot(SETTLE_MS, self._wait_for_engine)

    def _wait_for_engine(self) -> None:

        state = self.window.lca.state
        waiting = state in (ServiceState.WAITING, ServiceState.LOADING)
        if waiting and time.monotonic() - self.started < ENGINE_TIMEOUT_S:
            QTimer.singleShot(250, self._wait_for_engine)
            return
        log.info("screenshots: engine state %s after %.1f s, resident %.0f MB, peak %.0f MB",
                 state, time.monotonic() - self.started, *memory_mb())
        self._next(0)

    def _next(self, index: int) -> None:
        if index == len(self.keys):
            self._design_space(index)
            return
        if index == len(self.keys) + 1:
            self._import_dialog(index)
            return
        if index > len(self.keys) + 1:
            log.info("screenshots saved: %s", ", ".join(p.name for p in self.saved))
            QApplication.instance().exit(0)
            return
        self.window.show_page(self.keys[index])
        QTimer.singleShot(SETTLE_MS, lambda: self._grab(index))

    def _design_space(self, index: int) -> None:
        """The Variants page's design-space tab after a sweep of the default factors."""
        holder = self.window.page_widgets.get("variants")
        if holder is None:
            self._next(index + 1)
            return
        self.window.show_page("variants")
        page = holder.page()
        sweep = getattr(page, "sweep", None)
        if sweep is None or sweep.run() is None:
            self._next(index + 1)
            return
        if page.tabs.indexOf(sweep) >= 0:
            page.tabs.setCurrentWidget(sweep)
        started = time.monotonic()

        def wait() -> None:
            if sweep.job is not None and time.monotonic() - started < ENGINE_TIMEOUT_S:
                QTimer.singleShot(250, wait)
                return
            if sweep.result is not None and sweep.pareto.any():
                sweep.chart.select(int(sweep.pareto.nonzero()[0][0]))
            path = self.folder / f"{self.prefix}_{index + 1:02d}_variants_design_space.png"
            QTimer.singleShot(SETTLE_MS, lambda: self._save(path, index))

        wait()

    def _save(self, path: Path, index: int) -> None:
        if self.window.grab().save(str(path), "PNG"):
            self.saved.append(path)
        self._next(index + 1)

    def _import_dialog(self, index: int) -> None:
        """The Inventory page's import dialog, after the pages."""
        browser = getattr(self.window, "inventory_browser", None)
        if browser is None:
            self._next(index + 1)
            return
        dialog = browser.open_import_dialog()

        def grab() -> None:
            path = self.folder / f"{self.prefix}_{index + 1:02d}_import_database.png"
            if dialog.grab().save(str(path), "PNG"):
                self.saved.append(path)
            dialog.close()
            self._next(index + 1)

        QTimer.singleShot(SETTLE_MS, grab)

    def _grab(self, index: int) -> None:
        page = self.window.page_widgets[self.keys[index]]
        scoring = page is getattr(self.window, "green_page", None) and page.busy()
        if scoring and time.monotonic() - self.started < ENGINE_TIMEOUT_S:
            QTimer.singleShot(250, lambda: self._grab(index))  # scores still on their way
            return
        path = self.folder / f"{self.prefix}_{index + 1:02d}_{self.keys[index]}.png"
        log.info("screenshots: page %s, resident %.0f MB, peak %.0f MB", self.keys[index],
                 *memory_mb())
        if self.window.grab().save(str(path), "PNG"):
            self.saved.append(path)
        else:
            log.warning("could not write %s", path)
        self._next(index + 1)
