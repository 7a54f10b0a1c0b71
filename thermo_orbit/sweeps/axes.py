"""The axes of a sweep spec: one design field each, with listed values, a range of
points or bounds to sample within (:mod:`thermo_orbit.sweeps.spec` reads the whole spec).

Every value and bound passes the design's own field check
(:func:`thermo_orbit.batch.column_values`: unit, range, choices, database names), so an
axis accepts what a design file accepts, and a problem is named by its place in the spec
(``axis[1].range``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import numpy as np
import pint

from ..batch import column_values
from ..design import FIELDS
from ..errors import InputError
from ..units import Q_, parse_quantity

__all__ = ["Axis", "parse_axis", "quantity_in", "unknown_keys", "SAMPLERS", "SPACINGS"]

#: the choices of ``axis.sample`` and ``axis.spacing``
SAMPLERS = ("lhs", "random")
SPACINGS = ("linear", "log")
_AXIS_KEYS = {"field", "values", "range", "count", "spacing", "sample", "bounds"}


def unknown_keys(where: str, table: dict, known) -> list[InputError]:
    """A problem for each key of the spec table ``where`` that is not one of ``known``."""
    return [InputError(f"{where}.{key}", table[key], "a known key",
                       f"{where}.{key}: unknown key (known: {', '.join(sorted(known))})")
            for key in table if key not in known]


@dataclass(frozen=True)
class Axis:
    """One axis: ``kind`` is "values" (explicit or a range, on the grid) or "sample"."""

    field: str
    kind: str
    values: Any = None  #: grid values: magnitudes in the field's unit, or objects
    low: float | None = None  #: sampled axes: bounds in the field's unit
    high: float | None = None
    spacing: str = "linear"
    sampler: str = "lhs"

    @property
    def unit(self) -> str | None:
        """The field's unit (its values are magnitudes in it); None for text, bool, int."""
        return FIELDS[self.field].unit

    def __len__(self) -> int:
        return len(self.values) if self.kind == "values" else 0


def quantity_in(text: Any, unit: str | None, where: str, problems: list) -> float | None:
    """``text`` ("5 K", as a spec writes a quantity) as a magnitude in ``unit``; None when
    it is not one (the problem is appended to ``problems``, named ``where``)."""
    try:
        q = parse_quantity(text) if isinstance(text, str) else None
        if q is None:
            raise ValueError
        return float(q.to(unit).magnitude)
    except (ValueError, pint.DimensionalityError, pint.errors.UndefinedUnitError):
        problems.append(InputError(where, text, f"a quantity in {unit}",
                                   f"{where}: expected a quantity in {unit} written as a string, got {text!r}"))
        return None


def _field_of(where: str, path: Any, problems: list):
    """The design field an axis names, or None (the problem recorded, with the closest name)."""
    fld = FIELDS.get(path) if isinstance(path, str) else None
    if fld is None or path in ("name", "description"):
        close = difflib.get_close_matches(str(path), FIELDS.keys(), n=1, cutoff=0.6)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        problems.append(InputError(f"{where}.field", path, "a design field", f"{where}.field: {path!r} is not a "
                                   f"design field{hint}"))
        return None
    return fld


def _values_axis(raw: dict, fld, where: str, problems: list) -> Axis | None:
    """An axis of listed values, each checked by the field's own check."""
    vals = raw["values"]
    if not isinstance(vals, list) or not vals:
        raise InputError(f"{where}.values", vals, "a non-empty list")
    if fld.unit is None:
        return Axis(fld.path, "values", values=column_values(fld.path, vals, None, "value"))
    mags = [quantity_in(x, fld.unit, f"{where}.values", problems) for x in vals]
    if any(m is None for m in mags):
        return None
    return Axis(fld.path, "values", values=column_values(fld.path, Q_(np.array(mags), fld.unit), None, "value"))


def _range_axis(raw: dict, fld, where: str, problems: list) -> Axis | None:
    """``count`` points from ``range[0]`` to ``range[1]``, linear or log (whole numbers for
    an int field, repeated points dropped)."""
    rng = raw["range"]
    if fld.unit is None and fld.kind is not int:
        raise InputError(f"{where}.range", rng, "values (a range needs a numeric field)",
                         f"{where}.range: {fld.path} is not numeric; list its values instead")
    count = raw.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1 or count > 10**7:
        raise InputError(f"{where}.count", count, "a whole number from 1 to 10^7")
    lo, hi, spacing = _interval(raw, "range", fld, where, problems)
    if lo is None:
        return None
    pts = np.geomspace(lo, hi, count) if spacing == "log" else np.linspace(lo, hi, count)
    if fld.unit is None:  # whole numbers
        pts = np.unique(np.round(pts).astype(np.int64))
        return Axis(fld.path, "values", values=column_values(fld.path, [int(x) for x in pts], None))
    return Axis(fld.path, "values", values=column_values(fld.path, Q_(pts, fld.unit), None), spacing=spacing)


