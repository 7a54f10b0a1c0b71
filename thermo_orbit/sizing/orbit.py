"""Orbit sizing (issue 23): the radiator, survival heater, battery and array sized against the
periodic orbit (:mod:`thermo_orbit.transient`) instead of the steady worst cases.

Starting from the steady answer (:func:`thermo_orbit.system.size_steady`), for each design:

1. **Radiator.**  The area scale s (of the steady area) at which the hottest junction over
   the periodic orbit in the hot case (the coating at its worst, the β of the hottest sink)
   equals its limit: bracketed regula falsi, Illinois (:func:`orbit_search.size_area`).  The
   loop is re-sized at every s by the steady kernel (tubes as long as the area needs, their
   count from the target velocity, the pump for the new pressure drop).
2. **Survival heater.**  The cold case (the coating at its best, the longest eclipse) at that
   area: the heater only where area alone cannot keep the coldest coolant at its freeze
   margin (binding "cold"), raised above the design's capacity where that is not enough
   (:func:`orbit_search.size_heater`); else binding "hot".
3. **Battery.**  Sized for the discharge of that cold-case orbit, (1 − SOC_min) × capacity,
   so the lowest state of charge sits at the allowed depth of discharge (the discharge over
   an eclipse does not depend on the capacity, so one proportional step lands on it; the
   final orbit checks it), with :data:`DOD_HOLD` in hand.
4. **Array.**  The steady array rule (SMAD 1999, Eq. 11-5) with the survival heater's orbit
   energy in daylight and in eclipse added to the loads.

The final design is sized once more with all of these and simulated in both cases; its
verdict (:mod:`thermo_orbit.constraints`) decides feasibility, so a design whose orbit is not
periodic, whose junction cannot be held even at twice the steady area, or whose coolant
freezes even with twice the rack power of heater is infeasible with its reason.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .. import orbit as orb
from ..errors import InputError
from ..system.context import prepare
from ..system.evaluate import evaluate_si
from ..system.result import build_result
from ..transient import build_model, simulate_orbit
from ..transient.model import take, with_columns
from ..units import Q_
from .orbit_result import fold_orbit_sizing, not_sized
from .orbit_search import OrbitDesigns, kernel_loops, loop_columns, resize, size_area, size_heater, solve

__all__ = ["size_orbit", "DOD_HOLD", "REFINE_UP", "REFINE_DOWN"]

#: the second round of the area search brackets its first answer by these factors
REFINE_UP, REFINE_DOWN = (1.005, 1.05, 1.25), (0.995, 0.95, 0.5)
#: the battery is sized to reach this fraction below its allowed depth of discharge over the
#: orbit, so that the final orbit's last digits sit on the safe side [dimensionless]
DOD_HOLD = 1e-3


def size_orbit(designs: list, strict: bool = False) -> list:
    """Orbit-size each design (see the module).  Returns, per design, (its
    :class:`~thermo_orbit.system.result.SystemResult` with the ``orbit_sizing`` section, its
    columns in the units of :data:`thermo_orbit.system.outputs.OUTPUTS` or None where the
    steady sizing is already infeasible).  Designs that differ in radiator orientation or
    array pointing are solved in groups; a steady-infeasible design is returned with the
    steady answer and the reason the orbit sizing did not start.  An attitude the orbit
    model does not cover raises its InputError with ``strict``, else makes the design
    infeasible with that reason."""
    ctx = [prepare(d) for d in designs]
    sized = [evaluate_si(c.v, c, 1) for c in ctx]  # the steady sizing (size_steady's steps, kept)
    steady = [build_result(d, c, cols, s) for d, c, (cols, s) in zip(designs, ctx, sized)]
    out: list = [None] * len(designs)
    groups: dict = {}
    for i, (d, r) in enumerate(zip(designs, steady)):
        if r.feasible:
            groups.setdefault((d["radiator.orientation"], d["power.pointing"]), []).append(i)
        else:
            out[i] = (not_sized(r, "the steady sizing, its start, is infeasible"), None)
    for rows in groups.values():
        try:
            kernel = [(ctx[i].v["coolant"], sized[i][1].p) for i in rows]
            group = _size_group([designs[i] for i in rows], [steady[i] for i in rows], [ctx[i] for i in rows],
                                kernel)
        except InputError as err:  # an attitude the orbit model does not cover
            if strict:
                raise
            group = [(not_sized(steady[i], str(err), invalid=True), None) for i in rows]
        for i, res in zip(rows, group):
            out[i] = res
    return out


def _prepared(designs: list, results: list, steady: list, ctx: list, kernel: list, loads=None) -> OrbitDesigns:
    """The designs' orbit models at the sizing ``results`` (contexts ``ctx``, steady kernel
    inputs ``kernel``); the junction limit and its drop to the cold-plate wall from the
    ``steady`` sizing."""
    beta_hot = Q_(np.array([c.beta_hot.to("deg").magnitude for c in ctx], dtype=np.float64), "deg")
    hot = build_model(designs, results, case="hot", beta=beta_hot)
    cold = build_model(designs, results, case="cold")
    tj = np.array([r.loop.junction_temperature.to("K").magnitude for r in steady], dtype=np.float64)
    wall = np.array([r.loop.cold_plate_wall_temperature.to("K").magnitude for r in steady], dtype=np.float64)
    return OrbitDesigns(ctx=ctx, hot=hot, cold=cold, drop=tj - wall, junction_limit=tj, kernel=kernel,
                        loads=loads or {})


def _orbit_loads(D: OrbitDesigns, cols: dict, capacity) -> dict:
    """The kernel overrides of the battery and array from the cold-case orbit at the sized
    area and heater: the heater's mean power over the longest eclipse and over its daylight
    [W] (its energy in the orbit's eclipse and daylight over the steady sizing's T_e and T_d),
    and the eclipse load [W] that sizes the battery for the orbit's own discharge."""
    n = len(D.ctx)
    m = with_columns(take(D.cold, np.arange(n)), {**cols, "P_heater_max": capacity})
    cert, run = solve(m)
    over = {k: np.zeros(n) for k in ("heater_daylight", "heater_eclipse", "battery_load_eclipse")}
    for j, ctx in enumerate(D.ctx):
        k = int(cert["steps"][j]) + 1
        t, heater, soc = run.time[j, :k], run.recorded["heater"][j, :k], run.trajectory[j, :k, -1]
        dark = orb.sunlit_fraction_si(m.a[j], m.beta[j], 2.0 * np.pi * t / m.period[j]) < 0.5
        T_e, T_d = ctx.T_e.to("s").magnitude, ctx.T_d.to("s").magnitude
        over["heater_eclipse"][j] = np.trapezoid(np.where(dark, heater, 0.0), t) / T_e if T_e > 0 else 0.0
        over["heater_daylight"][j] = np.trapezoid(np.where(dark, 0.0, heater), t) / T_d
        # SMAD Eq. 11-6 sizes the capacity as E_eclipse / (DoD η_t): the orbit's discharge is
        # (1 − SOC_min) E_cap, so the eclipse energy that sizes it to the allowed DoD is η_t times it
        discharge = max(1.0 - float(soc.min()), 0.0) * m.E_cap[j]
        over["battery_load_eclipse"][j] = discharge * m.eta_t[j] / (1.0 - DOD_HOLD) / max(T_e, 1.0)
    return over


