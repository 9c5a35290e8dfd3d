"""Record scope: lists, search, counts and direct reads all obey own / team / all."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.errors import KehuError, NotFound, PermissionDenied, PossibleDuplicate
from app.logic.services import Services


@pytest.fixture
def team(services: Services, admin: Actor, make_user: Callable[..., Actor]
         ) -> dict[str, Actor]:
    dept = services.departments.create_department(admin, "华东销售部").saved
    people = {
        "manager": make_user("manager", "经理", roles=("sales_manager",)),
        "sales1": make_user("sales1", "王伟", roles=("salesperson",)),
        "sales2": make_user("sales2", "李娜", roles=("salesperson",)),
        "outsider": make_user("outsider", "Other team", roles=("salesperson",)),
    }
    by_name = {u.username: u for u in services.users.list_all_users(admin)}
    for name in ("manager", "sales1", "sales2"):
        user = by_name[name]
        services.users.update_user(admin, user.id, user.version, department_id=dept.id)
    services.departments.update_department(admin, dept.id, dept.version,
                                           manager_id=by_name["manager"].id)
    # Sign in again: the team is part of the identity taken at sign-in.
    from tests.conftest import ADMIN_PASSWORD

    return {name: services.auth.login(name, ADMIN_PASSWORD) for name in people}


def names(services: Services, actor: Actor, search: str = "") -> set[str]:
    page = services.customers.list_customers(actor, ListQuery(search=search), limit=500)
    return {r.name for r in page.rows}


def test_salespeople_see_only_their_own_customers(services: Services, team: dict[str, Actor]
                                                  ) -> None:
    services.customers.create_customer(team["sales1"], {"name": "北京王记贸易"})
    services.customers.create_customer(team["sales2"], {"name": "北京李氏科技"})
    services.customers.create_customer(team["outsider"], {"name": "北京外部公司"})
    assert names(services, team["sales1"]) == {"北京王记贸易"}
    assert names(services, team["sales1"], "北京") == {"北京王记贸易"}
    assert names(services, team["sales1"], "lishi") == set()  # another's customer: no hit
    assert services.customers.count_customers(team["sales1"], ListQuery()) == 1
    assert services.customers.count_customers(team["sales2"],
                                              ListQuery(search="beijing")) == 1


def test_the_manager_sees_the_team_but_not_other_teams(services: Services,
                                                       team: dict[str, Actor]) -> None:
    services.customers.create_customer(team["sales1"], {"name": "Alpha Trading"})
    services.customers.create_customer(team["sales2"], {"name": "Beta Trading"})
    services.customers.create_customer(team["outsider"], {"name": "Gamma Trading"})
    assert names(services, team["manager"], "trading") == {"Alpha Trading", "Beta Trading"}
    assert services.customers.count_customers(team["manager"], ListQuery()) == 2


def refusal(call: Callable[[], object]) -> tuple[type[Exception], str]:
    with pytest.raises(KehuError) as caught:
        call()
    return type(caught.value), str(caught.value)


def test_a_record_outside_the_scope_is_answered_as_a_missing_one(
        services: Services, team: dict[str, Actor]) -> None:
    """As a private repository is: "not found" (exit 1) for both, with the same words, so
    that neither a read nor an action tells the record exists."""
    theirs = services.customers.create_customer(team["sales2"], {"name": "Hidden Ltd"}).saved
    missing_id, missing_code = 10_000_000, "C999999"
    me, customers, contacts = team["sales1"], services.customers, services.contacts

    def same(call: Callable[[int, str, int], object]) -> None:
        hidden = refusal(lambda: call(theirs.id, theirs.code, theirs.version))
        missing = refusal(lambda: call(missing_id, missing_code, 1))
        assert hidden[0] is missing[0]  # a right the role lacks is refused alike
        assert (hidden[1].replace(theirs.code, "KEY").replace(str(theirs.id), "ID")
                == missing[1].replace(missing_code, "KEY").replace(str(missing_id), "ID"))
        assert "Hidden" not in hidden[1] and "sales2" not in hidden[1]

    same(lambda i, code, v: customers.get_customer(me, i))
    same(lambda i, code, v: customers.get_customer_by_code(me, code))
    same(lambda i, code, v: customers.get_customer_row(me, i))
    same(lambda i, code, v: customers.id_of(me, code))
    same(lambda i, code, v: customers.update_customer(me, i, v, {"city": "上海"}))
    same(lambda i, code, v: customers.archive_customer(me, i, v))
    same(lambda i, code, v: customers.history(me, i))
    same(lambda i, code, v: contacts.add_contact(me, i, {"name": "张三"}))
    same(lambda i, code, v: contacts.create(me, {"name": "张三", "customer": code}))
    same(lambda i, code, v: contacts.list_contacts(me, i))
    same(lambda i, code, v: contacts.list_page(me, ListQuery(filters=(("customer", code),))))
    assert refusal(lambda: customers.get_customer(me, theirs.id))[0] is NotFound
    assert refusal(lambda: customers.update_customer(me, theirs.id, theirs.version,
                                                     {"city": "上海"}))[0] is NotFound
    assert customers.get_customer(team["sales2"], theirs.id).city == ""


def test_a_salesperson_can_neither_hand_a_customer_on_nor_leave_it_unowned(
        services: Services, team: dict[str, Actor]) -> None:
    """Without the right to assign (a scope wider than their own) both are refused as
    rights (exit 3); the customer stays theirs."""
    me = team["sales1"]
    mine = services.customers.create_customer(me, {"name": "Mine Ltd"}).saved
    with pytest.raises(PermissionDenied):
        services.customers.assign_owner(me, mine.id, mine.version, team["sales2"].user_id)
    with pytest.raises(PermissionDenied):  # nor leave it without an owner, out of any scope
        services.customers.assign_owner(me, mine.id, mine.version, None)
    with pytest.raises(PermissionDenied):
        services.customers.update_customer(me, mine.id, mine.version, {"owner": None})
    assert services.customers.get_customer(me, mine.id).ref_id("owner") == me.user_id


def test_admin_and_auditor_see_everything(services: Services, admin: Actor,
                                          team: dict[str, Actor],
                                          make_user: Callable[..., Actor]) -> None:
    for who in ("sales1", "sales2", "outsider"):
        services.customers.create_customer(team[who], {"name": f"Firm of {who}"})
    auditor = make_user("auditor", roles=("auditor",))
    assert len(names(services, admin)) == 3
    assert len(names(services, auditor)) == 3
    with pytest.raises(PermissionDenied):
        services.customers.create_customer(auditor, {"name": "Auditors change nothing"})


def test_a_duplicate_outside_the_scope_is_told_without_its_code_name_or_owner(
        services: Services, team: dict[str, Actor]) -> None:
    theirs = services.customers.create_customer(
        team["outsider"], {"name": "重庆祥诚生物科技股份有限公司", "phone": "023-6666 8888",
                           "tax_id": "91500000MA5U7Y2K34"}).saved
    me = team["sales1"]
    for values, field in (({"phone": "023-6666 8888"}, "phone"),
                          ({"tax_id": "91500000MA5U7Y2K34"}, "tax_id"),
                          ({"name": "重庆祥诚生物科技股份有限公司"}, "name")):
        with pytest.raises(PossibleDuplicate) as caught:
            services.customers.create_customer(me, {"name": "Probe Ltd", **values})
        said = str(caught.value)
        assert caught.value.matches == [] and caught.value.hidden_fields == (field,)
        for secret in (theirs.code, "祥诚", "outsider", "Other team"):
            assert secret not in said or secret in str(values)
        assert "already exists that you cannot see; ask your manager" in said
    # The manager of another team learns no more than the salesperson.
    with pytest.raises(PossibleDuplicate) as caught:
        services.customers.create_customer(team["manager"], {"name": "P", "phone":
                                                             "023-6666 8888"})
    assert theirs.code not in str(caught.value)
    # Saving anyway is still the user's choice, and a duplicate in scope is named in full.
    mine = services.customers.create_customer(me, {"name": "Probe Ltd", "phone":
                                                   "023-6666 8888"},
                                              allow_duplicate=True).saved
    with pytest.raises(PossibleDuplicate) as caught:
        services.customers.create_customer(me, {"name": "Probe 2", "phone": "023-6666 8888"})
    assert [m.code for m in caught.value.matches] == [mine.code]
    assert caught.value.hidden_fields == ("phone",)
    assert mine.code in str(caught.value) and theirs.code not in str(caught.value)
    # Whoever sees all customers is told which they are.
    with pytest.raises(PossibleDuplicate) as caught:
        services.customers.create_customer(team["outsider"], {"name": "X", "phone":
                                                              "023-6666 8888"})
    assert {m.code for m in caught.value.matches} == {theirs.code}
