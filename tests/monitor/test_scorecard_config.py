"""config/scorecard.yaml: the shipped file validates and covers the report's seven themes, and each kind
of mistake a maintainer makes is reported as file:line: message, naming the indicator, with a suggestion
where there is one; `icswatch scorecard` stops with exit 2 on a bad file."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.errors import ConfigError
from monitor.scorecard import check_indicators, load_indicators
from monitor.scorecard.indicators import THEMES

GOOD = """\
indicators:
  - id: easy_read
    theme: co_production
    applies_to: strategy
    question: Was an easy read version published?
    yes_when:
      - says: an easy read version
        structure: easy_read_version
    to_some_extent_when:
      - says: another format mentioned
        mentions: [easy read, large print]
"""


def problems_of(tmp_path, text: str) -> list[str]:
    path = tmp_path / "scorecard.yaml"
    path.write_text(textwrap.dedent(text))
    found, problems = check_indicators(path)
    assert (found is None) == bool(problems)
    return [f"{p.line}: {p.message}" for p in problems]


def test_the_shipped_indicators_cover_every_theme_and_both_plan_types():
    indicators = load_indicators()
    assert {i.theme for i in indicators.items} == set(THEMES)
    assert len(indicators.for_type("strategy")) >= 14 and len(indicators.for_type("joint_forward_plan")) >= 14
    assert indicators.get("easy_read").applies_to == "strategy"


def test_a_good_file_has_no_problems(tmp_path):
    assert problems_of(tmp_path, GOOD) == []


@pytest.mark.parametrize(("change", "expected"), [
    (("theme: co_production", "theme: coproduction"),
     "3: indicator 'easy_read': indicators[0].theme: 'coproduction' is not one of 'population_health'"),
    (("    question:", "    questoin:"), "5: indicator 'easy_read': unknown key 'questoin' (did you mean question?)"),
    (("applies_to: strategy", "applies_to: jfp"), "4: indicator 'easy_read': indicators[0].applies_to: 'jfp' is not"),
    (("    yes_when:", "    yes:"), "6: indicator 'easy_read': 'yes' as a key is read by YAML as true: write yes_when"),
    (("structure: easy_read_version", "structure: easy_read"), "8: indicator 'easy_read': indicators[0].yes_when[0]."
                                                               "structure: 'easy_read' is not one of"),
    (("[easy read, large print]", "['/easy (read/', large print]"), "11: indicator 'easy_read': "),
    (("        structure: easy_read_version", "        mentions: [easy read]\n        structure: easy_read_version"),
     "7: indicator 'easy_read': indicators[0].yes_when[0]: a clause needs exactly one of 'mentions', 'structure'"),
])
def test_each_mistake_is_reported_at_its_line_naming_the_indicator(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    found = problems_of(tmp_path, GOOD.replace(old, new, 1))
    assert any(p.startswith(expected) for p in found), found


def test_a_duplicate_indicator_and_broken_yaml_are_reported(tmp_path):
    twice = GOOD + "".join(line + "\n" for line in GOOD.splitlines()[1:])
    assert problems_of(tmp_path, twice) == ["12: indicator 'easy_read' is defined twice (first at line 2)"]
    assert problems_of(tmp_path, GOOD.replace("[easy read, large print]", "[easy read, large print"))[0].startswith(
        "11: not valid YAML")


def test_the_command_stops_with_exit_2_on_a_bad_file(tmp_path, monkeypatch):
    path = tmp_path / "scorecard.yaml"
    path.write_text(GOOD.replace("theme: co_production", "theme: coproduction"))
    monkeypatch.setenv("ICSWATCH_SCORECARD", str(path))
    with pytest.raises(ConfigError):
        load_indicators()
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "scorecard"])
    assert result.exit_code == 2
    assert f"{path}:3: indicator 'easy_read'" in result.output
