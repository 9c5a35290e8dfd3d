"""An entity: its fields, its names, its key and record scope. One per kind of record.

The generic service, the CLI verbs, the list and form screens and the export all read the
entity; a module declares it once in its ``fields.py``.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from app.logic.kit.errors import FieldError, InvalidQuery, ValidationError
from app.logic.kit.fields import RANGE_KINDS, Field, Label, plain
from app.logic.kit.validation import Checker
from app.logic.kit.workflow import Workflow


@dataclass(frozen=True)
class Group:
    """Fields shown together on a form, under a caption."""

    label: Label
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Requirement:
    """Fields that go together when another field has one of some values: a customer's
    address in China is a province and a city. It applies when the caller states the
    condition's field (a form states them all) and the record has one of ``fields``: an
    address begun must be complete, while a quick add (a name only) or a record abroad needs
    none of them."""

    when: str  # the field deciding: "country"
    values: frozenset[str]  # its values (compared case-insensitively, trimmed)
    fields: tuple[str, ...]  # then required together: ("province", "city")
    reason: Label  # "for a customer in China"

    def applies(self, values: Mapping[str, Any], given: Collection[str]) -> bool:
        if self.when not in given:
            return False
        if not any(str(values.get(n) or "").strip() for n in self.fields):
            return False
        return str(values.get(self.when) or "").strip().casefold() in self.values


@dataclass(frozen=True)
class Caution:
    """A rule across fields that warns but never refuses: a product's cost above its list
    price. A form shows its message as the user types, the CLI prints it, and the record is
    saved all the same (``Changed.warnings``)."""

    fields: tuple[str, ...]  # the fields it reads: ("cost", "list_price")
    test: Callable[[Mapping[str, Any]], bool]  # True: warn (given those fields, normalised)
    message: Label  # "The cost is above the list price."


@dataclass(frozen=True)
class Entity:
    name: str  # the audit log's entity type and the messages' word: "customer"
    module: str  # the rights' module: "customers"
    label: Label
    plural: Label
    fields: tuple[Field, ...]
    key: str = "code"  # what a person calls a record by (the CLI's KEY)
    title: str = "name"  # the field a record's heading shows
    code_prefix: str = ""  # generated keys: C000123 (empty: the key must be given)
    code_width: int = 6
    scope: str = "owner"  # the reference field whose user decides the record scope; "" none
    scope_module: str = ""  # whose scope applies (contacts use the customers'); "" own
    archivable: bool = True
    parent: str = ""  # the reference field naming the record this one belongs to
    # A record belonging to one of several kinds (a contact: a customer's or a supplier's):
    # their reference fields, one of them set; ``parent`` is the first.
    parents: tuple[str, ...] = ()
    command: str = ""  # ``kehu <command> list|show|add|...``; "" when it has none
    list_columns: tuple[str, ...] = ()  # shown by default, in order
    default_sort: str = "name"
    duplicate_fields: tuple[str, ...] = ()  # a change to these runs the duplicate check
    groups: tuple[Group, ...] = ()  # the form's layout; empty: all fields in one group
    requirements: tuple[Requirement, ...] = ()  # fields required only in some cases
    warnings: tuple[Caution, ...] = ()  # rules across fields that warn, never refuse
    workflow: Workflow | None = None  # states and the moves between them (a ticket's)
    extra: Mapping[str, Any] = field(default_factory=dict)

    # --- fields -----------------------------------------------------------------------
    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def field(self, name: str) -> Field:
        return self.by_name[name]

    def has(self, name: str) -> bool:
        return name in self.by_name

    @cached_property
    def editable(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.editable)

    @cached_property
    def listed(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.listed)

    @property
    def parent_fields(self) -> tuple[str, ...]:
        """The reference fields naming the record this one belongs to."""
        return self.parents or ((self.parent,) if self.parent else ())

    @property
    def scope_rights(self) -> str:
        return self.scope_module or self.module

    def defaults(self) -> dict[str, Any]:
        return {f.name: f.default for f in self.editable if f.default is not None}

    # --- input ------------------------------------------------------------------------
    def normalise(self, values: Mapping[str, Any], creating: bool = False) -> dict[str, Any]:
        """Check and normalise ``values`` (field name -> raw value); raise ValidationError
        naming each field that is unknown, read-only or invalid. Creating, the defaults
        fill what is not given and every required field must be there."""
        errors: dict[str, FieldError] = {}
        for name in values:
            if name not in self.by_name:
                errors[name] = FieldError("unknown_field", f"is not a {self.name} field")
            elif not self.by_name[name].editable and not (creating and name == self.key):
                errors[name] = FieldError("read_only", "cannot be changed")
        if errors:
            raise ValidationError(errors)
        given = {**self.defaults(), **values} if creating else dict(values)
        c = Checker()
        clean = {name: self.by_name[name].normalise(c, value) for name, value in given.items()}
        if creating:
            for f in self.editable:
                if f.required and f.name not in given and f.name != self.key:
                    c.fail(f.name, "required", "is required")
        if c.errors:
            raise ValidationError(c.errors)
        return clean

    def check_requirements(self, values: Mapping[str, Any], given: Collection[str]) -> None:
        """Raise ValidationError naming each field a requirement makes required and
        ``values`` (the record as it would be saved) leaves empty."""
        errors: dict[str, FieldError] = {}
        for rule in self.requirements:
            if rule.applies(values, given):
                for name in rule.fields:
                    if not str(values.get(name) or "").strip():
                        errors[name] = FieldError("required", f"is required {rule.reason.en}")
        if errors:
            raise ValidationError(errors)

    def warnings_for(self, values: Mapping[str, Any]) -> tuple[Label, ...]:
        """The messages of the cautions ``values`` call for (as typed or as stored: each
        field is normalised first); a caution whose fields do not read yet (an amount half
        typed) stays silent."""
        found = []
        for rule in self.warnings:
            c = Checker()
            clean = {n: self.by_name[n].normalise(c, values.get(n)) for n in rule.fields}
            if not c.errors and rule.test(clean):
                found.append(rule.message)
        return tuple(found)

    def filter_value(self, name: str, value: Any) -> Any:
        """A list filter's value in stored form; InvalidQuery (a usage error naming the
        valid values) for an unknown field or value."""
        f = self.by_name.get(name)
        if f is None or not f.filterable:
            usable = ", ".join(x.name for x in self.fields if x.filterable)
            raise InvalidQuery(f"cannot filter {self.plural.en.lower()} by {name!r}; "
                               f"filters: {usable or 'none'}")
        if f.kind == "choice" and value not in f.values:
            raise InvalidQuery(f"{name} must be one of: {', '.join(f.values)} "
                               f"(got {value!r})")
        c = Checker()
        clean = f.normalise(c, value)
        if c.errors:
            raise InvalidQuery(f"{name}: {c.errors[name].message} (got {value!r})")
        return clean

    def range_value(self, name: str, low: Any, high: Any) -> tuple[Any, Any]:
        """A range filter's ends in stored form (None: open); InvalidQuery (a usage error)
        for a field that cannot be filtered by a range, a bad value, or from after to."""
        f = self.by_name.get(name)
        if f is None or not f.filterable or f.kind not in RANGE_KINDS:
            usable = ", ".join(x.name for x in self.fields
                               if x.filterable and x.kind in RANGE_KINDS)
            raise InvalidQuery(f"cannot filter {self.plural.en.lower()} by a range of "
                               f"{name!r}; ranges: {usable or 'none'}")
        c = Checker()
        low_end, high_end = (None if v is None or v == "" else f.normalise(c, v)
                             for v in (low, high))
        if c.errors:
            raise InvalidQuery(f"{name}: {c.errors[name].message} (got "
                               f"{low if low not in (None, '') else high!r})")
        if low_end is not None and high_end is not None and low_end > high_end:
            raise InvalidQuery(f"{name}: the range starts ({plain(low_end)}) after it ends "
                               f"({plain(high_end)})")
        return low_end, high_end

    def sort_value(self, name: str) -> str:
        """The sort key for ``name`` ("" for the default); InvalidQuery if not sortable."""
        if not name:
            return self.default_sort
        name = self.extra.get("sort_aliases", {}).get(name, name)
        f = self.by_name.get(name)
        if f is None or not f.sortable:
            usable = ", ".join(x.name for x in self.fields if x.sortable)
            raise InvalidQuery(f"cannot sort {self.plural.en.lower()} by {name!r}; "
                               f"sorts: {usable}")
        return name

    # --- output -----------------------------------------------------------------------
    @cached_property
    def row_type(self) -> Any:
        """The list row: a named tuple of id, version and the listed fields."""
        names = ["id", "version", *(f.name for f in self.listed)]
        title = self.name.title().replace("_", "")
        return namedtuple(f"{title}Row", names)

    def describe(self) -> list[dict[str, Any]]:
        return [f.describe() for f in self.fields]

    def layout(self) -> tuple[Group, ...]:
        if self.groups:
            return self.groups
        names = tuple(f.name for f in self.fields if f.kind != "notes")
        return (Group(self.label, names),)


def field_names(fields: Sequence[Field]) -> tuple[str, ...]:
    return tuple(f.name for f in fields)
