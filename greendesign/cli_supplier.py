"""Supplier data commands of ``greendesign-cli``: ``supplier-data import`` and ``list``.

``import`` reads a supplier data file (CSV or XLSX, ``docs/supplier-data.md``) into one
design of a project and saves the project atomically; rows that cannot be read are listed
with file, row, column and fix, and the good rows are saved (exit 2 when any row was
refused). ``list`` prints the declared values of a design.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from greendesign.i18n import _, ngettext

EXIT_OK = 0
EXIT_INVALID = 2


def cmd_import(args: argparse.Namespace) -> int:
    # deferred: start-up speed
    from greendesign.io.project_file import load_project, save_project
    from greendesign.io.supplier_data import apply_supplier_data
    from greendesign.lca.declared import read_supplier_file

    path = Path(args.project)
    project = load_project(path)
    name = args.variant or "baseline"
    product = project.design(name)  # names the designs there are when there is none
    found = read_supplier_file(args.file, product, sheet=args.sheet)
    for problem in found.problems:
        print(f"  - {problem}", file=sys.stderr)
    if found.entries:
        changed = apply_supplier_data(product, found.entries)
        if name == "baseline":
            project.product = changed
        else:
            next(v for v in project.variants if v.name == name).product = changed
        save_project(project, path)
    print(ngettext("{file}: {count} declared value imported into {design} and saved.",
                   "{file}: {count} declared values imported into {design} and saved.",
                   len(found.entries)).format(file=found.source, count=len(found.entries),
                                              design=name)
          if found.entries else _("{file}: nothing imported; the project is unchanged.").format(
              file=found.source))
    if found.refused_rows:
        print(ngettext("{count} row was refused (listed above); fix it and import the file "
                       "again.", "{count} rows were refused (listed above); fix them and "
                       "import the file again.", found.refused_rows).format(
                           count=found.refused_rows), file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def declared_rows(product) -> list[dict]:
    """One row per declared value of ``product``: target, value, unit and provenance."""
    from greendesign.model.product import declared_values  # deferred: start-up speed

    rows = []
    for where, value in declared_values(product):
        rows.append({"target": where, "gwp_kgco2e": value.gwp_kgco2e, "unit": value.unit,
                     "source": value.source, "year": value.year,
                     "geography": value.geography, "verification": value.verification.value,
                     "pedigree": ",".join(str(p) for p in value.pedigree),
                     "scope": value.scope, "document": value.document, "note": value.note,
                     "indicators": dict(value.indicators)})
    return rows


def cmd_list(args: argparse.Namespace) -> int:
    from greendesign.io.project_file import load_project  # deferred: start-up speed

    path = Path(args.project)
    project = load_project(path)
    rows = declared_rows(project.design(args.variant or "baseline"))
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return EXIT_OK
    if not rows:
        print(_("No supplier data in this design."))
        return EXIT_OK
    import pandas as pd  # deferred: loads pandas

    frame = pd.DataFrame(rows).drop(columns=["indicators"])
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:
        with pd.option_context("display.max_columns", None, "display.width", 200,
                               "display.max_colwidth", 60):
            print(frame.to_string(index=False))
    return EXIT_OK


def print_assess_notes(result) -> None:
    """The primary data share and the declared values of an ``assess`` table."""
    from greendesign.model.declared import verification_name  # deferred: start-up speed

    share = result.primary_data_share
    if share is not None:
        print(_("Primary data share (GWP100 resting on supplier data): {share}").format(
            share=f"{share:.1%}"))
    for entry in result.supplier_data():
        if entry["applied"]:
            print("  " + _("supplier data {target}: {value} {unit}, {source} ({verification}, "
                           "{year}), {gwp} kg CO2e").format(
                target=entry["key"], value=f"{entry['gwp_kgco2e']:g}", unit=entry["unit"],
                source=entry["source"], verification=verification_name(entry["verification"]),
                year=entry["year"], gwp=f"{entry['gwp100_kg']:.4g}"
                if entry["gwp100_kg"] is not None else "-"))


def supplier_shares(result):
    """Per method: the share of its total that rests on supplier data (0 when none)."""
    import numpy as np  # deferred: loads numpy

    from greendesign.lca.lifecycle import CREDIT  # deferred: the model builder

    shares = np.zeros(len(result.methods))
    overlay = result.declared
    if overlay is None:
        return shares
    keep = np.array([line.stage != CREDIT for line in result.model.lines], dtype=bool)
    for j in range(len(result.methods)):
        rows = keep & overlay.replaced[:, j]
        total = float(result.total[j])
        if rows.any() and total > 0:
            shares[j] = min(max(float(result.scores[rows, j].sum()) / total, 0.0), 1.0)
    return shares


def add_commands(sub) -> None:
    p = sub.add_parser("supplier-data", help=_("import or list supplier data (EPD, PCF)"),
                       description=_("Declared values of suppliers replace the inventory "
                                     "datasets for the categories they declare; see "
                                     "docs/supplier-data.md."))
    commands = p.add_subparsers(dest="supplier_command", required=True, metavar="COMMAND")
    q = commands.add_parser("import", help=_("read a supplier data file into a project"),
                            description=_("Read a CSV or XLSX supplier data file into a design "
                                          "of the project and save the project. Bad rows are "
                                          "listed and left out; the good rows are saved."))
    q.add_argument("project", help=_("the .gdproj project file"))
    q.add_argument("file", help=_("the supplier data file (.csv or .xlsx)"))
    q.add_argument("--variant", help=_("design variant (default: baseline)"))
    q.add_argument("--sheet", help=_("XLSX worksheet (default: the first)"))
    q.set_defaults(func=cmd_import)
    q = commands.add_parser("list", help=_("list the supplier data of a design"))
    q.add_argument("project", help=_("the .gdproj project file"))
    q.add_argument("--variant", help=_("design variant (default: baseline)"))
    q.add_argument("--format", choices=["table", "json", "csv"], default="table")
    q.set_defaults(func=cmd_list)
