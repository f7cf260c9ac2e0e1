"""Compare two texts of one document and cut the differences into passages a person can read.

Takes the previous and the new `Text` (same extractor fingerprint) and returns `Excerpt`s: the sentence
or short run of sentences before and after, whole sentences, with the changed words marked, and the
page or section where it sits. Sentences are compared by a normalised key (case, quotes, dashes,
spacing and punctuation folded), matched with a patience diff (unique sentences anchor the alignment,
so the cost stays near n log n even for 600-page plans; the quadratic fallback only ever sees small
gaps). A sentence deleted in one place and inserted in another is a move, not a change.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .extract import Text, split_sentences

MAX_FALLBACK_CELLS = 40_000  # a gap with no unique anchor is aligned by difflib only below this size
PAIR_SIMILARITY = 0.5  # a removed and an added sentence this alike are one altered sentence
MAX_RUN_SENTENCES = 3  # longer additions or removals are cut into passages of this many sentences
REORDERED_RATIO = 10  # fewer than 1 in 10 shared unique sentences in order: treat the range as reordered
PAIR_WINDOW = 4  # an altered sentence is looked for this many sentences either side of where it should be
LONE_PAIR_SIMILARITY = 0.2  # one sentence out and one in at the same place: a heavy rewrite of it, if this alike

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_NOT_WORD = re.compile(r"[^\w%£$]+")
_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")  # spaces too, so the marked text reads as written


@dataclass(frozen=True)
class Unit:
    key: str
    text: str
    page: int | None
    section: str | None


@dataclass
class Excerpt:
    before: str
    after: str
    page: int | None = None
    section: str | None = None
    words: list[tuple[str, str]] = field(default_factory=list)  # ("=" | "-" | "+", text), in reading order

    @property
    def removed_words(self) -> str:
        return " ".join(t.strip() for op, t in self.words if op == "-")

    @property
    def added_words(self) -> str:
        return " ".join(t.strip() for op, t in self.words if op == "+")


def sentence_key(sentence: str) -> str:
    return _NOT_WORD.sub(" ", sentence.translate(QUOTES).casefold()).strip()


def units_of(text: Text) -> list[Unit]:
    units = []
    for paragraph in text.paragraphs:
        for sentence in split_sentences(paragraph.text):
            key = sentence_key(sentence)
            if key:
                units.append(Unit(key, sentence, paragraph.page, paragraph.section))
    return units


def _unique_anchors(a: list[str], b: list[str], a0: int, a1: int, b0: int, b1: int) -> list[tuple[int, int]]:
    """Pairs (i, j) of keys that occur exactly once in each range, longest increasing subsequence."""
    count_a, count_b = Counter(a[a0:a1]), Counter(b[b0:b1])
    where_b = {b[j]: j for j in range(b0, b1) if count_b[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(a0, a1) if count_a[a[i]] == 1 and a[i] in where_b]
    # patience sorting on j gives the longest chain increasing in both i and j
    tails: list[int] = []
    tail_index: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos], tail_index[pos] = j, k
        back[k] = tail_index[pos - 1] if pos else -1
    chain, k = [], tail_index[-1] if tail_index else -1
    while k != -1:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _unique_pairs(a: list[str], b: list[str], a0: int, a1: int, b0: int, b1: int) -> int:
    count_a, count_b = Counter(a[a0:a1]), Counter(b[b0:b1])
    return sum(1 for key, n in count_a.items() if n == 1 and count_b.get(key) == 1)


def match_keys(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Index pairs of equal keys, in order: a patience diff with a bounded difflib fallback."""
    matches: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        a0, a1, b0, b1 = stack.pop()
        while a0 < a1 and b0 < b1 and a[a0] == b[b0]:
            matches.append((a0, b0))
            a0, b0 = a0 + 1, b0 + 1
        while a0 < a1 and b0 < b1 and a[a1 - 1] == b[b1 - 1]:
            a1, b1 = a1 - 1, b1 - 1
            matches.append((a1, b1))
        if a0 >= a1 or b0 >= b1:
            continue
        anchors = _unique_anchors(a, b, a0, a1, b0, b1)
        if anchors and len(anchors) * REORDERED_RATIO < _unique_pairs(a, b, a0, a1, b0, b1):
            continue  # mostly reordered: one hunk, whose moved sentences cancel out in _drop_moves
        if anchors:
            edges = [(a0, b0), *[(i + 1, j + 1) for i, j in anchors]]
            ends = [*anchors, (a1, b1)]
            matches.extend(anchors)
            stack.extend((s[0], e[0], s[1], e[1]) for s, e in zip(edges, ends, strict=True))
        elif (a1 - a0) * (b1 - b0) <= MAX_FALLBACK_CELLS:
            blocks = SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False).get_matching_blocks()
            matches.extend((a0 + x + k, b0 + y + k) for x, y, size in blocks for k in range(size))
        # else: a large gap with no anchor at all is reported as replaced, never searched quadratically
    return sorted(matches)


