"""The conformity table of a design: each requirement and indicator with its value, its
verdict (pass / fail / not assessed) and the evidence behind it.

The values the app computes come from the calculations the screen shows:
:func:`design_scores` runs :func:`greendesign.scoring.metrics.score_product` with the inputs
:func:`greendesign.scoring.report.score_json` (the Green design page) gives it, and LCA totals
come from the :class:`greendesign.lca.engine.Result` of the LCA engine (the Results page).

Verdicts:

* a computed indicator passes when its value meets the numeric benchmark
  (:meth:`~greendesign.evidence.spec_model.Benchmark.met_by`); without a value it is not
  assessed;
* an indicator shown by a document takes the verdict of the newest register item in force that
  lists it: its ``verdict``, else its ``stated_value`` judged against a numeric benchmark, else
  not assessed (the document states no conclusion);
* a basic requirement met by a management system certificate passes with a certificate valid
  on the day of the evaluation and fails with an expired one; one met by a document passes with
  a register item in force that lists it (unless its verdict is ``fail``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from greendesign.evidence.record import EvidenceItem, EvidenceRecord
from greendesign.evidence.spec_model import (
    LCA_PREFIX,
    SYSTEM_NAMES,
    BasicRequirement,
    SpecificationProfile,
    SpecIndicator,
)
from greendesign.i18n import _, pick
from greendesign.model.product import BASELINE, Project
from greendesign.scoring.index import load_profiles, profile_for
from greendesign.scoring.metrics import ProductScores, ScoreInputs, score_product

Status = Literal["pass", "fail", "not_assessed"]
GWP100 = ("IPCC 2021", "climate change", "global warming potential (GWP100)")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class EvidenceRef:
    """A register item behind a verdict: its id, date and whether it is in force."""

    id: str
    date: dt.date | None
    status: str
    title: str = ""


@dataclass
class Outcome:
    """One row of the conformity table."""

    id: str
    kind: Literal["requirement", "indicator"]
    group: str
    name: str
    benchmark: str
    unit: str
    value: float | str | None
    status: Status
    evidence: list[EvidenceRef] = field(default_factory=list)
    note: str = ""
    source: str = ""
    illustrative: bool = False
    assessed_by: str = ""

    @property
    def primary_evidence(self) -> EvidenceRef | None:
        return self.evidence[0] if self.evidence else None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "group": self.group, "name": self.name,
                "benchmark": self.benchmark, "unit": self.unit, "value": self.value,
                "status": self.status, "note": self.note, "source": self.source,
                "illustrative": self.illustrative, "assessed_by": self.assessed_by,
                "evidence": [{"id": e.id, "date": e.date.isoformat() if e.date else None,
                              "status": e.status, "title": e.title} for e in self.evidence]}


@dataclass
class Conformity:
    """The conformity table of one design under one profile, on one day."""

    profile_id: str
    design: str
    day: dt.date
    outcomes: list[Outcome]
    illustrative: bool

    def counts(self) -> dict[str, int]:
        out = {"pass": 0, "fail": 0, "not_assessed": 0}
        for outcome in self.outcomes:
            out[outcome.status] += 1
        return out

    def outcome(self, outcome_id: str) -> Outcome:
        for outcome in self.outcomes:
            if outcome.id == outcome_id:
                return outcome
        raise KeyError(outcome_id)

    def to_dict(self) -> dict[str, Any]:
        return {"profile": self.profile_id, "design": self.design,
                "day": self.day.isoformat(), "illustrative": self.illustrative,
                "counts": self.counts(), "rows": [o.to_dict() for o in self.outcomes]}


# --- the values the app computes --------------------------------------------------------------

def design_inputs(project: Project, design: str = BASELINE,
                  gwp_per_kg: Callable[[str], float | None] | None = None,
                  result: Any = None) -> ScoreInputs:
    """The score inputs of a design as :func:`greendesign.scoring.report.score_json` builds
    them for the Green design page: the project's reference design, utility ratio, the
    reference service life of the category's index profile, material GWP factors, and the
    life cycle GWP100 of ``result`` when there is one."""
    product = project.design(design)
    reference_name = project.settings.reference_variant
    reference = project.design(reference_name) if reference_name != design else None
    index_profile = profile_for(product.category, load_profiles())
    return ScoreInputs(reference=reference, intensity_ratio=project.settings.intensity_of_use,
                       reference_life_years=index_profile.reference_service_life_years,
                       gwp_per_kg=gwp_per_kg, gwp_total_kg=lca_total(result, GWP100))


def design_scores(project: Project, design: str = BASELINE,
                  gwp_per_kg: Callable[[str], float | None] | None = None,
                  result: Any = None) -> ProductScores:
    """:func:`~greendesign.scoring.metrics.score_product` of a design (:func:`design_inputs`)."""
    return score_product(project.design(design),
                         design_inputs(project, design, gwp_per_kg, result))


def lca_total(result: Any, method: tuple[str, ...] | str) -> float | None:
    """The total of ``method`` (a tuple, or its label ``a | b | c``) in an LCA result."""
    if result is None:
        return None
    wanted = tuple(method) if not isinstance(method, str) else tuple(
        part.strip() for part in method.split("|"))
    for index, candidate in enumerate(result.methods):
        if tuple(candidate) == wanted:
            return float(result.total[index])
    return None


def metric_value(metric: str, metrics: Mapping[str, float | None], result: Any = None
                 ) -> float | None:
    """The value of a profile metric: a score of ``metrics`` or ``lca:<method>`` of ``result``."""
    if metric.startswith(LCA_PREFIX):
        return lca_total(result, metric[len(LCA_PREFIX):])
    return metrics.get(metric)


def stated_number(text: str) -> float | None:
    """The first number in a document's stated value (``"52 dB(A)"`` -> 52.0)."""
    match = _NUMBER.search(unicodedata.normalize("NFKC", text or ""))
    return float(match.group(0)) if match else None


