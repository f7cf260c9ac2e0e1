"""Is a candidate an integrated care strategy, a Joint Forward Plan, an easy read version, or other?

Takes what is known of a candidate and returns a `Classification` with its reasons. Its own words come
first: link text, title, URL, its body (an HTML page's opening paragraph, a file's first page); then the
link's surroundings on the page that linked it: its paragraph or list item, the heading above it, the
page's heading. The first signal that decides, decides; within one signal, markers of other papers win
("Board papers: Joint Forward Plan approval" is a board paper), and a maintainer's local plan titles
(`plan_titles` in config/ics_sources.yaml: "Shared Delivery Plan") win over the general words. A
candidate whose own words say it is news, a consultation or an engagement page is other, whatever plan
it is about. "Five year plan" is weighed on dates, words and publisher (`monitor.plan_words`).
Before a download only the link is known: `classify_link` also says whether fetching is worthwhile.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from store.vocabulary import DocType

from .plan_words import (
    ALTERNATIVE_RE,
    BODY_OTHER_RE,
    EASY_RE,
    FIVE_YEAR,
    GENERIC,
    JFP_RE,
    KIND_OF_PAGE,
    OTHER_RE,
    STRATEGY_RE,
    five_year_plan,
)

STRATEGY, JFP, OTHER = DocType.STRATEGY, DocType.JOINT_FORWARD_PLAN, DocType.OTHER
# reasons that begin with these came from the page that linked a candidate, not from the candidate itself
CONTEXT_LABELS = ("the link's paragraph", "heading above the link", "page heading")
_OWN = ("link text", "title", "URL")
_NAMES = {STRATEGY: "integrated care strategy", JFP: "Joint Forward Plan"}
LocalTitles = Mapping[str, Sequence[str]]
HTML_DOCUMENT_MIN_WORDS = 700  # a page this long that is about a plan is the plan, whatever it links to


@dataclass(frozen=True)
class Classification:
    doc_type: str | None  # strategy | joint_forward_plan | other; None when nothing decided
    easy_read: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def is_plan(self) -> bool:
        """A strategy or a Joint Forward Plan: what ICS Watch is for."""
        return self.doc_type in (STRATEGY, JFP)

    @property
    def decided_by_context(self) -> bool:
        """Only the linking page's words decided it: the candidate's own words may still say otherwise."""
        return bool(self.reasons) and self.reasons[0].startswith(CONTEXT_LABELS)


def url_words(url: str) -> str:
    """The path of a URL as words: '/media/12/Joint-Forward-Plan_2024.pdf' -> 'media 12 Joint Forward Plan 2024 pdf'."""
    path = unquote(urlsplit(url).path)
    return re.sub(r"[-_/.+%]+", " ", path).strip()


def _local(label: str, text: str, local_titles: LocalTitles | None) -> tuple[str, str] | None:
    for kind, titles in (local_titles or {}).items():
        for title in titles:
            if re.search(r"(?<!\w)" + re.escape(title) + r"(?!\w)", text, re.I):
                return kind, (f"{label} says {title.lower()!r}: a local title of this system's "
                              f"{_NAMES.get(kind, kind)} (plan_titles in config)")
    return None


def _decide(label: str, text: str, local_titles: LocalTitles | None) -> tuple[str, str, bool] | None:
    """(type, reason, is it only 'five year plan') when `text` decides, else None."""
    other = BODY_OTHER_RE if label in ("body", "first page") else OTHER_RE
    found = next((m for p in other for m in [p.search(text)] if m), None)
    if found:
        return OTHER, f"{label} says {found.group(0).lower()!r}", False
    local = _local(label, text, local_titles)
    if local:
        return local[0], local[1], False
    for kind, patterns in ((JFP, JFP_RE), (STRATEGY, STRATEGY_RE)):
        for pattern in patterns:
            found = pattern.search(text)
            if found:
                return kind, f"{label} says {found.group(0).lower()!r}", pattern is FIVE_YEAR
    return None


def _first_match(patterns, signals) -> tuple[str, str] | None:
    return next(((label, m.group(0).lower()) for label, text in signals if text
                 for m in [next((p.search(text) for p in patterns if p.search(text)), None)] if m), None)


def _easy_read(own: list[tuple[str, str | None]]) -> tuple[bool, str | None]:
    easy = _first_match(EASY_RE, own)
    alternative = _first_match(ALTERNATIVE_RE, own)
    if alternative and not (easy and "easy" in easy[1]):
        return False, f"{alternative[0]} says {alternative[1]!r}: another format of the plan, not easy read"
    return (True, f"{easy[0]} says {easy[1]!r}") if easy else (False, None)


def classify(url: str, link_text: str | None = None, title: str | None = None, context: str | None = None,
             first_text: str | None = None, *, heading: str | None = None, paragraph: str | None = None,
             body: str | None = None, publisher: str | None = None,
             local_titles: LocalTitles | None = None) -> Classification:
    """`context` is the heading of the page that linked the candidate, `heading` the heading just above
    the link and `paragraph` the text around it; they decide only when the candidate's own words say
    nothing (a 'Download' link under 'Our Joint Forward Plan'). `body` is an HTML page's opening
    paragraph; `first_text` a file's first page. `publisher` is 'icb' or 'icp' (whose site it is on)."""
    link = link_text if link_text and not GENERIC.match(link_text.strip()) else None
    own = [("link text", link), ("title", title), ("URL", url_words(url)), ("body", body),
           ("first page", (first_text or "")[:3000])]
    around = [("the link's paragraph", paragraph if paragraph != link_text else None),
              ("heading above the link", heading if heading != context else None), ("page heading", context)]
    doc_type, reasons = None, []
    for label, text in own + around:
        decided = _decide(label, text, local_titles) if text else None
        if decided:
            doc_type, reason, only_five_year = decided
            reasons.append(reason)
            if only_five_year:
                doc_type, weighed = _five_year(own + around, publisher)
                reasons += weighed
            break
    if doc_type in (STRATEGY, JFP):
        kind_of_page = _first_match(KIND_OF_PAGE, [s for s in own if s[0] in _OWN])
        if kind_of_page:
            doc_type = OTHER
            reasons.append(f"{kind_of_page[0]} says {kind_of_page[1]!r}: a page about the plan, not the plan")
    easy, why = _easy_read(own)
    if why:
        reasons.append(why)
    return Classification(doc_type, easy, reasons)


