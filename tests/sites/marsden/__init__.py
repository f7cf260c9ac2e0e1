"""Marsden (North West): the ways a real site fails that must not reach a policy officer as news, and
the one real change that must. One ICB host; its own states, not v1-v3 (tests start it by name):

base        /our-plans lists the strategy (a PDF and, linked below it, the same strategy as a web page
            whose <main> ends "Page generated ..."), their easy read version, and the Joint Forward
            Plan 2025/26 linked twice, "View" and "Download" (the same file, with ?download=1), and
            its easy read version.
soft404     the JFP answers 200 text/html "Page not found"; the strategy PDF redirects to
            /error.aspx?aspxerrorpath=...; the strategy's easy read redirects to the home page.
refresh     the JFP refreshed in place: the EHCP named-contact commitment moves March 2026 -> 2027.
scanned     the same refresh, but published as a scan: pictures of pages, no text layer.
outage      one bad night: the JFP answers 404 and the strategy PDF 500, both still linked.
gone        the JFP's easy read version is no longer linked and answers 404.
redesign    the new site's /our-plans links only the JFP: everything else vanishes at once.
regenerated as base, but the strategy's web page says it was generated at another minute.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from .. import chrome as ui
from ..model import HTML as HTML_TYPE
from ..model import (
    ChangeTruth,
    DocumentTruth,
    Edit,
    HostState,
    Resource,
    SystemSpec,
    SystemState,
    html,
    pdf,
    robots,
)
from ..prose import strategy_sections
from . import documents as docs

HOST = "marsden"
STRATEGY = "/media/marsden-integrated-care-strategy.pdf"
STRATEGY_WEB = "/our-strategy/"
STRATEGY_EASY = "/media/marsden-strategy-easy-read.pdf"
JFP = "/media/marsden-joint-forward-plan.pdf"
JFP_DOWNLOAD = JFP + "?download=1"
JFP_EASY = "/media/marsden-jfp-easy-read.pdf"
ERROR = "/error.aspx"
STATES = ("base", "soft404", "refresh", "scanned", "outage", "gone", "redesign", "regenerated")
DATES = {state: datetime(2026, 1, 5 + i, 9, 0, tzinfo=UTC) for i, state in enumerate(STATES)}
GENERATED = {"regenerated": "Page generated 2 December 2026 02:31"}
GENERATED_DEFAULT = "Page generated 1 December 2026 14:02"
NOT_FOUND = ("<!DOCTYPE html><html lang=\"en\"><head><title>Page not found | NHS Marsden</title></head><body>"
             "<h1>Sorry, we can't find that page</h1><p>The page may have moved. Try our <a href=\"/\">home "
             "page</a> or search the site.</p></body></html>")
ERROR_PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><title>Sorry, something went wrong</title></head><body>"
              "<h1>Sorry, something went wrong</h1><p>Please try again later.</p></body></html>")


def _chrome() -> ui.Chrome:
    return ui.Chrome(site_name="NHS Marsden Integrated Care Board", theme="marsden",
                     nav=(("/", "Home"), ("/our-plans", "Our plans")), cookie_text="We use essential cookies only.",
                     news=(), reviewed="1 December 2026")


def _redirect(target: str) -> Resource:
    return Resource(b"", HTML_TYPE, 302, (("Location", target),))


def _listing(state: str) -> str:
    jfp = docs.jfp_pdf("2025")
    items = [ui.document_item(JFP, "View the Joint Forward Plan 2025/26", jfp, "PDF"),
             ui.document_item(JFP_DOWNLOAD, "Download the Joint Forward Plan 2025/26", jfp, "PDF")]
    if state != "redesign":
        if state != "gone":
            items.append(ui.document_item(JFP_EASY, "Joint Forward Plan 2025/26: easy read", docs.easy_read_pdf("jfp"),
                                          "PDF"))
        items += [ui.document_item(STRATEGY, docs.STRATEGY_TITLE, docs.strategy_pdf(), "PDF"),
                  ui.document_item(STRATEGY_EASY, "Marsden Integrated Care Strategy: easy read version",
                                   docs.easy_read_pdf("strategy"), "PDF")]
    online = "" if state == "redesign" else ui.link(STRATEGY_WEB, "Read the integrated care strategy online")
    return f'<ul class="documents">{"".join(items)}</ul>' + online


def _strategy_page(chrome: ui.Chrome, state: str) -> Resource:
    sections = strategy_sections(docs.PLACE, (docs.CAMHS,), (docs.STROKE,))
    body = "".join(f"<h2>{s.heading}</h2>" + ui.paragraphs(s.paragraphs) for s in sections)
    generated = GENERATED.get(state, GENERATED_DEFAULT)
    return ui.page(chrome, docs.STRATEGY_TITLE, body + f'<p class="page-generated">{generated}</p>',
                   (("/our-plans", "Our plans"),))


def _jfp(state: str) -> Resource:
    if state == "soft404":
        return html(NOT_FOUND)  # 200, text/html, where the PDF was
    if state == "outage":
        return html(NOT_FOUND, status=404)
    if state == "scanned":
        return pdf(docs.jfp_scanned_pdf())
    return pdf(docs.jfp_pdf("2026" if state == "refresh" else "2025"))


@cache
def build(state: str) -> SystemState:
    chrome = _chrome()
    pages = {"/robots.txt": robots("User-agent: *\nDisallow: /umbraco/\n"),
             "/": ui.page(chrome, "NHS Marsden Integrated Care Board", ui.link("/our-plans", "Our plans")),
             "/our-plans": ui.page(chrome, "Our plans", _listing(state)), ERROR: html(ERROR_PAGE),
             JFP: _jfp(state), STRATEGY: pdf(docs.strategy_pdf()), STRATEGY_EASY: pdf(docs.easy_read_pdf("strategy")),
             STRATEGY_WEB: _strategy_page(chrome, state), "/news": ui.page(chrome, "News", ui.paragraphs(("No news.",)))}
    pages.update({path: ui.page(chrome, label, ui.paragraphs((f"{label} of NHS Marsden.",)))
                  for path, label in ui.FOOTER_LINKS})  # the footer's pages exist: their 404s would be noise
    if state != "gone":
        pages[JFP_EASY] = pdf(docs.easy_read_pdf("jfp"))
    if state == "soft404":
        pages[STRATEGY] = _redirect(f"{ERROR}?aspxerrorpath={STRATEGY}")
        pages[STRATEGY_EASY] = _redirect("/")
    if state == "outage":
        pages[STRATEGY] = Resource(ERROR_PAGE.encode(), HTML_TYPE, 500)
    return SystemState({HOST: HostState(pages)}, _documents(state), _changes(state))


def _documents(state: str) -> list[DocumentTruth]:
    everything = [DocumentTruth(HOST, JFP, "joint_forward_plan", docs.JFP_TITLE, "pdf"),
                  DocumentTruth(HOST, JFP_EASY, "joint_forward_plan", docs.JFP_TITLE + ": easy read", "pdf", True),
                  DocumentTruth(HOST, STRATEGY, "strategy", docs.STRATEGY_TITLE, "pdf"),
                  DocumentTruth(HOST, STRATEGY_EASY, "strategy", docs.STRATEGY_TITLE + ": easy read", "pdf", True),
                  DocumentTruth(HOST, STRATEGY_WEB, "strategy", docs.STRATEGY_TITLE, "html")]
    if state == "redesign":
        return everything[:1]
    if state == "gone":
        return [d for d in everything if d.path != JFP_EASY]
    return everything


def _changes(state: str) -> list[ChangeTruth]:
    if state == "refresh":
        return [ChangeTruth("new_version", HOST, JFP, "joint_forward_plan", docs.JFP_TITLE, relevant=True,
                            previous_path=JFP, edits=(Edit(docs.EHCP_2025, docs.EHCP_2026, True),),
                            note="refreshed in place")]
    return []


SPEC = SystemSpec(id="marsden", name="Marsden", region="North West", icb_name=docs.PLACE.icb,
                  icp_name=docs.PLACE.icp, icp_host=None, start=((HOST, "/our-plans"),), build=build,
                  states=STATES, state_dates=DATES)
