"""``greendesign-cli``: headless commands over the same core as the desktop app.

Exit codes: 0 success, 2 invalid input (the problems are listed on stderr),
1 any other failure.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from greendesign.cli_inventory import add_commands as add_inventory_commands
from greendesign.cli_inventory import progress_bar
from greendesign.cli_lca import add_commands as add_lca_commands
from greendesign.errors import GreenDesignError, Problem
from greendesign.logging_setup import configure_logging, log_session_start

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2

BOM_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm"}


def _is_bom(path: Path) -> bool:
    return path.suffix.lower() in BOM_SUFFIXES


def _print_problems(title: str, problems: Sequence[Problem], stream) -> None:
    print(title, file=stream)
    for problem in problems:
        print(f"  - {problem}", file=stream)


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a project or BOM file and list every problem."""
    path = Path(args.file)
    warnings: list[Problem] = []
    if _is_bom(path):
        # deferred: start-up speed, only this command needs it
        from greendesign.io.bom_import import import_bom, read_bom_table

        table = read_bom_table(path)
        bom = import_bom(table)
        warnings.extend(bom.warnings)
        count = sum(1 for _ in _iter_nodes(bom.nodes))
        summary = f"{path}: valid BOM, {count} rows"
        unknown, cutoffs = _bom_references(table, bom)
    else:
        from greendesign.io.project_file import load_project  # deferred: start-up speed

        project = load_project(path)
        products = [("baseline", project.product)] + [(v.name, v.product)
                                                      for v in project.variants]
        summary = (f"{path}: valid project {project.product.name!r}, "
                   f"{len(project.variants)} variant(s), "
                   f"{len(project.product.parts())} parts, {project.product.mass_kg:.3f} kg")
        unknown, cutoffs = _unresolved(products)
    warnings.extend(unknown)
    print(summary)
    if warnings:
        _print_problems(f"{len(warnings)} warning(s):", warnings, sys.stdout)
    if cutoffs:  # in the catalogue, no data yet: what assess states as its cut-off
        _print_problems(f"{len(cutoffs)} reference(s) have no inventory data yet and are left "
                        "out of the LCA (a stated cut-off):", cutoffs, sys.stdout)
    if args.strict and (warnings or cutoffs):
        return EXIT_INVALID
    return EXIT_OK


def _iter_nodes(nodes):
    from greendesign.model import walk  # deferred: start-up speed

    for node, *_ in walk(nodes):
        yield node


def _references(product) -> tuple[list[Problem], list[Problem]]:
    """(codes of ``product`` not in the catalogue, codes in it without inventory data)."""
    try:
        # deferred: start-up speed, only validate needs them
        from greendesign.inventory.product_check import (
            references_without_data,
            unresolved_references,
        )
        from greendesign.inventory.user_catalogue import load_catalogue
    except ImportError:  # catalogue not available in this build
        return [], []
    catalogue = load_catalogue()
    return (unresolved_references(product, catalogue),
            references_without_data(product, catalogue))


def _unresolved(products) -> tuple[list[Problem], list[Problem]]:
    """:func:`_references` of each design; a problem the designs share is listed once."""
    unknown: dict[Problem, list[str]] = {}
    cutoffs: dict[Problem, list[str]] = {}
    for name, product in products:
        found_unknown, found_cutoffs = _references(product)
        for found, seen in ((found_unknown, unknown), (found_cutoffs, cutoffs)):
            for problem in found:
                seen.setdefault(problem, []).append(name)

    def named(seen: dict[Problem, list[str]]) -> list[Problem]:
        return [Problem(message=f"[{', '.join(names)}] {problem.message}",
                        location=problem.location, hint=problem.hint,
                        part_id=problem.part_id, field=problem.field)
                for problem, names in seen.items()]

    return named(unknown), named(cutoffs)


def _bom_references(table, bom) -> tuple[list[Problem], list[Problem]]:
    """:func:`_references` of an imported BOM, each problem named by its row and column."""
    # deferred: start-up speed, only validate needs them
    from greendesign.io.bom_import import product_from_bom
    from greendesign.io.bom_rows import _ESCAPED

    product = product_from_bom(bom, name="BOM", functional_unit="one unit",
                               service_life_years=1)
    header = {column: name for name, column in bom.mapping.items()}
    # the id of each row as the import gives it: the id cell, else P001, P002 ... in order
    index = table.headers.index(header["id"]) if "id" in header else None
    ids = []
    for cells in table.rows:
        text = cells[index] if index is not None and index < len(cells) else ""
        ids.append(text[1:] if table.sheet is None and text.startswith(_ESCAPED) else text)
    taken, counter = set(filter(None, ids)), 0
    for i, text in enumerate(ids):
        if not text:
            counter += 1
            while f"P{counter:03d}" in taken:
                counter += 1
            ids[i] = f"P{counter:03d}"
    row_of: dict[str, int] = {}
    for i, text in enumerate(ids):
        row_of.setdefault(text, table.row_number(i))

    def at_row(problem: Problem) -> Problem:
        column = "process" if (problem.field or "").startswith("processes") else "material"
        row = row_of.get(problem.part_id or "")
        where = f"row {row}, column {header.get(column, column)!r}" if row else problem.location
        return Problem(message=problem.message, location=where, hint=problem.hint,
                       part_id=problem.part_id, field=column, row=row,
                       column=header.get(column))

    # a BOM holds no scenario: only the problems of its rows (with a part id) are its own
    unknown, cutoffs = _references(product)
    return ([at_row(p) for p in unknown if p.part_id is not None],
            [at_row(p) for p in cutoffs if p.part_id is not None])


