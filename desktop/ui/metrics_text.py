"""How answer metrics read in the status line and under a message."""

from __future__ import annotations


def format_metrics(metrics: dict) -> str:
    """ "1.2 s to first token · 14.3 tokens/s · 230 tokens" for the status line."""
    if not metrics:
        return ""
    parts = []
    if metrics.get("generated_tokens"):
        parts.append(f"{metrics['ttft_s']:.1f} s to first token")
        if metrics.get("decode_tokens_per_s"):
            parts.append(f"{metrics['decode_tokens_per_s']:.1f} tokens/s")
        parts.append(f"{metrics['generated_tokens']} tokens")
    return " · ".join(parts)
