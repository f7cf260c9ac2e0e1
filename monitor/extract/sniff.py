"""Format sniffing for extraction: `monitor.sniff`, which the crawler shares, so that what the crawler
archives and what extraction parses are decided by the same rules."""

from ..sniff import Sniffed, declared_format, sniff

__all__ = ["Sniffed", "declared_format", "sniff"]
