"""MMOD survivability: environment, ballistic limits and PNP against what NASA printed, plus
invariants.

Sources (read for this test file):
- Christiansen et al., NASA/TM-2009-214785 (2009), "Handbook for Designing MMOD Protection",
  primary PDF: Tables 2-2 to 2-5 (SSP 30425 Rev. B meteoroids, ORDEM2000 debris), Eqs. 4-1 to
  4-26.
- Christiansen, Int. J. Impact Eng. 14 (1993) 145-156, primary PDF: Table 1 (minimum Whipple
  shields that passed, no perforation or detached spall, at 6-7 km/s).
- Test configurations of Table 1 as listed, shot by shot, in the HVI database of S. Ryan's
  pyBLOSSUM (github shannonjryan/pyBLOSSUM, data/database_whipple_pyBLOSSUM.csv, source column
  "TP-2003-210788"): secondary; their areal densities agree with Table 1 (A235 0.60, B128 2.07,
  A1464 1.12 g/cm^2).
- Single-wall ballistic-limit values "read from screen grab" of the NASA tool, as tabulated in
  pyBLOSSUM validation/singleWall.xlsx (sheet "reference", ref. NASA/TM-2009-214789): secondary.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermo_orbit.errors import ExtrapolationWarning, InputError, OutOfRangeError, UnitError
from thermo_orbit.thermal import ballistic_limits as ble
from thermo_orbit.thermal import mmod_environment as env
from thermo_orbit.thermal import survivability as sv
from thermo_orbit.units import Q_

YEAR = env.JULIAN_YEAR
KSI = 6.894757293168361e6
I516 = np.radians(51.6)

# --------------------------------------------------------------------------- meteoroids

# Christiansen (2009) Table 2-3: SSP 30425 Rev. B meteoroid flux of >= 3 mm on a randomly tumbling
# object, 51.6 deg, and its ratio to 400 km.
TABLE_2_3_METEOROID = [  # (altitude km, flux /m^2-yr, ratio to 400 km)
    (300.0, 2.69e-5, 0.97), (400.0, 2.79e-5, 1.00), (500.0, 2.86e-5, 1.03),
    (800.0, 3.00e-5, 1.08), (1000.0, 3.07e-5, 1.10), (1500.0, 3.16e-5, 1.13),
]


@pytest.mark.parametrize("h, flux, ratio", TABLE_2_3_METEOROID)
def test_meteoroid_altitude_ratio_table_2_3(h, flux, ratio):
    # The ratios test G = 1 + R_a/r and (1 + cos eta)/2 alone; printed to 2 decimals: +-0.005 rounding.
    model = env.meteoroid_flux_si(3e-3, h * 1e3) / env.meteoroid_flux_si(3e-3, 400e3)
    assert float(model) == pytest.approx(ratio, abs=0.0051)


@pytest.mark.parametrize("h, flux, ratio", TABLE_2_3_METEOROID)
def test_meteoroid_flux_level_table_2_3(h, flux, ratio):
    # Absolute level: the model (Grün 1985, 1 g/cm^3) is 11-13 % below SSP 30425 Rev. B as printed, at
    # every altitude (a systematic offset, not identified: SSP 30425 was not readable); 15 % covers it.
    model = float(env.meteoroid_flux_si(3e-3, h * 1e3)) * YEAR
    assert model == pytest.approx(flux, rel=0.15)
    assert model < flux  # the offset has one sign: a finding recorded in docs/physics/survivability.md


def test_meteoroid_size_slope_table_2_2():
    # Table 2-2 (400 km, 51.6 deg, meteoroid density 1.0 g/cm^3): 22.2 impacts of >= 0.1 mm and
    # 1.40e-6 of >= 1 cm a year on the cube; their ratio tests the Grün mass distribution between
    # 0.5 ug and 0.5 g.  3 significant digits printed: 1 % tolerance.
    ratio = env.meteoroid_flux_si(1e-4, 400e3) / env.meteoroid_flux_si(1e-2, 400e3)
    assert float(ratio) == pytest.approx(22.2 / 1.40e-6, rel=0.01)


def test_cube_faces_sum_is_the_tumbling_flux():
    # The design assumption behind the debris size distribution (six-face cube total per m^2 =
    # tumbling flux), checked on the meteoroid columns: Table 2-2 >= 0.1 mm (22.2 / 6 m^2) against
    # the Table 2-3 >= 3 mm value (2.79e-5), ratio compared with the model's size ratio: 3 %.
    printed = (22.2 / 6.0) / 2.79e-5
    model = env.meteoroid_flux_si(1e-4, 400e3) / env.meteoroid_flux_si(3e-3, 400e3)
    assert float(model) == pytest.approx(printed, rel=0.03)


def test_grun_flux_form_ecss():
    # ECSS-E-ST-10-04C 10.2.4.1 terms evaluated by hand at m = 1 g: F1 = (2215)^-4.38,
    # F2 = 1.3e-9 (1 + 1e11 + 1e27)^-0.36, F3 = 1.3e-16 (1 + 1e6)^-0.85.
    f = 2215.0**-4.38 + 1.3e-9 * (1.0 + 1e11 + 1e27) ** -0.36 + 1.3e-16 * (1.0 + 1e6) ** -0.85
    assert float(env.grun_flux_si(1e-3)) == pytest.approx(f, rel=1e-12)


def test_focusing_and_shielding_limits():
    # Far from Earth: no focusing, no shielding (G -> 1, (1 + cos eta)/2 -> 1).
    assert float(env.earth_focusing_si(1e12)) == pytest.approx(1.0, abs=1e-5)
    assert float(env.earth_shielding_si(1e12)) == pytest.approx(1.0, abs=1e-10)
    # At the top of the atmosphere (100 km): half the sky is Earth, G = 2.
    assert float(env.earth_shielding_si(100e3)) == pytest.approx(0.5, abs=1e-12)
    assert float(env.earth_focusing_si(100e3)) == pytest.approx(2.0, abs=1e-12)


# --------------------------------------------------------------------------- orbital debris

# ORDEM2000 >= 3 mm as printed in Christiansen (2009): (altitude km, inclination deg, year, flux /m^2-yr).
TABLE_DEBRIS = [
    (300.0, 51.6, 2010, 3.40e-5, "Table 2-3"), (1000.0, 51.6, 2010, 6.97e-4, "Table 2-3"),
    (1500.0, 51.6, 2010, 3.02e-4, "Table 2-3"), (400.0, 98.0, 2010, 1.49e-4, "Table 2-5"),
    (400.0, 28.5, 2010, 9.75e-5, "Table 2-5"), (400.0, 51.6, 2017, 1.24e-4, "Table 2-4"),
    (400.0, 51.6, 2002, 6.25e-5, "Table 2-4"),
]


@pytest.mark.parametrize("h, inc, year, flux, source", TABLE_DEBRIS)
def test_debris_reproduces_printed_ordem2000(h, inc, year, flux, source):
    # The table model reproduces its own printed points (an implementation check): 1e-9.
    got = sv.debris_flux(Q_(3, "mm"), Q_(h, "km"), Q_(inc, "deg"), year)
    assert got.to("1/(m^2*a)").magnitude == pytest.approx(flux, rel=1e-9)


def test_debris_size_points_table_2_2():
    # Table 2-2 at 400 km, 2002: 21.3 impacts of >= 0.1 mm and 2.88e-6 of >= 1 cm on the cube (6 m^2).
    f = env.debris_flux_si(np.array([1e-4, 1e-2]), 400e3, I516, env.debris_year_factor_si(2002.0, 0.0)) * YEAR
    np.testing.assert_allclose(f, [21.3 / 6, 2.88e-6 / 6], rtol=1e-9)


def test_debris_interpolation_between_printed_points():
    f = [float(env.debris_flux_si(3e-3, h, I516)) for h in (400e3, 450e3, 500e3)]
    assert f[0] < f[1] < f[2]
    assert f[1] == pytest.approx(np.sqrt(f[0] * f[2]), rel=1e-12)  # log-linear in altitude


def test_debris_out_of_range_raises_or_warns():
    with pytest.raises(OutOfRangeError, match="300-1500 km"):
        sv.debris_flux(Q_(3, "mm"), Q_(2000, "km"), Q_(51.6, "deg"), 2010)
    with pytest.raises(OutOfRangeError):
        sv.debris_flux(Q_(3, "mm"), Q_(550, "km"), Q_(53, "deg"), 2035)
    with pytest.warns(ExtrapolationWarning):
        f = sv.debris_flux(Q_(3, "cm"), Q_(550, "km"), Q_(53, "deg"), 2010, extrapolate=True)
    assert f.magnitude > 0


def test_debris_year_factor_mission_mean():
    # A mission inside one interval averages the two printed years linearly: 2002.0-2003.0 -> mean.
    mean = float(env.debris_year_factor_si(2002.0, 1.0))
    assert mean == pytest.approx(0.5 * (6.25e-5 + 7.04e-5) / 9.92e-5, rel=1e-12)
    # beyond 2023 the 2023 value is held (flagged by the validity check)
    assert float(env.debris_year_factor_si(2030.0, 5.0)) == pytest.approx(1.22e-4 / 9.92e-5, rel=1e-12)
    assert not env.debris_validity_si(3e-3, 400e3, I516, 2030.0, 5.0)


# --------------------------------------------------------------------------- ballistic limits

# Single wall, 1.5 cm Al 6061-T651 (2.713 g/cm^3, BHN 73, C 5.069 km/s), 2.8 g/cm^3 projectile at
# 60 deg, detached spall (k = 2.2): values of the NASA tool as tabulated by pyBLOSSUM (secondary).
SINGLE_WALL_REFERENCE = [(0.1, 7.2893412996688731), (1.0, 1.7025870969161889), (2.2, 1.0347665505756818)]


@pytest.mark.parametrize("v_kms, dc_cm", SINGLE_WALL_REFERENCE)
def test_single_wall_against_reference_tool(v_kms, dc_cm):
    # Same equation (Christiansen 2009 Eq. 4-6): agreement to round-off, 1e-9.
    wall = ble.WallLayer(1.5e-2, 2713.0, 73.0, 5069.0)
    dc = ble.single_wall_critical_diameter_si([wall], 2800.0, v_kms * 1e3, np.radians(60.0), ble.DAMAGE_DETACHED_SPALL)
    assert float(dc) * 100 == pytest.approx(dc_cm, rel=1e-9)


def test_single_wall_inverts_the_penetration_depth():
    # Eq. 4-5 and 4-6: a wall t = 1.8 P_inf(d) has d_c = d, on both density branches (1/2 and 2/3).
    for rho_p in (2800.0, 7800.0):
        P = ble.cour_palais_penetration_si(2e-3, rho_p, 7e3, 2700.0, 95.0, 5051.6)
        dc = ble.single_wall_critical_diameter_si([ble.WallLayer(1.8 * P, 2700.0, 95.0, 5051.6)], rho_p, 7e3)
        assert float(dc) == pytest.approx(2e-3, rel=1e-12)


def test_layered_wall_of_one_material_is_one_wall():
    a = ble.WallLayer(1e-3, 8000.0, 149.0, 4911.7)
    b = ble.WallLayer(2e-3, 8000.0, 149.0, 4911.7)
    one = ble.WallLayer(3e-3, 8000.0, 149.0, 4911.7)
    two = ble.single_wall_critical_diameter_si([a, b], 2800.0, 9e3)
    assert float(two) == pytest.approx(float(ble.single_wall_critical_diameter_si([one], 2800.0, 9e3)), rel=1e-12)


def test_whipple_design_equation_is_the_inverse_of_the_performance_equation():
    # Christiansen (2009) Eq. 4-22 sizes the rear wall for d = 1 cm at Vn = 7 km/s; Eq. 4-23 gives
    # back d_c = 3.918 * 0.16^(2/3) * (pi/6)^(2/9) d = 1.000076 d: two printed equations agree.
    d, rho, S, sigma = 1.0, 2.7, 11.43, 40.0
    tw = (0.16 * d**0.5 * (rho * rho) ** (1 / 6) * (np.pi / 6 * rho * d**3) ** (1 / 3) * 7.0 / S**0.5
          * (70 / sigma) ** 0.5)
    tb = 0.25 * d * rho / rho  # Eq. 4-21, S/d < 30
    shield = ble.WhippleShield(tb / 100, 2700.0, S / 100, tw / 100, sigma * KSI)
    dc = float(ble.whipple_critical_diameter_si(shield, 2700.0, 7e3)) * 100
    assert dc == pytest.approx(3.918 * 0.16 ** (2 / 3) * (np.pi / 6) ** (2 / 9), rel=1e-12)
    assert dc == pytest.approx(1.0, rel=1e-4)


def test_whipple_several_projectiles_at_once_as_one_at_a_time():
    # the shield's terms computed once for all projectiles: the same numbers to the bit, in every
    # regime (Vn 2, 5 and 9 km/s), with a rear wall varying by design and a bumper by shield
    shield = ble.WhippleShield(np.array([[0.1e-2], [0.2e-2]]), 2700.0, 10.2e-2, np.linspace(0.1e-2, 0.5e-2, 7),
                               57 * KSI)
    projectiles = [(1000.0, 19e3), (2800.0, np.array([2e3, 5e3, 9e3, 2e3, 5e3, 9e3, 9e3])), (2800.0, 2.5e3)]
    many = ble.whipple_critical_diameters_si(shield, projectiles, np.radians(30.0))
    for (rho, v), dc in zip(projectiles, many):
        one = ble.whipple_critical_diameter_si(shield, rho, v, np.radians(30.0))
        assert np.shape(one) == np.shape(dc) == (2, 7)
        np.testing.assert_array_equal(dc, one)


def test_whipple_regimes_continuous_and_scaling():
    shield = ble.WhippleShield(0.127e-2, 2700.0, 10.2e-2, 0.32e-2, 57 * KSI)
    v = np.array([3e3 - 1e-6, 3e3 + 1e-6, 7e3 - 1e-6, 7e3 + 1e-6])
    dc = ble.whipple_critical_diameter_si(shield, 2800.0, v)
    # continuous to the printed coefficients: 1.248 for 0.6 * 3^(2/3) = 1.24805 (4e-5 relative) and
    # 1.071 for 3.918 * 7^(-2/3) = 1.07069 (3e-4 relative)
    assert dc[0] == pytest.approx(dc[1], rel=1e-4) and dc[2] == pytest.approx(dc[3], rel=4e-4)
    # above 7 km/s: d_c ~ Vn^(-2/3) (Eq. 4-23)
    r = ble.whipple_critical_diameter_si(shield, 2800.0, 10e3) / ble.whipple_critical_diameter_si(shield, 2800.0, 7e3)
    assert float(r) == pytest.approx((7 / 10) ** (2 / 3), rel=1e-12)
    # Eq. 4-26: above 65 deg the 65 deg value
    a = ble.whipple_critical_diameter_si(shield, 2800.0, 9e3, np.radians([65.0, 80.0]))
    assert a[0] == a[1]


# Christiansen (1993) Table 1, Whipple shields that passed (no perforation or detached spall) at
# 6-7 km/s, normal impact; configurations per shot from the pyBLOSSUM database (secondary):
# (shot, d cm, rho_p, V km/s, t_b cm, rho_b, S cm, t_w cm, sigma ksi)
TABLE_1_PASSED = [
    ("JSC-A235", 0.318, 2.7, 6.98, 0.056, 2.8, 10.16, 0.159, 50.0),
    ("JSC-A1464", 0.317, 2.8, 6.43, 0.081, 2.7, 5.08, 0.318, 57.0),
    ("JSC-B128", 0.634, 2.8, 7.45, 0.127, 2.7, 10.16, 0.638, 40.0),
    ("JSC-B31", 0.635, 2.8, 7.08, 0.127, 2.7, 20.32, 0.36, 40.0),
]


@pytest.mark.parametrize("shot, d, rp, v, tb, rb, S, tw, sig", TABLE_1_PASSED)
def test_whipple_predicts_the_shields_that_passed(shot, d, rp, v, tb, rb, S, tw, sig):
    # The BLE must not predict failure of a shield that passed: d < d_c.  ARC-1895 (9.5 mm at 30 cm)
    # is left out: its t_b rho_b / (d rho_p) = 0.167 is below the 0.18 for which Christiansen (1993)
    # states Eq. 8 valid (there the BLE predicts failure: conservative).
    shield = ble.WhippleShield(tb / 100, rb * 1e3, S / 100, tw / 100, sig * KSI)
    assert d / 100 < float(ble.whipple_critical_diameter_si(shield, rp * 1e3, v * 1e3))


# --------------------------------------------------------------------------- PNP and armour

def _inputs(**over):
    base = dict(tube_outer_diameter=Q_(12, "mm"), wall_thickness=Q_(1, "mm"), wall_material="SS316",
                armour_material="Al6061", exposed_length=Q_(200, "m"), altitude=Q_(550, "km"),
                inclination=Q_(53, "deg"), start_year=2012, mission_life=Q_(5, "year"), required_pnp=0.95)
    base.update(over)
    return sv.armour_inputs(**base)


def test_exposed_area_and_pnp_definitions():
    assert float(sv.exposed_tube_area_si(1.0, 1.0)) == pytest.approx(np.pi)
    assert sv.probability_no_penetration(0.0).magnitude == 1.0
    assert sv.probability_no_penetration(np.log(2.0)).magnitude == pytest.approx(0.5)


def test_armour_meets_required_pnp_exactly():
    r = sv.armour_thickness_si(_inputs())
    assert bool(r.feasible) and float(r.armour_thickness) > 0
    assert float(r.probability_no_penetration) >= 0.95
    assert float(r.probability_no_penetration) == pytest.approx(0.95, abs=1e-9)
    thinner = sv.evaluate_armour_si(_inputs(), float(r.armour_thickness) * (1 - 1e-6))
    assert float(thinner.probability_no_penetration) < 0.95
    # sleeve mass: rho pi t (D + t)
    t = float(r.armour_thickness)
    assert float(r.armour_mass_per_length) == pytest.approx(2700.0 * np.pi * t * (0.012 + t), rel=1e-12)


def test_bare_wall_needs_no_armour_and_infeasible_is_inf():
    easy = sv.armour_thickness_si(_inputs(required_pnp=0.001, exposed_length=Q_(1, "m")))
    assert float(easy.armour_thickness) == 0.0 and bool(easy.feasible)
    hard = sv.armour_thickness_si(_inputs(required_pnp=0.999999, max_armour=Q_(1, "mm")))
    assert np.isinf(hard.armour_thickness) and not bool(hard.feasible)
    at_max = sv.evaluate_armour_si(_inputs(), 1e-3)
    assert float(hard.expected_penetrations) == pytest.approx(float(at_max.expected_penetrations))


def test_whipple_bumper_reduces_the_armour():
    bare = sv.armour_thickness_si(_inputs())
    bumper = sv.armour_thickness_si(_inputs(bumper_thickness=Q_(0.5, "mm"), standoff=Q_(20, "mm")))
    assert float(bumper.armour_thickness) < float(bare.armour_thickness)


def test_array_equals_one_design_at_a_time():
    pnps = np.array([0.5, 0.9, 0.95, 0.99])
    many = sv.armour_thickness_si(_inputs()._replace(required_pnp=pnps))
    for i, p in enumerate(pnps):
        one = sv.armour_thickness_si(_inputs(required_pnp=float(p)))
        assert many.armour_thickness[i] == pytest.approx(float(one.armour_thickness), rel=1e-12)
    assert np.shape(many.expected_penetrations) == (4,)


def test_bad_inputs_name_the_field():
    with pytest.raises(UnitError, match="altitude"):
        _inputs(altitude=550.0)
    with pytest.raises(OutOfRangeError, match="required_pnp"):
        _inputs(required_pnp=1.0)
    with pytest.raises(OutOfRangeError, match="wall_thickness"):
        _inputs(wall_thickness=Q_(7, "mm"))
    with pytest.raises(InputError, match=r"wall_material|structure"):
        _inputs(wall_material="unobtainium")
    with pytest.raises(InputError, match="brinell"):
        sv.material_properties("Haynes230")


@settings(max_examples=60, deadline=None)
@given(st.floats(1e-5, 5e-2), st.floats(1.01, 3.0), st.floats(200e3, 1600e3))
def test_fluxes_decrease_with_size(d, factor, h):
    assert env.meteoroid_flux_si(d * factor, h) < env.meteoroid_flux_si(d, h)
    assert env.debris_flux_si(d * factor, h, I516) < env.debris_flux_si(d, h, I516)


@settings(max_examples=40, deadline=None)
@given(st.floats(1.0, 1e4), st.floats(1.01, 10.0), st.floats(0.1, 20.0))
def test_pnp_bounded_and_decreasing_with_area_and_time(length, factor, years):
    inp = _inputs()._replace(exposed_length=length, mission_life=years * YEAR)
    n = sv.expected_penetrations_si(inp, 0.0)[0]
    more_area = sv.expected_penetrations_si(inp._replace(exposed_length=length * factor), 0.0)[0]
    longer = sv.expected_penetrations_si(inp._replace(mission_life=years * factor * YEAR), 0.0)[0]
    p = sv.probability_no_penetration_si(np.array([n, more_area, longer]))
    assert np.all((p >= 0) & (p <= 1))
    assert more_area > n and longer >= n  # N strictly (PNP may underflow to 0 for huge exposures)
    assert p[1] <= p[0] and p[2] <= p[0]


@settings(max_examples=25, deadline=None)
@given(st.floats(0.3, 0.99), st.floats(0.001, 0.05))
def test_armour_non_negative_and_increasing_with_required_pnp(pnp, step):
    inp = _inputs()._replace(exposed_length=50.0)
    lo = sv.armour_thickness_si(inp._replace(required_pnp=pnp))
    hi = sv.armour_thickness_si(inp._replace(required_pnp=min(pnp + step, 0.9999)))
    assert float(lo.armour_thickness) >= 0
    assert float(hi.armour_thickness) >= float(lo.armour_thickness)
