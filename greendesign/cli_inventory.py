"""``greendesign-cli inventory``: search the catalogue and manage user databases."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from greendesign.i18n import _, is_chinese
from greendesign.progress import progress_bar

EXIT_OK = 0


def cmd_search(args: argparse.Namespace) -> int:
    from greendesign.inventory.user_catalogue import search_datasets  # deferred: start-up speed

    hits = search_datasets(args.text, args.kind, args.geography, limit=args.limit,
                           include_user=not args.bundled_only)
    if args.format == "csv":  # data: the codes, the same in every language
        bundled, no_data = "bundled", "bundled, no data yet"
    else:
        bundled, no_data = _("bundled"), _("bundled, no data yet")
    rows = [(h.entry.code, h.entry.kind, h.entry.unit, h.geography, h.entry.name_en,
             h.entry.name_zh, h.entry.origin or (bundled if h.has_data else no_data))
            for h in hits]
    if not rows:
        print(_("nothing matches {text!r}").format(text=args.text), file=sys.stderr)
        return 1
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("code", "kind", "unit", "geography", "name_en", "name_zh", "source"))
        writer.writerows(rows)
        return EXIT_OK
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    for row in rows:
        head = "  ".join(str(v).ljust(min(w, 48)) for v, w in zip(row[:4], widths, strict=True))
        first, second = (row[5], row[4]) if is_chinese() else (row[4], row[5])
        label = first if row[4] == row[5] else f"{first} / {second}"
        print(f"{head}  {label}  [{row[6]}]")
    return EXIT_OK


def _absolute(path: str) -> Path:
    return Path(path).expanduser().absolute()


def cmd_import(args: argparse.Namespace) -> int:
    from greendesign.inventory import user_databases as ud  # deferred: start-up speed

    report = progress_bar(args.quiet)
    common = {"replace": args.replace, "pedigree": args.pedigree or (), "progress": report}
    # the registry keeps the source to import it again (refresh, a rebuilt inventory), from
    # whatever folder: record where it is, not where it was seen from
    if args.format == "ecospold2":
        result = ud.import_ecospold2(_absolute(args.source), args.name, **common)
    elif args.format == "ecospold1":
        result = ud.import_ecospold1(_absolute(args.source), args.name, **common)
    elif args.format == "excel":
        result = ud.import_excel(_absolute(args.source), args.name, **common)
    elif args.format == "jsonld":
        result = ud.import_jsonld(_absolute(args.source), args.name, **common)
    elif args.format == "simapro":
        result = ud.import_simapro(_absolute(args.source), args.name, **common)
    else:
        result = ud.import_brightway(args.source, args.database, args.name,
                                     base_dir=_absolute(args.base_dir) if args.base_dir else "",
                                     **common)
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    print(result.summary())
    if args.format != "brightway":
        for line in result.report.lines():
            print("  " + line)
    for line in result.warnings[:5]:
        print("  " + _("passed over: {warning}").format(warning=line))
    for row in result.unlinked[:10 if args.verbose else 0]:
        print("  " + _("not linked: {activity} [{location}] <- {exchange} ({type}, {amount} "
                       "{unit}): {reason}").format(
            activity=row.activity, location=row.location, exchange=row.exchange,
            type=row.type, amount=f"{row.amount:g}", unit=row.unit, reason=row.reason))
    shown = min(len(result.unlinked), 10 if args.verbose else 0)
    if len(result.unlinked) > shown:
        print("  " + _("{count} exchange(s) left out are listed in {report}").format(
            count=f"{len(result.unlinked) - shown:,}", report=result.database.report))
    return EXIT_OK


def cmd_databases(args: argparse.Namespace) -> int:
    from greendesign.inventory import user_databases as ud  # deferred: start-up speed

    dbs = ud.list_databases()
    if not dbs:
        print(_("no user databases (import one with 'greendesign-cli inventory import')"))
        return EXIT_OK
    for db in dbs:
        source = f"{db.source} / {db.source_database}" if db.format == "brightway" else db.source
        text = _("{name}: {format} from {source}, {datasets} datasets, {exchanges} exchanges, "
                 "{unlinked} not linked, imported {when}").format(
            name=db.name, format=db.format, source=source, datasets=db.activities,
            exchanges=db.exchanges, unlinked=db.unlinked, when=db.imported_at)
        if db.pedigree:
            text += _(", pedigree {scores}").format(scores=";".join(map(str, db.pedigree)))
        print(text)
    return EXIT_OK


def cmd_refresh(args: argparse.Namespace) -> int:
    from greendesign.inventory import user_databases as ud  # deferred: start-up speed

    result = ud.refresh_database(args.name, progress=progress_bar(args.quiet))
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    print(result.summary())
    return EXIT_OK


def cmd_eol_material(args: argparse.Namespace) -> int:
    from greendesign.inventory import user_databases as ud  # deferred: start-up speed

    if args.ref not in ud.dataset_map():
        raise ud.UserDatabaseError(_("{ref!r} is not a user dataset.").format(ref=args.ref),
                                   hint=_("Copy its code from 'greendesign-cli inventory "
                                          "search'."))
    if args.material:
        ud.set_eol_material(args.ref, None if args.material == "guess" else args.material)
    code, guessed = ud.eol_map().get(args.ref, ("", False))
    text = _("{ref}: end of life as {material}").format(
        ref=args.ref, material=code or _("other (no bundled material)"))
    print(text + (_(" (guessed from its name)") if guessed else ""))
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from greendesign.inventory import user_databases as ud  # deferred: start-up speed

    ud.remove_database(args.name)
    print(_("removed {name}").format(name=args.name))
    return EXIT_OK


def add_commands(sub) -> None:
    from greendesign.inventory.catalogue import KINDS  # deferred: loads pydantic

    inv = sub.add_parser("inventory", help=_("search the inventory; import your own databases"),
                         description=_("Search the dataset catalogue (bundled and user "
                                       "databases) and manage user databases."))
    isub = inv.add_subparsers(dest="inventory_command", required=True, metavar="ACTION")

    p = isub.add_parser("search", help=_("find datasets by name (English or Chinese)"))
    p.add_argument("text", help=_("part of a code, name or alias, e.g. 'stainless' or '不锈钢'"))
    p.add_argument("--kind", choices=["material", "process", "location", "treatment",
                                      *KINDS[2:]], help=_("only this kind or group"))
    p.add_argument("--geography",
                   help=_("only datasets whose geography contains this (CN, RNA)"))
    p.add_argument("--bundled-only", action="store_true", help=_("leave out user databases"))
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--format", choices=["table", "csv"], default="table")
    p.set_defaults(func=cmd_search)

    p = isub.add_parser("import", help=_("import EcoSpold 2 or 1, an Excel workbook, openLCA "
                                         "JSON-LD, SimaPro CSV or a database of a Brightway "
                                         "project"),
                        description=_("Import a user database into the app's inventory. "
                                      "Exchanges that cannot be linked are listed, never "
                                      "dropped silently. See docs/user-databases.md."))
    p.add_argument("format", choices=["ecospold2", "ecospold1", "excel", "jsonld", "simapro",
                                      "brightway"])
    p.add_argument("source", help=_("the .spold folder or .zip (ecoinvent or openLCA), the "
                                    "EcoSpold 1 .xml file, folder or .zip, the .xlsx file, the "
                                    "openLCA JSON-LD .zip or folder, the SimaPro CSV file, or "
                                    "the Brightway project name"))
    p.add_argument("--name", required=True, help=_("name of the database in GreenDesign"))
    p.add_argument("--database", help=_("(brightway) the database of the project to copy"))
    p.add_argument("--base-dir", help=_("(brightway) the project's Brightway folder (default: "
                                        "Brightway's own default, as Activity Browser uses)"))
    p.add_argument("--pedigree", help=_("pedigree scores of the whole database for Monte "
                                        "Carlo, e.g. 2;2;3;3;2 (default: not rated, worst "
                                        "case)"))
    p.add_argument("--replace", action="store_true",
                   help=_("replace a database of that name"))
    p.add_argument("--quiet", action="store_true", help=_("no progress bar"))
    p.add_argument("--verbose", action="store_true",
                   help=_("also print the first exchanges left out"))
    p.set_defaults(func=cmd_import)

    p = isub.add_parser("databases", help=_("list the user databases"))
    p.set_defaults(func=cmd_databases)

    p = isub.add_parser("eol-material", help=_("show or set the bundled material a user "
                                               "dataset is treated as at end of life"))
    p.add_argument("ref", help=_("the user dataset, user:<database>|<code>"))
    p.add_argument("material", nargs="?", help=_("a bundled material code, or 'guess' to go "
                                                 "back to the guess from its name"))
    p.set_defaults(func=cmd_eol_material)

    p = isub.add_parser("refresh", help=_("import a user database again from its source"))
    p.add_argument("name")
    p.add_argument("--quiet", action="store_true", help=_("no progress bar"))
    p.set_defaults(func=cmd_refresh)

    p = isub.add_parser("remove", help=_("remove a user database"))
    p.add_argument("name")
    p.set_defaults(func=cmd_remove)
