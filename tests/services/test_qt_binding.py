"""Regression guard for the Qt binding itself: signals emitted from a worker thread.

PySide6 6.12.0 corrupts the reference counts of True/False on each cross-thread emit, which
aborts the interpreter after a few thousand tokens ("bool_dealloc"). pyproject excludes it;
this test fails loudly if a future release brings the bug back.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

class Worker(QObject):
    done = Signal(int, bool, object)

    @Slot(int)
    def work(self, n):
        for i in range(n):
            self.done.emit(i, i % 2 == 0, {"ok": True})

class Receiver(QObject):
    go = Signal(int)

    def __init__(self):
        super().__init__()
        self.count = 0

    @Slot(int, bool, object)
    def on_done(self, i, flag, payload):
        self.count += 1
        if self.count == 20000:
            QCoreApplication.quit()

app = QCoreApplication([])
thread, worker, receiver = QThread(), Worker(), Receiver()
worker.moveToThread(thread)
receiver.go.connect(worker.work)
worker.done.connect(receiver.on_done)
thread.start()
receiver.go.emit(20000)
app.exec()
thread.quit()
thread.wait()
print(receiver.count)
"""


def test_many_cross_thread_emits_do_not_corrupt_the_interpreter():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "20000"
