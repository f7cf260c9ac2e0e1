"""The scorecard's parts on plain values and a small archive made from two labelled plans: the structural
facts, the reasons a rating gives, the national summary's shares, the comparison of two dates, the
outputs (hostile text escaped), and the command line's answers to mistakes (exit 2, saying what to type)."""

from __future__ import annotations

import csv
import io
from collections import namedtuple
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from monitor.changes import commitments_in
from monitor.cli import cli
from monitor.extract import Paragraph, Text
from monitor.relevance import load_rules
from monitor.scorecard import gather, load_indicators, rate
from monitor.scorecard.card import build_scorecard, score_version
from monitor.scorecard.output import render_csv, render_html
from monitor.scorecard.structure import structural_facts
from monitor.scorecard.summary import compare, national_summary
from monitor.texts import store_text
from store.commitments import record_commitments
from store.db import open_archive
from store.models import Document, Version
from store.vocabulary import DocType, ExtractOutcome, Rating
from tests.monitor.test_scorecard_cases import CASES, read_plan

P = namedtuple("P", "page quote")
T0 = datetime(2025, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(("sentence", "named"), [
    ("Our Executive Lead for Children and Young People is Sarah Whitlock, Director of Nursing.", True),
    ("The Executive Lead for Children and Young People is our Chief Nurse.", True),
    ("Jane Roe, our Chief Nurse, is the ICB executive lead for children and young people.", True),
    ("A lead for children will be identified within the ICB to champion this ambition.", False),
    ("An executive lead for children and young people will be appointed to the board in 2024.", False),
    ("Dr Kwame Mensah, Medical Director, is the executive lead for SEND.", False),
])
def test_a_named_executive_lead_is_a_person_or_a_post_not_a_promise_to_find_one(sentence, named):
    assert ("named_executive_lead" in structural_facts([P(3, sentence)])) is named


@pytest.mark.parametrize(("sentence", "found"), [
    ("babies, children and young people from conception to age 25", True), ("aged 0-25", True),
    ("young people up to the age of 25", True), ("children and young people under 25", True),
    ("children aged 0 to 19", False), ("people aged 25 to 64", False)])
def test_a_population_of_0_to_25(sentence, found):
    assert ("age_0_to_25" in structural_facts([P(1, sentence)])) is found


def evidence_of(*paragraphs: str, doc_type=DocType.JOINT_FORWARD_PLAN, section="Children and young people"):
    text = Text(outcome="ok", paragraphs=[Paragraph(p, 4, section) for p in paragraphs])
    return gather(text, commitments_in(text, load_rules(), limit=None), doc_type)


def test_a_weakened_commitment_is_no_longer_firm_evidence_and_the_reasons_say_what_is_missing():
    joint = load_indicators().get("joint_infrastructure")
    firm = rate(joint, evidence_of("We will open a family hub in each town by September 2025."))
    assert firm.rating == Rating.YES and firm.evidence[0].page == 4
    assert firm.reasons == ("a firm, dated commitment to joint services or teams for children: 1 passage (p. 4)",)
    hedged = rate(joint, evidence_of("We aim to open a family hub in each town by September 2025."))
    assert hedged.rating == Rating.SOME
    assert "not Yes: a firm, dated commitment to joint services or teams for children (nothing)" in hedged.reasons
    assert rate(joint, evidence_of("We will reduce waits for hip replacements.", section="Planned care")).rating == Rating.NO


def test_an_easy_read_version_beside_the_strategy_is_structural_evidence():
    easy = load_indicators().get("easy_read")
    text = Text(outcome="ok", paragraphs=[Paragraph("Our strategy for health.", 1, None)])
    assert rate(easy, gather(text, [], DocType.STRATEGY, easy_read_version=True)).rating == Rating.YES
    assert rate(easy, gather(text, [], DocType.STRATEGY)).rating == Rating.NO


@pytest.fixture
def archive(tmp_path):
    """Two labelled plans of one system archived as a crawl leaves them; the JFP refreshed a day later
    with its two dated commitments to joint services hedged ("we aim to")."""
    archive = open_archive(f"sqlite:///{tmp_path / 'data' / 'icswatch.sqlite3'}", tmp_path / "data")
    rules = load_rules()
    with archive.session() as session:
        for name, when in (("t01-brookvale-strategy", T0), ("t04-pennine-jfp", T0)):
            plan = read_plan(CASES / "tuning" / f"{name}.txt")
            document = Document(system_id="brookvale", doc_type=plan["doc_type"], easy_read=False, format="pdf",
                                title=name, url=f"https://b.example/{name}.pdf", first_seen=when, last_seen=when)
            session.add(document)
            texts = [plan["text"]]
            if plan["doc_type"] == DocType.JOINT_FORWARD_PLAN:
                texts.append(Text(outcome="ok", paragraphs=[
                    Paragraph(p.text.replace("we will open an integrated", "we aim to open an integrated").replace(
                        "Mental Health Support Teams will cover", "we aim for Mental Health Support Teams to cover"),
                        p.page, p.section, p.kind) for p in plan["text"].paragraphs]))
            for n, text in enumerate(texts):
                version = Version(document=document, url=document.url, sha256=f"{name}{n}".ljust(64, "0"), size=1,
                                  first_seen=when + timedelta(days=n), last_seen=when + timedelta(days=n),
                                  extract_outcome=ExtractOutcome.OK, text_sha256=store_text(archive.blobs, text))
                session.add(version)
                session.flush()
                record_commitments(session, version, commitments_in(text, rules, limit=None))
        session.commit()
    yield archive
    archive.close()


def test_summary_and_comparison_of_two_dates(archive):
    first, later = build_scorecard(archive, T0 + timedelta(hours=1)), build_scorecard(archive, T0 + timedelta(days=2))
    summary = national_summary(first)
    assert summary.published == {"strategy": 1, "joint_forward_plan": 1}
    assert summary.ratings == 18 + 21 and summary.reviewed == 0
    easy = next(s for s in summary.shares if s.indicator == "easy_read")
    assert (easy.doc_type, easy.published, easy.percents) == ("strategy", 1, (0, 100, 0))  # said, none archived
    [move] = compare(first, later).moves
    assert (move.doc_type, move.indicator, move.before, move.after, move.rose) == (
        "joint_forward_plan", "joint_infrastructure", "yes", "to_some_extent", False)
    assert compare(later, later).moves == ()
    # any version can be rated on its own, for a page that walks a plan's editions
    jfp = first.plan("brookvale", DocType.JOINT_FORWARD_PLAN)
    assert score_version(archive, jfp.version_id).score("joint_infrastructure").rating == Rating.YES
    assert score_version(archive, "v-000000000000") is None


def test_outputs_escape_what_came_from_a_website(archive):
    card = build_scorecard(archive, T0 + timedelta(days=2))
    plan = card.plan("brookvale", DocType.STRATEGY)
    hostile = type(plan)(**{**plan.__dict__, "title": "<script>alert(1)</script>"})
    card = type(card)(card.as_of, (hostile,), card.indicators)
    html = render_html(card, national_summary(card))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    rows = list(csv.DictReader(io.StringIO(render_csv(card))))
    assert len(rows) == 18 and rows[0]["document"] == "<script>alert(1)</script>"


def run(archive, *args):
    return CliRunner().invoke(cli, ["--data-dir", str(archive.data_dir), "--db",
                                    f"sqlite:///{archive.data_dir / 'icswatch.sqlite3'}", *args])


@pytest.mark.parametrize(("args", "message"), [
    (["scorecard", "--as-of", "last tuesday"], "'last tuesday' is not a date"),
    (["scorecard", "--as-of", "2025-01-01", "--compare", "2025-02-01"], "is not before --as-of"),
    (["scorecard", "--system", "nowhere"], "unknown system 'nowhere'"),
    (["scorecard", "review", "brookvale", "jfp", "joint_infra", "--confirm", "--by", "A", "--note", "n"],
     "no indicator 'joint_infra' (did you mean joint_infrastructure?)"),
    (["scorecard", "review", "brookvale", "jfp", "easy_read", "--confirm", "--by", "A", "--note", "n"],
     "'easy_read' applies to strategy only"),
    (["scorecard", "review", "brookvale", "jfp", "joint_infrastructure", "--by", "A", "--note", "n"],
     "give either --confirm or --rating"),
])
def test_mistakes_are_usage_errors_that_say_what_to_type(archive, args, message):
    result = run(archive, *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_an_override_decides_the_rating_and_the_summary_counts_it(archive):
    result = run(archive, "scorecard", "review", "brookvale", "strategy", "easy_read", "--rating", "yes",
                 "--by", "Ann Reviewer", "--note", "easy read on the council's site")
    assert result.exit_code == 0, result.output
    assert "brookvale strategy easy_read: Yes (overridden by Ann Reviewer; the rules said To some extent)" in result.output
    text = run(archive, "scorecard", "--system", "brookvale").output
    assert "1 of 39 ratings reviewed (1 overridden)" in text
    assert "easy_read                      Yes" in text and "[reviewed by Ann Reviewer: easy read on the council" in text
