"""Imports from other tools' exports: openLCA's EcoSpold 2, damaged and foreign files.

The expected GWP100 values are worked out by hand from the fixture's exchanges
(tests/openlca_fixtures.py) and the method's characterisation factors; the
imported datasets are computed by Brightway itself.
"""

from __future__ import annotations

import zipfile

import pytest

from greendesign.inventory import user_databases as ud
from greendesign.inventory.brightway_project import INVENTORY_PROJECT, activate
from greendesign.inventory.flow_linking import BY_DIRECTION, BY_FLOW_ID
from greendesign.lca.background import load_background
from greendesign.lca.engine import GWP100, characterisation_factors
from tests.openlca_fixtures import write_openlca_ecospold2
from tests.user_db_fixtures import CO2_FOSSIL_AIR, METHANE_FOSSIL_AIR

pytestmark = pytest.mark.inventory  # the installed inventory as the app home

N2O_AIR = "20185046-64bb-4c09-a8e7-e8a9e144ca98"  # biosphere3 Dinitrogen monoxide, air


@pytest.fixture(scope="module")
def cf(inventory_home):
    return characterisation_factors(load_background(), GWP100)


def _bd():
    bd = activate()
    bd.projects.set_current(INVENTORY_PROJECT)
    return bd


def _score(bd, database: str, name: str) -> float:
    import bw2calc

    node = next(a for a in bd.Database(database) if a["name"] == name)
    lca = bw2calc.LCA({node: 1.0}, method=GWP100)
    lca.lci()
    lca.lcia()
    return float(lca.score)


@pytest.fixture(scope="module")
def openlca(tmp_path_factory, inventory_home):
    files = write_openlca_ecospold2(tmp_path_factory.mktemp("olca") / "release")
    folder = files["widget"].parent
    archive = folder.parent / "release.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in folder.iterdir():
            zf.write(path, path.name)
    result = ud.import_ecospold2(archive, "olca-es2", replace=True)
    yield result, files, archive
    ud.remove_database("olca-es2")


def test_openlca_ecospold2_imports_with_mass_allocation_and_linked_flows(openlca, cf):
    result, _files, _archive = openlca
    bd = _bd()
    n2o = cf[N2O_AIR]
    methane = cf[METHANE_FOSSIL_AIR]
    assert cf[CO2_FOSSIL_AIR] == 1.0
    bracket = 2 + 0.001 * n2o + 0.01 * methane + 3 * 0.5
    # float32 storage in Brightway's matrices: relative 1e-6
    assert _score(bd, "olca-es2", "Widget, at plant") == pytest.approx(0.8 * bracket, rel=1e-6)
    assert _score(bd, "olca-es2", "Offcut, at plant (co-product of Widget, at plant)") == \
        pytest.approx(0.2 * bracket / 0.25, rel=1e-6)
    assert _score(bd, "olca-es2", "Electricity, at grid") == pytest.approx(0.5, rel=1e-6)
    assert result.database.activities == 3


def test_openlca_ecospold2_report_names_every_gap(openlca):
    result, files, archive = openlca
    report = result.report
    assert report.producer == "openLCA"
    assert report.datasets_read == 5 and report.datasets_imported == 3
    skipped = dict(report.skipped)
    for role in ("empty", "no_product", "truncated"):
        assert f"{archive}!{files[role].name}" in skipped, role
    assert "no exchanges" in skipped[f"{archive}!{files['empty'].name}"]
    assert "reference product" in skipped[f"{archive}!{files['no_product'].name}"]
    # CO2 twice (grid, widget) + N2O by the flow id; methane by its direction alone
    assert report.elementary_by_method[BY_FLOW_ID] == 2 + 2 + 1  # widget + offcut + grid
    assert report.elementary_by_method[BY_DIRECTION] == 2       # widget and offcut
    reasons = {row.exchange: row.reason for row in result.unlinked}
    assert "several compartments" in reasons["Ammonia"]
    assert "no mass to allocate by" in reasons["Recovered energy"]
    assert "waste" in reasons["Sludge"]
    assert "no dataset provides" in reasons["CUTOFF Packaging, at plant"]
    counts = report.exchanges["biosphere"]
    # widget and offcut: CO2, N2O, CH4 linked, ammonia not; the grid: CO2
    assert counts == {"linked": 7, "unlinked": 2}
    assert report.elementary_link_share == pytest.approx(7 / 9)
    assert report.gwp_unlinked_share == 0.0  # ammonia has no GWP100
    text = "\n".join(report.lines())
    assert "Ammonia" in text and "5 read, 3 imported" in text


def test_ecoinvent_style_dataset_without_reference_product_is_listed(tmp_path):
    from tests.user_db_fixtures import write_ecospold2

    folder = write_ecospold2(tmp_path / "datasets")
    widget = next(p for p in folder.glob("*.spold") if "widget" in p.read_text("utf-8"))
    text = widget.read_text("utf-8").replace("<outputGroup>0</outputGroup>",
                                             "<inputGroup>5</inputGroup>", 1)
    widget.write_text(text, "utf-8")
    result = ud.import_ecospold2(folder, "no-reference", replace=True)
    try:
        skipped = dict(result.report.skipped)
        assert "no single reference product" in skipped[str(widget)]
        assert result.database.activities == 1
    finally:
        ud.remove_database("no-reference")


@pytest.mark.parametrize("kind", ["zip of text", "truncated zip", "empty folder"])
def test_foreign_or_damaged_sources_give_a_named_error(tmp_path, kind):
    if kind == "zip of text":
        source = tmp_path / "notes.zip"
        with zipfile.ZipFile(source, "w") as zf:
            zf.writestr("readme.txt", "not a dataset")
        expected = "no .spold files"
    elif kind == "truncated zip":
        whole = tmp_path / "whole.zip"
        with zipfile.ZipFile(whole, "w") as zf:
            zf.writestr("a.spold", "<ecoSpold/>" * 1000)
        source = tmp_path / "cut.zip"
        source.write_bytes(whole.read_bytes()[:200])
        expected = "not a folder or a zip"  # not recognised as a zip at all
    else:
        source = tmp_path / "empty"
        source.mkdir()
        expected = "no .spold files"
    before = ud.list_databases()
    with pytest.raises(ud.UserDatabaseError) as info:
        ud.import_ecospold2(source, "foreign")
    assert str(source) in info.value.message or source.name in info.value.message
    assert expected in info.value.message
    assert ud.list_databases() == before


def test_an_unexpected_bw2io_error_is_named_and_writes_nothing(tmp_path, monkeypatch):
    import greendesign.inventory.user_readers as readers
    from tests.user_db_fixtures import write_ecospold2

    def broken(*_args, **_kwargs):
        raise KeyError("flow")

    monkeypatch.setattr(readers, "link_elementary", broken)
    folder = write_ecospold2(tmp_path / "datasets")
    with pytest.raises(ud.UserDatabaseError) as info:
        ud.import_ecospold2(folder, "unexpected")
    assert str(folder) in info.value.message and "KeyError" in info.value.message
    assert "log" in info.value.hint
    assert "unexpected" not in _bd().databases
