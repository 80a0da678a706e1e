"""``greendesign-cli``: headless commands over the same core as the desktop app.

Exit codes: 0 success, 2 invalid input (the problems are listed on stderr),
1 any other failure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from greendesign import __version__
from greendesign.errors import GreenDesignError, Problem

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


def _load_any(path: Path):
    """Load a project file or import a BOM file; return (project or None, bom result or None)."""
    if _is_bom(path):
        from greendesign.io.bom_import import import_bom

        return None, import_bom(path)
    from greendesign.io.project_file import load_project

    return load_project(path), None


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a project or BOM file and list every problem."""
    path = Path(args.file)
    project, bom = _load_any(path)
    warnings: list[Problem] = []
    if bom is not None:
        warnings.extend(bom.warnings)
        count = sum(1 for _ in _iter_nodes(bom.nodes))
        summary = f"{path}: valid BOM, {count} rows"
    else:
        products = [("baseline", project.product)] + [(v.name, v.product)
                                                      for v in project.variants]
        summary = (f"{path}: valid project {project.product.name!r}, "
                   f"{len(project.variants)} variant(s), "
                   f"{len(project.product.parts())} parts, {project.product.mass_kg:.3f} kg")
        warnings.extend(_unresolved(products))
    print(summary)
    if warnings:
        _print_problems(f"{len(warnings)} warning(s):", warnings, sys.stdout)
    if args.strict and warnings:
        return EXIT_INVALID
    return EXIT_OK


def _iter_nodes(nodes):
    from greendesign.model import walk

    for node, *_ in walk(nodes):
        yield node


def _unresolved(products) -> list[Problem]:
    try:
        from greendesign.inventory.catalogue import unresolved_references
    except ImportError:  # catalogue not available in this build
        return []
    problems: list[Problem] = []
    for name, product in products:
        for problem in unresolved_references(product):
            problems.append(Problem(message=f"[{name}] {problem.message}",
                                    location=problem.location, hint=problem.hint,
                                    part_id=problem.part_id, field=problem.field))
    return problems


def cmd_convert(args: argparse.Namespace) -> int:
    """Turn a BOM file into a new project file."""
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
    from greendesign.cli_inventory import progress_bar
    from greendesign.inventory.brightway_setup import ensure_inventory

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


def build_parser() -> argparse.ArgumentParser:
    from greendesign.model import ProductCategory

    parser = argparse.ArgumentParser(
        prog="greendesign-cli",
        description="GreenDesign headless commands: check, convert and assess product files.")
    parser.add_argument("--version", action="version", version=f"GreenDesign {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a project (.gdproj) or BOM (.csv/.xlsx) file",
                       description="Check a project or BOM file. Exit 0 when valid, 2 with the "
                                   "list of problems when not.")
    p.add_argument("file", help="a .gdproj project file or a .csv/.xlsx BOM file")
    p.add_argument("--strict", action="store_true",
                   help="also fail (exit 2) on warnings, e.g. references not in the inventory")
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

    from greendesign.cli_inventory import add_commands as add_inventory_commands
    from greendesign.cli_lca import add_commands

    add_commands(sub)
    add_inventory_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    import logging

    from greendesign.logging_setup import configure_logging, log_session_start

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
