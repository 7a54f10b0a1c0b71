"""Validation evaluators of the family "survivability": meteoroid and debris fluxes and the
ballistic limits of single walls and Whipple shields (:mod:`thermo_orbit.thermal.survivability`;
registered in :data:`thermo_orbit.validation.evaluators.EVALUATORS`)."""

from __future__ import annotations

import math

from ..units import Q_
from .evaluators import evaluator

__all__: list[str] = []


@evaluator("meteoroid_flux")
def _ev_meteoroid_flux(inputs, options):
    """Grün (1985) meteoroid flux with Earth focusing and shielding, per m^2 and year."""
    from ..thermal.survivability import meteoroid_flux

    return meteoroid_flux(inputs["diameter"], inputs["altitude"],
                          inputs.get("density", Q_(1000.0, "kg/m^3"))).to("1/(m^2*a)")


@evaluator("meteoroid_flux_ratio")
def _ev_meteoroid_flux_ratio(inputs, options):
    """Ratio of two meteoroid fluxes: (diameter, altitude) over (reference_diameter, reference_altitude)."""
    from ..thermal.survivability import meteoroid_flux

    num = meteoroid_flux(inputs["diameter"], inputs["altitude"])
    den = meteoroid_flux(inputs.get("reference_diameter", inputs["diameter"]),
                         inputs.get("reference_altitude", inputs["altitude"]))
    return (num / den).to("")


@evaluator("debris_flux")
def _ev_debris_flux(inputs, options):
    """ORDEM2000 debris flux of the tables of NASA/TM-2009-214785; ``options.year`` a calendar year."""
    from ..thermal.survivability import debris_flux

    return debris_flux(inputs["diameter"], inputs["altitude"], inputs["inclination"],
                       float(options.get("year", "2010"))).to("1/(m^2*a)")


@evaluator("single_wall_critical_diameter")
def _ev_single_wall_critical_diameter(inputs, options):
    """Cour-Palais single-wall ballistic limit (Christiansen 2009 Eq. 4-6) of a wall given by its
    density, Brinell hardness and sound speed; ``options.damage`` the k of Eqs. 4-3 to 4-5."""
    from ..thermal.survivability import MaterialProperties, single_wall_critical_diameter

    mat = MaterialProperties(inputs["density"], inputs["brinell"], inputs["sound_speed"], Q_(1.0, "Pa"))
    dc = single_wall_critical_diameter(inputs["thickness"], mat, inputs["projectile_density"], inputs["velocity"],
                                       inputs.get("angle", Q_(0.0, "deg")), float(options.get("damage", "1.8")))
    return dc.to("cm")


@evaluator("whipple_critical_diameter")
def _ev_whipple_critical_diameter(inputs, options):
    """JSC Whipple ballistic limit (Christiansen 1993; Christiansen 2009 Eqs. 4-23 to 4-26)."""
    from ..thermal.survivability import whipple_critical_diameter

    return whipple_critical_diameter(inputs["bumper_thickness"], inputs["bumper_density"], inputs["standoff"],
                                     inputs["wall_thickness"], inputs["wall_yield"], inputs["projectile_density"],
                                     inputs["velocity"], inputs.get("angle", Q_(0.0, "deg"))).to("cm")


@evaluator("whipple_design_rear_wall")
def _ev_whipple_design_rear_wall(inputs, options):
    """Critical diameter of the Whipple shield sized by the design equations (Christiansen 2009
    Eqs. 4-21, 4-22) for a projectile of ``diameter`` at ``velocity`` (normal): the performance
    equation should give the design diameter back."""
    from ..thermal.survivability import whipple_critical_diameter

    d, rp = inputs["diameter"].to("cm").magnitude, inputs["projectile_density"].to("g/cm^3").magnitude
    rb, S = inputs["bumper_density"].to("g/cm^3").magnitude, inputs["standoff"].to("cm").magnitude
    sig, vn = inputs["wall_yield"].to("ksi").magnitude, inputs["velocity"].to("km/s").magnitude
    tb = (0.25 if S / d < 30 else 0.20) * d * rp / rb
    tw = 0.16 * d**0.5 * (rp * rb) ** (1 / 6) * (math.pi / 6 * rp * d**3) ** (1 / 3) * vn / S**0.5 * (70 / sig) ** 0.5
    return whipple_critical_diameter(Q_(tb, "cm"), inputs["bumper_density"], inputs["standoff"], Q_(tw, "cm"),
                                     inputs["wall_yield"], inputs["projectile_density"], inputs["velocity"]).to("cm")
