"""Reading user databases: EcoSpold 1 and 2, Excel, other Brightway projects.

The format-specific half of :mod:`greendesign.inventory.user_databases`:
bw2io importers set up with progress and cancel (EcoSpold 1 with the lenient
reader of :mod:`greendesign.inventory.ecospold1_reader`), the bookkeeping of
every exchange a strategy takes out or leaves unlinked, and the copy of a
database of another Brightway project, exported by
``python -m greendesign.inventory.user_readers export`` so that project's
folder is opened in its own process.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from greendesign.i18n import _, current_language, set_language
from greendesign.inventory.brightway_project import (
    BIOSPHERE,
    Cancelled,
    Progress,
    delete_databases,
)
from greendesign.inventory.datasets import GREENDESIGN_DB, USLCI_DB
from greendesign.inventory.ecospold1_reader import ecospold1_importer
from greendesign.inventory.ecospold2_reader import ecospold2_importer
from greendesign.inventory.import_report import TOP, ImportReport, count_exchanges, gwp_share
from greendesign.inventory.user_registry import (
    ImportCancelled,
    UserDatabaseError,
    check_name,
    registry_dir,
)


@dataclass(frozen=True)
class UnlinkedExchange:
    """An exchange that did not make it into the written database, and why."""

    database: str
    activity: str
    location: str
    exchange: str
    type: str
    amount: float
    unit: str
    compartment: str
    reason: str


def exchange_row(database: str, ds: dict, exc: dict, reason: str) -> UnlinkedExchange:
    categories = exc.get("categories") or ()
    if isinstance(categories, str):
        categories = (categories,)
    try:
        amount = float(exc.get("amount", 0.0))
    except (TypeError, ValueError):
        amount = float("nan")
    return UnlinkedExchange(database, str(ds.get("name", "")), str(ds.get("location", "")),
                            str(exc.get("name", exc.get("input", ""))), str(exc.get("type", "")),
                            amount, str(exc.get("unit", "")), "/".join(map(str, categories)),
                            reason)


def _signature(ds: dict, exc: dict) -> tuple:
    # only what strategies do not rewrite: they turn text into numbers and tuples
    return (str(ds.get("name")), str(ds.get("location")), str(exc.get("name")),
            str(exc.get("type")))


#: bw2io strategies whose names say they take exchanges out: watched exchange by exchange
_REMOVING = ("delete_", "drop_", "remove_")


def apply_strategies(importer, database: str, unlinked: list[UnlinkedExchange],
                      report: Progress, start: float, span: float, stop: Cancelled) -> None:
    """Run the importer's strategies, recording every exchange a strategy takes out.

    Strategies named ``delete_*``, ``drop_*`` or ``remove_*`` are watched
    exchange by exchange; for the others only the count is compared (cheap on
    an ecoinvent-sized import), and a drop is still reported, as a count.
    """
    strategies = list(importer.strategies)
    for i, strategy in enumerate(strategies):
        if stop():
            raise ImportCancelled(_("The import was cancelled; nothing was written."))
        name = getattr(strategy, "__name__", "") or getattr(
            getattr(strategy, "func", None), "__name__", "a bw2io strategy")
        report(start + span * i / max(1, len(strategies)), _("Linking: {step}").format(
            step=name))
        watched = name.startswith(_REMOVING)
        before: collections.Counter = collections.Counter()
        where = {}
        count = 0
        for ds in importer.data:
            exchanges = ds.get("exchanges", [])
            count += len(exchanges)
            if watched:
                for exc in exchanges:
                    sig = _signature(ds, exc)
                    before[sig] += 1
                    where.setdefault(sig, (ds, exc))
        importer.data = strategy(importer.data)
        if watched:
            after = collections.Counter(_signature(ds, exc) for ds in importer.data
                                        for exc in ds.get("exchanges", []))
            for sig, n in (before - after).items():
                ds, exc = where[sig]
                row = exchange_row(database, ds, exc, _("removed by bw2io strategy "
                                                        "{strategy}").format(strategy=name))
                unlinked.extend([row] * n)
        else:
            lost = count - sum(len(ds.get("exchanges", [])) for ds in importer.data)
            if lost > 0:
                unlinked.append(UnlinkedExchange(
                    database, _("(several)"), "", _("{count} exchange(s)").format(count=lost),
                    "", float("nan"), "", "",
                    _("removed by bw2io strategy {strategy}").format(strategy=name)))


def _unlinked_reason(exc: dict) -> str:
    if exc.get("type") == "biosphere":
        why = exc.get("unlinked reason")
        if why == "no compartment":
            return _("the source names no compartment, its flow id is not in "
                     "lca_data/linking/flow_ids.csv, and biosphere3 has the name in several "
                     "compartments")
        if why == "unknown compartment":
            return _("its compartment is not one lca_data/linking/contexts.csv knows")
        return _("no elementary flow of biosphere3 matches it (lca_data/linking/"
                 "flow_synonyms.csv holds the other names of flows)")
    if exc.get("ambiguous"):
        return _("{count} datasets match its name, unit and location, and the source names "
                 "no provider").format(count=exc["ambiguous"])
    return _("no dataset provides this product")


def _is_input(exc: dict) -> bool:
    """Whether an elementary exchange is taken from nature (a resource)."""
    if exc.get("input group"):
        return True
    if exc.get("output group"):
        return False
    if isinstance(exc.get("is input"), bool):
        return exc["is input"]
    categories = exc.get("categories") or ()
    categories = (categories,) if isinstance(categories, str) else categories
    return any(str(c).casefold() in ("natural resource", "resource", "resources", "raw")
               for c in categories)


def link_elementary(bd, data: list[dict], report: ImportReport, linker=None):
    """Link the elementary exchanges the importer left unlinked with the shared linker
    (:mod:`greendesign.inventory.flow_linking`), converting units by the synonyms'
    factors; count how each was linked."""
    from bw2io.utils import rescale_exchange  # deferred: loads Brightway

    from greendesign.inventory.flow_linking import FlowLinker, Link

    linker = linker or FlowLinker.for_imports(bd)
    methods: collections.Counter = collections.Counter()
    for ds in data:
        for exc in ds.get("exchanges", []):
            if exc.get("type") != "biosphere":
                continue
            if exc.get("input"):
                methods["bw2io"] += 1
                continue
            found = linker.link_exchange(exc, _is_input(exc))
            if isinstance(found, Link):
                exc["input"] = (BIOSPHERE, found.code)
                if found.factor != 1.0:
                    rescale_exchange(exc, found.factor)
                methods[found.how] += 1
            else:
                exc["unlinked reason"] = found
    report.elementary_by_method = dict(methods)
    return linker


def drop_unlinked(data: list[dict], database: str, unlinked: list[UnlinkedExchange]) -> None:
    """Take out what is still unlinked after matching; record each."""
    for ds in data:
        kept = []
        for exc in ds.get("exchanges", []):
            if exc.get("input"):
                kept.append(exc)
                continue
            unlinked.append(exchange_row(database, ds, exc, _unlinked_reason(exc)))
        ds["exchanges"] = kept


def excel_importer(path: Path, name: str, report: Progress):
    import bw2io  # deferred: loads Brightway

    if not path.is_file():
        raise UserDatabaseError(_("{file} does not exist.").format(file=path),
                                hint=_("Choose an .xlsx workbook."))
    report(0.1, _("Reading {file}").format(file=path.name))
    try:
        importer = bw2io.ExcelImporter(str(path))
    except Exception as exc:  # noqa: BLE001 - bw2io raises plain errors on bad workbooks
        raise UserDatabaseError(
            _("{file} is not a workbook in the Brightway Excel format: {error}.").format(
                file=path, error=f"{type(exc).__name__}: {exc}"),
            hint=_("The first sheet needs a 'Database' section (cell A1 'Database', then its "
                   "name) and one 'Activity' section per dataset with an 'Exchanges' table; "
                   "see docs/user-databases.md.")) from exc
    if not getattr(importer, "data", None):
        raise UserDatabaseError(_("{file} holds no activities.").format(file=path),
                                hint=_("Add 'Activity' sections with their exchanges."))
    importer.db_name = name
    for ds in importer.data:
        ds["database"] = name
    # links inside the workbook and to the bundled databases; the name the workbook gives
    # itself is replaced by the chosen one
    return importer


def link_excel(importer, name: str) -> None:
    for exc in (e for ds in importer.data for e in ds.get("exchanges", [])):
        if exc.get("type") == "technosphere" and exc.get("database") not in (None, name):
            exc.pop("database", None)  # match across the listed databases by name
    importer.match_database(fields=("name", "reference product", "unit", "location"))
    # the bundled datasets are named by their catalogue code (``pp``) and USLCI by its
    # process name, both unique; units are not compared (bw2io spells kg "kilogram")
    importer.match_database(GREENDESIGN_DB, fields=("name",))
    importer.match_database(USLCI_DB, fields=("name",))


def _importer(fmt: str, source: Path, name: str, report: Progress, stop: Cancelled):
    if fmt == "ecospold2":
        return ecospold2_importer(source, name, report, stop)
    if fmt == "ecospold1":
        return ecospold1_importer(source, name, report, stop)
    if fmt == "jsonld":
        from greendesign.inventory.jsonld_reader import jsonld_importer

        return jsonld_importer(source, name, report, stop)
    if fmt == "simapro":
        from greendesign.inventory.simapro_reader import simapro_importer

        return simapro_importer(source, name, report, stop)
    return excel_importer(source, name, report)


def import_with_bw2io(bd, fmt: str, source: Path, name: str, report: Progress,
                       stop: Cancelled, unlinked: list[UnlinkedExchange],
                       warnings: list[str], summary: ImportReport) -> list[str]:
    summary.source, summary.format = str(source), fmt
    with contextlib.redirect_stdout(sys.stderr):  # bw2io prints as it goes
        importer = _importer(fmt, source, name, report, stop)
        summary.producer = ", ".join(sorted(getattr(importer, "producers", {}) or {}))
        read = len(importer.data) + len(getattr(importer, "skipped", ()))
        apply_strategies(importer, name, unlinked, report, 0.5, 0.25, stop)
        for kind, count in getattr(importer, "schema_problems", collections.Counter()).most_common():
            warnings.append(_("{count} x EcoSpold 1 schema violation passed over: "
                              "{kind}").format(count=count, kind=kind))
        if fmt == "excel":
            link_excel(importer, name)
        report(0.78, _("Linking elementary flows"))
        linker = link_elementary(bd, importer.data, summary)
        for ds, exc, why in getattr(importer, "cutoff", ()):
            unlinked.append(exchange_row(name, ds, exc, why))
        drop_unlinked(importer.data, name, unlinked)
        skipped = list(getattr(importer, "skipped", ()))
        summary.skipped = skipped
        summary.datasets_read = read
        summary.datasets_imported = len(importer.data)
        if not importer.data:
            raise UserDatabaseError(
                _("No dataset of {source} could be imported.").format(source=source),
                hint=(_("The first left out: {where}: {reason}").format(
                    where=skipped[0][0], reason=skipped[0][1]) if skipped else
                    _("Check the format chosen for the source.")))
        _summarise(summary, bd, importer.data, unlinked, linker)
        if stop():
            raise ImportCancelled(_("The import was cancelled; nothing was written."))
        codes = [ds.get("code") for ds in importer.data]
        duplicate = next((c for c, n in collections.Counter(codes).items() if n > 1), None)
        if duplicate is not None:
            raise UserDatabaseError(
                _("Two datasets of {source} share the code {code!r}.").format(
                    source=source, code=duplicate),
                hint=_("Give every activity its own code (or leave the code empty so one is "
                       "made from its name, product, unit and location)."))
        report(0.85, _("Writing {count} datasets").format(count=f"{len(importer.data):,}"))
        delete_databases(bd, [name])
        try:
            importer.write_database(db_name=name, delete_existing=True)
        except Exception:
            delete_databases(bd, [name])  # never leave a half-written database behind
            raise
    return [name]


def _summarise(summary: ImportReport, bd, data: list[dict],
               unlinked: list[UnlinkedExchange], linker) -> None:
    kinds = collections.Counter(row.type for row in unlinked)
    summary.exchanges = count_exchanges(data, kinds)
    summary.unlinked_by_reason = dict(collections.Counter(row.reason for row in unlinked))
    flows = collections.Counter((row.exchange, row.compartment, row.unit) for row in unlinked
                                if row.type == "biosphere")
    summary.top_unlinked = [(n, c, u, k) for (n, c, u), k in flows.most_common(TOP)]
    summary.gwp_unlinked_share = gwp_share(bd, data, unlinked, linker)


def copy_brightway(bd, project: str, database: str, name: str, base_dir: Path | None,
                    report: Progress, stop: Cancelled, unlinked: list[UnlinkedExchange]
                    ) -> list[str]:
    if not project or not database:
        raise UserDatabaseError(_("Name the Brightway project and the database to copy."),
                                hint=_("e.g. project 'my-project', database 'my-suppliers'."))
    exported = export_project_database(project, database, base_dir, stop)
    if stop():
        raise ImportCancelled(_("The import was cancelled; nothing was written."))
    names = {db: (name if db == database else f"{name} / {db}") for db in exported["databases"]}
    for target in names.values():
        check_name(target, True)
    by_code = {flow["code"] for flow in bd.Database(BIOSPHERE)}
    by_name = {}
    for flow in bd.Database(BIOSPHERE):
        by_name.setdefault((flow["name"], tuple(flow.get("categories", ())), flow.get("unit")),
                           flow["code"])
    written = []
    total = sum(len(acts) for acts in exported["databases"].values())
    done = 0
    data_by_db: dict[str, dict] = {}
    for src_db, activities in exported["databases"].items():
        target = names[src_db]
        data = {}
        for act in activities:
            done += 1
            if done % 200 == 0:
                report(0.4 + 0.4 * done / total, _("Linking {number} of {count} "
                                                   "datasets").format(number=f"{done:,}",
                                                                      count=f"{total:,}"))
            exchanges = []
            for exc in act["exchanges"]:
                kind = exc["type"]
                if kind == "biosphere":
                    flow = exc["flow"]
                    code = flow["code"] if flow["code"] in by_code else by_name.get(
                        (flow["name"], tuple(flow["categories"]), flow["unit"]))
                    if code is None:
                        unlinked.append(exchange_row(target, act, {
                            **exc, "name": flow["name"], "categories": flow["categories"],
                            "unit": flow["unit"]},
                            _("no elementary flow of biosphere3 has this code, or this name, "
                              "compartment and unit")))
                        continue
                    exchanges.append({**exc["fields"], "input": (BIOSPHERE, code),
                                      "amount": exc["amount"], "type": "biosphere"})
                else:
                    db, code = exc["input"]
                    if db not in names:
                        unlinked.append(exchange_row(target, act, exc,
                                                      _("its provider is in {database!r}, which "
                                                        "was not exported").format(database=db)))
                        continue
                    exchanges.append({**exc["fields"], "input": (names[db], code),
                                      "amount": exc["amount"], "type": kind})
            data[(target, act["code"])] = {**act["fields"], "name": act["name"],
                                           "exchanges": exchanges}
        data_by_db[target] = data
    report(0.85, _("Writing {count} datasets").format(count=f"{total:,}"))
    delete_databases(bd, data_by_db)
    try:
        for target, data in data_by_db.items():
            db = bd.Database(target)
            source_db = next(src for src, dst in names.items() if dst == target)
            db.register(format="Brightway project copy", source=f"{project} / {source_db}")
            db.write(data, process=False)  # processed once all are written: they link
            written.append(target)
        for target in written:
            bd.Database(target).process()
    except Exception:
        delete_databases(bd, data_by_db)
        raise
    return written


# --- exporting a database of another Brightway project (in a separate process) ------------

def export_project_database(project: str, database: str, base_dir: Path | None,
                            stop: Cancelled | None = None) -> dict:
    """Read ``database`` and its technosphere dependencies from another Brightway project.

    Runs ``python -m greendesign.inventory.user_readers export`` so the other
    base folder is opened in its own process, read-only and without
    Brightway's automatic project updates.
    """
    env = {k: v for k, v in os.environ.items() if k != "BRIGHTWAY2_DIR"}
    if base_dir is not None:
        env["BRIGHTWAY2_DIR"] = str(base_dir)
    out = registry_dir() / f".export-{os.getpid()}-{threading.get_ident()}.json"
    cmd = [sys.executable, "-m", "greendesign.inventory.user_readers", "export",
           "--project", project, "--database", database, "--out", str(out),
           "--lang", current_language()]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    try:
        while True:
            try:
                _out, err = proc.communicate(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if stop is not None and stop():
                    proc.kill()
                    proc.communicate()
                    raise ImportCancelled(
                        _("The import was cancelled; nothing was written.")) from None
        if proc.returncode != 0:
            last = (err or "").strip().splitlines()[-1:] or [_("no message")]
            raise UserDatabaseError(
                _("The database {database!r} of the Brightway project {project!r} could not be "
                  "read: {reason}").format(database=database, project=project, reason=last[0]),
                hint=_("Check the project and database names (Activity Browser shows them) and "
                       "the Brightway folder."))
        return json.loads(out.read_text("utf-8"))
    finally:
        out.unlink(missing_ok=True)


def _export_main(project: str, database: str, out: Path) -> int:
    with contextlib.redirect_stdout(sys.stderr):
        import bw2data as bd  # deferred: loads Brightway, in the helper process only

        if project not in bd.projects:
            print(_("there is no project {project!r} in {folder}").format(
                project=project, folder=bd.projects._base_data_dir),  # noqa: SLF001
                  file=sys.stderr)
            return 2
        bd.projects.set_current(project, writable=False, update=False)
        if database not in bd.databases:
            print(_("project {project!r} has no database {database!r}; it has: "
                    "{databases}").format(project=project, database=database,
                                          databases=", ".join(sorted(bd.databases))),
                  file=sys.stderr)
            return 2
        todo, done = [database], {}
        while todo:
            name = todo.pop()
            if name in done:
                continue
            db = bd.Database(name)
            if db.metadata.get("type") == "biosphere" or name.startswith("biosphere"):
                continue
            acts = []
            for node in db:
                exchanges = []
                for exc in node.exchanges():
                    kind = exc["type"]
                    fields = {k: v for k, v in exc.as_dict().items()
                              if k in ("uncertainty type", "loc", "scale", "shape", "minimum",
                                       "maximum", "comment", "pedigree")}
                    item = {"type": kind, "amount": float(exc["amount"]), "fields": fields,
                            "name": exc.input.get("name", ""), "unit": exc.input.get("unit", "")}
                    if kind == "biosphere":
                        flow = exc.input
                        item["flow"] = {"code": flow["code"], "name": flow["name"],
                                        "categories": list(flow.get("categories", ())),
                                        "unit": flow.get("unit", "")}
                    else:
                        provider = exc.input["database"]
                        item["input"] = [provider, exc.input["code"]]
                        if provider != name and provider not in done and provider not in todo:
                            todo.append(provider)
                    exchanges.append(item)
                keep = {k: v for k, v in node.as_dict().items()
                        if k in ("reference product", "location", "unit", "type", "comment",
                                 "classifications")}
                acts.append({"code": node["code"], "name": node["name"],
                             "location": node.get("location", ""), "fields": keep,
                             "exchanges": exchanges})
            done[name] = acts
    out.write_text(json.dumps({"databases": done}), "utf-8")
    return 0

def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m greendesign.inventory.user_readers")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("export", help="internal: dump a database of another Brightway project")
    p.add_argument("--project", required=True)
    p.add_argument("--database", required=True)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--lang", default="en", help="the language of the messages")
    args = parser.parse_args(argv)
    set_language(args.lang)
    return _export_main(args.project, args.database, args.out)


if __name__ == "__main__":
    raise SystemExit(_main())
