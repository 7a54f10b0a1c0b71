"""The battery's thermal control sized in the steady method, the empty battery in the orbit
transient and the racks' eclipse power in the transient (issue 23 item 5, issue 21 item 5)."""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermo_orbit import transient as tr
from thermo_orbit.constraints import Constraint
from thermo_orbit.design import load_design
from thermo_orbit.errors import InputError
from thermo_orbit.power import battery as bat
from thermo_orbit.system import size_steady
from thermo_orbit.units import Q_

DESIGNS = Path(__file__).resolve().parent.parent / "designs"
C0 = 273.15

# (heat peak [W], control [K], range [K], band [K], given G [W/K], floor [W/K]) →
# (G [W/K], heater [W], feasible), each from the steady node T = T_c + Q/G (Gilmore 2002,
# ch. 2) and the heater's capacity G (T_low + band − T_c) (Gilmore 2002, ch. 7), by hand
THERMAL_CASES = [
    # hot side: G = 4000 / (40 − 20) = 200 W/K, the floor below it
    ((4000.0, C0 + 20, (C0, C0 + 40), 2.0, np.nan, 100.0), (200.0, 0.0, True), "hot side sets G"),
    # the floor above the need: G = 300 W/K, T_max = 20 + 13.3 °C
    ((4000.0, C0 + 20, (C0, C0 + 40), 2.0, np.nan, 300.0), (300.0, 0.0, True), "floor"),
    # control at −20 °C: G = 4000 / 60 = 66.7 W/K, the heater 66.7 × 22 = 1466.7 W
    ((4000.0, C0 - 20, (C0, C0 + 40), 2.0, np.nan, 0.0), (4000.0 / 60.0, 4000.0 / 60.0 * 22.0, True), "heater"),
    # a given conductance too small: 4000 / 50 = 80 K above the control
    ((4000.0, C0 + 20, (C0, C0 + 40), 2.0, 50.0, 0.0), (50.0, 0.0, False), "given too small"),
    # the control above the range: no conductance holds it
    ((4000.0, C0 + 45, (C0, C0 + 40), 2.0, np.nan, 100.0), (100.0, 0.0, False), "control too warm"),
    # no cited range: the floor, never infeasible
    ((4000.0, C0 + 90, (-np.inf, np.inf), 2.0, np.nan, 100.0), (100.0, 0.0, True), "no range"),
]


@pytest.mark.parametrize("inputs, expected, what", THERMAL_CASES, ids=[c[2] for c in THERMAL_CASES])
def test_battery_thermal_control_table(inputs, expected, what):
    Q, T_c, (lo, hi), band, G_given, floor = inputs
    r = bat.battery_thermal_control_si(Q, T_c, lo, hi, band, G_given, floor)
    G, heater, feasible = expected
    assert float(r["conductance"]) == pytest.approx(G, rel=1e-12)  # closed forms: round-off only
    assert float(r["heater_power"]) == pytest.approx(heater, rel=1e-12, abs=1e-12)
    assert bool(r["flags"] == 0) is feasible


@settings(max_examples=200, deadline=None)
@given(Q=st.floats(0.0, 1e6), T_c=st.floats(200.0, 350.0), lo=st.floats(230.0, 300.0), width=st.floats(5.0, 80.0),
       band=st.floats(0.1, 4.0), floor=st.floats(0.0, 1e4))
def test_a_feasible_thermal_control_keeps_the_battery_in_range(Q, T_c, lo, width, band, floor):
    # the bounds the orbit checks hold wherever the steady sizing calls the battery held
    hi = lo + width
    r = bat.battery_thermal_control_si(Q, T_c, lo, hi, band, np.nan, floor)
    if r["flags"] == 0:
        assert lo - 1e-9 <= r["temperature_min"] and r["temperature_max"] <= hi + 1e-9 * hi
        assert r["conductance"] >= floor
    more = bat.battery_thermal_control_si(2.0 * Q, T_c, lo, hi, band, np.nan, floor)
    assert more["conductance"] >= r["conductance"]  # more heat never needs less conductance


