"""The national picture in the HPIG report's form, and what moved between two dates.

Takes `Scorecard`s; returns a `NationalSummary` (for each indicator, the share of strategies and of JFPs
rated Yes, To some extent and No, over the systems whose plan of that type had been published, and how
many ratings a reviewer confirmed or overrode) and a `Comparison` (which systems' ratings rose, which
fell back, with the editions rated then and now, and which plans were published in between).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from store.vocabulary import PLAN_TYPES, Rating

from .card import PlanCard, Scorecard

_ORDER = {Rating.NO: 0, Rating.SOME: 1, Rating.YES: 2}


@dataclass(frozen=True)
class Share:
    indicator: str
    theme: str
    question: str
    doc_type: str
    published: int  # plans of this type rated on this indicator
    yes: int
    some: int
    no: int

    def percent(self, count: int) -> int:
        return round(100 * count / self.published) if self.published else 0

    @property
    def percents(self) -> tuple[int, int, int]:
        return self.percent(self.yes), self.percent(self.some), self.percent(self.no)


@dataclass(frozen=True)
class NationalSummary:
    as_of: datetime
    published: dict  # doc type -> how many systems had published one
    shares: tuple[Share, ...]
    ratings: int
    reviewed: int
    overridden: int
    reviewed_earlier: int  # ratings whose only reviews were of an earlier version: to look at again


def national_summary(card: Scorecard) -> NationalSummary:
    shares = []
    for indicator in card.indicators.items:
        for doc_type in PLAN_TYPES:
            if not indicator.applies(doc_type):
                continue
            got = [p.score(indicator.id).rating for p in card.plans if p.doc_type == doc_type]
            shares.append(Share(indicator.id, indicator.theme, indicator.question, str(doc_type), len(got),
                                got.count(Rating.YES), got.count(Rating.SOME), got.count(Rating.NO)))
    scores = [s for p in card.plans for s in p.scores]
    return NationalSummary(card.as_of, {str(t): sum(p.doc_type == t for p in card.plans) for t in PLAN_TYPES},
                           tuple(shares), len(scores), sum(s.is_reviewed for s in scores),
                           sum(s.is_reviewed and s.rating != s.automatic for s in scores),
                           sum(not s.is_reviewed and bool(s.earlier_reviews) for s in scores))


@dataclass(frozen=True)
class Move:
    system_id: str
    system_name: str
    doc_type: str
    indicator: str
    before: str
    after: str
    rose: bool  # else it fell back
    before_version: str
    after_version: str
    refreshed: bool  # a new version or edition was rated
    reasons: tuple[str, ...]  # why it is rated as it is now


@dataclass(frozen=True)
class Comparison:
    earlier: datetime
    later: datetime
    moves: tuple[Move, ...]
    published: tuple[tuple[str, str], ...]  # (system id, doc type) first published in between
    withdrawn: tuple[tuple[str, str], ...]  # current then, none now

    @property
    def rose(self) -> tuple[Move, ...]:
        return tuple(m for m in self.moves if m.rose)

    @property
    def fell(self) -> tuple[Move, ...]:
        return tuple(m for m in self.moves if not m.rose)


def compare(earlier: Scorecard, later: Scorecard) -> Comparison:
    before = {(p.system_id, p.doc_type): p for p in earlier.plans}
    after = {(p.system_id, p.doc_type): p for p in later.plans}
    moves = [move for key in sorted(before.keys() & after.keys()) for move in _moves(before[key], after[key])]
    return Comparison(earlier.as_of, later.as_of, tuple(moves), tuple(sorted(after.keys() - before.keys())),
                      tuple(sorted(before.keys() - after.keys())))


def _moves(old: PlanCard, new: PlanCard) -> list[Move]:
    found = []
    for score in new.scores:
        previous = old.score(score.indicator)
        if previous is None or previous.rating == score.rating:
            continue
        found.append(Move(new.system_id, new.system_name, new.doc_type, score.indicator, previous.rating,
                          score.rating, _ORDER[Rating(score.rating)] > _ORDER[Rating(previous.rating)],
                          old.version_id, new.version_id, old.version_id != new.version_id, score.reasons))
    return found
