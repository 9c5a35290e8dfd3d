"""What every module screen receives from the shell: the services, the signed-in actor, the
task runner, the change hub. Passed through constructors; nothing global."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.logic.kit.dto import Actor
from app.logic.services import Services
from app.ui.kit.hub import ChangeHub
from app.ui.kit.tasks import Runner


@dataclass(frozen=True)
class Context:
    services: Services
    actor: Actor
    runner: Runner
    hub: ChangeHub

    def can(self, module: str, action: str) -> bool:
        return self.actor.can(module, action)

    def service(self, name: str) -> Any:
        return getattr(self.services, name)
