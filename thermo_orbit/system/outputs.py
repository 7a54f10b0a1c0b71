"""The outputs of a sizing as columns: each output's path in the JSON of
``thermo-orbit size --json`` and the unit of its column in batches and sweeps."""

from __future__ import annotations

from ..thermal.radiator_mass import RADIATOR_PARTS

__all__ = ["OUTPUTS", "MUST_BE_POSITIVE"]

#: output path → unit of its column (the paths and units of ``size --json``); the two
#: text-like outputs (``feasible``, ``binding_constraint``) and ``flags`` have no unit.
OUTPUTS: dict[str, str] = {
    "solar_array.area": "m^2", "solar_array.mass": "kg", "solar_array.power_eol": "kW",
    "battery.capacity": "kWh", "battery.mass": "kg", "battery.depth_of_discharge": "",
    "battery.depth_of_discharge_actual": "", "battery.conductance": "W/K", "battery.heater_power": "kW",
    "battery.temperature_max": "degC",
    "radiator.area": "m^2", "radiator.mass": "kg", "radiator.mean_temperature": "degC",
    "loop.mass_flow": "kg/s", "loop.pressure_drop": "kPa", "loop.pump_power": "kW", "loop.freeze_margin": "K",
    "loop.heat_rejected": "kW", "loop.velocity": "m/s", "heat_pump.lift": "K",
    "temperatures.coolant_max": "degC", "temperatures.coolant_min_cold_case": "degC",
    "power_budget.load": "kW", "power_budget.load_eclipse": "kW", "power_budget.power_system_losses": "kW",
    "mass.racks": "kg", "mass.solar_array": "kg", "mass.battery": "kg", "mass.radiator": "kg", "mass.loop": "kg",
    "mass.heat_pump": "kg", "mass.structure": "kg", "mass.harness": "kg", "mass.power_conditioning": "kg",
    "mass.thermal_control": "kg", "mass.growth_allowance": "kg", "mass.other": "kg", "mass.total": "kg",
    "mass.per_rack": "kg",
    **{f"mass.radiator_parts.{part}": "kg" for part in RADIATOR_PARTS},
    "launch.count": "", "launch.cost": "USD", "launch.racks_per_launch": "",
    "orbit.period": "min", "orbit.max_eclipse_duration": "min",
    "environment.radiator_sink_hot": "degC", "environment.radiator_sink_cold": "degC",
    "margins.freeze": "K", "margins.radiator_sink": "K", "margins.battery_depth_of_discharge": "", "margins.boil": "K",
    "margins.pump_power": "", "convergence.passes": "",
    "margins.survivability": "", "margins.battery_temperature": "K",
    "survivability.probability_no_penetration": "", "survivability.expected_penetrations": "",
    "survivability.armour_thickness": "mm", "survivability.loops": "", "survivability.probability_no_loop_lost": "",
    "survivability.heat_rejection_after_loss": "",
}

#: outputs that a feasible design has finite and positive; a row without is
#: ``Constraint.MODEL_RANGE`` (never called feasible)
MUST_BE_POSITIVE = ("solar_array.area", "solar_array.mass", "battery.capacity", "battery.mass", "radiator.area",
                    "radiator.mass", "loop.mass_flow", "loop.heat_rejected", "power_budget.load", "mass.total")
