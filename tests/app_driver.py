"""Runs the real desktop app (``run_gui``) in a child process for the lifecycle tests.

Usage: ``app_driver.py DATA_DIR MODEL MARKS [--trust] [--ask] [--quit-after S]``. It writes
lines to the file MARKS: ``loading`` when the model starts loading, ``streaming`` when the
first piece of an answer arrives (with ``--ask`` a question is sent as soon as the model is
ready), and ``quit`` just before it presses Ctrl+Q, ``--quit-after`` seconds after the last of
those. ``--trust`` records the model as already probed, so the load goes straight into
llama.cpp. The exit status is the app's. The marks go to a file, not stdout: llama.cpp points
the process's stdout and stderr at /dev/null while it loads a model.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import desktop.app as app_module
from desktop.core.models.model_check import VerdictCache
from desktop.core.system.paths import DataDir


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("model", type=Path)
    parser.add_argument("marks", type=Path)
    parser.add_argument("--trust", action="store_true")
    parser.add_argument("--ask", action="store_true")
    parser.add_argument("--quit-after", type=float, default=None)
    args = parser.parse_args()
    data = DataDir(args.data).ensure()
    if args.trust:
        VerdictCache(data.model_checks_file).put(args.model, True, "")
    app = QApplication(sys.argv[:1])
    made: dict[str, app_module.Services] = {}
    create = app_module.Services.create

    def capture(data_dir: DataDir) -> app_module.Services:
        services = made["services"] = create(data_dir)
        services.settings.set_values(
            {
                "performance/threads": 1,
                "performance/context_auto": False,
                "performance/context_length": 4096,
                "generation/max_tokens": 1_000_000,
            }
        )
        return services

    app_module.Services.create = capture  # type: ignore[method-assign]
    marks: dict[str, float] = {}

    def mark(stage: str) -> None:
        if stage not in marks:
            marks[stage] = time.monotonic()
            with open(args.marks, "a", encoding="utf-8") as marks_file:
                marks_file.write(stage + "\n")

    def poll() -> None:
        services = made.get("services")
        if services is None:
            return
        state = services.session.state.value
        if state == "loading":
            mark("loading")
        if state == "ready" and args.ask and "asked" not in marks:
            mark("asked")
            services.chat.thinking_received.connect(lambda *_: mark("streaming"))
            services.chat.answer_received.connect(lambda *_: mark("streaming"))
            services.chat.send("Count from one to a million, one number per line.")
        stage = "streaming" if args.ask else "loading"
        due = args.quit_after is not None and stage in marks and "quit" not in marks
        if due and time.monotonic() - marks[stage] >= args.quit_after:
            mark("quit")
            from desktop.ui.main_window import MainWindow

            window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
            window.activateWindow()  # shortcuts reach the active window only
            QTest.qWaitForWindowActive(window, 5000)
            QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(20)
    return app_module.run_gui(data, args.model)


if __name__ == "__main__":
    sys.exit(main())
