"""Reading EcoSpold 1 datasets without schema validation, for a user database import.

bw2io's EcoSpold 1 extractor parses with the schema attached, so a release
whose metadata breaks it (USLCI: author names over 40 characters, "n.a." CAS
numbers, repeated exchange numbers) is refused whole. :class:`LenientEcospold1`
reads what the inventory needs and counts what it passed over;
:func:`ecospold1_importer` sets bw2io's importer up with it. Used by
:mod:`greendesign.inventory.user_readers`.
"""

from __future__ import annotations

import collections
import re
import zipfile
from pathlib import Path

from greendesign.i18n import _
from greendesign.inventory.brightway_project import Cancelled, Progress
from greendesign.inventory.user_registry import ImportCancelled, UserDatabaseError

_ES1 = "{http://www.EcoInvent.org/EcoSpold01}"
#: EcoSpold 1 exchange groups -> Brightway exchange types
_ES1_OUTPUT = {"0": "production", "1": "substitution", "2": "production", "3": "production",
               "4": "biosphere"}
_ES1_INPUT = {"1": "technosphere", "2": "technosphere", "3": "technosphere",
              "4": "biosphere", "5": "technosphere"}


def _es1_files(source: Path) -> list[tuple[str, bytes]]:
    """``(name, XML bytes)`` of an EcoSpold 1 file, a folder of them or a zip of them."""
    if source.is_dir():
        files = sorted(p for p in source.rglob("*.xml") if p.is_file())
        return [(str(p), p.read_bytes()) for p in files]
    if not source.is_file():
        raise UserDatabaseError(_("{file} does not exist.").format(file=source),
                                hint=_("Choose an EcoSpold 1 .xml file, a folder or a .zip."))
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            names = sorted(n for n in archive.namelist() if n.lower().endswith(".xml")
                           and not n.rsplit("/", 1)[-1].lower().startswith("categories"))
            return [(f"{source}!{n}", archive.read(n)) for n in names]
    return [(str(source), source.read_bytes())]


class LenientEcospold1:
    """Reads EcoSpold 1 datasets without validating them against the schema.

    bw2io's EcoSpold 1 extractor parses with the schema attached, so a release
    whose metadata breaks it (USLCI: author names over 40 characters, "n.a."
    CAS numbers, repeated exchange numbers) is refused whole, and its
    multiprocessing path then fails on the error. This reader takes only what
    the inventory needs (names, units, locations, categories, exchange groups,
    amounts and uncertainty, using bw2io's own uncertainty conversion), and
    counts the schema violations it passed over for the import report.
    """

    def __init__(self, report: Progress, stop: Cancelled) -> None:
        self.report = report
        self.stop = stop
        self.schema_problems: collections.Counter = collections.Counter()

    def extract(self, source, db_name, use_mp=False):  # noqa: ARG002
        from lxml import etree  # deferred: lxml is needed only to read EcoSpold 1

        files = _es1_files(Path(source))
        if not files:
            raise UserDatabaseError(_("{file} holds no EcoSpold 1 .xml file.").format(
                file=source), hint=_("Choose the release's .xml file, its folder or zip."))
        schema = self._schema()
        data = []
        for name, content in files:
            try:
                root = etree.fromstring(content, etree.XMLParser(huge_tree=True,
                                                                 resolve_entities=False))
            except etree.XMLSyntaxError as exc:
                raise UserDatabaseError(_("{file} is not well-formed XML: {error}.").format(
                    file=name, error=exc), hint=_("Repair or remove the file.")) from exc
            if schema is not None:
                self._count_violations(schema, root)
            datasets = root.findall(f"{_ES1}dataset") if root.tag == f"{_ES1}ecoSpold" else []
            if not datasets:
                raise UserDatabaseError(_("{file} holds no EcoSpold 1 dataset.").format(
                    file=name), hint=_("Choose files of the EcoSpold 1 format."))
            for i, dataset in enumerate(datasets):
                if self.stop():
                    raise ImportCancelled(_("The import was cancelled; nothing was written."))
                if i % 25 == 0:
                    self.report(0.05 + 0.4 * i / len(datasets),
                                _("Reading {number} of {count} datasets").format(
                                    number=f"{i + 1:,}", count=f"{len(datasets):,}"))
                data.append(self._dataset(dataset, name, db_name))
        return data

    @staticmethod
    def _schema():
        """The EcoSpold 1 schema shipped with pyecospold, or None when it cannot be read."""
        from lxml import etree  # deferred: lxml is needed only to read EcoSpold 1

        try:
            from pyecospold.config import Defaults  # deferred: optional, loads its schemas

            return etree.XMLSchema(etree.parse(str(Defaults.SCHEMA_V1_FILE)))
        except Exception:  # noqa: BLE001 - the report just lacks the schema count
            return None

    def _count_violations(self, schema, root) -> None:
        schema.validate(root)
        for error in schema.error_log:
            kind = re.sub(r"\{http[^}]*\}", "", error.message)       # namespaces
            kind = re.sub(r"The value '[^']*'", "A value", kind)      # the values
            kind = re.sub(r"\['[^']*'\]", "[…]", kind)
            kind = re.sub(r"has a length of '\d+'; this", "is too long: it", kind)
            self.schema_problems[kind[:200]] += 1

    @staticmethod
    def _dataset(dataset, filename: str, db_name: str) -> dict:
        from bw2io.extractors.ecospold1 import Ecospold1DataExtractor  # deferred: Brightway

        meta = dataset.find(f"{_ES1}metaInformation/{_ES1}processInformation")
        ref = meta.find(f"{_ES1}referenceFunction") if meta is not None else None
        geo = meta.find(f"{_ES1}geography") if meta is not None else None
        if ref is None:
            raise UserDatabaseError(
                _("{file}: dataset {number} has no referenceFunction.").format(
                    file=filename, number=dataset.get("number")),
                hint=_("Each EcoSpold 1 dataset needs its reference function (name and "
                       "unit)."))
        exchanges = []
        for exc in dataset.iter(f"{_ES1}exchange"):
            out = exc.findtext(f"{_ES1}outputGroup")
            kind = _ES1_OUTPUT.get((out or "").strip()) if out is not None else \
                _ES1_INPUT.get((exc.findtext(f"{_ES1}inputGroup") or "").strip())
            if kind is None:
                raise UserDatabaseError(
                    _("{file}: exchange {exchange!r} of {dataset!r} has no known input or "
                      "output group.").format(file=filename, exchange=exc.get("name"),
                                              dataset=ref.get("name")),
                    hint=_("Use EcoSpold 1 groups 0-5."))
            item = {"code": exc.get("number"),
                    "categories": (exc.get("category"), exc.get("subCategory")),
                    "location": exc.get("location"), "unit": exc.get("unit"),
                    "name": (exc.get("name") or "").strip(), "type": kind,
                    "CAS number": (exc.get("CASNumber") or "").strip().lstrip("0")}
            # the direction of an elementary exchange, for the flow linker
            group = "output group" if out is not None else "input group"
            item[group] = (out if out is not None else
                           exc.findtext(f"{_ES1}inputGroup") or "").strip()
            exchanges.append(Ecospold1DataExtractor.process_uncertainty_fields(exc, item))
        return {"categories": [ref.get("category"), ref.get("subCategory")],
                "code": dataset.get("number"), "comment": ref.get("generalComment") or "",
                "database": db_name, "exchanges": exchanges, "filename": Path(filename).name,
                "location": geo.get("location") if geo is not None else None,
                "name": (ref.get("name") or "").strip(), "unit": ref.get("unit"),
                "type": "process"}


