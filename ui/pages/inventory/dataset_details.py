"""The Inventory page's detail panel: a bundled dataset's names, provenance, recipe and
cradle-to-gate impacts, and the impact table shown for user datasets too.

:class:`DatasetDetails` writes the HTML the page shows; it reads the page's state (the
loaded background, whether the inventory is ready) but changes none of it except the
impacts it last showed (:attr:`DatasetDetails.impacts`, read by
:meth:`~ui.pages.inventory.inventory_browser.InventoryBrowser.impact`).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from greendesign.inventory.datasets import FACTORY_ELECTRICITY, load_datasets, load_uslci
from greendesign.inventory.reference_data import published_gwp
from ui.i18n import _tr
from ui.pages.inventory.inventory_rows import (
    DatasetRow,
    PedigreeNames,
    RegionalNotes,
    regional_bases,
)
from ui.services.material_names import ui_language
from ui.widgets.formatting import format_number

if TYPE_CHECKING:
    from ui.pages.inventory.inventory_browser import InventoryBrowser


class DatasetDetails(QObject):
    """The HTML of the detail panel (its texts are translated in this class's context)."""

    def __init__(self, page: InventoryBrowser) -> None:
        super().__init__(page)
        self.page = page
        # (method, value or None when not covered, unit) of the impacts last shown
        self.impacts: list[tuple[tuple[str, ...], float | None, str]] = []

    def bundled_html(self, row: DatasetRow) -> str:
        """The detail of a bundled dataset: names, GHG-only note, provenance, recipe, impacts."""
        ds = row.dataset
        esc = html.escape
        language = ui_language()
        parts = [f"<h3 style='margin-bottom:2px'>{esc(row.name(language))}</h3>",
                 f"<p style='color:#555; margin-top:0'><code>{esc(ds.code)}</code>"]
        if row.entry is not None:
            other = row.entry.name_en if language == "zh" else row.entry.name_zh
            if other:
                parts.append(f" \u00b7 {esc(other)}")
        parts.append(f" \u00b7 {esc(_tr('per {unit}').format(unit=ds.unit))}</p>")
        if ds.ghg_only or ds.ghg_only_sources:
            text = (self.tr("GHG-only data: this dataset rests only on greenhouse-gas factors "
                            "({sources}); every impact category other than climate change is "
                            "left blank.") if ds.ghg_only else
                    self.tr("Partly GHG-only: some inputs rest on greenhouse-gas factors only "
                            "({sources}); other categories understate those inputs."))
            parts.append("<p style='background:#fff4d6; padding:4px; border:1px solid #e0c36a'>"
                         + esc(text.format(sources=", ".join(ds.ghg_only_sources))) + "</p>")

        parts.append(f"<h4>{esc(_tr('Provenance'))}</h4><table cellspacing='0' "
                     "cellpadding='2'>")
        names = PedigreeNames().names()
        pedigree = "; ".join(f"{name} {score}" for name, score in zip(names, ds.pedigree,
                                                                        strict=True))
        regional = RegionalNotes()
        use = regional.use(row, regional_bases(load_datasets()))
        for caption, value in ((self.tr("Source"), ds.source), (self.tr("Year"), ds.year),
                               (self.tr("Geography"), " ".join(filter(None, (
                                   ds.geography, regional.fit(row), use)))),
                               (self.tr("Pedigree (1 best, 5 worst)"), pedigree),
                               (self.tr("Proxy"), row.proxy_note(language) or self.tr("none")),
                               (self.tr("Note"), ds.note)):
            parts.append(f"<tr><td valign='top' style='color:#555; padding-right:8px'>"
                         f"{esc(caption)}</td><td>{esc(value)}</td></tr>")
        parts.append("</table>")

        parts.append(f"<h4>{esc(_tr('Recipe per {unit}').format(unit=ds.unit))}</h4>")
        parts.append("<table cellspacing='0' cellpadding='2' width='100%'>"
                     f"<tr style='background:#eef2ee'><th align='left'>{esc(_tr('Input'))}"
                     f"</th><th align='right'>{esc(_tr('Amount'))}</th>"
                     f"<th align='left'>{esc(_tr('Unit'))}</th>"
                     f"<th align='left'>{esc(_tr('Note'))}</th></tr>")
        for line in ds.lines:
            label, unit = self.input_label(line.prefix, line.target)
            parts.append(f"<tr><td>{esc(label)}</td><td align='right'>"
                         f"{esc(format_number(line.amount))}</td><td>{esc(unit)}</td>"
                         f"<td style='color:#555'>{esc(line.note)}</td></tr>")
        parts.append("</table>")
        if ds.factory_kwh:
            factory = self.tr(
                "Factory electricity: {kwh} kWh per {unit}, supplied in the life cycle model "
                "from the product's production grid and green-power share (not in the impacts "
                "below).").format(kwh=format_number(ds.factory_kwh), unit=ds.unit)
        else:
            factory = self.tr("Factory electricity: none.")
        parts.append(f"<p>{esc(factory)}</p>")

        parts.append(f"<h4>{esc(_tr('Cradle-to-gate impacts per {unit}').format(unit=ds.unit))}"
                     "</h4>")
        parts.append(self.impacts_html(ds.code, ds.unit, ds.ghg_only))
        return "".join(parts)

    def input_label(self, prefix: str, target: str) -> tuple[str, str]:
        if prefix == "uslci":
            uslci = load_uslci()
            activity = uslci.activities.get(uslci.by_name.get(target, ""))
            unit = activity.unit if activity else ""
            where = f" [{activity.location}]" if activity and activity.location else ""
            return self.tr("USLCI: {name}").format(name=target) + where, unit
        if prefix == "gd":
            if target == FACTORY_ELECTRICITY:
                return self.tr("factory electricity (product's grid)"), "kWh"
            row = self.page._row(target)
            name = row.name(ui_language()) if row else target
            return f"{name} ({target})", row.dataset.unit if row else ""
        if prefix == "gwp":
            factor = published_gwp().get(target)
            unit = factor.unit if factor else ""
            return self.tr("published GWP factor {code} (GHG-only)").format(code=target), \
                f"{unit}"
        if prefix == "grid":
            return self.tr("grid emission factor {code} (GHG-only)").format(code=target), "kWh"
        if prefix == "bio":
            return self.tr("elementary flow: {flow}").format(flow=target.replace("|", " / ")), \
                "kg"
        return self.tr("none (counted elsewhere)"), ""

    def impacts_html(self, code: str, unit: str, ghg_only: bool, bg: Any | None = None,
                      user: bool = False) -> str:
        """The cradle-to-gate impacts of ``code`` per ``unit`` for the default methods, as HTML
        (or why they are not shown yet); fills :attr:`impacts`."""
        esc = html.escape
        page = self.page
        bg = bg if user else page.background
        self.impacts = []
        if user and bg is None:
            error = page.user_details.errors.get(("impacts", code))
            if error:
                text = self.tr("The impacts cannot be calculated: {error}").format(error=error)
            elif not page._ready:
                text = self.tr("The impacts appear when the local inventory is ready.")
            else:
                text = self.tr("Calculating the impacts with the local inventory\u2026")
            return f"<p style='color:#555'>{esc(text)}</p>"
        if bg is None:
            if page._load_error:
                text = self.tr("The impacts cannot be loaded: {error}").format(
                    error=page._load_error)
            elif page._loading:
                text = self.tr("Loading the impacts from the local inventory\u2026")
            else:
                text = self.tr("The impacts appear when the local inventory is ready.")
            return f"<p style='color:#555'>{esc(text)}</p>"
        from greendesign.lca.engine import default_methods  # deferred: loads pandas

        column = bg.column.get(code)
        if column is None:
            return "<p style='color:#555'>" + esc(self.tr(
                "This dataset is not in the local inventory; set the inventory up again.")) + \
                "</p>"
        rows = ["<table cellspacing='0' cellpadding='2' width='100%'>"
                f"<tr style='background:#eef2ee'><th align='left'>{esc(_tr('Method'))}</th>"
                f"<th align='right'>{esc(_tr('Value'))}</th>"
                f"<th align='left'>{esc(_tr('Unit'))}</th></tr>"]
        for method in default_methods(bg):
            row = bg.method_row.get(tuple(method))
            if row is None:
                continue
            value = float(bg.H[row, column])
            method_unit = bg.method_units[row]
            not_covered = ghg_only and value == 0.0 and "climate change" not in method[1]
            self.impacts.append((tuple(method), None if not_covered else value, method_unit))
            label = method[0] if method[0].startswith("Cumulative") else \
                f"{method[0]}: {method[1]}"
            shown = self.tr("not covered") if not_covered else format_number(value)
            rows.append(f"<tr><td title='{esc(' | '.join(method))}'>{esc(label)}</td>"
                        f"<td align='right'>{esc(shown)}</td><td>"
                        f"{esc(_tr('{unit} per {per}').format(unit=method_unit, per=unit))}"
                        "</td></tr>")
        rows.append("</table>")
        return "".join(rows)


def _f_string_labels() -> tuple[str, ...]:
    """Never called: lists the labels used inside f-strings in this module and in
    :mod:`ui.pages.inventory.inventory_user`, where lupdate does not look, so that they are extracted into
    the translation file (empty context)."""
    return (_tr("per {unit}"), _tr("Provenance"), _tr("Recipe per {unit}"), _tr("Input"),
            _tr("Amount"), _tr("Unit"), _tr("Note"), _tr("Cradle-to-gate impacts per {unit}"),
            _tr("Method"), _tr("Value"), _tr("{unit} per {per}"), _tr("Exchanges per {unit}"),
            _tr("Type"), _tr("Flow"), _tr("Location or compartment"), _tr("No exchanges."))
