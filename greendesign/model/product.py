"""Product, design variants and the project that holds them."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator

from greendesign.errors import ModelValidationError, Problem
from greendesign.evidence.record import EvidenceRecord, attachment_name_problem
from greendesign.i18n import _, pick
from greendesign.model.base import GDModel
from greendesign.model.declared import DeclaredValue
from greendesign.model.part import (
    Assembly,
    BomNode,
    DatasetRef,
    Part,
    Positive,
    check_tree,
    iter_parts,
    walk,
)
from greendesign.model.scenario import LifecycleScenario
from greendesign.model.vocab import ProductCategory

BASELINE = "baseline"

VariantName = Annotated[str, Field(min_length=1, max_length=80)]


class Product(GDModel):
    """A product: identity, functional unit, BOM tree and lifecycle scenario.

    The functional unit is one product over its service life (e.g. "one
    office chair used by one person for 10 years").
    """

    name: Annotated[str, Field(min_length=1, max_length=200)]
    name_zh: str = ""
    model_number: str = ""
    category: ProductCategory = ProductCategory.OTHER
    functional_unit: Annotated[str, Field(min_length=1)]
    functional_unit_zh: str = ""
    service_life_years: Annotated[float, Field(gt=0.0, le=200.0)]
    manufacturer_region: str = "CN"
    description: str = ""
    description_zh: str = ""
    bom: list[BomNode] = Field(default_factory=list)
    scenario: LifecycleScenario = Field(default_factory=LifecycleScenario)
    #: material code -> the supplier's declared value per kg of that material, for every part
    #: of it without a declaration of its own (greendesign.model.declared)
    supplier_data: dict[DatasetRef, DeclaredValue] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _per_kg_supplier_data(self) -> Product:
        for code, value in self.supplier_data.items():
            if value.basis != "kg":
                raise ValueError(_("supplier data of material {code!r} is given per part; a "
                                   "material's value is per kg (give a per-part value on the "
                                   "part itself)").format(code=code))
        return self

    @model_validator(mode="after")
    def _tree_is_sound(self) -> Product:
        problems = check_tree(self.bom)
        if not problems:
            ids = {node.id for node, *_rest in walk(self.bom)}
            problems = [
                _("use phase replaces part {id!r}, which is not in the BOM").format(
                    id=r.part_id)
                for r in self.scenario.use.replacements if r.part_id not in ids
            ]
        if not problems and not math.isfinite(self.mass_kg):
            problems = [_("the product's mass (masses x quantities) is too large to compute; "
                          "check the masses, units and quantities of the BOM")]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def check(self) -> None:
        """Re-check the whole product after in-place edits of the tree.

        Raises :class:`ModelValidationError` naming every problem. Edits that go
        through lists (``assembly.children.append``) are not seen by pydantic's
        assignment validation; editors call this before they commit a change.
        """
        problems = check_tree(self.bom)
        if problems:
            raise ModelValidationError(_("Invalid product {name!r}.").format(
                                           name=self.display_name),
                                       problems=[Problem(message=p) for p in problems])
        Product.model_validate(self.model_dump())

    @property
    def display_name(self) -> str:
        """The product's name to show: ``name_zh`` when the language is Chinese and there is
        one, else ``name``."""
        return pick(self.name, self.name_zh)

    @property
    def display_functional_unit(self) -> str:
        """The functional unit in the current language (``functional_unit_zh`` in Chinese
        when there is one)."""
        return pick(self.functional_unit, self.functional_unit_zh)

    @property
    def display_description(self) -> str:
        """The description in the current language (``description_zh`` in Chinese when
        there is one)."""
        return pick(self.description, self.description_zh)

    @property
    def mass_kg(self) -> float:
        """Mass of one product, kg (sum over the BOM, quantities applied)."""
        return sum(part.mass_kg * count for part, count in iter_parts(self.bom))

    def parts(self) -> list[tuple[Part, float]]:
        """Every leaf part with its number of units per product."""
        return list(iter_parts(self.bom))

    def find(self, node_id: str) -> Part | Assembly:
        """The part or assembly with this id; ``KeyError`` names the id if absent."""
        for node, *_rest in walk(self.bom):
            if node.id == node_id:
                return node
        raise KeyError(f"no part or assembly with id {node_id!r} in {self.name!r}")


class Variant(GDModel):
    """A named design alternative: a full copy of the product with its own BOM
    and scenario, and the name of the design it was derived from."""

    name: VariantName
    description: str = ""
    description_zh: str = ""
    based_on: VariantName = BASELINE
    product: Product

    @model_validator(mode="after")
    def _not_baseline(self) -> Variant:
        if self.name == BASELINE:
            raise ValueError(_("{name!r} names the project's own product; choose another "
                               "variant name").format(name=BASELINE))
        return self

    @property
    def display_description(self) -> str:
        """The description in the current language (``description_zh`` in Chinese when
        there is one)."""
        return pick(self.description, self.description_zh)


class ProjectSettings(GDModel):
    """Per-project settings."""

    reference_variant: VariantName = BASELINE
    methods: list[tuple[str, str, str]] = Field(default_factory=list)
    mass_tolerance: Annotated[float, Field(ge=0.0, le=1.0)] = 0.05
    language: str = ""
    intensity_of_use: Positive = 1.0


class Project(GDModel):
    """The contents of a ``.gdproj`` file: the baseline product and its variants."""

    product: Product
    variants: list[Variant] = Field(default_factory=list)
    settings: ProjectSettings = Field(default_factory=ProjectSettings)
    evidence: EvidenceRecord = Field(default_factory=EvidenceRecord)

    @model_validator(mode="after")
    def _variants_consistent(self) -> Project:
        names = [BASELINE]
        problems: list[str] = []
        for variant in self.variants:
            if variant.name in names:
                problems.append(_("variant name {name!r} is used twice").format(
                    name=variant.name))
            names.append(variant.name)
        known = set(names)
        for variant in self.variants:
            if variant.based_on not in known:
                problems.append(_("variant {name!r} is based on {based_on!r}, which is not in "
                                  "the project (known: {known})").format(
                    name=variant.name, based_on=variant.based_on, known=", ".join(names)))
        parents = {v.name: v.based_on for v in self.variants}
        for start in parents:
            seen, current = {start}, parents[start]
            while current in parents:
                if current in seen:
                    problems.append(_("variant {name!r} is derived from itself through "
                                      "'based_on'").format(name=start))
                    break
                seen.add(current)
                current = parents[current]
        problems += _document_problems(self)
        if self.settings.reference_variant not in known:
            problems.append(_("reference variant {name!r} is not in the project").format(
                name=self.settings.reference_variant))
        if problems:
            raise ValueError("; ".join(dict.fromkeys(problems)))
        return self

    @property
    def design_names(self) -> list[str]:
        """``baseline`` and the variant names, in order."""
        return [BASELINE] + [v.name for v in self.variants]

    def design(self, name: str = BASELINE) -> Product:
        """The product of the baseline or of the named variant."""
        if name == BASELINE:
            return self.product
        for variant in self.variants:
            if variant.name == name:
                return variant.product
        raise ModelValidationError(
            _("There is no design named {name!r} in this project.").format(name=name),
            hint=_("Choose one of: {names}.").format(names=", ".join(self.design_names)))

    def add_variant(self, name: str, based_on: str = BASELINE, description: str = "",
                    description_zh: str = "") -> Variant:
        """Copy a design into a new variant and add it to the project."""
        source = self.design(based_on)
        variant = Variant(name=name, based_on=based_on, description=description,
                          description_zh=description_zh,
                          product=source.model_copy(deep=True))
        self.variants = [*self.variants, variant]
        return variant



def declared_values(product: Product) -> list[tuple[str, DeclaredValue]]:
    """``(part id or "material:<code>", value)`` of every declared value of ``product``."""
    found = [(node.id, node.declared) for node, *_rest in walk(product.bom)
             if isinstance(node, Part) and node.declared is not None]
    return found + [(f"material:{code}", value) for code, value in product.supplier_data.items()]


def _document_problems(project: Project) -> list[str]:
    """Declared values whose ``document`` is not a plain attachment file name."""
    problems = []
    products = [project.product, *(v.product for v in project.variants)]
    for product in products:
        for where, value in declared_values(product):
            reason = attachment_name_problem(value.document) if value.document else None
            if reason:
                problems.append(_("supplier data of {where}: {reason}").format(
                    where=where, reason=reason))
    return problems
