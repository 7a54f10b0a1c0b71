"""The steady sizing of many designs sharing one prepared context: the system fixed point,
the battery, the constraints, masses, launches, margins and the binding constraint, as
columns (:data:`thermo_orbit.system.outputs.OUTPUTS`).  One code path for a single design
(:func:`thermo_orbit.system.steady.size_steady`) and for batches and sweeps."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..constraints import BINDING_CODES, MARGIN_NAMES, Constraint, binding_codes
from ..power import battery as bat
from .battery_thermal import battery_thermal_si
from .context import Prepared
from .fixed_point import given_dod, lift_trade_si, system_fixed_point_si
from .inputs import kernel_inputs, per_design
from .mass import mass_budget
from .outputs import MUST_BE_POSITIVE
from .survivability import armour_of, survivability_si

__all__ = ["Sized", "evaluate_si"]

_TO_C = -273.15


@dataclass
class Sized:
    """The kernels' SI results of ``n`` designs (what :func:`evaluate_si` sized)."""

    p: dict  #: the kernel's inputs, arrays (n,)
    loop: dict
    array: dict
    battery: dict
    load: Any  #: daylight [W]
    load_eclipse: Any  #: [W]
    losses: Any  #: [W]
    converged: Any
    changes: list  #: [most passes of a design, largest last pump-power step in W]
    lift_trade: Any  #: (lifts, subsystem mass, radiator mean temperatures, best index) with a heat pump
    cycles: float
    charge_rate: Any  #: [1/s] or None
    n_batteries: Any
    n_active: Any
    invalid: Any  #: rows whose inputs cannot be combined
    why_invalid: dict  #: message → rows
    mass: dict  #: the mass budget [kg] (:func:`thermo_orbit.system.mass.mass_budget`)
    survivability: Any  #: :class:`thermo_orbit.system.survivability.SurvivabilityResult`


def _inputs(v: dict, ctx: Prepared, n: int):
    """The kernel's inputs broadcast to n designs, and the rows whose values cannot be
    combined (a tube inside its pitch, one battery with redundancy), given placeholders."""
    p = {**ctx.kernel_constants(), **kernel_inputs(v)}
    p = {k: val if isinstance(val, bool) else np.broadcast_to(np.asarray(val, dtype=np.float64), (n,)).copy()
         for k, val in p.items()}
    bad_pitch = p["pitch"] <= p["d_i"] + 2 * p["wall"]
    n_bat = np.broadcast_to(np.asarray(v["power.battery_count"]).astype(np.float64), (n,))
    redundancy = bool(v["power.battery_redundancy"])
    bad_battery = (n_bat < 2) if redundancy else np.zeros(n, dtype=bool)
    p["pitch"] = np.where(bad_pitch, 2.0 * (p["d_i"] + 2 * p["wall"]), p["pitch"])  # placeholder, row is invalid
    n_act = np.maximum(n_bat - 1, 1) if redundancy else n_bat  # placeholder 1 where the row is invalid
    bad_eclipse = p["P_rack_eclipse"] > p["P_rack"]
    p["P_rack_eclipse"] = np.minimum(p["P_rack_eclipse"], p["P_rack"])  # placeholder, row is invalid
    why = {"radiator.tube_pitch: not larger than the tube outer diameter": int(bad_pitch.sum()),
           "power.battery_count: one battery cannot have one-failure redundancy": int(bad_battery.sum()),
           "rack.eclipse_power: above rack.power (the racks are throttled in eclipse, not boosted)":
               int(bad_eclipse.sum())}
    return p, n_bat, n_act, bad_pitch | bad_battery | bad_eclipse, {k: c for k, c in why.items() if c}


