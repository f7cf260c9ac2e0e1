"""`icswatch scorecard`: every system's current strategy and Joint Forward Plan rated on the HPIG
indicators as of a date, the national summary, the change since an earlier date; and
`icswatch scorecard review`, a reviewer's confirmation or override of one rating."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from store.scorecard import add_review
from store.vocabulary import DocType, Rating, ReviewDecision

from .. import periods
from ..config import load_sources
from ..errors import ConfigError, IcsWatchError
from ..scorecard.card import build_scorecard
from ..scorecard.indicators import load_indicators, unknown_indicator
from ..scorecard.output import render_csv, render_html, render_text, scorecard_json
from ..scorecard.summary import compare, national_summary
from ..settings import Settings
from . import cli, example
from .lookup import check_system, open_existing
from .output import echo_or_write, to_json

DOC_TYPES = {str(DocType.STRATEGY): DocType.STRATEGY, "jfp": DocType.JOINT_FORWARD_PLAN,
             str(DocType.JOINT_FORWARD_PLAN): DocType.JOINT_FORWARD_PLAN}
RATINGS = {"yes": Rating.YES, "some": Rating.SOME, str(Rating.SOME): Rating.SOME, "no": Rating.NO}


def parse_as_of(value: str | None, now: datetime, param_hint: str = "--as-of") -> datetime:
    """A date means the end of that day (what was published on it counts); a time is taken as given."""
    if not value:
        return now
    try:
        return periods.parse_as_of(value, now)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=param_hint) from None


def _names(settings: Settings) -> dict[str, str]:
    try:
        return {s.id: s.name for s in load_sources(settings.sources_path).systems}
    except ConfigError:
        return {}


@cli.group(invoke_without_command=True, epilog=example(
    "icswatch scorecard --as-of 2025-04-01\nicswatch scorecard --system severn --detail\n"
    "icswatch scorecard --compare 2024-04-01 --format html --out scorecard.html\n"
    "icswatch scorecard review severn strategy easy_read --confirm --by 'A Reviewer' --note 'checked'"))
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Rate the editions current then (default: now).")
@click.option("--system", "system_id", default=None, metavar="ID", help="Only this system.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json", "html"]), default="text", show_default=True)
@click.option("--compare", "earlier", default=None, metavar="DATE",
              help="Also show which ratings rose or fell back between DATE and --as-of.")
@click.option("--detail", is_flag=True, help="Text: every reason and the evidence passages.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None, help="Write to FILE, not stdout.")
@click.pass_context
def scorecard(ctx: click.Context, as_of, system_id, fmt, earlier, detail, out) -> None:
    """Rate every system's current strategy and Joint Forward Plan Yes / To some extent / No on the
    HPIG indicators (config/scorecard.yaml, or ICSWATCH_SCORECARD), from the archived text, with the
    passages that show it; then the national summary in the report's form."""
    if ctx.invoked_subcommand is not None:
        return
    settings: Settings = ctx.obj
    now = datetime.now(UTC)
    when = parse_as_of(as_of, now)
    before = parse_as_of(earlier, now, "--compare") if earlier else None
    if before is not None and before >= when:
        raise click.BadParameter(f"{earlier} is not before --as-of ({when:%Y-%m-%d %H:%M})", param_hint="--compare")
    indicators, names = load_indicators(), _names(settings)
    archive = open_existing(settings)
    try:
        check_system(settings, system_id, archive=archive)
        card = build_scorecard(archive, when, system_id, indicators, names)
        comparison = compare(build_scorecard(archive, before, system_id, indicators, names), card) if before else None
    finally:
        archive.close()
    summary = national_summary(card)
    rendered = {"text": lambda: render_text(card, summary, comparison, detail), "csv": lambda: render_csv(card),
                "json": lambda: to_json(scorecard_json(card, summary, comparison)) + "\n",
                "html": lambda: render_html(card, summary, comparison)}[fmt]()
    echo_or_write(rendered, out, f"{len(card.plans)} plans rated as of {when:%Y-%m-%d %H:%M} UTC")


@scorecard.command(epilog=example(
    "icswatch scorecard review severn strategy easy_read --confirm --by 'Ann Reviewer' --note 'easy read checked'\n"
    "icswatch scorecard review severn jfp executive_lead --rating some --by 'Ann Reviewer' --note 'lead not named'"))
@click.argument("system_id", metavar="SYSTEM")
@click.argument("doc_type", metavar="TYPE", type=click.Choice(sorted(DOC_TYPES)))
@click.argument("indicator_id", metavar="INDICATOR")
@click.option("--confirm", is_flag=True, help="The rules' rating is right.")
@click.option("--rating", "given", type=click.Choice(sorted(RATINGS)), default=None, help="The right rating.")
@click.option("--note", required=True, help="Why: what the reviewer read.")
@click.option("--by", "reviewer", required=True, metavar="NAME", help="The reviewer's name.")
@click.pass_obj
def review(settings: Settings, system_id, doc_type, indicator_id, confirm, given, note, reviewer) -> None:
    """Confirm or override one rating of a system's current plan, with a note. The review is kept with
    the version it was made on: when a new edition is rated, the rules rate it afresh and the review is
    shown as one of an earlier edition."""
    if confirm == (given is not None):
        raise click.UsageError("give either --confirm or --rating yes|some|no")
    indicators = load_indicators()
    try:
        indicator = indicators.get(indicator_id)
    except KeyError:
        raise click.BadParameter(unknown_indicator(indicator_id, indicators), param_hint="INDICATOR") from None
    kind = DOC_TYPES[doc_type]
    if not indicator.applies(kind):
        raise click.BadParameter(f"{indicator_id!r} applies to {indicator.applies_to} only", param_hint="INDICATOR")
    now = datetime.now(UTC)
    archive = open_existing(settings)
    try:
        check_system(settings, system_id, "SYSTEM", archive=archive)
        plan = build_scorecard(archive, now, system_id, indicators).plan(system_id, kind)
        if plan is None:
            raise IcsWatchError(f"{system_id} has no {doc_type} in the archive to review")
        score = plan.score(indicator_id)
        rating = score.automatic if confirm else RATINGS[given]
        decision = ReviewDecision.CONFIRMED if rating == score.automatic else ReviewDecision.OVERRIDDEN
        with archive.session() as session:
            add_review(session, system_id=system_id, doc_type=str(kind), indicator=indicator_id,
                       document_id=plan.document_id, version_id=plan.version_id, automatic=str(score.automatic),
                       rating=str(rating), decision=str(decision), note=note, reviewer=reviewer, reviewed_at=now)
    finally:
        archive.close()
    click.echo(f"{system_id} {doc_type} {indicator_id}: {Rating(rating).label} ({decision} by {reviewer}; the rules "
               f"said {Rating(score.automatic).label}), on version {plan.version_id}")
