"""Typst markup from data: escaping, numbers and units, tables, figures, headings.

Every text that comes from data (part names, dataset sources, the applicant's address, the
messages of the catalogue) enters the markup as a Typst *string literal* ending the embedded
expression with a semicolon, ``#"…";``: inside a string only ``\\`` and ``"`` (and control
characters) need escaping, so a part named ``#set``, ``*x*``, ``$y$``, ``<a>`` or ``= h``
prints literally and can never be read as markup, maths, a label or a heading. Nothing else
is written into the markup except what this module and the section modules compose.

A character the bundled font (GreenDesign Sans SC, a GB 2312 subset) lacks is replaced by its
compatibility form when that one is in the font (``₂`` -> ``2``, full-width letters), else by
``□`` (U+25A1); :data:`REPLACED` collects such characters so that the report can say which
(the document is set with ``fallback: false``, so no other font is ever used).
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from greendesign.bundled import resources_dir
from greendesign.report.pdf import numbers

FONT_FAMILY = "GreenDesign Sans SC"
FONT_FILES = ("GreenDesignSansSC-Regular.ttf", "GreenDesignSansSC-Bold.ttf")
MISSING_GLYPH = "\u25a1"
KEEP_TOGETHER = 14
"""Tables of at most this many rows are not broken across pages."""
KEEP_TOGETHER_CHARS = 2000
"""Markup characters in the rows above which even a short table may break across pages."""
REPLACED: set[str] = set()
"""Characters of the data the font could not show (replaced by :data:`MISSING_GLYPH`)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def font_dir() -> Path:
    """The folder of the bundled fonts (given to Typst and to matplotlib)."""
    return resources_dir() / "fonts"


@functools.cache
def font_characters() -> frozenset[int]:
    """Code points the bundled font has glyphs for (regular and bold have the same set)."""
    from fontTools.ttLib import TTFont  # deferred: only the report needs it

    with TTFont(font_dir() / FONT_FILES[0], lazy=True) as font:
        return frozenset(font.getBestCmap())


def printable(value: object) -> str:
    """``value`` as text the font can show (module docstring)."""
    text = str(value)
    if text.isascii() and text.isprintable():  # the font has every printable ASCII character
        return text
    return _printable(text)


@functools.lru_cache(maxsize=8192)
def _printable(text: str) -> str:
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    have = font_characters()
    if all(ord(ch) in have or ch in "\n\t" for ch in text):
        return text
    out = []
    for ch in text:
        if ord(ch) in have or ch in "\n\t":
            out.append(ch)
            continue
        compat = unicodedata.normalize("NFKC", ch)
        if compat and all(ord(c) in have for c in compat):
            out.append(compat)
        else:
            REPLACED.add(ch)
            out.append(MISSING_GLYPH)
    return "".join(out)


def text(value: object) -> str:
    """Markup that prints ``value`` literally (a Typst string literal)."""
    body = printable(value)
    body = body.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
        .replace("\t", "\\t")
    return f'#"{body}";'


def fill(message: str, **markups: str) -> str:
    """A translated message whose ``{placeholders}`` take markup (a section reference, a
    number with a superscript) while the words around them are escaped as text."""
    out = []
    for literal, name, _spec, _conversion in string.Formatter().parse(message):
        if literal:
            out.append(text(literal))
        if name is not None:
            out.append(markups[name])
    return "".join(out)


def strong(markup: str) -> str:
    return f"#strong[{markup}]"


def small(markup: str, size: str = "8.5pt") -> str:
    return f"#text(size: {size})[{markup}]"


def muted(markup: str) -> str:
    return f"#text(fill: luma(90))[{markup}]"


def join(parts: Iterable[str], separator: str = "") -> str:
    return separator.join(parts)


def lines(parts: Iterable[str]) -> str:
    """Markup parts one under the other (a line break between them)."""
    return " #linebreak() ".join(p for p in parts if p)


# --- numbers and units -----------------------------------------------------------------------

def num(value: float | None, digits: int = 3) -> str:
    """A number to ``digits`` significant figures; powers of ten as ``1.23×10⁻⁸``."""
    if value is None:
        return text(numbers.sig(None))
    power = numbers.power_markup(float(value), digits)
    if power is None:
        return text(numbers.sig(value, digits))
    mantissa, exponent = power
    return f"{text(mantissa)}#super[{text(exponent)}]"


_UNIT_PARTS = re.compile(r"(CO2|CH4|N2O|H\+|m3|m2|U235)")
_UNIT_MARKUP = {"CO2": "CO#sub[2]", "CH4": "CH#sub[4]", "N2O": "N#sub[2]O",
                "H+": "H#super[+]", "m3": "m#super[3]", "m2": "m#super[2]", "U235": "U-235"}


