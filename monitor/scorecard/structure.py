"""Structural evidence: facts about a plan that terms alone cannot show. A named Executive Lead for
Children and Young People (a person's name or a board post, not "a lead will be identified"), and a
population defined as 0 to 25 or conception to 25. (An easy read version published beside the plan
is a fact of the archive, given to `evidence.gather`.)

Takes the version's passages and returns {fact: (page, quote)} for each fact found.
"""

from __future__ import annotations

import re

_LEAD = (r"(?i:(?:executive|board|senior|named|accountable)?\s*lead(?:er)?\s+for\s+(?:babies,\s+)?children"
         r"(?:\s+and\s+young\s+people)?)")
_NAME = r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Professor)\.?\s+)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?"
_POST = (r"(?i:our|the|ICB'?s?)\s+(?:Chief\s+(?:Nurse|Nursing\s+Officer|Medical\s+Officer|Executive|Operating\s+Officer)"
         r"|Director\s+of\s+[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)*|Medical\s+Director)")
# The lead's title in any case, the person's name or post capitalised: "Our Executive Lead for Children and
# Young People is Sarah Whitlock", "... is our Chief Nurse", "Sarah Whitlock, Director of Nursing, is our
# Executive Lead for Children"; not "a lead for children will be identified".
_NAMED_LEAD = (
    re.compile(rf"{_LEAD}[^.]{{0,40}}?\b(?i:is|will\s+be|has\s+been)\s+(?i:appointed[:\s]+)?(?:{_NAME}|{_POST})"),
    re.compile(rf"(?:{_NAME}|{_POST})\s*(?:,[^,.]{{0,60}},)?\s+(?i:is|as|has\s+been\s+appointed\s+as)\s+"
               rf"(?i:(?:our|the)\s+)?(?i:ICB'?s?\s+)?{_LEAD}"),
)
_AGE_0_25 = re.compile(r"\b(?:aged?\s+)?(?:0|nought|zero|conception|pre-?birth|birth)\s*(?:-|–|to|until|up\s+to)\s*"
                       r"(?:age\s+)?25\b|\bup\s+to\s+(?:the\s+age\s+of\s+|age\s+)?25\b|\bunder(?:\s+the\s+age\s+of)?\s+25\b",
                       re.I)


def structural_facts(passages) -> dict[str, tuple[int | None, str]]:
    facts: dict[str, tuple[int | None, str]] = {}
    for p in passages:
        if "named_executive_lead" not in facts and any(_names_someone(rx, p.quote) for rx in _NAMED_LEAD):
            facts["named_executive_lead"] = (p.page, p.quote)
        if "age_0_to_25" not in facts and _AGE_0_25.search(p.quote):
            facts["age_0_to_25"] = (p.page, p.quote)
    return facts


def _names_someone(pattern: re.Pattern, text: str) -> bool:
    return any(not re.search(r"\bidentif|\bto be appointed|\bwill appoint", m.group(0), re.I)
               for m in pattern.finditer(text))
