"""How the report's charts look: the bundled font, colours, sizes, label text.

Charts are drawn with matplotlib's object-oriented API on an Agg canvas (no pyplot, no
Qt). Text uses the bundled GreenDesign Sans SC, registered with ``font_manager.addfont`` and
named in the rc parameters; maths text (the subscript of CO₂) uses the same font. SVGs are
written with ``svg.fonttype = "path"``: every glyph becomes a path, so the SVG shows the same
letters on any machine without the font, and the PDF, which embeds the SVGs, holds no font but
the bundled one.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from greendesign.report.pdf.markup import FONT_FAMILY, FONT_FILES, font_dir, printable

STAGE_COLOURS = {"raw_materials": "#4e79a7", "manufacturing": "#f28e2b",
                 "distribution": "#76b7b2", "use": "#e15759", "end_of_life": "#59a14f"}
CREDIT_COLOUR = "#bab0ac"
BAR_COLOUR = "#4e79a7"
ACCENT = "#e15759"
WIDTH_IN = 6.4
DPI = 150
MAX_LABEL = 30


@functools.cache
def register_fonts() -> str:
    """Add the bundled fonts to matplotlib's font manager (once); returns the family name."""
    from matplotlib import font_manager

    for name in FONT_FILES:
        font_manager.fontManager.addfont(str(font_dir() / name))
    return FONT_FAMILY


def rc() -> dict:
    """rc parameters of every chart (used with ``matplotlib.rc_context``)."""
    family = register_fonts()
    return {"font.family": [family], "font.size": 8.5, "mathtext.fontset": "custom",
            "mathtext.rm": family, "mathtext.it": family, "mathtext.bf": f"{family}:bold",
            "mathtext.sf": family, "mathtext.tt": family, "mathtext.cal": family,
            "mathtext.bfit": f"{family}:bold", "mathtext.fallback": None,
            "mathtext.default": "regular", "axes.unicode_minus": True,
            "svg.fonttype": "path", "svg.hashsalt": "greendesign",
            "axes.spines.top": False, "axes.spines.right": False,
            "axes.titlesize": 9, "axes.labelsize": 8.5, "legend.fontsize": 7.5,
            "legend.frameon": False, "xtick.labelsize": 7.5, "ytick.labelsize": 7.5,
            "path.simplify": True}


def figure(height_in: float, width_in: float = WIDTH_IN, layout: str | None = "constrained"):
    """A new figure on an Agg canvas, at the resolution of the PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), layout=layout, dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def save(fig, png, svg) -> None:
    """Write the figure as PNG and SVG with one layout: the Agg canvas is drawn once (layout
    and raster), the PNG is that raster, then the layout is frozen for the SVG."""
    from PIL import Image

    fig.canvas.draw()
    fig.set_layout_engine(None)
    Image.fromarray(np.asarray(fig.canvas.buffer_rgba())).convert("RGB").save(
        png, dpi=(DPI, DPI))
    fig.savefig(svg, metadata={"Date": None})


def label(value: object, limit: int = MAX_LABEL) -> str:
    """Data text for a chart: printable in the font, ``$`` escaped (no maths), shortened."""
    text = printable(value).replace("\n", " ")
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "\u2026"
    return text.replace("$", r"\$")


_CHEM = re.compile(r"CO2")


def unit_label(value: str) -> str:
    """A unit for an axis: ``kg CO2 当量`` with the 2 as a subscript."""
    return _CHEM.sub(r"CO$_2$", label(value, 60))
