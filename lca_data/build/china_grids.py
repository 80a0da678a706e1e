"""Write the life-cycle datasets of China's grids from the published generation mixes.

Run from the repository root::

    .venv/bin/python lca_data/build/china_grids.py          # write the two files
    .venv/bin/python lca_data/build/china_grids.py --check  # exit 1 if they are stale

Inputs (cited, one number per row): ``factors/grid_mix_cn.csv`` (generation shares by
technology of the national and the seven regional grids), ``factors/power_system_cn.csv``
(line loss rate, coal consumption of coal power supply, the standard-coal heating value
and the CO2 factor of bituminous coal) and ``factors/grid_factors.csv`` (the MEE/NBS
CO2 factors, kept as the published-factor choice).

Outputs: ``datasets/datasets_china_grids.csv`` and ``datasets/recipes_china_grids.csv``:

* ``power_<technology>_CN``: one kWh sent out by a Chinese power plant of that
  technology. Coal is USLCI's bituminous coal plant (per MJ of electricity, every
  exchange: coal chain, transport, stack emissions) scaled by the ratio of the Chinese
  fleet's coal CO2 per kWh (standard coal per kWh x 29.3076 MJ/kgce x the IPCC default
  CO2 factor) to the USLCI plant's CO2 per kWh, i.e. to the coal China burns per kWh.
  Gas, oil, biomass and nuclear are the USLCI plants unscaled (technology proxies).
  Hydro, wind and solar are the bundled renewable datasets (``electricity_HYDRO`` ...).
* ``electricity_<grid>``: one kWh delivered to a consumer: the shares of the grid's
  generation mix times 1 / (1 - line loss rate) kWh of each technology.
* ``electricity_co2_<grid>``: the MEE/NBS published CO2 factor of the grid (CO2 only),
  used when a project chooses the published-factor accounting.
"""

from __future__ import annotations

import csv
import io
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIX = ROOT / "factors" / "grid_mix_cn.csv"
SYSTEM = ROOT / "factors" / "power_system_cn.csv"
GRID = ROOT / "factors" / "grid_factors.csv"
OUT_DATASETS = ROOT / "datasets" / "datasets_china_grids.csv"
OUT_RECIPES = ROOT / "datasets" / "recipes_china_grids.csv"

DATASET_COLUMNS = ("code", "unit", "source", "year", "geography", "pedigree", "proxy",
                   "proxy_zh", "note")
RECIPE_COLUMNS = ("code", "input", "amount", "note")
REGIONS = ("CN", "CN-North", "CN-Northeast", "CN-East", "CN-Central", "CN-Northwest",
           "CN-South", "CN-Southwest")
MJ_PER_KWH = 3.6
#: biosphere3 "Carbon dioxide, fossil" to air (all sub-compartments): the code USLCI
#: links the stack CO2 of its power plants to (lca_data/uslci/exchanges.csv)
CO2_FOSSIL_AIR = "349b29d1-3e58-4c66-98b9-9d1a076efd2e"
COAL_PLANT = "Electricity, bituminous coal, at power plant"
#: technology -> (USLCI plant or bundled dataset, USLCI year, proxy note, Chinese proxy note)
TECHNOLOGIES = {
    "coal": (f"uslci:{COAL_PLANT}", "2002",
             "U.S. bituminous coal plant (USLCI, 2002) scaled to the coal the Chinese fleet "
             "burns per kWh",
             "以美国烟煤电厂（USLCI，2002年）为技术代理，按中国煤电供电煤耗折算"),
    "gas": ("uslci:Electricity, natural gas, at power plant", "2002",
            "U.S. natural gas plant fleet (USLCI, 2002) for Chinese gas-fired plants",
            "以美国天然气电厂（USLCI，2002年）代表中国燃气电厂"),
    "oil": ("uslci:Electricity, residual fuel oil, at power plant", "2002",
            "U.S. residual fuel oil plant (USLCI, 2002) for Chinese oil-fired plants",
            "以美国重油电厂（USLCI，2002年）代表中国燃油电厂"),
    "biomass": ("uslci:Electricity, biomass, at power plant", "1997",
                "U.S. biomass plant (USLCI, 1997) for Chinese biomass and waste-to-energy plants",
                "以美国生物质电厂（USLCI，1997年）代表中国生物质及垃圾发电"),
    "nuclear": ("uslci:Electricity, nuclear, at power plant", "1997",
                "U.S. nuclear plant fuel chain (USLCI, 1997) for Chinese nuclear plants",
                "以美国核电燃料链（USLCI，1997年）代表中国核电"),
    "hydro": ("gd:electricity_HYDRO", "", "", ""),
    "wind": ("gd:electricity_WIND", "", "", ""),
    "solar": ("gd:electricity_PV", "", "", ""),
}


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def system_values() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in read(SYSTEM)}


