"""The BOM tree of a lifecycle model as arrays: positions, parents, depths.

Results by part add up the lines of each node and then roll the assemblies up
from their children. With the tree as arrays both are numpy operations, one
per depth level, instead of a Python loop over every node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from greendesign.i18n import current_language, is_chinese
from greendesign.lca.lifecycle import LifecycleModel
from greendesign.lca.line_table import LineTable


@dataclass(eq=False)
class TreeIndex:
    """``model.tree`` in its order: ids, names, parent ids, depths, parent positions."""

    ids: list[str]
    names: list[str]
    parents: list[str]
    depth: np.ndarray
    parent_pos: np.ndarray       # -1: a top-level node
    pos: dict[str, int]
    _lookup: tuple[object, int, np.ndarray] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, tree: dict[str, tuple[str, str, int]]) -> TreeIndex:
        ids = list(tree)
        pos = {pid: i for i, pid in enumerate(ids)}
        names, parents, depths = zip(*tree.values(), strict=True) if tree else ((), (), ())
        parent_pos = np.fromiter((pos.get(p, -1) for p in parents), np.intp, len(ids))
        return cls(ids, list(names), list(parents), np.array(depths, dtype=np.intp),
                   parent_pos, pos)

    def positions(self, table: LineTable) -> np.ndarray:
        """Per line of ``table``: the position of its part (-1: no part of the tree)."""
        parts = table.vocab.parts
        cached = self._lookup
        if cached is None or cached[0] is not parts or cached[1] != len(parts.values):
            lookup = np.fromiter((self.pos.get(p, -1) for p in parts.values), np.intp,
                                 len(parts.values))
            self._lookup = cached = (parts, len(parts.values), lookup)
        return cached[2][table.part]

    def rollup(self, values: np.ndarray) -> None:
        """Add every node's values into its ancestors', in place (deepest level first).

        In depth-first order the nodes of one level come in runs of the same parent, so
        each level is one ``reduceat`` over those runs."""
        for chosen, parents, starts in self._levels:
            values[parents] += np.add.reduceat(values[chosen], starts, axis=0)

    @cached_property
    def _levels(self) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Per depth level, deepest first: its nodes, their parents and where each run of
        the same parent starts."""
        levels = []
        for level in range(int(self.depth.max()) if len(self.ids) else 0, 0, -1):
            chosen = np.flatnonzero(self.depth == level)
            parent = self.parent_pos[chosen]
            starts = np.flatnonzero(np.r_[True, parent[1:] != parent[:-1]])
            levels.append((chosen, parent[starts], starts))
        return levels

    def display_names(self, names_zh: dict[str, str]) -> list[str]:
        """Each node's name in the current language (its Chinese name in Chinese, when it
        has one), made once per language."""
        language = current_language()
        cached = self._display.get(language)
        if cached is None:
            cached = self._display[language] = (
                [names_zh.get(pid) or name for pid, name in zip(self.ids, self.names,
                                                                strict=True)]
                if is_chinese() else list(self.names))
        return cached

    @cached_property
    def _display(self) -> dict[str, list[str]]:
        return {}

    @cached_property
    def frame_columns(self) -> tuple[pd.Index, pd.Series, pd.Series, np.ndarray]:
        """The index (ids) and the name, parent and depth columns of a frame by part."""
        index = pd.Index(self.ids, name="part_id")
        return (index, pd.Series(self.names, index=index), pd.Series(self.parents, index=index),
                self.depth)


def tree_index(model: LifecycleModel) -> TreeIndex:
    """The :class:`TreeIndex` of ``model.tree`` (kept on the model once made)."""
    index = model.__dict__.get("_tree_index")
    if index is None or index.ids.__len__() != len(model.tree):
        index = TreeIndex.of(model.tree)
        model.__dict__["_tree_index"] = index
    return index
