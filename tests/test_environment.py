"""Thermal environment: view factors, solar flux, absorbed heat, against definitions,
published formulas and analytic limits."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermo_orbit import environment as env
from thermo_orbit import orbit as orb
from thermo_orbit.errors import InputError, OutOfRangeError, UnitError
from thermo_orbit.units import Q_

R = 6378.137


def view_factor_by_quadrature(h_km: float, tilt_deg: float, n: int = 1500) -> float:
    """Definition of the view factor from a differential plate: F = (1/pi) * integral of
    max(n.d, 0) over the solid angle of the Earth's disk (Modest 2013, Eq. 4.9)."""
    rho = np.arcsin(R / (R + h_km))
    t = np.radians(tilt_deg)
    psi = (np.arange(n) + 0.5) / n * rho
    phi = (np.arange(2 * n) + 0.5) / (2 * n) * 2 * np.pi
    P, F = np.meshgrid(psi, phi, indexing="ij")
    cos_angle = np.cos(t) * np.cos(P) + np.sin(t) * np.sin(P) * np.cos(F)
    integrand = np.maximum(cos_angle, 0.0) * np.sin(P)
    return float(integrand.sum() * (rho / n) * (2 * np.pi / (2 * n)) / np.pi)


# Modest (2013) App. D, configuration 16: element facing the sphere centre, F = (R/(R+h))^2.
@pytest.mark.parametrize("h_km", [400.0, 550.0, 1000.0, 35786.0])
def test_view_factor_facing_earth_modest_config_16(h_km):
    F = env.view_factor_plate_to_earth(Q_(h_km, "km"), Q_(0, "deg")).magnitude
    assert F == pytest.approx((R / (R + h_km)) ** 2, rel=1e-12)


# Modest (2013) App. D, configuration 17: element edge-on (normal perpendicular to the radius),
# F = (1/pi) [atan(1/sqrt(H^2-1)) - sqrt(H^2-1)/H^2], H = (R+h)/R.
@pytest.mark.parametrize("h_km", [400.0, 550.0, 1000.0])
def test_view_factor_edge_on_modest_config_17(h_km):
    H = (R + h_km) / R
    expected = (np.arctan(1 / np.sqrt(H**2 - 1)) - np.sqrt(H**2 - 1) / H**2) / np.pi
    F = env.view_factor_plate_to_earth(Q_(h_km, "km"), Q_(90, "deg")).magnitude
    assert F == pytest.approx(expected, rel=1e-10)


# The definition by quadrature, across full, partial and no view.  Tolerance 2e-4: the
# midpoint rule on a 1500 x 3000 grid with a kink where n.d = 0.
@pytest.mark.parametrize("h_km, tilt", [(550, 10), (550, 30), (550, 60), (550, 90), (550, 110),
                                        (550, 130), (550, 150), (2000, 45), (2000, 120), (400, 155)])
def test_view_factor_matches_definition(h_km, tilt):
    F = env.view_factor_plate_to_earth(Q_(h_km, "km"), Q_(tilt, "deg")).magnitude
    assert F == pytest.approx(view_factor_by_quadrature(h_km, tilt), abs=2e-4)


@settings(max_examples=200, deadline=None)
@given(st.floats(150, 50000), st.floats(0, 179.0), st.floats(0.0, 1.0))
def test_view_factor_bounded_and_monotone_in_tilt(h, t, dt):
    F1 = env.view_factor_plate_to_earth(Q_(h, "km"), Q_(t, "deg")).magnitude
    F2 = env.view_factor_plate_to_earth(Q_(h, "km"), Q_(t + dt, "deg")).magnitude
    assert 0.0 <= F2 <= F1 <= 1.0


def test_view_factor_zero_facing_away_and_continuous():
    h = Q_(550, "km")
    assert env.view_factor_plate_to_earth(h, Q_(180, "deg")).magnitude == 0.0
    rho = np.degrees(np.arcsin(R / (R + 550)))
    edge = 90 - rho  # full/partial boundary
    lo = env.view_factor_plate_to_earth(h, Q_(edge - 1e-7, "deg")).magnitude
    hi = env.view_factor_plate_to_earth(h, Q_(edge + 1e-7, "deg")).magnitude
    assert lo == pytest.approx(hi, abs=1e-8)


def test_solar_flux_at_1_au_and_inverse_square():
    # IAU 2015 Resolution B3 nominal total solar irradiance.
    assert env.solar_flux(Q_(1, "au")).magnitude == pytest.approx(1361.0)
    assert env.solar_flux(Q_(2, "au")).magnitude == pytest.approx(1361.0 / 4)


def test_solar_flux_over_year_perihelion_aphelion():
    # 1361 W/m^2 at perihelion 0.98329 au and aphelion 1.01671 au (Vallado 2013, Alg. 29 series):
    # 1407.7 and 1316.6 W/m^2 (Gilmore's 1414/1322 W/m^2 pair is the same with S0 = 1367).
    days = np.arange("2027-01-01", "2028-01-01", dtype="datetime64[D]")
    S = env.solar_flux(days).magnitude
    assert S.max() == pytest.approx(1407.7, abs=0.2)
    assert S.min() == pytest.approx(1316.6, abs=0.2)
    assert env.design_case("hot").solar_flux.magnitude == pytest.approx(1407.7, abs=0.1)
    assert env.design_case("cold").solar_flux.magnitude == pytest.approx(1316.6, abs=0.1)


