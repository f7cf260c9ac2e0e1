"""Wyvern (South West): editions that stay online. An ICB site ("wyvern") and a partnership site
("wyvern-icp"). Not part of the default replica web: the editions tests start it by name.

v1  Partnership: the Integrated Care Strategy 2023-2028. ICB: the Joint Forward Plan 2023/24 under
    /joint-forward-plan-2023/, with its summary beside it.
    The strategy is also published as one long web page (/our-strategy/2023-2028/).
v2  The strategy's 2025 refresh at a new URL, the 2023 edition still linked as "Previous version"
    (children's mental health wait 4 -> 6 weeks, March 2026 -> 2027; an adults' stroke target raised),
    and as a web page too (/our-strategy/2025-refresh/): one plan in two formats, one change reported.
    The JFP 2024/25 draft under /joint-forward-plan-2024/, the 2023/24 edition still listed (school
    nurses 20 -> 12, April 2025 -> 2026; a health visitors commitment added).
v3  The final JFP 2024/25 published beside its draft (health visitors 10 -> 15), and the 2024/25
    summary beside the 2023/24 one (family hubs 6 -> 4, a year later): a summary's own series.
"""

from __future__ import annotations

from functools import cache

from .. import chrome as ui
from ..model import (
    ChangeTruth,
    DocumentTruth,
    Edit,
    HostState,
    SystemSpec,
    SystemState,
    host_url,
    pdf,
    robots,
)
from . import documents as docs

ICB, ICP = "wyvern", "wyvern-icp"
STRATEGY = {"2023": "/media/strategy/Wyvern-Integrated-Care-Strategy-2023-2028.pdf",
            "2025": "/media/strategy/Wyvern-Integrated-Care-Strategy-2025-refresh.pdf"}
JFP = {"2023": "/joint-forward-plan-2023/Wyvern-Joint-Forward-Plan-2023-24.pdf",
       "2024-draft": "/joint-forward-plan-2024/Wyvern-Joint-Forward-Plan-2024-25-draft.pdf",
       "2024-final": "/joint-forward-plan-2024/Wyvern-Joint-Forward-Plan-2024-25-final.pdf"}
WEB = {"2023": "/our-strategy/2023-2028/", "2025": "/our-strategy/2025-refresh/"}
SUMMARY = {"2023": "/joint-forward-plan-2023/Wyvern-JFP-2023-24-summary.pdf",
           "2024": "/joint-forward-plan-2024/Wyvern-JFP-2024-25-summary.pdf"}
LABELS = {"2023": "Joint Forward Plan 2023/24", "2024-draft": "Joint Forward Plan 2024/25 (draft for engagement)",
          "2024-final": "Joint Forward Plan 2024/25 (final)"}


def _chrome(name: str, theme: str) -> ui.Chrome:
    return ui.Chrome(site_name=name, theme=theme, nav=(("/", "Home"), ("/our-plans", "Our plans")),
                     cookie_text="We use essential cookies only.", news=(), reviewed="1 March 2025")


def _item(path: str, label: str, body: bytes) -> str:
    return ui.document_item(path, label, body, "PDF")


def _icb(state: str) -> dict:
    chrome = _chrome("NHS Wyvern Integrated Care Board", "wyvern")
    plans = ["2023"] + (["2024-draft"] if state != "v1" else []) + (["2024-final"] if state == "v3" else [])
    summaries = ["2023"] + (["2024"] if state == "v3" else [])
    items = "".join(_item(JFP[e], LABELS[e], docs.jfp_pdf(e)) for e in reversed(plans))
    items += "".join(_item(SUMMARY[y], f"Joint Forward Plan {'2023/24' if y == '2023' else '2024/25'}: summary",
                           docs.summary_pdf(y)) for y in reversed(summaries))
    pages = {"/robots.txt": robots("User-agent: *\nDisallow: /admin/\n"),
             "/": ui.page(chrome, "NHS Wyvern ICB", ui.link("/our-plans", "Our plans")),
             "/our-plans": ui.page(chrome, "Our plans", ui.paragraphs((
                 "Each year we refresh our Joint Forward Plan with our partners.",)) + f'<ul class="documents">{items}</ul>'
                 + ui.link(host_url(ICP, "/our-strategy"), "Wyvern Integrated Care Strategy"))}
    pages.update({JFP[e]: pdf(docs.jfp_pdf(e)) for e in plans})
    pages.update({SUMMARY[y]: pdf(docs.summary_pdf(y)) for y in summaries})
    return pages


def _web_edition(chrome: ui.Chrome, edition: str):
    doc = docs.strategy_doc(edition)
    body = "".join(f"<h2>{section.heading}</h2>" + ui.paragraphs(section.paragraphs) for section in doc.sections)
    return ui.page(chrome, doc.title, body, (("/our-strategy", "Our strategy"),))


