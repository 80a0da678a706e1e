"""The report's vocabulary in the current language: stages, impact categories, units,
geographies, levers, statuses.

Each table is built from literal ``_()`` calls when first asked for in a language (so the
catalogue has every term) and cached per language. A term the app's screen also shows (the
life cycle stages, the levers of a comparison) has the screen's words, since the catalogues
are chained; the specification's 一级指标 and 所属阶段 come from the evidence model's own
bilingual names (GB/T 32161: 原材料获取, 产品生产, 产品流通, 产品使用, 废弃回收处理). Terms follow
GB/T 24040 / 24044 / 24067 (功能单位, 系统边界, 全球变暖潜势, 酸化, 富营养化 …).
A term the tables do not know (the category of a method added by the user, a geography
code) is shown as it is: method names and codes stay in their original form.
"""

from __future__ import annotations

import functools
import re

from greendesign.i18n import _, current_language, pick

GWP100 = ("IPCC 2021", "climate change", "global warming potential (GWP100)")


@functools.cache
def _stages(language: str) -> dict[str, str]:
    return {"raw_materials": _("Raw material acquisition"),
            "manufacturing": _("Manufacturing"),
            "distribution": _("Distribution"),
            "use": _("Use"),
            "end_of_life": _("End of life"),
            "credits_beyond_boundary": _("Credits beyond the system boundary (module D)")}


def stage(code: str) -> str:
    """The name of a life cycle stage (GB/T 32161 names in Chinese)."""
    return _stages(current_language()).get(code, code)


@functools.cache
def _categories(language: str) -> dict[str, str]:
    return {
        "acidification": _("acidification"),
        "climate change": _("climate change"),
        "climate change: biogenic": _("climate change: biogenic"),
        "climate change: fossil": _("climate change: fossil"),
        "climate change: land use": _("climate change: land use"),
        "climate change: land use and land use change":
            _("climate change: land use and land use change"),
        "ecotoxicity: freshwater": _("ecotoxicity: freshwater"),
        "ecotoxicity: freshwater, inorganics": _("ecotoxicity: freshwater, inorganics"),
        "ecotoxicity: freshwater, organics": _("ecotoxicity: freshwater, organics"),
        "energy resources: non-renewable": _("energy resources: non-renewable"),
        "eutrophication: freshwater": _("eutrophication: freshwater"),
        "eutrophication: marine": _("eutrophication: marine"),
        "eutrophication: terrestrial": _("eutrophication: terrestrial"),
        "human toxicity: carcinogenic": _("human toxicity: carcinogenic"),
        "human toxicity: carcinogenic, inorganics":
            _("human toxicity: carcinogenic, inorganics"),
        "human toxicity: carcinogenic, organics": _("human toxicity: carcinogenic, organics"),
        "human toxicity: non-carcinogenic": _("human toxicity: non-carcinogenic"),
        "human toxicity: non-carcinogenic, inorganics":
            _("human toxicity: non-carcinogenic, inorganics"),
        "human toxicity: non-carcinogenic, organics":
            _("human toxicity: non-carcinogenic, organics"),
        "ionising radiation: human health": _("ionising radiation: human health"),
        "land use": _("land use"),
        "material resources: metals/minerals": _("material resources: metals/minerals"),
        "ozone depletion": _("ozone depletion"),
        "particulate matter formation": _("particulate matter formation"),
        "photochemical oxidant formation: human health":
            _("photochemical oxidant formation: human health"),
        "water use": _("water use"),
        "total": _("total"),
    }


@functools.cache
def _indicators(language: str) -> dict[str, str]:
    return {
        "accumulated exceedance (AE)": _("accumulated exceedance (AE)"),
        "global warming potential (GWP100)": _("global warming potential (GWP100)"),
        "comparative toxic unit for ecosystems (CTUe)":
            _("comparative toxic unit for ecosystems (CTUe)"),
        "comparative toxic unit for human (CTUh)": _("comparative toxic unit for human (CTUh)"),
        "abiotic depletion potential (ADP): fossil fuels":
            _("abiotic depletion potential (ADP): fossil fuels"),
        "fraction of nutrients reaching freshwater end compartment (P)":
            _("fraction of nutrients reaching freshwater end compartment (P)"),
        "fraction of nutrients reaching marine end compartment (N)":
            _("fraction of nutrients reaching marine end compartment (N)"),
        "human exposure efficiency relative to u235":
            _("human exposure efficiency relative to u235"),
        "soil quality index": _("soil quality index"),
        "abiotic depletion potential (ADP): elements (ultimate reserves)":
            _("abiotic depletion potential (ADP): elements (ultimate reserves)"),
        "ozone depletion potential (ODP)": _("ozone depletion potential (ODP)"),
        "impact on human health": _("impact on human health"),
        "tropospheric ozone concentration increase":
            _("tropospheric ozone concentration increase"),
        "user deprivation potential (deprivation-weighted water consumption)":
            _("user deprivation potential (deprivation-weighted water consumption)"),
        "energy content (HHV)": _("energy content (HHV)"),
    }


