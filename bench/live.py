"""Live editing in the core: one part edit -> every result, beside a full rebuild.

For 1,000, 10,000 and 50,000 synthetic parts and the 27 default methods: the live
model told which part changed (:class:`greendesign.lca.live.LiveAssessment`) against
building the model and assessing it from nothing (:func:`greendesign.lca.engine.assess`),
each followed by the same results: totals and credits, by stage, by part (rolled up)
and by material. Also where the time of a full build goes as the BOM grows (the cyclic
garbage collector's share).

``python -m bench.live`` runs it alone.
"""

from __future__ import annotations

import time

from bench.timing import best_of, row

SIZES = (1_000, 10_000, 50_000)


def _all_results(result) -> None:
    result.total, result.credits, result.by_stage(), result.by_part(), result.by_material()


def bench_live_edit(sizes=SIZES) -> None:
    from bench.synthetic import synthetic_product
    from greendesign.inventory.brightway_setup import ensure_inventory
    from greendesign.lca.background import load_background
    from greendesign.lca.engine import assess, default_methods
    from greendesign.lca.live import LiveAssessment

    ensure_inventory()
    bg = load_background()
    methods = default_methods(bg)
    for n in sizes:
        product = synthetic_product(n)
        live = LiveAssessment(product, methods, bg)
        part = product.bom[len(product.bom) // 2].children[0]

        def edit(live=live, part=part, product=product):
            part.mass_kg *= 1.01
            part.recycled_content = 0.3 if part.recycled_content != 0.3 else 0.5
            return live.update(product, [part.id])

        totals = best_of(lambda edit=edit: edit().total, repeat=7)
        everything = best_of(lambda edit=edit: _all_results(edit()), repeat=7)

        def full(product=product):
            _all_results(assess(product, methods, background=bg))

        rebuild = best_of(full, repeat=3 if n < 50_000 else 1)
        row(f"edit 1 part of {n:,} -> totals+stages, 27 meth.", totals,
            "full rebuild + same results", rebuild)
        row(f"edit 1 part of {n:,} -> every grouping, 27 meth.", everything,
            "full rebuild + same results", rebuild)
        start = time.perf_counter()
        first = LiveAssessment(product, methods, bg).result.total  # noqa: F841 - timed
        row(f"  open: live model of {n:,} parts, first result", time.perf_counter() - start,
            "full rebuild + same results", rebuild)


def bench_build_growth() -> None:
    """A full build at 5,000 to 20,000 parts with the cyclic collector running during the
    build (as it was) and held (as it is), in a process that keeps two other 10,000-part
    products alive, as the app keeps the open project, its variants and undo history."""
    from bench.synthetic import synthetic_product
    from greendesign.lca.lifecycle import _build, build_model, default_inventory

    inventory = default_inventory()
    ballast = [synthetic_product(10_000, seed=s) for s in (2, 3)]
    for n in (5_000, 10_000, 20_000):
        product = synthetic_product(n)
        held = best_of(lambda product=product: build_model(product, inventory), repeat=3)
        running = best_of(lambda product=product: _build(product, inventory, False), repeat=3)
        row(f"build the model of {n:,} parts (collector held)", held,
            "collector running (before)", running)
    del ballast


def run() -> None:
    bench_build_growth()
    bench_live_edit()


if __name__ == "__main__":
    run()
