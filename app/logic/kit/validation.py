"""Field validation with one message per field. Pure functions, no database."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.logic.kit.errors import FieldError

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
MONEY_MAX = Decimal("99999999999999.99")

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
PHONE = re.compile(r"^\+?[0-9 ()./-]{3,30}(\s*(ext|x|转)\.?\s*[0-9]{1,6})?$", re.IGNORECASE)
POSTAL = re.compile(r"^[0-9A-Za-z][0-9A-Za-z -]{1,9}$")
WEBSITE = re.compile(r"^(https?://)?([\w-]+\.)+[A-Za-z\u00a1-\uffff]{2,}(:\d+)?(/\S*)?$")
CODE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")


def uscc_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015)."""
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def is_valid_uscc(value: str) -> bool:
    value = value.upper()
    if len(value) != 18 or any(ch not in USCC_CHARS for ch in value):
        return False
    return uscc_check_char(value[:17]) == value[17]


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def is_valid_resident_id(value: str) -> bool:
    """An 18-character PRC resident identity number (GB 11643-1999), the tax id of a person."""
    value = value.upper()
    if len(value) != 18 or not value[:17].isdigit():
        return False
    return ID_CHECK[sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True)) % 11] \
        == value[17]


def has_control_chars(value: str, allow_newlines: bool = False) -> bool:
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in value)


class Checker:
    """Collects per-field errors while normalising a mapping of raw values."""

    def __init__(self) -> None:
        self.errors: dict[str, FieldError] = {}

    def fail(self, field: str, code: str, message: str) -> None:
        self.errors.setdefault(field, FieldError(code, message))

    def text(self, field: str, value: Any, max_len: int, required: bool = False,
             multiline: bool = False) -> str:
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.fail(field, "required", "is required")
        elif len(text) > max_len:
            self.fail(field, "too_long", f"must be at most {max_len} characters")
        elif has_control_chars(text, allow_newlines=multiline):
            self.fail(field, "control_chars", "must not contain control characters")
        return text

    def pattern(self, field: str, value: Any, regex: re.Pattern[str], code: str, message: str,
                max_len: int) -> str:
        text = self.text(field, value, max_len)
        if text and field not in self.errors and not regex.match(text):
            self.fail(field, code, message)
        return text

    def choice(self, field: str, value: Any, choices: tuple[str, ...], allow_empty: bool = False
               ) -> str:
        text = "" if value is None else str(value).strip()
        if (text or not allow_empty) and text not in choices:
            self.fail(field, "invalid_choice", f"must be one of: {', '.join(choices)}")
        return text

    def money(self, field: str, value: Any) -> Decimal:
        try:
            amount = Decimal(str(value).replace(",", "").strip() or "0")
        except (InvalidOperation, ValueError):
            self.fail(field, "not_a_number", "must be an amount like 50000.00")
            return Decimal("0.00")
        if not amount.is_finite():
            self.fail(field, "not_a_number", "must be an amount like 50000.00")
        elif amount < 0:
            self.fail(field, "negative", "must not be negative")
        elif amount > MONEY_MAX:
            self.fail(field, "too_large", f"must be at most {MONEY_MAX:,}")
        elif amount != amount.quantize(Decimal("0.01")):
            self.fail(field, "too_precise", "must have at most two decimal places")
        else:
            return amount.quantize(Decimal("0.01"))
        return Decimal("0.00")

    def integer(self, field: str, value: Any, low: int, high: int) -> int:
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            self.fail(field, "not_an_integer", "must be a whole number")
            return low
        if not low <= number <= high:
            self.fail(field, "out_of_range", f"must be between {low} and {high}")
        return number

    def boolean(self, field: str, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "y", "on"):
            return True
        if text in ("0", "false", "no", "n", "off", ""):
            return False
        self.fail(field, "not_a_boolean", "must be yes or no")
        return False

    def optional_date(self, field: str, value: Any) -> date | None:
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(field, "invalid_date", "must be a date like 1990-05-31")
            return None

    def tax_id(self, field: str, value: Any) -> str:
        text = self.text(field, value, 32).upper().replace(" ", "")
        if not text or field in self.errors:
            return text
        if len(text) == 18:
            if not (is_valid_uscc(text) or is_valid_resident_id(text)):
                self.fail(field, "invalid_uscc",
                          "is not a valid unified social credit code (check digit wrong)")
        elif not re.fullmatch(r"[0-9A-Z-]{6,30}", text):
            self.fail(field, "invalid_tax_id", "must be a unified social credit code or tax id")
        return text


Normaliser = Callable[[Checker, Any], Any]
