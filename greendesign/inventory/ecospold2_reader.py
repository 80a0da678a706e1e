"""Reading EcoSpold 2 datasets from ecoinvent, openLCA and other tools.

bw2io's EcoSpold 2 importer is written for ecoinvent's releases: each
dataset's reference product is its only product output with an amount, every
technosphere input names its provider (``activityLinkId``) and every
elementary exchange carries an ecoinvent flow UUID. openLCA's export (the U.S.
Federal LCA Commons publishes USLCI that way) differs in all three:

- the reference product is the output of group 0, and by-products (group 2)
  come along unallocated, without allocation factors;
- inputs name their product flow but not the process that provides it;
- elementary exchanges carry openLCA's own flow UUIDs and no compartment.

:func:`ecospold2_importer` reads each file with the output and input groups
and compartments kept, tells the producer from the files' ``fileGenerator``,
and sets the importer's strategies for it. For openLCA files:

1. **Reference product and by-products.** The group 0 output is the
   reference product. Products with a mass share the dataset's inputs and
   releases by mass, each as a dataset of its own (as the bundled USLCI
   extraction allocates); by-products without a mass, and all by-products of
   a reference product without a mass, are cut off (listed), since the export
   carries no allocation factors; waste outputs are cut off (listed).
2. **Providers.** An input links to the dataset whose product is its flow;
   where several datasets make it, to the one of the consumer's location, else
   it is listed as ambiguous.
3. **Elementary flows** are left for the shared linker
   (:mod:`greendesign.inventory.flow_linking`), which reads their compartment
   from the flow id.

For ecoinvent files bw2io's own strategies run; a dataset without a single
reference product is listed and left out instead of stopping the import. A
file that cannot be read at all is listed with the reason and the others
import (:attr:`Ecospold2Extractor.skipped`).
"""

from __future__ import annotations

import collections
import logging
import tempfile
import zipfile
from pathlib import Path

from greendesign.i18n import _
from greendesign.inventory.brightway_project import Cancelled, Progress
from greendesign.inventory.product_mass import WASTE, mass_of, mass_shares
from greendesign.inventory.user_registry import ImportCancelled, UserDatabaseError

log = logging.getLogger(__name__)

OPENLCA, ECOINVENT = "openLCA", "ecoinvent"
_ES2 = "{http://www.EcoInvent.org/EcoSpold02}"
class Ecospold2Extractor:
    """bw2io's EcoSpold 2 extractor, one file at a time, with progress and cancel.

    Keeps what bw2io drops and other producers need: each exchange's input or
    output group and an elementary exchange's compartment, and the file's
    generator. Files that cannot be read, or hold no exchanges, are listed in
    :attr:`skipped` as ``(file, reason)``.
    """

    def __init__(self, report: Progress, stop: Cancelled, shown_as: str = "") -> None:
        from bw2io.extractors.ecospold2 import Ecospold2DataExtractor  # deferred: Brightway

        class Keeping(Ecospold2DataExtractor):
            @classmethod
            def extract_exchange(cls, exc):
                data = super().extract_exchange(exc)
                for group in ("outputGroup", "inputGroup"):
                    if hasattr(exc, group):
                        data["output group" if group == "outputGroup" else "input group"] = (
                            str(getattr(exc, group).text).strip())
                if hasattr(exc, "compartment"):
                    comp = exc.compartment
                    data["categories"] = tuple(
                        str(getattr(comp, level).text).strip()
                        for level in ("compartment", "subcompartment") if hasattr(comp, level))
                return data

        self.base = Keeping
        self.report = report
        self.stop = stop
        self.skipped: list[tuple[str, str]] = []
        self.producers: collections.Counter = collections.Counter()
        #: how the folder is named to the user (a zip it was unpacked from: ``file.zip``)
        self.shown_as = shown_as

    def extract(self, dirpath, db_name, use_mp=False, cache=False):  # noqa: ARG002
        dirpath = Path(dirpath)
        shown = self.shown_as or str(dirpath)

        def name_of(filename: str) -> str:
            return f"{shown}!{filename}" if self.shown_as else str(dirpath / filename)

        files = sorted(p.relative_to(dirpath).as_posix() for p in dirpath.rglob("*")
                       if p.is_file() and p.suffix.lower() == ".spold")
        if not files:
            raise UserDatabaseError(_("{folder} holds no .spold files.").format(
                folder=shown), hint=_("Choose the folder of an EcoSpold 2 release (the "
                                        "'datasets' folder of ecoinvent, or the unpacked "
                                        "export of openLCA)."))
        data = []
        for i, filename in enumerate(files):
            if self.stop():
                raise ImportCancelled(_("The import was cancelled; nothing was written."))
            if i % 25 == 0:
                self.report(0.05 + 0.45 * i / len(files),
                            _("Reading {number} of {count} datasets").format(
                                number=f"{i + 1:,}", count=f"{len(files):,}"))
            path = dirpath / filename
            try:
                head = path.read_bytes()
                ds = self.base.extract_activity(path.parent, path.name, db_name)
            except Exception as exc:  # noqa: BLE001 - listed with its file; the others import
                log.info("EcoSpold 2 file %s not read", path, exc_info=True)
                self.skipped.append((name_of(filename), _("not a readable EcoSpold 2 dataset "
                                                  "({error})").format(
                    error=f"{type(exc).__name__}: {exc}"[:200])))
                continue
            producer = OPENLCA if b'fileGenerator="openLCA"' in head else ECOINVENT
            self.producers[producer] += 1
            ds["producer"] = producer
            ds["filename"] = name_of(filename)
            if not ds.get("exchanges"):
                self.skipped.append((name_of(filename), _("the dataset has no exchanges (its flow "
                                                  "data is empty)")))
                continue
            data.append(ds)
        if not data:
            first = self.skipped[0] if self.skipped else (shown, "")
            raise UserDatabaseError(
                _("None of the {count} files of {folder} could be read as an EcoSpold 2 "
                  "dataset; the first: {file}: {reason}.").format(
                    count=len(files), folder=shown, file=first[0], reason=first[1]),
                hint=_("Check that the folder holds EcoSpold 2 (.spold) files; an EcoSpold 1 "
                       "release (.xml) is imported as 'ecospold1'."))
        return data

    def extract_technosphere_metadata(self, dirpath):
        return self.base.extract_technosphere_metadata(dirpath)


