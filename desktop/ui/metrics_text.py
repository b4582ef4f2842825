"""How answer metrics read in the status line and under a message."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.services.inference import LoadedModel

#: pyside6-lupdate reads the bare ``translate("Context", "text")`` spelling.
translate = QCoreApplication.translate


def format_metrics(metrics: dict, *, with_reason: bool = True) -> str:
    """ "1.2 s to first token · 14.3 tokens/s · 230 tokens", and why the answer was cut off if
    it was (``with_reason=False`` for the narrow status bar; the message says it)."""
    if not metrics:
        return ""
    parts = []
    if metrics.get("generated_tokens"):
        first = translate("Metrics", "{0:.1f} s to first token")
        parts.append(first.format(metrics["ttft_s"]))
        if metrics.get("decode_tokens_per_s"):
            rate = translate("Metrics", "{0:.1f} tokens/s")
            parts.append(rate.format(metrics["decode_tokens_per_s"]))
        parts.append(translate("Metrics", "{0} tokens").format(metrics["generated_tokens"]))
    # An answer cut short by a limit must say so, or it looks like the model just stopped.
    reason = metrics.get("finish_reason") if with_reason else None
    if reason == "context_full":
        parts.append(translate("Metrics", "cut off: the conversation filled the context"))
    elif reason == "length":
        parts.append(translate("Metrics", "cut off at the longest-answer limit (Settings)"))
    elif reason == "no_continue":
        parts.append(
            translate("Metrics", "thinking stopped: this server cannot continue it into an answer")
        )
    # Where the answer came from, under the message (the status bar names the engine itself;
    # answers saved before servers existed carry no origin).
    origin = metrics.get("origin") if with_reason else None
    if origin:
        parts.append(translate("Metrics", "answered by {0}").format(origin))
    elif origin == "":
        parts.append(translate("Metrics", "answered on this computer"))
    return " · ".join(parts)


def model_status(model: LoadedModel) -> str:
    """The status bar's model and where it runs: this computer (threads, context) or a server."""
    if model.origin:
        return translate("MainWindow", "{0} · server {1}").format(model.name, model.origin)
    return translate("MainWindow", "{0} · this computer · {1} threads · context {2:,}").format(
        model.name, model.threads, model.n_ctx
    )
