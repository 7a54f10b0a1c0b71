"""The one registry of validation evaluators: a case of ``cases.toml`` names its evaluator,
a small function that calls the public thermo-orbit API with the case's inputs and returns
a pint Quantity.

Each evaluator takes ``(inputs, options)``: ``inputs`` a dict of Quantities parsed from the
case's unit strings, ``options`` a dict of plain strings.  The evaluators live by family in
``evaluators_orbit.py``, ``evaluators_thermal.py``, ``evaluators_power.py`` and
``evaluators_survivability.py``, each registered here with :func:`evaluator`; importing
:mod:`thermo_orbit.validation` registers them all.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pint

from ..errors import ThermoOrbitError
from ..units import Q_

__all__ = ["EVALUATORS", "Evaluator", "evaluator", "dimensionless", "ValidationDataError"]

Evaluator = Callable[[dict, dict], pint.Quantity]
#: evaluator name (as ``cases.toml`` writes it) → function
EVALUATORS: dict[str, Evaluator] = {}


class ValidationDataError(ThermoOrbitError):
    """The validation data file is malformed: the message names the file, the case and the field."""


def evaluator(name: str) -> Callable[[Evaluator], Evaluator]:
    """Register the decorated function as the evaluator ``name`` (a name used twice is an error)."""
    def register(func: Evaluator) -> Evaluator:
        if name in EVALUATORS:
            raise ValueError(f"evaluator {name!r} is registered twice")
        EVALUATORS[name] = func
        return func

    return register


def dimensionless(x) -> pint.Quantity:
    """A plain number (a Nusselt number, a friction factor) as a dimensionless Quantity."""
    return Q_(float(np.asarray(x)), "")
