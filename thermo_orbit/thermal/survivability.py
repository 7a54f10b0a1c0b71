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
from . import falsi
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
    every = bool(np.all(whipple))
    # inputs of the single wall alone: where no wall is single, the shape they give all the same
    single_only = [x for x in (*layers[0][1:], *layers[1][1:], inp.damage) if np.ndim(x)] if every else []
    projectiles = ((inp.meteoroid_density, inp.meteoroid_velocity), (inp.debris_density, inp.debris_velocity))
    bumpered = ble.whipple_critical_diameters_si(shield, projectiles, inp.impact_angle) if np.any(whipple) else None
    out = []
    for k, (rho, v) in enumerate(projectiles):
        if every:
            dc = bumpered[k]
            shape = np.broadcast(dc, *single_only).shape if single_only else np.shape(dc)
            out.append(dc if np.shape(dc) == shape else np.broadcast_to(dc, shape).copy())
            continue
        single = ble.single_wall_critical_diameter_si(layers, rho, v, inp.impact_angle, inp.damage)
        out.append(single if bumpered is None else np.where(whipple, bumpered[k], single))
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
    """The mission-mean debris year factor, computed once per distinct mission (a batch's
    designs mostly share one), always on a contiguous array so that a design gets the same
    digits alone or in any batch."""
    t0, years = np.broadcast_arrays(np.asarray(inp.start_year, dtype=np.float64),
                                    np.asarray(inp.mission_life, dtype=np.float64) / env.JULIAN_YEAR)
    pairs, which = np.unique(np.stack([t0.reshape(-1), years.reshape(-1)], axis=1), axis=0, return_inverse=True)
    factor = env.debris_year_factor_si(np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1]))
    return np.asarray(factor)[which.reshape(-1)].reshape(t0.shape)


def _expected(inp: ArmourInputs, n_met, n_deb, dc_met, dc_deb):
    """(N, N_meteoroid, N_debris, extrapolated) from the parts of :func:`_penetrations`."""
    years = np.asarray(inp.mission_life, dtype=np.float64) / env.JULIAN_YEAR
    mass = env.particle_mass_si(dc_met, inp.meteoroid_density)
    extrapolated = ~env.debris_validity_si(dc_deb, inp.altitude, inp.inclination, inp.start_year, years) \
        | (mass < env.GRUN_MASS_RANGE[0]) | (mass > env.GRUN_MASS_RANGE[1])
    return n_met + n_deb, n_met, n_deb, extrapolated


def expected_penetrations_si(inp: ArmourInputs, armour_thickness=0.0):
    """Expected penetrating impacts over the mission, (N, N_meteoroid, N_debris, extrapolated),
    [dimensionless], of one loop's exposed tubes with ``armour_thickness`` [m] added outside.

    .. math:: N = T\\,A \\left[F_{met}(\\ge d_{c,met}) + \\bar Y F_{deb}(\\ge d_{c,deb})\\right],
              \\quad A = \\eta\\pi (D + 2t_a) L

    with Ȳ the mission mean of the ORDEM2000 year factor (Christiansen 2009 Table 2-4);
    ``extrapolated`` where an environment model left its printed range.
    """
    t_a = np.asarray(armour_thickness, dtype=np.float64)
    return _expected(inp, *_penetrations(inp, t_a, _year_factor(inp)))


def _armour_result(inp: ArmourInputs, t_a, parts) -> ArmourResult:
    """The :class:`ArmourResult` of armour ``t_a`` [m] from the parts of :func:`_penetrations` there."""
    n, n_met, n_deb, extra = _expected(inp, *parts)
    pnp = probability_no_penetration_si(n)
    with np.errstate(invalid="ignore"):
        mass = np.asarray(inp.armour_density) * np.pi * t_a * (np.asarray(inp.tube_outer_diameter) + t_a)
    return ArmourResult(t_a + 0.0 * n, n, n_met, n_deb, pnp, mass + 0.0 * n,
                        pnp >= np.asarray(inp.required_pnp) * (1.0 - 1e-12), extra)


def evaluate_armour_si(inp: ArmourInputs, armour_thickness) -> ArmourResult:
    """Expected penetrations, PNP [dimensionless] and armour mass per tube length [kg/m] for a
    given ``armour_thickness`` [m] (a sleeve of density ρ_a around the tube:
    m' = ρ_a π t_a (D + t_a)); ``feasible`` when PNP >= the required PNP.  Models as in
    :func:`expected_penetrations_si` (Christiansen 2009)."""
    t_a = np.asarray(armour_thickness, dtype=np.float64)
    return _armour_result(inp, t_a, _penetrations(inp, t_a, _year_factor(inp)))


