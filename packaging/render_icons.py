"""Render the app icon's PNGs from ``resources/icons/greendesign.svg`` with Qt's SVG renderer.

    .venv/bin/python packaging/render_icons.py          # writes resources/icons/greendesign-<N>.png
    .venv/bin/python packaging/render_icons.py --check  # exit 1 when a PNG is missing or stale

The PNGs (16, 32, 48, 64, 128 and 256 px, named ``greendesign-<N>.png``) are
committed, so neither the app nor the desktop install needs Qt's SVG module;
run this again after editing the SVG. Qt runs offscreen: no display is needed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "greendesign.svg"
SIZES = (16, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    """Where the ``size`` px rendering is kept."""
    return ICONS / f"greendesign-{size}.png"


def render(size: int):
    """The SVG rendered into a transparent ``size`` x ``size`` QImage."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {SVG} is not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that every PNG exists and matches the SVG")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841
    stale = []
    for size in SIZES:
        image = render(size)
        target = png_path(size)
        if args.check:
            current = QImage(str(target))
            if current.isNull() or current.convertToFormat(image.format()) != image:
                stale.append(target.name)
            continue
        if not image.save(str(target), "PNG"):
            print(f"render_icons: could not write {target}", file=sys.stderr)
            return 1
        print(f"{target.relative_to(ROOT)}: {size}x{size}")
    if stale:
        print("render_icons: missing or stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
