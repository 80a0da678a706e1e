"""``greendesign-cli export-lci``: a design's life-cycle model for other LCA tools.

Writes the model of one design (:mod:`greendesign.lca.export_lci`) as a Brightway project
(Activity Browser 3), a Brightway Excel workbook or an openLCA JSON-LD zip.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from greendesign.cli_lca import load_design
from greendesign.errors import GreenDesignError
from greendesign.i18n import _
from greendesign.progress import progress_bar

EXIT_OK = 0


def cmd_export_lci(args: argparse.Namespace) -> int:
    # deferred: the set-up and the export load Brightway
    from greendesign.inventory.brightway_setup import ensure_inventory
    from greendesign.lca.export_lci import export

    target, where = args.to
    if args.base_dir and target != "brightway":
        raise GreenDesignError(_("--base-dir is for --to brightway only."),
                               hint=_("Leave --base-dir out for a file export."))
    if args.replace and target != "brightway":
        raise GreenDesignError(_("--replace is for --to brightway only."),
                               hint=_("A file export overwrites the file it is given."))
    _project, product, variant = load_design(Path(args.file), args.variant, args.service_life)
    ensure_inventory()
    tty = sys.stderr.isatty()  # the bar only on a terminal: a log gets the result alone
    result = export(product, target, where, variant=variant, base_dir=args.base_dir,
                    replace=args.replace, progress=progress_bar(quiet=not tty))
    if tty:
        print(file=sys.stderr)
    print(_("Wrote {summary}").format(summary=result.summary()))
    for note in result.notes:
        print(_("note: {note}").format(note=note), file=sys.stderr)
    return EXIT_OK


class _Target(argparse.Action):
    """``--to TARGET WHERE``: the target checked here, so its error names the choices."""

    TARGETS = ("brightway", "excel", "jsonld")  # export_lci.TARGETS, not imported: start-up

    def __call__(self, parser, namespace, values, option_string=None):
        target, where = values
        if target not in self.TARGETS:
            parser.error(_("argument --to: unknown target {target!r} (choose from "
                           "{targets})").format(target=target, targets=", ".join(self.TARGETS)))
        if not where.strip():
            parser.error(_("argument --to: give the project name or file after {target}")
                         .format(target=target))
        setattr(namespace, self.dest, (target, where))


def add_commands(sub) -> None:
    p = sub.add_parser(
        "export-lci", help=_("export a design's life-cycle model to Brightway, Excel or "
                             "openLCA"),
        description=_("Write the life-cycle model of a design (the product, its stages, the "
                      "credits beyond the system boundary, linked to the inventory's "
                      "datasets) as a Brightway project for Activity Browser 3, a Brightway "
                      "Excel workbook or an openLCA JSON-LD zip. See docs/export-lci.md."))
    p.add_argument("file", help=_("a .gdproj project or a .csv/.xlsx BOM"))
    p.add_argument("--variant", help=_("design variant (default: baseline)"))
    p.add_argument("--to", nargs=2, required=True, action=_Target,
                   metavar=("{brightway,excel,jsonld}", "PROJECT|FILE"),
                   help=_("brightway PROJECT (a project in Brightway's default folder, or "
                          "--base-dir), excel FILE.xlsx, or jsonld FILE.zip"))
    p.add_argument("--base-dir", metavar="DIR",
                   help=_("Brightway base folder of the project (default: Brightway's own, "
                          "where Activity Browser looks)"))
    p.add_argument("--replace", action="store_true",
                   help=_("replace a Brightway project of that name"))
    p.add_argument("--service-life", type=float, metavar="YEARS",
                   help=_("service life for a BOM file"))
    p.set_defaults(func=cmd_export_lci)
