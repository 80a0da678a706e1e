"""The dataset catalogue: the agreed codes and names of every inventory dataset.

The product model refers to inventory datasets by code: ``Part.material``,
``ProcessUse.dataset``, ``Consumable.material``, the grid and end-of-life
region codes of the scenario and the transport modes. The catalogue lists
those codes with English and Chinese names, units, end-of-life families,
ISO 11469 plastic markings and the aliases users write in BOMs. It holds no
numbers: the numeric inventory (with source, year, geography and quality per
value) is added per code later.

Files (``lca_data/catalogue``, UTF-8 CSV, header on row 1):

* ``materials.csv``: ``code,name_en,name_zh,family,unit,iso11469,aliases``
* ``processes.csv``: ``code,name_en,name_zh,unit,basis,aliases``
* ``locations.csv``: ``code,name_en,name_zh,kind`` (grid, renewable, eol_region)
* ``treatments.csv``: ``code,name_en,name_zh,kind,unit`` (transport, landfill,
  incineration, pretreatment, recycling, credit)

Codes are unique across the four files, with one exception: a location code
may appear once per location kind (``CN`` is both a grid and an end-of-life
region). Every code, name and alias identifies one entry (compared after
Unicode NFKC normalisation and case folding), again except that shared
location code.

This module is the bundled catalogue: its entries, its reader and the search in
it. The catalogue the app uses, with the datasets of the user databases added,
is built in :mod:`greendesign.inventory.user_catalogue`; the check of a
product's codes against it is :mod:`greendesign.inventory.product_check`. This
module imports neither Qt nor Brightway.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from greendesign.bundled import lca_data_dir
from greendesign.errors import GreenDesignError, Problem
from greendesign.i18n import N_, _, ngettext, pick, translate
from greendesign.inventory.csv_tables import read_table
from greendesign.inventory.families import FAMILIES
from greendesign.inventory.regional import base_code
from greendesign.model.vocab import TransportMode

MATERIAL = "material"
PROCESS = "process"
LOCATION_KINDS = ("grid", "renewable", "eol_region")
TREATMENT_KINDS = ("transport", "landfill", "incineration", "pretreatment", "recycling",
                   "credit")
#: Every entry kind, in the order :meth:`Catalogue.get` and :meth:`Catalogue.resolve`
#: prefer when a code is shared and no kind is given.
KINDS = (MATERIAL, PROCESS, *TREATMENT_KINDS, *LOCATION_KINDS)
#: File groups; a group name may be used wherever a kind is accepted.
GROUPS = {
    MATERIAL: (MATERIAL,),
    PROCESS: (PROCESS,),
    "location": LOCATION_KINDS,
    "treatment": TREATMENT_KINDS,
}


_FILES = {
    "materials.csv": ("material", ("code", "name_en", "name_zh", "family", "unit", "iso11469",
                                   "aliases")),
    "processes.csv": ("process", ("code", "name_en", "name_zh", "unit", "basis", "aliases")),
    "locations.csv": ("location", ("code", "name_en", "name_zh", "kind")),
    "treatments.csv": ("treatment", ("code", "name_en", "name_zh", "kind", "unit")),
}
_UNITS = {
    "material": {"kg", "m2", "unit"},
    "process": {"kg", "m2", "m", "unit", "kWh"},
    "location": {""},
    "treatment": {"kg", "t*km"},
}
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_LOCATION = re.compile(r"^[A-Z]{2,5}(-[A-Z][A-Za-z]+)?$")
_MARKING = re.compile(r"^>[A-Z0-9+\-/(), ]+<$")
_TRANSPORT_CODES = {mode.value for mode in TransportMode}
#: Entry kinds and groups as messages name them.
KIND_NAMES = {
    MATERIAL: N_("material"), PROCESS: N_("process"), "location": N_("location"),
    "treatment": N_("treatment"), "grid": N_("grid"), "renewable": N_("renewable source"),
    "eol_region": N_("end-of-life region"), "transport": N_("transport"),
    "landfill": N_("landfill"), "incineration": N_("incineration"),
    "pretreatment": N_("pre-treatment"), "recycling": N_("recycling"), "credit": N_("credit"),
}


def kind_name(kind: str) -> str:
    """A catalogue kind or group (``eol_region``) as a message names it, translated."""
    return translate(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


class CatalogueError(GreenDesignError):
    """The dataset catalogue is malformed, or a code is not in it."""


class UnknownCodeError(CatalogueError, KeyError):
    """A code was looked up that the catalogue does not hold."""


def normalise(text: str) -> str:
    """Comparison form of a code, name or alias: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


