"""Builders and fakes shared by the UI tests (a module of its own, so its name
cannot clash with another ``conftest``)."""

from __future__ import annotations

from pathlib import Path

from greendesign.model import Assembly, Part, Product


def make_kettle() -> Product:
    """A small two-level product with quantities, units and a priority part."""
    body = Assembly(id="body", name="Body assembly", name_zh="壶身组件", children=[
        Part(id="shell", name="Shell", mass_kg=0.25, mass_unit="g",
             material="steel_stainless_304", recycled_content=0.3, joint="weld"),
        Part(id="handle", name="Handle", mass_kg=0.08, mass_unit="g", material="pp",
             joint="screw", joint_count=2, plastic_marking=">PP<"),
        Part(id="screw", name="Screw M3", quantity=4, mass_kg=0.002, mass_unit="g",
             material="steel_low_alloy", joint="screw"),
    ])
    base = Assembly(id="base", name="Power base", module="electrics", children=[
        Part(id="pcb", name="Control board", mass_kg=0.03, mass_unit="g",
             material="pcb_assembled", priority_part=True, priority_kind="PCB",
             module="electrics"),
        Part(id="cord", name="Power cord", mass_kg=0.12, mass_unit="g", material="cable_pvc_cu"),
    ])
    lid = Part(id="lid", name="Lid", mass_kg=0.06, mass_unit="g", material="pp")
    return Product(name="Test kettle", name_zh="测试电水壶", category="household_appliance",
                   functional_unit="boiling 1.7 l of water 3 times a day for 5 years",
                   service_life_years=5, bom=[body, base, lid])


def expected_mass_kg(product: Product) -> float:
    """Product mass computed independently of Product.mass_kg and of the UI."""
    def total(nodes, factor):
        mass = 0.0
        for node in nodes:
            count = factor * node.quantity
            if isinstance(node, Assembly):
                mass += total(node.children, count)
            else:
                mass += node.mass_kg * count
        return mass
    return total(product.bom, 1.0)


class ScriptedPrompts:
    """Answers the file workflow's questions from a script and records them."""

    def __init__(self) -> None:
        from ui.prompts import SaveChoice

        self.save_choice = SaveChoice.DISCARD
        self.next_open_path: Path | None = None
        self.next_save_path: Path | None = None
        from ui.prompts import RecoverChoice

        self.errors: list[tuple[BaseException, str]] = []
        self.asked_to_save: list[str] = []
        self.texts: list[str | None] = []
        self.recover_choice = RecoverChoice.LATER
        self.recoveries: list = []
        self.infos: list[tuple[str, str]] = []
        self.confirm_answer = True
        self.confirmations: list[str] = []

    def ask_save_changes(self, parent, name):
        self.asked_to_save.append(name)
        return self.save_choice

    def open_path(self, parent, caption, directory, filters):
        return self.next_open_path

    def save_path(self, parent, caption, suggested, filters):
        return self.next_save_path

    def show_error(self, parent, exc, title):
        self.errors.append((exc, title))

    def ask_text(self, parent, title, label, text=""):
        return self.texts.pop(0) if self.texts else None

    def ask_recovery(self, parent, recovery):
        self.recoveries.append(recovery)
        return self.recover_choice

    def ask_open_read_only(self, parent, holder_pid):
        return True

    def show_info(self, parent, title, text):
        self.infos.append((title, text))

    def confirm(self, parent, title, text, informative, action):
        self.confirmations.append(text)
        return self.confirm_answer
