"""The terms of the relevance rules file, matched as a reader would: whole words or phrases, case and
quotes folded, a hyphen or space in a phrase matching either, a trailing * matching any ending, and
/like this/ a regular expression.

Takes a list of terms and gives `Terms`, whose `find` returns the first term found (as written in the
text, lower case) and `find_all` every one. A plain substring each term must contain is checked before
its regular expression: that is what keeps judging every sentence of an 80-page plan cheap.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .diff import QUOTES


class Terms:
    """A list of terms from the rules file, matched as whole words (see the file's header)."""

    def __init__(self, terms: list[str]):
        self.patterns = [compile_term(t) for t in terms]
        # a plain substring each term's match must contain: checking it first is what keeps judging every
        # sentence of an 80-page plan cheap (a regular expression term has none and is always tried)
        self.needles = [_needle(t) for t in terms]

    def find(self, text: str) -> str | None:
        return self.find_in(text, _fold(text))

    def find_in(self, text: str, folded: str) -> str | None:
        """As `find`, for a text already folded with `fold`: one fold for many lists of terms."""
        for pattern, needle in zip(self.patterns, self.needles, strict=True):
            if needle is not None and needle not in folded:
                continue
            found = pattern.search(text)
            if found:
                return found.group(0).strip().lower()
        return None

    def find_all(self, text: str) -> set[str]:
        """Every term found, as written (lower case, without a possessive 's)."""
        return {m.group(0).strip().lower().removesuffix("'s") for p in self.patterns for m in p.finditer(text)}


def fold(text: str) -> str:
    """Lower case, quotes and runs of spaces or hyphens folded: what the needles are looked for in."""
    return _fold(text)


@lru_cache(maxsize=256)
def _fold(text: str) -> str:
    # cached: judging one passage looks for a dozen lists of terms in the same text
    return _SPACES.sub(" ", text.translate(QUOTES).lower())


def _needle(term: str) -> str | None:
    if len(term) > 2 and term.startswith("/") and term.endswith("/"):
        return None
    return _fold(term.rstrip("*")).strip() or None


_SPACES = re.compile(r"[\s-]+")


def compile_term(term: str) -> re.Pattern:
    if len(term) > 2 and term.startswith("/") and term.endswith("/"):
        return re.compile(term[1:-1], re.I)
    prefix = term.endswith("*")
    parts = re.split(r"[\s-]+", term.rstrip("*").translate(QUOTES))
    body = r"[\s-]+".join(re.escape(p) for p in parts if p)
    tail = r"\w*" if prefix else r"(?:'?s)?(?!\w)"
    return re.compile(r"(?<!\w)" + body + tail, re.I)
