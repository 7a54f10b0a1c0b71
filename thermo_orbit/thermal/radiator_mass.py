"""The radiator's mass as built, by named parts: panel (fins, face sheets and core), tubes,
the coolant in them, manifolds and headers, deployment and structure (hinges, booms,
mechanism, launch restraints), and the tubes' debris armour.

Two models:

- ``"flown"``: the areal mass of a flown pumped-loop radiator per m² of one face of its
  deployed envelope (materials/system.toml: the ISS EATCS radiator ORU, 1,122.64 kg on
  23.3 m × 3.4 m, 14.17 kg/m², deployment, manifolds, hoses and structure included; or the
  ISS photovoltaic radiator, 17.46 kg/m²), never below the panel, tubes, coolant and
  manifolds the loop sizing computes: what the flown class holds beyond them is reported as
  deployment and structure;
- ``"bottom_up"``: the parts alone, with the design's allowances for manifolds and deployment.

The armour is added to either (the flown radiators' own tube walls are in their mass).
"""

from __future__ import annotations

import numpy as np

from .. import materials as mat
from ..units import Q_, quantity

__all__ = ["RADIATOR_MASS_MODELS", "FLOWN_RADIATORS", "RADIATOR_PARTS", "flown_areal_mass",
           "armour_mass_si", "radiator_parts_si", "radiator_parts"]

RADIATOR_MASS_MODELS = ("flown", "bottom_up")
#: the parts of :func:`radiator_parts_si`, in report order
RADIATOR_PARTS = ("panel", "tubes", "coolant", "manifolds", "bumper", "deployment_and_structure", "armour")


def _flown_records() -> tuple[str, ...]:
    return tuple(name for name in mat.list_materials("system")
                 if "areal_mass_envelope" in mat.system_data(name).values)


#: flown radiators with a cited areal mass (materials/system.toml)
FLOWN_RADIATORS = _flown_records()


def flown_areal_mass(reference: str):
    """Areal mass [kg/m²] of a flown radiator per m² of one face of its deployed envelope
    (materials/system.toml, e.g. the ISS EATCS radiator ORU: 14.17 kg/m², Boeing ATCS
    Overview c. 2006, p. 14, secondary)."""
    return mat.system_data(reference)["areal_mass_envelope"].to("kg/m^2")


def armour_mass_si(thickness, density, tube_outer_diameter, tube_length_total):
    """Mass [kg] of an armour sleeve of ``thickness`` [m] and ``density`` [kg/m³] around
    tubes of outer diameter [m] and total length [m]: ρ π (d_o + t) t L (a thin cylinder
    shell; the single-wall armour of Christiansen (2009), Eq. 4-5, as sized in
    :mod:`thermo_orbit.thermal.survivability`)."""
    return density * np.pi * (tube_outer_diameter + thickness) * thickness * tube_length_total


def radiator_parts_si(*, area, fin_mass, structure_mass, tube_mass, coolant_mass, manifold_fraction,
                      deployment_areal, armour, flown_areal=None, bumper=0.0) -> dict:
    """Radiator mass by part [kg] (see the module docstring), for planform ``area`` [m²];
    ``flown_areal`` [kg/m²] selects the flown model (None: bottom-up).  Arrays broadcast.
    The flown model: the total is max(flown areal mass × area, panel + tubes + coolant +
    manifolds + bumper) (ISS EATCS ORU or PVR class, materials/system.toml: their face
    sheets are bumpers), the excess over the parts reported as deployment and structure."""
    parts = {"panel": fin_mass + structure_mass, "tubes": tube_mass, "coolant": coolant_mass,
             "manifolds": manifold_fraction * (tube_mass + coolant_mass), "bumper": bumper + 0.0 * area}
    physical = parts["panel"] + parts["tubes"] + parts["coolant"] + parts["manifolds"] + parts["bumper"]
    if flown_areal is None:
        parts["deployment_and_structure"] = deployment_areal * area
    else:
        parts["deployment_and_structure"] = np.maximum(flown_areal * area - physical, 0.0)
    parts["armour"] = armour + 0.0 * area
    return parts


def radiator_parts(area, fin_mass, structure_mass, tube_mass, coolant_mass, *, model: str = "flown",
                   reference: str = "ISS-EATCS-radiator-ORU", manifold_fraction=0.3,
                   deployment_areal=Q_(3.0, "kg/m^2"), armour=Q_(0.0, "kg")) -> dict:
    """Radiator mass by part, Quantities in [kg] (:func:`radiator_parts_si`; the flown class
    from materials/system.toml, Boeing c. 2006).

    >>> parts = radiator_parts(Q_(100, "m^2"), Q_(270, "kg"), Q_(100, "kg"), Q_(200, "kg"), Q_(50, "kg"))
    >>> round(sum(p.magnitude for p in parts.values()))
    1417
    """
    if model not in RADIATOR_MASS_MODELS:
        from ..errors import InputError

        raise InputError("model", model, f"one of {', '.join(RADIATOR_MASS_MODELS)}")
    kg = {k: Q_(v).to("kg").magnitude for k, v in dict(fin_mass=fin_mass, structure_mass=structure_mass,
                                                       tube_mass=tube_mass, coolant_mass=coolant_mass,
                                                       armour=armour).items()}
    parts = radiator_parts_si(area=Q_(area).to("m^2").magnitude, manifold_fraction=float(manifold_fraction),
                              deployment_areal=Q_(deployment_areal).to("kg/m^2").magnitude,
                              flown_areal=None if model == "bottom_up" else flown_areal_mass(reference).magnitude,
                              **kg)
    return {k: quantity(v, "kg") for k, v in parts.items()}