def _five_year(signals: list[tuple[str, str | None]], publisher: str | None) -> tuple[str, list[str]]:
    named = _first_match(JFP_RE[:-1], signals)  # "joint forward plan" said anywhere settles it
    if named:
        return JFP, [f"{named[0]} says {named[1]!r}"]
    return five_year_plan([(label, text) for label, text in signals if text], publisher)


def classify_link(url: str, link_text: str | None, context: str | None, **around) -> tuple[Classification, bool]:
    """Before downloading: the classification so far, and whether the document is worth fetching.
    A link that is clearly another kind of paper is not fetched; an undecided one is fetched only
    when its surroundings (`around`: heading, paragraph, publisher, local_titles; `context`, the page's
    heading) are about a strategy or plan, to read its title and first page."""
    own_only = {k: v for k, v in around.items() if k in ("publisher", "local_titles")}
    found = classify(url, link_text=link_text, **own_only)
    if found.doc_type is not None:
        return found, found.is_plan
    in_context = classify(url, link_text=link_text, context=context, **around)
    return in_context, in_context.is_plan


def is_page_document(found: Classification, words: int, links_to_plan_files: bool,
                     min_words: int = HTML_DOCUMENT_MIN_WORDS) -> bool:
    """Whether an HTML page classified as `found` is itself a plan document to archive. A long page
    (`min_words` or more) that is a plan is one. A short one is when its own words decided (its body,
    heading or URL: a chapter page, a summary page) and, when it links to files, has more to say than a
    landing page that only points at them."""
    if not found.is_plan or found.decided_by_context:
        return False
    return words >= min_words or words >= (150 if links_to_plan_files else 12)
