"""Eastmarsh's ICB website for one state: a contents page with `ol.chapters` for the JFP book (one
page per chapter, the edition's year in the path), publications with the strategy as DOCX, an endless
events calendar, a search page and a /private/ area that robots.txt disallows.

Takes a state; returns (resources, routes) for the host "eastmarsh".
"""

from __future__ import annotations

import re
from html import escape

from .. import chrome as ui
from ..common import NewsItem, sidebar, site_pages
from ..model import STATE_DATES, Resource, Route, docx, pdf, robots
from . import documents as docs

CONTENTS = "/about-us/joint-forward-plan/"
STRATEGY_OLD = "/publications/strategy/Eastmarsh Health and Wellbeing Strategy.docx"
STRATEGY_NEW = "/documents/Eastmarsh Health and Wellbeing Strategy.docx"
PRIMARY_CARE = "/documents/publications/primary-care-access-recovery-plan-2023-25.pdf"
ANNUAL_REPORT = "/documents/publications/NHS-Eastmarsh-ICB-annual-report-2023-24.pdf"
DRAFT_JFP = "/private/Draft Joint Forward Plan 2024 (not for publication).pdf"
ROBOTS = "User-agent: *\nDisallow: /search\nDisallow: /private/\n"
EDITION = {"v1": "2024", "v2": "2024-corrected", "v3": "2025"}

NEWS = (
    NewsItem("/news/new-family-hub-opens-in-saltcote", "New family hub opens in Saltcote", "2 June 2025",
             ("The hub brings health visitors, midwives and early help together.",)),
    NewsItem("/news/winter-vaccinations-still-available", "Winter vaccinations still available", "3 March 2025",
             ("Flu and COVID-19 vaccinations are available at pharmacies until the end of March.",)),
    NewsItem("/news/marshby-community-diagnostic-centre", "Marshby community diagnostic centre opens",
             "11 March 2024", ("Scans and tests are now available close to home.",)),
    NewsItem("/news/joint-forward-plan-published", "Our Joint Forward Plan is published", "1 March 2024",
             ("Read the plan chapter by chapter on our website.",)),
)
NEWS_FROM = {"v1": 2, "v2": 1, "v3": 0}
COOKIES = {
    "v1": "We use cookies to help provide the best possible online experience. Accept or reject analytics cookies.",
    "v2": "This website uses necessary cookies to work. With your permission we would also like to use Google "
          "Analytics cookies to see how you use it.",
}
REVIEWED = {"v1": "4 March 2024", "v2": "18 March 2025", "v3": "30 June 2025"}


def chapter_path(edition: str, slug: str) -> str:
    return f"/jfp-{edition[:4]}/{slug}"


def chapter_paths(edition: str) -> tuple[str, ...]:
    return tuple(chapter_path(edition, slug) for slug, _, _ in docs.CHAPTERS)


def site_chrome(state: str) -> ui.Chrome:
    return ui.Chrome(
        site_name="NHS Eastmarsh Integrated Care Board", theme="emicb",
        nav=(("/", "Home"), ("/about-us", "About us"), ("/publications", "Publications"), ("/events", "Events"),
             ("/news", "News")),
        cookie_text=COOKIES.get(state, COOKIES["v2"]), news=sidebar(NEWS[NEWS_FROM[state]:]),
        reviewed=REVIEWED[state],
    )


def host_pages(state: str) -> tuple[dict[str, Resource], dict[str, Route]]:
    chrome = site_chrome(state)
    pages = site_pages(chrome, NEWS[NEWS_FROM[state]:])
    pages["/robots.txt"] = robots(ROBOTS)
    pages["/"] = ui.page(chrome, "NHS Eastmarsh Integrated Care Board", ui.paragraphs((
        "We plan and buy health services for 980,000 people in Eastmarsh.",)) + "<h2>Popular searches</h2><ul>"
        + f"<li>{ui.link('/search?q=joint+forward+plan', 'joint forward plan')}</li>"
        + f"<li>{ui.link('/search?q=strategy', 'strategy')}</li></ul>")
    pages["/about-us"] = ui.page(chrome, "About us", ui.paragraphs((
        "Our Executive Lead for Children and Young People is Claire Whitlow, Director of Nursing and Quality.",))
        + ui.link(CONTENTS, "Our Joint Forward Plan"), (("/about-us", "About us"),))
    pages["/publications"] = _publications(chrome, state)
    pages["/events"] = ui.page(chrome, "Events", ui.paragraphs((
        "Join us at a public event near you.",)) + ui.link("/events/calendar?month=2024-03", "Events calendar"))
    edition = EDITION[state]
    pages[CONTENTS] = _contents(chrome, edition)
    if state == "v3":  # the 2024 edition stays online, no longer linked
        pages.update(_chapters(chrome, EDITION["v2"]))
    pages.update(_chapters(chrome, edition))
    pages[STRATEGY_OLD if state == "v1" else STRATEGY_NEW] = docx(docs.strategy_docx())
    pages[ANNUAL_REPORT] = pdf(docs.annual_report_pdf())
    if state != "v3":
        pages[PRIMARY_CARE] = pdf(docs.primary_care_pdf())
    pages[DRAFT_JFP] = pdf(docs.draft_jfp_pdf())
    routes = {"/events/calendar": _calendar_route(chrome, state), "/search": _search_route(chrome)}
    return pages, routes


