"""Whole-system sizing of many designs at once, on arrays.

:func:`size_batch` sizes a base design with fields changed per design and returns one
array per output (the paths of ``thermo-orbit size --json``).  It is the engine of the
sweeps and gives, row by row, what :func:`thermo_orbit.sizing.size` gives one design.

The fields in :data:`KERNEL_FIELDS` (rack, loop, tube, battery, margin and launch
numbers) enter only the system kernel and are varied as float64 arrays in one call.
Any other field (orbit, coolant, coating, cell, attitude...) changes the orbit over the
year, the worst sinks or the array temperature: designs sharing those values form a
group, prepared once (about 25 ms) and then sized together through the kernel.

A design whose values cannot be combined (tube pitch inside the tube, an impossible
sun-synchronous altitude, one battery with redundancy) is an answer, not an error: its
row has ``feasible`` False and the binding constraint ``invalid_input``.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pint

from . import sizing as sz
from .design import FIELDS, Design
from .errors import InputError
from .power import battery as bat
from .thermal import loop as lp
from .units import Q_

__all__ = ["KERNEL_FIELDS", "OUTPUTS", "BINDING_NAMES", "size_batch", "binding_names", "flag_reasons"]

KERNEL_FIELDS = frozenset({
    "rack.power", "rack.count", "rack.mass", "rack.shielding_mass", "rack.max_junction_temperature",
    "rack.junction_to_cold_plate_resistance", "rack.cold_plate_wetted_area", "rack.cold_plate_hydraulic_diameter",
    "rack.cold_plate_flow_area", "rack.cold_plate_loss_coefficient",
    "power.inherent_degradation", "power.array_specific_power", "power.margin", "power.max_array_area",
    "power.battery_specific_energy", "power.battery_count", "power.battery_charge_efficiency",
    "power.battery_discharge_efficiency", "power.transmission_efficiency", "power.safe_mode_energy",
    "power.max_charge_rate",
    "thermal.radiator_glide", "thermal.coolant_velocity", "thermal.pump_efficiency", "thermal.pump_specific_mass",
    "thermal.manifold_loss_coefficient", "thermal.tube_roughness", "thermal.inventory_allowance",
    "thermal.freeze_margin", "thermal.boil_margin", "thermal.cold_case_load_fraction",
    "thermal.heat_pump_carnot_fraction", "thermal.heat_pump_specific_mass", "thermal.heat_pump_max_lift",
    "radiator.tube_inner_diameter", "radiator.tube_wall_thickness", "radiator.tube_pitch", "radiator.fin_thickness",
    "radiator.structure_areal_density",
    "launch.payload_per_launch", "launch.cost_per_kg", "launch.other_mass",
})

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

#: binding-constraint names; ``binding_constraint`` columns hold indices into this tuple
BINDING_NAMES = ("freeze", "radiator_sink", "battery_depth_of_discharge", "boil", "chip_temperature", "pump_power",
                 "convergence", "array_area", "battery_cycle_life", "battery_charge_rate", "invalid_input", "transient_freeze", "transient")
_B = {name: i for i, name in enumerate(BINDING_NAMES)}

# flags beyond the loop's own bits (thermal.loop.FLAG_*)
FLAG_ARRAY_AREA = 1 << 8
FLAG_BATTERY_CYCLES = 1 << 9
FLAG_BATTERY_CHARGE_RATE = 1 << 10
FLAG_SYSTEM_NOT_CONVERGED = 1 << 11
FLAG_INVALID_INPUT = 1 << 12
FLAG_TRANSIENT = 1 << 13  #: the orbit transient (a sweep's verify = "transient") failed
_FLAG_TEXT = dict(lp.FLAG_TEXT)
_FLAG_TEXT.update({
    FLAG_ARRAY_AREA: "array area above power.max_array_area",
    FLAG_BATTERY_CYCLES: "battery cycles beyond the cited cycle-life data",
    FLAG_BATTERY_CHARGE_RATE: "recharge above power.max_charge_rate",
    FLAG_SYSTEM_NOT_CONVERGED: "system fixed point did not converge",
    FLAG_INVALID_INPUT: "invalid combination of inputs",
    FLAG_TRANSIENT: "the orbit transient fails (coolant freezes, or the battery goes too deep or out of range)",
})
# order of the first failing reason, as size() lists its reasons
_INFEASIBLE_ORDER = (
    (lp.FLAG_CHIP, "chip_temperature"), (lp.FLAG_SINK, "radiator_sink"), (lp.FLAG_FROZEN_HOT, "freeze"),
    (lp.FLAG_FROZEN_COLD, "freeze"), (lp.FLAG_BOIL, "boil"), (lp.FLAG_PRESSURIZED_HOT, "boil"), (lp.FLAG_NO_CONVERGENCE, "convergence"),
    (lp.FLAG_PUMP_RUNAWAY, "pump_power"), (FLAG_ARRAY_AREA, "array_area"),
    (FLAG_BATTERY_CYCLES, "battery_cycle_life"), (FLAG_BATTERY_CHARGE_RATE, "battery_charge_rate"),
    (FLAG_SYSTEM_NOT_CONVERGED, "convergence"), (FLAG_INVALID_INPUT, "invalid_input"),
)


def binding_names(codes) -> np.ndarray:
    """Binding-constraint names for an array of codes (indices into :data:`BINDING_NAMES`)."""
    return np.asarray(BINDING_NAMES, dtype=object)[np.asarray(codes, dtype=np.int64)]


def flag_reasons(flags: int) -> list[str]:
    """The reasons a design failed, from its ``flags`` bitmask."""
    return [text for bit, text in _FLAG_TEXT.items() if int(flags) & bit]


def _column_magnitudes(path: str, values: Any, n: int | None) -> np.ndarray:
    """A changed field's values as an array: magnitudes in the field's unit for quantities,
    Python objects for text, bool and int; checked against the field's unit, range and
    choices, with the field path in every message."""
    field = FIELDS.get(path)
    if field is None or path in ("name", "description"):
        raise InputError(path, None, "a design field", f"{path}: not a design field that can be varied")
    if field.unit is not None:
        if isinstance(values, pint.Quantity):
            try:
                mag = np.asarray(values.to(field.unit).magnitude, dtype=np.float64)
            except pint.DimensionalityError:
                raise InputError(path, str(values.units), f"a quantity in {field.unit}",
                                 f"{path}: expected values in {field.unit}, got {values.units}") from None
        else:
            items = [values] if isinstance(values, str) else list(np.atleast_1d(values))
            if not all(isinstance(x, pint.Quantity) for x in items):
                raise InputError(path, values, f"quantities in {field.unit}",
                                 f'{path}: give quantities with units, e.g. Q_([1, 2], "{field.unit}")')
            mag = np.array([x.to(field.unit).magnitude for x in items], dtype=np.float64)
        mag = np.atleast_1d(mag)
        bad = ~np.isfinite(mag)
        if field.low is not None:
            bad |= mag < field.low
        if field.high is not None:
            bad |= mag > field.high
        if np.any(bad):
            i = int(np.argmax(bad))
            raise InputError(path, f"{mag[i]:g} {field.unit}", f"{field.low:g} to {field.high:g} {field.unit}",
                             f"{path}: expected {field.low:g} to {field.high:g} {field.unit}, got {mag[i]:g} "
                             f"{field.unit} (design {i})")
        return mag
    arr = np.empty(len(values), dtype=object)
    arr[:] = [x.item() if isinstance(x, np.generic) else x for x in values]
    for i, x in enumerate(arr):
        if field.kind is bool and not isinstance(x, bool):
            raise InputError(path, x, "true or false", f"{path}: expected true or false, got {x!r} (design {i})")
        if field.kind is int and (isinstance(x, bool) or not isinstance(x, int)
                                  or (field.low is not None and x < field.low) or (field.high is not None and x > field.high)):
            raise InputError(path, x, "a whole number in range", f"{path}: expected a whole number from "
                             f"{field.low:g} to {field.high:g}, got {x!r} (design {i})")
        if field.kind is str and (not isinstance(x, str) or (field.choices and x not in field.choices)):
            expected = f"one of {', '.join(field.choices)}" if field.choices else "text"
            raise InputError(path, x, expected, f"{path}: expected {expected}, got {x!r} (design {i})")
    if path in _MATERIAL_FIELDS:
        from . import materials as mat

        lookup = getattr(mat, _MATERIAL_FIELDS[path])
        for i, x in enumerate(dict.fromkeys(arr.tolist())):
            try:
                lookup(x)
            except InputError as err:
                raise InputError(path, x, err.expected, f"{path}: {err}") from None
    return arr


_MATERIAL_FIELDS = {"thermal.coolant": "coolant", "power.cell": "solar_cell", "power.battery": "battery_chemistry",
                    "radiator.coating": "coating", "radiator.tube_material": "structure",
                    "radiator.fin_material": "structure"}


def size_batch(design: Design, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Size ``design`` with fields changed per design, all designs at once.

    Parameters
    ----------
    design : Design
        The base design: every field not in ``changes`` keeps its value.
    changes : mapping
        Field path → values, one per design, all of the same length: a Quantity array
        (``Q_([100, 150], "kW")``) or a list of Quantities for a quantity field; a list
        of text, bools or whole numbers otherwise.

    Returns
    -------
    dict
        Output path (:data:`OUTPUTS`) → Quantity array in its unit, plus ``feasible``
        (bool array), ``binding_constraint`` (array of names) and ``flags`` (int bitmask,
        decoded by :func:`flag_reasons`).  Row ``i`` equals ``size()`` of design ``i``
        to 1e-9 relative (a test shows it).

    >>> from thermo_orbit import load_design, default_design_path
    >>> r = size_batch(load_design(default_design_path()), {"rack.power": Q_([100, 150], "kW")})
    >>> r["mass.total"].units
    <Unit('kilogram')>
    """
    if not isinstance(design, Design):
        raise InputError("design", type(design).__name__, "a Design (thermo_orbit.load_design)")
    lengths = {}
    columns = {}
    for path, values in changes.items():
        columns[path] = _column_magnitudes(path, values, None)
        lengths[path] = len(columns[path])
    if len(set(lengths.values())) > 1:
        raise InputError("changes", lengths, "columns of one length",
                         "changes: every field needs one value per design; lengths " +
                         ", ".join(f"{k}={v}" for k, v in lengths.items()))
    out = size_columns(design, columns)
    result: dict[str, Any] = {"feasible": out.pop("feasible"), "flags": out.pop("flags"),
                              "binding_constraint": binding_names(out.pop("binding_constraint"))}
    for path, unit in OUTPUTS.items():
        result[path] = Q_(out[path], unit)
    return result


