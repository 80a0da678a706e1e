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


def mass_shares(masses: list[float | None], reference: int = 0) -> tuple[list[float], int | None]:
    """Allocation by mass of a multi-output process: each product's share, and the index
    of the output that is the process's total (None when there is none).

    An output (other than the reference) equal, within 1 %, to the sum of the others is
    the process's total mass, not a co-product (the refinery's "Petroleum refining, at
    refinery", 1 kg): it carries the whole process (share 1), and the others share it by
    mass. A single product takes the whole process (its mass may be unknown: None).
    """
    if len(masses) < 2:
        return [1.0] * len(masses), None
    whole = None
    if len(masses) > 2:
        total_mass = sum(masses)
        whole = next((i for i, m in enumerate(masses)
                      if i != reference and abs(m - (total_mass - m)) <= 0.01 * m), None)
    shared = sum(m for i, m in enumerate(masses) if i != whole)
    parts = len(masses) - (whole is not None)
    return [1.0 if i == whole or parts < 2 else m / shared for i, m in enumerate(masses)], whole