def test_battery_thermal_control_public_function_checks_units():
    r = bat.battery_thermal_control(Q_(4, "kW"), Q_(-20, "degC"), (Q_(0, "degC"), Q_(40, "degC")))
    assert r["heater_power"].to("W").magnitude == pytest.approx(4000.0 / 60.0 * 22.0)
    with pytest.raises(InputError) as err:
        bat.battery_thermal_control(4000.0, Q_(20, "degC"), (Q_(0, "degC"), Q_(40, "degC")))
    assert err.value.field == "heat_peak"


def _default(**changes):
    return load_design(DESIGNS / "default.toml").with_fields(changes)


def test_steady_sizes_the_conductance_to_the_range():
    r = size_steady(_default())
    b = r.battery
    # the default: more heat than 2 W/(K kWh) carries within 20 K, so G is raised to hold 40 °C
    assert b.temperature_max.to("degC").magnitude == pytest.approx(40.0, abs=1e-9)
    assert b.conductance.to("W/K").magnitude > 2.0 * b.capacity.to("kWh").magnitude
    assert b.heater_power.magnitude == 0.0
    assert r.margins["battery_temperature"].magnitude == pytest.approx(0.0, abs=1e-9)
    assert r.feasible and r.binding_constraint != "battery_temperature"  # sized: never binds


def test_cold_control_gets_a_battery_heater_in_the_power_budget():
    warm, cold = size_steady(_default()), size_steady(_default(**{"power.battery_control_temperature": "-20 degC"}))
    heater = cold.power_budget["battery_heater"].to("kW").magnitude
    assert heater > 0 and cold.battery.heater_power.to("kW").magnitude == pytest.approx(heater)
    # a load all orbit: in both loads, and the array and battery are sized for it
    for key in ("load", "load_eclipse"):
        grown = (cold.power_budget[key] - warm.power_budget[key]).to("kW").magnitude
        assert grown == pytest.approx(heater, rel=0.05)  # within the one correction pass's share
    assert cold.solar_array.area > warm.solar_array.area and cold.battery.capacity > warm.battery.capacity
    assert cold.battery.temperature_min.to("degC").magnitude == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("changes, text", [
    ({"power.battery_control_temperature": "45 degC"}, "not below the top"),
    ({"power.battery_conductance": "50 W/K"}, "power.battery_conductance too small"),
])
def test_battery_out_of_range_is_infeasible_with_reason(changes, text):
    r = size_steady(_default(**changes))
    assert not r.feasible and r.binding_constraint == "battery_temperature"
    assert any(text in reason for reason in r.reasons)


def _small_battery(scale=0.3):
    d = _default(**{"thermal.survival_heater_fraction": "0"})
    r = size_steady(d)
    return d, replace(r, battery=replace(r.battery, capacity=r.battery.capacity * scale))


@pytest.fixture(scope="module")
def shedding():
    d, r = _small_battery()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return tr.simulate_orbit(d, r)


def test_empty_battery_sheds_load_never_negative_charge(shedding):
    s = shedding
    assert s.state_of_charge.magnitude.min() >= 0.0  # never a negative charge
    assert s.certificate["converged"]  # a defined periodic orbit, certified
    assert max(s.certificate["energy_closure"].values()) < 1e-9  # energy still closes
    assert not s.feasible and s.flags & Constraint.TRANSIENT_LOAD_SHED
    minutes = s.extremes["load_shed_per_orbit"].to("min").magnitude
    assert 0.0 < minutes < 36.0  # part of the 35.6 min eclipse
    assert any(r.startswith(f"battery empty: load shed for {minutes:.1f} min per orbit") for r in s.reasons)
    # shed in eclipse only: the array carries the load in sunlight
    shed_load = s.load_power.magnitude - s.array_power.magnitude > 0
    assert np.all(~shed_load | s.eclipse | (s.sunlit_fraction.magnitude < 1.0))


def test_a_design_with_enough_battery_sheds_nothing(default_sim=None):
    s = tr.simulate_orbit(_default())
    assert s.extremes["load_shed_per_orbit"].magnitude == 0.0 and not s.flags & Constraint.TRANSIENT_LOAD_SHED


