"""The open project's objects kept out of the cyclic garbage collector's passes.

A 10,000-part project is a few hundred thousand Python objects that live as long as
it is open. Every full pass of the cyclic collector walks all of them while holding
the GIL, so whichever thread triggers one stalls the window: scoring the Green design
page in its worker triggered several per edit, 0.2-0.4 s each at 10,000 parts, and
found nothing to collect. Once a project is open and its first result is in,
:class:`HeapKeeper` moves every object then alive into the collector's permanent
generation (:func:`gc.freeze`); passes then walk only what was made since. When
another project replaces it, :func:`gc.unfreeze` hands the old objects back to the
collector, so reference cycles the old project left are collected as usual.

The youngest generation is collected every 50,000 allocations instead of Python's
700: scoring a 10,000-part design makes a copy of it (about 100,000 objects) in its
worker, and with the default every copy set off full passes over everything made
since the freeze (18 passes of 50-130 ms for three edits; none with 50,000).
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject

log = logging.getLogger("greendesign.ui")

YOUNG_THRESHOLD = 50_000


class HeapKeeper(QObject):
    """Freezes the heap after the first result of each opened project (see module)."""

    def __init__(self, document, lca, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        self._pending = True
        document.projectReplaced.connect(self._replaced)
        lca.resultChanged.connect(self._result)

    def _replaced(self) -> None:
        gc.unfreeze()
        self._pending = True

    def _result(self, result) -> None:
        if result is None or not self._pending:
            return
        self._pending = False
        gc.freeze()
        log.debug("%d objects kept out of the garbage collector's passes",
                  gc.get_freeze_count())
