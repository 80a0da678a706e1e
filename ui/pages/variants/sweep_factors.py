"""The factors of a design-space sweep, as the designer sets them up.

:class:`FactorEditor` lists the factors (one box each, added from a menu and
removed with their own button) and the sample design (full factorial or Latin
hypercube), and shows how many candidates the sweep will evaluate. Each box
edits one factor of :mod:`greendesign.sweep.spec`: the material of a part
(alternatives picked from the catalogue or proposed by the Ashby advisor), the
recycled content of parts, the production grid, the green-power share, the
service life or the end-of-life region. :func:`default_factors` proposes a
set that gives a meaningful picture of the open design at once.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from greendesign.errors import GreenDesignError
from greendesign.scoring.bom import METAL_FAMILIES, family_of, is_plastic_family
from greendesign.sweep.spec import (
    EolRegionFactor,
    GreenPowerFactor,
    MaterialFactor,
    MaterialOption,
    ProductionGridFactor,
    RecycledContentFactor,
    ServiceLifeFactor,
    SweepSpec,
)
from ui.prompts import UserPrompts
from ui.services.material_names import location_names, material_choices
from ui.widgets.formatting import format_number, parse_number

ASHBY_TOP = 5
"""Alternatives the Ashby advisor button proposes."""
DEFAULT_ALTERNATIVES = 3
"""Alternatives of the default material factor."""
_SEPARATORS = re.compile(r"[,;\s\uff0c\u3001\uff1b]+")


def parse_levels(text: str, scale: float = 1.0) -> list[float]:
    """Numbers typed as ``"0, 30, 50"`` (also separated by spaces, ``;`` or Chinese commas),
    each divided by ``scale``; raises ``ValueError`` naming a bad entry."""
    levels = [parse_number(token) / scale for token in _SEPARATORS.split(text) if token]
    if not levels:
        raise ValueError("no levels")
    return levels


def levels_text(values, scale: float = 1.0) -> str:
    return ", ".join(format_number(v * scale) for v in values)


def material_class(code: str) -> str | None:
    """``"plastic"``, ``"metal"`` or None: the class of a material for its alternatives."""
    family = family_of(code)
    if is_plastic_family(family):
        return "plastic"
    return "metal" if family in METAL_FAMILIES else None


def ashby_options(part, count: float, top: int = ASHBY_TOP) -> list[MaterialOption]:
    """The lightest alternatives of the part's own material class (panel, stiffness), with
    the part's mass per unit under each."""
    from greendesign.scoring.lightweight import ashby_advisor, default_material_properties

    properties, _note = default_material_properties()
    wanted = material_class(part.material)
    codes = [c for c in properties if c != part.material
             and (wanted is None or material_class(c) == wanted)]
    result = ashby_advisor(part, "panel", "stiffness", count=count, properties=properties,
                           candidates=codes, top=top)
    return [MaterialOption(material=c.material, mass_kg=c.mass_kg / count)
            for c in result.candidates]


def default_factors(product) -> list:
    """A first sweep of ``product``: the heaviest plastic or metal part's material (3 Ashby
    alternatives) and recycled content (0/30/50 %), green power 0/30/60 %, the service
    life as designed and 50 % longer."""
    factors: list = []
    parts = [(p, n) for p, n in product.parts() if material_class(p.material) is not None]
    if parts:
        part, count = max(parts, key=lambda pn: pn[0].mass_kg * pn[1])
        options = ashby_options(part, count, DEFAULT_ALTERNATIVES)
        if options:
            factors.append(MaterialFactor(part_id=part.id, options=options))
        factors.append(RecycledContentFactor(part_ids=[part.id], levels=[0.0, 0.3, 0.5]))
    factors.append(GreenPowerFactor(levels=[0.0, 0.3, 0.6]))
    life = product.service_life_years
    factors.append(ServiceLifeFactor(levels=[life, life * 1.5]))
    return factors


