"""In Chinese, the core says everything in Chinese, whether or not a message went through ``_()``.

``test_core_messages.py`` checks the catalogue: every message marked with ``_()`` has its
Chinese. A message someone forgot to mark is not in the catalogue at all, so this module
checks what the core actually produces: it runs representative operations in Chinese
(``with language("zh_CN")``) and looks for English sentences in every text a person reads
(:mod:`tests.chinese_text` describes the check and its allow-list):

* the three demo projects: their codes checked against the catalogue, assessed on the
  installed inventory with data gaps, scored with improvement suggestions (findings, notes,
  the score table), compared design by design;
* the bad project files, model values and settings the other tests use;
* BOM files (CSV and XLSX) with bad rows, a bad mapping, formulas without a saved value
  and unreadable files, the warnings of a BOM that imports, a failed export and save, and
  project files damaged on disk;
* typical errors (a missing file, a wrong unit, an unknown method or code, a user database
  that cannot be imported) and the progress messages of the set-up and the Monte Carlo;
* the command line with ``--lang zh_CN``: its help, tables and errors.

The last tests show that the check fails on a message without its translation, and that
the language set for the process reaches worker threads.
"""

from __future__ import annotations

import json
import threading

import pytest

from greendesign import i18n
from greendesign.bundled import demo_products
from greendesign.errors import GreenDesignError
from greendesign.i18n import language
from greendesign.io.project_file import dumps_project, load_project, parse_project_text
from greendesign.model import Part, Product, walk
from tests.chinese_text import english_sentences, project_data, untranslated

DEMOS = demo_products()


pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture(scope="module")
def method_names():
    """The Brightway method names and units, shown as Brightway names them (allowed in
    Chinese text: ``EF v3.1 | climate change | ...``, ``MJ, net calorific value``)."""
    from greendesign.inventory.brightway_project import method_data

    names = [m["name"] for m in method_data()]
    return ([" | ".join(m) for m in names] + [part for m in names for part in m]
            + [m["unit"] for m in method_data()])


def problems_texts(where: str, problems) -> list[tuple[str, str]]:
    return [(f"{where} {p.location}", str(p)) for p in problems]


def error_texts(where: str, exc: GreenDesignError) -> list[tuple[str, str]]:
    out = [(where, str(exc)), (f"{where} message", exc.message)]
    if exc.hint:
        out.append((f"{where} hint", exc.hint))
    return out + problems_texts(where, exc.problems)


def score_texts(where: str, result: dict) -> list[tuple[str, str]]:
    from greendesign.scoring import format_score_table

    out = [(f"{where} table", format_score_table(result))]
    for key in ("restricted_substance_findings", "plastic_marking_findings",
                "combination_findings"):
        out += [(f"{where} {f['part_id']}", f["message"]) for f in result[key]]
        out += [(f"{where} {f['part_id']} note", f["note"]) for f in result[key] if "note" in f]
    out += [(f"{where} note", note) for note in result["notes"]]
    out += [(f"{where} suggestion", s["description"]) for s in result["suggestions"]]
    out += [(f"{where} gwp basis", s["gwp_basis"]) for s in result["suggestions"]]
    out += [(f"{where} basis", f["basis"]) for f in result["end_of_life_by_part"]]
    out.append((f"{where} repairability", result["repairability"]["note"]))
    return [(w, t) for w, t in out if t]


# --- the demo projects ---------------------------------------------------------------------

