"""Numbers as the report prints them: significant figures, percentages, dates.

LCA results carry an uncertainty of tens of per cent (see the Monte Carlo section of the
report), so results are printed to three significant figures; a value of 1000 or more is
printed as a whole number (``12 345``: five digits or more are grouped by three with a
no-break space, as GB 3101 and ISO 80000-1 write them), a value below 0.001 or of a million or more
in powers of ten (``1.23×10⁻⁸``). Negative numbers take the minus sign U+2212.

The functions return plain text: the markup module escapes it like any other text, except
:func:`power_markup`, which writes the exponent as Typst superscript.
"""

from __future__ import annotations

import math

MINUS = "\u2212"
SMALL = 1e-3
LARGE = 1e6


def _group(digits: str) -> str:
    """``"1234567"`` -> ``"1 234 567"`` (groups of three, only for 5 digits or more, with a
    no-break space, so that a number never breaks over lines)."""
    if len(digits) < 5:
        return digits
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return "\u00a0".join(parts)


def _sign(value: float, text: str) -> str:
    return f"{MINUS}{text}" if value < 0 and text.strip("0. ") else text


def decimals_for(value: float, sig: int = 3) -> int:
    """The number of decimals that show ``value`` to ``sig`` significant figures."""
    if value == 0 or not math.isfinite(value):
        return 0
    exponent = math.floor(math.log10(abs(value)))
    return max(sig - 1 - exponent, 0)


def fixed(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` decimals, grouped thousands, minus sign U+2212."""
    text = f"{abs(value):.{decimals}f}"
    whole, _dot, frac = text.partition(".")
    body = _group(whole) + (f".{frac}" if frac else "")
    return _sign(value, body)


def mantissa_exponent(value: float, sig: int = 3) -> tuple[str, int]:
    """``1.23e-8`` -> ``("1.23", -8)`` (the mantissa with ``sig`` significant figures)."""
    text = f"{abs(value):.{sig - 1}e}"
    mantissa, _e, exponent = text.partition("e")
    return _sign(value, mantissa), int(exponent)


def needs_power(value: float) -> bool:
    """Whether :func:`sig` writes ``value`` in powers of ten."""
    return value != 0 and math.isfinite(value) and not SMALL <= abs(value) < LARGE


def sig(value: float | None, digits: int = 3, missing: str = "\u2013") -> str:
    """``value`` to ``digits`` significant figures as plain text; a power of ten is written
    ``1.23E-8`` here (the report's markup writes it ``1.23×10⁻⁸``, :func:`power_markup`)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    value = float(value)
    if value == 0:
        return "0"
    if math.isinf(value):
        return "\u221e" if value > 0 else MINUS + "\u221e"
    if needs_power(value):
        mantissa, exponent = mantissa_exponent(value, digits)
        return f"{mantissa}E{exponent}"
    return fixed(value, decimals_for(value, digits))


def power_markup(value: float, digits: int = 3) -> tuple[str, str] | None:
    """``(mantissa×10, exponent)`` for a value written in powers of ten, else None."""
    if not needs_power(value):
        return None
    mantissa, exponent = mantissa_exponent(value, digits)
    return f"{mantissa}\u00d710", (MINUS + str(-exponent)) if exponent < 0 else str(exponent)


def pct(value: float | None, digits: int = 1, missing: str = "\u2013", space: bool = True
        ) -> str:
    """A percentage given in per cent (``12.3 %``); ``space`` puts a space before ``%``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    return f"{fixed(float(value), digits)}{' ' if space else ''}%"


def share(part: float, whole: float, digits: int = 1, space: bool = True) -> str:
    """``part / whole`` as a percentage; a dash when ``whole`` is 0."""
    if not whole:
        return "\u2013"
    return pct(part / whole * 100.0, digits, space=space)


def mass(kg: float | None, missing: str = "\u2013") -> str:
    """A mass in kg to four significant figures without trailing zeros (``0.32``,
    ``0.0005``, ``18.42``): masses are data as entered, known better than impacts."""
    if kg is None or (isinstance(kg, float) and math.isnan(kg)):
        return missing
    kg = float(kg)
    if kg == 0:
        return "0"
    if abs(kg) < 1e-6 or abs(kg) >= LARGE:
        return sig(kg, 4)
    text = fixed(kg, decimals_for(kg, 4))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def plain(value: float | None, decimals: int = 2, missing: str = "\u2013") -> str:
    """A score or rate with a fixed number of decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    return fixed(float(value), decimals)
