"""Monte Carlo and one-at-a-time sensitivity on the fast path.

Background data
    Every inventory dataset's cradle-to-gate intensities are multiplied by a
    lognormal factor (median 1) whose variance of ln comes from the dataset's
    pedigree scores: the basic uncertainty plus the pedigree factors of the
    ecoinvent data quality guideline (Weidema et al., 2013, "Overview and
    methodology. Data quality guideline for the ecoinvent database version 3",
    ecoinvent report 1 (v3), Table 10.6; basic uncertainty of technosphere
    demands, Table 10.5, category c). One factor per dataset and iteration,
    shared by all methods.
Foreground parameters (each with a distribution the user can set)
    Part masses (normal, relative SD = the project's mass tolerance / 2, so the
    tolerance is a 95 % band), service life (triangular between the given
    relative bounds), use-phase energy (normal, relative SD) and end-of-life
    shares (Dirichlet around the scenario shares, concentration ``k``).
Supplier data
    A line a declared value covers (:mod:`greendesign.lca.declared`) takes, for the methods
    it declares, a lognormal factor from the declaration's own pedigree (one per declaration
    and iteration); its other methods keep the dataset's factor.
Paired sampling
    Every random stream is seeded from the run's seed and a stable name (the
    dataset code, the part id, the parameter), so two variants assessed with
    the same seed share their draws: P(A < B) then compares like with like.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from greendesign.i18n import _
from greendesign.lca.background import EngineError
from greendesign.lca.engine import Result, method_label
from greendesign.lca.lifecycle import CREDIT

#: Variance of ln per pedigree score 1..5, indicators in the order
#: reliability, completeness, temporal, geographical, further technological.
PEDIGREE_VARIANCE = (
    (0.0, 0.0006, 0.002, 0.008, 0.04),
    (0.0, 0.0001, 0.0006, 0.002, 0.008),
    (0.0, 0.0002, 0.002, 0.008, 0.04),
    (0.0, 0.000025, 0.0001, 0.0006, 0.002),
    (0.0, 0.0006, 0.008, 0.04, 0.12),
)
BASIC_VARIANCE = 0.0006


def pedigree_sigma(pedigree) -> float:
    """Standard deviation of ln of a dataset's intensity from its pedigree scores."""
    scores = list(pedigree) if pedigree else [5, 5, 5, 5, 5]
    variance = BASIC_VARIANCE + sum(PEDIGREE_VARIANCE[i][int(s) - 1]
                                    for i, s in enumerate(scores[:5]))
    return float(np.sqrt(variance))


@dataclass
class ForegroundDistributions:
    """User-settable distributions of the foreground parameters."""

    mass_rel_sd: float = 0.025                 # 5 % tolerance as a 95 % band
    service_life_bounds: tuple[float, float] = (0.8, 1.2)
    use_energy_rel_sd: float = 0.10
    eol_concentration: float = 50.0
    background: bool = True

    @classmethod
    def for_project(cls, project) -> ForegroundDistributions:
        return cls(mass_rel_sd=project.settings.mass_tolerance / 2.0)


