"""Opportunities through the pipeline: the probability of each stage (an administrator's
setting, audited and versioned) or the one given, the weighted amount rounded half up, lost
with its reason and reopened, the right a move needs, the pipeline's sums per stage
narrowed by owner, team and month, the record scope of lists, pipeline and board, and a won
opportunity turned into a draft order; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from app.logic.kit.dto import ListQuery, Record
from app.logic.kit.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.logic.sales import FACTORY_PROBABILITY, PIPELINE, STAGES, Filter, Pipeline
from tests.conftest import Audit
from tests.logic.sales.conftest import Counts, Shop, codes

D = Decimal
AuditLog = Callable[[], list[Audit]]
STAGE_NAMES = [s for s, _, _ in STAGES]
Sums = dict[str, tuple[int, str, str]]


def sums(pipeline: Pipeline) -> Sums:
    """Each stage's (count, amount, weighted), the amounts as text."""
    return {s.stage: (s.count, f"{s.amount:.2f}", f"{s.weighted:.2f}")
            for s in pipeline.stages}


def zero_but(**given: tuple[int, str, str]) -> Sums:
    return {s: given.get(s, (0, "0.00", "0.00")) for s in STAGE_NAMES}


# --- probabilities ---------------------------------------------------------------------------
def test_the_stages_and_their_default_probabilities() -> None:
    assert STAGE_NAMES == ["qualification", "needs_analysis", "proposal", "negotiation",
                           "won", "lost"]
    assert FACTORY_PROBABILITY == {"qualification": 10, "needs_analysis": 25, "proposal": 50,
                                   "negotiation": 75, "won": 100, "lost": 0}
    assert PIPELINE.initial == "qualification"
    assert PIPELINE.next_states("won") == ("qualification", "needs_analysis", "proposal",
                                           "negotiation")


@pytest.mark.parametrize(("stage", "probability", "weighted"), [
    ("qualification", 10, "123.46"), ("needs_analysis", 25, "308.64"),
    ("proposal", 50, "617.28"), ("negotiation", 75, "925.92"), ("won", 100, "1234.56"),
    ("lost", 0, "0.00")])
def test_each_stage_has_its_default_probability(shop: Shop, stage: str, probability: int,
                                                weighted: str) -> None:
    # 1234.56 × 10% = 123.456 → 123.46; × 25% = 308.64; × 75% = 925.92
    record = shop.opportunity(amount="1234.56", stage=stage)
    assert (record.stage, record.probability, record.weighted) == (stage, probability,
                                                                   D(weighted))
    assert shop.reload(record).weighted == D(weighted)


def test_an_administrator_sets_the_probabilities_audited_and_versioned(
        shop: Shop, audit_log: AuditLog, row_counts: Counts) -> None:
    settings, admin = shop.services.sales_settings, shop["admin"]
    kept = shop.opportunity(amount="1000.00", stage="proposal")  # at 50 before the change
    version = settings.settings(admin).version
    changed = settings.set_probabilities(admin, {"proposal": 40, "negotiation": 80})
    assert changed.version == version + 1
    assert shop.services.opportunities.probabilities(shop["sales1"]) == {
        **FACTORY_PROBABILITY, "proposal": 40, "negotiation": 80}
    entry = audit_log()[-1]
    assert (entry.action, entry.entity_type, entry.username) == ("update", "sales_settings",
                                                                 "admin")
    assert (entry.changes["proposal_probability"],
            entry.changes["negotiation_probability"]) == ([50, 40], [75, 80])
    # Later moves use the new figures; an opportunity keeps its own until it moves.
    moved = shop.opportunity(amount="1000.00", stage="proposal")
    assert (moved.probability, moved.weighted) == (40, D("400.00"))
    assert shop.reload(kept).probability == 50
    negotiating = shop.services.opportunities.move_to(admin, kept.id, kept.version,
                                                      "negotiation").saved
    assert (negotiating.probability, negotiating.weighted) == (80, D("800.00"))
    # A new opportunity starts at qualification's figure.
    settings.set_probabilities(admin, {"qualification": 5})
    assert shop.opportunity(amount="10.10").weighted == D("0.51")  # 0.505 → 0.51
    # Stale, unknown or out of range: refused, nothing written.
    before = row_counts()
    with pytest.raises(ConflictError):
        settings.set_probabilities(admin, {"proposal": 45}, expected_version=version)
    with pytest.raises(ValidationError) as unknown:
        settings.set_probabilities(admin, {"closing": 90})
    assert codes(unknown.value) == {"closing": "unknown_stage"}
    with pytest.raises(ValidationError) as too_high:
        settings.set_probabilities(admin, {"proposal": 101})
    assert codes(too_high.value) == {"proposal_probability": "out_of_range"}
    assert row_counts() == before


