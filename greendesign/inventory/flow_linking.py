"""One elementary-flow linker for every source of inventory data.

The bundled USLCI extractions (``lca_data/build/``) and every user import
(EcoSpold 1 and 2, Excel, openLCA JSON-LD, SimaPro CSV) find the biosphere3
flow of an elementary exchange the same way, from tables kept as data in
``lca_data/linking/`` with their sources:

``flow_synonyms.csv``
    Names that biosphere3 spells differently (USLCI and FEDEFL "Nitrous
    oxide" is biosphere3 "Dinitrogen monoxide"), with an amount factor where
    the unit differs, optionally only in one top compartment.
``contexts.csv``
    Category trees turned into biosphere3 compartments: the USLCI/ecoinvent 2
    category and sub-category (``air/low population density``), the Federal
    LCA Commons Elementary Flow List (FEDEFL) contexts
    (``emission/air/troposphere/rural``, of which openLCA's EcoSpold 1 export
    keeps the last two levels), and FEDEFL's land use by kind of land.
``flow_ids.csv``
    The name and context of the elementary flows of the USLCI releases and the
    FEDEFL by flow UUID, for exports that name a flow by its id but not its
    compartment (openLCA's EcoSpold 2 export).

A flow is matched (:meth:`FlowLinker.link`), in order, by

1. a synonym row for its name, unit (or any unit) and biosphere3 top
   compartment (or any compartment), which gives the biosphere3 name and an
   amount factor; a row for the compartment beats one for any;
2. its own name in the compartment (then in the top compartment);
3. without a synonym: the name without ", in ground" (and a NETL group in
   brackets) and with "Aluminium", then the emitted element by its ion
   ("Lead II", "Copper ion"; FEDEFL's "Copper(I)" is taken as biosphere3's
   copper ion, whose charge it does not name), then the CAS number.

A hit whose unit differs from the flow's unit is refused unless a synonym row
gives the factor. Units are compared by bw2io's normal names (``kg`` and
``kilogram`` are one unit).

An exchange without a compartment (openLCA's EcoSpold 2 export writes none)
takes its flow's context from ``flow_ids.csv`` by its id; failing that, it
links only when biosphere3 has the name in one top compartment of the
exchange's direction (emission or resource), and the report says so.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from greendesign.bundled import lca_data_dir

#: biosphere3's top compartment of resources
RESOURCE = "natural resource"
EMISSION_TOPS = ("air", "water", "soil")
#: the NETL flows' trailing group, "Carbon dioxide [Inorganic emissions to air]"
_BRACKETED = re.compile(r"\s*\[[^\]]*\]$")
#: FEDEFL's oxidation state of an ion, "Copper(I)", "Arsenic(V)"
_OXIDATION = re.compile(r"\s*\((?:I|II|III|IV|V|VI)\)$")
ION_SUFFIXES = (" II", " III", " ion", " I", " IV", " V", " VI")

#: how an exchange was linked, for the import report
BY_SYNONYM, BY_NAME, BY_VARIANT, BY_CAS = "synonym", "name", "name variant", "CAS number"
#: the exchange named no compartment; its flow id gave one, or its name had only one
BY_FLOW_ID, BY_DIRECTION = "flow id", "direction only"


def linking_dir() -> Path:
    return lca_data_dir() / "linking"


def norm(text: str) -> str:
    """Names compared without case and repeated blanks."""
    return re.sub(r"\s+", " ", text or "").strip().casefold()


@functools.cache
def _unit_table() -> dict[str, str]:
    from bw2io.units import UNITS_NORMALIZATION  # deferred: loads Brightway's importers

    return {k.casefold(): v for k, v in UNITS_NORMALIZATION.items()}


def unit_name(unit: str) -> str:
    """bw2io's normal name of a unit (``kg`` -> ``kilogram``), so spellings compare."""
    text = (unit or "").strip()
    return _unit_table().get(text.casefold(), text)


@dataclass(frozen=True)
class BioFlow:
    code: str
    name: str
    categories: tuple[str, ...]
    unit: str
    cas: str


