"""Each structural rule of `monitor.relevance` on plain values: how real plans state commitments, who
a passage is about, every way a commitment weakens, and the edits that are not changes."""

from __future__ import annotations

import pytest

from monitor.relevance import assess


def weakenings(result) -> list[str]:
    return [r.removeprefix("weakened: ") for r in result.reasons if r.startswith("weakened: ")]


@pytest.mark.parametrize(("passage", "why"), [
    ("Develop family hubs and early help models across all six places.", "an action: 'develop'"),
    ("Children and young people can get help within four weeks of asking.", "an outcome: 'can get'"),
    ("Give every child the best start in life.", "an action: 'give'"),
    ("Our groups for children and young people include young carers and children in care.",
     "a priority list"),
    ("Every child in reception to have a dental check within 12 months.", "a dated target"),
])
def test_commitments_stated_without_a_commitment_verb(passage, why):
    result = assess("", passage)
    assert result.relevant, result.reasons
    assert any(r.startswith(f"commitment: {why}") for r in result.reasons), result.reasons


def test_a_statistic_about_children_is_not_a_commitment():
    assert not assess("", "In 2023, 22.7% of children in Year 6 were living with obesity.").relevant


def test_a_passage_naming_nobody_is_about_the_children_its_heading_names():
    passage = "Waiting times for a first assessment will fall to 12 weeks by March 2026."
    assert assess("", passage, section="Start well").relevant
    assert assess("", passage, section="Chapter 4: Children and young people").relevant
    assert not assess("", passage, section="Ageing well").relevant
    assert not assess("", passage).relevant


def test_a_heading_that_states_a_commitment_makes_each_item_under_it_one():
    item = "Percentage of children achieving a good level of development at the end of reception."
    assert not assess(item, "").relevant
    assert assess(item, "", section="How we will measure progress").relevant


def test_a_glossary_commits_to_nothing():
    entry = "Family hub: a place where families can get help with health, money and parenting."
    assert not assess("", entry, section="Hard words").relevant


@pytest.mark.parametrize("children", [
    "under 16s", "<16s", "young people aged 16 to 18", "the 0-25 service", "the first 1001 days",
    "care-experienced young people", "young people who are NEET", "young carers", "children with SEND",
    "school readiness", "five-year-olds", "the second dose of MMR", "pupils in Year 6",
])
def test_ways_plans_name_children(children):
    assert assess("", f"We will improve support for {children} by March 2026.").relevant


def test_the_clause_that_changed_decides_who_a_sentence_is_about():
    adults = ("Building on our children's healthy weight programme, we will expand the adult weight "
              "management service to {} places by 2026.")
    assert not assess(adults.format(500), adults.format(800)).relevant
    children = "We will open 20 more adult beds, and children will be seen within {} weeks."
    assert assess(children.format(4), children.format(6)).relevant
    context = ("Learning from our young people's substance misuse service, we will put an alcohol care team "
               "in {} acute hospitals by 2025.")
    assert not assess(context.format("all three"), context.format("two of our")).relevant


def test_every_weakening_is_named_not_only_the_first():
    result = assess("We will recruit twenty school nurses by April 2025.",
                    "We will recruit twelve school nurses by April 2026.")
    assert weakenings(result) == ["date moved later (April 2025 -> April 2026)", "a smaller number (20 -> 12)"]


@pytest.mark.parametrize(("before", "after", "weakening"), [
    ("We will offer a health assessment to children in care and care leavers by 2026.",
     "We will offer a health assessment to children in care by 2026.", "scope narrowed: care leavers dropped"),
    ("Every child with asthma will have a personalised asthma action plan.",
     "Most children with asthma will have a personalised asthma action plan.", "scope narrowed: 'every' no longer said"),
    ("We will ensure every young carer is identified by their GP practice.",
     "We will support young carers to be identified by their GP practice.", "'ensure' became 'support"),
    ("We will open two more family hubs by 2026.",
     "We will open two more family hubs by 2026 where capacity allows.", "made conditional ('where capacity allows')"),
    ("We will cut CAMHS waits to 4 weeks by 2026, reporting quarterly to the ICB board.",
     "We will cut CAMHS waits to 4 weeks by 2026.", "reporting dropped ('reporting quarterly to the ICB board')"),
    ("Family hubs will be open to families five days a week.",
     "Family hubs will be open to families three days a week.", "a smaller number (5 -> 3)"),
])
def test_weakenings_that_are_not_a_word_swap(before, after, weakening):
    result = assess(before, after)
    assert result.relevant and result.weakened, result.reasons
    assert any(w.startswith(weakening) for w in weakenings(result)), weakenings(result)


@pytest.mark.parametrize(("before", "after"), [
    ("We will cut CAMHS waits to 4 weeks by 2026.[12]", "We will cut CAMHS waits to 4 weeks by 2026.[13]"),
    ("75% of children will be ready for school by 2026.", "75 per cent of children will be ready for school by 2026."),
    ("We will ensure every child has a health visitor.", "We will make sure every child has a health visitor."),
    ("• Reduce childhood obesity • Improve school readiness", "1. Reduce childhood obesity 2. Improve school readiness"),
    ("The ICB will commission a 0-25 eating disorder pathway by 2026.",
     "The Integrated Care Board will commission a 0-25 eating disorder pathway by 2026."),
])
def test_edits_that_are_not_changes(before, after):
    result = assess(before, after)
    assert not result.relevant, result.reasons


def test_the_integrated_care_system_named_in_passing_is_not_the_integration_theme():
    result = assess("", "As an Integrated Care System we will raise MMR uptake at age five to 95% by 2026.")
    assert result.relevant and "integration" not in result.themes
    joint = assess("", "We will set up a joint team with the local authority's children's services by 2026.")
    assert "integration" in joint.themes
