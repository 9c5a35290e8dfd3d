"""The contacts list (a customer's contacts; every contact the user may see)."""

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
            filters={"customer": c.customer_id, "is_primary": c.is_primary},
            scope=Customer.owner_id, joins=((Customer, Customer.id == c.customer_id),))
