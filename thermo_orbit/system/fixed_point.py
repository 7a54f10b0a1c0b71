"""The whole-system fixed point on SI floats or arrays of designs.

The loads depend on the sizes (pump power, power-system losses) and the heat to reject
depends on the loads:

    rack heat + power-system losses ──► loop and radiator ──► pump power
    rack power + pump power ──► array and battery ──► power-system losses

The orbit-average losses of the array path are linear in the load (SMAD 1999, Eq. 11-5),
c × (rack + pump + heat pump), so the system is one fixed point in the pump power, solved
in the loop kernel (:func:`thermo_orbit.thermal.loop_kernel.size_loop_si`).
"""

from __future__ import annotations

import warnings
from typing import NamedTuple

import numpy as np

from ..constraints import Constraint
from ..power import battery as bat
from ..power import solar_array as sa
from ..thermal.loop_kernel import LoopInputs, size_loop_si
from .battery_thermal import battery_thermal_si
from .inputs import per_design
from .mass import mass_budget
from .survivability import armour_of, survivability_si

__all__ = ["loss_coefficient_si", "eclipse_loss_coefficient_si", "SystemPoint", "system_fixed_point_si",
           "lift_trade_si", "given_dod", "N_LIFTS"]

#: heat-pump lifts tried from 0 to the design's maximum
N_LIFTS = 31


def loss_coefficient_si(p: dict):
    """Power-system losses per watt of load, c [dimensionless]: the orbit-average path
    losses of the array sized for a load L (SMAD 1999, Eq. 11-5, linear in L) are c L."""
    r = sa.required_power_si(1.0, 1.0, p["T_e"], p["T_d"], p["X_e"], p["X_d"])
    return (r * p["T_d"] - (p["T_d"] + p["T_e"])) / (p["T_d"] + p["T_e"])


def eclipse_loss_coefficient_si(p: dict):
    """The eclipse part a_e [dimensionless] of the loss coefficient: the orbit-average path
    losses are a_e P_e + a_d P_d with a_e = T_e (1/X_e − 1)/T and a_d = T_d (1/X_d − 1)/T
    (SMAD 1999, Eq. 11-5), T = T_d + T_e; c = a_e + a_d."""
    return p["T_e"] * (1.0 / p["X_e"] - 1.0) / (p["T_d"] + p["T_e"])


class SystemPoint(NamedTuple):
    """The system fixed point's results (SI): loop and array kernel dicts, the loads [W] in
    daylight and in eclipse, the orbit-average power-system losses [W], convergence."""

    loop: dict
    array: dict
    load: object
    load_eclipse: object
    losses: object
    converged: object
    changes: list  #: [iterations, largest pump-power residual in W]


def loop_inputs(p: dict, loss_coefficient) -> LoopInputs:
    """The loop kernel's inputs from the system kernel's (by name).  With the racks
    throttled in eclipse (P_e < P), the orbit-average losses shrink by a_e (P − P_e)
    (:func:`eclipse_loss_coefficient_si`) and the cold case (in eclipse) carries P_e; the
    path losses of a battery heater's power (``P_bus_extra`` [W], a load all orbit) are
    heat in the loop too."""
    P, P_e = p["P_rack"], p["P_rack_eclipse"]
    throttled = P_e != P
    a_e = eclipse_loss_coefficient_si(p) if p["reject_losses"] else 0.0
    cold = np.where(throttled, p["cold_frac"] * P_e / np.where(throttled, P, 1.0), p["cold_frac"])
    return LoopInputs(
        P=P, P_extra=np.where(throttled, a_e * (P_e - P), 0.0) + loss_coefficient * p.get("P_bus_extra", 0.0),
        Tj=p["Tj"], R_jc=p["R_jc"], A_cp=p["A_cp"],
        D_cp=p["D_cp"], A_flow_cp=p["Af_cp"],
        K_cp=p["K_cp"], glide=p["glide"], eps=p["eps_hot"], Ts_hot=p["Ts_hot"], Ts_cold=p["Ts_cold"], d_i=p["d_i"],
        wall=p["wall"], pitch=p["pitch"], v_target=p["v"], t_fin=p["t_fin"], k_fin=p["k_fin"], rho_fin=p["rho_fin"],
        rho_tube=p["rho_tube"], areal_extra=p["areal"], K_man=p["K_man"], roughness=p["rough"],
        allowance=p["allowance"], eta_pump=p["eta_pump"], pump_specific_mass=p["pump_sm"],
        freeze_margin=p["freeze_margin"], boil_margin=p["boil_margin"], cold_load_fraction=cold,
        lift=p["lift"], f_hp=p["f_hp"], c_loss=loss_coefficient, eps_cold=p["eps_cold"],
        area_scale=p.get("area_scale", 1.0))


