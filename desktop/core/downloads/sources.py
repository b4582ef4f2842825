"""Where a catalog file can be downloaded from: ModelScope, an HF mirror, huggingface.co or an
admin's plain URL, and how each one reports the file's size and sha256 before the transfer.

The facts come through the hubs' own libraries (desktop.core.downloads.hub_clients): HfApi's
HEAD on the resolve URL (X-Linked-Size / -Etag) with its tree listing as the fallback, and the
ModelScope SDK's file listing. The byte URLs are the hubs' documented download URLs, fetched
by our own transfer (desktop.core.downloads.fetch), which resumes and verifies as it goes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote, urlsplit

from desktop.core.downloads.transfer import page_type
from desktop.core.models.catalog import CatalogEntry, RepoRef
from desktop.core.system.i18n import QT_TRANSLATE_NOOP
from desktop.core.system.paths import default_data_dir

if TYPE_CHECKING:
    import requests

T = TypeVar("T")
SOURCE_CHOICES = ("auto", "modelscope", "hf-mirror", "hf")
DEFAULT_MODELSCOPE = "https://www.modelscope.cn"
DEFAULT_HF_MIRROR = "https://hf-mirror.com"
DEFAULT_HF = "https://huggingface.co"
_NAMES = {
    "modelscope": "ModelScope",
    "hf-mirror": QT_TRANSLATE_NOOP("Download", "HF mirror"),
    "hf": "Hugging Face",
    "direct": QT_TRANSLATE_NOOP("Download", "Mirror"),
}
#: Why a source is given up on (download.py words its own answers the same way).
NOT_THERE = QT_TRANSLATE_NOOP("Download", "it does not have the file (404)")
REFUSED = QT_TRANSLATE_NOOP("Download", "it refused access ({status})")


class NotOnSource(Exception):
    """The source answered that it does not have the file (or will not give it to us)."""


def _base(url: str) -> str:
    url = url.strip().rstrip("/")
    return url if "://" in url else f"https://{url}"  # MODELSCOPE_DOMAIN is a bare host name


@dataclass(frozen=True)
class Endpoints:
    """The base URLs of the three hub kinds (settings and command-line options fill them)."""

    modelscope: str = DEFAULT_MODELSCOPE
    hf_mirror: str = DEFAULT_HF_MIRROR
    hf: str = DEFAULT_HF

    @classmethod
    def resolve(
        cls, modelscope: str | None = None, hf_mirror: str | None = None, hf: str | None = None
    ) -> Endpoints:
        """Explicit values first, then ``MODELSCOPE_DOMAIN`` / ``HF_ENDPOINT``, then defaults."""
        env_ms, env_hf = os.environ.get("MODELSCOPE_DOMAIN"), os.environ.get("HF_ENDPOINT")
        return cls(
            modelscope=_base(modelscope or env_ms or DEFAULT_MODELSCOPE),
            hf_mirror=_base(hf_mirror or env_hf or DEFAULT_HF_MIRROR),
            hf=_base(hf or DEFAULT_HF),
        )


@dataclass(frozen=True)
class RemoteFacts:
    """What a source says about the file before sending it (None: it did not say)."""

    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Source:
    """One place to fetch one catalog entry from."""

    kind: str  # "modelscope", "hf-mirror", "hf" or "direct"
    endpoint: str
    entry: CatalogEntry
    direct_url: str = ""

    @property
    def name(self) -> str:
        """For the user: "ModelScope (www.modelscope.cn)"."""
        host = urlsplit(self.url).netloc
        return QT_TRANSLATE_NOOP("Download", "{name} ({host})").format(
            name=_NAMES[self.kind], host=host
        )

    @property
    def url(self) -> str:
        """The URL that serves the bytes (GET with Range)."""
        entry = self.entry
        if self.kind == "direct":
            return self.direct_url
        if self.kind == "modelscope":
            assert entry.modelscope is not None
            ref = entry.modelscope
            return (
                f"{self.endpoint}/api/v1/models/{ref.repo}/repo?"
                f"Revision={quote(ref.revision, safe='')}&FilePath={quote(entry.file, safe='')}"
            )
        assert entry.hf is not None
        return (
            f"{self.endpoint}/{entry.hf.repo}/resolve/{quote(entry.hf.revision, safe='')}/"
            f"{quote(entry.file)}"
        )

    def facts(self, session: requests.Session, timeout: tuple[float, float]) -> RemoteFacts:
        """Ask the source for size and sha256. Raises NotOnSource when it does not have the
        file; other errors propagate (the caller may go on without facts)."""
        if self.kind == "modelscope":
            return self._modelscope_facts(timeout)
        if self.kind == "direct":
            return self._head_facts(session, timeout)
        return self._hf_facts(timeout)

    def _modelscope_facts(self, timeout: tuple[float, float]) -> RemoteFacts:
        from desktop.core.downloads.hub_clients import ModelScopeClient

        ref = self.entry.modelscope
        assert ref is not None
        client = ModelScopeClient(self.endpoint, hub_config_dir(), timeout)
        return self._from_listing(client, ref)

    def _hf_facts(self, timeout: tuple[float, float]) -> RemoteFacts:
        # The resolve URL answers HEAD with the LFS size and sha256 before redirecting to a CDN.
        from desktop.core.downloads.hub_clients import HfClient, with_deadline

        ref = self.entry.hf
        assert ref is not None
        client = HfClient(self.endpoint, timeout)
        size, sha = _library(lambda: with_deadline(
            lambda: client.file_facts(ref.repo, ref.revision, self.entry.file),
            sum(timeout), "facts"))  # fmt: skip
        if size is not None and sha is not None:
            return RemoteFacts(size, sha)
        try:  # the file exists; some mirrors only describe it through the tree API
            return self._from_listing(client, ref)
        except (NotOnSource, OSError, ValueError):
            # Without the hub's LFS headers the length may be a captive portal's sign-in page:
            # it says nothing of the file, so only a hash-backed size is kept.
            return RemoteFacts(size if sha is not None else None, sha)

    def _from_listing(self, client, ref: RepoRef) -> RemoteFacts:
        """Size and sha256 from the repository's file listing (through the hub's library)."""
        from desktop.core.downloads.hub_clients import with_deadline

        files = _library(
            lambda: with_deadline(
                lambda: client.files(ref.repo, ref.revision),
                client.timeout[0] + client.timeout[1],
                "facts",
            )
        )
        for item in files:
            if self.entry.file in (item.path, item.name):
                return RemoteFacts(item.size, item.sha256)
        raise NotOnSource(_no_file(ref.repo, self.entry.file))

    def _head_facts(self, session: requests.Session, timeout: tuple[float, float]):
        response = session.head(self.url, allow_redirects=True, timeout=timeout)
        _raise_missing(response)
        if response.status_code >= 400 or _is_page(response):
            return RemoteFacts()
        return RemoteFacts(_int(response.headers.get("Content-Length")), None)


def _is_page(response: requests.Response) -> bool:
    """A web page (a captive portal's sign-in page): its length says nothing of the file."""
    return bool(page_type(response.headers.get("Content-Type", "")))


def hub_config_dir() -> Path:
    """Where the ModelScope SDK may keep its session file (not the user's ~/.modelscope)."""
    return default_data_dir() / "hub"


def _library(call: Callable[[], T]) -> T:
    """Run a hub-library call; a hub that does not have the file (or refuses it) raises
    NotOnSource, any other failure ValueError (the download goes on without facts)."""
    from desktop.core.downloads.hub_clients import HubError

    try:
        return call()
    except HubError as err:
        if err.status in (404, 410):
            raise NotOnSource(NOT_THERE) from None
        if err.status in (401, 403):
            raise NotOnSource(REFUSED.format(status=err.status)) from None
        if err.insecure:  # a TLS failure will not heal by retrying: the next source, now
            msg = QT_TRANSLATE_NOOP("Download", "a secure connection could not be made ({error})")
            raise NotOnSource(msg.format(error=str(err))) from None
        raise ValueError(str(err)) from None


def _raise_missing(response: requests.Response) -> None:
    if response.status_code in (404, 410):
        raise NotOnSource(NOT_THERE)
    if response.status_code in (401, 403):
        raise NotOnSource(REFUSED.format(status=response.status_code))


def _no_file(repo: str, file: str) -> str:
    msg = QT_TRANSLATE_NOOP("Download", "the repository {repo} has no file {file}")
    return msg.format(repo=repo, file=file)


def _int(value: object) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def plan_sources(entry: CatalogEntry, choice: str, endpoints: Endpoints) -> list[Source]:
    """The sources to try for ``entry``, in order. "auto": an admin's URLs, then ModelScope,
    then the HF mirror, then huggingface.co; a named choice is that source alone."""
    if choice not in SOURCE_CHOICES:
        msg = QT_TRANSLATE_NOOP("Download", "unknown source {choice}; choose one of {choices}")
        raise ValueError(msg.format(choice=repr(choice), choices=", ".join(SOURCE_CHOICES)))
    sources: list[Source] = []
    if choice == "auto":
        sources += [Source("direct", url, entry, url) for url in entry.urls]
    if choice in ("auto", "modelscope") and entry.modelscope is not None:
        sources.append(Source("modelscope", endpoints.modelscope, entry))
    if entry.hf is not None:
        if choice in ("auto", "hf-mirror"):
            sources.append(Source("hf-mirror", endpoints.hf_mirror, entry))
        if choice in ("auto", "hf"):
            sources.append(Source("hf", endpoints.hf, entry))
    unique: dict[str, Source] = {}
    for source in sources:
        unique.setdefault(source.url, source)  # HF_ENDPOINT may point the mirror at the hub
    return list(unique.values())
