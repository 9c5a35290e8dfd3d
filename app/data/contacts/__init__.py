"""Contacts' data: the table and its repository. The module's public API."""

from sqlalchemy import select

from app.data.contacts.models import Contact
from app.data.contacts.queries import ContactQueries
from app.data.contacts.repository import ContactRepository
from app.data.customers import Customer
from app.data.kit.refs import RefTarget
from app.data.kit.registry import DataModule

__all__ = ["DATA", "Contact", "ContactQueries", "ContactRepository"]

DATA = DataModule("contacts", refs={"contact": RefTarget(
    Contact, Contact.name, Contact.name, scope="customers",
    owner=select(Customer.owner_id).where(Customer.id == Contact.customer_id)
    .scalar_subquery())})
