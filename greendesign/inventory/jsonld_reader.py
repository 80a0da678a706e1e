"""Reading openLCA JSON-LD (a zip or its unpacked folder) for a user database import.

The U.S. Federal LCA Commons and openLCA publish inventories as JSON-LD: one
JSON file per process, flow, unit group and so on, in folders named after the
type (``processes/``, ``flows/``...). :func:`jsonld_importer` sets bw2io's
``JSONLDImporter`` up for the import pipeline of
:mod:`greendesign.inventory.user_readers`:

* :class:`~greendesign.inventory.jsonld_release.JSONLDReader` reads the
  files, from a zip in place or from a folder (the folder holding
  ``processes/`` may sit one or more levels down, as in the USLCI releases),
  with progress and cancel, and brings openLCA 1.x exports (category
  references, ``input``/``avoidedProduct``) to the openLCA 2 spelling bw2io's
  strategies read (category paths, ``isInput``/``isAvoidedProduct``); a
  process it cannot use is left out and listed, with its file and the reason,
  in the importer's ``skipped``;
* multi-output processes are split by bw2io's allocation with the process's
  default allocation method, or, when the process names none, the first of
  physical, economic and causal whose factors cover every product; a process
  without usable factors is allocated by mass (its by-products without a mass
  cut off, listed in the importer's ``cutoff``); one whose reference product
  has no mass keeps all its inputs and emissions on its quantitative
  reference (openLCA's "no allocation") and its co-products are taken out by
  :func:`remove_unallocated_coproducts`, which the import report lists;
* amounts are converted to the reference unit of the flow's reference flow
  property, through the unit group and the flow property factors;
* technosphere inputs link to the exchange's default provider inside the
  release, or, when it names none, to the one dataset whose reference product
  is that flow;
* elementary flows link to biosphere3 where the JSON-LD flow has a biosphere3
  UUID (openLCA's ecoinvent-based flow lists); the others keep their name,
  unit, openLCA category path (all levels), flow UUID (``"flow id"``) and CAS
  number, with ``"context scheme"`` ``"openlca"`` and ``"is input"`` (a
  resource), for the elementary-flow linker shared by every import.
"""

from __future__ import annotations

import collections
import functools
import logging
from pathlib import Path

from greendesign.i18n import _
from greendesign.inventory.brightway_project import BIOSPHERE, Cancelled, Progress
from greendesign.inventory.jsonld_release import JSONLDReader, cancelled, unpacked
from greendesign.inventory.user_registry import UserDatabaseError, guarded

#: the elementary-flow context scheme the shared linker reads categories by
CONTEXT_SCHEME = "openlca"


def _retry() -> str:
    return _("Export it again from openLCA as JSON-LD; if that does not help, send the file "
             "and the log to support.")


# --- strategies taking the place of bw2io's, or added to them ----------------------------

def convert_to_reference_units(data: dict) -> dict:
    """Units as :class:`JSONLDReader` converted them (in bw2io's spelling: a name)."""
    for ds in data["processes"].values():
        for exc in ds["exchanges"]:
            exc["unit"] = exc["flow"].pop("refUnit")
    return data


def remove_unallocated_coproducts(data: list[dict]) -> list[dict]:
    """Take out the co-products of a multi-output process that is not allocated.

    All of its inputs and emissions stay with its quantitative reference, as
    openLCA calculates it without allocation; a non-reference waste input (a
    second treatment function) is taken out the same way.
    """
    for ds in data:
        ds["exchanges"] = [
            exc for exc in ds["exchanges"]
            if exc.get("quantitativeReference")
            or exc["flow"]["flowType"] == "ELEMENTARY_FLOW" or exc.get("isAvoidedProduct")
            or (exc["flow"]["flowType"] == "PRODUCT_FLOW" and exc.get("isInput"))
            or (exc["flow"]["flowType"] == "WASTE_FLOW" and not exc.get("isInput"))]
    return data


