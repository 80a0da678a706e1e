"""Translation of the interface: the shared ``_tr`` helper and the catalogue files.

Widgets translate their texts with ``self.tr("...")`` (the class name is the
context). Module-level code (dialogs built in functions, the field parsers,
the undo command texts) uses :func:`_tr`, whose context is empty; the
extraction command :data:`LUPDATE_ARGS` tells ``lupdate`` that ``_tr`` is a
spelling of ``tr``, so those strings land in the same ``.ts`` file.

Updating the translations::

    .venv/bin/pyside6-lupdate -tr-function-alias tr+=_tr -no-obsolete -locations none \\
        $(find ui -name "*.py") -ts resources/translations/greendesign_zh_CN.ts
    (translate the new entries, e.g. with pyside6-linguist)
    .venv/bin/pyside6-lrelease resources/translations/greendesign_zh_CN.ts

``tests/ui/test_translations.py`` runs the same extraction and fails when a
string has no translation or the ``.qm`` file is older than the ``.ts``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

LANGUAGES = ("zh_CN",)
"""The languages GreenDesign ships translations for (English is the source)."""

LUPDATE_ARGS = ("-tr-function-alias", "tr+=_tr", "-no-obsolete", "-locations", "none")
"""Options of ``pyside6-lupdate`` that the extraction needs."""


def _tr(text: str) -> str:
    """Translate a text outside a widget class (the empty translation context)."""
    return QCoreApplication.translate("", text)
