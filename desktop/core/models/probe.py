"""Test-load a GGUF's vocabulary in a throw-away process: ``python -m desktop.core.models.probe``.

llama.cpp aborts the whole process on some malformed files (duplicate vocabulary entries end in
SIGABRT), so the GUI process only loads a file after a child survived loading its header,
hyper-parameters and vocabulary and tokenizing with it. That is the part of a load that can
abort: tensors are bounds-checked by :mod:`desktop.core.models.gguf_inspect` beforehand, and a
tensor with the wrong shape or type makes llama.cpp *return an error*, which the app reports.

Only the vocabulary is loaded (``vocab_only``): loading the 7B's 4.7 GB of weights a second
time doubled the first open (49 s against 24 s on two cores); the vocabulary takes about a
second. Prints one JSON line; exit 0 when the file works, 1 when llama.cpp refused it.
"""

from __future__ import annotations

import ctypes
import json
import sys


def probe(path: str) -> dict[str, object]:
    """Load the vocabulary of ``path`` and tokenize a little text, special tokens included."""
    import llama_cpp

    from desktop.core.system.llama_info import ensure_backends_loaded

    ensure_backends_loaded()
    llama_cpp.llama_backend_init()
    params = llama_cpp.llama_model_default_params()
    params.vocab_only = True
    params.use_mmap = False  # the vocabulary is read, not mapped: nothing to unmap on abort
    model = llama_cpp.llama_model_load_from_file(path.encode("utf-8"), params)
    if not model:
        raise ValueError(f"llama.cpp could not load the vocabulary of {path}")
    try:
        vocab = llama_cpp.llama_model_get_vocab(model)
        n_vocab = llama_cpp.llama_vocab_n_tokens(vocab)
        text = b"Hi <think>\n1+1</think>"
        tokens = (llama_cpp.llama_token * (len(text) + 8))()
        count = llama_cpp.llama_tokenize(vocab, text, len(text), tokens, len(tokens), True, True)
        if count < 0:
            raise ValueError("tokenizing a test text failed")
        piece = ctypes.create_string_buffer(256)
        for token in tokens[:count]:  # detokenizing walks the same tables as decoding
            llama_cpp.llama_token_to_piece(vocab, token, piece, len(piece), 0, True)
        return {"ok": True, "n_vocab": n_vocab}
    finally:
        llama_cpp.llama_model_free(model)


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
