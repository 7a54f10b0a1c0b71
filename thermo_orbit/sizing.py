"""Whole-system sizing: array, battery, radiator and loop sized together for a design.

The loads depend on the sizes (pump power, power-system losses) and the heat to reject
depends on the loads, so the system is a fixed point:

    rack heat + power-system losses ──► loop and radiator ──► pump power
    rack power + pump power ──► array and battery ──► power-system losses

The orbit-average losses of the array path are linear in the load (SMAD 1999, Eq. 11-5),
c × (rack + pump + heat pump), so the system is one fixed point in the pump power, solved
in the loop kernel with secant steps until it changes by less than 1e-11 of the load.
Each subsystem is sized at its own worst case: the radiator at the hottest sink of the
year (hot environment, end-of-life coating), freeze at the coldest sink (cold environment,
beginning-of-life coating), the battery at the longest eclipse of the year, the array at
end of life with the hot operating temperature and the aphelion sun.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from . import environment as env
from . import materials as mat
from . import orbit as orb
from .design import FIELDS, Design
from .constants import EARTH_RADIUS
from .constraints import (BINDING_CODES, BINDING_NAMES, MARGIN_NAMES, Constraint, binding_codes, binding_name,
                          text_of)
from .errors import InputError
from .power import battery as bat
from .power import solar_array as sa
from .thermal import loop as lp
from .thermal import radiator as rad
from .results import to_json_value
from .units import Q_

__all__ = ["SystemResult", "size", "resolve_inputs", "check_sizable"]


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

    def to_dict(self) -> dict:
        """The JSON of ``size --json``: every quantity ``{"value", "unit"}``."""
        out = {f.name: to_json_value(getattr(self, f.name)) for f in fields(self)}
        loop = out["loop"]
        loop["pump_power"] = loop.get("pump_electrical_power")
        return out


def _material_value(record, keys, field_path, design_value, material_field=None):
    """Design override, else the first cited database value among ``keys``.  Without an
    override field (``material_field`` names the design field choosing the record), a
    record lacking the value is refused naming that field."""
    if design_value is not None:
        return design_value, None
    for key in keys:
        if key in record.values:
            return record[key], f"{field_path} from materials ({record.name}.{key})"
    what = keys[0].replace("_", " ")
    if material_field is not None:
        raise InputError(material_field, record.name, f"a {record.family} with a cited {what}",
                         f"{material_field}: {record.name!r} has no cited {what} in the database, so it cannot "
                         f"be sized; choose another {record.family}")
    raise InputError(field_path, None, "a value (the database has none cited)",
                     f"{field_path}: the database has no cited {what} for {record.family} {record.name!r}; "
                     f"give {field_path} in the design file (with its source in a comment)")


def resolve_inputs(design: Design) -> dict:
    """The design's values with database lookups resolved: plain SI-ready Quantities and
    the list of values taken from the database."""
    v = design.values
    notes: list[str] = []
    cell = mat.solar_cell(v["power.cell"])
    coat = mat.coating(v["radiator.coating"])
    tube = mat.structure(v["radiator.tube_material"])
    fin = mat.structure(v["radiator.fin_material"])
    battery = mat.battery_chemistry(v["power.battery"])
    coolant = mat.coolant(v["thermal.coolant"])

    def take(record, keys, path, override=True):
        value, note = _material_value(record, keys, path, v.get(path) if override else None,
                                      None if override else path)
        if note:
            notes.append(note)
        return value

    r = dict(v)
    r["power.cell_efficiency"] = take(cell, ("efficiency_bol",), "power.cell_efficiency")
    r["power.cell_temperature_coefficient"] = take(cell, ("gamma_pmp_rel", "temperature_coefficient_pmp"),
                                                   "power.cell_temperature_coefficient")
    r["power.cell_absorptance"] = take(cell, ("alpha_solar",), "power.cell_absorptance")
    r["power.cell_emissivity"] = take(cell, ("eps_front",), "power.cell_emissivity")
    r["radiator.absorptance"] = take(coat, ("alpha_bol",), "radiator.absorptance")
    r["radiator.emissivity"] = take(coat, ("eps_ir_bol",), "radiator.emissivity")
    r["radiator.absorptance_eol"] = take(coat, ("alpha_eol",), "radiator.absorptance_eol")
    if v.get("radiator.emissivity_eol") is None:
        r["radiator.emissivity_eol"] = coat["eps_ir_eol"] if "eps_ir_eol" in coat.values else r["radiator.emissivity"]
    r["tube_density"] = take(tube, ("density",), "radiator.tube_material", override=False)
    r["fin_density"] = take(fin, ("density",), "radiator.fin_material", override=False)
    r["fin_conductivity"] = take(fin, ("thermal_conductivity", "thermal_conductivity_100C"), "radiator.fin_material",
                                 override=False)
    if v.get("power.battery_specific_energy") is None:
        for key in ("pack_specific_energy", "battery_specific_energy"):
            if key in battery.values:
                r["power.battery_specific_energy"] = battery[key]
                notes.append(f"power.battery_specific_energy from materials ({battery.name}.{key})")
                break
        else:
            if "cell_specific_energy" in battery.values:
                r["power.battery_specific_energy"] = battery["cell_specific_energy"] * 0.75
                notes.append(f"power.battery_specific_energy = 0.75 x {battery.name} cell value (design assumption: "
                             "cells are 75 % of the battery mass)")
            else:
                raise InputError("power.battery_specific_energy", None, "a value",
                                 f"power.battery_specific_energy: no cited specific energy for {battery.name!r}; give one")
    if "cycle_life" not in battery.tables:
        raise InputError("power.battery", battery.name, "a battery with a cited cycle-life table",
                         f"power.battery: {battery.name!r} has no cycle-life table (dod, cycles) in the database; "
                         "choose one that has (VES180)")
    r["cycle_life"] = battery.tables["cycle_life"]
    r["coolant"] = coolant
    r["_notes"] = notes
    return r


def check_sizable(values: dict) -> list[InputError]:
    """What stops a design that passes its field and cross checks from being sized:
    database records without the values sizing needs, a tube pitch inside the tube, a
    fluence beyond the cell's data.  Returns the problems (empty when it can be sized); the design file check
    reports them with the rest, so that a design that passes ``check`` sizes."""
    from .design import Design

    problems: list[InputError] = []
    try:
        v = resolve_inputs(Design(values))
    except InputError as err:
        return [err]
    coolant = v["coolant"]
    missing = [n.replace("_", " ") for n in ("density", "specific_heat", "thermal_conductivity", "viscosity")
               if n not in coolant.properties]
    if missing:
        problems.append(InputError("thermal.coolant", coolant.name, "a coolant with cited transport properties",
                                   f"thermal.coolant: {coolant.name} has no cited {', '.join(missing)} in the "
                                   "database, so its loop cannot be sized"))
    d_o = _si(v["radiator.tube_inner_diameter"], "m") + 2 * _si(v["radiator.tube_wall_thickness"], "m")
    if _si(v["radiator.tube_pitch"], "m") <= d_o:
        problems.append(InputError("radiator.tube_pitch", v["radiator.tube_pitch"], "larger than the tube outer "
                                   "diameter", f"radiator.tube_pitch: {v['radiator.tube_pitch']:~P} is not larger "
                                   f"than the tube outer diameter {d_o * 1e3:.3g} mm (inner diameter + 2 walls)"))
    try:
        _end_of_life_factor(v)
    except InputError as err:
        problems.append(err)
    return problems


def _worst_sinks(design_orbit, history, v, n_beta: int = 24, samples: int = 360):
    """Hottest orbit-average radiator sink of the year and the coldest, over ``n_beta`` β
    values spanning the year's range and both environment cases: one vectorised pass over
    (β, phase) per case.  The hot sink takes the coating at its least favourable (larger
    absorptance, smaller emissivity), the cold sink at its most favourable, whatever the
    life stage (:func:`thermo_orbit.thermal.radiator.coating_worst_cases`), so the hot
    sink is the hottest and the cold the coldest whatever the inputs.  Returns (hot sink,
    cold sink, β of the hot sink, (α, ε) hot, (α, ε) cold)."""
    a = EARTH_RADIUS.si + orb.check_altitude(design_orbit.altitude)
    b_deg = np.unique(np.round(np.linspace(history.beta.magnitude.min(), history.beta.magnitude.max(), n_beta), 6))
    beta = np.deg2rad(b_deg)[:, None]
    u = np.linspace(0.0, 2 * np.pi, samples, endpoint=False)[None, :]
    orientation = v["radiator.orientation"]
    tilt = None if v.get("radiator.tilt") is None else v["radiator.tilt"].to("rad").magnitude
    tA, azA = rad.attitude_si(orientation, beta, u, tilt, 0.0 if tilt is not None else None)
    coat_hot, coat_cold = rad.coating_worst_cases(*(_si(v[k], "") for k in (
        "radiator.absorptance", "radiator.emissivity", "radiator.absorptance_eol", "radiator.emissivity_eol")))
    sinks = {}
    for sizing, (alpha, eps) in (("hot", coat_hot), ("cold", coat_cold)):
        for case in ("hot", "cold"):
            e = env.design_case(case, standard=v["orbit.environment"])
            qa, qb = rad.sink_along_orbit_si(a, beta, u, tA, azA, alpha, eps, e.solar_flux.magnitude,
                                              e.albedo.magnitude, e.earth_ir.magnitude)
            sinks[sizing, case] = rad.sink_from_flux_si(0.5 * (qa + qb).mean(axis=1), eps)
    hot = np.maximum(sinks["hot", "hot"], sinks["hot", "cold"])
    cold = np.minimum(sinks["cold", "hot"], sinks["cold", "cold"])
    i = int(np.argmax(hot))
    return Q_(float(hot[i]), "K"), Q_(float(cold.min()), "K"), Q_(float(b_deg[i]), "deg"), coat_hot, coat_cold


def _si(q, unit):
    """SI magnitude: a float for a scalar, a float64 array for an array of designs."""
    m = np.asarray(q.to(unit).magnitude if hasattr(q, "units") else q, dtype=np.float64)
    return float(m) if m.ndim == 0 else m


def _end_of_life_factor(v) -> float:
    """Remaining array output at end of life: the cell's fluence data where the design gives
    a fluence, else (1 − D)^years (SMAD Eq. 11-7)."""
    if v.get("power.eol_fluence") is not None:
        try:
            return float(sa.fluence_remaining_factor(v["power.cell"], v["power.eol_fluence"]).magnitude)
        except InputError as err:
            raise InputError("power.eol_fluence", v["power.eol_fluence"], err.expected,
                             f"power.eol_fluence: {err}") from None
    return float(sa.lifetime_degradation(v["power.degradation_per_year"], v["orbit.mission_life"]).magnitude)


_N_LIFTS = 31


def _lift_trade_si(coolant, p: dict, v, cycles, n_bat, n_act, n_lifts: int = _N_LIFTS):
    """Size the system at ``n_lifts`` heat-pump lifts from 0 to the design's maximum, for
    every design at once (designs along axis 0, lifts along axis 1).  Returns (lifts,
    subsystem mass with NaN where infeasible, radiator mean temperatures, index of the
    lift of least mass per design)."""
    shape = np.broadcast(*(np.asarray(val) for val in p.values() if not isinstance(val, bool))).shape
    q = {k: val if isinstance(val, bool) else np.reshape(np.broadcast_to(np.asarray(val, dtype=np.float64), shape),
                                                          (-1, 1)) for k, val in p.items()}
    max_lift = np.reshape(np.broadcast_to(_si(v["thermal.heat_pump_max_lift"], "K"), shape), (-1, 1))
    lifts = np.linspace(0.0, 1.0, n_lifts)[None, :] * max_lift
    q["lift"] = lifts
    with warnings.catch_warnings():  # rows that run away carry inf and NaN, marked by their flags
        warnings.simplefilter("ignore", RuntimeWarning)
        return _lift_trade_rows(coolant, q, v, cycles, n_bat, n_act, lifts, shape)


def _lift_trade_rows(coolant, q, v, cycles, n_bat, n_act, lifts, shape):
    """The lift trade's system and battery sizing over (designs, lifts): see :func:`_lift_trade_si`."""
    r_loop, r_arr, load, losses, converged, changes = _size_system_si(coolant, q)
    dod_t, cyc_t = v["cycle_life"]["dod"], v["cycle_life"]["cycles"]
    col = lambda x: np.reshape(np.broadcast_to(np.asarray(x, dtype=np.float64), shape), (-1, 1))  # noqa: E731
    rb = bat.size_battery_si(load, q["T_e"], q["T_d"], cycles, dod_t, cyc_t,
                              col(_si(v["power.battery_specific_energy"], "J/kg")),
                              col(_si(v["power.battery_charge_efficiency"], "")),
                              col(_si(v["power.battery_discharge_efficiency"], "")),
                              col(_si(v["power.transmission_efficiency"], "")),
                              col(_si(v["power.safe_mode_energy"], "J")), col(n_bat), col(n_act))
    hp_mass = col(_si(v["thermal.heat_pump_specific_mass"], "kg/W")) * r_loop["heat_pump_power"]
    total = r_arr["mass"] + rb["mass"] + r_loop["loop_mass"] + hp_mass
    ok = (r_loop["flags"] == 0) & np.isfinite(total)
    best = np.argmin(np.where(ok, total, np.inf), axis=1)
    best = np.where(ok.any(axis=1), best, 0)
    return lifts, np.where(ok, total, np.nan), r_loop["radiator_mean_temperature"], best


