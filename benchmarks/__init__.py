"""Benchmarks: synthetic Persian data at scale and a runner that prints figures (not tests)."""
