"""The loop's survivability in the whole-system sizing: the radiator tubes the loop kernel
sized, split into ``thermal.loops`` independent loops, against the meteoroid and
debris environment of the orbit (:mod:`thermo_orbit.thermal.survivability`, Christiansen
2009): per loop the expected penetrations and the probability of no penetration (PNP) with
the given armour, or the thinnest armour that meets the required PNP, and the bumper's and
armour's mass.  Arrays broadcast over designs (and over heat-pump lifts)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..thermal import survivability as surv
from ..thermal.ballistic_limits import material_properties
from ..units import magnitude
from .inputs import per_design

__all__ = ["SurvivabilityResult", "survivability_si", "armour_of", "bumper_mass_si", "armour_material_values"]


class SurvivabilityResult(NamedTuple):
    """Per design, SI: ``armour_thickness`` [m] (inf where no armour up to the maximum meets
    the required PNP), ``expected_penetrations`` and ``probability_no_penetration`` of one
    loop [dimensionless], ``probability_no_loop_lost`` (every loop intact) [dimensionless],
    ``heat_after_loss`` (heat rejection kept with one loop lost, a fraction) [dimensionless],
    ``loops``, ``feasible`` (PNP and redundancy met), ``extrapolated`` (an environment
    model outside its printed range) and ``evaluated`` (False where survivability is off)."""

    armour_thickness: object
    expected_penetrations: object
    probability_no_penetration: object
    probability_no_loop_lost: object
    heat_after_loss: object
    loops: object
    feasible: object
    extrapolated: object
    evaluated: bool


def armour_material_values(v) -> dict:
    """Ballistic-limit properties of the tube, armour and bumper materials of the design:
    density [kg/m^3], Brinell hardness [dimensionless], sound speed [m/s], yield strength [Pa]
    (materials/structures.toml, cited there)."""
    out = {}
    for role, path in (("wall", "radiator.tube_material"), ("armour", "radiator.armour_material"),
                       ("bumper", "survivability.bumper_material")):
        m = material_properties(v[path])
        out[role] = (magnitude(m.density, "kg/m^3"), magnitude(m.brinell, ""), magnitude(m.sound_speed, "m/s"),
                     magnitude(m.yield_strength, "Pa"))
    return out


def _inputs(v, p: dict, r_loop: dict, loops) -> surv.ArmourInputs:
    """The survivability kernel's inputs: one loop's share of the radiator's tubes."""
    props = armour_material_values(v)
    d_o = p["d_i"] + 2.0 * p["wall"]
    return surv.ArmourInputs(
        d_o, p["wall"], *props["wall"], *props["armour"],
        exposed_length=r_loop["tube_count"] * r_loop["tube_length"] / loops, altitude=p["altitude"],
        inclination=p["inclination"], start_year=p["start_year"], mission_life=p["mission_life"],
        required_pnp=per_design(v, "survivability.required_pnp", ""),
        exposed_fraction=per_design(v, "survivability.exposed_fraction", ""),
        bumper_thickness=per_design(v, "survivability.bumper_thickness", "m"), bumper_density=props["bumper"][0],
        standoff=per_design(v, "survivability.bumper_standoff", "m"))


def survivability_si(v, p: dict, r_loop: dict) -> SurvivabilityResult:
    """Survivability of the loop kernel's radiator ``r_loop`` for the design values ``v``
    and the kernel's inputs ``p`` (tube bore and wall [m], orbit, mission [s]): PNP = exp(−N)
    per loop [dimensionless] (Christiansen 2009 Sec. 2.10), every loop intact exp(−n N), a
    loop lost keeps (n − 1)/n of the heat rejection."""
    loops = np.asarray(per_design(v, "thermal.loops", ""), dtype=np.float64)
    after_loss = (loops - 1.0) / loops
    mode = v["survivability.armour"]
    if mode == "off":
        shape = np.broadcast(r_loop["tube_count"], loops).shape
        nan = np.full(shape, np.nan)
        return SurvivabilityResult(per_design(v, "radiator.armour_thickness", "m") + 0.0 * nan, nan, nan, nan,
                                   after_loss + 0.0 * nan, loops + 0.0 * nan,
                                   np.broadcast_to(_redundancy_holds(v, after_loss), shape).copy(),
                                   np.zeros(shape, dtype=bool), False)
    inp = _inputs(v, p, r_loop, loops)
    if mode == "size":
        r = surv.armour_thickness_si(inp)
    else:
        r = surv.evaluate_armour_si(inp, per_design(v, "radiator.armour_thickness", "m"))
    feasible = np.asarray(r.feasible) & _redundancy_holds(v, after_loss)
    return SurvivabilityResult(r.armour_thickness, r.expected_penetrations, r.probability_no_penetration,
                               np.exp(-loops * r.expected_penetrations), after_loss + 0.0 * r.expected_penetrations,
                               loops + 0.0 * r.expected_penetrations, feasible, np.asarray(r.extrapolated), True)


def armour_of(r: SurvivabilityResult):
    """The armour [m] the mass budget carries: as sized or given; where none up to the
    largest the sizing tries meets the PNP (Christiansen 2009 ballistic limit), the design is
    infeasible and weighs that largest armour."""
    t = np.asarray(r.armour_thickness, dtype=np.float64)
    return np.where(np.isinf(t), surv.MAX_ARMOUR_THICKNESS, t)


def _redundancy_holds(v, after_loss):
    """A loop lost leaves (n − 1)/n of the heat rejection: at least the required fraction."""
    if v.get("survivability.heat_fraction_after_loss") is None:
        return True
    return after_loss >= per_design(v, "survivability.heat_fraction_after_loss", "") - 1e-12


def bumper_mass_si(v, area):
    """Mass [kg] of bumper face sheets of ``survivability.bumper_thickness`` on both faces of
    a panel of planform ``area`` [m²] (a bumper without a standoff is not a Whipple bumper,
    Christiansen 2009 Sec. 4.2: 0)."""
    t_b = per_design(v, "survivability.bumper_thickness", "m")
    standoff = per_design(v, "survivability.bumper_standoff", "m")
    rho = magnitude(material_properties(v["survivability.bumper_material"]).density, "kg/m^3")
    return np.where((t_b > 0) & (standoff > 0), 2.0 * area * t_b * rho, 0.0)
