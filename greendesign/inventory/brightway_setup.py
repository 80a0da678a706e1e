"""Offline set-up of the whole local inventory: the bundled project, then the user databases.

Everything is written into the app's Brightway base directory
(:func:`greendesign.paths.brightway_dir`), never the user's default Brightway
location, and nothing touches the network:

1. the ready-built copy of the inventory, when the installation has a current
   one and the folder is empty (:mod:`greendesign.inventory.template_install`);
   otherwise
2. the biosphere (elementary flows) from ``bw2io.create_default_biosphere3()``,
   which reads bw2io's packaged data;
3. the LCIA methods of the families the app offers, read from the method data
   packaged with bw2io (``lcia_39_ecoinvent.zip``). bw2io's own
   ``bw2setup()`` is not used: on this Brightway line its method exchanges
   carry list keys where bw2data 4 wants tuples (bw2io issue 277), and it
   writes every family (762 methods) instead of the 98 the app offers;
4. the two bundled inventory databases (:mod:`greendesign.inventory.bw_databases`).

A stamp file written last records what was installed; a missing or different
stamp, or a failed integrity check, means the project is rebuilt from scratch.
Only the app's own inventory project is ever deleted. When it was rebuilt or
its bundled data rewritten, the user databases recorded in the registry are
processed or imported again (:mod:`greendesign.inventory.user_databases`).

Opening the project, the writer lock and the integrity check are
:mod:`greendesign.inventory.brightway_project`; its names are importable from
here too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import sys
import time
from dataclasses import dataclass

from greendesign import paths
from greendesign.errors import Problem
from greendesign.i18n import N_, _, translate
from greendesign.inventory import user_databases
from greendesign.inventory.brightway_project import (
    BIOSPHERE,
    INVENTORY_PROJECT,
    METHOD_ARCHIVE,
    METHOD_FAMILIES,
    SCRATCH_PROJECT,
    SETUP_VERSION,
    Cancelled,
    InventoryBusyError,
    InventorySetupError,
    Progress,
    _stamp_path,
    activate,
    check_integrity,
    expected_method_names,
    method_data,
    open_inventory,
    read_stamp,
    writer_lock,
)
from greendesign.inventory.bw_databases import write_databases
from greendesign.inventory.datasets import data_version
from greendesign.inventory.template_install import install_template
from greendesign.io.atomic import atomic_write_text

__all__ = [
    "BIOSPHERE", "INVENTORY_PROJECT", "METHOD_FAMILIES", "SETUP_VERSION", "InventoryBusyError",
    "InventorySetupError", "SetupCancelled", "SetupResult", "activate", "check_integrity",
    "ensure_inventory", "expected_method_names", "open_inventory", "read_stamp", "reason_text",
    "writer_lock",
]


#: :attr:`SetupResult.reason` codes (compared by code) and how they read.
REASONS = {
    "installed the ready-built inventory": N_("installed the ready-built inventory"),
    "lca_data changed": N_("the bundled inventory data changed"),
    "complete": N_("complete"),
    "user databases restored": N_("user databases restored"),
}


def reason_text(reason: str) -> str:
    """:attr:`SetupResult.reason` as a person reads it, in the current language.

    A reason is a code of :data:`REASONS`, the problems of the integrity check (already in
    the language of the set-up), or several of them joined by ``"; "``.
    """
    return "; ".join(translate(REASONS[part]) if part in REASONS else part
                     for part in reason.split("; "))


class SetupCancelled(InventorySetupError):
    """The user cancelled the set-up; it restarts from scratch next time."""


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


def _data_outdated(stamp: dict | None) -> bool:
    return stamp is not None and stamp.get("data_version") != data_version()


def ensure_inventory(progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> SetupResult:
    """Make sure the app's Brightway inventory project is complete; build it if not.

    After a rebuild, or a rewrite of the bundled databases, the user databases
    of the registry are processed or imported again; those that cannot be are
    listed in :attr:`SetupResult.warnings`.

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
            result = dataclasses.replace(result, warnings=(
                Problem(exc.message, hint=exc.hint),))
        return result


