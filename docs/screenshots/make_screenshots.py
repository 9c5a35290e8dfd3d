"""Take the README screenshots: customer list and form, in English and Chinese.

Run: uv run python docs/screenshots/make_screenshots.py  (not collected by pytest)
Builds a throw-away database with 50 customers through the real services.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from app.data.database import open_database
from app.logic.customers import STATUSES, TIERS
from app.logic.services import Services
from app.logic.validation import uscc_check_char
from app.ui.customers.form import CustomerForm
from app.ui.shell.i18n import Translation
from app.ui.shell.main_window import MainWindow
from app.ui.kit.messages import Messages
from app.ui.kit.tasks import SyncTaskRunner

OUT = Path(__file__).resolve().parent
COMPANIES = [tuple(line.split("|")) for line in """
北京华信科技有限公司|北京|北京|信息技术
上海浦江国际贸易有限公司|上海|上海|贸易
深圳市腾达电子有限公司|广东|深圳|电子制造
Northwind Traders Ltd|上海|上海|Wholesale
广州白云医药集团|广东|广州|医药
杭州西湖龙井茶业有限公司|浙江|杭州|食品饮料
Pacific Rim Logistics|广东|深圳|Logistics
成都天府软件股份有限公司|四川|成都|软件
南京金陵制药厂|江苏|南京|医药
武汉光谷激光技术有限公司|湖北|武汉|激光设备
Contoso Electronics (China)|江苏|苏州|Electronics
苏州工业园区精密机械有限公司|江苏|苏州|机械
重庆长江物流有限公司|重庆|重庆|物流
Blue Harbor Foods Co.|山东|青岛|Food
青岛海港水产有限公司|山东|青岛|水产
西安古城文化传媒有限公司|陕西|西安|传媒
天津滨海新材料有限公司|天津|天津|新材料
Fabrikam Industrial Supply|天津|天津|Industrial
厦门鹭岛旅游集团|福建|厦门|旅游
长沙湘江建设工程有限公司|湖南|长沙|建筑
大连海洋船舶重工|辽宁|大连|船舶
Adventure Works Outdoor|云南|昆明|Retail
昆明云岭花卉有限公司|云南|昆明|农业
合肥科大讯飞合作伙伴中心|安徽|合肥|人工智能
郑州中原粮油贸易公司|河南|郑州|粮油
Litware Software Inc.|北京|北京|Software
济南泉城机电设备有限公司|山东|济南|机电
沈阳北方重型机械厂|辽宁|沈阳|重型机械
哈尔滨冰城乳业有限公司|黑龙江|哈尔滨|乳制品
Tailspin Toys Asia|广东|东莞|Toys
东莞虎门服装有限公司|广东|东莞|服装
宁波港城国际物流|浙江|宁波|物流
温州瓯江眼镜有限公司|浙江|温州|轻工
Wingtip Toys Trading|浙江|义乌|Trading
义乌小商品进出口公司|浙江|义乌|进出口
福州闽江茶叶有限公司|福建|福州|茶叶
南昌赣江光伏科技|江西|南昌|新能源
贵阳大数据产业有限公司|贵州|贵阳|大数据
Proseware Consulting|上海|上海|Consulting
兰州丝路商贸有限公司|甘肃|兰州|商贸
张伟|北京|北京|个体经营
李秀英|上海|上海|个体经营
海口椰岛食品有限公司|海南|海口|食品
呼和浩特草原乳业|内蒙古|呼和浩特|乳制品
Fourth Coffee Roasters|云南|普洱|Coffee
石家庄华北制药经销部|河北|石家庄|医药
太原晋商煤业有限公司|山西|太原|能源
南宁绿城农产品有限公司|广西|南宁|农产品
Humongous Insurance Agency|北京|北京|Insurance
银川塞上枸杞有限公司|宁夏|银川|农产品
""".strip().splitlines()]


def uscc(n: int) -> str:
    first = f"91{110000 + n * 7:06d}MA{n:07d}"
    return first + uscc_check_char(first)


def build(services: Services):
    services.auth.create_admin("wangfang", "Secret-123", "王芳 Wang Fang")
    actor = services.auth.login("wangfang", "Secret-123")
    for n, (name, province, city, industry) in enumerate(COMPANIES):
        services.customers.create_customer(actor, {
            "name": name, "province": province, "city": city, "industry": industry,
            "kind": "individual" if len(name) <= 3 else "company",
            "status": STATUSES[(n * 3) % 4], "tier": TIERS[(n * 2) % 5],
            "phone": f"0{10 + n % 80}-{62000000 + n * 1379:08d}",
            "tax_id": uscc(n) if len(name) > 3 else "",
            "credit_limit": str(50000 + (n % 7) * 25000), "payment_terms_days": 30 + (n % 3) * 15,
        }, allow_duplicate=True)
    return actor


def complete_first(services: Services, actor) -> None:
    first = services.customers.get_customer(actor, 1)
    services.customers.update_customer(actor, 1, first.version, {
        "short_name": "华信科技", "ownership": "private", "size_band": "medium",
        "source": "展会", "tags": "重点客户, 软件", "address": "海淀区中关村大街 27 号 8 层",
        "postal_code": "100080", "fax": "010-62000001", "email": "sales@huaxin.cn",
        "website": "www.huaxin.cn", "credit_rating": "AA", "bank_name": "招商银行北京分行",
        "bank_account": "1109 0611 2210 501", "status": "active",
        "notes": "每季度回访一次。Prefers e-mail in English for export orders."})


def add_contacts(services: Services, actor, customer_id: int) -> None:
    for values in ({"name": "王伟", "position": "采购经理", "department": "采购部",
                    "mobile": "138 1234 5678", "email": "wangwei@huaxin.cn"},
                   {"name": "李娜", "position": "财务总监", "department": "财务部",
                    "phone": "010-62001234", "email": "lina@huaxin.cn"},
                   {"name": "Pat O'Brien", "position": "Export manager",
                    "mobile": "139 0000 1111", "email": "pat@huaxin.cn"}):
        services.contacts.add_contact(actor, customer_id, values)


def shoot(services: Services, actor, language: str, translation: Translation) -> None:
    translation.install(language)
    suffix = language.split("_")[0]
    runner = SyncTaskRunner()
    window = MainWindow(services, actor, runner, Messages())
    window.resize(1280, 800)
    window.show()
    window.customers.table.selectRow(2)
    QApplication.processEvents()
    window.grab().save(str(OUT / f"customer-list-{suffix}.png"))
    form = CustomerForm(services, actor, runner, Messages(), 1, window)
    form.resize(1000, 700)
    form.show()
    QApplication.processEvents()
    form.grab().save(str(OUT / f"customer-form-{suffix}.png"))
    form.fields.mark_clean()
    form.close()
    window.close()


def main() -> int:
    QApplication(sys.argv)
    QCoreApplication.setOrganizationName("KehuScreenshots")
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        db = open_database(f"sqlite:///{tmp}/screens.db")
        services = Services.build(db.unit_of_work, "sqlite:///C:/Users/wangfang/Kehu/kehu.db")
        actor = build(services)
        complete_first(services, actor)
        add_contacts(services, actor, 1)
        translation = Translation()
        for language in ("en", "zh_CN"):
            shoot(services, actor, language, translation)
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
