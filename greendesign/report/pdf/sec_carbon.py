"""Section 4: the product carbon footprint (ISO 14067:2018 / GB/T 24067-2024).

Fossil, biogenic and land-use change greenhouse gas emissions and aircraft emissions are
reported apart (:class:`~greendesign.report.pack_data.CarbonFootprint`), credits beyond the
boundary beside the total and never in it, the GWP set (IPCC 2021, AR6, GWP100), the
greenhouse gases that make the footprint, the treatment of electricity, and the Monte Carlo
interval.
"""

from __future__ import annotations

from greendesign.i18n import _
from greendesign.model.vocab import ElectricityAccounting
from greendesign.report.pdf import markup as m
from greendesign.report.pdf import numbers, terms
from greendesign.report.pdf.context import ReportContext

STAGES = ("raw_materials", "manufacturing", "distribution", "use", "end_of_life")
TOP_FLOWS = 8


def section(ctx: ReportContext) -> str:
    out = [m.heading(1, _("Product carbon footprint"), ctx.define("carbon")),
           m.heading(2, _("Result"), ctx.define("carbon-results")), _result(ctx),
           m.heading(2, _("By life cycle stage"), ctx.define("carbon-stages")),
           _stages(ctx),
           m.heading(2, _("Greenhouse gases and characterisation"),
                     ctx.define("carbon-gases")), _gases(ctx),
           m.heading(2, _("Electricity"), ctx.define("carbon-electricity")),
           _electricity(ctx),
           m.heading(2, _("Uncertainty of the carbon footprint"),
                     ctx.define("carbon-uncertainty")), _uncertainty(ctx)]
    return "".join(out)


def unit_markup() -> str:
    return m.chem(terms.unit("kg CO2-Eq"))


def _result(ctx: ReportContext) -> str:
    carbon = ctx.main.carbon
    unit = unit_markup()
    total = carbon.total_kg
    rows = [
        (_("Fossil GHG emissions and removals"), carbon.fossil_kg, True),
        (_("Biogenic GHG emissions and removals"), carbon.biogenic_kg, True),
        (_("Direct land use change (dLUC) GHG emissions"), carbon.land_use_kg, True),
        (_("Carbon footprint of the product (total)"), total, True),
        (_("of which aircraft GHG emissions (air freight)"), carbon.aircraft_kg, False),
        (_("Per year of service"), carbon.per_year_kg, False),
        (_("Credits beyond the system boundary (module D, not in the total)"),
         carbon.credits_beyond_boundary_kg, False),
    ]
    body = []
    for name, value, in_split in rows:
        strong = name == _("Carbon footprint of the product (total)")
        cell = m.num(value)
        body.append([m.strong(m.text(name)) if strong else m.text(name),
                     m.strong(cell) if strong else cell,
                     m.text(numbers.share(value, total) if in_split and not strong else
                            ("100 %" if strong else "\u2013"))])
    out = m.paragraph(m.fill(_(
        "Functional unit: {fu}. The carbon footprint is the IPCC 2021 (AR6) GWP100 total of the "
        "life cycle, {total} {unit}; its fossil, biogenic and land-use parts are the IPCC 2021 "
        "climate change: fossil, biogenic and land use categories, whose sum is the total."),
        fu=m.text(ctx.product.display_functional_unit), total=m.strong(m.num(total)), unit=unit))
    chart = ctx.chart("carbon")
    if chart:
        out += m.figure(chart, m.text(_("Carbon footprint split; module D apart, not in the "
                                        "total")), ctx.label("fig-carbon"), width="84%")
    out += m.table(["1fr", "3cm", "2.4cm"], [m.text(_("Quantity")),
                                             m.fill(_("Value ({unit})"), unit=unit),
                                             m.text(_("Share of total"))], body,
                   align=["left", "right", "right"], size="9pt",
                   caption=m.text(_("Product carbon footprint (ISO 14067)")),
                   label=ctx.label("tab-carbon"))
    residual = carbon.split_residual_kg
    out += m.paragraph(m.fill(_(
        "Total minus (fossil + biogenic + land use): {residual} {unit} (rounding of the "
        "characterisation factors). Biogenic carbon stored in the product is not credited; "
        "biogenic CO2 of burnt materials is counted as an emission."),
        residual=m.num(residual), unit=unit))
    return out


def _stages(ctx: ReportContext) -> str:
    carbon = ctx.main.carbon
    result = ctx.main.result
    stages = result.by_stage()
    index = {mm: i for i, mm in enumerate(result.methods)}
    columns = [("fossil", ("IPCC 2021", "climate change: fossil",
                           "global warming potential (GWP100)")),
               ("biogenic", ("IPCC 2021", "climate change: biogenic",
                             "global warming potential (GWP100)")),
               ("land_use", ("IPCC 2021", "climate change: land use",
                             "global warming potential (GWP100)"))]
    rows = []
    for stage in STAGES:
        cells = [m.text(terms.stage(stage))]
        for _key, method in columns:
            j = index.get(method)
            cells.append(m.num(float(stages.iloc[:, j][stage])) if j is not None else
                         m.text("\u2013"))
        cells += [m.strong(m.num(carbon.by_stage_kg[stage])),
                  m.text(numbers.share(carbon.by_stage_kg[stage], carbon.total_kg))]
        rows.append(cells)
    rows.append([m.strong(m.text(_("Total"))), m.num(carbon.fossil_kg), m.num(carbon.biogenic_kg),
                 m.num(carbon.land_use_kg), m.strong(m.num(carbon.total_kg)), m.text("100 %")])
    return m.table(["1fr", "2.2cm", "2.2cm", "2.4cm", "2.2cm", "1.8cm"],
                   [m.text(_("Stage")), m.text(_("Fossil")), m.text(_("Biogenic")),
                    m.text(_("Land use change")), m.text(_("Total")), m.text(_("Share"))],
                   rows, size="8.5pt", align=["left"] + ["right"] * 5,
                   caption=m.fill(_("Carbon footprint by stage ({unit})"), unit=unit_markup()),
                   label=ctx.label("tab-carbon-stages"))


