"""Small user databases written by the tests: EcoSpold 2 files and a Brightway Excel workbook.

The numbers are chosen so results can be worked out by hand:

* ``widget production`` (1 kg widget) emits 2 kg fossil CO2 and takes 0.5 kg of
  ``sheet production``;
* ``sheet production`` (1 kg sheet) emits 1 kg fossil CO2 and 0.01 kg methane;
* ``widget production`` also lists an elementary flow whose UUID is not in
  biosphere3 and an input with no provider in the folder: both must be reported.

IPCC 2021 GWP100 of 1 kg widget = 2 + 0.5 x (1 + 0.01 x CH4 factor).
"""

from __future__ import annotations

import uuid
from pathlib import Path

CO2_FOSSIL_AIR = "349b29d1-3e58-4c66-98b9-9d1a076efd2e"
METHANE_FOSSIL_AIR = "0795345f-c7ae-410c-ad25-1845784c75f5"
UNKNOWN_FLOW = "00000000-0000-4000-8000-00000000beef"

_NS = "http://www.EcoInvent.org/EcoSpold02"


def _intermediate(product_id: str, name: str, amount: float, output: bool,
                  link: str = "") -> str:
    group = "<outputGroup>0</outputGroup>" if output else "<inputGroup>5</inputGroup>"
    link_attr = f' activityLinkId="{link}"' if link else ""
    return (f'<intermediateExchange id="{uuid.uuid4()}" unitId="{uuid.uuid4()}" '
            f'amount="{amount}" intermediateExchangeId="{product_id}"{link_attr}>'
            f'<name xml:lang="en">{name}</name><unitName xml:lang="en">kg</unitName>'
            f'{group}</intermediateExchange>')


def _elementary(flow_id: str, name: str, amount: float) -> str:
    return (f'<elementaryExchange id="{uuid.uuid4()}" unitId="{uuid.uuid4()}" '
            f'amount="{amount}" elementaryExchangeId="{flow_id}">'
            f'<name xml:lang="en">{name}</name><unitName xml:lang="en">kg</unitName>'
            f'<compartment subcompartmentId="{uuid.uuid4()}">'
            f'<compartment xml:lang="en">air</compartment>'
            f'<subcompartment xml:lang="en">unspecified</subcompartment></compartment>'
            f'<outputGroup>4</outputGroup></elementaryExchange>')


def _dataset(activity_id: str, name: str, location: str, exchanges: list[str]) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<ecoSpold xmlns="{_NS}">'
            f'<activityDataset><activityDescription>'
            f'<activity id="{activity_id}" activityNameId="{uuid.uuid4()}" type="1" '
            f'specialActivityType="0"><activityName xml:lang="en">{name}</activityName>'
            f'</activity>'
            f'<geography geographyId="{uuid.uuid4()}"><shortname xml:lang="en">{location}'
            f'</shortname></geography>'
            f'<technology technologyLevel="3"/>'
            f'<timePeriod startDate="2020-01-01" endDate="2022-12-31" '
            f'isDataValidForEntirePeriod="true"/>'
            f'</activityDescription><flowData>{"".join(exchanges)}</flowData>'
            f'<modellingAndValidation><representativeness systemModelId="{uuid.uuid4()}">'
            f'<systemModelName xml:lang="en">Allocation, cut-off by classification'
            f'</systemModelName></representativeness></modellingAndValidation>'
            f'<administrativeInformation><dataEntryBy personId="{uuid.uuid4()}" '
            f'personName="Test"/><dataGeneratorAndPublication personId="{uuid.uuid4()}" '
            f'personName="Test" dataPublishedIn="0" isCopyrightProtected="false"/>'
            f'</administrativeInformation>'
            f'</activityDataset></ecoSpold>\n')


def write_ecospold2(folder: Path) -> Path:
    """Two linked datasets plus an unlinkable flow and a dangling input."""
    folder.mkdir(parents=True, exist_ok=True)
    sheet_act, sheet_prod = str(uuid.uuid4()), str(uuid.uuid4())
    widget_act, widget_prod = str(uuid.uuid4()), str(uuid.uuid4())
    missing_act, missing_prod = str(uuid.uuid4()), str(uuid.uuid4())
    sheet = _dataset(sheet_act, "sheet production", "CN", [
        _intermediate(sheet_prod, "sheet", 1.0, True),
        _elementary(CO2_FOSSIL_AIR, "Carbon dioxide, fossil", 1.0),
        _elementary(METHANE_FOSSIL_AIR, "Methane, fossil", 0.01),
    ])
    widget = _dataset(widget_act, "widget production", "GLO", [
        _intermediate(widget_prod, "widget", 1.0, True),
        _intermediate(sheet_prod, "sheet", 0.5, False, link=sheet_act),
        _intermediate(missing_prod, "unobtainium", 0.1, False, link=missing_act),
        _elementary(CO2_FOSSIL_AIR, "Carbon dioxide, fossil", 2.0),
        _elementary(UNKNOWN_FLOW, "Imaginary gas", 3.0),
    ])
    (folder / f"{sheet_act}_{sheet_prod}.spold").write_text(sheet, "utf-8")
    (folder / f"{widget_act}_{widget_prod}.spold").write_text(widget, "utf-8")
    return folder


