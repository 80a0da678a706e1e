"""Section 5: green design: lightweighting, modularity / disassembly / repairability,
recyclability and circularity with their formulas, the GB/T 26572 restricted substances
declaration, the improvement plan and the green design index.

Every value is the pack's :func:`greendesign.scoring.report.score_json` result (the Green
design page's numbers); the formulas are those of docs/scoring.md with the sources of
``greendesign.scoring.report.SOURCES``. The findings and suggestions are written here from
their structured fields, so they read in the report's language.
"""

from __future__ import annotations

from greendesign.i18n import _, pick
from greendesign.report.pdf import markup as m
from greendesign.report.pdf import numbers, terms
from greendesign.report.pdf.context import ReportContext

DASH = "\u2013"


def section(ctx: ReportContext) -> str:
    s = ctx.main.scores
    out = [m.heading(1, _("Green design"), ctx.define("green")),
           m.paragraph(m.text(_(
               "Scores of the design the report is for, without its packaging (reported "
               "apart: {packaging} kg). Rates are percentages of the product's mass.").format(
                   packaging=numbers.mass(s["packaging_kg"])))),
           m.heading(2, _("Lightweighting"), ctx.define("green-light")), _light(ctx),
           m.heading(2, _("Modularity, disassembly and repairability"),
                     ctx.define("green-modular")), _modular(ctx),
           m.heading(2, _("Recyclability and circularity"), ctx.define("green-recycle")),
           _recycle(ctx),
           m.heading(2, _("Restricted substances (GB/T 26572)"),
                     ctx.define("green-substances")), _substances(ctx),
           m.heading(2, _("Improvement plan"), ctx.define("green-plan")), _plan(ctx),
           m.heading(2, _("Green design index (self-assessment)"),
                     ctx.define("green-index")), _index(ctx)]
    return "".join(out)


def _score_table(ctx: ReportContext, rows, label: str, caption: str) -> str:
    body = [[m.text(name), value, m.text(formula), m.text(source)]
            for name, value, formula, source in rows]
    return m.table(["3.2cm", "1.8cm", "1fr", "3.8cm"],
                   [m.text(_("Score")), m.text(_("Value")), m.text(_("Formula")),
                    m.text(_("Source"))], body, size="8pt",
                   align=["left", "right", "left", "left"], caption=caption,
                   label=ctx.label(label))


def _light(ctx: ReportContext) -> str:
    s = ctx.main.scores
    reference = s.get("reference_design")
    rows = [
        (_("Product mass"), m.text(f"{numbers.mass(s['mass_kg'])} kg"),
         "M = \u03a3 n_i m_i", _("the BOM (leaf parts x units per product)")),
        (_("Material input (scrap included)"), m.text(f"{numbers.mass(s['material_input_kg'])} "
                                                      "kg"),
         "\u03a3 n_i m_i (1 + s_i)", _("the BOM (scrap rates)")),
        (_("Material efficiency"), m.text(numbers.pct(s["material_efficiency"])),
         "M / \u03a3 n_i m_i (1 + s_i) \u00d7 100", _("docs/scoring.md 1")),
        (_("Mass reduction against the reference design"),
         m.text(numbers.pct(s["mass_reduction_pct"]) if s["mass_reduction_pct"] is not None
                else "\u2013"),
         "(M_ref \u2212 M) / M_ref \u00d7 100",
         _("reference design: {name}").format(name=terms.design(reference)) if reference
         else _("no other reference design in the project")),
    ]
    out = _score_table(ctx, rows, "tab-light", m.text(_("Lightweighting")))
    by_module = s.get("mass_by_module") or {}
    if by_module:
        body = [[m.text(module), m.text(numbers.mass(kg)), m.text(numbers.share(kg, s["mass_kg"]))]
                for module, kg in sorted(by_module.items(), key=lambda kv: -kv[1])]
        out += m.table(["1fr", "2.6cm", "2cm"], [m.text(_("Module")), m.text(_("Mass (kg)")),
                                                 m.text(_("Share"))], body, size="8.5pt",
                       align=["left", "right", "right"],
                       caption=m.text(_("Mass by module")), label=ctx.label("tab-modules"))
    out += m.paragraph(m.text(_("Ashby's material indices (tie E/\u03c1, beam E^1/2/\u03c1, panel "
                                "E^1/3/\u03c1 and their strength forms) rank lighter materials "
                                "for parts given with a load case (Ashby, Materials Selection "
                                "in Mechanical Design).")))
    return out


