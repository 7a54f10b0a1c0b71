"""A design's inputs to the system kernel: database look-ups resolved (with the list of
values taken from the database), what sizing needs checked, and the per-design kernel
inputs in SI units.

:data:`KERNEL_FIELDS` (the fields a batch may vary per design, in one call) is derived
from the two tables here that the kernel and the evaluation read: nothing mirrors them by
hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .. import materials as mat
from ..errors import InputError
from ..power import solar_array as sa
from ..thermal.ballistic_limits import material_properties
from ..units import magnitude

__all__ = ["resolve_inputs", "check_sizable", "battery_temperature_range", "end_of_life_factor", "kernel_inputs",
           "path_efficiencies_si", "per_design", "KERNEL_TABLE", "EVALUATION_FIELDS", "KERNEL_FIELDS"]

#: the system kernel's per-design inputs: name → (design field, SI unit, rack count:
#: "times" the count, "per" rack, or None)
KERNEL_TABLE: dict[str, tuple[str, str, str | None]] = {
    "P_rack": ("rack.power", "W", "times"), "Tj": ("rack.max_junction_temperature", "K", None),
    "R_jc": ("rack.junction_to_cold_plate_resistance", "K/W", "per"),
    "A_cp": ("rack.cold_plate_wetted_area", "m^2", "times"), "D_cp": ("rack.cold_plate_hydraulic_diameter", "m", None),
    "Af_cp": ("rack.cold_plate_flow_area", "m^2", "times"), "K_cp": ("rack.cold_plate_loss_coefficient", "", None),
    "glide": ("thermal.radiator_glide", "K", None), "d_i": ("radiator.tube_inner_diameter", "m", None),
    "wall": ("radiator.tube_wall_thickness", "m", None), "pitch": ("radiator.tube_pitch", "m", None),
    "v": ("thermal.coolant_velocity", "m/s", None), "t_fin": ("radiator.fin_thickness", "m", None),
    "areal": ("radiator.structure_areal_density", "kg/m^2", None),
    "K_man": ("thermal.manifold_loss_coefficient", "", None), "rough": ("thermal.tube_roughness", "m", None),
    "allowance": ("thermal.inventory_allowance", "", None), "eta_pump": ("thermal.pump_efficiency", "", None),
    "pump_sm": ("thermal.pump_specific_mass", "kg/W", None), "freeze_margin": ("thermal.freeze_margin", "K", None),
    "boil_margin": ("thermal.boil_margin", "K", None), "cold_frac": ("thermal.cold_case_load_fraction", "", None),
    "I_d": ("power.inherent_degradation", "", None), "margin": ("power.margin", "", None),
    "sp": ("power.array_specific_power", "W/kg", None), "f_hp": ("thermal.heat_pump_carnot_fraction", "", None),
}
#: further fields the evaluation reads per design (battery, masses, launch, limits)
EVALUATION_FIELDS = frozenset({
    "rack.count", "rack.mass", "rack.shielding_mass", "power.max_array_area", "power.battery_specific_energy",
    "power.battery_count", "power.battery_charge_efficiency", "power.battery_discharge_efficiency",
    "power.transmission_efficiency", "power.safe_mode_energy", "power.max_charge_rate",
    "thermal.heat_pump_specific_mass", "thermal.heat_pump_max_lift",
    "launch.payload_per_launch", "launch.cost_per_kg", "launch.other_mass",
    "rack.eclipse_power", "power.battery_depth_of_discharge",
    "radiator.manifold_mass_fraction", "radiator.deployment_areal_density", "radiator.armour_thickness",
    "bus.structure_fraction", "bus.harness_specific_mass", "bus.power_conditioning_specific_mass",
    "bus.mass_growth_allowance", "thermal.control_hardware_specific_mass",
    "power.array_regulator_efficiency", "power.charge_regulator_efficiency", "power.discharge_regulator_efficiency",
    "power.distribution_efficiency",
    "survivability.required_pnp", "thermal.loops", "survivability.heat_fraction_after_loss",
    "survivability.exposed_fraction", "survivability.bumper_thickness", "survivability.bumper_standoff",
    "power.battery_conductance", "power.battery_conductance_per_capacity", "power.battery_control_temperature",
    "power.battery_heater_band",
})
#: the fields a batch varies per design as arrays (the others group designs)
KERNEL_FIELDS = frozenset(path for path, _, _ in KERNEL_TABLE.values()) | EVALUATION_FIELDS


def per_design(v: Mapping, path: str, unit: str):
    """A field the kernel or the evaluation reads per design, as SI magnitudes (a float, or
    an array where a batch varies it)."""
    assert path in KERNEL_FIELDS, f"{path} is read per design: list it in KERNEL_TABLE or EVALUATION_FIELDS"
    return magnitude(v[path], unit)


def kernel_inputs(v: Mapping) -> dict:
    """The kernel's per-design SI inputs (:data:`KERNEL_TABLE`) from the design values, and
    the racks' eclipse power ``P_rack_eclipse`` [W] (:func:`eclipse_power_si`)."""
    n = np.asarray(v["rack.count"], dtype=np.float64)
    n = float(n) if n.ndim == 0 else n
    out = {}
    for name, (path, unit, count) in KERNEL_TABLE.items():
        x = per_design(v, path, unit)
        out[name] = x * n if count == "times" else x / n if count == "per" else x
    out["P_rack_eclipse"] = eclipse_power_si(v, out["P_rack"], n)
    out["X_e"], out["X_d"] = path_efficiencies_si(v)
    return out


