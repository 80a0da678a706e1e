"""A sortable, read-only table of a pandas DataFrame (the Results page's tables).

A model may be given a function that makes its frame instead of the frame:
the frame is then made when something first asks for the model's rows, so a
table nobody looks at costs nothing (see :class:`LazyTabs`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTabWidget, QWidget

from ui.widgets.formatting import format_number


class FrameTableModel(QAbstractTableModel):
    """A read-only table of a pandas DataFrame: formatted text to show, raw values to sort.

    ``columns`` lists ``(key, header, numeric)``: the frame column, its header
    text and whether it holds numbers (right-aligned, formatted).
    """

    SORT_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, columns: list[tuple[str, str, bool]], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._frame = pd.DataFrame(columns=[c[0] for c in columns])
        self._pending: Callable[[], pd.DataFrame] | None = None
        self._values: list = [[] for _ in columns]  # column-wise, for fast cell access

    def set_frame(self, frame: pd.DataFrame | Callable[[], pd.DataFrame]) -> None:
        """Show ``frame``, or the frame a function returns when first asked for."""
        self.beginResetModel()
        if callable(frame):
            self._pending = frame
        else:
            self._pending = None
            self._load(frame)
        self.endResetModel()

    def _load(self, frame: pd.DataFrame) -> None:
        self._frame = frame.reset_index(drop=True)
        self._rows = len(self._frame)
        self._values = [self._frame[key].to_numpy() if key in self._frame else
                        np.full(self._rows, "", dtype=object)
                        for key, _header, _numeric in self.columns]

    @property
    def frame(self) -> pd.DataFrame:
        """The frame shown (made now if it was given as a function)."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._load(pending())
        return self._frame

    def value(self, row: int, key: str):
        """The raw value of column ``key`` in ``row`` of the frame."""
        return self.frame[key].iat[row]

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


def make_table(model: FrameTableModel, sort_key: str | None) -> QTableView:
    """A sortable, read-only view of ``model``: first column stretched, the others
    sized to their content, sorted by ``sort_key`` (largest first) to begin with
    (None: kept in the frame's order, not sortable)."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(FrameTableModel.SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(sort_key is not None)
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
    if sort_key is not None:
        keys = [c[0] for c in model.columns]
        view.sortByColumn(keys.index(sort_key), Qt.SortOrder.DescendingOrder)
    return view


def source_model(view: QTableView) -> FrameTableModel:
    """The :class:`FrameTableModel` behind a view of :func:`make_table`."""
    return view.model().parent()


class LazyTabs:
    """Connects the tables of a tab widget to their models only while their tab is shown.

    A table on a hidden tab is cut off from its model, so setting the model's
    frame (a function, made when first asked for) costs nothing until the tab
    is shown again; its sort order is kept.
    """

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self.views: dict[QTableView, QWidget] = {}
        tabs.currentChanged.connect(lambda _index: self.update())

    def add(self, view: QTableView, tab: QWidget | None = None) -> None:
        """Manage ``view``, which sits on ``tab`` (default: is the tab)."""
        self.views[view] = tab if tab is not None else view
        self.update()

    def update(self) -> None:
        current = self.tabs.currentWidget()
        for view, tab in self.views.items():
            proxy = view.model()
            model = proxy.parent()
            wanted = model if tab is current else None
            if proxy.sourceModel() is not wanted:
                proxy.setSourceModel(wanted)
