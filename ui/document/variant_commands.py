"""Variants the app makes for the user: the shown design with an improvement applied.

:func:`suggested_product` rebuilds the change an improvement suggestion of
:func:`greendesign.scoring.suggestions.suggest_improvements` stands for and applies
it to a copy of the design; :func:`add_variant_with_product` adds that copy
as a new variant with one undoable command on the document's stack (Undo
removes the variant and shows the design it came from again).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from greendesign.errors import ModelValidationError
from greendesign.model import Product, Project, Variant
from greendesign.scoring.metrics import ScoreInputs, score_product
from greendesign.scoring.suggestions import _candidates
from ui.document.document import ProjectDocument
from ui.document.edit_commands import SetVariantsCommand
from ui.i18n import _tr

DEFAULT_RECYCLED_TARGET = 0.3
"""The recycled content ``suggest_improvements`` proposes unless a suggestion says otherwise."""

MAX_NAME = 80


def suggested_product(project: Project, design: str, suggestion: Mapping[str, Any]) -> Product:
    """A copy of ``design`` with ``suggestion`` (a ``score_json`` suggestion dict) applied.

    The change is found again among the candidates of the design's scores
    (same lever, description and parts), so it is exactly the change that was
    scored. Raises :class:`ModelValidationError` when the design no longer
    offers it (it was edited since) or the changed design is not valid.
    """
    product = project.design(design)
    reference_name = project.settings.reference_variant
    inputs = ScoreInputs(
        reference=project.design(reference_name) if reference_name != design else None,
        intensity_ratio=project.settings.intensity_of_use).resolved()
    scores = score_product(product, inputs)
    target = float(suggestion.get("target", DEFAULT_RECYCLED_TARGET))
    wanted = (suggestion.get("lever"), suggestion.get("description"),
              list(suggestion.get("parts") or []))
    for lever, text, ids, change, _details in _candidates(product, scores, inputs, target, None):
        if (lever, text, list(ids)) != wanted:
            continue
        changed = product.model_copy(deep=True)
        try:
            change(changed)
            return Product.model_validate(changed.model_dump())
        except (ValueError, KeyError) as exc:
            raise ModelValidationError(
                _tr("The improvement cannot be applied: {error}").format(error=exc)) from None
    raise ModelValidationError(
        _tr("The improvement no longer applies to this design."),
        hint=_tr("Wait for the scores to update and choose it again."))


def unique_variant_name(project: Project, wanted: str) -> str:
    """``wanted`` (cut to the allowed length), or with `` 2``, `` 3`` ... when taken."""
    base = wanted.strip()[:MAX_NAME] or "variant"
    taken = set(project.design_names)
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f" {number}"
        name = base[:MAX_NAME - len(suffix)] + suffix
        if name not in taken:
            return name
        number += 1


def add_variant_with_product(document: ProjectDocument, name: str, product: Product,
                             description: str = "", text: str | None = None) -> Variant:
    """Add a variant of the shown design holding ``product`` and show it; undoable.

    Raises :class:`ModelValidationError` for a name already used or a project
    the new variant would make invalid; nothing changes then.
    """
    project = document.project
    if project is None:
        raise RuntimeError("no project is open")
    name = name.strip()
    if name in project.design_names:
        raise ModelValidationError(
            _tr("A design named \u201c{name}\u201d already exists.").format(name=name),
            hint=_tr("Choose another name for the variant."))
    shown = document.design_name
    variant = Variant(name=name, based_on=shown, description=description, product=product)
    new = [*project.variants, variant]
    Project(product=project.product, variants=new, settings=project.settings)  # validates
    document.undo_stack.push(SetVariantsCommand(
        document, project.variants, new, name, shown,
        text or _tr("Add variant \u201c{name}\u201d").format(name=name)))
    return variant
