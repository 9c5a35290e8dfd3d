"""Security settings an administrator can change."""

from __future__ import annotations

from dataclasses import asdict, replace

from app.logic.auth import read_security_settings
from app.logic.base import Service
from app.logic.dto import Actor, SecuritySettings
from app.logic.errors import ValidationError
from app.logic.permissions import require
from app.logic.validation import Checker

RANGES = {"password_min_length": (8, 64), "lockout_threshold": (1, 100),
          "lockout_minutes": (1, 1440), "idle_lock_minutes": (1, 480)}


class SettingsService(Service):
    def get_security_settings(self, actor: Actor) -> SecuritySettings:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            return read_security_settings(uow)

    def update_security_settings(self, actor: Actor, **values: int) -> SecuritySettings:
        require(actor, "admin", "edit")
        c = Checker()
        clean = {}
        for name, value in values.items():
            if name not in RANGES:
                c.fail(name, "unknown_field", "is not a security setting")
                continue
            clean[name] = c.integer(name, value, *RANGES[name])
        if c.errors:
            raise ValidationError(c.errors)
        with self._open(actor) as uow:
            before = read_security_settings(uow)
            after = replace(before, **clean)
            changes = {k: [v, asdict(after)[k]] for k, v in asdict(before).items()
                       if asdict(after)[k] != v}
            if changes:
                for key in changes:
                    uow.settings.put(key, str(asdict(after)[key]))
                uow.audit.append(user_id=actor.user_id, username=actor.username,
                                 action="update", entity_type="settings", entity_id="security",
                                 changes=changes)
                uow.commit()
            return after
