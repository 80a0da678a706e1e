"""A design's life-cycle model for other LCA tools: Brightway project, Excel, openLCA JSON-LD.

The foreground is the same for every target (:func:`foreground`): one
activity for the product, one for each life-cycle stage and one for the
credits beyond the system boundary, as :mod:`greendesign.lca.lifecycle` models
them. The product activity takes one unit of each stage; the credits (EN 15804
module D) stand beside it and are not part of it, as in the app's totals. Each
stage takes the summed amounts of its model lines on the background datasets
(``greendesign-lci``, the USLCI databases it links to, user databases).

Targets:

Brightway project (:func:`export_brightway`)
    A project in a Brightway base folder (Brightway's default one, where
    Activity Browser 3 looks, unless another is named) holding the product
    database, the background databases it needs and the LCIA methods. The
    app's inventory project is copied, never opened for writing: a separate
    process (``python -m greendesign.lca.export_lci``, ``BRIGHTWAY2_DIR`` set to
    the target) copies its folder (SQLite files through SQLite's backup, so a
    copy is consistent) while this process holds the inventory's
    :func:`~greendesign.inventory.brightway_project.writer_lock`, registers it
    under a staging name, drops the user databases the product does not use,
    writes the product database and only then gives it its name (replacing
    the old project of that name when asked). A failure removes the staging
    project; one left by a killed export is removed by the next export from
    the same inventory.
Excel workbook (:func:`export_excel`)
    bw2io's Excel LCI format (``bw2io.ExcelImporter`` reads it): a Database
    section, then one Activity section per activity with its Exchanges table.
    Exchanges with the background carry its database, name, reference
    product, unit and location, and its key as ``input`` (``database::code``,
    which bw2io turns back into the key); the product's own exchanges link by
    name, so the workbook can be imported under any database name.
JSON-LD zip (:func:`greendesign.lca.export_jsonld.export_jsonld`)
    openLCA 2's exchange format, written with ``olca-schema``: the foreground
    processes, every background process they reach through the inventory's
    supply chains with their exchanges, their product flows, the elementary
    flows (their ids are the biosphere3 codes, the ecoinvent elementary-flow
    UUIDs that openLCA's reference flows carry too), units, flow properties,
    locations, and a product system linking every input to its provider.

Brightway stores amounts in its processed matrices as float32, so a result
computed from the exported Brightway project or workbook differs from the
app's (float64 foreground on the same background) by about 1e-7 relative.
Supplier declared values (:mod:`greendesign.lca.declared`) are scores, not
inventories: the export keeps the inventory datasets they replace in the app
and says so in :attr:`ExportResult.notes`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from greendesign import paths
from greendesign.errors import GreenDesignError
from greendesign.i18n import _, current_language, set_language
from greendesign.inventory.brightway_project import BIOSPHERE, open_inventory, writer_lock
from greendesign.inventory.datasets import GREENDESIGN_DB, USLCI21_DB, USLCI_DB
from greendesign.inventory.user_registry import node_key
from greendesign.io.atomic import atomic_write_bytes
from greendesign.lca.declared import declarations
from greendesign.lca.lifecycle import CREDIT, STAGES, LifecycleModel, build_model
from greendesign.model import Product

TARGETS = ("brightway", "excel", "jsonld")
#: The databases every export carries: the bundled inventory and the biosphere.
BUNDLED = (BIOSPHERE, USLCI_DB, USLCI21_DB, GREENDESIGN_DB)
PRODUCT_CODE = "product"
#: Project names Brightway (and file systems, through the project's folder) accept.
MAX_PROJECT_NAME = 100
_STAGING = ".greendesign-export-"
EXIT_EXISTS = 3

Progress = Callable[[float, str], None]


def _quiet(_fraction: float, _message: str) -> None:
    """The progress callback of an export nobody watches."""


class ExportError(GreenDesignError):
    """The model could not be exported."""


@dataclass(frozen=True)
class Foreground:
    """The product's activities in Brightway's form: code -> activity with its exchanges."""

    database: str
    activities: dict[str, dict]
    notes: tuple[str, ...] = ()

    @property
    def exchanges(self) -> int:
        """The number of exchanges of all the activities (production ones included)."""
        return sum(len(act["exchanges"]) for act in self.activities.values())

    def background_keys(self) -> list[tuple[str, str]]:
        """The background datasets the foreground uses, in order of first use."""
        seen: dict[tuple[str, str], None] = {}
        for act in self.activities.values():
            for exc in act["exchanges"]:
                if exc["input"][0] != self.database:
                    seen.setdefault(tuple(exc["input"]), None)
        return list(seen)


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote (for the command's and the dialog's confirmation)."""

    target: str
    location: str                 # the file, or the project name
    database: str                 # the product database (the product system in JSON-LD)
    activities: int               # foreground activities
    exchanges: int                # foreground exchanges
    background: int               # background processes (JSON-LD) or databases (Brightway)
    base_dir: str = ""            # Brightway base folder of the project
    methods: int = 0              # LCIA methods in the project
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line saying what was written where."""
        if self.target == "brightway":
            return _("Brightway project {project!r} in {folder}: database {database!r} with "
                     "{activities} activities and {exchanges} exchanges, {databases} "
                     "background databases, {methods} LCIA methods.").format(
                project=self.location, folder=self.base_dir, database=self.database,
                activities=self.activities, exchanges=self.exchanges,
                databases=self.background, methods=self.methods)
        if self.target == "excel":
            return _("{file}: Brightway Excel workbook, database {database!r} with {activities} "
                     "activities and {exchanges} exchanges.").format(
                file=self.location, database=self.database, activities=self.activities,
                exchanges=self.exchanges)
        return _("{file}: openLCA JSON-LD, {activities} product processes with {exchanges} "
                 "exchanges and {background} background processes.").format(
            file=self.location, activities=self.activities, exchanges=self.exchanges,
            background=self.background)


# --- the foreground: the one place it is built ----------------------------------------------

def stage_demands(model: LifecycleModel) -> dict[str, dict[str, float]]:
    """Stage -> dataset code -> summed amount of the model's lines."""
    demand: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for line in model.lines:
        demand[line.stage][line.dataset] += line.amount
    return demand