def _gases(ctx: ReportContext) -> str:
    out = m.paragraph(m.text(_(
        "GWP set: IPCC Sixth Assessment Report (AR6, 2021), 100-year global warming potentials, "
        "as in the IPCC 2021 method of bw2io; every greenhouse gas that method characterises "
        "is counted. The gases that make the footprint:")))
    try:
        flows = ctx.main.result.by_flow(terms.GWP100)
    except Exception:  # noqa: BLE001 - the inventory is not readable: say so, keep the report
        return out + m.paragraph(m.text(_("The elementary flows could not be read from the "
                                          "inventory; see the workbook.")))
    total = float(flows["score"].sum())
    rows = []
    for record in flows.head(TOP_FLOWS).itertuples():
        rows.append([m.text(terms.flow(record.flow)),
                     m.text(terms.compartment(record.compartment)), m.num(record.amount),
                     m.chem(terms.flow_unit(str(record.unit))), m.num(record.factor),
                     m.num(record.score),
                     m.text(numbers.share(record.score, total))])
    return out + m.table(["1fr", "3.2cm", "1.8cm", "1cm", "1.8cm", "2.1cm", "1.4cm"],
                         [m.text(_("Greenhouse gas")), m.text(_("Compartment")),
                          m.text(_("Amount")), m.text(_("Unit")), m.text(_("GWP100 factor")),
                          m.fill(_("GWP100 ({unit})"), unit=unit_markup()),
                          m.text(_("Share"))], rows, size="8pt",
                         align=["left", "left", "right", "left", "right", "right", "right"],
                         caption=m.text(_("Greenhouse gases of the life cycle inventory")),
                         label=ctx.label("tab-gases"))


def _electricity(ctx: ReportContext) -> str:
    result = ctx.main.result
    lines = result.lines
    j = ctx.data.method_index(terms.GWP100)
    scores = result.scores[:, j]
    rows = []
    mask_all = lines["dataset"].str.startswith("electricity_").to_numpy()
    for code in sorted(set(lines.loc[mask_all, "dataset"])):
        mask = (lines["dataset"] == code).to_numpy() & (lines["stage"] != "credits_beyond_"
                                                        "boundary").to_numpy()
        kwh = float(lines.loc[mask, "amount"].sum())
        gwp = float(scores[mask].sum())
        record = ctx.dataset_record(code)
        rows.append([m.text(ctx.dataset_name(code)), m.text(numbers.sig(kwh, 4)),
                     m.num(gwp / kwh if kwh else None), m.num(gwp),
                     m.text(record.source if record else "\u2013")])
    production = ctx.product.scenario.production
    if ctx.product.scenario.electricity_accounting is ElectricityAccounting.LIFE_CYCLE:
        basis = _(
            "The Chinese grids are counted over the life cycle of the supply system, as GB/T "
            "24067-2024 asks: the generation mix of the published statistics, each technology "
            "with its fuel chain, and the transmission and distribution losses, in every "
            "impact category. The CO2 factors of the MEE and NBS announcement remain the "
            "alternative for carbon-market style accounting and are not used here.")
    else:
        basis = _(
            "As chosen for this product (carbon-market style accounting), the grids carry "
            "their published CO2 emission factors: for China those of the MEE and NBS "
            "announcement (consumption side, CO2 only); the other impact categories leave "
            "grid electricity out.")
    out = m.paragraph(m.text(_(
        "Electricity is modelled with the grid of the place it is used: the production grid "
        "with the green-power share of the factory ({share}), the use grid in the use stage. "
        "{basis}").format(share=numbers.pct(production.green_power_share * 100, 0),
                          basis=basis)))
    if rows:
        out += m.table(["3.4cm", "1.7cm", "2.3cm", "2.1cm", "1fr"],
                       [m.text(_("Electricity")), m.text(_("kWh per product")),
                        m.fill(_("Factor ({unit}/kWh)"), unit=unit_markup()),
                        m.fill(_("GWP100 ({unit})"), unit=unit_markup()), m.text(_("Source"))],
                       rows, size="8pt", align=["left", "right", "right", "right", "left"],
                       caption=m.text(_("Electricity used over the life cycle")),
                       label=ctx.label("tab-electricity"))
    return out


def _uncertainty(ctx: ReportContext) -> str:
    carbon = ctx.main.carbon
    if carbon.p2_5_kg is None:
        return m.paragraph(m.text(_("No Monte Carlo analysis was run: the footprint has no "
                                    "uncertainty interval in this report.")))
    return m.paragraph(m.fill(_(
        "95 % interval of the carbon footprint from the Monte Carlo analysis (section "
        "{section}): {low} to {high} {unit}, around the deterministic value of {total} {unit}."),
        section=ctx.section_ref("lca-uncertainty"), low=m.num(carbon.p2_5_kg),
        high=m.num(carbon.p97_5_kg), total=m.num(carbon.total_kg), unit=unit_markup()))
