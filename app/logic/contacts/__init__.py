"""Contacts: the people at a customer or a supplier. The module's public API."""

from app.logic.contacts.fields import CONTACT, GENDERS
from app.logic.contacts.new import NewContacts, contact_values
from app.logic.contacts.parents import PARENTS, Parent, parent_kind
from app.logic.contacts.service import ContactService
from app.logic.kit.registry import LogicModule

__all__ = ["CONTACT", "GENDERS", "MODULE", "PARENTS", "ContactService", "NewContacts",
           "Parent", "contact_values", "parent_kind"]

MODULE = LogicModule("contacts", services={"contacts": ContactService}, entities=(CONTACT,))
