"""The one unit registry of thermo-orbit, and the checks at every public boundary.

Public functions take and return :class:`pint.Quantity` objects of :data:`ureg`.  Each
converts its inputs once to plain float64 numpy arrays in SI units with
:func:`si_value`, calls a private kernel, and wraps the result with :func:`quantity`.

Examples
--------
>>> from thermo_orbit.units import Q_
>>> Q_(550, "km").to("m")
<Quantity(550000.0, 'meter')>
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
import pint

from .errors import OutOfRangeError, UnitError, describe_value

__all__ = ["ureg", "Q_", "Quantity", "si_value", "quantity", "check_range", "parse_quantity", "unit_text", "magnitude",
           "check_positive", "check_fraction"]

ureg = pint.UnitRegistry(cache_folder=None)
ureg.formatter.default_format = "~P"
ureg.define("USD = [currency] = $")  # launch cost: money as its own dimension
# pint caches a parsed unit expression only when it is a single defined name (pint issue 1097's
# guard), so "W/(m^2*K)" is parsed again at every conversion: most of the time of a design
# through pint.  The registry defines no units after this module and uses no contexts, so a
# parsed expression never changes: cache them (the parsed containers are immutable).
ureg.parse_units_as_container = lru_cache(maxsize=4096)(ureg.parse_units_as_container)
Q_ = ureg.Quantity
Quantity = pint.Quantity

_DIMENSION_NAMES = {
    "m": "a length",
    "s": "a time",
    "K": "a temperature",
    "rad": "an angle",
    "kg": "a mass",
    "W": "a power",
    "J": "an energy",
    "W/m^2": "a heat flux",
}


_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def parse_quantity(text: str) -> pint.Quantity:
    """Read ``"550 km"``, ``"85 degC"``, ``"1.2e3 W/m^2"`` or ``"0.9"`` as a Quantity.

    The number and the unit are read apart, so offset units (``degC``) work.

    Raises
    ------
    ValueError
        the text is not a number followed by a unit pint knows.

    Examples
    --------
    >>> parse_quantity("85 degC").to("K")
    <Quantity(358.15, 'kelvin')>
    """
    match = _NUMBER.match(text)
    if match is None:
        raise ValueError(f"not a number with a unit: {text!r}")
    number, unit = match.groups()
    try:
        return Q_(float(number), unit or "")
    except Exception as err:
        raise ValueError(f"unknown unit {unit!r} in {text!r}") from err


# pint's compact symbols that its own parser does not read back, or that are not ASCII
_SYMBOLS = (("Δ°C", "delta_degC"), ("Δ°F", "delta_degF"), ("°C", "degC"), ("°F", "degF"), ("$", "USD"),
            ("µ", "u"), ("μ", "u"), ("%", "percent"))


def unit_text(unit: Any) -> str:
    """The unit of a Quantity (or a pint Unit, or unit text) written as text that
    :func:`parse_quantity` and ``Q_(value, text)`` read back to the same unit: pint's
    compact form, with ``$`` written ``USD``, ``°C`` ``degC`` and ``µ`` ``u``; ``""`` for
    a pure number.  The one place units become text (design files, JSON results, sweep
    manifests and Parquet metadata).

    >>> unit_text(Q_(150, "USD/kg")), unit_text(Q_(85, "degC")), unit_text(Q_(2, "W/(m*K)"))
    ('USD/kg', 'degC', 'W/K/m')
    >>> unit_text("m^2"), unit_text(Q_(0.5, ""))
    ('m**2', '')
    """
    if isinstance(unit, str):
        unit = ureg.parse_units(unit) if unit.strip() else ureg.dimensionless
    elif isinstance(unit, pint.Quantity):
        unit = unit.units
    if unit._REGISTRY is not ureg:  # another registry's unit: rebuilt here from its long name
        unit = ureg.parse_units(f"{unit:C}")
    return _unit_text(unit._units)


@lru_cache(maxsize=1024)
def _unit_text(container) -> str:
    if not container:
        return ""
    unit = ureg.Unit(container)
    text = f"{unit:~C}"
    for symbol, name in _SYMBOLS:
        text = text.replace(symbol, name)
    try:
        if ureg.parse_units(text) == unit:
            return text
    except Exception:  # noqa: BLE001 - pint's parser raises many kinds on text it cannot read
        pass
    return f"{unit:C}"  # the long names always read back


def _describe(unit: str, example: str | None) -> str:
    what = _DIMENSION_NAMES.get(unit, f"a quantity convertible to {unit}")
    return f"{what} such as {example}" if example else what


def si_value(value: Any, name: str, unit: str, example: str | None = None) -> np.ndarray:
    """Check ``value`` is a Quantity with the dimension of ``unit`` and return its
    magnitude in ``unit`` as a float64 array (0-d for a scalar).

    A dimensionless ``unit`` (``""``) also accepts plain numbers.  A plain number for a
    dimensional ``unit`` is an error that shows how to write it.

    Raises
    ------
    UnitError
        wrong dimension, plain number, or not a number at all.
    OutOfRangeError
        the value is NaN or infinite.
    """
    dimensionless = unit in ("", "dimensionless")
    if isinstance(value, pint.Quantity):
        if value._REGISTRY is not ureg:  # a quantity of another registry: rebuild it here
            value = Q_(value.magnitude, unit_text(value.units))
        try:
            mag = value.to(unit or "dimensionless").magnitude
        except pint.DimensionalityError:
            raise UnitError(
                name, value, _describe(unit, example),
                f"{name}: expected {_describe(unit, example)}, got {value:~P} "
                f"(dimension {value.dimensionality})",
            ) from None
    elif dimensionless:
        mag = value
    else:
        expected = _describe(unit, example)
        raise UnitError(name, value, expected, f"{name}: expected {expected}, got {describe_value(value)}")
    try:
        arr = np.asarray(mag, dtype=np.float64)
    except (TypeError, ValueError):
        raise UnitError(name, value, _describe(unit, example)) from None
    if not np.all(np.isfinite(arr)):
        raise OutOfRangeError(name, value, "a finite number",
                              f"{name}: expected a finite number, got {describe_value(value)}")
    return arr


def magnitude(q: Any, unit: str) -> float | np.ndarray:
    """The magnitude of an already checked value in ``unit``: a float for a scalar, a
    float64 array for an array of designs; a plain number passes through (dimensionless).

    >>> magnitude(Q_(1.5, "km"), "m")
    1500.0
    """
    m = np.asarray(q.to(unit).magnitude if hasattr(q, "units") else q, dtype=np.float64)
    return float(m) if m.ndim == 0 else m


def quantity(x: Any, unit: str) -> pint.Quantity:
    """Wrap a kernel result: a 0-d array becomes a scalar Quantity."""
    arr = np.asarray(x, dtype=np.float64)
    return Q_(float(arr) if arr.ndim == 0 else arr, unit)


def check_range(
    x: np.ndarray,
    name: str,
    low: float | None,
    high: float | None,
    unit: str,
    *,
    display_unit: str | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    what: str = "",
) -> None:
    """Raise :class:`OutOfRangeError` naming the field if any of ``x`` (in ``unit``) is out of range."""
    bad = np.zeros(np.shape(x), dtype=bool)
    if low is not None:
        bad |= (x < low) if low_inclusive else (x <= low)
    if high is not None:
        bad |= (x > high) if high_inclusive else (x >= high)
    if not np.any(bad):
        return
    shown_unit = display_unit or unit

    def fmt(v: float) -> str:
        q = Q_(v, unit).to(shown_unit) if unit != shown_unit else Q_(v, unit)
        return f"{q.magnitude:.6g} {shown_unit}".rstrip()

    first = float(np.asarray(x)[bad].ravel()[0])
    lo = "" if low is None else ("from " if low_inclusive else "above ") + fmt(low)
    hi = "" if high is None else ((" to " if low is not None else "")
                                  + ("" if high_inclusive or low is None else "below ") + fmt(high))
    if low is None:
        hi = ("at most " if high_inclusive else "below ") + fmt(high)
    expected = f"{what + ' ' if what else ''}{lo}{hi}".strip()
    count = int(np.count_nonzero(bad))
    extra = f" ({count} of {np.size(x)} values out of range)" if np.size(x) > 1 else ""
    raise OutOfRangeError(name, first, expected, f"{name}: expected {expected}, got {fmt(first)}{extra}")


def check_positive(value: Any, name: str, unit: str, example: str | None = None,
                   allow_zero: bool = False) -> np.ndarray:
    """``value`` in ``unit`` as float64 (:func:`si_value`), checked above zero (or at least
    zero with ``allow_zero``); the one positivity check of the public functions."""
    x = si_value(value, name, unit, example)
    check_range(x, name, 0.0, None, unit, low_inclusive=allow_zero)
    return x


def check_fraction(value: Any, name: str, allow_zero: bool = False) -> np.ndarray:
    """A dimensionless ``value`` as float64, checked in (0, 1] (or [0, 1] with ``allow_zero``)."""
    x = si_value(value, name, "")
    check_range(x, name, 0.0, 1.0, "", low_inclusive=allow_zero)
    return x
