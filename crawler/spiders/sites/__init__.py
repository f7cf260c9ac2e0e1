"""Per-site spiders, one module per system id; registered in `crawler.spiders.registry`."""
