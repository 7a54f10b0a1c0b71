"""A sized spacecraft that flown hardware would recognise (issue 21): the radiator as built,
the bus lines and the growth allowance, the battery's depth of discharge, the eclipse load."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from thermo_orbit import Q_, size, size_batch
from thermo_orbit import materials as mat
from thermo_orbit.cli import main
from thermo_orbit.design import DesignError
from thermo_orbit.system.mass import GROWTH_BY_MATURITY

DESIGNS = Path(__file__).resolve().parent.parent / "designs"
BUS_LINES = ("structure", "harness", "power_conditioning", "thermal_control", "growth_allowance")


def test_default_json_has_every_mass_line_non_zero_with_sources(capsys):
    assert main(["size", str(DESIGNS / "default.toml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for line in BUS_LINES:
        assert data["mass"][line]["value"] > 0, line
    parts = data["mass"]["radiator_parts"]
    assert set(parts) == {"panel", "tubes", "coolant", "manifolds", "bumper", "deployment_and_structure", "armour"}
    assert sum(p["value"] for p in parts.values()) == pytest.approx(data["mass"]["radiator"]["value"], rel=1e-12)
    text = " ".join(data["assumptions"])
    for field in ("bus.harness_specific_mass", "radiator.manifold_mass_fraction"):
        assert f"{field}: design assumption" in text  # design assumptions are listed with the result
    for field, source in (("bus.power_conditioning_specific_mass", "Terma"), ("bus.structure_fraction", "SMAD"),
                          ("thermal.control_hardware_specific_mass", "ISS-EATCS"), ("bus.maturity", "EIDA-2656"),
                          ("radiator.flown_reference", "ISS-EATCS-radiator-ORU")):
        assert re.search(rf"{re.escape(field)} = [^;]*{source}.*\(cited default\)", text), field  # with its source


def test_radiator_areal_mass_is_the_flown_class_it_claims(default_result):
    # the default 'flown' model takes the ISS EATCS radiator ORU: 1,122.64 kg on 23.3 m x 3.4 m
    # (Boeing ATCS Overview c. 2006, p. 14, secondary): 14.17 kg/m^2 of one face of the envelope
    r = default_result
    armour = r.mass["radiator_parts"]["armour"]  # added on top: the flown radiators' tubes carry none
    areal = ((r.mass["radiator"] - armour) / r.radiator["area"]).to("kg/m^2").magnitude
    assert areal == pytest.approx(1122.64 / (23.3 * 3.4), rel=1e-3)
    assert r.mass["radiator_parts"]["deployment_and_structure"].magnitude > 0


def test_bus_lines_follow_their_rules(default, default_result):
    # structure is the fraction f of the dry mass: S = f/(1 - f) x the rest of the dry mass;
    # the growth allowance is 20 % (ESA category D, 'new') of everything sized here
    r = default_result
    m = {k: v.to("kg").magnitude for k, v in r.mass.items() if not isinstance(v, dict)}
    rest = m["racks"] + m["other"] + sum(m[k] for k in ("solar_array", "battery", "radiator", "loop", "heat_pump",
                                                        "harness", "power_conditioning", "thermal_control"))
    assert m["structure"] == pytest.approx(0.27 / 0.73 * rest, rel=1e-12)
    sized = rest - m["racks"] - m["other"] + m["structure"]
    assert m["growth_allowance"] == pytest.approx(GROWTH_BY_MATURITY["new"] * sized, rel=1e-12)
    assert GROWTH_BY_MATURITY == {"existing": 0.05, "modified": 0.10, "new": 0.20}
    load_kw = r.power_budget["load"].to("kW").magnitude
    assert m["harness"] == pytest.approx(1.0 * load_kw, rel=1e-12)
    # per kW carried: the loop's heat rejected and the battery's largest heat (its own thermal control)
    rejected_kw = r.loop.heat_rejected.to("kW").magnitude + r.battery.heat_peak.to("kW").magnitude
    assert m["thermal_control"] == pytest.approx((6 * 22.68 + 41.28) / 35.0 * rejected_kw, rel=1e-3)


def test_every_bus_line_can_be_set_to_zero(default):
    zero = {"bus.structure_fraction": "0", "bus.harness_specific_mass": "0 kg/kW",
            "bus.power_conditioning_specific_mass": "0 kg/kW", "bus.mass_growth_allowance": "0",
            "thermal.control_hardware_specific_mass": "0 kg/kW", "radiator.mass_model": "bottom_up",
            "radiator.manifold_mass_fraction": "0", "radiator.deployment_areal_density": "0 kg/m^2",
            "survivability.armour": "off", "survivability.bumper_thickness": "0 mm"}
    r = size(default.with_fields(zero))
    for line in BUS_LINES:
        assert r.mass[line].magnitude == 0.0
    lp = r.loop
    physical = sum(q.to("kg").magnitude for q in (lp.fin_mass, lp.tube_mass, lp.structure_mass))
    coolant_in_tubes = lp.coolant_mass.to("kg").magnitude / 1.3
    assert r.mass["radiator"].to("kg").magnitude == pytest.approx(physical + coolant_in_tubes, rel=1e-12)


def test_armour_adds_a_sleeve_of_its_thickness(default, default_result):
    r = size(default.with_fields({"radiator.armour_thickness": "1 mm", "survivability.armour": "given"}))
    lp = default_result.loop
    d_o, t = 7e-3, 1e-3  # the default tube: 6 mm bore, 0.5 mm wall; Al6061 armour
    length = lp.tube_count.magnitude * lp.tube_length.to("m").magnitude
    rho = mat.structure("Al6061")["density"].to("kg/m^3").magnitude
    expected = rho * np.pi * (d_o + t) * t * length
    assert r.mass["radiator_parts"]["armour"].to("kg").magnitude == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("eclipse", ["0.2", "20 kW"])
def test_eclipse_power_shrinks_the_battery_and_the_freeze_margin(default, default_result, eclipse):
    # the racks throttled in eclipse: a smaller battery (SMAD Eq. 11-6 takes the eclipse load),
    # and less heat in the cold case (in eclipse), so a lower freeze margin
    r = size(default.with_fields({"rack.eclipse_power": eclipse}))
    assert r.battery.capacity < default_result.battery.capacity
    assert r.margins["freeze"] < default_result.margins["freeze"]
    assert r.power_budget["load_eclipse"] < r.power_budget["load"]
    assert r.power_budget["closure"].magnitude < 1e-9


def test_the_orbit_agrees_with_the_steady_cold_case_on_eclipse_throttling(default):
    # issue 21: the transient carries rack.eclipse_power too, so the racks throttled in
    # eclipse leave the orbit's coldest coolant colder, as they lower the steady freeze margin
    full = size(default, verify="transient")
    throttled = size(default.with_fields({"rack.eclipse_power": "0.2"}), verify="transient")
    assert throttled.margins["freeze"] < full.margins["freeze"]
    assert throttled.margins["transient_freeze"] < full.margins["transient_freeze"]
    assert throttled.transient["extremes"]["coolant_min"] < full.transient["extremes"]["coolant_min"]


@pytest.mark.parametrize("field, value, message", [
    ("rack.eclipse_power", "1.5", "fraction of rack.power"),
    ("rack.eclipse_power", "200 kW", "above rack.power"),
    ("rack.eclipse_power", "3 m", "rack.eclipse_power"),
    ("bus.structure_fraction", "0.95", "bus.structure_fraction"),
    ("bus.maturity", "prototype", "bus.maturity"),
    ("radiator.mass_model", "guess", "radiator.mass_model"),
    ("radiator.armour_thickness", "-1 mm", "radiator.armour_thickness"),
    ("power.battery_depth_of_discharge", "1.5", "power.battery_depth_of_discharge"),
    ("power.battery_cycle_life", {"dod": [0.2], "cycles": [100]}, "power.battery_cycle_life"),
    ("thermal.control_hardware_specific_mass", "5 kg", "thermal.control_hardware_specific_mass"),
])
def test_bad_values_of_the_new_fields_name_the_field(default, field, value, message):
    with pytest.raises(DesignError, match=message):
        default.with_fields({field: value})


def test_a_bad_new_field_in_a_file_exits_2(tmp_path, capsys):
    text = (DESIGNS / "default.toml").read_text().replace("[launch]", "[bus]\nmaturity = \"prototype\"\n\n[launch]")
    (tmp_path / "d.toml").write_text(text)
    assert main(["size", str(tmp_path / "d.toml")]) == 2
    assert "bus.maturity" in capsys.readouterr().err


def test_iss_orbit_five_years_sizes_with_a_depth_of_discharge(default):
    # 400 km x 51.6 deg for 5 years: about 27,800 eclipses, beyond VES180's cited 27,500 cycles
    iss = default.with_fields({"orbit.sun_synchronous": False, "orbit.inclination": "51.6 deg",
                               "orbit.altitude": "400 km"})
    assert size(iss).binding_constraint == "battery_cycle_life"
    r = size(iss.with_fields({"power.battery_depth_of_discharge": "0.25"}))
    assert r.feasible and r.battery.depth_of_discharge.magnitude == 0.25
    assert any("power.battery_depth_of_discharge" in a for a in r.assumptions)
    table = size(iss.with_fields({"power.battery_cycle_life": {"dod": [0.2, 0.4], "cycles": [60000, 20000]}}))
    assert table.feasible and 0.2 < table.battery.depth_of_discharge.magnitude < 0.4


def test_every_battery_offered_sizes_and_the_others_say_why(default, capsys):
    offered = [n for n in mat.list_materials("battery") if mat.battery_not_sizable(n) is None]
    assert offered
    for name in offered:
        assert size(default.with_fields({"power.battery": name})).mass["battery"].magnitude > 0
    for name in set(mat.list_materials("battery")) - set(offered):
        # the first missing number is named: the specific energy, or the cycle life / DoD
        with pytest.raises(DesignError, match=r"power\.battery_(specific_energy|depth_of_discharge)"):
            default.with_fields({"power.battery": name})
    assert main(["materials", "list", "battery"]) == 0
    out = capsys.readouterr().out
    assert "cannot size from the database alone" in out and "STENTOR" in out


def test_a_cited_specific_energy_range_sizes_on_its_low_end(default):
    """Clyde Space LiPo datasheet: "120Wh/kg to 150Wh/kg" over its versions (materials
    database): the battery is sized on 120 Wh/kg, in a single design and in a batch."""
    d = default.with_fields({"power.battery": "CLYDE-LIPO", "power.battery_depth_of_discharge": "0.3"})
    r = size(d)
    energy = r.battery.capacity.to("Wh").magnitude
    assert r.battery.mass.to("kg").magnitude == pytest.approx(energy / 120.0, rel=1e-12)
    assert any("low end of the cited range 120 to 150" in a for a in r.assumptions)
    out = size_batch(d, {"rack.power": Q_([60.0, 120.0], "kW")})
    assert out["battery.mass"][1].magnitude == pytest.approx(r.battery.mass.to("kg").magnitude, rel=1e-12)


def test_batches_carry_the_new_lines_and_equal_size(default):
    P = Q_([20.0, 120.0], "kW")
    out = size_batch(default, {"rack.eclipse_power": P})
    for i in range(2):
        r = size(default.with_fields({"rack.eclipse_power": P[i]}))
        for line in (*BUS_LINES, "radiator", "total"):
            assert out[f"mass.{line}"][i].magnitude == pytest.approx(r.mass[line].to("kg").magnitude, rel=1e-12)
        assert out["mass.radiator_parts.panel"][i].magnitude == pytest.approx(
            r.mass["radiator_parts"]["panel"].magnitude, rel=1e-12)
    with pytest.raises(Exception, match="design-file form"):
        size_batch(default, {"rack.eclipse_power": Q_([0.2, 0.5], "")})
