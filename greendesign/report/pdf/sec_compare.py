"""Section 6: the comparison of the designs in the pack (greendesign.compare).

Totals, per year of service, mass and service life per design, the differences against the
reference design, the paired Monte Carlo probability that a design is lower, and for each
design the attribution of its difference by stage, by lever and by part (the rows of each
attribution add up to the total difference).
"""

from __future__ import annotations

import math

from greendesign.i18n import _
from greendesign.report.pdf import markup as m
from greendesign.report.pdf import numbers, terms
from greendesign.report.pdf.context import ReportContext

DASH = "\u2013"
STAGES = ("raw_materials", "manufacturing", "distribution", "use", "end_of_life")
TOP_PARTS = 10


def section(ctx: ReportContext) -> str:
    out = [m.heading(1, _("Comparison of designs"), ctx.define("compare"))]
    comparison = ctx.data.comparison
    if comparison is None:
        out.append(m.paragraph(m.text(_(
            "This report holds one design: there is no comparison. Export the pack with "
            "variants to compare them with this design."))))
        return "".join(out)
    unit = m.chem(terms.unit(comparison.unit()))
    out.append(m.paragraph(m.fill(_(
        "Every design is assessed with the same datasets, methods and rules; the reference is "
        "{reference}. GWP100 in {unit} per functional unit (one product over its own service "
        "life)."), reference=m.text(terms.design(comparison.reference)), unit=unit)))
    for note in comparison.notes:
        out.append(m.paragraph(m.strong(m.text(_(
            "The designs have different service lives: each total is for one product over its "
            "own service life, so compare the designs per year of service, not by their "
            "totals.")))) if "service lives" in note else m.paragraph(m.text(note)))
    out.append(m.heading(2, _("Results of the designs"), ctx.define("compare-summary")))
    out.append(_summary(ctx, comparison, unit))
    for design in comparison.designs:
        if design == comparison.reference:
            continue
        title = m.fill(_("Attribution of the difference: {design}"),
                       design=m.text(terms.design(design)))
        out.append(f"== {title} {ctx.define('compare-' + design)}\n")
        out.append(_attribution(ctx, comparison, design, unit))
    return "".join(out)


def _summary(ctx: ReportContext, comparison, unit: str) -> str:
    summary = comparison.summary()
    paired = ctx.data.paired
    rows = []
    for design, row in summary.iterrows():
        probability = DASH
        interval = DASH
        if paired is not None and design != comparison.reference:
            frame = paired.frame
            hit = frame[(frame["design"] == design) & (frame["method"] == summary.attrs["method"])]
            if len(hit):
                p = float(hit["p_lower_per_year" if row["service_life_differs"] else
                              "p_lower"].iloc[0])
                probability = numbers.pct(p * 100, 0) if math.isfinite(p) else DASH
                interval = (f"{numbers.sig(float(hit['difference_p2_5'].iloc[0]))} \u2026 "
                            f"{numbers.sig(float(hit['difference_p97_5'].iloc[0]))}")
        rows.append([m.text(terms.design(str(design))), m.num(row["total"]),
                     m.num(row["per_year"]), m.text(numbers.mass(row["mass_kg"])),
                     m.text(f"{row['service_life_years']:g}"),
                     m.text(DASH if design == comparison.reference else
                            numbers.pct(row["difference_pct"])),
                     m.text(DASH if design == comparison.reference else
                            numbers.pct(row["per_year_difference_pct"])),
                     m.text(probability), m.text(interval)])
    out = ""
    chart = ctx.chart("comparison")
    if chart:
        out += m.figure(chart, m.text(_("GWP100 of the designs by stage, and the paired "
                                        "difference against the reference")),
                        ctx.label("fig-compare"), width="96%")
    out += m.table(["1fr"] + ["1.62cm"] * 8,
                   [m.text(_("Design")), m.text(_("Total")), m.text(_("Per year")),
                    m.text(_("Mass (kg)")), m.text(_("Life (a)")), m.text(_("Difference")),
                    m.text(_("Difference per year")), m.text(_("P(lower)")),
                    m.text(_("95 % interval of the difference"))], rows, size="8pt",
                   align=["left"] + ["right"] * 8,
                   caption=m.fill(_("Designs compared, GWP100 ({unit})"), unit=unit),
                   label=ctx.label("tab-compare"))
    if paired is not None:
        out += m.paragraph(m.text(_(
            "P(lower): the share of {iterations} paired Monte Carlo iterations (seed {seed}, "
            "the same draws for every design) in which the design is lower than the "
            "reference (per year of service where the lives differ). A difference whose 95 % "
            "interval includes zero is not established.").format(
                iterations=paired.iterations, seed=paired.seed)))
    return out


