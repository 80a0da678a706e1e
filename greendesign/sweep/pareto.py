"""The Pareto front of candidates on two objectives."""

from __future__ import annotations

import numpy as np


def pareto_front(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mask of the candidates not dominated for minimising ``x`` and maximising ``y``.

    A candidate is dominated when another is no worse on both objectives and
    better on one. Candidates with a NaN objective are never on the front.
    Equal candidates do not dominate each other, so all copies of a front
    point are on it. Sorting by ``x`` (then ``y`` descending) and keeping the
    running maximum of ``y`` gives the front in O(n log n).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    mask = np.zeros(len(x), dtype=bool)
    valid = np.flatnonzero(~(np.isnan(x) | np.isnan(y)))
    if not len(valid):
        return mask
    order = valid[np.lexsort((-y[valid], x[valid]))]
    xs, ys = x[order], y[order]
    # the best y among candidates with a strictly smaller x
    best_before = np.full(len(order), -np.inf)
    running = np.maximum.accumulate(ys)
    starts = np.searchsorted(xs, xs, side="left")  # first candidate of each x value
    has_before = starts > 0
    best_before[has_before] = running[starts[has_before] - 1]
    # within one x value the first candidate has the highest y: the others must equal it
    top_of_x = ys[starts]
    mask[order] = (ys > best_before) & (ys == top_of_x)
    return mask
