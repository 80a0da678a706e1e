"""Linking USLCI elementary flows to Brightway's biosphere3, and writing the extraction tables.

Shared by both USLCI extractions (``extract_uslci.py`` for the FY2018 JSON-LD
release, ``extract_uslci_fy21.py`` for the FY2021 EcoSpold 1 release), so both
releases are matched the same way. Each extraction turns its own category
scheme into biosphere3 categories; from there a flow is matched, in order, by

1. a row of ``flow_synonyms.csv`` for its name, unit (or any unit) and
   biosphere3 top compartment (or any compartment), which gives the biosphere3
   name and an amount factor; a row for the compartment beats one for any;
2. its own name in the compartment (then in the top compartment);
3. without a synonym: the name without ", in ground" and with "Aluminium",
   then the emitted element by its ion ("Lead II", "Copper ion"), then the CAS
   number.

A hit whose unit differs from the flow's unit is refused unless a synonym row
gives the factor.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from biosphere_index import BiosphereIndex, norm

HERE = Path(__file__).resolve().parent
SYNONYMS = HERE / "flow_synonyms.csv"
ION_SUFFIXES = (" II", " III", " ion", " I", " IV", " V", " VI")
#: product outputs that are wastes for disposal, not co-products
WASTE = re.compile(r"^(solid )?waste\b|\bdisposal\b|^CUTOFF |\(deposited\)|^non-allocated|radioactive waste|tailings|"
                   r"^spoil|^overburden|\bash\b|^slag|sludge", re.IGNORECASE)
ACTIVITY_COLUMNS = ["id", "name", "process_id", "product", "unit", "location", "year", "category",
                    "generator", "sources", "allocation"]


Synonyms = dict[tuple[str, str, str], tuple[str, float]]


def load_synonyms(flow_lists: tuple[str, ...] = ("",), path: Path = SYNONYMS) -> Synonyms:
    """(USLCI name, unit or "", top compartment or "") -> (biosphere3 name, amount factor).

    ``flow_list`` says which naming a row is for: empty for the USLCI names of the
    FY2018 release, ``FEDEFL`` for the Federal LCA Commons Elementary Flow List
    names of later releases. Only rows of ``flow_lists`` are read; a later list's
    row replaces an earlier one's for the same key.
    """
    out: Synonyms = {}
    seen: set[tuple[str, str, str, str]] = set()
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for flow_list in flow_lists:
        for row in rows:
            if (row.get("flow_list") or "").strip() != flow_list:
                continue
            key = (norm(row["uslci_name"]), row["uslci_unit"].strip(),
                   (row.get("compartment") or "").strip())
            if (*key, flow_list) in seen:
                raise ValueError(f"{path.name}: {key} is listed twice for {flow_list!r}")
            seen.add((*key, flow_list))
            out[key] = (row["biosphere3_name"], float(row["factor"] or 1))
    return out


class FlowLinker:
    """Finds the biosphere3 flow of a USLCI elementary flow (see the module docstring)."""

    def __init__(self, bio: BiosphereIndex, synonyms: Synonyms):
        self.bio = bio
        self.synonyms = synonyms

    def link(self, name: str, categories: tuple[str, ...] | None, unit: str,
             cas: str = "") -> tuple[str, float] | None:
        """(biosphere3 code, amount factor), or None when the flow does not link."""
        if categories is None:
            return None
        bio = self.bio
        key, top = norm(name), categories[0]
        syn = next((self.synonyms[k] for k in ((key, unit, top), (key, "", top), (key, unit, ""),
                                               (key, "", "")) if k in self.synonyms), None)
        target, factor = (syn if syn else (name, 1.0))
        hit = bio.find(target, categories)
        if hit is None and syn is None:
            stripped = re.sub(r", in ground$", "", name.strip()).replace("Aluminum", "Aluminium")
            hit = bio.find(stripped, categories)
            if hit is None and categories[0] != "natural resource":
                # ecoinvent 3.9 names emitted metals by their ion: "Lead II", "Copper ion"
                element = re.sub(r", ion$", "", stripped)
                for suffix in ION_SUFFIXES:
                    hit = bio.find(element + suffix, categories)
                    if hit is not None:
                        break
            hit = hit or bio.find_cas(cas or "", categories)
        if hit is None or (unit != hit.unit and not syn):
            return None  # no flow, or a unit mismatch without an explicit factor
        return hit.code, factor


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
