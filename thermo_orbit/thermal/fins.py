"""The radiating fin between the tubes of a radiator panel: its profile number and its
efficiency from the first integral of the radiating-fin equation (Lieblein 1959, NASA
TN D-196), exact and by a shipped table of the exact solution; and the net heat a finned
panel exchanges with its environment (:func:`panel_net_flux_si`), the one radiating-fin
model of the steady loop sizing and the orbit transient.

References
----------
1. Lieblein, S., *Analysis of temperature distribution and radiant heat transfer along a
   rectangular fin of constant thickness*, NASA TN D-196, 1959.
2. Lienhard IV, J. H. and Lienhard V, J. H., *A Heat Transfer Textbook*, 5th ed., 2019,
   Sec. 4.5 (fins).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from numba import njit

from ..constants import STEFAN_BOLTZMANN
from ..errors import InputError, OutOfRangeError
from ..units import Q_, check_fraction, check_positive, check_range, quantity, si_value  # noqa: F401 (Q_ in doctests)

__all__ = ["fin_efficiency", "fin_profile_number", "fin_efficiency_si", "fin_efficiency_exact_si", "profile_number_si",
           "build_fin_table", "TABLE_FILE", "fin_table", "fin_quadrature", "fin_efficiency_jit",
           "fin_efficiency_exact_jit", "profile_number_jit", "panel_net_flux_si", "panel_net_flux",
           "panel_net_flux_jit"]

_SIGMA = STEFAN_BOLTZMANN.si

_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(48)
_U = 0.5 * (_GL_NODES + 1.0)
_W = 0.5 * _GL_WEIGHTS
_jit = njit(cache=True, error_model="numpy")


def _G(theta, theta_tip, theta_s):
    return (theta**5 - theta_tip**5) / 5.0 - theta_s**4 * (theta - theta_tip)


_G_jit = njit(cache=True, error_model="numpy", inline="always")(_G)


@_jit
def _profile_length_jit(theta_tip, theta_s, nodes, weights):
    """N(θ_tip) = ∫_{θ_tip}^{1} dθ/√G(θ), with θ = θ_tip + (1 − θ_tip)u² removing the
    inverse-square-root singularity at the tip (48-point Gauss–Legendre)."""
    span = 1.0 - theta_tip
    total = 0.0
    for k in range(nodes.size):
        g = _G_jit(theta_tip + span * nodes[k] ** 2, theta_tip, theta_s)
        total += 2.0 * span * nodes[k] / np.sqrt(max(g, 1e-300)) * weights[k]
    return total


@_jit
def fin_efficiency_exact_jit(N, theta_s, nodes, weights, iterations=48):
    """:func:`fin_efficiency_exact_si` of one N and θ_s [dimensionless], compiled (numba);
    ``nodes`` and ``weights`` are the Gauss–Legendre rule on [0, 1] (:func:`fin_quadrature`)."""
    if N <= 0.0:
        return 1.0
    # bisection on s in θ_tip = θ_s + (1 − θ_s) s, in log space: N(s) falls from ∞ to 0 as s: 0 → 1
    lo, hi = -40.0, 0.0
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        if _profile_length_jit(theta_s + (1.0 - theta_s) * np.exp(mid), theta_s, nodes, weights) > N:
            lo = mid
        else:
            hi = mid
    tip = theta_s + (1.0 - theta_s) * np.exp(0.5 * (lo + hi))
    eta = 2.0 * np.sqrt(_G_jit(1.0, tip, theta_s)) / (N * (1.0 - theta_s**4))
    return min(max(eta, 0.0), 1.0) if eta == eta else eta


def fin_quadrature() -> tuple[np.ndarray, np.ndarray]:
    """(nodes, weights), dimensionless, of the 48-point Gauss–Legendre rule on [0, 1] that
    the exact fin solution (Lieblein 1959) integrates with: arguments of the compiled kernels."""
    return _U, _W


def fin_efficiency_exact_si(N, theta_s, iterations: int = 48):
    """Efficiency [dimensionless] of a straight radiating fin of constant thickness with an
    adiabatic tip, for the profile number N and sink ratio θ_s [dimensionless] (Lieblein 1959).

    The fin equation k t T'' = n ε σ (T⁴ − T_s⁴) has the first integral
    T'² = (2nεσ/kt)[(T⁵ − T_tip⁵)/5 − T_s⁴(T − T_tip)] (Lieblein 1959).  In θ = T/T_b the
    profile number N = L √(2nεσT_b³/(kt)) = ∫_{θ_tip}^{1} dθ/√G and the efficiency
    η = q/q_ideal = 2√G(1)/(N (1 − θ_s⁴)).  θ_tip is found by bisection."""
    N, theta_s = np.broadcast_arrays(np.asarray(N, dtype=np.float64), np.asarray(theta_s, dtype=np.float64))
    return _exact_array(N.ravel(), theta_s.ravel(), _U, _W, iterations).reshape(N.shape)


@_jit
def _exact_array(N, theta_s, nodes, weights, iterations):
    out = np.empty(N.size)
    for i in range(N.size):
        out[i] = fin_efficiency_exact_jit(N[i], theta_s[i], nodes, weights, iterations)
    return out


_TABLE_SQRT_N = np.linspace(0.0, np.sqrt(50.0), 321)
_TABLE_THETA = np.linspace(0.0, 0.95, 96)
TABLE_FILE = Path(__file__).resolve().parent / "fin_efficiency_table.npy"


def build_fin_table() -> np.ndarray:
    """η [dimensionless] of the exact solution (Lieblein 1959) on the (√N, θ_s) grid,
    float32 (about 3 s).  Written by
    ``python -m thermo_orbit.thermal.fins`` to ``fin_efficiency_table.npy``, which
    ships with the package; a test checks the shipped table against the exact solution."""
    NN, TT = np.meshgrid(_TABLE_SQRT_N[1:] ** 2, _TABLE_THETA, indexing="ij")
    eta = fin_efficiency_exact_si(NN, TT)
    return np.vstack([np.ones((1, _TABLE_THETA.size)), eta]).astype(np.float32)


@lru_cache(maxsize=1)
def fin_table() -> np.ndarray:
    """The shipped table of the exact fin efficiency (:func:`build_fin_table`) as float64,
    (√N, θ_s) on a 321 × 96 grid: the argument ``table`` of :func:`fin_efficiency_jit`."""
    try:
        table = np.load(TABLE_FILE)
        if table.shape == (_TABLE_SQRT_N.size, _TABLE_THETA.size):
            return table.astype(np.float64)
    except (OSError, ValueError):
        pass
    return build_fin_table().astype(np.float64)


_STEP_SQRT_N = float(_TABLE_SQRT_N[1] - _TABLE_SQRT_N[0])
_STEP_THETA = float(_TABLE_THETA[1] - _TABLE_THETA[0])


@njit(cache=True, error_model="numpy", inline="always")
def fin_efficiency_jit(N, theta_s, table, nodes, weights):
    """:func:`fin_efficiency_si` of one N and θ_s [dimensionless], compiled (numba):
    bilinear in (√N, θ_s) in ``table`` (:func:`fin_table`), the exact solution
    (Lieblein 1959) outside it."""
    x = np.sqrt(max(N, 0.0)) / _STEP_SQRT_N
    y = theta_s / _STEP_THETA
    nx, ny = table.shape
    if not (x <= nx - 1 and 0.0 <= y <= ny - 1):
        return fin_efficiency_exact_jit(N, theta_s, nodes, weights)
    i = min(max(int(np.floor(x)), 0), nx - 2)
    j = min(max(int(np.floor(y)), 0), ny - 2)
    fx, fy = min(max(x - i, 0.0), 1.0), min(max(y - j, 0.0), 1.0)
    out = ((1 - fx) * (1 - fy) * table[i, j] + fx * (1 - fy) * table[i + 1, j]
           + (1 - fx) * fy * table[i, j + 1] + fx * fy * table[i + 1, j + 1])
    return min(max(out, 0.0), 1.0)


@_jit
def _table_array(N, theta_s, table, nodes, weights):
    out = np.empty(N.size)
    for i in range(N.size):
        out[i] = fin_efficiency_jit(N[i], theta_s[i], table, nodes, weights)
    return out


def fin_efficiency_si(N, theta_s):
    """Fast fin efficiency [dimensionless] (Lieblein 1959): bilinear interpolation in
    (√N, θ_s) of a 321 × 96 table of the
    exact solution (:func:`build_fin_table`); agrees with :func:`fin_efficiency_exact_si`
    to 2e-4 over 0 ≤ N ≤ 50, 0 ≤ θ_s ≤ 0.95 (tested).  Outside the table: the exact solution."""
    N, theta_s = np.broadcast_arrays(np.asarray(N, dtype=np.float64), np.asarray(theta_s, dtype=np.float64))
    return _table_array(N.ravel(), theta_s.ravel(), fin_table(), _U, _W).reshape(N.shape)


def _profile_number(L, t, k, eps, T_b, sides):
    return L * np.sqrt(2.0 * sides * eps * _SIGMA * T_b**3 / (k * t))


#: :func:`profile_number_si` of scalars, compiled (numba), for the compiled kernels
profile_number_jit = njit(cache=True, error_model="numpy", inline="always")(_profile_number)


def profile_number_si(L, t, k, eps, T_b, sides):
    """Kernel of :func:`fin_profile_number`: N = L √(2 n ε σ T_b³ / (k t)) [dimensionless]
    (Lieblein 1959) for L, t [m], k [W/(m·K)], T_b [K]."""
    return _profile_number(L, t, k, eps, T_b, sides)


def fin_profile_number(length, thickness, conductivity, emissivity, base_temperature, sides=2):
    """Radiating-fin profile number N = L √(2 n ε σ T_b³ / (k t)), [dimensionless].

    The parameter of the radiating-fin equation k t T'' = n ε σ (T⁴ − T_s⁴) (Lieblein
    1959, NASA TN D-196) in the form :func:`fin_efficiency` uses.

    Parameters
    ----------
    length : Quantity
        Fin length from the tube to the mid-line, [length].
    thickness : Quantity
        [length].
    conductivity : Quantity
        [W/(m·K)].
    emissivity : float
        [dimensionless].
    base_temperature : Quantity
        [temperature].
    sides : {1, 2}
    """
    L = si_value(length, "length", "m", 'Q_(5, "cm")')
    t = si_value(thickness, "thickness", "m", 'Q_(1, "mm")')
    k = si_value(conductivity, "conductivity", "W/(m*K)", 'Q_(167, "W/(m*K)")')
    eps = check_fraction(emissivity, "emissivity")
    Tb = check_positive(base_temperature, "base_temperature", "K", 'Q_(350, "K")')
    for x, name in ((L, "length"), (t, "thickness"), (k, "conductivity")):
        check_range(x, name, 0.0, None, "", low_inclusive=False)
    return quantity(profile_number_si(L, t, k, eps, Tb, float(sides)), "")


def fin_efficiency(length, thickness, conductivity, emissivity, base_temperature, sink_temperature, sides=2):
    """Efficiency of the straight radiating fin between two tubes (half the tube pitch
    minus the tube, adiabatic at the mid-line), radiating from ``sides`` faces to a sink.

    Exact solution through the first integral of k t T'' = n ε σ (T⁴ − T_s⁴)
    (Lieblein 1959, NASA TN D-196; Mackay 1963, ch. 9): with θ = T/T_b, θ_s = T_s/T_b and
    N = L √(2nεσT_b³/(kt)),

    .. math:: N = \\int_{\\theta_{tip}}^{1}\\frac{d\\theta}{\\sqrt{G(\\theta)}},\\quad
              G = \\frac{\\theta^5-\\theta_{tip}^5}{5} - \\theta_s^4(\\theta-\\theta_{tip}),\\quad
              \\eta = \\frac{2\\sqrt{G(1)}}{N(1-\\theta_s^4)}

    For small N, η → 1 − (2/3)N².

    Parameters
    ----------
    length : Quantity
        Fin length from the tube to the mid-line, [length].
    thickness : Quantity
        Fin thickness, [length].
    conductivity : Quantity
        Fin thermal conductivity, [W/(m·K)].
    emissivity : float
        [dimensionless].
    base_temperature : Quantity
        Fin root (tube wall) temperature, [temperature].
    sink_temperature : Quantity
        Effective sink, below the base temperature, [temperature].
    sides : {1, 2}

    Returns
    -------
    Quantity
        Dimensionless, 0 to 1.

    Examples
    --------
    >>> round(float(fin_efficiency(Q_(5, "cm"), Q_(1, "mm"), Q_(167, "W/(m*K)"), 0.9,
    ...       Q_(350, "K"), Q_(200, "K")).magnitude), 3)
    0.923
    """
    N = fin_profile_number(length, thickness, conductivity, emissivity, base_temperature, sides).magnitude
    Tb = check_positive(base_temperature, "base_temperature", "K", 'Q_(350, "K")')
    Ts = si_value(sink_temperature, "sink_temperature", "K", 'Q_(200, "K")')
    check_range(Ts, "sink_temperature", 0.0, None, "K")
    if np.any(Ts >= Tb):
        raise OutOfRangeError("sink_temperature", sink_temperature, "below the fin base temperature",
                              "sink_temperature: a radiating fin must be hotter than its sink")
    return quantity(fin_efficiency_si(N, Ts / Tb), "")


def panel_net_flux_si(T, T_sink, eps, eta=1.0, sides=2.0):
    """Kernel of :func:`panel_net_flux`: net heat [W/m²] per unit of planform area that a
    finned panel at tube-wall temperature T [K] rejects to an environment of effective sink
    T_sink [K], q = η ε σ n (T⁴ − T_s⁴), for emissivity ε and panel efficiency η
    [dimensionless] over n faces (Lieblein 1959; Lienhard & Lienhard 2019, Eq. 1.28).

    Plain arithmetic on floats or arrays: numpy evaluates it in the steady loop sizing and
    numba compiles the same function (:data:`panel_net_flux_jit`) into the loop kernel,
    the radiator area and the orbit transient's right-hand side."""
    return eta * eps * _SIGMA * sides * (T**4 - T_sink**4)


