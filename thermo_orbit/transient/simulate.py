"""The periodic orbit of a sized design: time series, extremes, margins, the verdict (the
orbit's constraints, :mod:`thermo_orbit.constraints`) and the certificate."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import orbit as orb
from ..constraints import Constraint
from ..errors import InputError
from ..results import ResultMixin
from ..system import Design
from ..units import Q_
from .integrate import OrbitRun
from .model import TransientModel, build_model
from .shooting import periodic_orbit

__all__ = ["OrbitSimulation", "simulate_orbit", "FREEZE_TOLERANCE", "check_steps"]

#: the coldest coolant may sit this far below the heater's set point before the orbit is
#: called too cold: the periodic solution's own tolerance (the certificate's 1e-3 K) [K]
FREEZE_TOLERANCE = 1e-3


@dataclass(frozen=True)
class OrbitSimulation(ResultMixin):
    """Periodic orbit of one design: time series, extremes, margins and certificate."""

    design: str
    case: str
    beta: Any
    time: Any  #: [min]
    eclipse: Any  #: sunlit fraction below 0.5, bool per sample
    sunlit_fraction: Any
    rack_temperature: Any
    radiator_temperatures: Any  #: panel segments along the flow, (samples, segments), [K]
    coolant_min_temperature: Any  #: last segment outlet (coldest coolant), [K]
    coolant_max_temperature: Any  #: cold-plate outlet, [K]
    battery_temperature: Any
    array_temperature: Any
    state_of_charge: Any
    heater_power: Any
    load_power: Any
    array_power: Any
    extremes: dict
    margins: dict
    feasible: bool
    reasons: tuple
    certificate: dict
    flags: int = 0  #: the failed constraints (:class:`thermo_orbit.constraints.Constraint` bits)


def _shed_minutes(t, shed, load) -> float:
    """Minutes [min] of the orbit in which the bus sheds load: the steps (times t [s] of
    their starts and the end) at either end of which the load shed [W] is above 10⁻⁹ of
    the largest load asked for [W]."""
    on = shed > 1e-9 * max(float(np.max(load)), 1.0)
    return float(np.sum(np.diff(t) * (on[:-1] | on[1:]))) / 60.0


def _verdict(m: TransientModel, d: int, cmin, Tb, dod: float, converged: bool,
             shed: tuple[float, float] = (0.0, 0.0)) -> tuple[Constraint, list[str]]:
    """The orbit's failed constraints and their reasons, for design ``d``; ``shed``: the
    minutes per orbit the bus sheds load and the energy it sheds [J]."""
    reasons, flags = [], Constraint(0)
    if shed[0] > 0.0:
        flags |= Constraint.TRANSIENT_LOAD_SHED
        reasons.append(f"battery empty: load shed for {shed[0]:.1f} min per orbit ({shed[1] / 3.6e6:.2f} kWh not "
                       "served; the racks' power drops to what the array delivers)")
    lo, hi = m.T_bat_range[d]
    if cmin.min() < m.T_set[d] - FREEZE_TOLERANCE:
        flags |= Constraint.TRANSIENT_FREEZE
        below = ("below the melting point" if cmin.min() < m.T_melt[d] else
                 f"above the melting point, inside the required {m.T_set[d] - m.T_melt[d]:.1f} K margin")
        reasons.append(f"coolant too cold in the orbit: coldest {cmin.min() - 273.15:.1f} degC is "
                       f"{abs(cmin.min() - m.T_melt[d]):.1f} K {below}, even with the "
                       f"{m.P_heater_max[d] / 1e3:.1f} kW survival heater (thermal.survival_heater_fraction)")
    if np.isfinite(lo) and (Tb.max() > hi or Tb.min() < lo):
        flags |= Constraint.TRANSIENT_BATTERY_TEMPERATURE
        reasons.append(f"battery at {Tb.min() - 273.15:.1f} to {Tb.max() - 273.15:.1f} degC, outside its operating "
                       f"range {lo - 273.15:.0f} to {hi - 273.15:.0f} degC")
    if dod > m.dod_allowed[d] + 1e-9:
        flags |= Constraint.TRANSIENT_BATTERY_DEPTH
        reasons.append(f"battery discharges to DoD {dod:.3f}, beyond the allowed {m.dod_allowed[d]:.3f}")
    if not converged:
        flags |= Constraint.TRANSIENT_NOT_PERIODIC
        reasons.append("periodic orbit not found to the certificate's tolerance")
    return flags, reasons


def _certificate(cert: dict, d: int, steps: int) -> dict:
    return {
        "periodicity_error": Q_(float(cert["periodicity_error_K"][d]), "K"),
        "periodicity_error_state_of_charge": Q_(float(cert["periodicity_error_soc"][d]), ""),
        "energy_closure": {k: float(v[d]) for k, v in cert["energy_closure"].items()},
        "newton_iterations": int(cert["newton_iterations"]), "steps": int(steps),
        "orbits": float(cert["orbits"]),
        "converged": bool(cert["periodicity_error_K"][d] < 1e-3 and cert["periodicity_error_soc"][d] < 1e-6),
    }


def _one(m: TransientModel, d: int, case: str, run: OrbitRun, cert: dict, steps: int) -> OrbitSimulation:
    N = m.n_segments
    k = int(steps) + 1  # the design's own steps (a batch pads to its longest)
    traj, ex = run.trajectory[d, :k], {key: v[d, :k] for key, v in run.recorded.items()}
    t = run.time[d, :k]  # the grid's step starts: uneven, meeting the forcing's edges
    lit = orb.sunlit_fraction_si(m.a[d], m.beta[d], 2.0 * np.pi * t / m.period[d])
    soc, cmin, Tb = traj[:, -1], ex["coolant_min"], traj[:, 1 + N]
    lo, hi = m.T_bat_range[d]
    # the freeze margin as the steady sizing reports it: the coldest coolant above the
    # melting point plus the required margin (the heater's set point)
    margins = {
        "freeze": Q_(cmin.min() - m.T_set[d], "K"),
        "coolant_above_melting": Q_(cmin.min() - m.T_melt[d], "K"),
        "battery_depth_of_discharge": Q_(m.dod_allowed[d] - (1.0 - soc.min()), ""),
        "battery_temperature": Q_(float(min(hi - Tb.max(), Tb.min() - lo)), "K") if np.isfinite(lo) else None,
    }
    certificate = _certificate(cert, d, steps)
    shed = (_shed_minutes(t, ex["shed"], ex["load"]), float(run.integrals["shed"][d]))
    flags, reasons = _verdict(m, d, cmin, Tb, 1.0 - soc.min(), certificate["converged"], shed)
    extremes = {
        "coolant_min": Q_(float(cmin.min()), "K"), "coolant_max": Q_(float(ex["coolant_max"].max()), "K"),
        "rack_max": Q_(float(traj[:, 0].max()), "K"), "state_of_charge_min": Q_(float(soc.min()), ""),
        "array_max": Q_(float(traj[:, 2 + N].max()), "K"),
        "heater_orbit_average": Q_(float(np.trapezoid(ex["heater"], t) / m.period[d]), "W"),
        "battery_heater_orbit_average": Q_(float(run.integrals["bat_heater"][d] / m.period[d]), "W"),
        "battery_max": Q_(float(Tb.max()), "K"), "battery_min": Q_(float(Tb.min()), "K"),
        "load_shed_per_orbit": Q_(shed[0], "min"), "load_shed_energy": Q_(shed[1], "J").to("kWh"),
    }
    return OrbitSimulation(
        design=m.names[d], case=case, beta=Q_(float(np.degrees(m.beta[d])), "deg"), time=Q_(t / 60.0, "min"),
        eclipse=lit < 0.5, sunlit_fraction=Q_(lit, ""), rack_temperature=Q_(traj[:, 0], "K"),
        radiator_temperatures=Q_(traj[:, 1:1 + N], "K"), coolant_min_temperature=Q_(cmin, "K"),
        coolant_max_temperature=Q_(ex["coolant_max"], "K"), battery_temperature=Q_(Tb, "K"),
        array_temperature=Q_(traj[:, 2 + N], "K"), state_of_charge=Q_(soc, ""),
        heater_power=Q_(ex["heater"], "W"), load_power=Q_(ex["load"], "W"), array_power=Q_(ex["array_power"], "W"),
        extremes=extremes, margins=margins, feasible=not flags, reasons=tuple(reasons), certificate=certificate,
        flags=int(flags))


def check_steps(steps) -> None:
    """``steps``: None (the default) or a whole number from 60 to 100000, else InputError."""
    if steps is not None and (isinstance(steps, bool) or not isinstance(steps, (int, np.integer))
                              or not 60 <= steps <= 100_000):
        raise InputError("steps", steps, "a whole number from 60 to 100000")


def simulate_orbit(designs, results=None, *, case: str = "cold", beta=None, n_segments: int = 8,
                   steps: int | None = None, heater_power=None):
    """Periodic orbit solution of one design (returns :class:`OrbitSimulation`) or of a list
    of designs integrated together (returns a list).

    Margins: the coldest coolant above the melting point plus the required freeze margin
    (the steady sizing's freeze margin), and the deepest discharge against the allowed
    depth of discharge; the heater's orbit-average power is reported (a load the steady
    sizing did not have).

    Parameters
    ----------
    designs : Design or list of Design
    results : SystemResult or list, optional
        Their sizing (computed when not given).
    case : {"cold", "hot", "nominal"}
        Environment case (see :func:`thermo_orbit.transient.build_model`).
    beta : Quantity, optional
        β angle, [angle], one or one per design; default: the β of the longest eclipse of the year.
    n_segments : int
        Radiator segments along the flow.
    steps : int, optional
        RK4 steps per orbit, 60 to 100000 (default
        :data:`~thermo_orbit.transient.shooting.DEFAULT_STEPS`); raised where stability needs it.
    heater_power : Quantity, optional
        Survival heater capacity, [power], one or one per design; default
        ``thermal.survival_heater_fraction`` of the rack power.

    Returns
    -------
    OrbitSimulation or list of OrbitSimulation
        Time [min], temperatures [K], state of charge [dimensionless], powers [W]; margins
        (freeze [K], depth of discharge [dimensionless]) and the certificate.
    """
    single = isinstance(designs, Design)
    check_steps(steps)
    m = build_model(designs, results, case=case, beta=beta, n_segments=n_segments, heater_power=heater_power)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        _, cert, run = periodic_orbit(m, steps=steps)
    out = [_one(m, d, case, run, cert, cert["steps"][d]) for d in range(len(m.names))]
    return out[0] if single else out
