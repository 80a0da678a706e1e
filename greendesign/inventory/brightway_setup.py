"""Offline set-up of the app's own Brightway project.

Everything is written into the app's Brightway base directory
(:func:`greendesign.paths.brightway_dir`), never the user's default Brightway
location, and nothing touches the network:

1. the biosphere (elementary flows) from ``bw2io.create_default_biosphere3()``,
   which reads bw2io's packaged data;
2. the LCIA methods of the families the app offers, read from the method data
   packaged with bw2io (``lcia_39_ecoinvent.zip``). bw2io's own
   ``bw2setup()`` is not used: on this Brightway line its method exchanges
   carry list keys where bw2data 4 wants tuples (bw2io issue 277), and it
   writes every family (762 methods) instead of the 98 the app offers.

A stamp file written last records what was installed; a missing or different
stamp, or a failed integrity check, means the project is rebuilt from scratch.
Only the app's own inventory project is ever deleted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from greendesign import paths
from greendesign.errors import GreenDesignError
from greendesign.io.atomic import atomic_write_text

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
_METHOD_ARCHIVE = "lcia_39_ecoinvent.zip"
_SCRATCH_PROJECT = "default"  # Brightway needs a current project; ours may be rebuilt

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


class InventorySetupError(GreenDesignError):
    """The local Brightway inventory could not be set up."""


class SetupCancelled(InventorySetupError):
    """The user cancelled the set-up; it restarts from scratch next time."""


class InventoryBusyError(InventorySetupError):
    """Another GreenDesign process is writing the inventory."""


@dataclass(frozen=True)
class SetupResult:
    """What :func:`ensure_inventory` did."""

    rebuilt: bool
    reason: str
    biosphere_flows: int
    methods: int
    seconds: float
    #: user databases that could not be restored after a rebuild
    warnings: tuple = ()


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
    import bw2data

    if Path(bw2data.projects._base_data_dir) != base:  # noqa: SLF001 - no public getter
        bw2data.projects.change_base_directories(base, project_name=_SCRATCH_PROJECT)
    return bw2data


@functools.cache
def _quiet_brightway() -> None:
    """Keep Brightway's console chatter (progress bars, info logs, solver hints) off stdout."""
    import logging
    import warnings

    os.environ.setdefault("TQDM_DISABLE", "1")
    warnings.filterwarnings("ignore", message="(?s).*pypardiso")
    warnings.filterwarnings("ignore", message="All values in characterization matrix are zero")
    logging.getLogger("bw2calc").setLevel(logging.WARNING)
    # bw2data and bw2io build a print logger bound to sys.stdout at import time: importing
    # them with stdout pointed elsewhere keeps their notices out of our command output
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        import bw2calc  # noqa: F401
        import bw2data  # noqa: F401
        import bw2io  # noqa: F401


@functools.cache
def _method_data() -> list[dict]:
    """The packaged bw2io methods of :data:`METHOD_FAMILIES`, keys made tuples."""
    import bw2io

    archive = Path(bw2io.__file__).parent / "data" / "lcia" / _METHOD_ARCHIVE
    if not archive.is_file():
        raise InventorySetupError(
            f"bw2io's packaged method data is missing ({archive}).",
            hint="Reinstall the project (make clean && make run) to restore bw2io.")
    with zipfile.ZipFile(archive) as handle:
        data = json.load(handle.open("data.json"))
    chosen = []
    for method in data:
        if method["name"][0] in METHOD_FAMILIES:
            chosen.append({**method, "name": tuple(method["name"]),
                           "exchanges": [{**e, "input": tuple(e["input"])}
                                         for e in method["exchanges"]]})
    return chosen


def expected_method_names() -> list[tuple[str, ...]]:
    """Names of the methods a complete installation holds."""
    return [m["name"] for m in _method_data()]


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
        try:
            import fcntl
        except ImportError:  # not POSIX: no cross-process lock available
            fcntl = None
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise InventoryBusyError(
                    "Another GreenDesign window is writing the inventory.",
                    hint="Wait for it to finish, or close it and start again.") from None
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