def database_name(product: Product, variant: str = "baseline") -> str:
    """The name of the product's database: the product's name, and the variant's if not
    the baseline."""
    name = product.name.strip() or "product"
    return name if variant == "baseline" else f"{name} / {variant}"


def foreground(product: Product, variant: str = "baseline",
               model: LifecycleModel | None = None, database: str | None = None) -> Foreground:
    """The product's activities: the product, one per stage, the credits (module docstring)."""
    model = model or build_model(product, allow_gaps=True)
    database = database or database_name(product, variant)
    if database in BUNDLED:
        raise ExportError(_("The product's database cannot be named {name!r}: the inventory "
                            "has a database of that name.").format(name=database),
                          hint=_("Rename the product or the variant."))
    demand = stage_demands(model)

    def activity(code: str, name: str, comment: str, inputs: list[tuple]) -> dict:
        return {"name": name, "reference product": name, "unit": "unit", "location": "GLO",
                "type": "processwithreferenceproduct", "comment": comment,
                "exchanges": [{"input": (database, code), "amount": 1.0, "type": "production"}]
                + [{"input": tuple(key), "amount": float(amount), "type": "technosphere"}
                   for key, amount in inputs]}

    activities = {PRODUCT_CODE: activity(
        PRODUCT_CODE, product.name,
        _("{unit}. Cradle to grave: one unit of each life-cycle stage; the credits beyond the "
          "system boundary are the activity {credits!r}, not part of this one.").format(
            unit=product.functional_unit, credits=f"{product.name}: {CREDIT}"),
        [((database, stage), 1.0) for stage in STAGES])}
    for stage in (*STAGES, CREDIT):
        inputs = [(node_key(code), amount) for code, amount in demand.get(stage, {}).items()
                  if amount]
        activities[stage] = activity(stage, f"{product.name}: {stage}",
                                     _("Life-cycle stage {stage} of {product}, per functional "
                                       "unit.").format(stage=stage, product=product.name),
                                     inputs)
    notes = [str(gap) for gap in model.gaps]
    if declarations(product):
        notes.append(_("Supplier declared values are not exported: the lines they cover "
                       "keep their inventory datasets, so results of the export differ from "
                       "the app's where declared values apply."))
    return Foreground(database, activities, tuple(notes))


def write_database(bd, fg: Foreground) -> int:
    """Write ``fg`` as a database of the current project of ``bw2data`` ``bd`` (replaced if
    there); returns the number of activities written. The caller holds the project's lock."""
    data = {(fg.database, code): {**act, "exchanges": [dict(e) for e in act["exchanges"]]}
            for code, act in fg.activities.items()}
    db = bd.Database(fg.database)
    db.register(format="GreenDesign life-cycle model",
                description=_("Written by GreenDesign: the product, its life-cycle stages and "
                              "the credits beyond the system boundary."))
    db.write(data)
    return len(data)


