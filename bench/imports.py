"""User-database import of whole USLCI releases, beside bw2io's importer on the same file.

The releases are those in the workspace's shared data (``../shared/data/uslci``):
FY2021 Q3 as EcoSpold 1 (639 processes) and FY2018 as openLCA JSON-LD (766
processes). GreenDesign's import reads, links (the shared elementary-flow
linker), reports and writes the database. The peer is bw2io's own importer for
the format with its default strategies, reading and linking only (it writes
nothing, since unlinked exchanges stop its writer): for EcoSpold 1 on the same
lenient reader (bw2io's schema-validating reader refuses the release), for
JSON-LD as shipped, which cannot read openLCA 1.x releases (then its error is
printed instead of a time).
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from pathlib import Path

from bench.timing import row

#: Goal for importing a whole USLCI release with linking and report, seconds.
GOAL_S = 10.0
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "uslci"
RELEASES = (("ecospold1", "uslci_fy21_q3_ecospold1.zip", "USLCI FY21 Q3 EcoSpold 1"),
            ("jsonld", "uslci_fy18_olca1_5_jsonld.zip", "USLCI FY18 openLCA JSON-LD"))


def _timed(fn) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        fn()
    return time.perf_counter() - start


def _bw2io_peer(fmt: str, source: Path):
    import bw2io

    if fmt == "ecospold1":
        from greendesign.inventory.ecospold1_reader import LenientEcospold1

        importer = bw2io.SingleOutputEcospold1Importer(
            str(source), "bench-peer", use_mp=False,
            extractor=LenientEcospold1(lambda f, m: None, lambda: False))
    else:
        import tempfile
        import zipfile

        with tempfile.TemporaryDirectory() as tmp:
            with zipfile.ZipFile(source) as archive:
                archive.extractall(tmp)
            root = next(p.parent for p in Path(tmp).rglob("processes"))
            from bw2io.importers.json_ld import JSONLDImporter

            importer = JSONLDImporter(str(root), "bench-peer")
    importer.apply_strategies()


def run() -> None:
    from greendesign.inventory import user_databases as ud
    from greendesign.inventory.brightway_setup import ensure_inventory

    ensure_inventory()
    print("user-database import of whole USLCI releases (read, link, report, write)")
    for fmt, file, label in RELEASES:
        source = SHARED / file
        if not source.is_file():
            print(f"  {label}: {source} is not in the shared data; skipped")
            continue
        holder = {}

        def ours(fmt=fmt, source=source, holder=holder):
            importer = ud.import_ecospold1 if fmt == "ecospold1" else ud.import_jsonld
            holder["result"] = importer(source, f"bench-{fmt}", replace=True)

        seconds = _timed(ours)
        report = holder["result"].report
        ud.remove_database(f"bench-{fmt}")
        try:
            peer = _timed(lambda fmt=fmt, source=source: _bw2io_peer(fmt, source))
        except Exception as exc:  # noqa: BLE001 - the peer's failure is the figure
            print(f"  {label}: GreenDesign {seconds:.1f} s; bw2io's importer with its "
                  f"default strategies fails: {type(exc).__name__}: {str(exc)[:90]}")
        else:
            row(f"import {label}", seconds, "peer: bw2io default (no write)", peer)
        share = report.elementary_link_share or 0.0
        print(f"  {report.datasets_imported} datasets, {100 * share:.1f} % of elementary "
              f"exchanges linked; goal <= {GOAL_S:.0f} s: "
              f"{'met' if seconds <= GOAL_S else 'not met'} ({seconds:.1f} s)")
    sys.stdout.flush()
