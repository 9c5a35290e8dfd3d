"""The activities list: every activity the user may see, with views (all, mine not done),
filters by kind, state, owner, customer, overdue and a scheduled-time range; overdue ones
stand out (the entity's late field)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from app.logic.activities import ACTIVITY
from app.logic.kit.fields import Label
from app.ui.activities.form import user_items
from app.ui.kit.context import Context
from app.ui.kit.list_view import ListView, RecordListView
from app.ui.kit.opener import open_record

VIEWS = (ListView(Label("All activities", "全部活动"), lambda context: ()),
         ListView(Label("Mine, not done", "我的未完成活动"),
                  lambda context: (("owner", context.actor.user_id), ("state", "planned"))))


def owners(context: Context) -> list[tuple[str, Any]]:
    return user_items(context.services.activities.owner_choices(context.actor))


class ActivityListView(RecordListView):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "activities", ACTIVITY,
                         filters=("kind", "state", "owner", "overdue", "scheduled_at"),
                         loaders={"owner": owners},
                         reload_on={"user": ("owner",), "role": ("owner",)},
                         search_box=True, views=VIEWS, parent=parent)
        self.sig_open.connect(self.open_activity)

    def new_record(self) -> QDialog | None:
        if not self.context.can("activities", "create"):
            return None
        return open_record(self.context, "activity", None, self)

    def open_activity(self, activity_id: int) -> QDialog | None:
        return open_record(self.context, "activity", activity_id, self)