def cmd_convert(args: argparse.Namespace) -> int:
    """Turn a BOM file into a new project file."""
    # deferred: start-up speed, only this command needs it
    from greendesign.io.bom_import import import_bom, product_from_bom
    from greendesign.io.project_file import SUFFIX, save_project
    from greendesign.model import ProductCategory, Project

    source = Path(args.bom)
    output = Path(args.output) if args.output else source.with_suffix(SUFFIX)
    if output.exists() and not args.force:
        print(f"{output} exists; add --force to overwrite it.", file=sys.stderr)
        return EXIT_FAILURE
    result = import_bom(source)
    name = args.name or source.stem
    product = product_from_bom(
        result, name=name,
        functional_unit=args.functional_unit or f"one {name} over its service life",
        service_life_years=args.service_life, category=ProductCategory(args.category))
    project = Project(product=product)
    save_project(project, output)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{output}: {len(product.parts())} parts, {product.mass_kg:.3f} kg")
    return EXIT_OK


def cmd_setup(args: argparse.Namespace) -> int:
    """Install or repair the local Brightway inventory (offline)."""
    from greendesign.inventory.brightway_setup import ensure_inventory  # deferred: loads numpy

    result = ensure_inventory(progress=progress_bar(args.quiet))
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    for problem in result.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    state = "installed" if result.rebuilt else "already complete"
    print(f"inventory {state}: {result.biosphere_flows} elementary flows, {result.methods} LCIA "
          f"methods, {result.seconds:.1f} s" + (f" (reason: {result.reason})" if result.rebuilt
                                                 else ""))
    return EXIT_OK


class VersionAction(argparse.Action):
    """``--version``: the versions of everything the numbers depend on (computed when asked)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from greendesign.versions import version_text  # deferred: only for --version

        print(version_text(parser.prog))
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    from greendesign.model import ProductCategory  # deferred: start-up speed

    parser = argparse.ArgumentParser(
        prog="greendesign-cli",
        description="GreenDesign headless commands: check, convert and assess product files.")
    parser.add_argument("--version", action=VersionAction,
                        help="print the app, inventory data, Brightway, PySide6 and Python "
                             "versions, then exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a project (.gdproj) or BOM (.csv/.xlsx) file",
                       description="Check a project or BOM file. Exit 0 when valid, 2 with the "
                                   "list of problems when not.")
    p.add_argument("file", help="a .gdproj project file or a .csv/.xlsx BOM file")
    p.add_argument("--strict", action="store_true",
                   help="also fail (exit 2) on warnings: codes not in the dataset catalogue, "
                        "codes without inventory data (cut-offs), ignored columns ...")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("convert", help="turn a BOM file into a project file",
                       description="Import a BOM (.csv/.xlsx, see docs/bom-format.md) and save "
                                   "it as a new .gdproj project.")
    p.add_argument("bom", help="the BOM file")
    p.add_argument("-o", "--output", help="project file to write (default: BOM name .gdproj)")
    p.add_argument("--name", help="product name (default: the file name)")
    p.add_argument("--functional-unit", help="functional unit text")
    p.add_argument("--service-life", type=float, required=True, metavar="YEARS",
                   help="service life in years (part of the functional unit)")
    p.add_argument("--category", default=ProductCategory.OTHER.value,
                   choices=[c.value for c in ProductCategory], help="product category")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("setup", help="install or repair the local inventory (offline)",
                       description="Create the app's own Brightway project (biosphere and the "
                                   "LCIA methods offered) in the app data directory, or repair "
                                   "it. Never uses the network.")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    p.set_defaults(func=cmd_setup)

    add_lca_commands(sub)
    add_inventory_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        configure_logging()
        log_session_start(f"GreenDesign command line: {args.command}")
    except OSError:  # an unwritable app data folder never stops a command
        pass
    try:
        return args.func(args)
    except GreenDesignError as exc:
        logging.getLogger("greendesign.cli").info("%s failed: %s", args.command, exc)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130



if __name__ == "__main__":
    sys.exit(main())
