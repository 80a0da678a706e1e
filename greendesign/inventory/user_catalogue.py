"""The catalogue the app uses: the bundled entries plus the datasets of the user databases.

Every dataset of an imported user database becomes a catalogue entry (see
:func:`~greendesign.inventory.catalogue.user_entries`): a process, and a material
too when it is measured per kg, with the end-of-life family of the bundled
material it is treated as. The merged catalogue is built from the registry
(:mod:`greendesign.inventory.user_registry`), without opening Brightway, and
rebuilt whenever the registry's dataset list changes.

:func:`search_datasets` searches it by name (English or Chinese), kind and
geography, as the Inventory page and ``greendesign-cli inventory search`` do.
This module imports neither Qt nor Brightway.
"""

from __future__ import annotations

from dataclasses import dataclass

from greendesign.inventory import user_registry
from greendesign.inventory.catalogue import (
    MATERIAL,
    PROCESS,
    Catalogue,
    Entry,
    load_bundled_catalogue,
    normalise,
    user_entries,
)
from greendesign.inventory.datasets import load_datasets

_user_catalogue: list = [None, None]  # [user dataset tuple it was built from, catalogue]


def load_catalogue() -> Catalogue:
    """The bundled catalogue plus the datasets of the user databases (cached)."""
    bundled = load_bundled_catalogue()
    datasets = user_registry.datasets()
    if not datasets:
        return bundled
    if _user_catalogue[0] is not datasets:
        entries = user_entries(datasets, user_registry.eol_map(), bundled)
        _user_catalogue[:] = [datasets, bundled.with_entries(entries)]
    return _user_catalogue[1]


def clear_user_cache() -> None:
    """Forget the catalogue built with the user databases (after an import or removal)."""
    _user_catalogue[:] = [None, None]


@dataclass(frozen=True)
class Hit:
    """One result of :func:`search_datasets`."""

    entry: Entry
    geography: str      # where the dataset's data stands for (RNA, CN, GLO ...); "" if none
    has_data: bool      # False for a bundled code that has no inventory numbers yet


def search_datasets(text: str, kind: str | None = None, geography: str | None = None,
                    limit: int = 50, include_user: bool = True) -> list[Hit]:
    """Search bundled and user datasets by name (English or Chinese), kind and geography.

    ``kind`` is a kind (``material``, ``grid`` ...) or group (``location``,
    ``treatment``); ``geography`` keeps the datasets whose geography contains it
    (``CN`` matches ``CN`` and ``CN-East``). A user dataset per kg, listed both as
    material and process, comes once (as a material) unless ``kind`` asks for
    processes. Ranking as :meth:`Catalogue.search`.
    """
    catalogue = load_catalogue() if include_user else load_bundled_catalogue()
    bundled = load_datasets()
    users = user_registry.dataset_map() if include_user else {}
    wanted = normalise(geography) if geography else ""
    hits: list[Hit] = []
    for entry in catalogue.search(text, kind, limit=len(catalogue)):
        if entry.origin and kind is None and entry.kind == PROCESS and \
                catalogue.has(entry.code, MATERIAL):
            continue
        if entry.origin:
            user = users.get(entry.code)
            where, has_data = (user.location if user else ""), user is not None
        elif entry.group == "location":
            where, has_data = entry.code, f"electricity_{entry.code}" in bundled or \
                entry.kind == "eol_region"
        else:
            data = bundled.get(entry.code)
            where, has_data = (data.geography if data else ""), data is not None
        if wanted and wanted not in normalise(where):
            continue
        hits.append(Hit(entry, where, has_data))
        if len(hits) >= limit:
            break
    return hits
