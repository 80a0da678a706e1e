"""Pieces the pages share: a recompute that waits for the page to be shown, and the title."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget


class RefreshWhenShown(QObject):
    """A page's recompute, debounced, and put off while the page is hidden.

    :meth:`schedule` marks the page out of date and starts the single-shot timer when the
    page is visible (edits in quick succession are computed once); a hidden page only
    remembers it and computes when it is next shown (scoring a large BOM takes a
    noticeable time). The page's recompute calls :meth:`started` first.
    """

    def __init__(self, page: QWidget, interval_ms: int, recompute: Callable[[], None]) -> None:
        super().__init__(page)
        self._page = page
        self.dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(recompute)
        page.installEventFilter(self)

    def schedule(self) -> None:
        """Recompute shortly (now if the page is shown, else when it is)."""
        self.dirty = True
        if self._page.isVisible():
            self._timer.start()

    def started(self) -> None:
        """The recompute runs now: a pending one is dropped and the page is up to date."""
        self._timer.stop()
        self.dirty = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._page and event.type() == QEvent.Type.Show and self.dirty:
            self._timer.start()
        return False


def page_title(text: str) -> QLabel:
    """The title at the top of a page: the interface font, bold, 1.45 times its size."""
    title = QLabel(text)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.45)
    font.setBold(True)
    title.setFont(font)
    return title
