"""Evaluating every candidate of a sweep at once.

Life cycle result. The lifecycle model is linear in each part's lines (its
material, processes, factory electricity, end of life, its share of the
product's mass for distribution and end-of-life transport). So with ``o`` the
candidate's product-level levels (production grid, green power, service life,
end-of-life region) and ``b`` the blocks of part factors that touch the same
parts (a part's material and its recycled content form one block)::

    total(candidate) = base[o] + sum_b delta_b[o', level combination of b]

where ``base[o]`` is the design with the product-level levels ``o``,
``delta_b`` the change one block's levels make on their own, and ``o'`` the
product-level levels a part's lines depend on (production grid, green power,
end-of-life region; not the service life, which moves only the use stage).
Each entry of the tables is one fast-path assessment (:func:`~greendesign.lca.
engine.assess`), so the number of assessments grows with the sum of the level
counts, not their product, and the candidates are summed as numpy arrays. The
decomposition is checked on sampled candidates against a direct assessment of
their designs (``check_error``); a sweep where it does not hold (a supplier
declaration that a change of material voids, say) is evaluated candidate by
candidate instead.

Green design index. Scores are computed with :func:`~greendesign.scoring.
metrics.score_product` once per distinct set of materials and end-of-life
region among the candidates; the metrics the other factors move are then
computed for every candidate as arrays: recycled content (mass-weighted),
the Material Circularity Indicator (its terms are linear in the parts'
recycled content; the utility follows the service life), the green-power
share and the service life; the index is the profile's weighted score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from greendesign.errors import GreenDesignError
from greendesign.i18n import _
from greendesign.model import Product
from greendesign.scoring.bom import parts_in_scope
from greendesign.scoring.index import Profile
from greendesign.scoring.metrics import ScoreInputs, score_product
from greendesign.scoring.recyclability import part_fates, utility_factor
from greendesign.sweep.candidates import apply_levels
from greendesign.sweep.spec import (
    GreenPowerFactor,
    MaterialFactor,
    RecycledContentFactor,
    ServiceLifeFactor,
    SweepSpec,
    level_count,
)

#: relative deviation above which the decomposition is not trusted
CHECK_TOLERANCE = 1e-9
#: candidates checked against a direct assessment
CHECK_SAMPLES = 12

Progress = Callable[[float, str], None]


class SweepCancelled(GreenDesignError):
    """The sweep was cancelled before it finished."""


@dataclass
class Plan:
    """How the factors split: product-level factors and blocks of part factors."""

    outer: list[int]          # product-level factor indices
    inner: list[int]          # of those, the ones part lines depend on
    blocks: list[list[int]]   # part factors grouped by the parts they touch


def plan(spec: SweepSpec) -> Plan:
    outer = [k for k, f in enumerate(spec.factors)
             if not isinstance(f, MaterialFactor | RecycledContentFactor)]
    inner = [k for k in outer if not isinstance(spec.factors[k], ServiceLifeFactor)]
    blocks: list[tuple[set[str], list[int]]] = []
    for k, factor in enumerate(spec.factors):
        parts = ({factor.part_id} if isinstance(factor, MaterialFactor) else
                 set(factor.part_ids) if isinstance(factor, RecycledContentFactor) else None)
        if parts is None:
            continue
        joined = [b for b in blocks if b[0] & parts]
        merged_parts, merged = set(parts), [k]
        for b in joined:
            merged_parts |= b[0]
            merged += b[1]
            blocks.remove(b)
        blocks.append((merged_parts, sorted(merged)))
    return Plan(outer, inner, [b[1] for b in blocks])


def combo_index(levels: np.ndarray, factors: list[int], counts: list[int]) -> np.ndarray:
    """Row-major index of the levels of ``factors`` in each row of ``levels``."""
    index = np.zeros(len(levels), dtype=np.int64)
    for k in factors:
        index = index * counts[k] + levels[:, k]
    return index


def combo_rows(factors: list[int], counts: list[int], n_factors: int) -> np.ndarray:
    """Every combination of the levels of ``factors`` (others 0), in combo_index order."""
    sizes = [counts[k] for k in factors]
    rows = np.zeros((math.prod(sizes), n_factors), dtype=np.int64)
    if factors:
        grid = np.indices(sizes).reshape(len(factors), -1)
        for j, k in enumerate(factors):
            rows[:, k] = grid[j]
    return rows


class Evaluator:
    """Totals of designs by the fast path (here, or on a Dask client)."""

    def __init__(self, background, method, client=None, progress: Progress | None = None,
                 cancel: Callable[[], bool] | None = None) -> None:
        self.background, self.method, self.client = background, tuple(method), client
        self.progress = progress or (lambda f, m: None)
        self.cancel = cancel or (lambda: False)
        self._bg_future = None

    def totals(self, designs: Sequence[Product], start: float, end: float,
               message: str) -> np.ndarray:
        if self.client is not None:
            return self._on_dask(designs)
        out = np.empty(len(designs))
        for i, design in enumerate(designs):
            if i % 16 == 0:
                if self.cancel():
                    raise SweepCancelled(_("The sweep was cancelled."))
                self.progress(start + (end - start) * i / max(len(designs), 1), message)
            out[i] = design_total(design, self.method, self.background)
        return out

    def _on_dask(self, designs: Sequence[Product]) -> np.ndarray:
        if self._bg_future is None:  # the intensities travel to each worker once
            self._bg_future = self.client.scatter(self.background, broadcast=True)
        size = max(1, math.ceil(len(designs) / (4 * max(1, _worker_count(self.client)))))
        chunks = [list(designs[i:i + size]) for i in range(0, len(designs), size)]
        futures = self.client.map(chunk_totals, chunks, method=self.method,
                                  background=self._bg_future, pure=False)
        out = []
        for future in futures:
            if self.cancel():
                self.client.cancel(futures)
                raise SweepCancelled(_("The sweep was cancelled."))
            out.append(future.result())
        return np.concatenate(out) if out else np.empty(0)


def _worker_count(client) -> int:
    try:
        return len(client.scheduler_info().get("workers", {}))
    except Exception:  # noqa: BLE001 - an unknown cluster: one chunk per task is still right
        return 1


def design_total(design: Product, method, background) -> float:
    """The life cycle total of one design for one method (fast path, gaps left out)."""
    from greendesign.lca.engine import assess  # deferred: loads pandas

    result = assess(design, [tuple(method)], background=background, allow_gaps=True)
    return float(result.total[0])


def chunk_totals(designs: list[Product], method, background) -> np.ndarray:
    """:func:`design_total` of several designs (one Dask task)."""
    return np.array([design_total(d, method, background) for d in designs])


def gwp_tables(product: Product, spec: SweepSpec, levels: np.ndarray, evaluator: Evaluator
               ) -> np.ndarray:
    """The life cycle total of every candidate, from the decomposition (module docstring)."""
    counts = [level_count(f) for f in spec.factors]
    n = len(spec.factors)
    layout = plan(spec)
    outer_rows = combo_rows(layout.outer, counts, n)
    base_designs = [apply_levels(product, spec, row, layout.outer) for row in outer_rows]
    jobs: list[tuple[int, np.ndarray]] = []   # (block, inner x combos) to fill
    designs: list[Product] = list(base_designs)
    inner_rows = combo_rows(layout.inner, counts, n)
    inner_base_at = combo_index(inner_rows, layout.outer, counts)  # their base design
    for b, block in enumerate(layout.blocks):
        rows = combo_rows(block, counts, n)
        for inner_row in inner_rows:
            for row in rows:
                both = inner_row + row
                designs.append(apply_levels(product, spec, both, layout.outer + block))
        jobs.append((b, rows))
    totals = evaluator.totals(designs, 0.05, 0.75, _("Assessing the design space"))
    base = totals[:len(base_designs)]
    out = base[combo_index(levels, layout.outer, counts)].copy()
    at = len(base_designs)
    inner_of = combo_index(levels, layout.inner, counts)
    for b, rows in jobs:
        size = len(rows)
        table = totals[at:at + size * len(inner_rows)].reshape(len(inner_rows), size)
        at += size * len(inner_rows)
        delta = table - base[inner_base_at][:, None]
        out += delta[inner_of, combo_index(levels, layout.blocks[b], counts)]
    return out


@dataclass
class ScoreContext:
    """What the index of the candidates needs: inputs, profile and the design's scope."""

    inputs: ScoreInputs       # resolved, reference = the design
    profile: Profile


