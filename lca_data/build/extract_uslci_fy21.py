"""Extract what the USLCI FY2021 release adds to FY2018 into lca_data/uslci_fy21/.

Run from the repository root with the workspace's shared data beside it (a second
argument writes elsewhere than lca_data/uslci_fy21/)::

    .venv/bin/python lca_data/build/extract_uslci_fy21.py ../shared/data/uslci/uslci_fy21_q3_ecospold1.zip

The release is one EcoSpold 1 XML file exported from openLCA 1.10 (639
processes). bw2io's reader validates it against the schema and refuses it, so
it is read here with lxml, without validation. In order:

1. Reads every dataset: reference product, location, time period, data
   generator, sources, exchanges (EcoSpold 1 groups: output 0 reference
   product, 2 by-product, 3 waste for treatment, 4 emission; input 5 from
   technosphere, 4 from nature).
2. Keeps the processes whose reference product FY2018 (lca_data/uslci/) lacks,
   by name, and the FY2021 providers they need.
3. Multi-output processes: allocates by mass among the reference product and
   the by-products that carry a mass, as the FY2018 extraction does; by-products
   without a mass (recovered energy in MJ) are cut off. Each allocated product
   becomes an activity of its own, normalised to one unit of output.
4. Links technosphere inputs by name (EcoSpold 1 carries no provider): to the
   FY2018 activity of that product when FY2018 has one (database
   ``uslci-fy18``), else to the FY2021 process (several FY2021 processes of one
   name: the national one, then the newest, then the lowest dataset number; it
   keeps the plain name, the others get their region and dataset number);
   units are converted (kWh/MJ, l/m3, t/kg, t*mi/t*km). Inputs and wastes
   without a provider are cut off and listed with the reason.
5. Links elementary flows to biosphere3 with the matching every import uses
   (greendesign.inventory.flow_linking, lca_data/linking/). The export keeps only the last two
   levels of a FEDEFL context ("troposphere/rural" for
   emission/air/troposphere/rural), so the context is read with the exchange's
   direction (input: resource, output: emission); FEDEFL's "Land use" takes its
   kind of land from the context (contexts.csv, scheme ``fedefl-land``).

Outputs (UTF-8 CSV): activities.csv, exchanges.csv (``input`` is an activity id
of this folder or, with kind ``technosphere_fy18``, of lca_data/uslci/),
unlinked_flows.csv, cutoff_inputs.csv (with the reason), LICENSE.
"""

from __future__ import annotations

import collections
import csv
import datetime
import re
import shutil
import sys
import uuid
import zipfile
from pathlib import Path

from lxml import etree

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

OUT = HERE.parent / "uslci_fy21"
FY18 = HERE.parent / "uslci"
NS = uuid.UUID("0c5f3e8e-4b1a-5d6e-9a77-2f3f1d21a021")
ES1 = "{http://www.EcoInvent.org/EcoSpold01}"

#: unit -> (base unit, factor to it); technosphere amounts are converted through the base
UNITS = {
    "kg": ("kg", 1.0), "g": ("kg", 1e-3), "t": ("kg", 1e3), "lb": ("kg", 0.45359237),
    "MJ": ("MJ", 1.0), "kJ": ("MJ", 1e-3), "kWh": ("MJ", 3.6), "MWh": ("MJ", 3600.0),
    "m3": ("m3", 1.0), "l": ("m3", 1e-3),
    "t*km": ("t*km", 1.0), "kg*km": ("t*km", 1e-3), "t*mi": ("t*km", 1.609344),
    "kBq": ("kBq", 1.0), "Bq": ("kBq", 1e-3), "m2*a": ("m2*year", 1.0),
}
MASS = "kg"
#: by-products that are releases rather than products (the worldsteel and aluminium
#: datasets give their water outputs to the technosphere as by-products)
RELEASE = re.compile(r"^Water \(")

#: FEDEFL contexts and land use -> biosphere3 (lca_data/linking/contexts.csv)
CONTEXTS = Contexts()


def land_flow(name: str, category: str, sub: str) -> str | None:
    """The biosphere3 occupation flow of a FEDEFL "Land use" exchange, else None."""
    return CONTEXTS.land_flow(name, category, sub)


def compartment(category: str, sub: str, is_input: bool) -> tuple[str, ...] | None:
    """The biosphere3 categories of an elementary exchange (None: land use and the like)."""
    return CONTEXTS.of_fedefl(category, sub, is_input)