def _attribution(ctx: ReportContext, comparison, design: str, unit: str) -> str:
    stages = comparison.stage_attribution(design)
    rows = [[m.text(terms.stage(s)), m.num(stages.loc[s, "reference"]),
             m.num(stages.loc[s, "design"]), m.num(stages.loc[s, "difference"])]
            for s in STAGES]
    total = float(stages["difference"].sum())
    rows.append([m.strong(m.text(_("Total"))), m.num(float(stages["reference"].sum())),
                 m.num(float(stages["design"].sum())), m.strong(m.num(total))])
    out = m.table(["1fr", "2.8cm", "2.8cm", "2.8cm"],
                  [m.text(_("Stage")), m.text(terms.design(comparison.reference)),
                   m.text(terms.design(design)), m.text(_("Difference"))], rows, size="8.5pt",
                  align=["left", "right", "right", "right"],
                  caption=m.fill(_("Difference by stage ({unit})"), unit=unit),
                  label=ctx.label("tab-att-stage-" + design))
    levers = comparison.lever_attribution(design)
    rows = [[m.text(terms.lever(r.lever)), m.num(r.difference),
             m.text(numbers.pct(r.share_of_difference * 100, 0)
                    if isinstance(r.share_of_difference, float) and
                    math.isfinite(r.share_of_difference) else DASH)]
            for r in levers.itertuples()]
    out += m.table(["1fr", "2.6cm", "2.6cm"], [m.text(_("Lever")), m.text(_("Difference")),
                                             m.text(_("Share of the difference"))], rows,
                   size="8.5pt", align=["left", "right", "right"],
                   caption=m.fill(_("Difference by lever ({unit})"), unit=unit),
                   label=ctx.label("tab-att-lever-" + design))
    parts = comparison.part_attribution(design)
    changed = parts[parts["status"] != "unchanged"]
    changed = changed.reindex(changed["difference"].abs().sort_values(ascending=False).index)
    rows = []
    for r in changed.head(TOP_PARTS).itertuples():
        name = ctx.part_name(r.part_id, design) if r.part_id else terms.status("product")
        rows.append([m.text(name), m.text(terms.status(r.status)),
                     m.text(", ".join(change_name(c) for c in r.changes.split(", ") if c)
                            or DASH),
                     m.num(r.difference)])
    if rows:
        out += m.table(["1fr", "2cm", "1fr", "2.4cm"],
                       [m.text(_("Part")), m.text(_("Status")), m.text(_("What changed")),
                        m.text(_("Difference"))], rows, size="8.5pt",
                       align=["left", "left", "left", "right"],
                       caption=m.fill(_("Largest differences by part ({unit})"), unit=unit),
                       label=ctx.label("tab-att-part-" + design))
    return out


def change_name(code: str) -> str:
    names = {"material": _("material"), "mass": _("mass"), "quantity": _("quantity"),
             "recycled_content": _("recycled content"), "scrap_rate": _("scrap rate"),
             "process": _("process"), "end_of_life": _("end of life"),
             "transport": _("transport"), "replacement": _("replacement")}
    return names.get(code, code)
