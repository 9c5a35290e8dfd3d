"""Fields, declared once per entity.

A ``Field`` says what a value is (kind, length, range, choices), whether it is required,
and what it is called in English and Chinese. Normalisation and validation, the record and
row values, the CLI's ``--set`` and output, the form's editors and labels, the list and
export columns and the audit labels all come from it. Constructors (``text``, ``choice``,
``money``, ``reference``...) keep declarations to one line each.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from app.logic.kit.validation import (
    CODE,
    EMAIL,
    FULL_WIDTH,
    PHONE,
    POSTAL,
    WEBSITE,
    Checker,
    has_control_chars,
)

KINDS = ("text", "lines", "notes", "code", "phone", "email", "postal_code", "website",
         "tax_id", "choice", "money", "integer", "boolean", "date", "datetime", "reference",
         "quantity", "rate")
# Kinds whose values are words a person reads (sorted by pinyin, searched, cut to length).
TEXT_KINDS = frozenset({"text", "lines", "notes", "code", "phone", "email", "postal_code",
                        "website", "tax_id"})
# Kinds a list may filter by a range (from, to) as well as by a value.
RANGE_KINDS = frozenset({"money", "integer", "date", "datetime", "quantity"})
# Exact numbers that are not money: how many places they keep.
PLACES = {"quantity": 3, "rate": 4}


@dataclass(frozen=True)
class Label:
    """A text in both languages of the UI."""

    en: str
    zh: str

    def text(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


@dataclass(frozen=True)
class Choice:
    value: str
    label: Label


class Ref(NamedTuple):
    """A reference to another record as a person knows it: its ``key`` (user name, code)
    and ``label`` (display name, name). A named tuple: a list page makes hundreds of them,
    and a frozen dataclass costs several times as much to make."""

    id: int
    key: str
    label: str

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    label: Label
    length: int = 0
    required: bool = False
    choices: tuple[Choice, ...] = ()
    default: Any = None
    low: int = 0
    high: int = 0
    ref: str = ""  # reference kind: what it names ("user", "customer")
    editable: bool = True  # False: read-only (computed or generated)
    listed: bool = True  # may be a column of lists and exports
    sortable: bool = False
    filterable: bool = False
    placeholder: Label | None = None
    source: str = ""  # the record attribute, when not the usual one

    @property
    def attr(self) -> str:
        """The record attribute (column) holding the value: ``owner`` -> ``owner_id``."""
        if self.source:
            return self.source
        return f"{self.name}_id" if self.kind == "reference" else self.name

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    # --- normalisation ----------------------------------------------------------------
    def normalise(self, c: Checker, value: Any) -> Any:
        """The value in its stored form; problems go to ``c``."""
        return _NORMALISERS[self.kind](self, c, value)

    # --- words ------------------------------------------------------------------------
    def caption(self, language: str) -> str:
        return self.label.text(language)

    def choice_label(self, value: Any, language: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label.text(language)
        return "" if value is None else str(value)

    def display(self, value: Any, language: str) -> str:
        """How a person reads ``value``: choices by their label, money with two places."""
        if value is None or value == "":
            return ""
        if self.kind == "choice":
            return self.choice_label(value, language)
        if self.kind == "boolean":
            return YES_NO[language.startswith("zh")][0 if value else 1]
        if self.kind == "money":
            return f"{Decimal(str(value)):,.2f}"
        if self.kind == "quantity":
            return number_text(Decimal(str(value)))
        if self.kind == "rate":  # 0.125 reads as 12.5%
            return number_text(Decimal(str(value)) * 100) + "%"
        if isinstance(value, Ref):
            return value.label or value.key
        if isinstance(value, datetime):
            return value.astimezone().strftime("%Y-%m-%d %H:%M")
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def plain(self, value: Any) -> Any:
        """The value for JSON and the CLI: money as a string with two places, dates in ISO
        form, a reference by its key (``sales1``, ``C000123``); a quantity or a rate as
        exact text (``2.125``, ``0.1``)."""
        if self.kind in PLACES and isinstance(value, Decimal):
            return number_text(value)
        return plain(value)

    def describe(self) -> dict[str, Any]:
        """What ``kehu <module> fields --json`` prints for this field."""
        info: dict[str, Any] = {"name": self.name, "type": self.kind,
                                "required": self.required,
                                "label": {"en": self.label.en, "zh": self.label.zh}}
        if self.length:
            info["length"] = self.length
        if self.kind == "integer":
            info["range"] = [self.low, self.high]
        if self.choices:
            info["choices"] = [{"value": c.value, "en": c.label.en, "zh": c.label.zh}
                               for c in self.choices]
        if self.ref:
            info["references"] = self.ref
        if self.default not in (None, ""):
            info["default"] = plain(self.default)
        if not self.editable:
            info["read_only"] = True
        return info


YES_NO = (("Yes", "No"), ("是", "否"))


def number_text(value: Decimal) -> str:
    """An exact number without trailing zeros or an exponent: 3, 2.125, 0.1."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def plain(value: Any) -> Any:
    """A JSON-friendly form that keeps money exact (a string with two places)."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Ref):
        return value.key
    return value


# --- normalisers per kind -------------------------------------------------------------------
def _text(f: Field, c: Checker, value: Any) -> str:
    return c.text(f.name, value, f.length, required=f.required)


def _notes(f: Field, c: Checker, value: Any) -> str:
    return c.text(f.name, value, f.length, required=f.required, multiline=True)


def _code(f: Field, c: Checker, value: Any) -> str:
    text = c.pattern(f.name, value, CODE, "invalid_code",
                     f"may use letters, digits, - and _ (at most {f.length})", f.length)
    if f.required and not text and f.name not in c.errors:
        c.fail(f.name, "required", "is required")
    return text.upper()


def _pattern(code: str, message: str) -> Any:
    regex = {"invalid_phone": PHONE, "invalid_email": EMAIL,
             "invalid_postal_code": POSTAL, "invalid_website": WEBSITE}[code]

    def normalise(f: Field, c: Checker, value: Any) -> str:
        text = c.pattern(f.name, value, regex, code, message, f.length)
        if f.required and not text and f.name not in c.errors:
            c.fail(f.name, "required", "is required")
        return text

    return normalise


def _tax_id(f: Field, c: Checker, value: Any) -> str:
    return c.tax_id(f.name, value)


def _choice(f: Field, c: Checker, value: Any) -> str:
    return c.choice(f.name, value, f.values, allow_empty=not f.required)


def _money(f: Field, c: Checker, value: Any) -> Decimal:
    if (value is None or str(value).strip() == "") and f.required:
        c.fail(f.name, "required", "is required")
    return c.money(f.name, "" if value is None else value)


def _quantity(f: Field, c: Checker, value: Any) -> Decimal:
    """More than zero, up to three decimal places (2.125 kg)."""
    return c.decimal(f.name, value, PLACES["quantity"], Decimal("0.001"), QUANTITY_MAX)


def _rate(f: Field, c: Checker, value: Any) -> Decimal:
    """A share from 0 to 1, given as 0.1 or as 10% (up to four places: 12.5% is 0.125)."""
    text = "" if value is None else str(value).strip()
    if text.endswith(("%", "％")):
        number = _percent(text[:-1])
        if number is None:
            c.fail(f.name, "not_a_number", "must be a share like 0.1 or 10%")
            return Decimal(0)
        value = number / 100
    return c.decimal(f.name, value if text else "0", PLACES["rate"], Decimal(0), Decimal(1))


def _percent(text: str) -> Decimal | None:
    try:
        number = Decimal(text.strip().translate(FULL_WIDTH))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


QUANTITY_MAX = Decimal("1000000000")


def _integer(f: Field, c: Checker, value: Any) -> int | None:
    if (value is None or str(value).strip() == "") and not f.required and f.default is None:
        return None
    return c.integer(f.name, value, f.low, f.high)


def _boolean(f: Field, c: Checker, value: Any) -> bool:
    return c.boolean(f.name, value)


def _date(f: Field, c: Checker, value: Any) -> date | None:
    day = c.optional_date(f.name, value)
    if day is None and f.required and f.name not in c.errors:
        c.fail(f.name, "required", "is required")
    return day


def _datetime(f: Field, c: Checker, value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, datetime):
        text = str(value).strip().replace("T", " ").replace("/", "-")
        if text == "":
            return None
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            c.fail(f.name, "invalid_date", "must be a time like 2026-05-31 14:00")
            return None
    # A time without a zone is the user's local time (as typed, as a form shows it); it is
    # kept in UTC.
    moment: datetime = value.astimezone(UTC)
    return moment


def _reference(f: Field, c: Checker, value: Any) -> int | str | None:
    """An id (the form), a key to look up (the CLI: a user name or a code), or None."""
    if value is None or isinstance(value, bool):
        if f.required:
            c.fail(f.name, "required", "is required")
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Ref):
        return value.id
    text = str(value).strip()
    if not text:
        if f.required:
            c.fail(f.name, "required", "is required")
        return None
    if has_control_chars(text):  # a key with NUL names nothing; the database would fail
        c.fail(f.name, "control_chars", "must not contain control characters")
        return None
    return text


_NORMALISERS: dict[str, Any] = {
    "text": _text, "lines": _notes, "notes": _notes, "code": _code,
    "phone": _pattern("invalid_phone", "is not a phone number"),
    "email": _pattern("invalid_email", "is not an e-mail address"),
    "postal_code": _pattern("invalid_postal_code", "is not a postal code"),
    "website": _pattern("invalid_website", "is not a web address"),
    "tax_id": _tax_id, "choice": _choice, "money": _money, "integer": _integer,
    "boolean": _boolean, "date": _date, "datetime": _datetime, "reference": _reference,
    "quantity": _quantity, "rate": _rate,
}


# --- constructors: one line per field in a module's fields.py --------------------------------
def _label(en: str, zh: str) -> Label:
    return Label(en, zh)


def text(name: str, en: str, zh: str, length: int, *, required: bool = False,
         kind: str = "text", **more: Any) -> Field:
    return Field(name, kind, _label(en, zh), length=length, required=required, **more)


def notes(name: str, en: str, zh: str, length: int = 20000, **more: Any) -> Field:
    return Field(name, "notes", _label(en, zh), length=length, listed=False, **more)


def lines(name: str, en: str, zh: str, length: int, **more: Any) -> Field:
    """A text of a few lines kept with the other fields (an address: "Order Processing
    Dept." above "2100 Paul Revere Blvd."), where notes get a tab of their own."""
    return Field(name, "lines", _label(en, zh), length=length, **more)


def choice(name: str, en: str, zh: str, choices: Sequence[tuple[str, str, str]], *,
           required: bool = True, default: str | None = None, **more: Any) -> Field:
    """``choices``: (stored value, English, Chinese) in the order they are offered."""
    options = tuple(Choice(v, Label(e, z)) for v, e, z in choices)
    return Field(name, "choice", _label(en, zh), length=max(len(o.value) for o in options),
                 required=required, choices=options, default=default, **more)


def money(name: str, en: str, zh: str, *, default: str | None = "0.00", **more: Any
          ) -> Field:
    """``default`` None: no amount unless one is given (with ``required``: it must be)."""
    return Field(name, "money", _label(en, zh),
                 default=None if default is None else Decimal(default), **more)


def quantity(name: str, en: str, zh: str, *, default: str = "1", **more: Any) -> Field:
    """How many of something: more than zero, up to three decimal places."""
    return Field(name, "quantity", _label(en, zh), default=Decimal(default), **more)


def rate(name: str, en: str, zh: str, *, default: str = "0", **more: Any) -> Field:
    """A share from 0 to 1 (a discount), typed as 0.1 or 10%, shown as a percent."""
    return Field(name, "rate", _label(en, zh), default=Decimal(default), **more)


def integer(name: str, en: str, zh: str, low: int, high: int, *, default: int | None = None,
            **more: Any) -> Field:
    return Field(name, "integer", _label(en, zh), low=low, high=high, default=default, **more)


def boolean(name: str, en: str, zh: str, *, default: bool = False, **more: Any) -> Field:
    return Field(name, "boolean", _label(en, zh), default=default, **more)


def day(name: str, en: str, zh: str, **more: Any) -> Field:
    return Field(name, "date", _label(en, zh), **more)


def moment(name: str, en: str, zh: str, **more: Any) -> Field:
    """A time the system sets (created, updated): read-only."""
    return Field(name, "datetime", _label(en, zh), editable=False, **more)


def when(name: str, en: str, zh: str, **more: Any) -> Field:
    """A time a person gives (a visit's scheduled time): typed as 2026-05-31 14:00 in their
    local time, kept in UTC."""
    return Field(name, "datetime", _label(en, zh), **more)


def reference(name: str, en: str, zh: str, ref: str, **more: Any) -> Field:
    return Field(name, "reference", _label(en, zh), ref=ref, **more)


def by_name(fields: Sequence[Field]) -> Mapping[str, Field]:
    return {f.name: f for f in fields}
