"""The bundled inventory: the dataset catalogue (codes and names) and, later, the numbers.

Qt-free and Brightway-free at this level: :mod:`greendesign.inventory.catalogue`
reads the CSV files under ``lca_data/catalogue``.
"""

from greendesign.inventory.catalogue import (
    Catalogue,
    CatalogueError,
    Entry,
    load_catalogue,
    read_catalogue,
    unresolved_references,
)

__all__ = ["Catalogue", "CatalogueError", "Entry", "load_catalogue", "read_catalogue",
           "unresolved_references"]
