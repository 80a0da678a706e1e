"""Section 3.1 and 3.2 of the report: the goal and scope of the life cycle assessment and
its inventory (ISO 14044 5.2 b to d; the 生命周期评价 part of the category specifications).

Goal, functional unit and reference flow, the system boundary with its stage diagram, the
cut-off rules and every reference left out with its mass (``LifecycleModel.gaps``,
``excluded_mass_share``), allocation (cut-off, module D apart), data sources and quality,
the LCIA methods, the software and database versions with the solver and its residual;
then the BOM by assembly and the mass balance of the modelled material input.
"""

from __future__ import annotations

from collections import defaultdict

from greendesign.i18n import _, pick
from greendesign.report.pdf import markup as m
from greendesign.report.pdf import numbers, terms
from greendesign.report.pdf.context import ReportContext, not_provided

CUTOFF_WARNING = 0.05
"""Excluded mass share above which the report stresses the cut-off (5 %, as the evidence
model's completeness check does)."""


def section_scope(ctx: ReportContext) -> str:
    out = [m.heading(1, _("Life cycle assessment"), ctx.define("lca")),
           m.heading(2, _("Goal and scope"), ctx.define("lca-scope")),
           m.heading(3, _("Goal of the study"), ctx.define("lca-scope-goal")),
           _goal(ctx),
           m.heading(3, _("Functional unit and reference flow"),
                     ctx.define("lca-scope-fu")), _functional_unit(ctx),
           m.heading(3, _("System boundary"), ctx.define("lca-scope-boundary")),
           _boundary(ctx),
           m.heading(3, _("Cut-off rules and what is left out"),
                     ctx.define("lca-scope-cutoff")), _cutoff(ctx),
           m.heading(3, _("Allocation"), ctx.define("lca-scope-allocation")),
           _allocation(),
           m.heading(3, _("Data sources and data quality"), ctx.define("lca-scope-data")),
           _data_quality(ctx),
           m.heading(3, _("Impact assessment methods"), ctx.define("lca-scope-methods")),
           _methods(ctx),
           m.heading(3, _("Software, database and calculation"),
                     ctx.define("lca-scope-software")), _software(ctx)]
    return "".join(out)


def _goal(ctx: ReportContext) -> str:
    applicant = ctx.record.applicant if ctx.record is not None else None
    who = pick(applicant.company_name_en or applicant.company_name_zh,
               applicant.company_name_zh) if applicant else ""
    items = [
        m.fill(_("Intended application: the green design product evaluation of {product} "
                 "(GB/T 32161-2015 and the specification applied) and its product carbon "
                 "footprint (ISO 14067:2018 / GB/T 24067-2024)."),
               product=m.text(ctx.product_name())),
        m.text(_("Reasons: to show the product's environmental performance over its life "
                 "cycle, to find its hot spots and to support design improvements.")),
        m.text(_("Intended audience: the evaluators of the green design product programme, "
                 "the applicant's customers and its design team.")),
        m.fill(_("Commissioner and practitioner: {who}; the calculations were made with "
                 "GreenDesign on the date of the report."),
               who=m.text(who) if who else not_provided()),
        m.text(_("The comparison of designs in this report serves the applicant's own design "
                 "decisions. It is not a comparative assertion intended to be disclosed to the "
                 "public, which ISO 14044 (5.3, 6.3) would subject to a critical review by a "
                 "panel.")),
        m.text(_("No critical review (ISO/TS 14071) of this study has been carried out; the "
                 "report is the applicant's self-declaration.")),
    ]
    return m.bullet_list(items)


def _functional_unit(ctx: ReportContext) -> str:
    product, scores = ctx.product, ctx.main.scores
    pairs = [
        (m.text(_("Functional unit")), m.text(product.display_functional_unit)),
        (m.text(_("Service life")), m.text(_("{years} years").format(
            years=f"{product.service_life_years:g}"))),
        (m.text(_("Reference flow")), m.text(_(
            "one product: {mass} kg without packaging, with {packaging} kg of packaging").format(
                mass=numbers.mass(scores["mass_kg"]),
                packaging=numbers.mass(scores["packaging_kg"])))),
        (m.text(_("Results are also given")), m.text(_("per year of service (the total "
                                                         "divided by the service life)"))),
    ]
    return m.key_values(pairs)


