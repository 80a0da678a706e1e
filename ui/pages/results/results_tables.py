"""The rows of the Results page's tables by part and by material.

The part table keeps the BOM's tree order (names indented by depth) with each
node's own score, its score with everything below it (rolled up) and that
rolled-up score's share of the total. The material table names each material
in the interface language. Both are made from groupings the page computes once
per result (and reuses for the Pareto chart).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from greendesign.lca.engine import GWP100
from greendesign.lca.lifecycle import STAGES
from greendesign.lca.tree_index import tree_index

INDENT = "\u2003"
"""One level of the part tree in the name column."""


def part_frame(own: pd.DataFrame, column: str, total: float) -> pd.DataFrame:
    """Rows of the table by part from ``Result.by_part(rollup=False)``.

    Parameters
    ----------
    own
        Each node's own score (index: part id, in tree order; ``name``,
        ``parent`` and ``depth`` columns).
    column
        The method's column.
    total
        The method's total (the shares' denominator).
    """
    values = own[column].to_numpy(dtype=float)
    rolled = values.copy()
    ids = own.index.tolist()
    pos = {pid: i for i, pid in enumerate(ids)}
    parents = own["parent"].tolist()
    for i in range(len(ids) - 1, -1, -1):  # children come after their parent
        parent = parents[i]
        if parent:
            rolled[pos[parent]] += rolled[i]
    depth = own["depth"].to_numpy()
    names = own["name"].tolist()
    return pd.DataFrame({
        "label": [INDENT * int(d) + str(n) for d, n in zip(depth, names, strict=True)],
        "part_id": ids, "depth": depth, "own": values, "rolled": rolled,
        "share": rolled / total * 100.0 if total else np.zeros(len(ids))})


def material_frame(scores: pd.Series, total: float, name_of) -> pd.DataFrame:
    """Rows of the table by material from one column of ``Result.by_material()``;
    ``name_of(code)`` names a material in the interface language."""
    codes = [str(code) for code in scores.index]
    values = scores.to_numpy(dtype=float)
    return pd.DataFrame({
        "name": [name_of(code) for code in codes], "code": codes, "score": values,
        "share": values / total * 100.0 if total else np.zeros(len(codes))})


def in_total(result) -> np.ndarray:
    """Which lines of ``result`` count in its total (all but the credits beyond it)."""
    return result.table.in_total


def part_scores(result, j: int, counted: np.ndarray | None = None) -> pd.DataFrame:
    """``Result.by_part(rollup=False)`` for method ``j`` alone (column ``score``).

    One method instead of all of them: a fraction of the cost, the same sums.
    """
    tree = tree_index(result.model)
    index, _names, parents, depth = tree.frame_columns
    return pd.DataFrame({"name": tree.display_names(result.model.names_zh),
                         "parent": parents.to_numpy(), "depth": depth,
                         "score": result.part_scores(j, rollup=False)}, index=index)


def ghg_only_share(result, counted: np.ndarray, totals: np.ndarray) -> tuple[list[str], float]:
    """The datasets of ``result`` that rest on greenhouse-gas-only data only (in order of
    first use) and their summed share of GWP100, as ``Result.ghg_only_notes()`` flags them
    ``fully_ghg_only``. A dataset with only part of its inputs GHG-only (a grid with its
    renewable share, a composite with one such component) covers the other categories
    for the rest and is not counted."""
    table = result.table
    vocab = table.vocab.datasets.values
    used = pd.unique(table.dataset[counted])  # dataset codes in order of first use
    flagged = [k for k in used if result.bg.ghg_only.get(vocab[k])
               and result.bg.provenance.get(vocab[k], {}).get("ghg_only", True)]
    codes = [vocab[k] for k in flagged]
    if not codes or GWP100 not in result.methods:
        return codes, 0.0
    j = result.methods.index(GWP100)
    total = float(totals[j])
    if not total:
        return codes, 0.0
    mask = counted & np.isin(table.dataset, flagged)
    return codes, float(result.line_scores(j)[mask].sum()) / total


def stage_series(result, j: int, group_of) -> dict[str, list[float]]:
    """Scores of method ``j`` by group of line kinds (``group_of(kind)``), one value per
    life cycle stage, the groups in order of first appearance."""
    table = result.table
    kind_index, kinds = pd.factorize(table.kind)  # kind codes in order of first appearance
    names = [group_of(table.vocab.kinds.values[kind]) for kind in kinds]
    order = list(dict.fromkeys(names))
    group_index = np.array([order.index(name) for name in names], dtype=np.intp)[kind_index]
    stages = table.stage.astype(np.intp)
    keep = stages < len(STAGES)  # not the credits
    cells = np.bincount(group_index[keep] * len(STAGES) + stages[keep],
                        weights=result.line_scores(j)[keep], minlength=len(order) * len(STAGES))
    cells = cells.reshape(len(order), len(STAGES))
    return {name: [float(v) for v in cells[g]] for g, name in enumerate(order)}