def write_excel(path: Path, database: str = "supplier-data", activity: str = "moulded bracket",
                code: str = "bracket-1") -> Path:
    """A Brightway Excel LCI workbook: a bracket made of bundled PP, with its own CO2.

    ``moulded bracket`` (1 kg) = 1.05 kg of the bundled ``pp`` dataset
    plus 0.3 kg fossil CO2, and a flow named ``Imaginary gas`` that must be reported.
    """
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    rows = [
        ["Database", database],
        ["format", "Excel spreadsheet"],
        [],
        ["Activity", activity],
        ["reference product", activity],
        ["location", "CN"],
        ["unit", "kilogram"],
        ["code", code],
        ["Exchanges"],
        ["name", "amount", "unit", "type", "categories", "location", "database",
         "reference product"],
        [activity, 1.0, "kilogram", "production", "", "CN", "", activity],
        ["pp", 1.05, "kilogram", "technosphere", "", "", "greendesign-lci", ""],
        ["Carbon dioxide, fossil", 0.3, "kilogram", "biosphere", "air", "", "", ""],
        ["Imaginary gas", 1.0, "kilogram", "biosphere", "air", "", "", ""],
    ]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


_ES1_NS = "http://www.EcoInvent.org/EcoSpold01"


def _es1_exchange(number: int, name: str, amount: float, group: str, category: str = "c",
                  sub: str = "s", location: str = "CN", extra: str = "") -> str:
    return (f'<exchange number="{number}" name="{name}" category="{category}" '
            f'subCategory="{sub}" location="{location}" unit="kg" meanValue="{amount}" '
            f'uncertaintyType="0" {extra}>{group}</exchange>')


def _es1_dataset(number: int, name: str, location: str, exchanges: list[str]) -> str:
    return (f'<dataset number="{number}"><metaInformation><processInformation>'
            f'<referenceFunction name="{name}" unit="kg" category="c" subCategory="s"/>'
            f'<geography location="{location}"/></processInformation>'
            f'<administrativeInformation><person number="1" name="An author whose name is '
            f'much longer than the forty characters the schema allows"/>'
            f'</administrativeInformation></metaInformation>'
            f'<flowData>{"".join(exchanges)}</flowData></dataset>')


def write_ecospold1(path: Path) -> Path:
    """EcoSpold 1 datasets that break the schema as real releases do.

    * ``frame`` (1 kg) takes 0.4 kg ``tube`` and emits 2 kg fossil CO2; its CAS
      number ``n.a.`` and the author's over-long name break the schema;
    * ``tube`` (1 kg) emits 0.5 kg fossil CO2;
    * two datasets ``bolt`` alike in name, unit and location: ``frame``'s input of
      0.01 kg ``bolt`` cannot be linked to either and must be reported as ambiguous.
    """
    inp = "<inputGroup>5</inputGroup>"
    ref = "<outputGroup>0</outputGroup>"
    air = '<outputGroup>4</outputGroup>'
    co2 = {"category": "air", "sub": "unspecified", "location": ""}
    datasets = [
        _es1_dataset(1, "frame", "CN", [
            _es1_exchange(1, "frame", 1, ref),
            _es1_exchange(2, "tube", 0.4, inp),
            _es1_exchange(3, "bolt", 0.01, inp),
            _es1_exchange(4, "Carbon dioxide, fossil", 2.0, air, extra='CASNumber="n.a."', **co2),
        ]),
        _es1_dataset(2, "tube", "CN", [
            _es1_exchange(1, "tube", 1, ref),
            _es1_exchange(2, "Carbon dioxide, fossil", 0.5, air, **co2),
        ]),
        _es1_dataset(3, "bolt", "CN", [_es1_exchange(1, "bolt", 1, ref)]),
        _es1_dataset(4, "bolt", "CN", [_es1_exchange(1, "bolt", 1, ref)]),
    ]
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<ecoSpold xmlns="{_ES1_NS}">'
                    + "".join(datasets) + "</ecoSpold>\n", "utf-8")
    return path
