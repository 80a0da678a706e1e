"""Opening a large project: the window's work grows with the rows at most once.

No timings: the test counts what the open and an edit do. The BOM summary of
the status bar and the product header is made once per change, whatever
number of labels show it; nothing in the window walks the whole BOM again
(the core's validation walks it while the file is read); the column widths
are measured on a sample of rows, not on every row; the tree model is filled
once.
"""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import greendesign.model.part as part_module
import ui.document.document as document_module
import ui.pages.product.product_page as product_page_module
from greendesign.io.project_file import load_project, save_project
from greendesign.model import Assembly, Part, Product, Project
from ui.pages.product.bom_model import BomModel, Column
from ui.pages.product.product_page import FIT_SAMPLE_ROWS
from ui.widgets.formatting import format_number

N_PARTS = 20_000
PER_ASSEMBLY = 20
N_ASSEMBLIES = N_PARTS // PER_ASSEMBLY


def part_quantity(i: int) -> int:
    return 1 + i % 3


def part_mass_kg(i: int) -> float:
    return 0.001 * (1 + i % 7)


def assembly_quantity(a: int) -> int:
    return 2 if a % 5 == 0 else 1


def large_product() -> Product:
    """``N_ASSEMBLIES`` assemblies of ``PER_ASSEMBLY`` parts, quantities on both levels."""
    bom = []
    for a in range(N_ASSEMBLIES):
        parts = [Part(id=f"P{i:05d}", name=f"Part {i}", quantity=part_quantity(i),
                      mass_kg=part_mass_kg(i), material="pp")
                 for i in range(a * PER_ASSEMBLY, (a + 1) * PER_ASSEMBLY)]
        bom.append(Assembly(id=f"A{a:04d}", name=f"Assembly {a}",
                            quantity=assembly_quantity(a), children=parts))
    return Product(name="Large product", functional_unit="one unit", service_life_years=10,
                   bom=bom)


