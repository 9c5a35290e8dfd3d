"""The words for the logic layer's error codes, and field names wherever they appear.

The logic layer reports problems as stable codes (``FieldError.code``) with an English
message; this is the one place that turns codes into words for the user. Field names and
choice values come from the field declarations (``app.logic.kit.fields``), in the language
``tr()`` is showing.
"""

from __future__ import annotations

from functools import cached_property

from PySide6.QtCore import QObject

from app.logic.kit.entity import Entity
from app.logic.kit.errors import FieldError
from app.logic.kit.registry import entities
from app.ui.kit.language import ui_language


class Messages(QObject):
    """Build one per language; texts are looked up once and cached."""

    def field_error(self, error: FieldError) -> str:
        return self._errors.get(error.code, error.message)

    def field_label(self, name: str, entity: Entity | None = None) -> str:
        """A field's name in the UI language: the entity's, else the first entity that
        has a field called so, else the name itself."""
        language = ui_language()
        if entity is not None and entity.has(name):
            return entity.field(name).caption(language)
        for other in entities().values():
            if other.has(name):
                return other.field(name).caption(language)
        return self._extra.get(name, name)

    @cached_property
    def _extra(self) -> dict[str, str]:
        return {"password": self.tr("Password"), "user": self.tr("User"),
                "role": self.tr("Role"), "rights": self.tr("Rights"),
                "scopes": self.tr("Record scope"), "database": self.tr("Database"),
                "archived": self.tr("Archived"), "record": self.tr("Record"),
                "old_password": self.tr("Current password")}

    @cached_property
    def _errors(self) -> dict[str, str]:
        return {
            "required": self.tr("This field is required."),
            "too_long": self.tr("This text is too long."),
            "too_short": self.tr("This text is too short."),
            "control_chars": self.tr("Remove the control characters."),
            "invisible_chars": self.tr("Remove the invisible or direction-changing "
                                       "characters."),
            "invalid_email": self.tr("Not a valid e-mail address."),
            "invalid_phone": self.tr("Not a valid phone number."),
            "invalid_postal_code": self.tr("Not a valid postal code."),
            "invalid_website": self.tr("Not a valid web address."),
            "invalid_uscc": self.tr("Not a valid unified social credit code (check digit)."),
            "invalid_tax_id": self.tr("Enter a unified social credit code or tax ID."),
            "invalid_code": self.tr("Use letters, digits, - and _ (at most 20)."),
            "invalid_date": self.tr("Enter a date like 1990-05-31."),
            "invalid_choice": self.tr("Choose one of the listed values."),
            "invalid_username": self.tr("Use letters, digits and . _ - @ only."),
            "negative": self.tr("Must not be negative."),
            "not_a_number": self.tr("Enter an amount like 50000.00."),
            "not_an_integer": self.tr("Enter a whole number."),
            "not_a_boolean": self.tr("Choose yes or no."),
            "out_of_range": self.tr("The number is out of range."),
            "too_precise": self.tr("At most two decimal places."),
            "too_large": self.tr("The amount is too large."),
            "duplicate_code": self.tr("This code is already used."),
            "duplicate_username": self.tr("This user name is already taken."),
            "unknown_user": self.tr("Not an active user."),
            "unknown_field": self.tr("Unknown field."),
            "no_change": self.tr("Nothing to change."),
            "duplicate_name": self.tr("This name is already used."),
            "common_password": self.tr("This password is too common; choose another."),
            "same_password": self.tr("The new password must differ from the current one."),
            "wrong_password": self.tr("This is not your current password."),
            "in_use": self.tr("Still in use."),
            "last_admin": self.tr("The last administrator cannot be removed."),
            "self": self.tr("You cannot do this to your own account."),
            "unknown_role": self.tr("Unknown role."),
            "unknown_right": self.tr("Unknown right."),
            "invalid_scope": self.tr("Not a valid record scope."),
            "unknown_department": self.tr("Unknown department."),
            "unknown_customer": self.tr("No such customer."),
            "not_a_salesperson": self.tr("Only active users with a sales role can own "
                                         "customers."),
            "read_only": self.tr("This field cannot be changed."),
            "duplicate": self.tr("This value is already used."),
            "has_users": self.tr("This database already has users."),
            "has_demo_users": self.tr("This database already has the demo users."),
            "has_history": self.tr("This user has written records; disable the account "
                                   "instead."),
            "password_mismatch": self.tr("The two passwords are not the same."),
            "before_start": self.tr("The end must not be before the start."),
            "closed": self.tr("It is completed or cancelled: reopen it before changing it."),
            "not_closed": self.tr("It is not completed or cancelled: nothing to reopen."),
            "supplied": self.tr("This supplier supplies this product already."),
            "one_parent": self.tr("A contact belongs to a customer or a supplier, not both."),
            "unknown_supplier": self.tr("No such supplier."),
            "unknown_product": self.tr("No such product."),
            "inactive_product": self.tr("This product is inactive: it cannot go on a new "
                                        "order."),
            "archived_product": self.tr("This product is archived: it cannot go on a new "
                                        "order."),
            "not_allowed": self.tr("This move is not possible from the record's state now."),
            "not_settable": self.tr("This move cannot set this field."),
            "exists": self.tr("A record with this key exists already (choose skip or "
                              "update)."),
            "possible_duplicate": self.tr("May be a duplicate of an existing record (the "
                                          "same name, phone or tax ID)."),
            "changed_meanwhile": self.tr("Changed in Kehu since the export as well: not "
                                         "overwritten."),
        }