def test_transient_carries_the_eclipse_power():
    # racks throttled to 20 % in eclipse: less heat while the sink is coldest, so the
    # orbit's coldest coolant is colder, as the steady cold case says (issue 21 item 5)
    full, low = _default(), _default(**{"rack.eclipse_power": "0.2"})
    steady = [size_steady(d) for d in (full, low)]
    sims = tr.simulate_orbit([full, low])
    cold = [s.extremes["coolant_min"].to("K").magnitude for s in sims]
    steady_cold = [r.temperatures["coolant_min_cold_case"].to("K").magnitude for r in steady]
    assert cold[1] < cold[0] and steady_cold[1] < steady_cold[0]
    # the rack's heat load in eclipse is the throttled power (plus the survival heater, none here)
    m = tr.build_model(low)
    assert m.P_rack_eclipse[0] == pytest.approx(0.2 * m.P_rack[0], rel=1e-12)
    ecl = sims[1].eclipse & (sims[1].sunlit_fraction.magnitude == 0.0)
    load = sims[1].load_power.to("W").magnitude[ecl] - sims[1].heater_power.to("W").magnitude[ecl]
    # (the Sun's visible fraction is interpolated: within 1e-14 of 0 at the umbra's edges)
    np.testing.assert_allclose(load, m.P_rack_eclipse[0] + m.P_pump[0], rtol=1e-9)


def test_steady_feasible_designs_hold_the_battery_in_the_orbit():
    # the orbit uses the conductance and heater the steady sizing sized: the battery stays
    # in range for the default and for a cold thermal control with its heater
    designs = [_default(), _default(**{"power.battery_control_temperature": "-20 degC"})]
    for s in tr.simulate_orbit(designs):
        assert not s.flags & Constraint.TRANSIENT_BATTERY_TEMPERATURE, s.reasons
        assert s.margins["battery_temperature"].magnitude >= 0.0
    assert s.extremes["battery_heater_orbit_average"].magnitude > 0.0


def test_an_array_short_of_the_orbit_energy_has_a_periodic_orbit_at_empty():
    # 80 % of the array: the battery never refills, so its charge drifts down orbit after
    # orbit; the periodic orbit is the one that runs empty and sheds load, found and certified
    m = tr.build_model(_default(**{"thermal.survival_heater_fraction": "0"}))
    m.A_arr[:] *= 0.8
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        _, cert, run = tr.periodic_orbit(m)
    assert cert["periodicity_error_K"][0] < 1e-3 and cert["periodicity_error_soc"][0] < 1e-6
    soc = run.trajectory[0, :, -1]
    assert soc.min() >= 0.0 and soc.min() < 1e-6 and soc.max() < 1.0
    assert run.integrals["shed"][0] > 0.0
    assert max(float(v[0]) for v in cert["energy_closure"].values()) < 1e-9


@pytest.fixture(scope="module")
def default_model():
    return tr.build_model(_default())


@settings(max_examples=6, deadline=None)
@given(scale=st.floats(0.02, 1.0), throttle=st.floats(0.1, 1.0))
def test_the_charge_is_never_negative_and_energy_closes(default_model, scale, throttle):
    # any battery from 2 % of the sized one, the racks throttled or not in eclipse: a
    # periodic orbit certified in 3 orbits, its charge in [0, 1], every node's energy closed
    from thermo_orbit.transient.model import take

    m = take(default_model, [0])
    m.E_cap = m.E_cap * scale
    m.P_rack_eclipse = m.P_rack * throttle
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        _, cert, run = tr.periodic_orbit(m)
    soc = run.trajectory[0, :, -1]
    assert soc.min() >= 0.0 and soc.max() <= 1.0 + 1e-12  # the tapers span two steps: no overshoot
    assert cert["periodicity_error_K"][0] < 1e-3 and cert["periodicity_error_soc"][0] < 1e-6
    assert max(float(v[0]) for v in cert["energy_closure"].values()) < 1e-9
    assert cert["orbits"] == 3.0


def test_random_steady_feasible_designs_keep_their_battery_in_the_orbit():
    # issue 23 item 5 on a small sample (tests/orbit_agreement.py runs 1500 designs): no
    # steady-feasible design leaves its battery range over the orbit or drives its charge
    # below zero, and every one has a periodic orbit or says why not
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import orbit_agreement

    tally, by_flag = orbit_agreement.agreement(groups=12, per_group=6, seed=5)
    assert tally["steady_feasible"] > 0 and tally["errors"] == 0
    assert tally["negative_soc"] == 0 and "TRANSIENT_BATTERY_TEMPERATURE" not in by_flag
