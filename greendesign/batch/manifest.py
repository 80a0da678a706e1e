"""The tasks of a batch: from a folder, a project, a manifest table or ready products.

A task is one design to assess: a file (a ``.gdproj`` project or a ``.csv``/``.xlsx``
BOM) with a variant, an optional scenario file and scenario overrides, or a ready
:class:`~greendesign.model.Product` (for code that builds products in memory).

* **Folder**: every ``.gdproj`` below it gives its baseline, or each of its designs
  (``variants="all"``); every BOM gives one task and takes its scenario (with the service
  life) from ``<stem>.scenario.json`` beside it.
* **Manifest** (CSV or XLSX): one task per row; columns ``file`` (``文件``, relative to the
  manifest), ``variant`` (``方案``), ``scenario`` (``情景``), ``service_life_years``
  (``使用寿命``) and scenario overrides named by their dotted key (``production.grid``,
  ``use.energy_kwh_per_year``, ``end_of_life.region`` ...); a BOM row without a scenario
  takes ``<stem>.scenario.json`` beside the BOM when there is one. An error names the row
  and the column.

Task identity (:func:`input_hash`): SHA-256 over the input file's bytes, the scenario
file's bytes, the variant, the overrides (canonical JSON), the methods and the inventory
data version; the same inputs always give the same hash.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from greendesign.errors import GreenDesignError
from greendesign.i18n import _

PROJECT_SUFFIX = ".gdproj"
BOM_SUFFIXES = (".csv", ".xlsx", ".xlsm")
SCENARIO_SUFFIX = ".scenario.json"
#: Manifest header (lower case, or the Chinese alias) -> column.
ALIASES = {"file": "file", "文件": "file", "variant": "variant", "方案": "variant",
           "scenario": "scenario", "情景": "scenario",
           "service_life_years": "service_life_years", "使用寿命": "service_life_years"}
#: Sections of the scenario a dotted override column may address.
OVERRIDE_ROOTS = ("production", "distribution", "use", "end_of_life", "service_life_years",
                  "electricity_accounting", "transport", "packaging")


class ManifestError(GreenDesignError):
    """A manifest or an input folder cannot be turned into tasks."""


@dataclass(frozen=True)
class BatchTask:
    """One design to assess (a file, or a ready ``product``)."""

    file: str                              # as the results name it (relative path or name)
    variant: str = "baseline"
    path: Path | None = None
    scenario: Path | None = None
    service_life_years: float | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    product: Any = None                    # a ready Product (then path is None)
    row: int | None = None                 # manifest row, for messages

    @property
    def where(self) -> str:
        return (_("{file}, row {row}").format(file=self.file, row=self.row)
                if self.row is not None else self.file)


def product_task(product, name: str | None = None, variant: str = "baseline",
                 overrides: dict[str, Any] | None = None) -> BatchTask:
    """A task of a product built in memory."""
    return BatchTask(file=name or product.name, variant=variant, product=product,
                     overrides=dict(overrides or {}))


# --- identity --------------------------------------------------------------------------

def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)


def input_hash(task: BatchTask, methods, data_version: str, read=None,
               product_json: bytes | None = None) -> str:
    """The task's identity (module docstring); ``read(path)`` returns a file's bytes,
    ``product_json`` is a ready product's JSON (made here when None)."""
    read = read or (lambda p: Path(p).read_bytes())
    digest = hashlib.sha256()
    if task.product is not None:
        # a ready product: its content (JSON, fields in model order) stands for the file
        digest.update(product_json or task.product.model_dump_json().encode())
    else:
        digest.update(read(task.path))
    digest.update(b"\0")
    digest.update(read(task.scenario) if task.scenario else b"")
    for text in (task.variant, canonical_json(task.overrides),
                 canonical_json({"service_life_years": task.service_life_years}),
                 canonical_json([list(m) for m in methods]), data_version):
        digest.update(b"\0" + text.encode())
    return digest.hexdigest()


