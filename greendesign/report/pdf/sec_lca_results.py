"""Sections 3.3 and 3.4: impact assessment results and interpretation (ISO 14044 5.2 e, f).

Every number is read from the engine's :class:`~greendesign.lca.engine.Result` of the pack
(``by_stage``, ``by_part``, ``by_material``, ``by_process``, ``credits``), the tornado and
the Monte Carlo run of :mod:`greendesign.lca.uncertainty` that :func:`gather` made.
"""

from __future__ import annotations

import math

from greendesign.i18n import _, pick
from greendesign.model.vocab import ElectricityAccounting
from greendesign.report.pdf import markup as m
from greendesign.report.pdf import numbers, terms
from greendesign.report.pdf.context import ReportContext

STAGES = ("raw_materials", "manufacturing", "distribution", "use", "end_of_life")
KEY_CATEGORIES = (
    ("EF v3.1", "acidification", "accumulated exceedance (AE)"),
    ("EF v3.1", "particulate matter formation", "impact on human health"),
    ("EF v3.1", "energy resources: non-renewable",
     "abiotic depletion potential (ADP): fossil fuels"),
    ("EF v3.1", "material resources: metals/minerals",
     "abiotic depletion potential (ADP): elements (ultimate reserves)"),
    ("Cumulative Energy Demand (CED)", "total", "energy content (HHV)"),
)
"""Categories shown with their contributors beside GWP100 (those the pack assessed)."""
TOP = 12


def key_methods(ctx: ReportContext) -> list[tuple[str, ...]]:
    return [m_ for m_ in KEY_CATEGORIES if m_ in ctx.data.methods]


def section_results(ctx: ReportContext) -> str:
    out = [m.heading(2, _("Life cycle impact assessment"), ctx.define("lca-results")),
           m.landscape(m.heading(3, _("Results of every category by stage"),
                                 ctx.define("lca-results-all")) + _all_methods(ctx)),
           m.heading(3, _("Global warming potential by stage"),
                     ctx.define("lca-results-gwp")), _gwp_stages(ctx),
           m.heading(3, _("Contributions to GWP100"), ctx.define("lca-contributions")),
           _contributions(ctx, terms.GWP100)]
    keys = key_methods(ctx)
    if keys:
        out.append(m.heading(3, _("Contributions to other key categories"),
                             ctx.define("lca-contributions-key")))
        for method in keys:
            out.append(_key_category(ctx, method))
    return "".join(out)


def _all_methods(ctx: ReportContext) -> str:
    result = ctx.main.result
    stages = result.by_stage()
    rows = []
    for j, (method, unit) in enumerate(zip(ctx.data.methods, ctx.data.units, strict=True)):
        column = stages.columns[j]
        cells = [m.text(terms.method_short(method)), m.chem(terms.unit(unit))]
        cells += [m.num(float(stages.loc[s, column])) for s in STAGES]
        cells += [m.strong(m.num(float(result.total[j]))), m.num(float(result.credits[j]))]
        rows.append(cells)
    header = [m.text(_("Impact category")), m.text(_("Unit"))]
    header += [m.text(terms.stage(s)) for s in STAGES]
    header += [m.text(_("Total")), m.text(_("Module D (not in the total)"))]
    return m.table(["6.4cm", "2.6cm"] + ["1fr"] * 7, header, rows, size="8pt",
                   align=["left", "left"] + ["right"] * 7,
                   caption=m.text(_("Results per functional unit by life cycle stage, every "
                                    "method")), label=ctx.label("tab-all-methods"))


