"""Offline by construction: start-up, opening a model and chatting open no network connection.

A sitecustomize module on PYTHONPATH installs an audit hook in the app process and in every
child it starts (the model probe), logging each socket connect, bind, send and name lookup to
a file. Only Unix-domain sockets (the display server, the session bus) are let through;
loopback counts too, since the app has no reason to use it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

HOOK = textwrap.dedent(
    """
    import os, socket, sys

    _log = os.environ["THINKDESK_NET_LOG"]

    def _audit(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                     "socket.sendto", "socket.bind"):
            lookup = event in ("socket.getaddrinfo", "socket.gethostbyname")
            target = args[0] if lookup else args[1]
            if not lookup and getattr(args[0], "family", None) == socket.AF_UNIX:
                return  # the display server and the session bus are local sockets
            with open(_log, "a", encoding="utf-8") as f:
                f.write(f"{os.getpid()} {event} {target!r}\\n")

    sys.addaudithook(_audit)
    """
)

SESSION = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from desktop.app import Services
    from desktop.core.system.paths import DataDir
    from desktop.core.models.synthetic_gguf import write_r1_gguf
    from desktop.ui.main_window import MainWindow

    root = Path(sys.argv[1])
    app = QApplication([])
    services = Services.create(DataDir(root / "data"))
    services.settings.set_value("generation/max_tokens", 24)
    window = MainWindow(services.session, services.chat, services.history,
                        settings=services.settings, downloads=services.downloads)
    window.show()
    model = write_r1_gguf(root / "tiny.gguf")
    done = []
    services.session.model_changed.connect(
        lambda m: m is not None and services.chat.send("Are you offline?"))
    services.chat.message_finished.connect(lambda *a: (done.append(1), app.quit()))
    services.session.open(model)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    ok = services.shutdown(5000)
    print("answered" if done else "no answer", "shutdown" if ok else "stuck")
    """
)


def test_start_open_and_chat_make_no_network_connection(tmp_path):
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    log = tmp_path / "net.log"
    env = {
        **__import__("os").environ,
        "PYTHONPATH": str(tmp_path / "hook"),
        "THINKDESK_NET_LOG": str(log),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "answered shutdown" in done.stdout, done.stdout + done.stderr[-2000:]
    network = log.read_text(encoding="utf-8") if log.exists() else ""
    assert network == "", f"network activity:\n{network}"


def test_the_hook_would_notice_a_connection(tmp_path):
    """The check above can fail: a lookup of localhost is recorded."""
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    log = tmp_path / "net.log"
    env = {**__import__("os").environ, "PYTHONPATH": str(tmp_path / "hook"),
           "THINKDESK_NET_LOG": str(log)}  # fmt: skip
    code = "import socket; socket.getaddrinfo('localhost', 80)"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert "socket.getaddrinfo" in log.read_text(encoding="utf-8")
