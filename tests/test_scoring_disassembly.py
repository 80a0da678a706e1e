"""Joint graph, shares, Newman Q, eDiM time and repairability, checked by hand."""

from __future__ import annotations

import pytest

from greendesign.model import Assembly, JointType, Part, Product
from greendesign.scoring import (
    disassembly_path,
    joint_graph,
    joint_shares,
    joint_table,
    modularity_q,
    newman_q,
    repairability,
)
from greendesign.scoring.data import JointData


def _jd(joint, reversible, standard, fastener, tool_class, tool, disconnect, change=2.0,
        identify=1.0, manipulate=3.0, position=0.5, remove=1.0):
    return JointData(joint, reversible, standard, fastener, tool_class, tool, change, identify,
                     manipulate, position, disconnect, remove, "test")


# Simple round numbers so the times are easy to follow by hand.
JOINTS = {
    JointType.SCREW: _jd(JointType.SCREW, True, True, "reusable", "basic", "screwdriver", 4.0),
    JointType.BOLT: _jd(JointType.BOLT, True, True, "reusable", "basic", "spanner", 6.0),
    JointType.SNAP_FIT: _jd(JointType.SNAP_FIT, True, False, "reusable", "none", "hand", 1.0,
                            position=0.2),
    JointType.CLIP: _jd(JointType.CLIP, True, False, "reusable", "none", "hand", 1.0),
    JointType.PRESS_FIT: _jd(JointType.PRESS_FIT, False, False, "removable", "basic",
                             "pliers", 2.0),
    JointType.ADHESIVE: _jd(JointType.ADHESIVE, False, False, "neither", "commercial",
                            "heat gun", 10.0),
    JointType.WELD: _jd(JointType.WELD, False, False, "neither", "commercial", "grinder", 20.0),
    JointType.SOLDER: _jd(JointType.SOLDER, False, False, "neither", "commercial", "iron", 7.0),
    JointType.RIVET: _jd(JointType.RIVET, False, True, "neither", "commercial", "drill", 10.0),
    JointType.SEWN: _jd(JointType.SEWN, False, False, "neither", "basic", "scissors", 14.0),
    JointType.NONE: _jd(JointType.NONE, True, False, "reusable", "none", "hand", 0.0,
                        change=0.0, identify=0.0, position=0.0),
}


@pytest.fixture
def machine() -> Product:
    drive = Assembly(id="drive", name="Drive", module="drive", joint="bolt", joint_count=2,
                     children=[
                         Part(id="motor", name="Motor", mass_kg=1.0, material="motor_small_dc",
                              joint="screw", joint_count=3, priority_part=True,
                              priority_kind="motor"),
                         Part(id="wheel", name="Wheel", mass_kg=0.2, material="pa6",
                              joint="press-fit"),
                     ])
    frame = Assembly(id="frame", name="Frame", module="frame", children=[
        Part(id="plate", name="Plate", mass_kg=2.0, material="steel_bar", joint="screw",
             joint_count=4),
        Part(id="cover", name="Cover", mass_kg=0.3, material="pp", module="cover",
             joint="snap-fit", joint_count=2),
        drive,
    ])
    battery = Part(id="battery", name="Battery", mass_kg=0.5, material="li_ion_cell",
                   module="power", joint="adhesive")
    return Product(name="Machine", functional_unit="one unit", service_life_years=5,
                   bom=[frame, battery])


def test_newman_q_of_two_triangles_joined_by_one_edge():
    edges = [(1, 2, 1), (2, 3, 1), (1, 3, 1), (4, 5, 1), (5, 6, 1), (4, 6, 1), (3, 4, 1)]
    split = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b", 6: "b"}
    # m = 7; each community: 3 inner edges, degree sum 7 -> Q = 2 (3/7 - (7/14)^2) = 5/14
    assert newman_q(edges, split) == pytest.approx(5 / 14)
    assert newman_q(edges, dict.fromkeys(split, "all")) == pytest.approx(0.0)
    assert newman_q([], {}) is None


