"""Northfell (North West): an ICB site ("northfell") and its document library ("northfell-docs").

v1  Strategy as one long HTML page with headings (/our-plans/integrated-care-strategy); the JFP and board
    papers as PDFs on the document library host, linked from /our-plans.
v2  The ICB site is down (connection refused) and the document library answers 503 with Retry-After: 1
    to everything: nothing is reachable, nothing changed.
v3  Both back, pages as in v1, but the ICB's robots.txt answers 503 (Retry-After: 1), so a polite crawler
    treats the site as disallow-all and reaches nothing. No document changed.
"""

from __future__ import annotations

from functools import cache

from ..model import TEXT, DocumentTruth, HostState, Resource, SystemSpec, SystemState
from . import pages

ICB, DOCS = "northfell", "northfell-docs"
ROBOTS_503 = Resource(b"Service temporarily unavailable\n", TEXT, 503, (("Retry-After", "1"),))


@cache
def build(state: str) -> SystemState:
    icb, docs = HostState(pages.icb_pages()), HostState(pages.docs_pages())
    if state == "v1":
        return SystemState({ICB: icb, DOCS: docs}, _documents())
    if state == "v2":
        # Resources are kept while down, so Last-Modified carries on when the site comes back.
        icb.mode, docs.mode = "down", "unavailable"
        return SystemState({ICB: icb, DOCS: docs}, [], outages=[(ICB, "refused"), (DOCS, "unavailable")])
    icb.resources["/robots.txt"] = ROBOTS_503
    return SystemState({ICB: icb, DOCS: docs}, [], outages=[(ICB, "robots_503")])


def _documents() -> list[DocumentTruth]:
    return [
        DocumentTruth(ICB, pages.STRATEGY, "strategy", pages.STRATEGY_TITLE, "html"),
        DocumentTruth(DOCS, pages.JFP, "joint_forward_plan", pages.JFP_TITLE, "pdf"),
        DocumentTruth(DOCS, pages.BOARD, "other", "NHS Northfell Integrated Care Board: Board meeting papers, "
                      "7 March 2024", "pdf"),
    ]


SPEC = SystemSpec(
    id="northfell",
    name="Northfell",
    region="North West",
    icb_name="NHS Northfell Integrated Care Board",
    icp_name="Northfell Together Partnership",
    icp_host=None,
    start=((ICB, "/our-plans"),),
    build=build,
    other_hosts=(DOCS,),
)
