"""Everything an evidence pack reports, computed once from a project.

:func:`gather` runs the same calculations as the screen (the fast-path LCA of
:func:`greendesign.lca.engine.assess`, the scores of
:func:`greendesign.scoring.report.score_json`, Monte Carlo and the tornado of
:mod:`greendesign.lca.uncertainty`, the comparison of :mod:`greendesign.compare`)
and keeps the result objects in a :class:`PackData`. The PDF, the workbook, the
JSON and the charts are all written from one ``PackData``, so every number in the
pack is the same number, and ``greendesign-cli verify`` recomputes a pack by calling
:func:`gather` again on the project stored in its JSON.

The product carbon footprint (ISO 14067:2018 / GB/T 24067-2024) is the IPCC 2021
(AR6) GWP100 total, split as the standard asks: fossil, biogenic and land-use
(IPCC 2021 "climate change: fossil / biogenic / land use" GWP100 categories, whose sum
equals the total), aircraft emissions (the GWP100 of air-freight lines), and the
credits beyond the system boundary (EN 15804 module D) beside it, never in it.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from greendesign.errors import GreenDesignError
from greendesign.i18n import _
from greendesign.model.product import BASELINE, Project
from greendesign.versions import versions

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]

GWP100 = ("IPCC 2021", "climate change", "global warming potential (GWP100)")
GWP100_FOSSIL = ("IPCC 2021", "climate change: fossil", "global warming potential (GWP100)")
GWP100_BIOGENIC = ("IPCC 2021", "climate change: biogenic", "global warming potential (GWP100)")
GWP100_LAND_USE = ("IPCC 2021", "climate change: land use", "global warming potential (GWP100)")
CARBON_METHODS = (GWP100, GWP100_FOSSIL, GWP100_BIOGENIC, GWP100_LAND_USE)
"""Always assessed: the carbon footprint and its split (ISO 14067 clause 7.3)."""
AIR_FREIGHT = "air"
"""The dataset of air freight (``TransportMode.AIR``): its lines are aircraft emissions."""

LANGUAGES = ("zh_CN", "en", "both")
SECTIONS = ("cover", "declaration", "basic_information", "conformity", "lca",
            "carbon_footprint", "green_design", "comparison", "conclusions",
            "clause_matrix", "provenance", "attachments")
"""The report's sections, in order (``ExportOptions.sections`` picks some)."""


class PackError(GreenDesignError):
    """An evidence pack cannot be made, written or verified as asked."""


@dataclass(frozen=True)
class ExportOptions:
    """What a pack holds.

    Attributes
    ----------
    designs
        Baseline and variant names to report; the first is the design the pack is for,
        the others are compared with it.
    methods
        LCIA methods (``(family, category, indicator)``); empty: the project's methods,
        else the default set. The carbon footprint methods are always added.
    language
        ``"zh_CN"``, ``"en"``, or ``"both"`` (both languages in one document).
    sections
        The report sections to include (:data:`SECTIONS`).
    iterations, seed
        Monte Carlo iterations (0: none) and the seed that makes them reproducible.
    zip
        Also write the pack as a zip beside its folder.
    """

    designs: tuple[str, ...] = (BASELINE,)
    methods: tuple[tuple[str, ...], ...] = ()
    language: str = "zh_CN"
    sections: tuple[str, ...] = SECTIONS
    iterations: int = 1000
    seed: int = 1
    zip: bool = True

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise PackError(_("Unknown report language {language!r}.").format(
                language=self.language), hint=_("Use zh_CN, en or both."))
        unknown = [s for s in self.sections if s not in SECTIONS]
        if unknown:
            raise PackError(_("Unknown report section(s): {sections}.").format(
                sections=", ".join(unknown)),
                hint=_("Choose from: {choices}.").format(choices=", ".join(SECTIONS)))
        if not self.designs:
            raise PackError(_("An evidence pack needs at least one design."),
                            hint=_("Name the baseline or a variant."))
        if self.iterations < 0 or self.iterations == 1:
            raise PackError(_("Monte Carlo needs 0 (none) or at least 2 iterations."),
                            hint=_("e.g. 1000."))

    def to_json(self) -> dict[str, Any]:
        return {"designs": list(self.designs), "methods": [list(m) for m in self.methods],
                "language": self.language, "sections": list(self.sections),
                "iterations": self.iterations, "seed": self.seed, "zip": self.zip}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExportOptions:
        return cls(designs=tuple(data["designs"]),
                   methods=tuple(tuple(m) for m in data.get("methods", ())),
                   language=data.get("language", "zh_CN"),
                   sections=tuple(data.get("sections", SECTIONS)),
                   iterations=int(data.get("iterations", 1000)), seed=int(data.get("seed", 1)),
                   zip=bool(data.get("zip", True)))


