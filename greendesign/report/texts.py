"""Texts inside an evidence pack, in the pack's language.

A pack is written in ``zh_CN``, ``en`` or ``both``: the workbook's headers, the sheet names and
the human-readable fields of ``pack.json`` follow it. :func:`say` renders a message in the
pack's language; in ``both`` it gives the Chinese and the English text joined by ``" / "``
(``"总计 / Total"``), Chinese first, as the Chinese-first report reads. Messages are written in
English inside ``_()`` (extracted into the ``report`` catalogue); labels that are looked up by a
code (life cycle stages, sheet names) are marked with ``N_()`` and rendered by :func:`label`.
"""

from __future__ import annotations

from collections.abc import Callable

from greendesign import i18n
from greendesign.i18n import N_

BOTH = "both"
SEPARATOR = " / "

STAGE_LABELS = {
    "raw_materials": N_("Raw materials"),
    "manufacturing": N_("Manufacturing"),
    "distribution": N_("Distribution"),
    "use": N_("Use"),
    "end_of_life": N_("End of life"),
    "credits_beyond_boundary": N_("Credits beyond the system boundary (module D)"),
}
"""Life cycle stage code -> its name (the stages of :mod:`greendesign.lca.lifecycle`)."""


def languages(language: str) -> tuple[str, ...]:
    """The languages a pack in ``language`` speaks (``both``: Chinese, then English)."""
    return ("zh_CN", "en") if language == BOTH else (i18n.normalise_language(language),)


def say(language: str, render: Callable[[], str], separator: str = SEPARATOR) -> str:
    """``render()`` (a function returning a ``_()`` message) in the pack's language.

    In ``both``, the two renderings joined by ``separator`` (one of them when they are equal).
    """
    texts = []
    for code in languages(language):
        with i18n.language(code):
            text = render()
        if text not in texts:
            texts.append(text)
    return separator.join(texts)


def label(language: str, message: str, separator: str = SEPARATOR) -> str:
    """A message marked with ``N_()`` (a constant), translated into the pack's language."""
    return say(language, lambda: i18n._(message), separator)


def pick_text(language: str, english: str, chinese: str | None,
              separator: str = SEPARATOR) -> str:
    """Of a value stored in both languages (a part or material name), the pack's choice."""
    return say(language, lambda: i18n.pick(english, chinese), separator)


def stage_label(language: str, stage: str) -> str:
    """The name of a life cycle stage (its code when it is not a known stage)."""
    message = STAGE_LABELS.get(stage)
    return label(language, message) if message else stage


def part_name(language: str, model, part_id: str) -> str:
    """The name of a part of a lifecycle model's tree in the pack's language (its id when it is
    not in the tree)."""
    tree = model.tree
    if part_id not in tree:
        return part_id
    return pick_text(language, tree[part_id][0], getattr(model, "names_zh", {}).get(part_id))
