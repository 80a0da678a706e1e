"""The validated product model: product, BOM tree, lifecycle scenario, variants."""

from greendesign.model.part import (
    Assembly,
    EndOfLifeMix,
    Part,
    ProcessUse,
    Substance,
    TransportLeg,
    cas_is_valid,
    check_tree,
    iter_parts,
    walk,
)
from greendesign.model.product import BASELINE, Product, Project, ProjectSettings, Variant
from greendesign.model.scenario import (
    Consumable,
    EndOfLifeScenario,
    LifecycleScenario,
    OperatingMode,
    ProductionScenario,
    Replacement,
    UsePhase,
)
from greendesign.model.vocab import (
    ElectricityAccounting,
    GreenPowerSource,
    JointType,
    ProductCategory,
    TransportMode,
)

__all__ = [
    "BASELINE", "Assembly", "Consumable", "ElectricityAccounting", "EndOfLifeMix",
    "EndOfLifeScenario", "GreenPowerSource",
    "JointType", "LifecycleScenario", "OperatingMode", "Part", "ProcessUse", "Product",
    "ProductCategory", "ProductionScenario", "Project", "ProjectSettings", "Replacement",
    "Substance", "TransportLeg", "TransportMode", "UsePhase", "Variant", "cas_is_valid",
    "check_tree", "iter_parts", "walk",
]