def _rng(seed: int, *names: str) -> np.random.Generator:
    digest = hashlib.sha256("\x1f".join((str(seed), *names)).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


@dataclass
class MonteCarlo:
    methods: list[tuple[str, ...]]
    units: list[str]
    samples: np.ndarray           # iterations x methods
    seed: int
    deterministic: np.ndarray
    parameters: dict = field(default_factory=dict)

    def statistics(self) -> pd.DataFrame:
        s = self.samples
        return pd.DataFrame({
            "method": [method_label(m) for m in self.methods], "unit": self.units,
            "deterministic": self.deterministic, "mean": s.mean(axis=0),
            "median": np.median(s, axis=0), "sd": s.std(axis=0, ddof=1),
            "p2_5": np.percentile(s, 2.5, axis=0), "p97_5": np.percentile(s, 97.5, axis=0),
        })

    def to_json(self) -> dict:
        return {"iterations": int(self.samples.shape[0]), "seed": self.seed,
                "statistics": self.statistics().to_dict(orient="records")}


def _multipliers(result: Result, n: int, seed: int, dist: ForegroundDistributions
                 ) -> np.ndarray:
    """iterations x lines factors on the line amounts (foreground parameters)."""
    lines = result.lines
    mult = np.ones((n, len(lines)))
    part_ids = lines["part_id"].to_numpy()
    kinds = lines["kind"].to_numpy()
    stages = lines["stage"].to_numpy()
    if dist.mass_rel_sd > 0:
        for pid in np.unique(part_ids[part_ids != ""]):
            f = np.clip(_rng(seed, "mass", pid).normal(1.0, dist.mass_rel_sd, n), 0.0, None)
            mult[:, part_ids == pid] *= f[:, None]
    low, high = dist.service_life_bounds
    if (low, high) != (1.0, 1.0):
        life = _rng(seed, "service_life").triangular(low, 1.0, high, n)
        use_scaled = (stages == "use") & np.isin(kinds, ["energy", "consumable"])
        mult[:, use_scaled] *= life[:, None]
    if dist.use_energy_rel_sd > 0:
        f = np.clip(_rng(seed, "use_energy").normal(1.0, dist.use_energy_rel_sd, n), 0, None)
        mult[:, kinds == "energy"] *= f[:, None]
    if dist.eol_concentration > 0:
        _eol_multipliers(result, mult, n, seed, dist.eol_concentration)
    return mult


def _eol_multipliers(result: Result, mult: np.ndarray, n: int, seed: int, k: float) -> None:
    """Dirichlet draws of (recycling, energy recovery, landfill) per material family."""
    region = result.model.eol_region
    lines = result.lines
    fates = {"landfill": 2, "energy_recovery": 1}
    varied = ~lines["part_id"].isin(result.model.eol_fixed).to_numpy()
    for material, (family, mix) in result.model.eol_mix.items():
        shares = np.array(mix)
        alpha = np.where(shares > 0, shares * k, 0.0)
        if (alpha > 0).sum() < 2:
            continue
        draw = np.zeros((n, 3))
        pos = alpha > 0
        draw[:, pos] = _rng(seed, "eol", region, family).dirichlet(alpha[pos], n)
        ratio = np.divide(draw, shares, out=np.ones_like(draw), where=shares > 0)
        mine = (lines["material"] == material).to_numpy() & varied
        for kind, idx in fates.items():
            sel = mine & (lines["kind"] == kind).to_numpy()
            mult[:, sel] *= ratio[:, idx][:, None]
        # credits beyond the boundary are not part of the sampled totals


def _background_factors(result: Result, n: int, seed: int) -> np.ndarray:
    bg = result.bg
    factors = np.empty((n, len(bg.codes)))
    for j, code in enumerate(bg.codes):
        sigma = pedigree_sigma(bg.provenance[code].get("pedigree"))
        factors[:, j] = _rng(seed, "background", code).lognormal(0.0, sigma, n)
    return factors


def _declared_factors(result: Result, n: int, seed: int) -> np.ndarray:
    """iterations x lines: the lognormal factor of the declaration covering each line (1 for
    the lines no declaration covers), from the declaration's pedigree."""
    overlay = result.declared
    factors = np.ones((n, len(overlay.keys)))
    keys = np.array(overlay.keys, dtype=object)
    for d in overlay.declarations:
        draw = _rng(seed, "declared", d.key).lognormal(0.0, pedigree_sigma(d.value.pedigree), n)
        factors[:, keys == d.key] = draw[:, None]
    return factors


def monte_carlo(result: Result, iterations: int = 1000, seed: int = 1,
                dist: ForegroundDistributions | None = None, progress=None,
                cancelled=None, chunk: int = 250) -> MonteCarlo:
    """Sample the totals of ``result``'s methods; reproducible for a given seed."""
    if iterations < 2:
        raise ValueError(_("Monte Carlo needs at least 2 iterations"))
    dist = dist or ForegroundDistributions()
    report = progress or (lambda f, m: None)
    stop = cancelled or (lambda: False)
    bg = result.bg
    rows = bg.rows_for(result.methods)
    cols = result.lines["dataset"].map(bg.column).to_numpy()
    keep = (result.lines["stage"] != CREDIT).to_numpy()
    amounts = result.lines["amount"].to_numpy()
    Hm = bg.H[rows][:, cols].T                     # lines x methods
    mult = _multipliers(result, iterations, seed, dist)
    factors = _background_factors(result, iterations, seed) if dist.background else None
    declared = result.declared
    if declared is not None:  # declared scores per unit replace the datasets' where given
        replaced = declared.replaced
        Hd = np.where(replaced, declared.intensity, 0.0)
        Hm = np.where(replaced, 0.0, Hm)
        dfactors = _declared_factors(result, iterations, seed) if dist.background else None
    samples = np.empty((iterations, len(rows)))
    for start in range(0, iterations, chunk):
        if stop():
            raise EngineError(_("Monte Carlo was cancelled."),
                              hint=_("Start it again when needed."))
        stop_at = min(iterations, start + chunk)
        weights = mult[start:stop_at][:, keep] * amounts[keep]
        if factors is not None:
            weights = weights * factors[start:stop_at][:, cols[keep]]
        samples[start:stop_at] = weights @ Hm[keep]
        if declared is not None:
            own = mult[start:stop_at][:, keep] * amounts[keep]
            if dfactors is not None:
                own = own * dfactors[start:stop_at][:, keep]
            samples[start:stop_at] += own @ Hd[keep]
        report(stop_at / iterations, _("Monte Carlo: {done} of {count} iterations").format(
            done=stop_at, count=iterations))
    return MonteCarlo(result.methods, result.units, samples, seed, result.total,
                      {"distributions": dist.__dict__})


def probability_lower(a: MonteCarlo, b: MonteCarlo) -> np.ndarray:
    """P(A < B) per method from paired samples (same seed, same iteration count)."""
    if a.samples.shape != b.samples.shape or a.seed != b.seed:
        raise ValueError(_("paired comparison needs the same seed and number of iterations"))
    return (a.samples < b.samples).mean(axis=0)


def tornado(result: Result, method=None, dist: ForegroundDistributions | None = None,
            top_parts: int = 8) -> pd.DataFrame:
    """One-at-a-time sensitivity of one method's total to the foreground parameters.

    Each parameter is set to its 2.5th and 97.5th percentile while the others
    stay at their nominal values; rows are sorted by the width of the swing.
    """
    from scipy import stats  # deferred: loads scipy

    dist = dist or ForegroundDistributions()
    method = tuple(method or result.methods[0])
    j = result.methods.index(method)
    keep = (result.lines["stage"] != CREDIT).to_numpy()
    per_line = np.where(keep, result.scores[:, j], 0.0)
    base = per_line.sum()
    lines = result.lines
    z = stats.norm.ppf(0.975)
    rows = []

    def add(name: str, mask: np.ndarray, low: float, high: float) -> None:
        delta = per_line[mask].sum()
        rows.append({"parameter": name, "low_factor": low, "high_factor": high,
                     "low": base + delta * (low - 1.0), "high": base + delta * (high - 1.0)})

    parts = result.by_part(rollup=False)
    col = method_label(method)
    for pid in parts[col].abs().sort_values(ascending=False).index[:top_parts]:
        add(f"mass: {result.model.part_name(pid)}", (lines["part_id"] == pid).to_numpy(),
            1 - z * dist.mass_rel_sd, 1 + z * dist.mass_rel_sd)
    lo, hi = dist.service_life_bounds
    tri = stats.triang(c=(1.0 - lo) / (hi - lo), loc=lo, scale=hi - lo)
    add("service life", ((lines["stage"] == "use") & lines["kind"].isin(
        ["energy", "consumable"])).to_numpy(), float(tri.ppf(0.025)), float(tri.ppf(0.975)))
    add("use-phase energy", (lines["kind"] == "energy").to_numpy(),
        1 - z * dist.use_energy_rel_sd, 1 + z * dist.use_energy_rel_sd)
    frame = pd.DataFrame(rows)
    frame["swing"] = (frame["high"] - frame["low"]).abs()
    frame = frame[frame["swing"] > 0].sort_values("swing", ascending=False)
    frame.attrs["baseline"] = base
    frame.attrs["method"] = col
    return frame.reset_index(drop=True)
