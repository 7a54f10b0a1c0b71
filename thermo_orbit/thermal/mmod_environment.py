"""Micrometeoroid and orbital-debris (MMOD) environment: cumulative fluxes of particles larger
than a size, for the probability of no penetration of :mod:`thermo_orbit.thermal.survivability`.

Fluxes are per unit area of a randomly oriented (randomly tumbling) surface, the convention of
the Grün model (ECSS-E-ST-10-04C 10.2.4.1: "number of particles with mass m or larger per m2 per
year impacting a single-sided randomly oriented flat plate") and of the NASA tables of [4].
For a convex body that convention gives impacts = flux x surface area (Cauchy: the mean projected
area of a convex body is a quarter of its surface, and an isotropic plate flux is a quarter of the
cross-sectional flux).

Meteoroids: Grün et al. (1985) interplanetary flux at 1 AU [1] as transcribed in [2], times the
Earth's gravitational focusing G = 1 + R_a/r and the mean Earth-shielding factor
(1 + cos η)/2, sin η = R_a/r, R_a = 6378 km + 100 km of atmosphere [2][3].  The focusing and
shielding form is read in secondary transcriptions (Pisacane, *Fundamentals of Space Systems*,
2nd ed. 2005, Eqs. 11.2 and 11.4, and the SPENVIS "meteoroid and debris models" page, both as
quoted in public course and application code); it reproduces the altitude ratios that
Christiansen (2009) [4] Table 2-3 prints for SSP 30425 Rev. B to 0.5 % (tests).  The absolute
level is 11 to 13 % below that table at every size and altitude compared (a finding, see
docs/physics/survivability.md).

Orbital debris: ORDEM2000 values as printed (read in the primary PDF) by Christiansen (2009) [4]:
Table 2-3 (flux of >= 3 mm on a randomly tumbling object against altitude, 51.6 deg, 2010),
Table 2-5 (against inclination, 400 km, 2010), Table 2-4 (against year 2002-2023, 400 km) and
Table 2-2 (>= 0.1 mm and >= 1 cm on a cube at 400 km, 51.6 deg, 2002, which fixes the size
distribution).  The factors are applied as a separable product (a design assumption, stated in
the docstrings); sizes between the printed ones are interpolated as power laws.

References
----------
1. Grün, E., Zook, H. A., Fechtig, H., Giese, R. H., "Collisional balance of the meteoritic
   complex", Icarus 62 (1985) 244-272 (primary not read).
2. ECSS-E-ST-10-04C (2008), Space environment, 10.2.4.1 (Grün flux F1, F2, F3, m in g) and
   C.1.3 (R_e = 6378 km, 100 km for the atmosphere), read at spenvis.eu.
3. Pisacane, V. L. (ed.), *Fundamentals of Space Systems*, 2nd ed., Oxford, 2005, Eqs. 11.2,
   11.4 (secondary: as quoted in public course code).
4. Christiansen, E. L. et al., *Handbook for Designing MMOD Protection*, NASA/TM-2009-214785,
   2009, Sec. 2.6 and Tables 2-2 to 2-5 (ORDEM2000 and SSP 30425 Rev. B).
"""

from __future__ import annotations

import warnings

import numpy as np
from numba import njit

from ..errors import ExtrapolationWarning, OutOfRangeError
from ..units import Q_, check_range, quantity, si_value

__all__ = [
    "JULIAN_YEAR",
    "METEOROID_DENSITY",
    "METEOROID_VELOCITY",
    "DEBRIS_DENSITY",
    "DEBRIS_VELOCITY",
    "GRUN_MASS_RANGE",
    "DEBRIS_DIAMETER_RANGE",
    "DEBRIS_ALTITUDE_RANGE",
    "DEBRIS_INCLINATION_RANGE",
    "DEBRIS_YEAR_RANGE",
    "particle_mass_si",
    "grun_flux_si",
    "earth_focusing_si",
    "earth_shielding_si",
    "meteoroid_flux_si",
    "debris_flux_si",
    "debris_year_factor_si",
    "debris_validity_si",
    "grun_flux",
    "meteoroid_flux",
    "debris_flux",
]

JULIAN_YEAR = 365.25 * 86400.0  #: [s]; the factor 3.15576e7 s/yr of the Grün transcriptions [3]

