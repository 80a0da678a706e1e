"""Building the ready-built inventory: ``python -m greendesign.inventory.template``.

The installer (``make``, or the packaging step) runs this once: it sets up the
whole inventory in a scratch Brightway base directory — biosphere, LCIA
methods, the two bundled databases — computes the fast-path matrices
(:func:`greendesign.lca.background.load_background`) and zips the folder, with
the set-up version and the data version in the zip's comment. The app unpacks
it on first run (:mod:`greendesign.inventory.template_install`).

Building needs every layer of the inventory and the fast path, so this module
sits above them all; nothing in the app imports it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from greendesign import paths
from greendesign.inventory.brightway_project import activate
from greendesign.inventory.brightway_setup import ensure_inventory
from greendesign.inventory.datasets import data_version
from greendesign.inventory.template_install import (
    _template_id,
    template_is_current,
    template_path,
)
from greendesign.lca.background import load_background


def build_template(dest: Path | None = None, progress=None) -> Path:
    """Build the whole inventory in a scratch base directory and zip it to ``dest``."""
    dest = dest or template_path()
    dest.parent.mkdir(parents=True, exist_ok=True)
    old_home = os.environ.get("GREENDESIGN_HOME")
    with tempfile.TemporaryDirectory(prefix="gd-template-") as scratch:
        os.environ["GREENDESIGN_HOME"] = scratch
        try:
            ensure_inventory(progress=progress)
            load_background()
            base = paths.brightway_dir()
            tmp = dest.with_suffix(".tmp")
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.comment = _template_id(data_version()).encode()
                for file in sorted(base.rglob("*")):
                    if file.is_file() and not file.name.endswith(".lock"):
                        archive.write(file, file.relative_to(base).as_posix())
            tmp.replace(dest)
        finally:
            if old_home is None:
                os.environ.pop("GREENDESIGN_HOME", None)
            else:
                os.environ["GREENDESIGN_HOME"] = old_home
            activate()  # point Brightway back at the real home
    return dest


def main() -> int:
    """``python -m greendesign.inventory.template``: build the installation's template."""
    if template_is_current() and "--force" not in sys.argv[1:]:
        print(f"{template_path()} is current")
        return 0
    start = time.perf_counter()
    path = build_template()
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