@functools.cache
def _families(language: str) -> dict[str, str]:
    return {"Cumulative Energy Demand (CED)": _("Cumulative Energy Demand (CED)")}


def method_family(family: str) -> str:
    """The method family (IPCC 2021, EF v3.1 … stay as they are; CED is translated)."""
    return _families(current_language()).get(family, family)


def category(method: tuple[str, ...]) -> str:
    """The impact category of a method, in the current language."""
    name = method[1] if len(method) > 1 else method[0]
    return _categories(current_language()).get(name, name)


def indicator(method: tuple[str, ...]) -> str:
    """The category indicator of a method, in the current language."""
    name = method[2] if len(method) > 2 else ""
    return _indicators(current_language()).get(name, name)


def method_short(method: tuple[str, ...]) -> str:
    """``IPCC 2021 气候变化`` / ``EF v3.1 acidification``: family and category."""
    if tuple(method) == GWP100:
        return _("GWP100 (IPCC 2021)")
    return f"{method_family(method[0])} {category(method)}"


_EQ = re.compile(r"-?Eq\b", re.IGNORECASE)


@functools.cache
def _units(language: str) -> dict[str, str]:
    return {"MJ, net calorific value": _("MJ, net calorific value"),
            "m3 world eq. deprived": _("m3 world eq. deprived"),
            "disease incidence": _("disease incidence"),
            "dimensionless": _("dimensionless"),
            "kBq U235-Eq": _("kBq U-235 eq.")}


def unit(raw: str) -> str:
    """A method's unit: ``kg CO2-Eq`` -> ``kg CO2 当量`` / ``kg CO2-eq`` (plain text)."""
    known = _units(current_language())
    if raw in known:
        return known[raw]
    if _EQ.search(raw):
        base = _EQ.sub("", raw).strip()
        return _("{unit} eq.").format(unit=base) if base else raw
    return raw


@functools.cache
def _geographies(language: str) -> dict[str, str]:
    return {"CN": _("China"), "RNA": _("North America"), "US": _("United States"),
            "CA": _("Canada"), "GLO": _("global"), "RER": _("Europe"), "EU": _("Europe"),
            "RoW": _("rest of the world"), "JP": _("Japan"), "DE": _("Germany"),
            "FR": _("France"), "GB": _("United Kingdom"), "KR": _("Republic of Korea"),
            "IN": _("India"), "VN": _("Viet Nam"), "MX": _("Mexico"), "TH": _("Thailand"),
            "CN-North": _("North China grid region"),
            "CN-Northeast": _("Northeast China grid region"),
            "CN-East": _("East China grid region"),
            "CN-Central": _("Central China grid region"),
            "CN-Northwest": _("Northwest China grid region"),
            "CN-South": _("China Southern grid region"),
            "CN-Southwest": _("Southwest China grid region")}


def geography(code: str) -> str:
    """The name of a geography code (``RNA`` -> North America); unknown codes as they are."""
    return _geographies(current_language()).get(code, code) if code else "\u2013"


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


@functools.cache
def _levers(language: str) -> dict[str, str]:
    return {"material": _("material change (other material, recycled content, supply "
                          "transport)"),
            "mass": _("mass change (material input mass of parts in both designs)"),
            "process": _("process change (manufacturing: processes and factory electricity)"),
            "use_phase": _("use phase (energy, consumables, replacements)"),
            "end_of_life": _("end of life (treatment of the parts, end-of-life scenario)"),
            "distribution": _("distribution (product mass and transport legs)"),
            "parts_added_removed": _("parts added or removed (everything they carry)")}


def lever(code: str) -> str:
    """A lever of the comparison's attribution (greendesign.compare.LEVERS)."""
    return _levers(current_language()).get(code, code)


@functools.cache
def _statuses(language: str) -> dict[str, str]:
    return {"pass": _("pass"), "fail": _("fail"), "not_assessed": _("not assessed"),
            "valid": _("in force"), "expired": _("expired"),
            "not_yet_valid": _("not yet valid"), "changed": _("changed"),
            "unchanged": _("unchanged"), "added": _("added"), "removed": _("removed"),
            "product": _("product level")}


def status(code: str) -> str:
    """Pass / fail / not assessed, in force / expired, and the part diff statuses."""
    return _statuses(current_language()).get(code, code)


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


@functools.cache
def _categories_of_products(language: str) -> dict[str, str]:
    return {"household_appliance": _("household appliance"), "furniture": _("furniture"),
            "electronics": _("electronics"), "other": _("other")}


