"""Scoring a design leaves no reference cycles behind.

Garbage in cycles is freed only by full passes of the cyclic collector, which walk
every object of a large open project while holding the GIL (the window stalls); a
recursive inner function is such a cycle, and one per part was made before."""

from __future__ import annotations

import gc

from bench.synthetic import synthetic_product
from greendesign.model import BASELINE, Project
from greendesign.scoring import score_json


def test_scores_and_the_improvement_search_leave_no_cyclic_garbage():
    project = Project(product=synthetic_product(300))
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        result = score_json(project, BASELINE, lambda code: 2.0, suggestions=True)
        assert result["suggestions"] and result["combination_findings"]
        del result
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
