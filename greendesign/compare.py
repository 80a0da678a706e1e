"""Comparison of a project's designs (baseline and variants) against a reference design.

:func:`compare_designs` assesses every design of a project with the fast engine
(:func:`greendesign.lca.engine.assess`) and returns a :class:`Comparison`:
totals, values per year of service, stages, credits beyond the system boundary,
mass and service life per design, and the differences against the reference
design (``project.settings.reference_variant`` unless another is given),
absolute and relative, in total and per year.

Functional unit
    Each design's result is for one product over *its own* service life. When
    the service lives differ, the totals do not describe the same function and
    the designs must be compared per year of service (:attr:`Comparison.notes`
    says so, :meth:`Comparison.service_life_differs` tells which designs).

Attribution of a difference (one method, GWP100 by default)
    * by stage: the stage values of the design minus those of the reference;
    * by part: parts and assemblies matched by id (their own lines, not rolled
      up), parts found in only one design listed as ``added`` or ``removed``,
      and a ``product level`` row for lines that belong to no part (use-phase
      energy, distribution, factory electricity), so that the rows add up to
      the total difference;
    * by lever, derived line by line from the part diff: for a part in both
      designs, its raw-material difference is split into a *mass change* (the
      reference's raw-material score scaled by the ratio of material input
      masses) and a *material change* (the rest: another material, recycled
      content, supply transport); the manufacturing stage is the *process
      change*, the use stage the *use phase* (energy, consumables,
      replacements), the end-of-life stage the *end of life*; parts only in one
      design are *parts added or removed*; distribution is a lever of its own.
      The levers add up to the total difference.

Paired uncertainty
    :func:`paired_uncertainty` samples every design with the same seed (see
    :mod:`greendesign.lca.uncertainty`: every random stream is named after the
    dataset, part or parameter), so P(design < reference) compares like with
    like; an identical design gives 0.

No Qt here: the UI's Variants page only shows these frames.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from greendesign.i18n import N_, _, translate
from greendesign.lca.engine import GWP100, Result, assess, method_label
from greendesign.lca.lifecycle import CREDIT, STAGES, build_model
from greendesign.lca.uncertainty import monte_carlo, probability_lower
from greendesign.model import BASELINE, Assembly, Part, Product, Project, walk

LEVERS = ("material", "mass", "process", "use_phase", "end_of_life", "distribution",
          "parts_added_removed")
"""Levers of :meth:`Comparison.lever_attribution`, in the order shown."""

LEVER_DESCRIPTIONS = {
    "material": N_("material change (other material, recycled content, supply transport)"),
    "mass": N_("mass change (material input mass of parts in both designs)"),
    "process": N_("process change (manufacturing: processes and factory electricity)"),
    "use_phase": N_("use phase (energy, consumables, replacements)"),
    "end_of_life": N_("end of life (treatment of the parts, end-of-life scenario)"),
    "distribution": N_("distribution (product mass and transport legs)"),
    "parts_added_removed": N_("parts added or removed (everything they carry)"),
}
"""Lever -> its description (English; translated where shown)."""

PER_YEAR_NOTE = N_("The designs have different service lives ({lives}): each total is for one "
                   "product over its own service life, so compare the designs per year of "
                   "service, not by their totals.")

_RAW_INPUT_KINDS = ("material", "recycled_content")


@dataclass
class Comparison:
    """Results of every design of a project and their differences against a reference.

    Attributes
    ----------
    designs
        Design names in the project's order (baseline first).
    reference
        The design the others are compared with.
    methods, units
        The methods assessed and their units.
    results
        Design name -> :class:`~greendesign.lca.engine.Result`.
    products
        Design name -> :class:`~greendesign.model.Product`.
    """

    designs: list[str]
    reference: str
    methods: list[tuple[str, ...]]
    units: list[str]
    results: dict[str, Result]
    products: dict[str, Product]
    notes: list[str] = field(default_factory=list)

    # --- helpers -----------------------------------------------------------------------
    def _method(self, method) -> tuple[str, ...]:
        if method is None:
            return GWP100 if GWP100 in self.methods else self.methods[0]
        method = tuple(method)
        if method not in self.methods:
            raise KeyError(_("method {method!r} was not assessed").format(
                method=method_label(method)))
        return method

    def _index(self, method) -> int:
        return self.methods.index(self._method(method))

    def unit(self, method=None) -> str:
        """The unit of ``method`` (default GWP100)."""
        return self.units[self._index(method)]

    def service_life(self, design: str) -> float:
        return float(self.results[design].service_life_years)

    def mass(self, design: str) -> float:
        """The product mass as modelled in the LCA (kg, every node, packaging included)."""
        return float(self.products[design].mass_kg)

    def service_life_differs(self, design: str) -> bool:
        """Whether ``design`` lasts another number of years than the reference."""
        return not math.isclose(self.service_life(design), self.service_life(self.reference),
                                rel_tol=1e-12)

    @property
    def per_year_needed(self) -> bool:
        """Whether any design has another service life than the reference."""
        return any(self.service_life_differs(d) for d in self.designs)

    # --- frames ------------------------------------------------------------------------
    def _by_design(self, values) -> pd.DataFrame:
        return pd.DataFrame(np.array([values(self.results[d]) for d in self.designs]),
                            index=pd.Index(self.designs, name="design"),
                            columns=[method_label(m) for m in self.methods])

    def totals(self) -> pd.DataFrame:
        """Designs x methods: life cycle totals (credits beyond the boundary excluded)."""
        return self._by_design(lambda r: r.total)

    def per_year(self) -> pd.DataFrame:
        """Designs x methods: totals divided by each design's service life."""
        return self._by_design(lambda r: r.total / r.service_life_years)

    def credits(self) -> pd.DataFrame:
        """Designs x methods: credits beyond the system boundary (module D, not in totals)."""
        return self._by_design(lambda r: r.credits)

    def by_stage(self, method=None) -> pd.DataFrame:
        """Stages x designs for one method (default GWP100)."""
        col = method_label(self._method(method))
        return pd.DataFrame({d: self.results[d].by_stage()[col] for d in self.designs},
                            index=pd.Index(STAGES, name="stage"))

    def summary(self, method=None) -> pd.DataFrame:
        """One row per design for one method: total, per year, stages, credits, mass,
        service life and the differences against the reference (absolute and %)."""
        method = self._method(method)
        j = self.methods.index(method)
        stages = self.by_stage(method)
        ref = self.results[self.reference]
        ref_total = float(ref.total[j])
        ref_year = ref_total / ref.service_life_years
        rows = []
        for design in self.designs:
            result = self.results[design]
            total = float(result.total[j])
            year = total / result.service_life_years
            rows.append({
                "design": design, "is_reference": design == self.reference,
                "total": total, "per_year": year,
                **{s: float(stages.loc[s, design]) for s in STAGES},
                "credits": float(result.credits[j]), "mass_kg": self.mass(design),
                "service_life_years": float(result.service_life_years),
                "difference": total - ref_total, "difference_pct": _pct(total - ref_total,
                                                                        ref_total),
                "per_year_difference": year - ref_year,
                "per_year_difference_pct": _pct(year - ref_year, ref_year),
                "service_life_differs": self.service_life_differs(design),
            })
        frame = pd.DataFrame(rows).set_index("design")
        frame.attrs.update(method=method_label(method), unit=self.units[j],
                           reference=self.reference)
        return frame

    def differences(self) -> pd.DataFrame:
        """Long frame: every design x method with its total, per-year value and the
        differences against the reference (absolute and %)."""
        totals, years = self.totals(), self.per_year()
        rows = []
        for design in self.designs:
            for j, method in enumerate(self.methods):
                col = method_label(method)
                t, rt = float(totals.loc[design, col]), float(totals.loc[self.reference, col])
                y, ry = float(years.loc[design, col]), float(years.loc[self.reference, col])
                rows.append({"design": design, "method": col, "unit": self.units[j],
                             "total": t, "reference_total": rt, "difference": t - rt,
                             "difference_pct": _pct(t - rt, rt), "per_year": y,
                             "reference_per_year": ry, "per_year_difference": y - ry,
                             "per_year_difference_pct": _pct(y - ry, ry)})
        return pd.DataFrame(rows)

    # --- attribution -------------------------------------------------------------------
    def stage_attribution(self, design: str, method=None) -> pd.DataFrame:
        """Stages: reference, design and difference (the rows add up to the total
        difference; credits beyond the boundary are not in it)."""
        stages = self.by_stage(method)
        frame = pd.DataFrame({"reference": stages[self.reference], "design": stages[design]})
        frame["difference"] = frame["design"] - frame["reference"]
        return frame

    def part_attribution(self, design: str, method=None) -> pd.DataFrame:
        """Parts and assemblies matched by id: each node's own score (not rolled up) in
        the reference and the design, the difference, ``status`` (``changed``,
        ``unchanged``, ``added``, ``removed``, ``product``) and ``changes`` (what differs:
        material, mass, quantity, recycled_content, scrap_rate, process,
        end_of_life, transport, replacement). A last row (id ``""``) holds the product-level lines."""
        col = method_label(self._method(method))
        ref_result, result = self.results[self.reference], self.results[design]
        ref_parts = ref_result.by_part(rollup=False)
        parts = result.by_part(rollup=False)
        ref_nodes = _nodes(self.products[self.reference])
        nodes = _nodes(self.products[design])
        ref_repl = _replacements(self.products[self.reference])
        repl = _replacements(self.products[design])
        ids = list(parts.index) + [p for p in ref_parts.index if p not in parts.index]
        rows = []
        for pid in ids:
            in_ref, in_design = pid in ref_parts.index, pid in parts.index
            ref_value = float(ref_parts.loc[pid, col]) if in_ref else 0.0
            value = float(parts.loc[pid, col]) if in_design else 0.0
            if in_ref and in_design:
                changes = _node_changes(ref_nodes[pid], nodes[pid])
                if ref_repl.get(pid) != repl.get(pid):
                    changes.append("replacement")
                status = "changed" if changes or not math.isclose(
                    value, ref_value, rel_tol=1e-12, abs_tol=1e-15) else "unchanged"
                name = result.model.part_name(pid)
            else:
                changes = []
                status = "added" if in_design else "removed"
                name = (result if in_design else ref_result).model.part_name(pid)
            rows.append({"part_id": pid, "name": name, "status": status,
                         "changes": ", ".join(changes), "reference": ref_value,
                         "design": value, "difference": value - ref_value})
        j = self._index(method)
        ref_rest = float(ref_result.total[j]) - float(ref_parts[col].sum())
        rest = float(result.total[j]) - float(parts[col].sum())
        rows.append({"part_id": "", "name": _("product level"), "status": "product",
                     "changes": "", "reference": ref_rest, "design": rest,
                     "difference": rest - ref_rest})
        frame = pd.DataFrame(rows, columns=["part_id", "name", "status", "changes",
                                            "reference", "design", "difference"])
        frame.attrs.update(method=col, design=design, reference=self.reference)
        return frame

    def lever_attribution(self, design: str, method=None) -> pd.DataFrame:
        """The difference split by lever (see the module's description); the rows add
        up to the total difference."""
        j = self._index(method)
        ref_result, result = self.results[self.reference], self.results[design]
        ref_ids, ids = set(ref_result.model.tree), set(result.model.tree)
        only = (ref_ids ^ ids)
        ref_lv = _lever_scores(ref_result, j, only)
        lv = _lever_scores(result, j, only)
        values = dict.fromkeys(LEVERS, 0.0)
        for lever in ("process", "use_phase", "end_of_life", "distribution",
                      "parts_added_removed"):
            values[lever] = lv[lever] - ref_lv[lever]
        ref_raw, ref_in = ref_lv["raw"], ref_lv["raw_input"]
        raw, raw_in = lv["raw"], lv["raw_input"]
        for pid in set(ref_raw) | set(raw):
            r_score, d_score = ref_raw.get(pid, 0.0), raw.get(pid, 0.0)
            r_mass, d_mass = ref_in.get(pid, 0.0), raw_in.get(pid, 0.0)
            ratio = d_mass / r_mass if r_mass > 0 else 1.0
            mass_effect = r_score * (ratio - 1.0)
            values["mass"] += mass_effect
            values["material"] += d_score - r_score - mass_effect
        # lines of the whole product in the raw-material stage (none today) count as material
        values["material"] += lv["raw_other"] - ref_lv["raw_other"]
        total = float(result.total[j] - ref_result.total[j])
        frame = pd.DataFrame({"lever": list(LEVERS),
                              "description": [translate(LEVER_DESCRIPTIONS[k]) for k in LEVERS],
                              "difference": [values[k] for k in LEVERS]})
        frame["share_of_difference"] = frame["difference"] / total if total else np.nan
        frame.attrs.update(method=method_label(self._method(method)), design=design,
                           reference=self.reference, total_difference=total)
        return frame

    # --- export ------------------------------------------------------------------------
    def to_json(self, method=None, uncertainty: PairedUncertainty | None = None) -> dict:
        """Every number of the comparison as JSON-ready data (attribution for ``method``,
        default GWP100)."""
        method = self._method(method)
        differences = self.differences()
        designs = []
        for design in self.designs:
            result = self.results[design]
            mine = differences[differences["design"] == design]
            entry = {
                "design": design, "product": result.product,
                "service_life_years": float(result.service_life_years),
                "mass_kg": self.mass(design),
                "results": [{
                    "method": list(m), "unit": self.units[j],
                    "total": float(result.total[j]),
                    "per_year": float(result.total[j] / result.service_life_years),
                    "credits_beyond_boundary": float(result.credits[j]),
                    "by_stage": {s: float(v) for s, v in
                                 result.by_stage()[method_label(m)].items()},
                    "difference": float(mine["difference"].iloc[j]),
                    "difference_pct": _json_float(mine["difference_pct"].iloc[j]),
                    "per_year_difference": float(mine["per_year_difference"].iloc[j]),
                    "per_year_difference_pct": _json_float(
                        mine["per_year_difference_pct"].iloc[j]),
                } for j, m in enumerate(self.methods)],
                "service_life_differs": self.service_life_differs(design),
            }
            if design != self.reference:
                entry["attribution"] = {
                    "method": list(method),
                    "by_stage": {s: float(v) for s, v in self.stage_attribution(
                        design, method)["difference"].items()},
                    "by_part": _records(self.part_attribution(design, method)),
                    "by_lever": _records(self.lever_attribution(design, method)),
                }
            designs.append(entry)
        data = {"reference": self.reference, "methods": [list(m) for m in self.methods],
                "units": list(self.units), "per_year_comparison_needed": self.per_year_needed,
                "notes": list(self.notes), "designs": designs}
        if uncertainty is not None:
            data["paired_uncertainty"] = uncertainty.to_json()
        return data


