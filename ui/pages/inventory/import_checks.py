"""The checks of the "Import database" form: what each source must be, and the name rules.

:class:`ImportRequestCheck` says why a request cannot be imported (in the words the
dialog shows) or None; :func:`suggested_name` proposes a name from the source. The core
checks again when it imports; these checks only keep a doomed import from starting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from greendesign.errors import GreenDesignError
from greendesign.inventory.brightway_setup import BIOSPHERE
from greendesign.inventory.datasets import GREENDESIGN_DB, USLCI_DB
from greendesign.inventory.user_databases import MAX_NAME, list_databases
from ui.errors import error_summary
from ui.pages.inventory.user_db_jobs import ImportRequest

ES1_SUFFIXES = (".xml", ".zip")
"""The files an EcoSpold 1 import takes (a folder of .xml files is taken too)."""

def reserved_name(name: str) -> bool:
    """Whether ``name`` belongs to the bundled inventory (as the core refuses it)."""
    return name in (BIOSPHERE, GREENDESIGN_DB, USLCI_DB) or name.startswith("greendesign")


def suggested_name(fmt: str, source: str, database: str = "") -> str:
    """The database name the dialog proposes for a source.

    An EcoSpold 2 folder named ``datasets`` (as in an ecoinvent release) is
    named after the folder above it; a workbook, an EcoSpold 1 file or zip
    after its file name, an EcoSpold 1 folder after the folder; a Brightway
    database keeps its name.
    """
    if fmt == "brightway":
        base = database
    else:
        text = source.strip()
        if not text:
            return ""
        path = Path(text)
        if fmt == "excel" or (fmt == "ecospold1" and path.suffix.lower() in ES1_SUFFIXES):
            base = path.stem
        elif fmt == "ecospold1":
            base = path.name
        else:
            base = path.parent.name if path.name.casefold() == "datasets" and \
                path.parent.name else path.name
    clean = "".join(c for c in base if c.isprintable() and c != "|").strip()
    return clean[:MAX_NAME].strip()


def holds_spold(folder: Path) -> bool:
    try:
        return any(p.suffix.lower() == ".spold" for p in folder.iterdir())
    except OSError:
        return False


def holds_xml(folder: Path) -> bool:
    """Whether ``folder`` or a folder below it holds an .xml file (as the core reads it)."""
    try:
        return any(p.is_file() for p in folder.rglob("*.xml"))
    except OSError:
        return False


class ImportRequestCheck(QObject):
    """Checks an :class:`~ui.pages.inventory.user_db_jobs.ImportRequest` before it starts."""

    def why_not(self, request: ImportRequest) -> str | None:
        """Why ``request`` cannot be imported, or None when it can be tried."""
        if request.format == "ecospold2":
            folder = Path(request.source)
            if not request.source:
                return self.tr("Choose the folder that holds the EcoSpold 2 (.spold) files.")
            if not folder.is_dir():
                return self.tr("{path} is not a folder.").format(path=request.source)
            if not holds_spold(folder):
                return self.tr("The folder {path} holds no .spold files: choose the "
                               "'datasets' folder of an EcoSpold 2 release.").format(
                    path=request.source)
        elif request.format == "ecospold1":
            source = Path(request.source)
            if not request.source:
                return self.tr("Choose the EcoSpold 1 .xml file, a .zip of them or their "
                               "folder.")
            if not source.exists():
                return self.tr("{path} does not exist.").format(path=request.source)
            if source.is_dir():
                if not holds_xml(source):
                    return self.tr("The folder {path} holds no .xml files: choose the folder "
                                   "of an EcoSpold 1 release.").format(path=request.source)
            elif source.suffix.lower() not in ES1_SUFFIXES:
                return self.tr("{path} is neither an .xml file nor a .zip.").format(
                    path=request.source)
        elif request.format == "excel":
            if not request.source:
                return self.tr("Choose the Excel workbook.")
            if not Path(request.source).is_file():
                return self.tr("{path} does not exist.").format(path=request.source)
            if Path(request.source).suffix.lower() not in (".xlsx", ".xlsm"):
                return self.tr("{path} is not an Excel workbook (.xlsx).").format(
                    path=request.source)
        else:
            if not request.project:
                return self.tr("Name the Brightway project to copy from.")
            if not request.database:
                return self.tr("Name the database of that project to copy.")
            if request.base_dir and not Path(request.base_dir).is_dir():
                return self.tr("{path} is not a folder.").format(path=request.base_dir)
        name = request.name
        if not name:
            return self.tr("The database needs a name, e.g. ecoinvent-3.10-cutoff.")
        if len(name) > MAX_NAME:
            return self.tr("The name is longer than {count} characters.").format(count=MAX_NAME)
        if "|" in name or any(not c.isprintable() for c in name):
            return self.tr("The name cannot contain '|' or control characters.")
        if reserved_name(name):
            return self.tr("The name \u201c{name}\u201d belongs to the bundled inventory: "
                           "choose another one.").format(name=name)
        try:
            taken = any(db.name == name for db in list_databases())
        except GreenDesignError as exc:  # the list of user databases cannot be read
            return error_summary(exc)
        if not request.replace and taken:
            return self.tr("A user database named \u201c{name}\u201d exists already: choose "
                           "another name, or tick \u201cReplace it\u201d.").format(name=name)
        return None
