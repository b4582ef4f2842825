"""Talking to the hubs through their own libraries: ``huggingface_hub`` (HfApi, pointed at
huggingface.co or a mirror such as hf-mirror.com) and the ModelScope SDK's hub client
(``modelscope_hub.HubApi``, the package ``modelscope.hub.api`` delegates to).

Both libraries are imported only when a search runs (together they cost ~0.6 s of start-up).
Neither bounds a call well by itself: HfApi's shared httpx client has no timeout at all and
both retry 5xx answers up to five times with back-off, so every call here runs under a
deadline (:func:`with_deadline`) and a stalled or failing hub is given up within seconds.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from desktop.core.system.i18n import QT_TRANSLATE_NOOP

T = TypeVar("T")

#: Quantization names as they appear in GGUF file names (longest alternatives first).
_QUANT = re.compile(
    r"(?<![A-Za-z0-9])((?:UD-)?(?:I?Q[1-8](?:_[0-9A-Z]+)*|BF16|F16|F32|FP16|MXFP4(?:_MOE)?))"
    r"(?=[-_.]|$)",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"-(\d{5})-of-(\d{5})\.gguf$", re.IGNORECASE)


class HubError(Exception):
    """A hub could not answer; ``str()`` says why, for the user. ``status`` is the HTTP
    status it answered with, if it answered at all."""

    def __init__(self, message: str, status: int | None = None, insecure: bool = False):
        super().__init__(message)
        self.status, self.insecure = status, insecure


@dataclass(frozen=True)
class HubFile:
    """One GGUF file in a hub repository, as the hub describes it."""

    repo: str
    revision: str
    path: str
    size: int | None
    sha256: str | None  # None: the hub gave no hash (verified by a probe after download)
    quantization: str

    @property
    def name(self) -> str:
        """The file name without folders."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def split_part(self) -> tuple[int, int] | None:
        """(part, of) for a multi-part GGUF ("-00001-of-00003.gguf"), else None."""
        found = _SPLIT.search(self.path)
        return (int(found.group(1)), int(found.group(2))) if found else None


@dataclass(frozen=True)
class HubRepo:
    """A repository a search found: its id, licence, popularity and (once listed) files."""

    repo: str
    license: str = ""
    downloads: int = 0
    revision: str = "main"
    files: tuple[HubFile, ...] | None = None  # None: not listed yet


def quantization_of(path: str) -> str:
    """The quantization named in a file name ("Q4_K_M"), or "" if none is."""
    stem = path.rsplit("/", 1)[-1]
    stem = _SPLIT.sub(".gguf", stem)
    found = _QUANT.findall(stem)
    return found[-1].upper() if found else ""


def is_model_gguf(path: str) -> bool:
    """A GGUF with model weights (not a vision projector or an imatrix file)."""
    name = path.rsplit("/", 1)[-1].lower()
    return name.endswith(".gguf") and not name.startswith(("mmproj", "imatrix"))


def _sha(value: object) -> str | None:
    text = str(value or "").strip().lower()
    return text if len(text) == 64 and all(c in "0123456789abcdef" for c in text) else None


