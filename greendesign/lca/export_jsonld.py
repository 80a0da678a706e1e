"""The openLCA JSON-LD target of the life-cycle model export (:mod:`greendesign.lca.export_lci`).

Written with ``olca-schema``: the foreground processes, every background process
they reach through the inventory's supply chains with their exchanges, their
product flows, the elementary flows (their ids are the biosphere3 codes, the
ecoinvent elementary-flow UUIDs that openLCA's reference flows carry too),
units, flow properties, locations, and a product system linking every input to
its provider.
"""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path

from greendesign.i18n import _
from greendesign.inventory.brightway_project import BIOSPHERE, open_inventory
from greendesign.io.atomic import atomic_write_bytes
from greendesign.lca.export_lci import (
    PRODUCT_CODE,
    ExportError,
    ExportResult,
    Progress,
    _quiet,
    foreground,
)
from greendesign.lca.lifecycle import LifecycleModel
from greendesign.model import Product

#: Ids of the exported openLCA entities are name-based UUIDs in this namespace, so
#: exporting the same model twice gives the same ids.
NAMESPACE = uuid.UUID("4f1d7c2e-6b0a-5e53-9a47-3c8e2d9b1f60")

#: Brightway unit names (and the openLCA symbols some datasets use) -> (openLCA unit symbol,
#: factor to its unit group's reference unit, which is listed with factor 1).
UNITS = {
    "kilogram": ("kg", 1.0), "kg": ("kg", 1.0), "gram": ("g", 1e-3), "g": ("g", 1e-3),
    "ton": ("t", 1e3), "t": ("t", 1e3),
    "megajoule": ("MJ", 1.0), "MJ": ("MJ", 1.0), "kilowatt hour": ("kWh", 3.6),
    "kWh": ("kWh", 3.6), "gigajoule": ("GJ", 1e3), "GJ": ("GJ", 1e3),
    "cubic meter": ("m3", 1.0), "m3": ("m3", 1.0), "litre": ("l", 1e-3), "liter": ("l", 1e-3),
    "l": ("l", 1e-3), "standard cubic meter": ("Nm3", 1.0),
    "square meter": ("m2", 1.0), "m2": ("m2", 1.0), "hectare": ("ha", 1e4),
    "square meter-year": ("m2*a", 1.0), "m2*a": ("m2*a", 1.0),
    "cubic meter-year": ("m3*a", 1.0), "meter-year": ("m*a", 1.0),
    "kilo Becquerel": ("kBq", 1.0), "kBq": ("kBq", 1.0),
    "unit": ("Item(s)", 1.0), "Item(s)": ("Item(s)", 1.0),
    "ton kilometer": ("t*km", 1.0), "t*km": ("t*km", 1.0),
    "person kilometer": ("p*km", 1.0), "p*km": ("p*km", 1.0),
    "hour": ("h", 1.0), "h": ("h", 1.0), "day": ("d", 24.0), "d": ("d", 24.0),
    "year": ("a", 8760.0), "meter": ("m", 1.0), "m": ("m", 1.0),
    "kilometer": ("km", 1e3), "km": ("km", 1e3),
}
#: Reference units of the openLCA unit groups :data:`UNITS` reaches.
REFERENCE_UNITS = {"Units of mass": "kg", "Units of energy": "MJ", "Units of volume": "m3",
                   "Units of area": "m2", "Units of area*time": "m2*a",
                   "Units of volume*time": "m3*a", "Units of length*time": "m*a",
                   "Units of radioactivity": "kBq", "Units of items": "Item(s)",
                   "Units of mass*length": "t*km", "Units of person transport": "p*km",
                   "Units of time": "h", "Units of length": "m"}
#: biosphere3 top-level compartments -> openLCA elementary-flow categories.
COMPARTMENTS = {"air": "Emission to air", "water": "Emission to water",
                "soil": "Emission to soil", "natural resource": "Resource",
                "economic": "Economic", "inventory indicator": "Inventory indicator"}


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


