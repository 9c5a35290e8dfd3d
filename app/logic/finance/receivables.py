"""Receivables (应收账款) as of any date, and customer value: the credit rating, the
contribution tiers, key accounts, lifecycle stages and the churn warning, recomputed in one
transaction with one summary audit entry, with manual ratings and key accounts (audited,
with a reason) kept."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.data.finance import ReceivablesRepository, ValueWindow
from app.data.kit.uow import UnitOfWork
from app.logic.customers import CUSTOMER
from app.logic.finance.fields import (
    CHURN_REASONS,
    LIFECYCLES,
    RATINGS,
    TIER_WORDS,
    VALUE_SETTINGS,
)
from app.logic.finance.rules import BUCKETS, ZERO
from app.logic.finance.value import rating_rule, value_rules
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor
from app.logic.kit.errors import FieldError, NotFound, PermissionDenied, ValidationError
from app.logic.kit.fields import Label
from app.logic.kit.permissions import owner_scope, require_in_scope
from app.logic.kit.service import Service
from app.logic.kit.settings import SettingsGroupService, read_settings
from app.logic.kit.workbook import Column, write_workbook

GROUP = "finance"  # where the value settings are kept
YEAR = 365


BUCKET_NAMES = tuple(name for name, _, _ in BUCKETS)


@dataclass(frozen=True, slots=True)
class Aging:
    """One customer's receivables as of a date, kept in exact cents (``cents``: the open
    amount, then each bucket's, in the order of BUCKETS) and read as amounts."""

    customer_id: int
    code: str
    name: str
    cents: tuple[int, ...]

    @property
    def open(self) -> Decimal:
        return Decimal(self.cents[0]).scaleb(-2)

    @property
    def amounts(self) -> tuple[Decimal, ...]:
        """By bucket, in the order of BUCKETS."""
        return tuple(Decimal(c).scaleb(-2) for c in self.cents[1:])

    @property
    def overdue(self) -> Decimal:
        """Open and past due: every bucket but current."""
        return Decimal(sum(self.cents[2:])).scaleb(-2)

    @property
    def buckets(self) -> dict[str, Decimal]:
        """current, days_1_30, days_31_60, days_61_90, days_over_90."""
        return dict(zip(BUCKET_NAMES, self.amounts, strict=True))

    def as_dict(self) -> dict[str, str]:
        """As the CLI's --json gives it: money as strings with two places."""
        return {"code": self.code, "name": self.name, "open": f"{self.open:.2f}",
                "overdue": f"{self.overdue:.2f}",
                **{k: f"{v:.2f}" for k, v in self.buckets.items()}}


@dataclass(frozen=True)
class Receivables:
    as_of: date
    rows: tuple[Aging, ...]

    @property
    def total(self) -> Aging:
        return Aging(0, "", "", tuple(sum(r.cents[n] for r in self.rows)
                                      for n in range(len(BUCKETS) + 1)))


