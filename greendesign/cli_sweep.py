"""``greendesign-cli sweep``: a design-space sweep of one design (see docs/design-space.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from greendesign.cli_lca import load_design
from greendesign.errors import GreenDesignError
from greendesign.i18n import _
from greendesign.progress import progress_bar

EXIT_OK = 0
OUTPUT_SUFFIXES = (".csv", ".xlsx", ".parquet", ".json")


def cmd_sweep(args: argparse.Namespace) -> int:
    # deferred: the sweep loads numpy, pandas and the inventory
    from greendesign.cli_lca import _prepare
    from greendesign.sweep import run_sweep, sweep_json
    from greendesign.sweep.spec import read_spec

    spec = read_spec(Path(args.factors))
    update = {}
    if args.lhs is not None:
        update = {"design": "lhs", "samples": args.lhs}
    if args.seed is not None:
        update["seed"] = args.seed
    if update:
        spec = type(spec).model_validate({**spec.model_dump(), **update})
    output = Path(args.output) if args.output else None
    if output is not None and output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise GreenDesignError(_("Cannot write {file}: unknown file type.").format(file=output),
                               hint=_("Use one of: {types}.").format(
                                   types=", ".join(OUTPUT_SUFFIXES)))
    scenario = Path(args.scenario) if args.scenario else None
    project, product, _variant = load_design(Path(args.file), args.variant, args.service_life,
                                             scenario=scenario)
    background = _prepare()
    from greendesign.settings import dask_scheduler
    from greendesign.sweep.run import connect_scheduler

    tty = sys.stderr.isatty()
    with connect_scheduler(args.scheduler or dask_scheduler()) as client:
        result = run_sweep(product, spec, background=background, client=client,
                           intensity_ratio=(project.settings.intensity_of_use
                                            if project is not None else 1.0),
                           progress=progress_bar(quiet=not tty))
    if tty:
        print(file=sys.stderr)
    summary = sweep_json(result, top=args.top)
    if output is not None:
        write_candidates(result, output, summary)
    if args.format == "json":
        json.dump(summary, sys.stdout, indent=1, ensure_ascii=False)
        print()
    else:
        print_summary(summary)
    if output is not None:
        print(_("Wrote {count} candidates to {file}").format(count=f"{len(result):,}",
                                                             file=output), file=sys.stderr)
    return EXIT_OK


def write_candidates(result, path: Path, summary: dict) -> None:
    """Every candidate to CSV, XLSX or Parquet (atomically), or the summary to JSON."""
    from greendesign.io.atomic import atomic_write_bytes, atomic_write_text

    if path.suffix.lower() == ".json":
        atomic_write_text(path, json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
        return
    frame = result.frame()
    if path.suffix.lower() == ".csv":
        atomic_write_text(path, frame.to_csv(index=False))
        return
    import io

    buffer = io.BytesIO()
    if path.suffix.lower() == ".parquet":
        frame.to_parquet(buffer, index=False)
    else:
        frame.to_excel(buffer, index=False, sheet_name="candidates", engine="openpyxl")
    atomic_write_bytes(path, buffer.getvalue())


def print_summary(summary: dict) -> None:
    print(_("{product}: {count} candidates ({design}), {pareto} on the Pareto front "
            "(lowest {unit} per year, highest green design index), {distinct} of them with "
            "different results").format(
        product=summary["product"], count=f"{summary['candidates']:,}",
        design=_("full factorial") if summary["design"] == "full" else _("Latin hypercube"),
        pareto=summary["pareto_count"], unit=summary["unit"],
        distinct=summary["pareto_distinct"]))
    if summary["evaluation"] == "decomposition":
        print(_("Checked against a direct assessment of sampled candidates: largest "
                "relative deviation {error}.").format(error=f"{summary['check_error']:.1e}"))
    else:
        print(_("Every candidate was assessed directly (the parts' results do not add up "
                "for this design)."))
    rows = ([(_("as designed"), summary["as_designed"])] if summary["as_designed"] else [])
    rows += [(_("Pareto {rank}").format(rank=k + 1), e) for k, e in enumerate(summary["pareto"])]
    for label, entry in rows:
        index = entry["green_design_index"]
        print(_("{label}: {gwp} {unit}/year, index {index}, {mass} kg, MCI {mci}").format(
            label=label, gwp=f"{entry['gwp_per_year']:.4g}", unit=summary["unit"],
            index="-" if index is None else f"{index:.1f}",
            mass="-" if entry["mass_kg"] is None else f"{entry['mass_kg']:.4g}",
            mci="-" if entry["mci"] is None else f"{entry['mci']:.3f}"))
        print("    " + entry["levels"])
        if entry.get("equal_candidates", 1) > 1:
            print("    " + _("and {count} more candidates with the same results").format(
                count=entry["equal_candidates"] - 1))


def add_commands(sub) -> None:
    p = sub.add_parser(
        "sweep", help=_("design-space sweep of a design: candidates, Pareto front"),
        description=_("Evaluate every candidate of a design space (alternative materials, "
                      "recycled content, production grid, green power, service life, "
                      "end-of-life region) for its life cycle result per year and its green "
                      "design index, and list the Pareto front. See docs/design-space.md."))
    p.add_argument("file", help=_("a .gdproj project or a .csv/.xlsx BOM"))
    p.add_argument("--factors", required=True, metavar="SWEEP.json",
                   help=_("the factors and their levels (JSON)"))
    p.add_argument("--variant", help=_("design variant (default: baseline)"))
    p.add_argument("--scenario", metavar="FILE", help=_("scenario file for a BOM"))
    p.add_argument("--service-life", type=float, metavar="YEARS",
                   help=_("service life for a BOM file"))
    p.add_argument("--lhs", type=int, metavar="N",
                   help=_("a Latin hypercube of N candidates instead of the full factorial"))
    p.add_argument("--seed", type=int, help=_("seed of the Latin hypercube"))
    p.add_argument("-o", "--output", metavar="FILE",
                   help=_("write every candidate (.csv, .xlsx, .parquet) or the summary "
                          "(.json)"))
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--top", type=int, default=10, help=_("Pareto candidates listed"))
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help=_("run the assessments on a Dask cluster (tcp://host:8786; default: the "
                          "GREENDESIGN_DASK_SCHEDULER variable or the dask_scheduler "
                          "setting, else this computer)"))
    p.set_defaults(func=cmd_sweep)
