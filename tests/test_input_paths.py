"""Input paths: units written as text read back, the one TOML reader (UTF-8, byte-order
mark, bad bytes), and the design-file messages (issue 16)."""

from __future__ import annotations

import json

import pytest

from thermo_orbit import load_design
from thermo_orbit.cli import main
from thermo_orbit.design import FIELDS, DesignError, default_design_path, parse_design
from thermo_orbit.results import to_json_value
from thermo_orbit.sweeps import load_sweep_spec, parse_sweep_spec, run_sweep
from thermo_orbit.units import Q_, parse_quantity, unit_text

DESIGNS = default_design_path().parent
DEFAULT_TEXT = default_design_path().read_text(encoding="utf-8")


# ---------------------------------------------------------------- 1. units as text read back

@pytest.mark.parametrize("unit", sorted({f.unit for f in FIELDS.values() if f.unit} | {
    "USD/kg", "USD", "degC", "delta_degC", "percent", "um", "W/(m*K)", "m^2", "kg/m^3", "1/cm^2"}))
def test_unit_text_reads_back_to_the_same_unit(unit):
    q = Q_(1.5, unit)
    text = unit_text(q)
    assert text.isascii(), text  # design files and JSON stay plain ASCII
    back = parse_quantity(f"1.5 {text}")
    assert back.units == q.units


def test_usd_per_kg_written_back_by_with_fields_reads_back():
    d = load_design(default_design_path())
    new = d.with_fields({"launch.cost_per_kg": Q_(150, "USD/kg")})
    assert new.table["launch"]["cost_per_kg"] == "150.0 USD/kg"
    assert new["launch.cost_per_kg"].to("USD/kg").magnitude == 150.0
    assert parse_design(new.table)["launch.cost_per_kg"] == new["launch.cost_per_kg"]
    assert to_json_value(Q_(150, "USD/kg")) == {"value": 150.0, "unit": "USD/kg"}


def test_sweep_on_launch_cost_exports_its_best_designs_and_pareto_reads_it(tmp_path, capsys):
    spec = parse_sweep_spec({"sweep": {"base": "default.toml"},
                             "axis": [{"field": "launch.cost_per_kg", "values": ["100 USD/kg", "300 USD/kg"]}],
                             "pareto": {"objectives": ["mass.total", "launch.cost"], "best": 2}},
                            "cost.toml", base_dir=DESIGNS)
    s = run_sweep(spec, tmp_path / "r")
    assert s.complete and s.extra["best_designs"]
    for p in s.extra["best_designs"]:
        assert "USD/kg" in (tmp_path / "r" / p).read_text()
        load_design(tmp_path / "r" / p)
    manifest = json.loads((tmp_path / "r" / "manifest.json").read_text())
    assert manifest["units"]["launch.cost_per_kg"] == "USD/kg" and manifest["units"]["launch.cost"] == "USD"
    for unit in manifest["units"].values():
        Q_(1.0, unit)  # every unit of the manifest and the Parquet metadata reads back
    assert main(["pareto", str(tmp_path / "r"), "--no-plots"]) == 0
    assert "best design" in capsys.readouterr().out


# ---------------------------------------------------------------- 2. the one TOML reader

def test_design_file_with_a_byte_order_mark_is_read(tmp_path):
    p = tmp_path / "bom.toml"
    p.write_bytes(b"\xef\xbb\xbf" + DEFAULT_TEXT.encode("utf-8"))
    assert load_design(p).name == "default"
    assert main(["check", str(p)]) == 0


def test_sweep_spec_with_a_byte_order_mark_is_read(tmp_path):
    p = tmp_path / "spec.toml"
    text = (f'[sweep]\nbase = "{default_design_path().as_posix()}"\n'
            '[[axis]]\nfield = "rack.power"\nvalues = ["100 kW"]\n')
    p.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_sweep_spec(p).n_designs == 1


@pytest.mark.parametrize("command", [["check"], ["size"], ["summary"], ["sweep"]])
def test_non_utf8_file_is_one_line_naming_the_file(tmp_path, capsys, command):
    p = tmp_path / "latin1.toml"
    p.write_bytes('name = "café"\n'.encode("latin-1"))
    assert main([*command, str(p)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(p) in err and "not UTF-8" in err and "line 1" in err
    with pytest.raises(DesignError, match="not UTF-8"):
        load_design(p)


def test_missing_file_and_folder_are_one_line(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.toml")]) == 2
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "no such design file" in err[0] and "a folder" in err[1]
