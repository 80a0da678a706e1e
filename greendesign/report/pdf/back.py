"""The end of the report: conclusions, the clause-to-section matrix, the data provenance
appendix and the attachments register.

The clause matrix lists each reporting item of the GB/T 32161 self-evaluation report, of
ISO 14044:2006 5.2 (report to third parties) and of ISO 14067:2018 7.3 (CFP study report)
against the section that answers it and the page that section starts on, both resolved by
Typst when the document is laid out (labels, ``counter(page).at``).
"""

from __future__ import annotations

from greendesign.i18n import _
from greendesign.model.declared import verification_name
from greendesign.report.pack_json import supplier_records
from greendesign.report.pdf import markup as m
from greendesign.report.pdf import numbers, terms
from greendesign.report.pdf.context import ReportContext, not_provided

DASH = "\u2013"


def conclusions(ctx: ReportContext, table) -> str:
    from greendesign.report.pdf.sec_lca_results import hotspots

    carbon = ctx.main.carbon
    unit = m.chem(terms.unit("kg CO2-Eq"))
    spots = hotspots(ctx)
    stage, value, share = spots["stage"]
    out = [m.heading(1, _("Conclusions"), ctx.define("conclusions"))]
    pairs = [
        (m.text(_("Product carbon footprint (GWP100, IPCC 2021)")),
         m.fill(_("{value} {unit} per functional unit"), value=m.strong(m.num(carbon.total_kg)),
                unit=unit)),
        (m.text(_("Per year of service")), m.fill("{value} {unit}", value=m.num(
            carbon.per_year_kg), unit=unit)),
        (m.text(_("95 % interval (Monte Carlo)")),
         m.fill("{low} \u2026 {high} {unit}", low=m.num(carbon.p2_5_kg), high=m.num(
             carbon.p97_5_kg), unit=unit) if carbon.p2_5_kg is not None else m.text(DASH)),
        (m.text(_("Largest stage")), m.text(f"{terms.stage(stage)} "
                                            f"({numbers.pct(share * 100)})")),
        (m.text(_("Mass left out for lack of data")),
         m.text(numbers.pct(ctx.main.result.model.excluded_mass_share * 100, 2))),
    ]
    if table is not None:
        counts = table.counts()
        pairs.append((m.text(_("Conformity evaluation")), m.text(_(
            "{passed} met, {failed} not met, {open} not assessed").format(
                passed=counts["pass"], failed=counts["fail"], open=counts["not_assessed"]))))
    index = ctx.main.scores.get("green_design_index") or {}
    pairs.append((m.text(_("Green design index (self-assessment)")),
                  m.text(f"{numbers.plain(index.get('index'), 1)} / 100")))
    out.append(m.key_values(pairs, first="40%"))
    findings = []
    if table is not None and table.counts()["fail"] == 0 and \
            table.counts()["not_assessed"] == 0:
        findings.append(m.text(_("Every requirement and indicator of the specification "
                                 "applied is met and shown.")))
    elif table is not None:
        findings.append(m.text(_("The product does not yet meet every requirement and "
                                 "indicator of the specification applied, or not every one is "
                                 "shown by its evidence (section 2).")))
    findings.append(m.text(_("{stage} is the hot spot of the carbon footprint; the largest "
                             "contributing part is {part}.").format(
        stage=terms.stage(stage), part=spots["parts"][0][0] if spots["parts"] else DASH)))
    suggestions = ctx.main.scores.get("suggestions") or []
    if suggestions:
        from greendesign.report.pdf.sec_green import suggestion_text

        findings.append(m.text(_("Recommended first: {items}.").format(items="; ".join(
            suggestion_text(ctx, s) for s in suggestions[:3]))))
    if ctx.main.result.model.gaps:
        findings.append(m.text(_("Inventory data are missing for some references (section "
                                 "3.1): supply them before the results are relied on.")))
    findings.append(m.text(_("This is a self-evaluation without a critical review; the "
                             "illustrative benchmarks must be replaced with the values of the "
                             "applicable specification.")))
    out.append(m.bullet_list(findings))
    return "".join(out)


