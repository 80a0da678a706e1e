"""A small EcoSpold 2 release written the way openLCA exports one (USLCI's layout).

What makes it openLCA's: ``fileGenerator="openLCA"``; the reference product is
the output of group 0 and by-products come in group 2, unallocated; inputs name
their product flow but no provider (no ``activityLinkId``); elementary
exchanges carry openLCA flow UUIDs and no compartment.

``Widget, at plant`` (1 kg, RNA) with by-products ``Offcut, at plant`` 0.25 kg
(a co-product: mass allocation, widget share 1/1.25 = 0.8), ``Recovered
energy`` 2 MJ (no mass: cut off) and ``Sludge`` 0.1 kg (a waste: cut off).
Inputs: 3 kWh of ``Electricity, at grid`` and 1 kg of a ``CUTOFF`` flow (no
provider). Releases:

* 2 kg ``Carbon dioxide, fossil`` under the flow id USLCI gives it for
  air/low population density (in ``lca_data/linking/flow_ids.csv``);
* 0.001 kg ``Nitrous oxide`` under an id in no table, made as openLCA makes
  them (name-based UUID of ``air/unspecified/nitrous oxide/kg``);
* 0.01 kg ``Methane`` under an unknown id: the synonym gives ``Methane,
  fossil``, which biosphere3 has in air only, so it links by its direction;
* 0.05 kg ``Ammonia`` under an unknown id: biosphere3 has it in air and soil,
  so it stays unlinked, with that reason.

``Electricity, at grid`` (1 kWh) releases 0.5 kg fossil CO2.

IPCC 2021 GWP100 of 1 kg widget =
0.8 x (2 + 0.001 x N2O + 0.01 x CH4 fossil + 3 x 0.5); of 1 kg offcut the
same bracket x 0.2 / 0.25.

Also written: a dataset with empty flow data, one with no product output, and
a truncated file; each is listed and left out.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

CO2_FOSSIL_LOW_POP = "4797e12b-dafd-3be2-825f-918814c969a8"
_NS = "http://www.EcoInvent.org/EcoSpold02"


def java_name_uuid(text: str) -> str:
    """openLCA's ``KeyGen``: Java's ``UUID.nameUUIDFromBytes`` of the text."""
    digest = bytearray(hashlib.md5(text.encode()).digest())  # noqa: S324 - an id
    digest[6] = (digest[6] & 0x0F) | 0x30
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


N2O_AIR = java_name_uuid("air/unspecified/nitrous oxide/kg")


def _product(flow: str, name: str, amount: float, unit: str, group: str) -> str:
    tag = "outputGroup" if group in ("0", "2") else "inputGroup"
    return (f'<intermediateExchange id="{uuid.uuid4()}" unitId="{uuid.uuid4()}" '
            f'amount="{amount}" intermediateExchangeId="{flow}"><name xml:lang="en">{name}'
            f'</name><unitName xml:lang="en">{unit}</unitName><{tag}>{group}</{tag}>'
            f'</intermediateExchange>')


def _release(flow: str, name: str, amount: float) -> str:
    return (f'<elementaryExchange id="{uuid.uuid4()}" unitId="{uuid.uuid4()}" '
            f'amount="{amount}" elementaryExchangeId="{flow}"><name xml:lang="en">{name}'
            f'</name><unitName xml:lang="en">kg</unitName><outputGroup>4</outputGroup>'
            f'</elementaryExchange>')


def _dataset(activity: str, name: str, exchanges: list[str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\r\n<ecoSpold xmlns="{_NS}">'
            f'<activityDataset><activityDescription><activity id="{activity}" '
            f'activityNameId="{uuid.uuid4()}" type="1" specialActivityType="0">'
            f'<activityName xml:lang="en">{name}</activityName></activity>'
            f'<geography geographyId="{uuid.uuid4()}"><shortname xml:lang="en">RNA'
            f'</shortname></geography><technology technologyLevel="0"/>'
            f'<timePeriod startDate="2009-12-31" '
            f'endDate="2009-12-31" isDataValidForEntirePeriod="true"/>'
            f'</activityDescription><flowData>{"".join(exchanges)}</flowData>'
            f'<modellingAndValidation><representativeness systemModelId="{uuid.uuid4()}">'
            f'<systemModelName xml:lang="en">Allocation, ecoinvent default</systemModelName>'
            f'</representativeness></modellingAndValidation>'
            f'<administrativeInformation><dataEntryBy personId="{uuid.uuid4()}" '
            f'personName="Test"/><dataGeneratorAndPublication personId="{uuid.uuid4()}" '
            f'personName="Test" isCopyrightProtected="false"/><fileAttributes majorRelease="0" minorRelease="1" '
            f'majorRevision="0" minorRevision="0" defaultLanguage="en" '
            f'creationTimestamp="2012-07-16T00:22:53" fileGenerator="openLCA" '
            f'fileTimestamp="2018-10-05T18:42:35"/></administrativeInformation>'
            f'</activityDataset></ecoSpold>\n')


def write_openlca_ecospold2(folder: Path) -> dict[str, Path]:
    """Write the release (module docstring); returns the files by role."""
    folder.mkdir(parents=True, exist_ok=True)
    grid_flow, widget_flow = str(uuid.uuid4()), str(uuid.uuid4())
    files = {}
    grid = _dataset(str(uuid.uuid4()), "Electricity, at grid", [
        _product(grid_flow, "Electricity, at grid", 1.0, "kWh", "0"),
        _release(CO2_FOSSIL_LOW_POP, "Carbon dioxide, fossil", 0.5)])
    widget = _dataset(str(uuid.uuid4()), "Widget, at plant", [
        _product(widget_flow, "Widget, at plant", 1.0, "kg", "0"),
        _product(str(uuid.uuid4()), "Offcut, at plant", 0.25, "kg", "2"),
        _product(str(uuid.uuid4()), "Recovered energy", 2.0, "MJ", "2"),
        _product(str(uuid.uuid4()), "Sludge", 0.1, "kg", "2"),
        _product(grid_flow, "Electricity, at grid", 3.0, "kWh", "5"),
        _product(str(uuid.uuid4()), "CUTOFF Packaging, at plant", 1.0, "kg", "5"),
        _release(CO2_FOSSIL_LOW_POP, "Carbon dioxide, fossil", 2.0),
        _release(N2O_AIR, "Nitrous oxide", 0.001),
        _release(str(uuid.uuid4()), "Methane", 0.01),
        _release(str(uuid.uuid4()), "Ammonia", 0.05)])
    empty = _dataset(str(uuid.uuid4()), "Empty export", [])
    no_product = _dataset(str(uuid.uuid4()), "Soda ash, at plant", [
        _release(CO2_FOSSIL_LOW_POP, "Carbon dioxide, fossil", 1.0)])
    for role, text in (("grid", grid), ("widget", widget), ("empty", empty),
                       ("no_product", no_product)):
        files[role] = folder / f"{uuid.uuid4()}.spold"
        files[role].write_text(text, "utf-8")
    files["truncated"] = folder / f"{uuid.uuid4()}.spold"
    files["truncated"].write_text(widget[: len(widget) // 2], "utf-8")
    return files
