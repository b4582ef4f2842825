"""The 20,000-token answer bench/stream_render.py replays, built from the R1 samples.

A long thinking (the samples' reasoning with its LaTeX, numbers varied so formulas differ),
then a Markdown answer: prose with display math, a 2,000-line code block, a 200-row table and
closing prose with more math. Split into token-sized pieces (1-6 characters, seeded).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SAMPLES = Path("/work/shared/samples/r1_outputs.jsonl")
REPO_SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "r1_outputs.jsonl"
TOKENS = 20_000

#: Which part of the answer each piece belongs to, in order.
PHASES = ("thinking", "prose", "code", "table", "closing")


def _thinking(rows: list[dict], chars: int, rng: random.Random) -> str:
    from desktop.core.engines.think import split_output

    paragraphs = []
    for row in rows:
        thought = split_output(row["output"])[0]
        paragraphs += [p for p in thought.split("\n\n") if p.strip()]
    out: list[str] = []
    size = 0
    while size < chars:
        n = rng.randint(2, 99)
        paragraph = rng.choice(paragraphs).replace("35", str(n)).replace("94", str(2 * n + 24))
        paragraph += f" Check {len(out)}: \\({n} + {len(out)} = {n + len(out)}\\)."
        out.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(out)


def _code(lines: int) -> str:
    body: list[str] = []
    k = 0
    while len(body) < lines:
        body += [
            f"def f{k}(xs):",
            f'    """Sum > {k}."""',
            "    t = 0",
            "    for v in xs:",
            f"        if v > {k}:",
            "            t += v",
            "    return t",
            "",
        ]
        k += 1
    return "```python\n" + "\n".join(body[:lines]) + "\n```\n"


def _table(rows: int) -> str:
    out = ["| n | n² | prime | note |", "|---:|---:|:---:|---|"]
    for n in range(1, rows + 1):
        prime = "yes" if n > 1 and all(n % d for d in range(2, int(n**0.5) + 1)) else "no"
        out.append(f"| {n} | {n * n} | {prime} | row {n} |")
    return "\n".join(out) + "\n"


def build_answer(seed: int = 7) -> tuple[list[str], list[str]]:
    """(pieces, phase of each piece): exactly TOKENS pieces."""
    rng = random.Random(seed)
    source = SAMPLES if SAMPLES.is_file() else REPO_SAMPLES
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line]
    prose = (
        "Here is the full solution, step by step.\n\n"
        "$$\n\\begin{cases} x + y = 35 \\\\ 2x + 4y = 94 \\end{cases}\n$$\n\n"
        "Subtracting twice the first equation gives \\(2y = 24\\), so \\(y = 12\\).\n\n"
        "The program below checks every case:\n\n"
    )
    closing_parts = []
    for k in range(110):
        closing_parts.append(
            f"Case {k}: with \\(n = {k}\\) we get\n\n\\[ n^2 + {k} = {k * k + k} \\]\n\n"
            f"which is {'even' if (k * k + k) % 2 == 0 else 'odd'}, as **claimed**."
        )
    parts = {
        "thinking": _thinking(rows, 26_000, rng) + "\n</think>\n\n",
        "prose": prose,
        "code": _code(2_000) + "\n",
        "table": _table(200) + "\n",
        "closing": "\n\n".join(closing_parts) + "\n\n$$\\boxed{23}$$\n",
    }
    pieces: list[str] = []
    phases: list[str] = []
    for phase in PHASES:
        text, i = parts[phase], 0
        while i < len(text):
            step = rng.randint(1, 6)
            pieces.append(text[i : i + step])
            phases.append(phase)
            i += step
    return pieces[:TOKENS], phases[:TOKENS]
