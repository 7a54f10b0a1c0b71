"""The solar array's attitude and heat balance: the pointing modes (the array normal along
the orbit, its cosine to the Sun) and the array's own operating temperature and cell
efficiency from its absorbed environment and the power it converts.

References
----------
1. Gilmore, D. G. (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed., 2002,
   ch. 2: the environment on the array faces.
2. Wertz, J. R. and Larson, W. J. (eds.), *Space Mission Analysis and Design*, 3rd ed.,
   1999, Sec. 11.4: cell efficiency against temperature.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import environment as env
from .. import orbit as orb
from ..constants import CELL_REFERENCE_TEMPERATURE, EARTH_RADIUS, STEFAN_BOLTZMANN
from ..errors import InputError
from ..units import Q_, check_fraction, quantity, si_value

__all__ = ["POINTING_MODES", "pointing_si", "cosine_loss", "ArrayTemperature", "array_operating_temperature"]

_SIGMA = STEFAN_BOLTZMANN.si
_R = EARTH_RADIUS.si
POINTING_MODES = ("sun_tracking", "single_axis", "fixed")


def pointing_si(pointing, beta, phase, tilt=None, azimuth=None):
    """(tilt, azimuth) [rad] of the array's front normal along the orbit, and the cosine
    of the Sun's incidence [dimensionless], for a pointing mode at β and phase [rad]
    (tracking geometry as in Gilmore 2002, ch. 2)."""
    s_zen, s_along, s_norm = env.sun_lvlh_si(beta, phase)
    if pointing == "sun_tracking":
        t, az = env.sun_tracking_attitude_si(beta, phase)
    elif pointing == "single_axis":  # rotates about the orbit normal: normal = Sun's projection on the orbit plane
        cb = np.maximum(np.cos(beta), 1e-12)
        t = np.arccos(np.clip(-s_zen / cb, -1.0, 1.0))
        az = np.arctan2(np.zeros_like(s_along), s_along)
    elif pointing == "fixed":
        t = tilt * np.ones_like(s_zen)
        az = azimuth * np.ones_like(s_zen)
    else:
        raise InputError("pointing", pointing, f"one of {', '.join(POINTING_MODES)}")
    cos_inc = -np.cos(t) * s_zen + np.sin(t) * (np.cos(az) * s_along + np.sin(az) * s_norm)
    return t, az, cos_inc


def cosine_loss(pointing: str, beta, tilt=None, azimuth=None, samples: int = 720):
    """Mean cosine of the Sun's incidence on the array over the sunlit part of the orbit:
    1 for sun tracking, cos β for single-axis tracking about the orbit normal, the orbit
    average of max(n̂·ŝ, 0) over sunlight for a fixed array.

    This is the cos θ of P_BOL = P_0 I_d cos θ in the array sizing of SMAD (1999),
    Sec. 11.4 (see :func:`size_solar_array`).

    Parameters
    ----------
    pointing : {"sun_tracking", "single_axis", "fixed"}
    beta : Quantity
        Solar β angle, [angle].
    tilt, azimuth : Quantity, optional
        Attitude of a fixed array's normal, [angle] (tilt required for ``"fixed"``).
    samples : int
        Points along the orbit.

    Returns
    -------
    Quantity
        Mean cosine, [dimensionless], 0 to 1.
    """
    b = orb.check_beta(beta)
    t = None if tilt is None else env.check_tilt(tilt)
    az = None if azimuth is None else si_value(azimuth, "azimuth", "rad", 'Q_(0, "deg")')
    if pointing == "fixed" and t is None:
        raise InputError("tilt", None, 'an angle such as Q_(180, "deg") for a fixed array')
    az = np.zeros(()) if az is None else az
    u = np.linspace(0.0, 2 * np.pi, int(samples), endpoint=False)
    _, _, c = pointing_si(pointing, b[..., None] if np.ndim(b) else b, u, t, az)
    return quantity(np.mean(np.maximum(c, 0.0), axis=-1), "")


def _array_temperature_si(q_abs, eff_ref, gamma, T_ref, S_cells, eps_front, eps_back):
    """Solve (ε_f + ε_b) σ T⁴ = q_abs − η(T) S_cells, η(T) = η_ref [1 + γ (T − T_ref)],
    by Newton's method on T (float64 arrays).  Returns (T, η)."""
    emit = (eps_front + eps_back) * _SIGMA
    T = np.maximum(q_abs / emit, 1.0) ** 0.25
    for _ in range(30):
        eta = eff_ref * (1.0 + gamma * (T - T_ref))
        f = emit * T**4 - q_abs + eta * S_cells
        df = 4.0 * emit * T**3 + eff_ref * gamma * S_cells
        step = f / df
        T = T - step
        if np.all(np.abs(step) < 1e-9):
            break
    eta = np.maximum(eff_ref * (1.0 + gamma * (T - T_ref)), 0.0)
    return T, eta


@dataclass(frozen=True)
class ArrayTemperature:
    """Array temperature and efficiency over the sunlit part of the orbit."""

    mean: Any  #: sunlight-weighted mean temperature, [K]
    maximum: Any  #: [K]
    efficiency_mean: Any  #: output-weighted mean cell efficiency, [dimensionless]
    cosine_mean: Any  #: mean cos(incidence) over sunlight, [dimensionless]
    along_orbit: Any  #: temperature along the orbit (NaN in eclipse), [K]


