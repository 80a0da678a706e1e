"""Section 2: the conformity evaluation (符合性评价) against the specification profile.

The basic requirements, then the indicator table with the columns of the green design
product specifications (一级指标, 二级指标, 单位, 基准值, 判定依据, 所属阶段) followed by the
product's value, the verdict and the evidence behind it. Computed values come from the same
calculation as the screen (:mod:`.conformity_table`); values shown by a document come from
the evidence register with its id and date. Illustrative benchmarks are marked ``†``.
"""

from __future__ import annotations

import numbers as _numbers

from greendesign.i18n import _
from greendesign.report.pdf import markup as m
from greendesign.report.pdf import terms
from greendesign.report.pdf.conformity_table import METRIC_SECTIONS, Row, Table
from greendesign.report.pdf.context import ReportContext
from greendesign.scoring.index import GROUPS

ILLUSTRATIVE_MARK = "\u2020"
VERDICT_FILL = {"pass": "rgb(\"#e3f1e1\")", "fail": "rgb(\"#f8dedb\")",
                "not_assessed": "rgb(\"#f1f1f1\")"}


def section(ctx: ReportContext, table: Table) -> str:
    out = [m.heading(1, _("Conformity evaluation"), ctx.define("conformity"))]
    out.append(m.heading(2, _("Specification applied"), ctx.define("conformity-spec")))
    out.append(_profile(ctx, table))
    if table.requirements:
        out.append(m.heading(2, _("Basic requirements"), ctx.define("conformity-basic")))
        out.append(_requirements(ctx, table.requirements))
    wide = [m.heading(2, _("Evaluation indicators"), ctx.define("conformity-indicators")),
            _indicators(ctx, table.indicators),
            m.heading(2, _("Result of the conformity evaluation"),
                      ctx.define("conformity-result"))]
    wide += _result(table)
    out.append(m.landscape("".join(wide)))
    return "".join(out)


def _result(table: Table) -> list[str]:
    """The counts, what is not met, what qualifying needs (set below the wide table)."""
    out = []
    counts = table.counts()
    out.append(m.paragraph(m.text(_(
        "Of {total} requirements and indicators, {passed} are met, {failed} are not met and "
        "{open} are not assessed (a value or a document in force is missing).").format(
            total=sum(counts.values()), passed=counts["pass"], failed=counts["fail"],
            open=counts["not_assessed"]))))
    failed = [r for r in table.rows if r.status == "fail"]
    if failed:
        out.append(m.paragraph(m.text(_("Not met:")) + " " + m.text("; ".join(
            r.name for r in failed))))
    if counts["fail"] or counts["not_assessed"]:
        out.append(m.paragraph(m.text(_(
            "The product qualifies only when every requirement and indicator is met and shown "
            "by the evidence the specification asks for."))))
    return out


def _profile(ctx: ReportContext, table: Table) -> str:
    notes = {
        "chosen": _("The specification profile chosen in the project is applied."),
        "proposed": _("No specification profile is chosen in the project: the profile the "
                      "application proposes for the product category is applied. Choose the "
                      "applicable specification on the Evidence pack page."),
        "index": _("The evidence model is not available in this installation: the indicators "
                   "of the green design index profile (a self-assessment, not a "
                   "specification's conformity table) are shown."),
    }
    pairs = [(m.text(_("Profile")), m.text(f"{table.profile_name} ({table.profile_id})")),
             (m.text(_("Specification it follows")), m.text(table.standard))]
    if table.description:
        pairs.append((m.text(_("Description")), m.text(table.description)))
    if table.sources:
        pairs.append((m.text(_("Sources of the benchmarks")),
                      m.lines(m.text(s) for s in table.sources)))
    out = m.key_values(pairs, first="26%")
    out += m.paragraph(m.text(notes[table.origin]))
    if any(r.illustrative for r in table.rows):
        out += m.paragraph(m.strong(m.text(_(
            "Benchmarks marked † are illustrative: they are not values of a published "
            "specification. Replace them with the values of the applicable specification "
            "before the report is submitted."))))
    return out


