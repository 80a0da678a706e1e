"""Checking a product's dataset codes against the catalogue and the inventory.

A product refers to inventory datasets by code (materials, processes, transport
modes, grids, the green power source, consumables, the end-of-life region).
:func:`unresolved_references` lists the codes the catalogue does not hold, with
the right code or the closest ones as a hint; :func:`references_without_data`
lists the codes the catalogue holds but the inventory has no data for yet (the
cut-off the LCA states). Both know the user databases' datasets. This module
imports neither Qt nor Brightway.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from greendesign.errors import Problem
from greendesign.i18n import N_, _, translate
from greendesign.inventory.catalogue import MATERIAL, PROCESS, Catalogue, did_you_mean
from greendesign.inventory.datasets import load_datasets, missing_note
from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.inventory.user_registry import dataset_map, missing_hint
from greendesign.model.part import Assembly, Part
from greendesign.model.product import Product

#: What a checked code is, as the messages name it (``what`` of :func:`_missing`).
WHAT = {
    "material": N_("material"), "process": N_("process"), "transport mode": N_("transport mode"),
    "grid": N_("grid"), "green power source": N_("green power source"),
    "consumable material": N_("consumable material"),
    "end-of-life region": N_("end-of-life region"),
}


def _where(node: Part | Assembly | None) -> str:
    """``part 'SHELL' (Body shell): `` before a message about a node's code."""
    return _("{node}: ").format(node=node.label) if node is not None else ""


def _missing(catalogue: Catalogue, code: str, kind: str, what: str, location: str,
             field: str, node: Part | Assembly | None = None) -> Problem | None:
    if catalogue.has(code, kind):
        return None
    suggestion = catalogue.resolve(code, kind)
    user_hint = missing_hint(code)
    if user_hint:
        hint = user_hint
    elif suggestion:
        hint = _("use the code {code!r}").format(code=suggestion)
    elif close := catalogue.closest(code, kind):
        hint = did_you_mean(close)
    else:
        close = [e.code for e in catalogue.search(code, kind, limit=3)]
        hint = (_("close codes: {codes}").format(codes=", ".join(close)) if close else
                _("pick a {what} from the catalogue").format(what=translate(WHAT[what])))
    return Problem(_("{where}{what} {code!r} is not in the dataset catalogue").format(
        where=_where(node), what=translate(WHAT[what]), code=code),
        location=location, hint=hint, part_id=node.id if node else None, field=field)


def _walk_paths(nodes: list[Part | Assembly], prefix: str
                ) -> Iterator[tuple[Part | Assembly, str]]:
    for i, node in enumerate(nodes):
        path = f"{prefix}[{i}]"
        yield node, path
        if isinstance(node, Assembly):
            yield from _walk_paths(node.children, f"{path}.children")


