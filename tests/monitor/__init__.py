"""Tests for the `monitor` package, one module per stage."""
