"""The power path counted once (issue 21, item 3): the inherent degradation without its
temperature element, the array's mass from its rated power, and the power bus."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from thermo_orbit import Q_, size, size_batch
from thermo_orbit import materials as mat
from thermo_orbit.cli import main
from thermo_orbit.constants import SOLAR_CONSTANT
from thermo_orbit.design import DesignError
from thermo_orbit.power.solar_array import REGULATION_PATH_EFFICIENCY

DESIGNS = Path(__file__).resolve().parent.parent / "designs"
SMAD_ID = mat.system_data("SMAD-inherent-degradation-elements")


def test_inherent_degradation_is_smad_without_its_temperature_element(default_result):
    # SMAD (1999) Table 11-35: 0.85 x 0.91 (temperature) x 1.00 = 0.77; the array's temperature is
    # computed, so the default I_d is the other elements' product, 0.85
    I_d = default_result.solar_array.inherent_degradation.magnitude
    assert I_d == pytest.approx(SMAD_ID["design_and_assembly"].magnitude * SMAD_ID["shadowing"].magnitude)
    with_temperature = I_d * SMAD_ID["temperature_of_array"].magnitude
    assert with_temperature == pytest.approx(SMAD_ID["inherent_degradation"].magnitude, abs=0.005)


def test_a_given_inherent_degradation_is_used_and_listed(default):
    r = size(default.with_fields({"power.inherent_degradation": "0.8"}))
    assert r.solar_array.inherent_degradation.magnitude == 0.8
    assert any("power.inherent_degradation" in a for a in r.assumptions)


def test_array_mass_is_its_rated_power_over_the_specific_power(default, default_result):
    # a specific power is a rating at 28 degC and normal incidence (APSA, materials/solar_cells.toml):
    # mass = area x eta_28 x packing x 1361 W/m^2 x I_d / specific power, whatever the array's temperature
    a, v = default_result.solar_array, default.values
    eta = mat.solar_cell(v["power.cell"])["efficiency_bol"].magnitude
    rated = a.area * eta * v["power.packing_factor"] * SOLAR_CONSTANT.quantity * a.inherent_degradation
    assert a.mass.to("kg").magnitude == pytest.approx((rated / v["power.array_specific_power"]).to("kg").magnitude,
                                                      rel=1e-9)
    assert a.mass > (a.power_bol / v["power.array_specific_power"]).to("kg")  # hot cells deliver less than rated


@pytest.mark.parametrize("regulation", ["PPT", "DET"])
def test_smad_bus_takes_smads_path_efficiencies(default, regulation):
    r = size(default.with_fields({"power.regulation": regulation}))
    X_e, X_d = REGULATION_PATH_EFFICIENCY[regulation]  # SMAD (1999) Sec. 11.4
    assert (r.solar_array.path_efficiency_eclipse.magnitude, r.solar_array.path_efficiency_daylight.magnitude) == (
        X_e, X_d)
    assert r.power_budget["bus"] == f"SMAD {regulation}"


def test_regulated_bus_is_the_product_of_its_components(default, default_result):
    fields = {"power.bus": "regulated", "power.array_regulator_efficiency": "0.97",
              "power.charge_regulator_efficiency": "0.94", "power.discharge_regulator_efficiency": "0.95",
              "power.distribution_efficiency": "0.98", "power.battery_charge_efficiency": "0.96",
              "power.battery_discharge_efficiency": "0.98"}
    r = size(default.with_fields(fields))
    assert r.solar_array.path_efficiency_daylight.magnitude == pytest.approx(0.97 * 0.98)
    assert r.solar_array.path_efficiency_eclipse.magnitude == pytest.approx(0.97 * 0.94 * 0.96 * 0.98 * 0.95 * 0.98)
    assert r.power_budget["bus"] == "regulated"
    # less lost on the path: less array, less heat, a lighter spacecraft
    assert r.power_budget["power_system_losses"] < default_result.power_budget["power_system_losses"]
    assert r.solar_array.area < default_result.solar_array.area and r.mass["total"] < default_result.mass["total"]
    assert float(r.power_budget["closure"].magnitude) < 1e-9


def test_path_efficiency_overrides_win_over_the_bus(default):
    r = size(default.with_fields({"power.bus": "regulated", "power.path_efficiency_eclipse": "0.7"}))
    assert r.solar_array.path_efficiency_eclipse.magnitude == 0.7
    assert r.power_budget["bus"] == "regulated (path efficiencies given)"


def test_a_batch_of_regulated_buses_equals_size_per_design(default):
    base = default.with_fields({"power.bus": "regulated"})
    eff = Q_(np.array([0.9, 0.97]), "")
    out = size_batch(base, {"power.battery_charge_efficiency": eff, "power.distribution_efficiency": eff})
    for i in range(2):
        r = size(base.with_fields({"power.battery_charge_efficiency": eff[i], "power.distribution_efficiency": eff[i]}))
        assert out["mass.total"][i].to("kg").magnitude == pytest.approx(r.mass["total"].to("kg").magnitude, rel=1e-9)


@pytest.mark.parametrize("field, value", [
    ("power.bus", "HVDC"), ("power.array_regulator_efficiency", "1.2"),
    ("power.distribution_efficiency", "0.98 kg"), ("power.design_and_assembly_factor", "0"),
    ("power.shadowing_factor", "-0.1"),
])
def test_bad_values_name_the_field(default, field, value):
    with pytest.raises(DesignError, match=field.replace(".", r"\.")):
        default.with_fields({field: value})


def test_the_report_names_the_bus(capsys):
    assert main(["size", str(DESIGNS / "default.toml")]) == 0
    out = capsys.readouterr().out
    assert "SMAD PPT / 0.600, 0.800" in out and "inherent degradation I_d" in out
