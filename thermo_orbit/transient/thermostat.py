"""The survival heater as a real thermostat: an on/off heater with hysteresis marched over
several orbits from the periodic solution (which uses the proportional heater).

An on/off thermostat, once it cycles, sets up its own limit cycle whose period is not the
orbit's, so no periodic orbit exists for shooting to find; the proportional heater of
:func:`thermo_orbit.transient.simulate_orbit` gives the orbit-average power an on/off one
draws, and this march shows the on/off one's duty, switchings and coldest coolant."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import InputError
from ..results import ResultMixin
from ..system import Design
from ..units import Q_, si_value
from .integrate import Thermostat, integrate
from .kernel import coldest_coolant
from .model import TransientModel, build_model, kernel_params
from .shooting import periodic_orbit
from .simulate import check_steps

__all__ = ["ThermostatSimulation", "simulate_thermostat"]


@dataclass(frozen=True)
class ThermostatSimulation(ResultMixin):
    """The survival heater as an on/off thermostat with hysteresis, marched over several
    orbits from the periodic solution (which uses the proportional heater)."""

    design: str
    case: str
    hysteresis: Any  #: off at set point + hysteresis, on below the set point, [K]
    orbits: int
    heater_orbit_average: Any  #: last orbit, [W]
    heater_orbit_average_proportional: Any  #: the periodic solution's proportional heater, [W]
    duty: Any  #: fraction of the last orbit the heater is on, [dimensionless]
    switches_per_orbit: int  #: heater switchings in the last orbit
    coolant_min: Any  #: coldest coolant in the last orbit, [K]
    freeze_margin: Any  #: coolant_min minus (melting point + required freeze margin), as the sizing reports it, [K]
    coolant_above_melting: Any  #: coolant_min minus the melting point, [K]
    orbit_to_orbit_change: Any  #: largest temperature change between the starts of the last two orbits, [K]
    settled: bool  #: orbit_to_orbit_change below 0.05 K (a repeating orbit, to the thermostat's own cycling)
    time: Any = None  #: the last orbit's time from its start (orbit noon, as OrbitSimulation.time), [min]
    heater_power: Any = None  #: the thermostat's heater power over the last orbit, [W]
    coolant_min_temperature: Any = None  #: the coldest coolant over the last orbit, [K]


def _march(m: TransientModel, x0, steps: int, orbits: int, band, progress=None):
    """March ``orbits`` orbits from x0 (D, n) with the on/off heater switched at every RK4
    step start (as a thermal network solver's heater logic is), its state kept between
    orbits.  Returns per orbit: the state at its start (orbits + 1, D, n), heater energy
    [J], switches, the coldest coolant [K]; and the last orbit's recorded run."""
    x = x0[:, None, :].copy()
    T_c = coldest_coolant(kernel_params(m), np.ascontiguousarray(x0), m.n_segments)
    th = Thermostat(on=(T_c < m.T_set).astype(np.float64), band=band)
    starts, energy, switches, coldest = [x[:, 0].copy()], [], [], []
    run = None
    for i in range(orbits):
        th.new_orbit()
        run = integrate(m, x, steps, thermostat=th, record=i == orbits - 1)
        x = run.x_end
        starts.append(x[:, 0].copy())
        energy.append(run.integrals["heater"])
        switches.append(th.switches)
        coldest.append(th.coldest)
        if progress is not None:
            progress(i + 1, orbits)
    return np.stack(starts), np.stack(energy), np.stack(switches), np.stack(coldest), run


def _check(orbits, steps):
    if isinstance(orbits, bool) or not isinstance(orbits, (int, np.integer)) or not 2 <= orbits <= 200:
        raise InputError("orbits", orbits, "a whole number from 2 to 200")
    check_steps(steps)


def simulate_thermostat(designs, results=None, *, case: str = "cold", beta=None, n_segments: int = 8,
                        steps: int | None = None, heater_power=None, hysteresis=None, orbits: int = 6, progress=None):
    """The survival heater as a real thermostat: on below the set point (melting point +
    freeze margin), off above set point + ``hysteresis`` (default the model's heater band,
    2 K), marched ``orbits`` orbits from the periodic solution of
    :func:`thermo_orbit.transient.simulate_orbit`.

    The state need not repeat exactly from orbit to orbit (the thermostat cycles at its own
    period); this reports the last orbit's heater power, duty, switchings and coldest
    coolant, and the orbit-to-orbit change of the state [K] to show how far from repeating
    it is.  The orbit-average heater power is to be compared with the proportional
    heater's (``heater_orbit_average_proportional``), whose periodic solution is certified.

    Parameters
    ----------
    hysteresis : Quantity, optional
        Thermostat dead band, [K] (temperature difference), > 0.
    orbits : int
        Orbits to march, 2 to 200.
    progress : callable, optional
        ``progress(orbits_done, orbits)``, called after each orbit.

    Returns
    -------
    ThermostatSimulation, or a list of them for a list of designs (with the last orbit's
    heater power and coldest coolant as time series).
    """
    single = isinstance(designs, Design)
    _check(orbits, steps)
    m = build_model(designs, results, case=case, beta=beta, n_segments=n_segments, heater_power=heater_power)
    band = m.heater_band.astype(np.float64) if hysteresis is None else np.full(
        len(m.names), si_value(hysteresis, "hysteresis", "K", 'Q_(2, "K")'))
    if np.any(band <= 0):
        raise InputError("hysteresis", hysteresis, "a positive temperature difference")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        x0, cert, periodic = periodic_orbit(m, steps=steps)
        steps = cert["steps"]
        starts, energy, switches, coldest, last = _march(m, x0, steps, orbits, band, progress)
    out = []
    for d in range(len(m.names)):
        k = int(steps[d]) + 1  # the design's own steps (a batch pads to its longest)
        t = last.time[d, :k]  # the grid's step starts (uneven: they meet the forcing's edges)
        change = float(np.max(np.abs(starts[-1, d, :-1] - starts[-2, d, :-1])))
        avg = float(energy[-1, d] / m.period[d])
        out.append(ThermostatSimulation(
            design=m.names[d], case=case, hysteresis=Q_(float(band[d]), "K"), orbits=orbits,
            heater_orbit_average=Q_(avg, "W"),
            heater_orbit_average_proportional=Q_(
                float(np.trapezoid(periodic.recorded["heater"][d, :k], t) / m.period[d]), "W"),
            duty=Q_(avg / m.P_heater_max[d] if m.P_heater_max[d] > 0 else 0.0, ""),
            switches_per_orbit=int(switches[-1, d]), coolant_min=Q_(float(coldest[-1, d]), "K"),
            freeze_margin=Q_(float(coldest[-1, d] - m.T_set[d]), "K"),
            coolant_above_melting=Q_(float(coldest[-1, d] - m.T_melt[d]), "K"),
            orbit_to_orbit_change=Q_(change, "K"), settled=change < 0.05, time=Q_(t / 60.0, "min"),
            heater_power=Q_(last.recorded["heater"][d, :k], "W"),
            coolant_min_temperature=Q_(last.recorded["coolant_min"][d, :k], "K")))
    return out[0] if single else out
