"""A page built the first time it is shown (the window opens without its heavy modules)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """Holds the place of a page whose module is heavy (charts, pandas) until it is shown.

    The window appears without importing those modules; the real page is built
    the first time the page is shown or asked for (:meth:`page`), and
    :attr:`built` is emitted with it.
    """

    built = Signal(QWidget)

    def __init__(self, factory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def page(self) -> QWidget:
        """The real page, built now if it was not yet."""
        if self._page is None:
            self._page = self._factory()
            self._layout.addWidget(self._page)
            self.built.emit(self._page)
        return self._page

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.page()
        super().showEvent(event)
