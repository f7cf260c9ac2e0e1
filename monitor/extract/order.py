"""Reading order for the text blocks of one page, from their positions alone.

Takes units (anything) and a function giving each unit's box (x0, y0, x1, y1; y grows upwards) and
returns the units in reading order, by a recursive XY cut that knows about columns:
- where a vertical gutter (a clear strip at least `MIN_GUTTER` wide) runs through the whole region,
  read it column by column, left to right;
- otherwise cut the region into bands at the horizontal gaps that cross it, and join consecutive
  bands into one section as long as the section still has a clear gutter (so a column that runs
  longer than its neighbour, or paragraph gaps that happen to line up across columns, do not split
  the columns), reading sections top to bottom; a full-width title, footer or table row ends a section;
- a single band with no gutter is read top to bottom, then left to right.
The content stream's order plays no part, so a shuffled or reversed drawing order reads the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MIN_GUTTER = 2.0
_TOUCH = 0.5

Box = tuple[float, float, float, float]


def reading_order(units: list[Any], box: Callable[[Any], Box]) -> list[Any]:
    return [unit for _, unit in _order([(box(u), u) for u in units])]


def _order(items: list[tuple[Box, Any]]) -> list[tuple[Box, Any]]:
    if len(items) <= 1:
        return items
    columns = _columns(items)
    if len(columns) > 1:
        return [item for column in columns for item in _order(column)]
    bands = _bands(items)
    if len(bands) == 1:
        return sorted(items, key=lambda item: (-item[0][3], item[0][0]))
    return [item for section in _sections(bands) for item in _order(section)]


def _columns(items: list[tuple[Box, Any]]) -> list[list[tuple[Box, Any]]]:
    """The items split at every clear vertical strip through all of them, left to right."""
    columns: list[list[tuple[Box, Any]]] = []
    right = float("-inf")
    for item in sorted(items, key=lambda item: item[0][0]):
        if item[0][0] >= right + MIN_GUTTER:
            columns.append([])
        columns[-1].append(item)
        right = max(right, item[0][2])
    return columns


def _bands(items: list[tuple[Box, Any]]) -> list[list[tuple[Box, Any]]]:
    """The items split at every clear horizontal strip across all of them, top to bottom."""
    bands: list[list[tuple[Box, Any]]] = []
    bottom = float("inf")
    for item in sorted(items, key=lambda item: -item[0][3]):
        if item[0][3] <= bottom + _TOUCH:
            bands.append([])
        bands[-1].append(item)
        bottom = min(bottom, item[0][1])
    return bands


def _sections(bands: list[list[tuple[Box, Any]]]) -> list[list[tuple[Box, Any]]]:
    """Consecutive bands joined while the joined region keeps a clear gutter."""
    sections = [list(bands[0])]
    for band in bands[1:]:
        if len(_columns(sections[-1] + band)) > 1:
            sections[-1].extend(band)
        else:
            sections.append(list(band))
    return sections
