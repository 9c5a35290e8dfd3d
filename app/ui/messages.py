"""Every translated label the screens share: field names, choice values, error codes.

The logic layer reports problems as stable codes (``FieldError.code``) with an English
message; this is the one place that turns codes and stored values into words for the user.
"""

from __future__ import annotations

from functools import cached_property

from PySide6.QtCore import QObject

from app.logic.errors import FieldError


class Messages(QObject):
    """Build one per language; texts are looked up once and cached."""

    def field_error(self, error: FieldError) -> str:
        return self._errors.get(error.code, error.message)

    def field_label(self, name: str) -> str:
        return self._fields.get(name, name)

    def choice(self, value: str) -> str:
        """The label of a stored choice value (status, tier, kind ...); unknown values as-is."""
        return self._choices.get(value, value)

    @cached_property
    def _errors(self) -> dict[str, str]:
        return {
            "required": self.tr("This field is required."),
            "too_long": self.tr("This text is too long."),
            "too_short": self.tr("This text is too short."),
            "control_chars": self.tr("Remove the control characters."),
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
        }

    @cached_property
    def _fields(self) -> dict[str, str]:
        return {
            "code": self.tr("Code"), "name": self.tr("Name"),
            "username": self.tr("User name"), "display_name": self.tr("Display name"),
            "password": self.tr("Password"),
            "short_name": self.tr("Short name"), "kind": self.tr("Kind"),
            "ownership": self.tr("Ownership"), "industry": self.tr("Industry"),
            "size_band": self.tr("Size"), "province": self.tr("Province"),
            "city": self.tr("City"), "address": self.tr("Address"),
            "postal_code": self.tr("Postal code"), "phone": self.tr("Phone"),
            "fax": self.tr("Fax"), "email": self.tr("E-mail"), "website": self.tr("Website"),
            "tax_id": self.tr("Tax ID / USCC"), "bank_name": self.tr("Bank"),
            "bank_account": self.tr("Bank account"), "source": self.tr("Source"),
            "status": self.tr("Status"), "tier": self.tr("Tier"),
            "tier_override": self.tr("Set tier by hand"),
            "credit_rating": self.tr("Credit rating"), "credit_limit": self.tr("Credit limit"),
            "payment_terms_days": self.tr("Payment terms (days)"),
            "owner_id": self.tr("Owner"), "owner": self.tr("Owner"), "tags": self.tr("Tags"),
            "notes": self.tr("Notes"), "updated": self.tr("Updated"),
            "gender": self.tr("Gender"), "position": self.tr("Position"),
            "department": self.tr("Department"), "mobile": self.tr("Mobile"),
            "im_handle": self.tr("IM handle"), "birthday": self.tr("Birthday"),
            "is_primary": self.tr("Primary contact"),
        }

    @cached_property
    def _choices(self) -> dict[str, str]:
        return {
            "prospect": self.tr("Prospect"), "active": self.tr("Active"),
            "dormant": self.tr("Dormant"), "lost": self.tr("Lost"),
            "premium": self.tr("Premium"), "major": self.tr("Major"),
            "ordinary": self.tr("Ordinary"), "restricted": self.tr("Restricted"),
            "potential": self.tr("Potential"),
            "company": self.tr("Company"), "individual": self.tr("Individual"),
            "state": self.tr("State-owned"), "private": self.tr("Private"),
            "foreign": self.tr("Foreign-owned"), "joint_venture": self.tr("Joint venture"),
            "collective": self.tr("Collective"), "other": self.tr("Other"),
            "micro": self.tr("Micro"), "small": self.tr("Small"),
            "medium": self.tr("Medium"), "large": self.tr("Large"),
            "male": self.tr("Male"), "female": self.tr("Female"),
            "": self.tr("(none)"),
        }
