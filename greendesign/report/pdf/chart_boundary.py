"""The system boundary diagram: five stage boxes inside a dashed boundary, module D outside.

Drawn with matplotlib patches in axes coordinates (no data), in the current language.
Resources and energy enter every stage from above, emissions and waste leave below; the
end-of-life stage passes recycled material and recovered energy to the module D box outside
the boundary, whose credits are reported apart and never in the total.
"""

from __future__ import annotations

from greendesign.i18n import _
from greendesign.report.pdf import chart_style as style
from greendesign.report.pdf import terms

STAGES = ("raw_materials", "manufacturing", "distribution", "use", "end_of_life")


def boundary_chart(data):
    """The system boundary of the pack's main design."""
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

    fig = style.figure(2.6, layout=None)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 42)
    ax.axis("off")
    width, gap, left, y0, height = 11.6, 3.0, 3.0, 14.0, 11.0
    right = left + 5 * width + 4 * gap
    ax.add_patch(Rectangle((1.0, 8.0), right + 1.5, 24.5, fill=False, linestyle=(0, (5, 3)),
                           linewidth=1.0, edgecolor="#444444"))
    ax.text(2.0, 30.2, style.label(_("System boundary: cradle to grave"), 60), fontsize=7.5,
            color="#333333", va="center")
    for i, stage in enumerate(STAGES):
        x = left + i * (width + gap)
        ax.add_patch(FancyBboxPatch((x, y0), width, height, boxstyle="round,pad=0.3,"
                                    "rounding_size=1.2", facecolor=style.STAGE_COLOURS[stage],
                                    edgecolor="none", alpha=0.9))
        ax.text(x + width / 2, y0 + height / 2, _wrap(terms.stage(stage), 6), ha="center",
                va="center", fontsize=7.6, color="white", weight="bold")
        if i:
            ax.add_patch(FancyArrowPatch((x - gap + 0.3, y0 + height / 2),
                                         (x - 0.3, y0 + height / 2), arrowstyle="-|>",
                                         mutation_scale=9, color="#555555", linewidth=1.0))
    middle = (1.0 + right + 2.5) / 2
    ax.add_patch(FancyArrowPatch((middle, 38.0), (middle, 32.9), arrowstyle="simple",
                                 mutation_scale=14, color="#9a9a9a"))
    ax.text(middle, 39.2, style.label(_("resources, materials, energy"), 60), ha="center",
            fontsize=7, color="#444444")
    ax.add_patch(FancyArrowPatch((middle, 7.6), (middle, 2.8), arrowstyle="simple",
                                 mutation_scale=14, color="#9a9a9a"))
    ax.text(middle + 2.5, 4.4, style.label(_("emissions to air, water and soil; waste"), 70),
            ha="left", va="center", fontsize=7, color="#444444")
    dx = 87.0
    ax.add_patch(FancyBboxPatch((dx, y0), 11.5, height, boxstyle="round,pad=0.3,"
                                "rounding_size=1.2", facecolor="white",
                                edgecolor=style.CREDIT_COLOUR, hatch="///", linewidth=1.0))
    ax.text(dx + 5.75, y0 + height / 2, _wrap(_("Module D"), 8) + "\n" +
            _wrap(_("(not in the total)"), 8), ha="center", va="center", fontsize=7,
            color="#333333", bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
    ax.add_patch(FancyArrowPatch((right + 0.4, y0 + height / 2), (dx - 0.5, y0 + height / 2),
                                 arrowstyle="-|>", mutation_scale=9, color="#777777",
                                 linestyle="--", linewidth=1.0))
    ax.text((right + 2.5 + dx) / 2 + 0.3, y0 - 1.0, _wrap(_("recycled material, recovered "
                                                             "energy"), 6),
            ha="center", va="top", fontsize=6.2, color="#555555")
    ax.text(dx + 5.75, y0 + height + 2.0, _wrap(_("beyond the system boundary"), 8),
            ha="center", va="bottom", fontsize=6.5, color="#555555")
    return fig


def _wrap(text: str, width: int = 10) -> str:
    """Break a label into lines: Chinese every ``width`` characters, others at spaces."""
    text = style.label(text, 80)
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        if len(text) <= width:
            return text
        return "\n".join(text[i:i + width] for i in range(0, len(text), width))
    width *= 2
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
