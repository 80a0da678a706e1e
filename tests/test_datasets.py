"""lca_data/datasets/datasets.csv: the proxy notes in both languages, as written and as read."""

from __future__ import annotations

import csv
import re

from greendesign.bundled import lca_data_dir
from greendesign.inventory.datasets import load_datasets, table_files

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]?[a-z]{3,}\b")
NUMBERED = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]*(?:[-/][A-Za-z0-9.]+)*")


def rows() -> list[dict[str, str]]:
    """Every row of datasets.csv and its topic files (datasets_<topic>.csv)."""
    out: list[dict[str, str]] = []
    for path in table_files(lca_data_dir() / "datasets", "datasets"):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            out.extend(csv.DictReader(handle))
    return out


def test_every_proxy_has_a_chinese_note_and_no_other_row_has_one():
    table = rows()
    proxies = [r for r in table if r["proxy"].strip()]
    assert len(proxies) >= 94
    missing = [r["code"] for r in proxies if not CHINESE.search(r["proxy_zh"])]
    assert missing == []
    assert [r["code"] for r in table if r["proxy_zh"].strip() and not r["proxy"].strip()] == []


def test_the_chinese_notes_are_translations_not_copies():
    for row in rows():
        if not row["proxy_zh"]:
            continue
        # English words of the note do not survive; names such as Zamak or Boavizta may
        words = [w for w in ENGLISH_WORD.findall(row["proxy_zh"]) if w.islower()]
        assert words == [], (row["code"], row["proxy_zh"])
        assert row["proxy_zh"] == row["proxy_zh"].strip()


def test_grades_sizes_and_numbers_are_kept_as_written():
    """Every token of the English note that holds a digit (304, AZ91D/AM60B, PA66, RTV-1,
    3.5-7.5) appears in the Chinese note unchanged."""
    checked = 0
    for row in rows():
        for token in NUMBERED.findall(row["proxy"]):
            if any(ch.isdigit() for ch in token):
                checked += 1
                assert token.rstrip(".") in row["proxy_zh"], (row["code"], token)
    assert checked >= 15


def test_the_same_english_note_has_the_same_chinese_note():
    seen: dict[str, tuple[str, str]] = {}
    for row in rows():
        if row["proxy"]:
            code, chinese = seen.setdefault(row["proxy"], (row["code"], row["proxy_zh"]))
            assert row["proxy_zh"] == chinese, (code, row["code"])
    # the recycling rows share their notes
    assert len(seen) < sum(1 for row in rows() if row["proxy"])


def test_the_loader_carries_both_notes():
    datasets = load_datasets()
    for row in rows():
        assert datasets[row["code"]].proxy == row["proxy"].strip()
        assert datasets[row["code"]].proxy_zh == row["proxy_zh"].strip()
    assert datasets["deep_drawing"].proxy_zh == "以冷轧成型代替深拉伸"


def test_the_chinese_notes_fit_the_bundled_font():
    """The PDF prints them in the bundled GB 2312 subset font."""
    from fontTools.ttLib import TTFont

    from greendesign.report.pdf.markup import FONT_FILES, font_dir

    for name in FONT_FILES:
        with TTFont(font_dir() / name, lazy=True) as font:
            cmap = frozenset(font.getBestCmap())
        outside = {ch for row in rows() for ch in row["proxy_zh"]
                   if not ch.isspace() and ord(ch) not in cmap}
        assert outside == set(), name
