"""Build the bundled Simplified Chinese font from Noto Sans CJK SC (SIL OFL 1.1).

The app and the evidence pack need a CJK font on machines that have none, so a
subset of Noto Sans CJK SC ships in ``resources/fonts/``: every character of
GB 2312, the Latin, punctuation and symbol blocks a report uses, and every
character found in the translations, demo products, ``lca_data`` and the core's
message catalogues. The outlines are converted from CFF to TrueType (quadratic,
within 1 font unit) so that PDF writers that only embed TrueType (ReportLab)
can use the same files as Qt.

Usage (the source is the Debian package ``fonts-noto-cjk`` 20220127, or the
``NotoSansCJK-*.ttc`` files of https://github.com/googlefonts/noto-cjk)::

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb noto
    python packaging/build_cjk_font.py noto/usr/share/fonts/opentype/noto

Needs fontTools (``pip install fonttools``). Run it again when new text adds a
character outside the subset; ``tests/ui/test_fonts.py`` says which.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "fonts"
FAMILY = "GreenDesign Sans SC"
"""Family name of the subset (renamed: a modified version must not pass for the original)."""
FACE_INDEX_SC = 2
"""Index of Noto Sans CJK SC in the NotoSansCJK-*.ttc collections."""

TEXT_SOURCES = (
    ("resources/translations", "*.ts"),
    ("resources/demo", "*.gdproj"),
    ("resources/demo", "*.md"),
    ("lca_data", "**/*.csv"),
    ("lca_data", "**/*.md"),
    ("greendesign", "**/*.po"),
    ("greendesign", "**/*.json"),
    ("resources", "**/*.json"),
    ("docs", "*.md"),
)
"""Files whose characters the subset keeps (globbed under the source tree)."""

RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x017F),  # Latin-1 and Latin Extended-A
    (0x0300, 0x036F),  # combining marks
    (0x0391, 0x03C9),  # Greek (rho, sigma, Delta in formulas)
    (0x2000, 0x206F),  # general punctuation
    (0x2070, 0x209F),  # superscripts and subscripts (CO₂, m²)
    (0x20AC, 0x20AC),  # euro sign
    (0x2100, 0x214F),  # letterlike symbols (℃, №)
    (0x2150, 0x218F),  # number forms (Ⅰ, Ⅱ…)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2460, 0x24FF),  # enclosed alphanumerics (①)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (■ in chart legends)
    (0x2600, 0x26FF),  # miscellaneous symbols (☐ ☑ on the declaration page)
    (0x2713, 0x2717),  # check marks
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x33FF),  # enclosed CJK letters, CJK compatibility (㎡, ㎏)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
)


def gb2312_characters() -> set[str]:
    """Every character of GB 2312 (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def text_characters(root: Path = ROOT) -> set[str]:
    """The characters of every text file the app shows to a user (see TEXT_SOURCES)."""
    chars: set[str] = set()
    for folder, pattern in TEXT_SOURCES:
        for path in (root / folder).glob(pattern):
            chars.update(path.read_text(encoding="utf-8", errors="ignore"))
    return {c for c in chars if c.isprintable() and not c.isspace() or c == " "}


def wanted_codepoints(root: Path = ROOT) -> set[int]:
    points = {ord(c) for c in gb2312_characters() | text_characters(root)}
    for low, high in RANGES:
        points.update(range(low, high + 1))
    return points


def cff_to_truetype(font) -> None:
    """Replace the CFF outlines of ``font`` by TrueType quadratic ones (fontTools' otf2ttf)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():  # left side bearing = xMin in TrueType
        width, _ = hmtx[name]
        hmtx[name] = (width, getattr(glyph, "xMin", 0))
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, field, 0)
    maxp.maxComponentElements = max(
        (len(g.components) for g in glyphs.values() if hasattr(g, "components")), default=0)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    font.sfntVersion = "\000\001\000\000"


def rename(font, style: str) -> None:
    """Give the subset its own family name; keep the copyright and licence records."""
    name = font["name"]
    weight = "Bold" if style == "Bold" else "Regular"
    records = {
        1: FAMILY, 2: weight, 3: f"{FAMILY.replace(' ', '')}-{weight};GB2312 subset",
        4: f"{FAMILY} {weight}" if weight != "Regular" else FAMILY,
        6: f"{FAMILY.replace(' ', '')}-{weight}",
        16: FAMILY, 17: weight,
    }
    name.names = [r for r in name.names if r.nameID not in records]
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)
        name.setName(text, name_id, 1, 0, 0)
    description = ("Subset of Noto Sans CJK SC (GB 2312 and the characters GreenDesign "
                   "shows), converted to TrueType outlines. Licensed under the SIL Open Font "
                   "License 1.1; see OFL.txt.")
    name.setName(description, 10, 3, 1, 0x409)


def build(source_dir: Path, out_dir: Path = OUT) -> list[Path]:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    points = wanted_codepoints()
    written = []
    for style in ("Regular", "Bold"):
        source = source_dir / f"NotoSansCJK-{style}.ttc"
        font = TTFont(source, fontNumber=FACE_INDEX_SC, lazy=False)
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.desubroutinize = True
        options.hinting = False
        options.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "DSIG"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(points))
        subsetter.subset(font)
        cff_to_truetype(font)
        rename(font, style)
        target = out_dir / f"GreenDesignSansSC-{style}.ttf"
        font.save(target)
        written.append(target)
        covered = len(font.getBestCmap())
        print(f"{target.relative_to(ROOT)}: {covered} characters, "
              f"{target.stat().st_size / 1e6:.1f} MB")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path,
                        help="folder with NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc")
    args = parser.parse_args(argv)
    build(args.source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