#: Meteoroid density [kg/m^3]: 1.0 g/cm^3, used with SSP 30425 Rev. B in Christiansen (2009),
#: Table 2-2 caption.  (Sec. 2.6.1 gives 2 g/cm^3 below 1 ug to 0.5 g/cm^3 above 0.01 g.)
METEOROID_DENSITY = 1000.0
#: Mean meteoroid impact speed on an Earth-orbiting spacecraft [m/s]: 19 km/s, Christiansen (2009) Sec. 2.6.1.
METEOROID_VELOCITY = 19.0e3
#: Orbital-debris density [kg/m^3]: 2.8 g/cm^3 (aluminium), Christiansen (2009) Sec. 2.6.2.
DEBRIS_DENSITY = 2800.0
#: Mean debris impact speed at 400 km [m/s]: "about 9 km/s", Christiansen (2009) Sec. 2.6.2.
DEBRIS_VELOCITY = 9.0e3

#: Mass range of the Grün model [kg] (1e-18 g to 100 g): secondary (public transcriptions); the
#: ECSS text read does not state it.
GRUN_MASS_RANGE = (1e-21, 0.1)

_R_ATMOSPHERE = (6378.0 + 100.0) * 1e3  # [m] ECSS-E-ST-10-04C C.1.3: R_e = 6378 km plus 100 km

# --- ORDEM2000 as printed in Christiansen (2009), NASA/TM-2009-214785 (numbers read in the PDF) --
# Table 2-3: >= 3 mm on a randomly tumbling object, 51.6 deg, year 2010 [#/m^2-yr] against altitude.
_ALT_KM = np.array([300.0, 400.0, 500.0, 800.0, 1000.0, 1500.0])
_ALT_FLUX = np.array([3.40e-5, 9.92e-5, 2.05e-4, 6.16e-4, 6.97e-4, 3.02e-4])
# Table 2-5: >= 3 mm, 400 km, 2010, against inclination [deg]; divided by the 51.6 deg value.
_INC_DEG = np.array([0.0, 10.0, 20.0, 28.5, 48.0, 51.6, 66.0, 90.0, 98.0])
_INC_RATIO = np.array([9.13e-5, 9.13e-5, 9.38e-5, 9.75e-5, 9.76e-5, 9.92e-5, 1.08e-4, 1.35e-4, 1.49e-4]) / 9.92e-5
# Table 2-4: >= 3 mm, 400 km, 51.6 deg, against year; divided by the 2010 value (9.92e-5, as in 2-3, 2-5).
_YEARS = np.arange(2002.0, 2024.0)
_YEAR_RATIO = np.array([6.25e-5, 7.04e-5, 7.60e-5, 7.28e-5, 8.90e-5, 9.52e-5, 9.74e-5, 9.87e-5, 9.92e-5,
                        1.14e-4, 1.07e-4, 9.98e-5, 9.19e-5, 8.85e-5, 9.91e-5, 1.24e-4, 1.19e-4, 1.23e-4,
                        1.22e-4, 1.19e-4, 1.18e-4, 1.22e-4]) / 9.92e-5
# Size distribution at 400 km, 51.6 deg, 2002: Table 2-2 (annual impacts on a cube, summed over its
# six faces: 21.3 of >= 0.1 mm, 2.88e-6 of >= 1 cm) and Table 2-4 (2002: 6.25e-5 /m^2-yr of >= 3 mm,
# tumbling).  Design assumption: the cube has 1 m^2 faces and its six-face total per m^2 equals the
# tumbling flux (checked on the meteoroid columns of the same tables: 2 % agreement, tests); relative
# to >= 3 mm.
_SIZE_M = np.array([1e-4, 3e-3, 1e-2])
_SIZE_RATIO = np.array([21.3 / 6.0, 6.25e-5, 2.88e-6 / 6.0]) / 6.25e-5
_LOG_SIZE_M, _LOG_SIZE_RATIO = np.log(_SIZE_M), np.log(_SIZE_RATIO)

DEBRIS_DIAMETER_RANGE = (1e-4, 1e-2)  #: [m] sizes printed (0.1 mm to 1 cm)
DEBRIS_ALTITUDE_RANGE = (300e3, 1500e3)  #: [m] altitudes printed
DEBRIS_INCLINATION_RANGE = (0.0, np.radians(98.0))  #: [rad] inclinations printed
DEBRIS_YEAR_RANGE = (2002.0, 2023.0)  #: calendar years printed


def particle_mass_si(diameter, density):
    """Mass of a spherical particle, m = π ρ d³ / 6, [kg], from its diameter ``diameter`` [m] and
    density ``density`` [kg/m^3] (the sphere assumption of Christiansen (2009) Sec. 2.6)."""
    d = np.asarray(diameter, dtype=np.float64)
    return np.pi / 6.0 * np.asarray(density, dtype=np.float64) * d**3


