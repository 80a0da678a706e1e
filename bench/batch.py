"""Batch benchmark: 1,000 synthetic 200-part products x the 27 default methods, a serial
loop of ``assess`` against :func:`greendesign.batch.runner.run_batch` on a LocalCluster of
this machine's cores (goal: 10 s), with the scaling figures of ``docs/scaling.md``.

``python -m bench.batch`` (all figures) or through ``python -m bench`` (the main row)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

GOAL_SECONDS = 10.0


def _products(count: int, parts: int):
    from bench.synthetic import synthetic_product

    return [synthetic_product(parts, seed=s) for s in range(count)]


def _serial(products, methods, bg) -> float:
    from greendesign.lca.engine import assess

    start = time.perf_counter()
    for product in products:
        assess(product, methods, background=bg).by_stage()
    return time.perf_counter() - start


def _batch(products, methods, client, tmp: Path, bg, score: bool = False) -> float:
    from greendesign.batch.runner import run_batch

    out = Path(tempfile.mkdtemp(prefix="gd-bench-batch-", dir=tmp))
    start = time.perf_counter()
    summary = run_batch(products, out, methods=methods, scheduler=client, score=score,
                        background=bg)
    seconds = time.perf_counter() - start
    assert summary.computed == len(products), summary.failures[:3]
    shutil.rmtree(out)
    return seconds


def _worker_rss(client) -> list[float]:
    import psutil

    return [v / 2**20 for v in client.run(lambda: psutil.Process().memory_info().rss).values()]


def run(tmp: Path, full: bool = False) -> None:
    from greendesign.batch.runner import open_client
    from greendesign.inventory.brightway_setup import ensure_inventory
    from greendesign.lca.background import load_background
    from greendesign.lca.engine import default_methods

    ensure_inventory()
    bg = load_background()
    methods = default_methods(bg)
    cores = os.cpu_count() or 1
    products = _products(1000, 200)
    serial = _serial(products, methods, bg)
    start = time.perf_counter()
    with open_client(workers=cores) as client:
        started = time.perf_counter() - start
        cold = _batch(products, methods, client, tmp, bg)
        warm = _batch(products, methods, client, tmp, bg)
        total = started + cold
        print(f"batch 1,000 x 200-part products x 27 methods, {cores} workers: cluster start "
              f"{started:.2f} s, first run {cold:.2f} s, warm run {warm:.2f} s "
              f"(goal {GOAL_SECONDS:.0f} s: {'met' if total <= GOAL_SECONDS else 'NOT met'} "
              f"cold, {'met' if warm <= GOAL_SECONDS else 'NOT met'} warm)")
        print(f"  serial assess loop {serial:.2f} s; ratio serial/warm {serial / warm:.2f}x; "
              f"{1000 / warm:.0f} products/s, {1000 / warm / cores:.0f} per core")
        print(f"  worker RSS after the runs: "
              f"{', '.join(f'{m:.0f} MiB' for m in _worker_rss(client))}")
        if full:
            _scaling(client, bg, tmp, cores)


def _scaling(client, bg, tmp: Path, cores: int) -> None:
    from greendesign.lca.engine import default_methods

    methods = default_methods(bg)
    scored = _batch(_products(1000, 200), methods, client, tmp, bg, score=True)
    print(f"  with scores (mass, index, MCI): {scored:.2f} s, {1000 / scored / cores:.0f} "
          "products/s per core")
    for parts in (50, 200, 1000):
        count = 200_000 // parts
        seconds = _batch(_products(count, parts), methods, client, tmp, bg)
        print(f"  {count} x {parts}-part products, 27 methods: {seconds:.2f} s, "
              f"{seconds / count * cores * 1e3:.1f} ms per product per core")
    products = _products(500, 200)
    for label, chosen in (("1", methods[:1]), ("27", methods), ("98", list(bg.methods))):
        seconds = _batch(products, chosen, client, tmp, bg)
        print(f"  500 x 200-part products, {label} methods: {seconds:.2f} s, "
              f"{seconds / 500 * cores * 1e3:.1f} ms per product per core")


if __name__ == "__main__":
    os.environ.setdefault("GREENDESIGN_HOME", tempfile.mkdtemp(prefix="gd-bench-"))
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder), full="--quick" not in sys.argv)
