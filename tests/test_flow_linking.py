"""The one elementary-flow linker of the bundled build and every user import.

Checked against biosphere3 itself and the tables in lca_data/linking/: each
way a source names a compartment, the flow ids of openLCA's EcoSpold 2 export,
and every greenhouse gas of the known USLCI and FEDEFL flow lists.
"""

from __future__ import annotations

import csv

import pytest

from greendesign.bundled import lca_data_dir
from greendesign.inventory.flow_linking import (
    BY_DIRECTION,
    BY_FLOW_ID,
    BiosphereIndex,
    Contexts,
    FlowLinker,
    Link,
    context_from_id,
    flow_ids,
    load_synonyms,
    norm,
    unit_name,
)
from tests.openlca_fixtures import java_name_uuid

GWP100 = ("IPCC 2021", "climate change", "global warming potential (GWP100)")


@pytest.fixture(scope="module")
def linker():
    index = BiosphereIndex.from_bw2io()
    return FlowLinker(index, load_synonyms(("", "FEDEFL")), Contexts())


def _flow(linker, name, categories):
    return linker.bio.by_name_cat[(norm(name), categories)]


@pytest.mark.parametrize(("path", "is_input", "expected"), [
    # biosphere3's own compartments (ecoinvent, SimaPro through bw2io) as they are
    (("air", "urban air close to ground"), False, ("air", "urban air close to ground")),
    # USLCI / ecoinvent 2 category and sub-category
    (("Elementary Flows", "air", "low population density"), False,
     ("air", "non-urban air or from high stacks")),
    (("water", "river"), False, ("water", "surface water")),
    (("resource", "in ground"), True, ("natural resource", "in ground")),
    # FEDEFL contexts, whole and as openLCA's EcoSpold 1 keeps them (the last two levels)
    (("Elementary flows", "emission", "air", "troposphere", "rural"), False,
     ("air", "non-urban air or from high stacks")),
    (("troposphere", "urban"), False, ("air", "urban air close to ground")),
    (("emission", "water", "fresh water body", "river"), False, ("water", "surface water")),
    (("resource", "ground", "subterranean"), True, ("natural resource", "in ground")),
    (("water", "subterranean"), True, ("natural resource", "in water")),
    (("water", "subterranean"), False, ("water", "ground-")),
    # the NETL groups of USLCI FY2018
    (("Elementary Flows", "NETL Coal Elementary Flows", "NETL Elementary Flows",
      "Emission to air"), False, ("air",)),
    # a root without a compartment
    (("Elementary Flows",), False, None),
])
def test_every_way_of_naming_a_compartment(linker, path, is_input, expected):
    assert linker.contexts.resolve(path, is_input, linker.bio.categories) == expected


def test_a_synonym_renames_and_converts_units(linker):
    # FEDEFL reports fresh water releases by mass; biosphere3 "Water" is in m3
    hit = linker.match("Water, fresh", ("water", "surface water"), "kg")
    water = _flow(linker, "Water", ("water", "surface water"))
    assert hit is not None and hit.code == water.code and hit.factor == pytest.approx(1e-3)
    # unit spellings compare by bw2io's normal names
    assert unit_name("kg") == unit_name("kilogram") == "kilogram"
    n2o = linker.match("Nitrous oxide", ("air",), "kilogram")
    assert n2o is not None and n2o.code == _flow(linker, "Dinitrogen monoxide", ("air",)).code


def test_ions_and_oxidation_states_link_to_the_element_ion(linker):
    hit = linker.match("Copper(I)", ("water",), "kg")
    assert hit is not None and hit.code == _flow(linker, "Copper ion", ("water",)).code


def test_openlca_flow_ids_give_the_compartment(linker):
    known = next(fid for fid, (name, context, _cas) in flow_ids().items()
                 if name == "Carbon dioxide, fossil" and context == "air/low population density")
    hit = linker.link_exchange({"name": "Carbon dioxide, fossil", "unit": "kg", "flow": known},
                               is_input=False)
    assert isinstance(hit, Link) and hit.how == BY_FLOW_ID
    assert hit.code == _flow(linker, "Carbon dioxide, fossil",
                             ("air", "non-urban air or from high stacks")).code