def _gwp_stages(ctx: ReportContext) -> str:
    carbon = ctx.main.carbon
    total = carbon.total_kg
    unit = m.chem(terms.unit("kg CO2-Eq"))
    rows = [[m.text(terms.stage(s)), m.num(carbon.by_stage_kg[s]),
             m.text(numbers.share(carbon.by_stage_kg[s], total))] for s in STAGES]
    rows.append([m.strong(m.text(_("Total"))), m.strong(m.num(total)), m.text("100 %")])
    rows.append([m.text(terms.stage("credits_beyond_boundary")),
                 m.num(carbon.credits_beyond_boundary_kg), m.text("\u2013")])
    out = ""
    chart = ctx.chart("stages")
    if chart:
        out += m.figure(chart, m.text(_("GWP100 by life cycle stage; module D shown apart, not "
                                        "in the total")), ctx.label("fig-stages"), width="88%")
    out += m.table(["1fr", "3.6cm", "2.2cm"], [m.text(_("Stage")),
                                               m.fill(_("GWP100 ({unit})"), unit=unit),
                                             m.text(_("Share"))], rows,
                   align=["left", "right", "right"], size="9pt",
                   caption=m.text(_("GWP100 by stage (IPCC 2021)")), label=ctx.label("tab-gwp"))
    return out


def share_rows(frame, column: str, total: float, name, limit: int = TOP):
    """The ``limit`` largest rows of ``frame[column]`` by absolute value, with the rest."""
    series = frame[column]
    series = series[series != 0]  # a zero contributes nothing: not a "largest contributor"
    order = series.abs().sort_values(ascending=False).index
    rows = [(name(key), float(series[key]), float(series[key]) / total if total else math.nan)
            for key in order[:limit]]
    rest = float(series[order[limit:]].sum()) if len(order) > limit else 0.0
    return rows, rest


def _ranked_table(ctx: ReportContext, rows, rest, title: str, label: str, unit: str,
                  what: str) -> str:
    body = [[m.text(str(i + 1)), m.text(name), m.num(value), m.text(numbers.pct(share * 100))]
            for i, (name, value, share) in enumerate(rows)]
    if rest:
        body.append(["", m.text(_("all others")), m.num(rest), m.text("\u2013")])
    return m.table(["0.8cm", "1fr", "3.6cm", "2.4cm"],
                   [m.text("#"), what, m.fill(_("Value ({unit})"), unit=unit),
                    m.text(_("Share of total"))], body, size="8.5pt",
                   align=["right", "left", "right", "right"], caption=title, label=label)


def _contributions(ctx: ReportContext, method) -> str:
    result = ctx.main.result
    j = ctx.data.method_index(method)
    column = result.by_stage().columns[j]
    total = float(result.total[j])
    unit = m.chem(terms.unit(ctx.data.units[j]))
    out = m.paragraph(m.text(_(
        "Parts: the part's own lines (its material, processes, transport, replacements and "
        "end of life); assemblies carry their own processes. Lines of the whole product (use-"
        "phase energy, distribution, factory electricity) belong to no part. Materials: every "
        "line of the material. Processes: the manufacturing processes.")))
    parts = result.by_part(rollup=False)
    rows, rest = share_rows(parts, column, total, ctx.part_name)
    chart = ctx.chart("parts")
    if chart:
        out += m.figure(chart, m.text(_("Largest part contributors to GWP100")),
                        ctx.label("fig-parts"), width="88%")
    out += _ranked_table(ctx, rows, rest, m.text(_("Contribution by part, GWP100")),
                         ctx.label("tab-parts"), unit, m.text(_("Part or assembly")))
    product_level = total - float(parts[column].sum())
    out += m.paragraph(m.text(_("Lines of the whole product (no part): {value} ({share}).")
                              .format(value=numbers.sig(product_level),
                                      share=numbers.share(product_level, total))))
    materials = result.by_material()
    rows, rest = share_rows(materials, column, total, ctx.dataset_name, 10)
    chart = ctx.chart("materials")
    if chart:
        out += m.figure(chart, m.text(_("Largest material contributors to GWP100")),
                        ctx.label("fig-materials"), width="88%")
    out += _ranked_table(ctx, rows, rest, m.text(_("Contribution by material, GWP100")),
                         ctx.label("tab-materials"), unit, m.text(_("Material")))
    processes = result.by_process()
    if len(processes):
        rows, rest = share_rows(processes, column, total, ctx.dataset_name, 10)
        out += _ranked_table(ctx, rows, rest, m.text(_("Contribution by process, GWP100")),
                             ctx.label("tab-processes"), unit, m.text(_("Process")))
    return out


