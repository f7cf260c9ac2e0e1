"""The sources file: the real one validates, and every kind of mistake a maintainer makes is reported
as file:line: message, with a suggestion where there is one."""

from __future__ import annotations

import textwrap

import pytest

from monitor.config import ConfigError, check_sources, load_sources
from monitor.settings import DEFAULT_SOURCES

GOOD = """\
crawl:
  download_delay_s: 1.5
systems:
  - id: west-yorkshire
    name: West Yorkshire
    region: North East and Yorkshire
    icb: {name: NHS West Yorkshire ICB, website: https://www.westyorkshire.icb.nhs.uk/, ods_code: QWO}
    icp: {name: West Yorkshire Health and Care Partnership, website: https://www.wypartnership.co.uk/}
    start_urls:
      - https://www.wypartnership.co.uk/publications
      - {url: https://www.westyorkshire.icb.nhs.uk/papers, verified: false}
  - id: severn
    name: Severn
    region: Midlands
    status: merged
    valid_to: 2026-03-31
    successors: [west-yorkshire]
    icb: {name: NHS Severn ICB, website: https://severn.example.org/}
    start_urls: [https://severn.example.org/plans]
"""


def problems_of(tmp_path, text: str) -> list[str]:
    path = tmp_path / "ics_sources.yaml"
    path.write_text(textwrap.dedent(text))
    _, problems = check_sources(path)
    return [f"{p.line}: {p.message}" for p in problems if p.severity == "error"]


def test_the_real_config_validates_and_covers_the_42_ics():
    sources = load_sources(DEFAULT_SOURCES)
    founding = [s for s in sources.systems if str(s.valid_from) == "2022-07-01"]
    assert len(founding) == 42
    assert len({s.id for s in sources.systems}) == len(sources.systems)
    regions = {s.region for s in founding}
    assert len(regions) == 7


def test_the_real_config_records_the_april_2026_mergers():
    sources = load_sources(DEFAULT_SOURCES)
    by_id = {s.id: s for s in sources.systems}
    assert by_id["surrey-heartlands"].status == "merged"
    assert by_id["surrey-heartlands"].successors == ["surrey-sussex"]
    assert str(by_id["surrey-heartlands"].valid_to) == "2026-03-31"
    # Frimley was split by place between three successors
    assert by_id["frimley"].status == "abolished"
    assert set(by_id["frimley"].successors) == {"thames-valley", "surrey-sussex", "hampshire-isle-of-wight"}
    assert by_id["thames-valley"].is_active and str(by_id["thames-valley"].valid_from) == "2026-04-01"
    assert not by_id["thames-valley"].icb.website.verified


def test_unverified_urls_keep_their_mark():
    sources = load_sources(DEFAULT_SOURCES)
    unverified = [link for s in sources.systems for link in s.start_urls if not link.verified]
    assert unverified and all(link.note for link in unverified)


def test_a_good_file_has_no_problems(tmp_path):
    assert problems_of(tmp_path, GOOD) == []
    sources = load_sources(tmp_path / "ics_sources.yaml")
    wy = sources.get("west-yorkshire")
    assert wy.hosts == ["www.westyorkshire.icb.nhs.uk", "www.wypartnership.co.uk"]
    assert not wy.is_verified and sources.crawl.download_delay_s == 1.5


def test_unknown_key_with_suggestion(tmp_path):
    bad = GOOD.replace("    start_urls:\n      - https://www.wyp", "    start_url:\n      - https://www.wyp")
    assert problems_of(tmp_path, bad) == [
        "9: system 'west-yorkshire': unknown key 'start_url' (did you mean start_urls?)"
    ]


def test_missing_required_field(tmp_path):
    bad = GOOD.replace("    name: Severn\n", "")
    assert problems_of(tmp_path, bad) == ["12: system 'severn': missing required key 'name'"]


def test_duplicate_id(tmp_path):
    bad = GOOD.replace("id: severn", "id: west-yorkshire").replace("[west-yorkshire]", "[]")
    found = problems_of(tmp_path, bad)
    assert "12: system 'west-yorkshire': duplicate id (first used at line 4); ids must be unique" in found