class _Units:
    """The unit groups and flow properties the written flows use, openLCA's reference ones
    where ``olca_schema`` knows the unit, otherwise a group of the unit alone."""

    def __init__(self, o, units_module) -> None:
        self.o, self.lib = o, units_module
        self.groups: dict[str, object] = {}
        self.properties: dict[str, object] = {}

    def refs(self, bw_unit: str):
        """(unit, flow property) refs of a Brightway unit, registering its group."""
        o = self.o
        symbol, factor = UNITS.get(bw_unit, (bw_unit or "unit", 1.0))
        unit, group, prop = (self.lib.unit_ref(symbol), self.lib.group_ref(symbol),
                             self.lib.property_ref(symbol))
        if bw_unit not in UNITS or unit is None:  # its factor to a reference unit unknown
            symbol, factor = bw_unit or "unit", 1.0
            unit = o.Ref(ref_type=o.RefType.Unit, id=_uid("unit", symbol), name=symbol)
            group = o.Ref(ref_type=o.RefType.UnitGroup, id=_uid("unit group", symbol),
                          name=f"Units of {symbol}")
            prop = o.Ref(ref_type=o.RefType.FlowProperty, id=_uid("flow property", symbol),
                         name=symbol)
            reference = symbol
        else:
            reference = REFERENCE_UNITS[group.name]
        entity = self.groups.get(group.id)
        if entity is None:
            entity = o.UnitGroup(id=group.id, name=group.name, units=[],
                                 default_flow_property=prop)
            self.groups[group.id] = entity
            self.properties[prop.id] = o.FlowProperty(
                id=prop.id, name=prop.name, unit_group=group,
                flow_property_type=o.FlowPropertyType.PHYSICAL_QUANTITY)
        ids = {reference: self.lib.unit_ref(reference).id} if reference != symbol else {}
        ids[symbol] = unit.id
        for name, value in ((reference, 1.0), (symbol, factor)):
            if all(u.name != name for u in entity.units):
                entity.units.append(o.Unit(id=ids[name], name=name, conversion_factor=value,
                                           is_ref_unit=name == reference))
        return unit, prop


def _flow_ref(flow):
    """A reference to ``flow`` that says its type (bw2io's reader, and openLCA's own
    exports, carry it)."""
    ref = flow.to_ref()
    ref.flow_type = flow.flow_type
    return ref


def _closure(bd, roots: list[tuple[str, str]]) -> tuple[dict, dict]:
    """Every technosphere node the roots reach ((database, code) -> its fields) and its
    exchanges ((database, code) -> list of (type, input key, amount)), from the inventory's
    tables in one pass per database."""
    from bw2data.backends import ActivityDataset, ExchangeDataset  # deferred: Brightway

    exchanges: dict[tuple, list] = {}
    nodes: dict[tuple, dict] = {}
    loaded: set[str] = set()
    todo = list(dict.fromkeys(roots))
    seen = set(todo)
    while todo:
        key = todo.pop()
        if key[0] not in loaded:
            loaded.add(key[0])
            query = ExchangeDataset.select().where(ExchangeDataset.output_database == key[0])
            for row in query.iterator():
                exchanges.setdefault((row.output_database, row.output_code), []).append(
                    (row.type, (row.input_database, row.input_code),
                     float(row.data["amount"])))
            for row in ActivityDataset.select().where(
                    ActivityDataset.database == key[0]).iterator():
                nodes[(row.database, row.code)] = row.data
        if key not in nodes:
            raise ExportError(_("The inventory has no dataset {code!r} in {database!r}, which "
                                "the model uses.").format(code=key[1], database=key[0]),
                              hint=_("Let the inventory set-up finish, or import the user "
                                     "database again."))
        for kind, other, _amount in exchanges.get(key, []):
            if kind != "biosphere" and other not in seen:
                seen.add(other)
                todo.append(other)
    return {k: nodes[k] for k in seen}, exchanges


