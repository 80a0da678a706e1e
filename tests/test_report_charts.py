"""The charts of the evidence pack: the files, and bars that are the pack's numbers.

Each chart function returns its matplotlib figure before it is saved, so the bars are read
from the figure and compared with values recomputed here from the engine's result objects.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from greendesign.bundled import demo_products
from greendesign.i18n import language
from greendesign.io.project_file import load_project
from greendesign.lca.background import load_background
from greendesign.report.pack_data import GWP100, ExportOptions, PackError, gather
from greendesign.report.pdf import charts as gd_charts
from greendesign.report.pdf import terms
from greendesign.report.pdf.context import ReportContext

STAGES = ("raw_materials", "manufacturing", "distribution", "use", "end_of_life")
SVG = "{http://www.w3.org/2000/svg}"

pytestmark = pytest.mark.inventory  # the installed inventory as the app home


@pytest.fixture(scope="module")
def data(inventory_home):
    path = next(p for p in demo_products() if p.stem == "electric_kettle")
    project = load_project(path)
    return gather(project, ExportOptions(designs=("baseline", "pp-body"), iterations=80),
                  background=load_background())


@pytest.fixture(scope="module")
def drawn(data, tmp_path_factory):
    return gd_charts.draw_charts(data, tmp_path_factory.mktemp("charts"), "both")


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_every_chart_is_written_in_both_languages(drawn):
    names = {"stages", "parts", "materials", "tornado", "monte_carlo", "carbon", "comparison",
             "boundary"}
    assert set(drawn) == {f"{n}_{lang}" for n in names for lang in ("zh_CN", "en")}
    for key, (png, svg) in drawn.items():
        width, height = png_size(png)
        assert 900 <= width <= 1000 and 250 <= height <= 800, (key, width, height)
        assert 5_000 < png.stat().st_size < 1_500_000, key
        root = ET.parse(svg).getroot()
        assert root.tag == f"{SVG}svg"
        # text is drawn as paths: no <text>, glyphs as <path> definitions
        assert not list(root.iter(f"{SVG}text")), key
        assert len(list(root.iter(f"{SVG}path"))) > 10, key


def _bars(ax):
    from matplotlib.patches import Rectangle

    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_the_stage_bars_are_the_stage_values(data):
    result = data.main.result
    j = result.methods.index(GWP100)
    # independent: sum the lines of each stage
    stages = result.lines["stage"].to_numpy()
    expected = [float(result.scores[stages == s, j].sum()) for s in STAGES]
    credit = float(result.scores[stages == "credits_beyond_boundary", j].sum())
    with language("zh_CN"):
        fig = gd_charts.stage_chart(data)
    ax = fig.axes[0]
    heights = [bar.get_height() for bar in _bars(ax)]
    assert heights[:5] == pytest.approx(expected, rel=1e-12)
    assert heights[5] == pytest.approx(credit, rel=1e-12)   # module D, apart
    labels = [t.get_text() for t in ax.get_xticklabels()]
    with language("zh_CN"):
        assert labels[:5] == [terms.stage(s) for s in STAGES]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in labels)
    assert "模块 D" in labels[5] and "不计入总量" in labels[5]


def test_the_part_and_material_bars_are_the_largest_contributors(data):
    result = data.main.result
    j = result.methods.index(GWP100)
    lines = result.lines
    own = {}
    for pid, score, stage in zip(lines["part_id"], result.scores[:, j], lines["stage"],
                                 strict=True):
        if pid and stage != "credits_beyond_boundary":
            own[pid] = own.get(pid, 0.0) + float(score)
    top = sorted(own.values(), key=abs, reverse=True)[:10]
    ctx = ReportContext(data, "en", {}, {})
    with language("en"):
        fig = gd_charts.parts_chart(data, ctx)
    widths = [bar.get_width() for bar in _bars(fig.axes[0])]
    assert widths == pytest.approx(top, rel=1e-9)
    by_material = {}
    for material, score, stage in zip(lines["material"], result.scores[:, j], lines["stage"],
                                      strict=True):
        if material and stage != "credits_beyond_boundary":
            by_material[material] = by_material.get(material, 0.0) + float(score)
    with language("en"):
        fig = gd_charts.materials_chart(data, ctx)
    widths = [bar.get_width() for bar in _bars(fig.axes[0])]
    assert widths == pytest.approx(sorted(by_material.values(), key=abs, reverse=True)[:10],
                                   rel=1e-9)


def test_the_tornado_bars_span_low_to_high(data):
    frame = data.main.tornado.head(10)
    base = data.main.carbon.total_kg
    ctx = ReportContext(data, "en", {}, {})
    with language("en"):
        fig = gd_charts.tornado_chart(data, ctx)
    bars = _bars(fig.axes[0])
    lows, highs = bars[:len(frame)], bars[len(frame):]
    assert [b.get_x() + b.get_width() for b in lows] == pytest.approx(list(frame["low"]))
    assert [b.get_x() + b.get_width() for b in highs] == pytest.approx(list(frame["high"]))
    assert all(b.get_x() == pytest.approx(base) for b in bars)


def test_the_carbon_bars_are_the_iso_14067_split(data):
    c = data.main.carbon
    with language("en"):
        fig = gd_charts.carbon_chart(data)
    widths = [bar.get_width() for bar in _bars(fig.axes[0])]
    assert widths == pytest.approx([c.fossil_kg, c.biogenic_kg, c.land_use_kg, c.aircraft_kg,
                                    c.total_kg, c.credits_beyond_boundary_kg])


def test_the_histogram_holds_every_iteration(data):
    with language("en"):
        fig = gd_charts.monte_carlo_chart(data)
    heights = [bar.get_height() for bar in _bars(fig.axes[0])]
    assert sum(heights) == data.main.monte_carlo.samples.shape[0]


def test_the_comparison_stacks_add_up_to_each_total_and_shows_the_paired_interval(data):
    with language("en"):
        fig = gd_charts.comparison_chart(data)
    left, right = fig.axes[:2]
    bars = _bars(left)
    designs = data.comparison.designs
    totals = np.zeros(len(designs))
    for k, bar in enumerate(bars):
        totals[k % len(designs)] += bar.get_height()
    assert totals == pytest.approx([data.designs[d].carbon.total_kg for d in designs])
    diff = _bars(right)[0].get_width()
    assert diff == pytest.approx(data.designs["pp-body"].carbon.total_kg
                                 - data.designs["baseline"].carbon.total_kg)
    row = data.paired.frame[(data.paired.frame["design"] == "pp-body")
                            & (data.paired.frame["method"] == " | ".join(GWP100))]
    segments = right.collections[0].get_segments()[0]
    assert sorted(segments[:, 0]) == pytest.approx([float(row["difference_p2_5"].iloc[0]),
                                                    float(row["difference_p97_5"].iloc[0])])


def test_a_dollar_in_a_name_is_not_maths():
    from greendesign.report.pdf.chart_style import label, unit_label

    assert label("Part $x$") == r"Part \$x\$"
    assert unit_label("kg CO2 当量") == "kg CO$_2$ 当量"
    assert label("a" * 50).endswith("\u2026") and len(label("a" * 50)) == 30


def test_drawing_can_be_cancelled(data, tmp_path):
    with pytest.raises(PackError, match="cancelled"):
        gd_charts.draw_charts(data, tmp_path, "en", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []
