"""The report's vocabulary in the current language: stages, impact categories, units,
geographies, levers, statuses.

Each table maps a code to a name marked with ``N_`` (so the catalogue has every term),
translated where it is shown. A term the app's screen also shows (the
life cycle stages, the levers of a comparison) has the screen's words, since the catalogues
are chained; the specification's 一级指标 and 所属阶段 come from the evidence model's own
bilingual names (GB/T 32161: 原材料获取, 产品生产, 产品流通, 产品使用, 废弃回收处理). Terms follow
GB/T 24040 / 24044 / 24067 (功能单位, 系统边界, 全球变暖潜势, 酸化, 富营养化 …).
A term the tables do not know (the category of a method added by the user, a geography
code) is shown as it is: method names and codes stay in their original form.
"""

from __future__ import annotations

import re

from greendesign.i18n import N_, _, pick, translate

GWP100 = ("IPCC 2021", "climate change", "global warming potential (GWP100)")


def _named(table: dict[str, str], key: str) -> str:
    """``key``'s name from a table of names marked with ``N_``, in the current language;
    a key the table does not know stays as it is."""
    return translate(table[key]) if key in table else key


_STAGES = {"raw_materials": N_("Raw material acquisition"),
           "manufacturing": N_("Manufacturing"),
           "distribution": N_("Distribution"),
           "use": N_("Use"),
           "end_of_life": N_("End of life"),
           "credits_beyond_boundary": N_("Credits beyond the system boundary (module D)")}


def stage(code: str) -> str:
    """The name of a life cycle stage (GB/T 32161 names in Chinese)."""
    return _named(_STAGES, code)


_CATEGORIES = {
    "acidification": N_("acidification"),
    "climate change": N_("climate change"),
    "climate change: biogenic": N_("climate change: biogenic"),
    "climate change: fossil": N_("climate change: fossil"),
    "climate change: land use": N_("climate change: land use"),
    "climate change: land use and land use change":
        N_("climate change: land use and land use change"),
    "ecotoxicity: freshwater": N_("ecotoxicity: freshwater"),
    "ecotoxicity: freshwater, inorganics": N_("ecotoxicity: freshwater, inorganics"),
    "ecotoxicity: freshwater, organics": N_("ecotoxicity: freshwater, organics"),
    "energy resources: non-renewable": N_("energy resources: non-renewable"),
    "eutrophication: freshwater": N_("eutrophication: freshwater"),
    "eutrophication: marine": N_("eutrophication: marine"),
    "eutrophication: terrestrial": N_("eutrophication: terrestrial"),
    "human toxicity: carcinogenic": N_("human toxicity: carcinogenic"),
    "human toxicity: carcinogenic, inorganics":
        N_("human toxicity: carcinogenic, inorganics"),
    "human toxicity: carcinogenic, organics": N_("human toxicity: carcinogenic, organics"),
    "human toxicity: non-carcinogenic": N_("human toxicity: non-carcinogenic"),
    "human toxicity: non-carcinogenic, inorganics":
        N_("human toxicity: non-carcinogenic, inorganics"),
    "human toxicity: non-carcinogenic, organics":
        N_("human toxicity: non-carcinogenic, organics"),
    "ionising radiation: human health": N_("ionising radiation: human health"),
    "land use": N_("land use"),
    "material resources: metals/minerals": N_("material resources: metals/minerals"),
    "ozone depletion": N_("ozone depletion"),
    "particulate matter formation": N_("particulate matter formation"),
    "photochemical oxidant formation: human health":
        N_("photochemical oxidant formation: human health"),
    "water use": N_("water use"),
    "total": N_("total"),
}


