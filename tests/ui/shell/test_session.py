"""The session: idle lock, unlock with the password, and the end of a disabled account."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app.logic.kit.dto import Actor
from app.logic.kit.errors import AuthenticationFailed
from app.logic.services import Services
from app.ui.shell.i18n import Translation
from app.ui.shell.lock import IdleWatcher, LockDialog
from app.ui.shell.lock.cover import Cover
from app.ui.shell.password_dialog import ChangePasswordDialog
from app.ui.shell.session import Session

IDLE_MS = 50
LI_PASSWORD = "chosen-password-77"


@pytest.fixture
def translation(qapp) -> Iterator[Translation]:
    translation = Translation()
    yield translation
    translation.install("en")


@pytest.fixture
def li(services: Services, actor: Actor, quick_hashing: None) -> Actor:
    """A salesperson who signed in and chose her own password."""
    services.users.add_user(actor, "li.lei", "temporary-pw-1", "李雷", ["salesperson"])
    li = services.auth.login("li.lei", "temporary-pw-1")
    return services.auth.change_password(li, "temporary-pw-1", LI_PASSWORD)


def start(qtbot, services: Services, actor: Actor, runner, translation: Translation,
          idle_ms: int = IDLE_MS) -> Session:
    session = Session(services, actor, runner, translation, idle_timeout_ms=idle_ms)
    window = session.show_main_window()
    qtbot.addWidget(window)
    return session


def wait_locked(qtbot, session: Session) -> LockDialog:
    qtbot.waitUntil(lambda: session.lock_dialog is not None and session.lock_dialog.isVisible())
    return session.lock_dialog


def covers(session: Session) -> list[Cover]:
    return [c for c in session.window.findChildren(Cover) if c.isVisible()]


def test_the_timeout_comes_from_the_security_settings_unless_injected(
        qtbot, services, actor, runner, translation):
    assert actor.idle_lock_minutes == 15
    session = Session(services, actor, runner, translation)
    assert session.idle.timeout_ms == 15 * 60_000
    assert start(qtbot, services, actor, runner, translation).idle.timeout_ms == IDLE_MS


def test_input_restarts_the_countdown(qtbot, qapp):
    watcher = IdleWatcher(10_000)
    watcher.start()
    qtbot.wait(150)
    assert watcher.timer.remainingTime() < 9_900
    target = QApplication.focusWidget() or qapp
    QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                             Qt.KeyboardModifier.NoModifier, "a"))
    assert watcher.timer.remainingTime() > 9_900
    watcher.stop()
    assert not watcher.timer.isActive()


def test_the_window_locks_after_the_idle_time_and_covers_its_content(
        qtbot, services, li, runner, translation):
    session = start(qtbot, services, li, runner, translation)
    dialog = wait_locked(qtbot, session)
    assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
    assert dialog.findChild(QLabel, "lockUser").text() == "李雷 (li.lei)"
    assert len(covers(session)) == 1
    assert not session.idle.timer.isActive()


def test_esc_neither_unlocks_nor_signs_out(qtbot, services, li, runner, translation):
    session = start(qtbot, services, li, runner, translation)
    dialog = wait_locked(qtbot, session)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()
    assert session.locked
    assert not session.signed_out


def test_a_wrong_password_is_refused(qtbot, services, li, runner, translation):
    session = start(qtbot, services, li, runner, translation)
    dialog = wait_locked(qtbot, session)
    qtbot.keyClicks(dialog.password, "not-my-password")
    dialog.on_unlock()
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Wrong user name or password."
    assert dialog.isVisible()
    assert session.locked
    assert len(covers(session)) == 1


def test_a_locked_account_is_told_so_in_the_lock_dialog(qtbot, services, li, runner,
                                                         translation):
    session = start(qtbot, services, li, runner, translation)
    dialog = wait_locked(qtbot, session)
    for _ in range(services.auth.security_settings().lockout_threshold):
        with pytest.raises(AuthenticationFailed):
            services.auth.login("li.lei", "wrong-password")
    dialog.password.setText(LI_PASSWORD)
    dialog.on_unlock()
    with pytest.raises(AuthenticationFailed) as locked:
        services.auth.login("li.lei", LI_PASSWORD)
    until = locked.value.until.astimezone().strftime("%Y-%m-%d %H:%M")
    assert dialog.error.text() == (
        f"This account is locked after too many failed sign-ins, until {until}. "
        "An administrator can unlock it sooner.")
    assert dialog.isVisible()
    assert session.locked


def test_the_right_password_unlocks_and_arms_the_timer_again(
        qtbot, services, li, runner, translation):
    session = start(qtbot, services, li, runner, translation, idle_ms=200)
    dialog = wait_locked(qtbot, session)
    dialog.password.setText(LI_PASSWORD)
    with qtbot.waitSignal(dialog.sig_unlocked):
        dialog.on_unlock()
    assert not session.locked
    assert session.idle.timer.isActive()
    qtbot.waitUntil(lambda: not covers(session))
    assert session.window.isVisible()
    wait_locked(qtbot, session)


def test_sign_out_from_the_lock_closes_the_window(qtbot, services, li, runner, translation):
    session = start(qtbot, services, li, runner, translation)
    dialog = wait_locked(qtbot, session)
    with qtbot.waitSignal(session.sig_signed_out):
        dialog.sign_out_button.click()
    assert session.signed_out
    assert not session.window.isVisible()
    assert not session.idle.timer.isActive()


def test_a_password_reset_while_locked_must_be_changed_before_continuing(
        qtbot, services, actor, li, runner, translation):
    session = start(qtbot, services, li, runner, translation)
    dialog = wait_locked(qtbot, session)
    row = next(u for u in services.users.list_all_users(actor) if u.username == "li.lei")
    services.users.reset_password(actor, row.id, row.version, "temporary-pw-2")
    dialog.password.setText("temporary-pw-2")
    dialog.on_unlock()
    change = QApplication.activeModalWidget()
    assert isinstance(change, ChangePasswordDialog)
    change.current.setText("temporary-pw-2")
    change.new.setText("another-password-8")
    change.repeat.setText("another-password-8")
    with qtbot.waitSignal(change.finished):
        change.on_change()
    assert not session.actor.must_change_password
    assert not session.signed_out
    qtbot.waitUntil(lambda: not covers(session))


@pytest.fixture
def session_of_li(qtbot, services, li, runner, translation) -> Session:
    return start(qtbot, services, li, runner, translation, idle_ms=60_000)


def test_a_disabled_users_next_action_says_so_and_signs_out(qtbot, services, actor,
                                                          session_of_li):
    session = session_of_li
    row = next(u for u in services.users.list_all_users(actor) if u.username == "li.lei")
    services.users.disable_user(actor, row.id, row.version)
    session.window.page("customers").reload()
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert box.objectName() == "sessionEndedDialog"
    assert box.windowTitle() == "Signed out"
    assert "Your account was disabled or removed" in box.text()
    assert not session.window.findChildren(QMessageBox, "errorDialog")
    assert not session.signed_out
    with qtbot.waitSignal(session.sig_signed_out):
        box.button(QMessageBox.StandardButton.Ok).click()
    assert not session.window.isVisible()


def test_a_disabled_user_with_unsaved_changes_is_signed_out_without_a_question(
        qtbot, services, actor, session_of_li):
    session = session_of_li
    form = session.window.on_new()
    form.fields.editor("name").setText("Unsaved 公司")
    row = next(u for u in services.users.list_all_users(actor) if u.username == "li.lei")
    services.users.disable_user(actor, row.id, row.version)
    form.on_save()
    box = QApplication.activeModalWidget()
    assert box.objectName() == "sessionEndedDialog"
    with qtbot.waitSignal(session.sig_signed_out):
        box.done(QMessageBox.StandardButton.Ok)
    assert not form.isVisible()
    assert session.window.forms() == []


def test_sign_out_from_the_menu(qtbot, services, li, runner, translation, session_of_li):
    with qtbot.waitSignal(session_of_li.sig_signed_out):
        session_of_li.window.sign_out_action.trigger()
    assert session_of_li.signed_out


def test_the_admin_sees_no_lock_while_working(qtbot, services, actor, runner, translation):
    session = start(qtbot, services, actor, runner, translation, idle_ms=60_000)
    window = session.window
    QApplication.sendEvent(window.search, QMouseEvent(
        QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert session.idle.timer.remainingTime() > 59_000
    assert not session.locked


def test_after_unlocking_the_idle_time_follows_the_current_setting(
        qtbot, services, actor, li, runner, translation):
    session = Session(services, li, runner, translation)
    qtbot.addWidget(session.show_main_window())
    version = services.settings.get_security_settings(actor).version
    services.settings.update_security_settings(actor, version, idle_lock_minutes=5)
    session.lock()
    session.lock_dialog.password.setText(LI_PASSWORD)
    session.lock_dialog.on_unlock()
    assert not session.locked
    assert session.idle.timeout_ms == 5 * 60_000


def test_rights_changed_while_locked_rebuild_the_window_on_unlocking(
        qtbot, services, actor, li, runner, translation):
    """A salesperson (may create customers) is made an auditor (reads only) while her window
    is locked: after unlocking, the screens are the auditor's."""
    session = Session(services, li, runner, translation)
    old = session.show_main_window()
    qtbot.addWidget(old)
    assert old.new_action.isEnabled()
    row = next(u for u in services.users.list_all_users(actor) if u.username == "li.lei")
    services.users.update_user(actor, row.id, row.version, roles=["auditor"])
    session.lock()
    session.lock_dialog.password.setText(LI_PASSWORD)
    session.lock_dialog.on_unlock()
    assert not session.locked
    assert session.window is not old
    qtbot.addWidget(session.window)
    assert session.actor.role_codes == {"auditor"}
    assert not session.window.new_action.isEnabled()


def test_unlocking_with_unchanged_rights_keeps_the_window(
        qtbot, services, li, runner, translation):
    session = Session(services, li, runner, translation)
    window = session.show_main_window()
    qtbot.addWidget(window)
    session.lock()
    session.lock_dialog.password.setText(LI_PASSWORD)
    session.lock_dialog.on_unlock()
    assert not session.locked
    assert session.window is window
