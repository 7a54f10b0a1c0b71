"""Battery sizing for the eclipse: capacity from the eclipse energy and the depth of
discharge that the chemistry's cycle life allows over the mission, redundancy, a
safe-mode minimum, charge power, losses as heat, and mass.

References
----------
1. Wertz, J. R. and Larson, W. J. (eds.), *Space Mission Analysis and Design*, 3rd ed.,
   1999, Sec. 11.4: Eq. (11-6) C_r = P_e T_e / ((DOD) N n), n the transmission efficiency
   between battery and load; cycle life against depth of discharge, Fig. 11-11.
2. Patel, M. R., *Spacecraft Power Systems*, CRC Press, 2005, ch. 3.
3. Gilmore, D. G. (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed., 2002,
   ch. 2 (a component's temperature from its dissipation over its conductance to the
   heat sink) and ch. 7 (heaters: a thermostat's set point below the component's allowed
   minimum, its capacity to hold that minimum with the component off).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..constraints import Constraint
from ..errors import InputError, OutOfRangeError
from ..results import ResultMixin
from ..units import Q_, check_fraction, check_range, quantity, si_value

__all__ = [
    "battery_capacity",
    "allowed_depth_of_discharge",
    "eclipse_cycles",
    "BatteryResult",
    "size_battery",
    "battery_result",
    "size_battery_si",
    "battery_heat_si",
    "battery_thermal_control_si",
    "battery_thermal_control",
]


def _capacity_si(energy, dod, n_active, eta_t):
    """SMAD Eq. (11-6): C_r = P_e T_e / (DOD · N · n), [J] per battery, for the energy
    P_e T_e [J] (or any energy the battery is sized for)."""
    return energy / (dod * n_active * eta_t)


def battery_capacity(load_eclipse, eclipse_time, depth_of_discharge, n_batteries: int = 1,
                     transmission_efficiency=0.9):
    """Capacity of each of ``n_batteries`` batteries that carry the eclipse load.

    .. math:: C_r = \\frac{P_e T_e}{(DOD)\\,N\\,n}

    (SMAD 1999, Eq. 11-6), n the battery-to-load transmission efficiency (SMAD: about 0.9).

    Parameters
    ----------
    load_eclipse : Quantity
        [power], ≥ 0.
    eclipse_time : Quantity
        [time], ≥ 0.
    depth_of_discharge : float
        Allowed DoD, (0, 1].
    n_batteries : int
        Batteries sharing the load, ≥ 1.
    transmission_efficiency : float
        (0, 1].

    Returns
    -------
    Quantity
        Capacity per battery, [kWh].

    Examples
    --------
    >>> round(battery_capacity(Q_(100, "kW"), Q_(35, "min"), 0.3).magnitude, 1)
    216.0
    """
    P_e = si_value(load_eclipse, "load_eclipse", "W", 'Q_(120, "kW")')
    check_range(P_e, "load_eclipse", 0.0, None, "W")
    T_e = si_value(eclipse_time, "eclipse_time", "s", 'Q_(35, "min")')
    check_range(T_e, "eclipse_time", 0.0, None, "s")
    dod = check_fraction(depth_of_discharge, "depth_of_discharge")
    if not isinstance(n_batteries, (int, np.integer)) or n_batteries < 1:
        raise InputError("n_batteries", n_batteries, "a whole number ≥ 1")
    eta = check_fraction(transmission_efficiency, "transmission_efficiency")
    return quantity(_capacity_si(P_e * T_e, dod, n_batteries, eta), "J").to("kWh")


def eclipse_cycles(eclipses_per_year, years):
    """Charge–discharge cycles over the mission: eclipses per year × years.

    Parameters
    ----------
    eclipses_per_year : float
        [dimensionless] count per year.
    years : Quantity
        Mission life, [time].

    Returns
    -------
    Quantity
        Number of cycles, [dimensionless].
    """
    n = si_value(eclipses_per_year, "eclipses_per_year", "")
    check_range(n, "eclipses_per_year", 0.0, None, "")
    y = si_value(years, "years", "year", 'Q_(5, "year")')
    check_range(y, "years", 0.0, None, "year")
    return quantity(n * y, "")


def _allowed_dod_si(cycles, dod_table, cycles_table):
    """DoD at which the table's cycle life equals ``cycles``: linear in DoD against
    log(cycles) between table points (cycle life falls about exponentially with DoD,
    SMAD Fig. 11-11).  Returns (dod, inside) with ``inside`` False beyond the table."""
    d = np.asarray(dod_table, dtype=np.float64)
    c = np.log(np.asarray(cycles_table, dtype=np.float64))
    order = np.argsort(c)
    c, d = c[order], d[order]
    x = np.log(np.maximum(np.asarray(cycles, dtype=np.float64), 1.0))
    inside = (x >= c[0]) & (x <= c[-1])
    return np.interp(x, c, d), inside


def allowed_depth_of_discharge(cycles, cycle_life: dict, *, extrapolate: bool = False):
    """Depth of discharge the chemistry allows for ``cycles`` charge–discharge cycles,
    from its cycle-life table ``{"dod": [...], "cycles": [...]}`` (materials data).

    Below the fewest cycles of the table the deepest tabulated DoD is returned (a deeper
    discharge is not backed by the data); above the most cycles: :class:`OutOfRangeError`
    unless ``extrapolate=True`` (then the shallowest DoD, flagged by the caller).

    Between table points the DoD is linear in log(cycles): cycle life falls about
    exponentially with depth of discharge (SMAD 1999, Fig. 11-11).  The tables are the
    cited entries of materials/batteries.toml.

    Parameters
    ----------
    cycles : float or Quantity
        Charge–discharge cycles over the mission, [dimensionless].
    cycle_life : dict
        ``{"dod": [...], "cycles": [...]}``, both dimensionless.

    Returns
    -------
    Quantity
        Allowed depth of discharge, [dimensionless], 0 to 1.
    """
    n = si_value(cycles, "cycles", "")
    check_range(n, "cycles", 0.0, None, "")
    try:
        dod_t, cyc_t = cycle_life["dod"], cycle_life["cycles"]
    except (KeyError, TypeError):
        raise InputError("cycle_life", cycle_life, 'a table {"dod": [...], "cycles": [...]}') from None
    dod, _ = _allowed_dod_si(n, dod_t, cyc_t)
    if np.any(n > max(cyc_t)) and not extrapolate:
        raise OutOfRangeError("cycles", float(np.max(n)),
                              f"at most {max(cyc_t):.0f} cycles (the cited cycle-life data)",
                              f"cycles: {float(np.max(n)):.0f} cycles is beyond the cycle-life data "
                              f"(at most {max(cyc_t):.0f} cycles at DoD {min(dod_t):.2f})")
    return quantity(dod, "")


@dataclass(frozen=True)
class BatteryResult(ResultMixin):
    """Sized battery (all batteries together unless stated)."""

    capacity: Any  #: installed energy, all batteries, [kWh]
    capacity_per_battery: Any  #: [kWh]
    n_batteries: int
    n_active: int  #: batteries carrying the load (one fewer with redundancy)
    depth_of_discharge: Any  #: allowed DoD used for sizing, [dimensionless]
    depth_of_discharge_actual: Any  #: DoD in the longest eclipse with all batteries working
    cycles: Any  #: charge–discharge cycles over the mission
    eclipse_energy: Any  #: energy the loads draw in the longest eclipse, [kWh]
    sizing_energy: Any  #: max(eclipse energy, safe-mode energy), [kWh]
    charge_power: Any  #: power into the batteries to recharge in sunlight, [kW]
    heat_per_orbit: Any  #: charge and discharge losses, [kWh per orbit]
    heat_orbit_average: Any  #: the same as an orbit-average power, [W]
    mass: Any  #: [kg]
    conductance: Any = None  #: battery to its thermal control, as sized (or given), [W/K]
    heater_power: Any = None  #: capacity of the battery heater, 0 where the control is warm enough, [kW]
    heat_peak: Any = None  #: largest charge or discharge heat of the orbit, [kW]
    temperature_max: Any = None  #: steady bound on the battery's temperature, [degC]
    temperature_min: Any = None  #: [degC]
    feasible: Any = True
    reasons: Any = ()
    warnings: Any = ()

_FLAG_CYCLES = Constraint.BATTERY_CYCLES
_FLAG_CHARGE_RATE = Constraint.BATTERY_CHARGE_RATE
_FLAG_TEMPERATURE = Constraint.BATTERY_TEMPERATURE


def battery_heat_si(load_eclipse, charge_power, eta_c, eta_d, eta_t):
    """The battery's largest heat [W] over the orbit: the discharge losses carrying the
    eclipse load ``load_eclipse`` [W] (from the terminals P_e/n, the cells give
    P_e/(n η_d), the difference is heat), or the charge losses at the largest charge power
    ``charge_power`` [W] into the terminals (P_c (1 − η_c)), whichever is larger (the
    energy efficiencies as in :func:`size_battery_si`; Patel 2005, ch. 3)."""
    discharge = load_eclipse / eta_t * (1.0 / eta_d - 1.0)
    return np.maximum(discharge, charge_power * (1.0 - eta_c))


def battery_thermal_control_si(heat_peak, T_control, T_low, T_high, band, G_given, G_floor) -> dict:
    """Size the battery's conductance to its thermal control and its heater (SI floats or
    arrays): the steady bounds of a node with the heat Q(t) ≤ Q_peak [W] over the
    conductance G [W/K] to the control at T_c [K] (Gilmore 2002, ch. 2),

    .. math:: T_c \\le T \\le T_c + Q_{peak} / G,

    hold the battery inside its range [T_low, T_high] [K] when G ≥ Q_peak / (T_high − T_c)
    (the hot side).  Where T_c is below T_low + ``band`` [K], a proportional heater on the
    battery (full power at T_low, none ``band`` above) of capacity
    G (T_low + band − T_c) holds it at T_low or above with no heat of its own (Gilmore
    2002, ch. 7), and the battery stays below max(T_low + band, T_c + Q_peak/G).  G is
    ``G_given`` where finite, else the larger of ``G_floor`` and the hot side's need.

    Returns a dict of SI arrays: ``conductance`` [W/K], ``heater_power`` [W],
    ``temperature_max``, ``temperature_min`` [K], ``temperature_margin`` [K] (the least
    distance inside the range, NaN without a range), ``sized`` (G set by the hot side)
    and ``flags`` (:class:`thermo_orbit.constraints.Constraint` ``BATTERY_TEMPERATURE``
    where no conductance holds it)."""
    ranged = np.isfinite(T_low) & np.isfinite(T_high)
    lo, hi = np.where(ranged, T_low, 0.0), np.where(ranged, T_high, 0.0)
    room = hi - T_control
    with np.errstate(divide="ignore", invalid="ignore"):
        need = np.where(ranged & (room > 0.0), heat_peak / np.where(room > 0.0, room, 1.0), 0.0)
    given = np.isfinite(G_given)
    G = np.where(given, G_given, np.maximum(G_floor, need))
    heated = ranged & (T_control < lo + band)
    heater = np.where(heated, G * (lo + band - T_control), 0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rise = np.where(heat_peak > 0.0, heat_peak / G, 0.0)  # no heat, no rise (even with G = 0)
    T_max = np.maximum(T_control + rise, np.where(heated, lo + band, -np.inf))
    T_min = np.where(heated, np.maximum(T_control, lo), T_control)
    margin = np.where(ranged, np.minimum(hi - T_max, T_min - lo), np.nan)
    bad = ranged & ((room <= 0.0) | ~(margin >= -1e-9 * np.maximum(hi, 1.0)) | (lo + band >= hi))
    return dict(conductance=G, heater_power=heater, temperature_max=T_max, temperature_min=T_min,
                temperature_margin=margin, sized=~given & (need > G_floor), heat_peak=heat_peak + 0.0 * G,
                flags=np.where(bad, _FLAG_TEMPERATURE, 0).astype(np.int64))


def battery_thermal_control(heat_peak, control_temperature, operating_range, *, heater_band=Q_(2, "K"),
                            conductance=None, minimum_conductance=Q_(0, "W/K")) -> dict:
    """The battery's thermal control: the conductance that keeps the battery inside its
    operating range for its largest charge or discharge heat, and the heater where the
    control is colder than the range (:func:`battery_thermal_control_si`; Gilmore 2002,
    ch. 2 and 7).

    Parameters
    ----------
    heat_peak : Quantity
        Largest charge or discharge heat of the battery, [power], ≥ 0.
    control_temperature : Quantity
        Temperature of the thermal control (the battery's heat sink), [temperature].
    operating_range : tuple of Quantity
        The chemistry's allowed (low, high) temperatures, [temperature].
    heater_band : Quantity
        Proportional band of the battery heater above the range's low end, [K].
    conductance : Quantity, optional
        A given conductance, [W/K], checked instead of sized.
    minimum_conductance : Quantity
        The least conductance built (its cold plates), [W/K].

    Returns
    -------
    dict
        ``conductance`` [W/K], ``heater_power`` [W], ``temperature_max`` and
        ``temperature_min`` [degC], ``temperature_margin`` [K], ``feasible``.

    Examples
    --------
    >>> r = battery_thermal_control(Q_(4, "kW"), Q_(20, "degC"), (Q_(0, "degC"), Q_(40, "degC")))
    >>> r["conductance"], r["temperature_max"]
    (<Quantity(200.0, 'watt / kelvin')>, <Quantity(40.0, 'degree_Celsius')>)
    """
    Q = si_value(heat_peak, "heat_peak", "W", 'Q_(4, "kW")')
    check_range(Q, "heat_peak", 0.0, None, "W")
    T_c = si_value(control_temperature, "control_temperature", "K", 'Q_(20, "degC")')
    lo, hi = (si_value(t, "operating_range", "K", '(Q_(0, "degC"), Q_(40, "degC"))') for t in operating_range)
    band = si_value(heater_band, "heater_band", "K", 'Q_(2, "K")')
    check_range(band, "heater_band", 0.0, None, "K", low_inclusive=False)
    G_given = np.nan if conductance is None else si_value(conductance, "conductance", "W/K", 'Q_(200, "W/K")')
    G_floor = si_value(minimum_conductance, "minimum_conductance", "W/K", 'Q_(0, "W/K")')
    r = battery_thermal_control_si(Q, T_c, lo, hi, band, G_given, G_floor)
    return {"conductance": quantity(r["conductance"], "W/K"), "heater_power": quantity(r["heater_power"], "W"),
            "temperature_max": quantity(r["temperature_max"], "K").to("degC"),
            "temperature_min": quantity(r["temperature_min"], "K").to("degC"),
            "temperature_margin": quantity(r["temperature_margin"], "K"), "feasible": bool(np.all(r["flags"] == 0))}


def size_battery_si(P_e, T_e, T_d, n_cycles, dod_t, cyc_t, se, eta_c, eta_d, eta_t, E_safe, n_batteries, n_active,
                     rate=None, extrapolate=False, dod=None) -> dict:
    """Kernel of :func:`size_battery` on SI floats or arrays (SMAD 1999, Eq. 11-6): loads
    [W], times [s], energies [J], specific energy [J/kg], rate [1/s]; returns a dict of SI
    arrays; ``flags`` marks cycles beyond the data and charge-rate limits
    (:class:`thermo_orbit.constraints.Constraint`).  ``dod``, where given (not NaN), is the
    designer's allowed depth of discharge instead of the cycle-life table's."""
    from_table, _ = _allowed_dod_si(n_cycles, dod_t, cyc_t)
    given = np.isfinite(dod) if dod is not None else False
    dod = np.where(given, dod, from_table) if dod is not None else from_table
    flags = np.zeros(np.broadcast(np.asarray(dod), np.asarray(P_e), np.asarray(T_e)).shape, dtype=np.int64)
    if not extrapolate:
        flags |= np.where((np.asarray(n_cycles) > max(cyc_t)) & ~given, _FLAG_CYCLES, 0)
    E_eclipse = P_e * T_e
    E_size = np.maximum(E_eclipse, E_safe)
    # the cells give E/η_d for E through their discharge losses (as the orbit transient's
    # charge state counts them, and the recharge below): the capacity holds E/η_d
    C_each = _capacity_si(E_size / eta_d, dod, n_active, eta_t)
    C_total = C_each * n_batteries
    E_charge_in = E_eclipse / eta_t / eta_d / eta_c  # cells give E/eta_d; charging them takes 1/eta_c more
    charge_power = E_charge_in / T_d
    if rate is not None:
        flags |= np.where(charge_power > rate * C_total, _FLAG_CHARGE_RATE, 0)
    # E_eclipse / (eta_t C_total), written so that it is exactly at most dod (no round-off above it)
    dod_actual = dod * (E_eclipse / E_size) * (n_active / n_batteries)
    return dict(depth_of_discharge=dod, capacity_per_battery=C_each, capacity=C_total,
                depth_of_discharge_actual=dod_actual, eclipse_energy=E_eclipse, sizing_energy=E_size,
                charge_power=charge_power, heat_per_orbit=E_charge_in - E_eclipse / eta_t, mass=C_total / se,
                flags=flags)


def size_battery(load_eclipse, eclipse_time, sunlight_time, *, cycles, cycle_life: dict, specific_energy,
                 charge_efficiency, discharge_efficiency, transmission_efficiency=0.9, n_batteries: int = 1,
                 redundancy: bool = False, safe_mode_energy=Q_(1, "kWh"), max_charge_rate=None,
                 period=None, extrapolate_cycle_life: bool = False) -> BatteryResult:
    """Size the battery for the longest eclipse of the mission.

    The allowed DoD comes from the chemistry's cycle-life table and the number of cycles
    (:func:`allowed_depth_of_discharge`), not from a fixed number.  The energy sized for is
    the larger of the eclipse energy and a safe-mode minimum, so an orbit without eclipse
    still gets a battery.  With ``redundancy`` one battery may fail: the others carry the
    load within the allowed DoD (N − 1 in SMAD 1999, Eq. 11-6).  Charge and discharge
    losses are reported as heat.

    Parameters
    ----------
    load_eclipse : Quantity
        Load in eclipse, [power].
    eclipse_time : Quantity
        Longest eclipse of the mission (from :func:`thermo_orbit.orbit.beta_angle_over_year`), [time].
    sunlight_time : Quantity
        Sunlit time of the same orbit (the time to recharge), [time].
    cycles : float
        Eclipse cycles over the mission, [dimensionless].
    cycle_life : dict
        ``{"dod": [...], "cycles": [...]}`` of the chemistry (materials/batteries.toml).
    specific_energy : Quantity
        Battery-level (pack) specific energy, [Wh/kg].
    charge_efficiency, discharge_efficiency : float
        Energy efficiencies of charging and discharging, [dimensionless] (losses are heat);
        the capacity holds E/η_d for the energy E the path draws (SMAD Eq. 11-6 with the
        cells' discharge losses, as the orbit transient counts them).
    transmission_efficiency : float
        Battery-to-load efficiency n of SMAD Eq. 11-6, [dimensionless].
    n_batteries : int
        Number of batteries.
    redundancy : bool
        Size for one battery out.
    safe_mode_energy : Quantity
        Least energy to size for (safe mode, no eclipse), [kWh]; must be > 0.
    max_charge_rate : Quantity, optional
        Largest charge power per unit capacity, [1/h] (C-rate); beyond it: infeasible.
    period : Quantity, optional
        Orbit period, [time], to check that the eclipse fits in the orbit.
    extrapolate_cycle_life : bool
        Beyond the cycle-life data use the shallowest tabulated DoD with a warning,
        instead of an infeasible result.

    Returns
    -------
    BatteryResult
        Capacities [kWh], DoD [dimensionless], charge power [kW], heat [kWh per orbit and W],
        mass [kg]; ``feasible`` False with ``reasons`` beyond the cycle-life data or the
        charge rate.
    """
    P_e = si_value(load_eclipse, "load_eclipse", "W", 'Q_(120, "kW")')
    check_range(P_e, "load_eclipse", 0.0, None, "W")
    T_e = si_value(eclipse_time, "eclipse_time", "s", 'Q_(35, "min")')
    check_range(T_e, "eclipse_time", 0.0, None, "s")
    T_d = si_value(sunlight_time, "sunlight_time", "s", 'Q_(60, "min")')
    check_range(T_d, "sunlight_time", 0.0, None, "s", low_inclusive=False)
    if period is not None:
        T = si_value(period, "period", "s", 'Q_(95, "min")')
        if np.any(T_e > T):
            raise OutOfRangeError("eclipse_time", eclipse_time, "at most the orbit period",
                                  f"eclipse_time: {float(np.max(T_e)) / 60:.1f} min is longer than the orbit "
                                  f"period {float(np.max(T)) / 60:.1f} min")
    se = si_value(specific_energy, "specific_energy", "J/kg", 'Q_(150, "Wh/kg")')
    check_range(se, "specific_energy", 0.0, None, "J/kg", low_inclusive=False)
    eta_c = check_fraction(charge_efficiency, "charge_efficiency")
    eta_d = check_fraction(discharge_efficiency, "discharge_efficiency")
    eta_t = check_fraction(transmission_efficiency, "transmission_efficiency")
    E_safe = si_value(safe_mode_energy, "safe_mode_energy", "J", 'Q_(1, "kWh")')
    check_range(E_safe, "safe_mode_energy", 0.0, None, "J", display_unit="kWh", low_inclusive=False)
    if not isinstance(n_batteries, (int, np.integer)) or n_batteries < 1:
        raise InputError("n_batteries", n_batteries, "a whole number ≥ 1")
    if redundancy and n_batteries < 2:
        raise InputError("n_batteries", n_batteries, "at least 2 batteries for one-failure redundancy")
    n_active = n_batteries - 1 if redundancy else n_batteries
    n_cycles = si_value(cycles, "cycles", "")
    rate = None if max_charge_rate is None else si_value(max_charge_rate, "max_charge_rate", "1/s", 'Q_(0.5, "1/h")')
    dod_t, cyc_t = cycle_life["dod"], cycle_life["cycles"]
    r = size_battery_si(P_e, T_e, T_d, n_cycles, dod_t, cyc_t, se, eta_c, eta_d, eta_t, E_safe, n_batteries,
                         n_active, rate, extrapolate_cycle_life)
    return battery_result(r, n_cycles, cycle_life, T_e, T_d, n_batteries, n_active, rate, extrapolate_cycle_life)


def battery_result(r: dict, n_cycles, cycle_life: dict, T_e, T_d, n_batteries: int, n_active: int, rate=None,
                   extrapolate_cycle_life: bool = False) -> BatteryResult:
    """Wrap the sizing kernel's SI results ``r`` into a :class:`BatteryResult` with its
    reasons (cycles beyond the data, charge rate) and warnings; ``T_e``, ``T_d`` [s],
    ``rate`` [1/s]."""
    dod_t, cyc_t = cycle_life["dod"], cycle_life["cycles"]
    reasons, warnings = [], []
    flags = r["flags"]
    if np.any(flags & _FLAG_CYCLES):
        text = (f"{float(np.max(n_cycles)):.0f} cycles exceed the cited data ({max(cyc_t):.0f} cycles at DoD "
                f"{min(dod_t):.2f})")
        reasons.append(f"battery cycle life: {text}; no DoD is backed by data (give power.battery_depth_of_discharge "
                       "or power.battery_cycle_life to size beyond it, on the designer's responsibility)")
    if extrapolate_cycle_life and np.any(n_cycles > max(cyc_t)):
        warnings.append(f"{float(np.max(n_cycles)):.0f} cycles is beyond the cycle-life data "
                        f"(max {max(cyc_t):.0f}); the shallowest tabulated DoD was used")
    if np.any(flags & _FLAG_CHARGE_RATE):
        reasons.append(f"recharge needs {float(np.max(r['charge_power'] / r['capacity'])) * 3600:.2f} C, above the "
                       f"allowed {float(np.max(rate)) * 3600:.2f} C in the {float(np.min(T_d)) / 60:.1f} min "
                       "of sunlight")
    if np.any(flags & _FLAG_TEMPERATURE):
        reasons.append(_temperature_reason(r))
    feasible = flags == 0
    dod, C_each, C_total = r["depth_of_discharge"], r["capacity_per_battery"], r["capacity"]
    dod_actual = r["depth_of_discharge_actual"]
    E_eclipse, E_size, charge_power, heat, mass = (r["eclipse_energy"], r["sizing_energy"], r["charge_power"],
                                                    r["heat_per_orbit"], r["mass"])
    return BatteryResult(
        capacity=quantity(C_total, "J").to("kWh"), capacity_per_battery=quantity(C_each, "J").to("kWh"),
        n_batteries=n_batteries, n_active=n_active, depth_of_discharge=quantity(dod, ""),
        depth_of_discharge_actual=quantity(dod_actual, ""), cycles=quantity(n_cycles, ""),
        eclipse_energy=quantity(E_eclipse, "J").to("kWh"), sizing_energy=quantity(E_size, "J").to("kWh"),
        charge_power=quantity(charge_power, "W").to("kW"), heat_per_orbit=quantity(heat, "J").to("kWh"),
        heat_orbit_average=quantity(heat / (T_d + T_e), "W"), mass=quantity(mass, "kg"),
        **_thermal_control_fields(r),
        feasible=bool(feasible) if np.ndim(feasible) == 0 else feasible, reasons=tuple(reasons),
        warnings=tuple(warnings),
    )


def _thermal_control_fields(r: dict) -> dict:
    """The thermal control's entries of a :class:`BatteryResult` (none where not sized)."""
    if "conductance" not in r:
        return {}
    return dict(conductance=quantity(r["conductance"], "W/K"), heater_power=quantity(r["heater_power"], "W").to("kW"),
                heat_peak=quantity(r["heat_peak"], "W").to("kW"),
                temperature_max=quantity(r["temperature_max"], "K").to("degC"),
                temperature_min=quantity(r["temperature_min"], "K").to("degC"))


def _temperature_reason(r: dict) -> str:
    """Why the battery cannot be held in its range (the numbers of the thermal control)."""
    lo, hi = float(np.max(r["range_low"])), float(np.max(r["range_high"]))
    T_c = float(np.max(r["control_temperature"]))
    if T_c >= hi:
        return (f"battery temperature: the thermal control at {T_c - 273.15:.1f} degC "
                f"(power.battery_control_temperature) is not below the top of the battery's range "
                f"{lo - 273.15:.0f} to {hi - 273.15:.0f} degC")
    return (f"battery temperature: up to {float(np.max(r['temperature_max'])) - 273.15:.1f} degC with "
            f"{float(np.max(r['heat_peak'])) / 1e3:.2f} kW of charge and discharge heat over "
            f"{float(np.max(r['conductance'])):.0f} W/K to its control at {T_c - 273.15:.1f} degC, outside its range "
            f"{lo - 273.15:.0f} to {hi - 273.15:.0f} degC (power.battery_conductance too small, or "
            "power.battery_heater_band wider than the range)")
