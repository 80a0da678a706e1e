"""Base class of the validated product model and the translation of validation
errors into :class:`~greendesign.errors.Problem` lists that name the JSON path,
the part and the field.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from greendesign.errors import ModelValidationError, Problem
from greendesign.i18n import N_, _, is_chinese, ngettext, pick, translate

_NODE_TAGS = {"part", "assembly"}

#: pydantic's error types -> the same sentence, to translate; ``{...}`` are the error's
#: context values. In English pydantic's own message is kept word for word.
PYDANTIC_MESSAGES = {
    "missing": N_("Field required"),
    "extra_forbidden": N_("Extra inputs are not permitted"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "finite_number": N_("Input should be a finite number"),
    "string_too_short": N_("String should have at least {min_length} characters"),
    "string_too_long": N_("String should have at most {max_length} characters"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "string_type": N_("Input should be a valid string"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional "
                         "part"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "list_type": N_("Input should be a valid list"),
    "tuple_type": N_("Input should be a valid tuple"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary or object"),
    "model_attributes_type": N_("Input should be a valid dictionary or object to extract "
                                "fields from"),
    "too_short": N_("Should have at least {min_length} items, not {actual_length}"),
    "too_long": N_("Should have at most {max_length} items, not {actual_length}"),
    "union_tag_not_found": N_("The kind of the node cannot be told: give 'kind' ('part' or "
                              "'assembly')"),
}

#: Model class names as messages name them in Chinese (English keeps the class name).
MODEL_NAMES = {
    "Product": N_("product"), "Part": N_("part"), "Assembly": N_("assembly"),
    "Project": N_("project"), "Variant": N_("variant"), "ProjectSettings": N_("project settings"),
    "AppSettings": N_("settings"), "Substance": N_("substance"),
    "ProcessUse": N_("process"), "TransportLeg": N_("transport leg"),
    "EndOfLifeMix": N_("end-of-life shares"), "LifecycleScenario": N_("lifecycle scenario"),
    "ProductionScenario": N_("production"), "UsePhase": N_("use phase"),
    "OperatingMode": N_("operating mode"), "Consumable": N_("consumable"),
    "Replacement": N_("replacement"), "EndOfLifeScenario": N_("end of life"),
    "DeclaredValue": N_("supplier data"),
}


def json_path(loc: tuple[Any, ...], prefix: str = "$") -> str:
    """Render a pydantic error location as a JSON path such as ``$.bom[0].mass_kg``."""
    path = prefix
    for key in loc:
        if isinstance(key, int):
            path += f"[{key}]"
        else:
            path += f".{key}"
    return path


def _walk(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], dict | None]:
    """Follow ``loc`` through raw input data.

    Returns the location without discriminator tags and the innermost BOM node
    (a mapping with an ``id``) passed on the way.
    """
    clean: list[Any] = []
    node: dict | None = None
    current = data
    for key in loc:
        if isinstance(current, BaseModel):
            current = current.__dict__
        if isinstance(key, str) and key in _NODE_TAGS and isinstance(current, dict) \
                and key not in current:
            continue  # pydantic adds the tagged-union tag to the location
        clean.append(key)
        if isinstance(current, dict) and "id" in current and ("kind" in current or "mass_kg" in
                                                              current or "children" in current):
            node = current
        try:
            current = current[key]
        except (KeyError, IndexError, TypeError):
            current = None
    if isinstance(current, BaseModel):
        current = current.__dict__
    if isinstance(current, dict) and "id" in current:
        node = current
    return tuple(clean), node


def _shorten(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _context_value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    if is_chinese():  # "'g', 'kg' or 't'" -> "'g'、'kg'、't'"
        text = re.sub(r"', '|' or '", "'、'", text)
    return text


def pydantic_message(error: dict) -> str:
    """The message of one pydantic error in the current language."""
    message = error.get("msg", "invalid value")
    template = PYDANTIC_MESSAGES.get(error.get("type", ""))
    if template is None or not is_chinese():
        return message
    context = {k: _context_value(v) for k, v in (error.get("ctx") or {}).items()}
    try:
        return translate(template).format(**context)
    except (KeyError, IndexError, ValueError):
        return message


def node_label(kind: str, node_id: str, name: str = "", name_zh: str = "") -> str:
    """``part 'SHELL' (Body shell)``: a BOM node as messages name it, in the current language.

    The name is the Chinese one (``name_zh``) when the language is Chinese and the node has
    one; ``kind`` is ``part`` or ``assembly``.
    """
    shown = pick(name, name_zh)
    if kind == "assembly":
        text = _("assembly {id!r} ({name})") if shown else _("assembly {id!r}")
    else:
        text = _("part {id!r} ({name})") if shown else _("part {id!r}")
    return text.format(id=node_id, name=shown)


def problems_from_validation(exc: ValidationError, data: Any, prefix: str = "$") -> list[Problem]:
    """Turn every error of a pydantic ``ValidationError`` into a :class:`Problem`.

    Each problem names the JSON path, the part or assembly (id and name) that
    holds the bad value, the field, the rejected value and the rule.
    """
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc, node = _walk(data, tuple(error.get("loc", ())))
        field = str(loc[-1]) if loc and isinstance(loc[-1], str) else None
        message = pydantic_message(error)
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        part_id = None
        where = ""
        if node is not None:
            part_id = str(node.get("id", ""))
            kind = node.get("kind", "part")
            name = node.get("name", "")
            name_zh = node.get("name_zh", "")
            where = node_label(str(kind), part_id, str(name) if name else "",
                               name_zh if isinstance(name_zh, str) else "")
        if error.get("type") not in ("value_error", "assertion_error", "missing") and \
                "input" in error and not isinstance(error["input"], dict | list):
            message = _("{message}; got {value}").format(message=message,
                                                         value=_shorten(error["input"]))
        if error.get("type") == "union_tag_invalid":
            message = _("'kind' must be 'part' or 'assembly'")
        if field and where:
            text = _("{where}, field {field!r}: {message}").format(where=where, field=field,
                                                                    message=message)
        elif field:
            text = _("field {field!r}: {message}").format(field=field, message=message)
        elif where:
            text = _("{where}: {message}").format(where=where, message=message)
        else:
            text = message
        problems.append(Problem(message=text, location=json_path(loc, prefix),
                                part_id=part_id, field=field))
    return problems


class GDModel(BaseModel):
    """Strict, validated base model: unknown fields, NaN and infinity are refused,
    assignments are validated, and failures raise :class:`ModelValidationError`.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        allow_inf_nan=False,
        str_strip_whitespace=True,
        populate_by_name=True,
    )

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _as_model_error(exc, data, type(self).__name__) from None

    # Tell pydantic this __init__ only translates errors, so nested models keep being
    # validated by pydantic-core directly (and their errors keep their full location).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any):  # noqa: D102
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as exc:
            raise _as_model_error(exc, obj, cls.__name__) from None

    def __setattr__(self, name: str, value: Any) -> None:
        try:
            super().__setattr__(name, value)
        except ValidationError as exc:
            data = dict(self.__dict__)
            data[name] = value
            raise _as_model_error(exc, data, type(self).__name__) from None


def _as_model_error(exc: ValidationError, data: Any, what: str) -> ModelValidationError:
    problems = problems_from_validation(exc, data)
    count = len(problems)
    shown = translate(MODEL_NAMES[what]) if is_chinese() and what in MODEL_NAMES else what
    return ModelValidationError(ngettext("Invalid {what}: {count} problem.",
                                         "Invalid {what}: {count} problems.", count).format(
        what=shown, count=count), problems=problems)
