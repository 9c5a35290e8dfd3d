"""A closed project is read-only until reopened (a right of its own); a salesperson sees
and adds projects of their own customers only."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.kit.errors import NotFound, PermissionDenied, ValidationError
from app.logic.kit.permissions import ACTIONS, MODULES, all_rights, module_actions
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD

Counts = Callable[[], dict[str, int]]


@pytest.fixture
def team(services: Services, admin: Actor, make_user: Callable[..., Actor]
         ) -> dict[str, Actor]:
    """A manager with sales1 and sales2 in the team, and a salesperson of another team."""
    dept = services.departments.create_department(admin, "华东销售部").saved
    for name, roles in (("manager", ("sales_manager",)), ("sales1", ("salesperson",)),
                        ("sales2", ("salesperson",)), ("outsider", ("salesperson",))):
        make_user(name, name.title(), roles=roles)
    by_name = {u.username: u for u in services.users.list_all_users(admin)}
    for name in ("manager", "sales1", "sales2"):
        user = by_name[name]
        services.users.update_user(admin, user.id, user.version, department_id=dept.id)
    services.departments.update_department(admin, dept.id, dept.version,
                                           manager_id=by_name["manager"].id)
    people = {name: services.auth.login(name, ADMIN_PASSWORD)
              for name in ("manager", "sales1", "sales2", "outsider")}
    return {**people, "admin": admin}


def customer_of(services: Services, actor: Actor, name: str) -> Record:
    return services.customers.create_customer(actor, {"name": name}).saved


def project(services: Services, actor: Actor, customer: Record, name: str,
            **values: object) -> Record:
    return services.projects.create_project(
        actor, {"name": name, "customer": customer.code, **values}).saved


def names(services: Services, actor: Actor, search: str = "") -> set[str]:
    return {r.name for r in services.projects.list_projects(
        actor, ListQuery(search=search), limit=500).rows}


# --- closed projects ---------------------------------------------------------------------------
@pytest.fixture
def done(services: Services, team: dict[str, Actor]) -> Record:
    mine = customer_of(services, team["sales1"], "北京王记贸易")
    started = project(services, team["sales1"], mine, "ERP 实施", stage="in_progress",
                      budget="80000.00")
    return services.projects.update_project(team["sales1"], started.id, started.version,
                                            {"stage": "completed"}).saved


def test_a_completed_or_cancelled_project_cannot_be_changed(
        services: Services, team: dict[str, Actor], done: Record, row_counts: Counts) -> None:
    before = row_counts()
    for actor in (team["sales1"], team["admin"]):
        with pytest.raises(ValidationError) as caught:
            services.projects.update_project(actor, done.id, done.version, {"budget": "1"})
        assert caught.value.errors["stage"].code == "closed"
        assert str(caught.value) == ("stage: project P000001 is completed: it is read-only "
                                     "until someone with the right to reopen it reopens it")
        # Not even back to an open stage by an edit: that is what reopening is for.
        with pytest.raises(ValidationError, match="read-only"):
            services.projects.update_project(actor, done.id, done.version,
                                             {"stage": "in_progress"})
    with pytest.raises(ValidationError, match="read-only"):  # archiving needs .delete
        services.projects.archive_project(team["admin"], done.id, done.version)
    assert row_counts() == before
    assert services.projects.get(team["admin"], done.id) == done


def test_reopening_needs_its_own_right(services: Services, team: dict[str, Actor],
                                       done: Record, row_counts: Counts) -> None:
    assert team["sales1"].can("projects", "edit")
    assert not team["sales1"].can("projects", "reopen")
    before = row_counts()
    with pytest.raises(PermissionDenied, match=r"projects\.reopen"):
        services.projects.reopen_project(team["sales1"], done.id, done.version)
    assert row_counts() == before


def test_a_manager_reopens_it_and_it_can_be_changed_again(
        services: Services, team: dict[str, Actor], done: Record,
        audit_log: Callable[[], list]) -> None:
    manager, sales1 = team["manager"], team["sales1"]
    changed = services.projects.reopen_project(manager, done.id, done.version)
    assert changed.action == "reopen"
    reopened = changed.saved
    assert (reopened.stage, reopened.version) == ("in_progress", done.version + 1)
    entry = audit_log()[-1]
    assert (entry.action, entry.entity_type, entry.username) == ("reopen", "project",
                                                                 "manager")
    assert entry.changes == {"stage": ["completed", "in_progress"]}
    edited = services.projects.update_project(sales1, done.id, reopened.version,
                                              {"budget": "90000.00"}).saved
    assert str(edited.budget) == "90000.00"
    with pytest.raises(ValidationError) as open_one:
        services.projects.reopen_project(manager, done.id, edited.version)
    assert open_one.value.errors["stage"].code == "not_closed"


def test_a_cancelled_project_reopens_and_an_archived_one_comes_back(
        services: Services, team: dict[str, Actor]) -> None:
    admin = team["admin"]
    customer = customer_of(services, admin, "Acme")
    p = project(services, admin, customer, "Lost bid", stage="proposal")
    p = services.projects.archive_project(admin, p.id, p.version).saved
    p = services.projects.update_project(admin, p.id, p.version, {"stage": "cancelled"}).saved
    restored = services.projects.restore_project(admin, p.id, p.version).saved
    assert not restored.archived and restored.stage == "cancelled"
    assert services.projects.reopen_project(admin, p.id, restored.version).saved.stage == \
        "in_progress"


def test_a_stale_reopen_is_a_conflict(services: Services, team: dict[str, Actor],
                                      done: Record) -> None:
    from app.logic.kit.errors import ConflictError

    with pytest.raises(ConflictError):
        services.projects.reopen_project(team["manager"], done.id, done.version - 1)


# --- the rights matrix -------------------------------------------------------------------------
def test_reopen_is_a_right_of_projects_only(services: Services, team: dict[str, Actor]
                                            ) -> None:
    assert module_actions("projects") == (*ACTIONS, "reopen")
    assert module_actions("customers") == ACTIONS
    roles = {r.code: r for r in services.roles.list_roles(team["admin"])}
    assert ("projects", "reopen") in roles["admin"].rights
    assert ("projects", "reopen") in roles["sales_manager"].rights
    assert ("projects", "reopen") not in roles["salesperson"].rights
    assert roles["admin"].rights == all_rights()
    # the matrix's columns for every module, and each module's own: projects' reopen,
    # feedback's five moves, activities' complete, sales' three order moves and the credit
    # override (an opportunity's moves between stages need sales.edit: no rights of their own)
    # and finance's credit terms, invoice issue and void, and customer value
    assert len(all_rights()) == len(MODULES) * len(ACTIONS) + 1 + 5 + 1 + 4 + 4


def test_a_role_is_given_reopen_and_never_an_action_its_module_lacks(
        services: Services, team: dict[str, Actor]) -> None:
    admin = team["admin"]
    role = services.roles.get_role(admin, "salesperson")
    given = services.roles.update_role(admin, "salesperson", role.version,
                                       rights={*role.rights, ("projects", "reopen")})
    assert ("projects", "reopen") in services.roles.get_role(admin, "salesperson").rights
    assert given.action == "update"
    again = services.roles.get_role(admin, "salesperson")
    with pytest.raises(ValidationError) as caught:
        services.roles.update_role(admin, "salesperson", again.version,
                                   rights={*again.rights, ("customers", "reopen")})
    assert str(caught.value) == "rights: unknown: customers.reopen"
    # A salesperson signing in now may reopen.
    sales1 = services.auth.login("sales1", ADMIN_PASSWORD)
    assert sales1.can("projects", "reopen")


# --- record scope ------------------------------------------------------------------------------
@pytest.fixture
def spread(services: Services, team: dict[str, Actor]) -> dict[str, Record]:
    """A customer of each salesperson with a project; sales2's project on sales1's customer
    owned by sales2 (the owner of a project is not who sees it: the customer's owner is)."""
    found: dict[str, Record] = {}
    for name in ("sales1", "sales2", "outsider"):
        customer = customer_of(services, team[name], f"{name} 客户")
        found[name] = project(services, team[name], customer, f"{name} 项目")
    mine = services.customers.list_customers(team["sales1"], ListQuery()).rows[0]
    found["helped"] = services.projects.create_project(
        team["admin"], {"name": "sales2 helps", "customer": mine.code, "owner": "sales2"}).saved
    return found


def test_a_salesperson_sees_the_projects_of_own_customers_only(
        services: Services, team: dict[str, Actor], spread: dict[str, Record]) -> None:
    assert names(services, team["sales1"]) == {"sales1 项目", "sales2 helps"}
    assert names(services, team["sales2"]) == {"sales2 项目"}  # owns one on sales1's customer
    assert names(services, team["sales1"], "项目") == {"sales1 项目"}
    assert services.projects.count(team["sales1"], ListQuery()) == 2
    assert services.projects.count(team["sales2"], ListQuery(search="helps")) == 0
    assert names(services, team["manager"]) == {"sales1 项目", "sales2 项目", "sales2 helps"}
    assert services.projects.count(team["manager"], ListQuery()) == 3
    assert len(names(services, team["admin"])) == 4
    assert 0 < services.projects.count(team["sales1"], ListQuery()) < \
        services.projects.count(team["admin"], ListQuery())


def test_another_salespersons_project_is_answered_as_a_missing_one(
        services: Services, team: dict[str, Actor], spread: dict[str, Record]) -> None:
    theirs = spread["sales2"]
    sales1 = team["sales1"]
    for call in (lambda: services.projects.get(sales1, theirs.id),
                 lambda: services.projects.get_project_by_code(sales1, theirs.code),
                 lambda: services.projects.update_project(sales1, theirs.id, theirs.version,
                                                          {"budget": "1"}),
                 lambda: services.projects.history(sales1, theirs.id)):
        with pytest.raises(NotFound):
            call()
    with pytest.raises(NotFound):
        services.projects.projects_of(sales1, theirs.ref_id("customer") or 0)


def test_a_salesperson_cannot_add_a_project_for_anothers_customer(
        services: Services, team: dict[str, Actor], spread: dict[str, Record],
        row_counts: Counts) -> None:
    theirs = spread["sales2"].customer.key
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        services.projects.create_project(team["sales1"], {"name": "Poach",
                                                          "customer": theirs})
    assert str(caught.value) == f"customer: no customer '{theirs}'"
    assert row_counts() == before
    # Nor move one of theirs over to it.
    mine = spread["sales1"]
    with pytest.raises(ValidationError, match="no customer"):
        services.projects.update_project(team["sales1"], mine.id, mine.version,
                                         {"customer": theirs})
    # The manager may: the customer is in the team.
    assert services.projects.create_project(
        team["manager"], {"name": "Team work", "customer": theirs}).saved.owner.key == "manager"


def test_the_customer_filter_cannot_name_a_customer_outside_the_scope(
        services: Services, team: dict[str, Actor], spread: dict[str, Record]) -> None:
    from app.logic.kit.errors import InvalidQuery

    theirs = spread["sales2"].customer.key
    with pytest.raises(InvalidQuery, match="no customer"):
        services.projects.list_projects(team["sales1"],
                                        ListQuery(filters=(("customer", theirs),)))


def test_the_customer_filter_offers_customers_with_projects_in_scope(
        services: Services, team: dict[str, Actor], spread: dict[str, Record]) -> None:
    customer_of(services, team["sales1"], "没有项目的客户")  # no project: not offered
    assert [r.label for r in services.projects.customer_choices(team["sales1"])] == [
        "sales1 客户"]
    assert [r.label for r in services.projects.customer_choices(team["admin"])] == [
        "outsider 客户", "sales1 客户", "sales2 客户"]
    assert [r.key for r in services.projects.customer_choices(team["admin"], limit=1)] == [
        spread["outsider"].customer.key]


def test_owners_offered_are_the_sales_users_and_the_signed_in_user(
        services: Services, team: dict[str, Actor]) -> None:
    assert [r.key for r in services.projects.owner_choices(team["admin"])] == [
        "admin", "manager", "outsider", "sales1", "sales2"]
    assert [r.key for r in services.projects.owner_choices(team["sales1"])] == [
        "manager", "outsider", "sales1", "sales2"]
