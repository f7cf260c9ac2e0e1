"""Rate one version on one indicator: Yes, To some extent or No, with the passages that show it and why.

Takes an `Indicator` and the version's `Evidence`; returns a `Rating`. The report's advice decides the
order: Yes when every piece of evidence listed under `yes_when` is there (clear, detailed, explicit, evidenced);
else To some extent when every piece listed under `to_some_extent_when` is (partial, vague, implied); else No
(no mention, or a passing mention with no detail). The reasons say what was found, and for a rating
below Yes, what was missing for the one above.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from store.vocabulary import Rating as Grade

from ..terms import Terms
from .evidence import Evidence, Passage
from .indicators import Clause, Indicator

MAX_QUOTES = 2  # per piece of evidence
QUOTE_CHARS = 320


@dataclass(frozen=True)
class Quote:
    page: int | None
    section: str | None
    text: str


@dataclass(frozen=True)
class Rating:
    indicator: str
    theme: str
    rating: str  # a `store.vocabulary.Rating`
    reasons: tuple[str, ...]
    evidence: tuple[Quote, ...]


def rate(indicator: Indicator, evidence: Evidence) -> Rating:
    folded = [p.folded for p in evidence.passages]
    yes = [_check(c, evidence, folded) for c in indicator.yes_when]
    if all(held for held, _, _ in yes):
        return _rating(indicator, Grade.YES, yes, [])
    missing_yes = [f"not Yes: {why}" for held, _, why in yes if not held][:2]
    some = [_check(c, evidence, folded) for c in indicator.to_some_extent_when]
    if all(held for held, _, _ in some):
        return _rating(indicator, Grade.SOME, some, missing_yes)
    missing = [f"not even to some extent: {why}" for held, _, why in some if not held][:1]
    return Rating(indicator.id, indicator.theme, Grade.NO, tuple(missing_yes[:1] + missing), ())


def _rating(indicator, grade, found, missing) -> Rating:
    quotes = list(dict.fromkeys(q for _, qs, _ in found for q in qs))
    return Rating(indicator.id, indicator.theme, grade, tuple([why for _, _, why in found] + missing), tuple(quotes))


def _check(clause: Clause, evidence: Evidence, folded: list[str]) -> tuple[bool, tuple[Quote, ...], str]:
    """(held, quotes, reason) for one piece of evidence."""
    if clause.structure:
        return _structure(clause, evidence)
    if clause.any:
        results = [_check(c, evidence, folded) for c in clause.any]
        for result in results:
            if result[0]:
                return result
        return False, (), f"{clause.says} (none found)"
    mentions = _terms(clause.kinds) if clause.distinct else []
    anything = _any_of(tuple(t for kind in clause.kinds for t in kind))
    also = _any_of(tuple(clause.with_)) if clause.with_ else None
    unless = _any_of(tuple(clause.not_)) if clause.not_ else None
    found: list[Passage] = []
    terms_seen: set[int] = set()
    for passage, text in zip(evidence.passages, folded, strict=True):
        if (clause.about_children and not passage.about_children) or (clause.firm and not passage.firm) \
                or (clause.dated and not passage.dated):
            continue
        if clause.distinct:
            hits = [n for n, term in enumerate(mentions) if term.find_in(passage.text, text)]
        else:  # any one term will do
            hits = [0] if anything.find_in(passage.text, text) else []
        quote = passage.quote  # `with` and `not` are read in the passage itself, not its heading
        if not hits or (also and not also.find_in(quote, text)) or (unless and unless.find_in(quote, text)):
            continue
        found.append(passage)
        terms_seen.update(hits)
    held = len(found) >= clause.count and len(terms_seen) >= clause.distinct
    if not held:
        short = (f"{len(terms_seen)} of the {clause.distinct} different kinds needed" if found and clause.distinct
                 else f"{len(found)} of {clause.count} passages" if found else "nothing")
        return False, (), f"{clause.says} ({short})"
    where = sorted({p.page for p in found if p.page is not None})
    pages = f" (p. {', '.join(map(str, where[:6]))})" if where else ""
    kinds = f", {len(terms_seen)} kinds" if clause.distinct else ""
    return True, tuple(_quote(p) for p in found[:MAX_QUOTES]), f"{clause.says}: {len(found)} passage" \
        f"{'s' if len(found) != 1 else ''}{kinds}{pages}"


def _structure(clause: Clause, evidence: Evidence) -> tuple[bool, tuple[Quote, ...], str]:
    if clause.structure == "easy_read_version":
        return evidence.easy_read_version, (), (f"{clause.says}: published beside it" if evidence.easy_read_version
                                                 else f"{clause.says} (not found)")
    fact = evidence.facts.get(clause.structure)
    if fact is None:
        return False, (), f"{clause.says} (not found)"
    page, quote = fact
    return True, (Quote(page, None, quote[:QUOTE_CHARS]),), f"{clause.says}" + (f" (p. {page})" if page else "")


def _quote(passage: Passage) -> Quote:
    text = passage.quote if len(passage.quote) <= QUOTE_CHARS else passage.quote[:QUOTE_CHARS - 1] + "…"
    return Quote(passage.page, passage.section, text)


@lru_cache(maxsize=1024)
def _terms(kinds: tuple[tuple[str, ...], ...]) -> list[Terms]:
    """One `Terms` per kind, to count how many different kinds are found."""
    return [Terms(list(kind)) for kind in kinds]


@lru_cache(maxsize=1024)
def _any_of(terms: tuple[str, ...]) -> Terms:
    return Terms(list(terms))
