"""The scripts in examples/ run with their fast setting and print what they promise.

Each runs in a subprocess with this interpreter, as a user would run it; the checks are on
the quantities and units the output must mention, and on numbers the rest of the suite
pins down (the default orbit's longest eclipse, the Starship-load mass per rack).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(script: str, *args: str) -> str:
    proc = subprocess.run([sys.executable, str(EXAMPLES / script), *args], capture_output=True, text=True,
                          timeout=60, cwd=EXAMPLES.parent)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def test_every_example_has_a_docstring_and_a_fast_setting():
    scripts = sorted(EXAMPLES.glob("*.py"))
    assert {p.name for p in scripts} >= {"coolant_vs_radiator_temperature.py", "beta_season.py", "racks_per_launch.py"}
    for p in scripts:
        text = p.read_text()
        assert text.startswith('"""'), f"{p.name}: no module docstring"
        assert "--quick" in text or "--step" in text, f"{p.name}: no fast setting"
        # the public API only: nothing private from the package
        assert not re.search(r"thermo_orbit\S*\._|import _", text), f"{p.name}: uses a private name"


def test_coolant_trade_quick():
    out = run("coolant_vs_radiator_temperature.py", "--quick")
    for word in ("NaK-78", "Na ", "ammonia", "radiator area", "total mass", "feasible"):
        assert word in out
    assert re.search(r"\d+\.\d m\^2", out) and re.search(r"[\d,]+ kg", out) and "degC" in out
    # sodium melts at 98 degC: frozen under 85 degC chips; NaK-78 is feasible there
    assert re.search(r"Na\s+97\.9 degC\s+85 degC.*NO: freeze", out)
    assert re.search(r"NaK-78\s+-12\.6 degC\s+85 degC.*feasible", out)
    assert "Lightest feasible" in out


def test_beta_season_coarse_with_plot(tmp_path):
    png = tmp_path / "beta.png"
    out = run("beta_season.py", "--step", "10", "--plot", str(png))
    assert "default design" in out and "ISS-like" in out
    assert out.count("longest eclipse") == 2 and out.count("days with eclipse") == 2
    # the ISS-like orbit at beta = 0: 36.1 min (orbit.eclipse_duration's doctest)
    assert re.search(r"longest eclipse\s+36\.1\d min", out)
    # the dawn-dusk orbit: an eclipse season around the June solstice, about 21.7 min at most
    assert re.search(r"longest eclipse\s+21\.\d+ min", out)
    assert re.search(r"beta range\s+-?\d+\.\d+ deg to -?\d+\.\d+ deg", out)
    assert png.stat().st_size > 10_000


def test_racks_per_launch_quick():
    out = run("racks_per_launch.py", "--quick")
    assert re.search(r"mass per rack", out) and "racks per launch" in out
    # README: about 12.3 t per 120 kW rack with its bus and growth allowance, about 10 racks per launch
    per_rack = float(re.search(r"For 500 racks: ([\d,]+) kg per rack", out).group(1).replace(",", ""))
    assert per_rack == pytest.approx(12311, rel=0.02)
    assert re.search(r"racks per launch: [78]\.\d", out)
    assert "DOES NOT HOLD" in out and "500 racks per launch" in out


def test_racks_per_launch_claim_is_a_parameter():
    out = run("racks_per_launch.py", "--quick", "--claim", "5")
    assert "Claim: 5 racks per launch (as given)" in out and "HOLDS" in out
