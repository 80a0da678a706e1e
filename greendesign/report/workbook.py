"""The pack's workbook (XLSX): every result as numbers an evaluator can filter and pivot.

Sheets, in order (names and headers in the pack's language; both joined in ``both``):

1. README: what each sheet holds, the report id, creation time, versions, designs, methods.
2. Results: one tidy long table, a row per design x method x stage x part (x process for
   manufacturing lines, with the part's material), the value and its unit. The rows of a
   design and method add up to its total; credits beyond the system boundary are not in this
   table (sheet By stage has them apart). Rows whose value is exactly 0 are left out.
3. BOM: every part and assembly of every design (tree depth, parent, quantities, masses,
   material, recycled content, scrap, processes, joint, module, mass source).
4. Scenario: the lifecycle scenario of every design, one field a row.
5. LCI: the elementary flows of every design (life cycle inventory, totals).
6. By stage, By part, By material, By process: one column a method, the unit in the header;
   By part holds each node's own lines and, apart, its value with its children (GWP100).
7. Carbon footprint, Uncertainty (Monte Carlo statistics), Scores, Indicators (the conformity
   table of the specification profile, when the project chose one), Comparison (several
   designs), Data gaps (cut-offs and GHG-only datasets), Datasets (every dataset used, with
   its source, year, geography, pedigree and proxy note, in English and in Chinese).

Text is written as text, never as a formula (see :mod:`.xlsx_stream`): a part named
``=HYPERLINK(...)`` stays that text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from greendesign.i18n import _
from greendesign.report.pack_data import PackData
from greendesign.report.texts import say
from greendesign.report.workbook_rows import (
    Cancelled,
    WriteCancelled,
    bom_rows,
    carbon_rows,
    catalogue_names,
    comparison_rows,
    conformity_rows,
    dataset_rows,
    gap_rows,
    long_rows,
    method_headers,
    part_rows,
    readme_rows,
    scenario_rows,
    score_rows,
    stage_rows,
    uncertainty_rows,
    wide,
)
from greendesign.report.xlsx_stream import XlsxBook, safe_sheet_name

Progress = Callable[[float, str], None]
SHEET_SEPARATOR = " "
"""Sheet names of a bilingual pack join the languages with a space ("/" is not allowed)."""


def write_workbook(data: PackData, path: str | Path, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> Path:
    """Write the pack's workbook to ``path`` (module docstring); returns ``path``.

    ``cancelled()`` true stops it with :class:`greendesign.report.pack_data.PackError` (the
    half-written file is the caller's to remove: the pack writes into a temporary folder).
    """
    from greendesign.report.pack_data import PackError

    path = Path(path)
    language = data.options.language
    report = progress or (lambda _f, _m: None)
    stop = cancelled or (lambda: False)

    def h(render: Callable[[], str]) -> str:
        return say(language, render)

    def title(render: Callable[[], str]) -> str:
        return say(language, render, SHEET_SEPARATOR)

    design, method, unit = h(lambda: _("Design")), h(lambda: _("Method")), h(lambda: _("Unit"))
    methods = method_headers(data)
    try:
        with XlsxBook(path, data.created, h(lambda: _("Green design evidence pack {report}")
                                              .format(report=data.report_id))) as book:
            readme = title(lambda: _("README"))
            steps: list[tuple[Callable[[], str], Callable[[], str], Callable[[], Any]]] = []

            def sheet(name_of, what, write) -> None:
                steps.append((name_of, what, write))

            sheet(lambda: _("Results"), lambda: _(
                "Long table: a row per design, method, life cycle stage and part (and process "
                "for manufacturing); the rows of a design and method add up to its total. "
                "Credits beyond the system boundary are not in it (see By stage)."),
                lambda name: book.sheet(name, [
                    design, method, unit, h(lambda: _("Stage")), h(lambda: _("Stage name")),
                    h(lambda: _("Part id")), h(lambda: _("Part")), h(lambda: _("Material")),
                    h(lambda: _("Process")), h(lambda: _("Value"))],
                    long_rows(data, language, stop), widths=[12, 48, 14, 14, 18, 14, 28, 22,
                                                              20, 16]))
            sheet(lambda: _("BOM"), lambda: _(
                "Every part and assembly of every design: level, parent, quantity per parent "
                "and per product, masses, material, recycled content, scrap rate, processes, "
                "joint, module and the source of the mass."),
                lambda name: book.sheet(name, [
                    design, h(lambda: _("Level")), h(lambda: _("Id")), h(lambda: _("Name")),
                    h(lambda: _("Parent")), h(lambda: _("Kind")),
                    h(lambda: _("Quantity per parent")), h(lambda: _("Units per product")),
                    h(lambda: _("Mass each (kg)")), h(lambda: _("Mass per product (kg)")),
                    h(lambda: _("Material")), h(lambda: _("Material name")),
                    h(lambda: _("Recycled content (fraction)")),
                    h(lambda: _("Scrap rate (fraction)")), h(lambda: _("Processes")),
                    h(lambda: _("Joint")), h(lambda: _("Module")), h(lambda: _("Mass source"))],
                    bom_rows(data, language), widths=[12, 6, 16, 30, 16, 10, 10, 10, 12, 12,
                                                       22, 22, 10, 10, 28, 10, 12, 30]))
            sheet(lambda: _("Scenario"), lambda: _(
                "The lifecycle scenario of every design (production, distribution, use, end "
                "of life), one field a row."),
                lambda name: book.sheet(name, [design, h(lambda: _("Field")),
                                               h(lambda: _("Value"))],
                                        scenario_rows(data), widths=[12, 48, 30]))
            sheet(lambda: _("LCI"), lambda: _(
                "Life cycle inventory: every elementary flow of every design's product "
                "system (credits beyond the boundary not included)."),
                lambda name: book.sheet(name, [
                    design, h(lambda: _("Flow code")), h(lambda: _("Flow")),
                    h(lambda: _("Compartment")), unit, h(lambda: _("Amount"))],
                    ([n, *r] for n, i in data.designs.items()
                     for r in i.result.lci().itertuples(index=False, name=None)),
                    widths=[12, 38, 40, 30, 12, 16]))
            sheet(lambda: _("By stage"), lambda: _(
                "Results by life cycle stage, one column a method (unit in the header); the "
                "credits beyond the system boundary are the last row of each design, never "
                "part of the total."),
                lambda name: book.sheet(name, [design, h(lambda: _("Stage")),
                                               h(lambda: _("Stage name")), *methods],
                                        stage_rows(data, language),
                                        widths=[12, 24, 22] + [18] * len(methods)))
            sheet(lambda: _("By part"), lambda: _(
                "Results by part and assembly: each node's own lines, one column a method; "
                "the last column is GWP100 with the node's children included."),
                lambda name: book.sheet(name, [
                    design, h(lambda: _("Part id")), h(lambda: _("Part")),
                    h(lambda: _("Parent")), h(lambda: _("Level")), *methods,
                    h(lambda: _("GWP100 with children [kg CO2-Eq]"))],
                    part_rows(data, language), widths=[12, 16, 30, 16, 6] + [18] * (len(methods) + 1)))
            names = catalogue_names(language)
            sheet(lambda: _("By material"), lambda: _(
                "Results by material (its production, recycled share, transport and end of "
                "life), one column a method."),
                lambda name: book.sheet(name, [design, h(lambda: _("Material")),
                                               h(lambda: _("Material name")), *methods],
                                        wide(data, lambda r: r.by_material(),
                                              lambda n, i, f: [n, str(i), names(str(i))]),
                                        widths=[12, 22, 26] + [18] * len(methods)))
            sheet(lambda: _("By process"), lambda: _(
                "Results by manufacturing process, one column a method."),
                lambda name: book.sheet(name, [design, h(lambda: _("Process")),
                                               h(lambda: _("Process name")), *methods],
                                        wide(data, lambda r: r.by_process(),
                                              lambda n, i, f: [n, str(i), names(str(i))]),
                                        widths=[12, 22, 26] + [18] * len(methods)))
            sheet(lambda: _("Carbon footprint"), lambda: _(
                "Product carbon footprint (ISO 14067, IPCC 2021 GWP100) in kg CO2-eq per "
                "functional unit: total, fossil, biogenic and land-use parts, aircraft, "
                "credits apart, per year, Monte Carlo 95 % interval, by stage."),
                lambda name: book.sheet(name, [design, h(lambda: _("Quantity")),
                                               h(lambda: _("Value [kg CO2-Eq]"))],
                                        carbon_rows(data, language), widths=[12, 48, 18]))
            if any(i.monte_carlo is not None for i in data.designs.values()):
                sheet(lambda: _("Uncertainty"), lambda: _(
                    "Monte Carlo statistics of every method (iterations and seed in README)."),
                    lambda name: book.sheet(name, [
                        design, method, unit, h(lambda: _("Deterministic")),
                        h(lambda: _("Mean")), h(lambda: _("Median")),
                        h(lambda: _("Standard deviation")), h(lambda: _("2.5th percentile")),
                        h(lambda: _("97.5th percentile"))], uncertainty_rows(data),
                        widths=[12, 48, 14] + [16] * 6))
            sheet(lambda: _("Scores"), lambda: _(
                "Green design scores of every design and the indicators of the green design "
                "index, with their units."),
                lambda name: book.sheet(name, [design, h(lambda: _("Key")),
                                               h(lambda: _("Score")), h(lambda: _("Value")),
                                               unit, h(lambda: _("Note"))],
                                        score_rows(data, language),
                                        widths=[12, 34, 36, 14, 8, 30]))
            if any(i.conformity for i in data.designs.values()):
                sheet(lambda: _("Indicators"), lambda: _(
                    "The conformity table of the specification profile: each basic "
                    "requirement and indicator with its benchmark, value, verdict and "
                    "evidence."),
                    lambda name: book.sheet(name, [
                        design, h(lambda: _("Id")), h(lambda: _("Kind")),
                        h(lambda: _("Group")), h(lambda: _("Requirement or indicator")),
                        h(lambda: _("Benchmark")), unit, h(lambda: _("Value")),
                        h(lambda: _("Verdict")), h(lambda: _("Evidence")),
                        h(lambda: _("Note")), h(lambda: _("Source"))],
                        conformity_rows(data, language),
                        widths=[12, 16, 12, 12, 36, 20, 8, 14, 12, 16, 30, 30]))
            if data.comparison is not None:
                sheet(lambda: _("Comparison"), lambda: _(
                    "Every design against the reference design: totals, differences, per "
                    "year of service, and the paired Monte Carlo probability that the design "
                    "is lower."),
                    lambda name: book.sheet(name, [
                        design, method, unit, h(lambda: _("Total")),
                        h(lambda: _("Reference total")), h(lambda: _("Difference")),
                        h(lambda: _("Difference (%)")), h(lambda: _("Per year")),
                        h(lambda: _("Per-year difference")),
                        h(lambda: _("Per-year difference (%)")),
                        h(lambda: _("P(lower than reference)")),
                        h(lambda: _("P(lower per year)")),
                        h(lambda: _("Difference, 2.5th percentile")),
                        h(lambda: _("Difference, 97.5th percentile"))],
                        comparison_rows(data), widths=[12, 48, 14] + [16] * 11))
            sheet(lambda: _("Data gaps"), lambda: _(
                "What the results leave out: references without inventory data (cut-off, "
                "with the mass and its share of the product) and datasets that cover "
                "greenhouse gases only (with their share of GWP100)."),
                lambda name: book.sheet(name, [
                    design, h(lambda: _("What")), h(lambda: _("Part id")), h(lambda: _("Part")),
                    h(lambda: _("Field")), h(lambda: _("Code")), h(lambda: _("Mass (kg)")),
                    h(lambda: _("Share of product mass")), h(lambda: _("Share of GWP100"))],
                    gap_rows(data, language), widths=[12, 26, 16, 28, 12, 24, 12, 12, 12]))
            sheet(lambda: _("Datasets"), lambda: _(
                "Every dataset the results use, with its source, year, geography, pedigree "
                "scores (reliability; completeness; temporal; geographical; technological), "
                "proxy and whether it covers greenhouse gases only; then the values declared "
                "by suppliers (supplier:...), which replace the datasets they name."),
                lambda name: book.sheet(name, [
                    h(lambda: _("Code")), h(lambda: _("Name")), unit, h(lambda: _("Source")),
                    h(lambda: _("Year")), h(lambda: _("Geography")), h(lambda: _("Pedigree")),
                    h(lambda: _("Proxy")), h(lambda: _("Proxy (Chinese)")),
                    h(lambda: _("GHG only")), h(lambda: _("User database")),
                    h(lambda: _("Supplier data"))],
                    dataset_rows(data, language),
                    widths=[24, 30, 8, 60, 8, 10, 12, 30, 30, 8, 8, 30],
                    wrap=(3,)))
            planned: list[str] = [readme]
            for name_of, _what, _write in steps:
                planned.append(safe_sheet_name(title(name_of), planned))
            book.sheet(readme, [h(lambda: _("Item")), h(lambda: _("Value"))],
                       readme_rows(data, language, zip(planned[1:], steps, strict=True)),
                       widths=[30, 100], wrap=(1,), autofilter=False)
            for k, (name, (_name_of, _what, write)) in enumerate(
                    zip(planned[1:], steps, strict=True), start=1):
                if stop():
                    raise WriteCancelled
                report(k / len(planned), say(language, lambda: _("Writing the workbook")))
                write(name)
    except WriteCancelled:
        raise PackError(_("The export was cancelled."), hint=_("Nothing was written.")) from None
    return path
