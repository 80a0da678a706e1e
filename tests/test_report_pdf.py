"""The evidence pack's PDF report: sections, fonts and glyphs, language, numbers, escaping.

Every demo product is reported in Chinese and English (its first two designs, so the
comparison is there) and the PDFs are read back with pypdf: the text must hold every
section's heading, only the bundled font (embedded) may appear, every character must be in
the bundled font's cmap, the Chinese report may hold no English sentence beyond the data it
prints verbatim, and the GWP100 numbers must be those of ``gather``.
"""

from __future__ import annotations

import ast
import gettext
import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from greendesign.bundled import demo_products
from greendesign.io.project_file import load_project
from greendesign.report.pack_data import ExportOptions, PackError, gather

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "GreenDesignSansSC-Regular.ttf"
DEMOS = [p.stem for p in demo_products()]
LANGUAGES = ("zh_CN", "en")
STAGE_CODES = ("raw_materials", "manufacturing", "distribution", "use", "end_of_life")

HEADINGS = {
    "zh_CN": ["绿色设计产品自评价报告", "材料真实性承诺书", "目录", "1 基本信息", "1.1 申请单位",
              "1.2 管理体系认证证书", "1.3 产品及其功能", "2 符合性评价", "2.1 适用的评价规范",
              "2.2 基本要求", "2.3 评价指标", "2.4 符合性评价结果", "3 生命周期评价",
              "3.1 目的与范围", "3.1.1 研究目的", "3.1.2 功能单位与基准流", "3.1.3 系统边界",
              "3.1.4 取舍准则与舍去项", "3.1.5 分配", "3.1.6 数据来源与数据质量",
              "3.1.7 影响评价方法", "3.1.8 软件、数据库与计算", "3.2 生命周期清单分析",
              "3.2.2 质量平衡", "3.3 生命周期影响评价", "3.4 生命周期解释", "3.4.2 敏感性分析",
              "3.4.3 不确定性分析", "4 产品碳足迹", "5 绿色设计", "5.4 限用物质（GB/T 26572）",
              "5.5 改进计划", "6 设计方案比较", "7 结论", "A 条款与章节对照表", "B 数据来源",
              "C 附件清单"],
    "en": ["Green design product self-evaluation report",
           "Declaration on the truthfulness of the material", "Contents", "1 Basic information",
           "1.1 Applicant", "1.2 Management system certificates",
           "1.3 The product and its function", "2 Conformity evaluation",
           "2.1 Specification applied", "2.2 Basic requirements", "2.3 Evaluation indicators",
           "2.4 Result of the conformity evaluation", "3 Life cycle assessment",
           "3.1 Goal and scope", "3.1.1 Goal of the study",
           "3.1.2 Functional unit and reference flow", "3.1.3 System boundary",
           "3.1.4 Cut-off rules and what is left out", "3.1.5 Allocation",
           "3.1.6 Data sources and data quality", "3.1.7 Impact assessment methods",
           "3.1.8 Software, database and calculation", "3.2 Life cycle inventory",
           "3.2.2 Mass balance", "3.3 Life cycle impact assessment", "3.4 Interpretation",
           "3.4.2 Sensitivity analysis", "3.4.3 Uncertainty analysis",
           "4 Product carbon footprint", "5 Green design",
           "5.4 Restricted substances (GB/T 26572)", "5.5 Improvement plan",
           "6 Comparison of designs", "7 Conclusions", "A Clause-to-section matrix",
           "B Data provenance", "C Attachments register"],
}

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture(scope="module")
def packs(bg):
    """Each demo's pack data: its first two designs, a short Monte Carlo run."""
    out = {}
    for path in demo_products():
        project = load_project(path)
        out[path.stem] = gather(project, ExportOptions(designs=tuple(project.design_names[:2]),
                                                       iterations=60), background=bg,
                                project_path=path)
    return out


@pytest.fixture(scope="module")
def charts(packs, tmp_path_factory):
    from greendesign.report.pdf.charts import draw_charts

    folder = tmp_path_factory.mktemp("charts")
    return {demo: draw_charts(data, folder / demo, "both") for demo, data in packs.items()}


