"""Kestrel (Midlands): plans published the way real ICS sites publish them. An ICB site ("kestrel") and a
partnership site ("kestrel-icp"); not part of the default replica web. The same in every state.

ICB  /about-us/our-plans/: the JFP under its local name, "Our local NHS plan 2025-2030" (the system's
     plan_titles say so), with a summary, an easy read and a large print version beside it, and a link to
     the engagement page about the plan (not the plan). /about-us/our-plans/plan-in-brief/ is a short
     HTML page that summarises the plan; it links to the old short URL /jfp, which redirects to the plans
     page already fetched (the same page again, not a redirect loop).
ICP  /our-strategy/: "You can read the full strategy here" under a heading that names the strategy, and
     the partnership's five year plan of 2019 (its strategy before integrated care systems).
     /better-together/: the strategy also as a web book whose contents page is a grid of cards; one of
     the start URLs is its second chapter, /better-together/live-well (a maintainer pasted it).
"""

from __future__ import annotations

from tests.docgen import Doc, Section, make_pdf

from .. import chrome as ui
from ..model import HTML, DocumentTruth, HostState, Resource, SystemSpec, SystemState, host_url, pdf, robots

ICB, ICP = "kestrel", "kestrel-icp"
PLAN = "/media/2025/Our-local-NHS-plan-2025-2030.pdf"
SUMMARY = "/media/2025/our-local-nhs-plan-summary.pdf"
EASY = "/media/2025/our-local-nhs-plan-er.pdf"
LARGE = "/media/2025/our-local-nhs-plan-lp.pdf"
BRIEF = "/about-us/our-plans/plan-in-brief/"
ENGAGE = "/get-involved/our-local-nhs-plan-engagement/"
STRATEGY = "/files/kcs-v7-web.pdf"
OLD_PLAN = "/files/five-year-plan-2019-24.pdf"
BOOK = "/better-together/"
CHAPTERS = {"start-well": "Start well", "live-well": "Live well", "age-well": "Age well"}
TITLES = {PLAN: "Our local NHS plan 2025-2030", SUMMARY: "Our local NHS plan: summary",
          EASY: "Our local NHS plan: easy read", LARGE: "Our local NHS plan (large print)",
          STRATEGY: "Kestrel Integrated Care Strategy 2024 to 2029", OLD_PLAN: "Kestrel five year plan 2019 to 2024"}
LINE = ("We will cut waits for children's community services to 18 weeks by March 2027, working with "
        "schools, family hubs and the councils' children's services.")


def _pdf(path: str) -> bytes:
    doc = Doc(TITLES[path], [Section("Children and young people", [LINE, "We will publish our progress every year."])])
    return make_pdf(doc, header=doc.title)


def _chrome(name: str) -> ui.Chrome:
    return ui.Chrome(site_name=name, theme="kestrel", nav=(("/", "Home"),), cookie_text="We use essential cookies only.",
                     news=(), reviewed="2 June 2025")


def _icb() -> dict:
    chrome = _chrome("NHS Kestrel Integrated Care Board")
    files = [(PLAN, "Our local NHS plan 2025-2030 (full plan)"), (SUMMARY, "Summary"), (EASY, "Easy read"),
             (LARGE, "Large print")]
    items = "".join(ui.document_item(p, label, _pdf(p), "PDF") for p, label in files)
    plans = ui.page(chrome, "Our plans", ui.paragraphs(("Every NHS organisation in Kestrel has agreed this plan.",))
                    + f"<h2>Our local NHS plan 2025-2030</h2><ul>{items}</ul>"
                    + f"<p>{ui.link(BRIEF, 'Our plan in brief')}</p>"
                    + f"<h2>Get involved</h2><p>{ui.link(ENGAGE, 'Our local NHS plan engagement: have your say')}</p>"
                    + ui.link(host_url(ICP, "/our-strategy/"), "Kestrel Integrated Care Strategy"))
    brief = ui.page(chrome, "Our plan in brief", ui.paragraphs((
        "This page summarises our local NHS plan for 2025 to 2030, agreed with our partners in June 2025.", LINE,
        "We will also open two more family hubs in Kestrel Vale by September 2026.")) + ui.link("/jfp", "Our plans"))
    engage = ui.page(chrome, "Our local NHS plan: have your say", ui.paragraphs((
        "Tell us what you think of our draft plan. The survey closes on 30 June 2025.",
        "Drop-in sessions run in every town in May.")))
    pages = {"/robots.txt": robots("User-agent: *\nDisallow: /admin/\n"), "/about-us/our-plans/": plans,
             BRIEF: brief, ENGAGE: engage,
             "/jfp": Resource(b"", HTML, 301, (("Location", "/about-us/our-plans/"),))}
    pages.update({p: pdf(_pdf(p)) for p, _ in files})
    return pages


