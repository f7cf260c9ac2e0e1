"""Change detection on plain values: versions and texts built here, no archive, no crawl."""

from __future__ import annotations

from monitor.changes import commitments_in, detect_change
from monitor.extract import Paragraph, Text
from monitor.relevance import load_rules
from store.models import Version
from store.vocabulary import ChangeKind

RULES = load_rules()
PLAN = ["Our plan sets out how partners will work together across the county.",
        "We will cut the wait for children's mental health support to 4 weeks by March 2026.",
        "We will reduce waiting times for hip and knee operations for adults."]


def text(sentences: list[str], section: str = "Our plan for the county") -> Text:
    return Text(outcome="ok", fingerprint="test/1", paragraphs=[Paragraph(s, page=3, section=section)
                                                                for s in sentences])


def version(vid: str, url: str = "https://severn.example/jfp.pdf", sha: str = "a") -> Version:
    return Version(id=vid, url=url, sha256=sha * 64, extract_outcome="ok")


def test_a_weakened_commitment_is_a_relevant_new_version_with_its_reason():
    later = [PLAN[0], PLAN[1].replace("4 weeks by March 2026", "6 weeks by March 2027"), PLAN[2]]
    found = detect_change(version("v-2", sha="b"), version("v-1"), text(PLAN), text(later), RULES)
    assert found.kind == ChangeKind.NEW_VERSION and found.previous_version_id == "v-1"
    [passage] = found.excerpts
    assert passage.relevant and passage.weakened and (passage.page, passage.section) == (3, "Our plan for the county")
    assert "weakened: date moved later (March 2026 -> March 2027)" in passage.reasons
    assert found.summary()["relevant"] and found.summary()["weakened"]


def test_same_text_in_new_bytes_is_no_change_and_at_a_new_url_is_a_move():
    assert detect_change(version("v-2", sha="b"), version("v-1"), text(PLAN), text(PLAN), RULES) is None
    moved = detect_change(version("v-2", url="https://severn.example/new/jfp.pdf", sha="b"), version("v-1"),
                          text(PLAN), text(PLAN), RULES)
    assert (moved.kind, moved.previous_url) == (ChangeKind.MOVED, "https://severn.example/jfp.pdf")
    assert not moved.summary()["relevant"]


def test_a_new_document_quotes_its_commitments_to_children_and_a_baseline_quotes_nothing():
    new = detect_change(version("v-1"), None, None, text(PLAN), RULES)
    assert new.kind == ChangeKind.NEW_DOCUMENT and [e.after for e in new.excerpts] == [PLAN[1]]
    baseline = detect_change(version("v-1"), None, None, text(PLAN), RULES, baseline=True)
    assert baseline.baseline and baseline.excerpts == ()
    assert commitments_in(None, RULES) == []


def test_a_passage_that_names_nobody_is_judged_by_its_section_heading():
    waits = ["Waiting times for a first assessment will fall to 12 weeks by March 2026."]
    later = ["Waiting times for a first assessment will fall to 18 weeks by March 2027."]
    under_start_well = detect_change(version("v-2", sha="b"), version("v-1"), text(waits, "Start well"),
                                     text(later, "Start well"), RULES)
    [passage] = under_start_well.excerpts
    assert passage.relevant and passage.weakened and "about children: 'start well' (the section heading)" in passage.reasons
    under_ageing_well = detect_change(version("v-2", sha="b"), version("v-1"), text(waits, "Ageing well"),
                                      text(later, "Ageing well"), RULES)
    assert not under_ageing_well.excerpts[0].relevant


def test_texts_that_cannot_be_compared_give_a_new_version_with_the_reason():
    found = detect_change(version("v-2", sha="b"), version("v-1"), None, text(PLAN), RULES, note="not compared: x")
    assert (found.kind, found.note, found.excerpts) == (ChangeKind.NEW_VERSION, "not compared: x", ())