def metric_arrays(product: Product, spec: SweepSpec, levels: np.ndarray, gwp: np.ndarray,
                  context: ScoreContext, evaluator: Evaluator) -> dict[str, np.ndarray]:
    """Every metric of the profile for every candidate (module docstring)."""
    factors = spec.factors
    keyed = [k for k, f in enumerate(factors)
             if isinstance(f, MaterialFactor) or f.kind == "eol_region"]
    counts = [level_count(f) for f in factors]
    key = combo_index(levels, keyed, counts)
    unique, key_of = np.unique(key, return_inverse=True)
    first = np.zeros(len(unique), dtype=np.int64)
    first[key_of[::-1]] = np.arange(len(key))[::-1]  # a candidate of each key
    names = sorted({i.metric for i in context.profile.indicators} | {"mass_kg", "mci"})
    values = {m: np.full(len(unique), np.nan) for m in names}
    rc_parts = sorted({p for f in factors if isinstance(f, RecycledContentFactor)
                       for p in f.part_ids})
    terms = []
    for u, row in enumerate(levels[first]):
        if u % 8 == 0 and evaluator.cancel():
            raise SweepCancelled(_("The sweep was cancelled."))
        evaluator.progress(0.8 + 0.15 * u / len(unique), _("Scoring the design space"))
        design = apply_levels(product, spec, row, keyed)
        scores = score_product(design, context.inputs)
        for m in names:
            value = scores.metrics.get(m)
            values[m][u] = np.nan if value is None else value
        terms.append(_key_terms(design, context.inputs, rc_parts))
    out = {m: v[key_of] for m, v in values.items()}
    _candidate_metrics(out, spec, levels, key_of, terms, rc_parts, product, context)
    out["gwp_kg"] = gwp
    return out


