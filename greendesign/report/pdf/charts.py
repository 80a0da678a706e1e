"""The charts of the evidence pack, drawn by the core from the pack's result objects.

:func:`draw_charts` writes every chart as PNG (150 dpi, for the pack and the workbook) and
SVG (text as paths, embedded in the PDF) and returns ``{"<name>_<lang>": (png, svg)}`` for
each language of the report (``zh_CN``, ``en``, or both). The charts:

``stages``       GWP100 by life cycle stage, module D apart and marked as not in the total
``parts``        the largest part contributors to GWP100 (the part's own lines)
``materials``    the largest material contributors to GWP100
``tornado``      the one-at-a-time sensitivity of GWP100
``monte_carlo``  the distribution of GWP100 over the Monte Carlo iterations (with them)
``carbon``       the ISO 14067 split: fossil, biogenic, land use change, aircraft, module D
``comparison``   the designs by stage and the paired difference to the reference (2+ designs)
``boundary``     the system boundary: the five stages inside, module D outside

Each ``*_chart`` function returns the matplotlib figure before it is saved, so a test can
read its bars. Values are the same objects the screen uses: ``Result.by_stage()``,
``Result.by_part()``, ``Result.by_material()``, the tornado frame, ``MonteCarlo.samples``,
``CarbonFootprint`` and ``Comparison``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from greendesign.i18n import _
from greendesign.i18n import language as in_language
from greendesign.report.pdf import chart_style as style
from greendesign.report.pdf import terms
from greendesign.report.pdf.context import ReportContext

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]
STAGES = ("raw_materials", "manufacturing", "distribution", "use", "end_of_life")
TOP = 10


def _gwp_unit() -> str:
    return style.unit_label(terms.unit("kg CO2-Eq"))


def _annotate(ax, bars, values, horizontal: bool = False) -> None:
    from greendesign.report.pdf.numbers import sig

    for bar, value in zip(bars, values, strict=True):
        text = sig(value)
        if horizontal:
            x = bar.get_x() + bar.get_width()
            ax.annotate(text, (x, bar.get_y() + bar.get_height() / 2), xytext=(3 if value >= 0
                                                                                 else -3, 0),
                        textcoords="offset points", va="center",
                        ha="left" if value >= 0 else "right", fontsize=7)
        else:
            y = bar.get_y() + bar.get_height()
            ax.annotate(text, (bar.get_x() + bar.get_width() / 2, y),
                        xytext=(0, 2 if value >= 0 else -9), textcoords="offset points",
                        ha="center", fontsize=7)


def stage_chart(data, method=terms.GWP100):
    """Bars of the five stages, then module D hatched beside them (not in the total)."""
    result = data.main.result
    j = data.method_index(method)
    stages = result.by_stage()
    values = [float(stages.iloc[:, j][s]) for s in STAGES]
    credit = float(result.credits[j])
    fig = style.figure(3.0)
    ax = fig.add_subplot()
    x = np.arange(len(STAGES))
    bars = ax.bar(x, values, color=[style.STAGE_COLOURS[s] for s in STAGES], width=0.62)
    _annotate(ax, bars, values)
    dbar = ax.bar([len(STAGES) + 0.6], [credit], width=0.62, color="white",
                  edgecolor=style.CREDIT_COLOUR, hatch="///", linewidth=1.0)
    _annotate(ax, dbar, [credit])
    ax.axvline(len(STAGES) - 0.1, color="#777777", linestyle="--", linewidth=0.8)
    ax.axhline(0, color="#333333", linewidth=0.6)
    labels = [style.label(terms.stage(s), 14) for s in STAGES]
    labels.append(_("Module D") + "\n" + _("(not in the total)"))
    ax.set_xticks(list(x) + [len(STAGES) + 0.6], labels)
    ax.set_ylabel(_gwp_unit())
    ax.set_title(style.label(_("GWP100 by stage, total {total}").format(
        total=_number(float(result.total[j]))), 80), loc="left")
    ax.margins(y=0.15)
    return fig


def _number(value: float) -> str:
    from greendesign.report.pdf.numbers import sig

    return sig(value)


def _ranked(ax, names, values, colour=style.BAR_COLOUR) -> None:
    y = np.arange(len(names))[::-1]
    bars = ax.barh(y, values, color=colour, height=0.65)
    ax.set_yticks(y, names)
    _annotate(ax, bars, values, horizontal=True)
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.margins(x=0.18)


def parts_chart(data, ctx: ReportContext, method=terms.GWP100):
    """The largest part contributors (the parts' own lines, as the part table)."""
    result = data.main.result
    j = data.method_index(method)
    column = result.by_stage().columns[j]
    frame = result.by_part(rollup=False)[column]
    top = frame.abs().sort_values(ascending=False).index[:TOP]
    names = [style.label(ctx.part_name(pid)) for pid in top]
    fig = style.figure(0.5 + 0.26 * max(len(top), 3))
    ax = fig.add_subplot()
    _ranked(ax, names, [float(frame[p]) for p in top])
    ax.set_xlabel(_gwp_unit())
    return fig


def materials_chart(data, ctx: ReportContext, method=terms.GWP100):
    """The largest material contributors."""
    result = data.main.result
    j = data.method_index(method)
    column = result.by_stage().columns[j]
    frame = result.by_material()[column]
    top = frame.abs().sort_values(ascending=False).index[:TOP]
    names = [style.label(ctx.dataset_name(code)) for code in top]
    fig = style.figure(0.5 + 0.26 * max(len(top), 3))
    ax = fig.add_subplot()
    _ranked(ax, names, [float(frame[c]) for c in top], colour=style.STAGE_COLOURS["end_of_life"])
    ax.set_xlabel(_gwp_unit())
    return fig


def tornado_chart(data, ctx: ReportContext):
    """Low and high results of each parameter around the deterministic total."""
    from greendesign.report.pdf.sec_lca_results import parameter_name

    frame = data.main.tornado
    base = float(frame.attrs.get("baseline", data.main.carbon.total_kg)) if frame is not None \
        else data.main.carbon.total_kg
    rows = frame.head(TOP) if frame is not None else []
    fig = style.figure(0.6 + 0.28 * max(len(rows), 3))
    ax = fig.add_subplot()
    if len(rows):
        y = np.arange(len(rows))[::-1]
        low = rows["low"].to_numpy(float)
        high = rows["high"].to_numpy(float)
        ax.barh(y, low - base, left=base, color=style.BAR_COLOUR, height=0.6,
                label=_("low (2.5th percentile)"))
        ax.barh(y, high - base, left=base, color=style.ACCENT, height=0.6,
                label=_("high (97.5th percentile)"))
        ax.set_yticks(y, [style.label(parameter_name(ctx, p)) for p in rows["parameter"]])
        ax.legend(loc="lower right")
    ax.axvline(base, color="#333333", linewidth=0.8)
    ax.set_xlabel(_gwp_unit())
    return fig


def monte_carlo_chart(data):
    """Histogram of the GWP100 samples with the deterministic value and the 95 % interval."""
    mc = data.main.monte_carlo
    j = mc.methods.index(terms.GWP100)
    samples = mc.samples[:, j]
    fig = style.figure(2.8)
    ax = fig.add_subplot()
    ax.hist(samples, bins=40, color=style.BAR_COLOUR, alpha=0.85)
    low, high = np.percentile(samples, [2.5, 97.5])
    ax.axvline(float(mc.deterministic[j]), color="#222222", linewidth=1.2,
               label=_("deterministic"))
    ax.axvline(low, color=style.ACCENT, linestyle="--", linewidth=1.0,
               label=_("2.5th and 97.5th percentiles"))
    ax.axvline(high, color=style.ACCENT, linestyle="--", linewidth=1.0)
    ax.set_xlabel(_gwp_unit())
    ax.set_ylabel(_("iterations"))
    ax.legend(loc="upper right")
    return fig


def carbon_chart(data):
    """Fossil, biogenic, land use change, aircraft (part of the total), total; module D apart."""
    c = data.main.carbon
    names = [_("Fossil"), _("Biogenic"), _("Land use change"), _("Aircraft (in the total)"),
             _("Total")]
    values = [c.fossil_kg, c.biogenic_kg, c.land_use_kg, c.aircraft_kg, c.total_kg]
    colours = ["#4e79a7", "#59a14f", "#b07aa1", "#76b7b2", "#333333"]
    fig = style.figure(2.6)
    ax = fig.add_subplot()
    y = np.arange(len(values) + 1)[::-1]
    bars = ax.barh(y[:-1], values, color=colours, height=0.62)
    _annotate(ax, bars, values, horizontal=True)
    dbar = ax.barh([y[-1]], [c.credits_beyond_boundary_kg], height=0.62, color="white",
                   edgecolor=style.CREDIT_COLOUR, hatch="///")
    _annotate(ax, dbar, [c.credits_beyond_boundary_kg], horizontal=True)
    ax.axhline(y[-1] + 0.5, color="#777777", linestyle="--", linewidth=0.8)
    ax.set_yticks(y, names + [_("Module D (not in the total)")])
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.set_xlabel(_gwp_unit())
    ax.margins(x=0.2)
    return fig


def comparison_chart(data):
    """Stacked stages per design; beside it the paired difference to the reference."""
    comparison = data.comparison
    stages = comparison.by_stage()
    designs = list(comparison.designs)
    fig = style.figure(3.0)
    left, right = fig.subplots(1, 2, width_ratios=[1.25, 1])
    x = np.arange(len(designs))
    positive = np.zeros(len(designs))
    negative = np.zeros(len(designs))
    for stage in STAGES:
        values = np.array([float(stages.loc[stage, d]) for d in designs])
        bottom = np.where(values >= 0, positive, negative)
        left.bar(x, values, bottom=bottom, color=style.STAGE_COLOURS[stage], width=0.6,
                 label=style.label(terms.stage(stage), 26))
        positive += np.where(values >= 0, values, 0)
        negative += np.where(values < 0, values, 0)
    names = [style.label(terms.design(d), 16) for d in designs]
    left.set_xticks(x, names)
    left.set_ylabel(_gwp_unit())
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=6.5)
    others = [d for d in designs if d != comparison.reference]
    summary = comparison.summary()
    per_year = comparison.per_year_needed
    diffs = np.array([float(summary.loc[d, "per_year_difference" if per_year else
                                        "difference"]) for d in others])
    yy = np.arange(len(others))[::-1]
    right.barh(yy, diffs, color=[style.BAR_COLOUR if v <= 0 else style.ACCENT for v in diffs],
               height=0.36, alpha=0.85)
    right.set_ylim(-1.0, len(others))
    paired = data.paired
    if paired is not None and not per_year:
        frame = paired.frame
        label = summary.attrs["method"]
        lows, highs = [], []
        for d in others:
            row = frame[(frame["design"] == d) & (frame["method"] == label)]
            lows.append(float(row["difference_p2_5"].iloc[0]))
            highs.append(float(row["difference_p97_5"].iloc[0]))
        err = np.array([diffs - np.array(lows), np.array(highs) - diffs])
        right.errorbar(diffs, yy, xerr=np.clip(err, 0, None), fmt="none", ecolor="#222222",
                       capsize=3, linewidth=0.9, label=_("95 % interval (paired)"))
        right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=6.5)
    right.axvline(0, color="#333333", linewidth=0.8)
    right.set_yticks(yy, [style.label(terms.design(d), 16) for d in others])
    right.set_xlabel(style.label(_("difference to {reference}, per year").format(
        reference=terms.design(comparison.reference)) if per_year else
        _("difference to {reference}").format(reference=terms.design(comparison.reference)),
        60))
    return fig