def size_columns(design: Design, columns: Mapping[str, np.ndarray], cache: dict | None = None,
                 n: int | None = None, invalid_reasons: dict | None = None) -> dict[str, np.ndarray]:
    """:func:`size_batch` on plain arrays: ``columns`` maps field paths to magnitudes in
    the field's unit (object arrays for text, bool and int fields), already validated;
    returns plain arrays in the units of :data:`OUTPUTS` (NaN where a value does not
    exist, e.g. the area of a radiator colder than its sink), ``binding_constraint`` as
    codes.  ``cache`` keeps prepared groups between calls (the sweep's chunks);
    ``invalid_reasons``, when given, collects why groups of designs were invalid (message
    → number of designs)."""
    if n is None:
        n = len(next(iter(columns.values()))) if columns else 1
    group_paths = sorted(p for p in columns if p not in KERNEL_FIELDS)
    if group_paths:
        codes = []
        uniques = []
        for p in group_paths:
            u, inv = np.unique(np.asarray(columns[p]).astype(str) if columns[p].dtype == object else columns[p],
                               return_inverse=True)
            codes.append(inv.ravel())
            uniques.append(u)
        keys, group = np.unique(np.stack(codes, axis=1), axis=0, return_inverse=True)
        group = group.ravel()
    else:
        keys, group = np.zeros((1, 0), dtype=np.int64), np.zeros(n, dtype=np.int64)
    out = {path: np.full(n, np.nan) for path in OUTPUTS}
    out["feasible"] = np.zeros(n, dtype=bool)
    out["flags"] = np.zeros(n, dtype=np.int64)
    out["binding_constraint"] = np.full(n, _B["invalid_input"], dtype=np.int8)
    invalid: dict[str, int] = {}
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(len(keys) + 1))
    for g in range(len(keys)):
        rows = order[bounds[g]:bounds[g + 1]]
        if rows.size == 0:
            continue
        first = rows[0]
        fixed = {p: columns[p][first] for p in group_paths}
        key = tuple((p, fixed[p]) for p in group_paths)
        try:
            ctx = _group_context(design, fixed, key, cache)
        except InputError as err:
            out["flags"][rows] = FLAG_INVALID_INPUT
            invalid[str(err)] = invalid.get(str(err), 0) + rows.size
            continue
        v = dict(ctx["v"])
        for p, col in columns.items():
            if p in KERNEL_FIELDS:
                val = col[rows]
                v[p] = val if FIELDS[p].unit is None else Q_(val, FIELDS[p].unit)
        res = _evaluate(v, ctx, rows.size)
        for k, val in res.items():
            out[k][rows] = val
    if invalid_reasons is not None:
        invalid_reasons.update(invalid)
    return out


