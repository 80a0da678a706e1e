"""The improvement suggestions of ``score_json``, checked against a plain rescoring.

Each suggestion's change is applied by hand to a deep copy of the project (nodes found with
``Product.find``), the copy is scored without suggestions, and its index and material GWP
must be the suggestion's ``index_after`` and ``gwp_change_kg``. The rest of the dict must
be the same with suggestions on or off, and the joint share sums kept for the search must
give the shares :func:`joint_shares` gives.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench.synthetic import synthetic_product
from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.model import Project
from greendesign.model.vocab import JointType
from greendesign.scoring import joint_graph, joint_shares, joint_table, score_json
from greendesign.scoring.disassembly import ShareSums

GWP = {"steel_sheet_cold_rolled": 2.1, "steel_stainless_304": 5.0, "aluminium_extruded": 9.0,
       "pp": 2.0, "abs": 3.5, "pc_abs": 4.0, "pp_gf30": 2.6, "copper": 4.2, "glass_float": 1.2,
       "pcb_assembly": 60.0, "pa66_gf30": 7.0, "steel_carbon": 2.0, "brass": 3.0}


def _kettle() -> Project:
    return load_project(next(p for p in demo_products() if p.stem == "electric_kettle"))


def _synthetic() -> Project:
    product = synthetic_product(300)
    for k, (part, _count) in enumerate(product.parts()):
        if k % 37 == 5:
            part.priority_part = True
    return Project(product=product)


PROJECTS = {"electric kettle": _kettle, "synthetic 300 parts": _synthetic}


def _apply_by_hand(project: Project, result: dict, suggestion: dict) -> Project:
    """A deep copy of ``project`` with the suggested change made through ``Product.find``."""
    changed = project.model_copy(deep=True)
    product = changed.product
    lever, ids = suggestion["lever"], suggestion["parts"]
    if lever in ("reversible_joints", "separable_joint"):
        for node_id in ids:
            product.find(node_id).joint = JointType.SCREW
    elif lever == "plastic_marking":
        expected = {f["part_id"]: f["expected"] for f in result["plastic_marking_findings"]
                    if not f.get("marking")}
        assert sorted(expected) == sorted(ids)
        for node_id, marking in expected.items():
            if marking:
                product.find(node_id).plastic_marking = marking
    elif lever == "restricted_substance":
        (node_id,) = ids
        names = {f["declared_as"] for f in result["restricted_substance_findings"]
                 if f["part_id"] == node_id and f["declared_as"] in suggestion["description"]}
        node = product.find(node_id)
        node.substances = [s for s in node.substances if s.name not in names]
    elif lever == "recycled_content":
        (node_id,) = ids
        product.find(node_id).recycled_content = suggestion["target"]
    else:
        pytest.fail(f"no hand change for lever {lever!r}")
    return changed


@pytest.mark.parametrize("gwp", [None, GWP], ids=["no GWP", "material GWP"])
@pytest.mark.parametrize("name", list(PROJECTS))
def test_every_suggestion_is_a_plain_rescoring_of_its_change(name, gwp):
    project = PROJECTS[name]()
    before = project.model_dump()
    result = score_json(project, None, gwp)
    assert project.model_dump() == before, "the design is left as it was"
    suggestions = result["suggestions"]
    assert 0 < len(suggestions) <= 10
    index = result["green_design_index"]["index"]
    changes = [s["index_change"] for s in suggestions]
    assert changes == sorted(changes, reverse=True)
    for s in suggestions:
        assert s["index_before"] == index
        assert s["index_change"] == pytest.approx(s["index_after"] - index, abs=2e-6)
        rescored = score_json(_apply_by_hand(project, result, s), None, gwp,
                              suggestions=False)
        assert s["index_after"] == pytest.approx(rescored["green_design_index"]["index"],
                                                 abs=1e-6), s["description"]
        if gwp is None:
            assert s["gwp_change_kg"] is None
        elif s["lever"] != "recycled_content":
            assert s["gwp_change_kg"] == pytest.approx(
                rescored["gwp"]["materials_kg"] - result["gwp"]["materials_kg"], abs=2e-6)


@pytest.mark.parametrize("name", list(PROJECTS))
def test_the_scores_are_the_same_with_and_without_suggestions(name):
    project = PROJECTS[name]()
    on = score_json(project, None, GWP)
    off = score_json(project, None, GWP, suggestions=False)
    assert off["suggestions"] == []
    assert {k: v for k, v in on.items() if k != "suggestions"} == \
        {k: v for k, v in off.items() if k != "suggestions"}


def test_the_kettle_has_suggestions_of_several_levers():
    result = score_json(_kettle(), None, GWP)
    assert {"reversible_joints", "restricted_substance", "recycled_content"} <= \
        {s["lever"] for s in result["suggestions"]}


def test_share_sums_give_the_shares_of_the_changed_edges():
    graph = joint_graph(_synthetic().product)
    joints = joint_table()
    sums = ShareSums.of(graph.edges)
    assert sums is not None
    moved = {k: replace(graph.edges[k], joint=JointType.SCREW,
                        reversible=joints[JointType.SCREW].reversible,
                        standard_fastener=joints[JointType.SCREW].standard_fastener,
                        physical=True)
             for k in range(0, len(graph.edges), 7)}
    edges = [moved.get(k, e) for k, e in enumerate(graph.edges)]
    plain = joint_shares(replace(graph, edges=edges))
    assert sums.shares(moved) == (plain.reversible_share, plain.standard_fastener_share)
    assert sums.shares({}) == joint_shares(graph).share_pair()
    # by hand: reversible instances over all instances
    counted = [e for e in edges if e.physical and not e.fastener_part]
    total = sum(e.instances for e in counted)
    assert sums.shares(moved)[0] == pytest.approx(
        sum(e.instances for e in counted if e.reversible) / total * 100.0, rel=1e-12)


def test_share_sums_step_aside_for_fractions_of_a_joint():
    graph = joint_graph(_synthetic().product)
    half = {0: replace(graph.edges[0], instances=0.5, physical=True, fastener_part=False)}
    assert ShareSums.of(graph.edges).shares(half) is None
    assert ShareSums.of([half[0], *graph.edges[1:]]) is None
