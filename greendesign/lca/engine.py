"""Fast cradle-to-grave LCA: results by stage, part, material, process and flow.

``assess(product)`` builds the lifecycle model (:mod:`.lifecycle`), turns its
lines into a sparse (lines x datasets) matrix ``L`` and multiplies by the
precomputed intensities (:mod:`.background`): ``S = L H^T`` gives every line's
score for every method. Totals, stages, parts and materials are sums of rows
of ``S``; elementary flows are ``G d`` with ``d`` the summed demand. Credits
beyond the system boundary (module D) are kept apart and never added to the
total.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from greendesign.i18n import _
from greendesign.inventory.brightway_project import open_inventory
from greendesign.inventory.user_registry import REF_PREFIX
from greendesign.lca.background import Background, EngineError, load_background
from greendesign.lca.declared import DeclaredOverlay, declared_overlay, primary_data_share
from greendesign.lca.declared import supplier_data_json as _supplier_data_json
from greendesign.lca.lifecycle import STAGES, LifecycleModel, build_model, gc_paused
from greendesign.lca.line_table import STAGE_CODES, LineTable
from greendesign.lca.tree_index import TreeIndex, tree_index
from greendesign.model import Product
from greendesign.model.part import Part, walk

GWP100 = ("IPCC 2021", "climate change", "global warming potential (GWP100)")
CED_TOTAL = ("Cumulative Energy Demand (CED)", "total", "energy content (HHV)")
#: The default method set: IPCC 2021 GWP100, every EF v3.1 category, CED total.
DEFAULT_FAMILIES = ("EF v3.1",)


def default_methods(bg: Background) -> list[tuple[str, ...]]:
    ef = [m for m in bg.methods if m[0] in DEFAULT_FAMILIES]
    return [GWP100, *ef, CED_TOTAL]


def method_label(method: tuple[str, ...]) -> str:
    return " | ".join(method)


@dataclass
class Result:
    """A product's results for a set of methods.

    The lines are held as a :class:`~greendesign.lca.line_table.LineTable` in the order of
    ``model.lines``, with their background column (``cols``); the scores of a group of
    lines are its summed demand on each dataset times the method's intensities
    (:meth:`grouped`), so no lines x methods matrix is needed for the totals, stages,
    parts or materials. :attr:`scores` builds that matrix when a report asks for it.
    """

    product: str
    variant: str
    functional_unit: str
    service_life_years: float
    methods: list[tuple[str, ...]]
    units: list[str]
    model: LifecycleModel
    table: LineTable = field(repr=False)
    cols: np.ndarray = field(repr=False)          # background column of every line
    intensities: np.ndarray = field(repr=False)   # methods x background columns
    bg: Background = field(repr=False)
    #: the lines supplier data covers and their declared scores (None: no supplier data)
    declared: DeclaredOverlay | None = field(default=None, repr=False)

    @property
    def primary_data_share(self) -> float | None:
        """Share of the cradle-to-grave GWP100 total that rests on supplier data (0-1);
        see :func:`greendesign.lca.declared.primary_data_share`."""
        return primary_data_share(self)

    def supplier_data(self) -> list[dict]:
        """The declared values used, with their source and GWP100 (JSON-ready)."""
        return _supplier_data_json(self)

    @functools.cached_property
    def lines(self) -> pd.DataFrame:
        """The model's lines: stage, dataset, amount, part_id, material, kind."""
        return self.table.frame()

    @functools.cached_property
    def scores(self) -> np.ndarray:
        """lines x methods, in the order of ``model.lines`` (built on first use)."""
        scores = self.intensities[:, self.cols].T * self.table.amount[:, None]
        if self.declared is not None:
            self.declared.apply(scores, self.table.amount)
        return scores

    def line_scores(self, j: int) -> np.ndarray:
        """The score of every line for method ``j`` (one column of :attr:`scores`)."""
        if "scores" in self.__dict__:
            return self.scores[:, j]
        values = self.intensities[j, self.cols] * self.table.amount
        if self.declared is not None:
            rows, delta = self._correction
            values[rows] += delta[:, j]
        return values

    @functools.cached_property
    def _in_total(self) -> np.ndarray:
        return self.table.in_total

    @functools.cached_property
    def _correction(self) -> tuple[np.ndarray, np.ndarray]:
        """Lines supplier data covers, and their declared minus inventory scores."""
        rows = np.flatnonzero(self.declared.replaced.any(axis=1))
        amounts = self.table.amount[rows]
        base = self.intensities[:, self.cols[rows]].T * amounts[:, None]
        declared = self.declared.intensity[rows] * amounts[:, None]
        return rows, np.where(np.isnan(declared), 0.0, declared - base)

    def grouped(self, keys: np.ndarray, n: int, keep: np.ndarray | None = None) -> np.ndarray:
        """n x methods: the scores of the lines with each key ``0 .. n-1`` (``keep``: only
        those lines), as summed demand on each dataset times the intensities."""
        if keep is not None:
            keys, cols, amounts = keys[keep], self.cols[keep], self.table.amount[keep]
        else:
            cols, amounts = self.cols, self.table.amount
        width = self.intensities.shape[1]
        if n * width <= 1 << 16:
            demand = np.bincount(keys * width + cols, weights=amounts,
                                 minlength=n * width).reshape(n, width)
            out = demand @ self.intensities.T
        else:  # many groups (parts): a sparse demand matrix
            from scipy.sparse import csr_matrix  # deferred: start-up time

            out = np.asarray(csr_matrix((amounts, (keys, cols)), shape=(n, width))
                             @ self.intensities.T)
        if self.declared is not None:
            rows, delta = self._correction
            if keep is not None:
                chosen = keep[rows]
                rows, delta = rows[chosen], delta[chosen]
                index = np.flatnonzero(keep).searchsorted(rows)
                np.add.at(out, keys[index], delta)
            else:
                np.add.at(out, keys[rows], delta)
        return out

    @functools.cached_property
    def _totals(self) -> tuple[np.ndarray, np.ndarray]:
        both = self.grouped(self._in_total.astype(np.intp), 2)
        return both[1], both[0]

    @property
    def total(self) -> np.ndarray:
        return self._totals[0]

    @property
    def credits(self) -> np.ndarray:
        return self._totals[1]

    def _frame(self, values: np.ndarray, index) -> pd.DataFrame:
        return pd.DataFrame(values, index=index,
                            columns=[method_label(m) for m in self.methods])

    def summary(self) -> pd.DataFrame:
        """One row per method: method, unit, total, credits beyond the boundary."""
        return pd.DataFrame({"method": [method_label(m) for m in self.methods],
                             "unit": self.units, "total": self.total,
                             "credits_beyond_boundary": self.credits})

    @functools.cached_property
    def _stages(self) -> np.ndarray:
        return self.grouped(self.table.stage.astype(np.intp), len(STAGE_CODES))[:len(STAGES)]

    def by_stage(self) -> pd.DataFrame:
        return self._frame(self._stages, pd.Index(STAGES, name="stage"))

    def _group(self, column: str, mask=None) -> pd.DataFrame:
        keep = self._in_total if mask is None else (self._in_total & mask)
        codes = getattr(self.table, column).astype(np.intp)
        kept = codes[keep]
        first = np.full(codes.max() + 1 if len(codes) else 1, len(kept), dtype=np.intp)
        first[kept[::-1]] = np.arange(len(kept) - 1, -1, -1)  # the last write is the first
        present = np.flatnonzero(first < len(kept))
        present = present[np.argsort(first[present], kind="stable")]  # in order of appearance
        slot = np.full(len(first), -1, dtype=np.intp)
        slot[present] = np.arange(len(present))
        values = self.grouped(slot[codes], len(present), keep)
        name = {"dataset": "datasets", "material": "materials"}[column]
        labels = getattr(self.table.vocab, name).array()[present]
        return self._frame(values, pd.Index(labels, name=column, dtype=object))

    def by_dataset(self) -> pd.DataFrame:
        return self._group("dataset")

    def by_material(self) -> pd.DataFrame:
        """Lines that belong to a material (its production, recycling, transport, end of life)."""
        return self._group("material", self.table.material != 0)

    def by_process(self) -> pd.DataFrame:
        return self._group("dataset", self.table.codes_matching("kind",
                                                                lambda k: "process" in k))

    @functools.cached_property
    def _tree(self) -> TreeIndex:
        return tree_index(self.model)

    def part_rows(self) -> np.ndarray:
        """Per line: the position of its part in ``model.tree`` (-1: the product's own)."""
        return self._tree.positions(self.table)

    def part_scores(self, j: int | None = None, rollup: bool = True) -> np.ndarray:
        """Scores of every node of ``model.tree`` (in its order) for method ``j``, or
        nodes x methods when ``j`` is None; ``rollup``: assemblies include their children."""
        rows = self.part_rows()
        keep = self._in_total & (rows >= 0)
        n = len(self._tree.ids)
        if j is None:
            values = self.grouped(rows, n, keep)
        else:
            values = np.bincount(rows[keep], weights=self.line_scores(j)[keep], minlength=n)
        if rollup:
            self._tree.rollup(values)
        return values

    def by_part(self, rollup: bool = True) -> pd.DataFrame:
        """Score of every part and assembly (``rollup``: assemblies include their children)."""
        index, names, parents, depth = self._tree.frame_columns
        frame = self._frame(self.part_scores(None, rollup), index)
        frame.insert(0, "name", names)
        frame.insert(1, "parent", parents)
        frame.insert(2, "depth", depth)
        return frame

    def demand(self, include_credits: bool = False) -> np.ndarray:
        """Summed demand on every background dataset (column order of the background)."""
        keep = slice(None) if include_credits else self._in_total
        return np.bincount(self.cols[keep], weights=self.table.amount[keep],
                           minlength=len(self.bg.codes))

    def lci(self) -> pd.DataFrame:
        """Life cycle inventory: every elementary flow of the product system (total only)."""
        amounts = self.bg.G @ self.demand()
        frame = pd.DataFrame(self.bg.flows, columns=["code", "flow", "compartment", "unit"])
        frame["amount"] = amounts
        return frame[frame["amount"] != 0].reset_index(drop=True)

    def by_flow(self, method: tuple[str, ...] | None = None) -> pd.DataFrame:
        """Characterised contribution of every elementary flow to one method."""
        method = tuple(method or self.methods[0])
        factors = characterisation_factors(self.bg, method)
        frame = self.lci()
        frame["factor"] = frame["code"].map(factors).fillna(0.0)
        frame["score"] = frame["amount"] * frame["factor"]
        frame = frame[frame["score"] != 0].sort_values("score", key=np.abs, ascending=False)
        return frame.reset_index(drop=True)

    def ghg_only_notes(self) -> pd.DataFrame:
        """Datasets of this result that rest on GHG-only data, with their share of GWP100."""
        rows = []
        datasets = pd.unique(self.table.strings("dataset")[self._in_total])
        gwp = None
        if GWP100 in self.methods:
            gwp = self.by_dataset()[method_label(GWP100)]
        total = float(self.total[self.methods.index(GWP100)]) if gwp is not None else 0.0
        for code in datasets:
            sources = self.bg.ghg_only.get(code, ())
            if sources:
                share = float(gwp.get(code, 0.0) / total) if gwp is not None and total else None
                rows.append({"dataset": code, "ghg_only_sources": ", ".join(sources),
                             "fully_ghg_only": self.bg.provenance[code]["ghg_only"],
                             "share_of_gwp100": share})
        return pd.DataFrame(rows, columns=["dataset", "ghg_only_sources", "fully_ghg_only",
                                           "share_of_gwp100"])

    def to_json(self) -> dict:
        stages = self.by_stage()
        results = []
        for i, method in enumerate(self.methods):
            col = method_label(method)
            results.append({
                "method": list(method), "unit": self.units[i], "total": float(self.total[i]),
                "by_stage": {s: float(stages.loc[s, col]) for s in STAGES},
                "credits_beyond_boundary": float(self.credits[i]),
                "per_year": float(self.total[i] / self.service_life_years),
            })
        notes = self.ghg_only_notes()
        return {
            "product": self.product, "variant": self.variant,
            "functional_unit": self.functional_unit,
            "service_life_years": self.service_life_years,
            "system_boundary": "cradle to grave; cut-off for recycled content and recycling; "
                               "credits beyond the system boundary (EN 15804 module D) "
                               "reported separately and not included in the total",
            "results": results,
            "ghg_only_datasets": notes.to_dict(orient="records"),
            "warnings": [str(w) for w in self.model.warnings],
            "data_gaps": [{"part_id": g.part_id, "part": g.part_name, "field": g.field,
                           "code": g.code, "mass_kg": g.mass_kg, "reason": g.reason}
                          for g in self.model.gaps],
            "excluded_mass_share": self.model.excluded_mass_share,
            "primary_data_share": self.primary_data_share,
            "supplier_data": self.supplier_data(),
            "data_version": self.bg.data_version,
        }