def test_duplicate_yaml_key(tmp_path):
    bad = GOOD.replace("    region: Midlands\n", "    region: Midlands\n    name: Severn Again\n")
    assert problems_of(tmp_path, bad) == [
        "15: duplicate key 'name' (first at line 13); YAML would keep only the last"
    ]


def test_bad_url(tmp_path):
    bad = GOOD.replace("https://severn.example.org/plans", "htps://severn.example.org/plans")
    assert problems_of(tmp_path, bad) == [
        "19: system 'severn': bad URL 'htps://severn.example.org/plans': it must start with http:// or https://"
    ]


def test_url_with_a_space(tmp_path):
    bad = GOOD.replace("https://www.wypartnership.co.uk/publications", "https://www.wypartnership.co.uk/our plans")
    [message] = problems_of(tmp_path, bad)
    assert message.startswith("10: system 'west-yorkshire': bad URL") and "%20" in message


def test_unknown_successor_with_suggestion(tmp_path):
    bad = GOOD.replace("successors: [west-yorkshire]", "successors: [west-yorkshir]")
    assert problems_of(tmp_path, bad) == [
        "17: system 'severn': unknown successor 'west-yorkshir' (did you mean west-yorkshire?)"
    ]


def test_yaml_boolean_trap(tmp_path):
    # `name: no` is read by YAML 1.1 as the boolean false, not the word "no"
    bad = GOOD.replace("    name: Severn\n", "    name: no\n")
    assert problems_of(tmp_path, bad) == [
        "13: system 'severn': name: 'no' is read by YAML as False, not as text; write it in quotes: \"no\""
    ]


def test_number_trap_in_ods_code(tmp_path):
    bad = GOOD.replace("ods_code: QWO", "ods_code: 0123")
    [message] = problems_of(tmp_path, bad)
    assert message.startswith("7: system 'west-yorkshire': icb.ods_code: '0123' is read by YAML as")
    assert 'write it in quotes: "0123"' in message


def test_unknown_region_with_suggestion(tmp_path):
    bad = GOOD.replace("region: Midlands", "region: Midland")
    [message] = problems_of(tmp_path, bad)
    assert message.startswith("14: system 'severn': region: 'Midland' is not one of")
    assert message.endswith("(did you mean Midlands?)")


def test_bad_id_slug(tmp_path):
    bad = GOOD.replace("id: severn", "id: Severn ICS")
    assert problems_of(tmp_path, bad) == [
        "12: system 'Severn ICS': id 'Severn ICS' must be a lowercase slug such as 'west-yorkshire'"
    ]


def test_merged_without_successors_and_end_date(tmp_path):
    bad = GOOD.replace("    valid_to: 2026-03-31\n    successors: [west-yorkshire]\n", "")
    assert problems_of(tmp_path, bad) == [
        "15: system 'severn': a merged system must name its successors",
        "15: system 'severn': status 'merged' needs valid_to (the last day it existed)",
    ]


def test_unknown_status(tmp_path):
    bad = GOOD.replace("status: merged", "status: closed")
    [message] = problems_of(tmp_path, bad)
    assert message.startswith("15: system 'severn': status: 'closed' is not one of")


def test_start_url_outside_allowed_hosts(tmp_path):
    bad = GOOD.replace("    start_urls: [https://severn.example.org/plans]",
                       "    allowed_hosts: [severn.example.org]\n    start_urls: [https://elsewhere.example.org/x]")
    assert problems_of(tmp_path, bad) == [
        "20: system 'severn': start URL host 'elsewhere.example.org' is not in allowed_hosts"
    ]


def test_unknown_crawl_setting_and_negative_delay(tmp_path):
    bad = GOOD.replace("  download_delay_s: 1.5", "  download_delay_s: -1\n  user_agnet: x")
    assert problems_of(tmp_path, bad) == [
        "2: crawl.download_delay_s: Input should be greater than or equal to 0",
        "3: unknown key 'user_agnet' (did you mean user_agent?)",
    ]


