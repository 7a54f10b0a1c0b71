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

import numpy as np

from ..constraints import Constraint
from ..power import battery as bat
from ..power import solar_array as sa
from ..thermal.loop_kernel import LoopInputs, size_loop_si
from ..units import magnitude
from .inputs import per_design

__all__ = ["loss_coefficient_si", "system_fixed_point_si", "lift_trade_si", "N_LIFTS"]

#: heat-pump lifts tried from 0 to the design's maximum
N_LIFTS = 31


def loss_coefficient_si(p: dict):
    """Power-system losses per watt of load, c [dimensionless]: the orbit-average path
    losses of the array sized for a load L (SMAD 1999, Eq. 11-5, linear in L) are c L."""
    r = sa.required_power_si(1.0, 1.0, p["T_e"], p["T_d"], p["X_e"], p["X_d"])
    return (r * p["T_d"] - (p["T_d"] + p["T_e"])) / (p["T_d"] + p["T_e"])


def loop_inputs(p: dict, loss_coefficient) -> LoopInputs:
    """The loop kernel's inputs from the system kernel's (by name)."""
    return LoopInputs(
        P=p["P_rack"], P_extra=0.0, Tj=p["Tj"], R_jc=p["R_jc"], A_cp=p["A_cp"], D_cp=p["D_cp"], A_flow_cp=p["Af_cp"],
        K_cp=p["K_cp"], glide=p["glide"], eps=p["eps_hot"], Ts_hot=p["Ts_hot"], Ts_cold=p["Ts_cold"], d_i=p["d_i"],
        wall=p["wall"], pitch=p["pitch"], v_target=p["v"], t_fin=p["t_fin"], k_fin=p["k_fin"], rho_fin=p["rho_fin"],
        rho_tube=p["rho_tube"], areal_extra=p["areal"], K_man=p["K_man"], roughness=p["rough"],
        allowance=p["allowance"], eta_pump=p["eta_pump"], pump_specific_mass=p["pump_sm"],
        freeze_margin=p["freeze_margin"], boil_margin=p["boil_margin"], cold_load_fraction=p["cold_frac"],
        lift=p["lift"], f_hp=p["f_hp"], c_loss=loss_coefficient, eps_cold=p["eps_cold"])


def system_fixed_point_si(coolant, p: dict):
    """The system fixed point (one coolant): the loop carries the rack heat, the pump's
    and heat pump's power and the power-system losses c (P_rack + P_pump + W_hp), c from
    :func:`loss_coefficient_si`; then the array is sized for the load (SMAD 1999,
    Sec. 11.4).  SI inputs by name (:func:`thermo_orbit.system.inputs.kernel_inputs` and
    the group's constants).  Returns (loop dict, array dict, load [W], losses [W],
    converged per design, [iterations, largest residual in W])."""
    c = loss_coefficient_si(p) if p["reject_losses"] else 0.0
    r_loop = size_loop_si(coolant, loop_inputs(p, c))
    load = p["P_rack"] + r_loop["pump_electrical_power"] + r_loop["heat_pump_power"]
    r_array = sa.size_array_si(load, load, p["T_d"], p["T_e"], p["eta_cell"], p["S"], p["I_d"], p["L_d"],
                               p["cos"], p["pf"], p["margin"], p["X_e"], p["X_d"], specific_power=p["sp"])
    converged = (r_loop["flags"] & Constraint.LOOP_NOT_CONVERGED) == 0
    residual = r_loop["pump_power_residual"]
    changes = [r_loop["iterations"], float(np.max(residual)) if np.size(residual) else 0.0]
    return r_loop, r_array, load, r_array["path_losses"], converged, changes


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
    r_loop, r_arr, load, _, _, _ = system_fixed_point_si(coolant, q)
    dod_t, cyc_t = v["cycle_life"]["dod"], v["cycle_life"]["cycles"]

    def col(x):
        return np.reshape(np.broadcast_to(np.asarray(x, dtype=np.float64), shape), (-1, 1))

    rb = bat.size_battery_si(load, q["T_e"], q["T_d"], cycles, dod_t, cyc_t,
                             col(per_design(v, "power.battery_specific_energy", "J/kg")),
                             col(per_design(v, "power.battery_charge_efficiency", "")),
                             col(per_design(v, "power.battery_discharge_efficiency", "")),
                             col(per_design(v, "power.transmission_efficiency", "")),
                             col(per_design(v, "power.safe_mode_energy", "J")), col(n_bat), col(n_act))
    hp_mass = col(magnitude(v["thermal.heat_pump_specific_mass"], "kg/W")) * r_loop["heat_pump_power"]
    total = r_arr["mass"] + rb["mass"] + r_loop["loop_mass"] + hp_mass
    ok = (r_loop["flags"] == 0) & np.isfinite(total)
    best = np.argmin(np.where(ok, total, np.inf), axis=1)
    best = np.where(ok.any(axis=1), best, 0)
    return lifts, np.where(ok, total, np.nan), r_loop["radiator_mean_temperature"], best
