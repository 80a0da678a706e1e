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
from greendesign.lca.declared import DeclaredOverlay, apply_declared, primary_data_share
from greendesign.lca.declared import supplier_data_json as _supplier_data_json
from greendesign.lca.lifecycle import CREDIT, STAGES, LifecycleModel, build_model
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
    """A product's results for a set of methods (one row of ``scores`` per model line)."""

    product: str
    variant: str
    functional_unit: str
    service_life_years: float
    methods: list[tuple[str, ...]]
    units: list[str]
    model: LifecycleModel
    scores: np.ndarray           # lines x methods, in the order of model.lines
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
        return lines_frame(self.model)

    @functools.cached_property
    def _in_total(self) -> np.ndarray:
        return np.fromiter((line.stage != CREDIT for line in self.model.lines), dtype=bool,
                           count=len(self.model.lines))

    @property
    def total(self) -> np.ndarray:
        return self.scores[self._in_total].sum(axis=0)

    @property
    def credits(self) -> np.ndarray:
        return self.scores[~self._in_total].sum(axis=0)

    def _frame(self, values: np.ndarray, index) -> pd.DataFrame:
        return pd.DataFrame(values, index=index,
                            columns=[method_label(m) for m in self.methods])

    def summary(self) -> pd.DataFrame:
        """One row per method: method, unit, total, credits beyond the boundary."""
        return pd.DataFrame({"method": [method_label(m) for m in self.methods],
                             "unit": self.units, "total": self.total,
                             "credits_beyond_boundary": self.credits})

    def by_stage(self) -> pd.DataFrame:
        stages = self.lines["stage"].to_numpy()
        values = np.array([self.scores[stages == s].sum(axis=0) for s in STAGES])
        return self._frame(values, pd.Index(STAGES, name="stage"))

    def _group(self, column: str, mask=None) -> pd.DataFrame:
        keep = self._in_total if mask is None else (self._in_total & mask)
        keys = self.lines[column].to_numpy()[keep]
        frame = pd.DataFrame(self.scores[keep], columns=[method_label(m) for m in self.methods])
        frame[column] = keys
        return frame.groupby(column, sort=False).sum()

    def by_dataset(self) -> pd.DataFrame:
        return self._group("dataset")

    def by_material(self) -> pd.DataFrame:
        """Lines that belong to a material (its production, recycling, transport, end of life)."""
        return self._group("material", (self.lines["material"] != "").to_numpy())

    def by_process(self) -> pd.DataFrame:
        mask = self.lines["kind"].str.contains("process").to_numpy()
        return self._group("dataset", mask)

    def by_part(self, rollup: bool = True) -> pd.DataFrame:
        """Score of every part and assembly (``rollup``: assemblies include their children)."""
        tree = self.model.tree
        index = list(tree)
        pos = {pid: i for i, pid in enumerate(index)}
        values = np.zeros((len(index), len(self.methods)))
        rows = np.fromiter((pos.get(line.part_id, -1) for line in self.model.lines),
                           dtype=np.intp, count=len(self.model.lines))
        keep = self._in_total & (rows >= 0)
        np.add.at(values, rows[keep], self.scores[keep])
        if rollup:  # children come after their parent in the tree: add up from the bottom
            for pid in reversed(index):
                parent = tree[pid][1]
                if parent:
                    values[pos[parent]] += values[pos[pid]]
        frame = self._frame(values, pd.Index(index, name="part_id"))
        frame.insert(0, "name", [tree[p][0] for p in index])
        frame.insert(1, "parent", [tree[p][1] for p in index])
        frame.insert(2, "depth", [tree[p][2] for p in index])
        return frame

    def demand(self, include_credits: bool = False) -> np.ndarray:
        """Summed demand on every background dataset (column order of the background)."""
        d = np.zeros(len(self.bg.codes))
        keep = np.ones(len(self.lines), bool) if include_credits else self._in_total
        cols = self.lines["dataset"].map(self.bg.column).to_numpy()[keep]
        np.add.at(d, cols, self.lines["amount"].to_numpy()[keep])
        return d

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
        datasets = self.lines.loc[self._in_total, "dataset"].unique()
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


LINE_COLUMNS = ["stage", "dataset", "amount", "part_id", "material", "kind"]


def missing_user_datasets(model: LifecycleModel, bg: Background) -> list[str]:
    """User-database references of ``model`` that ``bg`` has no column for yet."""
    column = bg.column
    return sorted({line.dataset for line in model.lines
                   if line.dataset not in column and line.dataset.startswith(REF_PREFIX)})


def product_user_refs(product: Product) -> set[str]:
    """Every user-database reference of ``product`` (materials, processes, consumables)."""
    refs = set()
    for node, *_rest in walk(product.bom):
        if isinstance(node, Part):
            refs.add(node.material)
        refs.update(use.dataset for use in node.processes)
    refs.update(item.material for item in product.scenario.use.consumables)
    return {ref for ref in refs if ref.startswith(REF_PREFIX)}


def lines_frame(model: LifecycleModel) -> pd.DataFrame:
    return pd.DataFrame.from_records(model.lines, columns=LINE_COLUMNS)


def assess(product: Product, methods=None, variant: str = "baseline",
           background: Background | None = None, model: LifecycleModel | None = None,
           allow_gaps: bool = False) -> Result:
    """Cradle-to-grave results of ``product`` for ``methods`` (default set when None).

    ``allow_gaps``: leave out (and report) materials and processes that have no
    inventory data instead of raising; see :func:`build_model`.
    """
    bg = background or load_background()
    methods = [tuple(m) for m in (methods or default_methods(bg))]
    rows = bg.rows_for(methods)
    model = model or build_model(product, allow_gaps=allow_gaps)
    column = bg.column
    pending = missing_user_datasets(model, bg)
    if pending:  # user datasets not solved yet: solve them (once; cached on disk)
        bg = load_background(extra=pending)
        column = bg.column
    try:
        cols = np.fromiter((column[line.dataset] for line in model.lines), dtype=np.intp,
                           count=len(model.lines))
    except KeyError:
        missing = sorted({line.dataset for line in model.lines} - set(column))
        raise EngineError(_("The installed inventory lacks dataset(s): {codes}.").format(
            codes=", ".join(missing)),
            hint=_("Let the inventory set-up finish or run 'greendesign-cli setup'.")) from None
    amounts = np.fromiter((line.amount for line in model.lines), dtype=float,
                          count=len(model.lines))
    scores = bg.H[np.ix_(rows, cols)].T * amounts[:, None]   # lines x methods
    declared = apply_declared(product, model, methods, scores, bg.methods)
    return Result(product.name, variant, product.functional_unit, product.service_life_years,
                  methods, [bg.method_units[r] for r in rows], model, scores, bg, declared)
