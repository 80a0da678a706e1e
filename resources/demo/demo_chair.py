"""Demo product 2: an ergonomic task chair with a steel five-star base.

Total mass and material split: see ``README.md``; the material split is checked
against the Steelcase Please EPD material table. Every part mass is an
engineering estimate unless its ``mass_source`` says otherwise.
"""

from __future__ import annotations

from demo_common import ESTIMATE, add, assembly, leg, part, proc, remove, sub

from greendesign.model import (
    EndOfLifeScenario,
    JointType,
    LifecycleScenario,
    Product,
    ProductCategory,
    ProductionScenario,
    Project,
    Replacement,
    TransportMode,
    UsePhase,
)

J = JointType
T = TransportMode


def _base() -> list:
    star = assembly("five_star_base", "Five-star base", "五星脚", [
        part("base_arm", "Base arm (pressed steel)", "椅脚支臂(冲压钢)", 480,
             "steel_sheet_hot_rolled", qty=5, joint=J.WELD,
             processes=[proc("sheet_stamping"), proc("powder_coating", 0.06)], scrap=0.25,
             source=ESTIMATE + ": 2.5 mm Q235 pressing, 330 mm arm"),
        part("base_hub", "Base hub tube", "中心套管", 350, "steel_tube", joint=J.WELD, joints=5,
             processes=[proc("welding_arc", 0.75), proc("powder_coating", 0.03)], scrap=0.05),
        part("arm_cover", "Base arm cover", "椅脚装饰盖", 50, "pp", qty=5, joint=J.CLIP,
             processes=[proc("injection_moulding")], scrap=0.03),
    ], module="base")
    casters = assembly("caster", "Twin-wheel caster, 60 mm", "60毫米双轮脚轮", [
        part("caster_wheel", "Caster wheel", "脚轮轮子", 22, "pa6", qty=2, joint=J.PRESS_FIT,
             processes=[proc("injection_moulding")], priority="caster (wear part)"),
        part("caster_housing", "Caster housing", "脚轮支架", 35, "pa66_gf30",
             joint=J.PRESS_FIT, processes=[proc("injection_moulding")]),
        part("caster_stem", "Caster stem", "脚轮插杆", 18, "steel_bar", joint=J.PRESS_FIT,
             processes=[proc("metal_machining", 0.004)]),
        part("caster_axle", "Caster axle", "脚轮轴", 8, "steel_bar", joint=J.PRESS_FIT),
    ], qty=5, joint=J.PRESS_FIT, module="base")
    gas_lift = assembly("gas_lift", "Gas lift, class 4", "4级气压棒", [
        part("gas_cylinder", "Gas spring cylinder", "气压棒缸筒", 750, "steel_tube",
             joint=J.PRESS_FIT, processes=[proc("wet_painting", 0.045)],
             priority="gas lift (safety and wear part)",
             legs=[leg(T.TRUCK_MEDIUM, 30, "gas lift from a supplier in Anji (estimate)")]),
        part("gas_piston_rod", "Piston rod (chrome plated)", "活塞杆(镀铬)", 300, "steel_bar",
             joint=J.PRESS_FIT, processes=[proc("metal_machining", 0.05),
                                           proc("electroplating_chrome", 0.012)],
             substances=[sub("chromium (metallic, trivalent process)", "7440-47-3", 0.001)]),
        part("gas_lift_cover", "Telescopic gas lift cover", "气压棒护套", 120, "pp",
             joint=J.NONE, processes=[proc("injection_moulding")]),
        part("gas_lift_seal", "Gas spring seal", "气压棒密封件", 5, "nbr",
             processes=[proc("rubber_moulding")]),
    ], joint=J.PRESS_FIT, module="base")
    return [assembly("base", "Base", "底座", [star, casters, gas_lift], module="base")]


