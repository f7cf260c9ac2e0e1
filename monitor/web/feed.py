"""The Atom feed of relevant changes (`/feed.atom?region=...&theme=...`), for people who live in a feed
reader: the newest 50, each entry linking to its comparison (or its version), with the changed
passages as plain text. Built with ElementTree, so everything from a website is escaped as XML.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..render import doc_label, kind_label, label
from . import views
from .site import Site, check_theme

router = APIRouter(include_in_schema=False)
ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50


def _text(parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def change_link(base: str, change) -> str:
    if change.version_id and change.previous_version_id:
        return f"{base}/compare/{change.previous_version_id}/{change.version_id}"
    if change.version_id or change.previous_version_id:
        return f"{base}/versions/{change.version_id or change.previous_version_id}"
    return f"{base}/documents/{change.document_id}"


def _summary(change) -> str:
    lines = [f"{change.system_name}: {doc_label(change)}, {kind_label(change)}."]
    if change.themes:
        lines.append("Themes: " + ", ".join(label(t) for t in change.themes) + ".")
    for excerpt in (e for e in change.excerpts if e.relevant):
        for reason in excerpt.weakened_reasons:
            lines.append(f"Weakened: {reason}.")
        if excerpt.before:
            lines.append(f"Before: {excerpt.before}")
        if excerpt.after:
            lines.append(f"After: {excerpt.after}")
    return "\n\n".join(lines)


@router.get("/feed.atom")
def atom_feed(request: Request, region: str | None = None, theme: str | None = None) -> Response:
    site: Site = request.app.state.site
    found = views.changes_view(site, None, None, region, None, check_theme(site, theme), True, FEED_SIZE, 0)
    base = str(request.base_url).rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    scope = ", ".join(x for x in (region, label(theme) if theme else None) if x)
    _text(feed, f"{{{ATOM}}}title", "ICS Watch: changes to children's commitments" + (f" ({scope})" if scope else ""))
    _text(feed, f"{{{ATOM}}}id", str(request.url))
    updated = found[0].detected_at if found else site.now()
    _text(feed, f"{{{ATOM}}}updated", updated.isoformat(timespec="seconds"))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": str(request.url)})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": f"{base}/changes?relevant=true"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, f"{{{ATOM}}}name", "ICS Watch")
    for change in found:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        title = f"{change.system_name}: {change.title or doc_label(change)}"
        if change.weakened:
            title += " (weakened)"
        _text(entry, f"{{{ATOM}}}title", title)
        _text(entry, f"{{{ATOM}}}id", f"urn:icswatch:change:{change.change_id}")
        _text(entry, f"{{{ATOM}}}updated", change.detected_at.isoformat(timespec="seconds"))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": change_link(base, change)})
        for name in change.themes:
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": name, "label": label(name)})
        _text(entry, f"{{{ATOM}}}summary", _summary(change), type="text")
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml; charset=utf-8")
