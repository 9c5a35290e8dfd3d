"""Word lists the demo generator draws from: places, trade names, industries, people.

Weights are written as repeat counts so the generator can use ``random.choice`` (fast) on
the expanded tuples built by ``weighted``.
"""

from __future__ import annotations

from typing import NamedTuple, TypeVar

T = TypeVar("T")


class City(NamedTuple):
    province: str
    name: str
    area_code: str
    division: str  # administrative division code, digits 3-8 of a credit code
    postal: str
    weight: int


CITIES = (
    City("北京市", "北京", "010", "110105", "100", 30),
    City("上海市", "上海", "021", "310115", "200", 30),
    City("天津市", "天津", "022", "120101", "300", 8),
    City("重庆市", "重庆", "023", "500103", "400", 10),
    City("广东省", "广州", "020", "440106", "510", 16),
    City("广东省", "深圳", "0755", "440305", "518", 20),
    City("广东省", "东莞", "0769", "441900", "523", 6),
    City("广东省", "佛山", "0757", "440604", "528", 5),
    City("江苏省", "南京", "025", "320106", "210", 10),
    City("江苏省", "苏州", "0512", "320505", "215", 10),
    City("江苏省", "无锡", "0510", "320214", "214", 5),
    City("浙江省", "杭州", "0571", "330106", "310", 14),
    City("浙江省", "宁波", "0574", "330203", "315", 6),
    City("浙江省", "温州", "0577", "330302", "325", 4),
    City("山东省", "济南", "0531", "370102", "250", 6),
    City("山东省", "青岛", "0532", "370202", "266", 7),
    City("四川省", "成都", "028", "510104", "610", 12),
    City("四川省", "乐山", "0833", "511102", "614", 2),
    City("湖北省", "武汉", "027", "420102", "430", 10),
    City("湖南省", "长沙", "0731", "430102", "410", 8),
    City("福建省", "福州", "0591", "350102", "350", 5),
    City("福建省", "厦门", "0592", "350203", "361", 6),
    City("河南省", "郑州", "0371", "410102", "450", 7),
    City("河北省", "石家庄", "0311", "130102", "050", 4),
    City("陕西省", "西安", "029", "610102", "710", 8),
    City("辽宁省", "沈阳", "024", "210102", "110", 5),
    City("辽宁省", "大连", "0411", "210202", "116", 5),
    City("安徽省", "合肥", "0551", "340102", "230", 6),
    City("江西省", "南昌", "0791", "360102", "330", 4),
    City("云南省", "昆明", "0871", "530102", "650", 4),
    City("广西壮族自治区", "南宁", "0771", "450102", "530", 3),
    City("黑龙江省", "哈尔滨", "0451", "230102", "150", 4),
    City("吉林省", "长春", "0431", "220102", "130", 4),
    City("山西省", "太原", "0351", "140105", "030", 3),
    City("贵州省", "贵阳", "0851", "520102", "550", 3),
    City("海南省", "海口", "0898", "460106", "570", 2),
    City("甘肃省", "兰州", "0931", "620102", "730", 2),
    City("内蒙古自治区", "呼和浩特", "0471", "150102", "010", 2),
    City("新疆维吾尔自治区", "乌鲁木齐", "0991", "650102", "830", 2),
)

# Trade names are two characters: one from each list (polyphones included on purpose:
# 长 chang/zhang, 重 chong/zhong, 乐 le/yue, 行 xing/hang, 朝 chao/zhao).
BRAND_FIRST = ("华东新长恒宏金天瑞中汇博鼎鑫永百安盛嘉联星海万明志远众"
               "佳康正国银蓝绿润丰腾通凯卓云春光朝乐重和兴泰祥")
BRAND_SECOND = ("信方华城达远桥成丰科通盛源安川泰世禾合光天辉诚航和宁"
                "大河山虹飞越帆晖明阳行兴隆发德利昌鸿顺")


class Industry(NamedTuple):
    name: str
    words: tuple[str, ...]
    latin: str
    weight: int