def test_newman_q_matches_the_matrix_form():
    edges = [(1, 2, 1), (2, 3, 1), (3, 1, 1), (3, 4, 1), (4, 5, 1)]
    community = {1: "x", 2: "x", 3: "y", 4: "y", 5: "y"}
    nodes = sorted(community)
    a = {(i, j): 0.0 for i in nodes for j in nodes}
    for i, j, w in edges:
        a[(i, j)] += w
        a[(j, i)] += w
    k = {i: sum(a[(i, j)] for j in nodes) for i in nodes}
    two_m = sum(k.values())
    q = sum(a[(i, j)] - k[i] * k[j] / two_m for i in nodes for j in nodes
            if community[i] == community[j]) / two_m
    assert newman_q(edges, community) == pytest.approx(q)


def test_joint_graph_and_modules(machine):
    graph = joint_graph(machine, joints=JOINTS)
    assert graph.modules() == {"frame": ["frame", "plate"], "cover": ["cover"],
                               "drive": ["drive", "motor", "wheel"], "power": ["battery"]}
    physical = {(e.child, e.parent) for e in graph.edges if e.physical}
    assert ("frame", "@product") not in physical      # joint none
    assert ("battery", "@product") in physical


def test_modularity_q_of_the_module_partition_by_hand(machine):
    # physical edges (m = 6): plate-frame, cover-frame, drive-frame, motor-drive,
    # wheel-drive, battery-product. Inside: frame 1, drive 2.
    # degrees: frame 3+1 = 4, cover 1, drive 3+1+1 = 5, power 1, product 1.
    # Q = (1/6 - (4/12)^2) + (0 - (1/12)^2) + (2/6 - (5/12)^2) + 2 (0 - (1/12)^2) = 28/144
    assert modularity_q(joint_graph(machine, joints=JOINTS)) == pytest.approx(28 / 144)


def test_reversible_and_standard_fastener_shares(machine):
    shares = joint_shares(joint_graph(machine, joints=JOINTS))
    # instances: plate 4 screws, cover 2 snaps, drive 2 bolts, motor 3 screws,
    # wheel 1 press-fit, battery 1 adhesive = 13; reversible 11; standard 9
    assert shares.joints == pytest.approx(13)
    assert shares.reversible_share == pytest.approx(11 / 13 * 100)
    assert shares.standard_fastener_share == pytest.approx(9 / 13 * 100)


def test_disassembly_depth_and_edim_time_by_hand(machine):
    path = disassembly_path(machine, "motor", joints=JOINTS)
    # frame (none): no step. drive: spanner change 2 + 2 x (1 + 0.5 + 6) + 3 + 1 = 21.
    # motor: screwdriver change 2 + 3 x (1 + 0.5 + 4) + 3 + 1 = 22.5
    assert [s.node_id for s in path.steps] == ["drive", "motor"]
    assert path.depth == 2
    assert path.time_s == pytest.approx(43.5)
    # the cover must come off first: 2 x (1 + 0.2 + 1) + 3 + 1 = 8.4 s, no tool
    blocked = disassembly_path(machine, "motor", joints=JOINTS, access={"drive": ["cover"]})
    assert [s.node_id for s in blocked.steps] == ["cover", "drive", "motor"]
    assert blocked.time_s == pytest.approx(51.9)


def test_repairability_by_hand(machine):
    result = repairability(machine, joints=JOINTS)
    # depth 2 -> 5; fasteners reusable -> 5; tools basic -> 4
    # R = (0.25 x 5 + 0.15 x 5 + 0.15 x 4) / 0.55 = 4.7273, class A
    assert result.index == pytest.approx(2.6 / 0.55)
    assert result.rating_class == "A"
    assert "not assessed" in result.note
    full = repairability(machine, joints=JOINTS,
                         extra_scores={"spare_parts": 3, "software": 1, "information": 5})
    # all six: 0.25 x 5 + 0.15 x (5 + 4 + 3 + 1 + 5) = 3.95, class B
    assert full.index == pytest.approx(3.95)
    assert full.rating_class == "B"


def test_bundled_joint_table_agrees_with_the_model_and_has_sources():
    table = joint_table()
    assert set(table) == set(JointType)
    for joint, data in table.items():
        assert data.reversible == joint.reversible, joint
        assert data.source and data.verified in {"yes", "no", "partial"}
        assert min(data.t_manipulate, data.t_remove) > 0
