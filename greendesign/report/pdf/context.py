"""What every section of the report needs: the pack's data, the language, names in it,
the charts, and references to sections and pages.

:class:`ReportContext` is made once per language of the document. Names come from the data
in the language being written (:func:`greendesign.i18n.pick`): a part shows its ``name_zh``
in Chinese when it has one, a dataset its catalogue name. :meth:`ReportContext.section_ref`
and :meth:`ReportContext.page_ref` write Typst that resolves, when the document is laid out,
to the number of a labelled section and the page it starts on (``counter(page).at``), so the
clause matrix gives real pages.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from greendesign.i18n import _, pick
from greendesign.model.vocab import electricity_grid
from greendesign.report.pdf import markup as m
from greendesign.report.pdf import terms


@dataclass
class ReportContext:
    """One language's view of the pack.

    Attributes
    ----------
    data
        The :class:`~greendesign.report.pack_data.PackData`.
    language
        ``"zh_CN"`` or ``"en"``.
    charts
        Chart name -> file name inside the document's folder (the SVG), for this language.
    shared
        What both languages share (computed once): the conformity scores, the catalogue.
    """

    data: Any
    language: str
    charts: dict[str, str]
    shared: dict[str, Any] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)

    # --- labels and references -------------------------------------------------------------
    def label(self, key: str) -> str:
        """The Typst label of a section of this language (``zh_CN-lca-scope``)."""
        return m.label_name(self.language, key)

    def define(self, key: str) -> str:
        """Register a labelled section; returns ``<label>`` to put after its heading."""
        name = self.label(key)
        self.labels.add(name)
        return f"<{name}>"

    def section_ref(self, key: str) -> str:
        """The section's number, linked to it (``3.1.4``); resolved by :func:`resolve_refs`
        once every section is written (a section left out of the report gives a dash)."""
        return f"\x00S{self.label(key)}\x00"

    def page_ref(self, key: str) -> str:
        """The page the labelled element is on (as the running header counts pages)."""
        return f"\x00P{self.label(key)}\x00"

    def chart(self, name: str) -> str | None:
        return self.charts.get(name)

    # --- the pack ------------------------------------------------------------------------
    @property
    def main(self):
        return self.data.main

    @property
    def product(self):
        return self.data.main.product

    @property
    def record(self):
        return getattr(self.data.project, "evidence", None)

    @property
    def zh(self) -> bool:
        return self.language == "zh_CN"

    def method_column(self, method) -> str:
        from greendesign.lca.engine import method_label  # deferred with pandas

        return method_label(tuple(method))

    # --- names -----------------------------------------------------------------------------
    def part_name(self, part_id: str, design: str | None = None) -> str:
        """A part's or assembly's name in the current language (Chinese name when it has one)."""
        names = self._node_names(design or self.data.options.designs[0])
        if part_id in names:
            english, chinese = names[part_id]
            return pick(english, chinese)
        for other in self.data.designs:
            names = self._node_names(other)
            if part_id in names:
                return pick(*names[part_id])
        return part_id

    def _node_names(self, design: str) -> dict[str, tuple[str, str]]:
        key = ("names", design)
        if key not in self.shared:
            from greendesign.model.part import walk

            product = self.data.designs[design].product if design in self.data.designs else \
                self.data.project.design(design)
            self.shared[key] = {node.id: (node.name, node.name_zh)
                                for node, *_ in walk(product.bom)}
        return self.shared[key]

    def product_name(self, design: str | None = None) -> str:
        product = self.data.designs[design].product if design else self.product
        return pick(product.name, product.name_zh)

    @functools.cached_property
    def _records(self) -> dict[str, Any]:
        return {r.code: r for r in self.data.datasets}

    def dataset_record(self, code: str):
        return self._records.get(code)

    def dataset_name(self, code: str) -> str:
        """A dataset's or material's name in the current language."""
        grid = electricity_grid(code)
        if grid is not None:
            region, published = grid
            entry = self._catalogue_entry(region)
            place = pick(entry.name_en, entry.name_zh) if entry else terms.geography(region)
            if published:
                return _("Electricity, {grid} (published CO2 factor)").format(grid=place)
            return _("Electricity, {grid}").format(grid=place)
        if code == "emission_co2_fossil_air":
            return _("Fossil CO2 of burnt materials (to air)")
        if code == "emission_co2_non_fossil_air":
            return _("Biogenic CO2 of burnt materials (to air)")
        record = self._records.get(code)
        if record is not None and (record.name_zh or record.name_en != code):
            return pick(record.name_en, record.name_zh)
        entry = self._catalogue_entry(code)
        if entry is not None:
            return pick(entry.name_en, entry.name_zh)
        return code

    def _catalogue_entry(self, code: str):
        catalogue = self.shared.get("catalogue")
        if catalogue is None:
            from greendesign.inventory.user_catalogue import load_catalogue

            catalogue = self.shared["catalogue"] = load_catalogue()
        try:
            return catalogue.dataset_entry(code)  # a regional dataset: its base code's
        except Exception:  # noqa: BLE001 - an unknown code is shown as it is
            return None

    def made_in_china(self) -> bool:
        return terms.is_china(self.product.manufacturer_region or "CN")


_REF = re.compile("\x00([SP])([^\x00]+)\x00")


def resolve_refs(source: str, labels: set[str]) -> str:
    """Replace the placeholders of :meth:`ReportContext.section_ref` and ``page_ref`` by Typst
    that shows the section number or page of a label defined in the document, else a dash."""
    def replace(match: re.Match) -> str:
        kind, name = match.group(1), match.group(2)
        if name not in labels:
            return m.text("\u2013")
        if kind == "P":
            return f"#link(<{name}>)[#context counter(page).at(<{name}>).first()]"
        return (f"#link(<{name}>)[#context {{ let el = query(<{name}>).first(); "
                f"if el.numbering != none {{ numbering(el.numbering, "
                f"..counter(heading).at(el.location())) }} }}]")
    return _REF.sub(replace, source)


def not_provided() -> str:
    """The marked line for something the project does not hold (markup)."""
    return m.muted(m.text(_("not provided in the project")))


def value_or_missing(value: object) -> str:
    """The value as markup, or the marked "not provided" line when it is empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return not_provided()
    return m.text(value)
