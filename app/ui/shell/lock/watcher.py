"""Notices when nobody has touched the application for a while."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.InputMethod, QEvent.Type.ShortcutOverride,
})


class IdleWatcher(QObject):
    """An application-wide event filter: any keyboard or mouse input restarts the countdown;
    ``sig_idle`` fires once when ``timeout_ms`` pass without input. ``start()`` arms it again."""

    sig_idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.on_timeout)
        self._watching = False

    @property
    def timeout_ms(self) -> int:
        return self.timer.interval()

    def start(self) -> None:
        application = QCoreApplication.instance()
        if not self._watching and application is not None:
            application.installEventFilter(self)
            self._watching = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        application = QCoreApplication.instance()
        if self._watching and application is not None:
            application.removeEventFilter(self)
            self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.timer.start()
        return False

    def on_timeout(self) -> None:
        self.stop()
        self.sig_idle.emit()
