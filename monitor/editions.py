"""Is a newly found document a later edition of one already archived? The rules of a plan's series.

Takes plain facts about the new document and each candidate (`EditionFacts`: type, audience, title,
URL, the link text and heading it was listed under, when it was first seen) and how much of their text
they share; returns an `Edition` decision with its reasons. Real sites keep the old edition online
("Previous version: Integrated Care Strategy 2023-2028 (PDF)" under the 2025 refresh; a JFP for each
year at /joint-forward-plan-2023/ and /joint-forward-plan-2024/; the final beside the draft), so a
candidate need not have gone missing. Evidence, any of which can join two documents:
- shared text (the share of sentences in common, at least MIN_SHARED_TEXT);
- titles (or file names) that differ only by a year or an edition word (refresh, update, final,
  "year two"), with the new one later;
- the site calling the old one "previous version", "archive", "superseded" in its link or heading.
Never an edition: another type or audience (the easy read version has its own series), a summary or
"on a page" version beside the full plan, or a plan on another topic (their titles share too little and
nothing on the site says otherwise). A maintainer's override (`editions:` in the sources file) wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote, urlsplit

MIN_SHARED_TEXT = 0.2
MIN_TITLE_LIKENESS = 0.5  # below this share of title words, only the site's own words can join two titles
MIN_SAME_PLAN_TEXT = 0.5  # a web edition and a file are the same plan only if they share this much text
_YEAR = re.compile(r"\b(20\d\d)(?:\s*[-/–]\s*(?:20)?(\d\d))?\b")
_EDITION_WORDS = re.compile(r"\b(refresh(?:ed)?|update[ds]?|updated|revised|revision|final|draft|"
                            r"year (?:one|two|three|four|five|1|2|3|4|5)|edition|version|v\d+|amended)\b", re.I)
_PREVIOUS = re.compile(r"\b(previous|earlier|older|past|former) (version|edition|plan|strateg\w*)s?\b|"
                       r"\barchived?\b|\bsuperseded\b|\breplaced by\b", re.I)
_SUMMARY = re.compile(r"\b(summary|on a page|at a glance|highlights|overview|plan on a page|short version|"
                      r"infographic|executive summary)\b", re.I)
# words every plan's title has: they say nothing about which plan it is (English words, not doc types)
_STOP = set("the and of for our a an to in nhs pdf docx html www icb icp ics plan joint forward integrated care "
            "strategy partnership board".split())


@dataclass(frozen=True)
class EditionFacts:
    document_id: str
    title: str | None
    url: str
    first_seen: datetime
    link_text: str | None = None  # the link that first led to it
    context: str | None = None  # how the page listing the new edition labels it today, heading included


@dataclass(frozen=True)
class Edition:
    joins: bool
    label: str | None = None  # "2025 refresh", "final", "later edition"
    reasons: tuple[str, ...] = field(default=())
    score: float = 0.0


def judge_edition(new: EditionFacts, old: EditionFacts, shared_text: float) -> Edition:
    """Whether `new` is a later edition of `old` (same system, type and audience already), and why."""
    new_name, old_name = _name(new), _name(old)
    if bool(_SUMMARY.search(new_name)) != bool(_SUMMARY.search(old_name)):
        return Edition(False, reasons=("a summary is not an edition of the full plan",))
    years_new, years_old = _years(new_name), _years(old_name)
    if years_new and years_old and max(years_new) < max(years_old):
        return Edition(False, reasons=("an earlier year than the document it would continue",))
    reasons, score = [], 0.0
    if shared_text >= MIN_SHARED_TEXT:
        reasons.append(f"{shared_text:.0%} of sentences shared")
        score += 1 + shared_text
    same_title = _stem(new_name) == _stem(old_name) and bool(_stem(new_name))
    likeness = _likeness(new_name, old_name)
    if same_title and (years_new != years_old or _edition_words(new_name) != _edition_words(old_name)):
        reasons.append(f"the titles differ only by the year or edition ({_shown(old)!r} -> {_shown(new)!r})")
        score += 2
    called_previous = _PREVIOUS.search(" ".join(filter(None, (old.link_text, old.context))))
    if called_previous and likeness >= 0.2:
        reasons.append(f"the site lists the old one as {called_previous.group(0)!r}")
        score += 2
    if not reasons or (likeness < MIN_TITLE_LIKENESS and not same_title and not called_previous
                       and shared_text < 2 * MIN_SHARED_TEXT):
        return Edition(False, reasons=tuple(reasons) or ("nothing says it is a later edition",))
    return Edition(True, _label(new_name, old_name, years_new), tuple(reasons), score)


def choose_edition(new: EditionFacts, candidates: list[tuple[EditionFacts, float]]) -> tuple[EditionFacts, Edition] | None:
    """The candidate `new` most clearly continues (highest score), if any; on a tie the one first seen
    later wins, so an edition continues the latest one before it."""
    best = None
    for old, shared in candidates:
        if old.document_id == new.document_id or old.first_seen > new.first_seen:
            continue
        decision = judge_edition(new, old, shared)
        if decision.joins and (best is None or (decision.score, old.first_seen) > (best[1].score, best[0].first_seen)):
            best = (old, decision)
    return best


def same_plan(web: EditionFacts, file: EditionFacts, shared_text: float) -> tuple[str, ...] | None:
    """Why a web edition is the same plan as a file (PDF, Word) of the same system, type and audience,
    or None: the same title and year, and most sentences in common."""
    web_name, file_name = _name(web), _name(file)
    if bool(_SUMMARY.search(web_name)) != bool(_SUMMARY.search(file_name)) or _years(web_name) != _years(file_name):
        return None
    if _stem(web_name) != _stem(file_name) or shared_text < MIN_SAME_PLAN_TEXT:
        return None
    return (f"the same plan as {_shown(file)!r}: same title, {shared_text:.0%} of sentences shared",)


def _name(facts: EditionFacts) -> str:
    """Its title, else its file or page name: what a reader would call it."""
    if facts.title:
        return facts.title
    path = unquote(urlsplit(facts.url).path).rstrip("/")
    return re.sub(r"[-_]+", " ", path.rsplit("/", 1)[-1].rsplit(".", 1)[0])


def _shown(facts: EditionFacts) -> str:
    return _name(facts)[:80]


def _years(text: str) -> set[int]:
    return {int(m.group(1)) for m in _YEAR.finditer(text)}


def _edition_words(text: str) -> set[str]:
    return {m.group(0).lower() for m in _EDITION_WORDS.finditer(text)}


def _words(text: str) -> set[str]:
    text = _EDITION_WORDS.sub(" ", _YEAR.sub(" ", text.lower()))
    return {w for w in re.findall(r"[a-z]+", text) if w not in _STOP and len(w) > 1}


def _stem(text: str) -> str:
    """The title without years, edition words and punctuation."""
    text = _EDITION_WORDS.sub(" ", _YEAR.sub(" ", text.lower()))
    return " ".join(re.findall(r"[a-z]+", text))


def _likeness(a: str, b: str) -> float:
    x, y = _words(a), _words(b)
    if not x and not y:
        return 1.0  # titles of generic words only ("Joint Forward Plan 2024"): nothing says they differ
    return len(x & y) / max(1, len(x | y))


def _label(new_name: str, old_name: str, years_new: set[int]) -> str:
    words = _edition_words(new_name) - _edition_words(old_name)
    if "draft" in _edition_words(old_name) and "draft" not in _edition_words(new_name):
        return "final"
    year = f"{max(years_new)} " if years_new else ""
    for word in ("refresh", "refreshed", "update", "updated", "revised"):
        if word in words:
            return f"{year}{word.removesuffix('ed').removesuffix('d') if word != 'revised' else 'revision'}".strip()
    return f"{year}edition".strip()
