"""A page that is not built yet says so plainly, and says what it will show."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """A titled page with a short, honest note about what is coming.

    Parameters
    ----------
    title
        The page name, as in the navigation list.
    note
        What the page will hold and what it depends on.
    """

    def __init__(self, title: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        heading.setFont(font)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setMaximumWidth(640)
        self.note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)


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