@pytest.fixture(scope="module")
def reports(packs, charts, tmp_path_factory):
    """``(demo, language) -> PDF path``, every demo in both languages."""
    from greendesign.report.pdf import write_report

    folder = tmp_path_factory.mktemp("reports")
    return {(demo, lang): write_report(data, folder / f"{demo}-{lang}.pdf", lang,
                                       charts=charts[demo])
            for demo, data in packs.items() for lang in LANGUAGES}


@cache
def pages_of(path: Path) -> tuple[str, ...]:
    return tuple(page.extract_text() or "" for page in PdfReader(path).pages)


def text_of(path: Path) -> str:
    return "\n".join(pages_of(path))


@cache
def font_cmap() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(FONT, lazy=True) as font:
        return frozenset(font.getBestCmap())


# --- number parsing ------------------------------------------------------------------------

_NUMBER = re.compile(r"([\u2212-]?\d{1,3}(?:\u00a0\d{3})+(?:\.\d+)?|[\u2212-]?\d+(?:\.\d+)?)"
                     r"(?:×10([\u2212-]?\d+))?")


def parse_number(text: str) -> float:
    """``−2.73``, ``12 345`` (no-break space), ``1.11×10−10`` as printed -> float."""
    match = _NUMBER.fullmatch(text.strip())
    assert match, f"not a number: {text!r}"
    value = float(match.group(1).replace("\u2212", "-").replace("\u00a0", ""))
    if match.group(2):
        value *= 10.0 ** int(match.group(2).replace("\u2212", "-"))
    return value


def half_step(text: str) -> float:
    """Half a unit of the last printed digit (``6.36`` -> 0.005, ``1.1×10−5`` -> 5e-7)."""
    mantissa, _times, exponent = text.strip().partition("×10")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    step = 10.0 ** -decimals
    if exponent:
        step *= 10.0 ** int(exponent.replace("\u2212", "-"))
    return step / 2 * (1 + 1e-9)


# --- English runs in the Chinese report ----------------------------------------------------

WORD = re.compile(r"[A-Za-z][a-z]+")
"""An English word: a letter and lower-case letters. Codes (RNA, GWP100, EF, USLCI, CO2,
PP) are not words: they stay as they are in both languages."""
UNITS = {"kg", "km", "kWh", "mol", "eq", "cm", "mm", "dB"}
"""Unit symbols, written the same in both languages."""
STANDARD_NAMES = (
    "IPCC 2021 EF v3.1 GreenDesign Brightway USLCI U.S. Federal LCA Commons ecoinvent "
    "Weidema Ellen MacArthur Foundation Granta Design Newman Ashby Vanegas eDiM Regulation "
    "Annex docs/lca-method.md docs/scoring.md lca_data/scoring/joints.csv "
    "scipy spsolve SuperLU as bw2calc CPython")
"""Names that stay in their original form in the Chinese report."""


def allowed_text(data) -> str:
    """What the report prints verbatim from the data: user text that has no Chinese version
    (names, descriptions, the functional unit, freight legs), dataset names and sources of
    lca_data (English only) and proxy notes that have no Chinese version (user databases),
    the specification profiles' standard and source citations, elementary flow names."""
    from greendesign.model.part import walk

    parts = [STANDARD_NAMES]
    project = data.project
    for design in data.designs.values():
        product = design.product
        parts += [product.name if not product.name_zh else "",
                  product.description if not product.description_zh else "",
                  product.functional_unit if not product.functional_unit_zh else ""]
        parts += [node.name for node, *_ in walk(product.bom) if not node.name_zh]
        parts += [leg.description for leg in product.scenario.distribution
                  if not leg.description_zh]
        parts += [c.name for c in product.scenario.use.consumables]
    parts += [v.description for v in project.variants if not v.description_zh]
    for record in data.datasets:
        parts += [record.name_en, record.source, record.proxy if not record.proxy_zh else ""]
    evidence = project.evidence
    parts += [evidence.applicant.company_name_en, evidence.applicant.address]
    parts += [item.title for item in evidence.register]
    parts += [item.issuer for item in evidence.register]
    from greendesign.evidence.specification import load_specifications

    for profile in load_specifications().values():
        parts += [profile.standard if not profile.standard_zh else "", *profile.sources, *(i.source for i in profile.indicators)]
    parts += [str(flow[1]) for flow in data.main.result.bg.flows]
    return "\n".join(p for p in parts if p)


