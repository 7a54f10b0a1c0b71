"""Validation evaluators of the families "radiators", "liquid-metal properties", "low-Pr
heat transfer", "ordinary-fluid heat transfer" and "hydraulics" (registered in
:data:`thermo_orbit.validation.evaluators.EVALUATORS`)."""

from __future__ import annotations

from ..units import Q_
from .evaluators import ValidationDataError, dimensionless, evaluator

__all__: list[str] = []


@evaluator("stefan_boltzmann_constant")
def _ev_stefan_boltzmann(inputs, options):
    """Blackbody emission to a 0 K sink divided by T^4."""
    from ..thermal.radiator import radiated_flux

    T = inputs["temperature"].to("K")
    return (radiated_flux(T, 1.0, Q_(0.0, "K")) / T**4).to("W/(m^2*K^4)")


@evaluator("sink_from_zero_flux")
def _ev_sink_from_zero_flux(inputs, options):
    from ..thermal.radiator import sink_temperature_from_flux

    return sink_temperature_from_flux(Q_(0.0, "W/m^2"), inputs["emissivity"]).to("K")


@evaluator("isothermal_radiator_area")
def _ev_isothermal_radiator_area(inputs, options):
    from ..thermal.radiator import isothermal_radiator_area

    return isothermal_radiator_area(inputs["heat"], inputs["temperature"], inputs["emissivity"],
                                    inputs["sink_temperature"], fin_efficiency=inputs.get("fin_efficiency", 1.0),
                                    sides=int(inputs.get("sides", Q_(2, "")).magnitude)).to("m^2")


@evaluator("radiator_area_from_loop")
def _ev_radiator_area_from_loop(inputs, options):
    """Radiator area of a pumped loop whose radiator inlet is the loop return temperature:
    supply + heat / (loop flow x c_p(supply)), cooling to the given outlet temperature."""
    from ..materials import coolant
    from ..thermal.radiator import radiator_area

    fluid = coolant(options["coolant"])
    supply = inputs["supply_temperature"].to("K")
    rise = (inputs["heat"] / (inputs["loop_flow"] * fluid.specific_heat(supply))).to("K").magnitude
    inlet = Q_(supply.magnitude + rise, "K")
    return radiator_area(inputs["heat"], inlet, inputs["outlet_temperature"].to("K"), inputs["emissivity"],
                         inputs["sink_temperature"].to("K"), fin_efficiency=inputs.get("fin_efficiency", 1.0),
                         sides=int(inputs.get("sides", Q_(2, "")).magnitude)).to("m^2")


@evaluator("flown_radiator_mass")
def _ev_flown_radiator_mass(inputs, options):
    """Mass of a radiator of planform ``area`` by the 'flown' class calibrated on another
    flown radiator (``options["reference"]``), with no armour; the parts the loop sizing
    would compute are left at zero, so the class's areal mass decides."""
    from ..thermal.radiator_mass import radiator_parts

    zero = Q_(0.0, "kg")
    parts = radiator_parts(inputs["area"], zero, zero, zero, zero, model="flown", reference=options["reference"])
    return sum(parts.values(), zero).to("kg")


@evaluator("coolant_property")
def _ev_coolant_property(inputs, options):
    """A coolant's melting or boiling point, or a property at ``temperature``."""
    from ..materials import coolant

    c = coolant(options["material"])
    prop = options["property"]
    if prop in ("melting_point", "boiling_point"):
        value = getattr(c, prop)
        if value is None:
            raise ValidationDataError(f"{c.name} has no cited {prop.replace('_', ' ')}")
        return value.to("K")
    return getattr(c, prop)(inputs["temperature"])


@evaluator("nusselt_lyon")
def _ev_nusselt_lyon(inputs, options):
    from ..thermal.correlations import nusselt_lyon_martinelli

    return dimensionless(nusselt_lyon_martinelli(inputs["peclet"].to("").magnitude))


@evaluator("nusselt_skupinski")
def _ev_nusselt_skupinski(inputs, options):
    from ..thermal.correlations import nusselt_skupinski

    return dimensionless(nusselt_skupinski(inputs["peclet"].to("").magnitude))


@evaluator("liquid_metal_nusselt")
def _ev_liquid_metal_nusselt(inputs, options):
    from ..thermal.correlations import liquid_metal_nusselt

    return dimensionless(liquid_metal_nusselt(inputs["reynolds"].to("").magnitude,
                                               inputs["prandtl"].to("").magnitude,
                                               boundary=options.get("boundary", "heat_flux")))


@evaluator("nusselt_gnielinski")
def _ev_nusselt_gnielinski(inputs, options):
    from ..thermal.correlations import nusselt_gnielinski

    return dimensionless(nusselt_gnielinski(inputs["reynolds"].to("").magnitude, inputs["prandtl"].to("").magnitude,
                                             inputs["friction_factor"].to("").magnitude))


@evaluator("friction_factor_darcy")
def _ev_friction_factor(inputs, options):
    from ..thermal.correlations import friction_factor_darcy

    return dimensionless(friction_factor_darcy(inputs["reynolds"].to("").magnitude,
                                                inputs["relative_roughness"].to("").magnitude))
