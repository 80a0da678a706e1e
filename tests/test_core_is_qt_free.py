"""The core (``greendesign``) never imports Qt, pyqtgraph or the ui package."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import greendesign


def test_importing_every_core_module_loads_no_qt():
    modules = [m.name for m in pkgutil.walk_packages(greendesign.__path__, "greendesign.")]
    assert "greendesign.model.part" in modules and "greendesign.io.project_file" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph', 'ui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_core_sources_do_not_mention_qt_imports():
    import re
    from pathlib import Path

    root = Path(greendesign.__file__).parent
    pattern = re.compile(r"^\s*(from|import)\s+(PySide6|PyQt\d|pyqtgraph|shiboken6|ui)\b", re.M)
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if pattern.search(p.read_text("utf-8"))]
    assert offenders == []
