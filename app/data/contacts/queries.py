"""The contacts list (a customer's or supplier's contacts; every contact the user may see)."""

from __future__ import annotations

from functools import cache

from app.data.contacts.models import Contact
from app.data.customers import Customer
from app.data.kit.keyset import KeysetQueries, ListSpec


class ContactQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        c = Contact
        names = ("name", "gender", "position", "department", "phone", "mobile", "email",
                 "im_handle", "birthday", "is_primary")
        return ListSpec(
            model=c, columns={n: getattr(c, n) for n in names},
            sorts={"id": c.id, "name": c.name},
            filters={"customer": c.customer_id, "supplier": c.supplier_id,
                     "is_primary": c.is_primary},
            # A customer's contacts count among its owner's records; a supplier's (no
            # customer: the outer join leaves no owner) are seen by whoever may view
            # suppliers.
            scope=Customer.owner_id, joins=((Customer, Customer.id == c.customer_id),),
            unowned={"suppliers": c.supplier_id.is_not(None)})