def _sample_axis(raw: dict, fld, where: str, problems: list) -> Axis | None:
    """An axis sampled between ``bounds`` (Latin hypercube or uniform random)."""
    sampler = raw["sample"]
    if sampler not in SAMPLERS:
        raise InputError(f"{where}.sample", sampler, " or ".join(f'"{s}"' for s in SAMPLERS))
    if fld.unit is None:
        raise InputError(f"{where}.sample", fld.path, "a quantity field (sample text or whole-number fields with "
                         "values)", f"{where}.sample: {fld.path} is not a quantity; give its values instead")
    lo, hi, spacing = _interval(raw, "bounds", fld, where, problems)
    if lo is None:
        return None
    if not lo < hi:
        raise InputError(f"{where}.bounds", raw["bounds"], "low < high")
    return Axis(fld.path, "sample", low=lo, high=hi, spacing=spacing, sampler=sampler)


_AXIS_KINDS = {"values": _values_axis, "range": _range_axis, "sample": _sample_axis}


def parse_axis(i: int, raw: Any, problems: list) -> Axis | None:
    """Axis ``i`` of a spec from its ``[[axis]]`` table ``raw``, or None when it is wrong
    (every problem appended to ``problems``, named ``axis[i].key``)."""
    where = f"axis[{i}]"
    if not isinstance(raw, dict):
        problems.append(InputError(where, raw, "a table with field and values, range or sample"))
        return None
    problems.extend(unknown_keys(where, raw, _AXIS_KEYS))
    path = raw.get("field")
    fld = _field_of(where, path, problems)
    if fld is None:
        return None
    kinds = [k for k in _AXIS_KINDS if k in raw]
    if len(kinds) != 1:
        problems.append(InputError(where, path, "exactly one of values, range or sample",
                                   f"{where} ({path}): give exactly one of values, range or sample"))
        return None
    try:
        return _AXIS_KINDS[kinds[0]](raw, fld, where, problems)
    except InputError as err:
        if not err.field.startswith("axis["):
            err = InputError(f"{where}.{err.field}" if "." not in err.field or err.field == path else err.field,
                             err.value, err.expected, f"{where}: {err}")
        problems.append(err)
        return None


def _interval(raw: dict, key: str, fld, where: str, problems: list) -> tuple:
    """(low, high, spacing) of an axis's ``range`` or ``bounds`` in the field's unit;
    (None, None, spacing) when a bound is wrong (the problem is recorded).  The bounds
    pass the field's own check (:func:`thermo_orbit.batch.column_values`)."""
    pair = raw.get(key)
    if not isinstance(pair, list) or len(pair) != 2:
        raise InputError(f"{where}.{key}", pair, "[low, high]")
    spacing = raw.get("spacing", "linear")
    if spacing not in SPACINGS:
        raise InputError(f"{where}.spacing", spacing, " or ".join(SPACINGS))
    lo, hi = (_bound(x, fld, f"{where}.{key}", problems) for x in pair)
    if lo is None or hi is None:
        return None, None, spacing
    try:
        ends = Q_(np.array([lo, hi]), fld.unit) if fld.unit is not None else [int(lo), int(hi)]
        column_values(fld.path, ends, None, key)
    except InputError as err:
        problems.append(InputError(f"{where}.{key}", pair, err.expected, f"{where}.{key}: {err}"))
        return None, None, spacing
    if spacing == "log" and min(lo, hi) <= 0:
        raise InputError(f"{where}.{key}", pair, "positive bounds for log spacing")
    return lo, hi, spacing


def _bound(x: Any, fld, where: str, problems: list) -> float | None:
    """One bound as a magnitude in the field's unit (a whole number for an int field)."""
    if fld.unit is None:
        if isinstance(x, bool) or not isinstance(x, int):
            problems.append(InputError(where, x, "whole numbers"))
            return None
        return float(x)
    return quantity_in(x, fld.unit, where, problems)
