"""The app's own Brightway project: where it is, how it is opened, who may write it.

Everything lives in the app's Brightway base directory
(:func:`greendesign.paths.brightway_dir`), never the user's default Brightway
location. This module opens the inventory project (:func:`activate`,
:func:`open_inventory`), keeps to one writer at a time across processes
(:func:`writer_lock`), and says whether the installed project is complete: the
stamp a finished set-up writes (:func:`read_stamp`) and the integrity check
against it (:func:`check_integrity`). Building the project is
:mod:`greendesign.inventory.brightway_setup`.

Brightway itself is imported only when a function needs it.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import logging
import os
import threading
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from greendesign import paths
from greendesign.errors import GreenDesignError
from greendesign.i18n import _, ngettext
from greendesign.inventory.datasets import GREENDESIGN_DB, USLCI21_DB, USLCI_DB
from greendesign.io.atomic import atomic_write_text

try:
    import fcntl
except ImportError:  # not POSIX: no cross-process lock available
    fcntl = None

INVENTORY_PROJECT = "greendesign-inventory"
SETUP_VERSION = 2
BIOSPHERE = "biosphere3"
#: Method families the app offers (first element of the Brightway method tuple).
METHOD_FAMILIES = (
    "IPCC 2021",
    "EF v3.1",
    "ReCiPe 2016 v1.03, midpoint (H)",
    "CML v4.8 2016",
    "Cumulative Energy Demand (CED)",
)
#: bw2io's packaged method data the methods are read from.
METHOD_ARCHIVE = "lcia_39_ecoinvent.zip"
#: Brightway needs a current project; ours may be rebuilt, so this one stands in.
SCRATCH_PROJECT = "default"

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


class InventorySetupError(GreenDesignError):
    """The local Brightway inventory could not be set up."""


class InventoryBusyError(InventorySetupError):
    """Another GreenDesign process is writing the inventory."""


def _stamp_path() -> Path:
    return paths.brightway_dir() / f"{INVENTORY_PROJECT}.json"


def activate():
    """Import ``bw2data`` pointed at the app's Brightway directory and return it.

    Safe to call repeatedly and after ``GREENDESIGN_HOME`` changed (tests):
    the base directory is switched when it differs.
    """
    base = paths.brightway_dir()
    os.environ["BRIGHTWAY2_DIR"] = str(base)
    _quiet_brightway()
    import bw2data  # deferred: loads Brightway

    if Path(bw2data.projects._base_data_dir) != base:  # noqa: SLF001 - no public getter
        bw2data.projects.change_base_directories(base, project_name=SCRATCH_PROJECT)
    return bw2data


@functools.cache
def _quiet_brightway() -> None:
    """Keep Brightway's console chatter (progress bars, info logs, solver hints) off stdout."""
    os.environ.setdefault("TQDM_DISABLE", "1")
    warnings.filterwarnings("ignore", message="(?s).*pypardiso")
    warnings.filterwarnings("ignore", message="All values in characterization matrix are zero")
    logging.getLogger("bw2calc").setLevel(logging.WARNING)
    # bw2data and bw2io build a print logger bound to sys.stdout at import time: importing
    # them with stdout pointed elsewhere keeps their notices out of our command output
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        import bw2calc  # noqa: F401 - deferred: loads Brightway
        import bw2data  # noqa: F401 - deferred: loads Brightway
        import bw2io  # noqa: F401 - deferred: loads Brightway


@functools.cache
def _method_archive() -> Path:
    """bw2io's packaged method archive (found without importing bw2io)."""
    spec = importlib.util.find_spec("bw2io")
    return Path(spec.origin).parent / "data" / "lcia" / METHOD_ARCHIVE


def method_data() -> list[dict]:
    """The packaged bw2io methods of :data:`METHOD_FAMILIES`, keys made tuples."""
    archive = _method_archive()
    if not archive.is_file():
        raise InventorySetupError(
            _("bw2io's packaged method data is missing ({file}).").format(file=archive),
            hint=_("Reinstall the project (make clean && make run) to restore bw2io."))
    with zipfile.ZipFile(archive) as handle:
        data = json.load(handle.open("data.json"))
    chosen = []
    for method in data:
        if method["name"][0] in METHOD_FAMILIES:
            chosen.append({**method, "name": tuple(method["name"]),
                           "exchanges": [{**e, "input": tuple(e["input"])}
                                         for e in method["exchanges"]]})
    return chosen


@functools.cache
def expected_method_names() -> list[tuple[str, ...]]:
    """Names of the methods a complete installation holds.

    Read from a small file in the data folder, written the first time from bw2io's
    method archive and keyed by the archive's size and time: parsing the archive
    (``data.json``, every method's characterisation factors) takes 2.5 s and 250 MB at
    its peak, which every start of the app paid only to learn 98 names."""
    archive = _method_archive()
    key = "|".join(map(str, (archive, *_size_and_time(archive)))) if archive.is_file() else ""
    cache = paths.data_home() / "method_names.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        stored = json.loads(cache.read_text("utf-8"))
        if key and stored["archive"] == key:
            return [tuple(name) for name in stored["names"]]
    names = [m["name"] for m in method_data()]
    with contextlib.suppress(OSError):  # a read-only data folder: parse again next time
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(cache, json.dumps({"archive": key, "names": names},
                                            ensure_ascii=False))
    return names


