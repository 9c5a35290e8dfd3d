"""The finance and customer-value reports: the receivables' aging and the overdue invoices
as of a day, credit (ratings, limit use, orders confirmed over the limit), the key accounts
and the churn warnings. A customer's receivables, rating, key account and churn warning
count among its owner's records; the open amount of an invoice as of a day is docs/credit.md's
(issued by then, not settled by then, less the payments applied by then)."""

from __future__ import annotations

from typing import Any

from app.data.reports import FinanceFacts, SalesFacts
from app.logic.finance import BUCKETS, RATINGS
from app.logic.reports.model import Table
from app.logic.reports.run import Run, local_day, money, share
from app.logic.reports.service_reports import local_range

LIMIT_USE_ROWS = 100  # the limit-use ranking without --top


def receivables_aging(run: Run) -> list[Table]:
    """As of ``as_of``: ``buckets``: per bucket of days past due (each of ``BUCKETS``:
    current, 1-30, 31-60, 61-90, over 90) what the customers in scope owe and its share of
    all they owe; ``customers``: each customer owing anything (``ReceivablesRepository
    .aging``, largest first): code, name, open, overdue (every bucket but current: due
    before ``as_of``) and the five buckets. The buckets are the customers' sums."""
    found = run.uow.get(FinanceFacts).aging(run.as_of, run.owners)
    totals = [sum(int(r[4 + n]) for r in found) for n in range(len(BUCKETS))]
    whole = sum(totals)
    buckets = [(name, money(amount), share(amount, whole))
               for (name, _first, _last), amount in zip(BUCKETS, totals, strict=True)]
    customers = [(code, name, money(total), money(sum(parts[1:])), *map(money, parts))
                 for _id, code, name, total, *parts in found]
    return [run.table("buckets", buckets), run.table("customers", customers)]


def arrears(run: Run) -> list[Table]:
    """The invoices open and past due as of ``as_of`` (open amount above 0, due before
    ``as_of``) of the customers in scope: number, customer code and name, due date, days
    late (``as_of`` less the due date), open amount, the customer's owner (display name,
    else user name, else ""); the most days late first, then by number."""
    rows = [(number, code, name, due, (run.as_of - due).days, money(amount), salesperson)
            for number, code, name, due, amount, salesperson
            in run.uow.get(FinanceFacts).arrears(run.as_of, run.owners)]
    return [run.table("invoices", rows)]


def credit(run: Run) -> list[Table]:
    """Of the customers in scope, not archived:

    - ``ratings``: per credit rating (AAA, AA, A, B, C, then "" for not rated; each) the
      customers, the sum of their credit limits and of their open receivables as of
      ``as_of``;
    - ``limit_use``: the customers with a credit limit and something open as of
      ``as_of``: code, name, rating, limit, open, use (open of limit); the most used
      first (then by code), the first ``top`` (100 without);
    - ``overrides``: the orders dated in the range confirmed over the credit limit, with
      the reason (``SalesFacts.overrides``: of the salespeople in scope, the latest
      first).
    """
    facts = run.uow.get(FinanceFacts)
    found = facts.ratings(run.as_of, run.owners)
    ratings = []
    for rating in (*RATINGS, ""):
        n, limits, amount = found.get(rating, (0, 0, 0))
        ratings.append((rating, n, money(limits), money(amount)))
    limit_use = [(code, name, rating, money(limit), money(amount), share(amount, limit))
                 for code, name, rating, limit, amount
                 in facts.limit_use(run.as_of, run.owners, run.params.top or LIMIT_USE_ROWS)]
    overrides = [(number, code, name, day, money(gross), salesperson, reason)
                 for number, code, name, day, gross, salesperson, reason
                 in run.uow.get(SalesFacts).overrides(run.start, run.end, run.owners)]
    return [run.table("ratings", ratings), run.table("limit_use", limit_use),
            run.table("overrides", overrides)]


def key_accounts(run: Run) -> list[Table]:
    """The key accounts in scope (not archived): code, name, the owner (display name, else
    user name); revenue of the last twelve months and of the twelve before as the last
    recomputation left them (0 without), the trend ((revenue - before) of before; None
    without any before); open and overdue receivables as of ``as_of``; the visits done
    (kind visit, state done) to the customer scheduled in the range, by whomever; the local
    day of the latest visit done ever (None without); complaints made in the range;
    complaints open now. The largest revenue first, then by code."""
    since, until = local_range(run)
    rows: list[tuple[Any, ...]] = []
    for (code, name, owner, revenue, before, amount, overdue, visits, last, complaints,
         still_open) in run.uow.get(FinanceFacts).key_accounts(run.as_of, since, until,
                                                               run.owners):
        rows.append((code, name, owner, money(revenue), money(before),
                     share(revenue - before, before), money(amount), money(overdue), visits,
                     None if last is None else local_day(last), complaints, still_open))
    return [run.table("accounts", rows)]


def churn(run: Run) -> list[Table]:
    """The customers in scope (not archived) warned of churning (a churn reason set by the
    last recomputation): code, name, the owner (display name, else user name), reason,
    lifecycle stage, revenue of the last twelve months and of the twelve before (0
    without), the last order's day, the local day of the last activity done (None
    without); the largest revenue before first, then by code; the first ``top`` only
    when given."""
    rows = [(code, name, owner, reason, stage, money(revenue), money(before), last_order,
             None if last_activity is None else local_day(last_activity))
            for code, name, owner, reason, stage, revenue, before, last_order, last_activity
            in run.uow.get(FinanceFacts).churn(run.owners, run.params.top)]
    return [run.table("customers", rows)]
