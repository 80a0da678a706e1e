"""Run every benchmark: ``python -m bench`` (``make bench``)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from bench.timing import best_of, row


def bench_project_file(tmp: Path) -> None:
    from bench.synthetic import synthetic_product
    from greendesign.io.project_file import load_project, project_to_dict, save_project
    from greendesign.model import Project

    project = Project(product=synthetic_product(1000))
    path = tmp / "bench.gdproj"
    plain = tmp / "plain.json"
    data = project_to_dict(project)

    def plain_write():
        with open(plain, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)

    row("save 1,000-part project (validate+atomic+fsync)", best_of(lambda: save_project(
        project, path)), "peer: json.dump, no fsync", best_of(plain_write))
    row("load 1,000-part project (parse+validate)", best_of(lambda: load_project(path)),
        "peer: json.load only", best_of(lambda: json.loads(plain.read_text("utf-8"))))


def main() -> int:
    os.environ.setdefault("GREENDESIGN_HOME", tempfile.mkdtemp(prefix="gd-bench-"))
    print(f"GreenDesign benchmarks, Python {sys.version.split()[0]}, best of 5 runs")
    with tempfile.TemporaryDirectory() as tmp:
        bench_project_file(Path(tmp))
        try:
            from bench.bom import bench_bom_import
        except ImportError:
            pass
        else:
            bench_bom_import(Path(tmp))
        from bench.lca import run as bench_lca

        bench_lca(Path(tmp))
        from bench.live import run as bench_live

        bench_live()
        from bench.scoring import run as bench_scoring

        bench_scoring()
        from bench.pack import run as bench_pack

        bench_pack(Path(tmp))
        from bench.ui import run as bench_ui

        bench_ui()
        from bench.bundle import run as bench_bundle

        bench_bundle()
        from bench.batch import run as bench_batch

        bench_batch(Path(tmp))
        from bench.imports import run as bench_imports

        bench_imports()
        from bench.sweep import run as bench_sweep

        bench_sweep()
    return 0


if __name__ == "__main__":
    sys.exit(main())