def _loss_coefficient_si(p: dict):
    """Power-system losses per watt of load, c: the orbit-average path losses of the array
    sized for a load L (SMAD Eq. 11-5, linear in L) are c L."""
    r = sa.required_power_si(1.0, 1.0, p["T_e"], p["T_d"], p["X_e"], p["X_d"])
    return (r * p["T_d"] - (p["T_d"] + p["T_e"])) / (p["T_d"] + p["T_e"])


def _size_system_si(coolant, p: dict):
    """The system fixed point on SI floats or arrays of designs (one coolant).

    The loop carries the rack heat, the pump's and heat pump's power and the power-system
    losses, c (P_rack + P_pump + W_hp) with c from :func:`_loss_coefficient_si`; the pump
    power depends on the heat carried.  Because the losses are linear in the load, the
    whole system is one fixed point in the pump power, solved inside the loop kernel
    (secant steps to 1e-11 of the load).  Then the array is sized for the load.  Returns
    (loop dict, array dict, load, losses, converged per design, [iterations, largest
    residual in W])."""
    liquid_metal = coolant.name in lp.LIQUID_METALS
    args = (p["P_rack"], 0.0, p["Tj"], p["R_jc"], p["A_cp"], p["D_cp"], p["Af_cp"], p["K_cp"], p["glide"],
            p["eps_hot"], p["Ts_hot"], p["Ts_cold"], p["d_i"], p["wall"], p["pitch"], p["v"], p["t_fin"], p["k_fin"],
            p["rho_fin"], p["rho_tube"], p["areal"], p["K_man"], p["rough"], p["allowance"], p["eta_pump"],
            p["pump_sm"], p["freeze_margin"], p["boil_margin"], p["cold_frac"])
    c = _loss_coefficient_si(p) if p["reject_losses"] else 0.0
    r_loop = lp.size_loop_si(coolant, liquid_metal, *args, cold_case=True, free_tubes=True, lift=p["lift"],
                              carnot_fraction=p["f_hp"], loss_coefficient=c, eps_cold=p["eps_cold"])
    load = p["P_rack"] + r_loop["pump_electrical_power"] + r_loop["heat_pump_power"]
    r_array = sa.size_array_si(load, load, p["T_d"], p["T_e"], p["eta_cell"], p["S"], p["I_d"], p["L_d"],
                                p["cos"], p["pf"], p["margin"], p["X_e"], p["X_d"], specific_power=p["sp"])
    losses = r_array["path_losses"]
    converged = (r_loop["flags"] & lp.FLAG_NO_CONVERGENCE) == 0
    residual = r_loop["pump_power_residual"]
    changes = [r_loop["iterations"], float(np.max(residual)) if np.size(residual) else 0.0]
    return r_loop, r_array, load, losses, converged, changes


