"""The command line's progress bar: one updating line on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable


def progress_bar(quiet: bool) -> Callable[[float, str], None]:
    """A progress callback drawing one updating bar on stderr (lines when not a terminal)."""
    tty = sys.stderr.isatty()

    def report(fraction: float, message: str) -> None:
        if quiet:
            return
        bar = "#" * int(max(0.0, min(1.0, fraction)) * 30)
        text = f"[{bar:<30}] {fraction * 100:5.1f}%  {message[:60]:<60}"
        print(f"\r{text}" if tty else text, end="" if tty else "\n", file=sys.stderr,
              flush=True)
    return report