@dataclass(frozen=True)
class CarbonFootprint:
    """The product carbon footprint of one design, kg CO2-eq per functional unit.

    ``total_kg = fossil_kg + biogenic_kg + land_use_kg`` (to rounding of the
    characterisation factors); ``aircraft_kg`` is part of the total, stated apart;
    ``credits_beyond_boundary_kg`` is never in the total. ``p2_5_kg``/``p97_5_kg`` are
    the Monte Carlo 95 % interval of the total (None without Monte Carlo).
    """

    total_kg: float
    fossil_kg: float
    biogenic_kg: float
    land_use_kg: float
    aircraft_kg: float
    credits_beyond_boundary_kg: float
    by_stage_kg: dict[str, float]
    per_year_kg: float
    p2_5_kg: float | None = None
    p97_5_kg: float | None = None
    characterisation: str = "IPCC 2021 (AR6) GWP100"

    @property
    def split_residual_kg(self) -> float:
        """Total minus the sum of its fossil, biogenic and land-use parts."""
        return self.total_kg - (self.fossil_kg + self.biogenic_kg + self.land_use_kg)

    def to_json(self) -> dict[str, Any]:
        return {"total_kg": self.total_kg, "fossil_kg": self.fossil_kg,
                "biogenic_kg": self.biogenic_kg, "land_use_kg": self.land_use_kg,
                "aircraft_kg": self.aircraft_kg,
                "credits_beyond_boundary_kg": self.credits_beyond_boundary_kg,
                "by_stage_kg": self.by_stage_kg, "per_year_kg": self.per_year_kg,
                "p2_5_kg": self.p2_5_kg, "p97_5_kg": self.p97_5_kg,
                "characterisation": self.characterisation}


@dataclass
class DesignData:
    """One design's results: the engine result, its scores, uncertainty and footprint."""

    name: str
    product: Any                      # greendesign.model.Product
    result: Any                       # greendesign.lca.engine.Result
    scores: dict[str, Any]            # greendesign.scoring.report.score_json(...)
    """The scores; ``suggestions`` (ranked improvements) only for the main design."""
    carbon: CarbonFootprint
    monte_carlo: Any | None = None    # greendesign.lca.uncertainty.MonteCarlo
    tornado: Any | None = None        # pandas.DataFrame of the GWP100 tornado
    conformity: dict[str, Any] = field(default_factory=dict)
    """Language (``zh_CN``, ``en``) -> the design's conformity table
    (``greendesign.evidence.conformity.Conformity``) under the project's specification
    profile, judged on the pack's creation day; empty without a profile (or without
    :mod:`greendesign.evidence`). One table a language of the pack: its row names are
    picked in that language."""


@dataclass(frozen=True)
class DatasetRecord:
    """A dataset the pack's results use, with its provenance (the provenance appendix)."""

    code: str
    name_en: str
    name_zh: str
    unit: str
    source: str
    year: str
    geography: str
    pedigree: tuple[int, ...]
    proxy: str
    ghg_only: bool
    user_database: bool
    proxy_zh: str = ""
    """The proxy note in Chinese (empty when the dataset is no proxy or has no Chinese
    note, as user databases' datasets)."""

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name_en": self.name_en, "name_zh": self.name_zh,
                "unit": self.unit, "source": self.source, "year": self.year,
                "geography": self.geography, "pedigree": list(self.pedigree),
                "proxy": self.proxy, "proxy_zh": self.proxy_zh, "ghg_only": self.ghg_only,
                "user_database": self.user_database}