def test_the_demo_projects_are_checked_assessed_scored_and_compared_in_chinese(
        bg, method_names):
    from greendesign.cli_lca import material_gwp_lookup
    from greendesign.compare import compare_designs
    from greendesign.inventory.product_check import (
        references_without_data,
        unresolved_references,
    )
    from greendesign.lca.engine import GWP100, assess
    from greendesign.scoring import score_json

    assert len(DEMOS) == 3
    texts: list[tuple[str, str]] = []
    data: list[str] = list(method_names)
    counts = {"gaps": 0, "findings": 0, "suggestions": 0, "cut-offs": 0}
    with language("zh_CN"):
        for path in DEMOS:
            project = load_project(path)
            data += project_data(project)
            for design in project.design_names:
                where = f"{path.stem}:{design}"
                product = project.design(design)
                cutoffs = references_without_data(product)
                counts["cut-offs"] += len(cutoffs)
                texts += problems_texts(f"{where} codes", unresolved_references(product))
                texts += problems_texts(f"{where} cut-off", cutoffs)
                result = assess(product, [GWP100], variant=design, background=bg,
                                allow_gaps=True)
                counts["gaps"] += len(result.model.gaps)
                texts += [(f"{where} gap", str(gap)) for gap in result.model.gaps]
                texts += [(f"{where} warning", str(w)) for w in result.model.warnings]
                scores = score_json(project, design, material_gwp_lookup(bg))
                counts["findings"] += len(scores["combination_findings"]) + len(
                    scores["plastic_marking_findings"])
                counts["suggestions"] += len(scores["suggestions"])
                texts += score_texts(where, scores)
            comparison = compare_designs(project, [GWP100], bg)
            texts += [(f"{path.stem} comparison", note) for note in comparison.notes]
            for design in comparison.designs:
                levers = comparison.lever_attribution(design)
                texts += [(f"{path.stem}:{design} lever", d) for d in levers["description"]]
                parts = comparison.part_attribution(design)
                texts += [(f"{path.stem}:{design} part", n) for n in parts["name"]]
    # the check has something to bite on: each kind of text was produced
    assert all(counts.values()), counts
    assert len(texts) > 300
    assert untranslated(texts, data) == []


def test_part_names_are_chinese_where_the_part_has_one(bg):
    from greendesign.compare import compare_designs
    from greendesign.lca.engine import GWP100
    from greendesign.scoring import score_json

    path = next(p for p in DEMOS if p.stem == "electric_kettle")
    project = load_project(path)
    names_zh = {node.id: node.name_zh for node, *_rest in walk(project.product.bom)
                if node.name_zh}
    with language("zh_CN"):
        scores = score_json(project)
        findings = scores["combination_findings"] + scores["plastic_marking_findings"]
        comparison = compare_designs(project, [GWP100], bg)
        parts = comparison.part_attribution(comparison.designs[-1]).set_index("part_id")
    shown = [f for f in findings if f["part_id"] in names_zh]
    assert shown and all(f["part_name"] == names_zh[f["part_id"]] for f in shown)
    in_tree = [pid for pid in parts.index if pid in names_zh]
    assert in_tree and all(parts.loc[pid, "name"] == names_zh[pid] for pid in in_tree)
    # in English the same parts keep their English names
    english = score_json(project)
    assert {f["part_name"] for f in english["combination_findings"]} <= {
        node.name for node, *_rest in walk(project.product.bom)}


# --- bad input ------------------------------------------------------------------------------

BAD_PROJECT_TEXTS = [
    "", "{", "[1, 2]", '{"format": "other", "schema_version": 2}', '{"schema_version": "2"}',
    '{"schema_version": 0}', '{"schema_version": 99}',
    '{"schema_version": 2, "product": {"name": "x", "functional_unit": "y", '
    '"service_life_years": NaN}}',
    "[" * 100000 + "]" * 100000,
]


