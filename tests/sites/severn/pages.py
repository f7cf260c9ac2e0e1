"""Severn's two websites as path -> Resource for one state: the ICB site (an Umbraco-style CMS with
documents under /media/NNNN/) and the partnership site (a WordPress-style site with /wp-content/uploads/).

Takes a state name; returns the pages of each host. Document paths are constants, shared with the truth
in `severn/__init__.py`.
"""

from __future__ import annotations

from .. import chrome as ui
from ..common import NewsItem, sidebar, site_pages
from ..model import Resource, host_url, pdf, robots
from . import documents as docs

JFP = "/media/2417/Joint Forward Plan 2024-2029 (final).pdf"
BOARD_2024 = "/media/2390/Board meeting papers 12 March 2024.pdf"
BOARD_2025 = "/media/3108/Board meeting papers 11 March 2025.pdf"
ANNUAL_2223 = "/media/1876/NHS Severn ICB Annual Report and Accounts 2022-23.pdf"
STRATEGY_2023 = "/wp-content/uploads/2023/03/Severn-Integrated-Care-Strategy-2023.pdf"
STRATEGY_2025 = "/wp-content/uploads/2025/03/Severn-Integrated-Care-Strategy-2025-refresh.pdf"
EASY_READ = "/wp-content/uploads/2025/03/Severn-Integrated-Care-Strategy-2025-easy-read.pdf"

REVIEWED = {"v1": "12 March 2024", "v2": "20 March 2025", "v3": "1 July 2025"}
COOKIES = {
    "v1": "We'd like to use analytics cookies to collect information about how you use this website.",
    "v3": "We use some essential cookies to make this website work. We'd also like to set optional analytics "
          "cookies to help us improve it.",
}
ICB_NEWS = (
    NewsItem("/news/summer-vaccination-catch-up-clinics", "Summer vaccination catch-up clinics for children",
             "1 July 2025", ("Families can book catch-up MMR and pre-school booster vaccinations at clinics in "
                             "Worcbridge and Kidderton throughout the summer holidays.",)),
    NewsItem("/news/board-approves-refreshed-joint-forward-plan", "Board approves refreshed Joint Forward Plan",
             "12 March 2025", ("The Board approved the refreshed Joint Forward Plan at its meeting in public.",)),
    NewsItem("/news/community-diagnostic-centre-opens-in-kidderton", "Community diagnostic centre opens in "
             "Kidderton", "4 March 2024", ("The new centre will provide 90,000 scans and tests a year.",)),
    NewsItem("/news/have-your-say-on-urgent-care-in-ludford", "Have your say on urgent care in Ludford",
             "21 February 2024", ("A public consultation on the future of the Ludford minor injuries unit runs "
                                  "until 30 April.",)),
    NewsItem("/news/pharmacy-first-launches", "Pharmacy First launches across Severn", "31 January 2024",
             ("Pharmacists can now treat seven common conditions without a GP appointment.",)),
)
ICB_NEWS_SINCE = {"v1": 2, "v2": 1, "v3": 0}  # index of the newest item already published
ICP_NEWS = (
    NewsItem("/news/young-people-shape-our-refreshed-strategy", "Young people shape our refreshed strategy",
             "24 March 2025", ("Our youth panel chose the measures in the 2025 refresh.",)),
    NewsItem("/news/partnership-agrees-integrated-care-strategy", "Partnership agrees integrated care strategy",
             "15 March 2023", ("The strategy was agreed unanimously by partners.",)),
)


def icb_chrome(state: str) -> ui.Chrome:
    return ui.Chrome(
        site_name="NHS Severn Integrated Care Board", theme="severn",
        nav=(("/", "Home"), ("/about-us", "About us"), ("/publications", "Publications"),
             ("/about-us/board-meetings", "Board meetings"), ("/jobs", "Jobs"), ("/news", "News")),
        cookie_text=COOKIES.get(state, COOKIES["v1"]), news=sidebar(ICB_NEWS[ICB_NEWS_SINCE[state]:]),
        reviewed=REVIEWED[state],
        partners=(("https://www.severnshire.gov.example/", "Severnshire County Council"),),
    )


def icb_pages(state: str) -> dict[str, Resource]:
    ui_ = icb_chrome(state)
    pages = site_pages(ui_, ICB_NEWS[ICB_NEWS_SINCE[state]:])
    pages["/robots.txt"] = robots("User-agent: *\nDisallow: /umbraco/\nDisallow: /search\n")
    pages["/"] = ui.page(ui_, "Welcome to NHS Severn Integrated Care Board", ui.paragraphs((
        "We plan and pay for NHS services for the 1.3 million people of Severn.",)) + "<ul>" + "".join(
        f"<li>{ui.link(p, t)}</li>" for p, t in (("/publications", "Our plans and publications"),
                                                 ("/about-us", "About us"), ("/jobs", "Work for us"))) + "</ul>")
    pages["/about-us"] = ui.page(ui_, "About us", ui.paragraphs((
        "NHS Severn Integrated Care Board is part of the Severn Health and Care Partnership.",
        "Our Executive Lead for Children and Young People is Dr Amara Okafor, Chief Nursing Officer.",
    )) + ui.link("/about-us/board-meetings", "Board meetings and papers"), (("/about-us", "About us"),))
    pages["/about-us/board-meetings"] = _board_page(ui_, state)
    pages["/publications"] = _publications_page(ui_, state)
    pages["/jobs"] = ui.page(ui_, "Jobs", ui.paragraphs((
        "Senior Commissioning Manager, Children and Young People (Band 8a), closing 31 March.",
        "Data Analyst, Population Health (Band 6), closing 14 April.",
        "All our vacancies are advertised on NHS Jobs.")), (("/jobs", "Jobs"),))
    pages[JFP] = pdf(docs.jfp_pdf("v1" if state == "v1" else "v2"))
    pages[BOARD_2024] = pdf(docs.board_papers_pdf("12 March 2024"))
    if state != "v1":
        pages[BOARD_2025] = pdf(docs.board_papers_pdf("11 March 2025"))
    if state != "v3":
        pages[ANNUAL_2223] = pdf(docs.annual_report_pdf("2022-23"))
    return pages


