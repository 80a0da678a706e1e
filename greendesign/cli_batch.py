"""``greendesign-cli batch``: assess and score a folder of projects and BOMs, or a manifest,
on Dask distributed (``docs/scaling.md``).

Exit codes: 0 every design was assessed, 1 at least one failed (each listed with its error),
2 invalid input (a manifest error names its row and column).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from greendesign.i18n import _, ngettext

EXIT_OK = 0
EXIT_FAILED = 1


def cmd_batch(args: argparse.Namespace) -> int:
    # deferred: start-up speed (loads Dask and the engine)
    from greendesign.batch.manifest import tasks_from_input
    from greendesign.batch.runner import run_batch
    from greendesign.cli_lca import parse_methods
    from greendesign.progress import progress_bar

    out = Path(args.output)
    tasks = tasks_from_input(Path(args.input), args.variant or "baseline", exclude=out)
    summary = run_batch(tasks, out, methods=parse_methods(args.method),
                        scheduler=args.scheduler, workers=args.workers, packs=args.packs,
                        progress=progress_bar(args.quiet), allow_gaps=not args.strict,
                        score=not args.no_score)
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    print(_("{total} design(s): {computed} computed, {skipped} stored before, "
            "{failed} failed.").format(total=summary.total, computed=summary.computed,
                                       skipped=summary.skipped, failed=summary.failed))
    print(_("Results: {parquet} and {xlsx}").format(parquet=out / "results.parquet",
                                                    xlsx=out / "results.xlsx"))
    if summary.failures:
        print(ngettext("{count} design failed (also in {file}):",
                       "{count} designs failed (also in {file}):",
                       len(summary.failures)).format(count=len(summary.failures),
                                                     file=out / "failures.csv"),
              file=sys.stderr)
        for failure in summary.failures:
            error = failure.error.replace("\n", "\n    ")
            print(f"  - {failure.file} [{failure.variant}]: {error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def add_commands(sub) -> None:
    p = sub.add_parser(
        "batch", help=_("assess and score a folder of projects and BOMs, or a manifest"),
        description=_("Assess every project (.gdproj) and BOM (.csv/.xlsx, with "
                      "<name>.scenario.json beside it) of a folder, or the rows of a "
                      "manifest, on Dask distributed. Results go to OUT/results.parquet and "
                      "OUT/results.xlsx; a re-run skips every design stored in OUT/store. "
                      "Exit 0 when every design succeeded, 1 when any failed."))
    p.add_argument("input", help=_("a folder, a project file or a manifest CSV/XLSX"))
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help=_("output folder (created when missing)"))
    p.add_argument("--variant", metavar="all|NAME",
                   help=_("designs of each project: all, or one name (default: baseline)"))
    p.add_argument("--method", action="append",
                   help=_('LCIA method "family|category|indicator" (repeat; default: the '
                          '27 default methods)'))
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help=_("address of a running Dask scheduler (tcp://host:port); default: "
                          "a local cluster"))
    p.add_argument("--workers", type=int, metavar="N",
                   help=_("worker processes of the local cluster (default: the CPU cores)"))
    p.add_argument("--packs", action="store_true",
                   help=_("also export the evidence pack of each design (OUT/packs/)"))
    p.add_argument("--strict", action="store_true",
                   help=_("fail a design when a material or process has no inventory data, "
                          "instead of leaving it out (its mass share is in the results, as "
                          "assess lists it)"))
    p.add_argument("--no-score", action="store_true",
                   help=_("skip the green design scores (mass, index, MCI)"))
    p.add_argument("--quiet", action="store_true", help=_("no progress bar"))
    p.set_defaults(func=cmd_batch)
