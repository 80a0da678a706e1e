"""User databases: EcoSpold 2, Excel and Brightway-project imports, used by parts.

Expected numbers are worked out by hand from the fixtures (tests/user_db_fixtures.py)
and the characterisation factors read from the installed IPCC 2021 method.
"""

from __future__ import annotations

import csv
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from greendesign.inventory import user_databases as ud
from greendesign.inventory.brightway_setup import INVENTORY_PROJECT, activate, ensure_inventory
from greendesign.inventory.product_check import unresolved_references
from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.lca.background import load_background
from greendesign.lca.engine import GWP100, assess, characterisation_factors
from greendesign.lca.reference import reference_assess
from greendesign.model import Part, Product
from tests.user_db_fixtures import (
    CO2_FOSSIL_AIR,
    METHANE_FOSSIL_AIR,
    write_ecospold1,
    write_ecospold2,
    write_excel,
)

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture(scope="module")
def cf(inventory_home):
    factors = characterisation_factors(load_background(), GWP100)
    return factors


def _bd():
    bd = activate()
    bd.projects.set_current(INVENTORY_PROJECT)
    return bd


def _one_part(ref: str, mass: float = 1.0) -> Product:
    return Product(name="user data test", functional_unit="one unit", service_life_years=1,
                   bom=[Part(id="p1", name="Housing", mass_kg=mass, material=ref)])


def _by_name(name: str) -> ud.UserDataset:
    return next(ds for ds in ud.datasets() if ds.name == name)


def _raw_materials(result) -> float:
    return float(result.by_stage().loc["raw_materials"].iloc[0])