def test_an_id_made_by_openlca_from_its_context_is_read_back(linker):
    # openLCA's KeyGen: name-based UUID of "category/sub-category/name/unit", lower case;
    # checked against ids the tables hold (their contexts are known independently)
    rows = [(fid, name, context) for fid, (name, context, _cas) in flow_ids().items()
            if context.count("/") == 1 and context.split("/")[0] in ("air", "water")][:40]
    decoded = [fid for fid, name, context in rows
               if java_name_uuid(f"{context}/{name}/kg".lower()) == fid]
    assert len(decoded) >= 20  # most such ids are made this way (the others are older)
    for fid, name, context in rows:
        if fid in decoded:
            assert context_from_id(fid, name, "kilogram") == context
    context = next(c for c in ("water/lake", "water/fresh water", "water/ocean")
                   if java_name_uuid(f"{c}/nitrate/kg") not in flow_ids())
    made = java_name_uuid(f"{context}/nitrate/kg")
    assert context_from_id(made, "Nitrate", "kg") == context
    hit = linker.link_exchange({"name": "Nitrate", "unit": "kg", "flow": made}, False)
    expected = linker.contexts.of_category(context)
    assert isinstance(hit, Link) and hit.code == _flow(linker, "Nitrate", expected).code


def test_without_compartment_only_an_unambiguous_name_links(linker):
    methane = linker.link_exchange({"name": "Methane", "unit": "kg", "flow": "unknown"}, False)
    assert isinstance(methane, Link) and methane.how == BY_DIRECTION
    assert methane.code == _flow(linker, "Methane, fossil", ("air",)).code
    # ammonia is in biosphere3's air and soil: not guessed
    assert linker.link_exchange({"name": "Ammonia", "unit": "kg"}, False) == "no compartment"


def _gwp_names(linker) -> set[str]:
    """Names of the flows IPCC 2021 GWP100 characterises (bw2io's packaged method data)."""
    import bw2data as bd

    from greendesign.inventory.brightway_project import open_inventory

    open_inventory()
    codes = set()
    for key, _cf in bd.Method(GWP100).load():
        node = bd.get_node(id=key) if not isinstance(key, tuple) else bd.get_node(
            database=key[0], code=key[1])
        codes.add(node["code"])
    return {norm(f.name) for f in linker.bio.flows if f.code in codes}


@pytest.mark.inventory
def test_every_greenhouse_gas_to_air_of_the_known_flow_lists_links(linker, inventory_home):
    """Each flow of lca_data/linking/flow_ids.csv (USLCI FY2018 and FEDEFL) that is a
    greenhouse gas by IPCC 2021 GWP100 and goes to air links, in every air compartment
    the lists give it. (GWP100 characterises air emissions only; the lists' few greenhouse
    gases to water or soil have no biosphere3 flow and stay listed as unlinked.)"""
    names = _gwp_names(linker)
    checked, failed = 0, []
    for fid, (name, context, _cas) in flow_ids().items():
        syn = linker.synonym(name, "kg", "air")
        if norm(syn[0] if syn else name) not in names:
            continue
        categories = linker.contexts.resolve(tuple(context.split("/")), False,
                                             linker.bio.categories) if context else None
        if categories is not None and categories[0] != "air":
            continue
        checked += 1
        hit = linker.link_exchange({"name": name, "unit": "kg", "flow": fid}, False)
        if not isinstance(hit, Link):
            failed.append((name, context, hit))
    assert checked >= 90
    assert failed == []


def test_the_linking_tables_name_their_sources():
    folder = lca_data_dir() / "linking"
    with open(folder / "contexts.csv", encoding="utf-8") as fh:
        assert all(row["source"].strip() for row in csv.DictReader(fh))
    with open(folder / "product_densities.csv", encoding="utf-8") as fh:
        assert all(row["source"].strip() and row["url"].startswith("http")
                   for row in csv.DictReader(fh))
