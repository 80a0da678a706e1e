"""Small builders shared by the demo product generators (see ``make_demos.py``).

Parts are written in grams, as engineers read them from a drawing or a scale;
the model stores kilograms. Plastic parts of 5 g or more get the ISO 11469
marking of their catalogue material (an assumption of these demos: smaller
parts are left unmarked, so the marking check has something to report).
"""

from __future__ import annotations

from collections.abc import Iterable

from greendesign.inventory.user_catalogue import load_catalogue
from greendesign.model import (
    Assembly,
    JointType,
    Part,
    ProcessUse,
    Product,
    Substance,
    TransportLeg,
    TransportMode,
    walk,
)

CATALOGUE = load_catalogue()
ESTIMATE = "estimate (engineering, from geometry and typical wall thickness)"
MARK_FROM_G = 5.0


def proc(code: str, amount: float | None = None) -> ProcessUse:
    """A process use; ``amount`` in the process unit (``None``: the part's mass in kg)."""
    unit = CATALOGUE.get(code, "process").unit
    return ProcessUse(dataset=code, amount=amount, unit=unit if amount is not None else "")


#: The Chinese descriptions of the demos' freight legs.
LEG_ZH = {
    "gas lift from a supplier in Anji (estimate)": "气弹簧来自安吉供应商（估计）",
    "mechanism from a supplier in Anji (estimate)": "底盘机构来自安吉供应商（估计）",
    "glass-filled PA66 compound from Shanghai (estimate)": "玻纤增强 PA66 粒料来自上海（估计）",
    "factory (Anji, Zhejiang) to regional distribution centre":
        "工厂（浙江安吉）至区域配送中心",
    "distribution centre to the office": "配送中心至办公室",
    "die-cast base from a Ningbo foundry (estimate)": "压铸椅脚来自宁波压铸厂（估计）",
    "304 coil from a Foshan steel service centre (estimate)": "304 卷材来自佛山钢材加工配送中心（估计）",
    "heating element from a Zhejiang supplier (estimate)": "发热管来自浙江供应商（估计）",
    "thermostat control from a Guangzhou supplier (estimate)": "温控器来自广州供应商（估计）",
    "cord set from a Ningbo supplier (estimate)": "电源线组件来自宁波供应商（估计）",
    "factory (Foshan) to regional distribution centre": "工厂（佛山）至区域配送中心",
    "distribution centre to retailer or parcel hub": "配送中心至零售商或快递集散点",
    "PC/ABS compound from a Guangzhou distributor (estimate)": "PC/ABS 粒料来自广州经销商（估计）",
    "driver from a Dongguan supplier (estimate)": "扬声器单元来自东莞供应商（估计）",
    "bare board from a Shenzhen PCB maker (estimate)": "光板来自深圳 PCB 厂（估计）",
    "cells from a Huizhou cell maker (estimate)": "电芯来自惠州电芯厂（估计）",
    "factory (Dongguan) to regional distribution centre": "工厂（东莞）至区域配送中心",
    "parcel delivery to the customer": "快递送达用户",
}


def leg(mode: TransportMode, km: float, description: str) -> TransportLeg:
    """A freight leg carrying the part it is attached to (described in both languages)."""
    return TransportLeg(mode=mode, distance_km=km, description=description,
                        description_zh=LEG_ZH[description])


def sub(name: str, cas: str, fraction: float) -> Substance:
    """A declared substance (mass fraction of the part's homogeneous material)."""
    return Substance(name=name, cas=cas, mass_fraction=fraction)


def part(pid: str, name: str, name_zh: str, grams: float, material: str, *,
         qty: float = 1, joint: JointType = JointType.NONE, joints: int = 1,
         module: str = "", processes: Iterable[ProcessUse] = (), recycled: float = 0.0,
         scrap: float = 0.0, legs: Iterable[TransportLeg] = (), priority: str = "",
         substances: Iterable[Substance] = (), source: str = ESTIMATE,
         notes: str = "") -> Part:
    """A leaf part; the ISO 11469 marking comes from the catalogue material."""
    entry = CATALOGUE.get(material, "material")
    marking = entry.iso11469 if entry.iso11469 and grams >= MARK_FROM_G else ""
    return Part(id=pid, name=name, name_zh=name_zh, mass_kg=grams / 1000.0, mass_unit="g",
                material=material, quantity=qty, joint=joint, joint_count=joints,
                module=module, processes=list(processes), recycled_content=recycled,
                scrap_rate=scrap, transport_legs=list(legs), priority_part=bool(priority),
                priority_kind=priority, substances=list(substances),
                plastic_marking=marking, mass_source=source, notes=notes)


def assembly(aid: str, name: str, name_zh: str, children: list[Part | Assembly], *,
             qty: float = 1, joint: JointType = JointType.NONE, joints: int = 1,
             module: str = "", processes: Iterable[ProcessUse] = (),
             notes: str = "") -> Assembly:
    """An assembly; children without a module inherit the assembly's module."""
    for child in children:
        if module and not child.module:
            child.module = module
    return Assembly(id=aid, name=name, name_zh=name_zh, children=children, quantity=qty,
                    joint=joint, joint_count=joints, module=module,
                    processes=list(processes), notes=notes)


def parent_of(product: Product, node_id: str) -> Assembly | None:
    """The assembly that holds ``node_id`` (``None`` at the top of the BOM)."""
    for node, _count, _depth, parent in walk(product.bom):
        if node.id == node_id:
            return parent
    raise KeyError(f"no part or assembly {node_id!r} in {product.name!r}")


def remove(product: Product, *node_ids: str) -> None:
    """Remove parts or assemblies from a product's BOM."""
    for node_id in node_ids:
        parent = parent_of(product, node_id)
        if parent is None:
            product.bom = [n for n in product.bom if n.id != node_id]
        else:
            parent.children = [n for n in parent.children if n.id != node_id]


def add(product: Product, parent_id: str, *nodes: Part | Assembly) -> None:
    """Append parts or assemblies to an assembly of a product's BOM."""
    parent = product.find(parent_id)
    if not isinstance(parent, Assembly):
        raise TypeError(f"{parent_id!r} is a part, not an assembly")
    for node in nodes:
        if parent.module and not node.module:
            node.module = parent.module
    parent.children = [*parent.children, *nodes]


def mass_without(product: Product, module: str = "packaging") -> float:
    """Product mass in kg without the parts of one module (packaging by default)."""
    return sum(p.mass_kg * n for p, n in product.parts() if p.module != module)
