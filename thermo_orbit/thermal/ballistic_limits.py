"""Ballistic-limit equations (BLEs): the critical particle diameter that a wall just stops, for
the MMOD survivability of the coolant tubes (:mod:`thermo_orbit.thermal.survivability`).

Two configurations, both from the NASA Johnson Space Center family as printed in Christiansen
(2009) [1] (read in the primary PDF; equation numbers below are that document's):

- **Single wall** (the tube wall with any armour sleeve): the Cour-Palais cratering equation
  (Eqs. 4-1, 4-2) and the perforation threshold t = k P∞ (Eqs. 4-3 to 4-6), k = 1.8 for
  perforation, 2.2 detached spall, 3.0 incipient spall.  Validated for aluminium alloys at
  0-85 deg and below 8 km/s (Table 4-1); the same form serves titanium (Eq. 4-7).  A wall of
  several layers (tube plus armour) is treated as one wall whose layers add their thickness in
  proportion to their own Cour-Palais resistance: Σ tᵢ/Kᵢ = k d^{19/18} (a design assumption,
  exact for one material, where it is Eq. 4-6).
- **Whipple shield** (a fin or face sheet as bumper at a standoff in front of the tube wall):
  the JSC Whipple equations of Christiansen (1993) [2] (Eqs. 9-12), repeated as Eqs. 4-23 to
  4-26 of [1]: three regimes of the normal velocity Vn = V cos θ (below 3 km/s, 3 to 7, above
  7) and impact angles above 65 deg taken as 65 deg.  A rear wall of several layers adds
  tᵢ σᵢ^{1/2} (every regime of the equations depends on the rear wall only through t σ^{1/2}:
  a design assumption for different materials, exact for one).

Impact angle θ is measured from the surface normal; 0 (normal impact at the mean velocity) is
the simplified "design particle" approach of Christiansen (1993) [2] (Section "Equations for
preliminary shielding design"); the full method integrates over the velocity and angle
distributions and is not done here.  The equations are in the handbook's units (cm, g/cm³,
km/s, ksi); the kernels take and return SI.

References
----------
1. Christiansen, E. L. et al., *Handbook for Designing MMOD Protection*, NASA/TM-2009-214785,
   NASA Johnson Space Center, 2009, Sec. 4.1.1 and 4.2.3.
2. Christiansen, E. L., "Design and performance equations for advanced meteoroid and debris
   shields", Int. J. Impact Eng. 14 (1993) 145-156.
3. Cour-Palais, B. G., "Hypervelocity impact in metals, glass and composites", Int. J. Impact
   Eng. 5 (1987) 221-237.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from ..errors import InputError
from ..units import Q_, check_range, quantity, si_value

__all__ = [
    "DAMAGE_PERFORATION",
    "DAMAGE_DETACHED_SPALL",
    "DAMAGE_INCIPIENT_SPALL",
    "WHIPPLE_ANGLE_CAP",
    "WallLayer",
    "WhippleShield",
    "cour_palais_penetration_si",
    "single_wall_critical_diameter_si",
    "whipple_critical_diameter_si",
    "whipple_critical_diameters_si",
    "MaterialProperties",
    "material_properties",
    "single_wall_critical_diameter",
    "whipple_critical_diameter",
]

DAMAGE_PERFORATION = 1.8  #: k of Eq. 4-5 of Christiansen (2009): t >= 1.8 P∞ prevents perforation
DAMAGE_DETACHED_SPALL = 2.2  #: k of Eq. 4-4: detached spall
DAMAGE_INCIPIENT_SPALL = 3.0  #: k of Eq. 4-3: incipient (attached) spall
WHIPPLE_ANGLE_CAP = np.radians(65.0)  #: [rad] Eq. 4-26: above 65 deg use the 65 deg value

_KSI = 6.894757293168361e6  # [Pa] one ksi (1000 lbf/in^2)


class WallLayer(NamedTuple):
    """One layer of a single wall, float64 SI arrays: ``thickness`` [m], ``density`` [kg/m^3],
    ``brinell`` hardness [dimensionless, BHN], ``sound_speed`` [m/s]."""

    thickness: Any
    density: Any
    brinell: Any
    sound_speed: Any


class WhippleShield(NamedTuple):
    """A Whipple shield, float64 SI arrays: ``bumper_thickness`` [m], ``bumper_density``
    [kg/m^3], ``standoff`` [m] (back of bumper to front of rear wall), ``wall_thickness`` [m] and
    ``wall_yield`` strength [Pa] of the rear wall."""

    bumper_thickness: Any
    bumper_density: Any
    standoff: Any
    wall_thickness: Any
    wall_yield: Any


def _a(x):
    return np.asarray(x, dtype=np.float64)


def _resistance_cm(projectile_density, velocity, angle, density, brinell, sound_speed):
    """K of P∞[cm] = K d[cm]^{19/18} (Eqs. 4-1, 4-2): the density exponent is 1/2 for
    ρp/ρt < 1.5 and 2/3 otherwise."""
    ratio = _a(projectile_density) / _a(density)
    n = np.where(ratio < 1.5, 0.5, 2.0 / 3.0)
    vn = np.maximum(_a(velocity) * np.cos(_a(angle)), 0.0)
    return 5.24 * _a(brinell) ** -0.25 * ratio**n * (vn / _a(sound_speed)) ** (2.0 / 3.0)


def cour_palais_penetration_si(diameter, projectile_density, velocity, target_density, brinell,
                               sound_speed, angle=0.0):
    """Cour-Palais (1987) crater depth in a semi-infinite metal target, P∞ [m] (Christiansen
    (2009) Eqs. 4-1, 4-2).

    .. math:: P_\\infty = 5.24\\, d^{19/18}\\, BHN^{-1/4} (\\rho_p/\\rho_t)^{n}
              \\left(\\frac{V\\cos\\theta}{C_t}\\right)^{2/3},\\quad n = \\tfrac12\\ (\\rho_p/\\rho_t<1.5),
              \\ \\tfrac23\\ \\text{otherwise}

    in cm, g/cm³ and km/s.  ``diameter`` [m], ``projectile_density`` and ``target_density``
    [kg/m^3], ``velocity`` and ``sound_speed`` [m/s], ``brinell`` [dimensionless], ``angle``
    [rad] from the normal.  Validated for aluminium, 0-85 deg, below 8 km/s (Table 4-1).

    Examples
    --------
    >>> round(float(cour_palais_penetration_si(0.01, 2700.0, 10e3, 2700.0, 95.0, 5000.0)) * 100, 4)
    2.6643
    """
    k = _resistance_cm(projectile_density, velocity, angle, target_density, brinell, sound_speed)
    return k * (_a(diameter) * 100.0) ** (19.0 / 18.0) / 100.0


def single_wall_critical_diameter_si(layers: Sequence[WallLayer], projectile_density, velocity,
                                     angle=0.0, damage=DAMAGE_PERFORATION):
    """Critical particle diameter [m] of a single wall of one or more bonded ``layers``
    (:class:`WallLayer`, SI), for a projectile of density ``projectile_density`` [kg/m^3] at
    ``velocity`` [m/s] and ``angle`` [rad] from the normal; ``damage`` k [dimensionless].

    .. math:: d_c = \\left[\\frac{1}{k}\\sum_i \\frac{t_i}{K_i}\\right]^{18/19},\\quad
              K_i = 5.24\\, BHN_i^{-1/4} (\\rho_p/\\rho_i)^{n_i} (V\\cos\\theta / C_i)^{2/3}

    (cm, g/cm³, km/s).  For one layer this is Christiansen (2009) Eq. 4-6 (with the density
    exponent of Eq. 4-2 where ρp/ρt >= 1.5); the sum over layers is a design assumption.

    Examples
    --------
    >>> wall = WallLayer(1.5e-2, 2713.0, 73.0, 5069.0)   # 1.5 cm Al 6061-T651, detached spall
    >>> dc = single_wall_critical_diameter_si([wall], 2800.0, 1e3, np.radians(60.0), DAMAGE_DETACHED_SPALL)
    >>> round(float(dc) * 100, 5)
    1.70259
    """
    total = 0.0
    for layer in layers:
        k_i = _resistance_cm(projectile_density, velocity, angle, layer.density, layer.brinell,
                             layer.sound_speed)
        with np.errstate(divide="ignore"):
            total = total + (_a(layer.thickness) * 100.0) / k_i
    return (np.asarray(total, dtype=np.float64) / _a(damage)) ** (18.0 / 19.0) / 100.0


def whipple_critical_diameter_si(shield: WhippleShield, projectile_density, velocity, angle=0.0):
    """Critical particle diameter [m] of a Whipple shield (:class:`WhippleShield`, SI) for a
    projectile of density ``projectile_density`` [kg/m^3] at ``velocity`` [m/s] and ``angle``
    [rad] from the normal: the JSC Whipple equations, Christiansen (1993) Eqs. 9-12, as
    Christiansen (2009) Eqs. 4-23 to 4-26 (failure: perforation or detached spall of the rear wall).

    .. math::
        d_c = 3.918\\, t_w^{2/3} \\rho_p^{-1/3} \\rho_b^{-1/9} V_n^{-2/3} S^{1/3} (\\sigma/70)^{1/3}
        \\quad (V_n \\ge 7)

        d_c = \\left[\\frac{t_w(\\sigma/40)^{1/2} + t_b}
                     {0.6 \\cos^{5/3}\\theta\\, \\rho_p^{1/2} V^{2/3}}\\right]^{18/19}
        \\quad (V_n \\le 3)

    and linear in Vn between the two at 3 and 7 km/s (Eq. 4-25); θ above 65 deg is taken as 65
    deg (Eq. 4-26).  Units of the equations: cm, g/cm³, km/s, ksi.  Valid where the bumper is
    thick enough to break the projectile up (Eq. 4-21: t_b >= 0.25 d ρp/ρb for S/d < 30).

    Examples
    --------
    >>> shield = WhippleShield(0.25e-2, 2700.0, 11.43e-2, 0.6849e-2, 40 * 6.894757e6)
    >>> round(float(whipple_critical_diameter_si(shield, 2700.0, 7e3)) * 100, 3)
    1.0
    """
    return whipple_critical_diameters_si(shield, [(projectile_density, velocity)], angle)[0]


def whipple_critical_diameters_si(shield: WhippleShield, projectiles, angle=0.0) -> list:
    """Critical particle diameters [m] of one Whipple shield (:class:`WhippleShield`, SI) for
    several ``projectiles``, each a (density [kg/m^3], velocity [m/s]) pair, at ``angle`` [rad]
    from the normal: :func:`whipple_critical_diameter_si` of each (Christiansen 2009 Eqs. 4-23
    to 4-26), the shield's own terms (the rear wall's t_w^{2/3}) computed once."""
    th = np.minimum(_a(angle), WHIPPLE_ANGLE_CAP)
    cos = np.cos(th)
    rb = _a(shield.bumper_density) / 1e3
    tb, tw, s = _a(shield.bumper_thickness) * 100.0, _a(shield.wall_thickness) * 100.0, _a(shield.standoff) * 100.0
    sig = _a(shield.wall_yield) / _KSI
    tw23 = []  # t_w^(2/3), once, where an impact is fast enough to need it
    out = []
    for projectile_density, velocity in projectiles:
        v = _a(velocity) / 1e3
        vn = v * cos
        rp = _a(projectile_density) / 1e3
        high_regime, low_regime = vn >= 7.0, vn <= 3.0
        if not tw23 and not np.all(low_regime):
            tw23.append(tw ** (2 / 3))
        with np.errstate(divide="ignore", invalid="ignore"):
            # each regime only where some impact is in it (a batch's impacts mostly share theirs);
            # the shape all the inputs give, also those the regime does not use
            if np.all(high_regime):
                dc, unused = _whipple_high(tw23[0], rp, rb, s, sig, vn), (tb,)
            elif np.all(low_regime):
                dc, unused = _whipple_low(tw, tb, sig, rp, v, cos), (rb, s)
            else:
                mid = (_whipple_low_mid(tw, tb, sig, rp, cos) * (1.75 - vn / 4.0)
                       + 1.071 * _whipple_hv(tw23[0], rp, rb, s, sig) * (vn / 4.0 - 0.75))
                dc, unused = np.where(high_regime, _whipple_high(tw23[0], rp, rb, s, sig, vn),
                                      np.where(low_regime, _whipple_low(tw, tb, sig, rp, v, cos), mid)), ()
        dc = dc / 100.0
        unused = [x for x in unused if np.ndim(x)]
        out.append(np.broadcast_to(dc, np.broadcast(dc, *unused).shape).copy() if unused else dc)
    return out


def _whipple_hv(tw23, rp, rb, s, sig):
    """The hypervelocity coefficient of Eq. 4-23 without its Vn^(-2/3), from t_w^(2/3) ``tw23``:
    cm, g/cm³, ksi."""
    return tw23 * rp ** (-1 / 3) * rb ** (-1 / 9) * s ** (1 / 3) * (sig / 70.0) ** (1 / 3)


def _whipple_high(tw23, rp, rb, s, sig, vn):
    """d_c [cm] at Vn >= 7 km/s (Eq. 4-23), from t_w^(2/3) ``tw23``."""
    return 3.918 * _whipple_hv(tw23, rp, rb, s, sig) * vn ** (-2 / 3)


def _whipple_low(tw, tb, sig, rp, v, cos):
    """d_c [cm] at Vn <= 3 km/s (Eq. 4-24)."""
    return ((tw * (sig / 40.0) ** 0.5 + tb) / (0.6 * cos ** (5 / 3) * rp**0.5 * v ** (2 / 3))) ** (18 / 19)


def _whipple_low_mid(tw, tb, sig, rp, cos):
    """The low-velocity term of Eq. 4-25 [cm], weighted by (1.75 − Vn/4) between 3 and 7 km/s."""
    return ((tw * (sig / 40.0) ** 0.5 + tb) / (1.248 * rp**0.5 * cos)) ** (18 / 19)


# --------------------------------------------------------------------------- pint-checked API

class MaterialProperties(NamedTuple):
    """Ballistic-limit properties of a tube, armour or bumper material, Quantities: ``density``
    [kg/m^3], ``brinell`` [dimensionless], ``sound_speed`` [m/s], ``yield_strength`` [Pa]."""

    density: Any
    brinell: Any
    sound_speed: Any
    yield_strength: Any


def material_properties(name: str) -> MaterialProperties:
    """Density [kg/m^3], Brinell hardness [dimensionless], sound speed [m/s] and yield strength [Pa]
    of a structure material, from its cited entry in materials/structures.toml.

    Raises
    ------
    InputError
        unknown material, or an entry without one of the four values.
    """
    from ..materials import structure

    rec = structure(name)
    fields = ("density", "brinell_hardness", "sound_speed", "yield_strength")
    missing = [f for f in fields if f not in rec.values]
    if missing:
        raise InputError("material", name, "a structure with cited " + ", ".join(fields),
                         f"material: {name!r} has no cited {', '.join(missing)} in materials/structures.toml")
    return MaterialProperties(*(rec[f] for f in fields))


def single_wall_critical_diameter(thickness, material, projectile_density, velocity,
                                  angle=Q_(0.0, "deg"), damage=DAMAGE_PERFORATION):
    """Critical particle diameter [m] of a single wall of ``thickness`` [length] of ``material``
    (a name in materials/structures.toml or :class:`MaterialProperties`): Cour-Palais, Christiansen
    (2009) Eq. 4-6, for ``projectile_density`` [kg/m^3] at ``velocity`` [m/s] and ``angle`` [angle];
    ``damage`` k [dimensionless] (1.8 perforation, 2.2 detached spall, 3.0 incipient spall).

    Examples
    --------
    >>> dc = single_wall_critical_diameter(Q_(1, "mm"), "Al6061", Q_(2.8, "g/cm^3"), Q_(9, "km/s"))
    >>> round(dc.to("mm").magnitude, 3)
    0.27
    """
    mat = material_properties(material) if isinstance(material, str) else material
    t = si_value(thickness, "thickness", "m", 'Q_(1, "mm")')
    check_range(t, "thickness", 0.0, None, "m")
    layer = WallLayer(t, si_value(mat.density, "density", "kg/m^3"), si_value(mat.brinell, "brinell", ""),
                          si_value(mat.sound_speed, "sound_speed", "m/s"))
    rho, v, a, k = _projectile(projectile_density, velocity, angle, damage)
    return quantity(single_wall_critical_diameter_si([layer], rho, v, a, k), "m")


def _projectile(projectile_density, velocity, angle, damage=1.0):
    rho = si_value(projectile_density, "projectile_density", "kg/m^3", 'Q_(2.8, "g/cm^3")')
    v = si_value(velocity, "velocity", "m/s", 'Q_(9, "km/s")')
    a = si_value(angle, "angle", "rad", 'Q_(0, "deg")')
    k = si_value(damage, "damage", "")
    check_range(rho, "projectile_density", 0.0, None, "kg/m^3", low_inclusive=False)
    check_range(v, "velocity", 0.0, None, "m/s", low_inclusive=False)
    check_range(a, "angle", 0.0, np.pi / 2, "rad", display_unit="deg", high_inclusive=False)
    check_range(k, "damage", 0.0, None, "", low_inclusive=False)
    return rho, v, a, k


def whipple_critical_diameter(bumper_thickness, bumper_density, standoff, wall_thickness, wall_yield,
                              projectile_density, velocity, angle=Q_(0.0, "deg")):
    """Critical particle diameter [m] of a Whipple shield: bumper ``bumper_thickness`` [length] of
    ``bumper_density`` [kg/m^3] at ``standoff`` [length] in front of a rear wall of ``wall_thickness``
    [length] and yield strength ``wall_yield`` [Pa]; JSC Whipple equations, Christiansen (1993),
    Christiansen (2009) Eqs. 4-23 to 4-26 (:func:`~.ballistic_limits.whipple_critical_diameter_si`).

    Examples
    --------
    >>> dc = whipple_critical_diameter(Q_(0.25, "cm"), Q_(2.7, "g/cm^3"), Q_(11.43, "cm"), Q_(0.6849, "cm"),
    ...                                Q_(40, "ksi"), Q_(2.7, "g/cm^3"), Q_(7, "km/s"))
    >>> round(dc.to("cm").magnitude, 3)
    1.0
    """
    names = ("bumper_thickness", "standoff", "wall_thickness")
    tb, s, tw = (si_value(x, n, "m", 'Q_(1, "mm")')
                 for x, n in zip((bumper_thickness, standoff, wall_thickness), names))
    for x, n in zip((tb, s, tw), names):
        check_range(x, n, 0.0, None, "m", low_inclusive=(n != "standoff"))
    rb = si_value(bumper_density, "bumper_density", "kg/m^3")
    sig = si_value(wall_yield, "wall_yield", "Pa", 'Q_(276, "MPa")')
    check_range(rb, "bumper_density", 0.0, None, "kg/m^3", low_inclusive=False)
    check_range(sig, "wall_yield", 0.0, None, "Pa", low_inclusive=False)
    rho, v, a, _ = _projectile(projectile_density, velocity, angle)
    return quantity(whipple_critical_diameter_si(WhippleShield(tb, rb, s, tw, sig), rho, v, a), "m")
