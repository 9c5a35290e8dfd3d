"""A chunk's demo feedback tickets, as rows of plain values. No database access.

About one ticket per eight customers (``tickets_in``), drawn with repeats from the chunk's
customers in their order (most of those with tickets have one, some two or three), from a
stream of their own, so the customers and projects of a seed stay what they were. A ticket
is made in the last two years and never before its customer; mostly service requests and
complaints; due after the factory SLA's hours of its priority; most are closed, some only
resolved, a few still new, assigned or in progress (some of those past their due time);
resolved and closed after their creation with a resolution and a cause; scored mostly 4 or
5 with a tail down to 1. The demo's service user works them, the administrator sometimes.
Subjects, descriptions and outcomes are Chinese (English for a customer with an English
name). The contact is left for the load to fill: its customer's primary contact for a
ticket that came by phone, e-mail or a visit (``app.data.feedback.link_primary_contacts``
for ``CONTACT_CHANNELS``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from app.data.feedback import feedback_search_key
from app.data.kit.bulk import Codec
from app.data.kit.search import sort_key
from app.demo.vocabulary import weighted
from app.logic.feedback import FACTORY_SLA

if TYPE_CHECKING:
    from app.demo.rows import ChunkJob, Facts

TICKET_SHARE = 8  # a ticket per this many customers
TWO_YEARS = timedelta(days=730)
# Channels whose tickets name the customer's primary contact (someone called or wrote).
CONTACT_CHANNELS = ("phone", "email", "visit")
MARK = "f000000"  # a number no ticket has, marking the number in a search key

TICKET_FIELDS = (
    "id", "number", "type", "channel", "customer_id", "contact_id", "subject", "description",
    "priority", "assignee_id", "due_at", "status", "resolution", "cause", "satisfaction",
    "satisfaction_comment", "resolved_at", "closed_at", "subject_sort", "search_text",
    "created_at", "created_by", "updated_at", "updated_by", "version")

TYPES = weighted((("service_request", 38), ("complaint", 30), ("fault_report", 17),
                  ("suggestion", 8), ("praise", 7)))
CHANNELS = weighted((("phone", 45), ("email", 20), ("web", 20), ("visit", 10), ("other", 5)))
PRIORITIES = weighted((("normal", 55), ("high", 22), ("low", 15), ("urgent", 8)))
# The state by the ticket's age: the older, the likelier it is closed. An old ticket still
# open was forgotten (and is long overdue).
RECENT = timedelta(days=14)
MONTHS = timedelta(days=60)
STATES_RECENT = weighted((("closed", 30), ("resolved", 22), ("in_progress", 25),
                          ("assigned", 12), ("new", 11)))
STATES_WEEKS = weighted((("closed", 70), ("resolved", 20), ("in_progress", 6),
                         ("assigned", 3), ("new", 1)))
STATES_OLD = weighted((("closed", 920), ("resolved", 70), ("in_progress", 7),
                       ("assigned", 3)))
SCORES = weighted(((5, 48), (4, 32), (3, 11), (2, 5), (1, 4)))
PRAISE_SCORES = weighted(((5, 8), (4, 2)))
UNSCORED = 0.15  # closed without asking the customer
VERSIONS = {"new": 1, "assigned": 2, "in_progress": 3, "resolved": 4, "closed": 5}

SUBJECTS = {
    "service_request": (
        "申请上门安装调试", "请求提供操作培训", "申请延长保修期", "需要补开增值税专用发票",
        "请求提供产品合格证", "申请更换收货地址", "咨询年度维保合同续签", "请求远程协助配置",
        "申请系统账号开通", "需要提供对账单", "请求寄送备用配件", "申请设备定期保养",
        "咨询批量采购价格", "请求加急发货", "申请退换货", "请求提供使用说明书电子版"),
    "complaint": (
        "发票金额与合同不符", "送货延迟一周未到", "安装人员服务态度差", "产品外包装破损",
        "重复扣款未退还", "客服电话长时间无人接听", "到货数量与订单不符", "维修后问题依旧",
        "报价与实际结算不一致", "承诺的回访没有进行", "配送人员未按约定时间到达",
        "售后响应太慢", "收到的型号发错了", "退款迟迟未到账"),
    "fault_report": (
        "设备开机后报警", "打印机频繁卡纸", "系统登录提示密码错误", "空调制冷效果差",
        "生产线传感器读数异常", "网络频繁掉线", "扫码枪无法识别条码", "服务器风扇噪音大",
        "软件升级后数据无法导出", "电机运行时异响", "控制面板显示乱码", "UPS电池无法充电"),
    "suggestion": (
        "建议增加微信下单渠道", "希望提供月度对账服务", "建议优化发票开具流程",
        "希望增加周末配送", "建议产品说明书增加图示", "希望客服提供在线聊天",
        "建议简化退货手续"),
    "praise": (
        "感谢工程师快速上门解决问题", "表扬客服耐心解答", "送货及时服务周到",
        "安装师傅专业细致", "感谢销售经理的热情协助"),
}
EN_SUBJECTS = {
    "service_request": ("Request for on-site installation", "Training for new staff",
                        "Copy of the VAT invoice needed", "Extend the warranty",
                        "Spare parts for the packing line"),
    "complaint": ("Invoice amount does not match the contract", "Delivery a week late",
                  "Wrong model delivered", "Refund not received"),
    "fault_report": ("Printer keeps jamming", "Sensor readings out of range",
                     "Cannot log in after the upgrade", "Motor makes a grinding noise"),
    "suggestion": ("Please offer a monthly statement", "Add weekend deliveries"),
    "praise": ("Thanks for the quick repair", "Great support from the hotline"),
}
DESCRIPTIONS = ("客户来电反映，希望尽快处理。", "客户第二次反馈此问题，情绪较急。",
                "客户邮件附有现场照片。", "涉及上月订单，客户要求书面答复。",
                "客户希望本周内给出处理方案。", "已记录客户联系方式，待安排处理。")
EN_DESCRIPTIONS = ("The customer called and asked for a quick answer.",
                   "Second time the customer reports this.",
                   "Photos attached to the customer's e-mail.")
OUTCOMES = {  # (resolution, cause reported to the customer)
    "service_request": (("已安排工程师上门完成安装调试", "按服务协议提供上门服务"),
                        ("已完成线上操作培训并发送培训资料", "新员工不熟悉系统操作"),
                        ("已补开发票并快递寄出", "开票时遗漏了客户的开票信息"),
                        ("已寄出备用配件", "配件属正常损耗"),
                        ("已更新收货地址并通知物流", "客户办公地址变更")),
    "complaint": (("已开具红字发票并重新开票", "开票时使用了旧价格表"),
                  ("已补发货物并赠送优惠券致歉", "物流中转仓积压导致延误"),
                  ("已退还重复扣款", "支付系统重复提交"),
                  ("已更换为正确型号", "仓库拣货出错"),
                  ("已向客户致歉并对相关人员进行培训", "服务人员未按规范操作"),
                  ("已重新维修并延长保修三个月", "首次维修未更换损坏部件")),
    "fault_report": (("已更换故障部件，设备运行正常", "部件老化"),
                     ("已远程重置账号密码", "密码过期后被锁定"),
                     ("已升级固件修复问题", "固件版本存在已知缺陷"),
                     ("已清洁并校准传感器", "现场粉尘较大导致读数偏差"),
                     ("已调整网络配置", "路由器配置冲突")),
    "suggestion": (("已转产品部门评估，计划下季度实施", "客户建议合理，已纳入改进计划"),
                   ("已向客户说明现有替代方案", "暂不具备实施条件")),
    "praise": (("已转达表扬并感谢客户", "客户对服务表示满意"),),
}
EN_OUTCOMES = {
    "service_request": (("Engineer installed it on site", "Covered by the service agreement"),),
    "complaint": (("Credit note issued and invoice reissued", "An old price list was used"),
                  ("Replaced with the right model", "Picking error in the warehouse")),
    "fault_report": (("Faulty part replaced", "Worn part"),
                     ("Firmware upgraded", "Known defect of the firmware")),
    "suggestion": (("Passed on to the product team", "A good idea, planned for next quarter"),),
    "praise": (("Thanked the customer", "The customer was pleased"),),
}
COMMENTS = {5: ("非常满意", "处理及时，态度很好", "工程师很专业"),
            4: ("比较满意", "问题解决了，希望更快一些"),
            3: ("一般", "解决了但等了很久"),
            2: ("不太满意", "沟通不顺畅"),
            1: ("很不满意", "问题反复出现")}
EN_COMMENTS = {5: ("Very happy",), 4: ("Good, a bit slow",), 3: ("OK",), 2: ("Poor",),
               1: ("Not solved properly",)}
COMMENTED = 0.35  # of the scores


def tickets_in(customers: int) -> int:
    """How many tickets a chunk of ``customers`` customers has: an eighth, rounded up."""
    return (customers + TICKET_SHARE - 1) // TICKET_SHARE


def make_tickets(job: ChunkJob, facts: Sequence[Facts], codec: Codec) -> list[tuple[Any, ...]]:
    """The chunk's tickets (``job`` numbers them), of the customers whose ``facts`` are
    given, as rows of ``TICKET_FIELDS``."""
    return TicketMaker(job, codec).tickets(facts)


class TicketMaker:
    """A chunk's tickets, from a stream of their own."""

    def __init__(self, job: ChunkJob, codec: Codec) -> None:
        self.r = random.Random(f"kehu-demo-feedback:{job.seed}:{job.index}")
        self.job = job
        self.codec = codec
        workers = job.worker_ids or job.owner_ids
        # The service user works most tickets; the administrator (second) sometimes.
        self.assignees = tuple([workers[0]] * 6 + list(workers[1:2]))

    def tickets(self, facts: Sequence[Facts]) -> list[tuple[Any, ...]]:
        """``tickets_in(len(facts))`` tickets of customers drawn with repeats, in the
        customers' order."""
        rnd = self.r.random
        offsets = sorted(int(rnd() * len(facts)) for _ in range(tickets_in(len(facts))))
        return [self.ticket(k, facts[offset]) for k, offset in enumerate(offsets)]

    def ticket(self, k: int, facts: Facts) -> tuple[Any, ...]:
        """One ticket as a row of ``TICKET_FIELDS``."""
        r, codec, now = self.r, self.codec, self.job.now
        rnd = r.random
        customer_created, _, english, _, owner, customer_id = facts
        kind = TYPES[int(rnd() * len(TYPES))]
        channel = CHANNELS[int(rnd() * len(CHANNELS))]
        priority = "low" if kind in ("suggestion", "praise") else \
            PRIORITIES[int(rnd() * len(PRIORITIES))]
        earliest = max(now - TWO_YEARS, customer_created)
        created = earliest + (now - earliest) * rnd()
        age = now - created
        states = STATES_RECENT if age < RECENT else STATES_WEEKS if age < MONTHS else STATES_OLD
        status = states[int(rnd() * len(states))]
        sla = timedelta(hours=FACTORY_SLA[priority])
        due = created + sla
        assignee = None if status == "new" else self.assignees[int(rnd() * len(self.assignees))]
        resolved = closed = None
        resolution = cause = comment = ""
        score = None
        changed = created
        if status in ("resolved", "closed"):
            # Most within the SLA, a fifth late; never after now.
            share = rnd() if rnd() < 0.8 else 1 + 2 * rnd()
            resolved = min(created + sla * max(share, 0.02), created + (now - created) * 0.9)
            subjects = EN_OUTCOMES if english else OUTCOMES
            resolution, cause = r.choice(subjects[kind])
            changed = resolved
            if status == "closed":
                closed = min(resolved + timedelta(hours=1 + 120 * rnd() * rnd()),
                             resolved + (now - resolved) * 0.9)
                changed = closed
                if rnd() >= UNSCORED:
                    scores = PRAISE_SCORES if kind == "praise" else SCORES
                    score = scores[int(rnd() * len(scores))]
                    if rnd() < COMMENTED:
                        comment = r.choice((EN_COMMENTS if english else COMMENTS)[score])
        elif status != "new":  # picked up a little after it came
            changed = created + min(sla, now - created) * rnd() * 0.5
        subject = r.choice((EN_SUBJECTS if english else SUBJECTS)[kind])
        description = r.choice(EN_DESCRIPTIONS if english else DESCRIPTIONS) \
            if rnd() < 0.5 else ""
        number = f"F{self.job.first_ticket_number + k:06d}"
        template, subject_sort = _ticket_keys(subject)
        by = assignee if channel != "visit" else owner  # a visit's ticket by the salesperson
        creator = owner if channel == "visit" else self.assignees[0]
        moment = codec.moment
        return (self.job.first_ticket_id + k, number, kind, channel, customer_id, None,
                subject, description, priority, assignee, moment(due), status, resolution,
                cause, score, comment, None if resolved is None else moment(resolved),
                None if closed is None else moment(closed), subject_sort,
                template.replace(MARK, number.casefold(), 1), moment(created), creator,
                moment(changed), by if by is not None else creator, VERSIONS[status])


@lru_cache(maxsize=1024)
def _ticket_keys(subject: str) -> tuple[str, str]:
    """The search key of a ticket about ``subject`` with ``MARK`` for its number, and the
    subject's sort key: what the repository stores, per subject (subjects repeat)."""
    return feedback_search_key(subject, MARK.upper()), sort_key(subject)
