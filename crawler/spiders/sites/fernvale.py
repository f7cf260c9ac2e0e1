"""Fernvale (a fictional system; its saved pages are in tests/sites/fernvale/): the Joint Forward Plan
is a web book whose contents page lists the chapters as a grid of cards, not as a list, so the generic
spider sees a short page and no chapters."""

from __future__ import annotations

from ..pages import main_part, page_links
from ..system import SystemSpider


class FernvaleSpider(SystemSpider):
    """Plan chapters are the cards of the contents page, one page per chapter, in reading order."""

    system_id = "fernvale"

    def chapter_links(self, page) -> list[tuple[str, str]]:
        cards = main_part(page).select("div.cards a.card[href]")
        return page_links(page, cards, self.hosts) or super().chapter_links(page)
