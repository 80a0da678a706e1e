"""LCA and scoring commands of ``greendesign-cli``: ``assess``, ``uncertainty``, ``score``,
``methods``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from greendesign.errors import GreenDesignError
from greendesign.i18n import N_, _, is_chinese, pick, translate

EXIT_OK = 0
BOM_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm"}


def load_design(path: Path, variant: str | None, service_life: float | None,
                electricity: str | None = None, scenario: Path | None = None):
    """(project or None, product, variant name) from a project or BOM file.

    ``scenario`` (a scenario file, see :mod:`greendesign.io.scenario_file`) replaces the
    fields it gives of the design's scenario; with a BOM file its ``service_life_years``
    stands in for ``service_life``. ``electricity`` (an
    :class:`~greendesign.model.ElectricityAccounting` value) replaces the scenario's
    electricity accounting."""
    given = None
    if scenario is not None:
        from greendesign.io.scenario_file import read_scenario  # deferred: start-up speed

        given = read_scenario(Path(scenario))
    project, product, name = _load_design(path, variant, service_life, given)
    if given is not None:
        from greendesign.io.scenario_file import apply_scenario  # deferred: start-up speed

        product = apply_scenario(product, given)
        if service_life is not None and project is None:  # the command line wins
            product = product.model_copy(update={"service_life_years": service_life})
    if electricity:
        from greendesign.model import ElectricityAccounting  # deferred: start-up speed

        scenario_ = product.scenario.model_copy(
            update={"electricity_accounting": ElectricityAccounting(electricity)})
        product = product.model_copy(update={"scenario": scenario_})
    return project, product, name


def _load_design(path: Path, variant: str | None, service_life: float | None, given=None):
    if path.suffix.lower() in BOM_SUFFIXES:
        from greendesign.io.bom_import import import_bom, product_from_bom  # deferred: speed

        if service_life is None and given is not None:
            service_life = given.service_life_years
        if service_life is None:
            raise GreenDesignError(
                _("{file} is a BOM file: the functional unit needs a service life.").format(
                    file=path),
                hint=_("Add --service-life YEARS, or a --scenario file giving "
                       "service_life_years, or convert it to a project first "
                       "(greendesign-cli convert)."))
        product = product_from_bom(import_bom(path), name=path.stem,
                                   functional_unit=_("one {name} over its service life").format(
                                       name=path.stem),
                                   service_life_years=service_life)
        return None, product, "baseline"
    from greendesign.io.project_file import load_project  # deferred: start-up speed

    project = load_project(path)
    name = variant or "baseline"
    if name not in project.design_names:
        raise GreenDesignError(
            _("{file} has no variant {name!r}.").format(file=path, name=name),
            hint=_("Choose one of: {names}.").format(names=", ".join(project.design_names)))
    return project, project.design(name), name


def parse_methods(texts: list[str] | None):
    if not texts:
        return None
    methods = []
    for text in texts:
        parts = tuple(p.strip() for p in text.split("|"))
        if len(parts) != 3 or not all(parts):
            raise GreenDesignError(
                _("Method {text!r} must be written \"family|category|indicator\".").format(
                    text=text),
                hint=_('e.g. --method "IPCC 2021|climate change|global warming potential '
                       '(GWP100)"; greendesign-cli methods lists them all.'))
        methods.append(parts)
    return methods


def _prepare():
    # deferred: the set-up and the fast path load numpy and Brightway
    from greendesign.inventory.brightway_setup import ensure_inventory
    from greendesign.lca.background import load_background

    ensure_inventory()
    return load_background()


#: Column headers of the tables for people (``--format table``); CSV keeps the codes.
HEADERS = {
    "method": N_("method"), "unit": N_("unit"), "total": N_("total"),
    "credits_beyond_boundary": N_("credits beyond the boundary"),
    "raw_materials": N_("raw materials"), "manufacturing": N_("manufacturing"),
    "distribution": N_("distribution"), "use": N_("use"), "end_of_life": N_("end of life"),
    "deterministic": N_("deterministic"), "mean": N_("mean"), "median": N_("median"),
    "sd": N_("sd"), "p2_5": N_("2.5 %"), "p97_5": N_("97.5 %"),
    "supplier_data_share": N_("supplier data share"),
}


def _write_table(frame, fmt: str) -> None:
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:
        import pandas as pd  # deferred: loads pandas

        wide = is_chinese()  # Chinese characters take two columns of the terminal
        if wide:  # English keeps the column codes it always printed
            frame = frame.rename(columns={k: translate(v) for k, v in HEADERS.items()})

        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 90,
                               "display.unicode.east_asian_width", wide):
            print(frame.to_string(index=False))


def cmd_assess(args: argparse.Namespace) -> int:
    from greendesign.lca.engine import assess  # deferred: loads pandas

    _project, product, variant = load_design(Path(args.file), args.variant, args.service_life,
                                             args.electricity, args.scenario)
    result = assess(product, parse_methods(args.method), variant=variant,
                    background=_prepare(), allow_gaps=not args.strict)
    if args.format == "json":
        json.dump(result.to_json(), sys.stdout, indent=1, ensure_ascii=False)
        print()
        return EXIT_OK
    frame = result.summary()
    stages = result.by_stage().T.reset_index(drop=True)
    frame = frame.join(stages)
    from greendesign.cli_supplier import print_assess_notes, supplier_shares  # deferred

    frame["supplier_data_share"] = supplier_shares(result)
    if args.format == "table":
        print(_("{product} [{variant}], functional unit: {unit}").format(
            product=pick(result.product, product.name_zh), variant=_design(variant),
            unit=product.display_functional_unit))
        print(_("Credits beyond the system boundary are not included in the totals."))
        print(_ACCOUNTING_NOTES[product.scenario.electricity_accounting.value]())
    _write_table(frame, args.format)
    if args.format == "table":
        print_assess_notes(result)
    notes = result.ghg_only_notes()
    if args.format == "table" and len(notes):
        print("\n" + _("{count} dataset(s) rest on greenhouse-gas-only data: other categories "
                       "leave them out ({codes}).").format(count=len(notes),
                                                          codes=", ".join(notes["dataset"])))
    if result.model.gaps:
        print(_("{count} reference(s) have no inventory data and are left out ({share} of the "
                "product mass):").format(count=len(result.model.gaps),
                                         share=f"{result.model.excluded_mass_share:.1%}"),
              file=sys.stderr)
        for gap in result.model.gaps:
            print(f"  - {gap}", file=sys.stderr)
    return EXIT_OK


def cmd_uncertainty(args: argparse.Namespace) -> int:
    # deferred: loads pandas
    from greendesign.lca.engine import assess
    from greendesign.lca.uncertainty import ForegroundDistributions, monte_carlo

    project, product, variant = load_design(Path(args.file), args.variant, args.service_life,
                                            args.electricity, args.scenario)
    result = assess(product, parse_methods(args.method), variant=variant,
                    background=_prepare(), allow_gaps=not args.strict)
    dist = ForegroundDistributions.for_project(project) if project else ForegroundDistributions()
    mc = monte_carlo(result, iterations=args.iterations, seed=args.seed, dist=dist)
    if args.format == "json":
        json.dump({"product": result.product, "variant": variant, **mc.to_json()}, sys.stdout,
                  indent=1, ensure_ascii=False)
        print()
    else:
        _write_table(mc.statistics(), args.format)
    return EXIT_OK


def material_gwp_lookup(bg):
    """Material code -> cradle-to-gate GWP100 per kg from the installed inventory."""
    from greendesign.lca.engine import GWP100  # deferred: loads pandas

    row = bg.method_row[GWP100]
    return lambda code: float(bg.H[row, bg.column[code]]) if code in bg.column else None


def cmd_score(args: argparse.Namespace) -> int:
    from greendesign.scoring.report import format_score_table, score_json  # deferred: speed

    project, product, variant = load_design(Path(args.file), args.variant, args.service_life,
                                            scenario=args.scenario)
    if project is None:
        from greendesign.model import Project  # deferred: start-up speed

        project = Project(product=product)
    gwp = None
    if not args.no_lca:
        from greendesign.lca.engine import GWP100, assess  # deferred: loads pandas

        bg = _prepare()
        lookup = material_gwp_lookup(bg)
        total = assess(product, [GWP100], variant=variant, background=bg,
                       allow_gaps=True).total[0]
        gwp = lookup
        data = score_json(project, variant, gwp)
        data["gwp_kgco2e"] = float(total)
    else:
        data = score_json(project, variant, gwp)
    if args.format == "json":
        json.dump(data, sys.stdout, indent=1, ensure_ascii=False)
        print()
    else:
        print(format_score_table(data))
    return EXIT_OK


def _design(name: str) -> str:
    """A design's name as the output shows it (the baseline in the current language)."""
    return _("baseline") if name == "baseline" else name


