"""The idle lock: a watcher for user input and the dialog that asks for the password again."""

from app.ui.shell.lock.dialog import LockDialog
from app.ui.shell.lock.watcher import IdleWatcher

__all__ = ["IdleWatcher", "LockDialog"]