#: output path → unit of its column (the paths and units of ``size --json``); the two
#: text-like outputs (``feasible``, ``binding_constraint``) and ``flags`` have no unit.
OUTPUTS: dict[str, str] = {
    "solar_array.area": "m^2", "solar_array.mass": "kg", "solar_array.power_eol": "kW",
    "battery.capacity": "kWh", "battery.mass": "kg", "battery.depth_of_discharge": "",
    "battery.depth_of_discharge_actual": "",
    "radiator.area": "m^2", "radiator.mass": "kg", "radiator.mean_temperature": "degC",
    "loop.mass_flow": "kg/s", "loop.pressure_drop": "kPa", "loop.pump_power": "kW", "loop.freeze_margin": "K",
    "loop.heat_rejected": "kW", "heat_pump.lift": "K",
    "temperatures.coolant_max": "degC", "temperatures.coolant_min_cold_case": "degC",
    "power_budget.load": "kW", "power_budget.power_system_losses": "kW",
    "mass.racks": "kg", "mass.solar_array": "kg", "mass.battery": "kg", "mass.radiator": "kg", "mass.loop": "kg",
    "mass.heat_pump": "kg", "mass.other": "kg", "mass.total": "kg", "mass.per_rack": "kg",
    "launch.count": "", "launch.cost": "USD", "launch.racks_per_launch": "",
    "orbit.period": "min", "orbit.max_eclipse_duration": "min",
    "environment.radiator_sink_hot": "degC", "environment.radiator_sink_cold": "degC",
    "margins.freeze": "K", "margins.radiator_sink": "K", "margins.battery_depth_of_discharge": "", "margins.boil": "K",
}

