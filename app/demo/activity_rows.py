"""One chunk's demo activities, as rows of plain values. No database access.

Two years of visits, calls, meetings, e-mails and tasks up to three weeks ahead, about one
and a quarter per customer, each owned by its customer's owner: denser in the last weeks
and the next ones (so "My day" and the month's visit plan have something in them), about
85% of past visits done (a few percent more of the calls and e-mails, fewer of the tasks),
the rest overdue; done ones with an outcome, some with a follow-up date and, when that date
is within the next three weeks, the follow-up planned for it. Each salesperson of a chunk has
one activity today. Drawn from a stream of their own: the customers, contacts and projects
of a seed stay what they were before there were activities. Contacts have no ids yet when
the rows are made: the load links the customer's primary contact afterwards
(``app.data.activities.link_primary_contacts``, for ``WITH_CONTACT``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from app.data.activities import activity_search_key
from app.data.kit.bulk import Codec
from app.data.kit.search import sort_key
from app.logic.activities import follow_up_subject

# What a customer's activities need of it (``rows.Facts``): created, size band, English
# name, city, owner, id.
Facts = tuple[datetime, str, bool, str, int, int]

ACTIVITY_FIELDS = (
    "kind", "customer_id", "subject", "notes", "scheduled_at", "state", "done_at", "outcome",
    "owner_id", "next_follow_up", "subject_sort", "search_text", "created_at", "created_by",
    "updated_at", "updated_by", "version")
WITH_CONTACT = ("visit", "call", "meeting")  # kinds done with someone: the primary contact
KINDS = ("visit",) * 36 + ("call",) * 28 + ("email",) * 14 + ("meeting",) * 8 + ("task",) * 14
DONE_SHARE = {"visit": 0.85, "call": 0.92, "email": 0.95, "meeting": 0.9, "task": 0.78}
COUNTS = (0,) * 30 + (1,) * 36 + (2,) * 20 + (3,) * 9 + (4,) * 5  # per customer: 1.13
HISTORY_DAYS = 730
AHEAD_DAYS = 21
RECENT_DAYS = 35  # a third of the activities fall in the last 35 days or the next 21
FOLLOW_UP_SHARE = 0.18  # of the done ones: a follow-up date

SUBJECTS = {
    "visit": ("上门拜访，了解需求", "拜访客户采购负责人", "季度回访", "现场演示产品",
              "拜访新任联系人", "年度合作洽谈", "售后满意度回访", "陪同技术人员现场勘查"),
    "call": ("电话回访", "确认到货情况", "电话沟通报价", "跟进付款进度", "预约下次拜访",
             "了解竞品情况", "确认需求变更"),
    "email": ("发送报价单", "发送产品资料", "发送合同草案", "发送会议纪要", "节日问候",
              "发送新品介绍"),
    "meeting": ("合同条款确认会议", "方案评审会", "项目启动会", "年度合作总结会",
                "技术交流会"),
    "task": ("准备投标资料", "整理客户需求清单", "更新客户档案", "准备报价方案",
             "安排样品寄送", "核对对账单"),
}
EN_SUBJECTS = {
    "visit": ("On-site visit: requirements", "Quarterly review visit", "Product demo on site",
              "Meet the new purchasing manager"),
    "call": ("Follow-up call", "Call about the quotation", "Confirm the delivery",
             "Check the payment status"),
    "email": ("Send the quotation", "Send the product brochure", "Send the draft contract"),
    "meeting": ("Contract review meeting", "Kick-off meeting", "Annual business review"),
    "task": ("Prepare the tender documents", "Update the customer file",
             "Prepare the proposal"),
}
OUTCOMES = ("客户有意向，待报价", "已确认需求，准备方案", "客户暂无采购计划", "对方案基本满意",
            "需再次沟通价格", "已达成初步意向", "客户反馈良好", "联系人不在，改期再约",
            "已发送，客户已确认收到", "已完成")
EN_OUTCOMES = ("Interested, waiting for our quotation", "Requirements confirmed",
               "No purchase planned this year", "Happy with the proposal",
               "Price to be discussed again", "Done")


class ActivityMaker:
    """A chunk's activities, in the customers' order."""

    def __init__(self, seed: int, index: int, now: datetime, codec: Codec) -> None:
        self.r = random.Random(f"kehu-demo-activities:{seed}:{index}")
        self.now = now
        self.codec = codec
        local = now.astimezone().tzinfo  # the local zone: "today" and working hours
        assert local is not None
        self.local: tzinfo = local
        self.today = now.astimezone(self.local).date()
        self.first = self.today - timedelta(days=HISTORY_DAYS)
        self.midnights: dict[date, datetime] = {}

    def activities(self, facts: Sequence[Facts]) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        owners_today: set[int] = set()
        rnd = self.r.random
        for created, _, english, _, owner, customer_id in facts:
            since = max(self.first, created.astimezone(self.local).date())
            for _ in range(COUNTS[int(rnd() * len(COUNTS))]):
                self.activity(rows, customer_id, owner, english, self.day(since))
            if owner not in owners_today:  # each salesperson has something today
                owners_today.add(owner)
                self.activity(rows, customer_id, owner, english, self.today, planned=True)
        return rows

    def midnight(self, day: date) -> datetime:
        """The start of the local ``day``, in UTC (times in UTC cost the codec least)."""
        found = self.midnights.get(day)
        if found is None:
            found = self.midnights[day] = datetime.combine(day, time(0), self.local) \
                .astimezone(UTC)
        return found

    def day(self, since: date) -> date:
        r = self.r
        recent = self.today - timedelta(days=RECENT_DAYS)
        low = max(since, recent) if r.random() < 0.33 else since
        span = (self.today + timedelta(days=AHEAD_DAYS) - low).days
        day = low + timedelta(days=int(r.random() * (span + 1)))
        if day.weekday() >= 5 and r.random() < 0.85:  # few on weekends
            day += timedelta(days=7 - day.weekday())
        return day

    def activity(self, rows: list[tuple[Any, ...]], customer_id: int, owner: int,
                 english: bool, day: date, planned: bool = False,
                 kind: str = "", subject: str = "", made: datetime | None = None) -> None:
        """One activity (and its follow-up, when it has one within the next weeks, made
        when this one was done)."""
        r, codec, now = self.r, self.codec, self.now
        rnd = r.random
        kind = kind or KINDS[int(rnd() * len(KINDS))]
        if not subject:
            words = (EN_SUBJECTS if english else SUBJECTS)[kind]
            subject = words[int(rnd() * len(words))]
        hour = 9 * 60 if made is not None else (9 + int(rnd() * 9)) * 60 + int(rnd() * 4) * 15
        at = self.midnight(day) + timedelta(minutes=hour)
        done = not planned and at < now and rnd() < DONE_SHARE[kind]
        made = made or min(at - timedelta(days=int(rnd() * 20), hours=int(rnd() * 8)), now)
        done_at = outcome = follow = None
        if done:
            done_at = min(at + timedelta(minutes=30 + int(rnd() * 150)), now)
            if rnd() < 0.08:  # marked done a few days later
                done_at = min(done_at + timedelta(days=1 + int(rnd() * 3)), now)
            if rnd() < 0.8:
                outcome = r.choice(EN_OUTCOMES if english else OUTCOMES)
            if rnd() < FOLLOW_UP_SHARE:
                follow = done_at.astimezone(self.local).date() + timedelta(
                    days=3 + int(rnd() * 28))
        subject_sort, search_text = _keys(subject)
        made_at = codec.moment(made)
        finished = None if done_at is None else codec.moment(done_at)
        rows.append((kind, customer_id, subject, "", codec.moment(at),
                     "done" if done else "planned", finished, outcome or "", owner,
                     None if follow is None else codec.day(follow), subject_sort,
                     search_text, made_at, owner, finished or made_at, owner, 1))
        if follow is not None and follow <= self.today + timedelta(days=AHEAD_DAYS):
            self.activity(rows, customer_id, owner, english, follow, kind=kind,
                          subject=_follow_up(subject), made=done_at)


@lru_cache(maxsize=4096)
def _follow_up(subject: str) -> str:
    return follow_up_subject(subject)


@lru_cache(maxsize=4096)
def _keys(subject: str) -> tuple[str, str]:
    """The subject's sort key and search key (subjects repeat: made once each)."""
    return sort_key(subject), activity_search_key(subject)


def make_activities(seed: int, index: int, now: datetime, facts: Sequence[Facts],
                    codec: Codec) -> list[tuple[Any, ...]]:
    """The activities of one chunk's customers (``facts``), as rows of
    ``ACTIVITY_FIELDS``."""
    return ActivityMaker(seed, index, now, codec).activities(facts)
