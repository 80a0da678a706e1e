"""The dataset catalogue: bundled files, lookup, search and product reference checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from greendesign.bundled import lca_data_dir
from greendesign.inventory.catalogue import (
    FAMILIES,
    Catalogue,
    CatalogueError,
    Entry,
    UnknownCodeError,
    normalise,
    read_catalogue,
)
from greendesign.inventory.product_check import unresolved_references
from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.model import (
    Assembly,
    Consumable,
    Part,
    ProcessUse,
    Product,
    TransportMode,
)

REQUIRED_GRIDS = {"CN", "CN-North", "CN-Northeast", "CN-East", "CN-Central", "CN-Northwest",
                  "CN-South", "CN-Southwest"}


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


def test_counts(cat):
    assert len(cat.codes("material")) >= 60
    assert len(cat.codes("process")) >= 20
    assert set(cat.codes("grid")) >= REQUIRED_GRIDS
    others = set(cat.codes("grid")) - REQUIRED_GRIDS
    assert len(others) >= 6
    assert {"PV", "WIND", "HYDRO"} <= set(cat.codes("renewable"))
    assert {"CN", "EU", "US"} <= set(cat.codes("eol_region"))


def test_load_is_cached(cat):
    assert load_catalogue() is cat


def test_codes_unique_across_files(cat):
    seen: dict[str, Entry] = {}
    for entry in cat:
        other = seen.get(entry.code)
        if other is not None:  # only a location code may be listed once per location kind
            assert entry.group == other.group == "location"
            assert entry.kind != other.kind
        seen[entry.code] = entry


def test_names_and_aliases_unique(cat):
    owner: dict[str, Entry] = {}
    for entry in cat:
        for label in entry.labels():
            key = normalise(label)
            other = owner.setdefault(key, entry)
            if other is not entry:
                assert key == normalise(entry.code) == normalise(other.code), (
                    f"{label!r} names {other.code} and {entry.code}")


def test_code_conventions(cat):
    transport = {m.value for m in TransportMode}
    for entry in cat:
        if entry.group == "location":
            assert entry.code[:2].isupper()
        elif entry.kind == "transport":
            assert entry.code in transport
        else:
            assert entry.code == entry.code.lower() and " " not in entry.code


def test_transport_codes_equal_model_modes(cat):
    assert set(cat.codes("transport")) == {m.value for m in TransportMode}
    assert all(cat.get(code).unit == "t*km" for code in cat.codes("transport"))


def test_every_plastic_has_an_iso11469_marking(cat):
    plastics = [e for e in cat.entries("material") if e.family.startswith("plastic")]
    assert len(plastics) >= 20
    for entry in plastics:
        assert entry.iso11469.startswith(">") and entry.iso11469.endswith("<"), entry.code
    assert cat.get("pc_abs").iso11469 == ">PC+ABS<"
    assert cat.get("pa66_gf30").iso11469 == ">PA66-GF30<"
    assert all(not e.iso11469 for e in cat.entries("material")
               if not e.family.startswith("plastic"))


def test_families_have_recycling_and_credit_codes(cat):
    families = {e.family for e in cat.entries("material")}
    assert families <= FAMILIES
    for family in families - {"other"}:
        assert cat.has(f"recycling_{family}", "recycling"), family
        assert cat.has(f"credit_{family}", "credit"), family
    for code in ("landfill", "incineration_energy_recovery", "credit_energy_recovery"):
        assert cat.has(code, "treatment")


def test_required_materials_present(cat):
    for code in ("steel_stainless_304", "steel_stainless_430", "aluminium_primary_ingot",
                 "aluminium_secondary_ingot", "pwb_bare_m2", "pwb_bare_kg", "pcb_populated",
                 "li_ion_cell", "pp_gf30", "pa66_gf30", "pur_rigid_foam", "leather_bovine"):
        assert cat.has(code, "material"), code
    assert cat.get("pwb_bare_m2").unit == "m2"
    assert cat.get("li_ion_cell").family == "battery"


@pytest.mark.parametrize(("text", "code"), [
    ("SUS304", "steel_stainless_304"), ("sus304", "steel_stainless_304"),
    ("ＳＵＳ３０４", "steel_stainless_304"), ("不锈钢", "steel_stainless_304"),
    ("18/8", "steel_stainless_304"), ("Q235", "steel_sheet_hot_rolled"),
    ("冷轧钢板", "steel_sheet_cold_rolled"), ("ADC12", "aluminium_cast_alloy"),
    ("6061", "aluminium_extruded"), ("铝合金", "aluminium_extruded"), ("聚丙烯", "pp"),
    ("Polypropylene", "pp"), ("尼龙", "pa6"), ("PC+ABS", "pc_abs"), ("电路板", "pcb_populated"),
    ("锂电池", "li_ion_cell"), ("  injection   MOLDING ", "injection_moulding"),
    ("注塑", "injection_moulding"), ("华东区域电网", "CN-East"), ("cn-east", "CN-East"),
])
def test_resolve_aliases(cat, text, code):
    assert cat.resolve(text) == code


def test_resolve_with_kind_and_unknown(cat):
    assert cat.resolve("CN") == "CN"
    assert cat.get("CN").kind == "grid"
    assert cat.get("CN", "eol_region").kind == "eol_region"
    assert cat.resolve("注塑", "material") is None
    assert cat.resolve("unobtainium") is None


def test_get_unknown_code_suggests(cat):
    with pytest.raises(UnknownCodeError, match="Did you mean 'steel_stainless_304'"):
        cat.get("SUS304")
    with pytest.raises(KeyError):
        cat.get("nothing_like_this")
    with pytest.raises(CatalogueError, match="Unknown catalogue kind"):
        cat.codes("fluid")


def test_search_ranking(cat):
    found = [e.code for e in cat.search("pp")]
    assert found[0] == "pp"  # exact code first
    assert found.index("pp_gf30") < found.index("copper")  # prefix before substring
    assert cat.search("尼龙")[0].code == "pa6"  # exact alias first
    assert [e.code for e in cat.search("steel", kind="material", limit=3)] == [
        "steel_bar", "steel_electrical", "steel_fastener"]
    assert all(e.kind == "process" for e in cat.search("moulding", kind="process"))
    assert cat.search("zzz-no-match") == []
    assert len(cat.search("", kind="grid")) == len(cat.codes("grid"))


def _product(**scenario) -> Product:
    return Product(
        name="Test", functional_unit="one test", service_life_years=1,
        bom=[Assembly(id="top", name="Top", processes=[ProcessUse(dataset="final_assembly")],
                      children=[
                          Part(id="a", name="Shell", mass_kg=0.1, material="SUS304",
                               processes=[ProcessUse(dataset="moulding_magic")]),
                          Part(id="b", name="Cover", mass_kg=0.1, material="pp"),
                      ])],
        scenario=scenario or {})


def test_unresolved_references_names_part_and_field(cat):
    problems = unresolved_references(_product(), cat)
    assert [(p.part_id, p.field) for p in problems] == [
        ("a", "material"), ("a", "processes[0].dataset")]
    assert problems[0].location == "$.bom[0].children[0].material"
    assert "steel_stainless_304" in problems[0].hint


def test_unresolved_references_in_scenario(cat):
    product = _product(production={"grid": "CN-Mars"}, use={
        "grid": "CN-East", "consumables": [Consumable(name="x", material="fairy dust",
                                                      amount_per_year=1)]},
        end_of_life={"region": "Atlantis"})
    fields = {p.field for p in unresolved_references(product, cat)}
    assert {"scenario.production.grid", "scenario.use.consumables[0].material",
            "scenario.end_of_life.region"} <= fields
    assert "scenario.use.grid" not in fields


def _copy_catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(lca_data_dir() / "catalogue", folder)
    return folder


def test_malformed_row_names_file_and_row(tmp_path):
    folder = _copy_catalogue(tmp_path)
    path = folder / "materials.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = "Bad Code,Name,名称,ferrous,kg,,"
    lines.append("pp_extra,Extra PP,额外聚丙烯,plastic_pp,kg,,")
    lines.append("too,few,cells")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        read_catalogue(folder)
    text = str(info.value)
    assert "materials.csv, row 4, column 'code'" in text
    assert "ISO 11469" in text
    assert f"materials.csv, row {len(lines)} has 3 cells, expected 7" in text
    assert {p.row for p in info.value.problems} == {4, len(lines) - 1, len(lines)}


def test_duplicate_alias_across_files_is_refused(tmp_path):
    folder = _copy_catalogue(tmp_path)
    with (folder / "processes.csv").open("a", encoding="utf-8") as f:
        f.write("magic_process,Magic,魔法,kg,kg,SUS304\n")
    with pytest.raises(CatalogueError, match="'sus304' names both material"):
        read_catalogue(folder)


def test_bad_header_and_missing_file(tmp_path):
    folder = _copy_catalogue(tmp_path)
    (folder / "locations.csv").write_text("code,name\nCN,China\n", encoding="utf-8")
    (folder / "treatments.csv").unlink()
    with pytest.raises(CatalogueError) as info:
        read_catalogue(folder)
    text = str(info.value)
    assert "locations.csv: the header must be code,name_en,name_zh,kind" in text
    assert "treatments.csv is missing" in text
