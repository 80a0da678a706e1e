"""The cradle-to-grave lifecycle model of a product, as lines of demand on datasets.

A :class:`Line` says "this much of this inventory dataset, in this stage, for
this part". Both the fast engine and the Brightway reference path start from
the same lines, so they model exactly the same system. The model (see
``docs/lca-method.md``):

Functional unit
    One product over its service life (``Product.functional_unit``).
Raw materials (A1-A2)
    Each part's material x mass x (1 + scrap rate) x units per product. The
    recycled-content share of that input comes from the material family's
    recycling process (``recycling_<family>``: under the cut-off approach a
    secondary material carries only the burden of its recycling); the rest is
    the primary material dataset. A product made in a country with regional
    datasets (``manufacturer_region`` ``CN`` or ``CN-<grid>``) uses a material's or
    recycling process's dataset of that country where there is one
    (``aluminium_primary_ingot@CN``, :func:`regional_dataset`). Inbound transport
    legs of a part carry its input mass.
Manufacturing (A3)
    Each process of a part or assembly (amount in the process unit; no amount
    means the node's mass in kg), plus the factory electricity the process
    datasets state (``factory_kwh``) and the product's
    ``factory_electricity_kwh``, supplied by the production grid with the
    green-power share from the chosen renewable source.
Distribution (A4)
    Each distribution leg: product mass (t) x distance (km) on the mode's
    dataset.
Use (B)
    Electricity per year x years on the use grid; consumables per year x
    years; replacement parts (count x the part's materials, processes and end
    of life).
End of life (C)
    Per part, the shares of the region's scenario for its material family
    (``lca_data/end_of_life/scenarios.csv``) or the part's own override:
    landfill and energy recovery carry their treatment datasets, burning
    emits the material's carbon as CO2 (fossil and biogenic apart, from
    ``lca_data/properties/carbon_content.csv``), electronics and batteries
    carry their pre-treatment, the transport to treatment is on a 16-32 t
    lorry. Recycling and reuse carry no burden in the cut-off
    approach (recycled material's burden belongs to its next use).
Credits beyond the system boundary (D, EN 15804 style, never in the total)
    Recycling: the net scrap output (mass sent to recycling x yield, minus the
    recycled-content input) x (avoided primary material - recycling process).
    Energy recovery: ``credit_energy_recovery`` per kg incinerated.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from greendesign.errors import ModelValidationError, Problem
from greendesign.i18n import N_, _, pick, translate
from greendesign.inventory import reference_data
from greendesign.inventory.datasets import load_carbon_content, load_datasets, missing_note
from greendesign.inventory.regional import production_region, regional_code
from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.inventory.user_registry import datasets as user_datasets
from greendesign.inventory.user_registry import eol_map, missing_hint
from greendesign.model import Assembly, ElectricityAccounting, Part, Product, walk
from greendesign.model.vocab import CO2_FACTOR_PREFIX

STAGES = ("raw_materials", "manufacturing", "distribution", "use", "end_of_life")
CREDIT = "credits_beyond_boundary"
#: Datasets of 1 kg CO2 to air, for the carbon of materials burnt at end of life.
FOSSIL_CO2, BIOGENIC_CO2 = "emission_co2_fossil_air", "emission_co2_non_fossil_air"
#: kg CO2 per kg C: molar masses 44.009 / 12.011.
CO2_PER_C = 44.009 / 12.011
#: Lorry used for the transport to end-of-life treatment.
EOL_TRUCK = "truck_16-32t"


class Line(NamedTuple):
    """Demand of one unit of product on one dataset (a named tuple: thousands per product)."""

    stage: str
    dataset: str
    amount: float
    part_id: str = ""
    material: str = ""
    kind: str = ""  # material, recycled_content, process, electricity, transport, energy,
    #                consumable, replacement, landfill, energy_recovery, pretreatment, credit


#: What a reference of a part is (``Gap.field``, the ``what`` of a problem), as messages say.
FIELD_NAMES = {"material": N_("material"), "process": N_("process"),
               "consumable": N_("consumable")}


@dataclass(frozen=True)
class Gap:
    """A reference the inventory cannot serve, left out of the system (cut-off)."""

    part_id: str
    part_name: str
    field: str          # material, process, consumable
    code: str
    mass_kg: float      # mass per product concerned (0 for processes)
    part_name_zh: str = ""

    @property
    def display_name(self) -> str:
        """The part's (or consumable's) name in the current language."""
        return pick(self.part_name, self.part_name_zh)

    @property
    def reason(self) -> str:
        """Why the code has no data and what to do (``lca_data/datasets/missing.csv``)."""
        return missing_note(self.code)

    def __str__(self) -> str:
        if self.field != "material":  # a process or consumable: no part mass is left out
            text = _("{name}: {field} {code!r} has no inventory data (left out)").format(
                name=self.display_name, field=field_name(self.field), code=self.code)
        else:
            text = _("{name}: {field} {code!r} has no inventory data ({mass} kg per product "
                     "left out)").format(name=self.display_name, field=field_name(self.field),
                                         code=self.code, mass=f"{self.mass_kg:.4g}")
        return _("{message}; {reason}").format(message=text, reason=self.reason) \
            if self.reason else text


def field_name(field: str) -> str:
    """``material``, ``process``, ``consumable`` as a message names them, translated."""
    return translate(FIELD_NAMES[field]) if field in FIELD_NAMES else field


@dataclass
class LifecycleModel:
    """All lines of a product, plus what the results need to explain them."""

    product_name: str
    functional_unit: str
    service_life_years: float
    eol_region: str = "GLO"
    lines: list[Line] = field(default_factory=list)
    #: part id -> (name, parent id or "", depth)
    tree: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    #: part id -> Chinese name, for the parts that have one (see :meth:`part_name`)
    names_zh: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    #: material -> (family, (recycling, energy recovery, landfill)) of the regional scenario
    eol_mix: dict[str, tuple[str, tuple[float, float, float]]] = field(default_factory=dict)
    #: parts whose end of life is set by the user (not varied in Monte Carlo)
    eol_fixed: set[str] = field(default_factory=set)
    #: references left out for lack of data (only with ``allow_gaps``)
    gaps: list[Gap] = field(default_factory=list)
    product_mass_kg: float = 0.0

    @property
    def excluded_mass_share(self) -> float:
        """Share of the product's mass whose material has no data (ISO 14044 cut-off)."""
        mass = sum(g.mass_kg for g in self.gaps if g.field == "material")
        return mass / self.product_mass_kg if self.product_mass_kg else 0.0

    def credits(self) -> list[Line]:
        return [line for line in self.lines if line.stage == CREDIT]

    def part_name(self, part_id: str) -> str:
        """The name of a part or assembly of the tree in the current language (its Chinese
        name when the language is Chinese and it has one); the id when it is not in the tree."""
        if part_id not in self.tree:
            return part_id
        return pick(self.tree[part_id][0], self.names_zh.get(part_id))