def _boundary(ctx: ReportContext) -> str:
    out = m.paragraph(m.text(_(
        "Cradle to grave: raw material acquisition, production, distribution, use and end of "
        "life. Capital goods are included only where the USLCI unit processes include them. "
        "Credits for avoided primary production beyond the system boundary (EN 15804 module "
        "D) are computed and reported apart; they are never added to the total.")))
    chart = ctx.chart("boundary")
    if chart:
        out += m.figure(chart, m.text(_("System boundary: the five life cycle stages inside "
                                        "the boundary, module D outside it")),
                        ctx.label("fig-boundary"), width="92%")
    rows = [
        (terms.stage("raw_materials"), _(
            "each part's material x mass x (1 + scrap rate) x units per product; the "
            "recycled-content share from the recycling dataset of its material family; inbound "
            "transport of parts")),
        (terms.stage("manufacturing"), _(
            "each process of a part or assembly, the factory electricity the process datasets "
            "state and the product's own factory electricity, on the production grid with its "
            "green-power share")),
        (terms.stage("distribution"), _("product mass (t) x distance (km) per transport leg "
                                        "on the dataset of its mode")),
        (terms.stage("use"), _("electricity per year x years on the use grid; consumables; "
                               "replacement parts with their materials, processes and end of "
                               "life")),
        (terms.stage("end_of_life"), _(
            "per part, the shares of the region's end-of-life scenario for its material family: "
            "landfill, incineration with energy recovery (with the CO2 of the material's "
            "carbon), pre-treatment of electronics and batteries, transport to treatment")),
        (terms.stage("credits_beyond_boundary"), _(
            "recycling: net scrap x (avoided primary material - recycling process); energy "
            "recovery: the credit per kg incinerated; reported apart, not in the total")),
    ]
    out += m.table(["3.2cm", "1fr"], [m.text(_("Stage")), m.text(_("What is counted"))],
                   [[m.text(a), m.text(b)] for a, b in rows], size="9pt",
                   caption=m.text(_("Life cycle stages and what each counts")),
                   label=ctx.label("tab-stages"))
    out += _scenario(ctx)
    return out


def _scenario(ctx: ReportContext) -> str:
    scenario = ctx.product.scenario
    production, use, eol = scenario.production, scenario.use, scenario.end_of_life
    lines = ctx.main.result.lines
    use_kwh = float(lines.loc[(lines["stage"] == "use") & (lines["kind"] == "energy"),
                              "amount"].sum())
    legs = "; ".join(f"{ctx.dataset_name(leg.mode.value)} {leg.distance_km:g} km"
                     + (f" ({leg.display_description})" if leg.description else "")
                     for leg in scenario.distribution) or "\u2013"
    pairs = [
        (m.text(_("Production grid")), m.text(f"{terms.geography(production.grid)} "
                                              f"({production.grid})")),
        (m.text(_("Green power share in production")),
         m.text(numbers.pct(production.green_power_share * 100, 0))),
        (m.text(_("Factory electricity of the product")),
         m.text(f"{production.factory_electricity_kwh:g} kWh")),
        (m.text(_("Distribution")), m.text(legs)),
        (m.text(_("Use grid")), m.text(f"{terms.geography(use.grid)} ({use.grid})")),
        (m.text(_("Use-phase electricity over the service life")),
         m.text(f"{numbers.sig(use_kwh, 4)} kWh")),
        (m.text(_("End-of-life region")), m.text(f"{terms.geography(eol.region)} "
                                                 f"({eol.region})")),
        (m.text(_("Transport to end-of-life treatment")), m.text(f"{eol.transport_km:g} km")),
    ]
    intro = m.paragraph(m.text(_("The scenario of the design the report is for:")))
    return f"#block(breakable: false)[{intro}{m.key_values(pairs, first='38%')}]\n\n"


