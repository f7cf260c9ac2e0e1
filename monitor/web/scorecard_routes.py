"""The scorecard's pages and API routes: `/scorecard` (the national summary in the HPIG report's form,
each system linked), `/systems/{id}/scorecard` (that system's strategy and JFP rated on every indicator,
with the reasons, the evidence and the reviews), and their JSON at `/api/scorecard` and
`/api/systems/{id}/scorecard`, the fields of `icswatch scorecard --format json`.

Each takes an optional `?as_of=` date (a 400 when it is not one); what they show is computed once per
state of the archive (`scorecard.ScorecardCache`) and says when.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from store.vocabulary import PLAN_TYPES, Rating, ReviewDecision

from ..render import label as theme_label
from ..scorecard.output import doc_label, label, plural_type, scorecard_json
from .pages import _page
from .scorecard import Computed, scorecard_of
from .site import SYSTEM_ID, NotFound, Site, check_id, parse_as_of

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["scorecard"])
AS_OF = Query(None, max_length=40, description="Rate the editions current then: 2025-04-01 (the end of that "
                                               "day) or 2025-04-01T09:00; default now", examples=["2025-04-01"])


def _site(request: Request) -> Site:
    return request.app.state.site


def _system(site: Site, system_id: str, as_of: str | None) -> Computed:
    check_id(system_id, SYSTEM_ID, "system")
    when = parse_as_of(site, as_of)
    computed = scorecard_of(site, when, system_id)
    if system_id not in site.names and not computed.card.plans:
        raise NotFound(f"There is no system {system_id!r} in the archive.")
    return computed


def _themes(card) -> list[tuple[str, list]]:
    themes: list[tuple[str, list]] = []
    for indicator in card.indicators.items:
        if not themes or themes[-1][0] != indicator.theme:
            themes.append((indicator.theme, []))
        themes[-1][1].append(indicator)
    return themes


def _tally(plan) -> tuple[int, int, int]:
    """How many of a plan's ratings are Yes, To some extent and No."""
    got = [s.rating for s in plan.scores]
    return got.count(Rating.YES), got.count(Rating.SOME), got.count(Rating.NO)


def _context(computed: Computed, as_of: str | None) -> dict:
    return {"card": computed.card, "summary": computed.summary, "computed": computed, "as_of": as_of or "",
            "indicator_themes": _themes(computed.card), "rating_label": label, "plural_type": plural_type,
            "theme_label": theme_label, "doc_type_label": doc_label, "tally": _tally,
            "is_confirmed": lambda review: review.decision == ReviewDecision.CONFIRMED, "plan_types": [str(t) for t in PLAN_TYPES]}


@pages.get("/scorecard")
def national_page(request: Request, as_of: str | None = AS_OF):
    site = _site(request)
    computed = scorecard_of(site, parse_as_of(site, as_of))
    plans: dict[str, dict] = {}
    for plan in computed.card.plans:
        plans.setdefault(plan.system_id, {})[plan.doc_type] = plan
    systems = sorted({*site.names, *plans}, key=lambda s: site.name(s))
    return _page(request, "scorecard.html.j2", systems=systems, plans=plans, name=site.name,
                 **_context(computed, as_of))


@pages.get("/systems/{system_id}/scorecard")
def system_page(request: Request, system_id: str, as_of: str | None = AS_OF):
    site = _site(request)
    computed = _system(site, system_id, as_of)
    return _page(request, "system_scorecard.html.j2", system_id=system_id, name=site.name(system_id),
                 region=site.region(system_id), **_context(computed, as_of))


@api.get("/scorecard", summary="Every system's current strategy and JFP rated on the HPIG indicators, and the "
                               "national summary (as `icswatch scorecard --format json`)")
def api_national(request: Request, as_of: str | None = AS_OF):
    site = _site(request)
    computed = scorecard_of(site, parse_as_of(site, as_of))
    return scorecard_json(computed.card, computed.summary)


@api.get("/systems/{system_id}/scorecard", summary="One system's plans rated on the HPIG indicators "
                                                   "(as `icswatch scorecard --system ID --format json`)")
def api_system(request: Request, system_id: str, as_of: str | None = AS_OF):
    computed = _system(_site(request), system_id, as_of)
    return scorecard_json(computed.card, computed.summary)
