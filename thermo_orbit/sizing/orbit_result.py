"""The orbit sizing's answer: its verdict folded into the
:class:`~thermo_orbit.system.result.SystemResult` (the ``orbit_sizing`` section, the
``transient`` section of the cold case), and its rows of a batch or sweep as columns."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..constraints import BINDING_CODES, Constraint, binding_name
from ..system.fields import FIELDS
from ..system.result import SystemResult
from ..units import Q_
from .orbit_search import HOT_TOLERANCE
from .verify import fold_orbit

__all__ = ["fold_orbit_sizing", "not_sized", "ORBIT_OUTPUTS", "orbit_columns", "row_design", "ASSUMPTIONS"]

#: the orbit sizing's batch and sweep columns (JSON path → unit), besides ``orbit_sizing.binding``
ORBIT_OUTPUTS = {"orbit_sizing.radiator_area_steady": "m^2", "orbit_sizing.radiator_area": "m^2",
                 "orbit_sizing.saving": "kg", "orbit_sizing.area_scale": "", "orbit_sizing.junction_max": "degC",
                 "orbit_sizing.coolant_min_cold_case": "degC", "orbit_sizing.heater_capacity": "kW",
                 "orbit_sizing.heater_orbit_average": "kW", "orbit_sizing.battery_depth_of_discharge": "",
                 "orbit_sizing.periodicity_error": "K"}

#: what the orbit sizing assumes, listed in every orbit-sized result's ``assumptions``
ASSUMPTIONS = (
    "orbit sizing: the radiator area where the hottest junction of the periodic orbit (hot case: the coating at "
    "its worst, the β of the hottest sink) is within 0.01 K below its limit (a fifth of the transient's 0.05 K "
    "accuracy against Radau); areas tried from 1/16 to 2 times the steady area (design assumption)",
    "orbit sizing: the survival heater only where area alone cannot keep the coldest coolant of the cold case "
    "(the coating at its best, the longest eclipse) at its freeze margin, up to twice the rack power (the upper "
    "limit of thermal.survival_heater_fraction)",
    "orbit sizing: the battery for the cold-case orbit's own discharge, 0.1 % of its allowed depth of discharge "
    "kept in hand; the array by SMAD 1999 Eq. 11-5 with the heater's orbit energy added to the loads",
)


def _section(steady: SystemResult, result: SystemResult, hot, cold, *, scale, binding, drop, capacity,
             flags: int) -> dict:
    """The ``orbit_sizing`` section of an orbit-sized result."""
    junction = hot.extremes["rack_max"].to("K").magnitude + drop
    return {
        "radiator_area_steady": steady.radiator["area"].to("m^2"), "radiator_area": result.radiator["area"].to("m^2"),
        "area_scale": Q_(float(scale), ""), "saving": (steady.mass["total"] - result.mass["total"]).to("kg"),
        "binding": str(binding), "junction_max": Q_(junction, "K").to("degC"),
        "junction_limit": result.loop.junction_temperature.to("degC"),
        "coolant_min_cold_case": cold.extremes["coolant_min"].to("degC"),
        "freeze_set_point": Q_(cold.extremes["coolant_min"].to("K").magnitude
                               - cold.margins["freeze"].to("K").magnitude, "K").to("degC"),
        "heater_capacity": Q_(float(capacity), "W").to("kW"),
        "heater_orbit_average": cold.extremes["heater_orbit_average"].to("kW"),
        "battery_capacity_steady": steady.battery.capacity, "battery_capacity": result.battery.capacity,
        "battery_depth_of_discharge": Q_(1.0 - cold.extremes["state_of_charge_min"].magnitude, ""),
        "array_area_steady": steady.solar_array.area, "array_area": result.solar_array.area,
        "mass_steady": steady.mass["total"], "mass": result.mass["total"], "beta_hot": hot.beta,
        "flags": int(flags), "certificate": cold.certificate, "certificate_hot": hot.certificate,
    }


def fold_orbit_sizing(steady: SystemResult, result: SystemResult, hot, cold, *, scale, binding, drop,
                      capacity) -> SystemResult:
    """The orbit-sized ``result`` with the verdicts of its periodic orbits ``hot`` and
    ``cold`` (:class:`~thermo_orbit.transient.OrbitSimulation`): the cold case's as in
    ``verify="transient"`` (:func:`~thermo_orbit.sizing.verify.fold_orbit`), the hot case's
    constraint flags, and the hottest junction (rack node + ``drop`` = P R_jc [K]) against
    its limit; the ``orbit_sizing`` section (:data:`ORBIT_OUTPUTS`)."""
    r = fold_orbit(result, cold)
    flags = Constraint(cold.flags) | Constraint(hot.flags)
    reasons = [f"orbit transient, hot case: {x}" for x in hot.reasons]
    junction = hot.extremes["rack_max"].to("K").magnitude + drop
    limit = result.loop.junction_temperature.to("K").magnitude
    if not junction <= limit + HOT_TOLERANCE:
        flags |= Constraint.TRANSIENT_JUNCTION
        reasons.append(f"orbit sizing: the hottest junction over the orbit (hot case) is {junction - 273.15:.2f} degC, "
                       f"{junction - limit:.2f} K above its {limit - 273.15:.1f} degC limit, at {scale:.3g} times the "
                       "steady radiator area")
    feasible = result.feasible and not flags
    binding_constraint = binding_name(int(flags)) if result.feasible and flags else r.binding_constraint
    section = _section(steady, result, hot, cold, scale=scale, binding=binding, drop=drop, capacity=capacity,
                       flags=int(flags))
    return replace(r, feasible=feasible, binding_constraint=binding_constraint, reasons=r.reasons + tuple(reasons),
                   orbit_sizing=section, assumptions=r.assumptions + ASSUMPTIONS)


def not_sized(steady: SystemResult, why: str, invalid: bool = False) -> SystemResult:
    """The steady ``steady`` result of a design the orbit sizing did not size, with ``why``;
    ``invalid`` (an input the orbit model does not cover) makes it infeasible."""
    section = {"radiator_area_steady": steady.radiator["area"], "radiator_area": None, "saving": None,
               "binding": None, "certificate": None, "not_sized": why,
               "flags": int(Constraint.INVALID_INPUT) if invalid else 0}
    flags = Constraint.INVALID_INPUT if invalid else Constraint(0)
    return replace(steady, orbit_sizing=section, feasible=steady.feasible and not flags,
                   binding_constraint=binding_name(int(flags)) if invalid and steady.feasible
                   else steady.binding_constraint,
                   reasons=(*steady.reasons, f"orbit sizing not done: {why}"))


def row_design(base, columns: dict, i: int):
    """Design ``i`` of a batch: ``base`` with the fields of ``columns`` (magnitudes in each
    field's unit, or text, bool, int) set to their row ``i``."""
    return base.with_fields({p: Q_(float(c[i]), FIELDS[p].unit) if FIELDS[p].unit is not None else c[i]
                             for p, c in columns.items()})


def orbit_columns(out: dict, rows, sized: list) -> None:
    """Put the orbit-sized designs ``rows`` (``sized``: (result, columns) per row, as
    :func:`thermo_orbit.sizing.orbit.size_orbit` gives) into the batch columns ``out`` (the
    steady batch's, in the units of :data:`thermo_orbit.system.outputs.OUTPUTS`; the
    :data:`ORBIT_OUTPUTS` and ``orbit_sizing.binding`` added)."""
    n = len(out["feasible"])
    for path in ORBIT_OUTPUTS:
        out.setdefault(path, np.full(n, np.nan))
    out["orbit_sizing.radiator_area_steady"] = out["radiator.area"].copy()
    out.setdefault("orbit_sizing.binding", np.full(n, None, dtype=object))
    for i, (res, cols) in zip(rows, sized):
        sec = res.orbit_sizing
        out["orbit_sizing.radiator_area_steady"][i] = sec["radiator_area_steady"].to("m^2").magnitude
        if cols is None:
            out["flags"][i] |= sec["flags"]
            out["feasible"][i] = res.feasible
            out["binding_constraint"][i] = BINDING_CODES[res.binding_constraint]
            continue
        for k in cols:
            if k in out and k not in ("feasible", "flags", "binding_constraint"):
                out[k][i] = cols[k][0]
        out["flags"][i] = int(cols["flags"][0]) | sec["flags"]
        out["feasible"][i] = res.feasible
        out["binding_constraint"][i] = BINDING_CODES[res.binding_constraint]
        out["orbit_sizing.binding"][i] = sec["binding"]
        for path, unit in ORBIT_OUTPUTS.items():
            key = path.split(".", 1)[1]
            if key == "periodicity_error":
                out[path][i] = sec["certificate"]["periodicity_error"].to(unit).magnitude
            elif key != "radiator_area_steady":
                out[path][i] = sec[key].to(unit).magnitude
