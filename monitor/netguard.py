"""Internal addresses are never fetched: loopback, private, link-local (cloud metadata at
169.254.169.254), reserved, multicast and unspecified addresses, in every spelling.

Takes a host (as written in a URL) or an address and the maintainer's explicit exceptions
(`crawl.allow_private_addresses`, for test sites on loopback) and returns why it is blocked, or None.
Used by `sources validate` (hosts written as addresses), by `sources check` and by the crawler, which
checks every address a name resolves to before connecting to it, on every redirect hop.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

INTERNAL_NAMES = ("localhost", "localhost.localdomain")
INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa")
_IPV4_SPELLING = re.compile(r"[0-9a-fA-FxX.]+")  # 127.1, 0177.0.0.1, 0x7f000001, 2130706433 ...


def networks(allowed: Iterable[str]) -> list[Network]:
    return [ipaddress.ip_network(entry, strict=False) for entry in allowed]


def literal_address(host: str) -> Address | None:
    """The address a host written as an IP literal means, however it is spelled; None for a name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _IPV4_SPELLING.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))  # the C library's reading, as connect() sees it
        except OSError:
            return None
    return None


def address_problem(address: Address | str, allowed: list[Network] = ()) -> str | None:
    """Why ICS Watch must not connect to this address, or None when it may."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in net for net in allowed if net.version == ip.version):
        return None
    for test, what in (("is_loopback", "a loopback address"), ("is_link_local", "a link-local address"),
                       ("is_private", "a private address"), ("is_multicast", "a multicast address"),
                       ("is_unspecified", "an unspecified address"), ("is_reserved", "a reserved address")):
        if getattr(ip, test):
            return f"{ip} is {what}"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def host_problem(host: str, allowed: list[Network] = ()) -> str | None:
    """Why a host written in a URL must not be fetched, before any DNS lookup, or None."""
    name = host.lower().rstrip(".")
    address = literal_address(name)
    if address is not None:
        problem = address_problem(address, allowed)
        spelled = name.strip("[]")
        return f"{spelled} ({problem})" if problem and spelled != str(address) else problem
    if name in INTERNAL_NAMES or name.endswith(INTERNAL_SUFFIXES):
        return f"{host} is an internal name"
    return None


BLOCKED_ADVICE = ("internal addresses are never fetched; list a test site's address under "
                  "crawl.allow_private_addresses")
