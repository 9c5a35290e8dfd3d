"""The products benchmark's database: 100,000 products and a few thousand suppliers, beside
the demo's customers with their projects. Built once per size and seed, cached under
benchmarks/.cache/ like the customers' database.

The demo (``generate_demo``, ``DEMO_CUSTOMERS`` customers) gives the users, customers and
their projects (about one per three customers) and a small catalogue; the products and
suppliers are then topped up here in one bulk load (``app.data.kit.bulk``: plain
``executemany``, the list indexes dropped and built again at the end), with the sort and
search keys their repositories store on a save (``sort_key``, ``product_search_key``,
``supplier_search_key``), so their lists behave as real ones.

Product codes come in three styles, as catalogues imported from other systems have them:
digits with leading zeros (``00012345``), a category's letters (``DZ-004512``) and the
generated ones (``G000123``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from app.data.database import Database, open_database
from app.data.kit import bulk
from app.data.kit.search import sort_key
from app.data.products import product_search_key
from app.data.suppliers import supplier_search_key
from app.demo.generate import generate_demo
from benchmarks.database import CACHE

FORMAT = 3  # bump when the generated data or the schema changes (3: 0011's list indexes)
PRODUCTS = 100_000
SUPPLIERS = 3_000
DEMO_CUSTOMERS = 30_000  # and their projects: about 10,000

PRODUCT_FIELDS = (
    "id", "code", "name", "category", "unit", "list_price", "cost", "tax_rate", "active",
    "description", "archived_at", "name_sort", "category_sort", "search_text", "created_at",
    "created_by", "updated_at", "updated_by", "version")
SUPPLIER_FIELDS = (
    "id", "code", "name", "category", "rating", "payment_terms_days", "country", "province",
    "city", "address", "postal_code", "phone", "fax", "email", "tax_id", "bank_name",
    "bank_account", "notes", "archived_at", "name_sort", "city_sort", "search_text",
    "created_at", "created_by", "updated_at", "updated_by", "version")
PRODUCTS_BULK = bulk.BulkTable(table="products", sequence="product", fts_tables={},
                               appended_indexes=frozenset())
SUPPLIERS_BULK = bulk.BulkTable(table="suppliers", sequence="supplier", fts_tables={},
                                appended_indexes=frozenset())


@dataclass(frozen=True)
class Category:
    name: str
    letters: str  # of its codes: DZ-004512
    weight: int
    units: tuple[str, ...]
    tax_rate: str
    yuan: tuple[int, int]  # list price range
    items: tuple[tuple[str, str], ...]  # (Chinese, English)
    specs: tuple[tuple[str, str], ...]


CATEGORIES = (
    Category("电子元器件", "DZ", 20, ("pcs", "pack", "box"), "0.13", (1, 800), (
        ("贴片电阻", "SMD resistor"), ("电解电容", "Electrolytic capacitor"),
        ("继电器", "Relay"), ("交流接触器", "AC contactor"), ("单片机", "Microcontroller"),
        ("连接器", "Connector"), ("二极管", "Diode"), ("断路器", "Circuit breaker"),
        ("开关电源", "Switching power supply"), ("传感器", "Sensor")), (
        ("10kΩ", "10kΩ"), ("100μF 25V", "100uF 25V"), ("DC24V", "DC24V"),
        ("AC220V", "AC220V"), ("0805", "0805"), ("SOP-8", "SOP-8"), ("3P 32A", "3P 32A"),
        ("工业级", "industrial grade"), ("", ""))),
    Category("五金工具", "WJ", 15, ("pcs", "set", "box", "kg"), "0.13", (2, 3000), (
        ("内六角螺丝", "Hex socket screw"), ("膨胀螺栓", "Expansion bolt"),
        ("活动扳手", "Adjustable wrench"), ("电钻", "Electric drill"),
        ("卷尺", "Tape measure"), ("钢丝钳", "Combination pliers"),
        ("螺丝刀套装", "Screwdriver set"), ("角磨机", "Angle grinder")), (
        ("M6×20", "M6x20"), ("M8×30", "M8x30"), ("不锈钢304", "stainless 304"),
        ("10寸", "10 inch"), ("5米", "5 m"), ("镀锌", "galvanised"), ("", ""))),
    Category("机械配件", "JX", 12, ("pcs", "set", "unit"), "0.13", (10, 20000), (
        ("深沟球轴承", "Deep groove ball bearing"), ("同步带", "Timing belt"),
        ("直齿轮", "Spur gear"), ("联轴器", "Coupling"), ("气缸", "Pneumatic cylinder"),
        ("减速机", "Gear reducer"), ("直线导轨", "Linear guide")), (
        ("6205-2RS", "6205-2RS"), ("HTD 5M", "HTD 5M"), ("模数2", "module 2"),
        ("缸径50", "bore 50"), ("速比1:20", "ratio 1:20"), ("", ""))),
    Category("办公用品", "BG", 10, ("box", "pack", "pcs"), "0.13", (2, 600), (
        ("复印纸", "Copy paper"), ("中性笔", "Gel pen"), ("文件夹", "File folder"),
        ("订书机", "Stapler"), ("便利贴", "Sticky notes"), ("计算器", "Calculator"),
        ("打印机硒鼓", "Toner cartridge")), (
        ("A4 70g", "A4 70gsm"), ("A3 80g", "A3 80gsm"), ("0.5mm 黑色", "0.5 mm black"),
        ("12支装", "pack of 12"), ("500张/包", "500 sheets"), ("蓝色", "blue"), ("", ""))),
    Category("电线电缆", "DX", 8, ("m", "kg"), "0.13", (1, 300), (
        ("电力电缆", "Power cable"), ("超五类网线", "Cat5e network cable"),
        ("控制电缆", "Control cable"), ("铜芯线", "Copper wire")), (
        ("YJV 3×4", "YJV 3x4"), ("RVV 2×1.5", "RVV 2x1.5"), ("BV 2.5", "BV 2.5"),
        ("阻燃", "flame retardant"), ("", ""))),
    Category("劳保用品", "LB", 6, ("pcs", "pack", "box"), "0.13", (3, 400), (
        ("安全帽", "Safety helmet"), ("防护手套", "Work gloves"), ("劳保鞋", "Safety shoes"),
        ("反光背心", "Reflective vest"), ("防尘口罩", "Dust mask")), (
        ("ABS", "ABS"), ("丁腈", "nitrile"), ("42码", "size 42"), ("KN95", "KN95"), ("", ""))),
    Category("包装材料", "BZ", 6, ("pcs", "pack", "kg"), "0.13", (1, 200), (
        ("瓦楞纸箱", "Corrugated carton"), ("气泡膜", "Bubble wrap"),
        ("封箱胶带", "Packing tape"), ("缠绕膜", "Stretch film"), ("木托盘", "Wooden pallet")), (
        ("五层", "5-ply"), ("50cm", "50 cm"), ("透明", "clear"), ("1200×1000", "1200x1000"),
        ("", ""))),
    Category("化工原料", "HG", 5, ("kg", "l", "t"), "0.13", (5, 9000), (
        ("工业酒精", "Industrial alcohol"), ("环氧树脂", "Epoxy resin"),
        ("润滑油", "Lubricating oil"), ("液压油", "Hydraulic oil")), (
        ("95%", "95%"), ("E-44", "E-44"), ("46号", "ISO VG 46"), ("18L", "18 L"), ("", ""))),
    Category("电脑及配件", "DN", 6, ("unit", "pcs", "set"), "0.13", (30, 15000), (
        ("笔记本电脑", "Laptop"), ("显示器", "Monitor"), ("机械键盘", "Mechanical keyboard"),
        ("无线鼠标", "Wireless mouse"), ("固态硬盘", "SSD"), ("路由器", "Router")), (
        ("14英寸", "14 inch"), ("27英寸 4K", "27 inch 4K"), ("1TB", "1 TB"),
        ("千兆", "gigabit"), ("", ""))),
    Category("清洁用品", "QJ", 5, ("box", "pcs", "pack", "l"), "0.13", (2, 300), (
        ("洗手液", "Hand soap"), ("消毒液", "Disinfectant"), ("垃圾袋", "Garbage bags"),
        ("拖把", "Mop"), ("抽纸", "Facial tissue")), (
        ("500ml", "500 ml"), ("5L", "5 L"), ("加厚", "heavy duty"), ("", ""))),
    Category("食品饮料", "SP", 4, ("box", "pack", "pcs"), "0.13", (2, 500), (
        ("矿泉水", "Mineral water"), ("绿茶", "Green tea"), ("咖啡豆", "Coffee beans"),
        ("饼干", "Biscuits")), (
        ("550ml×24", "550 ml x 24"), ("250g", "250 g"), ("1kg", "1 kg"), ("", ""))),
    Category("软件与服务", "RJ", 2, ("year", "times", "month", "hour", "day"), "0.06",
             (100, 50000), (
        ("软件许可", "Software licence"), ("技术支持服务", "Technical support"),
        ("安装调试", "Installation"), ("培训服务", "Training"), ("云服务器", "Cloud server")), (
        ("标准版", "standard"), ("企业版", "enterprise"), ("", ""))),
    Category("样品", "YP", 1, ("pcs",), "0.13", (0, 100), (
        ("样品", "Sample"), ("试用装", "Trial pack")), (("", ""),)),
)
BRANDS = (("得力", "Deli"), ("晨光", "M&G"), ("西门子", "Siemens"), ("施耐德", "Schneider"),
          ("正泰", "Chint"), ("德力西", "Delixi"), ("公牛", "Bull"), ("史丹利", "Stanley"),
          ("世达", "SATA"), ("3M", "3M"), ("霍尼韦尔", "Honeywell"), ("联想", "Lenovo"),
          ("华为", "Huawei"), ("罗技", "Logitech"), ("金士顿", "Kingston"), ("博世", "Bosch"),
          ("米思米", "Misumi"), ("人本", "C&U"), ("斯凯孚", "SKF"), ("飞利浦", "Philips"),
          ("蓝月亮", "Bluemoon"), ("维达", "Vinda"), ("农夫山泉", "Nongfu"), ("雀巢", "Nestle"),
          ("长城", "Great Wall"), ("远东", "Far East"), ("", ""), ("", ""), ("", ""))
MODEL_LETTERS = "ABCDEFGHJKLMNPRSTXYZ"
NOTES = ("", "", "", "含税价", "需提前预订", "最小起订量10", "进口")
CITIES = (("北京", "北京"), ("上海", "上海"), ("广东", "深圳"), ("广东", "广州"),
          ("浙江", "杭州"), ("浙江", "宁波"), ("江苏", "苏州"), ("江苏", "无锡"),
          ("山东", "青岛"), ("天津", "天津"), ("湖北", "武汉"), ("四川", "成都"),
          ("福建", "厦门"), ("河北", "石家庄"), ("重庆", "重庆"))
TRADE_NAMES = ("恒达", "华信", "金桥", "瑞丰", "天成", "宏图", "鑫源", "永盛", "博远", "联创",
               "中科", "润泽", "嘉禾", "正和", "广益")
SUFFIXES = ("有限公司", "科技有限公司", "贸易有限公司", "实业有限公司", "制造有限公司")
ABROAD = (("Germany", "Hamburg", "GmbH"), ("Japan", "Osaka", "Co., Ltd."),
          ("United States", "Chicago", "Inc."), ("Korea", "Busan", "Co., Ltd."))
RATINGS = ("A", "B", "B", "B", "C", "C", "D", "")


def _weighted(categories: tuple[Category, ...]) -> tuple[Category, ...]:
    return tuple(c for c in categories for _ in range(c.weight))


WEIGHTED = _weighted(CATEGORIES)


def database_path(products: int, seed: int, folder: Path = CACHE) -> Path:
    return folder / f"products-{products}-s{seed}-f{FORMAT}.db"


def build(products: int = PRODUCTS, seed: int = 1, rebuild: bool = False, *,
          suppliers: int = SUPPLIERS, customers: int = DEMO_CUSTOMERS,
          folder: Path = CACHE, log: Callable[[str], None] = print
          ) -> tuple[Path, float | None]:
    """The path of the products benchmark's database and the seconds it took to build
    (None when it came from the cache)."""
    path = database_path(products, seed, folder)
    if path.exists() and not rebuild:
        return path, None
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".building")
    for name in (path, partial):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(f"sqlite:///{partial}")
    try:
        now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
        summary = generate_demo(db, customers=customers, seed=seed, now=now)
        log(f"  demo: {customers:,} customers, {summary.projects:,} projects "
            f"({time.perf_counter() - started:.0f} s)")
        users = {u.role: u.user_id for u in summary.users}
        fill(db, products, suppliers, seed, now, users["sales_manager"], users["admin"])
        log(f"  catalogue: {products:,} products, {suppliers:,} suppliers "
            f"({time.perf_counter() - started:.0f} s)")
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    partial.rename(path)
    return path, time.perf_counter() - started


def fill(db: Database, products: int, suppliers: int, seed: int, now: datetime,
         manager_id: int, admin_id: int) -> None:
    """Top the products and suppliers up to ``products`` and ``suppliers`` in one bulk
    load, their code counters moved past the codes used."""
    codec = bulk.codec_for(db.engine.dialect.name)
    with bulk.bulk_load(db, products, PRODUCTS_BULK, others=(SUPPLIERS_BULK,)) as load:
        have = _count(load, "products")
        start = load.start
        maker = Maker(seed, now, codec)
        rows = [maker.product(k, start, manager_id) for k in range(max(0, products - have))]
        load.insert("products", PRODUCT_FIELDS, rows)
        load.set_next_code(start.code_number + len(rows))
        supplier_start = load.start_of("suppliers", "supplier")
        made = [maker.supplier(k, supplier_start, admin_id)
                for k in range(max(0, suppliers - _count(load, "suppliers")))]
        load.insert("suppliers", SUPPLIER_FIELDS, made)
        load.set_next_code(supplier_start.code_number + len(made), "supplier")


def _count(load: bulk.BulkLoad, table: str) -> int:
    return int(load.conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


class Maker:
    """Rows of ``PRODUCT_FIELDS`` and ``SUPPLIER_FIELDS``, drawn from the seed alone."""

    def __init__(self, seed: int, now: datetime, codec: bulk.Codec) -> None:
        self.r = random.Random(f"kehu-bench-catalogue:{seed}")
        self.now = now
        self.codec = codec

    def product(self, k: int, start: bulk.BulkStart, manager_id: int) -> tuple[Any, ...]:
        r, rnd, codec = self.r, self.r.random, self.codec
        category = WEIGHTED[int(rnd() * len(WEIGHTED))]
        zh, en = r.choice(category.items)
        spec_zh, spec_en = r.choice(category.specs)
        brand_zh, brand_en = r.choice(BRANDS)
        model = (f"{r.choice(MODEL_LETTERS)}{r.choice(MODEL_LETTERS)}-{r.randint(10, 9999)}"
                 if rnd() < 0.6 else "")
        words = ((brand_en, en, spec_en, model) if rnd() < 0.15
                 else (f"{brand_zh}{zh}", spec_zh, model))
        name = " ".join(w for w in words if w)
        style = k % 10
        code = (f"{k + 1:08d}" if style < 4 else f"{category.letters}-{k + 1:06d}"
                if style < 7 else f"G{start.code_number + k:06d}")
        low, high = category.yuan
        cents = r.randint(low * 100, high * 100)
        if rnd() < 0.6:
            cents -= cents % 100  # whole yuan
        cost = cents * r.randint(45, 92) // 100
        created = self.now - timedelta(seconds=int(rnd() * 3 * 365 * 86400))
        updated = created + (self.now - created) * rnd() * rnd()
        archived = codec.moment(updated) if rnd() < 0.02 else None
        tax = category.tax_rate if rnd() > 0.05 else "0.03"
        return (start.customer_id + k, code, name, category.name, r.choice(category.units),
                codec.money(_yuan(cents)), codec.money(_yuan(cost)), tax, rnd() >= 0.05,
                r.choice(NOTES), archived, sort_key(name), sort_key(category.name),
                product_search_key(name, code), codec.moment(created), manager_id,
                codec.moment(updated), manager_id, 1)

    def supplier(self, k: int, start: bulk.BulkStart, admin_id: int) -> tuple[Any, ...]:
        r, rnd, codec = self.r, self.r.random, self.codec
        category = WEIGHTED[int(rnd() * len(WEIGHTED))]
        code = f"S{start.code_number + k:06d}"
        if rnd() < 0.9:
            province, city = r.choice(CITIES)
            name = (f"{city if rnd() < 0.6 else ''}{r.choice(TRADE_NAMES)}"
                    f"{category.name[:2]}{r.choice(SUFFIXES)}")
            country, phone = "中国", f"0{r.randint(10, 999)}-{r.randint(10**7, 10**8 - 1)}"
            email = f"sales{k}@supplier{k % 997}.cn"
        else:
            country, city, suffix = r.choice(ABROAD)
            province, phone = "", f"+{r.randint(1, 89)} {r.randint(10**8, 10**9 - 1)}"
            name = f"{r.choice(BRANDS[:20])[1]} {category.items[0][1]} {suffix}"
            email = f"info{k}@supplier{k % 997}.com"
        created = self.now - timedelta(seconds=int(rnd() * 5 * 365 * 86400))
        updated = created + (self.now - created) * rnd() * rnd()
        record = SimpleNamespace(name=name, code=code, category=category.name, city=city,
                                 country=country, email=email, phone=phone, fax="",
                                 contacts=[])
        return (start.customer_id + k, code, name, category.name, r.choice(RATINGS),
                r.choice((0, 30, 30, 60, 90)), country, province, city, "", "", phone, "",
                email, "", "", "", "", None, sort_key(name), sort_key(city),
                supplier_search_key(record), codec.moment(created), admin_id,
                codec.moment(updated), admin_id, 1)


def _yuan(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)
