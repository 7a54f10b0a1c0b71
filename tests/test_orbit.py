"""Orbit geometry against published values, analytic limits and invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermo_orbit import orbit as orb
from thermo_orbit.errors import InputError, OutOfRangeError, UnitError
from thermo_orbit.units import Q_

# (altitude km, published period s, tolerance s, source)
PUBLISHED_PERIODS = [
    # Roddy, Satellite Communications, 4th ed., Example 2.1: n = 14.23304826 rev/day gives
    # a = 7192.335 km (mu = 3.986005e14): period 86400/14.23304826 s.  Tolerance 0.01 s: the
    # mu of the example differs from IERS 2010 by 1.5e-7 relative.
    (7192.335 - 6378.137, 86400 / 14.23304826, 0.01, "Roddy (2006), Example 2.1"),
    # Geostationary: one sidereal day 86164.0905 s at a = 42164.17 km (Vallado 2013, Sec. 1.3
    # and Table D-5); 1 s covers the rounding of a to 0.01 km.
    (42164.17 - 6378.137, 86164.0905, 1.0, "Vallado (2013), sidereal day and GEO radius"),
]

# (altitude km, published inclination deg, tolerance deg, source)
PUBLISHED_SSO = [
    # Vallado (2013), Example 11-2: circular SSO at 800 km, i = 98.627 deg.  Vallado converts
    # the nodal rate per sidereal day (86164 s) instead of per solar day, which raises i by
    # 0.024 deg over the strict definition used here (360 deg per 365.2421897 x 86400 s);
    # tolerance 0.03 deg covers that and his constants (R = 6378.1363 km, J2 = 0.00108263).
    (800.0, 98.627, 0.03, "Vallado (2013), Example 11-2"),
]


@pytest.mark.parametrize("alt_km, period_s, tol, source", PUBLISHED_PERIODS)
def test_period_against_published(alt_km, period_s, tol, source):
    assert orb.orbital_period(Q_(alt_km, "km")).to("s").magnitude == pytest.approx(period_s, abs=tol), source


@pytest.mark.parametrize("alt_km, inc_deg, tol, source", PUBLISHED_SSO)
def test_sso_inclination_against_published(alt_km, inc_deg, tol, source):
    got = orb.sun_synchronous_inclination(Q_(alt_km, "km")).to("deg").magnitude
    assert got == pytest.approx(inc_deg, abs=tol), source


def test_sun_longitude_astronomical_almanac_worked_example():
    # Astronomical Almanac low-precision formula, worked example for 1997-08-07 11:00 UT
    # (K. Burnett, stargazing.net, from the 1996 Almanac p. C24): ecliptic longitude 134.97925 deg.
    # Tolerance 0.01 deg: the stated accuracy of the formula.
    v = orb.sun_direction("1997-08-07T11:00:00").magnitude
    eps = np.radians(23.439291 - 0.0130042 * (-877.04167 / 36525))
    lam = np.degrees(np.arctan2(v[1] / np.cos(eps), v[0])) % 360
    assert lam == pytest.approx(134.97925, abs=0.01)


def test_geostationary_period_is_sidereal_day():
    # Vallado (2013) Sec. 1.3 / IERS: sidereal day 86164.0905 s; GEO altitude 35786 km.
    T = orb.orbital_period(Q_(35786, "km")).to("s").magnitude
    assert T == pytest.approx(86164.09, abs=3.0)  # 3 s: GEO radius 42164 km is rounded to 1 km


@pytest.mark.parametrize("alt_km", [400.0, 550.0, 800.0])
def test_sso_node_rate_matches_mean_sun(alt_km):
    # Definition: a sun-synchronous node turns 360 deg per tropical year = 0.98564736 deg/day
    # (Vallado 2013, Sec. 11.4).
    i = orb.sun_synchronous_inclination(Q_(alt_km, "km"))
    rate = orb.nodal_regression_rate(Q_(alt_km, "km"), i).to("deg/day").magnitude
    assert rate == pytest.approx(360 / 365.2421897, rel=1e-9)


def test_critical_beta_is_earth_angular_radius():
    # Analytic: beta* = asin(R/(R+h)); at 400 km asin(6378.137/6778.137) = 70.2 deg.
    assert orb.critical_beta(Q_(400, "km")).to("deg").magnitude == pytest.approx(
        np.degrees(np.arcsin(6378.137 / 6778.137)), rel=1e-12)


def test_eclipse_fraction_gilmore_formula_at_beta_zero():
    # Gilmore (2002) Eq. 2.3 at beta = 0: f = acos(sqrt(h^2 + 2Rh)/(R+h))/180 deg.
    h, R = 550.0, 6378.137
    expected = np.degrees(np.arccos(np.sqrt(h**2 + 2 * R * h) / (R + h))) / 180.0
    f = orb.eclipse_fraction(Q_(h, "km"), Q_(0, "deg")).magnitude
    assert f == pytest.approx(expected, rel=1e-12)


def test_eclipse_vanishes_at_critical_beta():
    h = Q_(550, "km")
    bstar = orb.critical_beta(h)
    assert orb.eclipse_fraction(h, bstar - Q_(1e-6, "deg")).magnitude < 1e-3
    assert orb.eclipse_fraction(h, bstar + Q_(1e-6, "deg")).magnitude == 0.0
    assert orb.eclipse_fraction(h, Q_(89, "deg")).magnitude == 0.0


def test_penumbra_duration_analytic_limit_beta_zero():
    # At beta = 0 the apparent Earth-Sun separation changes as fast as the orbit phase
    # (cos theta = -cos u), so each crossing of the penumbra (width 2 rho_S) takes
    # 2 rho_S / (2 pi) of the period: total t_P = 2 rho_S T / pi (Montenbruck & Gill 2000, 3.4.2).
    h = Q_(550, "km")
    T = orb.orbital_period(h).to("s").magnitude
    rho_s = np.arcsin(695700.0 / 149597870.7)
    assert orb.penumbra_duration(h, Q_(0, "deg")).to("s").magnitude == pytest.approx(
        2 * rho_s * T / np.pi, rel=1e-9)


# --------------------------------------------------------------------------- sun and beta

def test_sun_position_vallado_example_5_1():
    # Vallado (2013), Example 5-1: 2 April 2006 00:00 UT1,
    # r_sun = 0.9771945 I + 0.1924424 J + 0.0834308 K au (low-precision algorithm).
    expected = np.array([0.9771945, 0.1924424, 0.0834308])
    r = orb.earth_sun_distance("2006-04-02T00:00:00").to("au").magnitude
    v = orb.sun_direction("2006-04-02T00:00:00").magnitude * r
    np.testing.assert_allclose(v, expected, atol=2e-6)  # 2e-6 au: the example's 7 printed digits


def test_earth_sun_distance_perihelion_aphelion():
    # Astronomical Almanac: perihelion ~0.98329 au in early January, aphelion ~1.01671 au early July.
    days = np.arange("2026-01-01", "2027-01-01", dtype="datetime64[D]")
    r = orb.earth_sun_distance(days).to("au").magnitude
    assert r.min() == pytest.approx(0.98329, abs=2e-5)
    assert r.max() == pytest.approx(1.01671, abs=2e-5)
    assert days[np.argmin(r)].astype(object).month == 1
    assert days[np.argmax(r)].astype(object).month == 7


def test_beta_equals_sun_declination_for_equatorial_orbit():
    # i = 0: the orbit normal is the celestial pole, so beta = solar declination
    # (Gilmore 2002 Eq. 2.1 with i = 0); at the June solstice that is the obliquity 23.44 deg.
    beta = orb.beta_angle("2026-06-21T08:25:00", Q_(0, "deg"), Q_(0, "deg")).magnitude
    assert beta == pytest.approx(23.44, abs=0.01)


def test_dawn_dusk_orbit_has_a_real_eclipse_season():
    # A 550 km dawn-dusk SSO: beta stays high (near 60-90 deg) but dips below the critical
    # beta (67.0 deg) around the June solstice, giving short eclipses; it is never 'always sunlit'.
    o = orb.CircularOrbit.sun_synchronous(Q_(550, "km"), "18:00", "2027-01-01")
    hist = orb.beta_angle_over_year(o, days=365)
    assert 0 < hist.days_with_eclipse < 200
    assert hist.max_eclipse_duration.to("min").magnitude < 25
    season_months = {t.astype(object).month for t in hist.time[hist.eclipse_fraction.magnitude > 0]}
    assert season_months <= {4, 5, 6, 7, 8, 9}
    assert 6 in season_months


def test_sso_ltan_is_kept_over_the_year():
    # The node follows the mean Sun, so beta one tropical year later repeats within 0.1 deg
    # (the low-precision Sun repeats over a tropical year; the mean-Sun node too).
    o = orb.CircularOrbit.sun_synchronous(Q_(700, "km"), "10:30", "2027-03-01")
    t0 = np.datetime64("2027-03-01T00:00:00")
    t1 = t0 + np.timedelta64(int(365.2421897 * 86400), "s")
    assert o.beta(t1).magnitude == pytest.approx(o.beta(t0).magnitude, abs=0.1)


def test_beta_over_year_node_drift_iss_like():
    # ISS-like orbit (400 km, 51.6 deg): the node regresses ~5 deg/day, so beta sweeps
    # most of its range within a year, and never exceeds i + obliquity = 75.04 deg
    # (Gilmore 2002, ch. 2: |beta| <= i + 23.44 deg).
    o = orb.CircularOrbit(Q_(400, "km"), Q_(51.6, "deg"), Q_(0, "deg"), "2027-01-01")
    hist = orb.beta_angle_over_year(o, days=365, step=Q_(0.25, "day"))
    beta = hist.beta.to("deg").magnitude
    assert np.abs(beta).max() <= 51.6 + 23.44 + 0.01
    assert beta.max() > 70.0 and beta.min() < -70.0


# --------------------------------------------------------------------------- properties

altitudes = st.floats(200.0, 40000.0)
betas = st.floats(-89.9, 89.9)


@settings(max_examples=200, deadline=None)
@given(altitudes, st.floats(0.0, 89.0), st.floats(0.0, 0.9))
def test_eclipse_fraction_falls_with_abs_beta(h, b, db):
    f1 = orb.eclipse_fraction(Q_(h, "km"), Q_(b, "deg")).magnitude
    f2 = orb.eclipse_fraction(Q_(h, "km"), Q_(b + db, "deg")).magnitude
    f3 = orb.eclipse_fraction(Q_(h, "km"), Q_(-b, "deg")).magnitude
    assert f2 <= f1 + 1e-15
    assert f3 == pytest.approx(f1)
    assert 0.0 <= f1 <= 0.5


@settings(max_examples=200, deadline=None)
@given(altitudes, betas)
def test_umbra_cylinder_penumbra_ordering(h, b):
    hq, bq = Q_(h, "km"), Q_(b, "deg")
    T = orb.orbital_period(hq).to("s").magnitude
    umbra = orb.eclipse_fraction(hq, bq, model="conical").magnitude * T
    cyl = orb.eclipse_fraction(hq, bq, model="cylindrical").magnitude * T
    pen = orb.penumbra_duration(hq, bq).to("s").magnitude
    assert umbra <= cyl + 1e-9
    assert cyl <= umbra + pen + 1e-9
    if abs(b) > orb.critical_beta(hq).magnitude + 0.3:
        assert umbra == cyl == pen == 0.0


@settings(max_examples=100, deadline=None)
@given(altitudes, betas)
def test_sunlit_fraction_integrates_to_shadow_times(h, b):
    # The mean over the orbit of (1 - sunlit fraction) equals umbra + part of the penumbra:
    # it lies between the umbra and umbra + penumbra fractions, and is close to the cylinder.
    hq, bq = Q_(h, "km"), Q_(b, "deg")
    u = np.linspace(0.0, 360.0, 200_001)[:-1]
    lit = orb.sunlit_fraction_along_orbit(hq, bq, Q_(u, "deg")).magnitude
    dark = 1.0 - lit.mean()
    umbra = orb.eclipse_fraction(hq, bq, model="conical").magnitude
    T = orb.orbital_period(hq).to("s").magnitude
    pen = orb.penumbra_duration(hq, bq).to("s").magnitude / T
    assert umbra - 1e-4 <= dark <= umbra + pen + 1e-4
    assert np.all((lit >= 0) & (lit <= 1))


def test_sunlit_fraction_is_monotone_through_penumbra():
    u = Q_(np.linspace(100, 125, 30001), "deg")  # shadow entry near 113 deg
    lit = orb.sunlit_fraction_along_orbit(Q_(550, "km"), Q_(10, "deg"), u).magnitude
    assert np.all(np.diff(lit) <= 1e-12)
    assert lit[0] == 1.0 and lit[-1] == 0.0


# --------------------------------------------------------------------------- shapes

def test_broadcasting_and_scalar_equals_array():
    h = Q_(np.array([400.0, 550.0, 800.0]), "km")[:, None]
    b = Q_(np.array([0.0, 30.0, 60.0, 75.0]), "deg")[None, :]
    f = orb.eclipse_fraction(h, b).magnitude
    assert f.shape == (3, 4)
    for i, hh in enumerate([400.0, 550.0, 800.0]):
        for j, bb in enumerate([0.0, 30.0, 60.0, 75.0]):
            assert f[i, j] == orb.eclipse_fraction(Q_(hh, "km"), Q_(bb, "deg")).magnitude
    assert isinstance(orb.orbital_period(Q_(550, "km")).magnitude, float)


def test_degC_and_other_units_accepted():
    assert orb.orbital_period(Q_(550000, "m")) == orb.orbital_period(Q_(550, "km"))
    assert orb.eclipse_fraction(Q_(550, "km"), Q_(0.1, "rad")).magnitude == pytest.approx(
        orb.eclipse_fraction(Q_(550, "km"), Q_(np.degrees(0.1), "deg")).magnitude)


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("call, field, exc", [
    (lambda: orb.orbital_period(550), "altitude", UnitError),
    (lambda: orb.orbital_period(Q_(550, "kg")), "altitude", UnitError),
    (lambda: orb.orbital_period(Q_(-5, "km")), "altitude", OutOfRangeError),
    (lambda: orb.eclipse_fraction(Q_(550, "km"), Q_(95, "deg")), "beta", OutOfRangeError),
    (lambda: orb.eclipse_fraction(Q_(550, "km"), 0.3), "beta", UnitError),
    (lambda: orb.eclipse_fraction(Q_(550, "km"), Q_(0, "deg"), model="cone"), "model", InputError),
    (lambda: orb.nodal_regression_rate(Q_(550, "km"), Q_(200, "deg")), "inclination", OutOfRangeError),
    (lambda: orb.sun_synchronous_inclination(Q_(7000, "km")), "altitude", OutOfRangeError),
    (lambda: orb.sun_direction("yesterday"), "time", InputError),
    (lambda: orb.orbital_period(Q_(float("nan"), "km")), "altitude", OutOfRangeError),
    (lambda: orb.CircularOrbit.sun_synchronous(Q_(550, "km"), "25:00", "2027-01-01"), "ltan", OutOfRangeError),
])
def test_bad_input_names_the_argument(call, field, exc):
    with pytest.raises(exc) as info:
        call()
    assert info.value.field == field
    assert str(info.value).startswith(field)


def test_plain_number_message_shows_how_to_write_it():
    with pytest.raises(UnitError) as info:
        orb.orbital_period(550)
    assert str(info.value) == 'altitude: expected a length such as Q_(550, "km"), got 550 (a plain number)'


def test_out_of_range_message_gives_value_and_range():
    with pytest.raises(OutOfRangeError) as info:
        orb.orbital_period(Q_(-5, "km"))
    msg = str(info.value)
    assert "-5 km" in msg and "100 km" in msg and "100000 km" in msg
