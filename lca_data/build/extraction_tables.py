"""The tables both USLCI extractions write, and what they treat as waste.

The elementary-flow matching they share with every user import is
:mod:`greendesign.inventory.flow_linking`.
"""

from __future__ import annotations

import csv
from pathlib import Path

from greendesign.inventory.product_mass import WASTE  # noqa: F401 - the extractions' too

HERE = Path(__file__).resolve().parent
ACTIVITY_COLUMNS = ["id", "name", "process_id", "product", "unit", "location", "year", "category",
                    "generator", "sources", "allocation"]


def write_tables(out: Path, activities: dict[str, dict], rows: list[tuple],
                 unlinked: dict[tuple[str, str, str], int],
                 cutoff: dict[tuple, int], cutoff_columns: list[str]) -> None:
    """Write activities.csv, exchanges.csv, unlinked_flows.csv and cutoff_inputs.csv.

    ``cutoff`` keys are the leading columns of ``cutoff_columns`` (all but the
    final ``exchanges`` count).
    """
    out.mkdir(exist_ok=True)
    with open(out / "activities.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ACTIVITY_COLUMNS, lineterminator="\n")
        w.writeheader()
        for a in sorted(activities.values(), key=lambda a: (a["name"], a["id"])):
            w.writerow(a)
    with open(out / "exchanges.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["activity", "kind", "input", "amount"])
        w.writerows(sorted(rows))
    with open(out / "unlinked_flows.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "uslci_category", "unit", "exchanges"])
        for (n, c, u), k in sorted(unlinked.items(), key=lambda kv: (-kv[1], kv[0])):
            w.writerow([n, c, u, k])
    with open(out / "cutoff_inputs.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(cutoff_columns)
        for key, k in sorted(cutoff.items(), key=lambda kv: (-kv[1], kv[0])):
            w.writerow([*key, k])
