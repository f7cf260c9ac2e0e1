"""The Scrapy project: spiders that visit each system's start URLs and hand what they fetch to the archive.

Crawls run in a child process (Scrapy's reactor starts once per process). Driven by
`config/ics_sources.yaml` through `monitor.config`; writes only through `store`.
"""
