"""The environment along the orbit as the orbit model sees it: the radiator's effective
sink, the heat the array absorbs per unit area, the Sun on the cells and the Sun's
visible fraction (:mod:`thermo_orbit.environment`, Gilmore 2002, ch. 2), at the step
starts and midpoints of the orbit's grid (:mod:`thermo_orbit.transient.grid`).

Between two edges of the grid every flux is a smooth function of the phase, so it is
evaluated by the environment's kernels at a few Chebyshev points of each interval and
carried to the steps' nodes by barycentric interpolation (Berrut & Trefethen 2004, Eq.
5.2 with the weights of Chebyshev points of the second kind); an interval with few
nodes is evaluated at its nodes directly.  The forcing is computed once per distinct
orbit and set of surface properties.

References
----------
1. Gilmore, D. G. (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed., 2002, ch. 2.
2. Berrut, J.-P. and Trefethen, L. N., Barycentric Lagrange interpolation, *SIAM Review*
   46 (3), 501-517, 2004.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from .. import environment as env
from .. import orbit as orb
from ..power.solar_array import pointing_si
from ..thermal import radiator as rad
from .grid import phase_grid
from .model import TransientModel, take

__all__ = ["forcing_si", "forcing_at", "orbit_forcing", "design_steps", "OrbitForcing", "FORCING_FIELDS",
           "KERNEL_FORCING", "CHEBYSHEV_POINTS"]

#: per-design fields the forcing depends on (with the model's orientation and pointing)
FORCING_FIELDS = ("a", "beta", "S", "albedo", "olr", "alpha_rad", "eps_rad", "alpha_arr", "eps_f", "eps_b")
#: the forcing the compiled kernel reads, in this order: the radiator's effective sink [K],
#: the heat the array absorbs per unit area (both faces) [W/m²], the Sun on the cells [W/m²],
#: the Sun's visible fraction [dimensionless] (the racks' power between eclipse and sunlight)
KERNEL_FORCING = ("sink_rad", "q_arr", "sun_cells", "lit")
#: Chebyshev points per smooth interval: the interpolant of the environment's fluxes is
#: within 2e-4 W/m² of them (the array's view of the Earth, whose view factor has a
#: square-root edge; the rest within 1e-9; tested)
CHEBYSHEV_POINTS = 17
_BLOCK = 256  # orbits evaluated together: their temporaries stay in cache


def forcing_si(m: TransientModel, u: np.ndarray) -> dict:
    """Environmental forcing at phases ``u`` [rad] (shape (D, K)): absorbed fluxes per unit
    area of radiator (both faces) and array [W/m²], the radiator's effective sink [K]
    (:func:`thermo_orbit.thermal.radiator.sink_from_flux_si` of the mean absorbed flux of its
    two faces), the Sun on the cells [W/m²] and the Sun's visible fraction [dimensionless]
    (Gilmore 2002, ch. 2; Montenbruck & Gill 2000, Eq. 3.87 for the penumbra)."""
    a, b = m.a[:, None], m.beta[:, None]
    S, alb, olr = m.S[:, None], m.albedo[:, None], m.olr[:, None]
    lit = orb.sunlit_fraction_si(a, b, u)
    tA, azA = rad.attitude_si(m.orientation, b, u)
    eps_rad = m.eps_rad[:, None]
    alpha_rad, alpha_arr = m.alpha_rad[:, None], m.alpha_arr[:, None]
    qa, qb = env.plate_faces_si(a, b, u, tA, azA, alpha_rad, eps_rad, alpha_rad, eps_rad, S, alb, olr, lit)
    tf, azf, cos_inc = pointing_si(m.pointing, b, u)
    fa, fb = env.plate_faces_si(a, b, u, tf, azf, alpha_arr, m.eps_f[:, None], alpha_arr, m.eps_b[:, None], S, alb, olr,
                                lit)
    q_rad = sum(qa) + sum(qb)
    return dict(q_rad=q_rad, sink_rad=rad.sink_from_flux_si(0.5 * q_rad, eps_rad), q_arr=sum(fa) + sum(fb),
                sun_cells=S * lit * np.maximum(cos_inc, 0.0), lit=lit)


class OrbitForcing(NamedTuple):
    """The forcing of one orbit at its grid's nodes: ``F`` (4, U, 2 steps + 1), the fields of
    :data:`KERNEL_FORCING` per distinct orbit (and step count); ``step`` (U, steps) and
    ``nodes`` (U, 2 steps + 1), the grid's phase steps and node phases [rad], padded past a
    row's own count with zero steps at the orbit's end; ``which`` (D,), each design's row;
    ``steps`` (D,), each design's step count."""

    F: np.ndarray
    step: np.ndarray
    nodes: np.ndarray
    which: np.ndarray
    steps: np.ndarray

    @property
    def key(self) -> tuple:
        """The model-cache key of this forcing: its designs' step counts [dimensionless]."""
        return _key(self.steps)

    def take(self, idx) -> OrbitForcing:
        """The forcing of the designs ``idx`` only."""
        return self._replace(which=self.which[idx], steps=self.steps[idx])


