"""Benchmarks of cdkg (issue 7): the synthetic corpus generator and the benchmark runner."""
