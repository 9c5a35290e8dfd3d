"""Cold start: process start to main window shown, against a bare Qt process.

The child runs the real entry point (``app.cli.main(["--demo", "--db", URL])``), watching
for the first ``QMainWindow`` Show event; it prints the wall-clock time then and quits.
The parent takes the time before starting the process. Qt runs offscreen.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from benchmarks.timing import Result, Samples

WATCH = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["kehu"])
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and isinstance(obj, QMainWindow):
            print("SHOWN", repr(time.time()), flush=True)
            QTimer.singleShot(0, app, app.quit)
        return False
watch = Watch()
app.installEventFilter(watch)
"""
APP = WATCH + """
from app.cli import main
code = main(sys.argv[1:])
"""
BARE = WATCH + """
window = QMainWindow()
window.show()
app.exec()
"""


def _once(script: str, args: list[str], timeout: float) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()
    done = subprocess.run([sys.executable, "-c", script, *args], env=env, timeout=timeout,
                          capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("SHOWN "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"the window was never shown (exit {done.returncode}):\n"
                       f"{done.stderr[-2000:]}")


def precompile() -> None:
    """Compile the installed packages and the app to bytecode first, as pip and installers
    do: a cold start should not include compiling SQLAlchemy from source (which happens on
    every start where PYTHONDONTWRITEBYTECODE is set and uv installed without bytecode)."""
    import compileall
    import sysconfig
    from pathlib import Path

    for folder in (sysconfig.get_paths()["purelib"], str(Path(__file__).resolve().parents[1]
                                                          / "app")):
        compileall.compile_dir(folder, quiet=2, workers=0)


def cold_start(url: str, repeat: int, timeout: float = 120.0) -> Result:
    precompile()
    app_args = ["--demo", "--db", url]
    _once(APP, app_args, timeout)  # first run: compiles bytecode, warms the OS cache
    ours = [_once(APP, app_args, timeout) for _ in range(repeat)]
    bare = [_once(BARE, [], timeout) for _ in range(repeat)]
    return Result("cold start to main window", Samples(tuple(ours)), Samples(tuple(bare)),
                  1000.0, "raw: bare QApplication + QMainWindow")
