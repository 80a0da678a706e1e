"""The app's look: Qt's Fusion style (the same on every platform) and a light
style sheet for the navigation list and page headers."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

ACCENT = "#2e6b3a"

STYLE_SHEET = f"""
QListWidget#navigation {{
    border: none;
    border-right: 1px solid #d0d4d0;
    background: #f3f5f3;
    padding-top: 6px;
    outline: 0;
}}
QListWidget#navigation::item {{
    padding: 7px 14px;
    color: #222;
}}
QListWidget#navigation::item:selected {{
    background: {ACCENT};
    color: white;
}}
QListWidget#navigation::item:hover:!selected {{
    background: #e2e8e2;
}}
QFrame#productHeader {{
    background: #f7f9f7;
    border: 1px solid #dde2dd;
    border-radius: 4px;
}}
QLabel#sectionCaption {{
    font-weight: bold;
    padding: 6px 0 3px 0;
}}
QTreeView#bomTree::item {{
    padding: 2px 0;
}}
QToolBar#mainToolbar {{
    spacing: 4px;
    padding: 2px 6px;
}}
"""


def apply_style(app: QApplication) -> None:
    """Use the Fusion style and the app's style sheet."""
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