@pytest.mark.parametrize("who", ["sales1", "manager", "auditor"])
def test_only_an_administrator_sets_the_probabilities(shop: Shop, row_counts: Counts,
                                                      who: str) -> None:
    before = row_counts()
    with pytest.raises(PermissionDenied):
        shop.services.sales_settings.set_probabilities(shop[who], {"proposal": 40})
    assert row_counts() == before
    assert shop.services.opportunities.probabilities(shop[who])["proposal"] == 50


def test_a_given_probability_is_kept(shop: Shop) -> None:
    o, admin = shop.services.opportunities, shop["admin"]
    record = shop.opportunity(amount="200.00", probability="35")
    assert (record.stage, record.probability, record.weighted) == ("qualification", 35,
                                                                   D("70.00"))
    moved = o.move_to(admin, record.id, record.version, "proposal", probability=60).saved
    assert (moved.probability, moved.weighted) == (60, D("120.00"))
    # Moved on without one: the new stage's default.
    on = o.move_to(admin, moved.id, moved.version, "negotiation").saved
    assert (on.probability, on.weighted) == (75, D("150.00"))
    # An edit of the probability alone keeps the stage.
    edited = o.update_opportunity(admin, on.id, on.version, {"probability": 90}).saved
    assert (edited.stage, edited.probability, edited.weighted) == ("negotiation", 90,
                                                                   D("180.00"))


def test_a_given_probability_equal_to_the_current_one_is_kept_on_a_move(shop: Shop) -> None:
    record = shop.opportunity(amount="200.00")  # qualification, 10
    moved = shop.services.opportunities.move_to(shop["admin"], record.id, record.version,
                                                "proposal", probability=10).saved
    assert (moved.stage, moved.probability, moved.weighted) == ("proposal", 10, D("20.00"))


@pytest.mark.parametrize(("amount", "probability", "weighted"), [
    ("0.02", 25, "0.01"),  # 0.005 → 0.01 (to even would give 0.00)
    ("2.50", 25, "0.63"),  # 0.625 → 0.63 (to even: 0.62)
    ("33.33", 25, "8.33"),  # 8.3325 → 8.33
    ("0.01", 50, "0.01"),  # 0.005 → 0.01
    ("0.01", 49, "0.00"),  # 0.0049 → 0.00
    ("99999.99", 33, "33000.00"),  # 32999.9967 → 33000.00
])
def test_weighted_is_amount_times_probability_half_up(shop: Shop, amount: str,
                                                      probability: int, weighted: str) -> None:
    record = shop.opportunity(amount=amount, probability=probability)
    assert shop.reload(record).weighted == D(weighted)


def test_weighted_follows_the_amount(shop: Shop) -> None:
    record = shop.opportunity(amount="100.00", stage="proposal")
    assert record.weighted == D("50.00")
    changed = shop.services.opportunities.update_opportunity(
        shop["admin"], record.id, record.version, {"amount": "0.03"}).saved
    assert changed.weighted == D("0.02")  # 0.015 → 0.02


