"""Text the user reads, in the user's language: the core's message catalogue.

Chinese is the first language of most users; English is the source language of
the messages. Every sentence the core produces for a person (error messages and
their hints, findings, improvement suggestions, data-gap and GHG-only notes,
indicator names, progress messages, the evidence pack) is written in English
inside ``_()`` and translated through the gettext catalogues
``greendesign/locale/<language>/LC_MESSAGES/<domain>.po`` (compiled to ``.mo``,
loaded from the package). There is one catalogue a part of the core
(:data:`DOMAINS`: the evidence pack's report and its PDF have their own); a message
is looked up in all of them. The desktop app sets the language at start; the command
line follows ``--lang``, else the Language setting, else the system's locale; an
export in both languages renders each part inside :func:`language`.

Rules that keep the catalogue complete (``tests/test_core_messages.py`` checks them):

* the argument of ``_()`` is a literal string; values go in with ``str.format``
  placeholders, named so a translator can move them:
  ``_("{part}: no recycling dataset for family {family}").format(part=..., family=...)``;
* a module-level constant that is translated later is marked with ``N_()`` and
  translated where it is shown with :func:`translate` (``translate(CONSTANT)``; ``_()``
  itself only ever takes a literal);
* data that carries both languages (catalogue names, indicator names, part names)
  is picked with :func:`pick`, not translated.

Extraction and compilation (Babel)::

    make translations   # pybabel extract + update + compile
"""

from __future__ import annotations

import gettext
import locale as _locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources

DOMAINS = {
    "greendesign": ("greendesign",),
    "evidence": ("greendesign/evidence",),
    "report": ("greendesign/report",),
    "report_pdf": ("greendesign/report/pdf",),
}
"""Catalogue -> the source folders whose messages it holds (a folder belongs to the
catalogue of its deepest listed folder; ``make translations`` extracts them so)."""
SOURCE_LANGUAGE = "en"
LANGUAGES = ("zh_CN", "en")
"""The languages the core speaks (the catalogue has every message in each)."""

_default_language = SOURCE_LANGUAGE
_override: ContextVar[str | None] = ContextVar("greendesign_language", default=None)


def normalise_language(language: str | None) -> str:
    """``"zh"``, ``"zh_CN"``, ``"zh-Hans-CN"``, ``"zh_CN.UTF-8"`` -> ``"zh_CN"``; others -> ``"en"``."""
    if not language:
        return SOURCE_LANGUAGE
    code = language.split(".")[0].replace("-", "_").lower()
    if code.startswith("zh"):
        return "zh_CN"
    return SOURCE_LANGUAGE


def system_language() -> str:
    """The language of the environment (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return normalise_language(value.split(":")[0])
    try:
        found = _locale.getlocale()[0]
    except ValueError:  # an unknown locale name in the environment
        found = None
    return normalise_language(found)


def set_language(language: str | None) -> str:
    """Set the language of this process (every thread); returns the normalised code."""
    global _default_language
    _default_language = normalise_language(language)
    return _default_language


def default_language() -> str:
    """The language of this process, as :func:`set_language` set it (blocks inside
    :func:`language` aside)."""
    return _default_language


def current_language() -> str:
    """The language messages are produced in now (``"zh_CN"`` or ``"en"``)."""
    return _override.get() or _default_language


def is_chinese() -> bool:
    """Whether messages are produced in Chinese now."""
    return current_language() == "zh_CN"


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Produce messages in ``code`` inside the block (this thread and context only)."""
    token = _override.set(normalise_language(code))
    try:
        yield current_language()
    finally:
        _override.reset(token)


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalogues of ``code``, chained (the source language has none)."""
    chain: gettext.NullTranslations = gettext.NullTranslations()
    if code == SOURCE_LANGUAGE:
        return chain
    folder = resources.files("greendesign") / "locale" / code / "LC_MESSAGES"
    found = []
    for domain in DOMAINS:
        try:
            with (folder / f"{domain}.mo").open("rb") as handle:
                found.append(gettext.GNUTranslations(handle))
        except (FileNotFoundError, OSError):  # a damaged install still speaks English
            continue
    for catalogue in reversed(found):
        catalogue.add_fallback(chain)
        chain = catalogue
    return chain


def _(message: str) -> str:
    """``message`` in the current language (English when it has no translation)."""
    return translations(current_language()).gettext(message)


def translate(message: str) -> str:
    """A message marked with :func:`N_` where it was written (a constant), in the current
    language; English when it has no translation."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count`` in the current language."""
    return translations(current_language()).ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for the catalogue without translating it now."""
    return message


def pick(english: str, chinese: str | None) -> str:
    """Of a value stored in both languages, the one to show now (English when no Chinese)."""
    return chinese if chinese and is_chinese() else english
