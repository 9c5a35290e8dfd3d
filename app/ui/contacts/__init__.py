"""Contacts' screens: the contacts of a record and the contact form."""
