"""An OpenAI-compatible chat server on 127.0.0.1 that replays each servers' dialect and fault.

    with StandIn(dialect="reasoning") as server:
        server.faults.statuses = [503, 503]
        ... RemoteEngine(RemoteConfig(server.url)) ...

Dialects: "reasoning_content" (DeepSeek API, llama-server --reasoning-format deepseek),
"reasoning" (vLLM >= 0.11, Ollama /v1), "inline" (<think>…</think> in content), "lone_close"
(only </think> in content), "chat" (a plain chat model: the answer alone in content). With
``props`` the server also answers llama-server's ``GET /props`` (its ``chat_template``), with
``show`` Ollama's ``POST /api/show``; ``roots`` adds vLLM's ``root`` to the model list. Every
stream has keep-alive comments, a usage chunk and, with
``timings``, llama-server's timings. ``faults.probe_delay_s`` delays the answers to those two
probes; ``faults.hang_probes`` makes them never answer (until the stand-in closes or the client
hangs up: ``hung_up`` lists those paths), ``faults.hang_models`` the model list likewise.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

THINKING = ["Let me", " think", " about", " 2+2", "."]
ANSWER = ["The", " answer", " is", " **4**", "."]


@dataclass
class Faults:
    statuses: list[int] = field(default_factory=list)  # answer the next requests with these
    api_key: str = ""  # require "Authorization: Bearer <key>"
    drop_after: int | None = None  # close the connection after this many chunks
    garbage_after: int | None = None  # send a line that is not JSON after this many chunks
    stall_after: int | None = None  # go silent after this many chunks for stall_s
    stall_s: float = 3.0
    delay_s: float = 0.0  # between chunks
    endless: bool = False  # keep thinking until the client goes away
    continues: bool = True  # honour a final assistant message (wrap-up)
    probe_delay_s: float = 0.0  # before answering /props or /api/show
    hang_probes: bool = False  # /props and /api/show never answer
    hang_models: bool = False  # /v1/models never answers


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up is what several tests are about


class StandIn:
    """The server; ``requests`` holds each chat request's JSON body."""

    def __init__(self, dialect: str = "reasoning_content", *, timings: bool = False,
                 models: tuple[str, ...] = ("r1-32b",), props: dict | None = None,
                 show: dict | None = None, roots: dict[str, str] | None = None):  # fmt: skip
        self.dialect, self.timings, self.models = dialect, timings, models
        self.props, self.show, self.roots = props, show, roots or {}
        self.probes: list[str] = []  # paths of requests outside the OpenAI API
        self.probe_seen = threading.Event()  # a request outside the OpenAI API arrived
        self.hung_up: list[str] = []  # paths of hanging requests whose client went away
        self.closing = threading.Event()  # ends the hanging requests
        self.faults = Faults()
        self.requests: list[dict] = []
        self.disconnected = threading.Event()  # a stream's client went away before the end
        self.chunks_sent = 0
        handler = type("Handler", (_Handler,), {"standin": self})
        self.server = _Server(("127.0.0.1", 0), handler)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> StandIn:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()

    def script(self, continuing: bool) -> list[dict]:
        """The deltas of one answer in this dialect."""
        if continuing:
            return [{"content": text} for text in ANSWER]
        if self.dialect == "chat":
            return [{"content": text} for text in ANSWER]
        think = list(THINKING)
        if self.faults.endless:
            think = think + [" and more"] * 100_000
        if self.dialect in ("reasoning_content", "reasoning"):
            deltas = [{self.dialect: t} for t in think]
            return deltas + [{"content": "\n\n" + ANSWER[0]}] + [{"content": a} for a in ANSWER[1:]]
        opening = "<think>\n" if self.dialect == "inline" else ""
        pieces = [opening + think[0], *think[1:], "\n</think>\n\n", *ANSWER]
        return [{"content": p} for p in pieces]