def test_not_yaml_at_all(tmp_path):
    found = problems_of(tmp_path, GOOD + "  - id: [unclosed\n")  # line 20; the parser notices on 21
    assert found == ["20: not valid YAML: while parsing a flow sequence here: expected ',' or ']', "
                     "but got '<stream end>' (at line 21)"]


def test_a_key_without_its_colon_is_reported_on_its_own_line(tmp_path):
    bad = GOOD.replace("  - id: severn\n", "  - id severn\n")  # line 12; the parser notices on 13
    assert problems_of(tmp_path, bad) == [
        "12: not valid YAML: 'id' has no colon after it (did you mean 'id: severn'?); the parser noticed at "
        "line 13: mapping values are not allowed here"]


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    # a mistake inside an entry must not hide the other mistakes of that entry or of the file
    bad = (GOOD.replace("    start_urls:\n      - https://www.wyp", "    start_url:\n      - https://www.wyp")
           .replace("    name: Severn\n", "    name: no\n")
           .replace("successors: [west-yorkshire]", "successors: [west-yorkshir]"))
    assert [line.split(":")[0] for line in problems_of(tmp_path, bad)] == ["9", "13", "17"]


def test_load_sources_raises_config_error_with_every_problem(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(GOOD.replace("region: Midlands", "region: Midland"))
    with pytest.raises(ConfigError) as caught:
        load_sources(path)
    assert "s.yaml:14:" in str(caught.value) and len(caught.value.problems) == 1


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    _, problems = check_sources(tmp_path / "nope.yaml")
    assert "file not found" in problems[0].message


def test_a_maintainer_s_edition_override_is_checked_with_its_line(tmp_path):
    text = GOOD.replace("    start_urls: [https://severn.example.org/plans]\n", """\
    start_urls: [https://severn.example.org/plans]
    editions:
      - join: [https://severn.example.org/plan-2023.pdf, https://severn.example.org/our-plan-2025.pdf]
        reason: renamed when the plan was refreshed in 2025
      - split: [https://severn.example.org/a.pdf]
        reason: two places, two plans
      - join: [https://severn.example.org/a.pdf, https://severn.example.org/b.pdf]
""")
    problems = problems_of(tmp_path, text)
    assert problems == ["23: system 'severn': editions[1]: needs exactly two URLs, got 1",
                        "25: system 'severn': missing required key 'reason'"]
    good = text.split("      - split")[0]
    path = tmp_path / "good.yaml"
    path.write_text(good)
    [override] = load_sources(path).get("severn").editions
    assert override.join and override.reason.startswith("renamed")


PLAN_TITLES = "    plan_titles:\n      joint_forward_plan: [Shared Delivery Plan]\n      strategy: [Higher Ambitions]\n"


def test_local_plan_titles_are_read_by_type(tmp_path):
    path = tmp_path / "ics_sources.yaml"
    path.write_text(GOOD.replace("    start_urls:\n      - https://www.wyp", PLAN_TITLES + "    start_urls:\n      - https://www.wyp"))
    titles = load_sources(path).get("west-yorkshire").plan_titles.by_type()
    assert titles == {"joint_forward_plan": ["Shared Delivery Plan"], "strategy": ["Higher Ambitions"]}


@pytest.mark.parametrize(("titles", "expected"), [
    ("      joint_forward_plans: [Shared Delivery Plan]\n",
     "10: system 'west-yorkshire': unknown key 'joint_forward_plans' (did you mean joint_forward_plan?)"),
    ("      strategy: [Our plan]\n", "10: system 'west-yorkshire': plan_titles.strategy: plan title 'Our plan' would "
     "match any plan; give the plan's own name (e.g. 'Shared Delivery Plan')"),
    ("      strategy: [Devon Plan]\n      joint_forward_plan: [devon plan]\n",
     "9: system 'west-yorkshire': plan_titles: 'devon plan' is listed as both the strategy and the Joint Forward Plan"),
])
def test_bad_plan_titles_say_where_and_why(tmp_path, titles, expected):
    bad = GOOD.replace("    start_urls:\n      - https://www.wyp", "    plan_titles:\n" + titles
                       + "    start_urls:\n      - https://www.wyp")
    assert problems_of(tmp_path, bad) == [expected]
