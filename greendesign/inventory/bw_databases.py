"""Write the bundled inventory (:mod:`greendesign.inventory.datasets`) as Brightway databases.

Two databases in the app's inventory project:

``uslci-fy18``
    The USLCI unit processes, linked among themselves and to biosphere3.
``uslci-fy21``
    What the USLCI FY2021 release adds, linked among themselves, to biosphere3
    and to ``uslci-fy18`` where the extraction linked a product to FY2018.
``greendesign-lci``
    One activity per catalogue dataset (its ``code`` is the catalogue code),
    with the provenance fields ``source``, ``year``, ``geography``,
    ``pedigree``, ``proxy``, ``proxy_zh``, ``ghg_only_sources`` and ``factory_kwh``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import numpy as np

from greendesign.i18n import _
from greendesign.inventory import reference_data
from greendesign.inventory.datasets import (
    FACTORY_ELECTRICITY,
    GHG_ONLY_FLOW,
    GREENDESIGN_DB,
    USLCI21_DB,
    USLCI_DB,
    USLCI_RELEASES,
    InventoryDataError,
    data_version,
    ghg_only_amount,
    load_datasets,
    load_uslci,
)

BIOSPHERE = "biosphere3"


def _biosphere_codes(bd) -> tuple[set[str], dict[tuple[str, tuple[str, ...]], str]]:
    codes = set()
    by_name = {}
    for flow in bd.Database(BIOSPHERE):
        codes.add(flow["code"])
        by_name[(flow["name"], tuple(flow["categories"]))] = flow["code"]
    if GHG_ONLY_FLOW not in by_name:
        raise InventoryDataError(_("The biosphere has no flow {flow}.").format(
            flow=f"{GHG_ONLY_FLOW[0]} ({'/'.join(GHG_ONLY_FLOW[1])})"),
            hint=_("The biosphere is rebuilt at the next start."))
    return codes, by_name


def bio_key(target: str) -> tuple[str, tuple[str, ...]]:
    """``"Carbon dioxide, fossil|air"`` -> ("Carbon dioxide, fossil", ("air",))."""
    name, *categories = [part.strip() for part in target.split("|")]
    return name, tuple(c for c in categories if c)


#: Internal activity emitting 1 kg of fossil CO2: carries the float32 remainder of
#: GHG-only factors (see :func:`_co2_exchanges`). Codes starting with "_" are internal.
CO2_REMAINDER = "_co2_fossil_float32_remainder"


def _co2_exchanges(amount: float, co2_code: str) -> list[dict]:
    """A GHG-only amount of fossil CO2, kept exact through Brightway's float32 storage.

    Brightway stores exchange amounts as float32 (``bw_processing``), about seven
    significant digits: a published factor such as 0.5306 kg CO2/kWh would come
    back as 0.53060001. The float32 part is written as the biosphere exchange and
    the rounding error as an input of :data:`CO2_REMAINDER`; the solve adds them
    in float64, so the published value holds to about 1e-15.
    """
    high = float(np.float32(amount))
    out = [{"input": (BIOSPHERE, co2_code), "amount": high, "type": "biosphere"}]
    if amount - high:
        out.append({"input": (GREENDESIGN_DB, CO2_REMAINDER), "amount": amount - high,
                    "type": "technosphere"})
    return out


#: the release named in each USLCI database's activities
_RELEASE_NAME = {USLCI_DB: "USLCI FY2018", USLCI21_DB: "USLCI FY2021 (Q3)"}


def uslci_data(bio_codes: set[str], folder: str = "uslci", db_name: str = USLCI_DB) -> dict:
    uslci = load_uslci(None, folder)
    exchanges: dict[str, list[dict]] = defaultdict(list)
    for activity, kind, target, amount in uslci.exchanges:
        if kind in ("technosphere", "technosphere_fy18"):
            provider = db_name if kind == "technosphere" else USLCI_DB
            exchanges[activity].append({"input": (provider, target), "amount": amount,
                                        "type": "technosphere"})
        else:
            if target not in bio_codes:
                raise InventoryDataError(
                    _("USLCI activity {activity!r} refers to biosphere flow {flow} which the "
                      "installed biosphere lacks.").format(
                        activity=uslci.activities[activity].name, flow=target),
                    hint=_("Run lca_data/build/extract_uslci.py with this Brightway version."))
            exchanges[activity].append({"input": (BIOSPHERE, target), "amount": amount,
                                        "type": "biosphere"})
    data = {}
    release = _RELEASE_NAME[db_name]
    for act in uslci.activities.values():
        data[(db_name, act.id)] = {
            "name": act.name, "reference product": act.product, "unit": act.unit,
            "location": act.location or "GLO", "year": act.year, "categories": (act.category,),
            "comment": f"{release}; data generator: {act.generator}; sources: {act.sources}; "
                       f"allocation: {act.allocation}",
            "source": f"{release} (U.S. Federal LCA Commons), public domain",
            "type": "process",
            "exchanges": [{"input": (db_name, act.id), "amount": 1.0, "type": "production"}]
            + exchanges[act.id],
        }
    return data


def greendesign_data(bio_by_name: dict) -> dict:
    datasets = load_datasets()
    releases = {prefix: (db, load_uslci(None, folder))
                for prefix, (folder, db) in USLCI_RELEASES.items()}
    gwp = reference_data.published_gwp()
    grid = reference_data.grid_factors()
    co2_code = bio_by_name[GHG_ONLY_FLOW]
    data = {}
    for ds in datasets.values():
        merged: dict[tuple, float] = defaultdict(float)
        for line in ds.lines:
            if line.prefix in releases:
                db, uslci = releases[line.prefix]
                merged[("technosphere", db, uslci.by_name[line.target])] += line.amount
            elif line.prefix == "gd" and line.target != FACTORY_ELECTRICITY:
                merged[("technosphere", GREENDESIGN_DB, line.target)] += line.amount
            elif line.prefix in ("gwp", "grid"):
                merged[("ghg_only", BIOSPHERE, co2_code)] += ghg_only_amount(line, gwp, grid)
            elif line.prefix == "bio":
                key = bio_key(line.target)
                if key not in bio_by_name:
                    raise InventoryDataError(
                        _("Dataset {code}: elementary flow {flow!r} is not in the "
                          "biosphere.").format(code=ds.code, flow=line.target),
                        hint=_("Write it as name|compartment|subcompartment, exactly as in "
                               "biosphere3."))
                merged[("biosphere", BIOSPHERE, bio_by_name[key])] += line.amount
        exchanges = [{"input": (GREENDESIGN_DB, ds.code), "amount": 1.0, "type": "production"}]
        for (kind, db, code), amount in merged.items():
            if not amount:
                continue
            if kind == "ghg_only":
                exchanges += _co2_exchanges(amount, co2_code)
            else:
                exchanges.append({"input": (db, code), "amount": amount, "type": kind})
        data[(GREENDESIGN_DB, ds.code)] = {
            "name": ds.code, "reference product": ds.code, "unit": ds.unit,
            "location": ds.geography, "year": ds.year, "source": ds.source,
            "pedigree": list(ds.pedigree), "proxy": ds.proxy, "proxy_zh": ds.proxy_zh,
            "comment": ds.note, "factory_kwh": ds.factory_kwh, "ghg_only": ds.ghg_only,
            "ghg_only_sources": list(ds.ghg_only_sources), "type": "process",
            "exchanges": exchanges,
        }
    data[(GREENDESIGN_DB, CO2_REMAINDER)] = {
        "name": "fossil CO2 (float32 remainder of GHG-only factors)", "unit": "kg",
        "location": "GLO", "type": "process", "comment": "internal; see _co2_exchanges",
        "exchanges": [{"input": (GREENDESIGN_DB, CO2_REMAINDER), "amount": 1.0,
                       "type": "production"},
                      {"input": (BIOSPHERE, co2_code), "amount": 1.0, "type": "biosphere"}]}
    return data


def write_databases(bd, report: Callable[[float, str], None]) -> dict:
    """(Re)write both inventory databases in the current project; return stamp fields."""
    bio_codes, bio_by_name = _biosphere_codes(bd)
    for name in (GREENDESIGN_DB, USLCI21_DB, USLCI_DB):
        if name in bd.databases:
            del bd.databases[name]
    report(0.0, _("Writing the USLCI unit processes"))
    uslci = uslci_data(bio_codes)
    bd.Database(USLCI_DB).write(uslci)
    uslci21 = uslci_data(bio_codes, "uslci_fy21", USLCI21_DB)
    bd.Database(USLCI21_DB).write(uslci21)
    report(0.6, _("Writing the GreenDesign datasets"))
    ours = greendesign_data(bio_by_name)
    bd.Database(GREENDESIGN_DB).write(ours)
    return {"data_version": data_version(), "uslci_activities": len(uslci),
            "uslci21_activities": len(uslci21), "datasets": len(ours)}