INDUSTRIES = (
    Industry("信息技术", ("科技", "软件", "信息技术", "网络科技", "数据科技"), "tech", 18),
    Industry("制造业", ("机械", "电子", "电气", "精密制造", "汽车零部件"), "mfg", 20),
    Industry("批发零售", ("贸易", "商贸", "百货", "供应链管理"), "trade", 16),
    Industry("建筑业", ("建设", "建筑工程", "装饰工程"), "build", 8),
    Industry("金融", ("投资", "资产管理", "融资租赁"), "fin", 5),
    Industry("医药健康", ("医药", "生物科技", "医疗器械"), "med", 7),
    Industry("交通物流", ("物流", "运输", "国际货运代理"), "logistics", 8),
    Industry("餐饮食品", ("餐饮管理", "食品"), "food", 5),
    Industry("房地产", ("置业", "房地产开发", "物业管理"), "estate", 4),
    Industry("教育", ("教育科技", "培训"), "edu", 3),
    Industry("能源", ("能源", "新能源", "电力"), "energy", 3),
    Industry("农业", ("农业", "农业发展"), "agri", 2),
    Industry("文化传媒", ("文化传媒", "广告", "影视"), "media", 3),
)

SUFFIXES = (("有限公司", 60), ("股份有限公司", 15), ("有限责任公司", 15), ("集团有限公司", 5),
            ("商行", 5))
BANKS = ("中国工商银行", "中国建设银行", "中国银行", "中国农业银行", "交通银行", "招商银行",
         "重庆银行", "浦发银行", "兴业银行")

SURNAMES = (("王", 70), ("李", 70), ("张", 65), ("刘", 55), ("陈", 50), ("杨", 30), ("黄", 24),
            ("赵", 22), ("吴", 20), ("周", 20), ("徐", 15), ("孙", 14), ("马", 13), ("朱", 12),
            ("胡", 12), ("郭", 11), ("何", 10), ("高", 10), ("林", 10), ("罗", 9), ("郑", 9),
            ("梁", 9), ("谢", 7), ("宋", 6), ("唐", 6), ("许", 6), ("韩", 5), ("冯", 5),
            ("邓", 5), ("曹", 5), ("彭", 5), ("曾", 5), ("肖", 5), ("田", 4), ("董", 4),
            ("袁", 4), ("潘", 4), ("于", 4), ("蒋", 4), ("蔡", 4), ("余", 4), ("杜", 4),
            ("叶", 4), ("程", 4), ("苏", 3), ("魏", 3), ("吕", 3), ("丁", 3), ("任", 3),
            ("沈", 3), ("姚", 3), ("卢", 3), ("单", 1), ("解", 1), ("欧阳", 1), ("司马", 1),
            ("上官", 1), ("诸葛", 1))
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林建国文志海东峰亮成晨"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀玲燕婷雪慧颖琳晶欣倩萍红梅莉丹佳怡悦洁蕾薇玉兰"

EN_FIRST_MALE = ("James", "John", "Robert", "Michael", "David", "William", "Richard", "Thomas",
                 "Peter", "Chris", "Daniel", "Mark", "Paul", "Kevin", "Brian")
EN_FIRST_FEMALE = ("Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Jessica",
                   "Sarah", "Emma", "Anna", "Laura", "Karen", "Nancy", "Lisa", "Helen")
EN_LAST = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "O'Brien",
           "O'Connor", "Müller", "García", "Wilson", "Taylor", "Anderson", "Moore", "Martin",
           "Lee", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green")
EN_ADJ = ("Pacific", "Blue", "Golden", "Northern", "Silver", "Bright", "Global", "United",
          "Eastern", "Royal", "Summit", "Harbor", "Evergreen", "Pioneer", "Crystal", "Atlas")
EN_NOUN = ("River", "Bridge", "Star", "Oak", "Peak", "Wave", "Stone", "Lake", "Valley", "Point",
           "Gate", "Field", "Harbour", "Crown", "Falcon", "Maple")
