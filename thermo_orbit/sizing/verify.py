"""A steady sizing checked against the periodic orbit: the orbit transient's verdict
(:func:`thermo_orbit.transient.simulate_orbit` in the cold case) folded into the
:class:`~thermo_orbit.system.result.SystemResult`."""

from __future__ import annotations

from dataclasses import replace

from ..constraints import binding_name
from ..system.result import SystemResult
from ..transient import simulate_orbit

__all__ = ["verify_orbit", "fold_orbit"]


def fold_orbit(result: SystemResult, sim) -> SystemResult:
    """``result`` with the verdict of its periodic orbit ``sim`` (an
    :class:`~thermo_orbit.transient.OrbitSimulation`): the survival heater's orbit-average
    power in the power budget, the margins and certificate under ``transient``, and the
    orbit's reasons; the binding constraint of a design the orbit fails is the orbit's
    (decided by its constraint flags)."""
    budget = dict(result.power_budget)
    budget["heater_orbit_average"] = sim.extremes["heater_orbit_average"].to("kW")
    budget["battery_heater_orbit_average"] = sim.extremes["battery_heater_orbit_average"].to("kW")
    margins = dict(result.margins)
    margins["transient_freeze"] = sim.margins["freeze"]
    margins["transient_battery_depth_of_discharge"] = sim.margins["battery_depth_of_discharge"]
    transient = {"case": sim.case, "beta": sim.beta, "extremes": sim.extremes, "margins": sim.margins,
                 "certificate": sim.certificate, "feasible": sim.feasible}
    binding = result.binding_constraint
    if result.feasible and not sim.feasible:
        binding = binding_name(sim.flags)
    return replace(result, feasible=result.feasible and sim.feasible,
                   reasons=result.reasons + tuple(f"orbit transient: {r}" for r in sim.reasons),
                   power_budget=budget, margins=margins, transient=transient, binding_constraint=binding)


def verify_orbit(design, result: SystemResult) -> SystemResult:
    """``result`` with the orbit check of ``design``: the periodic orbit in the cold case
    (the coolant too cold in eclipse, the battery beyond its allowed depth of discharge or
    temperature range, an empty battery that sheds load make the design infeasible with
    margins), the survival heater's orbit-average power added to the power budget, the
    margins and certificate under ``transient`` (:func:`fold_orbit`).

    The survival heater is a load only the orbit has: the steady sizing of the array and
    the battery does not carry it (the battery heater it does, in ``load``; the orbit
    sizing, ``method="orbit"``, carries both); where it draws power, a warning says so, and
    the orbit's depth-of-discharge margin (and its load shed) show what it costs."""
    checked = fold_orbit(result, simulate_orbit(design, result, case="cold"))
    heater = checked.power_budget["heater_orbit_average"]
    if heater.magnitude <= 0.0:
        return checked
    return replace(checked, warnings=(*checked.warnings, f"the survival heater draws {heater.magnitude:.2f} kW over "
                                      "the cold-case orbit, a load the steady sizing of the array and battery does "
                                      "not carry (the orbit's depth-of-discharge margin includes it)"))
