"""Find GGUF models on ModelScope, an HF mirror and huggingface.co ("Find models"), with the
same source order and failover as downloads: "auto" asks ModelScope, then the mirror, then
huggingface.co, and the first hub that answers gives the results.

Results are cached for a while (:class:`SearchCache`) so reopening the dialog is instant and
repeated searches do not hit the hub again. Nothing here touches the network unless a search
is asked for; offline mode is refused before any library is imported.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.core.downloads.hub_clients import (
    HfClient,
    HubError,
    HubFile,
    HubRepo,
    ModelScopeClient,
    with_deadline,
)
from desktop.core.downloads.sources import _NAMES, SOURCE_CHOICES, Endpoints
from desktop.core.system.i18n import QT_TRANSLATE_NOOP, message_of

__all__ = [
    "Hub", "HubError", "HubFile", "HubRepo", "SearchCache", "SearchOptions", "SearchResult",
    "find_file", "list_files", "plan_hubs", "rank", "search",
]  # fmt: skip

OFFLINE = QT_TRANSLATE_NOOP(
    "HubSearch",
    "ThinkDesk is set to work offline, so no hub was searched. Turn off "
    '"Never connect to the network" in Settings > Network to search ModelScope and Hugging Face.',
)
_R1 = re.compile(r"deepseek[-_ ]?r1", re.IGNORECASE)
_DISTILL = re.compile(r"distill|0528", re.IGNORECASE)


@dataclass(frozen=True)
class SearchOptions:
    """How long to wait and how much to ask for (tests shrink the deadline)."""

    limit: int = 20  # repositories per search
    list_files: int = 8  # list the files of this many top repositories right away
    deadline: float = 25.0  # seconds per hub call, retries included
    timeout: tuple[float, float] = (10.0, 20.0)  # connect, read


@dataclass(frozen=True)
class Hub:
    """One hub to ask: its kind ("modelscope", "hf-mirror" or "hf") and base URL."""

    kind: str
    endpoint: str

    @property
    def name(self) -> str:
        """For the user: "HF mirror (hf-mirror.com)"."""
        host = self.endpoint.split("://", 1)[-1]
        return QT_TRANSLATE_NOOP("Download", "{name} ({host})").format(
            name=_NAMES[self.kind], host=host
        )

    def client(self, config_dir: Path, options: SearchOptions) -> HfClient | ModelScopeClient:
        if self.kind == "modelscope":
            return ModelScopeClient(self.endpoint, config_dir, options.timeout)
        return HfClient(self.endpoint, options.timeout)

    @property
    def default_revision(self) -> str:
        return "master" if self.kind == "modelscope" else "main"


@dataclass(frozen=True)
class SearchResult:
    """What one search found: the hub that answered, its repositories (best first) and what
    went wrong with the hubs tried before it."""

    query: str
    hub: Hub
    repos: tuple[HubRepo, ...]
    notices: tuple[str, ...] = ()
    when: float = field(default_factory=time.time)


def plan_hubs(choice: str, endpoints: Endpoints) -> list[Hub]:
    """The hubs to ask, in order, for the source setting ``choice``."""
    if choice not in SOURCE_CHOICES:
        msg = QT_TRANSLATE_NOOP("Download", "unknown source {choice}; choose one of {choices}")
        raise ValueError(msg.format(choice=repr(choice), choices=", ".join(SOURCE_CHOICES)))
    hubs = []
    if choice in ("auto", "modelscope"):
        hubs.append(Hub("modelscope", endpoints.modelscope))
    if choice in ("auto", "hf-mirror"):
        hubs.append(Hub("hf-mirror", endpoints.hf_mirror))
    if choice in ("auto", "hf"):
        hubs.append(Hub("hf", endpoints.hf))
    unique: dict[tuple[str, str], Hub] = {}
    for hub in hubs:  # HF_ENDPOINT may point the mirror at huggingface.co itself
        unique.setdefault(("ms" if hub.kind == "modelscope" else "hf", hub.endpoint), hub)
    return list(unique.values())


def is_r1_distill(repo: str) -> bool:
    """A DeepSeek-R1 distill (the models ThinkDesk is made for) by its repository name."""
    return bool(_R1.search(repo) and _DISTILL.search(repo))


def rank(repos: list[HubRepo]) -> list[HubRepo]:
    """R1 distills first, then by downloads (a stable sort keeps the hub's order on ties)."""
    return sorted(repos, key=lambda r: (not is_r1_distill(r.repo), -r.downloads))


def _files_sorted(files: list[HubFile]) -> tuple[HubFile, ...]:
    return tuple(sorted(files, key=lambda f: (f.size is None, f.size or 0, f.path)))


def search(
    query: str,
    hubs: list[Hub],
    config_dir: Path,
    options: SearchOptions | None = None,
    notice: Callable[[str], None] | None = None,
) -> SearchResult:
    """Search ``hubs`` in order; the first that answers wins. Raises HubError naming every
    hub's problem when none answers."""
    options = options or SearchOptions()
    query = query.strip()
    if not query:
        raise HubError(QT_TRANSLATE_NOOP("HubSearch", "Type what to search for, e.g. R1 7B."))
    notices: list[str] = []
    for i, hub in enumerate(hubs):
        client = hub.client(config_dir, options)
        try:
            repos = with_deadline(lambda c=client: c.search(query, options.limit),
                                  options.deadline, "search")  # fmt: skip
        except HubError as err:
            why = QT_TRANSLATE_NOOP("HubSearch", "{hub}: {problem}.").format(
                hub=hub.name, problem=message_of(err)
            )
            notices.append(why)
            if notice is not None and i + 1 < len(hubs):
                notice(why)
            continue
        ranked = rank([replace(r, revision=hub.default_revision) for r in repos])
        listed = []
        for n, repo in enumerate(ranked):
            if n < options.list_files:
                with contextlib.suppress(HubError):  # else listed when the user opens it
                    repo = replace(repo, files=list_files(hub, repo, config_dir, options))
            listed.append(repo)
        return SearchResult(query, hub, tuple(listed), tuple(notices))
    msg = QT_TRANSLATE_NOOP("HubSearch", "No hub could be searched. {problems}")
    raise HubError(msg.format(problems=notices))


def list_files(
    hub: Hub, repo: HubRepo, config_dir: Path, options: SearchOptions | None = None
) -> tuple[HubFile, ...]:
    """The model GGUFs of ``repo`` on ``hub``, smallest first."""
    options = options or SearchOptions()
    client = hub.client(config_dir, options)
    files = with_deadline(lambda: client.files(repo.repo, repo.revision), options.deadline,
                          "files")  # fmt: skip
    return _files_sorted(files)


def find_file(
    spec: str, hubs: list[Hub], config_dir: Path, options: SearchOptions | None = None
) -> tuple[Hub, HubRepo, HubFile]:
    """The file ``REPO:FILE`` ("owner/name:file.gguf") on the first hub that has it."""
    repo_id, _, path = spec.partition(":")
    if repo_id.count("/") != 1 or not path.lower().endswith(".gguf"):
        msg = QT_TRANSLATE_NOOP(
            "HubSearch", "{spec} is not REPO:FILE, e.g. unsloth/Qwen3-8B-GGUF:Qwen3-8B-Q4_K_M.gguf"
        )
        raise HubError(msg.format(spec=repr(spec)))
    problems = []
    for hub in hubs:
        repo = HubRepo(repo_id, revision=hub.default_revision)
        try:
            files = list_files(hub, repo, config_dir, options)
        except HubError as err:
            problems.append(QT_TRANSLATE_NOOP("HubSearch", "{hub}: {problem}.").format(
                hub=hub.name, problem=message_of(err)))  # fmt: skip
            continue
        found = next((f for f in files if path in (f.path, f.name)), None)
        if found is not None:
            return hub, replace(repo, files=files), found
        problems.append(QT_TRANSLATE_NOOP("HubSearch", "{hub}: {repo} has no file {file}.").format(
            hub=hub.name, repo=repo_id, file=path))  # fmt: skip
    msg = QT_TRANSLATE_NOOP("HubSearch", "{file} was not found. {problems}")
    raise HubError(msg.format(file=spec, problems=problems))


class SearchCache:
    """Recent search results by (query, hubs), kept for ``ttl`` seconds."""

    def __init__(self, ttl: float = 30 * 60):
        self.ttl = ttl
        self._items: dict[tuple, SearchResult] = {}

    @staticmethod
    def key(query: str, hubs: list[Hub]) -> tuple:
        return (query.strip().lower(), tuple(hubs))

    def get(self, query: str, hubs: list[Hub]) -> SearchResult | None:
        """The cached result, or None if there is none or it is too old."""
        found = self._items.get(self.key(query, hubs))
        if found is None or time.time() - found.when > self.ttl:
            return None
        return found

    def put(self, result: SearchResult, hubs: list[Hub]) -> None:
        self._items[self.key(result.query, hubs)] = result

    def update_repo(self, query: str, hubs: list[Hub], repo: HubRepo) -> None:
        """Remember the files listed for one repository of a cached result."""
        found = self._items.get(self.key(query, hubs))
        if found is not None:
            repos = tuple(repo if r.repo == repo.repo else r for r in found.repos)
            self._items[self.key(query, hubs)] = replace(found, repos=repos)
