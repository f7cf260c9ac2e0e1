"""Wyvern's documents, as bytes: each edition of the integrated care strategy and of the Joint Forward
Plan, and the plan's summaries. The sentences that differ between editions are constants here, so
`wyvern/__init__.py` states the truth with exactly the words the PDFs carry.
"""

from __future__ import annotations

from functools import cache

from tests.docgen import Doc, Section, make_pdf

from ..plan_prose import plan_sections
from ..prose import Place, strategy_sections

PLACE = Place(
    name="Wyvern", icb="NHS Wyvern Integrated Care Board", icp="Wyvern Health and Care Partnership",
    councils="Wyvernshire County Council and Portcastle City Council", population="940,000",
    places=("Portcastle", "Abbotsford", "Marlow Vale"), acute="Wyvern University Hospitals NHS Trust",
    mh="Wyvern and Coast Partnership NHS Foundation Trust", cyp_lead="Dr Priya Natarajan, Chief Medical Officer",
)

STRATEGY_TITLES = {"2023": "Wyvern Integrated Care Strategy 2023-2028",
                   "2025": "Wyvern Integrated Care Strategy 2023-2028: 2025 refresh"}
CAMHS_2023 = ("We will make sure children and young people can get mental health support within 4 weeks of "
              "referral by March 2026.")
CAMHS_2025 = ("We will make sure children and young people can get mental health support within 6 weeks of "
              "referral by March 2027.")
STROKE_2023 = "We will see 90% of people who have a stroke in a specialist stroke unit within four hours."
STROKE_2025 = "We will see 95% of people who have a stroke in a specialist stroke unit within four hours."

JFP_TITLES = {"2023": "Wyvern Joint Forward Plan 2023/24", "2024-draft": "Wyvern Joint Forward Plan 2024/25 (draft)",
              "2024-final": "Wyvern Joint Forward Plan 2024/25 (final)"}
NURSES_2023 = "We will recruit 20 more school nurses by April 2025 so that every secondary school has one."
NURSES_2024 = "We will recruit 12 more school nurses by April 2026 so that every secondary school has one."
VISITORS_DRAFT = "We will recruit 10 more health visitors by March 2026 to offer every family five contacts."
VISITORS_FINAL = "We will recruit 15 more health visitors by March 2026 to offer every family five contacts."

SUMMARY_TITLES = {"2023": "Wyvern Joint Forward Plan 2023/24: summary",
                  "2024": "Wyvern Joint Forward Plan 2024/25: summary"}
SUMMARY_HUBS_2023 = "We will open 6 family hubs for children and families by March 2025."
SUMMARY_HUBS_2024 = "We will open 4 family hubs for children and families by March 2026."
SUMMARY_REST = ("This summary sets out the main things our Joint Forward Plan will do this year.",
                "We will keep listening to children, young people and families as we put the plan into action.",
                "Adults will be able to book a GP appointment online or by phone.")


@cache
def strategy_pdf(edition: str) -> bytes:
    doc = strategy_doc(edition)
    return make_pdf(doc, header=doc.title, metadata={"author": PLACE.icp})


def strategy_doc(edition: str) -> Doc:
    camhs, stroke = (CAMHS_2023, STROKE_2023) if edition == "2023" else (CAMHS_2025, STROKE_2025)
    return Doc(STRATEGY_TITLES[edition], strategy_sections(PLACE, (camhs,), (stroke,)))


@cache
def jfp_pdf(edition: str) -> bytes:
    nurses = NURSES_2023 if edition == "2023" else NURSES_2024
    children = (nurses,) if edition == "2023" else (nurses, VISITORS_FINAL if edition == "2024-final" else VISITORS_DRAFT)
    doc = Doc(JFP_TITLES[edition], plan_sections(PLACE, {"children": children}))
    return make_pdf(doc, header=doc.title, metadata={"author": PLACE.icb})


@cache
def summary_pdf(year: str) -> bytes:
    hubs = SUMMARY_HUBS_2023 if year == "2023" else SUMMARY_HUBS_2024
    doc = Doc(SUMMARY_TITLES[year], [Section("Our plan on a page", [SUMMARY_REST[0], hubs, *SUMMARY_REST[1:]])])
    return make_pdf(doc, metadata={"author": PLACE.icb})
