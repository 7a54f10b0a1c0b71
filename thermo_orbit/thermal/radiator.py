"""Radiators: emitted flux, environmental sink temperature, area with the coolant's
temperature glide integrated exactly, and the efficiency of the radiating fin between tubes.

References
----------
1. Gilmore, D. G. (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed., 2002,
   ch. 2 (environment) and ch. 6 (radiators).
2. Lienhard IV, J. H. and Lienhard V, J. H., *A Heat Transfer Textbook*, 5th ed., 2019,
   Sec. 4.5 (fins) and ch. 10 (radiation).
3. Lieblein, S., *Analysis of temperature distribution and radiant heat transfer along a
   rectangular fin of constant thickness*, NASA TN D-196, 1959: the first integral of the
   radiating-fin equation used in :func:`fin_efficiency`.
4. Mackay, D. B., *Design of Space Powerplants*, Prentice-Hall, 1963, ch. 9.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numba import njit

from .. import environment as env
from .. import orbit as orb
from ..constants import DEEP_SPACE_TEMPERATURE, EARTH_RADIUS, STEFAN_BOLTZMANN
from ..errors import InputError, OutOfRangeError
from ..units import Q_, check_fraction, check_positive, check_range, quantity, si_value
from .fins import (
    fin_efficiency,
    fin_efficiency_exact_si,
    fin_efficiency_si,
    fin_profile_number,
    panel_net_flux,
    panel_net_flux_jit,
    panel_net_flux_si,
    profile_number_si,
)

__all__ = [
    "ORIENTATIONS",
    "radiated_flux",
    "sink_temperature_from_flux",
    "radiator_attitude",
    "coating_worst_cases",
    "SinkTemperature",
    "sink_temperature",
    "radiator_area",
    "isothermal_radiator_area",
    "fin_efficiency",
    "fin_profile_number",
    "attitude_si",
    "sink_along_orbit_si",
    "sink_from_flux_si",
    "orbit_average_sink_si",
    "radiator_area_si",
    "radiator_area_jit",
    "fin_efficiency_si",
    "fin_efficiency_exact_si",
    "profile_number_si",
    "panel_net_flux",
    "panel_net_flux_si",
]

_SIGMA = STEFAN_BOLTZMANN.si
_T_CMB = DEEP_SPACE_TEMPERATURE.si
_R = EARTH_RADIUS.si

#: Radiator orientations: ``edge_on`` (panel plane holds the Sun and the zenith: no direct
#: sun, edge-on to the Earth; what the ISS radiators' rotary joints aim at), ``nadir`` (one
#: face to the Earth, the other to zenith), ``orbit_normal`` (faces along ± the orbit
#: normal), ``tilted`` (face A at a fixed ``tilt`` and ``azimuth`` in the local frame).
ORIENTATIONS = ("edge_on", "nadir", "orbit_normal", "tilted")


# --------------------------------------------------------------------------- emission

def radiated_flux(temperature, emissivity, sink_temperature):
    """Net heat radiated per unit area of one side of a surface.

    .. math:: q = \\varepsilon\\,\\sigma\\,(T^4 - T_{sink}^4)

    (:func:`panel_net_flux` of one face with no fins).

    Parameters
    ----------
    temperature : Quantity
        Surface temperature, [temperature].
    emissivity : float or Quantity
        Infrared emissivity, [dimensionless], 0 to 1.
    sink_temperature : Quantity
        Effective sink temperature (see :func:`sink_temperature`), [temperature].

    Returns
    -------
    Quantity
        [W/m²]; negative when the sink is hotter than the surface.

    References
    ----------
    Lienhard & Lienhard (2019), Eq. (1.28).

    Examples
    --------
    >>> round(radiated_flux(Q_(20, "degC"), 0.92, Q_(0, "K")).magnitude, 1)
    385.3
    """
    return panel_net_flux(temperature, emissivity, sink_temperature, 1.0, 1)  # one face, no fins


def sink_from_flux_si(q_abs, eps):
    """Kernel of :func:`sink_temperature_from_flux`: T_s = (q/(εσ) + T_CMB⁴)^¼ [K] from the
    absorbed flux [W/m²] (Gilmore 2002, Eq. 6.2)."""
    return (np.maximum(q_abs, 0.0) / (eps * _SIGMA) + _T_CMB**4) ** 0.25


def sink_temperature_from_flux(absorbed_flux, emissivity):
    """Effective sink temperature of a surface that absorbs ``absorbed_flux`` per unit area.

    .. math:: T_{sink} = \\left(\\frac{q_{abs}}{\\varepsilon\\sigma} + T_{CMB}^4\\right)^{1/4}

    so that the net emission is εσ(T⁴ − T_sink⁴); the deep-space background
    (T_CMB = 2.725 K, Fixsen 2009) is the floor.

    Parameters
    ----------
    absorbed_flux : Quantity
        Environmental heat absorbed per unit area, [W/m²]; negative values count as 0.
    emissivity : float or Quantity
        IR emissivity, [dimensionless], 0 to 1.

    Returns
    -------
    Quantity
        [K].

    Examples
    --------
    >>> round(sink_temperature_from_flux(Q_(0, "W/m^2"), 0.9).magnitude, 3)
    2.725
    """
    q = si_value(absorbed_flux, "absorbed_flux", "W/m^2", 'Q_(100, "W/m^2")')
    eps = check_fraction(emissivity, "emissivity")
    return quantity(sink_from_flux_si(q, eps), "K")


# --------------------------------------------------------------------------- attitude

def attitude_si(orientation, beta, phase, tilt=None, azimuth=None):
    """Kernel of :func:`radiator_attitude`: (tilt, azimuth) [rad] of face A along the orbit
    for β and phase [rad]; face B is the opposite normal (geometry of :data:`ORIENTATIONS`,
    Gilmore 2002, ch. 2)."""
    phase = np.asarray(phase, dtype=np.float64)
    ones = np.ones(np.broadcast(np.asarray(beta), phase).shape)
    if orientation == "edge_on":
        _, s_along, s_norm = env.sun_lvlh_si(beta, phase)
        return 0.5 * np.pi * ones, np.arctan2(-s_along, s_norm) * ones
    if orientation == "nadir":
        return 0.0 * ones, 0.0 * ones
    if orientation == "orbit_normal":
        return 0.5 * np.pi * ones, 0.5 * np.pi * ones
    if orientation == "tilted":
        return tilt * ones, azimuth * ones
    raise InputError("orientation", orientation, f"one of {', '.join(ORIENTATIONS)}")


def radiator_attitude(orientation, beta, phase, tilt=None, azimuth=None):
    """Tilt from nadir and azimuth of face A of a radiator along the orbit, [deg].

    Face B's normal is opposite: tilt_B = 180° − tilt_A, azimuth_B = azimuth_A + 180°.
    For ``edge_on`` the normal is horizontal and perpendicular to the Sun,
    n̂ ∝ ŝ × ẑ, so neither face sees the Sun directly.

    Parameters
    ----------
    orientation : {"edge_on", "nadir", "orbit_normal", "tilted"}
    beta : Quantity
        Solar β angle, [angle].
    phase : Quantity
        Orbit angle from orbit noon, [angle].
    tilt, azimuth : Quantity, optional
        Face A attitude for ``"tilted"``, [angle].
    """
    b = orb.check_beta(beta)
    u = si_value(phase, "phase", "rad", 'Q_(90, "deg")')
    t, az = _tilt_azimuth_inputs(orientation, tilt, azimuth)
    tA, azA = attitude_si(orientation, b, u, t, az)
    return quantity(tA, "rad").to("deg"), quantity(azA, "rad").to("deg")


def _tilt_azimuth_inputs(orientation, tilt, azimuth):
    if orientation not in ORIENTATIONS:
        raise InputError("orientation", orientation, f"one of {', '.join(ORIENTATIONS)}")
    if orientation != "tilted":
        return None, None
    if tilt is None:
        raise InputError("tilt", None, 'an angle such as Q_(45, "deg") for orientation "tilted"')
    t = env.check_tilt(tilt)
    az = np.zeros(()) if azimuth is None else si_value(azimuth, "azimuth", "rad", 'Q_(0, "deg")')
    return t, az


@dataclass(frozen=True)
class SinkTemperature:
    """Environmental sink of a two-sided radiator panel over one orbit.

    ``effective_*`` is the sink of the panel as a whole: with equal emissivity on both
    faces, εσ(2T⁴ − T_A⁴ − T_B⁴) = 2εσ(T⁴ − T_eff⁴), T_eff⁴ = (T_A⁴ + T_B⁴)/2, exactly."""

    orbit_average: Any  #: effective sink from the orbit-average absorbed flux, [K]
    maximum: Any  #: highest effective sink along the orbit, [K]
    face_a_orbit_average: Any  #: [K]
    face_b_orbit_average: Any  #: [K]
    absorbed_flux_orbit_average: Any  #: per face, mean of A and B, [W/m²]
    phase: Any  #: [deg]
    effective_along_orbit: Any  #: [K]


def orbit_average_sink_si(q_a, q_b, eps, axis=-1):
    """The effective sink [K] of a two-sided panel from its faces' absorbed fluxes along the
    orbit [W/m²]: T_eff⁴ = (T_A⁴ + T_B⁴)/2 at the orbit-average flux (Gilmore 2002, ch. 6;
    :class:`SinkTemperature`)."""
    return sink_from_flux_si(0.5 * (q_a + q_b).mean(axis=axis), eps)


def sink_along_orbit_si(a, beta, phase, tiltA, azA, alpha, eps, S, albedo, olr):
    """Absorbed flux [W/m²] of the two faces (A, B) of a panel along the orbit: the
    environment of :func:`thermo_orbit.environment.absorbed_flux_si` (Gilmore 2002, ch. 2)
    on face A at (tilt, azimuth) and face B opposite; ``a`` [m], angles [rad]."""
    front, back = env.plate_faces_si(a, beta, phase, tiltA, azA, alpha, eps, alpha, eps, S, albedo, olr)
    return sum(front), sum(back)


def coating_worst_cases(absorptance_bol, emissivity_bol, absorptance_eol, emissivity_eol):
    """Solar absorptance and IR emissivity of the radiator coating for its two sizing
    cases, whatever the life stage: ``(hot, cold)``, each ``(α, ε)``.

    The net heat a panel at temperature T rejects per unit area is
    εσT⁴ − αG_s − εG_ir (G_s the incident solar and albedo, G_ir the incident Earth
    infrared, both per unit area); it falls with α and, since the panel is hotter than the
    Earth's infrared, rises with ε.  So the least rejection (the radiator sized hottest) is
    at the larger α and the smaller ε, the most (the loop coldest) at the smaller α and
    the larger ε, whichever life stage each comes from.  Arguments and results are
    dimensionless floats or arrays.

    >>> coating_worst_cases(0.15, 0.91, 0.25, 0.89)
    ((0.25, 0.89), (0.15, 0.91))
    """
    hot = (np.maximum(absorptance_bol, absorptance_eol), np.minimum(emissivity_bol, emissivity_eol))
    cold = (np.minimum(absorptance_bol, absorptance_eol), np.maximum(emissivity_bol, emissivity_eol))
    as_float = (lambda x: float(x) if np.ndim(x) == 0 else x)  # noqa: E731
    return tuple(as_float(x) for x in hot), tuple(as_float(x) for x in cold)


def sink_temperature(altitude, beta, absorptance, emissivity, orientation: str = "edge_on", *,
                     case="hot", inclination=None, tilt=None, azimuth=None, samples: int = 720) -> SinkTemperature:
    """Effective sink temperature of a two-sided radiator panel from its absorbed
    environmental heat (direct sun with incidence, albedo, Earth infrared) over one orbit.

    The absorbed heat per face is that of
    :func:`thermo_orbit.environment.absorbed_environmental_flux` (Gilmore 2002, ch. 2), in
    the ECSS-E-ST-10-04C design cases (:func:`thermo_orbit.environment.design_case`); the
    effective sink of the panel is T_eff⁴ = (T_A⁴ + T_B⁴)/2 (see :class:`SinkTemperature`).

    Parameters
    ----------
    altitude : Quantity
        [length].
    beta : Quantity
        Solar β angle, [angle].
    absorptance, emissivity : float
        Solar absorptance and IR emissivity of the coating at the life stage wanted
        (beginning or end of life: see the coating data), [dimensionless].
    orientation : {"edge_on", "nadir", "orbit_normal", "tilted"}
        See :data:`ORIENTATIONS`.  Direct sunlight is counted whenever a face sees the Sun.
    case : {"hot", "nominal", "cold"} or DesignCase
    tilt, azimuth : Quantity, optional
        Face A attitude for ``"tilted"``.
    samples : int
        Points along the orbit (default 720: every 0.5°).

    Returns
    -------
    SinkTemperature
        Orbit-average and maximum effective sinks and each face's, [K]; the absorbed flux, [W/m²].
    """
    a = _R + orb.check_altitude(altitude)
    b = orb.check_beta(beta)
    alpha = si_value(absorptance, "absorptance", "")
    check_range(alpha, "absorptance", 0.0, 1.0, "")
    eps = check_fraction(emissivity, "emissivity")
    t, az = _tilt_azimuth_inputs(orientation, tilt, azimuth)
    environment = case if isinstance(case, env.DesignCase) else env.design_case(case, inclination)
    u = np.linspace(0.0, 2 * np.pi, int(samples), endpoint=False)
    tA, azA = attitude_si(orientation, b, u, t, az)
    qa, qb = sink_along_orbit_si(
        a, b, u, tA, azA, alpha, eps, environment.solar_flux.to("W/m^2").magnitude,
        environment.albedo.magnitude, environment.earth_ir.to("W/m^2").magnitude)
    q_mean = 0.5 * (qa + qb)
    eff = sink_from_flux_si(q_mean, eps)
    return SinkTemperature(
        orbit_average=quantity(orbit_average_sink_si(qa, qb, eps), "K"),
        maximum=quantity(eff.max(), "K"),
        face_a_orbit_average=quantity(sink_from_flux_si(qa.mean(), eps), "K"),
        face_b_orbit_average=quantity(sink_from_flux_si(qb.mean(), eps), "K"),
        absorbed_flux_orbit_average=quantity(q_mean.mean(), "W/m^2"),
        phase=Q_(np.degrees(u), "deg"),
        effective_along_orbit=Q_(eff, "K"),
    )


# --------------------------------------------------------------------------- area

@njit(cache=True, error_model="numpy", inline="always")
def _integral_jit(T_in, T_out, a):
    """∫ dT/(T⁴ − a⁴) from T_out to T_in = F(T_in) − F(T_out), T_in ≥ T_out > a ≥ 0.

    F(T) = [ln((T−a)/(T+a)) + 2 atan(a/T)]/(4a³) (F(∞) = 0), whose difference is taken in
    one logarithm and one arctangent, F(T_in) − F(T_out) = [ln(1 + 2aΔ/((T_in+a)(T_out−a)))
    − 2 atan(aΔ/(T_in T_out + a²))]/(4a³), Δ = T_in − T_out (no cancellation between the two
    ends); for a/T_out < 0.05 the series F = −(1/3T³)[1 + (3/7)r⁴ + (3/11)r⁸ + (3/15)r¹²],
    r = a/T (truncation below 1e-16 relative), which avoids the cancellation between the
    logarithm and the arctangent as a → 0."""
    if a < 0.05 * T_out:
        total = 0.0
        for T, sign in ((T_in, 1.0), (T_out, -1.0)):
            r4 = (a / T) ** 4
            total -= sign * (1.0 / T**3) * (1.0 / 3.0 + r4 / 7.0 + r4**2 / 11.0 + r4**3 / 15.0)
        return total
    d = T_in - T_out
    return (np.log1p(2.0 * a * d / ((T_in + a) * (T_out - a))) - 2.0 * np.arctan(a * d / (T_in * T_out + a * a))) / (
        4.0 * a**3)


@njit(cache=True, error_model="numpy")
def radiator_area_jit(Q, T_in, T_out, eps, T_sink, eta, sides):
    """:func:`radiator_area_si` of scalars, compiled (numba): area [m²] that rejects Q [W]
    as the coolant cools from T_in to T_out [K] (Mackay 1963, ch. 9); +inf where
    T_out ≤ T_sink."""
    if not T_out > T_sink:
        return np.inf
    glide = T_in - T_out
    if glide < 1e-6 * T_out:  # isothermal limit
        return Q / panel_net_flux_jit(0.5 * (T_in + T_out), T_sink, eps, eta, sides)
    return Q / glide * _integral_jit(T_in, T_out, T_sink) / (eta * eps * _SIGMA * sides)


@njit(cache=True, error_model="numpy")
def _area_array(Q, T_in, T_out, eps, T_sink, eta, sides):
    out = np.empty(Q.size)
    for i in range(Q.size):
        out[i] = radiator_area_jit(Q[i], T_in[i], T_out[i], eps[i], T_sink[i], eta[i], sides[i])
    return out


def radiator_area_si(Q, T_in, T_out, eps, T_sink, eta=1.0, sides=2.0):
    """Kernel of :func:`radiator_area` (Mackay 1963, ch. 9): area [m²] that rejects Q [W]
    as the coolant cools from T_in to T_out [K].

    ṁc_p dT = −q dA, q = η ε σ n (T⁴ − T_s⁴) the panel's net flux (:func:`panel_net_flux_si`),
    with ṁc_p = Q/(T_in − T_out) gives
    A = ṁc_p/(η ε σ n) [F(T_in) − F(T_out)], F' = 1/(T⁴ − T_s⁴); for T_in → T_out the
    isothermal A = Q/(η ε σ n (T⁴ − T_s⁴)).  Returns +inf where T_out ≤ T_sink."""
    args = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (Q, T_in, T_out, eps, T_sink, eta, sides)))
    return _area_array(*(a.ravel() for a in args)).reshape(args[0].shape)


def _area_inputs(heat, inlet_temperature, outlet_temperature, emissivity, sink_temperature, fin_efficiency, sides):
    Q = si_value(heat, "heat", "W", 'Q_(120, "kW")')
    check_range(Q, "heat", 0.0, None, "W", display_unit="kW")
    T_in = check_positive(inlet_temperature, "inlet_temperature", "K", 'Q_(350, "K")')
    T_out = check_positive(outlet_temperature, "outlet_temperature", "K", 'Q_(350, "K")')
    if np.any(T_in < T_out):
        raise OutOfRangeError("outlet_temperature", outlet_temperature, "at most the inlet temperature",
                              "outlet_temperature: the coolant cools through the radiator, so the outlet "
                              f"must not be hotter than the inlet ({outlet_temperature} > {inlet_temperature})")
    eps = check_fraction(emissivity, "emissivity")
    Ts = si_value(sink_temperature, "sink_temperature", "K", 'Q_(200, "K")')
    check_range(Ts, "sink_temperature", 0.0, None, "K")
    if np.any(T_out <= Ts):
        bad_out = float(np.min(T_out - Ts))
        raise OutOfRangeError("outlet_temperature", outlet_temperature, "above the sink temperature",
                              f"outlet_temperature: a radiator must be hotter than its sink; the outlet is "
                              f"{-bad_out:.4g} K at or below the sink temperature")
    eta = check_fraction(fin_efficiency, "fin_efficiency")
    n = si_value(sides, "sides", "")
    if np.any((n != 1) & (n != 2)):
        raise InputError("sides", sides, "1 or 2 radiating faces")
    return Q, T_in, T_out, eps, Ts, eta, n


def radiator_area(heat, inlet_temperature, outlet_temperature, emissivity, sink_temperature,
                  fin_efficiency=1.0, sides=2):
    """Radiator area to reject ``heat`` as the coolant cools from inlet to outlet.

    The local balance ṁ c_p dT = −η ε σ n (T⁴ − T_s⁴) dA, with constant c_p
    (ṁ c_p = Q/(T_in − T_out)), integrates exactly:

    .. math:: A = \\frac{Q}{(T_{in}-T_{out})\\,\\eta\\varepsilon\\sigma n}
              \\int_{T_{out}}^{T_{in}} \\frac{dT}{T^4 - T_s^4},\\qquad
              \\int\\frac{dT}{T^4-a^4} = \\frac{1}{4a^3}\\left[\\ln\\frac{T-a}{T+a}
              - 2\\arctan\\frac{T}{a}\\right]

    and tends to the isothermal Q/(ηεσn(T⁴ − T_s⁴)) as the glide vanishes.  The net
    emission is that of :func:`radiated_flux` (Lienhard & Lienhard 2019, Eq. 1.28); the
    integral is exact (checked against adaptive quadrature in the tests).

    Parameters
    ----------
    heat : Quantity
        Heat to reject, [power], ≥ 0.
    inlet_temperature, outlet_temperature : Quantity
        Coolant temperatures entering and leaving the radiator, [temperature]; the outlet
        must be above the sink.
    emissivity : float
        Panel IR emissivity, [dimensionless].
    sink_temperature : Quantity
        Effective sink (see :func:`sink_temperature`), [temperature].
    fin_efficiency : float
        Fin (or panel) efficiency η (see :func:`fin_efficiency`), [dimensionless]; default 1.
    sides : {1, 2}
        Radiating faces.

    Returns
    -------
    Quantity
        Panel (planform) area, [m²].

    Examples
    --------
    >>> round(radiator_area(Q_(100, "kW"), Q_(360, "K"), Q_(320, "K"), 0.9, Q_(200, "K")).magnitude, 1)
    84.6
    """
    Q, T_in, T_out, eps, Ts, eta, n = _area_inputs(heat, inlet_temperature, outlet_temperature,
                                                   emissivity, sink_temperature, fin_efficiency, sides)
    return quantity(radiator_area_si(Q, T_in, T_out, eps, Ts, eta, n), "m^2")


def isothermal_radiator_area(heat, temperature, emissivity, sink_temperature, fin_efficiency=1.0, sides=2):
    """Area of an isothermal radiator: A = Q/(η ε σ n (T⁴ − T_s⁴)), [m²].

    The net emission of :func:`radiated_flux` (Lienhard & Lienhard 2019, Eq. 1.28) over
    ``sides`` faces at fin efficiency η.  Arguments as :func:`radiator_area`, with one
    ``temperature`` [temperature] for the whole panel.
    """
    Q, T, _, eps, Ts, eta, n = _area_inputs(heat, temperature, temperature, emissivity,
                                            sink_temperature, fin_efficiency, sides)
    return quantity(Q / (eta * eps * _SIGMA * n * (T**4 - Ts**4)), "m^2")
