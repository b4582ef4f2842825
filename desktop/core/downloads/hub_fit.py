"""Hub files as ThinkDesk sees them: will one fit this PC's memory, and the catalog entry a
chosen file is downloaded as (same queue, resume, verification and install as the catalog).

The memory estimate needs the model's shape (layers, KV heads). A repository the catalog knows
lends its shape; otherwise the GGUF header is read from the hub with HTTP Range requests (the
first few MB of one file; every quantization in a repository shares the shape).
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

from desktop.core.downloads.hub_clients import HfClient, HubError, HubFile, HubRepo
from desktop.core.downloads.hub_search import Hub
from desktop.core.downloads.sources import Source
from desktop.core.models.catalog import GB, Catalog, CatalogEntry, RepoRef, ShapeFacts, fit_entry
from desktop.core.system.i18n import QT_TRANSLATE_NOOP

#: Bytes of header read first, and at most (the R1 vocabulary makes headers of ~6 MB).
HEADER_FIRST, HEADER_MAX = 8 << 20, 64 << 20
#: CatalogEntry.origin of a file found on a hub (the download worker probes these).
HUB_ORIGIN = "hub"


@dataclass(frozen=True)
class FileFit:
    """How a hub file fits this PC: verdict "good", "tight", "too_big" or "unknown"."""

    verdict: str
    message: str
    need: int | None = None


def catalog_shape(repo: str, catalog: Catalog) -> ShapeFacts | None:
    """The shape of a repository the catalog pins files from (any quantization)."""
    for entry in catalog:
        refs = [r.repo.lower() for r in (entry.modelscope, entry.hf) if r is not None]
        if repo.lower() in refs:
            return entry.shape
    return None


def header_shape(hub: Hub, file: HubFile, session, timeout: tuple[float, float]) -> ShapeFacts:
    """Read ``file``'s GGUF header from ``hub`` (Range requests) and return its shape.
    Raises HubError when the header cannot be fetched or read."""
    from desktop.core.models.gguf_inspect import _parse
    from desktop.core.models.gguf_reader import GGUFError

    entry = hub_entry(hub, HubRepo(file.repo, revision=file.revision), file, None)
    if hub.kind == "modelscope":
        url = Source(hub.kind, hub.endpoint, entry).url
    else:
        url = HfClient(hub.endpoint).file_url(file)  # the library builds the resolve URL
    size, want = file.size or 0, HEADER_FIRST
    while True:
        try:
            response = session.get(url, headers={"Range": f"bytes=0-{want - 1}"}, timeout=timeout)
        except Exception as err:
            raise HubError(QT_TRANSLATE_NOOP("HubSearch", "the header could not be read ({error})")
                           .format(error=type(err).__name__)) from None  # fmt: skip
        if response.status_code not in (200, 206):
            msg = QT_TRANSLATE_NOOP("HubSearch", "the header could not be read ({error})")
            raise HubError(msg.format(error=response.status_code))
        data = response.content[:want]
        try:
            info = _parse(io.BytesIO(data), size or len(data), file.name, file.name, False)
        except GGUFError as err:
            if err.reason == "truncated" and len(data) >= want and want < HEADER_MAX:
                want *= 4
                continue
            raise HubError(str(err)) from None
        except (ValueError, OverflowError, UnicodeDecodeError) as err:
            raise HubError(str(err)) from None
        if not (info.n_layer and info.n_head_kv and info.head_dim):
            raise HubError(QT_TRANSLATE_NOOP("HubSearch", "its header does not give the shape"))
        return ShapeFacts(info.n_layer, info.n_head_kv, info.head_dim,
                          info.context_length or 4096)  # fmt: skip


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._")
    return slug[:75] or "model"


def hub_entry(hub: Hub, repo: HubRepo, file: HubFile, shape: ShapeFacts | None) -> CatalogEntry:
    """The catalog entry a hub file downloads as. Without a sha256 from the hub the entry's
    ``sha256`` is "" (the download is then checked by a probe instead)."""
    ref = RepoRef(repo.repo, repo.revision or hub.default_revision)
    name = re.sub(r"-gguf$", "", repo.repo.split("/", 1)[-1], flags=re.IGNORECASE)
    shape = shape or ShapeFacts(0, 0, 0, 4096)
    entry = CatalogEntry(
        id="hub-" + _slug(file.name.removesuffix(".gguf")), name=name,
        quantization=file.quantization or "?", file=file.name, size=file.size,
        sha256=file.sha256 or "", context_length=shape.n_ctx_train, recommended_ram_gb=0,
        license=repo.license or "", shape=shape,
        modelscope=ref if hub.kind == "modelscope" else None,
        hf=ref if hub.kind != "modelscope" else None, origin=HUB_ORIGIN,
    )  # fmt: skip
    return _with_recommendation(entry)


def _with_recommendation(entry: CatalogEntry) -> CatalogEntry:
    """The RAM to recommend: the estimate plus room for the system and an office suite."""
    from dataclasses import replace

    if not entry.shape.n_layer:
        return entry
    from desktop.core.models.catalog import estimate_memory

    need = estimate_memory(entry)
    return replace(entry, recommended_ram_gb=float(math.ceil((need + 3 * GB) / GB)))


def file_fit(entry: CatalogEntry, total_ram: int | None = None, budget: int | None = None
             ) -> FileFit:  # fmt: skip
    """The existing memory estimate for a hub file (verdict "unknown" without its shape)."""
    if not entry.shape.n_layer:
        return FileFit("unknown", QT_TRANSLATE_NOOP(
            "HubSearch", "Memory use unknown until the model's header has been read."))  # fmt: skip
    fit = fit_entry(entry, total_ram=total_ram, budget=budget)
    return FileFit(fit.verdict, fit.message, fit.need)


def repo_shape(
    hub: Hub, repo: HubRepo, session, timeout: tuple[float, float], prefer: HubFile | None = None
) -> ShapeFacts | None:
    """The shape of ``repo``'s models from one header (``prefer``, else the smallest single-file
    GGUF); None when it cannot be read."""
    files = [f for f in repo.files or () if (f.split_part or (1, 1))[0] == 1]
    files = sorted(files, key=lambda f: f.size or 0)
    if prefer is not None:
        files = [prefer]
    for file in files[:1]:
        try:
            return header_shape(hub, file, session, timeout)
        except HubError:
            return None
    return None


def record_hub_download(entry: CatalogEntry, result, registry, catalog: Catalog, verdicts,
                        cancel=None):  # fmt: skip
    """Register a downloaded hub file (a ``fetch.DownloadResult``) and return the
    InstalledModel. A file the catalog pins is recorded as that catalog model; any other is
    test-loaded in a child process first (ModelCheckError, file deleted, if it fails)."""
    from desktop.core.models.installed import InstalledModel, from_download
    from desktop.core.models.model_check import ModelCheckError, check_model

    pinned = catalog.by_sha256(result.sha256)
    if pinned is not None:
        return registry.add(from_download(pinned, result.path, result.sha256, result.source))
    try:
        info = check_model(result.path, verdicts, cancel=cancel)
    except ModelCheckError as err:
        if err.reason != "cancelled":
            result.path.unlink(missing_ok=True)
        raise
    model = InstalledModel(
        id=entry.id, name=entry.name, quantization=entry.quantization, size=result.size,
        context_length=info.context_length or entry.context_length, source=result.source,
        verified=bool(entry.sha256), path=str(result.path), sha256=result.sha256,
        catalog_id=None, unverified_source=not entry.sha256,
    )  # fmt: skip
    return registry.add(model)
