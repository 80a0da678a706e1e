"""Files bundled with the app: demo products, the inventory, translations.

They live at the top of the source tree (``resources/`` and ``lca_data/``), next
to the ``greendesign`` package. The paths are found from the installed package,
never from the working directory: in a source tree (or an editable install) they
sit beside the package; a wheel installs them under ``<prefix>/share/greendesign``
(see ``[tool.setuptools.data-files]`` in ``pyproject.toml``); a frozen build
(PyInstaller) sets ``sys._MEIPASS`` and carries the same two folders there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from greendesign.errors import GreenDesignError
from greendesign.i18n import _


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    source_tree = Path(__file__).resolve().parent.parent
    if (source_tree / "lca_data").is_dir():
        return source_tree
    installed = Path(sys.prefix) / "share" / "greendesign"  # a wheel's data files
    if (installed / "lca_data").is_dir():
        return installed
    return source_tree


def _folder(name: str) -> Path:
    path = _root() / name
    if not path.is_dir():
        raise GreenDesignError(
            _("The bundled folder {name}/ is missing: {path}.").format(name=name, path=path),
            hint=_("Reinstall GreenDesign from its source tree or installer."))
    return path


def resources_dir() -> Path:
    """The ``resources/`` folder: demo products, icons, translations, fonts."""
    return _folder("resources")


def lca_data_dir() -> Path:
    """The ``lca_data/`` folder: the bundled inventory with its provenance."""
    return _folder("lca_data")


def demo_products() -> list[Path]:
    """The bundled demo project files, sorted by name."""
    return sorted((resources_dir() / "demo").glob("*.gdproj"))