def grun_flux_si(mass):
    """Grün et al. (1985) interplanetary meteoroid flux at 1 AU of particles of mass >= ``mass``.

    .. math:: F = (2.2\\times10^3 m^{0.306} + 15)^{-4.38}
              + 1.3\\times10^{-9} (m + 10^{11} m^2 + 10^{27} m^4)^{-0.36}
              + 1.3\\times10^{-16} (m + 10^6 m^2)^{-0.85}

    with m in grams and F in m⁻² s⁻¹ on a randomly oriented single-sided plate, as transcribed
    in ECSS-E-ST-10-04C 10.2.4.1 (which multiplies by 3.156e7 s/yr).  Mass [kg] in, flux
    [1/(m^2*s)] out.  Stated mass range (secondary): 1e-18 g to 100 g (:data:`GRUN_MASS_RANGE`).

    Examples
    --------
    >>> f = float(grun_flux_si(1e-6)) * JULIAN_YEAR   # particles of 1 mg and heavier, per m^2 and year
    >>> round(f, 6)
    0.000597
    """
    m = np.asarray(mass, dtype=np.float64) * 1e3  # [g]
    f1 = (2.2e3 * m**0.306 + 15.0) ** -4.38
    f2 = 1.3e-9 * (m + 1e11 * m**2 + 1e27 * m**4) ** -0.36
    f3 = 1.3e-16 * (m + 1e6 * m**2) ** -0.85
    return f1 + f2 + f3


def _sin_eta(altitude):
    return np.minimum(_R_ATMOSPHERE / (_R_ATMOSPHERE - 100e3 + np.asarray(altitude, dtype=np.float64)), 1.0)


def earth_focusing_si(altitude):
    """Gravitational focusing factor G = 1 + R_a / r, [dimensionless], at ``altitude`` [m] above a
    6378 km Earth, R_a = 6478 km (ECSS-E-ST-10-04C C.1.3 radius and atmosphere; the form as in
    Pisacane 2005 and SPENVIS, secondary)."""
    return 1.0 + _sin_eta(altitude)


def earth_shielding_si(altitude):
    """Mean Earth-shielding factor of a randomly oriented surface, (1 + cos η)/2 with
    sin η = R_a / r, [dimensionless], at ``altitude`` [m] (Pisacane 2005, Eq. 11.4, secondary;
    R_a as in ECSS-E-ST-10-04C C.1.3)."""
    s = _sin_eta(altitude)
    return 0.5 * (1.0 + np.sqrt(1.0 - s * s))


def meteoroid_flux_si(diameter, altitude, density=METEOROID_DENSITY):
    """Meteoroid flux in Earth orbit of particles of diameter >= ``diameter`` [m] at ``altitude``
    [m], density ``density`` [kg/m^3]: Grün et al. (1985) × focusing × shielding, [1/(m^2*s)] on a
    randomly oriented surface (ECSS-E-ST-10-04C 10.2.4.1 flux; focusing and shielding as in
    :func:`earth_focusing_si`, :func:`earth_shielding_si`).

    .. math:: F(d, h) = F_{Grün}(\\pi \\rho d^3/6)\\, G(h)\\, \\frac{1+\\cos\\eta}{2}

    Examples
    --------
    >>> f = float(meteoroid_flux_si(3e-3, 400e3)) * JULIAN_YEAR   # >= 3 mm at 400 km, per m^2 and year
    >>> round(f * 1e5, 2)
    2.47
    """
    m = particle_mass_si(diameter, density)
    return grun_flux_si(m) * earth_focusing_si(altitude) * earth_shielding_si(altitude)


def _loglog(x, lxp, lyp):
    """Power-law interpolation through the points (ln xp, ln yp) (``lxp`` increasing); the end
    segments continue outside."""
    lx = np.log(np.asarray(x, dtype=np.float64))
    ly = np.empty(np.shape(lx))
    _linear_jit(np.ascontiguousarray(lx).reshape(-1), lxp, lyp, ly.reshape(-1))
    return np.exp(ly if ly.ndim else ly[()])


