"""Thermal environment of a surface in Earth orbit: direct sunlight, Earth albedo and
Earth infrared (outgoing longwave radiation, OLR).

Frames and angles
-----------------
Along a circular orbit the local frame is (zenith, along-track, orbit normal).  With the
phase ``u`` measured from orbit noon (see :mod:`thermo_orbit.orbit`), the Sun is

    ŝ = (cos β cos u, −cos β sin u, sin β)

and a flat surface's outward normal is set by its ``tilt`` from nadir (0 = faces the
Earth, 90 deg = edge-on to the Earth, 180 deg = faces away) and its ``azimuth`` in the
local horizontal plane, measured from the velocity direction toward the orbit normal:

    n̂ = (−cos tilt, sin tilt cos az, sin tilt sin az).

Absorbed heat per unit area (Gilmore 2002, ch. 2):

    q = α S f_sun max(n̂·ŝ, 0) + α S a F max(cos ζ, 0) + ε OLR F

with S the solar flux, f_sun the visible fraction of the Sun's disk (penumbra), F the
plate-to-Earth view factor, ζ the solar zenith angle at the sub-satellite point
(cos ζ = cos β cos u) and a the design albedo.  Direct
sunlight on a surface is always computed, never assumed away.

References
----------
1. Gilmore, D. G. (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed.,
   Aerospace Press, 2002, ch. 2.
2. ECSS-E-ST-10-04C, *Space engineering - Space environment*, 2008, Annex F.5
   (albedo and Earth infrared).
3. Modest, M. F., *Radiative Heat Transfer*, 3rd ed., Academic Press, 2013, Appendix D,
   configurations 16-18 (plate to sphere: facing, tilted in full view, edge-on); the
   partial-view expression as given by Thornton, E. A., *Thermal Structures for
   Aerospace Applications*, AIAA, 1996, and Howell's catalog of configuration factors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pint

from . import orbit as orb
from ._data import materials_dir, read_toml
from .constants import ASTRONOMICAL_UNIT, EARTH_RADIUS, SOLAR_CONSTANT
from .errors import InputError
from .timescales import julian_centuries_j2000
from .units import Q_, check_range, quantity, si_value

__all__ = [
    "solar_flux",
    "DesignCase",
    "design_case",
    "DESIGN_CASE_NAMES",
    "STANDARDS",
    "view_factor_plate_to_earth",
    "sun_tracking_attitude",
    "sun_tracking_attitude_si",
    "AbsorbedFlux",
    "absorbed_environmental_flux",
    "check_tilt",
    "sun_lvlh_si",
    "absorbed_flux_si",
    "plate_faces_si",
]

_R = EARTH_RADIUS.si
_AU = ASTRONOMICAL_UNIT.si
_S0 = SOLAR_CONSTANT.si
DESIGN_CASE_NAMES = ("hot", "nominal", "cold")


# --------------------------------------------------------------------------- solar flux

def _solar_flux_si(distance_m: np.ndarray) -> np.ndarray:
    return _S0 * (_AU / distance_m) ** 2


def solar_flux(time_or_distance):
    """Solar flux at the Earth: the solar constant scaled by the inverse square of distance.

    .. math:: S = S_0 \\left(\\frac{1\\,\\mathrm{au}}{d}\\right)^2,\\quad S_0 = 1361\\ \\mathrm{W/m^2}

    S_0 is the IAU 2015 Resolution B3 nominal total solar irradiance (Kopp & Lean 2011
    measured 1360.8 ± 0.5 W/m²).

    Parameters
    ----------
    time_or_distance : Quantity [length], or a time (datetime, datetime64, ISO string, arrays)
        A distance from the Sun, or a UTC time whose Earth–Sun distance is taken from the
        low-precision ephemeris (:func:`thermo_orbit.orbit.earth_sun_distance`).

    Returns
    -------
    Quantity
        [W/m²].

    Examples
    --------
    >>> round(solar_flux(Q_(1, "au")).magnitude, 1)
    1361.0
    """
    if isinstance(time_or_distance, pint.Quantity):
        d = si_value(time_or_distance, "time_or_distance", "m", 'Q_(1, "au")')
        check_range(d, "time_or_distance", 0.0, None, "m", display_unit="au", low_inclusive=False)
    else:
        _, _, d, _ = orb.sun_ecliptic_si(julian_centuries_j2000(time_or_distance, "time_or_distance"))
    return quantity(_solar_flux_si(d), "W/m^2")


# --------------------------------------------------------------------------- design cases

@dataclass(frozen=True)
class DesignCase:
    """A named thermal-environment design case: solar flux, albedo, Earth infrared."""

    name: str
    solar_flux: Any  #: [W/m^2]
    albedo: Any  #: [dimensionless]
    earth_ir: Any  #: outgoing longwave radiation, [W/m^2]
    sources: tuple[str, ...] = field(default=())
    notes: str = ""


@lru_cache(maxsize=1)
def _environment_data() -> dict:
    return read_toml(materials_dir() / "environment.toml")


STANDARDS = ("ECSS-E-ST-10-04C", "SSP-41000")


def design_case(name: str = "nominal", inclination=None, standard: str = "ECSS-E-ST-10-04C") -> DesignCase:
    """The ``hot``, ``nominal`` or ``cold`` thermal environment.

    Albedo and outgoing longwave radiation come from ECSS-E-ST-10-04C (2008), Annex F:
    nominal = the global means (0.30, 230 W/m²); hot and cold = the ends of the ranges
    an orbiting spacecraft sees (0.05-0.6, 150-350 W/m²), taken together, which bounds
    any orbit average.  The solar flux is the solar constant at perihelion (hot), 1 au
    (nominal) or aphelion (cold).  The source gives no dependence on inclination, so
    ``inclination`` is checked but does not change the values.

    Parameters
    ----------
    name : {"hot", "nominal", "cold"}
    inclination : Quantity, optional
        [angle], 0 to 180 deg.

    Examples
    --------
    >>> design_case("nominal").earth_ir
    <Quantity(230.0, 'watt / meter ** 2')>
    """
    if name not in DESIGN_CASE_NAMES:
        raise InputError("case", name, f"one of {', '.join(DESIGN_CASE_NAMES)}")
    if standard not in STANDARDS:
        raise InputError("standard", standard, f"one of {', '.join(STANDARDS)}")
    if inclination is not None:
        check_range(si_value(inclination, "inclination", "deg", 'Q_(51.6, "deg")'),
                    "inclination", 0.0, 180.0, "deg")
    data = _environment_data()
    cite = data["sources"]
    if standard == "SSP-41000":
        case = data["standard"][standard][name]
        flux = Q_(case["solar_flux"]["value"], case["solar_flux"]["unit"])
        keys = {case[k]["source"] for k in ("albedo", "earth_ir", "solar_flux")}
        return DesignCase(name=name, solar_flux=flux, albedo=Q_(case["albedo"]["value"], ""),
                          earth_ir=Q_(case["earth_ir"]["value"], case["earth_ir"]["unit"]),
                          sources=tuple(sorted(cite[k] for k in keys)), notes=case.get("notes", ""))
    case = data["case"][name]
    keys = {case[k]["source"] for k in ("albedo", "earth_ir", "solar_distance")}
    distance = Q_(case["solar_distance"]["value"], case["solar_distance"]["unit"]).to("m").magnitude
    return DesignCase(
        name=name,
        solar_flux=quantity(_solar_flux_si(distance), "W/m^2"),
        albedo=Q_(case["albedo"]["value"], case["albedo"]["unit"]),
        earth_ir=Q_(case["earth_ir"]["value"], case["earth_ir"]["unit"]),
        sources=tuple(sorted({cite[k] for k in keys} | {SOLAR_CONSTANT.source})),
        notes=case.get("notes", ""),
    )


# --------------------------------------------------------------------------- view factor

def _view_factor_plate_sphere_si(H: np.ndarray, tilt: np.ndarray) -> np.ndarray:
    """View factor from a differential plate to a sphere (Modest 2013, App. D; Howell's
    catalog, planar element to sphere), H = r/R ≥ 1 the distance from the sphere centre in sphere radii and
    ``tilt`` the angle between the plate normal and the direction to the centre.

    Full view (tilt ≤ π/2 − ρ, sin ρ = 1/H): F = cos(tilt)/H².
    No view (tilt ≥ π/2 + ρ): F = 0.  Between (partial view, with the horizon cutting the disk):

    F = 1/2 − asin(√(H²−1)/(H sin t))/π
        + [cos t · acos(−√(H²−1) cot t) − √(H²−1) √(1 − H² cos² t)] / (π H²)
    """
    H, t = np.broadcast_arrays(np.asarray(H, dtype=np.float64), np.asarray(tilt, dtype=np.float64))
    rho = np.arcsin(1.0 / H)
    full = t <= np.pi / 2 - rho
    none = t >= np.pi / 2 + rho
    sin_t = np.sin(t)
    cos_t = np.cos(t)
    root = np.sqrt(H**2 - 1.0)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # masked by np.where
        partial = (
            0.5
            - np.arcsin(np.clip(root / (H * sin_t), -1.0, 1.0)) / np.pi
            + (cos_t * np.arccos(np.clip(-root * cos_t / sin_t, -1.0, 1.0))
               - root * np.sqrt(np.maximum(1.0 - H**2 * cos_t**2, 0.0))) / (np.pi * H**2)
        )
    out = np.where(full, cos_t / H**2, np.where(none, 0.0, partial))
    return np.clip(out, 0.0, 1.0)


def check_tilt(tilt: Any, name: str = "tilt") -> np.ndarray:
    """A plate tilt Quantity [angle] (normal from nadir) as float64 radians, checked within 0 to 180°."""
    t = si_value(tilt, name, "rad", 'Q_(90, "deg")')
    check_range(t, name, 0.0, np.pi, "rad", display_unit="deg")
    return t


def view_factor_plate_to_earth(altitude, tilt):
    """View factor from one side of a flat plate to the Earth.

    Parameters
    ----------
    altitude : Quantity
        [length], 100 km to 100 000 km.
    tilt : Quantity
        Angle between the plate normal and nadir, [angle]: 0 = facing the Earth,
        90 deg = edge-on, 180 deg = facing away.  A two-sided panel is two plates
        (``tilt`` and ``180 deg − tilt``).

    Returns
    -------
    Quantity
        Dimensionless, 0 to 1.

    Notes
    -----
    With H = (R + h)/R and ρ = asin(1/H): F = cos(tilt)/H² while the whole disk is in
    view (tilt ≤ 90° − ρ), 0 once it is wholly behind the plate (tilt ≥ 90° + ρ), and the
    partial-view expression of Howell's catalog between (see
    :func:`_view_factor_plate_sphere_si`).

    References
    ----------
    Modest (2013), Appendix D, configurations 16-18 (plate to sphere: facing,
    tilted in full view, edge-on); the partial view as given by Thornton (1996) and
    Howell's catalog of configuration factors.

    Examples
    --------
    >>> round(float(view_factor_plate_to_earth(Q_(400, "km"), Q_(0, "deg")).magnitude), 4)
    0.8855
    """
    h = orb.check_altitude(altitude)
    return quantity(_view_factor_plate_sphere_si((_R + h) / _R, check_tilt(tilt)), "")


# --------------------------------------------------------------------------- absorbed heat

def sun_lvlh_si(beta, phase):
    """Sun unit vector [dimensionless] in the local (zenith, along-track, normal) frame at
    β [rad] and orbit phase from noon [rad] (circular orbit geometry, Gilmore 2002, ch. 2)."""
    cb = np.cos(beta)
    return cb * np.cos(phase), -cb * np.sin(phase), np.sin(beta) * np.ones_like(phase)


def plate_faces_si(a, beta, phase, tilt, azimuth, alpha, eps, alpha_back, eps_back, S, albedo, olr, lit=None):
    """Absorbed heat per unit area [W/m²] on both faces of a plate whose front face is at
    (tilt, azimuth) [rad] and whose back face looks the opposite way (tilt π − t, azimuth
    + π): ``(front, back)``, each the (direct, albedo, earth_ir) components of
    :func:`absorbed_flux_si` (Gilmore 2002, ch. 2).  The one two-sided plate of the
    radiator sink, the array temperature and the orbit model's forcing."""
    if lit is None:
        lit = orb.sunlit_fraction_si(a, beta, phase)  # the same for both faces
    front = absorbed_flux_si(a, beta, phase, tilt, azimuth, alpha, eps, S, albedo, olr, lit=lit)
    back = absorbed_flux_si(a, beta, phase, np.pi - tilt, azimuth + np.pi, alpha_back, eps_back, S, albedo, olr,
                            lit=lit)
    return front, back


