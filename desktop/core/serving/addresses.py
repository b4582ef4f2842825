"""The addresses colleagues can reach this PC's server at."""

from __future__ import annotations

import ipaddress

LOOPBACK_HOST = "127.0.0.1"
NETWORK_HOST = "0.0.0.0"


def lan_addresses() -> list[str]:
    """This PC's IPv4 addresses on its local networks, private ones first (may be empty)."""
    try:
        import psutil

        interfaces = psutil.net_if_addrs()
    except Exception:  # psutil can fail in sandboxes: no addresses to suggest then
        return []
    found: list[ipaddress.IPv4Address] = []
    for addrs in interfaces.values():
        for addr in addrs:
            try:
                ip = ipaddress.ip_address(addr.address)
            except ValueError:
                continue
            if ip.version == 4 and not ip.is_loopback and not ip.is_link_local:
                found.append(ip)  # type: ignore[arg-type]
    found = sorted(set(found), key=lambda ip: (not ip.is_private, ip))
    return [str(ip) for ip in found]


def server_urls(network: bool, port: int) -> list[str]:
    """The base URLs (``.../v1``) to give to clients of a server bound as described."""
    hosts = (lan_addresses() or [LOOPBACK_HOST]) if network else [LOOPBACK_HOST]
    return [f"http://{host}:{port}/v1" for host in hosts]
