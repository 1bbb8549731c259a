"""Benchmarks: one module per benchmark, each with main(argv) printing a table."""
