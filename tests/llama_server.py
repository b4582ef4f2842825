"""llama-cpp-python's own OpenAI-compatible server on loopback, for tests and benchmarks."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

#: What ``python -m llama_cpp.server`` needs beyond llama-cpp-python (its "server" extra).
SERVER_MODULES = ("uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings")


def server_available() -> bool:
    return all(importlib.util.find_spec(name) for name in SERVER_MODULES)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LlamaServer:
    """``python -m llama_cpp.server`` serving ``model`` until the context ends."""

    def __init__(self, model: Path, *, n_ctx: int = 1024, threads: int = 2, alias: str = ""):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.model_name = alias or str(model)
        command = [
            sys.executable, "-m", "llama_cpp.server", "--model", str(model),
            "--host", "127.0.0.1", "--port", str(self.port), "--n_ctx", str(n_ctx),
            "--n_threads", str(threads), "--n_gpu_layers", "0",
        ]  # fmt: skip
        if alias:
            command += ["--model_alias", alias]
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
        )

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode(errors="replace")[-2000:]
                raise RuntimeError(f"llama_cpp.server exited: {err}")
            try:
                if requests.get(self.url + "/v1/models", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise TimeoutError("llama_cpp.server did not start")

    def __enter__(self) -> LlamaServer:
        try:
            self.wait_ready()
        except Exception:
            self.close()
            raise
        return self

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()

    def __exit__(self, *exc: object) -> None:
        self.close()
