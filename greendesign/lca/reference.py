"""The reference path: each life cycle stage solved by bw2calc on the full technosphere.

Slow (bw2calc loads the databases and factorises the whole technosphere for
every stage), kept to verify the fast path and for an inventory that Brightway
itself computed.

The foreground of each stage is given to ``bw2calc.LCA`` as its demand vector
(background dataset -> amount, float64). It is deliberately not written into a
Brightway database first: Brightway's processed arrays store amounts as
float32 (``bw_processing``), which would round the foreground to about seven
significant digits and hide real differences below 1e-7.
:func:`write_foreground` writes the product as a database of the inventory
project itself, with that rounding (the naive path the benchmarks time); the
foreground it writes is :func:`greendesign.lca.export_lci.foreground`, the one
the export to Activity Browser, Excel and openLCA writes too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from greendesign.inventory.brightway_project import open_inventory, writer_lock
from greendesign.inventory.user_registry import node_key
from greendesign.lca.export_lci import foreground, stage_demands, write_database
from greendesign.lca.lifecycle import CREDIT, STAGES, LifecycleModel, build_model
from greendesign.model import Product


@dataclass(frozen=True)
class ReferenceResult:
    methods: list[tuple[str, ...]]
    by_stage: dict[str, np.ndarray]     # stage -> scores per method
    credits: np.ndarray
    lci: dict[str, float]               # biosphere code -> amount (total, credits excluded)
    solver: str

    @property
    def total(self) -> np.ndarray:
        return sum(self.by_stage[s] for s in STAGES)


def reference_assess(product: Product, methods, model: LifecycleModel | None = None
                     ) -> ReferenceResult:
    import bw2calc  # deferred: loads Brightway

    methods = [tuple(m) for m in methods]
    model = model or build_model(product)
    demand = stage_demands(model)
    bd = open_inventory()
    codes = {code for stage in demand.values() for code in stage}
    nodes = {code: bd.get_node(database=node_key(code)[0], code=node_key(code)[1])
             for code in codes}
    by_stage = {}
    lci: dict[str, float] = defaultdict(float)
    solver = ""
    for stage in (*STAGES, CREDIT):
        wanted = {nodes[code]: amount for code, amount in demand.get(stage, {}).items()
                  if amount}
        if not wanted:
            by_stage[stage] = np.zeros(len(methods))
            continue
        lca = bw2calc.LCA(wanted, method=methods[0])
        lca.lci()
        solver = type(lca).__name__ + " / " + getattr(lca, "solver", None).__class__.__name__
        if stage != CREDIT:
            amounts = np.asarray(lca.inventory.sum(axis=1)).ravel()
            lca.remap_inventory_dicts()
            for key, row in lca.dicts.biosphere.items():
                if amounts[row]:
                    lci[key[1]] += float(amounts[row])
        scores = []
        for method in methods:
            lca.switch_method(method)
            lca.lcia()
            scores.append(float(lca.score))
        by_stage[stage] = np.array(scores)
    credits = by_stage.pop(CREDIT)
    return ReferenceResult(methods, by_stage, credits, dict(lci), solver)


def write_foreground(product: Product, database: str, model: LifecycleModel | None = None
                     ) -> int:
    """Write the product as the database ``database`` of the inventory project (one
    activity per stage, the credits, and the product).

    Amounts are stored at Brightway's float32 precision. Returns the number of
    activities written.
    """
    fg = foreground(product, model=model or build_model(product), database=database)
    with writer_lock():
        return write_database(open_inventory(), fg)