def _modular(ctx: ReportContext) -> str:
    s = ctx.main.scores
    rep = s.get("repairability") or {}
    rows = [
        (_("Reversible joints"), m.text(numbers.pct(s["reversible_joint_share"])),
         _("reversible joint instances / all joint instances"), "lca_data/scoring/joints.csv"),
        (_("Standard fasteners"), m.text(numbers.pct(s["standard_fastener_share"])),
         _("joints made with standard fasteners / all joint instances"),
         "lca_data/scoring/joints.csv"),
        (_("Time to reach the priority parts"),
         m.text(f"{numbers.plain(s['disassembly_time_s'], 0)} s"),
         _("\u03a3 per step: tool change + n (identify + position + disconnect) + manipulate + "
           "remove"), _("eDiM, Vanegas et al. (2018); per-joint times estimated, unverified")),
        (_("Full disassembly time"), m.text(f"{numbers.plain(s['full_disassembly_time_s'], 0)} s"),
         _("every node taken apart once"), _("eDiM (as above)")),
        (_("Repairability index"),
         m.text(f"{numbers.plain(rep.get('index'), 2)} ({rep.get('class') or DASH})"),
         "R = 0.25 S_depth + 0.15 (S_fasteners + S_tools + S_spare + S_software + S_info)",
         _("EN 45554:2020 parameters as aggregated in Regulation (EU) 2023/1669 Annex IV")),
        (_("Modularity Q"), m.text(numbers.plain(s["modularity_q"], 3)),
         "Q = \u03a3_c [L_c / m \u2212 (d_c / 2m)\u00b2]", _("Newman (2006), PNAS 103(23)")),
    ]
    out = _score_table(ctx, rows, "tab-modular", m.text(_("Modularity, disassembly and "
                                                          "repairability")))
    if rep.get("not_assessed"):
        out += m.paragraph(m.text(_(
            "Spare parts, software and information are not in the product model: the "
            "repairability index is renormalised over depth, fasteners and tools, so its class "
            "is indicative.")))
    priority = s.get("priority_parts") or []
    if priority:
        parts = {p["part_id"]: p for p in rep.get("parts", [])}
        body = []
        for part in priority:
            joints = ", ".join(terms.joint(step["joint"]) for step in part["steps"])
            score = parts.get(part["part_id"], {})
            body.append([m.text(ctx.part_name(part["part_id"])), m.text(str(part["depth"])),
                         m.text(joints), m.text(numbers.plain(part["time_s"], 0)),
                         m.text(f"{numbers.plain(score.get('index'), 2)} "
                                f"({score.get('class') or DASH})")])
        out += m.table(["1fr", "1.2cm", "1fr", "1.5cm", "2.3cm"],
                       [m.text(_("Priority part")), m.text(_("Steps")),
                        m.text(_("Joints on the path")), m.text(_("Time (s)")),
                        m.text(_("Repairability"))], body, size="8.5pt",
                       align=["left", "right", "left", "right", "right"],
                       caption=m.text(_("Priority parts: disassembly path and repairability")),
                       label=ctx.label("tab-priority"))
    return out


def _recycle(ctx: ReportContext) -> str:
    s = ctx.main.scores
    iso = s.get("iso22628") or {}
    terms_mci = s.get("mci_terms") or {}
    rows = [
        (_("Recyclability rate RCR"), m.text(numbers.pct(s["recyclability_rate"])),
         "RCR = \u03a3 m_i (u_i + r_i y_i) / M \u00d7 100", "IEC TR 62635:2012"),
        (_("Recoverability rate RVR"), m.text(numbers.pct(s["recoverability_rate"])),
         "RVR = \u03a3 m_i (u_i + r_i y_i + e_i) / M \u00d7 100", "IEC TR 62635:2012"),
        (_("Recycled content"), m.text(numbers.pct(s["recycled_content"])),
         "\u03a3 m_i rc_i / M \u00d7 100", _("ISO 14021 (recycled content by mass)")),
        (_("Material Circularity Indicator"), m.text(numbers.plain(s["mci"], 3)),
         "MCI = max(0, 1 \u2212 LFI \u00b7 0.9 / X), LFI = (V + W) / (2M + (W_F \u2212 W_C)/2)",
         _("Ellen MacArthur Foundation and Granta Design (2015)")),
    ]
    out = _score_table(ctx, rows, "tab-recycle", m.text(_("Recyclability and circularity")))
    out += m.paragraph(m.text(_(
        "ISO 22628 split: metals recycled {metals} kg, non-metals recycled {non_metals} kg, "
        "energy recovery {energy} kg, reuse {reuse} kg. MCI terms: M {M} kg, V {V} kg, W {W} "
        "kg, LFI {LFI}, X {X}.").format(
            metals=numbers.mass(iso.get("metals_recycled_kg")),
            non_metals=numbers.mass(iso.get("non_metals_recycled_kg")),
            energy=numbers.mass(iso.get("energy_recovery_kg")),
            reuse=numbers.mass(iso.get("reuse_kg")),
            **{k: numbers.sig(terms_mci.get(k), 3) for k in ("M", "V", "W", "LFI", "X")})))
    findings = [f for f in s.get("combination_findings") or [] if f["severity"] != "info"]
    if findings:
        out += m.paragraph(m.text(_("Material combinations that hinder recycling:")))
        out += m.bullet_list([m.text(combination_text(ctx, f)) for f in findings])
    return out