def _key_terms(design: Product, inputs: ScoreInputs, rc_parts: list[str]) -> dict:
    """Per-part terms of one key's design: recycled content and MCI flows."""
    infos = parts_in_scope(design, inputs.exclude_modules)
    mass = np.array([i.node.mass_kg * i.count for i in infos])
    rc = np.array([i.node.recycled_content for i in infos])
    ids = [i.node.id for i in infos]
    fates, _notes = part_fates(design, inputs.eol, catalogue=inputs.catalogue,
                               exclude_modules=inputs.exclude_modules)
    m = np.array([f.mass_kg for f in fates])
    e_c = np.array([f.recycling_yield for f in fates])
    e_f = np.where(e_c > 0, e_c, 1.0)
    collected = np.array([f.recycling for f in fates])
    reuse = np.array([f.reuse for f in fates])
    fate_ids = [f.part_id for f in fates]
    return {
        "mass": mass, "rc": rc,
        "rc_at": {p: [j for j, i in enumerate(ids) if i == p] for p in rc_parts},
        "fate_m": m, "fate_rc": np.array([f.recycled_content for f in fates]),
        "fate_rc_at": {p: [j for j, i in enumerate(fate_ids) if i == p] for p in rc_parts},
        "w0": float(np.sum(m * (1.0 - collected - reuse))),
        "wc": float(np.sum(m * (1.0 - e_c) * collected)),
        "wf_per_rc": m * (1.0 - e_f) / e_f,
    }


def _rc_matrix(spec: SweepSpec, levels: np.ndarray, rc_parts: list[str]) -> np.ndarray:
    """Recycled content of each swept part for each candidate (NaN: as designed)."""
    out = np.full((len(levels), len(rc_parts)), np.nan)
    for k, factor in enumerate(spec.factors):
        if isinstance(factor, RecycledContentFactor):
            shares = np.asarray(factor.levels)[levels[:, k]]
            for part_id in factor.part_ids:
                out[:, rc_parts.index(part_id)] = shares
    return out


