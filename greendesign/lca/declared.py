"""Supplier data in the results: declared values replace the datasets they stand for.

The lifecycle model (:mod:`greendesign.lca.lifecycle`) is built as always, every line on its
inventory dataset. :func:`apply_declared` then finds the lines a declared value
(:class:`~greendesign.model.declared.DeclaredValue`) covers and replaces their scores for the
methods it declares; every other method keeps the dataset's score. A part's own value
(``Part.declared``) covers, cradle to gate, its material lines (primary and recycled share,
also those of its replacements in use) and its process lines with their factory
electricity; a material's value (``Product.supplier_data``) covers the material lines of every
part of that material without a value of its own. Transport, end of life and the credits
beyond the system boundary keep the inventory.

For a declared method the material lines of a declaration *carry* it, the process lines it
covers score 0 (the supplier's figure includes them)::

    score(line, m) = v_m x amount                      (basis "kg": v_m per kg bought)
    score(line, m) = v_m x amount / material_input_kg  (basis "part": v_m per part)

with ``amount`` the line's kg of material bought (mass x (1 + scrap rate) x count, split
between primary and recycled content), so a kg value gives ``v x mass bought`` and a part
value ``v x parts``. Which methods a value declares is
:meth:`~greendesign.model.declared.DeclaredValue.value_for`: ``gwp_kgco2e`` for IPCC 2021
GWP100 and EF v3.1 climate change, their fossil / biogenic / land-use parts as given (the
fossil part takes what the parts given leave of the total, parts not given are 0: never
the replaced dataset's split), and ``indicators`` for any other installed method. Other
climate metrics (GWP20, GTP, CML, ReCiPe) keep the dataset unless ``indicators`` gives them;
the result names them (:attr:`DeclaredOverlay.kept_climate`).

Primary data share (:func:`primary_data_share`): the part of the total cradle-to-grave IPCC
2021 GWP100 that rests on declared values, ``sum(score of covered lines) / total``, between
0 and 1. It follows PACT's ``primaryDataShare`` (Technical Specifications v2, "the share of
primary data in the final absolute PCF, in percent"; PACT Methodology: emissions computed
with primary data over the total), counting as primary only the supplier-specific emission
factors; the PACT footprint of the pack applies it to its own cradle-to-gate boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from greendesign.errors import ModelValidationError, Problem
from greendesign.i18n import _
from greendesign.model import Part, Product, walk
from greendesign.model.declared import DECLARED_GWP_METHODS, DeclaredValue, method_key

#: Line kinds that carry a declared value (the material bought).
CARRIER_KINDS = frozenset({"material", "recycled_content", "replacement_material",
                           "replacement_recycled_content"})
#: Line kinds a part's own value covers besides its material (set to 0 for declared methods).
PROCESS_KINDS = frozenset({"process", "replacement_process", "electricity"})
#: Stages a part's value covers (its replacements are in use).
COVERED_STAGES = frozenset({"raw_materials", "manufacturing", "use"})
GWP100 = DECLARED_GWP_METHODS[0]


@dataclass(frozen=True)
class Declaration:
    """One declared value as the model applies it.

    ``key`` is the part id for a part's own value, ``material:<code>`` for a material's.
    """

    key: str
    part_id: str
    material: str
    value: DeclaredValue

    @property
    def level(self) -> str:
        """``part`` or ``material``."""
        return "material" if self.key.startswith("material:") else "part"


@dataclass
class DeclaredOverlay:
    """Which lines declared values cover, and their scores for the declared methods.

    ``keys[i]`` is the declaration key of line ``i`` ('' when no value covers it);
    ``intensity`` (lines x methods) holds the declared score per unit of line amount where
    a value replaces the dataset and NaN where the dataset is kept.
    """

    declarations: list[Declaration]
    keys: list[str]
    intensity: np.ndarray
    kept_climate: list[tuple[str, ...]] = field(default_factory=list)
    not_applied: list[Problem] = field(default_factory=list)

    @property
    def replaced(self) -> np.ndarray:
        """lines x methods: where a declared value replaces the dataset."""
        return ~np.isnan(self.intensity)

    @property
    def covered(self) -> np.ndarray:
        """Per line: whether a declared value covers it."""
        return np.array([bool(k) for k in self.keys], dtype=bool)

    def apply(self, scores: np.ndarray, amounts: np.ndarray) -> None:
        """Replace, in ``scores`` (lines x methods), the scores declared values replace."""
        np.copyto(scores, self.intensity * amounts[:, None], where=self.replaced)

    def declaration(self, key: str) -> Declaration:
        return next(d for d in self.declarations if d.key == key)


def declarations(product: Product) -> dict[str, Declaration]:
    """Part id -> the declaration that applies to it (its own, else its material's)."""
    out: dict[str, Declaration] = {}
    for node, *_rest in walk(product.bom):
        if not isinstance(node, Part):
            continue
        if node.declared is not None:
            out[node.id] = Declaration(node.id, node.id, node.material, node.declared)
        elif node.material in product.supplier_data:
            out[node.id] = Declaration(f"material:{node.material}", node.id, node.material,
                                       product.supplier_data[node.material])
    return out


def check_indicators(product: Product, installed) -> None:
    """Refuse ``indicators`` that name no installed method (``installed``: method tuples)."""
    known = {method_key(m) for m in installed}
    problems = []
    for node, *_rest in walk(product.bom):
        if isinstance(node, Part) and node.declared is not None:
            problems += _unknown(node.declared, known, node.id, node.label)
    for code, value in product.supplier_data.items():
        problems += _unknown(value, known, None, _("material {code!r}").format(code=code))
    if problems:
        raise ModelValidationError(_("Supplier data names methods that are not installed."),
                                   problems=problems,
                                   hint=_("'greendesign-cli methods' lists the installed "
                                          "methods."))


def _unknown(value: DeclaredValue, known: set[str], part_id, where: str) -> list[Problem]:
    return [Problem(_("{where}: supplier data indicator {key!r} is not an installed "
                      "method").format(where=where, key=key), location=part_id or "",
                    part_id=part_id, field="indicators")
            for key in value.indicators if key not in known]


def declared_overlay(product: Product, model, methods, installed=()) -> DeclaredOverlay | None:
    """The lines declared values cover and their declared scores (module docstring).

    ``model`` is the product's :class:`~greendesign.lca.lifecycle.LifecycleModel`. Returns
    None when the product declares nothing; :meth:`DeclaredOverlay.apply` puts the declared
    scores into a lines x ``methods`` matrix.
    """
    found = declarations(product)
    if not found:
        return None
    if installed:
        check_indicators(product, installed)
    parts = {node.id: node for node, *_rest in walk(product.bom) if isinstance(node, Part)}
    methods = [tuple(m) for m in methods]
    n = len(model.lines)
    intensity = np.full((n, len(methods)), np.nan)
    keys = [""] * n
    carried: set[str] = set()
    for i, line in enumerate(model.lines):
        found_here = found.get(line.part_id)
        if found_here is None or line.stage not in COVERED_STAGES:
            continue
        carrier = line.kind in CARRIER_KINDS and line.material == found_here.material
        process = found_here.level == "part" and line.kind in PROCESS_KINDS
        if not (carrier or process):
            continue
        keys[i] = found_here.key
        value = found_here.value
        per_unit = 1.0
        if carrier and value.basis == "part":
            per_unit = 1.0 / parts[line.part_id].material_input_kg
        for j, method in enumerate(methods):
            declared = value.value_for(method)
            if declared is not None:
                intensity[i, j] = declared * per_unit if carrier else 0.0
        if carrier:
            carried.add(found_here.key)
    used = list({d.key: d for d in found.values()}.values())
    overlay = DeclaredOverlay(used, keys, intensity)
    for d in used:
        if d.key not in carried:
            where = (_("part {id!r}").format(id=d.part_id) if d.level == "part"
                     else _("material {code!r}").format(code=d.material))
            overlay.not_applied.append(Problem(
                _("supplier data of {where} is not applied: its material {code!r} has no "
                  "inventory dataset for the other categories").format(where=where,
                                                                        code=d.material),
                part_id=d.part_id if d.level == "part" else None, field="declared",
                hint=_("Pick a material from the inventory for the part.")))
    replaced = overlay.replaced
    overlay.kept_climate = [m for j, m in enumerate(methods)
                            if "climate change" in m[1] and not replaced[:, j].any()
                            and overlay.covered.any()]
    model.warnings.extend(overlay.not_applied)
    return overlay


def primary_data_share(result, stages=None) -> float | None:
    """Share of the GWP100 total (``stages``: of those stages only) on declared values.

    None when the result has no GWP100 or its total is not above 0; 0 without supplier data.
    """
    from greendesign.lca.line_table import STAGE_CODES  # deferred: the model builder

    if GWP100 not in result.methods:
        return None
    j = result.methods.index(GWP100)
    table = result.table
    mask = table.in_total
    if stages is not None:
        mask = mask & np.isin(table.stage, [STAGE_CODES.index(s) for s in stages])
    values = result.line_scores(j)
    total = float(values[mask].sum()) if mask.any() else 0.0
    if total <= 0:
        return None
    overlay = result.declared
    if overlay is None:
        return 0.0
    declared = float(values[mask & overlay.covered].sum())
    return min(max(declared / total, 0.0), 1.0)


def supplier_data_json(result) -> list[dict]:
    """Every declared value of ``result`` with what it covers and its GWP100 (JSON-ready)."""
    overlay = result.declared
    if overlay is None:
        return []
    from greendesign.lca.lifecycle import CREDIT  # deferred: the model builder

    j = result.methods.index(GWP100) if GWP100 in result.methods else None
    total = float(result.total[j]) if j is not None else 0.0
    out = []
    for d in overlay.declarations:
        rows = [i for i, k in enumerate(overlay.keys) if k == d.key
                and result.model.lines[i].stage != CREDIT]
        gwp = float(result.scores[rows, j].sum()) if j is not None and rows else None
        value = d.value
        out.append({
            "key": d.key, "level": d.level, "part_id": d.part_id if d.level == "part" else "",
            "material": d.material, "gwp_kgco2e": value.gwp_kgco2e, "unit": value.unit,
            "indicators": dict(value.indicators), "source": value.source,
            "year": value.year, "geography": value.geography,
            "verification": value.verification.value, "pedigree": list(value.pedigree),
            "scope": value.scope, "note": value.note, "document": value.document,
            "applied": bool(rows), "gwp100_kg": gwp,
            "share_of_gwp100": gwp / total if gwp is not None and total > 0 else None,
            "lines": [{"stage": result.model.lines[i].stage,
                       "dataset": result.model.lines[i].dataset,
                       "kind": result.model.lines[i].kind,
                       "part_id": result.model.lines[i].part_id,
                       "amount": result.model.lines[i].amount} for i in rows],
        })
    return out


def read_supplier_file(path, product: Product, sheet: str | None = None):
    """:func:`greendesign.io.supplier_data.read_supplier_data` with the app's catalogue
    (bundled and user databases' materials) resolving the material texts."""
    from greendesign.inventory.catalogue import did_you_mean
    from greendesign.inventory.user_catalogue import load_catalogue
    from greendesign.io.supplier_data import read_supplier_data

    catalogue = load_catalogue()

    def resolve(text: str) -> str | None:
        return catalogue.resolve(text, "material")

    def suggest(text: str) -> str:
        return did_you_mean(catalogue.closest(text, "material"))

    return read_supplier_data(path, product, resolve, suggest, sheet=sheet)


def inventory_total(result) -> np.ndarray:
    """Per method: the total the inventory datasets alone give (supplier data left out), as
    the Brightway reference path computes it (:mod:`greendesign.lca.reference`)."""
    from greendesign.lca.lifecycle import CREDIT  # deferred: the model builder

    bg = result.bg
    rows = bg.rows_for(result.methods)
    keep = [i for i, line in enumerate(result.model.lines) if line.stage != CREDIT]
    cols = [bg.column[result.model.lines[i].dataset] for i in keep]
    amounts = np.array([result.model.lines[i].amount for i in keep])
    return (bg.H[np.ix_(rows, cols)] * amounts[None, :]).sum(axis=1)
