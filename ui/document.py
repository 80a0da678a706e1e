"""The open project as the user interface sees it.

:class:`ProjectDocument` owns the :class:`~greendesign.model.Project`, its
file path, the design being shown (baseline or a variant) and whether there
are unsaved changes. Pages observe its signals instead of each other, so a new
page (results, variants ...) only has to listen to the document.

Every operation that can fail goes through the core first and changes the
document only after the core accepted it: a failed load, save or BOM
replacement leaves the open project exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from greendesign.io.project_file import SUFFIX, load_project, save_project
from greendesign.model import BASELINE, Product, Project
from greendesign.model.part import Assembly, Part

DEFAULT_FUNCTIONAL_UNIT = "one product used over its service life"


def new_project(name: str = "Untitled product") -> Project:
    """An empty project: a product with no parts yet."""
    product = Product(name=name, functional_unit=DEFAULT_FUNCTIONAL_UNIT,
                      service_life_years=5.0)
    return Project(product=product)


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
    """

    projectReplaced = Signal()
    designChanged = Signal(str)
    productChanged = Signal()
    modifiedChanged = Signal(bool)
    pathChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._path: Path | None = None
        self._design = BASELINE
        self._modified = False

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
        """Show another project (already loaded and validated)."""
        self._project = project
        self._path = Path(path) if path is not None else None
        self._design = BASELINE
        self.projectReplaced.emit()
        self.pathChanged.emit()
        self.designChanged.emit(self._design)
        self._set_modified(modified)

    def open(self, path: str | Path) -> None:
        """Load a project file and show it.

        Raises the core's ``ProjectFileError``, ``SchemaVersionError`` or
        ``ModelValidationError``; the open project is untouched then.
        """
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
        self._set_modified(False)
        return self._path

    def set_design(self, name: str) -> None:
        """Show the baseline or a variant; raises ``ModelValidationError`` for an unknown name."""
        if self._project is None or name == self._design:
            return
        self._project.design(name)  # raises for an unknown name
        self._design = name
        self.designChanged.emit(name)

    def replace_bom(self, nodes: list[Part | Assembly]) -> None:
        """Give the shown design a new BOM (from an import), validated as a whole.

        Raises ``ModelValidationError`` (for example when the use phase replaces
        a part the new BOM lacks); the design keeps its old BOM then.
        """
        if self._project is None:
            raise RuntimeError("no project is open")
        current = self.product
        data = current.model_dump()
        data["bom"] = [node.model_dump() for node in nodes]
        replacement = Product.model_validate(data)
        if self._design == BASELINE:
            self._project.product = replacement
        else:
            variant = next(v for v in self._project.variants if v.name == self._design)
            variant.product = replacement
        self.productChanged.emit()
        self._set_modified(True)

    def mark_modified(self) -> None:
        """Record an in-place edit of the shown design (the BOM editor calls it)."""
        self.productChanged.emit()
        self._set_modified(True)

    def _set_modified(self, value: bool) -> None:
        if value != self._modified:
            self._modified = value
            self.modifiedChanged.emit(value)
