"""The labelled plans: how often the scorecard's rules agree with a person's ratings.

Each plan in tests/cases/scorecard (see its README) was rated by hand on every indicator that applies to
it, following the HPIG report's advice. Its text is read as an archived version's stored text would be:
paragraphs with pages and headings, and its commitments found by the same function that stores them
when a version is archived (`monitor.changes.commitments_in`). Two parts: tuning (the rules were written
against it) and held_out (written and rated before any rule existed, never tuned on). For each part the
suite records exact agreement and Yes-versus-No contradictions (printed in every run's summary,
tests/conftest.py) and fails below 80% exact or above 5% contradictions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from monitor.changes import commitments_in
from monitor.extract import Paragraph, Text
from monitor.relevance import load_rules
from monitor.scorecard import gather, load_indicators, rate
from store.vocabulary import DocType, Rating

CASES = Path(__file__).resolve().parent.parent / "cases" / "scorecard"
PARTS = ["tuning", "held_out"]
FIGURES: dict[str, str] = {}  # part -> its figures, printed by tests/conftest.py at the end of the run
LABELS = {r.label: r for r in Rating}


def read_plan(path: Path) -> dict:
    header, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    fields, rated = {}, {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        if key.startswith("rate "):
            rated[key.removeprefix("rate ").strip()] = LABELS[value.strip()]
        elif key.strip():
            fields[key.strip()] = value.strip()
    paragraphs, page, section = [], 1, None
    for block in re.split(r"\n\s*\n", body):
        for line in block.strip().splitlines():
            if m := re.match(r"== page (\d+) ==", line.strip()):
                page = int(m.group(1))
        lines = [ln for ln in block.strip().splitlines() if not ln.strip().startswith("== page")]
        for line in [ln for ln in lines if ln.startswith("# ")]:
            section = line[2:].strip()
            paragraphs.append(Paragraph(section, page, section, "heading"))
        prose = [ln.strip() for ln in lines if not ln.startswith("# ") and not ln.startswith("- ")]
        if prose:
            paragraphs.append(Paragraph(" ".join(prose), page, section))
        paragraphs += [Paragraph(ln[2:].strip(), page, section) for ln in lines if ln.startswith("- ")]
    return {"name": path.stem, "doc_type": DocType(fields["type"]), "easy_read": fields.get("easy read") == "yes",
            "text": Text(outcome="ok", paragraphs=paragraphs), "rated": rated}


def plans(part: str) -> list[dict]:
    return [read_plan(p) for p in sorted((CASES / part).glob("*.txt"))]


def score(plan: dict) -> dict:
    rules = load_rules()
    evidence = gather(plan["text"], commitments_in(plan["text"], rules, limit=None), plan["doc_type"],
                      plan["easy_read"], rules)
    return {i.id: rate(i, evidence) for i in load_indicators().for_type(plan["doc_type"])}


@pytest.mark.parametrize(("part", "at_least"), [("tuning", 12), ("held_out", 4)])
def test_every_plan_is_rated_by_hand_on_every_indicator_that_applies(part, at_least):
    found = plans(part)
    assert len(found) >= at_least
    assert {p["doc_type"] for p in found} == {DocType.STRATEGY, DocType.JOINT_FORWARD_PLAN}
    for plan in found:
        wanted = {i.id for i in load_indicators().for_type(plan["doc_type"])}
        assert set(plan["rated"]) == wanted, plan["name"]


@pytest.mark.parametrize("part", PARTS)
def test_the_rules_agree_with_the_hand_ratings(part):
    pairs = [(plan["name"], indicator, plan["rated"][indicator], got.rating)
             for plan in plans(part) for indicator, got in score(plan).items()]
    exact = sum(want == got for _, _, want, got in pairs) / len(pairs)
    opposite = [p for p in pairs if {p[2], p[3]} == {Rating.YES, Rating.NO}]
    contradictions = len(opposite) / len(pairs)
    FIGURES[part] = (f"{len(pairs)} ratings of {len({p[0] for p in pairs})} plans: exact agreement {exact:.1%}, "
                     f"Yes-versus-No contradictions {contradictions:.1%} ({len(opposite)})")
    print(f"\nscorecard on {part}: {FIGURES[part]}")
    for name, indicator, want, got in pairs:
        if want != got:
            print(f"  {name} {indicator}: rated {want.label}, rules say {got.label}")
    assert exact >= 0.8 and contradictions <= 0.05
