"""Eastmarsh (East of England): one ICB site ("eastmarsh").

v1  JFP as an HTML book: contents at /about-us/joint-forward-plan/ (ol.chapters), seven chapters under
    /jfp-2024/. Strategy as DOCX at /publications/strategy/Eastmarsh Health and Wellbeing Strategy.docx.
    Distractors: annual report 2023-24 and the primary care access recovery plan (PDF). Traps: the events
    calendar (/events/calendar?month=2024-03, next/previous month for ever), /search?q=... and a draft
    JFP under /private/, both disallowed by robots.txt.
v2  The DOCX moves to /documents/... (same bytes; the old URL answers 404). Chrome changes (cookie
    banner, news sidebar, "Page last reviewed") on every page, chapters' text unchanged except chapter 3,
    where the school nurses commitment is cut from 20 to 12 and delayed from April 2025 to April 2026.
v3  New edition of the book under /jfp-2025/ (a new URL tree, same contents page; the /jfp-2024/ pages
    still answer but are unlinked): a children's asthma nurse commitment added, an adult-only diagnostics
    target changed, an edition note. The primary care plan is removed (404, link gone).
"""

from __future__ import annotations

from functools import cache

from ..model import ChangeTruth, DocumentTruth, Edit, HostState, SystemSpec, SystemState
from . import documents as docs
from . import pages

HOST = "eastmarsh"


@cache
def build(state: str) -> SystemState:
    resources, routes = pages.host_pages(state)
    return SystemState({HOST: HostState(resources, routes)}, _documents(state), _changes(state))


def _documents(state: str) -> list[DocumentTruth]:
    edition = pages.EDITION[state]
    found = [
        DocumentTruth(HOST, pages.CONTENTS, "joint_forward_plan", docs.BOOK_TITLES[edition[:4]], "html_book",
                      chapters=pages.chapter_paths(edition)),
        DocumentTruth(HOST, pages.STRATEGY_OLD if state == "v1" else pages.STRATEGY_NEW, "strategy",
                      docs.STRATEGY_TITLE, "docx"),
        DocumentTruth(HOST, pages.ANNUAL_REPORT, "other", "NHS Eastmarsh Integrated Care Board Annual Report and "
                      "Accounts 2023-24", "pdf"),
    ]
    if state != "v3":
        found.append(DocumentTruth(HOST, pages.PRIMARY_CARE, "other", docs.PRIMARY_CARE_TITLE, "pdf"))
    return found


def _changes(state: str) -> list[ChangeTruth]:
    children_2024 = pages.chapter_path("2024", docs.CHILDREN_CHAPTER)
    if state == "v2":
        return [
            ChangeTruth("moved", HOST, pages.STRATEGY_NEW, "strategy", docs.STRATEGY_TITLE,
                        previous_path=pages.STRATEGY_OLD, note="same bytes at a new URL; the old URL answers 404"),
            ChangeTruth("new_version", HOST, pages.CONTENTS, "joint_forward_plan", docs.BOOK_TITLES["2024"],
                        relevant=True, previous_path=pages.CONTENTS,
                        note="one chapter edited in place; every page's chrome changed too",
                        edits=(Edit(docs.NURSES_2024, docs.NURSES_CORRECTED, True, children_2024),)),
        ]
    if state == "v3":
        def in_2025(slug: str) -> str:
            return pages.chapter_path("2025", slug)

        return [
            ChangeTruth("new_version", HOST, pages.CONTENTS, "joint_forward_plan", docs.BOOK_TITLES["2025"],
                        relevant=True, previous_path=pages.CONTENTS,
                        note="new edition under /jfp-2025/ (every chapter URL changed); the /jfp-2024/ pages "
                             "still answer but are no longer linked", edits=(
                            Edit(None, docs.EDITION_2025, False, in_2025(docs.INTRO_CHAPTER)),
                            Edit(None, docs.ASTHMA_2025, True, in_2025(docs.CHILDREN_CHAPTER)),
                            Edit(docs.DIAGNOSTICS_2024, docs.DIAGNOSTICS_2025, False, in_2025(docs.ADULT_CHAPTER)))),
            ChangeTruth("removed", HOST, pages.PRIMARY_CARE, "other", docs.PRIMARY_CARE_TITLE,
                        note="404 and no longer linked"),
        ]
    return []


SPEC = SystemSpec(
    id="eastmarsh",
    name="Eastmarsh",
    region="East of England",
    icb_name="NHS Eastmarsh Integrated Care Board",
    icp_name="Eastmarsh Integrated Care Partnership",
    icp_host=None,
    start=((HOST, "/publications"), (HOST, pages.CONTENTS)),
    build=build,
)
