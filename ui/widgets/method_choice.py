"""The method chooser of the Results and Variants pages: a family combo, then a category combo."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox

from greendesign.lca.engine import GWP100

FAMILIES = (  # (method family in the inventory, short name shown)
    ("IPCC 2021", "IPCC 2021"),
    ("EF v3.1", "EF v3.1"),
    ("Cumulative Energy Demand (CED)", "CED"),
    ("ReCiPe 2016 v1.03, midpoint (H)", "ReCiPe 2016 midpoint (H)"),
    ("CML v4.8 2016", "CML v4.8"),
)


class MethodChoice(QObject):
    """Two combos that choose one installed method; ``methodChosen(tuple)`` on a user choice.

    Choosing the IPCC 2021 family goes to GWP100 when it is installed; other
    families go to their first category.
    """

    methodChosen = Signal(object)

    def __init__(self, object_prefix: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.method: tuple[str, ...] = GWP100
        self._methods: list[tuple[str, ...]] = []
        self._categories: list[tuple[str, ...]] = []
        self.family_combo = QComboBox()
        self.family_combo.setObjectName(f"{object_prefix}Family")
        self.family_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName(f"{object_prefix}Category")
        self.category_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_combo.setMinimumContentsLength(40)
        self.family_combo.currentIndexChanged.connect(self._family_chosen)
        self.category_combo.currentIndexChanged.connect(self._category_chosen)

    def set_methods(self, methods, current: tuple[str, ...]) -> tuple[str, ...]:
        """Offer ``methods`` with ``current`` selected; return the method now chosen."""
        self._methods = [tuple(m) for m in methods]
        self.method = tuple(current)
        installed = {m[0] for m in self._methods}
        self.family_combo.blockSignals(True)
        self.family_combo.clear()
        known = [f for f, _short in FAMILIES]
        for family, short in FAMILIES:
            if family in installed:
                self.family_combo.addItem(short, family)
        for family in sorted(installed - set(known)):
            self.family_combo.addItem(family, family)
        self.family_combo.setCurrentIndex(max(0, self.family_combo.findData(self.method[0])))
        self.family_combo.blockSignals(False)
        self._fill_categories()
        return self.method

    def _fill_categories(self) -> None:
        family = self.family_combo.currentData()
        methods = [m for m in self._methods if m[0] == family]
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self._categories = methods
        for method in methods:
            self.category_combo.addItem(" | ".join(method[1:]))
        index = methods.index(self.method) if self.method in methods else 0
        self.category_combo.setCurrentIndex(index)
        self.category_combo.blockSignals(False)
        if methods:
            self.method = methods[index]

    def _family_chosen(self, _index: int) -> None:
        family = self.family_combo.currentData()
        if not self._methods or family is None:
            return
        preferred = {"IPCC 2021": GWP100}.get(family)
        if preferred is not None and preferred in self._methods:
            self.method = preferred
        self._fill_categories()
        self.methodChosen.emit(self.method)

    def _category_chosen(self, index: int) -> None:
        if 0 <= index < len(self._categories):
            self.method = self._categories[index]
            self.methodChosen.emit(self.method)