def _background_nodes(bd, fg: Foreground) -> dict[tuple[str, str], object]:
    """The inventory's node of every background dataset of ``fg``; an error names one it
    lacks."""
    found = {}
    for key in fg.background_keys():
        try:
            found[key] = bd.get_node(database=key[0], code=key[1])
        except Exception as exc:  # noqa: BLE001 - bw2data's UnknownObject and its kin
            raise ExportError(_("The inventory has no dataset {code!r} in {database!r}, which "
                                "the model uses.").format(code=key[1], database=key[0]),
                              hint=_("Let the inventory set-up finish, or import the user "
                                     "database again.")) from exc
    return found


def _needed_databases(bd, fg: Foreground) -> list[str]:
    """The bundled databases and every database the foreground reaches, through their
    ``depends`` (the inventory must be open)."""
    todo = list(BUNDLED) + [key[0] for key in fg.background_keys()]
    needed: list[str] = []
    while todo:
        name = todo.pop(0)
        if name in needed:
            continue
        if name not in bd.databases:
            raise ExportError(_("The inventory has no database {name!r}, which the model "
                                "uses.").format(name=name),
                              hint=_("Let the inventory set-up finish, or import the user "
                                     "database again."))
        needed.append(name)
        todo.extend(bd.databases[name].get("depends", []))
    return needed


# --- Brightway project ----------------------------------------------------------------------

def check_project_name(name: str) -> str:
    """``name`` stripped, or an error saying what a project name must be."""
    name = (name or "").strip()
    if not name or len(name) > MAX_PROJECT_NAME or name.startswith(".") or any(
            ord(c) < 32 for c in name):
        raise ExportError(_("{name!r} cannot be the name of a Brightway project.").format(
            name=name), hint=_("Give a name of 1 to {count} characters, without control "
                               "characters, not starting with a dot.").format(
            count=MAX_PROJECT_NAME))
    return name


def export_brightway(product: Product, project: str, variant: str = "baseline",
                     base_dir: str | os.PathLike | None = None, replace: bool = False,
                     model: LifecycleModel | None = None,
                     progress: Progress = _quiet) -> ExportResult:
    """Write the product and its background as the Brightway project ``project``.

    ``base_dir``: the Brightway base folder (created if missing); None: Brightway's
    default one. An existing project of that name is an error unless ``replace``.
    ``progress(fraction, message)`` is told what is being done.
    """
    project = check_project_name(project)
    progress(0.0, _("Building the life-cycle model"))
    fg = foreground(product, variant, model)
    target = Path(base_dir).expanduser() if base_dir else None
    if target is not None:
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(_("Cannot create the Brightway folder {folder}: {reason}.").format(
                folder=target, reason=exc.strerror or exc),
                hint=_("Choose a folder you can write to.")) from exc
    own = paths.brightway_dir().resolve()
    if target is not None and target.resolve() == own:
        raise _same_folder(target)
    with writer_lock():
        bd = open_inventory()
        _background_nodes(bd, fg)
        progress(0.1, _("Copying the inventory and writing the Brightway project"))
        done = run_writer(writer_spec(bd, project, fg, replace), target)
    progress(1.0, _("Exported"))
    return ExportResult("brightway", project, fg.database, done["activities"],
                        done["exchanges"], len(done["databases"]) - 1, done["base_dir"],
                        done["methods"], fg.notes)


def writer_spec(bd, project: str, fg: Foreground, replace: bool) -> dict:
    """What the project writer (:func:`_writer_main`) is told: the inventory project's folder
    and record, the target project, the databases to keep and the foreground."""
    own = paths.brightway_dir().resolve()
    return {"source": str(bd.projects.dir), "source_data": dict(bd.projects.dataset.data),
            "staging": _STAGING + hashlib.sha256(str(own).encode()).hexdigest()[:10],
            "project": project, "replace": replace, "keep": _needed_databases(bd, fg),
            "database": fg.database,
            "activities": {code: {**act, "exchanges": [
                {**e, "input": list(e["input"])} for e in act["exchanges"]]}
                for code, act in fg.activities.items()}}


def _same_folder(folder) -> ExportError:
    return ExportError(_("{folder} is GreenDesign's own Brightway folder.").format(
        folder=folder), hint=_("Export to Brightway's default folder (leave the folder out) "
                               "or to another folder."))