def add_reference_product(data: list[dict]) -> list[dict]:
    """Unit and reference product of each dataset from its quantitative reference."""
    for ds in data:
        reference = next(exc for exc in ds["exchanges"] if exc.get("quantitativeReference"))
        ds["unit"] = reference["unit"]
        ds["reference product"] = reference["flow"]["name"]
        ds["reference flow"] = reference["flow"]["@id"]
    return data


def label_exchanges(data: list[dict]) -> list[dict]:
    """Brightway exchange types and signs for openLCA's directions and flow types.

    The quantitative reference is the production (negative for a waste
    treatment, whose reference is the waste it takes in), an avoided product a
    substitution, a product input a technosphere input, and a waste output a
    technosphere input of the negative amount from the process treating it.
    """
    for ds in data:
        for exc in ds["exchanges"]:
            kind = exc["flow"]["flowType"]
            if kind == "ELEMENTARY_FLOW":
                exc["type"] = "biosphere"
            elif exc.get("quantitativeReference"):
                exc["type"] = "production"
                if exc["isInput"]:
                    exc["amount"] = -exc["amount"]
            elif exc.get("isAvoidedProduct"):
                exc["type"] = "substitution"
            else:
                exc["type"] = "technosphere"
                if kind == "WASTE_FLOW":
                    exc["amount"] = -exc["amount"]
    return data


def link_default_providers(data: list[dict], database: str) -> list[dict]:
    """Link production to the dataset itself and inputs to their provider in the release.

    The provider is the exchange's ``defaultProvider`` (its dataset for this
    flow, when bw2io's allocation split it), or else the one dataset whose
    reference product the flow is; with several, the exchange stays unlinked
    and is reported with their count.
    """
    by_process: dict[str, dict[str, str]] = collections.defaultdict(dict)
    producers: dict[str, list[str]] = collections.defaultdict(list)
    for ds in data:
        process = ds["code"].split(".", 1)[0]
        by_process[process][ds["reference flow"]] = ds["code"]
        producers[ds["reference flow"]].append(ds["code"])
    for ds in data:
        for exc in ds["exchanges"]:
            if exc["type"] == "production":
                exc["input"] = (database, ds["code"])
            elif exc["type"] in ("technosphere", "substitution"):
                flow = exc["code"]  # the flow's @id, put there by bw2io
                provider = (exc.get("defaultProvider") or {}).get("@id")
                code = by_process.get(provider, {}).get(flow)
                found = [code] if code else producers.get(flow, [])
                if len(found) == 1:
                    exc["input"] = (database, found[0])
                elif found:
                    exc["ambiguous"] = len(found)
            exc.pop("defaultProvider", None)
    return data


def describe_elementary_flows(data: list[dict]) -> list[dict]:
    """Keep what the shared elementary-flow linker matches by on each biosphere exchange."""
    for ds in data:
        for exc in ds["exchanges"]:
            if exc["type"] != "biosphere":
                continue
            flow = exc["flow"]
            exc["categories"] = tuple(flow["category path"])
            exc["flow id"] = flow["@id"]
            exc["context scheme"] = CONTEXT_SCHEME
            exc["is input"] = exc["isInput"]  # a resource: the linker's compartment side
            if flow.get("cas"):
                exc["CAS number"] = flow["cas"]
    return data


def drop_helper_fields(data: list[dict]) -> list[dict]:
    """The fields only the strategies above needed."""
    for ds in data:
        ds.pop("reference flow", None)
        for exc in ds["exchanges"]:
            exc.pop("isInput", None)
            exc.pop("isAvoidedProduct", None)
            exc.pop("isQuantitativeReference", None)
    return data


def link_biosphere_by_uuid(data: list[dict]) -> list[dict]:
    """bw2io's link by code, against biosphere3: exact, for flows with ecoinvent UUIDs."""
    import bw2data as bd  # deferred: loads Brightway
    from bw2io.strategies import link_iterable_by_fields  # deferred: loads Brightway

    if BIOSPHERE not in bd.databases:
        return data
    return link_iterable_by_fields(data, other=bd.Database(BIOSPHERE), fields=["code"],
                                   edge_kinds=["biosphere"])


