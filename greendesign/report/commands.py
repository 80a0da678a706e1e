"""The evidence pack commands of ``greendesign-cli``: ``export`` and ``verify``.

``greendesign.cli_report`` registers them in the command line; they live here, beside the
pack, so that their help and their messages are in the pack's message catalogue (``report``).

``export FILE -o DIR`` writes ``DIR/<report id>/`` (and ``DIR/<report id>.zip`` with
``--zip``) and prints what it wrote and what the pack lacks. ``verify PACK`` checks a pack
folder, its zip, or every pack in a folder of packs, prints the report of each and exits 0
when all check out, 2 with the differences listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from greendesign.errors import GreenDesignError
from greendesign.i18n import _
from greendesign.progress import progress_bar

EXIT_OK = 0
EXIT_INVALID = 2
LANGUAGE_CHOICES = {"zh": "zh_CN", "zh_CN": "zh_CN", "en": "en", "both": "both"}


def _methods(texts: list[str] | None) -> tuple[tuple[str, ...], ...]:
    methods = []
    for text in texts or ():
        parts = tuple(p.strip() for p in text.split("|"))
        if len(parts) != 3 or not all(parts):
            raise GreenDesignError(
                _("Method {text!r} must be written \"family|category|indicator\".").format(
                    text=text),
                hint=_("greendesign-cli methods lists the installed methods."))
        methods.append(parts)
    return tuple(methods)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the evidence pack of a project."""
    # deferred: the pack loads the engine, the scores and the writers
    from greendesign.inventory.brightway_setup import ensure_inventory
    from greendesign.io.project_file import SUFFIX, load_project
    from greendesign.lca.background import load_background
    from greendesign.model.product import BASELINE
    from greendesign.report.pack import export_pack
    from greendesign.report.pack_data import SECTIONS, ExportOptions

    path = Path(args.file)
    if path.suffix.lower() != SUFFIX:
        raise GreenDesignError(
            _("{file} is not a project file: an evidence pack is made from a project.").format(
                file=path),
            hint=_("Convert a BOM first: greendesign-cli convert BOM -o PROJECT.gdproj."))
    project = load_project(path)
    options = ExportOptions(
        designs=tuple(args.variants) if args.variants else (BASELINE,),
        methods=_methods(args.method), language=LANGUAGE_CHOICES[args.pack_language],
        sections=tuple(args.sections) if args.sections else SECTIONS,
        iterations=args.iterations, seed=args.seed, zip=args.zip)
    target = Path(args.output)
    if not target.exists():
        try:
            target.mkdir(parents=True)
        except OSError as exc:
            raise GreenDesignError(_("Cannot create the folder {folder}: {reason}.").format(
                folder=target, reason=exc.strerror or exc),
                hint=_("Choose a folder you can write to.")) from None
    ensure_inventory()
    result = export_pack(project, target, options, project_path=path,
                         background=load_background(), progress=progress_bar(args.quiet))
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    print(_("Evidence pack {report}: {folder}").format(report=result.report_id,
                                                        folder=result.folder))
    if result.zip_path is not None:
        print(_("zip: {path}").format(path=result.zip_path))
    print(_("{count} files, listed with their SHA-256 in manifest.json").format(
        count=len(result.files) + 1))
    for item in result.missing:
        print(_("missing: {file} ({reason})").format(file=item["file"], reason=item["reason"]))
    for item in result.warnings:
        print(_("warning: {file} ({reason})").format(file=item["file"], reason=item["reason"]))
    return EXIT_OK


def _packs(path: Path) -> list[Path]:
    """``path`` itself, or the packs (folders with a manifest, zips) in a folder of packs."""
    from greendesign.report.pack import MANIFEST

    if not path.is_dir() or (path / MANIFEST).is_file():
        return [path]
    found = sorted(p for p in path.iterdir()
                   if (p.is_dir() and (p / MANIFEST).is_file())
                   or (p.is_file() and p.suffix.lower() == ".zip"))
    if not found:
        raise GreenDesignError(_("{folder} holds no evidence pack (no manifest.json, no "
                                 ".zip).").format(folder=path),
                               hint=_("Give a pack folder, its zip, or a folder of packs."))
    return found


def cmd_verify(args: argparse.Namespace) -> int:
    """Check evidence packs: manifest hashes, then every number recomputed."""
    from greendesign.report.verify import verify_pack  # deferred: loads the engine

    reports = [verify_pack(pack, recompute=not args.files_only)
               for pack in _packs(Path(args.pack))]
    if args.format == "json":
        json.dump([r.to_json() for r in reports], sys.stdout, indent=1, ensure_ascii=False)
        print()
    else:
        print("\n\n".join(r.text() for r in reports))
    return EXIT_OK if all(r.ok for r in reports) else EXIT_INVALID


def add_commands(sub) -> None:
    """Add ``export`` and ``verify`` to the command line's sub-parsers."""
    from greendesign.report.pack_data import SECTIONS

    method_help = _('LCIA method "family|category|indicator" (repeat; default: the project\'s '
                    'methods, else IPCC 2021 GWP100, EF v3.1 and CED; the carbon footprint '
                    'methods are always added)')
    p = sub.add_parser(
        "export", help=_("write the green design evidence pack of a project"),
        description=_("Compute and write the evidence pack of a project: the report (PDF), "
                      "pack.json, the workbook (XLSX), the charts, the attachments and "
                      "manifest.json with the SHA-256 of every file, in DIR/<report id>/. "
                      "Nothing is left behind when it fails or is interrupted."))
    p.add_argument("file", help=_("the .gdproj project"))
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help=_("the folder the pack goes into (created when missing)"))
    p.add_argument("--lang", dest="pack_language", choices=sorted(LANGUAGE_CHOICES),
                   default="zh_CN",
                   help=_("language of the pack: zh (Chinese), en, or both in one "
                          "document (default: zh_CN)"))
    p.add_argument("--variants", nargs="+", metavar="NAME",
                   help=_("the designs to report, the first being the one the pack is for "
                          "(baseline or variant names; default: baseline); two or more are "
                          "compared"))
    p.add_argument("--method", action="append", help=method_help)
    p.add_argument("--iterations", type=int, default=1000,
                   help=_("Monte Carlo iterations (0: none; default 1000)"))
    p.add_argument("--seed", type=int, default=1,
                   help=_("Monte Carlo seed (default 1): the same seed gives the same pack"))
    p.add_argument("--zip", action="store_true",
                   help=_("also write the pack as DIR/<report id>.zip"))
    p.add_argument("--sections", nargs="+", choices=SECTIONS, metavar="SECTION",
                   help=_("the report sections to include (default: all): {sections}").format(
                       sections=", ".join(SECTIONS)))
    p.add_argument("--quiet", action="store_true", help=_("no progress messages"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "verify", help=_("check an evidence pack (folder or zip) and recompute its numbers"),
        description=_("Check an evidence pack: every file against manifest.json (missing, "
                      "extra and changed files are named), then every number recomputed from "
                      "pack.json. Exit 0 when it checks out, 2 with the differences listed."))
    p.add_argument("pack", help=_("a pack folder, its .zip, or a folder of packs"))
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--files-only", action="store_true",
                   help=_("check the files against the manifest only, recompute nothing"))
    p.set_defaults(func=cmd_verify)
