"""Batch assessment on Dask distributed: results equal ``assess``, failures, re-runs, a
killed worker, manifest errors."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bench.synthetic import synthetic_product
from greendesign.batch.manifest import ManifestError, read_manifest, tasks_from_input
from greendesign.batch.runner import open_client, run_batch
from greendesign.cli_lca import material_gwp_lookup
from greendesign.io.project_file import load_project, save_project
from greendesign.lca.engine import assess, default_methods, method_label
from greendesign.lca.lifecycle import STAGES
from greendesign.model import Project
from greendesign.scoring.report import score_json

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


@pytest.fixture(scope="module")
def bg():
    from greendesign.inventory.brightway_setup import ensure_inventory
    from greendesign.lca.background import load_background

    ensure_inventory()
    return load_background()


@pytest.fixture(scope="module")
def client(bg):
    with open_client(workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("inputs")
    for path in DEMO.glob("*.gdproj"):
        shutil.copy(path, root / path.name)
    for seed in (1, 2):
        project = Project(product=synthetic_product(30, seed=seed))
        project.add_variant("lighter")
        for part, _count in project.variants[0].product.parts()[::2]:
            part.mass_kg *= 0.7
        save_project(project, root / f"synthetic_{seed}.gdproj")
    (root / "broken.csv").write_text("id,name,material,mass_kg\nP1,Bracket,steel,abc\n",
                                     encoding="utf-8")
    return root


def test_results_equal_assess_and_failure_reported(folder, tmp_path, client, bg):
    tasks = tasks_from_input(folder, "all")
    summary = run_batch(tasks, tmp_path, scheduler=client, allow_gaps=True)
    frame = pd.read_parquet(tmp_path / "results.parquet")
    methods = default_methods(bg)
    assert len(methods) == 27
    designs = [t for t in tasks if t.file != "broken.csv"]
    assert summary.total == len(tasks) and summary.computed == len(designs)
    assert [f.file for f in summary.failures] == ["broken.csv"]
    assert "service life" in summary.failures[0].error
    assert len(frame) == 27 * len(designs)
    for task in designs:
        product = load_project(folder / task.file).design(task.variant)
        ref = assess(product, methods, variant=task.variant, background=bg, allow_gaps=True)
        rows = frame[(frame.file == task.file) & (frame.variant == task.variant)]
        assert list(rows.method) == [method_label(m) for m in methods]
        np.testing.assert_allclose(rows.total, ref.total, rtol=1e-12, atol=0)
        np.testing.assert_allclose(rows.per_year, ref.total / product.service_life_years,
                                   rtol=1e-12, atol=0)
        np.testing.assert_allclose(rows.credits_beyond_boundary, ref.credits, rtol=1e-12)
        stages = ref.by_stage()
        for stage in STAGES:
            np.testing.assert_allclose(rows[stage], stages.loc[stage].to_numpy(), rtol=1e-12)
        # the scores as greendesign-cli score computes them (packaging left out of the mass)
        scores = score_json(load_project(folder / task.file), task.variant,
                            material_gwp_lookup(bg), suggestions=False)
        assert rows.mass_kg.iloc[0] == pytest.approx(scores["mass_kg"], rel=1e-12)
        assert rows.green_design_index.iloc[0] == pytest.approx(
            scores["green_design_index"]["index"], rel=1e-12)
        assert rows.mci.iloc[0] == pytest.approx(scores["mci"], rel=1e-12)
    failures = pd.read_csv(tmp_path / "failures.csv", encoding="utf-8-sig")
    assert list(failures.file) == ["broken.csv"]
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "results.xlsx", read_only=True)
    assert book.sheetnames == ["results", "failures"]
    rows = list(book["results"].iter_rows(values_only=True))
    assert len(rows) == len(frame) + 1 and list(rows[0]) == list(frame.columns)
    assert rows[1][list(frame.columns).index("total")] == frame.total.iloc[0]
    assert [r[0] for r in book["failures"].iter_rows(values_only=True)] == ["file",
                                                                             "broken.csv"]


def test_resumed_run_recomputes_nothing(folder, tmp_path, client):
    tasks = [t for t in tasks_from_input(folder, "all") if t.file != "broken.csv"]
    first = run_batch(tasks, tmp_path, scheduler=client, allow_gaps=True)
    store = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "store").iterdir()}
    before = pd.read_parquet(tmp_path / "results.parquet")
    again = run_batch(tasks, tmp_path, scheduler=client, allow_gaps=True)
    assert first.computed == len(tasks)
    assert (again.computed, again.skipped, again.failed) == (0, len(tasks), 0)
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "store").iterdir()} == store
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "results.parquet"), before)
    # one file per completed chunk, each design's rows in exactly one of them
    files = sorted((tmp_path / "store").glob("*.parquet"))
    assert 1 <= len(files) < len(tasks)
    stored = pd.concat([pd.read_parquet(f) for f in files])
    assert stored.groupby("input_hash").size().eq(27).all()
    assert set(stored.input_hash) == set(before.input_hash)
    assert sorted(stored.total) == sorted(before.total)
    # a lost store file: only its designs are computed again, the others stay
    lost = pd.read_parquet(files[0]).input_hash.nunique()
    files[0].unlink()
    third = run_batch(tasks, tmp_path, scheduler=client, allow_gaps=True)
    assert (third.computed, third.skipped) == (lost, len(tasks) - lost)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "results.parquet"), before)


def test_store_writes_each_hash_once(tmp_path):
    import pyarrow as pa

    from greendesign.batch.store import ResultStore

    def rows(keys):
        return pa.table({"input_hash": [k for k in keys for _ in range(2)],
                         "total": [float(i) for i in range(2 * len(keys))]})

    store = ResultStore(tmp_path)
    store.write_error("c", {"error": "bad"})
    assert store.write_chunk(rows(["a", "b"])) == ["a", "b"]
    assert store.write_chunk(rows(["b", "a"])) == []       # a chunk run twice
    assert store.write_chunk(rows(["a", "c"])) == ["c"]    # c fixed since
    assert not (tmp_path / "c.error.json").exists()
    again = ResultStore(tmp_path)                          # a new run reads the files
    assert again.done() == {"a", "b", "c"}
    assert len(list(tmp_path.glob("*.parquet"))) == 2
    stored = again.rows(["a", "b", "c"])
    assert stored["a"].column("total").to_pylist() == [0.0, 1.0]
    assert stored["b"].column("total").to_pylist() == [2.0, 3.0]
    assert stored["c"].column("total").to_pylist() == [2.0, 3.0]  # the 2nd design of its chunk


def test_killed_worker_loses_nothing(tmp_path, bg):
    products = [synthetic_product(100, seed=s) for s in range(80)]
    methods = default_methods(bg)[:3]
    with open_client(workers=2) as c:
        pids = list(c.run(os.getpid).values())
        killed = threading.Event()

        def progress(fraction, _message):
            if 0 < fraction < 0.6 and not killed.is_set():
                killed.set()
                os.kill(pids[0], signal.SIGKILL)

        summary = run_batch(products, tmp_path, methods=methods, scheduler=c, chunk_size=4,
                            progress=progress, score=False)
    assert killed.is_set()
    assert summary.failed == 0 and summary.computed == len(products)
    frame = pd.read_parquet(tmp_path / "results.parquet")
    assert len(frame) == 3 * len(products)
    assert frame.groupby("input_hash").size().eq(3).all()
    assert frame.input_hash.nunique() == len(products)
    ref = assess(products[7], methods, background=bg)
    rows = frame[frame.input_hash == frame.input_hash.unique()[7]]
    np.testing.assert_allclose(rows.total, ref.total, rtol=1e-12)
    # the store holds every design once, whichever chunks Dask ran twice
    files = list((tmp_path / "store").glob("*.parquet"))
    assert len(files) <= len(products) // 4
    stored = pd.concat([pd.read_parquet(f) for f in files])
    assert len(stored) == 3 * len(products)
    assert stored.groupby("input_hash").size().eq(3).all()
    assert set(stored.input_hash) == set(frame.input_hash)


def test_manifest_errors_name_row_and_column(folder, tmp_path):
    shutil.copy(folder / "synthetic_1.gdproj", tmp_path / "a.gdproj")
    manifest = tmp_path / "m.csv"
    manifest.write_text("文件,方案,service_life_years,production.grid\n"
                        "a.gdproj,lighter,8,CN-East\n"
                        "a.gdproj,,eight,\n", encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        read_manifest(manifest)
    assert "row 3" in str(caught.value) and "service_life_years" in str(caught.value)
    manifest.write_text("file,colour\na.gdproj,red\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="colour"):
        read_manifest(manifest)
    manifest.write_text("file\na.gdproj\nmissing.gdproj\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="row 3.*file"):
        read_manifest(manifest)
    manifest.write_text("文件,方案,service_life_years,production.grid\n"
                        "a.gdproj,lighter,8,CN-East\n", encoding="utf-8")
    (task,) = read_manifest(manifest)
    assert (task.variant, task.service_life_years, task.row) == ("lighter", 8.0, 2)
    assert task.overrides == {"production.grid": "CN-East"}


def test_boms_with_scenario_files_and_overrides(tmp_path, client, bg):
    from greendesign.cli_lca import load_design
    from greendesign.io.scenario_file import apply_scenario

    good = tmp_path / "good.csv"
    good.write_text("name,mass,material,process\nLid,20 g,pp,injection_moulding\n"
                    "Frame,120 g,steel_sheet_cold_rolled,sheet_stamping\n", "utf-8")
    (tmp_path / "good.scenario.json").write_text(
        '{"service_life_years": 6, "use": {"energy_kwh_per_year": 12}}', "utf-8")
    (tmp_path / "bad.csv").write_text("name,mass,material\nLid,-3 g,pp\n", "utf-8")
    (tmp_path / "bad.scenario.json").write_text('{"service_life_years": 5}', "utf-8")
    manifest = tmp_path / "batch.csv"
    manifest.write_text("file,use.grid\ngood.csv,CN-East\ngood.csv,\nbad.csv,\n", "utf-8")
    methods = default_methods(bg)[:2]
    summary = run_batch(read_manifest(manifest), tmp_path / "out", methods=methods,
                        scheduler=client)
    assert (summary.computed, summary.failed) == (2, 1)
    assert summary.failures[0].file == "bad.csv" and summary.failures[0].row == 4
    assert "bad.csv" in summary.failures[0].error
    frame = pd.read_parquet(tmp_path / "out" / "results.parquet")
    _project, plain, _name = load_design(good, None, None,
                                         scenario=tmp_path / "good.scenario.json")
    assert plain.service_life_years == 6
    east = apply_scenario(plain, {"use.grid": "CN-East"})
    hashes = list(dict.fromkeys(frame.input_hash))
    for key, product in zip(hashes, (east, plain), strict=True):
        ref = assess(product, methods, background=bg)
        rows = frame[frame.input_hash == key]
        np.testing.assert_allclose(rows.total, ref.total, rtol=1e-12, atol=0)
        np.testing.assert_allclose(rows.per_year, ref.total / 6, rtol=1e-12, atol=0)
    assert not np.allclose(frame[frame.input_hash == hashes[0]].total,
                           frame[frame.input_hash == hashes[1]].total)


def test_cli_batch_exit_code_and_failures(tmp_path, capsys):
    from greendesign.cli import main

    project = Project(product=synthetic_product(12, seed=3))
    (tmp_path / "in").mkdir()
    save_project(project, tmp_path / "in" / "p.gdproj")
    (tmp_path / "in" / "bad.csv").write_text("name,mass,material\nLid,-3 g,pp\n", "utf-8")
    (tmp_path / "in" / "bad.scenario.json").write_text('{"service_life_years": 5}', "utf-8")
    code = main(["--lang", "en", "batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                 "--workers", "1", "--quiet", "--method",
                 "IPCC 2021|climate change|global warming potential (GWP100)"])
    captured = capsys.readouterr()
    assert code == 1
    assert "2 design(s): 1 computed, 0 stored before, 1 failed." in captured.out
    assert "bad.csv [baseline]" in captured.err and "'-3 g'" in captured.err
    frame = pd.read_parquet(tmp_path / "out" / "results.parquet")
    assert list(frame.file) == ["p.gdproj"]
    from greendesign.lca.engine import GWP100

    ref = assess(project.product, [GWP100])
    assert frame.total.iloc[0] == pytest.approx(float(ref.total[0]), rel=1e-12)