def _publications_page(ui_: ui.Chrome, state: str) -> Resource:
    jfp_body = docs.jfp_pdf("v1" if state == "v1" else "v2")
    note = "Updated March 2025" if state != "v1" else "Approved by the Board on 12 March 2024"
    corporate = ui.document_item(ANNUAL_2223, "Annual Report and Accounts 2022-23",
                                 docs.annual_report_pdf("2022-23"), "PDF") if state != "v3" else ""
    body = (
        "<h2>Our plans</h2><ul class=\"documents\">"
        + ui.document_item(JFP, "Joint Forward Plan 2024 to 2029", jfp_body, "PDF", note) + "</ul>"
        + "<p>Our integrated care strategy is published by the Severn Health and Care Partnership: "
        + ui.link(host_url("severn-icp", "/our-strategy"), "Severn Integrated Care Strategy") + ".</p>"
        + "<h2>Corporate documents</h2><ul class=\"documents\">" + corporate
        + f"<li>{ui.link('/about-us/board-meetings', 'Board meeting papers')}</li></ul>"
    )
    return ui.page(ui_, "Publications", body, (("/publications", "Publications"),))


def _board_page(ui_: ui.Chrome, state: str) -> Resource:
    meetings = [(BOARD_2024, "12 March 2024")]
    if state != "v1":
        meetings.insert(0, (BOARD_2025, "11 March 2025"))
    items = "".join(ui.document_item(path, f"Board meeting papers {day}", docs.board_papers_pdf(day), "PDF")
                    for path, day in meetings)
    body = ui.paragraphs(("The Board meets in public every two months. Papers are published a week before "
                          "each meeting.",)) + f'<ul class="documents">{items}</ul>'
    return ui.page(ui_, "Board meetings", body, (("/about-us", "About us"), ("/about-us/board-meetings", "Board meetings")))


def icp_chrome(state: str) -> ui.Chrome:
    return ui.Chrome(
        site_name="Severn Health and Care Partnership", theme="shcp",
        nav=(("/", "Home"), ("/our-strategy", "Our strategy"), ("/get-involved", "Get involved"), ("/news", "News")),
        cookie_text=COOKIES.get(state, COOKIES["v1"]), news=sidebar(ICP_NEWS[0 if state != "v1" else 1:]),
        reviewed=REVIEWED[state], strapline="Working together for a healthier Severn",
        partners=((host_url("severn", "/"), "NHS Severn Integrated Care Board"),),
    )


def icp_pages(state: str) -> dict[str, Resource]:
    ui_ = icp_chrome(state)
    pages = site_pages(ui_, ICP_NEWS[0 if state != "v1" else 1:])
    pages["/robots.txt"] = robots("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n")
    pages["/"] = ui.page(ui_, "Severn Health and Care Partnership", ui.paragraphs((
        "We are the NHS, Severnshire County Council, Worcbridge City Council, Healthwatch and the voluntary "
        "sector, working together.",)) + ui.link("/our-strategy", "Read our integrated care strategy"))
    pages["/get-involved"] = ui.page(ui_, "Get involved", ui.paragraphs((
        "Join our youth panel or our citizens' panel to help shape local services.",)))
    pages["/our-strategy"] = _strategy_page(ui_, state)
    # The 2023 edition stays online at its URL after the refresh, but is no longer linked.
    pages[STRATEGY_2023] = pdf(docs.strategy_pdf("2023"))
    if state != "v1":
        pages[STRATEGY_2025] = pdf(docs.strategy_pdf("2025"))
        pages[EASY_READ] = pdf(docs.easy_read_pdf())
    return pages


def _strategy_page(ui_: ui.Chrome, state: str) -> Resource:
    if state == "v1":
        items = ui.document_item(STRATEGY_2023, "Severn Integrated Care Strategy 2023", docs.strategy_pdf("2023"), "PDF")
        intro = "Our first integrated care strategy was agreed by the partnership in March 2023."
    else:
        items = (ui.document_item(STRATEGY_2025, "Severn Integrated Care Strategy 2025 refresh",
                                  docs.strategy_pdf("2025"), "PDF")
                 + ui.document_item(EASY_READ, "Easy read version", docs.easy_read_pdf(), "PDF"))
        intro = "We refreshed our integrated care strategy in March 2025, with our youth panel and residents."
    body = ui.paragraphs((intro,)) + f'<ul class="documents">{items}</ul>'
    return ui.page(ui_, "Our integrated care strategy", body, (("/our-strategy", "Our strategy"),))
