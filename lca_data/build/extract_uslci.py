"""Extract the USLCI (fiscal year 2018, openLCA 1.5 JSON-LD) into lca_data/uslci/.

Run from the repository root with the workspace's shared data beside it::

    .venv/bin/python lca_data/build/extract_uslci.py ../shared/data/uslci/uslci_fy18_olca1_5_jsonld.zip

What it does, in order (see lca_data/uslci/README.md for the reasoning):

1. Reads every process, flow, flow property, unit group, category and source
   straight from the zip (bw2io's JSON-LD importer expects the openLCA 2
   schema and fails on this release).
2. Converts every exchange to its flow's reference unit (unit group factor
   and flow property factor).
3. Multi-output processes: allocates by mass among the product outputs that
   carry a mass (directly or through a flow property factor of the flow);
   outputs without a mass (recovered energy in MJ, m3 of gas) are cut off,
   as USLCI's own documentation does for exported energy. Each allocated
   product becomes an activity of its own, normalised to one unit of output.
4. Links product inputs to the process that has the product as output
   (the release carries no default providers); where two processes make the
   same product the newer one (validFrom) is taken; inputs with no provider
   (USLCI's "CUTOFF"/dummy flows) are cut off and listed.
5. Links elementary flows to Brightway's biosphere3 (ecoinvent 3.9 flows) by
   name and compartment, a synonym table and CAS number
   (greendesign.inventory.flow_linking and lca_data/linking/, the matching
   of every import); flows that do not
   link are dropped and listed with their use count.

Outputs (UTF-8 CSV): activities.csv, exchanges.csv, unlinked_flows.csv,
cutoff_inputs.csv.
"""

from __future__ import annotations

import collections
import csv
import json
import re
import sys
import uuid
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from extraction_tables import WASTE, write_tables  # noqa: E402

from greendesign.inventory.flow_linking import (  # noqa: E402
    BiosphereIndex,
    Contexts,
    FlowLinker,
    load_synonyms,
    norm,
)

OUT = HERE.parent / "uslci"
NS = uuid.UUID("6f1b6a52-9d0c-4b7e-8f62-5f2b0d7f3a10")

#: the category tree -> biosphere3 compartments (lca_data/linking/contexts.csv)
CONTEXTS = Contexts()


def compartment(path: str) -> tuple[str, ...] | None:
    """USLCI category path -> biosphere3 categories (None: not an elementary compartment)."""
    return CONTEXTS.of_category(path)


class Zip:
    def __init__(self, path: Path):
        self.z = zipfile.ZipFile(path)
        self.items = collections.defaultdict(dict)
        for info in self.z.infolist():
            m = re.search(r"/([a-z_]+)/([^/]+)\.json$", info.filename)
            if m:
                self.items[m.group(1)][m.group(2)] = info.filename

    def all(self, kind: str) -> dict[str, dict]:
        return {k: json.loads(self.z.read(v)) for k, v in self.items[kind].items()}


