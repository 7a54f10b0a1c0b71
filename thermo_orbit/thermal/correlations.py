"""Heat-transfer and friction correlations for the coolant loop, on float64 arrays.

Liquid metals (Pr ≈ 0.001-0.06) conduct heat across the flow so well that the usual
Dittus–Boelter or Gnielinski forms do not apply; their Nusselt numbers depend on the
Péclet number Pe = Re·Pr and tend to a conduction limit at low Pe.

Each function is named after its source and states its validity range; outside it the
value is still returned (these are kernels), and :func:`nusselt_validity` tells the
caller which points are outside, so a result can flag them.

References
----------
1. Lyon, R. N., "Liquid metal heat-transfer coefficients", Chem. Eng. Prog. 47 (1951) 75-79.
2. Seban, R. A. and Shimazaki, T. T., "Heat transfer to a fluid flowing turbulently in a
   smooth pipe with walls at constant temperature", Trans. ASME 73 (1951) 803-809.
3. Skupinski, E., Tortel, J. and Vautrey, L., "Détermination des coefficients de convection
   d'un alliage sodium-potassium dans un tube circulaire", Int. J. Heat Mass Transfer 8
   (1965) 937-951.
4. Incropera, F. P. et al., *Fundamentals of Heat and Mass Transfer*, 7th ed., Wiley, 2011,
   Eqs. (8.53), (8.55), (8.64), (8.65).
5. Martinelli, R. C., "Heat transfer to molten metals", Trans. ASME 69 (1947) 947-959, as
   implemented in ``ht.conv_internal.turbulent_Martinelli`` (C. Bell).
6. Gnielinski, V., Int. Chem. Eng. 16 (1976) 359-368, as in ``ht.conv_internal.turbulent_Gnielinski``.
7. Clamond, D., "Efficient resolution of the Colebrook equation", Ind. Eng. Chem. Res. 48
   (2009) 3665-3671, as implemented in ``fluids.friction.Clamond`` (C. Bell).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = [
    "LAMINAR_LIMIT",
    "TURBULENT_LIMIT",
    "nusselt_lyon_martinelli",
    "nusselt_seban_shimazaki",
    "nusselt_skupinski",
    "nusselt_martinelli",
    "nusselt_gnielinski",
    "nusselt_laminar",
    "nusselt_validity",
    "friction_factor_darcy",
    "liquid_metal_nusselt",
    "nusselt",
    "friction_factor_darcy_jit",
    "friction_exponent_jit",
    "liquid_metal_nusselt_jit",
    "nusselt_jit",
    "nusselt_exponent_jit",
]

LAMINAR_LIMIT = 2300.0  #: Re below which pipe flow is laminar (Incropera 2011, Eq. 8.3)
TURBULENT_LIMIT = 4000.0  #: Re above which the turbulent correlations are used


def nusselt_lyon_martinelli(Pe):
    """Lyon (1951): fully developed turbulent liquid metal in a tube, uniform heat flux.

    .. math:: Nu_D = 7.0 + 0.025\\,Pe^{0.8}

    Parameters
    ----------
    Pe : array_like
        Péclet number Re·Pr, [dimensionless]; stated for Pe > 100 (turbulent, L/D > 60).

    Returns
    -------
    ndarray
        Nusselt number hD/k, [dimensionless].

    Examples
    --------
    >>> round(float(nusselt_lyon_martinelli(1000.0)), 3)
    13.28
    """
    return _lyon(np.asarray(Pe, dtype=np.float64))


def _lyon(Pe):
    return 7.0 + 0.025 * Pe**0.8


def _seban_shimazaki(Pe):
    return 5.0 + 0.025 * Pe**0.8


def nusselt_seban_shimazaki(Pe):
    """Seban & Shimazaki (1951): fully developed turbulent liquid metal, uniform wall
    temperature (Incropera 2011, Eq. 8.65).

    .. math:: Nu_D = 5.0 + 0.025\\,Pe^{0.8}\\qquad (Pe > 100)

    Pe and the returned Nusselt number are dimensionless.

    Examples
    --------
    >>> round(float(nusselt_seban_shimazaki(1000.0)), 3)
    11.28
    """
    return _seban_shimazaki(np.asarray(Pe, dtype=np.float64))


def nusselt_skupinski(Pe):
    """Skupinski, Tortel & Vautrey (1965): NaK in a tube, uniform heat flux
    (Incropera 2011, Eq. 8.64).

    .. math:: Nu_D = 4.82 + 0.0185\\,Pe^{0.827}

    valid for 3.6×10³ < Re < 9.05×10⁵ and 10² < Pe < 10⁴.  Pe and the returned Nusselt
    number are dimensionless.

    Examples
    --------
    >>> round(float(nusselt_skupinski(1000.0)), 3)
    10.42
    """
    Pe = np.asarray(Pe, dtype=np.float64)
    return 4.82 + 0.0185 * Pe**0.827


def nusselt_martinelli(Re, Pr, fd):
    """Martinelli (1947) analogy for turbulent liquid metals, the form of
    ``ht.conv_internal.turbulent_Martinelli`` on arrays:

    .. math:: Nu = \\frac{Re\\,Pr\\,(f/8)^{1/2}}{5[Pr + \\ln(1+5Pr) + 0.5\\ln(Re(f/8)^{1/2}/60)]}

    Re, Pr, the Darcy friction factor ``fd`` and the returned Nusselt number are dimensionless.
    """
    Re, Pr, fd = (np.asarray(v, dtype=np.float64) for v in (Re, Pr, fd))
    s = np.sqrt(fd / 8.0)
    return Re * Pr * s / 5.0 / (Pr + np.log1p(5.0 * Pr) + 0.5 * np.log(Re * s / 60.0))


def nusselt_gnielinski(Re, Pr, fd):
    """Gnielinski (1976), turbulent and transitional flow of ordinary fluids (ammonia,
    water), the form of ``ht.conv_internal.turbulent_Gnielinski`` on arrays:

    .. math:: Nu = \\frac{(f/8)(Re-1000)Pr}{1 + 12.7(f/8)^{1/2}(Pr^{2/3}-1)}

    valid for 0.5 < Pr < 2000 and 3000 < Re < 5×10⁶ (Incropera 2011, Eq. 8.62).  Re, Pr,
    the Darcy friction factor ``fd`` and the returned Nusselt number are dimensionless.
    """
    Re, Pr, fd = (np.asarray(v, dtype=np.float64) for v in (Re, Pr, fd))
    return _gnielinski(Re, Pr, fd)


def _gnielinski(Re, Pr, fd):
    return (fd / 8.0) * (Re - 1e3) * Pr / (1.0 + 12.7 * np.sqrt(fd / 8.0) * (Pr ** (2.0 / 3.0) - 1.0))


def nusselt_laminar(boundary: str = "heat_flux"):
    """Fully developed laminar flow in a circular tube: 48/11 = 4.364 for uniform heat
    flux, 3.66 for uniform wall temperature (Incropera 2011, Eqs. 8.53 and 8.55);
    dimensionless.  ``boundary`` is ``"heat_flux"``, or anything else for uniform wall
    temperature."""
    return 48.0 / 11.0 if boundary == "heat_flux" else 3.66


def friction_factor_darcy(Re, relative_roughness=0.0):
    """Darcy friction factor of a round tube: 64/Re when laminar (Re < 2300), the Colebrook
    (1939) equation solved with the algorithm of Clamond (2009) when turbulent (Re > 4000,
    the same steps as ``fluids.friction.Clamond``), and linear in Re between (a blend of
    this code, not a correlation).

    Parameters
    ----------
    Re : array_like
        Reynolds number, [dimensionless].
    relative_roughness : array_like
        Roughness over diameter ε/D, [dimensionless]; default 0 (smooth).

    Returns
    -------
    ndarray
        Darcy friction factor, [dimensionless].

    Examples
    --------
    >>> round(float(friction_factor_darcy(1000.0)), 4)
    0.064
    """
    Re, eD = np.broadcast_arrays(np.asarray(Re, dtype=np.float64), np.asarray(relative_roughness, dtype=np.float64))
    return _friction_array(Re.ravel(), eD.ravel()).reshape(Re.shape)


def _clamond(Re, eD):
    X1 = eD * Re * 0.1239681863354175460160858261654858382699
    X2 = np.log(Re) - 0.7793974884556819406441139701653776731705
    F = X2 - 0.2
    X1F = X1 + F
    X1F1 = 1.0 + X1F
    E = (np.log(X1F) - 0.2) / X1F1
    F = F - (X1F1 + 0.5 * E) * E * X1F / (X1F1 + E * (1.0 + E / 3.0))
    X1F = X1 + F
    X1F1 = 1.0 + X1F
    E = (np.log(X1F) + F - X2) / X1F1
    F = F - (X1F1 + 0.5 * E) * E * X1F / (X1F1 + E * (1.0 + E / 3.0))
    return 1.325474527619599502640416597148504422899 / (F * F)


# the formulas above, compiled for the scalar kernels below (one source for both)
_jit = njit(cache=True, error_model="numpy", inline="always")
_clamond_jit, _lyon_jit, _seban_shimazaki_jit, _gnielinski_jit = (
    _jit(f) for f in (_clamond, _lyon, _seban_shimazaki, _gnielinski))


@_jit
def _blend_weight(Re):
    """Linear weight of the turbulent value between Re = 2300 and 4000, clipped to [0, 1]
    (NaN stays NaN)."""
    w = (Re - LAMINAR_LIMIT) / (TURBULENT_LIMIT - LAMINAR_LIMIT)
    return 0.0 if w < 0.0 else 1.0 if w > 1.0 else w


@_jit
def _at_least(floor, x):
    """max(floor, x), NaN in x propagating (as ``np.maximum``)."""
    return floor if floor > x else x


@njit(cache=True, error_model="numpy")
def friction_factor_darcy_jit(Re, eD):
    """:func:`friction_factor_darcy` of one Re and ε/D [dimensionless], compiled (numba)
    for the compiled kernels: 64/Re, Clamond's (2009) solution of Colebrook (1939) above
    Re = 4000, linear in Re between."""
    if Re != Re:
        return Re
    if Re > TURBULENT_LIMIT:
        return _clamond_jit(Re, eD)
    if Re >= LAMINAR_LIMIT:
        w = _blend_weight(Re)
        return (1.0 - w) * (64.0 / LAMINAR_LIMIT) + w * _clamond_jit(TURBULENT_LIMIT, eD)
    return 64.0 / max(Re, 1e-300)


@njit(cache=True, error_model="numpy")
def friction_exponent_jit(Re, eD, f):
    """m = −d ln f / d ln Re [dimensionless] of :func:`friction_factor_darcy_jit` at Re, ε/D
    and its value f: 1 when laminar; 2K/(1 + K) with K = 2·2.51/(ln 10 (ε/D Re/3.7 +
    2.51/√f)) when turbulent, differentiating Colebrook (1939)
    1/√f = −2 log10(ε/(3.7 D) + 2.51/(Re √f)) implicitly; the slope of the linear blend
    between (negative: f rises with Re there)."""
    if Re > TURBULENT_LIMIT:
        K = 2.0 * 2.51 / (np.log(10.0) * (eD * Re / 3.7 + 2.51 / np.sqrt(f)))
        return 2.0 * K / (1.0 + K)
    if Re >= LAMINAR_LIMIT:
        slope = (_clamond_jit(TURBULENT_LIMIT, eD) - 64.0 / LAMINAR_LIMIT) / (TURBULENT_LIMIT - LAMINAR_LIMIT)
        return -Re * slope / f
    return 1.0


@njit(cache=True, error_model="numpy")
def _friction_array(Re, eD):
    out = np.empty(Re.size)
    for i in range(Re.size):
        out[i] = friction_factor_darcy_jit(Re[i], eD[i])
    return out


#: Validity of each liquid-metal correlation: (Pe_min, Pe_max, Re_min, Re_max), as stated
#: by Incropera (2011) Sec. 8.8 for Eqs. 8.64-8.65 and by the original papers.
VALIDITY = {
    "lyon": (100.0, 1e4, TURBULENT_LIMIT, 1e6),
    "seban_shimazaki": (100.0, 1e4, TURBULENT_LIMIT, 1e6),
    "skupinski": (100.0, 1e4, 3.6e3, 9.05e5),
    "gnielinski": (0.0, np.inf, 3000.0, 5e6),
}


def nusselt_validity(correlation: str, Re, Pr):
    """Boolean array: True where (Re, Pe) lie inside the stated range of ``correlation``
    (``"lyon"``, ``"seban_shimazaki"``, ``"skupinski"`` or ``"gnielinski"``; see
    ``VALIDITY``).  Re and Pr are dimensionless."""
    Pe_lo, Pe_hi, Re_lo, Re_hi = VALIDITY[correlation]
    Re = np.asarray(Re, dtype=np.float64)
    Pe = Re * np.asarray(Pr, dtype=np.float64)
    return (Pe >= Pe_lo) & (Pe <= Pe_hi) & (Re >= Re_lo) & (Re <= Re_hi)


def liquid_metal_nusselt(Re, Pr, boundary: str = "heat_flux"):
    """Nusselt number of a liquid metal in a tube over all regimes: laminar below
    Re = 2300 (4.364 or 3.66, Incropera 2011, Eqs. 8.53 and 8.55), Lyon (1951) for uniform
    flux or Seban & Shimazaki (1951) for uniform wall temperature above Re = 4000, linear
    in Re between (a blend of this code); never below the laminar value.  Re, Pr and the
    result are dimensionless."""
    Re, Pr = np.broadcast_arrays(np.asarray(Re, dtype=np.float64), np.asarray(Pr, dtype=np.float64))
    one = np.ones(Re.shape, dtype=bool)
    return _nusselt_array(Re.ravel(), Pr.ravel(), Re.ravel(), one.ravel(), boundary == "heat_flux").reshape(Re.shape)


def nusselt(Re, Pr, fd, liquid_metal, boundary: str = "heat_flux"):
    """Nusselt number choosing the correlation by fluid class: :func:`liquid_metal_nusselt`
    for liquid metals; for ordinary fluids Gnielinski (1976) in turbulent flow, blended
    linearly in Re to the laminar value (Incropera 2011, Eqs. 8.53 and 8.55) between
    Re = 2300 and 4000.

    Re, Pr, the Darcy friction factor ``fd`` and the result are dimensionless;
    ``liquid_metal`` is a boolean (array)."""
    Re, Pr, fd, lm = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (Re, Pr, fd)),
                                         np.asarray(liquid_metal, dtype=bool))
    return _nusselt_array(Re.ravel(), Pr.ravel(), fd.ravel(), lm.ravel(), boundary == "heat_flux").reshape(Re.shape)


@njit(cache=True, error_model="numpy")
def liquid_metal_nusselt_jit(Re, Pr, uniform_flux):
    """:func:`liquid_metal_nusselt` of one Re and Pr [dimensionless], compiled (numba):
    laminar (Incropera 2011, Eqs. 8.53, 8.55), Lyon (1951) for a uniform flux or Seban &
    Shimazaki (1951) for a uniform wall temperature, linear in Re between 2300 and 4000."""
    turb = _lyon_jit(Re * Pr) if uniform_flux else _seban_shimazaki_jit(Re * Pr)
    lam = 48.0 / 11.0 if uniform_flux else 3.66
    w = _blend_weight(Re)
    return _at_least(lam, (1.0 - w) * lam + w * turb)


@njit(cache=True, error_model="numpy")
def nusselt_jit(Re, Pr, fd, liquid_metal, uniform_flux):
    """:func:`nusselt` of one Re, Pr and Darcy friction factor [dimensionless], compiled
    (numba): liquid metals by :func:`liquid_metal_nusselt_jit` (``fd`` unused), ordinary
    fluids by Gnielinski (1976) blended to the laminar value between Re = 2300 and 4000."""
    if liquid_metal:
        return liquid_metal_nusselt_jit(Re, Pr, uniform_flux)
    lam = 48.0 / 11.0 if uniform_flux else 3.66
    gn = _gnielinski_jit(Re if Re > TURBULENT_LIMIT else TURBULENT_LIMIT, Pr, fd)
    w = _blend_weight(Re)
    return _at_least(lam, (1.0 - w) * lam + w * gn)


@njit(cache=True, error_model="numpy")
def nusselt_exponent_jit(Re, Pr, fd, m, liquid_metal, Nu):
    """β = d ln Nu/d ln Re [dimensionless] of :func:`nusselt_jit` (uniform flux) at Re, Pr,
    the friction factor ``fd`` and its exponent m = −d ln f/d ln Re, given its value Nu:
    Lyon (1951) 0.8 (Nu − 7)/Nu; Gnielinski (1976) Re/(Re − 1000) − m (1 − X/(2(1 + X))),
    X = 12.7 √(f/8)(Pr^⅔ − 1); the slope of the linear blend between Re = 2300 and 4000;
    0 when laminar."""
    lam = 48.0 / 11.0
    w = _blend_weight(Re)
    if not w > 0.0 or not Nu > lam:
        return 0.0
    if liquid_metal:
        turb = Nu if w >= 1.0 else _lyon_jit(Re * Pr)
        dturb = 0.8 * (turb - 7.0)  # Re d(turb)/dRe
    else:
        X = 12.7 * np.sqrt(fd / 8.0) * (Pr ** (2.0 / 3.0) - 1.0)
        turb = _gnielinski_jit(Re if Re > TURBULENT_LIMIT else TURBULENT_LIMIT, Pr, fd)
        friction = -m * (1.0 - X / (2.0 * (1.0 + X)))
        dturb = turb * (friction + (Re / (Re - 1e3) if Re > TURBULENT_LIMIT else 0.0))
    if w >= 1.0:
        return dturb / Nu
    return (Re * (turb - lam) / (TURBULENT_LIMIT - LAMINAR_LIMIT) + w * dturb) / Nu


@njit(cache=True, error_model="numpy")
def _nusselt_array(Re, Pr, fd, liquid_metal, uniform_flux):
    out = np.empty(Re.size)
    for i in range(Re.size):
        out[i] = nusselt_jit(Re[i], Pr[i], fd[i], liquid_metal[i], uniform_flux)
    return out
