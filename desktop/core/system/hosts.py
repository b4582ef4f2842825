"""Which hosts count as "this computer or the local network".

Two rules rest on it: with "Work offline" on, ThinkDesk talks only to such hosts; and they are
reached directly, never through the system's proxy (an office proxy cannot reach 192.168.x.x).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

__all__ = ["host_of", "is_local_address", "is_local_host"]

#: Names that only make sense on a local network (RFC 6762 .local, RFC 8375 home.arpa, ...).
_LOCAL_SUFFIXES = (".local", ".lan", ".home", ".internal", ".home.arpa", ".localdomain")


def host_of(url: str) -> str:
    """The host name or address of ``url`` (lower case, without brackets or port)."""
    return (urlsplit(url).hostname or "").lower()


def is_local_address(text: str) -> bool:
    """True for a loopback, private (RFC 1918 / ULA) or link-local IP address."""
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_private or address.is_link_local


def is_local_host(host: str, *, resolve: bool = True) -> bool:
    """True when ``host`` is this computer or on the local network.

    A name counts if it is ``localhost``, has no dot (an office's short names), ends in a
    local-only suffix, or (``resolve``) every address it resolves to is local. A name that
    does not resolve is not local: offline mode must fail closed.
    """
    host = host.strip("[]").lower().rstrip(".")
    if not host:
        return False
    if is_local_address(host):
        return True
    try:
        ipaddress.ip_address(host.split("%")[0])
        return False  # a public address literal
    except ValueError:
        pass
    if host == "localhost" or host.endswith(".localhost") or host.endswith(_LOCAL_SUFFIXES):
        return True
    if "." not in host:
        return True
    if not resolve:
        return False
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    return bool(infos) and all(is_local_address(str(info[4][0])) for info in infos)
