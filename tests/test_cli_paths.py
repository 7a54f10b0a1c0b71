"""The command line as a user meets it: a closed pipe, files that cannot be written, design
files with bad or hostile content, simulate --thermostat in every output, and the number
formatting of the text reports (issue 16)."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from thermo_orbit.cli import EXIT_CLOSED_PIPE, main
from thermo_orbit.design import MAX_PROBLEMS, DesignError, default_design_path, load_design, parse_design
from thermo_orbit.format import engineering, number, printable
from thermo_orbit.units import Q_

DESIGNS = default_design_path().parent
DEFAULT = (DESIGNS / "default.toml").read_text(encoding="utf-8")


def _variant(tmp_path, old: str, new: str, name: str = "v.toml"):
    """The default design with one line replaced."""
    assert old in DEFAULT
    p = tmp_path / name
    p.write_text(DEFAULT.replace(old, new, 1), encoding="utf-8")
    return p


# ---------------------------------------------------------------- 4. closed pipe, exit codes

def _into_closed_pipe(monkeypatch, argv) -> int:
    """Run the CLI with stdout a pipe whose reader has gone (``| head`` after its line)."""
    r, w = os.pipe()
    os.close(r)
    with open(w, "w", buffering=1) as out:
        monkeypatch.setattr(sys, "stdout", out)
        try:
            return main(argv)
        finally:
            monkeypatch.undo()


@pytest.mark.parametrize("argv", [["materials", "show", "Si-HE"], ["materials", "show", "NaK-78"],
                                  ["size", str(DESIGNS / "default.toml")],
                                  ["size", str(DESIGNS / "default.toml"), "--json"]])
def test_closed_pipe_exits_quietly_with_141(monkeypatch, capsys, argv):
    assert _into_closed_pipe(monkeypatch, argv) == EXIT_CLOSED_PIPE == 141
    assert capsys.readouterr().err == ""


def test_closed_pipe_from_the_shell_prints_nothing_on_stderr():
    exe = shutil.which("thermo-orbit", path=os.path.dirname(sys.executable))
    if exe is None:
        pytest.skip("console script not installed next to this interpreter")
    proc = subprocess.run(["bash", "-c", f'"{exe}" materials show NaK-78 | head -1; echo "status ${{PIPESTATUS[0]}}"'],
                          capture_output=True, text=True, timeout=60)
    assert proc.stderr == ""
    assert proc.stdout.startswith("NaK-78") and proc.stdout.strip().splitlines()[-1] in ("status 0", "status 141")


def test_unwritable_output_file_is_exit_2_naming_it(tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "orbit.csv"
    assert main(["simulate", str(DESIGNS / "default.toml"), "--csv", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{target}: No such file or directory" in err and ".tmp" not in err


def test_temperature_in_the_wrong_unit_names_the_option(capsys):
    assert main(["materials", "show", "NaK-78", "--temperature", "5 m"]) == 2
    assert capsys.readouterr().err.startswith("thermo-orbit: --temperature:")


# ---------------------------------------------------------------- 6. design-file messages

def test_bad_mission_start_is_reported_once_under_its_own_name(tmp_path):
    p = _variant(tmp_path, 'mission_start = "2027-01-01T00:00:00"', 'mission_start = "2027-13-45"')
    with pytest.raises(DesignError) as info:
        load_design(p)
    assert [e.field for e in info.value.problems] == ["orbit.mission_start"]
    assert "orbit.epoch" not in str(info.value)


def test_a_flood_of_unknown_keys_lists_fifty_and_counts_the_rest():
    n = 200_000
    with pytest.raises(DesignError) as info:
        parse_design({"junk": {f"key{i}": 1 for i in range(n)}, "rack": {"powr": "1 kW"}})
    err = info.value
    assert len(err.problems) == MAX_PROBLEMS == 50
    assert err.more == n + 1 + 3 - 50  # and the misspelt key, and three missing required fields
    assert str(err).endswith(f"... and {err.more:,} more")
    assert str(err).count("\n") == 51


def test_misspelt_key_still_gets_a_suggestion():
    with pytest.raises(DesignError, match=re.escape('rack.powr: unknown field; did you mean "rack.power"')):
        parse_design({"rack": {"powr": "1 kW", "mass": "1 t"}, "orbit": {"altitude": "550 km"}})


@pytest.mark.parametrize("old,new,fields", [
    ('orientation = "edge_on"', 'orientation = "tilted"', ["radiator.tilt"]),
    ('pointing = "sun_tracking"', 'pointing = "fixed"', ["power.array_tilt"]),
    ("battery_count = 4", "battery_count = 1", ["power.battery_count", "power.battery_redundancy"]),
])
def test_fields_valid_alone_but_not_together_are_a_check_error(tmp_path, capsys, old, new, fields):
    p = _variant(tmp_path, old, new)
    assert main(["check", str(p)]) == 2
    assert main(["size", str(p)]) == 2  # was exit 3 (an internal error) for the tilted radiator
    err = capsys.readouterr().err
    assert "internal error" not in err
    for f in fields:
        assert f in err


def test_hostile_design_name_is_printed_escaped(tmp_path, capsys):
    p = _variant(tmp_path, 'name = "default"', 'name = "evil\\u001b[2J[bold red]x\\nfake line"')
    assert main(["check", str(p)]) == 0
    assert main(["size", str(p)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J[bold red]x\\nfake line" in out
    assert printable("ok\u202eevil") == "ok\\u202eevil"  # a bidi override cannot reverse the line


# ---------------------------------------------------------------- 7. simulate --thermostat

def test_thermostat_results_go_into_json_csv_and_plot(tmp_path, capsys):
    d = str(DESIGNS / "sodium_infeasible.toml")  # frozen: the survival heater runs
    csv_path, png_path = tmp_path / "orbit.csv", tmp_path / "orbit.png"
    code = main(["simulate", d, "--thermostat", "--orbits", "2", "--json", "--csv", str(csv_path),
                 "--plot", str(png_path)])
    assert code == 1
    captured = capsys.readouterr()
    assert captured.err == ""  # no progress bar when stderr is not a terminal
    data = json.loads(captured.out)
    th = data["thermostat"]
    assert th["orbits"] == 2 and th["heater_orbit_average"]["unit"] == "W"
    assert len(th["heater_power"]["value"]) == len(th["time"]["value"]) == len(data["time"]["value"])
    assert th["heater_orbit_average"]["value"] > 0
    with open(csv_path, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][-2:] == ["thermostat_heater [W]", "thermostat_coolant_min [K]"]
    assert len(rows) == len(data["time"]["value"]) + 1
    assert float(rows[1][-2]) == pytest.approx(th["heater_power"]["value"][0], rel=1e-5)
    plain = tmp_path / "plain.png"
    assert main(["simulate", d, "--plot", str(plain)]) == 1
    assert png_path.stat().st_size > 10_000 and png_path.read_bytes() != plain.read_bytes()


def test_bad_orbits_is_refused_before_the_run(capsys):
    assert main(["simulate", str(DESIGNS / "default.toml"), "--thermostat", "--orbits", "1"]) == 2
    assert capsys.readouterr().err.startswith("thermo-orbit: --orbits:")


# ---------------------------------------------------------------- 8. engineering numbers

FORMATS = [  # (quantity, unit asked, text)
    (Q_(5e5, "kg"), "kg", "500 t"),
    (Q_(9_999, "kg"), None, "9,999 kg"),
    (Q_(10_000, "kg"), None, "10 t"),
    (Q_(2.0134e6, "kg"), None, "2,013 t"),
    (Q_(3.001e4, "m^2"), "m^2", "30,010 m²"),
    (Q_(157.66, "m^2"), None, "157.7 m²"),
    (Q_(820, "W"), "kW", "820 W"),
    (Q_(120, "kW"), "kW", "120 kW"),
    (Q_(1.237e6, "W"), "kW", "1.237 MW"),
    (Q_(45_330, "kWh"), "kWh", "45.33 MWh"),
    (Q_(85, "degC"), "degC", "85 °C"),
    (Q_(-68.183, "degC"), None, "-68.18 °C"),
    (Q_(95.651, "min"), None, "95.65 min"),
    (Q_(float("nan"), "kg"), None, "-"),
    (None, None, "-"),
]


@pytest.mark.parametrize("q,unit,text", FORMATS, ids=[t for *_, t in FORMATS])
def test_engineering_format(q, unit, text):
    assert engineering(q, unit) == text


def test_number_format():
    assert [number(x) for x in (0.0, 1.5e-7, 0.013889, 7608.2, 440_512.0, 3.0e15)] == \
        ["0", "1.5e-07", "0.01389", "7,608", "440,500", "3e+15"]


@pytest.mark.parametrize("argv", [["size", str(DESIGNS / "starship_load.toml")], ["summary"],
                                  ["simulate", str(DESIGNS / "default.toml")]])
def test_text_reports_have_no_exponents(capsys, argv):
    main(argv)
    out = capsys.readouterr().out
    lines = [ln for ln in out.splitlines() if "periodicity error" not in ln and "closure" not in ln]
    assert not [ln for ln in lines if "e+0" in ln or "e+1" in ln]
    if argv[0] == "size":
        # engineering units with thousands separators (the numbers move with the models)
        for pattern in (r"│\s+500 t │", r"total\s+│\s+[\d,]+ t", r"per rack\s+│\s+[\d,.]+ (kg|t)", r"60 MW",
                        r"\d{2},\d{3} m²"):
            assert re.search(pattern, out), (pattern, textwrap.shorten(out, 200))