def _icp() -> dict:
    chrome = _chrome("Kestrel Health and Care Partnership")
    main = ("<h2>Kestrel Integrated Care Strategy 2024 to 2029</h2>"
            + ui.paragraphs(("Our strategy sets out five shared ambitions agreed by the partnership.",))
            + f"<p>{ui.link(STRATEGY, 'You can read the full strategy here')}.</p>"
            + "<h2>Before integrated care</h2>"
            + ui.paragraphs(("Published in 2019 by our sustainability and transformation partnership.",))
            + f"<ul>{ui.document_item(OLD_PLAN, 'Our five year plan 2019 to 2024', _pdf(OLD_PLAN), 'PDF')}</ul>")
    cards = "".join(f'<div class="card">{ui.link(BOOK + slug, title)}<p>Chapter {i} of the strategy.</p></div>'
                    for i, (slug, title) in enumerate(CHAPTERS.items(), 1))
    pages = {"/robots.txt": robots("User-agent: *\n"), "/our-strategy/": ui.page(chrome, "Our strategy", main),
             STRATEGY: pdf(_pdf(STRATEGY)), OLD_PLAN: pdf(_pdf(OLD_PLAN)),
             BOOK: ui.page(chrome, "Better Together: our integrated care strategy",
                           ui.paragraphs(("Choose a chapter.",)) + f'<div class="cards">{cards}</div>')}
    for slug, title in CHAPTERS.items():
        pages[BOOK + slug] = ui.page(chrome, title, ui.paragraphs((
            f"This chapter of Better Together, our integrated care strategy, is about how people {title.lower()}.",
            LINE)), ((BOOK, "Better Together"),))
    return pages


def build(state: str) -> SystemState:
    jfp, strategy = "joint_forward_plan", "strategy"
    documents = [DocumentTruth(ICB, PLAN, jfp, TITLES[PLAN], "pdf"), DocumentTruth(ICB, SUMMARY, jfp, TITLES[SUMMARY], "pdf"),
                 DocumentTruth(ICB, EASY, jfp, TITLES[EASY], "pdf", easy_read=True),
                 DocumentTruth(ICB, LARGE, jfp, TITLES[LARGE], "pdf"),
                 DocumentTruth(ICB, BRIEF, jfp, "Our plan in brief", "html"),
                 DocumentTruth(ICP, STRATEGY, strategy, TITLES[STRATEGY], "pdf"),
                 DocumentTruth(ICP, OLD_PLAN, strategy, TITLES[OLD_PLAN], "pdf"),
                 DocumentTruth(ICP, BOOK, strategy, "Better Together: our integrated care strategy", "html_book",
                               chapters=tuple(BOOK + slug for slug in CHAPTERS))]
    return SystemState({ICB: HostState(_icb()), ICP: HostState(_icp())}, documents)


SPEC = SystemSpec(id="kestrel", name="Kestrel", region="Midlands", icb_name="NHS Kestrel Integrated Care Board",
                  icp_name="Kestrel Health and Care Partnership", icp_host=ICP,
                  start=((ICB, "/about-us/our-plans/"), (ICP, "/our-strategy/"), (ICP, BOOK + "live-well")), build=build,
                  plan_titles={"joint_forward_plan": ["Our local NHS plan"]})