def _key_category(ctx: ReportContext, method) -> str:
    result = ctx.main.result
    j = ctx.data.method_index(method)
    column = result.by_stage().columns[j]
    total = float(result.total[j])
    unit = terms.unit(ctx.data.units[j])
    parts, _rest = share_rows(result.by_part(rollup=False), column, total, ctx.part_name, 5)
    materials, _rest = share_rows(result.by_material(), column, total, ctx.dataset_name, 5)
    body = []
    for k in range(max(len(parts), len(materials))):
        row = []
        for source in (parts, materials):
            if k < len(source):
                name, value, share = source[k]
                row += [m.text(name), m.text(numbers.pct(share * 100))]
            else:
                row += ["", ""]
        body.append(row)
    title = m.fill(_("{category}: total {total} {unit}"),
                   category=m.text(terms.method_short(method)), total=m.num(total),
                   unit=m.chem(unit))
    return m.table(["1fr", "1.6cm", "1fr", "1.6cm"],
                   [m.text(_("Part or assembly")), m.text(_("Share")), m.text(_("Material")),
                    m.text(_("Share"))], body, size="8.5pt",
                   align=["left", "right", "left", "right"], caption=title,
                   label=ctx.label("tab-key-" + method[1]))


# --- interpretation ----------------------------------------------------------------------------

def section_interpretation(ctx: ReportContext) -> str:
    out = [m.heading(2, _("Interpretation"), ctx.define("lca-interpretation")),
           m.heading(3, _("Significant issues (hot spots)"), ctx.define("lca-hotspots")),
           _hotspots(ctx),
           m.heading(3, _("Sensitivity analysis"), ctx.define("lca-sensitivity")),
           _tornado(ctx),
           m.heading(3, _("Uncertainty analysis"), ctx.define("lca-uncertainty")),
           _monte_carlo(ctx),
           m.heading(3, _("Completeness, consistency and limitations"),
                     ctx.define("lca-limitations")), limitations(ctx)]
    return "".join(out)


def hotspots(ctx: ReportContext) -> dict:
    """The largest stage, parts and materials of GWP100 (name, value, share)."""
    result = ctx.main.result
    j = ctx.data.method_index(terms.GWP100)
    column = result.by_stage().columns[j]
    total = float(result.total[j])
    stages = ctx.main.carbon.by_stage_kg
    top_stage = max(stages, key=lambda s: stages[s])
    parts, _r = share_rows(result.by_part(rollup=False), column, total, ctx.part_name, 3)
    materials, _r = share_rows(result.by_material(), column, total, ctx.dataset_name, 3)
    return {"stage": (top_stage, stages[top_stage], stages[top_stage] / total if total else 0),
            "parts": parts, "materials": materials, "total": total}


def _hotspots(ctx: ReportContext) -> str:
    spots = hotspots(ctx)
    stage, value, share = spots["stage"]
    unit = terms.unit("kg CO2-Eq")

    def listing(items) -> str:
        return "; ".join(f"{name} {numbers.sig(v)} ({numbers.pct(s * 100)})"
                         for name, v, s in items)
    items = [
        m.fill(_("Stage: {stage} contributes {value} {unit} ({share}) of the GWP100 total of "
                 "{total} {unit}."), stage=m.text(terms.stage(stage)), value=m.num(value),
               share=m.text(numbers.pct(share * 100)), unit=m.chem(unit),
               total=m.num(spots["total"])),
        m.text(_("Parts: {items}.").format(items=listing(spots["parts"]))),
        m.text(_("Materials: {items}.").format(items=listing(spots["materials"]))),
    ]
    if stage == "use":
        items.append(m.text(_("The use phase dominates: the electricity use per year, the "
                              "service life and the use grid matter most; design effort "
                              "on energy efficiency pays before material changes.")))
    return m.bullet_list(items)


def parameter_name(ctx: ReportContext, parameter: str) -> str:
    """A tornado parameter in the current language (``mass: <part>`` by the part's name)."""
    if parameter == "service life":
        return _("service life")
    if parameter == "use-phase energy":
        return _("use-phase energy")
    if parameter.startswith("mass: "):
        name = parameter.removeprefix("mass: ")
        tree = ctx.main.result.model.tree
        part_id = next((pid for pid, (n, _p, _d) in tree.items() if n == name), None)
        return _("mass: {part}").format(part=ctx.part_name(part_id) if part_id else name)
    return parameter


