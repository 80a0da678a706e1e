"""Fixed vocabularies of the product model."""

from __future__ import annotations

from enum import StrEnum

from greendesign.i18n import N_, translate


class JointType(StrEnum):
    """How a part is joined to its parent assembly."""

    SCREW = "screw"
    BOLT = "bolt"
    SNAP_FIT = "snap-fit"
    CLIP = "clip"
    PRESS_FIT = "press-fit"
    ADHESIVE = "adhesive"
    WELD = "weld"
    SOLDER = "solder"
    RIVET = "rivet"
    SEWN = "sewn"
    NONE = "none"

    @property
    def reversible(self) -> bool:
        """Whether the joint can be undone without damaging the parts."""
        return self in _REVERSIBLE


_REVERSIBLE = {JointType.SCREW, JointType.BOLT, JointType.SNAP_FIT, JointType.CLIP,
               JointType.NONE}

#: Joint types as messages name them (the value itself in English).
JOINT_NAMES = {
    JointType.SCREW: N_("screw"), JointType.BOLT: N_("bolt"), JointType.SNAP_FIT: N_("snap-fit"),
    JointType.CLIP: N_("clip"), JointType.PRESS_FIT: N_("press-fit"),
    JointType.ADHESIVE: N_("adhesive"), JointType.WELD: N_("weld"),
    JointType.SOLDER: N_("solder"), JointType.RIVET: N_("rivet"), JointType.SEWN: N_("sewn"),
    JointType.NONE: N_("none"),
}


def joint_name(joint: JointType | str) -> str:
    """A joint type (``weld``) as a message names it, in the current language."""
    try:
        return translate(JOINT_NAMES[JointType(joint)])
    except ValueError:
        return str(joint)


class TransportMode(StrEnum):
    """Freight transport modes; each maps to a per tonne-kilometre dataset."""

    TRUCK_SMALL = "truck_3.5-7.5t"
    TRUCK_MEDIUM = "truck_7.5-16t"
    TRUCK_LARGE = "truck_16-32t"
    TRUCK_HEAVY = "truck_>32t"
    RAIL = "rail"
    BARGE = "barge"
    SHIP = "container_ship"
    AIR = "air"


class ProductCategory(StrEnum):
    """Product category; selects the green design index profile."""

    HOUSEHOLD_APPLIANCE = "household_appliance"
    FURNITURE = "furniture"
    ELECTRONICS = "electronics"
    OTHER = "other"


class GreenPowerSource(StrEnum):
    """Renewable electricity supplying the green-power share of a factory."""

    PV = "pv"
    WIND = "wind"
    HYDRO = "hydro"


class ElectricityAccounting(StrEnum):
    """How purchased electricity is counted.

    ``life_cycle``: the supply system's life cycle (fuel chains, generation, transmission
    and distribution losses) in every impact category, as GB/T 24067-2024 asks for a
    product carbon footprint. ``published_co2_factor``: the grid's published CO2 factor
    (for China the MEE/NBS announcement), CO2 only, as carbon-market style accounting
    uses it; grids without such a factor keep their life-cycle dataset.
    """

    LIFE_CYCLE = "life_cycle"
    PUBLISHED_CO2_FACTOR = "published_co2_factor"


#: prefix of the dataset code of a grid's published CO2 factor (``electricity_co2_CN-East``);
#: ``electricity_<grid>`` is the grid's life-cycle dataset
CO2_FACTOR_PREFIX = "electricity_co2_"


def electricity_grid(code: str) -> tuple[str, bool] | None:
    """``(location, published)`` of an electricity dataset code: ``electricity_CN-East`` ->
    ``("CN-East", False)``, ``electricity_co2_CN-East`` -> ``("CN-East", True)`` (the grid's
    published CO2 factor); None for any other code."""
    if code.startswith(CO2_FACTOR_PREFIX):
        return code.removeprefix(CO2_FACTOR_PREFIX), True
    if code.startswith("electricity_"):
        return code.removeprefix("electricity_"), False
    return None
