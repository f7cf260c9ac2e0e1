"""Severn (Midlands): an ICB site ("severn") and a separate partnership site ("severn-icp").

v1  ICB: JFP PDF at a URL with spaces and brackets, board papers (12 March 2024) and the annual report
    2022-23 as distractors, jobs, news. Partnership: the 2023 integrated care strategy on /our-strategy.
v2  JFP refreshed in place (same URL, new bytes): a family hubs commitment weakened ("We will" -> "We
    aim to"), the children's mental health waits target moved from March 2026 to March 2027, an adult-only
    hip replacement edit, "Updated March 2025". Strategy refreshed at a new URL (2025 refresh); the 2023
    PDF stays online but is no longer linked. An easy read version appears on /our-strategy. New board
    papers (11 March 2025).
v3  Chrome only (cookie banner, news sidebar, "Page last reviewed"); the annual report 2022-23 is removed
    (404, link gone).
"""

from __future__ import annotations

from functools import cache

from ..model import ChangeTruth, DocumentTruth, Edit, HostState, SystemSpec, SystemState
from . import documents as docs
from . import pages

ICB, ICP = "severn", "severn-icp"


@cache
def build(state: str) -> SystemState:
    hosts = {ICB: HostState(pages.icb_pages(state)), ICP: HostState(pages.icp_pages(state))}
    return SystemState(hosts, _documents(state), _changes(state))


def _documents(state: str) -> list[DocumentTruth]:
    found = [
        DocumentTruth(ICB, pages.JFP, "joint_forward_plan", docs.JFP_TITLE, "pdf"),
        DocumentTruth(ICB, pages.BOARD_2024, "other", "NHS Severn Integrated Care Board: Board meeting papers, "
                      "12 March 2024", "pdf"),
    ]
    if state == "v1":
        found.append(DocumentTruth(ICP, pages.STRATEGY_2023, "strategy", docs.STRATEGY_2023_TITLE, "pdf"))
    else:
        found += [
            DocumentTruth(ICP, pages.STRATEGY_2025, "strategy", docs.STRATEGY_2025_TITLE, "pdf"),
            DocumentTruth(ICP, pages.EASY_READ, "strategy", docs.EASY_READ_TITLE, "pdf", easy_read=True),
            DocumentTruth(ICB, pages.BOARD_2025, "other", "NHS Severn Integrated Care Board: Board meeting "
                          "papers, 11 March 2025", "pdf"),
        ]
    if state != "v3":
        found.append(DocumentTruth(ICB, pages.ANNUAL_2223, "other", "NHS Severn Integrated Care Board Annual "
                                   "Report and Accounts 2022-23", "pdf"))
    return found


def _changes(state: str) -> list[ChangeTruth]:
    if state == "v2":
        return [
            ChangeTruth("new_version", ICB, pages.JFP, "joint_forward_plan", docs.JFP_TITLE, relevant=True,
                        previous_path=pages.JFP, note="refreshed in place: same URL, new bytes", edits=(
                            Edit(docs.JFP_HUBS_V1, docs.JFP_HUBS_V2, True),
                            Edit(docs.JFP_CYPMH_V1, docs.JFP_CYPMH_V2, True),
                            Edit(docs.JFP_HIPS_V1, docs.JFP_HIPS_V2, False),
                            Edit(None, docs.JFP_UPDATED, False))),
            ChangeTruth("new_version", ICP, pages.STRATEGY_2025, "strategy", docs.STRATEGY_2025_TITLE,
                        relevant=True, previous_path=pages.STRATEGY_2023,
                        note="refreshed at a new URL; the 2023 PDF is still served but no longer linked", edits=(
                            Edit(None, docs.STRATEGY_REFRESH_NOTE, False),
                            Edit(None, docs.STRATEGY_HUBS_2025, True),
                            Edit(docs.STRATEGY_MHST_2023, docs.STRATEGY_MHST_2025, True),
                            Edit(docs.STRATEGY_STROKE_2023, docs.STRATEGY_STROKE_2025, False))),
            ChangeTruth("new_document", ICP, pages.EASY_READ, "strategy", docs.EASY_READ_TITLE, relevant=True,
                        easy_read=True, note="easy read version of the 2025 refresh, linked as 'Easy read version'",
                        edits=tuple(Edit(None, s, True) for s in docs.EASY_READ_COMMITMENTS)),
            ChangeTruth("new_document", ICB, pages.BOARD_2025, "other", "NHS Severn Integrated Care Board: Board "
                        "meeting papers, 11 March 2025"),
        ]
    if state == "v3":
        return [ChangeTruth("removed", ICB, pages.ANNUAL_2223, "other", "NHS Severn Integrated Care Board Annual "
                            "Report and Accounts 2022-23", note="404 and no longer linked")]
    return []


SPEC = SystemSpec(
    id="severn",
    name="Severn",
    region="Midlands",
    icb_name="NHS Severn Integrated Care Board",
    icp_name="Severn Health and Care Partnership",
    icp_host=ICP,
    start=((ICB, "/publications"), (ICP, "/our-strategy")),
    build=build,
)
