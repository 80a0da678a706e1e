"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of ``repeat`` runs, seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def row(label: str, seconds: float, peer_label: str, peer_seconds: float) -> None:
    ratio = seconds / peer_seconds if peer_seconds > 0 else float("inf")
    print(f"{label:<52} {seconds * 1e3:9.2f} ms   {peer_label:<34} {peer_seconds * 1e3:9.2f} ms"
          f"   ratio {ratio:6.2f}x")