@dataclass
class PackData:
    """Everything a pack reports; written by the PDF, workbook, JSON and chart writers."""

    project: Project
    options: ExportOptions
    created: datetime
    report_id: str
    versions: dict[str, str]
    methods: list[tuple[str, ...]]
    units: list[str]
    designs: dict[str, DesignData]
    datasets: list[DatasetRecord]
    comparison: Any | None = None     # greendesign.compare.Comparison (two designs or more)
    paired: Any | None = None         # greendesign.compare.PairedUncertainty
    solver: str = ""
    residual: float | None = None
    project_path: Path | None = None
    completeness: list[Any] | None = None
    """What stands between the project and a submittable pack
    (``greendesign.evidence.completeness.Gap`` items, in the first language of the pack), for
    the main design; None without :mod:`greendesign.evidence`."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def main(self) -> DesignData:
        """The design the pack is for (the first of ``options.designs``)."""
        return self.designs[self.options.designs[0]]

    def method_index(self, method: tuple[str, ...]) -> int:
        return self.methods.index(tuple(method))


def report_id(project: Project, created: datetime) -> str:
    """``GD-<date>-<10 hex>``: the date and a hash of the project and the moment."""
    digest = hashlib.sha256(project.model_dump_json().encode("utf-8"))
    digest.update(created.isoformat().encode("ascii"))
    return f"GD-{created:%Y%m%d}-{digest.hexdigest()[:10].upper()}"


def chosen_methods(project: Project, options: ExportOptions, background) -> list[tuple[str, ...]]:
    """The pack's methods: as asked, else the project's, else the defaults; the carbon
    footprint methods are always there; every method must be installed."""
    from greendesign.lca.engine import default_methods  # deferred: loads pandas

    methods = [tuple(m) for m in options.methods] or \
        [tuple(m) for m in project.settings.methods] or default_methods(background)
    for method in CARBON_METHODS:
        if method not in methods:
            methods.append(method)
    unknown = [" | ".join(m) for m in methods if m not in background.method_row]
    if unknown:
        raise PackError(_("Method(s) not installed: {methods}.").format(
            methods="; ".join(unknown)),
            hint=_("greendesign-cli methods lists the installed ones."))
    return methods


def carbon_footprint(result, monte_carlo=None) -> CarbonFootprint:
    """The ISO 14067 split of ``result`` (which must hold :data:`CARBON_METHODS`)."""
    from greendesign.lca.lifecycle import CREDIT, STAGES  # deferred with the engine

    index = {m: i for i, m in enumerate(result.methods)}
    j = index[GWP100]
    total = float(result.total[j])
    stages = result.by_stage()
    column = stages.columns[j]
    air = [k for k, line in enumerate(result.model.lines)
           if line.dataset == AIR_FREIGHT and line.stage != CREDIT]
    low = high = None
    if monte_carlo is not None and GWP100 in monte_carlo.methods:
        stats = monte_carlo.statistics().iloc[monte_carlo.methods.index(GWP100)]
        low, high = float(stats["p2_5"]), float(stats["p97_5"])
    return CarbonFootprint(
        total_kg=total,
        fossil_kg=float(result.total[index[GWP100_FOSSIL]]),
        biogenic_kg=float(result.total[index[GWP100_BIOGENIC]]),
        land_use_kg=float(result.total[index[GWP100_LAND_USE]]),
        aircraft_kg=float(result.scores[air, j].sum()) if air else 0.0,
        credits_beyond_boundary_kg=float(result.credits[j]),
        by_stage_kg={s: float(stages.loc[s, column]) for s in STAGES},
        per_year_kg=total / result.service_life_years,
        p2_5_kg=low, p97_5_kg=high)


def dataset_records(results, background) -> list[DatasetRecord]:
    """Every dataset the results use (in total or credits), with its provenance."""
    from greendesign.inventory.user_catalogue import load_catalogue
    from greendesign.inventory.user_registry import REF_PREFIX

    catalogue = load_catalogue()
    used: dict[str, None] = {}
    for result in results:
        for line in result.model.lines:
            used.setdefault(line.dataset, None)
    records = []
    for code in sorted(used):
        prov = background.provenance.get(code, {})
        entry = catalogue.dataset_entry(code)  # a regional dataset: its base code's
        records.append(DatasetRecord(
            code=code, name_en=entry.name_en if entry else code,
            name_zh=entry.name_zh if entry else "", unit=str(prov.get("unit", "")),
            source=str(prov.get("source", "")), year=str(prov.get("year", "")),
            geography=str(prov.get("geography", "")),
            pedigree=tuple(int(p) for p in prov.get("pedigree", ()) or ()),
            proxy=str(prov.get("proxy", "")), proxy_zh=str(prov.get("proxy_zh", "")),
            ghg_only=bool(prov.get("ghg_only", False)),
            user_database=code.startswith(REF_PREFIX)))
    return records


def gather(project: Project, options: ExportOptions | None = None, *,
           project_path: Path | None = None, background=None,
           progress: Progress | None = None, cancelled: Cancelled | None = None,
           created: datetime | None = None) -> PackData:
    """Compute everything the pack reports for ``options.designs`` of ``project``.

    Parameters
    ----------
    project
        The project (its baseline and variants).
    options
        What to report (default :class:`ExportOptions`).
    background
        The fast path's background (``greendesign.lca.background.load_background()``
        when None).
    progress, cancelled
        Callbacks of long work: ``progress(fraction, message)``; ``cancelled()`` true
        stops the work with a :class:`PackError` and nothing is written.
    created
        The moment the pack is made (UTC now when None); part of the report id.
    """
    # deferred: the engine, the scores and the comparison load pandas and scipy
    from greendesign.compare import compare_designs, paired_uncertainty
    from greendesign.i18n import _
    from greendesign.lca.background import load_background
    from greendesign.lca.engine import assess
    from greendesign.lca.uncertainty import ForegroundDistributions, monte_carlo, tornado
    from greendesign.scoring.report import score_json

    options = options or ExportOptions()
    report = progress or (lambda _f, _m: None)
    stop = cancelled or (lambda: False)
    unknown = [d for d in options.designs if d not in project.design_names]
    if unknown:
        raise PackError(_("The project has no design {designs}.").format(
            designs=", ".join(map(repr, unknown))),
            hint=_("Choose from: {choices}.").format(choices=", ".join(project.design_names)))
    created = created or datetime.now(UTC).replace(microsecond=0)
    background = background or load_background()
    methods = chosen_methods(project, options, background)
    dist = ForegroundDistributions.for_project(project)
    designs: dict[str, DesignData] = {}
    count = len(options.designs)
    seconds = dict.fromkeys(("lca", "monte_carlo", "scores", "conformity", "comparison"), 0.0)
    clock = _Clock(seconds)
    for k, name in enumerate(options.designs):
        if stop():
            raise PackError(_("The export was cancelled."), hint=_("Nothing was written."))
        report(k / (count + 1), _("Assessing {design}").format(design=name))
        product = project.design(name)
        with clock("lca"):
            result = assess(product, methods, variant=name, background=background,
                            allow_gaps=True)
        mc = None
        with clock("monte_carlo"):
            if options.iterations:
                with _cancellable(stop):
                    mc = monte_carlo(result, iterations=options.iterations,
                                     seed=options.seed, dist=dist, cancelled=stop)
            swing = tornado(result, GWP100, dist)
        gwp_row = background.method_row[GWP100]

        def gwp_per_kg(code: str, _row=gwp_row) -> float | None:
            column = background.column.get(code)
            return float(background.H[_row, column]) if column is not None else None

        # improvement suggestions for the design the pack is for; the designs it is compared
        # with are scored without them
        with clock("scores"):
            scores = score_json(project, name, gwp_per_kg, suggestions=k == 0)
        scores["gwp"]["total_kg"] = float(result.total[methods.index(GWP100)])
        with clock("conformity"):
            tables = conformity_tables(project, name, result, gwp_per_kg, options.language,
                                       created)
        designs[name] = DesignData(name, product, result, scores,
                                   carbon_footprint(result, mc), mc, swing, tables)
    comparison = paired = None
    if count > 1:
        if stop():
            raise PackError(_("The export was cancelled."), hint=_("Nothing was written."))
        report(count / (count + 1), _("Comparing the designs"))
        with clock("comparison"):
            comparison = compare_designs(project, methods, background,
                                         reference=options.designs[0],
                                         designs=list(options.designs))
            if options.iterations:
                with _cancellable(stop):
                    paired = paired_uncertainty(comparison, iterations=options.iterations,
                                                seed=options.seed, dist=dist,
                                                cancelled=stop)
    results = [d.result for d in designs.values()]
    first = results[0]
    data = PackData(
        project=project, options=options, created=created,
        report_id=report_id(project, created), versions=versions(), methods=methods,
        units=list(first.units), designs=designs,
        datasets=dataset_records(results, background), comparison=comparison,
        paired=paired, solver=str(getattr(background, "solver", "")),
        residual=getattr(background, "residual", None), project_path=project_path)
    with clock("conformity"):
        data.completeness = completeness_gaps(data)
    data.extra["seconds"] = seconds
    report(1.0, _("Results ready"))
    return data


class _Clock:
    """``with clock("part"):`` adds the block's wall time to ``seconds["part"]`` (the
    benchmark shows where a pack's time goes: ``PackData.extra["seconds"]``)."""

    def __init__(self, seconds: dict[str, float]):
        self.seconds = seconds

    @contextmanager
    def __call__(self, part: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[part] = self.seconds.get(part, 0.0) + time.perf_counter() - start


@contextmanager
def _cancellable(stop: Cancelled) -> Iterator[None]:
    """Turn the engine's own "cancelled" error into the pack's :class:`PackError`."""
    try:
        yield
    except GreenDesignError:
        if stop():
            raise PackError(_("The export was cancelled."),
                            hint=_("Nothing was written.")) from None
        raise


def _evidence_package() -> bool:
    """Whether :mod:`greendesign.evidence` (the evidence register and profiles) is there."""
    from importlib.util import find_spec

    try:
        return find_spec("greendesign.evidence.conformity") is not None
    except ImportError:
        return False


def conformity_tables(project: Project, design: str, result, gwp_per_kg, language: str,
                      created: datetime) -> dict[str, Any]:
    """Language -> the conformity table of ``design`` (see :attr:`DesignData.conformity`)."""
    if not _evidence_package():
        return {}
    # deferred: the evidence package loads the scores and the specification profiles
    from greendesign import i18n
    from greendesign.evidence.conformity import design_scores, evaluate_conformity
    from greendesign.evidence.specification import resolve_specification
    from greendesign.report.texts import languages

    profile = resolve_specification(project.evidence)
    if profile is None:
        return {}
    scores = design_scores(project, design, gwp_per_kg, result)
    tables = {}
    for code in languages(language):
        with i18n.language(code):
            tables[code] = evaluate_conformity(profile, project.evidence, scores, result,
                                               design=design, day=created.date())
    return tables


def completeness_gaps(data: PackData) -> list[Any] | None:
    """The completeness check of the main design (None without :mod:`greendesign.evidence`)."""
    if not _evidence_package():
        return None
    from greendesign import i18n
    from greendesign.evidence.completeness import completeness
    from greendesign.report.texts import languages

    main = data.main
    table = next(iter(main.conformity.values()), None)
    with i18n.language(languages(data.options.language)[0]):
        return completeness(data.project.evidence, result=main.result,
                            project_path=data.project_path, day=data.created.date(),
                            conformity=table)


def canonical_json(data: Any) -> str:
    """JSON text with sorted keys and no spaces (what hashes are taken over)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def new_uuid() -> str:
    """A random UUID 4 (PACT product footprint ids)."""
    return str(uuid.uuid4())
