"""Candidates of a sweep: the level matrix, and the design a row of it stands for."""

from __future__ import annotations

import numpy as np

from greendesign.errors import GreenDesignError
from greendesign.i18n import _, is_chinese, pick
from greendesign.model import Product
from greendesign.model.part import Assembly, Part
from greendesign.sweep.spec import (
    EolRegionFactor,
    Factor,
    GreenPowerFactor,
    MaterialFactor,
    ProductionGridFactor,
    RecycledContentFactor,
    ServiceLifeFactor,
    SweepSpec,
    factor_title,
    level_count,
)


class SweepError(GreenDesignError):
    """A sweep cannot be run as specified."""


def level_matrix(spec: SweepSpec) -> np.ndarray:
    """Level index of every factor for every candidate (candidates x factors).

    A full factorial lists the combinations with the first factor changing
    slowest; a Latin hypercube takes ``samples`` points of
    ``scipy.stats.qmc.LatinHypercube`` (seeded) and maps each coordinate
    ``u`` in [0, 1) of a factor with ``L`` levels to level ``floor(u L)``.
    """
    counts = [level_count(f) for f in spec.factors]
    if spec.design == "full":
        grid = np.indices(counts, dtype=np.int32)
        return grid.reshape(len(counts), -1).T.copy()
    from scipy.stats import qmc  # deferred: loads scipy

    sample = qmc.LatinHypercube(d=len(counts), seed=spec.seed).random(int(spec.samples or 0))
    levels = np.floor(sample * np.asarray(counts)).astype(np.int32)
    return np.minimum(levels, np.asarray(counts, dtype=np.int32) - 1)


def check_targets(product: Product, spec: SweepSpec) -> None:
    """Every part a factor names is a part of ``product``; the error names the factor."""
    for k, factor in enumerate(spec.factors):
        ids = ([factor.part_id] if isinstance(factor, MaterialFactor) else
               factor.part_ids if isinstance(factor, RecycledContentFactor) else [])
        for part_id in ids:
            try:
                node = product.find(part_id)
            except KeyError:
                node = None
            if not isinstance(node, Part):
                raise SweepError(
                    _("Factor {number} ({title}): {part!r} is not a part of {product!r}.").format(
                        number=k + 1, title=factor_title(factor), part=part_id,
                        product=product.display_name),
                    hint=_("Name a part (a leaf of the BOM, not an assembly) by its ID."))


def part_changes(spec: SweepSpec, row, factors: list[int] | None = None
                 ) -> dict[str, dict]:
    """Field changes of the parts for one row of levels (only ``factors`` if given)."""
    changes: dict[str, dict] = {}
    for k in (range(len(spec.factors)) if factors is None else factors):
        factor, level = spec.factors[k], int(row[k])
        if isinstance(factor, MaterialFactor):
            if factor.include_current:
                if level == 0:
                    continue
                level -= 1
            option = factor.options[level]
            update: dict = {"material": option.material}
            if option.mass_kg is not None:
                update["mass_kg"] = option.mass_kg
            if option.processes is not None:
                update["processes"] = list(option.processes)
            changes.setdefault(factor.part_id, {}).update(update)
        elif isinstance(factor, RecycledContentFactor):
            for part_id in factor.part_ids:
                changes.setdefault(part_id, {})["recycled_content"] = factor.levels[level]
    return changes


def _with_parts(nodes: list, changes: dict[str, dict]) -> list:
    out = []
    for node in nodes:
        if isinstance(node, Assembly):
            children = _with_parts(node.children, changes)
            if any(a is not b for a, b in zip(children, node.children, strict=True)):
                node = node.model_copy(update={"children": children})
        elif node.id in changes:
            node = node.model_copy(update=changes[node.id])
        out.append(node)
    return out


def apply_levels(product: Product, spec: SweepSpec, row, factors: list[int] | None = None
                 ) -> Product:
    """The design of one candidate: ``product`` with the levels of ``row`` applied.

    ``factors`` limits the change to those factor indices (the others keep the
    design's values). Only the changed parts and their assemblies are copied.
    """
    chosen = range(len(spec.factors)) if factors is None else factors
    changes = part_changes(spec, row, list(chosen))
    update: dict = {}
    if changes:
        update["bom"] = _with_parts(product.bom, changes)
    scenario = product.scenario
    production, end_of_life = {}, {}
    for k in chosen:
        factor, level = spec.factors[k], int(row[k])
        if isinstance(factor, ProductionGridFactor):
            production["grid"] = factor.levels[level]
        elif isinstance(factor, GreenPowerFactor):
            production["green_power_share"] = factor.levels[level]
        elif isinstance(factor, EolRegionFactor):
            end_of_life["region"] = factor.levels[level]
        elif isinstance(factor, ServiceLifeFactor):
            update["service_life_years"] = factor.levels[level]
    if production or end_of_life:
        update["scenario"] = scenario.model_copy(update={
            "production": scenario.production.model_copy(update=production),
            "end_of_life": scenario.end_of_life.model_copy(update=end_of_life)})
    return product.model_copy(update=update) if update else product


def code_name(code: str, kind: str = "material") -> str:
    """A material, grid (``kind="grid"``) or end-of-life region (``"eol_region"``) by its
    catalogue name in the current language (the code when the catalogue lacks it)."""
    from greendesign.inventory.user_catalogue import load_catalogue  # deferred: reads CSV

    try:
        entry = load_catalogue().get(code, kind)
    except (GreenDesignError, KeyError, OSError):
        return code
    return pick(entry.name_en, entry.name_zh) or code


def level_text(factor: Factor, level: int, product: Product) -> str:
    """One level of a factor as a reader sees it: a material, "30 %", "12 years"."""
    if isinstance(factor, MaterialFactor):
        if factor.include_current:
            if level == 0:
                part = product.find(factor.part_id)
                return _("{material} (as designed)").format(material=code_name(part.material))
            level -= 1
        option = factor.options[level]
        if option.mass_kg is None:
            return code_name(option.material)
        return _("{material}, {mass} kg").format(material=code_name(option.material),
                                                  mass=f"{option.mass_kg:.4g}")
    value = factor.levels[level]
    if isinstance(factor, RecycledContentFactor | GreenPowerFactor):
        return f"{value * 100:.4g} %"
    if isinstance(factor, ServiceLifeFactor):
        return _("{years} years").format(years=f"{value:g}")
    return code_name(str(value), "grid" if isinstance(factor, ProductionGridFactor)
                     else "eol_region")


def describe(product: Product, spec: SweepSpec, row) -> str:
    """The levels of one candidate, factor by factor, in the current language."""
    separator = "；" if is_chinese() else "; "
    return separator.join(_("{factor}: {level}").format(
        factor=factor_title(f, product), level=level_text(f, int(row[k]), product))
        for k, f in enumerate(spec.factors))
