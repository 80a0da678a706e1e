"""The Typst source of the report: the sections in order, in one or both languages.

Layout of a report in both languages: one cover and one declaration with every label in
Chinese then English, then the whole report in Chinese, then the whole report in English,
each part with its own contents, section numbers, clause matrix and appendices. An evaluator
of a Chinese application reads the Chinese report from start to end without English between
its lines, and a foreign customer or reviewer finds a complete English report after it; the
two carry the same numbers because both are written from one ``PackData``. (Interleaving
every paragraph would double every table and make both readings slower.)
"""

from __future__ import annotations

from collections.abc import Callable

from greendesign.i18n import _, language
from greendesign.report.pdf import (
    back,
    front,
    sec_carbon,
    sec_compare,
    sec_conformity,
    sec_green,
    sec_lca_results,
    sec_lca_scope,
    template,
)
from greendesign.report.pdf import conformity_table as conformity
from greendesign.report.pdf.context import ReportContext, resolve_refs

Cancelled = Callable[[], bool]


def report_languages(language_code: str) -> list[str]:
    """``"both"`` -> Chinese then English; otherwise the one language."""
    return ["zh_CN", "en"] if language_code == "both" else [language_code]


def chart_files_for(charts: dict[str, str], lang: str) -> dict[str, str]:
    """Chart name -> file for ``lang`` from the keys ``<name>_<lang>`` (or a plain
    ``<name>``, drawn for one language only)."""
    suffix = f"_{lang}"
    out = {key.removesuffix(suffix): value for key, value in charts.items()
           if key.endswith(suffix)}
    for key, value in charts.items():
        if not key.endswith(("_zh_CN", "_en")):
            out.setdefault(key, value)
    return out


def build_source(data, language_code: str, charts: dict[str, str] | None = None,
                 cancelled: Cancelled | None = None) -> tuple[str, list[ReportContext]]:
    """The whole Typst source and the contexts it was written with.

    ``charts`` maps ``<name>_<lang>`` to a file name inside the folder the source is compiled
    in; ``cancelled()`` is asked between sections.
    """
    stop = cancelled or (lambda: False)
    shared: dict = {}
    conformity.prepare(data, shared)
    langs = report_languages(language_code)
    contexts = [ReportContext(data, lang, chart_files_for(charts or {}, lang), shared)
                for lang in langs]
    sections = set(data.options.sections)
    shared["tables"] = {}
    for ctx in contexts:
        with language(ctx.language):
            shared["tables"][ctx.language] = conformity.build(data, shared)
    headers = {}
    for ctx in contexts:
        with language(ctx.language):
            headers[template.typst_lang(ctx.language)[0]] = template.header_texts()
    with language(langs[0]):
        title = _("Green design evidence report")
    parts = [template.preamble(data.report_id, f"{title} {data.report_id}", headers, langs[0]),
             template.part_start(langs[0], first=True)]
    if "cover" in sections:
        parts.append(front.cover(contexts))
    if "declaration" in sections:
        parts.append(front.declaration(contexts))
    for index, ctx in enumerate(contexts):
        if stop():
            from greendesign.report.pack_data import PackError

            raise PackError(_("The export was cancelled."), hint=_("Nothing was written."))
        with language(ctx.language):
            if index:
                parts.append(template.part_start(ctx.language, first=False))
            start = f"{ctx.language}-start"
            end = f"{contexts[index + 1].language}-start" if index + 1 < len(contexts) else None
            parts.append(f"#metadata(none) <{start}>\n")
            parts.append(front.outline(ctx, start, end))
            parts.append(_body(ctx, sections))
    labels = set().union(*(ctx.labels for ctx in contexts))
    return resolve_refs("".join(parts), labels), contexts


def _body(ctx: ReportContext, sections: set[str]) -> str:
    table = ctx.shared["tables"].get(ctx.language)
    out = []
    if "basic_information" in sections:
        out.append(front.basic_information(ctx))
    if "conformity" in sections and table is not None:
        out.append(sec_conformity.section(ctx, table))
    if "lca" in sections:
        out += [sec_lca_scope.section_scope(ctx), sec_lca_scope.section_inventory(ctx),
                sec_lca_results.section_results(ctx),
                sec_lca_results.section_interpretation(ctx)]
    if "carbon_footprint" in sections:
        out.append(sec_carbon.section(ctx))
    if "green_design" in sections:
        out.append(sec_green.section(ctx))
    if "comparison" in sections:
        out.append(sec_compare.section(ctx))
    if "conclusions" in sections:
        out.append(back.conclusions(ctx, table))
    appendices = [("clause_matrix", back.clause_matrix), ("provenance", back.provenance),
                  ("attachments", back.attachments)]
    if any(name in sections for name, _f in appendices):
        out.append(template.appendix_start())
        for name, make in appendices:
            if name in sections:
                out.append(make(ctx))
    return "".join(out)