def _results(designs: list, D: OrbitDesigns, scale) -> tuple[list, list]:
    """The designs re-sized at the area ``scale`` with D's loads: (SystemResults, (columns, sized))."""
    sized = resize(D, np.arange(len(designs)), {"area_scale": scale, **D.loads})
    return [build_result(d, ctx, c, s) for d, ctx, (c, s) in zip(designs, D.ctx, sized)], sized


def _subset(D: OrbitDesigns, rows) -> OrbitDesigns:
    """The designs ``rows`` of D."""
    return replace(D, ctx=[D.ctx[i] for i in rows], hot=take(D.hot, rows), cold=take(D.cold, rows), drop=D.drop[rows],
                   junction_limit=D.junction_limit[rows], kernel=[D.kernel[i] for i in rows],
                   loads={k: v[rows] for k, v in D.loads.items()})


def _size_group(designs: list, steady: list, ctx: list, kernel: list) -> list:
    """Orbit-size designs of one attitude (see the module).  Two rounds of the area search:
    the first with the steady battery and array in the orbit model, the second from its
    answer with the battery and array that answer sizes (their losses heat the rack)."""
    D = _prepared(designs, steady, steady, ctx, kernel)
    n = len(designs)
    scale, excess = size_area(D)
    cols = loop_columns(D, np.arange(n), kernel_loops(D, np.arange(n), {"area_scale": scale}))
    capacity, binding, _ = size_heater(D, cols)
    loads = _orbit_loads(D, cols, capacity)
    first, _ = _results(designs, replace(D, loads=loads), scale)
    D2 = _prepared(designs, first, steady, D.ctx, kernel, loads=loads)
    met = np.flatnonzero(excess <= 0.0)
    if met.size:
        scale[met], _ = size_area(_subset(D2, met), scale[met], ups=REFINE_UP, downs=REFINE_DOWN)
    cold_side = np.flatnonzero(binding == "cold")
    if cold_side.size:  # the heater again at the refined area with the final battery and array
        sub = _subset(D2, cold_side)
        idx = np.arange(cold_side.size)
        cols = loop_columns(sub, idx, kernel_loops(sub, idx, {"area_scale": scale[cold_side], **sub.loads}))
        capacity[cold_side], _, _ = size_heater(sub, cols)
    results, final = _results(designs, D2, scale)
    hot = simulate_orbit(designs, results, case="hot", beta=Q_(np.degrees(D.hot.beta), "deg"))
    cold = simulate_orbit(designs, results, case="cold", heater_power=Q_(capacity, "W"))
    return [(fold_orbit_sizing(steady[j], results[j], hot[j], cold[j], scale=scale[j], binding=binding[j],
                               drop=D.drop[j], capacity=capacity[j]), final[j][0]) for j in range(n)]