@dataclass(frozen=True)
class Inventory:
    """What the model needs to know about the inventory (no Brightway)."""

    units: dict[str, str]            # dataset code -> unit
    factory_kwh: dict[str, float]    # dataset code -> kWh of factory electricity per unit
    families: dict[str, str]         # material code -> end-of-life family
    eol: dict                        # (region, family) -> EolShares
    carbon: dict = field(default_factory=dict)  # material -> (fossil, biogenic) C fraction


def default_inventory() -> Inventory:
    """The :class:`Inventory` of the bundled datasets and the user databases (memoised)."""
    datasets = load_datasets()
    cat = load_catalogue()
    users = user_datasets()
    eol_as = eol_map()
    key = (datasets, cat, users, eol_as)
    if _inventory_memo and all(a is b for a, b in zip(_inventory_memo[0], key, strict=True)):
        return _inventory_memo[1]  # nothing changed: a BOM edit does not rebuild the tables
    units = {ds.ref: ds.unit for ds in users}
    units.update((code, ds.unit) for code, ds in datasets.items())
    carbon = load_carbon_content()
    if len(units) > len(datasets):  # user datasets burn like the material they are treated as
        carbon = {**carbon, **{ref: carbon[code] for ref, (code, _guess) in eol_as.items()
                               if code in carbon}}
    inventory = Inventory(
        units=units,
        factory_kwh={code: ds.factory_kwh for code, ds in datasets.items() if ds.factory_kwh},
        families={e.code: e.family for e in cat.entries("material")},
        eol=reference_data.eol_scenarios(),
        carbon=carbon,
    )
    _inventory_memo[:] = [key, inventory]
    return inventory


#: ``[(datasets, catalogue, user datasets, end-of-life map), Inventory]`` of the last call
_inventory_memo: list = []