def check_integrity() -> list[str]:
    """Problems of the installed inventory project; empty when it is complete."""
    stamp = read_stamp()
    if stamp is None:
        return ["no complete installation is recorded"]
    if stamp.get("setup_version") != SETUP_VERSION:
        return [f"installed by set-up version {stamp.get('setup_version')}, "
                f"this app installs version {SETUP_VERSION}"]
    bd = activate()
    if INVENTORY_PROJECT not in bd.projects:
        return [f"the Brightway project {INVENTORY_PROJECT!r} is missing"]
    bd = open_inventory()
    problems = []
    if BIOSPHERE not in bd.databases:
        problems.append("the biosphere database is missing")
    elif len(bd.Database(BIOSPHERE)) != stamp.get("biosphere_flows"):
        problems.append("the biosphere database is incomplete")
    problems.extend(_database_problems(bd, stamp))
    missing = [name for name in expected_method_names() if name not in bd.methods]
    if missing:
        problems.append(f"{len(missing)} LCIA method(s) are missing, e.g. {missing[0]}")
    else:
        for name in expected_method_names():
            if not bd.Method(name).filepath_processed().is_file():
                problems.append(f"the processed data of method {name} is missing")
                break
    return problems


def _database_problems(bd, stamp: dict) -> list[str]:
    from greendesign.inventory.datasets import GREENDESIGN_DB, USLCI_DB

    problems = []
    for name, key in ((USLCI_DB, "uslci_activities"), (GREENDESIGN_DB, "datasets")):
        if name not in bd.databases:
            problems.append(f"the inventory database {name} is missing")
        elif len(bd.Database(name)) != stamp.get(key):
            problems.append(f"the inventory database {name} is incomplete")
    return problems


def _data_outdated(stamp: dict | None) -> bool:
    from greendesign.inventory.datasets import data_version

    return stamp is not None and stamp.get("data_version") != data_version()