#: :func:`panel_net_flux_si` compiled (numba), inlined where it is called
panel_net_flux_jit = njit(inline="always")(panel_net_flux_si)


def panel_net_flux(temperature, emissivity, sink_temperature, panel_efficiency=1.0, sides=2):
    """Net heat a finned radiator panel rejects per unit of planform area to its environment.

    The fin efficiency is defined on the net exchange with the sink: the fin equation
    k t T'' = n ε σ (T⁴ − T_s⁴) (Lieblein 1959) carries the absorbed environmental flux in
    the effective sink, ε σ T_s⁴ = q_abs per face (see
    :func:`thermo_orbit.thermal.radiator.sink_temperature_from_flux`), so the panel at
    tube-wall temperature T rejects

    .. math:: q = \\eta\\,\\varepsilon\\,\\sigma\\,n\\,(T^4 - T_s^4)

    with η the panel efficiency (tube and fins, :func:`fin_efficiency`).  The steady loop
    sizing integrates it along the coolant's glide
    (:func:`thermo_orbit.thermal.radiator.radiator_area`), and the orbit transient applies it
    to every radiator segment at the sink of each instant: one radiating-fin model.

    Parameters
    ----------
    temperature : Quantity
        Tube-wall (fin root) temperature, [temperature].
    emissivity : float
        [dimensionless], 0 to 1.
    sink_temperature : Quantity
        Effective sink of the environment, [temperature].
    panel_efficiency : float
        η, [dimensionless], 0 to 1; default 1 (an isothermal panel).
    sides : {1, 2}
        Radiating faces.

    Returns
    -------
    Quantity
        [W/m²]; negative when the sink is hotter than the panel.

    References
    ----------
    Lieblein (1959), NASA TN D-196 (the fin equation with its sink); Lienhard & Lienhard
    (2019), Eq. (1.28) (net emission).

    Examples
    --------
    >>> round(float(panel_net_flux(Q_(350, "K"), 0.9, Q_(200, "K"), 0.9).magnitude), 1)
    1231.5
    """
    T = check_positive(temperature, "temperature", "K", 'Q_(350, "K")')
    eps = check_fraction(emissivity, "emissivity")
    Ts = si_value(sink_temperature, "sink_temperature", "K", 'Q_(200, "K")')
    check_range(Ts, "sink_temperature", 0.0, None, "K")
    eta = check_fraction(panel_efficiency, "panel_efficiency")
    n = si_value(sides, "sides", "")
    if np.any((n != 1) & (n != 2)):
        raise InputError("sides", sides, "1 or 2 radiating faces")
    return quantity(panel_net_flux_si(T, Ts, eps, eta, n), "W/m^2")


if __name__ == "__main__":  # regenerate the shipped fin-efficiency table
    np.save(TABLE_FILE, build_fin_table())
    print(f"wrote {TABLE_FILE}")
