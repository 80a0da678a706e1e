"""The core's gettext catalogues: extract, merge into the Chinese ``.po`` files, compile.

``make translations`` runs it. Messages are extracted with Babel from every module of
``greendesign/`` (keywords ``_``, ``N_``, ``ngettext``) and go to the catalogue of the
deepest folder listed in :data:`greendesign.i18n.DOMAINS`. Existing translations are
kept, new messages get an empty translation (to be written in the ``.po``), messages no
longer in the code are dropped; then every catalogue is compiled to ``.mo``.
``tests/test_core_messages.py`` uses :func:`extract` to check that nothing is left
untranslated and that the ``.mo`` files are current.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from greendesign.i18n import DOMAINS, LANGUAGES, SOURCE_LANGUAGE  # noqa: E402

LOCALE = ROOT / "greendesign" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def domain_of(path: str) -> str:
    """The catalogue a source file (relative to the tree root, posix) belongs to."""
    best, depth = "greendesign", -1
    for domain, folders in DOMAINS.items():
        for folder in folders:
            if (path == folder or path.startswith(folder + "/")) and folder.count("/") > depth:
                best, depth = domain, folder.count("/")
    return best


def extract() -> dict[str, dict[str | tuple[str, str], list[str]]]:
    """``domain -> message id -> [file:line, ...]`` of every message in ``greendesign/``."""
    found: dict[str, dict] = {domain: {} for domain in DOMAINS}
    source = ROOT / "greendesign"
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(source), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",)):
        path = f"greendesign/{filename}".replace("\\", "/")
        found[domain_of(path)].setdefault(message, []).append(f"{path}:{lineno}")
    return found


def po_path(language: str, domain: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalogue(language: str, domain: str) -> Catalog:
    path = po_path(language, domain)
    if not path.is_file():
        return Catalog(locale=language, domain=domain, project="GreenDesign")
    with open(path, "rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def update(language: str) -> dict[str, tuple[int, int]]:
    """Merge the extracted messages into ``language``'s catalogues and compile them;
    returns ``domain -> (messages, untranslated)``."""
    stats = {}
    for domain, messages in extract().items():
        old = read_catalogue(language, domain)
        new = Catalog(locale=language, domain=domain, project="GreenDesign",
                      fuzzy=False)
        for message_id, locations in sorted(messages.items(), key=lambda kv: str(kv[0])):
            previous = old.get(message_id)
            new.add(message_id, previous.string if previous is not None else
                    (("", "") if isinstance(message_id, tuple) else ""),
                    locations=[(loc.rsplit(":", 1)[0], int(loc.rsplit(":", 1)[1]))
                               for loc in locations])
        path = po_path(language, domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            write_po(handle, new, width=100, sort_output=True, include_previous=False,
                     omit_header=False, no_location=True)
        with open(path.with_suffix(".mo"), "wb") as handle:
            write_mo(handle, new)
        untranslated = sum(1 for m in new if m.id and not _translated(m.string))
        stats[domain] = (len([m for m in new if m.id]), untranslated)
    return stats


def _translated(string) -> bool:
    if isinstance(string, tuple | list):
        return all(s.strip() for s in string)
    return bool(string and string.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        for domain, (count, untranslated) in update(language).items():
            print(f"{language}/{domain}: {count} messages, {untranslated} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
