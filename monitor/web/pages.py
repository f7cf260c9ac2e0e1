"""The HTML pages: coverage (`/`, and `/coverage.csv`), a system, a document, a version (and its
original bytes, only ever as a download), a comparison of two versions, the changes of a period, and
search. Each route checks what the URL says (`site`), reads through `views`, and renders a template
of `templates/web/`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from store.vocabulary import DocType

from ..config import REGIONS
from ..templating import render_template
from . import views
from .coverage import coverage, coverage_csv
from .render import stylesheet
from .site import (
    DOCUMENT_ID,
    SYSTEM_ID,
    VERSION_ID,
    BadRequest,
    Site,
    bounded,
    check_id,
    check_system,
    check_theme,
    parse_period,
)

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
MAX_QUERY = 500  # characters, as /api/search


def _site(request: Request) -> Site:
    return request.app.state.site


def _page(request: Request, template: str, **context) -> HTMLResponse:
    site = _site(request)
    html = render_template(f"web/{template}", path=request.url.path, regions=REGIONS, themes=site.themes,
                           doc_types=[t.value for t in DocType], **context)
    return HTMLResponse(html)


@router.get("/site.css")
def css() -> Response:
    return Response(stylesheet(), media_type="text/css", headers={"cache-control": "max-age=3600"})


@router.get("/", response_class=HTMLResponse)
def coverage_page(request: Request):
    rows = coverage(_site(request))
    regions = {}
    for row in rows:
        regions.setdefault(row.region, []).append(row)
    return _page(request, "coverage.html.j2", regions_rows=regions, rows=rows)


@router.get("/coverage.csv")
def coverage_download(request: Request):
    return Response(coverage_csv(coverage(_site(request))), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="icswatch-coverage.csv"'})


@router.get("/systems/{system_id}", response_class=HTMLResponse)
def system_page(request: Request, system_id: str):
    check_id(system_id, SYSTEM_ID, "system")
    return _page(request, "system.html.j2", s=views.system_view(_site(request), system_id))


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str):
    check_id(document_id, DOCUMENT_ID, "document")
    return _page(request, "document.html.j2", d=views.document_view(_site(request), document_id))


@router.get("/versions/{version_id}", response_class=HTMLResponse)
def version_page(request: Request, version_id: str):
    check_id(version_id, VERSION_ID, "version")
    view = views.version_view(_site(request), version_id)
    return _page(request, "version.html.j2", d=view, page_url=str(request.url))


@router.get("/versions/{version_id}/original")
def version_original(request: Request, version_id: str, part: int | None = None):
    """The bytes as fetched, as a file to save: never shown as a page of this site (they may carry scripts)."""
    check_id(version_id, VERSION_ID, "version")
    body, name = views.original(_site(request), version_id, part)
    return Response(body, media_type="application/octet-stream", headers={
        "content-disposition": f'attachment; filename="{name}"', "cache-control": "private, max-age=3600"})


@router.get("/compare/{version_a}/{version_b}", response_class=HTMLResponse)
def compare_page(request: Request, version_a: str, version_b: str):
    check_id(version_a, VERSION_ID, "version")
    check_id(version_b, VERSION_ID, "version")
    return _page(request, "compare.html.j2", d=views.compare_view(_site(request), version_a, version_b))


@router.get("/changes", response_class=HTMLResponse)
def changes_page(request: Request, since: str | None = None, until: str | None = None, region: str | None = None,
                 system: str | None = None, theme: str | None = None, relevant: bool = False, page: int = 1):
    site = _site(request)
    start, end = parse_period(site, since, until)
    page = bounded(page, 1, 1, 10_000, "page")
    found = views.changes_view(site, start, end, region, check_system(site, system), check_theme(site, theme),
                               relevant, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    params = {"since": since, "until": until, "region": region, "system": system, "theme": theme,
              "relevant": "true" if relevant else None}
    return _page(request, "changes.html.j2", changes=found[:PAGE_SIZE], more=len(found) > PAGE_SIZE,
                 page_number=page, params=params,
                 systems=sorted(site.names.items(), key=lambda item: item[1][0]))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", system: str | None = None, type: str | None = None,
                since: str | None = None, every: bool = False, limit: int = 20):
    site = _site(request)
    params = {"q": q, "system": system, "type": type, "since": since, "every": "true" if every else None}
    if not q.strip():
        return _page(request, "search.html.j2", hits=None, params=params, words=[])
    if len(q) > MAX_QUERY:
        raise BadRequest(f"the search is {len(q)} characters long: at most {MAX_QUERY}")
    if type and type not in {t.value for t in DocType}:
        raise BadRequest(f"unknown document type {type!r}")
    start, _ = parse_period(site, since, None)
    hits = views.search_view(site, q, check_system(site, system), type, start, every,
                             bounded(limit, 20, 1, 100, "limit"))
    words = views.query_words(q)
    for hit in hits:
        hit["snippet"] = views.snippet(hit["text"], words)
        hit["system_name"] = site.name(hit["system_id"])
    return _page(request, "search.html.j2", hits=hits, params=params, words=words)