def _mechanism_and_seat() -> list:
    mechanism = assembly("mechanism", "Synchro-tilt mechanism", "同步倾仰底盘", [
        part("mech_housing", "Mechanism housing", "底盘壳体", 1250, "steel_sheet_hot_rolled",
             joint=J.NONE, processes=[proc("sheet_stamping"), proc("welding_arc", 0.6),
                                      proc("powder_coating", 0.15)], scrap=0.25,
             legs=[leg(T.TRUCK_MEDIUM, 25, "mechanism from a supplier in Anji (estimate)")]),
        part("mech_seat_plate", "Seat plate", "座板连接板", 350, "steel_sheet_hot_rolled",
             joint=J.WELD, processes=[proc("sheet_stamping")], scrap=0.2),
        part("mech_springs", "Tilt springs", "倾仰弹簧", 250, "steel_wire", joint=J.PRESS_FIT,
             processes=[proc("heat_treatment")]),
        part("mech_levers", "Adjustment levers", "调节拉杆", 60, "steel_bar", qty=2,
             joint=J.PRESS_FIT),
        part("lever_knob", "Lever knob", "拉杆手柄", 15, "pp", qty=2, joint=J.PRESS_FIT,
             processes=[proc("injection_moulding")]),
        part("mech_bushing", "Pivot bushing", "轴套", 4, "pom", qty=6, joint=J.PRESS_FIT,
             processes=[proc("injection_moulding")]),
        part("tension_knob", "Tilt tension knob", "张力调节旋钮", 40, "pa6", joint=J.SCREW,
             processes=[proc("injection_moulding")]),
        part("mech_bolts", "Mechanism-to-seat bolts M8", "底盘螺栓M8", 12, "steel_fastener",
             qty=4, joint=J.BOLT),
    ], joint=J.BOLT, joints=4, module="mechanism")
    seat = assembly("seat", "Upholstered seat", "软包座垫", [
        part("seat_board", "Seat board (plywood, 12 mm)", "座板(12毫米多层板)", 1400, "plywood",
             joint=J.SCREW, joints=4, processes=[proc("wood_machining")], scrap=0.3,
             source=ESTIMATE + ": 0.48 x 0.46 m, 12 mm, about 600 kg/m3 after routing"),
        part("seat_foam", "Moulded seat foam", "座垫定型棉", 900, "pur_flexible_foam",
             joint=J.ADHESIVE, processes=[proc("pur_foam_moulding")], scrap=0.05),
        part("seat_fabric", "Seat cover fabric", "座垫面料", 250, "textile_polyester",
             joint=J.RIVET, joints=60, processes=[proc("textile_cutting_sewing")], scrap=0.15,
             notes="Stapled to the board: staples are modelled as rivets (permanent)."),
        part("seat_staples", "Upholstery staples", "码钉", 0.33, "steel_wire", qty=60,
             joint=J.RIVET),
        part("seat_under_cover", "Seat underside cover", "座垫底壳", 350, "pp", joint=J.SCREW,
             joints=6, processes=[proc("injection_moulding")], scrap=0.03),
        part("seat_screws", "Seat board screws", "座板螺钉", 10, "steel_fastener", qty=4,
             joint=J.SCREW),
        part("seat_slider", "Seat depth slider", "座深调节滑轨", 300, "steel_sheet_hot_rolled",
             joint=J.SCREW, joints=4, processes=[proc("sheet_stamping")], scrap=0.2),
    ], joint=J.BOLT, joints=4, module="seat")
    return [mechanism, seat]


def _back_and_arms() -> list:
    back = assembly("back", "Backrest", "靠背", [
        part("back_frame", "Back frame", "靠背骨架", 1100, "pa66_gf30", joint=J.SCREW,
             joints=4, processes=[proc("injection_moulding")], scrap=0.03,
             legs=[leg(T.TRUCK_LARGE, 220, "glass-filled PA66 compound from Shanghai "
                                           "(estimate)")]),
        part("back_inner_shell", "Back inner shell", "靠背内壳", 600, "pp", joint=J.SCREW,
             joints=6, processes=[proc("injection_moulding")], scrap=0.03),
        part("back_foam", "Back foam", "靠背海绵", 450, "pur_flexible_foam", joint=J.ADHESIVE,
             processes=[proc("pur_foam_moulding")], scrap=0.05),
        part("back_fabric", "Back cover fabric", "靠背面料", 180, "textile_polyester",
             joint=J.ADHESIVE, processes=[proc("textile_cutting_sewing")], scrap=0.15,
             priority="back cover (wear part)"),
        part("back_adhesive", "Upholstery adhesive", "软包胶水", 30, "adhesive_hotmelt",
             joint=J.ADHESIVE),
        part("back_outer_cover", "Back outer cover", "靠背外壳", 450, "pp", joint=J.CLIP,
             joints=6, processes=[proc("injection_moulding")], scrap=0.03),
        part("lumbar_pad", "Adjustable lumbar support", "腰托", 150, "pp", joint=J.CLIP,
             processes=[proc("injection_moulding")]),
        part("back_bracket", "Back bracket (steel)", "靠背连接件", 900, "steel_sheet_hot_rolled",
             joint=J.BOLT, joints=2, processes=[proc("sheet_stamping"),
                                                proc("powder_coating", 0.08)], scrap=0.25),
        part("back_bolts", "Back bracket bolts M8", "靠背螺栓M8", 12, "steel_fastener", qty=4,
             joint=J.BOLT),
    ], joint=J.BOLT, joints=2, module="back")
    armrest = assembly("armrest", "Height-adjustable armrest", "升降扶手", [
        part("arm_post", "Armrest post (steel)", "扶手钢架", 450, "steel_sheet_hot_rolled",
             joint=J.BOLT, processes=[proc("sheet_stamping"), proc("welding_arc", 0.2),
                                      proc("powder_coating", 0.05)], scrap=0.25),
        part("arm_column_cover", "Armrest column cover", "扶手立柱外壳", 150, "pp",
             joint=J.SCREW, processes=[proc("injection_moulding")], scrap=0.03),
        part("arm_pad", "Armrest pad (integral-skin PU)", "扶手垫(PU自结皮)", 120,
             "pur_flexible_foam", joint=J.SCREW, joints=2, priority="armrest pad (wear part)",
             processes=[proc("pur_foam_moulding")]),
        part("arm_adjuster", "Height adjuster", "扶手升降器", 50, "pom", joint=J.SNAP_FIT,
             processes=[proc("injection_moulding")]),
        part("arm_bolts", "Armrest bolts M8", "扶手螺栓M8", 12, "steel_fastener", qty=3,
             joint=J.BOLT),
    ], qty=2, joint=J.BOLT, joints=3, module="armrests")
    packaging = assembly("packaging", "Packaging", "包装", [
        part("carton", "Shipping carton", "外包装纸箱", 2600, "corrugated_board",
             recycled=0.7, source="estimate (5-ply box 66 x 36 x 56 cm)"),
        part("poly_bag", "Protective film bags", "PE保护袋", 120, "pe_ld"),
        part("foam_corners", "EPE corner protectors", "珍珠棉护角", 80, "epe_foam"),
        part("manual", "Assembly instructions", "安装说明书", 30, "paper"),
    ], module="packaging", processes=[proc("packaging_operation", 1)])
    return [back, armrest, packaging]


