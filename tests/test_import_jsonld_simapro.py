"""openLCA JSON-LD and SimaPro CSV readers: datasets, allocation, links, left-over flows.

Expected numbers are worked out by hand from the fixtures in tests/data/user_db/
(their values are repeated next to each check) and, for USLCI FY2018, counted
from the release's own JSON files.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import json
import sys
import zipfile
from pathlib import Path

import pytest

from greendesign.inventory.brightway_project import delete_databases
from greendesign.inventory.brightway_setup import INVENTORY_PROJECT, activate
from greendesign.inventory.jsonld_reader import jsonld_importer
from greendesign.inventory.simapro_reader import simapro_importer
from greendesign.inventory.user_readers import UnlinkedExchange, apply_strategies, drop_unlinked
from greendesign.inventory.user_registry import ImportCancelled, UserDatabaseError

pytestmark = pytest.mark.inventory  # biosphere3 of the installed inventory

DATA = Path(__file__).parent / "data" / "user_db"
JSONLD = DATA / "openlca_jsonld_small.zip"
SIMAPRO = DATA / "simapro9_small.csv"
FY18_NAME = "uslci_fy18_olca1_5_jsonld.zip"
FY18 = next((p / FY18_NAME for p in (Path("/work/shared/data/uslci"),
                                     Path(__file__).parents[2] / "shared" / "data" / "uslci")
             if (p / FY18_NAME).is_file()), None)
#: the fixture's process and flow ids (see the JSON files in the zip)
ELEC, SMELT, ROLL = ("p-elec-00000-0000-0000-000000000001", "p-smelt-0000-0000-0000-000000000002",
                     "p-roll-00000-0000-0000-000000000003")
INGOT, DROSS = "f-ingot-0000-0000-0000-000000000002", "f-dross-0000-0000-0000-000000000003"
CO2_FOSSIL = "349b29d1-3e58-4c66-98b9-9d1a076efd2e"  # biosphere3's "Carbon dioxide, fossil", air
KWH_IN_MJ = 3.6
DB = "test-import-readers"


def _quiet(*_args) -> None:
    return None


def _never() -> bool:
    return False


def _read(reader, source: Path, name: str = DB):
    """The reader's importer after the import pipeline's strategies, and what they removed."""
    activate().projects.set_current(INVENTORY_PROJECT)
    removed: list[UnlinkedExchange] = []
    with contextlib.redirect_stdout(sys.stderr):
        importer = reader(source, name, _quiet, _never)
        apply_strategies(importer, name, removed, _quiet, 0.5, 0.3, _never)
    return importer, removed


def _by_code(importer) -> dict[str, dict]:
    return {ds["code"]: ds for ds in importer.data}


def _one(ds: dict, name: str, kind: str) -> dict:
    found = [exc for exc in ds["exchanges"] if exc["name"] == name and exc["type"] == kind]
    assert len(found) == 1, (ds["name"], name, kind, found)
    return found[0]


# --- openLCA JSON-LD --------------------------------------------------------------------

def test_jsonld_zip_is_allocated_converted_and_linked():
    importer, removed = _read(jsonld_importer, JSONLD)
    data = _by_code(importer)
    # three processes; the smelter's two products each get a dataset
    ingot, dross = f"{SMELT}.{INGOT}", f"{SMELT}.{DROSS}"
    assert set(data) == {ELEC, ROLL, ingot, dross}
    assert removed == []
    assert {code: (ds["reference product"], ds["unit"]) for code, ds in data.items()} == {
        ELEC: ("Electricity, at grid, test", "megajoule"),
        ROLL: ("Aluminium sheet, test", "kilogram"),
        ingot: ("Aluminium ingot, test", "kilogram"),
        dross: ("Aluminium dross, test", "kilogram")}
    # the process's default method (economic: 0.95 / 0.05), not its physical factors
    assert data[ingot]["allocation"] == data[dross]["allocation"] == "ECONOMIC_ALLOCATION"
    # smelting: 1 kg ingot, 0.25 kg dross, 15 kWh electricity, 2.0 kg CO2, 4 g N2O
    for code, share, product in ((ingot, 0.95, 1.0), (dross, 0.05, 0.25)):
        ds = data[code]
        assert _one(ds, ds["reference product"], "production")["amount"] == pytest.approx(product)
        assert _one(ds, "Electricity, at grid, test", "technosphere")["amount"] == \
            pytest.approx(15 * KWH_IN_MJ * share)
        assert _one(ds, "Carbon dioxide", "biosphere")["amount"] == pytest.approx(2.0 * share)
        assert _one(ds, "Nitrous oxide", "biosphere")["amount"] == pytest.approx(0.004 * share)
    # electricity: 1 kWh out, 1 g methane: in reference units
    assert _one(data[ELEC], "Electricity, at grid, test", "production")["amount"] == \
        pytest.approx(KWH_IN_MJ)
    assert _one(data[ELEC], "Methane", "biosphere")["amount"] == pytest.approx(0.001)


def test_jsonld_inputs_link_to_their_providers_inside_the_release():
    importer, _removed = _read(jsonld_importer, JSONLD)
    data = _by_code(importer)
    roll = data[ROLL]
    # default provider: the smelter, split by allocation -> its ingot dataset
    assert _one(roll, "Aluminium ingot, test", "technosphere")["input"] == (
        DB, f"{SMELT}.{INGOT}")
    # no default provider: the one dataset making electricity; 2 kWh
    elec = _one(roll, "Electricity, at grid, test", "technosphere")
    assert elec["input"] == (DB, ELEC)
    assert elec["amount"] == pytest.approx(2 * KWH_IN_MJ)
    # the smelter names its provider
    assert _one(data[f"{SMELT}.{DROSS}"], "Electricity, at grid, test",
                "technosphere")["input"] == (DB, ELEC)
    # nothing in the release makes the lubricant: left for the report
    assert "input" not in _one(roll, "Lubricating oil, test", "technosphere")
    for code, ds in data.items():
        assert _one(ds, ds["reference product"], "production")["input"] == (DB, code)


def test_jsonld_elementary_flows_link_by_uuid_or_keep_what_the_linker_needs():
    importer, _removed = _read(jsonld_importer, JSONLD)
    data = _by_code(importer)
    assert _one(data[ELEC], "Carbon dioxide, fossil", "biosphere")["input"] == (
        "biosphere3", CO2_FOSSIL)
    left = [exc for ds in importer.data for exc in ds["exchanges"]
            if exc["type"] == "biosphere" and not exc.get("input")]
    # electricity: CO2, CH4; smelting (x2): CO2, N2O; rolling: CH4
    assert collections.Counter(exc["name"] for exc in left) == {
        "Carbon dioxide": 3, "Methane": 2, "Nitrous oxide": 2}
    expected = {
        "Carbon dioxide": (("Elementary Flows", "emission", "air"),
                           "e-co2-000000-0000-0000-000000000001", "000124-38-9"),
        "Methane": (("Elementary Flows", "emission", "air", "low population density"),
                    "e-ch4-000000-0000-0000-000000000002", None),
        "Nitrous oxide": (("Elementary Flows", "emission", "air"),
                          "e-n2o-000000-0000-0000-000000000003", None)}
    for exc in left:
        categories, flow_id, cas = expected[exc["name"]]
        assert exc["categories"] == categories
        assert exc["flow id"] == flow_id
        assert exc.get("CAS number") == cas
        assert exc["unit"] == "kilogram"
        assert exc["context scheme"] == "openlca"
        assert exc["is input"] is False  # emissions


def test_jsonld_folder_reads_like_its_zip(tmp_path):
    with zipfile.ZipFile(JSONLD) as archive:
        archive.extractall(tmp_path / "release" / "inner")  # a level down, as USLCI ships
    from_zip, _ = _read(jsonld_importer, JSONLD)
    from_folder, _ = _read(jsonld_importer, tmp_path / "release")

    def amounts(importer):
        return sorted((ds["code"], exc["name"], exc["type"], round(exc["amount"], 12))
                      for ds in importer.data for exc in ds["exchanges"])

    assert amounts(from_folder) == amounts(from_zip)


def test_jsonld_import_can_be_written_and_removed():
    bd = activate()
    bd.projects.set_current(INVENTORY_PROJECT)
    importer, removed = _read(jsonld_importer, JSONLD)
    drop_unlinked(importer.data, DB, removed)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            importer.write_database(db_name=DB, delete_existing=True)
        written = bd.Database(DB)
        assert len(written) == 4
        ingot = bd.get_node(database=DB, code=f"{SMELT}.{INGOT}")
        assert {exc.input["code"] for exc in ingot.technosphere()} == {ELEC}
    finally:
        delete_databases(bd, [DB])
    assert DB not in bd.databases


def test_cancelled_jsonld_read_stops():
    with pytest.raises(ImportCancelled):
        jsonld_importer(JSONLD, DB, _quiet, lambda: True)


def _rewrite(target: Path, change) -> Path:
    """The fixture zip with ``change(name, bytes) -> bytes | None`` applied to each entry."""
    with zipfile.ZipFile(JSONLD) as src, zipfile.ZipFile(target, "w") as out:
        for name in src.namelist():
            data = change(name, src.read(name))
            if data is not None:
                out.writestr(name, data)
    return target


def _bad_jsonld(kind: str, tmp: Path) -> tuple[Path, str]:
    """A damaged or foreign JSON-LD source, and the file its error must name."""
    roll = f"processes/{ROLL}.json"
    if kind == "truncated":
        path = tmp / "truncated.zip"
        path.write_bytes(JSONLD.read_bytes()[:2000])
        return path, path.name
    if kind == "other zip":
        path = tmp / "ecospold.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("datasets/a.spold", "<ecoSpold/>")
        return path, path.name
    if kind == "broken json":
        return _rewrite(tmp / "broken.zip", lambda n, d: d[:40] if n == roll else d), roll
    if kind == "json, not json-ld":
        return _rewrite(tmp / "foreign.zip",
                        lambda n, d: b'[{"name": "x"}]' if n == roll else d), roll
    if kind == "single json file":
        path = tmp / "process.json"
        path.write_text(json.dumps({"name": "x"}))
        return path, path.name
    if kind == "text file":
        path = tmp / "notes.zip"
        path.write_text("not an archive")
        return path, path.name
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["truncated", "other zip", "broken json", "json, not json-ld",
                                  "single json file", "text file"])
def test_damaged_or_foreign_jsonld_is_named(tmp_path, kind):
    source, named = _bad_jsonld(kind, tmp_path)
    with pytest.raises(UserDatabaseError) as caught:
        _read(jsonld_importer, source)
    assert named in caught.value.message
    assert caught.value.hint


def test_process_without_its_flow_is_left_out_and_listed(tmp_path):
    lube = "flows/f-lube-00000-0000-0000-000000000005.json"
    source = _rewrite(tmp_path / "no-lube.zip", lambda n, d: None if n == lube else d)
    importer, _removed = _read(jsonld_importer, source)
    assert ROLL not in _by_code(importer)
    assert len(importer.data) == 3
    [(file, reason)] = importer.skipped
    assert file.endswith(f"processes/{ROLL}.json") and "Lubricating oil, test" in reason


# --- USLCI FY2018, openLCA 1.5 ----------------------------------------------------------

def _fy18_raw() -> tuple[list[dict], dict[str, dict], dict[str, dict]]:
    with zipfile.ZipFile(FY18) as archive:
        def folder(kind):
            return [json.loads(archive.read(n)) for n in archive.namelist()
                    if f"/{kind}/" in f"/{n}" and n.endswith(".json")]
        return (folder("processes"), {f["@id"]: f for f in folder("flows")},
                {c["@id"]: c for c in folder("categories")})


@pytest.mark.skipif(FY18 is None, reason="USLCI FY2018 JSON-LD is not beside the repository")
def test_uslci_fy18_jsonld_is_read_whole():
    bd = activate()
    bd.projects.set_current(INVENTORY_PROJECT)
    processes, flows, categories = _fy18_raw()
    biosphere3 = {flow["code"] for flow in bd.Database("biosphere3")}
    importer, removed = _read(jsonld_importer, FY18)
    assert importer.skipped == []
    assert len(processes) == 766
    raw = collections.Counter()
    for process in processes:
        for exc in process["exchanges"]:
            kind = exc["flow"]["flowType"]
            raw[kind, "in" if exc["input"] else "out"] += 1
            raw["in biosphere3"] += kind == "ELEMENTARY_FLOW" and exc["flow"]["@id"] in biosphere3
    # no process names a default allocation method and none has complete factors: the
    # multi-output ones are allocated by mass, as the bundled extraction of the same
    # release (lca_data/uslci/activities.csv) does, into as many datasets
    bundled = (Path(__file__).resolve().parents[1] / "lca_data" / "uslci" / "activities.csv")
    with open(bundled, encoding="utf-8") as fh:
        assert len(importer.data) == sum(1 for _row in csv.DictReader(fh))
    kinds = {str(ds["allocation"]).split(" ")[0] for ds in importer.data}
    assert kinds == {"NO_ALLOCATION", "mass"}
    # every product output is a dataset, a by-product cut off, or a co-product taken out
    assert (len(importer.data) - len(processes)) + len(importer.cutoff) + len(removed) == \
        raw["PRODUCT_FLOW", "out"] - len(processes)
    got = collections.Counter((exc["type"], bool(exc.get("input")))
                              for ds in importer.data for exc in ds["exchanges"])
    assert got["production", True] == len(importer.data)
    # an allocated process's exchanges come once in each of its datasets
    copies = collections.Counter(ds["code"].split(".")[0] for ds in importer.data)
    extra = collections.Counter()
    for process in processes:
        for exc in process["exchanges"]:
            kind = exc["flow"]["flowType"]
            n = copies[process["@id"]] - 1
            extra["biosphere", exc["flow"]["@id"] in biosphere3] += n * (kind == "ELEMENTARY_FLOW")
            extra["technosphere"] += n * (kind == "PRODUCT_FLOW" and exc["input"]
                                          or kind == "WASTE_FLOW" and not exc["input"])
    assert got["biosphere", True] == raw["in biosphere3"] + extra["biosphere", True]
    assert got["biosphere", True] + got["biosphere", False] == \
        raw["ELEMENTARY_FLOW", "in"] + raw["ELEMENTARY_FLOW", "out"] + \
        extra["biosphere", True] + extra["biosphere", False]
    assert got["technosphere", True] + got["technosphere", False] == \
        raw["PRODUCT_FLOW", "in"] + raw["WASTE_FLOW", "out"] + extra["technosphere"]
    # every linked input is made by the dataset it links to
    products = {ds["code"]: ds["reference product"] for ds in importer.data}
    for ds in importer.data:
        for exc in ds["exchanges"]:
            if exc["type"] == "technosphere" and exc.get("input"):
                assert products[exc["input"][1]] == exc["name"]

    def path(category: dict) -> tuple:
        levels = []
        while category:
            full = categories[category["@id"]]
            levels.insert(0, full["name"])
            category = full.get("category")
        return tuple(levels)

    left = [exc for ds in importer.data for exc in ds["exchanges"]
            if exc["type"] == "biosphere" and not exc.get("input")]
    assert left
    directions = {exc["@id"]: exc["input"] for process in processes
                  for exc in process["exchanges"]}
    for exc in left:
        flow = flows[exc["flow id"]]
        assert exc["name"] == flow["name"]
        assert exc["categories"] == path(flow["category"])
        assert exc["context scheme"] == "openlca"
        assert exc.get("CAS number") == (flow.get("cas") or None)
        assert exc["unit"]
        assert exc["is input"] is directions[exc["@id"]]


# --- SimaPro CSV ------------------------------------------------------------------------

def _by_name(importer) -> dict[str, dict]:
    return {ds["name"]: ds for ds in importer.data}


def test_simapro_processes_are_allocated_and_linked_inside_the_file():
    importer, removed = _read(simapro_importer, SIMAPRO)
    data = _by_name(importer)
    assert removed == []
    assert {name: (ds["reference product"], ds["unit"]) for name, ds in data.items()} == {
        "Aluminium sheet, test": ("Aluminium sheet, test", "kilogram"),
        "Electricity, test grid": ("Electricity, test grid", "kilowatt hour"),
        "Alumina, test {GLO}": ("Alumina, test {GLO}", "kilogram"),
        "Aluminium hydroxide, test {GLO}": ("Aluminium hydroxide, test {GLO}", "kilogram")}
    # refining: 2 kg alumina (75 %), 0.5 kg hydroxide (25 %), 10 kWh, 0.8 kg CO2, 4 g
    # ethyl lactate; per kg of each product
    for name, share, amount in (("Alumina, test {GLO}", 0.75, 2.0),
                                ("Aluminium hydroxide, test {GLO}", 0.25, 0.5)):
        ds = data[name]
        made = _one(ds, name, "production")["amount"]
        per_kg = {exc["name"]: exc["amount"] / made for exc in ds["exchanges"]
                  if exc["type"] != "production"}
        assert per_kg["Electricity, test grid"] == pytest.approx(10 * share / amount)
        assert per_kg["Carbon dioxide, fossil"] == pytest.approx(0.8 * share / amount)
        assert per_kg["Ethyl lactate"] == pytest.approx(0.004 * share / amount)
    sheet = data["Aluminium sheet, test"]
    for product in ("Electricity, test grid", "Alumina, test {GLO}"):
        assert _one(sheet, product, "technosphere")["input"] == (DB, data[product]["code"])
    for ds in importer.data:
        assert _one(ds, ds["name"], "production")["input"] == (DB, ds["code"])


def test_simapro_elementary_flows_get_ecoinvent_names_and_compartments():
    bd = activate()
    bd.projects.set_current(INVENTORY_PROJECT)
    importer, _removed = _read(simapro_importer, SIMAPRO)
    sheet = _by_name(importer)["Aluminium sheet, test"]
    # "low. pop." is biosphere3's "non-urban air or from high stacks"
    methane = _one(sheet, "Methane, fossil", "biosphere")
    assert methane["categories"] == ("air", "non-urban air or from high stacks")
    flow = bd.get_node(database="biosphere3", code=methane["input"][1])
    assert (flow["name"], tuple(flow["categories"])) == ("Methane, fossil", methane["categories"])
    co2 = bd.get_node(database="biosphere3",
                      code=_one(sheet, "Carbon dioxide, fossil", "biosphere")["input"][1])
    assert tuple(co2["categories"]) == ("air",)  # SimaPro's blank sub-compartment
    left = [exc for ds in importer.data for exc in ds["exchanges"]
            if exc["type"] == "biosphere" and not exc.get("input")]
    # ethyl lactate is not in biosphere3: 3 g from the sheet, 4 g from refining (x2)
    assert sorted(exc["amount"] for exc in left) == pytest.approx(sorted([0.003, 0.004, 0.004]))
    for exc in left:
        assert exc["name"] == "Ethyl lactate"
        assert exc["unit"] == "kilogram"
        assert exc["categories"] == ("air",)
        assert exc["CAS number"] == "000097-64-3"  # from the export's substance list
        assert exc["context scheme"] == "biosphere3"


def test_simapro_import_can_be_written_and_removed():
    bd = activate()
    bd.projects.set_current(INVENTORY_PROJECT)
    importer, removed = _read(simapro_importer, SIMAPRO)
    drop_unlinked(importer.data, DB, removed)
    assert [row.exchange for row in removed] == ["Ethyl lactate"] * 3
    try:
        with contextlib.redirect_stdout(sys.stderr):
            importer.write_database(db_name=DB, delete_existing=True)
        assert len(bd.Database(DB)) == 4
    finally:
        delete_databases(bd, [DB])


def _bad_simapro(kind: str, tmp: Path) -> Path:
    text = SIMAPRO.read_text("cp1252")
    path = tmp / f"{kind.replace(' ', '-')}.csv"
    if kind == "not simapro":
        path.write_text("name;amount\nsteel;1\n")
    elif kind == "empty":
        path.write_text("")
    elif kind == "cut product line":
        path.write_text(text.replace("Electricity, test grid;kWh;1;100;not defined;"
                                     "Energy\\Electricity;", "Electricity, test grid;kWh"),
                        encoding="cp1252")
    elif kind == "truncated":
        path.write_text(text[:text.index("Emissions to air") + 40], encoding="cp1252")
    elif kind == "no process":
        path.write_text(text[:text.index("\nProcess")], encoding="cp1252")
    else:
        raise AssertionError(kind)
    return path


@pytest.mark.parametrize("kind", ["not simapro", "empty", "cut product line", "truncated",
                                  "no process"])
def test_damaged_or_foreign_simapro_file_is_named(tmp_path, kind):
    source = _bad_simapro(kind, tmp_path)
    with pytest.raises(UserDatabaseError) as caught:
        _read(simapro_importer, source)
    assert source.name in caught.value.message
    assert caught.value.hint


def test_broken_simapro_block_names_its_process(tmp_path):
    source = _bad_simapro("cut product line", tmp_path)
    with pytest.raises(UserDatabaseError) as caught:
        _read(simapro_importer, source)
    assert "'Electricity, test grid'" in caught.value.message
    assert "line" in caught.value.message


def test_cancelled_simapro_read_stops():
    with pytest.raises(ImportCancelled):
        simapro_importer(SIMAPRO, DB, _quiet, lambda: True)


def test_unpacked_zip_is_removed_again(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    _read(jsonld_importer, JSONLD)
    assert list(tmp_path.iterdir()) == []
