"""Whole-system sizing of many designs at once, on arrays.

:func:`size_batch` sizes a base design with fields changed per design and returns one
array per output (the paths of ``thermo-orbit size --json``).  It is the engine of the
sweeps and gives, row by row, what :func:`thermo_orbit.sizing.size` gives one design.

The fields in :data:`KERNEL_FIELDS` (rack, loop, tube, battery, margin and launch
numbers) enter only the system kernel and are varied as float64 arrays in one call.
Any other field (orbit, coolant, coating, cell, attitude...) changes the orbit over the
year, the worst sinks or the array temperature: designs sharing those values form a
group, prepared once (about 25 ms) and then sized together through the kernel.

A design whose values cannot be combined (tube pitch inside the tube, an impossible
sun-synchronous altitude, one battery with redundancy) is an answer, not an error: its
row has ``feasible`` False and the binding constraint ``invalid_input``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pint

from ..constraints import BINDING_NAMES, Constraint, reasons_of
from ..errors import InputError
from ..units import Q_
from .context import prepare
from .design import Design
from .evaluate import evaluate_si
from .fields import FIELDS, MATERIAL_FIELDS
from .inputs import KERNEL_FIELDS
from .outputs import OUTPUTS

__all__ = ["KERNEL_FIELDS", "OUTPUTS", "BINDING_NAMES", "size_batch", "size_columns", "column_values", "binding_names",
           "flag_reasons", "checked_columns", "batch_quantities"]


def binding_names(codes) -> np.ndarray:
    """Binding-constraint names for an array of codes (indices into :data:`BINDING_NAMES`)."""
    return np.asarray(BINDING_NAMES, dtype=object)[np.asarray(codes, dtype=np.int64)]


def flag_reasons(flags: int) -> list[str]:
    """The reasons a design failed, from its ``flags`` bitmask (:mod:`thermo_orbit.constraints`)."""
    return reasons_of(flags)


def _magnitudes(path: str, unit: str, values: Any) -> np.ndarray:
    """Quantities (an array or a list of them) as magnitudes in ``unit``, naming the field."""
    if isinstance(values, pint.Quantity):
        try:
            return np.asarray(values.to(unit).magnitude, dtype=np.float64)
        except pint.DimensionalityError:
            raise InputError(path, str(values.units), f"a quantity in {unit}",
                             f"{path}: expected values in {unit}, got {values.units}") from None
    items = [values] if isinstance(values, str) else list(np.atleast_1d(values))
    if not all(isinstance(x, pint.Quantity) for x in items):
        raise InputError(path, values, f"quantities in {unit}",
                         f'{path}: give quantities with units, e.g. Q_([1, 2], "{unit}")')
    return np.array([x.to(unit).magnitude for x in items], dtype=np.float64)


def column_values(path: str, values: Any, n: int | None = None, item: str = "design") -> np.ndarray:
    """A changed field's values as an array: magnitudes in the field's unit for quantities,
    Python objects for text, bool and int; checked by the field's own check
    (:meth:`thermo_orbit.system.fields.Field.check`: unit, range, choices, the field path in
    every message) and, for a material field, against the database."""
    field = FIELDS.get(path)
    if field is None or path in ("name", "description"):
        raise InputError(path, None, "a design field", f"{path}: not a design field that can be varied")
    if field.unit is not None:
        if field.fraction_of and getattr(values, "dimensionless", False):
            raise InputError(path, values, f"quantities in {field.unit}",
                             f"{path}: in a batch give quantities in {field.unit} (a fraction of "
                             f"{field.fraction_of} is a design-file form), e.g. Q_([20, 60], \"{field.unit}\")")
        return field.check(_magnitudes(path, field.unit, values), item)
    arr = field.check(list(values), item)
    if path in MATERIAL_FIELDS:
        from .. import materials as mat

        for x in dict.fromkeys(arr.tolist()):
            try:
                mat.material(MATERIAL_FIELDS[path], x)
            except InputError as err:
                raise InputError(path, x, err.expected, f"{path}: {err}") from None
    return arr


def size_batch(design: Design, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Size ``design`` with fields changed per design, all designs at once.

    Parameters
    ----------
    design : Design
        The base design: every field not in ``changes`` keeps its value.
    changes : mapping
        Field path → values, one per design, all of the same length: a Quantity array
        (``Q_([100, 150], "kW")``) or a list of Quantities for a quantity field; a list
        of text, bools or whole numbers otherwise.

    Returns
    -------
    dict
        Output path (:data:`OUTPUTS`) → Quantity array in its unit, plus ``feasible``
        (bool array), ``binding_constraint`` (array of names) and ``flags`` (int bitmask,
        decoded by :func:`flag_reasons`).  Row ``i`` equals ``size()`` of design ``i``
        to 1e-9 relative (a test shows it).

    >>> from thermo_orbit import load_design, default_design_path
    >>> r = size_batch(load_design(default_design_path()), {"rack.power": Q_([100, 150], "kW")})
    >>> r["mass.total"].units
    <Unit('kilogram')>
    """
    return batch_quantities(size_columns(design, checked_columns(design, changes)))


