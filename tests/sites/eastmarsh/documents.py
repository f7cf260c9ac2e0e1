"""Eastmarsh's documents: the Joint Forward Plan as chapters of an HTML book (2024 edition, its v2
correction, and the 2025 edition), the strategy as a Word document, and PDF distractors.

Takes an edition name ("2024", "2024-corrected", "2025"); returns chapters as (slug, title, sections)
or document bytes. The sentences that change are constants, so the truth uses the served words.
"""

from __future__ import annotations

from functools import cache

from tests.docgen import Doc, Section, make_pdf

from .. import corporate
from ..docfiles import stable_docx
from ..plan_prose import plan_sections
from ..prose import Place, strategy_sections

PLACE = Place(
    name="Eastmarsh",
    icb="NHS Eastmarsh Integrated Care Board",
    icp="Eastmarsh Integrated Care Partnership",
    councils="Eastmarsh County Council and Fenport Borough Council",
    population="980,000",
    places=("Fenport", "Marshby", "Wellingham", "Saltcote", "Brackley Fen"),
    acute="Eastmarsh and Fenport Hospitals NHS Foundation Trust",
    mh="Eastmarsh Community and Mental Health NHS Trust",
    cyp_lead="Claire Whitlow, Director of Nursing and Quality",
)

# v2: one chapter's children's commitment cut and delayed.
NURSES_2024 = ("We will recruit 20 additional school nurses by April 2025, so that every secondary school in "
               "Eastmarsh has a named school nurse.")
NURSES_CORRECTED = ("We will recruit 12 additional school nurses by April 2026, so that every secondary school "
                    "in Eastmarsh has a named school nurse.")
EHCP_STEADY = ("We will make sure that the health advice for every Education, Health and Care needs assessment "
               "is completed within the statutory six weeks.")
# v3 (2025 edition): a children's commitment added, an adult-only target changed, an edition note.
ASTHMA_2025 = ("From September 2025 we will fund a children's asthma nurse in each of our five places, so that "
               "every child admitted to hospital with asthma is seen at home within two weeks of discharge.")
DIAGNOSTICS_2024 = "Our community diagnostic centre in Marshby will deliver 60,000 additional tests a year by March 2025."
DIAGNOSTICS_2025 = "Our community diagnostic centre in Marshby will deliver 75,000 additional tests a year by March 2026."
EDITION_2025 = "This is the 2025/26 edition of our plan, published in June 2025 after our annual refresh."

BOOK_TITLES = {"2024": "Joint Forward Plan 2024 to 2029", "2025": "Joint Forward Plan 2025 to 2030"}
CHAPTERS = (  # slug, title, plan parts
    ("chapter-1-introduction", "Introduction", ("introduction", "duties")),
    ("chapter-2-our-population", "Our population and places", ("population", "places")),
    ("chapter-3-children-and-young-people", "Children and young people", ("children", "maternity")),
    ("chapter-4-mental-health-learning-disability-and-autism", "Mental health, learning disability and autism",
     ("mental_health",)),
    ("chapter-5-primary-urgent-and-planned-care", "Primary, urgent and planned care",
     ("primary_care", "urgent_care", "planned_care")),
    ("chapter-6-ageing-well-and-adult-social-care", "Ageing well and adult social care", ("adult_care",)),
    ("chapter-7-workforce-digital-and-finance", "Workforce, digital and finance",
     ("workforce", "digital", "finance", "governance")),
    ("chapter-8-appendices", "Appendices: milestones, opinions, measures and glossary",
     ("milestones", "hwb_opinions", "measures", "glossary")),
)
CHILDREN_CHAPTER = CHAPTERS[2][0]
ADULT_CHAPTER = CHAPTERS[4][0]
INTRO_CHAPTER = CHAPTERS[0][0]

STRATEGY_TITLE = "Eastmarsh Health and Wellbeing Strategy 2023 to 2028"
STRATEGY_IS_ICS = ("This is the integrated care strategy of the Eastmarsh Integrated Care Partnership, agreed "
                   "jointly with the Eastmarsh Health and Wellbeing Board.")
STRATEGY_CHILDREN = (
    "We will give every child in Eastmarsh the best start in life, with a family hub in each of our five places "
    "by 2026.",
    "Young people aged 16 to 25 will be able to use mental health services designed for their age, without a "
    "cliff edge at their 18th birthday.",
)
MEASURES = [
    ["Priority", "What we will measure", "By when"],
    ["Best start in life", "Children achieving a good level of development at age five", "2028"],
    ["Children's mental health", "Young people waiting more than 18 weeks for treatment", "2027"],
    ["Healthy ageing", "Emergency admissions for falls in people over 65", "2028"],
]
PRIMARY_CARE_TITLE = "NHS Eastmarsh ICB Primary Care Access Recovery Plan 2023 to 2025"
DRAFT_TITLE = "DRAFT Joint Forward Plan 2024 to 2029 (not for publication)"


def book(edition: str) -> list[tuple[str, str, list[Section]]]:
    """The chapters of one edition of the JFP book: (slug, chapter title, sections)."""
    extra = {
        "introduction": (EDITION_2025,) if edition == "2025" else (),
        "children": (NURSES_2024 if edition == "2024" else NURSES_CORRECTED, EHCP_STEADY,
                     *((ASTHMA_2025,) if edition == "2025" else ())),
        "planned_care": (DIAGNOSTICS_2025 if edition == "2025" else DIAGNOSTICS_2024,),
    }
    return [(slug, title, plan_sections(PLACE, extra, parts)) for slug, title, parts in CHAPTERS]


@cache
def strategy_docx() -> bytes:
    sections = strategy_sections(PLACE, STRATEGY_CHILDREN)
    sections[0].paragraphs.insert(0, STRATEGY_IS_ICS)
    return stable_docx(Doc(STRATEGY_TITLE, sections), header="Eastmarsh Integrated Care Partnership",
                       table=MEASURES)


@cache
def primary_care_pdf() -> bytes:
    doc = corporate.service_plan(PLACE, PRIMARY_CARE_TITLE, "access to general practice")
    return make_pdf(doc, header="NHS Eastmarsh ICB")


@cache
def annual_report_pdf() -> bytes:
    return make_pdf(corporate.annual_report(PLACE, "2023-24"), footer="Page {page}")


@cache
def draft_jfp_pdf() -> bytes:
    sections = [s for _, _, chapter in book("2024") for s in chapter]
    return make_pdf(Doc(DRAFT_TITLE, sections), header="DRAFT - NOT FOR PUBLICATION - OFFICIAL SENSITIVE")