_INDICATORS = {
    "accumulated exceedance (AE)": N_("accumulated exceedance (AE)"),
    "global warming potential (GWP100)": N_("global warming potential (GWP100)"),
    "comparative toxic unit for ecosystems (CTUe)":
        N_("comparative toxic unit for ecosystems (CTUe)"),
    "comparative toxic unit for human (CTUh)": N_("comparative toxic unit for human (CTUh)"),
    "abiotic depletion potential (ADP): fossil fuels":
        N_("abiotic depletion potential (ADP): fossil fuels"),
    "fraction of nutrients reaching freshwater end compartment (P)":
        N_("fraction of nutrients reaching freshwater end compartment (P)"),
    "fraction of nutrients reaching marine end compartment (N)":
        N_("fraction of nutrients reaching marine end compartment (N)"),
    "human exposure efficiency relative to u235":
        N_("human exposure efficiency relative to u235"),
    "soil quality index": N_("soil quality index"),
    "abiotic depletion potential (ADP): elements (ultimate reserves)":
        N_("abiotic depletion potential (ADP): elements (ultimate reserves)"),
    "ozone depletion potential (ODP)": N_("ozone depletion potential (ODP)"),
    "impact on human health": N_("impact on human health"),
    "tropospheric ozone concentration increase":
        N_("tropospheric ozone concentration increase"),
    "user deprivation potential (deprivation-weighted water consumption)":
        N_("user deprivation potential (deprivation-weighted water consumption)"),
    "energy content (HHV)": N_("energy content (HHV)"),
}


_FAMILIES = {"Cumulative Energy Demand (CED)": N_("Cumulative Energy Demand (CED)")}


def method_family(family: str) -> str:
    """The method family (IPCC 2021, EF v3.1 … stay as they are; CED is translated)."""
    return _named(_FAMILIES, family)


def category(method: tuple[str, ...]) -> str:
    """The impact category of a method, in the current language."""
    name = method[1] if len(method) > 1 else method[0]
    return _named(_CATEGORIES, name)


def indicator(method: tuple[str, ...]) -> str:
    """The category indicator of a method, in the current language."""
    name = method[2] if len(method) > 2 else ""
    return _named(_INDICATORS, name)


def method_short(method: tuple[str, ...]) -> str:
    """``IPCC 2021 气候变化`` / ``EF v3.1 acidification``: family and category."""
    if tuple(method) == GWP100:
        return _("GWP100 (IPCC 2021)")
    return f"{method_family(method[0])} {category(method)}"


_EQ = re.compile(r"-?Eq\b", re.IGNORECASE)


_UNITS = {"MJ, net calorific value": N_("MJ, net calorific value"),
          "m3 world eq. deprived": N_("m3 world eq. deprived"),
          "disease incidence": N_("disease incidence"),
          "dimensionless": N_("dimensionless"),
          "kBq U235-Eq": N_("kBq U-235 eq.")}


def unit(raw: str) -> str:
    """A method's unit: ``kg CO2-Eq`` -> ``kg CO2 当量`` / ``kg CO2-eq`` (plain text)."""
    if raw in _UNITS:
        return translate(_UNITS[raw])
    if _EQ.search(raw):
        base = _EQ.sub("", raw).strip()
        return _("{unit} eq.").format(unit=base) if base else raw
    return raw


_GEOGRAPHIES = {"CN": N_("China"), "RNA": N_("North America"), "US": N_("United States"),
                "CA": N_("Canada"), "GLO": N_("global"), "RER": N_("Europe"), "EU": N_("Europe"),
                "RoW": N_("rest of the world"), "JP": N_("Japan"), "DE": N_("Germany"),
                "FR": N_("France"), "GB": N_("United Kingdom"), "KR": N_("Republic of Korea"),
                "IN": N_("India"), "VN": N_("Viet Nam"), "MX": N_("Mexico"), "TH": N_("Thailand"),
                "CN-North": N_("North China grid region"),
                "CN-Northeast": N_("Northeast China grid region"),
                "CN-East": N_("East China grid region"),
                "CN-Central": N_("Central China grid region"),
                "CN-Northwest": N_("Northwest China grid region"),
                "CN-South": N_("China Southern grid region"),
                "CN-Southwest": N_("Southwest China grid region")}