def grid_dataset(grid: str, accounting: ElectricityAccounting, known) -> str:
    """The dataset code of electricity from ``grid`` under ``accounting``.

    The published CO2 factor (``electricity_co2_<grid>``) where the choice asks for it
    and the grid has one, else the grid's life-cycle dataset (``electricity_<grid>``).
    """
    if accounting is ElectricityAccounting.PUBLISHED_CO2_FACTOR and \
            f"{CO2_FACTOR_PREFIX}{grid}" in known:
        return f"{CO2_FACTOR_PREFIX}{grid}"
    return f"electricity_{grid}"


def electricity_lines(stage: str, kwh: float, grid: str, green_share: float = 0.0,
                      green_source: str = "PV", part_id: str = "",
                      kind: str = "electricity", grid_code: str = "") -> list[Line]:
    """kWh from a grid, with a share from a renewable source.

    ``grid_code`` is the grid's dataset code when it is not ``electricity_<grid>`` (see
    :func:`grid_dataset`)."""
    if kwh <= 0:
        return []
    lines = []
    if green_share < 1.0:
        lines.append(Line(stage, grid_code or f"electricity_{grid}", kwh * (1.0 - green_share),
                          part_id, kind=kind))
    if green_share > 0.0:
        lines.append(Line(stage, f"electricity_{green_source.upper()}", kwh * green_share,
                          part_id, kind=kind))
    return lines


def regional_dataset(code: str, region: str, units: dict[str, str]) -> str:
    """The dataset of a material or recycled-content line of a product made in ``region``:
    ``<code>@<region>`` (``aluminium_primary_ingot@CN`` for a product made in China) when the
    inventory has it in the same unit, else ``code`` itself."""
    regional = regional_code(code, region)
    if region and regional in units and units[regional] == units.get(code):
        return regional
    return code


def build_model(product: Product, inventory: Inventory | None = None,
                allow_gaps: bool = False) -> LifecycleModel:
    """The lifecycle model of ``product``; raises ModelValidationError naming bad parts.

    With ``allow_gaps``, a material, process or consumable that has no dataset
    is left out and recorded in :attr:`LifecycleModel.gaps` (a cut-off the
    results state, with the mass it concerns) instead of being an error.

    The lines come in this order: for each node of the BOM (depth first) its
    manufacturing, raw materials, end of life and credits; then the product's
    factory electricity, distribution and use (energy, consumables,
    replacements).
    """
    with gc_paused():
        return _build(product, inventory or default_inventory(), allow_gaps)


def _build(product: Product, inventory: Inventory, allow_gaps: bool) -> LifecycleModel:
    builder = _ModelBuilder(product, inventory, allow_gaps)
    for node, count, depth, parent in walk(product.bom):
        builder.model.tree[node.id] = (node.name, parent.id if parent is not None else "",
                                       depth)
        if node.name_zh:
            builder.model.names_zh[node.id] = node.name_zh
        builder.add(builder.node_lines(node, count))
    builder.add(builder.product_lines())
    return builder.finish()


@contextlib.contextmanager
def gc_paused():
    """Hold Python's cyclic garbage collector while a model is built.

    A model of 10,000 parts makes some 200,000 small objects (lines, tuples, floats), none
    in a reference cycle; every 700 of them the collector would run, and its older
    generations walk every object alive, the BOM and the lines made so far included. That
    made building grow faster than the BOM (``bench/lca.py``: 5,000 -> 10,000 parts).
    Reference counting still frees everything at once; the collector runs again after."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass(frozen=True)
class _Fate:
    """What happens to a part's material at end of life: shares of mass and recycling yield."""

    family: str
    recycling: float
    energy_recovery: float
    landfill: float
    recycling_yield: float


