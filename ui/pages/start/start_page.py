"""The start page: new project, open a file, the bundled demos and recent files."""

from __future__ import annotations

import codecs
import json
import os
import re
from json.decoder import scanstring
from pathlib import Path
from typing import BinaryIO

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


#: How much of a project file is read for its title. A saved file names its product in
#: its first few hundred bytes, ahead of the parts list that makes a large file large.
HEAD_BYTES = 64 * 1024
#: How much of a large file's end is read to see that the file is complete.
_TAIL_BYTES = 64
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _Unsettled(Exception):
    """The head of a file does not settle its title; the whole file must be read."""


def project_title(path: Path, *, head_bytes: int = HEAD_BYTES) -> str:
    """``"Electric kettle · 电水壶"`` from a project file, read without validating it;
    the file name when the file cannot be read.

    A file larger than ``head_bytes`` is read in part: the product's ``name`` and
    ``name_zh`` come from the file's head, and its last bytes show that the file ends
    as a JSON object in UTF-8 does (a cut-off file gets the file name, as when it is
    read whole). The whole file is read only when its head does not settle the title,
    e.g. when ``product`` is not among the first members. A large file that is damaged
    in its middle, or names its product twice, keeps the title its head gives.
    """
    fallback = path.stem.replace("_", " ").capitalize()
    try:
        with path.open("rb") as stream:
            data = stream.read(head_bytes + 1)
            if len(data) > head_bytes:
                try:
                    return _title(*_head_names(stream, data[:head_bytes]), fallback)
                except _Unsettled:
                    stream.seek(0)
                    data = stream.read()
        product = json.loads(data.decode("utf-8-sig")).get("product", {})
        return _title(product.get("name"), product.get("name_zh"), fallback)
    except (OSError, ValueError, AttributeError):
        return fallback


def _title(name: object, name_zh: object, fallback: str) -> str:
    name = str(name or fallback)
    name_zh = str(name_zh or "")
    return f"{name}  \u00b7  {name_zh}" if name_zh else name


def _head_names(stream: BinaryIO, head: bytes) -> tuple[object, object]:
    """The values of the product's ``name`` and ``name_zh`` (None when absent) from the
    head of a large file.

    Raises :class:`_Unsettled` when the head does not settle them, ``ValueError`` when
    the file is not a JSON object in UTF-8 (its title is then the file name).
    """
    text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    start = _WHITESPACE.match(text).end()
    if start == len(text):
        raise _Unsettled
    if not text.startswith("{", start):
        raise ValueError("not a JSON object")
    end = stream.seek(0, os.SEEK_END)
    stream.seek(max(end - _TAIL_BYTES, 0))
    tail = stream.read()
    if not tail.rstrip(b" \t\n\r").endswith(b"}"):
        raise _Unsettled  # cut off, or text after the object: the whole file decides
    # the tail may start inside a character: at most three of its bytes come before
    # the first whole one
    start_byte = next((i for i, byte in enumerate(tail[:3]) if not 0x80 <= byte < 0xC0), 3)
    tail[start_byte:].decode("utf-8")  # a UnicodeDecodeError is a ValueError
    try:
        key, i = _next_key(text, start + 1, first=True)
        while key != "product":
            if key is None:
                raise _Unsettled  # an object without a product, or more after it
            i = _value_end(text, i)
            key, i = _next_key(text, i, first=False)
        if not text.startswith("{", i):
            raise _Unsettled
        # every value is followed by its ',' or '}' before it counts, so a number that the
        # head's end cuts short is never taken
        found: dict[str, object] = {}
        key, i = _next_key(text, i + 1, first=True)
        while key is not None and len(found) < 2:
            if key in ("name", "name_zh"):
                found[key], i = _DECODER.raw_decode(text, i)
            else:
                i = _value_end(text, i)
            key, i = _next_key(text, i, first=False)
    except ValueError:
        raise _Unsettled from None  # the head ends (or the JSON breaks) before the names
    return found.get("name"), found.get("name_zh")


def _value_end(text: str, i: int) -> int:
    """Where the JSON value starting at ``text[i]`` ends."""
    return _DECODER.raw_decode(text, i)[1]


def _next_key(text: str, i: int, *, first: bool) -> tuple[str | None, int]:
    """The next member's key of the object being read at ``text[i]`` (just after its
    ``{`` when ``first``, else just after a value) and where its value starts; None and
    the position after the ``}`` at the object's end."""
    i = _WHITESPACE.match(text, i).end()
    if text.startswith("}", i):
        return None, i + 1
    if not first:
        if not text.startswith(",", i):
            raise ValueError("expecting ',' delimiter")
        i = _WHITESPACE.match(text, i + 1).end()
    if not text.startswith('"', i):
        raise ValueError("expecting a property name")
    key, i = scanstring(text, i + 1, True)
    i = _WHITESPACE.match(text, i).end()
    if not text.startswith(":", i):
        raise ValueError("expecting ':' delimiter")
    return key, _WHITESPACE.match(text, i + 1).end()


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