def _tornado(ctx: ReportContext) -> str:
    frame = ctx.main.tornado
    out = m.paragraph(m.text(_(
        "One parameter at a time is set to its 2.5th and 97.5th percentile while the others "
        "keep their nominal values: the masses of the parts with the largest GWP100 (normal, "
        "standard deviation half the mass tolerance), the service life (triangular, 0.8 to "
        "1.2 times) and the use-phase energy (normal, 10 %).")))
    if frame is None or not len(frame):
        return out + m.paragraph(m.text(_("No parameter changes the result.")))
    chart = ctx.chart("tornado")
    if chart:
        out += m.figure(chart, m.text(_("Sensitivity of GWP100 (tornado)")),
                        ctx.label("fig-tornado"), width="88%")
    base = float(frame.attrs.get("baseline", ctx.main.carbon.total_kg))
    rows = []
    for record in frame.itertuples():
        rows.append([m.text(parameter_name(ctx, record.parameter)),
                     m.text(f"{record.low_factor:.3f} \u2013 {record.high_factor:.3f}"),
                     m.num(record.low), m.num(record.high), m.num(record.swing),
                     m.text(numbers.share(record.swing, base))])
    unit = m.chem(terms.unit("kg CO2-Eq"))
    return out + m.table(["1fr", "2.6cm", "2.3cm", "2.3cm", "1.9cm", "1.9cm"],
                         [m.text(_("Parameter")), m.text(_("Factor range")),
                          m.fill(_("Low ({unit})"), unit=unit),
                          m.fill(_("High ({unit})"), unit=unit), m.text(_("Swing")),
                          m.text(_("Swing / total"))], rows, size="8.5pt",
                         align=["left", "center", "right", "right", "right", "right"],
                         caption=m.text(_("Sensitivity of GWP100 to the foreground "
                                          "parameters")), label=ctx.label("tab-tornado"))


def _monte_carlo(ctx: ReportContext) -> str:
    mc = ctx.main.monte_carlo
    if mc is None:
        return m.paragraph(m.text(_("No Monte Carlo analysis was run for this report "
                                    "(0 iterations).")))
    out = m.paragraph(m.text(_(
        "{iterations} Monte Carlo iterations (seed {seed}): every background dataset varies "
        "with a lognormal factor whose spread follows its pedigree, and the foreground "
        "parameters vary as in the sensitivity analysis (end-of-life shares as a Dirichlet "
        "draw). The same seed reproduces the same numbers.").format(
            iterations=mc.samples.shape[0], seed=mc.seed)))
    chart = ctx.chart("monte_carlo")
    if chart:
        out += m.figure(chart, m.text(_("Distribution of GWP100 over the Monte Carlo "
                                        "iterations")), ctx.label("fig-mc"), width="84%")
    stats = mc.statistics()
    wanted = [terms.GWP100, *key_methods(ctx)]
    rows = []
    for method in wanted:
        if method not in mc.methods:
            continue
        row = stats.iloc[mc.methods.index(method)]
        cv = row["sd"] / abs(row["mean"]) if row["mean"] else math.nan
        rows.append([m.text(terms.method_short(method)), m.chem(terms.unit(row["unit"])),
                     m.num(row["deterministic"]), m.num(row["mean"]), m.num(row["median"]),
                     m.num(row["p2_5"]), m.num(row["p97_5"]), m.text(numbers.pct(cv * 100, 0))])
    return out + m.table(["1fr", "2.3cm", "1.7cm", "1.7cm", "1.7cm", "1.7cm", "1.7cm",
                          "1.1cm"],
                         [m.text(_("Category")), m.text(_("Unit")),
                          m.text(_("Deterministic")), m.text(_("Mean")), m.text(_("Median")),
                          m.text("2.5 %"), m.text("97.5 %"), m.text(_("CV"))], rows,
                         size="8pt", align=["left", "left"] + ["right"] * 6,
                         caption=m.text(_("Monte Carlo statistics")),
                         label=ctx.label("tab-mc"))


