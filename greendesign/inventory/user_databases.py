"""User inventory databases: EcoSpold 2 folders, Excel workbooks and Brightway projects.

A designer with an ecoinvent licence, a supplier's EPD data or a team's own
Brightway project can bring those datasets into GreenDesign and let parts
use them next to the bundled inventory.

Three sources, each written by bw2io/bw2data into the app's own inventory
project (:data:`~greendesign.inventory.brightway_project.INVENTORY_PROJECT`), so
they share its biosphere and LCIA methods:

``ecospold2``
    A folder of ``.spold`` files (an ecoinvent release's ``datasets`` folder),
    read with bw2io's ``SingleOutputEcospold2Importer``. Elementary flows link
    by their UUID to biosphere3.
``excel``
    A workbook in bw2io's Excel LCI format (``Database`` section, then one
    ``Activity`` section per dataset with its ``Exchanges``), read with
    ``ExcelImporter``. Exchanges link to biosphere3 by name, compartment and
    unit, and to the workbook's own datasets and the bundled databases
    (``greendesign-lci``, ``uslci-fy18``) by name, reference product, unit and
    location.
``brightway``
    A database of an existing Brightway 2.5 project (for instance one made
    with Activity Browser 3), read in a separate process so the other project's
    folder is opened read-only and never upgraded; the databases it depends on
    come along. Elementary flows link by code, then by name and compartment.

**Nothing is dropped silently.** Every exchange that cannot be linked, and
every exchange a bw2io strategy deletes, is listed with its dataset, flow,
amount and reason in a CSV report next to the registry; the import result
gives the count and the first lines.

**Registry.** Every import is recorded with its source in the registry
(:mod:`greendesign.inventory.user_registry`), with the dataset list of each
database, so the catalogue, the BOM editor's picker and the lifecycle model
know the user datasets without opening Brightway. When the inventory project
is rebuilt (damaged, or a new set-up version), the databases are imported
again from their recorded sources (:func:`restore_databases`); one whose source
has gone is reported, and parts that use it are then flagged as having no data.

**References.** A part refers to a user dataset as ``user:<database>|<code>``
(:func:`~greendesign.inventory.user_registry.make_ref`), e.g.
``user:ecoinvent-3.10-cutoff|a1b2...``.

This module is the public face of user databases: the import, refresh and
removal are defined here, and the registry's records and queries
(:mod:`greendesign.inventory.user_registry`) can be imported from here too. It
imports neither Qt nor Brightway at import time.
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from greendesign.errors import GreenDesignError, Problem
from greendesign.i18n import _
from greendesign.inventory import user_catalogue
from greendesign.inventory import user_readers as readers
from greendesign.inventory.brightway_project import (
    Cancelled,
    Progress,
    check_integrity,
    delete_databases,
    open_inventory,
    writer_lock,
)
from greendesign.inventory.import_report import ImportReport
from greendesign.inventory.user_readers import UnlinkedExchange
from greendesign.inventory.user_registry import (
    FORMATS,
    MAX_NAME,
    REF_PREFIX,
    ImportCancelled,
    UserDatabase,
    UserDatabaseError,
    UserDataset,
    activate_refs,
    check_name,
    dataset_map,
    datasets,
    eol_choices,
    eol_map,
    forget_database,
    get_database,
    guess_eol_material,
    is_ref,
    list_databases,
    make_ref,
    missing_hint,
    node_key,
    parse_ref,
    record_import,
    registry_dir,
    report_path,
    revision,
    set_eol_material,
    user_provenance,
)
from greendesign.io.atomic import atomic_write_text
from greendesign.logging_setup import log_file

__all__ = [
    # defined here: importing, refreshing, removing
    "ImportResult", "catalogue_unit", "check", "import_brightway", "import_ecospold1",
    "import_ecospold2", "import_excel", "import_jsonld", "import_simapro", "refresh_database",
    "remove_database", "reprocess", "restore_databases",
    # the registry (greendesign.inventory.user_registry)
    "FORMATS", "MAX_NAME", "REF_PREFIX", "ImportCancelled", "UnlinkedExchange", "UserDatabase",
    "UserDatabaseError", "UserDataset", "activate_refs", "check_name", "dataset_map",
    "datasets", "eol_choices", "eol_map", "get_database", "guess_eol_material", "is_ref",
    "list_databases", "make_ref", "missing_hint", "node_key", "parse_ref", "registry_dir",
    "revision", "set_eol_material", "user_provenance",
]

log = logging.getLogger(__name__)

_REPORT_COLUMNS = ("database", "activity", "location", "exchange", "type", "amount", "unit",
                   "compartment", "reason")


@dataclass
class ImportResult:
    """What an import wrote, and what it could not link."""

    database: UserDatabase
    unlinked: list[UnlinkedExchange] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)

    def summary(self) -> str:
        db = self.database
        text = _("{name}: {datasets} datasets, {exchanges} exchanges written in {seconds} "
                 "s").format(name=db.name, datasets=db.activities, exchanges=db.exchanges,
                             seconds=f"{self.seconds:.1f}")
        if self.unlinked:
            text += _("; {count} exchange(s) could not be linked and were left out, listed "
                      "in {report}").format(count=len(self.unlinked), report=db.report)
        if self.warnings:
            text += _("; {count} kind(s) of problem in the source's metadata were passed "
                      "over").format(count=len(self.warnings))
        return text


# --- importing ----------------------------------------------------------------------------

def _check_pedigree(scores: Iterable[int] | str) -> list[int]:
    if isinstance(scores, str):
        scores = [s for s in scores.replace(",", ";").split(";") if s.strip()]
    try:
        out = [int(s) for s in scores]
    except (TypeError, ValueError):
        out = [0]
    if out and (len(out) != 5 or not all(1 <= s <= 5 for s in out)):
        raise UserDatabaseError(
            _("The pedigree {scores!r} is not five scores from 1 to 5.").format(scores=scores),
            hint=_("Give reliability;completeness;temporal;geographical;technological, e.g. "
                   "2;2;3;3;2, or leave it empty."))
    return out


def _write_report(name: str, unlinked: list[UnlinkedExchange]) -> str:
    if not unlinked:
        report_path(name).unlink(missing_ok=True)
        return ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_REPORT_COLUMNS)
    for row in unlinked:
        writer.writerow([getattr(row, c) for c in _REPORT_COLUMNS])
    path = report_path(name)
    atomic_write_text(path, buffer.getvalue())
    return str(path)


def _write_summary(name: str, summary: ImportReport) -> None:
    atomic_write_text(report_path(name).with_suffix(".report.json"), summary.to_json())


def _require_inventory() -> object:
    problems = check_integrity()
    if problems:
        raise UserDatabaseError(
            _("The local inventory is not set up yet, so there is nothing to link a user "
              "database to ({reason}).").format(reason=problems[0]),
            hint=_("Let the inventory set-up finish (status bar) or run 'greendesign-cli "
                   "setup', then import again."))
    bd = open_inventory()
    return bd


def import_ecospold2(folder: str | Path, name: str, *, replace: bool = False,
                     pedigree: Iterable[int] = (), progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> ImportResult:
    """Import an EcoSpold 2 folder (e.g. ecoinvent's ``datasets``) as a user database.

    ``pedigree``: five Weidema scores 1-5 for the whole database (Monte Carlo
    uncertainty of its datasets); empty means not rated (worst case).
    """
    return _import("ecospold2", Path(folder), name, replace=replace, progress=progress,
                   cancelled=cancelled, pedigree=pedigree)


def import_ecospold1(source: str | Path, name: str, *, replace: bool = False,
                     pedigree: Iterable[int] = (), progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> ImportResult:
    """Import EcoSpold 1 datasets (a file, a folder of files or a zip, e.g. a USLCI release).

    The files are read without schema validation (see
    :class:`~greendesign.inventory.ecospold1_reader.LenientEcospold1`);
    the schema violations passed over are counted in the report.
    """
    return _import("ecospold1", Path(source), name, replace=replace, progress=progress,
                   cancelled=cancelled, pedigree=pedigree)


def import_excel(path: str | Path, name: str, *, replace: bool = False,
                 pedigree: Iterable[int] = (), progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> ImportResult:
    """Import a workbook in bw2io's Excel LCI format as a user database."""
    return _import("excel", Path(path), name, replace=replace, progress=progress,
                   cancelled=cancelled, pedigree=pedigree)


def import_jsonld(source: str | Path, name: str, *, replace: bool = False,
                  pedigree: Iterable[int] = (), progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> ImportResult:
    """Import an openLCA JSON-LD zip (or its unpacked folder), e.g. a Federal LCA Commons
    release, as a user database."""
    return _import("jsonld", Path(source), name, replace=replace, progress=progress,
                   cancelled=cancelled, pedigree=pedigree)


def import_simapro(source: str | Path, name: str, *, replace: bool = False,
                   pedigree: Iterable[int] = (), progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> ImportResult:
    """Import a SimaPro CSV export of processes as a user database."""
    return _import("simapro", Path(source), name, replace=replace, progress=progress,
                   cancelled=cancelled, pedigree=pedigree)


def import_brightway(project: str, database: str, name: str, *, base_dir: str | Path = "",
                     replace: bool = False, pedigree: Iterable[int] = (),
                     progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> ImportResult:
    """Copy ``database`` of the Brightway 2.5 project ``project`` (with what it depends on).

    ``base_dir`` is the other project's Brightway base folder; empty means
    Brightway's default location (where Activity Browser keeps its projects).
    """
    return _import("brightway", Path(str(base_dir)) if base_dir else None, name,
                   replace=replace, progress=progress, cancelled=cancelled, project=project,
                   source_database=database, pedigree=pedigree)


def _import(fmt: str, source: Path | None, name: str, *, replace: bool, progress, cancelled,
            project: str = "", source_database: str = "", pedigree: Iterable[int] = (),
            _restore: bool = False) -> ImportResult:
    report = progress or (lambda f, m: None)
    stop = cancelled or (lambda: False)
    start = time.perf_counter()
    name = check_name(name, replace or _restore)
    pedigree = _check_pedigree(pedigree)
    with writer_lock():
        bd = _require_inventory()
        unlinked: list[UnlinkedExchange] = []
        warnings: list[str] = []
        summary = ImportReport()
        report(0.02, _("Reading the source"))
        try:
            if fmt == "brightway":
                written = readers.copy_brightway(bd, project, source_database, name, source,
                                                 report, stop, unlinked)
            else:
                written = readers.import_with_bw2io(bd, fmt, source, name, report, stop,
                                                    unlinked, warnings, summary)
        except GreenDesignError:
            raise
        except Exception as exc:  # noqa: BLE001 - bw2io and the parsers raise anything
            log.exception("import of %s (%s) failed", source, fmt)
            raise UserDatabaseError(
                _("{source} could not be imported as {format}: {error}.").format(
                    source=source or project, format=fmt,
                    error=f"{type(exc).__name__}: {exc}"[:300]),
                hint=_("Check that the source is of the format chosen and complete (not "
                       "truncated); the details are in the log ({log}).").format(
                    log=log_file())) from exc
        summary.warnings = list(warnings)
        entry = UserDatabase(
            name=name, format=fmt,
            source=project if fmt == "brightway" else str(source),
            bw_databases=sorted(written), imported_at=_dt.datetime.now(_dt.UTC).isoformat(
                timespec="seconds"),
            activities=sum(len(bd.Database(db)) for db in written),
            exchanges=0, unlinked=len(unlinked),
            base_dir=str(source) if fmt == "brightway" and source else "",
            source_database=source_database,
            report=_write_report(name, unlinked),
            revision=hashlib.sha256(f"{name}{time.time_ns()}".encode()).hexdigest()[:12],
            pedigree=pedigree, warnings=warnings)
        report(0.95, _("Indexing the datasets"))
        index, exchanges = _index(bd, written, name)
        entry.exchanges = exchanges
        record_import(entry, index)
        user_catalogue.clear_user_cache()
        report(1.0, _("Imported"))
    if fmt != "brightway":
        _write_summary(name, summary)
    return ImportResult(entry, unlinked, time.perf_counter() - start, warnings, summary)


#: Brightway's unit names (bw2io ``normalize_units``) -> the catalogue's unit codes
_UNITS = {"kilogram": "kg", "square meter": "m2", "meter": "m", "unit": "unit",
          "kilowatt hour": "kWh", "ton kilometer": "t*km", "megajoule": "MJ",
          "cubic meter": "m3", "litre": "l", "liter": "l", "hour": "h",
          "kilometer": "km", "gram": "g", "ton": "t"}


def catalogue_unit(unit: str) -> str:
    """The catalogue's name of a Brightway unit (``kilogram`` -> ``kg``)."""
    text = (unit or "").strip()
    return _UNITS.get(text.casefold(), text)


def _index(bd, written: list[str], registry_name: str) -> tuple[list[UserDataset], int]:
    from bw2data.backends import ExchangeDataset  # deferred: loads Brightway

    rows = []
    exchanges = 0
    for db_name in written:
        db = bd.Database(db_name)
        exchanges += ExchangeDataset.select().where(
            ExchangeDataset.output_database == db_name).count()
        for node in db:
            if node.get("type", "process") not in ("process", None, "processwithreferenceproduct"):
                continue
            rows.append(UserDataset(make_ref(db_name, node["code"]), db_name, node["code"],
                                    str(node.get("name", "")),
                                    str(node.get("reference product", "") or ""),
                                    str(node.get("location", "") or ""),
                                    catalogue_unit(str(node.get("unit", "") or "")),
                                    registry_name))
    rows.sort(key=lambda ds: (ds.name.casefold(), ds.location, ds.ref))
    return rows, exchanges


# --- keeping user databases through rebuilds ----------------------------------------------

def _unrestored(bd=None) -> list[tuple[UserDatabase, bool]]:
    """``(database, whether it is missing rather than incomplete)`` of every recorded user
    database the inventory project lacks in whole or in part."""
    dbs = list_databases()
    if not dbs:
        return []
    bd = bd or open_inventory()
    found = []
    for db in dbs:
        if any(n not in bd.databases for n in db.bw_databases):
            found.append((db, True))
        elif sum(len(bd.Database(n)) for n in db.bw_databases) != db.activities:
            found.append((db, False))
    return found


def check(bd=None) -> list[Problem]:
    """User databases recorded but missing or incomplete in the inventory project."""
    return [Problem((_("user database {name!r} is missing from the inventory") if missing else
                     _("user database {name!r} is incomplete")).format(name=db.name),
                    location=db.source, hint=_("it is imported again"))
            for db, missing in _unrestored(bd)]


def reprocess() -> None:
    """Rebuild the matrices of every user database from its stored links."""
    dbs = list_databases()
    if not dbs:
        return
    bd = open_inventory()
    for db in dbs:
        for name in db.bw_databases:
            if name in bd.databases:
                bd.Database(name).process()


def restore_databases(progress: Progress | None = None) -> list[Problem]:
    """Import again every recorded database that the inventory project lacks.

    Called after the inventory project has been rebuilt. Returns what could
    not be restored (for instance because the source folder has gone).
    """
    report = progress or (lambda f, m: None)
    failed = []
    todo = [db for db, _missing in _unrestored()]
    for i, db in enumerate(todo):
        report(i / max(1, len(todo)), _("Restoring user database {name}").format(name=db.name))
        try:
            refresh_database(db.name)
        except GreenDesignError as exc:
            failed.append(Problem(_("user database {name!r} could not be restored: "
                                    "{reason}").format(name=db.name, reason=exc.message),
                                  location=db.source,
                                  hint=_("Import it again from the Inventory page, or remove "
                                         "it.")))
    return failed


def refresh_database(name: str, progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> ImportResult:
    """Import a user database again from its recorded source (picks up changes there)."""
    db = get_database(name)
    if db.format == "brightway":
        return _import("brightway", Path(db.base_dir) if db.base_dir else None, db.name,
                       replace=True, progress=progress, cancelled=cancelled, project=db.source,
                       source_database=db.source_database, pedigree=db.pedigree,
                       _restore=True)
    return _import(db.format, Path(db.source), db.name, replace=True, progress=progress,
                   cancelled=cancelled, pedigree=db.pedigree, _restore=True)


def remove_database(name: str) -> None:
    """Delete a user database from the inventory and the registry."""
    entry = get_database(name)
    with writer_lock():
        bd = open_inventory()
        delete_databases(bd, entry.bw_databases)
        forget_database(entry)
    user_catalogue.clear_user_cache()
