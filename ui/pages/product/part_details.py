"""The side panel of the Product page: every field of the selected part or assembly."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from greendesign.model import Assembly, Part
from greendesign.model.declared import DeclaredValue, verification_name
from greendesign.model.part import iter_parts
from ui.i18n import _tr
from ui.services.material_names import dataset_label
from ui.widgets.formatting import format_mass, format_number, format_percent, format_quantity


def supplier_data_text(value: DeclaredValue) -> str:
    """``2.1 kg CO2e/kg, EPD S-P-01234 (third-party verified, 2024)``: a declared value in
    one line."""
    return _tr("{value} {unit}, {source} ({verification}, {year})").format(
        value=format_number(value.gwp_kgco2e), unit=value.unit, source=value.source,
        verification=verification_name(value.verification), year=value.year)


def supplier_rows(value: DeclaredValue, own: bool) -> list[tuple[str, str]]:
    """The rows of the Supplier data section: what is declared, by whom, how checked."""
    rows = [
        (_tr("Declared GWP100"), f"{format_number(value.gwp_kgco2e)} {value.unit}"),
        (_tr("Covers"), _tr("this part: material and processes, cradle to gate") if own
         else _tr("the material of every part without its own value")),
        (_tr("Source"), value.source),
        (_tr("Verification"), verification_name(value.verification)),
        (_tr("Year"), str(value.year)),
        (_tr("Geography"), value.geography),
        (_tr("Pedigree"), ", ".join(str(p) for p in value.pedigree)),
        (_tr("Scope"), value.scope),
    ]
    rows += [(key, format_number(number)) for key, number in value.indicators.items()]
    if value.document:
        rows.append((_tr("Document"), value.document))
    if value.note:
        rows.append((_tr("Note"), value.note))
    return rows


def detail_sections(node: Part | Assembly, units_per_product: float | None = None,
                    material_value: DeclaredValue | None = None
                    ) -> list[tuple[str, list[tuple[str, str]]]]:
    """The selected node's fields as ``[(section, [(label, value), ...]), ...]``.

    Empty optional fields are shown as "-" so the user sees that they are empty
    rather than missing from the panel. ``material_value`` is the product's supplier data
    for the part's material (shown when the part has no value of its own).
    """
    dash = "\u2013"
    identity = [
        (_tr("Name"), node.name),
        (_tr("Chinese name"), node.name_zh or dash),
        (_tr("ID"), node.id),
        (_tr("Kind"), _tr("Assembly") if isinstance(node, Assembly) else _tr("Part")),
        (_tr("Quantity per parent"), format_quantity(node.quantity)),
    ]
    if units_per_product is not None:
        identity.append((_tr("Units per product"), format_quantity(units_per_product)))
    sections: list[tuple[str, list[tuple[str, str]]]] = [(_tr("Identity"), identity)]

    if isinstance(node, Part):
        material = [
            (_tr("Mass per unit"), format_mass(node.mass_kg, node.mass_unit)),
            (_tr("Mass source"), node.mass_source or dash),
            (_tr("Material"), dataset_label(node.material)),
            (_tr("Recycled content"), format_percent(node.recycled_content)),
            (_tr("Scrap rate"), format_percent(node.scrap_rate)),
            (_tr("Material input"), format_mass(node.material_input_kg, node.mass_unit)),
        ]
        sections.append((_tr("Mass and material"), material))
        if node.declared is not None or material_value is not None:
            sections.append((_tr("Supplier data"), supplier_rows(
                node.declared or material_value, node.declared is not None)))
    else:
        parts = list(iter_parts(node.children))
        sections.append((_tr("Contents"), [
            (_tr("Mass per unit"), format_mass(node.mass_kg)),
            (_tr("Child rows"), str(len(node.children))),
            (_tr("Parts inside"), str(len(parts))),
        ]))

    processes = [
        (dataset_label(p.dataset),
         _tr("part mass") if p.amount is None
         else f"{format_number(p.amount)} {p.unit}".strip())
        for p in node.processes
    ] or [(_tr("Processes"), dash)]
    sections.append((_tr("Manufacturing"), processes))

    assembly = [
        (_tr("Joint"), node.joint.value),
        (_tr("Joint count"), str(node.joint_count)),
        (_tr("Reversible"), _tr("yes") if node.joint.reversible else _tr("no")),
        (_tr("Module"), node.module or dash),
    ]
    if isinstance(node, Part):
        priority = (node.priority_kind or _tr("yes")) if node.priority_part else _tr("no")
        assembly.append((_tr("Priority part"), priority))
    sections.append((_tr("Assembly and disassembly"), assembly))

    if isinstance(node, Part):
        substances = [
            (s.name + (f" (CAS {s.cas})" if s.cas else ""), format_percent(s.mass_fraction))
            for s in node.substances
        ] or [(_tr("Declared substances"), _tr("none declared"))]
        compliance = [*substances,
                      (_tr("Plastic marking (ISO 11469)"), node.plastic_marking or dash)]
        if node.eol_override is not None:
            mix = node.eol_override
            compliance.append((_tr("End of life (override)"), _tr(
                "reuse {reuse}, recycling {rec}, energy {energy}, landfill {landfill}").format(
                reuse=format_percent(mix.reuse), rec=format_percent(mix.recycling),
                energy=format_percent(mix.energy_recovery),
                landfill=format_percent(mix.landfill))))
        legs = [f"{leg.mode.value} {format_number(leg.distance_km)} km"
                for leg in node.transport_legs]
        if legs:
            compliance.append((_tr("Inbound transport"), "; ".join(legs)))
        sections.append((_tr("Substances and end of life"), compliance))
    if node.notes:
        sections.append((_tr("Notes"), [("", node.notes)]))
    return sections


class PartDetailsPanel(QTextBrowser):
    """Read-only panel listing all fields of one BOM node (rich text, selectable)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setMinimumWidth(260)
        self.show_node(None)

    def show_node(self, node: Part | Assembly | None,
                  units_per_product: float | None = None,
                  material_value: DeclaredValue | None = None) -> None:
        """Show a node's fields, or a hint when nothing is selected."""
        if node is None:
            self.setHtml("<p style='color:#666'>" + html.escape(
                _tr("Select a part or assembly to see all its fields.")) + "</p>")
            return
        # the heading in the language of the interface, the other name below it
        heading = node.display_name
        other = node.name if heading != node.name else node.name_zh
        rows = [f"<h3 style='margin-bottom:2px'>{html.escape(heading)}</h3>"]
        if other:
            rows.append(f"<div style='color:#555'>{html.escape(other)}</div>")
        rows.append("<table width='100%' cellspacing='0' cellpadding='2'>")
        for section, fields in detail_sections(node, units_per_product, material_value):
            rows.append(f"<tr><td colspan='2' style='padding-top:10px; color:#2e6b3a; "
                        f"font-weight:bold'>{html.escape(section)}</td></tr>")
            for label, value in fields:
                rows.append(f"<tr><td width='42%' style='color:#555'>{html.escape(label)}</td>"
                            f"<td>{html.escape(value)}</td></tr>")
        rows.append("</table>")
        self.setHtml("".join(rows))
