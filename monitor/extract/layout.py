"""From positioned PDF lines to blocks in reading order: running headers and footers out, tables as
rows, headings found.

Takes the pages read_pdf.py returns (lines with position, font size, bold flag and the text box each
came from) and returns normalise.Blocks plus notes for the maintainer. Short lines standing apart in
the top or bottom eighth of the page that repeat on at least 40% of pages (digits ignored, so "Page
3 of 40" and a footer date count as one line) are running headers and footers and go, as do bare page
numbers there. A table is three or more rows of side-by-side boxes whose tops line up; each row
becomes one "row" unit. order.py puts each page's boxes and rows in reading order. A block in a
clearly larger font, or a short bold line, is a heading. Lines of one paragraph that pdfminer put in
boxes of their own (at 1.5 or double line spacing the gap between lines is wider than its line margin)
are joined on layout: the next block starts in the same column, one line pitch (the baseline distance
most of the document is set at) below, in the same size, and the line before it ends no sentence,
whatever letter or number it starts with. A paragraph broken by a column or page end (no closing
punctuation, next block starts in lower case) is joined up again too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

from .normalise import Block
from .order import reading_order

_ZONE = 0.12
_RUNNING_SHARE = 0.4
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,4})?$"      # 7, Page 7, 7 of 40, 7/40
                          r"|^[-\u2013]\s*\d{1,3}\s*[-\u2013]$"                # - 7 -
                          r"|^(?=[ivx])x{0,3}(ix|iv|v?i{0,3})$", re.IGNORECASE)  # vii
_TERMINAL = re.compile(r"""[.!?:;]["')\]]*$""")
TEXT, SIZE, BOLD, BOX = 0, 5, 6, 7
PITCH_SAMPLE_PAGES = 30


def pdf_blocks(pages: list[dict]) -> tuple[list[Block], list[str]]:
    """Blocks in reading order for the whole document, and notes on what was removed."""
    pitch = line_pitch(pages)
    removed = strip_running_lines(pages, pitch)
    body = body_size(pages)
    placed: list[tuple[Block, tuple | None]] = []
    for page in pages:
        right = _column_right_edges(page["lines"])
        groups = _merge_wrapped(_group_lines(page["lines"]), pitch, right)
        for unit in reading_order(_tables(groups), _unit_box):
            where = None if isinstance(unit, tuple) else (page["number"], unit[0], unit[-1], right)
            placed.append((_to_block(unit, page["number"], body), where))
    notes = [f"removed {removed} running header, footer and page-number lines"] if removed else []
    return _join_continuations(placed, pitch), notes


def _column_right_edges(lines: list[tuple]) -> dict[int, float]:
    """Left edge (rounded) -> the right end of the longest line starting there: a column's measure."""
    right: dict[int, float] = {}
    for line in lines:
        right[round(line[1])] = max(right.get(round(line[1]), 0.0), line[3])
    return right


class Pitch(float):
    """The line pitch, and whether a line ending a sentence may still be continued at it (`spaced`)."""

    def __new__(cls, value: float, spaced: bool):
        pitch = super().__new__(cls, value)
        pitch.spaced = spaced
        return pitch


def line_pitch(pages: list[dict]) -> Pitch | None:
    """The baseline-to-baseline distance most lines are set at: between lines one above the other in
    the same column and size. Lines pdfminer put in one box are surely one paragraph's, so their steps
    decide when there are any (a table's rows are further apart than its cells' lines); at wide line
    spacing every line is a box of its own and all steps count."""
    inside, between = Counter(), Counter()
    every = max(1, len(pages) // PITCH_SAMPLE_PAGES)  # a sample of pages says it as well as all of them
    for page in pages[::every]:
        columns: dict = defaultdict(list)
        for line in page["lines"]:
            columns[(round(line[1]), round(line[SIZE] * 2))].append(line)
        for lines in columns.values():
            lines.sort(key=lambda ln: -ln[2])
            for upper, lower in zip(lines, lines[1:], strict=False):
                step = upper[2] - lower[2]
                if 0 < step <= 4 * max(upper[SIZE], 1.0):  # double spacing and a paragraph's space
                    (inside if upper[BOX] == lower[BOX] else between)[round(step * 2) / 2] += 1
    steps = inside or between
    if not steps:
        return None
    pitch, count = steps.most_common(1)[0]
    # Without a box of several lines, a step is known to be a line's, not a paragraph's, only when
    # paragraphs are seen to be spaced wider; else the pitch may be the paragraphs' (one-line paragraphs).
    spaced = bool(inside) or any(step > 1.2 * pitch and n >= 0.1 * count for step, n in between.items())
    return Pitch(pitch, spaced)


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"\d+", "#", text).split())


