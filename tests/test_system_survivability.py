"""Survivability in the system sizing (issue 18): the loop's tubes against meteoroids and
debris, per loop, with the armour sized or given, a bumper, and several loops."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from thermo_orbit import Q_, size, size_batch
from thermo_orbit.cli import main
from thermo_orbit.design import DesignError
from thermo_orbit.thermal.ballistic_limits import material_properties

DESIGNS = Path(__file__).resolve().parent.parent / "designs"
BARE = {"thermal.loops": 1, "survivability.bumper_thickness": "0 mm", "survivability.bumper_standoff": "0 mm"}


def test_default_json_reports_the_pnp_and_the_armour_mass(capsys):
    assert main(["size", str(DESIGNS / "default.toml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    sv = data["survivability"]
    assert sv["probability_no_penetration"]["value"] == pytest.approx(sv["required_pnp"]["value"], abs=1e-9)
    assert sv["expected_penetrations"]["value"] == pytest.approx(-np.log(sv["required_pnp"]["value"]), rel=1e-6)
    assert sv["armour_thickness"]["value"] > 0 and sv["loops"] == 2
    assert data["mass"]["radiator_parts"]["armour"]["value"] > 0


def test_armour_mass_is_a_sleeve_of_the_sized_thickness(default, default_result):
    # rho pi (d_o + t) t L over every tube of every loop
    r, v = default_result, default.values
    t = r.survivability["armour_thickness"].to("m").magnitude
    d_o = (v["radiator.tube_inner_diameter"] + 2 * v["radiator.tube_wall_thickness"]).to("m").magnitude
    length = r.radiator["tube_count"].magnitude * r.radiator["tube_length"].to("m").magnitude
    rho = material_properties(v["radiator.armour_material"]).density.to("kg/m^3").magnitude
    expected = rho * np.pi * (d_o + t) * t * length
    assert r.mass["radiator_parts"]["armour"].to("kg").magnitude == pytest.approx(expected, rel=1e-9)


def test_bumper_face_sheets_on_both_faces(default, default_result):
    r, v = default_result, default.values
    rho = material_properties(v["survivability.bumper_material"]).density.to("kg/m^3").magnitude
    expected = 2 * r.radiator["area"].to("m^2").magnitude * v["survivability.bumper_thickness"].to("m").magnitude * rho
    assert r.mass["radiator_parts"]["bumper"].to("kg").magnitude == pytest.approx(expected, rel=1e-9)


def test_two_loops_trade_mass_against_pnp(default):
    one = size(default.with_fields({**BARE, "survivability.bumper_thickness": "1 mm",
                                    "survivability.bumper_standoff": "20 mm"}))
    two = size(default.with_fields({"thermal.loops": 2}))
    s1, s2 = one.survivability, two.survivability
    # sized to the same PNP per loop: each of two loops has half the tubes, so thinner armour, less mass
    assert s1["probability_no_penetration"].magnitude == pytest.approx(s2["probability_no_penetration"].magnitude)
    assert s2["armour_thickness"] < s1["armour_thickness"]
    assert two.mass["radiator_parts"]["armour"] < one.mass["radiator_parts"]["armour"]
    # ... and every loop intact is PNP^2: the price is a lower chance of keeping all the heat rejection
    assert s2["probability_no_loop_lost"].magnitude == pytest.approx(s2["probability_no_penetration"].magnitude ** 2)
    assert s2["heat_rejection_after_loss"].magnitude == 0.5 and s1["heat_rejection_after_loss"].magnitude == 0


def test_with_given_armour_two_loops_halve_the_penetrations_per_loop(default):
    fields = {"survivability.armour": "given", "radiator.armour_thickness": "5 mm"}
    one = size(default.with_fields({**fields, "thermal.loops": 1})).survivability
    two = size(default.with_fields({**fields, "thermal.loops": 2})).survivability
    assert two["expected_penetrations"].magnitude == pytest.approx(one["expected_penetrations"].magnitude / 2)
    assert two["probability_no_loop_lost"].magnitude == pytest.approx(one["probability_no_penetration"].magnitude)


def test_a_bare_tube_radiator_is_infeasible_with_its_margin(default):
    r = size(default.with_fields({**BARE, "survivability.armour": "given", "radiator.armour_thickness": "0 mm"}))
    assert not r.feasible and r.binding_constraint == "survivability"
    assert r.margins["survivability"].magnitude < 0
    assert any("probability of no penetration" in x and "margin" in x for x in r.reasons)


def test_no_armour_up_to_the_largest_meets_it_and_says_so(default, capsys, tmp_path):
    r = size(default.with_fields(BARE))
    assert not r.feasible and r.binding_constraint == "survivability"
    assert np.isnan(r.survivability["armour_thickness"].magnitude)  # null in the JSON, never inf
    assert r.mass["total"].magnitude > 0  # weighed with the largest armour tried


@pytest.mark.parametrize("fraction, feasible", [("0.5", True), ("0.6", False)])
def test_heat_kept_after_a_loop_is_lost(default, fraction, feasible):
    r = size(default.with_fields({"survivability.heat_fraction_after_loss": fraction}))
    assert r.feasible == feasible
    if not feasible:
        assert r.binding_constraint == "survivability" and any("loop lost" in x for x in r.reasons)


def test_off_is_reported_and_frees_the_tube_material(default):
    with pytest.raises(DesignError, match=r"radiator\.tube_material.*survivability\.armour"):
        default.with_fields({"radiator.tube_material": "Haynes230"})
    r = size(default.with_fields({"radiator.tube_material": "Haynes230", "survivability.armour": "off"}))
    assert not r.survivability["evaluated"] and any("not evaluated" in w for w in r.warnings)


def test_a_batch_equals_size_per_design(default):
    pnp = Q_(np.array([0.9, 0.99]), "")
    out = size_batch(default, {"survivability.required_pnp": pnp})
    for i in range(2):
        r = size(default.with_fields({"survivability.required_pnp": pnp[i]}))
        assert out["survivability.armour_thickness"][i].to("mm").magnitude == pytest.approx(
            r.survivability["armour_thickness"].to("mm").magnitude, rel=1e-12)
        assert out["mass.total"][i].to("kg").magnitude == pytest.approx(r.mass["total"].to("kg").magnitude, rel=1e-12)
    assert out["survivability.armour_thickness"][1] > out["survivability.armour_thickness"][0]


@pytest.mark.parametrize("field, value", [
    ("survivability.required_pnp", "1.5"), ("survivability.required_pnp", "0.9 kg"), ("thermal.loops", 0),
    ("thermal.loops", "two"), ("survivability.armour", "thick"), ("survivability.bumper_standoff", "-1 mm"),
    ("survivability.bumper_material", "unobtainium"), ("survivability.exposed_fraction", "0"),
    ("survivability.heat_fraction_after_loss", "2"),
])
def test_bad_values_name_the_field(default, field, value):
    with pytest.raises(DesignError, match=field.replace(".", r"\.")):
        default.with_fields({field: value})


def test_a_bad_value_in_a_file_exits_2(tmp_path, capsys):
    text = (DESIGNS / "default.toml").read_text().replace("loops = 2", "loops = -1")
    (tmp_path / "d.toml").write_text(text)
    assert main(["size", str(tmp_path / "d.toml")]) == 2
    assert "thermal.loops" in capsys.readouterr().err


def test_the_text_report_has_the_section(capsys):
    assert main(["size", str(DESIGNS / "default.toml")]) == 0
    out = capsys.readouterr().out
    assert "Survivability" in out and "armour on the tubes (size)" in out and "no loop is lost" in out
