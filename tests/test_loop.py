"""Pumped loop sizing: the chip-to-sink chain, energy and hydraulics bookkeeping, the
frozen-sodium case, monotone trends and input checks."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from thermo_orbit.errors import InputError, OutOfRangeError
from thermo_orbit.thermal.loop import size_thermal_loop
from thermo_orbit.units import Q_

BASE = dict(
    max_junction_temperature=Q_(85, "degC"), junction_to_cold_plate_resistance=Q_(1e-4, "K/W"),
    cold_plate_wetted_area=Q_(3, "m^2"), cold_plate_hydraulic_diameter=Q_(2, "mm"),
    cold_plate_flow_area=Q_(30, "cm^2"), radiator_glide=Q_(20, "K"), emissivity=0.9,
    sink_temperature_hot=Q_(220, "K"), sink_temperature_cold=Q_(150, "K"),
    tube_inner_diameter=Q_(6, "mm"), tube_wall_thickness=Q_(0.5, "mm"), tube_pitch=Q_(10, "cm"),
    coolant_velocity=Q_(1, "m/s"), fin_thickness=Q_(1, "mm"), fin_conductivity=Q_(167, "W/(m*K)"),
    fin_density=Q_(2700, "kg/m^3"), tube_density=Q_(8000, "kg/m^3"), pump_efficiency=0.1,
)


def size(coolant="NaK-78", heat=Q_(120, "kW"), **kw):
    args = {**BASE, **kw}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return size_thermal_loop(heat, coolant, **args)


def test_chain_from_junction_to_radiator():
    r = size()
    Tj = 358.15
    assert r.cold_plate_wall_temperature.to("K").magnitude == pytest.approx(Tj - 120e3 * 1e-4)
    assert r.radiator_inlet_temperature.to("K").magnitude == pytest.approx(
        r.cold_plate_wall_temperature.to("K").magnitude - r.cold_plate_film_drop.to("K").magnitude)
    assert r.radiator_outlet_temperature.to("K").magnitude == pytest.approx(
        r.radiator_inlet_temperature.to("K").magnitude - 20.0)
    assert r.feasible, r.reasons


def test_energy_bookkeeping_pump_heat_is_rejected():
    r = size()
    assert r.heat_rejected.to("W").magnitude == pytest.approx(120e3 + r.pump_electrical_power.to("W").magnitude)
    # hydraulic power = mdot * dP / rho and electrical = hydraulic / efficiency
    assert r.pump_hydraulic_power.to("W").magnitude == pytest.approx(0.1 * r.pump_electrical_power.to("W").magnitude)


def test_pressure_drop_darcy_weisbach_in_tubes():
    r = size()
    from thermo_orbit.materials import coolant

    T = r.radiator_inlet_temperature.to("K").magnitude - 10.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rho = coolant("NaK-78").density(Q_(T, "K"), extrapolate=True).magnitude
    v, L, f = r.velocity.magnitude, r.tube_length.to("m").magnitude, r.friction_factor.magnitude
    assert r.pressure_drop_tubes.to("Pa").magnitude == pytest.approx(f * L / 6e-3 * 0.5 * rho * v**2, rel=1e-9)


def test_sodium_loop_at_chip_temperatures_is_frozen():
    # Sodium melts at 371.0 K (Fink & Leibowitz 1995): a loop under 85 degC chips cannot run.
    r = size("Na")
    assert not r.feasible
    assert any("frozen" in reason for reason in r.reasons)
    assert r.hot_freeze_margin.to("K").magnitude == pytest.approx(
        r.radiator_outlet_temperature.to("K").magnitude - 371.0)
    assert r.hot_freeze_margin.to("K").magnitude < -40


def test_radiator_colder_than_sink_is_infeasible_not_an_error():
    r = size(sink_temperature_hot=Q_(340, "K"))
    assert not r.feasible
    assert any("sink" in reason for reason in r.reasons)
    assert r.to_dict()["radiator_area"]["value"] is None  # never NaN or inf in JSON


def test_area_falls_with_junction_limit_and_rises_with_sink():
    a = [size(max_junction_temperature=Q_(t, "degC")).radiator_area.magnitude for t in (75, 85, 100)]
    assert a[0] > a[1] > a[2]
    b = [size(sink_temperature_hot=Q_(t, "K")).radiator_area.magnitude for t in (150, 220, 260)]
    assert b[0] < b[1] < b[2]


def test_em_pump_costs_more_power_than_mechanical():
    em = size(pump_efficiency=0.05).pump_electrical_power.magnitude
    mech = size(pump_efficiency=0.6).pump_electrical_power.magnitude
    # 12x by the efficiencies alone, a little more because the pump heat is rejected too
    assert 12 * mech < em < 13 * mech


def test_ammonia_baseline_runs_pressurized():
    r = size("ammonia")
    assert r.feasible, r.reasons
    assert r.reynolds.magnitude > 4000  # turbulent, Gnielinski


def test_arrays_broadcast_and_match_scalars():
    hs = Q_(np.array([60.0, 120.0, 240.0]), "kW")
    r = size(heat=hs)
    assert r.radiator_area.magnitude.shape == (3,)
    one = size(heat=Q_(120, "kW"))
    # equal to the fixed point's tolerance (1e-7 relative in pump power)
    assert r.radiator_area.magnitude[1] == pytest.approx(one.radiator_area.magnitude, rel=1e-6)
    assert isinstance(r.reasons, list) and len(r.reasons) == 3


def test_bad_inputs_name_the_argument():
    with pytest.raises(OutOfRangeError) as info:
        size(pump_efficiency=1.5)
    assert info.value.field == "pump_efficiency"
    with pytest.raises(InputError) as info:
        size(tube_pitch=Q_(5, "mm"))
    assert info.value.field == "tube_pitch"
    with pytest.raises(InputError) as info:
        size("Galinstan")
    assert "no cited" in str(info.value)


def test_to_dict_is_json_ready():
    import json

    d = size().to_dict()
    json.dumps(d)
    assert Q_(d["radiator_area"]["value"], d["radiator_area"]["unit"]).to("m^2").magnitude == pytest.approx(
        size().radiator_area.to("m^2").magnitude)


def test_pump_runaway_is_infeasible_with_reason():
    # A cold plate with a 1 cm^2 passage for 120 kW: pumping power ~ mdot^3 has no stable
    # operating point below half the rack power.
    r = size(cold_plate_flow_area=Q_(1, "cm^2"))
    assert not r.feasible
    assert any("runs away" in reason for reason in r.reasons)
    assert r.pump_electrical_power.to("W").magnitude <= 0.5 * 120e3 + 1e-6


def test_heat_pump_work_and_smaller_radiator():
    # With a heat pump lifting the radiator by 40 K at half of Carnot: W = Q * lift / (0.5 T_L),
    # the radiator rejects Q + W at a higher temperature, so its area falls.
    plain = size()
    hp = size(heat_pump_lift=Q_(40, "K"), heat_pump_carnot_fraction=0.5)
    Q = plain.heat_rejected.to("W").magnitude
    W = hp.heat_pump_power.to("W").magnitude
    T_L = hp.radiator_inlet_temperature.to("K").magnitude - 10.0  # mean chip-loop temperature
    assert W > 0
    assert W == pytest.approx((hp.heat_rejected.to("W").magnitude - W) * 40 / (0.5 * T_L), rel=1e-6)
    assert hp.radiator_area.magnitude < plain.radiator_area.magnitude
    assert hp.radiator_mean_temperature.to("K").magnitude == pytest.approx(
        hp.radiator_outlet_temperature.to("K").magnitude + 40 + 10)
    assert Q > 0
