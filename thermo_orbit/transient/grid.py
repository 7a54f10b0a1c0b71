"""The orbit's time steps, aligned with the edges of the forcing.

Along a circular orbit the environment is smooth except at a few phases where a flux or
its slope jumps: where the Sun's disk starts and ends to be occulted (penumbra and umbra
edges, Montenbruck & Gill 2000, Sec. 3.4.2: the apparent separation θ of the Sun and
the Earth's centre, cos θ = −cos β cos u, equals b + a_s or b − a_s), at the terminator
(the sub-satellite solar zenith angle crosses 90°, where the albedo and the Sun on a
nadir or zenith face start: cos β cos u = 0, Gilmore 2002, ch. 2) and, for a tracking
array, where the Earth's disk starts or stops filling its view (the plate-to-sphere view
factor changes form at a tilt of 90° ± ρ, sin ρ = R/a, Modest 2013, App. D).  A fixed
step that straddles such a phase samples a kink and loses the Runge–Kutta method's order
there; a grid with a step boundary at every edge keeps it.  The steps of one orbit are
shared out over the intervals between edges in proportion to their length, the penumbra
intervals (seconds long, where the sunlit fraction falls from 1 to 0) three times as
densely.

The grid is in orbit phase from orbit noon [rad]; a design's time steps are its phase
steps times period/(2π).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from ..constants import EARTH_RADIUS
from ..orbit import kernels as orb

__all__ = ["EDGE_KINDS", "edge_phases_si", "PhaseGrid", "phase_grid"]

#: the kinds of edge, in the columns of :func:`edge_phases_si`: penumbra (first contact of
#: the Sun's disk with the Earth's), umbra (last contact), terminator, view (the Earth's
#: disk entering or leaving a tracking array's view)
EDGE_KINDS = ("penumbra", "penumbra", "umbra", "umbra", "terminator", "terminator", "view", "view", "view", "view")
_PENUMBRA, _UMBRA = 0, 1
_KIND_CODES = np.array([{"penumbra": _PENUMBRA, "umbra": _UMBRA}.get(k, 2) for k in EDGE_KINDS], dtype=np.int64)
#: steps per unit of phase in a penumbra interval, relative to the rest of the orbit
PENUMBRA_DENSITY = 3.0


def _pair(cos_u):
    """The two phases u and 2π − u [rad] with cos u = ``cos_u``, NaN where |cos_u| ≥ 1."""
    u = np.arccos(np.where(np.abs(cos_u) < 1.0, cos_u, np.nan))
    return u, 2.0 * np.pi - u


def edge_phases_si(a, beta, pointing: str):
    """Phases [rad] of the forcing's edges along a circular orbit of radius ``a`` [m] at β
    [rad], shape (..., 10) in the order of :data:`EDGE_KINDS`, NaN where an edge does not
    occur (no eclipse, a fixed view).  The shadow edges are those of the conical shadow of
    :func:`thermo_orbit.orbit.sunlit_fraction_si` (Montenbruck & Gill 2000, Sec. 3.4.2),
    the terminator where cos β cos u = 0 (Gilmore 2002, ch. 2), the view edges where a
    ``sun_tracking`` or ``single_axis`` array's tilt from nadir is 90° ± ρ, sin ρ = R/a
    (Modest 2013, App. D: full, partial and no view of the sphere)."""
    a, beta = np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(beta, dtype=np.float64))
    cb = np.cos(beta)
    safe_cb = np.where(np.abs(cb) > 1e-12, cb, np.nan)
    b = orb.earth_angular_radius_si(a)
    a_s = orb.sun_angular_radius_si()
    cols = [*_pair(-np.cos(b + a_s) / safe_cb), *_pair(-np.cos(b - a_s) / safe_cb), *_pair(0.0 * safe_cb)]
    sin_rho = EARTH_RADIUS.si / a
    if pointing == "sun_tracking":  # tilt = acos(−cos β cos u): 90° ± ρ where cos β cos u = ∓ sin ρ
        cols += [*_pair(sin_rho / safe_cb), *_pair(-sin_rho / safe_cb)]
    elif pointing == "single_axis":  # tilt = acos(−cos u)
        cols += [*_pair(sin_rho), *_pair(-sin_rho)]
    else:
        cols += [np.full(a.shape, np.nan)] * 4
    return np.stack(cols, axis=-1)


class PhaseGrid(NamedTuple):
    """The steps of one orbit per distinct orbit (row), each row with its own count
    ``counts.sum(1)`` and padded to the longest: step lengths in phase (U, steps) [rad]
    (zero past a row's count), the phases of the step starts, midpoints and end (U,
    2 steps + 1) [rad] (2π past a row's count), and the intervals between edges: their
    bounds (U, E + 2) [rad] and step counts (U, E + 1)."""

    step: np.ndarray
    nodes: np.ndarray
    bounds: np.ndarray
    counts: np.ndarray


@njit(cache=True)
def _share(lengths, weights, steps, counts):
    """Steps per interval: in proportion to weight × length, at least one per interval of
    nonzero length, summing to ``steps`` (the coarsest interval gets the next step)."""
    total = 0.0
    for i in range(lengths.size):
        total += weights[i] * lengths[i]
    used = 0
    for i in range(lengths.size):
        counts[i] = max(1, int(steps * weights[i] * lengths[i] / total)) if lengths[i] > 0.0 else 0
        used += counts[i]
    while used != steps:
        best, pick = -1.0, -1
        for i in range(lengths.size):
            if lengths[i] <= 0.0:
                continue
            coarse = weights[i] * lengths[i] / counts[i]
            adding = used < steps and coarse > best
            removing = used > steps and counts[i] > 1 and (pick < 0 or coarse < best)
            if adding or removing:
                best, pick = coarse, i
        counts[pick] += 1 if used < steps else -1
        used += 1 if used < steps else -1


@njit(cache=True)
def _fill(edges, kinds, row_steps, density, step, nodes, bounds, counts):
    """Sorted edges of each row → its intervals, step counts, steps and nodes."""
    U, E = edges.shape
    lengths = np.empty(E + 1)
    weights = np.empty(E + 1)
    for r in range(U):
        order = np.argsort(edges[r])  # NaN last
        bounds[r, 0] = 0.0
        kind_prev = -1
        for i in range(E + 1):
            lo = bounds[r, i]
            e = edges[r, order[i]] if i < E else np.nan
            hi = e if (i < E and not np.isnan(e)) else 2.0 * np.pi
            kind = kinds[order[i]] if (i < E and not np.isnan(e)) else -1
            bounds[r, i + 1] = hi
            lengths[i] = hi - lo
            in_penumbra = kind_prev >= 0 and kind >= 0 and kind_prev <= 1 and kind <= 1 and not (
                kind_prev == 1 and kind == 1)
            weights[i] = density if in_penumbra else 1.0
            kind_prev = kind if hi < 2.0 * np.pi else -1
        steps = row_steps[r]
        _share(lengths, weights, steps, counts[r])
        s = 0
        for i in range(E + 1):
            n = counts[r, i]
            if n == 0:
                continue
            h = lengths[i] / n
            for k in range(n):
                step[r, s] = h
                nodes[r, 2 * s] = bounds[r, i] + k * h
                nodes[r, 2 * s + 1] = bounds[r, i] + (k + 0.5) * h
                s += 1
        for j in range(2 * steps, nodes.shape[1]):
            nodes[r, j] = 2.0 * np.pi
        for j in range(steps, step.shape[1]):
            step[r, j] = 0.0


def phase_grid(a, beta, pointing: str, steps) -> PhaseGrid:
    """The steps of one orbit for each orbit (a [m], β [rad], arrays (U,)): ``steps`` steps
    (a count, or one per orbit) with a boundary at every edge of :func:`edge_phases_si`,
    shared out in proportion to the intervals' lengths (penumbra intervals
    :data:`PENUMBRA_DENSITY` times as densely)."""
    edges = edge_phases_si(a, beta, pointing).reshape(-1, len(EDGE_KINDS))
    edges = np.where((edges > 1e-9) & (edges < 2.0 * np.pi - 1e-9), edges, np.nan)
    U, E = edges.shape
    row_steps = np.broadcast_to(np.asarray(steps, dtype=np.int64), (U,)).copy()
    S = int(row_steps.max())
    step, nodes = np.empty((U, S)), np.empty((U, 2 * S + 1))
    bounds, counts = np.empty((U, E + 2)), np.zeros((U, E + 1), dtype=np.int64)
    _fill(edges, _KIND_CODES, row_steps, PENUMBRA_DENSITY, step, nodes, bounds, counts)
    return PhaseGrid(step, nodes, bounds, counts)