def checked_columns(design: Design, changes: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """The ``changes`` of :func:`size_batch` as checked arrays (:func:`column_values`), all of
    one length; InputError naming the field otherwise."""
    if not isinstance(design, Design):
        raise InputError("design", type(design).__name__, "a Design (thermo_orbit.load_design)")
    lengths = {}
    columns = {}
    for path, values in changes.items():
        columns[path] = column_values(path, values, None)
        lengths[path] = len(columns[path])
    if len(set(lengths.values())) > 1:
        raise InputError("changes", lengths, "columns of one length",
                         "changes: every field needs one value per design; lengths " +
                         ", ".join(f"{k}={v}" for k, v in lengths.items()))
    return columns


def batch_quantities(out: dict, units: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The columns of :func:`size_columns` as :func:`size_batch` returns them: ``feasible``,
    ``flags``, ``binding_constraint`` names, and each output of :data:`OUTPUTS` (and of
    ``units``, path → unit) a Quantity array; other columns (text) as they are."""
    out = dict(out)
    result: dict[str, Any] = {"feasible": out.pop("feasible"), "flags": out.pop("flags"),
                              "binding_constraint": binding_names(out.pop("binding_constraint"))}
    all_units = {**OUTPUTS, **(units or {})}
    for path, val in out.items():
        result[path] = Q_(val, all_units[path]) if path in all_units else val
    return result


def size_columns(design: Design, columns: Mapping[str, np.ndarray], cache: dict | None = None,
                 n: int | None = None, invalid_reasons: dict | None = None) -> dict[str, np.ndarray]:
    """:func:`size_batch` on plain arrays: ``columns`` maps field paths to magnitudes in
    the field's unit (object arrays for text, bool and int fields), already validated;
    returns plain arrays in the units of :data:`OUTPUTS` (NaN where a value does not
    exist, e.g. the area of a radiator colder than its sink), ``binding_constraint`` as
    codes.  ``cache`` keeps prepared groups between calls (the sweep's chunks);
    ``invalid_reasons``, when given, collects why groups of designs were invalid (message
    → number of designs)."""
    if n is None:
        n = len(next(iter(columns.values()))) if columns else 1
    group_paths = sorted(p for p in columns if p not in KERNEL_FIELDS)
    if group_paths:
        codes = []
        uniques = []
        for p in group_paths:
            u, inv = np.unique(np.asarray(columns[p]).astype(str) if columns[p].dtype == object else columns[p],
                               return_inverse=True)
            codes.append(inv.ravel())
            uniques.append(u)
        keys, group = np.unique(np.stack(codes, axis=1), axis=0, return_inverse=True)
        group = group.ravel()
    else:
        keys, group = np.zeros((1, 0), dtype=np.int64), np.zeros(n, dtype=np.int64)
    out = {path: np.full(n, np.nan) for path in OUTPUTS}
    out["feasible"] = np.zeros(n, dtype=bool)
    out["flags"] = np.zeros(n, dtype=np.int64)
    out["binding_constraint"] = np.full(n, BINDING_NAMES.index("invalid_input"), dtype=np.int8)
    invalid: dict[str, int] = {}
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(len(keys) + 1))
    base_key = _design_key(design) if cache is not None else None
    for g in range(len(keys)):
        rows = order[bounds[g]:bounds[g + 1]]
        if rows.size == 0:
            continue
        first = rows[0]
        fixed = {p: columns[p][first] for p in group_paths}
        key = (base_key, *((p, fixed[p]) for p in group_paths))
        try:  # a group that cannot be sized (bad combination, a coolant without data) is invalid rows
            ctx = _group_context(design, fixed, key, cache)
            v = dict(ctx.v)
            for p, col in columns.items():
                if p in KERNEL_FIELDS:
                    val = col[rows]
                    v[p] = val if FIELDS[p].unit is None else Q_(val, FIELDS[p].unit)
            res, sized = evaluate_si(v, ctx, rows.size)
            for text, count in sized.why_invalid.items():
                invalid[text] = invalid.get(text, 0) + count
        except InputError as err:
            out["flags"][rows] = Constraint.INVALID_INPUT
            text = "; ".join(str(q) for q in getattr(err, "problems", [err]))
            invalid[text] = invalid.get(text, 0) + rows.size
            continue
        for k, val in res.items():
            out[k][rows] = val
    if invalid_reasons is not None:
        invalid_reasons.update(invalid)
    return out


def _design_key(design: Design) -> str:
    """A fingerprint of a base design's values: prepared groups of different base designs
    never share a cache entry."""
    import hashlib
    import json

    text = json.dumps(design.table, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _group_context(design: Design, fixed: dict, key, cache: dict | None):
    """The prepared context of the base design with the group's fields set (cached)."""
    if cache is not None and key in cache:
        ctx = cache[key]
        if isinstance(ctx, InputError):
            raise ctx
        return ctx
    try:
        changes = {p: (Q_(float(val), FIELDS[p].unit) if FIELDS[p].unit is not None else val)
                   for p, val in fixed.items()}
        d = design.with_fields(changes) if changes else design
        ctx = prepare(d)
    except InputError as err:
        if cache is not None:
            cache[key] = err
        raise
    if cache is not None:
        if len(cache) > 4096:
            cache.pop(next(iter(cache)))
        cache[key] = ctx
    return ctx