def armour_thickness_si(inp: ArmourInputs) -> ArmourResult:
    """Thinnest armour [m] on the tube that makes PNP >= ``required_pnp``, per design, on
    [0, ``max_armour``] (N falls monotonically as armour is added): 0 where the bare wall
    already meets it; ``inf`` (and ``feasible`` False, N and PNP reported at the maximum)
    where no armour up to the maximum does.  Models of :func:`expected_penetrations_si`
    (Christiansen 2009).  The root of ln N = ln N_req is found in x = ln(wall + t) (where
    ln N is nearly linear) by regula falsi with the Illinois step inside a bracket that
    always holds it; the thickness returned is the bracket's safe end, where N <= N_req,
    within 1e-12 in x or in ln N of the root (the designs still searching packed,
    :func:`~thermo_orbit.thermal.falsi.illinois_roots`; what only the shared mission, orbit and
    materials decide computed once).
    """
    shape = np.broadcast(*(np.asarray(x) for x in inp)).shape
    size = int(np.prod(shape))
    inp = _designs(inp, shape)
    n_req = -np.log(np.asarray(inp.required_pnp, dtype=np.float64))
    yf = _year_factor(inp)
    # bare, and at the maximum: N at one thickness shared by the designs, its parts that do not
    # depend on the design (the ballistic limits, the fluxes) computed once
    t_max = np.asarray(inp.max_armour, dtype=np.float64).reshape(-1)
    ends = [_penetrations(inp, t, yf) for t in (np.zeros(t_max.shape), t_max)]
    t_max = t_max + np.zeros(size)
    g0, g_max = (np.broadcast_to(np.log(n_met + n_deb) - np.log(n_req), (size,)) for n_met, n_deb, _, _ in ends)
    bare, reachable = g0 <= 0.0, g_max <= 0.0
    # searched in x = ln(wall + t): the critical diameter grows about as a power of the whole
    # thickness and the flux falls as a power of the diameter, so ln N is nearly linear in x
    wall_d = np.asarray(inp.wall_thickness, dtype=np.float64)
    wall = wall_d + 0.0 * g0
    # the thickness each design's parts of N (N_met, N_deb, d_c's) are known at, and those parts
    carried = np.empty((5, size))
    carried[0] = np.where(bare, 0.0, t_max)
    for k, (p0, p1) in enumerate(zip(*ends)):
        carried[k + 1] = np.where(bare, p0, p1)
    varying = [k for k, x in enumerate(inp) if isinstance(x, np.ndarray) and x.ndim]

    def g(x, rows):
        """ln N − ln N_req at x of the designs ``rows``, and the thickness and parts there."""
        t = np.maximum(np.exp(x) - _at(wall_d, rows), 0.0)
        parts = _penetrations(_rows(inp, rows, varying), t, _at(yf, rows))
        return np.log(parts[0] + parts[1]) - np.log(_at(n_req, rows)), (t, *parts)

    x_hi = falsi.illinois_roots(g, np.log(wall), np.log(wall + t_max), g0, g_max, ~bare & reachable, carried)
    hi = np.minimum(np.maximum(np.exp(x_hi) - wall, 0.0), t_max)
    t = np.where(bare, 0.0, np.where(reachable, hi, t_max))
    parts = carried[1:]
    stale = np.nonzero(t != carried[0])[0]  # parts known at another thickness: evaluated there
    if stale.size:
        for k, part in enumerate(_penetrations(_rows(inp, stale), t[stale], _at(yf, stale))):
            parts[k][stale] = part
    result = _armour_result(inp, t, parts)
    inf = ~(bare | reachable)
    result = result._replace(armour_thickness=np.where(inf, np.inf, result.armour_thickness),
                             armour_mass_per_length=np.where(inf, np.inf, result.armour_mass_per_length),
                             feasible=~inf)
    return ArmourResult(*(np.reshape(x, shape) for x in result))


def _designs(inp: ArmourInputs, shape) -> ArmourInputs:
    """The inputs as contiguous rows over the designs (1-d); a Python number stays one.  Not
    collapsed where the designs of a batch share a value: numpy evaluates exp, log and powers
    of contiguous arrays by SIMD and of broadcast (stride-0) operands by the C library, which
    differ in the last digit, so a design's numbers would depend on the batch it is in."""
    def rows(x):
        if not np.ndim(x):
            return x
        return np.ascontiguousarray(np.broadcast_to(np.asarray(x, dtype=np.float64), shape).reshape(-1))

    return ArmourInputs(*(rows(x) for x in inp))


def _at(x, rows):
    """``x`` at ``rows`` where it varies by design (an array over the designs), else itself."""
    return x[rows] if isinstance(x, np.ndarray) and x.ndim else x


def _rows(inp: ArmourInputs, rows, varying=None) -> ArmourInputs:
    """The inputs of the designs ``rows`` (fields shared by all stay as they are); ``varying``:
    the indices of the fields that vary, where known."""
    if varying is None:
        return ArmourInputs(*(_at(x, rows) for x in inp))
    fields = list(inp)
    for k in varying:
        fields[k] = fields[k][rows]
    return ArmourInputs(*fields)


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