def _scenario() -> LifecycleScenario:
    return LifecycleScenario(
        production=ProductionScenario(grid="CN-East", factory_electricity_kwh=6.0),
        distribution=[
            leg(T.TRUCK_LARGE, 1000, "factory (Anji, Zhejiang) to regional distribution "
                                     "centre"),
            leg(T.TRUCK_SMALL, 50, "distribution centre to the office"),
        ],
        use=UsePhase(grid="CN", replacements=[Replacement(part_id="arm_pad", count=2)]),
        end_of_life=EndOfLifeScenario(region="CN", transport_km=50),
    )


def build_chair() -> Project:
    """The task chair project: baseline (steel base) and two variants."""
    product = Product(
        name="Ergonomic task chair, steel base",
        name_zh="人体工学办公椅(钢制五星脚)",
        model_number="GD-TC100-ST",
        category=ProductCategory.FURNITURE,
        functional_unit="One unit of seating for one person, maintained for 10 years",
        functional_unit_zh="供一人使用的一个座位，维护使用 10 年",
        service_life_years=10,
        manufacturer_region="CN-East",
        description="Demo product. Functional unit and 10-year service life from the BIFMA "
                    "product category rules for seating. Part masses are estimates; the "
                    "material split is compared with the Steelcase Please EPD in "
                    "resources/demo/README.md. Armrest pads replaced once (a pair) over "
                    "10 years: an assumption.",
        description_zh="演示产品。功能单位和 10 年使用寿命取自 BIFMA 座椅产品类别规则。零件质量为"
                       "估计值；材料构成与 Steelcase Please 的 EPD 对比见 resources/demo/README.md。"
                       "扶手垫 10 年内更换一次（一对）：为假设。",
        bom=[*_base(), *_mechanism_and_seat(), *_back_and_arms()],
        scenario=_scenario(),
    )
    project = Project(product=product)
    _aluminium_base(project.add_variant(
        "aluminium-base", description="Die-cast aluminium five-star base instead of the "
        "welded steel base; no arm covers needed.",
        description_zh="以压铸铝五星脚替代焊接钢制椅脚；无需扶手罩。").product)
    _modular_back(project.add_variant(
        "modular-back", description="Back cover sewn onto a clip frame and clipped on; foam "
        "held by the cover, no glue: the cover can be replaced in use.",
        description_zh="靠背面料缝在卡扣框上并卡装；海绵由面料包覆固定，不用胶：使用中可更换面料。"
        ).product)
    return project


def _aluminium_base(product: Product) -> None:
    product.name = "Ergonomic task chair, aluminium base"
    product.name_zh = "人体工学办公椅(压铸铝五星脚)"
    product.model_number = "GD-TC100-AL"
    remove(product, "base_arm", "base_hub", "arm_cover")
    add(product, "five_star_base",
        part("base_star_al", "Five-star base, die-cast aluminium", "压铸铝五星脚", 2200,
             "aluminium_cast_alloy", joint=J.NONE,
             processes=[proc("aluminium_die_casting"), proc("metal_polishing", 0.25)],
             scrap=0.1, recycled=0.8,
             legs=[leg(T.TRUCK_LARGE, 250, "die-cast base from a Ningbo foundry (estimate)")],
             source="estimate (700 mm die-cast base); recycled share assumes ADC12 made "
                    "from secondary aluminium (assumption)"))


def _modular_back(product: Product) -> None:
    product.model_number = "GD-TC100-MB"
    remove(product, "back_adhesive")
    fabric = product.find("back_fabric")
    fabric.joint = J.CLIP
    fabric.joint_count = 8
    fabric.priority_kind = "replaceable back cover"
    fabric.notes = "Sewn onto the clip frame; replaced as a unit with the frame."
    foam = product.find("back_foam")
    foam.joint = J.NONE
    foam.notes = "Laid in and held by the cover."
    add(product, "back",
        part("back_clip_frame", "Back cover clip frame", "靠背面套卡框", 120, "pp",
             joint=J.CLIP, joints=8, processes=[proc("injection_moulding")], scrap=0.03))
    product.scenario.use.replacements = [Replacement(part_id="arm_pad", count=2),
                                         Replacement(part_id="back_fabric", count=1)]