def _icp(state: str) -> dict:
    chrome = _chrome("Wyvern Health and Care Partnership", "whcp")
    old = docs.strategy_pdf("2023")
    online = ui.link(WEB["2023"], "Read the strategy online")
    if state == "v1":
        body = f'<ul class="documents">{_item(STRATEGY["2023"], docs.STRATEGY_TITLES["2023"], old)}</ul>' + online
    else:
        new = docs.strategy_pdf("2025")
        body = (f'<ul class="documents">{_item(STRATEGY["2025"], docs.STRATEGY_TITLES["2025"], new)}</ul>'
                + ui.link(WEB["2025"], "Read the 2025 refresh online")
                + "<h2>Previous versions</h2><ul class=\"documents\">"
                + _item(STRATEGY["2023"], "Previous version: Wyvern Integrated Care Strategy 2023-2028", old) + "</ul>"
                + online)
    pages = {"/robots.txt": robots("User-agent: *\nDisallow: /wp-admin/\n"),
             "/": ui.page(chrome, "Wyvern Health and Care Partnership", ui.link("/our-strategy", "Our strategy")),
             "/our-strategy": ui.page(chrome, "Our integrated care strategy", body),
             STRATEGY["2023"]: pdf(old), WEB["2023"]: _web_edition(chrome, "2023")}
    if state != "v1":
        pages[STRATEGY["2025"]] = pdf(docs.strategy_pdf("2025"))
        pages[WEB["2025"]] = _web_edition(chrome, "2025")
    return pages


@cache
def build(state: str) -> SystemState:
    return SystemState({ICB: HostState(_icb(state)), ICP: HostState(_icp(state))}, _documents(state), _changes(state))


def _documents(state: str) -> list[DocumentTruth]:
    found = [DocumentTruth(ICP, STRATEGY["2023"], "strategy", docs.STRATEGY_TITLES["2023"], "pdf"),
             DocumentTruth(ICP, WEB["2023"], "strategy", docs.STRATEGY_TITLES["2023"], "html"),
             DocumentTruth(ICB, JFP["2023"], "joint_forward_plan", docs.JFP_TITLES["2023"], "pdf"),
             DocumentTruth(ICB, SUMMARY["2023"], "joint_forward_plan", docs.SUMMARY_TITLES["2023"], "pdf")]
    if state != "v1":
        found += [DocumentTruth(ICP, STRATEGY["2025"], "strategy", docs.STRATEGY_TITLES["2025"], "pdf"),
                  DocumentTruth(ICP, WEB["2025"], "strategy", docs.STRATEGY_TITLES["2025"], "html"),
                  DocumentTruth(ICB, JFP["2024-draft"], "joint_forward_plan", docs.JFP_TITLES["2024-draft"], "pdf")]
    if state == "v3":
        found += [DocumentTruth(ICB, JFP["2024-final"], "joint_forward_plan", docs.JFP_TITLES["2024-final"], "pdf"),
                  DocumentTruth(ICB, SUMMARY["2024"], "joint_forward_plan", docs.SUMMARY_TITLES["2024"], "pdf")]
    return found


def _changes(state: str) -> list[ChangeTruth]:
    if state == "v2":
        return [
            ChangeTruth("new_version", ICP, STRATEGY["2025"], "strategy", docs.STRATEGY_TITLES["2025"], relevant=True,
                        previous_path=STRATEGY["2023"], note="2025 refresh; the 2023 edition stays linked",
                        edits=(Edit(docs.CAMHS_2023, docs.CAMHS_2025, True), Edit(docs.STROKE_2023, docs.STROKE_2025, False))),
            ChangeTruth("new_version", ICB, JFP["2024-draft"], "joint_forward_plan", docs.JFP_TITLES["2024-draft"],
                        relevant=True, previous_path=JFP["2023"], note="next year's plan beside this year's",
                        edits=(Edit(docs.NURSES_2023, docs.NURSES_2024, True), Edit(None, docs.VISITORS_DRAFT, True))),
        ]
    if state == "v3":
        return [
            ChangeTruth("new_version", ICB, JFP["2024-final"], "joint_forward_plan", docs.JFP_TITLES["2024-final"],
                        relevant=True, previous_path=JFP["2024-draft"], note="the final beside its draft",
                        edits=(Edit(docs.VISITORS_DRAFT, docs.VISITORS_FINAL, True),)),
            ChangeTruth("new_version", ICB, SUMMARY["2024"], "joint_forward_plan", docs.SUMMARY_TITLES["2024"],
                        relevant=True, previous_path=SUMMARY["2023"], note="a summary continues the summary",
                        edits=(Edit(docs.SUMMARY_HUBS_2023, docs.SUMMARY_HUBS_2024, True),)),
        ]
    return []


SPEC = SystemSpec(id="wyvern", name="Wyvern", region="South West", icb_name="NHS Wyvern Integrated Care Board",
                  icp_name="Wyvern Health and Care Partnership", icp_host=ICP,
                  start=((ICB, "/our-plans"), (ICP, "/our-strategy")), build=build)
