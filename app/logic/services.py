"""The set of services a front end (GUI or CLI) receives from the composition root: one
instance of every service of every registered module."""

from __future__ import annotations

from typing import Any, TypeVar

from app.logic.kit.dto import Actor
from app.logic.kit.entity import Entity
from app.logic.kit.importing import ImportService
from app.logic.kit.registry import LogicModule, load_modules
from app.logic.kit.service import RecordService, Service, UowFactory
from app.logic.kit.timeline import TIMELINE_SHOWN, Moment, TimelineSource, merge

S = TypeVar("S", bound=Service)


class Services:
    def __init__(self, uow: UowFactory, database_label: str = "",
                 modules: tuple[LogicModule, ...] | None = None) -> None:
        self.database_label = database_label
        self.modules = load_modules() if modules is None else modules
        self._by_name: dict[str, Service] = {}
        self._by_class: dict[type[Any], Service] = {}
        for module in self.modules:
            for name, kind in module.services.items():
                service = kind(uow)
                self._by_name[name] = self._by_class[kind] = service
        # The kit's import of any module's records (kehu import; the Import dialog).
        self.importer = ImportService(uow)

    @classmethod
    def build(cls, uow: UowFactory, database_label: str = "") -> Services:
        return cls(uow, database_label)

    def __getattr__(self, name: str) -> Any:
        services = self.__dict__.get("_by_name", {})
        if name in services:
            return services[name]
        raise AttributeError(name)

    def get(self, kind: type[S]) -> S:
        """The service of class ``kind`` (typed: ``services.get(CustomerService)``)."""
        return self._by_class[kind]  # type: ignore[return-value]  # keyed by its own class

    def all(self) -> dict[str, Service]:
        return dict(self._by_name)

    def for_entity(self, name: str) -> RecordService:
        """The record service of an entity ("customer")."""
        for service in self._by_name.values():
            if isinstance(service, RecordService) and service.entity.name == name:
                return service
        raise KeyError(name)

    def by_module(self, module: str) -> RecordService:
        """The record service of the module's main entity (``kehu customers ...``)."""
        for service in self._by_name.values():
            if isinstance(service, RecordService) and service.entity.module == module \
                    and service.entity.name != "contact":
                return service
        raise KeyError(module)

    def timeline(self, actor: Actor, customer_id: int, limit: int = TIMELINE_SHOWN
                 ) -> list[Moment]:
        """The customer's timeline from every module that contributes (what ``actor`` may
        see of each), newest first."""
        sources: list[TimelineSource] = [
            self._by_name[name] for m in self.modules  # type: ignore[misc]  # each named service has timeline_of
            for name in m.timeline if actor.can(m.name, "view")]
        return merge([s.timeline_of(actor, customer_id, limit) for s in sources], limit)

    def entities(self) -> dict[str, Entity]:
        return {e.name: e for m in self.modules for e in m.entities}
