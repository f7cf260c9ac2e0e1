"""Is a candidate an integrated care strategy, a Joint Forward Plan, an easy read version, or other?

Takes what is known of a candidate (URL, link text, title, the heading of the page that linked it, the
first page of its text) and returns a `Classification` with its reasons. Signals are read from the
strongest (link text) to the weakest (first-page text); the first that decides, decides. Within one
signal, markers of other papers win ("Board papers: Joint Forward Plan approval" is a board paper).
Before a download only the link is known: `classify_link` also says whether fetching is worthwhile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from store.vocabulary import DocType

STRATEGY, JFP, OTHER = DocType.STRATEGY, DocType.JOINT_FORWARD_PLAN, DocType.OTHER

_OTHER = [
    r"board (meeting )?papers?", r"\bpapers? for\b", r"\bminutes\b", r"\bagenda\b", r"annual report",
    r"\baccounts\b", r"\bjobs?\b", r"vacanc", r"recruit", r"job description", r"press release",
    r"\bnews(letter)?\b", r"recovery plan", r"operational plan", r"financial plan", r"green plan",
    r"(digital|estates|workforce|people|research|communications|engagement|quality|medicines|"
    r"procurement|infrastructure|data) strategy", r"\bpolicy\b", r"\bprocedure\b", r"freedom of information",
    r"terms of reference", r"\bregister of interests?\b", r"\bevents?\b", r"\bcalendar\b",
]
_JFP = [r"joint forward plan", r"\bjfp\b", r"\b(five|5)[- ]year (joint )?(forward )?plan", r"\bforward plan\b"]
_STRATEGY = [
    r"integrated care (partnership )?strategy", r"\bicp strategy\b", r"\bpartnership strategy\b",
    r"health and (wellbeing|care) strategy", r"\bics strategy\b", r"integrated care system strategy",
]
_EASY_READ = [r"easy[- ]?read", r"accessible version", r"\beasyread\b"]
# Link texts that say nothing about what they link to.
_GENERIC = re.compile(r"^(download|read more|read|view|open|here|click here|pdf|docx?|word|link|more|"
                      r"download (the )?(pdf|document|file)|\(?pdf.*\)?|find out more)\W*$", re.I)

_compile = lambda patterns: [re.compile(p, re.I) for p in patterns]  # noqa: E731
OTHER_RE, JFP_RE, STRATEGY_RE, EASY_RE = map(_compile, (_OTHER, _JFP, _STRATEGY, _EASY_READ))


@dataclass(frozen=True)
class Classification:
    doc_type: str | None  # strategy | joint_forward_plan | other; None when nothing decided
    easy_read: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def is_plan(self) -> bool:
        """A strategy or a Joint Forward Plan: what ICS Watch is for."""
        return self.doc_type in (STRATEGY, JFP)


def url_words(url: str) -> str:
    """The path of a URL as words: '/media/12/Joint-Forward-Plan_2024.pdf' -> 'media 12 Joint Forward Plan 2024 pdf'."""
    path = unquote(urlsplit(url).path)
    return re.sub(r"[-_/.+%]+", " ", path).strip()


def _decide(label: str, text: str) -> tuple[str, str] | None:
    for kind, patterns in ((OTHER, OTHER_RE), (JFP, JFP_RE), (STRATEGY, STRATEGY_RE)):
        for pattern in patterns:
            found = pattern.search(text)
            if found:
                return kind, f"{label} says {found.group(0).lower()!r}"
    return None


def classify(url: str, link_text: str | None = None, title: str | None = None,
             context: str | None = None, first_text: str | None = None) -> Classification:
    """`context` is the heading of the page that linked the candidate; it decides only when the
    candidate's own words say nothing (a 'Download' link under 'Our Joint Forward Plan')."""
    link = link_text if link_text and not _GENERIC.match(link_text.strip()) else None
    signals = [("link text", link), ("title", title), ("URL", url_words(url)),
               ("first page", (first_text or "")[:3000]), ("linking page", context)]
    doc_type, reasons = None, []
    for label, text in signals:
        decided = _decide(label, text) if text else None
        if decided:
            doc_type, reason = decided
            reasons.append(reason)
            break
    easy = next((f"{label} says {m.group(0).lower()!r}" for label, text in signals[:4] if text
                 for m in [next((p.search(text) for p in EASY_RE if p.search(text)), None)] if m), None)
    if easy:
        reasons.append(easy)
    return Classification(doc_type, bool(easy), reasons)


def classify_link(url: str, link_text: str | None, context: str | None) -> tuple[Classification, bool]:
    """Before downloading: the classification so far, and whether the document is worth fetching.
    A link that is clearly another kind of paper is not fetched; an undecided one is fetched only
    when the page it sits on is about a strategy or plan, to read its title and first page."""
    found = classify(url, link_text=link_text)
    if found.doc_type is not None:
        return found, found.is_plan
    in_context = classify(url, context=context)
    return found, in_context.is_plan