def export_jsonld(product: Product, path: str | os.PathLike, variant: str = "baseline",
                  model: LifecycleModel | None = None,
                  progress: Progress = _quiet) -> ExportResult:
    """Write the product and its supply chains as an openLCA JSON-LD zip (module docstring)."""
    # deferred: Brightway's tables, and olca-schema only the JSON-LD export needs
    import olca_schema as o
    from bw2data.backends import ActivityDataset
    from olca_schema import units as olca_units
    from olca_schema import zipio

    path = Path(path)
    progress(0.0, _("Building the life-cycle model"))
    fg = foreground(product, variant, model)
    bd = open_inventory()
    progress(0.2, _("Reading the supply chains of the inventory"))
    background, exchanges = _closure(bd, fg.background_keys())
    for code, act in fg.activities.items():
        background[(fg.database, code)] = act
        exchanges[(fg.database, code)] = [(e["type"], tuple(e["input"]), e["amount"])
                                          for e in act["exchanges"]]
    flow_codes = {other[1] for key in background for kind, other, _a in exchanges.get(key, [])
                  if kind == "biosphere"}
    elementary = {row.code: row.data for row in ActivityDataset.select().where(
        (ActivityDataset.database == BIOSPHERE) & ActivityDataset.code.in_(list(flow_codes)))}
    units = _Units(o, olca_units)
    locations: dict[str, object] = {}

    def location(code: str | None):
        code = str(code or "GLO")
        if code not in locations:
            locations[code] = o.Location(id=_uid("location", code), name=code, code=code)
        return locations[code].to_ref()

    flows: dict[str, object] = {}
    for code, data in elementary.items():
        unit, prop = units.refs(data.get("unit", ""))
        categories = tuple(data.get("categories") or ())
        top = COMPARTMENTS.get(categories[0], categories[0]) if categories else "unspecified"
        sub = categories[1] if len(categories) > 1 else "unspecified"
        flows[code] = o.Flow(id=code, name=data.get("name", code),
                             flow_type=o.FlowType.ELEMENTARY_FLOW,
                             category=f"Elementary flows/{top}/{sub}",
                             cas=data.get("CAS number") or None, formula=data.get("formula"),
                             flow_properties=[o.FlowPropertyFactor(
                                 flow_property=prop, conversion_factor=1.0,
                                 is_ref_flow_property=True)])
    products: dict[tuple, object] = {}
    process_ids = {key: _uid("process", *key) for key in background}
    for key, data in background.items():
        unit, prop = units.refs(data.get("unit", ""))
        products[key] = o.Flow(id=_uid("flow", *key),
                               name=data.get("reference product") or data.get("name", key[1]),
                               flow_type=o.FlowType.PRODUCT_FLOW, category=key[0],
                               location=location(data.get("location")),
                               flow_properties=[o.FlowPropertyFactor(
                                   flow_property=prop, conversion_factor=1.0,
                                   is_ref_flow_property=True)])
    processes, links = [], []
    exchange_count = 0
    for key, data in background.items():
        proc = o.Process(id=process_ids[key], name=data.get("name", key[1]),
                         category=key[0], process_type=o.ProcessType.UNIT_PROCESS,
                         description=data.get("comment") or None,
                         location=location(data.get("location")), exchanges=[])
        reference = 0.0
        for kind, other, amount in exchanges.get(key, []):
            if kind == "production" and other == key:
                reference += amount
                continue
            if kind == "biosphere":
                flow = flows[other[1]]
                resource = (tuple(elementary[other[1]].get("categories") or ("",))[0]
                            == "natural resource")
                exc = o.Exchange(flow=_flow_ref(flow), is_input=resource, amount=amount)
                bw_unit = elementary[other[1]].get("unit", "")
            else:
                if other not in products:
                    continue  # not a technosphere node (an edge to a biosphere node)
                flow = products[other]
                exc = o.Exchange(flow=_flow_ref(flow), amount=amount,
                                 is_input=kind == "technosphere",
                                 is_avoided_product=kind == "substitution",
                                 default_provider=o.Ref(ref_type=o.RefType.Process,
                                                        id=process_ids[other],
                                                        name=background[other].get("name")))
                if kind == "production":  # a co-product: an output of another's product
                    exc.default_provider = None
                bw_unit = background[other].get("unit", "")
            exc.unit, exc.flow_property = units.refs(bw_unit)
            proc.exchanges.append(exc)
        ref_unit, ref_prop = units.refs(data.get("unit", ""))
        proc.exchanges.insert(0, o.Exchange(flow=_flow_ref(products[key]), is_input=False,
                                            amount=reference or 1.0, unit=ref_unit,
                                            flow_property=ref_prop,
                                            is_quantitative_reference=True))
        for i, exc in enumerate(proc.exchanges, start=1):
            exc.internal_id = i
            if exc.default_provider is not None:
                links.append(o.ProcessLink(provider=exc.default_provider, flow=exc.flow,
                                           process=proc.to_ref(),
                                           exchange=o.ExchangeRef(internal_id=i)))
        proc.last_internal_id = len(proc.exchanges)
        if key[0] == fg.database:
            exchange_count += len(proc.exchanges)
        processes.append(proc)
    root = next(p for p in processes if p.id == process_ids[(fg.database, PRODUCT_CODE)])
    system = o.ProductSystem(
        id=_uid("product system", fg.database), name=fg.database,
        description=fg.activities[PRODUCT_CODE]["comment"], ref_process=root.to_ref(),
        ref_exchange=o.ExchangeRef(internal_id=1), target_amount=1.0,
        target_unit=root.exchanges[0].unit, target_flow_property=root.exchanges[0].flow_property,
        processes=[p.to_ref() for p in processes], process_links=links)
    progress(0.6, _("Writing {file}").format(file=path.name))
    buffer = io.BytesIO()
    with zipio.ZipWriter(buffer) as writer:
        for entity in (*units.groups.values(), *units.properties.values(),
                       *locations.values(), *flows.values(), *products.values(), *processes,
                       system):
            writer.write(entity)
    atomic_write_bytes(path, buffer.getvalue())
    progress(1.0, _("Exported"))
    return ExportResult("jsonld", str(path), fg.database, len(fg.activities), exchange_count,
                        len(processes) - len(fg.activities), notes=fg.notes)
