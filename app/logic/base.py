"""What every service shares: a unit of work per use case, opened for a signed-in user."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from app.data.uow import UnitOfWork
from app.logic.dto import Actor
from app.logic.errors import AuthenticationFailed

UowFactory = Callable[..., UnitOfWork]


class Service:
    def __init__(self, uow: UowFactory) -> None:
        self._uow = uow

    @contextmanager
    def _open(self, actor: Actor, write: bool = True, password_change: bool = False
              ) -> Iterator[UnitOfWork]:
        """A unit of work for ``actor``, whose account must still be usable: a user disabled
        or locked out after signing in fails at the next action."""
        with self._uow(write=write) as uow:
            state = uow.users.session_state(actor.user_id)
            if state is None or not state.is_active:
                raise AuthenticationFailed("your account is disabled or was removed; "
                                           "sign in again")
            if state.must_change_password and not password_change:
                raise AuthenticationFailed("you must change your password first")
            yield uow
