"""The main window: navigation, pages, design selector, File menu and status bar.

The window only arranges widgets and keeps its own state (title, status bar,
which page is shown). The open project lives in :class:`ProjectDocument`; file
commands live in :class:`ProjectActions`; BOM edits in the Product page's
:class:`~ui.pages.product.bom_editor.BomEditor`; every edit is a command on the document's
undo stack (Edit menu). Pages observe the document. A new page is one more
entry in :meth:`MainWindow._page_specs`.

The window also keeps the recovery copy up to date
(:class:`~ui.document.autosave_control.AutosaveController`), offers copies left by a
crash (:meth:`MainWindow.offer_recovery`) and can run read-only when another
GreenDesign window is the one allowed to write (:meth:`MainWindow.set_read_only`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from greendesign.cli_lca import material_gwp_lookup
from greendesign.errors import GreenDesignError
from greendesign.io.autosave import discard_recovery
from greendesign.model import BASELINE
from greendesign.settings import AppSettings, load_settings, save_settings
from ui.document.autosave_control import AutosaveController, recoverable_copies
from ui.document.document import ProjectDocument
from ui.document.export_lci_actions import ExportLciActions
from ui.document.project_actions import ProjectActions
from ui.document.supplier_actions import SupplierDataActions
from ui.pages.evidence.evidence_page import EvidencePage
from ui.pages.green_design.green_design_page import GreenDesignPage
from ui.pages.inventory.inventory_browser import InventoryBrowser
from ui.pages.product.product_page import ProductPage
from ui.pages.start.start_page import StartPage
from ui.prompts import RecoverChoice, UserPrompts
from ui.services.heap import HeapKeeper
from ui.services.inventory_setup import InventorySetupStatus
from ui.services.lca_service import LcaService, ServiceState
from ui.settings import UiSettings
from ui.widgets.formatting import format_number
from ui.widgets.lazy_page import LazyPage

STATUS_TIMEOUT_MS = 8000


@dataclass(frozen=True)
class PageSpec:
    """One entry of the navigation list: its key, title and how to build the page."""

    key: str
    title: str
    build: Callable[[], QWidget]


class MainWindow(QMainWindow):
    """The GreenDesign main window.

    Parameters
    ----------
    settings
        Remembered window state and recent files (a private file in tests).
    prompts
        Dialogs asked by the file commands (scripted in tests).
    app_settings
        The validated app settings (autosave interval, language); read from
        the settings file when omitted.
    """

    def __init__(self, settings: UiSettings | None = None,
                 prompts: UserPrompts | None = None,
                 app_settings: AppSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or UiSettings()
        self.app_settings = app_settings or load_settings()
        self.prompts = prompts or UserPrompts()
        self.read_only = False
        self.document = ProjectDocument(self)
        self.commands = ProjectActions(self.document, self.settings, self.prompts, self)
        self.supplier_data = SupplierDataActions(self.document, self.prompts, self)
        self.export_lci = ExportLciActions(self.document, self.prompts, self)
        self.autosave = AutosaveController(self.document, self.app_settings.autosave_interval_s,
                                           self)
        # the engine starts when the inventory set-up says the inventory is ready
        self.lca = LcaService(self.document, self, autostart=False)
        self.heap = HeapKeeper(self.document, self.lca, self)

        self.start_page = StartPage()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.pages = QStackedWidget()
        self.page_widgets: dict[str, QWidget] = {}
        for spec in self._page_specs():
            widget = spec.build()
            self.page_widgets[spec.key] = widget
            self.pages.addWidget(widget)
            self.nav.addItem(spec.title)
        self.product_page: ProductPage = self.page_widgets["product"]  # type: ignore[assignment]
        self.green_page: GreenDesignPage = self.page_widgets["green_design"]  # type: ignore
        self.inventory_browser: InventoryBrowser = self.page_widgets["inventory"]  # type: ignore
        self.inventory_browser.prompts = self.prompts
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 40)

        workspace = QWidget()
        layout = QHBoxLayout(workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.central = QStackedWidget()
        self.central.addWidget(self.start_page)
        self.central.addWidget(workspace)
        self.setCentralWidget(self.central)

        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self._update_title()
        self._update_enabled()
        self.refresh_recent_files()
        self._restore_geometry()

    # --- construction ------------------------------------------------------------------
    def _page_specs(self) -> list[PageSpec]:
        return [
            PageSpec("product", self.tr("Product"), lambda: ProductPage(self.document)),
            PageSpec("lifecycle", self.tr("Lifecycle"), lambda: self._lazy(self._lifecycle_page)),
            PageSpec("results", self.tr("Results"), lambda: self._lazy(self._results_page)),
            PageSpec("green_design", self.tr("Green design"),
                     lambda: GreenDesignPage(self.document)),
            PageSpec("variants", self.tr("Variants"), lambda: self._lazy(self._variants_page)),
            PageSpec("inventory", self.tr("Inventory"), InventoryBrowser),
            PageSpec("evidence", self.tr("Evidence pack"),
                     lambda: EvidencePage(self.document, self.lca, self.prompts)),
        ]

    # the results, lifecycle and variants pages bring charts and pandas: built when first shown
    @staticmethod
    def _lazy(factory: Callable[[], QWidget]) -> LazyPage:
        return LazyPage(factory)

    def _results_page(self) -> QWidget:
        from ui.pages.results.results_page import (
            ResultsPage,  # deferred: loads pyqtgraph, built on first visit
        )

        page = ResultsPage(self.document, self.lca)
        page.partSelected.connect(self.show_part)
        return page

    def _lifecycle_page(self) -> QWidget:
        from ui.pages.lifecycle.lifecycle_page import (
            LifecyclePage,  # deferred: loads pyqtgraph, built on first visit
        )

        page = LifecyclePage(self.document, self.lca)
        page.statusMessage.connect(self.show_message)
        return page

    def _variants_page(self) -> QWidget:
        from ui.pages.variants.variants_page import (
            VariantsPage,  # deferred: loads pyqtgraph, built on first visit
        )

        return VariantsPage(self.document, self.lca)

    @property
    def results_page(self):
        """The results page (built on first use)."""
        return self.page_widgets["results"].page()

    @property
    def lifecycle_page(self):
        """The lifecycle page (built on first use)."""
        return self.page_widgets["lifecycle"].page()

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(16, 16))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icons = ((self.commands.open_action, QStyle.StandardPixmap.SP_DialogOpenButton),
                 (self.commands.save_action, QStyle.StandardPixmap.SP_DialogSaveButton),
                 (self.commands.import_action, QStyle.StandardPixmap.SP_FileIcon))
        for action, pixmap in icons:
            action.setIcon(self.style().standardIcon(pixmap))
        for action in (self.commands.open_action, self.commands.save_action,
                       self.commands.import_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(" " + self.tr("Design:") + " "))
        self.design_combo = QComboBox()
        self.design_combo.setObjectName("designSelector")
        self.design_combo.setMinimumWidth(180)
        self.design_combo.setToolTip(self.tr("The baseline design or one of its variants"))
        toolbar.addWidget(self.design_combo)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self.commands.new_action)
        menu.addAction(self.commands.open_action)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.commands.save_action)
        menu.addAction(self.commands.save_as_action)
        menu.addSeparator()
        menu.addAction(self.commands.import_action)
        menu.addAction(self.commands.export_action)
        menu.addAction(self.supplier_data.import_action)
        menu.addAction(self.export_lci.export_action)
        menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        menu.addAction(self.quit_action)
        self.file_menu = menu

        edit = self.menuBar().addMenu(self.tr("&Edit"))
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        for action in self.product_page.editor.actions:
            edit.addAction(action)
        self.edit_menu = edit

        design = self.menuBar().addMenu(self.tr("&Design"))
        self.new_variant_action = design.addAction(self.tr("&New Variant\u2026"))
        self.new_variant_action.setStatusTip(self.tr("Copy the shown design into a new variant"))
        self.new_variant_action.triggered.connect(lambda _checked=False: self.new_variant())
        self.delete_variant_action = design.addAction(self.tr("&Delete Variant"))
        self.delete_variant_action.setStatusTip(self.tr("Delete the shown variant"))
        self.delete_variant_action.triggered.connect(lambda _checked=False: self.delete_variant())
        self.design_menu = design

        settings = self.menuBar().addMenu(self.tr("&Settings"))
        language = settings.addMenu(self.tr("&Language"))
        self.language_actions = QActionGroup(self)
        for code, label in (("", self.tr("System language")), ("en", "English"),
                            ("zh_CN", "\u7b80\u4f53\u4e2d\u6587")):
            action = language.addAction(label)
            action.setCheckable(True)
            action.setChecked(code == self.app_settings.language)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_actions.addAction(action)
        self.settings_menu = settings

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.mass_label = QLabel()
        self.parts_label = QLabel()
        self.path_label = QLabel()
        self.path_label.setStyleSheet("color: #555;")
        self.gwp_label = QLabel()
        self.gwp_label.setObjectName("gwpLabel")
        self.gwp_label.setToolTip(self.tr("Cradle-to-grave IPCC 2021 GWP100 of the shown design "
                                          "over its service life"))
        for label in (self.gwp_label, self.mass_label, self.parts_label, self.path_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)
        self.inventory_status: InventorySetupStatus | None = None

    def start_inventory_setup(self) -> InventorySetupStatus:
        """Check the local inventory and build it if needed, in the background."""
        if self.inventory_status is None:
            self.inventory_status = InventorySetupStatus(self.statusBar(), self)
            self.inventory_status.ready.connect(self.lca.inventory_ready)
            self.inventory_status.ready.connect(
                lambda _result: self.inventory_browser.inventory_ready())
        self.inventory_status.start()
        return self.inventory_status

    def _connect(self) -> None:
        doc = self.document
        doc.projectReplaced.connect(self._project_replaced)
        doc.designChanged.connect(self._design_changed)
        doc.productChanged.connect(self._update_status)
        doc.modifiedChanged.connect(self.setWindowModified)
        doc.pathChanged.connect(self._update_title)
        doc.pathChanged.connect(self._update_status)
        doc.variantsChanged.connect(self._fill_design_combo)
        doc.designChanged.connect(lambda _name: self._update_enabled())
        self.autosave.statusMessage.connect(self.show_message)
        self.design_combo.currentIndexChanged.connect(self._design_chosen)
        self.commands.recentFilesChanged.connect(self._recent_files_changed)
        self.commands.statusMessage.connect(self.show_message)
        self.supplier_data.statusMessage.connect(self.show_message)
        self.product_page.statusMessage.connect(self.show_message)
        self.green_page.statusMessage.connect(self.show_message)
        self.page_widgets["evidence"].statusMessage.connect(self.show_message)
        self.inventory_browser.statusMessage.connect(self.show_message)
        self.inventory_browser.databasesChanged.connect(self._user_databases_changed)
        # a user material's end of life changed: same matrices, the design is assessed again
        self.inventory_browser.eolChanged.connect(lambda _ref: self.lca.schedule())
        self.lca.gwpChanged.connect(self._update_gwp)
        self.lca.stateChanged.connect(self._lca_state_changed)
        self.start_page.openRequested.connect(lambda path: self.commands.open(path))
        self.start_page.newRequested.connect(self.commands.new)
        self.start_page.browseRequested.connect(lambda: self.commands.open())

    # --- document events ---------------------------------------------------------------
    def _fill_design_combo(self) -> None:
        project = self.document.project
        self.design_combo.blockSignals(True)
        self.design_combo.clear()
        if project is not None:
            for name in project.design_names:
                label = self.tr("Baseline") if name == BASELINE else name
                self.design_combo.addItem(label, name)
            index = self.design_combo.findData(self.document.design_name)
            self.design_combo.setCurrentIndex(max(0, index))
        self.design_combo.blockSignals(False)

    def _project_replaced(self) -> None:
        project = self.document.project
        self._fill_design_combo()
        self.central.setCurrentIndex(1 if project is not None else 0)
        if project is None:  # the start page again: its list may have changed meanwhile
            self.start_page.refresh(self.settings.recent_files())
        self._update_title()
        self._update_enabled()
        self._update_status()

    def _design_changed(self, name: str) -> None:
        index = self.design_combo.findData(name)
        if index >= 0 and index != self.design_combo.currentIndex():
            self.design_combo.blockSignals(True)
            self.design_combo.setCurrentIndex(index)
            self.design_combo.blockSignals(False)
        self._update_status()

    def _design_chosen(self, index: int) -> None:
        name = self.design_combo.itemData(index)
        if name:
            try:
                self.document.set_design(name)
            except GreenDesignError as exc:
                self.show_message(exc.message)

    # --- window state ------------------------------------------------------------------
    def _update_title(self) -> None:
        name = self.document.display_name
        title = f"{name}[*] \u2014 GreenDesign" if name else "GreenDesign"
        if self.read_only:
            title += " " + self.tr("(read-only)")
        self.setWindowTitle(title)
        self.setWindowModified(self.document.modified)

    def _update_enabled(self) -> None:
        has_project = self.document.project is not None
        writable = has_project and not self.read_only
        self.commands.export_action.setEnabled(has_project)
        self.supplier_data.import_action.setEnabled(writable)
        for action in (self.commands.save_action, self.commands.save_as_action):
            action.setEnabled(writable)
        for action in (self.commands.new_action, self.commands.import_action):
            action.setEnabled(not self.read_only)
        self.design_combo.setEnabled(has_project)
        self.product_page.editor.set_enabled(writable)
        self.new_variant_action.setEnabled(writable)
        self.delete_variant_action.setEnabled(
            writable and self.document.design_name != BASELINE)
        self.language_actions.setEnabled(not self.read_only)

    # --- variants, language --------------------------------------------------------------
    def new_variant(self, name: str | None = None) -> bool:
        """Copy the shown design into a new variant (name asked when None); undoable."""
        if self.document.project is None or self.read_only:
            return False
        if name is None:
            name = self.prompts.ask_text(self, self.tr("New variant"), self.tr(
                "Name of the variant (a copy of \u201c{design}\u201d):").format(
                design=self.design_combo.currentText()))
            if not name:
                return False
        try:
            self.document.add_variant(name)
        except GreenDesignError as exc:
            self.prompts.show_error(self, exc, self.tr("Cannot add the variant"))
            return False
        self.show_message(self.tr("Added the variant \u201c{name}\u201d").format(name=name))
        return True

    def delete_variant(self) -> bool:
        """Delete the shown variant; undoable."""
        if self.document.project is None or self.read_only:
            return False
        try:
            self.document.delete_variant(self.document.design_name)
        except GreenDesignError as exc:
            self.prompts.show_error(self, exc, self.tr("Cannot delete the variant"))
            return False
        return True

    def set_language(self, code: str) -> None:
        """Remember the interface language; it applies at the next start."""
        self.app_settings = self.app_settings.model_copy(update={"language": code})
        try:
            save_settings(self.app_settings)
        except (GreenDesignError, OSError) as exc:
            self.prompts.show_error(self, exc, self.tr("Cannot save the settings"))
            return
        self.prompts.show_info(self, self.tr("Language"), self.tr(
            "The new language is used from the next start of GreenDesign."))

    # --- read-only, autosave, recovery ---------------------------------------------------
    def set_read_only(self, read_only: bool = True) -> None:
        """Run as a viewer: nothing can be edited or saved, nothing is autosaved."""
        self.read_only = read_only
        self.document.read_only = read_only
        self.autosave.enabled = not read_only
        self.product_page.set_read_only(read_only)
        self.inventory_browser.set_read_only(read_only)
        self.page_widgets["evidence"].set_read_only(read_only)
        self._update_title()
        self._update_enabled()

    def autosave_now(self):
        """Write the recovery copy now (the error hook calls this first)."""
        return self.autosave.autosave_now()

    def offer_recovery(self) -> bool:
        """Offer the autosaved copies a crashed GreenDesign left; True when one was opened."""
        if self.read_only:
            return False
        opened = False
        for recovery in recoverable_copies():
            choice = self.prompts.ask_recovery(self, recovery)
            if choice is RecoverChoice.LATER:
                continue
            if choice is RecoverChoice.OPEN_SAVED:
                discard_recovery(recovery)
                if not opened and recovery.original is not None and recovery.original.exists():
                    opened = self.commands.open(recovery.original)
                continue
            if opened:
                continue  # one recovered project at a time; the next start offers the rest
            try:
                project = recovery.load()
            except GreenDesignError as exc:
                self.prompts.show_error(self, exc, self.tr("Cannot recover the copy"))
                continue
            discard_recovery(recovery)
            self.document.set_project(project, recovery.original, modified=True)
            self.autosave.autosave_now()  # the recovered work is on disk again at once
            self.show_message(self.tr("Recovered the autosaved copy; save it to keep it."))
            opened = True
        return opened

    def _update_status(self) -> None:
        product = self.document.product
        if product is None:
            for label in (self.mass_label, self.parts_label, self.path_label):
                label.clear()
            return
        summary = self.document.bom_summary()  # made once per change, not per label update
        self.mass_label.setText(self.tr("Mass: {mass} kg").format(
            mass=format_number(summary.mass_kg)))
        self.parts_label.setText(self.tr("{count} parts").format(count=summary.part_lines))
        path = self.document.path
        self.path_label.setText(str(path) if path else self.tr("not saved yet"))

    def show_message(self, text: str) -> None:
        """Show a message in the status bar for a few seconds."""
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def refresh_recent_files(self, start_page: bool = True) -> None:
        """Rebuild the Open Recent menu and (``start_page``) the start page's list
        (missing files pruned)."""
        files = self.settings.recent_files()
        self.recent_menu.clear()
        for i, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i % 10}  {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.commands.open(p))
        if files:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear list"))
            clear.triggered.connect(self._clear_recent)
        self.recent_menu.setEnabled(bool(files))
        if start_page:
            self.start_page.refresh(files)

    def _recent_files_changed(self) -> None:
        """A project was opened or saved: the start page, which reads every file it lists,
        is refreshed only while it is shown (a project on screen hides it)."""
        self.refresh_recent_files(start_page=self.central.currentWidget() is self.start_page)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self.refresh_recent_files()

    def show_page(self, key: str) -> None:
        """Show the page with this key (``product``, ``results`` ...)."""
        keys = list(self.page_widgets)
        self.nav.setCurrentRow(keys.index(key))

    def open_file(self, path: str | Path) -> bool:
        """Open a project file (see :meth:`ProjectActions.open`)."""
        return self.commands.open(path)

    def _restore_geometry(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Ask about unsaved changes, then remember the window state."""
        if not self.commands.confirm_discard():
            event.ignore()
            return
        if self.inventory_browser.busy() and not self.prompts.confirm(
                self, self.tr("User database"),
                self.tr("A user database is being imported or removed."),
                self.tr("Closing GreenDesign cancels an import (nothing of it is written) or "
                        "waits for a removal to end."),
                self.tr("Close anyway")):
            event.ignore()
            return
        self.autosave.stop()
        if not self.read_only:  # the writing window owns the shared window state
            self.settings.save_window(self.saveGeometry(), self.saveState())
            self.settings.last_project = self.document.path
            self.settings.sync()
        self.stop_background_work()
        event.accept()

    def stop_background_work(self) -> None:
        """Cancel background work and end its thread (on close or quit)."""
        if self.inventory_status is not None:
            self.inventory_status.stop()
        self.inventory_browser.stop()
        self.green_page.stop()
        self.lca.stop()

    def _user_databases_changed(self) -> None:
        """A user database was imported or removed: the results and pickers follow it."""
        self.lca.reload_background()
        self.product_page.tree.viewport().update()  # dataset names of the BOM

    def show_part(self, part_id: str) -> None:
        """Show the product page with this part selected (from a results chart)."""
        self.nav.setCurrentRow(0)
        self.product_page.select_node(part_id)

    def _update_gwp(self, value: float) -> None:
        if value != value:  # NaN: no result
            self.gwp_label.setText("")
            return
        self.gwp_label.setText(self.tr("GWP100: {value} kg CO2-eq").format(
            value=format_number(value)))

    def _lca_state_changed(self, state: str) -> None:
        if state == ServiceState.READY and self.lca.background is not None:

            self.green_page.set_gwp_lookup(material_gwp_lookup(self.lca.background))
