"""A customer's timeline: what happened with the customer and what is planned, from every
module that has something to say (activities, feedback, projects; later orders and payments),
newest first.

A module lists the services that contribute in ``LogicModule(timeline=("projects",))``; each
such service has ``timeline_of(actor, customer_id, limit) -> list[Moment]`` and answers only
what the actor may see (PermissionDenied without the module's view right: ``Services.timeline``
asks only the modules the actor may view, and merges their answers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.logic.kit.dto import Actor
from app.logic.kit.fields import Label

TIMELINE_SHOWN = 30  # entries a customer's overview shows


@dataclass(frozen=True)
class Moment:
    """One entry of a timeline."""

    when: datetime  # UTC: when it happened, or is planned for
    entity: str  # the record's entity ("activity"), to open it
    record_id: int
    kind: Label  # what it is: "Visit" / "拜访", "Complaint" / "投诉", "Project" / "项目"
    title: str  # the record's own words: a subject, a name
    state: Label | None = None  # "Done" / "已完成", "Resolved" / "已解决"
    key: str = ""  # its key, when it has one (F000012)
    late: bool = False  # overdue: it stands out


class TimelineSource(Protocol):
    def timeline_of(self, actor: Actor, customer_id: int, limit: int) -> list[Moment]: ...


def merge(found: list[list[Moment]], limit: int) -> list[Moment]:
    """Every source's entries, newest first (ties by entity and id, so the order is stable),
    up to ``limit``."""
    entries = [m for part in found for m in part]
    entries.sort(key=lambda m: (m.when, m.entity, m.record_id), reverse=True)
    return entries[:limit]