def run_writer(spec: dict, base_dir: Path | None) -> dict:
    """Run the project writer (:func:`_writer_main`) in its own process, pointed at
    ``base_dir`` (Brightway's default folder when None)."""
    env = {k: v for k, v in os.environ.items() if k != "BRIGHTWAY2_DIR"}
    if base_dir is not None:
        env["BRIGHTWAY2_DIR"] = str(base_dir)
    with tempfile.TemporaryDirectory(prefix="greendesign-export-") as scratch:
        spec_path, out_path = Path(scratch) / "spec.json", Path(scratch) / "out.json"
        spec_path.write_text(json.dumps(spec), "utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "greendesign.lca.export_lci", "brightway", "--spec",
             str(spec_path), "--out", str(out_path), "--lang", current_language()],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            check=False)
        if proc.returncode == EXIT_EXISTS:
            raise ExportError(_("A Brightway project {project!r} exists already.").format(
                project=spec["project"]), hint=_("Choose another name, or replace it (--replace "
                                                 "on the command line)."))
        if proc.returncode != 0:
            last = (proc.stderr or "").strip().splitlines()[-1:] or [_("no message")]
            raise ExportError(_("The Brightway project {project!r} could not be written: "
                                "{reason}").format(project=spec["project"], reason=last[0]),
                              hint=_("Nothing was left behind; check the Brightway folder (its "
                                     "free space and write permission) and export again."))
        return json.loads(out_path.read_text("utf-8"))


def _copy_project_dir(source: Path, target: Path) -> None:
    """Copy a project folder; SQLite files through SQLite's backup (a consistent copy even
    while another process reads them), their journals left out."""

    def copy(src, dst):
        if src.endswith(".db"):
            with contextlib.closing(sqlite3.connect(Path(src).as_uri() + "?mode=ro",
                                                    uri=True)) as inp, \
                    contextlib.closing(sqlite3.connect(dst)) as out:
                inp.backup(out)
        else:
            shutil.copy2(src, dst)
        return dst

    shutil.copytree(source, target, copy_function=copy,
                    ignore=shutil.ignore_patterns("*-journal", "*-wal", "*-shm", "write-lock"))


def _writer_main(spec: dict) -> dict:
    """Build the project of ``spec`` in the base folder of ``BRIGHTWAY2_DIR`` (this process's
    only job: bw2data's base folder is process-wide)."""
    with contextlib.redirect_stdout(sys.stderr):  # bw2data prints as it goes
        # deferred: loads Brightway, in the writer process only. A copied folder is
        # registered as bw2data's own copy_project does (ProjectDataset): it has no public
        # call for a folder from another base folder
        import bw2data as bd
        from bw2data.backends import sqlite3_lci_db
        from bw2data.project import ProjectDataset
        from bw_processing import safe_filename

        projects = bd.projects
        base = Path(projects._base_data_dir)  # noqa: SLF001 - no public getter
        source = Path(spec["source"])
        if base.resolve() == source.parent.resolve():
            raise _same_folder(base)
        name, staging = spec["project"], f"{spec['staging']}{os.getpid()}"

        def folder(project: str) -> Path:
            return base / safe_filename(project, full=True)

        # a folder without its record is a project deleted with its folder kept: it stands
        # in the way of the new one's folder all the same
        if (name in projects or folder(name).exists()) and not spec["replace"]:
            raise FileExistsError(name)

        def drop(project: str) -> None:
            if projects.current == project:
                projects.set_current("default", update=False)
            ProjectDataset.delete().where(ProjectDataset.name == project).execute()
            shutil.rmtree(folder(project), ignore_errors=True)

        for left in [p.name for p in projects if p.name.startswith(spec["staging"])]:
            drop(left)  # left by a killed export: this one holds the inventory's lock
        try:
            _copy_project_dir(source, folder(staging))
            ProjectDataset.create(name=staging, data=spec["source_data"], full_hash=True)
            projects.set_current(staging, update=False)
            dropped = [db for db in bd.databases if db not in spec["keep"]]
            for db in dropped:
                del bd.databases[db]
            if dropped:
                sqlite3_lci_db.vacuum()
            activities = {code: {**act, "exchanges": [{**e, "input": tuple(e["input"])}
                                                      for e in act["exchanges"]]}
                          for code, act in spec["activities"].items()}
            fg = Foreground(spec["database"], activities)
            written = write_database(bd, fg)
            result = {"activities": written, "exchanges": fg.exchanges,
                      "databases": sorted(bd.databases), "methods": len(bd.methods),
                      "base_dir": str(base)}
            projects.set_current("default", update=False)
            if name in projects:
                projects.delete_project(name, delete_dir=True)
            shutil.rmtree(folder(name), ignore_errors=True)
            folder(staging).rename(folder(name))
            ProjectDataset.update(name=name).where(ProjectDataset.name == staging).execute()
            (Path(projects._base_logs_dir) / safe_filename(name, full=True)).mkdir(  # noqa: SLF001
                parents=True, exist_ok=True)
        except BaseException:
            drop(staging)
            raise
    return result


