"""Orbit and thermal-environment summary of a design (what ``thermo-orbit summary`` prints)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import environment as env
from .. import orbit as orb
from ..results import ResultMixin
from ..units import Q_
from .design import Design

__all__ = ["OrbitEnvironmentSummary", "orbit_environment_summary"]


@dataclass(frozen=True)
class OrbitEnvironmentSummary(ResultMixin):
    """Orbit geometry and environment over the first year of the mission."""

    design: str
    altitude: Any
    inclination: Any
    ltan: str | None
    period: Any
    nodal_regression_rate: Any
    critical_beta: Any
    beta_min: Any
    beta_max: Any
    days_with_eclipse: int
    eclipse_season: str
    max_eclipse_duration: Any
    max_umbra_duration: Any
    penumbra_duration_at_min_beta: Any
    solar_flux_min: Any
    solar_flux_max: Any
    hot_albedo: Any
    hot_earth_ir: Any
    cold_albedo: Any
    cold_earth_ir: Any
    view_factor_nadir_plate: Any
    view_factor_edge_on_plate: Any

def _season(history: orb.BetaHistory) -> str:
    has = history.eclipse_fraction.magnitude > 0
    if not has.any():
        return "none"
    if has.all():
        return "every day"
    days = np.flatnonzero(has)
    # runs of consecutive days with eclipse
    breaks = np.flatnonzero(np.diff(days) > 1)
    starts = np.concatenate([[days[0]], days[breaks + 1]])
    ends = np.concatenate([days[breaks], [days[-1]]])
    t = history.time.astype("datetime64[D]")
    return ", ".join(f"{t[s]} to {t[e]}" for s, e in zip(starts, ends))


def orbit_environment_summary(design: Design) -> OrbitEnvironmentSummary:
    """Summarise the orbit of ``design`` and its environment over the first mission year.

    Returns
    -------
    OrbitEnvironmentSummary
        Altitude [km], inclination and β range [deg], period and eclipse durations [min],
        penumbra [s], solar flux and Earth infrared [W/m²], albedo and view factors
        [dimensionless], each from the cited functions of :mod:`thermo_orbit.orbit` and
        :mod:`thermo_orbit.environment`.
    """
    orbit = design.orbit()
    history = orb.beta_angle_over_year(orbit, days=365)
    beta = history.beta
    i_min = int(np.argmin(np.abs(beta.magnitude)))
    hot = env.design_case("hot", orbit.inclination)
    cold = env.design_case("cold", orbit.inclination)
    flux = env.solar_flux(history.time)
    return OrbitEnvironmentSummary(
        design=design.name,
        altitude=Q_(orbit.altitude.to("km").magnitude, "km"),
        inclination=orbit.inclination.to("deg"),
        ltan=design["orbit.ltan"] if design["orbit.sun_synchronous"] else None,
        period=orb.orbital_period(orbit.altitude),
        nodal_regression_rate=orb.nodal_regression_rate(orbit.altitude, orbit.inclination),
        critical_beta=orb.critical_beta(orbit.altitude),
        beta_min=beta.min(),
        beta_max=beta.max(),
        days_with_eclipse=history.days_with_eclipse,
        eclipse_season=_season(history),
        max_eclipse_duration=history.max_eclipse_duration,
        max_umbra_duration=history.umbra_duration.max(),
        penumbra_duration_at_min_beta=orb.penumbra_duration(orbit.altitude, beta[i_min]),
        solar_flux_min=flux.min(),
        solar_flux_max=flux.max(),
        hot_albedo=hot.albedo,
        hot_earth_ir=hot.earth_ir,
        cold_albedo=cold.albedo,
        cold_earth_ir=cold.earth_ir,
        view_factor_nadir_plate=env.view_factor_plate_to_earth(orbit.altitude, Q_(0, "deg")),
        view_factor_edge_on_plate=env.view_factor_plate_to_earth(orbit.altitude, Q_(90, "deg")),
    )
