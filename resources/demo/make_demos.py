"""Write the three demo projects of ``resources/demo`` (run from the repository root).

    .venv/bin/python resources/demo/make_demos.py

The output is deterministic except the ``saved_at`` time stamp of each file.
Every material, process and location code must be in the dataset catalogue;
the script stops with the list of unresolved references otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent.parent))

from demo_chair import build_chair  # noqa: E402
from demo_common import mass_without  # noqa: E402
from demo_kettle import build_kettle  # noqa: E402
from demo_speaker import build_speaker  # noqa: E402

from greendesign.inventory.product_check import unresolved_references  # noqa: E402
from greendesign.io.project_file import save_project  # noqa: E402

DEMOS = {
    "electric_kettle.gdproj": build_kettle,
    "office_chair.gdproj": build_chair,
    "bluetooth_speaker.gdproj": build_speaker,
}


def main() -> int:
    """Build, check and save every demo; print a one-line summary per design."""
    for file_name, build in DEMOS.items():
        project = build()
        problems = []
        for name in project.design_names:
            product = project.design(name)
            problems += [f"{name}: {p}" for p in unresolved_references(product)]
            print(f"{file_name:26} {name:20} {len(product.parts()):3d} leaf parts  "
                  f"{product.mass_kg:7.3f} kg  ({mass_without(product):.3f} kg without "
                  "packaging)")
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        path = save_project(project, HERE / file_name)
        path.chmod(0o644)  # the atomic save creates 0600 files; bundled data must be readable
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
