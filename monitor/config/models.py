"""Typed models of `config/ics_sources.yaml`: the crawl's politeness settings and the systems watched.

Takes the plain data `yamlmap.load_yaml` returns and gives `SourcesFile`, whose `systems` are `Source`
objects. Unknown keys are errors (a typo must not silently become a default). Cross-entry rules
(unique ids, known successors, hosts) live in `checks.py`, so each model checks only itself.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from .plan_titles import PlanTitles

REGIONS = (
    "North East and Yorkshire",
    "North West",
    "Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
Region = Literal[REGIONS]  # type: ignore[valid-type]
Status = Literal["active", "merged", "abolished"]
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

DEFAULT_USER_AGENT = "ICSWatch/0.1 (+https://github.com/icswatch/icswatch; monitors published ICS plans)"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def check_url(url: str) -> str:
    """Accept an absolute http(s) URL with a host; say what is wrong otherwise."""
    if any(c.isspace() for c in url):
        raise ValueError(f"bad URL {url!r}: contains white space (encode spaces as %20)")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"bad URL {url!r}: it must start with http:// or https://")
    if not parts.hostname:
        raise ValueError(f"bad URL {url!r}: it has no host name")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise ValueError(f"bad URL {url!r}: {exc}") from None
    return url


def _url_or_mapping(value: object) -> object:
    return {"url": value} if isinstance(value, str) else value


class Link(_Model):
    """A URL, with `verified: false` when nobody has yet seen it on a real page."""

    url: str
    verified: bool = True
    note: str | None = None

    _check = field_validator("url")(classmethod(lambda cls, v: check_url(v)))

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


LinkField = Annotated[Link, BeforeValidator(_url_or_mapping)]


def site_of(host: str) -> str:
    """A host without its 'www.': www.example.nhs.uk and example.nhs.uk are one site."""
    host = (host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def same_site(a: str, b: str) -> bool:
    return site_of(a) == site_of(b)


class Body(_Model):
    """An Integrated Care Board or Integrated Care Partnership."""

    name: str = Field(min_length=3)
    public_name: str | None = None  # what the body calls itself on its site ("NHS Devon")
    website: LinkField | None = None
    other_websites: list[LinkField] = []
    ods_code: str | None = Field(default=None, pattern=r"^[A-Z0-9]{3,5}$")
    ods_code_verified: bool = True
    note: str | None = None


class CrawlSettings(_Model):
    """Politeness and limits; the defaults suit small public-sector sites."""

    user_agent: str = Field(default=DEFAULT_USER_AGENT, min_length=8)
    download_delay_s: float = Field(default=2.0, ge=0)
    concurrent_per_host: int = Field(default=1, ge=1, le=8)
    max_pages_per_site: int = Field(default=500, ge=1)
    max_depth: int = Field(default=4, ge=1)
    max_document_bytes: int = Field(default=50 * 1024 * 1024, ge=1024)
    request_timeout_s: float = Field(default=60.0, gt=0)
    min_free_mb: int = Field(default=500, ge=0)  # free disk space a crawl needs to start and to go on; 0: no check
    # internal addresses ICS Watch may fetch after all: only for test sites on loopback (see monitor.netguard)
    allow_private_addresses: list[str] = Field(default_factory=list)

    @field_validator("allow_private_addresses")
    @classmethod
    def _networks(cls, values: list[str]) -> list[str]:
        for value in values:
            try:
                ipaddress.ip_network(value, strict=False)
            except ValueError:
                raise ValueError(f"{value!r} is not an IP address or network (e.g. 127.0.0.11 or 127.0.0.0/24)") from None
        return values
    # a plan not found is "not seen since ..." (for maintainers) until missing from this many complete
    # crawls in a row AND for this many days; only then is it reported removed (as EDGI's tracker does)
    removed_after_crawls: int = Field(default=3, ge=1)
    removed_after_days: int = Field(default=14, ge=0)


class EditionOverride(_Model):
    """A maintainer's word on two documents, by URL: the second is (join) or is not (split) a later
    edition of the first. It wins over the evidence, and its reason is shown with the series."""

    join: list[str] | None = None
    split: list[str] | None = None
    reason: str = Field(min_length=3)

    @model_validator(mode="after")
    def _one_pair(self) -> EditionOverride:
        pairs = [p for p in (self.join, self.split) if p is not None]
        if len(pairs) != 1:
            raise ValueError("give either join: [earlier URL, later URL] or split: [URL, URL], not both or neither")
        if len(pairs[0]) != 2:
            raise ValueError(f"needs exactly two URLs, got {len(pairs[0])}")
        for url in pairs[0]:
            check_url(url)
        return self

    @property
    def urls(self) -> tuple[str, str]:
        earlier, later = self.join or self.split
        return earlier, later


def _check_pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"bad regular expression {value!r}: {exc}") from None
    if re.fullmatch(value, ""):
        raise ValueError(f"pattern {value!r} matches empty text; it would ignore nothing or everything")
    return value


def _check_selector(value: str) -> str:
    import soupsieve

    try:
        soupsieve.compile(value)
    except soupsieve.SelectorSyntaxError as exc:
        raise ValueError(f"bad CSS selector {value!r}: {str(exc).splitlines()[0]}") from None
    if value.strip().lower() in ("*", "html", "body", "main", "article"):
        raise ValueError(f"selector {value!r} would ignore the whole page; name the element that is noise")
    return value


class IgnoreRules(_Model):
    """A maintainer's word on what is noise in a source's documents (a "Page generated ..." line inside
    <main>): taken out of both texts before they are compared, never out of the archive."""

    # regular expressions (Python syntax), removed from every paragraph
    patterns: list[Annotated[str, AfterValidator(_check_pattern)]] = []
    # CSS selectors of elements of an HTML page whose text is removed
    selectors: list[Annotated[str, AfterValidator(_check_selector)]] = []

    @property
    def is_empty(self) -> bool:
        return not self.patterns and not self.selectors


class Source(_Model):
    """One Integrated Care System: its bodies, where its plans are listed, and its life as an ICB."""

    id: str = Field(pattern=SLUG, max_length=40)
    name: str = Field(min_length=2)
    region: Region
    status: Status = "active"
    valid_from: date | None = None
    valid_to: date | None = None
    successors: list[str] = []
    icb: Body
    icp: Body | None = None
    start_urls: list[LinkField] = []
    allowed_hosts: list[str] | None = None
    archive_other: bool = False  # also archive board papers, reports and other documents found
    editions: list[EditionOverride] = []  # a maintainer's join or split of two documents' series
    ignore: IgnoreRules = IgnoreRules()  # noise to take out of texts before comparing (patterns, selectors)
    plan_titles: PlanTitles = PlanTitles()  # local names of its plans ("Shared Delivery Plan")
    notes: str | None = None
    # HTTPS certificates are verified; `tls_verify: false` only with the reason, warned on every run
    tls_verify: bool = True
    tls_reason: str | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Source:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        if not self.tls_verify and len((self.tls_reason or "").strip()) < 10:
            raise ValueError("tls_verify: false needs tls_reason: why this site's certificate cannot be verified "
                             "and who was told (it is warned on every run)")
        return self

    @property
    def websites(self) -> list[Link]:
        bodies = [b for b in (self.icb, self.icp) if b]
        return [link for b in bodies for link in ([b.website] if b.website else []) + list(b.other_websites)]

    @property
    def hosts(self) -> list[str]:
        """Hosts the crawler may visit: `allowed_hosts`, or those of the websites and start URLs."""
        if self.allowed_hosts is not None:
            return list(self.allowed_hosts)
        seen = dict.fromkeys(link.host for link in self.websites + list(self.start_urls))
        return [h for h in seen if h]

    def publisher(self, host: str | None) -> str | None:
        """'icb' or 'icp': whose website `host` is (None when both share it, or neither)."""
        owners = {name for name, body in (("icb", self.icb), ("icp", self.icp)) if body
                  for link in ([body.website] if body.website else []) + list(body.other_websites)
                  if same_site(link.host, host or "")}
        return owners.pop() if len(owners) == 1 else None

    @property
    def is_verified(self) -> bool:
        """True when every URL of this system has been seen on a real page."""
        return all(link.verified for link in self.websites + list(self.start_urls))

    @property
    def is_active(self) -> bool:
        return self.status == "active"


_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def cron_trigger(expression: str, timezone: str):
    """An APScheduler trigger for a standard five-field cron expression. Weekday numbers are cron's
    (0 or 7 Sunday, 1 Monday); APScheduler 3 would read 1 as Tuesday, so they become names first."""
    from apscheduler.triggers.cron import CronTrigger

    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"wrong number of fields; got {len(fields)}, expected 5")
    fields[4] = re.sub(r"(?<![/\d])\d+", lambda m: _WEEKDAYS[int(m[0])] if int(m[0]) < 8 else m[0], fields[4])
    minute, hour, day, month, day_of_week = fields
    return CronTrigger(minute=minute, hour=hour, day=day, month=month, day_of_week=day_of_week,
                       timezone=ZoneInfo(timezone))


def check_crontab(value: str) -> str:
    """A five-field cron expression ("30 2 * * *": 02:30 every day)."""
    try:
        cron_trigger(value, "UTC")
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a cron expression (minute hour day month weekday, "
                         f"e.g. '30 2 * * *'): {exc}") from None
    return value


def check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r} (use a name such as 'Europe/London')") from None
    return value


class ScheduleSettings(_Model):
    """When `icswatch schedule` crawls and sends the digest (cron expressions in `timezone`)."""

    crawl: str = "30 2 * * *"
    digest: str = "0 7 * * 1"
    timezone: str = "Europe/London"
    digest_period_days: int = Field(default=7, ge=1, le=366)

    _crontab = field_validator("crawl", "digest")(classmethod(lambda cls, v: check_crontab(v)))
    _zone = field_validator("timezone")(classmethod(lambda cls, v: check_timezone(v)))


class DeliverySettings(_Model):
    """How the digest is delivered: its size, and how failed deliveries are retried."""

    max_items: int = Field(default=40, ge=1, le=10_000)  # changes listed in one email; the rest summarised
    retry_minutes: int = Field(default=10, ge=1, le=24 * 60)  # first retry of a failed delivery; doubles
    retry_max_hours: int = Field(default=6, ge=1, le=7 * 24)  # the longest wait between two retries
    retry_days: int = Field(default=28, ge=1, le=366)  # retries stop this long after the period ended
    max_refusals: int = Field(default=3, ge=1, le=100)  # permanent refusals (5xx) in a row before giving up


class SourcesFile(_Model):
    crawl: CrawlSettings = CrawlSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    delivery: DeliverySettings = DeliverySettings()
    systems: list[Source] = Field(min_length=1)

    def get(self, system_id: str) -> Source:
        for source in self.systems:
            if source.id == system_id:
                return source
        raise KeyError(system_id)
