"""From positioned PDF lines to blocks in reading order: running headers and footers out, tables as
rows, headings found.

Takes the pages read_pdf.py returns (lines with position, font size, bold flag and the text box each
came from) and returns normalise.Blocks plus notes for the maintainer. Short lines standing apart in
the top or bottom eighth of the page that repeat on at least 40% of pages (digits ignored, so "Page
3 of 40" and a footer date count as one line) are running headers and footers and go, as do bare page
numbers there. A table is three or more rows of side-by-side boxes whose tops line up; each row
becomes one "row" unit. order.py puts each page's boxes and rows in reading order. A block in a
clearly larger font, or a short bold line, is a heading. A paragraph broken by a column or page end
(no closing punctuation, next block starts in lower case) is joined up again.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .normalise import Block
from .order import reading_order

_ZONE = 0.12
_RUNNING_SHARE = 0.4
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,4})?$"      # 7, Page 7, 7 of 40, 7/40
                          r"|^[-\u2013]\s*\d{1,3}\s*[-\u2013]$"                # - 7 -
                          r"|^(?=[ivx])x{0,3}(ix|iv|v?i{0,3})$", re.IGNORECASE)  # vii
_TERMINAL = re.compile(r"""[.!?:;]["')\]]*$""")
TEXT, SIZE, BOLD, BOX = 0, 5, 6, 7


def pdf_blocks(pages: list[dict]) -> tuple[list[Block], list[str]]:
    """Blocks in reading order for the whole document, and notes on what was removed."""
    removed = strip_running_lines(pages)
    body = body_size(pages)
    blocks: list[Block] = []
    for page in pages:
        for unit in reading_order(_tables(_group_lines(page["lines"])), _unit_box):
            blocks.append(_to_block(unit, page["number"], body))
    notes = [f"removed {removed} running header, footer and page-number lines"] if removed else []
    return _join_continuations(blocks), notes


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"\d+", "#", text).split())


def _margin_lines(page: dict) -> list[tuple]:
    """Lines that could be running headers or footers: in the top or bottom eighth of the page and
    standing apart (in a text box of at most three lines, not inside a paragraph)."""
    height = page["height"]
    lines_per_box = Counter(line[BOX] for line in page["lines"])
    return [line for line in page["lines"] if lines_per_box[line[BOX]] <= 3
            and (line[2] >= (1 - _ZONE) * height or line[4] <= _ZONE * height)]


def strip_running_lines(pages: list[dict]) -> int:
    """Remove, in place, lines that repeat in the margins of most pages, and bare page numbers."""
    seen: Counter = Counter()
    margins = [_margin_lines(page) for page in pages]
    for lines in margins:
        seen.update({_key(line[TEXT]) for line in lines})
    threshold = max(2, _RUNNING_SHARE * sum(1 for page in pages if page["lines"]))
    removed = 0
    for page, lines in zip(pages, margins, strict=True):
        running = {id(line) for line in lines
                   if seen[_key(line[TEXT])] >= threshold or _PAGE_NUMBER.match(line[TEXT].strip())}
        removed += len(running)
        page["lines"] = [line for line in page["lines"] if id(line) not in running]
    return removed


def body_size(pages: list[dict]) -> float:
    """The font size most of the text is set in."""
    sizes: Counter = Counter()
    for page in pages:
        for line in page["lines"]:
            sizes[round(line[SIZE] * 2) / 2] += len(line[TEXT])
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _group_lines(lines: list[tuple]) -> list[list[tuple]]:
    """Consecutive lines of one text box, split where the font size changes (a heading run into its
    first paragraph) or a short bold line leads a box."""
    groups: list[list[tuple]] = []
    for line in lines:
        last = groups[-1] if groups else None
        if (last is None or line[BOX] != last[-1][BOX] or not _similar(line[SIZE], last[-1][SIZE])
                or (len(last) == 1 and last[0][BOLD] and not line[BOLD])):
            groups.append([line])
        else:
            last.append(line)
    return groups


def _similar(a: float, b: float) -> bool:
    return abs(a - b) <= 0.1 * max(a, b, 1e-6)


def _bbox(group: list[tuple]) -> tuple[float, float, float, float]:
    return (min(ln[1] for ln in group), min(ln[2] for ln in group),
            max(ln[3] for ln in group), max(ln[4] for ln in group))


def _unit_box(unit) -> tuple[float, float, float, float]:
    if isinstance(unit, tuple):  # a table row: the box round its cells
        boxes = [_bbox(cell) for cell in unit]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                max(b[3] for b in boxes))
    return _bbox(unit)


def _tables(groups: list[list[tuple]]) -> list:
    """The page's groups with each table found replaced by its rows: a row is a tuple of its cell
    groups, left to right, and is read as one unit, spanning the table."""
    tables = _row_runs(_candidate_rows(groups))
    in_table = {id(g) for table in tables for row in table for g in row}
    rows = [tuple(sorted(row, key=lambda g: _bbox(g)[0])) for table in tables for row in table]
    return [g for g in groups if id(g) not in in_table] + rows


def _candidate_rows(groups: list[list[tuple]]) -> list[list[list[tuple]]]:
    """Sets of two or more short, side-by-side groups whose tops are level, top of page first."""
    rows: list[list[list[tuple]]] = []
    for group in sorted((g for g in groups if len(g) <= 6), key=lambda g: -_bbox(g)[3]):
        row = rows[-1] if rows else None
        if row and abs(_bbox(row[0])[3] - _bbox(group)[3]) <= 2.0 and all(
                _bbox(g)[2] < _bbox(group)[0] or _bbox(group)[2] < _bbox(g)[0] for g in row):
            row.append(group)
        else:
            rows.append([group])
    return [row for row in rows if len(row) >= 2]


def _row_runs(rows: list) -> list[list]:
    """Runs of three or more candidate rows stacked closely, whose cells share column positions."""
    runs: list[list] = []
    for row in rows:
        run = runs[-1] if runs else None
        if run and _continues(run, row):
            run.append(row)
        else:
            runs.append([row])
    return [run for run in runs if len(run) >= 3]


def _continues(run: list, row: list) -> bool:
    columns = sorted({round(_bbox(g)[0]) for r in run for g in r})
    above = min(_bbox(g)[1] for g in run[-1])
    gap = above - _bbox(row[0])[3]
    size = max(ln[SIZE] for g in row for ln in g)
    aligned = all(any(abs(_bbox(g)[0] - x) <= 4.0 for x in columns) for g in row)
    return aligned and 0 <= gap <= 3 * max(size, 1.0)


def _to_block(group, page: int, body: float) -> Block:
    if isinstance(group, tuple):
        return Block([], page, "row", cells=[[ln[TEXT] for ln in cell] for cell in group])
    texts = [ln[TEXT] for ln in group]
    size, chars = max(ln[SIZE] for ln in group), sum(len(t) for t in texts)
    larger = body and size >= 1.15 * body
    bold_line = (len(group) == 1 and group[0][BOLD] and size >= 0.95 * body and chars <= 120
                 and not re.search(r"[.,;:]$", texts[0]))
    heading = len(group) <= 3 and chars <= 200 and (larger or bold_line)
    return Block(texts, page, "heading" if heading else "text")


def _join_continuations(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if (last and last.kind == block.kind == "text" and last.lines and block.lines
                and not _TERMINAL.search(last.lines[-1].strip()) and block.lines[0][:1].islower()):
            last.lines.extend(block.lines)
        else:
            out.append(block)
    return out