_B = BINDING_CODES
# the system's constraint bits (thermo_orbit.constraints), under the names sweeps and tests use
FLAG_ARRAY_AREA = Constraint.ARRAY_AREA
FLAG_BATTERY_CYCLES = Constraint.BATTERY_CYCLES
FLAG_BATTERY_CHARGE_RATE = Constraint.BATTERY_CHARGE_RATE
FLAG_SYSTEM_NOT_CONVERGED = Constraint.SYSTEM_NOT_CONVERGED
FLAG_INVALID_INPUT = Constraint.INVALID_INPUT
FLAG_TRANSIENT = Constraint.TRANSIENT  #: the orbit transient (a sweep's verify = "transient") failed
_FLAG_TEXT = {c: text_of(c) for c in Constraint}

#: outputs that a feasible design has finite and positive; a row without is MODEL_RANGE
_MUST_BE_POSITIVE = ("solar_array.area", "solar_array.mass", "battery.capacity", "battery.mass", "radiator.area",
                     "radiator.mass", "loop.mass_flow", "loop.heat_rejected", "power_budget.load", "mass.total")


def _evaluate_si(v: dict, ctx: dict, n: int) -> tuple[dict[str, np.ndarray], dict]:
    """The system kernel and the battery, masses, launch, margins, flags and binding
    constraint of ``n`` designs sharing one prepared context (``v`` may hold arrays of
    kernel fields): the numbers of :func:`size` and of :func:`thermo_orbit.batch.size_batch`.
    Returns (columns in the units of :data:`OUTPUTS`, the kernels' raw SI results)."""
    coolant = v["coolant"]
    p = _kernel_inputs(v, ctx)
    p = {k: val if isinstance(val, bool) else np.broadcast_to(np.asarray(val, dtype=np.float64), (n,)).copy()
         for k, val in p.items()}
    flags = np.zeros(n, dtype=np.int64)
    bad_pitch = p["pitch"] <= p["d_i"] + 2 * p["wall"]
    n_bat = np.broadcast_to(np.asarray(v["power.battery_count"]).astype(np.float64), (n,))
    redundancy = bool(v["power.battery_redundancy"])
    bad_battery = (n_bat < 2) if redundancy else np.zeros(n, dtype=bool)
    invalid = bad_pitch | bad_battery
    flags |= np.where(invalid, FLAG_INVALID_INPUT, 0)
    p["pitch"] = np.where(bad_pitch, 2.0 * (p["d_i"] + 2 * p["wall"]), p["pitch"])  # placeholder, row is invalid
    n_act = np.maximum(n_bat - 1, 1) if redundancy else n_bat  # placeholder 1 where the row is invalid
    cycles = _cycles(v, ctx)
    lift = np.zeros(n)
    trade = None
    if v["thermal.heat_pump"]:
        trade = _lift_trade_si(coolant, p, v, cycles, n_bat, n_act)
        lift = trade[0][np.arange(n), trade[3]]
        p["lift"] = lift
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        r_loop, r_arr, load, losses, converged, changes = _size_system_si(coolant, p)
        rate = None if v.get("power.max_charge_rate") is None else _si(v["power.max_charge_rate"], "1/s")
        rb = bat.size_battery_si(load, p["T_e"], p["T_d"], cycles, v["cycle_life"]["dod"], v["cycle_life"]["cycles"],
                                  _si(v["power.battery_specific_energy"], "J/kg"),
                                  _si(v["power.battery_charge_efficiency"], ""),
                                  _si(v["power.battery_discharge_efficiency"], ""),
                                  _si(v["power.transmission_efficiency"], ""),
                                  _si(v["power.safe_mode_energy"], "J"), n_bat, n_act, rate)
    flags |= r_loop["flags"]
    flags |= np.where(r_arr["area"] > 0.0, 0, Constraint.ARRAY_POWER)  # NaN and inf included
    if v.get("power.max_array_area") is not None:
        flags |= np.where(r_arr["area"] > _si(v["power.max_array_area"], "m^2"), FLAG_ARRAY_AREA, 0)
    flags |= rb["flags"]  # the battery's own constraint bits
    flags |= np.where(converged, 0, FLAG_SYSTEM_NOT_CONVERGED)
    feasible = flags == 0

    count = np.broadcast_to(np.asarray(v["rack.count"], dtype=np.float64), (n,))
    m_racks = (_si(v["rack.mass"], "kg") + _si(v["rack.shielding_mass"], "kg")) * count
    m_hp = _si(v["thermal.heat_pump_specific_mass"], "kg/W") * r_loop["heat_pump_power"]
    m_loop = r_loop["loop_mass"] - r_loop["radiator_mass"]
    m_other = _si(v["launch.other_mass"], "kg")
    total = m_racks + r_arr["mass"] + rb["mass"] + r_loop["radiator_mass"] + m_loop + m_hp + m_other
    payload = _si(v["launch.payload_per_launch"], "kg")
    launches = np.where(np.isfinite(total), np.ceil(total / payload - 1e-12), np.nan)

    m_freeze = r_loop["freeze_margin"] - p["freeze_margin"]
    m_sink = r_loop["sink_margin"]
    m_dod = rb["depth_of_discharge"] - rb["depth_of_discharge_actual"]
    has_boil = np.isfinite(r_loop["boil_margin"]) & (not coolant.pressurized)
    m_boil = np.where(has_boil, r_loop["boil_margin"] - p["boil_margin"], np.nan)

    # binding constraint: infeasible, the first failing reason in the order size() lists
    # them; feasible, the least margin relative to a scale: the required margin for freeze
    # and boil (at least 1 K), 50 K for the radiator-to-sink margin (a design choice: the
    # order of the sink's spread between environment standards), 1 for the depth of
    # discharge (already a fraction of the battery)
    binding = binding_codes(flags)
    scale_freeze = np.maximum(p["freeze_margin"], 1.0)
    scale_boil = np.maximum(p["boil_margin"], 1.0)
    rel = np.stack([m_freeze / scale_freeze, m_sink / 50.0, m_dod / 1.0,
                    np.where(has_boil, m_boil / scale_boil, np.inf)], axis=1)
    rel = np.where(np.isnan(rel), np.inf, rel)
    least = np.argmin(rel, axis=1)
    binding = np.where(binding < 0, least, binding)  # the first names are the margins, in this order
    assert BINDING_NAMES[:4] == MARGIN_NAMES

    to_c = -273.15
    out = {
        "feasible": feasible, "flags": flags, "binding_constraint": binding.astype(np.int8),
        "solar_array.area": r_arr["area"], "solar_array.mass": r_arr["mass"], "solar_array.power_eol": r_arr["power_eol"] / 1e3,
        "battery.capacity": rb["capacity"] / 3.6e6, "battery.mass": rb["mass"],
        "battery.depth_of_discharge": rb["depth_of_discharge"] + np.zeros(n),
        "battery.depth_of_discharge_actual": rb["depth_of_discharge_actual"],
        "radiator.area": r_loop["radiator_area"], "radiator.mass": r_loop["radiator_mass"],
        "radiator.mean_temperature": r_loop["radiator_mean_temperature"] + to_c,
        "loop.mass_flow": r_loop["mass_flow"], "loop.pressure_drop": r_loop["pressure_drop"] / 1e3,
        "loop.pump_power": r_loop["pump_electrical_power"] / 1e3, "loop.freeze_margin": r_loop["freeze_margin"],
        "loop.heat_rejected": r_loop["heat_rejected"] / 1e3, "heat_pump.lift": lift,
        "temperatures.coolant_max": r_loop["radiator_inlet_temperature"] + to_c,
        "temperatures.coolant_min_cold_case": r_loop["cold_case_outlet_temperature"] + to_c,
        "power_budget.load": load / 1e3, "power_budget.power_system_losses": losses / 1e3,
        "mass.racks": m_racks, "mass.solar_array": r_arr["mass"], "mass.battery": rb["mass"],
        "mass.radiator": r_loop["radiator_mass"], "mass.loop": m_loop, "mass.heat_pump": m_hp,
        "mass.other": m_other + np.zeros(n), "mass.total": total, "mass.per_rack": total / count,
        "launch.count": launches, "launch.cost": total * _si(v["launch.cost_per_kg"], "USD/kg"),
        "launch.racks_per_launch": payload / (total / count),
        "orbit.period": ctx["period"].to("min").magnitude + np.zeros(n),
        "orbit.max_eclipse_duration": ctx["T_e"].to("min").magnitude + np.zeros(n),
        "environment.radiator_sink_hot": ctx["Ts_hot"].to("K").magnitude + to_c + np.zeros(n),
        "environment.radiator_sink_cold": ctx["Ts_cold"].to("K").magnitude + to_c + np.zeros(n),
        "margins.freeze": m_freeze, "margins.radiator_sink": m_sink, "margins.battery_depth_of_discharge": m_dod,
        "margins.boil": m_boil,
    }
    # last line of defence: a design whose sizes are not finite and positive is never
    # called feasible (the invariant tests and the stress run show this stays unused)
    guard = np.zeros(n, dtype=bool)
    for k in _MUST_BE_POSITIVE:
        guard |= ~(out[k] > 0.0) | ~np.isfinite(out[k])
    guard &= feasible
    if np.any(guard):
        flags |= np.where(guard, Constraint.MODEL_RANGE, 0)
        feasible = feasible & ~guard
        out["binding_constraint"] = np.where(guard, _B["model_range"], out["binding_constraint"]).astype(np.int8)
    for k, val in out.items():
        if val.dtype.kind == "f":
            out[k] = np.where(np.isfinite(val), val, np.nan)
        if k not in ("feasible", "flags", "binding_constraint") and val.dtype.kind == "f":
            out[k] = np.where(invalid, np.nan, out[k])
    out["feasible"] = feasible & ~invalid
    out["binding_constraint"] = np.where(invalid, _B["invalid_input"], out["binding_constraint"]).astype(np.int8)
    why = {"radiator.tube_pitch: not larger than the tube outer diameter": int(bad_pitch.sum()),
           "power.battery_count: one battery cannot have one-failure redundancy": int(bad_battery.sum())}
    raw = dict(loop=r_loop, array=r_arr, battery=rb, charge_rate=rate, load=load, losses=losses, converged=converged, changes=changes,
               lift_trade=trade, cycles=cycles, p=p, invalid={k: c for k, c in why.items() if c})
    return out, raw


