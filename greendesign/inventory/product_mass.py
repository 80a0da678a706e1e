"""The mass of a product output, and which outputs are wastes: for allocation by mass.

Shared by the EcoSpold 2 and JSON-LD imports and the bundled USLCI extraction
(``lca_data/build/``), so a multi-output process is split the same way
whatever format it comes in.
"""

from __future__ import annotations

import csv
import functools
import re

from greendesign.inventory.flow_linking import linking_dir, norm

#: product outputs that are wastes for disposal, not co-products
WASTE = re.compile(r"^(solid )?waste\b|\bdisposal\b|^CUTOFF |\(deposited\)|^non-allocated|"
                   r"radioactive waste|tailings|^spoil|^overburden|\bash\b|^slag|sludge",
                   re.IGNORECASE)
#: bw2io's unit names of mass -> kilograms
MASS = {"kilogram": 1.0, "gram": 1e-3, "ton": 1e3, "metric ton": 1e3, "pound": 0.45359237,
        "milligram": 1e-6}
#: bw2io's unit names of volume -> cubic metres (products with a density)
VOLUME = {"cubic meter": 1.0, "litre": 1e-3, "liter": 1e-3}


@functools.cache
def densities() -> dict[str, float]:
    """Product name -> kg per m3 (``lca_data/linking/product_densities.csv``, cited)."""
    with open(linking_dir() / "product_densities.csv", encoding="utf-8") as fh:
        return {norm(row["uslci_product"]): float(row["kg_per_m3"])
                for row in csv.DictReader(fh)}


def mass_of(exc: dict) -> float | None:
    """The mass in kg of a product output, by its unit or its density; None: no mass."""
    unit, amount = str(exc.get("unit")), float(exc.get("amount") or 0)
    if unit in MASS:
        return amount * MASS[unit]
    density = densities().get(norm(str(exc.get("name", ""))))
    if unit in VOLUME and density is not None:
        return amount * VOLUME[unit] * density
    return None


