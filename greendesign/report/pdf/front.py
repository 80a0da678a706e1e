"""The front of the report: the cover, the declaration (材料真实性承诺), basic information.

The cover and the declaration come once, before the parts of each language; in a report in
both languages every label on them is given in Chinese then English, and the declaration's
text is given in both, with one place for the signature and the seal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from greendesign.i18n import _, language, pick
from greendesign.report.pdf import markup as m
from greendesign.report.pdf import numbers, terms
from greendesign.report.pdf.context import ReportContext, not_provided, value_or_missing


def in_each(contexts: Sequence[ReportContext], make: Callable[[ReportContext], str],
            separator: str = " / ") -> str:
    """``make(ctx)`` in the language of each context, joined (one language: just one; the
    same text twice is given once)."""
    out = []
    for ctx in contexts:
        with language(ctx.language):
            out.append(make(ctx))
    return separator.join(dict.fromkeys(out))


def _applicant_name(ctx: ReportContext) -> str:
    applicant = ctx.record.applicant if ctx.record is not None else None
    if applicant is None:
        return ""
    return pick(applicant.company_name_en or applicant.company_name_zh,
                applicant.company_name_zh)


def specification_name(ctx: ReportContext) -> str:
    table = ctx.shared.get("tables", {}).get(ctx.language)
    if table is None:
        return ""
    return table.profile_name


def cover(contexts: Sequence[ReportContext]) -> str:
    """The cover page: title, applicant, product, specification, date, versions, report id."""
    ctx = contexts[0]
    data = ctx.data
    titles = []
    for each in contexts:
        with language(each.language):
            title = m.text(_("Green design product self-evaluation report"))
            subtitle = m.text(_("with life cycle assessment and product carbon footprint"))
            titles.append(f"#text(size: 21pt, weight: \"bold\")[{title}] #v(0.2em) "
                          f"#text(size: 13pt)[{subtitle}]")
    product_lines = in_each(contexts, lambda c: m.text(c.product_name()), " #linebreak() ")
    rows = []

    def row(label: Callable[[], str], value: str) -> None:
        rows.append((in_each(contexts, lambda _c: m.text(label())), value))

    names = [n for n in dict.fromkeys(in_each([c], _applicant_name, "") for c in contexts) if n]
    row(lambda: _("Applicant"), m.lines(m.text(n) for n in names) if names else
        in_each(contexts, lambda _c: not_provided(), " #linebreak() "))
    row(lambda: _("Product"), product_lines)
    row(lambda: _("Model"), in_each(contexts, lambda c: value_or_missing(c.product.model_number),
                                    " #linebreak() "))
    row(lambda: _("Specification applied"),
        in_each(contexts, lambda c: m.text(specification_name(c) or "\u2013"), " #linebreak() "))
    row(lambda: _("Date of the report"), m.text(data.created.date().isoformat()))
    row(lambda: _("Report id"), m.text(data.report_id))
    row(lambda: _("Software"), m.text(f"GreenDesign {data.versions.get('greendesign', '')}"))
    row(lambda: _("Inventory data version"), m.text(data.versions.get("inventory_data", "")))
    body = " #v(1.2em) ".join(titles)
    note = in_each(contexts, lambda _c: m.text(_(
        "Self-evaluation prepared with GreenDesign from the project file; the numbers can be "
        "reproduced from the data files of this evidence pack.")), " #linebreak() ")
    return (f"#page(header: none)[\n#v(3.2cm)\n#align(center)[{body}]\n#v(2.2cm)\n"
            f"{m.key_values(rows, first='30%', size='11pt', inset='6pt')}"
            f"#v(1fr)\n#align(center)[#text(size: 9pt, fill: luma(80))[{note}]]\n]\n")


def declaration(contexts: Sequence[ReportContext]) -> str:
    """The declaration of the truthfulness of the material, with signature and seal."""
    parts = []
    for ctx in contexts:
        with language(ctx.language):
            applicant = _applicant_name(ctx)
            who = m.text(applicant) if applicant else not_provided()
            title = m.text(_("Declaration on the truthfulness of the material"))
            parts.append(
                f"#align(center)[#text(size: 16pt, weight: \"bold\")[{title}]]\n#v(0.8em)\n"
                + m.paragraph(m.text(_("The applicant named below declares that this report "
                                       "and every document attached to it are true, accurate "
                                       "and complete, with no false statement, misleading "
                                       "presentation or material omission; that the data "
                                       "behind the life cycle assessment can be traced to "
                                       "their sources; and that it bears the legal "
                                       "responsibility should any of it prove untrue.")))
                + m.paragraph(m.fill(_("Applicant: {name}"), name=who)))
    sign = []
    for label in (lambda: _("Legal representative (signature)"), lambda: _("Company seal"),
                  lambda: _("Date")):
        sign.append(f"[{in_each(contexts, lambda _c, f=label: m.text(f()), ' #linebreak() ')}], "
                    f"[#box(width: 100%, stroke: (bottom: 0.5pt), height: 1.6em)]")
    block = ("#v(2em)\n#set par(justify: false)\n#grid(columns: (38%, 1fr), row-gutter: 2.2em, "
             "align: (left + bottom, left + bottom), " + ", ".join(sign) + ")\n")
    return "#page[\n" + "\n#v(1.5em)\n".join(parts) + block + "]\n"


def outline(ctx: ReportContext, start: str, end: str | None) -> str:
    """The table of contents of one language's part."""
    title = m.text(_("Contents"))
    target = f"selector(heading).after(<{start}>)"
    if end:
        target += f".before(<{end}>)"
    return (f"#pagebreak(weak: true)\n#heading(level: 1, numbering: none, outlined: false)"
            f"[{title}]\n"
            f"#outline(title: none, depth: 2, target: {target})\n")