class ReceivablesService(Service):
    """The aging of receivables per customer and in total, as of any date (finance.view);
    the customers the actor may see (their customers' record scope)."""

    def receivables(self, actor: Actor, as_of: date | None = None,
                    customer: int | str | None = None) -> Receivables:
        """Per customer with anything open as of ``as_of`` (today by default): open,
        overdue and the buckets by days past due; largest open first."""
        _require(actor, "view")
        day = as_of or date.today()
        with self._open(actor, write=False) as uow:
            customer_id = None
            if customer is not None:
                customer_id = _customer_id(uow, actor, customer)
            rows = uow.get(ReceivablesRepository).aging(
                day, customer_id, owner_scope(actor, "customers"), buckets=BUCKETS)
            return Receivables(day, tuple(Aging(r[0], r[1], r[2], r[3:]) for r in rows))

    def export(self, actor: Actor, path: str | os.PathLike[str], as_of: date | None = None,
               language: str = "en", progress: Callable[[int], bool] | None = None) -> int:
        """The receivables to Excel (finance.export): a row per customer, then the total;
        audited."""
        _require(actor, "export")
        found = self.receivables(actor, as_of)
        words = AGING_WORDS
        columns = [Column("code", words["code"].text(language), "text"),
                   Column("name", words["name"].text(language), "text"),
                   *(Column(k, words[k].text(language), "money")
                     for k in ("open", "overdue", *(b for b, _, _ in BUCKETS)))]
        rows = [(r.code, r.name, r.open, r.overdue, *r.buckets.values()) for r in found.rows]
        total = found.total
        rows.append(("", words["total"].text(language), total.open, total.overdue,
                     *total.buckets.values()))
        title = words["title"].text(language)
        count = write_workbook(path, columns, rows, sheet_name=title, about_title=title,
                               about=[(words["as_of"].text(language), found.as_of.isoformat()),
                                      (words["by"].text(language), actor.username)],
                               progress=progress)
        with self._open(actor) as uow:
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="export",
                             entity_type="receivables", entity_id="",
                             changes={"as_of": [None, found.as_of.isoformat()],
                                      "rows": [None, len(found.rows)],
                                      "file": [None, os.path.basename(os.fspath(path))]})
            uow.commit()
        return count


@dataclass(frozen=True)
class TierRow:
    customer_id: int
    code: str
    name: str
    revenue: Decimal
    revenue_before: Decimal
    share: Decimal  # cumulative, 0 to 1
    tier: str
    manual: bool
    lifecycle: str
    key_account: bool
    churn: str
    rating: str
    rating_manual: bool

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "revenue": f"{self.revenue:.2f}",
                "revenue_before": f"{self.revenue_before:.2f}",
                "share": f"{self.share:.4f}", "tier": self.tier, "manual": self.manual,
                "lifecycle": self.lifecycle, "key_account": self.key_account,
                "churn": self.churn, "rating": self.rating,
                "rating_manual": self.rating_manual}


@dataclass(frozen=True)
class KeyAccount:
    customer_id: int
    code: str
    name: str
    owner: str
    revenue: Decimal
    revenue_before: Decimal
    open: Decimal
    overdue: Decimal
    last_visit: date | None
    next_visit: date | None
    open_complaints: int
    manual: bool

    @property
    def trend(self) -> Decimal | None:
        """Revenue against the 12 months before (0.25: up 25%); None without any then."""
        if self.revenue_before <= ZERO:
            return None
        return ((self.revenue - self.revenue_before) / self.revenue_before).quantize(
            Decimal("0.0001"))

    def as_dict(self) -> dict[str, Any]:
        trend = self.trend
        return {"code": self.code, "name": self.name, "owner": self.owner,
                "revenue": f"{self.revenue:.2f}",
                "revenue_before": f"{self.revenue_before:.2f}",
                "trend": None if trend is None else f"{trend:.4f}",
                "open": f"{self.open:.2f}", "overdue": f"{self.overdue:.2f}",
                "last_visit": self.last_visit.isoformat() if self.last_visit else None,
                "next_visit": self.next_visit.isoformat() if self.next_visit else None,
                "open_complaints": self.open_complaints, "manual": self.manual}


@dataclass(frozen=True)
class Recomputed:
    """What a recomputation changed: customers per tier before and after, and how many
    customers' tier, rating, lifecycle, key account or churn warning changed."""

    before: dict[str, int]
    after: dict[str, int]
    changed: int
    on: date


