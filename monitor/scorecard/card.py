"""The scorecard of the archive as of a date: every system's current strategy and Joint Forward Plan,
rated on every indicator that applies to it, with the reviewers' word where there is one.

Takes the archive, a date (and a system id, the indicators, the systems' names); returns a `Scorecard`
of plain dataclasses that the command line, the templates and a web page render as they are. It reads
each version's stored text and stored commitments; nothing is extracted again. Reviews are matched to
the version they were made on: a review of an earlier edition is kept and shown with the rating of the
current one, which it no longer decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from store.commitments import commitments_of
from store.db import Archive
from store.scorecard import CurrentPlan, current_plans, plan_of_version, reviews_of
from store.vocabulary import ReviewDecision

from ..relevance import load_rules
from ..texts import text_of
from .evidence import gather
from .indicators import Indicators, load_indicators
from .rate import Quote, rate


@dataclass(frozen=True)
class Review:
    reviewer: str
    reviewed_at: datetime
    decision: str  # a `store.vocabulary.ReviewDecision`
    rating: str
    automatic: str  # what the rules said then
    note: str
    version_id: str


@dataclass(frozen=True)
class Score:
    indicator: str
    theme: str
    question: str
    rating: str  # the reviewer's when the current version was reviewed, else the rules'
    automatic: str
    reasons: tuple[str, ...]
    evidence: tuple[Quote, ...]
    review: Review | None = None  # of the version rated here
    earlier_reviews: tuple[Review, ...] = ()  # of earlier versions or editions: kept, shown, not applied

    @property
    def is_reviewed(self) -> bool:
        return self.review is not None


@dataclass(frozen=True)
class PlanCard:
    system_id: str
    system_name: str
    doc_type: str
    document_id: str
    version_id: str
    title: str
    url: str
    first_seen: datetime
    edition: str | None
    easy_read_beside: bool
    scores: tuple[Score, ...]

    def score(self, indicator: str) -> Score | None:
        return next((s for s in self.scores if s.indicator == indicator), None)


@dataclass(frozen=True)
class Scorecard:
    as_of: datetime
    plans: tuple[PlanCard, ...]
    indicators: Indicators = field(repr=False, compare=False, default=None)

    def plan(self, system_id: str, doc_type: str) -> PlanCard | None:
        return next((p for p in self.plans if p.system_id == system_id and p.doc_type == doc_type), None)


def build_scorecard(archive: Archive, as_of: datetime, system_id: str | None = None,
                    indicators: Indicators | None = None, names: Mapping[str, str] | None = None) -> Scorecard:
    indicators, rules, names = indicators or load_indicators(), load_rules(), names or {}
    cards = []
    with archive.session() as session:
        reviews = _reviews_by_key(reviews_of(session, system_id))
        for current in current_plans(session, as_of, system_id):
            text = text_of(archive.blobs, current.version)
            if text is None:
                continue
            evidence = gather(text, commitments_of(session, current.version.id), current.document.doc_type,
                              current.easy_read_beside, rules)
            cards.append(_card(current, evidence, indicators, reviews, names))
    return Scorecard(as_of, tuple(cards), indicators)


def score_version(archive: Archive, version_id: str, indicators: Indicators | None = None,
                  names: Mapping[str, str] | None = None) -> PlanCard | None:
    """One archived version of a strategy or JFP rated on every indicator (None when it is not one, or
    its text was never read): for a page that shows a plan's scorecard through its editions."""
    indicators = indicators or load_indicators()
    with archive.session() as session:
        current = plan_of_version(session, version_id)
        text = text_of(archive.blobs, current.version) if current is not None else None
        if text is None:
            return None
        evidence = gather(text, commitments_of(session, version_id), current.document.doc_type,
                          current.easy_read_beside, load_rules())
        reviews = _reviews_by_key(reviews_of(session, current.document.system_id))
        return _card(current, evidence, indicators, reviews, names or {})


def _card(current: CurrentPlan, evidence, indicators: Indicators, reviews, names) -> PlanCard:
    document, version = current.document, current.version
    scores = []
    for indicator in indicators.for_type(document.doc_type):
        rated = rate(indicator, evidence)
        found = reviews.get((document.system_id, document.doc_type, indicator.id), [])
        mine = [r for r in found if r.version_id == version.id]  # the latest word on this version decides
        review = mine[-1] if mine else None
        scores.append(Score(indicator.id, indicator.theme, indicator.question,
                            review.rating if review else rated.rating, rated.rating, rated.reasons, rated.evidence,
                            review, tuple(r for r in found if r.version_id != version.id)))
    return PlanCard(document.system_id, names.get(document.system_id, document.system_id), document.doc_type,
                    document.id, version.id, version.title or document.title or version.url, version.url,
                    version.first_seen, document.edition_label, current.easy_read_beside, tuple(scores))


def _reviews_by_key(rows) -> dict[tuple[str, str, str], list[Review]]:
    out: dict[tuple[str, str, str], list[Review]] = {}
    for row in rows:
        out.setdefault((row.system_id, row.doc_type, row.indicator), []).append(Review(
            row.reviewer, row.reviewed_at, ReviewDecision(row.decision), row.rating, row.automatic, row.note,
            row.version_id))
    return out
