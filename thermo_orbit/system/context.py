"""What a design's sizing needs that does not vary with the kernel fields: the resolved
inputs, the orbit over the year, the worst radiator sinks, the array's temperature and
cosine loss.  Prepared once per design (about 25 ms) and shared by every design of a
batch group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import environment as env
from .. import orbit as orb
from ..constants import EARTH_RADIUS, SOLAR_CONSTANT
from ..power import solar_array as sa
from ..thermal import radiator as rad
from ..units import Q_, magnitude
from .inputs import end_of_life_factor, resolve_inputs

__all__ = ["Prepared", "prepare", "worst_sinks"]


@dataclass(frozen=True)
class Prepared:
    """The prepared context of one design (Quantities unless stated)."""

    v: dict  #: resolved inputs (:func:`thermo_orbit.system.inputs.resolve_inputs`)
    orbit: Any  #: :class:`thermo_orbit.orbit.CircularOrbit`
    history: Any  #: β over the first year (:class:`thermo_orbit.orbit.BetaHistory`)
    period: Any
    T_e: Any  #: longest eclipse
    T_d: Any  #: sunlit time of that orbit
    days_eclipse: int
    eclipses_per_year: float
    beta_abs_min: Any
    Ts_hot: Any
    Ts_cold: Any
    beta_hot: Any  #: β of the hottest sink
    coat_hot: tuple  #: (α, ε) of the hot case
    coat_cold: tuple  #: (α, ε) of the cold case
    arr_T: Any  #: :class:`thermo_orbit.power.solar_array.ArrayTemperature`
    cos_loss: float
    S_aphelion: Any
    L_d: float

    def kernel_constants(self) -> dict:
        """The kernel's inputs that are the same for every design of the group, SI floats."""
        v = self.v
        return dict(
            eps_hot=self.coat_hot[1], eps_cold=self.coat_cold[1], Ts_hot=self.Ts_hot.magnitude,
            Ts_cold=self.Ts_cold.magnitude, k_fin=magnitude(v["fin_conductivity"], "W/(m*K)"),
            rho_fin=magnitude(v["fin_density"], "kg/m^3"), rho_tube=magnitude(v["tube_density"], "kg/m^3"),
            reject_losses=bool(v["thermal.reject_power_losses"]), T_d=self.T_d.magnitude, T_e=self.T_e.magnitude,
            eta_cell=float(self.arr_T.efficiency_mean.magnitude), S=self.S_aphelion.magnitude, L_d=self.L_d,
            cos=self.cos_loss, pf=magnitude(v["power.packing_factor"], ""), lift=0.0,
            P_rated=magnitude(v["power.cell_efficiency"], "") * magnitude(v["power.packing_factor"], "")
            * SOLAR_CONSTANT.si,
            altitude=magnitude(self.orbit.altitude, "m"), inclination=magnitude(self.orbit.inclination, "rad"),
            start_year=_calendar_year(self.orbit.epoch), mission_life=magnitude(v["orbit.mission_life"], "s"),
        )

    def cycles(self, v: dict | None = None):
        """Charge–discharge cycles over the mission (eclipses per year × life)."""
        return self.eclipses_per_year * magnitude((v or self.v)["orbit.mission_life"], "year")


def _calendar_year(epoch) -> float:
    """A datetime64 as a decimal calendar year (2027.0 at 2027-01-01)."""
    year = epoch.astype("datetime64[Y]")
    start, end = year.astype("datetime64[s]"), (year + 1).astype("datetime64[s]")
    return 1970.0 + float(year.astype(np.int64)) + float((epoch - start) / (end - start))


