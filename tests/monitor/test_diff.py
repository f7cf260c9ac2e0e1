"""The diff reports what a reader would call a change, and nothing else, quickly on any input."""

from __future__ import annotations

import time
from datetime import datetime

from monitor.diff import diff_texts, match_keys, word_diff
from monitor.extract import Paragraph, Text, extract_text
from tests.docgen import Doc, Section, make_pdf

FILLER = [f"Our place partnership in area {i} will work with schools, councils and the voluntary sector on "
          f"priority {i}, reporting progress to the board every quarter in public." for i in range(40)]
PLAN = Doc("Severn Joint Forward Plan 2024 to 2029", [
    Section("Children and young people", [
        "We will reduce waits for children and young people's mental health services to 18 weeks by March 2026.",
        "Every secondary school will have a named school nurse, and family hubs will open in every place.",
    ]),
    Section("Planned care", ["We will carry out 4,200 hip and knee replacements a year at the elective hub."]),
    Section("Our places", FILLER),  # several pages, so running footers can be recognised as such
])


def text(*paragraphs: str) -> Text:
    return Text(outcome="ok", paragraphs=[Paragraph(p, page=i + 1) for i, p in enumerate(paragraphs)])


def pdf_text(doc: Doc, **layout) -> Text:
    result = extract_text(make_pdf(doc, **layout))
    assert result.is_ok, result.detail
    return result


def test_a_pdf_resaved_with_new_metadata_and_footer_dates_is_no_change():
    old = pdf_text(PLAN, footer="Published March 2024 - page {page}", created=datetime(2024, 3, 1))
    new = pdf_text(PLAN, footer="Updated June 2025 - page {page}", header="NHS Severn ICB",
                   created=datetime(2025, 6, 1), metadata={"author": "Comms team", "subject": "re-saved"})
    assert diff_texts(old, new) == []


def test_an_edited_pdf_reports_the_sentence_with_its_page_and_marked_words():
    edited = Doc(PLAN.title, [Section(PLAN.sections[0].heading, [
        PLAN.sections[0].paragraphs[0].replace("March 2026", "March 2027"), PLAN.sections[0].paragraphs[1]]),
        *PLAN.sections[1:]])
    [excerpt] = diff_texts(pdf_text(PLAN), pdf_text(edited))
    assert excerpt.before.endswith("by March 2026.") and excerpt.after.endswith("by March 2027.")
    assert (excerpt.removed_words, excerpt.added_words) == ("2026", "2027")
    assert excerpt.page == 1 and excerpt.section == "Children and young people"
    assert pdf_text(PLAN).page_count >= 3


def test_whitespace_case_quotes_and_dashes_are_not_changes():
    old = text("We will open “family hubs” – one in each place.  Waits will fall.")
    new = text("We will open \"family hubs\" - one in each place. Waits   will fall.")
    assert diff_texts(old, new) == []


def test_a_moved_paragraph_is_not_reported_as_removed_and_added():
    paragraphs = [f"Paragraph {i} says we will do thing number {i} for children." for i in range(10)]
    moved = paragraphs[:2] + paragraphs[3:8] + [paragraphs[2]] + paragraphs[8:]
    assert diff_texts(text(*paragraphs), text(*moved)) == []


def test_additions_and_removals_are_whole_sentences_with_one_side_empty():
    old = text("Family hubs will open in every place. Waits will fall.")
    new = text("Family hubs will open in every place. A young carers' service will start in 2026. Waits will fall.")
    [added] = diff_texts(old, new)
    assert (added.before, added.after) == ("", "A young carers' service will start in 2026.")
    [removed] = diff_texts(new, old)
    assert (removed.before, removed.after) == ("A young carers' service will start in 2026.", "")


def test_word_diff_keeps_the_spacing_of_the_sentence():
    ops = word_diff("We will reduce waits by March 2026.", "We aim to reduce waits by March 2027.")
    assert "".join(t for op, t in ops if op != "-") == "We aim to reduce waits by March 2027."
    assert "".join(t for op, t in ops if op != "+") == "We will reduce waits by March 2026."


def test_the_same_edit_on_every_chapter_is_reported_once():
    old = text(*[f"Joint Forward Plan 2024 to 2029. Chapter {i} text." for i in range(8)])
    new = text(*[f"Joint Forward Plan 2025 to 2030. Chapter {i} text." for i in range(8)])
    assert len(diff_texts(old, new)) == 1


def test_pathological_inputs_stay_fast():
    same = ["Yes."] * 5000
    started = time.perf_counter()
    assert len(match_keys(same, same + ["no"])) == 5000  # nothing unique to anchor on but the ends
    many_repeats = diff_texts(text(*(["We will."] * 3000)), text(*(["We will."] * 1500 + ["New."] + ["We will."] * 1500)))
    assert [e.after for e in many_repeats] == ["New."]
    unrelated = diff_texts(text(*[f"Old sentence {i}." for i in range(3000)]),
                           text(*[f"New sentence {i}." for i in range(3000)]))
    assert unrelated  # everything changed, reported rather than searched forever
    shuffled = [f"Sentence number {i} about children." for i in range(3000)]
    assert diff_texts(text(*shuffled), text(*shuffled[::-1])) == []  # all moved: nothing changed
    assert time.perf_counter() - started < 10


def _plan(sentences: list[str]) -> Text:
    return Text(outcome="ok", paragraphs=[Paragraph(s, page=4) for s in sentences])


def test_a_heavily_rewritten_commitment_is_one_passage_and_can_be_judged_weakened():
    from monitor.relevance import assess

    around = ["Our plan covers the whole county.", "Partners agreed it in March."]
    before = "Every school will have a named mental health lead by September 2025, reporting to the ICB board."
    after = "We aim to offer named mental health leads to secondary schools by 2027."
    [passage] = diff_texts(_plan([around[0], before, around[1]]), _plan([around[0], after, around[1]]))
    assert (passage.before, passage.after) == (before, after)
    judged = assess(passage.before, passage.after, passage.words)
    assert judged.relevant and judged.weakened
    assert len([r for r in judged.reasons if r.startswith("weakened: ")]) >= 2  # every weakening is named


def test_an_unrelated_sentence_in_place_of_another_stays_a_removal_and_an_addition():
    around = ["Our plan covers the whole county.", "Partners agreed it in March."]
    gone, came = "Car parking at the hospital will be free for staff.", "Young carers get a break each summer."
    passages = diff_texts(_plan([around[0], gone, around[1]]), _plan([around[0], came, around[1]]))
    assert sorted((p.before, p.after) for p in passages) == [("", came), (gone, "")]
