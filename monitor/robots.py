"""The robots.txt policy (RFC 9309) that the crawler obeys and `icswatch sources check` reports.

Takes the HTTP status of a robots.txt fetch (or the reason it could not be fetched) and returns what it
means: the rules text to parse (`rules_for`) and, when the host must be left alone, the problem in words
(`problem_for`, `unreachable`). 2xx/3xx: the file's own rules; 4xx: no robots.txt, so no rules; 5xx or
no answer at all: "disallow all" for this run (Scrapy alone would allow everything). Stdlib only.
"""

from __future__ import annotations

DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
NO_RULES = ""


def rules_for(status: int, text: str) -> str:
    """The robots.txt text to obey, given the status it was served with."""
    if status >= 500:
        return DISALLOW_ALL
    if status >= 400:
        return NO_RULES
    return text


def problem_for(status: int) -> str | None:
    """Why a host is off limits because of its robots.txt status, or None when its rules apply."""
    return f"robots.txt answered {status}" if status >= 500 else None


def unreachable(reason: str) -> str:
    """The problem when robots.txt could not be fetched at all."""
    return f"robots.txt unreachable ({reason})"


def crawl_note(problem: str) -> str:
    """The line the crawler reports for a host it leaves alone (the run report, the digest)."""
    return f"{problem}; host treated as disallowed"


def check_verdict(problem: str, *, until_recovers: bool) -> str:
    """The line `icswatch sources check` shows a maintainer for the same problem."""
    tail = " until it recovers" if until_recovers else ""
    return f"{problem}: the crawler treats the host as disallowed{tail}"


TLS_UNTRUSTED = ("TLS error: the site's certificate is not trusted (self-signed, expired, or issued for another "
                 "name); nothing was fetched from this host. Ask the site to fix it; only if that cannot be done "
                 "soon, set tls_verify: false with tls_reason for this system")


def is_tls_failure(text: str) -> bool:
    """Whether an error's text says the certificate check failed (OpenSSL's words, through any wrapper)."""
    lowered = text.lower()
    return "certificate verify failed" in lowered or "certificate_verify_failed" in lowered
