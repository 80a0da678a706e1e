"""GreenDesign core: product model, inventory, LCA engine, scores and reports.

This package never imports Qt; the desktop user interface lives in ``ui``.
"""

__version__ = "0.1.0"
