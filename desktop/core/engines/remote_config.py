"""Which server answers and how patiently: plain values, importable without the HTTP stack.

The app imports this at start; ``requests`` (whose urllib3 probes IPv6 with a socket on import)
is loaded only once a server is actually used, so an offline start opens no socket at all.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RemoteConfig", "api_base"]


def api_base(url: str) -> str:
    """``http://host:8080``, ``…/`` or ``…/v1`` all mean the API at ``…/v1``."""
    base = url.strip().rstrip("/")
    return base if base.endswith("/v1") else base + "/v1"


@dataclass(frozen=True)
class RemoteConfig:
    """Which server and model answer, and how patiently."""

    url: str
    model: str = ""  # "" picks the server's first model
    api_key: str = ""
    offline: bool = False  # "Work offline": only this computer and the local network
    connect_timeout: float = 5.0
    read_timeout: float = 300.0  # silence tolerated (a long prompt on a busy server)
    retry_for_s: float = 90.0  # how long a server answering 503 (loading) is waited for
    retry_delay_s: float = 1.0  # the first wait after a 503; doubles up to 10 s
    #: The most connecting waits, in all, for the server to describe its model (/props,
    #: /api/show: not every server answers them, see engines.remote_probe).
    probe_for_s: float = 2.0

    @property
    def origin(self) -> str:
        """Where answers come from, as shown to the user: ``host:port``."""
        from urllib.parse import urlsplit

        return urlsplit(self.url.strip()).netloc or self.url

    @property
    def timeouts(self) -> tuple[float, float]:
        return (self.connect_timeout, self.read_timeout)

    def __repr__(self) -> str:  # the key must not end up in a log or a traceback
        return f"RemoteConfig(url={self.url!r}, model={self.model!r})"