def size(design: Design, verify: str | None = None) -> SystemResult:
    """Size the whole system for ``design`` (see the module docstring).

    ``verify="transient"`` then checks the sizing against the periodic orbit in the cold
    case (:func:`thermo_orbit.transient.simulate_orbit`): coolant freezing in eclipse, the
    battery beyond its allowed depth of discharge or temperature range make the design
    infeasible with margins, and the survival heater's orbit-average power is added to the
    power budget.

    Returns a :class:`SystemResult` of Quantities: areas [m²], masses [kg], powers [kW],
    energies [kWh], temperatures [degC], margins [K] or dimensionless; an infeasible
    design is a result with ``feasible`` False and its reasons, never an exception.  Bad
    input raises :class:`InputError`.  The models and their references are those of the
    subsystems: SMAD 1999 Sec. 11.4 (array, battery), ECSS-E-ST-10-04C or SSP 41000
    (environments), and the loop and radiator references in :mod:`thermo_orbit.thermal`.
    """
    if verify not in (None, "transient"):
        raise InputError("verify", verify, 'None or "transient"')
    result = _size_steady(design)
    if verify is None:
        return result
    from dataclasses import replace

    from .transient import simulate_orbit

    sim = simulate_orbit(design, result, case="cold")
    reasons = result.reasons + tuple(f"orbit transient: {r}" for r in sim.reasons)
    budget = dict(result.power_budget)
    budget["heater_orbit_average"] = sim.extremes["heater_orbit_average"].to("kW")
    margins = dict(result.margins)
    margins["transient_freeze"] = sim.margins["freeze"]
    margins["transient_battery_depth_of_discharge"] = sim.margins["battery_depth_of_discharge"]
    transient = {"case": sim.case, "beta": sim.beta, "extremes": sim.extremes, "margins": sim.margins,
                 "certificate": sim.certificate, "feasible": sim.feasible}
    binding = result.binding_constraint
    if result.feasible and not sim.feasible:
        binding = binding_name(sim.flags)
    return replace(result, feasible=result.feasible and sim.feasible, reasons=reasons, power_budget=budget,
                   margins=margins, transient=transient, binding_constraint=binding)


