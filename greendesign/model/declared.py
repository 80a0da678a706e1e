"""Supplier and primary data: a value a supplier declares for a part or a material.

A :class:`DeclaredValue` is a figure from outside the bundled inventory: an environmental
product declaration (EPD), a product carbon footprint (PCF) the supplier sent, or a value
measured on the supplier's line. It replaces the inventory dataset's result for the impact
categories it declares (the climate-change total always, other categories when
``indicators`` holds them) and keeps the dataset for every other category; the LCA labels
every line it replaces (:mod:`greendesign.lca.declared`).

Where a declaration sits:

* on a part (``Part.declared``): it covers that part **cradle to gate** as the supplier
  delivers it, i.e. the production of its material (primary and recycled share alike) and
  the part's own manufacturing processes with their factory electricity. Per kilogram of
  material bought (``basis="kg"``: mass x (1 + scrap rate)) or per part delivered
  (``basis="part"``: the supplier's scrap is inside its figure, the part's scrap rate does
  not multiply it). Inbound transport legs, end of life and module D keep the inventory.
* per material for the whole product (``Product.supplier_data[material code]``): it covers
  the production of that material (per kg bought) in every part made of it that has no
  declaration of its own; the parts' processes keep the inventory.

The climate-change total stands for IPCC 2021 GWP100 and EF v3.1 climate change
(:data:`DECLARED_GWP_METHODS`); their fossil, biogenic and land-use parts
(:data:`GWP_PARTS`) are the ones given in ``indicators``, the fossil part taking what the
given parts leave of the total and a part not given being 0, so a declared total never
keeps the replaced dataset's split.

Validation here checks the form; the LCA checks that ``indicators`` name installed methods.
The project checks that ``document`` is a plain attachment file name.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from greendesign.i18n import N_, _, translate
from greendesign.model.base import GDModel

#: The climate-change totals a declared ``gwp_kgco2e`` stands for (IPCC AR6 GWP100).
DECLARED_GWP_METHODS: tuple[tuple[str, str, str], ...] = (
    ("IPCC 2021", "climate change", "global warming potential (GWP100)"),
    ("EF v3.1", "climate change", "global warming potential (GWP100)"),
)

#: The parts of each climate-change total (fossil first), which add up to it. A declaration
#: that gives none of them puts its whole total in the fossil part; one that gives some
#: has the fossil part take the rest, the parts not given being 0.
GWP_PARTS: dict[tuple[str, str, str], tuple[tuple[str, str, str], ...]] = {
    DECLARED_GWP_METHODS[0]: tuple(("IPCC 2021", f"climate change: {part}",
                                    "global warming potential (GWP100)")
                                   for part in ("fossil", "biogenic", "land use")),
    DECLARED_GWP_METHODS[1]: tuple(("EF v3.1", f"climate change: {part}",
                                    "global warming potential (GWP100)")
                                   for part in ("fossil", "biogenic",
                                                "land use and land use change")),
}
#: How far the declared parts may be from the declared total (relative).
PARTS_TOLERANCE = 0.01


def method_key(method: tuple[str, ...]) -> str:
    """``family | category | indicator``: how ``indicators`` name a method."""
    return " | ".join(method)


class Verification(StrEnum):
    """How far a declared value has been checked."""

    THIRD_PARTY_VERIFIED = "third_party_verified"
    SELF_DECLARED = "self_declared"
    MEASURED = "measured"
    UNVERIFIED = "unverified"


VERIFICATION_NAMES = {
    Verification.THIRD_PARTY_VERIFIED: N_("third-party verified"),
    Verification.SELF_DECLARED: N_("self-declared"),
    Verification.MEASURED: N_("measured"),
    Verification.UNVERIFIED: N_("unverified"),
}


def verification_name(value: Verification | str) -> str:
    """A verification level as the screen and the report name it, in the current language."""
    try:
        return translate(VERIFICATION_NAMES[Verification(value)])
    except ValueError:
        return str(value)


Score = Annotated[int, Field(ge=1, le=5)]


class DeclaredValue(GDModel):
    """A supplier's declared value for a part or a material (module docstring).

    Attributes
    ----------
    gwp_kgco2e
        Climate change, IPCC AR6 GWP100, kg CO2e per kg of material (``basis="kg"``) or
        per part (``basis="part"``); replaces IPCC 2021 GWP100 and EF v3.1 climate change.
    indicators
        Further categories, ``{"family | category | indicator": value per unit}``, each
        an installed method; the climate-change sub-indicators (fossil, biogenic, land
        use) may be given here.
    source
        Where the figure comes from: ``"EPD S-P-01234 (International EPD System)"``.
    pedigree
        Weidema pedigree scores, 1 (best) to 5, in the order reliability, completeness,
        temporal, geographical, further technological correlation.
    document
        The attachment of the evidence register that holds the declaration, if any.
    """

    gwp_kgco2e: Annotated[float, Field(gt=0.0)]
    basis: Literal["kg", "part"] = "kg"
    indicators: dict[str, float] = Field(default_factory=dict)
    source: Annotated[str, Field(min_length=1, max_length=500)]
    year: Annotated[int, Field(ge=1990, le=2100)]
    geography: Annotated[str, Field(min_length=1, max_length=40)]
    verification: Verification = Verification.UNVERIFIED
    pedigree: tuple[Score, Score, Score, Score, Score]
    scope: Annotated[str, Field(min_length=1, max_length=80)] = "cradle-to-gate"
    note: str = ""
    document: Annotated[str, Field(max_length=255)] = ""

    @field_validator("indicators")
    @classmethod
    def _indicator_keys(cls, value: dict[str, float]) -> dict[str, float]:
        totals = {method_key(m) for m in DECLARED_GWP_METHODS}
        for key, number in value.items():
            parts = [p.strip() for p in key.split("|")]
            if len(parts) != 3 or not all(parts):
                raise ValueError(_("indicator {key!r} must be written \"family | category | "
                                   "indicator\", as 'greendesign-cli methods' lists the "
                                   "methods").format(key=key))
            if " | ".join(parts) in totals:
                raise ValueError(_("indicator {key!r} is the climate-change total: give it "
                                   "as gwp_kgco2e").format(key=key))
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError(_("indicator {key!r} is not a finite number").format(key=key))
        return {" | ".join(p.strip() for p in k.split("|")): float(v) for k, v in value.items()}

    @model_validator(mode="after")
    def _parts_add_up(self) -> DeclaredValue:
        for parts in GWP_PARTS.values():
            given = [self.indicators[method_key(m)] for m in parts
                     if method_key(m) in self.indicators]
            if not given:
                continue
            names = ", ".join(method_key(m) for m in parts)
            if method_key(parts[0]) in self.indicators:
                if abs(sum(given) - self.gwp_kgco2e) > PARTS_TOLERANCE * self.gwp_kgco2e:
                    raise ValueError(_("the climate-change parts given ({names}) add up to "
                                       "{sum}, not to gwp_kgco2e {total}; give parts that add "
                                       "up to the total, or leave the fossil part out to let "
                                       "it take the rest").format(
                        names=names, sum=f"{sum(given):g}", total=f"{self.gwp_kgco2e:g}"))
            elif sum(given) > self.gwp_kgco2e:
                raise ValueError(_("the climate-change parts given ({names}) add up to {sum}, "
                                   "more than gwp_kgco2e {total}: the fossil part would be "
                                   "negative").format(names=names, sum=f"{sum(given):g}",
                                                      total=f"{self.gwp_kgco2e:g}"))
        return self

    @property
    def unit(self) -> str:
        """``kg CO2e/kg`` or ``kg CO2e/part``."""
        return "kg CO2e/kg" if self.basis == "kg" else "kg CO2e/part"

    def value_for(self, method: tuple[str, ...]) -> float | None:
        """The declared value per unit for ``method``, or None when it declares none."""
        method = tuple(method)
        if method in DECLARED_GWP_METHODS:
            return self.gwp_kgco2e
        key = method_key(method)
        if key in self.indicators:
            return self.indicators[key]
        for parts in GWP_PARTS.values():
            if method in parts:  # a part not given: the fossil part takes the rest
                if method != parts[0]:
                    return 0.0
                return self.gwp_kgco2e - sum(self.indicators.get(method_key(m), 0.0)
                                             for m in parts[1:])
        return None

    def methods(self) -> list[tuple[str, ...]]:
        """Every method this value declares a figure for (see :meth:`value_for`)."""
        out: list[tuple[str, ...]] = []
        for total, parts in GWP_PARTS.items():
            out += [total, *parts]
        out += [tuple(k.split(" | ")) for k in self.indicators if tuple(k.split(" | ")) not in out]
        return out