@dataclass(frozen=True)
class Entry:
    """One catalogue entry: a dataset code with its names and classification.

    Attributes
    ----------
    code
        The reference used in project files (``steel_stainless_304``, ``CN-East``).
    kind
        ``material``, ``process``, a location kind (``grid``, ``renewable``,
        ``eol_region``) or a treatment kind (``transport``, ``landfill``,
        ``incineration``, ``pretreatment``, ``recycling``, ``credit``).
    name_en, name_zh
        English and Chinese names.
    unit
        Reference unit of the dataset (``kg``, ``m2``, ``unit``, ``t*km``); empty
        for locations.
    family
        End-of-life family of a material (``stainless``, ``plastic_pp`` ...).
    iso11469
        ISO 11469 marking of a plastic (``>PC+ABS<``); empty otherwise.
    aliases
        Other names users write in BOMs, English and Chinese.
    basis
        What a process amount measures (``kg of moulded part``, ``m2 coated``).
    """

    code: str
    kind: str
    name_en: str
    name_zh: str
    unit: str = ""
    family: str = ""
    iso11469: str = ""
    aliases: tuple[str, ...] = ()
    basis: str = ""
    #: registry name of the user database the entry comes from; empty for bundled entries
    origin: str = ""

    @property
    def group(self) -> str:
        """The file group of the entry: material, process, location or treatment."""
        for group, kinds in GROUPS.items():
            if self.kind in kinds:
                return group
        return ""

    def labels(self) -> tuple[str, ...]:
        """Code, names and aliases: every text that identifies this entry."""
        return (self.code, self.name_en, self.name_zh, *self.aliases)


def _kind_filter(kind: str | None) -> tuple[str, ...]:
    if kind is None:
        return KINDS
    if kind in GROUPS:
        return GROUPS[kind]
    if kind in KINDS:
        return (kind,)
    raise CatalogueError(_("Unknown catalogue kind {kind!r}.").format(kind=kind),
                         hint=_("Use one of {kinds}.").format(
                             kinds=", ".join((*GROUPS, *KINDS[2:]))))


