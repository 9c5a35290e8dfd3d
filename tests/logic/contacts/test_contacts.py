"""Contacts: added, edited and removed under a customer, with exactly one primary contact."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.kit.errors import ConflictError, NotFound, ValidationError
from app.logic.services import Services

Counts = Callable[[], dict[str, int]]


@pytest.fixture
def customer(services: Services, admin: Actor) -> Record:
    return services.customers.create_customer(admin, {"name": "北京科技有限公司"}).saved


def primaries(services: Services, admin: Actor, customer_id: int) -> list[str]:
    return [c.name for c in services.contacts.list_contacts(admin, customer_id) if c.is_primary]


def add(services: Services, admin: Actor, customer: Record, name: str,
        **values: object) -> Record:
    return services.contacts.add_contact(admin, customer.id, {"name": name, **values}).saved


def test_the_first_contact_becomes_primary(services: Services, admin: Actor,
                                           customer: Record) -> None:
    first = add(services, admin, customer, "王伟", mobile="13812345678", is_primary=False)
    second = add(services, admin, customer, "Pat O'Brien")
    assert first.is_primary and not second.is_primary
    assert first.ref_id("customer") == customer.id and first.version == 1
    assert first.customer.key == customer.code  # a reference names the customer by code
    assert primaries(services, admin, customer.id) == ["王伟"]


def test_adding_a_primary_contact_takes_over(services: Services, admin: Actor,
                                             customer: Record) -> None:
    add(services, admin, customer, "王伟")
    add(services, admin, customer, "李娜", is_primary=True)
    assert primaries(services, admin, customer.id) == ["李娜"]


def test_setting_the_primary_leaves_exactly_one(services: Services, admin: Actor,
                                                customer: Record) -> None:
    add(services, admin, customer, "王伟")
    li = add(services, admin, customer, "李娜")
    zhang = add(services, admin, customer, "张敏")
    services.contacts.set_primary_contact(admin, li.id, li.version)
    assert primaries(services, admin, customer.id) == ["李娜"]
    services.contacts.set_primary_contact(admin, zhang.id, zhang.version)
    assert primaries(services, admin, customer.id) == ["张敏"]


def test_updating_a_contact(services: Services, admin: Actor,
                            customer: Record) -> None:
    wang = add(services, admin, customer, "王伟")
    changed = services.contacts.update_contact(admin, wang.id, wang.version,
                                               {"position": "总经理", "birthday": "1980-02-29",
                                                "email": "wang@example.cn"})
    assert changed.related == (("customer", customer.id),)  # the customer's screens refresh
    updated = changed.saved
    assert (updated.position, str(updated.birthday), updated.email) == (
        "总经理", "1980-02-29", "wang@example.cn")
    assert updated.version == wang.version + 1
    assert services.contacts.list_contacts(admin, customer.id) == [updated]


@pytest.mark.parametrize(("values", "errors"), [
    ({"name": ""}, {"name": "required"}),
    ({"mobile": "mobile?"}, {"mobile": "invalid_phone"}),
    ({"email": "wang@"}, {"email": "invalid_email"}),
    ({"birthday": "1980-02-30"}, {"birthday": "invalid_date"}),
    ({"gender": "x"}, {"gender": "invalid_choice"}),
    ({"shoe_size": "42"}, {"shoe_size": "unknown_field"}),
])
def test_invalid_contact_values_are_refused_and_nothing_changes(
        services: Services, admin: Actor, customer: Record, row_counts: Counts,
        values: dict[str, str], errors: dict[str, str]) -> None:
    wang = add(services, admin, customer, "王伟")
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        services.contacts.update_contact(admin, wang.id, wang.version, values)
    assert {f: e.code for f, e in caught.value.errors.items()} == errors
    with pytest.raises(ValidationError):
        services.contacts.add_contact(admin, customer.id, {"name": "New", **values})
    assert row_counts() == before
    assert services.contacts.list_contacts(admin, customer.id) == [wang]


def test_a_contact_needs_a_name_and_an_existing_customer(services: Services,
                                                          admin: Actor) -> None:
    with pytest.raises(ValidationError, match="name"):
        services.contacts.add_contact(admin, 1, {"mobile": "13812345678"})
    # The customer is a reference field: one that does not exist is a field error.
    with pytest.raises(ValidationError) as caught:
        services.contacts.add_contact(admin, 424242, {"name": "王伟"})
    assert {f: e.code for f, e in caught.value.errors.items()} == {
        "customer": "unknown_customer"}


def test_removing_the_primary_passes_it_to_another(services: Services, admin: Actor,
                                                   customer: Record) -> None:
    wang = add(services, admin, customer, "王伟")
    add(services, admin, customer, "李娜")
    add(services, admin, customer, "张敏")
    services.contacts.remove_contact(admin, wang.id, wang.version)
    remaining = services.contacts.list_contacts(admin, customer.id)
    assert [c.name for c in remaining] == ["李娜", "张敏"]
    assert [c.name for c in remaining if c.is_primary] == ["李娜"]


def test_removing_the_last_contact(services: Services, admin: Actor,
                                   customer: Record) -> None:
    wang = add(services, admin, customer, "王伟")
    services.contacts.remove_contact(admin, wang.id, wang.version)
    assert services.contacts.list_contacts(admin, customer.id) == []
    with pytest.raises(NotFound):
        services.contacts.update_contact(admin, wang.id, wang.version, {"position": "x"})


def test_contact_edits_do_not_bump_the_customer_version(services: Services, admin: Actor,
                                                        customer: Record) -> None:
    """Someone editing the customer's own fields must not conflict with contact edits."""
    wang = add(services, admin, customer, "王伟")
    li = add(services, admin, customer, "李娜")
    wang = services.contacts.update_contact(admin, wang.id, wang.version,
                                            {"position": "经理"}).saved
    services.contacts.set_primary_contact(admin, li.id, li.version)  # wang loses it: v3
    services.contacts.remove_contact(admin, wang.id, wang.version + 1)
    now = services.customers.get_customer(admin, customer.id)
    assert now.version == customer.version
    assert now.updated_at == customer.updated_at
    edited = services.customers.update_customer(admin, customer.id, customer.version,
                                                {"city": "北京"}).saved
    assert edited.version == customer.version + 1