def test_bad_project_files_and_settings_speak_chinese(tmp_path, small_project):
    from greendesign.errors import ModelValidationError, ProjectFileError
    from greendesign.settings import AppSettings

    texts: list[tuple[str, str]] = []
    data = project_data(small_project)
    with language("zh_CN"):
        for i, text in enumerate(BAD_PROJECT_TEXTS):
            with pytest.raises(ProjectFileError) as excinfo:
                parse_project_text(text, source="x.gdproj")
            texts += error_texts(f"bad file {i}", excinfo.value)
        for name, content in (("missing.gdproj", None), ("gbk.gdproj", "名称,质量")):
            path = tmp_path / name
            if content is not None:
                path.write_bytes(content.encode("gbk"))
            with pytest.raises(ProjectFileError) as excinfo:
                load_project(path)
            texts += error_texts(name, excinfo.value)
        with pytest.raises(ProjectFileError) as excinfo:
            load_project(tmp_path)
        texts += error_texts("folder", excinfo.value)

        values = json.loads(dumps_project(small_project))
        values["product"]["bom"][1]["mass_kg"] = -1
        values["product"]["bom"][0]["children"][0]["recycled_content"] = 3
        values["product"]["bom"][0]["children"][0]["joint"] = "glue"
        values["product"]["bom"][2]["mass_unit"] = "stone"
        values["product"]["bom"][2]["colour"] = "red"
        values["variants"][0]["product"]["service_life_years"] = 0
        values["variants"][0]["based_on"] = "nowhere"
        path = tmp_path / "bad.gdproj"
        path.write_text(json.dumps(values), "utf-8")
        with pytest.raises(ModelValidationError) as excinfo:
            load_project(path)
        assert len(excinfo.value.problems) >= 6
        texts += error_texts("invalid values", excinfo.value)

        schema1 = {"schema_version": 1, "product": {
            "name": "Old", "functional_unit": "one unit", "service_life_years": 5,
            "parts": [{"id": "A", "name": "A", "parent": "B"},
                      {"id": "B", "name": "B", "parent": "A"}, {"id": "B"}]}}
        with pytest.raises(ModelValidationError) as excinfo:
            parse_project_text(json.dumps(schema1), source="old.gdproj")
        texts += error_texts("schema 1", excinfo.value)

        for i, fields in enumerate([
                {"mass_kg": float("nan")}, {"mass": "heavy"}, {"mass": "5 furlongs"},
                {"mass": 1, "mass_kg": 1}, {"recycled_content": -0.1}, {"quantity": 0},
                {"plastic_marking": "PP"}, {"name": ""}, {"id": "a b"},
                {"substances": [{"name": "Lead", "cas": "7439-92-2", "mass_fraction": 0.5},
                                {"name": "Tin", "mass_fraction": 0.9}]},
                {"eol_override": {"recycling": 0.5, "landfill": 0.4}}]):
            part = {"id": "P1", "name": "Lid", "name_zh": "盖子", "material": "pp"}
            if "mass" not in fields:
                part["mass_kg"] = 0.2
            part.update(fields)
            with pytest.raises(ModelValidationError) as excinfo:
                Part(**part)
            texts += error_texts(f"part {i}", excinfo.value)

        product = small_project.product.model_copy(deep=True)
        top, body = product.find("TOP"), product.find("BODY")
        product.bom.append(body)  # placed twice
        top.children.append(top)  # its own ancestor
        with pytest.raises(ModelValidationError) as excinfo:
            product.check()
        texts += error_texts("tree", excinfo.value)
        broken = small_project.product.model_dump(mode="json")
        broken["bom"].append(dict(kind="part", id="LID", name="Second lid", mass_kg=0.1,
                                  material="pp"))
        broken["bom"][1]["kind"] = "widget"
        broken["scenario"]["use"] = {"energy_kwh_per_year": 3,
                                     "operating_modes": [{"name": "on", "power_w": 1,
                                                          "hours_per_year": 1}]}
        for i, variant in enumerate([broken, {**broken, "bom": [broken["bom"][0]]}]):
            with pytest.raises(ModelValidationError) as excinfo:
                Product.model_validate(variant)
            texts += error_texts(f"product {i}", excinfo.value)
        with pytest.raises(ModelValidationError) as excinfo:
            small_project.add_variant("baseline")
        texts += error_texts("variant name", excinfo.value)
        with pytest.raises(ModelValidationError) as excinfo:
            small_project.design("nope")
        texts += error_texts("design", excinfo.value)
        for i, settings in enumerate([{"autosave_interval_s": 5}, {"language": "fr"},
                                      {"default_grid": ""}, {"colour": "red"}]):
            with pytest.raises(ModelValidationError) as excinfo:
                AppSettings(**settings)
            texts += error_texts(f"settings {i}", excinfo.value)
    assert len(texts) > 80
    assert untranslated(texts, data + ["Lead", "Tin", "Second lid", "Old"]) == []


