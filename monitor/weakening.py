"""How a changed commitment got weaker: every way, not only the first.

Takes the passage before and after, the words removed and added (from the word diff, already
normalised by `monitor.relevance`), and the rules, and returns a list of reasons ("date moved later
(March 2026 -> March 2027)", "a smaller number (20 -> 12)", "scope narrowed: 'care leavers' dropped").
An empty list means nothing weakened. Each detector is a small pure function; the order of the list is
the order a reader would check them in: wording, dates, amounts, frequency, scope, reporting, targets.
"""

from __future__ import annotations

import re

from .numbers import MONTHS, amounts, dates

_FREQUENCY = ["daily", "weekly", "fortnightly", "monthly", "quarterly", "six-monthly", "twice a year", "annually",
              "yearly"]
_REPORTING = re.compile(r"\b(report\w*|reporting|accountable|scrutin\w*|assurance)\b", re.I)
_DUTY = re.compile(_REPORTING.pattern + r"[^,.;]{0,60}", re.I)  # the duty as the plan words it
_SCOPE_WORDS = re.compile(r"\b(all|every|each|universal\w*|whole|any)\b", re.I)


def weakenings(before: str, after: str, removed: str, added: str, rules) -> list[str]:
    """Every way the commitment in `before` is weaker in `after` (empty when it is not)."""
    if not before or not after:
        return []
    found = [_softened(before, after, removed, added, rules), _later_date(before, after),
             _smaller_amount(before, after), _less_often(before, after), _narrowed(before, after, removed, rules),
             _reporting_dropped(before, removed, after), _target_dropped(before, after, rules)]
    return [reason for reason in found if reason]


def _softened(before: str, after: str, removed: str, added: str, rules) -> str | None:
    """'will' became 'aim to'; 'ensure' became 'support'; or a condition such as 'where capacity allows'."""
    qualifier = rules.qualifiers.find(added)
    if qualifier and not rules.qualifiers.find(before):
        return f"made conditional ({qualifier!r})"
    hedge = rules.hedges.find(after)
    if hedge and not rules.hedges.find(before):
        strong = rules.strong_verbs.find(before)
        if strong:
            return f"{strong!r} became {hedge!r}"
    soft, strong = rules.soft_verbs.find(added), rules.strong_verbs.find(removed)
    if soft and strong and not rules.strong_verbs.find(added):
        return f"{strong!r} became {soft!r}"
    return None


def _less_often(before: str, after: str) -> str | None:
    was = [f for f in _FREQUENCY if re.search(rf"\b{f}\b", before, re.I)]
    now = [f for f in _FREQUENCY if re.search(rf"\b{f}\b", after, re.I)]
    if len(was) == 1 and len(now) == 1 and _FREQUENCY.index(now[0]) > _FREQUENCY.index(was[0]):
        return f"less often ({was[0]} -> {now[0]})"
    return None


def _later_date(before: str, after: str) -> str | None:
    old, new = dates(before), dates(after)
    gone, came = old - new, new - old
    if gone and came and max(came) > max(gone):
        name = lambda d: f"{MONTHS[d[1] - 1].title() + ' ' if d[1] else ''}{d[0]}"  # noqa: E731
        return f"date moved later ({name(max(gone))} -> {name(max(came))})"
    return None


def _smaller_amount(before: str, after: str) -> str | None:
    old, new = amounts(before), amounts(after)
    gone, came = old - new, new - old
    if len(gone) != 1 or len(came) != 1:
        return None
    (was, unit), (now, unit_now) = gone.pop(), came.pop()
    if unit != unit_now:
        return None
    if unit in ("week", "day", "month", "hour") and now > was:
        return f"a longer wait or timescale ({was:g} -> {now:g} {unit}s)"
    if unit in ("count", "money", "percent") and now < was:
        return f"a smaller number ({was:g} -> {now:g})"
    return None


def _narrowed(before: str, after: str, removed: str, rules) -> str | None:
    """A group, service, setting or partner dropped from what the commitment covers ('children, young
    people and care leavers' became 'children and young people'; 'all schools' became 'secondary
    schools'), with nothing of the kind in its place."""
    if not removed.strip() or rules.hedges.find(removed) or rules.qualifiers.find(removed):
        return None  # taking out a hedge or a condition makes a commitment stronger, not narrower
    universal = {m.group(0).lower() for m in _SCOPE_WORDS.finditer(before)}
    if universal and not _SCOPE_WORDS.search(after):  # "every child" became "most children"
        return f"scope narrowed: {', '.join(sorted(universal))!r} no longer said"
    old, new = _groups(before, rules), _groups(after, rules)
    dropped = old - new
    if not dropped or new - old:
        return None
    return f"scope narrowed: {', '.join(sorted(dropped))} dropped"


def _groups(text: str, rules) -> set[str]:
    found = rules.strong.find_all(text) | rules.weak.find_all(text) | rules.scope.find_all(text)
    return found | {m.group(0).lower() for m in _SCOPE_WORDS.finditer(text)}


def _reporting_dropped(before: str, removed: str, after: str) -> str | None:
    """A duty to report progress (to a board, quarterly) taken out."""
    if not _REPORTING.search(removed) or _REPORTING.search(after):
        return None
    duty = _DUTY.search(before)
    return f"reporting dropped ({duty.group(0).strip()!r})" if duty else "reporting dropped"


def _target_dropped(before: str, after: str, rules) -> str | None:
    target = rules.target.find(before)
    if target and not rules.target.find(after) and not rules.achieved.find(after):
        return f"its date or target ({target!r}) was dropped"
    return None