def _cutoff(ctx: ReportContext) -> str:
    model = ctx.main.result.model
    share = model.excluded_mass_share
    out = m.paragraph(m.text(_(
        "Cut-off criterion: every material, process and consumable with inventory data is "
        "included; no mass or energy threshold is applied. A reference the inventory has no "
        "data for is left out and listed below with the mass it concerns (ISO 14044 4.2.3.3.3 "
        "asks for the cut-off criteria and their effect to be stated).")))
    out += m.paragraph(m.strong(m.text(_(
        "Share of the product's mass left out for lack of data: {share}.").format(
            share=numbers.pct(share * 100, 2)))))
    if share > CUTOFF_WARNING:
        out += m.paragraph(m.text(_(
            "This is more than 5 % of the product's mass: the results understate the product's "
            "impacts, and an evaluator will ask for the missing data.")))
    if not model.gaps:
        return out + m.paragraph(m.text(_("Nothing is left out.")))
    fields = {"material": _("material"), "process": _("process"),
              "consumable": _("consumable")}
    rows = []
    for gap in model.gaps:
        part = ctx.part_name(gap.part_id) if gap.part_id else gap.part_name
        rows.append([m.text(part), m.text(gap.part_id or "\u2013"),
                     m.text(fields.get(gap.field, gap.field)),
                     m.text(f"{ctx.dataset_name(gap.code)} ({gap.code})"),
                     m.text(numbers.mass(gap.mass_kg) if gap.mass_kg else "\u2013"),
                     m.text(numbers.share(gap.mass_kg, model.product_mass_kg, 2)
                            if gap.mass_kg else "\u2013")])
    out += m.table(["1fr", "2.8cm", "1.6cm", "1fr", "1.5cm", "1.6cm"],
                   [m.text(_("Part")), m.text(_("ID")), m.text(_("Left out")),
                    m.text(_("Reference without data")), m.text(_("Mass (kg)")),
                    m.text(_("Share of mass"))], rows, size="8.5pt",
                   align=["left", "left", "left", "left", "right", "right"],
                   caption=m.text(_("References left out for lack of inventory data")),
                   label=ctx.label("tab-gaps"),
                   note=m.text(_("Processes and consumables left out carry no mass of the "
                                 "product; their burden is missing from the results.")))
    return out


def _allocation() -> str:
    return m.bullet_list([
        m.text(_("Recycling: cut-off (recycled content) approach. Secondary material carries "
                 "only the burden of its recycling; material sent to recycling leaves the "
                 "system without burden and without credit in the total.")),
        m.text(_("Credits for the avoided primary production of recycled material and for "
                 "recovered energy are computed beyond the system boundary (EN 15804 module D) "
                 "and reported apart.")),
        m.text(_("Multi-output USLCI unit processes are allocated by mass, as the USLCI data "
                 "provide them.")),
    ])


def _data_quality(ctx: ReportContext) -> str:
    records = ctx.data.datasets
    years = sorted(int(r.year) for r in records if r.year.isdigit())
    by_geo: dict[str, int] = defaultdict(int)
    for record in records:
        by_geo[record.geography or "?"] += 1
    geos = ", ".join(f"{terms.geography(g)} ({g}) {n}" for g, n in
                     sorted(by_geo.items(), key=lambda kv: -kv[1]))
    ghg = [r for r in records if r.ghg_only]
    proxies = [r for r in records if r.proxy]
    users = [r for r in records if r.user_database]
    pairs = [
        (m.text(_("Datasets used")), m.text(str(len(records)))),
        (m.text(_("Data years")), m.text(f"{years[0]}\u2013{years[-1]}" if years else "\u2013")),
        (m.text(_("Geographies")), m.text(geos)),
        (m.text(_("Datasets with greenhouse gases only")), m.text(str(len(ghg)))),
        (m.text(_("Proxy datasets")), m.text(str(len(proxies)))),
        (m.text(_("Datasets of user databases")), m.text(str(len(users)))),
    ]
    out = m.paragraph(m.text(_(
        "Foreground data (the bill of materials, the processes, the scenario) are the "
        "applicant's, as entered in the project. Background data are the datasets of the "
        "bundled inventory (USLCI unit processes of the U.S. Federal LCA Commons and published "
        "emission factors, each with its source, year, geography and Weidema pedigree) and "
        "of any user database. Every dataset used is listed in the data provenance "
        "appendix.")))
    out += m.key_values(pairs, first="38%")
    out += m.paragraph(m.text(_(
        "Data quality is rated per dataset with the pedigree matrix (reliability, "
        "completeness, temporal, geographical and technological correlation, 1 best to 5 "
        "worst); the ratings set the spread of each dataset in the Monte Carlo analysis "
        "(ecoinvent data quality guideline, Weidema et al. 2013).")))
    return out


