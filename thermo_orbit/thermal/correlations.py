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
    Pe = np.asarray(Pe, dtype=np.float64)
    return 7.0 + 0.025 * Pe**0.8


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
    Pe = np.asarray(Pe, dtype=np.float64)
    return 5.0 + 0.025 * Pe**0.8


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
    Re = np.asarray(Re, dtype=np.float64)
    eD = np.asarray(relative_roughness, dtype=np.float64)
    Re, eD = np.broadcast_arrays(Re, eD)
    out = 64.0 / np.maximum(Re, 1e-300)
    turb = Re > TURBULENT_LIMIT
    if np.any(turb):
        out = np.where(turb, _clamond(np.maximum(Re, TURBULENT_LIMIT), eD), out)
    trans = (Re >= LAMINAR_LIMIT) & ~turb
    if np.any(trans):
        w = np.clip((Re - LAMINAR_LIMIT) / (TURBULENT_LIMIT - LAMINAR_LIMIT), 0.0, 1.0)
        f4000 = _clamond(np.full(Re.shape, TURBULENT_LIMIT), eD)
        out = np.where(trans, (1.0 - w) * (64.0 / LAMINAR_LIMIT) + w * f4000, out)
    return out


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
    Re = np.asarray(Re, dtype=np.float64)
    Pe = Re * np.asarray(Pr, dtype=np.float64)
    turb = nusselt_lyon_martinelli(Pe) if boundary == "heat_flux" else nusselt_seban_shimazaki(Pe)
    lam = nusselt_laminar(boundary)
    w = np.clip((Re - LAMINAR_LIMIT) / (TURBULENT_LIMIT - LAMINAR_LIMIT), 0.0, 1.0)
    return np.maximum(lam, (1.0 - w) * lam + w * turb)


def nusselt(Re, Pr, fd, liquid_metal, boundary: str = "heat_flux"):
    """Nusselt number choosing the correlation by fluid class: :func:`liquid_metal_nusselt`
    for liquid metals; for ordinary fluids Gnielinski (1976) in turbulent flow, blended
    linearly in Re to the laminar value (Incropera 2011, Eqs. 8.53 and 8.55) between
    Re = 2300 and 4000.

    Re, Pr, the Darcy friction factor ``fd`` and the result are dimensionless;
    ``liquid_metal`` is a boolean (array)."""
    Re = np.asarray(Re, dtype=np.float64)
    if np.ndim(liquid_metal) == 0 and liquid_metal:  # one fluid class: only its correlation
        return liquid_metal_nusselt(Re, Pr, boundary)
    lam = nusselt_laminar(boundary)
    gn = nusselt_gnielinski(np.maximum(Re, TURBULENT_LIMIT), Pr, fd)
    w = np.clip((Re - LAMINAR_LIMIT) / (TURBULENT_LIMIT - LAMINAR_LIMIT), 0.0, 1.0)
    ordinary = np.maximum(lam, (1.0 - w) * lam + w * gn)
    if np.ndim(liquid_metal) == 0:
        return ordinary
    return np.where(liquid_metal, liquid_metal_nusselt(Re, Pr, boundary), ordinary)