class CustomerValueService(Service):
    """Tiers, ratings, key accounts, lifecycle and churn. Reading them: finance.view;
    recomputing and naming key accounts: finance.value; a manual rating:
    finance.credit."""

    def recompute(self, actor: Actor, today: date | None = None) -> Recomputed:
        """Recompute every customer's tier (unless set by hand), credit rating (unless
        manual), key account (unless named by hand), lifecycle stage and churn warning,
        and the standing the tiers' list shows: one transaction, one audit entry with the
        customers per tier before and after."""
        _require(actor, "value")
        day = today or date.today()
        with self._open(actor) as uow:
            settings = read_settings(uow, VALUE_SETTINGS, GROUP)
            # Every customer judged in the database with the rules of value.py.
            counts = uow.get(ReceivablesRepository).recompute_value(
                value_window(day, settings), value_rules(settings, day))
            uow.audit.append(
                user_id=actor.user_id, username=actor.username, action="recompute_value",
                entity_type="customer", entity_id="",
                changes={"tiers": [dict(sorted(counts.tiers_before.items())),
                                   dict(sorted(counts.tiers_after.items()))],
                         "customers_changed": [None, counts.changed],
                         "as_of": [None, day.isoformat()]})
            uow.commit()
            return Recomputed(counts.tiers_before, counts.tiers_after, counts.changed, day)

    def tiers(self, actor: Actor, tier_filter: str | None = None,
              lifecycle_filter: str | None = None, limit: int | None = None
              ) -> list[TierRow]:
        """The customers with revenue, or a tier or stage computed, largest revenue first:
        revenue, cumulative share, tier (and whether by hand), lifecycle, key account,
        churn warning, rating."""
        _require(actor, "view")
        with self._open(actor, write=False) as uow:
            rows = uow.get(ReceivablesRepository).tier_rows(
                owner_scope(actor, "customers"), tier_filter, lifecycle_filter, limit)
            return [TierRow(*r) for r in rows]

    def key_accounts(self, actor: Actor) -> list[KeyAccount]:
        """The key accounts the actor may see, largest revenue first: revenue and its
        trend, open and overdue receivables, last and next visit, open complaints and the
        account manager (the owner)."""
        _require(actor, "view")
        with self._open(actor, write=False) as uow:
            repo = uow.get(ReceivablesRepository)
            found = repo.key_account_rows(owner_scope(actor, "customers"))
            facts = repo.key_account_facts([r[0] for r in found], now())
            aging = {r[0]: Aging(r[0], r[1], r[2], r[3:]) for r in repo.aging(
                date.today(), None, owner_scope(actor, "customers"), buckets=BUCKETS)} \
                if found else {}
            result = []
            for cid, code, name, owner, revenue, before, manual in found:
                seen = aging.get(cid)
                last, upcoming, complaints = facts.get(cid, (None, None, 0))
                result.append(KeyAccount(cid, code, name, owner, revenue, before,
                                         seen.open if seen else ZERO,
                                         seen.overdue if seen else ZERO, last, upcoming,
                                         complaints, manual))
            return result

    def churn_list(self, actor: Actor) -> list[TierRow]:
        """The active customers with a churn warning, with its reason."""
        _require(actor, "view")
        with self._open(actor, write=False) as uow:
            rows = uow.get(ReceivablesRepository).tier_rows(
                owner_scope(actor, "customers"), churn_only=True)
            return [TierRow(*r) for r in rows]

    def set_key_account(self, actor: Actor, customer: int | str, named: bool | None,
                        reason: str) -> None:
        """Name the customer a key account (True) or not one (False) by hand, with the
        reason (audited); None: as the revenue says again (at the next recomputation)."""
        _require(actor, "value")
        self._manual(actor, customer, reason, "set_key_account",
                     lambda repo, cid: repo.set_key_account(cid, named),
                     {"key_account": "auto" if named is None else named},
                     required=named is not None)

    def set_rating(self, actor: Actor, customer: int | str, grade: str | None,
                   reason: str) -> None:
        """A manual credit rating with the reason (finance.credit, audited), marked manual
        and kept on recomputation; None: computed again (at the next recomputation)."""
        _require(actor, "credit")
        if grade is not None and grade.strip().upper() not in RATINGS:
            raise ValidationError({"credit_rating": FieldError(
                "invalid_choice", f"must be one of {', '.join(RATINGS)}")})
        value = None if grade is None else grade.strip().upper()
        self._manual(actor, customer, reason, "set_rating",
                     lambda repo, cid: repo.set_rating(cid, value),
                     {"credit_rating": "auto" if value is None else value},
                     required=value is not None)

    def _manual(self, actor: Actor, customer: int | str, reason: str, action: str,
                write: Callable[[Any, int], tuple[Any, Any]], shown: Mapping[str, Any],
                required: bool) -> None:
        if required and not (reason or "").strip():
            raise ValidationError({"reason": FieldError("required", "is required")})
        with self._open(actor) as uow:
            cid = _customer_id(uow, actor, customer)
            old, new = write(uow.get(ReceivablesRepository), cid)
            name = next(iter(shown))
            uow.audit.append(user_id=actor.user_id, username=actor.username, action=action,
                             entity_type=CUSTOMER.name, entity_id=cid,
                             changes={name: [old, new], "reason": [None, reason.strip()]})
            uow.commit()


