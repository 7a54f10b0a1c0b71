"""The validation report: every published case of thermo_orbit/validation/cases.toml passes
within its tolerance, the committed docs/validation.md is what the code gives, and the
``validate`` command's exit status, report and figures."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from thermo_orbit import validation as val
from thermo_orbit.cli import main
from thermo_orbit.units import Q_

ROOT = Path(__file__).resolve().parent.parent
CASES = val.load_cases()
POINTS = tomllib.loads((ROOT / "tests" / "reference" / "coolant_points.toml").read_text())["point"]
LIQUID_METALS = {"Na", "K", "NaK-78", "LBE", "Li", "Ga", "Galinstan"}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']} ({c['reference']})" for c in CASES])
def test_case_passes(case):
    """Each case: the published value of its source, within its tolerance."""
    (r,) = val.run_cases([case])
    assert r.passed, (f"{r.id}: published {r.published_text}, computed {val.format_computed(r)}, "
                      f"error {val.format_error(r)}, tolerance {r.tolerance_text} {r.message} [{r.source}]")


def test_cases_file_is_complete():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert {c["family"] for c in CASES} == set(val.FAMILIES)  # every family has cases
    systems = [c for c in CASES if c["family"] == "whole system"]
    assert any("ISS" in c["description"] for c in systems)
    assert any("NaK" in c["description"] for c in systems)
    for c in CASES:
        assert len(c["source"]) > 20, c["id"]  # a full citation, not a key


def test_liquid_metal_points_are_the_test_suite_reference_points():
    # The liquid-metal family holds every liquid-metal point of tests/reference/coolant_points.toml,
    # unchanged: one set of published values, checked in both places.
    cases = {(c["options"]["material"], c["options"]["property"], c["inputs"].get("temperature"), c["source"]): c
             for c in CASES if c["evaluator"] == "coolant_property"}
    points = [p for p in POINTS if p["material"] in LIQUID_METALS]
    assert len(cases) == len(points)
    for p in points:
        fixed = p["property"] in ("melting_point", "boiling_point")
        c = cases[(p["material"], p["property"], None if fixed else p["temperature"], p["source"])]
        assert (c["published"], c["tolerance"]) == (p["value"], p["tolerance"])


def test_committed_report_is_fresh():
    committed = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    results = val.run_cases()
    fresh = val.validation_markdown(results, plots="validation")
    assert committed == fresh, ("docs/validation.md is stale: run "
                                "'thermo-orbit validate --markdown docs/validation.md --plots docs/validation'")
    for name in val.plot_files(results):
        assert (ROOT / "docs" / "validation" / name).is_file()


def test_report_has_a_table_per_family_and_no_date():
    results = val.run_cases()
    text = val.validation_markdown(results)
    for family in val.FAMILIES:
        assert f"## {family[0].upper()}{family[1:]}" in text
    assert "| case | source | published | thermo-orbit | error | tolerance | result |" in text
    assert "2026" not in text.split("## ")[0]  # the header holds no date
    assert val.validation_markdown(results) == text  # deterministic


# --------------------------------------------------------------------------- runner

def _case(**over):
    case = {"id": "x", "family": "orbit geometry", "description": "d", "reference": "r",
            "source": "a source of some length", "published": "86164.0905 s", "tolerance": "1 s",
            "evaluator": "orbital_period", "inputs": {"altitude": "35786.033 km"}}
    case.update(over)
    return case


@pytest.mark.parametrize("tolerance, published, passed", [
    ("1 s", "86164.0905 s", True), ("0.001 s", "86164.0905 s", False),
    ("0.01 %", "86160 s", True), ("0.001 %", "86160 s", False),
    ("0.05 min", "1436.07 min", True), ("1 s", "23.934 hour", False),
])
def test_tolerance_absolute_and_relative(tolerance, published, passed):
    (r,) = val.run_cases([_case(tolerance=tolerance, published=published)])
    assert r.passed is passed
    assert r.error.units == r.published.units


def test_offset_temperatures_compare_in_kelvin():
    case = _case(evaluator="coolant_property", published="97.85 degC", tolerance="0.2 K",
                 options={"material": "Na", "property": "melting_point"}, inputs={})
    (r,) = val.run_cases([case])
    assert r.passed and r.error.units == Q_(1, "K").units


def test_evaluator_error_is_a_failed_case_with_its_reason():
    (r,) = val.run_cases([_case(inputs={"altitude": "-5 km"})])
    assert not r.passed and r.computed is None and "altitude" in r.message
    assert "Evaluation failed" in val.validation_markdown([r])


def test_malformed_data_names_case_and_field(tmp_path):
    f = tmp_path / "cases.toml"
    f.write_text('[[case]]\nid = "bad"\nfamily = "orbit geometry"\ndescription = "d"\nreference = "r"\n'
                 'published = "1 s"\ntolerance = "1 s"\nevaluator = "orbital_period"\n')
    with pytest.raises(val.ValidationDataError, match=r"bad.*missing source"):
        val.load_cases(f)
    f.write_text(f.read_text() + 'source = "s"\ninputs = { altitude = "550 bananas" }\n')
    with pytest.raises(val.ValidationDataError, match=r"bad.inputs.altitude"):
        val.load_cases(f)


def test_unreadable_data_file_names_the_file(tmp_path):
    # cases.toml is read by the project's one TOML reader (thermo_orbit._io.read_toml)
    f = tmp_path / "cases.toml"
    f.write_text("[[case]\nid = ")
    with pytest.raises(val.ValidationDataError, match=r"cases\.toml: not valid TOML"):
        val.load_cases(f)
    with pytest.raises(val.ValidationDataError, match=r"no-such\.toml"):
        val.load_cases(tmp_path / "no-such.toml")


def test_one_registry_refuses_a_name_twice():
    from thermo_orbit.validation.evaluators import evaluator

    with pytest.raises(ValueError, match="orbital_period"):
        evaluator("orbital_period")(lambda inputs, options: Q_(1.0, "s"))
    assert val.EVALUATORS["orbital_period"].__module__ == "thermo_orbit.validation.evaluators_orbit"


def test_plots_written(tmp_path):
    results = val.run_cases([c for c in CASES if c["family"] == "orbit geometry"
                             or c.get("options", {}).get("material") == "Na"])
    written = val.validation_plots(results, tmp_path / "figs")
    assert [p.name for p in written] == val.plot_files(results) == ["parity.png", "coolant-Na.png"]
    for p in written:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5000


# --------------------------------------------------------------------------- command line

def test_cli_validate_exit_0(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert f"{len(CASES)} of {len(CASES)} cases pass" in out
    assert "FAIL" not in out and "orbit-sso-inclination-vallado-ex11-2" in out and "Vallado" in out


def test_cli_validate_exit_1_when_a_case_fails(monkeypatch, capsys):
    monkeypatch.setitem(val.EVALUATORS, "orbital_period", lambda inputs, options: Q_(1.0, "s"))
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "orbit-period-geostationary" in out


def test_cli_validate_writes_report_and_figures(monkeypatch, tmp_path, capsys):
    subset = [c for c in CASES if c["family"] in ("whole system", "hydraulics")]
    monkeypatch.setattr(val, "load_cases", lambda path=None: subset)
    md, figs = tmp_path / "report.md", tmp_path / "figs"
    assert main(["validate", "--markdown", str(md), "--plots", str(figs)]) == 0
    text = md.read_text(encoding="utf-8")
    assert text == val.validation_markdown(val.run_cases(subset), plots="figs")
    assert (figs / "parity.png").is_file()


def test_cli_validate_bad_arguments_exit_2(tmp_path, capsys):
    assert main(["validate", "--markdown", str(tmp_path / "no-such-folder" / "v.md")]) == 2
    err = capsys.readouterr().err
    assert "--markdown" in err and "Traceback" not in err
    (tmp_path / "file").write_text("x")
    assert main(["validate", "--plots", str(tmp_path / "file")]) == 2
    assert "--plots" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["validate", "--bogus"])
    assert info.value.code == 2
