"""Green design index: indicator profiles and the 0-100 self-assessment.

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

Design changes ranked by their effect on the index are suggested by
:mod:`greendesign.scoring.suggestions`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from greendesign.errors import GreenDesignError, Problem
from greendesign.i18n import _, ngettext, pick
from greendesign.model.base import json_path, pydantic_message
from greendesign.model.vocab import ProductCategory
from greendesign.paths import data_home
from greendesign.scoring.data import scoring_dir
from greendesign.scoring.metrics import METRICS

GROUPS = ("resource", "energy", "environment", "product")
GROUP_NAMES = {
    "resource": ("Resource attributes", "资源属性"),
    "energy": ("Energy attributes", "能源属性"),
    "environment": ("Environmental attributes", "环境属性"),
    "product": ("Product attributes", "产品属性"),
}
DEFAULT_PROFILE = "default"


def group_name(group: str) -> str:
    """An indicator group (``resource`` ...) by its name in the current language."""
    names = GROUP_NAMES.get(group)
    return pick(*names) if names else group


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
            raise ValueError(_("metric {metric!r} is unknown; use one of {metrics}").format(
                metric=self.metric, metrics=", ".join(METRICS)))
        if self.scoring == "linear":
            if self.zero_at is None:
                raise ValueError(_("a linear indicator needs 'zero_at', the value that scores "
                                   "0"))
            if self.direction == "higher" and not self.zero_at < self.benchmark:
                raise ValueError(_("for direction 'higher', 'zero_at' must be below the "
                                   "benchmark"))
            if self.direction == "lower" and not self.zero_at > self.benchmark:
                raise ValueError(_("for direction 'lower', 'zero_at' must be above the "
                                   "benchmark"))
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

    @property
    def display_name(self) -> str:
        """The indicator's name in the current language."""
        return pick(self.name, self.name_zh)


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
            raise ValueError(_("indicator ids used twice: {ids}").format(ids=", ".join(twice)))
        if self.reference_service_life_years is not None and \
                not self.reference_service_life_source:
            raise ValueError(_("give 'reference_service_life_source' for the reference service "
                               "life"))
        return self

    @property
    def display_name(self) -> str:
        """The profile's name in the current language."""
        return pick(self.name, self.name_zh)


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
            message = pydantic_message(error)
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            problems.append(Problem(_("{file}: {path}: {message}").format(
                file=where, path=path, message=message), location=f"{where}: {path}",
                field=field_name))
        raise ProfileError(ngettext("The index profile {file} has {count} problem.",
                                    "The index profile {file} has {count} problems.",
                                    len(problems)).format(file=where, count=len(problems)),
                           problems=problems, hint=_("Fix the fields named below.")) from None


def read_profile(path: str | Path) -> Profile:
    """Read and validate one profile file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ProfileError(_("The index profile {file} does not exist.").format(
            file=path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError(_("The index profile {file} is not valid UTF-8 JSON: "
                             "{error}.").format(file=path.name, error=exc),
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
        raise ProfileError(_("No 'default' index profile was found."),
                           hint=_("Restore {file}.").format(
                               file=bundled_profile_dir() / "default.json"))
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
