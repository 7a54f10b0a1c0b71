"""The terminal UI's parts that need no terminal: undo history, working state, recovery
files, display units, generic result rows, comparison, number formatting."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from thermo_orbit import Q_, load_design, size
from thermo_orbit.tui import api
from thermo_orbit.tui.display_units import DisplayPrefs, to_display, unit_text
from thermo_orbit.tui.formatting import format_number, format_signed
from thermo_orbit.tui.recovery import find_recoveries, new_session, write_recovery
from thermo_orbit.tui.results_model import Pin, compare_rows, key_figures, result_rows
from thermo_orbit.tui.state import DesignDoc, History, text_to_raw

DESIGNS = Path(__file__).resolve().parent.parent / "designs"


def test_typing_in_one_field_is_one_undo_step():
    h = History()
    for old, new in [("120 kW", "1"), ("1", "15"), ("15", "150 kW")]:
        h.record("rack.power", old, new)
    h.record("rack.count", 1, 2)  # another field: a second step
    assert [(e.path, e.old, e.new) for e in h.entries] == [("rack.power", "120 kW", "150 kW"), ("rack.count", 1, 2)]
    assert h.undo().path == "rack.count" and h.undo().path == "rack.power" and h.undo() is None
    assert h.redo().new == "150 kW"
    h.record("rack.mass", "1 t", "2 t")  # a new edit drops what was undone
    assert not h.can_redo


def test_doc_undo_redo_and_dirty():
    doc = DesignDoc.from_table({"name": "x", "rack": {"power": "120 kW"}}, None)
    doc.path = Path("/nonexistent/x.toml")
    assert not doc.dirty
    doc.set("rack.power", "150 kW")
    doc.history.seal()
    doc.set("rack.count", 2)
    assert doc.dirty and doc.table["rack.count"] == 2
    assert doc.undo() == "rack.count" and "rack.count" not in doc.table  # absent again: the default
    assert doc.undo() == "rack.power" and doc.table["rack.power"] == "120 kW"
    assert not doc.dirty  # back to what is on disk
    assert doc.redo() == "rack.power" and doc.dirty


def test_text_keeps_the_files_types():
    assert text_to_raw("rack.count", "3") == 3  # a count stays a whole number
    assert text_to_raw("power.packing_factor", "0.9", 0.85) == 0.9  # a bare number stays a number
    assert text_to_raw("power.packing_factor", "0.9", "0.85") == "0.9"
    assert text_to_raw("rack.power", "  150 kW ") == "150 kW"
    assert text_to_raw("rack.power", "") is None  # empty: the default


def test_recovery_files_of_ended_sessions_only(tmp_path):
    own, other = new_session(), "12345-1"
    doc = DesignDoc.from_table({"name": "x", "rack": {"power": "120 kW"}}, tmp_path / "x.toml")
    doc.set("rack.power", "150 kW")
    write_recovery(tmp_path, own, [doc.to_json()])
    assert find_recoveries(tmp_path, own) == []  # this session's own file is not offered to itself
    later = new_session() + "b"
    found = find_recoveries(tmp_path, later)  # a later session of this process: the first ended
    assert len(found) == 1 and found[0].docs[0]["table"]["rack.power"] == "150 kW"
    restored = DesignDoc.from_json(found[0].docs[0])
    assert restored.dirty and restored.undo() == "rack.power"  # recovered edits can be undone
    write_recovery(tmp_path, own, [])  # nothing unsaved: the file goes
    assert not list(tmp_path.glob("recovery-*.json"))
    (tmp_path / f"recovery-{other}.json").write_text(json.dumps(
        {"pid": os.getpid() + 10_000_000, "session": other, "saved_at": 1.0, "docs": [doc.to_json()]}))
    (tmp_path / "recovery-broken.json").write_text("{")
    assert [r.path.name for r in find_recoveries(tmp_path, own)] == [f"recovery-{other}.json"]


@pytest.mark.parametrize("q, name, prefs, magnitude, unit", [
    (Q_(345.0, "K"), "loop.radiator_inlet_temperature", DisplayPrefs("degC"), 71.85, "°C"),
    (Q_(85.0, "degC"), "temperatures.junction_limit", DisplayPrefs("K"), 358.15, "K"),
    (Q_(85.0, "degC"), "temperatures.junction_limit", DisplayPrefs("degF"), 185.0, "°F"),
    (Q_(10.0, "K"), "margins.freeze", DisplayPrefs("degC"), 10.0, "K"),  # a difference stays K
    (Q_(10.0, "K"), "loop.freeze_margin", DisplayPrefs("degF"), 18.0, "Δ°F"),
    (Q_(1.0, "kg"), "mass.total", DisplayPrefs("degC", "customary"), 2.20462, "lb"),
    (Q_(1.0, "m**2"), "radiator.area", DisplayPrefs("degC", "customary"), 10.7639, "ft²"),
    (Q_(550.0, "km"), "orbit.altitude", DisplayPrefs("degC", "customary"), 341.754, "mi"),
    (Q_(1.0, "W/(m**2*K)"), "loop.film_coefficient", DisplayPrefs(), 1.0, "W/(m²·K)"),
])
def test_display_units(q, name, prefs, magnitude, unit):
    # expected values from the exact definitions of the international yard and pound agreement (1959):
    # 1 lb = 0.45359237 kg, 1 ft = 0.3048 m (read from secondary web pages quoting it); a display check
    # needs no more than the 5 digits shown, hence rel=1e-5
    value, text = to_display(q, name, prefs)
    assert float(value) == pytest.approx(magnitude, rel=1e-5) and text == unit


def test_unit_text_reads_like_an_engineer_writes():
    assert unit_text(Q_(1, "USD").units) == "USD" and unit_text(Q_(1, "year").units) == "yr"
    assert unit_text(Q_(1, "").units) == ""


def test_format_number():
    assert [format_number(x) for x in (4862.84, 157.575, 0.138949, 0.0, 1.5e7, 2e-5, None)] == [
        "4,863", "157.6", "0.1389", "0", "15,000,000", "2e-05", "—"]  # as the reports (thermo_orbit.format)
    assert format_signed(47.759) == "+47.76" and format_signed(-3.0) == "-3"


@dataclass
class _Fake:
    feasible: bool = True
    binding_constraint: str = "freeze"
    reasons: tuple = ()
    mass: dict = field(default_factory=lambda: {"racks": Q_(1, "t"), "harness": Q_(50, "kg"), "total": Q_(2, "t")})
    margins: dict = field(default_factory=lambda: {"freeze": Q_(5, "K")})
    new_output: dict = field(default_factory=lambda: {"thing": Q_(3, "m")})


def test_rows_come_from_the_result_not_a_list():
    rows = result_rows(_Fake())
    paths = [r.path for r in rows]
    assert paths[:3] == ["mass.racks", "mass.harness", "mass.total"]  # a new mass line appears in its order
    assert "new_output.thing" in paths and "margins.freeze" in paths
    assert [p for _, p, _ in key_figures(_Fake())] == ["mass.total"]


def test_compare_lists_differing_inputs_and_every_result():
    a = load_design(DESIGNS / "default.toml")
    b = a.with_fields({"rack.power": "150 kW"})
    c = a.with_fields({"rack.power": "0.12 MW"})  # the same power, written otherwise
    pins = [Pin(n, dict(d.values), size(d)) for n, d in (("a", a), ("b", b), ("c", c))]
    rows = compare_rows(pins)
    inputs = [r.path for r in rows if r.kind == "input"]
    assert inputs == ["rack.power"]
    power = next(r for r in rows if r.path == "rack.power")
    assert power.differs and compare_rows([pins[0], pins[2]])[0].kind != "input"
    total = next(r for r in rows if r.path == "mass.total")
    assert total.differs and total.values[2] == total.values[0]


def test_material_choices_come_from_one_function():
    families = {p: api.material_family(p) for p in api.FIELDS if api.material_family(p)}
    assert families == {"power.cell": "solar_cell", "power.battery": "battery", "thermal.coolant": "coolant",
                        "radiator.coating": "coating", "radiator.tube_material": "structure",
                        "radiator.fin_material": "structure", "radiator.armour_material": "structure",
                        "survivability.bumper_material": "structure"}
    assert "NaK-78" in api.material_choices("coolant")
    # only the batteries that size are offered (issue 21)
    from thermo_orbit.materials import battery_not_sizable, list_materials

    offered = api.material_choices("battery")
    assert offered and all(battery_not_sizable(n) is None for n in offered)
    assert set(list_materials("battery")) - set(offered)


def test_examples_are_read_only(tmp_path):
    assert api.is_example(DESIGNS / "default.toml") and not api.is_example(tmp_path / "default.toml")
    assert DesignDoc.from_table({}, DESIGNS / "default.toml").read_only


def test_only_api_module_imports_the_package():
    # the package's modules are moving; the UI names them in one place (tui/api.py)
    import ast

    folder = Path(api.__file__).parent
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text())
        outside = [n.module for n in ast.walk(tree) if (isinstance(n, ast.ImportFrom) and n.level >= 2)
                   or (isinstance(n, ast.ImportFrom) and (n.module or "").startswith("thermo_orbit"))]
        assert path.name == "api.py" or not outside, (path.name, outside)


def test_the_ui_model_needs_no_textual():
    import subprocess
    import sys

    code = ("import sys; import thermo_orbit.tui.state, thermo_orbit.tui.results_model, thermo_orbit.tui.recovery, "
            "thermo_orbit.tui.display_units, thermo_orbit.tui.formatting; print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