# --- moves ----------------------------------------------------------------------------------
def test_lost_needs_the_reason_and_closes(shop: Shop, row_counts: Counts) -> None:
    o, sales1 = shop.services.opportunities, shop["sales1"]
    record = shop.opportunity(sales1, customer="mine", amount="5000.00", stage="proposal")
    before = row_counts()
    for reason in (None, "", "  "):
        with pytest.raises(ValidationError) as caught:
            o.move_to(sales1, record.id, record.version, "lost", lost_reason=reason)
        assert codes(caught.value) == {"lost_reason": "required"}
    assert row_counts() == before
    lost = o.move_to(sales1, record.id, record.version, "lost",
                     lost_reason="预算被砍").saved
    assert (lost.stage, lost.lost_reason, lost.probability, lost.weighted, lost.open) == (
        "lost", "预算被砍", 0, D("0.00"), False)
    assert lost.closed_at is not None
    stored = shop.reload(record)
    assert (stored.stage, stored.lost_reason, stored.closed_at) == ("lost", "预算被砍",
                                                                    lost.closed_at)
    # Lost and won are closed: no move between them.
    with pytest.raises(ValidationError) as caught:
        o.move_to(sales1, lost.id, lost.version, "won")
    assert codes(caught.value) == {"stage": "not_allowed"}


def test_won_closes_and_a_lost_one_reopens_without_its_reason(shop: Shop,
                                                              audit_log: AuditLog) -> None:
    o, sales1 = shop.services.opportunities, shop["sales1"]
    won = shop.opportunity(sales1, customer="mine", amount="800.00", stage="won")
    assert (won.probability, won.weighted, won.closed_at is not None) == (100, D("800.00"),
                                                                          True)
    lost = shop.opportunity(sales1, customer="mine", amount="800.00", stage="lost")
    assert lost.lost_reason == "价格太高"
    back = o.move_to(sales1, lost.id, lost.version, "negotiation").saved
    assert (back.stage, back.lost_reason, back.closed_at, back.probability, back.weighted,
            back.open) == ("negotiation", "", None, 75, D("600.00"), True)
    stored = shop.reload(lost)
    assert (stored.lost_reason, stored.closed_at) == ("", None)
    entry = audit_log()[-1]
    assert (entry.action, entry.changes["stage"], entry.changes["lost_reason"]) == (
        "negotiate", ["lost", "negotiation"], ["价格太高", ""])
    reopened = o.move_to(sales1, won.id, won.version, "qualification").saved
    assert (reopened.stage, reopened.closed_at, reopened.probability) == ("qualification",
                                                                          None, 10)


def test_a_move_needs_the_right_to_edit(shop: Shop, row_counts: Counts) -> None:
    record = shop.opportunity(amount="100.00")
    auditor = shop["auditor"]
    assert auditor.can("sales", "view") and not auditor.can("sales", "edit")
    before = row_counts()
    with pytest.raises(PermissionDenied) as caught:
        shop.services.opportunities.move_to(auditor, record.id, record.version, "proposal")
    assert (caught.value.module, caught.value.action) == ("sales", "edit")
    assert row_counts() == before
    assert shop.reload(record).stage == "qualification"


def test_the_stage_changes_by_a_move_only(shop: Shop) -> None:
    record = shop.opportunity(amount="100.00")
    with pytest.raises(ValidationError) as caught:
        shop.services.opportunities.update_opportunity(shop["admin"], record.id,
                                                       record.version, {"stage": "won"})
    assert set(codes(caught.value)) == {"stage"}
    with pytest.raises(ValidationError) as stale:
        shop.services.opportunities.move_to(shop["admin"], record.id, record.version,
                                            "finished")
    assert codes(stale.value) == {"stage": "invalid_choice"}