# --- typical errors and progress ---------------------------------------------------------------

def test_typical_errors_and_progress_speak_chinese(bg, tmp_path, monkeypatch, method_names):
    from greendesign.inventory import user_databases
    from greendesign.inventory.brightway_setup import check_integrity, ensure_inventory
    from greendesign.inventory.user_catalogue import load_catalogue
    from greendesign.lca.engine import GWP100, assess
    from greendesign.lca.uncertainty import monte_carlo
    from greendesign.units import parse_mass, to_kg

    project = load_project(next(p for p in DEMOS if p.stem == "bluetooth_speaker"))
    texts: list[tuple[str, str]] = []
    progress: list[str] = []

    def collect(_fraction: float, message: str) -> None:
        progress.append(message)

    def failing(where: str, call) -> None:
        with pytest.raises(GreenDesignError) as excinfo:
            call()
        texts.extend(error_texts(where, excinfo.value))

    with language("zh_CN"):
        failing("unit", lambda: parse_mass("5 furlongs", where="第 3 行"))
        failing("unit", lambda: to_kg(1, "stone"))
        failing("method", lambda: bg.rows_for([("IPCC 2021", "climate change", "nope")]))
        failing("code", lambda: load_catalogue().get("unobtainium", "material"))
        failing("kind", lambda: load_catalogue().entries("widget"))
        failing("db name", lambda: user_databases.check_name("", False))
        failing("db name", lambda: user_databases.check_name("greendesign-x", False))
        failing("db", lambda: user_databases.get_database("nope"))
        failing("pedigree", lambda: user_databases.import_excel(
            tmp_path / "x.xlsx", "supplier", pedigree="7;7"))
        failing("excel", lambda: user_databases.import_excel(
            tmp_path / "missing.xlsx", "supplier", progress=collect))
        failing("ecospold", lambda: user_databases.import_ecospold2(tmp_path, "eco"))
        failing("eol material", lambda: user_databases.set_eol_material("user:x|y", "nope"))
        result = assess(project.product, [GWP100], background=bg, allow_gaps=True)
        monte_carlo(result, iterations=20, progress=collect)
        failing("monte carlo", lambda: monte_carlo(result, iterations=20,
                                                   cancelled=lambda: True))
        missing = project.product.model_copy(deep=True)
        next(p for p, _n in missing.parts()).material = "unobtainium"
        failing("assess", lambda: assess(missing, [GWP100], background=bg))
        # a fresh data folder: nothing installed, then the ready-built inventory unpacked
        monkeypatch.setenv("GREENDESIGN_HOME", str(tmp_path / "fresh"))
        texts += [("integrity", p) for p in check_integrity()]
        ensure_inventory(progress=collect)
    texts += [("progress", message) for message in progress]
    assert "已安装预构建的清单数据库" in progress and "清单数据库就绪" in progress
    assert len(texts) > 40
    assert untranslated(texts, project_data(project) + list(method_names)) == []


# --- BOM files and damaged project files ---------------------------------------------------

#: A BOM with one of each row problem: level 1 -> 3, id 'B' twice, a mass and a quantity
#: that are not numbers.
BAD_BOM = [["level", "id", "name", "mass", "material", "quantity"],
           ["1", "A", "Body", "", "", "1"],
           ["3", "B", "Lid", "heavy", "pp", "two"],
           ["1", "B", "Cord", "0.1 kg", "cable", "1"]]
BAD_BOM_PROBLEMS = [(4, "id"), (3, "level"), (3, "quantity"), (3, "mass")]
BOM_DATA = ["Body", "Lid", "Cord", "Vendor", "Shell", "Kettle BOM"]


