"""thermo-orbit: thermal and power design calculator for orbital data centers.

Examples
--------
>>> import thermo_orbit as to
>>> round(to.orbital_period(to.Q_(550, "km")).to("min").magnitude, 1)
95.6
"""

from ._version import __version__ as __version__  # re-exported: the one version (thermo_orbit/_version.py)
from .environment import (
    absorbed_environmental_flux,
    design_case,
    solar_flux,
    view_factor_plate_to_earth,
)
from .errors import InputError, OutOfRangeError, ThermoOrbitError, UnitError
from .orbit import (
    CircularOrbit,
    beta_angle,
    beta_angle_over_year,
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
from .sizing import size, size_batch, size_uncertainty
from .sweeps import load_sweep_spec, optimize, run_sweep, sensitivity
from .system import default_design_path, load_design, save_design
from .transient import simulate_orbit, simulate_thermostat
from .units import Q_, ureg

__all__ = [
    "Q_", "ureg", "ThermoOrbitError", "InputError", "UnitError", "OutOfRangeError",
    "CircularOrbit", "beta_angle", "beta_angle_over_year", "critical_beta", "earth_sun_distance",
    "eclipse_duration", "eclipse_fraction", "nodal_regression_rate", "orbital_period",
    "penumbra_duration", "sun_direction", "sun_synchronous_inclination",
    "sunlit_fraction_along_orbit", "absorbed_environmental_flux", "design_case", "solar_flux",
    "view_factor_plate_to_earth", "load_design", "save_design", "default_design_path", "size",
    "size_batch", "simulate_orbit", "simulate_thermostat", "load_sweep_spec", "run_sweep",
    "optimize", "sensitivity", "size_uncertainty",
]
