"""What a batch worker runs: load, assess and score the designs of one chunk.

A chunk is a list of :class:`Item`; each gives back its rows of the results table
(columns of plain values; the client stores a chunk's rows as one Parquet file) or its
error, so that one bad file never stops the others. The product is loaded here, on the worker, from the bytes
of its files sent with the item: the workers need no access to the client's folders, and
the parsing of the files runs in parallel like the assessments.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from greendesign.errors import GreenDesignError
from greendesign.i18n import _

#: Columns of the results table, in order (one row per product x variant x method).
STAGE_COLUMNS = ("raw_materials", "manufacturing", "distribution", "use", "end_of_life")
COLUMNS = ("file", "product", "variant", "input_hash", "method", "unit", "total", "per_year",
           *STAGE_COLUMNS, "credits_beyond_boundary", "service_life_years",
           "excluded_mass_share", "mass_kg", "green_design_index", "mci", "data_version")


@dataclass
class Item:
    """One design to compute: a ready product, or a file's name and bytes."""

    key: str                                  # the input hash
    file: str
    variant: str = "baseline"
    product_json: bytes | None = None         # a ready product as JSON
    name: str = ""                            # file name (keeps the suffix)
    data: bytes = b""
    scenario_name: str = ""
    scenario_data: bytes = b""
    service_life_years: float | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    where: str = ""


@dataclass
class Options:
    methods: list[tuple[str, ...]]
    allow_gaps: bool = True
    score: bool = True
    packs: bool = False
    pack_methods: tuple[tuple[str, ...], ...] = ()


@dataclass
class Outcome:
    key: str
    columns: dict[str, list] | None = None    # its rows of the results table
    pack: bytes | None = None                 # evidence pack zip
    error: str | None = None
    detail: str = ""


def compute_chunk(items: list[Item], bg, options: Options) -> list[Outcome]:
    """Every item of a chunk (module docstring); never raises for one item's error."""
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="gd-batch-") as tmp:
        for item in items:
            try:
                outcomes.append(compute_item(item, bg, options, Path(tmp)))
            except GreenDesignError as exc:  # the message names the file as the client has it
                outcomes.append(Outcome(item.key, error=str(exc).replace(tmp + os.sep, "")))
            except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not fatal
                outcomes.append(Outcome(item.key, error=f"{type(exc).__name__}: {exc}",
                                        detail=traceback.format_exc(limit=6)))
    return outcomes


def warm_up() -> None:
    """Load on a worker what every design needs (modules, the inventory's tables, the
    product model's validators), so that a cluster's first run is as fast as the next."""
    from greendesign.lca.lifecycle import build_model  # deferred: loads pandas and tables
    from greendesign.model import Part, Product

    product = Product(name="warm-up", functional_unit="-", service_life_years=1.0,
                      bom=[Part(id="p1", name="p1", mass_kg=1.0, material="pp")])
    build_model(Product.model_validate_json(product.model_dump_json()), allow_gaps=True)


def _materialise(folder: Path, name: str, data: bytes) -> Path:
    path = folder / Path(name).name
    path.write_bytes(data)
    return path


def load_item(item: Item, folder: Path):
    """(project or None, product) of an item, its scenario file and overrides applied."""
    project, product = None, None
    if item.product_json is not None:
        from greendesign.model import Product  # deferred: start-up speed

        product = Product.model_validate_json(item.product_json)
    else:
        from greendesign.cli_lca import load_design  # deferred: start-up speed

        path = _materialise(folder, item.name, item.data)
        if (path.suffix.lower() != ".gdproj" and item.service_life_years is None
                and not item.scenario_name):
            raise GreenDesignError(
                _("{file} is a BOM file: the functional unit needs a service life.").format(
                    file=item.file),
                hint=_("Put {name} beside it, or give the service_life_years column of a "
                       "manifest.").format(name=Path(item.name).stem + ".scenario.json"))
        extra = {}
        if item.scenario_data or item.scenario_name:
            extra["scenario"] = _materialise(folder, item.scenario_name, item.scenario_data)
        project, product, _variant = load_design(path, item.variant, item.service_life_years,
                                                 **extra)
    overrides = dict(item.overrides)
    if item.service_life_years is not None and project is not None:
        overrides.setdefault("service_life_years", item.service_life_years)
    if overrides:
        from greendesign.io.scenario_file import apply_scenario  # deferred: start-up speed

        product = apply_scenario(product, overrides, where=item.where or item.file)
    return project, product