def _checklist(choices: list[tuple[str, str]], checked, rows: int = 5) -> QListWidget:
    """A list of checkable ``(code, label)`` choices, ``checked`` codes ticked."""
    widget = QListWidget()
    for code, label in choices:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, code)
        item.setToolTip(label)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if code in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(widget.sizeHintForRow(0) * rows + 6 if choices else 40)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    return widget


def checked_codes(widget: QListWidget) -> list[str]:
    return [widget.item(r).data(Qt.ItemDataRole.UserRole) for r in range(widget.count())
            if widget.item(r).checkState() == Qt.CheckState.Checked]


def part_choices(product) -> list[tuple[str, str]]:
    return [(part.id, f"{part.display_name} ({part.id})") for part, _n in product.parts()]


class FactorBox(QGroupBox):
    """One factor: its editors, an error line and a remove button.

    Signals
    -------
    changed
        An edit changed the factor.
    removeRequested
        The remove button was clicked.
    """

    changed = Signal()
    removeRequested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout()
        self.form.setContentsMargins(6, 4, 6, 4)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a8322d;")
        self.error.setWordWrap(True)
        self.error.hide()
        remove = QToolButton()
        remove.setText("\u2715")
        remove.setToolTip(self.tr("Remove this factor"))
        remove.clicked.connect(self.removeRequested)
        top = QHBoxLayout()
        top.addLayout(self.form, 1)
        top.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.error)

    def factor(self):
        """The factor, or None when it is not valid (the error line says why)."""
        try:
            factor = self.build()
        except (ValueError, GreenDesignError) as exc:
            self.error.setText(getattr(exc, "message", None) or str(exc))
            self.error.show()
            return None
        self.error.hide()
        return factor

    def build(self):
        raise NotImplementedError

    def levels_edit(self, text: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(lambda _t: self.changed.emit())
        return edit

    def watch(self, widget: QListWidget) -> QListWidget:
        widget.itemChanged.connect(lambda _i: self.changed.emit())
        return widget


class MaterialBox(FactorBox):
    """Alternative materials of one part (level 0: the part as designed)."""

    def __init__(self, product, factor: MaterialFactor | None = None) -> None:
        super().__init__(self.tr("Material of a part"))
        self.product = product
        #: code -> the option as given (its mass per unit and processes, e.g. from the
        #: Ashby advisor or a sweep file); a material ticked by hand keeps the part's own
        self.given: dict[str, MaterialOption] = {}
        self.part = QComboBox()
        self.part.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.part.setMinimumContentsLength(16)
        for code, label in part_choices(product):
            self.part.addItem(label, code)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter materials"))
        self.materials = self.watch(_checklist(material_choices("", 1000), set(), rows=6))
        self.ashby = QPushButton(self.tr("From the Ashby advisor"))
        self.ashby.setToolTip(self.tr(
            "Tick the five lightest materials of the part's class for a stiff panel, with "
            "the part's mass under each"))
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        row.addWidget(self.ashby)
        self.form.addRow(self.tr("Part:"), self.part)
        self.form.addRow(self.tr("Alternatives:"), row)
        self.form.addRow(self.materials)
        if factor is not None:
            self.part.setCurrentIndex(max(0, self.part.findData(factor.part_id)))
            self._tick(factor.options)
        self.part.currentIndexChanged.connect(self._part_changed)
        self.filter.textChanged.connect(self._filter)
        self.ashby.clicked.connect(self.fill_from_ashby)

    def _part(self):
        pid = self.part.currentData()
        return next(((p, n) for p, n in self.product.parts() if p.id == pid), (None, 1.0))

    def _part_changed(self) -> None:
        self.given.clear()  # the masses were of the other part
        self._tick([])
        self.changed.emit()

    def _filter(self, text: str) -> None:
        text = text.strip().lower()
        for r in range(self.materials.count()):
            item = self.materials.item(r)
            item.setHidden(bool(text) and text not in item.text().lower())

    def _tick(self, options: list[MaterialOption]) -> None:
        wanted = {o.material for o in options}
        self.given = {o.material: o for o in options}
        self.materials.blockSignals(True)
        for r in range(self.materials.count()):
            item = self.materials.item(r)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.materials.blockSignals(False)

    def fill_from_ashby(self) -> None:
        """Tick the Ashby advisor's lightest alternatives of the chosen part."""
        part, count = self._part()
        if part is None:
            return
        options = ashby_options(part, count)
        if not options:
            self.error.setText(self.tr("The Ashby advisor has no alternatives for this part's "
                                       "material (its density or stiffness is not known)."))
            self.error.show()
            return
        self._tick(options)
        self.changed.emit()

    def build(self) -> MaterialFactor:
        part, _count = self._part()
        if part is None:
            raise ValueError(self.tr("Choose a part."))
        codes = [c for c in checked_codes(self.materials) if c != part.material]
        given = list(self.given)  # the order of the file or the advisor, then the list's
        codes.sort(key=lambda c: given.index(c) if c in given else len(given))
        if not codes:
            raise ValueError(self.tr("Tick at least one alternative material."))
        return MaterialFactor(part_id=part.id, options=[
            self.given.get(c) or MaterialOption(material=c) for c in codes])


class RecycledBox(FactorBox):
    """The recycled-content share of the ticked parts."""

    def __init__(self, product, factor: RecycledContentFactor | None = None) -> None:
        super().__init__(self.tr("Recycled content"))
        ids = set(factor.part_ids) if factor else set()
        self.parts = self.watch(_checklist(part_choices(product), ids, rows=4))
        self.levels = self.levels_edit(
            levels_text(factor.levels, 100) if factor else "0, 30, 50", "0, 30, 50")
        self.form.addRow(self.tr("Parts:"), self.parts)
        self.form.addRow(self.tr("Levels (%):"), self.levels)

    def build(self) -> RecycledContentFactor:
        ids = checked_codes(self.parts)
        if not ids:
            raise ValueError(self.tr("Tick at least one part."))
        return RecycledContentFactor(part_ids=ids, levels=self._levels())

    def _levels(self) -> list[float]:
        try:
            return parse_levels(self.levels.text(), 100.0)
        except ValueError:
            raise ValueError(self.tr("Type the levels in % as numbers, e.g. 0, 30, 50."
                                     )) from None


class LevelsBox(FactorBox):
    """A factor of numbers typed as a list: green-power share (%) or service life (years)."""

    def __init__(self, kind: str, factor=None, product=None) -> None:
        green = kind == "green_power_share"
        super().__init__(self.tr("Green-power share") if green else self.tr("Service life"))
        self.kind, self.scale = kind, 100.0 if green else 1.0
        if factor is not None:
            text = levels_text(factor.levels, self.scale)
        elif green:
            text = "0, 30, 60"
        else:
            life = product.service_life_years if product is not None else 5.0
            text = levels_text([life, life * 1.5])
        self.levels = self.levels_edit(text, "0, 30, 60" if green else "5, 7.5")
        self.form.addRow(self.tr("Levels (%):") if green else self.tr("Levels (years):"),
                         self.levels)

    def build(self):
        try:
            levels = parse_levels(self.levels.text(), self.scale)
        except ValueError:
            raise ValueError(self.tr("Type the levels as numbers, e.g. 0, 30, 60.")) from None
        if self.kind == "green_power_share":
            return GreenPowerFactor(levels=levels)
        return ServiceLifeFactor(levels=levels)


class RegionBox(FactorBox):
    """Production grids or end-of-life regions, ticked from the catalogue's locations."""

    def __init__(self, kind: str, factor=None, product=None) -> None:
        grid = kind == "production_grid"
        super().__init__(self.tr("Production grid") if grid else self.tr("End-of-life region"))
        self.kind = kind
        if factor is not None:
            ticked = set(factor.levels)
        elif product is not None:
            scenario = product.scenario
            ticked = {scenario.production.grid if grid else scenario.end_of_life.region}
        else:
            ticked = set()
        choices = [(c, f"{n} ({c})") for c, n in location_names("grid" if grid else "eol_region")]
        self.regions = self.watch(_checklist(choices, ticked, rows=5))
        self.form.addRow(self.tr("Grids:") if grid else self.tr("Regions:"), self.regions)

    def build(self):
        codes = checked_codes(self.regions)
        if not codes:
            raise ValueError(self.tr("Tick at least one."))
        if self.kind == "production_grid":
            return ProductionGridFactor(levels=codes)
        return EolRegionFactor(levels=codes)


def make_box(kind: str, product, factor=None) -> FactorBox:
    """The editor of a factor of ``kind`` (of ``factor`` when given, else a new one)."""
    if kind == "material":
        return MaterialBox(product, factor)
    if kind == "recycled_content":
        return RecycledBox(product, factor)
    if kind in ("green_power_share", "service_life"):
        return LevelsBox(kind, factor, product)
    return RegionBox(kind, factor, product)


class FactorEditor(QWidget):
    """The factors of a sweep, its sample design and the number of candidates.

    Signals
    -------
    specChanged
        A factor or the sample design changed (:meth:`spec` is new).
    """

    specChanged = Signal()

    KINDS = ("material", "recycled_content", "production_grid", "green_power_share",
             "service_life", "eol_region")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product = None
        self.boxes: list[FactorBox] = []
        self.add_button = QPushButton(self.tr("Add factor"))
        menu = QMenu(self.add_button)
        for kind in self.KINDS:
            menu.addAction(self.kind_name(kind), lambda k=kind: self.add_factor(k))
        self.add_button.setMenu(menu)
        self.defaults_button = QPushButton(self.tr("Default factors"))
        self.defaults_button.setToolTip(self.tr("Start again from the proposed factors"))
        self.defaults_button.clicked.connect(self.reset)
        self.open_button = QPushButton(self.tr("Open\u2026"))
        self.open_button.setToolTip(self.tr("Read the factors from a sweep file (JSON, as "
                                            "greendesign-cli sweep --factors reads it)"))
        self.open_button.clicked.connect(self.open_file)
        self.save_button = QPushButton(self.tr("Save\u2026"))
        self.save_button.setToolTip(self.tr("Write the factors to a sweep file (JSON) for "
                                            "greendesign-cli sweep or a colleague"))
        self.save_button.clicked.connect(self.save_file)
        #: file dialogs and error boxes (replaced in tests)
        self.prompts = UserPrompts()
        self.design = QComboBox()
        self.design.addItem(self.tr("Full factorial"), "full")
        self.design.addItem(self.tr("Latin hypercube"), "lhs")
        self.samples = QSpinBox()
        self.samples.setRange(2, 200_000)
        self.samples.setSingleStep(100)
        self.samples.setValue(500)
        self.count_label = QLabel()
        self.count_label.setObjectName("sweepCandidates")
        self.count_label.setWordWrap(True)

        self.box_layout = QVBoxLayout()
        self.box_layout.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 4, 0)
        inner.addLayout(self.box_layout)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        sample = QHBoxLayout()
        sample.addWidget(QLabel(self.tr("Sample:")))
        sample.addWidget(self.design, 1)
        sample.addWidget(self.samples)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        layout.addLayout(sample)
        layout.addWidget(self.count_label)
        self.design.currentIndexChanged.connect(lambda _i: self._changed())
        self.samples.valueChanged.connect(lambda _v: self._changed())
        self._changed()

    def kind_name(self, kind: str) -> str:
        names = {"material": self.tr("Material of a part"),
                 "recycled_content": self.tr("Recycled content"),
                 "production_grid": self.tr("Production grid"),
                 "green_power_share": self.tr("Green-power share"),
                 "service_life": self.tr("Service life"),
                 "eol_region": self.tr("End-of-life region")}
        return names[kind]

    # --- factors -----------------------------------------------------------------------
    def set_product(self, product, reset: bool = False) -> None:
        """Edit factors of ``product``; ``reset``: start from :func:`default_factors`."""
        had = self.product is not None
        self.product = product
        if reset or not had:
            self.reset()

    def reset(self) -> None:
        """The default factors of the product."""
        self.set_factors(default_factors(self.product) if self.product is not None else [])

    def set_factors(self, factors) -> None:
        for box in list(self.boxes):
            self._remove(box, notify=False)
        for factor in factors:
            self._add(make_box(factor.kind, self.product, factor))
        self._changed()

    def add_factor(self, kind: str) -> FactorBox | None:
        """Add a new factor of ``kind`` (one of :attr:`KINDS`)."""
        if self.product is None:
            return None
        box = self._add(make_box(kind, self.product))
        self._changed()
        return box

    def _add(self, box: FactorBox) -> FactorBox:
        self.boxes.append(box)
        self.box_layout.addWidget(box)
        box.changed.connect(self._changed)
        box.removeRequested.connect(lambda b=box: self._remove(b))
        return box

    def _remove(self, box: FactorBox, notify: bool = True) -> None:
        self.boxes.remove(box)
        self.box_layout.removeWidget(box)
        box.deleteLater()
        if notify:
            self._changed()

    def set_spec(self, spec: SweepSpec) -> None:
        """Show ``spec``: its factors and its sample design."""
        self.design.setCurrentIndex(self.design.findData(spec.design))
        if spec.samples:
            self.samples.setValue(min(spec.samples, self.samples.maximum()))
        self.set_factors(spec.factors)

    # --- sweep files -------------------------------------------------------------------
    FILTER = "JSON (*.json)"

    def open_file(self) -> bool:
        """Read a sweep file into the editor; False when cancelled or unreadable."""
        from greendesign.sweep.spec import read_spec  # deferred: start-up speed

        path = self.prompts.open_path(self, self.tr("Open sweep file"), "", self.FILTER)
        if path is None or self.product is None:
            return False
        try:
            spec = read_spec(path)
            from greendesign.sweep.candidates import check_targets

            check_targets(self.product, spec)
        except GreenDesignError as exc:
            self.prompts.show_error(self, exc, self.tr("Cannot open the sweep file"))
            return False
        self.set_spec(spec)
        return True

    def save_file(self) -> bool:
        """Write the factors to a sweep file (atomically); False when cancelled or
        incomplete."""
        from greendesign.io.atomic import atomic_write_text  # deferred: start-up speed

        try:
            spec = self.spec()
        except (ValueError, GreenDesignError) as exc:
            self.prompts.show_error(self, exc, self.tr("Cannot save the sweep file"))
            return False
        path = self.prompts.save_path(self, self.tr("Save sweep file"), "sweep.json",
                                      self.FILTER)
        if path is None:
            return False
        try:
            atomic_write_text(path, spec.model_dump_json(indent=1, exclude_none=True)
                              + "\n")
        except OSError as exc:
            self.prompts.show_error(self, exc, self.tr("Cannot save the sweep file"))
            return False
        return True

    # --- the spec ----------------------------------------------------------------------
    def spec(self) -> SweepSpec:
        """The sweep as set up; raises ``GreenDesignError``/``ValueError`` saying what is wrong."""
        factors = [box.factor() for box in self.boxes]
        bad = [k + 1 for k, f in enumerate(factors) if f is None]
        if bad:
            raise ValueError(self.tr("Factor {numbers} is not complete.").format(
                numbers=", ".join(map(str, bad))))
        if not factors:
            raise ValueError(self.tr("Add a factor to vary."))
        lhs = self.design.currentData() == "lhs"
        return SweepSpec(factors=factors, design="lhs" if lhs else "full",
                         samples=self.samples.value() if lhs else None)

    def _changed(self) -> None:
        self.samples.setEnabled(self.design.currentData() == "lhs")
        try:
            spec = self.spec()
        except (ValueError, GreenDesignError) as exc:
            self.count_label.setText(getattr(exc, "message", None) or str(exc))
            self.count_label.setStyleSheet("color: #a8322d;")
        else:
            text = self.tr("{count} candidates").format(count=f"{spec.size:,}")
            if spec.design == "lhs":
                text += " " + self.tr("(of {full} combinations)").format(
                    full=f"{spec.full_size:,}")
            self.count_label.setText(text)
            self.count_label.setStyleSheet("font-weight: bold;")
        self.specChanged.emit()
