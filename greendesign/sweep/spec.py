"""What a design-space sweep varies: factors, their levels, and the sample design.

A factor has a short list of levels; a candidate design picks one level of
every factor. Level 0 of a part's material factor is the part as designed
(unless ``include_current`` is off), so the design itself is always one of the
candidates of a full factorial.

Factors
    ``material``           alternative materials of one part (with the part's mass
                           under that material, e.g. from the Ashby advisor, and
                           optionally its processes)
    ``recycled_content``   the recycled-content share of one or more parts
    ``production_grid``    the grid of the factory electricity
    ``green_power_share``  the factory's green-power share
    ``service_life``       the product's service life, years
    ``eol_region``         the end-of-life region (scenario of fates)

Sample designs
    ``full``  every combination (the product of the level counts);
    ``lhs``   a Latin hypercube of ``samples`` candidates over the level indices
              (``scipy.stats.qmc.LatinHypercube``, seeded): each factor's levels
              appear equally often.

A spec is validated on load, and an error names the field
(``factors[2].levels[0]``) as everywhere in the product model.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, model_validator

from greendesign.i18n import N_, _, is_chinese, translate
from greendesign.model.base import GDModel
from greendesign.model.part import DatasetRef, Fraction, PartId, Positive, ProcessUse
from greendesign.model.scenario import Region

#: The most candidates a sweep evaluates (a full factorial beyond it must be sampled).
MAX_CANDIDATES = 2_000_000

FACTOR_NAMES = {
    "material": N_("material"),
    "recycled_content": N_("recycled content"),
    "production_grid": N_("production grid"),
    "green_power_share": N_("green-power share"),
    "service_life": N_("service life"),
    "eol_region": N_("end-of-life region"),
}


class MaterialOption(GDModel):
    """One material a part may be made of; ``mass_kg`` per unit (None: the part's mass)."""

    material: DatasetRef
    mass_kg: Positive | None = None
    #: the part's processes under this material (None: the part's own processes)
    processes: list[ProcessUse] | None = None


class MaterialFactor(GDModel):
    kind: Literal["material"] = "material"
    part_id: PartId
    options: Annotated[list[MaterialOption], Field(min_length=1)]
    #: level 0 is the part as designed
    include_current: bool = True


class RecycledContentFactor(GDModel):
    kind: Literal["recycled_content"] = "recycled_content"
    part_ids: Annotated[list[PartId], Field(min_length=1)]
    levels: Annotated[list[Fraction], Field(min_length=1)]


class ProductionGridFactor(GDModel):
    kind: Literal["production_grid"] = "production_grid"
    levels: Annotated[list[Region], Field(min_length=1)]


class GreenPowerFactor(GDModel):
    kind: Literal["green_power_share"] = "green_power_share"
    levels: Annotated[list[Fraction], Field(min_length=1)]


class ServiceLifeFactor(GDModel):
    kind: Literal["service_life"] = "service_life"
    levels: Annotated[list[Positive], Field(min_length=1)]


class EolRegionFactor(GDModel):
    kind: Literal["eol_region"] = "eol_region"
    levels: Annotated[list[Region], Field(min_length=1)]


Factor = Annotated[MaterialFactor | RecycledContentFactor | ProductionGridFactor
                   | GreenPowerFactor | ServiceLifeFactor | EolRegionFactor,
                   Field(discriminator="kind")]
#: Factors that change one or more parts (the others change the product's scenario).
PART_FACTORS = ("material", "recycled_content")


class SweepSpec(GDModel):
    """The factors of a sweep and how candidates are drawn from them."""

    factors: Annotated[list[Factor], Field(min_length=1)]
    design: Literal["full", "lhs"] = "full"
    #: candidates of a Latin hypercube (``design="lhs"``)
    samples: Annotated[int, Field(ge=1, le=MAX_CANDIDATES)] | None = None
    seed: int = 1
    #: the method of the life cycle result (default IPCC 2021 GWP100)
    method: tuple[str, str, str] = ("IPCC 2021", "climate change",
                                    "global warming potential (GWP100)")
    #: the scoring profile of the green design index (None: the product category's)
    profile: str | None = None

    @model_validator(mode="after")
    def _check(self) -> SweepSpec:
        if self.design == "lhs" and self.samples is None:
            raise ValueError(_("a Latin hypercube sweep needs 'samples' (the number of "
                               "candidates)"))
        if self.design == "full" and self.full_size > MAX_CANDIDATES:
            raise ValueError(_("the full factorial has {count} candidates, more than "
                               "{limit}: use design 'lhs' with a number of samples").format(
                count=f"{self.full_size:,}", limit=f"{MAX_CANDIDATES:,}"))
        seen: dict[tuple[str, str], int] = {}
        for k, factor in enumerate(self.factors):
            for key in factor_targets(factor):
                if key in seen:
                    raise ValueError(_("factors {first} and {second} both vary the {what}; "
                                       "give each at most one factor").format(
                        first=seen[key] + 1, second=k + 1, what=target_name(key)))
                seen[key] = k
        return self

    @property
    def full_size(self) -> int:
        return math.prod(level_count(f) for f in self.factors)

    @property
    def size(self) -> int:
        """Number of candidates the sweep evaluates."""
        return self.full_size if self.design == "full" else int(self.samples or 0)


def level_count(factor: Factor) -> int:
    if isinstance(factor, MaterialFactor):
        return len(factor.options) + int(factor.include_current)
    return len(factor.levels)


def factor_targets(factor: Factor) -> list[tuple[str, str]]:
    """What a factor varies, as (field, part id or "") pairs."""
    if isinstance(factor, MaterialFactor):
        return [("material", factor.part_id)]
    if isinstance(factor, RecycledContentFactor):
        return [("recycled_content", pid) for pid in factor.part_ids]
    return [(factor.kind, "")]


def target_name(key: tuple[str, str], product=None) -> str:
    what = translate(FACTOR_NAMES[key[0]])
    if not key[1]:
        return what
    return _("{what} of part {part}").format(what=what, part=part_name(key[1], product))


def part_name(part_id: str, product=None) -> str:
    """A part by its name in the current language when ``product`` has it, else its ID."""
    if product is None:
        return part_id
    try:
        return product.find(part_id).display_name
    except KeyError:
        return part_id


def factor_title(factor: Factor, product=None) -> str:
    """A factor named for a table header or an axis: "material of part Lid top".

    Parts are named by ID, or by their names when ``product`` is given."""
    if isinstance(factor, MaterialFactor):
        return target_name(("material", factor.part_id), product)
    if isinstance(factor, RecycledContentFactor):
        separator = "、" if is_chinese() else ", "
        return _("{what} of {parts}").format(
            what=translate(FACTOR_NAMES[factor.kind]),
            parts=separator.join(part_name(p, product) for p in factor.part_ids))
    return translate(FACTOR_NAMES[factor.kind])


def level_values(factor: Factor, current: str = "") -> list[str | float]:
    """The levels of a factor as codes or numbers (``current``: the part's own material)."""
    if isinstance(factor, MaterialFactor):
        codes = [o.material for o in factor.options]
        return [current, *codes] if factor.include_current else codes
    return list(factor.levels)


def read_spec(path) -> SweepSpec:
    """A sweep spec from a JSON file; an error names the file and each bad field."""
    import json
    from pathlib import Path

    from greendesign.errors import GreenDesignError, ModelValidationError

    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GreenDesignError(_("Cannot read the sweep file {file}: {error}.").format(
            file=path, error=exc.strerror or exc),
            hint=_("Check the path and the file's permissions.")) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GreenDesignError(_("The sweep file {file} is not JSON: {error}.").format(
            file=path, error=exc), hint=_("Write it as UTF-8 JSON (see docs/design-space.md).")) from None
    try:
        return SweepSpec.model_validate(data)
    except ModelValidationError as exc:
        raise GreenDesignError(_("The sweep file {file} has invalid values.").format(file=path),
                               problems=exc.problems,
                               hint=_("Fix the fields named below.")) from None