def project_of(project, variant: str, product):
    """(project, variant) holding ``product`` as that design (a copy when it changed)."""
    from greendesign.model import Project  # deferred: start-up speed

    if project is None:
        return Project(product=product), "baseline"
    if project.design(variant) is product:
        return project, variant
    copy = project.model_copy(deep=True)
    if variant == "baseline":
        copy.product = product
    else:
        next(v for v in copy.variants if v.name == variant).product = product
    return copy, variant


def compute_item(item: Item, bg, options: Options, folder: Path) -> Outcome:
    from greendesign.lca.engine import assess

    project, product = load_item(item, folder)
    result = assess(product, options.methods, variant=item.variant, background=bg,
                    allow_gaps=options.allow_gaps)
    scores = {"mass_kg": None, "green_design_index": None, "mci": None}
    variant = item.variant
    if options.score or options.packs:
        project, variant = project_of(project, item.variant, product)
        if options.score:
            scores = score_columns(project, variant, bg)
    rows = result_columns(item, result)
    n = len(result.methods)
    for column, value in scores.items():
        rows[column] = [value] * n
    pack = export_pack_zip(project, variant, bg, options, folder) if options.packs else None
    columns = {c: rows[c] for c in COLUMNS}
    return Outcome(item.key, columns=columns, pack=pack)


def result_columns(item: Item, result) -> dict[str, list]:
    """The rows of one result: totals, per year, stages and credits of every method."""
    import numpy as np  # deferred: loaded by the engine anyway

    from greendesign.lca.engine import method_label

    n = len(result.methods)
    stages = np.array([line.stage for line in result.model.lines], dtype=object)
    total = result.total
    columns: dict[str, list] = {
        "file": [item.file] * n, "product": [result.product] * n,
        "variant": [item.variant] * n, "input_hash": [item.key] * n,
        "method": [method_label(m) for m in result.methods], "unit": list(result.units),
        "total": total.tolist(), "per_year": (total / result.service_life_years).tolist(),
        "credits_beyond_boundary": result.credits.tolist(),
        "service_life_years": [float(result.service_life_years)] * n,
        "excluded_mass_share": [float(result.model.excluded_mass_share)] * n,
        "data_version": [str(result.bg.data_version)] * n,
    }
    for stage in STAGE_COLUMNS:  # as Result.by_stage: the lines of the stage, summed
        columns[stage] = result.scores[stages == stage].sum(axis=0).tolist()
    return columns


def score_columns(project, variant: str, bg) -> dict[str, float | None]:
    """Mass, green design index and MCI as ``greendesign-cli score`` computes them."""
    from greendesign.cli_lca import material_gwp_lookup  # deferred: start-up speed
    from greendesign.scoring.report import score_json

    data = score_json(project, variant, material_gwp_lookup(bg), suggestions=False)
    return {"mass_kg": data["mass_kg"], "green_design_index": data["green_design_index"]["index"],
            "mci": data["mci"]}


def export_pack_zip(project, variant: str, bg, options: Options, folder: Path) -> bytes | None:
    """The evidence pack of the design as zip bytes (written on the worker, sent back)."""
    from greendesign.report.pack import export_pack  # deferred: loads the pack writers
    from greendesign.report.pack_data import ExportOptions

    target = folder / "pack"
    target.mkdir(exist_ok=True)
    pack = export_pack(project, target, ExportOptions(designs=(variant,),
                                                      methods=options.pack_methods, zip=True),
                       background=bg)
    data = pack.zip_path.read_bytes() if pack.zip_path is not None else None
    shutil.rmtree(target, ignore_errors=True)
    return data
