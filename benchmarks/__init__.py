"""Benchmarks: a deterministic seed generator and the `make bench` runner."""
