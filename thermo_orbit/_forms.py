"""Evaluation kernels of the property forms of materials/README.md that need more than a formula:
``table`` (monotone cubic), ``coolprop`` (tabulated CoolProp) and ``piecewise``.

Piecewise temperature properties: one cited correlation or table per temperature segment.

A property that no single source covers over the temperatures a design needs is entered as
``form = "piecewise"`` with ``segments``, each segment a complete cited entry (its own form,
source, ``ref``, range and uncertainty; see materials/README.md).  The segments are contiguous
and do not overlap; a temperature takes the segment whose range holds it, the upper one at a
shared boundary, so each value comes from exactly one source: no blending.  The property may
therefore step at a boundary where the sources disagree; the step is the sources' disagreement,
stated in the data file.
"""

from __future__ import annotations

import itertools

import numpy as np
from numba import njit

from .units import Q_

__all__ = ["table_interpolator", "coolprop_table", "check_contiguous", "segment_index", "piecewise_si", "to_kelvin",
           "from_kelvin", "FORM_CODES", "property_program", "property_jit", "property_array"]

#: two segment limits closer than this [K] are the same boundary (range units convert inexactly)
BOUNDARY_TOLERANCE_K = 1e-6


def check_contiguous(ranges_K: list[tuple[float, float]], where: str) -> str | None:
    """Why the segment ranges [K] are not contiguous in increasing order, or None if they are."""
    for i, ((_, hi), (lo, _)) in enumerate(itertools.pairwise(ranges_K)):
        if abs(hi - lo) > BOUNDARY_TOLERANCE_K:
            kind = "overlap" if lo < hi else "gap"
            return (f"{where}: segments {i + 1} and {i + 2} leave a {kind} between {hi:.6g} K and "
                    f"{lo:.6g} K (segments must be in increasing order and share their boundary)")
    return None


