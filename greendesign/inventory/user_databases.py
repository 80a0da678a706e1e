"""User inventory databases: EcoSpold 2 folders, Excel workbooks and Brightway projects.

A designer with an ecoinvent licence, a supplier's EPD data or a team's own
Brightway project can bring those datasets into GreenDesign and let parts
use them next to the bundled inventory.

Three sources, each written by bw2io/bw2data into the app's own inventory
project (:data:`~greendesign.inventory.brightway_setup.INVENTORY_PROJECT`), so
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

**Registry.** ``<data home>/user_databases/registry.json`` (written
atomically) records every import with its source; the dataset list of each
database is kept beside it, so the catalogue, the BOM editor's picker and the
lifecycle model know the user datasets without opening Brightway. When the
inventory project is rebuilt (damaged, or a new set-up version), the
databases are imported again from their recorded sources
(:func:`restore_databases`); one whose source has gone is reported, and parts
that use it are then flagged as having no data.

**References.** A part refers to a user dataset as ``user:<database>|<code>``
(:func:`make_ref`), e.g. ``user:ecoinvent-3.10-cutoff|a1b2...``. This module
imports neither Qt nor Brightway at import time.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as _dt
import functools
import hashlib
import io
import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from greendesign import paths
from greendesign.errors import GreenDesignError, Problem
from greendesign.io.atomic import atomic_write_text

REF_PREFIX = "user:"
REGISTRY_VERSION = 1
FORMATS = ("ecospold2", "ecospold1", "excel", "brightway")
MAX_NAME = 100
_REPORT_COLUMNS = ("database", "activity", "location", "exchange", "type", "amount", "unit",
                   "compartment", "reason")

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


class UserDatabaseError(GreenDesignError):
    """A user database could not be imported, found or removed."""


class ImportCancelled(UserDatabaseError):
    """The user cancelled an import; nothing was written."""


@dataclass(frozen=True)
class UserDataset:
    """One dataset of a user database, as the catalogue and the lifecycle model see it."""

    ref: str
    database: str          # Brightway database holding it
    code: str              # its Brightway code
    name: str
    product: str           # reference product
    location: str
    unit: str
    source: str            # registry name of the import it came with


@dataclass(frozen=True)
class UnlinkedExchange:
    """An exchange that did not make it into the written database, and why."""

    database: str
    activity: str
    location: str
    exchange: str
    type: str
    amount: float
    unit: str
    compartment: str
    reason: str


@dataclass
class UserDatabase:
    """One import recorded in the registry."""

    name: str
    format: str
    source: str                       # folder or file, or the Brightway project name
    bw_databases: list[str]
    imported_at: str
    activities: int
    exchanges: int
    unlinked: int
    base_dir: str = ""                # Brightway base folder (format "brightway")
    source_database: str = ""         # the database of that project (format "brightway")
    report: str = ""                  # CSV of unlinked exchanges, empty when none
    revision: str = ""                # changes at every (re-)import
    #: Weidema pedigree scores the user gives the whole database (Monte Carlo); empty:
    #: not rated, and the Monte Carlo treats it as the worst case (5;5;5;5;5)
    pedigree: list[int] = field(default_factory=list)
    #: what the import passed over that is not an exchange (schema violations ...)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class ImportResult:
    """What an import wrote, and what it could not link."""

    database: UserDatabase
    unlinked: list[UnlinkedExchange] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        db = self.database
        text = (f"{db.name}: {db.activities} datasets, {db.exchanges} exchanges written "
                f"in {self.seconds:.1f} s")
        if self.unlinked:
            text += (f"; {len(self.unlinked)} exchange(s) could not be linked and were left "
                     f"out, listed in {db.report}")
        if self.warnings:
            text += f"; {len(self.warnings)} kind(s) of problem in the source's metadata " \
                    "were passed over"
        return text


# --- references ---------------------------------------------------------------------------

def make_ref(database: str, code: str) -> str:
    """The reference a part stores for the user dataset ``(database, code)``."""
    return f"{REF_PREFIX}{database}|{code}"


def parse_ref(ref: str) -> tuple[str, str] | None:
    """``(database, code)`` of a user reference, or None for any other text."""
    if not isinstance(ref, str) or not ref.startswith(REF_PREFIX) or "|" not in ref:
        return None
    database, _, code = ref[len(REF_PREFIX):].rpartition("|")
    return (database, code) if database and code else None


def is_ref(ref: str) -> bool:
    return parse_ref(ref) is not None


def missing_hint(ref: str) -> str:
    """How to fix a reference to a user dataset this computer does not have."""
    parsed = parse_ref(ref)
    if parsed is None:
        return ""
    database = parsed[0]
    if any(database in db.bw_databases for db in list_databases()):
        return (f"the user database {database!r} no longer holds this dataset: pick another "
                "dataset, or import the database again from its source")
    return (f"it comes from the user database {database!r}, which is not imported on this "
            "computer: import it (Inventory page, Import database, or 'greendesign-cli "
            "inventory import') or pick a bundled dataset")


def node_key(code: str) -> tuple[str, str]:
    """The Brightway ``(database, code)`` of a dataset code, bundled or user."""
    from greendesign.inventory.datasets import GREENDESIGN_DB

    return parse_ref(code) or (GREENDESIGN_DB, code)


# --- the registry -------------------------------------------------------------------------

_lock = threading.RLock()


def registry_dir() -> Path:
    folder = paths.data_home() / "user_databases"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _registry_path() -> Path:
    return registry_dir() / "registry.json"


def _slug(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def _index_path(name: str) -> Path:
    return registry_dir() / f"{_slug(name)}.datasets.json"


def _read_registry() -> dict:
    path = _registry_path()
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {"version": REGISTRY_VERSION, "databases": []}
    except (OSError, ValueError) as exc:
        raise UserDatabaseError(
            f"The list of user databases ({path}) cannot be read: {exc}.",
            hint="Restore the file from a backup, or delete it and import the databases "
                 "again.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("databases"), list):
        raise UserDatabaseError(f"The list of user databases ({path}) is not valid JSON of "
                                "this app.", hint="Delete it and import the databases again.")
    return data


def _write_registry(data: dict) -> None:
    atomic_write_text(_registry_path(), json.dumps(data, indent=1, ensure_ascii=False))
    _datasets_cached.cache_clear()
    _eol_memo.clear()


def list_databases() -> list[UserDatabase]:
    """Every recorded import, in import order."""
    with _lock:
        known = {f.name for f in dataclasses.fields(UserDatabase)}
        return [UserDatabase(**{k: v for k, v in entry.items() if k in known})
                for entry in _read_registry()["databases"]]


def get_database(name: str) -> UserDatabase:
    for db in list_databases():
        if db.name == name:
            return db
    raise UserDatabaseError(f"There is no user database named {name!r}.",
                            hint="'greendesign-cli inventory databases' lists them.")


def revision() -> str:
    """Changes whenever a user database is imported, re-imported or removed."""
    parts = [f"{db.name}:{db.revision}" for db in list_databases()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12] if parts else ""


@functools.cache
def _datasets_cached(registry_mtime_ns: int) -> tuple[UserDataset, ...]:
    out = []
    for db in list_databases():
        try:
            rows = json.loads(_index_path(db.name).read_text("utf-8"))
        except (OSError, ValueError):
            continue  # reported by check(); the parts that use it show "no data"
        out.extend(UserDataset(**row) for row in rows)
    return tuple(out)


def datasets() -> tuple[UserDataset, ...]:
    """Every dataset of every user database (from the registry, no Brightway).

    A damaged registry gives no user datasets (logged) rather than stopping the
    bundled catalogue; the Inventory page and ``greendesign-cli inventory
    databases`` name the file and how to repair it.
    """
    try:
        mtime = _registry_path().stat().st_mtime_ns
    except FileNotFoundError:
        return ()
    try:
        return _datasets_cached(mtime)
    except UserDatabaseError as exc:
        import logging

        logging.getLogger(__name__).warning("user databases not read: %s", exc)
        return ()


def dataset_map() -> dict[str, UserDataset]:
    return {ds.ref: ds for ds in datasets()}


_PREFIXES = ("market for ", "market group for ", "production of ", "treatment of ")


def _candidates(ds: UserDataset) -> list[str]:
    """Texts that may name the bundled material a user dataset is made of."""
    out = []
    for text in (ds.product, ds.name):
        text = (text or "").strip()
        lowered = text.casefold()
        for prefix in _PREFIXES:
            if lowered.startswith(prefix):
                text = text[len(prefix):]
                break
        for suffix in (" production", ", at plant", " at plant"):
            if text.casefold().endswith(suffix):
                text = text[: -len(suffix)]
        out += [text, text.split(",")[0]]
    return [t for t in dict.fromkeys(out) if t]


def eol_choices() -> dict[str, str]:
    """The bundled material each user dataset is treated as at end of life, as chosen."""
    return dict(_read_registry().get("eol_as", {}))


def set_eol_material(ref: str, material: str | None) -> None:
    """Treat user dataset ``ref`` as the bundled ``material`` at end of life (None: guess).

    The material gives the end-of-life family (recycling, energy recovery and
    landfill shares of the region), the carbon content burnt at incineration,
    and the recycled-content dataset.
    """
    from greendesign.inventory.catalogue import load_bundled_catalogue

    if material is not None and not load_bundled_catalogue().has(material, "material"):
        raise UserDatabaseError(f"{material!r} is not a bundled material code.",
                                hint="Use a code listed by 'greendesign-cli inventory search "
                                     "TEXT --kind material --bundled-only'.")
    with _lock:
        data = _read_registry()
        choices = data.setdefault("eol_as", {})
        if material is None:
            choices.pop(ref, None)
        else:
            choices[ref] = material
        _write_registry(data)
    _invalidate_caches()


def eol_map() -> dict[str, tuple[str, bool]]:
    """``ref -> (bundled material code, guessed)`` for every user dataset per kg.

    A user's choice (:func:`set_eol_material`) wins; otherwise the material is
    guessed from the dataset's product or name (``market for polypropylene,
    granulate`` -> ``pp``), and flagged as guessed so screens can say so. A
    dataset with neither is absent: it is treated as family ``other``.
    """
    found = datasets()
    if _eol_memo.get("found") is found:
        return _eol_memo["map"]
    if not found:  # no user datasets (or an unreadable registry): nothing to map
        _eol_memo.update(found=found, map={})
        return _eol_memo["map"]
    from greendesign.inventory.catalogue import load_bundled_catalogue

    catalogue = load_bundled_catalogue()
    chosen = eol_choices()
    out: dict[str, tuple[str, bool]] = {}
    for ds in found:
        if ds.unit != "kg":
            continue
        if ds.ref in chosen:
            out[ds.ref] = (chosen[ds.ref], False)
            continue
        code = guess_eol_material(ds, catalogue)
        if code:
            out[ds.ref] = (code, True)
    _eol_memo.update(found=found, map=out)
    return out


def guess_eol_material(ds: UserDataset, catalogue=None) -> str | None:
    """The bundled material a user dataset per kg is guessed to be, from its product or
    name (``market for polypropylene, granulate`` -> ``pp``); None when nothing matches."""
    if ds.unit != "kg":
        return None
    if catalogue is None:
        from greendesign.inventory.catalogue import load_bundled_catalogue

        catalogue = load_bundled_catalogue()
    for text in _candidates(ds):
        code = catalogue.resolve(text, "material")
        if code:
            return code
    return None


_eol_memo: dict = {}


def activate_refs(refs: Iterable[str]) -> frozenset[str]:
    """Add ``refs`` to the user datasets the fast path solves; return the whole set.

    The set is kept in the registry, so a dataset solved once is part of the
    cached matrices at the next start too.
    """
    refs = [r for r in refs if is_ref(r)]
    with _lock:
        data = _read_registry()
        active = set(data.get("active_refs", []))
        if refs and not set(refs) <= active:
            active.update(refs)
            data["active_refs"] = sorted(active)
            _write_registry(data)
        return frozenset(active)


def user_provenance(refs: Iterable[str]) -> dict[str, dict]:
    """Provenance fields (as the fast path keeps them) of user datasets."""
    refs = list(refs)
    if not refs:
        return {}
    known = dataset_map()
    dbs = {db.name: db for db in list_databases()}
    out = {}
    for ref in refs:
        ds = known.get(ref)
        if ds is None:
            continue
        db = dbs.get(ds.source)
        how = {"ecospold2": "EcoSpold 2 import", "excel": "Excel import",
               "brightway": "copy of a Brightway project"}.get(db.format if db else "", "import")
        origin = f"{db.source}" + (f" / {db.source_database}" if db and db.source_database
                                    else "") if db else ""
        out[ref] = {"source": f"User database {ds.source!r} ({how} of {origin}, "
                              f"{db.imported_at if db else ''}): {ds.name}",
                    "year": "", "geography": ds.location,
                    "pedigree": list(db.pedigree) if db else [], "proxy": "",
                    "unit": ds.unit, "ghg_only": False}
    return out


# --- importing ----------------------------------------------------------------------------

def check_name(name: str, replace: bool) -> str:
    from greendesign.inventory.brightway_setup import BIOSPHERE
    from greendesign.inventory.datasets import GREENDESIGN_DB, USLCI_DB

    name = (name or "").strip()
    if not name:
        raise UserDatabaseError("The database needs a name.",
                                hint="Give a short name such as 'ecoinvent-3.10-cutoff'.")
    if len(name) > MAX_NAME or "|" in name or any(ord(c) < 32 for c in name):
        raise UserDatabaseError(
            f"The database name {name!r} is not usable.",
            hint=f"Use at most {MAX_NAME} characters, without '|' or control characters.")
    if name in (BIOSPHERE, GREENDESIGN_DB, USLCI_DB) or name.startswith("greendesign"):
        raise UserDatabaseError(f"The name {name!r} belongs to the bundled inventory.",
                                hint="Choose another name for your database.")
    if not replace and any(db.name == name for db in list_databases()):
        raise UserDatabaseError(f"A user database named {name!r} exists already.",
                                hint="Choose another name, or remove or replace the existing "
                                     "one.")
    return name


def _check_pedigree(scores: Iterable[int] | str) -> list[int]:
    if isinstance(scores, str):
        scores = [s for s in scores.replace(",", ";").split(";") if s.strip()]
    try:
        out = [int(s) for s in scores]
    except (TypeError, ValueError):
        out = [0]
    if out and (len(out) != 5 or not all(1 <= s <= 5 for s in out)):
        raise UserDatabaseError(
            f"The pedigree {scores!r} is not five scores from 1 to 5.",
            hint="Give reliability;completeness;temporal;geographical;technological, e.g. "
                 "2;2;3;3;2, or leave it empty.")
    return out


def _write_report(name: str, unlinked: list[UnlinkedExchange]) -> str:
    if not unlinked:
        _report_path(name).unlink(missing_ok=True)
        return ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_REPORT_COLUMNS)
    for row in unlinked:
        writer.writerow([getattr(row, c) for c in _REPORT_COLUMNS])
    path = _report_path(name)
    atomic_write_text(path, buffer.getvalue())
    return str(path)


def _report_path(name: str) -> Path:
    return registry_dir() / f"{_slug(name)}.unlinked.csv"


def _require_inventory() -> object:
    from greendesign.inventory.brightway_setup import check_integrity, open_inventory

    problems = check_integrity()
    if problems:
        raise UserDatabaseError(
            "The local inventory is not set up yet, so there is nothing to link a user "
            f"database to ({problems[0]}).",
            hint="Let the inventory set-up finish (status bar) or run 'greendesign-cli setup', "
                 "then import again.")
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
    :class:`~greendesign.inventory.user_readers.LenientEcospold1`);
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
    from greendesign.inventory.brightway_setup import writer_lock

    report = progress or (lambda f, m: None)
    stop = cancelled or (lambda: False)
    start = time.perf_counter()
    name = check_name(name, replace or _restore)
    pedigree = _check_pedigree(pedigree)
    from greendesign.inventory import user_readers as readers

    with writer_lock():
        bd = _require_inventory()
        unlinked: list[UnlinkedExchange] = []
        warnings: list[str] = []
        report(0.02, "Reading the source")
        if fmt == "brightway":
            written = readers.copy_brightway(bd, project, source_database, name, source,
                                             report, stop, unlinked)
        else:
            written = readers.import_with_bw2io(bd, fmt, source, name, report, stop, unlinked,
                                                warnings)
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
        report(0.95, "Indexing the datasets")
        index, exchanges = _index(bd, written, name)
        entry.exchanges = exchanges
        atomic_write_text(_index_path(name), json.dumps(
            [dataclasses.asdict(ds) for ds in index], ensure_ascii=False))
        with _lock:
            data = _read_registry()
            data["databases"] = [e for e in data["databases"] if e.get("name") != name]
            data["databases"].append(entry.to_json())
            _write_registry(data)
        _invalidate_caches()
        report(1.0, "Imported")
    return ImportResult(entry, unlinked, time.perf_counter() - start, warnings)


def delete_databases(bd, names: Iterable[str]) -> None:
    for db_name in names:
        if db_name in bd.databases:
            del bd.databases[db_name]


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
    from bw2data.backends import ExchangeDataset

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


def _invalidate_caches() -> None:
    _datasets_cached.cache_clear()
    _eol_memo.clear()
    from greendesign.inventory import catalogue

    catalogue.clear_user_cache()


# --- keeping user databases through rebuilds ----------------------------------------------

def check(bd=None) -> list[Problem]:
    """User databases recorded but missing or incomplete in the inventory project."""
    problems = []
    dbs = list_databases()
    if not dbs:
        return problems
    from greendesign.inventory.brightway_setup import open_inventory

    bd = bd or open_inventory()
    for db in dbs:
        missing = [n for n in db.bw_databases if n not in bd.databases]
        if missing:
            problems.append(Problem(f"user database {db.name!r} is missing from the inventory",
                                    location=db.source, hint="it is imported again"))
        elif sum(len(bd.Database(n)) for n in db.bw_databases) != db.activities:
            problems.append(Problem(f"user database {db.name!r} is incomplete",
                                    location=db.source, hint="it is imported again"))
    return problems


def reprocess() -> None:
    """Rebuild the matrices of every user database from its stored links."""
    dbs = list_databases()
    if not dbs:
        return
    from greendesign.inventory.brightway_setup import open_inventory

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
    todo = [db for db in list_databases()
            if any(p.message.startswith(f"user database {db.name!r}") for p in check())]
    for i, db in enumerate(todo):
        report(i / max(1, len(todo)), f"Restoring user database {db.name}")
        try:
            refresh_database(db.name)
        except GreenDesignError as exc:
            failed.append(Problem(f"user database {db.name!r} could not be restored: "
                                  f"{exc.message}", location=db.source,
                                  hint="Import it again from the Inventory page, or remove it."))
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
    from greendesign.inventory.brightway_setup import open_inventory, writer_lock

    entry = get_database(name)
    with writer_lock():
        bd = open_inventory()
        delete_databases(bd, entry.bw_databases)
        with _lock:
            data = _read_registry()
            data["databases"] = [e for e in data["databases"] if e.get("name") != name]
            prefixes = tuple(make_ref(db, "") for db in entry.bw_databases)
            data["active_refs"] = [r for r in data.get("active_refs", [])
                                   if not r.startswith(prefixes)]
            _write_registry(data)
        _index_path(name).unlink(missing_ok=True)
        _report_path(name).unlink(missing_ok=True)
    _invalidate_caches()