def expected_totals() -> tuple[float, float]:
    """Units and mass per product, from the numbers the product was built from."""
    units = mass = 0.0
    for i in range(N_PARTS):
        count = assembly_quantity(i // PER_ASSEMBLY) * part_quantity(i)
        units += count
        mass += count * part_mass_kg(i)
    return units, mass


@pytest.fixture(scope="module")
def large_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "large.gdproj"
    save_project(Project(product=large_product()), path)
    return path


class Counts:
    """Calls of interest in the GUI thread, while :attr:`on` is set."""

    def __init__(self) -> None:
        self.on = False
        self.summaries = 0
        self.bom_walks = 0
        self.resets = 0
        self.index_calls = 0
        self.shown_rows: set[int] = set()

    def reset(self) -> None:
        self.summaries = self.bom_walks = self.resets = self.index_calls = 0
        self.shown_rows = set()

    def counting(self) -> bool:
        return self.on and threading.current_thread() is threading.main_thread()


@pytest.fixture
def counts(monkeypatch):
    """Count summaries, walks over the whole top level of the BOM, model resets, index
    calls and the rows asked for their displayed text."""
    found = Counts()
    summarize = document_module.summarize_bom

    def counted_summary(nodes):
        if found.counting():
            found.summaries += 1
        return summarize(nodes)

    monkeypatch.setattr(document_module, "summarize_bom", counted_summary)
    monkeypatch.setattr(product_page_module, "summarize_bom", counted_summary)

    walk = part_module.walk

    def counted_walk(nodes, multiplier=1.0, depth=0, parent=None):
        if found.counting() and depth == 0 and len(nodes) == N_ASSEMBLIES:
            found.bom_walks += 1
        return walk(nodes, multiplier, depth, parent)

    for module in list(sys.modules.values()):  # every module that took the function by name
        if getattr(module, "__name__", "").startswith(("greendesign", "ui")) \
                and getattr(module, "walk", None) is walk:
            monkeypatch.setattr(module, "walk", counted_walk)

    set_product, index, data = BomModel.set_product, BomModel.index, BomModel.data

    def counted_set_product(self, product):
        if found.counting():
            found.resets += 1
        return set_product(self, product)

    def counted_index(self, row, column, parent=BomModel.index.__defaults__[0]):
        if found.counting():
            found.index_calls += 1
        return index(self, row, column, parent)

    def counted_data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if found.counting() and role == Qt.ItemDataRole.DisplayRole and index.isValid():
            found.shown_rows.add(id(self.node(index)))
        return data(self, index, role)

    monkeypatch.setattr(BomModel, "set_product", counted_set_product)
    monkeypatch.setattr(BomModel, "index", counted_index)
    monkeypatch.setattr(BomModel, "data", counted_data)
    return found


def status_mass_kg(window) -> float:
    text = window.mass_label.text()
    assert text.startswith("Mass: ") and text.endswith(" kg"), text
    return float(text[len("Mass: "):-len(" kg")])


def check_summary_shown(window, units: float, mass: float) -> None:
    product = window.document.product
    summary = window.document.bom_summary()
    assert summary.part_lines == N_PARTS == len(product.parts())
    assert summary.units == pytest.approx(units, rel=1e-12)
    assert summary.mass_kg == pytest.approx(mass, rel=1e-12)
    assert summary.mass_kg == product.mass_kg  # the same sum, in the same order
    assert window.parts_label.text() == f"{N_PARTS} parts"
    assert status_mass_kg(window) == pytest.approx(mass, rel=5e-4)
    assert window.product_page.header.fields["parts"].text() == (
        f"{N_PARTS} part lines, {format_number(units)} units")


def test_the_summary_of_a_deep_tree_is_that_of_its_parts():
    """Three levels, an empty assembly and quantities on every level, against a sum
    written out by hand."""
    def part(i: int, quantity: float, mass: float) -> Part:
        return Part(id=f"p{i}", name=f"p{i}", quantity=quantity, mass_kg=mass, material="pp")

    inner = Assembly(id="inner", name="inner", quantity=3,
                     children=[part(1, 2, 0.5), part(2, 1, 0.25)])
    empty = Assembly(id="empty", name="empty", quantity=7)
    outer = Assembly(id="outer", name="outer", quantity=2,
                     children=[part(3, 4, 0.125), inner, empty, part(4, 1, 1.0)])
    product = Product(name="deep", functional_unit="one", service_life_years=1,
                      bom=[part(5, 3, 2.0), outer, part(6, 1, 0.75)])
    summary = document_module.summarize_bom(product.bom)
    # counts per product: p5 3, p3 2*4, p1 2*3*2, p2 2*3*1, p4 2*1, p6 1
    counts = {"p5": 3, "p3": 8, "p1": 12, "p2": 6, "p4": 2, "p6": 1}
    masses = {"p5": 2.0, "p3": 0.125, "p1": 0.5, "p2": 0.25, "p4": 1.0, "p6": 0.75}
    assert summary.part_lines == 6
    assert summary.units == sum(counts.values()) == 32
    assert summary.mass_kg == pytest.approx(sum(counts[k] * masses[k] for k in counts))
    assert summary.mass_kg == product.mass_kg


def test_open_and_edit_do_no_per_row_work_beyond_one_pass(window, large_file, counts):
    units, mass = expected_totals()
    counts.on = True
    load_project(large_file)
    core_walks = counts.bom_walks  # the core's validation, reading the file
    counts.reset()

    assert window.open_file(large_file)
    QApplication.processEvents()  # the tree's layout, the columns fitted when shown
    window.grab()  # one paint of the window
    counts.on = False
    page = window.product_page
    tree_rows = N_PARTS + N_ASSEMBLIES
    assert page.model.rowCount() == N_ASSEMBLIES
    assert page.tree.isExpanded(page.model.index(N_ASSEMBLIES - 1, 0))
    assert counts.summaries == 1  # three signals, two widgets: one summary
    assert counts.bom_walks == core_walks  # the window walks the BOM no more
    assert counts.resets == 1
    assert counts.index_calls <= 1.5 * tree_rows  # the tree is laid out once
    row_height = page.tree.rowHeight(page.model.index(0, 0))
    visible_rows = page.tree.viewport().height() // row_height + 1
    assert len(counts.shown_rows) <= FIT_SAMPLE_ROWS + visible_rows
    check_summary_shown(window, units, mass)

    # a quantity edit of one part: one new summary, no walk of the BOM
    part = page.model.index(7, Column.QTY, page.model.index(0, 0))
    assert page.model.node(part).id == "P00007"
    old_quantity = part_quantity(7)
    counts.reset()
    counts.on = True
    assert page.model.setData(part, "5")
    counts.on = False
    assert counts.summaries == 1
    assert counts.bom_walks == 0
    added = assembly_quantity(0) * (5 - old_quantity)
    check_summary_shown(window, units + added, mass + added * part_mass_kg(7))

    counts.reset()
    counts.on = True
    window.document.undo_stack.undo()
    counts.on = False
    assert counts.summaries == 1
    assert counts.bom_walks == 0
    check_summary_shown(window, units, mass)
