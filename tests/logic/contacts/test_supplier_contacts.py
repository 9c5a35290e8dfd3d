"""One contacts component for customers and suppliers: a contact belongs to exactly one of
them, each has its own primary contact, and who sees a contact follows its parent: a
customer's contacts the customers' record scope, a supplier's the suppliers' rights."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from app.data.contacts import Contact
from app.data.database import Database
from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.kit.errors import NotFound, PermissionDenied, ValidationError
from app.logic.services import Services

Counts = Callable[[], dict[str, int]]


@pytest.fixture
def supplier(services: Services, admin: Actor) -> Record:
    return services.suppliers.create_supplier(admin, {"name": "Exotic Liquids",
                                                      "country": "UK"}).saved


def people(services: Services, actor: Actor, **query: object) -> set[str]:
    return {r.name for r in services.contacts.list_page(actor, ListQuery(**query),
                                                        limit=500).rows}


# --- the parent rule ---------------------------------------------------------------------------
def test_a_contact_belongs_to_a_customer_or_a_supplier_not_both_nor_none(
        services: Services, admin: Actor, supplier: Record, row_counts: Counts) -> None:
    customer = services.customers.create_customer(admin, {"name": "Acme"}).saved
    before = row_counts()
    for values, errors in (({"name": "X"}, {"customer": "required"}),
                           ({"name": "X", "customer": customer.id, "supplier": supplier.id},
                            {"supplier": "one_parent"}),
                           ({"name": "X", "supplier": "S000999"},
                            {"supplier": "unknown_supplier"})):
        with pytest.raises(ValidationError) as caught:
            services.contacts.create(admin, values)
        assert {k: e.code for k, e in caught.value.errors.items()} == errors
    assert row_counts() == before
    made = services.contacts.create(admin, {"name": "Y", "supplier": "s000001"}).saved
    assert made.ref("supplier").key == "S000001" and made.customer is None


def test_the_database_holds_the_rule_too(db: Database, supplier: Record) -> None:
    with db.engine.connect() as conn:
        with pytest.raises(IntegrityError, match="one_parent"):
            conn.execute(insert(Contact).values(name="nobody's", version=1))
        conn.rollback()


def test_a_contact_stays_with_its_parent(services: Services, admin: Actor,
                                         supplier: Record) -> None:
    customer = services.customers.create_customer(admin, {"name": "Acme"}).saved
    contact = services.contacts.add_contact(admin, supplier.id, {"name": "Cooper"},
                                            parent="supplier").saved
    for change, field in (({"supplier": services.suppliers.create_supplier(
            admin, {"name": "Other"}).saved.id}, "supplier"),
            ({"customer": customer.id}, "customer")):
        with pytest.raises(ValidationError) as caught:
            services.contacts.update_contact(admin, contact.id, contact.version, change)
        assert set(caught.value.errors) == {field}


def test_each_supplier_and_customer_has_its_own_primary_contact(
        services: Services, admin: Actor, supplier: Record) -> None:
    customer = services.customers.create_customer(admin, {"name": "Acme"}).saved
    other = services.suppliers.create_supplier(admin, {"name": "Tokyo Traders"}).saved
    add = services.contacts.add_contact
    first = add(admin, supplier.id, {"name": "Cooper"}, "supplier").saved
    add(admin, customer.id, {"name": "Anders"})
    add(admin, other.id, {"name": "Nagase"}, "supplier")
    second = add(admin, supplier.id, {"name": "Burke", "is_primary": True}, "supplier").saved

    def primaries() -> set[str]:
        return {c.name for kind, parent in (("supplier", supplier.id), ("customer", customer.id),
                                            ("supplier", other.id))
                for c in services.contacts.list_contacts(admin, parent, kind) if c.is_primary}

    assert first.is_primary and primaries() == {"Burke", "Anders", "Nagase"}
    services.contacts.remove_contact(admin, second.id, second.version)
    assert primaries() == {"Cooper", "Anders", "Nagase"}


def test_a_new_supplier_with_its_contacts_is_one_transaction(
        services: Services, admin: Actor, row_counts: Counts) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        services.suppliers.create_supplier(admin, {"name": "A"}, contacts=[
            {"name": "Good"}, {"name": "Bad", "email": "nope"}])
    assert set(caught.value.errors) == {"contacts.email"}
    assert row_counts() == before
    made = services.suppliers.create_supplier(admin, {"name": "A"}, contacts=[
        {"name": "One"}, {"name": "Two", "is_primary": True}]).saved
    assert [(c.name, c.is_primary) for c in made.children["contacts"]] == [
        ("One", False), ("Two", True)]


# --- who sees and changes which contacts -------------------------------------------------------
@pytest.fixture
def world(services: Services, admin: Actor, supplier: Record,
          make_user: Callable[..., Actor]) -> dict[str, Actor]:
    """sales1 owns 甲公司; a supplier with a contact; a purchasing role that may edit
    suppliers and their contacts but has no customers right."""
    sales = make_user("sales1", roles=("salesperson",))
    mine = services.customers.create_customer(sales, {"name": "甲公司"}).saved
    services.contacts.add_contact(sales, mine.id, {"name": "客户联系人"})
    theirs = services.customers.create_customer(admin, {"name": "乙公司"}).saved
    services.contacts.add_contact(admin, theirs.id, {"name": "别人的联系人"})
    services.contacts.add_contact(admin, supplier.id, {"name": "供应商联系人"}, "supplier")
    role = services.roles.create_role(admin, "purchasing", "Purchasing").saved
    services.roles.update_role(admin, "purchasing", role.version, rights=[
        *(("suppliers", a) for a in ("view", "create", "edit")),
        *(("contacts", a) for a in ("view", "create", "edit", "delete"))])
    return {"sales": sales, "manager": make_user("manager", roles=("sales_manager",)),
            "finance": make_user("finance", roles=("finance",)),
            "buyer": make_user("buyer", roles=("purchasing",)), "admin": admin}


def test_the_contacts_list_follows_each_parent(services: Services,
                                               world: dict[str, Actor]) -> None:
    everyone = {"客户联系人", "别人的联系人", "供应商联系人"}
    assert people(services, world["admin"]) == everyone
    # A salesperson: their own customers' contacts only (no suppliers right).
    assert people(services, world["sales"]) == {"客户联系人"}
    # Finance sees all customers but may not view suppliers.
    assert people(services, world["finance"]) == {"客户联系人", "别人的联系人"}
    # A sales manager (team scope, no team yet; suppliers view): the suppliers'.
    assert people(services, world["manager"]) == {"供应商联系人"}
    # A buyer: suppliers only (customers' contacts need the customers' scope).
    assert people(services, world["buyer"]) == {"供应商联系人"}
    for actor, count in ((world["admin"], 3), (world["sales"], 1), (world["finance"], 2),
                         (world["buyer"], 1)):
        assert services.contacts.count(actor, ListQuery()) == count
    assert people(services, world["admin"], filters=(("supplier", "S000001"),)) == {
        "供应商联系人"}


def test_reading_one_contact_follows_its_parent(services: Services, supplier: Record,
                                                world: dict[str, Actor]) -> None:
    [contact] = services.contacts.list_contacts(world["admin"], supplier.id, "supplier")
    assert services.contacts.get(world["manager"], contact.id).name == "供应商联系人"
    assert services.contacts.get(world["buyer"], contact.id).name == "供应商联系人"
    for actor in (world["sales"], world["finance"]):
        with pytest.raises(NotFound):  # as if it did not exist
            services.contacts.get(actor, contact.id)
        with pytest.raises(NotFound):
            services.contacts.list_contacts(actor, supplier.id, "supplier")
    customer_contact = next(c for c in services.contacts.list_page(
        world["admin"], ListQuery(), limit=10).rows if c.name == "客户联系人")
    with pytest.raises(NotFound):
        services.contacts.get(world["buyer"], customer_contact.id)


def test_changing_a_suppliers_contacts_needs_the_right_to_edit_suppliers(
        services: Services, supplier: Record, world: dict[str, Actor],
        row_counts: Counts) -> None:
    [contact] = services.contacts.list_contacts(world["admin"], supplier.id, "supplier")
    manager = world["manager"]  # contacts rights, suppliers view only
    before = row_counts()
    for write in (lambda: services.contacts.add_contact(manager, supplier.id, {"name": "X"},
                                                        "supplier"),
                  lambda: services.contacts.update_contact(manager, contact.id,
                                                           contact.version, {"phone": "123"}),
                  lambda: services.contacts.remove_contact(manager, contact.id,
                                                           contact.version)):
        with pytest.raises(PermissionDenied, match=r"suppliers\.edit"):
            write()
    assert row_counts() == before
    buyer = world["buyer"]
    added = services.contacts.add_contact(buyer, supplier.id, {"name": "Burke"},
                                          "supplier").saved
    services.contacts.set_primary_contact(buyer, added.id, added.version)
    assert [c.name for c in services.contacts.list_contacts(buyer, supplier.id, "supplier")
            if c.is_primary] == ["Burke"]


def test_a_supplier_contact_is_referred_to_by_who_may_see_it(
        services: Services, supplier: Record, world: dict[str, Actor]) -> None:
    """The contact's reference target says whose rights govern each contact (the filters
    and fields that name a contact: feedback tickets later)."""
    [contact] = services.contacts.list_contacts(world["admin"], supplier.id, "supplier")
    refs = services.contacts._may_refer  # the kit's rule for every reference field
    with services.contacts._open(world["admin"], write=False) as uow:
        assert refs(uow, world["buyer"], "contact", contact.id)
        assert refs(uow, world["manager"], "contact", contact.id)
        assert not refs(uow, world["finance"], "contact", contact.id)
        assert not refs(uow, world["sales"], "contact", contact.id)
