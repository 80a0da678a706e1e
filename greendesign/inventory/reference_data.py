"""Cited reference data of ``lca_data``: material properties, end-of-life scenarios,
published cradle-to-gate GWP values and electricity grid factors.

Every row keeps its provenance: source, URL, locator (table or page), year,
geography, a Weidema pedigree (reliability, completeness, temporal, geographical,
technological correlation; five integers 1-5) and a ``verified`` flag (``yes``:
the number was read in a stored copy of the source or of its table; ``no``: a
handbook or standard figure still to be checked against the publication named in
the note).

Files (UTF-8 CSV, header on row 1), found under :func:`greendesign.bundled.lca_data_dir`:

* ``properties/materials.csv``: density, Young's modulus and yield strength per
  material code (read by the Ashby lightweighting advisor).
* ``end_of_life/scenarios.csv``: shares of end-of-life mass to recycling, energy
  recovery and landfill per end-of-life region and material family, and the yield
  of the recycling route.
* ``factors/published_gwp.csv``: published cradle-to-gate GWP100 per material code
  (for plausibility tests of the inventory).
* ``factors/grid_factors.csv``: electricity CO2 or CO2-eq factors per kWh per grid
  or renewable supply; ``<grid>-<year>`` codes hold earlier years of a series.

Every row is checked against the bundled dataset catalogue (codes, regions,
families); a bad row raises :class:`ReferenceDataError` naming the file, row and
column. This module imports neither Qt nor Brightway.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from greendesign.bundled import lca_data_dir
from greendesign.errors import GreenDesignError, Problem
from greendesign.i18n import _, ngettext
from greendesign.inventory.catalogue import Catalogue, load_bundled_catalogue
from greendesign.inventory.csv_tables import read_table

PROPERTIES_FILE = Path("properties") / "materials.csv"
EOL_FILE = Path("end_of_life") / "scenarios.csv"
GWP_FILE = Path("factors") / "published_gwp.csv"
GRID_FILE = Path("factors") / "grid_factors.csv"

PROVENANCE_COLUMNS = ("source", "url", "locator", "year", "geography", "pedigree", "verified",
                      "note")
PROPERTIES_COLUMNS = ("code", "density_kg_m3", "youngs_modulus_gpa", "yield_strength_mpa",
                      *PROVENANCE_COLUMNS)
EOL_COLUMNS = ("region", "family", "recycling", "energy_recovery", "landfill",
               "recycling_yield", *PROVENANCE_COLUMNS)
GWP_COLUMNS = ("code", "gwp_kgco2e", "unit", "ced_mj", "scope", "source", "url", "locator",
               "year", "geography", "pedigree", "verified", "tolerance", "note")
GRID_COLUMNS = ("code", "kgco2_per_kwh", "gas_basis", "scope", "source", "url", "locator",
                "year", "geography", "pedigree", "verified", "note")

#: Material families that have mechanical properties (the structural families).
STRUCTURAL_FAMILIES = frozenset({
    "ferrous", "stainless", "aluminium", "copper", "zinc", "magnesium", "titanium",
    "plastics", "rubber", "glass", "ceramics", "wood", "paper",
})
GAS_BASES = ("CO2", "CO2e")
#: Materials of a structural family that are not used as a structural solid
#: (magnesium oxide is an insulation powder in heating elements).
NON_STRUCTURAL_CODES = frozenset({"ceramic_magnesia"})
SHARE_TOLERANCE = 1e-6
_YEAR = re.compile(r"^(19|20)\d\d$")
_SERIES_CODE = re.compile(r"^(?P<base>.+)-(?P<year>(19|20)\d\d)$")


class ReferenceDataError(GreenDesignError):
    """A cited reference data file of ``lca_data`` is missing or has invalid rows."""


def is_structural_family(family: str) -> bool:
    """Whether materials of this end-of-life family carry mechanical properties."""
    return family in STRUCTURAL_FAMILIES or family.startswith("plastic_")


@dataclass(frozen=True)
class Provenance:
    """Where a number comes from and how good it is.

    Attributes
    ----------
    source, url, locator
        Publication, address read, and table/page/row within it.
    year
        Reference year of the data.
    geography
        Region the number represents (ISO code, ``EU``, ``GLO`` ...).
    pedigree
        Weidema pedigree scores (reliability, completeness, temporal,
        geographical, technological correlation), each 1 (best) to 5.
    verified
        True when the number was read in a stored copy of the source or its table.
    note
        Assumptions, conversions, proxies.
    """

    source: str
    url: str
    locator: str
    year: int
    geography: str
    pedigree: tuple[int, int, int, int, int]
    verified: bool
    note: str


@dataclass(frozen=True)
class MaterialProperties:
    """Mechanical properties of a material (typical mid-range values)."""

    code: str
    density_kg_m3: float
    youngs_modulus_gpa: float
    yield_strength_mpa: float
    provenance: Provenance


@dataclass(frozen=True)
class EolShares:
    """End-of-life fate shares of one material family in one region (sum to 1)."""

    region: str
    family: str
    recycling: float
    energy_recovery: float
    landfill: float
    recycling_yield: float
    provenance: Provenance


@dataclass(frozen=True)
class PublishedFactor:
    """A published cradle-to-gate GWP100 of a material, for plausibility checks."""

    code: str
    gwp_kgco2e: float
    unit: str
    ced_mj: float | None
    scope: str
    tolerance: float
    provenance: Provenance


@dataclass(frozen=True)
class GridFactor:
    """An electricity emission factor per kWh, with its gas basis (CO2 or CO2e)."""

    code: str
    kgco2_per_kwh: float
    gas_basis: str
    scope: str
    provenance: Provenance

    @property
    def location(self) -> str:
        """The catalogue location code (``CN`` for ``CN-2021``)."""
        match = _SERIES_CODE.match(self.code)
        return match.group("base") if match else self.code


# --- row reading --------------------------------------------------------------------------

class _Row:
    """One CSV row with helpers that record problems instead of raising."""

    def __init__(self, file: str, number: int, values: dict[str, str],
                 problems: list[Problem]) -> None:
        self.file = file
        self.number = number
        self.values = values
        self.problems = problems
        self.ok = True

    def fail(self, column: str, message: str, hint: str = "") -> None:
        where = _("{file}, row {row}").format(file=self.file, row=self.number)
        self.problems.append(Problem(_("column '{column}': {message}").format(
            column=column, message=message), location=where, hint=hint,
            row=self.number, column=column, field=column))
        self.ok = False

    def text(self, column: str, required: bool = True) -> str:
        value = self.values[column]
        if required and not value:
            self.fail(column, _("is empty"), _("every number needs its provenance"))
        return value

    def number_(self, column: str, low: float, high: float, *, low_open: bool = False,
                optional: bool = False) -> float | None:
        raw = self.values[column]
        if optional and raw == "":
            return None
        try:
            value = float(raw)
        except ValueError:
            self.fail(column, _("{value!r} is not a number").format(value=raw))
            return None
        if not math.isfinite(value):
            self.fail(column, _("{value!r} is not a finite number").format(value=raw))
            return None
        too_low = value <= low if low_open else value < low
        if too_low or value > high:
            bracket = "(" if low_open else "["
            self.fail(column, _("{value} is outside {range}").format(
                value=f"{value:g}", range=f"{bracket}{low:g}, {high:g}]"))
            return None
        return value

    def provenance(self) -> Provenance | None:
        source = self.text("source")
        url = self.text("url", required=False)
        locator = self.text("locator")
        note = self.text("note", required=False)
        geography = self.text("geography")
        year_text = self.values["year"]
        year = 0
        if not _YEAR.match(year_text):
            self.fail("year", _("{value!r} is not a four-digit year").format(value=year_text))
        else:
            year = int(year_text)
        pedigree = _parse_pedigree(self.values["pedigree"])
        if pedigree is None:
            self.fail("pedigree", _("{value!r} is not five integers 1-5").format(
                value=self.values["pedigree"]), _("write it like 2;3;2;4;3"))
        verified_text = self.values["verified"].casefold()
        if verified_text not in ("yes", "no"):
            self.fail("verified", _("{value!r} is not yes or no").format(
                value=self.values["verified"]))
        verified = verified_text == "yes"
        if url and not re.match(r"^https?://", url):
            self.fail("url", _("{value!r} is not an http(s) address").format(value=url))
        if not verified and not note:
            self.fail("note", _("an unverified value must name the publication to check"))
        if pedigree is None or not self.ok:
            return None
        return Provenance(source=source, url=url, locator=locator, year=year,
                          geography=geography, pedigree=pedigree, verified=verified,
                          note=note)


def _parse_pedigree(text: str) -> tuple[int, int, int, int, int] | None:
    parts = [p.strip() for p in text.split(";")]
    if len(parts) != 5 or not all(p.isdigit() for p in parts):
        return None
    scores = tuple(int(p) for p in parts)
    if not all(1 <= s <= 5 for s in scores):
        return None
    return scores  # type: ignore[return-value]


def _read_rows(path: Path, columns: tuple[str, ...],
               problems: list[Problem]) -> list[_Row]:
    name = path.name if path.parent.name == "" else f"{path.parent.name}/{path.name}"
    return [_Row(name, row.number, row.values, problems)
            for row in read_table(path, columns, problems, name=name)]


T = TypeVar("T")


def _load(folder: Path | None, relative: Path, columns: tuple[str, ...],
          build: Callable[[_Row, Catalogue], tuple[object, T] | None],
          catalogue: Catalogue | None) -> dict:
    folder = Path(folder) if folder is not None else lca_data_dir()
    catalogue = catalogue or load_bundled_catalogue()
    problems: list[Problem] = []
    result: dict = {}
    seen: dict[object, int] = {}
    for row in _read_rows(folder / relative, columns, problems):
        built = build(row, catalogue)
        if built is None or not row.ok:
            continue
        key, record = built
        if key in seen:
            row.fail(columns[0], _("{key!r} is already given on row {row}").format(
                key=key, row=seen[key]), _("give each code (or region and family) once"))
            continue
        seen[key] = row.number
        result[key] = record
    if problems:
        raise ReferenceDataError(
            ngettext("The reference data file {file} in {folder} has {count} problem.",
                     "The reference data file {file} in {folder} has {count} problems.",
                     len(problems)).format(file=relative.as_posix(), folder=folder,
                                           count=len(problems)),
            problems=problems, hint=_("Fix the rows named below."))
    return result


# --- the four files ------------------------------------------------------------------------

def _material_code(row: _Row, catalogue: Catalogue) -> str:
    """The row's material code: a catalogue material, or its regional dataset
    (``aluminium_primary_ingot@CN``)."""
    code = row.text("code")
    if code and catalogue.dataset_entry(code, "material") is None:
        row.fail("code", _("{code!r} is not a material code of the dataset catalogue").format(
            code=code))
    return code


def _build_properties(row: _Row, catalogue: Catalogue):
    code = _material_code(row, catalogue)
    density = row.number_("density_kg_m3", 1.0, 25_000.0, low_open=True)
    modulus = row.number_("youngs_modulus_gpa", 0.0, 1_500.0, low_open=True)
    strength = row.number_("yield_strength_mpa", 0.0, 5_000.0, low_open=True)
    provenance = row.provenance()
    if not row.ok or provenance is None:
        return None
    return code, MaterialProperties(code, density, modulus, strength, provenance)  # type: ignore[arg-type]


def _build_eol(row: _Row, catalogue: Catalogue):
    region = row.text("region")
    family = row.text("family")
    if region and not catalogue.has(region, "eol_region"):
        row.fail("region", _("{region!r} is not an end-of-life region of the "
                             "catalogue").format(region=region))
    families = {e.family for e in catalogue.entries("material")}
    if family and family not in families:
        row.fail("family", _("{family!r} is not the family of any catalogue material").format(
            family=family))
    shares = [row.number_(c, 0.0, 1.0) for c in ("recycling", "energy_recovery", "landfill")]
    yield_ = row.number_("recycling_yield", 0.0, 1.0)
    provenance = row.provenance()
    if not row.ok or provenance is None:
        return None
    total = sum(shares)  # type: ignore[arg-type]
    if abs(total - 1.0) > SHARE_TOLERANCE:
        row.fail("landfill", _("recycling + energy_recovery + landfill = {total}, not "
                               "1").format(total=f"{total:.6g}"),
                 _("the three shares of end-of-life mass must sum to 1"))
        return None
    return (region, family), EolShares(region, family, *shares, yield_, provenance)  # type: ignore[arg-type]


def _build_gwp(row: _Row, catalogue: Catalogue):
    code = _material_code(row, catalogue)
    gwp = row.number_("gwp_kgco2e", 0.0, 100_000.0, low_open=True)
    ced = row.number_("ced_mj", 0.0, 1_000_000.0, low_open=True, optional=True)
    tolerance = row.number_("tolerance", 0.0, 5.0, low_open=True)
    unit = row.text("unit")
    scope = row.text("scope")
    entry = catalogue.dataset_entry(code, "material") if code else None
    if entry is not None and row.ok:
        expected = entry.unit
        if unit != expected:
            row.fail("unit", _("{unit!r} differs from the catalogue unit {expected!r} of "
                               "{code}").format(unit=unit, expected=expected, code=code))
    provenance = row.provenance()
    if not row.ok or provenance is None:
        return None
    return code, PublishedFactor(code, gwp, unit, ced, scope, tolerance, provenance)  # type: ignore[arg-type]


def _build_grid(row: _Row, catalogue: Catalogue):
    code = row.text("code")
    match = _SERIES_CODE.match(code)
    base = match.group("base") if match else code
    if code and not (catalogue.has(base, "grid") or catalogue.has(base, "renewable")):
        row.fail("code", _("{code!r} is not a grid or renewable code of the catalogue").format(
            code=code), _("use a grid code, or <grid>-<year> for an earlier year of a series"))
    factor = row.number_("kgco2_per_kwh", 0.0, 2.0)
    gas = row.text("gas_basis")
    if gas and gas not in GAS_BASES:
        row.fail("gas_basis", _("{value!r} is not one of {choices}").format(
            value=gas, choices=", ".join(GAS_BASES)))
    scope = row.text("scope")
    provenance = row.provenance()
    if not row.ok or provenance is None:
        return None
    return code, GridFactor(code, factor, gas, scope, provenance)  # type: ignore[arg-type]


def read_material_properties(folder: str | Path | None = None,
                             catalogue: Catalogue | None = None
                             ) -> dict[str, MaterialProperties]:
    """Read ``properties/materials.csv`` of ``folder`` (default: bundled), not cached."""
    return _load(folder, PROPERTIES_FILE, PROPERTIES_COLUMNS, _build_properties, catalogue)


def read_eol_scenarios(folder: str | Path | None = None, catalogue: Catalogue | None = None
                       ) -> dict[tuple[str, str], EolShares]:
    """Read ``end_of_life/scenarios.csv``; keys are ``(region, family)``."""
    return _load(folder, EOL_FILE, EOL_COLUMNS, _build_eol, catalogue)


def read_published_gwp(folder: str | Path | None = None, catalogue: Catalogue | None = None
                       ) -> dict[str, PublishedFactor]:
    """Read ``factors/published_gwp.csv``; keys are material codes."""
    return _load(folder, GWP_FILE, GWP_COLUMNS, _build_gwp, catalogue)


def read_grid_factors(folder: str | Path | None = None, catalogue: Catalogue | None = None
                      ) -> dict[str, GridFactor]:
    """Read ``factors/grid_factors.csv``; keys are codes (``CN``, ``CN-East``, ``CN-2021``)."""
    return _load(folder, GRID_FILE, GRID_COLUMNS, _build_grid, catalogue)


@functools.cache
def material_properties() -> dict[str, MaterialProperties]:
    """The bundled material properties by material code (read once, cached)."""
    return read_material_properties()


@functools.cache
def eol_scenarios() -> dict[tuple[str, str], EolShares]:
    """The bundled end-of-life shares by ``(region, family)`` (read once, cached)."""
    return read_eol_scenarios()


@functools.cache
def published_gwp() -> dict[str, PublishedFactor]:
    """The bundled published cradle-to-gate GWP values by material code (cached)."""
    return read_published_gwp()


@functools.cache
def grid_factors() -> dict[str, GridFactor]:
    """The bundled electricity factors by grid or renewable code (cached)."""
    return read_grid_factors()
