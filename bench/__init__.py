"""Benchmarks (``make bench``). Each figure is printed beside a peer measured in
the same run, as a ratio, so the numbers mean the same on any machine."""
