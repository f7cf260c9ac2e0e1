"""The HPIG scorecard for the web pages and the API: the nation's (every system's current strategy and
JFP rated on every indicator, and the summary in the report's form) and one system's.

Takes the `Site` and an `?as_of=` (already parsed); returns a `Computed` (the `Scorecard`, its
`NationalSummary` and when it was computed). Rating the whole nation reads every current plan's text
(about 30 s for 42 systems), so a computed scorecard is kept, keyed by the archive's stamp (runs,
versions, missing documents, reviews: `store.scorecard.archive_stamp`), the indicators file and its
time of change, and the as-of date asked for; it is computed again only when one of them changes. A
system's page takes its plans from the nation's when that is kept, else rates only that system.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from store.scorecard import archive_stamp

from ..scorecard.card import Scorecard, build_scorecard
from ..scorecard.indicators import indicators_path, load_indicators
from ..scorecard.summary import NationalSummary, national_summary
from .site import Site

log = logging.getLogger(__name__)
KEPT = 8  # scorecards kept (a few as-of dates, and a few systems)


@dataclass(frozen=True)
class Computed:
    card: Scorecard
    summary: NationalSummary
    computed_at: datetime
    as_of_asked: bool  # False: "now" when it was computed


class ScorecardCache:
    """Computed scorecards, the latest KEPT of them; `computations` counts how many were computed."""

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple, Computed] = OrderedDict()
        self._lock = threading.Lock()  # guards _kept: held only briefly
        self._computing = threading.Lock()  # one computation at a time: a second reader waits, then reuses it
        self.computations = 0

    def get(self, site: Site, as_of: datetime | None, system_id: str | None = None) -> Computed:
        path = indicators_path()
        with site.archive.session() as session:
            stamp = archive_stamp(session)
        key = (stamp, str(path), path.stat().st_mtime_ns, as_of, system_id)
        found = self._lookup(key)
        if found is None:
            with self._computing:
                found = self._lookup(key) or self._compute(site, as_of, system_id)
        with self._lock:
            self._kept[key] = found
            self._kept.move_to_end(key)
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return found

    def _lookup(self, key: tuple) -> Computed | None:
        with self._lock:
            return self._kept.get(key) or self._from_nation(key)

    def _from_nation(self, key: tuple) -> Computed | None:
        system_id = key[-1]
        nation = self._kept.get((*key[:-1], None)) if system_id else None
        if nation is None:
            return None
        card = Scorecard(nation.card.as_of, tuple(p for p in nation.card.plans if p.system_id == system_id),
                         nation.card.indicators)
        return Computed(card, national_summary(card), nation.computed_at, nation.as_of_asked)

    def _compute(self, site: Site, as_of: datetime | None, system_id: str | None) -> Computed:
        now = site.now()
        names = {s: name for s, (name, _) in site.names.items()}
        card = build_scorecard(site.archive, as_of or now, system_id, load_indicators(), names)
        self.computations += 1
        log.info("web archive: scorecard of %s as of %s computed (%d plans)", system_id or "every system",
                 card.as_of.isoformat(), len(card.plans))
        return Computed(card, national_summary(card), now, as_of is not None)


def scorecard_of(site: Site, as_of: datetime | None, system_id: str | None = None) -> Computed:
    """The scorecard as of `as_of` (None: now), kept by the app's cache (`create_app` sets it)."""
    return site.scorecards.get(site, as_of, system_id)
