"""Fixed vocabularies of the product model."""

from __future__ import annotations

from enum import StrEnum


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
