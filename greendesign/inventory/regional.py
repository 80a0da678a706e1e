"""Regional datasets: a catalogue entry's dataset for products made in one country.

A regional dataset code is ``<catalogue code>@<country>``: ``aluminium_primary_ingot@CN``
is primary aluminium made in China. It belongs to the catalogue entry of its base code
(names, end-of-life family, recycling and credits); a product whose
``manufacturer_region`` lies in that country uses it for its material and
recycled-content lines, every other product the plain code (see
``docs/lca-method.md`` and :func:`greendesign.lca.lifecycle.regional_dataset`).
This module imports neither Qt nor Brightway.
"""

from __future__ import annotations

import re

_REGIONAL_CODE = re.compile(r"^(?P<base>[a-z][a-z0-9_.\->]*)@(?P<region>[A-Z]{2})$")
_COUNTRY = re.compile(r"^(?P<country>[A-Z]{2})(-[A-Z][A-Za-z]+)?$")


def regional_code(code: str, region: str) -> str:
    """The code of ``code``'s dataset for ``region``: ``aluminium_primary_ingot@CN``."""
    return f"{code}@{region}"


def split_regional(code: str) -> tuple[str, str]:
    """``(base code, region)`` of a regional dataset code, ``(code, "")`` for any other."""
    match = _REGIONAL_CODE.match(code)
    return (match["base"], match["region"]) if match else (code, "")


def base_code(code: str) -> str:
    """The catalogue code a dataset code belongs to (``aluminium_primary_ingot`` for
    ``aluminium_primary_ingot@CN``; any other code as it is)."""
    return split_regional(code)[0]


def production_region(location: str) -> str:
    """The country whose regional datasets a product made at ``location`` uses: ``CN`` for
    ``CN`` and ``CN-South``; empty for a text that is no country or regional grid code."""
    match = _COUNTRY.match((location or "").strip())
    return match["country"] if match else ""
