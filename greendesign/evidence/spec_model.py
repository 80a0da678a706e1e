"""A product-category specification profile: the conformity table of a 绿色设计产品评价技术规范.

The green design product specifications of the MIIT programme (and the eco-design product
specifications GB/T 32163.x) follow GB/T 32161-2015: *basic requirements* (基本要求) on the
producer (pollutant discharge within standards, quality and environmental management
systems, a product that meets its quality standard, no serious accident in the last three
years), then a table of *evaluation indicators* (评价指标要求) with the columns

====================  =====================================================================
一级指标 (group)       资源属性 resource, 能源属性 energy, 环境属性 environment, 产品属性 product
二级指标 (name)        the indicator, in English and Chinese
单位 (unit)            the unit of the value
基准值 (benchmark)     a number with a comparison (``>= 65 %``) or a text ("符合 GB 4706.1")
判定依据 (basis)       how conformity is shown (a calculation, a test report, a declaration)
所属阶段 (stage)       the life cycle stage the indicator belongs to
====================  =====================================================================

A profile adds how GreenDesign finds the product's value: ``metric`` names a value the app
computes (a metric of :data:`greendesign.scoring.metrics.METRICS`, or ``lca:<method>`` for an
LCA total), ``evidence`` the kind of document that shows it (a test report for noise, a
certificate for the energy label). Every benchmark carries its ``source``; one not taken from a
published specification is ``illustrative`` and the table says so.

The models here import nothing above :mod:`greendesign.model`: a project file embeds an
imported profile (:class:`~greendesign.evidence.record.EvidenceRecord`), and the product model
sits at the bottom of the core. The metric names are checked where profiles are loaded
(:mod:`greendesign.evidence.specification`).
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from greendesign.i18n import _, pick
from greendesign.model.base import GDModel

STAGES = ("design", "raw_materials", "production", "distribution", "use", "end_of_life",
          "life_cycle")
STAGE_NAMES = {
    "design": ("Product design", "产品设计"),
    "raw_materials": ("Raw material acquisition", "原材料获取"),
    "production": ("Production", "产品生产"),
    "distribution": ("Distribution", "产品流通"),
    "use": ("Use", "产品使用"),
    "end_of_life": ("End of life", "废弃回收处理"),
    "life_cycle": ("Whole life cycle", "全生命周期"),
}
LCA_PREFIX = "lca:"
"""``metric`` values starting with this name an LCA total: ``lca:IPCC 2021 | climate change |
global warming potential (GWP100)`` (the method label of :func:`greendesign.lca.engine.method_label`)."""


class EvidenceKind(StrEnum):
    """The kind of a document in the evidence register."""

    TEST_REPORT = "test_report"    # 检测报告
    CERTIFICATE = "certificate"    # 证书
    DECLARATION = "declaration"    # 声明
    DRAWING = "drawing"            # 图纸
    OTHER = "other"                # 其他


EVIDENCE_KIND_NAMES = {
    EvidenceKind.TEST_REPORT: ("Test report", "检测报告"),
    EvidenceKind.CERTIFICATE: ("Certificate", "证书"),
    EvidenceKind.DECLARATION: ("Declaration", "声明"),
    EvidenceKind.DRAWING: ("Drawing", "图纸"),
    EvidenceKind.OTHER: ("Other", "其他"),
}


class SystemStandard(StrEnum):
    """The standard of a management system certificate."""

    ISO14001 = "iso14001"  # environmental management (GB/T 24001)
    ISO9001 = "iso9001"    # quality management (GB/T 19001)
    ISO45001 = "iso45001"  # occupational health and safety (GB/T 45001)
    ISO50001 = "iso50001"  # energy management (GB/T 23331)
    OTHER = "other"


SYSTEM_NAMES = {
    SystemStandard.ISO14001: ("ISO 14001 / GB/T 24001 environmental management",
                              "ISO 14001 / GB/T 24001 环境管理体系"),
    SystemStandard.ISO9001: ("ISO 9001 / GB/T 19001 quality management",
                             "ISO 9001 / GB/T 19001 质量管理体系"),
    SystemStandard.ISO45001: ("ISO 45001 / GB/T 45001 occupational health and safety",
                              "ISO 45001 / GB/T 45001 职业健康安全管理体系"),
    SystemStandard.ISO50001: ("ISO 50001 / GB/T 23331 energy management",
                              "ISO 50001 / GB/T 23331 能源管理体系"),
    SystemStandard.OTHER: ("Other management system", "其他管理体系"),
}

Comparison = Literal[">=", "<=", ">", "<", "="]
_Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class Benchmark(GDModel):
    """The 基准值 of an indicator: a number with a comparison, or a requirement in words."""

    comparison: Comparison | None = None
    value: float | None = None
    text: str = ""
    text_zh: str = ""

    @model_validator(mode="after")
    def _complete(self) -> Benchmark:
        if (self.comparison is None) != (self.value is None):
            raise ValueError(_("a numeric benchmark needs both 'comparison' and 'value'"))
        if self.comparison is None and not (self.text or self.text_zh):
            raise ValueError(_("a benchmark is a comparison with a value, or a text"))
        return self

    @property
    def numeric(self) -> bool:
        """Whether a value can be judged against it by the app."""
        return self.comparison is not None

    def met_by(self, value: float | None) -> bool | None:
        """Whether ``value`` meets the benchmark; None when it cannot be judged."""
        if value is None or self.comparison is None or self.value is None \
                or not math.isfinite(value):
            return None
        tolerance = 1e-9 * max(1.0, abs(self.value))
        return {">=": value >= self.value - tolerance, "<=": value <= self.value + tolerance,
                ">": value > self.value, "<": value < self.value,
                "=": abs(value - self.value) <= tolerance}[self.comparison]

    def describe(self, unit: str = "") -> str:
        """``≥ 65 %``, or the text, in the current language."""
        words = pick(self.text, self.text_zh)
        if self.comparison is None:
            return words
        sign = {">=": "\u2265", "<=": "\u2264", ">": ">", "<": "<", "=": "="}[self.comparison]
        number = f"{self.value:g}"
        text = f"{sign} {number} {unit}".rstrip()
        return f"{text} ({words})" if words else text


class BasicRequirement(GDModel):
    """A 基本要求 of the specification: shown by a certificate or by a document."""

    id: _Id
    text: Annotated[str, Field(min_length=1)]
    text_zh: str = ""
    basis: str = ""
    basis_zh: str = ""
    certificate: SystemStandard | None = None
    """Met by a valid management system certificate of this standard."""
    evidence: EvidenceKind | None = EvidenceKind.DECLARATION
    """Otherwise met by a register item of this kind that lists the requirement's id."""
    source: Annotated[str, Field(min_length=1)]
    illustrative: bool = False
    """The requirement is not taken from a published specification."""

    @model_validator(mode="after")
    def _shown_somehow(self) -> BasicRequirement:
        if self.certificate is None and self.evidence is None:
            raise ValueError(_("a basic requirement is shown by a certificate or by "
                               "evidence; give 'certificate' or 'evidence'"))
        return self


