"""The project file (``.gdproj``): JSON, versioned, validated, saved atomically.

Layout (schema version 2)::

    {
      "format": "greendesign-project",
      "schema_version": 2,
      "generator": "GreenDesign 0.1.0",
      "saved_at": "2026-11-22T10:00:00+00:00",
      "product": {...},          # the baseline design (see greendesign.model.Product)
      "variants": [...],         # design alternatives, each a full product copy
      "settings": {...}
    }

Loading refuses a file from a newer schema version, migrates an older one, and
reports every problem with its JSON path. The file is data only: it is parsed
with :func:`json.loads`; nothing in it is executed or unpickled.
"""

from __future__ import annotations

import json
import os
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
from greendesign.io.atomic import atomic_write_text
from greendesign.model import Project

FORMAT = "greendesign-project"
SCHEMA_VERSION = 2
SUFFIX = ".gdproj"
MAX_FILE_BYTES = 64 * 1024 * 1024
_HEADER_KEYS = ("format", "schema_version", "generator", "saved_at")


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


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_project_text(text: str, *, source: str = "<text>") -> Project:
    """Parse, migrate and validate the text of a project file."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            f"{source} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
            hint="The file is damaged; open its autosave or a backup copy.") from None
    except ValueError as exc:
        raise ProjectFileError(f"{source}: {exc}.",
                               hint="Replace NaN or Infinity with a real number.") from None
    except RecursionError:
        raise ProjectFileError(f"{source} is nested too deeply to be a project file.") from None
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
                f"{source} is {size / 1e6:.0f} MB, larger than any project file "
                f"({MAX_FILE_BYTES // 2**20} MiB at most).", hint="Check that it is the right file.")
        raw = source.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(f"{source} does not exist.") from None
    except IsADirectoryError:
        raise ProjectFileError(f"{source} is a folder, not a project file.") from None
    except OSError as exc:
        raise ProjectFileError(f"Cannot read {source}: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(f"{source} is not UTF-8 text (byte {exc.start}).",
                               hint="Project files are UTF-8 JSON; is this a BOM file? "
                                    "Use File > Import BOM for CSV or XLSX.") from None
    return parse_project_text(text, source=str(source))


def project_from_dict(data: Any, *, source: str = "<data>") -> Project:
    """Check the header, migrate older schemas, and validate the body."""
    if not isinstance(data, dict):
        raise ProjectFileError(f"{source} is not a GreenDesign project: the top level is a "
                               f"{type(data).__name__}, not an object.")
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise ProjectFileError(f"{source} is not a GreenDesign project (format {fmt!r}).")
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProjectFileError(f"{source}: 'schema_version' must be a whole number, got "
                               f"{version!r}.", hint="Is this a GreenDesign project file?")
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{source} was written with project schema {version}; this version of GreenDesign "
            f"({__version__}) reads schema {SCHEMA_VERSION} and older.",
            hint="Update GreenDesign to open it; nothing was changed.")
    if version < 1:
        raise ProjectFileError(f"{source}: schema_version {version} does not exist.")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data, source)
        version = data["schema_version"]
    body = {k: v for k, v in data.items() if k not in _HEADER_KEYS}
    try:
        return Project.model_validate(body)
    except ModelValidationError as exc:
        count = len(exc.problems)
        raise ModelValidationError(
            f"{source} has {count} invalid value{'s' if count != 1 else ''}; nothing was "
            "loaded.", problems=exc.problems,
            hint="Fix them in a text editor, or open the autosave.") from None


# --- migrations -------------------------------------------------------------------------

def _tree_from_flat(parts: list[Any], where: str, source: str) -> list[dict[str, Any]]:
    """Build the nested BOM of schema 2 from the flat, parent-linked list of schema 1."""
    if not isinstance(parts, list):
        raise ProjectFileError(f"{source}: {where} must be a list of parts.")
    by_id: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for i, item in enumerate(parts):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(Problem("entry is not a part with a text 'id'", f"{where}[{i}]"))
            continue
        if item["id"] in by_id:
            problems.append(Problem(f"part id {item['id']!r} is used twice", f"{where}[{i}]",
                                    part_id=item["id"], field="id"))
            continue
        by_id[item["id"]] = item
    for part_id, item in by_id.items():
        seen = [part_id]
        parent = item.get("parent")
        while parent is not None:
            if parent == part_id or parent in seen[1:]:
                chain = " > ".join([*seen, parent])
                problems.append(Problem(f"part {part_id!r} is its own ancestor ({chain})",
                                        f"{where}[{parts.index(item)}].parent", part_id=part_id,
                                        field="parent", hint="set 'parent' to a real assembly"))
                break
            if parent not in by_id:
                problems.append(Problem(f"part {part_id!r} names parent {parent!r}, which is "
                                        "not in the list", f"{where}[{parts.index(item)}].parent",
                                        part_id=part_id, field="parent"))
                break
            seen.append(parent)
            parent = by_id[parent].get("parent")
    if problems:
        raise ModelValidationError(f"{source}: the part tree of schema 1 cannot be rebuilt.",
                                   problems=problems)
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


MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {
    1: _migrate_1_to_2,
}
