"""The lifecycle scenario of a product: where and how it is made, shipped,
used and disposed of.

Grid and region fields hold location codes of the bundled inventory
(``CN`` for the China national average, ``CN-East`` for a regional grid,
ISO 3166 codes for other countries); the engine resolves them to datasets and
names any code it cannot find.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from greendesign.i18n import _
from greendesign.model.base import GDModel
from greendesign.model.part import DatasetRef, Fraction, NonNegative, PartId, Positive, TransportLeg
from greendesign.model.vocab import ElectricityAccounting, GreenPowerSource

HOURS_PER_YEAR = 8784.0  # a leap year: the most hours a mode can run in one year

Region = Annotated[str, Field(min_length=1, max_length=40)]


class ProductionScenario(GDModel):
    """Factory energy for making one product."""

    grid: Region = "CN"
    green_power_share: Fraction = 0.0
    green_power_source: GreenPowerSource = GreenPowerSource.PV
    factory_electricity_kwh: NonNegative = 0.0


class OperatingMode(GDModel):
    """One way the product draws power in use (on, standby, off ...)."""

    name: Annotated[str, Field(min_length=1)]
    power_w: NonNegative
    hours_per_year: Annotated[float, Field(ge=0.0, le=HOURS_PER_YEAR)]

    @property
    def energy_kwh_per_year(self) -> float:
        return self.power_w * self.hours_per_year / 1000.0


class Consumable(GDModel):
    """A material used up in service (filters, descaler, paper), per year."""

    name: Annotated[str, Field(min_length=1)]
    material: DatasetRef
    amount_per_year: Positive
    unit: str = "kg"


class Replacement(GDModel):
    """A part replaced during the service life (``count`` replacements in all)."""

    part_id: PartId
    count: Positive


class UsePhase(GDModel):
    """Energy and materials in use.

    Energy is either the sum of ``operating_modes`` (power x hours per year) or a
    measured ``energy_kwh_per_year``, never both. ``years`` defaults to the
    product's service life.
    """

    grid: Region = "CN"
    operating_modes: list[OperatingMode] = Field(default_factory=list)
    energy_kwh_per_year: NonNegative | None = None
    years: Positive | None = None
    consumables: list[Consumable] = Field(default_factory=list)
    replacements: list[Replacement] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_energy_source(self) -> UsePhase:
        if self.operating_modes and self.energy_kwh_per_year is not None:
            raise ValueError(_("give use energy either as operating modes (power x hours) or "
                               "as energy_kwh_per_year, not both"))
        return self

    def annual_energy_kwh(self) -> float:
        """Electricity per year of use, kWh."""
        if self.energy_kwh_per_year is not None:
            return self.energy_kwh_per_year
        return sum(mode.energy_kwh_per_year for mode in self.operating_modes)


class EndOfLifeScenario(GDModel):
    """Regional end-of-life scenario (per-material fates come from the inventory)."""

    region: Region = "CN"
    transport_km: NonNegative = 0.0


class LifecycleScenario(GDModel):
    """Production, distribution, use and end of life of one product."""

    production: ProductionScenario = Field(default_factory=ProductionScenario)
    distribution: list[TransportLeg] = Field(default_factory=list)
    use: UsePhase = Field(default_factory=UsePhase)
    end_of_life: EndOfLifeScenario = Field(default_factory=EndOfLifeScenario)
    #: how the electricity of production and use is counted (both stages alike)
    electricity_accounting: ElectricityAccounting = ElectricityAccounting.LIFE_CYCLE
