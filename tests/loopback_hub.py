"""A model hub on 127.0.0.1 for tests and benchmarks: speaks the ModelScope and Hugging Face
download protocols, serves files from disk with HTTP Range, and injects the faults a flaky
office network or a bad mirror produces.

    with LoopbackHub() as hub:
        hub.add("test/tiny-GGUF", "tiny.gguf", path)
        hub.faults.drop_after = 50_000
        ... download from hub.url ...

Routes:
  ModelScope  GET /api/v1/models/{owner}/{name}/repo/files?Revision=..&Recursive=True
              GET /api/v1/models/{owner}/{name}/repo?Revision=..&FilePath=..
  HF          HEAD/GET /{owner}/{name}/resolve/{revision}/{file}  (302 to localhost/lfs/{sha256},
              with X-Linked-Size and X-Linked-Etag), GET /api/models/{owner}/{name}/tree/{rev}
  Plain       HEAD/GET /files/{file}
  Control     GET /_hub/stats, /_hub/reset  (bytes served, for a hub in another process)
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass
class Faults:
    """What goes wrong on the next requests for file bytes (each fault fires once unless
    noted). Offsets are positions in the file."""

    statuses: list[int] = field(default_factory=list)  # answer the next GETs with these
    not_found: bool = False  # 404 for everything (a source without the model)
    drop_at: int | None = None  # close the connection when the body reaches this offset
    stall_at: int | None = None  # stop sending at this offset for stall_s seconds
    stall_s: float = 3.0
    hold_at: int | None = None  # stop sending at this offset until release() (every time)
    corrupt: bool = False  # flip one byte of the body (every time)
    ignore_range: bool = False  # answer Range requests with 200 and the whole file
    short: int | None = None  # the hub's copy has only this many bytes (metadata unchanged)
    no_facts: bool = False  # HEAD without X-Linked-* headers and a 404 listing/tree API
    no_linked: bool = False  # HEAD without X-Linked-* headers (clients fall back to the tree)
    throttle: int | None = None  # bytes per second
    portal: bool = False  # a captive portal (hotel Wi-Fi): a 200 sign-in page for everything


@dataclass
class HubFile:
    repo: str
    name: str
    path: Path
    size: int
    sha256: str


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up (timeouts, kills) are what the tests are about


class LoopbackHub:
    """A threaded HTTP server on an ephemeral loopback port (use as a context manager)."""

    handler_class: type[BaseHTTPRequestHandler]  # set below (_Handler); subclasses extend it

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], HubFile] = {}
        self.faults = Faults()
        self.bytes_served = 0
        self.requests: list[tuple[str, str, str]] = []  # method, path, Range header
        self.lock = threading.Lock()
        self.released = threading.Event()
        self.held = threading.Event()  # set when a response reached hold_at
        self.active = 0  # requests being answered
        handler = type("Handler", (self.handler_class,), {"hub": self})
        self.server = _QuietServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, repo: str, name: str, path: Path, sha256: str | None = None) -> HubFile:
        """Serve ``path`` as ``name`` in ``repo`` (the sha256 is computed unless given)."""
        if sha256 is None:
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    digest.update(chunk)
            sha256 = digest.hexdigest()
        item = HubFile(repo, name, Path(path), os.path.getsize(path), sha256)
        self.files[(repo, name)] = item
        return item

    def reset_counters(self) -> None:
        with self.lock:
            self.bytes_served = 0
            self.requests.clear()

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no request is being answered (e.g. a held one after release())."""
        deadline = time.monotonic() + timeout
        while self.active and time.monotonic() < deadline:
            time.sleep(0.01)
        return not self.active

    def release(self) -> None:
        """Let responses held at ``faults.hold_at`` go on."""
        self.faults.hold_at = None
        self.released.set()

    def __enter__(self) -> LoopbackHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)

    def by_sha(self, sha: str) -> HubFile | None:
        return next((f for f in self.files.values() if f.sha256 == sha), None)