def _prepare(design: Design) -> dict:
    """Everything of a design that does not vary with the kernel fields: resolved inputs,
    the orbit over the year, the worst sinks, the array temperature and cosine loss."""
    v = resolve_inputs(design)
    o = design.orbit()
    history = orb.beta_angle_over_year(o, days=365)
    period = history.period.to("s")
    T_e = history.max_eclipse_duration.to("s")
    days_eclipse = history.days_with_eclipse
    eclipses_per_year = days_eclipse * (86400.0 / period.magnitude) * 365.25 / 365.0
    beta_abs_min = Q_(float(np.min(np.abs(history.beta.magnitude))), "deg")
    Ts_hot, Ts_cold, beta_hot, coat_hot, coat_cold = _worst_sinks(o, history, v)
    pointing = v["power.pointing"]
    arr_T = sa.array_operating_temperature(
        o.altitude, beta_abs_min, v["power.cell_efficiency"], v["power.cell_temperature_coefficient"],
        v["power.cell_absorptance"], v["power.cell_emissivity"], v["power.array_back_emissivity"],
        packing_factor=v["power.packing_factor"], pointing=pointing, tilt=v.get("power.array_tilt"),
        case=env.design_case("hot", standard=v["orbit.environment"]))
    X_e, X_d = sa.path_efficiencies(v["power.regulation"], v.get("power.path_efficiency_eclipse"),
                                     v.get("power.path_efficiency_daylight"))
    return dict(
        v=v, orbit=o, history=history, period=period, T_e=T_e, T_d=period - T_e, days_eclipse=days_eclipse,
        eclipses_per_year=eclipses_per_year, beta_abs_min=beta_abs_min, Ts_hot=Ts_hot, Ts_cold=Ts_cold,
        beta_hot=beta_hot, coat_hot=coat_hot, coat_cold=coat_cold, arr_T=arr_T,
        cos_loss=float(sa.cosine_loss(pointing, beta_abs_min, tilt=v.get("power.array_tilt")).magnitude),
        S_aphelion=env.design_case("cold", standard=v["orbit.environment"]).solar_flux, X_e=X_e, X_d=X_d,
        L_d=_end_of_life_factor(v),
    )


def _cycles(v, ctx):
    """Charge–discharge cycles over the mission (eclipses per year × life)."""
    return ctx["eclipses_per_year"] * _si(v["orbit.mission_life"], "year")


