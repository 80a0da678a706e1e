"""Display names of inventory dataset codes (materials, processes) for the UI, with the
status and geography of their data.

The catalogue (:mod:`greendesign.inventory.catalogue`) gives each code an
English and a Chinese name; it holds the bundled datasets and those of the
user databases. It is loaded once, on first use, and again after
:func:`refresh_catalogue` (a user database was imported or removed); while it
is missing or cannot be read, the UI shows the bare code rather than failing.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QLocale

from greendesign.inventory.datasets import load_datasets
from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.inventory.user_registry import dataset_map
from ui.i18n import _tr

log = logging.getLogger("greendesign.ui")


@lru_cache(maxsize=1)
def _catalogue() -> Any | None:
    try:
        return load_catalogue()
    except Exception as exc:  # a broken catalogue must not stop the BOM from showing
        log.warning("dataset catalogue not available: %s", exc)
        return None


def catalogue() -> Any | None:
    """The dataset catalogue (bundled and user datasets), or None while it is missing or
    unreadable."""
    return _catalogue()


def refresh_catalogue() -> None:
    """Read the catalogue again on next use: the user databases changed, so the BOM
    editor's material and process pickers offer their datasets without a restart."""
    _catalogue.cache_clear()


def dataset_name(code: str, language: str = "en") -> str | None:
    """The catalogue name of a dataset code, or None when the code is unknown.

    Parameters
    ----------
    code
        A dataset code such as ``steel_stainless_304``.
    language
        ``"en"`` or ``"zh"``; the English name is used when the Chinese one is empty.
    """
    catalogue = _catalogue()
    if catalogue is None or not code:
        return None
    entry = catalogue.dataset_entry(code)  # a regional dataset (<code>@CN): its base code's
    if entry is None:
        return None
    if language.startswith("zh") and getattr(entry, "name_zh", ""):
        return entry.name_zh
    return getattr(entry, "name_en", None) or None


def dataset_label(code: str, language: str = "en") -> str:
    """``"Stainless steel 304 (steel_stainless_304)"``, or the bare code if not catalogued."""
    name = dataset_name(code, language)
    return f"{name} ({code})" if name and name != code else code


def ui_language() -> str:
    """``"zh"`` when the interface runs in Chinese, else ``"en"``."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def location_names(kind: str) -> list[tuple[str, str]]:
    """``(code, name)`` of the catalogue's locations of ``kind`` (``grid``,
    ``eol_region``, ``renewable``), named in the interface language."""
    cat = catalogue()
    if cat is None:
        return []
    zh = ui_language() == "zh"
    return [(e.code, e.name_zh if zh and e.name_zh else e.name_en) for e in cat.entries(kind)]


def data_status(code: str) -> tuple[tuple[str, ...], str]:
    """What the inventory holds for ``code``: its status flags and its geography.

    Flags: ``("inventory",)`` for a full inventory, ``"ghg_only"`` for one resting on a
    published greenhouse-gas figure only, ``"proxy"`` when another material or
    composition stands in (both may apply), ``("no_data",)`` when the code has no dataset.
    A user database's dataset is an inventory of its own location.
    """
    try:
        bundled, users = load_datasets(), dataset_map()
    except Exception as exc:  # a broken inventory must not stop the picker from showing
        log.warning("inventory datasets not available: %s", exc)
        return (), ""
    if code in users:
        return ("inventory",), users[code].location
    data = bundled.get(code)
    if data is None:
        return ("no_data",), ""
    flags = tuple(flag for flag, on in (("proxy", bool(data.proxy)),
                                        ("ghg_only", data.ghg_only)) if on)
    return flags or ("inventory",), data.geography


def status_text(flag: str) -> str:
    """A data status flag of :func:`data_status` as the interface names it."""
    texts = {"inventory": _tr("inventory"), "ghg_only": _tr("GHG only"),
             "proxy": _tr("proxy"), "no_data": _tr("no data")}
    return texts.get(flag, flag)


def with_data_status(code: str, label: str) -> str:
    """``label`` followed by the data status and geography of ``code``:
    ``"Polyamide 66 (pa66)  [proxy, GHG only \u00b7 RER]"``."""
    flags, geography = data_status(code)
    if not flags:
        return label
    status = _tr(", ").join(status_text(flag) for flag in flags)
    return f"{label}  [{status} \u00b7 {geography}]" if geography else f"{label}  [{status}]"


def material_choices(text: str, limit: int = 20) -> list[tuple[str, str]]:
    """``(code, label)`` of the catalogue materials matching ``text`` in English or Chinese,
    each label with the data status and geography of the material (:func:`data_status`)."""
    entries = catalogue()
    if entries is None:
        return []
    result = []
    for entry in entries.search(text, "material", limit=limit):
        label = dataset_label(entry.code)
        if entry.name_zh and entry.name_zh not in label:
            label = f"{label}  \u00b7  {entry.name_zh}"
        result.append((entry.code, with_data_status(entry.code, label)))
    return result