def test_design_cases_ecss_values():
    # ECSS-E-ST-10-04C Annex F.5.1/F.5.2: mean albedo 0.3 (range 0.05-0.6),
    # mean Earth IR 230 W/m^2 (range 150-350 W/m^2).
    nominal, hot, cold = (env.design_case(n) for n in ("nominal", "hot", "cold"))
    assert (nominal.albedo.magnitude, nominal.earth_ir.magnitude) == (0.30, 230.0)
    assert (hot.albedo.magnitude, hot.earth_ir.magnitude) == (0.60, 350.0)
    assert (cold.albedo.magnitude, cold.earth_ir.magnitude) == (0.05, 150.0)
    assert any("ECSS-E-ST-10-04C" in s for s in nominal.sources)


def test_design_case_bad_name():
    with pytest.raises(InputError) as info:
        env.design_case("warm")
    assert info.value.field == "case"


# --------------------------------------------------------------------------- absorbed heat

def flux(**kw):
    base = dict(altitude=Q_(550, "km"), beta=Q_(0, "deg"), phase=Q_(0, "deg"), tilt=Q_(0, "deg"),
                absorptance=0.5, emissivity=0.8, case="nominal")
    base.update(kw)
    return env.absorbed_environmental_flux(**base)


def test_zenith_plate_at_noon_sees_full_sun_and_no_earth():
    # Analytic: normal along the Sun, no Earth in view -> q = alpha * S.
    q = flux(tilt=Q_(180, "deg"))
    assert q.direct_solar.magnitude == pytest.approx(0.5 * 1361.0)
    assert q.albedo.magnitude == 0.0 and q.earth_ir.magnitude == 0.0


def test_nadir_plate_at_noon_albedo_and_ir():
    # Analytic: nadir plate at orbit noon, beta = 0: albedo = alpha S a F, IR = eps OLR F.
    F = (R / (R + 550)) ** 2
    q = flux()
    assert q.direct_solar.magnitude == 0.0
    assert q.albedo.magnitude == pytest.approx(0.5 * 1361.0 * 0.30 * F)
    assert q.earth_ir.magnitude == pytest.approx(0.8 * 230.0 * F)


def test_nadir_plate_at_midnight_only_ir():
    q = flux(phase=Q_(180, "deg"))
    assert q.direct_solar.magnitude == 0.0 and q.albedo.magnitude == 0.0
    assert q.earth_ir.magnitude > 0


def test_direct_sun_counted_on_radiator_facing_orbit_normal():
    # A plate whose normal is the orbit normal (tilt 90, azimuth 90) sees the Sun at
    # incidence 90 deg - beta: direct = alpha S sin(beta) in sunlight. Never assumed away.
    u = Q_(np.linspace(0, 360, 73), "deg")
    q = flux(beta=Q_(30, "deg"), phase=u, tilt=Q_(90, "deg"), azimuth=Q_(90, "deg"))
    lit = orb.sunlit_fraction_along_orbit(Q_(550, "km"), Q_(30, "deg"), u).magnitude
    np.testing.assert_allclose(q.direct_solar.magnitude, 0.5 * 1361.0 * 0.5 * lit, rtol=1e-12)


def test_sun_tracking_plate_orbit_average_direct():
    # Sun-tracking: cos(incidence) = 1, so the orbit-average direct flux is alpha S times
    # the mean visible Sun fraction, between 1 - cylindrical-with-penumbra and 1 - umbra.
    b = Q_(20, "deg")
    u = Q_(np.linspace(0, 360, 36001)[:-1], "deg")
    tilt, az = env.sun_tracking_attitude(b, u)
    q = flux(beta=b, phase=u, tilt=tilt, azimuth=az, absorptance=1.0)
    mean = q.direct_solar.magnitude.mean() / 1361.0
    umbra = orb.eclipse_fraction(Q_(550, "km"), b, model="conical").magnitude
    pen = (orb.penumbra_duration(Q_(550, "km"), b) / orb.orbital_period(Q_(550, "km"))).to("").magnitude
    assert 1 - umbra - pen - 1e-4 <= mean <= 1 - umbra + 1e-4


def test_absorbed_flux_validates_optical_properties():
    with pytest.raises(OutOfRangeError) as info:
        flux(absorptance=1.2)
    assert info.value.field == "absorptance"
    with pytest.raises(UnitError) as info:
        flux(tilt=90)
    assert info.value.field == "tilt"


def test_ssp_41000_design_cases():
    # SSP 41000 via TFAWS 2015 "ISS Payload Thermal Environments", slide 40.
    hot = env.design_case("hot", standard="SSP-41000")
    cold = env.design_case("cold", standard="SSP-41000")
    assert (hot.solar_flux.magnitude, hot.albedo.magnitude, hot.earth_ir.magnitude) == (1423.0, 0.40, 286.0)
    assert (cold.solar_flux.magnitude, cold.albedo.magnitude, cold.earth_ir.magnitude) == (1321.0, 0.20, 206.0)
    with pytest.raises(InputError):
        env.design_case("hot", standard="NASA-9000")