def absorbed_flux_si(a, beta, phase, tilt, azimuth, alpha, eps, S, albedo, olr, sun_distance=_AU, lit=None):
    """Kernel of :func:`absorbed_environmental_flux`: absorbed heat per unit area [W/m²] on
    one side of a plate (Gilmore 2002, ch. 2; view factors after Modest 2013): returns
    (direct, albedo, earth_ir) components, each already multiplied by α or ε.  ``a`` [m],
    angles [rad], fluxes [W/m²].  ``lit``: the Sun's visible fraction at these phases,
    when the caller has it already."""
    s_zen, s_along, s_norm = sun_lvlh_si(beta, phase)
    cos_inc = -np.cos(tilt) * s_zen + np.sin(tilt) * (np.cos(azimuth) * s_along + np.sin(azimuth) * s_norm)
    if lit is None:
        lit = orb.sunlit_fraction_si(a, beta, phase, sun_distance)
    F = _view_factor_plate_sphere_si(a / _R, tilt)
    cos_zeta = np.maximum(s_zen, 0.0)
    direct = alpha * S * lit * np.maximum(cos_inc, 0.0)
    reflected = alpha * S * albedo * F * cos_zeta
    infrared = eps * olr * F
    return direct, reflected, infrared


def sun_tracking_attitude(beta, phase):
    """Tilt and azimuth of a surface whose normal points at the Sun (a sun-tracking array).

    Geometry in the module's local frame: n̂ = ŝ, so tilt = acos(−ŝ_zenith) and
    azimuth = atan2(ŝ_normal, ŝ_along).

    Parameters
    ----------
    beta : Quantity
        Solar β angle, [angle], -90 to 90 deg.
    phase : Quantity
        Orbit angle from orbit noon, [angle].

    Returns
    -------
    (Quantity, Quantity)
        tilt from nadir and azimuth, [deg], broadcast over ``beta`` and ``phase``.
    """
    b = orb.check_beta(beta)
    u = si_value(phase, "phase", "rad", 'Q_(90, "deg")')
    tilt, az = sun_tracking_attitude_si(b, u)
    return quantity(tilt, "rad").to("deg"), quantity(az, "rad").to("deg")