@njit(cache=True, error_model="numpy")
def _linear_jit(x, xp, yp, out):
    """Linear interpolation through (``xp`` increasing, ``yp``) at each ``x`` into ``out``, the end
    segments continued outside (NaN in, NaN out): compiled (numba), one pass."""
    for k in range(x.size):
        i = 0  # the segment [xp[i], xp[i + 1]]: one for each interior point below x
        for j in range(1, xp.size - 1):
            if x[k] > xp[j]:
                i += 1
        w = (x[k] - xp[i]) / (xp[i + 1] - xp[i])
        out[k] = yp[i] + w * (yp[i + 1] - yp[i])


def debris_year_factor_si(start_year, duration_years):
    """Mean over the mission [start_year, start_year + duration_years] (calendar years, [a]) of the
    ORDEM2000 debris flux relative to 2010, [dimensionless]: Christiansen (2009) Table 2-4, linear
    between the printed years; held at the end values outside 2002-2023 (flagged by
    :func:`debris_validity_si`)."""
    t0 = np.asarray(start_year, dtype=np.float64)
    dt = np.asarray(duration_years, dtype=np.float64)
    u = np.linspace(0.0, 1.0, 33)  # trapezoid over the mission, 1/32 steps
    t = t0[..., None] + dt[..., None] * u
    f = np.interp(t, _YEARS, _YEAR_RATIO)
    return np.trapezoid(f, u, axis=-1)


def debris_flux_si(diameter, altitude, inclination, year_factor=1.0):
    """ORDEM2000 orbital-debris flux of particles >= ``diameter`` [m] on a randomly tumbling
    surface, [1/(m^2*s)], at ``altitude`` [m] and ``inclination`` [rad], in 2010 times
    ``year_factor`` [dimensionless] (see :func:`debris_year_factor_si`).

    .. math:: F = F_{3mm}(h)\\, I(i)\\, Y\\, S(d)

    F_3mm(h): Christiansen (2009) Table 2-3, log-linear in altitude; I(i): Table 2-5 (ratio to
    51.6 deg), linear; S(d): Table 2-2 and 2-4 (0.1 mm, 3 mm, 1 cm at 400 km, 2002), power law
    between and beyond.  Separable product: design assumption (the size distribution at 400 km is
    used at every altitude).  Outside the printed ranges the end values (altitude, inclination) or
    end segments (size) continue: :func:`debris_validity_si` flags those points.

    Examples
    --------
    >>> f = float(debris_flux_si(3e-3, 800e3, np.radians(51.6))) * JULIAN_YEAR
    >>> round(f * 1e4, 2)   # Table 2-3: 6.16e-4 /m^2-yr at 800 km
    6.16
    """
    h_km = np.asarray(altitude, dtype=np.float64) / 1e3
    f3 = np.exp(np.interp(h_km, _ALT_KM, np.log(_ALT_FLUX)))
    inc = np.interp(np.degrees(np.asarray(inclination, dtype=np.float64)), _INC_DEG, _INC_RATIO)
    size = _loglog(np.maximum(np.asarray(diameter, dtype=np.float64), 1e-12), _LOG_SIZE_M, _LOG_SIZE_RATIO)
    return f3 * inc * np.asarray(year_factor, dtype=np.float64) * size / JULIAN_YEAR


def debris_validity_si(diameter, altitude, inclination, start_year, duration_years):
    """True where every input lies inside the ranges printed in Christiansen (2009) Tables 2-2 to
    2-5 (size 0.1 mm to 1 cm [m], altitude 300-1500 km [m], inclination 0-98 deg [rad], mission
    within 2002-2023 [a]); False where :func:`debris_flux_si` extrapolates, [dimensionless]."""
    d, h, i = (np.asarray(v, dtype=np.float64) for v in (diameter, altitude, inclination))
    t0, dt = np.asarray(start_year, dtype=np.float64), np.asarray(duration_years, dtype=np.float64)
    eps = 1e-9
    return ((d >= DEBRIS_DIAMETER_RANGE[0] * (1 - eps)) & (d <= DEBRIS_DIAMETER_RANGE[1] * (1 + eps))
            & (h >= DEBRIS_ALTITUDE_RANGE[0] - eps) & (h <= DEBRIS_ALTITUDE_RANGE[1] + eps)
            & (i >= -eps) & (i <= DEBRIS_INCLINATION_RANGE[1] + eps)
            & (t0 >= DEBRIS_YEAR_RANGE[0] - eps) & (t0 + dt <= DEBRIS_YEAR_RANGE[1] + 1.0 + eps))


# --------------------------------------------------------------------------- pint-checked API