def geography(code: str) -> str:
    """The name of a geography code (``RNA`` -> North America); unknown codes as they are."""
    return _named(_GEOGRAPHIES, code) if code else "\u2013"


def is_china(code: str) -> bool:
    """Whether a geography or region code denotes China (``CN``, ``CN-South``, ``CN-GD``)."""
    return code == "CN" or code.startswith("CN-")


def geography_note(code: str) -> str:
    """``RNA: North American data used for a product made in China`` (and so on)."""
    if code == "RNA":
        return _("RNA: North American data used for a product made in China")
    if code == "GLO":
        return _("GLO: global average data used for a product made in China")
    if code == "US":
        return _("US: data of the United States used for a product made in China")
    return _("{code}: data of {place} used for a product made in China").format(
        code=code, place=geography(code))


_LEVERS = {"material": N_("material change (other material, recycled content, supply "
                          "transport)"),
           "mass": N_("mass change (material input mass of parts in both designs)"),
           "process": N_("process change (manufacturing: processes and factory electricity)"),
           "use_phase": N_("use phase (energy, consumables, replacements)"),
           "end_of_life": N_("end of life (treatment of the parts, end-of-life scenario)"),
           "distribution": N_("distribution (product mass and transport legs)"),
           "parts_added_removed": N_("parts added or removed (everything they carry)")}


def lever(code: str) -> str:
    """A lever of the comparison's attribution (greendesign.compare.LEVERS)."""
    return _named(_LEVERS, code)


_STATUSES = {"pass": N_("pass"), "fail": N_("fail"), "not_assessed": N_("not assessed"),
             "valid": N_("in force"), "expired": N_("expired"),
             "not_yet_valid": N_("not yet valid"), "changed": N_("changed"),
             "unchanged": N_("unchanged"), "added": N_("added"), "removed": N_("removed"),
             "product": N_("product level")}


def status(code: str) -> str:
    """Pass / fail / not assessed, in force / expired, and the part diff statuses."""
    return _named(_STATUSES, code)


def group(code: str) -> str:
    """An indicator group of GB/T 32161 (一级指标), as the specification profiles name it."""
    from greendesign.scoring.index import GROUP_NAMES

    names = GROUP_NAMES.get(code)
    return pick(*names) if names else code


def spec_stage(code: str) -> str:
    """The 所属阶段 of an indicator, with the GB/T 32161 stage names of the specification
    profiles (产品设计, 原材料获取, 产品生产, 产品流通, 产品使用, 废弃回收处理, 全生命周期)."""
    from greendesign.evidence.spec_model import STAGE_NAMES

    names = STAGE_NAMES.get(code)
    return pick(*names) if names else code


_CATEGORIES_OF_PRODUCTS = {"household_appliance": N_("household appliance"),
                           "furniture": N_("furniture"), "electronics": N_("electronics"),
                           "other": N_("other")}


def product_category(code: str) -> str:
    return _named(_CATEGORIES_OF_PRODUCTS, code)


_EVIDENCE_KINDS = {"test_report": N_("test report"), "certificate": N_("certificate"),
                   "declaration": N_("declaration"), "drawing": N_("drawing"),
                   "other": N_("other")}


def evidence_kind(code: str) -> str:
    return _named(_EVIDENCE_KINDS, code)


_JOINTS = {"screw": N_("screw"), "bolt": N_("bolt"), "snap-fit": N_("snap-fit"),
           "clip": N_("clip"), "press-fit": N_("press fit"), "adhesive": N_("adhesive"),
           "weld": N_("weld"), "solder": N_("solder"), "rivet": N_("rivet"), "sewn": N_("sewn"),
           "none": N_("none")}


def joint(code: str) -> str:
    return _named(_JOINTS, code)


