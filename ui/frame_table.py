"""A sortable, read-only table of a pandas DataFrame (the Results page's tables)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.formatting import format_number


class FrameTableModel(QAbstractTableModel):
    """A read-only table of a pandas DataFrame: formatted text to show, raw values to sort.

    ``columns`` lists ``(key, header, numeric)``: the frame column, its header
    text and whether it holds numbers (right-aligned, formatted).
    """

    SORT_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, columns: list[tuple[str, str, bool]], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.frame = pd.DataFrame(columns=[c[0] for c in columns])
        self._values: list = [[] for _ in columns]  # column-wise, for fast cell access

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame.reset_index(drop=True)
        self._values = [self.frame[key].to_numpy() if key in self.frame else
                        np.full(len(self.frame), "", dtype=object)
                        for key, _header, _numeric in self.columns]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        _key, _header, numeric = self.columns[index.column()]
        value = self._values[index.column()][index.row()]
        if role == self.SORT_ROLE:
            return float(value) if numeric else str(value)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if numeric:
                return format_number(float(value))
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][1]
        return None


def make_table(model: FrameTableModel, sort_key: str) -> QTableView:
    """A sortable, read-only view of ``model``: first column stretched, the others
    sized to their content, sorted by ``sort_key`` (largest first) to begin with."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(FrameTableModel.SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    keys = [c[0] for c in model.columns]
    view.sortByColumn(keys.index(sort_key), Qt.SortOrder.DescendingOrder)
    return view
