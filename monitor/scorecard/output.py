"""The scorecard as people read it: text for the terminal, CSV for a spreadsheet, JSON for programs, and
HTML (`templates/scorecard.html.j2`) for a browser.

Takes a `Scorecard` (and its `NationalSummary`, a `Comparison`) and returns text. Ratings are shown as the
report writes them (Yes, To some extent, No); document types by their labels.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict

from store.vocabulary import PLAN_TYPES, Rating

from ..render import DOC_TYPES
from ..render import label as theme_label
from ..templating import render_template
from .card import Scorecard
from .summary import Comparison, NationalSummary

CSV_FIELDS = ["system_id", "system", "doc_type", "document", "version", "first_seen", "theme", "indicator",
              "rating", "automatic", "reviewed_by", "review_note", "reasons", "evidence"]


def doc_label(doc_type: str) -> str:
    return DOC_TYPES.get(doc_type, doc_type)


def label(rating: str) -> str:
    return Rating(rating).label


def plural_type(doc_type: str) -> str:
    return {PLAN_TYPES[0]: "strategies", PLAN_TYPES[1]: "JFPs"}[doc_type]


def render_text(card: Scorecard, summary: NationalSummary, comparison: Comparison | None = None,
                detail: bool = False) -> str:
    lines = [f"HPIG scorecard as of {card.as_of:%Y-%m-%d %H:%M} UTC: published "
             + ", ".join(f"{plural_type(t)} {summary.published[str(t)]}" for t in PLAN_TYPES) + "; "
             f"{summary.reviewed} of {summary.ratings} ratings reviewed"
             + (f" ({summary.overridden} overridden)" if summary.overridden else "")
             + (f"; {summary.reviewed_earlier} reviewed only on an earlier edition" if summary.reviewed_earlier else ""),
             ""]
    lines += _national(summary)
    for plan in card.plans:
        lines += ["", f"{plan.system_name} ({plan.system_id}), {doc_label(plan.doc_type)}: {plan.title}",
                  f"  version {plan.version_id}, first seen {plan.first_seen:%Y-%m-%d}"
                  + (f", {plan.edition}" if plan.edition else "")]
        for s in plan.scores:
            mark = f"  [reviewed by {s.review.reviewer}: {s.review.note}]" if s.review else ""
            mark += "  [reviewed on an earlier edition]" if s.earlier_reviews and not s.review else ""
            lines.append(f"  {s.indicator:<30} {label(s.rating):<15} {s.reasons[0] if s.reasons else ''}{mark}")
            if detail:
                lines += [f"      {why}" for why in s.reasons[1:]]
                lines += [f"      p. {q.page or '?'}: \"{q.text}\"" for q in s.evidence]
    if comparison is not None:
        lines += ["", *render_comparison(comparison).rstrip("\n").splitlines()]
    return "\n".join(lines) + "\n"


def _national(summary: NationalSummary) -> list[str]:
    lines = ["National summary (share of the published plans rated Yes / To some extent / No):"]
    for share in summary.shares:
        yes, some, no = share.percents
        lines.append(f"  {share.indicator:<30} {plural_type(share.doc_type):<10} Yes {yes:>3}%  To some extent "
                     f"{some:>3}%  No {no:>3}%  (of {share.published})")
    return lines


def render_comparison(comparison: Comparison) -> str:
    lines = [f"Changes between {comparison.earlier:%Y-%m-%d %H:%M} and {comparison.later:%Y-%m-%d %H:%M} UTC: "
             f"{len(comparison.rose)} ratings rose, {len(comparison.fell)} fell back"]
    for system_id, doc_type in comparison.published:
        lines.append(f"  published: {system_id} {doc_label(doc_type)}")
    for system_id, doc_type in comparison.withdrawn:
        lines.append(f"  no longer current: {system_id} {doc_label(doc_type)}")
    for m in comparison.moves:
        how = "rose" if m.rose else "fell back"
        why = " when the plan was refreshed" if m.refreshed else ""
        lines.append(f"  {m.system_id} {doc_label(m.doc_type)} {m.indicator}: {label(m.before)} -> {label(m.after)} "
                     f"({how}{why}; {m.before_version} -> {m.after_version}): {'; '.join(m.reasons[:2])}")
    return "\n".join(lines) + "\n"


def render_csv(card: Scorecard) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for plan in card.plans:
        for s in plan.scores:
            writer.writerow({
                "system_id": plan.system_id, "system": plan.system_name, "doc_type": plan.doc_type,
                "document": plan.title, "version": plan.version_id, "first_seen": plan.first_seen.isoformat(),
                "theme": s.theme, "indicator": s.indicator, "rating": label(s.rating), "automatic": label(s.automatic),
                "reviewed_by": s.review.reviewer if s.review else "", "review_note": s.review.note if s.review else "",
                "reasons": "; ".join(s.reasons),
                "evidence": " | ".join(f"p. {q.page}: {q.text}" if q.page else q.text for q in s.evidence)})
    return out.getvalue()


def scorecard_json(card: Scorecard, summary: NationalSummary, comparison: Comparison | None = None) -> dict:
    data = {"as_of": card.as_of.isoformat(), "plans": [asdict(p) for p in card.plans], "summary": asdict(summary)}
    if comparison is not None:
        data["comparison"] = asdict(comparison)
    return _jsonable(data)


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def render_html(card: Scorecard, summary: NationalSummary, comparison: Comparison | None = None) -> str:
    themes = []
    for indicator in card.indicators.items:
        if not themes or themes[-1][0] != indicator.theme:
            themes.append((indicator.theme, []))
        themes[-1][1].append(indicator)
    return render_template("scorecard.html.j2", card=card, summary=summary, comparison=comparison, themes=themes,
                           rating_label=label, plural_type=plural_type, theme_label=theme_label,
                           doc_type_label=doc_label, plan_types=[str(t) for t in PLAN_TYPES])
