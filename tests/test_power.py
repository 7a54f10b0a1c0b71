"""Power subsystem: array and battery sizing against SMAD's equations, analytic limits,
energy closure over an orbit, monotone trends and bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermo_orbit.errors import InputError, OutOfRangeError, UnitError
from thermo_orbit.power import battery as bat
from thermo_orbit.power import solar_array as sa
from thermo_orbit.units import Q_

VES180 = {"dod": [0.3, 0.9], "cycles": [27500, 1350]}  # materials/batteries.toml, ESA ARTES VES180 spec


def test_no_eclipse_limit():
    # Analytic: T_e = 0 -> P_sa = P_d / X_d (SMAD Eq. 11-5), X_d = 0.80 for PPT, 0.85 for DET.
    P = sa.required_array_power(Q_(100, "kW"), Q_(100, "kW"), Q_(95, "min"), Q_(0, "min"), "PPT")
    assert P.to("kW").magnitude == pytest.approx(100 / 0.80)
    P = sa.required_array_power(Q_(100, "kW"), Q_(100, "kW"), Q_(95, "min"), Q_(0, "min"), "DET")
    assert P.to("kW").magnitude == pytest.approx(100 / 0.85)


def test_smad_firesat_array_power():
    # SMAD 3rd ed. (1999), Table 11-34 (FireSat, p. 412), inputs as printed: 110 W in daylight
    # and eclipse, 63.5 min daylight, 35.3 min eclipse (700 km), peak-power tracking
    # (X_e = 0.60, X_d = 0.80).  The book's printed P_sa was not available to us; this checks
    # Eq. 11-5 on those inputs: (110*35.3/0.6 + 110*63.5/0.8)/63.5 = 239.42 W.
    P = sa.required_array_power(Q_(110, "W"), Q_(110, "W"), Q_(63.5, "min"), Q_(35.3, "min"))
    assert P.to("W").magnitude == pytest.approx(239.416, abs=1e-3)


def test_smad_firesat_eclipse_time():
    # SMAD 3rd ed. (1999), Table 11-34: 35.3 min of eclipse at 700 km (beta = 0).
    from thermo_orbit.orbit import eclipse_duration

    assert eclipse_duration(Q_(700, "km"), Q_(0, "deg")).to("min").magnitude == pytest.approx(35.3, abs=0.05)


# Worked Examples 3.1 and 3.2 (GEO communication satellite, solar sails and equinox-eclipse
# battery), read in an OCR transcription of worked satellite examples (scribd.com document
# 585923423, "Satellite communication problem statements").  Attributed to Pratt, T. and
# Allnutt, J. E., Satellite Communications, 3rd ed., Wiley, 2020, ch. 3; the transcription names
# no book, edition or page and the book itself was not opened.  Printed lines:
#   Ex. 3.1: "requires a total of 12 kW to operate its communication systems and 1.5 kW at all
#   times for housekeeping", "efficiency of the solar cells is 36% at BOL and 33% at EOL",
#   "average incident solar flux of 1.36 kW/m2"; "A = 13.5 / (0.33 x 1.36) = 30.1 m2",
#   "P = 30.1 x 0.36 x 1.36 = 14.74 kW".
#   Ex. 3.2: "supply 13.5 kW for 70 minutes. The battery voltage is 50 V and the batteries must
#   not discharge more than 50%"; "630 AH are needed", "at 50 V, which is 31.5 kWH".
# Mapping: the book has no eclipse in the array sizing, no path loss, packing factor, inherent
# degradation or cosine loss (all 1 here, eclipse time 0 so the sunlight time does not enter),
# and gives BOL/EOL efficiencies: efficiency = 0.36 and remaining factor = 0.33/0.36.  Its
# battery has no battery-to-load loss (n = 1 in SMAD Eq. 11-6) and is one battery.
def _pratt_ex3_1_array():
    return sa.size_solar_array(Q_(12, "kW") + Q_(1.5, "kW"), Q_(0, "kW"), Q_(24, "h"), Q_(0, "min"),
                               efficiency=0.36, remaining_factor=0.33 / 0.36, solar_flux=Q_(1.36, "kW/m^2"),
                               inherent_degradation=1.0, cosine=1.0, packing_factor=1.0,
                               path_efficiency_daylight=1.0,
                               areal_density=Q_(1, "kg/m^2"))  # placeholder: the example has no mass


def _pratt_ex3_2_battery():
    return bat.battery_capacity(Q_(13.5, "kW"), Q_(70, "min"), 0.5, n_batteries=1, transmission_efficiency=1.0)


@pytest.mark.parametrize("computed, published, tolerance", [
    # Area printed to 0.1 m^2.
    pytest.param(lambda: _pratt_ex3_1_array().area, Q_(30.1, "m^2"), Q_(0.05, "m^2"), id="ex3.1-area-eol"),
    # The book multiplies the area rounded to 30.1 m^2 (unrounded 30.08 m^2 gives 14.727 kW): the
    # tolerance is that rounding, 0.05 m^2 x 0.36 x 1.36 kW/m^2 = 0.0245 kW.
    pytest.param(lambda: _pratt_ex3_1_array().power_bol, Q_(14.74, "kW"), Q_(0.025, "kW"), id="ex3.1-power-bol"),
    pytest.param(lambda: _pratt_ex3_1_array().power_eol, Q_(13.5, "kW"), Q_(1e-9, "kW"), id="ex3.1-power-eol"),
    pytest.param(_pratt_ex3_2_battery, Q_(31.5, "kWh"), Q_(0.05, "kWh"), id="ex3.2-capacity-kWh"),
    pytest.param(lambda: _pratt_ex3_2_battery() / Q_(50, "V"), Q_(630, "A*h"), Q_(0.5, "A*h"), id="ex3.2-capacity-Ah"),
])
def test_pratt_allnutt_geo_examples(computed, published, tolerance):
    value = computed()
    assert abs((value - published).to(published.units).magnitude) <= tolerance.to(published.units).magnitude


# Worked Example 4.6, p. 134 (battery for the worst-case eclipse), in A. K. Maini and V. Agrawal,
# ch. 4 "Satellite Hardware", read in the FOSSEE Textbook Companion transcription
# (github.com/FOSSEE/Python-Textbook-Companions, Satellite_Communication_by_Anil_K.maini_Varsha_Agrawal/
# chapter_4.ipynb, "Example 4.6, page no-134"; a FOSSEE Scilab copy has the same header and inputs).
# The book itself was not opened; FOSSEE titles it "Satellite Communication" (Wiley).  Inputs: 3600 W,
# 1.2 h worst-case eclipse, depth of discharge 0.8, discharge efficiency 0.95, 60 Wh/kg.  Printed:
# "Energy required to be stored in the battery system is 5684.2 Wh", "Mass of battery system = 94.74 kg".
# Mapping: the book's discharge efficiency is the battery-to-load efficiency n of SMAD Eq. 11-6, one
# battery; its DoD is imposed through a cycle-life table that allows 0.8 at the cycles asked for.
def _maini_ex4_6_battery():
    return bat.size_battery(Q_(3600, "W"), Q_(1.2, "h"), Q_(10.8, "h"), cycles=1000,
                            cycle_life={"dod": [0.8, 0.9], "cycles": [1000, 100]}, specific_energy=Q_(60, "W*h/kg"),
                            charge_efficiency=1.0, discharge_efficiency=1.0, transmission_efficiency=0.95,
                            safe_mode_energy=Q_(1, "W*h"))


@pytest.mark.parametrize("computed, published, tolerance", [
    # printed to 0.1 Wh and 0.01 kg: half a unit in the last place
    pytest.param(lambda: bat.battery_capacity(Q_(3600, "W"), Q_(1.2, "h"), 0.8, transmission_efficiency=0.95),
                 Q_(5684.2, "W*h"), Q_(0.05, "W*h"), id="ex4.6-capacity"),
    pytest.param(lambda: _maini_ex4_6_battery().capacity, Q_(5684.2, "W*h"), Q_(0.05, "W*h"),
                 id="ex4.6-capacity-sized"),
    pytest.param(lambda: _maini_ex4_6_battery().mass, Q_(94.74, "kg"), Q_(0.005, "kg"), id="ex4.6-mass"),
])
def test_maini_agrawal_battery_example(computed, published, tolerance):
    value = computed()
    assert abs((value - published).to(published.units).magnitude) <= tolerance.to(published.units).magnitude


def test_orbit_energy_closes():
    # Energy per orbit: array output in sunlight = loads + path losses (regulation, charge, discharge).
    Pd, Pe, Td, Te = 120e3, 125e3, 60 * 60.0, 35 * 60.0
    r = sa.size_solar_array(Q_(Pd, "W"), Q_(Pe, "W"), Q_(Td, "s"), Q_(Te, "s"), efficiency=0.28,
                            areal_density=Q_(2, "kg/m^2"))
    produced = r.required_power.to("W").magnitude * Td
    consumed = Pd * Td + Pe * Te
    losses = r.path_losses.to("W").magnitude * (Td + Te)
    assert produced == pytest.approx(consumed + losses, rel=1e-12)


def test_eol_power_equals_requirement_and_degradation_chain():
    r = sa.size_solar_array(Q_(100, "kW"), Q_(100, "kW"), Q_(60, "min"), Q_(35, "min"), efficiency=0.3,
                            degradation_per_year=0.0275, years=Q_(5, "year"), specific_power=Q_(100, "W/kg"))
    assert r.power_eol.magnitude == pytest.approx(r.required_power.magnitude)
    # SMAD Eq. 11-7: L_d = (1 - 0.0275)^5
    assert r.lifetime_degradation.magnitude == pytest.approx(0.9725**5)
    assert r.power_bol.magnitude == pytest.approx(r.power_eol.magnitude / 0.9725**5)
    assert r.mass.to("kg").magnitude == pytest.approx(r.power_bol.to("W").magnitude / 100)


@settings(max_examples=100, deadline=None)
@given(st.floats(1, 1000), st.floats(0, 40), st.floats(0.0, 0.1), st.floats(1.01, 2.0))
def test_array_monotone(load_kw, eclipse_min, rate, factor):
    def area(load=load_kw, te=eclipse_min, d=rate):
        return sa.size_solar_array(Q_(load, "kW"), Q_(load, "kW"), Q_(95 - te, "min"), Q_(te, "min"),
                                   efficiency=0.3, degradation_per_year=d,
                                   areal_density=Q_(2, "kg/m^2")).area.magnitude
    base = area()
    assert area(load=load_kw * factor) > base
    assert area(te=min(eclipse_min * factor + 0.5, 45)) > base
    assert area(d=rate + 0.01) > base


def test_cosine_loss_modes():
    assert sa.cosine_loss("sun_tracking", Q_(40, "deg")).magnitude == pytest.approx(1.0)
    assert sa.cosine_loss("single_axis", Q_(40, "deg")).magnitude == pytest.approx(np.cos(np.radians(40)))


def test_array_temperature_heat_balance_closes():
    # Sun-tracking array at beta = 90 deg (no eclipse, no albedo), no Earth IR: the
    # balance is (eps_f + eps_b) sigma T^4 = alpha S - eta(T) p S exactly.
    from thermo_orbit import environment as env

    case = env.DesignCase("space", Q_(1361, "W/m^2"), Q_(0, ""), Q_(0, "W/m^2"))
    t = sa.array_operating_temperature(Q_(550, "km"), Q_(89.9, "deg"), 0.30, Q_(-0.002, "1/K"), 0.9, 0.85, 0.8,
                                       case=case, packing_factor=0.85)
    T = t.mean.to("K").magnitude
    eta = 0.30 * (1 - 0.002 * (T - 301.15))
    assert (0.85 + 0.8) * 5.670374419e-8 * T**4 == pytest.approx(0.9 * 1361 - eta * 0.85 * 1361, rel=1e-6)
    assert t.efficiency_mean.magnitude == pytest.approx(eta, rel=1e-6)


def test_array_hotter_in_hot_case():
    kw = dict(efficiency=0.30, temperature_coefficient=Q_(-0.002, "1/K"), absorptance=0.9,
              emissivity_front=0.85, emissivity_back=0.8)
    hot = sa.array_operating_temperature(Q_(550, "km"), Q_(20, "deg"), case="hot", **kw)
    cold = sa.array_operating_temperature(Q_(550, "km"), Q_(20, "deg"), case="cold", **kw)
    assert hot.mean > cold.mean
    assert hot.efficiency_mean < cold.efficiency_mean


# --------------------------------------------------------------------------- battery

def test_battery_capacity_smad_equation_11_6():
    # SMAD (1999) Eq. 11-6: C_r = P_e T_e / (DOD N n).
    C = bat.battery_capacity(Q_(110, "W"), Q_(35.4, "min"), 0.4, n_batteries=2, transmission_efficiency=0.9)
    assert C.to("Wh").magnitude == pytest.approx(110 * 35.4 / 60 / (0.4 * 2 * 0.9))


def test_dod_from_cycle_life_table():
    # At the table's points the allowed DoD is the table's DoD; between, linear in log(cycles).
    assert bat.allowed_depth_of_discharge(27500, VES180).magnitude == pytest.approx(0.3)
    assert bat.allowed_depth_of_discharge(1350, VES180).magnitude == pytest.approx(0.9)
    mid = np.exp(0.5 * (np.log(27500) + np.log(1350)))
    assert bat.allowed_depth_of_discharge(mid, VES180).magnitude == pytest.approx(0.6)
    with pytest.raises(OutOfRangeError):
        bat.allowed_depth_of_discharge(40000, VES180)


def kw_battery(**over):
    kw = dict(cycles=7500, cycle_life=VES180, specific_energy=Q_(120, "Wh/kg"), charge_efficiency=0.96,
              discharge_efficiency=0.96)
    kw.update(over)
    return kw


def test_no_eclipse_still_gets_safe_mode_battery():
    r = bat.size_battery(Q_(120, "kW"), Q_(0, "min"), Q_(95, "min"), **kw_battery(safe_mode_energy=Q_(5, "kWh")))
    assert r.sizing_energy.to("kWh").magnitude == pytest.approx(5.0)
    assert r.capacity.magnitude > 0 and r.mass.magnitude > 0


def test_redundancy_one_battery_out():
    one = bat.size_battery(Q_(100, "kW"), Q_(30, "min"), Q_(65, "min"), **kw_battery(n_batteries=4))
    red = bat.size_battery(Q_(100, "kW"), Q_(30, "min"), Q_(65, "min"), **kw_battery(n_batteries=4, redundancy=True))
    assert red.capacity.magnitude == pytest.approx(one.capacity.magnitude * 4 / 3)
    assert red.n_active == 3


def test_battery_losses_are_heat_and_energy_closes():
    r = bat.size_battery(Q_(100, "kW"), Q_(30, "min"), Q_(65, "min"), **kw_battery(transmission_efficiency=0.95))
    E_load = 100e3 * 30 * 60
    E_in = r.charge_power.to("W").magnitude * 65 * 60
    # charge energy in = energy to the loads via the transmission path + battery losses
    assert E_in == pytest.approx(E_load / 0.95 + r.heat_per_orbit.to("J").magnitude, rel=1e-12)


def test_charge_rate_limit_is_infeasible_not_error():
    r = bat.size_battery(Q_(100, "kW"), Q_(40, "min"), Q_(5, "min"), **kw_battery(max_charge_rate=Q_(0.5, "1/h")))
    assert not r.feasible and "C" in r.reasons[0]


def test_cycles_beyond_data_is_infeasible_with_reason():
    r = bat.size_battery(Q_(100, "kW"), Q_(35, "min"), Q_(60, "min"), **kw_battery(cycles=60000))
    assert not r.feasible and "cycle life" in r.reasons[0]


@settings(max_examples=100, deadline=None)
@given(st.floats(1, 500), st.floats(1, 40), st.floats(1400, 27000), st.floats(1.05, 2.0))
def test_battery_monotone(load, te, cycles, factor):
    def cap(load=load, te=te, cycles=cycles):
        return bat.size_battery(Q_(load, "kW"), Q_(te, "min"), Q_(60, "min"),
                                **kw_battery(cycles=cycles, safe_mode_energy=Q_(1, "Wh"))).capacity.magnitude
    base = cap()
    assert cap(load=load * factor) > base
    assert cap(te=te * factor) > base
    assert cap(cycles=min(cycles * factor, 27500)) >= base


@pytest.mark.parametrize("call, field, exc", [
    (lambda: bat.battery_capacity(Q_(-1, "kW"), Q_(30, "min"), 0.3), "load_eclipse", OutOfRangeError),
    (lambda: bat.battery_capacity(Q_(1, "kW"), Q_(30, "min"), 1.3), "depth_of_discharge", OutOfRangeError),
    (lambda: bat.battery_capacity(Q_(1, "kW"), Q_(30, "min"), 0.0), "depth_of_discharge", OutOfRangeError),
    (lambda: bat.battery_capacity(Q_(1, "kW"), 30, 0.3), "eclipse_time", UnitError),
    (lambda: sa.required_array_power(Q_(1, "kW"), Q_(1, "kW"), Q_(60, "min"), Q_(30, "min"),
                                     path_efficiency_eclipse=1.2), "path_efficiency_eclipse", OutOfRangeError),
    (lambda: sa.required_array_power(Q_(1, "kW"), Q_(1, "kW"), Q_(60, "min"), Q_(30, "min"), "MPPT"),
     "regulation", InputError),
    (lambda: bat.size_battery(Q_(1, "kW"), Q_(100, "min"), Q_(60, "min"), period=Q_(95, "min"), **kw_battery()),
     "eclipse_time", OutOfRangeError),
])
def test_bad_input(call, field, exc):
    with pytest.raises(exc) as info:
        call()
    assert info.value.field == field


def test_fluence_remaining_factor_reproduces_datasheet_points():
    # Spectrolab XTJ (materials/solar_cells.toml, Fetzer et al.): Pmp remaining 0.89 after
    # 5e14 and 0.84 after 1e15 e/cm^2 (1 MeV); between them linear in log10(fluence).
    assert sa.fluence_remaining_factor("XTJ", Q_(5e14, "1/cm^2")).magnitude == pytest.approx(0.89)
    assert sa.fluence_remaining_factor("XTJ", Q_(1e15, "1/cm^2")).magnitude == pytest.approx(0.84)
    mid = sa.fluence_remaining_factor("XTJ", Q_(np.sqrt(5e14 * 1e15), "1/cm^2")).magnitude
    assert mid == pytest.approx(0.865)
    with pytest.raises(OutOfRangeError):
        sa.fluence_remaining_factor("XTJ", Q_(3e15, "1/cm^2"))
    assert sa.fluence_remaining_factor("XTJ", Q_(3e15, "1/cm^2"), extrapolate=True).magnitude < 0.84


def test_remaining_factor_replaces_yearly_degradation():
    r = sa.size_solar_array(Q_(100, "kW"), Q_(100, "kW"), Q_(60, "min"), Q_(35, "min"), efficiency=0.3,
                            remaining_factor=0.84, specific_power=Q_(100, "W/kg"))
    assert r.lifetime_degradation.magnitude == pytest.approx(0.84)
    assert r.power_bol.magnitude == pytest.approx(r.power_eol.magnitude / 0.84)
