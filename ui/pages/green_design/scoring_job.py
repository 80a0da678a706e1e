"""Scoring the Green design page's design in worker threads, the newest request winning.

Scoring a 10,000-part BOM takes about a second and the improvement search much
longer, so the page's own refreshes do neither in the GUI thread. There it only
takes a :class:`Snapshot` of the designs :func:`~greendesign.scoring.score_json`
reads, pickled: one bytes object that later edits of the open project cannot
reach (the BOM editor changes parts in place). Pickling is the cheapest copy
in the GUI thread (a 10,000-part design: about 60 ms, against 30 ms for
``model_dump()`` plus Python's garbage collection of its million new objects,
often 200 ms more, and 200-300 ms for ``model_copy(deep=True)``). The worker
unpickles it, scores it and prepares the rows of the findings list, so the GUI
thread only puts the finished result on screen.

:class:`ScoringRunner` runs the scores in one :class:`~ui.services.lca_service.JobThread`
and the improvement search in a second one: the search cannot be interrupted
once it runs, and it must not hold back the scores of the next edit. A new
request cancels the queued jobs of the older ones, and whatever an older
request still delivers is dropped (:attr:`ScoringRunner.generation`).
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from greendesign.model import BASELINE, Project, Variant
from greendesign.scoring import score_json
from ui.pages.green_design.scorecards import worst_first
from ui.services.lca_service import JobThread, LcaJob

log = logging.getLogger("greendesign.ui")

Lookup = Callable[[str], float | None]


@dataclass(frozen=True)
class Snapshot:
    """The shown design, the reference design and the settings, pickled."""

    design: str
    data: bytes

    @classmethod
    def take(cls, project: Project, design: str) -> Snapshot:
        """Copy what scoring ``design`` reads (GUI thread; raises like ``project.design``).

        The copy holds only the designs :func:`score_json` reads; when the
        baseline is neither of them, the shown design stands in for it.
        """
        names = dict.fromkeys((design, project.settings.reference_variant))
        products = {name: project.design(name) for name in names}
        variants = [Variant.model_construct(name=name, product=product)
                    for name, product in products.items() if name != BASELINE]
        slim = Project.model_construct(product=products.get(BASELINE, products[design]),
                                       variants=variants, settings=project.settings)
        return cls(design, pickle.dumps(slim, protocol=pickle.HIGHEST_PROTOCOL))

    def project(self) -> Project:
        """A project of its own holding the copied designs (worker thread)."""
        return pickle.loads(self.data)  # noqa: S301 - made by take() in this process


@dataclass(frozen=True)
class ScoreRequest:
    """What to score (made in the GUI thread)."""

    snapshot: Snapshot
    gwp: Lookup | None
    profile: str | None

    def score(self, project: Project, suggestions: bool) -> dict[str, Any]:
        return score_json(project, self.snapshot.design, self.gwp, profile=self.profile,
                          suggestions=suggestions)


@dataclass(frozen=True)
class Scored:
    """A scoring result with its findings worst first, and the project it was made of."""

    project: Project
    result: dict[str, Any]
    findings: list[dict[str, Any]]


def safe_lookup(lookup: Lookup) -> Lookup:
    """``lookup`` that answers None instead of raising (a missing factor must not stop
    scoring)."""

    def safe(code: str) -> float | None:
        try:
            return lookup(code)
        except Exception as exc:  # noqa: BLE001 - a missing factor must not stop scoring
            log.debug("no GWP factor for %s: %s", code, exc)
            return None
    return safe


class ScoringRunner(QObject):
    """The page's scoring and improvement search in worker threads; the newest request wins.

    Signals (only for the newest request)
    -------------------------------------
    scored(object)
        The :class:`Scored` result (its suggestions still empty).
    failed(str)
        The scoring failed: the error's message with its hint.
    suggestionsFound(object)
        The list of suggestion dicts.
    suggestionsFailed(str)
        The improvement search failed: the error's message.
    """

    scored = Signal(object)
    failed = Signal(str)
    suggestionsFound = Signal(object)
    suggestionsFailed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scores = JobThread("green-scores", self)
        self.search = JobThread("green-suggestions", self)
        self.generation = 0
        self.scoring = False  # the newest request's scores are on their way
        self.searching = False  # the newest request's suggestions are on their way
        self.stopped = False

    @property
    def busy(self) -> bool:
        """Whether results of the newest request are still to come."""
        return self.scoring or self.searching

    def drop(self) -> int:
        """Forget the requests so far (their results are dropped); the new generation."""
        self.generation += 1
        self.scoring = self.searching = False
        for worker in (self.scores, self.search):
            for job in list(worker.jobs):
                job.cancel()
        return self.generation

    def score(self, request: ScoreRequest, suggestions: bool = True) -> None:
        """Score ``request`` in the worker, then (with ``suggestions``) search improvements."""
        if self.stopped:
            return
        generation = self.drop()

        def work(_progress, _cancelled) -> Scored:
            project = request.snapshot.project()
            result = request.score(project, suggestions=False)
            return Scored(project, result, worst_first(result))

        job = LcaJob("green design scores", work)
        job.finished.connect(lambda value, g=generation: self._scored(
            g, value, request if suggestions else None))
        job.failed.connect(lambda message, g=generation: self._failed(g, message))
        self.scoring = True
        self.scores.submit(job)

    def find_suggestions(self, request: ScoreRequest, project: Project | None = None) -> None:
        """Search improvements of ``request`` (of ``project``, its snapshot's project when
        already made) in the worker, for the current generation."""
        if self.stopped:
            return
        generation = self.generation

        def work(_progress, _cancelled) -> list[dict[str, Any]]:
            source = project if project is not None else request.snapshot.project()
            return request.score(source, suggestions=True)["suggestions"]

        job = LcaJob("green design suggestions", work)
        job.finished.connect(lambda found, g=generation: self._found(g, found))
        job.failed.connect(lambda message, g=generation: self._search_failed(g, message))
        self.searching = True
        self.search.submit(job)

    def _scored(self, generation: int, value: Scored, request: ScoreRequest | None) -> None:
        if generation != self.generation:
            return  # outdated: a newer request is under way
        self.scoring = False
        if request is not None:
            self.find_suggestions(request, value.project)
        self.scored.emit(value)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.scoring = False
            self.failed.emit(message)

    def _found(self, generation: int, found: list[dict[str, Any]]) -> None:
        if generation == self.generation:
            self.searching = False
            self.suggestionsFound.emit(found)

    def _search_failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.searching = False
            log.warning("improvement suggestions failed: %s", message)
            self.suggestionsFailed.emit(message)

    def stop(self) -> None:
        """Drop the requests and end both threads (on close); waits for running work."""
        self.stopped = True
        self.drop()
        self.scores.stop()
        self.search.stop()
