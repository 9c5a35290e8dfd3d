"""Contacts' screens: the contacts of a record and the contact form. The module's public
API."""

from app.ui.contacts.contact_dialog import ContactDialog
from app.ui.contacts.contacts_tab import ContactsTab

__all__ = ["ContactDialog", "ContactsTab"]
