"""The Product page: the product's identity, its BOM tree and the selected part."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from greendesign.model import Assembly, Part, Product
from ui.document.document import BomSummary, ProjectDocument, summarize_bom
from ui.i18n import _tr
from ui.pages.product.bom_editor import BomEditor
from ui.pages.product.bom_model import BomModel, Column
from ui.pages.product.cell_editors import BomItemDelegate
from ui.pages.product.compliance_panel import CompliancePanel
from ui.pages.product.part_details import PartDetailsPanel
from ui.pages.product.part_fields import PartFieldsForm
from ui.pages.product.part_lists import (
    ProcessesEditor,
    SubstancesEditor,
    TransportEditor,
)
from ui.widgets.formatting import format_mass, format_number
from ui.widgets.page_parts import page_title

EXPAND_DEPTH = 1
"""Tree levels shown expanded on load: 0 is the top, so 1 shows two levels."""

_COLUMN_LIMITS = {  # (minimum, maximum) width in px at 96 dpi; content decides between
    Column.NAME: (150, 280), Column.ID: (70, 150), Column.QTY: (36, 60),
    Column.MASS: (60, 90), Column.MATERIAL: (150, 340), Column.RECYCLED: (56, 80),
    Column.JOINT: (56, 100), Column.MODULE: (56, 100), Column.PRIORITY: (56, 100),
}
FIT_SAMPLE_ROWS = 100
"""Rows measured to fit the columns (the shown ones first, then their neighbours)."""
_SHRINKABLE = (Column.MATERIAL, Column.NAME, Column.ID)
"""Columns that give up width, in this order, when the tree is narrower than the content."""


def category_label(value: str) -> str:
    """The product category as the user reads it (``household_appliance`` -> household appliance)."""
    labels = {"household_appliance": _tr("household appliance"), "furniture": _tr("furniture"),
              "electronics": _tr("electronics"), "other": _tr("other")}
    return labels.get(value, value.replace("_", " "))


def fit_widths(wanted: dict[int, int], minimum: dict[int, int], available: int) -> dict[int, int]:
    """Shrink the shrinkable columns (proportionally to their excess over their
    minimum) until the widths fit ``available`` pixels or reach their minima."""
    widths = dict(wanted)
    excess = sum(widths.values()) - available
    slack = {c: widths[c] - minimum[c] for c in _SHRINKABLE if widths[c] > minimum[c]}
    total_slack = sum(slack.values())
    if excess <= 0 or total_slack <= 0:
        return widths
    cut = min(excess, total_slack)
    for column, room in slack.items():
        widths[column] -= round(cut * room / total_slack)
    return widths


class ProductHeader(QFrame):
    """Name, Chinese name, category, functional unit, service life and mass."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productHeader")
        self.title = page_title("")
        self.title.setObjectName("productTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.title, 0, 0, 1, 6)
        layout = [  # (key, caption, row, column, value column span)
            ("functional_unit", self.tr("Functional unit"), 1, 0, 5),
            ("mass", self.tr("Mass"), 2, 0, 1),
            ("parts", self.tr("Parts"), 2, 2, 1),
            ("service_life", self.tr("Service life"), 2, 4, 1),
            ("category", self.tr("Category"), 3, 0, 1),
            ("model", self.tr("Model number"), 3, 2, 1),
            ("region", self.tr("Made in"), 3, 4, 1),
        ]
        for key, text, row, col, span in layout:
            caption = QLabel(text + ":")
            caption.setStyleSheet("color: #555;")
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(key == "functional_unit")
            grid.addWidget(caption, row, col, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, col + 1, 1, span, Qt.AlignmentFlag.AlignTop)
            self.fields[key] = value
        for column, stretch in ((1, 1), (3, 1), (5, 1), (6, 3)):
            grid.setColumnStretch(column, stretch)

    def show_product(self, product: Product | None, summary: BomSummary | None = None) -> None:
        """Fill the header from a product (clear it for None); ``summary``: its BOM's, when
        the caller has it (the document keeps the shown design's)."""
        if product is None:
            self.title.clear()
            for label in self.fields.values():
                label.clear()
            return
        title = product.name + (f"  \u00b7  {product.name_zh}" if product.name_zh else "")
        self.title.setText(title)
        summary = summary or summarize_bom(product.bom)
        self.fields["category"].setText(category_label(product.category.value))
        self.fields["service_life"].setText(
            self.tr("{years} years").format(years=format_number(product.service_life_years)))
        self.fields["mass"].setText(format_mass(summary.mass_kg))
        self.fields["functional_unit"].setText(product.display_functional_unit)
        self.fields["parts"].setText(self.tr("{lines} part lines, {units} units").format(
            lines=summary.part_lines, units=format_number(summary.units)))
        self.fields["model"].setText(product.model_number or "\u2013")
        self.fields["region"].setText(product.manufacturer_region or "\u2013")


class BomTreeView(QTreeView):
    """The BOM tree; rows are moved by dragging them onto an assembly or between rows.

    The model does the move (:meth:`BomModel.dropMimeData`); the view refuses, with a
    status message, a drop that would put an assembly inside itself (Qt alone would
    only show the "forbidden" cursor, without saying why).
    """

    dropRefused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refusal = lambda _ids, _parent_id: None
        self._last_refusal = ""

    def drop_target(self, pos) -> str | None:
        """The assembly a drop at ``pos`` goes into (None: the top level)."""
        model = self.model()
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        rect = self.visualRect(index)
        margin = max(2, min(rect.height() / 5.5, 12))
        node = model.node(index)
        droppable = bool(model.flags(index) & Qt.ItemFlag.ItemIsDropEnabled)
        above = pos.y() - rect.top() < margin
        below = rect.bottom() - pos.y() < margin
        if droppable and not above and not below:
            return node.id
        return model.parent_id(node.id)

    def _refusal(self, event) -> str | None:
        ids = self.model().dragged_ids(event.mimeData())
        if not ids:
            return None
        parent_id = self.drop_target(event.position().toPoint())
        return self.refusal(ids, parent_id)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().dragMoveEvent(event)
        reason = self._refusal(event)
        if reason:
            event.ignore()
            if reason != self._last_refusal:
                self.dropRefused.emit(reason)
        self._last_refusal = reason or ""

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        reason = self._refusal(event)
        self._last_refusal = ""
        if reason:
            event.ignore()
            self.setState(QAbstractItemView.State.NoState)
            self.viewport().update()
            self.dropRefused.emit(reason)
            return
        super().dropEvent(event)


class ProductPage(QWidget):
    """Product header above a splitter with the BOM tree and the details panel.

    Signals
    -------
    statusMessage(str)
        A message for the status bar (a refused edit, say).
    """

    statusMessage = Signal(str)
    EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked
                     | QAbstractItemView.EditTrigger.EditKeyPressed
                     | QAbstractItemView.EditTrigger.AnyKeyPressed)

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.header = ProductHeader()
        self.model = BomModel(self)
        self.tree = BomTreeView()
        self.tree.setObjectName("bomTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)  # keeps thousands of rows fast
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(self.EDIT_TRIGGERS)
        self.delegate = BomItemDelegate(self.model, self.tree)
        self.tree.setItemDelegate(self.delegate)
        self.editor = BomEditor(document, self.model, self.tree, self)
        self.tree.refusal = self.editor.drop_refusal
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.header().setStretchLastSection(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.details = PartDetailsPanel()
        self.fields = PartFieldsForm(self.editor.set_fields, self.model.has_id)
        self.processes = ProcessesEditor(self.editor.set_fields)
        self.substances = SubstancesEditor(self.editor.set_fields)
        self.transport = TransportEditor(self.editor.set_fields)
        self.compliance = CompliancePanel(self.editor.set_fields)
        self.side_editors = [self.processes, self.substances, self.transport, self.compliance]
        self._fit_pending = False
        self.edit_bar = QToolBar(self.tr("BOM editing"))
        self.edit_bar.setObjectName("bomToolbar")
        self.edit_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in self.editor.actions:
            self.edit_bar.addAction(action)

        caption = QLabel(self.tr("Bill of materials"))
        caption.setObjectName("sectionCaption")
        hint = QLabel(self.tr("Double-click or start typing to edit a cell (mass as "
                              "\u201c250 g\u201d, recycled content in %); Ctrl+Z undoes."))
        hint.setStyleSheet("color: #666;")
        tree_box = QWidget()
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        caption_row = QHBoxLayout()
        caption_row.addWidget(caption)
        caption_row.addStretch(1)
        caption_row.addWidget(self.edit_bar)
        tree_layout.addLayout(caption_row)
        tree_layout.addWidget(self.tree, 1)
        tree_layout.addWidget(hint)

        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("partTabs")
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.setUsesScrollButtons(True)
        fields_scroll = QScrollArea()
        fields_scroll.setWidgetResizable(True)
        fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        fields_scroll.setWidget(self.fields)
        compliance_scroll = QScrollArea()
        compliance_scroll.setWidgetResizable(True)
        compliance_scroll.setFrameShape(QFrame.Shape.NoFrame)
        compliance_scroll.setWidget(self.compliance)
        self.side_tabs.addTab(fields_scroll, self.tr("Fields"))
        self.side_tabs.addTab(self.processes, self.tr("Processes"))
        self.side_tabs.addTab(self.substances, self.tr("Substances"))
        self.side_tabs.addTab(self.transport, self.tr("Transport"))
        self.side_tabs.addTab(compliance_scroll, self.tr("End of life"))
        self.side_tabs.setTabToolTip(4, self.tr("End-of-life override, priority part and "
                                                "plastic marking"))
        side = QSplitter(Qt.Orientation.Vertical)
        side.setChildrenCollapsible(False)
        side.addWidget(self.side_tabs)
        side.addWidget(self.details)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 2)
        self.side_splitter = side

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(tree_box)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 420])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)

        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.editRejected.connect(self.statusMessage)
        self.editor.statusMessage.connect(self.statusMessage)
        self.fields.statusMessage.connect(self.statusMessage)
        self.tree.dropRefused.connect(self.statusMessage)
        for editor in self.side_editors:
            editor.statusMessage.connect(self.statusMessage)
        document.projectReplaced.connect(self.reload)
        document.designChanged.connect(lambda _name: self.reload())
        document.productChanged.connect(self._product_changed)

    def reload(self) -> None:
        """Show the document's current design from scratch."""
        product = self.document.product
        self.header.show_product(product, self.document.bom_summary())
        if product is not self.model.product or product is None \
                or self._tree_outdated(product):
            self.model.set_product(product)
            self._expand_to_depth(EXPAND_DEPTH)
            self._fit_columns()
        self.details.show_node(None)
        first = self.model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self._selection_changed()

    def _expand_to_depth(self, levels: int) -> None:
        """Expand the assemblies of the first ``levels`` levels of a model just reset.

        The tree lays itself out once, after the reset; expanding before that only
        records the rows. (``QTreeView.expandToDepth`` lays the tree out at once and
        again for each row it expands.)
        """
        parents = [QModelIndex()]
        for _level in range(levels):
            below = []
            for parent in parents:
                for row in range(self.model.rowCount(parent)):
                    index = self.model.index(row, 0, parent)
                    if isinstance(self.model.node(index), Assembly):
                        self.tree.expand(index)
                        below.append(index)
            parents = below

    def _tree_outdated(self, product: Product) -> bool:
        return self.model.rowCount() != len(product.bom)

    def _product_changed(self) -> None:
        product = self.document.product
        if product is not self.model.product:
            self.reload()  # the BOM was replaced (an import)
            return
        self.header.show_product(product, self.document.bom_summary())
        self._selection_changed()

    def set_read_only(self, read_only: bool) -> None:
        """Show the BOM without any way to change it (a second window)."""
        self.model.read_only = read_only
        self.fields.read_only = read_only
        for editor in self.side_editors:
            editor.read_only = read_only
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop if read_only
                                  else QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                  else self.EDIT_TRIGGERS)
        self.editor.set_enabled(not read_only)
        self.edit_bar.setVisible(not read_only)
        self._selection_changed()

    def _fit_columns(self) -> None:
        """Size columns to their content within limits, then fit the visible width."""
        if not self.isVisible():
            self._fit_pending = True  # the viewport has no real width yet
            return
        self._fit_pending = False
        header = self.tree.header()
        wanted, minimum = {}, {}
        precision = header.resizeContentsPrecision()  # kept for a double-click on a divider
        header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        try:
            for column, (low, high) in _COLUMN_LIMITS.items():
                content = max(self.tree.sizeHintForColumn(column) + 12,
                              header.sectionSizeFromContents(column).width())
                minimum[column] = low
                wanted[column] = max(low, min(content, high))
        finally:
            header.setResizeContentsPrecision(precision)
        available = self.tree.viewport().width() - 2
        for column, width in fit_widths(wanted, minimum, available).items():
            header.resizeSection(column, width)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Fit the columns the first time the page is shown with a project."""
        super().showEvent(event)
        if self._fit_pending:
            QTimer.singleShot(0, self._fit_columns)

    def selected_node(self) -> Part | Assembly | None:
        """The part or assembly selected in the tree, or None."""
        index = self.tree.currentIndex()
        return self.model.node(index) if index.isValid() else None

    def _selection_changed(self, *_args: QItemSelection) -> None:
        index = self.tree.selectionModel().currentIndex()
        rows = self.tree.selectionModel().selectedRows()
        if rows:
            index = rows[0]
        node = self.model.node(index) if index.isValid() else None
        product = self.model.product
        material_value = product.supplier_data.get(node.material) if (
            isinstance(node, Part) and product is not None) else None
        self.details.show_node(node, self._units_per_product(index) if node else None,
                               material_value)
        self.fields.show_node(node)
        for editor in self.side_editors:
            editor.show_node(node)

    def _units_per_product(self, index: QModelIndex) -> float:
        count = 1.0
        while index.isValid():
            count *= self.model.node(index).quantity
            index = index.parent()
        return count

    def select_node(self, node_id: str) -> None:
        """Select and reveal the node with this id."""
        index = self.model.index_of(node_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
