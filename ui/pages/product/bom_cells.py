"""Reading what a user types into a BOM field: text in, validated field changes out.

One function per editable field turns the typed text into the changes to make
on a :class:`Part` or :class:`Assembly` (``{"mass_kg": 0.25, "mass_unit": "g"}``)
and checks them against the core model on a shallow copy of the node, so a
value is either accepted whole or refused with the core's message. The BOM
tree, its cell editors (live check while typing) and the side panel all use
these functions, so a rule is written once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from greendesign.errors import GreenDesignError, ModelValidationError, UnitError
from greendesign.model import Assembly, Part
from greendesign.model.vocab import JointType
from greendesign.units import parse_mass, to_kg
from ui.errors import error_summary
from ui.i18n import _tr
from ui.services.material_names import catalogue
from ui.widgets.formatting import parse_number

Node = Part | Assembly
Changes = dict[str, Any]

NAME = "name"
NAME_ZH = "name_zh"
ID = "id"
QUANTITY = "quantity"
MASS = "mass"
MATERIAL = "material"
RECYCLED = "recycled_content"
SCRAP = "scrap_rate"
JOINT = "joint"
MODULE = "module"
PRIORITY = "priority"
MASS_SOURCE = "mass_source"
NOTES = "notes"

PART_ONLY = {MASS, MATERIAL, RECYCLED, SCRAP, PRIORITY, MASS_SOURCE}
"""Fields that only parts have (an assembly's mass is the sum of its children)."""

_JOINT_COUNT = re.compile(r"^(?P<joint>.*?)\s*(?:[\u00d7xX*]\s*(?P<count>\d+))?$")
_CODE_IN_LABEL = re.compile(r"\(([^()\s]+)\)\s*$")



def _refuse(node: Node, field: str, message: str, hint: str = "") -> ModelValidationError:
    where = f"{node.kind} {node.id!r}, field {field!r}"
    return ModelValidationError(f"{where}: {message}", hint=hint)


def _number(node: Node, field: str, text: Any, hint: str) -> float:
    if isinstance(text, int | float):
        return float(text)
    try:
        return parse_number(str(text))
    except ValueError as exc:
        raise _refuse(node, field, str(exc) + ".", hint) from None


def _percent(node: Node, field: str, text: Any) -> float:
    """A share typed in percent: ``"30"``, ``"30 %"``, ``"30%"`` all mean 0.3."""
    cleaned = str(text).strip().removesuffix("%").strip()
    if not cleaned:
        return 0.0
    value = _number(node, field, cleaned, _tr("Enter a percentage from 0 to 100, e.g. 30 %."))
    return value / 100.0


def _parse_name(node: Node, text: Any) -> Changes:
    return {"name": str(text).strip()}


def _parse_name_zh(node: Node, text: Any) -> Changes:
    return {"name_zh": str(text).strip()}


def _parse_id(node: Node, text: Any) -> Changes:
    return {"id": str(text).strip()}


def _parse_quantity(node: Node, text: Any) -> Changes:
    return {"quantity": _number(node, "quantity", text,
                                _tr("Enter a positive number such as 2 or 0.5."))}


def _parse_mass(node: Node, text: Any) -> Changes:
    assert isinstance(node, Part)
    where = f"part {node.id!r}, field 'mass'"
    if isinstance(text, int | float):
        amount, unit = float(text), node.mass_unit
    else:
        cleaned = str(text).strip()
        if not cleaned:
            raise UnitError(f"{where}: a part needs a mass.",
                            hint=_tr("Write a number with an optional unit, e.g. '250 g'."))
        amount, unit = parse_mass(cleaned, default_unit=node.mass_unit, where=where)
    return {"mass_kg": to_kg(amount, unit), "mass_unit": unit}


def resolve_material(text: str) -> str:
    """The catalogue code a user's material text names (code, English or Chinese name,
    alias, or a ``"Name (code)"`` label); raises ``ValueError`` with suggestions."""
    cleaned = str(text).strip()
    if not cleaned:
        raise ValueError(_tr("a part needs a material"))
    entries = catalogue()
    if entries is None:  # no catalogue in this build: keep the code as typed
        return cleaned
    code = entries.resolve(cleaned, "material")
    if code is None:
        match = _CODE_IN_LABEL.search(cleaned)
        if match and entries.has(match.group(1), "material"):
            code = match.group(1)
    if code is None:
        found = [e.code for e in entries.search(cleaned, "material", limit=3)]
        message = _tr("{text!r} is not a material of the catalogue").format(text=cleaned)
        if found:
            message += "; " + _tr("did you mean {codes}?").format(codes=", ".join(found))
        raise ValueError(message)
    return code


def _parse_material(node: Node, text: Any) -> Changes:
    try:
        return {"material": resolve_material(str(text))}
    except ValueError as exc:
        raise _refuse(node, "material", str(exc) + ".", _tr(
            "Type part of a material name in English or Chinese and pick it from the "
            "list.")) from None


def _parse_recycled(node: Node, text: Any) -> Changes:
    return {"recycled_content": _percent(node, "recycled_content", text)}


def _parse_scrap(node: Node, text: Any) -> Changes:
    return {"scrap_rate": _percent(node, "scrap_rate", text)}


def _parse_joint(node: Node, text: Any) -> Changes:
    cleaned = str(text).strip()
    if not cleaned:
        return {"joint": JointType.NONE, "joint_count": 1}
    match = _JOINT_COUNT.match(cleaned)
    name = (match.group("joint") if match else cleaned).strip().lower().replace(" ", "-")
    try:
        joint = JointType(name)
    except ValueError:
        raise _refuse(node, "joint", _tr("{text!r} is not a joint type.").format(text=cleaned),
                      _tr("Use one of: {joints}; add \u00d7N for N joints, e.g. screw \u00d74.")
                      .format(joints=", ".join(j.value for j in JointType))) from None
    count = int(match.group("count")) if match and match.group("count") else 1
    return {"joint": joint, "joint_count": count}


def _parse_module(node: Node, text: Any) -> Changes:
    return {"module": str(text).strip()}


def _parse_priority(node: Node, text: Any) -> Changes:
    cleaned = str(text).strip()
    if cleaned.lower() in ("", "no", "false", "0", _tr("no").lower(), "-", "\u2013"):
        return {"priority_part": False, "priority_kind": ""}
    if cleaned.lower() in ("yes", "true", "1", _tr("yes").lower()):
        return {"priority_part": True, "priority_kind": ""}
    return {"priority_part": True, "priority_kind": cleaned}


def _parse_text(field: str) -> Callable[[Node, Any], Changes]:
    return lambda node, text: {field: str(text).strip()}

PARSERS: dict[str, Callable[[Node, Any], Changes]] = {
    NAME: _parse_name, NAME_ZH: _parse_name_zh, ID: _parse_id, QUANTITY: _parse_quantity,
    MASS: _parse_mass, MATERIAL: _parse_material, RECYCLED: _parse_recycled,
    SCRAP: _parse_scrap, JOINT: _parse_joint, MODULE: _parse_module, PRIORITY: _parse_priority,
    MASS_SOURCE: _parse_text("mass_source"), NOTES: _parse_text("notes"),
}


def field_applies(node: Node, field: str) -> bool:
    """Whether ``node`` has this field (parts have them all, assemblies not the part ones)."""
    return kind_has_field(isinstance(node, Part), field)


def kind_has_field(is_part: bool, field: str) -> bool:
    """Whether parts (``is_part``) or assemblies have this field."""
    return field in PARSERS and (is_part or field not in PART_ONLY)


def parse_field(node: Node, field: str, text: Any,
                id_taken: Callable[[str], bool] = lambda _id: False) -> Changes:
    """Turn typed ``text`` into validated changes of ``node``'s ``field``.

    Returns only the attributes that differ from the node (empty when nothing
    changes). Raises :class:`GreenDesignError` (the core's message, naming the
    part and the field) when the text is not a valid value; ``node`` is never
    modified.

    Parameters
    ----------
    node
        The part or assembly edited.
    field
        One of the keys of :data:`PARSERS`.
    text
        What the user typed (numbers are accepted as they are).
    id_taken
        Tells whether another node of the product already uses an id.
    """
    if not field_applies(node, field):
        raise _refuse(node, field, _tr("an assembly has no such field."))
    changes = PARSERS[field](node, text)
    changes = {k: v for k, v in changes.items() if getattr(node, k) != v}
    if not changes:
        return {}
    if "id" in changes and id_taken(changes["id"]):
        raise _refuse(node, "id", _tr("the id {id!r} is already used by another row.").format(
            id=changes["id"]), _tr("Every part and assembly needs its own id."))
    check_changes(node, changes)
    return changes


def check_changes(node: Node, changes: Changes) -> None:
    """Validate ``changes`` against the core model on a shallow copy of ``node``."""
    trial = node.model_copy()
    for key, value in changes.items():
        setattr(trial, key, value)  # validated assignment; raises ModelValidationError


def cell_error(node: Node, field: str, text: Any,
               id_taken: Callable[[str], bool] = lambda _id: False) -> str | None:
    """The reason ``text`` would be refused for ``field``, or None when it is fine."""
    try:
        parse_field(node, field, text, id_taken)
    except GreenDesignError as exc:
        return error_summary(exc)
    return None
