"""The steady whole-system sizing of one design: each subsystem at its own worst case (the
radiator at the hottest sink of the year with the coating at its worst, freeze at the
coldest sink with the coating at its best, the battery at the longest eclipse of the year,
the array at end of life at its hot operating temperature under the aphelion Sun), the
loads and sizes closed by one fixed point (:mod:`thermo_orbit.system.fixed_point`)."""

from __future__ import annotations

from .context import prepare
from .evaluate import evaluate_si
from .result import SystemResult, build_result

__all__ = ["size_steady"]


def size_steady(design) -> SystemResult:
    """Size the whole system for ``design`` at its steady worst cases (see the module
    docstring): array and battery (SMAD 1999, Sec. 11.4), radiator and loop
    (:mod:`thermo_orbit.thermal`), masses, launches, margins, the binding constraint.

    Returns a :class:`SystemResult` of Quantities: areas [m²], masses [kg], powers [kW],
    energies [kWh], temperatures [degC], margins [K] or dimensionless; an infeasible
    design is a result with ``feasible`` False and its reasons, never an exception."""
    ctx = prepare(design)
    cols, sized = evaluate_si(ctx.v, ctx, 1)
    return build_result(design, ctx, cols, sized)