def product_category(code: str) -> str:
    return _categories_of_products(current_language()).get(code, code)


@functools.cache
def _evidence_kinds(language: str) -> dict[str, str]:
    return {"test_report": _("test report"), "certificate": _("certificate"),
            "declaration": _("declaration"), "drawing": _("drawing"), "other": _("other")}


def evidence_kind(code: str) -> str:
    return _evidence_kinds(current_language()).get(code, code)


@functools.cache
def _joints(language: str) -> dict[str, str]:
    return {"screw": _("screw"), "bolt": _("bolt"), "snap-fit": _("snap-fit"),
            "clip": _("clip"), "press-fit": _("press fit"), "adhesive": _("adhesive"),
            "weld": _("weld"), "solder": _("solder"), "rivet": _("rivet"), "sewn": _("sewn"),
            "none": _("none")}


def joint(code: str) -> str:
    return _joints(current_language()).get(code, code)


def design(name: str) -> str:
    """A design's name: the baseline is called so; variants keep their names."""
    return _("baseline") if name == "baseline" else name


def pedigree_names() -> list[str]:
    """The five indicators of the Weidema pedigree matrix, in their order."""
    return [_("reliability"), _("completeness"), _("temporal correlation"),
            _("geographical correlation"), _("technological correlation")]


@functools.cache
def _flows(language: str) -> dict[str, str]:
    return {"Carbon dioxide, fossil": _("Carbon dioxide, fossil"),
            "Carbon dioxide, non-fossil": _("Carbon dioxide, non-fossil"),
            "Carbon dioxide, from soil or biomass stock":
                _("Carbon dioxide, from soil or biomass stock"),
            "Carbon dioxide, in air": _("Carbon dioxide, in air"),
            "Carbon dioxide, to soil or biomass stock":
                _("Carbon dioxide, to soil or biomass stock"),
            "Methane, fossil": _("Methane, fossil"),
            "Methane, non-fossil": _("Methane, non-fossil"),
            "Methane, from soil or biomass stock": _("Methane, from soil or biomass stock"),
            "Dinitrogen monoxide": _("Dinitrogen monoxide"),
            "Sulfur hexafluoride": _("Sulfur hexafluoride"),
            "Nitrogen fluoride": _("Nitrogen fluoride"),
            "Carbon monoxide, fossil": _("Carbon monoxide, fossil"),
            "Chloroform": _("Chloroform"), "Ethane": _("Ethane")}


def flow(name: str) -> str:
    """An elementary flow's name (the greenhouse gases GWP100 counts most); others as
    biosphere3 names them."""
    return _flows(current_language()).get(name, name)


@functools.cache
def _compartments(language: str) -> dict[str, str]:
    return {"air": _("air"), "water": _("water"), "soil": _("soil"),
            "natural resource": _("natural resource"),
            "non-urban air or from high stacks": _("non-urban air or from high stacks"),
            "urban air close to ground": _("urban air close to ground"),
            "lower stratosphere + upper troposphere":
                _("lower stratosphere + upper troposphere"),
            "low population density, long-term": _("low population density, long-term"),
            "in air": _("in air"), "in ground": _("in ground")}


def compartment(value) -> str:
    """``air/urban air close to ground`` in the current language."""
    parts = value.split("/") if isinstance(value, str) else list(value)
    known = _compartments(current_language())
    return "/".join(known.get(p, p) for p in parts)


FLOW_UNITS = {"kilogram": "kg", "cubic meter": "m3", "megajoule": "MJ",
              "kilo Becquerel": "kBq", "square meter-year": "m2a", "square meter": "m2",
              "kilowatt hour": "kWh", "unit": "unit", "ton kilometer": "t\u00b7km"}


def flow_unit(value: str) -> str:
    """biosphere3's unit names as symbols (``kilogram`` -> ``kg``)."""
    return FLOW_UNITS.get(value, value)


@functools.cache
def _material_families(language: str) -> dict[str, str]:
    return {"aluminium": _("aluminium"), "battery": _("batteries"), "ceramics": _("ceramics"),
            "copper": _("copper"), "electronics": _("electronics"),
            "ferrous": _("ferrous metals"), "glass": _("glass"), "magnesium": _("magnesium"),
            "other": _("other materials"), "paper": _("paper and board"),
            "plastics": _("plastics"), "rubber": _("rubber"),
            "stainless": _("stainless steel"), "textile": _("textiles"),
            "titanium": _("titanium"), "wood": _("wood"), "zinc": _("zinc")}


def family(code: str) -> str:
    """An end-of-life material family (``plastic_pp`` -> PP plastic)."""
    if code.startswith("plastic_"):
        return _("{polymer} plastic").format(
            polymer=code.removeprefix("plastic_").upper().replace("_", "/"))
    return _material_families(current_language()).get(code, code)
