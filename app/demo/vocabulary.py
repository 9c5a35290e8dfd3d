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
RATINGS = (("", 20), ("AAA", 4), ("AA", 12), ("A", 24), ("BBB", 20), ("BB", 10), ("B", 6),
           ("C", 4))
CONTACT_COUNTS = ((1, 48), (2, 32), (3, 13), (4, 7))
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                   "152", "155", "156", "157", "158", "159", "166", "177", "180", "181", "182",
                   "185", "186", "187", "188", "189", "198", "199")
STREETS = ("人民路", "解放路", "中山路", "建设路", "长江路", "朝阳路", "和平路", "新华路",
           "科技园路", "滨江大道")
EMAIL_TLDS = (".com", ".com.cn", ".cn", ".net")

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