def _es1_key(item: dict) -> tuple:
    categories = tuple(c for c in (item.get("categories") or ()) if c)
    return (str(item.get("name", "")).casefold(), categories, item.get("unit"),
            item.get("location"))


def _es1_codes(data: list[dict]) -> list[dict]:
    """Codes from bw2io's activity hash, made unique where datasets share every field.

    EcoSpold 1 has no dataset identifier that links exchanges, so bw2io names a
    dataset by the hash of its name, categories, unit and location; a release
    with several datasets alike in all four (USLCI has 78 "Electricity, at
    grid" for North America) would get one code twice.
    """
    from bw2io.utils import activity_hash  # deferred: loads Brightway

    counts = collections.Counter(_es1_key(ds) for ds in data)
    for ds in data:
        code = activity_hash(ds, fields=("name", "categories", "unit", "location"))
        ds["ecospold01_number"] = ds.get("code")
        ds["code"] = code if counts[_es1_key(ds)] == 1 else f"{code}-{ds.get('code')}"
    return data


def _es1_link(data: list[dict]) -> list[dict]:
    """Link inputs to the dataset of the same name, categories, unit and location, when
    exactly one matches; else to the one dataset of that name and unit (of the
    consumer's location where several have the name: openLCA's export gives an
    input the consumer's categories, not the provider's). Several matches stay
    unlinked and are reported as ambiguous."""
    index: dict[tuple, list[dict]] = collections.defaultdict(list)
    by_name: dict[tuple, list[dict]] = collections.defaultdict(list)
    for ds in data:
        index[_es1_key(ds)].append(ds)
        by_name[(str(ds.get("name", "")).casefold(), ds.get("unit"))].append(ds)
    for ds in data:
        for exc in ds.get("exchanges", []):
            if exc.get("input"):
                continue
            if exc.get("type") == "production":
                exc["input"] = (ds["database"], ds["code"])
                continue
            if exc.get("type") not in ("technosphere", "substitution"):
                continue
            found = index.get(_es1_key(exc), [])
            if not found:
                found = by_name.get((str(exc.get("name", "")).casefold(), exc.get("unit")), [])
                local = [f for f in found if f.get("location") == ds.get("location")]
                found = local if len(found) > 1 and len(local) == 1 else found
            if len(found) == 1:
                exc["input"] = (found[0]["database"], found[0]["code"])
            elif found:
                exc["ambiguous"] = len(found)
    return data


def ecospold1_importer(source: Path, name: str, report: Progress, stop: Cancelled):
    """bw2io's EcoSpold 1 importer reading with :class:`LenientEcospold1`.

    Its code and linking strategies are replaced by :func:`_es1_codes` and
    :func:`_es1_link`; the schema violations passed over are on the importer as
    ``schema_problems``.
    """
    import bw2io  # deferred: loads Brightway

    reader = LenientEcospold1(report, stop)
    importer = bw2io.SingleOutputEcospold1Importer(str(source), name, use_mp=False,
                                                   extractor=reader)
    importer.schema_problems = reader.schema_problems
    replaced = {"set_code_by_activity_hash": _es1_codes,
                "link_technosphere_by_activity_hash": _es1_link}
    importer.strategies = [replaced.get(getattr(getattr(st, "func", st), "__name__", ""), st)
                           for st in importer.strategies]
    return importer