def chart_functions(data, ctx: ReportContext) -> dict[str, Callable[[], object]]:
    """The charts this pack can draw, by name (no Monte Carlo, no comparison: not drawn)."""
    from greendesign.report.pdf.chart_boundary import boundary_chart

    charts: dict[str, Callable[[], object]] = {
        "stages": lambda: stage_chart(data), "parts": lambda: parts_chart(data, ctx),
        "materials": lambda: materials_chart(data, ctx),
        "tornado": lambda: tornado_chart(data, ctx), "carbon": lambda: carbon_chart(data),
        "boundary": lambda: boundary_chart(data)}
    if data.main.monte_carlo is not None and terms.GWP100 in data.main.monte_carlo.methods:
        charts["monte_carlo"] = lambda: monte_carlo_chart(data)
    if data.comparison is not None and len(data.comparison.designs) > 1:
        charts["comparison"] = lambda: comparison_chart(data)
    return charts


def draw_charts(data, folder: Path, language: str, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> dict[str, tuple[Path, Path]]:
    """Draw every chart of ``data`` in ``language`` (``zh_CN``, ``en`` or ``both``) into
    ``folder``; returns ``{"<name>_<lang>": (png path, svg path)}`` (module docstring)."""
    import matplotlib

    from greendesign.report.pack_data import PackError
    from greendesign.report.pdf.document import report_languages

    report = progress or (lambda _f, _m: None)
    stop = cancelled or (lambda: False)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, tuple[Path, Path]] = {}
    langs = report_languages(language)
    shared: dict = {}
    with matplotlib.rc_context(style.rc()):
        for k, lang in enumerate(langs):
            with in_language(lang):
                ctx = ReportContext(data, lang, {}, shared)
                functions = chart_functions(data, ctx)
                for i, (name, make) in enumerate(functions.items()):
                    if stop():
                        raise PackError(_("The export was cancelled."),
                                        hint=_("Nothing was written."))
                    report((k + i / len(functions)) / len(langs),
                           _("Drawing the chart {name}").format(name=name))
                    fig = make()
                    stem = folder / f"{name}_{lang}"
                    png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
                    style.save(fig, png, svg)
                    out[f"{name}_{lang}"] = (png, svg)
    report(1.0, _("Charts drawn"))
    return out

