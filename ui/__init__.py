"""GreenDesign desktop user interface (PySide6).

Everything that imports Qt lives here; the domain core is :mod:`greendesign`.
Modules import Qt at module level, so import :mod:`ui.app` (which imports Qt
lazily inside :func:`ui.app.main`) from entry points and scripts.
"""
