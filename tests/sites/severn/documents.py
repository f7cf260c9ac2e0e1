"""Severn's documents, as bytes: the Joint Forward Plan (v1, and v2 refreshed in place), the integrated
care strategy (2023, and the 2025 refresh), the 2025 easy read version, and the distractors.

The sentences that change between states are constants here, so `severn/__init__.py` can state the
truth (`Edit`s) with exactly the words the PDFs carry. Bytes are made once per process (`cache`).
"""

from __future__ import annotations

from functools import cache

from tests.docgen import Doc, Section, make_pdf

from .. import corporate
from ..plan_prose import plan_sections
from ..prose import Place, strategy_sections

PLACE = Place(
    name="Severn",
    icb="NHS Severn Integrated Care Board",
    icp="Severn Health and Care Partnership",
    councils="Severnshire County Council and Worcbridge City Council",
    population="1.3 million",
    places=("Worcbridge", "Ludford", "Kidderton", "Bewdale"),
    acute="Severnside Hospitals NHS Foundation Trust",
    mh="Severn Valley Partnership NHS Foundation Trust",
    cyp_lead="Dr Amara Okafor, Chief Nursing Officer",
)

# Joint Forward Plan: children's commitments weakened and delayed in v2, plus an adult-only edit.
JFP_HUBS_V1 = ("We will open a family hub in each of Severn's 14 most deprived wards by September 2025, "
               "bringing health visitors, midwives and early help teams under one roof.")
JFP_HUBS_V2 = ("We aim to open a family hub in each of Severn's 14 most deprived wards by September 2025, "
               "bringing health visitors, midwives and early help teams under one roof.")
JFP_CYPMH_V1 = "We will reduce waits for children and young people's mental health services to 18 weeks by March 2026."
JFP_CYPMH_V2 = "We will reduce waits for children and young people's mental health services to 18 weeks by March 2027."
JFP_HIPS_V1 = ("We will carry out 4,200 hip and knee replacements a year at the Kidderton elective surgical hub "
               "by March 2025.")
JFP_HIPS_V2 = ("We will carry out 4,800 hip and knee replacements a year at the Kidderton elective surgical hub "
               "by March 2026.")
JFP_UPDATED = ("Updated March 2025: this version of the plan has been refreshed for 2025/26 following "
               "engagement with our partners and our health and wellbeing boards.")
JFP_STEADY = (
    "We will reduce the wait for a neurodevelopmental assessment for autism or ADHD to no more than 52 weeks "
    "for children and young people by March 2026.",
    "Every care leaver up to the age of 25 will have a named health contact and a copy of their health "
    "history by April 2025.",
)

# Integrated care strategy: the 2025 refresh strengthens one commitment and adds one.
STRATEGY_MHST_2023 = "We will work towards every school in Severn having access to a Mental Health Support Team."
STRATEGY_MHST_2025 = ("By September 2026 every state-funded school and college in Severn will have access to a "
                      "Mental Health Support Team.")
STRATEGY_HUBS_2025 = ("By March 2026 every one of our 14 Family Hubs will offer a named health visitor and a "
                      "perinatal mental health drop-in.")
STRATEGY_HUBS_STEADY = ("We will set up Family Hubs in each of our local authority areas, offering support to "
                        "families from pregnancy until a child is 19, or 25 for young people with SEND.")
STRATEGY_STROKE_2023 = ("We will make sure that 90% of people who have a stroke are seen by a specialist stroke "
                        "team within four hours of arriving at hospital.")
STRATEGY_STROKE_2025 = ("We will make sure that 90% of people who have a stroke are seen by a specialist stroke "
                        "team within three hours of arriving at hospital.")
STRATEGY_REFRESH_NOTE = ("This refresh, agreed by the partnership in March 2025, updates the strategy we first "
                         "published in 2023.")

EASY_READ_COMMITMENTS = (
    "By March 2026 every Family Hub will have a health visitor you can talk to.",
    "By September 2026 every school and college will have a Mental Health Support Team.",
)

