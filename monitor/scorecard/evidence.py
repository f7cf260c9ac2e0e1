"""What one archived version says, read once for the scorecard: its passages, each marked as a reader
would mark it (about children? a firm commitment? dated?), and the facts about the document.

Takes the version's stored `Text`, its stored commitments (`store.commitments.commitments_of`, as
`monitor.relevance` read them when the version was archived) and whether an easy read version was
published beside it; returns `Evidence`. Nothing is extracted or judged again here: a passage is a firm
commitment when one of the stored commitments sits in it and that commitment is not hedged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from store.records import ExcerptRecord, squash

from ..extract import Text
from ..relevance import Rules, load_rules
from ..terms import fold


@dataclass(frozen=True)
class Passage:
    """One paragraph, with its heading; `text` is what terms are matched against (heading included)."""

    page: int | None
    section: str | None
    quote: str
    text: str
    about_children: bool
    firm: bool
    dated: bool
    folded: str = ""  # `text` folded once (monitor.terms.fold), for every indicator's terms


@dataclass(frozen=True)
class Evidence:
    doc_type: str
    passages: tuple[Passage, ...]
    easy_read_version: bool = False
    facts: dict = field(default_factory=dict)  # structural facts found, name -> (page, quote)


def gather(text: Text, commitments: list[ExcerptRecord], doc_type: str, easy_read_version: bool = False,
           rules: Rules | None = None) -> Evidence:
    """The evidence of one version. `commitments` are the version's stored commitments."""
    from .structure import structural_facts  # here: structure imports Passage

    rules = rules or load_rules()
    firm_by_page: dict[int | None, list[str]] = {}
    for c in commitments:
        if not rules.hedges.find(c.after) and not rules.qualifiers.find(c.after):
            firm_by_page.setdefault(c.page, []).append(_key(c.after))
    passages, headings = [], {}
    for paragraph in text.paragraphs:
        if paragraph.kind == "heading" or not paragraph.text.strip():
            continue
        heading = paragraph.section or ""
        if heading not in headings:  # a plan has few headings and many paragraphs: judge each heading once
            headings[heading] = _heading(heading, rules)
        folded_heading, heading_children, glossary = headings[heading]
        if glossary:
            continue  # a glossary or contents list explains words and commits to nothing
        quote = squash(paragraph.text)
        folded = fold(quote)  # once, for every list of terms
        key = _key(quote)
        firm = any(f and f in key for f in firm_by_page.get(paragraph.page, ()))
        children = bool(rules.strong.find_in(quote, folded) or (not rules.adult.find_in(quote, folded) and (
            heading_children or rules.weak.find_in(quote, folded))))
        passages.append(Passage(paragraph.page, paragraph.section, quote, f"{heading}: {quote}" if heading else quote,
                                children, firm, _dated(quote, folded, rules),
                                f"{folded_heading}: {folded}" if heading else folded))
    facts = structural_facts(passages)
    return Evidence(doc_type, tuple(passages), easy_read_version, facts)


def _heading(heading: str, rules: Rules) -> tuple[str, bool, bool]:
    """(folded, about children, a glossary or contents heading)."""
    folded = fold(heading)
    children = bool(rules.strong.find_in(heading, folded) or rules.sections.find_in(heading, folded))
    return folded, children, bool(heading and rules.noise_sections.find_in(heading, folded))


def _dated(quote: str, folded: str, rules: Rules) -> bool:
    """A deadline or time limit ("by March 2026", "within 18 weeks"); "during 2023" tells when, not by when."""
    found = rules.dated_target.find_in(quote, folded)
    return bool(found) and not found.startswith("during")


_NON_WORD = re.compile(r"\W+")


def _key(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()