# --- strategies -----------------------------------------------------------------------------

def _reference_outputs(ds: dict) -> tuple[list[dict], list[dict]]:
    prods = [e for e in ds["exchanges"] if e.get("type") == "production"]
    return [e for e in prods if e.get("output group") == "0"], prods


def split_openlca_products(data: list[dict], cutoff: list[tuple[dict, dict, str]],
                           skipped: list[tuple[str, str]]) -> list[dict]:
    """One dataset per product of an openLCA dataset, allocated by mass (module docstring).

    ``cutoff`` gets ``(dataset, exchange, reason)`` of every by-product left out;
    ``skipped`` gets the datasets without one reference product.
    """
    from bw2io.utils import es2_activity_hash, rescale_exchange  # deferred: loads Brightway

    out = []
    for ds in data:
        if ds.get("producer") != OPENLCA:  # an ecoinvent file among them: its own rule
            amounted = [e for e in ds["exchanges"]
                        if e.get("type") == "production" and e.get("amount")]
            if len(amounted) != 1:
                skipped.append((ds.get("filename", ds.get("name", "")),
                                _("no single reference product: {count} product outputs "
                                  "with an amount").format(count=len(amounted))))
                continue
            ds.update({"reference product": amounted[0]["name"], "flow": amounted[0]["flow"],
                       "unit": ds.get("unit") or amounted[0].get("unit"),
                       "code": es2_activity_hash(ds["activity"], amounted[0]["flow"])})
            amounted[0]["input"] = (ds["database"], ds["code"])
            out.append(ds)
            continue
        refs, prods = _reference_outputs(ds)
        if len(refs) != 1 or not refs[0].get("amount"):
            skipped.append((ds.get("filename", ds.get("name", "")),
                            _("no single reference product (output group 0) with an amount")))
            continue
        ref = refs[0]
        others = [e for e in ds["exchanges"] if e.get("type") != "production"]
        products, masses = [ref], {id(ref): mass_of(ref)}
        for e in prods:
            if e is ref or not e.get("amount"):
                continue
            mass = mass_of(e)
            if WASTE.search(str(e.get("name", ""))):
                cutoff.append((ds, e, _("waste output cut off (the dataset names no "
                                        "treatment)")))
            elif mass is None or masses[id(ref)] is None:
                cutoff.append((ds, e, _("by-product cut off: it or the reference product has "
                                        "no mass to allocate by, and the export carries no "
                                        "allocation factors; the reference product carries "
                                        "the whole dataset")))
            else:
                products.append(e)
                masses[id(e)] = mass
        shares, whole = mass_shares([masses[id(e)] for e in products])
        parts = len(products) - (whole is not None)
        for i, (e, share) in enumerate(zip(products, shares, strict=True)):
            item = {k: v for k, v in ds.items() if k != "exchanges"}
            item["code"] = es2_activity_hash(ds["activity"], e["flow"])
            item["reference product"] = e["name"]
            item["unit"] = e.get("unit", ds.get("unit"))
            item["flow"] = e["flow"]
            item["production amount"] = e["amount"]
            if e is not ref:
                item["name"] = _("{product} (co-product of {dataset})").format(
                    product=e["name"], dataset=ds["name"])
            if parts > 1 and i != whole:
                item["allocation"] = _("mass allocation over {count} products, share "
                                       "{share}").format(count=parts, share=f"{share:.4f}")
            production = dict(e, type="production", input=(ds["database"], item["code"]))
            rescaled = [rescale_exchange(dict(x), share) if share != 1.0 else dict(x)
                        for x in others]
            item["exchanges"] = [production, *rescaled]
            out.append(item)
    return out