def _margin_lines(page: dict, pitch: float | None = None) -> list[tuple]:
    """Lines that could be running headers or footers: in the top or bottom eighth of the page and
    standing apart (in a text box of at most three lines, not inside a paragraph: no line of the same
    column and size one line pitch above or below, as at double line spacing every line is a box)."""
    height = page["height"]
    lines_per_box = Counter(line[BOX] for line in page["lines"])
    found = [line for line in page["lines"] if lines_per_box[line[BOX]] <= 3
             and (line[2] >= (1 - _ZONE) * height or line[4] <= _ZONE * height)]
    if not pitch or not found:
        return found
    by_left: dict[int, list[tuple]] = defaultdict(list)
    for line in page["lines"]:
        by_left[round(line[1])].append(line)
    return [line for line in found if not _in_paragraph(line, by_left, pitch)]


def _in_paragraph(line: tuple, by_left: dict[int, list[tuple]], pitch: float) -> bool:
    left = round(line[1])
    return any(other is not line and _similar(other[SIZE], line[SIZE])
               and abs(abs(other[2] - line[2]) - pitch) <= 0.2 * pitch
               for key in (left - 1, left, left + 1) for other in by_left.get(key, ()))


def strip_running_lines(pages: list[dict], pitch: float | None = None) -> int:
    """Remove, in place, lines that repeat in the margins of most pages, and bare page numbers."""
    seen: Counter = Counter()
    margins = [_margin_lines(page, pitch) for page in pages]
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


def _merge_wrapped(groups: list[list[tuple]], pitch: float | None, right: dict[int, float]) -> list[list[tuple]]:
    """Groups that are lines of one paragraph (`_next_line`), chained into one group, whatever order
    the boxes came in; before tables are looked for, so two columns of prose are never read as rows."""
    if pitch is None:
        return groups
    by_left: dict[int, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        by_left[round(group[0][1])].append(index)
    after: dict[int, int] = {}
    for index, group in enumerate(groups):
        left = round(group[-1][1])
        found = [j for key in (left - 1, left, left + 1) for j in by_left.get(key, ())
                 if j != index and _next_line(group[-1], groups[j][0], pitch, right)]
        if len(found) == 1 and found[0] not in after.values():
            after[index] = found[0]
    merged, taken = [], set(after.values())
    for index in range(len(groups)):
        if index in taken:
            continue
        chain, seen = list(groups[index]), {index}
        while index in after and after[index] not in seen:
            index = after[index]
            seen.add(index)
            chain.extend(groups[index])
        merged.append(chain)
    return merged


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
    return [row for row in rows if len(row) >= 2 and not _columns_of_prose(row)]


def _columns_of_prose(row: list[list[tuple]]) -> bool:
    """Side-by-side paragraphs of columns of text, not the cells of a table: every one runs over two or
    more lines and ends a sentence, and they are of one width (same-shaped paragraphs in two columns)."""
    widths = [_bbox(g)[2] - _bbox(g)[0] for g in row]
    return (all(len(g) >= 2 and _TERMINAL.search(g[-1][TEXT].strip()) for g in row)
            and max(widths) <= 1.2 * max(min(widths), 1.0))


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


def _next_line(upper: tuple, lower: tuple, pitch: float | None, right: dict[int, float]) -> bool:
    """Whether `lower` is the line after `upper` in one paragraph, by layout alone: same left edge,
    same size and weight, one line pitch below, and `lower`'s first word would not have fitted at the
    end of `upper` within the column's measure, so `upper` was wrapped; whether it ends a sentence or
    `lower` starts with a capital or a number does not matter. A line with room to spare (a
    paragraph's last, a list item, a table cell) is not continued by layout."""
    size = max(upper[SIZE], 1.0)
    if (pitch is None or abs(upper[1] - lower[1]) > 0.6 * size or not _similar(upper[SIZE], lower[SIZE])
            or upper[BOLD] != lower[BOLD]):
        return False
    if abs((upper[2] - lower[2]) - pitch) > 0.2 * pitch:
        return False
    if _TERMINAL.search(upper[TEXT].strip()) and not getattr(pitch, "spaced", False):
        return False  # it may be a one-line paragraph, as far as the layout can tell
    edge = right.get(round(upper[1]), upper[3])
    text = lower[TEXT].strip()
    per_char = (lower[3] - lower[1]) / max(len(text), 1)
    first_word = (len(text.split(" ", 1)[0]) + 1) * per_char  # with the space before it, at average width
    return upper[3] + first_word >= edge - size  # a margin for capitals and figures, wider than average


def _join_continuations(placed: list[tuple[Block, tuple | None]], pitch: float | None) -> list[Block]:
    """`placed`: blocks in reading order with (page, first line, last line, column edges) for text groups."""
    out: list[Block] = []
    last_where = None
    for block, where in placed:
        last = out[-1] if out else None
        both = last and last.kind == block.kind == "text" and last.lines and block.lines
        broken = both and not _TERMINAL.search(last.lines[-1].strip()) and block.lines[0][:1].islower()
        below = (both and where and last_where and where[0] == last_where[0]
                 and _next_line(last_where[2], where[1], pitch, where[3]))
        if broken or below:
            last.lines.extend(block.lines)
            last_where = (last_where[0], last_where[1], where[2], where[3]) if where and last_where else where
        else:
            out.append(block)
            last_where = where
    return out
