"""Pareto fronts (non-dominated sets) of designs over several objectives, all minimised.

A point *a* dominates *b* when ``a ≤ b`` in every objective and ``a < b`` in at least one
(Deb, *Multi-Objective Optimization using Evolutionary Algorithms*, Wiley 2001, Def. 2.5).
Points sorted lexicographically can only be dominated by points before them, so the front
is built in one pass over blocks, each block checked against the front so far and
within itself: no Python loop per point, memory of the order front × block.
"""

from __future__ import annotations

import numpy as np

__all__ = ["pareto_mask", "merge_fronts"]

_BLOCK = 512


def pareto_mask(objectives) -> np.ndarray:
    """Boolean mask of the non-dominated rows of ``objectives`` (shape (n, k), every column
    minimised; rows with a NaN are never on the front).  Equal rows are all kept.

    >>> pareto_mask([[1, 4], [2, 2], [3, 3], [4, 1], [2, 5]]).tolist()
    [True, True, False, True, False]
    """
    F = np.asarray(objectives, dtype=np.float64)
    if F.ndim != 2:
        raise ValueError("objectives must be a 2-D array (designs × objectives)")
    n, k = F.shape
    mask = np.zeros(n, dtype=bool)
    finite = np.all(np.isfinite(F), axis=1)
    idx = np.flatnonzero(finite)
    if idx.size == 0:
        return mask
    G = F[idx]
    order = idx[np.lexsort(G.T[::-1])]
    if k == 2:  # sorted by the first objective: on the front iff the second beats every earlier point
        f1, f2 = F[order, 0], F[order, 1]
        best_before = np.concatenate(([np.inf], np.minimum.accumulate(f2)[:-1]))
        strict = f2 < best_before
        last = np.maximum.accumulate(np.where(strict, np.arange(f2.size), -1))
        last_before = np.concatenate(([-1], last[:-1]))
        dup = ~strict & (last_before >= 0) & (f2 == best_before) & (f1 == f1[np.maximum(last_before, 0)])
        mask[order[strict | dup]] = True
        return mask
    front = np.empty((0, k))
    for start in range(0, order.size, _BLOCK):
        block = order[start:start + _BLOCK]
        B = F[block]
        if front.shape[0]:
            le = np.all(front[:, None, :] <= B[None, :, :], axis=2)
            lt = np.any(front[:, None, :] < B[None, :, :], axis=2)
            alive = ~np.any(le & lt, axis=0)
            block, B = block[alive], B[alive]
        le = np.all(B[:, None, :] <= B[None, :, :], axis=2)
        lt = np.any(B[:, None, :] < B[None, :, :], axis=2)
        alive = ~np.any(le & lt, axis=0)
        mask[block[alive]] = True
        front = np.vstack([front, B[alive]])
    return mask


def merge_fronts(*fronts: np.ndarray) -> np.ndarray:
    """Indices into the stacked ``fronts`` (each (n_i, k)) of the front of their union."""
    stacked = np.vstack([np.asarray(f, dtype=np.float64) for f in fronts])
    return np.flatnonzero(pareto_mask(stacked))
