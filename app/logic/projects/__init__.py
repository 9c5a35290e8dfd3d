"""Projects: a customer's projects. The module's public API."""

from app.logic.kit.fields import Label
from app.logic.kit.registry import LogicModule
from app.logic.projects.fields import CLOSED, OPEN, PROJECT, REOPENED, STAGES
from app.logic.projects.service import ProjectService

__all__ = ["CLOSED", "MODULE", "OPEN", "PROJECT", "REOPENED", "STAGES", "ProjectService"]

MODULE = LogicModule("projects", services={"projects": ProjectService}, entities=(PROJECT,),
                     actions={"reopen": Label("Reopen", "重新打开")}, timeline=("projects",))
