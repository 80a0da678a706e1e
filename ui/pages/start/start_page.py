"""The start page: new project, open a file, the bundled demos and recent files."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greendesign.bundled import demo_products

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def project_title(path: Path) -> str:
    """``"Electric kettle · 电水壶"`` from a project file, read without validating it;
    the file name when the file cannot be read."""
    fallback = path.stem.replace("_", " ").capitalize()
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        product = data.get("product", {})
        name = str(product.get("name") or fallback)
        name_zh = str(product.get("name_zh") or "")
    except (OSError, ValueError, AttributeError):
        return fallback
    return f"{name}  \u00b7  {name_zh}" if name_zh else name


class StartPage(QWidget):
    """Shown when the app starts without a project file.

    Signals
    -------
    openRequested(str)
        The user chose a demo or a recent file (its path).
    newRequested
        The user wants an empty project.
    browseRequested
        The user wants to pick a file.
    """

    openRequested = Signal(str)
    newRequested = Signal()
    browseRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(self.tr("GreenDesign"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        heading.setFont(font)
        subtitle = QLabel(self.tr("Green product design and cradle-to-grave life cycle "
                                  "assessment"))
        subtitle.setStyleSheet("color: #555;")

        new_button = QPushButton(self.tr("New project"))
        open_button = QPushButton(self.tr("Open\u2026"))
        new_button.clicked.connect(self.newRequested)
        open_button.clicked.connect(self.browseRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(open_button)
        buttons.addStretch(1)

        self.demos = QListWidget()
        self.demos.setObjectName("demoList")
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        for widget in (self.demos, self.recent):
            widget.itemActivated.connect(self._activated)
            widget.itemClicked.connect(self._activated)
            widget.setMaximumWidth(820)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            widget.setStyleSheet("QListWidget::item { padding: 4px; }")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(heading)
        layout.addWidget(subtitle)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(QLabel("<b>" + self.tr("Demo products") + "</b>"))
        layout.addWidget(self.demos)
        layout.addWidget(QLabel("<b>" + self.tr("Recent files") + "</b>"))
        layout.addWidget(self.recent)
        layout.addStretch(1)
        self.refresh([])

    def refresh(self, recent_files: list[Path]) -> None:
        """List the bundled demos and the given recent files."""
        self.demos.clear()
        try:
            demos = demo_products()
        except Exception:  # a missing resources folder must not stop the start page
            demos = []
        for path in demos:
            self._add(self.demos, path, show_folder=False)
        if not demos:
            self.demos.addItem(self.tr("No demo products are installed."))
        self.recent.clear()
        for path in recent_files:
            self._add(self.recent, path)
        if not recent_files:
            self.recent.addItem(self.tr("No recent files yet."))
        for widget in (self.demos, self.recent):
            rows = min(max(1, widget.count()), 10)
            row_height = max(widget.sizeHintForRow(0), widget.fontMetrics().height() + 8)
            widget.setFixedHeight(row_height * rows + 2 * widget.frameWidth() + 4)

    @staticmethod
    def _add(widget: QListWidget, path: Path, show_folder: bool = True) -> None:
        text = project_title(path)
        if show_folder:
            text += f"    \u2014  {path.parent}"
        item = QListWidgetItem(text)
        item.setData(PATH_ROLE, str(path))
        item.setToolTip(str(path))
        widget.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.openRequested.emit(path)
