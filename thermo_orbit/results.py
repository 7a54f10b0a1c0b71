"""JSON form of results: every Quantity as ``{"value": number, "unit": "string"}``.

Non-finite numbers (a radiator colder than its sink has no finite area) become ``null``:
no NaN or Infinity ever reaches a report.  Units are pint's compact form, which reads back
(``Q_(value, unit)``).
"""

from __future__ import annotations

import math
from dataclasses import fields, is_dataclass
from typing import Any

import numpy as np

__all__ = ["to_json_value", "ResultMixin"]


def _unit(q) -> str:
    from .units import unit_text

    return unit_text(q.units)


def to_json_value(v: Any) -> Any:
    """A result value in JSON-ready form (Quantities, arrays, dataclasses, dicts, lists)."""
    if hasattr(v, "units"):
        mag = np.asarray(v.magnitude, dtype=np.float64)
        if mag.ndim == 0:
            return {"value": float(mag) if np.isfinite(mag) else None, "unit": _unit(v)}
        return {"value": [float(x) if np.isfinite(x) else None for x in mag.ravel()], "unit": _unit(v)}
    if hasattr(v, "to_dict"):
        return v.to_dict()
    if isinstance(v, dict):
        return {k: to_json_value(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [to_json_value(x) for x in v]
    if isinstance(v, np.ndarray):
        return [to_json_value(x) for x in v.tolist()]
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v) if math.isfinite(v) else None
    return v


class ResultMixin:
    """``to_dict()`` for frozen result dataclasses of Quantities."""

    def to_dict(self) -> dict:
        """Every field in JSON-ready form (see :func:`to_json_value`)."""
        assert is_dataclass(self)
        return {f.name: to_json_value(getattr(self, f.name)) for f in fields(self)}
