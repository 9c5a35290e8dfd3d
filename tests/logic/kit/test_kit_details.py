"""Smaller promises of the kit: references by key whatever the case of a code, the column a
unique violation names on every database, rights checked when a row stream is asked for,
rights and scopes read as words."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.data.database import Database
from app.data.kit.uow import unique_column
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.errors import PermissionDenied
from app.logic.kit.trail import value_text
from app.logic.services import Services


def test_a_customer_is_named_by_its_code_in_any_case(services: Services, admin: Actor) -> None:
    customer = services.customers.create_customer(admin, {"name": "Case Test Ltd"}).saved
    contact = services.contacts.create(admin, {"name": "Li Na",
                                               "customer": customer.code.lower()}).saved
    assert contact.ref_id("customer") == customer.id


@pytest.mark.parametrize(("message", "column"), [
    ("UNIQUE constraint failed: customers.code", "code"),
    ('duplicate key value violates unique constraint "uq_customers_code"', "code"),
    ('duplicate key value violates unique constraint "uq_settings_groups_name"', "name"),
    ("Violation of UNIQUE KEY constraint 'uq_code_sequences_name'. Cannot insert", "name"),
    ("something else went wrong", ""),
])
def test_a_unique_violation_names_its_column(db: Database, message: str, column: str) -> None:
    # Table names hold underscores (settings_groups): the constraint is looked up by name.
    assert unique_column(message) == column


def test_a_row_stream_checks_the_right_when_asked_for(services: Services, admin: Actor) -> None:
    nobody = Actor(user_id=admin.user_id, username=admin.username)  # no rights at all
    with pytest.raises(PermissionDenied):
        services.customers.rows(nobody, ListQuery())  # before any row is read


def test_rights_and_scopes_read_as_words() -> None:
    assert value_text(None, "rights", ["customers.view", "audit.export"], "zh_CN") == \
        "客户：查看、审计日志：导出"
    assert value_text(None, "rights", ["customers.view"], "en") == "Customers: View"
    assert value_text(None, "scopes", {"customers": "team"}, "zh_CN") == "客户：团队记录"
    assert value_text(None, "rights", ["nosuch.thing"], "en") == "nosuch.thing"


def test_contacts_only_for_those_who_may_view_contacts(
        services: Services, admin: Actor, make_user: Callable[..., Actor]) -> None:
    customer = services.customers.create_customer(
        admin, {"name": "Secret Contacts Ltd"},
        contacts=[{"name": "王伟", "mobile": "13800000000"}]).saved
    assert [c.name for c in services.customers.get(admin, customer.id).children["contacts"]] \
        == ["王伟"]
    services.roles.create_role(admin, "customer_reader", "Customer reader")
    role = services.roles.get_role(admin, "customer_reader")
    services.roles.update_role(admin, "customer_reader", role.version,
                               rights={("customers", "view")}, scopes={"customers": "all"})
    reader = make_user("reader", roles=("customer_reader",))
    seen = services.customers.get(reader, customer.id)
    assert seen.name == "Secret Contacts Ltd"
    assert seen.children["contacts"] == ()
