"""Field validation with one message per field. Pure functions, no database."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.logic.kit.errors import FieldError, InvalidSearch

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
MONEY_MAX = Decimal("99999999999999.99")

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
# At least three digits (the lookahead): "-----" or "()" is no phone number.
PHONE = re.compile(r"^(?=(?:[^0-9]*[0-9]){3})"
                   r"\+?[0-9 ()./-]{3,30}(\s*(ext|x|转)\.?\s*[0-9]{1,6})?$", re.IGNORECASE)
POSTAL = re.compile(r"^[0-9A-Za-z][0-9A-Za-z -]{1,9}$")
WEBSITE = re.compile(r"^(https?://)?([\w-]+\.)+[A-Za-z\u00a1-\uffff]{2,}(:\d+)?(/\S*)?$")
# What people write for China in a country field (the default is 中国).
CHINA = frozenset({"中国", "中國", "中国大陆", "中華人民共和國", "中华人民共和国", "china", "cn",
                   "chn", "prc", "p.r. china", "p.r.c.", "people's republic of china",
                   "mainland china"})
CODE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
# Tax numbers: 18 letters and digits is a Chinese code, checked by its check digit; any other
# (a foreign VAT number, an old or local id) as written, of letters, digits and . / -.
CHINESE_TAX_ID = re.compile(r"[0-9A-Z]{18}")
TAX_NUMBER = re.compile(r"[0-9A-Z][0-9A-Z./-]{0,31}")


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


# Searches: longer ones cost the database time per word and, past about 550 words or 50,000
# bytes in one word, fail in SQLite ("Expression tree is too large").
SEARCH_MAX_CHARS = 200
SEARCH_MAX_TERMS = 16

# Characters that change how the text around them shows without showing themselves: the
# bidirectional controls ("Acme\u202egnp.exe" shows as "Acmeexe.png"), the zero-width ones
# (two names that look the same but are not), and line separators (single-line text only).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH
LINE_SEPARATORS = frozenset("\u2028\u2029")

# Numbers: ASCII digits, or the full-width ones a Chinese input method types (５００).
# Python's int() and Decimal() also take "1_000" and every script's digits (٥٠٠); we do not.
FULL_WIDTH = str.maketrans("０１２３４５６７８９＋－．，", "0123456789+-.,")
WHOLE = re.compile(r"[+-]?[0-9]+")
AMOUNT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def has_control_chars(value: str, allow_newlines: bool = False) -> bool:
    """C0 and C1 controls (NUL, ESC...) and lone surrogates; ``allow_newlines`` lets
    multi-line text keep line breaks and tabs."""
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in value)


def invisible_char(value: str, multiline: bool = False) -> str:
    """The first bidirectional control or zero-width character in ``value`` (and, unless
    ``multiline``, line separator), or ""."""
    refused = INVISIBLE if multiline else INVISIBLE | LINE_SEPARATORS
    return next((ch for ch in value if ch in refused), "")


def whole_number(value: str) -> int | None:
    """``value`` as a whole number written with ASCII or full-width digits and an optional
    sign; None if it is anything else (``1_000``, ``٥``, ``1.0``, ``1e3``)."""
    text = value.translate(FULL_WIDTH).strip()
    if not WHOLE.fullmatch(text):
        return None
    try:
        return int(text)
    except ValueError:  # more digits than int() converts
        return None


def check_search(text: str) -> str:
    """A list's search text, stripped; InvalidSearch (a usage error naming the limits) when
    it is longer than SEARCH_MAX_CHARS characters or SEARCH_MAX_TERMS words, or holds a
    control character (NUL) or a lone surrogate. Tabs and line breaks separate words."""
    text = text.strip()
    terms = len(text.split())
    if len(text) > SEARCH_MAX_CHARS or terms > SEARCH_MAX_TERMS:
        raise InvalidSearch("too_long" if len(text) > SEARCH_MAX_CHARS else "too_many_terms",
                            SEARCH_MAX_CHARS, SEARCH_MAX_TERMS,
                            f"{len(text):,} characters and {terms:,} "
                            f"{'word' if terms == 1 else 'words'}")
    if has_control_chars(text, allow_newlines=True):
        raise InvalidSearch("control_chars", SEARCH_MAX_CHARS, SEARCH_MAX_TERMS)
    return text


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
        elif ch := invisible_char(text, multiline):
            self.fail(field, "invisible_chars", "must not contain invisible or "
                      f"direction-changing characters (U+{ord(ch):04X})")
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
        amount = _amount(value)
        if amount is None or not amount.is_finite():
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

    def decimal(self, field: str, value: Any, places: int, low: Decimal, high: Decimal
                ) -> Decimal:
        """An exact number from ``low`` to ``high`` with at most ``places`` decimal places
        (a quantity, a rate), typed as an amount is."""
        number = _amount(value)
        step = Decimal(1).scaleb(-places)
        if number is None or not number.is_finite():
            self.fail(field, "not_a_number", "must be a number like 2.5")
        elif not low <= number <= high:
            self.fail(field, "out_of_range", f"must be between {low} and {high}")
        elif number != number.quantize(step):
            self.fail(field, "too_precise", f"must have at most {places} decimal places")
        else:
            return number.quantize(step)
        return low

    def integer(self, field: str, value: Any, low: int, high: int) -> int:
        number = value if isinstance(value, int) and not isinstance(value, bool) \
            else whole_number(str(value))
        if number is None:
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
        """A tax number, spaces left out and letters upper-case: a Chinese code (18 letters
        and digits: a unified social credit code, or a person's resident id) must have its
        check digit right; any other (a VAT number GB123456789, 123-456-789, 12.345.678/0001-95)
        is taken as written, letters, digits and the separators . / - only."""
        text = self.text(field, value, 32).upper().replace(" ", "")
        if not text or field in self.errors:
            return text
        if CHINESE_TAX_ID.fullmatch(text):
            if not (is_valid_uscc(text) or is_valid_resident_id(text)):
                self.fail(field, "invalid_uscc",
                          "is not a valid unified social credit code (check digit wrong)")
        elif not TAX_NUMBER.fullmatch(text):
            self.fail(field, "invalid_tax_id", "must be a unified social credit code or a "
                      "tax number (letters, digits, . / -)")
        return text


def _amount(value: Any) -> Decimal | None:
    """A money value as given (a number, or text with ASCII or full-width digits, a point
    and thousands commas), None if it is no amount."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    text = str(value).translate(FULL_WIDTH).replace(",", "").strip() or "0"
    if not AMOUNT.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


Normaliser = Callable[[Checker, Any], Any]
