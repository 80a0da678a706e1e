"""The registry of user databases: what was imported, from where, and the datasets it holds.

``<data home>/user_databases/registry.json`` (written atomically) records every
import of a user database (:mod:`greendesign.inventory.user_databases`) with
its source; the dataset list of each database is kept beside it, so the
catalogue, the BOM editor's picker and the lifecycle model know the user
datasets without opening Brightway. The registry also keeps the user's choice
of the bundled material each user dataset is treated as at end of life, and the
set of user datasets the fast path solves.

**References.** A part refers to a user dataset as ``user:<database>|<code>``
(:func:`make_ref`), e.g. ``user:ecoinvent-3.10-cutoff|a1b2...``.

This module imports neither Qt nor Brightway.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from greendesign import paths
from greendesign.errors import GreenDesignError
from greendesign.i18n import _
from greendesign.inventory.brightway_project import BIOSPHERE
from greendesign.inventory.catalogue import load_bundled_catalogue
from greendesign.inventory.datasets import GREENDESIGN_DB, USLCI21_DB, USLCI_DB
from greendesign.io.atomic import atomic_write_text

REF_PREFIX = "user:"
REGISTRY_VERSION = 1
FORMATS = ("ecospold2", "ecospold1", "excel", "jsonld", "simapro", "brightway")
MAX_NAME = 100


class UserDatabaseError(GreenDesignError):
    """A user database could not be imported, found or removed."""


class ImportCancelled(UserDatabaseError):
    """The user cancelled an import; nothing was written."""


def guarded(strategies: list, source: Path, hint: str) -> list:
    """Each import strategy with bw2io's plain errors turned into a
    :class:`UserDatabaseError` naming ``source`` and the step (traceback logged)."""
    def guard(strategy):
        @functools.wraps(getattr(strategy, "func", strategy))
        def run(data):
            try:
                return strategy(data)
            except UserDatabaseError:
                raise
            except Exception as exc:  # noqa: BLE001 - named with its file, traceback logged
                logging.getLogger(__name__).exception("import strategy %s failed on %s",
                                                      run.__name__, source)
                raise UserDatabaseError(
                    _("{file} could not be linked ({step}): {error}.").format(
                        file=source, step=run.__name__, error=f"{type(exc).__name__}: {exc}"),
                    hint=hint) from exc
        return run
    return [guard(strategy) for strategy in strategies]


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


# --- references ---------------------------------------------------------------------------

def make_ref(database: str, code: str) -> str:
    """The reference a part stores for the user dataset ``(database, code)``."""
    return f"{REF_PREFIX}{database}|{code}"


def parse_ref(ref: str) -> tuple[str, str] | None:
    """``(database, code)`` of a user reference, or None for any other text."""
    if not isinstance(ref, str) or not ref.startswith(REF_PREFIX) or "|" not in ref:
        return None
    database, _bar, code = ref[len(REF_PREFIX):].rpartition("|")
    return (database, code) if database and code else None


def is_ref(ref: str) -> bool:
    """Whether ``ref`` is a reference to a user dataset."""
    return parse_ref(ref) is not None


def missing_hint(ref: str) -> str:
    """How to fix a reference to a user dataset this computer does not have."""
    parsed = parse_ref(ref)
    if parsed is None:
        return ""
    database = parsed[0]
    if any(database in db.bw_databases for db in list_databases()):
        return _("the user database {name!r} no longer holds this dataset: pick another "
                 "dataset, or import the database again from its source").format(name=database)
    return _("it comes from the user database {name!r}, which is not imported on this "
             "computer: import it (Inventory page, Import database, or 'greendesign-cli "
             "inventory import') or pick a bundled dataset").format(name=database)


def node_key(code: str) -> tuple[str, str]:
    """The Brightway ``(database, code)`` of a dataset code, bundled or user."""
    return parse_ref(code) or (GREENDESIGN_DB, code)


# --- the registry -------------------------------------------------------------------------

_lock = threading.RLock()


def registry_dir() -> Path:
    """The folder of the registry, the dataset lists and the import reports (created)."""
    folder = paths.data_home() / "user_databases"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _registry_path() -> Path:
    return registry_dir() / "registry.json"


def _slug(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def _index_path(name: str) -> Path:
    return registry_dir() / f"{_slug(name)}.datasets.json"


def report_path(name: str) -> Path:
    """Where the CSV report of the exchanges an import of ``name`` left out is kept."""
    return registry_dir() / f"{_slug(name)}.unlinked.csv"


def _read_registry() -> dict:
    path = _registry_path()
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {"version": REGISTRY_VERSION, "databases": []}
    except (OSError, ValueError) as exc:
        raise UserDatabaseError(
            _("The list of user databases ({file}) cannot be read: {reason}.").format(
                file=path, reason=exc),
            hint=_("Restore the file from a backup, or delete it and import the databases "
                   "again.")) from exc
    if not isinstance(data, dict) or not isinstance(data.get("databases"), list):
        raise UserDatabaseError(_("The list of user databases ({file}) is not valid JSON of "
                                  "this app.").format(file=path),
                                hint=_("Delete it and import the databases again."))
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
    """The recorded import named ``name``; :class:`UserDatabaseError` when there is none."""
    for db in list_databases():
        if db.name == name:
            return db
    raise UserDatabaseError(_("There is no user database named {name!r}.").format(name=name),
                            hint=_("'greendesign-cli inventory databases' lists them."))


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
        logging.getLogger(__name__).warning("user databases not read: %s", exc)
        return ()


def dataset_map() -> dict[str, UserDataset]:
    """Every dataset of every user database, by reference."""
    return {ds.ref: ds for ds in datasets()}


def record_import(entry: UserDatabase, index: list[UserDataset]) -> None:
    """Record an import: its dataset list beside the registry, then its registry entry.

    An entry of the same name is replaced.
    """
    atomic_write_text(_index_path(entry.name), json.dumps(
        [dataclasses.asdict(ds) for ds in index], ensure_ascii=False))
    with _lock:
        data = _read_registry()
        data["databases"] = [e for e in data["databases"] if e.get("name") != entry.name]
        data["databases"].append(entry.to_json())
        _write_registry(data)


def forget_database(entry: UserDatabase) -> None:
    """Remove an import from the registry, with its dataset list and its report.

    Its datasets leave the set the fast path solves.
    """
    with _lock:
        data = _read_registry()
        data["databases"] = [e for e in data["databases"] if e.get("name") != entry.name]
        prefixes = tuple(make_ref(db, "") for db in entry.bw_databases)
        data["active_refs"] = [r for r in data.get("active_refs", [])
                               if not r.startswith(prefixes)]
        _write_registry(data)
    _index_path(entry.name).unlink(missing_ok=True)
    report_path(entry.name).unlink(missing_ok=True)


def check_name(name: str, replace: bool) -> str:
    """``name`` stripped, if it can name a new user database (or replace one: ``replace``).

    Raises :class:`UserDatabaseError` for an empty or unusable name, a name of
    the bundled inventory, or a name in use.
    """
    name = (name or "").strip()
    if not name:
        raise UserDatabaseError(_("The database needs a name."),
                                hint=_("Give a short name such as 'ecoinvent-3.10-cutoff'."))
    if len(name) > MAX_NAME or "|" in name or any(ord(c) < 32 for c in name):
        raise UserDatabaseError(
            _("The database name {name!r} is not usable.").format(name=name),
            hint=_("Use at most {most} characters, without '|' or control characters.").format(
                most=MAX_NAME))
    if name in (BIOSPHERE, GREENDESIGN_DB, USLCI_DB, USLCI21_DB) or name.startswith(
            "greendesign"):
        raise UserDatabaseError(_("The name {name!r} belongs to the bundled inventory.").format(
            name=name), hint=_("Choose another name for your database."))
    if not replace and any(db.name == name for db in list_databases()):
        raise UserDatabaseError(_("A user database named {name!r} exists already.").format(
            name=name), hint=_("Choose another name, or remove or replace the existing one."))
    return name


# --- end of life ---------------------------------------------------------------------------

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
    if material is not None and not load_bundled_catalogue().has(material, "material"):
        raise UserDatabaseError(_("{code!r} is not a bundled material code.").format(
            code=material), hint=_("Use a code listed by 'greendesign-cli inventory search "
                                   "TEXT --kind material --bundled-only'."))
    with _lock:
        data = _read_registry()
        choices = data.setdefault("eol_as", {})
        if material is None:
            choices.pop(ref, None)
        else:
            choices[ref] = material
        _write_registry(data)


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
        catalogue = load_bundled_catalogue()
    for text in _candidates(ds):
        code = catalogue.resolve(text, "material")
        if code:
            return code
    return None


_eol_memo: dict = {}


# --- the fast path's user datasets ---------------------------------------------------------

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