def _size(v: dict, ctx: Prepared, n: int, overrides: dict | None = None) -> Sized:
    """Heat-pump lift (when the design has one), the system fixed point and the battery;
    ``overrides``: kernel inputs set by the orbit sizing (see :func:`evaluate_si`)."""
    p, n_bat, n_act, invalid, why = _inputs(v, ctx, n)
    bat_load = None
    if overrides:
        extra = {k: np.broadcast_to(np.asarray(val, dtype=np.float64), (n,)).copy() for k, val in overrides.items()}
        bat_load = extra.pop("battery_load_eclipse", None)
        p.update(extra)
    coolant = v["coolant"]
    cycles = ctx.cycles(v)
    trade = None
    if v["thermal.heat_pump"]:
        trade = lift_trade_si(coolant, p, v, cycles, n_bat, n_act)
        p["lift"] = trade[0][np.arange(n), trade[3]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        rate = None if v.get("power.max_charge_rate") is None else per_design(v, "power.max_charge_rate", "1/s")
        sp, rb = _power_system(coolant, p, v, cycles, n_bat, n_act, rate, bat_load)
        count = np.broadcast_to(np.asarray(v["rack.count"], dtype=np.float64), (n,))
        racks = (per_design(v, "rack.mass", "kg") + per_design(v, "rack.shielding_mass", "kg")) * count
        sv = survivability_si(v, p, sp.loop)
        budget = mass_budget(v, sp.loop, sp.array, rb["mass"], sp.load, racks, armour_of(sv), rb["heat_peak"])
    return Sized(p=p, loop=sp.loop, array=sp.array, battery=rb, load=sp.load, load_eclipse=sp.load_eclipse,
                 losses=sp.losses, converged=sp.converged, changes=sp.changes, lift_trade=trade, cycles=cycles,
                 charge_rate=rate, n_batteries=n_bat, n_active=n_act, invalid=invalid, why_invalid=why,
                 mass=budget, survivability=sv)


def _battery(v: dict, p: dict, sp, cycles, n_bat, n_act, rate, bat_load=None) -> dict:
    """The battery (SMAD 1999, Eq. 11-6) for the eclipse load (``bat_load``: the orbit
    sizing's, from the orbit's own discharge) and its thermal control
    (:func:`thermo_orbit.system.battery_thermal.battery_thermal_si`), one dict of SI arrays."""
    load_e = sp.load_eclipse if bat_load is None else bat_load
    rb = bat.size_battery_si(load_e, p["T_e"], p["T_d"], cycles, v["cycle_life"]["dod"], v["cycle_life"]["cycles"],
                             per_design(v, "power.battery_specific_energy", "J/kg"),
                             per_design(v, "power.battery_charge_efficiency", ""),
                             per_design(v, "power.battery_discharge_efficiency", ""),
                             per_design(v, "power.transmission_efficiency", ""),
                             per_design(v, "power.safe_mode_energy", "J"), n_bat, n_act, rate, dod=given_dod(v))
    tc = battery_thermal_si(v, p, sp.array, sp.load, sp.load_eclipse, rb, rate)
    return {**rb, **tc, "flags": rb["flags"] | tc["flags"]}


def _power_system(coolant, p: dict, v: dict, cycles, n_bat, n_act, rate, bat_load=None):
    """The system fixed point and the battery with its thermal control.  Where the battery
    needs a heater (its thermal control colder than its range), the heater's power is a bus
    load: the fixed point and the battery are sized once more with it (``P_bus_extra``);
    the heater sized then, on the larger battery, is within a few per cent of its own
    share of what it was sized with (its conductance grows with the capacity)."""
    sp = system_fixed_point_si(coolant, p)
    rb = _battery(v, p, sp, cycles, n_bat, n_act, rate, bat_load)
    if np.any(rb["heater_power"] > 0.0):
        p["P_bus_extra"] = np.broadcast_to(rb["heater_power"], np.shape(p["P_rack"])).copy()
        sp = system_fixed_point_si(coolant, p)
        rb = _battery(v, p, sp, cycles, n_bat, n_act, rate, bat_load)
    return sp, rb


def _flags(v: dict, s: Sized) -> np.ndarray:
    flags = np.where(s.invalid, Constraint.INVALID_INPUT, 0).astype(np.int64)
    flags |= s.loop["flags"]
    flags |= np.where(s.array["area"] > 0.0, 0, Constraint.ARRAY_POWER)  # NaN and inf included
    if v.get("power.max_array_area") is not None:
        flags |= np.where(s.array["area"] > per_design(v, "power.max_array_area", "m^2"), Constraint.ARRAY_AREA, 0)
    flags |= s.battery["flags"]  # the battery's own constraint bits
    flags |= np.where(s.converged, 0, Constraint.SYSTEM_NOT_CONVERGED)
    flags |= np.where(s.survivability.feasible, 0, Constraint.SURVIVABILITY)
    return flags


def _masses(v: dict, s: Sized, n: int) -> dict:
    """The mass budget [kg] (:func:`thermo_orbit.system.mass.mass_budget`) and launches."""
    count = np.broadcast_to(np.asarray(v["rack.count"], dtype=np.float64), (n,))
    budget = s.mass
    total = budget["total"]
    payload = per_design(v, "launch.payload_per_launch", "kg")
    launches = np.where(np.isfinite(total), np.ceil(total / payload - 1e-12), np.nan)
    return {**{f"mass.{k}": val + np.zeros(n) for k, val in budget.items() if k != "radiator_parts"},
            **{f"mass.radiator_parts.{k}": val + np.zeros(n) for k, val in budget["radiator_parts"].items()},
            "mass.per_rack": total / count,
            "launch.count": launches, "launch.cost": total * per_design(v, "launch.cost_per_kg", "USD/kg"),
            "launch.racks_per_launch": payload / (total / count)}


def _margins(v: dict, s: Sized) -> dict:
    """Each margin beyond what is required (positive holds); ``margins.pump_power`` is the
    fraction by which the hydraulic power of the loop as sized could grow before it has no
    operating point (:func:`thermo_orbit.thermal.loop_solve.runaway_margin`)."""
    r_loop, rb = s.loop, s.battery
    has_boil = np.isfinite(r_loop["boil_margin"]) & (not v["coolant"].pressurized)
    return {"margins.freeze": r_loop["freeze_margin"] - s.p["freeze_margin"],
            "margins.radiator_sink": r_loop["sink_margin"],
            "margins.battery_depth_of_discharge": rb["depth_of_discharge"] - rb["depth_of_discharge_actual"],
            "margins.boil": np.where(has_boil, r_loop["boil_margin"] - s.p["boil_margin"], np.nan),
            "margins.pump_power": r_loop["pump_runaway_margin"],
            "margins.survivability": _survivability_margin(v, s.survivability),
            "margins.battery_temperature": rb["temperature_margin"]}


def _survivability_margin(v: dict, sv) -> np.ndarray:
    """PNP per loop less the required; 0 where armour was sized to meet it (what is left
    there is the root finder's tolerance on the safe side, about 1e-12, not a margin)."""
    margin = sv.probability_no_penetration - per_design(v, "survivability.required_pnp", "")
    if v["survivability.armour"] != "size":
        return margin
    t = np.asarray(sv.armour_thickness, dtype=np.float64)
    return np.where((t > 0.0) & np.isfinite(t), 0.0, margin)


def _binding(v: dict, flags, margins: dict, s: Sized) -> np.ndarray:
    """Infeasible: the first failed constraint in reason order; feasible: the least margin
    relative to a scale: the required margin for freeze and boil (at least 1 K), 50 K for
    the radiator-to-sink margin (a design choice: the order of the sink's spread between
    environment standards), 1 for the depth of discharge (already a fraction), the allowed
    probability of a penetration (1 − required PNP) for survivability with the armour given,
    10 K for the battery's temperature (a design choice: a quarter of the default battery's
    40 K range)."""
    binding = binding_codes(flags)
    allowed = 1.0 - per_design(v, "survivability.required_pnp", "")
    scaled = {"freeze": margins["margins.freeze"] / np.maximum(s.p["freeze_margin"], 1.0),
              "radiator_sink": margins["margins.radiator_sink"] / 50.0,
              "battery_depth_of_discharge": margins["margins.battery_depth_of_discharge"] / 1.0,
              "boil": margins["margins.boil"] / np.maximum(s.p["boil_margin"], 1.0),
              # armour sized to the PNP meets it by construction: that margin never binds
              "survivability": np.inf if v["survivability.armour"] == "size" else
              margins["margins.survivability"] / allowed,
              # a conductance sized to the range's top, or a heater holding its bottom, meets it by construction
              "battery_temperature": np.where(s.battery["sized"] | (s.battery["heater_power"] > 0.0), np.inf,
                                              margins["margins.battery_temperature"] / 10.0)}
    rel = np.stack([np.broadcast_to(scaled[name], binding.shape) for name in MARGIN_NAMES], axis=1)
    rel = np.where(np.isnan(rel), np.inf, rel)  # a margin that does not exist never binds
    codes = np.array([BINDING_CODES[name] for name in MARGIN_NAMES])
    return np.where(binding < 0, codes[np.argmin(rel, axis=1)], binding)


def _columns(v: dict, ctx: Prepared, s: Sized, n: int) -> dict:
    r_loop, r_arr, rb = s.loop, s.array, s.battery
    const = np.zeros(n)
    return {
        "solar_array.area": r_arr["area"], "solar_array.mass": r_arr["mass"],
        "solar_array.power_eol": r_arr["power_eol"] / 1e3,
        "battery.capacity": rb["capacity"] / 3.6e6, "battery.mass": rb["mass"],
        "battery.depth_of_discharge": rb["depth_of_discharge"] + const,
        "battery.depth_of_discharge_actual": rb["depth_of_discharge_actual"],
        "battery.conductance": rb["conductance"], "battery.heater_power": rb["heater_power"] / 1e3,
        "battery.temperature_max": rb["temperature_max"] + _TO_C,
        "radiator.area": r_loop["radiator_area"], "radiator.mass": s.mass["radiator"],
        "radiator.mean_temperature": r_loop["radiator_mean_temperature"] + _TO_C,
        "loop.mass_flow": r_loop["mass_flow"], "loop.pressure_drop": r_loop["pressure_drop"] / 1e3,
        "loop.pump_power": r_loop["pump_electrical_power"] / 1e3, "loop.freeze_margin": r_loop["freeze_margin"],
        "loop.heat_rejected": r_loop["heat_rejected"] / 1e3, "loop.velocity": r_loop["velocity"],
        "heat_pump.lift": s.p["lift"] + const,
        "temperatures.coolant_max": r_loop["radiator_inlet_temperature"] + _TO_C,
        "temperatures.coolant_min_cold_case": r_loop["cold_case_outlet_temperature"] + _TO_C,
        "power_budget.load": s.load / 1e3, "power_budget.load_eclipse": s.load_eclipse / 1e3,
        "power_budget.power_system_losses": s.losses / 1e3,
        **_masses(v, s, n),
        "orbit.period": ctx.period.to("min").magnitude + const,
        "orbit.max_eclipse_duration": ctx.T_e.to("min").magnitude + const,
        "environment.radiator_sink_hot": ctx.Ts_hot.to("K").magnitude + _TO_C + const,
        "environment.radiator_sink_cold": ctx.Ts_cold.to("K").magnitude + _TO_C + const,
        **_margins(v, s), "convergence.passes": r_loop["passes"], **_survivability_columns(s.survivability, const),
    }


def _survivability_columns(sv, const) -> dict:
    """The survivability outputs (NaN where it is off; armour inf where none meets the PNP)."""
    return {"survivability.probability_no_penetration": sv.probability_no_penetration + const,
            "survivability.expected_penetrations": sv.expected_penetrations + const,
            "survivability.armour_thickness": sv.armour_thickness * 1e3 + const,
            "survivability.loops": sv.loops + const,
            "survivability.probability_no_loop_lost": sv.probability_no_loop_lost + const,
            "survivability.heat_rejection_after_loss": sv.heat_after_loss + const}


def _finish(out: dict, flags, binding, invalid) -> dict:
    """Last line of defence (a design whose sizes are not finite and positive is never
    called feasible; the invariant tests and the stress run show it stays unused), then no
    infinity anywhere and no number on an invalid row."""
    feasible = flags == 0
    guard = np.zeros(flags.shape, dtype=bool)
    for k in MUST_BE_POSITIVE:
        guard |= ~(out[k] > 0.0) | ~np.isfinite(out[k])
    guard &= feasible
    flags = flags | np.where(guard, Constraint.MODEL_RANGE, 0)
    binding = np.where(guard, BINDING_CODES["model_range"], binding)
    for k, val in out.items():
        out[k] = np.where(invalid, np.nan, np.where(np.isfinite(val), val, np.nan))
    out["feasible"] = feasible & ~guard & ~invalid
    out["flags"] = flags
    out["binding_constraint"] = np.where(invalid, BINDING_CODES["invalid_input"], binding).astype(np.int8)
    return out


def evaluate_si(v: dict, ctx: Prepared, n: int, overrides: dict | None = None) -> tuple[dict[str, np.ndarray], Sized]:
    """The system kernel and the battery, masses, launch, margins, flags and binding
    constraint of ``n`` designs sharing one prepared context (``v`` may hold arrays of
    kernel fields): the numbers of ``size()`` and of ``size_batch()``.  Returns (columns
    in the units of :data:`thermo_orbit.system.outputs.OUTPUTS`, plus ``feasible``,
    ``flags`` and ``binding_constraint`` codes; the kernels' SI results).

    ``overrides`` (the orbit sizing's, :mod:`thermo_orbit.sizing.orbit`; none for the steady
    sizing): ``area_scale`` (the radiator area as a multiple of what the hot sink needs,
    [dimensionless]), ``heater_daylight`` and ``heater_eclipse`` (the survival heater's
    average power in daylight and in eclipse, [W], loads of the array),
    ``battery_load_eclipse`` (the eclipse load [W] the battery is sized for, from the
    orbit's own discharge), each a value or an array (n,)."""
    s = _size(v, ctx, n, overrides)
    flags = _flags(v, s)
    out = _columns(v, ctx, s, n)
    binding = _binding(v, flags, _margins(v, s), s)
    return _finish(out, flags, binding, s.invalid), s
