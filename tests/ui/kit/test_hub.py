"""The change hub: what one screen saved reaches every other; nothing when nothing changed."""

from __future__ import annotations

from app.logic.kit.dto import Changed
from app.ui.kit.hub import ChangeHub


def test_a_change_reaches_every_listener_and_no_change_reaches_none(qapp):
    hub = ChangeHub()
    heard: list[tuple[str, Changed]] = []
    hub.sig_changed.connect(lambda c: heard.append(("list", c)))
    hub.sig_changed.connect(lambda c: heard.append(("form", c)))
    saved = Changed("customer", (7,), "update", 2)
    hub.broadcast(saved)
    hub.broadcast(Changed("customer", (7,), "unchanged", 2))
    assert heard == [("list", saved), ("form", saved)]


def test_a_contacts_change_touches_its_customer():
    changed = Changed("contact", (3,), "create", 1, related=(("customer", 7),))
    assert changed.touches("customer", 7)
    assert not changed.touches("customer", 8)
    assert changed.touches("contact")
