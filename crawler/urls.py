"""URLs as the crawler asks for them: one spelling per page, and no crawler traps.

`clean_url` drops session and tracking parameters (`;jsessionid=...`, `PHPSESSID`, `utm_*`, a long
`sid`...) and canonicalises the rest, so one page is one URL however the site decorates its links.
`trap_reason` names a path a person would never follow (a segment repeated again and again, as a
relative link on an error page makes: /a/a/a/...), which the crawler does not follow.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

SESSION_KEYS = {"jsessionid", "phpsessid", "sessionid", "session_id", "sessid", "cfid", "cftoken", "zenid",
                "oscsid", "wicket-session", "fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl"}
SESSION_PREFIXES = ("utm_", "__utm", "aspsessionid")
TOKEN_KEYS = {"sid", "s"}  # a session only when its value looks like one (long, no spaces)
_TOKEN = re.compile(r"[0-9A-Za-z_-]{16,}")
_PATH_PARAM = re.compile(r";(?P<name>[^;/=?#]+)=[^;/?#]*")
MAX_REPEATS = 3  # the same path segment this many times is a trap
MAX_SEGMENTS = 16


def _is_session(key: str, value: str) -> bool:
    name = key.lower()
    return (name in SESSION_KEYS or name.startswith(SESSION_PREFIXES)
            or (name in TOKEN_KEYS and bool(_TOKEN.fullmatch(value))))


def clean_url(url: str) -> str:
    parts = urlsplit(url)
    path = _PATH_PARAM.sub(lambda m: "" if _is_session(m["name"], "x" * 16) else m[0], parts.path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_session(k, v)]
    return canonicalize_url(urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), "")), keep_fragments=False)


def trap_reason(url: str) -> str | None:
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) > MAX_SEGMENTS:
        return f"a path {len(segments)} segments deep"
    repeated = [(s, n) for s, n in Counter(segments).items() if n >= MAX_REPEATS]
    if repeated:
        segment, times = repeated[0]
        return f"the path repeats {segment!r} {times} times"
    return None
