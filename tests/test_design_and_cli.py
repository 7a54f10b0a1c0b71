"""Design files, the command line, and the package boundary."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import textwrap

import pytest

from thermo_orbit.cli import main
from thermo_orbit.design import DesignError, default_design_path, load_design


def write(tmp_path, text, name="d.toml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text))
    return p


def test_default_design_loads():
    d = load_design(default_design_path())
    assert d["rack.power"].to("kW").magnitude == 120.0
    assert d["rack.max_junction_temperature"].to("K").magnitude == pytest.approx(358.15)
    assert d.orbit().inclination.to("deg").magnitude == pytest.approx(97.59, abs=0.01)


def test_all_problems_reported_at_once_with_field_paths(tmp_path):
    p = write(tmp_path, """
        [rack]
        power = 120
        max_junction_temperatur = "85 degC"
        [orbit]
        altitude = "550 kg"
        inclination = "200 deg"
    """)
    with pytest.raises(DesignError) as info:
        load_design(p)
    msg = str(info.value)
    fields = {e.field for e in info.value.problems}
    assert fields == {"rack.power", "rack.max_junction_temperatur", "orbit.altitude", "orbit.inclination", "rack.mass"}
    assert 'did you mean "rack.max_junction_temperature"' in msg
    assert "(a plain number)" in msg
    assert "orbit.inclination: expected 0 deg to 180 deg" in msg


def test_missing_inclination_for_non_sso(tmp_path):
    p = write(tmp_path, """
        [rack]
        power = "50 kW"
        mass = "500 kg"
        [orbit]
        altitude = "400 km"
    """)
    with pytest.raises(DesignError) as info:
        load_design(p)
    assert info.value.problems[0].field == "orbit.inclination"


def test_bad_toml_and_missing_file(tmp_path):
    with pytest.raises(DesignError, match="not valid TOML"):
        load_design(write(tmp_path, "[rack\npower="))
    with pytest.raises(DesignError, match="no such design file"):
        load_design(tmp_path / "nope.toml")


def test_cli_default_runs(capsys):
    assert main([]) == 0  # the main job: size the default design
    out = capsys.readouterr().out
    assert "FEASIBLE" in out and "95.65 min" in out


def test_cli_json(capsys):
    assert main(["summary", str(default_design_path()), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"]["unit"] == "min"
    assert data["period"]["value"] == pytest.approx(95.65, abs=0.01)


def test_cli_bad_design_no_traceback(tmp_path, capsys):
    p = write(tmp_path, '[rack]\npower = "120 kW"\nmass = "1 t"\n[orbit]\naltitude = "-3 km"\nsun_synchronous = true\n')
    assert main(["summary", str(p)]) == 2
    err = capsys.readouterr().err
    assert "orbit.altitude" in err and "Traceback" not in err


def test_import_does_not_import_textual():
    code = "import sys, thermo_orbit; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_console_script_from_other_directory(tmp_path):
    out = subprocess.run([sys.executable, "-m", "thermo_orbit.cli", "summary", "--json"],
                         capture_output=True, text=True, cwd=tmp_path, check=True)
    assert json.loads(out.stdout)["design"] == "default"


def test_cli_materials_list(capsys):
    assert main(["materials", "list", "coolant"]) == 0
    out = capsys.readouterr().out
    assert "NaK-78" in out and "Galinstan" in out


def test_cli_materials_show_with_temperature(capsys):
    assert main(["materials", "show", "sodium", "--temperature", "600 K"]) == 0
    out = capsys.readouterr().out
    assert "874.43 kg/m³" in out and "ANL/RE-95/2" in out


def test_cli_materials_show_flags_extrapolation(capsys):
    assert main(["materials", "show", "Na", "--temperature", "2000 K"]) == 0
    assert "EXTRAPOLATED" in capsys.readouterr().out


def test_cli_materials_unknown_suggests(capsys):
    assert main(["materials", "show", "nak"]) == 2
    assert "NaK-78" in capsys.readouterr().err


def test_design_field_reference_is_current():
    # docs/design-fields.md is generated from FIELDS; regenerate with
    # `python -m thermo_orbit.design > docs/design-fields.md`.
    from pathlib import Path

    from thermo_orbit.design import fields_markdown

    doc = Path(__file__).resolve().parent.parent / "docs" / "design-fields.md"
    assert doc.read_text() == fields_markdown()


@pytest.mark.parametrize("text", ["0:", "5 kW/", "3 **", "1e400 W", "12 meters per fortnight", ""])
def test_parse_quantity_junk_is_a_value_error(text):
    from thermo_orbit.units import parse_quantity

    with contextlib.suppress(ValueError):
        parse_quantity(text)


def _all_materials():
    from thermo_orbit import materials as mat

    # every family, "system" included: the --family choices are materials.FAMILIES itself
    return [(f, n) for f in mat.FAMILIES for n in mat.list_materials(f)]


@pytest.mark.parametrize("family, name", _all_materials())
def test_cli_materials_show_every_entry(family, name, capsys):
    assert main(["materials", "show", name, "--family", family]) == 0
    assert name in capsys.readouterr().out


def test_cli_family_choices_are_the_database_families(capsys):
    from thermo_orbit import materials as mat

    assert main(["materials", "list", "system"]) == 0
    assert capsys.readouterr().out.startswith("system: ")
    with pytest.raises(SystemExit) as info:
        main(["materials", "list", "no-such-family"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert all(f"'{f}'" in err for f in mat.FAMILIES)  # argparse lists the choices


def test_tests_use_the_shipped_examples_not_the_folder():
    # a user's own design saved in designs/ must not break `make test`: the tests take the
    # shipped list (tests/shipped.py), which names files that exist and the README lists
    from pathlib import Path

    from shipped import SHIPPED_DESIGNS, design_paths, spec_paths

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for path in design_paths() + spec_paths():
        assert path.is_file(), path
    for name in SHIPPED_DESIGNS:
        assert f"{name}.toml" in readme, name
    for test in Path(__file__).resolve().parent.glob("test_*.py"):
        text = test.read_text(encoding="utf-8")
        assert not re.search(r"designs[\"'/)\s]*\)?\s*\.glob\(|sweeps[\"'/)\s]*\)?\s*\.glob\(", text), test.name


def test_every_shipped_data_folder_is_a_declared_package():
    # setuptools warns (about 40 lines at every `make run`) about a data folder under a
    # package that is not itself declared as one: designs/sweeps was such a folder
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    cfg = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {v: k for k, v in cfg["package-dir"].items()}
    for rel in ("designs", "designs/sweeps", "materials"):  # the shipped data folders
        assert rel in folders, f"{rel}: not in [tool.setuptools.package-dir]"
        assert folders[rel] in cfg["packages"] and folders[rel] in cfg["package-data"], rel


def test_make_prints_one_line_while_installing():
    from pathlib import Path

    make = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    recipe = make.split("$(STAMP): pyproject.toml\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert recipe[0].strip().startswith('@echo "installing thermo-orbit into')
    for line in recipe[1:]:
        assert line.strip().startswith("@"), line  # the commands are not echoed
        if "pip install" in line:
            assert "> $(LOG) 2>&1" in line or ">> $(LOG) 2>&1" in line, line  # pip's output to the log
