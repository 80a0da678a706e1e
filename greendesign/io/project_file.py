"""The project file (``.gdproj``): JSON, versioned, validated, saved atomically.

Layout (schema version 3)::

    {
      "format": "greendesign-project",
      "schema_version": 3,
      "generator": "GreenDesign 0.1.0",
      "saved_at": "2026-11-22T10:00:00+00:00",
      "product": {...},          # the baseline design (see greendesign.model.Product)
      "variants": [...],         # design alternatives, each a full product copy
      "settings": {...},
      "evidence": {...}          # what the evidence pack needs (greendesign.evidence.record)
    }

Schema history: 1 kept the BOM as a flat list of parts; 2 nests it; 3 adds ``evidence``
(applicant, specification profile, evidence register; empty in a migrated file).

Loading refuses a file from a newer schema version, migrates an older one, and
reports every problem with its JSON path. The file is data only: it is parsed
with :func:`json.loads`; nothing in it is executed or unpickled.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from greendesign import __version__
from greendesign.errors import (
    ModelValidationError,
    Problem,
    ProjectFileError,
    SchemaVersionError,
)
from greendesign.evidence.record import EvidenceRecord
from greendesign.i18n import N_, _, ngettext, translate
from greendesign.io.atomic import atomic_write_text
from greendesign.io.bom_table import paused_gc
from greendesign.model import Project

FORMAT = "greendesign-project"
SCHEMA_VERSION = 3
SUFFIX = ".gdproj"
MAX_FILE_BYTES = 64 * 1024 * 1024
_HEADER_KEYS = ("format", "schema_version", "generator", "saved_at")
#: What Python's JSON reader says is wrong, to translate (``json.JSONDecodeError.msg``).
JSON_ERRORS = {
    "Expecting value": N_("Expecting value"),
    "Expecting property name enclosed in double quotes":
        N_("Expecting property name enclosed in double quotes"),
    "Expecting ',' delimiter": N_("Expecting ',' delimiter"),
    "Expecting ':' delimiter": N_("Expecting ':' delimiter"),
    "Extra data": N_("Extra data"),
    "Unterminated string starting at": N_("Unterminated string starting at"),
    "Invalid control character at": N_("Invalid control character at"),
    "Invalid \\escape": N_("Invalid \\escape"),
    "Illegal trailing comma before end of object":
        N_("Illegal trailing comma before end of object"),
    "Illegal trailing comma before end of array":
        N_("Illegal trailing comma before end of array"),
}


def project_to_dict(project: Project) -> dict[str, Any]:
    """The JSON-ready content of a project file."""
    body = project.model_dump(mode="json")
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "generator": f"GreenDesign {__version__}",
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **body,
    }


def dumps_project(project: Project) -> str:
    """Serialise a project to the text of a ``.gdproj`` file."""
    return json.dumps(project_to_dict(project), ensure_ascii=False, indent=1,
                      allow_nan=False) + "\n"


def save_project(project: Project, path: str | os.PathLike[str]) -> Path:
    """Save atomically: the file on disk is always the old or the new version.

    Raises :class:`~greendesign.errors.SaveError` when the file cannot be
    written, :class:`~greendesign.errors.ModelValidationError` when the project
    was edited into an invalid state (nothing is written then).
    """
    target = Path(path)
    project.product.check()
    for variant in project.variants:
        variant.product.check()
    atomic_write_text(target, dumps_project(project))
    return target


class _NotANumber(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity`` in the JSON text."""


def _reject_constant(name: str) -> Any:
    raise _NotANumber(_("{name} is not a number JSON allows").format(name=name))


