"""The open project as the user interface sees it.

:class:`ProjectDocument` owns the :class:`~greendesign.model.Project`, its
file path, the design being shown (baseline or a variant) and whether there
are unsaved changes. Pages observe its signals instead of each other, so a new
page (results, variants ...) only has to listen to the document.

Every operation that can fail goes through the core first and changes the
document only after the core accepted it: a failed load, save or BOM
replacement leaves the open project exactly as it was.

Every edit is a command on :attr:`ProjectDocument.undo_stack` (one stack per
document, emptied when another project is opened). The project counts as
modified while the stack is away from its clean state, which a save sets, or
while it holds changes that were never in a file (an imported or recovered
project).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from greendesign.errors import ModelValidationError
from greendesign.io.bom_table import paused_gc
from greendesign.io.project_file import SUFFIX, load_project, save_project
from greendesign.model import BASELINE, Product, Project, Variant
from greendesign.model.part import Assembly, Part
from ui.document.edit_commands import ReplaceProductCommand, SetVariantsCommand

DEFAULT_FUNCTIONAL_UNIT = "one product used over its service life"


def new_project(name: str = "Untitled product") -> Project:
    """An empty project: a product with no parts yet."""
    product = Product(name=name, functional_unit=DEFAULT_FUNCTIONAL_UNIT,
                      service_life_years=5.0)
    return Project(product=product)


@dataclass(frozen=True)
class BomSummary:
    """What the window shows of a whole BOM: part lines, units and mass per product."""

    part_lines: int
    units: float
    mass_kg: float


def summarize_bom(nodes: list[Part | Assembly]) -> BomSummary:
    """Count the part lines and units of a BOM and sum its mass, in one pass.

    The parts are visited depth first, in the order of
    :func:`~greendesign.model.part.iter_parts`, and each count is the product of the
    quantities above it, so the sums are those of ``len(product.parts())``, the summed
    units and :attr:`Product.mass_kg <greendesign.model.Product.mass_kg>` to the last
    digit.
    """
    lines, units, mass = 0, 0.0, 0.0
    stack = [(iter(nodes), 1.0)]
    while stack:
        children, multiplier = stack[-1]
        for node in children:
            count = multiplier * node.quantity
            if isinstance(node, Assembly):
                stack.append((iter(node.children), count))
                break
            lines += 1
            units += count
            mass += node.mass_kg * count
        else:
            stack.pop()
    return BomSummary(part_lines=lines, units=units, mass_kg=mass)


class ProjectDocument(QObject):
    """The open project, its file and the design being shown.

    Signals
    -------
    projectReplaced
        A different project (new, opened, imported) is now open.
    designChanged(str)
        Another design (baseline or variant name) is shown.
    productChanged
        The shown design's content changed in place (an edit, a new BOM).
    modifiedChanged(bool)
        The unsaved-changes flag changed.
    pathChanged
        The project file path changed (open, save as).
    variantsChanged
        Variants were added or removed.
    saved(Path)
        The project was written to this file.
    """

    projectReplaced = Signal()
    designChanged = Signal(str)
    productChanged = Signal()
    modifiedChanged = Signal(bool)
    pathChanged = Signal()
    variantsChanged = Signal()
    saved = Signal(Path)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._path: Path | None = None
        self._design = BASELINE
        self._modified = False
        self._unsaved_origin = False  # content never saved: imported or recovered
        self.read_only = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        # ids of the BOM nodes edited in place since :meth:`take_edits` (None: anything)
        self._edits: set[str] | None = None
        self.projectReplaced.connect(self._forget_edits)
        self.designChanged.connect(self._forget_edits)
        # the shown design's BOM summary with its product, made when first asked for after a
        # change (connected first, so every observer of these signals reads the new one;
        # showing another design shows another product, which is told by its identity)
        self._summary: tuple[Product, BomSummary] | None = None
        self.projectReplaced.connect(self._forget_summary)
        self.productChanged.connect(self._forget_summary)

    # --- state -------------------------------------------------------------------------
    @property
    def project(self) -> Project | None:
        """The open project, or None before the first one is opened."""
        return self._project

    @property
    def path(self) -> Path | None:
        """The project file, or None for a project never saved."""
        return self._path

    @property
    def design_name(self) -> str:
        """The design shown: ``baseline`` or a variant name."""
        return self._design

    @property
    def product(self) -> Product | None:
        """The product of the design shown."""
        return self._project.design(self._design) if self._project else None

    def bom_summary(self) -> BomSummary | None:
        """Part lines, units and mass of the shown design (None without a project).

        Made once per change of the design, however many widgets show it.
        """
        product = self.product
        if product is None:
            return None
        if self._summary is None or self._summary[0] is not product:
            self._summary = (product, summarize_bom(product.bom))
        return self._summary[1]

    @property
    def modified(self) -> bool:
        """Whether there are changes not saved to the file."""
        return self._modified

    @property
    def display_name(self) -> str:
        """The file name, or the product name of a project not saved yet."""
        if self._path is not None:
            return self._path.name
        if self._project is not None:
            return self._project.product.name
        return ""

    # --- operations --------------------------------------------------------------------
    def set_project(self, project: Project, path: Path | None, *, modified: bool = False) -> None:
        """Show another project (already loaded and validated); forgets the undo history."""
        self._project = project
        self._path = Path(path) if path is not None else None
        self._design = BASELINE
        self.undo_stack.clear()
        self._unsaved_origin = modified
        self.projectReplaced.emit()
        self.pathChanged.emit()
        self.designChanged.emit(self._design)
        self._update_modified()

    def open(self, path: str | Path) -> None:
        """Load a project file and show it.

        Raises the core's ``ProjectFileError``, ``SchemaVersionError`` or
        ``ModelValidationError``; the open project is untouched then.
        """
        with paused_gc():  # the project's objects and the views' are made, none garbage
            project = load_project(path)
            self.set_project(project, Path(path).resolve())

    def save(self, path: str | Path | None = None) -> Path:
        """Save atomically to ``path`` (or the current file); adds ``.gdproj`` if missing.

        Raises ``SaveError`` or ``ModelValidationError``; nothing changes then.
        """
        if self._project is None:
            raise RuntimeError("no project is open")
        target = Path(path) if path is not None else self._path
        if target is None:
            raise RuntimeError("the project has no file yet; give a path")
        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        save_project(self._project, target)
        if self._path != target.resolve():
            self._path = target.resolve()
            self.pathChanged.emit()
        self._unsaved_origin = False
        self.undo_stack.setClean()
        self._update_modified()
        self.saved.emit(self._path)
        return self._path

    def set_design(self, name: str) -> None:
        """Show the baseline or a variant; raises ``ModelValidationError`` for an unknown name."""
        if self._project is None or name == self._design:
            return
        self._project.design(name)  # raises for an unknown name
        self._design = name
        self.designChanged.emit(name)

    def replace_bom(self, nodes: list[Part | Assembly]) -> None:
        """Give the shown design a new BOM (from an import), validated as a whole; undoable.

        Raises ``ModelValidationError`` (for example when the use phase replaces
        a part the new BOM lacks); the design keeps its old BOM then.
        """
        if self._project is None:
            raise RuntimeError("no project is open")
        current = self.product
        data = current.model_dump()
        data["bom"] = [node.model_dump() for node in nodes]
        replacement = Product.model_validate(data)
        self.undo_stack.push(ReplaceProductCommand(
            self, self._design, current, replacement, self.tr("Import BOM")))

    def put_product(self, design: str, product: Product) -> None:
        """Make ``product`` the product of ``design`` and show it (undo commands call this)."""
        if design == BASELINE:
            self._project.product = product
        else:
            variant = next(v for v in self._project.variants if v.name == design)
            variant.product = product
        if design != self._design:
            self._design = design
            self.designChanged.emit(design)
        self.product_edited(None)

    # --- variants ----------------------------------------------------------------------
    def add_variant(self, name: str, description: str = "") -> Variant:
        """Add a variant copied from the shown design and show it; undoable.

        Raises ``ModelValidationError`` for a name already used or not allowed.
        """
        if self._project is None:
            raise RuntimeError("no project is open")
        name = name.strip()
        if name in self._project.design_names:
            raise ModelValidationError(
                self.tr("A design named \u201c{name}\u201d already exists.").format(name=name),
                hint=self.tr("Choose another name for the variant."))
        variant = Variant(name=name, based_on=self._design, description=description,
                          product=self.product.model_copy(deep=True))
        new = [*self._project.variants, variant]
        Project(product=self._project.product, variants=new,
                settings=self._project.settings)  # validates the names and links
        self.undo_stack.push(SetVariantsCommand(
            self, self._project.variants, new, name, self._design,
            self.tr("Add variant \u201c{name}\u201d").format(name=name)))
        return variant

    def delete_variant(self, name: str) -> None:
        """Remove a variant (not the baseline, nor one others are based on); undoable."""
        if self._project is None or name == BASELINE:
            raise ModelValidationError(self.tr("The baseline design cannot be deleted."))
        children = [v.name for v in self._project.variants if v.based_on == name]
        if children:
            raise ModelValidationError(
                self.tr("Variant \u201c{name}\u201d cannot be deleted: {others} "
                        "are based on it.").format(name=name, others=", ".join(children)),
                hint=self.tr("Delete those variants first."))
        if self._project.settings.reference_variant == name:
            raise ModelValidationError(
                self.tr("Variant \u201c{name}\u201d is the project's reference design.")
                .format(name=name), hint=self.tr("Choose another reference design first."))
        new = [v for v in self._project.variants if v.name != name]
        show = BASELINE if self._design == name else self._design
        self.undo_stack.push(SetVariantsCommand(
            self, self._project.variants, new, show, name,
            self.tr("Delete variant \u201c{name}\u201d").format(name=name)))

    def put_variants(self, variants: list[Variant], show: str) -> None:
        """Set the project's variants and show ``show`` (undo commands call this)."""
        self._project.variants = list(variants)
        self.variantsChanged.emit()
        self._design = show
        self.designChanged.emit(show)

    # --- what changed ------------------------------------------------------------------
    def product_edited(self, node_ids=None) -> None:
        """The shown design changed in place; ``node_ids``: only the fields of these BOM
        nodes did (None: anything may have). Emits ``productChanged``."""
        if node_ids is None:
            self._edits = None
        elif self._edits is not None:
            self._edits.update(node_ids)
        self.productChanged.emit()

    def take_edits(self) -> set[str] | None:
        """The nodes edited in place since the last call (None: anything may have changed,
        so everything must be recomputed); starts counting again."""
        edits, self._edits = self._edits, set()
        return edits or None

    def peek_edits(self) -> set[str] | None:
        """The nodes edited in place since the last :meth:`take_edits` (None: anything may
        have changed; an empty set: nothing recorded), without taking them."""
        return self._edits

    def _forget_edits(self, *_args) -> None:
        self._edits = None

    def _forget_summary(self, *_args) -> None:
        self._summary = None

    # --- modified state ----------------------------------------------------------------
    def mark_modified(self) -> None:
        """Record that the project differs from its file outside the undo history."""
        self._unsaved_origin = True
        self.product_edited(None)
        self._update_modified()

    def _clean_changed(self, clean: bool) -> None:
        # while the window is destroyed the stack may be gone already: nothing to show then
        with contextlib.suppress(RuntimeError):
            self._update_modified(clean)

    def _update_modified(self, stack_clean: bool | None = None) -> None:
        if stack_clean is None:
            stack_clean = self.undo_stack.isClean()
        value = self._project is not None and (self._unsaved_origin or not stack_clean)
        if value != self._modified:
            self._modified = value
            self.modifiedChanged.emit(value)

    def _set_modified(self, value: bool) -> None:
        """Force the flag (tests close windows without questions this way)."""
        self._unsaved_origin = value
        if not value:
            self.undo_stack.setClean()
        self._update_modified()
