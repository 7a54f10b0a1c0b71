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

from ..constants import STEFAN_BOLTZMANN
from ..errors import InputError, OutOfRangeError
from ..units import Q_, check_fraction, check_positive, check_range, quantity, si_value  # noqa: F401 (Q_ in doctests)

__all__ = ["fin_efficiency", "fin_profile_number", "fin_efficiency_si", "fin_efficiency_exact_si", "profile_number_si",
           "panel_net_flux_si", "panel_net_flux",
           "build_fin_table", "TABLE_FILE"]

_SIGMA = STEFAN_BOLTZMANN.si

_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(48)
_U = 0.5 * (_GL_NODES + 1.0)
_W = 0.5 * _GL_WEIGHTS


def _G(theta, theta_tip, theta_s):
    return (theta**5 - theta_tip**5) / 5.0 - theta_s**4 * (theta - theta_tip)


def _profile_length_si(theta_tip, theta_s):
    """N(θ_tip) = ∫_{θ_tip}^{1} dθ/√G(θ), with θ = θ_tip + (1 − θ_tip)u² removing the
    inverse-square-root singularity at the tip (48-point Gauss–Legendre)."""
    tt = theta_tip[..., None]
    ts = theta_s[..., None]
    span = 1.0 - tt
    theta = tt + span * _U**2
    g = _G(theta, tt, ts)
    integrand = 2.0 * span * _U / np.sqrt(np.maximum(g, 1e-300))
    return np.sum(integrand * _W, axis=-1)


def fin_efficiency_exact_si(N, theta_s, iterations: int = 48):
    """Efficiency [dimensionless] of a straight radiating fin of constant thickness with an
    adiabatic tip, for the profile number N and sink ratio θ_s [dimensionless] (Lieblein 1959).

    The fin equation k t T'' = n ε σ (T⁴ − T_s⁴) has the first integral
    T'² = (2nεσ/kt)[(T⁵ − T_tip⁵)/5 − T_s⁴(T − T_tip)] (Lieblein 1959).  In θ = T/T_b the
    profile number N = L √(2nεσT_b³/(kt)) = ∫_{θ_tip}^{1} dθ/√G and the efficiency
    η = q/q_ideal = 2√G(1)/(N (1 − θ_s⁴)).  θ_tip is found by bisection."""
    N, theta_s = np.broadcast_arrays(np.asarray(N, dtype=np.float64), np.asarray(theta_s, dtype=np.float64))
    # bisection on s in θ_tip = θ_s + (1 − θ_s) s, in log space: N(s) falls from ∞ to 0 as s: 0 → 1
    lo = np.full(N.shape, -40.0)  # log s
    hi = np.zeros(N.shape)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        tip = theta_s + (1.0 - theta_s) * np.exp(mid)
        too_long = _profile_length_si(tip, theta_s) > N
        lo = np.where(too_long, mid, lo)
        hi = np.where(too_long, hi, mid)
    tip = theta_s + (1.0 - theta_s) * np.exp(0.5 * (lo + hi))
    eta = 2.0 * np.sqrt(_G(np.ones_like(tip), tip, theta_s)) / (N * (1.0 - theta_s**4))
    return np.where(N <= 0.0, 1.0, np.clip(eta, 0.0, 1.0))


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
def _fin_table() -> np.ndarray:
    try:
        table = np.load(TABLE_FILE)
        if table.shape == (_TABLE_SQRT_N.size, _TABLE_THETA.size):
            return table.astype(np.float64)
    except (OSError, ValueError):
        pass
    return build_fin_table().astype(np.float64)


def fin_efficiency_si(N, theta_s):
    """Fast fin efficiency [dimensionless] (Lieblein 1959): bilinear interpolation in
    (√N, θ_s) of a 321 × 96 table of the
    exact solution (:func:`build_fin_table`); agrees with :func:`fin_efficiency_exact_si`
    to 2e-4 over 0 ≤ N ≤ 50, 0 ≤ θ_s ≤ 0.95 (tested).  Outside the table: the exact solution."""
    N, theta_s = np.broadcast_arrays(np.asarray(N, dtype=np.float64), np.asarray(theta_s, dtype=np.float64))
    table = _fin_table()
    x = np.sqrt(np.maximum(N, 0.0)) / (_TABLE_SQRT_N[1] - _TABLE_SQRT_N[0])
    y = theta_s / (_TABLE_THETA[1] - _TABLE_THETA[0])
    inside = (x <= _TABLE_SQRT_N.size - 1) & (y >= 0) & (y <= _TABLE_THETA.size - 1)
    i = np.clip(np.floor(x).astype(np.int64), 0, _TABLE_SQRT_N.size - 2)
    j = np.clip(np.floor(y).astype(np.int64), 0, _TABLE_THETA.size - 2)
    fx, fy = np.clip(x - i, 0.0, 1.0), np.clip(y - j, 0.0, 1.0)
    flat, k, cols = table.ravel(), i * table.shape[1] + j, table.shape[1]  # flat gathers: cheaper than 2-D ones
    out = ((1 - fx) * (1 - fy) * flat.take(k) + fx * (1 - fy) * flat.take(k + cols)
           + (1 - fx) * fy * flat.take(k + 1) + fx * fy * flat.take(k + cols + 1))
    if not np.all(inside):
        out = np.where(inside, out, 0.0)
        out[~inside] = fin_efficiency_exact_si(N[~inside], theta_s[~inside])
    return np.clip(out, 0.0, 1.0)


def profile_number_si(L, t, k, eps, T_b, sides):
    """Kernel of :func:`fin_profile_number`: N = L √(2 n ε σ T_b³ / (k t)) [dimensionless]
    (Lieblein 1959) for L, t [m], k [W/(m·K)], T_b [K]."""
    return L * np.sqrt(2.0 * sides * eps * _SIGMA * T_b**3 / (k * t))


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
    numba compiles the same function into the orbit transient's right-hand side."""
    return eta * eps * _SIGMA * sides * (T**4 - T_sink**4)


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
