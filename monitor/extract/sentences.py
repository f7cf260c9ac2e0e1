"""Split a normalised paragraph into sentences, for change detection to hash and diff.

Takes one paragraph's text and returns its sentences, in order, each stripped. A sentence ends at
".", "!" or "?" (with any closing quotes or brackets) followed by a space and a capital, digit or
opening quote; not after common abbreviations ("e.g.", "Dr.", "No."), single initials or a leading
list number ("1. Introduction").
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"""[.!?]+["')\]]*\s+(?=["'(\[]?[A-Z0-9])""")
_ABBREVIATIONS = {
    "e.g", "i.e", "eg", "ie", "etc", "cf", "vs", "v", "viz", "approx", "incl", "est", "dept", "govt",
    "dr", "mr", "mrs", "ms", "prof", "st", "cllr", "rev", "hon", "no", "nos", "fig", "figs", "vol",
    "p", "pp", "para", "paras", "ref", "ch", "sec", "ltd", "inc", "co", "plc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "al",
}


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph."""
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(text):
        if not _ends_sentence(text[start:match.start()], text[match.start()]):
            continue
        sentences.append(text[start:match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _ends_sentence(before: str, mark: str) -> bool:
    if mark in "!?":
        return True
    words = before.split()
    if not words:
        return False
    last = words[-1].lower().rstrip(".")
    if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
        return False
    return not (len(words) == 1 and re.fullmatch(r"\(?\d+(\.\d+)*\)?|[ivxlc]+|[a-z]", last))