class _ModelBuilder:
    """Builds one :class:`LifecycleModel`: one method per life cycle stage.

    Holds the model being built, the inventory it is built against, the
    product's scenario, and the references that do not resolve (gaps with
    ``allow_gaps``, problems otherwise). Each stage method returns its lines;
    :meth:`finish` checks every dataset and raises on the problems.
    """

    def __init__(self, product: Product, inventory: Inventory, allow_gaps: bool, *,
                 product_mass_kg: float | None = None,
                 find: Callable[[str], Part | Assembly] | None = None,
                 node_mass: Callable[[Part | Assembly], float] | None = None) -> None:
        """``product_mass_kg``, ``find`` and ``node_mass`` stand in for ``product.mass_kg``,
        ``product.find`` and the mass of a node where the caller knows them already (the
        live model keeps them as it edits; see :mod:`greendesign.lca.live`)."""
        self.product = product
        self.inv = inventory
        self.scen = product.scenario
        self.allow_gaps = allow_gaps
        self.region = production_region(product.manufacturer_region)
        self.find = find or product.find
        self.node_mass = node_mass or _node_mass
        self.model = LifecycleModel(
            product.name, product.functional_unit, product.service_life_years,
            self.scen.end_of_life.region,
            product_mass_kg=product.mass_kg if product_mass_kg is None else product_mass_kg)
        self.problems: list[Problem] = []
        self._seen_gaps: set[tuple[str, str, str]] = set()

    def node_lines(self, node: Part | Assembly, count: float) -> list[Line]:
        """The lines of one node of the BOM: its manufacturing, and for a part its raw
        materials, end of life and credits (``count`` units per product)."""
        lines = self.manufacturing(node, count)
        if isinstance(node, Part):
            lines += self.raw_materials(node, count)
            lines += self.end_of_life_and_credits(node, count)
        return lines

    def product_lines(self) -> list[Line]:
        """The lines of the product as a whole: factory electricity, distribution, use."""
        return self.factory_electricity() + self.distribution() + self.use()

    def add(self, lines: list[Line]) -> None:
        self.model.lines += lines

    # --- raw materials (A1-A2) ---------------------------------------------------------------

    def raw_materials(self, part: Part, count: float, stage: str = "raw_materials",
                      kind_prefix: str = "") -> list[Line]:
        """Material x mass x (1 + scrap rate) x count, split into primary and recycled
        content, and the inbound transport legs on that input mass."""
        inv = self.inv
        if not self._available(part.material, "kg", part, "material", count):
            return []
        mass_in = part.mass_kg * (1.0 + part.scrap_rate) * count
        out = []
        recycled = part.recycled_content
        family = inv.families.get(part.material, "other")
        recycling = f"recycling_{family}"
        if recycled > 0 and recycling not in inv.units:
            self.model.warnings.append(Problem(
                _("{part!r}: no recycling dataset for family {family!r}; its recycled content "
                  "is counted as primary material").format(part=part.display_name,
                                                           family=family),
                part_id=part.id, field="recycled_content"))
            recycled = 0.0
        if recycled < 1.0:
            out.append(Line(stage, regional_dataset(part.material, self.region, inv.units),
                            mass_in * (1.0 - recycled), part.id,
                            part.material, kind_prefix + "material"))
        if recycled > 0.0:
            out.append(Line(stage, regional_dataset(recycling, self.region, inv.units),
                            mass_in * recycled, part.id, part.material,
                            kind_prefix + "recycled_content"))
        for leg in part.transport_legs:
            out.append(Line(stage, leg.mode.value, mass_in / 1000.0 * leg.distance_km, part.id,
                            part.material, kind_prefix + "transport"))
        return out

    # --- manufacturing (A3) ------------------------------------------------------------------

    def manufacturing(self, node: Part | Assembly, count: float, stage: str = "manufacturing",
                      kind: str = "process") -> list[Line]:
        """Each process of a part or assembly (no amount: the node's mass in kg) x count,
        with the factory electricity its dataset states, on the production grid."""
        prod = self.scen.production
        out = []
        for use in node.processes:
            if not self._available(use.dataset, None, node, "process"):
                continue
            amount = (use.amount if use.amount is not None else self.node_mass(node)) * count
            out.append(Line(stage, use.dataset, amount, node.id, kind=kind))
            kwh = self.inv.factory_kwh.get(use.dataset, 0.0) * amount
            out += electricity_lines(stage, kwh, prod.grid, prod.green_power_share,
                                     prod.green_power_source.value, node.id,
                                     grid_code=self._grid(prod.grid))
        return out

    def factory_electricity(self) -> list[Line]:
        """The product's own factory electricity, on the production grid."""
        prod = self.scen.production
        return electricity_lines("manufacturing", prod.factory_electricity_kwh, prod.grid,
                                 prod.green_power_share, prod.green_power_source.value,
                                 grid_code=self._grid(prod.grid))

    def _grid(self, grid: str) -> str:
        """The dataset code of ``grid`` under the scenario's electricity accounting."""
        return grid_dataset(grid, self.scen.electricity_accounting, self.inv.units)

    # --- distribution (A4) -------------------------------------------------------------------

    def distribution(self) -> list[Line]:
        """Product mass (t) x distance (km) of each distribution leg on the mode's dataset."""
        mass_t = self.model.product_mass_kg / 1000.0
        return [Line("distribution", leg.mode.value, mass_t * leg.distance_km, kind="transport")
                for leg in self.scen.distribution]

    # --- use (B) -----------------------------------------------------------------------------

    def use(self) -> list[Line]:
        """Electricity per year x years on the use grid, consumables per year x years, and
        the replacement parts with their materials, processes and end of life."""
        use = self.scen.use
        years = use.years if use.years is not None else self.product.service_life_years
        out = electricity_lines("use", use.annual_energy_kwh() * years, use.grid, kind="energy",
                                grid_code=self._grid(use.grid))
        for item in use.consumables:
            if item.material not in self.inv.units and self.allow_gaps:
                self.model.gaps.append(Gap("", item.name, "consumable", item.material, 0.0))
                continue
            if item.material not in self.inv.units:
                self.problems.append(Problem(
                    _("consumable {name!r}: material {code!r} is not in the local "
                      "inventory").format(name=item.name, code=item.material),
                    field="consumables",
                    hint=_("Pick a material from the inventory browser.")))
                continue
            out.append(Line("use", item.material, item.amount_per_year * years,
                            material=item.material, kind="consumable"))
        for rep in use.replacements:
            node = self.find(rep.part_id)
            parts = [(node, 1.0)] if isinstance(node, Part) else list(_parts_of(node))
            for part, n in parts:
                out += self.raw_materials(part, rep.count * n, "use", "replacement_")
                out += self.manufacturing(part, rep.count * n, "use", "replacement_process")
                out += self.end_of_life_and_credits(part, rep.count * n)
            if isinstance(node, Assembly):
                out += self.manufacturing(node, rep.count, "use", "replacement_process")
        return out

    # --- end of life (C) and credits beyond the system boundary (D) ------------------------

    def end_of_life_and_credits(self, part: Part, count: float) -> list[Line]:
        """:meth:`end_of_life` of ``count`` units of ``part``, then their :meth:`credits`."""
        fate = self._fate(part)
        return self.end_of_life(part, count, fate) + self.credits(part, count, fate)

    def end_of_life(self, part: Part, count: float, fate: _Fate) -> list[Line]:
        """Transport to treatment, WEEE pre-treatment of electronics and batteries, landfill,
        and incineration with energy recovery with the CO2 of the material's carbon.

        Recycling and reuse carry no burden (cut-off)."""
        inv, eol = self.inv, self.scen.end_of_life
        stage = "end_of_life"
        mass = part.mass_kg * count
        out = []
        if eol.transport_km > 0:
            out.append(Line(stage, EOL_TRUCK, mass / 1000.0 * eol.transport_km, part.id,
                            part.material, "transport"))
        if fate.family in ("electronics", "battery") and "weee_pretreatment" in inv.units:
            out.append(Line(stage, "weee_pretreatment", mass, part.id, part.material,
                            "pretreatment"))
        if fate.landfill > 0:
            out.append(Line(stage, "landfill", mass * fate.landfill, part.id, part.material,
                            "landfill"))
        if fate.energy_recovery > 0:
            out.append(Line(stage, "incineration_energy_recovery", mass * fate.energy_recovery,
                            part.id, part.material, "energy_recovery"))
            burnt = mass * fate.energy_recovery
            fossil, biogenic = inv.carbon.get(part.material, (0.0, 0.0))
            for fraction, code in ((fossil, FOSSIL_CO2), (biogenic, BIOGENIC_CO2)):
                if fraction and code in inv.units:
                    out.append(Line(stage, code, burnt * fraction * CO2_PER_C, part.id,
                                    part.material, "energy_recovery"))
        return out

    def credits(self, part: Part, count: float, fate: _Fate) -> list[Line]:
        """EN 15804 module D: ``credit_energy_recovery`` per kg incinerated, and the net
        scrap (recycled output x yield - recycled-content input) x (avoided primary
        material - recycling process)."""
        inv = self.inv
        mass = part.mass_kg * count
        out = []
        if fate.energy_recovery > 0 and "credit_energy_recovery" in inv.units:
            out.append(Line(CREDIT, "credit_energy_recovery", -mass * fate.energy_recovery,
                            part.id, part.material, "credit"))
        recycled_in = part.mass_kg * (1.0 + part.scrap_rate) * count * part.recycled_content
        net_scrap = mass * fate.recycling * fate.recycling_yield - recycled_in
        credit, recycling = f"credit_{fate.family}", f"recycling_{fate.family}"
        if net_scrap and credit in inv.units and recycling in inv.units:
            out.append(Line(CREDIT, credit, -net_scrap, part.id, part.material, "credit"))
            out.append(Line(CREDIT, recycling, net_scrap, part.id, part.material, "credit"))
        return out

    def _fate(self, part: Part) -> _Fate:
        """The part's own end-of-life shares, or the region's scenario for its family
        (global when the region has none; landfill, with a warning, when neither has)."""
        inv, region = self.inv, self.scen.end_of_life.region
        family = inv.families.get(part.material, "other")
        if part.eol_override is not None:
            self.model.eol_fixed.add(part.id)
            mix = part.eol_override
            row = inv.eol.get((region, family))
            return _Fate(family, mix.recycling, mix.energy_recovery, mix.landfill,
                         row.recycling_yield if row is not None else 1.0)
        row = inv.eol.get((region, family)) or inv.eol.get(("GLO", family))
        if row is None:
            self.model.warnings.append(Problem(
                _("{part!r}: no end-of-life scenario for family {family!r} in region {region}; "
                  "landfill assumed").format(part=part.display_name, family=family,
                                             region=region), part_id=part.id))
            return _Fate(family, 0.0, 0.0, 1.0, 1.0)
        self.model.eol_mix[part.material] = (family, (row.recycling, row.energy_recovery,
                                                      row.landfill))
        return _Fate(family, row.recycling, row.energy_recovery, row.landfill,
                     row.recycling_yield)

    # --- references that do not resolve -----------------------------------------------------

    def _available(self, code: str, unit: str | None, node: Part | Assembly, what: str,
                   count: float = 1.0) -> bool:
        """Whether the inventory has ``code`` (per ``unit``, when given); records a gap
        (``allow_gaps``) or a problem when it has not."""
        have = self.inv.units.get(code)
        if have is None and self.allow_gaps:
            if (node.id, what, code) not in self._seen_gaps:
                self._seen_gaps.add((node.id, what, code))
                mass = node.mass_kg * count if (
                    what == "material" and isinstance(node, Part)) else 0.0
                self.model.gaps.append(Gap(node.id, node.name, what, code, mass,
                                           node.name_zh))
            return False
        if have is None:
            self.problems.append(Problem(
                _("{what} {code!r} of {part!r} is not in the local inventory").format(
                    what=field_name(what), code=code, part=node.display_name),
                location=node.id, part_id=node.id, field=what,
                hint=missing_hint(code) or _("Pick a dataset from the inventory browser "
                                             "(materials and processes can be searched in "
                                             "English and Chinese).")))
            return False
        if unit is not None and have != unit:
            self.problems.append(Problem(
                _("{what} {code!r} of {part!r} is measured per {have}, not per {unit}").format(
                    what=field_name(what), code=code, part=node.display_name, have=have,
                    unit=unit),
                location=node.id, part_id=node.id, field=what,
                hint=_("Use a dataset measured per {unit} for a part entered by mass.").format(
                    unit=unit)))
            return False
        return True

    def finish(self) -> LifecycleModel:
        """The model, once every dataset its lines use is known to the inventory."""
        self.check_datasets(self.model.lines)
        self.raise_problems()
        return self.model

    def check_datasets(self, lines: list[Line]) -> None:
        """Record a problem for each dataset of ``lines`` the inventory does not know."""
        for code in {line.dataset for line in lines} - self.inv.units.keys():
            self.problems.append(Problem(_("dataset {code!r} is not in the local "
                                           "inventory").format(code=code),
                                         hint=_("Choose another grid, transport mode or "
                                                "treatment.")))

    def raise_problems(self, problems: list[Problem] | None = None) -> None:
        """Raise ModelValidationError naming ``problems`` (default: this build's), if any."""
        problems = self.problems if problems is None else problems
        if problems:
            raise ModelValidationError(
                _("{product!r} cannot be assessed: {count} reference(s) to the inventory do "
                  "not resolve.").format(product=self.product.display_name,
                                         count=len(problems)), problems=problems)


def _node_mass(node: Part | Assembly) -> float:
    if isinstance(node, Part):
        return node.mass_kg
    return sum(p.mass_kg * n for p, n in _parts_of(node))


def _parts_of(assembly: Assembly):
    for node, count, _depth, _parent in walk(assembly.children):
        if isinstance(node, Part):
            yield node, count