def cmd_methods(args: argparse.Namespace) -> int:
    from greendesign.inventory.brightway_project import expected_method_names  # deferred: speed

    for method in expected_method_names():
        print(" | ".join(method))
    return EXIT_OK


_ACCOUNTING_NOTES = {
    "life_cycle": lambda: _("Electricity: life cycle of the supply system (fuel chains, "
                            "generation, grid losses), every impact category."),
    "published_co2_factor": lambda: _("Electricity: the grids' published CO2 factors "
                                      "(MEE/NBS for China), CO2 only; other categories leave "
                                      "grid electricity out."),
}


def _electricity_argument(parser) -> None:
    parser.add_argument("--electricity", choices=["life_cycle", "published_co2_factor"],
                        help=_("how grid electricity is counted (default: the project's "
                               "choice, else life_cycle): the supply system's life cycle in "
                               "every category, or the published CO2 factor only "
                               "(carbon-market style)"))


def _scenario_argument(parser) -> None:
    parser.add_argument("--scenario", type=Path, metavar="FILE",
                        help=_("scenario file (.json, or .xlsx with a sheet 'scenario'): use "
                               "phase, distribution, end of life and factory energy, "
                               "replacing those of the design (see docs/bom-format.md)"))


def add_commands(sub) -> None:
    method_help = _('LCIA method "family|category|indicator" (repeat; default: IPCC 2021 '
                    'GWP100, EF v3.1, CED)')
    p = sub.add_parser("assess", help=_("cradle-to-grave LCA of a project or BOM file"),
                       description=_("Cradle-to-grave LCA on the local inventory: totals, "
                                     "stages and credits beyond the system boundary."))
    p.add_argument("file", help=_("a .gdproj project or a .csv/.xlsx BOM"))
    p.add_argument("--variant", help=_("design variant (default: baseline)"))
    p.add_argument("--method", action="append", help=method_help)
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--service-life", type=float, metavar="YEARS",
                   help=_("service life for a BOM file"))
    p.add_argument("--strict", action="store_true",
                   help=_("fail (exit 2) when a material or process has no inventory data, "
                          "instead of leaving it out and listing it"))
    _electricity_argument(p)
    _scenario_argument(p)
    p.set_defaults(func=cmd_assess)

    p = sub.add_parser("uncertainty", help=_("Monte Carlo of a project or BOM file"),
                       description=_("Monte Carlo over background data (pedigree lognormals) "
                                     "and foreground parameters; reproducible with --seed."))
    p.add_argument("file")
    p.add_argument("--variant")
    p.add_argument("--method", action="append", help=method_help)
    p.add_argument("--iterations", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--service-life", type=float, metavar="YEARS")
    p.add_argument("--strict", action="store_true",
                   help=_("fail when a material or process has no inventory data"))
    _electricity_argument(p)
    _scenario_argument(p)
    p.set_defaults(func=cmd_uncertainty)

    p = sub.add_parser("score", help=_("green design scores of a project or BOM file"),
                       description=_("Lightweighting, disassembly, repairability, "
                                     "recyclability, circularity, restricted substances and the "
                                     "GB/T 32161-style green design index."))
    p.add_argument("file")
    p.add_argument("--variant")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--service-life", type=float, metavar="YEARS")
    p.add_argument("--no-lca", action="store_true",
                   help=_("skip the LCA-linked parts (no inventory needed)"))
    _scenario_argument(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("methods", help=_("list the installed LCIA methods"))
    p.set_defaults(func=cmd_methods)