class Catalogue:
    """The dataset catalogue, indexed by code and by normalised name and alias.

    Parameters
    ----------
    entries
        The entries; codes, names and aliases must be unambiguous (see the
        module docstring), otherwise :class:`CatalogueError` names the clash.
    origins
        Optional ``entry code and kind -> "file, row N"`` for error messages.
    """

    def __init__(self, entries: Iterable[Entry],
                 origins: dict[tuple[str, str], str] | None = None) -> None:
        origins = origins or {}
        self._entries: dict[tuple[str, str], Entry] = {}
        self._index: dict[str, list[Entry]] = {}
        self._keys: dict[tuple[str, str], tuple[str, ...]] = {}  # normalised labels, for search
        problems: list[Problem] = []

        def where(entry: Entry) -> str:
            return origins.get((entry.kind, entry.code), f"{entry.kind} {entry.code!r}")

        for entry in entries:
            key = (entry.kind, entry.code)
            if key in self._entries:
                problems.append(Problem(_("code {code!r} is listed twice as {kind}").format(
                    code=entry.code, kind=entry.kind), location=where(entry)))
                continue
            self._entries[key] = entry
            for text in dict.fromkeys(normalise(k) for k in entry.labels() if k):
                holders = self._index.setdefault(text, [])
                for other in holders:
                    shared_location_code = (
                        entry.group == other.group == "location"
                        and text == normalise(entry.code) == normalise(other.code))
                    if not shared_location_code:
                        problems.append(Problem(
                            _("{text!r} names both {kind} {code!r} ({where}) and {other_kind} "
                              "{other_code!r}").format(
                                text=text, kind=other.kind, code=other.code,
                                where=where(other), other_kind=entry.kind,
                                other_code=entry.code),
                            location=where(entry),
                            hint=_("every code, name and alias must identify one entry")))
                holders.append(entry)
        if problems:
            raise CatalogueError(ngettext(
                "The dataset catalogue has {count} ambiguous or duplicate entry.",
                "The dataset catalogue has {count} ambiguous or duplicate entries.",
                len(problems)).format(count=len(problems)), problems=problems)
        rank = {kind: i for i, kind in enumerate(KINDS)}
        for holders in self._index.values():
            holders.sort(key=lambda e: rank[e.kind])

    def with_entries(self, extra: Iterable[Entry]) -> Catalogue:
        """A copy with ``extra`` entries (user databases) added leniently.

        Their codes are always indexed; a name or alias that already identifies
        another entry is not indexed for :meth:`resolve` (it is still found by
        :meth:`search`), since user databases often repeat names across
        locations.
        """
        new = Catalogue.__new__(Catalogue)
        new._entries = dict(self._entries)
        new._index = {k: list(v) for k, v in self._index.items()}
        new._keys = dict(self._keys)
        for entry in extra:
            key = (entry.kind, entry.code)
            if key in new._entries:
                continue
            new._entries[key] = entry
            for position, text in enumerate(dict.fromkeys(normalise(k) for k in entry.labels()
                                                          if k)):
                holders = new._index.setdefault(text, [])
                if position == 0 or not holders:  # the code itself is always unique
                    holders.append(entry)
        return new

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.has(code)

    def has(self, code: str, kind: str | None = None) -> bool:
        """Whether ``code`` (exactly as written) is a code of the given kind or group."""
        return any((k, code) in self._entries for k in _kind_filter(kind))

    def name_of(self, code: str, kind: str | None = None) -> str:
        """The entry's name in the message language; ``code`` itself when it has none."""
        if not self.has(code, kind):
            return code
        entry = self.get(code, kind)
        return pick(entry.name_en, entry.name_zh)

    def get(self, code: str, kind: str | None = None) -> Entry:
        """The entry with this exact code.

        Without ``kind``, a code listed under several location kinds (``CN``)
        gives the first in :data:`KINDS` order (the grid). Raises
        :class:`UnknownCodeError` with a suggestion when the code is unknown.
        """
        for k in _kind_filter(kind):
            entry = self._entries.get((k, code))
            if entry is not None:
                return entry
        suggestion = self.resolve(code, kind)
        hint = (_("Did you mean {code!r}?").format(code=suggestion) if suggestion else
                _("Search the catalogue for the material or process name."))
        if kind:
            message = _("{code!r} is not a {kind} code in the dataset catalogue.").format(
                code=code, kind=kind_name(kind))
        else:
            message = _("{code!r} is not a code in the dataset catalogue.").format(code=code)
        raise UnknownCodeError(message, hint=hint)

    def dataset_entry(self, code: str, kind: str | None = None) -> Entry | None:
        """The entry a dataset code belongs to: its own, or its base code's for a regional
        dataset (``aluminium_primary_ingot@CN``); None when neither is catalogued."""
        for candidate in dict.fromkeys((code, base_code(code))):
            if self.has(candidate, kind):
                return self.get(candidate, kind)
        return None

    def entries(self, kind: str | None = None) -> list[Entry]:
        """The entries of a kind or group (all without ``kind``), sorted by code."""
        kinds = set(_kind_filter(kind))
        return sorted((e for e in self._entries.values() if e.kind in kinds),
                      key=lambda e: (e.code.casefold(), e.kind))

    def codes(self, kind: str) -> list[str]:
        """The codes of a kind (``grid``) or group (``material``, ``location``), sorted."""
        return list(dict.fromkeys(e.code for e in self.entries(kind)))

    def resolve(self, text: str, kind: str | None = None) -> str | None:
        """The code that ``text`` names exactly (code, English or Chinese name, alias).

        Matching ignores case, surrounding and repeated spaces and Unicode
        width differences (NFKC), so ``sus304``, ``ＳＵＳ３０４`` and ``不锈钢``
        all give ``steel_stainless_304``. Returns ``None`` when nothing matches.
        """
        kinds = _kind_filter(kind)
        for entry in self._index.get(normalise(text), ()):
            if entry.kind in kinds:
                return entry.code
        return None

    def closest(self, text: str, kind: str | None = None, limit: int = 3,
                cutoff: float = 0.75) -> list[str]:
        """The codes most like ``text``: the suggestions for a mistyped code or name.

        Each entry scores the best :class:`difflib.SequenceMatcher` ratio (0 to 1)
        of ``text`` against its code, English and Chinese names and aliases, as
        written and with the words of both sorted (``stainless_steel_304`` finds
        ``steel_stainless_304``); underscores and hyphens count as spaces. A label
        made of some of the words of ``text`` scores 0.7 plus 0.25 times the share
        of the words it covers (``ABS plastic`` finds ``abs`` by its alias ``ABS``).
        Returns at most ``limit`` codes scoring at least ``cutoff`` and within 0.1
        of the best, best first (ties by code); an empty list when nothing is close.
        Bundled entries are suggested first: user datasets only when no bundled
        entry is close.
        """
        memo = self.__dict__.setdefault("_closest_memo", {})  # a BOM repeats its typos
        key = (text, kind, limit, cutoff)
        if key not in memo:
            memo[key] = self._closest(text, kind, limit, cutoff)
        return list(memo[key])

    def _closest(self, text: str, kind: str | None, limit: int, cutoff: float) -> list[str]:
        query = _fuzzy_form(text)
        if not query:
            return []
        kinds = set(_kind_filter(kind))
        words = query.split()
        phrases = {" ".join(words[i:j]): (j - i) / len(words) for i in range(len(words))
                   for j in range(i + 1, len(words) + 1) if j - i < len(words)}
        matchers = []  # the text as written, then with its words sorted
        for form in (query, " ".join(sorted(words))):
            matcher = difflib.SequenceMatcher(autojunk=False)
            matcher.set_seq2(form)
            matchers.append(matcher)
        for bundled in (True, False):
            best = self._closest_scores(matchers, phrases, kinds, bundled, cutoff)
            if best:
                break
        else:
            return []
        top = max(best.values())
        ranked = sorted((code for code, score in best.items() if score >= top - 0.1),
                        key=lambda code: (-best[code], code.casefold()))
        return ranked[:max(0, limit)]

    def _closest_scores(self, matchers: list[difflib.SequenceMatcher],
                        phrases: dict[str, float], kinds: set[str], bundled: bool,
                        cutoff: float) -> dict[str, float]:
        """Code -> score of :meth:`closest` for the bundled or the user entries."""
        best: dict[str, float] = {}
        for entry in self._entries.values():
            if entry.kind not in kinds or bool(entry.origin) == bundled:
                continue
            score = best.get(entry.code, 0.0)
            for label in entry.labels():
                label = _fuzzy_form(label)
                if label in phrases:
                    score = max(score, 0.7 + 0.25 * phrases[label])
                for candidate, matcher in zip((label, " ".join(sorted(label.split()))),
                                              matchers, strict=True):
                    matcher.set_seq1(candidate)
                    if matcher.real_quick_ratio() > max(score, cutoff - 1e-9) and \
                            matcher.quick_ratio() > max(score, cutoff - 1e-9):
                        score = max(score, matcher.ratio())
            if score >= cutoff:
                best[entry.code] = score
        return best

    def search(self, text: str, kind: str | None = None, limit: int = 50) -> list[Entry]:
        """Entries whose code, names or aliases contain ``text`` (case-insensitive).

        Ranking: exact matches of a code, name or alias first, then entries where
        one of them starts with the text, then other substring matches; ties in
        catalogue-kind order, then by code. An empty text lists every entry.
        """
        query = normalise(text)
        kinds = set(_kind_filter(kind))
        rank = {k: i for i, k in enumerate(KINDS)}
        scored: list[tuple[int, int, str, Entry]] = []
        for entry in self._entries.values():
            if entry.kind not in kinds:
                continue
            keys = self._keys.get((entry.kind, entry.code))
            if keys is None:
                keys = self._keys[(entry.kind, entry.code)] = tuple(
                    normalise(k) for k in entry.labels() if k)
            if not query:
                score = 2
            elif query in keys:
                score = 0
            elif any(k.startswith(query) for k in keys):
                score = 1
            elif any(query in k for k in keys):
                score = 2
            else:
                continue
            scored.append((score, rank[entry.kind], entry.code.casefold(), entry))
        scored.sort(key=lambda item: item[:3])
        return [item[3] for item in scored[:max(0, limit)]]