class BiosphereIndex:
    """biosphere3 flows by name and compartment, by name, and by CAS number."""

    def __init__(self, flows: Iterable[BioFlow]):
        self.flows = list(flows)
        self.by_name_cat: dict[tuple[str, tuple[str, ...]], BioFlow] = {}
        self.by_name: dict[str, list[BioFlow]] = {}
        self.by_cas: dict[str, list[BioFlow]] = {}
        self.categories: set[tuple[str, ...]] = set()
        for f in self.flows:
            self.by_name_cat[(norm(f.name), f.categories)] = f
            self.by_name.setdefault(norm(f.name), []).append(f)
            self.categories.add(f.categories)
            self.categories.add(f.categories[:1])
            if f.cas:
                self.by_cas.setdefault(f.cas, []).append(f)

    @classmethod
    def from_bw2io(cls, version: str = "3.9") -> BiosphereIndex:
        """From the XML that ``bw2io.create_default_biosphere3()`` installs (for builds)."""
        from bw2io.importers.ecospold2_biosphere import Ecospold2BiosphereImporter  # deferred

        importer = Ecospold2BiosphereImporter.__new__(Ecospold2BiosphereImporter)
        importer.db_name = "biosphere3"
        return cls(BioFlow(ds["code"], ds["name"], _clean(ds["categories"]), ds["unit"],
                           (ds.get("CAS number") or "").lstrip("0"))
                   for ds in importer.extract(version))

    @classmethod
    def from_database(cls, bd, name: str = "biosphere3") -> BiosphereIndex:
        """From an installed biosphere database (user imports)."""
        return cls(BioFlow(f["code"], f["name"], _clean(f.get("categories") or ()),
                           f.get("unit", ""), (f.get("CAS number") or "").lstrip("0"))
                   for f in bd.Database(name))

    def find(self, name: str, categories: tuple[str, ...]) -> BioFlow | None:
        """Exact name in the compartment, else in its top compartment."""
        key = norm(name)
        hit = self.by_name_cat.get((key, categories))
        if hit is None and len(categories) > 1:
            hit = self.by_name_cat.get((key, categories[:1]))
        if hit is None and categories[:1] == (RESOURCE,):
            # a resource without sub-compartment: take the flow's only resource compartment
            same_top = [f for f in self.by_name.get(key, []) if f.categories[0] == RESOURCE]
            if len(same_top) == 1:
                hit = same_top[0]
        return hit

    def find_cas(self, cas: str, categories: tuple[str, ...]) -> BioFlow | None:
        cas = (cas or "").lstrip("0")
        if not cas:
            return None
        cands = self.by_cas.get(cas, [])
        for wanted in (categories, categories[:1]):
            matches = [f for f in cands if f.categories == wanted]
            if len(matches) == 1:
                return matches[0]
        return None

    def only_top(self, name: str, is_input: bool) -> tuple[str, ...] | None:
        """The one top compartment of the direction biosphere3 has ``name`` in, else None."""
        tops = (RESOURCE,) if is_input else EMISSION_TOPS
        found = {f.categories[0] for f in self.by_name.get(norm(name), ())
                 if f.categories[0] in tops}
        return (found.pop(),) if len(found) == 1 else None


def _clean(categories) -> tuple[str, ...]:
    return tuple(c for c in categories if c and c != "unspecified")


# --- the tables --------------------------------------------------------------------------

Synonyms = dict[tuple[str, str, str], tuple[str, float]]


def load_synonyms(flow_lists: tuple[str, ...] = ("",), path: Path | None = None) -> Synonyms:
    """(name, unit or "", top compartment or "") -> (biosphere3 name, amount factor).

    ``flow_lists`` says which namings to read: empty for the USLCI names of the
    FY2018 release, ``FEDEFL`` for the Federal LCA Commons Elementary Flow List
    names of later releases. A later list's row replaces an earlier one's for
    the same key. Units are keyed by their normal name (:func:`unit_name`).
    """
    path = path or linking_dir() / "flow_synonyms.csv"
    out: Synonyms = {}
    seen: set[tuple[str, str, str, str]] = set()
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for flow_list in flow_lists:
        for row in rows:
            if (row.get("flow_list") or "").strip() != flow_list:
                continue
            unit = row["uslci_unit"].strip()
            key = (norm(row["uslci_name"]), unit_name(unit) if unit else "",
                   (row.get("compartment") or "").strip())
            if (*key, flow_list) in seen:
                raise ValueError(f"{path.name}: {key} is listed twice for {flow_list!r}")
            seen.add((*key, flow_list))
            out[key] = (row["biosphere3_name"], float(row["factor"] or 1))
    return out


