"""Children of bench/memory_fit.py that load a model the way users do: ``thinkdesk ask`` and the
app's services (model session, inference thread, chat). Each runs in a fresh process and prints
one JSON line: RSS before the load, and the process's peak RSS (``ru_maxrss``) at the end.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTION = "What is 2+2? Explain briefly."
MAX_TOKENS = 4


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def _peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def through_cli(model: str, n_ctx: int, threads: int, data: str, question: str) -> dict[str, int]:
    """Answer one question with the CLI's own entry point, in this process."""
    import io

    import llama_cpp  # noqa: F401 - imported before the baseline, as the CLI does before loading

    from desktop.cli import main

    before = _rss()
    sys.stdin = io.StringIO(question)  # "-": the question comes from standard input
    code = main(["--data-dir", data, "ask", "--model", model, "--ctx", str(n_ctx),
                 "--threads", str(threads), "--max-tokens", str(MAX_TOKENS), "--seed", "1",
                 "-"])  # fmt: skip
    if code != 0:
        raise SystemExit(f"thinkdesk ask exited with {code}")
    return {"before": before, "peak": _peak()}


def through_app(model: str, n_ctx: int, threads: int, data: str, question: str) -> dict[str, int]:
    """Open the model and answer one question with the app's services, in this process."""
    import llama_cpp  # noqa: F401
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import Services
    from desktop.core.system.paths import DataDir

    app = QApplication.instance() or QApplication(["bench"])
    services = Services.create(DataDir(Path(data)))
    services.settings.set_value("performance/threads", threads)
    services.settings.set_value("performance/context_auto", False)
    services.settings.set_value("performance/context_length", n_ctx)
    services.settings.set_value("generation/max_tokens", MAX_TOKENS)
    before = _rss()

    def wait(signal, timeout_s: float = 900) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        loop.exec()

    try:
        services.session.open(model)
        while services.session.state.value == "loading":
            wait(services.session.state_changed)
        loaded = services.session.model
        if loaded is None:
            raise SystemExit(f"the app could not open the model: {services.session.state.value}")
        if loaded.n_ctx != n_ctx:
            raise SystemExit(f"the app chose a context of {loaded.n_ctx}, not {n_ctx}")
        services.chat.send(question)
        while services.chat.busy:
            wait(services.chat.busy_changed)
    finally:
        services.shutdown(10_000)
    del app
    return {"before": before, "peak": _peak()}


def main() -> int:
    """``_entry_points.py cli|app MODEL N_CTX THREADS DATA_DIR [QUESTION_FILE]``.

    DATA_DIR keeps settings and probe verdicts; QUESTION_FILE (default: a short question)
    holds a prompt that fills most of the context, so the KV cache and the compute buffer
    are used as at the end of a long conversation.
    """
    way, model, n_ctx, threads, data = sys.argv[1:6]
    question = Path(sys.argv[6]).read_text(encoding="utf-8") if len(sys.argv) > 6 else QUESTION
    run = {"cli": through_cli, "app": through_app}[way]
    result = run(model, int(n_ctx), int(threads), data, question)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