def _key(steps: np.ndarray) -> tuple:
    return ("forcing", np.asarray(steps, dtype=np.int64).tobytes())


def _chebyshev(p: int):
    """Chebyshev points of the second kind on [−1, 1], ascending, and their barycentric
    weights (−1)^j, halved at the ends (Berrut & Trefethen 2004, Eq. 5.4)."""
    j = np.arange(p)
    w = np.where(j % 2 == 0, 1.0, -1.0) * np.where((j == 0) | (j == p - 1), 0.5, 1.0)
    # scaled into the interval by 1e-10: at an edge itself a flux may take either side's value
    return -np.cos(np.pi * j / (p - 1)) * (1.0 - 1e-10), w


@njit(cache=True)
def _plan(bounds, counts, nodes, xj, coarse, first):
    """Where to evaluate each interval: at its nodes when it has at most ``p`` of them, else
    at ``p`` Chebyshev points x_j = cos(jπ/(p − 1)) mapped onto it; ``first`` holds each
    interval's first column in ``coarse`` (padded with its last phase)."""
    U, n_int = counts.shape
    p = xj.size
    for r in range(U):
        c, s = 0, 0
        for i in range(n_int):
            n = counts[r, i]
            first[r, i] = c
            if n == 0:
                continue
            if 2 * n + 1 <= p:
                for k in range(2 * n + 1):
                    coarse[r, c + k] = nodes[r, 2 * s + k]
                c += 2 * n + 1
            else:
                lo, hi = bounds[r, i], bounds[r, i + 1]
                for j in range(p):  # xj within (−1, 1) by 1e-10: the fluxes' limits inside, not at the edge
                    coarse[r, c + j] = 0.5 * (lo + hi) + 0.5 * (hi - lo) * xj[j]
                c += p
            s += n
        for k in range(c, coarse.shape[1]):
            coarse[r, k] = coarse[r, c - 1]


@njit(cache=True, error_model="numpy")
def _interpolate(bounds, counts, nodes, xj, wj, first, values, out):
    """Node values of each interval from its coarse values (fields, rows, points): copied,
    or by the barycentric formula on Chebyshev points (weights (−1)^j, halved at the ends;
    Berrut & Trefethen 2004), the weights of a node shared by the fields."""
    nf = values.shape[0]
    U, n_int = counts.shape
    p = xj.size
    c_j = np.empty(p)
    for r in range(U):
        s = 0
        for i in range(n_int):
            n = counts[r, i]
            if n == 0:
                continue
            c = first[r, i]
            if 2 * n + 1 <= p:
                for k in range(2 * n + 1):
                    for f in range(nf):
                        out[f, r, 2 * s + k] = values[f, r, c + k]
            else:
                lo, hi = bounds[r, i], bounds[r, i + 1]
                for k in range(2 * n + 1):
                    x = (2.0 * nodes[r, 2 * s + k] - lo - hi) / (hi - lo)
                    den = 0.0
                    for j in range(p):
                        d = x - xj[j]
                        c_j[j] = wj[j] / (d if d != 0.0 else 1e-300)  # at a point itself: its value
                        den += c_j[j]
                    for f in range(nf):
                        num = 0.0
                        for j in range(p):
                            num += c_j[j] * values[f, r, c + j]
                        out[f, r, 2 * s + k] = num / den
            s += n