def path_efficiencies_si(v: Mapping):
    """(X_e, X_d) [dimensionless] of the design's power bus, SMAD (1999) Eq. 11-5: SMAD's
    nominal values for ``power.regulation``, or a regulated bus from its components (per
    design in a batch); ``power.path_efficiency_*`` replace either where given."""
    if v["power.bus"] == "SMAD":
        X_e, X_d = sa.REGULATION_PATH_EFFICIENCY[v["power.regulation"]]
    else:
        X_e, X_d = sa.regulated_bus_path_efficiencies_si(*(per_design(v, f"power.{k}", "") for k in (
            "array_regulator_efficiency", "charge_regulator_efficiency", "discharge_regulator_efficiency",
            "distribution_efficiency", "battery_charge_efficiency", "battery_discharge_efficiency")))
    given_e, given_d = v.get("power.path_efficiency_eclipse"), v.get("power.path_efficiency_daylight")
    return (X_e if given_e is None else magnitude(given_e, "")), (X_d if given_d is None else magnitude(given_d, ""))


def eclipse_power_si(v: Mapping, P_rack, n):
    """The racks' power in eclipse [W]: ``rack.eclipse_power`` as a power per rack (times the
    count) or a fraction of ``rack.power``; the full power where not given."""
    q = v.get("rack.eclipse_power")
    if q is None:
        return P_rack
    if hasattr(q, "units") and q.dimensionless:
        return magnitude(q, "") * P_rack
    return per_design(v, "rack.eclipse_power", "W") * n


def battery_temperature_range(v: Mapping) -> tuple[float, float]:
    """The battery chemistry's cited operating temperature range (low, high) [K]
    (``operating_temperature``, else ``discharge_temperature`` in materials/batteries.toml),
    or (−inf, inf) where none is cited: the one source of the range for the steady sizing
    of the battery's thermal control and for the orbit's verdict."""
    rec = mat.battery_chemistry(v["power.battery"])
    for key in ("operating_temperature", "discharge_temperature"):
        if key in rec.values:
            lo, hi = rec[key].to("K").magnitude
            return float(lo), float(hi)
    return -np.inf, np.inf


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


def _battery_values(v: Mapping, battery, r: dict, notes: list) -> None:
    """The battery's specific energy and cycle-life table: the design's, else the database's."""
    if v.get("power.battery_specific_energy") is None:
        for key in ("pack_specific_energy", "battery_specific_energy"):
            if key in battery.values:
                r["power.battery_specific_energy"] = _low_end(battery[key], f"{battery.name}.{key}", notes)
                notes.append(f"power.battery_specific_energy from materials ({battery.name}.{key})")
                break
        else:
            if "cell_specific_energy" in battery.values:
                cell = _low_end(battery["cell_specific_energy"], f"{battery.name}.cell_specific_energy", notes)
                r["power.battery_specific_energy"] = cell * 0.75
                notes.append(f"power.battery_specific_energy = 0.75 x {battery.name} cell value (design assumption: "
                             "cells are 75 % of the battery mass)")
            else:
                raise InputError("power.battery_specific_energy", None, "a value",
                                 f"power.battery_specific_energy: no cited specific energy for {battery.name!r}; "
                                 "give one")
    r["cycle_life"] = _cycle_life(v, battery, notes)


def _low_end(value, where: str, notes: list):
    """A cited value, or the low end of a cited range (a datasheet's "120 to 150 Wh/kg"
    over its versions): the battery is sized on the heavier, conservative end."""
    if np.ndim(value.magnitude) == 0:
        return value
    low = value.min()
    notes.append(f"{where}: the low end of the cited range {value.magnitude.min():g} to {value.magnitude.max():g} "
                 f"{value.units:~P} (conservative)")
    return low


def _cycle_life(v: Mapping, battery, notes: list) -> dict:
    """The cycle-life table the sizing uses: the design's (``power.battery_cycle_life``),
    else the chemistry's cited one; with only ``power.battery_depth_of_discharge`` given, a
    flat table at that depth (the designer's figure decides)."""
    if v.get("power.battery_cycle_life") is not None:
        notes.append("power.battery_cycle_life: the design's cycle-life table (the designer's responsibility, "
                     "not cited data)")
        return v["power.battery_cycle_life"]
    if v.get("power.battery_depth_of_discharge") is not None:
        dod = magnitude(v["power.battery_depth_of_discharge"], "")
        notes.append(f"power.battery_depth_of_discharge = {dod:.3g}: the design's allowed depth of discharge (the "
                     "designer's responsibility, not cited cycle-life data)")
    if "cycle_life" in battery.tables:
        return battery.tables["cycle_life"]
    if v.get("power.battery_depth_of_discharge") is not None:
        dod = float(np.max(magnitude(v["power.battery_depth_of_discharge"], "")))
        return {"dod": [dod, dod], "cycles": [1.0, 1e15]}
    why = battery.text.get("not_sizable_reason", "no cited cycle-life table (dod, cycles)")
    raise InputError("power.battery", battery.name, "a battery with cited cycle-life data",
                     f"power.battery: {battery.name!r} cannot be sized from the database ({why}); give "
                     "power.battery_depth_of_discharge or power.battery_cycle_life, or choose a battery that can "
                     "(thermo-orbit materials list battery)")


