"""Physical and astronomical constants, each with its unit, uncertainty and source.

Every constant is a :class:`Constant` record.  ``.si`` gives the float in SI units for
kernels; ``.quantity`` gives the pint Quantity for the public API.

Examples
--------
>>> from thermo_orbit.constants import EARTH_RADIUS
>>> EARTH_RADIUS.quantity.to("km")
<Quantity(6378.137, 'kilometer')>
"""

from __future__ import annotations

from dataclasses import dataclass

from .units import Q_

__all__ = [
    "Constant",
    "EARTH_MU",
    "EARTH_RADIUS",
    "EARTH_J2",
    "ASTRONOMICAL_UNIT",
    "SOLAR_RADIUS",
    "SOLAR_CONSTANT",
    "STEFAN_BOLTZMANN",
    "TROPICAL_YEAR",
    "DEEP_SPACE_TEMPERATURE",
    "CELL_REFERENCE_TEMPERATURE",
    "ALL_CONSTANTS",
]


@dataclass(frozen=True)
class Constant:
    """A constant: value in ``unit``, standard uncertainty (same unit, 0 if exact), source."""

    name: str
    value: float
    unit: str
    uncertainty: float
    source: str

    @property
    def quantity(self):
        """The constant as a pint Quantity in the record's own ``unit`` (``EARTH_RADIUS``: [km])."""
        return Q_(self.value, self.unit)

    @property
    def si(self) -> float:
        """The constant as a float in SI base units ([m], [s], [kg], [K] and their products), for kernels."""
        return float(Q_(self.value, self.unit).to_base_units().magnitude)


EARTH_MU = Constant(
    "Earth gravitational parameter GM",
    3.986004418e14, "m^3/s^2", 8e5,
    "IERS Conventions (2010), IERS Technical Note 36, Table 1.1 (TT-compatible value).",
)
EARTH_RADIUS = Constant(
    "Earth equatorial radius",
    6378.137, "km", 0.0,
    "WGS 84, NIMA TR8350.2 (3rd ed., 2000), Table 3.1 (defining parameter a). "
    "Used as the radius of a spherical Earth for shadow and view-factor geometry.",
)
EARTH_J2 = Constant(
    "Earth dynamical form factor J2",
    1.0826359e-3, "", 1.0e-10,
    "IERS Conventions (2010), IERS Technical Note 36, Table 1.1 (J2 zero-frequency value).",
)
ASTRONOMICAL_UNIT = Constant(
    "astronomical unit",
    149597870700.0, "m", 0.0,
    "IAU 2012 Resolution B2 (exact by definition).",
)
SOLAR_RADIUS = Constant(
    "nominal solar radius",
    695700.0, "km", 0.0,
    "IAU 2015 Resolution B3, nominal solar radius R_sun^N.",
)
SOLAR_CONSTANT = Constant(
    "total solar irradiance at 1 au",
    1361.0, "W/m^2", 0.5,
    "IAU 2015 Resolution B3, nominal total solar irradiance S^N = 1361 W/m^2; measured "
    "1360.8 +/- 0.5 W/m^2 at solar minimum by Kopp & Lean (2011), Geophys. Res. Lett. 38, "
    "L01706, doi:10.1029/2010GL045777.",
)
STEFAN_BOLTZMANN = Constant(
    "Stefan-Boltzmann constant",
    5.670374419e-8, "W/(m^2*K^4)", 0.0,
    "CODATA 2018 (exact, from the 2019 SI definitions); Tiesinga et al., Rev. Mod. Phys. 93, 025010 (2021).",
)
TROPICAL_YEAR = Constant(
    "tropical year",
    365.2421897, "day", 1e-6,
    "Vallado, Fundamentals of Astrodynamics and Applications, 4th ed. (2013), Sec. 3.5; "
    "the nodal rate of a sun-synchronous orbit is 360 deg per tropical year.",
)
DEEP_SPACE_TEMPERATURE = Constant(
    "cosmic microwave background temperature",
    2.72548, "K", 0.00057,
    "Fixsen (2009), Astrophys. J. 707, 916, doi:10.1088/0004-637X/707/2/916.",
)

CELL_REFERENCE_TEMPERATURE = Constant(
    "temperature of the cell efficiencies (AM0 test temperature)",
    28.0, "degC", 0.0,
    "The temperature at which the cell efficiencies of materials/solar_cells.toml are quoted: Fetzer et al. "
    "(2008), XTJ, 'AM0, 28 C' (abstract); AZUR 3G30C-Advanced datasheet values at AM0 and 28 C (as "
    "transcribed, see solar_cells.toml).  Efficiency at another temperature: the cell's temperature "
    "coefficient about this point.",
)

ALL_CONSTANTS = (
    EARTH_MU, EARTH_RADIUS, EARTH_J2, ASTRONOMICAL_UNIT, SOLAR_RADIUS,
    SOLAR_CONSTANT, STEFAN_BOLTZMANN, TROPICAL_YEAR, DEEP_SPACE_TEMPERATURE, CELL_REFERENCE_TEMPERATURE,
)