def unresolved_references(product: Product, catalogue: Catalogue | None = None
                          ) -> list[Problem]:
    """Every dataset code of ``product`` that the catalogue does not hold.

    Checks each part's ``material``, each part's and assembly's process
    ``dataset``, transport modes, the production and use grids, the green power
    source, the consumables' materials and the end-of-life region. Each problem
    carries the JSON path (``$.bom[0].children[2].material``), the part id and
    the field, and a hint with the right code when the text is a known alias.
    """
    catalogue = catalogue or load_catalogue()
    found: list[Problem | None] = []
    for node, path in _walk_paths(product.bom, "$.bom"):
        if isinstance(node, Part):
            found.append(_missing(catalogue, node.material, MATERIAL, "material",
                                  f"{path}.material", "material", node))
            for j, leg in enumerate(node.transport_legs):
                found.append(_missing(catalogue, leg.mode.value, "transport", "transport mode",
                                      f"{path}.transport_legs[{j}].mode",
                                      f"transport_legs[{j}].mode", node))
        for j, use in enumerate(node.processes):
            found.append(_missing(catalogue, use.dataset, PROCESS, "process",
                                  f"{path}.processes[{j}].dataset",
                                  f"processes[{j}].dataset", node))
    scenario = product.scenario
    found.append(_missing(catalogue, scenario.production.grid, "grid", "grid",
                          "$.scenario.production.grid", "scenario.production.grid"))
    source = scenario.production.green_power_source.value
    if catalogue.resolve(source, "renewable") is None:
        found.append(_missing(catalogue, source, "renewable", "green power source",
                              "$.scenario.production.green_power_source",
                              "scenario.production.green_power_source"))
    for j, leg in enumerate(scenario.distribution):
        found.append(_missing(catalogue, leg.mode.value, "transport", "transport mode",
                              f"$.scenario.distribution[{j}].mode",
                              f"scenario.distribution[{j}].mode"))
    found.append(_missing(catalogue, scenario.use.grid, "grid", "grid", "$.scenario.use.grid",
                          "scenario.use.grid"))
    for j, item in enumerate(scenario.use.consumables):
        found.append(_missing(catalogue, item.material, MATERIAL, "consumable material",
                              f"$.scenario.use.consumables[{j}].material",
                              f"scenario.use.consumables[{j}].material"))
    found.append(_missing(catalogue, scenario.end_of_life.region, "eol_region",
                          "end-of-life region", "$.scenario.end_of_life.region",
                          "scenario.end_of_life.region"))
    return [p for p in found if p is not None]


def references_without_data(product: Product, catalogue: Catalogue | None = None,
                            available: Iterable[str] | None = None) -> list[Problem]:
    """Every code of ``product`` that is in the catalogue but has no inventory data yet.

    The LCA leaves such a material, process or consumable out and lists it with
    the mass it concerns (a stated cut-off, see :class:`~greendesign.lca.lifecycle.Gap`);
    a code that is not in the catalogue at all is reported by
    :func:`unresolved_references` instead. ``available`` is the codes that have
    data (default: the bundled datasets and the user databases' datasets). Each
    problem carries the JSON path, the part id and the field, as there.
    """
    catalogue = catalogue or load_catalogue()
    if available is None:
        available = set(load_datasets()) | set(dataset_map())
    have = set(available)

    def gap(code: str, kind: str, what: str, location: str, field: str,
            node: Part | Assembly | None = None, mass_kg: float | None = None
            ) -> Problem | None:
        if code in have or not catalogue.has(code, kind):
            return None
        if mass_kg is not None:
            message = _("{where}{what} {code!r} has no inventory data ({mass} kg per product "
                        "left out)")
        else:
            message = _("{where}{what} {code!r} has no inventory data (left out)")
        return Problem(message.format(where=_where(node), what=translate(WHAT[what]), code=code,
                                      mass=f"{mass_kg:.4g}" if mass_kg is not None else ""),
                       location=location, part_id=node.id if node is not None else None,
                       field=field, hint=missing_note(code))

    found: list[Problem | None] = []

    def visit(nodes: list[Part | Assembly], prefix: str, multiplier: float) -> None:
        for i, node in enumerate(nodes):
            path, count = f"{prefix}[{i}]", multiplier * node.quantity
            if isinstance(node, Part):
                found.append(gap(node.material, MATERIAL, "material", f"{path}.material",
                                 "material", node, node.mass_kg * count))
            for j, use in enumerate(node.processes):
                found.append(gap(use.dataset, PROCESS, "process",
                                 f"{path}.processes[{j}].dataset", f"processes[{j}].dataset",
                                 node))
            if isinstance(node, Assembly):
                visit(node.children, f"{path}.children", count)

    visit(product.bom, "$.bom", 1.0)
    for j, item in enumerate(product.scenario.use.consumables):
        found.append(gap(item.material, MATERIAL, "consumable material",
                         f"$.scenario.use.consumables[{j}].material",
                         f"scenario.use.consumables[{j}].material"))
    return [p for p in found if p is not None]
