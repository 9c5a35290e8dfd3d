"""A record that moves through states: a ticket new -> assigned -> in progress -> resolved ->
closed, an order draft -> confirmed -> delivered.

An entity declares its ``Workflow``: the field holding the state (read-only to ``update``),
the state a new record starts in, and its transitions. Each transition is a right of its own
(``feedback.resolve``: the module lists ``workflow.actions()`` in its ``LogicModule``), the
audit entry's action, the states it leaves from and the one it goes to, the fields the move
must leave filled (a resolution) and those it may set on the way (a satisfaction score).
``RecordService.transit`` makes one move on the kit's write path; ``RecordService.move`` finds
the transition from the record's state to the one asked for, and refuses any other move with
a message naming the states that may follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from app.logic.kit.fields import Label


@dataclass(frozen=True)
class Transition:
    name: str  # the right (``feedback.resolve``) and the audit action: "resolve"
    sources: tuple[str, ...]  # the states it leaves from
    target: str  # the state it goes to
    label: Label  # the button's and the rights matrix's word: "Resolve" / "解决"
    requires: tuple[str, ...] = ()  # fields that must be filled after the move
    accepts: tuple[str, ...] = ()  # fields the move may set besides those
    stamp: str = ""  # a time field set to the moment of the move ("resolved_at")
    clears: tuple[str, ...] = ()  # fields emptied by the move (a reopen's closed time)
    # The right the move needs when it is not a right of its own: the stages of a sales
    # pipeline are moved between freely by whoever may edit the opportunity ("edit").
    right: str = ""

    @property
    def needs(self) -> str:
        """The action of the right this move needs: its own name, or its ``right``."""
        return self.right or self.name

    @property
    def settable(self) -> tuple[str, ...]:
        return self.requires + tuple(n for n in self.accepts if n not in self.requires)


@dataclass(frozen=True)
class Workflow:
    field: str  # the state's field: "status"
    initial: str  # where a new record starts: "new"
    transitions: tuple[Transition, ...]
    final: tuple[str, ...] = ()  # states no longer open (closed, cancelled)

    def __post_init__(self) -> None:
        names = [t.name for t in self.transitions]
        if len(set(names)) != len(names):
            raise ValueError(f"a workflow's transitions have distinct names: {names}")
        pairs = [(s, t.target) for t in self.transitions for s in t.sources]
        if len(set(pairs)) != len(pairs):
            raise ValueError("two transitions of a workflow go between the same states")

    @cached_property
    def by_name(self) -> dict[str, Transition]:
        return {t.name: t for t in self.transitions}

    def transition(self, name: str) -> Transition:
        return self.by_name[name]

    def between(self, state: str, target: str) -> Transition | None:
        """The transition from ``state`` to ``target``, if there is one."""
        for t in self.transitions:
            if state in t.sources and t.target == target:
                return t
        return None

    def leaving(self, state: str) -> tuple[Transition, ...]:
        """The transitions a record in ``state`` may make, in declared order."""
        return tuple(t for t in self.transitions if state in t.sources)

    def next_states(self, state: str) -> tuple[str, ...]:
        seen: list[str] = []
        for t in self.leaving(state):
            if t.target not in seen:
                seen.append(t.target)
        return tuple(seen)

    def is_open(self, state: str) -> bool:
        return state not in self.final

    def actions(self) -> dict[str, Label]:
        """The rights the transitions add to their module: ``LogicModule(actions=...)``
        (those moves that need another right add none)."""
        return {t.name: t.label for t in self.transitions if not t.right}
