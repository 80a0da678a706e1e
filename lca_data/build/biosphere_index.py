"""Index of Brightway's biosphere3 flows (ecoinvent 3.9 elementary flows, shipped in bw2io).

Build-time helper for the USLCI extraction: it reads the same XML file that
``bw2io.create_default_biosphere3()`` installs, so every code it returns exists
in the biosphere the app installs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class BioFlow:
    code: str
    name: str
    categories: tuple[str, ...]
    unit: str
    cas: str


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def load_biosphere() -> list[BioFlow]:
    from bw2io.importers.ecospold2_biosphere import Ecospold2BiosphereImporter

    importer = Ecospold2BiosphereImporter.__new__(Ecospold2BiosphereImporter)
    importer.db_name = "biosphere3"
    data = importer.extract("3.9")
    flows = []
    for ds in data:
        cats = tuple(c for c in ds["categories"] if c and c != "unspecified")
        flows.append(BioFlow(ds["code"], ds["name"], cats, ds["unit"],
                             (ds.get("CAS number") or "").lstrip("0")))
    return flows


class BiosphereIndex:
    def __init__(self, flows: list[BioFlow]):
        self.flows = flows
        self.by_name_cat: dict[tuple[str, tuple[str, ...]], BioFlow] = {}
        self.by_name: dict[str, list[BioFlow]] = {}
        self.by_cas: dict[str, list[BioFlow]] = {}
        for f in flows:
            self.by_name_cat[(norm(f.name), f.categories)] = f
            self.by_name.setdefault(norm(f.name), []).append(f)
            if f.cas:
                self.by_cas.setdefault(f.cas, []).append(f)

    def find(self, name: str, categories: tuple[str, ...]) -> BioFlow | None:
        """Exact name in the compartment, else in its top compartment."""
        key = norm(name)
        hit = self.by_name_cat.get((key, categories))
        if hit is None and len(categories) > 1:
            hit = self.by_name_cat.get((key, categories[:1]))
        if hit is None and categories[:1] == ("natural resource",):
            # a resource without sub-compartment: take the flow's only resource compartment
            same_top = [f for f in self.by_name.get(key, []) if f.categories[0] == "natural resource"]
            if len(same_top) == 1:
                hit = same_top[0]
        return hit

    def find_cas(self, cas: str, categories: tuple[str, ...]) -> BioFlow | None:
        cas = (cas or "").lstrip("0")
        if not cas:
            return None
        cands = self.by_cas.get(cas, [])
        for wanted in (categories, categories[:1]):
            matches = [f for f in cands if f.categories == wanted]
            if len(matches) == 1:
                return matches[0]
        return None