def _hunks(a: list[Unit], b: list[Unit], matches: list[tuple[int, int]]) -> list[tuple[list[Unit], list[Unit]]]:
    hunks, i, j = [], 0, 0
    for mi, mj in [*matches, (len(a), len(b))]:
        if mi > i or mj > j:
            hunks.append((a[i:mi], b[j:mj]))
        i, j = mi + 1, mj + 1
    return hunks


def _drop_moves(hunks):
    """A sentence removed in one place and added in another (same key) was moved: not a change."""
    removed = Counter(u.key for old, _ in hunks for u in old)
    added = Counter(u.key for _, new in hunks for u in new)
    moved = removed & added
    left_old, left_new = Counter(moved), Counter(moved)
    kept = []
    for old, new in hunks:
        old = [u for u in old if not _take(left_old, u.key)]
        new = [u for u in new if not _take(left_new, u.key)]
        if old or new:
            kept.append((old, new))
    return kept


def _take(budget: Counter, key: str) -> bool:
    if budget[key] > 0:
        budget[key] -= 1
        return True
    return False


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    ops = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                ops.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                ops.append(("+", "".join(b[j1:j2])))
    return ops


def _similarity(x: Unit, y: Unit) -> float:
    return SequenceMatcher(None, x.key.split(), y.key.split(), autojunk=False).ratio()


def _excerpts_of(old: list[Unit], new: list[Unit]) -> list[Excerpt]:
    """Pair removed and added sentences that are alike (an altered sentence); the rest are runs of
    additions and removals. Candidates are looked for near the proportional position only, so a
    hunk of thousands of sentences costs thousands of comparisons, not millions."""
    pairs, used = {}, set()
    scale = len(new) / max(1, len(old))
    for i, x in enumerate(old):
        centre = round(i * scale)
        window = range(max(0, centre - PAIR_WINDOW), min(len(new), centre + PAIR_WINDOW + 1))
        scored = [(_similarity(x, new[j]), j) for j in window if j not in used]
        best = max(scored, default=(0.0, -1))
        if best[0] >= PAIR_SIMILARITY:
            pairs[i] = best[1]
            used.add(best[1])
    _pair_lone_rewrite(old, new, pairs, used)
    excerpts = [_altered(old[i], new[j]) for i, j in sorted(pairs.items(), key=lambda p: p[1])]
    excerpts += _runs([u for i, u in enumerate(old) if i not in pairs], removed=True)
    excerpts += _runs([u for j, u in enumerate(new) if j not in used], removed=False)
    return excerpts


def _pair_lone_rewrite(old: list[Unit], new: list[Unit], pairs: dict[int, int], used: set[int]) -> None:
    """A sentence rewritten so heavily that it is under PAIR_SIMILARITY is still one altered sentence
    when it is the only one out and the only one in at that place and they share some words (or a
    number): as a removal and an addition it could never be judged weakened."""
    left_old = [i for i in range(len(old)) if i not in pairs]
    left_new = [j for j in range(len(new)) if j not in used]
    if len(left_old) != 1 or len(left_new) != 1:
        return
    x, y = old[left_old[0]], new[left_new[0]]
    if _similarity(x, y) >= LONE_PAIR_SIMILARITY:
        pairs[left_old[0]] = left_new[0]
        used.add(left_new[0])


def _altered(x: Unit, y: Unit) -> Excerpt:
    return Excerpt(x.text, y.text, y.page or x.page, y.section or x.section, word_diff(x.text, y.text))


def _runs(units: list[Unit], removed: bool) -> list[Excerpt]:
    excerpts = []
    for start in range(0, len(units), MAX_RUN_SENTENCES):
        chunk = units[start:start + MAX_RUN_SENTENCES]
        text = " ".join(u.text for u in chunk)
        op = "-" if removed else "+"
        excerpts.append(Excerpt(text if removed else "", "" if removed else text, chunk[0].page,
                                chunk[0].section, [(op, text)]))
    return excerpts


def diff_texts(old: Text, new: Text) -> list[Excerpt]:
    """The passages that differ between two texts of one document, in the new text's order."""
    a, b = units_of(old), units_of(new)
    hunks = _drop_moves(_hunks(a, b, match_keys([u.key for u in a], [u.key for u in b])))
    excerpts = [excerpt for old_units, new_units in hunks for excerpt in _excerpts_of(old_units, new_units)]
    # the same edit on every page or chapter (a running title) is one change, reported where first seen
    seen: set[tuple[str, str]] = set()
    return [e for e in excerpts if (e.before, e.after) not in seen and not seen.add((e.before, e.after))]
