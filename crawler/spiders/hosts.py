"""Which URLs are one site and one page: www. and bare hosts, http and https, a trailing slash.

Takes host names and URLs; returns plain values. A listed host's alias is the same site (the crawler
may follow it, and a redirect between them is not a loop); `page_key` is one key for a page's aliases,
so a page reached at two of them is asked for, counted and archived once.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url

from monitor.config.models import site_of


def aliases(hosts) -> set[str]:
    """The hosts with their www./bare aliases: www.example.nhs.uk and example.nhs.uk are one site. An
    address (127.0.0.1) has no alias."""
    found = set()
    for host in hosts:
        bare = site_of(host)
        found |= {host, bare} | ({f"www.{bare}"} if re.search(r"[a-z]", bare) and "." in bare else set())
    return found


def page_key(url: str) -> str:
    """One key for the aliases of a page: http or https, www. or bare, default port or none, trailing slash."""
    parts = urlsplit(canonicalize_url(url, keep_fragments=False))
    port = parts.port if parts.port not in (None, 80, 443) else None
    return f"{site_of(parts.hostname or '')}:{port or ''}{parts.path.rstrip('/') or '/'}?{parts.query}"


def parent_url(url: str) -> str | None:
    """The page one level up, in the site's own style (/plan/intro/ -> /plan/, /plan/intro -> /plan);
    None at the top of the site."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path.count("/") < 2:
        return None
    slash = "/" if parts.path.endswith("/") else ""
    return parts._replace(path=path.rsplit("/", 1)[0] + slash, query="", fragment="").geturl()
