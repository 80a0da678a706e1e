"""Demo product 1: a 1.7 L cordless electric kettle, 2200 W, stainless steel body.

Total mass and material split: see ``README.md`` next to this file. Every part
mass here is an engineering estimate unless its ``mass_source`` says otherwise.
"""

from __future__ import annotations

from demo_common import ESTIMATE, add, assembly, leg, part, proc, remove, sub

from greendesign.model import (
    Consumable,
    EndOfLifeScenario,
    JointType,
    LifecycleScenario,
    OperatingMode,
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
ASHBY = ("estimate; compare Ashby (2013) Materials and the Environment, Table 7.5, "
         "2 kW plastic kettle bill of materials")


def _jug() -> list:
    body = assembly("body", "Body", "壶身", [
        part("body_shell", "Body shell with spout", "壶身筒体(含壶嘴)", 320,
             "steel_stainless_304", joint=J.WELD,
             processes=[proc("deep_drawing"), proc("laser_welding", 0.17),
                        proc("metal_polishing", 0.09)],
             scrap=0.25, legs=[leg(T.TRUCK_LARGE, 60, "304 coil from a Foshan steel service "
                                                     "centre (estimate)")],
             source=ESTIMATE + ": 0.5 mm 304 sheet, about 0.08 m2 wall",
             notes="Deep-drawn body; spout formed and laser-welded."),
        part("spout_filter", "Spout limescale filter", "壶嘴滤网", 4, "steel_stainless_304",
             joint=J.CLIP, processes=[proc("sheet_stamping")]),
        part("level_window", "Water level window", "水位窗", 10, "pc", joint=J.CLIP,
             processes=[proc("injection_moulding")], scrap=0.03),
        part("window_gasket", "Water level window gasket", "水位窗密封圈", 3,
             "silicone_rubber", joint=J.PRESS_FIT, processes=[proc("rubber_moulding")]),
        part("handle_bracket", "Handle bracket", "把手支架", 18, "steel_stainless_304",
             joint=J.WELD, joints=2, processes=[proc("sheet_stamping"),
                                                proc("spot_welding", 2)], scrap=0.15),
    ], module="body")
    heating = assembly("heating", "Concealed heating element", "隐藏式发热盘", [
        part("heating_plate", "Heating plate", "发热盘底板", 85, "steel_stainless_304",
             joint=J.WELD, processes=[proc("sheet_stamping")], scrap=0.2,
             source=ESTIMATE + ": 0.8 mm plate, 130 mm diameter"),
        part("element_sheath", "Sheathed heating element tube", "电热管外壳", 45,
             "steel_stainless_304", joint=J.WELD, processes=[proc("tube_bending")],
             priority="heating element",
             legs=[leg(T.TRUCK_LARGE, 1300, "heating element from a Zhejiang supplier "
                                            "(estimate)")]),
        part("element_wire", "Resistance wire", "电热丝", 6, "nichrome_wire",
             processes=[proc("wire_drawing")]),
        part("element_insulation", "MgO insulation powder", "氧化镁绝缘粉", 20,
             "ceramic_magnesia"),
        part("diffuser_plate", "Heat diffuser plate", "铝导热盘", 55, "aluminium_wrought_sheet",
             joint=J.WELD, processes=[proc("sheet_stamping")], scrap=0.15,
             notes="Brazed between element and plate (modelled as a weld)."),
    ], joint=J.WELD, module="heating",
        notes="Plate seamed and welded into the body: not removable without damage.")
    lid = assembly("lid", "Lid", "壶盖", [
        part("lid_top", "Lid top", "壶盖面", 40, "pp", joint=J.SNAP_FIT,
             processes=[proc("injection_moulding")], scrap=0.03),
        part("lid_inner", "Lid inner plate", "壶盖内衬", 22, "steel_stainless_304",
             joint=J.SNAP_FIT, processes=[proc("deep_drawing")], scrap=0.2),
        part("lid_seal", "Lid seal", "壶盖密封圈", 5, "silicone_rubber", joint=J.PRESS_FIT,
             processes=[proc("rubber_moulding")]),
        part("lid_hinge_spring", "Lid hinge spring", "壶盖弹簧", 2, "steel_wire",
             joint=J.PRESS_FIT),
        part("lid_button", "Lid release button", "开盖按钮", 5, "pp", joint=J.SNAP_FIT,
             processes=[proc("injection_moulding")]),
        part("lid_hinge_pin", "Lid hinge pin", "壶盖铰链轴", 1.5, "steel_stainless_304",
             joint=J.PRESS_FIT),
    ], joint=J.SNAP_FIT, module="lid")
    handle = assembly("handle", "Handle", "把手", [
        part("handle_outer", "Handle outer shell", "把手外壳", 75, "pp", joint=J.SNAP_FIT,
             processes=[proc("injection_moulding")], scrap=0.03),
        part("handle_inner", "Handle inner shell", "把手内壳", 40, "pp", joint=J.SCREW,
             processes=[proc("injection_moulding")], scrap=0.03),
        part("switch_rocker", "On/off rocker", "开关按键", 4, "pp", joint=J.SNAP_FIT,
             processes=[proc("injection_moulding")]),
        part("switch_rod", "Switch push rod", "开关推杆", 3, "pom", joint=J.SNAP_FIT,
             processes=[proc("injection_moulding")]),
        part("switch_spring", "Switch return spring", "开关复位弹簧", 0.5, "steel_wire"),
        part("handle_screws", "Handle screws", "把手螺钉", 1.2, "steel_fastener", qty=3,
             joint=J.SCREW),
    ], joint=J.SCREW, joints=3, module="handle")
    bottom = assembly("jug_bottom", "Jug bottom", "壶底组件", [
        part("bottom_cover", "Bottom cover", "底盖", 65, "pp", joint=J.SCREW, joints=3,
             processes=[proc("injection_moulding")], scrap=0.03),
        part("jug_connector", "360° connector, jug side", "360度耦合器(壶体端)", 25,
             "connector_electrical", joint=J.SCREW, joints=2, priority="power connector"),
        part("thermostat_control", "Steam and boil-dry thermostat control", "蒸汽温控器", 22,
             "control_thermostat", joint=J.SCREW, joints=2, priority="safety control",
             legs=[leg(T.TRUCK_MEDIUM, 120, "thermostat control from a Guangzhou supplier "
                                            "(estimate)")]),
        part("steam_tube", "Steam tube", "蒸汽导管", 6, "pp", joint=J.PRESS_FIT,
             processes=[proc("injection_moulding")]),
        part("internal_leads", "Internal leads", "内部导线", 10, "power_cable",
             joint=J.PRESS_FIT, joints=4, notes="Crimped onto the element terminals."),
        part("body_seal", "Body-to-base seal", "底部密封圈", 6, "silicone_rubber",
             joint=J.PRESS_FIT, processes=[proc("rubber_moulding")]),
        part("bottom_screws", "Bottom cover screws", "底盖螺钉", 1.0, "steel_fastener",
             qty=3, joint=J.SCREW),
    ], joint=J.SCREW, joints=3, module="bottom")
    return [assembly("jug", "Jug", "壶体", [body, heating, lid, handle, bottom],
                     module="jug", processes=[proc("final_assembly", 1)])]


def _base_and_packaging() -> list:
    base = assembly("power_base", "Power base", "电源底座", [
        part("base_top", "Base top cover", "底座上盖", 55, "pp", joint=J.SNAP_FIT,
             processes=[proc("injection_moulding")], scrap=0.03),
        part("base_bottom", "Base bottom cover", "底座下盖", 60, "pp", joint=J.SCREW,
             joints=4, processes=[proc("injection_moulding")], scrap=0.03),
        part("base_connector", "360° connector, base side", "360度耦合器(底座端)", 22,
             "connector_electrical", joint=J.SCREW, joints=2),
        part("power_cord", "Power cord 0.75 m, 3 x 1.0 mm2", "电源线0.75米", 65,
             "power_cable", joint=J.PRESS_FIT, priority="power cord",
             legs=[leg(T.TRUCK_LARGE, 1200, "cord set from a Ningbo supplier (estimate)")]),
        part("plug_pins", "Plug pins", "插头铜片", 4, "brass", qty=3, joint=J.PRESS_FIT,
             substances=[sub("lead", "7439-92-1", 0.02)],
             notes="Leaded brass: RoHS annex III exemption 6(c) (lead up to 4 % in copper "
                   "alloys); example declaration, not a supplier figure."),
        part("plug_body", "Plug body (overmoulded)", "插头外壳", 25, "pvc_flexible",
             joint=J.PRESS_FIT, processes=[proc("injection_moulding")],
             substances=[sub("diisononyl phthalate (DINP)", "28553-12-0", 0.25)],
             notes="Plasticiser share is an example declaration."),
        part("indicator_led", "Power indicator LED", "指示灯", 0.3, "led", joint=J.SOLDER),
        part("base_feet", "Anti-slip feet", "防滑脚垫", 1.5, "silicone_rubber", qty=4,
             joint=J.PRESS_FIT),
        part("base_screws", "Base screws", "底座螺钉", 1.0, "steel_fastener", qty=4,
             joint=J.SCREW),
        part("rating_label", "Rating label", "铭牌标签", 1.0, "pet", joint=J.ADHESIVE),
    ], module="power_base")
    packaging = assembly("packaging", "Packaging", "包装", [
        part("carton", "Shipping carton", "外包装纸箱", 190, "corrugated_board",
             recycled=0.7, source="estimate (box 22 x 19 x 27 cm, 3-ply)"),
        part("pulp_insert", "Moulded pulp insert", "纸浆模塑内衬", 45, "moulded_pulp",
             recycled=1.0),
        part("poly_bag", "Protective bag", "PE保护袋", 12, "pe_ld"),
        part("manual", "User manual", "说明书", 20, "paper"),
    ], module="packaging", processes=[proc("packaging_operation", 1)])
    return [base, packaging]


def _scenario() -> LifecycleScenario:
    # 3 boils of 1 L a day, heated by 85 K at 90 % efficiency: 0.11 kWh, 3 min at 2.2 kW
    # -> 1095 boils x 0.05 h = 55 h a year (estimate; see README).
    return LifecycleScenario(
        production=ProductionScenario(grid="CN-South", factory_electricity_kwh=1.2),
        distribution=[
            leg(T.TRUCK_LARGE, 1200, "factory (Foshan) to regional distribution centre"),
            leg(T.TRUCK_SMALL, 100, "distribution centre to retailer or parcel hub"),
        ],
        use=UsePhase(
            grid="CN",
            operating_modes=[OperatingMode(name="boiling", power_w=2200, hours_per_year=55),
                             OperatingMode(name="off on base", power_w=0,
                                           hours_per_year=8000)],
            consumables=[Consumable(name="citric acid descaler", material="citric_acid",
                                    amount_per_year=0.1)],
            replacements=[Replacement(part_id="spout_filter", count=1)],
        ),
        end_of_life=EndOfLifeScenario(region="CN", transport_km=50),
    )


def build_kettle() -> Project:
    """The kettle project: baseline (stainless body) and two variants."""
    product = Product(
        name="Cordless electric kettle 1.7 L, 2200 W",
        name_zh="1.7升无线电热水壶(2200瓦,304不锈钢)",
        model_number="GD-KT1722-SS",
        category=ProductCategory.HOUSEHOLD_APPLIANCE,
        functional_unit="Boiling water for one household, about three 1 L boils a day, "
                        "over a 5-year service life",
        functional_unit_zh="一个家庭的烧水需求，每天约烧 3 次、每次 1 升，使用寿命 5 年",
        service_life_years=5,
        manufacturer_region="CN-South",
        description="Demo product. Service life 5 years: an assumption for the demo "
                    "(kettle LCAs use 3 to 5 years; Ashby's case study uses 3). Use profile "
                    "and factory energy are estimates; see resources/demo/README.md.",
        description_zh="演示产品。使用寿命 5 年为演示假设（电热水壶 LCA 通常取 3 至 5 年，Ashby 的"
                       "案例取 3 年）。使用情景和工厂能耗为估计值，见 resources/demo/README.md。",
        bom=_jug() + _base_and_packaging(),
        scenario=_scenario(),
    )
    project = Project(product=product)
    _pp_body(project.add_variant(
        "pp-body", description="Polypropylene body with integral handle core; the "
        "stainless heating plate stays, now clamped with a gasket and screws.",
        description_zh="聚丙烯壶身，手柄芯一体成型；保留不锈钢发热盘，改为用密封圈和螺钉压紧。").product)
    _recycled_content(project.add_variant(
        "recycled-content", description="Same design with recycled stainless steel, "
        "aluminium, PCR polypropylene in non-food-contact housings and recycled-fibre "
        "packaging.",
        description_zh="设计不变，改用再生不锈钢、再生铝，非食品接触外壳用消费后再生聚丙烯，"
                       "包装用再生纤维。").product)
    return project


def _pp_body(product: Product) -> None:
    product.model_number = "GD-KT1722-PP"
    product.name = "Cordless electric kettle 1.7 L, 2200 W, PP body"
    product.name_zh = "1.7升无线电热水壶(2200瓦,PP壶身)"
    remove(product, "body_shell", "handle_bracket", "level_window", "window_gasket",
           "handle_inner")
    add(product, "body",
        part("body_pp", "Body with integral handle core and level strip", "PP壶身(一体把手骨架)",
             250, "pp", joint=J.NONE, processes=[proc("injection_moulding")], scrap=0.03,
             source=ASHBY + " (0.86 kg PP for the whole plastic kettle)",
             notes="Translucent PP random copolymer: the level window is moulded in."),
        part("clamp_ring", "Element clamping ring", "发热盘压圈", 20, "steel_stainless_304",
             joint=J.SCREW, joints=4, processes=[proc("sheet_stamping")], scrap=0.2),
        part("clamp_screws", "Clamping ring screws", "压圈螺钉", 1.0, "steel_fastener", qty=4,
             joint=J.SCREW),
        part("plate_gasket", "Heating plate gasket", "发热盘密封圈", 8, "silicone_rubber",
             joint=J.PRESS_FIT, processes=[proc("rubber_moulding")]))
    heating = product.find("heating")
    heating.joint = J.SCREW
    heating.joint_count = 4
    heating.notes = "Plate clamped into the PP body with a gasket: removable with a screwdriver."


def _recycled_content(product: Product) -> None:
    product.model_number = "GD-KT1722-SS-R"
    shares = {"body_shell": 0.6, "heating_plate": 0.6, "lid_inner": 0.6, "handle_bracket": 0.6,
              "diffuser_plate": 0.5, "handle_outer": 0.3, "handle_inner": 0.3,
              "bottom_cover": 0.3, "base_top": 0.3, "base_bottom": 0.3, "carton": 0.9}
    for part_id, share in shares.items():
        product.find(part_id).recycled_content = share