# --- Excel ----------------------------------------------------------------------------------

EXCHANGE_COLUMNS = ("name", "amount", "unit", "location", "reference product", "database",
                    "input", "type")


def export_excel(product: Product, path: str | os.PathLike, variant: str = "baseline",
                 model: LifecycleModel | None = None,
                 progress: Progress = _quiet) -> ExportResult:
    """Write the product as a workbook in bw2io's Excel LCI format (module docstring)."""
    from openpyxl import Workbook  # deferred: only the workbook needs it

    path = Path(path)
    progress(0.0, _("Building the life-cycle model"))
    fg = foreground(product, variant, model)
    bd = open_inventory()
    nodes = _background_nodes(bd, fg)
    book = Workbook()
    sheet = book.active
    sheet.title = "Database"
    sheet.append(["Database", fg.database])
    sheet.append(["format", "GreenDesign life-cycle model"])
    for code, act in fg.activities.items():
        sheet.append([])
        sheet.append(["Activity", act["name"]])
        for field in ("code", "reference product", "unit", "location", "type", "comment"):
            sheet.append([field, code if field == "code" else act[field]])
        sheet.append(["Exchanges"])
        sheet.append(list(EXCHANGE_COLUMNS))
        for exc in act["exchanges"]:
            db, other = exc["input"]
            if db == fg.database:  # the product's own: linked by name, whatever the database
                own = fg.activities[other]
                row = {"name": own["name"], "unit": own["unit"], "location": own["location"],
                       "reference product": own["reference product"]}
            else:
                node = nodes[(db, other)]
                row = {"name": node["name"], "unit": node.get("unit", ""),
                       "location": node.get("location", ""),
                       "reference product": node.get("reference product", ""),
                       "database": db, "input": f"{db}::{other}"}
            row.update(amount=exc["amount"], type=exc["type"])
            sheet.append([row.get(column, "") for column in EXCHANGE_COLUMNS])
    progress(0.5, _("Writing {file}").format(file=path.name))
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    progress(1.0, _("Exported"))
    return ExportResult("excel", str(path), fg.database, len(fg.activities), fg.exchanges,
                        len(nodes), notes=fg.notes)


# --- one call for the command line and the dialog -------------------------------------------

def export(product: Product, target: str, where: str | os.PathLike,
           variant: str = "baseline", base_dir: str | os.PathLike | None = None,
           replace: bool = False, progress: Progress = _quiet) -> ExportResult:
    """Export to ``target`` (one of :data:`TARGETS`): ``where`` is the project name
    (brightway) or the file (excel: ``.xlsx``, jsonld: ``.zip``)."""
    if target == "brightway":
        return export_brightway(product, str(where), variant, base_dir, replace,
                                progress=progress)
    if target not in ("excel", "jsonld"):
        raise ExportError(_("Unknown export target {target!r}.").format(target=target),
                          hint=_("Choose one of: {targets}.").format(targets=", ".join(TARGETS)))
    path = Path(where)
    suffix = ".xlsx" if target == "excel" else ".zip"
    if path.suffix.lower() != suffix:
        raise ExportError(_("{file}: the {target} export is written to a {suffix} "
                            "file.").format(file=path, target=target, suffix=suffix),
                          hint=_("Give a file name ending in {suffix}.").format(suffix=suffix))
    if not path.parent.is_dir():
        raise ExportError(_("{file}: the folder {folder} does not exist.").format(
            file=path, folder=path.parent), hint=_("Choose an existing folder."))
    if target == "excel":
        return export_excel(product, path, variant, progress=progress)
    from greendesign.lca.export_jsonld import export_jsonld  # deferred: it imports this module

    return export_jsonld(product, path, variant, progress=progress)


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m greendesign.lca.export_lci")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("brightway", help="internal: write an exported Brightway project")
    p.add_argument("--spec", required=True, type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--lang", default="en", help="the language of the messages")
    args = parser.parse_args(argv)
    set_language(args.lang)
    try:
        result = _writer_main(json.loads(args.spec.read_text("utf-8")))
    except FileExistsError:
        return EXIT_EXISTS
    except GreenDesignError as exc:
        print(exc, file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line of stderr is the reason shown
        print(re.sub(r"\s+", " ", f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1
    args.out.write_text(json.dumps(result), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())

