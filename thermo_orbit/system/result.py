"""A sized spacecraft as a result of Quantities: :class:`SystemResult`, assembled from the
columns and kernel results of one design (:func:`thermo_orbit.system.evaluate.evaluate_si`)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from ..constraints import BINDING_NAMES, Constraint
from ..power import battery as bat
from ..power import solar_array as sa
from ..results import to_json_value
from ..thermal import loop as lp
from ..thermal.radiator_mass import RADIATOR_PARTS
from ..units import Q_, magnitude
from .context import Prepared
from .evaluate import Sized
from .fields import FIELDS

__all__ = ["SystemResult", "build_result"]


@dataclass(frozen=True)
class SystemResult:
    """A sized spacecraft.  ``to_dict()`` gives the JSON of ``thermo-orbit size --json``."""

    design: str
    feasible: bool
    binding_constraint: str
    reasons: tuple[str, ...]
    margins: dict
    orbit: dict
    environment: dict
    solar_array: Any
    battery: Any
    loop: Any
    radiator: dict
    power_budget: dict
    temperatures: dict
    mass: dict
    launch: dict
    convergence: dict
    assumptions: tuple[str, ...]
    warnings: tuple[str, ...]
    heat_pump: Any = None  #: chosen lift and mass against lift, when the design has a heat pump
    transient: Any = None  #: the orbit check (extremes, margins, certificate), with verify="transient"
    survivability: Any = None  #: MMOD: PNP per loop, expected penetrations, armour, loops
    #: with method="orbit": the steady and orbit-sized radiator areas, the mass saving, the
    #: binding side (hot or cold) and the transient certificate (:mod:`thermo_orbit.sizing.orbit`)
    orbit_sizing: Any = None

    def to_dict(self) -> dict:
        """The JSON of ``size --json``: every quantity ``{"value", "unit"}``."""
        out = {f.name: to_json_value(getattr(self, f.name)) for f in fields(self)}
        loop = out["loop"]
        loop["pump_power"] = loop.get("pump_electrical_power")
        return out


#: cited defaults of the mass and power-path rules, listed with their sources in ``assumptions``
#: (the answer users act on rests on them; the other cited defaults are in docs/design-fields.md)
CITED_RULES = ("radiator.mass_model", "radiator.flown_reference", "thermal.control_hardware_specific_mass",
               "bus.structure_fraction", "bus.power_conditioning_specific_mass", "bus.maturity", "power.bus",
               "power.design_and_assembly_factor", "power.shadowing_factor", "power.discharge_regulator_efficiency",
               "power.distribution_efficiency")


def _one(d: dict) -> dict:
    """A kernel result of one design: 0-d arrays."""
    return {k: (val.reshape(()) if isinstance(val, np.ndarray) else val) for k, val in d.items()}


def _coating_warnings(v: dict) -> list[str]:
    warn = []
    for what, bol, eol in (("absorptance", "radiator.absorptance", "radiator.absorptance_eol"),
                           ("emissivity", "radiator.emissivity", "radiator.emissivity_eol")):
        b, e = magnitude(v[bol], ""), magnitude(v[eol], "")
        if (e < b) if what == "absorptance" else (e > b):
            warn.append(f"{eol} ({e:.3g}) is {'below' if what == 'absorptance' else 'above'} {bol} ({b:.3g}): the "
                        "coating improves with age; the hot case takes the worse value and the cold case the "
                        "better, whatever the life stage")
    return warn


def _heat_pump(s: Sized) -> dict | None:
    if s.lift_trade is None:
        return None
    lifts, total, T_rad, best = s.lift_trade
    i = int(best[0])
    return {"lift": Q_(lifts[0, i], "K"), "radiator_mean_temperature": Q_(T_rad[0, i], "K"),
            "lifts": Q_(lifts[0], "K"), "subsystem_mass": Q_(total[0], "kg"),
            "radiator_mean_temperatures": Q_(T_rad[0], "K")}


def _array(ctx: Prepared, s: Sized, r_arr: dict, col: dict):
    v = ctx.v
    max_area = magnitude(v["power.max_array_area"], "m^2") if col["flags"] & Constraint.ARRAY_AREA else None
    return sa.array_result(r_arr, efficiency=ctx.arr_T.efficiency_mean.magnitude, cosine=ctx.cos_loss,
                           inherent_degradation=s.p["I_d"][0], lifetime_degradation=ctx.L_d,
                           path_efficiencies=(float(np.ravel(s.p["X_e"])[0]), float(np.ravel(s.p["X_d"])[0])),
                           power_margin=s.p["margin"][0],
                           operating_temperature=ctx.arr_T.mean, max_area=max_area)


def _budget(s: Sized, ctx: Prepared, loop, array, r_arr: dict) -> dict:
    """The power budget over one orbit (array at end of life, the longest eclipse)."""
    load, losses = float(s.load[0]), float(s.losses[0])
    Td_s, Te_s = ctx.T_d.magnitude, ctx.T_e.magnitude
    generated = r_arr["required_power"] / (1 + s.p["margin"][0]) * Td_s
    consumed = load * Td_s + float(s.load_eclipse[0]) * Te_s
    loss_energy = losses * (Td_s + Te_s)
    return {
        "rack_power": Q_(s.p["P_rack"][0], "W").to("kW"), "pump_power": loop.pump_electrical_power.to("kW"),
        "heat_pump_power": loop.heat_pump_power.to("kW"),
        "rack_power_eclipse": Q_(s.p["P_rack_eclipse"][0], "W").to("kW"),
        "battery_heater": Q_(float(s.battery["heater_power"][0]), "W").to("kW"), "load": Q_(load, "W").to("kW"),
        "load_eclipse": Q_(float(s.load_eclipse[0]), "W").to("kW"),
        "power_system_losses": Q_(losses, "W").to("kW"), "array_power_required": array.required_power.to("kW"),
        "energy_generated_per_orbit": Q_(generated, "J").to("kWh"),
        "energy_used_per_orbit": Q_(consumed, "J").to("kWh"),
        "energy_lost_per_orbit": Q_(loss_energy, "J").to("kWh"),
        "closure": Q_(abs(generated - consumed - loss_energy) / generated, ""),
        "bus": bus_name(ctx.v),
    }


def bus_name(v: dict) -> str:
    """The power bus as the report names it: ``"SMAD PPT"``, ``"SMAD DET"`` or ``"regulated"``,
    with ``(path efficiencies given)`` where the design overrides X_e or X_d."""
    name = f"SMAD {v['power.regulation']}" if v["power.bus"] == "SMAD" else v["power.bus"]
    given = any(v.get(f"power.path_efficiency_{k}") is not None for k in ("eclipse", "daylight"))
    return name + (" (path efficiencies given)" if given else "")


def _mass_launch_margins(v: dict, col: dict) -> tuple[dict, dict, dict]:
    mass = {k: Q_(col[f"mass.{k}"], "kg") for k in (
        "racks", "solar_array", "battery", "radiator", "loop", "heat_pump", "structure", "harness",
        "power_conditioning", "thermal_control", "growth_allowance", "other", "total", "per_rack")}
    mass["radiator_parts"] = {part: Q_(col[f"mass.radiator_parts.{part}"], "kg") for part in RADIATOR_PARTS}
    launch = {
        "count": int(col["launch.count"]) if np.isfinite(col["launch.count"]) else None,
        "cost": Q_(col["launch.cost"], "USD"), "payload_per_launch": v["launch.payload_per_launch"].to("t"),
        "racks_per_launch": Q_(col["launch.racks_per_launch"], ""),
    }
    margins = {"freeze": Q_(col["margins.freeze"], "K"), "radiator_sink": Q_(col["margins.radiator_sink"], "K"),
               "battery_depth_of_discharge": Q_(col["margins.battery_depth_of_discharge"], ""),
               "pump_power": Q_(col["margins.pump_power"], "")}
    if np.isfinite(col["margins.boil"]):
        margins["boil"] = Q_(col["margins.boil"], "K")
    if np.isfinite(col["margins.survivability"]):
        margins["survivability"] = Q_(col["margins.survivability"], "")
    if np.isfinite(col["margins.battery_temperature"]):
        margins["battery_temperature"] = Q_(col["margins.battery_temperature"], "K")
    return mass, launch, margins


def _survivability(v: dict, col: dict, sv) -> tuple[dict, list[str], list[str]]:
    """The survivability section of the result, its reason when it fails, and its warnings."""
    out = {"evaluated": bool(sv.evaluated), "armour": v["survivability.armour"],
           "loops": int(v["thermal.loops"]),
           "heat_rejection_after_loss": Q_(col["survivability.heat_rejection_after_loss"], "")}
    required = magnitude(v["survivability.required_pnp"], "")
    if sv.evaluated:
        out.update({k: Q_(col[f"survivability.{k}"], "") for k in (
            "probability_no_penetration", "expected_penetrations", "probability_no_loop_lost")})
        out["required_pnp"] = Q_(required, "")
        out["armour_thickness"] = Q_(col["survivability.armour_thickness"], "mm")
    reasons, warn = [], []
    if sv.evaluated and not bool(np.ravel(sv.feasible)[0]) and np.isfinite(col["margins.survivability"]):
        pnp = col["survivability.probability_no_penetration"]
        sized = v["survivability.armour"] == "size"
        how = "with the largest armour tried (20 mm)" if sized else "with the armour given"
        reasons.append(f"probability of no penetration of a loop {pnp:.4g} {how}, below the required {required:g} "
                       f"(margin {pnp - required:+.4g}); more loops, a bumper (survivability.bumper_*) or a smaller "
                       "radiator raise it")
    if v.get("survivability.heat_fraction_after_loss") is not None and \
            col["survivability.heat_rejection_after_loss"] < magnitude(v["survivability.heat_fraction_after_loss"], ""):
        reasons.append(f"a loop lost leaves {col['survivability.heat_rejection_after_loss']:.3g} of the heat "
                       f"rejection, below survivability.heat_fraction_after_loss: use more loops")
    if sv.evaluated and bool(np.ravel(sv.extrapolated)[0]):
        warn.append("survivability: the debris or meteoroid flux is used outside its printed range (ORDEM2000 "
                    "table of Christiansen 2009, or the Grün mass range): the PNP is an extrapolation")
    if not sv.evaluated:
        warn.append("survivability.armour = off: meteoroid and debris penetration not evaluated")
    return out, reasons, warn


def _orbit_environment(ctx: Prepared, cycles) -> tuple[dict, dict]:
    o, beta = ctx.orbit, ctx.history.beta.magnitude
    orbit_out = {
        "altitude": o.altitude.to("km"), "inclination": o.inclination.to("deg"), "period": ctx.period.to("min"),
        "max_eclipse_duration": ctx.T_e.to("min"), "beta_range": Q_(np.array([beta.min(), beta.max()]), "deg"),
        "days_with_eclipse": ctx.days_eclipse, "eclipse_cycles_over_life": Q_(cycles, ""),
        "beta_of_longest_eclipse": Q_(float(beta[int(np.argmin(np.abs(beta)))]), "deg"),
    }
    environment_out = {
        "radiator_sink_hot": ctx.Ts_hot, "radiator_sink_cold": ctx.Ts_cold, "beta_of_hottest_sink": ctx.beta_hot,
        "solar_flux_sizing": ctx.S_aphelion, "array_temperature": ctx.arr_T.mean.to("degC"),
        "array_temperature_max": ctx.arr_T.maximum.to("degC"), "array_efficiency": ctx.arr_T.efficiency_mean,
        "array_cosine": Q_(ctx.cos_loss, ""),
    }
    return orbit_out, environment_out


def _radiator_temperatures(ctx: Prepared, loop, col: dict) -> tuple[dict, dict]:
    v = ctx.v
    radiator_out = {
        "area": loop.radiator_area, "mass": Q_(col["radiator.mass"], "kg"),
        "mass_model": v["radiator.mass_model"],
        "areal_mass": Q_(col["radiator.mass"] / col["radiator.area"], "kg/m^2"),
        "emissivity_eol": Q_(magnitude(v["radiator.emissivity_eol"], ""), ""),
        "absorptance_eol": Q_(magnitude(v["radiator.absorptance_eol"], ""), ""),
        "hot_case_coating": {"absorptance": Q_(ctx.coat_hot[0], ""), "emissivity": Q_(ctx.coat_hot[1], "")},
        "cold_case_coating": {"absorptance": Q_(ctx.coat_cold[0], ""), "emissivity": Q_(ctx.coat_cold[1], "")},
        "orientation": v["radiator.orientation"], "coating": v["radiator.coating"],
        "fin_efficiency": loop.fin_efficiency, "tube_count": loop.tube_count, "tube_length": loop.tube_length,
        "mean_temperature": loop.radiator_mean_temperature.to("degC"),
    }
    temperatures = {
        "junction_limit": loop.junction_temperature.to("degC"),
        "cold_plate_wall": loop.cold_plate_wall_temperature.to("degC"),
        "coolant_max": loop.radiator_inlet_temperature.to("degC"),
        "radiator_outlet": loop.radiator_outlet_temperature.to("degC"),
        "radiator_sink_hot": ctx.Ts_hot.to("degC"),
        "coolant_min_cold_case": loop.cold_case_outlet_temperature.to("degC"),
        "coolant_melting_point": v["coolant"].melting_point.to("degC"),
        "radiator_sink_cold": ctx.Ts_cold.to("degC"),
    }
    return radiator_out, temperatures


def build_result(design, ctx: Prepared, cols: dict, s: Sized) -> SystemResult:
    """The :class:`SystemResult` of one design from its columns and kernel results."""
    v = ctx.v
    col = {k: val[0] for k, val in cols.items()}
    r_loop, r_arr = _one(s.loop), _one(s.array)
    loop = lp.loop_result(v["coolant"], r_loop)
    array = _array(ctx, s, r_arr, col)
    n_bat = int(v["power.battery_count"])
    battery = bat.battery_result(_one(s.battery), s.cycles, v["cycle_life"], ctx.T_e.magnitude, ctx.T_d.magnitude,
                                 n_bat, n_bat - 1 if v["power.battery_redundancy"] else n_bat, s.charge_rate)
    mass, launch, margins = _mass_launch_margins(v, col)
    orbit_out, environment_out = _orbit_environment(ctx, s.cycles)
    radiator_out, temperatures = _radiator_temperatures(ctx, loop, col)
    assumptions = [f"{p}: {FIELDS[p].source} (default)" for p in design.defaults_used
                   if FIELDS[p].source == "design assumption"] + v["_notes"] + [
        f"{p} = {FIELDS[p].default}: {FIELDS[p].source} (cited default)" for p in CITED_RULES
        if p in design.defaults_used] + [
        "battery thermal control hardware: thermal.control_hardware_specific_mass (the loop's cited rule per kW) "
        f"applied to the battery's largest heat, {battery.heat_peak.to('kW').magnitude:.3g} kW (no battery-specific "
        "figure cited)"]
    surv_out, surv_reasons, surv_warn = _survivability(v, col, s.survivability)
    warn = list(loop.warnings) + _coating_warnings(v) + list(battery.warnings) + surv_warn
    return SystemResult(
        design=design.name, feasible=bool(col["feasible"]),
        binding_constraint=BINDING_NAMES[int(col["binding_constraint"])],
        reasons=(*loop.reasons, *array.reasons, *battery.reasons, *surv_reasons), margins=margins, orbit=orbit_out,
        environment=environment_out, solar_array=array, battery=battery, loop=loop, radiator=radiator_out,
        power_budget=_budget(s, ctx, loop, array, r_arr), temperatures=temperatures, mass=mass, launch=launch,
        convergence={"converged": bool(s.converged[0]), "iterations": s.changes[0],
                     "passes": int(col["convergence.passes"]) if np.isfinite(col["convergence.passes"]) else None,
                     "last_change": Q_(s.changes[1], "W")},
        assumptions=tuple(assumptions), warnings=tuple(dict.fromkeys(warn)), heat_pump=_heat_pump(s),
        survivability=surv_out,
    )