def convert(amount: float, unit: str, to_unit: str) -> float | None:
    if unit == to_unit:
        return amount
    a, b = UNITS.get(unit), UNITS.get(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return amount * a[1] / b[1]


def _year_of(date: str | None) -> str:
    """The year of an exported date such as ``2003-12-31-07:00``.

    The export wrote each date (a UTC midnight in openLCA, ``2004-01-01`` in the
    FY2018 release) as the local date of a negative UTC offset, a day early, so a
    date with a negative offset is moved one day on.
    """
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(-)?", (date or "").strip())
    if match is None:
        return (date or "").strip()[:4]
    day = datetime.date(*(int(g) for g in match.groups()[:3]))
    return str((day + datetime.timedelta(days=1 if match.group(4) else 0)).year)


def read_release(zip_path: Path) -> list[dict]:
    with zipfile.ZipFile(zip_path) as archive:
        name = next(n for n in archive.namelist() if n.lower().endswith(".xml")
                    and not n.rsplit("/", 1)[-1].lower().startswith("categories"))
        root = etree.fromstring(archive.read(name), etree.XMLParser(huge_tree=True,
                                                                    resolve_entities=False))
    out = []
    for ds in root.iter(f"{ES1}dataset"):
        info = ds.find(f"{ES1}metaInformation/{ES1}processInformation")
        ref = info.find(f"{ES1}referenceFunction")
        geo = info.find(f"{ES1}geography")
        start = _year_of(info.findtext(f"{ES1}timePeriod/{ES1}startDate"))
        end = _year_of(info.findtext(f"{ES1}timePeriod/{ES1}endDate"))
        meta = ds.find(f"{ES1}metaInformation")
        people = {p.get("number"): p.get("name", "") for p in meta.iter(f"{ES1}person")}
        gen = meta.find(f"{ES1}administrativeInformation/{ES1}dataGeneratorAndPublication")
        sources = "; ".join(" ".join(f"{(s.get('firstAuthor') or '').strip()} "
                                     f"{s.get('year') or ''} {s.get('title') or ''}".split())
                            for s in meta.iter(f"{ES1}source"))
        exchanges = []
        for x in ds.iter(f"{ES1}exchange"):
            out_group = x.findtext(f"{ES1}outputGroup")
            exchanges.append({
                "number": x.get("number"), "name": (x.get("name") or "").strip(),
                "unit": x.get("unit") or "", "amount": float(x.get("meanValue") or 0),
                "category": x.get("category") or "", "sub": x.get("subCategory") or "",
                "cas": (x.get("CASNumber") or "").strip(),
                "group": ("out" + out_group.strip()) if out_group is not None
                else "in" + (x.findtext(f"{ES1}inputGroup") or "").strip()})
        out.append({
            "number": ds.get("number"), "name": (ref.get("name") or "").strip(),
            "unit": ref.get("unit") or "", "location": geo.get("location") or "",
            "geo_text": " ".join((geo.get("text") or "").split()),
            "start": start, "end": end,
            "category": "/".join(c for c in (ref.get("category"), ref.get("subCategory")) if c),
            "generator": people.get(gen.get("person") if gen is not None else None, ""),
            "sources": sources[:300], "exchanges": exchanges})
    return out


def fy18_providers() -> dict[str, tuple[str, str]]:
    """FY2018 product or activity name -> (activity id, unit): own products first, then newest."""
    ranked: dict[str, tuple[tuple, str, str]] = {}
    with open(FY18 / "activities.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rank = (row["id"] == row["process_id"], row["year"])
            for key in {norm(row["product"]), norm(row["name"])}:
                if key not in ranked or rank > ranked[key][0]:
                    ranked[key] = (rank, row["id"], row["unit"])
    return {k: (aid, unit) for k, (_r, aid, unit) in ranked.items()}


def _national(ds: dict) -> bool:
    """The geography text names the United States as a whole (not a grid region)."""
    text = ds["geo_text"].casefold()
    return text in ("us", "usa", "united states") or text.startswith("united states, excluding")


def _year(ds: dict) -> str:
    return "" if ds["end"] in ("9998", "9999") else ds["end"]


def is_co_product(x: dict) -> bool:
    """A by-product that is allocated a share (not a waste or a release)."""
    return x["group"] == "out2" and not WASTE.search(x["name"]) and not RELEASE.search(x["name"])


def allocate(ds: dict) -> tuple[dict[str, float], str]:
    """Output exchange number -> share of the process, and the allocation note."""
    outputs = [x for x in ds["exchanges"] if x["group"] == "out0" or is_co_product(x)]
    masses = {}
    for x in outputs:
        kg = convert(x["amount"], x["unit"], MASS)
        if kg is not None and kg > 0:
            masses[x["number"]] = kg
    ref = next(x for x in ds["exchanges"] if x["group"] == "out0")
    if ref["number"] in masses and len(masses) > 1:
        total = sum(masses.values())
        return ({k: v / total for k, v in masses.items()},
                f"mass allocation over {len(masses)} products")
    note = "co-products without mass cut off" if len(outputs) > 1 else "single output"
    return {ref["number"]: 1.0}, note


#: the FEDEFL names of the main greenhouse gases (the test checks that all of them link)
GHG_NAMES = ("Carbon dioxide", "Methane", "Nitrous oxide")


def extract(zip_path: str | Path, out: Path = OUT) -> dict:
    """Write the tables of ``out`` from the release; return the counts of the extraction."""
    release = read_release(Path(zip_path))
    fy18 = fy18_providers()
    linker = FlowLinker(BiosphereIndex.from_bw2io(), load_synonyms(("", "FEDEFL")))

    # activities: every allocated product of every process
    acts: dict[str, dict] = {}
    by_product: dict[str, list[tuple[str, dict]]] = collections.defaultdict(list)
    for ds in release:
        shares, note = allocate(ds)
        for x in ds["exchanges"]:
            if x["number"] not in shares or x["amount"] <= 0:
                continue
            own = x["group"] == "out0"
            aid = str(uuid.uuid5(NS, ds["number"] if own else f"{ds['number']}/{x['number']}"))
            acts[aid] = {"ds": ds, "out": x, "share": shares[x["number"]], "note": note,
                         "own": own}
            by_product[norm(x["name"])].append((aid, ds))

    def fy21_provider(name: str) -> str | None:
        cands = by_product.get(norm(name), [])
        if not cands:
            return None
        return max(cands, key=lambda c: (acts[c[0]]["own"], _national(c[1]), _year(c[1]),
                                         -int(c[1]["number"])))[0]

    # selection: processes whose reference product FY2018 lacks (with their co-products),
    # then the FY2021 providers they need
    new = {a["ds"]["number"] for a in acts.values()
           if a["own"] and norm(a["out"]["name"]) not in fy18}
    selected = sorted(aid for aid, a in acts.items() if a["ds"]["number"] in new)
    chosen = set(selected)
    rows: list[tuple] = []
    unlinked: collections.Counter = collections.Counter()
    cutoff: collections.Counter = collections.Counter()
    n_fy18 = collections.Counter()
    elementary = linked = 0
    ghg: collections.Counter = collections.Counter()  # (name, linked) -> exchanges, to air
    while selected:
        aid = selected.pop()
        a = acts[aid]
        ds, scale = a["ds"], a["share"] / a["out"]["amount"]
        merged: dict[tuple[str, str], float] = collections.defaultdict(float)
        for x in ds["exchanges"]:
            amount = x["amount"] * scale
            if x["group"] == "out0" or amount == 0 or is_co_product(x):
                continue  # the allocated products themselves
            if x["group"] in ("in5", "out3", "out2"):
                # waste outputs (group 3, and by-products named as wastes): negative inputs
                sign = 1.0 if x["group"] == "in5" else -1.0
                kind, target, reason = "technosphere_fy18", None, ""
                hit = fy18.get(norm(x["name"]))
                if hit is not None:
                    value = convert(amount, x["unit"], hit[1])
                    if value is not None:
                        target, amount = hit[0], value
                    else:
                        reason = f"unit {x['unit']} does not convert to FY2018's {hit[1]}"
                if target is None:
                    kind, target = "technosphere", fy21_provider(x["name"])
                    if target is not None:
                        value = convert(amount, x["unit"], acts[target]["out"]["unit"])
                        if value is None:
                            reason = (f"unit {x['unit']} does not convert to the provider's "
                                      f"{acts[target]['out']['unit']}")
                            target = None
                        else:
                            amount = value
                if target is None:
                    if not reason:
                        reason = ("USLCI cut-off flow, no provider" if "CUTOFF" in
                                  (x["category"] + x["sub"]) else "no provider in FY2021 or FY2018")
                        if x["group"] != "in5":
                            reason = "waste for treatment without a treatment process"
                        elif x["category"] == "Ecosystem Services":
                            reason = ("land transformation, exported as a technosphere input "
                                      "(Ecosystem Services)")
                    cutoff[(x["name"], x["unit"], reason)] += 1
                    continue
                if kind == "technosphere_fy18":
                    n_fy18[target] += 1
                elif target not in chosen:
                    chosen.add(target)
                    selected.append(target)
                if target != aid:
                    merged[(kind, target)] += sign * amount
                continue
            land = land_flow(x["name"], x["category"], x["sub"])
            cats = ("natural resource", "land") if land else compartment(
                x["category"], x["sub"], x["group"] == "in4")
            elementary += 1
            base = UNITS.get(x["unit"], (x["unit"], 1.0))
            value = amount * base[1]
            hit = linker.link(land or x["name"], cats, base[0], x["cas"])
            if x["name"] in GHG_NAMES and cats and cats[0] == "air":
                ghg[(x["name"], hit is not None)] += 1
            if hit is None:
                unlinked[(x["name"], f"{x['category']}/{x['sub']}", x["unit"])] += 1
                continue
            linked += 1
            code, factor = hit
            sign = -1.0 if (x["group"] == "in4" and cats[0] != "natural resource") else 1.0
            merged[("biosphere", code)] += sign * value * factor
        rows.extend((aid, kind, target, repr(float(v))) for (kind, target), v in merged.items()
                    if v != 0)

    names = collections.Counter(_name(acts[aid]) for aid in chosen)
    activities = {}
    for aid in chosen:
        a = acts[aid]
        ds = a["ds"]
        name = _name(a)
        # of several processes of one name, the provider inputs link to keeps the name
        if names[name] > 1 and not (a["own"] and fy21_provider(ds["name"]) == aid):
            name = f"{name} [{ds['geo_text'][:60] or ds['location']}; dataset {ds['number']}]"
        activities[aid] = {
            "id": aid, "name": name, "process_id": str(uuid.uuid5(NS, ds["number"])),
            "product": a["out"]["name"], "unit": a["out"]["unit"], "location": ds["location"],
            "year": ds["start"], "category": ds["category"], "generator": ds["generator"],
            "sources": ds["sources"], "allocation": f"{a['share']:.6g} ({a['note']})"}
    write_tables(out, activities, rows, unlinked, cutoff,
                 ["product", "unit", "reason", "exchanges"])
    # the release's MIT notice, kept beside the zip in the shared data
    shutil.copyfile(Path(zip_path).parent / "LICENSE", out / "LICENSE")
    return {"activities": len(activities), "processes": len({acts[a]["ds"]["number"]
                                                             for a in chosen}),
            "exchanges": len(rows), "biosphere": sum(1 for r in rows if r[1] == "biosphere"),
            "fy18_links": sum(n_fy18.values()), "fy18_activities": len(n_fy18),
            "elementary": elementary, "linked": linked, "unlinked_flows": len(unlinked),
            "cut_off": sum(cutoff.values()), "cut_off_products": len(cutoff), "ghg": dict(ghg)}


def main(zip_path: str, out: str | None = None) -> int:
    n = extract(zip_path, Path(out) if out else OUT)
    print(f"{n['activities']} activities from {n['processes']} processes, {n['exchanges']} "
          f"exchanges ({n['biosphere']} biosphere); {n['fy18_links']} technosphere links to "
          f"{n['fy18_activities']} FY2018 activities; elementary exchanges linked {n['linked']} "
          f"of {n['elementary']} ({100 * n['linked'] / n['elementary']:.2f} %), "
          f"{n['unlinked_flows']} flows unlinked; {n['cut_off']} inputs cut off "
          f"({n['cut_off_products']} products); greenhouse gas exchanges to air "
          f"(linked, name): {sorted(n['ghg'].items())}")
    return 0


def _name(a: dict) -> str:
    ds = a["ds"]
    return ds["name"] if a["own"] else f"{a['out']['name']} (co-product of {ds['name']})"


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