def _candidate_metrics(out: dict[str, np.ndarray], spec: SweepSpec, levels: np.ndarray,
                       key_of: np.ndarray, terms: list[dict], rc_parts: list[str],
                       product: Product, context: ScoreContext) -> None:
    """Recycled content, MCI, green power and service life of every candidate."""
    n = len(levels)
    life = np.full(n, float(product.service_life_years))
    for k, factor in enumerate(spec.factors):
        if isinstance(factor, ServiceLifeFactor):
            life = np.asarray(factor.levels, dtype=float)[levels[:, k]]
        elif isinstance(factor, GreenPowerFactor):
            out["green_power_share_pct"] = np.asarray(factor.levels)[levels[:, k]] * 100.0
    out["service_life_years"] = life
    rc_new = _rc_matrix(spec, levels, rc_parts)
    recycled = np.full(n, np.nan)
    virgin = np.full(n, np.nan)
    feed_waste = np.full(n, np.nan)
    for u, t in enumerate(terms):
        rows = np.flatnonzero(key_of == u)
        rc = np.broadcast_to(t["rc"], (len(rows), len(t["rc"]))).copy()
        frc = np.broadcast_to(t["fate_rc"], (len(rows), len(t["fate_rc"]))).copy()
        for j, part_id in enumerate(rc_parts):
            rc[:, t["rc_at"][part_id]] = rc_new[rows, j][:, None]
            frc[:, t["fate_rc_at"][part_id]] = rc_new[rows, j][:, None]
        total = t["mass"].sum()
        if total > 0:
            recycled[rows] = (rc * t["mass"]).sum(axis=1) / total * 100.0
        virgin[rows] = (t["fate_m"] * (1.0 - frc)).sum(axis=1)
        feed_waste[rows] = (frc * t["wf_per_rc"]).sum(axis=1)
    if rc_parts:
        out["recycled_content_pct"] = recycled
    out["mci"] = _mci(out["mci"], virgin, feed_waste, terms, key_of, life, context)


def _mci(known: np.ndarray, virgin: np.ndarray, wf: np.ndarray, terms: list[dict],
         key_of: np.ndarray, life: np.ndarray, context: ScoreContext) -> np.ndarray:
    """The MCI of every candidate (``greendesign.scoring.recyclability.mci_from_flows``)."""
    inputs = context.inputs
    mass = np.array([t["fate_m"].sum() for t in terms])[key_of]
    w0 = np.array([t["w0"] for t in terms])[key_of]
    wc = np.array([t["wc"] for t in terms])[key_of]
    utility = np.array([utility_factor(x, inputs.reference_life_years, inputs.intensity_ratio)[0]
                        for x in np.unique(life)])
    x = utility[np.searchsorted(np.unique(life), life)]
    with np.errstate(invalid="ignore", divide="ignore"):
        waste = w0 + (wf + wc) / 2.0
        lfi = (virgin + waste) / (2.0 * mass + (wf - wc) / 2.0)
        mci = np.maximum(0.0, 1.0 - lfi * (0.9 / x))
    return np.where(np.isnan(known) | (mass <= 0), np.nan, mci)


def index_array(metrics: dict[str, np.ndarray], profile: Profile, n: int) -> np.ndarray:
    """The green design index of every candidate (``evaluate_index``, as arrays)."""
    weighted = np.zeros(n)
    weight = np.zeros(n)
    for indicator in profile.indicators:
        value = metrics.get(indicator.metric)
        if value is None:
            continue
        if indicator.scoring == "threshold":
            met = value >= indicator.benchmark if indicator.direction == "higher" else \
                value <= indicator.benchmark
            score = np.where(met, 1.0, 0.0)
        else:
            z = indicator.zero_at
            score = np.minimum(1.0, np.maximum(0.0, (value - z) / (indicator.benchmark - z)))
        known = ~np.isnan(value)
        weighted = np.where(known, weighted + indicator.weight * score, weighted)
        weight = np.where(known, weight + indicator.weight, weight)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, 100.0 * weighted / weight, np.nan)


def score_context(product: Product, profile: Profile, inputs: ScoreInputs | None,
                  intensity_ratio: float) -> ScoreContext:
    base = inputs or ScoreInputs()
    reference_life = (base.reference_life_years if base.reference_life_years is not None
                      else profile.reference_service_life_years)
    resolved = replace(base, reference=product, reference_life_years=reference_life,
                       intensity_ratio=intensity_ratio).resolved()
    return ScoreContext(resolved, profile)
