"""``greendesign-cli``: headless commands over the same core as the desktop app.

Exit codes: 0 success, 2 invalid input (the problems are listed on stderr),
1 any other failure.

The messages, the help and the tables are in the language of ``--lang`` (``zh_CN`` or
``en``, given before the command), else the Language setting of the app, else the
system's locale (:func:`greendesign.i18n.system_language`).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from greendesign.cli_batch import add_commands as add_batch_commands
from greendesign.cli_export_lci import add_commands as add_export_lci_commands
from greendesign.cli_inventory import add_commands as add_inventory_commands
from greendesign.cli_lca import add_commands as add_lca_commands
from greendesign.cli_report import add_commands as add_report_commands
from greendesign.cli_supplier import add_commands as add_supplier_commands
from greendesign.cli_sweep import add_commands as add_sweep_commands
from greendesign.errors import GreenDesignError, Problem
from greendesign.i18n import (
    LANGUAGES,
    N_,
    _,
    default_language,
    ngettext,
    normalise_language,
    set_language,
)
from greendesign.i18n import system_language as _system_language
from greendesign.logging_setup import configure_logging, log_session_start
from greendesign.progress import progress_bar

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2

BOM_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm"}

#: argparse's own words (usage, errors), translated through the core's catalogue
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"), N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


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
        count = sum(1 for _node in _iter_nodes(bom.nodes))
        summary = _("{file}: valid BOM, {count} rows").format(file=path, count=count)
        unknown, cutoffs = _bom_references(table, bom)
    else:
        from greendesign.io.project_file import load_project  # deferred: start-up speed

        project = load_project(path)
        products = [("baseline", project.product)] + [(v.name, v.product)
                                                      for v in project.variants]
        summary = _("{file}: valid project {name!r}, {variants} variant(s), {parts} parts, "
                    "{mass} kg").format(file=path, name=project.product.display_name,
                                        variants=len(project.variants),
                                        parts=len(project.product.parts()),
                                        mass=f"{project.product.mass_kg:.3f}")
        unknown, cutoffs = _unresolved(products)
    warnings.extend(unknown)
    print(summary)
    if warnings:
        _print_problems(_("{count} warning(s):").format(count=len(warnings)), warnings,
                        sys.stdout)
    if cutoffs:  # in the catalogue, no data yet: what assess states as its cut-off
        _print_problems(_("{count} reference(s) have no inventory data yet and are left out "
                          "of the LCA (a stated cut-off):").format(count=len(cutoffs)),
                        cutoffs, sys.stdout)
    if args.strict and (warnings or cutoffs):
        return EXIT_INVALID
    return EXIT_OK


def _iter_nodes(nodes):
    from greendesign.model import walk  # deferred: start-up speed

    for node, *_rest in walk(nodes):
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
        return [Problem(message=f"[{', '.join(_design(n) for n in names)}] {problem.message}",
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
        where = (_("row {row}, column {column!r}").format(row=row,
                                                          column=header.get(column, column))
                 if row else problem.location)
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
        print(_("{file} exists; add --force to overwrite it.").format(file=output),
              file=sys.stderr)
        return EXIT_FAILURE
    result = import_bom(source)
    name = args.name or source.stem
    product = product_from_bom(
        result, name=name,
        functional_unit=args.functional_unit or _("one {name} over its service life").format(
            name=name),
        service_life_years=args.service_life, category=ProductCategory(args.category))
    project = Project(product=product)
    save_project(project, output)
    for warning in result.warnings:
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    print(_("{file}: {parts} parts, {mass} kg").format(file=output, parts=len(product.parts()),
                                                       mass=f"{product.mass_kg:.3f}"))
    return EXIT_OK


def cmd_setup(args: argparse.Namespace) -> int:
    """Install or repair the local Brightway inventory (offline)."""
    # deferred: loads numpy
    from greendesign.inventory.brightway_setup import ensure_inventory, reason_text

    result = ensure_inventory(progress=progress_bar(args.quiet))
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    for problem in result.warnings:
        print(_("warning: {warning}").format(warning=problem), file=sys.stderr)
    text = (_("inventory installed: {flows} elementary flows, {methods} LCIA methods, {seconds} s")
            if result.rebuilt else
            _("inventory already complete: {flows} elementary flows, {methods} LCIA methods, "
              "{seconds} s")).format(flows=result.biosphere_flows, methods=result.methods,
                                     seconds=f"{result.seconds:.1f}")
    if result.rebuilt:
        text += _(" (reason: {reason})").format(reason=reason_text(result.reason))
    print(text)
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
        description=_("GreenDesign headless commands: check, convert and assess product "
                      "files."))
    parser.add_argument("--version", action=VersionAction,
                        help=_("print the app, inventory data, Brightway, PySide6 and Python "
                               "versions, then exit"))
    parser.add_argument("--lang", choices=LANGUAGES, metavar="{zh_CN,en}",
                        help=_("language of the messages (default: the Language setting of "
                               "the app, else the system's language); give it before the "
                               "command"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help=_("check a project (.gdproj) or BOM (.csv/.xlsx) file"),
                       description=_("Check a project or BOM file. Exit 0 when valid, 2 with "
                                     "the list of problems when not."))
    p.add_argument("file", help=_("a .gdproj project file or a .csv/.xlsx BOM file"))
    p.add_argument("--strict", action="store_true",
                   help=_("also fail (exit 2) on warnings: codes not in the dataset catalogue, "
                          "codes without inventory data (cut-offs), ignored columns ..."))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("convert", help=_("turn a BOM file into a project file"),
                       description=_("Import a BOM (.csv/.xlsx, see docs/bom-format.md) and "
                                     "save it as a new .gdproj project."))
    p.add_argument("bom", help=_("the BOM file"))
    p.add_argument("-o", "--output",
                   help=_("project file to write (default: BOM name .gdproj)"))
    p.add_argument("--name", help=_("product name (default: the file name)"))
    p.add_argument("--functional-unit", help=_("functional unit text"))
    p.add_argument("--service-life", type=float, required=True, metavar="YEARS",
                   help=_("service life in years (part of the functional unit)"))
    p.add_argument("--category", default=ProductCategory.OTHER.value,
                   choices=[c.value for c in ProductCategory], help=_("product category"))
    p.add_argument("--force", action="store_true", help=_("overwrite an existing output file"))
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("setup", help=_("install or repair the local inventory (offline)"),
                       description=_("Create the app's own Brightway project (biosphere and "
                                     "the LCIA methods offered) in the app data directory, or "
                                     "repair it. Never uses the network."))
    p.add_argument("--quiet", action="store_true", help=_("no progress messages"))
    p.set_defaults(func=cmd_setup)

    add_lca_commands(sub)
    add_inventory_commands(sub)
    add_report_commands(sub)
    add_supplier_commands(sub)
    add_export_lci_commands(sub)
    add_sweep_commands(sub)
    add_batch_commands(sub)
    return parser


def _design(name: str) -> str:
    """A design's name as the output shows it (the baseline in the current language)."""
    return _("baseline") if name == "baseline" else name


