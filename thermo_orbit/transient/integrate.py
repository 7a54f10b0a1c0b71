"""One orbit of the orbit model by classical RK4 on the orbit's grid (steps aligned with the
forcing's edges, :mod:`thermo_orbit.transient.grid`), through the compiled kernel
(:mod:`thermo_orbit.transient.kernel`), for many designs and copies at once."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .forcing import orbit_forcing
from .kernel import FIRST_RECORDED, FLOWS, N_INTEGRATED, orbit
from .model import TransientModel, kernel_params

__all__ = ["OrbitRun", "Thermostat", "integrate", "step_times"]


@dataclass
class OrbitRun:
    """One orbit integrated: the end state (D, C, n); with the bookkeeping the integrals of
    the node flows over the orbit, name → (D,) [J]; with ``record`` the states at every
    step (D, steps + 1, n), the recorded flows, name → (D, steps + 1) ([W], [K]), and the
    times of the step starts and the end, (D, steps + 1) [s] (the grid is not uniform: its
    steps meet the forcing's edges)."""

    x_end: np.ndarray
    integrals: dict
    trajectory: np.ndarray | None = None
    recorded: dict | None = None
    time: np.ndarray | None = None


@dataclass
class Thermostat:
    """An on/off survival heater with hysteresis, its state kept between orbits: ``on``
    (D,) 0 or 1, the dead band [K] (D,), and per orbit the switchings and the coldest
    coolant [K] (reset by :meth:`new_orbit`)."""

    on: np.ndarray
    band: np.ndarray
    switches: np.ndarray | None = None
    coldest: np.ndarray | None = None

    def new_orbit(self) -> None:
        """Reset the per-orbit counts."""
        self.switches = np.zeros_like(self.on)
        self.coldest = np.full_like(self.on, np.inf)


def step_times(m: TransientModel, steps) -> np.ndarray:
    """The times [s] of the step starts and the end of the orbit's grid, (D, steps + 1)
    (``steps``: a count, or one per design; past a design's own count, its period)."""
    of = orbit_forcing(m, steps)
    return of.nodes[of.which, 0::2] * (m.period / (2.0 * np.pi))[:, None]


def integrate(m: TransientModel, x0, steps, *, record: bool = False, accumulate: bool = True,
              thermostat: Thermostat | None = None) -> OrbitRun:
    """One orbit from x0 (D, C, n) at ``steps`` RK4 steps (a count, or one per design; the
    arrays are as long as the largest, a design's own steps followed by steps of zero
    length).  The bookkeeping (``accumulate``, implied by ``record``) and a ``thermostat``
    need one copy per design (C = 1)."""
    accumulate = accumulate or record or thermostat is not None
    D, C, n = x0.shape
    if (accumulate or thermostat is not None) and C != 1:
        raise ValueError("the bookkeeping and the thermostat integrate one copy per design")
    of = orbit_forcing(m, steps)
    lane_design = np.repeat(np.arange(D, dtype=np.int64), C)
    n_rec, S = len(FLOWS) - FIRST_RECORDED, of.step.shape[1]
    traj = np.empty((D, S + 1, n) if record else (0, 0, 0))
    extra = np.empty((D, S + 1, n_rec) if record else (0, 0, 0))
    acc = np.zeros((D, N_INTEGRATED) if accumulate else (0, 0))
    th = np.zeros((D * C, 3)) if thermostat is None else np.column_stack([thermostat.on, thermostat.switches,
                                                                           thermostat.coldest])
    band = np.zeros(D * C) if thermostat is None else np.asarray(thermostat.band, dtype=np.float64)
    xT = orbit(kernel_params(m), np.ascontiguousarray(x0.reshape(D * C, n), dtype=np.float64), lane_design,
               np.ascontiguousarray(of.which[lane_design]), of.F, of.step, np.asarray(m.period, dtype=np.float64),
               int(m.n_segments), accumulate, record, acc, traj, extra, thermostat is not None, th, band)
    if thermostat is not None:
        thermostat.on, thermostat.switches, thermostat.coldest = th[:, 0].copy(), th[:, 1].copy(), th[:, 2].copy()
    integrals = {name: acc[:, i] for i, name in enumerate(FLOWS[:N_INTEGRATED])} if accumulate else {}
    xT = xT.reshape(D, C, n)
    if not record:
        return OrbitRun(xT, integrals)
    recorded = {name: extra[:, :, i] for i, name in enumerate(FLOWS[FIRST_RECORDED:])}
    return OrbitRun(xT, integrals, traj, recorded, step_times(m, steps))
