"""ICS Watch: watches what England's Integrated Care Systems promise for babies, children and young people.

`monitor` holds everything between the crawler and the reader: configuration, classification, text
extraction, change detection, relevance, the digest, mail, the schedule and the command line. It never
imports Scrapy or `crawler`; it talks to the archive through `store`.
"""

__version__ = "0.1.0"
