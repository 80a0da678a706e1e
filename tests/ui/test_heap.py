"""The open project's objects leave the collector's passes after its first result and
come back when another project replaces it."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QObject, Signal

from ui.services.heap import YOUNG_THRESHOLD, HeapKeeper


class Document(QObject):
    projectReplaced = Signal()


class Service(QObject):
    resultChanged = Signal(object)


@pytest.fixture
def keeper(qapp):
    threshold = gc.get_threshold()
    document, service = Document(), Service()
    yield document, service, HeapKeeper(document, service)
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_objects_alive_at_the_first_result_are_frozen_until_the_project_is_replaced(keeper):
    document, service, _keeper = keeper
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    gc.unfreeze()
    service.resultChanged.emit(None)  # no result yet (the inventory is not ready)
    assert gc.get_freeze_count() == 0
    alive = [object() for _ in range(3)], {"a": [1]}
    service.resultChanged.emit(object())
    frozen = gc.get_freeze_count()
    assert frozen > 0 and gc.is_tracked(alive)
    assert not any(o is alive for o in gc.get_objects())  # out of every generation
    service.resultChanged.emit(object())  # later results of the same project: no change
    assert gc.get_freeze_count() == frozen
    document.projectReplaced.emit()
    assert gc.get_freeze_count() == 0
    assert any(o is alive for o in gc.get_objects())  # the collector sees them again
    cycle: list = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1  # cycles left by the old project are collected
    service.resultChanged.emit(object())
    assert gc.get_freeze_count() > 0
