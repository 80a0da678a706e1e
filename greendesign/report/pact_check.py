"""The field list of the PACT ``ProductFootprint`` and the check of a footprint against it.

*Technical Specifications for PCF Data Exchange*, version 2.3.3 (PACT / WBCSD, 11 December
2025; https://wbcsd.github.io/data-exchange-protocol/v2/), section 4 "Data Model": the
properties of ``ProductFootprint``, ``CarbonFootprint`` and ``DataQualityIndicators`` with
their types and obligations (M mandatory, O optional, O* mandatory for reference periods that
include the start of 2025 or later). ``Decimal`` values are JSON strings of dotted-decimal
numbers, ``Percent`` values JSON numbers. :func:`pact_problems` lists what keeps a footprint
from conforming; :mod:`greendesign.report.pact` fills the footprint.
"""

from __future__ import annotations

import math
import re
from typing import Any

# (type, obligation): M mandatory, O optional, O* mandatory for reference periods from 2025
PRODUCT_FOOTPRINT_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("uuid", "M"), "specVersion": ("version", "M"), "precedingPfIds": ("uuids", "O"),
    "version": ("int", "M"), "created": ("datetime", "M"), "updated": ("datetime", "O"),
    "status": ("status", "M"), "statusComment": ("string", "O"),
    "validityPeriodStart": ("datetime", "O"), "validityPeriodEnd": ("datetime", "O"),
    "companyName": ("nonempty", "M"), "companyIds": ("urns", "M"),
    "productDescription": ("string", "M"), "productIds": ("urns", "M"),
    "productClassifications": ("urns", "O"), "productCategoryCpc": ("nonempty", "M"),
    "productNameCompany": ("nonempty", "M"), "comment": ("string", "M"),
    "pcf": ("object", "M"), "extensions": ("array", "O"),
}
CARBON_FOOTPRINT_FIELDS: dict[str, tuple[str, str]] = {
    "declaredUnit": ("declared_unit", "M"), "unitaryProductAmount": ("decimal>0", "M"),
    "productMassPerDeclaredUnit": ("decimal", "O"),
    "pCfExcludingBiogenic": ("decimal>=0", "M"), "pCfIncludingBiogenic": ("decimal", "O*"),
    "fossilGhgEmissions": ("decimal>=0", "M"), "fossilCarbonContent": ("decimal>=0", "M"),
    "biogenicCarbonContent": ("decimal>=0", "M"), "dLucGhgEmissions": ("decimal>=0", "O*"),
    "landManagementGhgEmissions": ("decimal", "O*"),
    "otherBiogenicGhgEmissions": ("decimal>=0", "O*"), "iLucGhgEmissions": ("decimal>=0", "O"),
    "biogenicCarbonWithdrawal": ("decimal<=0", "O*"), "aircraftGhgEmissions": ("decimal>=0", "O"),
    "characterizationFactors": ("ar", "M"), "ipccCharacterizationFactorsSources": ("ars", "M"),
    "crossSectoralStandardsUsed": ("standards_used", "M"),
    "crossSectoralStandards": ("standards", "M"),
    "productOrSectorSpecificRules": ("rules", "O"),
    "biogenicAccountingMethodology": ("biogenic_method", "O*"),
    "boundaryProcessesDescription": ("string", "M"),
    "referencePeriodStart": ("datetime", "M"), "referencePeriodEnd": ("datetime", "M"),
    "geographyCountrySubdivision": ("subdivision", "O"), "geographyCountry": ("country", "O"),
    "geographyRegionOrSubregion": ("string", "O"),
    "secondaryEmissionFactorSources": ("sources", "O"),
    "exemptedEmissionsPercent": ("percent<=5", "M"),
    "exemptedEmissionsDescription": ("string", "M"),
    "packagingEmissionsIncluded": ("bool", "M"), "packagingGhgEmissions": ("decimal>=0", "O"),
    "allocationRulesDescription": ("string", "O"),
    "uncertaintyAssessmentDescription": ("string", "O"),
    "primaryDataShare": ("percent", "O*"), "dqi": ("dqi", "O*"), "assurance": ("object", "O"),
}
DQI_FIELDS: dict[str, str] = {
    "coveragePercent": "percent", "technologicalDQR": "dqr", "temporalDQR": "dqr",
    "geographicalDQR": "dqr", "completenessDQR": "dqr", "reliabilityDQR": "dqr"}
