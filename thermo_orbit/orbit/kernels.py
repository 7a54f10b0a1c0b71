"""The orbit's SI kernels (float64 arrays in metres, seconds and radians, broadcasting
over designs) and its input checks: what :mod:`thermo_orbit.orbit`'s public functions, the
environment, the sizing and the transient call.  References as in
:mod:`thermo_orbit.orbit` (Vallado 2013; Gilmore 2002; Montenbruck & Gill 2000)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..constants import ASTRONOMICAL_UNIT, EARTH_J2, EARTH_MU, EARTH_RADIUS, SOLAR_RADIUS, TROPICAL_YEAR
from ..errors import InputError
from ..units import check_range, si_value

__all__ = ["ALTITUDE_RANGE", "SHADOW_MODELS", "check_altitude", "check_beta", "check_inclination",
           "check_shadow_model", "period_si", "nodal_rate_si", "sso_cos_inclination_si", "earth_angular_radius_si",
           "sun_angular_radius_si", "shadow_fraction_si", "eclipse_fraction_si", "penumbra_fraction_si",
           "sunlit_fraction_si", "sun_ecliptic_si", "sun_unit_vector_si", "beta_from_sun_si"]

_MU = EARTH_MU.si
_R = EARTH_RADIUS.si
_J2 = EARTH_J2.si
_AU = ASTRONOMICAL_UNIT.si
_R_SUN = SOLAR_RADIUS.si
_SSO_RATE = 2.0 * np.pi / TROPICAL_YEAR.si  # rad/s, one turn per tropical year

#: Altitudes accepted, metres: above the sensible atmosphere, and low enough that the
#: Earth's disk is larger than the Sun's seen from the orbit (the conical shadow has an umbra).
ALTITUDE_RANGE = (100e3, 100_000e3)
SHADOW_MODELS = ("cylindrical", "conical")

# --------------------------------------------------------------------------- checks

def check_altitude(altitude: Any, name: str = "altitude") -> np.ndarray:
    """An altitude Quantity [length] as float64 metres, checked against :data:`ALTITUDE_RANGE`
    (raises :class:`UnitError` or :class:`OutOfRangeError` naming ``name``)."""
    h = si_value(altitude, name, "m", 'Q_(550, "km")')
    check_range(h, name, *ALTITUDE_RANGE, "m", display_unit="km")
    return h


def check_beta(beta: Any, name: str = "beta") -> np.ndarray:
    """A β angle Quantity [angle] as float64 radians, checked within ±90°."""
    b = si_value(beta, name, "rad", 'Q_(30, "deg")')
    check_range(b, name, -np.pi / 2, np.pi / 2, "rad", display_unit="deg")
    return b


def check_inclination(inclination: Any, name: str = "inclination") -> np.ndarray:
    """An inclination Quantity [angle] as float64 radians, checked within 0 to 180°."""
    i = si_value(inclination, name, "rad", 'Q_(51.6, "deg")')
    check_range(i, name, 0.0, np.pi, "rad", display_unit="deg")
    return i


def check_shadow_model(model: str) -> str:
    """``model`` if it is one of :data:`SHADOW_MODELS`, else an :class:`InputError`."""
    if model not in SHADOW_MODELS:
        raise InputError("model", model, f"one of {', '.join(SHADOW_MODELS)}")
    return model


# --------------------------------------------------------------------------- kernels

def period_si(a: np.ndarray) -> np.ndarray:
    """Two-body period T = 2π sqrt(a³/μ) [s] of a circular orbit of radius ``a`` [m]
    (Vallado 2013, Eq. 1-27)."""
    return 2.0 * np.pi * np.sqrt(a**3 / _MU)


def nodal_rate_si(a: np.ndarray, inclination: np.ndarray) -> np.ndarray:
    """Secular J2 nodal rate dΩ/dt = -3/2 n J2 (R/a)² cos i [rad/s] of a circular orbit of
    radius ``a`` [m], inclination [rad] (Vallado 2013, Eq. 9-41)."""
    n = np.sqrt(_MU / a**3)
    return -1.5 * n * _J2 * (_R / a) ** 2 * np.cos(inclination)


def sso_cos_inclination_si(a: np.ndarray) -> np.ndarray:
    """cos i [dimensionless] of the sun-synchronous orbit of radius ``a`` [m]: the J2 nodal
    rate equal to one turn per tropical year (Vallado 2013, Sec. 11.4)."""
    n = np.sqrt(_MU / a**3)
    return _SSO_RATE / (-1.5 * n * _J2 * (_R / a) ** 2)


def earth_angular_radius_si(a: np.ndarray) -> np.ndarray:
    """Apparent angular radius of the Earth from orbit radius ``a`` [m]: asin(R/a) [rad]
    (Montenbruck & Gill 2000, Sec. 3.4.2)."""
    return np.arcsin(_R / a)


def sun_angular_radius_si(sun_distance: np.ndarray | float = _AU) -> np.ndarray:
    """Apparent angular radius of the Sun at ``sun_distance`` [m]: asin(R_sun/d) [rad]
    (Montenbruck & Gill 2000, Sec. 3.4.2)."""
    return np.arcsin(_R_SUN / np.asarray(sun_distance, dtype=np.float64))


def shadow_fraction_si(half_angle: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """Fraction [dimensionless] of a circular orbit where the Earth–Sun apparent separation
    θ is below ``half_angle`` [rad] at β [rad] (Gilmore 2002, ch. 2).  With cos θ = -cos β cos u along the orbit this is
    f = acos(cos(half_angle)/cos β)/π when |β| < half_angle, else 0."""
    ratio = np.cos(half_angle) / np.cos(beta)
    return np.where(ratio < 1.0, np.arccos(np.minimum(ratio, 1.0)) / np.pi, 0.0)


def eclipse_fraction_si(a, beta, model: str = "cylindrical", sun_distance=_AU):
    """Kernel of :func:`eclipse_fraction`: the fraction of the orbit in shadow [dimensionless]
    for orbit radius ``a`` [m] and β [rad]; cylindrical shadow (Gilmore 2002, Eq. 2.4) or
    conical umbra (Montenbruck & Gill 2000, Sec. 3.4)."""
    rho_e = earth_angular_radius_si(a)
    if model == "cylindrical":
        return shadow_fraction_si(rho_e, beta)
    return shadow_fraction_si(rho_e - sun_angular_radius_si(sun_distance), beta)


def penumbra_fraction_si(a, beta, sun_distance=_AU):
    """Fraction of the orbit in penumbra [dimensionless] for orbit radius ``a`` [m] and β
    [rad]: between the conical shadow's outer and inner cones (Montenbruck & Gill 2000,
    Sec. 3.4.2)."""
    rho_e = earth_angular_radius_si(a)
    rho_s = sun_angular_radius_si(sun_distance)
    return shadow_fraction_si(rho_e + rho_s, beta) - shadow_fraction_si(rho_e - rho_s, beta)


def sunlit_fraction_si(a, beta, phase, sun_distance=_AU):
    """Visible fraction of the solar disk along the orbit [dimensionless] for orbit radius
    ``a`` [m], β and phase from noon [rad] (Montenbruck & Gill 2000, Eq. 3.87).

    Apparent radii a_s = asin(R_sun/d), b = asin(R/a); separation c = θ with
    cos θ = -cos β cos u.  Partly occulted: the overlap of two disks,
    A = a_s² acos(x/a_s) + b² acos((c-x)/b) - c y, x = (c² + a_s² - b²)/(2c), y = sqrt(a_s² - x²),
    and the sunlit fraction is 1 - A/(π a_s²).
    """
    a_s = sun_angular_radius_si(sun_distance)
    b = earth_angular_radius_si(a)
    c = np.arccos(np.clip(-np.cos(beta) * np.cos(phase), -1.0, 1.0))
    a_s, b, c = np.broadcast_arrays(a_s, b, c)
    partial = (c < a_s + b) & (c > b - a_s)
    with np.errstate(invalid="ignore", divide="ignore"):
        x = (c**2 + a_s**2 - b**2) / (2.0 * c)
        y = np.sqrt(np.maximum(a_s**2 - x**2, 0.0))
        area = (a_s**2 * np.arccos(np.clip(x / a_s, -1.0, 1.0))
                + b**2 * np.arccos(np.clip((c - x) / b, -1.0, 1.0)) - c * y)
        lit_partial = 1.0 - area / (np.pi * a_s**2)
    out = np.where(c >= a_s + b, 1.0, 0.0)
    return np.where(partial, np.clip(lit_partial, 0.0, 1.0), out)


def sun_ecliptic_si(t_centuries: np.ndarray):
    """Astronomical Almanac low-precision Sun (Vallado 2013, Algorithm 29).

    Returns ecliptic longitude λ [rad], obliquity ε [rad], distance r [m] and the mean
    longitude λ_M [rad] (the right ascension of the fictitious mean Sun)."""
    T = t_centuries
    mean_longitude = np.deg2rad(280.460 + 36000.771 * T)
    M = np.deg2rad(357.5291092 + 35999.05034 * T)
    lam = mean_longitude + np.deg2rad(1.914666471 * np.sin(M) + 0.019994643 * np.sin(2 * M))
    r_au = 1.000140612 - 0.016708617 * np.cos(M) - 0.000139589 * np.cos(2 * M)
    eps = np.deg2rad(23.439291 - 0.0130042 * T)
    return lam, eps, r_au * _AU, mean_longitude


def sun_unit_vector_si(t_centuries: np.ndarray) -> np.ndarray:
    """Unit vector to the Sun [dimensionless], mean equator and equinox of date, shape
    (..., 3), at Julian centuries from J2000 (Vallado 2013, Algorithm 29)."""
    lam, eps, _, _ = sun_ecliptic_si(t_centuries)
    return np.stack([np.cos(lam), np.cos(eps) * np.sin(lam), np.sin(eps) * np.sin(lam)], axis=-1)


def beta_from_sun_si(sun_unit: np.ndarray, inclination, raan) -> np.ndarray:
    """β = asin(ŝ · ĥ) [rad] with orbit normal ĥ = (sin i sin Ω, -sin i cos Ω, cos i),
    inclination and node [rad] (Gilmore 2002, ch. 2)."""
    si, ci = np.sin(inclination), np.cos(inclination)
    dot = (sun_unit[..., 0] * si * np.sin(raan)
           - sun_unit[..., 1] * si * np.cos(raan)
           + sun_unit[..., 2] * ci)
    return np.arcsin(np.clip(dot, -1.0, 1.0))