def _matrix_rows() -> list[tuple[str, str, str, str]]:
    g, i44, i67 = "GB/T 32161-2015", "ISO 14044:2006", "ISO 14067:2018"
    return [
        (g, _("report outline"), _("basic information of the applicant and the product"),
         "basic"),
        (g, _("basic requirements"), _("pollutant discharge, management systems, product "
                                       "quality, safety record"), "conformity-basic"),
        (g, _("evaluation indicators"), _("indicators with benchmark, basis and the product's "
                                          "values"), "conformity-indicators"),
        (g, _("report outline"), _("life cycle assessment report"), "lca"),
        (g, _("report outline"), _("evaluation conclusion"), "conclusions"),
        (g, _("report outline"), _("attachments"), "attachments"),
        (i44, "5.2 a)", _("general aspects: commissioner, practitioner, date"), "lca-scope-goal"),
        (i44, "5.2 b)", _("goal of the study"), "lca-scope-goal"),
        (i44, "5.2 c)", _("function, functional unit and reference flow"), "lca-scope-fu"),
        (i44, "5.2 c)", _("system boundary"), "lca-scope-boundary"),
        (i44, "5.2 c)", _("cut-off criteria and omissions"), "lca-scope-cutoff"),
        (i44, "5.2 c)", _("allocation procedures"), "lca-scope-allocation"),
        (i44, "5.2 c)", _("data quality requirements"), "lca-scope-data"),
        (i44, "5.2 c)", _("impact categories, indicators and methods"), "lca-scope-methods"),
        (i44, "5.2 d)", _("inventory: data collection and calculation"), "lca-inventory"),
        (i44, "5.2 d)", _("validation of data (mass balance)"), "lca-inventory-balance"),
        (i44, "5.2 d)", _("sources of data"), "provenance"),
        (i44, "5.2 e)", _("impact assessment results"), "lca-results"),
        (i44, "5.2 f)", _("interpretation: significant issues"), "lca-hotspots"),
        (i44, "5.2 f)", _("sensitivity analysis"), "lca-sensitivity"),
        (i44, "5.2 f)", _("uncertainty analysis"), "lca-uncertainty"),
        (i44, "5.2 f)", _("completeness, consistency, assumptions and limitations"),
         "lca-limitations"),
        (i44, "5.2 f)", _("conclusions and recommendations"), "conclusions"),
        (i44, "5.2 g)", _("critical review (none made)"), "lca-scope-goal"),
        (i44, "5.3", _("comparisons between designs"), "compare"),
        (i67, "7.3", _("functional unit and reference flow"), "lca-scope-fu"),
        (i67, "7.3", _("system boundary and life cycle stages"), "lca-scope-boundary"),
        (i67, "7.3", _("significant unit processes and contributions"), "lca-contributions"),
        (i67, "7.3", _("data: sources, time period and quality"), "provenance"),
        (i67, "7.3", _("cut-off criteria"), "lca-scope-cutoff"),
        (i67, "7.3", _("allocation procedures"), "lca-scope-allocation"),
        (i67, "7.3", _("GHGs considered and GWP values (IPCC AR6, GWP100)"), "carbon-gases"),
        (i67, "7.3", _("GHG emissions and removals by life cycle stage"), "carbon-stages"),
        (i67, "7.3", _("fossil, biogenic, land use change and aircraft GHG emissions "
                       "apart"), "carbon-results"),
        (i67, "7.3", _("treatment of electricity"), "carbon-electricity"),
        (i67, "7.3", _("uncertainty of the carbon footprint"), "carbon-uncertainty"),
        (i67, "7.3", _("results beyond the system boundary reported apart"), "carbon-results"),
        (i67, "7.3", _("limitations and interpretation"), "lca-limitations"),
    ]


def clause_matrix(ctx: ReportContext) -> str:
    out = [m.heading(1, _("Clause-to-section matrix"), ctx.define("matrix")),
           m.paragraph(m.text(_(
               "Each reporting item of the standards the report answers, with the section that "
               "answers it and the page that section starts on. GB/T 24067-2024 adopts ISO "
               "14067:2018; its clause numbers are the same.")))]
    rows = [[m.text(std), m.text(clause), m.text(item), ctx.section_ref(key), ctx.page_ref(key)]
            for std, clause, item, key in _matrix_rows()]
    out.append(m.table(["2.7cm", "2.5cm", "1fr", "1.4cm", "1.2cm"],
                       [m.text(_("Standard")), m.text(_("Clause")), m.text(_("Reporting item")),
                        m.text(_("Section")), m.text(_("Page"))], rows, size="8.5pt",
                       align=["left", "left", "left", "right", "right"],
                       caption=m.text(_("Reporting items against sections and pages")),
                       label=ctx.label("tab-matrix")))
    return "".join(out)