def limitations(ctx: ReportContext) -> str:
    """Every GHG-only dataset, proxy, part left out and non-Chinese dataset, by name."""
    result = ctx.main.result
    items = []
    notes = result.ghg_only_notes()
    if len(notes):
        rows = [[m.text(ctx.dataset_name(r.dataset)), m.text(r.dataset),
                 m.text(numbers.pct(r.share_of_gwp100 * 100, 2)
                        if r.share_of_gwp100 is not None else "\u2013")]
                for r in notes.itertuples()]
        items.append(m.paragraph(m.text(_(
            "Datasets with greenhouse gases only: they contribute to climate change and "
            "leave every other category blank, so those categories understate the product's "
            "impacts where these datasets matter."))) +
            m.table(["1fr", "3.6cm", "2.4cm"], [m.text(_("Dataset")), m.text(_("Code")),
                                              m.text(_("Share of GWP100"))], rows,
                    size="8.5pt", align=["left", "left", "right"],
                    caption=m.text(_("Datasets with greenhouse gases only")),
                    label=ctx.label("tab-ghg-only")))
    proxies = [r for r in ctx.data.datasets if r.proxy]
    if proxies:
        rows = [[m.text(ctx.dataset_name(r.code)), m.text(pick(r.proxy, r.proxy_zh))]
                for r in proxies]
        items.append(m.table(["4.2cm", "1fr"], [m.text(_("Dataset")),
                                                m.text(_("Proxy: what stands in for what (as "
                                                         "the dataset notes it)"))],
                             rows, size="8pt",
                             caption=m.text(_("Proxy datasets")), label=ctx.label("tab-proxy")))
    if ctx.made_in_china():
        foreign: dict[str, list[str]] = {}
        for r in ctx.data.datasets:
            if r.geography and not terms.is_china(r.geography):
                foreign.setdefault(r.geography, []).append(ctx.dataset_name(r.code))
        if foreign:
            rows = [[m.strong(m.text(terms.geography_note(geo))), m.text("; ".join(names))]
                    for geo, names in sorted(foreign.items(), key=lambda kv: -len(kv[1]))]
            items.append(m.table(["5.4cm", "1fr"], [m.text(_("Geography")),
                                                    m.text(_("Datasets"))], rows, size="8pt",
                                 caption=m.text(_("Datasets whose geography is not China")),
                                 label=ctx.label("tab-geography")))
    gaps = result.model.gaps
    if gaps:
        names = "; ".join(f"{ctx.part_name(g.part_id) if g.part_id else g.part_name} "
                          f"({g.code})" for g in gaps)
        items.append(m.paragraph(m.text(_("Left out for lack of data: {items}.").format(
            items=names))))
    uslci = sorted(int(r.year) for r in ctx.data.datasets
                   if "USLCI" in r.source and r.year.isdigit())
    general = []
    if uslci:
        general.append(m.text(_(
            "The USLCI data used date from {first} to {last} and represent North America; "
            "the USLCI power plants stand in for the Chinese generation technologies of the "
            "grid mixes.").format(first=uslci[0], last=uslci[-1])))
    if ctx.product.scenario.electricity_accounting is ElectricityAccounting.LIFE_CYCLE:
        general.append(m.text(_(
            "Hydro, wind and solar electricity carry only their life-cycle greenhouse gases, "
            "and the power chains carry no land use, water use or ionising radiation: those "
            "categories understate electricity.")))
    else:
        general.append(m.text(_(
            "Grid electricity is counted with the published CO2 factors (MEE/NBS for China, "
            "CO2 only), as chosen for this product: every category other than climate change "
            "leaves it out.")))
    items.append(m.bullet_list(general + [
        m.text(_("Landfill and incineration carry collection and the material's CO2 only; "
                 "landfill methane is not modelled.")),
        m.text(_("The same datasets, methods and rules are applied to every design in this "
                 "report, so their differences are consistent with each other.")),
    ]))
    return "".join(items)
