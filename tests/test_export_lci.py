"""The life-cycle model exported to Brightway, Excel and openLCA JSON-LD, read back and solved.

Each export of the kettle demo is read back with the library that reads that format and its
cradle-to-grave IPCC 2021 GWP100 computed again, to be compared with the app's fast path:

- the Brightway project: opened in its own process (``BRIGHTWAY2_DIR`` = the test's folder),
  ``bw2calc.LCA`` on the product activity;
- the workbook: ``bw2io.ExcelImporter`` into a scratch database of that exported project,
  linked to its background, solved the same way;
- the JSON-LD zip: read with olca-schema's ``ZipReader`` and solved here by a matrix solve of
  its exchanges (numpy/scipy, no Brightway), with the IPCC factors of bw2data's method looked
  up by the flows' UUIDs (the biosphere3 codes).

Tolerance: Brightway keeps amounts in its processed matrices as float32 (about 6e-8 relative
each). The app's fast path applies its float64 foreground to those float32 background
matrices; the exported foreground is float32 in Brightway too, and the JSON-LD carries the
float64 amounts of the inventory's tables. Either way the two results differ by the rounding
of some amounts to float32, so they are held to 1e-5 relative (the differences measured are
from 2e-10 to 5e-8 for the kettle).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.lca import export_jsonld, export_lci
from greendesign.lca.engine import GWP100, assess
from greendesign.lca.export_lci import CREDIT, PRODUCT_CODE, ExportError
from greendesign.lca.lifecycle import Line, build_model

pytestmark = pytest.mark.inventory  # the installed inventory as the app home

RTOL = 1e-5
PROJECT = "kettle export"


@pytest.fixture(scope="module")
def kettle(bg):
    path = next(p for p in demo_products() if "kettle" in p.stem)
    product = load_project(path).design("baseline")
    model = build_model(product, allow_gaps=True)
    result = assess(product, [GWP100], background=bg, model=model)
    return product, model, float(result.total[0]), float(result.credits[0])


@pytest.fixture(scope="module")
def exported(kettle, tmp_path_factory):
    """The kettle exported to each target once for the module."""
    product, model, *_ = kettle
    folder = tmp_path_factory.mktemp("export")
    base = folder / "brightway"
    results = {
        "brightway": export_lci.export_brightway(product, PROJECT, base_dir=base, model=model),
        "excel": export_lci.export_excel(product, folder / "kettle.xlsx", model=model),
        "jsonld": export_jsonld.export_jsonld(product, folder / "kettle.zip", model=model),
    }
    return folder, base, results


READ_BACK = r"""
import contextlib, json, sys
with contextlib.redirect_stdout(sys.stderr):
    import bw2calc, bw2data as bd, bw2io
project, database, workbook, method = sys.argv[1], sys.argv[2], sys.argv[3], tuple(json.loads(sys.argv[4]))
out = {"projects": sorted(p.name for p in bd.projects)}
bd.projects.set_current(project)
out["databases"] = sorted(bd.databases)
out["methods"] = len(bd.methods)

def score(db, code):
    lca = bw2calc.LCA({bd.get_node(database=db, code=code): 1}, method=method)
    lca.lci()
    lca.lcia()
    return float(lca.score)

out["brightway"] = score(database, "product")
out["brightway_credits"] = score(database, "credits_beyond_boundary")
out["activities"] = len(bd.Database(database))
with contextlib.redirect_stdout(sys.stderr):
    importer = bw2io.ExcelImporter(workbook)
    out["excel_name"] = importer.db_name
    importer.db_name = "excel-check"  # a scratch database beside the exported one
    for ds in importer.data:
        ds["database"] = "excel-check"
    importer.apply_strategies()
    out["excel_unlinked"] = sum(1 for ds in importer.data for e in ds["exchanges"]
                                if not e.get("input"))
    importer.write_database()