def design(name: str) -> str:
    """A design's name: the baseline is called so; variants keep their names."""
    return _("baseline") if name == "baseline" else name


def pedigree_names() -> list[str]:
    """The five indicators of the Weidema pedigree matrix, in their order."""
    return [_("reliability"), _("completeness"), _("temporal correlation"),
            _("geographical correlation"), _("technological correlation")]


_FLOWS = {"Carbon dioxide, fossil": N_("Carbon dioxide, fossil"),
          "Carbon dioxide, non-fossil": N_("Carbon dioxide, non-fossil"),
          "Carbon dioxide, from soil or biomass stock":
              N_("Carbon dioxide, from soil or biomass stock"),
          "Carbon dioxide, in air": N_("Carbon dioxide, in air"),
          "Carbon dioxide, to soil or biomass stock":
              N_("Carbon dioxide, to soil or biomass stock"),
          "Methane, fossil": N_("Methane, fossil"),
          "Methane, non-fossil": N_("Methane, non-fossil"),
          "Methane, from soil or biomass stock": N_("Methane, from soil or biomass stock"),
          "Dinitrogen monoxide": N_("Dinitrogen monoxide"),
          "Sulfur hexafluoride": N_("Sulfur hexafluoride"),
          "Nitrogen fluoride": N_("Nitrogen fluoride"),
          "Carbon monoxide, fossil": N_("Carbon monoxide, fossil"),
          "Chloroform": N_("Chloroform"), "Ethane": N_("Ethane")}


def flow(name: str) -> str:
    """An elementary flow's name (the greenhouse gases GWP100 counts most); others as
    biosphere3 names them."""
    return _named(_FLOWS, name)


_COMPARTMENTS = {"air": N_("air"), "water": N_("water"), "soil": N_("soil"),
                 "natural resource": N_("natural resource"),
                 "non-urban air or from high stacks": N_("non-urban air or from high stacks"),
                 "urban air close to ground": N_("urban air close to ground"),
                 "lower stratosphere + upper troposphere":
                     N_("lower stratosphere + upper troposphere"),
                 "low population density, long-term": N_("low population density, long-term"),
                 "in air": N_("in air"), "in ground": N_("in ground")}


def compartment(value) -> str:
    """``air/urban air close to ground`` in the current language."""
    parts = value.split("/") if isinstance(value, str) else list(value)
    return "/".join(_named(_COMPARTMENTS, p) for p in parts)


FLOW_UNITS = {"kilogram": "kg", "cubic meter": "m3", "megajoule": "MJ",
              "kilo Becquerel": "kBq", "square meter-year": "m2a", "square meter": "m2",
              "kilowatt hour": "kWh", "unit": "unit", "ton kilometer": "t\u00b7km"}


def flow_unit(value: str) -> str:
    """biosphere3's unit names as symbols (``kilogram`` -> ``kg``)."""
    return FLOW_UNITS.get(value, value)


_MATERIAL_FAMILIES = {"aluminium": N_("aluminium"), "battery": N_("batteries"),
                      "ceramics": N_("ceramics"), "copper": N_("copper"),
                      "electronics": N_("electronics"), "ferrous": N_("ferrous metals"),
                      "glass": N_("glass"), "magnesium": N_("magnesium"),
                      "other": N_("other materials"), "paper": N_("paper and board"),
                      "plastics": N_("plastics"), "rubber": N_("rubber"),
                      "stainless": N_("stainless steel"), "textile": N_("textiles"),
                      "titanium": N_("titanium"), "wood": N_("wood"), "zinc": N_("zinc")}


def family(code: str) -> str:
    """An end-of-life material family (``plastic_pp`` -> PP plastic)."""
    if code.startswith("plastic_"):
        return _("{polymer} plastic").format(
            polymer=code.removeprefix("plastic_").upper().replace("_", "/"))
    return _named(_MATERIAL_FAMILIES, code)
