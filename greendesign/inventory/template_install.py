"""Unpacking the ready-built inventory into an empty Brightway folder on first run.

Writing the 98 LCIA methods through Brightway takes most of a from-scratch
set-up (about 17 s here). The installer (``make``, or the packaging step)
builds the complete Brightway base directory once from ``lca_data`` and bw2io's
packaged data — biosphere, methods, the two inventory databases and the
fast-path matrices — and stores it as a zip (:mod:`greendesign.inventory.template`).
On first run, when the app's Brightway directory holds no project yet, the zip
is unpacked into it: a first run in about a second. The unpacked project is
then checked like any other (stamp, counts, data version); anything amiss is
rebuilt from ``lca_data`` as before. The zip is only ever read from the
installation, never from a user folder, and every member is checked to stay
inside the target.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from greendesign import paths
from greendesign.bundled import _root
from greendesign.inventory.brightway_project import SETUP_VERSION
from greendesign.inventory.datasets import data_version

TEMPLATE_NAME = "greendesign-inventory-template.zip"
#: The largest total size a template may unpack to (it is about 10 MB).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024


def template_path() -> Path:
    """Where the installation keeps the ready-built inventory."""
    override = os.environ.get("GREENDESIGN_INVENTORY_TEMPLATE")
    if override:
        return Path(override)
    return _root() / "build" / TEMPLATE_NAME


def template_is_current(path: Path | None = None) -> bool:
    """Whether the template at ``path`` was built by this set-up version from this data."""
    path = path or template_path()
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment.decode() == _template_id(data_version())
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError):
        return False


def _template_id(version: str) -> str:
    return f"greendesign-inventory setup={SETUP_VERSION} data={version}"


def install_template(path: Path | None = None) -> float | None:
    """Unpack the template into an empty Brightway directory; seconds taken, or None.

    Does nothing (returns None) when there is no current template or when the
    Brightway directory already holds projects: user projects are never touched.
    """
    path = path or template_path()
    base = paths.brightway_dir()
    if not template_is_current(path):
        return None
    if any(p.name != ".greendesign-setup.lock" for p in base.iterdir()):
        return None
    start = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=".template-", dir=base.parent))
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                target = (staging / info.filename).resolve()
                if not target.is_relative_to(staging.resolve()):
                    raise ValueError(f"template member escapes the target: {info.filename}")
                total += info.file_size
                if total > MAX_UNPACKED_BYTES:
                    raise ValueError("template unpacks to more than the allowed size")
            archive.extractall(staging)
        for item in staging.iterdir():
            shutil.move(str(item), str(base / item.name))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return time.perf_counter() - start