def ensure_inventory(progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> SetupResult:
    """Make sure the app's Brightway inventory project is complete; build it if not.

    Parameters
    ----------
    progress
        Called with ``(fraction 0-1, message)`` as work advances.
    cancelled
        Polled between steps; when it returns True, :class:`SetupCancelled` is
        raised and the half-built project is rebuilt at the next call.
    """
    report = progress or (lambda fraction, message: None)
    with writer_lock():
        result = _ensure_bundled(report, cancelled or (lambda: False))
        from greendesign.inventory import user_databases

        try:
            if result.reason == "lca_data changed":
                # the bundled activities were written anew with new ids: the user databases
                # that link to them are processed again (their links are stored by code)
                user_databases.reprocess()
            if user_databases.list_databases() and user_databases.check():
                failed = user_databases.restore_databases(report)
                result = dataclasses.replace(result, warnings=tuple(failed),
                                             reason=f"{result.reason}; user databases restored")
        except user_databases.UserDatabaseError as exc:  # the bundled inventory is fine
            from greendesign.errors import Problem

            result = dataclasses.replace(result, warnings=(
                Problem(exc.message, hint=exc.hint),))
        return result


def _ensure_bundled(report: Progress, stop: Cancelled) -> SetupResult:
    start = time.perf_counter()
    installed = _install_template(report)
    problems = check_integrity()
    bd = activate()
    stamp = read_stamp()
    if installed is not None and not problems:
        report(1.0, "Inventory ready")
        return SetupResult(True, "installed the ready-built inventory",
                           stamp.get("biosphere_flows", 0), stamp.get("methods", 0),
                           time.perf_counter() - start)
    if not problems and _data_outdated(stamp):
        # only lca_data changed: rewrite the inventory databases, keep biosphere and methods
        try:
            _rewrite_databases(bd, stamp, report)
        except Exception as exc:
            raise InventorySetupError(
                f"The inventory databases could not be updated: {type(exc).__name__}: "
                f"{exc}.", hint="They are rebuilt at the next start.") from exc
        return SetupResult(True, "lca_data changed", stamp.get("biosphere_flows", 0),
                           stamp.get("methods", 0), time.perf_counter() - start)
    if not problems:
        stamp = read_stamp() or {}
        report(1.0, "Inventory ready")
        return SetupResult(False, "complete", stamp.get("biosphere_flows", 0),
                           stamp.get("methods", 0), time.perf_counter() - start)
    reason = "; ".join(problems)
    try:
        with contextlib.redirect_stdout(sys.stderr):  # bw2io prints its strategies
            _build(bd, report, stop)
    except InventorySetupError:
        raise
    except Exception as exc:  # Brightway, SQLite or file system failure
        raise InventorySetupError(
            f"The local inventory could not be built: {type(exc).__name__}: {exc}.",
            hint=f"It is rebuilt at the next start; if this repeats, delete the folder "
                 f"{paths.brightway_dir()} and start again.") from exc
    stamp = read_stamp() or {}
    return SetupResult(True, reason, stamp["biosphere_flows"], stamp["methods"],
                       time.perf_counter() - start)


def _install_template(report: Progress) -> float | None:
    """Unpack the installation's ready-built inventory into an empty Brightway folder."""
    from greendesign.inventory.template import install_template

    try:
        seconds = install_template()
    except (OSError, ValueError) as exc:  # a damaged template: build from lca_data instead
        import logging

        logging.getLogger(__name__).warning("ready-built inventory not used: %s", exc)
        return None
    if seconds is not None:
        report(0.9, "Installed the ready-built inventory")
    return seconds


def _rewrite_databases(bd, stamp: dict, report: Progress) -> None:
    from greendesign.inventory.bw_databases import write_databases

    with contextlib.suppress(FileNotFoundError):
        _stamp_path().unlink()
    bd = open_inventory()
    fields = write_databases(bd, lambda f, m: report(f, m))
    atomic_write_text(_stamp_path(), json.dumps({**stamp, **fields}, indent=1))
    report(1.0, "Inventory ready")


def _build(bd, report: Progress, stop: Cancelled) -> None:
    import bw2io

    with contextlib.suppress(FileNotFoundError):
        _stamp_path().unlink()
    if INVENTORY_PROJECT in bd.projects:
        # Brightway refuses to delete the current or the only project: step aside first
        bd.projects.set_current(_SCRATCH_PROJECT)
        bd.projects.delete_project(INVENTORY_PROJECT, delete_dir=True)
    bd.projects.set_current(INVENTORY_PROJECT)
    report(0.02, "Creating the biosphere (elementary flows)")
    bw2io.create_default_biosphere3()
    flows = len(bd.Database(BIOSPHERE))
    methods = _method_data()
    for i, method in enumerate(methods):
        if stop():
            raise SetupCancelled("Inventory set-up was cancelled.",
                                 hint="It starts again the next time the app needs it.")
        report(0.1 + 0.8 * i / len(methods), f"Writing LCIA method {' | '.join(method['name'])}")
        node = bd.Method(method["name"])
        node.register(unit=method["unit"], description=method.get("description", ""),
                      filename=_METHOD_ARCHIVE)
        node.write([(e["input"], e["amount"]) for e in method["exchanges"]])
    from greendesign.inventory.bw_databases import write_databases

    fields = write_databases(bd, lambda f, m: report(0.9 + 0.1 * f, m))
    atomic_write_text(_stamp_path(), json.dumps({
        **fields,
        "setup_version": SETUP_VERSION,
        "project": INVENTORY_PROJECT,
        "biosphere_flows": flows,
        "methods": len(methods),
        "method_families": list(METHOD_FAMILIES),
        "bw2io_version": ".".join(map(str, getattr(bw2io, "__version__", ()))) or "unknown",
    }, indent=1))
    report(1.0, "Inventory ready")
