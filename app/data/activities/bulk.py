"""How activities are loaded in bulk (the demo, with the customers): see
app/data/kit/bulk.py."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select, update

from app.data.activities.models import Activity
from app.data.contacts import Contact
from app.data.kit.bulk import BulkTable

# Kept during a big load: the activities come in the customers' order, so a new row's key
# lands at the end of its customer. The others take keys in random order: dropped and built
# again at the end. Activities have no code (``sequence`` is not used).
ACTIVITY_BULK = BulkTable(table="activities", sequence="", fts_tables={},
                          appended_indexes=frozenset({"ix_activities_customer"}))


def link_primary_contacts(connection: Any, kinds: Collection[str], first_id: int) -> None:
    """Each activity of ``kinds`` from id ``first_id`` on without a contact gets its
    customer's primary contact (the demo makes activities before their contacts have ids),
    in the load's transaction."""
    primary = (select(Contact.id).where(Contact.customer_id == Activity.customer_id,
                                        Contact.is_primary.is_(True))
               .order_by(Contact.id).limit(1).scalar_subquery())
    connection.execute(update(Activity).where(Activity.id >= first_id,
                                              Activity.contact_id.is_(None),
                                              Activity.kind.in_(list(kinds)))
                       # keeping its time of change (else the column's onupdate: now)
                       .values(contact_id=primary, updated_at=Activity.updated_at))