def test_ecospold2_folder_is_imported_linked_and_reported(tmp_path, cf, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OSError("network access during an import")

    for target in (socket.socket, socket):
        for attr in ("connect", "connect_ex", "create_connection", "getaddrinfo"):
            if hasattr(target, attr):
                monkeypatch.setattr(target, attr, refuse)
    folder = write_ecospold2(tmp_path / "datasets")
    steps = []
    result = ud.import_ecospold2(folder, "es2-test", progress=lambda f, m: steps.append(f))
    assert result.database.activities == 2
    assert steps and steps[-1] == 1.0 and steps == sorted(steps)
    # the unlinkable flow and the dangling input are reported, with their amounts
    unlinked = {(u.exchange, u.type, u.amount) for u in result.unlinked}
    assert unlinked == {("Imaginary gas", "biosphere", 3.0),
                        ("unobtainium", "technosphere", 0.1)}
    with open(result.database.report, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["exchange"] for r in rows} == {"Imaginary gas", "unobtainium"}
    assert all(r["reason"] for r in rows)
    widget = _by_name("widget production")
    assert widget.unit == "kg" and widget.location == "GLO"
    assert widget.ref == ud.make_ref("es2-test", widget.code)
    assert ud.parse_ref(widget.ref) == ("es2-test", widget.code)


def test_a_part_made_of_a_user_dataset_by_hand_and_against_brightway(cf):
    widget = _by_name("widget production")
    product = _one_part(widget.ref, mass=2.0)
    result = assess(product, [GWP100])
    # 1 kg widget: 2 kg CO2 + 0.5 kg sheet x (1 kg CO2 + 0.01 kg CH4)
    per_kg = 2.0 * cf[CO2_FOSSIL_AIR] + 0.5 * (cf[CO2_FOSSIL_AIR] + 0.01 * cf[METHANE_FOSSIL_AIR])
    assert cf[METHANE_FOSSIL_AIR] > 25  # IPCC 2021 fossil methane, sanity of the lookup
    # Brightway stores exchange amounts as float32 (0.01 kg CH4 -> 0.0099999998)
    assert _raw_materials(result) == pytest.approx(2.0 * per_kg, rel=1e-6)
    reference = reference_assess(product, [GWP100])
    for stage, values in reference.by_stage.items():
        assert float(result.by_stage().loc[stage].iloc[0]) == pytest.approx(
            float(values[0]), rel=1e-9, abs=1e-12)
    prov = load_background().provenance[widget.ref]
    assert "es2-test" in prov["source"] and prov["geography"] == "GLO"


def test_browsing_a_dataset_does_not_grow_the_solved_set(cf):
    from greendesign.lca.background import dataset_background

    sheet = _by_name("sheet production")
    active = ud.activate_refs([])
    alone = dataset_background(sheet.ref)
    assert alone.codes == (sheet.ref,)
    assert ud.activate_refs([]) == active and sheet.ref not in active
    row = alone.method_row[GWP100]
    assert alone.H[row, 0] == pytest.approx(
        cf[CO2_FOSSIL_AIR] + 0.01 * cf[METHANE_FOSSIL_AIR], rel=1e-6)  # float32 storage
    assert dataset_background(sheet.ref) is alone  # kept while nothing changes
    full = load_background(extra=[sheet.ref])
    assert full.H[row, full.column[sheet.ref]] == pytest.approx(alone.H[row, 0], rel=1e-12)


def test_fast_path_caches_of_earlier_data_are_removed():
    from greendesign.inventory import brightway_setup

    _forget_fast_path()
    old = Path(brightway_setup.paths.brightway_dir()) / "greendesign-fastpath-0ld-00.npz"
    old.write_bytes(b"an earlier version's matrices")
    bg = load_background()
    assert not old.exists()
    caches = list(old.parent.glob("greendesign-fastpath-*.npz"))
    assert len(caches) == 1 and bg.data_version in caches[0].name


def test_catalogue_and_reference_check_know_user_datasets():
    widget = _by_name("widget production")
    catalogue = load_catalogue()
    assert catalogue.has(widget.ref, "material") and catalogue.has(widget.ref, "process")
    assert catalogue.get(widget.ref, "material").origin == "es2-test"
    assert widget.ref in [e.code for e in catalogue.search("widget", "material")]
    assert unresolved_references(_one_part(widget.ref)) == []
    assert catalogue.has("steel_stainless_304", "material")  # bundled entries still there
    from greendesign.inventory.user_catalogue import search_datasets

    hits = search_datasets("production {", geography="GLO")  # user labels: "name {location}"
    assert [h.entry.code for h in hits] == [widget.ref]  # sheet production is CN
    assert hits[0].has_data and hits[0].geography == "GLO" and hits[0].entry.kind == "material"
    assert [h.entry.kind for h in search_datasets("widget", "process")] == ["process"]
    assert search_datasets("widget", include_user=False) == []
    stainless = search_datasets("不锈钢", "material")
    assert stainless and all(h.geography == "RNA" and h.has_data for h in stainless)
    assert search_datasets("不锈钢", "material", geography="CN") == []
    titanium = search_datasets("titanium", "material")  # no data (datasets/missing.csv)
    assert [(h.entry.code, h.has_data) for h in titanium] == [("titanium", False)]


def test_excel_workbook_links_to_the_bundled_inventory(tmp_path, cf):
    path = write_excel(tmp_path / "supplier.xlsx")
    result = ud.import_excel(path, "excel-test")
    assert [(u.exchange, u.type) for u in result.unlinked] == [("Imaginary gas", "biosphere")]
    bracket = _by_name("moulded bracket")
    bg = load_background()
    pp_per_kg = float(bg.H[bg.rows_for([GWP100])[0], bg.column["pp"]])
    result = assess(_one_part(bracket.ref), [GWP100])
    assert _raw_materials(result) == pytest.approx(1.05 * pp_per_kg + 0.3 * cf[CO2_FOSSIL_AIR],
                                                   rel=1e-6)  # float32 storage of 1.05, 0.3


def _forget_fast_path() -> None:
    """Drop the fast-path matrices in memory and on disk, so the next result solves anew."""
    from greendesign.inventory import brightway_setup
    from greendesign.lca import background

    background._memo.clear()
    for cache in Path(brightway_setup.paths.brightway_dir()).glob("greendesign-fastpath-*"):
        cache.unlink()


def test_user_database_still_links_after_the_bundled_data_is_rewritten(cf, monkeypatch):
    import json

    from greendesign.inventory import brightway_setup

    bracket = _by_name("moulded bracket")
    before = _raw_materials(assess(_one_part(bracket.ref), [GWP100]))
    stamp = brightway_setup.read_stamp()
    brightway_setup._stamp_path().write_text(json.dumps({**stamp, "data_version": "old"}))
    assert ensure_inventory().reason.startswith("lca_data changed")
    _forget_fast_path()
    # the bundled activities got new ids; the bracket's link to pp must follow them
    assert _raw_materials(assess(_one_part(bracket.ref), [GWP100])) == pytest.approx(
        before, rel=1e-12)


def test_stale_user_database_is_processed_again_when_solved(cf):
    from greendesign.inventory import brightway_setup

    bracket = _by_name("moulded bracket")
    before = _raw_materials(assess(_one_part(bracket.ref), [GWP100]))
    # the bundled data rewritten behind the user database's back (as an older version did)
    brightway_setup._rewrite_databases(brightway_setup.read_stamp(), lambda f, m: None)
    _forget_fast_path()
    assert _raw_materials(assess(_one_part(bracket.ref), [GWP100])) == pytest.approx(
        before, rel=1e-12)


def test_user_material_ends_its_life_like_the_bundled_material_it_stands_for(tmp_path):
    path = write_excel(tmp_path / "pp.xlsx", activity="market for polypropylene, granulate",
                       code="pp-market")
    ud.import_excel(path, "eol-test")
    market = _by_name("market for polypropylene, granulate")
    assert ud.eol_map()[market.ref] == ("pp", True)  # guessed from the name, and says so
    assert load_catalogue().get(market.ref, "material").family == "plastic_pp"

    def eol(ref):
        return float(assess(_one_part(ref, 3.0), [GWP100]).by_stage().loc["end_of_life"].iloc[0])

    # same family, carbon content and mass as bundled PP: the same end of life (incl. the
    # fossil CO2 of burning it), which is not the case for a dataset treated as "other"
    assert eol(market.ref) == pytest.approx(eol("pp"), rel=1e-12)
    bracket = _by_name("moulded bracket")
    assert bracket.ref not in ud.eol_map()
    assert eol(bracket.ref) != pytest.approx(eol("pp"), rel=1e-3)
    ud.set_eol_material(bracket.ref, "pp")
    assert ud.eol_map()[bracket.ref] == ("pp", False)
    assert eol(bracket.ref) == pytest.approx(eol("pp"), rel=1e-12)
    ud.set_eol_material(bracket.ref, None)
    assert bracket.ref not in ud.eol_map()
    with pytest.raises(ud.UserDatabaseError, match="not a bundled material"):
        ud.set_eol_material(bracket.ref, "unobtainium")


def test_ecospold1_file_breaking_its_schema_is_read_and_reported(tmp_path, cf):
    import zipfile

    xml = write_ecospold1(tmp_path / "release.xml")
    archive = tmp_path / "release.zip"
    with zipfile.ZipFile(archive, "w") as handle:  # as releases come: a zip of XML
        handle.write(xml, "EcoSpold01/release.xml")
    result = ud.import_ecospold1(archive, "es1-test")
    assert result.database.activities == 4
    assert any("CASNumber" in w for w in result.warnings)  # passed over, and said
    ambiguous = [u for u in result.unlinked if u.exchange == "bolt"]
    assert len(ambiguous) == 1 and ambiguous[0].amount == pytest.approx(0.01)
    assert "2 datasets match" in ambiguous[0].reason
    frame = _by_name("frame")
    assert frame.location == "CN" and frame.unit == "kg"
    result = assess(_one_part(frame.ref), [GWP100])
    # 1 kg frame: 2 kg CO2 + 0.4 kg tube x 0.5 kg CO2 (the bolt is left out, as reported)
    assert _raw_materials(result) == pytest.approx(2.2 * cf[CO2_FOSSIL_AIR], rel=1e-6)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ud.UserDatabaseError, match="holds no EcoSpold 1"):
        ud.import_ecospold1(tmp_path / "empty", "es1-empty")