def system_fixed_point_si(coolant, p: dict) -> SystemPoint:
    """The system fixed point (one coolant): the loop carries the rack heat, the pump's
    and heat pump's power and the power-system losses c (P_rack + P_pump + W_hp), c from
    :func:`loss_coefficient_si` (less a_e (P − P_e) with the racks throttled in eclipse);
    then the array is sized for the daylight and eclipse loads [W] (SMAD 1999, Sec. 11.4,
    Eq. 11-5).  SI inputs by name (:func:`thermo_orbit.system.inputs.kernel_inputs` and the
    group's constants); the orbit sizing adds ``area_scale`` (the radiator area as a multiple
    of what the hot sink needs, [dimensionless]) and ``heater_daylight``, ``heater_eclipse``
    (the survival heater's average power in daylight and in eclipse, [W], loads of the array)."""
    c = loss_coefficient_si(p) if p["reject_losses"] else 0.0
    extra = p.get("P_bus_extra", 0.0)  # the battery heater, a bus load all orbit
    r_loop = size_loop_si(coolant, loop_inputs(p, c))
    others = r_loop["pump_electrical_power"] + r_loop["heat_pump_power"] + extra
    load, load_e = p["P_rack"] + others, p["P_rack_eclipse"] + others
    if "heater_daylight" in p:  # the survival heater's orbit power in daylight and in eclipse (orbit sizing)
        load, load_e = load + p["heater_daylight"], load_e + p["heater_eclipse"]
    r_array = sa.size_array_si(load, load_e, p["T_d"], p["T_e"], p["eta_cell"], p["S"], p["I_d"], p["L_d"],
                               p["cos"], p["pf"], p["margin"], p["X_e"], p["X_d"], specific_power=p["sp"],
                               rated_per_m2=p["P_rated"])
    converged = (r_loop["flags"] & Constraint.LOOP_NOT_CONVERGED) == 0
    residual = r_loop["pump_power_residual"]
    changes = [r_loop["iterations"], float(np.max(residual)) if np.size(residual) else 0.0]
    return SystemPoint(r_loop, r_array, load, load_e, r_array["path_losses"], converged, changes)


def given_dod(v):
    """The designer's allowed depth of discharge (``power.battery_depth_of_discharge``)
    [dimensionless], NaN where the cycle-life data decide (SMAD 1999, Sec. 11.4)."""
    if v.get("power.battery_depth_of_discharge") is None:
        return np.nan
    return per_design(v, "power.battery_depth_of_discharge", "")


def _columns_of(v: dict) -> dict:
    """The design values with per-design arrays as columns (n, 1), to broadcast over lifts."""
    out = dict(v)
    for k, val in v.items():
        if (hasattr(val, "units") and np.ndim(val.magnitude) == 1) or (isinstance(val, np.ndarray) and val.ndim == 1):
            out[k] = val.reshape(-1, 1)
    return out


def lift_trade_si(coolant, p: dict, v, cycles, n_bat, n_act, n_lifts: int = N_LIFTS):
    """Size the system (SMAD 1999, Sec. 11.4, and the loop of :mod:`thermo_orbit.thermal`)
    at ``n_lifts`` heat-pump lifts from 0 to the design's maximum, for every design at
    once (designs along axis 0, lifts along axis 1).  Returns (lifts [K],
    subsystem mass [kg] with NaN where infeasible, radiator mean temperatures [K], index of
    the lift of least mass per design)."""
    shape = np.broadcast(*(np.asarray(val) for val in p.values() if not isinstance(val, bool))).shape
    q = {k: val if isinstance(val, bool) else np.reshape(np.broadcast_to(np.asarray(val, dtype=np.float64), shape),
                                                          (-1, 1)) for k, val in p.items()}
    max_lift = np.reshape(np.broadcast_to(per_design(v, "thermal.heat_pump_max_lift", "K"), shape), (-1, 1))
    lifts = np.linspace(0.0, 1.0, n_lifts)[None, :] * max_lift
    q["lift"] = lifts
    with warnings.catch_warnings():  # rows that run away carry inf and NaN, marked by their flags
        warnings.simplefilter("ignore", RuntimeWarning)
        return _lift_trade_rows(coolant, q, v, cycles, n_bat, n_act, lifts, shape)


def _lift_trade_rows(coolant, q, v, cycles, n_bat, n_act, lifts, shape):
    """The lift trade's system and battery sizing over (designs, lifts): see :func:`lift_trade_si`."""
    sp = system_fixed_point_si(coolant, q)
    r_loop, r_arr = sp.loop, sp.array
    dod_t, cyc_t = v["cycle_life"]["dod"], v["cycle_life"]["cycles"]

    def col(x):
        return np.reshape(np.broadcast_to(np.asarray(x, dtype=np.float64), shape), (-1, 1))

    rb = bat.size_battery_si(sp.load_eclipse, q["T_e"], q["T_d"], cycles, dod_t, cyc_t,
                             col(per_design(v, "power.battery_specific_energy", "J/kg")),
                             col(per_design(v, "power.battery_charge_efficiency", "")),
                             col(per_design(v, "power.battery_discharge_efficiency", "")),
                             col(per_design(v, "power.transmission_efficiency", "")),
                             col(per_design(v, "power.safe_mode_energy", "J")), col(n_bat), col(n_act),
                             dod=col(given_dod(v)))
    vc = _columns_of(v)
    count = col(np.asarray(v["rack.count"], dtype=np.float64))
    racks = (per_design(vc, "rack.mass", "kg") + per_design(vc, "rack.shielding_mass", "kg")) * count
    sv = survivability_si(vc, q, r_loop)  # the armour changes with the radiator the lift sizes
    rate = None if v.get("power.max_charge_rate") is None else per_design(vc, "power.max_charge_rate", "1/s")
    heat = battery_thermal_si(vc, q, r_arr, sp.load, sp.load_eclipse, rb, rate)["heat_peak"]
    budget = mass_budget(vc, r_loop, r_arr, rb["mass"], sp.load, racks, armour_of(sv), heat)
    total = budget["total"] - budget["racks"] - budget["other"]  # what the lift changes
    ok = (r_loop["flags"] == 0) & np.isfinite(total) & sv.feasible
    best = np.argmin(np.where(ok, total, np.inf), axis=1)
    best = np.where(ok.any(axis=1), best, 0)
    return lifts, np.where(ok, total, np.nan), r_loop["radiator_mean_temperature"], best
