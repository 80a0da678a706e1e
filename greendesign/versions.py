"""What runs: the app, its inventory data and the libraries the numbers depend on.

``greendesign --version`` and ``greendesign-cli --version`` print
:func:`version_text`; the log and the evidence pack record the same facts.
Library versions are read from the installed distributions' metadata, so
nothing here imports Brightway or Qt.
"""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from greendesign import __version__

LIBRARIES = ("bw2data", "bw2calc", "bw2io", "PySide6-Essentials", "numpy", "pandas")
"""Distributions whose versions are reported (Brightway, Qt and the numeric stack)."""


def library_version(distribution: str) -> str:
    """The installed version of ``distribution``, or "not installed"."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        frozen = _frozen_version(distribution)
        return frozen or "not installed"


def _frozen_version(distribution: str) -> str | None:
    """In a frozen build the metadata may be absent; ask the imported module instead."""
    module = {"PySide6-Essentials": "PySide6"}.get(distribution, distribution)
    loaded = sys.modules.get(module)
    version = getattr(loaded, "__version__", None)
    if isinstance(version, tuple):
        version = ".".join(map(str, version))
    return str(version) if version else None


def inventory_data_version() -> str:
    """The hash of the bundled ``lca_data`` files the inventory is built from."""
    try:
        # deferred: a damaged install still answers --version
        from greendesign.inventory.datasets import data_version

        return data_version()
    except Exception as exc:  # a damaged install still answers --version
        return f"unavailable ({exc})"


def versions() -> dict[str, str]:
    """The versions as a mapping (for JSON output and the evidence pack)."""
    found = {"greendesign": __version__, "inventory_data": inventory_data_version()}
    for name in LIBRARIES:
        found[name] = library_version(name)
    found["python"] = f"{platform.python_implementation()} {platform.python_version()}"
    return found


def version_text(program: str) -> str:
    """The ``--version`` text of ``program``: one fact a line."""
    found = versions()
    return "\n".join([
        f"GreenDesign {found['greendesign']} ({program})",
        f"inventory data {found['inventory_data']}",
        "Brightway: bw2data {bw2data}, bw2calc {bw2calc}, bw2io {bw2io}".format(**found),
        f"PySide6 {found['PySide6-Essentials']}",
        f"numpy {found['numpy']}, pandas {found['pandas']}",
        f"Python {found['python']} ({sys.platform})",
    ])