def _ensure_bundled(report: Progress, stop: Cancelled) -> SetupResult:
    start = time.perf_counter()
    installed = _install_template(report)
    problems = check_integrity()
    stamp = read_stamp()
    if installed is not None and not problems:
        report(1.0, _("Inventory ready"))
        return SetupResult(True, "installed the ready-built inventory",
                           stamp.get("biosphere_flows", 0), stamp.get("methods", 0),
                           time.perf_counter() - start)
    if not problems and _data_outdated(stamp):
        # only lca_data changed: rewrite the inventory databases, keep biosphere and methods
        try:
            _rewrite_databases(stamp, report)
        except Exception as exc:
            raise InventorySetupError(
                _("The inventory databases could not be updated: {error}.").format(
                    error=f"{type(exc).__name__}: {exc}"),
                hint=_("They are rebuilt at the next start.")) from exc
        return SetupResult(True, "lca_data changed", stamp.get("biosphere_flows", 0),
                           stamp.get("methods", 0), time.perf_counter() - start)
    if not problems:
        stamp = read_stamp() or {}
        report(1.0, _("Inventory ready"))
        return SetupResult(False, "complete", stamp.get("biosphere_flows", 0),
                           stamp.get("methods", 0), time.perf_counter() - start)
    reason = "; ".join(problems)
    try:
        with contextlib.redirect_stdout(sys.stderr):  # bw2io prints its strategies
            _build(activate(), report, stop)
    except InventorySetupError:
        raise
    except Exception as exc:  # Brightway, SQLite or file system failure
        raise InventorySetupError(
            _("The local inventory could not be built: {error}.").format(
                error=f"{type(exc).__name__}: {exc}"),
            hint=_("It is rebuilt at the next start; if this repeats, delete the folder "
                   "{folder} and start again.").format(folder=paths.brightway_dir())) from exc
    stamp = read_stamp() or {}
    return SetupResult(True, reason, stamp["biosphere_flows"], stamp["methods"],
                       time.perf_counter() - start)


def _install_template(report: Progress) -> float | None:
    """Unpack the installation's ready-built inventory into an empty Brightway folder."""
    try:
        seconds = install_template()
    except (OSError, ValueError) as exc:  # a damaged template: build from lca_data instead
        logging.getLogger(__name__).warning("ready-built inventory not used: %s", exc)
        return None
    if seconds is not None:
        report(0.9, _("Installed the ready-built inventory"))
    return seconds


def _rewrite_databases(stamp: dict, report: Progress) -> None:
    with contextlib.suppress(FileNotFoundError):
        _stamp_path().unlink()
    bd = open_inventory()
    fields = write_databases(bd, lambda f, m: report(f, m))
    atomic_write_text(_stamp_path(), json.dumps({**stamp, **fields}, indent=1))
    report(1.0, _("Inventory ready"))


def _build(bd, report: Progress, stop: Cancelled) -> None:
    import bw2io  # deferred: loads Brightway

    with contextlib.suppress(FileNotFoundError):
        _stamp_path().unlink()
    if INVENTORY_PROJECT in bd.projects:
        # Brightway refuses to delete the current or the only project: step aside first
        bd.projects.set_current(SCRATCH_PROJECT)
        bd.projects.delete_project(INVENTORY_PROJECT, delete_dir=True)
    bd.projects.set_current(INVENTORY_PROJECT)
    report(0.02, _("Creating the biosphere (elementary flows)"))
    bw2io.create_default_biosphere3()
    flows = len(bd.Database(BIOSPHERE))
    methods = method_data()
    for i, method in enumerate(methods):
        if stop():
            raise SetupCancelled(_("Inventory set-up was cancelled."),
                                 hint=_("It starts again the next time the app needs it."))
        report(0.1 + 0.8 * i / len(methods), _("Writing LCIA method {method}").format(
            method=" | ".join(method["name"])))
        node = bd.Method(method["name"])
        node.register(unit=method["unit"], description=method.get("description", ""),
                      filename=METHOD_ARCHIVE)
        node.write([(e["input"], e["amount"]) for e in method["exchanges"]])
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
    report(1.0, _("Inventory ready"))