def characterisation_factors(bg: Background, method: tuple[str, ...]) -> dict[str, float]:
    """Biosphere code -> characterisation factor of ``method`` (from Brightway)."""
    return _cf_cache(bg.data_version, tuple(method))


def _cf_cache(version: str, method: tuple[str, ...], _memo={}) -> dict[str, float]:  # noqa: B006
    key = (version, method)
    if key not in _memo:
        bd = open_inventory()
        factors = {}
        for flow_key, cf in bd.Method(method).load():
            node = bd.get_node(id=flow_key) if isinstance(flow_key, int) else bd.get_node(
                database=flow_key[0], code=flow_key[1])
            factors[node["code"]] = float(cf if not isinstance(cf, dict) else cf["amount"])
        _memo[key] = factors
    return _memo[key]


def product_user_refs(product: Product) -> set[str]:
    """Every user-database reference of ``product`` (materials, processes, consumables)."""
    refs = set()
    for node, *_rest in walk(product.bom):
        if isinstance(node, Part):
            refs.add(node.material)
        refs.update(use.dataset for use in node.processes)
    refs.update(item.material for item in product.scenario.use.consumables)
    return {ref for ref in refs if ref.startswith(REF_PREFIX)}


def assess(product: Product, methods=None, variant: str = "baseline",
           background: Background | None = None, model: LifecycleModel | None = None,
           allow_gaps: bool = False) -> Result:
    """Cradle-to-grave results of ``product`` for ``methods`` (default set when None).

    ``allow_gaps``: leave out (and report) materials and processes that have no
    inventory data instead of raising; see :func:`build_model`.
    """
    model = model or build_model(product, allow_gaps=allow_gaps)
    with gc_paused():
        table = LineTable.from_lines(model.lines)
    return result_of(product, model, table, methods, background, variant)