# --- evidence -----------------------------------------------------------------------------------

def supporting_items(record: EvidenceRecord, ref_id: str, day: dt.date
                     ) -> list[EvidenceItem]:
    """Register items listing ``ref_id``: those in force first, newest first."""
    items = [item for item in record.register if ref_id in item.indicators]
    return sorted(items, key=lambda i: (i.status_on(day) != "valid",
                                        -(i.date.toordinal() if i.date else 0), i.id))


def _refs(items: list[EvidenceItem], day: dt.date) -> list[EvidenceRef]:
    return [EvidenceRef(i.id, i.date, i.status_on(day), i.title) for i in items]


def _requirement(req: BasicRequirement, record: EvidenceRecord, day: dt.date) -> Outcome:
    row = Outcome(req.id, "requirement", "", pick(req.text, req.text_zh),
                  pick(req.basis, req.basis_zh), "", None, "not_assessed",
                  source=req.source, illustrative=req.illustrative)
    items = supporting_items(record, req.id, day)
    row.evidence = _refs(items, day)
    if req.certificate is not None:
        row.assessed_by = "certificate"
        standard = pick(*SYSTEM_NAMES[req.certificate])
        certificates = record.applicant.certificate(req.certificate)
        valid = [c for c in certificates if c.valid_on(day)]
        if valid:
            best = max(valid, key=lambda c: c.valid_until or dt.date.max)
            row.status, row.value = "pass", best.number or standard
            row.note = _("certificate {number}, valid until {until}").format(
                number=best.number or "-",
                until=best.valid_until.isoformat() if best.valid_until else "-")
        elif certificates:
            row.status, row.value = "fail", certificates[0].number or standard
            row.note = _("the {standard} certificate has expired").format(standard=standard)
        else:
            row.note = _("no {standard} certificate").format(standard=standard)
        return row
    row.assessed_by = "evidence"
    in_force = [i for i in items if i.status_on(day) == "valid"]
    if in_force:
        row.status = "fail" if in_force[0].verdict == "fail" else "pass"
        row.value = in_force[0].stated_value or in_force[0].title
    else:
        row.note = _("evidence expired or not yet valid") if items else _("no evidence")
    return row


def _indicator(ind: SpecIndicator, record: EvidenceRecord, metrics: Mapping[str, float | None],
               result: Any, day: dt.date) -> Outcome:
    row = Outcome(ind.id, "indicator", ind.group, pick(ind.name, ind.name_zh),
                  ind.benchmark.describe(ind.unit), ind.unit, None, "not_assessed",
                  source=ind.source, illustrative=ind.illustrative)
    items = supporting_items(record, ind.id, day)
    row.evidence = _refs(items, day)
    in_force = [i for i in items if i.status_on(day) == "valid"]
    if ind.metric:
        row.assessed_by = "metric"
        value = metric_value(ind.metric, metrics, result)
        row.value = value
        met = ind.benchmark.met_by(value)
        if met is None:
            row.note = (_("needs an LCA result") if ind.metric.startswith(LCA_PREFIX)
                        else _("the value is not known"))
        else:
            row.status = "pass" if met else "fail"
        if ind.evidence_required and not in_force:
            extra = _("evidence missing")
            row.note = f"{row.note}; {extra}" if row.note else extra
        return row
    row.assessed_by = "evidence"
    if not in_force:
        row.note = _("evidence expired or not yet valid") if items else _("no evidence")
        return row
    item = in_force[0]
    row.value = item.stated_value or None
    if item.verdict:
        row.status = item.verdict  # type: ignore[assignment]
    else:
        met = ind.benchmark.met_by(stated_number(item.stated_value))
        if met is None:
            row.note = _("the document states no verdict")
        else:
            row.status = "pass" if met else "fail"
    return row


def evaluate_conformity(profile: SpecificationProfile, record: EvidenceRecord,
                        scores: ProductScores | Mapping[str, float | None],
                        result: Any = None, *, design: str = BASELINE,
                        day: dt.date | None = None) -> Conformity:
    """The conformity table of a design (module docstring).

    Parameters
    ----------
    profile
        The specification profile.
    record
        The project's evidence record (certificates and register).
    scores
        The design's :class:`~greendesign.scoring.metrics.ProductScores`
        (:func:`design_scores`), or its ``metrics`` mapping.
    result
        The design's LCA result (:class:`greendesign.lca.engine.Result`), for ``lca:`` metrics.
    day
        The day validity is judged on (default: today).
    """
    day = day or dt.date.today()
    metrics = scores.metrics if isinstance(scores, ProductScores) else scores
    rows = [_requirement(r, record, day) for r in profile.basic_requirements]
    rows += [_indicator(i, record, metrics, result, day) for i in profile.indicators]
    return Conformity(profile.id, design, day, rows, profile.illustrative)
