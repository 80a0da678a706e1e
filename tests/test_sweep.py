"""Design-space sweeps: candidates, the decomposition against direct assessments, the
index against the scoring functions, the Pareto front, Dask, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from greendesign.errors import GreenDesignError, ModelValidationError
from greendesign.io.project_file import load_project
from greendesign.lca.engine import GWP100, assess
from greendesign.scoring.index import evaluate_index, profile_for
from greendesign.scoring.metrics import ScoreInputs, score_product
from greendesign.sweep import SweepCancelled, SweepSpec, pareto_front, run_sweep
from greendesign.sweep import evaluate as sweep_evaluate
from greendesign.sweep.candidates import SweepError, level_matrix
from greendesign.sweep.spec import read_spec

ROOT = Path(__file__).resolve().parents[1]
KETTLE = ROOT / "resources" / "demo" / "electric_kettle.gdproj"
KETTLE_SWEEP = ROOT / "resources" / "demo" / "electric_kettle.sweep.json"

SMALL = {"factors": [
    {"kind": "material", "part_id": "body_shell", "options": [
        {"material": "aluminium_wrought_sheet", "mass_kg": 0.1503},
        {"material": "pp", "mass_kg": 0.25, "processes": [{"dataset": "injection_moulding"}]}]},
    {"kind": "recycled_content", "part_ids": ["body_shell", "lid_inner"], "levels": [0, 0.6]},
    {"kind": "material", "part_id": "handle_outer", "options": [{"material": "abs"}]},
    {"kind": "recycled_content", "part_ids": ["base_top"], "levels": [0, 1.0]},
    {"kind": "production_grid", "levels": ["CN-South", "CN-Northwest"]},
    {"kind": "green_power_share", "levels": [0, 0.5]},
    {"kind": "service_life", "levels": [5, 9]},
    {"kind": "eol_region", "levels": ["CN", "EU"]},
]}


def brute_pareto(x, y):
    """O(n^2) definition: not dominated (no worse on both, better on one)."""
    out = []
    for i in range(len(x)):
        if np.isnan(x[i]) or np.isnan(y[i]):
            out.append(False)
            continue
        dominated = any((x[j] <= x[i] and y[j] >= y[i] and (x[j] < x[i] or y[j] > y[i]))
                        for j in range(len(x)) if not (np.isnan(x[j]) or np.isnan(y[j])))
        out.append(not dominated)
    return np.array(out)


def test_pareto_front_hand_made():
    # (x to minimise, y to maximise): A(1,1) B(2,3) C(2,2) D(3,3) E(4,5) F(2,3) G(nan,9)
    x = np.array([1, 2, 2, 3, 4, 2, np.nan])
    y = np.array([1, 3, 2, 3, 5, 3, 9])
    # A: lowest x; B and F: equal, not dominated; C dominated by B; D dominated by B; E: top y
    assert pareto_front(x, y).tolist() == [True, True, False, False, True, True, False]


def test_pareto_front_equals_the_definition_on_random_points():
    rng = np.random.default_rng(3)
    for _ in range(20):
        x = rng.integers(0, 8, 60).astype(float)
        y = rng.integers(0, 8, 60).astype(float)
        x[rng.integers(0, 60, 3)] = np.nan
        assert (pareto_front(x, y) == brute_pareto(x, y)).all()


def test_full_factorial_and_latin_hypercube_levels():
    spec = SweepSpec.model_validate(SMALL)
    levels = level_matrix(spec)
    assert levels.shape == (3 * 2 * 2 * 2 * 2 * 2 * 2 * 2, 8) == (spec.size, 8)
    assert len({tuple(r) for r in levels}) == spec.size
    lhs = SweepSpec.model_validate({**SMALL, "design": "lhs", "samples": 90, "seed": 4})
    sample = level_matrix(lhs)
    assert sample.shape == (90, 8)
    assert (level_matrix(lhs) == sample).all()  # seeded
    assert sorted(np.bincount(sample[:, 0])) == [30, 30, 30]  # 3 levels, 30 each
    for k in range(1, 8):
        assert sorted(np.bincount(sample[:, k])) == [45, 45]


@pytest.mark.parametrize(("change", "where"), [
    ({"factors": [{"kind": "service_life", "levels": [0]}]}, "levels"),
    ({"factors": [{"kind": "colour", "levels": [1]}]}, "factors[0]"),
    ({"factors": [{"kind": "green_power_share", "levels": [1.5]}]}, "levels[0]"),
    ({"factors": [{"kind": "service_life", "levels": [5]}], "design": "lhs"}, "samples"),
    ({"factors": [{"kind": "recycled_content", "part_ids": ["a", "b"], "levels": [0]},
                  {"kind": "recycled_content", "part_ids": ["b"], "levels": [1]}]}, "part b"),
])
def test_spec_errors_name_the_field(change, where):
    with pytest.raises(ModelValidationError) as caught:
        SweepSpec.model_validate(change)
    assert where in str(caught.value)


def test_spec_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "sweep.json"
    bad.write_text(json.dumps({"factors": [{"kind": "service_life", "levels": [-2]}]}),
                   encoding="utf-8")
    with pytest.raises(GreenDesignError) as caught:
        read_spec(bad)
    assert "sweep.json" in str(caught.value) and "levels[0]" in str(caught.value)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GreenDesignError, match="not JSON"):
        read_spec(bad)


@pytest.fixture(scope="module")
def kettle():
    return load_project(KETTLE).design("baseline")


@pytest.fixture(scope="module")
def background(bg):
    return bg


@pytest.fixture(scope="module")
def small(kettle, background):
    return run_sweep(kettle, SweepSpec.model_validate(SMALL), background=background)


def test_unknown_part_is_named(kettle, background):
    spec = SweepSpec.model_validate({"factors": [
        {"kind": "material", "part_id": "lid", "options": [{"material": "pp"}]}]})
    with pytest.raises(SweepError, match="'lid'"):  # an assembly, not a part
        run_sweep(kettle, spec, background=background)


def test_every_candidate_equals_its_direct_assessment(small, background):
    assert small.evaluation == "decomposition"
    assert small.check_error < 1e-12
    for i in range(len(small)):
        design = small.candidate(i)
        direct = assess(design, [GWP100], background=background, allow_gaps=True)
        assert small.gwp[i] == pytest.approx(float(direct.total[0]), rel=1e-12, abs=1e-12)
        assert small.gwp_per_year[i] == pytest.approx(
            float(direct.total[0]) / design.service_life_years, rel=1e-12)


def test_index_mci_and_mass_equal_the_scoring_of_each_candidate(kettle, small, background):
    profile = profile_for(kettle.category)
    inputs = ScoreInputs(reference=kettle,
                         reference_life_years=profile.reference_service_life_years).resolved()
    for i in range(0, len(small), 7):
        design = small.candidate(i)
        total = float(assess(design, [GWP100], background=background, allow_gaps=True).total[0])
        scores = score_product(design, ScoreInputs(**{**inputs.__dict__,
                                                      "gwp_total_kg": total}))
        index = evaluate_index(scores.metrics, profile).index
        assert small.index[i] == pytest.approx(index, rel=1e-12)
        assert small.mci[i] == pytest.approx(scores.metrics["mci"], rel=1e-12)
        assert small.mass_kg[i] == pytest.approx(scores.metrics["mass_kg"], rel=1e-12)
        assert small.metrics["recycled_content_pct"][i] == pytest.approx(
            scores.metrics["recycled_content_pct"], rel=1e-12)


def test_pareto_mask_and_the_design_itself(kettle, small, background):
    assert (small.pareto == brute_pareto(small.gwp_per_year, small.index)).all()
    assert (small.front("mass_kg") == brute_pareto(small.gwp_per_year, -small.mass_kg)).all()
    assert (small.front("mci") == brute_pareto(small.gwp_per_year, small.mci)).all()
    base = small.baseline
    assert base is not None
    own = float(assess(kettle, [GWP100], background=background, allow_gaps=True).total[0])
    assert small.gwp[base] == pytest.approx(own, rel=1e-12)
    frame = small.frame()
    assert len(frame) == len(small) and frame["pareto"].sum() == small.pareto.sum()
    assert frame.iloc[base]["material of part body_shell"] == "steel_stainless_304"


def test_direct_evaluation_when_the_check_fails(kettle, background, small, monkeypatch):
    monkeypatch.setattr(sweep_evaluate, "CHECK_TOLERANCE", -1.0)
    from greendesign.sweep import run as sweep_run

    monkeypatch.setattr(sweep_run, "CHECK_TOLERANCE", -1.0)
    direct = run_sweep(kettle, SweepSpec.model_validate(SMALL), background=background)
    assert direct.evaluation == "direct"
    np.testing.assert_allclose(direct.gwp, small.gwp, rtol=1e-12)
    np.testing.assert_allclose(direct.index, small.index, rtol=1e-12)


def test_cancel_stops_the_sweep(kettle, background):
    with pytest.raises(SweepCancelled):
        run_sweep(kettle, SweepSpec.model_validate(SMALL), background=background,
                  cancel=lambda: True)


def test_on_a_dask_cluster(kettle, background, small):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        result = run_sweep(kettle, SweepSpec.model_validate(SMALL), background=background,
                           client=client)
    np.testing.assert_allclose(result.gwp, small.gwp, rtol=1e-12)


def test_cli_sweep_writes_every_candidate(tmp_path, inventory_home, capsys):
    from greendesign.cli import main

    out = tmp_path / "kettle.csv"
    code = main(["--lang", "en", "sweep", str(KETTLE), "--factors", str(KETTLE_SWEEP),
                 "--lhs", "300", "-o", str(out)])
    assert code == 0
    import pandas as pd

    frame = pd.read_csv(out)
    assert len(frame) == 300
    assert {"gwp_per_year", "index", "mci", "mass_kg", "pareto"} <= set(frame.columns)
    text = capsys.readouterr().out
    assert f"{frame['pareto'].sum()} on the Pareto front" in text


def test_the_scheduler_comes_from_the_environment_or_the_settings(monkeypatch):
    from greendesign.settings import AppSettings, dask_scheduler, save_settings

    monkeypatch.delenv("GREENDESIGN_DASK_SCHEDULER", raising=False)
    assert dask_scheduler() == ""
    save_settings(AppSettings(dask_scheduler="tcp://10.0.0.5:8786"))
    assert dask_scheduler() == "tcp://10.0.0.5:8786"
    monkeypatch.setenv("GREENDESIGN_DASK_SCHEDULER", " tcp://cluster:8786 ")
    assert dask_scheduler() == "tcp://cluster:8786"


def test_summary_lists_equal_front_candidates_once(small):
    from greendesign.sweep import sweep_json

    summary = sweep_json(small, top=10_000)
    listed = summary["pareto"]
    assert sum(e["equal_candidates"] for e in listed) == summary["pareto_count"] \
        == int(small.pareto.sum())
    assert len(listed) == summary["pareto_distinct"]
    points = {(round(e["gwp_per_year"], 9), round(e["green_design_index"], 9), e["mass_kg"])
              for e in listed}
    assert len(points) == len(listed)  # distinct entries differ
    per_year = [e["gwp_per_year"] for e in listed]
    assert per_year == sorted(per_year)