def _kernel_inputs(v: dict, ctx: dict) -> dict:
    """The system kernel's SI inputs from the design values (floats, or arrays where
    :func:`size_batch` varies kernel fields) and the prepared context."""
    n = np.asarray(v["rack.count"], dtype=np.float64)
    if n.ndim == 0:
        n = float(n)
    return dict(
        P_rack=_si(v["rack.power"], "W") * n, Tj=_si(v["rack.max_junction_temperature"], "K"),
        R_jc=_si(v["rack.junction_to_cold_plate_resistance"], "K/W") / n,
        A_cp=_si(v["rack.cold_plate_wetted_area"], "m^2") * n, D_cp=_si(v["rack.cold_plate_hydraulic_diameter"], "m"),
        Af_cp=_si(v["rack.cold_plate_flow_area"], "m^2") * n, K_cp=_si(v["rack.cold_plate_loss_coefficient"], ""),
        glide=_si(v["thermal.radiator_glide"], "K"), eps_hot=ctx["coat_hot"][1], eps_cold=ctx["coat_cold"][1],
        Ts_hot=ctx["Ts_hot"].magnitude, Ts_cold=ctx["Ts_cold"].magnitude, d_i=_si(v["radiator.tube_inner_diameter"], "m"),
        wall=_si(v["radiator.tube_wall_thickness"], "m"), pitch=_si(v["radiator.tube_pitch"], "m"),
        v=_si(v["thermal.coolant_velocity"], "m/s"), t_fin=_si(v["radiator.fin_thickness"], "m"),
        k_fin=_si(v["fin_conductivity"], "W/(m*K)"), rho_fin=_si(v["fin_density"], "kg/m^3"),
        rho_tube=_si(v["tube_density"], "kg/m^3"), areal=_si(v["radiator.structure_areal_density"], "kg/m^2"),
        K_man=_si(v["thermal.manifold_loss_coefficient"], ""), rough=_si(v["thermal.tube_roughness"], "m"),
        allowance=_si(v["thermal.inventory_allowance"], ""), eta_pump=_si(v["thermal.pump_efficiency"], ""),
        pump_sm=_si(v["thermal.pump_specific_mass"], "kg/W"), freeze_margin=_si(v["thermal.freeze_margin"], "K"),
        boil_margin=_si(v["thermal.boil_margin"], "K"), cold_frac=_si(v["thermal.cold_case_load_fraction"], ""),
        reject_losses=bool(v["thermal.reject_power_losses"]),
        T_d=ctx["T_d"].magnitude, T_e=ctx["T_e"].magnitude, eta_cell=float(ctx["arr_T"].efficiency_mean.magnitude),
        S=ctx["S_aphelion"].magnitude, I_d=_si(v["power.inherent_degradation"], ""), L_d=ctx["L_d"],
        cos=ctx["cos_loss"], pf=_si(v["power.packing_factor"], ""), margin=_si(v["power.margin"], ""),
        X_e=ctx["X_e"], X_d=ctx["X_d"], sp=_si(v["power.array_specific_power"], "W/kg"), lift=0.0,
        f_hp=_si(v["thermal.heat_pump_carnot_fraction"], ""),
    )


