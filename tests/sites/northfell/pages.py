"""Northfell's ICB website and its document library, as path -> Resource.

The strategy is one long HTML page with headings and an in-page contents list; the Joint Forward Plan
and board papers are PDFs on the separate document library host ("northfell-docs"), as some ICBs
keep documents on another domain.
"""

from __future__ import annotations

from functools import cache
from html import escape

from tests.docgen import Doc, make_pdf

from .. import chrome as ui
from .. import corporate
from ..common import NewsItem, sidebar, site_pages
from ..model import Resource, host_url, html, pdf, robots
from ..plan_prose import plan_sections
from ..prose import Place, strategy_sections

PLACE = Place(
    name="Northfell",
    icb="NHS Northfell Integrated Care Board",
    icp="Northfell Together Partnership",
    councils="Northfell Council, Carrow Borough Council and Skelby Metropolitan Borough Council",
    population="1.6 million",
    places=("Carrow", "Skelby", "Ormside", "Haverthwaite Vale", "Northfell Coast"),
    acute="Northfell Teaching Hospitals NHS Foundation Trust",
    mh="Pennine Fells Care NHS Foundation Trust",
    cyp_lead="Dr Rehana Bibi, Chief Medical Officer",
)

STRATEGY = "/our-plans/integrated-care-strategy"
JFP = "/documents/icb/NHS Northfell ICB Joint Forward Plan 2024-25 refresh.pdf"
BOARD = "/documents/icb/Board papers - 7 March 2024.pdf"
STRATEGY_TITLE = "Our integrated care strategy"
JFP_TITLE = "NHS Northfell Integrated Care Board Joint Forward Plan 2023-2028: 2024/25 refresh"

STRATEGY_CHILDREN = (
    "We will halve the number of children and young people from Northfell placed in mental health beds outside "
    "the North West by 2027.",
    "Every young carer known to their school will be offered a young carers' assessment and a young carers' "
    "card by 2026.",
)
JFP_CHILDREN = (
    "We will reduce the number of children aged five to nine admitted to hospital for tooth extraction by 25% "
    "by March 2027.",
    "Every child and young person with epilepsy will have access to an epilepsy specialist nurse by March 2026.",
)
NEWS = (
    NewsItem("/news/carrow-urgent-treatment-centre", "Carrow urgent treatment centre extends opening hours",
             "29 February 2024", ("The centre is now open from 8am to midnight every day.",)),
    NewsItem("/news/stroke-rehabilitation-award", "Stroke rehabilitation team wins national award",
             "12 February 2024", ("The Skelby team was recognised for its early supported discharge service.",)),
)


def site_chrome() -> ui.Chrome:
    return ui.Chrome(
        site_name="NHS Northfell Integrated Care Board", theme="nficb",
        nav=(("/", "Home"), ("/about-us", "About us"), ("/our-plans", "Our plans"), ("/news", "News")),
        cookie_text="We use cookies to make this site work and to understand how you use it.",
        news=sidebar(NEWS), reviewed="7 March 2024",
    )


def icb_pages() -> dict[str, Resource]:
    chrome = site_chrome()
    pages = site_pages(chrome, NEWS)
    pages["/robots.txt"] = robots("User-agent: *\nDisallow: /admin/\n")
    pages["/"] = ui.page(chrome, "NHS Northfell Integrated Care Board", ui.paragraphs((
        "Working with our partners for the health of 1.6 million people.",)) + ui.link("/our-plans", "Our plans"))
    pages["/about-us"] = ui.page(chrome, "About us", ui.paragraphs((
        "Our Executive Lead for Children and Young People is Dr Rehana Bibi, Chief Medical Officer.",)))
    pages["/our-plans"] = _plans_page(chrome)
    pages[STRATEGY] = _strategy_page(chrome)
    return pages


def docs_pages() -> dict[str, Resource]:
    return {
        "/robots.txt": robots("User-agent: *\nAllow: /\n"),
        "/": html("<!DOCTYPE html><html lang=\"en\"><head><title>Northfell document library</title></head>"
                     "<body><h1>Northfell document library</h1><p>Documents published by NHS Northfell "
                     "Integrated Care Board.</p></body></html>"),
        JFP: pdf(jfp_pdf()),
        BOARD: pdf(board_pdf()),
    }


@cache
def board_pdf() -> bytes:
    doc = corporate.board_papers(PLACE, "7 March 2024", "Joint Forward Plan 2024/25 refresh")
    return make_pdf(doc, header="NHS Northfell ICB Board")


@cache
def jfp_pdf() -> bytes:
    doc = Doc(JFP_TITLE, plan_sections(PLACE, {"children": JFP_CHILDREN}))
    return make_pdf(doc, header="Joint Forward Plan 2024/25 refresh", footer="NHS Northfell ICB | {page}",
                    hyphenate=True)


def _plans_page(chrome: ui.Chrome) -> Resource:
    body = ("<ul>"
            f"<li>{ui.link(STRATEGY, 'Our integrated care strategy')} (read online)</li>"
            f"<li>{ui.link(host_url('northfell-docs', JFP), 'Joint Forward Plan 2024/25 refresh (PDF)')}</li>"
            f"<li>{ui.link(host_url('northfell-docs', BOARD), 'Board papers, 7 March 2024 (PDF)')}</li>"
            "</ul>")
    return ui.page(chrome, "Our plans", body, (("/our-plans", "Our plans"),))


def _strategy_page(chrome: ui.Chrome) -> Resource:
    sections = strategy_sections(PLACE, STRATEGY_CHILDREN)
    anchors = [f"section-{i}" for i in range(1, len(sections) + 1)]
    toc = "".join(f'<li><a href="#{a}">{escape(s.heading)}</a></li>' for a, s in zip(anchors, sections, strict=True))
    text = "".join(f'<h2 id="{a}">{escape(s.heading)}</h2>{ui.paragraphs(s.paragraphs)}'
                   for a, s in zip(anchors, sections, strict=True))
    body = (ui.paragraphs(("Agreed by the Northfell Together Partnership in February 2023.",))
            + f'<nav class="on-this-page"><h2>On this page</h2><ol>{toc}</ol></nav>{text}')
    return ui.page(chrome, STRATEGY_TITLE, body, (("/our-plans", "Our plans"), (STRATEGY, STRATEGY_TITLE)))