def segment_index(lower_limits_K: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Index of the segment for each temperature ``T`` [K]: the last segment whose lower limit
    is at or below ``T`` (the upper segment at a shared boundary); below the first segment the
    first, above the last the last (the caller checks the validity range)."""
    idx = np.searchsorted(np.asarray(lower_limits_K, dtype=np.float64),
                          np.asarray(T, dtype=np.float64) + BOUNDARY_TOLERANCE_K, side="right") - 1
    return np.clip(idx, 0, len(lower_limits_K) - 1)


def piecewise_si(segments, T) -> np.ndarray:
    """Property in SI units at temperatures ``T`` [K]: each temperature from its own segment's
    ``si`` kernel (float64 arrays in and out, any shape)."""
    T = np.asarray(T, dtype=np.float64)
    flat = np.atleast_1d(T).ravel()
    idx = segment_index([s.range_K[0] for s in segments], flat)
    out = np.empty_like(flat)
    for i, seg in enumerate(segments):
        mask = idx == i
        if np.any(mask):
            out[mask] = seg.si(flat[mask])
    return out.reshape(T.shape)


_COOLPROP_TABLES: dict = {}
_TABLE_INTERPOLATORS: dict = {}


def table_interpolator(prop):
    """Monotone cubic (PCHIP) through a tabulated property, built once per property."""
    key = (prop.material, prop.name, prop.range_K, tuple(prop.params["x"]))
    if key not in _TABLE_INTERPOLATORS:
        from scipy.interpolate import PchipInterpolator

        _TABLE_INTERPOLATORS[key] = PchipInterpolator(prop.params["x"], prop.params["y"], extrapolate=True)
    return _TABLE_INTERPOLATORS[key]


def coolprop_table(prop):
    """A monotone cubic through CoolProp values at 2 K spacing over the validity range,
    built once per property: vectorised and fast; within 2e-5 relative of CoolProp
    (checked in the tests).  Outside the range it extrapolates like the other forms."""
    key = (prop.material, prop.name)
    if key not in _COOLPROP_TABLES:
        from scipy.interpolate import PchipInterpolator

        lo, hi = prop.range_K
        grid = np.linspace(lo, hi, max(int((hi - lo) / 2.0) + 1, 8))
        _COOLPROP_TABLES[key] = PchipInterpolator(grid, _coolprop(prop.params, grid), extrapolate=True)
    return _COOLPROP_TABLES[key]


def _coolprop(p: dict, T: np.ndarray) -> np.ndarray:
    from CoolProp.CoolProp import PropsSI

    flat = np.atleast_1d(T).ravel()
    if p["pressure"] == "sat":
        vals = [PropsSI(p["output"], "T", t, "Q", 0, p["fluid"]) for t in flat]
    else:
        P = p["_pressure_Pa"]
        vals = [PropsSI(p["output"], "T", t, "P", P, p["fluid"]) for t in flat]
    return np.asarray(vals, dtype=np.float64).reshape(np.shape(T))


def to_kelvin(x: np.ndarray, unit: str) -> np.ndarray:
    """A temperature ``x`` in a form's ``unit`` (K, degC or any pint temperature) in kelvin."""
    return x + 273.15 if unit == "degC" else Q_(x, unit).to("K").magnitude


def from_kelvin(T: np.ndarray, unit: str) -> np.ndarray:
    """A temperature ``T`` [K] in a form's ``unit`` (the unit its correlation expects)."""
    if unit == "K":
        return T
    if unit == "degC":
        return T - 273.15
    return Q_(T, "K").to(unit).magnitude


# ---------------------------------------------------------------- compiled property programs

#: form code of each form in a compiled program (table and coolprop: monotone cubics)
FORM_CODES = {"polynomial": 0, "arrhenius": 1, "critical_density": 2, "table": 3, "coolprop": 3}
_PROGRAMS: dict = {}


def _affine_from_kelvin(unit: str) -> tuple[float, float]:
    """(s, o) with x = s T + o the temperature T [K] in ``unit`` (exactly ``from_kelvin``
    for K and degC)."""
    if unit == "K":
        return 1.0, 0.0
    if unit == "degC":
        return 1.0, -273.15
    o = float(from_kelvin(np.float64(0.0), unit))
    return float(from_kelvin(np.float64(1.0), unit)) - o, o


def _segment_params(prop) -> tuple[int, tuple[float, float], list[float]]:
    """(form code, affine map from kelvin, parameters) of one non-piecewise property."""
    p, form = prop.params, prop.form
    if form == "polynomial":
        c = p["coefficients"]
        powers = p.get("powers", list(range(len(c))))
        return 0, _affine_from_kelvin(prop.x_unit), [float(v) for pair in zip(c, powers) for v in pair]
    if form == "arrhenius":
        return 1, _affine_from_kelvin(prop.x_unit), [float(p["A"]), float(p.get("n", 0.0)), float(p["B"])]
    if form == "critical_density":
        return 2, _affine_from_kelvin(prop.x_unit), [float(p[k]) for k in ("rho_c", "f", "g", "h", "Tc")]
    interp = coolprop_table(prop) if form == "coolprop" else table_interpolator(prop)
    affine = (1.0, 0.0) if form == "coolprop" else _affine_from_kelvin(prop.x_unit)
    m = interp.c.shape[1]
    return 3, affine, [float(m), *np.asarray(interp.x, dtype=np.float64), *np.ravel(interp.c)]


def property_program(props) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The temperature properties ``props`` (each a form of materials/README.md, piecewise
    or not) as one program for :func:`property_jit`: ``header`` (first segment, number of
    segments) per property, ``segments`` rows (lower limit [K], form code, x = s T + o: s
    and o, scale to SI, first parameter, number of parameters) and the ``parameters``.
    Built once per tuple of properties."""
    key = tuple(id(p) for p in props)
    if key not in _PROGRAMS:
        header, rows, params = [], [], []
        for prop in props:
            segs = prop.params["segments"] if prop.form == "piecewise" else (prop,)
            header.append((len(rows), len(segs)))
            for seg in segs:
                code, (s, o), par = _segment_params(seg)
                rows.append((seg.range_K[0], code, s, o, seg.scale, len(params), len(par)))
                params += par
        _PROGRAMS[key] = (np.array(header, dtype=np.int64), np.array(rows, dtype=np.float64),
                          np.array(params, dtype=np.float64), props)  # props kept: their ids stay theirs
    return _PROGRAMS[key][:3]


@njit(cache=True, error_model="numpy", inline="always")
def _power(x, e):
    """x**e, by multiplication for the whole exponents −2 to 3 of the correlations."""
    if e == 0.0:
        return 1.0
    if e == 1.0:
        return x
    if e == 2.0:
        return x * x
    if e == 3.0:
        return x * x * x
    if e == -1.0:
        return 1.0 / x
    if e == -2.0:
        return 1.0 / (x * x)
    return x**e


@njit(cache=True, error_model="numpy", inline="always")
def _pchip_jit(x, params, p):
    """A monotone cubic stored as scipy's PPoly (breakpoints, then c[k, i] row by row) at x,
    summed in scipy's order (``evaluate_poly1``); the end pieces extrapolate."""
    m = int(params[p])
    xs = p + 1
    lo, hi = 0, m - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if params[xs + mid] <= x:
            lo = mid
        else:
            hi = mid - 1
    s = x - params[xs + lo]
    c = xs + m + 1 + lo
    res, z = 0.0, 1.0
    for kp in range(4):
        res = res + params[c + (3 - kp) * m] * z
        z *= s
    return res


@njit(cache=True, error_model="numpy", inline="always")
def property_jit(k, T, header, segments, params):
    """Property ``k`` of a :func:`property_program` at T [K], in SI units, compiled (numba):
    the segment whose lower limit is at or below T (the upper one at a shared boundary,
    as :func:`segment_index`), its form evaluated as in ``TemperatureProperty.si``."""
    j = header[k, 0]
    for jj in range(header[k, 0] + 1, header[k, 0] + header[k, 1]):
        if segments[jj, 0] <= T + BOUNDARY_TOLERANCE_K:
            j = jj
    code, x, p, n = int(segments[j, 1]), segments[j, 2] * T + segments[j, 3], int(segments[j, 5]), int(segments[j, 6])
    if code == 0:
        y = 0.0
        for i in range(0, n, 2):
            y += params[p + i] * _power(x, params[p + i + 1])
    elif code == 1:
        y = params[p] * _power(x, params[p + 1]) * np.exp(params[p + 2] / x)
    elif code == 2:
        tau = 1.0 - x / params[p + 4]
        y = params[p] + params[p + 1] * tau + params[p + 2] * np.abs(tau) ** params[p + 3]
    else:
        y = _pchip_jit(x, params, p)
    return y * segments[j, 4]


@njit(cache=True, error_model="numpy")
def _program_array(k, T, header, segments, params):
    out = np.empty(T.size)
    for i in range(T.size):
        out[i] = property_jit(k, T[i], header, segments, params)
    return out


def property_array(program, k: int, T) -> np.ndarray:
    """Property ``k`` of ``program`` (:func:`property_program`) at temperatures ``T`` [K]
    (any shape), in SI units."""
    T = np.asarray(T, dtype=np.float64)
    return _program_array(k, T.ravel(), *program).reshape(T.shape)
