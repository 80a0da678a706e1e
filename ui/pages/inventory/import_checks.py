"""The checks of the "Import database" form: what each source must be, and the name rules.

:class:`ImportRequestCheck` says why a request cannot be imported (in the words the
dialog shows) or None; :func:`suggested_name` proposes a name from the source. The core
checks again when it imports; these checks only keep a doomed import from starting.
"""

from __future__ import annotations

import zipfile
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
ZIP_FORMATS = ("ecospold2", "jsonld")
"""The formats whose source is a folder or a .zip of it."""
SIMAPRO_HEAD = 4096
"""Bytes of a .csv file read to find SimaPro's header line."""


def reserved_name(name: str) -> bool:
    """Whether ``name`` belongs to the bundled inventory (as the core refuses it)."""
    return name in (BIOSPHERE, GREENDESIGN_DB, USLCI_DB) or name.startswith("greendesign")


def suggested_name(fmt: str, source: str, database: str = "") -> str:
    """The database name the dialog proposes for a source.

    An EcoSpold 2 folder named ``datasets`` (as in an ecoinvent release) is
    named after the folder above it; a file (workbook, SimaPro export, zip,
    EcoSpold 1 file) after its file name without the suffix, another folder
    after the folder; a Brightway database keeps its name.
    """
    if fmt == "brightway":
        base = database
    else:
        text = source.strip()
        if not text:
            return ""
        path = Path(text)
        suffix = path.suffix.lower()
        if fmt in ("excel", "simapro") or (fmt == "ecospold1" and suffix in ES1_SUFFIXES) \
                or (fmt in ZIP_FORMATS and suffix == ".zip"):
            base = path.stem
        elif fmt == "ecospold2" and path.name.casefold() == "datasets" and path.parent.name:
            base = path.parent.name
        else:
            base = path.name
    clean = "".join(c for c in base if c.isprintable() and c != "|").strip()
    return clean[:MAX_NAME].strip()


def holds_spold(folder: Path) -> bool:
    """Whether ``folder`` or a folder below it holds a .spold file (as the core reads it)."""
    try:
        return any(p.suffix.lower() == ".spold" and p.is_file() for p in folder.rglob("*"))
    except OSError:
        return False


def holds_xml(folder: Path) -> bool:
    """Whether ``folder`` or a folder below it holds an .xml file (as the core reads it)."""
    try:
        return any(p.is_file() for p in folder.rglob("*.xml"))
    except OSError:
        return False


def holds_processes(folder: Path) -> bool:
    """Whether ``folder``, or a folder right below it, holds the ``processes`` folder of a
    JSON-LD export (a release unpacked into a folder of its own name)."""
    try:
        return (folder / "processes").is_dir() or any(
            (p / "processes").is_dir() for p in folder.iterdir() if p.is_dir())
    except OSError:
        return False


def zip_names(path: Path) -> list[str] | None:
    """The entries of the zip archive ``path``, or None when it is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return None


def simapro_header(path: Path) -> bool:
    """Whether the file starts with SimaPro's CSV header line, as the core requires."""
    try:
        with path.open("rb") as stream:
            head = stream.read(SIMAPRO_HEAD)
    except OSError:
        return False
    first = head.decode("utf-8-sig", errors="replace").lstrip().split("\n", 1)[0]
    return first.startswith("{SimaPro") or "CSV separator" in first


class ImportRequestCheck(QObject):
    """Checks an :class:`~ui.pages.inventory.user_db_jobs.ImportRequest` before it starts."""

    def why_not(self, request: ImportRequest) -> str | None:
        """Why ``request`` cannot be imported, or None when it can be tried."""
        if request.format == "ecospold2":
            problem = self._ecospold2_problem(request.source)
            if problem:
                return problem
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
        elif request.format == "jsonld":
            problem = self._jsonld_problem(request.source)
            if problem:
                return problem
        elif request.format == "simapro":
            problem = self._simapro_problem(request.source)
            if problem:
                return problem
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

    def _ecospold2_problem(self, text: str) -> str | None:
        """Why ``text`` is not an EcoSpold 2 folder or zip, or None."""
        if not text:
            return self.tr("Choose the folder that holds the EcoSpold 2 (.spold) files, or "
                           "the .zip they came in.")
        source = Path(text)
        if source.is_dir():
            if not holds_spold(source):
                return self.tr("The folder {path} holds no .spold files: choose the "
                               "'datasets' folder of an EcoSpold 2 release.").format(path=text)
            return None
        if not source.exists():
            return self.tr("{path} does not exist.").format(path=text)
        if source.suffix.lower() != ".zip":
            return self.tr("{path} is neither a folder nor a .zip of EcoSpold 2 (.spold) "
                           "files.").format(path=text)
        names = zip_names(source)
        if names is None:
            return self.tr("{path} is not a readable zip archive: it may be truncated; "
                           "download or export it again.").format(path=text)
        if not any(name.lower().endswith(".spold") for name in names):
            return self.tr("The zip {path} holds no .spold files: choose the EcoSpold 2 "
                           "export (openLCA names it \u2026_ecospold2.zip).").format(path=text)
        return None

    def _jsonld_problem(self, text: str) -> str | None:
        """Why ``text`` is not an openLCA JSON-LD zip or folder, or None."""
        if not text:
            return self.tr("Choose the openLCA JSON-LD .zip, or the folder it unpacks to.")
        source = Path(text)
        if source.is_dir():
            if not holds_processes(source):
                return self.tr("The folder {path} has no 'processes' folder, nor has any "
                               "folder right inside it: choose the unpacked JSON-LD "
                               "export.").format(path=text)
            return None
        if not source.exists():
            return self.tr("{path} does not exist.").format(path=text)
        if source.suffix.lower() != ".zip":
            return self.tr("{path} is not a .zip file: choose the .zip of an openLCA JSON-LD "
                           "export, or its unpacked folder.").format(path=text)
        names = zip_names(source)
        if names is None:
            return self.tr("{path} is not a readable zip archive: it may be truncated; "
                           "download or export it again.").format(path=text)
        if not any("processes" in name.split("/")[:-1] for name in names):
            return self.tr("The zip {path} holds no 'processes' folder: it is not an openLCA "
                           "JSON-LD export.").format(path=text)
        return None

    def _simapro_problem(self, text: str) -> str | None:
        """Why ``text`` is not a SimaPro CSV export, or None."""
        if not text:
            return self.tr("Choose the SimaPro CSV export (.csv).")
        source = Path(text)
        if not source.exists():
            return self.tr("{path} does not exist.").format(path=text)
        if source.is_dir() or source.suffix.lower() != ".csv":
            return self.tr("{path} is not a .csv file: in SimaPro, export the processes "
                           "with File > Export as CSV.").format(path=text)
        if not simapro_header(source):
            return self.tr("{path} is not a SimaPro CSV export: its first line is not "
                           "SimaPro's header ({{SimaPro \u2026}}).").format(path=text)
        return None
