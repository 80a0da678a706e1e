"""The BOM as the scores see it: nodes in scope, their count, module and material family.

Packaging is left out of the product scores by default: a node whose module
(its own, or inherited from the nearest ancestor that has one) is
``packaging`` is outside the scope, with its whole sub-tree. The product model
has no packaging flag; the module tag is the convention of the demo products
and the BOM importer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, partial

from greendesign.inventory.catalogue import Catalogue
from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.model.part import Assembly, Part
from greendesign.model.product import Product

PACKAGING = "packaging"
NO_MODULE = "(no module)"
DEFAULT_EXCLUDE = (PACKAGING,)


@dataclass(frozen=True)
class NodeInfo:
    """A BOM node in the scope of a score.

    Attributes
    ----------
    node
        The part or assembly.
    count
        Units of the node per product (quantities multiplied along the path).
    module
        Effective module: the node's own, else its nearest ancestor's, else
        :data:`NO_MODULE`.
    path
        Ancestors from the top of the BOM down to the parent (empty at the top).
    """

    node: Part | Assembly
    count: float
    module: str
    path: tuple[Part | Assembly, ...]

    @property
    def parent(self) -> Assembly | None:
        return self.path[-1] if self.path else None  # type: ignore[return-value]

    @property
    def is_part(self) -> bool:
        return isinstance(self.node, Part)


def _norm(text: str) -> str:
    return text.strip().casefold()


def iter_scope(product: Product, exclude_modules: Iterable[str] = DEFAULT_EXCLUDE
               ) -> Iterator[NodeInfo]:
    """Every BOM node in scope, depth first, with its count, module and ancestors."""
    excluded = {_norm(m) for m in exclude_modules}
    # a stack of iterators, not a recursive inner generator (a reference cycle per call)
    stack = [(iter(product.bom), 1.0, "", ())]
    while stack:
        nodes, multiplier, module, path = stack[-1]
        node = next(nodes, None)
        if node is None:
            stack.pop()
            continue
        own = node.module.strip() or module
        if own and _norm(own) in excluded:
            continue
        count = multiplier * node.quantity
        yield NodeInfo(node, count, own or NO_MODULE, path)
        if isinstance(node, Assembly):
            stack.append((iter(node.children), count, own, (*path, node)))


def parts_in_scope(product: Product, exclude_modules: Iterable[str] = DEFAULT_EXCLUDE
                   ) -> list[NodeInfo]:
    """The leaf parts in scope."""
    return [info for info in iter_scope(product, exclude_modules) if info.is_part]


def family_of(material: str, catalogue: Catalogue | None = None) -> str | None:
    """End-of-life family of a material code (``None`` when the code is unknown)."""
    catalogue = catalogue or load_catalogue()
    if not catalogue.has(material, "material"):
        return None
    return catalogue.get(material, "material").family or None


def family_lookup(catalogue: Catalogue | None = None) -> Callable[[str], str | None]:
    """:func:`family_of` in ``catalogue``, looked up once per material code (for one
    scoring run: the catalogue must not change while it is used)."""
    return cache(partial(family_of, catalogue=catalogue or load_catalogue()))


def iso11469_of(material: str, catalogue: Catalogue | None = None) -> str:
    """ISO 11469 marking of a material code ('' when none or unknown)."""
    catalogue = catalogue or load_catalogue()
    if not catalogue.has(material, "material"):
        return ""
    return catalogue.get(material, "material").iso11469


def is_plastic_family(family: str | None) -> bool:
    """Whether an end-of-life family is a plastic (``plastic_*`` or ``plastics``)."""
    return bool(family) and (family == "plastics" or family.startswith("plastic_"))


METAL_FAMILIES = frozenset({"ferrous", "stainless", "aluminium", "copper", "zinc", "magnesium",
                            "titanium"})