out["excel"] = score("excel-check", "product")
out["excel_credits"] = score("excel-check", "credits_beyond_boundary")
out["excel_activities"] = len(bd.Database("excel-check"))
del bd.databases["excel-check"]
print(json.dumps(out))
"""


def _in_base(base: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRIGHTWAY2_DIR": str(base)}
    return subprocess.run([sys.executable, "-c", *args], env=env, capture_output=True,
                          text=True, check=False)


@pytest.fixture(scope="module")
def read_back(exported):
    folder, base, results = exported
    proc = _in_base(base, READ_BACK, PROJECT, results["brightway"].database,
                    str(folder / "kettle.xlsx"), json.dumps(GWP100))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _close(value: float, expected: float) -> None:
    assert abs(value - expected) <= RTOL * abs(expected), (value, expected,
                                                          (value - expected) / expected)


def test_brightway_project_gives_the_apps_gwp(kettle, exported, read_back):
    _product, _model, total, credits = kettle
    result = exported[2]["brightway"]
    assert read_back["databases"] == sorted([result.database, *export_lci.BUNDLED])
    assert read_back["methods"] == result.methods > 0
    assert read_back["activities"] == result.activities == len(export_lci.STAGES) + 2
    _close(read_back["brightway"], total)
    _close(read_back["brightway_credits"], credits)
    # the staging project is gone; the project is registered under its name
    assert PROJECT in read_back["projects"]
    assert not [p for p in read_back["projects"] if p.startswith(".")]


def test_excel_workbook_links_and_gives_the_apps_gwp(kettle, read_back, exported):
    _product, _model, total, credits = kettle
    assert read_back["excel_name"] == exported[2]["excel"].database
    assert read_back["excel_unlinked"] == 0
    assert read_back["excel_activities"] == len(export_lci.STAGES) + 2
    _close(read_back["excel"], total)
    _close(read_back["excel_credits"], credits)


def _jsonld_scores(path: Path, factors: dict[str, float], database: str) -> dict[str, float]:
    """GWP of one unit of every process of ``database`` (its category) in the zip, by a matrix solve of its
    exchanges (openLCA's sign convention: outputs positive, inputs negative)."""
    import olca_schema as o
    from olca_schema import zipio

    with zipio.ZipReader(path) as reader:
        processes = list(reader.read_each(o.Process))
        elementary = {f.id for f in reader.read_each(o.Flow)
                      if f.flow_type == o.FlowType.ELEMENTARY_FLOW}
    index = {p.id: i for i, p in enumerate(processes)}
    flows = {code: i for i, code in enumerate(sorted(elementary))}
    a_rows, a_cols, a_vals, b_rows, b_cols, b_vals = [], [], [], [], [], []
    for j, proc in enumerate(processes):
        refs = [e for e in proc.exchanges if e.is_quantitative_reference]
        assert len(refs) == 1 and not refs[0].is_input, proc.name
        for exc in proc.exchanges:
            sign = -1.0 if exc.is_input else 1.0
            if exc.flow.id in elementary:
                b_rows.append(flows[exc.flow.id])
                b_cols.append(j)
                b_vals.append(sign * exc.amount)
            else:
                provider = j if exc.is_quantitative_reference else index[exc.default_provider.id]
                # an avoided product is an output that stands for a negative input
                a_rows.append(provider)
                a_cols.append(j)
                a_vals.append(sign * exc.amount)
    n = len(processes)
    tech = sp.csc_matrix((a_vals, (a_rows, a_cols)), shape=(n, n))
    bio = sp.csr_matrix((b_vals, (b_rows, b_cols)), shape=(len(flows), n))
    # openLCA applies a factor to the amount as Brightway does: inputs are negative in the
    # matrix, so their factors are negated too
    inputs = {e.flow.id for p in processes for e in p.exchanges
              if e.is_input and e.flow.id in elementary}
    c = np.zeros(len(flows))
    for code, i in flows.items():
        c[i] = factors.get(code, 0.0) * (-1.0 if code in inputs else 1.0)
    lu = spla.splu(tech)
    out = {}
    for proc in processes:
        if proc.category == database:
            demand = np.zeros(n)
            demand[index[proc.id]] = 1.0
            out[proc.name] = float(c @ (bio @ lu.solve(demand)))
    return out


def _gwp_factors() -> dict[str, float]:
    from greendesign.inventory.brightway_project import open_inventory

    bd = open_inventory()
    factors = {}
    for key, cf in bd.Method(GWP100).load():
        node = bd.get_node(id=key) if isinstance(key, int) else bd.get_node(
            database=key[0], code=key[1])
        factors[node["code"]] = float(cf["amount"] if isinstance(cf, dict) else cf)
    return factors


def test_jsonld_zip_solved_independently_gives_the_apps_gwp(kettle, exported):
    product, _model, total, credits = kettle
    folder, _base, results = exported
    scores = _jsonld_scores(folder / "kettle.zip", _gwp_factors(), results["jsonld"].database)
    _close(scores[product.name], total)
    _close(scores[f"{product.name}: {CREDIT}"], credits)
    assert results["jsonld"].background > 100  # the USLCI supply chains came along


def test_jsonld_zip_is_whole_and_bw2io_reads_it(exported, tmp_path):
    import olca_schema as o
    from bw2io.importers.json_ld import JSONLDImporter
    from olca_schema import zipio

    folder, _base, results = exported
    path = folder / "kettle.zip"
    with zipio.ZipReader(path) as reader:
        ids = {t: set(reader.ids_of(t)) for t in (o.Process, o.Flow, o.FlowProperty,
                                                 o.UnitGroup, o.Location, o.ProductSystem)}
        groups = {g.id: g for g in reader.read_each(o.UnitGroup)}
        units = {p.id: {u.id for u in groups[p.unit_group.id].units}
                 for p in reader.read_each(o.FlowProperty)}  # flow property -> its units
        for proc in reader.read_each(o.Process):
            assert proc.location.id in ids[o.Location]
            for exc in proc.exchanges:
                assert exc.flow.id in ids[o.Flow]
                assert exc.unit.id in units[exc.flow_property.id], (proc.name, exc.unit.name)
                if exc.default_provider is not None:
                    assert exc.default_provider.id in ids[o.Process]
        for group in groups.values():
            assert sum(u.is_ref_unit for u in group.units) == 1, group.name
        system = next(reader.read_each(o.ProductSystem))
        assert system.ref_process.id in ids[o.Process]
        assert len(system.processes) == len(ids[o.Process])
    # the elementary flows keep their biosphere3 codes as ids
    assert len(ids[o.Flow] & set(_gwp_factors())) > 3
    unpacked = tmp_path / "jsonld"
    with zipfile.ZipFile(path) as handle:
        handle.extractall(unpacked)
    importer = JSONLDImporter(unpacked, "jsonld-check")
    importer.apply_strategies()
    assert len(importer.data) >= len(ids[o.Process])


def test_an_existing_project_is_kept_unless_replaced(kettle, exported):
    product, model, *_ = kettle
    _folder, base, _results = exported
    before = _project_names(base)
    with pytest.raises(ExportError, match="exists already"):
        export_lci.export_brightway(product, PROJECT, base_dir=base, model=model)
    assert _project_names(base) == before
    again = export_lci.export_brightway(product, PROJECT, base_dir=base, model=model,
                                        replace=True)
    assert again.activities == len(export_lci.STAGES) + 2
    assert _project_names(base) == before
    assert len(_project_folders(base)) == len(before)


def _project_names(base: Path) -> list[str]:
    with sqlite3.connect(base / "projects.db") as db:
        return sorted(row[0] for row in db.execute("select name from projectdataset"))


def _project_folders(base: Path) -> list[str]:
    """The folders of projects (not Brightway's logs and bw2io's cache)."""
    return sorted(p.name for p in base.iterdir()
                  if p.is_dir() and p.name not in ("logs", "bw2io_cache_dir"))


def test_bad_targets_are_errors(kettle, tmp_path):
    from greendesign import paths

    product, model, *_ = kettle
    for name in ("", "  ", ".hidden", "two\nlines", "x" * 101):
        with pytest.raises(ExportError, match="name of a Brightway project"):
            export_lci.check_project_name(name)
    with pytest.raises(ExportError, match="own Brightway folder"):
        export_lci.export_brightway(product, "p", base_dir=paths.brightway_dir(), model=model)
    with pytest.raises(ExportError, match=r"\.xlsx"):
        export_lci.export(product, "excel", tmp_path / "kettle.zip")
    with pytest.raises(ExportError, match=r"\.zip"):
        export_lci.export(product, "jsonld", tmp_path / "kettle.json")
    with pytest.raises(ExportError, match="does not exist"):
        export_lci.export(product, "jsonld", tmp_path / "missing" / "kettle.zip")
    with pytest.raises(ExportError, match="Unknown export target"):
        export_lci.export(product, "simapro", tmp_path / "kettle.csv")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_nothing_behind(kettle, tmp_path):
    from greendesign.inventory.brightway_project import open_inventory

    product, model, *_ = kettle
    broken = build_model(product, allow_gaps=True)
    broken.lines.append(Line("use", "no_such_dataset", 1.0))
    base = tmp_path / "brightway"
    files = tmp_path / "files"
    files.mkdir()
    for target, where in (("brightway", "broken"), ("excel", files / "k.xlsx"),
                          ("jsonld", files / "k.zip")):
        with pytest.raises(ExportError, match="no dataset 'no_such_dataset'"):
            if target == "brightway":
                export_lci.export_brightway(product, where, base_dir=base, model=broken)
            else:
                (export_lci.export_excel if target == "excel" else export_jsonld.export_jsonld)(
                    product, where, model=broken)
    assert list(files.iterdir()) == []
    # the project writer itself failing (Brightway refuses the unknown input) removes its
    # staging project
    fg = export_lci.foreground(product, model=broken)
    spec = export_lci.writer_spec(open_inventory(), "broken", fg, replace=False)
    with pytest.raises(ExportError, match="could not be written"):
        export_lci.run_writer(spec, base)
    assert "broken" not in _project_names(base)
    assert not [n for n in _project_names(base) if n.startswith(".")]
    assert [f for f in _project_folders(base) if not f.startswith("default")] == []


def test_the_product_activity_is_the_sum_of_its_stages(kettle):
    product, model, *_ = kettle
    fg = export_lci.foreground(product, model=model)
    root = fg.activities[PRODUCT_CODE]
    assert [e["input"][1] for e in root["exchanges"][1:]] == list(export_lci.STAGES)
    assert CREDIT not in {e["input"][1] for e in root["exchanges"]}
    demand = export_lci.stage_demands(model)
    for stage in (*export_lci.STAGES, CREDIT):
        got = {e["input"]: e["amount"] for e in fg.activities[stage]["exchanges"][1:]}
        want = {("greendesign-lci", code): a for code, a in demand[stage].items() if a}
        assert got == want
    variant = export_lci.foreground(product, "light", model=model)
    assert variant.database == f"{product.name} / light"


def test_the_command_line_writes_and_names_what_it_wrote(tmp_path, capsys):
    from greendesign.cli import main

    demo = next(p for p in demo_products() if "kettle" in p.stem)
    out = tmp_path / "kettle light.xlsx"
    assert main(["--lang", "en", "export-lci", str(demo), "--variant", "pp-body", "--to",
                 "excel", str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith(f"Wrote {out}: Brightway Excel workbook, database ")
    assert "/ pp-body" in printed.out and "7 activities" in printed.out
    assert "has no inventory data" in printed.err  # the data gaps, as assess lists them
    assert out.is_file()
    assert main(["--lang", "en", "export-lci", str(demo), "--to", "jsonld",
                 str(tmp_path / "k.xlsx")]) == 2
    assert "Give a file name ending in .zip" in capsys.readouterr().err
    assert main(["--lang", "en", "export-lci", str(demo), "--to", "excel", str(out),
                 "--replace"]) == 2
    assert "--replace is for --to brightway only" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "export-lci", str(demo), "--to", "simapro", "x.csv"])
    assert "unknown target 'simapro'" in capsys.readouterr().err
