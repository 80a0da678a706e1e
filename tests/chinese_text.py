"""Does a text a person reads in Chinese still hold an English sentence?

:func:`english_sentences` finds runs of three or more English words in a text once the
things that stay as they are in a Chinese text are taken out (the allow-list):

* quoted values: ``'steel_stainless_304'``, ``“Body shell”``, ``"family|category"`` (codes,
  part names without a Chinese name, what a user typed);
* JSON paths (``$.product.bom[0].mass_kg``), file paths and file names
  (``/tmp/x.gdproj``, ``x.gdproj``), command-line options (``--service-life``) and
  argparse's lists of choices (``{validate,convert}``);
* names of standards, methods and software that are written the same in Chinese
  (:data:`STANDARD_NAMES`), and whatever the caller passes as ``data``: the Brightway
  method names (``IPCC 2021 | climate change | global warming potential (GWP100)``),
  English part and product names that have no Chinese name, functional units;
* units (``kg``, ``kWh``, ``t*km`` ...) and lists of codes to choose from (``material,
  process, location``: three or more single words between commas);
* codes never count as words: a word is a run of letters, lower case or
  capitalised (``mass``, ``Input``, ``ready-built``), not touching ``_`` or digits, so
  ``electricity_CN``, ``GWP100``, ``RCR`` (acronyms in capitals) and ``CO2-eq`` never
  make a sentence.

Three such words in a row (``should be greater``), or a short text without any Chinese
that still has two words (``Inventory ready``), is an untranslated message: no Chinese
message of the catalogue has one outside the allowed parts. Words joined by hyphens
(``ready-built``) are one word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

STANDARD_NAMES = (
    "IPCC 2021", "EF v3.1", "ReCiPe 2016 v1.03, midpoint (H)", "ReCiPe 2016 midpoint (H)",
    "CML v4.8 2016", "CML v4.8", "Cumulative Energy Demand (CED)", "Activity Browser",
    "GB/T 32161", "GB/T 26572", "GB/T 24067", "ISO 14067", "ISO 11469", "ISO 22628",
    "IEC TR 62635", "EN 45554", "EN 15804", "EU RoHS", "U.S. Federal LCA Commons",
)
"""Names of standards, methods and software, kept as they are in Chinese text."""

_ALLOWED = [
    r"'[^'\n]*'", r"“[^”\n]*”", r'"[^"\n]*"', r"‘[^’\n]*’",   # quoted values
    r"\{[^{}\n]*\}",                                          # argparse's choice lists
    r"\$[\w.\[\]]+",                                          # JSON paths
    r"(?:[A-Za-z]:)?[\w.~<>|+-]*[/\\][^\s，。；：（）、,;]*",  # paths and folders
    r"[\w.-]+\.(?:gdproj|csv|xlsx|xlsm|json|zip|xml|spold|txt|py|md)\b",  # file names
    r"(?<![\w-])--?[a-z][\w-]*",                              # command-line options
    r"(?<![\w.])(?:kg|g|t|km|kWh|MJ|MB|MiB|m2|m|l|s|h|t\*km|pts)\b",  # units
    r"(?<![\w-])[\w.*-]+(?:, [\w.*-]+){2,}(?![\w-])",   # lists of codes: a, b, c
]
_WORD = r"(?<![\w\-.])(?:[A-Z]?[a-z]+(?:-[a-z]+)*|[aI])(?![\w\-])"
_SENTENCE = re.compile(rf"{_WORD}(?:[,;:.!?)\]]*[ \t]+[(\[]*{_WORD}){{2,}}")
_WORDS = re.compile(_WORD)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _strip(text: str, data: Iterable[str]) -> str:
    for value in sorted({d.strip() for d in data if d and d.strip()}, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", " ", text)
    for name in sorted(STANDARD_NAMES, key=len, reverse=True):
        text = text.replace(name, " ")
    for pattern in _ALLOWED:
        text = re.sub(pattern, " ", text)
    return text


def english_sentences(text: str, data: Iterable[str] = ()) -> list[str]:
    """The runs of three or more English words left in ``text`` outside the allow-list;
    ``data`` are further strings to leave alone (names and texts of the user's data).

    A short text with no Chinese at all and two English words or more (``Inventory
    ready``) counts as one such run too.
    """
    rest = _strip(text, data)
    runs = [m.group(0) for m in _SENTENCE.finditer(rest)]
    if not runs and not _CJK.search(text) and len(_WORDS.findall(rest)) >= 2:
        runs.append(" ".join(_WORDS.findall(rest)))
    return runs


def untranslated(texts: Iterable[tuple[str, str]], data: Iterable[str] = ()
                 ) -> list[str]:
    """``"where: sentence | text"`` for every text of ``(where, text)`` pairs that holds an
    English sentence (empty when all are Chinese)."""
    data = list(data)
    found = []
    for where, text in texts:
        runs = english_sentences(text, data)
        if runs:
            found.append(f"{where}: {runs[0]!r} in {text!r}")
    return found


def project_data(project) -> list[str]:
    """The user's data of a project a message may quote: English names of nodes and
    products that have no Chinese one, ids, design names, functional units, substances,
    consumables and operating modes (the model has no Chinese names for those); texts with a
    Chinese version (``name_zh``, ``functional_unit_zh``, ``description_zh``) are not data
    a Chinese message may quote in English."""
    from greendesign.model import Part, walk

    data = list(project.design_names)
    for design in project.design_names:
        product = project.design(design)
        data += [product.functional_unit if not product.functional_unit_zh else "",
                 product.description if not product.description_zh else ""]
        use = product.scenario.use
        data += [c.name for c in use.consumables] + [m.name for m in use.operating_modes]
        if not product.name_zh:
            data.append(product.name)
        for node, *_rest in walk(product.bom):
            data.append(node.id)
            if not node.name_zh:
                data.append(node.name)
            if isinstance(node, Part):
                data += [s.name for s in node.substances]
    data += [v.description for v in project.variants if not v.description_zh]
    return data
