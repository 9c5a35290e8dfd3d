"""The base services: a unit of work per use case, and the one write path of every record.

``RecordService`` gives a module, from its entity declaration and its repository, the reads
(get, get by key, list, count, rows for export, history) and the writes (create, update,
archive, restore, delete), each going the same way:

    require the right -> load within record scope -> check the version -> normalise and
    validate -> duplicate check -> flush (a stale row becomes a ConflictError naming who
    changed it; a unique key taken meanwhile becomes a field error) -> one audit entry ->
    commit -> what changed.

A module overrides the hooks it needs (``check``, ``duplicates``, ``after_write``,
``scope_owner``, ``children``); special operations (disable a user, set a role's rights)
go through ``_change``, the same path with their own edit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, ClassVar

from app.data.kit.audit import AuditEntry
from app.data.kit.keyset import KeysetQueries, ListRequest, RowShape
from app.data.kit.repository import RecordRepository
from app.data.kit.uow import DuplicateKey, StaleRecord, UnitOfWork
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor, AuditRow, Changed, ListQuery, Page, Record
from app.logic.kit.entity import Entity
from app.logic.kit.errors import (
    AuthenticationFailed,
    ConflictError,
    FieldError,
    InvalidQuery,
    KehuError,
    NotFound,
    PossibleDuplicate,
    ValidationError,
)
from app.logic.kit.export import Cancelled, ExportSpec, Progress, export_audit_changes, write_list
from app.logic.kit.fields import Field, Ref
from app.logic.kit.permissions import RecordScope, may_see, owner_scope, require
from app.logic.kit.trail import audit_row, created, diff
from app.logic.kit.validation import Checker, check_search, has_control_chars
from app.logic.kit.workflow import Transition, Workflow

UowFactory = Callable[..., UnitOfWork]
Edit = Callable[[UnitOfWork, Any], dict[str, list[Any]] | None]  # -> audit changes
Build = Callable[[UnitOfWork, Any], dict[str, list[Any]]]  # -> more audit changes
PAGE_MAX = 5000


class Service:
    def __init__(self, uow: UowFactory) -> None:
        self._uow = uow

    @contextmanager
    def _open(self, actor: Actor, write: bool = True, password_change: bool = False
              ) -> Iterator[UnitOfWork]:
        """A unit of work for ``actor``, whose account must still be usable: a user disabled
        or locked out after signing in fails at the next action."""
        with self._uow(write=write) as uow:
            state = uow.port("accounts").session_state(actor.user_id)
            if state is None or not state.is_active:
                raise AuthenticationFailed("your account is disabled or was removed; "
                                           "sign in again")
            if state.must_change_password and not password_change:
                raise AuthenticationFailed("you must change your password first")
            yield uow


class RecordService(Service):
    entity: ClassVar[Entity]
    repository: ClassVar[type[RecordRepository[Any]]]
    queries: ClassVar[type[KeysetQueries] | None] = None
    # Records made with lines (an order): an import reads them from one flat sheet, a row
    # per line grouped by the record's key, the lines' fields from ``line_entity``.
    line_entity: ClassVar[Entity | None] = None

    # What an import gives a move of a record it made, by transition: the field that
    # says "imported from FILE" (an order's confirm: its credit override's reason).
    import_moves: ClassVar[Mapping[str, str]] = {}
    # Fields an import may fill that the record does not keep (a payment's invoice: the
    # one it pays), handed to ``create_imported``.
    import_fields: ClassVar[tuple[Field, ...]] = ()

    def create_imported(self, actor: Actor, values: Mapping[str, Any],
                        extra: Mapping[str, Any]) -> Changed:
        """A record an import makes from a row that fills ``import_fields`` too
        (``extra``); by default those are not used."""
        self._require(actor, "create")
        return self.create(actor, values)

    def keys_existing(self, actor: Actor, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` name a record (as stored), whoever's it is: an import's chunk
        of rows asks once which are new."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return self._repo(uow).keys_existing([self._key_text(k) for k in keys])

    def create_many(self, actor: Actor, rows: Sequence[Mapping[str, Any]]
                    ) -> list[Changed | KehuError]:
        """Many new records in one use case (an import's chunk of rows), each checked as
        ``create`` checks it (normalised, references, the module's check, duplicates, its
        key), the valid ones written with one flush, each audited. A row's problem is its
        answer (the others are still written); a write refused by the database (a
        constraint) raises, and the caller does the rows one by one. Only for a module
        that adds nothing to ``create``."""
        self._require(actor, "create")
        answers: list[Changed | KehuError | None] = [None] * len(rows)
        cleans: dict[int, dict[str, Any]] = {}
        for i, values in enumerate(rows):
            try:
                clean = self.entity.normalise(values, creating=True)
                self.entity.check_requirements(clean, values.keys())
                cleans[i] = clean
            except KehuError as exc:
                answers[i] = exc
        key = self.entity.key if self.entity.has(self.entity.key) else ""
        with self._open(actor) as uow:
            repo = self._repo(uow)
            taken = repo.keys_existing([str(c[key]) for c in cleans.values()
                                        if key and c.get(key)])
            seen: dict[str, set[Any]] = {f: set() for f in self.entity.duplicate_fields}
            made: list[tuple[int, Any, dict[str, Any]]] = []
            checked: dict[int, dict[str, Any]] = {}
            for i, clean in cleans.items():
                try:
                    clean = self._resolve(uow, actor, clean, None)
                    self.check(uow, actor, clean, None)
                    checked[i] = clean
                except KehuError as exc:
                    answers[i] = exc
            found = dict(zip(checked, self.duplicates_many(uow, actor, list(checked.values())),
                             strict=True))
            for i, clean in checked.items():
                try:
                    self._refuse_duplicates(uow, actor, clean, None, found[i])
                    self._refuse_repeats(clean, seen)
                    if key and clean.get(key):
                        if clean[key] in taken:
                            raise ValidationError({key: FieldError(
                                "duplicate_code", "is already used")})
                        taken.add(clean[key])
                    else:
                        self._assign_key(repo, clean, None)
                    if self.entity.workflow is not None:
                        clean[self.entity.workflow.field] = self.entity.workflow.initial
                    record = repo.new(self._attrs(clean), actor.user_id)
                    self.before_flush(uow, record, "create", clean)
                    made.append((i, record, clean))
                except KehuError as exc:
                    answers[i] = exc
            uow.flush()  # one flush: the inserts together
            for i, record, clean in made:
                self.after_write(uow, record, "create", clean)
                self._audit(uow, actor, "create", record, self.created_changes(clean))
                answers[i] = self._changed(uow, actor, "create", record)
            uow.commit()
        return [a if a is not None else KehuError("not written") for a in answers]

    def _refuse_repeats(self, clean: Mapping[str, Any], seen: dict[str, set[Any]]) -> None:
        """A duplicate of a record made earlier in the same ``create_many`` (not yet in
        the database for the duplicate check to find)."""
        for name, values in seen.items():
            value = clean.get(name)
            if value in (None, ""):
                continue
            folded = str(value).strip().lower()
            if folded in values:
                raise PossibleDuplicate([], self.entity, (name,))
        for name, values in seen.items():
            if clean.get(name) not in (None, ""):
                values.add(str(clean[name]).strip().lower())

    def create_with_lines(self, actor: Actor, values: Mapping[str, Any],
                          lines: Sequence[Mapping[str, Any]]) -> Changed:
        """A record with its lines, in one write (an import's row group)."""
        self._require(actor, "create")
        raise NotImplementedError(f"{self.entity.plural.en} have no lines")

    # --- reads ------------------------------------------------------------------------
    def get(self, actor: Actor, record_id: int) -> Record:
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return self._shown_to(actor, self.record_of(uow, self._load(uow, actor, record_id)))

    def get_by_key(self, actor: Actor, key: str) -> Record:
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            record = self._repo(uow).by_key(self._key_text(key))
            if record is None:
                raise NotFound(self.entity.name, key)
            self._check_scope(uow, actor, record, key)
            return self._shown_to(actor, self.record_of(uow, record))

    def list_page(self, actor: Actor, query: ListQuery, after: tuple[Any, ...] | None = None,
             limit: int = 200, columns: Sequence[str] | None = None) -> Page:
        """A page of rows (``entity.row_type``) matching ``query`` within the actor's
        scope; ``next_key`` fetches the next one."""
        self._require(actor, "view")
        request = self._request(actor, query, columns)
        with self._open(actor, write=False) as uow:
            request = self._filter_ids(uow, actor, request)
            rows, next_key = uow.get(self._queries()).page(request, after,
                                                           max(1, min(limit, PAGE_MAX)))
            return Page(rows=tuple(rows), next_key=next_key)

    def count(self, actor: Actor, query: ListQuery) -> int:
        self._require(actor, "view")
        request = self._request(actor, query, ())
        with self._open(actor, write=False) as uow:
            return uow.get(self._queries()).count(self._filter_ids(uow, actor, request))

    def rows(self, actor: Actor, query: ListQuery, columns: Sequence[str] | None = None,
             batch: int = 2000, language: str = "en") -> Iterator[Any]:
        """Every row of ``query`` (an export): pages read in one transaction, handed on as
        they come, so memory stays flat."""
        self._require(actor, "view")  # when called, not when the first row is read
        request = self._request(actor, query, columns)
        return self._stream(actor, request, batch)

    def _stream(self, actor: Actor, request: ListRequest, batch: int) -> Iterator[Any]:
        with self._open(actor, write=False) as uow:
            request = self._filter_ids(uow, actor, request)
            yield from uow.get(self._queries()).all_rows(request, batch)

    def history(self, actor: Actor, record_id: int) -> list[AuditRow]:
        """The audit entries of this record (and of its children), newest first, for anyone
        who may see the record."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            record = self._load(uow, actor, record_id)
            subjects = [(self.entity.name, str(record.id)), *self.child_subjects(uow, record)]
            return _named_refs(uow, [audit_row(r) for r in uow.audit.of_records(subjects)])

    def export(self, actor: Actor, spec: ExportSpec, path: str | os.PathLike[str],
               progress: Progress | None = None) -> int:
        """Write the list ``spec`` asks for to an .xlsx file: the number of rows, or -1
        when ``progress`` cancelled it (then no file is left and nothing is audited). Needs
        the module's export right; the export itself is audited."""
        self._require(actor, "export")
        self._require(actor, "view")
        rows = self.rows(actor, spec.query, spec.columns, language=spec.language)
        try:
            count = write_list(path, self.entity, actor, spec, rows, progress)
        except Cancelled:
            return -1
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()
        with self._open(actor) as uow:
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="export",
                             entity_type=self.entity.name, entity_id="",
                             changes=export_audit_changes(spec, count, path))
            uow.commit()
        return count

    # --- writes -----------------------------------------------------------------------
    def create(self, actor: Actor, values: Mapping[str, Any], *,
               allow_duplicate: bool = False) -> Changed:
        return self._create(actor, values, allow_duplicate=allow_duplicate)

    def new_defaults(self, actor: Actor) -> dict[str, Any]:
        """A new record's values before anything is typed (a form shows them): the
        declared defaults, and those an administrator sets where a module has such (a
        product's tax rate: the module overrides this and fills them in ``create``)."""
        if not (actor.can(self.entity.module, "create") or
                actor.can(self.entity.module, "view")):
            self._require(actor, "create")
        return self.entity.defaults()

    def _create(self, actor: Actor, values: Mapping[str, Any], *,
                allow_duplicate: bool = False, build: Build | None = None,
                after: Build | None = None) -> Changed:
        """Create a record: normalise, resolve references, check, refuse duplicates, take
        the key, ``build`` what fields do not hold (a user's password and roles: it returns
        more audit changes), flush, audit (``after`` the flush: the entries of child records
        made with it), commit."""
        self._require(actor, "create")
        clean = self.entity.normalise(values, creating=True)
        self.entity.check_requirements(clean, values.keys())
        with self._open(actor) as uow:
            clean = self._resolve(uow, actor, clean, None)
            self.check(uow, actor, clean, None)
            if not allow_duplicate:
                self._refuse_duplicates(uow, actor, clean, None)
            repo = self._repo(uow)
            self._assign_key(repo, clean, None)
            if self.entity.workflow is not None:
                clean[self.entity.workflow.field] = self.entity.workflow.initial
            record = repo.new(self._attrs(clean), actor.user_id)
            more = {}
            if build is not None:
                more = build(uow, record)
                repo.prepare(record)  # derived keys may read what build added
            self.before_flush(uow, record, "create", clean)
            self._flush(uow, record, 0)
            self.after_write(uow, record, "create", clean)
            self._audit(uow, actor, "create", record, {**self.created_changes(clean), **more})
            if after is not None:
                after(uow, record)
            uow.commit()
            return self._changed(uow, actor, "create", record)

    def update(self, actor: Actor, record_id: int, expected_version: int,
               changes: Mapping[str, Any], *, allow_duplicate: bool = False,
               more: Edit | None = None) -> Changed:
        """Change fields; ``more`` changes what fields do not hold, in the same write (an
        order's lines: it returns their audit changes, or None when nothing changed)."""
        self._require(actor, "edit")
        clean = self.entity.normalise(changes)

        def edit(uow: UnitOfWork, record: Any) -> dict[str, list[Any]] | None:
            repo = self._repo(uow)
            resolved = self._resolve(uow, actor, clean, record)
            before = self.values_of(repo, record)
            merged = {**before, **resolved}
            changed = diff(before, merged)
            if changed or more is not None:
                self.entity.check_requirements(merged, resolved.keys())
                self.check(uow, actor, resolved if changed else {}, record)
            if changed:
                if not allow_duplicate and \
                        any(n in resolved for n in self.entity.duplicate_fields):
                    self._refuse_duplicates(uow, actor, merged, record.id)
                self._assign_key(repo, resolved, record.id)
                repo.assign(record, self._attrs({n: merged[n] for n in changed}),
                            actor.user_id)
            extra = more(uow, record) if more is not None else None
            if not changed and not extra:
                return None
            if extra:  # the record's row changes too: a new version guards both
                repo.touch(record, actor.user_id, now())
            self.before_flush(uow, record, "update", resolved)
            return {**changed, **(extra or {})}

        return self._change(actor, record_id, expected_version, "edit", "update", edit)

    def archive(self, actor: Actor, record_id: int, expected_version: int) -> Changed:
        return self._set_archived(actor, record_id, expected_version, archive=True)

    def restore(self, actor: Actor, record_id: int, expected_version: int) -> Changed:
        return self._set_archived(actor, record_id, expected_version, archive=False)

    def delete(self, actor: Actor, record_id: int, expected_version: int) -> Changed:
        """Remove the record for good (records without history worth keeping)."""
        self._require(actor, "delete")
        with self._open(actor) as uow:
            repo = self._repo(uow)
            record = self._load(uow, actor, record_id)
            self._check_version(uow, record, expected_version)
            self.check_delete(uow, actor, record)
            before = self.values_of(repo, record)
            related = self.related(uow, record)
            self.before_flush(uow, record, "delete", {})
            repo.delete(record)
            self._flush(uow, record, expected_version)
            self.after_write(uow, record, "delete", {})
            self._audit(uow, actor, "delete", record,
                        diff(before, dict.fromkeys(before)), entity_id=record_id)
            uow.commit()
            return Changed(self.entity.name, (record_id,), "delete", 0, None, related)

    # --- the one write path -----------------------------------------------------------
    def _change(self, actor: Actor, record_id: int, expected_version: int, right: str,
                action: str, edit: Edit) -> Changed:
        """Change one record: load it within scope, check its version, ``edit`` it (which
        returns the audit entry's changes, or None when nothing changed), flush, audit,
        commit."""
        self._require(actor, right)
        with self._open(actor) as uow:
            record = self._load(uow, actor, record_id)
            self._check_version(uow, record, expected_version)
            changes = edit(uow, record)
            if not changes:
                return self._changed(uow, actor, "unchanged", record)
            self._flush(uow, record, expected_version)
            self.after_write(uow, record, action, changes)
            self._audit(uow, actor, action, record, changes)
            uow.commit()
            return self._changed(uow, actor, action, record)

    def _set_archived(self, actor: Actor, record_id: int, expected_version: int,
                      archive: bool) -> Changed:
        def edit(uow: UnitOfWork, record: Any) -> dict[str, list[Any]] | None:
            repo = self._repo(uow)
            if repo.is_archived(record) == archive:
                state = "archived" if archive else "not archived"
                raise ValidationError({"archived": FieldError("no_change",
                                                              f"is already {state}")})
            before = getattr(record, "archived_at", None)
            repo.set_archived(record, now() if archive else None, actor.user_id)
            return diff({"archived_at": before}, {"archived_at": record.archived_at})

        return self._change(actor, record_id, expected_version, "delete",
                            "archive" if archive else "restore", edit)

    # --- workflows (app/logic/kit/workflow.py) ---------------------------------------
    def move(self, actor: Actor, record_id: int, expected_version: int, target: str,
             values: Mapping[str, Any] | None = None) -> Changed:
        """Move the record to the state ``target`` by the transition leading there from its
        state now (with that transition's right); any other move is refused, naming the
        states that may follow."""
        self._require(actor, "view")
        workflow = self._workflow()
        with self._open(actor, write=False) as uow:
            record = self._load(uow, actor, record_id)
            state = getattr(record, workflow.field)
        transition = workflow.between(state, target)
        if transition is None:
            raise self._refused_move(state, target)
        return self.transit(actor, record_id, expected_version, transition.name, values)

    def transit(self, actor: Actor, record_id: int, expected_version: int, name: str,
                values: Mapping[str, Any] | None = None) -> Changed:
        """Make the transition ``name`` (its own right, ``<module>.<name>``): the record
        must be in one of its source states; ``values`` may set the fields it requires or
        accepts, and what it requires must be filled afterwards. One audit entry, whose
        action is the transition's name."""
        declared = self.entity.workflow.by_name.get(name) if self.entity.workflow else None
        self._require(actor, declared.needs if declared is not None else name)
        workflow = self._workflow()
        transition = workflow.transition(name)
        given = dict(values or {})
        unknown = [n for n in given if n not in transition.settable]
        if unknown:
            may = ", ".join(transition.settable) or "nothing"
            raise ValidationError({n: FieldError(
                "not_settable", f"cannot be set by {transition.label.en.lower()} (it sets: "
                                f"{may})") for n in unknown})
        c = Checker()
        clean = {n: self.entity.field(n).normalise(c, v) for n, v in given.items()}
        if c.errors:
            raise ValidationError(c.errors)

        def edit(uow: UnitOfWork, record: Any) -> dict[str, list[Any]] | None:
            state = getattr(record, workflow.field)
            if state not in transition.sources:
                target = transition.target
                raise self._refused_move(state, target, workflow.between(state, target))
            resolved = self._resolve(uow, actor, clean, record)
            names = (workflow.field, *transition.settable, *transition.clears,
                     *((transition.stamp,) if transition.stamp else ()))
            fields = [self.entity.field(n) for n in dict.fromkeys(names)]
            repo = self._repo(uow)
            stored = repo.values(record, [f.attr for f in fields])
            before = {f.name: stored[f.attr] for f in fields}
            # Emptied as the column keeps it: text as "", the others as None.
            cleared = {n: "" if isinstance(before[n], str) else None
                       for n in transition.clears}
            after = {**before, **resolved, workflow.field: transition.target, **cleared}
            if transition.stamp:
                after[transition.stamp] = now()
            missing = {n: FieldError("required", f"is required to "
                                                 f"{transition.label.en.lower()}")
                       for n in transition.requires if _empty(after.get(n))}
            if missing:
                raise ValidationError(missing)
            self.check_move(uow, actor, transition, after, record)
            changed = diff(before, after)
            repo.assign(record, self._attrs({n: after[n] for n in changed}), actor.user_id)
            self.before_flush(uow, record, transition.name, after)
            self.after_move(uow, actor, transition, after, record)
            return changed

        return self._change(actor, record_id, expected_version, transition.needs,
                            transition.name, edit)

    def next_moves(self, actor: Actor, record: Record) -> tuple[Transition, ...]:
        """The transitions ``record`` may make now that ``actor`` holds the right to (what
        a form offers as buttons)."""
        self._require(actor, "view")
        workflow = self._workflow()
        return tuple(t for t in workflow.leaving(str(record.get(workflow.field)))
                     if actor.can(self.entity.module, t.needs))

    def _workflow(self) -> Workflow:
        if self.entity.workflow is None:
            raise NotImplementedError(f"{self.entity.plural.en} have no workflow")
        return self.entity.workflow

    def _refused_move(self, state: str, target: str,
                      other: Transition | None = None) -> ValidationError:
        workflow = self._workflow()
        f = self.entity.field(workflow.field)
        if target not in f.values:
            return ValidationError({workflow.field: FieldError(
                "invalid_choice", f"must be one of: {', '.join(f.values)} (got {target!r})")})
        following = workflow.next_states(state)
        words = ", ".join(following) if following else "none (it is final)"
        here = f.choice_label(state, "en").lower()
        there = f.choice_label(target, "en").lower()
        if state == target:
            message = f"is already {here}; the next states are: {words}"
        else:
            message = (f"cannot go from {here} to {there}; from {here} the next states "
                       f"are: {words}")
        return ValidationError({workflow.field: FieldError("not_allowed", message)})

    # --- hooks a module may override --------------------------------------------------
    def check_move(self, uow: UnitOfWork, actor: Actor, transition: Transition,
                   values: dict[str, Any], record: Any) -> None:
        """Rules of a move beyond its required fields; ``values`` are the state and the
        fields the move touches as they will be saved (a hook may add to them)."""

    def after_move(self, uow: UnitOfWork, actor: Actor, transition: Transition,
                   values: Mapping[str, Any], record: Any) -> None:
        """What a move does besides (an activity done with a follow-up date plans the next
        one), in the same transaction; a record made here is audited here, before the
        move's own entry, and named by ``related``."""

    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        """Rules across fields or needing the database; ``record`` is None when creating.
        ``values`` are the given fields, normalised, references as ids."""

    def check_delete(self, uow: UnitOfWork, actor: Actor, record: Any) -> None:
        """Refuse (ValidationError) to delete a record still in use."""

    def duplicates(self, uow: UnitOfWork, actor: Actor, values: Mapping[str, Any],
                   exclude_id: int | None) -> list[Any]:
        """The stored rows that look like this one, whoever may see them (the caller may
        save anyway). The kit shows the actor those in their scope and, of the others,
        only which of ``entity.duplicate_fields`` they share."""
        return []

    def duplicates_many(self, uow: UnitOfWork, actor: Actor,
                        rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
        """``duplicates`` of each of ``rows`` (new records): a module may look them up
        with one query (an import's chunk)."""
        return [self.duplicates(uow, actor, values, None) for values in rows]

    def before_flush(self, uow: UnitOfWork, record: Any, action: str,
                     values: Mapping[str, Any]) -> None:
        """Adjust other rows in the same transaction (one primary contact)."""

    def after_write(self, uow: UnitOfWork, record: Any, action: str,
                    values: Mapping[str, Any]) -> None:
        """After the flush, before the audit entry (a customer's search key)."""

    def scope_owner(self, uow: UnitOfWork, record: Any) -> int | None:
        """The user whose records this one counts among (record scope)."""
        name = self.entity.scope
        return getattr(record, self.entity.field(name).attr) if name else None

    def record_scope(self, uow: UnitOfWork, record: Any) -> RecordScope | None:
        """Whose scope governs ``record`` (None: anyone with the module's view right sees
        it): by default the entity's scope module and ``scope_owner``. A record that
        belongs to one of several kinds says which (a supplier's contact: the suppliers'
        view right, no owner)."""
        if not self._scoped():
            return None
        return RecordScope(self.entity.scope_rights, self.scope_owner(uow, record))

    def children(self, uow: UnitOfWork, record: Any) -> dict[str, tuple[Record, ...]]:
        return {}

    def _shown_to(self, actor: Actor, record: Record) -> Record:
        """What of ``record`` the actor may see (children of a module they may not view
        are left out)."""
        return record

    def child_subjects(self, uow: UnitOfWork, record: Any) -> list[tuple[str, str]]:
        """(entity, id) of child records whose audit entries belong to its history."""
        return []

    def related(self, uow: UnitOfWork, record: Any) -> tuple[tuple[str, int], ...]:
        """Other records a change of this one touches (a contact's customer)."""
        return ()

    def created_changes(self, clean: Mapping[str, Any]) -> dict[str, list[Any]]:
        return created(clean)

    # --- records ----------------------------------------------------------------------
    def record_of(self, uow: UnitOfWork, record: Any) -> Record:
        """The frozen Record of an ORM row, built inside the unit of work."""
        return self.records_of(uow, [record])[0]

    def records_of(self, uow: UnitOfWork, records: Sequence[Any]) -> list[Record]:
        return build_records(uow, self.entity, records, self.children)

    def values_of(self, repo: RecordRepository[Any], record: Any) -> dict[str, Any]:
        """The editable fields' stored values by field name (references as ids)."""
        attrs = repo.values(record, [f.attr for f in self.entity.editable])
        return {f.name: attrs[f.attr] for f in self.entity.editable}

    # --- helpers ----------------------------------------------------------------------
    def id_of(self, actor: Actor, key: str) -> int:
        """The id of the record whose key is ``key`` (NotFound if none or outside the
        actor's scope)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            record = self._repo(uow).by_key(self._key_text(key))
            if record is None:
                raise NotFound(self.entity.name, key)
            self._check_scope(uow, actor, record, key)
            return int(record.id)

    def _require(self, actor: Actor, action: str) -> None:
        require(actor, self.entity.module, action)

    def _repo(self, uow: UnitOfWork) -> RecordRepository[Any]:
        return uow.get(self.repository)

    def _queries(self) -> type[KeysetQueries]:
        if self.queries is None:
            raise NotImplementedError(f"{self.entity.plural.en} have no list")
        return self.queries

    def _key_text(self, key: str) -> str:
        text = str(key).strip()
        if has_control_chars(text):
            raise InvalidQuery(f"a {self.entity.name} key must not contain control "
                               f"characters (got {key!r})")
        return text.upper() if self.entity.has(self.entity.key) and \
            self.entity.field(self.entity.key).kind == "code" else text

    def _load(self, uow: UnitOfWork, actor: Actor, record_id: int) -> Any:
        record = self._repo(uow).get(record_id)
        if record is None:
            raise NotFound(self.entity.name, record_id)
        self._check_scope(uow, actor, record, record_id)
        return record

    def _check_scope(self, uow: UnitOfWork, actor: Actor, record: Any, shown_as: object
                     ) -> None:
        """Outside the actor's scope is "not found", named as the caller named it."""
        scope = self.record_scope(uow, record)
        if scope is not None and not may_see(actor, scope):
            raise NotFound(self.entity.name, shown_as)

    def _in_scope(self, uow: UnitOfWork, actor: Actor, record: Any) -> bool:
        scope = self.record_scope(uow, record)
        return scope is None or may_see(actor, scope)

    def _scoped(self) -> bool:
        return bool(self.entity.scope or self.entity.scope_module)

    def _check_version(self, uow: UnitOfWork, record: Any, expected: int) -> None:
        if record.version != expected:
            raise self._conflict(uow, record, expected)

    def _conflict(self, uow: UnitOfWork, record: Any, expected: int) -> ConflictError:
        """Who changed ``record`` since version ``expected``, when, and its values now."""
        names = uow.refs.describe("user", [record.updated_by])
        theirs = self.values_of(self._repo(uow), record)
        key = getattr(record, self.entity.key, record.id) if self.entity.key else record.id
        return ConflictError(self.entity.name, key, expected, record.version,
                             names.get(record.updated_by or 0, ("", "another user"))[1],
                             record.updated_at, theirs)

    def _flush(self, uow: UnitOfWork, record: Any, expected_version: int) -> None:
        record_id = record.id
        try:
            uow.flush()
        except StaleRecord:
            fresh = self._repo(uow).get(record_id) if record_id is not None else None
            if fresh is None:
                raise NotFound(self.entity.name, record_id) from None
            raise self._conflict(uow, fresh, expected_version) from None
        except DuplicateKey as exc:
            raise ValidationError({self._unique_field(exc.column): FieldError(
                "duplicate_code" if exc.column in ("", self._key_attr()) else "duplicate",
                "is already used")}) from None

    def _unique_field(self, column: str) -> str:
        for f in self.entity.fields:
            if f.attr == column:
                return f.name
        return self.entity.key or "record"

    def _key_attr(self) -> str:
        return self.entity.field(self.entity.key).attr if self.entity.has(self.entity.key) \
            else self.entity.key

    def _attrs(self, values: Mapping[str, Any]) -> dict[str, Any]:
        by_name = self.entity.by_name
        return {by_name[n].attr: v for n, v in values.items()}

    def _assign_key(self, repo: RecordRepository[Any], values: dict[str, Any],
                    record_id: int | None) -> None:
        """A given key must be free; a new record without one gets the next code."""
        key = self.entity.key
        if not key or not self.entity.has(key) or not self.entity.field(key).editable:
            return
        if key not in values and record_id is not None:
            return
        if values.get(key):
            if repo.key_exists(values[key], exclude_id=record_id):
                raise ValidationError({key: FieldError("duplicate_code", "is already used")})
        elif record_id is None and self.entity.code_prefix:
            values[key] = repo.next_code(self.entity.code_prefix, self.entity.code_width)
        else:
            raise ValidationError({key: FieldError("required", "is required")})

    def _resolve(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
                 record: Any | None) -> dict[str, Any]:
        """References given by key (``sales1``, ``C000123``) become ids; a new or changed
        reference must name a record that exists and is in use."""
        resolved = dict(values)
        errors: dict[str, FieldError] = {}
        for name, value in values.items():
            f = self.entity.field(name)
            if f.kind != "reference" or value is None:
                continue
            if isinstance(value, str):
                found = uow.refs.find(f.ref, value)
                if found is None or not self._may_refer(uow, actor, f.ref, found):
                    errors[name] = FieldError(f"unknown_{f.ref}", f"no {f.ref} {value!r}")
                    continue
                value = resolved[name] = found
            unchanged = record is not None and getattr(record, f.attr) == value
            if not unchanged and not (uow.refs.usable(f.ref, value)
                                      and self._may_refer(uow, actor, f.ref, value)):
                errors[name] = FieldError(f"unknown_{f.ref}", f"is not an active {f.ref}")
        if errors:
            raise ValidationError(errors)
        return resolved

    @staticmethod
    def _may_refer(uow: UnitOfWork, actor: Actor, kind: str, record_id: int) -> bool:
        """A record outside the actor's scope cannot be referred to, and is answered as a
        missing one is (a contact for another salesperson's customer: "no customer")."""
        scoped = uow.refs.scope_of(kind, record_id)
        return scoped is None or may_see(actor, RecordScope(*scoped))

    def _refuse_duplicates(self, uow: UnitOfWork, actor: Actor, values: Mapping[str, Any],
                           exclude_id: int | None, found: list[Any] | None = None) -> None:
        """``PossibleDuplicate`` when stored rows look like ``values`` (``found``: already
        looked up, a chunk's at once)."""
        if found is None:
            found = self.duplicates(uow, actor, values, exclude_id)
        if not found:
            return
        shown = [r for r in found if self._in_scope(uow, actor, r)]
        unseen = [r for r in found if r not in shown]
        shared = tuple(f for f in self.entity.duplicate_fields
                       if any(_same(values.get(f), getattr(r, self.entity.field(f).attr))
                              for r in unseen)) if unseen else ()
        if unseen and not shared:  # matched in a way the fields do not show (a hook's rule)
            shared = self.entity.duplicate_fields[:1]
        raise PossibleDuplicate(self.records_of(uow, shown), self.entity, shared)

    def _audit(self, uow: UnitOfWork, actor: Actor, action: str, record: Any,
               changes: Mapping[str, Any], entity_id: object = None) -> AuditEntry:
        return uow.audit.append(user_id=actor.user_id, username=actor.username,
                                action=action, entity_type=self.entity.name,
                                entity_id=record.id if entity_id is None else entity_id,
                                changes=dict(changes))

    def _changed(self, uow: UnitOfWork, actor: Actor, action: str, record: Any) -> Changed:
        if getattr(uow, "light", False):  # many use cases in a batch (an import): the id,
            key = self.entity.key        # version and key are all it reads
            return Changed(self.entity.name, (record.id,), action, record.version,
                           extra={"key": str(getattr(record, self._key_attr(), "") or "")
                                  if key else ""})
        saved = self._shown_to(actor, self.record_of(uow, record))
        return Changed(self.entity.name, (record.id,), action, record.version, saved,
                       self.related(uow, record),
                       warnings=self.entity.warnings_for(saved.values))

    def _request(self, actor: Actor, query: ListQuery, columns: Sequence[str] | None
                 ) -> ListRequest:
        entity = self.entity
        fields = tuple(f.name for f in entity.listed) if columns is None else tuple(columns)
        unknown = [n for n in fields if n not in entity.by_name or not entity.field(n).listed]
        if unknown:
            raise InvalidQuery(f"unknown columns: {', '.join(unknown)}")
        filters = tuple(sorted((n, entity.filter_value(n, v)) for n, v in query.filters))
        ranges = tuple(sorted((n, *entity.range_value(n, low, high))
                              for n, low, high in query.ranges))
        scoped = entity.scope or entity.scope_module
        scope = owner_scope(actor, entity.scope_rights) if scoped else None
        return ListRequest(fields=fields, search=check_search(query.search), filters=filters,
                           ranges=tuple(r for r in ranges if r[1:] != (None, None)),
                           sort=entity.sort_value(query.sort), descending=query.descending,
                           include_archived=query.include_archived, scope=scope,
                           viewable=frozenset(m for m, a in actor.rights if a == "view"),
                           into=_shape(entity))

    def _filter_ids(self, uow: UnitOfWork, actor: Actor, request: ListRequest
                    ) -> ListRequest:
        """Reference filters given by key (``--filter owner=sales1``) as the ids the list
        compares; a key that names nothing (or a record outside the actor's scope) is a
        usage error, never an empty list."""
        filters = []
        for name, value in request.filters:
            f = self.entity.field(name)
            if f.kind == "reference" and isinstance(value, str):
                found = uow.refs.find(f.ref, value)
                if found is None or not self._may_refer(uow, actor, f.ref, found):
                    raise InvalidQuery(f"{name}: there is no {f.ref} {value!r}")
                value = found
            filters.append((name, value))
        return replace(request, filters=tuple(filters))

def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _same(given: object, stored: object) -> bool:
    """Whether a duplicate check's value matches a stored one (text without case)."""
    if given is None or given == "":
        return False
    if isinstance(given, str) and isinstance(stored, str):
        return given.strip().casefold() == stored.strip().casefold()
    return given == stored


_SHAPES: dict[str, RowShape] = {}


def _shape(entity: Entity) -> RowShape:
    """The entity's list rows, as the data layer makes them in the pass that reads them."""
    found = _SHAPES.get(entity.name)
    if found is None:
        found = _SHAPES[entity.name] = RowShape(
            entity.row_type._make, tuple(f.name for f in entity.listed), Ref)
    return found


def build_records(uow: UnitOfWork, entity: Entity, records: Sequence[Any],
                  children: Callable[[UnitOfWork, Any], dict[str, tuple[Record, ...]]]
                  | None = None) -> list[Record]:
    """Frozen Records of ORM rows of ``entity``, built inside the unit of work: references
    as ``Ref`` (key and label looked up in one query per kind), who created and changed
    each, and its ``children``."""
    refs = _ref_names(uow, entity.fields, records)
    users = uow.refs.describe("user", [u for r in records for u in (r.created_by, r.updated_by)])
    result = []
    for record in records:
        values = {}
        for f in entity.fields:
            value = getattr(record, f.attr)
            if f.kind == "reference":
                value = _ref(refs.get(f.ref, {}), value)
            values[f.name] = value
        result.append(Record(
            entity.name, record.id, values, record.version,
            archived=bool(getattr(record, "archived_at", None)),
            created_at=record.created_at,
            created_by=users.get(record.created_by or 0, ("", ""))[1],
            updated_at=record.updated_at,
            updated_by=users.get(record.updated_by or 0, ("", ""))[1],
            children=children(uow, record) if children is not None else {}))
    return result


def _named_refs(uow: UnitOfWork, rows: list[AuditRow]) -> list[AuditRow]:
    """Entries whose reference fields' ids (an owner) read as names: "王伟 (#3)"."""
    from dataclasses import replace

    from app.logic.kit.registry import entities

    known = entities()
    wanted: dict[str, set[int]] = {}
    for row in rows:
        entity = known.get(row.entity_type)
        for name, value in row.changes.items():
            if entity is not None and entity.has(name) and \
                    entity.field(name).kind == "reference" and isinstance(value, list):
                wanted.setdefault(entity.field(name).ref, set()).update(
                    v for v in value if isinstance(v, int))
    names = {kind: uow.refs.describe(kind, ids) for kind, ids in wanted.items()}
    named = []
    for row in rows:
        entity = known.get(row.entity_type)
        changes = dict(row.changes)
        for name, value in row.changes.items():
            if entity is not None and entity.has(name) and \
                    entity.field(name).kind == "reference" and isinstance(value, list):
                found = names.get(entity.field(name).ref, {})
                changes[name] = [f"{found[v][1]} (#{v})" if isinstance(v, int) and v in found
                                 else v for v in value]
        named.append(replace(row, changes=changes))
    return named


def _ref_names(uow: UnitOfWork, fields: Sequence[Field], records: Sequence[Any]
               ) -> dict[str, dict[int, tuple[str, str]]]:
    wanted: dict[str, set[int]] = {}
    for f in fields:
        if f.kind == "reference":
            wanted.setdefault(f.ref, set()).update(
                v for r in records if (v := getattr(r, f.attr)) is not None)
    return {kind: uow.refs.describe(kind, ids) for kind, ids in wanted.items()}


def _ref(names: Mapping[int, tuple[str, str]], ref_id: int | None) -> Ref | None:
    if ref_id is None:
        return None
    key, label = names.get(ref_id, (str(ref_id), str(ref_id)))
    return Ref(ref_id, key, label)
