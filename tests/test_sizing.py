"""Whole-system sizing: the example designs, the fixed point and its power budget,
hand-checkable totals, the JSON contract, design files in and out, and fuzzing."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shipped import design_paths  # the shipped examples, never a glob of designs/
from thermo_orbit.cli import main
from thermo_orbit.design import FIELDS, load_design, save_design
from thermo_orbit.sizing import size
from thermo_orbit.units import Q_

DESIGNS = design_paths()
DEFAULT = Path(__file__).resolve().parent.parent / "designs" / "default.toml"


@pytest.fixture(scope="module")
def default_result():
    return size(load_design(DEFAULT))


@pytest.mark.parametrize("path", DESIGNS, ids=[p.stem for p in DESIGNS])
def test_every_example_design_sizes(path):
    r = size(load_design(path))
    assert r.convergence["converged"]
    # the pump-power fixed point's last step: at most 1e-9 of the pump power (plus 1e-12 of the
    # rack power), in a few passes; the velocity in the tubes at most the target
    last = r.convergence["last_change"].to("W").magnitude
    pump = r.loop.pump_electrical_power.to("W").magnitude
    assert 0.0 <= last <= 1e-9 * pump + 1e-12 * r.power_budget["rack_power"].to("W").magnitude
    assert 2 <= r.convergence["passes"] <= 8
    assert r.loop.velocity <= load_design(path)["thermal.coolant_velocity"]
    if path.stem == "sodium_infeasible":
        assert not r.feasible
        assert r.binding_constraint == "freeze"
        assert any("frozen" in reason for reason in r.reasons)
    else:
        assert r.feasible, r.reasons


def test_infeasible_design_exit_status_and_report(capsys):
    assert main(["size", str(DEFAULT.parent / "sodium_infeasible.toml")]) == 1
    out = capsys.readouterr().out
    assert "INFEASIBLE" in out and "below the melting point" in out


def test_power_budget_closes_and_fixed_point_is_consistent(default_result):
    r = default_result
    assert r.power_budget["closure"].magnitude <= 1e-9
    rack = r.power_budget["rack_power"].to("W").magnitude
    pump = r.loop.pump_electrical_power.to("W").magnitude
    losses = r.power_budget["power_system_losses"].to("W").magnitude
    # the radiator rejects the racks, the pump and the power-system losses; the array carries rack + pump
    assert r.loop.heat_rejected.to("W").magnitude == pytest.approx(rack + pump + losses, rel=1e-9)
    assert r.power_budget["load"].to("W").magnitude == pytest.approx(rack + pump, rel=1e-12)


def test_hand_checkable_totals(default_result):
    r = default_result
    parts = ["racks", "solar_array", "battery", "radiator", "loop", "heat_pump", "structure", "harness",
             "power_conditioning", "thermal_control", "growth_allowance", "other"]
    total = sum(r.mass[k].to("kg").magnitude for k in parts)
    assert r.mass["total"].to("kg").magnitude == pytest.approx(total)
    assert r.mass["racks"].to("kg").magnitude == pytest.approx(1000.0)
    assert r.launch["count"] == math.ceil(total / 100_000)
    assert r.launch["cost"].to("USD").magnitude == pytest.approx(200 * total)
    # the specific power is a rating: at 28 degC, normal incidence, 1361 W/m^2 (tests/test_power_path.py)
    a = r.solar_array
    rated = a.area * 0.307 * 0.85 * Q_(1361, "W/m^2") * a.inherent_degradation  # XTJ-Prime 30.7 %
    assert a.mass.to("kg").magnitude == pytest.approx(rated.to("W").magnitude / 130)


JSON_PATHS = ["feasible", "binding_constraint", "reasons", "solar_array.area", "solar_array.mass",
              "solar_array.power_eol", "battery.capacity", "battery.mass", "battery.depth_of_discharge",
              "radiator.area", "radiator.mass", "loop.mass_flow", "loop.pressure_drop", "loop.pump_power",
              "loop.freeze_margin", "mass.total", "launch.count", "launch.cost", "orbit.period",
              "orbit.max_eclipse_duration", "orbit.beta_range", "loop.velocity", "margins.pump_power",
              "convergence.passes"]


def test_json_contract(capsys):
    assert main(["size", str(DEFAULT), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for path in JSON_PATHS:
        node = data
        for key in path.split("."):
            node = node[key]
        if isinstance(node, dict):
            assert set(node) == {"value", "unit"}, path
            assert node["value"] is not None, path


def test_save_design_round_trips_atomically(tmp_path):
    d = load_design(DEFAULT)
    changed = d.with_fields({"rack.power": "150 kW", "thermal.radiator_glide": "25 K"})
    out = save_design(changed, tmp_path / "copy.toml")
    again = load_design(out)
    assert again.values == changed.values
    assert "# thermo-orbit default design" in out.read_text()  # comments kept
    assert [p.name for p in tmp_path.iterdir()] == ["copy.toml"]  # no temporary file left


@pytest.mark.parametrize("text, needle", [
    ('[rack]\npower = "120 kg"\nmass = "1 t"\n[orbit]\naltitude = "550 km"\nsun_synchronous = true\n', "rack.power"),
    ('[rack]\nmass = "1 t"\n[orbit]\naltitude = "550 km"\nsun_synchronous = true\n', "rack.power: missing"),
    ('[rack]\npower = "1 kW"\nmass = "1 t"\nmas = "2"\n[orbit]\naltitude = "550 km"\nsun_synchronous = true\n',
     'did you mean "rack.mass"'),
    ('[rack\npower = "1 kW"\n', "not valid TOML"),
])
def test_bad_files_exit_2_with_message(tmp_path, capsys, text, needle):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    assert main(["size", str(path)]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_unreadable_file_exit_2(tmp_path, capsys):
    assert main(["size", str(tmp_path)]) == 2  # a folder, not a file
    assert "cannot read" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing.toml")]) == 2


def test_check_validates_only(capsys):
    assert main(["check", str(DEFAULT)]) == 0
    assert "valid" in capsys.readouterr().out


# --------------------------------------------------------------------------- fuzzing

NUMERIC = [p for p, f in FIELDS.items() if f.unit is not None]
values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(lambda x: x),
    st.integers(-10**6, 10**6),
    st.text(max_size=12),
    st.tuples(st.floats(-1e6, 1e6), st.sampled_from(["kW", "K", "degC", "kg", "m", "mm", "m^2", "", "1/K", "W/kg",
                                                       "bananas", "USD/kg", "year"])).map(lambda t: f"{t[0]} {t[1]}"),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(NUMERIC), values)
def test_fuzzed_design_never_tracebacks_or_nans(tmp_path_factory, path, value):
    import tomlkit

    d = load_design(DEFAULT)
    table = {k: dict(v) if isinstance(v, dict) else v for k, v in d.table.items()}
    section, key = path.split(".", 1)
    table.setdefault(section, {})[key] = value
    folder = tmp_path_factory.mktemp("fuzz")
    f = folder / "d.toml"
    try:
        f.write_text(tomlkit.dumps(table))
    except Exception:  # noqa: BLE001 - a value TOML cannot hold (NaN is fine in TOML; skip the odd rest)
        return
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["size", str(f), "--json"])
    assert code in (0, 1, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if code in (0, 1):
        def no_nan(token):
            raise AssertionError(f"{token} in JSON")
        json.loads(out.getvalue(), parse_constant=no_nan)


def test_heat_pump_chooses_the_lightest_radiator_temperature():
    d = load_design(DEFAULT).with_fields({"thermal.heat_pump": True})
    r = size(d)
    hp = r.heat_pump
    masses = hp["subsystem_mass"].to("kg").magnitude
    i = int(np.nanargmin(masses))
    assert hp["lift"].to("K").magnitude == pytest.approx(hp["lifts"].to("K").magnitude[i])
    assert r.loop.heat_pump_lift.to("K").magnitude == pytest.approx(hp["lift"].to("K").magnitude)
    # the lift-0 point is the plain design: a heat pump is used only where it saves mass
    plain = size(load_design(DEFAULT))
    assert masses[0] == pytest.approx(plain.mass["total"].to("kg").magnitude - plain.mass["racks"].to("kg").magnitude
                                      - plain.mass["other"].to("kg").magnitude, rel=1e-3)
