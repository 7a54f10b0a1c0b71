"""The searches of the orbit sizing on SI float arrays, vectorised over designs: the radiator
area scale at which the hottest junction of the periodic orbit (hot case) meets its limit,
and the survival-heater capacity at which the coldest coolant (cold case) keeps its freeze
margin.  Each is a bracketed regula falsi with the Illinois modification (Dowell & Jarratt
1971), on the designs still searching only.

The orbit model of a design at an area scale s is that of its loop re-sized by the steady
system kernel with ``area_scale = s`` (:func:`thermo_orbit.system.evaluate.evaluate_si`):
the tubes' length and the panel's mass and heat capacity follow the area, the tube count
the target velocity, the pump power the new pressure drop, and the power system the new
loads; the rack's heat, the coolant's glide and temperatures at the cold plate are those of
the steady sizing.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from ..system.evaluate import evaluate_si
from ..system.fixed_point import system_fixed_point_si
from ..transient import TransientModel, periodic_orbit
from ..transient.model import LOOP_OUTPUTS, loop_row_si, take, with_columns

__all__ = ["OrbitDesigns", "illinois", "resize", "kernel_loops",
           "loop_columns", "hot_excess", "cold_margin", "size_area",
           "size_heater", "solve", "HOT_TOLERANCE", "FREEZE_TOLERANCE", "FREEZE_HOLD", "SCALES_UP", "SCALES_DOWN",
           "MAX_ITERATIONS"]

#: the area search stops when the hottest junction is within this below its limit [K]: a
#: fifth of the transient's own accuracy (0.05 K against Radau at rtol 1e-10)
HOT_TOLERANCE = 0.01
#: the heater search stops when the coldest coolant is between FREEZE_HOLD and FREEZE_HOLD +
#: FREEZE_TOLERANCE above its set point [K]: the hold keeps the final orbit (sized once more
#: with the battery and array) above the transient's own 1e-3 K verdict tolerance
FREEZE_TOLERANCE, FREEZE_HOLD = 0.01, 0.01
#: area scales tried above the steady area when the steady area is too hot in the orbit
SCALES_UP = (1.25, 1.6, 2.0)
#: area scales tried below the steady area to bracket the root (a design still cool enough
#: at the last keeps it: the search reports that area)
SCALES_DOWN = (0.5, 0.25, 0.125, 0.0625)
#: regula falsi iterations at most (Illinois converges superlinearly: 5 to 8 on the examples)
MAX_ITERATIONS = 30


@dataclass
class OrbitDesigns:
    """The designs being orbit-sized (one attitude: one radiator orientation and array
    pointing), their prepared contexts and orbit models at the steady sizing, SI arrays (D,)."""

    ctx: list  #: :class:`thermo_orbit.system.context.Prepared` of each design
    hot: TransientModel  #: hot case at the β of the hottest sink
    cold: TransientModel  #: cold case at the β of the longest eclipse
    drop: np.ndarray  #: junction − cold-plate wall, P R_jc [K]
    junction_limit: np.ndarray  #: [K]
    #: the steady system kernel's inputs of each design: (coolant, SI inputs by name, arrays (1,)),
    #: as its steady sizing took them (heat-pump lift chosen)
    kernel: list = field(default_factory=list)
    #: kernel overrides every re-sizing takes besides the area scale (name → array (D,)): the
    #: orbit's heater and battery loads, once known
    loads: dict = field(default_factory=dict)


def illinois(f, lo, hi, f_lo, f_hi, tol: float):
    """Root of decreasing functions between ``lo`` (f > 0) and ``hi`` (f ≤ 0), arrays (D,):
    regula falsi with the Illinois modification (the retained end's value halved when the
    same end is kept twice; Dowell & Jarratt 1971).  ``f(idx, x)`` evaluates the designs
    ``idx`` at x; NaN counts as positive (too small).  Stops a design when
    −tol ≤ f(hi) ≤ 0 or the bracket is below 1e-6 of hi.  Returns (hi, f(hi)): the end that
    meets the constraint."""
    lo, hi, f_lo, f_hi = (np.array(a, dtype=np.float64) for a in (lo, hi, f_lo, f_hi))
    g_lo, g_hi = f_lo.copy(), f_hi.copy()
    last = np.zeros(lo.shape, dtype=np.int8)  # +1: lo was replaced last, −1: hi
    for _ in range(MAX_ITERATIONS):
        act = np.flatnonzero((f_hi < -tol) & (hi - lo > 1e-6 * np.abs(hi)) & np.isfinite(g_lo))
        if act.size == 0:
            break
        w = hi[act] - lo[act]
        x = hi[act] - g_hi[act] * w / (g_hi[act] - g_lo[act])
        x = np.clip(np.where(np.isfinite(x), x, lo[act] + 0.5 * w), lo[act] + 1e-3 * w, hi[act] - 1e-3 * w)
        fx = f(act, x)
        pos = ~(fx <= 0.0)
        for sel, end in ((act[pos], 1), (act[~pos], -1)):
            val, xs = fx[pos] if end > 0 else fx[~pos], x[pos] if end > 0 else x[~pos]
            if end > 0:
                lo[sel], f_lo[sel], g_lo[sel] = xs, val, np.where(np.isfinite(val), val, 2.0 * g_lo[sel])
                g_hi[sel] = np.where(last[sel] > 0, 0.5 * g_hi[sel], g_hi[sel])
            else:
                hi[sel], f_hi[sel], g_hi[sel] = xs, val, val
                g_lo[sel] = np.where(last[sel] < 0, 0.5 * g_lo[sel], g_lo[sel])
            last[sel] = end
    return hi, f_hi


def resize(D: OrbitDesigns, idx, overrides: dict) -> list:
    """The steady system kernel's (columns, sized) of the designs ``idx`` with the kernel
    ``overrides`` (name → array aligned with idx; :func:`thermo_orbit.system.evaluate.evaluate_si`)."""
    out = []
    for j, i in enumerate(idx):
        ctx = D.ctx[i]
        out.append(evaluate_si(ctx.v, ctx, 1, {k: val[j] for k, val in overrides.items()}))
    return out


def kernel_loops(D: OrbitDesigns, idx, overrides: dict) -> dict:
    """The sized loops (:data:`thermo_orbit.transient.model.LOOP_OUTPUTS` → arrays aligned
    with ``idx``, SI) of the designs ``idx`` with the kernel ``overrides`` (name → array
    aligned with idx): the steady system kernel's fixed point
    (:func:`thermo_orbit.system.fixed_point.system_fixed_point_si`, the loop of Mackay 1963
    and the array of SMAD 1999 Eq. 11-5) on the inputs the steady sizing took, the designs
    of one coolant and loss rule in one call (each design's answer its own)."""
    idx = np.asarray(idx)
    out = {k: np.full(idx.size, np.nan) for k in LOOP_OUTPUTS}
    groups: dict = {}
    for j, i in enumerate(idx):
        coolant, p = D.kernel[i]
        groups.setdefault((id(coolant), p["reject_losses"]), []).append(j)
    for rows in groups.values():
        coolant = D.kernel[idx[rows[0]]][0]
        ps = [D.kernel[idx[j]][1] for j in rows]
        p = {k: (v if isinstance(v, bool) else np.concatenate([np.ravel(q[k]) for q in ps])) for k, v in ps[0].items()}
        p.update({k: np.asarray(v, dtype=np.float64)[rows] for k, v in overrides.items()})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            loop = system_fixed_point_si(coolant, p).loop
        for k in LOOP_OUTPUTS:
            out[k][rows] = np.ravel(loop[k])
    return out


def loop_columns(D: OrbitDesigns, idx, loops: dict) -> dict:
    """The orbit model's loop columns (:func:`thermo_orbit.transient.model.loop_row_si`) of the
    designs ``idx`` from their sized loops ``loops`` (as :func:`kernel_loops` returns)."""
    rows = [loop_row_si(D.ctx[i].v, {k: float(loops[k][j]) for k in LOOP_OUTPUTS}, float(D.hot.P_rack[i]),
                        D.hot.n_segments, float(D.hot.P_rack_eclipse[i])) for j, i in enumerate(idx)]
    return {k: np.array([r[k] for r in rows], dtype=np.float64) for k in rows[0]}


def solve(model: TransientModel):
    """The periodic orbit of ``model``: (certificate, recorded run)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        _, cert, run = periodic_orbit(model)
    return cert, run


def _over_orbit(run, cert, key: str, j: int, row=None):
    """One design's samples of a recorded quantity over its own steps."""
    k = int(cert["steps"][j]) + 1
    return run.trajectory[j, :k, row] if row is not None else run.recorded[key][j, :k]


def hot_excess(D: OrbitDesigns, idx, scale) -> np.ndarray:
    """Hottest junction of the periodic orbit (hot case) − its limit [K] of the designs
    ``idx`` at the area scales ``scale``: the rack node (the cold plates' wall) plus the
    junction-to-wall drop P R_jc; NaN where no periodic orbit is certified."""
    idx = np.asarray(idx)
    over = {"area_scale": np.asarray(scale, dtype=np.float64), **{k: v[idx] for k, v in D.loads.items()}}
    cols = loop_columns(D, idx, kernel_loops(D, idx, over))
    cert, run = solve(with_columns(take(D.hot, idx), cols))
    hottest = np.array([_over_orbit(run, cert, "", j, 0).max() for j in range(idx.size)])
    ok = (cert["periodicity_error_K"] < 1e-3) & (cert["periodicity_error_soc"] < 1e-6)
    return np.where(ok, hottest + D.drop[idx] - D.junction_limit[idx], np.nan)


def cold_margin(D: OrbitDesigns, idx, cols: dict, heater) -> np.ndarray:
    """Coldest coolant of the periodic orbit (cold case) − the heater's set point (melting
    point + freeze margin) [K] of the designs ``idx`` with the loop columns ``cols`` and the
    survival-heater capacities ``heater`` [W]; NaN where no periodic orbit is certified."""
    idx = np.asarray(idx)
    model = with_columns(take(D.cold, idx), {**cols, "P_heater_max": np.asarray(heater, dtype=np.float64)})
    cert, run = solve(model)
    coldest = np.array([_over_orbit(run, cert, "coolant_min", j).min() for j in range(idx.size)])
    ok = (cert["periodicity_error_K"] < 1e-3) & (cert["periodicity_error_soc"] < 1e-6)
    return np.where(ok, coldest - model.T_set, np.nan)


def _bracket(f, start, ups, downs):
    """The first bracket of the area scale: ``start`` (D,), times the factors ``ups`` where it
    is too hot, times the factors ``downs`` until too hot.  Returns lo, hi, f(lo), f(hi)."""
    n = start.size
    lo, f_lo = np.full(n, np.nan), np.full(n, np.nan)
    hi, f_hi = start.astype(np.float64), f(np.arange(n), start.astype(np.float64))
    for s in ups:
        up = np.flatnonzero(~(f_hi <= 0.0))
        if up.size == 0:
            break
        lo[up], f_lo[up] = hi[up], f_hi[up]
        hi[up], f_hi[up] = start[up] * s, f(up, start[up] * s)
    for s in downs:
        down = np.flatnonzero((f_hi <= 0.0) & (f_hi < -HOT_TOLERANCE) & np.isnan(lo))
        if down.size == 0:
            break
        fx = f(down, start[down] * s)
        hot = ~(fx <= 0.0)
        lo[down[hot]], f_lo[down[hot]] = start[down[hot]] * s, fx[hot]
        hi[down[~hot]], f_hi[down[~hot]] = start[down[~hot]] * s, fx[~hot]
    return lo, hi, f_lo, f_hi


def size_area(D: OrbitDesigns, start=None, ups=SCALES_UP, downs=SCALES_DOWN):
    """The smallest radiator area scale (of the steady area) whose periodic orbit in the hot
    case keeps the hottest junction at its limit (within :data:`HOT_TOLERANCE` below it),
    bracketed from ``start`` (default 1, the steady area) by the factors ``ups`` and
    ``downs``.  Returns (scale (D,), the junction's excess over its limit there [K]: ≤ 0
    where met, > 0 or NaN where even the largest scale tried is too hot)."""
    start = np.ones(len(D.ctx)) if start is None else np.asarray(start, dtype=np.float64)
    lo, hi, f_lo, f_hi = _bracket(lambda idx, x: hot_excess(D, idx, x), start, ups, downs)
    search = np.flatnonzero((f_hi <= 0.0) & np.isfinite(lo))
    if search.size:
        h, fh = illinois(lambda idx, x: hot_excess(D, search[idx], x), lo[search], hi[search], f_lo[search],
                         f_hi[search], HOT_TOLERANCE)
        hi[search], f_hi[search] = h, fh
    return hi, f_hi


def size_heater(D: OrbitDesigns, cols: dict):
    """The survival heater at the orbit-sized area (loop columns ``cols``): none needed where
    the coldest coolant of the cold case keeps its freeze margin by area alone (binding
    "hot"); else the design's capacity (``thermal.survival_heater_fraction``), raised where
    that is not enough (to :data:`FREEZE_HOLD` above the set point) up to the field's upper
    limit, twice the rack power (binding "cold").  Returns (capacity [W] (D,), binding (D,)
    of "hot"/"cold", the coldest coolant's margin over the set point with the capacity [K])."""
    n = len(D.ctx)
    idx = np.arange(n)
    alone = cold_margin(D, idx, cols, np.zeros(n))
    binding = np.where(alone >= 0.0, "hot", "cold").astype(object)
    capacity = D.cold.P_heater_max.copy()
    margin = alone.copy()
    need = np.flatnonzero(~(alone >= 0.0))
    if need.size == 0:
        return capacity, binding, margin
    sub = {k: v[need] for k, v in cols.items()}
    margin[need] = cold_margin(D, need, sub, capacity[need])
    more = need[~(margin[need] >= FREEZE_HOLD)]
    if more.size == 0:
        return capacity, binding, margin
    f_cap, top = FREEZE_HOLD - margin[more], 2.0 * D.cold.P_rack[more]

    def deficit(j, x):
        rows = more[j]
        return FREEZE_HOLD - cold_margin(D, rows, {k: v[rows] for k, v in cols.items()}, x)

    f_top = deficit(np.arange(more.size), top)
    capacity[more], margin[more] = top, FREEZE_HOLD - f_top
    ok = np.flatnonzero(f_top <= 0.0)
    if ok.size:
        cap, f = illinois(lambda j, x: deficit(ok[j], x), D.cold.P_heater_max[more[ok]],
                          top[ok], f_cap[ok], f_top[ok], FREEZE_TOLERANCE)
        capacity[more[ok]], margin[more[ok]] = cap, FREEZE_HOLD - f
    return capacity, binding, margin