DECLARED_UNITS = ("liter", "kilogram", "cubic meter", "kilowatt hour", "megajoule",
                  "ton kilometer", "square meter")
STANDARDS_USED = ("GHG Protocol Product standard", "ISO Standard 14067", "ISO Standard 14044")
STANDARDS = ("ISO14067", "ISO14083", "ISO14040-44", "GHGP Product", "PEF", "PAS2050")
RULE_OPERATORS = ("PEF", "EPD International", "Other")
BIOGENIC_METHODS = ("PEF", "ISO", "GHGP", "Quantis")

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
_DECIMAL = re.compile(r"^[+-]?\d+(\.\d+)?$")
_URN = re.compile(r"^[uU][rR][nN]:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


def _check(value: Any, kind: str) -> str | None:
    """Why ``value`` is not of PACT type ``kind`` (None when it is)."""
    if kind in ("string", "nonempty"):
        if not isinstance(value, str):
            return "must be a string"
        return "must not be empty" if kind == "nonempty" and not value else None
    if kind == "uuid":
        return None if isinstance(value, str) and _UUID.match(value) else "must be a UUID v4"
    if kind == "uuids":
        return _each(value, "uuid", minimum=1)
    if kind == "version":
        return None if isinstance(value, str) and re.fullmatch(r"\d+\.\d+\.\d+(-\d{8})?", value) \
            else "must be major.minor.patch"
    if kind == "int":
        return None if type(value) is int and 0 <= value < 2**31 else "must be an integer " \
            "in 0..2^31-1"
    if kind == "datetime":
        return None if isinstance(value, str) and _DATETIME.match(value) else \
            "must be an ISO 8601 date and time in UTC (...Z)"
    if kind == "status":
        return None if value in ("Active", "Deprecated") else "must be Active or Deprecated"
    if kind == "urns":
        return _each(value, "urn", minimum=1)
    if kind == "urn":
        return None if isinstance(value, str) and _URN.match(value) else "must be a URN"
    if kind in ("object", "dqi"):
        if not isinstance(value, dict):
            return "must be an object"
        return _dqi_problem(value) if kind == "dqi" else None
    if kind == "array":
        return None if isinstance(value, list) and value else "must be a non-empty array"
    if kind.startswith("decimal"):
        if not isinstance(value, str) or not _DECIMAL.match(value):
            return "must be a decimal number written as a JSON string"
        number = float(value)
        bound = kind[len("decimal"):]
        if bound == ">0" and not number > 0:
            return "must be greater than 0"
        if bound == ">=0" and (number < 0 or value.startswith("-")):
            return "must be 0 or more"
        if bound == "<=0" and number > 0:
            return "must be 0 or less"
        return None
    if kind.startswith("percent"):
        if isinstance(value, bool) or not isinstance(value, int | float) or \
                not math.isfinite(value):
            return "must be a JSON number"
        top = 5.0 if kind == "percent<=5" else 100.0
        return None if 0 <= value <= top else f"must be between 0 and {top:g}"
    if kind == "dqr":
        return None if isinstance(value, int | float) and not isinstance(value, bool) and \
            1 <= value <= 3 else "must be a number between 1 and 3"
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "declared_unit":
        return None if value in DECLARED_UNITS else f"must be one of {', '.join(DECLARED_UNITS)}"
    if kind == "ar":
        return None if value in ("AR5", "AR6") else "must be AR5 or AR6"
    if kind == "ars":
        return _each(value, "ar_pattern", minimum=1)
    if kind == "ar_pattern":
        return None if isinstance(value, str) and re.fullmatch(r"AR\d+", value) else \
            "must be AR<number>"
    if kind == "standards_used":
        return _each(value, "standard_used", minimum=1)
    if kind == "standard_used":
        return None if value in STANDARDS_USED else "is not a CrossSectoralStandard"
    if kind == "standards":
        return _each(value, "standard", minimum=1)
    if kind == "standard":
        return None if value in STANDARDS or (isinstance(value, str) and value.startswith(
            "PACT Methodology ")) else "is not a cross-sectoral standard of the spec"
    if kind == "rules":
        if not isinstance(value, list):
            return "must be an array"
        for rule in value:
            if not isinstance(rule, dict) or rule.get("operator") not in RULE_OPERATORS or \
                    _each(rule.get("ruleNames"), "nonempty", minimum=1):
                return "each rule needs an operator and non-empty ruleNames"
            if (rule["operator"] == "Other") != bool(rule.get("otherOperatorName")):
                return "otherOperatorName is given exactly when the operator is Other"
        return None
    if kind == "biogenic_method":
        return None if value in BIOGENIC_METHODS else f"must be one of {BIOGENIC_METHODS}"
    if kind == "country":
        return None if isinstance(value, str) and _COUNTRY.match(value) else \
            "must be an ISO 3166-1 alpha-2 code"
    if kind == "subdivision":
        return None if isinstance(value, str) and _SUBDIVISION.match(value) else \
            "must be an ISO 3166-2 code"
    if kind == "sources":
        if not isinstance(value, list) or not value:
            return "must be a non-empty array"
        for source in value:
            if not isinstance(source, dict) or _check(source.get("name"), "nonempty") or \
                    _check(source.get("version"), "nonempty"):
                return "each source needs a non-empty name and version"
        return None
    raise ValueError(f"unknown PACT type {kind!r}")


def _each(values: Any, kind: str, minimum: int = 0) -> str | None:
    if not isinstance(values, list) or len(values) < minimum:
        return "must be a non-empty array" if minimum else "must be an array"
    if len(set(map(str, values))) != len(values):
        return "must not repeat a value"
    for value in values:
        problem = _check(value, kind)
        if problem:
            return f"{value!r} {problem}"
    return None


def _dqi_problem(value: dict) -> str | None:
    for name, kind in DQI_FIELDS.items():
        if name not in value:
            return f"lacks {name}"
        problem = _check(value[name], kind)
        if problem:
            return f"{name} {problem}"
    return None


def pact_problems(footprint: dict[str, Any]) -> list[str]:
    """What keeps ``footprint`` from conforming to the field list of PACT 2.3.3 (types,
    mandatory fields, value ranges, the 2025 rule for ``O*`` fields, the geography rule);
    empty when it conforms."""
    problems = []
    for fields, data, where in ((PRODUCT_FOOTPRINT_FIELDS, footprint, ""),
                                (CARBON_FOOTPRINT_FIELDS, footprint.get("pcf") or {}, "pcf.")):
        if not isinstance(data, dict):
            problems.append(f"{where or 'footprint'} must be an object")
            continue
        # O*: mandatory when the reference period reaches into 2025 or later
        from_2025 = str((footprint.get("pcf") or {}).get("referencePeriodEnd", "")) > \
            "2025-01-01T00:00:00Z"
        for name, (kind, need) in fields.items():
            if name not in data:
                if need == "M" or (need == "O*" and from_2025):
                    problems.append(f"{where}{name} is missing")
                continue
            problem = _check(data[name], kind)
            if problem:
                problems.append(f"{where}{name} {problem}")
        unknown = sorted(set(data) - set(fields))
        problems += [f"{where}{name} is not a field of the spec" for name in unknown]
    pcf = footprint.get("pcf") or {}
    geography = [g for g in ("geographyCountrySubdivision", "geographyCountry",
                             "geographyRegionOrSubregion") if g in pcf]
    if len(geography) > 1:
        problems.append("pcf: at most one of the geography fields may be defined")
    if "packagingGhgEmissions" in pcf and pcf.get("packagingEmissionsIncluded") is False:
        problems.append("pcf.packagingGhgEmissions must not be defined when packaging "
                        "emissions are not included")
    start, end = pcf.get("referencePeriodStart"), pcf.get("referencePeriodEnd")
    if isinstance(start, str) and isinstance(end, str) and start >= end:
        problems.append("pcf.referencePeriodEnd must come after referencePeriodStart")
    return problems
