"""How feedback tickets are loaded in bulk (the demo, with the customers): see
app/data/kit/bulk.py."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select, update

from app.data.contacts import Contact
from app.data.feedback.models import Feedback
from app.data.kit.bulk import BulkTable

# Kept during a big load: the tickets come in the customers' order, so a new row's key
# lands at the end of its customer or of the numbers. The others take keys in random order:
# dropped and built again at the end.
FEEDBACK_BULK = BulkTable(
    table="feedback", sequence="feedback", fts_tables={},
    appended_indexes=frozenset({"ix_feedback_customer", "ix_feedback_list_number"}))


def link_primary_contacts(connection: Any, channels: Collection[str], first_id: int = 1
                          ) -> None:
    """Each ticket from id ``first_id`` on (those a load added) without a contact that came
    by one of ``channels`` gets its customer's primary contact (the demo makes tickets
    before their contacts have ids), in the load's transaction."""
    primary = (select(Contact.id).where(Contact.customer_id == Feedback.customer_id,
                                        Contact.is_primary.is_(True))
               .order_by(Contact.id).limit(1).scalar_subquery())
    connection.execute(update(Feedback).where(Feedback.id >= first_id,
                                              Feedback.contact_id.is_(None),
                                              Feedback.channel.in_(list(channels)))
                       # keeping its time of change (else the column's onupdate: now)
                       .values(contact_id=primary, updated_at=Feedback.updated_at))
