"""LCA benchmarks: inventory set-up, fast path against the Brightway reference path."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.timing import best_of, row


def _fresh_home() -> str:
    home = tempfile.mkdtemp(prefix="gd-bench-home-")
    os.environ["GREENDESIGN_HOME"] = home
    return home


def bench_setup() -> None:
    """First run from nothing: ready-built template vs building everything with Brightway."""
    from greendesign.inventory.brightway_setup import activate, ensure_inventory
    from greendesign.inventory.template import build_template, template_is_current

    saved = os.environ.get("GREENDESIGN_HOME")
    if not template_is_current():
        build_template()
    _fresh_home()
    start = time.perf_counter()
    ensure_inventory()
    quick = time.perf_counter() - start
    _fresh_home()
    os.environ["GREENDESIGN_INVENTORY_TEMPLATE"] = "/nonexistent/template.zip"
    try:
        activate()
        start = time.perf_counter()
        ensure_inventory()
        full = time.perf_counter() - start
    finally:
        del os.environ["GREENDESIGN_INVENTORY_TEMPLATE"]
        if saved is not None:
            os.environ["GREENDESIGN_HOME"] = saved
        activate()
    row("first-run inventory set-up (ready-built copy)", quick,
        "Brightway: biosphere+98 methods+DBs", full)


def bench_engine() -> None:
    from bench.synthetic import synthetic_product
    from greendesign.inventory.brightway_setup import ensure_inventory
    from greendesign.lca.background import load_background
    from greendesign.lca.engine import assess, default_methods
    from greendesign.lca.lifecycle import build_model
    from greendesign.lca.reference import reference_assess

    ensure_inventory()
    bg = load_background()
    methods = default_methods(bg)
    product = synthetic_product(1000)
    first = product.bom[0].children[0]

    def edit_and_assess():
        first.mass_kg = first.mass_kg * 1.01
        return assess(product, methods, background=bg).total

    fast = best_of(edit_and_assess)
    model = build_model(product)
    start = time.perf_counter()
    _brightway_write_and_solve(product, methods, model)
    reference = time.perf_counter() - start
    row(f"1,000-part BOM, one edit, {len(methods)} methods (fast)", fast,
        "Brightway: write foreground+solve", reference)
    start = time.perf_counter()
    reference_assess(product, methods, model=model)
    per_stage = time.perf_counter() - start
    row("  same, reference path (bw2calc per stage)", per_stage,
        "Brightway: write foreground+solve", reference)
    variants = [synthetic_product(200, seed=s) for s in range(20)]

    def all_variants():
        for v in variants:
            assess(v, methods, background=bg)

    t20 = best_of(all_variants)
    one_ref = reference * 200 / 1000  # reference time scales with the foreground written
    row(f"20 variants x {len(methods)} methods (200 parts each)", t20,
        "Brightway reference, est. 20x", 20 * one_ref)


def _brightway_write_and_solve(product, methods, model) -> None:
    """The naive path: write the product as a Brightway database, solve every method."""
    import bw2calc

    from greendesign.inventory.brightway_setup import activate
    from greendesign.lca.reference import write_foreground

    name = "greendesign-bench-foreground"
    write_foreground(product, name, model=model)
    bd = activate()
    try:
        lca = bw2calc.LCA({bd.get_node(database=name, code="product"): 1.0}, method=methods[0])
        lca.lci()
        for method in methods:
            lca.switch_method(method)
            lca.lcia()
    finally:
        del bd.databases[name]


def bench_imports() -> None:
    import subprocess
    import sys

    def timed(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-W", "ignore", "-c", code], check=True)
        return time.perf_counter() - start

    base = min(timed("pass") for _ in range(3))
    bw = min(timed("import bw2data, bw2calc") for _ in range(3)) - base
    core = min(timed("import greendesign.lca.engine") for _ in range(3)) - base
    row("import the LCA engine (no Brightway)", core, "import bw2data+bw2calc", bw)


def _spold_folder(folder: Path, count: int) -> Path:
    """``count`` EcoSpold 2 datasets, each taking 0.5 kg of the previous one, with CO2."""
    import uuid

    from tests.user_db_fixtures import CO2_FOSSIL_AIR, _dataset, _elementary, _intermediate

    folder.mkdir(parents=True, exist_ok=True)
    previous = None
    for i in range(count):
        act, prod = str(uuid.uuid4()), str(uuid.uuid4())
        exchanges = [_intermediate(prod, f"product {i}", 1.0, True),
                     _elementary(CO2_FOSSIL_AIR, "Carbon dioxide, fossil", 1.0 + i % 7)]
        if previous is not None:
            exchanges.append(_intermediate(previous[1], f"product {i - 1}", 0.5, False,
                                           link=previous[0]))
        (folder / f"{act}_{prod}.spold").write_text(
            _dataset(act, f"bench activity {i}", "CN", exchanges), "utf-8")
        previous = (act, prod)
    return folder


def bench_user_database(tmp: Path) -> None:
    """Import 1,000 EcoSpold 2 datasets: ours (with the unlinked report) vs bare bw2io."""
    import contextlib
    import sys

    import bw2io

    from greendesign.inventory import user_databases as ud
    from greendesign.inventory.brightway_setup import INVENTORY_PROJECT, activate, ensure_inventory

    ensure_inventory()
    folder = _spold_folder(tmp / "spold", 1000)
    start = time.perf_counter()
    ud.import_ecospold2(folder, "bench-es2", replace=True)
    ours = time.perf_counter() - start
    bd = activate()
    bd.projects.set_current(INVENTORY_PROJECT)
    start = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):
        importer = bw2io.SingleOutputEcospold2Importer(str(folder), "bench-bare", use_mp=False,
                                                       add_product_information=False)
        importer.apply_strategies()
        importer.write_database()
    bare = time.perf_counter() - start
    del bd.databases["bench-bare"]
    row("import 1,000 EcoSpold 2 datasets (+report, index)", ours,
        "bw2io importer + write_database", bare)
    refs = [ds.ref for ds in ud.datasets() if ds.database == "bench-es2"][:100]
    from greendesign.lca.background import load_background

    start = time.perf_counter()
    load_background(extra=refs)
    solve = time.perf_counter() - start
    import bw2calc

    from greendesign.lca.engine import GWP100

    start = time.perf_counter()
    for ref in refs[:10]:
        lca = bw2calc.LCA({bd.get_node(database="bench-es2", code=ud.parse_ref(ref)[1]): 1.0},
                          method=GWP100)
        lca.lci()
        lca.lcia()
    per_lca = (time.perf_counter() - start) / 10
    row("solve 100 user datasets into the fast path (98 meth.)", solve,
        "est. 100 x bw2calc LCA, 1 method", 100 * per_lca)
    ud.remove_database("bench-es2")


def bench_catalogue_search() -> None:
    """Material picker search with an ecoinvent-sized user database (21,000 datasets)."""
    from greendesign.inventory.catalogue import load_bundled_catalogue, normalise, user_entries
    from greendesign.inventory.user_databases import UserDataset

    datasets = [UserDataset(f"user:eco|{i:032x}", "eco", f"{i:032x}",
                            f"market for material {i}, granulate", f"material {i}, granulate",
                            "GLO", "kg", "eco") for i in range(21_000)]
    bundled = load_bundled_catalogue()
    catalogue = bundled.with_entries(user_entries(datasets, {}, bundled))
    catalogue.search("warm-up", "material")

    def rescan():  # the same ranking, normalising every label at every keystroke
        query = normalise("polyprop")
        return [e for e in catalogue.entries("material")
                if any(query in normalise(k) for k in e.labels() if k)][:50]

    row("picker search, 21,000 user datasets (one keystroke)",
        best_of(lambda: catalogue.search("polyprop", "material")),
        "scan normalising every label", best_of(rescan))


def run(tmp: Path) -> None:
    bench_imports()
    bench_setup()
    bench_engine()
    bench_user_database(tmp)
    bench_catalogue_search()
