"""Sizing a design: the entry points of the package.

:func:`size` sizes one design, :func:`size_batch` many at once.  The steady sizing is the
system layer's (:mod:`thermo_orbit.system`); ``verify="transient"`` checks it against the
periodic orbit (:mod:`thermo_orbit.transient`), and ``method="orbit"`` sizes the radiator,
survival heater, battery and array against the periodic orbit itself
(:mod:`thermo_orbit.sizing.orbit`), which is why these entry points sit above both layers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..constraints import BINDING_NAMES
from ..errors import InputError
from ..system import OUTPUTS, SystemResult, check_sizable, resolve_inputs, size_steady
from ..system.batch import batch_quantities, checked_columns, size_columns
from .orbit import size_orbit
from .orbit_result import ORBIT_OUTPUTS, orbit_columns, row_design
from .uncertainty import UncertaintyResult, size_uncertainty
from .verify import verify_orbit

__all__ = ["size", "size_batch", "SystemResult", "resolve_inputs", "check_sizable", "OUTPUTS", "BINDING_NAMES",
           "verify_orbit", "size_uncertainty", "UncertaintyResult", "METHODS", "sizing_method", "size_orbit_columns",
           "ORBIT_OUTPUTS"]

#: the sizing methods: ``steady`` (each subsystem at its own worst case) and ``orbit`` (the
#: periodic orbit as the criterion, :mod:`thermo_orbit.sizing.orbit`)
METHODS = ("steady", "orbit")


def sizing_method(design, method: str | None) -> str:
    """``method`` if given, else the design's ``sizing.method``; InputError naming
    ``method`` for anything but :data:`METHODS`."""
    if method is None:
        method = design["sizing.method"] if hasattr(design, "values") else "steady"
    if method not in METHODS:
        raise InputError("method", method, '"steady" or "orbit"')
    return method


def size(design, verify: str | None = None, method: str | None = None) -> SystemResult:
    """Size the whole system for ``design``.

    ``method="steady"`` (the default, or the design's ``sizing.method``): each subsystem at
    its own worst case, loads and sizes closed by one fixed point
    (:func:`thermo_orbit.system.steady.size_steady`).  ``method="orbit"``: from that answer,
    the radiator area, survival heater, battery and array sized against the periodic orbit
    (:mod:`thermo_orbit.sizing.orbit`); the result's ``orbit_sizing`` section gives the
    steady and orbit-sized radiator areas, the mass saving [kg], the binding side (hot or
    cold) and the transient certificate of the final design.

    ``verify="transient"`` checks a steady sizing against the periodic orbit in the cold
    case (:func:`verify_orbit`): coolant too cold in eclipse, the battery beyond its
    allowed depth of discharge or temperature range make the design infeasible with
    margins, and the survival heater's orbit-average power is added to the power budget
    (an orbit sizing includes that check).

    Returns a :class:`SystemResult` of Quantities: areas [m²], masses [kg], powers [kW],
    energies [kWh], temperatures [degC], margins [K] or dimensionless; an infeasible
    design is a result with ``feasible`` False and its reasons, never an exception.  Bad
    input raises :class:`InputError`.  The models and their references are those of the
    subsystems: SMAD 1999 Sec. 11.4 (array, battery), ECSS-E-ST-10-04C or SSP 41000
    (environments), and the loop and radiator references in :mod:`thermo_orbit.thermal`.
    """
    if verify not in (None, "transient"):
        raise InputError("verify", verify, 'None or "transient"')
    if sizing_method(design, method) == "orbit":
        return size_orbit([design], strict=True)[0][0]
    result = size_steady(design)
    return result if verify is None else verify_orbit(design, result)


def size_orbit_columns(design, columns: Mapping[str, np.ndarray], out: dict) -> dict:
    """Orbit-size the rows of a batch that the steady sizing ``out`` (the columns of
    :func:`thermo_orbit.system.batch.size_columns` for ``columns``) calls feasible, in place:
    their columns become the orbit-sized design's, with :data:`ORBIT_OUTPUTS` ([m²], [kg],
    [degC], [kW], dimensionless) and ``orbit_sizing.binding`` added.  Returns ``out``.  The
    models are those of :func:`size` (SMAD 1999 Sec. 11.4, Mackay 1963)."""
    rows = np.flatnonzero(out["feasible"])
    sized = size_orbit([row_design(design, columns, i) for i in rows]) if rows.size else []
    orbit_columns(out, rows, sized)
    return out


def size_batch(design, changes: Mapping[str, Any], method: str | None = None) -> dict[str, Any]:
    """Size ``design`` with fields changed per design, all designs at once
    (:func:`thermo_orbit.system.batch.size_batch`, whose arguments and returns these are).
    ``method="orbit"`` (or the base design's ``sizing.method``) orbit-sizes each design the
    steady sizing calls feasible (:mod:`thermo_orbit.sizing.orbit`): row ``i`` equals
    ``size(design_i, method="orbit")``, with the columns of :data:`ORBIT_OUTPUTS` ([m²],
    [kg], [degC], [kW], dimensionless) and ``orbit_sizing.binding`` ("hot", "cold", or
    None where not orbit-sized).  The models and references are those of :func:`size`
    (SMAD 1999 Sec. 11.4 for the array and battery, Mackay 1963 for the radiator)."""
    method = sizing_method(design, method)
    columns = checked_columns(design, changes)
    out = size_columns(design, columns)
    if method == "orbit":
        size_orbit_columns(design, columns, out)
    return batch_quantities(out, ORBIT_OUTPUTS)
