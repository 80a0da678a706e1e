"""Findings and suggestions name end-of-life families, materials and coatings in the
message language, not by their codes."""

from __future__ import annotations

import re

from greendesign import i18n
from greendesign.bundled import demo_products
from greendesign.inventory.families import FAMILIES, FAMILY_NAMES, family_name
from greendesign.io.project_file import load_project
from greendesign.model import BASELINE
from greendesign.scoring import score_json

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_family_has_a_name_in_both_languages():
    assert set(FAMILY_NAMES) == FAMILIES
    with i18n.language("en"):
        english = {code: family_name(code) for code in FAMILIES}
    with i18n.language("zh_CN"):
        chinese = {code: family_name(code) for code in FAMILIES}
    assert english["plastic_pur"] == "polyurethane (PUR)" and chinese["wood"] == "木材"
    assert [code for code, name in chinese.items() if not CJK.search(name)] == []
    assert len(set(chinese.values())) == len(FAMILIES)
    assert family_name("not_a_family") == "not_a_family"


def test_the_chairs_findings_in_chinese_carry_no_codes():
    path = next(p for p in demo_products() if "office_chair" in p.stem)
    project = load_project(path)
    with i18n.language("zh_CN"):
        result = score_json(project, BASELINE, None, suggestions=True)
    texts = [f["message"] for f in result["combination_findings"]
             + result["plastic_marking_findings"]]
    texts += [s["description"] for s in result["suggestions"]]
    assert texts
    codes = set(FAMILIES) | {"powder_coating", "wet_painting", "electroplating_chrome",
                             "pa66_gf30", "adhesive_hotmelt", "pom"}
    found = sorted({code for text in texts for code in re.findall(r"[a-z][a-z0-9_]+", text)
                    if code in codes})
    assert found == []