EN_KIND = (("Trading", "trade", "批发零售"), ("Software", "tech", "信息技术"),
           ("Logistics", "logistics", "交通物流"), ("Industries", "mfg", "制造业"),
           ("Consulting", "consult", "信息技术"), ("Foods", "food", "餐饮食品"),
           ("Medical", "med", "医药健康"), ("Capital", "fin", "金融"))
EN_SUFFIX = ("Co., Ltd.", "Ltd", "Inc.", "Limited", "GmbH", "& Partners", "(China) Co., Ltd.")

POSITIONS = ("总经理", "副总经理", "董事长", "采购经理", "采购专员", "财务总监", "会计", "销售经理",
             "技术总监", "项目经理", "行政主管", "Purchasing Manager", "CEO", "CFO",
             "Operations Director")
DEPARTMENTS = ("采购部", "财务部", "销售部", "技术部", "行政部", "总经办", "市场部", "Purchasing",
               "Finance", "Operations")
SOURCES = (("转介绍", 25), ("展会", 15), ("官网", 20), ("电话开发", 15), ("广告", 8),
           ("合作伙伴", 10), ("老客户", 7))
TAGS = (("", 70), ("重点客户", 8), ("VIP", 5), ("出口", 5), ("政府采购", 3), ("长期合作", 6),
        ("待跟进", 3))
STATUSES = (("active", 55), ("prospect", 25), ("dormant", 12), ("lost", 8))
TIERS = (("premium", 4), ("major", 12), ("ordinary", 60), ("potential", 18), ("restricted", 6))
OWNERSHIPS = (("private", 70), ("state", 10), ("foreign", 6), ("joint_venture", 6),
              ("collective", 3), ("other", 5))
SIZES = (("micro", 35), ("small", 35), ("medium", 20), ("large", 10))
CREDIT_LIMITS = {"micro": (10, 100), "small": (50, 500), "medium": (200, 3000),
                 "large": (1000, 50000)}  # thousands of yuan
# Before the first recomputation from payment behaviour (docs/credit.md) replaces them.
RATINGS = (("", 20), ("AAA", 4), ("AA", 12), ("A", 24), ("B", 36), ("C", 4))
CONTACT_COUNTS = ((1, 48), (2, 32), (3, 13), (4, 7))
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                   "152", "155", "156", "157", "158", "159", "166", "177", "180", "181", "182",
                   "185", "186", "187", "188", "189", "198", "199")
STREETS = ("人民路", "解放路", "中山路", "建设路", "长江路", "朝阳路", "和平路", "新华路",
           "科技园路", "滨江大道")
EMAIL_TLDS = (".com", ".com.cn", ".cn", ".net")

# --- projects ----------------------------------------------------------------------------
# A Chinese project name is [where] + what + [what is done]: 华东仓储系统升级,
# 苏州工厂自动化产线改造.
PROJECT_PLACES = ("华东", "华南", "华北", "华中", "西南", "西北", "东北", "总部", "集团", "新厂区")
PROJECT_SITES = ("", "工厂", "分公司", "总部")  # after the customer's city: 苏州工厂
PROJECT_SUBJECTS = ("仓储系统", "ERP系统", "CRM系统", "MES系统", "生产线", "办公楼", "数据中心",
                    "物流中心", "客服中心", "门店网络", "供应链平台", "安防监控系统", "自动化产线",
                    "冷链仓库", "官网", "移动应用", "财务共享中心", "视频会议系统", "网络设备",
                    "光伏电站", "污水处理设施", "员工培训", "质量管理体系", "智能仓储", "展厅")
PROJECT_ACTIONS = ("升级", "改造", "建设", "扩建", "实施", "采购", "迁移", "优化", "维保服务",
                   "咨询", "集成", "项目", "二期工程")
EN_PROJECT_PLACES = ("East China", "South China", "Head Office", "Group", "New Plant",
                     "Asia Pacific")
