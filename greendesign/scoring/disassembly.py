"""Modularity, disassembly and repairability.

The joint graph
---------------
Nodes are the BOM nodes in scope (parts and assemblies) plus one node for the
product itself (:data:`ROOT`); every node is joined to its parent (the product
for the top level) by an edge carrying the node's ``joint`` type and
``joint_count``. An edge whose joint is ``none`` is *not physical* (a loose,
laid-in part or a mere grouping) and does not count as a joint. Each node's
module is its own ``module`` tag, else its nearest ancestor's.

Fastener parts (screws, bolts, rivets, staples listed as BOM lines) are the
fasteners of joints already declared on the parts they hold; their own edge is
kept in the graph but not counted again in joint shares and disassembly time.
A part is taken as a fastener part when its material is ``steel_fastener`` or
its joint is a screw, bolt or rivet and its id or name says screw, bolt, nut,
washer, rivet or staple (a heuristic: the product model has no fastener flag).

Formulas
--------
* Reversible joint share, % = sum of joint instances with a reversible joint
  type / all joint instances x 100; a joint instance is one of the
  ``joint_count`` joints of one unit of a node (``joint_count x units per
  product``). Standard fastener share likewise. Reversibility and standard
  fasteners per joint type come from ``lca_data/scoring/joints.csv``.
* Disassembly depth of a part (EN 45554 manner): the number of steps to remove
  it, a step being the removal of one node on its path from the top of the BOM
  (an assembly joined by ``none`` adds no step), plus the steps of any parts
  that must be removed first (``access`` argument; the BOM tree alone does not
  record access order).
* Disassembly time (eDiM, Vanegas et al. 2018, Resour. Conserv. Recycl. 135:
  323-334): per step ``t = t_tool_change [if the tool differs from the previous
  step's] + n (t_identify + t_position + t_disconnect) + t_manipulate +
  t_remove`` with ``n`` the node's ``joint_count``; summed along the path.
* Repairability in the manner of EN 45554 and Regulation (EU) 2023/1669
  (Annex IV): per priority part, ``S_depth`` from the number of steps,
  ``S_fasteners`` from the worst fastener class on the path (reusable,
  removable, neither), ``S_tools`` from the most demanding tool class; spare
  parts, software and information scores only when supplied.
  ``R = sum_p w_p S_p / sum_p w_p`` over the assessed parameters (weights
  0.25 depth, 0.15 each other; with all six the sum of weights is 1 and this
  is the label's formula). Classes A >= 4.00, B >= 3.35, C >= 2.55, D >= 1.75,
  E >= 1.00. The product score is the mean over its priority parts.
* Modularity of the module partition (Newman 2006, PNAS 103(23):8577-8582):
  ``Q = (1/2m) sum_ij [A_ij - k_i k_j / 2m] delta(c_i, c_j)
  = sum_c [L_c / m - (d_c / 2m)^2]`` on the physical edges, with ``L_c`` the
  edges inside module ``c`` and ``d_c`` the sum of degrees of its nodes; the
  product node forms its own community.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from greendesign.i18n import N_, _, translate
from greendesign.model.part import Assembly, Part
from greendesign.model.product import Product
from greendesign.model.vocab import JointType
from greendesign.scoring.bom import DEFAULT_EXCLUDE, NodeInfo, iter_scope
from greendesign.scoring.data import (
    JointData,
    RepairabilityScale,
    joint_table,
    repairability_scale,
)

ROOT = "@product"
ROOT_COMMUNITY = "(product)"
FASTENER_MATERIALS = frozenset({"steel_fastener"})
_FASTENER_NAME = re.compile(r"screw|bolt|\bnuts?\b|washer|rivet|staple|螺钉|螺丝|螺栓|螺母|铆钉|钉",
                            re.IGNORECASE)
_FASTENER_JOINTS = {JointType.SCREW, JointType.BOLT, JointType.RIVET}


def is_fastener_part(node: Part | Assembly) -> bool:
    """Whether a BOM line is itself a fastener (see the module docstring)."""
    if not isinstance(node, Part):
        return False
    if node.material in FASTENER_MATERIALS:
        return True
    return node.joint in _FASTENER_JOINTS and bool(
        _FASTENER_NAME.search(node.id) or _FASTENER_NAME.search(node.name))


# --- the joint graph --------------------------------------------------------------------------


@dataclass(frozen=True)
class JointEdge:
    """The joint of a node to its parent."""

    child: str
    parent: str
    joint: JointType
    joint_count: int
    instances: float
    physical: bool
    reversible: bool
    standard_fastener: bool
    fastener_part: bool


@dataclass(frozen=True)
class GraphNode:
    id: str
    name: str
    kind: str
    module: str
    count: float
    mass_kg: float


@dataclass
class JointGraph:
    """Parts and assemblies as nodes, joints (with type) as edges; see the module docstring."""

    nodes: dict[str, GraphNode]
    edges: list[JointEdge]

    def community(self, node_id: str) -> str:
        return ROOT_COMMUNITY if node_id == ROOT else self.nodes[node_id].module

    def modules(self) -> dict[str, list[str]]:
        """Module -> ids of its nodes (parts and assemblies), in BOM order."""
        out: dict[str, list[str]] = {}
        for node in self.nodes.values():
            if node.id != ROOT:
                out.setdefault(node.module, []).append(node.id)
        return out

    def module_interfaces(self) -> dict[tuple[str, str], int]:
        """(module, module) -> number of physical edges between two different modules."""
        out: dict[tuple[str, str], int] = {}
        for edge in self.edges:
            if not edge.physical:
                continue
            a, b = sorted((self.community(edge.child), self.community(edge.parent)))
            if a != b:
                out[(a, b)] = out.get((a, b), 0) + 1
        return out

    def to_dict(self) -> dict:
        return {
            "nodes": [{"id": n.id, "name": n.name, "kind": n.kind, "module": n.module,
                       "count": n.count, "mass_kg": n.mass_kg} for n in self.nodes.values()],
            "edges": [{"from": e.child, "to": e.parent, "joint": e.joint.value,
                       "joint_count": e.joint_count, "instances": e.instances,
                       "physical": e.physical, "reversible": e.reversible,
                       "standard_fastener": e.standard_fastener,
                       "fastener_part": e.fastener_part} for e in self.edges],
        }


def joint_graph(product: Product, exclude_modules: Iterable[str] = DEFAULT_EXCLUDE,
                joints: Mapping[JointType, JointData] | None = None) -> JointGraph:
    """Build the joint graph of a product (see the module docstring)."""
    joints = joints or joint_table()
    nodes = {ROOT: GraphNode(ROOT, product.name, "product", ROOT_COMMUNITY, 1.0,
                             product.mass_kg)}
    edges: list[JointEdge] = []
    for info in iter_scope(product, exclude_modules):
        node = info.node
        nodes[node.id] = GraphNode(node.id, node.name, node.kind, info.module, info.count,
                                   node.mass_kg)
        edges.append(joint_edge(node, info.parent.id if info.parent is not None else ROOT,
                                info.count, joints))
    return JointGraph(nodes, edges)


def joint_edge(node: Part | Assembly, parent_id: str, count: float,
               joints: Mapping[JointType, JointData]) -> JointEdge:
    """The edge of a node (``count`` units per product) to its parent (:data:`ROOT` at the
    top of the BOM)."""
    data = joints[node.joint]
    return JointEdge(node.id, parent_id, node.joint, node.joint_count, node.joint_count * count,
                     node.joint != JointType.NONE, data.reversible, data.standard_fastener,
                     is_fastener_part(node))


@dataclass
class JointShares:
    """Joint counts and shares (%) over the joint instances of a product."""

    joints: float
    reversible_share: float | None
    standard_fastener_share: float | None
    by_type: dict[str, float] = field(default_factory=dict)

    def share_pair(self) -> tuple[float | None, float | None]:
        """``(reversible_share, standard_fastener_share)``."""
        return self.reversible_share, self.standard_fastener_share


def _share_terms(edge: JointEdge) -> tuple[float, float, float]:
    """What an edge adds to the joint instances: all, reversible, with standard fasteners."""
    if not edge.physical or edge.fastener_part:
        return 0.0, 0.0, 0.0
    return (edge.instances, edge.instances if edge.reversible else 0.0,
            edge.instances if edge.standard_fastener else 0.0)


def _share_pair(total: float, reversible: float, standard: float
                ) -> tuple[float | None, float | None]:
    if total == 0:
        return None, None
    return reversible / total * 100.0, standard / total * 100.0


def joint_shares(graph: JointGraph) -> JointShares:
    """Reversible and standard fastener shares of the joints (module docstring)."""
    total = reversible = standard = 0.0
    by_joint: dict[JointType, float] = {}
    for edge in graph.edges:
        if not edge.physical or edge.fastener_part:
            continue
        total += edge.instances
        by_joint[edge.joint] = by_joint.get(edge.joint, 0.0) + edge.instances
        if edge.reversible:
            reversible += edge.instances
        if edge.standard_fastener:
            standard += edge.instances
    by_type = {joint.value: instances for joint, instances in by_joint.items()}
    if total == 0:
        return JointShares(0.0, None, None, by_type)
    return JointShares(total, *_share_pair(total, reversible, standard), by_type)


#: Whole numbers up to this size add up exactly in floating point, in any order.
_EXACT_LIMIT = 2.0 ** 53


@dataclass(frozen=True)
class ShareSums:
    """The sums behind :func:`joint_shares` of a list of edges, to get the shares of the
    list with a few edges replaced without adding up every edge again.

    Kept only when every joint instance count is a whole number (:meth:`of` gives ``None``
    otherwise): such sums are exact in any order, so :meth:`shares` gives the very numbers
    :func:`joint_shares` gives for the changed list.
    """

    edges: Sequence[JointEdge]
    total: float
    reversible: float
    standard: float
    magnitude: float

    @classmethod
    def of(cls, edges: Sequence[JointEdge]) -> ShareSums | None:
        total = reversible = standard = magnitude = 0.0
        for edge in edges:
            t, r, s = _share_terms(edge)
            if not float(t).is_integer():
                return None
            total, reversible, standard = total + t, reversible + r, standard + s
            magnitude += abs(t)
        if magnitude >= _EXACT_LIMIT:
            return None
        return cls(edges, total, reversible, standard, magnitude)

    def shares(self, moved: Mapping[int, JointEdge]
               ) -> tuple[float | None, float | None] | None:
        """``(reversible, standard fastener)`` shares, %, with ``edges[k]`` replaced by
        ``moved[k]``; ``None`` when they cannot be had exactly this way."""
        total, reversible, standard = self.total, self.reversible, self.standard
        magnitude = self.magnitude
        for k, edge in moved.items():
            (t0, r0, s0), (t, r, s) = _share_terms(self.edges[k]), _share_terms(edge)
            if not float(t).is_integer():
                return None
            total, reversible, standard = total - t0 + t, reversible - r0 + r, standard - s0 + s
            magnitude += abs(t)
        if magnitude >= _EXACT_LIMIT:
            return None
        return _share_pair(total, reversible, standard)


def newman_q(edges: Iterable[tuple[Hashable, Hashable, float]],
             community: Mapping[Hashable, Hashable]) -> float | None:
    """Newman's modularity of a partition of an undirected (weighted) graph.

    ``Q = sum_c [L_c / m - (d_c / 2m)^2]`` with ``m`` the total edge weight,
    ``L_c`` the weight of edges inside community ``c`` and ``d_c`` the summed
    (weighted) degree of its nodes; equal to
    ``(1/2m) sum_ij [A_ij - k_i k_j / 2m] delta(c_i, c_j)`` (Newman 2006).
    ``None`` for a graph without edges.
    """
    m = 0.0
    inside: dict[Hashable, float] = {}
    degree: dict[Hashable, float] = {}
    for a, b, weight in edges:
        if weight <= 0:
            continue
        m += weight
        ca, cb = community[a], community[b]
        degree[ca] = degree.get(ca, 0.0) + weight
        degree[cb] = degree.get(cb, 0.0) + weight
        if ca == cb:
            inside[ca] = inside.get(ca, 0.0) + weight
    if m == 0:
        return None
    return sum(inside.get(c, 0.0) / m - (d / (2.0 * m)) ** 2 for c, d in degree.items())


def modularity_q(graph: JointGraph, weighted: bool = False) -> float | None:
    """Newman's Q of the module partition on the physical joints.

    Unweighted by default (one edge per BOM joint); ``weighted=True`` weights
    each edge by its ``joint_count``.
    """
    community = {node_id: graph.community(node_id) for node_id in graph.nodes}
    edges = [(e.child, e.parent, float(e.joint_count) if weighted else 1.0)
             for e in graph.edges if e.physical]
    return newman_q(edges, community)


# --- disassembly ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisassemblyStep:
    """Removal of one node: its joint, tool and eDiM time (s)."""

    node_id: str
    name: str
    joint: JointType
    joint_count: int
    tool: str
    tool_class: str
    fastener_class: str
    time_s: float


@dataclass
class DisassemblyPath:
    """The steps to reach and remove one part, with depth and time."""

    part_id: str
    name: str
    priority_kind: str
    steps: list[DisassemblyStep]

    @property
    def depth(self) -> int:
        return len(self.steps)

    @property
    def time_s(self) -> float:
        return sum(step.time_s for step in self.steps)


def _step_time(data: JointData, joint_count: int, tool_change: bool) -> float:
    """eDiM time of one step (module docstring)."""
    n = joint_count if data.joint != JointType.NONE else 0
    return ((data.t_tool_change if tool_change else 0.0)
            + n * (data.t_identify + data.t_position + data.t_disconnect)
            + data.t_manipulate + data.t_remove)


def _scope_index(product: Product, exclude_modules: Iterable[str]) -> dict[str, NodeInfo]:
    return {info.node.id: info for info in iter_scope(product, exclude_modules)}


def disassembly_path(product: Product, part_id: str, *,
                     access: Mapping[str, Sequence[str]] | None = None,
                     exclude_modules: Iterable[str] = DEFAULT_EXCLUDE,
                     joints: Mapping[JointType, JointData] | None = None) -> DisassemblyPath:
    """Steps, depth and eDiM time to reach and remove one part or assembly.

    ``access`` maps a node id to the ids of nodes that must be removed before
    it (e.g. a cover in front of a battery); their steps come first. The path
    starts from the assembled product.
    """
    joints = joints or joint_table()
    index = _scope_index(product, exclude_modules)
    if part_id not in index:
        raise KeyError(_("no part or assembly {id!r} in the scope of {product!r}").format(
            id=part_id, product=product.display_name))
    return path_from_order(index[part_id].node, removal_order(index, part_id, access or {}),
                           joints)


def removal_order(index: Mapping[str, NodeInfo], part_id: str,
                  access: Mapping[str, Sequence[str]]) -> list[Part | Assembly]:
    """The nodes to remove, in turn, to reach and remove ``part_id``.

    ``index`` holds the nodes in scope by id; ``access`` is as for
    :func:`disassembly_path`. The order depends on the BOM tree and ``access``
    only, not on the joints.
    """
    removed: set[str] = set()
    ordered: list[Part | Assembly] = []

    def need(node_id: str, visiting: tuple[str, ...]) -> None:
        if node_id in removed or node_id not in index:
            return
        if node_id in visiting:
            raise ValueError(_("the access order is circular: {chain}").format(
                chain=" > ".join((*visiting, node_id))))
        info = index[node_id]
        for node in (*info.path, info.node):
            if node.id in removed:
                continue
            for before in access.get(node.id, ()):
                need(before, (*visiting, node_id))
            if node.id not in removed:
                removed.add(node.id)
                ordered.append(node)

    need(part_id, ())
    return ordered


def path_from_order(target: Part | Assembly, ordered: Sequence[Part | Assembly],
                    joints: Mapping[JointType, JointData]) -> DisassemblyPath:
    """The disassembly path of ``target`` that removes the ``ordered`` nodes in turn."""
    steps: list[DisassemblyStep] = []
    current_tool = ""
    for node in ordered:
        if isinstance(node, Assembly) and node.joint == JointType.NONE:
            continue
        data = joints[node.joint]
        change = data.tool_class != "none" and data.tool != current_tool
        if data.tool_class != "none":
            current_tool = data.tool
        steps.append(DisassemblyStep(node.id, node.display_name, node.joint, node.joint_count,
                                     data.tool, data.tool_class, data.fastener_class,
                                     _step_time(data, node.joint_count, change)))
    kind = target.priority_kind if isinstance(target, Part) else ""
    return DisassemblyPath(target.id, target.display_name, kind, steps)


def priority_orders(product: Product, *, access: Mapping[str, Sequence[str]] | None = None,
                    exclude_modules: Iterable[str] = DEFAULT_EXCLUDE
                    ) -> list[tuple[Part | Assembly, list[Part | Assembly]]]:
    """Every priority part in scope, in BOM order, with its :func:`removal_order`."""
    scope = list(iter_scope(product, exclude_modules))
    index = {info.node.id: info for info in scope}
    return [(index[info.node.id].node, removal_order(index, info.node.id, access or {}))
            for info in scope if isinstance(info.node, Part) and info.node.priority_part]


def priority_paths(product: Product, *, access: Mapping[str, Sequence[str]] | None = None,
                   exclude_modules: Iterable[str] = DEFAULT_EXCLUDE,
                   joints: Mapping[JointType, JointData] | None = None
                   ) -> list[DisassemblyPath]:
    """The disassembly path of every priority part in scope, in BOM order."""
    joints = joints or joint_table()
    return [path_from_order(target, ordered, joints)
            for target, ordered in priority_orders(product, access=access,
                                                   exclude_modules=exclude_modules)]


def full_disassembly_time(product: Product, exclude_modules: Iterable[str] = DEFAULT_EXCLUDE,
                          joints: Mapping[JointType, JointData] | None = None) -> float:
    """eDiM-style time to take every node in scope apart once per unit, s.

    Sum over nodes (not grouping assemblies, not fastener parts) of units x
    step time without tool change, plus one tool change per distinct tool.
    """
    joints = joints or joint_table()
    total = 0.0
    tools: set[str] = set()
    for info in iter_scope(product, exclude_modules):
        node = info.node
        if (isinstance(node, Assembly) and node.joint == JointType.NONE) or \
                is_fastener_part(node):
            continue
        data = joints[node.joint]
        total += info.count * _step_time(data, node.joint_count, False)
        if data.tool_class != "none":
            tools.add(data.tool)
    tool_change = max((d.t_tool_change for d in joints.values()), default=0.0)
    return total + tool_change * len(tools)


# --- repairability ----------------------------------------------------------------------------


@dataclass
class PartRepairability:
    part_id: str
    name: str
    priority_kind: str
    depth: int
    time_s: float
    scores: dict[str, float]
    index: float
    rating_class: str


@dataclass
class Repairability:
    """Repairability in the EN 45554 manner; ``index`` is the mean over priority parts."""

    parts: list[PartRepairability]
    index: float | None
    rating_class: str | None
    assessed: list[str]
    not_assessed: list[str]
    note: str = ""


_MODEL_PARAMETERS = ("depth", "fasteners", "tools")
_EXTRA_PARAMETERS = ("spare_parts", "software", "information")
#: The EN 45554 parameters as the notes name them (the keys stay in the data).
PARAMETER_NAMES = {
    "depth": N_("depth"), "fasteners": N_("fasteners"), "tools": N_("tools"),
    "spare_parts": N_("spare_parts"), "software": N_("software"),
    "information": N_("information"),
}


def parameter_name(key: str) -> str:
    """A repairability parameter as a note names it, in the current language."""
    return translate(PARAMETER_NAMES[key]) if key in PARAMETER_NAMES else key


def part_repairability(path: DisassemblyPath, scale: RepairabilityScale,
                       extra_scores: Mapping[str, float] | None = None) -> PartRepairability:
    """Score one priority part from its disassembly path (module docstring)."""
    scores = {"depth": scale.depth_score(path.depth)}
    if path.steps:
        scores["fasteners"] = min(scale.fastener[s.fastener_class] for s in path.steps)
        scores["tools"] = min(scale.tool[s.tool_class] for s in path.steps)
    else:
        scores["fasteners"] = max(scale.fastener.values())
        scores["tools"] = max(scale.tool.values())
    for key, value in (extra_scores or {}).items():
        if key not in _EXTRA_PARAMETERS:
            raise ValueError(_("unknown repairability parameter {key!r}; give "
                               "{parameters}").format(key=key,
                                                       parameters=", ".join(_EXTRA_PARAMETERS)))
        if not 1.0 <= value <= 5.0:
            raise ValueError(_("repairability score {key!r} must be between 1 and 5, got "
                               "{value}").format(key=key, value=value))
        scores[key] = float(value)
    weight = sum(scale.weights[k] for k in scores)
    index = sum(scale.weights[k] * v for k, v in scores.items()) / weight
    return PartRepairability(path.part_id, path.name, path.priority_kind, path.depth,
                             path.time_s, scores, index, scale.class_of(index))


def repairability(product: Product, *, paths: list[DisassemblyPath] | None = None,
                  extra_scores: Mapping[str, float] | None = None,
                  access: Mapping[str, Sequence[str]] | None = None,
                  exclude_modules: Iterable[str] = DEFAULT_EXCLUDE,
                  joints: Mapping[JointType, JointData] | None = None,
                  scale: RepairabilityScale | None = None) -> Repairability:
    """Repairability of a product's priority parts (module docstring)."""
    scale = scale or repairability_scale()
    if paths is None:
        paths = priority_paths(product, access=access, exclude_modules=exclude_modules,
                               joints=joints)
    assessed = [*_MODEL_PARAMETERS, *(k for k in _EXTRA_PARAMETERS if k in (extra_scores or {}))]
    missing = [k for k in _EXTRA_PARAMETERS if k not in assessed]
    note = ""
    if missing:
        note = _("{missing} not assessed (not in the product model); the index is "
                 "renormalised over {assessed}, so the class is indicative").format(
            missing=_(", ").join(parameter_name(k) for k in missing),
            assessed=_(", ").join(parameter_name(k) for k in assessed))
    if not paths:
        return Repairability([], None, None, assessed, missing,
                             _("no priority parts marked; mark the parts users replace"))
    parts = [part_repairability(p, scale, extra_scores) for p in paths]
    index = sum(p.index for p in parts) / len(parts)
    return Repairability(parts, index, scale.class_of(index), assessed, missing, note)