def _size_steady(design: Design) -> SystemResult:
    """The steady whole-system sizing of :func:`size`."""
    ctx = _prepare(design)
    v = ctx["v"]
    assumptions = [f"{p}: {FIELDS[p].source} (default)" for p in design.defaults_used
                   if FIELDS[p].source == "design assumption"] + v["_notes"]
    warn: list[str] = []
    o, history, period, T_e, T_d = ctx["orbit"], ctx["history"], ctx["period"], ctx["T_e"], ctx["T_d"]
    days_eclipse, arr_T = ctx["days_eclipse"], ctx["arr_T"]
    Ts_hot, Ts_cold, beta_hot = ctx["Ts_hot"], ctx["Ts_cold"], ctx["beta_hot"]
    cos_loss, S_aphelion, X_e, X_d = ctx["cos_loss"], ctx["S_aphelion"], ctx["X_e"], ctx["X_d"]
    cycles = _cycles(v, ctx)
    coolant = v["coolant"]
    p = _kernel_inputs(v, ctx)
    if p["pitch"] <= p["d_i"] + 2 * p["wall"]:
        raise InputError("radiator.tube_pitch", v["radiator.tube_pitch"], "larger than the tube outer diameter")
    cols, raw = _evaluate_si(v, ctx, 1)
    one = lambda d: {k: (val.reshape(()) if isinstance(val, np.ndarray) else val) for k, val in d.items()}  # noqa: E731
    r_loop, r_arr = one(raw["loop"]), one(raw["array"])
    load, losses, changes = float(raw["load"][0]), float(raw["losses"][0]), raw["changes"]
    converged = bool(raw["converged"][0])
    col = {k: val[0] for k, val in cols.items()}
    heat_pump = None
    if raw["lift_trade"] is not None:
        lifts, total, T_rad, best = raw["lift_trade"]
        i = int(best[0])
        heat_pump = {"lift": Q_(lifts[0, i], "K"), "radiator_mean_temperature": Q_(T_rad[0, i], "K"),
                     "lifts": Q_(lifts[0], "K"), "subsystem_mass": Q_(total[0], "kg"),
                     "radiator_mean_temperatures": Q_(T_rad[0], "K")}
    loop = lp.loop_result(coolant, r_loop)
    warn.extend(loop.warnings)
    for what, bol, eol in (("absorptance", "radiator.absorptance", "radiator.absorptance_eol"),
                           ("emissivity", "radiator.emissivity", "radiator.emissivity_eol")):
        better = _si(v[eol], "") < _si(v[bol], "") if what == "absorptance" else _si(v[eol], "") > _si(v[bol], "")
        if better:
            warn.append(f"{eol} ({_si(v[eol], ''):.3g}) is {'below' if what == 'absorptance' else 'above'} {bol} "
                        f"({_si(v[bol], ''):.3g}): the coating improves with age; the hot case takes the worse "
                        "value and the cold case the better, whatever the life stage")
    array_reasons = ()
    if col["flags"] & FLAG_ARRAY_AREA:
        A_max = _si(v["power.max_array_area"], "m^2")
        array_reasons = (f"array area {r_arr['area']:.0f} m² exceeds the allowed {A_max:.0f} m² "
                         f"(margin {A_max - r_arr['area']:.0f} m²)",)
    array = sa.SolarArrayResult(
        required_power=Q_(r_arr["required_power"], "W").to("kW"), power_bol=Q_(r_arr["power_bol"], "W").to("kW"),
        power_eol=Q_(r_arr["power_eol"], "W").to("kW"), area=Q_(r_arr["area"], "m^2"), mass=Q_(r_arr["mass"], "kg"),
        operating_temperature=arr_T.mean, efficiency=arr_T.efficiency_mean, cosine_loss=Q_(cos_loss, ""),
        inherent_degradation=Q_(p["I_d"], ""), lifetime_degradation=Q_(p["L_d"], ""),
        path_efficiency_eclipse=Q_(X_e, ""), path_efficiency_daylight=Q_(X_d, ""), power_margin=Q_(p["margin"], ""),
        path_losses=Q_(r_arr["path_losses"], "W"), feasible=not array_reasons, reasons=array_reasons,
    )
    load_q = Q_(load, "W")
    n_bat = int(v["power.battery_count"])
    battery = bat.battery_result(one(raw["battery"]), cycles, v["cycle_life"], T_e.magnitude, T_d.magnitude, n_bat,
                                 n_bat - 1 if v["power.battery_redundancy"] else n_bat, raw["charge_rate"])
    warn.extend(battery.warnings)
    P_rack = Q_(p["P_rack"], "W")
    losses_q = Q_(losses, "W")

    # power budget over one orbit (array at EOL, the longest eclipse)
    Td_s, Te_s = T_d.magnitude, T_e.magnitude
    generated = r_arr["required_power"] / (1 + p["margin"]) * Td_s
    consumed = load * (Td_s + Te_s)
    loss_energy = losses * (Td_s + Te_s)
    budget = {
        "rack_power": P_rack.to("kW"), "pump_power": loop.pump_electrical_power.to("kW"),
        "heat_pump_power": loop.heat_pump_power.to("kW"), "load": load_q.to("kW"),
        "power_system_losses": losses_q.to("kW"), "array_power_required": array.required_power.to("kW"),
        "energy_generated_per_orbit": Q_(generated, "J").to("kWh"),
        "energy_used_per_orbit": Q_(consumed, "J").to("kWh"),
        "energy_lost_per_orbit": Q_(loss_energy, "J").to("kWh"),
        "closure": Q_(abs(generated - consumed - loss_energy) / generated, ""),
    }

    mass = {k: Q_(col[f"mass.{k}"], "kg") for k in ("racks", "solar_array", "battery", "radiator", "loop",
                                                      "heat_pump", "other", "total", "per_rack")}
    payload = v["launch.payload_per_launch"].to("kg")
    launch = {
        "count": int(col["launch.count"]) if np.isfinite(col["launch.count"]) else None,
        "cost": Q_(col["launch.cost"], "USD"), "payload_per_launch": payload.to("t"),
        "racks_per_launch": Q_(col["launch.racks_per_launch"], ""),
    }
    margins = {"freeze": Q_(col["margins.freeze"], "K"), "radiator_sink": Q_(col["margins.radiator_sink"], "K"),
               "battery_depth_of_discharge": Q_(col["margins.battery_depth_of_discharge"], "")}
    if np.isfinite(col["margins.boil"]):
        margins["boil"] = Q_(col["margins.boil"], "K")
    reasons = list(loop.reasons) + list(array.reasons) + list(battery.reasons)  # the loop reports non-convergence
    feasible = bool(col["feasible"])
    binding = BINDING_NAMES[int(col["binding_constraint"])]
    orbit_out = {
        "altitude": o.altitude.to("km"), "inclination": o.inclination.to("deg"), "period": period.to("min"),
        "max_eclipse_duration": T_e.to("min"), "beta_range": Q_(np.array([history.beta.magnitude.min(),
                                                                         history.beta.magnitude.max()]), "deg"),
        "days_with_eclipse": days_eclipse, "eclipse_cycles_over_life": Q_(cycles, ""),
        "beta_of_longest_eclipse": Q_(float(history.beta.magnitude[int(np.argmin(np.abs(history.beta.magnitude)))]), "deg"),
    }
    environment_out = {
        "radiator_sink_hot": Ts_hot, "radiator_sink_cold": Ts_cold, "beta_of_hottest_sink": beta_hot,
        "solar_flux_sizing": S_aphelion, "array_temperature": arr_T.mean.to("degC"),
        "array_temperature_max": arr_T.maximum.to("degC"), "array_efficiency": arr_T.efficiency_mean,
        "array_cosine": Q_(cos_loss, ""),
    }
    radiator_out = {
        "area": loop.radiator_area, "mass": loop.radiator_mass,
        "emissivity_eol": Q_(_si(v["radiator.emissivity_eol"], ""), ""),
        "absorptance_eol": Q_(_si(v["radiator.absorptance_eol"], ""), ""),
        "hot_case_coating": {"absorptance": Q_(ctx["coat_hot"][0], ""), "emissivity": Q_(ctx["coat_hot"][1], "")},
        "cold_case_coating": {"absorptance": Q_(ctx["coat_cold"][0], ""), "emissivity": Q_(ctx["coat_cold"][1], "")},
        "orientation": v["radiator.orientation"], "coating": v["radiator.coating"],
        "fin_efficiency": loop.fin_efficiency, "tube_count": loop.tube_count, "tube_length": loop.tube_length,
        "mean_temperature": loop.radiator_mean_temperature.to("degC"),
    }
    temperatures = {
        "junction_limit": loop.junction_temperature.to("degC"),
        "cold_plate_wall": loop.cold_plate_wall_temperature.to("degC"),
        "coolant_max": loop.radiator_inlet_temperature.to("degC"),
        "radiator_outlet": loop.radiator_outlet_temperature.to("degC"),
        "radiator_sink_hot": Ts_hot.to("degC"),
        "coolant_min_cold_case": loop.cold_case_outlet_temperature.to("degC"),
        "coolant_melting_point": v["coolant"].melting_point.to("degC"),
        "radiator_sink_cold": Ts_cold.to("degC"),
    }
    return SystemResult(
        design=design.name, feasible=feasible, binding_constraint=binding, reasons=tuple(reasons), margins=margins,
        orbit=orbit_out, environment=environment_out, solar_array=array, battery=battery, loop=loop,
        radiator=radiator_out, power_budget=budget, temperatures=temperatures, mass=mass, launch=launch,
        convergence={"converged": converged, "iterations": changes[0], "last_change": Q_(changes[1], "W")},
        assumptions=tuple(assumptions), warnings=tuple(dict.fromkeys(warn)), heat_pump=heat_pump,
    )
