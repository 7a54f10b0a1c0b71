"""Times for the low-precision ephemeris: accept datetimes, numpy datetime64 or ISO
strings (scalars or arrays) and give Julian centuries from J2000.0.

UTC is used for UT1 and TT: the differences (< 1 s and about 69 s) move the Sun by less
than 0.001 deg, far inside the 0.01 deg accuracy of the low-precision formula.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np

from .errors import InputError

__all__ = ["to_datetime64", "julian_centuries_j2000", "J2000"]

J2000 = np.datetime64("2000-01-01T12:00:00", "us")
_US_PER_CENTURY = 36525.0 * 86400.0 * 1e6


def _one(value: Any, name: str) -> np.datetime64:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return np.datetime64(value, "us")
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            raise InputError(name, value, "a date and time")
        return value.astype("datetime64[us]")
    if isinstance(value, str):
        text = value.strip().replace(" ", "T").removesuffix("Z")
        try:
            return np.datetime64(text, "us")
        except ValueError:
            pass
    raise InputError(
        name, value,
        'a date and time such as "2027-06-21T12:00:00" (UTC), a datetime or a numpy datetime64',
    )


def to_datetime64(value: Any, name: str = "time") -> np.ndarray:
    """Any accepted time (or array of them) as a ``datetime64[us]`` array (0-d for a scalar)."""
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.datetime64):
        out = value.astype("datetime64[us]")
        if np.any(np.isnat(out)):
            raise InputError(name, value, "dates and times (no NaT)")
        return out
    if isinstance(value, (list, tuple, np.ndarray)):
        return np.array([_one(v, name) for v in np.ravel(np.asarray(value, dtype=object))],
                        dtype="datetime64[us]").reshape(np.shape(value))
    return np.array(_one(value, name), dtype="datetime64[us]")


def julian_centuries_j2000(value: Any, name: str = "time") -> np.ndarray:
    """Julian centuries of 36525 days since J2000.0 (2000-01-01 12:00), float64."""
    t = to_datetime64(value, name)
    return (t - J2000).astype("timedelta64[us]").astype(np.float64) / _US_PER_CENTURY