class _Handler(BaseHTTPRequestHandler):
    hub: LoopbackHub
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    # -- routing ----------------------------------------------------------------------------
    def do_HEAD(self) -> None:
        self._route(head=True)

    def do_GET(self) -> None:
        self._route(head=False)

    def _route(self, head: bool) -> None:
        with self.hub.lock:
            self.hub.active += 1
        try:
            self._dispatch(head)
        finally:
            with self.hub.lock:
                self.hub.active -= 1

    def _dispatch(self, head: bool) -> None:
        hub = self.hub
        url = urlsplit(self.path)
        with hub.lock:
            hub.requests.append((self.command, self.path, self.headers.get("Range", "")))
        parts = [unquote(p) for p in url.path.strip("/").split("/")]
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        try:
            if parts[:1] == ["_hub"]:  # for a benchmark running the hub in another process
                if parts[1:] == ["reset"]:
                    hub.reset_counters()
                stats = {"bytes_served": hub.bytes_served, "active": hub.active - 1}  # not this one
                return self._json(200, stats)
            if hub.faults.not_found:
                return self._json(404, {"error": "not found"})
            if hub.faults.portal:
                return self._portal(head)
            if parts[:3] == ["api", "v1", "models"] and len(parts) >= 6:
                repo = f"{parts[3]}/{parts[4]}"
                if parts[5:] == ["repo", "files"]:
                    return self._modelscope_listing(repo)
                if parts[5:] == ["repo"]:
                    return self._file(hub.files.get((repo, query.get("FilePath", ""))), head)
            if parts[:2] == ["api", "models"] and len(parts) >= 6 and parts[4] == "tree":
                return self._tree(f"{parts[2]}/{parts[3]}")
            if len(parts) >= 5 and parts[2] == "resolve":
                return self._resolve(hub.files.get((f"{parts[0]}/{parts[1]}", parts[4])), head)
            if len(parts) == 2 and parts[0] == "lfs":
                return self._file(hub.by_sha(parts[1]), head)
            if len(parts) == 2 and parts[0] == "files":
                found = next((f for f in hub.files.values() if f.name == parts[1]), None)
                return self._file(found, head)
            return self._json(404, {"error": "no such route"})
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    # -- metadata ---------------------------------------------------------------------------
    def _json(self, status: int, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _portal(self, head: bool) -> None:
        body = b"<html><body><h1>Welcome to Hotel Wi-Fi</h1><form>Room number</form></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _modelscope_listing(self, repo: str) -> None:
        files = [f for f in self.hub.files.values() if f.repo == repo]
        if not files or self.hub.faults.no_facts:
            return self._json(404, {"Code": 10010205001, "Message": "model not found"})
        items = [
            {"Name": f.name, "Path": f.name, "Size": f.size, "Sha256": f.sha256,
             "Type": "blob", "Revision": "abc"}
            for f in files
        ]  # fmt: skip
        self._json(200, {"Code": 200, "Data": {"Files": items}, "Success": True})

    def _tree(self, repo: str) -> None:
        files = [f for f in self.hub.files.values() if f.repo == repo]
        if not files or self.hub.faults.no_facts:
            return self._json(404, {"error": "Repository not found"})
        items = [
            {"type": "file", "path": f.name, "size": f.size, "oid": "0" * 40,
             "lfs": {"oid": f.sha256, "size": f.size, "pointerSize": 134}}
            for f in files
        ]  # fmt: skip
        self._json(200, items)

    def _resolve(self, item: HubFile | None, head: bool) -> None:
        if item is None:
            return self._json(404, {"error": "Entry not found"})
        self.send_response(302)
        # To another host name, as the hub's redirect to its CDN is: huggingface_hub follows
        # only same-host redirects when it asks for metadata, so it reads this answer's
        # X-Linked-* headers (or falls back to the tree API without them).
        port = self.hub.server.server_address[1]
        self.send_header("Location", f"http://localhost:{port}/lfs/{item.sha256}")
        if not (self.hub.faults.no_facts or self.hub.faults.no_linked):
            self.send_header("X-Linked-Size", str(item.size))
            self.send_header("X-Linked-Etag", f'"{item.sha256}"')
        self.send_header("X-Repo-Commit", "0" * 40)
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- bytes ------------------------------------------------------------------------------
    def _file(self, item: HubFile | None, head: bool) -> None:
        faults = self.hub.faults
        if item is None:
            return self._json(404, {"error": "Entry not found"})
        if not head and faults.statuses:
            status = faults.statuses.pop(0)
            return self._json(status, {"error": f"injected {status}"})
        size = faults.short if faults.short is not None else item.size
        start, end = 0, size - 1
        wanted = self.headers.get("Range", "")
        ranged = wanted.startswith("bytes=") and not faults.ignore_range
        if ranged:
            first, _, last = wanted[6:].partition("-")
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
            if start >= size:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        self.send_response(206 if ranged else 200)
        if ranged:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", f'"{item.sha256}"')
        self.end_headers()
        if head:
            return
        self.wfile.flush()
        with open(item.path, "rb") as fh:
            self._send(fh, start, end + 1)

    def _send(self, fh, start: int, stop: int) -> None:
        hub, faults = self.hub, self.hub.faults
        plain = not (faults.drop_at or faults.stall_at or faults.hold_at is not None
                     or faults.corrupt or faults.throttle)  # fmt: skip
        if plain:  # the fast path the benchmark measures: the kernel copies the file
            out, pos = self.connection.fileno(), start
            while pos < stop:  # in steps, so a client killed mid-file is counted right
                sent = os.sendfile(out, fh.fileno(), pos, min(8 << 20, stop - pos))
                if not sent:
                    break
                pos += sent
                with hub.lock:
                    hub.bytes_served += sent
            return
        pos, began = start, time.monotonic()
        fh.seek(start)
        while pos < stop:
            limit = stop
            for mark in (faults.drop_at, faults.stall_at, faults.hold_at):
                if mark is not None and pos < mark < limit:
                    limit = mark
            data = fh.read(min(64 * 1024, limit - pos))
            if faults.corrupt and pos <= stop // 2 < pos + len(data):
                flip = stop // 2 - pos
                data = data[:flip] + bytes([data[flip] ^ 0xFF]) + data[flip + 1 :]
            self.wfile.write(data)
            pos += len(data)
            with hub.lock:
                hub.bytes_served += len(data)
            if faults.throttle:
                ahead = (pos - start) / faults.throttle - (time.monotonic() - began)
                if ahead > 0:
                    time.sleep(ahead)
            if pos == faults.drop_at:
                faults.drop_at = None
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            if pos == faults.stall_at:
                faults.stall_at = None
                self.wfile.flush()
                time.sleep(faults.stall_s)
            if faults.hold_at is not None and pos == faults.hold_at:
                self.wfile.flush()
                hub.held.set()
                hub.released.wait(60)


LoopbackHub.handler_class = _Handler

REPO = "test/tiny-r1-GGUF"
FILE = "tiny-r1-test.gguf"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def catalog_entry(model: Path, **changes: object) -> dict:
    """A catalog entry (JSON form) for a real tiny GGUF, with its true size and sha256."""
    entry = {
        "id": "tiny-r1", "name": "Tiny R1 (test)", "quantization": "F32", "file": FILE,
        "size": os.path.getsize(model), "sha256": sha256_of(model), "context_length": 4096,
        "recommended_ram_gb": 0.5, "license": "MIT",
        "shape": {"n_layer": 2, "n_head_kv": 2, "head_dim": 16, "n_ctx_train": 4096},
        "modelscope": {"repo": REPO, "revision": "master"}, "hf": {"repo": REPO},
    }  # fmt: skip
    entry.update(changes)
    return entry


def write_catalog(path: Path, *entries: dict) -> Path:
    path.write_text(json.dumps({"schema_version": 1, "models": list(entries)}), encoding="utf-8")
    return path