class SpecIndicator(GDModel):
    """One row of the indicator table (评价指标要求)."""

    id: _Id
    group: Literal["resource", "energy", "environment", "product"]
    name: Annotated[str, Field(min_length=1)]
    name_zh: str = ""
    unit: str = ""
    benchmark: Benchmark
    basis: str = ""
    basis_zh: str = ""
    stage: Literal["design", "raw_materials", "production", "distribution", "use",
                   "end_of_life", "life_cycle"]
    metric: str = ""
    """The value the app computes (a METRICS name or ``lca:<method label>``); empty when the
    value comes from a document."""
    evidence: EvidenceKind | None = None
    """The kind of document that shows the value (or backs the computed one)."""
    evidence_required: bool = False
    """A computed value still needs that document in the pack (e.g. a test report)."""
    source: Annotated[str, Field(min_length=1)]
    """Where the benchmark comes from (standard, year, clause), or why it is illustrative."""
    illustrative: bool = True
    """The benchmark is not taken from a published specification."""

    @model_validator(mode="after")
    def _assessable(self) -> SpecIndicator:
        if not self.metric and self.evidence is None:
            raise ValueError(_("an indicator is assessed by a metric the app computes or by "
                               "evidence; give 'metric' or 'evidence'"))
        if self.metric and not self.benchmark.numeric:
            raise ValueError(_("an indicator with a metric needs a numeric benchmark "
                               "(comparison and value)"))
        if self.evidence_required and self.evidence is None:
            raise ValueError(_("'evidence_required' needs the kind of evidence ('evidence')"))
        return self

    @property
    def assessed_by_metric(self) -> bool:
        return bool(self.metric)


class SpecificationProfile(GDModel):
    """The conformity table of a product-category specification, and where it comes from."""

    id: _Id
    name: Annotated[str, Field(min_length=1)]
    name_zh: str = ""
    category: Literal["generic", "household_appliance", "furniture", "electronics", "other"]
    standard: Annotated[str, Field(min_length=1)]
    """The specification it follows (number, year, title), or the generic principle."""
    standard_zh: str = ""
    version: str = "1"
    description: str = ""
    description_zh: str = ""
    sources: list[str] = Field(default_factory=list)
    basic_requirements: list[BasicRequirement] = Field(default_factory=list)
    indicators: Annotated[list[SpecIndicator], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> SpecificationProfile:
        ids = [r.id for r in self.basic_requirements] + [i.id for i in self.indicators]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(_("ids used twice in the profile: {ids}").format(
                ids=", ".join(twice)))
        return self

    @property
    def illustrative(self) -> bool:
        """Whether any benchmark or requirement of the table is illustrative."""
        return any(i.illustrative for i in self.indicators) or any(
            r.illustrative for r in self.basic_requirements)

    def ids(self) -> list[str]:
        """The ids of the basic requirements and indicators, in table order."""
        return [r.id for r in self.basic_requirements] + [i.id for i in self.indicators]

    def indicator(self, indicator_id: str) -> SpecIndicator:
        for item in self.indicators:
            if item.id == indicator_id:
                return item
        raise KeyError(indicator_id)