def mixes() -> dict[str, list[dict[str, str]]]:
    """Region -> its rows of grid_mix_cn.csv (one per technology)."""
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read(MIX):
        out[row["region"]].append(row)
    return out


def uslci_co2_per_kwh(plant: str) -> float:
    """Stack CO2 (fossil, to air) of a USLCI power plant per kWh, from the extracted files."""
    ids = {row["name"]: row["id"] for row in read(ROOT / "uslci" / "activities.csv")}
    pid = ids[plant]
    per_mj = sum(float(row["amount"]) for row in read(ROOT / "uslci" / "exchanges.csv")
                 if row["activity"] == pid and row["kind"] == "biosphere"
                 and row["input"] == CO2_FOSSIL_AIR)
    return per_mj * MJ_PER_KWH


def coal_co2_per_kwh(system: dict[str, dict[str, str]]) -> float:
    """kg CO2 per kWh sent out by the Chinese coal fleet: gce/kWh x MJ/kgce x kg CO2/MJ."""
    gce = float(system["coal_supply_gce_per_kwh_CN"]["value"])
    mj_per_kgce = float(system["standard_coal_mj_per_kg"]["value"])
    kg_per_gj = float(system["co2_bituminous_coal_kg_per_gj"]["value"])
    return gce / 1000.0 * mj_per_kgce * kg_per_gj / 1000.0


def loss_rate(system: dict[str, dict[str, str]], region: str) -> tuple[float, str]:
    """The region's line loss rate (its own if published, else the national one)."""
    row = system.get(f"line_loss_{region}") or system["line_loss_CN"]
    return float(row["value"]), row["code"]


