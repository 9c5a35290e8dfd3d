"""Contacts' data: the table and its repository. The module's public API."""

from sqlalchemy import case, select

from app.data.contacts.models import Contact
from app.data.contacts.queries import ContactQueries
from app.data.contacts.repository import ContactRepository
from app.data.customers import Customer
from app.data.kit.refs import RefTarget
from app.data.kit.registry import DataModule

__all__ = ["DATA", "Contact", "ContactQueries", "ContactRepository"]

# A customer's contact counts among its customer's owner's records; a supplier's follows the
# suppliers' view right (suppliers have no owner).
DATA = DataModule("contacts", refs={"contact": RefTarget(
    Contact, Contact.name, Contact.name,
    scope=case((Contact.supplier_id.is_not(None), "suppliers"), else_="customers"),
    owner=select(Customer.owner_id).where(Customer.id == Contact.customer_id)
    .scalar_subquery(), unowned=frozenset({"suppliers"}))})