EN_PROJECT_SUBJECTS = ("Warehouse System", "ERP", "CRM", "Production Line", "Office Building",
                       "Data Centre", "Logistics Hub", "Call Centre", "Security System",
                       "Website", "Mobile App", "Network", "Solar Plant", "Training Programme",
                       "Cold Chain Warehouse", "Showroom")
EN_PROJECT_ACTIONS = ("Upgrade", "Rollout", "Renovation", "Expansion", "Migration",
                      "Implementation", "Procurement", "Maintenance Contract", "Consulting",
                      "Integration")
PROJECT_NOTES = ("客户希望年底前完成上线。", "需求调研已完成，待提交方案和报价。",
                 "含硬件采购、安装调试及三年维保。", "分两期实施，一期预算已批。",
                 "客户IT部门牵头，采购部参与评标。", "竞争对手也在投标，价格敏感。",
                 "已签框架协议，按里程碑付款。", "需要现场驻场支持两周。")
EN_PROJECT_NOTES = ("The customer wants to go live before the year end.",
                    "Requirements gathered; proposal and quote due next.",
                    "Hardware, installation and three years of maintenance included.",
                    "Two phases; phase one's budget is approved.",
                    "Paid by milestones under the framework agreement.")
# How a project's stage is spread: (stage, weight).
PROJECT_STAGES = (("lead", 20), ("proposal", 18), ("in_progress", 30), ("completed", 24),
                  ("cancelled", 8))
PROJECT_BUDGETS = {"micro": (1, 20), "small": (5, 100), "medium": (20, 500),
                   "large": (100, 5000), "": (1, 30)}  # ten thousands of yuan, by size


# --- products and suppliers -----------------------------------------------------------------
class Item(NamedTuple):
    zh: str
    en: str
    unit: str  # a unit code of app/logic/products (pcs 个, unit 台, set 套, box 箱, kg, hour...)
    low: int  # list price in yuan, from
    high: int  # to
    specs: tuple[str, ...]  # "中文/English", or one text for both


class Category(NamedTuple):
    name: str
    tax_rate: str  # the usual VAT rate of its products
    items: tuple[Item, ...]
    words: tuple[str, ...]  # what a Chinese supplier of the category calls its trade
    en_words: tuple[str, ...]  # and a supplier abroad
    weight: int