def worst_sinks(design_orbit, history, v, n_beta: int = 24, samples: int = 360):
    """Hottest orbit-average radiator sink of the year and the coldest, over ``n_beta`` β
    values spanning the year's range and both environment cases: one vectorised pass over
    (β, phase) per case.  The hot sink takes the coating at its least favourable (larger
    absorptance, smaller emissivity), the cold sink at its most favourable, whatever the
    life stage (:func:`thermo_orbit.thermal.radiator.coating_worst_cases`), so the hot
    sink is the hottest and the cold the coldest whatever the inputs.  Returns (hot sink,
    cold sink, β of the hot sink, (α, ε) hot, (α, ε) cold)."""
    a = EARTH_RADIUS.si + orb.check_altitude(design_orbit.altitude)
    b_deg = np.unique(np.round(np.linspace(history.beta.magnitude.min(), history.beta.magnitude.max(), n_beta), 6))
    beta = np.deg2rad(b_deg)[:, None]
    u = np.linspace(0.0, 2 * np.pi, samples, endpoint=False)[None, :]
    tilt = None if v.get("radiator.tilt") is None else v["radiator.tilt"].to("rad").magnitude
    tA, azA = rad.attitude_si(v["radiator.orientation"], beta, u, tilt, 0.0 if tilt is not None else None)
    coat_hot, coat_cold = rad.coating_worst_cases(*(magnitude(v[k], "") for k in (
        "radiator.absorptance", "radiator.emissivity", "radiator.absorptance_eol", "radiator.emissivity_eol")))
    sinks = {}
    for sizing, (alpha, eps) in (("hot", coat_hot), ("cold", coat_cold)):
        for case in ("hot", "cold"):
            e = env.design_case(case, standard=v["orbit.environment"])
            qa, qb = rad.sink_along_orbit_si(a, beta, u, tA, azA, alpha, eps, e.solar_flux.magnitude,
                                             e.albedo.magnitude, e.earth_ir.magnitude)
            sinks[sizing, case] = rad.orbit_average_sink_si(qa, qb, eps, axis=1)
    hot = np.maximum(sinks["hot", "hot"], sinks["hot", "cold"])
    cold = np.minimum(sinks["cold", "hot"], sinks["cold", "cold"])
    i = int(np.argmax(hot))
    return Q_(float(hot[i]), "K"), Q_(float(cold.min()), "K"), Q_(float(b_deg[i]), "deg"), coat_hot, coat_cold


def prepare(design) -> Prepared:
    """Everything of a design that does not vary with the kernel fields: resolved inputs,
    the orbit over the year, the worst sinks, the array temperature and cosine loss."""
    v = resolve_inputs(design)
    o = design.orbit()
    history = orb.beta_angle_over_year(o, days=365)
    period = history.period.to("s")
    T_e = history.max_eclipse_duration.to("s")
    days_eclipse = history.days_with_eclipse
    beta_abs_min = Q_(float(np.min(np.abs(history.beta.magnitude))), "deg")
    Ts_hot, Ts_cold, beta_hot, coat_hot, coat_cold = worst_sinks(o, history, v)
    pointing = v["power.pointing"]
    arr_T = sa.array_operating_temperature(
        o.altitude, beta_abs_min, v["power.cell_efficiency"], v["power.cell_temperature_coefficient"],
        v["power.cell_absorptance"], v["power.cell_emissivity"], v["power.array_back_emissivity"],
        packing_factor=v["power.packing_factor"], pointing=pointing, tilt=v.get("power.array_tilt"),
        case=env.design_case("hot", standard=v["orbit.environment"]))
    return Prepared(
        v=v, orbit=o, history=history, period=period, T_e=T_e, T_d=period - T_e, days_eclipse=days_eclipse,
        eclipses_per_year=days_eclipse * (86400.0 / period.magnitude) * 365.25 / 365.0, beta_abs_min=beta_abs_min,
        Ts_hot=Ts_hot, Ts_cold=Ts_cold, beta_hot=beta_hot, coat_hot=coat_hot, coat_cold=coat_cold, arr_T=arr_T,
        cos_loss=float(sa.cosine_loss(pointing, beta_abs_min, tilt=v.get("power.array_tilt")).magnitude),
        S_aphelion=env.design_case("cold", standard=v["orbit.environment"]).solar_flux,
        L_d=end_of_life_factor(v),
    )