def parse_project_text(text: str, *, source: str = "<text>") -> Project:
    """Parse, migrate and validate the text of a project file."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        reason = translate(JSON_ERRORS[exc.msg]) if exc.msg in JSON_ERRORS else exc.msg
        raise ProjectFileError(
            _("{file} is not valid JSON: {reason} at line {line}, column {column}.").format(
                file=source, reason=reason, line=exc.lineno, column=exc.colno),
            hint=_("The file is damaged; open its autosave or a backup copy.")) from None
    except _NotANumber as exc:
        raise ProjectFileError(_("{file}: {reason}.").format(file=source, reason=exc),
                               hint=_("Replace NaN or Infinity with a real number.")) from None
    except ValueError:  # an integer over Python's limit of digits
        raise ProjectFileError(_("{file} holds a whole number of more than {most} "
                                 "digits.").format(file=source,
                                                   most=sys.get_int_max_str_digits()),
                               hint=_("The file is damaged; open its autosave or a backup "
                                      "copy.")) from None
    except RecursionError:
        raise ProjectFileError(_("{file} is nested too deeply to be a project file.").format(
            file=source)) from None
    return project_from_dict(data, source=source)


def load_project(path: str | os.PathLike[str]) -> Project:
    """Read a ``.gdproj`` file.

    Raises
    ------
    ProjectFileError
        The file is missing, not UTF-8 JSON, or not a GreenDesign project.
    SchemaVersionError
        The file comes from a newer version of the app.
    ModelValidationError
        The content is invalid; every problem carries its JSON path.
    """
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProjectFileError(
                _("{file} is {size} MB, larger than any project file ({most} MiB at "
                  "most).").format(file=source, size=f"{size / 1e6:.0f}",
                                   most=MAX_FILE_BYTES // 2**20),
                hint=_("Check that it is the right file."))
        raw = source.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(_("{file} does not exist.").format(file=source)) from None
    except IsADirectoryError:
        raise ProjectFileError(_("{file} is a folder, not a project file.").format(
            file=source)) from None
    except OSError as exc:
        raise ProjectFileError(_("Cannot read {file}: {reason}.").format(
            file=source, reason=exc.strerror or exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(_("{file} is not UTF-8 text (byte {byte}).").format(
            file=source, byte=exc.start),
            hint=_("Project files are UTF-8 JSON; is this a BOM file? Use File > Import BOM "
                   "for CSV or XLSX.")) from None
    # a large project makes a million small objects, none of them garbage: the collector's
    # passes over them while they are made would cost more than reading them (50,000 parts:
    # 2.5 s instead of 0.8 s)
    with paused_gc():
        return parse_project_text(text, source=str(source))


def project_from_dict(data: Any, *, source: str = "<data>") -> Project:
    """Check the header, migrate older schemas, and validate the body."""
    if not isinstance(data, dict):
        raise ProjectFileError(_("{file} is not a GreenDesign project: the top level is a "
                                 "{type}, not an object.").format(file=source,
                                                                   type=type(data).__name__))
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise ProjectFileError(_("{file} is not a GreenDesign project (format "
                                 "{format!r}).").format(file=source, format=fmt))
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProjectFileError(_("{file}: 'schema_version' must be a whole number, got "
                                 "{version!r}.").format(file=source, version=version),
                               hint=_("Is this a GreenDesign project file?"))
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            _("{file} was written with project schema {version}; this version of GreenDesign "
              "({app}) reads schema {schema} and older.").format(
                file=source, version=version, app=__version__, schema=SCHEMA_VERSION),
            hint=_("Update GreenDesign to open it; nothing was changed."))
    if version < 1:
        raise ProjectFileError(_("{file}: schema_version {version} does not exist.").format(
            file=source, version=version))
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data, source)
        version = data["schema_version"]
    body = {k: v for k, v in data.items() if k not in _HEADER_KEYS}
    try:
        return Project.model_validate(body)
    except ModelValidationError as exc:
        count = len(exc.problems)
        raise ModelValidationError(
            ngettext("{file} has {count} invalid value; nothing was loaded.",
                     "{file} has {count} invalid values; nothing was loaded.", count).format(
                file=source, count=count), problems=exc.problems,
            hint=_("Fix them in a text editor, or open the autosave.")) from None


# --- migrations -------------------------------------------------------------------------

def _tree_from_flat(parts: list[Any], where: str, source: str) -> list[dict[str, Any]]:
    """Build the nested BOM of schema 2 from the flat, parent-linked list of schema 1."""
    if not isinstance(parts, list):
        raise ProjectFileError(_("{file}: {where} must be a list of parts.").format(
            file=source, where=where))
    by_id: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for i, item in enumerate(parts):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(Problem(_("entry is not a part with a text 'id'"), f"{where}[{i}]"))
            continue
        if item["id"] in by_id:
            problems.append(Problem(_("part id {id!r} is used twice").format(id=item["id"]),
                                    f"{where}[{i}]", part_id=item["id"], field="id"))
            continue
        by_id[item["id"]] = item
    for part_id, item in by_id.items():
        seen = [part_id]
        parent = item.get("parent")
        while parent is not None:
            if parent == part_id or parent in seen[1:]:
                chain = " > ".join([*seen, parent])
                problems.append(Problem(_("part {id!r} is its own ancestor ({chain})").format(
                    id=part_id, chain=chain), f"{where}[{parts.index(item)}].parent",
                    part_id=part_id, field="parent",
                    hint=_("set 'parent' to a real assembly")))
                break
            if parent not in by_id:
                problems.append(Problem(_("part {id!r} names parent {parent!r}, which is not in "
                                          "the list").format(id=part_id, parent=parent),
                                        f"{where}[{parts.index(item)}].parent",
                                        part_id=part_id, field="parent"))
                break
            seen.append(parent)
            parent = by_id[parent].get("parent")
    if problems:
        raise ModelValidationError(_("{file}: the part tree of schema 1 cannot be "
                                     "rebuilt.").format(file=source), problems=problems)
    children: dict[str | None, list[str]] = {}
    for part_id, item in by_id.items():
        children.setdefault(item.get("parent"), []).append(part_id)

    def build(part_id: str) -> dict[str, Any]:
        node = {k: v for k, v in by_id[part_id].items() if k not in ("parent", "mass_g")}
        if part_id in children:
            node["kind"] = "assembly"
            node.pop("material", None)
            node["children"] = [build(c) for c in children[part_id]]
        else:
            node["kind"] = "part"
            mass_g = by_id[part_id].get("mass_g")
            node["mass_kg"] = mass_g / 1000.0 if isinstance(mass_g, int | float) else mass_g
            node["mass_unit"] = "g"
        return node

    return [build(root) for root in children.get(None, [])]


def _migrate_1_to_2(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Schema 1 (the pre-release format) kept the BOM as a flat list ``parts`` with
    ``parent`` ids and masses in grams (``mass_g``); schema 2 nests assemblies
    (``bom`` with ``children``) and stores ``mass_kg`` with the entry unit."""
    out = dict(data)

    def product(p: Any, where: str) -> Any:
        if not isinstance(p, dict):
            return p
        p = dict(p)
        p["bom"] = _tree_from_flat(p.pop("parts", []), f"{where}.parts", source)
        return p

    out["product"] = product(data.get("product"), "$.product")
    variants = data.get("variants", [])
    if isinstance(variants, list):
        out["variants"] = [
            {**v, "product": product(v.get("product"), f"$.variants[{i}].product")}
            if isinstance(v, dict) else v for i, v in enumerate(variants)]
    out["schema_version"] = 2
    return out


def _migrate_2_to_3(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Schema 3 adds the project's ``evidence`` record (applicant, specification profile,
    evidence register): a file of schema 2 gets the empty record."""
    out = dict(data)
    if "evidence" in out:
        raise ProjectFileError(_("{file}: a file of schema 2 has no 'evidence'; this one "
                                 "has.").format(file=source),
                               hint=_("Set 'schema_version' to 3 if the file was written by a "
                                      "newer GreenDesign."))
    out["evidence"] = EvidenceRecord().model_dump(mode="json")
    out["schema_version"] = 3
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}
