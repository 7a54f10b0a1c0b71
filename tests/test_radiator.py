"""Radiator physics: Stefan-Boltzmann values, the exact glide integral, the radiating fin,
and the environmental sink, against analytic limits and independent numerical solutions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad, solve_bvp, solve_ivp

from thermo_orbit.errors import InputError, OutOfRangeError, UnitError
from thermo_orbit.thermal import fins
from thermo_orbit.thermal import radiator as rad
from thermo_orbit.units import Q_

SIGMA = 5.670374419e-8  # CODATA 2018, exact


# --------------------------------------------------------------------------- emission

@pytest.mark.parametrize("T, expected", [
    # Blackbody emissive power E_b = sigma T^4 (CODATA 2018 sigma): 300 K -> 459.3 W/m^2
    # (Incropera et al. 7th ed., Sec. 12.3: "E_b = sigma T^4"), 20 degC -> 418.7 W/m^2.
    (Q_(300, "K"), 459.30),
    (Q_(20, "degC"), 418.74),
    (Q_(1000, "K"), 56703.7),
])
def test_blackbody_emissive_power(T, expected):
    assert rad.radiated_flux(T, 1.0, Q_(0, "K")).magnitude == pytest.approx(expected, rel=1e-4)


def test_starcloud_two_sided_emission_check():
    # CONTEXT.md (Starcloud white paper, 2024): about 770 W/m^2 emitted two-sided at 20 degC,
    # which is 2 eps sigma T^4 with eps = 0.92.  A claim check, tolerance 0.5 %.
    two_sided = 2 * rad.radiated_flux(Q_(20, "degC"), 0.92, Q_(0, "K")).magnitude
    assert two_sided == pytest.approx(770.0, rel=5e-3)


def test_radiated_flux_zero_at_sink_and_negative_below():
    assert rad.radiated_flux(Q_(250, "K"), 0.9, Q_(250, "K")).magnitude == 0.0
    assert rad.radiated_flux(Q_(200, "K"), 0.9, Q_(250, "K")).magnitude < 0.0


def test_sink_from_flux_floor_is_cmb():
    # Fixsen (2009): T_CMB = 2.72548 K.
    assert rad.sink_temperature_from_flux(Q_(0, "W/m^2"), 0.9).magnitude == pytest.approx(2.72548)
    # Inverse of radiated_flux: a surface at its sink emits what it absorbs.
    Ts = rad.sink_temperature_from_flux(Q_(137, "W/m^2"), 0.92)
    assert 0.92 * SIGMA * (Ts.magnitude**4 - 2.72548**4) == pytest.approx(137.0)


# --------------------------------------------------------------------------- area

def area_by_quadrature(Q, Tin, Tout, eps, Ts, eta=1.0, n=2.0):
    mcp = Q / (Tin - Tout)
    integral, _ = quad(lambda T: 1.0 / (T**4 - Ts**4), Tout, Tin, epsabs=0, epsrel=1e-12)
    return mcp * integral / (eta * eps * SIGMA * n)


@pytest.mark.parametrize("Tin, Tout, Ts", [
    (360.0, 320.0, 200.0), (400.0, 300.0, 250.0), (800.0, 700.0, 220.0), (330.0, 325.0, 3.0),
    (360.0, 320.0, 0.0), (360.0, 320.0, 16.0), (360.0, 320.0, 17.0), (600.0, 300.0, 290.0),
])
def test_area_matches_fine_quadrature(Tin, Tout, Ts):
    got = rad.radiator_area(Q_(100, "kW"), Q_(Tin, "K"), Q_(Tout, "K"), 0.9, Q_(Ts, "K")).magnitude
    assert got == pytest.approx(area_by_quadrature(1e5, Tin, Tout, 0.9, Ts), rel=1e-9)


@pytest.mark.parametrize("Tin, Tout, Ts", [(300.8, 300.0, 16.0), (300.001, 300.0, 17.0), (450.0009, 450.0, 200.0),
                                         (330.002, 330.0, 320.0)])
def test_area_of_small_glides_matches_quadrature(Tin, Tout, Ts):
    # small glides above the isothermal limit (1e-6 of T): the two ends' difference is taken
    # in one logarithm and one arctangent, so no cancellation between them (was 5e-8 off);
    # quadrature over u in T = T_out + (T_in - T_out) u keeps its relative accuracy (1e-12)
    integral, _ = quad(lambda u: 1.0 / ((Tout + (Tin - Tout) * u) ** 4 - Ts**4), 0.0, 1.0, epsabs=0, epsrel=1e-13)
    expected = 1e5 * integral / (0.9 * SIGMA * 2.0)
    assert rad.radiator_area_si(1e5, Tin, Tout, 0.9, Ts) == pytest.approx(expected, rel=1e-12)


def test_area_sink_zero_closed_form():
    # T_s = 0: A = m cp /(eps sigma n) * (1/3)(1/Tout^3 - 1/Tin^3) (Lienhard & Lienhard, radiation).
    Q, Tin, Tout = 5e4, 500.0, 400.0
    expected = Q / (Tin - Tout) / (0.85 * SIGMA * 2) * (1 / Tout**3 - 1 / Tin**3) / 3
    got = rad.radiator_area(Q_(Q, "W"), Q_(Tin, "K"), Q_(Tout, "K"), 0.85, Q_(0, "K")).magnitude
    assert got == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("glide", [10.0, 1.0, 0.1, 0.01])
def test_area_tends_to_isothermal_as_glide_vanishes(glide):
    Tm = 340.0
    iso = rad.isothermal_radiator_area(Q_(1e5, "W"), Q_(Tm, "K"), 0.9, Q_(210, "K")).magnitude
    exact = rad.radiator_area(Q_(1e5, "W"), Q_(Tm + glide / 2, "K"), Q_(Tm - glide / 2, "K"), 0.9,
                              Q_(210, "K")).magnitude
    # The difference is second order in the glide: |A - A_iso|/A_iso < (glide/Tm)^2 * 10.
    assert abs(exact - iso) / iso < 10 * (glide / Tm) ** 2


def test_energy_closure_along_the_flow():
    # Integrate dT/dA = -eta eps sigma n (T^4 - Ts^4) / (m cp) over the computed area: the
    # coolant must leave at the outlet temperature (energy closes to 1e-8 relative).
    Q, Tin, Tout, eps, Ts, eta = 1.2e5, 370.0, 330.0, 0.91, 215.0, 0.93
    A = rad.radiator_area(Q_(Q, "W"), Q_(Tin, "K"), Q_(Tout, "K"), eps, Q_(Ts, "K"), eta).magnitude
    mcp = Q / (Tin - Tout)
    sol = solve_ivp(lambda a, T: -eta * eps * SIGMA * 2 * (T**4 - Ts**4) / mcp, (0, A), [Tin],
                    rtol=1e-12, atol=1e-10)
    assert sol.y[0, -1] == pytest.approx(Tout, abs=1e-6)
    rejected = mcp * (Tin - sol.y[0, -1])
    assert rejected == pytest.approx(Q, rel=1e-8)


@settings(max_examples=100, deadline=None)
@given(st.floats(250, 900), st.floats(1, 100), st.floats(0.5, 0.95), st.floats(3, 240), st.floats(1, 30))
def test_area_monotone(Tout, glide, eps, Ts, dT):
    if Tout <= Ts + 1:
        return
    def A(tout, e, ts):
        return rad.radiator_area(Q_(1e5, "W"), Q_(tout + glide, "K"), Q_(tout, "K"), e, Q_(ts, "K")).magnitude
    base = A(Tout, eps, Ts)
    assert A(Tout + dT, eps, Ts) < base  # hotter radiator: smaller
    assert A(Tout, min(eps + 0.04, 1.0), Ts) < base  # higher emissivity: smaller
    if Ts + dT < Tout:
        assert A(Tout, eps, Ts + dT) > base  # hotter sink: larger


def test_radiator_colder_than_sink_is_an_error_naming_the_outlet():
    with pytest.raises(OutOfRangeError) as info:
        rad.radiator_area(Q_(1e5, "W"), Q_(300, "K"), Q_(240, "K"), 0.9, Q_(250, "K"))
    assert info.value.field == "outlet_temperature" and "sink" in str(info.value)
    # the kernel reports it as an infinite area for the sizing layer to flag infeasible
    assert np.isinf(rad.radiator_area_si(1e5, 300.0, 240.0, 0.9, 250.0))


def test_area_bad_inputs():
    with pytest.raises(UnitError):
        rad.radiator_area(1e5, Q_(300, "K"), Q_(290, "K"), 0.9, Q_(200, "K"))
    with pytest.raises(OutOfRangeError):
        rad.radiator_area(Q_(1e5, "W"), Q_(300, "K"), Q_(310, "K"), 0.9, Q_(200, "K"))
    with pytest.raises(OutOfRangeError):
        rad.radiator_area(Q_(1e5, "W"), Q_(300, "K"), Q_(290, "K"), 1.2, Q_(200, "K"))
    with pytest.raises(InputError):
        rad.radiator_area(Q_(1e5, "W"), Q_(300, "K"), Q_(290, "K"), 0.9, Q_(200, "K"), sides=3)


def test_area_broadcasts():
    Tout = Q_(np.array([300.0, 320.0, 340.0]), "K")
    A = rad.radiator_area(Q_(1e5, "W"), Tout + Q_(30, "K"), Tout, 0.9, Q_(200, "K")).magnitude
    assert A.shape == (3,) and np.all(np.diff(A) < 0)
    assert A[1] == rad.radiator_area(Q_(1e5, "W"), Q_(350, "K"), Q_(320, "K"), 0.9, Q_(200, "K")).magnitude


# --------------------------------------------------------------------------- fin

def fin_efficiency_by_bvp(N, theta_s):
    """Independent solution of the dimensionless fin equation theta'' = (N^2/2)(theta^4 - theta_s^4)
    on 0 <= xi <= 1, theta(0) = 1, theta'(1) = 0, with scipy's collocation solver."""
    def f(x, y):
        return np.vstack([y[1], 0.5 * N**2 * (y[0] ** 4 - theta_s**4)])

    def bc(ya, yb):
        return np.array([ya[0] - 1.0, yb[1]])

    x = np.linspace(0, 1, 200)
    sol = solve_bvp(f, bc, x, np.vstack([np.ones_like(x), np.zeros_like(x)]), tol=1e-10, max_nodes=100000)
    xs = np.linspace(0, 1, 20001)
    theta = sol.sol(xs)[0]
    emitted = np.trapezoid(theta**4 - theta_s**4, xs)
    return emitted / (1 - theta_s**4)


@pytest.mark.parametrize("N, theta_s",
                         [(0.2, 0.0), (0.5, 0.0), (1.0, 0.0), (2.0, 0.0), (1.0, 0.5), (3.0, 0.6), (0.7, 0.8)])
def test_fin_efficiency_matches_independent_bvp(N, theta_s):
    exact = rad.fin_efficiency_exact_si(np.array(N), np.array(theta_s))
    assert float(exact) == pytest.approx(fin_efficiency_by_bvp(N, theta_s), abs=2e-5)
    assert float(rad.fin_efficiency_si(np.array(N), np.array(theta_s))) == pytest.approx(float(exact), abs=2e-4)


def test_shipped_fin_table_matches_exact_solution():
    # The shipped table (python -m thermo_orbit.thermal.fins) must still be the exact
    # solution: 300 random points, bilinear interpolation error below 2e-4.
    assert fins.TABLE_FILE.exists()
    rng = np.random.default_rng(7)
    N, th = rng.uniform(0, 50, 300), rng.uniform(0, 0.95, 300)
    np.testing.assert_allclose(rad.fin_efficiency_si(N, th), rad.fin_efficiency_exact_si(N, th), atol=2e-4)


@pytest.mark.parametrize("N", [0.005, 0.01, 0.03])
def test_fin_efficiency_small_profile_limit(N):
    # Analytic: a nearly isothermal fin loses (2/3) N^2 of its ideal emission, whatever theta_s.
    for theta_s in (0.0, 0.5):
        eta = float(rad.fin_efficiency_exact_si(np.array(N), np.array(theta_s)))
        assert eta == pytest.approx(1 - 2 / 3 * N**2, abs=3 * N**4 + 1e-6)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.01, 20), st.floats(0.0, 0.9), st.floats(0.05, 2.0))
def test_fin_efficiency_bounded_and_falls_with_N(N, theta_s, dN):
    e1, e2 = rad.fin_efficiency_si(np.array([N, N + dN]), np.array(theta_s))
    assert 0.0 < e2 < e1 <= 1.0


def test_fin_efficiency_public_api_units():
    eta = rad.fin_efficiency(Q_(5, "cm"), Q_(1, "mm"), Q_(167, "W/(m*K)"), 0.9, Q_(350, "K"), Q_(200, "K"))
    N = rad.fin_profile_number(Q_(5, "cm"), Q_(1, "mm"), Q_(167, "W/(m*K)"), 0.9, Q_(350, "K"))
    assert N.magnitude == pytest.approx(0.05 * np.sqrt(4 * 0.9 * SIGMA * 350**3 / (167 * 1e-3)))
    assert 0.9 < eta.magnitude < 1.0
    with pytest.raises(OutOfRangeError):
        rad.fin_efficiency(Q_(5, "cm"), Q_(1, "mm"), Q_(167, "W/(m*K)"), 0.9, Q_(200, "K"), Q_(250, "K"))


# --------------------------------------------------------------------------- sink

def test_edge_on_radiator_sees_no_direct_sun():
    # Edge-on (plane holding the Sun and zenith): the sink comes from Earth IR and albedo only,
    # so it is the same with any solar absorptance when albedo is zero.
    from thermo_orbit import environment as env

    case = env.DesignCase("test", env.solar_flux(Q_(1, "au")), Q_(0.0, ""), Q_(230, "W/m^2"))
    s1 = rad.sink_temperature(Q_(550, "km"), Q_(40, "deg"), 0.1, 0.9, "edge_on", case=case)
    s2 = rad.sink_temperature(Q_(550, "km"), Q_(40, "deg"), 0.9, 0.9, "edge_on", case=case)
    assert s1.orbit_average.magnitude == pytest.approx(s2.orbit_average.magnitude, rel=1e-12)
    # Analytic: both faces edge-on to the Earth, q = eps OLR F(90 deg), T^4 = OLR F / sigma + T_cmb^4
    H = (6378.137 + 550) / 6378.137
    F = (np.arctan(1 / np.sqrt(H**2 - 1)) - np.sqrt(H**2 - 1) / H**2) / np.pi
    assert s1.orbit_average.magnitude == pytest.approx((230 * F / SIGMA + 2.72548**4) ** 0.25, rel=1e-9)


def test_direct_sun_counted_for_orbit_normal_radiator():
    # Facing along the orbit normal at beta = 60 deg, one face sees the Sun at 30 deg incidence.
    s_sun = rad.sink_temperature(Q_(550, "km"), Q_(60, "deg"), 0.2, 0.9, "orbit_normal")
    s_edge = rad.sink_temperature(Q_(550, "km"), Q_(60, "deg"), 0.2, 0.9, "edge_on")
    assert s_sun.orbit_average > s_edge.orbit_average
    assert s_sun.face_a_orbit_average.magnitude > s_sun.face_b_orbit_average.magnitude + 50


@pytest.mark.parametrize("orientation", ["edge_on", "nadir", "orbit_normal"])
def test_sink_hot_above_cold_and_eol_above_bol(orientation):
    hot = rad.sink_temperature(Q_(550, "km"), Q_(20, "deg"), 0.15, 0.91, orientation, case="hot")
    cold = rad.sink_temperature(Q_(550, "km"), Q_(20, "deg"), 0.15, 0.91, orientation, case="cold")
    eol = rad.sink_temperature(Q_(550, "km"), Q_(20, "deg"), 0.30, 0.91, orientation, case="hot")
    assert hot.orbit_average > cold.orbit_average
    assert eol.orbit_average >= hot.orbit_average
    assert hot.maximum >= hot.orbit_average


def test_tilted_needs_tilt():
    with pytest.raises(InputError) as info:
        rad.sink_temperature(Q_(550, "km"), Q_(20, "deg"), 0.15, 0.91, "tilted")
    assert info.value.field == "tilt"
    with pytest.raises(InputError) as info:
        rad.sink_temperature(Q_(550, "km"), Q_(20, "deg"), 0.15, 0.91, "sideways")
    assert info.value.field == "orientation"


def test_snap_10a_radiator_published():
    # SNAP-10A (NAA-SR-11955, Table 2): 31.32 kW rejected from 5.806 m^2 (62.5 ft^2) at a
    # mean radiator temperature of 603 degF (590.4 K), emissivity 0.89, fin effectiveness 0.90,
    # one radiating face (conical radiator).  An isothermal one-face estimate reproduces the
    # area within 3 % (the sink and the temperature spread over the cone account for the rest).
    A = rad.isothermal_radiator_area(Q_(31.32, "kW"), Q_(603, "degF"), 0.89, Q_(0, "K"),
                                     fin_efficiency=0.90, sides=1)
    assert A.to("m^2").magnitude == pytest.approx(5.806, rel=0.03)
