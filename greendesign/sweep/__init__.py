"""Design-space sweeps: many candidate designs of one product, evaluated at once.

:mod:`.spec` says what varies, :mod:`.candidates` draws the candidates and
builds the design of one, :mod:`.evaluate` computes every candidate's life
cycle result and green design index as arrays, :mod:`.pareto` finds the
front, :mod:`.run` ties them together (:func:`run_sweep`).
"""

from greendesign.sweep.evaluate import SweepCancelled
from greendesign.sweep.pareto import pareto_front
from greendesign.sweep.run import SweepResult, run_sweep, sweep_json
from greendesign.sweep.spec import SweepSpec

__all__ = ["SweepCancelled", "SweepResult", "SweepSpec", "pareto_front", "run_sweep",
           "sweep_json"]