def _write_bom(path, rows):
    """Write ``rows`` of cell texts as a CSV file, or as the sheet 'BOM' of an XLSX file."""
    if path.suffix == ".csv":
        path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
        return path
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "BOM"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _bom_error(path, **kwargs) -> GreenDesignError:
    from greendesign.errors import BomImportError
    from greendesign.io.bom_import import import_bom

    with pytest.raises(BomImportError) as excinfo:
        import_bom(path, **kwargs)
    return excinfo.value


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_bad_bom_file_is_reported_in_chinese(tmp_path, suffix):
    path = _write_bom(tmp_path / f"bad{suffix}", BAD_BOM)
    english = _bom_error(path)
    with language("zh_CN"):
        chinese = _bom_error(path)
    # the same problems in both languages, on the rows and columns of the file
    for error in (english, chinese):
        assert [(p.row, p.column) for p in error.problems] == BAD_BOM_PROBLEMS
    assert english.message == f"{path}: 4 problems in the BOM; nothing was imported."
    assert chinese.message == f"{path}：物料清单中有 4 个问题；未导入任何内容。"
    assert [p.location for p in chinese.problems] == [
        f"第 {row} 行，{column!r} 列" for row, column in BAD_BOM_PROBLEMS]
    shown = {p.field: str(p) for p in chinese.problems}
    assert "编号 'B' 使用了两次，分别在第 3 行和第 4 行" in shown["id"]
    assert "层级 3 向下跳了不止一层：上方第 2 行的层级为 1" in shown["level"]
    assert "'two' 不是数值" in shown["quantity"]
    assert untranslated(error_texts(path.name, chinese), BOM_DATA) == []
    assert untranslated(error_texts(path.name, english), BOM_DATA)  # the check bites


def test_bom_file_errors_and_warnings_speak_chinese(tmp_path):
    from greendesign.io.bom_export import export_bom
    from greendesign.io.bom_import import import_bom
    from greendesign.io.project_file import save_project

    formula = tmp_path / "formula.xlsx"
    _write_bom(formula, [["name", "mass", "material"], ["Shell", "=1/0", "pp"],
                         ["Lid", "=B2*2", "pp"]])
    files = {"empty.csv": b"", "binary.csv": b"name,mass\x00\x01\x02",
             "gbk.csv": "名称,质量\n壶身,1\n".encode("gbk"),
             "old.xls": b"\xd0\xcf\x11\xe0", "quotes.csv": b'name,mass,material\n"A,1,pp\n'
             + b"x" * 200_000 + b"\n",
             "header-only.csv": b"name,mass,material\n",
             "parent.csv": "name,mass,material,父项\nA,1,pp,X\n".encode()}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    texts: list[tuple[str, str]] = []
    with language("zh_CN"):
        for name in files:
            texts += error_texts(name, _bom_error(tmp_path / name))
        texts += error_texts("missing", _bom_error(tmp_path / "missing.csv"))
        texts += error_texts("folder", _bom_error(tmp_path))
        texts += error_texts("formula", _bom_error(formula))
        texts += error_texts("sheet", _bom_error(formula, sheet="Parts"))
        bad_rows = _write_bom(tmp_path / "rows.csv", [
            ["id", "name", "mass", "material", "quantity", "recycled_content", "joint",
             "joint_count", "process", "process_amount", "parent"],
            ["A", "", "-1", "", "0", "1.5", "velcro", "0", "a;;b", "", "A"],
            ["B b", "N" * 201, "5 stone", "pp", "", "150%", "", "", "a;b", "1", "Z"]])
        texts += error_texts("rows", _bom_error(bad_rows))
        texts += error_texts("mapping", _bom_error(bad_rows, mapping={
            "name": "name", "nope": "mass", "id": "weight", "mass": "name"}))
        texts += error_texts("unmapped", _bom_error(bad_rows, mapping={"name": "name"}))
        # a file that imports, with a warning of each kind
        fine = _write_bom(tmp_path / "fine.csv", [
            ["Kettle BOM"], ["level", "name", "mass", "material", "Vendor", "parent"],
            ["0", "Kettle", "", "", "", ""], ["1", "Body", "2 kg", "pp", "ACME", ""],
            ["2", "Shell", "1", "pp", "", ""]])
        result = import_bom(fine)
        texts += problems_texts("warning", result.warnings)
        with pytest.raises(GreenDesignError) as excinfo:
            export_bom(Product(name="x", functional_unit="y", service_life_years=1,
                               bom=result.nodes), tmp_path / "bom.txt")
        texts += error_texts("export", excinfo.value)
        with pytest.raises(GreenDesignError) as excinfo:
            save_project(load_project(DEMOS[0]), tmp_path / "missing-folder" / "x.gdproj")
        texts += error_texts("save", excinfo.value)
    assert len(result.warnings) == 6
    assert len(texts) > 60
    assert untranslated(texts, BOM_DATA + ["ACME", "N" * 201]) == []