def _group_context(design: Design, fixed: dict, key, cache: dict | None) -> dict:
    """The prepared context of the base design with the group's fields set (cached)."""
    if cache is not None and key in cache:
        ctx = cache[key]
        if isinstance(ctx, InputError):
            raise ctx
        return ctx
    try:
        changes = {p: (Q_(float(val), FIELDS[p].unit) if FIELDS[p].unit is not None else val)
                   for p, val in fixed.items()}
        d = design.with_fields(changes) if changes else design
        ctx = sz._prepare(d)
    except InputError as err:
        if cache is not None:
            cache[key] = err
        raise
    if cache is not None:
        if len(cache) > 4096:
            cache.pop(next(iter(cache)))
        cache[key] = ctx
    return ctx


def _evaluate(v: dict, ctx: dict, n: int) -> dict[str, np.ndarray]:
    """The system kernel and the battery, masses, launch, margins and binding constraint
    for ``n`` designs of one group, mirroring :func:`thermo_orbit.sizing.size`."""
    coolant = v["coolant"]
    p = sz._kernel_inputs(v, ctx)
    p = {k: val if isinstance(val, bool) else np.broadcast_to(np.asarray(val, dtype=np.float64), (n,)).copy()
         for k, val in p.items()}
    flags = np.zeros(n, dtype=np.int64)
    bad_pitch = p["pitch"] <= p["d_i"] + 2 * p["wall"]
    n_bat = np.broadcast_to(np.asarray(v["power.battery_count"], dtype=np.float64), (n,))
    redundancy = bool(v["power.battery_redundancy"])
    bad_battery = (n_bat < 2) if redundancy else np.zeros(n, dtype=bool)
    invalid = bad_pitch | bad_battery
    flags |= np.where(invalid, FLAG_INVALID_INPUT, 0)
    p["pitch"] = np.where(bad_pitch, 2.0 * (p["d_i"] + 2 * p["wall"]), p["pitch"])  # placeholder, row is invalid
    n_act = np.maximum(n_bat - 1, 1) if redundancy else n_bat
    cycles = sz._cycles(v, ctx)
    lift = np.zeros(n)
    if v["thermal.heat_pump"]:
        lifts, _, _, best = sz._lift_trade_si(coolant, p, v, cycles)
        lift = lifts[np.arange(n), best]
        p["lift"] = lift
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        r_loop, r_arr, load, losses, converged, _ = sz._size_system_si(coolant, p)
        rate = None if v.get("power.max_charge_rate") is None else sz._si(v["power.max_charge_rate"], "1/s")
        rb = bat._size_battery_si(load, p["T_e"], p["T_d"], cycles, v["cycle_life"]["dod"], v["cycle_life"]["cycles"],
                                  sz._si(v["power.battery_specific_energy"], "J/kg"),
                                  sz._si(v["power.battery_charge_efficiency"], ""),
                                  sz._si(v["power.battery_discharge_efficiency"], ""),
                                  sz._si(v["power.transmission_efficiency"], ""),
                                  sz._si(v["power.safe_mode_energy"], "J"), n_bat, n_act, rate)
    flags |= r_loop["flags"]
    if v.get("power.max_array_area") is not None:
        flags |= np.where(r_arr["area"] > sz._si(v["power.max_array_area"], "m^2"), FLAG_ARRAY_AREA, 0)
    flags |= np.where(rb["flags"] & bat._FLAG_CYCLES, FLAG_BATTERY_CYCLES, 0)
    flags |= np.where(rb["flags"] & bat._FLAG_CHARGE_RATE, FLAG_BATTERY_CHARGE_RATE, 0)
    flags |= np.where(converged, 0, FLAG_SYSTEM_NOT_CONVERGED)
    feasible = flags == 0

    count = np.broadcast_to(np.asarray(v["rack.count"], dtype=np.float64), (n,))
    m_racks = (sz._si(v["rack.mass"], "kg") + sz._si(v["rack.shielding_mass"], "kg")) * count
    m_hp = sz._si(v["thermal.heat_pump_specific_mass"], "kg/W") * r_loop["heat_pump_power"]
    m_loop = r_loop["loop_mass"] - r_loop["radiator_mass"]
    m_other = sz._si(v["launch.other_mass"], "kg")
    total = m_racks + r_arr["mass"] + rb["mass"] + r_loop["radiator_mass"] + m_loop + m_hp + m_other
    payload = sz._si(v["launch.payload_per_launch"], "kg")
    launches = np.where(np.isfinite(total), np.ceil(total / payload - 1e-12), np.nan)

    m_freeze = r_loop["freeze_margin"] - p["freeze_margin"]
    m_sink = r_loop["sink_margin"]
    m_dod = rb["depth_of_discharge"] - rb["depth_of_discharge_actual"]
    has_boil = np.isfinite(r_loop["boil_margin"]) & (not coolant.pressurized)
    m_boil = np.where(has_boil, r_loop["boil_margin"] - p["boil_margin"], np.nan)

    binding = np.full(n, -1, dtype=np.int64)
    for bit, name in _INFEASIBLE_ORDER:
        hit = (binding < 0) & ((flags & bit) != 0)
        if bit == lp.FLAG_SINK:
            hit &= (flags & lp.FLAG_CHIP) == 0
        binding = np.where(hit, _B[name], binding)
    scale_freeze = np.maximum(p["freeze_margin"], 1.0)
    scale_boil = np.maximum(p["boil_margin"], 1.0)
    rel = np.stack([m_freeze / scale_freeze, m_sink / 50.0, m_dod / 1.0,
                    np.where(has_boil, m_boil / scale_boil, np.inf)], axis=1)
    rel = np.where(np.isnan(rel), np.inf, rel)
    least = np.argmin(rel, axis=1)
    binding = np.where(binding < 0, least, binding)  # the first four names are the margins, in this order

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
        "launch.count": launches, "launch.cost": total * sz._si(v["launch.cost_per_kg"], "USD/kg"),
        "launch.racks_per_launch": payload / (total / count),
        "orbit.period": ctx["period"].to("min").magnitude + np.zeros(n),
        "orbit.max_eclipse_duration": ctx["T_e"].to("min").magnitude + np.zeros(n),
        "environment.radiator_sink_hot": ctx["Ts_hot"].to("K").magnitude + to_c + np.zeros(n),
        "environment.radiator_sink_cold": ctx["Ts_cold"].to("K").magnitude + to_c + np.zeros(n),
        "margins.freeze": m_freeze, "margins.radiator_sink": m_sink, "margins.battery_depth_of_discharge": m_dod,
        "margins.boil": m_boil,
    }
    for k, val in out.items():
        if val.dtype.kind == "f":
            out[k] = np.where(np.isfinite(val), val, np.nan)
        if k not in ("feasible", "flags", "binding_constraint") and val.dtype.kind == "f":
            out[k] = np.where(invalid, np.nan, out[k])
    out["feasible"] = feasible & ~invalid
    out["binding_constraint"] = np.where(invalid, _B["invalid_input"], out["binding_constraint"]).astype(np.int8)
    return out
