"""Parts and assemblies: the bill of materials tree.

A :class:`Part` is a leaf with a mass and a material; an :class:`Assembly`
groups parts and sub-assemblies. ``quantity`` is always per unit of the parent,
so the number of a part in one product is the product of the quantities on its
path from the top of the tree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from greendesign.errors import UnitError
from greendesign.i18n import _, pick
from greendesign.model.base import GDModel, node_label
from greendesign.model.declared import DeclaredValue
from greendesign.model.vocab import JointType, TransportMode
from greendesign.units import MASS_UNITS, normalise_mass_unit, parse_mass, to_kg

MassUnit = Literal["g", "kg", "t", "lb", "oz"]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
Positive = Annotated[float, Field(gt=0.0)]
NonNegative = Annotated[float, Field(ge=0.0)]
PartId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\s/\\]+$")]
DatasetRef = Annotated[str, Field(min_length=1, max_length=200)]

_CAS = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
_MARKING = re.compile(r"^>[A-Za-z0-9+\-/(), ]+<$")


def cas_is_valid(cas: str) -> bool:
    """Check a CAS Registry Number's format and check digit.

    The check digit is the sum of each other digit times its position counted
    from the right (starting at 1), modulo 10 (CAS, "CAS Registry Number
    check digit" rule).
    """
    match = _CAS.match(cas)
    if not match:
        return False
    digits = (match.group(1) + match.group(2))[::-1]
    total = sum((i + 1) * int(d) for i, d in enumerate(digits))
    return total % 10 == int(match.group(3))


class Substance(GDModel):
    """A declared substance in the part's homogeneous material."""

    name: Annotated[str, Field(min_length=1)]
    cas: str = ""
    mass_fraction: Annotated[float, Field(gt=0.0, le=1.0)]

    @field_validator("cas")
    @classmethod
    def _check_cas(cls, value: str) -> str:
        if value and not cas_is_valid(value):
            raise ValueError(_("{value!r} is not a valid CAS number (format NNNNNNN-NN-N with "
                               "a correct check digit)").format(value=value))
        return value


class ProcessUse(GDModel):
    """A manufacturing process applied to one unit of a part or assembly.

    ``amount`` is in the process dataset's reference unit (kg processed, m2
    coated, unit assembled, kWh); ``None`` means the part's own mass in kg,
    the usual basis of moulding, casting, stamping and machining datasets.
    """

    dataset: DatasetRef
    amount: Positive | None = None
    unit: str = ""


class TransportLeg(GDModel):
    """One freight leg: mode and distance, carrying the mass it is attached to."""

    mode: TransportMode
    distance_km: Positive
    description: str = ""
    description_zh: str = ""

    @property
    def display_description(self) -> str:
        """The description in the current language (``description_zh`` in Chinese when
        there is one)."""
        return pick(self.description, self.description_zh)


class EndOfLifeMix(GDModel):
    """Shares of the end-of-life fates of a part (sum to 1)."""

    reuse: Fraction = 0.0
    recycling: Fraction = 0.0
    energy_recovery: Fraction = 0.0
    landfill: Fraction = 0.0

    @model_validator(mode="after")
    def _sum_to_one(self) -> EndOfLifeMix:
        total = self.reuse + self.recycling + self.energy_recovery + self.landfill
        if abs(total - 1.0) > 1e-6:
            raise ValueError(_("end-of-life shares must add up to 1, they add up to "
                               "{total}").format(total=f"{total:g}"))
        return self


class _Node(GDModel):
    """Fields shared by parts and assemblies."""

    id: PartId
    name: Annotated[str, Field(min_length=1, max_length=200)]
    name_zh: str = ""
    quantity: Positive = 1.0
    joint: JointType = JointType.NONE
    joint_count: Annotated[int, Field(ge=1, le=10_000)] = 1
    module: str = ""
    processes: list[ProcessUse] = Field(default_factory=list)
    notes: str = ""

    @property
    def display_name(self) -> str:
        """The name to show: the Chinese one (``name_zh``) when the language is Chinese and
        the node has one, else ``name``."""
        return pick(self.name, self.name_zh)

    @property
    def label(self) -> str:
        """``part 'SHELL' (Body shell)``: how messages name the node, in the current language."""
        return node_label(self.kind, self.id, self.name, self.name_zh)


class Part(_Node):
    """A leaf of the BOM: one kind of physical part made of one material.

    Mass is stored in kilograms per unit (``mass_kg``); ``mass_unit`` is the
    unit the user entered it in and the one the editor shows. A mass may also
    be given as ``mass`` with ``mass_unit``, or as text such as ``"250 g"``.
    """

    kind: Literal["part"] = "part"
    mass_kg: Positive
    mass_unit: MassUnit = "kg"
    material: DatasetRef
    recycled_content: Fraction = 0.0
    scrap_rate: Annotated[float, Field(ge=0.0, le=20.0)] = 0.0
    transport_legs: list[TransportLeg] = Field(default_factory=list)
    priority_part: bool = False
    priority_kind: str = ""
    substances: list[Substance] = Field(default_factory=list)
    plastic_marking: str = ""
    eol_override: EndOfLifeMix | None = None
    mass_source: str = ""
    #: the supplier's declared value for this part, cradle to gate: its material and its
    #: processes (greendesign.model.declared)
    declared: DeclaredValue | None = None

    @model_validator(mode="before")
    @classmethod
    def _mass_with_unit(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "mass" not in data:
            return data
        data = dict(data)
        raw = data.pop("mass")
        where = _("part {id!r}, field 'mass'").format(id=data.get("id", "?"))
        if "mass_kg" in data:
            raise ValueError(_("give either 'mass' (with 'mass_unit') or 'mass_kg', not both"))
        unit = data.get("mass_unit", "kg")
        try:
            if isinstance(raw, str):
                value, unit = parse_mass(raw, default_unit=unit, where=where)
            else:
                value = float(raw)
                unit = normalise_mass_unit(unit, where=where)
        except UnitError as exc:
            raise ValueError(_("{message} {hint}").format(message=exc.message,
                                                          hint=exc.hint)) from None
        except (TypeError, ValueError):
            raise ValueError(_("{value!r} is not a number").format(value=raw)) from None
        data["mass_unit"] = unit
        data["mass_kg"] = to_kg(value, unit) if math.isfinite(value) else value
        return data

    @field_validator("mass_unit", mode="before")
    @classmethod
    def _unit_alias(cls, value: Any) -> Any:
        if value.__class__ is str and value in MASS_UNITS:  # canonical already (speed)
            return value
        if isinstance(value, str) and value.strip().lower() not in MASS_UNITS:
            try:
                return normalise_mass_unit(value)
            except UnitError as exc:
                raise ValueError(_("unknown mass unit {unit!r}; {hint}").format(
                    unit=value, hint=exc.hint)) from None
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("plastic_marking")
    @classmethod
    def _check_marking(cls, value: str) -> str:
        if value and not _MARKING.match(value):
            raise ValueError(_("{value!r} is not an ISO 11469 marking; write it between angle "
                               "brackets, e.g. >PP< or >PC+ABS<").format(value=value))
        return value

    @model_validator(mode="after")
    def _substances_fit(self) -> Part:
        if not self.substances:  # most parts declare none (speed)
            return self
        total = sum(s.mass_fraction for s in self.substances)
        if total > 1.0 + 1e-9:
            raise ValueError(_("declared substance fractions add up to {total}, more than "
                               "1").format(total=f"{total:g}"))
        return self

    @property
    def material_input_kg(self) -> float:
        """Material bought per unit: mass x (1 + scrap rate)."""
        return self.mass_kg * (1.0 + self.scrap_rate)


class Assembly(_Node):
    """A group of parts and sub-assemblies; its mass is the sum of its children."""

    kind: Literal["assembly"] = "assembly"
    children: list[BomNode] = Field(default_factory=list)

    @property
    def mass_kg(self) -> float:
        """Mass of one unit of the assembly, in kilograms."""
        return sum(child.mass_kg * child.quantity for child in self.children)


def _node_kind(value: Any) -> str | None:
    """Tag of a BOM node: its ``kind``, or ``assembly`` when it has children."""
    if isinstance(value, dict):
        return value.get("kind") or ("assembly" if "children" in value else "part")
    return getattr(value, "kind", None)


BomNode = Annotated[Annotated[Part, Tag("part")] | Annotated[Assembly, Tag("assembly")],
                    Discriminator(_node_kind)]
Assembly.model_rebuild()


def walk(nodes: list[Part | Assembly], multiplier: float = 1.0, depth: int = 0,
         parent: Assembly | None = None) -> Iterator[tuple[Part | Assembly, float, int,
                                                           Assembly | None]]:
    """Yield ``(node, units per product, depth, parent)`` for every node, depth first.

    Walking a tree that contains a cycle would never end; the product
    validator refuses such trees (see :func:`check_tree`).
    """
    for node in nodes:
        count = multiplier * node.quantity
        yield node, count, depth, parent
        if isinstance(node, Assembly):
            yield from walk(node.children, count, depth + 1, node)


def iter_parts(nodes: list[Part | Assembly]) -> Iterator[tuple[Part, float]]:
    """Yield ``(part, units per product)`` for every leaf part."""
    for node, count, _depth, _parent in walk(nodes):
        if isinstance(node, Part):
            yield node, count


MAX_BOM_DEPTH = 50  # engineering BOMs rarely pass 15 levels


def check_tree(nodes: list[Part | Assembly]) -> list[str]:
    """Return the structural problems of a BOM tree.

    Finds an assembly that contains itself (its own ancestor), the same node
    object placed twice, duplicate ids, and trees deeper than
    :data:`MAX_BOM_DEPTH` levels. Safe on cyclic trees: it never descends into
    a node already on the current path.
    """
    problems: list[str] = []
    seen_ids: dict[str, int] = {}
    seen_objects: set[int] = set()

    def visit(items: list[Part | Assembly], ancestors: list[Part | Assembly]) -> None:
        for node in items:
            if any(node is a for a in ancestors):
                chain = " > ".join(a.id for a in ancestors) + f" > {node.id}"
                problems.append(_("assembly {id!r} is its own ancestor ({chain}); move it out "
                                  "of its own sub-tree").format(id=node.id, chain=chain))
                continue
            if id(node) in seen_objects:
                problems.append(_("{node} is placed twice in the tree; duplicate it instead (a "
                                  "copy with a new id)").format(node=node_label(node.kind,
                                                                                node.id)))
                continue
            if len(ancestors) >= MAX_BOM_DEPTH:
                problems.append(_("{node} is {depth} levels deep; a BOM may have at most {most} "
                                  "levels").format(node=node_label(node.kind, node.id),
                                                   depth=len(ancestors) + 1, most=MAX_BOM_DEPTH))
                return
            seen_objects.add(id(node))
            seen_ids[node.id] = seen_ids.get(node.id, 0) + 1
            if isinstance(node, Assembly):
                visit(node.children, ancestors + [node])

    visit(nodes, [])
    for part_id, count in seen_ids.items():
        if count > 1:
            problems.append(_("part id {id!r} is used {count} times; every part and assembly "
                              "needs its own id").format(id=part_id, count=count))
    return problems
