"""Marsden's documents, as bytes: the integrated care strategy and the Joint Forward Plan with their easy
read versions, the plan's 2026 refresh (one children's commitment a year later) and that refresh as a
scan with no text layer. The sentence that changes is a constant here, so the tests use its words.
"""

from __future__ import annotations

from functools import cache

from tests.docgen import Doc, Section, make_pdf, make_scanned_pdf

from ..plan_prose import plan_sections
from ..prose import Place, strategy_sections

PLACE = Place(
    name="Marsden", icb="NHS Marsden Integrated Care Board", icp="Marsden Health and Care Partnership",
    councils="Marsden Borough Council and Calderbrook Metropolitan Borough Council", population="610,000",
    places=("Marsden", "Calderbrook", "Holmeside"), acute="Marsden and Calderbrook Hospitals NHS Trust",
    mh="Pennine Moors Care NHS Foundation Trust", cyp_lead="Dr Helen Achterberg, Chief Nursing Officer",
)

STRATEGY_TITLE = "Marsden Integrated Care Strategy 2024-2029"
JFP_TITLE = "Marsden Joint Forward Plan 2025/26"
EHCP_2025 = ("We will make sure every child with an education, health and care plan has a named health "
             "contact by March 2026.")
EHCP_2026 = ("We will make sure every child with an education, health and care plan has a named health "
             "contact by March 2027.")
CAMHS = "We will make sure children and young people can get mental health support within 4 weeks of referral."
STROKE = "We will see 90% of people who have a stroke in a specialist stroke unit within four hours."
EASY_READ = ("This is an easy read version of our plan.", "We want children and young people to be healthy.",
             "We will listen to children, young people and families.")


@cache
def strategy_pdf() -> bytes:
    doc = Doc(STRATEGY_TITLE, strategy_sections(PLACE, (CAMHS,), (STROKE,)))
    return make_pdf(doc, header=doc.title, metadata={"author": PLACE.icp})


def jfp_doc(edition: str) -> Doc:
    ehcp = EHCP_2025 if edition == "2025" else EHCP_2026
    return Doc(JFP_TITLE, plan_sections(PLACE, {"children": (ehcp,)}))


@cache
def jfp_pdf(edition: str) -> bytes:
    """The plan as published ("2025"), and its refresh in place ("2026")."""
    doc = jfp_doc(edition)
    return make_pdf(doc, header=doc.title, metadata={"author": PLACE.icb})


@cache
def jfp_scanned_pdf() -> bytes:
    """The 2026 refresh printed and scanned: pictures of its pages, no text to read."""
    return make_scanned_pdf(jfp_doc("2026"), pages=2)


@cache
def easy_read_pdf(of: str) -> bytes:
    title = f"{STRATEGY_TITLE if of == 'strategy' else JFP_TITLE}: easy read"
    return make_pdf(Doc(title, [Section("About this plan", list(EASY_READ))]), metadata={"author": PLACE.icb})
