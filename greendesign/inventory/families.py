"""End-of-life families of materials: their codes and their names in messages."""

from __future__ import annotations

from greendesign.i18n import N_, translate

#: End-of-life families of materials: the recycling stream a material goes to.
FAMILIES = frozenset({
    "ferrous", "stainless", "aluminium", "copper", "zinc", "magnesium", "titanium",
    "plastic_pp", "plastic_pe", "plastic_pet", "plastic_ps", "plastic_abs", "plastic_pc",
    "plastic_pc_abs", "plastic_pa", "plastic_pom", "plastic_pmma", "plastic_pvc",
    "plastic_pbt", "plastic_pur", "plastics", "rubber", "glass", "ceramics", "wood", "paper",
    "textile", "electronics", "battery", "other",
})

#: The families as messages name them (the codes stay in the data and the details).
FAMILY_NAMES = {
    "ferrous": N_("ferrous metal (steel, iron)"), "stainless": N_("stainless steel"),
    "aluminium": N_("aluminium"), "copper": N_("copper"), "zinc": N_("zinc"),
    "magnesium": N_("magnesium"), "titanium": N_("titanium"), "plastic_pp": N_("PP plastic"),
    "plastic_pe": N_("PE plastic"), "plastic_pet": N_("PET plastic"),
    "plastic_ps": N_("PS plastic"), "plastic_abs": N_("ABS plastic"),
    "plastic_pc": N_("PC plastic"), "plastic_pc_abs": N_("PC/ABS plastic"),
    "plastic_pa": N_("PA (nylon) plastic"), "plastic_pom": N_("POM plastic"),
    "plastic_pmma": N_("PMMA (acrylic) plastic"), "plastic_pvc": N_("PVC plastic"),
    "plastic_pbt": N_("PBT plastic"), "plastic_pur": N_("polyurethane (PUR)"),
    "plastics": N_("mixed plastics"), "rubber": N_("rubber"), "glass": N_("glass"),
    "ceramics": N_("ceramics"), "wood": N_("wood"), "paper": N_("paper and board"),
    "textile": N_("textiles"), "electronics": N_("electronics"), "battery": N_("batteries"),
    "other": N_("other materials"),
}


def family_name(family: str | None) -> str:
    """An end-of-life family as a message names it, translated (the code when unknown)."""
    return translate(FAMILY_NAMES[family]) if family in FAMILY_NAMES else str(family or "")