class Contexts:
    """Category trees -> biosphere3 compartments (``lca_data/linking/contexts.csv``)."""

    def __init__(self, path: Path | None = None):
        path = path or linking_dir() / "contexts.csv"
        self.prefixes: set[str] = set()
        self.category: dict[tuple[str, str], tuple[str, ...]] = {}
        self.fedefl: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self.land: dict[tuple[str, str], str] = {}
        self.special: dict[str, tuple[str, ...]] = {}
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                scheme, context = row["scheme"], row["context"]
                cats = tuple(c for c in row["biosphere3"].split("/") if c)
                if scheme == "prefix":
                    self.prefixes.add(context.casefold())
                elif scheme == "category" and context.count("/") == 1:
                    top, sub = context.split("/")
                    self.category[(top, sub)] = cats
                elif scheme == "category":
                    self.special[context] = cats
                elif scheme == "fedefl":
                    c, s = context.split("/")
                    self.fedefl[(row["direction"], c, s)] = cats
                elif scheme == "fedefl-land":
                    c, s = context.split("/")
                    self.land[(c, s)] = row["biosphere3"]
                else:
                    raise ValueError(f"{path.name}: unknown scheme {scheme!r}")
        self.fedefl_roots = {"emission", "resource"}

    def strip(self, parts: Iterable[str]) -> list[str]:
        parts = [p.strip() for p in parts if p and p.strip()]
        while parts and parts[0].casefold() in self.prefixes:
            parts = parts[1:]
        return parts

    def of_category(self, path: str) -> tuple[str, ...] | None:
        """A USLCI/ecoinvent 2 category path (``Elementary Flows/air/low population
        density``) -> biosphere3 categories; None: not an elementary compartment."""
        parts = self.strip(path.split("/"))
        if not parts:
            return None
        joined = "/".join(parts)
        if joined in self.special:
            return self.special[joined] or None
        if len(parts) > 1 and "/".join(parts[:2]) in self.special:
            return self.special["/".join(parts[:2])] or None
        top = parts[0]
        sub = parts[1] if len(parts) > 1 else "unspecified"
        if (top, sub) in self.category:
            return self.category[(top, sub)] or None
        return self.category.get((top, "*"))

    def of_fedefl(self, category: str, sub: str, is_input: bool) -> tuple[str, ...] | None:
        """The last two levels of a FEDEFL context, read with the exchange's direction."""
        first, second = ("resource", "emission") if is_input else ("emission", "resource")
        key = (category or "", sub or "")
        return self.fedefl.get((first, *key)) or self.fedefl.get((second, *key))

    def land_flow(self, name: str, category: str, sub: str) -> str | None:
        """The biosphere3 occupation flow of a FEDEFL "Land use" exchange, else None."""
        return self.land.get((category, sub)) if name == "Land use" else None

    def resolve(self, path: Iterable[str], is_input: bool,
                known: set[tuple[str, ...]] = frozenset()) -> tuple[str, ...] | None:
        """Any source's compartment -> biosphere3 categories, or None.

        ``path`` is a biosphere3 compartment already (ecoinvent, SimaPro through
        bw2io), a USLCI/ecoinvent 2 category and sub-category, or a FEDEFL
        context, whole or its last two levels. ``known`` holds biosphere3's
        compartments, taken as they are.
        """
        parts = [p for p in (str(x).strip() for x in path) if p]
        if not parts:
            return None
        plain = tuple(p for p in parts if p != "unspecified")
        if plain in known:
            return plain
        parts = self.strip(parts)
        if not parts:
            return None
        lowered = [p.casefold() for p in parts]
        if any(p in self.fedefl_roots for p in lowered) or (
                len(parts) >= 2 and self.of_fedefl(lowered[-2], lowered[-1], is_input)):
            if len(parts) >= 2:
                cats = self.of_fedefl(lowered[-2], lowered[-1], is_input)
                if cats:
                    return cats
            if len(parts) >= 3:  # deeper FEDEFL contexts: try one level up
                cats = self.of_fedefl(lowered[-3], lowered[-2], is_input)
                if cats:
                    return cats
        return self.of_category("/".join(parts))


@functools.cache
def flow_ids(path: Path | None = None) -> dict[str, tuple[str, str, str]]:
    """flow UUID -> (name, context path, CAS) of the known elementary flow lists."""
    path = path or linking_dir() / "flow_ids.csv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as fh:
        return {row["id"]: (row["name"], row["context"], row["cas"])
                for row in csv.DictReader(fh)}


def _java_name_uuid(text: str) -> str:
    """Java's ``UUID.nameUUIDFromBytes``: MD5 of the bytes, as a version 3 UUID."""
    digest = bytearray(hashlib.md5(text.encode("utf-8")).digest())  # noqa: S324 - an id
    digest[6] = (digest[6] & 0x0F) | 0x30
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


@functools.cache
def _raw_units() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for raw, normal in _unit_table().items():
        out.setdefault(normal, []).append(raw)
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def _id_contexts() -> tuple[str, ...]:
    found = {context for _name, context, _cas in flow_ids().values() if context}
    found |= {f"{top}/{sub}" for top, sub in Contexts().category if sub != "*"}
    return tuple(sorted(found))


@functools.cache
def context_from_id(flow_id: str, name: str, unit: str) -> str | None:
    """The context an openLCA flow id was made from, for flows of no table.

    openLCA makes the id of a USLCI flow as Java's name-based UUID of
    ``category/sub-category/name/unit`` in lower case (openLCA's ``KeyGen``),
    so the compartment of a flow the tables lack is found by trying the known
    contexts with its name and unit.
    """
    if not flow_id or not name:
        return None
    units = {unit, unit_name(unit), *_raw_units().get(unit_name(unit), ())}
    for context in _id_contexts():
        for raw in units:
            if _java_name_uuid(f"{context}/{name}/{raw}".lower()) == flow_id:
                return context
    return None