def _methods(ctx: ReportContext) -> str:
    rows = []
    for method, unit in zip(ctx.data.methods, ctx.data.units, strict=True):
        rows.append([m.text(terms.method_family(method[0])), m.text(terms.category(method)),
                     m.text(terms.indicator(method)), m.chem(terms.unit(unit))])
    bw2io = ctx.data.versions.get("bw2io", "")
    out = m.paragraph(m.text(_(
        "Characterisation factors of the methods as shipped with bw2io {version}: IPCC 2021 "
        "(AR6) GWP100 for climate change and the carbon footprint, the EF v3.1 categories, "
        "Cumulative Energy Demand (CED) and any other method chosen in the project.").format(
            version=bw2io)))
    out += m.table(["2.8cm", "1fr", "1fr", "2.8cm"],
                   [m.text(_("Method")), m.text(_("Impact category")),
                    m.text(_("Category indicator")), m.text(_("Unit"))], rows, size="8pt",
                   caption=m.text(_("Impact assessment methods and categories")),
                   label=ctx.label("tab-methods"))
    return out


def _software(ctx: ReportContext) -> str:
    versions = ctx.data.versions
    names = {"greendesign": "GreenDesign", "inventory_data": _("inventory data version"),
             "bw2data": "bw2data", "bw2calc": "bw2calc", "bw2io": "bw2io",
             "PySide6-Essentials": "PySide6", "numpy": "NumPy", "pandas": "pandas",
             "python": "Python"}
    pairs = [(m.text(names.get(k, k)), m.text(v)) for k, v in versions.items()]
    residual = ctx.data.residual
    pairs.append((m.text(_("Solver")), m.text(ctx.data.solver or "\u2013")))
    pairs.append((m.text(_("Largest residual |AX - E|")),
                  m.num(residual) if residual is not None else m.text("\u2013")))
    out = m.key_values(pairs, first="38%")
    out += m.paragraph(m.text(_(
        "The results are computed with the fast path of GreenDesign: the characterised "
        "cradle-to-gate intensities of every dataset, solved once with Brightway's matrices, "
        "times the product's demand on each dataset. The Brightway reference path computes the "
        "same numbers stage by stage; the test suite holds both equal to 1e-9 relative "
        "(docs/lca-method.md).")))
    return out


# --- inventory ---------------------------------------------------------------------------------

def section_inventory(ctx: ReportContext) -> str:
    out = [m.heading(2, _("Life cycle inventory"), ctx.define("lca-inventory")),
           m.heading(3, _("Bill of materials by assembly"), ctx.define("lca-inventory-bom")),
           _bom(ctx),
           m.heading(3, _("Mass balance"), ctx.define("lca-inventory-balance")),
           _mass_balance(ctx),
           m.heading(3, _("Inventory flows by stage"), ctx.define("lca-inventory-flows")),
           _flows(ctx)]
    return "".join(out)


def _bom(ctx: ReportContext) -> str:
    from greendesign.model.part import Part, walk

    product = ctx.product
    rolled: dict[str, float] = {}

    def node_mass(node, count: float) -> float:
        if isinstance(node, Part):
            return node.mass_kg * count
        total = sum(node_mass(child, count * child.quantity) for child in node.children)
        rolled[node.id] = total
        return total

    for top in product.bom:
        node_mass(top, top.quantity)
    rows = []
    for node, count, depth, _parent in walk(product.bom):
        indent = f"#h({0.8 * depth:.1f}em)" if depth else ""
        name = indent + m.text(pick(node.name, node.name_zh))
        if isinstance(node, Part):
            rows.append([name, m.text(node.id), m.text(ctx.dataset_name(node.material)),
                         m.text(f"{node.quantity:g}"), m.text(numbers.mass(node.mass_kg)),
                         m.text(numbers.mass(node.mass_kg * count)),
                         m.text(numbers.pct(node.recycled_content * 100, 0)
                                if node.recycled_content else "\u2013")])
        else:
            rows.append([m.strong(name), m.text(node.id), m.text("\u2013"),
                         m.text(f"{node.quantity:g}"), m.text("\u2013"),
                         m.strong(m.text(numbers.mass(rolled.get(node.id, 0.0)))),
                         m.text("\u2013")])
    rows.append([m.strong(m.text(_("Total"))), "", "", "", "",
                 m.strong(m.text(numbers.mass(product.mass_kg))), ""])
    return m.table(["1fr", "3cm", "1fr", "0.9cm", "1.6cm", "1.9cm", "1.5cm"],
                   [m.text(_("Part or assembly")), m.text(_("ID")), m.text(_("Material")),
                    m.text(_("Qty")), m.text(_("Mass each (kg)")),
                    m.text(_("Mass per product (kg)")), m.text(_("Recycled content"))],
                   rows, size="7.5pt",
                   align=["left", "left", "left", "right", "right", "right", "right"],
                   caption=m.text(_("Bill of materials (quantities per parent, masses per "
                                    "product)")), label=ctx.label("tab-bom"))


