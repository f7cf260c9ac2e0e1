"""The read-only JSON API, described at /openapi.json. Every field and id is the one the CLI's `--json`
prints: `/api/systems/{id}` is `icswatch history ID --json`, `/api/versions/{id}` is `icswatch show`,
`/api/changes` items are `icswatch changes --json` items, `/api/search` is `icswatch search --json`,
`/api/compare/{a}/{b}` is `icswatch diff A B --format json`. `/api/systems` is the coverage table.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Path, Query, Request

from store.vocabulary import DocType

from . import views
from .coverage import coverage
from .site import (
    DOCUMENT_ID,
    SYSTEM_ID,
    VERSION_ID,
    Site,
    check_id,
    check_system,
    check_theme,
    parse_period,
)

router = APIRouter(prefix="/api", tags=["archive"])
DocTypeName = Literal[tuple(t.value for t in DocType)]  # type: ignore[valid-type]
VERSION = Path(description="A version id, v- and 12 hex digits", examples=["v-3f2a9c1b7d4e"])
DOCUMENT = Path(description="A document id, d- and 12 hex digits")


def _site(request: Request) -> Site:
    return request.app.state.site


@router.get("/systems", summary="Every watched system: its current documents and crawl health")
def api_systems(request: Request, inactive: bool = Query(False, description="Include merged and abolished ones")):
    return [row.to_json() for row in coverage(_site(request), include_inactive=inactive)]


@router.get("/systems/{system_id}", summary="Every document and version of one system (as `icswatch history --json`)")
def api_system(request: Request, system_id: str):
    check_id(system_id, SYSTEM_ID, "system")
    view = views.system_view(_site(request), system_id)
    return {"system_id": view["system_id"], "documents": view["documents"]}


@router.get("/documents/{document_id}", summary="One document with its versions")
def api_document(request: Request, document_id: str = DOCUMENT):
    check_id(document_id, DOCUMENT_ID, "document")
    return views.document_view(_site(request), document_id)["document"]


@router.get("/versions/{version_id}", summary="One version's metadata (as `icswatch show --json`)")
def api_version(request: Request, version_id: str = VERSION):
    check_id(version_id, VERSION_ID, "version")
    return views.version_record(_site(request), version_id)


@router.get("/compare/{version_a}/{version_b}", summary="The passages that differ (as `icswatch diff --format json`)")
def api_compare(request: Request, version_a: str, version_b: str):
    check_id(version_a, VERSION_ID, "version")
    check_id(version_b, VERSION_ID, "version")
    result = views.compare_view(_site(request), version_a, version_b)
    return {k: v for k, v in result.items() if k not in ("passages", "name")}


@router.get("/changes", summary="Detected changes, newest first (items as `icswatch changes --json`)")
def api_changes(request: Request, since: str | None = Query(None, description="2025-03-01 or a span like 7d"),
                until: str | None = None, region: str | None = None, system: str | None = None,
                theme: str | None = None, relevant: bool = False, limit: int = Query(50, ge=1, le=200),
                offset: int = Query(0, ge=0, le=1_000_000)):
    site = _site(request)
    start, end = parse_period(site, since, until)
    found = views.changes_view(site, start, end, region, check_system(site, system), check_theme(site, theme),
                               relevant, limit, offset)
    return [c.to_json() for c in found]


@router.get("/search", summary="Full-text search (as `icswatch search --json`)")
def api_search(request: Request, q: str = Query(..., min_length=1, max_length=500), system: str | None = None,
               type: DocTypeName | None = None, since: str | None = None,  # noqa: A002 - the CLI's --type
               every: bool = Query(False, description="Every version, not only the latest editions"),
               limit: int = Query(20, ge=1, le=100)):
    site = _site(request)
    start, _ = parse_period(site, since, None)
    return views.search_view(site, q, check_system(site, system), type, start, every, limit)