class _Handler(BaseHTTPRequestHandler):
    standin: StandIn
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        # Like real servers: no Nagle delay between the headers and the first event.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _refuse(self) -> bool:
        s = self.standin
        if s.faults.statuses:
            status = s.faults.statuses.pop(0)
            self._json(status, {"error": {"message": f"status {status} from the stand-in"}})
            return True
        if s.faults.api_key and self.headers.get("Authorization") != f"Bearer {s.faults.api_key}":
            self._json(401, {"error": {"message": "Invalid API key"}})
            return True
        return False

    def _json(self, status: int, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self._refuse():
            return
        s = self.standin
        if self.path.rstrip("/") == "/v1/models":
            if s.faults.hang_models:
                self._hang()
                return
            data = [{"id": m, "object": "model"} for m in s.models]
            for item in data:
                item.update({"root": s.roots[item["id"]]} if item["id"] in s.roots else {})
            self._json(200, {"object": "list", "data": data})
        elif self.path == "/props" and (s.props is not None or s.faults.hang_probes):
            if self._probe():
                self._json(200, s.props)
        else:
            self._json(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        s = self.standin
        if self._refuse():
            return
        if self.path != "/v1/chat/completions":
            if not self._probe():
                return
            if self.path == "/api/show" and s.show is not None:
                self._json(200, s.show)
            else:
                self._json(404, {"error": {"message": "not found"}})
            return
        s.requests.append(body)
        if body.get("model") not in s.models:
            self._json(404, {"error": {"message": f"model '{body.get('model')}' not found"}})
            return
        last = (body.get("messages") or [{}])[-1]
        continuing = last.get("role") == "assistant"
        if continuing and not s.faults.continues:
            self._json(400, {"error": {"message": "last message must be from the user"}})
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            self._stream(body, s.script(continuing))
        except OSError:
            s.disconnected.set()

    def _probe(self) -> bool:
        """Note a probe and delay it as the faults say; False if it never gets an answer."""
        s = self.standin
        s.probes.append(self.path)
        s.probe_seen.set()
        if not s.faults.hang_probes:
            s.closing.wait(s.faults.probe_delay_s)
            return True
        self._hang()
        return False

    def _hang(self) -> None:
        """Answer nothing until the stand-in closes or the client hangs up."""
        s = self.standin
        self.close_connection = True
        while not s.closing.wait(0.01):
            readable, _w, _x = select.select([self.connection], [], [], 0)
            try:
                gone = bool(readable) and not self.connection.recv(1, socket.MSG_PEEK)
            except OSError:  # reset
                gone = True
            if gone:
                s.hung_up.append(self.path)
                return

    def _send(self, text: str) -> None:
        data = text.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _stream(self, body: dict, deltas: list[dict]) -> None:
        s, f = self.standin, self.standin.faults
        self._send(": keep-alive\n\n")
        limit = min(len(deltas), int(body.get("max_tokens") or len(deltas)))
        for i, delta in enumerate(deltas[:limit]):
            if f.drop_after is not None and i == f.drop_after:
                self.close_connection = True
                return  # no terminating chunk: the client sees the stream cut
            if f.garbage_after is not None and i == f.garbage_after:
                self._send("data: {this is not json\n\n")
            if f.stall_after is not None and i == f.stall_after:
                time.sleep(f.stall_s)
            if i and i % 2 == 0:
                self._send(": ping\n\n")
            chunk = {"id": "c1", "model": body["model"], "object": "chat.completion.chunk",
                     "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}  # fmt: skip
            self._send(f"data: {json.dumps(chunk)}\n\n")
            s.chunks_sent += 1
            if f.delay_s:
                time.sleep(f.delay_s)
        reason = "length" if limit < len(deltas) else "stop"
        final = {"id": "c1", "choices": [{"index": 0, "delta": {}, "finish_reason": reason}]}
        self._send(f"data: {json.dumps(final)}\n\n")
        usage = {"prompt_tokens": 12, "completion_tokens": limit, "total_tokens": 12 + limit}
        extra = {"usage": usage, "choices": []}
        if s.timings:
            extra["timings"] = {"prompt_n": 12, "prompt_per_second": 480.0,
                                "predicted_n": limit, "predicted_per_second": 55.5}  # fmt: skip
        self._send(f"data: {json.dumps(extra)}\n\n")
        self._send("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
