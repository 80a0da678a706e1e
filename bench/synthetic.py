"""Deterministic synthetic products for benchmarks."""

from __future__ import annotations

import random

from greendesign.model import Assembly, Part, ProcessUse, Product
from greendesign.model.scenario import LifecycleScenario, UsePhase

#: Catalogue materials with the process that shapes them (None: bought in finished).
MATERIALS = {"steel_sheet_cold_rolled": "sheet_stamping", "steel_stainless_304": "deep_drawing",
             "aluminium_extruded": None, "pp": "injection_moulding",
             "abs": "injection_moulding", "pc_abs": "injection_moulding",
             "pp_gf30": "injection_moulding", "copper": "wire_drawing",
             "glass_float": None, "li_ion_cell": None}
JOINTS = ["screw", "snap-fit", "adhesive", "weld", "clip", "none"]


def synthetic_product(n_parts: int = 1000, seed: int = 1, per_assembly: int = 20) -> Product:
    """A product with ``n_parts`` leaf parts in assemblies of ``per_assembly`` parts."""
    rng = random.Random(seed)
    assemblies = []
    for a in range(0, n_parts, per_assembly):
        children = [
            _part(rng, i, a)
            for i in range(a, min(a + per_assembly, n_parts))
        ]
        assemblies.append(Assembly(id=f"A{a // per_assembly:04d}",
                                   name=f"Assembly {a // per_assembly}", children=children))
    return Product(name=f"Synthetic {n_parts}-part product", functional_unit="one unit, 10 years",
                   service_life_years=10, bom=assemblies,
                   scenario=LifecycleScenario(use=UsePhase(energy_kwh_per_year=50.0)))


def _part(rng: random.Random, i: int, a: int) -> Part:
    material = rng.choice(sorted(MATERIALS))
    process = MATERIALS[material]
    return Part(id=f"P{i:05d}", name=f"Part {i}", quantity=rng.choice([1, 1, 2, 4]),
                mass_kg=round(rng.uniform(0.001, 2.0), 6), mass_unit="kg", material=material,
                recycled_content=rng.choice([0, 0.2, 0.5]), scrap_rate=rng.choice([0, 0.05, 0.1]),
                joint=rng.choice(JOINTS), module=f"M{a // 100}",
                processes=[ProcessUse(dataset=process)] if process else [])
