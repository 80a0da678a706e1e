"""Characterised cradle-to-gate intensities of every inventory dataset, computed once.

For the datasets of ``greendesign-lci`` (columns ``J``) and every installed
method, Brightway's matrices give::

    X = A^-1 E_J        (supply of every activity per unit of each dataset)
    G = B X             (elementary flows per unit of each dataset)
    H = C G             (characterised result per unit of each dataset and method)

with ``A`` the technosphere, ``B`` the biosphere and ``C`` the stacked
characterisation vectors, from ``bw2calc.LCA`` on the app's inventory project.
``A`` is factorised once (SuperLU); the residual ``|A X - E|`` is recorded. A
product result is then ``H d`` for its demand ``d`` on the datasets: that is
the fast path of :mod:`greendesign.lca.engine`. The matrices are cached next to
the Brightway project, keyed by the inventory data version and the methods.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from greendesign import paths
from greendesign.errors import GreenDesignError
from greendesign.i18n import _
from greendesign.inventory import user_registry
from greendesign.inventory.brightway_project import (
    expected_method_names,
    open_inventory,
    read_stamp,
)
from greendesign.inventory.datasets import GREENDESIGN_DB, data_version
from greendesign.inventory.user_databases import reprocess

CACHE_VERSION = 1


class EngineError(GreenDesignError):
    """The LCA could not be calculated."""


class MethodNotInstalledError(EngineError):
    """A requested LCIA method is not in the local inventory."""


class SingularTechnosphereError(EngineError):
    """The technosphere matrix cannot be solved."""


@dataclass(frozen=True)
class Background:
    """Dense characterised intensities of the inventory datasets."""

    codes: tuple[str, ...]                  # dataset codes, column order
    methods: tuple[tuple[str, ...], ...]    # method tuples, row order of H
    method_units: tuple[str, ...]
    H: np.ndarray                           # methods x datasets
    G: np.ndarray                           # flows x datasets
    flows: tuple[tuple[str, str, str, str], ...]  # (code, name, compartment, unit)
    ghg_only: dict[str, tuple[str, ...]]    # dataset -> GHG-only sources it rests on
    provenance: dict[str, dict]             # dataset -> source, year, geography, ...
    solver: str
    residual: float
    data_version: str

    @functools.cached_property
    def column(self) -> dict[str, int]:
        return {code: i for i, code in enumerate(self.codes)}

    @functools.cached_property
    def method_row(self) -> dict[tuple[str, ...], int]:
        return {m: i for i, m in enumerate(self.methods)}

    def rows_for(self, methods) -> list[int]:
        rows = []
        for method in methods:
            key = tuple(method)
            if key not in self.method_row:
                raise MethodNotInstalledError(
                    _("The LCIA method {method} is not installed.").format(
                        method=" | ".join(key)),
                    hint=_("Use one of the methods listed by 'greendesign-cli methods' (IPCC "
                           "2021, EF v3.1, ReCiPe 2016 midpoint (H), CML v4.8, CED)."))
            rows.append(self.method_row[key])
        return rows


_lock = threading.Lock()


def _cache_path(version: str, methods_key: str) -> Path:
    return paths.brightway_dir() / f"greendesign-fastpath-{version}-{methods_key}.npz"


@functools.cache
def _methods_key(methods: tuple[tuple[str, ...], ...]) -> str:
    return hashlib.sha256(json.dumps(methods).encode()).hexdigest()[:12]


def load_background(progress=None, extra: tuple[str, ...] | list[str] = ()) -> Background:
    """The fast-path matrices for every installed method (computed once, then cached).

    ``extra``: user-database references (``user:<db>|<code>``) the caller needs.
    They join the set of active user datasets (kept in the user registry), and
    the matrices are computed again with them as extra columns; user datasets
    are not all solved up front because a licensed database holds tens of
    thousands of them.
    """
    with _lock:
        return _load_background(progress, tuple(extra))


_memo: dict[str, Background] = {}


def _user_nodes(extra: tuple[str, ...]) -> tuple[list[str], str]:
    known = user_registry.dataset_map()
    unknown = [ref for ref in extra if ref not in known]
    if unknown:
        raise EngineError(_("No user database holds the dataset {code}.").format(
            code=unknown[0]),
            hint=_("Import the database it comes from again (Inventory page), or pick another "
                   "dataset for the part."))
    try:
        active = user_registry.activate_refs(extra)
        revision = user_registry.revision()
    except user_registry.UserDatabaseError:
        if extra:
            raise
        return [], "none"  # a damaged registry: the bundled datasets still work
    refs = sorted(ref for ref in active if ref in known)
    key = hashlib.sha256(("\n".join(refs) + revision).encode()).hexdigest()[:12] \
        if refs else "none"
    return refs, key


def _load_background(progress, extra: tuple[str, ...] = ()) -> Background:
    version = data_version()
    methods = tuple(tuple(m) for m in expected_method_names())
    user_refs, user_key = _user_nodes(extra)
    key = f"{paths.brightway_dir()}|{version}|{_methods_key(methods)}|{user_key}"
    if key in _memo:
        return _memo[key]
    path = _cache_path(version, _methods_key(methods) + ("" if not user_refs else
                                                         f"-user-{user_key}"))
    stamp = read_stamp() or {}
    if stamp.get("data_version") != version:
        raise EngineError(_("The local inventory is not set up for this version of the data."),
                          hint=_("Let the inventory set-up finish (status bar), or run "
                                 "'greendesign-cli setup'."))
    if path.is_file():
        try:
            bg = _read_cache(path)
            _memo[key] = bg
            return bg
        except (OSError, ValueError, KeyError):
            path.unlink(missing_ok=True)  # damaged cache: compute again
    bd = open_inventory()
    bg = compute_background(bd, methods, version, progress, user_refs)
    _write_cache(path, bg)
    for old in path.parent.glob("greendesign-fastpath-*.npz"):
        # caches of earlier data versions are never read again; a larger set of user
        # datasets replaces the smaller ones
        stale = not old.name.startswith(f"greendesign-fastpath-{version}-")
        smaller = bool(user_refs) and old.name.startswith(
            f"greendesign-fastpath-{version}-{_methods_key(methods)}-user-")
        if old != path and (stale or smaller):
            old.unlink(missing_ok=True)
    for old_key in [k for k in _memo if k.startswith(key.rpartition("|")[0] + "|")
                    and not k.endswith("|none")]:
        del _memo[old_key]
    _memo[key] = bg
    return bg


def dataset_background(ref: str, progress=None) -> Background:
    """The fast-path intensities of one user dataset alone (for browsing it).

    Unlike ``load_background(extra=[ref])`` this does not add the dataset to
    the set the product results solve, so looking through a large database
    costs one small solve per dataset and nothing afterwards.
    """
    if ref not in user_registry.dataset_map():
        raise EngineError(_("No user database holds the dataset {code}.").format(code=ref),
                          hint=_("Import the database it comes from again."))
    key = (str(paths.brightway_dir()), ref, data_version(), user_registry.revision())
    with _lock:
        if key not in _browsed:
            methods = tuple(tuple(m) for m in expected_method_names())
            _browsed[key] = compute_background(open_inventory(), methods, key[2], progress,
                                               [ref], bundled=False)
            while len(_browsed) > 32:  # the datasets looked at last
                del _browsed[next(iter(_browsed))]
        return _browsed[key]


_browsed: dict[tuple, Background] = {}


def compute_background(bd, methods, version: str, progress=None,
                       user_refs: list[str] | tuple[str, ...] = (),
                       bundled: bool = True) -> Background:
    """The fast-path intensities of the bundled datasets (``bundled``) and ``user_refs``.

    One factorisation of the technosphere for all of them, then one
    characterisation per method; see the module docstring.
    """
    import scipy.sparse as sp  # deferred: loads scipy

    report = progress or (lambda f, m: None)
    nodes = []
    if bundled:
        db = bd.Database(GREENDESIGN_DB)
        nodes = sorted((n for n in db if not n["code"].startswith("_")),
                       key=lambda n: n["code"])
        if not nodes:
            raise EngineError(_("The inventory database is empty."),
                              hint=_("Run 'greendesign-cli setup' to rebuild it."))
    codes = [n["code"] for n in nodes]
    for ref in user_refs:
        database, code = user_registry.parse_ref(ref)
        try:
            nodes.append(bd.get_node(database=database, code=code))
        except Exception as exc:  # noqa: BLE001 - bw2data raises its own UnknownObject
            raise EngineError(_("The user dataset {code} is not in the installed inventory "
                                "({error}).").format(code=ref, error=type(exc).__name__),
                              hint=_("Import its database again from the Inventory "
                                     "page.")) from exc
        codes.append(ref)
    report(0.05, _("Loading the technosphere"))
    lca = _lci({node: 1.0 for node in nodes}, methods[0], bool(user_refs))
    A = sp.csc_matrix(lca.technosphere_matrix)
    B = sp.csr_matrix(lca.biosphere_matrix)
    cols = [lca.dicts.activity[node.id] for node in nodes]
    E = np.zeros((A.shape[0], len(cols)))
    E[cols, np.arange(len(cols))] = 1.0
    report(0.2, _("Solving the technosphere"))
    try:
        # the same solver bw2calc uses for LCA.lci() (scipy spsolve, SuperLU), so the fast
        # path and the reference path differ only by the order of additions
        X = lca._spsolve(A, sp.csc_matrix(E))  # noqa: SLF001
        # spsolve answers a one-column right-hand side with a dense vector
        X = X.toarray() if sp.issparse(X) else np.asarray(X).reshape(E.shape)
    except RuntimeError as exc:
        empty = [i for i in range(A.shape[0]) if A[i, i] == 0]
        raise SingularTechnosphereError(
            _("The technosphere matrix is singular ({error}); {count} activities have no "
              "production exchange.").format(error=exc, count=len(empty)),
            hint=_("Rebuild the inventory with 'greendesign-cli setup --force'.")) from exc
    residual = float(np.abs(A @ X - E).max())
    G = np.asarray(B @ X)
    reverse_bio = {v: k for k, v in lca.dicts.biosphere.items()}
    flows = []
    for row in range(G.shape[0]):
        flow = bd.get_node(id=reverse_bio[row])
        flows.append((flow["code"], flow["name"], "/".join(flow.get("categories", ())),
                      flow.get("unit", "")))
    H = np.zeros((len(methods), len(cols)))
    units = []
    for i, method in enumerate(methods):
        if i % 10 == 0:
            report(0.3 + 0.7 * i / len(methods), _("Characterising: {method}").format(
                method=" | ".join(method)))
        lca.switch_method(method)
        c = lca.characterization_matrix.diagonal()
        H[i] = c @ G
        units.append(bd.methods[method].get("unit", ""))
    pairs = list(zip(codes, nodes, strict=True))
    ghg = {code: tuple(node.get("ghg_only_sources", ())) for code, node in pairs}
    prov = {code: {"source": node.get("source", ""), "year": node.get("year", ""),
                   "geography": node.get("location", ""),
                   "pedigree": list(node.get("pedigree", [])),
                   "proxy": node.get("proxy", ""), "proxy_zh": node.get("proxy_zh", ""),
                   "unit": node.get("unit", ""),
                   "ghg_only": bool(node.get("ghg_only", False))}
            for code, node in pairs}
    prov.update(user_registry.user_provenance(user_refs))
    report(1.0, _("Intensities ready"))
    return Background(tuple(codes), tuple(methods), tuple(units), H, G,
                      tuple(flows), ghg, prov, "scipy spsolve (SuperLU), as bw2calc", residual, version)


def _lci(demand: dict, method, has_user_data: bool):
    """``bw2calc.LCA(...).lci()``; a technosphere left stale by an old user database
    (processed against activities that were since rewritten) is processed again once."""
    import bw2calc  # deferred: loads Brightway

    for attempt in (1, 2):
        lca = bw2calc.LCA(demand, method=method)
        try:
            lca.lci()
            return lca
        except bw2calc.errors.NonsquareTechnosphere as exc:
            if attempt == 1 and has_user_data:
                reprocess()
                continue
            raise EngineError(_("The inventory cannot be solved: {error}.").format(error=exc),
                              hint=_("Run 'greendesign-cli setup'; if a user database is "
                                     "involved, import it again.")) from exc
    raise AssertionError("unreachable")


def _write_cache(path: Path, bg: Background) -> None:
    meta = {"cache_version": CACHE_VERSION, "codes": bg.codes, "methods": bg.methods,
            "units": bg.method_units, "flows": bg.flows, "ghg_only": bg.ghg_only,
            "provenance": bg.provenance, "solver": bg.solver, "residual": bg.residual,
            "data_version": bg.data_version}
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, H=bg.H, G=bg.G, meta=np.array(json.dumps(meta)))
    tmp.replace(path)


def _read_cache(path: Path) -> Background:
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        if meta.get("cache_version") != CACHE_VERSION:
            raise ValueError("old cache")
        return Background(tuple(meta["codes"]), tuple(tuple(m) for m in meta["methods"]),
                          tuple(meta["units"]), data["H"].copy(), data["G"].copy(),
                          tuple(tuple(f) for f in meta["flows"]),
                          {k: tuple(v) for k, v in meta["ghg_only"].items()},
                          meta["provenance"], meta["solver"], meta["residual"],
                          meta["data_version"])