def _forcing_rows(m: TransientModel, steps: np.ndarray):
    """Indices of the designs that start each distinct orbit, set of surface properties and
    step count, and each design's row."""
    inputs = np.column_stack([np.asarray(getattr(m, name), dtype=np.float64) for name in FORCING_FIELDS]
                             + [steps.astype(np.float64)])
    if inputs.shape[0] > 1 and np.all(inputs == inputs[:1]):
        return np.zeros(1, dtype=np.int64), np.zeros(inputs.shape[0], dtype=np.int64)
    _, first, which = np.unique(inputs, axis=0, return_index=True, return_inverse=True)
    return np.asarray(first, dtype=np.int64), np.asarray(which, dtype=np.int64).ravel()


def forcing_at(m: TransientModel, phases) -> dict:
    """:func:`forcing_si` at the same phases [rad] (K,) for every design, (D, K) each,
    computed once per distinct orbit and set of surface properties ([K], [W/m²]; Gilmore
    2002, ch. 2)."""
    rows, which = _forcing_rows(m, np.zeros(len(m.names), dtype=np.int64))
    u = np.broadcast_to(np.asarray(phases, dtype=np.float64), (rows.size, np.size(phases)))
    values = forcing_si(take(m, rows), u)
    return {key: val[which] for key, val in values.items()}


def design_steps(m: TransientModel, steps) -> np.ndarray:
    """``steps`` (a count, or one per design) as each design's step count, (D,) int."""
    return np.broadcast_to(np.asarray(steps, dtype=np.int64), (len(m.names),)).copy()


def orbit_forcing(m: TransientModel, steps) -> OrbitForcing:
    """The forcing (the radiator's sink [K], the heat the array absorbs [W/m²], the Sun on
    the cells [W/m²]) at the step starts, midpoints and end of the orbit's grid (``steps``:
    a count, or one per design), cached on the model (every shooting iteration integrates
    the same orbit) and computed once per distinct orbit, set of surface properties and
    step count (:func:`forcing_si`, Gilmore 2002, ch. 2)."""
    counts = design_steps(m, steps)
    cache = m.__dict__.setdefault("_column_cache", {})
    key = _key(counts)
    if key not in cache:
        rows, which = _forcing_rows(m, counts)
        grid = phase_grid(m.a[rows], m.beta[rows], m.pointing, counts[rows])
        U, n_int = grid.counts.shape
        first = np.zeros((U, n_int), dtype=np.int64)
        width = int(np.max(np.sum(np.minimum(2 * grid.counts + 1, CHEBYSHEV_POINTS) * (grid.counts > 0), axis=1)))
        coarse = np.empty((U, width))
        xj, wj = _chebyshev(CHEBYSHEV_POINTS)
        _plan(grid.bounds, grid.counts, grid.nodes, xj, coarse, first)
        F = np.empty((len(KERNEL_FORCING), U, grid.nodes.shape[1]))
        for start in range(0, U, _BLOCK):
            block = slice(start, min(start + _BLOCK, U))
            values = forcing_si(take(m, rows[block]), coarse[block])
            _interpolate(grid.bounds[block], grid.counts[block], grid.nodes[block], xj, wj, first[block],
                         np.stack([values[name] for name in KERNEL_FORCING]), F[:, block])
        _pad(F, counts[rows])
        cache[key] = OrbitForcing(F, grid.step, grid.nodes, which, counts)
    return cache[key]


def _pad(F, row_steps) -> None:
    """Past a row's own count its nodes hold its last node's forcing (its zero steps)."""
    for r in np.flatnonzero(row_steps < row_steps.max()):
        S = row_steps[r]
        F[:, r, 2 * S + 1:] = F[:, r, 2 * S:2 * S + 1]
