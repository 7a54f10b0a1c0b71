"""The mass budget beyond the subsystems the physics sizes: bus structure, harness, power
conditioning and distribution, thermal control hardware outside the radiator, and the
mass growth allowance by design maturity; and the radiator as built
(:mod:`thermo_orbit.thermal.radiator_mass`).  Each rule's figure is a design field with its
cited default (:mod:`thermo_orbit.system.fields`); any can be set to zero."""

from __future__ import annotations

import numpy as np

from .. import materials as mat
from ..thermal.radiator_mass import armour_mass_si, flown_areal_mass, radiator_parts_si
from ..units import magnitude
from .inputs import per_design
from .survivability import bumper_mass_si

__all__ = ["GROWTH_BY_MATURITY", "growth_allowance_fraction", "radiator_parts_of", "bus_masses", "mass_budget"]


def _growth_by_maturity() -> dict[str, float]:
    """Design maturity → mass growth allowance (ESA EIDA-2656 with the ECSS-E-ST-10-02C
    heritage categories A/B, C, D; materials/system.toml, secondary)."""
    rec = mat.system_data("ESA-equipment-mass-margins")
    return {"existing": float(rec["allowance_off_the_shelf"].magnitude),
            "modified": float(rec["allowance_minor_modification"].magnitude),
            "new": float(rec["allowance_new_design"].magnitude)}


#: design maturity → mass growth allowance [dimensionless]
GROWTH_BY_MATURITY = _growth_by_maturity()


def growth_allowance_fraction(v) -> float | np.ndarray:
    """The design's mass growth allowance [dimensionless]: ``bus.mass_growth_allowance``, else
    by ``bus.maturity`` (ESA EIDA-2656 with ECSS-E-ST-10-02C categories)."""
    if v.get("bus.mass_growth_allowance") is not None:
        return per_design(v, "bus.mass_growth_allowance", "")
    return GROWTH_BY_MATURITY[v["bus.maturity"]]


def radiator_parts_of(v, r_loop: dict, armour_thickness=None) -> dict:
    """The radiator's parts [kg] from the loop kernel's SI results and the design values
    (:func:`thermo_orbit.thermal.radiator_mass.radiator_parts_si`; flown class from the ISS
    EATCS radiator ORU, materials/system.toml), with the armour of ``armour_thickness`` [m]
    (the survivability sizing's; default ``radiator.armour_thickness``) and the bumper."""
    d_o = magnitude(v["radiator.tube_inner_diameter"], "m") + 2 * magnitude(v["radiator.tube_wall_thickness"], "m")
    t_arm = per_design(v, "radiator.armour_thickness", "m") if armour_thickness is None else armour_thickness
    rho_arm = magnitude(v["armour_density"], "kg/m^3")
    armour = armour_mass_si(t_arm, rho_arm, d_o, r_loop["tube_count"] * r_loop["tube_length"])
    armour = np.where(t_arm > 0.0, armour, 0.0)  # no armour: 0 kg, also where the loop has no tubes
    in_tubes = r_loop["coolant_mass"] / (1.0 + per_design(v, "thermal.inventory_allowance", ""))
    flown = None if v["radiator.mass_model"] == "bottom_up" else \
        flown_areal_mass(v["radiator.flown_reference"]).magnitude
    return radiator_parts_si(area=r_loop["radiator_area"], fin_mass=r_loop["fin_mass"],
                             structure_mass=r_loop["structure_mass"], tube_mass=r_loop["tube_mass"],
                             coolant_mass=in_tubes,
                             manifold_fraction=per_design(v, "radiator.manifold_mass_fraction", ""),
                             deployment_areal=per_design(v, "radiator.deployment_areal_density", "kg/m^2"),
                             armour=armour, flown_areal=flown, bumper=bumper_mass_si(v, r_loop["radiator_area"]))


def mass_budget(v, r_loop: dict, r_arr: dict, battery_mass, load, racks, armour_thickness=None,
                battery_heat=0.0) -> dict:
    """Every line of the mass budget [kg] (``mass.*``): racks, array, battery, the radiator as
    built and its parts, the rest of the loop, the heat pump, the bus lines and the growth
    allowance (:func:`bus_masses`: New SMAD 2011 Table 14-18, ESA EIDA-2656), other, total;
    the kernels' SI results of one or many designs; ``armour_thickness`` [m] as sized;
    ``battery_heat`` [W] the largest heat the battery's own thermal control carries (its
    hardware counted by the same rule per kW as the loop's)."""
    parts = radiator_parts_of(v, r_loop, armour_thickness)
    m_radiator = sum(parts.values())
    m_loop = r_loop["loop_mass"] - r_loop["radiator_mass"]
    m_hp = per_design(v, "thermal.heat_pump_specific_mass", "kg/W") * r_loop["heat_pump_power"]
    m_other = per_design(v, "launch.other_mass", "kg")
    designed = r_arr["mass"] + battery_mass + m_radiator + m_loop + m_hp
    bus = bus_masses(v, designed, racks + m_other + designed, load, r_arr["required_power"],
                     r_loop["heat_rejected"] + battery_heat)
    total = racks + m_other + designed + sum(bus.values())
    return {"racks": racks, "solar_array": r_arr["mass"], "battery": battery_mass, "radiator": m_radiator,
            "loop": m_loop, "heat_pump": m_hp, **bus, "other": m_other, "total": total,
            "radiator_parts": parts}


def bus_masses(v, designed, dry_before_structure, load, array_power, heat_rejected) -> dict:
    """Harness [kg] per kW of load, power conditioning per kW of array power, thermal control
    hardware per kW rejected (ISS EATCS loop hardware, Boeing c. 2006), structure as a
    fraction f of the dry mass (The New SMAD 2011, Table 14-18)
    (S = f / (1 − f) × the rest of the dry mass), and the growth allowance on everything sized
    here (``designed`` plus these lines); ``load``, ``array_power``, ``heat_rejected`` [W]."""
    harness = per_design(v, "bus.harness_specific_mass", "kg/W") * load
    conditioning = per_design(v, "bus.power_conditioning_specific_mass", "kg/W") * array_power
    thermal = per_design(v, "thermal.control_hardware_specific_mass", "kg/W") * heat_rejected
    f = per_design(v, "bus.structure_fraction", "")
    structure = f / (1.0 - f) * (dry_before_structure + harness + conditioning + thermal)
    growth = growth_allowance_fraction(v) * (designed + harness + conditioning + thermal + structure)
    return {"structure": structure, "harness": harness, "power_conditioning": conditioning,
            "thermal_control": thermal, "growth_allowance": growth}
