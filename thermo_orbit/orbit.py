"""Circular orbits: period, J2 nodal regression, sun-synchronous orbits, β angle,
eclipses (cylindrical and conical shadow, with penumbra) and a low-precision Sun.

Public functions take and return :mod:`pint` quantities and broadcast over numpy arrays.
Each wraps a private ``_..._si`` kernel on float64 SI arrays (metres, seconds, radians)
that sweeps and the transient solver call directly.

Conventions
-----------
- ``altitude`` is above a spherical Earth of equatorial radius R = 6378.137 km; the
  shadow ignores the Earth's oblateness and atmosphere (a grazing atmosphere lengthens
  real eclipses by a few seconds).
- ``beta`` is the angle between the Sun direction and the orbit plane, positive on the
  side of the orbit normal (angular momentum).
- ``phase`` is the orbit angle measured in the direction of motion from *orbit noon*,
  the point of the orbit closest to the Sun; the eclipse is centred on phase = 180 deg.

References
----------
1. Vallado, D. A., *Fundamentals of Astrodynamics and Applications*, 4th ed., Microcosm
   Press, 2013: Eq. (1-27) two-body period; Eq. (9-41) secular J2 nodal rate;
   Sec. 11.4 sun-synchronous orbits; Algorithm 29 (SUN) low-precision Sun position.
2. Gilmore, D. G. (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed.,
   Aerospace Press, 2002, ch. 2: β angle and eclipse fraction
   f_E = acos(sqrt(h^2 + 2 R h) / ((R + h) cos β)) / 180 deg.
3. Montenbruck, O. and Gill, E., *Satellite Orbits*, Springer, 2000, Sec. 3.4.2:
   conical shadow model, occulted fraction of the solar disk.
4. The Astronomical Almanac, low-precision formula for the Sun (accuracy 0.01 deg,
   1950-2050), Sec. C.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Any

import numpy as np

from .constants import (
    ASTRONOMICAL_UNIT,
    EARTH_J2,
    EARTH_MU,
    EARTH_RADIUS,
    SOLAR_RADIUS,
    TROPICAL_YEAR,
)
from .errors import InputError, OutOfRangeError
from .timescales import julian_centuries_j2000, to_datetime64
from .units import Q_, check_range, quantity, si_value

__all__ = [
    "ALTITUDE_RANGE",
    "SHADOW_MODELS",
    "orbital_period",
    "nodal_regression_rate",
    "sun_synchronous_inclination",
    "critical_beta",
    "eclipse_fraction",
    "eclipse_duration",
    "penumbra_duration",
    "sunlit_fraction_along_orbit",
    "sun_direction",
    "earth_sun_distance",
    "beta_angle",
    "CircularOrbit",
    "BetaHistory",
    "beta_angle_over_year",
    "check_altitude",
    "check_beta",
    "eclipse_fraction_si",
    "sunlit_fraction_si",
    "sun_ecliptic_si",
]

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


def _inclination_si(inclination: Any, name: str = "inclination") -> np.ndarray:
    i = si_value(inclination, name, "rad", 'Q_(51.6, "deg")')
    check_range(i, name, 0.0, np.pi, "rad", display_unit="deg")
    return i


def _shadow_model(model: str) -> str:
    if model not in SHADOW_MODELS:
        raise InputError("model", model, f"one of {', '.join(SHADOW_MODELS)}")
    return model


# --------------------------------------------------------------------------- kernels

def _period_si(a: np.ndarray) -> np.ndarray:
    """Two-body period T = 2π sqrt(a³/μ) [s] of a circular orbit of radius ``a`` [m]."""
    return 2.0 * np.pi * np.sqrt(a**3 / _MU)


def _nodal_rate_si(a: np.ndarray, inclination: np.ndarray) -> np.ndarray:
    """Secular J2 nodal rate dΩ/dt = -3/2 n J2 (R/a)² cos i [rad/s] (circular orbit)."""
    n = np.sqrt(_MU / a**3)
    return -1.5 * n * _J2 * (_R / a) ** 2 * np.cos(inclination)


def _sso_cos_inclination_si(a: np.ndarray) -> np.ndarray:
    n = np.sqrt(_MU / a**3)
    return _SSO_RATE / (-1.5 * n * _J2 * (_R / a) ** 2)


def _earth_angular_radius_si(a: np.ndarray) -> np.ndarray:
    """Apparent angular radius of the Earth from orbit radius ``a``: asin(R/a) [rad]."""
    return np.arcsin(_R / a)


def _sun_angular_radius_si(sun_distance: np.ndarray | float = _AU) -> np.ndarray:
    return np.arcsin(_R_SUN / np.asarray(sun_distance, dtype=np.float64))


def _shadow_fraction_si(half_angle: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """Fraction of a circular orbit where the Earth–Sun apparent separation θ is below
    ``half_angle``.  With cos θ = -cos β cos u along the orbit this is
    f = acos(cos(half_angle)/cos β)/π when |β| < half_angle, else 0."""
    ratio = np.cos(half_angle) / np.cos(beta)
    return np.where(ratio < 1.0, np.arccos(np.minimum(ratio, 1.0)) / np.pi, 0.0)


def eclipse_fraction_si(a, beta, model: str = "cylindrical", sun_distance=_AU):
    """Kernel of :func:`eclipse_fraction`: the fraction of the orbit in shadow [dimensionless]
    for orbit radius ``a`` [m] and β [rad]; cylindrical shadow (Gilmore 2002, Eq. 2.4) or
    conical umbra (Montenbruck & Gill 2000, Sec. 3.4)."""
    rho_e = _earth_angular_radius_si(a)
    if model == "cylindrical":
        return _shadow_fraction_si(rho_e, beta)
    return _shadow_fraction_si(rho_e - _sun_angular_radius_si(sun_distance), beta)


def _penumbra_fraction_si(a, beta, sun_distance=_AU):
    rho_e = _earth_angular_radius_si(a)
    rho_s = _sun_angular_radius_si(sun_distance)
    return _shadow_fraction_si(rho_e + rho_s, beta) - _shadow_fraction_si(rho_e - rho_s, beta)


def sunlit_fraction_si(a, beta, phase, sun_distance=_AU):
    """Visible fraction of the solar disk along the orbit [dimensionless] for orbit radius
    ``a`` [m], β and phase from noon [rad] (Montenbruck & Gill 2000, Eq. 3.87).

    Apparent radii a_s = asin(R_sun/d), b = asin(R/a); separation c = θ with
    cos θ = -cos β cos u.  Partly occulted: the overlap of two disks,
    A = a_s² acos(x/a_s) + b² acos((c-x)/b) - c y, x = (c² + a_s² - b²)/(2c), y = sqrt(a_s² - x²),
    and the sunlit fraction is 1 - A/(π a_s²).
    """
    a_s = _sun_angular_radius_si(sun_distance)
    b = _earth_angular_radius_si(a)
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


def _sun_unit_vector_si(t_centuries: np.ndarray) -> np.ndarray:
    """Unit vector to the Sun, mean equator and equinox of date, shape (..., 3)."""
    lam, eps, _, _ = sun_ecliptic_si(t_centuries)
    return np.stack([np.cos(lam), np.cos(eps) * np.sin(lam), np.sin(eps) * np.sin(lam)], axis=-1)


def _beta_si_kernel(sun_unit: np.ndarray, inclination, raan) -> np.ndarray:
    """β = asin(ŝ · ĥ) with orbit normal ĥ = (sin i sin Ω, -sin i cos Ω, cos i)."""
    si, ci = np.sin(inclination), np.cos(inclination)
    dot = (sun_unit[..., 0] * si * np.sin(raan)
           - sun_unit[..., 1] * si * np.cos(raan)
           + sun_unit[..., 2] * ci)
    return np.arcsin(np.clip(dot, -1.0, 1.0))


# --------------------------------------------------------------------------- public API

def orbital_period(altitude):
    """Period of a circular two-body orbit.

    .. math:: T = 2\\pi \\sqrt{a^3/\\mu}, \\quad a = R_E + h

    Parameters
    ----------
    altitude : Quantity
        Altitude above the equatorial radius, [length], 100 km to 100 000 km.

    Returns
    -------
    Quantity
        Period, [min].

    References
    ----------
    Vallado (2013), Eq. (1-27).

    Examples
    --------
    >>> round(orbital_period(Q_(550, "km")).to("min").magnitude, 2)
    95.65
    """
    return quantity(_period_si(_R + check_altitude(altitude)), "s").to("min")


def nodal_regression_rate(altitude, inclination):
    """Secular drift of the right ascension of the ascending node from J2.

    .. math:: \\dot\\Omega = -\\tfrac{3}{2}\\, n\\, J_2 \\left(\\frac{R_E}{a}\\right)^2 \\cos i

    Parameters
    ----------
    altitude : Quantity
        [length], 100 km to 100 000 km.
    inclination : Quantity
        [angle], 0 to 180 deg.

    Returns
    -------
    Quantity
        Nodal rate, [deg/day]; negative (westward) for prograde orbits.

    References
    ----------
    Vallado (2013), Eq. (9-41) with e = 0.

    Examples
    --------
    >>> round(nodal_regression_rate(Q_(400, "km"), Q_(51.6, "deg")).magnitude, 2)
    -5.0
    """
    a = _R + check_altitude(altitude)
    return quantity(_nodal_rate_si(a, _inclination_si(inclination)), "rad/s").to("deg/day")


def sun_synchronous_inclination(altitude):
    """Inclination whose J2 nodal drift follows the mean Sun (360 deg per tropical year).

    .. math:: \\cos i = -\\frac{2\\,\\dot\\Omega_\\odot}{3\\, n\\, J_2 (R_E/a)^2},
              \\quad \\dot\\Omega_\\odot = 2\\pi / 365.2421897\\,\\mathrm{d}

    Parameters
    ----------
    altitude : Quantity
        [length]; a circular sun-synchronous orbit exists below about 5 970 km.

    Returns
    -------
    Quantity
        Inclination, [deg].

    References
    ----------
    Vallado (2013), Sec. 11.4, Eq. (11-15).

    Examples
    --------
    >>> round(sun_synchronous_inclination(Q_(800, "km")).magnitude, 2)
    98.6
    """
    h = check_altitude(altitude)
    cos_i = _sso_cos_inclination_si(_R + h)
    if np.any(cos_i < -1.0):
        bad = float(np.asarray(h)[cos_i < -1.0].ravel()[0]) / 1e3
        raise OutOfRangeError(
            "altitude", bad, "below about 5970 km for a circular sun-synchronous orbit",
            f"altitude: no circular sun-synchronous orbit exists at {bad:.6g} km "
            "(J2 cannot turn the node fast enough above about 5970 km)",
        )
    return quantity(np.arccos(cos_i), "rad").to("deg")


def critical_beta(altitude):
    """β above which a circular orbit sees no eclipse (cylindrical shadow).

    .. math:: \\beta^* = \\arcsin\\left(\\frac{R_E}{R_E + h}\\right)

    Parameters
    ----------
    altitude : Quantity
        [length].

    Returns
    -------
    Quantity
        [deg].

    References
    ----------
    Gilmore (2002), Vol. I, ch. 2, Eq. (2.2).

    Examples
    --------
    >>> round(critical_beta(Q_(400, "km")).magnitude, 1)
    70.2
    """
    return quantity(_earth_angular_radius_si(_R + check_altitude(altitude)), "rad").to("deg")


def eclipse_fraction(altitude, beta, model: str = "cylindrical", sun_distance=None):
    """Fraction of a circular orbit spent in the Earth's shadow.

    ``model="cylindrical"``: the shadow is a cylinder of the Earth's radius (Gilmore 2002, Eq. 2.3),

    .. math:: f_E = \\frac{1}{\\pi}\\arccos\\left(\\frac{\\sqrt{h^2 + 2 R_E h}}{(R_E + h)\\cos\\beta}\\right),
              \\ |\\beta| < \\beta^*;\\qquad f_E = 0 \\text{ otherwise.}

    ``model="conical"``: the umbra, where no part of the Sun's disk is visible: the
    apparent separation of the Earth and Sun centres is less than ρ_E − ρ_S, with
    ρ_E = asin(R_E/a) and ρ_S = asin(R_sun/d) (Montenbruck & Gill 2000, Sec. 3.4.2),

    .. math:: f_U = \\frac{1}{\\pi}\\arccos\\left(\\frac{\\cos(\\rho_E - \\rho_S)}{\\cos\\beta}\\right).

    The cylindrical shadow lies between the umbra and the umbra plus penumbra.

    Parameters
    ----------
    altitude : Quantity
        [length].
    beta : Quantity
        Solar β angle, [angle], -90 to 90 deg.
    model : {"cylindrical", "conical"}
    sun_distance : Quantity, optional
        Earth–Sun distance for the Sun's apparent size, [length]; default 1 au.

    Returns
    -------
    Quantity
        Dimensionless fraction of the period, 0 to 0.5.

    Examples
    --------
    >>> round(float(eclipse_fraction(Q_(400, "km"), Q_(0, "deg")).magnitude), 4)
    0.3901
    """
    a = _R + check_altitude(altitude)
    b = check_beta(beta)
    d = _AU if sun_distance is None else si_value(sun_distance, "sun_distance", "m", 'Q_(1, "au")')
    return quantity(eclipse_fraction_si(a, b, _shadow_model(model), d), "")


def eclipse_duration(altitude, beta, model: str = "cylindrical", sun_distance=None):
    """Time per orbit in shadow: ``eclipse_fraction × orbital_period``, [min].

    See :func:`eclipse_fraction` for the models: the cylindrical shadow of Gilmore (2002),
    Eq. (2.3), or the conical umbra of Montenbruck & Gill (2000), Sec. 3.4.2.

    Parameters
    ----------
    altitude : Quantity
        [length], 100 km to 100 000 km.
    beta : Quantity
        Solar β angle, [angle], -90 to 90 deg.
    model : {"cylindrical", "conical"}
    sun_distance : Quantity, optional
        Earth–Sun distance for the Sun's apparent size, [length]; default 1 au.

    Returns
    -------
    Quantity
        [min].

    Examples
    --------
    >>> round(eclipse_duration(Q_(400, "km"), Q_(0, "deg")).magnitude, 1)
    36.1
    """
    a = _R + check_altitude(altitude)
    b = check_beta(beta)
    d = _AU if sun_distance is None else si_value(sun_distance, "sun_distance", "m", 'Q_(1, "au")')
    f = eclipse_fraction_si(a, b, _shadow_model(model), d)
    return quantity(f * _period_si(a), "s").to("min")


def penumbra_duration(altitude, beta, sun_distance=None):
    """Total time per orbit in penumbra (entry and exit together), [s].

    The penumbra is where the apparent Earth–Sun separation θ satisfies
    ρ_E − ρ_S < θ < ρ_E + ρ_S (Montenbruck & Gill 2000, Sec. 3.4.2):

    .. math:: t_P = \\frac{T}{\\pi}\\left[\\arccos\\frac{\\cos(\\rho_E+\\rho_S)}{\\cos\\beta}
              - \\arccos\\frac{\\cos(\\rho_E-\\rho_S)}{\\cos\\beta}\\right]

    Examples
    --------
    >>> round(penumbra_duration(Q_(400, "km"), Q_(0, "deg")).magnitude, 1)
    16.4
    """
    a = _R + check_altitude(altitude)
    b = check_beta(beta)
    d = _AU if sun_distance is None else si_value(sun_distance, "sun_distance", "m", 'Q_(1, "au")')
    return quantity(_penumbra_fraction_si(a, b, d) * _period_si(a), "s")


def sunlit_fraction_along_orbit(altitude, beta, phase, sun_distance=None):
    """Visible fraction of the solar disk, 0 (umbra) to 1 (full Sun), along the orbit.

    ``phase`` is measured from orbit noon in the direction of motion (eclipse centred at
    180 deg).  Inside the penumbra the fraction is one minus the occulted area of two
    overlapping disks of apparent radii ρ_S and ρ_E (Montenbruck & Gill 2000, Eq. 3.87).

    Parameters
    ----------
    altitude : Quantity
        [length].
    beta : Quantity
        [angle].
    phase : Quantity
        Orbit angle from orbit noon, [angle]; any value (periodic).
    sun_distance : Quantity, optional
        [length], default 1 au.

    Returns
    -------
    Quantity
        Dimensionless, broadcast over the inputs.

    Examples
    --------
    >>> float(sunlit_fraction_along_orbit(Q_(550, "km"), Q_(0, "deg"), Q_(180, "deg")).magnitude)
    0.0
    """
    a = _R + check_altitude(altitude)
    b = check_beta(beta)
    u = si_value(phase, "phase", "rad", 'Q_(90, "deg")')
    d = _AU if sun_distance is None else si_value(sun_distance, "sun_distance", "m", 'Q_(1, "au")')
    return quantity(sunlit_fraction_si(a, b, u, d), "")


def sun_direction(time):
    """Unit vector from the Earth to the Sun (mean equator and equinox of date).

    Astronomical Almanac low-precision formula (Vallado 2013, Algorithm 29), accurate to
    0.01 deg between 1950 and 2050:
    λ_M = 280.460° + 36000.771° T, M = 357.5291092° + 35999.05034° T,
    λ = λ_M + 1.914666471° sin M + 0.019994643° sin 2M, ε = 23.439291° − 0.0130042° T,
    ŝ = (cos λ, cos ε sin λ, sin ε sin λ), with T in Julian centuries from J2000.0.

    Parameters
    ----------
    time : datetime, numpy.datetime64, ISO string, or an array of them (UTC)

    Returns
    -------
    Quantity
        Dimensionless array of shape ``time.shape + (3,)``.

    Examples
    --------
    >>> v = sun_direction("2006-04-02T00:00:00").magnitude
    >>> [round(float(x), 4) for x in v]
    [0.9777, 0.1925, 0.0835]
    """
    return Q_(_sun_unit_vector_si(julian_centuries_j2000(time)), "")


def earth_sun_distance(time):
    """Earth–Sun distance from the same low-precision formula (Vallado 2013, Alg. 29):
    r = 1.000140612 − 0.016708617 cos M − 0.000139589 cos 2M, [au].

    Examples
    --------
    >>> round(earth_sun_distance("2026-01-03").magnitude, 4)
    0.9833
    """
    _, _, r, _ = sun_ecliptic_si(julian_centuries_j2000(time))
    return quantity(r, "m").to("au")


def beta_angle(time, inclination, raan):
    """Solar β angle: the angle between the Sun direction and the orbit plane.

    .. math:: \\beta = \\arcsin(\\hat s \\cdot \\hat h),\\quad
              \\hat h = (\\sin i \\sin\\Omega,\\ -\\sin i\\cos\\Omega,\\ \\cos i)

    which equals Gilmore (2002) Eq. (2.1):
    β = asin(cos Γ sin Ω sin i − sin Γ cos ε cos Ω sin i + sin Γ sin ε cos i).

    Parameters
    ----------
    time : datetime, datetime64, ISO string or array of them (UTC)
    inclination : Quantity
        [angle], 0 to 180 deg.
    raan : Quantity
        Right ascension of the ascending node at ``time``, [angle].

    Returns
    -------
    Quantity
        [deg], broadcast over the inputs.
    """
    s = _sun_unit_vector_si(julian_centuries_j2000(time))
    i = _inclination_si(inclination)
    raan_si = si_value(raan, "raan", "rad", 'Q_(0, "deg")')
    return quantity(_beta_si_kernel(s, i, raan_si), "rad").to("deg")


def _ltan_hours(ltan: Any) -> float:
    if isinstance(ltan, str):
        try:
            hh, mm = ltan.strip().split(":")[:2]
            value = int(hh) + int(mm) / 60.0
        except ValueError:
            raise InputError("ltan", ltan, 'a local time such as "06:00" or Q_(18, "hour")') from None
    else:
        value = float(si_value(ltan, "ltan", "hour", 'Q_(18, "hour") or "18:00"'))
    if not 0.0 <= value < 24.0:
        raise OutOfRangeError("ltan", ltan, 'a local time from "00:00" to "23:59"')
    return value


@dataclass(frozen=True)
class CircularOrbit:
    """A circular orbit: altitude, inclination and the ascending node at ``epoch``.

    The node drifts at the J2 rate from :func:`nodal_regression_rate`.  Build a
    sun-synchronous orbit from its local time of the ascending node with
    :meth:`sun_synchronous`.
    """

    altitude: Any
    inclination: Any
    raan: Any
    epoch: np.datetime64

    def __post_init__(self):
        check_altitude(self.altitude)
        _inclination_si(self.inclination)
        si_value(self.raan, "raan", "rad", 'Q_(0, "deg")')
        object.__setattr__(self, "epoch", to_datetime64(self.epoch, "epoch")[()])

    @classmethod
    def sun_synchronous(cls, altitude, ltan, epoch) -> "CircularOrbit":
        """A sun-synchronous orbit with its ascending node at local mean solar time ``ltan``
        (``"06:00"`` or ``"18:00"`` is a dawn-dusk orbit).

        Ω = α_mean Sun + 15°/h × (LTAN − 12 h), with the right ascension of the mean Sun
        equal to the Sun's mean longitude λ_M (Vallado 2013, Sec. 11.4 and Alg. 29); the
        inclination is :func:`sun_synchronous_inclination`.

        Parameters
        ----------
        altitude : Quantity
            [length]; below about 5 970 km.
        ltan : str or Quantity
            Local time of the ascending node, ``"HH:MM"`` or [time] such as ``Q_(18, "hour")``.
        epoch : datetime, numpy.datetime64 or ISO string (UTC)
            The time at which the node has this local time.
        """
        hours = _ltan_hours(ltan)
        t = julian_centuries_j2000(epoch, "epoch")
        _, _, _, mean_longitude = sun_ecliptic_si(t)
        raan = np.mod(mean_longitude + np.deg2rad(15.0 * (hours - 12.0)), 2 * np.pi)
        return cls(altitude, sun_synchronous_inclination(altitude), quantity(raan, "rad").to("deg"), epoch)

    def _si(self):
        a = float(_R + check_altitude(self.altitude))
        i = float(_inclination_si(self.inclination))
        raan0 = float(si_value(self.raan, "raan", "rad"))
        return a, i, raan0

    def _raan_si(self, t64):
        """(inclination, node) [rad] at times ``t64``: the node drifts at the J2 rate from ``epoch``."""
        a, i, raan0 = self._si()
        dt = (t64 - self.epoch).astype("timedelta64[us]").astype(np.float64) * 1e-6
        return i, raan0 + _nodal_rate_si(a, i) * dt

    def raan_at(self, time):
        """Right ascension of the ascending node at ``time`` (J2 drift from ``epoch``), [deg]."""
        _, raan = self._raan_si(to_datetime64(time))
        return quantity(np.mod(raan, 2 * np.pi), "rad").to("deg")

    def beta(self, time):
        """β angle at ``time``, [deg]."""
        t64 = to_datetime64(time)
        i, raan = self._raan_si(t64)
        s = _sun_unit_vector_si(julian_centuries_j2000(t64))
        return quantity(_beta_si_kernel(s, i, raan), "rad").to("deg")


@dataclass(frozen=True)
class BetaHistory:
    """β and eclipses over a span of days, sampled once per ``step``."""

    time: np.ndarray  #: datetime64[us] sample times (UTC)
    elapsed: Any  #: Quantity [day] since the start
    beta: Any  #: Quantity [deg]
    eclipse_fraction: Any  #: Quantity [dimensionless], cylindrical shadow
    eclipse_duration: Any  #: Quantity [min], cylindrical shadow
    umbra_duration: Any  #: Quantity [min], conical umbra at the day's Earth–Sun distance
    period: Any  #: Quantity [min]

    @property
    def max_eclipse_duration(self):
        """Longest eclipse over the span, [min]."""
        return self.eclipse_duration.max()

    @property
    def days_with_eclipse(self):
        """Number of samples with an eclipse (days, at the default one-day step)."""
        return int(np.count_nonzero(self.eclipse_fraction.magnitude > 0.0))


def beta_angle_over_year(orbit: CircularOrbit, start=None, days=365.0, step=None) -> BetaHistory:
    """β angle and eclipse duration of ``orbit`` from ``start`` over ``days`` days.

    The node moves with the J2 drift (for a sun-synchronous orbit, with the mean Sun), so
    the β of a dawn-dusk orbit follows the Sun's declination and shows its eclipse season
    around one solstice.

    β from :func:`beta_angle` (Gilmore 2002, Eq. 2.1) with the node at the J2 rate of
    Vallado (2013), Eq. (9-41); each day's eclipse from the cylindrical shadow (Gilmore
    2002, Eq. 2.3) and the conical umbra at that day's Earth–Sun distance (Montenbruck &
    Gill 2000, Sec. 3.4.2).

    Parameters
    ----------
    orbit : CircularOrbit
    start : time, optional
        Default: the orbit's epoch.
    days : float or Quantity
        Span, a number of days or [time]; default 365 days.
    step : Quantity, optional
        Sampling interval, [time]; default 1 day.

    Returns
    -------
    BetaHistory
        ``beta`` [deg], ``eclipse_duration`` and ``umbra_duration`` [min],
        ``eclipse_fraction`` (dimensionless) and ``elapsed`` [day] at each sample.
    """
    if not isinstance(orbit, CircularOrbit):
        raise InputError("orbit", orbit, "a CircularOrbit")
    span = float(si_value(days, "days", "day")) if not isinstance(days, (int, float)) else float(days)
    dt = 1.0 if step is None else float(si_value(step, "step", "day", 'Q_(1, "day")'))
    check_range(np.asarray(span), "days", 0.0, 36525.0, "day")
    check_range(np.asarray(dt), "step", 1e-6, None, "day", low_inclusive=False)
    start64 = orbit.epoch if start is None else to_datetime64(start, "start")[()]
    elapsed = np.arange(0.0, span + 0.5 * dt, dt)
    times = start64 + (elapsed * 86400e6).astype("timedelta64[us]")
    beta = orbit.beta(times)
    a = float(_R + check_altitude(orbit.altitude))
    b = beta.to("rad").magnitude
    _, _, dist, _ = sun_ecliptic_si(julian_centuries_j2000(times))
    period = float(_period_si(a))
    frac = eclipse_fraction_si(a, b, "cylindrical")
    umbra = eclipse_fraction_si(a, b, "conical", dist)
    return BetaHistory(
        time=times,
        elapsed=Q_(elapsed, "day"),
        beta=beta,
        eclipse_fraction=Q_(frac, ""),
        eclipse_duration=Q_(frac * period / 60.0, "min"),
        umbra_duration=Q_(umbra * period / 60.0, "min"),
        period=Q_(period / 60.0, "min"),
    )


