"""Qt-free text formatting of quantities shown in the user interface.

Kept apart from the widgets so the rules (significant figures, unit choice)
are tested without Qt and shared by every page.
"""

from __future__ import annotations

import math

from greendesign.units import from_kg


def format_number(value: float, significant: int = 4) -> str:
    """Format a number with about ``significant`` figures, never in exponent form
    between 1e-4 and 1e9, and without trailing zeros.

    Examples: ``250.0 -> "250"``, ``1.23456 -> "1.235"``, ``12345.6 -> "12346"``.
    """
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    magnitude = abs(value)
    if magnitude < 1e-4 or magnitude >= 1e9:
        return f"{value:.{significant - 1}e}"
    decimals = max(0, significant - 1 - math.floor(math.log10(magnitude)))
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def auto_mass_unit(mass_kg: float) -> str:
    """The unit a total mass reads best in: ``g`` below 1 kg, ``t`` from 10 t, else ``kg``."""
    if mass_kg < 1.0:
        return "g"
    if mass_kg >= 10_000.0:
        return "t"
    return "kg"


def format_mass(mass_kg: float, unit: str | None = None) -> str:
    """Format a mass given in kilograms in ``unit`` (or the best unit): ``"250 g"``."""
    unit = unit or auto_mass_unit(mass_kg)
    return f"{format_number(from_kg(mass_kg, unit))} {unit}"


def format_mass_for_edit(mass_kg: float, unit: str) -> str:
    """A mass as editable text with full precision, e.g. ``"250 g"`` or ``"0.1234567 kg"``."""
    return f"{from_kg(mass_kg, unit):.10g} {unit}"


def format_percent(fraction: float) -> str:
    """A fraction as a percentage: ``0.3 -> "30 %"``."""
    return f"{format_number(fraction * 100.0, 3)} %"


def format_quantity(value: float) -> str:
    """A unit count: whole numbers without decimals, others with up to 4 figures."""
    if float(value).is_integer():
        return str(int(value))
    return format_number(value)


def parse_number(text: str) -> float:
    """Read a plain number typed by a user; a decimal comma counts as a point.

    Raises ``ValueError`` naming the text when it is not a finite number.
    """
    cleaned = str(text).strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value