@dataclass
class PairedUncertainty:
    """P(design < reference) per design and method from paired Monte Carlo runs.

    ``frame`` has one row per design and method: ``p_lower`` (total),
    ``p_lower_per_year`` (per year of service; the sampled service-life factor is
    shared by the paired draws, so the nominal lives divide the samples), the
    mean and the 95 % interval of the difference against the reference. The
    reference's own rows hold NaN probabilities.
    """

    reference: str
    iterations: int
    seed: int
    frame: pd.DataFrame

    def probability(self, design: str, method=GWP100, per_year: bool = False) -> float:
        rows = self.frame[(self.frame["design"] == design)
                          & (self.frame["method"] == method_label(tuple(method)))]
        return float(rows["p_lower_per_year" if per_year else "p_lower"].iloc[0])

    def to_json(self) -> dict:
        return {"reference": self.reference, "iterations": self.iterations, "seed": self.seed,
                "pairs": _records(self.frame)}


def compare_designs(project: Project, methods, background, reference: str | None = None,
                    allow_gaps: bool = True, inventory=None,
                    designs: list[str] | None = None) -> Comparison:
    """Assess every design of ``project`` (or ``designs``) and compare them.

    Parameters
    ----------
    project
        The project; its baseline and variants are the designs.
    methods
        Methods to assess (tuples); None: every method of ``background``.
    background
        The fast-path :class:`~greendesign.lca.background.Background`.
    reference
        The design to compare with; default ``project.settings.reference_variant``.
    allow_gaps
        Leave out (and report) references without inventory data instead of raising.
    inventory
        The :class:`~greendesign.lca.lifecycle.Inventory` of the lifecycle model
        (default: the installed one; tests give hand-made ones).
    designs
        The designs to compare (default every design); the reference is always in.
    """
    reference = reference or project.settings.reference_variant
    names = list(designs) if designs is not None else list(project.design_names)
    if reference not in names:
        names = [reference, *names]
    names = [n for n in project.design_names if n in names]
    project.design(reference)  # raises for an unknown name
    methods = [tuple(m) for m in (methods if methods is not None else background.methods)]
    results, products = {}, {}
    for name in names:
        product = project.design(name)
        model = None
        if inventory is not None:
            model = build_model(product, inventory, allow_gaps=allow_gaps)
        results[name] = assess(product, methods, variant=name, background=background,
                               model=model, allow_gaps=allow_gaps)
        products[name] = product
    first = results[names[0]]
    comparison = Comparison(names, reference, list(first.methods), list(first.units),
                            results, products)
    if comparison.per_year_needed:
        lives = ", ".join(_("{design}: {years} years").format(
            design=_("baseline") if n == BASELINE else n,
            years=f"{comparison.service_life(n):g}") for n in names)
        comparison.notes.append(translate(PER_YEAR_NOTE).format(lives=lives))
    return comparison