def refresh_rating(uow: UnitOfWork, customer_id: int, day: date | None = None
                   ) -> tuple[str, str] | None:
    """Rate the customer again from its payment behaviour, as of ``day`` (today), in the
    caller's transaction (a payment changes it at once), with the recomputation's figures
    and rule: (before, after) when the rating changed, None when it did not or is set by
    hand."""
    today = day or date.today()
    repo = uow.get(ReceivablesRepository)
    settings = read_settings(uow, VALUE_SETTINGS, GROUP)
    figures = repo.value_figures(value_window(today, settings), customer_id)
    if figures is None or figures["rating_manual"]:
        return None
    old, new = figures["rating"], str(rating_rule(settings).evaluate(figures))
    if new == old:
        return None
    repo.store_rating(customer_id, new)
    return old, new


def value_window(today: date, settings: Mapping[str, Any]) -> ValueWindow:
    """The last 12 months (365 days up to today), the 12 before, and the restricted
    overdue days."""
    since = today - timedelta(days=YEAR - 1)
    return ValueWindow(today, since, since - timedelta(days=YEAR),
                       today - timedelta(days=int(settings["restricted_overdue_days"])))


class ValueSettingsService(SettingsGroupService):
    """The thresholds of ratings, tiers, key accounts, lifecycle and churn. An
    administrator changes them (admin.edit); whoever views finance reads them."""

    entity = VALUE_SETTINGS
    group = GROUP
    readers = (("finance", "view"),)


def _require(actor: Actor, action: str) -> None:
    if not actor.can("finance", action):
        raise PermissionDenied("finance", action)


def _customer_id(uow: UnitOfWork, actor: Actor, customer: int | str) -> int:
    """The id of a customer given by id or code, in the actor's scope (else NotFound)."""
    found = uow.refs.find("customer", customer) if isinstance(customer, str) else customer
    scope = uow.refs.scope_of("customer", found) if found is not None else None
    if found is None or scope is None:
        raise NotFound("customer", customer)
    require_in_scope(actor, "customers", scope[1], "customer", customer)
    return int(found)


def words_of(choices: tuple[tuple[str, str, str], ...]) -> dict[str, Label]:
    return {v: Label(en, zh) for v, en, zh in choices}


AGING_WORDS = {
    "code": Label("Code", "编号"), "name": Label("Customer", "客户"),
    "open": Label("Open", "未收金额"), "overdue": Label("Overdue", "逾期金额"),
    "current": Label("Current", "未到期"), "days_1_30": Label("1-30 days", "1-30天"),
    "days_31_60": Label("31-60 days", "31-60天"), "days_61_90": Label("61-90 days", "61-90天"),
    "days_over_90": Label("Over 90 days", "90天以上"), "total": Label("Total", "合计"),
    "title": Label("Receivables aging", "应收账款账龄"), "as_of": Label("As of", "截至"),
    "by": Label("Exported by", "导出人"),
}
WORDS = {"tiers": words_of(TIER_WORDS), "lifecycle": words_of(LIFECYCLES),
         "churn": words_of(CHURN_REASONS)}

__all__ = [
    "AGING_WORDS",
    "WORDS",
    "Aging",
    "CustomerValueService",
    "KeyAccount",
    "Receivables",
    "ReceivablesService",
    "Recomputed",
    "TierRow",
    "ValueSettingsService",
    "refresh_rating",
]