def combination_text(ctx: ReportContext, finding: dict) -> str:
    part = ctx.part_name(finding["part_id"])
    if "host_family" in finding:
        return _("{part} ({family}) is joined by {joint} to {parent}, made mostly of {host}: "
                 "dissimilar materials joined permanently hinder separation").format(
            part=part, family=terms.family(finding.get("family", "")),
            joint=terms.joint(finding.get("joint", "")),
            parent=ctx.part_name(finding.get("parent", "")),
            host=terms.family(finding.get("host_family", "")))
    if "processes" in finding:
        return _("{part}: coated or plated ({processes}), hard to recycle").format(
            part=part, processes=", ".join(ctx.dataset_name(p) for p in finding["processes"]))
    return _("{part} ({material}): hinders recycling").format(
        part=part, material=ctx.dataset_name(finding.get("material", "")))


def substance_name(name: str) -> str:
    from greendesign.scoring.data import restricted_substances

    for substance in restricted_substances():
        if substance.name == name:
            return pick(substance.name, substance.name_zh)
    return name


def _substances(ctx: ReportContext) -> str:
    from greendesign.scoring.data import restricted_substances

    s = ctx.main.scores
    findings = s.get("restricted_substance_findings") or []
    rules = [r for r in restricted_substances() if r.regime == "GB/T 26572"]
    limits = "; ".join(f"{pick(r.name, r.name_zh)} {numbers.pct(r.limit * 100, 2)}"
                       for r in rules)
    out = m.paragraph(m.text(_(
        "Declared substances of each part's homogeneous material, as entered in the BOM, "
        "checked against the limits of GB/T 26572-2011 ({limits}) and the four phthalates of "
        "(EU) 2015/863. Exemptions are not applied.").format(limits=limits)))
    if not findings:
        out += m.paragraph(m.strong(m.text(_(
            "Declaration: no declared substance exceeds its limit."))))
    else:
        body = [[m.text(ctx.part_name(f["part_id"])), m.text(substance_name(f["substance"])),
                 m.text(f.get("cas") or "\u2013"),
                 m.text(numbers.pct(f["mass_fraction"] * 100, 2)),
                 m.text(numbers.pct(f["limit"] * 100, 2)), m.text(f.get("regime", "")),
                 m.text(terms.status("fail"))] for f in findings]
        out += m.table(["1fr", "2.4cm", "2cm", "1.6cm", "1.5cm", "2cm", "1.5cm"],
                       [m.text(_("Part")), m.text(_("Substance")), m.text("CAS"),
                        m.text(_("Declared")), m.text(_("Limit")), m.text(_("Regime")),
                        m.text(_("Verdict"))], body, size="8.5pt",
                       caption=m.text(_("Restricted substances above their limit")),
                       label=ctx.label("tab-substances"))
    out += m.paragraph(m.text(_(
        "The declaration rests on the substances declared in the BOM; test reports "
        "(GB/T 26125) in the attachments register are the evidence an evaluator checks.")))
    markings = s.get("plastic_marking_findings") or []
    if markings:
        out += m.paragraph(m.text(_("Plastic parts without a correct ISO 11469 marking: "
                                    "{items}.").format(items="; ".join(
            f"{ctx.part_name(f['part_id'])} ({f.get('expected') or DASH})"
            for f in markings))))
    return out