def english_runs(text: str, allowed: str) -> list[str]:
    """Runs of three or more English words on a line of ``text`` not covered by ``allowed``.

    A word is covered when a window of three or more consecutive words of its run around it
    also occurs, word for word, in ``allowed`` (so a source citation broken over the lines of
    a table cell stays covered, while a sentence of the catalogue left in English does not).
    """
    corpus = " " + " ".join(WORD.findall(allowed)) + " "
    found = []
    for line in text.splitlines():
        runs, words, end = [], [], 0
        for match in WORD.finditer(line):
            if words and re.search(r"[^\s,;:.()/&'’-]", line[end:match.start()]):
                runs.append(words)
                words = []
            words.append(match.group(0))
            end = match.end()
        runs.append(words)
        for run in (r for r in runs if len(r) >= 3):
            covered = [word in UNITS for word in run]
            for i in range(len(run)):
                for j in range(len(run), i + 2, -1):
                    if f" {' '.join(run[i:j])} " in corpus:
                        covered[i:j] = [True] * (j - i)
                        break
            gap: list[str] = []
            for word, ok in [*zip(run, covered, strict=True), ("", True)]:
                if not ok:
                    gap.append(word)
                    continue
                if len(gap) >= 3:
                    found.append(" ".join(gap))
                gap = []
    return found


# --- the tests ----------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("demo", DEMOS)
def test_every_section_heading_is_there(reports, demo, language):
    text = text_of(reports[(demo, language)])
    missing = [h for h in HEADINGS[language] if h not in text]
    assert missing == []


@pytest.mark.parametrize("demo", DEMOS)
def test_only_the_bundled_font_is_used_and_embedded(reports, demo):
    for language in LANGUAGES:
        fonts = font_dictionaries(reports[(demo, language)])
        assert fonts, "the PDF holds no font"
        names = {str(f["/BaseFont"]).split("+")[-1] for f in fonts}
        assert names <= {"GreenDesignSansSC-Regular", "GreenDesignSansSC-Bold"}, names
        for font in fonts:
            found = descriptors(font)
            assert found and all(any(k in d for k in ("/FontFile2", "/FontFile3", "/FontFile"))
                                 for d in found), font["/BaseFont"]


@pytest.mark.parametrize("demo", DEMOS)
def test_every_character_is_in_the_bundled_font(reports, packs, demo):
    from greendesign.model.part import walk

    cmap = font_cmap()
    for language in LANGUAGES:
        text = text_of(reports[(demo, language)])
        assert "\ufffd" not in text and "\u25a1" not in text  # replacement char, tofu box
        outside = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})
        assert outside == [], f"{language}: characters the font lacks: {outside}"
    # the Chinese report names the parts by their Chinese names
    zh = text_of(reports[(demo, "zh_CN")]).replace("\n", "")
    product = packs[demo].main.product
    names = [n.name_zh for n, *_ in walk(product.bom) if n.name_zh]
    flat = zh.replace(" ", "")
    missing = [name for name in names if name.replace(" ", "") not in flat]
    assert names and missing == []
    cover = pages_of(reports[(demo, "zh_CN")])[0].replace(" ", "")
    assert product.name_zh.replace(" ", "") in cover


def test_every_message_and_term_fits_the_font():
    """The catalogue's Chinese uses only characters of the bundled GB 2312 subset."""
    from babel.messages.pofile import read_po

    po = ROOT / "greendesign" / "locale" / "zh_CN" / "LC_MESSAGES" / "report_pdf.po"
    cmap = font_cmap()
    with open(po, "rb") as handle:
        catalogue = read_po(handle)
    outside = {ch for message in catalogue if message.id for ch in message.string
               if not ch.isspace() and ord(ch) not in cmap}
    assert outside == set()