def basic_information(ctx: ReportContext) -> str:
    """Section 1: the applicant, its management system certificates, the product."""
    out = [m.heading(1, _("Basic information"), ctx.define("basic"))]
    out.append(m.heading(2, _("Applicant"), ctx.define("basic-applicant")))
    applicant = ctx.record.applicant if ctx.record is not None else None
    if applicant is None:
        out.append(m.paragraph(not_provided()))
    else:
        from greendesign.evidence.credit_code import credit_code_problem

        code = applicant.credit_code
        problem = credit_code_problem(code) if code else None
        code_markup = value_or_missing(code)
        if code and problem:
            code_markup += " " + m.muted(m.text(problem))
        elif code:
            code_markup += " " + m.muted(m.text(_("(check character verified, GB 32100-2015)")))
        out.append(m.key_values([
            (m.text(_("Company name (Chinese)")), value_or_missing(applicant.company_name_zh)),
            (m.text(_("Company name (English)")), value_or_missing(applicant.company_name_en)),
            (m.text(_("Unified social credit code")), code_markup),
            (m.text(_("Address")), value_or_missing(applicant.address)),
            (m.text(_("Legal representative")), value_or_missing(applicant.legal_representative)),
            (m.text(_("Contact person")), value_or_missing(applicant.contact_person)),
            (m.text(_("Telephone")), value_or_missing(applicant.phone)),
            (m.text(_("E-mail")), value_or_missing(applicant.email)),
        ]))
    out.append(m.heading(2, _("Management system certificates"), ctx.define("basic-certificates")))
    out.append(_certificates(ctx, applicant))
    out.append(m.heading(2, _("The product and its function"), ctx.define("basic-product")))
    out.append(_product(ctx))
    return "".join(out)


def _certificates(ctx: ReportContext, applicant) -> str:
    certificates = list(applicant.certificates) if applicant is not None else []
    if not certificates:
        return m.paragraph(m.fill(_("ISO 14001 / ISO 9001 certificates: {missing}"),
                                  missing=not_provided()))
    from greendesign.evidence.spec_model import SYSTEM_NAMES, SystemStandard

    day = ctx.data.created.date()
    rows = []
    for cert in certificates:
        standard = (cert.standard_name if cert.standard is SystemStandard.OTHER
                    else pick(*SYSTEM_NAMES[cert.standard]))
        state = "valid" if cert.valid_on(day) else "expired"
        rows.append([m.text(standard), value_or_missing(cert.number),
                     value_or_missing(cert.issuer),
                     m.text(cert.valid_until.isoformat()) if cert.valid_until else
                     m.text("\u2013"), m.text(terms.status(state))])
    return m.table(["1fr", "3.8cm", "2.8cm", "2cm", "2cm"],
                   [m.text(_("Management system")), m.text(_("Certificate number")),
                    m.text(_("Issued by")), m.text(_("Valid until")),
                    m.text(_("Status on the report date"))], rows)


def _product(ctx: ReportContext) -> str:
    product = ctx.product
    scores = ctx.main.scores
    made_in = "CN" if terms.is_china(product.manufacturer_region) else \
        product.manufacturer_region
    pairs = [
        (m.text(_("Product name")), m.text(ctx.product_name())),
        (m.text(_("Model")), value_or_missing(product.model_number)),
        (m.text(_("Product category")), m.text(terms.product_category(product.category.value))),
        (m.text(_("Made in")), m.text(f"{terms.geography(made_in)} "
                                      f"({product.manufacturer_region})")),
        (m.text(_("Function and functional unit")), m.text(product.display_functional_unit)),
        (m.text(_("Service life")), m.text(_("{years} years").format(
            years=f"{product.service_life_years:g}"))),
        (m.text(_("Mass without packaging")), m.text(f"{numbers.mass(scores['mass_kg'])} kg")),
        (m.text(_("Packaging")), m.text(f"{numbers.mass(scores['packaging_kg'])} kg")),
        (m.text(_("Parts in the bill of materials")), m.text(str(len(product.parts())))),
    ]
    if product.display_description:
        pairs.append((m.text(_("Description")), m.text(product.display_description)))
    out = m.key_values(pairs)
    designs = ctx.data.options.designs
    if len(designs) > 1 or ctx.data.project.variants:
        rows = []
        for name in designs:
            variant = next((v for v in ctx.data.project.variants if v.name == name), None)
            rows.append([m.text(terms.design(name)),
                         m.text(variant.display_description if variant and variant.description
                                else "\u2013"),
                         m.text(terms.design(variant.based_on) if variant else "\u2013")])
        out += m.paragraph(m.text(_("Designs in this report (the first is the one the "
                                    "report is for; the others are compared with it):")))
        out += m.table(["2.6cm", "1fr", "2.4cm"], [m.text(_("Design")),
                                                   m.text(_("Description")),
                                                   m.text(_("Based on"))], rows)
    return out
