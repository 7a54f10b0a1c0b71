"""Validation evaluators of the families "orbit geometry" and "environment": period, mean
motion, sun-synchronous orbits, the Sun's position, β, eclipses, solar flux, design cases
and view factors (registered in :data:`thermo_orbit.validation.evaluators.EVALUATORS`)."""

from __future__ import annotations

import math

import numpy as np

from ..units import Q_
from .evaluators import evaluator

__all__: list[str] = []


@evaluator("orbital_period")
def _ev_orbital_period(inputs, options):
    from ..orbit import orbital_period

    return orbital_period(inputs["altitude"]).to("s")


@evaluator("mean_motion")
def _ev_mean_motion(inputs, options):
    """Revolutions per day of a circular orbit: 1/period."""
    from ..orbit import orbital_period

    return (1.0 / orbital_period(inputs["altitude"])).to("1/day")


@evaluator("sun_synchronous_inclination")
def _ev_sso_inclination(inputs, options):
    from ..orbit import sun_synchronous_inclination

    return sun_synchronous_inclination(inputs["altitude"]).to("deg")


@evaluator("sso_nodal_rate")
def _ev_sso_nodal_rate(inputs, options):
    """J2 node rate at the model's own sun-synchronous inclination for the altitude."""
    from ..orbit import nodal_regression_rate, sun_synchronous_inclination

    h = inputs["altitude"]
    return nodal_regression_rate(h, sun_synchronous_inclination(h)).to("deg/day")


@evaluator("sun_position_component")
def _ev_sun_position_component(inputs, options):
    """One equatorial component (x, y or z) of the Earth-to-Sun vector, [au]."""
    from ..orbit import earth_sun_distance, sun_direction

    k = "xyz".index(options["component"])
    t = options["time"]
    return (earth_sun_distance(t) * float(sun_direction(t).magnitude[k])).to("au")


@evaluator("sun_ecliptic_longitude")
def _ev_sun_ecliptic_longitude(inputs, options):
    """Ecliptic longitude recovered from the model's equatorial Sun direction with the
    obliquity of the same low-precision formula (eps = 23.439291 - 0.0130042 T deg)."""
    from ..orbit import sun_direction

    t = np.datetime64(options["time"], "s")
    centuries = (t - np.datetime64("2000-01-01T12:00:00", "s")) / np.timedelta64(1, "s") / 86400.0 / 36525.0
    eps = math.radians(23.439291 - 0.0130042 * centuries)
    v = sun_direction(options["time"]).magnitude
    lam = math.degrees(math.atan2(v[1] / math.cos(eps), v[0])) % 360.0
    return Q_(lam, "deg")


@evaluator("earth_sun_distance_extreme")
def _ev_earth_sun_distance_extreme(inputs, options):
    """Smallest or largest Earth-Sun distance over a calendar year, daily at 00:00 UT."""
    from ..orbit import earth_sun_distance

    year = int(options["year"])
    days = np.arange(f"{year}-01-01", f"{year + 1}-01-01", dtype="datetime64[D]")
    r = earth_sun_distance(days).to("au").magnitude
    pick = {"min": np.min, "max": np.max}[options["extreme"]]
    return Q_(float(pick(r)), "au")


@evaluator("beta_angle")
def _ev_beta_angle(inputs, options):
    from ..orbit import beta_angle

    return beta_angle(options["time"], inputs["inclination"], inputs["raan"]).to("deg")


@evaluator("eclipse_duration")
def _ev_eclipse_duration(inputs, options):
    from ..orbit import eclipse_duration

    return eclipse_duration(inputs["altitude"], inputs["beta"], model=options.get("model", "cylindrical")).to("min")


@evaluator("solar_flux_at_distance")
def _ev_solar_flux(inputs, options):
    from ..environment import solar_flux

    return solar_flux(inputs["distance"]).to("W/m^2")


@evaluator("design_case_value")
def _ev_design_case_value(inputs, options):
    """``albedo``, ``earth_ir`` or ``solar_flux`` of a named design case of a standard."""
    from ..environment import design_case

    case = design_case(options["case"], standard=options["standard"])
    return Q_(getattr(case, options["quantity"]))


@evaluator("view_factor_plate_to_earth")
def _ev_view_factor(inputs, options):
    from ..environment import view_factor_plate_to_earth

    return view_factor_plate_to_earth(inputs["altitude"], inputs["tilt"])
