"""Contacts: the people at a customer. The module's public API."""

from app.logic.contacts.fields import CONTACT, GENDERS
from app.logic.contacts.service import ContactService
from app.logic.kit.registry import LogicModule

__all__ = ["CONTACT", "GENDERS", "MODULE", "ContactService"]

MODULE = LogicModule("contacts", services={"contacts": ContactService}, entities=(CONTACT,))