def with_deadline(call: Callable[[], T], seconds: float, what: str) -> T:
    """Run ``call`` on a daemon thread and wait at most ``seconds`` for it.

    The libraries' own retries can take minutes; past the deadline the call is abandoned (its
    thread ends by itself, its result is dropped) and HubError says the hub did not answer.
    """
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as err:  # handed to the caller below
            box["error"] = err

    thread = threading.Thread(target=run, name=f"hub-{what}", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        msg = QT_TRANSLATE_NOOP("HubSearch", "it did not answer within {seconds:g} s")
        raise HubError(msg.format(seconds=seconds))
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def _status(err: BaseException) -> int | None:
    status = getattr(getattr(err, "response", None), "status_code", None)
    status = status or getattr(err, "status_code", None)
    return status if isinstance(status, int) else None


def failed(err: BaseException) -> HubError:
    """The HubError for a library's exception (its reason and HTTP status)."""
    if isinstance(err, HubError):
        return err
    problem = HubError(_problem(err), _status(err))
    problem.insecure = insecure(err)
    return problem


def _problem(err: BaseException) -> str:
    """A short reason for a library's exception."""
    status = _status(err)
    if status in (401, 403):
        return QT_TRANSLATE_NOOP("HubSearch", "it refused access ({status})").format(status=status)
    if status == 404:
        return QT_TRANSLATE_NOOP("HubSearch", "it does not have that repository (404)")
    if status:
        return QT_TRANSLATE_NOOP("HubSearch", "it answered {status}").format(status=status)
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    text = text if len(text) <= 160 else text[:157] + "…"
    return QT_TRANSLATE_NOOP("HubSearch", "it could not be reached ({error})").format(error=text)


class HfClient:
    """Search and file listing on huggingface.co or a mirror, through ``HfApi``."""

    def __init__(self, endpoint: str, timeout: tuple[float, float] = (10.0, 20.0)):
        self.endpoint, self.timeout = endpoint.rstrip("/"), timeout

    def _api(self):  # -> huggingface_hub.HfApi
        from huggingface_hub import HfApi, get_session

        # The shared client is created with no timeout; a mirror that stops answering would
        # otherwise hold the search thread for ever (the with_deadline net is the last resort).
        connect, read = self.timeout
        session = get_session()
        session.timeout = type(session.timeout)(read, connect=connect)
        return HfApi(endpoint=self.endpoint, token=False, library_name="thinkdesk")

    def search(self, query: str, limit: int) -> list[HubRepo]:
        """Repositories with GGUF files matching ``query``, most downloaded first."""
        try:
            found = self._api().list_models(
                search=query, filter="gguf", sort="downloads", limit=limit,
                expand=["downloads", "tags", "cardData"],
            )  # fmt: skip
            repos = []
            for info in found:
                licence = next((t.split(":", 1)[1] for t in info.tags or []
                                if t.startswith("license:")), "")  # fmt: skip
                repos.append(HubRepo(info.id, licence, int(info.downloads or 0), "main"))
            return repos
        except Exception as err:
            raise failed(err) from None

    def files(self, repo: str, revision: str = "main") -> list[HubFile]:
        """The model GGUFs in ``repo`` with size and LFS sha256."""
        from huggingface_hub.hf_api import RepoFile

        try:
            tree = self._api().list_repo_tree(repo, revision=revision, recursive=True)
            out = []
            for item in tree:
                if isinstance(item, RepoFile) and is_model_gguf(item.path):
                    lfs = item.lfs
                    sha = _sha(getattr(lfs, "sha256", None) if lfs is not None else None)
                    out.append(HubFile(repo, revision, item.path, int(item.size),
                                       sha, quantization_of(item.path)))  # fmt: skip
            return out
        except Exception as err:
            raise failed(err) from None

    def file_url(self, file: HubFile) -> str:
        """Where the bytes are (the library builds the resolve URL)."""
        from huggingface_hub import hf_hub_url

        return hf_hub_url(file.repo, file.path, revision=file.revision, endpoint=self.endpoint)

    def file_facts(self, repo: str, revision: str, path: str) -> tuple[int | None, str | None]:
        """(size, sha256) from the resolve URL's HEAD answer (X-Linked-Size / -Etag)."""
        from huggingface_hub import get_hf_file_metadata

        try:
            self._api()  # bounds the shared client
            url = self.file_url(HubFile(repo, revision, path, None, None, ""))
            meta = get_hf_file_metadata(url, token=False, timeout=self.timeout[1],
                                        endpoint=self.endpoint)  # fmt: skip
        except Exception as err:
            raise failed(err) from None
        return meta.size, _sha(meta.etag)


def _once(legacy_client: type) -> type:
    """The SDK's legacy client without its own retries of file listings (1, 2, 4 s apart):
    the caller fails over to the next hub, or the download retries, instead."""

    class OneAttempt(legacy_client):
        def _request_repo_tree(self, *args, **kwargs):
            kwargs["max_attempts"] = 1
            return super()._request_repo_tree(*args, **kwargs)

    return OneAttempt


def insecure(err: BaseException) -> bool:
    """Whether ``err`` (or what caused it) is a TLS failure: a proxy or a clock, not the hub."""
    seen: BaseException | None = err
    for _ in range(8):
        if seen is None:
            return False
        text = f"{type(seen).__name__} {seen}"
        if "SSL" in text or "CERTIFICATE" in text.upper():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class ModelScopeClient:
    """Search and file listing on ModelScope, through ``modelscope_hub.HubApi``."""

    def __init__(
        self, endpoint: str, config_dir: Path, timeout: tuple[float, float] = (10.0, 20.0)
    ):
        self.endpoint, self.config_dir, self.timeout = endpoint.rstrip("/"), config_dir, timeout

    def _api(self):  # -> modelscope_hub.HubApi
        from modelscope_hub import HubApi
        from modelscope_hub._legacy_api import LegacyClient
        from modelscope_hub._openapi import OpenAPIClient
        from modelscope_hub.config import HubConfig

        # Our own config folder: the SDK writes a session id there, and it must not read or
        # write the user's ~/.modelscope (an anonymous, read-only client is all we need).
        folder = self.config_dir
        config = HubConfig(endpoint=self.endpoint, config_dir=folder, cache_dir=folder / "cache")
        api = HubApi(config)
        read = self.timeout[1]  # the SDK keeps its own 10 s connect timeout
        # The SDK's own HubApi shim (modelscope.hub.api) builds its clients this way to set the
        # timeout and retries, which the public constructor does not take.
        api._openapi = OpenAPIClient(config, timeout=read, max_retries=1)
        api._legacy = _once(LegacyClient)(token=None, endpoint=self.endpoint, timeout=int(read),
                                          max_retries=0)  # fmt: skip
        logging.getLogger("modelscope_hub").setLevel(logging.ERROR)  # its retry chatter
        return api

    def search(self, query: str, limit: int) -> list[HubRepo]:
        """Repositories matching ``query`` whose name or tags say GGUF."""
        try:
            page = self._api().list_repos("model", search=query, page_size=min(limit * 3, 50))
            repos = []
            for info in page.items:
                text = " ".join([info.repo_id or "", *map(str, info.tags or [])]).lower()
                if "gguf" in text:
                    repos.append(HubRepo(info.repo_id, info.license or "",
                                         int(info.downloads or 0), "master"))  # fmt: skip
            return repos[:limit]
        except Exception as err:
            raise failed(err) from None

    def files(self, repo: str, revision: str = "master") -> list[HubFile]:
        """The model GGUFs in ``repo`` with size and sha256 (when the hub gives one)."""
        try:
            listed = self._api().list_repo_files(repo, "model", revision=revision)
            return [
                HubFile(repo, revision, f.path, int(f.size) if f.size else None, _sha(f.sha256),
                        quantization_of(f.path))
                for f in listed
                if not f.is_dir and is_model_gguf(f.path)
            ]  # fmt: skip
        except Exception as err:
            raise failed(err) from None
