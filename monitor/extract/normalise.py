"""One normaliser for every format: raw blocks of lines in, stable `Paragraph`s out.

Takes `Block`s (a paragraph, heading or table row as a reader found it: its lines, page and kind)
and returns Paragraphs whose text is the same however the document was laid out: Unicode NFKC
(which also undoes ligatures), soft hyphens and zero-width characters dropped, quotes and dashes
folded to ASCII, end-of-line hyphenation joined (using the document's own vocabulary to tell
"neighbour-hood" from "co-produce"), bullets dropped and whitespace folded. Each paragraph keeps its
page and the heading it sits under. Changing anything here means bumping NORMALISER_VERSION.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Paragraph

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\ufffe": None, "\x02": None,
})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CID = re.compile(r"\(cid:\d+\)")
_BULLET = re.compile(r"^(?:[\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2219\u00b7\u2043\u27a2\uf0b7\uf0a7\uf0d8\uf076*>-]|o(?=\s))\s+")
_WORD = re.compile(r"[^\W_][\w'-]*[^\W_]|[^\W_]")
_LINE_END_HYPHENS = ("-", "\u00ad", "\ufffe", "\x02", "\u2010", "\u2011")
# Line-end hyphens after these are real hyphens ("co-\nproduce"): the compound is spelt with one.
_HYPHEN_PREFIXES = {"co", "non", "pre", "post", "self", "cross", "multi", "anti", "inter", "ex", "semi",
                    "mid", "well", "re", "sub", "under", "over", "long", "short", "full", "part", "age",
                    "year", "place", "evidence", "person", "family", "school", "community", "health"}


@dataclass
class Block:
    """A paragraph, heading or table row as a reader found it, before normalisation."""

    lines: list[str]
    page: int | None = None
    kind: str = "text"                      # "text", "heading" or "row"
    cells: list[list[str]] | None = None    # a row's cells, each a list of lines
    section: str | None = None              # force the section (an HTML book's chapter heading)


def clean(text: str) -> str:
    """The character-level normalisation of one line or paragraph."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    text = _CID.sub("", _CONTROL.sub(" ", text))
    return " ".join(text.split())


def vocabulary(lines: list[str]) -> set[str]:
    """Every word the document spells out somewhere, lower-cased, for deciding line-end hyphens."""
    # one search of all the lines (no word spans a line break), each distinct spelling lower-cased once
    return {word.lower() for word in set(_WORD.findall("\n".join(lines)))}


def _prepare(raw: str) -> str:
    """One line cleaned, its line-end hyphen (of whatever kind) kept as "-"."""
    raw = raw.rstrip()
    hyphen = raw.endswith(_LINE_END_HYPHENS)
    line = clean(raw[:-1] if hyphen else raw)
    return line + "-" if hyphen and line else line


def join_lines(lines: list[str], words: set[str]) -> str:
    """Lines re-flowed into one paragraph, with words broken across line ends put back together."""
    return _join([_prepare(line) for line in lines], words)


def _join(lines: list[str], words: set[str]) -> str:
    out = ""
    for line in lines:
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out + line if _keeps_hyphen(out, line, words) else out[:-1] + line
        elif out.endswith("-") and out[-2:-1].isdigit() and line[:1].isdigit():
            out += line  # "2025-" / "2030": a range broken at its dash
        else:
            out = f"{out} {line}"
    return _BULLET.sub("", out)


def _keeps_hyphen(before: str, after: str, words: set[str]) -> bool:
    heads, tails = _WORD.findall(before[-60:-1]), _WORD.findall(after[:60])
    head, tail = (heads[-1].lower() if heads else ""), (tails[0].lower() if tails else "")
    if f"{head}{tail}" in words:
        return False
    if f"{head}-{tail}" in words:
        return True
    return head.rsplit("-", 1)[-1] in _HYPHEN_PREFIXES


def to_paragraphs(blocks: list[Block]) -> list[Paragraph]:
    """Normalised paragraphs, each under the last heading before it; empty blocks dropped."""
    prepared = [[[_prepare(line) for line in cell] for cell in (b.cells if b.cells is not None else [b.lines])]
                for b in blocks]
    words = vocabulary([line for cells in prepared for cell in cells for line in cell])
    paragraphs, section = [], None
    for block, cells in zip(blocks, prepared, strict=True):
        text = " | ".join(t for t in (_join(cell, words) for cell in cells) if t)
        if not any(c.isalnum() for c in text):
            continue
        if block.kind == "heading":
            section = text
        paragraphs.append(Paragraph(text, block.page, block.section or section, block.kind))
    return paragraphs