def resolve_inputs(design: Any) -> dict:
    """The values of a design (a :class:`~thermo_orbit.system.design.Design` or its values)
    with database look-ups resolved: plain SI-ready Quantities, the coolant record, the
    battery's cycle-life table, and ``_notes``, the values taken from the database."""
    v = design if isinstance(design, Mapping) else design.values
    notes: list[str] = []
    cell = mat.solar_cell(v["power.cell"])
    coat = mat.coating(v["radiator.coating"])
    tube = mat.structure(v["radiator.tube_material"])
    fin = mat.structure(v["radiator.fin_material"])

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
    r["armour_density"] = take(mat.structure(v["radiator.armour_material"]), ("density",), "radiator.armour_material",
                               override=False)
    r["power.inherent_degradation"] = _inherent_degradation(v, notes)
    _battery_values(v, mat.battery_chemistry(v["power.battery"]), r, notes)
    r["coolant"] = mat.coolant(v["thermal.coolant"])
    r["_notes"] = notes
    return r


def _inherent_degradation(v: Mapping, notes: list[str]):
    """I_d [dimensionless] without its temperature element: the design's, or the product of
    its SMAD (1999) Table 11-35 elements (design and assembly, shadowing); the array's
    efficiency is taken at its computed temperature, so temperature is counted there once."""
    if v.get("power.inherent_degradation") is not None:
        notes.append("power.inherent_degradation: as given, taken as I_d without the array temperature "
                     "(computed separately)")
        return v["power.inherent_degradation"]
    d_a, shade = v["power.design_and_assembly_factor"], v["power.shadowing_factor"]
    return (d_a * shade).to("")


def end_of_life_factor(v: Mapping) -> float:
    """Remaining array output at end of life [dimensionless]: the cell's fluence data where
    the design gives a fluence, else (1 − D)^years (SMAD 1999, Eq. 11-7)."""
    if v.get("power.eol_fluence") is not None:
        try:
            return float(sa.fluence_remaining_factor(v["power.cell"], v["power.eol_fluence"]).magnitude)
        except InputError as err:
            raise InputError("power.eol_fluence", v["power.eol_fluence"], err.expected,
                             f"power.eol_fluence: {err}") from None
    return float(sa.lifetime_degradation(v["power.degradation_per_year"], v["orbit.mission_life"]).magnitude)


def check_sizable(values: Mapping) -> list[InputError]:
    """What stops a design that passes its field and cross checks from being sized:
    database records without the values sizing needs, a tube pitch inside the tube, a
    fluence beyond the cell's data.  Returns the problems (empty when it can be sized);
    the design file check reports them with the rest, so that a design that passes
    ``check`` sizes."""
    try:
        v = resolve_inputs(values)
    except InputError as err:
        return [err]
    problems: list[InputError] = []
    coolant = v["coolant"]
    missing = [n.replace("_", " ") for n in ("density", "specific_heat", "thermal_conductivity", "viscosity")
               if n not in coolant.properties]
    if missing:
        problems.append(InputError("thermal.coolant", coolant.name, "a coolant with cited transport properties",
                                   f"thermal.coolant: {coolant.name} has no cited {', '.join(missing)} in the "
                                   "database, so its loop cannot be sized"))
    d_o = magnitude(v["radiator.tube_inner_diameter"], "m") + 2 * magnitude(v["radiator.tube_wall_thickness"], "m")
    if magnitude(v["radiator.tube_pitch"], "m") <= d_o:
        problems.append(InputError("radiator.tube_pitch", v["radiator.tube_pitch"], "larger than the tube outer "
                                   "diameter", f"radiator.tube_pitch: {v['radiator.tube_pitch']:~P} is not larger "
                                   f"than the tube outer diameter {d_o * 1e3:.3g} mm (inner diameter + 2 walls)"))
    try:
        end_of_life_factor(v)
    except InputError as err:
        problems.append(err)
    return problems + _ballistic_problems(v)


def _ballistic_problems(v: Mapping) -> list[InputError]:
    """Tube, armour and bumper materials without the cited ballistic-limit properties the
    survivability needs (unless it is off)."""
    if v["survivability.armour"] == "off":
        return []
    problems = []
    for path in ("radiator.tube_material", "radiator.armour_material", "survivability.bumper_material"):
        try:
            material_properties(v[path])
        except InputError as err:
            problems.append(InputError(path, v[path], "a structure with cited ballistic-limit properties",
                                       f"{path}: {err}; choose another, or set survivability.armour = \"off\""))
    return problems