def paired_uncertainty(comparison: Comparison, iterations: int = 1000, seed: int = 1,
                       dist=None, progress=None, cancelled=None) -> PairedUncertainty:
    """P(design < reference) per method, from Monte Carlo runs with the same seed.

    ``progress(fraction, message)`` and ``cancelled()`` are passed on to
    :func:`~greendesign.lca.uncertainty.monte_carlo` (a cancelled run raises
    ``EngineError``).
    """
    report = progress or (lambda f, m: None)
    n = len(comparison.designs)
    runs = {}
    for i, design in enumerate(comparison.designs):
        def step(fraction, message, i=i, design=design):
            report((i + fraction) / n, _("{design}: {message}").format(design=design,
                                                                         message=message))

        runs[design] = monte_carlo(comparison.results[design], iterations, seed, dist,
                                   progress=step, cancelled=cancelled)
    ref = runs[comparison.reference]
    ref_life = comparison.service_life(comparison.reference)
    rows = []
    for design in comparison.designs:
        run = runs[design]
        life = comparison.service_life(design)
        is_ref = design == comparison.reference
        p = np.full(len(comparison.methods), np.nan) if is_ref else probability_lower(run, ref)
        p_year = (np.full(len(comparison.methods), np.nan) if is_ref else
                  (run.samples / life < ref.samples / ref_life).mean(axis=0))
        diff = run.samples - ref.samples
        for j, method in enumerate(comparison.methods):
            rows.append({"design": design, "method": method_label(method),
                         "unit": comparison.units[j], "p_lower": float(p[j]),
                         "p_lower_per_year": float(p_year[j]),
                         "mean_difference": float(diff[:, j].mean()),
                         "difference_p2_5": float(np.percentile(diff[:, j], 2.5)),
                         "difference_p97_5": float(np.percentile(diff[:, j], 97.5))})
    return PairedUncertainty(comparison.reference, iterations, seed, pd.DataFrame(rows))


