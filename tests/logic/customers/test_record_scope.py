"""Record scope: lists, search, counts and direct reads all obey own / team / all."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.errors import PermissionDenied
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


def test_reads_and_writes_outside_the_scope_are_refused(services: Services,
                                                        team: dict[str, Actor]) -> None:
    theirs = services.customers.create_customer(team["sales2"], {"name": "Hidden Ltd"}).saved
    me = team["sales1"]
    with pytest.raises(PermissionDenied):
        services.customers.get_customer(me, theirs.id)
    with pytest.raises(PermissionDenied):
        services.customers.get_customer_by_code(me, theirs.code)
    with pytest.raises(PermissionDenied):
        services.customers.update_customer(me, theirs.id, theirs.version, {"city": "上海"})
    with pytest.raises(PermissionDenied):
        services.contacts.add_contact(me, theirs.id, {"name": "张三"})
    with pytest.raises(PermissionDenied):
        services.contacts.list_contacts(me, theirs.id)
    # nor can a salesperson hand a customer to someone else
    mine = services.customers.create_customer(me, {"name": "Mine Ltd"}).saved
    with pytest.raises(PermissionDenied):
        services.customers.assign_owner(me, mine.id, mine.version, theirs.ref_id("owner"))
    with pytest.raises(PermissionDenied):  # nor leave it without an owner, out of any scope
        services.customers.assign_owner(me, mine.id, mine.version, None)
    assert services.customers.get_customer(team["sales2"], theirs.id).city == ""


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