def array_operating_temperature(altitude, beta, efficiency, temperature_coefficient, absorptance,
                                emissivity_front, emissivity_back, *,
                                reference_temperature=CELL_REFERENCE_TEMPERATURE.quantity,
                                packing_factor=0.85, pointing: str = "sun_tracking", tilt=None, azimuth=None,
                                case="hot", absorptance_back=None, samples: int = 360) -> ArrayTemperature:
    """Operating temperature of a flat array from its heat balance in sunlight.

    Per unit array area, front and back faces:

    .. math:: (\\varepsilon_f + \\varepsilon_b)\\sigma T^4
              = q_{sun} + q_{albedo} + q_{IR} - \\eta(T)\\,p\\,S\\cos\\theta,
              \\qquad \\eta(T) = \\eta_{ref}[1 + \\gamma (T - T_{ref})]

    with the absorbed sunlight α S cos θ on the front, albedo and Earth infrared on both
    faces by their view factors (:mod:`thermo_orbit.environment`, after Gilmore 2002, ch. 2,
    in the ECSS-E-ST-10-04C design cases), and the electrical power taken out at the
    cells' efficiency (packing factor p); η_ref and γ come from the cell's cited entry in
    materials/solar_cells.toml or the design.

    Parameters
    ----------
    altitude : Quantity
        [length].
    beta : Quantity
        Solar β angle, [angle].
    efficiency : float
        Cell efficiency at ``reference_temperature`` (AM0), [dimensionless].
    temperature_coefficient : Quantity
        Relative temperature coefficient of efficiency γ, [1/K] (e.g. −0.0022/K).
    absorptance, emissivity_front, emissivity_back : float
        Front solar absorptance and the IR emissivities of the two faces, [dimensionless].
    reference_temperature : Quantity
        Temperature of ``efficiency``, [temperature]; default
        :data:`~thermo_orbit.constants.CELL_REFERENCE_TEMPERATURE` (28 degC).
    packing_factor : float
        Cell area over array area, [dimensionless].
    pointing : {"sun_tracking", "single_axis", "fixed"}
    tilt, azimuth : Quantity, optional
        Attitude of a fixed array's normal, [angle].
    case : {"hot", "nominal", "cold"} or DesignCase
    absorptance_back : float, optional
        Back-face solar absorptance, [dimensionless]; default the front's.
    samples : int
        Points along the orbit.

    Returns
    -------
    ArrayTemperature
        Mean and maximum temperature in sunlight [K], mean efficiency and cosine
        [dimensionless], and the temperature along the orbit [K].
    """
    a = _R + orb.check_altitude(altitude)
    b = orb.check_beta(beta)
    eff = check_fraction(efficiency, "efficiency")
    gamma = si_value(temperature_coefficient, "temperature_coefficient", "1/K", 'Q_(-0.0022, "1/K")')
    alpha = check_fraction(absorptance, "absorptance")
    alpha_b = alpha if absorptance_back is None else check_fraction(absorptance_back, "absorptance_back")
    ef = check_fraction(emissivity_front, "emissivity_front")
    eb = check_fraction(emissivity_back, "emissivity_back", allow_zero=True)
    pf = check_fraction(packing_factor, "packing_factor")
    T_ref = si_value(reference_temperature, "reference_temperature", "K", 'Q_(28, "degC")')
    t = None if tilt is None else env.check_tilt(tilt)
    az = np.zeros(()) if azimuth is None else si_value(azimuth, "azimuth", "rad", 'Q_(0, "deg")')
    if pointing == "fixed" and t is None:
        raise InputError("tilt", None, 'an angle such as Q_(180, "deg") for a fixed array')
    environment = case if isinstance(case, env.DesignCase) else env.design_case(case)
    S = environment.solar_flux.to("W/m^2").magnitude
    u = np.linspace(0.0, 2 * np.pi, int(samples), endpoint=False)
    tf, azf, cos_inc = pointing_si(pointing, b, u, t, az)
    albedo, olr = environment.albedo.magnitude, environment.earth_ir.to("W/m^2").magnitude
    lit = orb.sunlit_fraction_si(a, b, u)
    (df, rf, irf), (db, rb, irb) = env.plate_faces_si(a, b, u, tf, azf, alpha, ef, alpha_b, eb, S, albedo, olr, lit)
    q_abs = df + rf + irf + db + rb + irb
    S_cells = pf * S * lit * np.maximum(cos_inc, 0.0)
    T, eta = _array_temperature_si(q_abs, eff, gamma, T_ref, S_cells, ef, eb)
    sunlit = lit > 0.5
    weight = np.where(sunlit, S_cells, 0.0)
    eta_mean = float(np.sum(eta * weight) / np.sum(weight)) if np.sum(weight) > 0 else float(eff)
    T_mean = float(np.mean(T[sunlit])) if np.any(sunlit) else float("nan")
    return ArrayTemperature(
        mean=quantity(T_mean, "K"), maximum=quantity(float(np.max(np.where(sunlit, T, -np.inf))), "K"),
        efficiency_mean=quantity(eta_mean, ""),
        cosine_mean=quantity(float(np.mean(np.maximum(cos_inc, 0.0)[sunlit])) if np.any(sunlit) else 0.0, ""),
        along_orbit=Q_(np.where(sunlit, T, np.nan), "K"),
    )