def mass_balance(ctx: ReportContext) -> dict[str, float]:
    """BOM mass, mass without data, the modelled material input and the input expected from
    the BOM for the parts with data (scrap included); their difference should be ~0."""
    from greendesign.model.part import iter_parts

    product = ctx.product
    model = ctx.main.result.model
    gap_parts = {g.part_id for g in model.gaps if g.field == "material"}
    excluded = sum(g.mass_kg for g in model.gaps if g.field == "material")
    expected = sum(part.mass_kg * count * (1.0 + part.scrap_rate)
                   for part, count in iter_parts(product.bom) if part.id not in gap_parts)
    lines = ctx.main.result.lines
    raw = lines[(lines["stage"] == "raw_materials")
                & lines["kind"].isin(["material", "recycled_content"])]
    modelled = float(raw["amount"].sum())
    return {"bom_kg": product.mass_kg, "excluded_kg": excluded,
            "with_data_kg": product.mass_kg - excluded, "modelled_input_kg": modelled,
            "expected_input_kg": expected, "residual_kg": modelled - expected}


def _mass_balance(ctx: ReportContext) -> str:
    balance = mass_balance(ctx)
    rows = [
        (_("BOM mass (parts x quantities, packaging included)"), balance["bom_kg"]),
        (_("of which materials without inventory data (left out)"), balance["excluded_kg"]),
        (_("BOM mass with inventory data"), balance["with_data_kg"]),
        (_("Material input expected from the BOM (parts with data, scrap included)"),
         balance["expected_input_kg"]),
        (_("Material input modelled (raw material acquisition stage)"),
         balance["modelled_input_kg"]),
        (_("Difference (modelled - expected)"), balance["residual_kg"]),
    ]
    return m.table(["1fr", "3cm"], [m.text(_("Quantity")), m.text(_("Mass (kg)"))],
                   [[m.text(a), m.text(numbers.mass(b) if abs(b) > 1e-9 else "0")]
                    for a, b in rows], size="9pt", align=["left", "right"],
                   caption=m.text(_("Mass balance: modelled mass against BOM mass")),
                   label=ctx.label("tab-balance"))


def kind_name(kind: str) -> str:
    names = {"material": _("materials"), "recycled_content": _("recycled-content input"),
             "process": _("processes"), "electricity": _("electricity"),
             "transport": _("transport"), "energy": _("use-phase energy"),
             "consumable": _("consumables"), "replacement_material": _("replacement materials"),
             "replacement_process": _("replacement processes"), "landfill": _("landfill"),
             "energy_recovery": _("incineration with energy recovery"),
             "pretreatment": _("pre-treatment (WEEE, batteries)"), "credit": _("credits"),
             "emission": _("direct emissions")}
    return names.get(kind, kind)


def _flows(ctx: ReportContext) -> str:
    result = ctx.main.result
    lines = result.lines.copy()
    provenance = result.bg.provenance
    lines["unit"] = lines["dataset"].map(lambda c: str(provenance.get(c, {}).get("unit", "")))
    table = lines.groupby(["stage", "kind", "unit"], sort=False)["amount"].agg(["count", "sum"])
    order = {s: i for i, s in enumerate(("raw_materials", "manufacturing", "distribution",
                                         "use", "end_of_life", "credits_beyond_boundary"))}
    rows = []
    for (stage, kind, unit), values in sorted(table.iterrows(),
                                              key=lambda kv: order.get(kv[0][0], 9)):
        if stage == "credits_beyond_boundary":
            continue
        rows.append([m.text(terms.stage(stage)), m.text(kind_name(kind)),
                     m.text(str(int(values["count"]))), m.text(numbers.sig(values["sum"], 4)),
                     m.chem(unit.replace("*", "\u00b7"))])
    out = m.table(["3.4cm", "1fr", "1.3cm", "2.6cm", "1.5cm"],
                  [m.text(_("Stage")), m.text(_("Flow")), m.text(_("Lines")),
                   m.text(_("Amount per product")), m.text(_("Unit"))], rows, size="8.5pt",
                  align=["left", "left", "right", "right", "left"],
                  caption=m.text(_("Demand on the inventory datasets by stage")),
                  label=ctx.label("tab-flows"))
    out += m.paragraph(m.text(_(
        "Each line is one demand of the product on one dataset (a material of a part, a "
        "process, a transport leg). The elementary flows of the whole life cycle inventory "
        "are in the workbook of this evidence pack.")))
    return out