def _evidence(ctx: ReportContext, row: Row) -> str:
    parts = []
    if row.metric:
        where = METRIC_SECTIONS.get("gwp_kg" if row.metric.startswith("lca:") else row.metric)
        parts.append(m.fill(_("calculated by GreenDesign (section {number})"),
                            number=ctx.section_ref(where)) if where else
                     m.text(_("calculated by GreenDesign")))
    for ref in row.evidence:
        date = ref.date.isoformat() if ref.date else "\u2013"
        parts.append(m.text(f"{ref.id} ({date}, {terms.status(ref.status)})"))
    if row.note:
        parts.append(m.muted(m.text(row.note)))
    return m.lines(parts) if parts else m.text("\u2013")


def _value(row: Row) -> str:
    value = row.value
    if value is None or value == "":
        return m.text("\u2013")
    if isinstance(value, _numbers.Number) and not isinstance(value, bool):
        return m.num(float(value), 3)
    return m.text(value)


def _verdict(row: Row) -> str:
    return m.cell(m.text(terms.status(row.status)), fill=VERDICT_FILL.get(row.status))


def _requirements(ctx: ReportContext, rows: list[Row]) -> str:
    body = []
    for row in rows:
        name = m.text(row.name) + (m.text(f" {ILLUSTRATIVE_MARK}") if row.illustrative else "")
        body.append([name, m.text(row.basis or row.benchmark or "\u2013"), _evidence(ctx, row),
                     _verdict(row)])
    return m.table(["1fr", "1fr", "4.2cm", "1.7cm"],
                   [m.text(_("Requirement")), m.text(_("Basis of the judgement")),
                    m.text(_("Evidence")), m.text(_("Verdict"))], body, size="8.5pt",
                   caption=m.text(_("Basic requirements")), label=ctx.label("tab-basic"))


def _indicators(ctx: ReportContext, rows: list[Row]) -> str:
    order = {g: i for i, g in enumerate(GROUPS)}
    rows = sorted(rows, key=lambda r: order.get(r.group, len(order)))
    body = []
    previous = None
    for index, row in enumerate(rows):
        cells = []
        if row.group != previous:
            span = 1
            while index + span < len(rows) and rows[index + span].group == row.group:
                span += 1
            cells.append(f"table.cell(rowspan: {span})[{m.text(terms.group(row.group))}]")
            previous = row.group
        benchmark = m.text(row.benchmark or "\u2013")
        if row.illustrative:
            benchmark += m.text(f" {ILLUSTRATIVE_MARK}")
        cells += [m.text(row.name), m.text(row.unit or "\u2013"), benchmark,
                  m.text(row.basis or "\u2013"), m.text(terms.spec_stage(row.stage)),
                  _value(row), _verdict(row), _evidence(ctx, row)]
        body.append(cells)
    header = [m.text(_("Indicator group")), m.text(_("Indicator")), m.text(_("Unit")),
              m.text(_("Benchmark")), m.text(_("Basis of the judgement")),
              m.text(_("Life cycle stage")), m.text(_("Value of the product")),
              m.text(_("Verdict")), m.text(_("Evidence"))]
    note = m.text(_("† illustrative benchmark (not from a published specification). Values "
                    "computed by GreenDesign are those of the design the report is for; "
                    "evidence items are listed in the attachments register with their ids "
                    "and dates."))
    return (m.table(
        ["2cm", "3.4cm", "1.3cm", "2.8cm", "1fr", "2cm", "1.9cm", "1.6cm", "4.4cm"], header,
        body, size="8.5pt",
        align=["left", "left", "center", "left", "left", "left", "right", "center", "left"],
        caption=m.text(_("Evaluation indicators and the product's values")),
        label=ctx.label("tab-indicators"), note=note))