def _release_strategies() -> list:
    """bw2io's JSON-LD strategies that read the release as a whole, in its folder layout.

    They run when the importer is made: the import pipeline runs the others on
    a list of datasets. bw2io's allocation puts each product in a dataset of
    its own, so nothing is taken out here.
    """
    from bw2io import strategies as st  # deferred: loads Brightway

    return [
        # bw2io's allocation, with the method each process was given by the reader
        functools.partial(st.json_ld_allocate_datasets, preferred_allocation=None),
        st.json_ld_get_normalized_exchange_locations,
        # bw2io's conversion labels the converted amount with the exchange's own unit when
        # the flow reference carries no reference unit (openLCA 1.x), and ignores the flow
        # property factors; the reader converted both
        convert_to_reference_units,
        st.json_ld_get_activities_list_from_rawdata,
    ]


def _strategies(name: str) -> list:
    """bw2io's JSON-LD strategies on the datasets, with the replacements the module
    docstring gives."""
    from bw2io import strategies as st  # deferred: loads Brightway

    return [
        # not json_ld_add_products_as_activities: inputs link to processes, so product
        # nodes would only be datasets without exchanges
        remove_unallocated_coproducts,
        st.json_ld_get_normalized_exchange_units,
        # not json_ld_add_activity_unit, which refuses a waste treatment (its reference is
        # an input) and sets no reference product
        add_reference_product,
        st.json_ld_rename_metadata_fields,
        st.json_ld_location_name,
        st.json_ld_remove_fields,
        st.json_ld_fix_process_type,
        # not json_ld_label_exchange_type, which makes a waste output a second production
        label_exchanges,
        describe_elementary_flows,
        st.json_ld_prepare_exchange_fields_for_linking,
        # instead of bw2io's links by flow code to the product nodes left out above
        functools.partial(link_default_providers, database=name),
        drop_helper_fields,
        functools.partial(st.add_database_name, name=name),
        # not the link to the importer's own "<name> biosphere" database: that database is
        # not written, so every elementary flow would point at nothing; the flows without a
        # biosphere3 UUID are left for the shared elementary-flow linker
        link_biosphere_by_uuid,
        st.normalize_units,
    ]


def jsonld_importer(source: Path, name: str, report: Progress, stop: Cancelled):
    """bw2io's ``JSONLDImporter`` for an openLCA JSON-LD zip or folder, ready to link.

    The processes left out are on the importer as ``skipped``, ``(file,
    reason)`` pairs.
    """
    from bw2io.importers.json_ld import JSONLDImporter  # deferred: loads Brightway

    source = Path(source)
    reader = JSONLDReader(report, stop, source)
    importer_class = type("OpenLCAJSONLDImporter", (JSONLDImporter,), {"extractor": reader})
    with unpacked(source, report, stop) as folder:
        try:
            importer = importer_class(str(folder), name)
        except UserDatabaseError:
            raise
        except Exception as exc:  # noqa: BLE001 - named with its file, traceback logged
            logging.getLogger(__name__).exception("JSON-LD import of %s failed", source)
            raise UserDatabaseError(
                _("{file} could not be read as openLCA JSON-LD: {error}.").format(
                    file=source, error=f"{type(exc).__name__}: {exc}"),
                hint=_("Export it again from openLCA as JSON-LD; if that does not help, send "
                       "the file and the log to support.")) from exc
    importer.skipped = reader.skipped
    importer.cutoff = [({"name": ds.get("name", ""), "location": (ds.get("location") or {}).get(
        "name", "")}, exc, why) for ds, exc, why in getattr(reader, "cutoff", [])]
    for strategy in guarded(_release_strategies(), source, _retry()):
        if stop():
            raise cancelled()
        importer.data = strategy(importer.data)
    importer.strategies = guarded(_strategies(name), source, _retry())
    return importer