def provenance(ctx: ReportContext) -> str:
    out = ["#page(flipped: true)[\n" + m.heading(1, _("Data provenance"),
                                                ctx.define("provenance"), new_page=False),
           m.paragraph(m.text(_(
               "Every dataset the results use (the designs of this report, totals and module "
               "D), with its source, year, geography and pedigree (reliability, completeness, "
               "temporal, geographical, technological correlation; 1 best, 5 worst).")))]
    china = ctx.made_in_china()
    if china:
        geos = sorted({r.geography for r in ctx.data.datasets
                       if r.geography and not terms.is_china(r.geography)})
        if geos:
            out.append(m.bullet_list([m.text(terms.geography_note(g)) for g in geos]))
    rows = []
    declared = supplier_records(ctx.data)
    replaced = {code for entry in declared for code in entry["datasets"]}
    for record in ctx.data.datasets:
        flags = []
        if record.code in replaced:
            flags.append(_("partly replaced by supplier data"))
        if record.ghg_only:
            flags.append(_("GHG only"))
        if record.proxy:
            flags.append(_("proxy"))
        if record.user_database:
            flags.append(_("user database"))
        geography_cell = m.text(f"{record.geography} ({terms.geography(record.geography)})"
                                if record.geography else DASH)
        if china and record.geography and not terms.is_china(record.geography):
            flags.append(_("not China data"))
        rows.append([m.lines([m.text(ctx.dataset_name(record.code)),
                              m.muted(m.text(record.code))]),
                     m.text(record.unit or DASH), m.text(record.source or DASH),
                     m.text(record.year or DASH), geography_cell,
                     m.text(",".join(str(p) for p in record.pedigree) or DASH),
                     m.text(", ".join(flags) or DASH)])
    rows += _supplier_rows(ctx, declared)
    out.append(m.table(
        ["4.4cm", "1.1cm", "1fr", "1.1cm", "2.8cm", "1.8cm", "2.6cm"],
        [m.text(_("Dataset")), m.text(_("Unit")), m.text(_("Source")), m.text(_("Year")),
         m.text(_("Geography")), m.text(_("Pedigree")), m.text(_("Notes"))], rows, size="8pt",
        caption=m.text(_("Datasets used and their provenance")),
        label=ctx.label("tab-provenance")))
    if m.REPLACED:
        codes = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(m.REPLACED))
        out.append(m.paragraph(m.text(_(
            "Characters of the project's data the bundled font cannot show are printed as "
            "\u25a1: {codes}.").format(codes=codes))))
    out.append("]\n")
    return "".join(out)


def _supplier_rows(ctx: ReportContext, declared: list[dict]) -> list[list[str]]:
    """Rows of the provenance table for the values declared by suppliers."""
    rows = []
    for entry in declared:
        if entry["level"] == "part":
            model = ctx.data.designs[entry["design"]].result.model
            target = _("part {name}").format(name=model.part_name(entry["part_id"]))
        else:
            target = _("material {name}").format(name=ctx.dataset_name(entry["material"]))
        geography = entry["geography"]
        rows.append([m.lines([m.text(_("Supplier data: {target}").format(target=target)),
                              m.muted(m.text(f"{entry['design']}: {entry['key']}"))]),
                     m.text(entry["unit"]), m.text(entry["source"]),
                     m.text(str(entry["year"])),
                     m.text(f"{geography} ({terms.geography(geography)})"),
                     m.text(",".join(str(p) for p in entry["pedigree"])),
                     m.text(", ".join([verification_name(entry["verification"]),
                                       entry["scope"]]))])
    return rows


def attachments(ctx: ReportContext) -> str:
    heading = m.heading(1, _("Attachments register"), ctx.define("attachments"),
                        new_page=False)
    out = []
    record = ctx.record
    register = list(record.register) if record is not None else []
    if not register:
        missing = m.fill(_("Evidence register: {missing}"), missing=not_provided())
        return "#pagebreak(weak: true)\n" + heading + m.paragraph(missing)
    from greendesign.evidence.attachments import check_attachments

    check = check_attachments(ctx.data.project_path, register)
    day = ctx.data.created.date()
    table = ctx.shared.get("tables", {}).get(ctx.language)
    names = {row.id: row.name for row in table.rows} if table is not None else {}
    rows = []
    for item in register:
        state = terms.status(item.status_on(day))
        if item.file in check.missing:
            file_state = _("file missing")
        elif item.file in check.changed:
            file_state = _("file changed since it was added")
        else:
            file_state = ""
        file_cell = DASH
        if item.file:
            sha = item.sha256
            file_cell = m.lines([m.text(item.file),
                                 m.text(f"{item.size or 0} B"),
                                 m.small(m.text(sha[:32]), "6.5pt"),
                                 m.small(m.text(sha[32:]), "6.5pt")]
                                + ([m.strong(m.text(file_state))] if file_state else []))
        rows.append([m.text(item.id), m.text(terms.evidence_kind(item.kind.value)),
                     m.text(item.title), m.text(item.issuer or DASH),
                     m.text(item.date.isoformat() if item.date else DASH),
                     m.text(item.valid_until.isoformat() if item.valid_until else DASH),
                     m.text(state),
                     m.text("; ".join(names.get(i, i) for i in item.indicators) or DASH),
                     file_cell])
    out.append(m.landscape(heading + m.table(["1.8cm", "1.9cm", "1fr", "2.8cm", "2cm", "2cm",
                                              "1.7cm", "3cm", "4.8cm"],
                       [m.text(_("ID")), m.text(_("Kind")), m.text(_("Title")),
                        m.text(_("Issued by")), m.text(_("Date")), m.text(_("Valid until")),
                        m.text(_("Status")), m.text(_("Supports")),
                        m.text(_("File, size, SHA-256"))], rows, size="7.5pt",
                       caption=m.text(_("Evidence register")),
                       label=ctx.label("tab-register"))))
    return "".join(out)