EASY_READ_SECTIONS = (
    ("About this booklet", (
        "This booklet is the easy read version of our plan for health and care in Severn.",
        "The plan is called the Severn Integrated Care Strategy. It is for the years 2025 to 2030.",
        "We explain hard words at the end of this booklet.",
    )),
    ("Children and young people", (
        "We want every child in Severn to have a good start in life.",
        "Family Hubs are places where families can get help in one place.",
        EASY_READ_COMMITMENTS[0],
        "Young people told us they wait too long for help with their mental health.",
        EASY_READ_COMMITMENTS[1],
        "Children in care and young people leaving care will have a named health worker.",
        "Young carers will get help from their school and their doctor.",
    )),
    ("Adults and older people", (
        "We want it to be easier to see your doctor.",
        "If you have a stroke you will get help quickly from a stroke team.",
        "We will help people go home from hospital as soon as they are ready.",
    )),
    ("Fair health for everyone", (
        "Some people in Severn are less healthy because they have less money.",
        "We will put more help in the places where people need it most.",
    )),
    ("Who made this plan", (
        "The plan was made by the NHS, the council and groups who help people in Severn.",
        "We talked to more than 4,000 people about what matters to them.",
        "Young people from our youth panel helped us write the part about children.",
    )),
    ("Hard words", (
        "Family Hub: a place where families can get help with health, money, housing and parenting.",
        "Mental Health Support Team: people who help children and young people with their feelings at school.",
        "Health visitor: a nurse who visits families with babies and young children.",
        "Strategy: a plan that says what we want to do and how we will do it.",
    )),
    ("What happens next", (
        "We will check every year that we are doing what we said.",
        "We will tell you what we have done.",
        "We will ask children, young people and families what they think.",
    )),
    ("Tell us what you think", (
        "You can tell us what you think about this plan.",
        "Email us at haveyoursay@severn-partnership.example or phone 01900 555 0123.",
        "You can ask for this booklet in large print, audio or British Sign Language.",
    )),
)

JFP_TITLE = "NHS Severn Integrated Care Board Joint Forward Plan 2024-2029"
STRATEGY_2023_TITLE = "Severn Integrated Care Strategy 2023"
STRATEGY_2025_TITLE = "Severn Integrated Care Strategy 2025 refresh"
EASY_READ_TITLE = "Severn Integrated Care Strategy 2025: easy read version"


@cache
def jfp_pdf(version: str) -> bytes:
    refreshed = version != "v1"
    extra = {
        "introduction": (JFP_UPDATED,) if refreshed else (),
        "children": (JFP_HUBS_V2 if refreshed else JFP_HUBS_V1, JFP_CYPMH_V2 if refreshed else JFP_CYPMH_V1,
                     *JFP_STEADY),
        "planned_care": (JFP_HIPS_V2 if refreshed else JFP_HIPS_V1,),
    }
    header = "NHS Severn ICB | Joint Forward Plan 2024-2029" + (" | Updated March 2025" if refreshed else "")
    return make_pdf(Doc(JFP_TITLE, plan_sections(PLACE, extra)), header=header,
                    metadata={"author": PLACE.icb})


@cache
def strategy_pdf(edition: str) -> bytes:
    if edition == "2023":
        doc = Doc(STRATEGY_2023_TITLE, strategy_sections(
            PLACE, (STRATEGY_HUBS_STEADY, STRATEGY_MHST_2023), (STRATEGY_STROKE_2023,)))
    else:
        sections = strategy_sections(
            PLACE, (STRATEGY_HUBS_STEADY, STRATEGY_HUBS_2025, STRATEGY_MHST_2025), (STRATEGY_STROKE_2025,))
        sections[0].paragraphs.insert(0, STRATEGY_REFRESH_NOTE)
        doc = Doc(STRATEGY_2025_TITLE, sections)
    return make_pdf(doc, columns=2, header=doc.title, footer="{page}", metadata={"author": PLACE.icp})


@cache
def easy_read_pdf() -> bytes:
    doc = Doc(EASY_READ_TITLE, [Section(heading, list(texts)) for heading, texts in EASY_READ_SECTIONS])
    return make_pdf(doc, header="Easy read", metadata={"author": PLACE.icp})


@cache
def board_papers_pdf(meeting: str) -> bytes:
    plan = "Joint Forward Plan 2024-2029" if meeting.endswith("2024") else "Joint Forward Plan refresh 2025/26"
    return make_pdf(corporate.board_papers(PLACE, meeting, plan), header=f"Board meeting in public, {meeting}")


@cache
def annual_report_pdf(year: str) -> bytes:
    return make_pdf(corporate.annual_report(PLACE, year), footer="Annual Report {page}")
