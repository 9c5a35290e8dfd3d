"""What every module screen receives from the shell: the services, the signed-in actor, the
task runner, the change hub and, in the main window, the way to another module's list
(``navigate``: a dashboard's click-through). Passed through constructors; nothing global."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.logic.kit.dto import Actor
from app.logic.services import Services
from app.ui.kit.hub import ChangeHub
from app.ui.kit.tasks import Runner

if TYPE_CHECKING:
    from app.ui.kit.drill import DrillTarget


@dataclass(frozen=True)
class Context:
    services: Services
    actor: Actor
    runner: Runner
    hub: ChangeHub
    # Opens the list a drill names (app/ui/kit/drill.py); False when the user may not
    # open it. None outside the main window: nothing to navigate.
    navigate: Callable[[DrillTarget], bool] | None = None

    def can(self, module: str, action: str) -> bool:
        return self.actor.can(module, action)

    def service(self, name: str) -> Any:
        return getattr(self.services, name)
