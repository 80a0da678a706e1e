"""The bundled inventory's numbers: USLCI unit processes and the catalogue datasets.

Two layers, both plain CSV in ``lca_data/`` (see ``lca_data/datasets/README.md``):

``lca_data/uslci/``
    The USLCI database (FY2018 release, U.S. Federal LCA Commons, public
    domain), extracted by ``lca_data/build/extract_uslci.py``: one activity per
    product, normalised to one unit, elementary flows linked to biosphere3 by
    code.
``lca_data/uslci_fy21/``
    What the USLCI FY2021 release adds to FY2018 (extracted by
    ``lca_data/build/extract_uslci_fy21.py``), linked to its own activities and,
    where FY2018 has the product, to the FY2018 activity (exchange kind
    ``technosphere_fy18``); recipes name it with ``uslci21:``.
``lca_data/datasets/``
    One dataset per catalogue code (material, process, transport, end-of-life
    treatment, electricity supply). ``recipes.csv`` gives its inputs per unit:
    USLCI activities (``uslci:``), other datasets (``gd:``), published GHG-only
    factors (``gwp:`` from ``factors/published_gwp.csv``) and grid emission
    factors (``grid:`` from ``factors/grid_factors.csv``), elementary flows of
    biosphere3 (``bio:<name>|<compartment>|<subcompartment>``, e.g. the CO2 of
    burning a plastic) and ``none:`` for a dataset whose burden is knowingly
    counted elsewhere (its note says where). Electricity a process
    uses in the factory (``gd:electricity_factory``) is not written as an
    exchange: it is kept as :attr:`Dataset.factory_kwh`, and the lifecycle
    model supplies it from the product's chosen grid and green-power share.

This module reads and checks both layers without Brightway;
:mod:`greendesign.inventory.bw_databases` writes them into Brightway.
Run ``python -m greendesign.inventory.datasets --check`` to check the files.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from greendesign.bundled import lca_data_dir
from greendesign.errors import GreenDesignError, Problem
from greendesign.i18n import _, ngettext, pick
from greendesign.inventory import reference_data
from greendesign.inventory.catalogue import load_bundled_catalogue
from greendesign.inventory.csv_tables import TableRow, read_table
from greendesign.inventory.regional import split_regional

USLCI_DB = "uslci-fy18"
USLCI21_DB = "uslci-fy21"
#: recipe prefix -> (lca_data folder, Brightway database) of the USLCI releases
USLCI_RELEASES = {"uslci": ("uslci", USLCI_DB), "uslci21": ("uslci_fy21", USLCI21_DB)}
GREENDESIGN_DB = "greendesign-lci"
FACTORY_ELECTRICITY = "electricity_factory"
#: The elementary flow GHG-only factors are written as (biosphere3 name, categories).
GHG_ONLY_FLOW = ("Carbon dioxide, fossil", ("air",))
#: Version of the way the datasets are written into Brightway; part of the data version,
#: so a change of the writer re-installs the databases.
WRITER_VERSION = 4
PREFIXES = ("uslci", "uslci21", "gd", "gwp", "grid", "bio", "none")

ACTIVITY_COLUMNS = ("id", "name", "process_id", "product", "unit", "location", "year",
                    "category", "generator", "sources", "allocation")
EXCHANGE_COLUMNS = ("activity", "kind", "input", "amount")
DATASET_COLUMNS = ("code", "unit", "source", "year", "geography", "pedigree", "proxy",
                   "proxy_zh", "note")
RECIPE_COLUMNS = ("code", "input", "amount", "note")
MISSING_COLUMNS = ("code", "reason", "reason_zh", "remedy", "remedy_zh")
CARBON_COLUMNS = ("code", "fossil_carbon", "biogenic_carbon", "basis", "source", "year",
                  "geography", "pedigree", "note")


class InventoryDataError(GreenDesignError):
    """A file of the bundled inventory is inconsistent."""


@dataclass(frozen=True)
class UslciActivity:
    id: str
    name: str
    product: str
    unit: str
    location: str
    year: str
    category: str
    generator: str
    sources: str
    allocation: str


@dataclass(frozen=True)
class Uslci:
    activities: dict[str, UslciActivity]
    by_name: dict[str, str]
    #: (activity id, kind "technosphere"|"technosphere_fy18"|"biosphere", input id (of
    #: this release, or of FY2018 for "technosphere_fy18") or biosphere3 code, amount)
    exchanges: tuple[tuple[str, str, str, float], ...]


@dataclass(frozen=True)
class RecipeLine:
    prefix: str
    target: str
    amount: float
    note: str
    row: int


@dataclass
class Dataset:
    code: str
    unit: str
    source: str
    year: str
    geography: str
    pedigree: tuple[int, int, int, int, int]
    proxy: str
    note: str
    lines: list[RecipeLine] = field(default_factory=list)
    #: the proxy note in Chinese (empty when the dataset is no proxy)
    proxy_zh: str = ""
    #: kWh of factory electricity per unit, through ``gd:`` inputs too
    factory_kwh: float = 0.0
    #: codes of the published factors this dataset rests on (directly or via ``gd:``)
    ghg_only_sources: tuple[str, ...] = ()
    #: every input is a GHG-only factor, directly or through ``gd:`` datasets that are
    #: GHG-only themselves (set when the recipes are resolved)
    all_ghg_only: bool = False

    @property
    def ghg_only(self) -> bool:
        """True when every input is a GHG-only factor (no other category is covered)."""
        return self.all_ghg_only


def _read(path: Path, columns: tuple[str, ...], strip: bool = True) -> list[TableRow]:
    """The rows of an inventory file; raises :class:`InventoryDataError` if it is unreadable."""
    problems: list[Problem] = []
    rows = read_table(path, columns, problems, name=f"{path.parent.name}/{path.name}",
                      strip=strip)
    if problems:
        raise InventoryDataError(_("The inventory file {file} is missing or malformed.").format(
            file=path), problems=problems[:20],
            hint=_("Reinstall GreenDesign; lca_data is part of it."))
    return rows


def data_version(root: Path | None = None) -> str:
    """Hash of every file the installed inventory databases are built from."""
    root = root or lca_data_dir()
    digest = hashlib.sha256(f"writer {WRITER_VERSION}".encode())
    for sub in ("uslci", "uslci_fy21", "datasets", "factors", "properties", "end_of_life"):
        for path in sorted((root / sub).glob("*.csv")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def load_uslci(root: Path | None = None, folder: str = "uslci") -> Uslci:
    """A USLCI release of ``lca_data/<folder>/`` (``uslci``: FY2018, ``uslci_fy21``)."""
    root = root or lca_data_dir()
    fy18 = load_uslci(root) if folder != "uslci" else None
    activities = {}
    # the USLCI texts are copied into Brightway exactly as extracted
    for row in _read(root / folder / "activities.csv", ACTIVITY_COLUMNS, strip=False):
        act = UslciActivity(**{k: row.values[k] for k in UslciActivity.__dataclass_fields__})
        activities[act.id] = act
    by_name: dict[str, str] = {}
    for act in activities.values():
        by_name.setdefault(act.name, act.id)
    exchanges = []
    problems = []
    path = root / folder / "exchanges.csv"
    providers = {"technosphere": activities, "biosphere": None}
    if fy18 is not None:
        providers["technosphere_fy18"] = fy18.activities
    for i, row in ((r.number, r.values) for r in _read(path, EXCHANGE_COLUMNS, strip=False)):
        amount = float(row["amount"])
        known = providers.get(row["kind"], {})
        if row["activity"] not in activities or not math.isfinite(amount) or (
                known is not None and row["input"] not in known):
            problems.append(Problem(_("exchange does not resolve: {row}").format(row=row),
                                    location=str(path), row=i))
            continue
        exchanges.append((row["activity"], row["kind"], row["input"], amount))
    if problems:
        raise InventoryDataError(ngettext("{count} USLCI exchange is broken.",
                                          "{count} USLCI exchanges are broken.",
                                          len(problems)).format(count=len(problems)),
                                 problems=problems[:20],
                                 hint=_("Run the extraction script of lca_data/build/ for "
                                        "{folder} again.").format(folder=folder))
    return Uslci(activities, by_name, tuple(exchanges))


def _pedigree(text: str) -> tuple[int, int, int, int, int]:
    parts = [int(p) for p in text.replace(",", ";").split(";") if p.strip()]
    if len(parts) != 5 or not all(1 <= p <= 5 for p in parts):
        raise ValueError(_("pedigree must be five integers 1-5 separated by ';', got "
                           "{text!r}").format(text=text))
    return tuple(parts)  # type: ignore[return-value]


@functools.cache
def load_datasets(root: Path | None = None) -> dict[str, Dataset]:
    """Every catalogue dataset with its recipe, checked; raises on any problem."""
    datasets, problems = _load(root or lca_data_dir())
    if problems:
        raise InventoryDataError(
            ngettext("The bundled inventory has {count} problem.",
                     "The bundled inventory has {count} problems.", len(problems)).format(
                count=len(problems)), problems=problems,
            hint=_("Fix the named rows in lca_data/datasets/ (python -m "
                   "greendesign.inventory.datasets --check lists them all)."))
    return datasets


def table_files(folder: Path, stem: str) -> list[Path]:
    """``<stem>.csv`` and then every ``<stem>_<topic>.csv`` of ``folder``, sorted by name.

    The datasets and their recipes may be split by topic (``datasets_china_grids.csv``
    beside ``datasets.csv``); all files of one kind form one table.
    """
    main = folder / f"{stem}.csv"
    return [main] + sorted(folder.glob(f"{stem}_*.csv"))


def _dataset_rows(root: Path):
    for path in table_files(root / "datasets", "datasets"):
        for row in _read(path, DATASET_COLUMNS):
            yield path, row.number, row.values


def _recipe_rows(root: Path):
    for path in table_files(root / "datasets", "recipes"):
        for row in _read(path, RECIPE_COLUMNS):
            yield path, row.number, row.values


def _load(root: Path) -> tuple[dict[str, Dataset], list[Problem]]:
    problems: list[Problem] = []
    datasets: dict[str, Dataset] = {}
    regional: dict[str, dict] = {}  # regional code -> where its row is
    for ds_path, i, row in _dataset_rows(root):
        code = (row.get("code") or "").strip()
        where = {"location": str(ds_path), "row": i}
        if not code or code in datasets:
            problems.append(Problem(_("empty or repeated code {code!r}").format(code=code),
                                    **where, field="code"))
            continue
        if "@" in code:
            regional[code] = where
        for col in ("unit", "source", "year", "geography"):
            if not (row.get(col) or "").strip():
                problems.append(Problem(_("{code}: {column} is empty").format(code=code,
                                                                               column=col),
                                        **where, field=col,
                                        hint=_("Every dataset names its source, year and "
                                               "geography.")))
        try:
            pedigree = _pedigree(row.get("pedigree") or "")
        except ValueError as exc:
            problems.append(Problem(_("{code}: {reason}").format(code=code, reason=exc),
                                    **where, field="pedigree"))
            pedigree = (5, 5, 5, 5, 5)
        datasets[code] = Dataset(code, row["unit"].strip(), row["source"].strip(),
                                 row["year"].strip(), row["geography"].strip(), pedigree,
                                 (row.get("proxy") or "").strip(),
                                 (row.get("note") or "").strip(),
                                 proxy_zh=(row.get("proxy_zh") or "").strip())
    problems.extend(_regional_problems(datasets, regional))
    releases = {prefix: load_uslci(root, folder)
                for prefix, (folder, _db) in USLCI_RELEASES.items()}
    gwp = reference_data.read_published_gwp(root)
    grid = reference_data.read_grid_factors(root)
    rc_path = root / "datasets" / "recipes.csv"
    recipe_file: dict[str, Path] = {}
    for path, i, row in _recipe_rows(root):
        where = {"location": str(path), "row": i}
        code = (row.get("code") or "").strip()
        recipe_file.setdefault(code, path)
        ref = (row.get("input") or "").strip()
        prefix, _colon, target = ref.partition(":")
        target = target.strip()
        if code not in datasets:
            problems.append(Problem(_("recipe for unknown dataset {code!r}").format(code=code),
                                    **where, field="code",
                                    hint=_("Add it to datasets.csv first.")))
            continue
        try:
            amount = float(row.get("amount") or "")
        except ValueError:
            amount = math.nan
        if not math.isfinite(amount) or amount == 0:
            problems.append(Problem(_("{code}: amount {amount!r} is not a non-zero "
                                      "number").format(code=code, amount=row.get("amount")),
                                    **where, field="amount"))
            continue
        known = {
            **{p: (lambda t, r=r: t in r.by_name) for p, r in releases.items()},
            "gd": lambda t: t in datasets or t == FACTORY_ELECTRICITY,
            "gwp": lambda t: t in gwp,
            "grid": lambda t: t in grid,
            "bio": lambda t: bool(t.split("|")[0].strip()) and len(t.split("|")) >= 2,
            "none": lambda t: True,
        }
        if prefix not in known:
            problems.append(Problem(_("{code}: input {input!r} must start with one of "
                                      "{prefixes}").format(
                code=code, input=ref, prefixes=", ".join(p + ":" for p in PREFIXES)),
                **where, field="input"))
            continue
        if prefix != "gd" and not known[prefix](target):
            problems.append(Problem(_("{code}: {prefix} input {input!r} does not exist").format(
                code=code, prefix=prefix, input=target), **where, field="input",
                hint=_("Copy the exact name from lca_data/uslci/activities.csv or the code "
                       "from lca_data/factors/.")))
            continue
        datasets[code].lines.append(RecipeLine(prefix, target, amount,
                                               (row.get("note") or "").strip(), i))
    for ds in datasets.values():
        for line in ds.lines:
            if line.prefix == "gd" and not (line.target in datasets
                                            or line.target == FACTORY_ELECTRICITY):
                problems.append(Problem(_("{code}: gd input {input!r} does not exist").format(
                    code=ds.code, input=line.target),
                    location=str(recipe_file.get(ds.code, rc_path)), row=line.row,
                    field="input"))
        if not ds.lines:
            problems.append(Problem(_("{code}: the dataset has no recipe lines (use none: with "
                                      "a note when its burden is counted elsewhere)").format(
                code=ds.code), location=str(rc_path), field="code"))
    problems.extend(_resolve_chains(datasets, gwp, grid, rc_path))
    return datasets, problems


def _regional_problems(datasets: dict[str, Dataset], regional: dict[str, dict]) -> list[Problem]:
    """A regional dataset (``<code>@CN``) must belong to a catalogue code and, where that
    code has a dataset, be measured in the same unit."""
    problems = []
    catalogue = load_bundled_catalogue()
    for code, where in regional.items():
        base, region = split_regional(code)
        if not region or catalogue.dataset_entry(base) is None:
            problems.append(Problem(_("{code}: a regional dataset code is <catalogue "
                                      "code>@<country>, and {base!r} is not a catalogue "
                                      "code").format(code=code, base=base), **where,
                                    field="code",
                                    hint=_("Write the material's catalogue code and the "
                                           "two-letter country: aluminium_primary_ingot@CN.")))
        elif base in datasets and datasets[base].unit != datasets[code].unit:
            problems.append(Problem(_("{code}: unit {unit} differs from the unit {base_unit} of "
                                      "{base}").format(code=code, unit=datasets[code].unit,
                                                       base_unit=datasets[base].unit, base=base),
                                    **where, field="unit",
                                    hint=_("A regional dataset is measured like its catalogue "
                                           "code.")))
    return problems


def _resolve_chains(datasets: dict[str, Dataset], gwp, grid, rc_path: Path) -> list[Problem]:
    """Propagate factory electricity and GHG-only sources through ``gd:`` inputs."""
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(code: str, trail: tuple[str, ...]) -> None:
        if state.get(code) == 2:
            return
        if state.get(code) == 1:
            problems.append(Problem(_("gd: inputs form a cycle: {cycle}").format(
                cycle=" -> ".join(trail + (code,))), location=str(rc_path), field="input"))
            return
        state[code] = 1
        ds = datasets[code]
        kwh = 0.0
        sources: set[str] = set()
        for line in ds.lines:
            if line.prefix == "gd" and line.target == FACTORY_ELECTRICITY:
                kwh += line.amount
            elif line.prefix == "gd" and line.target in datasets:
                visit(line.target, trail + (code,))
                child = datasets[line.target]
                kwh += line.amount * child.factory_kwh
                sources.update(child.ghg_only_sources)
            elif line.prefix == "gwp":
                sources.add(f"gwp:{line.target}")
            elif line.prefix == "grid":
                sources.add(f"grid:{line.target}")
        ds.factory_kwh = kwh
        ds.ghg_only_sources = tuple(sorted(sources))
        data = [line for line in ds.lines
                if not (line.prefix == "gd" and line.target == FACTORY_ELECTRICITY)]
        ds.all_ghg_only = bool(data) and all(
            line.prefix in ("gwp", "grid") or (
                line.prefix == "gd" and line.target in datasets
                and datasets[line.target].all_ghg_only) for line in data)
        state[code] = 2

    for code in list(datasets):
        visit(code, ())
    return problems


def ghg_only_amount(line: RecipeLine, gwp, grid) -> float:
    """kg CO2(-eq) a ``gwp:`` or ``grid:`` line stands for."""
    if line.prefix == "gwp":
        return line.amount * gwp[line.target].gwp_kgco2e
    return line.amount * grid[line.target].kgco2_per_kwh


@functools.cache
def load_carbon_content(root: Path | None = None) -> dict[str, tuple[float, float]]:
    """Material code -> (fossil, biogenic) carbon mass fraction (``properties/carbon_content.csv``).

    Used for the CO2 of burning a material at end of life. Missing file: empty.
    """
    path = (root or lca_data_dir()) / "properties" / "carbon_content.csv"
    if not path.is_file():
        return {}
    out = {}
    problems = []
    for i, row in ((r.number, r.values) for r in _read(path, CARBON_COLUMNS)):
        try:
            fossil = float(row.get("fossil_carbon") or 0)
            biogenic = float(row.get("biogenic_carbon") or 0)
        except ValueError:
            fossil = biogenic = math.nan
        if not (0 <= fossil <= 1 and 0 <= biogenic <= 1 and fossil + biogenic <= 1):
            problems.append(Problem(_("carbon fractions of {code!r} must be numbers in 0-1 "
                                      "that add up to at most 1").format(code=row.get("code")),
                                    location=str(path), row=i, field="fossil_carbon"))
            continue
        if not (row.get("source") or row.get("basis")):
            problems.append(Problem(_("{code!r}: no source or basis").format(
                code=row.get("code")), location=str(path), row=i, field="source"))
            continue
        out[row["code"].strip()] = (fossil, biogenic)
    if problems:
        raise InventoryDataError(_("The carbon content file has problems."),
                                 problems=problems)
    return out


def catalogue_codes_without_data(datasets: Iterable[str]) -> list[str]:
    """Bundled catalogue entries the inventory does not (yet) cover."""
    cat = load_bundled_catalogue()
    have = set(datasets)
    wanted = []
    for entry in cat.entries():
        kind = entry.kind
        if kind in ("material", "process") or kind in ("transport", "landfill", "incineration",
                                                       "pretreatment", "recycling", "credit"):
            wanted.append(entry.code)
        elif kind in ("grid", "renewable"):
            wanted.append(f"electricity_{entry.code}")
    return sorted(code for code in wanted if code not in have)


@dataclass(frozen=True)
class MissingData:
    """Why a catalogue code has no dataset and what the user can do
    (``lca_data/datasets/missing.csv``)."""

    code: str
    reason: str
    reason_zh: str
    remedy: str
    remedy_zh: str

    def __str__(self) -> str:
        return _("why: {reason}; what you can do: {remedy}").format(
            reason=pick(self.reason, self.reason_zh), remedy=pick(self.remedy, self.remedy_zh))


@functools.cache
def load_missing(root: Path | None = None) -> dict[str, MissingData]:
    """Code -> why it has no dataset, from ``datasets/missing.csv`` (no file: empty)."""
    path = (root or lca_data_dir()) / "datasets" / "missing.csv"
    if not path.is_file():
        return {}
    rows = (row.values for row in _read(path, MISSING_COLUMNS))
    return {row["code"]: MissingData(*(row.get(c) or "" for c in MISSING_COLUMNS))
            for row in rows if row.get("code")}


def missing_note(code: str) -> str:
    """Why ``code`` has no inventory data and what to do, in the current language; empty
    when the code has a dataset or ``missing.csv`` does not name it."""
    entry = load_missing().get(code)
    return str(entry) if entry and code not in load_datasets() else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m greendesign.inventory.datasets",
                                     description="Check the bundled inventory files.")
    parser.add_argument("--check", action="store_true", help="check and summarise")
    parser.parse_args(argv)
    root = lca_data_dir()
    datasets, problems = _load(root)
    for folder, _db in USLCI_RELEASES.values():
        uslci = load_uslci(root, folder)
        print(f"USLCI ({folder}): {len(uslci.activities)} activities, "
              f"{len(uslci.exchanges)} exchanges")
    regions: dict[str, int] = {}
    for code in datasets:
        region = split_regional(code)[1]
        if region:
            regions[region] = regions.get(region, 0) + 1
    print(f"datasets: {len(datasets)}; GHG-only: "
          f"{sum(1 for d in datasets.values() if d.ghg_only)}; "
          f"with factory electricity: {sum(1 for d in datasets.values() if d.factory_kwh)}")
    if regions:
        print("regional datasets (<code>@<country>): " + ", ".join(
            f"{region} {count}" for region, count in sorted(regions.items())))
    try:
        missing = catalogue_codes_without_data(datasets)
    except Exception as exc:  # noqa: BLE001 - a summary line, never fatal here
        missing = [f"(catalogue not readable: {exc})"]
    if missing:
        print(f"{len(missing)} catalogue code(s) without a dataset: {', '.join(missing)}")
    explained = load_missing(root)
    if silent := [code for code in missing if code not in explained]:
        print(f"  without a reason in datasets/missing.csv: {', '.join(silent)}")
    if stale := sorted(code for code in explained if code in datasets):
        print(f"  datasets/missing.csv rows of codes that have a dataset now: {', '.join(stale)}")
    for problem in problems:
        print(f"  - {problem}")
    print("OK" if not problems and not missing else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
