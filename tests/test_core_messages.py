"""The core speaks Chinese: every message it has for a person is in the Chinese catalogues,
translated, with its placeholders intact, and the compiled catalogues are current."""

from __future__ import annotations

import ast
import gettext
import re
import string
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

from translations import extract, po_path, read_catalogue  # noqa: E402

from greendesign import i18n  # noqa: E402

KEYWORDS = {"_", "N_", "ngettext"}


def fields(text: str) -> list[str]:
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text)
                  if name is not None)


@pytest.fixture(scope="module")
def extracted():
    return extract()


def test_every_core_message_has_a_chinese_translation(extracted):
    missing, broken = [], []
    for domain, messages in extracted.items():
        catalogue = read_catalogue("zh_CN", domain)
        for message_id, where in messages.items():
            entry = catalogue.get(message_id)
            ids = message_id if isinstance(message_id, tuple) else (message_id,)
            strings = entry.string if entry is not None else None
            strings = strings if isinstance(strings, tuple | list) else (strings,)
            if entry is None or entry.fuzzy or not all(s and s.strip() for s in strings):
                missing.append(f"{where[0]}: {ids[0]!r}")
                continue
            for translated in strings:
                if fields(translated) != fields(ids[0]):
                    broken.append(f"{where[0]}: {ids[0]!r} -> {translated!r}")
    assert missing == [], "run make translations and translate in the .po files"
    assert broken == [], "placeholders must survive translation"


def test_the_compiled_catalogues_are_current(extracted):
    for domain in extracted:
        po = read_catalogue("zh_CN", domain)
        mo_path = po_path("zh_CN", domain).with_suffix(".mo")
        assert mo_path.is_file(), f"{mo_path.name} is missing: run make translations"
        with open(mo_path, "rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        for entry in po:
            if entry.id and not isinstance(entry.id, tuple):
                assert compiled.gettext(entry.id) == entry.string, (
                    f"{mo_path.name} is older than its .po: run make translations")


def test_messages_are_literal_strings():
    """``_()`` of an f-string or a variable cannot be extracted, so it is never translated."""
    offenders = []
    for path in sorted((ROOT / "greendesign").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in KEYWORDS and node.args:
                count = 2 if node.func.id == "ngettext" else 1
                for arg in node.args[:count]:
                    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_language_switches_and_falls_back():
    with i18n.language("zh_CN"):
        assert i18n.current_language() == "zh_CN"
        assert i18n.pick("Steel", "钢") == "钢"
        assert i18n.pick("Steel", "") == "Steel"
        assert i18n._("a sentence no catalogue holds") == "a sentence no catalogue holds"
        with i18n.language("en"):
            assert i18n.pick("Steel", "钢") == "Steel"
    assert i18n.normalise_language("zh-Hans-CN") == "zh_CN"
    assert i18n.normalise_language("zh_CN.UTF-8") == "zh_CN"
    assert i18n.normalise_language("de_DE") == "en"
    assert re.fullmatch(r"zh_CN|en", i18n.current_language())
