"""Mass units accepted in the product model and in BOM files.

Conversion factors to kilograms are exact by definition: the international
avoirdupois pound is 0.45359237 kg (International Yard and Pound Agreement,
1959) and the ounce is 1/16 of it; the tonne is 1000 kg (SI brochure, 9th ed.,
table 8). A table of five exact factors is clearer here than a units library.
"""

from __future__ import annotations

import math
import re

from greendesign.errors import UnitError
from greendesign.i18n import _

#: Canonical mass units and their exact factor to kilograms.
MASS_UNITS: dict[str, float] = {
    "g": 1e-3,
    "kg": 1.0,
    "t": 1000.0,
    "lb": 0.45359237,
    "oz": 0.45359237 / 16.0,
}

#: Spellings seen in engineering BOM exports, mapped to the canonical unit.
_ALIASES: dict[str, str] = {
    "gram": "g", "grams": "g", "gr": "g", "克": "g",
    "kilogram": "kg", "kilograms": "kg", "kgs": "kg", "千克": "kg", "公斤": "kg",
    "tonne": "t", "tonnes": "t", "ton": "t", "吨": "t", "mt": "t",
    "lbs": "lb", "pound": "lb", "pounds": "lb", "磅": "lb",
    "ounce": "oz", "ounces": "oz", "盎司": "oz",
}

_QUANTITY = re.compile(r"^\s*([-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?)\s*(\S*)\s*$")


def normalise_mass_unit(unit: str, *, where: str = "") -> str:
    """Return the canonical spelling of a mass unit.

    Parameters
    ----------
    unit
        A unit as a user or a BOM file wrote it: ``g``, ``KG``, ``lbs``, ``克``.
    where
        Where the unit came from, for the error message.

    Raises
    ------
    UnitError
        The unit is not a mass unit the app knows.
    """
    key = str(unit).strip()
    lowered = key.lower()
    if lowered in MASS_UNITS:
        return lowered
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    if key in _ALIASES:
        return _ALIASES[key]
    message = (_("{where}: unknown mass unit {unit!r}.") if where else
               _("unknown mass unit {unit!r}."))
    raise UnitError(message.format(where=where, unit=key),
                    hint=_("Use one of {units}.").format(units=", ".join(MASS_UNITS)))


def to_kg(value: float, unit: str, *, where: str = "") -> float:
    """Convert a mass to kilograms (exact factors, see module docstring)."""
    return float(value) * MASS_UNITS[normalise_mass_unit(unit, where=where)]


def from_kg(mass_kg: float, unit: str) -> float:
    """Express a mass in kilograms in another known unit."""
    return float(mass_kg) / MASS_UNITS[normalise_mass_unit(unit)]


def parse_mass(text: str, default_unit: str = "kg", *, where: str = "") -> tuple[float, str]:
    """Parse ``"250 g"``, ``"1.2kg"`` or ``"3"`` into (value, canonical unit).

    A decimal comma (``"0,25 kg"``) is read as a decimal point. Raises
    :class:`UnitError` when the text is not a number with an optional unit.
    """
    match = _QUANTITY.match(str(text))
    if not match:
        message = _("{where}: {text!r} is not a mass.") if where else \
            _("{text!r} is not a mass.")
        raise UnitError(message.format(where=where, text=text),
                        hint=_("Write a number with an optional unit, e.g. '250 g' or "
                               "'1.2 kg'."))
    value = float(match.group(1).replace(",", "."))
    if not math.isfinite(value):
        message = _("{where}: {text!r} is not a finite mass.") if where else \
            _("{text!r} is not a finite mass.")
        raise UnitError(message.format(where=where, text=text))
    unit = match.group(2) or default_unit
    return value, normalise_mass_unit(unit, where=where)