def _publications(chrome: ui.Chrome, state: str) -> Resource:
    strategy = STRATEGY_OLD if state == "v1" else STRATEGY_NEW
    items = [
        ui.document_item(strategy, "Eastmarsh Health and Wellbeing Strategy", docs.strategy_docx(), "Word"),
        f'<li>{ui.link(CONTENTS, "Joint Forward Plan (read online)")}</li>',
        ui.document_item(ANNUAL_REPORT, "Annual report 2023-24", docs.annual_report_pdf(), "PDF"),
    ]
    if state != "v3":
        items.append(ui.document_item(PRIMARY_CARE, "Primary care access recovery plan", docs.primary_care_pdf(), "PDF"))
    items.append(ui.document_item(DRAFT_JFP, "Draft Joint Forward Plan (staff only)", docs.draft_jfp_pdf(), "PDF"))
    body = f'<ul class="documents">{"".join(items)}</ul>'
    return ui.page(chrome, "Publications", body, (("/publications", "Publications"),))


def _contents(chrome: ui.Chrome, edition: str) -> Resource:
    items = "".join(f"<li>{ui.link(chapter_path(edition, slug), f'Chapter {i}: {title}')}</li>"
                    for i, (slug, title, _) in enumerate(docs.CHAPTERS, 1))
    body = (ui.paragraphs((f"Read our {docs.BOOK_TITLES[edition[:4]]} chapter by chapter.",))
            + f'<h2>Contents</h2><ol class="chapters">{items}</ol>')
    return ui.page(chrome, docs.BOOK_TITLES[edition[:4]], body, (("/about-us", "About us"), (CONTENTS, "Joint Forward Plan")))


def _chapters(chrome: ui.Chrome, edition: str) -> dict[str, Resource]:
    chapters = docs.book(edition)
    paths = chapter_paths(edition)
    pages = {}
    for i, (_slug, title, sections) in enumerate(chapters):
        text = "".join(f"<h2>{escape(s.heading)}</h2>{ui.paragraphs(s.paragraphs)}" for s in sections)
        nav = [ui.link(CONTENTS, "Contents")]
        if i > 0:
            nav.insert(0, ui.link(paths[i - 1], "Previous chapter"))
        if i + 1 < len(chapters):
            nav.append(ui.link(paths[i + 1], "Next chapter"))
        body = (f'<p class="book-title">{escape(docs.BOOK_TITLES[edition[:4]])}</p><article class="chapter">{text}'
                f'</article><nav class="chapter-nav">{" | ".join(nav)}</nav>')
        pages[paths[i]] = ui.page(chrome, f"Chapter {i + 1}: {title}", body, ((CONTENTS, "Joint Forward Plan"),))
    return pages


MONTHS = ("January February March April May June July August September October November December").split()


def _calendar_route(chrome: ui.Chrome, state: str) -> Route:
    """A calendar with a link to the next and previous month, for ever: a crawler trap."""
    default = STATE_DATES[state].strftime("%Y-%m")

    def calendar(query: dict[str, list[str]]) -> Resource | None:
        match = re.fullmatch(r"(-?\d{4,})-(\d{2})", query.get("month", [default])[0])
        if not match or not 1 <= int(match[2]) <= 12:
            return None
        year, month = int(match[1]), int(match[2])
        prev_year, prev_month = (year, month - 1) if month > 1 else (year - 1, 12)
        next_year, next_month = (year, month + 1) if month < 12 else (year + 1, 1)
        events = ("Eastmarsh Integrated Care Board meeting in public, Fenport Civic Centre",) if month % 2 else ()
        listing = "".join(f"<li>{escape(e)}</li>" for e in events) or "<li>There are no events this month.</li>"
        body = (f'<ul class="events">{listing}</ul><nav class="calendar-nav">'
                f'{ui.link(f"/events/calendar?month={prev_year:04d}-{prev_month:02d}", "Previous month")} | '
                f'{ui.link(f"/events/calendar?month={next_year:04d}-{next_month:02d}", "Next month")}</nav>')
        return ui.page(chrome, f"Events calendar: {MONTHS[month - 1]} {year}", body, (("/events", "Events"),))

    return calendar


def _search_route(chrome: ui.Chrome) -> Route:
    def search(query: dict[str, list[str]]) -> Resource:
        terms = query.get("q", [""])[0]
        body = ui.paragraphs((f"Search results for '{terms}'", "Joint Forward Plan (read online)"))
        return ui.page(chrome, "Search", body + ui.link(CONTENTS, "Joint Forward Plan"))

    return search
