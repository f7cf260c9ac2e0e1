"""Benchmark: diff two versions of a long plan (150, 300 and 600 pages, about 400 words a page).

The new version edits one sentence in 2% of paragraphs, moves 1% of paragraphs elsewhere, adds and
removes a few, and re-flows nothing (the extractor has already normalised the text). Prints, per size,
the diff time, how many of the truly edited sentences were reported (recall), how many excerpts were
reported that are not true edits (false alarms), and whether the moved paragraphs stayed silent.
Target: under 1 second at 150 pages, with no quadratic blow-up at 300 and 600.

    .venv/bin/python benchmarks/bench_diff.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.diff import diff_texts  # noqa: E402
from monitor.extract import Paragraph, Text  # noqa: E402

WORDS = ("children young people families services health care mental schools nurses visitors waiting "
         "community hospital primary partnership council plan strategy deliver improve reduce support "
         "access local place neighbourhood teams workforce data digital funding priority inequalities").split()


def sentence(rng: random.Random, serial: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 22))]
    return f"In area {serial} we will {' '.join(words)} by March {2025 + serial % 5}."


def make_plan(pages: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    serial, paragraphs = 0, []
    for _ in range(pages * 5):  # about 5 paragraphs of 4 sentences (~80 words) a page
        block = []
        for _ in range(4):
            serial += 1
            block.append(sentence(rng, serial))
        paragraphs.append(block)
    return paragraphs


def to_text(paragraphs: list[list[str]]) -> Text:
    return Text(outcome="ok", paragraphs=[Paragraph(" ".join(p), page=i // 5 + 1) for i, p in enumerate(paragraphs)])


def revise(paragraphs: list[list[str]], seed: int = 2) -> tuple[list[list[str]], set[str]]:
    rng = random.Random(seed)
    new = [list(p) for p in paragraphs]
    edited = set()
    for index in rng.sample(range(len(new)), k=max(1, len(new) // 50)):  # 2% of paragraphs
        k = rng.randrange(len(new[index]))
        new[index][k] = new[index][k].replace(" we will ", " we aim to ").replace("March", "September")
        edited.add(new[index][k])
    for _ in range(max(1, len(new) // 100)):  # 1% moved
        block = new.pop(rng.randrange(len(new)))
        new.insert(rng.randrange(len(new)), block)
    return new, edited


def run(pages: int) -> None:
    old = make_plan(pages)
    new, edited = revise(old)
    words = sum(len(s.split()) for p in old for s in p)
    started = time.perf_counter()
    excerpts = diff_texts(to_text(old), to_text(new))
    elapsed = time.perf_counter() - started
    reported = {e.after for e in excerpts}
    recall = len(edited & reported) / len(edited)
    false_alarms = len([e for e in excerpts if e.after not in edited])
    print(f"{pages:>5} pages {words:>8,} words  {elapsed:6.3f} s  edited {len(edited):>4}  "
          f"recall {recall:.3f}  false alarms {false_alarms}")


if __name__ == "__main__":
    for size in (150, 300, 600):
        run(size)