def link_by_product_flow(data: list[dict], db_name: str) -> list[dict]:
    """Link inputs without a provider to the dataset whose product is their flow.

    openLCA names the product flow of an input, not its provider. Where several
    datasets make the flow, the one of the consumer's location is taken, else
    the exchange is marked ``ambiguous`` with the count.
    """
    from bw2io.utils import es2_activity_hash  # deferred: loads Brightway

    makers: dict[str, list[dict]] = collections.defaultdict(list)
    codes = {ds["code"] for ds in data}
    for ds in data:
        if ds.get("flow"):
            makers[ds["flow"]].append(ds)
    for ds in data:
        for exc in ds["exchanges"]:
            if exc.get("type") != "technosphere" or exc.get("input"):
                continue
            if exc.get("activity"):  # ecoinvent names the provider
                code = es2_activity_hash(exc["activity"], exc.get("flow"))
                if code in codes:
                    exc["input"] = (db_name, code)
                continue
            found = makers.get(exc.get("flow"), [])
            if len(found) > 1:
                local = [m for m in found if m.get("location") == ds.get("location")]
                found = local if len(local) == 1 else found
            if len(found) == 1:
                exc["input"] = (db_name, found[0]["code"])
            elif found:
                exc["ambiguous"] = len(found)
    return data


def skip_without_reference(data: list[dict], skipped: list[tuple[str, str]]) -> list[dict]:
    """Leave out (and list) ecoinvent-style datasets without a single reference product,
    which bw2io's code making would stop the whole import on."""
    kept = []
    for ds in data:
        if ds.get("producer") == OPENLCA or ds.get("flow"):
            kept.append(ds)
            continue
        skipped.append((ds.get("filename", ds.get("name", "")),
                        _("no single reference product: {count} product outputs with an "
                          "amount").format(count=sum(
                              1 for e in ds["exchanges"]
                              if e.get("type") == "production" and e.get("amount")))))
    return kept


def ecospold2_importer(folder: Path, name: str, report: Progress, stop: Cancelled,
                       shown_as: str = ""):
    """bw2io's EcoSpold 2 importer with the strategies of each file's producer.

    ``folder`` is a folder of .spold files or a zip of them (unpacked to a
    temporary folder, named to the user as the zip).
    """
    import functools

    import bw2io  # deferred: loads Brightway
    from bw2io.strategies import (
        convert_activity_parameters_to_list,
        drop_unspecified_subcategories,
        es2_assign_only_product_with_amount_as_reference_product,
        normalize_units,
        remove_unnamed_parameters,
        set_lognormal_loc_value,
    )

    if folder.is_file() and zipfile.is_zipfile(folder):
        with tempfile.TemporaryDirectory(prefix="greendesign-es2-") as tmp:
            try:
                with zipfile.ZipFile(folder) as archive:
                    archive.extractall(tmp)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise UserDatabaseError(
                    _("{file} is a damaged zip archive: {error}.").format(file=folder,
                                                                          error=exc),
                    hint=_("Download or copy the file again.")) from exc
            return ecospold2_importer(Path(tmp), name, report, stop, shown_as=str(folder))
    if not folder.is_dir():
        raise UserDatabaseError(_("{folder} is not a folder or a zip of .spold files.").format(
            folder=folder), hint=_("Choose the folder that holds the .spold files, or the "
                                   ".zip they came in."))
    extractor = Ecospold2Extractor(report, stop, shown_as)
    importer = bw2io.SingleOutputEcospold2Importer(str(folder), name, extractor=extractor,
                                                   use_mp=False, add_product_information=False)
    importer.skipped = extractor.skipped
    importer.producers = extractor.producers
    importer.cutoff = []
    if extractor.producers.get(OPENLCA):
        strategies = [
            normalize_units,
            remove_unnamed_parameters,
            functools.partial(split_openlca_products, cutoff=importer.cutoff,
                              skipped=extractor.skipped),
            functools.partial(link_by_product_flow, db_name=name),
            drop_unspecified_subcategories,
            convert_activity_parameters_to_list,
            set_lognormal_loc_value,
        ]
        importer.strategies = strategies
    else:
        position = importer.strategies.index(
            es2_assign_only_product_with_amount_as_reference_product) + 1
        importer.strategies.insert(position, functools.partial(skip_without_reference,
                                                               skipped=extractor.skipped))
    return importer
