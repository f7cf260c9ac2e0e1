"""Presentation helpers the web pages add to the digest's (`monitor.render`): dates as readers write them,
a document's kind in words, the page's own links (query strings escaped), and the stylesheet.

Takes plain values and returns text; `register_filters` adds them to the one Jinja2 environment.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from urllib.parse import urlencode

from ..render import DOC_TYPES
from ..resources import template_dirs
from ..templating import environment


def day(value: datetime | str | None) -> str:
    """'17 Nov 2026' (a time or its ISO text); '' for none."""
    if not value:
        return ""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{when.day} {when:%b %Y}"


def moment(value: datetime | str | None) -> str:
    """'17 Nov 2026, 06:00 UTC'."""
    if not value:
        return ""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{day(when)}, {when:%H:%M} UTC"


def doc_kind(doc_type: str, easy_read: bool = False) -> str:
    return DOC_TYPES.get(doc_type, doc_type) + (", easy read" if easy_read else "")


def query(params: dict, **changes) -> str:
    """'?a=1&b=2' from the current parameters with some changed (None or '' drops one)."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", False)}
    return "?" + urlencode(merged) if merged else ""


def register_filters() -> None:
    env = environment()
    env.filters.update(day=day, moment=moment, doc_kind=doc_kind)
    env.globals.update(query=query)


@cache
def stylesheet() -> str:
    for folder in template_dirs():
        path = folder / "web" / "site.css"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError("templates/web/site.css")
