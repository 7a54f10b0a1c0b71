"""Sizing a design: the entry points of the package.

:func:`size` sizes one design, :func:`size_batch` many at once.  The steady sizing is the
system layer's (:mod:`thermo_orbit.system`); ``verify="transient"`` checks it against the
periodic orbit (:mod:`thermo_orbit.transient`), which is why these entry points sit above
both layers.
"""

from __future__ import annotations

from ..constraints import BINDING_NAMES
from ..errors import InputError
from ..system import OUTPUTS, SystemResult, check_sizable, resolve_inputs, size_steady
from ..system.batch import size_batch
from .uncertainty import UncertaintyResult, size_uncertainty
from .verify import verify_orbit

__all__ = ["size", "size_batch", "SystemResult", "resolve_inputs", "check_sizable", "OUTPUTS", "BINDING_NAMES",
           "verify_orbit", "size_uncertainty", "UncertaintyResult"]


def size(design, verify: str | None = None) -> SystemResult:
    """Size the whole system for ``design``: each subsystem at its own worst case, loads and
    sizes closed by one fixed point (:func:`thermo_orbit.system.steady.size_steady`).

    ``verify="transient"`` then checks the sizing against the periodic orbit in the cold
    case (:func:`verify_orbit`): coolant too cold in eclipse, the battery beyond its
    allowed depth of discharge or temperature range make the design infeasible with
    margins, and the survival heater's orbit-average power is added to the power budget.

    Returns a :class:`SystemResult` of Quantities: areas [m²], masses [kg], powers [kW],
    energies [kWh], temperatures [degC], margins [K] or dimensionless; an infeasible
    design is a result with ``feasible`` False and its reasons, never an exception.  Bad
    input raises :class:`InputError`.  The models and their references are those of the
    subsystems: SMAD 1999 Sec. 11.4 (array, battery), ECSS-E-ST-10-04C or SSP 41000
    (environments), and the loop and radiator references in :mod:`thermo_orbit.thermal`.
    """
    if verify not in (None, "transient"):
        raise InputError("verify", verify, 'None or "transient"')
    result = size_steady(design)
    return result if verify is None else verify_orbit(design, result)
