"""The live model against a full rebuild: random edit sequences, every grouping to 1e-12.

After each edit the live state (:class:`greendesign.lca.live.LiveAssessment`, told only
which nodes changed) is compared with :func:`greendesign.lca.engine.assess` of the same
product built from nothing: the lines (same order, amounts to 1e-12), gaps, warnings,
end-of-life mixes and tree, and every result grouping for all default methods.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import synthetic_product
from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.lca.engine import assess, default_methods
from greendesign.lca.live import LiveAssessment
from greendesign.model import Assembly, Part, ProcessUse, walk
from greendesign.model.declared import DeclaredValue
from greendesign.model.part import EndOfLifeMix
from greendesign.model.scenario import Replacement

TOL = 1e-12
#: Materials to switch to: different end-of-life families, a regional one, one with no data.
MATERIALS = ["pp", "abs", "copper", "steel_sheet_cold_rolled", "aluminium_extruded",
             "steel_stainless_304", "glass_float", "li_ion_cell", "tpu"]
DECLARED = DeclaredValue(gwp_kgco2e=2.5, source="EPD S-P-00001", year=2024, geography="CN",
                         pedigree=(2, 2, 2, 2, 2))


def _product_with_everything():
    """A synthetic BOM with a nested assembly whose process is measured by its mass,
    replacements of a part and of an assembly in use, supplier data and an end-of-life
    override."""
    product = synthetic_product(48, seed=7, per_assembly=8)
    outer = product.bom[0]
    inner = product.bom[1]
    outer.children.append(inner)
    del product.bom[1]
    outer.processes = [ProcessUse(dataset="injection_moulding")]  # amount: the mass
    inner.processes = [ProcessUse(dataset="sheet_stamping", amount=0.3)]
    first = inner.children[0]
    first.eol_override = EndOfLifeMix(recycling=0.5, landfill=0.5)
    product.bom[1].children[1].declared = DECLARED
    product.scenario.use.replacements = [Replacement(part_id=first.id, count=2),
                                         Replacement(part_id=product.bom[2].id, count=1)]
    product.manufacturer_region = "CN"
    return product


def _kettle():
    path = next(p for p in demo_products() if "kettle" in p.name)
    return load_project(path).product


def _close(a, b) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    assert a.shape == b.shape
    if not a.size:
        return 0.0
    return float(np.abs(a - b).max() / max(np.abs(b).max(), 1e-300))


def _compare(live, full) -> None:
    lm, fm = live.model, full.model
    assert len(lm.lines) == len(fm.lines)
    for a, b in zip(lm.lines, fm.lines, strict=True):
        assert a[:2] == b[:2] and a[3:] == b[3:]
        assert a.amount == pytest.approx(b.amount, rel=TOL, abs=1e-300)
    assert [str(g) for g in lm.gaps] == [str(g) for g in fm.gaps]
    assert [str(w) for w in lm.warnings] == [str(w) for w in fm.warnings]
    assert list(lm.eol_mix.items()) == list(fm.eol_mix.items())
    assert lm.eol_fixed == fm.eol_fixed
    assert lm.tree == fm.tree and lm.names_zh == fm.names_zh
    assert lm.product_mass_kg == pytest.approx(fm.product_mass_kg, rel=TOL)
    assert _close(live.total, full.total) <= TOL
    assert _close(live.credits, full.credits) <= TOL
    for grouping in ("by_stage", "by_material", "by_dataset", "by_process"):
        a, b = getattr(live, grouping)(), getattr(full, grouping)()
        assert list(a.index) == list(b.index)
        assert _close(a.to_numpy(), b.to_numpy()) <= TOL, grouping
    a, b = live.by_part(), full.by_part()
    assert list(a.index) == list(b.index) and list(a["name"]) == list(b["name"])
    assert _close(a.iloc[:, 3:].to_numpy(float), b.iloc[:, 3:].to_numpy(float)) <= TOL
    assert _close(live.demand(), full.demand()) <= TOL
    assert _close(live.scores, full.scores) <= TOL
    assert (live.declared is None) == (full.declared is None)


EDIT = st.tuples(st.integers(0, 10_000), st.sampled_from(
    ["mass_kg", "quantity", "recycled_content", "scrap_rate", "material", "eol_override",
     "name", "processes", "declared", "id", "remove", "copy"]), st.integers(0, 10_000))


def _apply(product, target: int, field: str, pick: int):
    """Apply one edit; returns the ids to tell the live model (None: the tree changed)."""
    nodes = [n for n, *_rest in walk(product.bom)]
    node = nodes[target % len(nodes)]
    parts = [n for n in nodes if isinstance(n, Part)]
    replaced = {r.part_id for r in product.scenario.use.replacements}
    if field in ("remove", "copy"):
        owner = next((n for n in nodes if isinstance(n, Assembly) and node in n.children), None)
        siblings = owner.children if owner is not None else product.bom
        if field == "remove" and node.id not in replaced and len(siblings) > 1 and not (
                isinstance(node, Assembly) and replaced & {n.id for n, *_r in walk([node])}):
            siblings.remove(node)
        elif field == "copy" and isinstance(node, Part):
            siblings.append(node.model_copy(update={"id": f"{node.id}-copy{pick}"}))
        return None
    if isinstance(node, Assembly) and field not in ("quantity", "name", "processes"):
        node = parts[pick % len(parts)]
    if field == "mass_kg":
        node.mass_kg = 0.001 + (pick % 997) / 331.0
    elif field == "quantity":
        node.quantity = 1 + pick % 3
    elif field == "recycled_content":
        node.recycled_content = (0.0, 0.25, 1.0)[pick % 3]
    elif field == "scrap_rate":
        node.scrap_rate = (0.0, 0.05, 0.3)[pick % 3]
    elif field == "material":
        node.material = MATERIALS[pick % len(MATERIALS)]
    elif field == "eol_override":
        node.eol_override = None if pick % 2 else EndOfLifeMix(energy_recovery=0.4,
                                                               landfill=0.6)
    elif field == "name":
        node.name, node.name_zh = f"renamed {pick}", ("零件" if pick % 2 else "")
    elif field == "processes":
        node.processes = [] if pick % 3 == 0 else [ProcessUse(dataset="injection_moulding")]
    elif field == "declared":
        node.declared = None if pick % 2 else DECLARED
    elif field == "id":
        if node.id in replaced:
            return [node.id]
        node.id = f"{node.id}-{pick}"
    return [node.id]


@pytest.fixture(scope="module")
def methods(bg):
    return default_methods(bg)


@pytest.mark.parametrize("make", [_product_with_everything, _kettle])
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDIT, min_size=1, max_size=12))
def test_live_equals_full_rebuild(bg, methods, make, edits):
    product = make()
    live = LiveAssessment(product, methods, bg, allow_gaps=True)
    _compare(live.result, assess(product, methods, background=bg, allow_gaps=True))
    for target, field, pick in edits:
        changed = _apply(product, target, field, pick)
        result = live.update(product, changed)
        _compare(result, assess(product, methods, background=bg, allow_gaps=True))


def test_earlier_results_keep_their_values(bg, methods):
    """A result taken before an edit is not changed by it (the states share nothing
    that an edit writes to)."""
    product = _product_with_everything()
    live = LiveAssessment(product, methods, bg, allow_gaps=True)
    before = live.result
    frozen = copy.deepcopy((before.total, before.by_part().iloc[:, 3:].to_numpy(float)))
    lines = list(before.model.lines)
    part = product.bom[0].children[0]
    part.mass_kg *= 3
    part.material = "copper"
    after = live.update(product, [part.id])
    assert not np.allclose(after.total, before.total)
    assert np.array_equal(before.total, frozen[0])
    assert np.array_equal(before.by_part().iloc[:, 3:].to_numpy(float), frozen[1])
    assert list(before.model.lines) == lines


def test_mass_edit_changes_distribution_by_the_mass(bg, methods):
    """Distribution is product mass (t) x km: a part's mass edit moves it by exactly
    delta mass x units x km / 1000 on the lorry's dataset, without a rebuild."""
    product = _kettle()
    live = LiveAssessment(product, methods, bg, allow_gaps=True)
    before = [line for line in live.live.model.lines if line.stage == "distribution"]
    part, count = next((n, c) for n, c, *_r in walk(product.bom) if isinstance(n, Part))
    part.mass_kg += 0.2
    live.update(product, [part.id])
    after = [line for line in live.live.model.lines if line.stage == "distribution"]
    legs = product.scenario.distribution
    assert len(after) == len(legs) > 0
    for leg, old, new in zip(legs, before, after, strict=True):
        assert new.amount - old.amount == pytest.approx(0.2 * count * leg.distance_km / 1000,
                                                        rel=1e-9)
