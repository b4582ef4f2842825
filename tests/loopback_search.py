"""The loopback hub, extended with the search and listing requests the hub libraries make:
``huggingface_hub.HfApi`` and ``modelscope_hub.HubApi`` pointed at it answer as if it were
huggingface.co / hf-mirror.com and www.modelscope.cn.

    with SearchHub() as hub:
        hub.add_repo("unsloth/DeepSeek-R1-Distill-Qwen-7B-GGUF", license="mit", downloads=9)
        hub.add("unsloth/DeepSeek-R1-Distill-Qwen-7B-GGUF", "x-Q4_K_M.gguf", path)

Routes added (the requests were read off the libraries' source and checked against their
parsers by the tests):
  HF          GET /api/models?search=..&filter=gguf&sort=downloads&limit=..&expand=..
              GET /api/models/{owner}/{name}/tree/{rev}?recursive=True  (LoopbackHub's tree)
  ModelScope  GET /openapi/v1/models?search=..&page_number=..&page_size=..
              GET /api/v1/models/{owner}/{name}/repo/files  (LoopbackHub's listing)
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from loopback_hub import LoopbackHub, _Handler


@dataclass
class SearchFaults:
    """Faults of the metadata API (search and listings), not of the file bytes."""

    statuses: list[int] = field(default_factory=list)  # answer the next API calls with these
    always: int | None = None  # answer every API call with this status
    stall_s: float = 0.0  # wait this long before answering an API call
    no_hashes: bool = False  # listings without sha256 / LFS oid (some mirrors)


@dataclass
class RepoMeta:
    repo: str
    license: str = ""
    downloads: int = 0
    tags: list[str] = field(default_factory=list)


class _SearchHandler(_Handler):
    hub: SearchHub

    def _dispatch(self, head: bool) -> None:
        hub = self.hub
        url = urlsplit(self.path)
        parts = [unquote(p) for p in url.path.strip("/").split("/")]
        query = {k: v for k, v in parse_qs(url.query).items()}
        api = parts[:2] in (["api", "models"], ["openapi", "v1"]) or parts[:3] == [
            "api", "v1", "models"]  # fmt: skip
        if api:
            with hub.lock:
                hub.api_requests.append((self.command, self.path))
            faults = hub.search_faults
            if faults.stall_s:
                time.sleep(faults.stall_s)
            status = faults.statuses.pop(0) if faults.statuses else faults.always
            if status:
                return self._json(status, {"error": f"injected {status}"})
        try:
            if parts == ["api", "models"]:
                return self._hf_search(query)
            if parts == ["openapi", "v1", "models"]:
                return self._ms_search(query)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
            return None
        return super()._dispatch(head)

    def _matches(self, query: dict[str, list[str]]) -> list[RepoMeta]:
        words = " ".join(query.get("search", [""])).lower().split()
        found = [m for m in self.hub.repos.values() if all(w in m.repo.lower() for w in words)]
        return sorted(found, key=lambda m: -m.downloads)

    def _hf_search(self, query: dict[str, list[str]]) -> None:
        wanted = query.get("filter", [])
        limit = int(query.get("limit", ["1000"])[0])
        items = [
            {"_id": f"id-{m.repo}", "id": m.repo, "modelId": m.repo, "downloads": m.downloads,
             "likes": 0, "private": False,
             "tags": [*m.tags, "gguf", *([f"license:{m.license}"] if m.license else [])]}
            for m in self._matches(query)
            if all(w in [*m.tags, "gguf"] for w in wanted)
        ][:limit]  # fmt: skip
        self._json(200, items)

    def _ms_search(self, query: dict[str, list[str]]) -> None:
        size = int(query.get("page_size", ["10"])[0])
        found = self._matches(query)
        items = [
            {"id": m.repo, "downloads": m.downloads, "license": m.license or None,
             "tags": [*m.tags, "gguf"], "private": False}
            for m in found[:size]
        ]  # fmt: skip
        data = {"models": items, "total_count": len(found), "page_number": 1, "page_size": size}
        self._json(200, {"success": True, "data": data})

    def _modelscope_listing(self, repo: str) -> None:
        if not self.hub.search_faults.no_hashes:
            return super()._modelscope_listing(repo)
        files = [f for f in self.hub.files.values() if f.repo == repo]
        items = [{"Name": f.name, "Path": f.name, "Size": f.size, "Type": "blob"} for f in files]
        self._json(200, {"Code": 200, "Data": {"Files": items}, "Success": True})

    def _tree(self, repo: str) -> None:
        if not self.hub.search_faults.no_hashes:
            return super()._tree(repo)
        files = [f for f in self.hub.files.values() if f.repo == repo]
        self._json(200, [{"type": "file", "path": f.name, "size": f.size, "oid": "0" * 40}
                         for f in files])  # fmt: skip


class SearchHub(LoopbackHub):
    """A loopback hub that also answers searches (use as a context manager)."""

    handler_class = _SearchHandler

    def __init__(self) -> None:
        self.repos: dict[str, RepoMeta] = {}
        self.search_faults = SearchFaults()
        self.api_requests: list[tuple[str, str]] = []
        super().__init__()

    def add_repo(self, repo: str, license: str = "", downloads: int = 0,
                 tags: list[str] | None = None) -> RepoMeta:  # fmt: skip
        """Make ``repo`` findable by searches for words of its name."""
        meta = RepoMeta(repo, license, downloads, list(tags or []))
        self.repos[repo] = meta
        return meta


@contextlib.contextmanager
def hub_libraries_online():
    """Lift the suite's HF_HUB_OFFLINE guard for the duration, for calls that are pointed
    at a loopback hub explicitly (conftest sets it so nothing can reach a real hub)."""
    from huggingface_hub import constants

    before = constants.HF_HUB_OFFLINE
    constants.HF_HUB_OFFLINE = False
    try:
        yield
    finally:
        constants.HF_HUB_OFFLINE = before


class FakeSettings:
    """The settings keys the download manager and the search service read."""

    def __init__(self, **values: object) -> None:
        self.values = {"network/source": "auto", "network/offline": False, **values}

    def value(self, key: str) -> object:
        if key not in self.values:
            raise KeyError(key)
        return self.values[key]

    def set_value(self, key: str, value: object) -> None:
        self.values[key] = value


def fast_download_options():  # -> DownloadOptions
    """Short timeouts and back-off for downloads from a loopback hub."""
    from desktop.core.downloads.fetch import DownloadOptions

    return DownloadOptions(connect_timeout=1.0, read_timeout=0.5, retries=1, backoff=0.01,
                           backoff_max=0.02, chunk_size=32 * 1024)  # fmt: skip