def test_workbook_without_a_database_section_is_refused(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Activity", "something"])
    wb.save(tmp_path / "bad.xlsx")
    before = ud.list_databases()
    with pytest.raises(ud.UserDatabaseError) as info:
        ud.import_excel(tmp_path / "bad.xlsx", "bad-excel")
    assert "bad.xlsx" in info.value.message and "Database" in info.value.hint
    assert ud.list_databases() == before
    assert "bad-excel" not in _bd().databases


def test_broken_spold_file_is_listed_and_the_others_import(tmp_path):
    folder = write_ecospold2(tmp_path / "datasets")
    files = sorted(folder.glob("*.spold"))
    broken = files[0]
    broken.write_text("<ecoSpold><not-closed>", "utf-8")
    result = ud.import_ecospold2(folder, "broken-es2", replace=True)
    try:
        skipped = dict(result.report.skipped)
        assert list(skipped) == [str(broken)]
        assert "not a readable EcoSpold 2 dataset" in skipped[str(broken)]
        assert result.database.activities == len(files) - 1
        assert result.report.datasets_read == len(files)
    finally:
        ud.remove_database("broken-es2")


def test_folder_of_only_broken_files_is_named_and_nothing_is_written(tmp_path):
    folder = write_ecospold2(tmp_path / "datasets")
    for path in folder.glob("*.spold"):
        path.write_text("<ecoSpold><not-closed>", "utf-8")
    with pytest.raises(ud.UserDatabaseError) as info:
        ud.import_ecospold2(folder, "broken-es2")
    assert sorted(folder.glob("*.spold"))[0].name in info.value.message
    assert "broken-es2" not in _bd().databases
    assert all(db.name != "broken-es2" for db in ud.list_databases())


def test_cancelled_import_writes_nothing(tmp_path):
    folder = write_ecospold2(tmp_path / "datasets")
    with pytest.raises(ud.ImportCancelled):
        ud.import_ecospold2(folder, "cancelled-es2", cancelled=lambda: True)
    assert "cancelled-es2" not in _bd().databases
    assert all(db.name != "cancelled-es2" for db in ud.list_databases())


@pytest.mark.parametrize("name", ["", "greendesign-lci", "biosphere3", "uslci-fy18", "a|b",
                                  "x" * 101])
def test_unusable_names_are_refused(tmp_path, name):
    with pytest.raises(ud.UserDatabaseError):
        ud.import_ecospold2(tmp_path, name)


def test_existing_name_needs_replace(tmp_path):
    folder = write_ecospold2(tmp_path / "datasets")
    with pytest.raises(ud.UserDatabaseError, match="exists already"):
        ud.import_ecospold2(folder, "es2-test")
    with pytest.raises(ud.UserDatabaseError, match="pedigree"):
        ud.import_ecospold2(folder, "es2-test", replace=True, pedigree=(1, 2, 9, 1, 1))


_MAKE_PROJECT = textwrap.dedent("""
    import contextlib, sys
    with contextlib.redirect_stdout(sys.stderr):
        import bw2data as bd, bw2io
        bd.projects.set_current("ab-project")
        bw2io.create_default_biosphere3()
        co2 = bd.get_node(database="biosphere3", code="{co2}")
        bd.Database("upstream").write({{("upstream", "ingot"): {{
            "name": "aluminium ingot", "unit": "kilogram", "location": "CN",
            "exchanges": [{{"input": ("upstream", "ingot"), "amount": 1, "type": "production"}},
                          {{"input": co2.key, "amount": 12.0, "type": "biosphere"}}]}}}})
        bd.Database("suppliers").write({{("suppliers", "housing"): {{
            "name": "die-cast housing", "unit": "kilogram", "location": "CN",
            "exchanges": [{{"input": ("suppliers", "housing"), "amount": 1, "type": "production"}},
                          {{"input": ("upstream", "ingot"), "amount": 1.1,
                            "type": "technosphere"}},
                          {{"input": co2.key, "amount": 0.5, "type": "biosphere"}}]}}}})
""").format(co2=CO2_FOSSIL_AIR)


def test_database_of_another_brightway_project_is_copied_with_its_dependencies(tmp_path, cf):
    import os

    base = tmp_path / "other-brightway"
    base.mkdir()
    env = {**os.environ, "BRIGHTWAY2_DIR": str(base)}
    subprocess.run([sys.executable, "-c", _MAKE_PROJECT], env=env, check=True,
                   capture_output=True)
    with pytest.raises(ud.UserDatabaseError, match="no database 'nothing'"):
        ud.import_brightway("ab-project", "nothing", "ab-copy", base_dir=base)
    result = ud.import_brightway("ab-project", "suppliers", "ab-copy", base_dir=base,
                                 pedigree="2;2;3;3;2")
    assert result.database.bw_databases == ["ab-copy", "ab-copy / upstream"]
    assert result.unlinked == []
    housing = _by_name("die-cast housing")
    result = assess(_one_part(housing.ref), [GWP100])
    assert _raw_materials(result) == pytest.approx((1.1 * 12.0 + 0.5) * cf[CO2_FOSSIL_AIR],
                                                   rel=1e-6)  # float32 storage of 1.1
    assert load_background().provenance[housing.ref]["pedigree"] == [2, 2, 3, 3, 2]


def test_databases_come_back_after_the_inventory_loses_them(tmp_path):
    bd = _bd()
    del bd.databases["es2-test"]
    assert ud.check()
    result = ensure_inventory()
    assert result.warnings == ()
    assert "es2-test" in _bd().databases and not ud.check()
    # a database whose source has gone is reported, not silently lost
    folder = write_ecospold2(tmp_path / "gone")
    ud.import_ecospold2(folder, "gone-es2")
    for spold in folder.glob("*.spold"):
        spold.unlink()
    folder.rmdir()
    del _bd().databases["gone-es2"]
    result = ensure_inventory()
    assert [p for p in result.warnings if "gone-es2" in p.message]


def test_damaged_registry_is_named_and_leaves_the_bundled_inventory_working():
    registry = ud.registry_dir() / "registry.json"
    saved = registry.read_bytes()
    try:
        registry.write_text("{ not json", "utf-8")
        with pytest.raises(ud.UserDatabaseError) as info:
            ud.list_databases()
        assert "registry.json" in info.value.message and info.value.hint
        assert ud.datasets() == ()
        assert load_catalogue().has("steel_stainless_304", "material")
        result = ensure_inventory()
        assert [p for p in result.warnings if "registry.json" in p.message]
        assert _raw_materials(assess(_one_part("pp"), [GWP100])) > 0
    finally:
        registry.write_bytes(saved)
    assert ud.list_databases()


def test_removed_database_leaves_parts_flagged_not_broken():
    widget = _by_name("widget production")
    ud.remove_database("es2-test")
    assert "es2-test" not in _bd().databases
    assert all(ds.database != "es2-test" for ds in ud.datasets())
    assert not load_catalogue().has(widget.ref)
    result = assess(_one_part(widget.ref), [GWP100], allow_gaps=True)
    assert [g.code for g in result.model.gaps] == [widget.ref]
    from greendesign.errors import ModelValidationError

    with pytest.raises(ModelValidationError) as info:
        assess(_one_part(widget.ref), [GWP100])
    assert "'es2-test', which is not imported on this computer" in info.value.problems[0].hint
    problems = unresolved_references(_one_part(widget.ref))
    assert problems and "not imported on this computer" in problems[0].hint
    with pytest.raises(ud.UserDatabaseError):
        ud.remove_database("es2-test")


def test_cli_search_and_import(tmp_path, capsys):
    from greendesign.cli import main

    assert main(["inventory", "search", "不锈钢", "--kind", "material"]) == 0
    out = capsys.readouterr().out
    assert "steel_stainless_304" in out
    folder = write_ecospold2(tmp_path / "datasets")
    assert main(["inventory", "import", "ecospold2", str(folder), "--name", "cli-es2",
                 "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "2 datasets" in out and "2 exchange(s) could not be linked" in out
    assert main(["inventory", "search", "widget", "--geography", "GLO"]) == 0
    assert "user:cli-es2|" in capsys.readouterr().out
    assert main(["inventory", "databases"]) == 0
    assert "cli-es2: ecospold2" in capsys.readouterr().out
    assert main(["inventory", "import", "ecospold2", str(folder), "--name",
                 "greendesign-lci"]) == 2
    assert "belongs to the bundled inventory" in capsys.readouterr().err
    ref = next(ds.ref for ds in ud.datasets() if ds.database == "cli-es2")
    assert main(["inventory", "eol-material", ref, "steel_sheet_cold_rolled"]) == 0
    assert "end of life as steel_sheet_cold_rolled" in capsys.readouterr().out
    assert main(["inventory", "eol-material", ref, "guess"]) == 0
    assert "end of life as other" in capsys.readouterr().out
    assert main(["inventory", "refresh", "cli-es2", "--quiet"]) == 0
    assert "cli-es2: 2 datasets" in capsys.readouterr().out
    assert main(["inventory", "remove", "cli-es2"]) == 0


def test_project_file_with_user_references_round_trips(tmp_path):
    from greendesign.io.project_file import load_project, save_project
    from greendesign.model import Project

    ref = ud.make_ref("some db", "abc")
    path = tmp_path / "p.gdproj"
    save_project(Project(product=_one_part(ref)), path)
    assert load_project(path).product.bom[0].material == ref

