"""The battery's thermal control in the steady sizing: its conductance to the control and
its heater (:func:`thermo_orbit.power.battery.battery_thermal_control_si`) from the
battery's largest charge or discharge heat, the chemistry's operating range and the
design's control temperature, for one design or many (SI arrays)."""

from __future__ import annotations

import numpy as np

from ..power import battery as bat
from ..units import magnitude
from .inputs import battery_temperature_range, per_design

__all__ = ["battery_thermal_si", "survival_heater_capacity_si"]


def survival_heater_capacity_si(v: dict, P_rack):
    """The survival heater's capacity [W]: ``thermal.survival_heater_fraction`` of the
    racks' power [W] (the orbit transient's proportional heater on the coldest coolant, a
    design assumption; heaters as in Gilmore 2002, ch. 7)."""
    return magnitude(v["thermal.survival_heater_fraction"], "") * P_rack


def _conductance_given(v: dict):
    """``power.battery_conductance`` [W/K] per design, NaN where it is sized."""
    if v.get("power.battery_conductance") is None:
        return np.nan
    return per_design(v, "power.battery_conductance", "W/K")


def battery_thermal_si(v: dict, p: dict, r_array: dict, load, load_eclipse, rb: dict, rate=None,
                       heater=0.0) -> dict:
    """The battery's thermal control of each design (dict of SI arrays, with the range and
    the control temperature [K] for the reasons).  The largest heat
    (:func:`thermo_orbit.power.battery.battery_heat_si`) is that of discharging the eclipse
    load with the survival heater at full capacity and the battery heater ``heater`` [W]
    on, or of charging at the charge regulator's limit ``rate`` [1/s] × the capacity
    (``power.max_charge_rate``; without one, the array's whole end-of-life surplus over the
    daylight load ``load`` [W], no less than the recharge power of the sizing): an upper
    bound of what the orbit draws, so the steady bounds hold over the orbit too (Gilmore
    2002, ch. 2 and 7; heats [W], temperatures [K], conductances [W/K])."""
    lo, hi = battery_temperature_range(v)
    eta_c, eta_d, eta_t = (per_design(v, f"power.{k}", "") for k in (
        "battery_charge_efficiency", "battery_discharge_efficiency", "transmission_efficiency"))
    discharging = load_eclipse + survival_heater_capacity_si(v, p["P_rack"]) + heater
    charging = (np.maximum(rb["charge_power"], r_array["power_eol"] * p["X_d"] - load) if rate is None
                else rate * rb["capacity"])
    Q = bat.battery_heat_si(discharging, charging, eta_c, eta_d, eta_t)
    T_c = per_design(v, "power.battery_control_temperature", "K")
    floor = per_design(v, "power.battery_conductance_per_capacity", "W/(K*J)") * rb["capacity"]
    r = bat.battery_thermal_control_si(Q, T_c, lo, hi, per_design(v, "power.battery_heater_band", "K"),
                                       _conductance_given(v), floor)
    shape = np.shape(r["conductance"])
    return {**r, "range_low": np.full(shape, lo), "range_high": np.full(shape, hi),
            "control_temperature": T_c + np.zeros(shape)}
