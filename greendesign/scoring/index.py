"""Green design index: indicator profiles, the 0-100 self-assessment and suggestions.

Indicators are grouped as in GB/T 32161-2015 (generic principle for
ecodesign product assessment): resource, energy, environment and product
attributes. Each indicator of a profile names a metric of
:data:`~greendesign.scoring.metrics.METRICS`, a benchmark, a direction, a
scoring rule, a weight, the evidence it rests on and the source of its
benchmark.

Scoring of one indicator with value ``v`` and benchmark ``b``:

* ``threshold``: 1 when the benchmark is met (``v >= b`` for ``higher``,
  ``v <= b`` for ``lower``), else 0 (pass/fail);
* ``linear``: ``clamp((v - z) / (b - z), 0, 1)`` with ``z`` (``zero_at``) the
  value that scores 0 (below ``b`` for ``higher``, above for ``lower``).

Index = ``100 x sum_k w_k s_k / sum_k w_k`` over the indicators that could be
assessed (value known); the share of weight assessed is reported as
``coverage``. This is a self-assessment in the manner of GB/T 32161, not the
conformity assessment of a product specification.

Profiles are JSON files (``lca_data/scoring/profiles/*.json``; a file of the
same ``id`` in the user profile directory, ``<data home>/scoring/profiles``,
overrides a bundled one). They are validated on load; an error names the file
and the field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from greendesign.errors import GreenDesignError, Problem
from greendesign.model.base import json_path
from greendesign.model.part import Part
from greendesign.model.product import Product
from greendesign.model.vocab import JointType, ProductCategory
from greendesign.paths import data_home
from greendesign.scoring.bom import METAL_FAMILIES, is_plastic_family
from greendesign.scoring.data import scoring_dir
from greendesign.scoring.lightweight import ashby_advisor, material_gwp
from greendesign.scoring.metrics import METRICS, ProductScores, ScoreInputs, score_product

GROUPS = ("resource", "energy", "environment", "product")
GROUP_NAMES = {
    "resource": ("Resource attributes", "资源属性"),
    "energy": ("Energy attributes", "能源属性"),
    "environment": ("Environmental attributes", "环境属性"),
    "product": ("Product attributes", "产品属性"),
}
DEFAULT_PROFILE = "default"


class ProfileError(GreenDesignError):
    """A green design index profile is malformed."""


_Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class Indicator(BaseModel):
    """One indicator of a profile."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    id: _Id
    group: Literal["resource", "energy", "environment", "product"]
    name: Annotated[str, Field(min_length=1)]
    name_zh: str = ""
    metric: str
    unit: str = ""
    direction: Literal["higher", "lower"]
    benchmark: float
    scoring: Literal["threshold", "linear"] = "threshold"
    zero_at: float | None = None
    weight: Annotated[float, Field(gt=0)]
    evidence: Annotated[str, Field(min_length=1)]
    source: Annotated[str, Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.metric not in METRICS:
            raise ValueError(f"metric {self.metric!r} is unknown; use one of "
                             f"{', '.join(METRICS)}")
        if self.scoring == "linear":
            if self.zero_at is None:
                raise ValueError("a linear indicator needs 'zero_at', the value that scores 0")
            if self.direction == "higher" and not self.zero_at < self.benchmark:
                raise ValueError("for direction 'higher', 'zero_at' must be below the benchmark")
            if self.direction == "lower" and not self.zero_at > self.benchmark:
                raise ValueError("for direction 'lower', 'zero_at' must be above the benchmark")
        return self

    def score(self, value: float | None) -> float | None:
        """Score in [0, 1] of a value (module docstring); ``None`` when not assessed."""
        if value is None:
            return None
        if self.scoring == "threshold":
            met = value >= self.benchmark if self.direction == "higher" else \
                value <= self.benchmark
            return 1.0 if met else 0.0
        assert self.zero_at is not None
        fraction = (value - self.zero_at) / (self.benchmark - self.zero_at)
        return min(1.0, max(0.0, fraction))


class Profile(BaseModel):
    """A green design index profile for a product category."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    id: _Id
    name: Annotated[str, Field(min_length=1)]
    name_zh: str = ""
    category: Literal["default", "household_appliance", "furniture", "electronics", "other"]
    version: str = "1"
    description: str = ""
    reference_service_life_years: Annotated[float, Field(gt=0)] | None = None
    reference_service_life_source: str = ""
    indicators: Annotated[list[Indicator], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique(self) -> Profile:
        ids = [i.id for i in self.indicators]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"indicator ids used twice: {', '.join(twice)}")
        if self.reference_service_life_years is not None and \
                not self.reference_service_life_source:
            raise ValueError("give 'reference_service_life_source' for the reference service "
                             "life")
        return self


def parse_profile(data: Any, where: str = "profile") -> Profile:
    """Validate profile data; :class:`ProfileError` names ``where`` and each bad field."""
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error.get("loc", ()))
            path = json_path(loc)
            field_name = next((str(k) for k in reversed(loc) if isinstance(k, str)), None)
            message = error.get("msg", "invalid value")
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            problems.append(Problem(f"{where}: {path}: {message}", location=f"{where}: {path}",
                                    field=field_name))
        raise ProfileError(f"The index profile {where} has {len(problems)} problem"
                           f"{'s' if len(problems) != 1 else ''}.", problems=problems,
                           hint="Fix the fields named below.") from None


def read_profile(path: str | Path) -> Profile:
    """Read and validate one profile file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ProfileError(f"The index profile {path} does not exist.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError(f"The index profile {path.name} is not valid UTF-8 JSON: {exc}.",
                           problems=[Problem(str(exc), location=str(path))]) from None
    return parse_profile(data, path.name)


def user_profile_dir() -> Path:
    """The user profile directory (``<data home>/scoring/profiles``; may not exist)."""
    return data_home() / "scoring" / "profiles"


def bundled_profile_dir() -> Path:
    return scoring_dir() / "profiles"


def load_profiles(user_dir: str | Path | None = None, include_user: bool = True
                  ) -> dict[str, Profile]:
    """Bundled profiles, overridden by user profiles with the same ``id``."""
    profiles: dict[str, Profile] = {}
    folders = [bundled_profile_dir()]
    if include_user:
        folders.append(Path(user_dir) if user_dir is not None else user_profile_dir())
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            profile = read_profile(path)
            profiles[profile.id] = profile
    if DEFAULT_PROFILE not in profiles:
        raise ProfileError("No 'default' index profile was found.",
                           hint=f"Restore {bundled_profile_dir() / 'default.json'}.")
    return profiles


def profile_for(category: ProductCategory | str, profiles: Mapping[str, Profile] | None = None
                ) -> Profile:
    """The profile of a product category, else the default profile."""
    profiles = profiles if profiles is not None else load_profiles()
    value = category.value if isinstance(category, ProductCategory) else str(category)
    for profile in profiles.values():
        if profile.category == value and profile.id != DEFAULT_PROFILE:
            return profile
    return profiles[DEFAULT_PROFILE]


# --- evaluation -------------------------------------------------------------------------------


@dataclass
class IndicatorResult:
    indicator: Indicator
    value: float | None
    score: float | None

    @property
    def passed(self) -> bool | None:
        if self.score is None:
            return None
        if self.indicator.scoring == "threshold":
            return self.score >= 1.0
        return self.score >= 1.0 - 1e-9

    def to_dict(self) -> dict[str, Any]:
        ind = self.indicator
        return {"id": ind.id, "group": ind.group, "name": ind.name, "name_zh": ind.name_zh,
                "metric": ind.metric, "value": self.value, "unit": ind.unit,
                "benchmark": ind.benchmark, "direction": ind.direction, "scoring": ind.scoring,
                "zero_at": ind.zero_at, "weight": ind.weight, "score": self.score,
                "passed": self.passed, "evidence": ind.evidence, "source": ind.source}


@dataclass
class IndexResult:
    """The green design index of one design under one profile."""

    profile_id: str
    index: float | None
    coverage: float
    groups: dict[str, float | None]
    indicators: list[IndicatorResult]

    def to_dict(self) -> dict[str, Any]:
        return {"profile": self.profile_id, "index": self.index, "coverage_pct": self.coverage,
                "groups": self.groups,
                "indicators": [r.to_dict() for r in self.indicators]}


def evaluate_index(metrics: Mapping[str, float | None], profile: Profile) -> IndexResult:
    """Score every indicator and aggregate (module docstring)."""
    results = [IndicatorResult(ind, metrics.get(ind.metric), ind.score(metrics.get(ind.metric)))
               for ind in profile.indicators]
    total_weight = sum(r.indicator.weight for r in results)
    assessed = [r for r in results if r.score is not None]
    weight = sum(r.indicator.weight for r in assessed)
    index = (100.0 * sum(r.indicator.weight * r.score for r in assessed) / weight  # type: ignore[operator]
             if weight > 0 else None)
    groups: dict[str, float | None] = {}
    for group in GROUPS:
        members = [r for r in assessed if r.indicator.group == group]
        w = sum(r.indicator.weight for r in members)
        groups[group] = (100.0 * sum(r.indicator.weight * r.score for r in members) / w  # type: ignore[operator]
                         if w > 0 else None)
    coverage = weight / total_weight * 100.0 if total_weight > 0 else 0.0
    return IndexResult(profile.id, index, coverage, groups, results)


# --- improvement suggestions ------------------------------------------------------------------


@dataclass
class Suggestion:
    """A design change, with its effect on the index (points) and on GWP (kg CO2-eq)."""

    lever: str
    description: str
    part_ids: list[str]
    index_before: float | None
    index_after: float | None
    gwp_change_kg: float | None
    gwp_basis: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def index_change(self) -> float | None:
        if self.index_before is None or self.index_after is None:
            return None
        return self.index_after - self.index_before

    def to_dict(self) -> dict[str, Any]:
        return {"lever": self.lever, "description": self.description, "parts": self.part_ids,
                "index_before": self.index_before, "index_after": self.index_after,
                "index_change": self.index_change, "gwp_change_kg": self.gwp_change_kg,
                "gwp_basis": self.gwp_basis, **self.details}


def _gwp(product: Product, inputs: ScoreInputs) -> tuple[float | None, str]:
    if inputs.gwp_of_product is not None:
        return inputs.gwp_of_product(product), "life cycle GWP (LCA engine)"
    if inputs.gwp_per_kg is not None:
        value, _ = material_gwp(product, inputs.gwp_per_kg, inputs.exclude_modules,
                                inputs.gwp_secondary_per_kg)
        return value, "cradle-to-gate material GWP"
    return None, "no GWP factors given"


def _path_ids(product: Product, part_id: str) -> list[str]:
    def search(nodes, trail):
        for node in nodes:
            if node.id == part_id:
                return [*trail, node.id]
            children = getattr(node, "children", None)
            if children:
                found = search(children, [*trail, node.id])
                if found:
                    return found
        return None
    return search(product.bom, []) or []


Change = Callable[[Product], None]


def _candidates(product: Product, scores: ProductScores, inputs: ScoreInputs,
                recycled_target: float,
                load_cases: Mapping[str, tuple[str, str]] | None) -> list[tuple[str, str,
                                                                              list[str], Change,
                                                                              dict]]:
    out: list[tuple[str, str, list[str], Change, dict]] = []
    joints = inputs.joints or {}

    def rejoin(ids: list[str]) -> Change:
        def change(p: Product) -> None:
            for node_id in ids:
                p.find(node_id).joint = JointType.SCREW
        return change

    # 1. reversible joints on the path to each priority part
    for path in scores.priority:
        ids = [s.node_id for s in path.steps if not joints[s.joint].reversible]
        if ids:
            kinds = ", ".join(sorted({s.joint.value for s in path.steps if s.node_id in ids}))
            out.append(("reversible_joints",
                        f"Make {path.name} removable: replace the {kinds} joints on its path "
                        f"({', '.join(ids)}) by reversible ones (scored as screws)",
                        ids, rejoin(ids), {"priority_part": path.part_id}))
    # 2. separable joints between dissimilar materials
    covered = {tuple(ids) for _lever, _text, ids, _change, _details in out}
    for finding in scores.combinations:
        if "joint" in finding.details and (finding.part_id,) not in covered:
            out.append(("separable_joint",
                        f"Join {finding.part_name} reversibly (e.g. screws or clips) instead "
                        f"of {finding.details['joint']} so it separates from "
                        f"{finding.details['host_family']}",
                        [finding.part_id], rejoin([finding.part_id]), {}))
    # 3. ISO 11469 marking
    unmarked = [f for f in scores.markings if not f.details.get("marking")]
    if unmarked:
        marks = {f.part_id: f.details["expected"] for f in unmarked}

        def mark(p: Product) -> None:
            for node_id, expected in marks.items():
                if expected:
                    p.find(node_id).plastic_marking = expected
        out.append(("plastic_marking", f"Mark {len(marks)} plastic parts per ISO 11469",
                    list(marks), mark, {}))
    # 4. restricted substances
    for finding in scores.substances:
        declared = finding.details["declared_as"]

        def substitute(p: Product, node_id: str = finding.part_id, name: str = declared) -> None:
            node = p.find(node_id)
            node.substances = [s for s in node.substances if s.name != name]
        out.append(("restricted_substance",
                    f"Replace {declared} in {finding.part_name} by a compliant alternative",
                    [finding.part_id], substitute, {}))
    # 5. recycled content of the heaviest parts with a recycling route
    recyclable = sorted((f for f in scores.recycling.fates
                         if f.recycling > 0 and f.recycled_content < recycled_target
                         and (f.family in METAL_FAMILIES or is_plastic_family(f.family))),
                        key=lambda f: -f.mass_kg)[:3]
    for fate in recyclable:
        def recycle(p: Product, node_id: str = fate.part_id) -> None:
            p.find(node_id).recycled_content = recycled_target
        out.append(("recycled_content",
                    f"Raise the recycled content of {fate.name} ({fate.material}) to "
                    f"{recycled_target * 100:g} %", [fate.part_id], recycle,
                    {"target": recycled_target}))
    # 6. Ashby substitutions for parts with a load case
    for part_id, (case, limit) in (load_cases or {}).items():
        try:
            part = product.find(part_id)
        except KeyError:
            continue
        if not isinstance(part, Part):
            continue
        advice = ashby_advisor(part, case, limit, properties=inputs.properties,
                               gwp_per_kg=inputs.gwp_per_kg, top=1)
        if not advice.candidates or advice.candidates[0].material == part.material:
            continue
        best = advice.candidates[0]

        def swap(p: Product, node_id: str = part_id, code: str = best.material,
                 ratio: float = best.mass_ratio) -> None:
            node = p.find(node_id)
            node.mass_kg = node.mass_kg * ratio
            node.material = code
            node.plastic_marking = ""
        out.append(("material_substitution",
                    f"Make {part.name} of {best.material} ({advice.formula} {case} "
                    f"{limit}-limited): mass x {best.mass_ratio:.2f}", [part_id], swap,
                    {"material": best.material, "mass_ratio": best.mass_ratio}))
    return out


def suggest_improvements(product: Product, profile: Profile, inputs: ScoreInputs | None = None,
                         *, scores: ProductScores | None = None, recycled_target: float = 0.3,
                         load_cases: Mapping[str, tuple[str, str]] | None = None,
                         limit: int | None = 10) -> list[Suggestion]:
    """Design changes ranked by their effect on the index, then on GWP.

    Each candidate change (reversible joints on the path to a priority part,
    separable joints between dissimilar materials, ISO 11469 marking, removal
    of a restricted substance, recycled content raised to
    ``recycled_target`` for the three heaviest metal or plastic parts with a
    recycling route, and the best
    Ashby material for parts given in ``load_cases`` as ``part id -> (case,
    limit)``) is applied to a copy of the design, which is scored again. GWP
    changes come from ``inputs.gwp_of_product`` (life cycle) or
    ``inputs.gwp_per_kg`` (materials); without either they are ``None``.
    Recycled content changes the material GWP only when
    ``inputs.gwp_secondary_per_kg`` is given.
    """
    inputs = (inputs or ScoreInputs()).resolved()
    scores = scores or score_product(product, inputs)
    before = evaluate_index(scores.metrics, profile).index
    gwp_before, basis = _gwp(product, inputs)
    out: list[Suggestion] = []
    for lever, text, ids, change, details in _candidates(product, scores, inputs,
                                                         recycled_target, load_cases):
        changed = product.model_copy(deep=True)
        try:
            change(changed)
        except (GreenDesignError, ValueError, KeyError):
            continue
        after_scores = score_product(changed, inputs)
        after = evaluate_index(after_scores.metrics, profile).index
        gwp_change = None
        gwp_basis = basis
        if gwp_before is not None:
            gwp_after, _ = _gwp(changed, inputs)
            if gwp_after is not None:
                gwp_change = gwp_after - gwp_before
            if lever == "recycled_content" and inputs.gwp_of_product is None and \
                    inputs.gwp_secondary_per_kg is None:
                gwp_change = None
                gwp_basis = "needs a GWP factor of the recycled grade or the LCA engine"
        out.append(Suggestion(lever, text, ids, before, after, gwp_change, gwp_basis, details))

    def key(s: Suggestion) -> tuple[float, float, str]:
        change = s.index_change if s.index_change is not None else 0.0
        gwp = s.gwp_change_kg if s.gwp_change_kg is not None else 0.0
        return (-round(change, 9), gwp, s.description)

    out.sort(key=key)
    return out[:limit] if limit else out

