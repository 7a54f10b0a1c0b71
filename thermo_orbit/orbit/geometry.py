"""The orbit's public functions on pint quantities: period, J2 nodal regression,
sun-synchronous inclination, critical β, eclipse and penumbra, the Sun's direction and
distance, the β angle.  Each checks its inputs once and calls an SI kernel of
:mod:`thermo_orbit.orbit.kernels`; references as in :mod:`thermo_orbit.orbit`."""

from __future__ import annotations

import numpy as np

from ..constants import ASTRONOMICAL_UNIT, EARTH_RADIUS
from ..errors import OutOfRangeError
from ..timescales import julian_centuries_j2000
from ..units import Q_, quantity, si_value
from .kernels import (
    beta_from_sun_si,
    check_altitude,
    check_beta,
    check_inclination,
    check_shadow_model,
    earth_angular_radius_si,
    eclipse_fraction_si,
    nodal_rate_si,
    penumbra_fraction_si,
    period_si,
    sso_cos_inclination_si,
    sun_ecliptic_si,
    sun_unit_vector_si,
    sunlit_fraction_si,
)

__all__ = ["orbital_period", "nodal_regression_rate", "sun_synchronous_inclination", "critical_beta",
           "eclipse_fraction", "eclipse_duration", "penumbra_duration", "sunlit_fraction_along_orbit", "sun_direction",
           "earth_sun_distance", "beta_angle"]

_R = EARTH_RADIUS.si
_AU = ASTRONOMICAL_UNIT.si

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
    return quantity(period_si(_R + check_altitude(altitude)), "s").to("min")


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
    return quantity(nodal_rate_si(a, check_inclination(inclination)), "rad/s").to("deg/day")


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
    cos_i = sso_cos_inclination_si(_R + h)
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
    return quantity(earth_angular_radius_si(_R + check_altitude(altitude)), "rad").to("deg")


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
    return quantity(eclipse_fraction_si(a, b, check_shadow_model(model), d), "")


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
    f = eclipse_fraction_si(a, b, check_shadow_model(model), d)
    return quantity(f * period_si(a), "s").to("min")


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
    return quantity(penumbra_fraction_si(a, b, d) * period_si(a), "s")


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
    return Q_(sun_unit_vector_si(julian_centuries_j2000(time)), "")


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
    s = sun_unit_vector_si(julian_centuries_j2000(time))
    i = check_inclination(inclination)
    raan_si = si_value(raan, "raan", "rad", 'Q_(0, "deg")')
    return quantity(beta_from_sun_si(s, i, raan_si), "rad").to("deg")