def suggestion_text(ctx: ReportContext, item: dict) -> str:
    """An improvement suggestion of score_json in the current language, from its fields."""
    lever = item.get("lever", "")
    parts = item.get("parts") or []
    first = ctx.part_name(parts[0]) if parts else ""
    scores = ctx.main.scores
    if lever == "restricted_substance":
        found = next((f for f in scores.get("restricted_substance_findings") or []
                      if f["part_id"] in parts), None)
        what = substance_name(found["substance"]) if found else _("the restricted substance")
        return _("Replace {substance} in {part} by a compliant alternative").format(
            substance=what, part=first)
    if lever == "recycled_content":
        return _("Raise the recycled content of {part} to {target} %").format(
            part=first, target=f"{float(item.get('target') or 0.3) * 100:g}")
    if lever == "separable_joint":
        found = next((f for f in scores.get("combination_findings") or []
                      if f["part_id"] in parts and "host_family" in f), {})
        return _("Join {part} reversibly (screws or clips) instead of by {joint}, so that it "
                 "separates from the {host}").format(
            part=first, joint=terms.joint(found.get("joint", "")),
            host=terms.family(found.get("host_family", "")))
    if lever == "reversible_joints":
        target = item.get("priority_part") or (parts[-1] if parts else "")
        return _("Make {part} removable: reversible joints on its path ({ids})").format(
            part=ctx.part_name(target), ids=", ".join(parts))
    if lever == "plastic_marking":
        return _("Mark {count} plastic parts per ISO 11469").format(count=len(parts))
    if lever == "material_substitution":
        return _("Make {part} of {material} (mass x {ratio})").format(
            part=first, material=ctx.dataset_name(str(item.get("material", ""))),
            ratio=numbers.plain(item.get("mass_ratio"), 2))
    return lever


def _plan(ctx: ReportContext) -> str:
    suggestions = ctx.main.scores.get("suggestions") or []
    if not suggestions:
        return m.paragraph(m.text(_("No improvement is proposed for this design.")))
    body = []
    for index, item in enumerate(suggestions, 1):
        change = item.get("index_change")
        gwp = item.get("gwp_change_kg")
        body.append([m.text(str(index)), m.text(suggestion_text(ctx, item)),
                     m.text(f"{change:+.1f}".replace("-", numbers.MINUS) if change is not None
                            else "\u2013"),
                     m.num(gwp) if gwp is not None else m.text("\u2013")])
    unit = m.chem(terms.unit("kg CO2-Eq"))
    out = m.paragraph(m.text(_(
        "Each change is applied to a copy of the design and scored again; they are ranked by "
        "their effect on the green design index, then on GWP (the material GWP, cradle to "
        "gate; a recycled-content change needs the GWP of the recycled grade and shows a "
        "dash without it).")))
    return out + m.table(["0.8cm", "1fr", "1.9cm", "2.9cm"],
                         [m.text("#"), m.text(_("Improvement")), m.text(_("Index points")),
                          m.fill(_("GWP change ({unit})"), unit=unit)], body, size="8.5pt",
                         align=["right", "left", "right", "right"],
                         caption=m.text(_("Improvement plan")), label=ctx.label("tab-plan"))


def _index(ctx: ReportContext) -> str:
    index = ctx.main.scores.get("green_design_index") or {}
    groups = index.get("groups") or {}
    rows = [[m.text(terms.group(g)), m.text(numbers.plain(v, 1))] for g, v in groups.items()]
    rows.append([m.strong(m.text(_("Index"))), m.strong(m.text(numbers.plain(index.get("index"),
                                                                             1)))])
    out = m.paragraph(m.text(_(
        "index = 100 \u00d7 \u03a3 w_k s_k / \u03a3 w_k over the assessed indicators of the "
        "profile {profile} (coverage {coverage}); a self-assessment in the manner of "
        "GB/T 32161, not the conformity evaluation of section 2, and its benchmarks are "
        "illustrative unless their source says otherwise.").format(
            profile=index.get("profile", ""), coverage=numbers.pct(index.get("coverage_pct"), 0))))
    return out + m.table(["1fr", "3cm"], [m.text(_("Indicator group")),
                                          m.text(_("Score (0-100)"))],
                         rows, size="9pt", align=["left", "right"],
                         caption=m.text(_("Green design index")), label=ctx.label("tab-index"))
