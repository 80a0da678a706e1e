"""The lifecycle model and results of a product kept up to date edit by edit.

:class:`LiveModel` holds the lines of each BOM node apart (a *block*: the node's
manufacturing and, for a part, its raw materials, end of life and credits,
built by the same builder methods as :func:`~greendesign.lca.lifecycle.build_model`)
and the lines of the product as a whole (factory electricity, distribution and
use) as a last block. An edit of some nodes rebuilds their blocks, their
sub-trees' blocks (their units per product may change) and the blocks of the
ancestors whose processes are measured by mass; the product's mass is the sum
of an array of part masses, so the distribution and end-of-life transport
follow without a walk of the BOM. The line table
(:class:`~greendesign.lca.line_table.LineTable`) is spliced where the blocks
changed; everything else is shared with the previous state.

:class:`LiveAssessment` turns each state into a :class:`~greendesign.lca.engine.Result`
for a set of methods. The model and the results equal those of a full rebuild:
the lines are the same in the same order (``tests/test_live.py`` applies random
edit sequences and compares every grouping to 1e-12).

Anything an edit of node fields cannot describe (nodes added, removed or moved,
another product, the scenario) is a full rebuild: pass ``changed=None``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import chain

import numpy as np

from greendesign.errors import Problem
from greendesign.inventory.user_registry import REF_PREFIX
from greendesign.lca.lifecycle import (
    Gap,
    Inventory,
    LifecycleModel,
    Line,
    _ModelBuilder,
    default_inventory,
    gc_paused,
)
from greendesign.lca.line_table import LineTable, Vocabularies
from greendesign.lca.tree_index import TreeIndex
from greendesign.model import Assembly, Part, Product, walk

_NONE: tuple = ()


@dataclass(frozen=True, eq=False)
class _Block:
    """The lines of one node (or of the product as a whole) and what building them noted."""

    lines: list[Line]
    warnings: Sequence[Problem] = _NONE
    gaps: Sequence[Gap] = _NONE
    problems: Sequence[Problem] = _NONE
    eol_mix: dict | None = None
    eol_fixed: frozenset[str] = frozenset()
    declares: bool = False

    @property
    def noted(self) -> bool:
        return bool(self.warnings or self.gaps or self.problems)


class _Lines(Sequence):
    """``model.lines`` of a live state: the blocks' lines in order, joined on first use."""

    def __init__(self, blocks: list[_Block], count: int) -> None:
        self._blocks, self._count, self._joined = blocks, count, None

    def _all(self) -> list[Line]:
        if self._joined is None:
            self._joined = list(chain.from_iterable(b.lines for b in self._blocks))
        return self._joined

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self._all()[index]

    def __iter__(self) -> Iterator[Line]:
        return iter(self._all())

    def __eq__(self, other) -> bool:
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class LiveModel:
    """The lifecycle model of ``product``, rebuilt only where an edit touched it."""

    def __init__(self, product: Product, inventory: Inventory | None = None,
                 allow_gaps: bool = False) -> None:
        self.inventory = inventory or default_inventory()
        self.allow_gaps = allow_gaps
        self.vocab = Vocabularies.new()
        self.rebuild(product)

    # --- a full build ------------------------------------------------------------------
    def rebuild(self, product: Product) -> LifecycleModel:
        """Build every block of ``product`` again (a new product, or any change)."""
        with gc_paused():
            return self._rebuild(product)

    def _rebuild(self, product: Product) -> LifecycleModel:
        self.product = product
        self.nodes: list[Part | Assembly] = []
        self.ids: list[str] = []
        self.counts: list[float] = []
        parent_pos: list[int] = []
        depth: list[int] = []
        self.pos: dict[str, int] = {}
        self.tree: dict[str, tuple[str, str, int]] = {}
        self.names_zh: dict[str, str] = {}
        for node, count, level, parent in walk(product.bom):
            self.pos[node.id] = len(self.nodes)
            self.nodes.append(node)
            self.ids.append(node.id)
            self.counts.append(count)
            parent_pos.append(self.pos[parent.id] if parent is not None else -1)
            depth.append(level)
            self.tree[node.id] = (node.name, parent.id if parent is not None else "", level)
            if node.name_zh:
                self.names_zh[node.id] = node.name_zh
        n = len(self.nodes)
        self.parent_pos = np.array(parent_pos, dtype=np.intp)
        self.size = _subtree_sizes(self.parent_pos)
        self.part_mass = np.array([node.mass_kg * count if isinstance(node, Part) else 0.0
                                   for node, count in zip(self.nodes, self.counts,
                                                          strict=True)], dtype=float)
        self.tree_index = TreeIndex.of(self.tree)
        builder = self._builder()
        self.blocks = [self._block(builder, builder.node_lines(node, count), node)
                       for node, count in zip(self.nodes, self.counts, strict=True)]
        self.blocks.append(_Block([]))  # the product's own lines: built below
        lengths = np.fromiter((len(b.lines) for b in self.blocks), np.int64, n + 1)
        self.offsets = np.concatenate([[0], np.cumsum(lengths)])
        self.table = LineTable.from_lines(
            list(chain.from_iterable(b.lines for b in self.blocks)), self.vocab)
        self._noted = {i for i, b in enumerate(self.blocks) if b.noted}
        self._declaring = {i for i, b in enumerate(self.blocks) if b.declares}
        self._fixed = {i for i, b in enumerate(self.blocks) if b.eol_fixed}
        self._eol = _EolMixes()
        for i, block in enumerate(self.blocks):
            self._eol.move(i, None, block.eol_mix)
        pieces: list = []
        self._replace_block(n, self._product_block(), pieces)
        self._splice(pieces)
        self.model = self._snapshot()
        return self.model

    # --- an edit -----------------------------------------------------------------------
    def update(self, product: Product, changed: Iterable[str] | None = None) -> LifecycleModel:
        """The model after the fields of the nodes ``changed`` (ids) were edited in place.

        A full rebuild when ``changed`` is None, ``product`` is another object, or the
        tree no longer has the shape it had (an id changed, nodes were added or removed).
        """
        if changed is None or product is not self.product:
            return self.rebuild(product)
        changed = set(changed)
        if not changed or not self._same_shape(changed):
            return self.rebuild(product)
        dirty = self._dirty(changed)
        self.blocks = list(self.blocks)  # the previous state keeps its own list
        self._update_tree(changed)
        self._update_counts(sorted(changed, key=self.pos.__getitem__))
        builder = self._builder()
        pieces: list = []
        for i in dirty:
            node = self.nodes[i]
            self._replace_block(i, self._block(builder, builder.node_lines(node, self.counts[i]),
                                               node), pieces)
        self._splice(pieces)
        pieces = []
        self._replace_block(len(self.nodes), self._product_block(), pieces)
        self._splice(pieces)
        self.model = self._snapshot()
        return self.model

    def _same_shape(self, changed: set[str]) -> bool:
        """Whether each changed node is where it was, with the same nodes below it."""
        for node_id in changed:
            i = self.pos.get(node_id)
            if i is None or self.nodes[i].id != node_id:
                return False
            node = self.nodes[i]
            if isinstance(node, Assembly):
                below = [n for n, *_rest in walk(node.children)]
                inside = self.nodes[i + 1:i + int(self.size[i])]
                if len(below) != len(inside) or any(
                        a is not b for a, b in zip(below, inside, strict=True)):
                    return False
        return True

    def _dirty(self, changed: set[str]) -> list[int]:
        """Positions of the blocks to build again: each changed node's sub-tree and its
        ancestors with a process measured by mass."""
        dirty: set[int] = set()
        for node_id in changed:
            i = self.pos[node_id]
            dirty.update(range(i, i + int(self.size[i])))
            a = int(self.parent_pos[i])
            while a >= 0:
                if any(use.amount is None for use in self.nodes[a].processes):
                    dirty.add(a)
                a = int(self.parent_pos[a])
        return sorted(dirty)

    def _update_counts(self, changed: list[str]) -> None:
        for node_id in changed:
            i = self.pos[node_id]
            parent = int(self.parent_pos[i])
            count = (self.counts[parent] if parent >= 0 else 1.0) * self.nodes[i].quantity
            self.counts[i] = count
            if isinstance(self.nodes[i], Assembly):
                for k, (_node, n, *_rest) in enumerate(walk(self.nodes[i].children, count),
                                                       i + 1):
                    self.counts[k] = n
            for k in range(i, i + int(self.size[i])):
                node = self.nodes[k]
                self.part_mass[k] = node.mass_kg * self.counts[k] if isinstance(node, Part) \
                    else 0.0

    def _update_tree(self, changed: set[str]) -> None:
        """Names shown for the changed nodes (a copy of the tree when one changed)."""
        renamed = [c for c in changed if self.tree[c][0] != self.nodes[self.pos[c]].name
                   or self.names_zh.get(c, "") != (self.nodes[self.pos[c]].name_zh or "")]
        if not renamed:
            return
        self.tree, self.names_zh = dict(self.tree), dict(self.names_zh)
        names = list(self.tree_index.names)
        for node_id in renamed:
            node = self.nodes[self.pos[node_id]]
            self.tree[node_id] = (node.name, *self.tree[node_id][1:])
            names[self.pos[node_id]] = node.name
            if node.name_zh:
                self.names_zh[node_id] = node.name_zh
            else:
                self.names_zh.pop(node_id, None)
        self.tree_index = replace(self.tree_index, names=names)

    def _replace_block(self, i: int, block: _Block, pieces: list) -> None:
        old = self.blocks[i]
        for flags, on in ((self._noted, block.noted), (self._declaring, block.declares),
                          (self._fixed, bool(block.eol_fixed))):
            (flags.add if on else flags.discard)(i)
        self._eol.move(i, old.eol_mix, block.eol_mix)
        self.blocks[i] = block
        pieces.append((i, len(old.lines), block))

    def _splice(self, pieces: list[tuple[int, int, _Block]]) -> None:
        offsets = self.offsets
        self.table = self.table.splice([
            (int(offsets[i]), int(offsets[i]) + old, LineTable.from_lines(b.lines, self.vocab))
            for i, old, b in pieces])
        grown = [(i, len(b.lines) - old) for i, old, b in pieces if len(b.lines) != old]
        if grown:
            offsets = offsets.copy()
            for i, delta in grown:
                offsets[i + 1:] += delta
            self.offsets = offsets

    # --- building blocks ---------------------------------------------------------------
    def _builder(self) -> _ModelBuilder:
        mass = float(self.part_mass.sum()) if len(self.part_mass) else 0.0
        return _ModelBuilder(self.product, self.inventory, self.allow_gaps, product_mass_kg=mass,
                             find=self._find, node_mass=self._node_mass)

    def _find(self, node_id: str) -> Part | Assembly:
        if node_id not in self.pos:
            raise KeyError(f"no part or assembly with id {node_id!r} in {self.product.name!r}")
        return self.nodes[self.pos[node_id]]

    def _node_mass(self, node: Part | Assembly) -> float:
        """Mass of one unit of ``node``: a part's own, an assembly's from the part masses."""
        if isinstance(node, Part):
            return node.mass_kg
        i = self.pos[node.id]
        return float(self.part_mass[i:i + int(self.size[i])].sum()) / self.counts[i]

    def _block(self, builder: _ModelBuilder, lines: list[Line], node=None) -> _Block:
        """The block of ``lines`` with what the builder noted while making them (then
        forgotten, so the next block starts clean)."""
        model = builder.model
        declares = isinstance(node, Part) and (
            node.declared is not None or node.material in self.product.supplier_data)
        if not (model.warnings or model.gaps or builder.problems or model.eol_mix
                or model.eol_fixed or declares):
            return _Block(lines)
        block = _Block(lines, model.warnings or _NONE, model.gaps or _NONE,
                       builder.problems or _NONE, model.eol_mix or None,
                       frozenset(model.eol_fixed), declares)
        model.warnings, model.gaps, model.eol_mix, model.eol_fixed = [], [], {}, set()
        builder.problems = []
        return block

    def _product_block(self) -> _Block:
        """The product's own lines; its gaps leave out what the nodes reported already,
        and it notes the datasets of any line the inventory does not know."""
        builder = self._builder()
        builder._seen_gaps = {(g.part_id, g.field, g.code)  # noqa: SLF001 - same builder
                              for i in sorted(self._noted) if i < len(self.nodes)
                              for g in self.blocks[i].gaps}
        lines = builder.product_lines()
        builder.check_datasets(lines + self._unknown_node_lines())
        return self._block(builder, lines)

    def _unknown_node_lines(self) -> list[Line]:
        """One line for each dataset the nodes' lines use that the inventory does not know
        (checked on the vocabulary and the table, not line by line)."""
        known, values = self.inventory.units, self.vocab.datasets.values
        unknown = [k for k, code in enumerate(values) if code not in known]
        if not unknown:
            return []
        nodes = self.table.dataset[:int(self.offsets[len(self.nodes)])]
        used = np.unique(nodes[np.isin(nodes, unknown)])
        return [Line("", values[k], 0.0) for k in used]

    # --- the state as a model ----------------------------------------------------------
    def _snapshot(self) -> LifecycleModel:
        product, blocks = self.product, self.blocks
        noted = [blocks[i] for i in sorted(self._noted)]
        fixed = set(chain.from_iterable(blocks[i].eol_fixed for i in sorted(self._fixed)))
        model = LifecycleModel(
            product.name, product.functional_unit, product.service_life_years,
            product.scenario.end_of_life.region, lines=_Lines(blocks, len(self.table)),
            tree=self.tree, names_zh=self.names_zh,
            warnings=[w for b in noted for w in b.warnings], eol_mix=self._eol.mix(),
            eol_fixed=fixed, gaps=[g for b in noted for g in b.gaps],
            product_mass_kg=float(self.part_mass.sum()) if len(self.part_mass) else 0.0)
        model.__dict__["_tree_index"] = self.tree_index
        problems = [p for b in noted for p in b.problems]
        if problems:
            self._builder().raise_problems(problems)
        return model

    @property
    def declares(self) -> bool:
        """Whether any supplier data may apply (a part's own value or a material's)."""
        return bool(self._declaring or self.product.supplier_data)