def grun_flux(mass):
    """Grün et al. (1985) interplanetary meteoroid flux at 1 AU of particles heavier than ``mass``
    [mass], [1/(m^2*a)] on a randomly oriented plate (ECSS-E-ST-10-04C 10.2.4.1; :func:`grun_flux_si`).

    Examples
    --------
    >>> round(grun_flux(Q_(1, "mg")).magnitude, 6)
    0.000597
    """
    m = si_value(mass, "mass", "kg", 'Q_(1, "mg")')
    lo, hi = GRUN_MASS_RANGE
    check_range(m, "mass", lo, hi, "kg", display_unit="g", what="the Grün (1985) mass range")
    return quantity(grun_flux_si(m) * JULIAN_YEAR, "1/(m^2*a)")


def meteoroid_flux(diameter, altitude, density=Q_(METEOROID_DENSITY, "kg/m^3")):
    """Meteoroid flux in Earth orbit of particles larger than ``diameter`` [length] at
    ``altitude`` [length], particle ``density`` [kg/m^3] (default 1 g/cm³): Grün et al. (1985)
    flux of ECSS-E-ST-10-04C 10.2.4.1 with Earth focusing and shielding, [1/(m^2*a)]
    (:func:`meteoroid_flux_si`).

    Examples
    --------
    >>> round(meteoroid_flux(Q_(3, "mm"), Q_(400, "km")).magnitude * 1e5, 2)
    2.47
    """
    d = si_value(diameter, "diameter", "m", 'Q_(1, "mm")')
    h = si_value(altitude, "altitude", "m", 'Q_(400, "km")')
    rho = si_value(density, "density", "kg/m^3", 'Q_(1000, "kg/m^3")')
    check_range(d, "diameter", 0.0, None, "m", low_inclusive=False)
    check_range(h, "altitude", 100e3, None, "m", display_unit="km", low_inclusive=False)
    check_range(rho, "density", 0.0, None, "kg/m^3", low_inclusive=False)
    m = particle_mass_si(d, rho)
    check_range(m, "diameter", GRUN_MASS_RANGE[0], GRUN_MASS_RANGE[1], "kg", display_unit="g",
                what="a particle mass in the Grün (1985) range")
    return quantity(meteoroid_flux_si(d, h, rho) * JULIAN_YEAR, "1/(m^2*a)")


def debris_flux(diameter, altitude, inclination, year=2010.0, extrapolate: bool = False):
    """ORDEM2000 orbital-debris flux of particles larger than ``diameter`` [length] at ``altitude``
    [length], ``inclination`` [angle] and calendar ``year`` [dimensionless], [1/(m^2*a)] on a randomly
    tumbling surface (Christiansen 2009 Tables 2-2 to 2-5; :func:`~.mmod_environment.debris_flux_si`).

    Outside the printed ranges (0.1 mm-1 cm, 300-1500 km, 0-98 deg, 2002-2023):
    :class:`OutOfRangeError`, or with ``extrapolate=True`` the continued value and an
    :class:`ExtrapolationWarning`.

    Examples
    --------
    >>> round(debris_flux(Q_(3, "mm"), Q_(400, "km"), Q_(51.6, "deg"), 2010).magnitude * 1e5, 2)
    9.92
    """
    d = si_value(diameter, "diameter", "m", 'Q_(1, "mm")')
    h = si_value(altitude, "altitude", "m", 'Q_(400, "km")')
    i = si_value(inclination, "inclination", "rad", 'Q_(51.6, "deg")')
    t = si_value(year, "year", "", "2030")
    check_range(d, "diameter", 0.0, None, "m", low_inclusive=False)
    check_range(h, "altitude", 100e3, None, "m", display_unit="km", low_inclusive=False)
    check_range(i, "inclination", 0.0, np.pi, "rad", display_unit="deg")
    ok = debris_validity_si(d, h, i, np.floor(t), 0.0) & (t < DEBRIS_YEAR_RANGE[1] + 1.0)  # 2023 ends at 2024.0
    if not np.all(ok):
        msg = ("debris_flux: outside the ORDEM2000 values printed in NASA/TM-2009-214785 (sizes 0.1 mm-1 cm, "
               "altitudes 300-1500 km, inclinations 0-98 deg, years 2002-2023)")
        if not extrapolate:
            raise OutOfRangeError("debris_flux", None, "inputs inside the printed ranges",
                                  msg + "; pass extrapolate=True to continue the end values")
        warnings.warn("extrapolated: " + msg, ExtrapolationWarning, stacklevel=2)
    return quantity(debris_flux_si(d, h, i, debris_year_factor_si(t, 0.0)) * JULIAN_YEAR, "1/(m^2*a)")