def result_of(product: Product, model: LifecycleModel, table: LineTable, methods=None,
              background: Background | None = None, variant: str = "baseline",
              declares: bool = True) -> Result:
    """The :class:`Result` of ``model`` (its lines as ``table``) for ``methods``.

    ``declares=False`` says the product has no supplier data (the live model knows).
    """
    bg = background or load_background()
    methods = [tuple(m) for m in (methods or default_methods(bg))]
    rows = bg.rows_for(methods)
    pending = sorted(code for code in table.vocab.datasets.values
                     if code not in bg.column and code.startswith(REF_PREFIX))
    if pending:  # user datasets not solved yet: solve them (once; cached on disk)
        bg = load_background(extra=pending)
    cols = dataset_columns(table, bg.column)
    declared = declared_overlay(product, model, methods, bg.methods) if declares else None
    return Result(product.name, variant, product.functional_unit, product.service_life_years,
                  methods, [bg.method_units[r] for r in rows], model, table, cols, bg.H[rows],
                  bg, declared)


def dataset_columns(table: LineTable, column: dict[str, int]) -> np.ndarray:
    """The background column of every line of ``table``; EngineError names the datasets the
    installed inventory lacks."""
    codes = table.vocab.datasets.values
    lookup = np.fromiter((column.get(code, -1) for code in codes), np.intp, len(codes))
    cols = lookup[table.dataset]
    if len(cols) and cols.min() < 0:
        missing = sorted({codes[i] for i in np.unique(table.dataset) if lookup[i] < 0})
        raise EngineError(_("The installed inventory lacks dataset(s): {codes}.").format(
            codes=", ".join(missing)),
            hint=_("Let the inventory set-up finish or run 'greendesign-cli setup'."))
    return cols