class _EolMixes:
    """The regional end-of-life mix of each material, in the order a full build meets
    the materials (by the first block that uses each)."""

    def __init__(self) -> None:
        self.where: dict[str, set[int]] = {}
        self.first: dict[str, int] = {}
        self.value: dict[str, tuple] = {}

    def move(self, i: int, old: dict | None, new: dict | None) -> None:
        """Block ``i`` used the mixes ``old`` and now uses ``new``."""
        for material in old or ():
            where = self.where[material]
            where.discard(i)
            if not where:
                del self.where[material], self.first[material], self.value[material]
            elif self.first[material] == i:
                self.first[material] = min(where)
        for material, mix in (new or {}).items():
            self.where.setdefault(material, set()).add(i)
            if i <= self.first.get(material, i):
                self.first[material] = i
                self.value[material] = mix

    def mix(self) -> dict:
        return {m: self.value[m] for m in sorted(self.first, key=self.first.__getitem__)}


def _subtree_sizes(parent_pos: np.ndarray) -> np.ndarray:
    """Nodes in each node's sub-tree, itself included (depth-first order: a sub-tree is
    the node and the ``size - 1`` positions after it)."""
    size = np.ones(len(parent_pos), dtype=np.intp)
    for i in range(len(parent_pos) - 1, -1, -1):
        if parent_pos[i] >= 0:
            size[parent_pos[i]] += size[i]
    return size