def font_dictionaries(path: Path) -> list:
    """Every font dictionary of the pages and of the form XObjects they use (the charts)."""
    fonts, seen = [], set()

    def walk(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                fonts.append(font)
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in PdfReader(path).pages:
        walk(page.get("/Resources"))
    return fonts


def descriptors(font) -> list:
    if "/DescendantFonts" in font:
        return [child.get_object()["/FontDescriptor"].get_object()
                for child in font["/DescendantFonts"]]
    return [font["/FontDescriptor"].get_object()] if "/FontDescriptor" in font else []


@pytest.mark.parametrize("demo", DEMOS)
def test_the_chinese_report_has_no_english_sentence(reports, packs, demo):
    runs = english_runs(text_of(reports[(demo, "zh_CN")]), allowed_text(packs[demo]))
    assert runs == []


def test_an_untranslated_sentence_is_caught(packs, charts, tmp_path, monkeypatch):
    """The check above fails on a real untranslated sentence of the catalogue."""
    from greendesign import i18n
    from greendesign.report.pdf import write_report

    sentence = ("The same datasets, methods and rules are applied to every design in this "
                "report, so their differences are consistent with each other.")
    real = i18n.translations

    class Untranslated(gettext.NullTranslations):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def gettext(self, message):
            return message if message == sentence else self.inner.gettext(message)

    monkeypatch.setattr(i18n, "translations", lambda code: Untranslated(real(code)))
    data = packs["electric_kettle"]
    pdf = write_report(data, tmp_path / "kettle.pdf", "zh_CN", charts=charts["electric_kettle"])
    runs = english_runs(text_of(pdf), allowed_text(data))
    words = " ".join(WORD.findall(sentence))
    assert runs and all(run in words for run in runs)


def _stage_table(path: Path, caption: str, stages: tuple[str, ...], total: str):
    """The numbers of the GWP100-by-stage table (its page found by its caption)."""
    page = next(p for p in pages_of(path) if caption in p)
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if caption in line)
    values = {}
    for name, code in zip((*stages, total), (*STAGE_CODES, "total"), strict=True):
        line = next(line for line in lines[start:] if line.startswith(name + " "))
        values[code] = _NUMBER.match(line[len(name):].strip()).group(0)
    return values


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("demo", DEMOS)
def test_gwp_total_and_stages_are_those_of_gather(reports, packs, demo, language):
    from greendesign.i18n import _
    from greendesign.i18n import language as in_language
    from greendesign.report.pdf import terms

    carbon = packs[demo].main.carbon
    with in_language(language):  # the stage names as the screen and the report write them
        names = tuple(terms.stage(code) for code in STAGE_CODES)
        total = _("Total")
    caption = "各阶段 GWP100（IPCC 2021）" if language == "zh_CN" else "GWP100 by stage (IPCC 2021)"
    printed = _stage_table(reports[(demo, language)], caption, names, total)
    expected = {**carbon.by_stage_kg, "total": carbon.total_kg}
    for code, text in printed.items():
        assert abs(parse_number(text) - expected[code]) <= half_step(text), (code, text)
    # three significant figures: 328.766 is printed 329
    assert len(printed["total"].replace(".", "").lstrip("0")) in (3, 4)


def test_the_clause_matrix_gives_the_real_pages(reports):
    path = reports[("office_chair", "en")]
    pages = pages_of(path)
    boundary_page = next(i for i, p in enumerate(pages) if "3.1.3 System boundary" in p
                         and "Contents" not in p) + 1
    matrix = next(p for p in pages if "Reporting items against sections and pages" in p)
    rows = [line for line in matrix.splitlines() if "5.2 c) system boundary" in line]
    assert rows and rows[0].split()[-2:] == ["3.1.3", str(boundary_page)]


