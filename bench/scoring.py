"""Scoring benchmark: the improvement suggestions of the evidence pack's 500-part product
(goal: 0.5 s) beside the reference algorithm that scores a deep copy of the design per
candidate change (``tests/test_suggestions_fast.py``), in the same run; and the suggestion
search of a 5,000-part design beside scoring that design alone (the search should cost a
few scorings, not one per candidate)."""

from __future__ import annotations

from bench.timing import best_of, row

GOAL_SECONDS = 0.5
#: Cradle-to-gate factors of the synthetic product's materials, kg CO2-eq per kg (round
#: values: the time does not depend on them).
GWP = {"steel_sheet_cold_rolled": 2.1, "steel_stainless_304": 5.0, "aluminium_extruded": 9.0,
       "pp": 2.0, "abs": 3.5, "pc_abs": 4.0, "pp_gf30": 2.6, "copper": 4.2,
       "glass_float": 1.2, "li_ion_cell": 12.0}


def run() -> None:
    from bench.synthetic import synthetic_product
    from greendesign.scoring import ScoreInputs, score_product, suggest_improvements
    from greendesign.scoring.index import profile_for
    from tests.test_suggestions_fast import reference_suggestions

    product = synthetic_product(500)
    profile = profile_for(product.category)
    inputs = ScoreInputs(gwp_per_kg=GWP.get).resolved()
    scores = score_product(product, inputs)

    def fast():
        return suggest_improvements(product, profile, inputs, scores=scores)

    def reference():
        return reference_suggestions(product, profile, inputs, scores=scores)

    found, expected = fast(), reference()
    same = [s.to_dict() for s in found] == [s.to_dict() for s in expected]
    seconds = best_of(fast)
    slow = best_of(reference, repeat=1)
    state = "met" if seconds <= GOAL_SECONDS else "MISSED"
    row(f"suggestions, 500 parts ({state} {GOAL_SECONDS:g} s)", seconds,
        "reference: re-score a copy per change", slow)
    print(f"  {slow / seconds:.0f} times faster; {len(found)} suggestions, "
          + ("the same as the reference's" if same else "DIFFERENT from the reference's"))
    _large_search()


def _large_search(n_parts: int = 5000) -> None:
    from bench.synthetic import synthetic_product
    from greendesign.scoring import ScoreInputs, score_product, suggest_improvements
    from greendesign.scoring.index import profile_for

    product = synthetic_product(n_parts)
    profile = profile_for(product.category)
    inputs = ScoreInputs(gwp_per_kg=GWP.get).resolved()
    scores = score_product(product, inputs)
    search = best_of(lambda: suggest_improvements(product, profile, inputs, scores=scores),
                     repeat=3)
    alone = best_of(lambda: score_product(product, inputs), repeat=3)
    row(f"suggestion search, {n_parts:,} parts", search, "score alone, same design", alone)


if __name__ == "__main__":
    import os
    import tempfile

    os.environ.setdefault("GREENDESIGN_HOME", tempfile.mkdtemp(prefix="gd-bench-"))
    run()