def build() -> tuple[str, str]:
    """The text of the two output files."""
    system = system_values()
    grid = {row["code"]: row for row in read(GRID)}
    coal_co2, uslci_coal_co2 = coal_co2_per_kwh(system), uslci_co2_per_kwh(COAL_PLANT)
    coal_scale = coal_co2 / uslci_coal_co2
    mix = mixes()
    gce = system["coal_supply_gce_per_kwh_CN"]
    datasets: list[dict[str, str]] = []
    recipes: list[dict[str, str]] = []
    used = sorted({row["technology"] for rows in mix.values() for row in rows})
    for tech in used:
        ref, year, proxy, proxy_zh = TECHNOLOGIES[tech]
        if ref.startswith("gd:"):
            continue
        code = f"power_{tech}_CN"
        amount = MJ_PER_KWH * (coal_scale if tech == "coal" else 1.0)
        if tech == "coal":
            note = (f"{COAL_PLANT} x {MJ_PER_KWH} MJ/kWh x {coal_scale:.4f}: the Chinese coal "
                    f"fleet burns {gce['value']} g standard coal per kWh sent out "
                    f"({gce['source']}, {gce['year']}), i.e. {coal_co2:.4f} "
                    f"kg CO2/kWh at {system['standard_coal_mj_per_kg']['value']} MJ/kgce and "
                    f"{system['co2_bituminous_coal_kg_per_gj']['value']} kg CO2/GJ; the USLCI "
                    f"plant emits {uslci_coal_co2:.4f} kg CO2/kWh; every "
                    "exchange (coal chain, transport, stack emissions) is scaled alike, so "
                    "SO2, NOx and particulates keep the U.S. 2002 emission per MJ of coal and "
                    "overstate China's ultra-low-emission fleet")
            pedigree = "2;2;2;3;3"
            geography, source_year = "CN", gce["year"]
        else:
            note = (f"{ref.removeprefix('uslci:')} x {MJ_PER_KWH} MJ/kWh, unscaled: the U.S. "
                    "plant's efficiency and emission controls stand for China's")
            pedigree = "2;2;4;4;3"
            geography, source_year = "RNA", year
        datasets.append({"code": code, "unit": "kWh",
                         "source": f"USLCI FY2018 (U.S. Federal LCA Commons): \"{ref[6:]}\"",
                         "year": source_year, "geography": geography, "pedigree": pedigree,
                         "proxy": proxy, "proxy_zh": proxy_zh, "note": note})
        recipes.append({"code": code, "input": ref, "amount": _num(amount),
                        "note": f"{_num(amount)} MJ per kWh"})
    for region, rows in sorted(mix.items(), key=lambda kv: REGIONS.index(kv[0])
                               if kv[0] in REGIONS else len(REGIONS)):
        loss, loss_code = loss_rate(system, region)
        gross = 1.0 / (1.0 - loss)
        first = rows[0]
        parts = []
        for row in rows:
            tech = row["technology"]
            ref = TECHNOLOGIES[tech][0]
            target = ref if ref.startswith("gd:") else f"gd:power_{tech}_CN"
            share = float(row["share"])
            if share <= 0:
                continue
            recipes.append({"code": f"electricity_{region}", "input": target,
                            "amount": _num(share * gross),
                            "note": f"{tech} share {share:.4f} / (1 - {loss:.4f} line loss)"})
            parts.append(f"{tech} {share:.1%}")
        pedigree = first.get("pedigree") or "2;3;1;1;3"
        datasets.append({
            "code": f"electricity_{region}", "unit": "kWh",
            "source": f"CEC/NBS {first['year']} generation statistics (CREA china_co2 "
                      "compilation, factors/grid_mix_cn.csv); USLCI FY2018 power plants",
            "year": first["year"], "geography": region, "pedigree": pedigree,
            "proxy": "Chinese generation mix with U.S. (USLCI) generation technologies as "
                     "technology proxies; hydro, wind and solar GHG-only",
            "proxy_zh": "中国发电结构，发电技术以美国USLCI电厂数据为技术代理；水电、风电、光伏"
                        "仅含温室气体",
            "note": f"life cycle of 1 kWh delivered: generation mix {first['year']} "
                    f"({', '.join(parts)}) x 1/(1 - {loss:.4f}) for transmission and "
                    f"distribution losses ({loss_code} of power_system_cn.csv); the mix is the "
                    "region's own generation, not its consumption (inter-regional transfers "
                    "are not modelled); hydro, wind and solar carry only their life-cycle "
                    "GHG (IPCC AR5 medians), so the other categories understate them"})
    for region in REGIONS:
        row = grid.get(region)
        if row is None:
            continue
        code = f"electricity_co2_{region}"
        datasets.append({
            "code": code, "unit": "kWh", "source": row["source"], "year": row["year"],
            "geography": region, "pedigree": row["pedigree"], "proxy": "", "proxy_zh": "",
            "note": f"GHG-only: the published CO2 factor, grid_factors.csv row '{region}' "
                    f"({row['gas_basis']}, {row['scope']}), for carbon-market style "
                    "accounting; other impact categories are not covered"})
        recipes.append({"code": code, "input": f"grid:{region}", "amount": "1",
                        "note": f"1 kWh x {row['kgco2_per_kwh']} kg CO2/kWh"})
    return _csv(DATASET_COLUMNS, datasets), _csv(RECIPE_COLUMNS, recipes)


def _num(value: float) -> str:
    return f"{value:.10g}"


def _csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    datasets, recipes = build()
    if "--check" in argv:
        stale = [p.name for p, text in ((OUT_DATASETS, datasets), (OUT_RECIPES, recipes))
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            print(f"stale: {', '.join(stale)}; run lca_data/build/china_grids.py")
            return 1
        print("up to date")
        return 0
    OUT_DATASETS.write_text(datasets, encoding="utf-8")
    OUT_RECIPES.write_text(recipes, encoding="utf-8")
    print(f"wrote {OUT_DATASETS.name}, {OUT_RECIPES.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
