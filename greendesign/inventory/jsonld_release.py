"""Reading an openLCA JSON-LD release for :mod:`greendesign.inventory.jsonld_reader`.

:class:`JSONLDReader` reads the release's files (a zip in place, or a folder)
with progress and cancel, names every file that is not JSON-LD, and brings
openLCA 1.x objects to the openLCA 2 spelling bw2io's strategies read: category
paths, ``isInput``/``isAvoidedProduct``, amounts in the flow's reference unit.
It chooses each multi-output process's allocation (its factors when complete,
else by mass, :func:`greendesign.inventory.product_mass.mass_shares`) and
lists the processes it cannot use and the by-products it cuts off.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import json
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from greendesign.i18n import _
from greendesign.inventory.brightway_project import Cancelled, Progress
from greendesign.inventory.product_mass import WASTE, mass_of, mass_shares
from greendesign.inventory.user_registry import ImportCancelled, UserDatabaseError

#: the allocation methods tried, in this order, for a process that names no default
ALLOCATION_ORDER = ("PHYSICAL_ALLOCATION", "ECONOMIC_ALLOCATION", "CAUSAL_ALLOCATION")
#: the type folders the importer needs; the others (actors, sources...) are not read
_FOLDERS = ("processes", "flows", "flow_properties", "unit_groups", "locations", "categories")


def cancelled() -> ImportCancelled:
    return ImportCancelled(_("The import was cancelled; nothing was written."))


def _damaged(source: Path, error: BaseException) -> UserDatabaseError:
    return UserDatabaseError(
        _("{file} is not a readable zip archive: {error}.").format(
            file=source, error=f"{type(error).__name__}: {error}"),
        hint=_("The file may be truncated or damaged: download or export it again, or "
               "unpack it and choose the folder."))


@contextlib.contextmanager
def unpacked(source: Path, report: Progress, stop: Cancelled) -> Iterator[Path]:
    """The folder of a JSON-LD release: ``source`` itself, or a zip unpacked for the while."""
    if source.is_dir():
        yield source
        return
    if not source.is_file():
        raise UserDatabaseError(_("{file} does not exist.").format(file=source),
                                hint=_("Choose an openLCA JSON-LD .zip or its folder."))
    if not zipfile.is_zipfile(source):
        with source.open("rb") as stream:
            if stream.read(4) == b"PK\x03\x04":  # a zip whose directory at the end is missing
                raise _damaged(source, zipfile.BadZipFile(_("the archive is cut off")))
        if source.suffix.lower() == ".json":
            raise UserDatabaseError(
                _("{file} is a single JSON file, not a JSON-LD release.").format(file=source),
                hint=_("Choose the .zip the release came in, or the folder that holds its "
                       "'processes' and 'flows' folders."))
        raise UserDatabaseError(
            _("{file} is not a zip archive.").format(file=source),
            hint=_("Choose the .zip that openLCA or the Federal LCA Commons exports as "
                   "JSON-LD, or the folder it unpacks to."))
    try:
        with zipfile.ZipFile(source) as archive:
            bad = archive.testzip() if source.stat().st_size < 2_000_000 else None
            for member in archive.infolist():
                inner = PurePosixPath(member.filename)
                if inner.is_absolute() or ".." in inner.parts:
                    raise UserDatabaseError(
                        _("{file} holds an entry outside its own folder: {entry}.").format(
                            file=source, entry=member.filename),
                        hint=_("Unpack the archive yourself, check it, and choose the "
                               "folder."))
        if bad is not None:
            raise zipfile.BadZipFile(_("the entry {entry} is damaged").format(entry=bad))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _damaged(source, exc) from exc
    report(0.05, _("Reading {file}").format(file=source.name))
    yield source  # read in place (JSONLDReader)


def release_root(folder: Path, shown: Path) -> Path:
    """The folder that holds ``processes/``: ``folder`` or the shallowest one below it."""
    found = sorted((p.parent for p in folder.rglob("processes") if p.is_dir()),
                   key=lambda p: len(p.parts))
    if not found:
        raise UserDatabaseError(
            _("{file} holds no openLCA JSON-LD processes (no 'processes' folder).").format(
                file=shown),
            hint=_("Choose a JSON-LD export of openLCA or the Federal LCA Commons; EcoSpold, "
                   "ILCD and SimaPro files have their own import."))
    return found[0]


class JSONLDReader:
    """Reads a JSON-LD release folder the way bw2io's ``JSONLDExtractor`` lays it out.

    ``{folder name: {file stem: object}}``, with progress and cancel, every
    file named when it is not JSON, and openLCA 1.x objects brought to the
    openLCA 2 spelling the importer's strategies read. Processes it cannot use
    are left out and listed in :attr:`skipped` as ``(file, reason)``.
    """

    def __init__(self, report: Progress, stop: Cancelled, shown: Path) -> None:
        self.report = report
        self.stop = stop
        self.shown = shown
        self.skipped: list[tuple[str, str]] = []

    def _name(self, path: Path, root: Path) -> str:
        """The file as the user knows it: inside the zip, or in the chosen folder."""
        inner = path.relative_to(root).as_posix()
        return f"{self.shown}!{inner}" if self.shown.is_file() else str(path)

    def _listing(self, dirpath: Path) -> list[tuple[str, str, str, object]]:
        """``(type folder, file stem, file as the user knows it, reader)`` of each file."""
        if dirpath.is_file():  # a zip, read in place: unpacking costs a file open per object
            archive = zipfile.ZipFile(dirpath)
            names = [n for n in archive.namelist() if n.lower().endswith(".json")]
            # the release's root: the shallowest folder that holds processes/
            roots = sorted({"/".join(n.split("/")[:-2]) for n in names
                            if n.count("/") >= 1 and n.split("/")[-2] == "processes"},
                           key=lambda r: (r.count("/") if r else -1, r))
            if not roots:
                raise UserDatabaseError(
                    _("{file} holds no openLCA JSON-LD processes (no 'processes' "
                      "folder).").format(file=self.shown),
                    hint=_("Choose a JSON-LD export of openLCA or the Federal LCA Commons; "
                           "EcoSpold, ILCD and SimaPro files have their own import."))
            out = []
            for name in sorted(names):
                parts = name.split("/")
                if len(parts) < 2 or "/".join(parts[:-2]) != roots[0] or \
                        parts[-2] not in _FOLDERS or \
                        parts[-1].startswith("."):
                    continue
                out.append((parts[-2], parts[-1][:-5], f"{self.shown}!{name}",
                            functools.partial(archive.read, name)))
            return sorted(out, key=lambda item: _FOLDERS.index(item[0]))
        root = release_root(dirpath, self.shown)
        return [(folder, p.stem, self._name(p, root), p.read_bytes)
                for folder in _FOLDERS if (root / folder).is_dir()
                for p in sorted((root / folder).iterdir())
                if p.is_file() and p.suffix.lower() == ".json" and not p.name.startswith(".")]

    def extract(self, dirpath) -> dict:
        files = self._listing(Path(dirpath))
        data: dict[str, dict] = {folder: {} for folder in _FOLDERS}
        for i, (folder, stem, shown, read) in enumerate(files):
            if self.stop():
                raise cancelled()
            if i % 100 == 0:
                self.report(0.05 + 0.35 * i / len(files),
                            _("Reading {number} of {count} files").format(
                                number=f"{i + 1:,}", count=f"{len(files):,}"))
            try:
                obj = json.loads(read().decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise UserDatabaseError(
                    _("{file} is not a JSON file: {error}.").format(file=shown, error=exc),
                    hint=_("Export the release again; a damaged file cannot be read.")
                ) from exc
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                raise _damaged(self.shown, exc) from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("@id"), str):
                raise UserDatabaseError(
                    _("{file} is not an openLCA JSON-LD object (it has no '@id').").format(
                        file=shown),
                    hint=_("Choose a JSON-LD export of openLCA or the Federal LCA Commons."))
            obj["filename"] = shown
            data[folder][stem] = obj
        if not data["processes"]:
            raise UserDatabaseError(
                _("{file} holds no openLCA processes.").format(file=self.shown),
                hint=_("Choose a JSON-LD export that includes processes."))
        self.report(0.4, _("Checking {count} processes").format(
            count=f"{len(data['processes']):,}"))
        normaliser = _Normaliser(data)
        normaliser.run(self.skipped)
        self.cutoff = normaliser.cutoff
        if not data["processes"]:
            raise UserDatabaseError(
                _("No process of {file} can be read; the first: {process}: {reason}").format(
                    file=self.shown, process=self.skipped[0][0], reason=self.skipped[0][1]),
                hint=_("Check that the export includes its flows, flow properties and unit "
                       "groups."))
        return data


class _Normaliser:
    """openLCA 1.x and 2 objects in one spelling, each exchange checked against the release."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.categories = {obj["@id"]: obj for obj in data["categories"].values()}
        self.flows = {obj["@id"]: obj for obj in data["flows"].values()}
        self.units: dict[str, tuple[float, str]] = {}   # unit id -> (factor, group id)
        self.reference_unit: dict[str, str] = {}        # unit group id -> its reference unit
        for group in data["unit_groups"].values():
            for unit in group.get("units", []):
                self.units[unit["@id"]] = (float(unit.get("conversionFactor", 1.0)),
                                           group["@id"])
                if unit.get("isRefUnit", unit.get("referenceUnit")):
                    self.reference_unit[group["@id"]] = unit["name"]
        self.group_of = {obj["@id"]: (obj.get("unitGroup") or {}).get("@id")
                         for obj in data["flow_properties"].values()}
        #: ``(dataset, exchange, reason)`` of the by-products cut off
        self.cutoff: list[tuple[dict, dict, str]] = []

    def category_path(self, category) -> tuple[str, ...]:
        """All levels of an openLCA category: a path string (2.x) or a reference (1.x)."""
        if isinstance(category, str):
            return tuple(level for level in category.split("/") if level)
        levels: list[str] = []
        seen = set()
        while isinstance(category, dict) and category.get("@id") not in seen:
            seen.add(category.get("@id"))
            full = self.categories.get(category.get("@id"), category)
            levels.insert(0, str(full.get("name", "")))
            category = full.get("category")
        return tuple(levels)

    def run(self, skipped: list[tuple[str, str]]) -> None:
        for obj in self.data["flows"].values():
            obj["category path"] = self.category_path(obj.get("category"))
            obj["category"] = "/".join(obj["category path"]) or "Unknown"
        for key, ds in list(self.data["processes"].items()):
            try:
                self.process(ds)
            except ValueError as exc:
                skipped.append((ds.get("filename", key), str(exc)))
                del self.data["processes"][key]
        for obj in self.data["locations"].values():
            obj.setdefault("code", obj.get("name", ""))

    def process(self, ds: dict) -> None:
        ds["category"] = "/".join(self.category_path(ds.get("category")))
        if "parameters" in ds:  # a list, not Brightway's parameters: amounts are evaluated
            ds["openLCA parameters"] = ds.pop("parameters")
        if not isinstance(ds.get("location"), dict) or not ds["location"].get("name"):
            ds["location"] = {"name": "GLO"}  # Brightway's location for "not given"
        exchanges = ds.get("exchanges")
        if not isinstance(exchanges, list) or not exchanges:
            raise ValueError(_("it has no exchanges"))
        for exc in exchanges:
            self.exchange(ds, exc)
        references = [exc for exc in exchanges if exc.get("quantitativeReference")]
        if not references:
            outputs = [exc for exc in exchanges if _is_product_output(exc)]
            if len(outputs) != 1:
                raise ValueError(_("it names no quantitative reference"))
            outputs[0]["quantitativeReference"] = True
        self.choose_allocation(ds)

    def exchange(self, ds: dict, exc: dict) -> None:
        flow_ref = exc.get("flow") or {}
        flow = self.flows.get(flow_ref.get("@id"))
        if flow is None:
            raise ValueError(_("the flow {flow!r} is not in the release").format(
                flow=flow_ref.get("name", flow_ref.get("@id"))))
        is_input = bool(exc.get("isInput", exc.get("input", False)))
        avoided = bool(exc.get("isAvoidedProduct", exc.get("avoidedProduct", False)))
        reference = bool(exc.get("isQuantitativeReference",
                                 exc.get("quantitativeReference", False)))
        exc.update({"isInput": is_input, "input": is_input, "isAvoidedProduct": avoided,
                    "avoidedProduct": avoided, "quantitativeReference": reference})
        try:
            amount = float(exc.get("amount", 0.0))
        except (TypeError, ValueError):
            raise ValueError(_("the amount {amount!r} of {flow!r} is not a number").format(
                amount=exc.get("amount"), flow=flow["name"])) from None
        unit = (exc.get("unit") or {}).get("@id")
        if unit not in self.units:
            raise ValueError(_("the unit of {flow!r} is not in the release's unit "
                               "groups").format(flow=flow["name"]))
        factor, group = self.units[unit]
        factors = flow.get("flowProperties", [])
        ref_factor = next((f for f in factors if f.get("isRefFlowProperty",
                                                        f.get("referenceFlowProperty"))), None)
        wanted = (exc.get("flowProperty") or {}).get("@id")
        used = next((f for f in [ref_factor, *factors] if f is not None and wanted in (
            None, (f.get("flowProperty") or {}).get("@id"))), None)
        if ref_factor is None or used is None:
            raise ValueError(_("the flow {flow!r} has no reference flow property").format(
                flow=flow["name"]))
        ref_group = self.group_of.get((ref_factor.get("flowProperty") or {}).get("@id"))
        if ref_group not in self.reference_unit or self.group_of.get(
                (used.get("flowProperty") or {}).get("@id")) != group:
            raise ValueError(_("the unit of {flow!r} does not belong to its flow "
                               "property").format(flow=flow["name"]))
        # the amount in the unit group's reference unit, then in the reference property
        exc["amount"] = amount * factor / float(used.get("conversionFactor") or 1.0)
        exc["unit"] = {"@id": unit, "name": self.reference_unit[ref_group]}
        exc["flow"] = {**flow_ref, "@id": flow["@id"], "name": flow["name"],
                       "flowType": flow.get("flowType"), "category": flow["category"],
                       "category path": flow["category path"], "cas": flow.get("cas") or "",
                       "refUnit": self.reference_unit[ref_group]}
        # named and typed for the import report before bw2io's strategies do so
        exc["name"] = flow["name"]
        exc["type"] = ("biosphere" if flow.get("flowType") == "ELEMENTARY_FLOW"
                       else "production" if _is_product_output(exc) else "technosphere")
        if "location" in flow_ref and isinstance(flow_ref["location"], dict):
            exc["flow"]["location"] = flow_ref["location"].get("name")

    def choose_allocation(self, ds: dict) -> None:
        """Set the method bw2io's allocation uses, or clear factors that cannot be used."""
        products = [exc["flow"]["@id"] for exc in ds["exchanges"]
                    if _is_product_output(exc) and exc.get("amount")]
        factors = ds.pop("allocationFactors", None) or []
        by_internal_id = {exc.get("internalId"): exc["flow"]["@id"] for exc in ds["exchanges"]}
        for factor in factors:  # openLCA 2 names the exchange of a causal factor by its id
            ref = factor.get("exchange")
            if isinstance(ref, dict) and "flow" not in ref and "internalId" in ref:
                ref["flow"] = {"@id": by_internal_id.get(ref["internalId"])}
        ds["allocation"] = "NO_ALLOCATION"
        if len(products) < 2:
            return
        if not factors or not any(_complete(factors, m, products, set())
                                  for m in ALLOCATION_ORDER):
            self.allocate_by_mass(ds)
            return
        burdens = {exc["flow"]["@id"] for exc in ds["exchanges"] if not _is_product_output(exc)}
        usable = [m for m in ALLOCATION_ORDER if _complete(factors, m, products, burdens)]
        default = ds.get("defaultAllocationMethod")
        method = default if default in usable else (usable[0] if usable else None)
        if method is None:
            return
        self._use(ds, factors, method)

    def _use(self, ds: dict, factors: list[dict], method: str) -> None:
        ds["allocationFactors"] = [f for f in factors if f.get("allocationType") == method]
        ds["defaultAllocationMethod"] = method
        ds["allocation"] = method


    def mass_of(self, exc: dict) -> float | None:
        """The mass in kg of a converted product exchange: its unit, its flow's mass
        property, or its density (``lca_data/linking/product_densities.csv``)."""
        flow = self.flows.get(exc["flow"]["@id"], {})
        unit = exc["flow"].get("refUnit")
        if unit == "kg":
            return float(exc["amount"])
        factors = flow.get("flowProperties", [])
        ref = next((f for f in factors if f.get("isRefFlowProperty",
                                                 f.get("referenceFlowProperty"))), None)
        mass = next((f for f in factors
                     if (f.get("flowProperty") or {}).get("name") == "Mass"), None)
        if ref is not None and mass is not None and ref.get("conversionFactor"):
            return float(exc["amount"]) * float(mass.get("conversionFactor") or 0) / float(
                ref["conversionFactor"])
        return mass_of({"unit": {"m3": "cubic meter", "l": "litre"}.get(unit, unit),
                        "amount": exc["amount"], "name": flow.get("name", "")})

    def allocate_by_mass(self, ds: dict) -> None:
        """Physical allocation by mass for a multi-output process without usable factors.

        As the EcoSpold 2 import and the bundled USLCI extraction do: the products
        with a mass share the process; one equal to the sum of the others is the
        process's total (it carries the whole process); products without a mass,
        and wastes, are cut off and listed; without a mass for the reference
        product nothing is allocated.
        """
        outputs = [exc for exc in ds["exchanges"] if _is_product_output(exc) and exc.get("amount")]
        reference = next((exc for exc in outputs if exc.get("quantitativeReference")), None)
        masses = {id(exc): self.mass_of(exc) for exc in outputs}
        if reference is None or masses[id(reference)] is None:
            return
        cut = [exc for exc in outputs if exc is not reference and (
            WASTE.search(exc["flow"]["name"]) or masses[id(exc)] is None)]
        shared = [exc for exc in outputs if not any(exc is c for c in cut)]
        shares, whole = mass_shares([masses[id(exc)] for exc in shared],
                                    next(i for i, exc in enumerate(shared) if exc is reference))
        parts = len(shared) - (whole is not None)
        if parts < 2:
            return  # nothing to share: no allocation, the co-products are taken out later
        for exc in cut:
            self.cutoff.append((ds, {"name": exc["flow"]["name"], "type": "production",
                                     "amount": exc["amount"],
                                     "unit": exc["flow"].get("refUnit", "")},
                                _("by-product cut off: no mass to allocate by (or a waste), "
                                  "and the process gives no allocation factors")))
            exc["amount"] = 0.0  # not split off by the allocation, so left out
        factors = [{"allocationType": "PHYSICAL_ALLOCATION", "product": {
            "@id": exc["flow"]["@id"]}, "value": share} for exc, share in zip(shared, shares,
                                                                            strict=True)]
        ds["allocationFactors"] = factors
        ds["defaultAllocationMethod"] = "PHYSICAL_ALLOCATION"
        ds["allocation"] = _("mass allocation over {count} products (the process gives no "
                             "allocation factors)").format(count=parts)


def _is_product_output(exc: dict) -> bool:
    flow = exc.get("flow") or {}
    return (flow.get("flowType") == "PRODUCT_FLOW" and not exc.get("isInput")
            and not exc.get("isAvoidedProduct"))


def _complete(factors: list[dict], method: str, products: list[str], burdens: set[str]
              ) -> bool:
    """Whether ``method``'s factors give every product (and, causal, every flow) a share."""
    given: dict[str, set] = collections.defaultdict(set)
    total = 0.0
    for factor in factors:
        if factor.get("allocationType") != method:
            continue
        product = (factor.get("product") or {}).get("@id")
        if product is None or not isinstance(factor.get("value"), (int, float)):
            return False
        total += float(factor["value"])
        given[product].add(((factor.get("exchange") or {}).get("flow") or {}).get("@id"))
    if total <= 0 or any(p not in given for p in products):
        return False
    return method != "CAUSAL_ALLOCATION" or all(burdens <= given[p] for p in products)