# --- folders ---------------------------------------------------------------------------

def tasks_from_input(source: Path, variants: str = "baseline",
                     exclude: Path | None = None) -> list[BatchTask]:
    """The tasks of a folder, a project file or a manifest (``.csv``/``.xlsx``)."""
    source = Path(source)
    if source.is_dir():
        return tasks_from_folder(source, variants, exclude)
    if not source.exists():
        raise ManifestError(_("{file} does not exist.").format(file=source),
                            hint=_("Give a folder, a project file or a manifest."))
    if source.suffix.lower() == PROJECT_SUFFIX:
        return project_tasks(source, source.name, variants)
    if source.suffix.lower() in BOM_SUFFIXES:
        return read_manifest(source, variants)
    raise ManifestError(_("{file} is neither a folder, a project nor a manifest.").format(
        file=source), hint=_("Give a folder of .gdproj/.csv/.xlsx files or a manifest CSV/XLSX "
                             "with a 'file' column."))


def project_tasks(path: Path, name: str, variants: str, **extra) -> list[BatchTask]:
    """The baseline of a project, or each design (``variants="all"``), or one named one."""
    if variants != "all":
        return [BatchTask(file=name, variant=variants, path=path, **extra)]
    from greendesign.io.project_file import load_project  # deferred: start-up speed

    try:
        names = load_project(path).design_names
    except GreenDesignError:
        names = ["baseline"]  # the assessment reports why the file cannot be read
    return [BatchTask(file=name, variant=v, path=path, **extra) for v in names]


def tasks_from_folder(folder: Path, variants: str = "baseline",
                      exclude: Path | None = None) -> list[BatchTask]:
    skip = Path(exclude).resolve() if exclude else None
    tasks: list[BatchTask] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if skip is not None and path.resolve().is_relative_to(skip):
            continue
        if path.name.startswith(("~$", ".")):  # Office lock files, hidden files
            continue
        name = path.relative_to(folder).as_posix()
        suffix = path.suffix.lower()
        if suffix == PROJECT_SUFFIX:
            tasks.extend(project_tasks(path, name, variants))
        elif suffix in BOM_SUFFIXES:
            tasks.append(BatchTask(file=name, path=path, scenario=_beside(path)))
    if not tasks:
        raise ManifestError(_("{folder} holds no project or BOM file.").format(folder=folder),
                            hint=_("Put .gdproj, .csv or .xlsx files in it, or give a manifest."))
    return tasks


# --- manifests -------------------------------------------------------------------------

def _cell_error(manifest: Path, row: int, column: str, message: str, hint: str):
    return ManifestError(_("{file}, row {row}, column {column!r}: {message}").format(
        file=manifest, row=row, column=column, message=message), hint=hint)


def _number(text: str, manifest: Path, row: int, column: str) -> float:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise _cell_error(manifest, row, column,
                          _("{value!r} is not a number.").format(value=text),
                          _("Write a number such as 8 or 0.5.")) from None
    if not math.isfinite(value):
        raise _cell_error(manifest, row, column,
                          _("{value!r} is not a number.").format(value=text),
                          _("Write a number such as 8 or 0.5."))
    return value


def _override_value(text: str) -> Any:
    """A cell of an override column: a number when it reads as one, else the text."""
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return text
    return int(value) if value.is_integer() and "." not in text else value


