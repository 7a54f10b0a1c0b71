"""Errors raised by thermo-orbit.

Every input problem is an :class:`InputError` that names the field (as written in a
design file, e.g. ``radiator.emissivity``, or the argument name), the value given and
what was expected.  Infeasible designs are *results*, never exceptions.
"""

from __future__ import annotations

__all__ = [
    "ThermoOrbitError",
    "InputError",
    "UnitError",
    "OutOfRangeError",
    "ExtrapolationWarning",
    "describe_value",
]


class ThermoOrbitError(Exception):
    """Base class of every error thermo-orbit raises on purpose."""


class InputError(ThermoOrbitError, ValueError):
    """An input is wrong: the message names the field, the value and what was expected."""

    def __init__(self, field: str, value: object, expected: str, message: str | None = None):
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(message or f"{field}: expected {expected}, got {describe_value(value)}")


class UnitError(InputError, TypeError):
    """A value has the wrong dimension, or is a plain number where a dimension is needed."""


class OutOfRangeError(InputError):
    """A value lies outside its physical range or a correlation's validity range."""


class ExtrapolationWarning(UserWarning):
    """A property was computed outside its validity range because extrapolation was asked for."""


def describe_value(value: object) -> str:
    """Describe a value for an error message."""
    import numpy as np

    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (int, float, np.floating, np.integer)):
        return f"{value!r} (a plain number)"
    if isinstance(value, np.ndarray):
        more = "..." if value.size > 4 else ""
        return f"an array of plain numbers {np.array2string(value.ravel()[:4], precision=6)}{more}"
    text = str(value)
    return text if len(text) < 80 else text[:77] + "..."
