"""MMOD survivability of a pumped liquid-metal loop: expected penetrations of the exposed tubes,
probability of no penetration (PNP) over the mission, and the thinnest armour that meets a
required PNP.

One loop's exposed tubes collect N = Σ_sources F(≥ d_c) A T penetrating impacts over the life T,
with F the cumulative flux of the source (meteoroids, orbital debris:
:mod:`~thermo_orbit.thermal.mmod_environment`) above the critical diameter d_c of the wall for
that source's density and mean speed (:mod:`~thermo_orbit.thermal.ballistic_limits`), and A the
exposed tube area.  Impacts are a Poisson process, so PNP = exp(−N) (Christiansen (2009) [1]
Sec. 2.10; Christiansen (1993) [2] "Equations for probability analyses").

Required PNP: a design input.  Practice printed in Christiansen (2009) Table 2-7: ISS
0.98 to 0.998 per critical element over 10 years; Hubble 0.95 for 2 years; Shuttle 0.995 per
mission.

Kernels (``*_si``) take the named input :class:`ArmourInputs` of float64 SI arrays that broadcast
over designs; the public functions check units with pint and call them.

References
----------
1. Christiansen, E. L. et al., *Handbook for Designing MMOD Protection*, NASA/TM-2009-214785,
   2009: Secs. 2.6, 2.10, 4.1, 4.2; Tables 2-2 to 2-5 and 2-7.
2. Christiansen, E. L., Int. J. Impact Eng. 14 (1993) 145-156.
3. Cauchy's surface-area formula: the mean projected area of a convex body over random
   orientations is a quarter of its surface area (e.g. Santaló, *Integral Geometry and
   Geometric Probability*, 1976, Sec. 13.6) — why a randomly oriented plate flux times the tube
   surface counts its impacts.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from ..errors import InputError
from ..units import Q_, check_range, quantity, si_value
from . import ballistic_limits as ble
from . import mmod_environment as env
from .ballistic_limits import (
    MaterialProperties,
    material_properties,
    single_wall_critical_diameter,
    whipple_critical_diameter,
)
from .mmod_environment import debris_flux, grun_flux, meteoroid_flux

__all__ = [
    "ARMOUR_MODES",
    "MAX_ARMOUR_THICKNESS",
    "ArmourInputs",
    "ArmourResult",
    "MaterialProperties",
    "exposed_tube_area_si",
    "probability_no_penetration_si",
    "expected_penetrations_si",
    "evaluate_armour_si",
    "armour_thickness_si",
    "material_properties",
    "grun_flux",
    "meteoroid_flux",
    "debris_flux",
    "single_wall_critical_diameter",
    "whipple_critical_diameter",
    "exposed_tube_area",
    "probability_no_penetration",
    "armour_inputs",
    "evaluate_armour",
    "armour_thickness",
]

#: how a design's armour is chosen: sized to the required PNP, given, or survivability not evaluated
ARMOUR_MODES = ("size", "given", "off")

#: Largest armour the sizing tries [m]: 20 mm, a design assumption (beyond it the tube is no
#: longer a radiator tube; the answer is "infeasible" with the PNP reached there).
MAX_ARMOUR_THICKNESS = 0.020
_BISECTIONS = 34  # halvings of [0, max]: 20 mm / 2^34 ~ 1e-12 m


class ArmourInputs(NamedTuple):
    """Named inputs of the survivability kernels: float64 SI arrays that broadcast over designs.

    Tube ``tube_outer_diameter`` [m], ``wall_thickness`` [m]; wall material ``wall_density``
    [kg/m^3], ``wall_brinell`` [dimensionless], ``wall_sound_speed`` [m/s], ``wall_yield`` [Pa];
    armour material likewise (``armour_*``); ``exposed_length`` [m] of tube per loop;
    ``altitude`` [m]; ``inclination`` [rad]; ``start_year`` (calendar year, [a]);
    ``mission_life`` [s]; ``required_pnp`` [dimensionless].  Optional: ``exposed_fraction`` of
    the tube surface open to space [dimensionless] (1 free tube, 0.5 tube on one face of a panel);
    a Whipple bumper (``bumper_thickness`` [m] > 0 and ``standoff`` [m] > 0, ``bumper_density``
    [kg/m^3]); ``max_armour`` [m]; ``damage`` k [dimensionless] (1.8 perforation);
    particle densities [kg/m^3] and mean speeds [m/s] (Christiansen 2009 Sec. 2.6); ``impact_angle``
    [rad] (0: normal impact, the design-particle approach).
    """

    tube_outer_diameter: Any
    wall_thickness: Any
    wall_density: Any
    wall_brinell: Any
    wall_sound_speed: Any
    wall_yield: Any
    armour_density: Any
    armour_brinell: Any
    armour_sound_speed: Any
    armour_yield: Any
    exposed_length: Any
    altitude: Any
    inclination: Any
    start_year: Any
    mission_life: Any
    required_pnp: Any
    exposed_fraction: Any = 1.0
    bumper_thickness: Any = 0.0
    bumper_density: Any = 2700.0
    standoff: Any = 0.0
    max_armour: Any = MAX_ARMOUR_THICKNESS
    damage: Any = ble.DAMAGE_PERFORATION
    meteoroid_density: Any = env.METEOROID_DENSITY
    meteoroid_velocity: Any = env.METEOROID_VELOCITY
    debris_density: Any = env.DEBRIS_DENSITY
    debris_velocity: Any = env.DEBRIS_VELOCITY
    impact_angle: Any = 0.0


class ArmourResult(NamedTuple):
    """Per design: ``armour_thickness`` [m] (0 when the bare wall meets the PNP, inf when no armour
    up to the maximum does), ``expected_penetrations`` N and its ``meteoroid`` and ``debris``
    parts [dimensionless], ``probability_no_penetration`` exp(−N) [dimensionless] (at the maximum
    armour when infeasible), ``armour_mass_per_length`` [kg/m], ``feasible`` and
    ``extrapolated`` (debris or meteoroid model used outside its printed range) flags."""

    armour_thickness: Any
    expected_penetrations: Any
    expected_meteoroid: Any
    expected_debris: Any
    probability_no_penetration: Any
    armour_mass_per_length: Any
    feasible: Any
    extrapolated: Any


def exposed_tube_area_si(length, outer_diameter, exposed_fraction=1.0):
    """Exposed area of a tube [m^2] to multiply a randomly-oriented-surface flux:
    A = η π D L, with ``length`` L [m], ``outer_diameter`` D [m] and ``exposed_fraction`` η
    [dimensionless] of the circumference open to space.

    Equivalently A = (L D) π η: L D is the tube's projected area normal to its axis; by
    Cauchy's formula (Santaló 1976) a tumbling convex body collects the plate flux times its
    surface, so a free tube (η = 1) counts F π D L, F in the randomly-oriented-plate convention of
    ECSS-E-ST-10-04C 10.2.4.1.  η = 1/2 for a tube bonded on one face of a
    panel that shadows the other half (design assumption).

    Examples
    --------
    >>> round(float(exposed_tube_area_si(100.0, 0.01)), 4)
    3.1416
    """
    return np.pi * np.asarray(outer_diameter, dtype=np.float64) * np.asarray(length, dtype=np.float64) \
        * np.asarray(exposed_fraction, dtype=np.float64)


def probability_no_penetration_si(expected):
    """PNP = exp(−N), [dimensionless], for ``expected`` penetrations N [dimensionless]: Poisson
    impacts, Christiansen (2009) Sec. 2.10.

    Examples
    --------
    >>> round(float(probability_no_penetration_si(0.05)), 4)
    0.9512
    """
    return np.exp(-np.asarray(expected, dtype=np.float64))


def _critical_diameters(inp: ArmourInputs, armour):
    """(d_c meteoroid, d_c debris) [m] of the tube wall plus ``armour`` [m]: single wall, or a
    Whipple shield where a bumper and standoff are given."""
    layers = [ble.WallLayer(inp.wall_thickness, inp.wall_density, inp.wall_brinell, inp.wall_sound_speed),
              ble.WallLayer(armour, inp.armour_density, inp.armour_brinell, inp.armour_sound_speed)]
    # rear wall of several layers: Σ t σ^0.5 (see ballistic_limits), in wall-material thickness
    rear = np.asarray(inp.wall_thickness) + armour * np.sqrt(np.asarray(inp.armour_yield) / np.asarray(inp.wall_yield))
    shield = ble.WhippleShield(inp.bumper_thickness, inp.bumper_density, inp.standoff, rear, inp.wall_yield)
    whipple = (np.asarray(inp.bumper_thickness) > 0) & (np.asarray(inp.standoff) > 0)
    out = []
    for rho, v in ((inp.meteoroid_density, inp.meteoroid_velocity), (inp.debris_density, inp.debris_velocity)):
        single = ble.single_wall_critical_diameter_si(layers, rho, v, inp.impact_angle, inp.damage)
        if np.any(whipple):
            single = np.where(whipple, ble.whipple_critical_diameter_si(shield, rho, v, inp.impact_angle), single)
        out.append(single)
    return out


def _penetrations(inp: ArmourInputs, t_a, year_factor):
    """(N_meteoroid, N_debris, d_c meteoroid, d_c debris) with armour ``t_a`` [m]."""
    dc_met, dc_deb = _critical_diameters(inp, t_a)
    area = exposed_tube_area_si(inp.exposed_length, np.asarray(inp.tube_outer_diameter) + 2.0 * t_a,
                                inp.exposed_fraction)
    exposure = area * np.asarray(inp.mission_life, dtype=np.float64)
    n_met = exposure * env.meteoroid_flux_si(dc_met, inp.altitude, inp.meteoroid_density)
    n_deb = exposure * env.debris_flux_si(dc_deb, inp.altitude, inp.inclination, year_factor)
    return n_met, n_deb, dc_met, dc_deb


def _year_factor(inp: ArmourInputs):
    """The mission-mean debris year factor; computed once where every design shares its
    mission (a batch's designs mostly do)."""
    t0 = np.asarray(inp.start_year, dtype=np.float64)
    years = np.asarray(inp.mission_life, dtype=np.float64) / env.JULIAN_YEAR
    if t0.size and years.size and np.all(t0 == t0.flat[0]) and np.all(years == years.flat[0]):
        return env.debris_year_factor_si(t0.flat[0], years.flat[0]) + np.zeros(np.broadcast(t0, years).shape)
    return env.debris_year_factor_si(t0, years)


def expected_penetrations_si(inp: ArmourInputs, armour_thickness=0.0):
    """Expected penetrating impacts over the mission, (N, N_meteoroid, N_debris, extrapolated),
    [dimensionless], of one loop's exposed tubes with ``armour_thickness`` [m] added outside.

    .. math:: N = T\\,A \\left[F_{met}(\\ge d_{c,met}) + \\bar Y F_{deb}(\\ge d_{c,deb})\\right],
              \\quad A = \\eta\\pi (D + 2t_a) L

    with Ȳ the mission mean of the ORDEM2000 year factor (Christiansen 2009 Table 2-4);
    ``extrapolated`` where an environment model left its printed range.
    """
    t_a = np.asarray(armour_thickness, dtype=np.float64)
    n_met, n_deb, dc_met, dc_deb = _penetrations(inp, t_a, _year_factor(inp))
    years = np.asarray(inp.mission_life, dtype=np.float64) / env.JULIAN_YEAR
    mass = env.particle_mass_si(dc_met, inp.meteoroid_density)
    extrapolated = ~env.debris_validity_si(dc_deb, inp.altitude, inp.inclination, inp.start_year, years) \
        | (mass < env.GRUN_MASS_RANGE[0]) | (mass > env.GRUN_MASS_RANGE[1])
    return n_met + n_deb, n_met, n_deb, extrapolated


def evaluate_armour_si(inp: ArmourInputs, armour_thickness) -> ArmourResult:
    """Expected penetrations, PNP [dimensionless] and armour mass per tube length [kg/m] for a
    given ``armour_thickness`` [m] (a sleeve of density ρ_a around the tube:
    m' = ρ_a π t_a (D + t_a)); ``feasible`` when PNP >= the required PNP.  Models as in
    :func:`expected_penetrations_si` (Christiansen 2009)."""
    t_a = np.asarray(armour_thickness, dtype=np.float64)
    n, n_met, n_deb, extra = expected_penetrations_si(inp, t_a)
    pnp = probability_no_penetration_si(n)
    with np.errstate(invalid="ignore"):
        mass = np.asarray(inp.armour_density) * np.pi * t_a * (np.asarray(inp.tube_outer_diameter) + t_a)
    return ArmourResult(t_a + 0.0 * n, n, n_met, n_deb, pnp, mass + 0.0 * n,
                        pnp >= np.asarray(inp.required_pnp) * (1.0 - 1e-12), extra)


def armour_thickness_si(inp: ArmourInputs) -> ArmourResult:
    """Thinnest armour [m] on the tube that makes PNP >= ``required_pnp``, per design, on
    [0, ``max_armour``] (N falls monotonically as armour is added): 0 where the bare wall
    already meets it; ``inf`` (and ``feasible`` False, N and PNP reported at the maximum)
    where no armour up to the maximum does.  Models of :func:`expected_penetrations_si`
    (Christiansen 2009).  The root of ln N = ln N_req is found in x = ln(wall + t) (where
    ln N is nearly linear) by regula falsi with the Illinois step inside a bracket that
    always holds it; the thickness returned is the bracket's safe end, where N <= N_req,
    within 1e-12 in x or in ln N of the root.
    """
    full = inp
    shape = np.broadcast(*(np.asarray(x) for x in inp)).shape
    inp = ArmourInputs(*(np.broadcast_to(x, shape).reshape(-1) if np.ndim(x) else x for x in inp))  # rows 1-d
    n_req = -np.log(np.asarray(inp.required_pnp, dtype=np.float64))
    yf = _year_factor(inp)

    def g(t, rows=None):
        """ln N(t) − ln N_req on every design, or on the designs ``rows`` only."""
        sub, y, req = (inp, yf, n_req) if rows is None else (_rows(inp, rows), _at(yf, rows), _at(n_req, rows))
        n_met, n_deb, _, _ = _penetrations(sub, t, y)
        return np.log(n_met + n_deb) - np.log(req)

    size = max(1, int(np.prod(shape)))
    g0 = np.broadcast_to(g(np.zeros(size)), (size,))
    t_max = np.asarray(inp.max_armour, dtype=np.float64) + np.zeros(size)
    g_max = np.broadcast_to(g(t_max), (size,))
    bare, reachable = g0 <= 0.0, g_max <= 0.0
    # searched in x = ln(wall + t): the critical diameter grows about as a power of the whole
    # thickness and the flux falls as a power of the diameter, so ln N is nearly linear in x
    wall = np.asarray(inp.wall_thickness, dtype=np.float64) + 0.0 * g0

    def g_x(x, rows=None):
        return g(np.maximum(np.exp(x) - (wall if rows is None else wall[rows]), 0.0), rows)

    x_hi = _regula_falsi(g_x, np.log(wall), np.log(wall + t_max), g0, g_max, ~bare & reachable)
    hi = np.minimum(np.maximum(np.exp(x_hi) - wall, 0.0), t_max)
    t = np.where(bare, 0.0, np.where(reachable, hi, t_max)).reshape(shape)
    result = evaluate_armour_si(full, t)
    inf = ~(bare | reachable).reshape(shape)
    return result._replace(armour_thickness=np.where(inf, np.inf, result.armour_thickness),
                           armour_mass_per_length=np.where(inf, np.inf, result.armour_mass_per_length),
                           feasible=~inf)


def _at(x, rows):
    """``x`` at ``rows`` where it varies by design, else itself."""
    return np.asarray(x)[rows] if np.ndim(x) else x


def _rows(inp: ArmourInputs, rows) -> ArmourInputs:
    """The inputs of the designs ``rows`` (fields shared by all stay as they are)."""
    return ArmourInputs(*(_at(x, rows) for x in inp))


def _regula_falsi(g, lo, hi, g_lo, g_hi, active, tol_t: float = 1e-12, tol_g: float = 1e-12, most: int = 100):
    """Root of the decreasing ``g`` in [lo, hi] (g(lo) > 0 >= g(hi)) where ``active``, by
    regula falsi with the Illinois step (``g(t, rows)`` evaluated on the rows still
    searching, which are kept packed); returns the end where g <= 0 (the safe side), within
    ``tol_t`` in t or ``tol_g`` in g of the root."""
    shape = np.shape(hi)
    out = np.array(hi, dtype=np.float64).reshape(-1)
    lo, g_lo, g_hi = (np.array(x, dtype=np.float64).reshape(-1) for x in (lo, g_lo, g_hi))
    rows = np.nonzero(np.array(active, dtype=bool).reshape(-1) & np.isfinite(g_lo) & np.isfinite(g_hi))[0]
    a, b, ga, gb = lo[rows], out[rows], g_lo[rows], g_hi[rows]
    moved = np.zeros(rows.size, dtype=np.int8)  # the end that moved last: +1 lo, -1 hi
    for _ in range(most):
        if rows.size == 0:
            break
        m = b - gb * (b - a) / (gb - ga)
        m = np.where((m <= a) | (m >= b) | ~np.isfinite(m), 0.5 * (a + b), m)  # no progress: bisect
        gm = g(m, rows)
        up = gm > 0.0  # the root lies above m
        a, ga = np.where(up, m, a), np.where(up, gm, ga)
        b, gb = np.where(up, b, m), np.where(up, gb, gm)
        gb = np.where(up & (moved == 1), 0.5 * gb, gb)  # Illinois: an end that stays twice
        ga = np.where(~up & (moved == -1), 0.5 * ga, ga)
        moved = np.where(up, 1, -1).astype(np.int8)
        done = (b - a <= tol_t) | (~up & (gm >= -tol_g))
        out[rows[done]] = b[done]
        keep = ~done
        rows, a, b, ga, gb, moved = rows[keep], a[keep], b[keep], ga[keep], gb[keep], moved[keep]
    out[rows] = b  # rows left at the iteration limit: their safe end
    return out.reshape(shape)


# --------------------------------------------------------------------------- pint-checked API

def exposed_tube_area(length, outer_diameter, exposed_fraction=1.0):
    """Exposed tube area η π D L [m^2] from ``length`` [length], ``outer_diameter`` [length] and
    ``exposed_fraction`` η [dimensionless], for fluxes per randomly oriented plate area as in
    ECSS-E-ST-10-04C 10.2.4.1 (:func:`exposed_tube_area_si`; Cauchy's formula).

    Examples
    --------
    >>> round(exposed_tube_area(Q_(100, "m"), Q_(10, "mm"), 0.5).magnitude, 4)
    1.5708
    """
    L = si_value(length, "length", "m", 'Q_(100, "m")')
    D = si_value(outer_diameter, "outer_diameter", "m", 'Q_(10, "mm")')
    eta = si_value(exposed_fraction, "exposed_fraction", "")
    check_range(L, "length", 0.0, None, "m")
    check_range(D, "outer_diameter", 0.0, None, "m", low_inclusive=False)
    check_range(eta, "exposed_fraction", 0.0, 1.0, "", low_inclusive=False)
    return quantity(exposed_tube_area_si(L, D, eta), "m^2")


def probability_no_penetration(expected_penetrations):
    """PNP = exp(−N) [dimensionless] of ``expected_penetrations`` N [dimensionless] (Christiansen 2009 Sec. 2.10).

    Examples
    --------
    >>> round(probability_no_penetration(0.05).magnitude, 4)
    0.9512
    """
    n = si_value(expected_penetrations, "expected_penetrations", "")
    check_range(n, "expected_penetrations", 0.0, None, "")
    return quantity(probability_no_penetration_si(n), "")


def _material(value, field):
    if isinstance(value, str):
        return material_properties(value)
    if isinstance(value, MaterialProperties):
        return value
    raise InputError(field, value, "a material name of materials/structures.toml or MaterialProperties")


def armour_inputs(*, tube_outer_diameter, wall_thickness, wall_material, armour_material, exposed_length,
                  altitude, inclination, start_year, mission_life, required_pnp, exposed_fraction=1.0,
                  bumper_thickness=Q_(0.0, "m"), bumper_material="Al6061", standoff=Q_(0.0, "m"),
                  max_armour=Q_(MAX_ARMOUR_THICKNESS, "m"), impact_angle=Q_(0.0, "deg")) -> ArmourInputs:
    """Check units and ranges of the survivability inputs (Quantities; materials by name in
    materials/structures.toml) and return the SI :class:`ArmourInputs` for the kernels: tube
    diameter and wall [length], exposed length [length], altitude [length], inclination [angle],
    start year [dimensionless], mission life [time], required PNP [dimensionless] in (0, 1)."""
    wall, arm, bump = (_material(v, f) for v, f in ((wall_material, "wall_material"),
                                                    (armour_material, "armour_material"),
                                                    (bumper_material, "bumper_material")))
    D = si_value(tube_outer_diameter, "tube_outer_diameter", "m", 'Q_(10, "mm")')
    tw = si_value(wall_thickness, "wall_thickness", "m", 'Q_(1, "mm")')
    check_range(D, "tube_outer_diameter", 0.0, None, "m", low_inclusive=False)
    check_range(tw / D, "wall_thickness", 0.0, 0.5, "", low_inclusive=False, high_inclusive=False,
                what="a fraction of the outer diameter")
    lengths = {n: si_value(v, n, "m") for n, v in (("exposed_length", exposed_length),
               ("bumper_thickness", bumper_thickness), ("standoff", standoff), ("max_armour", max_armour))}
    for n, v in lengths.items():
        check_range(v, n, 0.0, None, "m", low_inclusive=(n != "max_armour"))
    h = si_value(altitude, "altitude", "m", 'Q_(550, "km")')
    check_range(h, "altitude", 100e3, None, "m", display_unit="km", low_inclusive=False)
    inc = si_value(inclination, "inclination", "rad", 'Q_(53, "deg")')
    check_range(inc, "inclination", 0.0, np.pi, "rad", display_unit="deg")
    life = si_value(mission_life, "mission_life", "s", 'Q_(5, "year")')
    check_range(life, "mission_life", 0.0, None, "s", low_inclusive=False)
    pnp = si_value(required_pnp, "required_pnp", "")
    check_range(pnp, "required_pnp", 0.0, 1.0, "", low_inclusive=False, high_inclusive=False)
    eta = si_value(exposed_fraction, "exposed_fraction", "")
    check_range(eta, "exposed_fraction", 0.0, 1.0, "", low_inclusive=False)
    ang = si_value(impact_angle, "impact_angle", "rad")
    check_range(ang, "impact_angle", 0.0, np.pi / 2, "rad", display_unit="deg", high_inclusive=False)
    props = [si_value(x, "material", u) for m in (wall, arm) for x, u in
             zip(m, ("kg/m^3", "", "m/s", "Pa"))]
    return ArmourInputs(D, tw, *props, lengths["exposed_length"], h, inc, si_value(start_year, "start_year", ""),
                        life, pnp, eta, lengths["bumper_thickness"], si_value(bump.density, "bumper", "kg/m^3"),
                        lengths["standoff"], lengths["max_armour"], impact_angle=ang)


def _quantities(r: ArmourResult) -> ArmourResult:
    units = ("m", "", "", "", "", "kg/m")
    return ArmourResult(*(quantity(x, u) for x, u in zip(r[:6], units)), np.asarray(r.feasible),
                        np.asarray(r.extrapolated))


def evaluate_armour(inputs: ArmourInputs, armour_thickness) -> ArmourResult:
    """Expected penetrations and PNP [dimensionless] and armour mass [kg/m] of ``inputs`` (from
    :func:`armour_inputs`) with ``armour_thickness`` [length] (:func:`evaluate_armour_si`; Christiansen 2009)."""
    t = si_value(armour_thickness, "armour_thickness", "m", 'Q_(1, "mm")')
    check_range(t, "armour_thickness", 0.0, None, "m")
    return _quantities(evaluate_armour_si(inputs, t))


def armour_thickness(inputs: ArmourInputs) -> ArmourResult:
    """Thinnest armour [m] meeting the required PNP [dimensionless] for ``inputs`` (from :func:`armour_inputs`),
    with N, PNP and mass [kg/m] (:func:`armour_thickness_si`; Christiansen 2009).

    Examples
    --------
    >>> inp = armour_inputs(tube_outer_diameter=Q_(12, "mm"), wall_thickness=Q_(1, "mm"), wall_material="SS316",
    ...     armour_material="Al6061", exposed_length=Q_(200, "m"), altitude=Q_(550, "km"),
    ...     inclination=Q_(53, "deg"), start_year=2015, mission_life=Q_(5, "year"), required_pnp=0.95)
    >>> r = armour_thickness(inp)
    >>> bool(r.feasible), r.armour_thickness.to("mm").magnitude > 0
    (True, True)
    """
    return _quantities(armour_thickness_si(inputs))
