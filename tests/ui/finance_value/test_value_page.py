"""The customer value tab on real widgets over a real database: the tiers with their Pareto
chart, recomputing, naming key accounts with a reason, the churn warnings, and the badges on
the customer form."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import QApplication

from app.logic.finance import Recomputed
from app.logic.kit.dto import Actor, Record
from app.logic.services import Services
from app.ui.customers import CustomerForm, CustomerListView
from app.ui.finance.value_chart import MAX_POINTS, sample
from app.ui.finance.value_page import CustomerValuePage
from app.ui.kit.context import Context
from app.ui.kit.settings_group import SettingsGroupDialog
from app.ui.kit.table_model import ID_ROLE
from app.ui.kit.tasks import TaskRunner
from app.ui.shell.i18n import Translation


def column(page_model, number: int) -> list[str]:
    return [page_model.index(row, number).data() for row in range(page_model.rowCount())]


def make_page(qtbot, context: Context) -> CustomerValuePage:
    page = CustomerValuePage(context)
    qtbot.addWidget(page)
    return page


def test_the_tiers_table_shows_each_customer_with_its_tier(
        qtbot, context: Context, customers: dict[str, Record], recomputed: Recomputed
        ) -> None:
    page = make_page(qtbot, context)
    model = page.tiers.model
    order = ("big", "mid", "quiet", "small", "falling")
    assert column(model, 0) == [customers[k].code for k in order]
    assert column(model, 2)[:2] == ["600,000.00", "150,000.00"]
    assert column(model, 3)[:2] == ["74.1%", "92.6%"]
    assert column(model, 4) == ["Premium", "Premium", "Major", "Ordinary", "Restricted"]
    assert column(model, 6) == ["★", "", "", "", ""]
    assert column(model, 7)[4] == "⚠ Revenue down"
    assert "Premium 2" in page.tiers.counts.text()
    assert "Restricted 1" in page.tiers.counts.text()
    page.tiers.tier_filter.setCurrentIndex(page.tiers.tier_filter.findData("premium"))
    assert column(model, 0) == [customers["big"].code, customers["mid"].code]
    page.tiers.tier_filter.setCurrentIndex(0)
    page.tiers.lifecycle_filter.setCurrentIndex(
        page.tiers.lifecycle_filter.findData("declining"))
    assert column(model, 0) == [customers["falling"].code]
    assert page.tiers.shown.text() == "1 of 5 shown"


def test_the_pareto_chart_paints_the_customers_largest_first(
        qtbot, context: Context, recomputed: Recomputed) -> None:
    page = make_page(qtbot, context)
    chart = page.tiers.chart
    assert [p.revenue for p in chart.points] == [600000, 150000, 30000, 20000, 10000]
    assert chart.points[-1].share == 1.0
    assert chart.lines == (0.8, 0.95)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    picture = chart.grab()
    assert not picture.isNull() and picture.width() > 500
    image = picture.toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    assert "#2e7d32" in colours  # the premium bars


def test_a_large_list_is_drawn_in_at_most_a_few_hundred_points() -> None:
    rows = [(Decimal(5000 - n), Decimal(n + 1) / 5000, "ordinary") for n in range(5000)]
    points = sample(rows)
    assert len(points) == MAX_POINTS
    assert points[0].revenue == 5000 and points[-1].share == 1.0


def test_recompute_fills_the_tiers_and_says_what_changed(
        qtbot, context: Context, customers: dict[str, Record]) -> None:
    page = make_page(qtbot, context)
    assert page.tiers.model.rowCount() == 0
    assert not page.recompute_button.isHidden()
    page.recompute_button.click()
    assert page.tiers.model.rowCount() == 5
    assert page.recomputed is not None and page.recomputed.changed == 5
    assert "Recomputed as of" in page.status.text()
    assert "Premium 0 → 2" in page.status.text()
    assert page.key_accounts.model.rowCount() == 1


def test_without_the_right_there_is_no_recompute_and_no_naming(
        qtbot, make_actor: Callable[..., Actor], make_context: Callable[[Actor], Context],
        recomputed: Recomputed) -> None:
    clerk = make_actor("clerk", ("finance",))
    context = make_context(clerk)
    if context.can("finance", "value"):  # the finance role recomputes: a reader is made
        return
    page = make_page(qtbot, context)
    assert page.recompute_button.isHidden()
    assert page.key_accounts.name_button.isHidden()


def test_naming_a_key_account_with_a_reason_writes_it(
        qtbot, context: Context, services: Services, actor: Actor,
        customers: dict[str, Record], recomputed: Recomputed) -> None:
    page = make_page(qtbot, context)
    asked: list[tuple[str, bool]] = []

    def answer(_title: str, _prompt: str, code: str, required: bool) -> tuple[str, str]:
        asked.append((code, required))
        return customers["mid"].code, "战略合作伙伴"

    page.ask = answer
    page.key_accounts.table.selectRow(0)
    page.key_accounts.name_button.click()
    assert asked == [(customers["big"].code, True)]
    found = {k.code: k for k in services.customer_value.key_accounts(actor)}
    assert found[customers["mid"].code].manual
    model = page.key_accounts.model
    assert column(model, 0) == [customers["big"].code, customers["mid"].code]
    assert column(model, 10) == ["", "By hand"]
    assert "is a key account now" in page.status.text()
    # and off again: not a key account, by hand
    page.ask = lambda _t, _p, code, _r: (code, "集团内部客户")
    page.key_accounts.table.selectRow(0)
    page.key_accounts.unname_button.click()
    assert [k.code for k in services.customer_value.key_accounts(actor)] == [
        customers["mid"].code]
    assert column(page.tiers.model, 6)[0] == ""


def test_a_cancelled_reason_writes_nothing(
        qtbot, context: Context, services: Services, actor: Actor,
        recomputed: Recomputed) -> None:
    page = make_page(qtbot, context)
    page.ask = lambda *_args: None
    page.key_accounts.table.selectRow(0)
    page.key_accounts.unname_button.click()
    assert len(services.customer_value.key_accounts(actor)) == 1


def test_the_churn_list_shows_the_reason(
        qtbot, context: Context, customers: dict[str, Record], recomputed: Recomputed
        ) -> None:
    page = make_page(qtbot, context)
    model = page.churn.model
    assert column(model, 0) == [customers["quiet"].code, customers["falling"].code]
    assert column(model, 2) == ["No order or activity", "Revenue down"]
    assert column(model, 3) == ["30,000.00", "10,000.00"]
    assert column(model, 4) == ["0.00", "200,000.00"]
    assert page.tabs.tabText(2) == "Churn warning (2)"


def test_a_double_click_opens_the_customer(
        qtbot, context: Context, customers: dict[str, Record], recomputed: Recomputed
        ) -> None:
    page = make_page(qtbot, context)
    page.open_index(page.tiers.model.index(0, 1))
    forms = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, CustomerForm) and w.isVisible()]
    assert [f.record_id for f in forms] == [customers["big"].id]


def test_settings_open_the_value_settings(qtbot, context: Context,
                                          recomputed: Recomputed) -> None:
    page = make_page(qtbot, context)
    dialog = page.open_settings()
    assert isinstance(dialog, SettingsGroupDialog)
    assert dialog.record is not None and dialog.record.values["premium_share"] == \
        Decimal("0.8")
    dialog.reject()


def test_the_customer_form_shows_the_churn_and_key_account_badges(
        qtbot, context: Context, customers: dict[str, Record], recomputed: Recomputed,
        translation: Translation) -> None:
    falling = CustomerForm(context, customers["falling"].id)
    qtbot.addWidget(falling)
    assert not falling.churn_badge.isHidden()
    assert falling.churn_badge.text() == "Churn warning: revenue down"
    assert falling.key_account_badge.isHidden()
    assert translation.install("zh_CN")
    big = CustomerForm(context, customers["big"].id)
    qtbot.addWidget(big)
    assert big.churn_badge.isHidden()
    assert not big.key_account_badge.isHidden()
    assert big.key_account_badge.text() == "大客户"
    chinese = CustomerForm(context, customers["falling"].id)
    qtbot.addWidget(chinese)
    assert chinese.churn_badge.text() == "流失预警：收入下降"


def test_the_page_loads_and_recomputes_in_the_background(
        qtbot, services: Services, actor: Actor, hub, customers: dict[str, Record]) -> None:
    runner = TaskRunner()
    try:
        page = make_page(qtbot, Context(services, actor, runner, hub))
        assert page.tiers.model.rowCount() == 0  # nothing yet: the work is elsewhere
        qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
        page.recompute_button.click()
        assert not page.recompute_button.isEnabled()
        qtbot.waitUntil(lambda: page.tiers.model.rowCount() == 5 and not runner.busy,
                        timeout=10000)
        assert page.recompute_button.isEnabled()
        assert page.churn.model.rowCount() == 2
        assert page.key_accounts.model.rowCount() == 1
    finally:
        runner.shutdown()


def test_the_customer_list_marks_the_customers_at_risk(
        qtbot, context: Context, customers: dict[str, Record], recomputed: Recomputed
        ) -> None:
    view = CustomerListView(context)
    qtbot.addWidget(view)
    model = view.model
    late = {model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())
            if model.is_late(row)}
    assert late == {customers["falling"].id, customers["quiet"].id}


def test_a_rating_by_hand_is_marked_in_the_table(
        qtbot, context: Context, customers: dict[str, Record], recomputed: Recomputed
        ) -> None:
    page = make_page(qtbot, context)
    page.ask_rating = lambda _code, _rating: ("B", "担保到期")
    page.set_rating(customers["mid"].code, "")
    assert column(page.tiers.model, 8)[1] == "B (by hand)"
    assert "is rated B now" in page.status.text()