def test_a_stale_contact_edit_is_a_conflict_and_changes_nothing(
        services: Services, admin: Actor, customer: Record, row_counts: Counts) -> None:
    wang = add(services, admin, customer, "王伟")
    theirs = services.contacts.update_contact(admin, wang.id, wang.version,
                                              {"position": "经理"}).saved
    before = row_counts()
    with pytest.raises(ConflictError) as caught:
        services.contacts.update_contact(admin, wang.id, wang.version, {"position": "总监"})
    assert caught.value.entity == "contact"
    assert (caught.value.expected_version, caught.value.current_version) == (1, 2)
    assert caught.value.changed_by == "Ada Admin"
    assert caught.value.theirs["position"] == "经理"
    with pytest.raises(ConflictError):
        services.contacts.remove_contact(admin, wang.id, wang.version)
    with pytest.raises(ConflictError):
        services.contacts.set_primary_contact(admin, wang.id, wang.version)
    assert row_counts() == before
    assert services.contacts.list_contacts(admin, customer.id) == [theirs]


def test_contacts_are_found_by_the_customer_search(services: Services, admin: Actor,
                                                   customer: Record) -> None:
    wang = add(services, admin, customer, "欧阳娜娜", mobile="13912345678")
    found = services.customers.list_customers(admin, ListQuery(search="13912345678"))
    assert [r.id for r in found.rows] == [customer.id]
    services.contacts.remove_contact(admin, wang.id, wang.version)
    found = services.customers.list_customers(admin, ListQuery(search="13912345678"))
    assert found.rows == ()