def chem(value: str) -> str:
    """Text with CO2, CH4, N2O, H+, m3 and m2 set with sub- and superscripts."""
    out = []
    for piece in _UNIT_PARTS.split(value):
        if piece in _UNIT_MARKUP:
            out.append(_UNIT_MARKUP[piece])
        elif piece:
            out.append(text(piece))
    return "".join(out)


# --- blocks ----------------------------------------------------------------------------------

def paragraph(markup: str) -> str:
    return f"{markup}\n\n"


def bullet_list(items: Sequence[str]) -> str:
    """A bulleted list of markup items."""
    if not items:
        return ""
    return "#list(" + ", ".join(f"[{item}]" for item in items) + ")\n\n"


def cell(markup: str, align: str | None = None, colspan: int = 1, fill: str | None = None
         ) -> str:
    args = []
    if colspan > 1:
        args.append(f"colspan: {colspan}")
    if align:
        args.append(f"align: {align}")
    if fill:
        args.append(f"fill: {fill}")
    if not args:
        return f"[{markup}]"
    return f"table.cell({', '.join(args)})[{markup}]"


def table(columns: Sequence[str], header: Sequence[str], rows: Iterable[Sequence[str]], *,
          align: Sequence[str] | None = None, size: str = "9pt", caption: str = "",
          label: str = "", note: str = "") -> str:
    """A table whose header repeats on every page.

    ``columns`` are Typst track sizes (``auto``, ``1fr``, ``2.2cm``), ``header`` and each row
    markup cells (a row cell may already be a ``table.cell(...)``), ``align`` one alignment a
    column (``left``, ``right``, ``center``). With a ``caption`` the table is a numbered figure
    (caption above), with ``label`` to refer to it. A table of up to :data:`KEEP_TOGETHER`
    rows is kept on one page with its caption; a longer one breaks across pages with its
    header repeated (and never leaves its header alone at the foot of a page).
    """
    aligns = ", ".join(f"{a} + horizon" for a in (align or ["left"] * len(columns)))
    head = ", ".join(f"[#strong[{h}]]" for h in header)
    body = []
    rows = list(rows)
    for row in rows:
        body.append(", ".join(c if c.startswith("table.cell(") else f"[{c}]" for c in row))
    content = ",\n  ".join(body)
    tab = (f"#text(size: {size})[#table(columns: ({', '.join(columns)},), "
           f"align: ({aligns},), fill: (x, y) => if y == 0 {{ luma(225) }},\n"
           f"  table.header({head}),\n  {content}{',' if body else ''}\n)]")
    if note:
        tab += f"\n#text(size: 8pt)[{note}]"
    if not caption:
        return tab + "\n\n"
    fig = f"#figure(kind: table, caption: [{caption}])[{tab}]" + (f" <{label}>" if label else "")
    # a short table moves whole to the next page; one that is long, or whose rows hold
    # enough text to fill a page (long wrapped cells), breaks instead of running off it
    text = sum(len(cell) for row in rows for cell in row)
    breakable = "true" if len(rows) > KEEP_TOGETHER or text > KEEP_TOGETHER_CHARS else "false"
    return f"#[#show figure: set block(breakable: {breakable})\n{fig}]\n\n"


def landscape(content: str) -> str:
    """Content set on landscape pages of its own (wide tables)."""
    return f"#page(flipped: true)[\n{content}\n]\n"


def figure(path: str, caption: str, label: str = "", width: str = "100%") -> str:
    """A numbered figure of an image file (relative to the document's folder)."""
    fig = f'#figure(image("{path}", width: {width}), caption: [{caption}])'
    return fig + (f" <{label}>" if label else "") + "\n\n"


def key_values(pairs: Sequence[tuple[str, str]], first: str = "32%", size: str = "10pt",
               inset: str = "3.2pt") -> str:
    """A two-column table of label and value (no header row; labels shaded)."""
    cells = ",\n  ".join(f"[{k}], [{v}]" for k, v in pairs)
    return (f"#text(size: {size})[#table(columns: ({first}, 1fr), align: (left + horizon, "
            f"left + horizon), inset: (x: 5pt, y: {inset}), "
            f"fill: (x, y) => if x == 0 {{ luma(240) }},\n  {cells},\n)]\n\n")


def label_name(*parts: str) -> str:
    """A Typst label name from parts (letters, digits, ``-``, ``_``, ``.`` only)."""
    return "-".join(re.sub(r"[^A-Za-z0-9_.]+", "_", p) for p in parts if p)


def heading(level: int, title: str, label: str = "", new_page: bool = True) -> str:
    """A numbered heading of ``level`` (1 = section, on a new page unless ``new_page`` is
    false, as at the top of a landscape page) with its ``<label>``."""
    head = f"{'=' * level} {text(title)} {label}\n"
    return f"#pagebreak(weak: true)\n{head}" if level == 1 and new_page else head