def test_the_header_counts_pages(reports):
    pages = pages_of(reports[("electric_kettle", "zh_CN")])
    assert f"第 2 页 / 共 {len(pages)} 页" in pages[1]
    pages = pages_of(reports[("electric_kettle", "en")])
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_a_report_in_both_languages_has_chinese_then_english(packs, charts, tmp_path):
    from greendesign.report.pdf import write_report

    path = write_report(packs["bluetooth_speaker"], tmp_path / "both.pdf", "both",
                        charts=charts["bluetooth_speaker"])
    pages = pages_of(path)
    text = "\n".join(pages)
    assert all(h in text for h in HEADINGS["zh_CN"][3:] + HEADINGS["en"][3:])
    first_en = next(i for i, p in enumerate(pages) if "1 Basic information" in p)
    last_zh = max(i for i, p in enumerate(pages) if "基本信息" in p or "附件清单" in p)
    assert last_zh < first_en
    assert "绿色设计产品自评价报告" in pages[0] and "self-evaluation report" in pages[0]
    assert f"Page {first_en + 1} of {len(pages)}" in pages[first_en]


def test_markup_prints_any_text_literally(tmp_path):
    from greendesign.report.pdf import compile_source, markup
    from greendesign.report.pdf.template import preamble

    nasty = ["#set page(width: 1cm)", "*x*", "$y$", "<lbl>", "= heading", "- item",
             "+ item", "1. enum", "@ref", "// comment", "/* c */", "`raw`", "_u_", "a ~ b",
             'say "hi"', "back\\slash", "[x]", "#{1 + 1}", "x--y", "a...b", "#\"x\";y"]
    body = "\n\n".join(f"{markup.text('<<<')}{markup.text(s)}{markup.text('>>>')}"
                       for s in nasty)
    pdf = compile_source(preamble("ID", "T", {}, "en") + body, tmp_path)
    (tmp_path / "x.pdf").write_bytes(pdf)
    text = text_of(tmp_path / "x.pdf")
    for s in nasty:
        assert f"<<<{s}>>>" in text, s


def test_a_part_named_like_markup_prints_literally(small_project, bg, tmp_path):
    from greendesign.report.pdf import write_report

    lid = small_project.product.find("LID")
    lid.name = "Lid #set text(red) *bold* $x$"
    lid.name_zh = "盖子 #strong[粗] $y$ <a>"
    data = gather(small_project, ExportOptions(iterations=0), background=bg)
    en = text_of(write_report(data, tmp_path / "en.pdf", "en"))
    assert "Lid #set text(red) *bold* $x$" in en.replace("\n", " ")
    zh = text_of(write_report(data, tmp_path / "zh.pdf", "zh_CN"))
    assert "盖子 #strong[粗] $y$ <a>" in zh.replace("\n", " ")


def test_characters_the_font_lacks_are_named(small_project, bg, tmp_path):
    from greendesign.report.pdf import markup, write_report

    markup.REPLACED.clear()
    assert markup.printable("CO₂ \ufb01 🙂") == "CO2 fi \u25a1"  # ₂ and ﬁ: NFKC forms
    small_project.product.find("BASE").name = "Base 🙂"
    data = gather(small_project, ExportOptions(iterations=0), background=bg)
    text = text_of(write_report(data, tmp_path / "en.pdf", "en"))
    assert "U+1F642" in text and "Base \u25a1" in text.replace("\n", " ")


def test_writing_is_atomic_reports_progress_and_can_be_cancelled(packs, charts, tmp_path):
    from greendesign.report.pdf import write_report

    data = packs["electric_kettle"]
    steps = []
    path = write_report(data, tmp_path / "r.pdf", "en", charts=charts["electric_kettle"],
                        progress=lambda f, m: steps.append(f))
    assert path.read_bytes().startswith(b"%PDF") and steps == sorted(steps) and steps[-1] == 1
    with pytest.raises(PackError, match="cancelled"):
        write_report(data, tmp_path / "c.pdf", "en", charts=charts["electric_kettle"],
                     cancelled=lambda: True)
    assert not (tmp_path / "c.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]
    with pytest.raises(PackError, match="language"):
        write_report(data, tmp_path / "f.pdf", "fr")


def test_messages_of_the_report_are_not_hidden_in_f_strings():
    """Babel does not extract ``_()`` inside an f-string: such a text would stay English."""
    offenders = []
    for path in sorted((ROOT / "greendesign" / "report" / "pdf").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                offenders += [f"{path.name}:{sub.lineno}" for sub in ast.walk(node)
                              if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name)
                              and sub.func.id in ("_", "N_", "ngettext")]
    assert offenders == []