# --- the linker --------------------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    code: str
    factor: float
    how: str


class FlowLinker:
    """Finds the biosphere3 flow of an elementary flow (see the module docstring)."""

    def __init__(self, bio: BiosphereIndex, synonyms: Synonyms,
                 contexts: Contexts | None = None):
        self.bio = bio
        self.synonyms = synonyms
        self.contexts = contexts if contexts is not None else Contexts()

    @classmethod
    def for_imports(cls, bd) -> FlowLinker:
        """The linker of user imports: the installed biosphere3, both namings, all tables."""
        return cls(BiosphereIndex.from_database(bd), load_synonyms(("", "FEDEFL")), Contexts())

    def synonym(self, name: str, unit: str, top: str) -> tuple[str, float] | None:
        """The synonym row of a name: for its unit and top compartment first."""
        key, unit = norm(name), unit_name(unit)
        return next((self.synonyms[k] for k in ((key, unit, top), (key, "", top), (key, unit, ""),
                                                (key, "", "")) if k in self.synonyms), None)

    def match(self, name: str, categories: tuple[str, ...] | None, unit: str,
              cas: str = "") -> Link | None:
        """The biosphere3 flow, its amount factor and how it was found; None: no link."""
        if not categories:
            return None
        bio = self.bio
        unit = unit_name(unit)
        syn = self.synonym(name, unit, categories[0])
        target, factor = (syn if syn else (name, 1.0))
        hit = bio.find(target, categories)
        how = BY_SYNONYM if syn else BY_NAME
        if hit is None and syn is None:
            how = BY_VARIANT
            stripped = re.sub(r", in ground$", "", _BRACKETED.sub("", name.strip())).replace(
                "Aluminum", "Aluminium")
            hit = bio.find(stripped, categories)
            if hit is None and categories[0] != RESOURCE:
                # ecoinvent 3.9 names emitted metals by their ion: "Lead II", "Copper ion"
                element = _OXIDATION.sub("", re.sub(r", ion$", "", stripped))
                for suffix in ION_SUFFIXES:
                    hit = bio.find(element + suffix, categories)
                    if hit is not None:
                        break
            if hit is None:
                hit, how = bio.find_cas(cas or "", categories), BY_CAS
        if hit is None or (unit != unit_name(hit.unit) and not syn):
            return None  # no flow, or a unit mismatch without an explicit factor
        return Link(hit.code, factor, how)

    def link(self, name: str, categories: tuple[str, ...] | None, unit: str,
             cas: str = "") -> tuple[str, float] | None:
        """(biosphere3 code, amount factor), or None when the flow does not link."""
        hit = self.match(name, categories, unit, cas)
        return None if hit is None else (hit.code, hit.factor)

    def link_exchange(self, exc: dict, is_input: bool) -> Link | str:
        """Link an imported exchange (``name``, ``unit``, ``categories``, optional
        ``"flow id"`` and ``"CAS number"``): the link, or the reason it has none."""
        contexts = self.contexts
        name = str(exc.get("name") or "")
        unit = str(exc.get("unit") or "")
        cas = str(exc.get("CAS number") or "")
        raw = exc.get("categories") or ()
        raw = (raw,) if isinstance(raw, str) else tuple(raw)
        if not contexts.strip(str(c) for c in raw):  # only a root ("Elementary Flows")
            raw = ()
        how = None
        if not [c for c in raw if c]:
            fid = str(exc.get("flow id") or exc.get("flow") or "")
            known = flow_ids().get(fid)
            if known is not None:
                name, cas = known[0], cas or known[2]
            context = (known[1] if known is not None and known[1] else
                       context_from_id(fid, name, unit))
            raw = tuple(context.split("/")) if context else ()
            how = BY_FLOW_ID if context else None
        if raw and name == "Land use" and len(raw) >= 2:
            land = contexts.land_flow(name, raw[-2].casefold(), raw[-1].casefold())
            if land:
                name, raw = land, (RESOURCE, "land")
        categories = contexts.resolve(raw, is_input, self.bio.categories) if raw else None
        if categories is None and not raw:
            target = self.synonym(name, unit, "")
            categories = self.bio.only_top(target[0] if target else name, is_input)
            how = BY_DIRECTION
            if categories is None:
                return "no compartment"
        if categories is None:
            return "unknown compartment"
        hit = self.match(name, categories, unit, cas)
        if hit is None:
            return "no match"
        return Link(hit.code, hit.factor, how or hit.how)
