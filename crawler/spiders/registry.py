"""Which spider crawls which system: a registered per-site spider, or the generic `SystemSpider`.

Takes a system id, returns the spider class. A per-site spider subclasses `SystemSpider`, names its
system in `system_id` (the same slug as in config/ics_sources.yaml and tests/sites/), overrides only
what the site needs, and is listed in `SITE_SPIDERS` below.
"""

from __future__ import annotations

from .sites.fernvale import FernvaleSpider
from .system import SystemSpider

SITE_SPIDERS: dict[str, type[SystemSpider]] = {spider.system_id: spider for spider in (FernvaleSpider,)}


def spider_for(system_id: str) -> type[SystemSpider]:
    return SITE_SPIDERS.get(system_id, SystemSpider)
