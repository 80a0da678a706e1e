"""The Green design page scores in worker threads: the result of an edit arrives from
the worker and equals ``score_json`` of the same design; an outdated result is dropped."""

from __future__ import annotations

import threading

import pytest

from greendesign.bundled import demo_products
from greendesign.errors import GreenDesignError
from greendesign.model import BASELINE
from greendesign.model.part import iter_parts
from greendesign.scoring import score_json
from ui.document.document import ProjectDocument
from ui.pages.green_design import scoring_job
from ui.pages.green_design.green_design_page import GreenDesignPage
from ui.pages.green_design.scoring_job import Snapshot

TIMEOUT_MS = 30_000


@pytest.fixture
def document(qtbot):
    doc = ProjectDocument()
    yield doc
    doc.undo_stack.clear()


@pytest.fixture
def page(qtbot, document):
    document.open(next(p for p in demo_products() if "kettle" in p.stem))
    page = GreenDesignPage(document)
    qtbot.addWidget(page)  # closing the page stops its worker threads
    page.recompute()
    return page


class Gate:
    """A GWP lookup (2 kg CO2-eq per kg) that holds the worker until it is opened."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.open = threading.Event()

    def __call__(self, code: str) -> float:
        if threading.current_thread() is not threading.main_thread():
            self.entered.set()
            self.open.wait(TIMEOUT_MS / 1000)
        return 2.0


def heavier(document) -> None:
    """Double the mass of the first part of the shown design (an edit)."""
    product = document.product.model_copy(deep=True)
    next(p for p, _count in iter_parts(product.bom)).mass_kg *= 2
    document.put_product(BASELINE, product)


def test_an_edit_is_scored_in_the_worker_and_equals_score_json(qtbot, document, page):
    page.show()
    qtbot.waitExposed(page)
    shown = page.result
    gate = Gate()
    page.set_gwp_lookup(gate)
    heavier(document)
    qtbot.waitUntil(gate.entered.is_set, timeout=TIMEOUT_MS)
    # scoring: the state says so, the last result stays on screen
    assert page.busy() and page.scoring_label.isVisible()
    assert page.result is shown and not page.apply_button.isEnabled()
    with qtbot.waitSignal(page.scoresUpdated, timeout=TIMEOUT_MS):
        gate.open.set()
    assert not page.scoring_label.isVisible()
    expected = score_json(document.project, BASELINE, lambda code: 2.0)
    assert page.result["mass_kg"] == pytest.approx(expected["mass_kg"]) != shown["mass_kg"]
    assert page.result["gwp"]["materials_kg"] == pytest.approx(expected["gwp"]["materials_kg"])
    findings = sum(len(expected[key]) for key in (
        "restricted_substance_findings", "combination_findings", "plastic_marking_findings"))
    assert page.findings_model.rowCount() == findings
    qtbot.waitUntil(lambda: not page.busy(), timeout=TIMEOUT_MS)  # the improvements too
    assert page.result == expected
    assert page.suggestion_model.rowCount() == len(expected["suggestions"]) > 0


def test_an_outdated_result_is_dropped(qtbot, document, page):
    gate = Gate()
    page.set_gwp_lookup(gate)  # the page is hidden: nothing is scored yet
    page.recompute(wait=False)
    qtbot.waitUntil(gate.entered.is_set, timeout=TIMEOUT_MS)  # scoring the design as it was
    before = score_json(document.project, BASELINE, lambda code: 2.0)
    heavier(document)
    page.recompute(wait=False)  # a newer request while the first one runs
    shown = []
    page.scoresUpdated.connect(lambda: shown.append(page.result["mass_kg"]))
    gate.open.set()
    qtbot.waitUntil(lambda: not page.busy(), timeout=TIMEOUT_MS)
    expected = score_json(document.project, BASELINE, lambda code: 2.0)
    assert expected["mass_kg"] > before["mass_kg"]
    assert shown == [pytest.approx(expected["mass_kg"])]  # the first result never showed
    assert page.result == expected


def test_a_synchronous_recompute_drops_a_pending_worker_result(qtbot, document, page):
    gate = Gate()
    page.set_gwp_lookup(gate)
    page.recompute(wait=False)
    qtbot.waitUntil(gate.entered.is_set, timeout=TIMEOUT_MS)
    heavier(document)
    page.set_gwp_lookup(None)
    page.recompute()  # API callers read the result at once
    expected = score_json(document.project, BASELINE)
    assert page.result == expected and not page.busy()
    gate.open.set()
    page.runner.stop()  # waits for the outdated job to end
    qtbot.wait(50)  # its signals, if any, arrive
    assert page.result == expected


def test_a_scoring_error_in_the_worker_is_shown(qtbot, document, page, monkeypatch):
    def broken(*_args, **_kwargs):
        raise GreenDesignError("The part 'lid' has no material.",
                               hint="Choose a material for the part.")

    monkeypatch.setattr(scoring_job, "score_json", broken)
    page.recompute(wait=False)
    qtbot.waitUntil(lambda: not page.busy(), timeout=TIMEOUT_MS)
    assert page.result is None and not page.error_label.isHidden()
    assert "lid" in page.error_label.text() and "Choose a material" in page.error_label.text()


def test_the_snapshot_scores_like_the_project_and_edits_do_not_reach_it(document, page):
    project = document.project
    for design in project.design_names:
        expected = score_json(project, design)
        snapshot = Snapshot.take(project, design)
        for name in project.design_names:  # the BOM editor changes parts in place
            next(p for p, _count in iter_parts(project.design(name).bom)).mass_kg *= 3
        assert score_json(snapshot.project(), design) == expected
        assert score_json(project, design)["mass_kg"] > expected["mass_kg"]


def test_stop_ends_the_worker_threads(qtbot, document, page):
    page.recompute(wait=False)
    qtbot.waitUntil(lambda: not page.busy(), timeout=TIMEOUT_MS)
    assert page.runner.scores.thread.isRunning()
    page.stop()
    assert not page.runner.scores.thread.isRunning()
    assert not page.runner.search.thread.isRunning()
    page.recompute(wait=False)  # after the stop nothing starts again
    assert not page.runner.scores.thread.isRunning()


def test_scored_designs_and_their_jobs_are_freed(qtbot, document, page, monkeypatch):
    """The worker's copy of the design and the finished jobs do not outlive the edit: a
    signal connection holding its job kept every copy (megabytes per edit) for good."""
    import gc
    import weakref

    from ui.services.lca_service import LcaJob

    copies: list[weakref.ref] = []
    original = Snapshot.project

    def tracked(self):
        project = original(self)
        copies.append(weakref.ref(project))
        return project

    monkeypatch.setattr(Snapshot, "project", tracked)
    jobs: list[weakref.ref] = []
    made = LcaJob.__init__

    def counted(self, *args, **kwargs):
        made(self, *args, **kwargs)
        jobs.append(weakref.ref(self))

    monkeypatch.setattr(LcaJob, "__init__", counted)
    page.show()
    qtbot.waitExposed(page)
    for _ in range(3):
        with qtbot.waitSignal(page.scoresUpdated, timeout=TIMEOUT_MS):
            heavier(document)
        qtbot.waitUntil(lambda: not page.busy(), timeout=TIMEOUT_MS)
    qtbot.wait(50)  # the queued calls of the finished jobs
    gc.collect()
    assert len(copies) >= 3
    assert [ref for ref in copies if ref() is not None] == []
    assert len(jobs) >= 6  # scores and improvements of three edits
    assert [ref for ref in jobs if ref() is not None] == []


def test_the_findings_list_shows_every_finding_worst_first(qtbot, document, page):
    from PySide6.QtCore import Qt

    expected = score_json(document.project, BASELINE, None)
    findings = (expected["restricted_substance_findings"] + expected["combination_findings"]
                + expected["plastic_marking_findings"])
    model = page.findings_model
    assert model.rowCount() == len(findings) > 0
    order = {"fail": 0, "warning": 1, "info": 2}
    shown = [model.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(len(findings))]
    assert [order[f["severity"]] for f in shown] == sorted(order[f["severity"]] for f in findings)
    assert sorted(f["message"] for f in shown) == sorted(f["message"] for f in findings)
    for row, finding in enumerate(shown):
        assert model.index(row, 2).data() == finding["message"]
        assert model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) == finding["part_id"]
        bold = model.index(row, 0).data(Qt.ItemDataRole.FontRole)
        assert (bold is not None and bold.bold()) == (finding["severity"] == "fail")