def sun_tracking_attitude_si(beta, phase):
    """Kernel of :func:`sun_tracking_attitude`: (tilt, azimuth) [rad] of the normal n̂ = ŝ at
    β and phase [rad] (local-frame geometry of Gilmore 2002, ch. 2)."""
    s_zen, s_along, s_norm = sun_lvlh_si(beta, phase)
    return np.arccos(np.clip(-s_zen, -1.0, 1.0)), np.arctan2(s_norm, s_along)


@dataclass(frozen=True)
class AbsorbedFlux:
    """Absorbed environmental heat per unit area of one side of a surface, [W/m²]."""

    direct_solar: Any
    albedo: Any
    earth_ir: Any

    @property
    def total(self):
        """Sum of the direct solar, albedo and Earth-infrared components, [W/m²]."""
        return self.direct_solar + self.albedo + self.earth_ir


def absorbed_environmental_flux(
    altitude, beta, phase, tilt, absorptance, emissivity, *, azimuth=None,
    case: str | DesignCase = "nominal", inclination=None,
) -> AbsorbedFlux:
    """Absorbed solar, albedo and Earth-infrared heat per unit area on one side of a plate.

    .. math:: q = \\alpha S f_\\odot \\max(\\hat n\\cdot\\hat s, 0)
              + \\alpha S\\, a F \\max(\\cos\\zeta, 0) + \\varepsilon\\, \\mathrm{OLR}\\, F

    (Gilmore 2002, ch. 2), with the Sun's visible fraction f_⊙ including the penumbra and
    the view factor F from :func:`view_factor_plate_to_earth`.  The albedo term uses the
    same view factor as the Earth infrared and the cosine of the sub-satellite solar
    zenith angle, the usual engineering approximation (Gilmore 2002, Sec. 2).

    Parameters
    ----------
    altitude : Quantity
        [length].
    beta : Quantity
        [angle].
    phase : Quantity
        Orbit angle from orbit noon, [angle].
    tilt : Quantity
        Surface normal from nadir, [angle], 0 to 180 deg.
    absorptance, emissivity : Quantity or float
        Solar absorptance α and infrared emissivity ε, [dimensionless], 0 to 1.
    azimuth : Quantity, optional
        Azimuth of the normal from the velocity direction toward the orbit normal,
        [angle]; default 0.
    case : {"hot", "nominal", "cold"} or DesignCase
        Environment design case; see :func:`design_case`.
    inclination : Quantity, optional
        Orbit inclination for choosing the design-case class.

    Returns
    -------
    AbsorbedFlux
        Components ``direct_solar``, ``albedo``, ``earth_ir`` and ``total``, [W/m²].
    """
    a = _R + orb.check_altitude(altitude)
    b = orb.check_beta(beta)
    u = si_value(phase, "phase", "rad", 'Q_(90, "deg")')
    t = check_tilt(tilt)
    az = np.zeros(()) if azimuth is None else si_value(azimuth, "azimuth", "rad", 'Q_(0, "deg")')
    alpha = si_value(absorptance, "absorptance", "")
    eps = si_value(emissivity, "emissivity", "")
    check_range(alpha, "absorptance", 0.0, 1.0, "")
    check_range(eps, "emissivity", 0.0, 1.0, "")
    env = case if isinstance(case, DesignCase) else design_case(case, inclination)
    S = env.solar_flux.to("W/m^2").magnitude
    direct, reflected, infrared = absorbed_flux_si(
        a, b, u, t, az, alpha, eps, S, env.albedo.magnitude,
        env.earth_ir.to("W/m^2").magnitude,
    )
    direct, reflected, infrared = np.broadcast_arrays(direct, reflected, infrared)
    return AbsorbedFlux(quantity(direct, "W/m^2"), quantity(reflected, "W/m^2"), quantity(infrared, "W/m^2"))
