"""Validation evaluators of the family "power sizing": path efficiencies, radiation
degradation, the solar array and the battery (registered in
:data:`thermo_orbit.validation.evaluators.EVALUATORS`)."""

from __future__ import annotations

from ..units import Q_
from .evaluators import evaluator

__all__: list[str] = []


@evaluator("daylight_path_efficiency")
def _ev_daylight_path_efficiency(inputs, options):
    """X_d from the array sizing: with no eclipse P_sa = P_d / X_d."""
    from ..power.solar_array import required_array_power

    P = inputs["load"]
    P_sa = required_array_power(P, P, inputs["sunlight_time"], Q_(0.0, "min"), options["regulation"])
    return (P / P_sa).to("")


@evaluator("eclipse_path_efficiency")
def _ev_eclipse_path_efficiency(inputs, options):
    """X_e from the array sizing: with no daylight load P_sa T_d = P_e T_e / X_e."""
    from ..power.solar_array import required_array_power

    P_e, T_d, T_e = inputs["load_eclipse"], inputs["sunlight_time"], inputs["eclipse_time"]
    P_sa = required_array_power(Q_(0.0, "W"), P_e, T_d, T_e, options["regulation"])
    return (P_e * T_e / (P_sa * T_d)).to("")


@evaluator("fluence_remaining_factor")
def _ev_fluence_remaining_factor(inputs, options):
    from ..power.solar_array import fluence_remaining_factor

    return fluence_remaining_factor(options["cell"], inputs["fluence"]).to("")


@evaluator("solar_array_sizing")
def _ev_solar_array_sizing(inputs, options):
    """One output (``options["quantity"]``: ``area``, ``power_bol`` or ``power_eol``) of
    :func:`~thermo_orbit.power.solar_array.size_solar_array`.

    A source that gives cell efficiencies at BOL and EOL is mapped as ``efficiency`` = the
    BOL value and ``remaining_factor`` = EOL/BOL.  Inputs a source does not have default to
    the loss-free value 1 (inherent degradation, cosine, packing factor, daylight path
    efficiency); no eclipse load and no eclipse time unless given.  The array mass is not
    evaluated, so the areal density passed is a placeholder."""
    from ..power.solar_array import size_solar_array

    one = Q_(1.0, "")
    eff_bol = inputs["efficiency_bol"]
    remaining = (inputs["efficiency_eol"] / eff_bol).to("") if "efficiency_eol" in inputs else None
    r = size_solar_array(
        inputs["load_sunlight"], inputs.get("load_eclipse", Q_(0.0, "W")), inputs["sunlight_time"],
        inputs.get("eclipse_time", Q_(0.0, "min")), efficiency=eff_bol, solar_flux=inputs["solar_flux"],
        inherent_degradation=inputs.get("inherent_degradation", one), remaining_factor=remaining,
        cosine=inputs.get("cosine", one), packing_factor=inputs.get("packing_factor", one),
        path_efficiency_daylight=inputs.get("path_efficiency_daylight", one),
        areal_density=Q_(1.0, "kg/m^2"))
    return getattr(r, options["quantity"])


@evaluator("battery_capacity")
def _ev_battery_capacity(inputs, options):
    """Capacity of :func:`~thermo_orbit.power.battery.battery_capacity` (SMAD Eq. 11-6) in
    energy, or, with a ``bus_voltage`` input, in charge (capacity / voltage, A h)."""
    from ..power.battery import battery_capacity

    C = battery_capacity(inputs["load_eclipse"], inputs["eclipse_time"], inputs["depth_of_discharge"],
                         n_batteries=int(inputs.get("n_batteries", Q_(1, "")).magnitude),
                         transmission_efficiency=inputs.get("transmission_efficiency", Q_(1.0, "")))
    if "bus_voltage" in inputs:
        return (C / inputs["bus_voltage"]).to("A*h")
    return C.to("kWh")


def _worst_orbit_times(inputs):
    """(sunlight time, eclipse time) of a circular orbit at β = 0, the longest eclipse."""
    from ..orbit.geometry import eclipse_duration, orbital_period

    T_e = eclipse_duration(inputs["altitude"], inputs.get("beta", Q_(0.0, "deg")))
    return orbital_period(inputs["altitude"]) - T_e, T_e


@evaluator("orbit_array_power")
def _ev_orbit_array_power(inputs, options):
    """Array power (SMAD Eq. 11-5, no margin) for a constant ``load`` over the longest
    eclipse of the orbit, with the regulation's SMAD path efficiencies."""
    from ..power.solar_array import required_array_power

    T_d, T_e = _worst_orbit_times(inputs)
    return required_array_power(inputs["load"], inputs["load"], T_d, T_e, options["regulation"]).to("kW")


@evaluator("orbit_battery_energy")
def _ev_orbit_battery_energy(inputs, options):
    """Battery energy (SMAD Eq. 11-6) for a constant ``load`` over the longest eclipse of
    the orbit at the allowed depth of discharge."""
    from ..power.battery import battery_capacity

    _, T_e = _worst_orbit_times(inputs)
    return battery_capacity(inputs["load"], T_e, inputs["depth_of_discharge"],
                            transmission_efficiency=inputs["transmission_efficiency"]).to("kWh")