# --- the pipeline ---------------------------------------------------------------------------
@pytest.fixture
def deals(shop: Shop) -> dict[str, Record]:
    """sales1: qualification 1000.00 (close 2026-05-10), proposal 333.33 (2026-05-31), won
    500.00 (2026-06-01); sales2: proposal 1234.56 (2026-05-15), lost 800.00 (2026-04-30);
    sales3 (another team): negotiation 2.50 (2026-05-20); the administrator: needs analysis
    40.00 (no close date)."""
    made = {}
    for key, customer, amount, stage, close in (
            ("s1q", "mine", "1000.00", None, "2026-05-10"),
            ("s1p", "mine", "333.33", "proposal", "2026-05-31"),
            ("s1w", "mine", "500.00", "won", "2026-06-01"),
            ("s2p", "theirs", "1234.56", "proposal", "2026-05-15"),
            ("s2l", "theirs", "800.00", "lost", "2026-04-30"),
            ("s3n", "north", "2.50", "negotiation", "2026-05-20"),
            ("house", "house", "40.00", "needs_analysis", None)):
        values = {"expected_close": close} if close else {}
        made[key] = shop.opportunity(customer=customer, amount=amount, stage=stage, **values)
    assert [made[k].owner.key for k in made] == ["sales1", "sales1", "sales1", "sales2",
                                                  "sales2", "sales3", "admin"]
    return made


# Hand-computed: 333.33 × 50% = 166.665 → 166.67; 1234.56 × 50% = 617.28;
# 2.50 × 75% = 1.875 → 1.88; 40.00 × 25% = 10.00.
SALES1 = zero_but(qualification=(1, "1000.00", "100.00"), proposal=(1, "333.33", "166.67"),
                  won=(1, "500.00", "500.00"))
TEAM = zero_but(qualification=(1, "1000.00", "100.00"), proposal=(2, "1567.89", "783.95"),
                won=(1, "500.00", "500.00"), lost=(1, "800.00", "0.00"))
EVERYONE = {**TEAM, "needs_analysis": (1, "40.00", "10.00"),
            "negotiation": (1, "2.50", "1.88")}
MAY = zero_but(qualification=(1, "1000.00", "100.00"), proposal=(2, "1567.89", "783.95"),
               negotiation=(1, "2.50", "1.88"))


def test_the_pipeline_sums_each_stage(shop: Shop, deals: dict[str, Record]) -> None:
    found = shop.services.opportunities.pipeline(shop["admin"])
    assert [s.stage for s in found.stages] == STAGE_NAMES
    assert sums(found) == EVERYONE
    # The open pipeline: 100.00 + 10.00 + 783.95 + 1.88
    assert found.weighted == D("895.83")
    assert found.stages[2].amount == D("1567.89")


@pytest.mark.parametrize(("narrow", "expected"), [
    (Filter(owner="sales1"), SALES1),
    (Filter(team="华东销售部"), TEAM),
    (Filter(month="2026-05"), MAY),
    (Filter(team="华东销售部", month="2026-05"),
     zero_but(qualification=(1, "1000.00", "100.00"), proposal=(2, "1567.89", "783.95"))),
    (Filter(owner="sales2", month="2026-04"), zero_but(lost=(1, "800.00", "0.00"))),
    (Filter(team="华北销售部"), zero_but(negotiation=(1, "2.50", "1.88"))),
    (Filter(month="2026-07"), zero_but()),
])
def test_the_pipeline_is_narrowed_by_owner_team_and_month(
        shop: Shop, deals: dict[str, Record], narrow: Filter, expected: Sums) -> None:
    assert sums(shop.services.opportunities.pipeline(shop["admin"], narrow)) == expected


def test_the_pipeline_by_owner_id_and_refused_filters(shop: Shop,
                                                      deals: dict[str, Record]) -> None:
    o, admin = shop.services.opportunities, shop["admin"]
    assert sums(o.pipeline(admin, Filter(owner=shop["sales1"].user_id))) == SALES1
    with pytest.raises(ValidationError) as caught:
        o.pipeline(admin, Filter(month="2026-13"))
    assert codes(caught.value) == {"month": "invalid_month"}
    with pytest.raises(NotFound):
        o.pipeline(admin, Filter(team="不存在的部门"))
    with pytest.raises(NotFound):
        o.pipeline(admin, Filter(owner="nobody"))


