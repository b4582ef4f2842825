"""How answer metrics read in the status line and under a message."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

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
    return " · ".join(parts)