def _fuzzy_form(text: str) -> str:
    """:func:`normalise`, with underscores and hyphens read as spaces (for :meth:`closest`)."""
    return " ".join(normalise(text).replace("_", " ").replace("-", " ").split())


def did_you_mean(codes: list[str]) -> str:
    """``did you mean 'a'?``, ``did you mean 'a' or 'b'?``, ``... 'a', 'b' or 'c'?``."""
    quoted = [repr(code) for code in codes]
    if not quoted:
        return ""
    if len(quoted) == 1:
        return _("did you mean {code}?").format(code=quoted[0])
    # TRANSLATORS: the separator of a list of codes ("'a', 'b' or 'c'")
    return _("did you mean {codes} or {last}?").format(codes=_(", ").join(quoted[:-1]),
                                                       last=quoted[-1])


# --- reading the CSV files ----------------------------------------------------------------

def _split_aliases(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.strip() for a in cell.split(";") if a.strip()))


def _check_row(group: str, values: dict[str, str]) -> list[tuple[str, str]]:
    """Return ``(column, message)`` for every bad cell of one row."""
    bad: list[tuple[str, str]] = []
    code = values["code"]
    kind = values.get("kind", group)
    if not code:
        bad.append(("code", _("the code is empty")))
    elif group == "location":
        if not _LOCATION.match(code):
            bad.append(("code", _("{code!r} is not a location code (CN, CN-East, PV "
                                  "...)").format(code=code)))
    elif kind == "transport":
        if code not in _TRANSPORT_CODES:
            bad.append(("code", _("{code!r} is not a transport mode of the product model "
                                  "({modes})").format(
                code=code, modes=", ".join(sorted(_TRANSPORT_CODES)))))
    elif not _SNAKE.match(code):
        bad.append(("code", _("{code!r} is not lowercase snake_case (e.g. "
                              "steel_stainless_304)").format(code=code)))
    for column in ("name_en", "name_zh"):
        if not values[column]:
            bad.append((column, _("the name is empty")))
    allowed_kinds = GROUPS[group]
    if "kind" in values and kind not in allowed_kinds:
        bad.append(("kind", _("{value!r} is not one of {choices}").format(
            value=kind, choices=", ".join(allowed_kinds))))
    unit = values.get("unit", "")
    if "unit" in values and unit not in _UNITS[group]:
        bad.append(("unit", _("{value!r} is not one of {choices}").format(
            value=unit, choices=", ".join(sorted(_UNITS[group])))))
    if kind == "transport" and unit != "t*km":
        bad.append(("unit", _("transport is measured in t*km")))
    if group == "material":
        family = values["family"]
        marking = values["iso11469"]
        if family not in FAMILIES:
            bad.append(("family", _("{family!r} is not an end-of-life family "
                                    "({families})").format(
                family=family, families=", ".join(sorted(FAMILIES)))))
        if family.startswith("plastic") and not _MARKING.match(marking):
            bad.append(("iso11469", _("a plastic needs its ISO 11469 marking such as >PP<, "
                                      "got {marking!r}").format(marking=marking)))
        if marking and not family.startswith("plastic"):
            bad.append(("iso11469", _("only plastics carry an ISO 11469 marking, this is "
                                      "{family!r}").format(family=family)))
    if group == "process" and not values["basis"]:
        bad.append(("basis", _("say what the amount measures, e.g. 'kg of moulded part'")))
    return bad