def test_a_salesperson_sees_own_opportunities_in_list_pipeline_and_board(
        shop: Shop, deals: dict[str, Record]) -> None:
    o, sales1 = shop.services.opportunities, shop["sales1"]
    listed = [r.number for r in o.list_opportunities(sales1, ListQuery()).rows]
    assert listed == [deals[k].number for k in ("s1q", "s1p", "s1w")]
    assert sums(o.pipeline(sales1)) == SALES1
    # Narrowed to another's: nothing of theirs shows.
    assert sums(o.pipeline(sales1, Filter(owner="sales2"))) == zero_but()
    assert sums(o.pipeline(sales1, Filter(team="华东销售部"))) == SALES1
    board = o.board(sales1)
    assert {s: [r.number for r in cards] for s, cards in board.items()} == {
        "qualification": [deals["s1q"].number], "needs_analysis": [],
        "proposal": [deals["s1p"].number], "negotiation": [], "won": [deals["s1w"].number],
        "lost": []}
    with pytest.raises(NotFound):
        o.get_opportunity(sales1, deals["s2p"].id)
    with pytest.raises(NotFound):
        o.move_to(sales1, deals["s2p"].id, deals["s2p"].version, "negotiation")


def test_the_manager_sees_the_teams_opportunities(shop: Shop, deals: dict[str, Record]
                                                 ) -> None:
    o, manager = shop.services.opportunities, shop["manager"]
    listed = {r.number for r in o.list_opportunities(manager, ListQuery()).rows}
    assert listed == {deals[k].number for k in ("s1q", "s1p", "s1w", "s2p", "s2l")}
    assert sums(o.pipeline(manager)) == TEAM
    board = o.board(manager)
    # The largest amounts first.
    assert [r.number for r in board["proposal"]] == [deals["s2p"].number, deals["s1p"].number]
    assert board["negotiation"] == []
    assert sums(o.pipeline(manager, Filter(team="华北销售部"))) == zero_but()


def test_the_board_of_everyone_narrowed_by_month(shop: Shop, deals: dict[str, Record]
                                                 ) -> None:
    board = shop.services.opportunities.board(shop["admin"], Filter(month="2026-05"))
    assert {s: [r.number for r in cards] for s, cards in board.items()} == {
        "qualification": [deals["s1q"].number], "needs_analysis": [],
        "proposal": [deals["s2p"].number, deals["s1p"].number],
        "negotiation": [deals["s3n"].number], "won": [], "lost": []}


# --- a won opportunity becomes an order -----------------------------------------------------
def test_a_won_opportunity_becomes_a_draft_order(shop: Shop, audit_log: AuditLog) -> None:
    won = shop.opportunity(shop["sales1"], customer="mine", amount="2000.00", stage="won",
                           name="压力表年度采购")
    changed = shop.services.orders.order_from_opportunity(shop["sales1"], won.id)
    order = shop.reload(changed.saved)
    assert (order.status, order.customer.key, order.salesperson.key, order.opportunity.id,
            order.opportunity.key) == ("draft", shop.customers["mine"].code, "sales1",
                                       won.id, won.number)
    assert order.notes == f"{won.number} 压力表年度采购"
    assert (order.payment_terms_days, order.children["lines"]) == (45, ())
    assert (order.net, order.gross) == (D("0.00"), D("0.00"))
    assert audit_log()[-1].action == "create"


def test_only_a_won_opportunity_becomes_an_order(shop: Shop, row_counts: Counts) -> None:
    orders = shop.services.orders
    for stage in ("qualification", "negotiation", "lost"):
        record = shop.opportunity(shop["sales1"], customer="mine", stage=stage)
        before = row_counts()
        with pytest.raises(ValidationError) as caught:
            orders.order_from_opportunity(shop["sales1"], record.id)
        assert codes(caught.value) == {"opportunity": "not_won"}
        assert f"it is at {stage}" in caught.value.errors["opportunity"].message
        assert row_counts() == before
    theirs = shop.opportunity(shop["sales2"], customer="theirs", stage="won")
    with pytest.raises(NotFound):
        orders.order_from_opportunity(shop["sales1"], theirs.id)
    with pytest.raises(NotFound):
        orders.order_from_opportunity(shop["sales1"], 999999)
    assert row_counts()["sales_orders"] == 0