def _columns(table, manifest: Path) -> dict[int, str]:
    """Column index -> column code ('file', ... or a dotted override key)."""
    columns: dict[int, str] = {}
    for i, header in enumerate(table.headers):
        text = (header or "").strip()
        if not text:
            continue
        code = ALIASES.get(text.lower(), ALIASES.get(text))
        if code is None:
            if text.split(".")[0] not in OVERRIDE_ROOTS:
                raise _cell_error(manifest, table.header_row, text,
                                  _("unknown column."),
                                  _("Use file, variant, scenario, service_life_years or a "
                                    "dotted scenario key such as production.grid."))
            code = text
        if code in columns.values():
            raise _cell_error(manifest, table.header_row, text, _("the column is repeated."),
                              _("Keep one column of each name."))
        columns[i] = code
    if "file" not in columns.values():
        raise ManifestError(_("{file}: the manifest has no 'file' (文件) column.").format(
            file=manifest), hint=_("Add a column 'file' with the project or BOM file of each "
                                   "row, relative to the manifest."))
    return columns


def read_manifest(manifest: Path, variants: str = "baseline") -> list[BatchTask]:
    """The tasks of a manifest CSV/XLSX (module docstring); errors name row and column."""
    from greendesign.io.bom_import import read_bom_table  # deferred: start-up speed

    manifest = Path(manifest)
    table = read_bom_table(manifest)
    columns = _columns(table, manifest)
    header = {code: table.headers[i] for i, code in columns.items()}
    tasks: list[BatchTask] = []
    for index, cells in enumerate(table.rows):
        row = table.row_number(index)
        values = {code: (cells[i].strip() if i < len(cells) and cells[i] else "")
                  for i, code in columns.items()}
        if not any(values.values()):
            continue
        tasks.extend(_row_tasks(manifest, row, values, header, variants))
    if not tasks:
        raise ManifestError(_("{file}: the manifest lists no file.").format(file=manifest),
                            hint=_("Add one row per project or BOM file."))
    return tasks


def _existing(manifest: Path, row: int, column: str, text: str) -> Path:
    path = (manifest.parent / text).resolve()
    if not path.is_file():
        raise _cell_error(manifest, row, column,
                          _("the file {name!r} does not exist.").format(name=text),
                          _("Give the path relative to the manifest's folder."))
    return path


def _beside(path: Path) -> Path | None:
    """The scenario file beside a BOM (``<stem>.scenario.json``), if there is one."""
    if path.suffix.lower() == PROJECT_SUFFIX:
        return None
    scenario = path.with_name(path.stem + SCENARIO_SUFFIX)
    return scenario if scenario.is_file() else None


def _row_tasks(manifest: Path, row: int, values: dict[str, str], header: dict[str, str],
               variants: str) -> list[BatchTask]:
    name = values["file"]
    if not name:
        raise _cell_error(manifest, row, header["file"], _("the file is missing."),
                          _("Give the project or BOM file of the row."))
    path = _existing(manifest, row, header["file"], name)
    suffix = path.suffix.lower()
    if suffix not in (PROJECT_SUFFIX, *BOM_SUFFIXES):
        raise _cell_error(manifest, row, header["file"],
                          _("{name!r} is not a project or BOM file.").format(name=name),
                          _("Give a .gdproj, .csv or .xlsx file."))
    scenario = (_existing(manifest, row, header["scenario"], values["scenario"])
                if values.get("scenario") else _beside(path))
    life = (_number(values["service_life_years"], manifest, row, header["service_life_years"])
            if values.get("service_life_years") else None)
    if life is not None and life <= 0:
        raise _cell_error(manifest, row, header["service_life_years"],
                          _("the service life must be more than 0 years."),
                          _("Write the service life in years, e.g. 8."))
    overrides = {code: _override_value(text) for code, text in values.items()
                 if code not in ALIASES.values() and text}
    extra = {"scenario": scenario, "service_life_years": life, "overrides": overrides,
             "row": row}
    variant = values.get("variant") or ""
    if suffix != PROJECT_SUFFIX:
        if variant and variant != "baseline":
            raise _cell_error(manifest, row, header["variant"],
                              _("a BOM file has only the baseline."),
                              _("Leave the variant empty for a BOM, or give a project."))
        return [BatchTask(file=name, path=path, **extra)]
    return project_tasks(path, name, variant or variants, **extra)