CATEGORIES = (
    Category("电子元器件", "0.13", (
        Item("贴片电阻", "SMD Resistor", "pack", 5, 40,
             ("0603 10kΩ 5000只/0603 10kΩ 5000 pcs", "0805 1kΩ 5000只/0805 1kΩ 5000 pcs")),
        Item("电解电容", "Electrolytic Capacitor", "pack", 8, 60,
             ("100µF 25V 200只/100µF 25V 200 pcs", "470µF 50V 100只/470µF 50V 100 pcs")),
        Item("继电器", "Relay", "pcs", 8, 60, ("24V DC", "12V DC", "220V AC")),
        Item("温度传感器", "Temperature Sensor", "pcs", 30, 300, ("PT100", "K型/Type K")),
        Item("工业连接器", "Industrial Connector", "pcs", 10, 120,
             ("4芯/4-pin", "8芯/8-pin", "M12")),
        Item("开关电源", "Switching Power Supply", "unit", 80, 900, ("24V 5A", "12V 10A")),
        Item("单片机开发板", "MCU Development Board", "pcs", 50, 400, ("STM32", "ESP32"))),
        ("电子", "电子科技", "电子元件"), ("Electronics", "Components"), 13),
    Category("工业设备", "0.13", (
        Item("变频器", "Frequency Inverter", "unit", 800, 12000, ("2.2kW", "7.5kW", "15kW")),
        Item("伺服电机", "Servo Motor", "unit", 1200, 9000, ("400W", "750W", "1.5kW")),
        Item("PLC控制器", "PLC Controller", "unit", 1500, 20000, ("16点/16 I/O", "32点/32 I/O")),
        Item("空气压缩机", "Air Compressor", "unit", 5000, 60000, ("7.5kW", "22kW")),
        Item("工业机器人", "Industrial Robot", "set", 80000, 400000,
             ("六轴 10kg/6-axis 10 kg", "SCARA 5kg/SCARA 5 kg")),
        Item("减速机", "Gear Reducer", "unit", 600, 8000, ("1:10", "1:30"))),
        ("机械", "自动化", "机电设备", "精密机械"), ("Automation", "Engineering", "Machinery"), 13),
    Category("办公设备", "0.13", (
        Item("激光打印机", "Laser Printer", "unit", 900, 6000,
             ("A4 黑白/A4 mono", "A3 彩色/A3 colour")),
        Item("投影仪", "Projector", "unit", 2500, 15000, ("4000流明/4000 lm", "1080P")),
        Item("笔记本电脑", "Laptop", "unit", 3999, 15999,
             ("14英寸 16GB/14-inch 16 GB", "15.6英寸 32GB/15.6-inch 32 GB")),
        Item("显示器", "Monitor", "unit", 699, 4999, ("24英寸/24-inch", "27英寸 4K/27-inch 4K")),
        Item("碎纸机", "Paper Shredder", "unit", 300, 2500, ("5级保密/P-5",)),
        Item("办公椅", "Office Chair", "pcs", 300, 3000, ("人体工学/ergonomic", "网布/mesh"))),
        ("办公设备", "科技", "商贸"), ("Office Supplies", "Office Systems"), 10),
    Category("网络设备", "0.13", (
        Item("交换机", "Network Switch", "unit", 300, 20000,
             ("8口千兆/8-port gigabit", "24口千兆/24-port gigabit",
              "48口万兆/48-port 10G")),
        Item("路由器", "Router", "unit", 200, 12000, ("企业级/enterprise", "双WAN/dual WAN")),
        Item("无线AP", "Wireless Access Point", "unit", 300, 3000, ("Wi-Fi 6", "吸顶式/ceiling")),
        Item("防火墙", "Firewall", "unit", 3000, 60000, ("千兆/gigabit", "万兆/10G")),
        Item("光模块", "Optical Transceiver", "pcs", 60, 1500, ("10G SFP+", "25G SFP28")),
        Item("六类网线", "Cat6 Cable", "box", 300, 1200, ("305米/305 m",))),
        ("网络科技", "通信", "信息技术"), ("Networks", "Communications"), 8),
    Category("包装材料", "0.13", (
        Item("瓦楞纸箱", "Corrugated Carton", "pcs", 2, 15,
             ("五层 60×40×40cm/5-ply 60×40×40 cm", "三层 40×30×30cm/3-ply 40×30×30 cm")),
        Item("气泡膜", "Bubble Wrap", "m", 1, 5, ("宽1.2米/1.2 m wide",)),
        Item("缠绕膜", "Stretch Film", "kg", 12, 25, ("50cm 23µm", "透明/clear")),
        Item("木托盘", "Wooden Pallet", "pcs", 60, 180, ("1200×1000mm", "1100×1100mm")),
        Item("封箱胶带", "Packing Tape", "box", 80, 200,
             ("48mm×100m 36卷/48 mm × 100 m, 36 rolls",))),
        ("包装", "纸业", "包装材料"), ("Packaging",), 10),
    Category("原材料", "0.13", (
        Item("电解铜", "Copper Cathode", "t", 60000, 75000, ("A级/Grade A",)),
        Item("铝锭", "Aluminium Ingot", "t", 18000, 21000, ("A00",)),
        Item("不锈钢板", "Stainless Steel Sheet", "kg", 15, 40, ("304 2mm", "316L 3mm")),
        Item("塑料粒子", "Plastic Pellets", "kg", 8, 20, ("ABS", "PP", "PC")),
        Item("硅胶", "Silicone Rubber", "kg", 20, 90, ("食品级/food grade", "70A"))),
        ("金属材料", "新材料", "化工", "实业"), ("Materials", "Metals"), 10),
    Category("五金工具", "0.13", (
        Item("扳手套装", "Spanner Set", "set", 80, 600, ("32件/32 pieces", "12件/12 pieces")),
        Item("锂电电钻", "Cordless Drill", "unit", 200, 1200, ("20V", "12V")),
        Item("内六角螺丝", "Hex Socket Screw", "box", 30, 150, ("M6×20 1000只/M6×20, 1000 pcs",)),
        Item("钢卷尺", "Tape Measure", "pcs", 10, 60, ("5米/5 m", "7.5米/7.5 m")),
        Item("劳保手套", "Work Gloves", "pack", 15, 80, ("12双/12 pairs",))),
        ("五金", "工具", "五金机电"), ("Tools", "Hardware"), 10),
    Category("软件", "0.13", (
        Item("ERP软件许可", "ERP Licence", "set", 20000, 200000,
             ("标准版/Standard", "企业版/Enterprise")),
        Item("数据库许可", "Database Licence", "set", 8000, 120000, ("2核/2 cores", "8核/8 cores")),
        Item("终端杀毒软件", "Endpoint Antivirus", "year", 60, 300, ("单用户/per user",)),
        Item("云服务器", "Cloud Server", "month", 200, 5000, ("4核8G/4 vCPU 8 GB",
                                                         "8核32G/8 vCPU 32 GB")),
        Item("协同办公SaaS", "Collaboration SaaS", "year", 500, 20000, ("50用户/50 users",))),
        ("软件", "信息技术", "数据科技"), ("Software", "Systems"), 8),
    Category("技术服务", "0.06", (
        Item("安装调试服务", "Installation and Commissioning", "times", 500, 5000,
             ("现场/on site",)),
        Item("技术支持", "Technical Support", "hour", 200, 800, ("远程/remote", "现场/on site")),
        Item("现场培训", "On-site Training", "day", 2000, 8000, ("10人以内/up to 10 people",)),
        Item("年度维保", "Annual Maintenance", "year", 5000, 80000, ("7×24", "5×8")),
        Item("设备维修", "Equipment Repair", "times", 300, 6000, ("含配件/with parts",))),
        ("技术服务", "工程技术", "咨询"), ("Services", "Consulting"), 10),
    Category("农副产品", "0.09", (
        Item("东北大米", "Northeast Rice", "kg", 4, 12, ("珍珠米/pearl rice", "长粒香/long grain")),
        Item("食用油", "Cooking Oil", "box", 120, 360, ("5L×4桶/5 L × 4",)),
        Item("绿茶", "Green Tea", "kg", 200, 1600, ("明前/spring harvest", "特级/premium")),
        Item("水果礼盒", "Fruit Gift Box", "box", 80, 400, ("5kg/5 kg",))),
        ("农业", "食品", "农产品"), ("Foods", "Produce"), 8),
)
PRODUCT_NOTES = ("质保一年，含税含运费。", "交货期约两周，量大可议价。",
                 "支持定制，需提前确认规格。", "停产替代型号另询。", "Warranty 12 months.",
                 "Price per unit, VAT included.")
