"""``run_sweep``: every candidate of a design space, its Pareto front, and the result."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from greendesign.i18n import _
from greendesign.model import Product
from greendesign.scoring.index import Profile, load_profiles, profile_for
from greendesign.scoring.metrics import ScoreInputs
from greendesign.sweep.candidates import (
    SweepError,
    apply_levels,
    check_targets,
    describe,
    level_matrix,
)
from greendesign.sweep.evaluate import (
    CHECK_SAMPLES,
    CHECK_TOLERANCE,
    Evaluator,
    Progress,
    SweepCancelled,
    gwp_tables,
    index_array,
    metric_arrays,
    score_context,
)
from greendesign.sweep.pareto import pareto_front
from greendesign.sweep.spec import MaterialFactor, SweepSpec, factor_title, level_values

__all__ = ["SweepCancelled", "SweepError", "SweepResult", "run_sweep"]


@dataclass
class SweepResult:
    """Every candidate of a sweep: its levels, life cycle result and scores."""

    product: Product
    spec: SweepSpec
    levels: np.ndarray          # candidates x factors, level indices
    gwp: np.ndarray             # life cycle total of spec.method per product
    unit: str
    service_life_years: np.ndarray
    mass_kg: np.ndarray
    mci: np.ndarray             # NaN: not known
    index: np.ndarray           # green design index 0-100, NaN: not known
    profile: str
    #: max relative deviation of checked candidates from their direct assessment
    check_error: float
    #: how the totals were computed: "decomposition" or "direct"
    evaluation: str
    metrics: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def gwp_per_year(self) -> np.ndarray:
        return self.gwp / self.service_life_years

    @property
    def pareto(self) -> np.ndarray:
        """Candidates not dominated for a lower result per year and a higher index."""
        return self.front("index")

    def front(self, against: str = "index") -> np.ndarray:
        """The Pareto front of a lower result per year against ``against``: ``index`` or
        ``mci`` (higher is better) or ``mass_kg`` (lower is better)."""
        values = {"index": self.index, "mci": self.mci, "mass_kg": -self.mass_kg}[against]
        return pareto_front(self.gwp_per_year, values)

    @property
    def baseline(self) -> int | None:
        """The row of the design as it is (every factor at the design's level), if any."""
        row = design_levels(self.product, self.spec)
        if row is None:
            return None
        hits = np.flatnonzero((self.levels == row).all(axis=1))
        return int(hits[0]) if len(hits) else None

    def __len__(self) -> int:
        return len(self.levels)

    def candidate(self, i: int) -> Product:
        """The design of candidate ``i``."""
        return apply_levels(self.product, self.spec, self.levels[i])

    def describe(self, i: int) -> str:
        """The levels of candidate ``i`` in the current language."""
        return describe(self.product, self.spec, self.levels[i])

    def frame(self) -> pd.DataFrame:
        """One row per candidate: the level of each factor, the results and scores."""
        columns: dict[str, object] = {}
        for k, factor in enumerate(self.spec.factors):
            current = (self.product.find(factor.part_id).material
                       if isinstance(factor, MaterialFactor) else "")
            values = np.asarray(level_values(factor, current), dtype=object)
            columns[factor_title(factor)] = values[self.levels[:, k]]
        frame = pd.DataFrame(columns)
        frame["gwp"] = self.gwp
        frame["gwp_per_year"] = self.gwp_per_year
        frame["service_life_years"] = self.service_life_years
        frame["mass_kg"] = self.mass_kg
        frame["mci"] = self.mci
        frame["index"] = self.index
        frame["pareto"] = self.pareto
        return frame


@contextlib.contextmanager
def connect_scheduler(address: str | None):
    """A ``distributed.Client`` of the scheduler at ``address``, closed on leaving; None
    for no address."""
    if not address:
        yield None
        return
    from distributed import Client  # deferred: loads Dask

    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise SweepError(_("Cannot reach the Dask scheduler at {address}: {error}.").format(
            address=address, error=exc),
            hint=_("Start the scheduler and its workers ('dask scheduler', then 'dask worker "
                   "ADDRESS' on each computer), or clear the scheduler setting.")) from None
    with client:
        yield client


def design_levels(product: Product, spec: SweepSpec) -> np.ndarray | None:
    """The level of every factor that the design itself has (None when one has none)."""
    scenario = product.scenario
    row = []
    for factor in spec.factors:
        if isinstance(factor, MaterialFactor):
            if not factor.include_current:
                return None
            row.append(0)
            continue
        if factor.kind == "recycled_content":
            own = {product.find(p).recycled_content for p in factor.part_ids}
            value = own.pop() if len(own) == 1 else None
        else:
            value = {"production_grid": scenario.production.grid,
                     "green_power_share": scenario.production.green_power_share,
                     "service_life": product.service_life_years,
                     "eol_region": scenario.end_of_life.region}[factor.kind]
        if value not in factor.levels:
            return None
        row.append(list(factor.levels).index(value))
    return np.asarray(row)


def run_sweep(product: Product, spec: SweepSpec, *, background=None,
              inputs: ScoreInputs | None = None, profile: Profile | None = None,
              intensity_ratio: float = 1.0, progress: Progress | None = None,
              cancel: Callable[[], bool] | None = None, client=None) -> SweepResult:
    """Evaluate every candidate of ``spec`` for ``product`` (see :mod:`.evaluate`).

    ``client``: a ``distributed.Client``; the assessments of the tables then run
    on its workers, with the intensities sent to each worker once.
    ``cancel`` is polled; when it returns True the sweep stops with
    :class:`SweepCancelled`.
    """
    from greendesign.lca.background import load_background  # deferred: loads numpy data

    report = progress or (lambda f, m: None)
    check_targets(product, spec)
    bg = background or load_background()
    rows = bg.rows_for([spec.method])
    chosen = profile or (load_profiles()[spec.profile] if spec.profile else
                         profile_for(product.category))
    report(0.0, _("Drawing {count} candidates").format(count=f"{spec.size:,}"))
    levels = level_matrix(spec)
    evaluator = Evaluator(bg, spec.method, client, report, cancel)
    gwp = gwp_tables(product, spec, levels, evaluator)
    evaluation, error = "decomposition", _check(product, spec, levels, gwp, evaluator)
    if error > CHECK_TOLERANCE:  # not additive for this design: every candidate directly
        designs = [apply_levels(product, spec, row) for row in levels]
        gwp = evaluator.totals(designs, 0.75, 0.8, _("Assessing every candidate"))
        evaluation, error = "direct", 0.0
    context = score_context(product, chosen, inputs, intensity_ratio)
    metrics = metric_arrays(product, spec, levels, gwp, context, evaluator)
    index = index_array(metrics, chosen, len(levels))
    life = metrics["service_life_years"]
    report(1.0, _("Design space ready"))
    return SweepResult(product, spec, levels, gwp, bg.method_units[rows[0]], life,
                       metrics["mass_kg"], metrics["mci"], index, chosen.id, error,
                       evaluation, metrics)


def _check(product: Product, spec: SweepSpec, levels: np.ndarray, gwp: np.ndarray,
           evaluator: Evaluator) -> float:
    """Max relative deviation of sampled candidates from a direct assessment."""
    rng = np.random.default_rng(spec.seed)
    picks = rng.choice(len(levels), size=min(CHECK_SAMPLES, len(levels)), replace=False)
    designs = [apply_levels(product, spec, levels[i]) for i in picks]
    direct = evaluator.totals(designs, 0.75, 0.8, _("Checking sampled candidates"))
    scale = np.maximum(np.abs(direct), 1e-300)
    return float(np.max(np.abs(gwp[picks] - direct) / scale)) if len(picks) else 0.0


def sweep_json(result: SweepResult, top: int = 20) -> dict:
    """A JSON-ready summary: counts, the design, and the Pareto candidates (best first).

    Candidates with equal results (e.g. differing only in the production grid at 100 %
    green power) are listed once, with the number of such candidates."""
    front = np.flatnonzero(result.pareto)
    front = front[np.lexsort((front, result.gwp_per_year[front]))]
    base = result.baseline

    def entry(i: int) -> dict:
        return {"candidate": int(i), "levels": result.describe(int(i)),
                "gwp": float(result.gwp[i]), "gwp_per_year": float(result.gwp_per_year[i]),
                "mass_kg": _num(result.mass_kg[i]), "mci": _num(result.mci[i]),
                "green_design_index": _num(result.index[i])}

    distinct: list[dict] = []
    for i in front:
        if distinct and _same(result, distinct[-1]["candidate"], i):
            distinct[-1]["equal_candidates"] += 1
            continue
        distinct.append({**entry(int(i)), "equal_candidates": 1})
    return {"product": result.product.name, "candidates": len(result),
            "design": result.spec.design, "method": list(result.spec.method),
            "unit": result.unit, "profile": result.profile,
            "evaluation": result.evaluation, "check_error": result.check_error,
            "pareto_count": int(len(front)), "pareto_distinct": len(distinct),
            "as_designed": entry(base) if base is not None else None,
            "pareto": distinct[:top]}


def _same(result: SweepResult, i: int, j: int) -> bool:
    """Whether two candidates have the same result per year, index, mass and MCI (1e-12)."""
    return all(np.isclose(v[i], v[j], rtol=1e-12, atol=0.0, equal_nan=True)
               for v in (result.gwp_per_year, result.index, result.mass_kg, result.mci))


def _num(value) -> float | None:
    return None if np.isnan(value) else float(value)