class LiveAssessment:
    """The :class:`~greendesign.lca.engine.Result` of a product, kept up to date edit by edit.

    ``update(product, changed)`` takes the ids of the nodes whose fields were edited in place
    (None: anything may have changed) and returns the new result; the previous results stay
    as they were.
    """

    def __init__(self, product: Product, methods=None, background=None,
                 variant: str = "baseline", allow_gaps: bool = False,
                 inventory: Inventory | None = None) -> None:
        self.methods, self.background, self.variant = methods, background, variant
        self.live = LiveModel(product, inventory, allow_gaps)

    @property
    def result(self):
        """The result of the current state."""
        from greendesign.lca.engine import result_of  # deferred: the engine loads pandas

        live = self.live
        return result_of(live.product, live.model, live.table, self.methods, self.background,
                         self.variant, declares=live.declares)

    def pending_user_datasets(self) -> list[str]:
        """User-database datasets the lines use that the background has not solved yet."""
        column = self.background.column
        return sorted(code for code in self.live.vocab.datasets.values
                      if code.startswith(REF_PREFIX) and code not in column)

    def update(self, product: Product, changed: Iterable[str] | None = None,
               variant: str | None = None):
        """The result after an edit of the nodes ``changed`` (see :meth:`LiveModel.update`)."""
        if variant is not None and variant != self.variant:
            self.variant, changed = variant, None
        self.live.update(product, changed)
        return self.result
