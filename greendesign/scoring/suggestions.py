"""Improvement suggestions: design changes ranked by their effect on the green design index.

:func:`suggest_improvements` lists candidate changes to a design (reversible
joints on the path to a priority part, separable joints between dissimilar
materials, ISO 11469 marking, removal of a restricted substance, more
recycled content, an Ashby material substitution), applies each to a copy of
the design, scores the copy under an index profile of
:mod:`greendesign.scoring.index` and ranks the changes by the change of the
index, then of GWP. A change that moves only joints, markings, substances or
recycled content is scored incrementally (:class:`_Rescorer`: only the
metrics it moves are computed again, with the numbers of a full scoring); any
other change is scored afresh with :func:`score_product`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from greendesign.errors import GreenDesignError
from greendesign.i18n import _, ngettext
from greendesign.inventory.families import family_name
from greendesign.model.part import Assembly, Part
from greendesign.model.product import Product
from greendesign.model.vocab import JointType, joint_name
from greendesign.scoring.bom import (
    METAL_FAMILIES,
    NodeInfo,
    family_lookup,
    is_plastic_family,
    iter_scope,
)
from greendesign.scoring.disassembly import (
    JointEdge,
    JointGraph,
    ShareSums,
    is_fastener_part,
    joint_edge,
    joint_shares,
    modularity_q,
    path_from_order,
    priority_orders,
    repairability,
)
from greendesign.scoring.index import Profile, evaluate_index
from greendesign.scoring.lightweight import (
    ashby_advisor,
    case_name,
    material_gwp,
    material_gwp_of,
)
from greendesign.scoring.metrics import ProductScores, ScoreInputs, score_product
from greendesign.scoring.recyclability import (
    joint_finding,
    material_circularity,
    part_substance_findings,
    recycled_content_of,
    unmarked_plastic_share_of,
)


@dataclass
class Suggestion:
    """A design change, with its effect on the index (points) and on GWP (kg CO2-eq)."""

    lever: str
    description: str
    part_ids: list[str]
    index_before: float | None
    index_after: float | None
    gwp_change_kg: float | None
    gwp_basis: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def index_change(self) -> float | None:
        if self.index_before is None or self.index_after is None:
            return None
        return self.index_after - self.index_before

    def to_dict(self) -> dict[str, Any]:
        return {"lever": self.lever, "description": self.description, "parts": self.part_ids,
                "index_before": self.index_before, "index_after": self.index_after,
                "index_change": self.index_change, "gwp_change_kg": self.gwp_change_kg,
                "gwp_basis": self.gwp_basis, **self.details}


def _gwp(product: Product, inputs: ScoreInputs) -> tuple[float | None, str]:
    if inputs.gwp_of_product is not None:
        return inputs.gwp_of_product(product), _("life cycle GWP (LCA engine)")
    if inputs.gwp_per_kg is not None:
        value, _missing = material_gwp(product, inputs.gwp_per_kg, inputs.exclude_modules,
                                       inputs.gwp_secondary_per_kg)
        return value, _("cradle-to-gate material GWP")
    return None, _("no GWP factors given")


def _path_ids(product: Product, part_id: str) -> list[str]:
    def search(nodes, trail):
        for node in nodes:
            if node.id == part_id:
                return [*trail, node.id]
            children = getattr(node, "children", None)
            if children:
                found = search(children, [*trail, node.id])
                if found:
                    return found
        return None
    return search(product.bom, []) or []


_BomNode = Part | Assembly
#: A node look-up: node id -> the node ``Product.find`` finds in the changed copy.
Finder = Callable[[str], _BomNode]
#: A candidate change: it finds the nodes it changes with ``Product.find`` and assigns their
#: fields (it never edits a list in place), as it runs on a copy of the design that shares
#: the nodes it does not touch (:meth:`_Rescorer.apply`).
Change = Callable[[Product], None]


@dataclass(frozen=True)
class _Edit:
    """A :data:`Change` that finds its nodes through a :data:`Finder`: called with a product
    it uses ``Product.find``; :meth:`_Rescorer.apply` gives it a look-up by id instead."""

    edit: Callable[[Finder], None]

    def __call__(self, product: Product) -> None:
        self.edit(product.find)


def _candidates(product: Product, scores: ProductScores, inputs: ScoreInputs,
                recycled_target: float,
                load_cases: Mapping[str, tuple[str, str]] | None) -> list[tuple[str, str,
                                                                              list[str], Change,
                                                                              dict]]:
    out: list[tuple[str, str, list[str], Change, dict]] = []
    joints = inputs.joints or {}

    def rejoin(ids: list[str]) -> Change:
        def change(find: Finder) -> None:
            for node_id in ids:
                find(node_id).joint = JointType.SCREW
        return _Edit(change)

    # 1. reversible joints on the path to each priority part
    for path in scores.priority:
        ids = [s.node_id for s in path.steps if not joints[s.joint].reversible]
        if ids:
            kinds = _(", ").join(joint_name(j) for j in sorted(
                {s.joint.value for s in path.steps if s.node_id in ids}))
            out.append(("reversible_joints",
                        _("Make {part} removable: replace the {kinds} joints on its path "
                          "({ids}) by reversible ones (scored as screws)").format(
                            part=path.name, kinds=kinds, ids=", ".join(ids)),
                        ids, rejoin(ids), {"priority_part": path.part_id}))
    # 2. separable joints between dissimilar materials
    covered = {tuple(ids) for _lever, _text, ids, _change, _details in out}
    for finding in scores.combinations:
        if "joint" in finding.details and (finding.part_id,) not in covered:
            out.append(("separable_joint",
                        _("Join {part} reversibly (e.g. screws or clips) instead of {joint} so "
                          "it separates from {host}").format(
                            part=finding.part_name, joint=joint_name(finding.details["joint"]),
                            host=family_name(finding.details["host_family"])),
                        [finding.part_id], rejoin([finding.part_id]), {}))
    # 3. ISO 11469 marking
    unmarked = [f for f in scores.markings if not f.details.get("marking")]
    if unmarked:
        marks = {f.part_id: f.details["expected"] for f in unmarked}

        def mark(find: Finder) -> None:
            for node_id, expected in marks.items():
                if expected:
                    find(node_id).plastic_marking = expected
        out.append(("plastic_marking", ngettext("Mark {count} plastic part per ISO 11469",
                                                "Mark {count} plastic parts per ISO 11469",
                                                len(marks)).format(count=len(marks)),
                    list(marks), _Edit(mark), {}))
    # 4. restricted substances
    for finding in scores.substances:
        declared = finding.details["declared_as"]

        def substitute(find: Finder, node_id: str = finding.part_id,
                       name: str = declared) -> None:
            node = find(node_id)
            node.substances = [s for s in node.substances if s.name != name]
        out.append(("restricted_substance",
                    _("Replace {substance} in {part} by a compliant alternative").format(
                        substance=declared, part=finding.part_name),
                    [finding.part_id], _Edit(substitute), {}))
    # 5. recycled content of the heaviest parts with a recycling route
    recyclable = sorted((f for f in scores.recycling.fates
                         if f.recycling > 0 and f.recycled_content < recycled_target
                         and (f.family in METAL_FAMILIES or is_plastic_family(f.family))),
                        key=lambda f: -f.mass_kg)[:3]
    for fate in recyclable:
        def recycle(find: Finder, node_id: str = fate.part_id) -> None:
            find(node_id).recycled_content = recycled_target
        out.append(("recycled_content",
                    _("Raise the recycled content of {part} ({material}) to {target} %").format(
                        part=fate.name, material=inputs.catalogue.name_of(fate.material,
                                                                          "material"),
                        target=f"{recycled_target * 100:g}"), [fate.part_id], _Edit(recycle),
                    {"target": recycled_target}))
    # 6. Ashby substitutions for parts with a load case
    for part_id, (case, limit) in (load_cases or {}).items():
        try:
            part = product.find(part_id)
        except KeyError:
            continue
        if not isinstance(part, Part):
            continue
        advice = ashby_advisor(part, case, limit, properties=inputs.properties,
                               gwp_per_kg=inputs.gwp_per_kg, top=1)
        if not advice.candidates or advice.candidates[0].material == part.material:
            continue
        best = advice.candidates[0]

        def swap(find: Finder, node_id: str = part_id, code: str = best.material,
                 ratio: float = best.mass_ratio) -> None:
            node = find(node_id)
            node.mass_kg = node.mass_kg * ratio
            node.material = code
            node.plastic_marking = ""
        out.append(("material_substitution",
                    _("Make {part} of {material} ({formula} {case} {limit}-limited): mass x "
                      "{ratio}").format(part=part.display_name,
                                        material=inputs.catalogue.name_of(best.material,
                                                                          "material"),
                                        formula=advice.formula, case=case_name(case),
                                        limit=case_name(limit),
                                        ratio=f"{best.mass_ratio:.2f}"), [part_id], _Edit(swap),
                    {"material": best.material, "mass_ratio": best.mass_ratio}))
    return out


#: Node fields whose changes :class:`_Rescorer` scores without scoring the whole design again.
_LOCAL_FIELDS = frozenset({"joint", "plastic_marking", "substances", "recycled_content"})


@dataclass
class _Changed:
    """A candidate change applied to a copy of a design.

    ``product`` shares every node of the design but the changed ones and their
    ancestors, which it copies; ``nodes`` pairs each changed node of the design
    with its copy and ``fields`` names the fields that differ. By ``id`` of a
    copy, ``above`` gives the copies above it (top first) and ``original`` the
    design's node.
    """

    product: Product
    nodes: list[tuple[_BomNode, _BomNode]]
    fields: set[str]
    above: dict[int, tuple[Assembly, ...]]
    original: dict[int, _BomNode]


# Module functions, not closures inside _Rescorer.apply: a recursive inner function is a
# reference cycle that keeps the copied design alive until a full pass of the cyclic
# collector, and those passes over a large BOM stall every thread.
def _copied(items: list[_BomNode], marked: set[int],
            nodes: list[tuple[_BomNode, _BomNode]]) -> list[_BomNode]:
    """``items`` with the nodes in ``marked`` (and below them) copied; ``nodes`` gets every
    (original, copy) pair."""
    out = []
    for node in items:
        if id(node) not in marked:
            out.append(node)
            continue
        if isinstance(node, Assembly):
            copy: _BomNode = node.model_copy(update={"children": _copied(node.children,
                                                                         marked, nodes)})
        else:
            copy = node.model_copy()
        nodes.append((node, copy))
        out.append(copy)
    return out


def _trails(items: list[_BomNode], trail: tuple[Assembly, ...], original: dict[int, Any],
            above: dict[int, tuple[Assembly, ...]]) -> None:
    """``above[id(copy)]``: the assemblies above each copied node, top first."""
    for node in items:
        if id(node) in original:
            above[id(node)] = trail
            if isinstance(node, Assembly):
                _trails(node.children, (*trail, node), original, above)


class _Rescorer:
    """The metrics of a design after candidate changes to a few of its nodes.

    A change that moves only joints, ISO 11469 markings, declared substances or
    recycled content (:data:`_LOCAL_FIELDS`) is scored by computing again only
    the metrics these enter, with the functions :func:`score_product` uses, on
    the design's per-node terms with the changed nodes' terms put in: the same
    numbers, summed in the same order. The other metrics keep the design's
    values. Any other change is left to :func:`score_product`
    (:meth:`metrics` returns ``None``).

    ``scores`` must be the scores of ``product`` under ``inputs`` (resolved).
    """

    def __init__(self, product: Product, scores: ProductScores, inputs: ScoreInputs) -> None:
        self.product = product
        self.scores = scores
        self.inputs = inputs
        self.scope = list(iter_scope(product, inputs.exclude_modules))
        self.at = {id(info.node): k for k, info in enumerate(self.scope)}
        self.parts = [info for info in self.scope if info.is_part]
        self.part_at = {id(info.node): k for k, info in enumerate(self.parts)}
        # each id's node with its ancestors, the node Product.find finds (the first)
        self.chains: dict[str, tuple[_BomNode, ...]] = {}
        for info in iter_scope(product, ()):
            self.chains.setdefault(info.node.id, (*info.path, info.node))
        self.orders = priority_orders(product, access=inputs.access,
                                      exclude_modules=inputs.exclude_modules)
        self.on_path: dict[int, list[int]] = {}
        for k, (_target, ordered) in enumerate(self.orders):
            for node in ordered:
                self.on_path.setdefault(id(node), []).append(k)
        self.joint_warned = {f.part_id for f in scores.combinations if "joint" in f.details}
        self.hindering = sum(1 for f in scores.combinations if f.severity != "info")
        self.family = family_lookup(inputs.catalogue)
        self.share_sums = ShareSums.of(scores.graph.edges)
        # one look-up per material code (material_gwp asks once per part)
        self.gwp_per_kg = cache(inputs.gwp_per_kg) if inputs.gwp_per_kg is not None else None
        self.secondary_per_kg = (cache(inputs.gwp_secondary_per_kg)
                                 if inputs.gwp_secondary_per_kg else None)

    def apply(self, ids: Sequence[str], change: Change) -> _Changed | None:
        """``change`` applied to a copy of the design that copies only the nodes ``ids``
        and their ancestors; ``None`` when the change fails."""
        marked = {id(node) for node_id in ids for node in self.chains.get(node_id, ())}
        nodes: list[tuple[_BomNode, _BomNode]] = []
        product = self.product.model_copy(update={"bom": _copied(self.product.bom, marked,
                                                                 nodes)})
        twins = {id(node): copy for node, copy in nodes}

        def find(node_id: str) -> _BomNode:
            chain = self.chains.get(node_id)
            copy = twins.get(id(chain[-1])) if chain else None
            return copy if copy is not None else product.find(node_id)

        try:
            if isinstance(change, _Edit):
                change.edit(find)
            else:
                change(product)
        except (GreenDesignError, ValueError, KeyError):
            return None
        original = {id(copy): node for node, copy in nodes}
        above: dict[int, tuple[Assembly, ...]] = {}
        _trails(product.bom, (), original, above)
        changed: list[tuple[_BomNode, _BomNode]] = []
        fields = {f"product.{name}" for name, value in self.product.__dict__.items()
                  if name != "bom" and product.__dict__.get(name) != value}
        for node, copy in nodes:
            moved = {name for name, value in node.__dict__.items()
                     if name != "children" and copy.__dict__.get(name) != value}
            if isinstance(node, Assembly) and isinstance(copy, Assembly) and (
                    len(copy.children) != len(node.children)
                    or any(original.get(id(c), c) is not n
                           for c, n in zip(copy.children, node.children, strict=True))):
                moved.add("children")
            if moved:
                changed.append((node, copy))
                fields |= moved
        return _Changed(product, changed, fields, above, original)

    def metrics(self, changed: _Changed) -> dict[str, float | None] | None:
        """The metrics of the changed design; ``None`` when it needs scoring afresh."""
        if not changed.fields <= _LOCAL_FIELDS:
            return None
        metrics = dict(self.scores.metrics)
        if "joint" in changed.fields:
            self._joints(changed, metrics)
            self._paths(changed, metrics)
            self._combinations(changed, metrics)
        if "plastic_marking" in changed.fields:
            metrics["unmarked_plastic_share_pct"] = unmarked_plastic_share_of(
                self._parts(changed), self.family)
        if "substances" in changed.fields:
            rules = self.inputs.substances or ()
            count = len(self.scores.substances)
            for node, copy in changed.nodes:
                if id(node) in self.part_at:
                    count += (len(part_substance_findings(copy, rules))
                              - len(part_substance_findings(node, rules)))
            metrics["restricted_substance_findings"] = float(count)
        if "recycled_content" in changed.fields:
            self._recycled(changed, metrics)
        return metrics

    def _parts(self, changed: _Changed) -> list[NodeInfo]:
        """The parts in scope of the changed design."""
        parts = list(self.parts)
        for node, copy in changed.nodes:
            k = self.part_at.get(id(node))
            if k is not None:
                parts[k] = replace(parts[k], node=copy)
        return parts

    def _joints(self, changed: _Changed, metrics: dict[str, float | None]) -> None:
        """Joint shares and modularity (the joint graph with the changed nodes' edges)."""
        graph = self.scores.graph
        moved: dict[int, JointEdge] = {}
        for node, copy in changed.nodes:
            k = self.at.get(id(node))
            if k is not None:
                moved[k] = joint_edge(copy, graph.edges[k].parent, self.scope[k].count,
                                      self.inputs.joints)
        physical = any(e.physical != graph.edges[k].physical for k, e in moved.items())
        shares = self.share_sums.shares(moved) if self.share_sums is not None else None
        changed_graph = None
        if shares is None or physical:
            changed_graph = JointGraph(graph.nodes, [moved.get(k, e)
                                                     for k, e in enumerate(graph.edges)])
        if shares is None:
            shares = joint_shares(changed_graph).share_pair()
        metrics["reversible_joint_share_pct"], metrics["standard_fastener_share_pct"] = shares
        if physical:
            metrics["modularity_q"] = modularity_q(changed_graph)

    def _paths(self, changed: _Changed, metrics: dict[str, float | None]) -> None:
        """Disassembly time and repairability (the priority paths through changed nodes)."""
        swap = {id(node): copy for node, copy in changed.nodes}
        affected = sorted({k for key in swap for k in self.on_path.get(key, ())})
        if not affected:
            return
        paths = list(self.scores.priority)
        for k in affected:
            target, ordered = self.orders[k]
            paths[k] = path_from_order(swap.get(id(target), target),
                                       [swap.get(id(node), node) for node in ordered],
                                       self.inputs.joints)
        metrics["disassembly_time_s"] = sum(p.time_s for p in paths) if paths else None
        metrics["repairability_index"] = repairability(
            changed.product, paths=paths, extra_scores=self.inputs.repair_scores,
            scale=self.inputs.scale).index

    def _combinations(self, changed: _Changed, metrics: dict[str, float | None]) -> None:
        """Hindering combinations: the joint findings of the changed parts, and of the parts
        beside them when a changed part becomes or stops being a fastener part (the host
        material of an assembly leaves fastener parts out)."""
        todo: dict[str, tuple[Part, tuple[Assembly, ...]]] = {}
        for node, copy in changed.nodes:
            if not isinstance(copy, Part):
                continue
            above = changed.above[id(copy)]
            if id(node) in self.part_at:
                todo[copy.id] = (copy, above)
            if is_fastener_part(node) != is_fastener_part(copy):
                for depth, assembly in enumerate(above):
                    for child in assembly.children:
                        if isinstance(child, Part) and \
                                id(changed.original.get(id(child), child)) in self.part_at:
                            todo.setdefault(child.id, (child, above[:depth + 1]))
        if not todo:
            return
        count = self.hindering
        for part_id, (part, above) in todo.items():
            found = joint_finding(NodeInfo(part, 1.0, "", above), part,
                                  self.family(part.material), self.inputs.catalogue,
                                  family_of=self.family)
            count += bool(found) - (part_id in self.joint_warned)
        metrics["hindering_combinations"] = float(count)

    def _recycled(self, changed: _Changed, metrics: dict[str, float | None]) -> None:
        """Recycled content, MCI and material GWP."""
        parts = self._parts(changed)
        metrics["recycled_content_pct"] = recycled_content_of(parts)
        fates = list(self.scores.recycling.fates)
        for node, copy in changed.nodes:
            k = self.part_at.get(id(node))
            if k is not None:
                fates[k] = replace(fates[k], recycled_content=copy.recycled_content)
        circularity = material_circularity(
            changed.product, fates=(fates, []),
            reference_life_years=self.inputs.reference_life_years,
            intensity_ratio=self.inputs.intensity_ratio)
        metrics["mci"] = circularity.mci if circularity else None
        if self.gwp_per_kg is not None:
            metrics["gwp_materials_kg"] = material_gwp_of(parts, self.gwp_per_kg,
                                                          self.secondary_per_kg)[0]


def suggest_improvements(product: Product, profile: Profile, inputs: ScoreInputs | None = None,
                         *, scores: ProductScores | None = None, recycled_target: float = 0.3,
                         load_cases: Mapping[str, tuple[str, str]] | None = None,
                         limit: int | None = 10) -> list[Suggestion]:
    """Design changes ranked by their effect on the index, then on GWP.

    Each candidate change (reversible joints on the path to a priority part,
    separable joints between dissimilar materials, ISO 11469 marking, removal
    of a restricted substance, recycled content raised to
    ``recycled_target`` for the three heaviest metal or plastic parts with a
    recycling route, and the best
    Ashby material for parts given in ``load_cases`` as ``part id -> (case,
    limit)``) is applied to a copy of the design, which is scored again: for
    joints, markings, substances and recycled content only the metrics they
    move are computed again, from the design's own terms (:class:`_Rescorer`;
    the numbers of a full scoring), a new material is scored afresh. GWP
    changes come from ``inputs.gwp_of_product`` (life cycle; it gets the changed
    design, which shares its unchanged nodes with ``product`` and must not be
    edited) or ``inputs.gwp_per_kg`` (materials); without either they are ``None``.
    Recycled content changes the material GWP only when
    ``inputs.gwp_secondary_per_kg`` is given. ``scores``, when given, are the
    scores of ``product`` under ``inputs``.
    """
    inputs = (inputs or ScoreInputs()).resolved()
    scores = scores or score_product(product, inputs)
    before = evaluate_index(scores.metrics, profile).index
    gwp_before, basis = _gwp(product, inputs)
    rescorer = _Rescorer(product, scores if scores.product is product else
                         score_product(product, inputs), inputs)
    out: list[Suggestion] = []
    for lever, text, ids, change, details in _candidates(product, scores, inputs,
                                                         recycled_target, load_cases):
        changed = rescorer.apply(ids, change)
        if changed is None:
            continue
        metrics = rescorer.metrics(changed)
        local = metrics is not None
        if metrics is None:
            metrics = score_product(changed.product, inputs).metrics
        after = evaluate_index(metrics, profile).index
        gwp_change = None
        gwp_basis = basis
        if gwp_before is not None:
            if local and inputs.gwp_of_product is None:
                # the material GWP, a metric; only recycled content moves it
                gwp_after = (metrics["gwp_materials_kg"]
                             if "recycled_content" in changed.fields else gwp_before)
            else:
                gwp_after, _basis = _gwp(changed.product, inputs)
            if gwp_after is not None:
                gwp_change = gwp_after - gwp_before
            if lever == "recycled_content" and inputs.gwp_of_product is None and \
                    inputs.gwp_secondary_per_kg is None:
                gwp_change = None
                gwp_basis = _("needs a GWP factor of the recycled grade or the LCA engine")
        out.append(Suggestion(lever, text, ids, before, after, gwp_change, gwp_basis, details))

    def key(s: Suggestion) -> tuple[float, float, str]:
        change = s.index_change if s.index_change is not None else 0.0
        gwp = s.gwp_change_kg if s.gwp_change_kg is not None else 0.0
        return (-round(change, 9), gwp, s.description)

    out.sort(key=key)
    return out[:limit] if limit else out