def _language_option(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` before the command (``--lang zh_CN`` or ``--lang=zh_CN``)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            return None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang":
            return argv[i + 1] if i + 1 < len(argv) else None
        if not arg.startswith("-"):
            return None  # the command: its own options come after it
    return None


def choose_language(argv: Sequence[str]) -> str:
    """The language of a command: ``--lang``, else the Language setting, else the system's.

    Sets it for the whole process (:func:`greendesign.i18n.set_language`) and returns it.
    """
    given = _language_option(argv)
    if given in LANGUAGES:
        return set_language(given)
    try:  # (a wrong --lang falls through here; argparse then names the bad value)
        from greendesign.settings import load_settings  # deferred: start-up speed

        chosen = load_settings().language
    except (OSError, GreenDesignError):
        chosen = ""
    return set_language(normalise_language(chosen) if chosen else _system_language())


def _translate_argparse() -> None:
    """Let argparse's own words (usage:, error:, required ...) follow the core's language."""
    argparse._ = _  # type: ignore[attr-defined]  # argparse looks its words up through it
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    previous = default_language()
    choose_language(arguments)
    try:
        return _run(arguments)
    finally:
        set_language(previous)  # a caller in the same process keeps its language


def _run(arguments: list[str]) -> int:
    _translate_argparse()
    parser = build_parser()
    args = parser.parse_args(arguments)
    try:
        configure_logging()
        log_session_start(f"GreenDesign command line: {args.command}")
    except OSError:  # an unwritable app data folder never stops a command
        pass
    try:
        return args.func(args)
    except GreenDesignError as exc:
        logging.getLogger("greendesign.cli").info("%s failed: %s", args.command, exc)
        print(_("error: {error}").format(error=exc), file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130



if __name__ == "__main__":
    sys.exit(main())