_held = threading.local()
_in_process = threading.Lock()  # other threads of this process wait their turn


@contextlib.contextmanager
def writer_lock() -> Iterator[None]:
    """One writer at a time across processes (POSIX advisory lock); re-entrant per thread."""
    if getattr(_held, "depth", 0):
        _held.depth += 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    with _in_process, _file_lock():
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0


@contextlib.contextmanager
def _file_lock() -> Iterator[None]:
    lock_path = paths.brightway_dir() / ".greendesign-setup.lock"
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    try:
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise InventoryBusyError(
                    _("Another GreenDesign window is writing the inventory."),
                    hint=_("Wait for it to finish, or close it and start again.")) from None
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


def read_stamp() -> dict | None:
    """The stamp of the last complete installation, or ``None``."""
    try:
        return json.loads(_stamp_path().read_text("utf-8"))
    except (OSError, ValueError):
        return None


def open_inventory():
    """``bw2data`` with the app's inventory project current (switched only when it is not:
    switching resets bw2data's database connections for the whole process)."""
    bd = activate()
    if bd.projects.current != INVENTORY_PROJECT:
        bd.projects.set_current(INVENTORY_PROJECT)
    return bd


def _size_and_time(path: Path) -> tuple[int, int]:
    """A file's size and modification time (ns), from one ``stat``."""
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _verified_path() -> Path:
    return paths.brightway_dir() / f"{INVENTORY_PROJECT}.verified.json"


def _fingerprint() -> list | None:
    """Name, size and modification time of every file the inventory project is read from.

    The stamp, Brightway's project list and, in the project's folder, its registries
    (``*.json``, ``*.db``), the SQLite inventory (``lci/``) and the processed matrices
    (``processed/``): any write by Brightway (a database imported, deleted or
    processed again) or by a set-up changes one of them. ``None`` when the project's
    folder is not there."""
    base = paths.brightway_dir()
    folders = [p for p in base.glob(f"{INVENTORY_PROJECT}.*") if p.is_dir()]
    if len(folders) != 1:
        return None
    folder = folders[0]
    files = [_stamp_path(), base / "projects.db", *folder.glob("*.json"),
             *folder.glob("*.db"), *folder.glob("lci/*"), *folder.glob("processed/*")]
    try:
        return sorted([str(f.relative_to(base)), *_size_and_time(f)] for f in files)
    except (OSError, ValueError):
        return None


def _passed_last_check() -> bool:
    """Whether the inventory's files are exactly as they were after the last check that
    found no problem."""
    try:
        recorded = json.loads(_verified_path().read_text("utf-8"))
    except (OSError, ValueError):
        return False
    now = _fingerprint()
    return now is not None and recorded == now


def check_integrity() -> list[str]:
    """Problems of the installed inventory project; empty when it is complete.

    Opens the project with Brightway and counts what it holds against the stamp,
    unless its files have not changed since the last check that passed."""
    stamp = read_stamp()
    if stamp is None:
        return [_("no complete installation is recorded")]
    if stamp.get("setup_version") != SETUP_VERSION:
        return [_("installed by set-up version {installed}, this app installs version "
                  "{current}").format(installed=stamp.get("setup_version"),
                                      current=SETUP_VERSION)]
    if _passed_last_check():
        return []
    problems = _check_with_brightway(stamp)
    if problems:
        _verified_path().unlink(missing_ok=True)
    else:
        fingerprint = _fingerprint()
        if fingerprint is not None:
            with contextlib.suppress(OSError):  # a read-only folder: check again next time
                atomic_write_text(_verified_path(), json.dumps(fingerprint))
    return problems


def _check_with_brightway(stamp: dict) -> list[str]:
    bd = activate()
    if INVENTORY_PROJECT not in bd.projects:
        return [_("the Brightway project {name!r} is missing").format(name=INVENTORY_PROJECT)]
    bd = open_inventory()
    problems = []
    if BIOSPHERE not in bd.databases:
        problems.append(_("the biosphere database is missing"))
    elif len(bd.Database(BIOSPHERE)) != stamp.get("biosphere_flows"):
        problems.append(_("the biosphere database is incomplete"))
    problems.extend(_database_problems(bd, stamp))
    missing = [name for name in expected_method_names() if name not in bd.methods]
    if missing:
        problems.append(ngettext("{count} LCIA method is missing: {method}",
                                 "{count} LCIA methods are missing, e.g. {method}",
                                 len(missing)).format(count=len(missing),
                                                      method=" | ".join(missing[0])))
    else:
        for name in expected_method_names():
            if not bd.Method(name).filepath_processed().is_file():
                problems.append(_("the processed data of method {method} is missing").format(
                    method=" | ".join(name)))
                break
    return problems


def _database_problems(bd, stamp: dict) -> list[str]:
    problems = []
    for name, key in ((USLCI_DB, "uslci_activities"), (USLCI21_DB, "uslci21_activities"),
                      (GREENDESIGN_DB, "datasets")):
        if name not in bd.databases:
            problems.append(_("the inventory database {name} is missing").format(name=name))
        elif len(bd.Database(name)) != stamp.get(key):
            problems.append(_("the inventory database {name} is incomplete").format(
                name=name))
    return problems


def delete_databases(bd, names: Iterable[str]) -> None:
    """Delete the Brightway databases ``names`` of the current project (those it has)."""
    for db_name in names:
        if db_name in bd.databases:
            del bd.databases[db_name]
