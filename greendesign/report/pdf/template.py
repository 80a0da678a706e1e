"""The page and type set-up of the report (the Typst preamble) and the start of each language.

A4, margins 2.2 cm, body 10.5 pt (五号) in GreenDesign Sans SC with ``fallback: false`` (no
other font is ever used for a glyph), headings numbered ``1``, ``1.1``, ``1.1.1`` (appendices
``A``, ``A.1``), every first-level section on a new page, tables with a shaded header row
that repeats on each page, captions above tables and below figures. The running header (from
page 2) names the report and its id and gives ``page x / y`` of the whole document in the
language of the part the page belongs to.
"""

from __future__ import annotations

from greendesign.i18n import _
from greendesign.report.pdf.markup import FONT_FAMILY, fill, text

LANG_STATE = "gd-lang"


def typst_lang(language: str) -> tuple[str, str]:
    """Typst's ``lang`` and ``region`` of a report language."""
    return ("zh", "cn") if language == "zh_CN" else ("en", "gb")


def header_texts() -> dict[str, str]:
    """The running header's words in the current language (markup)."""
    page = "#counter(page).display()"
    total = "#counter(page).final().first()"
    return {"title": text(_("Green design evidence report")),
            "page": fill(_("Page {page} of {total}"), page=page, total=total)}


def preamble(report_id: str, title: str, headers: dict[str, dict[str, str]],
             first_language: str) -> str:
    """The document set-up; ``headers`` maps a Typst language (``zh``/``en``) to
    :func:`header_texts` in that language."""
    lang, region = typst_lang(first_language)
    branches = []
    for code, words in headers.items():
        branches.append(f'if state("{LANG_STATE}", "").get() == "{code}" '
                        f'[{words["title"]} #h(0.6em) {text(report_id)} #h(1fr) '
                        f'{words["page"]}]')
    header = " else ".join(branches) if branches else "[]"
    return f"""#set document(title: {title_literal(title)})
#set page(paper: "a4", margin: (top: 2.5cm, bottom: 2.2cm, x: 2.2cm),
  header: context {{
    if counter(page).get().first() > 1 {{
      set text(size: 8pt, fill: luma(70))
      {header}
      v(-0.6em)
      line(length: 100%, stroke: 0.4pt + luma(150))
    }}
  }})
#set text(font: ("{FONT_FAMILY}",), size: 10.5pt, lang: "{lang}", region: "{region}",
  fallback: false)
#show raw: set text(font: ("{FONT_FAMILY}",))
#set par(justify: true, leading: 0.72em, spacing: 0.9em)
#set heading(numbering: "1.1")
#show heading: set text(weight: "bold")
#show heading.where(level: 1): it => block(above: 0.5em, below: 1em, text(size: 15pt, it))
#show heading.where(level: 2): it => block(above: 1.3em, below: 0.8em, text(size: 12.5pt, it))
#show heading.where(level: 3): it => block(above: 1.1em, below: 0.7em, text(size: 11pt, it))
#set table(stroke: 0.4pt + luma(140), inset: (x: 4pt, y: 3.2pt))
#show table: set par(justify: false)
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.caption: set text(size: 9.5pt)
#set figure(gap: 0.6em)
#set list(indent: 0.8em, spacing: 0.6em)
#show link: set text(fill: rgb("#1f4e79"))
"""


def title_literal(value: str) -> str:
    """A Typst string literal of ``value`` (for arguments, not markup)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def part_start(language: str, first: bool) -> str:
    """Markup that opens the part of the report in ``language``: the text language, the
    header's language, and (after the first part) heading and figure counters from zero."""
    lang, region = typst_lang(language)
    out = [f'#set text(lang: "{lang}", region: "{region}")',
           f'#state("{LANG_STATE}", "").update("{lang}")']
    if not first:
        out += ["#pagebreak(weak: true)", "#counter(heading).update(0)",
                "#counter(figure.where(kind: table)).update(0)",
                "#counter(figure.where(kind: image)).update(0)",
                '#set heading(numbering: "1.1")']
    return "\n".join(out) + "\n"


def appendix_start() -> str:
    """Markup from which first-level headings are appendices ``A``, ``B`` …"""
    return '#counter(heading).update(0)\n#set heading(numbering: "A.1")\n'
