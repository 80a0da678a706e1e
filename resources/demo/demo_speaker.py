"""Demo product 3: a portable Bluetooth speaker (PC/ABS housing, Li-ion battery, PCB).

A generic design in the class of cylindrical IPX7 portable speakers (about
0.5 kg, one racetrack driver, two passive radiators, a 2-cell 4.8 Ah Li-ion
battery). Total mass and sources: see ``README.md``. Every part mass is an
engineering estimate unless its ``mass_source`` says otherwise.
"""

from __future__ import annotations

from demo_common import add, assembly, leg, part, proc, remove, sub

from greendesign.model import (
    EndOfLifeScenario,
    GreenPowerSource,
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
BATTERY_SOURCE = ("estimate; consistent with about 3 oz (85 g) reported for the 4800 mAh, "
                  "3.7 V battery of the JBL Flip 5 (tomstek.us)")


def _housing() -> list:
    return [assembly("housing", "Housing", "外壳", [
        part("enclosure_front", "Front enclosure half", "前壳", 60, "pc_abs", joint=J.SCREW,
             joints=8, processes=[proc("injection_moulding")], scrap=0.04,
             legs=[leg(T.TRUCK_LARGE, 150, "PC/ABS compound from a Guangzhou distributor "
                                           "(estimate)")]),
        part("enclosure_rear", "Rear enclosure half", "后壳", 55, "pc_abs", joint=J.SCREW,
             joints=8, processes=[proc("injection_moulding")], scrap=0.04),
        part("grille_fabric", "Fabric grille wrap", "网布外套", 25, "textile_polyester",
             joint=J.ADHESIVE, processes=[proc("textile_cutting_sewing")], scrap=0.15,
             notes="Wrapped and glued at the edges, as in a published JBL Flip 3 teardown."),
        part("grille_glue", "Grille hot-melt adhesive", "网布热熔胶", 2, "adhesive_hotmelt",
             joint=J.ADHESIVE),
        part("end_cap", "End cap bumper", "端盖防撞圈", 15, "tpu", qty=2, joint=J.CLIP,
             processes=[proc("injection_moulding")]),
        part("button_membrane", "Button membrane", "按键硅胶", 8, "silicone_rubber",
             joint=J.PRESS_FIT, processes=[proc("rubber_moulding")]),
        part("button_panel", "Button panel", "按键面板", 5, "pc", joint=J.CLIP,
             processes=[proc("injection_moulding")]),
        part("logo_badge", "Logo badge", "标牌", 3, "abs", joint=J.PRESS_FIT,
             processes=[proc("injection_moulding")]),
        part("strap", "Carry strap", "挂绳", 6, "textile_polyester", joint=J.SEWN),
        part("strap_anchor", "Strap anchor", "挂绳扣", 4, "pa6", joint=J.SCREW,
             processes=[proc("injection_moulding")]),
        part("port_cover", "USB-C port cover", "接口防水塞", 3, "silicone_rubber",
             joint=J.PRESS_FIT, processes=[proc("rubber_moulding")]),
        part("housing_screws", "Housing screws M2", "外壳螺钉M2", 0.4, "steel_fastener",
             qty=12, joint=J.SCREW),
        part("threaded_inserts", "Threaded inserts", "铜螺母嵌件", 0.3, "brass", qty=8,
             joint=J.PRESS_FIT, notes="Heat-staked into the enclosure halves."),
    ], module="housing", processes=[proc("final_assembly", 1)])]


def _acoustics() -> list:
    radiator = assembly("passive_radiator", "Passive radiator", "被动辐射器", [
        part("radiator_membrane", "Radiator membrane", "辐射器振膜", 12, "silicone_rubber",
             joint=J.ADHESIVE, processes=[proc("rubber_moulding")]),
        part("radiator_weight", "Radiator mass plate", "辐射器配重片", 12,
             "steel_sheet_cold_rolled", joint=J.ADHESIVE, processes=[proc("sheet_stamping")]),
        part("radiator_frame", "Radiator frame", "辐射器支架", 8, "abs", joint=J.ADHESIVE,
             processes=[proc("injection_moulding")]),
    ], qty=2, joint=J.SCREW, joints=4, module="acoustics")
    return [assembly("acoustics", "Acoustics", "声学组件", [
        part("woofer", "Racetrack full-range driver 45 x 80 mm", "45x80毫米跑道形全频扬声器",
             100, "speaker_driver", joint=J.SCREW, joints=4, priority="speaker driver",
             substances=[sub("neodymium (in NdFeB magnet)", "7440-00-8", 0.045)],
             legs=[leg(T.TRUCK_SMALL, 60, "driver from a Dongguan supplier (estimate)")]),
        radiator,
        part("acoustic_foam", "Acoustic foam", "吸音棉", 3, "pur_flexible_foam",
             joint=J.ADHESIVE),
        part("damping_felt", "Damping felt", "阻尼毡", 4, "textile_polyester",
             joint=J.ADHESIVE),
    ], module="acoustics")]


def _electronics() -> list:
    return [assembly("electronics", "Electronics", "电子组件", [
        part("main_pcb", "Main board (Bluetooth SoC, class-D amplifier, charger)",
             "主板(蓝牙芯片、D类功放、充电管理)", 38, "pcb_populated", joint=J.SCREW, joints=3,
             priority="main PCB", processes=[proc("pcb_assembly_smt", 0.0065)],
             substances=[sub("tetrabromobisphenol A (reacted into FR-4)", "79-94-7", 0.03)],
             legs=[leg(T.TRUCK_SMALL, 40, "bare board from a Shenzhen PCB maker (estimate)")],
             notes="65 x 100 mm, 4-layer FR-4."),
        part("usb_board", "USB-C port board", "USB-C接口小板", 6, "pcb_populated",
             joint=J.SCREW, processes=[proc("pcb_assembly_smt", 0.0008)]),
        part("usb_connector", "USB-C receptacle", "USB-C插座", 2, "connector_electrical",
             joint=J.SOLDER, joints=8),
        part("button_board", "Button board", "按键小板", 5, "pcb_populated", joint=J.SCREW,
             processes=[proc("pcb_assembly_smt", 0.0012)]),
        part("status_led", "Status LED", "状态指示灯", 0.05, "led", qty=5, joint=J.SOLDER),
        part("internal_wiring", "Internal wiring", "内部连接线", 6, "cable_signal",
             joint=J.SOLDER, joints=6),
        part("amp_heatsink", "Amplifier heat spreader", "功放散热片", 6,
             "aluminium_wrought_sheet", joint=J.ADHESIVE, processes=[proc("sheet_stamping")]),
    ], module="electronics")]


def _battery() -> list:
    return [assembly("battery", "Battery", "电池组件", [
        part("battery_pack", "Li-ion battery, 2 cells in parallel, 3.7 V 4.8 Ah",
             "锂离子电池组(2并,3.7V 4.8Ah)", 92, "li_ion_cell", joint=J.ADHESIVE,
             priority="battery", source=BATTERY_SOURCE,
             substances=[sub("lithium hexafluorophosphate (electrolyte salt)", "21324-40-3",
                             0.015)],
             legs=[leg(T.TRUCK_MEDIUM, 90, "cells from a Huizhou cell maker (estimate)")]),
        part("battery_pcm", "Battery protection board", "电池保护板", 3, "pcb_populated",
             joint=J.SOLDER, joints=4),
        part("battery_bracket", "Battery bracket", "电池支架", 6, "pc", joint=J.SCREW,
             joints=2, processes=[proc("injection_moulding")]),
        part("battery_sleeve", "Battery shrink sleeve", "电池热缩套", 2, "pet",
             joint=J.NONE),
        part("battery_tape", "Battery mounting tape", "电池固定双面胶", 1.5, "adhesive_tape",
             joint=J.ADHESIVE),
        part("battery_leads", "Battery leads", "电池引线", 2, "cable_signal", joint=J.SOLDER,
             joints=2),
    ], module="battery")]


def _accessories_and_packaging() -> list:
    accessories = assembly("accessories", "Accessories", "配件", [
        part("usb_cable", "USB-C charging cable 0.6 m", "USB-C充电线0.6米", 25,
             "cable_signal"),
    ], module="accessories")
    packaging = assembly("packaging", "Packaging", "包装", [
        part("gift_box", "Printed gift box", "彩盒", 90, "paperboard", recycled=0.5),
        part("pulp_tray", "Moulded pulp tray", "纸浆模塑托", 45, "moulded_pulp", recycled=1.0),
        part("poly_bag", "Protective bag", "PE保护袋", 4, "pe_ld"),
        part("manual", "Quick start guide", "快速指南", 10, "paper"),
    ], module="packaging", processes=[proc("packaging_operation", 1)])
    return [accessories, packaging]


def _scenario() -> LifecycleScenario:
    # About 100 full charges a year at 7.5 W for 3 h; 200 h a year plugged in when full.
    return LifecycleScenario(
        production=ProductionScenario(grid="CN-South", factory_electricity_kwh=0.8,
                                      green_power_share=0.2,
                                      green_power_source=GreenPowerSource.PV),
        distribution=[
            leg(T.TRUCK_LARGE, 1500, "factory (Dongguan) to regional distribution centre"),
            leg(T.TRUCK_SMALL, 80, "parcel delivery to the customer"),
        ],
        use=UsePhase(grid="CN", operating_modes=[
            OperatingMode(name="charging", power_w=7.5, hours_per_year=300),
            OperatingMode(name="plugged in, full", power_w=0.5, hours_per_year=200),
        ]),
        end_of_life=EndOfLifeScenario(region="CN", transport_km=80),
    )


def build_speaker() -> Project:
    """The speaker project: baseline (glued battery) and two variants."""
    product = Product(
        name="Portable Bluetooth speaker, 20 W",
        name_zh="便携式蓝牙音箱(20瓦)",
        model_number="GD-BS20",
        category=ProductCategory.ELECTRONICS,
        functional_unit="Portable music playback for one user, about 100 full charges a "
                        "year, over a 4-year service life",
        functional_unit_zh="供一名用户便携播放音乐，每年约充满电 100 次，使用寿命 4 年",
        service_life_years=4,
        manufacturer_region="CN-South",
        description="Demo product. Service life 4 years: an estimate limited by battery "
                    "ageing (about 400 full cycles at about 100 charges a year). Charging "
                    "profile, factory energy and 20 % rooftop PV share are estimates; see "
                    "resources/demo/README.md.",
        description_zh="演示产品。使用寿命 4 年：受电池老化限制的估计值（每年约充电 100 次，约 400 "
                       "次完整循环）。充电情景、工厂能耗和 20 % 的屋顶光伏比例为估计值，见 "
                       "resources/demo/README.md。",
        bom=[*_housing(), *_acoustics(), *_electronics(), *_battery(),
             *_accessories_and_packaging()],
        scenario=_scenario(),
    )
    project = Project(product=product)
    _replaceable_battery(project.add_variant(
        "replaceable-battery", description="Battery in a screwed bracket behind a screwed "
        "access door with a plug-in connector, no tape or solder; one battery replacement "
        "extends the service life to 7 years (compare designs per year of service).",
        description_zh="电池装在螺钉固定的支架内，位于螺钉固定的检修盖后，采用插接连接器，不用胶带或焊接；"
                       "更换一次电池可将使用寿命延长到 7 年（按每使用年比较各方案）。").product)
    _recycled_pc_abs(project.add_variant(
        "recycled-pc-abs", description="Enclosure halves and radiator frames in 50 % "
        "post-consumer recycled PC/ABS and ABS.",
        description_zh="前后壳和无源辐射器框架采用含 50 % 消费后再生料的 PC/ABS 和 ABS。").product)
    return project


def _replaceable_battery(product: Product) -> None:
    product.model_number = "GD-BS20-RB"
    product.service_life_years = 7
    product.functional_unit = ("Portable music playback for one user, about 100 full charges "
                               "a year, over a 7-year service life")
    remove(product, "battery_tape")
    pack = product.find("battery_pack")
    pack.joint = J.SCREW
    pack.joint_count = 2
    leads = product.find("battery_leads")
    leads.joint = J.SNAP_FIT
    leads.joint_count = 1
    add(product, "battery",
        part("battery_connector", "Battery connector (2-pin)", "电池连接器(2针)", 1.5,
             "connector_electrical", joint=J.SNAP_FIT),
        part("battery_door", "Battery access door", "电池仓盖", 8, "pc_abs", joint=J.SCREW,
             joints=2, processes=[proc("injection_moulding")]),
        part("battery_door_screws", "Battery door screws M2", "电池仓盖螺钉M2", 0.4,
             "steel_fastener", qty=2, joint=J.SCREW))
    product.scenario.use.replacements = [Replacement(part_id="battery_pack", count=1)]


def _recycled_pc_abs(product: Product) -> None:
    product.model_number = "GD-BS20-R"
    for part_id in ("enclosure_front", "enclosure_rear", "radiator_frame"):
        product.find(part_id).recycled_content = 0.5
