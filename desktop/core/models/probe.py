"""Test-load a GGUF in a throw-away process: ``python -m desktop.core.models.probe PATH``.

llama.cpp aborts the whole process on some malformed files (duplicate vocabulary entries end in
SIGABRT), so the GUI process only loads a file after a child survived loading it and running one
token. Prints one JSON line; exit 0 when the file works, 1 when llama.cpp refused it.
"""

from __future__ import annotations

import json
import sys


def probe(path: str) -> dict[str, object]:
    """Load ``path`` with a tiny context and evaluate one token."""
    from llama_cpp import Llama

    from desktop.core.system.llama_info import ensure_backends_loaded

    ensure_backends_loaded()
    llm = Llama(model_path=path, n_ctx=256, n_batch=32, n_threads=1, n_gpu_layers=0, verbose=True)
    try:
        tokens = llm.tokenize(b"Hi", add_bos=True, special=False)
        llm.eval(tokens[:2])
        return {"ok": True, "n_vocab": llm.n_vocab(), "n_ctx_train": llm._model.n_ctx_train()}
    finally:
        llm.close()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m desktop.core.models.probe MODEL.gguf", file=sys.stderr)
        return 2
    try:
        result = probe(args[0])
    except Exception as err:  # any refusal by llama.cpp is a verdict, not a crash of ours
        print(json.dumps({"ok": False, "error": str(err)}))
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