SUPPLIER_NOTES = ("年度框架协议供应商。", "需提前两周下单。", "通过ISO 9001认证。",
                  "账期内付款有1%折扣。", "Preferred supplier since 2019.",
                  "Orders by e-mail only.")
SUPPLIER_POSITIONS = ("销售经理", "业务经理", "客户经理", "总经理", "外贸经理")
EN_SUPPLIER_POSITIONS = ("Sales Manager", "Account Manager", "Export Manager", "Managing Director")
SUPPLIER_RATINGS = (("A", 25), ("B", 45), ("C", 20), ("D", 5), ("", 5))
SUPPLIER_TERMS = (0, 15, 30, 30, 45, 60, 60, 90)


class Country(NamedTuple):
    """A country suppliers abroad are in, with how its numbers are written."""

    name: str  # as the country field holds it (中国 is the default)
    cities: tuple[str, ...]
    phone: str  # a format: each # a digit
    postal: str
    tax_id: str
    banks: tuple[str, ...]
    account: str
    streets: tuple[str, ...]  # each with {n}: the house number
    suffixes: tuple[str, ...]
    domain: str  # e-mail domain ending
    people: tuple[str, ...]  # contacts' names
    weight: int


ABROAD = (
    Country("英国", ("London", "Manchester", "Birmingham", "Leeds"), "+44 20 7946 ####",
            "EC1A #BB", "GB#########", ("Barclays Bank", "HSBC UK"),
            "GB29NWBK6016133192####", ("{n} High Street", "{n} Station Road"),
            ("Ltd", "Limited", "plc"), ".co.uk",
            ("James Smith", "Emma Taylor", "Oliver Brown", "Sarah Wilson"), 4),
    Country("德国", ("München", "Hamburg", "Stuttgart", "Frankfurt am Main"), "+49 89 #######",
            "#####", "DE#########", ("Deutsche Bank", "Commerzbank"),
            "DE89370400440532######", ("Hauptstraße {n}", "Industriestraße {n}"),
            ("GmbH", "AG", "GmbH & Co. KG"), ".de",
            ("Thomas Müller", "Anna Schmidt", "Jörg Becker", "Julia Fischer"), 4),
    Country("日本", ("Tokyo", "Osaka", "Nagoya", "Yokohama"), "+81 3-####-####", "###-####",
            "T#############", ("MUFG Bank", "Mizuho Bank"), "#######",
            ("{n}-2-3 Marunouchi", "{n}-1 Umeda"), ("Co., Ltd.", "Corporation"), ".co.jp",
            ("Hiroshi Tanaka", "Yuki Sato", "Kenji Suzuki", "Aiko Yamamoto"), 3),
    Country("美国", ("Chicago", "Houston", "San Jose", "Boston"), "+1 312-555-####", "#####",
            "##-#######", ("Bank of America", "JPMorgan Chase"), "##########",
            ("{n} Main Street, Suite 300", "{n} Commerce Drive"), ("Inc.", "LLC", "Corp."),
            ".com", ("Michael Johnson", "Jennifer Davis", "David Miller", "Linda Moore"), 3),
    Country("韩国", ("Seoul", "Busan", "Incheon"), "+82 2-####-####", "#####", "###-##-#####",
            ("Shinhan Bank", "KB Kookmin Bank"), "###-###-######",
            ("{n} Teheran-ro, Gangnam-gu", "{n} Gukhoe-daero"), ("Co., Ltd.",), ".co.kr",
            ("Kim Min-jun", "Lee Seo-yeon", "Park Ji-hoon"), 2),
    Country("新加坡", ("Singapore",), "+65 6### ####", "######", "2019#####K",
            ("DBS Bank", "OCBC Bank"), "###-######-#", ("{n} Anson Road", "{n} Jurong Port Road"),
            ("Pte. Ltd.",), ".com.sg", ("Tan Wei Ming", "Rachel Lim", "Daniel Ng"), 2),
)
ABROAD_SHARE = 0.15  # of the suppliers

DEMO_USERS = (
    ("admin", "系统管理员", "admin"),
    ("manager", "销售经理 周敏", "sales_manager"),
    ("sales1", "销售 王伟", "salesperson"),
    ("sales2", "销售 李娜", "salesperson"),
    ("sales3", "销售 张磊", "salesperson"),
    ("sales4", "Sales Emma Scott", "salesperson"),
    ("sales5", "销售 陈静", "salesperson"),
    ("finance", "财务 刘芳", "finance"),
    ("service", "客服 赵丽", "service"),
    ("auditor", "审计 孙强", "auditor"),
)


def weighted(pairs: tuple[tuple[T, int], ...]) -> tuple[T, ...]:
    """Expand ``(value, weight)`` pairs into a tuple ``random.choice`` draws from fairly."""
    return tuple(value for value, weight in pairs for _ in range(weight))
