"""A large design's live model is built in the service's worker; edits made meanwhile
are applied when it is in, and the result equals a full assessment."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from bench.synthetic import synthetic_product
from greendesign.lca import live as live_module
from greendesign.lca.background import load_background
from greendesign.lca.engine import assess
from greendesign.model import Project
from greendesign.model.part import iter_parts
from ui.document.document import ProjectDocument
from ui.services.lca_service import WORKER_BUILD_LINES, LcaService, ServiceState

pytestmark = pytest.mark.inventory  # the installed inventory as the app home

TIMEOUT_MS = 120_000


@pytest.fixture
def service(qtbot):
    document = ProjectDocument()
    service = LcaService(document)
    qtbot.waitUntil(lambda: service.state == ServiceState.READY, timeout=TIMEOUT_MS)
    yield document, service
    service.stop()
    document.undo_stack.cleanChanged.disconnect()


def expected_totals(product, service) -> np.ndarray:
    return assess(product, list(service.background.methods), background=load_background(),
                  allow_gaps=True).total


def large_project() -> Project:
    project = Project(product=synthetic_product(WORKER_BUILD_LINES + 500))
    assert len(project.product.parts()) >= WORKER_BUILD_LINES
    return project


def test_a_large_design_is_built_in_the_worker(qtbot, service):
    document, service = service
    built_in = []
    original = live_module.LiveAssessment.__init__

    def recording(self, *args, **kwargs):
        built_in.append(threading.current_thread() is threading.main_thread())
        original(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(live_module.LiveAssessment, "__init__", recording)
        with qtbot.waitSignal(service.resultChanged, timeout=TIMEOUT_MS,
                              check_params_cb=lambda result: result is not None):
            document.set_project(large_project(), None)
            service.recompute()
            assert service.state == ServiceState.LOADING and service.result is None
    assert built_in == [False]  # once, not in the GUI thread
    assert service.state == ServiceState.READY
    np.testing.assert_allclose(service.result.total,
                               expected_totals(document.product, service), rtol=1e-12)


def test_edits_made_while_the_worker_builds_are_applied(qtbot, service):
    document, service = service
    entered, release = threading.Event(), threading.Event()
    original = live_module.LiveAssessment.__init__

    def held(self, *args, **kwargs):
        original(self, *args, **kwargs)  # built from the design before the edit
        if threading.current_thread() is not threading.main_thread():
            entered.set()
            release.wait(TIMEOUT_MS / 1000)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(live_module.LiveAssessment, "__init__", held)
        document.set_project(large_project(), None)
        service.recompute()
        assert entered.wait(TIMEOUT_MS / 1000)
        part = next(p for p, _count in iter_parts(document.product.bom))
        before = expected_totals(document.product, service)
        part.mass_kg *= 3.0  # edited in place after the build read it
        document.product_edited([part.id])
        with qtbot.waitSignal(service.resultChanged, timeout=TIMEOUT_MS,
                              check_params_cb=lambda result: result is not None):
            release.set()
    after = expected_totals(document.product, service)
    assert not np.allclose(before, after, rtol=1e-9)
    np.testing.assert_allclose(service.result.total, after, rtol=1e-12)
    assert service._build_job is None  # noqa: SLF001 - no second build for a part's edit
