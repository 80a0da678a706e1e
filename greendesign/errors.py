"""Typed errors of the GreenDesign core.

Every error says what is wrong, where (file, row, column, part, field) and how to
fix it. The desktop UI turns them into dialogs, the CLI into a message and a
non-zero exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from greendesign.i18n import _


@dataclass(frozen=True)
class Problem:
    """One problem found in user input.

    Attributes
    ----------
    message
        What is wrong, in one sentence.
    location
        Where: a JSON path (``$.product.bom[0].mass_kg``), a ``row 12, column
        'mass'`` pair, or a part id; empty when the problem is global.
    hint
        How to fix it.
    part_id
        The id of the part or assembly concerned, when there is one.
    field
        The name of the field concerned, when there is one.
    row
        1-based row number in the source file (header = row 1), when there is one.
    column
        Column name in the source file, when there is one.
    """

    message: str
    location: str = ""
    hint: str = ""
    part_id: str | None = None
    field: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        text = _("{location}: {message}").format(location=self.location, message=self.message) \
            if self.location else self.message
        if self.hint:
            text = _("{text} ({hint})").format(text=text, hint=self.hint)
        return text


class GreenDesignError(Exception):
    """Base class of every error the core raises on purpose."""

    def __init__(self, message: str, *, problems: list[Problem] | None = None,
                 hint: str = "") -> None:
        self.message = message
        self.hint = hint
        self.problems: list[Problem] = list(problems or [])
        super().__init__(self.__str__())

    def __str__(self) -> str:
        lines = [self.message]
        if self.hint:
            lines[0] = _("{message} {hint}").format(message=self.message, hint=self.hint)
        lines.extend(f"  - {problem}" for problem in self.problems)
        return "\n".join(lines)


class ModelValidationError(GreenDesignError, ValueError):
    """A product, part, scenario or variant has invalid values."""


class UnitError(ModelValidationError):
    """A quantity was given in a unit the app does not know."""


class ProjectFileError(GreenDesignError):
    """A project file cannot be read: missing, not JSON, or invalid content."""


class SchemaVersionError(ProjectFileError):
    """A project file was written by a newer schema version than this app reads."""


class BomImportError(GreenDesignError):
    """A BOM file cannot be imported; nothing was changed."""


class SaveError(GreenDesignError):
    """A file could not be written; the previous version on disk is intact."""


@dataclass
class Report:
    """Problems and warnings collected by a check that does not stop at the first."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors
