"""Circular orbits: period, J2 nodal regression, sun-synchronous orbits, β angle,
eclipses (cylindrical and conical shadow, with penumbra) and a low-precision Sun.

Public functions take and return :mod:`pint` quantities and broadcast over numpy arrays.
Each wraps a public SI kernel of :mod:`thermo_orbit.orbit.kernels` on float64 arrays
(metres, seconds, radians) that the sizing and the transient solver call directly;
:mod:`~thermo_orbit.orbit.geometry` holds the functions, :mod:`~thermo_orbit.orbit.circular`
the drifting orbit and its β over a year.

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

from .circular import BetaHistory, CircularOrbit, beta_angle_over_year
from .geometry import (
                       beta_angle,
                       critical_beta,
                       earth_sun_distance,
                       eclipse_duration,
                       eclipse_fraction,
                       nodal_regression_rate,
                       orbital_period,
                       penumbra_duration,
                       sun_direction,
                       sun_synchronous_inclination,
                       sunlit_fraction_along_orbit,
)
from .kernels import (
                       ALTITUDE_RANGE,
                       SHADOW_MODELS,
                       check_altitude,
                       check_beta,
                       eclipse_fraction_si,
                       sun_ecliptic_si,
                       sunlit_fraction_si,
)

__all__ = ["ALTITUDE_RANGE", "SHADOW_MODELS", "orbital_period", "nodal_regression_rate", "sun_synchronous_inclination",
           "critical_beta", "eclipse_fraction", "eclipse_duration", "penumbra_duration", "sunlit_fraction_along_orbit",
           "sun_direction", "earth_sun_distance", "beta_angle", "CircularOrbit", "BetaHistory", "beta_angle_over_year",
           "check_altitude", "check_beta", "eclipse_fraction_si", "sunlit_fraction_si", "sun_ecliptic_si"]