def main(zip_path: str) -> int:
    src = Zip(Path(zip_path))
    procs = src.all("processes")
    flows = src.all("flows")
    cats = src.all("categories")
    unit_groups = src.all("unit_groups")
    props = src.all("flow_properties")
    unit_factor = {}
    for ug in unit_groups.values():
        for u in ug.get("units", []):
            unit_factor[u["@id"]] = (u.get("conversionFactor", 1.0), ug["@id"])
    prop_group = {pid: p.get("unitGroup", {}).get("@id") for pid, p in props.items()}
    prop_name = {pid: p["name"] for pid, p in props.items()}
    ref_unit_name = {}
    for ug in unit_groups.values():
        for u in ug.get("units", []):
            if u.get("referenceUnit"):
                ref_unit_name[ug["@id"]] = u["name"]

    def cat_path(cid):
        out = []
        while cid:
            c = cats[cid]
            out.append(c["name"])
            cid = c.get("category", {}).get("@id")
        return "/".join(reversed(out))

    def flow_ref(fid):
        """(reference property id, {property id: factor})"""
        fl = flows[fid]
        factors = {fp["flowProperty"]["@id"]: fp.get("conversionFactor", 1.0)
                   for fp in fl.get("flowProperties", [])}
        ref = next((fp["flowProperty"]["@id"] for fp in fl.get("flowProperties", [])
                    if fp.get("referenceFlowProperty")), next(iter(factors)))
        return ref, factors

    def to_ref(ex) -> float:
        """Exchange amount in the flow's reference unit."""
        fid = ex["flow"]["@id"]
        ref, factors = flow_ref(fid)
        amount = float(ex["amount"])
        uf, _ = unit_factor.get(ex["unit"]["@id"], (1.0, None))
        prop = ex.get("flowProperty", {}).get("@id", ref)
        return amount * uf / factors.get(prop, 1.0) * factors.get(ref, 1.0) / factors.get(ref, 1.0) \
            if prop == ref else amount * uf / factors.get(prop, 1.0)

    def unit_of(fid) -> str:
        ref, _ = flow_ref(fid)
        return ref_unit_name.get(prop_group.get(ref), "?")

    densities = {}
    with open(HERE.parent / "linking" / "product_densities.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            densities[norm(row["uslci_product"])] = float(row["kg_per_m3"])
    volume_to_m3 = {"m3": 1.0, "l": 1e-3, "dm3": 1e-3}

    def mass_per_ref(fid) -> float | None:
        ref, factors = flow_ref(fid)
        if prop_name.get(ref) == "Mass":
            return 1.0
        for pid, f in factors.items():
            if prop_name.get(pid) == "Mass":
                return f / factors[ref]
        density = densities.get(norm(flows[fid]["name"]))
        if density is not None and unit_of(fid) in volume_to_m3:
            return density * volume_to_m3[unit_of(fid)]
        return None

    def is_product(ex) -> bool:
        ftype = ex["flow"].get("flowType") or flows[ex["flow"]["@id"]].get("flowType")
        return ftype in ("PRODUCT_FLOW", "WASTE_FLOW")

    linker = FlowLinker(BiosphereIndex.from_bw2io(), load_synonyms())
    link_cache: dict[str, tuple[str, float] | None] = {}

    def link(fid):
        if fid not in link_cache:
            fl = flows[fid]
            link_cache[fid] = linker.link(
                fl["name"], compartment(cat_path(fl.get("category", {}).get("@id"))),
                unit_of(fid), fl.get("cas", ""))
        return link_cache[fid]

    # 1. allocation and normalisation -> activities
    activities = {}
    exchanges = collections.defaultdict(list)
    provider = {}
    provider_year = {}
    alloc_notes = {}
    for pid, p in procs.items():
        doc = p.get("processDocumentation", {})
        year = (doc.get("validFrom") or p.get("lastChange") or "")[:4]
        outputs = [e for e in p["exchanges"]
                   if not e["input"] and is_product(e) and not WASTE.search(e["flow"]["name"])]
        ref_ex = next(e for e in p["exchanges"] if e.get("quantitativeReference"))
        masses = {}
        for e in outputs:
            m = mass_per_ref(e["flow"]["@id"])
            if m is not None and to_ref(e) > 0:
                masses[e["@id"]] = to_ref(e) * m
        if ref_ex["@id"] not in masses and masses and unit_of(ref_ex["flow"]["@id"]) == "MJ":
            # the export marks recovered energy (MJ) as reference in some CTR datasets:
            # the material product named like the process is the real reference
            named = [e for e in outputs if e["@id"] in masses
                     and norm(e["flow"]["name"]) == norm(p["name"])]
            ref_ex = named[0] if named else max(
                (e for e in outputs if e["@id"] in masses), key=lambda e: masses[e["@id"]])
        # an output equal to the sum of the others is the process's total mass, not a
        # co-product (the refinery's "Petroleum refining, at refinery", 1 kg): it carries
        # the whole process, the others are allocated among themselves
        total_ex = None
        if len(masses) > 2:
            whole = sum(masses.values())
            for k, v in masses.items():
                if abs(v - (whole - v)) <= 0.01 * v:
                    total_ex = k
            if total_ex is not None:
                del masses[total_ex]
        if len(outputs) > 1 and ref_ex["@id"] in masses and len(masses) > 1:
            total = sum(masses.values())
            shares = {k: v / total for k, v in masses.items()}
            alloc_notes[pid] = f"mass allocation over {len(masses)} products"
            if total_ex is not None:
                shares[total_ex] = 1.0
                alloc_notes[pid] += "; total-mass output carries the whole process"
        else:
            shares = {ref_ex["@id"]: 1.0}
            if len(outputs) > 1:
                alloc_notes[pid] = "co-products without mass cut off"
        if ref_ex not in outputs:
            outputs.append(ref_ex)
        for e in outputs:
            if e["@id"] not in shares:
                continue
            fid = e["flow"]["@id"]
            aid = pid if e["@id"] == ref_ex["@id"] else str(uuid.uuid5(NS, pid + fid))
            out_amount = to_ref(e)
            if out_amount <= 0:
                continue
            scale = shares[e["@id"]] / out_amount
            name = p["name"].strip() if aid == pid else (
                f"{flows[fid]['name'].strip()} (co-product of {p['name'].strip()})")
            loc = (p.get("location") or {}).get("name", "")
            sources = "; ".join(s.get("name", "").replace("\n", " ").strip()
                                for s in doc.get("sources", []) if s.get("name"))
            activities[aid] = {
                "id": aid, "name": name, "process_id": pid, "product": flows[fid]["name"].strip(),
                "unit": unit_of(fid), "location": loc, "year": year,
                "category": cat_path(p.get("category", {}).get("@id")),
                "generator": (doc.get("dataGenerator") or {}).get("name", ""),
                "sources": sources[:300],
                "allocation": f"{shares[e['@id']]:.6g} ({alloc_notes.get(pid, 'single output')})",
            }
            # a process's own reference product beats a co-product; then the newer data
            rank = (aid == pid, year)
            if fid not in provider or rank > provider_year[fid]:
                provider[fid] = aid
                provider_year[fid] = rank
            for x in p["exchanges"]:
                if not x["input"] and is_product(x) and not WASTE.search(x["flow"]["name"]):
                    continue  # co-products: allocated above
                if not x["input"] and is_product(x):
                    continue  # waste for disposal without a treatment process: cut off
                amount = to_ref(x) * scale
                if amount == 0:
                    continue
                exchanges[aid].append((x, amount))

    # 2. link (by flow id; the release's flows are sometimes duplicated under new ids)
    provider_by_name = {}
    for fid, aid in provider.items():
        provider_by_name.setdefault((norm(flows[fid]["name"]), unit_of(fid)), aid)
    rows = []
    unlinked = collections.Counter()
    cutoff = collections.Counter()
    for aid, lst in exchanges.items():
        merged = collections.defaultdict(float)
        for x, amount in lst:
            fid = x["flow"]["@id"]
            if is_product(x):
                target = provider.get(fid) or provider_by_name.get(
                    (norm(flows[fid]["name"]), unit_of(fid)))
                if target is None:
                    cutoff[(flows[fid]["name"].strip(), unit_of(fid))] += 1
                    continue
                sign = 1.0 if x["input"] else -1.0  # waste outputs are negative inputs
                merged[("technosphere", target)] += sign * amount
            else:
                hit = link(fid)
                if hit is None:
                    fl = flows[fid]
                    unlinked[(fl["name"].strip(), cat_path(fl.get("category", {}).get("@id")),
                              unit_of(fid))] += 1
                    continue
                code, factor = hit
                sign = -1.0 if (x["input"] and compartment(cat_path(
                    flows[fid].get("category", {}).get("@id")))[0] != "natural resource") else 1.0
                merged[("biosphere", code)] += sign * amount * factor
        for (kind, target), amount in merged.items():
            if amount != 0 and not (kind == "technosphere" and target == aid):
                rows.append((aid, kind, target, repr(float(amount))))

    write_tables(OUT, activities, rows, unlinked, cutoff, ["product", "unit", "exchanges"])
    nbio = sum(1 for r in rows if r[1] == "biosphere")
    print(f"{len(activities)} activities, {len(rows)} exchanges ({nbio} biosphere), "
          f"{sum(unlinked.values())} elementary exchanges unlinked ({len(unlinked)} flows), "
          f"{sum(cutoff.values())} product inputs cut off ({len(cutoff)} products)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
