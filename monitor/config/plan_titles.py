"""`plan_titles` of a system in `config/ics_sources.yaml`: what its plans are called locally.

Many systems name their plans in their own words: Derby and Derbyshire's JFP is "Our local NHS plan",
Kent and Medway's the "Shared Delivery Plan", Suffolk and North East Essex's strategy "Higher Ambitions".
A maintainer lists them here; a link, title or heading saying one of them is that plan (`monitor.classify`).

    plan_titles:
      joint_forward_plan: ["Shared Delivery Plan"]
      strategy: ["Higher Ambitions"]
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from store.vocabulary import DocType

# Words that alone would make every page a plan: a title must say more than these.
_TOO_GENERAL = re.compile(r"^(our |the |this )?(plans?|strateg(y|ies)|documents?|publications?)\W*$", re.I)


def _check_titles(titles: list[str]) -> list[str]:
    for title in titles:
        if len(title.strip()) < 4:
            raise ValueError(f"plan title {title!r} is too short to name a plan")
        if _TOO_GENERAL.match(title.strip()):
            raise ValueError(f"plan title {title!r} would match any plan; give the plan's own name "
                             "(e.g. 'Shared Delivery Plan')")
    return [t.strip() for t in titles]


class PlanTitles(BaseModel):
    """Local names of a system's integrated care strategy and Joint Forward Plan, matched as phrases."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    strategy: list[str] = []
    joint_forward_plan: list[str] = []

    _titles = field_validator(DocType.STRATEGY.value, DocType.JOINT_FORWARD_PLAN.value)(classmethod(lambda cls, v: _check_titles(v)))

    @model_validator(mode="after")
    def _one_type_each(self) -> PlanTitles:
        both = {t.lower() for t in self.strategy} & {t.lower() for t in self.joint_forward_plan}
        if both:
            raise ValueError(f"{sorted(both)[0]!r} is listed as both the strategy and the Joint Forward Plan")
        return self

    def by_type(self) -> dict[str, list[str]]:
        """DocType -> titles, as `monitor.classify` takes them."""
        return {DocType.JOINT_FORWARD_PLAN: list(self.joint_forward_plan), DocType.STRATEGY: list(self.strategy)}