def _read_file(path: Path, group: str, columns: tuple[str, ...],
               problems: list[Problem]) -> list[tuple[Entry, str]]:
    out: list[tuple[Entry, str]] = []
    for row in read_table(path, columns, problems):
        values = row.values
        bad = _check_row(group, values)
        for column, message in bad:
            problems.append(Problem(_("{where}, column {column!r}: {message}").format(
                where=row.where, column=column, message=message),
                location=row.where, row=row.number, column=column))
        if bad:
            continue
        entry = Entry(code=values["code"], kind=values.get("kind", group),
                      name_en=values["name_en"], name_zh=values["name_zh"],
                      unit=values.get("unit", ""), family=values.get("family", ""),
                      iso11469=values.get("iso11469", ""),
                      aliases=_split_aliases(values.get("aliases", "")),
                      basis=values.get("basis", ""))
        out.append((entry, row.where))
    return out


def read_catalogue(folder: str | Path) -> Catalogue:
    """Read the four catalogue CSV files of ``folder`` (not cached).

    Raises
    ------
    CatalogueError
        A file is missing or malformed, or codes, names or aliases clash; every
        problem names the file and row.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    entries: list[Entry] = []
    origins: dict[tuple[str, str], str] = {}
    seen_codes: dict[str, tuple[str, str]] = {}
    for file_name, (group, columns) in _FILES.items():
        for entry, where in _read_file(folder / file_name, group, columns, problems):
            previous = seen_codes.get(entry.code)
            if previous is not None and not (group == "location" == previous[0]):
                problems.append(Problem(_("{where}: code {code!r} is already used at "
                                          "{previous}").format(where=where, code=entry.code,
                                                               previous=previous[1]),
                                        location=where))
                continue
            seen_codes.setdefault(entry.code, (group, where))
            entries.append(entry)
            origins[(entry.kind, entry.code)] = where
    if problems:
        raise CatalogueError(ngettext("The dataset catalogue in {folder} has {count} problem.",
                                      "The dataset catalogue in {folder} has {count} problems.",
                                      len(problems)).format(folder=folder, count=len(problems)),
                             problems=problems, hint=_("Fix the rows named below."))
    return Catalogue(entries, origins)


@functools.cache
def load_bundled_catalogue() -> Catalogue:
    """The bundled catalogue (``lca_data/catalogue``), read once and cached."""
    return read_catalogue(lca_data_dir() / "catalogue")


def user_entries(datasets, eol_as: dict[str, tuple[str, bool]] | None = None,
                 bundled: Catalogue | None = None) -> list[Entry]:
    """Catalogue entries of user datasets: a process each, a material too when per kg.

    ``datasets`` are :class:`~greendesign.inventory.user_registry.UserDataset`
    records (reference, name, product, location, unit, database, source). A
    material's end-of-life family is that of the bundled material it is treated
    as (``eol_as``, see :func:`~greendesign.inventory.user_registry.eol_map`),
    else ``other``. The catalogue with these entries added is
    :func:`greendesign.inventory.user_catalogue.load_catalogue`.
    """
    eol_as = eol_as or {}
    out = []
    for ds in datasets:
        treated_as = eol_as.get(ds.ref)
        family = "other"
        if treated_as and bundled is not None and bundled.has(treated_as[0], MATERIAL):
            family = bundled.get(treated_as[0], MATERIAL).family or "other"
        label = f"{ds.name} {{{ds.location}}}" if ds.location else ds.name
        label = f"{label} [{ds.database}]"
        aliases = (ds.product,) if ds.product and ds.product != ds.name else ()
        kinds = (MATERIAL, PROCESS) if ds.unit == "kg" else (PROCESS,)
        for kind in kinds:
            out.append(Entry(code=ds.ref, kind=kind, name_en=label, name_zh=label, unit=ds.unit,
                             family=family if kind == MATERIAL else "", aliases=aliases,
                             basis=f"{ds.unit} of {ds.product or ds.name}", origin=ds.source))
    return out