def test_a_damaged_project_file_is_reported_in_chinese(tmp_path, small_project):
    text = dumps_project(small_project)
    body = text.rstrip()  # a cut through the closing brace, not the white space after it
    damaged = {f"cut at {cut}": text[:cut] for cut in range(7, len(body), len(body) // 12)}
    values = json.loads(text)

    def life(written: str) -> str:  # the file with the service life written so
        changed = json.loads(text)
        changed["product"]["service_life_years"] = "@life@"
        return json.dumps(changed).replace('"@life@"', written)

    damaged.update({
        "extra data": text + "}",
        "trailing comma": text.replace('"product": {', '"product": {,', 1),
        "NaN": life("NaN"), "long number": life("9" * 5000), "bad values": life("-1"),
        "schema 2 with evidence": json.dumps({**values, "schema_version": 2}),
        "schema 1 without parts": json.dumps({**values, "schema_version": 1,
                                              "product": {"parts": 3}}),
    })
    assert all(body != text for body in damaged.values())
    texts: list[tuple[str, str]] = []
    reasons = set()
    with language("zh_CN"):
        for name, body in damaged.items():
            path = tmp_path / f"{name.replace(' ', '-')}.gdproj"
            path.write_text(body, encoding="utf-8")
            with pytest.raises(GreenDesignError) as excinfo:
                load_project(path)
            with language("en"), pytest.raises(type(excinfo.value)):
                load_project(path)  # the same error in English
            texts += error_texts(name, excinfo.value)
            reasons.add(excinfo.value.message.replace(str(path), "")[:8])
    assert len(reasons) >= 6  # several kinds of damage, each with its own message
    assert untranslated(texts, project_data(small_project)) == []


# --- the command line ------------------------------------------------------------------------

def test_the_command_line_speaks_chinese_with_lang(capsys, tmp_path, method_names):
    from greendesign.cli import main

    kettle = next(p for p in DEMOS if p.stem == "electric_kettle")
    project = load_project(kettle)
    runs = [
        ["--lang", "zh_CN", "validate", "--help"], ["--lang=zh_CN", "assess", "--help"],
        ["--lang", "zh_CN", "inventory", "import", "--help"],
        ["--lang", "zh_CN", "validate", str(kettle)],
        ["--lang", "zh_CN", "validate", "--strict", str(kettle)],
        ["--lang", "zh_CN", "assess", str(kettle), "--variant", "pp-body"],
        ["--lang", "zh_CN", "score", str(kettle), "--no-lca"],
        ["--lang", "zh_CN", "validate", str(tmp_path / "missing.gdproj")],
        ["--lang", "zh_CN", "assess", str(kettle), "--method", "IPCC 2021|nope"],
        ["--lang", "zh_CN", "assess", str(kettle), "--variant", "nope"],
        ["--lang", "zh_CN", "inventory", "databases"],
        ["--lang", "zh_CN", "convert"],
    ]
    texts = []
    for argv in runs:
        try:
            code = main(argv)
        except SystemExit as exc:  # --help and argparse's own errors
            code = exc.code
        out = capsys.readouterr()
        texts += [(" ".join(argv), out.out), (" ".join(argv) + " (stderr)", out.err)]
        assert code in (0, 2), (argv, out)
        assert i18n.current_language() == "en"  # the process keeps its language
    joined = "".join(t for _w, t in texts)
    for chinese in ("用法：", "检查项目文件", "功能单位", "仅基于温室气体数据", "没有清单数据",
                    "绿色设计指数", "错误：", "缺少以下必需参数"):
        assert chinese in joined, chinese
    programs = ["greendesign-cli inventory import"]  # the usage line names the command
    assert untranslated([t for t in texts if t[1]],
                        project_data(project) + method_names + programs) == []


def test_the_language_comes_from_lang_then_the_setting_then_the_system(monkeypatch, tmp_path):
    from greendesign.cli import choose_language
    from greendesign.settings import AppSettings, save_settings

    monkeypatch.setenv("GREENDESIGN_HOME", str(tmp_path / "home"))  # its own settings file
    try:
        monkeypatch.setenv("LANGUAGE", "zh_CN.UTF-8")
        assert choose_language(["validate", "x.gdproj"]) == "zh_CN"  # the system's
        save_settings(AppSettings(language="en"))
        assert choose_language(["validate", "x.gdproj"]) == "en"     # the setting wins
        assert choose_language(["--lang", "zh_CN", "validate", "x"]) == "zh_CN"
        assert choose_language(["--lang=en", "validate", "x"]) == "en"
        # a --lang after the command is the command's (none has one): not the global option
        assert choose_language(["validate", "--lang", "zh_CN"]) == "en"
    finally:
        i18n.set_language("en")


# --- the check itself, and threads ----------------------------------------------------------

def test_the_check_fails_on_a_message_without_its_chinese(monkeypatch):
    """Take one translation out of the catalogue: the same operation now fails the check,
    as a message someone forgot to wrap in ``_()`` would."""

    def attempt() -> list[tuple[str, str]]:
        with language("zh_CN"), pytest.raises(GreenDesignError) as excinfo:
            Part(id="P1", name="Lid", name_zh="盖子", mass_kg=-1, material="pp")
        return error_texts("part", excinfo.value)

    assert untranslated(attempt(), ["Lid"]) == []
    catalogue = i18n.translations("zh_CN")
    forgotten = "Input should be greater than {gt}"

    class WithoutOne:
        def gettext(self, message):
            return message if message == forgotten else catalogue.gettext(message)

        def ngettext(self, singular, plural, count):
            return catalogue.ngettext(singular, plural, count)

    monkeypatch.setattr(i18n, "translations", lambda code: WithoutOne())
    found = untranslated(attempt(), ["Lid"])
    assert found and "Input should be greater than" in found[0]
    # and a sentence never marked for translation at all
    assert english_sentences("零件 'P1'：the mass must be positive")
    assert english_sentences("Inventory ready")
    assert not english_sentences("清单数据库就绪：98 种生命周期影响评价方法，IPCC 2021")


def test_worker_threads_speak_the_language_of_the_process():
    """The app sets the language once for the process; its worker threads (the LCA
    service, the suggestions, the inventory set-up) produce messages in it."""
    seen = {}

    def work(key: str) -> None:
        seen[key] = i18n._("Inventory ready")

    try:
        i18n.set_language("zh_CN")
        worker = threading.Thread(target=work, args=("process",))
        worker.start()
        worker.join()
    finally:
        i18n.set_language("en")
    with language("zh_CN"):  # a block's language stays in its own thread
        worker = threading.Thread(target=work, args=("block",))
        worker.start()
        worker.join()
    assert seen == {"process": "清单数据库就绪", "block": "Inventory ready"}