# --- internals ---------------------------------------------------------------------------
def _pct(difference: float, reference: float) -> float:
    return difference / abs(reference) * 100.0 if reference else math.nan


def _json_float(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for record in frame.to_dict(orient="records"):
        out.append({k: (_json_float(v) if isinstance(v, float) else
                        (v.item() if isinstance(v, np.generic) else v))
                    for k, v in record.items()})
    return out


def _nodes(product: Product) -> dict[str, tuple[Part | Assembly, float]]:
    """Node id -> (node, units per product)."""
    return {node.id: (node, count) for node, count, _depth, _parent in walk(product.bom)}


def _replacements(product: Product) -> dict[str, float]:
    return {r.part_id: r.count for r in product.scenario.use.replacements}


def _node_changes(ref: tuple, new: tuple) -> list[str]:
    (a, count_a), (b, count_b) = ref, new
    changes = []
    if not math.isclose(count_a, count_b, rel_tol=1e-12):
        changes.append("quantity")
    if isinstance(a, Part) and isinstance(b, Part):
        if a.material != b.material:
            changes.append("material")
        if not math.isclose(a.mass_kg, b.mass_kg, rel_tol=1e-12):
            changes.append("mass")
        if a.recycled_content != b.recycled_content:
            changes.append("recycled_content")
        if a.scrap_rate != b.scrap_rate:
            changes.append("scrap_rate")
        if a.eol_override != b.eol_override:
            changes.append("end_of_life")
        if a.transport_legs != b.transport_legs:
            changes.append("transport")
    elif type(a) is not type(b):
        changes.append("kind")
    if a.processes != b.processes:
        changes.append("process")
    return changes


def _lever_scores(result: Result, j: int, only: set[str]) -> dict:
    """Scores of one method grouped for the lever attribution of ``result``."""
    lines = result.lines
    scores = result.scores[:, j]
    stages = lines["stage"].to_numpy()
    part_ids = lines["part_id"].to_numpy()
    kinds = lines["kind"].to_numpy()
    amounts = lines["amount"].to_numpy()
    in_total = stages != CREDIT
    alone = np.isin(part_ids, list(only)) & (part_ids != "")
    out = {"parts_added_removed": float(scores[in_total & alone].sum())}
    shared = in_total & ~alone
    for lever, stage in (("process", "manufacturing"), ("use_phase", "use"),
                         ("end_of_life", "end_of_life"), ("distribution", "distribution")):
        out[lever] = float(scores[shared & (stages == stage)].sum())
    raw = shared & (stages == "raw_materials")
    by_part: dict[str, float] = {}
    inputs: dict[str, float] = {}
    other = 0.0
    for i in np.flatnonzero(raw):
        pid = part_ids[i]
        if not pid:
            other += float(scores[i])
            continue
        by_part[pid] = by_part.get(pid, 0.0) + float(scores[i])
        if kinds[i] in _RAW_INPUT_KINDS:
            inputs[pid] = inputs.get(pid, 0.0) + float(amounts[i])
    out.update(raw=by_part, raw_input=inputs, raw_other=other)
    return out
