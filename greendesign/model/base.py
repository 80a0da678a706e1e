"""Base class of the validated product model and the translation of validation
errors into :class:`~greendesign.errors.Problem` lists that name the JSON path,
the part and the field.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from greendesign.errors import ModelValidationError, Problem

_NODE_TAGS = {"part", "assembly"}


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


def problems_from_validation(exc: ValidationError, data: Any, prefix: str = "$") -> list[Problem]:
    """Turn every error of a pydantic ``ValidationError`` into a :class:`Problem`.

    Each problem names the JSON path, the part or assembly (id and name) that
    holds the bad value, the field, the rejected value and the rule.
    """
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc, node = _walk(data, tuple(error.get("loc", ())))
        field = str(loc[-1]) if loc and isinstance(loc[-1], str) else None
        message = error.get("msg", "invalid value")
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        part_id = None
        where = ""
        if node is not None:
            part_id = str(node.get("id", ""))
            kind = node.get("kind", "part")
            name = node.get("name", "")
            where = f"{kind} {part_id!r}" + (f" ({name})" if name else "")
        if error.get("type") not in ("value_error", "assertion_error", "missing") and \
                "input" in error and not isinstance(error["input"], dict | list):
            message += f"; got {_shorten(error['input'])}"
        if error.get("type") == "union_tag_invalid":
            message = "'kind' must be 'part' or 'assembly'"
        if field and where:
            text = f"{where}, field {field!r}: {message}"
        elif field:
            text = f"field {field!r}: {message}"
        elif where:
            text = f"{where}: {message}"
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
    noun = "problem" if count == 1 else "problems"
    return ModelValidationError(f"Invalid {what}: {count} {noun}.", problems=problems)
